/*
 * The IGMPv1/v2 host side (RFC 1112 appendix I, RFC 2236 sections 3, 4 and
 * 6) in switched worlds with a probe standing in for the router, every
 * time exact: each random delay is predicted from a copy of the host's
 * stream. Unsolicited reports [Robustness Variable] times, the Leave only
 * from the last reporter, answers within Max Resp Time and the reset rule,
 * suppression between two hosts, IGMPv1 hosts (no Router Alert, no Leave,
 * 10 s), the Version 1 Router Present Timeout of an IGMPv2 host, hosts
 * without a version, link-local groups, carrier flap, crash and restart,
 * determinism, and tshark decoding every message (skipped without it).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unistd.h>

#include "protocols/gmp/gmp_host_testutil.h"
#include "sim/trace/trace_tshark.h"

#define F60 60 /* an IGMPv1/v2 message or query, padded frame */

static const char *const G1 = "239.1.1.1";

static void join(struct ght *x, int h, const char *g)
{
	struct net_addr a = node_tw_addr(g);

	assert_int_equal(node_host_join(x->h[h], "eth0", &a), 0);
}

static void leave(struct ght *x, int h, const char *g)
{
	struct net_addr a = node_tw_addr(g);

	assert_int_equal(node_host_leave(x->h[h], "eth0", &a), 0);
}

static struct gmp_host_if_info info(struct ght *x, int h)
{
	struct gmp_host_if_info i;

	assert_int_equal(gmp_host_if_info(x->st[h],
					  node_iface_find(x->h[h], "eth0"),
					  NET_AF_IP4, &i),
			 0);
	return i;
}

static struct gmp_host_group_info ginfo(struct ght *x, int h, const char *g)
{
	struct gmp_host_group_info i;
	struct net_addr a = node_tw_addr(g);

	assert_true(gmp_host_group(x->st[h], node_iface_find(x->h[h], "eth0"),
				   &a, &i));
	return i;
}

/* The nth message of type t from `from` on R's wire. */
static struct ght_pkt nth(struct ght *x, size_t from, enum gmp_type t, size_t n)
{
	struct ght_pkt p;
	long i = ght_find_type(x, from, t, n);

	assert_true(i >= 0);
	assert_true(ght_get(x, (size_t)i, &p));
	return p;
}

static void test_v2_unsolicited_reports(void **state)
{
	struct ght x;
	struct sim_rng r;
	struct ght_pkt p;
	sim_time_t d;

	(void)state;
	ght_init(&x, 7, 1, NET_AF_IP4, 2);
	node_tw_run(x.w, SIM_S(1));
	join(&x, 0, G1);
	node_tw_run(x.w, SIM_S(30));
	r = ght_rng(&x, 0);
	d = (sim_time_t)sim_rng_below(&r, SIM_S(10));
	/* RFC 2236 3: at once, then repeated; Robustness 2 in all */
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 2);
	p = nth(&x, 0, GMP_T_REPORT_V2, 0);
	assert_int_equal(p.t, SIM_S(1) + ght_transit(&x, F60));
	assert_int_equal(p.len, F60);
	assert_int_equal(p.pi.ttl, 1);
	assert_true(p.pi.router_alert);
	assert_true(net_addr_eq(
		&p.pi.dst,
		&(struct net_addr){ .af = NET_AF_IP4, .b = { 239, 1, 1, 1 } }));
	assert_true(net_addr_eq(
		&p.pi.src,
		&(struct net_addr){ .af = NET_AF_IP4, .b = { 10, 0, 0, 1 } }));
	assert_int_equal(p.m->version, 2);
	assert_true(net_addr_eq(&p.m->group, &p.pi.dst));
	p = nth(&x, 0, GMP_T_REPORT_V2, 1);
	assert_int_equal(p.t, SIM_S(1) + d + ght_transit(&x, F60));
	assert_int_equal(info(&x, 0).tx_report[2], 2);
	assert_int_equal(ginfo(&x, 0, G1).state, GMP_HOST_IDLE);
	assert_true(ginfo(&x, 0, G1).last_reporter);
	assert_int_equal(node_tw_count(x.w, "H1", "igmp", "report"), 2);
	assert_int_equal(
		node_tw_field_int(node_tw_find(x.w, "H1", "igmp", "report", 0),
				  "version", 0),
		2);
	assert_true(ght_free(&x));
}

