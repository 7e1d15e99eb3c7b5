/*
 * Tests of the multicast routing owner API (router_mcast.c): a fake owner
 * takes IPv4 over, gets no-cache, data-copy (cpu-copy entries) and
 * wrong-iif events (RFC 7761 sections 4.2 and 4.6 triggers) with exact
 * times, and programs (S,G) and (*,G) entries whose ASIC writes cost
 * batch_overhead + mfib_write + k * oif_write (an iif-only change one
 * mfib_write, no write when nothing changes); the router filters its
 * lists (iif, loopbacks, ports down, gates) and restores them when a port
 * comes up or a gate opens; gates apply to static entries too; release
 * brings data-driven entries back, disabling multicast parks the owner's
 * entries, a crash clears everything (also with an owner in a module);
 * router_mcast_send decrements TTL / hop limit, writes the group MAC and
 * the port MAC, and its frames decode cleanly in tshark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/net/net_build.h"
#include "sim/node/node_host.h"
#include "sim/router/router_testutil.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_tshark.h"

/* Source 10.0.9.10 via P1 (GE0/1/0, ifindex 0). RCV host on GE0/2/0 (1),
 * probes P3 on GE0/3/0 (2) and P4 on GE0/4/0 (3). */
static const char cfg_r[] =
	"system-view\n"
	"sysname R1\n"
	"multicast routing-enable\n"
	"multicast ipv6 routing-enable\n"
	"interface GigabitEthernet0/1/0\n"
	" ip address 10.0.1.1 255.255.255.0\n"
	"interface GigabitEthernet0/2/0\n"
	" ip address 10.0.2.1 255.255.255.0\n"
	" igmp static-group 239.1.1.1\n"
	"interface GigabitEthernet0/3/0\n"
	" ip address 10.0.3.1 255.255.255.0\n"
	" igmp static-group 239.1.1.1 inc-step-mask 24 number 2\n"
	"interface GigabitEthernet0/4/0\n"
	" ip address 10.0.4.1 255.255.255.0\n"
	"quit\n"
	"ip route-static 10.0.9.0 255.255.255.0 10.0.1.2\n"
	"commit\n";

#define PAYLOAD 64
#define UDP4	(14 + 20 + 8 + PAYLOAD)

/* The fake owner: counts and the last event of each kind. */
struct fo {
	struct router *r;
	size_t nocache, data, wrong;
	int in;
	sim_time_t t;
	uint8_t ttl;
	uint16_t flen;
	struct net_addr src, grp;
	bool install; /* nocache installs (*,G) from in to GE0/2/0, GE0/3/0 */
};

static void fo_note(struct fo *o, struct node_iface *in,
		    const struct net_pkt_info *pi, const struct net_frame *f)
{
	o->in = in->ifindex;
	o->t = node_now(router_node(o->r));
	o->ttl = pi->ttl;
	o->flen = f->len;
	o->src = pi->src;
	o->grp = pi->dst;
}

static void fo_nocache(void *ctx, struct router *r, struct node_iface *in,
		       const struct net_pkt_info *pi, const struct net_frame *f)
{
	static const int oifs[2] = { 1, 2 };
	struct fo *o = ctx;

	o->nocache++;
	fo_note(o, in, pi, f);
	if (o->install)
		assert_int_equal(router_mroute_set(r, NULL, &pi->dst,
						   in->ifindex, oifs, 2, false),
				 0);
}

static void fo_data(void *ctx, struct router *r, struct node_iface *in,
		    const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct fo *o = ctx;

	(void)r;
	o->data++;
	fo_note(o, in, pi, f);
}

static void fo_wrong(void *ctx, struct router *r, struct node_iface *in,
		     const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct fo *o = ctx;

	(void)r;
	o->wrong++;
	fo_note(o, in, pi, f);
}

static const struct router_mroute_ops fo_ops = {
	.nocache = fo_nocache,
	.data = fo_data,
	.wrong_iif = fo_wrong,
};

struct mw {
	struct rtest t;
	struct router *r;
	struct asic *a;
	const struct asic_profile *p;
	struct node *p1, *p3, *p4, *rcv;
	struct node_link *l1, *l3, *l4;
	size_t rcv_n;
	struct fo fo;
	struct net_addr s, g;
};

static void on_udp(void *ctx, struct node *h, const struct node_host_udp_rx *m)
{
	struct mw *x = ctx;

	(void)h;
	(void)m;
	x->rcv_n++;
}

