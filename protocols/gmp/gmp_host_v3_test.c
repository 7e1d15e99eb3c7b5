/*
 * The IGMPv3 host (RFC 3376 sections 5.1, 5.2, 7.2.1) with exact times
 * predicted from the host's stream: state-change records for every kind of
 * interface state change (TO_EX, TO_IN, ALLOW, BLOCK) retransmitted
 * [Robustness Variable] times within the Unsolicited Report Interval,
 * merging of changes that arrive while retransmissions are pending,
 * answers to general, group and group-and-source queries with the
 * scheduling rules of 5.2, QRV/QQIC learning, the IGMPv2 and IGMPv1
 * compatibility modes and their Older Version Querier Present Timeout,
 * reports cut over several packets (4.2.16) and a host without an IPv4
 * address (source 0.0.0.0, 4.2.13).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "protocols/gmp/gmp_host_testutil.h"

static const char *const G1 = "239.1.1.1", *const G2 = "239.1.1.2";

/* Socket sock of host h asks for g with mode and a "a,b" source list. */
static void listen_(struct ght *x, int h, uint32_t sock, const char *g,
		    enum node_host_filter mode, const char *list)
{
	struct net_addr srcs[512], ga = node_tw_addr(g);
	char buf[8192], *p, *save = NULL;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", list ? list : "");
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save))
		srcs[n++] = node_tw_addr(p);
	assert_int_equal(
		node_host_listen(x->h[h], "eth0", sock, &ga, mode, srcs, n), 0);
}

/* The decoded report as "TYPE(a,b) TYPE()" (records in order). */
static const char *rep_str(struct ght *x, char *buf, size_t len)
{
	size_t off = 0;
	unsigned i;

	buf[0] = 0;
	for (i = 0; i < x->m->nrec; i++) {
		char s[2048];

		ght_rec_srcs(x, i, s, sizeof(s));
		off += (size_t)snprintf(
			buf + off, len - off, "%s%s(%s)", i ? " " : "",
			gmp_rec_type_name(x->m->rec[i].type), s);
	}
	return buf;
}

/* R's nth v3 report from `from`: its arrival time and its records. */
static sim_time_t rep(struct ght *x, size_t from, size_t nth, char *buf,
		      size_t len)
{
	struct ght_pkt p;
	long i = ght_find_type(x, from, GMP_T_REPORT_V3, nth);

	assert_true(i >= 0);
	assert_true(ght_get(x, (size_t)i, &p));
	rep_str(x, buf, len);
	return p.t;
}

static size_t nrep(struct ght *x)
{
	return ght_count_type(x, 0, GMP_T_REPORT_V3);
}

/* Frame length of a report with records of the given source counts. */
static size_t flen(size_t nrec, size_t nsrc)
{
	size_t n = 14 + 24 + 8 + 8 * nrec + 4 * nsrc;

	return n < 60 ? 60 : n;
}

static sim_time_t draw(struct sim_rng *r, sim_time_t max)
{
	return (sim_time_t)sim_rng_below(r, (uint64_t)max);
}