static void test_v2_leave(void **state)
{
	struct ght x;
	struct ght_pkt p;
	struct net_addr g = node_tw_addr(G1);

	(void)state;
	ght_init(&x, 7, 1, NET_AF_IP4, 2);
	join(&x, 0, G1);
	node_tw_run(x.w, SIM_S(20));
	ght_clear(&x);
	leave(&x, 0, G1);
	node_tw_run(x.w, SIM_S(40));
	/* RFC 2236 3: the last reporter sends one Leave to 224.0.0.2 */
	assert_int_equal(ght_count(&x), 1);
	p = nth(&x, 0, GMP_T_LEAVE, 0);
	assert_int_equal(p.t, SIM_S(20) + ght_transit(&x, F60));
	assert_true(net_addr_eq(&p.pi.dst, &gmp_all_routers4));
	assert_true(net_addr_eq(&p.m->group, &g));
	assert_true(p.pi.router_alert);
	assert_int_equal(p.pi.ttl, 1);
	assert_false(gmp_host_group(x.st[0], node_iface_find(x.h[0], "eth0"),
				    &g, NULL));
	assert_int_equal(info(&x, 0).tx_leave, 1);
	/* leaving during the unsolicited repeat: the flag is set */
	ght_clear(&x);
	join(&x, 0, G1);
	leave(&x, 0, G1);
	node_tw_run(x.w, SIM_S(80));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
	assert_int_equal(ght_count_type(&x, 0, GMP_T_LEAVE), 1);
	assert_true(ght_free(&x));
}

static void test_v2_query_answer(void **state)
{
	struct ght x;
	struct sim_rng r;
	sim_time_t tq, d, t0;
	struct ght_pkt p;

	(void)state;
	ght_init(&x, 9, 1, NET_AF_IP4, 2);
	join(&x, 0, G1);
	join(&x, 0, "239.1.1.2");
	node_tw_run(x.w, SIM_S(30));
	r = ght_rng(&x, 0);
	sim_rng_below(&r, SIM_S(10)); /* the two unsolicited repeats */
	sim_rng_below(&r, SIM_S(10));
	ght_clear(&x);
	/* a group-specific query for a group not joined: no answer */
	ght_query(&x, NET_AF_IP4, 2, "239.9.9.9", SIM_S(1), NULL, 0, 0, 0,
		  NULL);
	node_tw_run(x.w, SIM_S(35));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 0);
	/* general query: each group answers after its own delay */
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 2, NULL, SIM_S(5), NULL, 0, 0, 0, NULL);
	tq = ght_transit(&x, F60);
	node_tw_run(x.w, SIM_S(45));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 2);
	for (int i = 0; i < 2; i++) {
		struct net_addr g = node_tw_addr(i ? "239.1.1.2" : G1);
		long k;

		d = (sim_time_t)sim_rng_below(&r, SIM_S(5));
		assert_true(d < SIM_S(5));
		for (k = 0; k < 2; k++) {
			p = nth(&x, 0, GMP_T_REPORT_V2, (size_t)k);
			if (net_addr_eq(&p.m->group, &g))
				break;
		}
		assert_true(k < 2);
		assert_int_equal(p.t, t0 + tq + d + tq);
	}
	/* a second query with a shorter Max Resp Time resets the timer
	 * only when what is left is longer (RFC 2236 section 3) */
	ght_clear(&x);
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 2, G1, SIM_S(10), NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, t0 + SIM_MS(100));
	ght_query(&x, NET_AF_IP4, 2, G1, SIM_S(1), NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, t0 + SIM_S(20));
	d = (sim_time_t)sim_rng_below(&r, SIM_S(10));
	p = nth(&x, 0, GMP_T_REPORT_V2, 0);
	if (d - SIM_MS(100) > SIM_S(1)) { /* reset to the shorter delay */
		sim_time_t d2 = (sim_time_t)sim_rng_below(&r, SIM_S(1));

		assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
		assert_int_equal(p.t, t0 + SIM_MS(100) + tq + d2 + tq);
	} else {
		assert_int_equal(p.t, t0 + tq + d + tq);
		/* answered before the second query, which starts anew */
		assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2),
				 1 + (d < SIM_MS(100)));
	}
	/* the query for 239.9.9.9 never reached H1 (not a member) */
	assert_int_equal(info(&x, 0).rx_query[2], 3);
	assert_true(ght_free(&x));
}

