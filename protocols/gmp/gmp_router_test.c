/*
 * IGMP and MLD on routers, end to end with exact times (frames built with
 * the codec and injected on the wire by probes): startup queries (RFC
 * 3376 section 8.6, 8.7: [Startup Query Count] queries [Query Interval]/4
 * apart, then every [Query Interval]) with the header rules of section 4
 * (TTL 1, Router Alert, TOS 0xc0) and RFC 3810 section 5 (Hop Limit 1,
 * Router Alert, link-local source); a report creates the group at the
 * nanosecond it reaches the CPU and multicast reaches the port once the
 * ASIC holds the new outgoing interface (not before); a leave brings the
 * group-specific queries at [Last Member Query Interval] and removes the
 * group exactly [Last Member Query Time] later (RFC 2236 section 3, RFC
 * 3376 6.6.3.1), forwarding stopping one programming time after that; a
 * silent group expires at the Group Membership Interval (section 8.4);
 * two routers on a switched LAN elect the lower address (section 6.6.2)
 * and the loser takes over exactly Other Querier Present Interval
 * (section 8.5) after the winner's last query once it crashed; a crash
 * loses every group. Receive checks, watchers, import and tshark are in
 * gmp_router_test_rx.c; commands and displays in gmp_router_test_cli.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_router_test.h"
#include "sim/node/node_switch.h"

static struct net_addr A(const char *s) {
	return node_tw_addr(s);
}

/* Arrival time and length of H1's i-th frame. */
static sim_time_t
h1_at(struct gt *x, size_t i, size_t *len)
{
	const struct node_tw_frame *f = node_tw_probe_frame(x->h1, i);

	assert_non_null(f);
	if (len)
		*len = f->len;
	return f->t;
}

/* Every general query of family af H1 received: when the router sent it
 * (arrival minus the wire) into sent[], at most n. */
static size_t general_queries(struct gt *x, enum net_af af, sim_time_t *sent,
			      size_t n)
{
	struct net_pkt_info pi;
	size_t k = 0, len;

	for (size_t i = 0; i < node_tw_probe_count(x->h1); i++) {
		if (!gt_h1_gmp(x, i, &pi, x->rx, NULL) || pi.af != af ||
		    x->rx->type != GMP_T_QUERY ||
		    !net_addr_is_unspec(&x->rx->group))
			continue;
		if (k < n)
			sent[k] = h1_at(x, i, &len) - gt_from_cpu(x, len);
		k++;
	}
	return k;
}

/*
 * Boot: R1 is querier on the LAN at once and sends its startup queries
 * at 0 and 15 s (60 s / 4), then every 60 s (VRP's default interval),
 * re-armed from the deadline. The IGMPv2 query carries Max Resp Time 10 s
 * with TTL 1, Router Alert and TOS 0xc0; the MLDv2 query Hop Limit 1,
 * Router Alert value 0 (MLD), the link-local source, QRV 2, QQI 125 s.
 */