static void test_join_leave_records(void **state)
{
	struct ght x;
	struct sim_rng r;
	struct ght_pkt p;
	char b[256];
	sim_time_t d;

	(void)state;
	ght_init(&x, 41, 1, NET_AF_IP4, 3);
	r = ght_rng(&x, 0);
	node_tw_run(x.w, SIM_S(1));
	listen_(&x, 0, 1, G1, NODE_HOST_EXCLUDE, NULL);
	node_tw_run(x.w, SIM_S(5));
	d = draw(&r, SIM_S(1));
	assert_int_equal(nrep(&x), 2);
	assert_int_equal(rep(&x, 0, 0, b, sizeof(b)),
			 SIM_S(1) + ght_transit(&x, flen(1, 0)));
	assert_string_equal(b, "TO_EX()");
	assert_true(ght_get(&x, 0, &p));
	assert_true(net_addr_eq(&p.pi.dst, &gmp_v3_routers4));
	assert_int_equal(p.pi.ttl, 1);
	assert_true(p.pi.router_alert);
	assert_int_equal(p.pi.src.b[3], 1);
	assert_int_equal(p.m->version, 3);
	assert_int_equal(rep(&x, 0, 1, b, sizeof(b)),
			 SIM_S(1) + d + ght_transit(&x, flen(1, 0)));
	assert_string_equal(b, "TO_EX()");
	/* leave: TO_IN {} twice */
	ght_clear(&x);
	listen_(&x, 0, 1, G1, NODE_HOST_INCLUDE, NULL);
	node_tw_run(x.w, SIM_S(10));
	d = draw(&r, SIM_S(1));
	assert_int_equal(nrep(&x), 2);
	assert_int_equal(rep(&x, 0, 0, b, sizeof(b)),
			 SIM_S(5) + ght_transit(&x, flen(1, 0)));
	assert_string_equal(b, "TO_IN()");
	assert_int_equal(rep(&x, 0, 1, b, sizeof(b)),
			 SIM_S(5) + d + ght_transit(&x, flen(1, 0)));
	assert_string_equal(b, "TO_IN()");
	assert_false(gmp_host_group(
		x.st[0], node_iface_find(x.h[0], "eth0"),
		&(struct net_addr){ .af = NET_AF_IP4, .b = { 239, 1, 1, 1 } },
		NULL));
	assert_int_equal(node_tw_count(x.w, "H1", "igmp", "report"), 4);
	assert_true(ght_free(&x));
}

/* Each step: a listen call, then the records of both transmissions. */
struct step {
	uint32_t sock;
	enum node_host_filter mode;
	const char *srcs;
	const char *want;
};

static void test_source_list_changes(void **state)
{
	static const struct step steps[] = {
		{ 1, NODE_HOST_INCLUDE, "192.0.2.1,192.0.2.2",
		  "ALLOW(192.0.2.1,192.0.2.2)" },
		{ 1, NODE_HOST_INCLUDE, "192.0.2.3,192.0.2.2,192.0.2.3",
		  "ALLOW(192.0.2.3) BLOCK(192.0.2.1)" },
		{ 1, NODE_HOST_INCLUDE, NULL, "BLOCK(192.0.2.2,192.0.2.3)" },
		{ 2, NODE_HOST_EXCLUDE, "192.0.2.4", "TO_EX(192.0.2.4)" },
		/* EXCLUDE {4} minus INCLUDE {4}: EXCLUDE {} */
		{ 3, NODE_HOST_INCLUDE, "192.0.2.4", "ALLOW(192.0.2.4)" },
		{ 2, NODE_HOST_EXCLUDE, "192.0.2.5,192.0.2.4",
		  "BLOCK(192.0.2.5)" },
		{ 2, NODE_HOST_INCLUDE, NULL, "TO_IN(192.0.2.4)" },
		/* INCLUDE (A) to INCLUDE {}: BLOCK (A) */
		{ 3, NODE_HOST_INCLUDE, NULL, "BLOCK(192.0.2.4)" },
	};
	struct ght x;
	char b[256];
	size_t i;

	(void)state;
	ght_init(&x, 43, 1, NET_AF_IP4, 3);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		sim_time_t t = node_tw_now(x.w);

		ght_clear(&x);
		listen_(&x, 0, steps[i].sock, G1, steps[i].mode, steps[i].srcs);
		node_tw_run(x.w, t + SIM_S(2));
		if (nrep(&x) != 2)
			fail_msg("step %zu: %zu reports", i, nrep(&x));
		rep(&x, 0, 0, b, sizeof(b));
		if (strcmp(b, steps[i].want) != 0)
			fail_msg("step %zu: %s, want %s", i, b, steps[i].want);
		rep(&x, 0, 1, b, sizeof(b));
		assert_string_equal(b, steps[i].want);
	}
	assert_true(ght_free(&x));
}

