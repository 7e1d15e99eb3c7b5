/*
 * The hot-backup world of the RBS conformance cases (cf_rbs_int.h): a
 * VRRP pair R1/R2 with an mVRRP on their peer link and the LAN service
 * group following it (flowdown, multicast gated by it), both routers
 * pulling from R3 (the RP and the source's router) with `pim ignore
 * dr-state`, host h1 on the LAN behind a switch running IGMPv2, a source
 * streaming one group at 1000 datagrams a second, and, for hot backup,
 * profile p1 binding the LAN over the remote backup service rbs1 on a
 * link of its own (started by cfh_service_up). The configuration follows
 * the seed procedures (../shared/seeds). No protocol logic lives here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/conform/cf_rbs_int.h"
#include "protocols/gmp/gmp_host.h"
#include "protocols/gmp/gmp_router.h"
#include "protocols/vrrp/vrrp_router.h"
#include "sim/node/node_host.h"

#define LAN   "GigabitEthernet0/1/0"
#define UP    "GigabitEthernet0/2/0"
#define PEER  "GigabitEthernet0/3/0"
#define RBSIF "GigabitEthernet0/4/0"
#define PORT  5001
#define MAXRX 200000 /* datagrams recorded (200 s of the stream) */

struct cfh {
	struct cf_ctx *c;
	struct cf_world *w;
	bool hot;
	struct router *r[3];
	struct node *h1, *src;
	void *h1_gmp;
	struct node_link *rbs;
	struct cfr chan;       /* a channel-world view of the service's link */
	struct sim_timer tick; /* the source's stream */
	bool tick_init;
	sim_time_t *rx; /* h1's receptions */
	uint64_t nrx, lost;
};

/* R1 / R2: slots x, x, prio, x, x, hot part, x, x. */
#define PAIR                                                                   \
	"system-view\n"                                                        \
	"sysname R%d\n"                                                        \
	"vrrp version 3\n"                                                     \
	"multicast routing-enable\n"                                           \
	"interface " PEER "\n"                                                 \
	" ip address 10.0.12.%d 29\n"                                          \
	" vrrp vrid 1 virtual-ip 10.0.12.6\n"                                  \
	" admin-vrrp vrid 1 ignore-if-down\n"                                  \
	" vrrp vrid 1 priority %s\n"                                           \
	" vrrp vrid 1 timer advertise 100 milli-second\n"                      \
	"interface " UP "\n"                                                   \
	" ip address 10.0.%d3.1 30\n"                                          \
	" pim sm\n"                                                            \
	"interface " LAN "\n"                                                  \
	" ip address 10.1.1.%d 24\n"                                           \
	" vrrp vrid 2 virtual-ip 10.1.1.254\n"                                 \
	" vrrp vrid 2 track admin-vrrp interface " PEER " vrid 1\n"            \
	" multicast track admin-vrrp interface " PEER " vrid 1\n"              \
	" pim sm\n"                                                            \
	" pim ignore dr-state\n"                                               \
	" pim ignore assert-state\n"                                           \
	" igmp enable\n"                                                       \
	"quit\n"                                                               \
	"%s"                                                                   \
	"pim\n"                                                                \
	" static-rp 3.3.3.3\n"                                                 \
	"quit\n"                                                               \
	"ip route-static 10.0.0.0 24 10.0.%d3.2\n"                             \
	"ip route-static 3.3.3.3 32 10.0.%d3.2\n"                              \
	"commit\n"

#define HOT                                                                    \
	"interface " RBSIF "\n"                                                \
	" ip address 10.0.14.%d 30\n"                                          \
	"quit\n"                                                               \
	"remote-backup-profile p1\n"                                           \
	" backup-id 10 remote-backup-service rbs1\n"                           \
	" peer-backup hot\n"                                                   \
	" vrrp-id 1 interface " PEER "\n"                                      \
	"quit\n"                                                               \
	"interface " LAN "\n"                                                  \
	" remote-backup-profile p1\n"                                          \
	"quit\n"

static const char r3_cfg[] = "system-view\n"
			     "sysname R3\n"
			     "multicast routing-enable\n"
			     "interface " LAN "\n"
			     " ip address 10.0.13.2 30\n"
			     " pim sm\n"
			     "interface " UP "\n"
			     " ip address 10.0.23.2 30\n"
			     " pim sm\n"
			     "interface " PEER "\n"
			     " ip address 10.0.0.1 24\n"
			     " pim sm\n"
			     "interface LoopBack0\n"
			     " ip address 3.3.3.3 32\n"
			     "pim\n"
			     " static-rp 3.3.3.3\n"
			     "quit\n"
			     "commit\n";

static void on_udp(void *ctx, struct node *n, const struct node_host_udp_rx *m)
{
	struct cfh *h = ctx;

	(void)n;
	if (h->nrx < MAXRX)
		h->rx[h->nrx++] = m->t;
	else
		h->lost++;
}