/* The world, with protocol modules mods (may be NULL). */
static void mw_init_mods(struct mw *x, const struct router_module *const *mods)
{
	static const char *const ports[] = { "GE0/1/0", "GE0/2/0", "GE0/3/0",
					     "GE0/4/0", NULL };

	memset(x, 0, sizeof(*x));
	rtest_init(&x->t, 5);
	x->t.modules = mods;
	x->r = rtest_router(&x->t, "R1", cfg_r, ports);
	x->a = router_asic(x->r);
	x->p = &x->t.prof;
	x->fo.r = x->r;
	x->s = node_tw_addr("10.0.9.10");
	x->g = node_tw_addr("239.1.1.1");
	x->p1 = node_tw_probe(x->t.w, "P1");
	x->p3 = node_tw_probe(x->t.w, "P3");
	x->p4 = node_tw_probe(x->t.w, "P4");
	x->rcv = node_tw_host(x->t.w, "RCV", "eth0", "10.0.2.10/24", "10.0.2.1",
			      NULL, NULL);
	assert_int_equal(node_host_join(x->rcv, NULL, &x->g), 0);
	assert_int_equal(node_host_udp_bind(x->rcv, 5000, on_udp, x), 0);
	x->l1 = rtest_link(&x->t, "l1", x->p1, "eth0", router_node(x->r),
			   "GigabitEthernet0/1/0");
	rtest_link(&x->t, "l2", x->rcv, "eth0", router_node(x->r),
		   "GigabitEthernet0/2/0");
	x->l3 = rtest_link(&x->t, "l3", x->p3, "eth0", router_node(x->r),
			   "GigabitEthernet0/3/0");
	x->l4 = rtest_link(&x->t, "l4", x->p4, "eth0", router_node(x->r),
			   "GigabitEthernet0/4/0");
	rtest_boot(x->r);
	rtest_settle(&x->t, x->r);
	node_tw_run_for(x->t.w, SIM_MS(1));
}

static void mw_init(struct mw *x)
{
	mw_init_mods(x, NULL);
}

static sim_time_t hop(const struct mw *x, size_t len)
{
	return node_link_ser_time(x->l1, len) + RTEST_DELAY;
}

static void send_mc(struct node *p, const char *group)
{
	uint8_t payload[PAYLOAD] = { 0 };
	struct net_frame f;
	struct net_wr w;
	struct net_udp4_params u = { .sport = 4000, .dport = 5000 };
	int n;

	u.ip.src = node_tw_ip4("10.0.9.10");
	u.ip.dst = node_tw_ip4(group);
	u.ip.ttl = 64;
	u.ip.l2.src = p->ifaces[0]->mac;
	u.ip.l2.dst = net_mac_from_ip4_mcast(&u.ip.dst);
	net_wr_init(&w, f.data, sizeof(f.data));
	n = net_build_udp4(&w, &u, payload, sizeof(payload));
	assert_int_equal(n, UDP4);
	assert_int_equal(node_tw_probe_send(p, "eth0", f.data, (size_t)n), 0);
}

