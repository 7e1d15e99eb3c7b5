/*
 * Tests of the static multicast control plane (router_mcast.c): with
 * `multicast routing-enable` and `igmp static-group` (inc-step-mask and
 * number), the first packet of (S,G) is punted "no-cache" and the entry is
 * created with the RPF interface towards S as incoming interface (RFC 7761
 * section 4.5.7 RPF'(S) from the unicast table) and programmed (visible at
 * batch_overhead + mfib_write + k * oif_write); later packets are
 * replicated in hardware; when the unicast route to S moves, only the iif
 * is reprogrammed (asic_prog_mfib_iif); data off the iif is dropped as an
 * RPF failure unless it arrives on an outgoing interface (RFC 7761 section
 * 4.6: punted as wrong-iif).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/net/net_build.h"
#include "sim/node/node_host.h"
#include "sim/router/router_testutil.h"

/* Source 10.0.9.10 is reached via P1 (GE0/1/0), or via P4 (GE0/4/0) as a
 * floating route. Receivers: host RCV on GE0/2/0, probe P3 on GE0/3/0. */
static const char cfg_r[] =
	"system-view\n"
	"sysname R1\n"
	"multicast routing-enable\n"
	"interface GigabitEthernet0/1/0\n"
	" ip address 10.0.1.1 255.255.255.0\n"
	"interface GigabitEthernet0/2/0\n"
	" ip address 10.0.2.1 255.255.255.0\n"
	" igmp static-group 239.1.1.1 inc-step-mask 32 number 2\n"
	"interface GigabitEthernet0/3/0\n"
	" ip address 10.0.3.1 255.255.255.0\n"
	" igmp static-group 239.1.1.1 inc-step-mask 24 number 2\n"
	"interface GigabitEthernet0/4/0\n"
	" ip address 10.0.4.1 255.255.255.0\n"
	"quit\n"
	"ip route-static 10.0.9.0 255.255.255.0 10.0.1.2\n"
	"ip route-static 10.0.9.0 255.255.255.0 10.0.4.2 preference 100\n"
	"commit\n";

#define PAYLOAD 64
#define UDP4	(14 + 20 + 8 + PAYLOAD)

struct mw {
	struct rtest t;
	struct router *r;
	struct asic *a;
	struct node *p1, *p3, *p4, *rcv;
	struct node_link *l1;
	size_t rcv_n;
	sim_time_t rcv_t;
	uint8_t rcv_ttl;
};

static void on_udp(void *ctx, struct node *h, const struct node_host_udp_rx *m)
{
	struct mw *x = ctx;

	(void)h;
	x->rcv_n++;
	x->rcv_t = m->t;
	x->rcv_ttl = m->ttl;
}

static void mw_init(struct mw *x)
{
	static const char *const ports[] = { "GE0/1/0", "GE0/2/0", "GE0/3/0",
					     "GE0/4/0", NULL };
	struct net_addr g = node_tw_addr("239.1.1.1");

	memset(x, 0, sizeof(*x));
	rtest_init(&x->t, 9);
	x->r = rtest_router(&x->t, "R1", cfg_r, ports);
	x->a = router_asic(x->r);
	x->p1 = node_tw_probe(x->t.w, "P1");
	x->p3 = node_tw_probe(x->t.w, "P3");
	x->p4 = node_tw_probe(x->t.w, "P4");
	x->rcv = node_tw_host(x->t.w, "RCV", "eth0", "10.0.2.10/24", "10.0.2.1",
			      NULL, NULL);
	assert_int_equal(node_host_join(x->rcv, NULL, &g), 0);
	assert_int_equal(node_host_udp_bind(x->rcv, 5000, on_udp, x), 0);
	x->l1 = rtest_link(&x->t, "l1", x->p1, "eth0", router_node(x->r),
			   "GigabitEthernet0/1/0");
	rtest_link(&x->t, "l2", x->rcv, "eth0", router_node(x->r),
		   "GigabitEthernet0/2/0");
	rtest_link(&x->t, "l3", x->p3, "eth0", router_node(x->r),
		   "GigabitEthernet0/3/0");
	rtest_link(&x->t, "l4", x->p4, "eth0", router_node(x->r),
		   "GigabitEthernet0/4/0");
	rtest_boot(x->r);
	rtest_settle(&x->t, x->r);
	node_tw_run_for(x->t.w, SIM_MS(1));
}

static sim_time_t hop(const struct mw *x, size_t len)
{
	return node_link_ser_time(x->l1, len) + RTEST_DELAY;
}

/* A UDP packet from 10.0.9.10 to group, sent by probe p. */
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