static void test_merge_pending_changes(void **state)
{
	struct ght x;
	struct sim_rng r;
	char b[256];
	sim_time_t d1, d2, t = SIM_S(1);

	(void)state;
	ght_init(&x, 47, 1, NET_AF_IP4, 3);
	r = ght_rng(&x, 0);
	node_tw_run(x.w, t);
	listen_(&x, 0, 1, G1, NODE_HOST_INCLUDE, "192.0.2.1");
	d1 = draw(&r, SIM_S(1));
	node_tw_run(x.w, t + SIM_US(1));
	/* a second change before the retransmission: merged, S1 has one
	 * retransmission left, S2 two; the merged report starts anew */
	listen_(&x, 0, 1, G1, NODE_HOST_INCLUDE, "192.0.2.1,192.0.2.2");
	d2 = draw(&r, SIM_S(1));
	node_tw_run(x.w, SIM_S(5));
	(void)d1;
	assert_int_equal(nrep(&x), 3);
	assert_int_equal(rep(&x, 0, 0, b, sizeof(b)),
			 t + ght_transit(&x, flen(1, 1)));
	assert_string_equal(b, "ALLOW(192.0.2.1)");
	assert_int_equal(rep(&x, 0, 1, b, sizeof(b)),
			 t + SIM_US(1) + ght_transit(&x, flen(1, 2)));
	assert_string_equal(b, "ALLOW(192.0.2.1,192.0.2.2)");
	assert_int_equal(rep(&x, 0, 2, b, sizeof(b)),
			 t + SIM_US(1) + d2 + ght_transit(&x, flen(1, 1)));
	assert_string_equal(b, "ALLOW(192.0.2.2)");
	/* a source change during the Filter-Mode-Change retransmissions:
	 * TO_EX carries it, then BLOCK alone once the mode is told twice */
	ght_clear(&x);
	t = SIM_S(5);
	listen_(&x, 0, 2, G2, NODE_HOST_EXCLUDE, NULL);
	draw(&r, SIM_S(1));
	node_tw_run(x.w, t + SIM_US(1));
	listen_(&x, 0, 2, G2, NODE_HOST_EXCLUDE, "192.0.2.9");
	d2 = draw(&r, SIM_S(1));
	node_tw_run(x.w, SIM_S(10));
	assert_int_equal(nrep(&x), 3);
	rep(&x, 0, 0, b, sizeof(b));
	assert_string_equal(b, "TO_EX()");
	rep(&x, 0, 1, b, sizeof(b));
	assert_string_equal(b, "TO_EX(192.0.2.9)");
	assert_int_equal(rep(&x, 0, 2, b, sizeof(b)),
			 t + SIM_US(1) + d2 + ght_transit(&x, flen(1, 1)));
	assert_string_equal(b, "BLOCK(192.0.2.9)");
	assert_true(ght_free(&x));
}

static void settle(struct ght *x)
{
	/* G1 EXCLUDE {S1}, G2 INCLUDE {S2, S3} */
	listen_(x, 0, 1, G1, NODE_HOST_EXCLUDE, "192.0.2.1");
	listen_(x, 0, 1, G2, NODE_HOST_INCLUDE, "192.0.2.3,192.0.2.2");
	node_tw_run(x->w, SIM_S(3));
	ght_clear(x);
}

static const char *const s35[] = { "192.0.2.3", "192.0.2.5" };