static void test_startup_queries(void **state)
{
	struct gt x;
	struct net_pkt_info pi;
	sim_time_t sent[8], t;
	struct gmp_if_info in;
	const struct node_addr6 *ll;
	bool seen4 = false, seen6 = false;

	(void)state;
	gt_init(&x, "");
	gt_info(x.r, GT_LAN, NET_AF_IP4, &in);
	assert_int_equal(in.qstate, GMP_QUERIER);
	assert_true(gt_addr_is(&in.querier, "10.0.1.1"));
	node_tw_run(x.t.w, SIM_S(136));
	assert_int_equal(general_queries(&x, NET_AF_IP4, sent, 8), 4);
	assert_int_equal(sent[0], x.boot);
	assert_int_equal(sent[1], x.boot + SIM_S(15));
	assert_int_equal(sent[2], x.boot + SIM_S(75));
	assert_int_equal(sent[3], x.boot + SIM_S(135));
	/* MLD: 125 s interval, startup 31.25 s (sent right after IGMP's
	 * frame at the same instant, hence within a frame time); the next
	 * is due at 156.25 s. */
	assert_int_equal(general_queries(&x, NET_AF_IP6, sent, 8), 2);
	assert_true(sent[0] >= x.boot && sent[0] < x.boot + SIM_US(2));
	assert_true(sent[1] >= x.boot + SIM_MS(31250) &&
		    sent[1] < x.boot + SIM_MS(31250) + SIM_US(2));
	ll = node_iface_link_local(node_iface_find(router_node(x.r), GT_LAN));
	assert_non_null(ll);
	for (size_t i = 0; i < node_tw_probe_count(x.h1); i++) {
		if (!gt_h1_gmp(&x, i, &pi, x.rx, &t) ||
		    x.rx->type != GMP_T_QUERY)
			continue;
		assert_int_equal(pi.ttl, 1);
		assert_true(pi.router_alert);
		assert_int_equal(pi.ra_value, 0);
		assert_int_equal(x.rx->max_resp, SIM_S(10));
		if (pi.af == NET_AF_IP4) {
			seen4 = true;
			assert_int_equal(pi.ip4.tos, 0xc0);
			assert_int_equal(x.rx->version, 2);
			assert_true(gt_addr_is(&pi.src, "10.0.1.1"));
			assert_true(net_addr_eq(&pi.dst, &gmp_all_hosts4));
		} else {
			struct net_addr src = net_addr_from_ip6(&ll->addr);

			seen6 = true;
			assert_int_equal(x.rx->version, 2);
			assert_int_equal(x.rx->qrv, 2);
			assert_int_equal(x.rx->qqi, SIM_S(125));
			assert_true(net_addr_eq(&pi.src, &src));
			assert_true(net_addr_eq(&pi.dst, &gmp_all_nodes6));
		}
	}
	assert_true(seen4 && seen6);
	gt_fini(&x);
}

/*
 * A v2 report: the group exists from the nanosecond the report reaches
 * the CPU, the router tells the multicast plane at once and the port is
 * an outgoing interface of the stream's entry when the ASIC has written
 * it (batch overhead + one MFIB entry + one outgoing interface); data
 * then reaches the LAN, and did not before.
 */
static void test_join_forwarding(void **state)
{
	struct gt x;
	const struct asic_profile *p;
	sim_time_t t0, cpu, vis;
	size_t len;

	(void)state;
	gt_init(&x, "");
	p = &x.t.prof;
	gt_stream_entry(&x);
	t0 = node_tw_now(x.t.w);
	len = gt_report(&x, NET_AF_IP4, 2, "10.0.1.10", GT_GROUP);
	cpu = t0 + gt_to_cpu(&x, len);
	node_tw_run(x.t.w, cpu - 1);
	assert_false(gt_has_group(x.r, GT_LAN, GT_GROUP));
	node_tw_run(x.t.w, cpu);
	assert_true(gt_has_group(x.r, GT_LAN, GT_GROUP));
	vis = asic_prog_idle_at(router_asic(x.r));
	assert_int_equal(vis - cpu,
			 p->batch_overhead + p->mfib_write + p->oif_write);
	node_tw_run(x.t.w, vis - 1);
	assert_int_equal(gt_oifs(&x, GT_GROUP), 0);
	node_tw_run(x.t.w, vis);
	assert_int_equal(gt_oifs(&x, GT_GROUP), 1);
	gt_data(&x, GT_GROUP);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gt_h1_data(&x, GT_GROUP), 1);
	gt_fini(&x);
}

/*
 * Leave: the querier sends [Last Member Query Count] = 2 group-specific
 * queries [Last Member Query Interval] = 1 s apart, from the moment the
 * leave reaches the CPU, with Max Resp Time 1 s, to the group; with no
 * answer the group goes exactly LMQT = 2 s after the leave, and the
 * outgoing interface one programming time (batch overhead + the MFIB
 * entry rewritten without it) later. Data after that stays off the LAN.
 */
