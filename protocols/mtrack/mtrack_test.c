/*
 * Multicast track end to end: two routers on a receivers' LAN (a VRRP or
 * VRRP6 pair, or a pair following an mVRRP on their own link), both
 * pulling a stream from the sources' LAN, each with a static group on
 * the LAN. With `multicast [ipv6] track ...` only the Master replicates
 * the stream onto the LAN; when the Master dies the Backup becomes Master
 * and its gate opens at that nanosecond, and the forwarding entry carries
 * the LAN port exactly one ASIC batch later (batch_overhead plus the
 * writes queued before it and its own). An old Master that goes Backup
 * closes its gate the same way. Bindings follow groups configured later
 * and groups deleted; CLI errors and the display are checked too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/mtrack/mtrack.h"
#include "protocols/protocols.h"
#include "protocols/vrrp/vrrp_router.h"
#include "sim/measure/meas_payload.h"
#include "sim/node/node_host.h"
#include "sim/run/sim_world.h"

#define LAN  "GigabitEthernet0/1/0"
#define PEER "GigabitEthernet0/3/0"

/* 100 ms VRRPv3 advertisements: Master_Down_Interval of priority p. */
#define MDI(p) (3 * SIM_MS(100) + (256 - (p)) * SIM_MS(100) / 256)

#define MAX_RX	 32768 /* receptions kept per stream */
#define MAX_GATE 64

/* One router: LAN, sources' LAN, the link to the other router, a stub. */
#define ROUTER(name, x)                                                        \
	"  - name: " name "\n    kind: router\n    boot_delay: 1s\n"           \
	"    config: |\n"                                                      \
	"      system-view\n"                                                  \
	"      vrrp version 3\n"                                               \
	"      multicast routing-enable\n"                                     \
	"      multicast ipv6 routing-enable\n"                                \
	"      interface GigabitEthernet0/1/0\n"                               \
	"       ip address 10.1.1." x " 24\n"                                  \
	"       ipv6 enable\n"                                                 \
	"       ipv6 address 2001:DB8:1::" x " 64\n"                           \
	"       igmp static-group 239.1.1.1\n"                                 \
	"       mld static-group FF1E::1:1\n"                                  \
	"%s"                                                                   \
	"      interface GigabitEthernet0/2/0\n"                               \
	"       ip address 10.0.0." x " 24\n"                                  \
	"       ipv6 enable\n"                                                 \
	"       ipv6 address 2001:DB8::" x " 64\n"                             \
	"      interface GigabitEthernet0/3/0\n"                               \
	"       ip address 10.0.12." x " 29\n"                                 \
	"       ipv6 enable\n"                                                 \
	"%s"                                                                   \
	"      interface GigabitEthernet0/4/0\n"                               \
	"       ip address 10.0.4" x ".1 30\n"                                 \
	"      commit\n"

/* Slots: R1's LAN and peer-link lines, R2's, then the faults. */
static const char topo[] =
	"name: mt\nseed: 11\nduration: 10s\n"
	"nodes:\n" ROUTER("R1", "1") ROUTER(
		"R2",
		"2") "  - { name: SW0, kind: switch }\n"
		     "  - { name: SW1, kind: switch }\n"
		     "  - name: src\n    kind: host\n    interfaces:\n"
		     "      - { ipv4: 10.0.0.10/24, gateway: 10.0.0.1, "
		     "ipv6: \"2001:db8::10/64\", gateway6: \"2001:db8::1\" }\n"
		     "  - name: h1\n    kind: host\n    interfaces:\n"
		     "      - { ipv4: 10.1.1.11/24, gateway: 10.1.1.254, "
		     "ipv6: \"2001:db8:1::11/64\" }\n"
		     "  - { name: x1, kind: host, ipv4: 10.0.41.2/30 }\n"
		     "  - { name: x2, kind: host, ipv4: 10.0.42.2/30 }\n"
		     "links:\n"
		     "  - { name: src, a: \"src:eth0\", b: \"SW0:p1\" }\n"
		     "  - { name: up-r1, a: \"R1:GE0/2/0\", b: \"SW0:p2\" }\n"
		     "  - { name: up-r2, a: \"R2:GE0/2/0\", b: \"SW0:p3\" }\n"
		     "  - { name: lan-r1, a: \"R1:GE0/1/0\", b: \"SW1:p1\" }\n"
		     "  - { name: lan-r2, a: \"R2:GE0/1/0\", b: \"SW1:p2\" }\n"
		     "  - { name: lan-h1, a: \"h1:eth0\", b: \"SW1:p3\" }\n"
		     "  - { name: r12, a: \"R1:GE0/3/0\", b: \"R2:GE0/3/0\" }\n"
		     "  - { name: x1, a: \"R1:GE0/4/0\", b: \"x1:eth0\" }\n"
		     "  - { name: x2, a: \"R2:GE0/4/0\", b: \"x2:eth0\" }\n"
		     "traffic:\n  multicast:\n"
		     "    - { name: tv, source: src, group: 239.1.1.1, rate: "
		     "1000, "
		     "size: 64, port: 5000, start: 0.5s }\n"
		     "    - { name: tv6, source: src, group: \"ff1e::1:1\", "
		     "rate: 1000, "
		     "size: 64, port: 5002, start: 0.5s }\n"
		     "%s";

