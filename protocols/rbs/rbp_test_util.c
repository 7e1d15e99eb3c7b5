/*
 * Helpers of the remote backup profile tests (see rbp_test_util.h): the
 * scenario worlds, the stand-in channel (messages through the RBS codec,
 * delivered after BT_DELAY in order, per direction), host joins and
 * stream counters, and read-outs of records, displays and forwarding
 * entries. No RFC logic lives here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/bfd/bfd_router.h"
#include "protocols/gmp/gmp_host.h"
#include "protocols/gmp/gmp_snoop.h"
#include "protocols/mtrack/mtrack.h"
#include "protocols/pim/pim_router.h"
#include "protocols/protocols.h"
#include "protocols/rbs/rbp_test_util.h"
#include "protocols/track/track.h"
#include "protocols/vrrp/vrrp_router.h"
#include "sim/measure/meas_payload.h"
#include "sim/node/node_host.h"

/* ---- the stand-in channel ---- */

struct bt_msg {
	struct bt_msg *next;
	sim_time_t at;
	size_t len;
	uint8_t buf[];
};

/* One side's end: what rbs.h calls a service. */
struct rbs_svc {
	struct bt_fake *f;
	int side;
	enum rbs_state st;
	struct rbs_listener l[16];
	int nl;
	struct rbp_inst *in;	    /* whose listeners these are */
	struct bt_msg *head, *tail; /* on their way to this side */
	struct sim_timer t;
	uint64_t sent[RBS_T__MAX];
	int drop_type; /* drop the next message of this type sent; 0 none */
	uint32_t seq;
};

struct bt_fake {
	struct bt *t;
	struct rbs_svc s[2];
	struct rbs_msg rx; /* decode buffer */
};

static int side_of(struct bt_fake *f, const struct router *r)
{
	return r == f->t->r[1];
}

static bool alive(struct rbs_svc *s)
{
	return s->in && rbp_inst(s->f->t->r[s->side]) == s->in;
}

static struct rbs_svc *f_find(void *ctx, struct router *r, const char *name)
{
	struct bt_fake *f = ctx;

	return strcmp(name, "rbs1") ? NULL : &f->s[side_of(f, r)];
}

static enum rbs_state f_state(void *ctx, const struct rbs_svc *s)
{
	(void)ctx;
	return s->st;
}

static int f_send(void *ctx, struct rbs_svc *s, const struct rbs_msg *m)
{
	struct bt_fake *f = ctx;
	struct rbs_svc *to = &f->s[1 - s->side];
	uint8_t buf[RBS_MAX_MSG];
	struct bt_msg *q;
	int n;

	if (s->st != RBS_CONNECTED)
		return -1;
	n = rbs_pkt_encode(m, buf, sizeof(buf));
	assert_true(n >= RBS_HDR_LEN);
	assert_true(m->type < RBS_T__MAX);
	s->sent[m->type]++;
	if (s->drop_type == m->type) {
		s->drop_type = 0;
		return 0;
	}
	q = malloc(sizeof(*q) + (size_t)n);
	assert_non_null(q);
	q->next = NULL;
	q->len = (size_t)n;
	memcpy(q->buf, buf, (size_t)n);
	q->buf[8] = (uint8_t)(++s->seq >> 24); /* the channel numbers them */
	q->buf[9] = (uint8_t)(s->seq >> 16);
	q->buf[10] = (uint8_t)(s->seq >> 8);
	q->buf[11] = (uint8_t)s->seq;
	q->at = sim_now(sim_world_engine(f->t->w)) + BT_DELAY;
	if (to->tail)
		to->tail->next = q;
	else
		to->head = q;
	to->tail = q;
	if (!sim_timer_armed(&to->t))
		sim_timer_arm(&to->t, q->at);
	return 0;
}