/* The visible entry has exactly these outgoing ports. */
static void assert_oifs(const struct asic_mfib_entry *e, const int *v, size_t n)
{
	assert_non_null(e);
	assert_int_equal(e->noifs, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(e->oifs[i], v[i]);
}

static const struct asic_mfib_entry *sg_entry(struct mw *x)
{
	return asic_mfib_find(x->a, &x->s, &x->g);
}

static void own(struct mw *x)
{
	assert_int_equal(router_mroute_owner(x->r, NET_AF_IP4, &fo_ops, &x->fo),
			 0);
}

static uint64_t mfib_writes(struct mw *x)
{
	return asic_counters(x->a)->prog_writes[ASIC_TBL_MFIB];
}

/* Taking IPv4 removes the data-driven entry; no-cache, copies and
 * wrong-iif then reach the owner at punt_latency, with the packet as it
 * arrived; the owner's entry is visible at overhead + mfib + 2 oifs. */
static void test_owner_events(void **state)
{
	static const int oifs[2] = { 1, 2 };
	struct mw x;
	struct fo other = { 0 };
	sim_time_t t, vis;
	uint64_t pk = 0;

	(void)state;
	mw_init(&x);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_non_null(sg_entry(&x));
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 0, oifs, 2, false),
			 -1); /* no owner yet */
	t = node_tw_now(x.t.w);
	own(&x);
	own(&x); /* the same owner again */
	assert_int_equal(router_mroute_owner(x.r, NET_AF_IP4, &fo_ops, &other),
			 -1);
	assert_int_equal(router_mroute_owner(x.r, NET_AF_NONE, &fo_ops, &other),
			 -1);
	vis = t + x.p->batch_overhead + x.p->mfib_write;
	node_tw_run(x.t.w, vis - 1);
	assert_non_null(sg_entry(&x));
	node_tw_run(x.t.w, vis);
	assert_null(sg_entry(&x));
	assert_int_equal(node_tw_count(x.t.w, "R1", "mcast", "entry-delete"),
			 1);
	/* No-cache: to the owner, no entry made by the router. */
	t = node_tw_now(x.t.w);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.fo.nocache, 1);
	assert_int_equal(x.fo.t, t + hop(&x, UDP4) + x.p->punt_latency);
	assert_int_equal(x.fo.in, 0);
	assert_int_equal(x.fo.ttl, 64);
	assert_int_equal(x.fo.flen, UDP4);
	assert_true(net_addr_eq(&x.fo.src, &x.s));
	assert_true(net_addr_eq(&x.fo.grp, &x.g));
	assert_int_equal(asic_mfib_count(x.a), 0);
	assert_false(router_mroute_packets(x.r, &x.s, &x.g, &pk));
	/* The owner's (S,G) with cpu copy. */
	t = node_tw_now(x.t.w);
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 0, oifs, 2, true),
			 0);
	vis = t + x.p->batch_overhead + x.p->mfib_write + 2 * x.p->oif_write;
	assert_int_equal(asic_prog_idle_at(x.a), vis);
	node_tw_run(x.t.w, vis - 1);
	assert_null(sg_entry(&x));
	node_tw_run(x.t.w, vis);
	assert_oifs(sg_entry(&x), oifs, 2);
	assert_int_equal(sg_entry(&x)->iif, 0);
	assert_int_equal(sg_entry(&x)->flags, ASIC_MFIB_CPU_COPY);
	assert_int_equal(node_tw_count(x.t.w, "R1", "mcast", "mroute-set"), 1);
	/* Data: forwarded and copied to the owner as it arrived. */
	t = node_tw_now(x.t.w);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.rcv_n, 1);
	assert_int_equal(node_tw_probe_count(x.p3), 1);
	assert_int_equal(x.fo.data, 1);
	assert_int_equal(x.fo.t, t + hop(&x, UDP4) + x.p->punt_latency);
	assert_int_equal(x.fo.ttl, 64);
	assert_int_equal(x.fo.in, 0);
	/* On an outgoing interface: wrong-iif (the Assert trigger). */
	send_mc(x.p3, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.fo.wrong, 1);
	assert_int_equal(x.fo.in, 2);
	assert_int_equal(x.fo.nocache, 1);
	assert_true(router_mroute_packets(x.r, &x.s, &x.g, &pk));
	assert_int_equal(pk, 1);
	assert_string_equal(
		rtest_cli(&x.t, x.r, "display multicast routing-table", NULL),
		"Multicast routing table of VPN-Instance: public net\n"
		"00001. (10.0.9.10, 239.1.1.1)\n"
		"      Uptime: 2ms\n"
		"      Upstream Interface: GigabitEthernet0/1/0\n"
		"      List of 2 downstream interfaces\n"
		"          1: GigabitEthernet0/2/0\n"
		"          2: GigabitEthernet0/3/0\n"
		"      Matched 1 packets, 106 bytes\n"
		" Total 1 entry\n");
	rtest_fini(&x.t);
}

/* The owner installs a (*,G) from inside its no-cache callback; the next
 * packets follow the (*,G) in hardware. */
static void test_owner_reentrant_star_g(void **state)
{
	struct mw x;
	sim_time_t t, vis;
	uint64_t pk = 0;

	(void)state;
	mw_init(&x);
	own(&x);
	x.fo.install = true;
	t = node_tw_now(x.t.w);
	send_mc(x.p1, "239.1.1.1");
	vis = t + hop(&x, UDP4) + x.p->punt_latency + x.p->batch_overhead +
	      x.p->mfib_write + 2 * x.p->oif_write;
	node_tw_run(x.t.w, vis - 1);
	assert_null(asic_mfib_find(x.a, NULL, &x.g));
	node_tw_run(x.t.w, vis);
	assert_non_null(asic_mfib_find(x.a, NULL, &x.g));
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.rcv_n, 1);
	assert_int_equal(x.fo.nocache, 1);
	assert_true(router_mroute_packets(x.r, NULL, &x.g, &pk));
	assert_int_equal(pk, 1);
	assert_int_equal(router_mroute_del(x.r, NULL, &x.g), 0);
	assert_int_equal(router_mroute_del(x.r, NULL, &x.g), -1);
	rtest_settle(&x.t, x.r);
	assert_int_equal(asic_mfib_count(x.a), 0);
	rtest_fini(&x.t);
}

/* Only real changes are written: the same request is free, an iif-only
 * change costs one mfib_write, a flag change a whole entry; the iif and
 * loopbacks leave the list; bad requests are refused. */
