/*
 * Tests of older-version compatibility: the per-group Host Compatibility
 * Mode of RFC 3376 7.3.2 / RFC 3810 8.3.2 (a v2 report on an IGMPv3
 * interface: TO_EX sources and BLOCK ignored, leaves as TO_IN({}), the
 * mode back to v3 exactly at the Older Host Present Interval; v1 hosts:
 * leaves ignored), and interfaces configured with an older version (RFC
 * 3376 7.3.1): IGMPv2 (RFC 2236), IGMPv1 (RFC 1112) and MLDv1 (RFC 2710)
 * routers, their queries and what they drop.
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

#define G   "225.1.1.1"
#define G2  "225.1.1.2"
#define H1  "10.0.0.100"
#define H2  "10.0.0.101"
#define SA  "10.1.0.1"
#define OHP SIM_S(260)

static const struct node_tw_rec *gt_log(const struct gt *h, const char *mod,
					const char *ev, size_t nth)
{
	const struct node_tw_rec *r = node_tw_find(h->w, "A", mod, ev, nth);

	assert_non_null(r);
	return r;
}

void gt_test_compat_v2(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;
	const struct node_tw_rec *r;
	sim_time_t x;
	char mk[16];

	(void)state;
	gt_run_to(h, SIM_S(10));
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H1);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.compat, 2);
	r = gt_log(h, "igmp", "group-add", 0);
	assert_int_equal(node_tw_field_int(r, "version", 0), 2);
	/* A group learned is the membership step of the outage anatomy. */
	assert_true(node_tw_field(r, "mark", mk, sizeof(mk)));
	assert_string_equal(mk, "membership");
	assert_int_equal(node_tw_count(h->w, "A", "igmp", "compat"), 0);
	/* TO_EX({a}) is TO_EX({}) in v2 mode. */
	gt_run_to(h, SIM_S(20));
	gt_rx_v3(h, 0, H2, GMP_REC_TO_EX, G, SA);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.nsrc, 0);
	assert_int_equal(gi.expires, SIM_S(280));
	assert_int_equal(gt_nq(A, G, -1), 0);
	/* ALLOW is processed; BLOCK is ignored (no query, no change). */
	gt_run_to(h, SIM_S(21));
	gt_rx_v3(h, 0, H2, GMP_REC_ALLOW, G, SA);
	gt_run_to(h, SIM_S(23));
	gt_rx_v3(h, 0, H2, GMP_REC_BLOCK, G, SA);
	assert_true(gt_src(A, G, SA, &x));
	assert_int_equal(x, SIM_S(281));
	assert_int_equal(gt_nq(A, G, -1), 0);
	/* v3 again exactly OHPI after the v2 report. */
	gt_run_to(h, SIM_S(10) + OHP - 1);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.compat, 2);
	gt_run_to(h, SIM_S(10) + OHP);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.compat, 3);
	r = gt_log(h, "igmp", "compat", 0);
	assert_int_equal(r->t, SIM_S(270));
	assert_int_equal(node_tw_field_int(r, "old", 0), 2);
	assert_int_equal(node_tw_field_int(r, "new", 0), 3);
	gt_run_to(h, SIM_S(275));
	gt_rx_v3(h, 0, H2, GMP_REC_BLOCK, G, SA);
	assert_int_equal(gt_nq(A, G, 1), 1);
	assert_true(gt_src(A, G, SA, &x));
	assert_int_equal(x, SIM_S(277));
	/* A leave in v2 mode is TO_IN({}): Q(G) as IGMPv3 queries. */
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G2, H1);
	gt_run_to(h, SIM_S(300));
	gt_rx_old(h, 0, GMP_T_LEAVE, G2, H1);
	gt_run_to(h, SIM_S(302) - 1);
	assert_int_equal(gt_nq(A, G2, 0), 2);
	assert_int_equal(gt_q(A, G2, 0, 1)->t, SIM_S(301));
	assert_int_equal(gt_q(A, G2, 0, 1)->version, 3);
	assert_true(gt_group(A, G2, &gi));
	gt_run_to(h, SIM_S(302));
	assert_false(gt_group(A, G2, &gi));
	gt_free(h);
}

/* IGMPv1 hosts: leaves ignored while the v1 Host Present timer runs;
 * the mode follows the oldest running timer. */