static void test_leave_latency(void **state)
{
	struct gt x;
	const struct asic_profile *p;
	struct net_pkt_info pi;
	sim_time_t t0, cpu, gone, vis, t;
	size_t len, from, k = 0;

	(void)state;
	gt_init(&x, "");
	p = &x.t.prof;
	gt_stream_entry(&x);
	gt_report(&x, NET_AF_IP4, 2, "10.0.1.10", GT_GROUP);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gt_oifs(&x, GT_GROUP), 1);
	from = node_tw_probe_count(x.h1);
	t0 = node_tw_now(x.t.w);
	len = gt_leave(&x, NET_AF_IP4, "10.0.1.10", GT_GROUP);
	cpu = t0 + gt_to_cpu(&x, len);
	gone = cpu + SIM_S(2);
	node_tw_run(x.t.w, gone - 1);
	assert_true(gt_has_group(x.r, GT_LAN, GT_GROUP));
	for (size_t i = from; i < node_tw_probe_count(x.h1); i++) {
		if (!gt_h1_gmp(&x, i, &pi, x.rx, &t) ||
		    x.rx->type != GMP_T_QUERY ||
		    net_addr_is_unspec(&x.rx->group))
			continue;
		assert_true(gt_addr_is(&x.rx->group, GT_GROUP));
		assert_true(net_addr_eq(&pi.dst, &x.rx->group));
		assert_int_equal(x.rx->max_resp, SIM_S(1));
		h1_at(&x, i, &len);
		assert_int_equal(t - gt_from_cpu(&x, len), cpu + k * SIM_S(1));
		k++;
	}
	assert_int_equal(k, 2);
	node_tw_run(x.t.w, gone);
	assert_false(gt_has_group(x.r, GT_LAN, GT_GROUP));
	vis = asic_prog_idle_at(router_asic(x.r));
	assert_int_equal(vis - gone, p->batch_overhead + p->mfib_write);
	node_tw_run(x.t.w, vis - 1);
	assert_int_equal(gt_oifs(&x, GT_GROUP), 1);
	node_tw_run(x.t.w, vis);
	assert_int_equal(gt_oifs(&x, GT_GROUP), 0);
	k = gt_h1_data(&x, GT_GROUP);
	gt_data(&x, GT_GROUP);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gt_h1_data(&x, GT_GROUP), k);
	gt_fini(&x);
}

/*
 * Nobody answers the general queries: the group goes exactly one Group
 * Membership Interval (2 x 60 s + 10 s = 130 s, RFC 3376 section 8.4)
 * after the report reached the CPU. MLD likewise (2 x 125 s + 10 s).
 */
static void test_group_expiry(void **state)
{
	static const struct {
		const char *cfg;
		enum net_af af;
		uint8_t version;
		const char *src, *group;
		sim_time_t gmi;
	} cases[] = {
		{ "", NET_AF_IP4, 2, "10.0.1.10", GT_GROUP, SIM_S(130) },
		{ " igmp version 3\n", NET_AF_IP4, 3, "10.0.1.10", "232.1.1.1",
		  SIM_S(130) },
		{ "", NET_AF_IP6, 1, "fe80::10", "ff0e::1", SIM_S(260) },
		{ "", NET_AF_IP6, 2, "fe80::10", "ff0e::2", SIM_S(260) },
	};

	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct gt x;
		sim_time_t t0, cpu;
		size_t len;

		gt_init(&x, cases[c].cfg);
		node_tw_run(x.t.w, SIM_S(3));
		t0 = node_tw_now(x.t.w);
		len = gt_report(&x, cases[c].af, cases[c].version, cases[c].src,
				cases[c].group);
		cpu = t0 + gt_to_cpu(&x, len);
		node_tw_run(x.t.w, cpu + cases[c].gmi - 1);
		assert_true(gt_has_group(x.r, GT_LAN, cases[c].group));
		node_tw_run(x.t.w, cpu + cases[c].gmi);
		assert_false(gt_has_group(x.r, GT_LAN, cases[c].group));
		gt_fini(&x);
	}
}

