/*
 * Tests of the per-flow rules of the "gmp" module (ck_r_gmp_flow.c), with
 * exact timestamps on both sides of every tolerance: query interval (RFC
 * 3376 8.2, RFC 3810 9.2), querier election (RFC 3376 6.6.2, RFC 2710
 * section 6), response deadline (RFC 3376 4.1.1), leave queries (RFC 2236
 * section 3, RFC 2710 section 6), and flows kept apart by link.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_gmp_testmsg.h"

#define T0 SIM_S(1700000000)
#define V4 NET_AF_IP4
#define V6 NET_AF_IP6

static struct gmp_msg msg;

static void gq(struct ckrt *r, sim_time_t t, const char *src, uint8_t v,
	       sim_time_t qqi)
{
	gmt_query(&msg, V4, v, NULL, SIM_S(10), v == 3 ? 2 : 0, qqi);
	gmt_send(r, t, &msg, src, "224.0.0.1", 1, true);
}

static void gsq(struct ckrt *r, sim_time_t t, const char *src,
		const char *group)
{
	gmt_query(&msg, V4, 2, group, SIM_S(1), 0, 0);
	gmt_send(r, t, &msg, src, group, 1, true);
}

static void report2(struct ckrt *r, sim_time_t t, const char *host,
		    const char *group)
{
	gmt_report(&msg, V4, GMP_T_REPORT_V2, group);
	gmt_send(r, t, &msg, host, group, 1, true);
}

static void leave(struct ckrt *r, sim_time_t t, const char *host,
		  const char *group)
{
	gmt_report(&msg, V4, GMP_T_LEAVE, group);
	gmt_send(r, t, &msg, host, "224.0.0.2", 1, true);
}

static void report3(struct ckrt *r, sim_time_t t, const char *host,
		    uint8_t type, const char *group)
{
	gmt_report3(&msg, V4, &type, &group, 1);
	gmt_send(r, t, &msg, host, "224.0.0.22", 1, true);
}

/* ---- query interval ---- */

static void interval_case(sim_time_t gap, uint8_t v, sim_time_t qqi, bool fail)
{
	struct ckrt r;

	ckrt_open(&r, &ck_proto_gmp, NULL);
	gq(&r, T0, "10.0.0.1", v, qqi);
	gq(&r, T0 + gap, "10.0.0.1", v, qqi);
	assert_int_equal(ckrt_checked(&r, "igmp.query-interval"), 1);
	assert_int_equal(ckrt_failed(&r, "igmp.query-interval"), fail);
	ckrt_free(&r);
}

static void test_gmp_query_interval(void **state)
{
	(void)state;
	/* v2: 125 s + 10% + 0.5 s = 138 s */
	interval_case(SIM_S(138), 2, 0, false);
	interval_case(SIM_S(138) + 1, 2, 0, true);
	interval_case(SIM_S(31), 2, 0, false); /* startup: shorter is fine */
	/* v3 QQI 60 s: 66.5 s */
	interval_case(SIM_MS(66500), 3, SIM_S(60), false);
	interval_case(SIM_MS(66500) + 1, 3, SIM_S(60), true);
}

static void test_gmp_query_interval_other_querier(void **state)
{
	struct ckrt r;

	(void)state;
	/* 10.0.0.2 queried in between: 10.0.0.5 may have stepped down */
	ckrt_open(&r, &ck_proto_gmp, NULL);
	gq(&r, T0, "10.0.0.5", 2, 0);
	gq(&r, T0 + SIM_S(100), "10.0.0.2", 2, 0);
	gq(&r, T0 + SIM_S(600), "10.0.0.5", 2, 0);
	assert_int_equal(ckrt_checked(&r, "igmp.query-interval"), 0);
	assert_int_equal(ckrt_failed(&r, "igmp.querier-election"), 0);
	ckrt_free(&r);
	/* separate links are separate flows */
	ckrt_open(&r, &ck_proto_gmp, NULL);
	gq(&r, T0, "10.0.0.5", 2, 0);
	r.link = 7;
	gq(&r, T0 + SIM_S(1), "10.0.0.5", 2, 0);
	r.link = 0;
	gq(&r, T0 + SIM_S(300), "10.0.0.5", 2, 0);
	assert_int_equal(ckrt_failed(&r, "igmp.query-interval"), 1);
	ckrt_free(&r);
}