static void test_owner_change_costs(void **state)
{
	static const int o12[2] = { 1, 2 }, o2[1] = { 2 }, o1[1] = { 1 };
	const int o221[3] = { 2, 2, 1 }, bad[2] = { 1, 99 };
	struct mw x;
	struct net_addr s6 = node_tw_addr("2001:db8::1");
	struct net_addr g6 = node_tw_addr("ff3e::1");
	struct net_addr uc = node_tw_addr("10.0.2.10");
	sim_time_t t, vis;
	uint64_t w;
	int rc;

	(void)state;
	mw_init(&x);
	own(&x);
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 0, o12, 2, false),
			 0);
	rtest_settle(&x.t, x.r);
	w = mfib_writes(&x);
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 0, o12, 2, false),
			 0);
	assert_int_equal(asic_prog_depth(x.a), 0);
	/* iif only. */
	t = node_tw_now(x.t.w);
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 3, o12, 2, false),
			 0);
	vis = t + x.p->batch_overhead + x.p->mfib_write;
	assert_int_equal(asic_prog_idle_at(x.a), vis);
	node_tw_run(x.t.w, vis);
	assert_int_equal(sg_entry(&x)->iif, 3);
	assert_oifs(sg_entry(&x), o12, 2);
	assert_int_equal(mfib_writes(&x), w + 1);
	/* Flag only: a whole entry. */
	t = node_tw_now(x.t.w);
	router_mroute_set(x.r, &x.s, &x.g, 3, o12, 2, true);
	assert_int_equal(asic_prog_idle_at(x.a), t + x.p->batch_overhead +
							 x.p->mfib_write +
							 2 * x.p->oif_write);
	rtest_settle(&x.t, x.r);
	assert_int_equal(sg_entry(&x)->flags, ASIC_MFIB_CPU_COPY);
	/* The iif is no oif; duplicates and order do not matter. */
	router_mroute_set(x.r, &x.s, &x.g, 1, o221, 3, true);
	rtest_settle(&x.t, x.r);
	assert_int_equal(sg_entry(&x)->iif, 1);
	assert_oifs(sg_entry(&x), o2, 1);
	/* A loopback is neither oif nor iif (the iif becomes none). */
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface LoopBack0\n"
		  " ip address 1.1.1.1 255.255.255.255\ncommit",
		  &rc);
	assert_int_equal(rc, 0);
	struct node_iface *lo = node_iface_find(router_node(x.r), "LoopBack0");
	const int olo[2] = { 1, lo->ifindex };

	assert_int_equal(
		router_mroute_set(x.r, &x.s, &x.g, lo->ifindex, olo, 2, false),
		0);
	rtest_settle(&x.t, x.r);
	assert_int_equal(sg_entry(&x)->iif, ASIC_IFINDEX_NONE);
	assert_oifs(sg_entry(&x), o1, 1);
	/* Refused: no change at all. */
	w = mfib_writes(&x);
	assert_int_equal(router_mroute_set(x.r, &x.s, &uc, 0, o12, 2, false),
			 -1);
	assert_int_equal(router_mroute_set(x.r, &x.g, &x.g, 0, o12, 2, false),
			 -1);
	assert_int_equal(router_mroute_set(x.r, &s6, &x.g, 0, o12, 2, false),
			 -1);
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 0, bad, 2, false),
			 -1);
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 99, o12, 2, false),
			 -1);
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 0, NULL, 2, false),
			 -1);
	assert_int_equal(router_mroute_set(x.r, &x.s, NULL, 0, o12, 2, false),
			 -1);
	/* IPv6 has no owner. */
	assert_int_equal(router_mroute_set(x.r, &s6, &g6, 0, o12, 2, false),
			 -1);
	assert_int_equal(router_mroute_del(x.r, &x.s, &uc), -1);
	assert_int_equal(router_mroute_del(x.r, &s6, &g6), -1);
	assert_false(router_mroute_packets(x.r, &x.s, &uc, NULL));
	assert_int_equal(asic_prog_depth(x.a), 0);
	assert_int_equal(mfib_writes(&x), w);
	/* Delete: one mfib_write. */
	t = node_tw_now(x.t.w);
	assert_int_equal(router_mroute_del(x.r, &x.s, &x.g), 0);
	assert_int_equal(asic_prog_idle_at(x.a),
			 t + x.p->batch_overhead + x.p->mfib_write);
	rtest_settle(&x.t, x.r);
	assert_null(sg_entry(&x));
	assert_int_equal(node_tw_count(x.t.w, "R1", "mcast", "mroute-delete"),
			 1);
	rtest_fini(&x.t);
}

/* A gate closes a port out of static (data-driven) and owner entries of
 * its family only, through the queue; reopening restores it. */