static void test_first_packet_creates_entry(void **state)
{
	struct mw x;
	const struct asic_profile *p;
	struct net_addr s = node_tw_addr("10.0.9.10");
	struct net_addr g = node_tw_addr("239.1.1.1");
	const struct asic_mfib_entry *e;
	struct net_pkt_info pi;
	sim_time_t t0, vis, t2, t;

	(void)state;
	mw_init(&x);
	p = &x.t.prof;
	t0 = node_tw_now(x.t.w);
	send_mc(x.p1, "239.1.1.1");
	vis = t0 + hop(&x, UDP4) + p->punt_latency + p->batch_overhead +
	      p->mfib_write + 2 * p->oif_write;
	node_tw_run(x.t.w, vis - 1);
	assert_null(asic_mfib_find(x.a, &s, &g));
	assert_int_equal(asic_counters(x.a)->all.punted[ASIC_PUNT_NO_CACHE], 1);
	node_tw_run(x.t.w, vis);
	e = asic_mfib_find(x.a, &s, &g);
	assert_non_null(e);
	assert_int_equal(e->iif, 0);
	assert_int_equal(e->noifs, 2);
	assert_int_equal(e->oifs[0], 1);
	assert_int_equal(e->oifs[1], 2);
	/* The punted packet itself was not forwarded. */
	assert_int_equal(x.rcv_n, 0);
	assert_int_equal(node_tw_probe_count(x.p3), 0);
	/* Later packets: replicated by the ASIC, port order. */
	t2 = node_tw_now(x.t.w);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.rcv_n, 1);
	assert_int_equal(x.rcv_t, t2 + 2 * hop(&x, UDP4) + p->pipeline_latency);
	assert_int_equal(x.rcv_ttl, 63);
	assert_int_equal(node_tw_probe_count(x.p3), 1);
	rtest_probe_pkt(x.p3, 0, &pi, &t);
	assert_int_equal(t, t2 + 2 * hop(&x, UDP4) + p->pipeline_latency +
				    p->replication_latency);
	assert_int_equal(pi.err, NET_OK);
	assert_int_equal(pi.ttl, 63);
	assert_memory_equal(
		pi.eth.src.b,
		node_iface_find(router_node(x.r), "GigabitEthernet0/3/0")
			->mac.b,
		6);
	assert_string_equal(
		rtest_cli(&x.t, x.r, "display multicast routing-table", NULL),
		"Multicast routing table of VPN-Instance: public net\n"
		"00001. (10.0.9.10, 239.1.1.1)\n"
		"      Uptime: 1ms\n"
		"      Upstream Interface: GigabitEthernet0/1/0\n"
		"      List of 2 downstream interfaces\n"
		"          1: GigabitEthernet0/2/0\n"
		"          2: GigabitEthernet0/3/0\n"
		"      Matched 1 packets, 106 bytes\n"
		" Total 1 entry\n");
	rtest_fini(&x.t);
}

/* inc-step-mask/number: GE0/2/0 has .1 and .2, GE0/3/0 239.1.1.1 and
 * 239.1.2.1; a group nobody has gets an entry without outgoing interfaces
 * (dropped in hardware, not punted again). */
static void test_static_group_ranges(void **state)
{
	static const struct {
		const char *g;
		size_t noifs;
		int oif0;
	} cases[] = {
		{ "239.1.1.2", 1, 1 },
		{ "239.1.2.1", 1, 2 },
		{ "239.1.1.3", 0, -1 },
	};
	struct mw x;
	struct net_addr s = node_tw_addr("10.0.9.10");

	(void)state;
	mw_init(&x);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct net_addr g = node_tw_addr(cases[i].g);
		const struct asic_mfib_entry *e;

		send_mc(x.p1, cases[i].g);
		node_tw_run_for(x.t.w, SIM_MS(1));
		e = asic_mfib_find(x.a, &s, &g);
		assert_non_null(e);
		assert_int_equal(e->noifs, cases[i].noifs);
		if (cases[i].noifs)
			assert_int_equal(e->oifs[0], cases[i].oif0);
	}
	assert_int_equal(asic_mfib_count(x.a), 3);
	/* More of the unwanted stream: dropped, not punted. */
	uint64_t punts = asic_counters(x.a)->all.punted[ASIC_PUNT_NO_CACHE];

	send_mc(x.p1, "239.1.1.3");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(asic_counters(x.a)->all.punted[ASIC_PUNT_NO_CACHE],
			 punts);
	assert_int_equal(asic_counters(x.a)->all.dropped[ASIC_DROP_NO_OIF], 1);
	rtest_fini(&x.t);
}

