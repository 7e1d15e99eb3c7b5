/*
 * Tests of the group membership core (gmp.h) with exact nanosecond
 * timing. Here: the querier's startup schedule (RFC 3376 6.6.2, 8.6,
 * 8.7), the election over a wire through the codec (lower address wins
 * at once, takeover exactly Other Querier Present Interval after the last
 * query heard, 8.5), QRV/QQI adoption (4.1.6, 4.1.7), group expiry
 * exactly at the Group Membership Interval (8.4), leave latency exactly
 * LMQI x LMQC with the group-specific queries at their times (6.6.3.1;
 * RFC 2236 section 3), the non-querier's timer lowering (6.6.1) and MLD
 * (RFC 3810) for the same. The tables of 6.4: gmp_test_table.c;
 * compatibility and older routers: gmp_test_compat.c; listeners, import,
 * checks and API: gmp_test_api.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_test_util.h"

#define D   GT_DELAY
#define G1  "225.1.1.1"
#define H1  "10.0.0.100"
#define SQI (SIM_S(125) / 4)

/* ---- querier startup (6.6.2) ---- */

static void test_startup_schedule(void **state)
{
	static const struct {
		uint8_t robustness;
		sim_time_t sqi; /* configured, 0: QI/4 */
		sim_time_t qi;
	} tc[] = {
		{ 2, 0, SIM_S(125) },
		{ 3, SIM_S(10), SIM_S(125) },
		{ 7, 0, SIM_S(60) },
		{ 2, SIM_MS(1500), SIM_S(1) + SIM_MS(1) },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct gmp_if_cfg c = gt_cfg(0, NET_AF_IP4, 3);
		sim_time_t sqi = tc[k].sqi ? tc[k].sqi : tc[k].qi / 4, t[16];
		struct gmp_if_info in;
		struct gt *h;
		size_t nq;

		t[0] = 0;
		c.robustness = tc[k].robustness;
		c.startup_interval = tc[k].sqi;
		c.query_interval = tc[k].qi;
		c.query_resp = SIM_MS(900);
		h = gt_new(1, &c);
		gt_run_to(h, SIM_S(1));
		assert_int_equal(h->e[0].nq, 0); /* not started: silent */
		gt_start(h, 0);
		in = gt_info(&h->e[0]);
		assert_int_equal(in.qstate, GMP_QUERIER);
		assert_int_equal(in.startup_left, tc[k].robustness - 1);
		/* Startup Query Count queries SQI apart, then every QI. */
		for (size_t i = 0; i + 1 < 16; i++)
			t[i + 1] = t[i] +
				   (i + 1 < tc[k].robustness ? sqi : tc[k].qi);
		nq = (size_t)tc[k].robustness + 3;
		gt_run_to(h, SIM_S(1) + t[nq - 1]);
		assert_int_equal(h->e[0].nq, nq);
		for (size_t i = 0; i < nq; i++) {
			const struct gt_q *q = gt_q(&h->e[0], NULL, -1, i);

			assert_int_equal(q->t, SIM_S(1) + t[i]);
			assert_int_equal(q->version, 3);
			assert_int_equal(q->max_resp, SIM_MS(900));
			assert_int_equal(q->qrv, tc[k].robustness);
			assert_int_equal(q->qqi, tc[k].qi);
			assert_false(q->s);
			assert_true(net_addr_eq(&q->dst, &gmp_all_hosts4));
		}
		in = gt_info(&h->e[0]);
		assert_int_equal(in.startup_left, 0);
		assert_int_equal(in.next_query, SIM_S(1) + t[nq]);
		assert_int_equal(in.tx_general, h->e[0].nq);
		assert_int_equal(in.oqp_expires, -1);
		gt_free(h);
	}
}

/* ---- election (6.6.2, 8.5) ---- */

/*
 * A (10.0.0.1) and B (10.0.0.2) start together on a wire. B hears A's
 * first query D later and is non-querier at once; A ignores B's. A stops
 * after its query at 156.25 s; B takes over exactly OQPI after hearing
 * it, with a General Query at once, and then queries every QI.
 */