static int f_listen(void *ctx, struct rbs_svc *s, const struct rbs_listener *l)
{
	struct rbp_inst *in = rbp_inst(((struct bt_fake *)ctx)->t->r[s->side]);

	if (s->in != in) { /* a new instance: the old one's are gone */
		s->in = in;
		s->nl = 0;
	}
	if (s->nl == 16)
		return -1;
	s->l[s->nl++] = *l;
	return 0;
}

static void f_unlisten(void *ctx, struct rbs_svc *s, void *lctx)
{
	(void)ctx;
	for (int i = 0; i < s->nl; i++)
		if (s->l[i].ctx == lctx) {
			s->l[i] = s->l[--s->nl];
			return;
		}
}

static int f_watch(void *ctx, struct router *r, rbs_svc_fn fn, void *wctx)
{
	(void)ctx;
	(void)r;
	(void)fn;
	(void)wctx;
	return 0; /* the stand-in's services never come or go */
}

static void f_set_ids(void *ctx, struct rbs_svc *s, const uint32_t *ids,
		      uint16_t n)
{
	(void)ctx;
	(void)s;
	(void)ids;
	(void)n;
}

static const struct rbp_chan_ops fake_ops = {
	.find = f_find,
	.state = f_state,
	.send = f_send,
	.listen = f_listen,
	.unlisten = f_unlisten,
	.watch = f_watch,
	.set_ids = f_set_ids,
};

/* Call every listener of s (on a copy: they may unlisten). */
static void tell(struct rbs_svc *s, const struct rbs_msg *m)
{
	struct rbs_listener l[16];
	int n = s->nl;

	if (!alive(s))
		return;
	memcpy(l, s->l, sizeof(l[0]) * (size_t)n);
	for (int i = 0; i < n; i++) {
		if (m)
			l[i].msg(l[i].ctx, s, m);
		else
			l[i].state(l[i].ctx, s, s->st);
	}
}

static void deliver(struct sim_timer *t)
{
	struct rbs_svc *s = sim_container_of(t, struct rbs_svc, t);
	struct bt_msg *q = s->head;

	s->head = q->next;
	if (!s->head)
		s->tail = NULL;
	else
		sim_timer_arm(&s->t, s->head->at);
	assert_int_equal(rbs_pkt_decode(q->buf, q->len, &s->f->rx), RBS_PKT_OK);
	free(q);
	tell(s, &s->f->rx);
}

static void flush_queue(struct rbs_svc *s)
{
	while (s->head) {
		struct bt_msg *q = s->head;

		s->head = q->next;
		free(q);
	}
	s->tail = NULL;
	sim_timer_cancel(&s->t);
}

static void set_state(struct bt *t, enum rbs_state st)
{
	for (int i = 0; i < 2; i++) {
		t->f->s[i].st = st;
		if (st != RBS_CONNECTED)
			flush_queue(&t->f->s[i]);
	}
	for (int i = 0; i < 2; i++)
		tell(&t->f->s[i], NULL);
}

void bt_up(struct bt *t)
{
	set_state(t, RBS_CONNECTED);
}

void bt_cut(struct bt *t)
{
	set_state(t, RBS_CONNECTING);
}

uint64_t bt_sent(const struct bt *t, int side, uint8_t type)
{
	return t->f->s[side].sent[type];
}

void bt_drop_next(struct bt *t, int side, uint8_t type)
{
	t->f->s[side].drop_type = type;
}

void bt_attach(struct bt *t, int side)
{
	struct rbp_inst *in = rbp_inst(t->r[side]);

	assert_non_null(in);
	rbp_set_channel(in, &fake_ops, t->f);
}

void bt_inject(struct bt *t, int side, const struct rbs_msg *m)
{
	tell(&t->f->s[side], m);
}

static void fake_new(struct bt *t)
{
	t->f = calloc(1, sizeof(*t->f));
	assert_non_null(t->f);
	t->f->t = t;
	for (int i = 0; i < 2; i++) {
		t->f->s[i].f = t->f;
		t->f->s[i].side = i;
		t->f->s[i].st = RBS_CONNECTING;
		assert_int_equal(sim_timer_init(sim_world_engine(t->w),
						&t->f->s[i].t, deliver),
				 0);
	}
	bt_attach(t, 0);
	bt_attach(t, 1);
}