/* ---- querier election ---- */

static void test_gmp_querier_election(void **state)
{
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, NULL);
	gq(&r, T0, "10.0.0.1", 2, 0);
	/* a query already in flight within 0.5 s */
	gq(&r, T0 + SIM_MS(500), "10.0.0.2", 2, 0);
	assert_int_equal(ckrt_failed(&r, "igmp.querier-election"), 0);
	gq(&r, T0 + SIM_MS(500) + 1, "10.0.0.2", 2, 0);
	assert_int_equal(ckrt_failed(&r, "igmp.querier-election"), 1);
	/* OQPI = 2 * 125 + 10 / 2 = 255 s after 10.0.0.1's last query */
	gq(&r, T0 + SIM_S(255) - 1, "10.0.0.2", 2, 0);
	assert_int_equal(ckrt_failed(&r, "igmp.querier-election"), 2);
	gq(&r, T0 + SIM_S(255), "10.0.0.2", 2, 0);
	assert_int_equal(ckrt_failed(&r, "igmp.querier-election"), 2);
	/* the lower address may always query */
	gq(&r, T0 + SIM_S(256), "10.0.0.1", 2, 0);
	assert_int_equal(ckrt_failed(&r, "igmp.querier-election"), 2);
	assert_int_equal(ckrt_checked(&r, "igmp.querier-election"), 6);
	ckrt_free(&r);
}

static void test_mld_querier_election(void **state)
{
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, NULL);
	gmt_query(&msg, V6, 2, NULL, SIM_S(10), 2, SIM_S(20));
	gmt_send(&r, T0, &msg, "fe80::1", "ff02::1", 1, true);
	gmt_send(&r, T0 + SIM_S(30), &msg, "fe80::2", "ff02::1", 1, true);
	/* OQPI 2 * 20 + 5 = 45 s */
	gmt_send(&r, T0 + SIM_S(45), &msg, "fe80::2", "ff02::1", 1, true);
	assert_int_equal(ckrt_failed(&r, "mld.querier-election"), 1);
	assert_non_null(
		strstr(ckrt_detail(&r, "mld.querier-election"), "fe80::1"));
	ckrt_free(&r);
}

/* ---- response deadline ---- */

static void v3_response_case(sim_time_t after, bool fail, bool checked)
{
	struct ckrt r;

	ckrt_open(&r, &ck_proto_gmp, NULL);
	gq(&r, T0, "10.0.0.1", 3, SIM_S(125));
	report3(&r, T0 + after, "10.0.0.5", GMP_REC_IS_EX, "239.1.1.1");
	assert_int_equal(ckrt_checked(&r, "igmp.response-deadline"), checked);
	assert_int_equal(ckrt_failed(&r, "igmp.response-deadline"), fail);
	ckrt_free(&r);
}

static void test_gmp_response_v3(void **state)
{
	struct ckrt r;

	(void)state;
	v3_response_case(SIM_MS(10500), false, true); /* 10 s + 0.5 s */
	v3_response_case(SIM_MS(10500) + 1, true, true);
	v3_response_case(0, false, true);
	/* no General Query in the capture yet: not judged */
	ckrt_open(&r, &ck_proto_gmp, NULL);
	report3(&r, T0, "10.0.0.5", GMP_REC_IS_EX, "239.1.1.1");
	assert_int_equal(ckrt_checked(&r, "igmp.response-deadline"), 0);
	/* state-change records are unsolicited */
	gq(&r, T0 + SIM_S(1), "10.0.0.1", 3, SIM_S(125));
	report3(&r, T0 + SIM_S(50), "10.0.0.5", GMP_REC_TO_EX, "239.1.1.1");
	assert_int_equal(ckrt_checked(&r, "igmp.response-deadline"), 0);
	/* a group query opens a window for its group only */
	gmt_query(&msg, V4, 3, "239.1.1.9", SIM_S(1), 2, SIM_S(125));
	gmt_send(&r, T0 + SIM_S(60), &msg, "10.0.0.1", "239.1.1.9", 1, true);
	report3(&r, T0 + SIM_S(61), "10.0.0.5", GMP_REC_IS_EX, "239.1.1.9");
	assert_int_equal(ckrt_failed(&r, "igmp.response-deadline"), 0);
	report3(&r, T0 + SIM_S(61), "10.0.0.5", GMP_REC_IS_EX, "239.1.1.8");
	assert_int_equal(ckrt_failed(&r, "igmp.response-deadline"), 1);
	ckrt_free(&r);
}

