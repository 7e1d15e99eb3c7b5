/*
 * Tests of the remote backup service conformance suite: every case of
 * cf_suite_rbs passes against failsim's RBS and hot backup (the failures
 * are printed when not), the table is well formed (ids, README sections,
 * quotes), and case bodies run with wrong expectations (a 900 ms default
 * keepalive interval, a count of 4, a backoff starting at 2 s, a 32 s
 * backoff ceiling) fail: the cases can tell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "conformance/conform/cf_rbs_int.h"
#include "conformance/conform/cf_testutil.h"

static void test_table(void **state)
{
	/* sections: headings of protocols/rbs/README.md */
	static const struct cft_table t = {
		.name = "rbs",
		.min_cases = 10,
		.min_quote = 10,
		.min_title = 5,
		.rfc = { "failsim RBS" },
		.sections = "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	};

	(void)state;
	cft_check_table(&cf_suite_rbs, &t);
}

/* ---- cases run with wrong expectations must fail ---- */

#define WRONG(name, field, value, body)                                        \
	static void wrong_##name(struct cf_ctx *c)                             \
	{                                                                      \
		struct cfr_exp e = cfr_readme;                                 \
                                                                               \
		e.field = (value);                                             \
		body(c, &e);                                                   \
	}

WRONG(interval, ka_interval, SIM_MS(900), cfr_keepalive)
WRONG(count, ka_count, 4, cfr_hold)
WRONG(backoff, backoff_min, SIM_S(2), cfr_backoff)
WRONG(ceiling, backoff_max, SIM_S(32), cfr_backoff)

static const struct cf_case wrong[] = {
	{ { "rbs.neg.interval", CK_MUST, "failsim RBS", "Keepalive", "-",
	    "900 ms" },
	  wrong_interval },
	{ { "rbs.neg.count", CK_MUST, "failsim RBS", "Keepalive", "-", "4" },
	  wrong_count },
	{ { "rbs.neg.backoff", CK_MUST, "failsim RBS", "Reconnecting", "-",
	    "2 s" },
	  wrong_backoff },
	{ { "rbs.neg.ceiling", CK_MUST, "failsim RBS", "Reconnecting", "-",
	    "32 s" },
	  wrong_ceiling },
};

static void test_wrong(void **state)
{
	(void)state;
	cft_cases_fail(wrong, sizeof(wrong) / sizeof(wrong[0]));
}

int main(void)
{
	return cft_main_per_case("cf_rbs_test", &cf_suite_rbs, test_table,
				 test_wrong);
}