static void test_v2_suppression(void **state)
{
	struct ght x;
	struct ght_pkt p;
	int first;

	(void)state;
	ght_init(&x, 11, 2, NET_AF_IP4, 2);
	join(&x, 0, G1);
	join(&x, 1, G1);
	node_tw_run(x.w, SIM_S(30));
	/* each hears the other's report while its repeat is pending */
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 2);
	assert_int_equal(info(&x, 0).suppressed, 1);
	assert_int_equal(info(&x, 1).suppressed, 1);
	assert_false(ginfo(&x, 0, G1).last_reporter);
	/* a general query: one answer on the wire, the other suppressed */
	ght_clear(&x);
	ght_query(&x, NET_AF_IP4, 2, NULL, SIM_S(10), NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, SIM_S(45));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
	p = nth(&x, 0, GMP_T_REPORT_V2, 0);
	first = net_addr_eq(&p.pi.src,
			    &(struct net_addr){ .af = NET_AF_IP4,
						.b = { 10, 0, 0, 1 } })
			? 0
			: 1;
	assert_true(ginfo(&x, first, G1).last_reporter);
	assert_false(ginfo(&x, !first, G1).last_reporter);
	assert_int_equal(info(&x, !first).suppressed, 2);
	assert_int_equal(info(&x, first).rx_report, 1);
	/* the suppressed host leaves silently, the reporter says so */
	ght_clear(&x);
	leave(&x, !first, G1);
	node_tw_run(x.w, SIM_S(46));
	assert_int_equal(ght_count(&x), 0);
	leave(&x, first, G1);
	node_tw_run(x.w, SIM_S(47));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_LEAVE), 1);
	assert_true(ght_free(&x));
}

static void test_v1_host(void **state)
{
	struct ght x;
	struct sim_rng r;
	struct ght_pkt p;
	sim_time_t d, t0;

	(void)state;
	ght_init(&x, 13, 1, NET_AF_IP4, 1);
	join(&x, 0, G1);
	node_tw_run(x.w, SIM_S(30));
	r = ght_rng(&x, 0);
	sim_rng_below(&r, SIM_S(10));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V1), 2);
	p = nth(&x, 0, GMP_T_REPORT_V1, 0);
	assert_false(p.pi.router_alert); /* RFC 1112 has no Router Alert */
	assert_int_equal(p.pi.ttl, 1);
	assert_int_equal(p.len, F60);
	/* a v2 group-specific query with 1 s: treated as a general query
	 * with 10 s (RFC 1112 appendix I ignores the group field) */
	ght_clear(&x);
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 2, "239.7.7.7", SIM_S(1), NULL, 0, 0, 0,
		  NULL);
	node_tw_run(x.w, SIM_S(50));
	d = (sim_time_t)sim_rng_below(&r, SIM_S(10));
	/* 239.7.7.7 is not joined: the frame never reached H1 */
	assert_int_equal(ght_count(&x), 0);
	ght_query(&x, NET_AF_IP4, 2, G1, SIM_S(1), NULL, 0, 0, 0, NULL);
	t0 = node_tw_now(x.w);
	node_tw_run(x.w, SIM_S(70));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V1), 1);
	p = nth(&x, 0, GMP_T_REPORT_V1, 0);
	assert_int_equal(p.t, t0 + 2 * ght_transit(&x, F60) + d);
	/* no Leave in IGMPv1 */
	ght_clear(&x);
	leave(&x, 0, G1);
	node_tw_run(x.w, SIM_S(80));
	assert_int_equal(ght_count(&x), 0);
	assert_true(ght_free(&x));
}

static void test_v2_host_v1_router(void **state)
{
	struct ght x;
	sim_time_t t0;

	(void)state;
	ght_init(&x, 17, 1, NET_AF_IP4, 2);
	join(&x, 0, G1);
	node_tw_run(x.w, SIM_S(30));
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 1, NULL, 0, NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, SIM_S(31));
	/* RFC 2236 section 4: Version 1 Router Present Timeout, 400 s */
	assert_int_equal(info(&x, 0).compat, 1);
	assert_int_equal(info(&x, 0).older_until[0],
			 t0 + ght_transit(&x, F60) + SIM_S(400));
	assert_int_equal(node_tw_count(x.w, "H1", "igmp", "compat"), 1);
	node_tw_run(x.w, SIM_S(60));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V1), 1);
	/* in v1 mode the leave is silent */
	ght_clear(&x);
	leave(&x, 0, G1);
	node_tw_run(x.w, SIM_S(100));
	assert_int_equal(ght_count(&x), 0);
	node_tw_run(x.w, t0 + SIM_S(401));
	assert_int_equal(info(&x, 0).compat, 2);
	assert_int_equal(node_tw_count(x.w, "H1", "igmp", "compat"), 2);
	join(&x, 0, G1);
	node_tw_run(x.w, t0 + SIM_S(402));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
	assert_true(ght_free(&x));
}