static void test_query_answers(void **state)
{
	struct ght x;
	struct sim_rng r;
	char b[256];
	sim_time_t t0, tq = 0, d;
	static const char *const s1[] = { "192.0.2.1", "192.0.2.5" };
	static const char *const s9[] = { "192.0.2.9" };

	(void)state;
	ght_init(&x, 53, 1, NET_AF_IP4, 3);
	r = ght_rng(&x, 0);
	settle(&x);
	draw(&r, SIM_S(1)); /* one retransmission of each group */
	draw(&r, SIM_S(1));
	/* general: one report, a current-state record per group */
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 3, NULL, SIM_S(2), NULL, 0, 2, SIM_S(125),
		  NULL);
	tq = ght_transit(&x, 60);
	d = draw(&r, SIM_S(2));
	node_tw_run(x.w, SIM_S(6));
	assert_int_equal(nrep(&x), 1);
	assert_int_equal(rep(&x, 0, 0, b, sizeof(b)),
			 t0 + tq + d + ght_transit(&x, flen(2, 3)));
	assert_string_equal(b, "IS_EX(192.0.2.1) IS_IN(192.0.2.2,192.0.2.3)");
	assert_int_equal(node_tw_count(x.w, "H1", "igmp", "report"), 4);
	/* group-specific, then group-and-source: A*B, B-A, empty */
	ght_clear(&x);
	ght_query(&x, NET_AF_IP4, 3, G2, SIM_S(1), NULL, 0, 2, SIM_S(125),
		  NULL);
	node_tw_run(x.w, SIM_S(8));
	ght_query(&x, NET_AF_IP4, 3, G2, SIM_S(1), s35, 2, 2, SIM_S(125), NULL);
	node_tw_run(x.w, SIM_S(10));
	ght_query(&x, NET_AF_IP4, 3, G1, SIM_S(1), s1, 2, 2, SIM_S(125), NULL);
	node_tw_run(x.w, SIM_S(12));
	ght_query(&x, NET_AF_IP4, 3, G2, SIM_S(1), s9, 1, 2, SIM_S(125), NULL);
	node_tw_run(x.w, SIM_S(14));
	assert_int_equal(nrep(&x), 3);
	rep(&x, 0, 0, b, sizeof(b));
	assert_string_equal(b, "IS_IN(192.0.2.2,192.0.2.3)");
	rep(&x, 0, 1, b, sizeof(b));
	assert_string_equal(b, "IS_IN(192.0.2.3)");
	rep(&x, 0, 2, b, sizeof(b));
	assert_string_equal(b, "IS_IN(192.0.2.5)");
	assert_true(ght_free(&x));
}

static void test_query_scheduling_rules(void **state)
{
	static const char *const s2[] = { "192.0.2.2" };
	struct ght x;
	struct sim_rng r;
	char b[256];
	sim_time_t t0, d1, d2, tq, ser, due1, due2;
	int i;

	(void)state;
	ght_init(&x, 59, 1, NET_AF_IP4, 3);
	r = ght_rng(&x, 0);
	settle(&x);
	for (i = 0; i < 2; i++)
		draw(&r, SIM_S(1));
	/* rule 5: two group-and-source queries merge their sources, one
	 * answer at the earlier time */
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 3, G2, SIM_S(10), s2, 1, 2, SIM_S(125), NULL);
	ght_query(&x, NET_AF_IP4, 3, G2, SIM_S(10), s35, 2, 2, SIM_S(125),
		  NULL);
	/* both queries are 60-byte frames; the second queues behind the
	 * first on each hop, so it arrives one serialization later */
	tq = ght_transit(&x, 60);
	ser = node_link_ser_time(x.rl, 60);
	d1 = draw(&r, SIM_S(10));
	d2 = draw(&r, SIM_S(10));
	node_tw_run(x.w, t0 + SIM_S(12));
	assert_int_equal(nrep(&x), 1);
	due1 = t0 + tq + d1;
	due2 = t0 + tq + ser + d2;
	assert_int_equal(rep(&x, 0, 0, b, sizeof(b)),
			 (due1 < due2 ? due1 : due2) +
				 ght_transit(&x, flen(1, 2)));
	assert_string_equal(b, "IS_IN(192.0.2.2,192.0.2.3)");
	/* rule 4: a group-specific query drops the recorded sources */
	ght_clear(&x);
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 3, G2, SIM_S(10), s2, 1, 2, SIM_S(125), NULL);
	ght_query(&x, NET_AF_IP4, 3, G2, SIM_S(10), NULL, 0, 2, SIM_S(125),
		  NULL);
	node_tw_run(x.w, t0 + SIM_S(12));
	assert_int_equal(nrep(&x), 1);
	rep(&x, 0, 0, b, sizeof(b));
	assert_string_equal(b, "IS_IN(192.0.2.2,192.0.2.3)");
	draw(&r, SIM_S(10));
	draw(&r, SIM_S(10));
	/* rule 1: a general answer due sooner makes a group one needless */
	ght_clear(&x);
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 3, NULL, SIM_MS(100), NULL, 0, 2, SIM_S(125),
		  NULL);
	ght_query(&x, NET_AF_IP4, 3, G2, SIM_S(10), NULL, 0, 2, SIM_S(125),
		  NULL);
	d1 = draw(&r, SIM_MS(100));
	d2 = draw(&r, SIM_S(10));
	node_tw_run(x.w, t0 + SIM_S(12));
	/* with this seed the general answer is due first */
	assert_true(t0 + tq + d1 < t0 + tq + ser + d2);
	assert_int_equal(nrep(&x), 1);
	assert_int_equal(rep(&x, 0, 0, b, sizeof(b)),
			 t0 + tq + d1 + ght_transit(&x, flen(2, 3)));
	assert_string_equal(b, "IS_EX(192.0.2.1) IS_IN(192.0.2.2,192.0.2.3)");
	assert_true(ght_free(&x));
}