static void test_gmp_response_v2(void **state)
{
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, NULL);
	report2(&r, T0, "10.0.0.5", "239.1.1.1");  /* unsolicited */
	report2(&r, T0, "10.0.0.6", "239.1.1.1");  /* unsolicited */
	report2(&r, T0, "10.0.0.7", "239.1.1.1");  /* unsolicited */
	gq(&r, T0 + SIM_S(100), "10.0.0.1", 2, 0); /* MRT 10 s */
	assert_int_equal(ckrt_checked(&r, "igmp.response-deadline"), 0);
	report2(&r, T0 + SIM_MS(110500), "10.0.0.5", "239.1.1.1");
	assert_int_equal(ckrt_checked(&r, "igmp.response-deadline"), 1);
	assert_int_equal(ckrt_failed(&r, "igmp.response-deadline"), 0);
	report2(&r, T0 + SIM_MS(110500) + 1, "10.0.0.6", "239.1.1.1");
	assert_int_equal(ckrt_failed(&r, "igmp.response-deadline"), 1);
	/* a second report of one host is not a response */
	report2(&r, T0 + SIM_S(150), "10.0.0.5", "239.1.1.1");
	assert_int_equal(ckrt_checked(&r, "igmp.response-deadline"), 2);
	/* a host that left is not a member any more */
	leave(&r, T0 + SIM_S(101), "10.0.0.7", "239.1.1.1");
	report2(&r, T0 + SIM_S(160), "10.0.0.7", "239.1.1.1");
	assert_int_equal(ckrt_checked(&r, "igmp.response-deadline"), 2);
	ckrt_free(&r);
}

/* ---- leave queries ---- */

/* Querier 10.0.0.1 (v2), member 10.0.0.5 of 239.1.1.1, leave at T0+50. */
static void leave_setup(struct ckrt *r)
{
	ckrt_open(r, &ck_proto_gmp, NULL);
	gq(r, T0, "10.0.0.1", 2, 0);
	report2(r, T0 + SIM_S(5), "10.0.0.5", "239.1.1.1");
	leave(r, T0 + SIM_S(50), "10.0.0.5", "239.1.1.1");
}

static void tick(struct ckrt *r, sim_time_t t)
{
	uint8_t f[64] = { 0 };

	ckrt_frame(r, t, f, sizeof(f));
}

static void test_gmp_leave_query(void **state)
{
	struct ckrt r;

	(void)state;
	/* two queries, the first at once, then LMQI (1 s) apart */
	leave_setup(&r);
	gsq(&r, T0 + SIM_MS(50200), "10.0.0.1", "239.1.1.1");
	gsq(&r, T0 + SIM_MS(51200), "10.0.0.1", "239.1.1.1");
	assert_int_equal(ckrt_checked(&r, "igmp.leave-query"), 1);
	assert_int_equal(ckrt_failed(&r, "igmp.leave-query"), 0);
	ckrt_free(&r);
	/* none: judged once a frame comes after the 1 s allowed */
	leave_setup(&r);
	tick(&r, T0 + SIM_S(51));
	assert_int_equal(ckrt_checked(&r, "igmp.leave-query"), 0);
	tick(&r, T0 + SIM_S(51) + 1);
	assert_int_equal(ckrt_failed(&r, "igmp.leave-query"), 1);
	ckrt_free(&r);
	/* the first one late */
	leave_setup(&r);
	gsq(&r, T0 + SIM_S(51) + 1, "10.0.0.1", "239.1.1.1");
	assert_int_equal(ckrt_failed(&r, "igmp.leave-query"), 1);
	ckrt_free(&r);
	/* the second 1.6 s after the first: 1 s + 10% + 0.5 s, fine */
	leave_setup(&r);
	gsq(&r, T0 + SIM_S(50), "10.0.0.1", "239.1.1.1");
	gsq(&r, T0 + SIM_MS(51600), "10.0.0.1", "239.1.1.1");
	assert_int_equal(ckrt_failed(&r, "igmp.leave-query"), 0);
	assert_int_equal(ckrt_checked(&r, "igmp.leave-query"), 1);
	ckrt_free(&r);
	leave_setup(&r);
	gsq(&r, T0 + SIM_S(50), "10.0.0.1", "239.1.1.1");
	gsq(&r, T0 + SIM_MS(51600) + 1, "10.0.0.1", "239.1.1.1");
	assert_int_equal(ckrt_failed(&r, "igmp.leave-query"), 1);
	ckrt_free(&r);
}