static void fake_free(struct bt_fake *f)
{
	if (!f)
		return;
	for (int i = 0; i < 2; i++) {
		flush_queue(&f->s[i]);
		sim_timer_fini(&f->s[i].t);
	}
	free(f);
}

/* ---- worlds ---- */

/* Both routers of the pair: the peer link (mVRRP), the uplink to R3,
 * the LAN (its group follows the mVRRP, multicast gated by it) bound to
 * profile p1. Slots: x, x, prio, x, x, x, x, x, extra. */
#define PAIR4                                                                  \
	"  - name: R%d\n    kind: router\n    boot_delay: 1s\n"                \
	"    config: |\n"                                                      \
	"      system-view\n      sysname R%d\n      vrrp version 3\n"         \
	"      multicast routing-enable\n"                                     \
	"      interface GigabitEthernet0/3/0\n"                               \
	"       ip address 10.0.12.%d 29\n%s"                                  \
	"      interface GigabitEthernet0/2/0\n"                               \
	"       ip address 10.0.%d3.1 30\n       pim sm\n"                     \
	"      interface GigabitEthernet0/1/0\n"                               \
	"       ip address 10.1.1.%d 24\n%s"                                   \
	"       pim sm\n       pim ignore dr-state\n"                          \
	"       pim ignore assert-state\n       igmp enable\n"                 \
	"      quit\n%s"                                                       \
	"      remote-backup-profile p1\n"                                     \
	"       backup-id 10 remote-backup-service rbs1\n"                     \
	"       peer-backup hot\n       %s\n      quit\n"                      \
	"      interface GigabitEthernet0/1/0\n"                               \
	"       remote-backup-profile p1\n      quit\n"                        \
	"      pim\n       static-rp 3.3.3.3\n      quit\n"                    \
	"      ip route-static 10.0.0.0 24 10.0.%d3.2\n"                       \
	"      ip route-static 3.3.3.3 32 10.0.%d3.2\n%s"                      \
	"      commit\n"

#define PAIR6                                                                  \
	"  - name: R%d\n    kind: router\n    boot_delay: 1s\n"                \
	"    config: |\n"                                                      \
	"      system-view\n      sysname R%d\n"                               \
	"      multicast ipv6 routing-enable\n"                                \
	"      interface GigabitEthernet0/3/0\n       ipv6 enable\n"           \
	"       ipv6 address 2001:DB8:12::%d 64\n%s"                           \
	"      interface GigabitEthernet0/2/0\n       ipv6 enable\n"           \
	"       ipv6 address 2001:DB8:%d3::1 64\n       pim ipv6 sm\n"         \
	"      interface GigabitEthernet0/1/0\n       ipv6 enable\n"           \
	"       ipv6 address 2001:DB8:1::%d 64\n%s"                            \
	"       pim ipv6 sm\n       pim ipv6 ignore dr-state\n"                \
	"       pim ipv6 ignore assert-state\n       mld enable\n"             \
	"      quit\n%s"                                                       \
	"      remote-backup-profile p1\n"                                     \
	"       backup-id 10 remote-backup-service rbs1\n"                     \
	"       peer-backup hot\n       %s\n      quit\n"                      \
	"      interface GigabitEthernet0/1/0\n"                               \
	"       remote-backup-profile p1\n      quit\n"                        \
	"      pim-ipv6\n       static-rp 2001:DB8:FF::3\n      quit\n"        \
	"      ipv6 route-static 2001:DB8:: 64 2001:DB8:%d3::2\n"              \
	"      ipv6 route-static 2001:DB8:FF::3 128 2001:DB8:%d3::2\n%s"       \
	"      commit\n"

#define MVRRP(v, prio)                                                         \
	"       " v " vrid 1 virtual-ip %s\n"                                  \
	"       admin-" v " vrid 1 ignore-if-down\n"                           \
	"       " v " vrid 1 priority " prio "\n"                              \
	"       " v " vrid 1 timer advertise 100 milli-second\n"