static const char crash_r1[] = "faults:\n  - { at: 2s, crash: R1 }\n";

/* What h1 receives of one stream. */
struct mt_rx {
	uint64_t n, dup;
	uint8_t seen[MAX_RX];  /* by sequence number */
	sim_time_t at[MAX_RX]; /* arrival of the n-th reception */
};

struct mt_gate {
	sim_time_t t;
	char node[8];
	bool open;
	enum net_af af;
};

struct mt {
	struct scn_spec *spec;
	struct sim_world *w;
	struct router *r1, *r2;
	struct node *h1;
	struct mt_rx rx[2]; /* IPv4, IPv6 */
	struct mt_gate gate[MAX_GATE];
	size_t ngate;
};

static int fam(enum net_af af)
{
	return af == NET_AF_IP6;
}

static void on_udp(void *ctx, struct node *h, const struct node_host_udp_rx *m)
{
	struct mt_rx *rx = ctx;
	struct meas_payload p;

	(void)h;
	assert_int_equal(meas_payload_decode(m->payload, m->len, &p),
			 MEAS_PAYLOAD_OK);
	assert_true(p.seq < MAX_RX && rx->n < MAX_RX);
	if (rx->seen[p.seq]++)
		rx->dup++;
	rx->at[rx->n++] = m->t;
}

/* The "mtrack gate" records of the event log. */
static void on_log(void *arg, const struct sim_log_rec *r)
{
	struct mt *t = arg;
	struct mt_gate *g;
	char v[16];

	if (strcmp(r->module, "mtrack") || strcmp(r->event, "gate"))
		return;
	assert_true(t->ngate < MAX_GATE);
	g = &t->gate[t->ngate++];
	g->t = r->t;
	snprintf(g->node, sizeof(g->node), "%s", r->node);
	assert_true(sim_log_field(r, "open", v, sizeof(v)));
	g->open = !strcmp(v, "true");
	/* An opening is the transition mark of the outage anatomy. */
	assert_int_equal(sim_log_field(r, "mark", v, sizeof(v)), g->open);
	if (g->open)
		assert_string_equal(v, "transition");
	assert_true(sim_log_field(r, "af", v, sizeof(v)));
	g->af = strcmp(v, "ipv6") ? NET_AF_IP4 : NET_AF_IP6;
}

static struct mt *mt_load(const char *r1_lan, const char *r1_peer,
			  const char *r2_lan, const char *r2_peer,
			  const char *faults)
{
	struct sim_opts o = { .modules = protocols_all, .quiet = true };
	struct mt *t = calloc(1, sizeof(*t));
	char text[16384], err[2048];
	struct net_addr g4, g6;

	assert_non_null(t);
	snprintf(text, sizeof(text), topo, r1_lan, r1_peer, r2_lan, r2_peer,
		 faults);
	if (scn_load_string(text, "mt.yaml", &t->spec, err, sizeof(err)))
		fail_msg("%s", err);
	t->w = sim_world_new(t->spec, &o, NULL, err, sizeof(err));
	if (!t->w)
		fail_msg("%s", err);
	t->r1 = router_from_node(sim_world_node(t->w, "R1"));
	t->r2 = router_from_node(sim_world_node(t->w, "R2"));
	t->h1 = sim_world_node(t->w, "h1");
	assert_non_null(t->r1);
	assert_non_null(t->r2);
	assert_int_equal(sim_log_add_tap(sim_world_log(t->w), on_log, t), 0);
	assert_int_equal(net_addr_parse("239.1.1.1", &g4), 0);
	assert_int_equal(net_addr_parse("ff1e::1:1", &g6), 0);
	assert_int_equal(node_host_join(t->h1, "eth0", &g4), 0);
	assert_int_equal(node_host_join(t->h1, "eth0", &g6), 0);
	assert_int_equal(node_host_udp_bind(t->h1, 5000, on_udp, &t->rx[0]), 0);
	assert_int_equal(node_host_udp_bind(t->h1, 5002, on_udp, &t->rx[1]), 0);
	return t;
}