static void test_gate(void **state)
{
	static const int o12[2] = { 1, 2 }, o1[1] = { 1 }, o2[1] = { 2 };
	struct mw x;
	struct node_iface *ge3, *ge2;
	struct net_addr g2 = node_tw_addr("239.1.2.1");
	sim_time_t t, vis;

	(void)state;
	mw_init(&x);
	ge2 = node_iface_find(router_node(x.r), "GigabitEthernet0/2/0");
	ge3 = node_iface_find(router_node(x.r), "GigabitEthernet0/3/0");
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_oifs(sg_entry(&x), o12, 2);
	assert_true(router_mcast_gate_open(x.r, ge3, NET_AF_IP4));
	t = node_tw_now(x.t.w);
	router_mcast_gate(x.r, ge3, NET_AF_IP4, false);
	assert_false(router_mcast_gate_open(x.r, ge3, NET_AF_IP4));
	assert_true(router_mcast_gate_open(x.r, ge3, NET_AF_IP6));
	vis = t + x.p->batch_overhead + x.p->mfib_write + x.p->oif_write;
	node_tw_run(x.t.w, vis - 1);
	assert_oifs(sg_entry(&x), o12, 2);
	node_tw_run(x.t.w, vis);
	assert_oifs(sg_entry(&x), o1, 1);
	assert_int_equal(node_tw_count(x.t.w, "R1", "mcast", "gate-close"), 1);
	/* The other family, or the same state again: no write. */
	router_mcast_gate(x.r, ge2, NET_AF_IP6, false);
	router_mcast_gate(x.r, ge3, NET_AF_IP4, false);
	assert_int_equal(asic_prog_depth(x.a), 0);
	send_mc(x.p1, "239.1.1.1");
	send_mc(x.p1, "239.1.2.1"); /* wanted on GE0/3/0 only */
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.rcv_n, 1);
	assert_int_equal(node_tw_probe_count(x.p3), 0);
	assert_oifs(asic_mfib_find(x.a, &x.s, &g2), NULL, 0);
	/* Reopen: both entries get GE0/3/0 back, in one batch. */
	t = node_tw_now(x.t.w);
	router_mcast_gate(x.r, ge3, NET_AF_IP4, true);
	vis = t + x.p->batch_overhead + 2 * x.p->mfib_write +
	      3 * x.p->oif_write;
	assert_int_equal(asic_prog_idle_at(x.a), vis);
	node_tw_run(x.t.w, vis);
	assert_oifs(sg_entry(&x), o12, 2);
	assert_oifs(asic_mfib_find(x.a, &x.s, &g2), o2, 1);
	/* Owner entries obey gates too. */
	own(&x);
	router_mroute_set(x.r, &x.s, &x.g, 0, o12, 2, false);
	rtest_settle(&x.t, x.r);
	router_mcast_gate(x.r, ge2, NET_AF_IP4, false);
	rtest_settle(&x.t, x.r);
	assert_oifs(sg_entry(&x), o2, 1);
	router_mcast_gate(x.r, ge2, NET_AF_IP4, true);
	rtest_settle(&x.t, x.r);
	assert_oifs(sg_entry(&x), o12, 2);
	rtest_fini(&x.t);
}

/* A port that goes down leaves the owner's list when the interface goes
 * oper down, and comes back with it. */
static void test_port_down_up(void **state)
{
	static const int o123[3] = { 1, 2, 3 }, o12[2] = { 1, 2 };
	struct mw x;
	sim_time_t t, vis;

	(void)state;
	mw_init(&x);
	own(&x);
	router_mroute_set(x.r, &x.s, &x.g, 0, o123, 3, false);
	rtest_settle(&x.t, x.r);
	assert_oifs(sg_entry(&x), o123, 3);
	t = node_tw_now(x.t.w);
	node_link_set_up(x.l4, false);
	node_tw_run(x.t.w, t + x.p->link_detect);
	vis = asic_prog_idle_at(x.a);
	assert_true(vis > t + x.p->link_detect);
	node_tw_run(x.t.w, vis - 1);
	assert_oifs(sg_entry(&x), o123, 3);
	node_tw_run(x.t.w, vis);
	assert_oifs(sg_entry(&x), o12, 2);
	node_link_set_up(x.l4, true);
	node_tw_run_for(x.t.w, x.p->link_detect);
	rtest_settle(&x.t, x.r);
	assert_oifs(sg_entry(&x), o123, 3);
	/* Admin shutdown too. */
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/4/0\nshutdown\n"
		  "commit",
		  NULL);
	rtest_settle(&x.t, x.r);
	assert_oifs(sg_entry(&x), o12, 2);
	rtest_fini(&x.t);
}

/* Release: the owner's entries go and data-driven ones come back. */
static void test_release(void **state)
{
	static const int o3[1] = { 3 }, o12[2] = { 1, 2 };
	struct mw x;
	sim_time_t t, vis;

	(void)state;
	mw_init(&x);
	assert_int_equal(router_mroute_owner(x.r, NET_AF_IP4, NULL, NULL), 0);
	own(&x);
	router_mroute_set(x.r, &x.s, &x.g, 0, o3, 1, false);
	rtest_settle(&x.t, x.r);
	assert_oifs(sg_entry(&x), o3, 1);
	t = node_tw_now(x.t.w);
	assert_int_equal(router_mroute_owner(x.r, NET_AF_IP4, NULL, NULL), 0);
	vis = t + x.p->batch_overhead + x.p->mfib_write;
	node_tw_run(x.t.w, vis - 1);
	assert_non_null(sg_entry(&x));
	node_tw_run(x.t.w, vis);
	assert_null(sg_entry(&x));
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 0, o3, 1, false),
			 -1);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_oifs(sg_entry(&x), o12, 2);
	assert_int_equal(x.fo.nocache, 0);
	/* Another owner may take it now. */
	assert_int_equal(router_mroute_owner(x.r, NET_AF_IP4, &fo_ops, NULL),
			 0);
	rtest_fini(&x.t);
}