static void test_gmp_leave_query_count(void **state)
{
	struct ckrt r;

	(void)state;
	/* one query of two, no report: the series stopped short */
	leave_setup(&r);
	gsq(&r, T0 + SIM_S(50), "10.0.0.1", "239.1.1.1");
	tick(&r, T0 + SIM_S(55));
	assert_int_equal(ckrt_failed(&r, "igmp.leave-query"), 1);
	assert_non_null(strstr(ckrt_detail(&r, "igmp.leave-query"), "1 of 2"));
	ckrt_free(&r);
	/* a member answered: the querier may stop */
	leave_setup(&r);
	gsq(&r, T0 + SIM_S(50), "10.0.0.1", "239.1.1.1");
	report2(&r, T0 + SIM_MS(50300), "10.0.0.6", "239.1.1.1");
	tick(&r, T0 + SIM_S(55));
	assert_int_equal(ckrt_failed(&r, "igmp.leave-query"), 0);
	assert_int_equal(ckrt_checked(&r, "igmp.leave-query"), 1);
	ckrt_free(&r);
	/* a group nobody reported, or no querier: not judged */
	ckrt_open(&r, &ck_proto_gmp, NULL);
	leave(&r, T0, "10.0.0.5", "239.1.1.1");
	gq(&r, T0 + SIM_S(1), "10.0.0.1", 2, 0);
	leave(&r, T0 + SIM_S(2), "10.0.0.5", "239.1.1.2");
	tick(&r, T0 + SIM_S(10));
	assert_int_equal(ckrt_checked(&r, "igmp.leave-query"), 0);
	ckrt_finish(&r);
	ckrt_free(&r);
	/* a v3 querier without v2 hosts of the group ignores Leaves */
	ckrt_open(&r, &ck_proto_gmp, NULL);
	gq(&r, T0, "10.0.0.1", 3, SIM_S(125));
	report3(&r, T0 + SIM_S(1), "10.0.0.5", GMP_REC_IS_EX, "239.1.1.1");
	leave(&r, T0 + SIM_S(5), "10.0.0.5", "239.1.1.1");
	tick(&r, T0 + SIM_S(10));
	assert_int_equal(ckrt_checked(&r, "igmp.leave-query"), 0);
	ckrt_free(&r);
}

static void test_mld_done_query(void **state)
{
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, NULL);
	gmt_query(&msg, V6, 1, NULL, SIM_S(10), 0, 0);
	gmt_send(&r, T0, &msg, "fe80::1", "ff02::1", 1, true);
	gmt_report(&msg, V6, GMP_T_REPORT_V2, "ff05::9");
	gmt_send(&r, T0 + SIM_S(3), &msg, "fe80::5", "ff05::9", 1, true);
	gmt_report(&msg, V6, GMP_T_LEAVE, "ff05::9");
	gmt_send(&r, T0 + SIM_S(20), &msg, "fe80::5", "ff02::2", 1, true);
	tick(&r, T0 + SIM_S(30));
	assert_int_equal(ckrt_failed(&r, "mld.done-query"), 1);
	ckrt_finish(&r);
	ckrt_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gmp_query_interval),
		cmocka_unit_test(test_gmp_query_interval_other_querier),
		cmocka_unit_test(test_gmp_querier_election),
		cmocka_unit_test(test_mld_querier_election),
		cmocka_unit_test(test_gmp_response_v3),
		cmocka_unit_test(test_gmp_response_v2),
		cmocka_unit_test(test_gmp_leave_query),
		cmocka_unit_test(test_gmp_leave_query_count),
		cmocka_unit_test(test_mld_done_query),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