static void on_tick(struct sim_timer *t)
{
	struct cfh *h = sim_container_of(t, struct cfh, tick);
	struct net_addr g;
	uint8_t payload[64];

	memset(payload, 0x5a, sizeof(payload));
	net_addr_parse("239.1.1.1", &g);
	node_host_udp_send(h->src, &g, PORT, PORT, 16, payload,
			   sizeof(payload));
	sim_timer_arm_in(&h->tick, SIM_MS(1));
}

static struct router *pair(struct cfh *h, int x)
{
	static const char *const ports[] = { LAN, UP, PEER, RBSIF, NULL };
	char hot[512] = "", cfg[2048], name[4];

	if (h->hot)
		snprintf(hot, sizeof(hot), HOT, x);
	snprintf(cfg, sizeof(cfg), PAIR, x, x, x == 1 ? "120" : "100", x, x,
		 hot, x, x);
	snprintf(name, sizeof(name), "R%d", x);
	return cf_router(h->w, name, cfg, ports);
}

static const char *cable(struct cfh *h, struct node *sw)
{
	static const struct {
		const char *name;
		int a;
		const char *ia;
		int b;
		const char *ib;
	} l[] = {
		{ "r13", 0, UP, 2, LAN },	{ "r23", 1, UP, 2, UP },
		{ "r12", 0, PEER, 1, PEER },	{ "lan-r1", 0, LAN, -1, "p0" },
		{ "lan-r2", 1, LAN, -1, "p1" },
	};

	for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++) {
		struct node *b = l[i].b < 0 ? sw : router_node(h->r[l[i].b]);

		if (!cf_link(h->w, l[i].name, router_node(h->r[l[i].a]),
			     l[i].ia, b, l[i].ib))
			return h->w->err;
	}
	if (!cf_link(h->w, "lan-h1", h->h1, "eth0", sw, "p2") ||
	    !cf_link(h->w, "src", h->src, "eth0", router_node(h->r[2]), PEER))
		return h->w->err;
	if (h->hot) {
		h->rbs = cf_link(h->w, "rbs", router_node(h->r[0]), RBSIF,
				 router_node(h->r[1]), RBSIF);
		if (!h->rbs)
			return h->w->err;
		h->chan.c = h->c;
		h->chan.w = h->w;
		h->chan.r[0] = h->r[0];
		h->chan.r[1] = h->r[1];
		h->chan.link = h->rbs;
		h->chan.cap = node_tw_capture(h->w->w, h->rbs);
	}
	return NULL;
}

/* Build and boot; NULL or why not. */
static const char *build(struct cfh *h)
{
	struct node *sw;
	const char *why;

	h->r[0] = pair(h, 1);
	h->r[1] = h->r[0] ? pair(h, 2) : NULL;
	h->r[2] = h->r[1] ? cf_router(h->w, "R3", r3_cfg,
				      (const char *const[]){ LAN, UP, PEER,
							     NULL })
			  : NULL;
	if (!h->r[2])
		return h->w->err;
	sw = node_tw_switch(h->w->w, "SW1", 3, 0);
	h->h1 = node_tw_host(h->w->w, "h1", "eth0", "10.1.1.11/24",
			     "10.1.1.254", NULL, NULL);
	h->src = node_tw_host(h->w->w, "src", "eth0", "10.0.0.10/24",
			      "10.0.0.1", NULL, NULL);
	if ((why = cable(h, sw)))
		return why;
	if (node_host_set_gmp_version(h->h1, "eth0", NET_AF_IP4, 2) != 0 ||
	    gmp_host_module.attach(h->h1, &h->h1_gmp) != 0 ||
	    node_host_udp_bind(h->h1, PORT, on_udp, h) != 0)
		return "h1: IGMP or UDP cannot be set up";
	for (int i = 0; i < 3; i++)
		if (cf_boot(h->w, h->r[i]) != 0)
			return h->w->err;
	return NULL;
}

static void teardown(struct cfh *h, bool report)
{
	bool ok;

	if (h->tick_init)
		sim_timer_fini(&h->tick);
	h->tick_init = false;
	if (h->h1_gmp)
		gmp_host_module.detach(h->h1_gmp);
	h->h1_gmp = NULL;
	ok = cf_world_free(h->w);
	h->w = NULL;
	if (report)
		cf_check(h->c, ok, "the world leaked a frame or a timer");
}

struct cfh *cfh_new(struct cf_ctx *c, bool hot)
{
	struct cfh *h = calloc(1, sizeof(*h));
	const char *why = "out of memory";

	if (!cf_check(c, h != NULL, "setup: out of memory"))
		return NULL;
	h->c = c;
	h->hot = hot;
	h->rx = calloc(MAXRX, sizeof(*h->rx));
	h->chan.msgs = calloc(CFR_MAX_MSGS, sizeof(*h->chan.msgs));
	h->w = cf_world_new(cf_seed(c));
	if (h->rx && h->chan.msgs && h->w)
		why = build(h);
	if (!cf_check(c, why == NULL, "setup: %s", why ? why : "")) {
		cfh_free(h);
		return NULL;
	}
	return h;
}