static void test_election(void **state)
{
	struct gmp_if_cfg c[2] = { gt_cfg(0, NET_AF_IP4, 3),
				   gt_cfg(1, NET_AF_IP4, 3) };
	struct gt *h = gt_new(2, c);
	struct gt_end *A = &h->e[0], *B = &h->e[1];
	sim_time_t oqpi = 2 * SIM_S(125) + SIM_S(5), last = SQI + SIM_S(125);
	const struct node_tw_rec *r;
	struct gmp_if_info in;

	(void)state;
	h->wire = true;
	gt_start(h, 0);
	gt_start(h, 1);
	gt_run_to(h, D - 1);
	assert_int_equal(gt_info(B).qstate, GMP_QUERIER);
	gt_run_to(h, D);
	in = gt_info(B);
	assert_int_equal(in.qstate, GMP_NON_QUERIER);
	assert_true(net_addr_eq(&in.querier, &A->cfg.addr));
	assert_int_equal(in.oqp_expires, D + oqpi);
	assert_int_equal(in.next_query, -1);
	assert_int_equal(gt_info(A).qstate, GMP_QUERIER);
	r = node_tw_find(h->w, "B", "igmp", "querier", 1);
	assert_non_null(r);
	assert_int_equal(r->t, D);
	gt_run_to(h, last + 1);
	gmp_if_stop(A->gi);
	gt_run_to(h, last + D + oqpi - 1);
	assert_int_equal(B->nq, 1); /* its startup query at 0 only */
	assert_int_equal(gt_info(B).qstate, GMP_NON_QUERIER);
	gt_run_to(h, last + D + oqpi);
	in = gt_info(B);
	assert_int_equal(in.qstate, GMP_QUERIER);
	assert_true(net_addr_eq(&in.querier, &B->cfg.addr));
	assert_int_equal(B->nq, 2);
	assert_int_equal(B->q[1].t, last + D + oqpi);
	r = node_tw_find(h->w, "B", "igmp", "querier", 2);
	assert_non_null(r);
	assert_int_equal(r->t, last + D + oqpi);
	assert_int_equal(node_tw_count(h->w, "A", "igmp", "querier"), 1);
	gt_run_to(h, last + D + oqpi + 2 * SIM_S(125));
	assert_int_equal(B->nq, 4);
	assert_int_equal(B->q[3].t, last + D + oqpi + 2 * SIM_S(125));
	gt_free(h);
}

/* Injected queries: lower address wins at once, higher / own / the
 * unspecified address do not; the timer restarts at each query. */
static void test_election_inject(void **state)
{
	struct gmp_if_cfg c = gt_cfg(1, NET_AF_IP4, 3); /* 10.0.0.2 */
	struct gt *h = gt_new(1, &c);
	struct gt_end *B = &h->e[0];
	sim_time_t oqpi = SIM_S(255);

	(void)state;
	gt_start(h, 0);
	gt_run_to(h, SIM_S(1));
	gt_rx_query(h, 0, "10.0.0.3", 3, NULL, NULL, false);
	gt_rx_query(h, 0, "10.0.0.2", 3, NULL, NULL, false);
	gt_rx_query(h, 0, "0.0.0.0", 3, NULL, NULL, false);
	assert_int_equal(gt_info(B).qstate, GMP_QUERIER);
	assert_int_equal(gt_info(B).rx_query, 3);
	gt_run_to(h, SIM_S(2));
	gt_rx_query(h, 0, "10.0.0.1", 3, NULL, NULL, false);
	assert_int_equal(gt_info(B).qstate, GMP_NON_QUERIER);
	assert_int_equal(gt_info(B).oqp_expires, SIM_S(2) + oqpi);
	gt_run_to(h, SIM_S(100));
	gt_rx_query(h, 0, "10.0.0.1", 3, NULL, NULL, false);
	assert_int_equal(gt_info(B).oqp_expires, SIM_S(100) + oqpi);
	/* A group-specific query also counts (6.6.2: "a query"). */
	gt_run_to(h, SIM_S(200));
	gt_rx_query(h, 0, "10.0.0.1", 3, G1, NULL, false);
	assert_int_equal(gt_info(B).oqp_expires, SIM_S(200) + oqpi);
	gt_run_to(h, SIM_S(200) + oqpi - 1);
	assert_int_equal(gt_info(B).qstate, GMP_NON_QUERIER);
	gt_run_to(h, SIM_S(200) + oqpi);
	assert_int_equal(gt_info(B).qstate, GMP_QUERIER);
	assert_int_equal(B->q[B->nq - 1].t, SIM_S(200) + oqpi);
	gt_free(h);
}