static void test_learned_values_and_compat(void **state)
{
	struct ght x;
	struct gmp_host_if_info in;
	struct ght_pkt p;
	const struct node_iface *ifp;
	sim_time_t t0, t1, tq = 0;

	(void)state;
	ght_init(&x, 61, 1, NET_AF_IP4, 3);
	ifp = node_iface_find(x.h[0], "eth0");
	/* QRV 3, QQIC 60 s, Max Resp 5 s (RFC 3376 4.1.6, 4.1.7, 8.x) */
	ght_query(&x, NET_AF_IP4, 3, NULL, SIM_S(5), NULL, 0, 3, SIM_S(60),
		  NULL);
	node_tw_run(x.w, SIM_S(6)); /* its answer: nothing to report */
	assert_int_equal(gmp_host_if_info(x.st[0], ifp, NET_AF_IP4, &in), 0);
	assert_int_equal(in.robustness, 3);
	assert_int_equal(in.qi, SIM_S(60));
	assert_int_equal(in.qri, SIM_S(5));
	assert_int_equal(ght_count(&x), 0);
	listen_(&x, 0, 1, G1, NODE_HOST_EXCLUDE, NULL);
	node_tw_run(x.w, SIM_S(10));
	assert_int_equal(nrep(&x), 3); /* Robustness 3 */
	/* a retransmission pending when an IGMPv2 querier appears is
	 * cancelled (RFC 3376 7.2.1) */
	ght_clear(&x);
	listen_(&x, 0, 1, G2, NODE_HOST_EXCLUDE, NULL);
	t0 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 2, NULL, SIM_S(10), NULL, 0, 0, 0, NULL);
	tq = ght_transit(&x, 60);
	node_tw_run(x.w, t0 + tq);
	assert_int_equal(gmp_host_if_info(x.st[0], ifp, NET_AF_IP4, &in), 0);
	assert_int_equal(in.compat, 2);
	/* Older Version Querier Present Timeout: 3 * 60 s + 5 s */
	assert_int_equal(in.older_until[1], t0 + tq + SIM_S(185));
	node_tw_run(x.w, t0 + SIM_S(20));
	assert_int_equal(nrep(&x), 1); /* only the first TO_EX */
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V2), 2);
	/* v2 mode: leaving sends a Leave, as the last reporter */
	ght_clear(&x);
	listen_(&x, 0, 1, G2, NODE_HOST_INCLUDE, NULL);
	node_tw_run(x.w, t0 + SIM_S(21));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_LEAVE), 1);
	/* an IGMPv1 query on top: v1 mode until both timers end */
	t1 = node_tw_now(x.w);
	ght_query(&x, NET_AF_IP4, 1, NULL, 0, NULL, 0, 0, 0, NULL);
	node_tw_run(x.w, t1 + SIM_S(11));
	assert_int_equal(gmp_host_if_info(x.st[0], ifp, NET_AF_IP4, &in), 0);
	assert_int_equal(in.compat, 1);
	assert_int_equal(in.older_until[0], t1 + tq + SIM_S(185));
	assert_int_equal(ght_count_type(&x, 0, GMP_T_REPORT_V1), 1);
	node_tw_run(x.w, t0 + tq + SIM_S(185));
	assert_int_equal(gmp_host_if_info(x.st[0], ifp, NET_AF_IP4, &in), 0);
	assert_int_equal(in.compat, 1); /* the v2 timer ended, v1 runs */
	node_tw_run(x.w, t1 + tq + SIM_S(185));
	assert_int_equal(gmp_host_if_info(x.st[0], ifp, NET_AF_IP4, &in), 0);
	assert_int_equal(in.compat, 3);
	assert_int_equal(node_tw_count(x.w, "H1", "igmp", "compat"), 3);
	assert_int_equal(
		node_tw_field_int(node_tw_find(x.w, "H1", "igmp", "compat", 2),
				  "to", 0),
		3);
	/* back in v3: a change is a state-change report again */
	ght_clear(&x);
	listen_(&x, 0, 1, G1, NODE_HOST_INCLUDE, NULL);
	node_tw_run(x.w, t1 + SIM_S(200));
	assert_int_equal(nrep(&x), 3);
	assert_true(ght_get(&x, 0, &p));
	assert_int_equal(p.m->rec[0].type, GMP_REC_TO_IN);
	assert_true(ght_free(&x));
}