#define SVC(v, vip)                                                            \
	"       " v " vrid 2 virtual-ip " vip "\n"                             \
	"       " v " vrid 2 track admin-" v                                   \
	" interface GigabitEthernet0/3/0 vrid 1\n"
#define LANGRP(v, vip, prio)                                                   \
	"       " v " vrid 1 virtual-ip " vip "\n"                             \
	"       " v " vrid 1 priority " prio "\n"                              \
	"       " v " vrid 1 timer advertise 100 milli-second\n"

static const char r3_cfg[] =
	"  - name: R3\n    kind: router\n    config: |\n"
	"      system-view\n      sysname R3\n"
	"      multicast routing-enable\n      multicast ipv6 routing-enable\n"
	"      interface GigabitEthernet0/1/0\n"
	"       ip address 10.0.13.2 30\n       ipv6 enable\n"
	"       ipv6 address 2001:DB8:13::2 64\n"
	"       pim sm\n       pim ipv6 sm\n"
	"      interface GigabitEthernet0/2/0\n"
	"       ip address 10.0.23.2 30\n       ipv6 enable\n"
	"       ipv6 address 2001:DB8:23::2 64\n"
	"       pim sm\n       pim ipv6 sm\n"
	"      interface GigabitEthernet0/3/0\n"
	"       ip address 10.0.0.1 24\n       ipv6 enable\n"
	"       ipv6 address 2001:DB8::1 64\n"
	"       pim sm\n       pim ipv6 sm\n"
	"      interface LoopBack0\n       ip address 3.3.3.3 32\n"
	"       ipv6 enable\n       ipv6 address 2001:DB8:FF::3 128\n"
	"      pim\n       static-rp 3.3.3.3\n      quit\n"
	"      pim-ipv6\n       static-rp 2001:DB8:FF::3\n      quit\n"
	"      commit\n";

static const char rest[] =
	"  - { name: SW1, kind: switch }\n"
	"  - name: src\n    kind: host\n    interfaces:\n"
	"      - { ipv4: 10.0.0.10/24, gateway: 10.0.0.1, "
	"ipv6: \"2001:db8::10/64\", gateway6: \"2001:db8::1\" }\n"
	"  - name: h1\n    kind: host\n    interfaces:\n"
	"      - { ipv4: 10.1.1.11/24, ipv6: \"2001:db8:1::11/64\" }\n"
	"  - name: h2\n    kind: host\n    interfaces:\n"
	"      - { ipv4: 10.1.1.12/24, ipv6: \"2001:db8:1::12/64\" }\n"
	"links:\n"
	"  - { name: src, a: \"src:eth0\", b: \"R3:GE0/3/0\" }\n"
	"  - { name: r13, a: \"R1:GE0/2/0\", b: \"R3:GE0/1/0\" }\n"
	"  - { name: r23, a: \"R2:GE0/2/0\", b: \"R3:GE0/2/0\" }\n"
	"  - { name: r12, a: \"R1:GE0/3/0\", b: \"R2:GE0/3/0\" }\n"
	"  - { name: lan-r1, a: \"R1:GE0/1/0\", b: \"SW1:p1\" }\n"
	"  - { name: lan-r2, a: \"R2:GE0/1/0\", b: \"SW1:p2\" }\n"
	"  - { name: lan-h1, a: \"h1:eth0\", b: \"SW1:p3\" }\n"
	"  - { name: lan-h2, a: \"h2:eth0\", b: \"SW1:p4\" }\n";

/* The remote backup service's own link (the real channel). */
static const char rbs_link[] =
	"  - { name: rbs, a: \"R1:GE0/4/0\", b: \"R2:GE0/4/0\" }\n";

/* What differs between the kinds, per router (0 R1, 1 R2). */
struct bt_cfg {
	char peer[512], lan[512], rbs[256], vr[128];
};