void cfh_free(struct cfh *h)
{
	if (!h)
		return;
	if (h->w)
		teardown(h, true);
	cf_check(h->c, h->lost == 0, "%llu receptions beyond the %d recorded",
		 (unsigned long long)h->lost, MAXRX);
	free(h->rx);
	free(h->chan.msgs);
	free(h);
}

void cfh_run(struct cfh *h, sim_time_t until)
{
	cf_run_until(h->w, until);
}

sim_time_t cfh_now(const struct cfh *h)
{
	return cf_now(h->w);
}

struct cf_world *cfh_world(struct cfh *h)
{
	return h->w;
}

struct router *cfh_router(struct cfh *h, int i)
{
	return h->r[i];
}

struct node_link *cfh_rbs_link(struct cfh *h)
{
	return h->rbs;
}

struct cfr *cfh_chan(struct cfh *h)
{
	return h->rbs ? &h->chan : NULL;
}

bool cfh_service_up(struct cfh *h)
{
	static const char *const lines[2] = {
		"system-view\nremote-backup-service rbs1\n"
		" peer 10.0.14.2 source 10.0.14.1 port 2046\nquit\ncommit\n"
		"return\n",
		"system-view\nremote-backup-service rbs1\n"
		" peer 10.0.14.1 source 10.0.14.2 port 2046\nquit\ncommit\n"
		"return\n",
	};

	for (int i = 1; i >= 0; i--)
		if (!cf_check(h->c, cf_cli(h->w, h->r[i], lines[i], NULL),
			      "R%d refused the service: %s", i + 1, h->w->err))
			return false;
	return true;
}

static struct net_addr group(int k)
{
	char s[32];
	struct net_addr g = { 0 };

	snprintf(s, sizeof(s), "239.1.1.%d", k + 1);
	net_addr_parse(s, &g);
	return g;
}

bool cfh_join(struct cfh *h, int k, bool join)
{
	struct net_addr g = group(k);
	int rc = join ? node_host_join(h->h1, "eth0", &g)
		      : node_host_leave(h->h1, "eth0", &g);

	return cf_check(h->c, rc == 0, "h1 cannot %s group %d",
			join ? "join" : "leave", k);
}

bool cfh_stream(struct cfh *h)
{
	if (!h->tick_init) {
		if (!cf_check(h->c,
			      sim_timer_init(h->w->w->eng, &h->tick, on_tick) ==
				      0,
			      "no timer for the stream"))
			return false;
		h->tick_init = true;
	}
	sim_timer_arm_in(&h->tick, 0);
	return true;
}

uint64_t cfh_rx_count(const struct cfh *h, sim_time_t from, sim_time_t to)
{
	uint64_t n = 0;

	for (uint64_t i = 0; i < h->nrx; i++)
		n += h->rx[i] >= from && h->rx[i] < to;
	return n;
}

sim_time_t cfh_rx_first(const struct cfh *h, sim_time_t from)
{
	for (uint64_t i = 0; i < h->nrx; i++)
		if (h->rx[i] >= from)
			return h->rx[i];
	return -1;
}

sim_time_t cfh_rx_last(const struct cfh *h, sim_time_t to)
{
	sim_time_t t = -1;

	for (uint64_t i = 0; i < h->nrx && h->rx[i] < to; i++)
		t = h->rx[i];
	return t;
}

int cfh_record(struct cfh *h, int i, int k, sim_time_t *since)
{
	struct node_iface *ifp = node_iface_find(router_node(h->r[i]), LAN);
	struct gmp_if *gi =
		ifp ? gmp_router_if(h->r[i], ifp, NET_AF_IP4) : NULL;
	struct net_addr g = group(k);
	struct gmp_group_info in;

	if (!gi || !gmp_if_running(gi) || !gmp_if_group(gi, &g, &in))
		return -1;
	if (since)
		*since = in.uptime;
	return in.imported ? 1 : 0;
}

int cfh_shown(struct cfh *h, int i, int k)
{
	const char *out = cf_cli(h->w, h->r[i], "display igmp group", NULL);
	char g[32];
	const char *p;

	if (!cf_check(h->c, out != NULL, "display igmp group: %s", h->w->err))
		return -1;
	snprintf(g, sizeof(g), "239.1.1.%d", k + 1);
	for (p = strstr(out, g); p; p = strstr(p + 1, g)) {
		const char *eol = strchr(p, '\n');
		const char *imp = strstr(p, "(imported)");
		char next = p[strlen(g)];

		if (next != ' ' && next != '\n' && next != '\0')
			continue; /* 239.1.1.1 inside 239.1.1.10 */
		return imp && (!eol || imp < eol) ? 1 : 0;
	}
	return -1;
}

bool cfh_vrrp(struct cfh *h, sim_time_t *last_adv, sim_time_t *mdi)
{
	struct vrrp_inst *v = vrrp_inst(h->r[1]);
	const struct vrrp_group *g =
		v ? vrrp_group_of(v, PEER, NET_AF_IP4, 1) : NULL;
	struct vrrp_group_info in;

	if (!g)
		return false;
	vrrp_group_info(g, &in);
	*last_adv = in.last_adv_rx;
	*mdi = in.master_down_int;
	return true;
}