/* MLD: the lower link-local address wins; queries go to ff02::1. */
static void test_election_mld(void **state)
{
	struct gmp_if_cfg c[2] = { gt_cfg(0, NET_AF_IP6, 2),
				   gt_cfg(1, NET_AF_IP6, 2) };
	struct gt *h = gt_new(2, c);
	sim_time_t oqpi = SIM_S(255);

	(void)state;
	h->wire = true;
	gt_start(h, 1);
	gt_run_to(h, SIM_S(10));
	gt_start(h, 0);
	gt_run_to(h, SIM_S(10) + D);
	assert_int_equal(gt_info(&h->e[1]).qstate, GMP_NON_QUERIER);
	assert_int_equal(gt_info(&h->e[0]).qstate, GMP_QUERIER);
	assert_int_equal(gt_info(&h->e[1]).oqp_expires, SIM_S(10) + D + oqpi);
	assert_true(net_addr_eq(&h->e[0].q[0].dst, &gmp_all_nodes6));
	assert_int_equal(h->e[0].q[0].version, 2);
	assert_int_equal(node_tw_count(h->w, "B", "mld", "querier"), 2);
	gt_free(h);
}

/* RFC 3376 4.1.6, 4.1.7: a non-querier adopts QRV and QQI (zero: its
 * configured value); OQPI and GMI follow; querier again: configured. */
static void test_adopt(void **state)
{
	struct gmp_if_cfg c = gt_cfg(1, NET_AF_IP4, 3);
	struct gt *h = gt_new(1, &c);
	struct gt_end *B = &h->e[0];
	struct net_addr querier = node_tw_addr("10.0.0.1");
	struct gmp_group_info gi;
	sim_time_t oqpi = 3 * SIM_S(60) + SIM_S(5);

	(void)state;
	gt_start(h, 0);
	gt_run_to(h, SIM_S(1));
	gt_rx_query_ex(h, 0, "10.0.0.1", 3, NULL, NULL, false, 3, SIM_S(60), 0);
	assert_int_equal(gt_info(B).robustness, 3);
	assert_int_equal(gt_info(B).query_interval, SIM_S(60));
	assert_int_equal(gt_info(B).oqp_expires, SIM_S(1) + oqpi);
	gt_rx_v3(h, 0, H1, GMP_REC_IS_EX, G1, NULL);
	assert_true(gt_group(B, G1, &gi));
	assert_int_equal(gi.expires, SIM_S(1) + 3 * SIM_S(60) + SIM_S(10));
	/* A higher address's values are not taken. */
	gt_rx_query_ex(h, 0, "10.0.0.9", 3, NULL, NULL, false, 5, SIM_S(30), 0);
	assert_int_equal(gt_info(B).robustness, 3);
	gt_run_to(h, SIM_S(2));
	/* gt_rx_query_ex turns 0 into the defaults: send real zeros. */
	h->m.qrv = 0;
	h->m.qqi = 0;
	gmp_if_rx(B->gi, &h->m, &querier, NULL);
	assert_int_equal(gt_info(B).robustness, 2);
	assert_int_equal(gt_info(B).query_interval, SIM_S(125));
	gt_rx_query_ex(h, 0, "10.0.0.1", 3, NULL, NULL, false, 4, SIM_S(20), 0);
	gt_run_to(h, SIM_S(2) + 4 * SIM_S(20) + SIM_S(5));
	assert_int_equal(gt_info(B).qstate, GMP_QUERIER);
	assert_int_equal(gt_info(B).robustness, 2);
	assert_int_equal(gt_info(B).query_interval, SIM_S(125));
	assert_int_equal(B->q[B->nq - 1].qrv, 2);
	assert_int_equal(B->q[B->nq - 1].qqi, SIM_S(125));
	gt_free(h);
}

/* ---- group expiry (8.4) ---- */