/* ---- two routers on one LAN ---- */

static const char cfg_r1[] = "system-view\n"
			     "multicast routing-enable\n"
			     "interface GigabitEthernet0/1/0\n"
			     " ip address 10.0.1.1 255.255.255.0\n"
			     " igmp enable\n"
			     "commit\n";
static const char cfg_r2[] = "system-view\n"
			     "multicast routing-enable\n"
			     "interface GigabitEthernet0/1/0\n"
			     " ip address 10.0.1.2 255.255.255.0\n"
			     " igmp enable\n"
			     "commit\n";

/* The last frame on link l towards `to` that is an IGMP query from src:
 * first-bit time and length; -1 when none. */
static sim_time_t last_query_on(const struct node_tw_cap *c, const char *src,
				size_t *len)
{
	struct net_addr s = A(src);
	sim_time_t t = -1;

	for (size_t i = 0; i < c->n; i++) {
		struct net_pkt_info pi;

		net_dissect(c->v[i].data, c->v[i].len, &pi);
		if (pi.err == NET_OK && pi.l4_proto == GMP_IGMP_PROTO &&
		    pi.l4_len > 0 && pi.l4[0] == GMP_IGMP_QUERY &&
		    net_addr_eq(&pi.src, &s)) {
			t = c->v[i].t;
			*len = c->v[i].len;
		}
	}
	return t;
}

/*
 * R1 (10.0.1.1) and R2 (10.0.1.2) both start as querier; each hears the
 * other's first query and the lower address wins (RFC 3376 6.6.2): R2
 * becomes non-querier with R1 as querier. R1 crashes silently at 20 s,
 * after its second startup query (15 s): R2 becomes querier and sends a
 * general query exactly Other Querier Present Interval (2 x 60 s + 10 s /
 * 2 = 125 s) after that query reached its CPU.
 */
static void test_querier_election(void **state)
{
	static const char *const ports[] = { GT_LAN, NULL };
	struct gt x;
	struct router *r1, *r2;
	struct node *sw, *rn;
	struct node_link *l2;
	struct node_tw_cap *cap;
	struct gmp_if_info a, b;
	sim_time_t t, take;
	size_t len = 0;

	(void)state;
	gt_world(&x, 11);
	r1 = rtest_router(&x.t, "R1", cfg_r1, ports);
	r2 = rtest_router(&x.t, "R2", cfg_r2, ports);
	sw = node_tw_switch(x.t.w, "SW", 3, 0);
	x.h1 = node_tw_probe(x.t.w, "H1");
	rtest_link(&x.t, "l1", router_node(r1), GT_LAN, sw, "p0");
	l2 = rtest_link(&x.t, "l2", router_node(r2), GT_LAN, sw, "p1");
	x.lan = rtest_link(&x.t, "l3", x.h1, "eth0", sw, "p2");
	cap = node_tw_capture(x.t.w, l2);
	rtest_boot(r1);
	rtest_boot(r2);
	node_tw_run(x.t.w, SIM_MS(10));
	gt_info(r1, GT_LAN, NET_AF_IP4, &a);
	gt_info(r2, GT_LAN, NET_AF_IP4, &b);
	assert_int_equal(a.qstate, GMP_QUERIER);
	assert_int_equal(b.qstate, GMP_NON_QUERIER);
	assert_true(gt_addr_is(&b.querier, "10.0.1.1"));
	assert_int_equal(b.next_query, -1);
	assert_non_null(strstr(
		rtest_cli(&x.t, r2, "display igmp interface", NULL),
		"   Value of query interval for IGMP (negotiated): 60 s\n"));
	assert_non_null(
		strstr(rtest_cli(&x.t, r2, "display igmp interface", NULL),
		       "   Querier for IGMP: 10.0.1.1\n"));
	node_tw_run(x.t.w, SIM_S(20));
	rn = router_node(r1);
	rn->ops->crash(rn);
	t = last_query_on(cap, "10.0.1.1", &len);
	assert_true(t >= SIM_S(15) && t < SIM_S(15) + SIM_MS(1));
	take = t + node_link_ser_time(l2, len) + RTEST_DELAY +
	       x.t.prof.punt_latency + SIM_S(125);
	gt_info(r2, GT_LAN, NET_AF_IP4, &b);
	assert_int_equal(b.oqp_expires, take);
	node_tw_run(x.t.w, take - 1);
	gt_info(r2, GT_LAN, NET_AF_IP4, &b);
	assert_int_equal(b.qstate, GMP_NON_QUERIER);
	len = b.tx_general;
	node_tw_run(x.t.w, take);
	gt_info(r2, GT_LAN, NET_AF_IP4, &b);
	assert_int_equal(b.qstate, GMP_QUERIER);
	assert_true(gt_addr_is(&b.querier, "10.0.1.2"));
	assert_int_equal(b.tx_general, len + 1);
	assert_int_equal(b.next_query, take + SIM_S(60));
	gt_fini(&x);
}