/* `undo multicast routing-enable` takes the owner's entries out of the
 * ASIC but keeps the requests; enabling programs the latest one. */
static void test_disable_parks_owner_entries(void **state)
{
	static const int o12[2] = { 1, 2 }, o1[1] = { 1 };
	struct mw x;

	(void)state;
	mw_init(&x);
	own(&x);
	router_mroute_set(x.r, &x.s, &x.g, 0, o12, 2, false);
	rtest_settle(&x.t, x.r);
	rtest_cli(&x.t, x.r,
		  "system-view\nundo multicast routing-enable\ncommit", NULL);
	rtest_settle(&x.t, x.r);
	assert_null(sg_entry(&x));
	assert_int_equal(router_mroute_set(x.r, &x.s, &x.g, 0, o1, 1, false),
			 0);
	assert_int_equal(asic_prog_depth(x.a), 0);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.fo.nocache, 0);
	rtest_cli(&x.t, x.r, "system-view\nmulticast routing-enable\ncommit",
		  NULL);
	rtest_settle(&x.t, x.r);
	assert_oifs(sg_entry(&x), o1, 1);
	rtest_fini(&x.t);
}

/* A module that owns IPv4 multicast and closes a gate at boot, and undoes
 * both (and deletes an entry) when destroyed: harmless during a crash. */
struct mod_st {
	struct router *r;
	struct fo fo;
};

static void *mod_create(struct router *r)
{
	struct mod_st *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->r = r;
	m->fo.r = r;
	if (router_mroute_owner(r, NET_AF_IP4, &fo_ops, &m->fo)) {
		free(m);
		return NULL;
	}
	return m;
}

static void mod_destroy(void *st)
{
	struct mod_st *m = st;
	struct net_addr g = node_tw_addr("239.1.1.1");
	struct node_iface *ifp =
		node_iface_find(router_node(m->r), "GigabitEthernet0/2/0");

	router_mroute_del(m->r, NULL, &g);
	router_mcast_gate(m->r, ifp, NET_AF_IP4, true);
	router_mroute_owner(m->r, NET_AF_IP4, NULL, NULL);
	free(m);
}

static const struct router_module mod_owner = {
	.name = "test-owner",
	.create = mod_create,
	.destroy = mod_destroy,
};

static void test_crash_clears(void **state)
{
	static const struct router_module *const mods[] = { &mod_owner, NULL };
	static const int o12[2] = { 1, 2 }, o1[1] = { 1 };
	struct mw x;
	struct node *rn;
	struct node_iface *ge3;
	sim_time_t t;

	(void)state;
	mw_init_mods(&x, mods);
	rn = router_node(x.r);
	ge3 = node_iface_find(rn, "GigabitEthernet0/3/0");
	assert_int_equal(router_mroute_set(x.r, NULL, &x.g, 0, o12, 2, true),
			 0);
	router_mcast_gate(x.r, ge3, NET_AF_IP4, false);
	rtest_settle(&x.t, x.r);
	assert_oifs(asic_mfib_find(x.a, NULL, &x.g), o1, 1);
	rn->ops->crash(rn);
	assert_int_equal(asic_mfib_count(x.a), 0);
	assert_int_equal(asic_prog_depth(x.a), 0);
	assert_int_equal(router_mroute_set(x.r, NULL, &x.g, 0, o12, 2, true),
			 -1);
	assert_int_equal(router_mroute_owner(x.r, NET_AF_IP4, &fo_ops, NULL),
			 -1);
	assert_true(router_mcast_gate_open(x.r, ge3, NET_AF_IP4));
	/* Boot again: the module owns IPv4 afresh, gates are open and the
	 * old entries are gone. */
	t = node_tw_now(x.t.w);
	rn->ops->restart(rn);
	node_tw_run(x.t.w, t + SIM_S(1));
	assert_true(router_booted(x.r));
	rtest_settle(&x.t, x.r);
	assert_int_equal(asic_mfib_count(x.a), 0);
	assert_true(router_mcast_gate_open(x.r, ge3, NET_AF_IP4));
	assert_int_equal(router_mroute_owner(x.r, NET_AF_IP4, &fo_ops, NULL),
			 -1);
	assert_int_equal(router_mroute_set(x.r, NULL, &x.g, 0, o12, 2, false),
			 0);
	rtest_settle(&x.t, x.r);
	assert_oifs(asic_mfib_find(x.a, NULL, &x.g), o12, 2);
	rtest_fini(&x.t);
}

/* Local receivers: static groups (any source or one source) and the
 * membership provider. */
static bool prov_fn(void *ctx, struct router *r, struct node_iface *ifp,
		    const struct net_addr *src, const struct net_addr *grp)
{
	(void)ctx;
	(void)r;
	(void)grp;
	return ifp->ifindex == 3 && src->af == NET_AF_NONE;
}

