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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/conform/cf_rbs_int.h"

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
	struct ck_ctx *c = ck_ctx_new("cf_rbs_test");
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
	assert_string_equal(cf_suite_rbs.name, "rbs");
	assert_true(cf_suite_rbs.ncases >= 10);
	for (size_t i = 0; i < cf_suite_rbs.ncases; i++) {
		const struct ck_rule *r = &cf_suite_rbs.cases[i].rule;

		assert_int_equal(strncmp(r->id, "rbs.", 4), 0);
		for (const char *p = r->id; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') ||
				    (*p >= '0' && *p <= '9') || *p == '.' ||
				    *p == '-');
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r->id,
						cf_suite_rbs.cases[j].rule.id);
		assert_string_equal(r->rfc, "failsim RBS");
		assert_true(strlen(r->section) > 5);
		assert_true(strlen(r->quote) > 10);
		assert_true(strlen(r->title) > 5);
		assert_non_null(cf_suite_rbs.cases[i].run);
	}
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
	for (size_t i = 0; i < cf_suite_rbs.ncases && n < 62; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_case, (void *)&cf_suite_rbs.cases[i]);
		tests[n++].name = cf_suite_rbs.cases[i].rule.id;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_wrong);
	return _cmocka_run_group_tests("cf_pim_test", tests, n, NULL, NULL);
}