static void mt_free(struct mt *t)
{
	sim_world_free(t->w);
	scn_spec_free(t->spec);
	free(t);
}

static void mt_run(struct mt *t, sim_time_t until)
{
	sim_world_run(t->w, until);
}

static const char *mt_cli(struct router *r, const char *lines, char *buf,
			  size_t len)
{
	struct cli_out out;

	cli_out_init(&out);
	router_cli_exec(r, lines, &out);
	snprintf(buf, len, "%s", cli_out_str(&out));
	cli_out_free(&out);
	return buf;
}

static struct mtrack_info binding(struct router *r, enum net_af af)
{
	struct mtrack_info in;

	assert_int_equal(mtrack_binding(mtrack_inst(r), LAN, af, &in), 0);
	return in;
}

static void group_info(struct router *r, const char *ifname, enum net_af af,
		       uint8_t vrid, struct vrrp_group_info *in)
{
	const struct vrrp_group *g =
		vrrp_group_of(vrrp_inst(r), ifname, af, vrid);

	assert_non_null(g);
	vrrp_group_info(g, in);
}

static int lan_index(struct router *r)
{
	struct node_iface *ifp = node_iface_find(router_node(r), LAN);

	assert_non_null(ifp);
	return ifp->ifindex;
}

/* 1: the stream's MFIB entry sends out of the LAN, 0: it does not, -1:
 * there is no entry. */
static int lan_oif(struct router *r, enum net_af af)
{
	struct net_addr s, g;
	const struct asic_mfib_entry *e;

	assert_int_equal(
		net_addr_parse(af == NET_AF_IP6 ? "2001:db8::10" : "10.0.0.10",
			       &s),
		0);
	assert_int_equal(
		net_addr_parse(af == NET_AF_IP6 ? "ff1e::1:1" : "239.1.1.1",
			       &g),
		0);
	e = asic_mfib_find(router_asic(r), &s, &g);
	if (!e)
		return -1;
	for (size_t i = 0; i < e->noifs; i++)
		if (e->oifs[i] == lan_index(r))
			return 1;
	return 0;
}

static uint64_t lan_copies(struct router *r)
{
	return asic_port_counters(router_asic(r), lan_index(r))->replicated;
}

/*
 * From a gate change to the entry written: the batch that starts at that
 * instant costs batch_overhead, then the writes VRRP queued before ours at
 * the same instant when the group took over or gave up the virtual
 * router (the virtual MAC accepted on the port, adj_write, and the
 * receive entry of the virtual address, fib_write), then the entry again
 * with its k outgoing interfaces (mfib_write + k * oif_write).
 */
static sim_time_t gate_cost(struct router *r, bool vrrp_writes, size_t k)
{
	const struct asic_profile *p = asic_profile(router_asic(r));

	return p->batch_overhead +
	       (vrrp_writes ? p->adj_write + p->fib_write : 0) + p->mfib_write +
	       (sim_time_t)k * p->oif_write;
}

/* The last gate record of node/af, or NULL. */
static const struct mt_gate *last_gate(const struct mt *t, const char *node,
				       enum net_af af)
{
	for (size_t i = t->ngate; i-- > 0;)
		if (!strcmp(t->gate[i].node, node) && t->gate[i].af == af)
			return &t->gate[i];
	return NULL;
}

/* First reception of stream f at or after `from`; -1 if none. */
static sim_time_t first_rx_after(const struct mt *t, int f, sim_time_t from)
{
	for (uint64_t i = 0; i < t->rx[f].n; i++)
		if (t->rx[f].at[i] >= from)
			return t->rx[f].at[i];
	return -1;
}

/* ---- failover when the Master dies ---- */

struct fo_case {
	const char *name;
	enum net_af af; /* the family gated */
	const char *r1_lan, *r1_peer, *r2_lan, *r2_peer;
	const char *vif; /* the tracked group */
	uint8_t vrid;
	bool vrrp_writes; /* see gate_cost */
	bool other_gated; /* the other family is gated too */
};

#define GRP(fam, vrid, vip, prio)                                              \
	"       " fam " vrid " vrid " virtual-ip " vip "\n"                    \
	"       " fam " vrid " vrid " priority " prio "\n"                     \
	"       " fam " vrid " vrid " timer advertise 100 milli-second\n"
#define MGRP(prio)                                                             \
	"       admin-vrrp vrid 1\n" GRP(                                      \
		"vrrp", "1", "10.0.12.6",                                      \
		prio) "       admin-vrrp6 vrid 2\n" GRP("vrrp6", "2",          \
							"FE80::6 link-local",  \
							prio)