static void kind_cfg(enum bt_kind kind, bool fake, int i, struct bt_cfg *c)
{
	const char *prio = i ? "100" : "120";
	int x = i + 1;

	memset(c, 0, sizeof(*c));
	if (kind == BT_MLD) {
		snprintf(c->peer, sizeof(c->peer), MVRRP("vrrp6", "%s"),
			 "FE80::6 link-local", prio);
		snprintf(c->lan, sizeof(c->lan), "%s",
			 SVC("vrrp6",
			     "FE80::254 link-local") "       multicast ipv6 "
						     "track admin-vrrp6 "
						     "interface "
						     "GigabitEthernet0/3/0 "
						     "vrid 1\n");
		snprintf(c->vr, sizeof(c->vr),
			 "vrrp6-id 1 interface GigabitEthernet0/3/0");
		if (!fake)
			snprintf(c->rbs, sizeof(c->rbs),
				 "      interface GigabitEthernet0/4/0\n"
				 "       ipv6 enable\n"
				 "       ipv6 address 2001:DB8:14::%d 64\n"
				 "      remote-backup-service rbs1\n"
				 "       peer-ipv6 2001:DB8:14::%d source-ipv6 "
				 "2001:DB8:14::%d port 2046\n      quit\n",
				 x, 3 - x, x);
		return;
	}
	if (kind == BT_FLOWDOWN) {
		snprintf(c->peer, sizeof(c->peer), MVRRP("vrrp", "%s"),
			 "10.0.12.6", prio);
		snprintf(c->lan, sizeof(c->lan), "%s",
			 SVC("vrrp",
			     "10.1.1.254") "       multicast track admin-vrrp "
					   "interface "
					   "GigabitEthernet0/3/0 vrid 1\n");
		snprintf(c->vr, sizeof(c->vr),
			 "vrrp-id 1 interface GigabitEthernet0/3/0");
	} else {
		snprintf(c->lan, sizeof(c->lan), "%s",
			 i ? LANGRP("vrrp", "10.1.1.254", "100")
			   : LANGRP("vrrp", "10.1.1.254", "120"));
		strcat(c->lan, "       multicast track vrrp vrid 1\n");
		snprintf(c->vr, sizeof(c->vr),
			 "vrrp-id 1 interface GigabitEthernet0/1/0");
	}
	if (!fake)
		snprintf(c->rbs, sizeof(c->rbs),
			 "      interface GigabitEthernet0/4/0\n"
			 "       ip address 10.0.14.%d 30\n"
			 "      remote-backup-service rbs1\n"
			 "       peer 10.0.14.%d source 10.0.14.%d port 2046\n"
			 "      quit\n",
			 x, 3 - x, x);
}

static void build(enum bt_kind kind, bool fake, const char *extra,
		  const char *faults, char *text, size_t len)
{
	size_t n;

	n = (size_t)snprintf(text, len,
			     "name: rbp\nseed: 7\nduration: 60s\n"
			     "nodes:\n");
	for (int i = 0; i < 2; i++) {
		struct bt_cfg c;
		int x = i + 1;

		kind_cfg(kind, fake, i, &c);
		n += (size_t)snprintf(
			text + n, len - n, kind == BT_MLD ? PAIR6 : PAIR4, x, x,
			x, c.peer, x, x, c.lan, c.rbs, c.vr, x, x, extra);
	}
	n += (size_t)snprintf(text + n, len - n,
			      "%s%s%straffic:\n  multicast:\n", r3_cfg, rest,
			      fake ? "" : rbs_link);
	for (int k = 0; k < BT_NGRP; k++)
		n += (size_t)snprintf(
			text + n, len - n,
			"    - { name: g%d, source: src, group: \"%s%d\", "
			"rate: 1000, size: 64, port: %d, start: 1s }\n",
			k + 1, kind == BT_MLD ? "ff1e::1:" : "239.1.1.", k + 1,
			BT_PORT + k);
	n += (size_t)snprintf(text + n, len - n, "%s", faults);
	assert_true(n < len);
}