static void test_local_wants(void **state)
{
	struct mw x;
	struct node *rn;
	struct net_addr g5 = node_tw_addr("239.5.5.5");
	struct net_addr s2 = node_tw_addr("10.9.9.9");
	struct node_iface *ge2, *ge4;
	int rc;

	(void)state;
	mw_init(&x);
	rn = router_node(x.r);
	ge2 = node_iface_find(rn, "GigabitEthernet0/2/0");
	ge4 = node_iface_find(rn, "GigabitEthernet0/4/0");
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/4/0\n"
		  " igmp static-group 239.5.5.5 source 10.0.9.10\ncommit",
		  &rc);
	assert_int_equal(rc, 0);
	assert_true(router_mcast_local_wants(x.r, ge2, NULL, &x.g));
	assert_true(router_mcast_local_wants(x.r, ge2, &x.s, &x.g));
	assert_false(router_mcast_local_wants(x.r, ge4, NULL, &x.g));
	assert_true(router_mcast_local_wants(x.r, ge4, &x.s, &g5));
	assert_false(router_mcast_local_wants(x.r, ge4, &s2, &g5));
	assert_false(router_mcast_local_wants(x.r, ge4, NULL, &g5));
	assert_false(router_mcast_local_wants(x.r, ge2, NULL, NULL));
	assert_int_equal(router_mcast_member_provider(x.r, prov_fn, NULL), 0);
	assert_true(router_mcast_local_wants(x.r, ge4, NULL, &x.g));
	assert_false(router_mcast_local_wants(x.r, ge4, &s2, &x.g));
	rtest_fini(&x.t);
}

/* An IPv4 UDP packet (IP header onwards) to group with ttl; returns the
 * IP length. A 4-byte payload makes a frame that needs padding. Ports
 * with no tshark dissector (5000 is decoded as TAPA). */
static size_t ip4_pkt(uint8_t *buf, size_t cap, const char *group, uint8_t ttl)
{
	uint8_t frame[NET_FRAME_MAX], payload[4] = { 1, 2, 3, 4 };
	struct net_udp4_params u = { .sport = 40000, .dport = 40001 };
	struct net_wr w;
	int n;

	u.ip.src = node_tw_ip4("10.0.9.10");
	u.ip.dst = node_tw_ip4(group);
	u.ip.ttl = ttl;
	net_wr_init(&w, frame, sizeof(frame));
	n = net_build_udp4(&w, &u, payload, sizeof(payload));
	assert_true(n == 60 && (size_t)n - 14 <= cap);
	memcpy(buf, frame + 14, (size_t)n - 14); /* padding included */
	return (size_t)n - 14;
}

static size_t ip6_pkt(uint8_t *buf, size_t cap, uint8_t hops)
{
	uint8_t frame[NET_FRAME_MAX], payload[16] = { 0 };
	struct net_udp6_params u = { .sport = 40000, .dport = 40001 };
	struct net_wr w;
	int n;

	u.ip.src = node_tw_ip6("2001:db8:9::10");
	u.ip.dst = node_tw_ip6("ff3e::1");
	u.ip.hop_limit = hops;
	net_wr_init(&w, frame, sizeof(frame));
	n = net_build_udp6(&w, &u, payload, sizeof(payload));
	assert_true(n > 14 && (size_t)n - 14 <= cap);
	memcpy(buf, frame + 14, (size_t)n - 14);
	return (size_t)n - 14;
}