static void test_rpf_change_and_wrong_iif(void **state)
{
	struct mw x;
	const struct asic_profile *p;
	struct net_addr s = node_tw_addr("10.0.9.10");
	struct net_addr g = node_tw_addr("239.1.1.1");
	const struct asic_port_counters *c0, *c2, *c3;
	sim_time_t t, vis;

	(void)state;
	mw_init(&x);
	p = &x.t.prof;
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(asic_mfib_find(x.a, &s, &g)->iif, 0);
	/* Off the iif, not an oif: dropped in hardware, not punted. */
	send_mc(x.p4, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	c3 = asic_port_counters(x.a, 3);
	assert_int_equal(c3->dropped[ASIC_DROP_RPF_FAIL], 1);
	assert_int_equal(c3->punted[ASIC_PUNT_WRONG_IIF], 0);
	assert_int_equal(c3->punted[ASIC_PUNT_NO_CACHE], 0);
	/* On an oif: punted as wrong-iif (assert trigger). */
	send_mc(x.p3, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	c2 = asic_port_counters(x.a, 2);
	assert_int_equal(c2->punted[ASIC_PUNT_WRONG_IIF], 1);
	assert_int_equal(x.rcv_n, 0);
	/* The unicast route to S moves to GE0/4/0: one FIB write, then the
	 * iif change (mfib_write). */
	t = node_tw_now(x.t.w);
	rtest_cli(&x.t, x.r,
		  "system-view\n"
		  "undo ip route-static 10.0.9.0 255.255.255.0 10.0.1.2\n"
		  "commit",
		  NULL);
	vis = t + p->batch_overhead + p->fib_write + p->mfib_write;
	node_tw_run(x.t.w, vis - 1);
	assert_int_equal(asic_mfib_find(x.a, &s, &g)->iif, 0);
	node_tw_run(x.t.w, vis);
	assert_int_equal(asic_mfib_find(x.a, &s, &g)->iif, 3);
	assert_int_equal(asic_mfib_find(x.a, &s, &g)->noifs, 2);
	assert_int_equal(asic_counters(x.a)->prog_writes[ASIC_TBL_MFIB], 2);
	/* Now P4's packets flow and P1's are RPF failures. */
	send_mc(x.p4, "239.1.1.1");
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.rcv_n, 1);
	c0 = asic_port_counters(x.a, 0);
	assert_int_equal(c0->dropped[ASIC_DROP_RPF_FAIL], 1);
	assert_int_equal(asic_counters(x.a)->all.punted[ASIC_PUNT_NO_CACHE], 1);
	rtest_fini(&x.t);
}

/* `undo multicast routing-enable` removes the entries; data is then
 * dropped on ingress (multicast disabled on the port). */
static void test_mcast_disable(void **state)
{
	struct mw x;
	struct net_addr s = node_tw_addr("10.0.9.10");
	struct net_addr g = node_tw_addr("239.1.1.1");

	(void)state;
	mw_init(&x);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_non_null(asic_mfib_find(x.a, &s, &g));
	rtest_cli(&x.t, x.r,
		  "system-view\nundo multicast routing-enable\ncommit", NULL);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_null(asic_mfib_find(x.a, &s, &g));
	assert_false(asic_port_mcast(x.a, 0));
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(
		asic_port_counters(x.a, 0)->dropped[ASIC_DROP_MCAST_DISABLED],
		1);
	assert_int_equal(x.rcv_n, 0);
	rtest_fini(&x.t);
}

/* A static group on a LoopBack (no ASIC port) is no outgoing interface:
 * the entry is programmed with the real ports only (a loopback in the
 * list made the ASIC refuse the whole entry). */
static void test_loopback_static_group(void **state)
{
	struct mw x;
	struct net_addr s = node_tw_addr("10.0.9.10");
	struct net_addr g = node_tw_addr("239.1.1.1");
	const struct asic_mfib_entry *e;
	int rc;

	(void)state;
	mw_init(&x);
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface LoopBack0\n"
		  " ip address 1.1.1.1 255.255.255.255\n"
		  " igmp static-group 239.1.1.1\ncommit",
		  &rc);
	assert_int_equal(rc, 0);
	rtest_settle(&x.t, x.r);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	e = asic_mfib_find(x.a, &s, &g);
	assert_non_null(e);
	assert_int_equal(e->iif, 0);
	assert_int_equal(e->noifs, 2);
	assert_int_equal(e->oifs[0], 1);
	assert_int_equal(e->oifs[1], 2);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.rcv_n, 1);
	rtest_fini(&x.t);
}