/* A crash loses every group and the forwarding that came with them; the
 * restarted router boots from its configuration with none, querier
 * again. */
static void test_crash_drops_state(void **state)
{
	struct gt x;
	struct node *rn;
	struct gmp_if_info in;

	(void)state;
	gt_init(&x, "");
	gt_stream_entry(&x);
	gt_report(&x, NET_AF_IP4, 2, "10.0.1.10", GT_GROUP);
	gt_report(&x, NET_AF_IP6, 2, "fe80::10", "ff0e::1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gt_oifs(&x, GT_GROUP), 1);
	rn = router_node(x.r);
	rn->ops->crash(rn);
	assert_null(
		gmp_router_if(x.r, node_iface_find(rn, GT_LAN), NET_AF_IP4));
	assert_int_equal(gt_oifs(&x, GT_GROUP), 0);
	assert_int_equal(asic_mfib_count(router_asic(x.r)), 0);
	rn->ops->restart(rn);
	node_tw_run_for(x.t.w, SIM_S(2));
	gt_info(x.r, GT_LAN, NET_AF_IP4, &in);
	assert_int_equal(in.ngroups, 0);
	assert_int_equal(in.qstate, GMP_QUERIER);
	gt_info(x.r, GT_LAN, NET_AF_IP6, &in);
	assert_int_equal(in.ngroups, 0);
	assert_false(gt_has_group(x.r, GT_LAN, GT_GROUP));
	gt_fini(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_startup_queries),
		cmocka_unit_test(test_join_forwarding),
		cmocka_unit_test(test_leave_latency),
		cmocka_unit_test(test_group_expiry),
		cmocka_unit_test(test_querier_election),
		cmocka_unit_test(test_crash_drops_state),
		cmocka_unit_test(gt_test_drops),
		cmocka_unit_test(gt_test_accepts),
		cmocka_unit_test(gt_test_own_query),
		cmocka_unit_test(gt_test_watch),
		cmocka_unit_test(gt_test_import),
		cmocka_unit_test(gt_test_address_change),
		cmocka_unit_test(gt_test_iface_down),
		cmocka_unit_test(gt_test_mcast_disable),
		cmocka_unit_test(gt_test_v3_compat),
		cmocka_unit_test(gt_test_tshark),
		cmocka_unit_test(gt_test_cli_errors),
		cmocka_unit_test(gt_test_cli_values),
		cmocka_unit_test(gt_test_display_igmp),
		cmocka_unit_test(gt_test_display_mld),
		cmocka_unit_test(gt_test_display_interface),
		cmocka_unit_test(gt_test_undo_enable),
		cmocka_unit_test(gt_test_backup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