#define MGRP6(prio)                                                            \
	"       admin-vrrp6 vrid 2\n" GRP("vrrp6", "2", "FE80::6 link-local",  \
					  prio)
#define ADMIN6_LAN                                                             \
	"       multicast ipv6 track admin-vrrp6 interface "                   \
	"GigabitEthernet0/3/0 vrid 2\n"
#define ADMIN_LAN                                                              \
	"       multicast track admin-vrrp interface GigabitEthernet0/3/0 "    \
	"vrid 1\n"                                                             \
	"       multicast ipv6 track admin-vrrp6 interface "                   \
	"GigabitEthernet0/3/0 vrid 2\n"

static const struct fo_case fo_cases[] = {
	{ "failover_vrrp", NET_AF_IP4,
	  GRP("vrrp", "1", "10.1.1.254", "120") "       multicast track vrrp "
						"vrid 1\n",
	  "",
	  GRP("vrrp", "1", "10.1.1.254", "100") "       multicast track vrrp "
						"vrid 1\n",
	  "", LAN, 1, true, false },
	{ "failover_vrrp6", NET_AF_IP6,
	  GRP("vrrp6", "1", "FE80::254 link-local",
	      "120") "       multicast ipv6 track vrrp6 vrid 1\n",
	  "",
	  GRP("vrrp6", "1", "FE80::254 link-local",
	      "100") "       multicast ipv6 track vrrp6 vrid 1\n",
	  "", LAN, 1, true, false },
	{ "failover_admin_vrrp", NET_AF_IP4, ADMIN_LAN, MGRP("120"), ADMIN_LAN,
	  MGRP("100"), PEER, 1, true, true },
	{ "failover_admin_vrrp6", NET_AF_IP6, ADMIN6_LAN, MGRP6("120"),
	  ADMIN6_LAN, MGRP6("100"), PEER, 2, true, false },
};

/* Before the crash: only R1 replicates the gated stream onto the LAN,
 * and h1 gets every packet once; the other family is replicated by both
 * unless gated too. */
static void fo_before(struct mt *t, const struct fo_case *c)
{
	int f = fam(c->af), o = 1 - f;

	assert_int_equal(
		vrrp_state_of(vrrp_inst(t->r1), c->vif, c->af, c->vrid),
		VRRP_STATE_MASTER);
	assert_int_equal(
		vrrp_state_of(vrrp_inst(t->r2), c->vif, c->af, c->vrid),
		VRRP_STATE_BACKUP);
	assert_true(binding(t->r1, c->af).open);
	assert_false(binding(t->r2, c->af).open);
	assert_int_equal(binding(t->r2, c->af).state, VRRP_STATE_BACKUP);
	assert_int_equal(lan_oif(t->r1, c->af), 1);
	assert_int_equal(lan_oif(t->r2, c->af), 0); /* pulled, not sent */
	assert_int_equal(t->rx[f].dup, 0);
	assert_true(t->rx[f].n > 900);
	if (c->other_gated) {
		assert_int_equal(lan_oif(t->r2, c->af == NET_AF_IP4
							? NET_AF_IP6
							: NET_AF_IP4),
				 0);
		assert_int_equal(t->rx[o].dup, 0);
	} else {
		/* No binding for that family: both routers send it. */
		assert_int_equal(mtrack_binding(mtrack_inst(t->r2), LAN,
						c->af == NET_AF_IP4
							? NET_AF_IP6
							: NET_AF_IP4,
						NULL),
				 -1);
		assert_true(t->rx[o].dup > 900);
	}
}