/* The membership provider (IGMP/MLD's hook): asked per interface; a
 * change reprograms the entries of the group only; a second provider is
 * refused; removing it leaves the static groups. */
struct prov {
	int want_ifindex;
	size_t calls;
};

static bool prov_fn(void *ctx, struct router *r, struct node_iface *ifp,
		    const struct net_addr *src, const struct net_addr *grp)
{
	struct prov *p = ctx;

	(void)r;
	(void)src;
	(void)grp;
	p->calls++;
	return ifp->ifindex == p->want_ifindex;
}

static void test_member_provider(void **state)
{
	struct mw x;
	struct prov pv = { .want_ifindex = 3 };
	struct net_addr s = node_tw_addr("10.0.9.10");
	struct net_addr g = node_tw_addr("239.1.1.1");
	struct net_addr g9 = node_tw_addr("239.9.9.9");
	const struct asic_mfib_entry *e;
	uint64_t writes;

	(void)state;
	mw_init(&x);
	assert_true(router_mcast_enabled(x.r, NET_AF_IP4));
	assert_false(router_mcast_enabled(x.r, NET_AF_IP6));
	assert_int_equal(router_mcast_member_provider(x.r, prov_fn, &pv), 0);
	assert_int_equal(router_mcast_member_provider(x.r, prov_fn, &pv), -1);
	send_mc(x.p1, "239.1.1.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	e = asic_mfib_find(x.a, &s, &g);
	assert_non_null(e);
	assert_int_equal(e->noifs, 3); /* static 1, 2 + member 3 */
	assert_int_equal(e->oifs[2], 3);
	assert_true(pv.calls > 0);
	/* Members leave GE0/4/0: only entries of that group change. */
	pv.want_ifindex = -1;
	writes = asic_counters(x.a)->prog_writes[ASIC_TBL_MFIB];
	router_mcast_member_changed(x.r, NULL, &g9);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(asic_counters(x.a)->prog_writes[ASIC_TBL_MFIB],
			 writes);
	router_mcast_member_changed(x.r, NULL, &g);
	node_tw_run_for(x.t.w, SIM_MS(1));
	e = asic_mfib_find(x.a, &s, &g);
	assert_int_equal(e->noifs, 2);
	assert_int_equal(router_mcast_member_provider(x.r, NULL, NULL), 0);
	assert_int_equal(router_mcast_member_provider(x.r, prov_fn, &pv), 0);
	rtest_fini(&x.t);
}

struct sg_list {
	size_t n;
	struct net_addr g[4];
};

static void sg_collect(void *arg, const struct net_addr *grp,
		       const struct net_addr *src)
{
	struct sg_list *l = arg;

	(void)src;
	if (l->n < 4)
		l->g[l->n] = *grp;
	l->n++;
}

/* Static groups are visible to the IGMP/MLD displays; mld static-group
 * ranges step at the mask length; IGMP is trapped to the CPU even
 * without Router Alert (an IGMPv1 report). */
static void test_static_each_and_mld(void **state)
{
	struct mw x;
	struct sg_list l = { 0 };
	struct node_iface *ifp;
	int rc;

	(void)state;
	mw_init(&x);
	ifp = node_iface_find(router_node(x.r), "GigabitEthernet0/2/0");
	router_mcast_static_each(x.r, ifp, sg_collect, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.g[0].b[3], 1);
	assert_int_equal(l.g[1].b[3], 2);
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/2/0\n"
		  " mld static-group ff3e::1:0 inc-step-mask 112 number 2\n"
		  "commit",
		  &rc);
	assert_int_equal(rc, 0);
	memset(&l, 0, sizeof(l));
	router_mcast_static_each(x.r, ifp, sg_collect, &l);
	assert_int_equal(l.n, 4);
	{
		struct net_addr a = node_tw_addr("ff3e::1:0");
		struct net_addr b = node_tw_addr("ff3e::2:0");

		assert_true(net_addr_eq(&l.g[2], &a));
		assert_true(net_addr_eq(&l.g[3], &b));
	}
	rtest_cli(&x.t, x.r,
		  "system-view\ninterface GigabitEthernet0/2/0\n"
		  " mld static-group ff02::5\ncommit",
		  &rc);
	assert_int_equal(rc, -1);
	rtest_fini(&x.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_packet_creates_entry),
		cmocka_unit_test(test_static_group_ranges),
		cmocka_unit_test(test_rpf_change_and_wrong_iif),
		cmocka_unit_test(test_mcast_disable),
		cmocka_unit_test(test_loopback_static_group),
		cmocka_unit_test(test_member_provider),
		cmocka_unit_test(test_static_each_and_mld),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