static void test_gmi_expiry(void **state)
{
	static const struct {
		enum net_af af;
		uint8_t ver;
		enum gmp_type type; /* GMP_T__COUNT: v3 IS_EX({}) */
		const char *group, *host;
	} tc[] = {
		{ NET_AF_IP4, 3, GMP_T__COUNT, G1, H1 },
		{ NET_AF_IP4, 3, GMP_T_REPORT_V2, G1, H1 },
		{ NET_AF_IP4, 3, GMP_T_REPORT_V1, G1, H1 },
		{ NET_AF_IP4, 2, GMP_T_REPORT_V2, G1, H1 },
		{ NET_AF_IP4, 1, GMP_T_REPORT_V1, G1, H1 },
		{ NET_AF_IP6, 2, GMP_T__COUNT, "ff3e::1", "fe80::100" },
		{ NET_AF_IP6, 2, GMP_T_REPORT_V2, "ff3e::1", "fe80::100" },
		{ NET_AF_IP6, 1, GMP_T_REPORT_V2, "ff3e::1", "fe80::100" },
	};
	sim_time_t gmi = SIM_S(260);

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct gt *h = gt_one(tc[k].af, tc[k].ver);
		struct gt_end *A = &h->e[0];
		const char *mod = tc[k].af == NET_AF_IP6 ? "mld" : "igmp";
		struct gmp_group_info gi;
		const struct gt_ev *ev;
		struct net_addr host;

		gt_run_to(h, SIM_S(5));
		for (int rep = 0; rep < 2; rep++) { /* the second refreshes */
			if (tc[k].type == GMP_T__COUNT)
				gt_rx_v3(h, 0, tc[k].host, GMP_REC_IS_EX,
					 tc[k].group, NULL);
			else
				gt_rx_old(h, 0, tc[k].type, tc[k].group,
					  tc[k].host);
			if (rep == 0)
				gt_run_to(h, SIM_S(100));
		}
		assert_true(gt_group(A, tc[k].group, &gi));
		assert_int_equal(gi.mode, GMP_EXCLUDE);
		assert_int_equal(gi.expires, SIM_S(100) + gmi);
		assert_int_equal(gi.uptime, SIM_S(5));
		host = node_tw_addr(tc[k].host);
		assert_true(net_addr_eq(&gi.last_reporter, &host));
		gt_run_to(h, SIM_S(100) + gmi - 1);
		assert_true(gt_group(A, tc[k].group, &gi));
		gt_run_to(h, SIM_S(100) + gmi);
		assert_false(gt_group(A, tc[k].group, &gi));
		assert_int_equal(gt_nev(A, tc[k].group), 2);
		ev = gt_ev(A, tc[k].group, 0);
		assert_int_equal(ev->t, SIM_S(5));
		assert_int_equal(ev->change, GMP_ADDED);
		ev = gt_ev(A, tc[k].group, 1);
		assert_int_equal(ev->t, SIM_S(100) + gmi);
		assert_int_equal(ev->change, GMP_REMOVED);
		assert_int_equal(ev->src.af, NET_AF_NONE);
		assert_int_equal(
			node_tw_find(h->w, "A", mod, "group-del", 0)->t,
			SIM_S(100) + gmi);
		assert_int_equal(gt_info(A).joins, 1);
		assert_int_equal(gt_info(A).leaves, 1);
		/* No specific query was ever sent. */
		assert_int_equal(gt_nq(A, tc[k].group, -1), 0);
		gt_free(h);
	}
}

/* ---- leave latency (6.6.3.1; RFC 2236 section 3) ---- */