static void test_failover(void **state)
{
	const struct fo_case *c = *state;
	struct mt *t =
		mt_load(c->r1_lan, c->r1_peer, c->r2_lan, c->r2_peer, crash_r1);
	struct vrrp_group_info b;
	const struct mt_gate *g;
	sim_time_t at, vis;
	int f = fam(c->af);
	uint64_t copies;

	mt_run(t, SIM_MS(1500));
	fo_before(t, c);
	/* The port counts copies of both families. */
	copies = lan_copies(t->r2);
	assert_true(c->other_gated ? copies == 0 : copies > 900);
	assert_true(lan_copies(t->r1) > (c->other_gated ? 1800 : 900));
	mt_run(t, SIM_S(2));
	group_info(t->r2, c->vif, c->af, c->vrid, &b);
	at = b.last_adv_rx + MDI(100);
	vis = at + gate_cost(t->r2, c->vrrp_writes, 1);
	mt_run(t, at - 1);
	assert_false(binding(t->r2, c->af).open);
	/* The Backup takes over: the gate opens at that nanosecond. */
	mt_run(t, at);
	group_info(t->r2, c->vif, c->af, c->vrid, &b);
	assert_int_equal(b.state, VRRP_STATE_MASTER);
	assert_int_equal(b.became_master, at);
	g = last_gate(t, "R2", c->af);
	assert_non_null(g);
	assert_true(g->open);
	assert_int_equal(g->t, at);
	assert_true(binding(t->r2, c->af).open);
	assert_int_equal(binding(t->r2, c->af).changed, at);
	assert_int_equal(binding(t->r2, c->af).opens, 1);
	/* ... and the forwarding entry follows one ASIC batch later. */
	mt_run(t, vis - 1);
	assert_int_equal(lan_oif(t->r2, c->af), 0);
	mt_run(t, vis);
	assert_int_equal(lan_oif(t->r2, c->af), 1);
	mt_run(t, SIM_S(3));
	assert_true(lan_copies(t->r2) > copies + 500);
	assert_int_equal(t->rx[f].dup, 0);
	/* h1 hears nothing between the crash and the new entry, then one
	 * packet a millisecond again. */
	assert_true(first_rx_after(t, f, SIM_S(2) + SIM_US(50)) > vis);
	assert_true(first_rx_after(t, f, SIM_S(2) + SIM_US(50)) <
		    vis + SIM_MS(1) + SIM_US(100));
	mt_free(t);
}

/*
 * R1 crashes at 2 s and restarts at 3 s; its configuration runs at 4 s
 * and binds again, closed while its group starts; R1 (120) preempts R2
 * and opens, R2 goes Backup and closes. While R1 is down it has no
 * module state at all.
 */
static void test_restart(void **state)
{
	const struct fo_case *c = &fo_cases[0];
	struct mt *t = mt_load(c->r1_lan, "", c->r2_lan, "",
			       "faults:\n  - { at: 2s, crash: R1 }\n"
			       "  - { at: 3s, restart: R1 }\n");
	const struct mt_gate *g1, *g2;
	struct mtrack_info in;
	uint64_t dup;

	(void)state;
	mt_run(t, SIM_MS(3500));
	assert_null(mtrack_inst(t->r1));
	assert_true(binding(t->r2, NET_AF_IP4).open);
	mt_run(t, SIM_S(4));
	in = binding(t->r1, NET_AF_IP4);
	assert_false(in.open);
	assert_int_equal(in.closes, 1);
	assert_int_equal(in.opens, 0);
	dup = t->rx[0].dup;
	mt_run(t, SIM_S(6));
	in = binding(t->r1, NET_AF_IP4);
	assert_true(in.open);
	assert_int_equal(in.state, VRRP_STATE_MASTER);
	assert_int_equal(in.opens, 1);
	assert_false(binding(t->r2, NET_AF_IP4).open);
	g1 = last_gate(t, "R1", NET_AF_IP4);
	g2 = last_gate(t, "R2", NET_AF_IP4);
	assert_true(g1->open && !g2->open);
	/* R2 hears the new Master's first advertisement within a few
	 * microseconds: at most a packet goes out twice. */
	assert_true(g2->t > g1->t && g2->t - g1->t < SIM_US(100));
	assert_true(t->rx[0].dup - dup <= 1);
	assert_int_equal(lan_oif(t->r1, NET_AF_IP4), 1);
	assert_int_equal(lan_oif(t->r2, NET_AF_IP4), 0);
	mt_free(t);
}

/* ---- the old Master goes Backup ---- */

static const char r1_tracked[] =
	GRP("vrrp", "1", "10.1.1.254",
	    "120") "       vrrp vrid 1 track "
		   "interface GigabitEthernet0/4/0 "
		   "reduced 30\n"
		   "       multicast track vrrp vrid 1\n";
static const char r2_plain[] =
	GRP("vrrp", "1", "10.1.1.254", "100") "       multicast track vrrp "
					      "vrid 1\n";
static const char x1_cut[] = "faults:\n  - { at: 2s, link-down: x1 }\n";

/*
 * R1 (120) tracks GE0/4/0 with `reduced 30`; the link is cut at 2 s. R2
 * (100, preempting) takes over when its Master_Down_Timer runs out and
 * opens its gate; R1 hears R2's first advertisement, goes Backup and
 * closes its gate, and its entry loses the LAN port one batch later. The
 * run is deterministic, so a second run checks the exact instants the
 * first one logged.
 */