static void test_no_version(void **state)
{
	struct ght x;
	struct gmp_host_if_info i;

	(void)state;
	ght_init(&x, 19, 1, NET_AF_NONE, 0);
	join(&x, 0, G1);
	node_tw_run(x.w, SIM_S(5));
	ght_query(&x, NET_AF_IP4, 2, NULL, SIM_S(1), NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, SIM_S(10));
	/* static membership: nothing sent, the query is not consumed */
	assert_int_equal(ght_count(&x), 0);
	assert_int_equal(node_host_counters(x.h[0])->rx_unhandled, 1);
	assert_int_equal(gmp_host_if_info(x.st[0],
					  node_iface_find(x.h[0], "eth0"),
					  NET_AF_IP4, &i),
			 -ENOENT);
	/* a version set later reports what is already joined */
	assert_int_equal(node_host_set_gmp_version(x.h[0], NULL, NET_AF_IP4, 2),
			 0);
	node_tw_run(x.w, SIM_S(11));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
	assert_int_equal(node_host_set_gmp_version(x.h[0], NULL, NET_AF_IP4, 4),
			 -EINVAL);
	assert_int_equal(node_host_set_gmp_version(x.h[0], NULL, NET_AF_IP6, 3),
			 -EINVAL);
	assert_int_equal(
		node_host_set_gmp_version(x.h[0], "eth9", NET_AF_IP4, 2),
		-ENODEV);
	/* back to 0: the leave is not signalled */
	ght_clear(&x);
	assert_int_equal(node_host_set_gmp_version(x.h[0], NULL, NET_AF_IP4, 0),
			 0);
	leave(&x, 0, G1);
	node_tw_run(x.w, SIM_S(40));
	assert_int_equal(ght_count(&x), 0);
	assert_true(ght_free(&x));
}

static void test_link_local_groups(void **state)
{
	struct ght x;
	struct ght_pkt p;
	struct net_addr g = node_tw_addr("224.0.0.251");

	(void)state;
	ght_init(&x, 23, 1, NET_AF_IP4, 2);
	join(&x, 0, "224.0.0.251");
	join(&x, 0, "224.0.1.39"); /* not link-local scope: reported */
	node_tw_run(x.w, SIM_S(30));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 2);
	p = nth(&x, 0, GMP_T_REPORT_V2, 0);
	assert_int_equal(p.m->group.b[2], 1);
	assert_false(gmp_host_group(x.st[0], node_iface_find(x.h[0], "eth0"),
				    &g, NULL));
	ght_query(&x, NET_AF_IP4, 2, NULL, SIM_S(1), NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, SIM_S(40));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 3);
	assert_true(ght_free(&x));
}

static void test_flap_crash_restart(void **state)
{
	struct ght x;

	(void)state;
	ght_init(&x, 29, 1, NET_AF_IP4, 2);
	join(&x, 0, G1);
	node_tw_run(x.w, SIM_S(30));
	ght_clear(&x);
	/* carrier lost and back: reported again as a fresh join */
	node_link_set_up(x.l[0], false);
	node_tw_run(x.w, SIM_S(31));
	node_link_set_up(x.l[0], true);
	node_tw_run(x.w, SIM_S(60));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 2);
	assert_int_equal(nth(&x, 0, GMP_T_REPORT_V2, 0).t,
			 SIM_S(31) + ght_transit(&x, F60));
	/* a crash with a repeat pending leaves nothing armed and is silent */
	ght_clear(&x);
	node_link_set_up(x.l[0], false);
	node_link_set_up(x.l[0], true);
	x.h[0]->ops->crash(x.h[0]);
	assert_int_equal(info(&x, 0).ngroups, 0);
	node_tw_run(x.w, SIM_S(90));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 1);
	x.h[0]->ops->restart(x.h[0]);
	node_tw_run(x.w, SIM_S(120));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 3);
	assert_true(ght_free(&x));
}

/* Two hosts, joins, a query, leaves: the log and the wire. */
static void run_story(struct ght *x, uint64_t seed)
{
	ght_init(x, seed, 2, NET_AF_IP4, 2);
	join(x, 0, G1);
	node_tw_run(x->w, SIM_MS(300));
	join(x, 1, G1);
	join(x, 1, "239.2.2.2");
	node_tw_run(x->w, SIM_S(20));
	ght_query(x, NET_AF_IP4, 2, NULL, SIM_S(10), NULL, 0, 0, 0, NULL);
	node_tw_run(x->w, SIM_S(40));
	leave(x, 1, "239.2.2.2");
	node_tw_run(x->w, SIM_S(60));
}