static void on_udp(void *ctx, struct node *h, const struct node_host_udp_rx *m)
{
	struct bt_rx *rx = ctx;
	struct meas_payload p;

	(void)h;
	assert_int_equal(meas_payload_decode(m->payload, m->len, &p),
			 MEAS_PAYLOAD_OK);
	assert_true(rx->n < BT_MAX_RX);
	rx->at[rx->n++] = m->t;
}

/* With the stand-in, the routers run no remote backup service. */
static const struct router_module *const fake_modules[] = {
	&bfd_module, &track_module, &vrrp_module, &mtrack_module,
	&gmp_module, &pim_module,   &rbp_module,  NULL,
};

struct bt *bt_load(enum bt_kind kind, bool fake, const char *extra,
		   const char *faults)
{
	struct sim_opts o = { .modules = fake ? fake_modules : protocols_all,
			      .node_modules = protocols_nodes,
			      .quiet = true,
			      .no_plots = true };
	struct bt *t = calloc(1, sizeof(*t));
	static char text[32768];
	char err[2048];

	assert_non_null(t);
	t->af = kind == BT_MLD ? NET_AF_IP6 : NET_AF_IP4;
	build(kind, fake, extra, faults, text, sizeof(text));
	if (scn_load_string(text, "rbp.yaml", &t->spec, err, sizeof(err)))
		fail_msg("%s", err);
	t->w = sim_world_new(t->spec, &o, NULL, err, sizeof(err));
	if (!t->w)
		fail_msg("%s", err);
	for (int i = 0; i < 2; i++) {
		t->r[i] =
			router_from_node(sim_world_node(t->w, i ? "R2" : "R1"));
		t->h[i] = sim_world_node(t->w, i ? "h2" : "h1");
		assert_non_null(t->r[i]);
		assert_non_null(t->h[i]);
		/* IGMPv2 (reports, leaves) or MLDv2. */
		assert_int_equal(
			node_host_set_gmp_version(t->h[i], "eth0", t->af, 2),
			0);
		for (int k = 0; k < BT_NGRP; k++)
			assert_int_equal(node_host_udp_bind(t->h[i],
							    BT_PORT + k, on_udp,
							    &t->rx[i][k]),
					 0);
	}
	if (fake)
		fake_new(t);
	return t;
}

void bt_free(struct bt *t)
{
	fake_free(t->f);
	sim_world_free(t->w);
	scn_spec_free(t->spec);
	free(t);
}

void bt_run(struct bt *t, sim_time_t until)
{
	sim_world_run(t->w, until);
}

/* ---- hosts and read-outs ---- */

static struct net_addr addr(const char *s)
{
	struct net_addr a;

	assert_int_equal(net_addr_parse(s, &a), 0);
	return a;
}

struct net_addr bt_group(const struct bt *t, int k)
{
	char s[32];

	snprintf(s, sizeof(s), "%s%d",
		 t->af == NET_AF_IP6 ? "ff1e::1:" : "239.1.1.", k + 1);
	return addr(s);
}

void bt_join(struct bt *t, int host, int k)
{
	struct net_addr g = bt_group(t, k);

	assert_int_equal(node_host_join(t->h[host], "eth0", &g), 0);
}

void bt_leave(struct bt *t, int host, int k)
{
	struct net_addr g = bt_group(t, k);

	assert_int_equal(node_host_leave(t->h[host], "eth0", &g), 0);
}

const char *bt_cli(struct bt *t, int i, const char *lines, char *buf,
		   size_t len)
{
	struct cli_out out;

	cli_out_init(&out);
	router_cli_exec(t->r[i], lines, &out);
	snprintf(buf, len, "%s", cli_out_str(&out));
	cli_out_free(&out);
	return buf;
}

struct node_iface *bt_iface(struct bt *t, int i, const char *name)
{
	struct node_iface *ifp = node_iface_find(router_node(t->r[i]), name);

	assert_non_null(ifp);
	return ifp;
}