static void test_old_master_closes(void **state)
{
	struct mt *t = mt_load(r1_tracked, "", r2_plain, "", x1_cut);
	const struct mt_gate *o, *c;
	sim_time_t opened, closed, cost;
	char buf[2048];

	(void)state;
	mt_run(t, SIM_S(3));
	o = last_gate(t, "R2", NET_AF_IP4);
	c = last_gate(t, "R1", NET_AF_IP4);
	assert_non_null(o);
	assert_non_null(c);
	assert_true(o->open);
	assert_false(c->open);
	opened = o->t;
	closed = c->t;
	assert_true(opened > SIM_S(2) && closed > opened);
	assert_true(closed - opened < SIM_MS(1));
	assert_int_equal(binding(t->r1, NET_AF_IP4).state, VRRP_STATE_BACKUP);
	assert_int_equal(binding(t->r1, NET_AF_IP4).closes, 2);
	assert_int_equal(lan_oif(t->r1, NET_AF_IP4), 0);
	assert_int_equal(lan_oif(t->r2, NET_AF_IP4), 1);
	mt_cli(t->r1, "display multicast track", buf, sizeof(buf));
	assert_non_null(strstr(buf, " Multicast        : blocked\n"));
	assert_non_null(strstr(buf, " VRRP state       : Backup\n"));
	mt_free(t);

	/* Again, stopping at the instants of the first run. */
	t = mt_load(r1_tracked, "", r2_plain, "", x1_cut);
	cost = gate_cost(t->r1, true, 0);
	mt_run(t, closed - 1);
	assert_true(binding(t->r1, NET_AF_IP4).open);
	assert_int_equal(vrrp_state_of(vrrp_inst(t->r1), LAN, NET_AF_IP4, 1),
			 VRRP_STATE_MASTER);
	mt_run(t, closed);
	assert_false(binding(t->r1, NET_AF_IP4).open);
	assert_int_equal(vrrp_state_of(vrrp_inst(t->r1), LAN, NET_AF_IP4, 1),
			 VRRP_STATE_BACKUP);
	mt_run(t, closed + cost - 1);
	assert_int_equal(lan_oif(t->r1, NET_AF_IP4), 1);
	mt_run(t, closed + cost);
	assert_int_equal(lan_oif(t->r1, NET_AF_IP4), 0);
	mt_free(t);
}

/* ---- the tracked group comes and goes ---- */

static const char *const lifecycle_cmds[] = {
	/* 0: the group appears, 1: goes, 2: again, 3: the binding goes */
	"system-view\ninterface GigabitEthernet0/1/0\n"
	"vrrp vrid 1 virtual-ip 10.1.1.254\n"
	"vrrp vrid 1 timer advertise 100 milli-second\ncommit\nreturn",
	"system-view\ninterface GigabitEthernet0/1/0\n"
	"undo vrrp vrid 1\ncommit\nreturn",
	"system-view\ninterface GigabitEthernet0/1/0\n"
	"vrrp vrid 1 virtual-ip 10.1.1.254\ncommit\nreturn",
	"system-view\ninterface GigabitEthernet0/1/0\n"
	"undo multicast track vrrp\ncommit\nreturn",
};

/*
 * R1 alone (R2 has no VRRP): the binding is typed before the group
 * exists, so the gate is closed; the group is configured at 1 s and is
 * Master MDI(100) later (no other router), which opens it; deleting the
 * group closes it at once; without the binding the LAN forwards again.
 */