static void test_determinism(void **state)
{
	struct ght a, b, c;
	size_t i;
	bool differ = false;

	(void)state;
	run_story(&a, 3);
	run_story(&b, 3);
	run_story(&c, 4);
	assert_int_equal(a.w->nrecs, b.w->nrecs);
	for (i = 0; i < a.w->nrecs; i++)
		assert_memory_equal(a.w->recs[i].rec.json,
				    b.w->recs[i].rec.json,
				    a.w->recs[i].rec.len);
	assert_int_equal(ght_count(&a), ght_count(&b));
	for (i = 0; i < ght_count(&a); i++) {
		const struct node_tw_frame *fa = node_tw_probe_frame(a.r, i);
		const struct node_tw_frame *fb = node_tw_probe_frame(b.r, i);

		assert_int_equal(fa->t, fb->t);
		assert_int_equal(fa->len, fb->len);
		assert_memory_equal(fa->data, fb->data, fa->len);
	}
	for (i = 0; i < ght_count(&a) && i < ght_count(&c); i++)
		differ |= node_tw_probe_frame(a.r, i)->t !=
			  node_tw_probe_frame(c.r, i)->t;
	assert_true(differ || ght_count(&a) != ght_count(&c));
	assert_true(ght_free(&a));
	assert_true(ght_free(&b));
	assert_true(ght_free(&c));
}

static const char *const igmp_fields[] = { "igmp.type", "ip.ttl",
					   "igmp.version" };

struct rows {
	struct ght *x;
	unsigned n;
};

static void check_row(void *arg, unsigned row, const char *const *cols,
		      size_t ncols)
{
	struct rows *w = arg;
	struct ght_pkt p;
	long i = ght_find_type(w->x, 0, GMP_T__COUNT, row);
	unsigned type = (unsigned)strtoul(cols[0], NULL, 0);

	assert_int_equal(ncols, 3);
	assert_true(i >= 0);
	assert_true(ght_get(w->x, (size_t)i, &p));
	assert_int_equal(p.pi.l4[0], type);
	assert_int_equal(strtoul(cols[1], NULL, 10), 1);
	w->n++;
}

/* Every kind of message an IGMP host sends, then tshark. */
static void test_wire_tshark(void **state)
{
	char path[512], err[512], prog[4096];
	struct rows w = { 0 };
	struct ght x;
	size_t n;

	(void)state;
	if (!trace_tshark_path(prog, sizeof(prog)))
		skip();
	ght_init(&x, 31, 3, NET_AF_NONE, 0);
	node_host_set_gmp_version(x.h[0], NULL, NET_AF_IP4, 1);
	node_host_set_gmp_version(x.h[1], NULL, NET_AF_IP4, 2);
	node_host_set_gmp_version(x.h[2], NULL, NET_AF_IP4, 3);
	join(&x, 0, "239.1.1.3");
	join(&x, 1, "239.1.1.2");
	join(&x, 2, G1);
	node_tw_run(x.w, SIM_S(1));
	ght_query(&x, NET_AF_IP4, 3, NULL, SIM_S(2), NULL, 0, 2, SIM_S(125),
		  NULL);
	node_tw_run(x.w, SIM_S(20));
	leave(&x, 1, "239.1.1.2");
	leave(&x, 2, G1);
	node_tw_run(x.w, SIM_S(40));
	n = ght_count_type(&x, 0, GMP_T__COUNT);
	assert_true(ght_count_type(&x, 0, GMP_T_REPORT_V1) > 0);
	assert_true(ght_count_type(&x, 0, GMP_T_REPORT_V2) > 0);
	assert_true(ght_count_type(&x, 0, GMP_T_REPORT_V3) > 0);
	assert_true(ght_count_type(&x, 0, GMP_T_LEAVE) > 0);
	if (ght_wire_tshark(&x, FAILSIM_BINARY_DIR, "gmp_host_wire", path,
			    sizeof(path), err, sizeof(err)) != 0)
		fail_msg("%s", err);
	w.x = &x;
	if (trace_tshark_fields(path, "igmp", igmp_fields, 3, check_row, &w,
				err, sizeof(err)) != TRACE_TSHARK_OK)
		fail_msg("tshark fields: %s", err);
	assert_int_equal(w.n, n);
	unlink(path);
	assert_true(ght_free(&x));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v2_unsolicited_reports),
		cmocka_unit_test(test_v2_leave),
		cmocka_unit_test(test_v2_query_answer),
		cmocka_unit_test(test_v2_suppression),
		cmocka_unit_test(test_v1_host),
		cmocka_unit_test(test_v2_host_v1_router),
		cmocka_unit_test(test_no_version),
		cmocka_unit_test(test_link_local_groups),
		cmocka_unit_test(test_flap_crash_restart),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_wire_tshark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