static void test_mcast_send(void **state)
{
	const int oifs[5] = { 2, 2, 99, 0, -1 }, o2[1] = { 2 };
	uint8_t ip[256], bad[256];
	struct mw x;
	struct net_pkt_info pi;
	struct node_iface *ge3;
	sim_time_t t, at;
	size_t n;

	(void)state;
	mw_init(&x);
	ge3 = node_iface_find(router_node(x.r), "GigabitEthernet0/3/0");
	n = ip4_pkt(ip, sizeof(ip), "239.1.1.1", 64);
	t = node_tw_now(x.t.w);
	assert_int_equal(router_mcast_send(x.r, ip, n, oifs, 5), 2);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(x.p3), 1);
	assert_int_equal(node_tw_probe_count(x.p1), 1);
	rtest_probe_pkt(x.p3, 0, &pi, &at);
	assert_int_equal(at, t + x.p->inject_latency + hop(&x, 60));
	assert_int_equal(pi.err, NET_OK);
	assert_int_equal(pi.ttl, 63);
	assert_int_equal(node_tw_probe_frame(x.p3, 0)->len, 60);
	{
		struct net_ip4 g4 = node_tw_ip4("239.1.1.1");
		struct net_mac gm = net_mac_from_ip4_mcast(&g4);

		assert_memory_equal(pi.eth.dst.b, gm.b, 6);
		assert_memory_equal(pi.eth.src.b, ge3->mac.b, 6);
	}
	assert_int_equal(pi.udp.dport, 40001);
	/* Gated, TTL 1, TTL 2, malformed packets. */
	router_mcast_gate(x.r, ge3, NET_AF_IP4, false);
	assert_int_equal(router_mcast_send(x.r, ip, n, o2, 1), 0);
	router_mcast_gate(x.r, ge3, NET_AF_IP4, true);
	n = ip4_pkt(ip, sizeof(ip), "239.1.1.1", 1);
	assert_int_equal(router_mcast_send(x.r, ip, n, o2, 1), 0);
	n = ip4_pkt(ip, sizeof(ip), "239.1.1.1", 2);
	assert_int_equal(router_mcast_send(x.r, ip, n, o2, 1), 1);
	memcpy(bad, ip, n);
	assert_int_equal(router_mcast_send(x.r, bad, 19, o2, 1), 0);
	assert_int_equal(router_mcast_send(x.r, bad, 0, o2, 1), 0);
	assert_int_equal(router_mcast_send(x.r, NULL, n, o2, 1), 0);
	bad[0] = 0x44; /* IHL 4 */
	assert_int_equal(router_mcast_send(x.r, bad, n, o2, 1), 0);
	bad[0] = 0x55;
	assert_int_equal(router_mcast_send(x.r, bad, n, o2, 1), 0);
	bad[0] = 0x45;
	assert_int_equal(router_mcast_send(x.r, bad, 30, o2, 1), 0); /* TL */
	n = ip4_pkt(ip, sizeof(ip), "10.0.3.9", 64);
	assert_int_equal(router_mcast_send(x.r, ip, n, o2, 1), 0);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(x.p3), 2);
	rtest_probe_pkt(x.p3, 1, &pi, &at);
	assert_int_equal(pi.ttl, 1);
	/* IPv6: hop limit, 33:33 MAC; refused when IPv6 is disabled. */
	n = ip6_pkt(ip, sizeof(ip), 5);
	assert_int_equal(router_mcast_send(x.r, ip, n, o2, 1), 1);
	assert_int_equal(router_mcast_send(x.r, ip, 39, o2, 1), 0);
	node_tw_run_for(x.t.w, SIM_MS(1));
	rtest_probe_pkt(x.p3, 2, &pi, &at);
	assert_int_equal(pi.err, NET_OK);
	assert_int_equal(pi.af, NET_AF_IP6);
	assert_int_equal(pi.ttl, 4);
	assert_int_equal(pi.eth.dst.b[0], 0x33);
	assert_int_equal(pi.eth.dst.b[5], 0x01);
	rtest_cli(&x.t, x.r,
		  "system-view\nundo multicast ipv6 routing-enable\ncommit",
		  NULL);
	assert_int_equal(router_mcast_send(x.r, ip, n, o2, 1), 0);
	rtest_fini(&x.t);
}

/* Frames of router_mcast_send decode cleanly in tshark. */
static void test_mcast_send_tshark(void **state)
{
	const int o2[1] = { 2 };
	char path[512], err[512];
	uint8_t ip[256];
	struct trace_tshark_result res;
	struct trace_pcap *tp;
	struct node_tw_cap *cap;
	enum trace_tshark_rc rc;
	struct mw x;
	size_t n;

	(void)state;
	if (!trace_tshark_path(path, sizeof(path)))
		skip();
	mw_init(&x);
	cap = node_tw_capture(x.t.w, x.l3);
	n = ip4_pkt(ip, sizeof(ip), "239.1.1.1", 64);
	assert_int_equal(router_mcast_send(x.r, ip, n, o2, 1), 1);
	n = ip6_pkt(ip, sizeof(ip), 64);
	assert_int_equal(router_mcast_send(x.r, ip, n, o2, 1), 1);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(cap->n, 2);
	snprintf(path, sizeof(path), "%s/router_mroute_test.pcap",
		 FAILSIM_BINARY_DIR);
	tp = trace_pcap_open(path, err, sizeof(err));
	if (!tp)
		fail_msg("%s", err);
	for (size_t i = 0; i < cap->n; i++)
		assert_int_equal(trace_pcap_write(tp, cap->v[i].t,
						  cap->v[i].data,
						  cap->v[i].len),
				 0);
	assert_int_equal(trace_pcap_close(tp), 0);
	rc = trace_tshark_check(path, &res, err, sizeof(err));
	rtest_fini(&x.t);
	if (rc == TRACE_TSHARK_UNAVAILABLE)
		skip();
	if (rc != TRACE_TSHARK_OK)
		fail_msg("tshark: %s", err);
	assert_int_equal(res.frames, 2);
	assert_int_equal(res.malformed.count, 0);
	assert_int_equal(res.bad_checksum.count, 0);
	assert_int_equal(res.errors.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_owner_events),
		cmocka_unit_test(test_owner_reentrant_star_g),
		cmocka_unit_test(test_owner_change_costs),
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_port_down_up),
		cmocka_unit_test(test_release),
		cmocka_unit_test(test_disable_parks_owner_entries),
		cmocka_unit_test(test_crash_clears),
		cmocka_unit_test(test_local_wants),
		cmocka_unit_test(test_mcast_send),
		cmocka_unit_test(test_mcast_send_tshark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
