/*
 * Tests of the per-flow rules of the "pim" module (ck_r_pim_flow.c), with
 * exact timestamps on both sides of every tolerance: Hello period (RFC
 * 7761 4.3.1, 4.11) with goodbye, infinite Holdtime and GenID changes;
 * Join/Prune refresh (4.5, 4.11) with prunes and join suppression;
 * Assert losers (4.6) with cancels and expiry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_pim_testutil.h"

#define T0 SIM_S(1700000000)
#define V4 NET_AF_IP4
#define V6 NET_AF_IP6

static struct pim_msg msg;

static void hello(struct ckrt *r, sim_time_t t, const char *src,
		  sim_time_t hold, uint32_t genid)
{
	pmt_hello(&msg, V4, hold, genid);
	pmt_send(r, t, &msg, src, "224.0.0.13", 1);
}

static void hello_case(sim_time_t hold, sim_time_t gap, bool fail)
{
	struct ckrt r;

	ckrt_open(&r, &ck_proto_pim, NULL);
	hello(&r, T0, "10.0.0.1", hold, 5);
	hello(&r, T0 + gap, "10.0.0.1", hold, 5);
	assert_int_equal(ckrt_checked(&r, "pim.hello-period"), 1);
	assert_int_equal(ckrt_failed(&r, "pim.hello-period"), fail);
	ckrt_free(&r);
}

static void test_pim_hello_period(void **state)
{
	struct ckrt r;

	(void)state;
	/* Holdtime 105 s: period 30 s, + 10% + 1 s = 34 s */
	hello_case(SIM_S(105), SIM_S(34), false);
	hello_case(SIM_S(105), SIM_S(34) + 1, true);
	hello_case(SIM_S(105), SIM_S(2), false); /* triggered */
	/* no Holdtime: 30 s default */
	hello_case(-1, SIM_S(34), false);
	hello_case(-1, SIM_S(35), true);
	/* Holdtime 35 s: period 10 s, limit 12 s */
	hello_case(SIM_S(35), SIM_S(12), false);
	hello_case(SIM_S(35), SIM_S(12) + 1, true);
	/* a lapse past the Holdtime says so */
	ckrt_open(&r, &ck_proto_pim, NULL);
	hello(&r, T0, "10.0.0.1", SIM_S(105), 5);
	hello(&r, T0 + SIM_S(200), "10.0.0.1", SIM_S(105), 5);
	assert_non_null(strstr(ckrt_detail(&r, "pim.hello-period"), "lapsed"));
	ckrt_free(&r);
}

static void test_pim_hello_not_judged(void **state)
{
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_pim, NULL);
	hello(&r, T0, "10.0.0.1", 0, 5); /* goodbye */
	hello(&r, T0 + SIM_S(500), "10.0.0.1", SIM_S(105), 6);
	hello(&r, T0 + SIM_S(1000), "10.0.0.1", SIM_S(105), 7); /* restart */
	hello(&r, T0 + SIM_S(1001), "10.0.0.2", SIM_S(0xffff), 1);
	hello(&r, T0 + SIM_S(9000), "10.0.0.2", SIM_S(0xffff), 1);
	assert_int_equal(ckrt_checked(&r, "pim.hello-period"), 0);
	/* separate links, separate neighbors */
	r.link = 3;
	hello(&r, T0 + SIM_S(9001), "10.0.0.2", SIM_S(105), 1);
	r.link = 0;
	assert_int_equal(ckrt_checked(&r, "pim.hello-period"), 0);
	ckrt_finish(&r);
	for (size_t i = 0; i < ck_ncounts(r.c); i++) {
		const char *what;
		uint64_t n;

		ck_count_at(r.c, i, &what, &n);
		if (strstr(what, "GenID"))
			assert_int_equal(n, 2);
	}
	ckrt_free(&r);
}

static void join(struct ckrt *r, sim_time_t t, const char *src, const char *up,
		 bool is_join, bool wc)
{
	pmt_jp(&msg, V4, up, SIM_S(210), "239.1.1.1",
	       wc ? "10.5.5.5" : "10.9.9.9", is_join, wc);
	pmt_send(r, t, &msg, src, "224.0.0.13", 1);
}

static void test_pim_jp_period(void **state)
{
	struct ckrt r;

	(void)state;
	/* Holdtime 210 s: t_periodic 60 s; 1.4 * 60 + 6 + 1 = 91 s */
	ckrt_open(&r, &ck_proto_pim, NULL);
	join(&r, T0, "10.0.0.1", "10.0.0.2", true, false);
	join(&r, T0 + SIM_S(91), "10.0.0.1", "10.0.0.2", true, false);
	join(&r, T0 + SIM_S(182) + 1, "10.0.0.1", "10.0.0.2", true, false);
	assert_int_equal(ckrt_checked(&r, "pim.jp-period"), 2);
	assert_int_equal(ckrt_failed(&r, "pim.jp-period"), 1);
	/* another router's Join refreshes the entry (suppression) */
	join(&r, T0 + SIM_S(230), "10.0.0.3", "10.0.0.2", true, false);
	join(&r, T0 + SIM_S(300), "10.0.0.1", "10.0.0.2", true, false);
	assert_int_equal(ckrt_failed(&r, "pim.jp-period"), 1);
	/* a Prune ends the entry; the next Join starts afresh */
	join(&r, T0 + SIM_S(301), "10.0.0.1", "10.0.0.2", false, false);
	join(&r, T0 + SIM_S(900), "10.0.0.1", "10.0.0.2", true, false);
	assert_int_equal(ckrt_failed(&r, "pim.jp-period"), 1);
	assert_int_equal(ckrt_checked(&r, "pim.jp-period"), 4);
	/* (*,G) and another upstream are other entries */
	join(&r, T0 + SIM_S(901), "10.0.0.1", "10.0.0.2", true, true);
	join(&r, T0 + SIM_S(902), "10.0.0.1", "10.0.0.4", true, false);
	assert_int_equal(ckrt_checked(&r, "pim.jp-period"), 4);
	join(&r, T0 + SIM_S(1100), "10.0.0.1", "10.0.0.2", true, true);
	assert_int_equal(ckrt_failed(&r, "pim.jp-period"), 2);
	assert_non_null(strstr(ckrt_detail(&r, "pim.jp-period"), "t_periodic"));
	ckrt_free(&r);
}