static void test_group_lifecycle(void **state)
{
	struct mt *t =
		mt_load("       multicast track vrrp vrid 1\n", "", "", "", "");
	char buf[4096];
	sim_time_t master;

	(void)state;
	mt_run(t, SIM_S(1));
	assert_false(binding(t->r1, NET_AF_IP4).open);
	assert_int_equal(binding(t->r1, NET_AF_IP4).state, VRRP_STATE_INIT);
	assert_int_equal(lan_oif(t->r1, NET_AF_IP4), 0);
	assert_int_equal(lan_oif(t->r2, NET_AF_IP4), 1); /* not bound */
	assert_int_equal(lan_oif(t->r1, NET_AF_IP6), 1); /* per family */
	mt_cli(t->r1, "display multicast track", buf, sizeof(buf));
	assert_non_null(strstr(buf, "Multicast track (IPv4): 1 binding\n"));
	assert_non_null(strstr(buf, " Interface        : " LAN "\n"));
	assert_non_null(strstr(buf, " Track            : vrrp vrid 1\n"));
	assert_non_null(strstr(buf, " VRRP state       : Initialize\n"));
	assert_non_null(strstr(buf, " Multicast        : blocked\n"));
	mt_cli(t->r1, lifecycle_cmds[0], buf, sizeof(buf));
	assert_null(strstr(buf, "Error"));
	master = SIM_S(1) + MDI(100);
	mt_run(t, master - 1);
	assert_false(binding(t->r1, NET_AF_IP4).open);
	mt_run(t, master);
	assert_true(binding(t->r1, NET_AF_IP4).open);
	assert_int_equal(last_gate(t, "R1", NET_AF_IP4)->t, master);
	mt_run(t, master + gate_cost(t->r1, true, 1));
	assert_int_equal(lan_oif(t->r1, NET_AF_IP4), 1);
	mt_run(t, SIM_S(2));
	mt_cli(t->r1, lifecycle_cmds[1], buf, sizeof(buf));
	assert_null(strstr(buf, "Error"));
	assert_false(binding(t->r1, NET_AF_IP4).open);
	assert_int_equal(binding(t->r1, NET_AF_IP4).state, VRRP_STATE_INIT);
	assert_int_equal(last_gate(t, "R1", NET_AF_IP4)->t, SIM_S(2));
	mt_run(t, SIM_S(2) + gate_cost(t->r1, true, 0));
	assert_int_equal(lan_oif(t->r1, NET_AF_IP4), 0);
	/* Configured again (default 1 s advertisements this time). */
	mt_cli(t->r1, lifecycle_cmds[2], buf, sizeof(buf));
	assert_null(strstr(buf, "Error"));
	mt_run(t, SIM_S(6));
	assert_true(binding(t->r1, NET_AF_IP4).open);
	assert_int_equal(binding(t->r1, NET_AF_IP4).opens, 2);
	assert_int_equal(binding(t->r1, NET_AF_IP4).closes, 2);
	mt_cli(t->r1, lifecycle_cmds[1], buf, sizeof(buf));
	assert_false(binding(t->r1, NET_AF_IP4).open);
	/* The binding goes: the interface forwards as any other. */
	mt_cli(t->r1, lifecycle_cmds[3], buf, sizeof(buf));
	assert_null(strstr(buf, "Error"));
	assert_int_equal(
		mtrack_binding(mtrack_inst(t->r1), LAN, NET_AF_IP4, NULL), -1);
	assert_int_equal(last_gate(t, "R1", NET_AF_IP4)->t, SIM_S(6));
	assert_true(last_gate(t, "R1", NET_AF_IP4)->open);
	mt_run(t, SIM_S(7));
	assert_int_equal(lan_oif(t->r1, NET_AF_IP4), 1);
	mt_cli(t->r1, "display multicast track", buf, sizeof(buf));
	assert_non_null(strstr(buf, "Multicast track (IPv4): 0 bindings\n"));
	mt_free(t);
}

/* ---- configuration ---- */

struct cli_case {
	const char *line;   /* typed in R1's LAN interface view */
	const char *expect; /* in the output; NULL: no error */
};

static const struct cli_case cli_cases[] = {
	/* The four forms and their canonical lines. */
	{ "multicast track vrrp vrid 1", NULL },
	{ "multicast ipv6 track vrrp6 vrid 1", NULL },
	/* One binding per interface and family: mVRRP or VRRP. */
	{ "multicast track admin-vrrp interface GE0/3/0 vrid 1",
	  "Error: Commit failed" },
	{ "multicast ipv6 track admin-vrrp6 interface GE0/3/0 vrid 2",
	  "already bound to vrrp6 vrid 1 of " LAN },
	/* The same kind again follows another group. */
	{ "multicast track vrrp vrid 7", NULL },
	{ "undo multicast track vrrp vrid 8",
	  "is bound to vrrp vrid 7 of " LAN },
	{ "undo multicast track vrrp vrid 7", NULL },
	{ "undo multicast ipv6 track vrrp6", NULL },
	{ "multicast track admin-vrrp interface GE0/3/0 vrid 1", NULL },
	{ "multicast ipv6 track admin-vrrp6 interface GE0/3/0 vrid 2", NULL },
	{ "undo multicast track admin-vrrp interface GE0/3/0 vrid 2",
	  "is bound to admin-vrrp vrid 1 of " PEER },
	{ "multicast track vrrp vrid 1",
	  "already bound to admin-vrrp vrid 1 of " PEER },
	/* Wrong family: IPv4 multicast follows VRRP, IPv6 VRRP6. */
	{ "multicast track vrrp6 vrid 1", "Unrecognized command" },
	{ "multicast track admin-vrrp6 interface GE0/3/0 vrid 1",
	  "Unrecognized command" },
	/* Bad values. */
	{ "multicast track admin-vrrp interface GE0/9/0 vrid 1",
	  "The interface GigabitEthernet0/9/0 does not exist." },
	{ "multicast ipv6 track admin-vrrp6 interface GE0/3/0 vrid 256",
	  "Wrong parameter" },
	{ "multicast track vrrp vrid 0", "Wrong parameter" },
};