static void test_large_source_lists(void **state)
{
	struct ght x;
	struct ght_pkt p;
	char list[400 * 16];
	size_t off = 0;
	int i;

	(void)state;
	ght_init(&x, 67, 1, NET_AF_IP4, 3);
	for (i = 0; i < 400; i++)
		off += (size_t)snprintf(list + off, sizeof(list) - off,
					"%s10.9.%d.%d", i ? "," : "", i / 200,
					i % 200 + 1);
	/* ALLOW of 400 sources: 365 fit in 1500 bytes, the rest follow */
	listen_(&x, 0, 1, G1, NODE_HOST_INCLUDE, list);
	node_tw_run(x.w, SIM_S(3));
	assert_int_equal(nrep(&x), 4);
	assert_true(ght_get(&x, 0, &p));
	assert_int_equal(p.len, 14 + 1500);
	assert_int_equal(p.m->nrec, 1);
	assert_int_equal(p.m->rec[0].nsrc, 365);
	assert_true(ght_get(&x, 1, &p));
	assert_int_equal(p.m->rec[0].type, GMP_REC_ALLOW);
	assert_int_equal(p.m->rec[0].nsrc, 35);
	/* TO_EX keeps what fits; the rest is not reported (4.2.16) */
	ght_clear(&x);
	listen_(&x, 0, 2, G2, NODE_HOST_EXCLUDE, list);
	node_tw_run(x.w, SIM_S(6));
	assert_int_equal(nrep(&x), 2);
	assert_true(ght_get(&x, 0, &p));
	assert_int_equal(p.m->rec[0].type, GMP_REC_TO_EX);
	assert_int_equal(p.m->rec[0].nsrc, 365);
	assert_true(ght_free(&x));
}

static void test_no_ipv4_address(void **state)
{
	struct ght x;
	struct ght_pkt p;
	struct net_ip4 a = node_tw_ip4("10.0.0.1");

	(void)state;
	ght_init(&x, 71, 1, NET_AF_IP4, 3);
	assert_int_equal(
		node_iface_del_addr4(node_iface_find(x.h[0], "eth0"), &a), 0);
	listen_(&x, 0, 1, G1, NODE_HOST_EXCLUDE, NULL);
	node_tw_run(x.w, SIM_S(3));
	assert_int_equal(nrep(&x), 2);
	assert_true(ght_get(&x, 0, &p));
	assert_true(net_addr_is_unspec(&p.pi.src)); /* RFC 3376 4.2.13 */
	/* queries still reach it (all-systems while IGMP runs) */
	ght_clear(&x);
	ght_query(&x, NET_AF_IP4, 3, NULL, SIM_S(1), NULL, 0, 2, SIM_S(125),
		  NULL);
	node_tw_run(x.w, SIM_S(6));
	assert_int_equal(nrep(&x), 1);
	assert_true(ght_free(&x));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join_leave_records),
		cmocka_unit_test(test_source_list_changes),
		cmocka_unit_test(test_merge_pending_changes),
		cmocka_unit_test(test_query_answers),
		cmocka_unit_test(test_query_scheduling_rules),
		cmocka_unit_test(test_learned_values_and_compat),
		cmocka_unit_test(test_large_source_lists),
		cmocka_unit_test(test_no_ipv4_address),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
