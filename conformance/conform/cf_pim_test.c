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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/conform/cf_pim_int.h"

/* Seeds 1..CF_SEEDS (environment, default 1) are tried. */
static uint64_t nseeds(void)
{
	const char *s = getenv("CF_SEEDS");
	long long n = s ? atoll(s) : 1;

	return n > 0 ? (uint64_t)n : 1;
}

/* Run case k into a fresh run (for each seed); returns its result's
 * failure count and prints the findings when want_pass and it failed. */
static uint64_t run_case(const struct cf_case *k, bool want_pass)
{
	struct ck_ctx *c = ck_ctx_new("cf_pim_test");
	const struct ck_result *r;
	uint64_t failed;

	assert_non_null(c);
	for (uint64_t seed = 1; seed <= nseeds(); seed++)
		cf_run_case(c, k, seed);
	r = ck_result(c, k->rule.id);
	assert_non_null(r);
	failed = r->failed;
	if (want_pass && failed)
		for (size_t i = 0; i < r->nkept; i++)
			printf("%s: %s\n", k->rule.id, r->kept[i].detail);
	if (!want_pass)
		assert_true(r->checked > 0 || failed > 0);
	ck_ctx_free(c);
	return failed;
}

static void test_case(void **state)
{
	const struct cf_case *k = *state;

	assert_int_equal(run_case(k, true), 0);
}

static void test_table(void **state)
{
	(void)state;
	assert_string_equal(cf_suite_pim.name, "pim");
	assert_true(cf_suite_pim.ncases >= 30);
	for (size_t i = 0; i < cf_suite_pim.ncases; i++) {
		const struct ck_rule *r = &cf_suite_pim.cases[i].rule;

		assert_int_equal(strncmp(r->id, "pim.", 4), 0);
		for (const char *p = r->id; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') ||
				    (*p >= '0' && *p <= '9') || *p == '.' ||
				    *p == '-');
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r->id,
						cf_suite_pim.cases[j].rule.id);
		assert_string_equal(r->rfc, "RFC 7761");
		assert_true(r->section[0] == '4');
		assert_true(strlen(r->quote) > 10);
		assert_true(strlen(r->title) > 5);
		assert_non_null(cf_suite_pim.cases[i].run);
	}
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
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++)
		if (run_case(&wrong[i], false) == 0)
			fail_msg("%s passed with a wrong expectation (%s)",
				 wrong[i].rule.id, wrong[i].rule.title);
}

int main(void)
{
	struct CMUnitTest tests[64];
	size_t n = 0;

	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_table);
	for (size_t i = 0; i < cf_suite_pim.ncases && n < 62; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_case, (void *)&cf_suite_pim.cases[i]);
		tests[n++].name = cf_suite_pim.cases[i].rule.id;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_wrong);
	return _cmocka_run_group_tests("cf_pim_test", tests, n, NULL, NULL);
}