static void test_cli(void **state)
{
	struct mt *t = mt_load("", MGRP("120"), "", "", "");
	char buf[8192], line[512];
	struct mtrack_info in;

	(void)state;
	for (size_t i = 0; i < sizeof(cli_cases) / sizeof(cli_cases[0]); i++) {
		const struct cli_case *c = &cli_cases[i];

		snprintf(line, sizeof(line),
			 "system-view\ninterface GigabitEthernet0/1/0\n%s\n"
			 "commit",
			 c->line);
		mt_cli(t->r1, line, buf, sizeof(buf));
		if (!c->expect && strstr(buf, "Error"))
			fail_msg("'%s': %s", c->line, buf);
		if (c->expect && !strstr(buf, c->expect))
			fail_msg("'%s': expected '%s' in: %s", c->line,
				 c->expect, buf);
	}
	/* The state the table left. */
	assert_int_equal(
		mtrack_binding(mtrack_inst(t->r1), LAN, NET_AF_IP4, &in), 0);
	assert_int_equal(in.kind, MTRACK_ADMIN);
	assert_string_equal(in.vifname, PEER);
	assert_int_equal(in.vrid, 1);
	assert_int_equal(mtrack_count(mtrack_inst(t->r1), NET_AF_IP4), 1);
	assert_int_equal(mtrack_count(mtrack_inst(t->r1), NET_AF_IP6), 1);
	mt_cli(t->r1, "display current-configuration", buf, sizeof(buf));
	assert_non_null(strstr(buf, " multicast track admin-vrrp interface "
				    "GigabitEthernet0/3/0 vrid 1\n"));
	assert_non_null(strstr(buf, " multicast ipv6 track admin-vrrp6 "
				    "interface GigabitEthernet0/3/0 vrid 2\n"));
	assert_null(strstr(buf, "multicast track vrrp"));
	/* A loopback forwards no multicast. */
	mt_cli(t->r1,
	       "system-view\ninterface LoopBack0\nmulticast track vrrp vrid "
	       "1\ncommit",
	       buf, sizeof(buf));
	assert_non_null(strstr(buf, "A loopback interface forwards no"));
	mt_free(t);
}

/* R1 alone follows its mVRRP and mVRRP6 (no peer: Master); R2 has
 * nothing; the display lists each family and filters by interface. */
static void test_display(void **state)
{
	struct mt *t = mt_load(ADMIN_LAN, MGRP("120"), "", "", "");
	char buf[4096];

	(void)state;
	mt_run(t, SIM_S(1));
	mt_cli(t->r1, "display multicast ipv6 track", buf, sizeof(buf));
	assert_non_null(strstr(buf, "Multicast track (IPv6): 1 binding\n"));
	assert_non_null(strstr(buf, " Track            : admin-vrrp6 "
				    "interface " PEER " vrid 2\n"));
	assert_non_null(strstr(buf, " VRRP state       : Master\n"));
	assert_non_null(strstr(buf, " Multicast        : forwarding\n"));
	assert_non_null(strstr(buf, " Gate changes     : 1 open, 1 close"));
	mt_cli(t->r1, "display multicast track interface GE0/1/0", buf,
	       sizeof(buf));
	assert_non_null(strstr(buf, " Track            : admin-vrrp "
				    "interface " PEER " vrid 1\n"));
	mt_cli(t->r1, "display multicast track interface GE0/2/0", buf,
	       sizeof(buf));
	assert_non_null(strstr(buf, "Info: GigabitEthernet0/2/0 has no "
				    "multicast track binding.\n"));
	mt_cli(t->r1, "display multicast track interface GE0/9/0", buf,
	       sizeof(buf));
	assert_non_null(strstr(buf, "does not exist"));
	mt_cli(t->r2, "display multicast track", buf, sizeof(buf));
	assert_non_null(strstr(buf, "Multicast track (IPv4): 0 bindings\n"));
	mt_free(t);
}

/* One named test per failover case. */
#define FO(i)                                                                  \
	{                                                                      \
		.name = fo_cases[i].name, .test_func = test_failover,          \
		.initial_state = (void *)&fo_cases[i]                          \
	}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FO(0),
		FO(1),
		FO(2),
		FO(3),
		cmocka_unit_test(test_restart),
		cmocka_unit_test(test_old_master_closes),
		cmocka_unit_test(test_group_lifecycle),
		cmocka_unit_test(test_cli),
		cmocka_unit_test(test_display),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
