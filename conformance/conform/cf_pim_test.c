/*
 * Tests of the PIM-SM conformance suite: every case of cf_suite_pim
 * passes against failsim's PIM (the failures are printed when not), the
 * table is well formed (ids, sections, quotes), and case bodies run
 * with wrong expectations (a Hello_Period of 31 s, no Triggered_Hello
 * delay, t_periodic 59 s, a 2.5 s J/P_Override_Interval, Assert_Time
 * 170 s, Register_Probe_Time 4 s, Default_Hello_Holdtime 100 s) fail:
 * the cases can tell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "conformance/conform/cf_pim_int.h"
#include "conformance/conform/cf_testutil.h"

static void test_table(void **state)
{
	static const struct cft_table t = {
		.name = "pim",
		.min_cases = 30,
		.min_quote = 10,
		.min_title = 5,
		.rfc = { "RFC 7761" },
		.sections = "4",
	};

	(void)state;
	cft_check_table(&cf_suite_pim, &t);
}

/* ---- cases run with wrong expectations must fail ---- */

#define WRONG(name, field, value, body)                                        \
	static void wrong_##name(struct cf_ctx *c)                             \
	{                                                                      \
		struct cfp_exp e = cfp_rfc;                                    \
                                                                               \
		e.field = (value);                                             \
		body(c, &e);                                                   \
	}

WRONG(period, hello_period, SIM_S(31), cfp_hello_period)
WRONG(startup, triggered_delay, 0, cfp_hello_startup)
WRONG(t_periodic, t_periodic, SIM_S(59), cfp_jp_periodic)
WRONG(override, jp_override, SIM_MS(2500), cfp_jp_prune_pending)
WRONG(assert_time, assert_time, SIM_S(170), cfp_assert_timer)
WRONG(probe, reg_probe, SIM_S(4), cfp_reg_probe)
WRONG(holdtime, default_holdtime, SIM_S(100), cfp_nbr_default_holdtime)

static const struct cf_case wrong[] = {
	{ { "pim.neg.period", CK_MUST, "RFC 7761", "4.3.1", "-", "31 s" },
	  wrong_period },
	{ { "pim.neg.startup", CK_MUST, "RFC 7761", "4.3.1", "-", "0 s" },
	  wrong_startup },
	{ { "pim.neg.t-periodic", CK_MUST, "RFC 7761", "4.5.4", "-", "59 s" },
	  wrong_t_periodic },
	{ { "pim.neg.override", CK_MUST, "RFC 7761", "4.5.1", "-", "2.5 s" },
	  wrong_override },
	{ { "pim.neg.assert-time", CK_MUST, "RFC 7761", "4.6.1", "-", "170 s" },
	  wrong_assert_time },
	{ { "pim.neg.probe", CK_MUST, "RFC 7761", "4.4", "-", "4 s" },
	  wrong_probe },
	{ { "pim.neg.holdtime", CK_MUST, "RFC 7761", "4.3.2", "-", "100 s" },
	  wrong_holdtime },
};

static void test_wrong(void **state)
{
	(void)state;
	cft_cases_fail(wrong, sizeof(wrong) / sizeof(wrong[0]));
}

int main(void)
{
	return cft_main_per_case("cf_pim_test", &cf_suite_pim, test_table,
				 test_wrong);
}