void gt_test_compat_v1(void **state)
{
	(void)state;
	for (uint8_t ver = 2; ver <= 3; ver++) {
		struct gt *h = gt_one(NET_AF_IP4, ver);
		struct gt_end *A = &h->e[0];
		struct gmp_group_info gi;
		const struct node_tw_rec *r;

		gt_run_to(h, SIM_S(10));
		gt_rx_old(h, 0, GMP_T_REPORT_V1, G, H1);
		assert_true(gt_group(A, G, &gi));
		assert_int_equal(gi.compat, 1);
		gt_run_to(h, SIM_S(20));
		gt_rx_old(h, 0, GMP_T_LEAVE, G, H1);
		assert_int_equal(gt_info(A).drops[GMP_DROP_VERSION], 1);
		assert_int_equal(gt_info(A).rx_leave, 1);
		assert_int_equal(gt_info(A).rx_report[1], 1);
		gt_run_to(h, SIM_S(30));
		assert_true(gt_group(A, G, &gi));
		assert_int_equal(gt_nq(A, G, -1), 0);
		gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H2);
		assert_true(gt_group(A, G, &gi));
		assert_int_equal(gi.compat, 1);
		gt_run_to(h, SIM_S(200));
		gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H2); /* keep it alive */
		gt_run_to(h, SIM_S(270));
		assert_true(gt_group(A, G, &gi));
		assert_int_equal(gi.compat, 2);
		if (ver == 3) {
			r = gt_log(h, "igmp", "compat", 0);
			assert_int_equal(r->t, SIM_S(270));
			assert_int_equal(node_tw_field_int(r, "new", 0), 2);
		}
		/* Now leaves count: Q(G) at 280 and 281, gone at 282. */
		gt_run_to(h, SIM_S(280));
		gt_rx_old(h, 0, GMP_T_LEAVE, G, H2);
		gt_run_to(h, SIM_S(282));
		assert_false(gt_group(A, G, &gi));
		assert_int_equal(gt_nq(A, G, 0), 2);
		assert_int_equal(gt_q(A, G, 0, 0)->version, ver);
		gt_free(h);
	}
}

/* MLDv2 interface, MLDv1 listener: compatibility mode 1 (MLD numbers),
 * TO_EX sources ignored, Done as TO_IN({}). */
void gt_test_compat_mld(void **state)
{
	struct gt *h = gt_one(NET_AF_IP6, 2);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;
	const struct node_tw_rec *r;

	(void)state;
	gt_run_to(h, SIM_S(10));
	gt_rx_old(h, 0, GMP_T_REPORT_V2, "ff3e::1", "fe80::100");
	gt_rx_old(h, 0, GMP_T_REPORT_V2, "ff3e::2", "fe80::100");
	assert_true(gt_group(A, "ff3e::1", &gi));
	assert_int_equal(gi.compat, 1);
	assert_int_equal(gt_info(A).rx_report[1], 2);
	gt_run_to(h, SIM_S(20));
	gt_rx_v3(h, 0, "fe80::101", GMP_REC_TO_EX, "ff3e::1", "2001:db8::1");
	assert_true(gt_group(A, "ff3e::1", &gi));
	assert_int_equal(gi.nsrc, 0);
	gt_run_to(h, SIM_S(30));
	gt_rx_old(h, 0, GMP_T_LEAVE, "ff3e::1", "fe80::100");
	gt_run_to(h, SIM_S(32) - 1);
	assert_true(gt_group(A, "ff3e::1", &gi));
	assert_int_equal(gt_nq(A, "ff3e::1", 0), 2);
	assert_int_equal(gt_q(A, "ff3e::1", 0, 0)->version, 2);
	gt_run_to(h, SIM_S(32));
	assert_false(gt_group(A, "ff3e::1", &gi));
	/* The other group is back to MLDv2 mode at OHPI. */
	gt_run_to(h, SIM_S(100));
	gt_rx_v3(h, 0, "fe80::101", GMP_REC_IS_EX, "ff3e::2", NULL);
	gt_run_to(h, SIM_S(270));
	assert_true(gt_group(A, "ff3e::2", &gi));
	assert_int_equal(gi.compat, 2);
	r = gt_log(h, "mld", "compat", 0);
	assert_int_equal(r->t, SIM_S(270));
	assert_int_equal(node_tw_field_int(r, "old", 0), 1);
	gt_free(h);
}

/* RFC 2236 router (IGMPv2 interface): v2 queries, v3 reports dropped,
 * a v3 query warned about (7.3.1) but taking part in the election. */