static void test_leave_latency(void **state)
{
	static const struct {
		enum net_af af;
		uint8_t ver, lmqc;
		sim_time_t lmqi;
		const char *group, *host;
	} tc[] = {
		{ NET_AF_IP4, 3, 0, SIM_S(1), G1, H1 },
		{ NET_AF_IP4, 2, 0, SIM_S(1), G1, H1 },
		{ NET_AF_IP4, 2, 3, SIM_MS(300), G1, H1 },
		{ NET_AF_IP4, 3, 5, SIM_MS(700), G1, H1 },
		{ NET_AF_IP6, 2, 0, SIM_S(1), "ff3e::1", "fe80::100" },
		{ NET_AF_IP6, 1, 4, SIM_MS(250), "ff3e::1", "fe80::100" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct gmp_if_cfg c = gt_cfg(0, tc[k].af, tc[k].ver);
		uint8_t lmqc = tc[k].lmqc ? tc[k].lmqc : 2;
		sim_time_t tl = SIM_S(50), lmqt = lmqc * tc[k].lmqi;
		struct gmp_group_info gi;
		struct gt_end *A;
		struct gt *h;

		c.lmqc = tc[k].lmqc;
		c.lmqi = tc[k].lmqi;
		h = gt_new(1, &c);
		A = &h->e[0];
		gt_start(h, 0);
		gt_run_to(h, SIM_S(5));
		gt_rx_old(h, 0, GMP_T_REPORT_V2, tc[k].group, tc[k].host);
		gt_run_to(h, tl);
		gt_rx_old(h, 0, GMP_T_LEAVE, tc[k].group, tc[k].host);
		assert_int_equal(gt_info(A).rx_leave, 1);
		gt_run_to(h, tl + lmqt - 1);
		assert_true(gt_group(A, tc[k].group, &gi));
		gt_run_to(h, tl + lmqt);
		assert_false(gt_group(A, tc[k].group, &gi));
		/* LMQC group-specific queries, LMQI apart, to the group. */
		assert_int_equal(gt_nq(A, tc[k].group, 0), lmqc);
		for (size_t i = 0; i < lmqc; i++) {
			const struct gt_q *q = gt_q(A, tc[k].group, 0, i);

			assert_int_equal(q->t, tl + (sim_time_t)i * tc[k].lmqi);
			assert_int_equal(q->max_resp, tc[k].lmqi);
			assert_int_equal(q->version, tc[k].ver);
			assert_false(q->s);
			assert_int_equal(q->dst.af, tc[k].af);
			assert_true(net_addr_eq(&q->dst, &q->group));
		}
		assert_int_equal(gt_info(A).tx_group, lmqc);
		assert_int_equal(gt_ev(A, tc[k].group, 1)->t, tl + lmqt);
		gt_free(h);
	}
}

/* A non-querier ignores leaves (RFC 2236 section 3) and lowers its timer
 * to LMQC x Max Resp when it hears the querier's group-specific query;
 * not when the S flag is set (6.6.1). */
static void test_non_querier_leave(void **state)
{
	struct gmp_if_cfg c = gt_cfg(1, NET_AF_IP4, 3);
	struct gt *h = gt_new(1, &c);
	struct gt_end *B = &h->e[0];
	struct gmp_group_info gi;

	(void)state;
	gt_start(h, 0);
	gt_rx_query(h, 0, "10.0.0.1", 3, NULL, NULL, false);
	gt_run_to(h, SIM_S(5));
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G1, H1);
	gt_run_to(h, SIM_S(50));
	gt_rx_old(h, 0, GMP_T_LEAVE, G1, H1);
	assert_int_equal(gt_info(B).drops[GMP_DROP_NOT_QUERIER], 1);
	assert_true(gt_group(B, G1, &gi));
	assert_int_equal(gi.expires, SIM_S(5) + SIM_S(260));
	assert_int_equal(gt_nq(B, G1, -1), 0);
	gt_rx_query(h, 0, "10.0.0.1", 3, G1, NULL, true); /* S set */
	assert_true(gt_group(B, G1, &gi));
	assert_int_equal(gi.expires, SIM_S(5) + SIM_S(260));
	gt_rx_query_ex(h, 0, "10.0.0.1", 3, G1, NULL, false, 0, 0, SIM_MS(800));
	assert_true(gt_group(B, G1, &gi));
	assert_int_equal(gi.expires, SIM_S(50) + 2 * SIM_MS(800));
	/* Lowered only: a later query with a longer time changes nothing. */
	gt_run_to(h, SIM_S(51));
	gt_rx_query_ex(h, 0, "10.0.0.1", 3, G1, NULL, false, 0, 0, SIM_S(5));
	assert_true(gt_group(B, G1, &gi));
	assert_int_equal(gi.expires, SIM_S(50) + 2 * SIM_MS(800));
	gt_run_to(h, SIM_S(50) + 2 * SIM_MS(800));
	assert_false(gt_group(B, G1, &gi));
	gt_free(h);
}

/* RFC 2236 section 7: an IGMPv2 router's report during the checking
 * clears the retransmissions; IGMPv3 keeps them with the S flag. */
