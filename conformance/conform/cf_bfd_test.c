/*
 * Tests of the "bfd" conformance suite: the case table is well formed
 * (unique "bfd." ids, RFC, section, quote and title filled in), every
 * case passes against failsim's BFD for six seeds, and the cases can
 * fail: the Detection Time case expecting 1 ns later, the discard case
 * fed valid packets instead of damaged ones, and the transmit-interval
 * case expecting the wrong interval each record a failure with a detail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/conform/cf_bfd_int.h"

static void print_findings(const struct ck_result *r)
{
	for (size_t i = 0; r && i < r->nkept; i++)
		printf("  %s: %s\n", r->rule->id, r->kept[i].detail);
}

/* Run case k alone; its result (the run is returned in *out). */
static const struct ck_result *run_one(const struct cf_case *k, uint64_t seed,
				       struct ck_ctx **out)
{
	struct ck_ctx *c = ck_ctx_new("cf_bfd_test");

	assert_non_null(c);
	cf_run_case(c, k, seed);
	*out = c;
	return ck_result(c, k->rule.id);
}

static void test_table(void **state)
{
	const struct cf_suite *s = &cf_suite_bfd;
	struct ck_ctx *c = ck_ctx_new("table");
	char err[160];

	(void)state;
	assert_string_equal(s->name, "bfd");
	assert_true(s->ncases >= 30);
	for (size_t i = 0; i < s->ncases; i++) {
		const struct ck_rule *r = &s->cases[i].rule;

		assert_non_null(s->cases[i].run);
		assert_int_equal(strncmp(r->id, "bfd.", 4), 0);
		assert_true(strlen(r->quote) > 20);
		assert_true(strlen(r->title) > 10);
		assert_true(!strcmp(r->rfc, "RFC 5880") ||
			    !strcmp(r->rfc, "RFC 5881"));
		assert_true(r->section[0] >= '4' && r->section[0] <= '6');
		if (ck_ctx_add_rules(c, r, 1, err, sizeof(err)) != 0)
			fail_msg("%s", err);
	}
	ck_ctx_free(c);
}

static void run_all(uint64_t seed)
{
	const struct cf_suite *s = &cf_suite_bfd;
	int bad = 0;

	for (size_t i = 0; i < s->ncases; i++) {
		struct ck_ctx *c;
		const struct ck_result *r = run_one(&s->cases[i], seed, &c);

		assert_non_null(r);
		if (r->checked != 1 || r->failed != 0) {
			printf("FAILED %s (seed %llu):\n", r->rule->id,
			       (unsigned long long)seed);
			print_findings(r);
			bad++;
		}
		ck_ctx_free(c);
	}
	assert_int_equal(bad, 0);
}

static void test_cases_pass(void **state)
{
	(void)state;
	run_all(1);
}

/* Jitter and start-up randomness come from the seed: more of them. */
static void test_cases_pass_other_seeds(void **state)
{
	(void)state;
	for (uint64_t seed = 2; seed <= 6; seed++)
		run_all(seed * 0x9e3779b97f4a7c15ull);
}

/* ---- the cases can fail ---- */

static void neg_detect(struct cf_ctx *c)
{
	cf_bfd_detect_body(c, 4, SIM_MS(20), 10, 1); /* 1 ns late */
}

static void neg_discard(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_OK, NULL, "Malformed"); /* valid packets */
}

static void neg_txival(struct cf_ctx *c)
{
	cf_bfd_txival_body(c, 10, SIM_MS(50), SIM_MS(10)); /* wrong max */
}

static void neg_auth(struct cf_ctx *c)
{
	/* A keyed session fed packets without the digest damaged. */
	cf_bfd_discard_body(c, BX_OK, "md5", "Dropped, auth-fail");
}

static void expect_failure(void (*fn)(struct cf_ctx *), const char *what)
{
	const struct cf_case k = {
		.rule = { .id = "neg.case",
			  .level = CK_MUST,
			  .rfc = "RFC 5880",
			  .section = "6",
			  .quote = "-",
			  .title = what },
		.run = fn,
	};
	struct ck_ctx *c;
	const struct ck_result *r = run_one(&k, 1, &c);

	assert_non_null(r);
	printf("%s:\n", what);
	print_findings(r);
	assert_true(r->checked >= 1);
	assert_true(r->failed >= 1);
	assert_true(r->nkept >= 1 && strlen(r->kept[0].detail) > 20);
	ck_ctx_free(c);
}

static void test_cases_can_fail(void **state)
{
	(void)state;
	expect_failure(neg_detect, "Detection Time expected 1 ns late");
	expect_failure(neg_discard, "valid packets as the damaged ones");
	expect_failure(neg_txival, "wrong transmit interval expected");
	expect_failure(neg_auth, "authentic packets as the damaged ones");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_cases_pass),
		cmocka_unit_test(test_cases_pass_other_seeds),
		cmocka_unit_test(test_cases_can_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