void gt_test_v2_router(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 2);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;
	const struct gt_q *q = gt_q(A, NULL, -1, 0);
	struct gmp_if_info in;

	(void)state;
	assert_int_equal(q->version, 2);
	assert_int_equal(q->max_resp, SIM_S(10));
	assert_int_equal(q->qrv, 0);
	assert_int_equal(q->qqi, 0);
	gt_rx_v3(h, 0, H1, GMP_REC_IS_EX, G, NULL);
	assert_false(gt_group(A, G, &gi));
	in = gt_info(A);
	assert_int_equal(in.drops[GMP_DROP_VERSION], 1);
	assert_int_equal(in.rx_report[3], 1);
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H1);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.compat, 2);
	assert_int_equal(gi.mode, GMP_EXCLUDE);
	gt_run_to(h, SIM_S(3));
	gt_rx_old(h, 0, GMP_T_LEAVE, G, H1);
	assert_int_equal(gt_q(A, G, 0, 0)->version, 2);
	assert_int_equal(gt_q(A, G, 0, 0)->max_resp, SIM_S(1));
	gt_run_to(h, SIM_S(5));
	assert_false(gt_group(A, G, &gi));
	assert_int_equal(gt_nq(A, G, 0), 2);
	/* An IGMPv3 querier with a lower address: non-querier, warned. */
	gt_rx_query_ex(h, 0, "9.0.0.1", 3, NULL, NULL, false, 5, SIM_S(30), 0);
	gt_rx_query(h, 0, "9.0.0.1", 3, NULL, NULL, false);
	in = gt_info(A);
	assert_int_equal(in.qstate, GMP_NON_QUERIER);
	assert_int_equal(in.version_warnings, 2);
	assert_int_equal(in.robustness, 2); /* no QRV adoption in v2 */
	assert_int_equal(node_tw_count(h->w, "A", "igmp", "version-mismatch"),
			 1); /* rate-limited */
	gt_free(h);
}

/* RFC 1112 router (IGMPv1 interface). */
void gt_test_v1_router(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 1);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;
	const struct gt_q *q = gt_q(A, NULL, -1, 0);

	(void)state;
	assert_int_equal(q->version, 1);
	assert_int_equal(q->max_resp, 0);
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H1);
	assert_false(gt_group(A, G, &gi));
	gt_rx_old(h, 0, GMP_T_REPORT_V1, G, H1);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.compat, 1);
	gt_run_to(h, SIM_S(10));
	gt_rx_old(h, 0, GMP_T_LEAVE, G, H1);
	assert_int_equal(gt_info(A).drops[GMP_DROP_VERSION], 2);
	/* A group-specific query does not lower a v1 router's timer. */
	gt_rx_query(h, 0, "9.0.0.1", 2, G, NULL, false);
	assert_int_equal(gt_info(A).qstate, GMP_NON_QUERIER);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.expires, SIM_S(260));
	gt_run_to(h, SIM_S(260));
	assert_false(gt_group(A, G, &gi));
	assert_int_equal(gt_nq(A, G, -1), 0);
	gt_free(h);
}

/* RFC 2710 router (MLDv1 interface). */
void gt_test_mldv1_router(void **state)
{
	struct gt *h = gt_one(NET_AF_IP6, 1);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;

	(void)state;
	assert_int_equal(gt_q(A, NULL, -1, 0)->version, 1);
	assert_true(net_addr_eq(&gt_q(A, NULL, -1, 0)->dst, &gmp_all_nodes6));
	gt_rx_v3(h, 0, "fe80::100", GMP_REC_IS_EX, "ff3e::1", NULL);
	assert_false(gt_group(A, "ff3e::1", &gi));
	assert_int_equal(gt_info(A).drops[GMP_DROP_VERSION], 1);
	gt_rx_old(h, 0, GMP_T_REPORT_V2, "ff3e::1", "fe80::100");
	assert_true(gt_group(A, "ff3e::1", &gi));
	assert_int_equal(gi.compat, 1);
	gt_run_to(h, SIM_S(7));
	gt_rx_old(h, 0, GMP_T_LEAVE, "ff3e::1", "fe80::100");
	gt_run_to(h, SIM_S(9) - 1);
	assert_int_equal(gt_nq(A, "ff3e::1", 0), 2);
	assert_int_equal(gt_q(A, "ff3e::1", 0, 1)->version, 1);
	assert_int_equal(gt_q(A, "ff3e::1", 0, 1)->t, SIM_S(8));
	gt_run_to(h, SIM_S(9));
	assert_false(gt_group(A, "ff3e::1", &gi));
	gt_free(h);
}