static void test_pim_jp_restart(void **state)
{
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_pim, NULL);
	hello(&r, T0, "10.0.0.1", SIM_S(105), 5);
	join(&r, T0, "10.0.0.1", "10.0.0.2", true, false);
	hello(&r, T0 + SIM_S(500), "10.0.0.1", SIM_S(105), 6);
	join(&r, T0 + SIM_S(501), "10.0.0.1", "10.0.0.2", true, false);
	assert_int_equal(ckrt_checked(&r, "pim.jp-period"), 0);
	ckrt_free(&r);
}

static void assrt(struct ckrt *r, sim_time_t t, const char *src, uint32_t pref,
		  uint32_t metric)
{
	pmt_assert(&msg, V4, "239.1.1.1", "10.9.9.9", false, pref, metric);
	pmt_send(r, t, &msg, src, "224.0.0.13", 1);
}

static void test_pim_assert_loser(void **state)
{
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_pim, NULL);
	assrt(&r, T0, "10.0.0.1", 110, 20);
	assrt(&r, T0 + SIM_MS(100), "10.0.0.2", 100, 20); /* wins */
	/* in flight within 0.5 s */
	assrt(&r, T0 + SIM_MS(600), "10.0.0.1", 110, 20);
	assert_int_equal(ckrt_failed(&r, "pim.assert-loser"), 0);
	assrt(&r, T0 + SIM_MS(600) + 1, "10.0.0.1", 110, 20);
	assert_int_equal(ckrt_failed(&r, "pim.assert-loser"), 1);
	/* the winner refreshes; the loser may win with a better metric */
	assrt(&r, T0 + SIM_S(100), "10.0.0.2", 100, 20);
	assrt(&r, T0 + SIM_S(101), "10.0.0.1", 90, 20);
	assert_int_equal(ckrt_failed(&r, "pim.assert-loser"), 1);
	/* now 10.0.0.2 lost, and asserts again with its worse metric */
	assrt(&r, T0 + SIM_S(102), "10.0.0.2", 100, 20);
	assert_int_equal(ckrt_failed(&r, "pim.assert-loser"), 2);
	ckrt_free(&r);
}

static void test_pim_assert_reset(void **state)
{
	struct ckrt r;

	(void)state;
	/* an AssertCancel from the winner frees the loser */
	ckrt_open(&r, &ck_proto_pim, NULL);
	assrt(&r, T0, "10.0.0.1", 110, 20);
	assrt(&r, T0 + SIM_MS(100), "10.0.0.2", 100, 20);
	assrt(&r, T0 + SIM_S(2), "10.0.0.2", 0x7fffffff, 0xffffffff);
	assrt(&r, T0 + SIM_S(3), "10.0.0.1", 110, 20);
	assert_int_equal(ckrt_failed(&r, "pim.assert-loser"), 0);
	ckrt_free(&r);
	/* the winner's Assert older than Assert_Time (180 s) */
	ckrt_open(&r, &ck_proto_pim, NULL);
	assrt(&r, T0, "10.0.0.1", 110, 20);
	assrt(&r, T0 + SIM_MS(100), "10.0.0.2", 100, 20);
	assrt(&r, T0 + SIM_MS(180100), "10.0.0.1", 110, 20);
	assert_int_equal(ckrt_failed(&r, "pim.assert-loser"), 1);
	ckrt_free(&r);
	ckrt_open(&r, &ck_proto_pim, NULL);
	assrt(&r, T0, "10.0.0.1", 110, 20);
	assrt(&r, T0 + SIM_MS(100), "10.0.0.2", 100, 20);
	assrt(&r, T0 + SIM_MS(180100) + 1, "10.0.0.1", 110, 20);
	assert_int_equal(ckrt_failed(&r, "pim.assert-loser"), 0);
	/* other (S,G) are other contests */
	pmt_assert(&msg, V4, "239.1.1.2", "10.9.9.9", false, 120, 1);
	pmt_send(&r, T0 + SIM_S(181), &msg, "10.0.0.3", "224.0.0.13", 1);
	assert_int_equal(ckrt_failed(&r, "pim.assert-loser"), 0);
	ckrt_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pim_hello_period),
		cmocka_unit_test(test_pim_hello_not_judged),
		cmocka_unit_test(test_pim_jp_period),
		cmocka_unit_test(test_pim_jp_restart),
		cmocka_unit_test(test_pim_assert_loser),
		cmocka_unit_test(test_pim_assert_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