static struct gmp_if *lan_gi(struct bt *t, int i)
{
	return gmp_router_if(t->r[i], bt_iface(t, i, BT_LAN), t->af);
}

struct rec_ctx {
	char *buf;
	size_t len, n, nimp;
};

static void rec_one(void *arg, const struct gmp_group_info *g)
{
	struct rec_ctx *c = arg;
	char a[NET_ADDR_STRLEN];
	size_t o = strlen(c->buf);

	net_addr_fmt(&g->group, a, sizeof(a));
	o += (size_t)snprintf(c->buf + o, c->len - o, "%s %s", a,
			      g->mode == GMP_EXCLUDE ? "EX" : "IN");
	for (size_t i = 0; i < g->nsrc; i++) {
		net_addr_fmt(&g->srcs[i].addr, a, sizeof(a));
		o += (size_t)snprintf(c->buf + o, c->len - o, " %s%s", a,
				      g->srcs[i].expires < 0 ? "(blocked)"
							     : "");
	}
	snprintf(c->buf + o, c->len - o, "\n");
	c->n++;
	c->nimp += g->imported;
}

size_t bt_records(struct bt *t, int i, char *buf, size_t len, size_t *imported)
{
	struct rec_ctx c = { buf, len, 0, 0 };
	struct gmp_if *gi = lan_gi(t, i);

	buf[0] = '\0';
	if (gi && gmp_if_running(gi))
		gmp_if_each_group(gi, rec_one, &c);
	if (imported)
		*imported = c.nimp;
	return c.n;
}

const char *bt_display_groups(struct bt *t, int i, char *buf, size_t len)
{
	char out[16384], *line, *save = NULL;
	size_t o = 0;
	bool v6 = t->af == NET_AF_IP6;

	bt_cli(t, i, v6 ? "display mld group" : "display igmp group", out,
	       sizeof(out));
	buf[0] = '\0';
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char g[64];
		bool imp = strstr(line, "(imported)") != NULL;

		if (v6 && sscanf(line, "   Group Address: %63s", g) != 1)
			continue;
		if (!v6 &&
		    (sscanf(line, "   %63s", g) != 1 || strncmp(g, "239.", 4)))
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%s\n", g,
				      imp ? " (imported)" : "");
	}
	return buf;
}

struct rbp_info bt_info(struct bt *t, int i)
{
	struct rbp_info in;

	assert_int_equal(rbp_profile_info(rbp_inst(t->r[i]), "p1", &in), 0);
	return in;
}

struct gmp_if_info bt_gmp(struct bt *t, int i)
{
	struct gmp_if_info in;
	struct gmp_if *gi = lan_gi(t, i);

	assert_non_null(gi);
	gmp_if_info(gi, &in);
	return in;
}

int bt_lan_oif(struct bt *t, int i, int k)
{
	struct net_addr s =
		addr(t->af == NET_AF_IP6 ? "2001:db8::10" : "10.0.0.10");
	struct net_addr g = bt_group(t, k);
	const struct asic_mfib_entry *e =
		asic_mfib_find(router_asic(t->r[i]), &s, &g);
	int lan = bt_iface(t, i, BT_LAN)->ifindex;

	if (!e)
		return -1;
	for (size_t n = 0; n < e->noifs; n++)
		if (e->oifs[n] == lan)
			return 1;
	return 0;
}

sim_time_t bt_first_rx(const struct bt *t, int host, int k, sim_time_t from)
{
	const struct bt_rx *rx = &t->rx[host][k];

	for (uint64_t i = 0; i < rx->n; i++)
		if (rx->at[i] >= from)
			return rx->at[i];
	return -1;
}

uint64_t bt_count_rx(const struct bt *t, int host, int k, sim_time_t from,
		     sim_time_t to)
{
	const struct bt_rx *rx = &t->rx[host][k];
	uint64_t n = 0;

	for (uint64_t i = 0; i < rx->n; i++)
		n += rx->at[i] >= from && rx->at[i] < to;
	return n;
}