static void test_report_during_leave(void **state)
{
	(void)state;
	for (uint8_t ver = 2; ver <= 3; ver++) {
		struct gt *h = gt_one(NET_AF_IP4, ver);
		struct gt_end *A = &h->e[0];
		struct gmp_group_info gi;

		gt_rx_old(h, 0, GMP_T_REPORT_V2, G1, H1);
		gt_run_to(h, SIM_S(50));
		gt_rx_old(h, 0, GMP_T_LEAVE, G1, H1);
		gt_run_to(h, SIM_S(50) + SIM_MS(500));
		gt_rx_old(h, 0, GMP_T_REPORT_V2, G1, "10.0.0.101");
		gt_run_to(h, SIM_S(60));
		assert_true(gt_group(A, G1, &gi));
		assert_int_equal(gi.expires,
				 SIM_S(50) + SIM_MS(500) + SIM_S(260));
		assert_int_equal(gi.last_reporter.b[3], 101);
		if (ver == 2) {
			assert_int_equal(gt_nq(A, G1, 0), 1);
		} else {
			assert_int_equal(gt_nq(A, G1, 0), 2);
			assert_false(gt_q(A, G1, 0, 0)->s);
			assert_true(gt_q(A, G1, 0, 1)->s);
			assert_int_equal(gt_q(A, G1, 0, 1)->t, SIM_S(51));
		}
		gt_free(h);
	}
}

/* Losing the election stops the retransmissions (non-queriers send
 * nothing); a failing send is counted. */
static void test_lose_during_leave(void **state)
{
	struct gmp_if_cfg c = gt_cfg(1, NET_AF_IP4, 3);
	struct gt *h = gt_new(1, &c);
	struct gt_end *B = &h->e[0];
	struct gmp_group_info gi;

	(void)state;
	gt_start(h, 0);
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G1, H1);
	gt_run_to(h, SIM_S(10));
	h->send_ret = -1;
	gt_rx_old(h, 0, GMP_T_LEAVE, G1, H1);
	assert_int_equal(gt_info(B).tx_fail, 1);
	h->send_ret = 0;
	gt_rx_query(h, 0, "10.0.0.1", 3, NULL, NULL, false);
	gt_run_to(h, SIM_S(20));
	assert_int_equal(gt_nq(B, G1, 0), 1);
	/* The timer was lowered by our own query: gone at LMQT. */
	assert_false(gt_group(B, G1, &gi));
	assert_int_equal(gt_ev(B, G1, 1)->t, SIM_S(12));
	gt_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_startup_schedule),
		cmocka_unit_test(test_election),
		cmocka_unit_test(test_election_inject),
		cmocka_unit_test(test_election_mld),
		cmocka_unit_test(test_adopt),
		cmocka_unit_test(test_gmi_expiry),
		cmocka_unit_test(test_leave_latency),
		cmocka_unit_test(test_non_querier_leave),
		cmocka_unit_test(test_report_during_leave),
		cmocka_unit_test(test_lose_during_leave),
		cmocka_unit_test(gt_test_table),
		cmocka_unit_test(gt_test_table_mld),
		cmocka_unit_test(gt_test_gss_rxmt),
		cmocka_unit_test(gt_test_gss_s_flag),
		cmocka_unit_test(gt_test_gs_s_flag),
		cmocka_unit_test(gt_test_excl_to_incl),
		cmocka_unit_test(gt_test_gss_split),
		cmocka_unit_test(gt_test_compat_v2),
		cmocka_unit_test(gt_test_compat_v1),
		cmocka_unit_test(gt_test_compat_mld),
		cmocka_unit_test(gt_test_v2_router),
		cmocka_unit_test(gt_test_v1_router),
		cmocka_unit_test(gt_test_mldv1_router),
		cmocka_unit_test(gt_test_listeners),
		cmocka_unit_test(gt_test_wants),
		cmocka_unit_test(gt_test_import),
		cmocka_unit_test(gt_test_import_replace),
		cmocka_unit_test(gt_test_rx_checks),
		cmocka_unit_test(gt_test_cfg),
		cmocka_unit_test(gt_test_stop_free),
		cmocka_unit_test(gt_test_each_group),
		cmocka_unit_test(gt_test_passive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
