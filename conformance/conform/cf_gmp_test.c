/*
 * Tests of the "igmp" and "mld" conformance suites: both tables are well
 * formed (unique ids with the suite's prefix, the same cases in the same
 * order for both families, RFC, section, quote and title filled in),
 * every case passes against failsim's IGMP/MLD for several seeds, and
 * the cases can fail: the expiry case expecting 1 ns later, a v3 row
 * with a wrong expectation, and a received-message check fed a valid
 * message each record a failure with a detail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/conform/cf_gmp_int.h"

/*
 * Cases failsim fails, reported to the lead with the evidence:
 * mld.rx-report-unspecified: RFC 3810 5.2.13 has routers discard
 * reports from ::, failsim accepts them (gmp_router.c src_ok).
 */
static void print_findings(const struct ck_result *r)
{
	for (size_t i = 0; r && i < r->nkept; i++)
		printf("  %s: %s\n", r->rule->id, r->kept[i].detail);
}

static const struct ck_result *run_one(const struct cf_case *k, uint64_t seed,
				       struct ck_ctx **out)
{
	struct ck_ctx *c = ck_ctx_new("cf_gmp_test");

	assert_non_null(c);
	cf_run_case(c, k, seed);
	*out = c;
	return ck_result(c, k->rule.id);
}

static void check_table(const struct cf_suite *s, const char *prefix,
			const char *rfc_new, const char *rfc_old)
{
	struct ck_ctx *c = ck_ctx_new("table");
	char err[160];

	assert_string_equal(s->name, prefix);
	assert_true(s->ncases >= 20);
	for (size_t i = 0; i < s->ncases; i++) {
		const struct ck_rule *r = &s->cases[i].rule;

		assert_non_null(s->cases[i].run);
		assert_int_equal(strncmp(r->id, prefix, strlen(prefix)), 0);
		assert_int_equal(r->id[strlen(prefix)], '.');
		assert_true(strlen(r->quote) > 20);
		assert_true(strlen(r->title) > 10);
		assert_true(!strcmp(r->rfc, rfc_new) ||
			    !strcmp(r->rfc, rfc_old));
		assert_true(r->section[0] >= '3' && r->section[0] <= '9');
		if (ck_ctx_add_rules(c, r, 1, err, sizeof(err)) != 0)
			fail_msg("%s", err);
	}
	ck_ctx_free(c);
}

static void test_tables(void **state)
{
	(void)state;
	check_table(&cf_suite_igmp, "igmp", "RFC 3376", "RFC 2236");
	check_table(&cf_suite_mld, "mld", "RFC 3810", "RFC 2710");
}

static void run_suite(const struct cf_suite *s, uint64_t seed)
{
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

static void test_igmp_pass(void **state)
{
	(void)state;
	run_suite(&cf_suite_igmp, 1);
	run_suite(&cf_suite_igmp, 0x9e3779b97f4a7c15ull);
}

static void test_mld_pass(void **state)
{
	(void)state;
	run_suite(&cf_suite_mld, 1);
	run_suite(&cf_suite_mld, 0x9e3779b97f4a7c15ull);
}

/* ---- the cases can fail ---- */

static void neg_gmi(struct cf_ctx *c)
{
	cf_gmp_gmi_body(c, &gx_igmp, 1); /* expected 1 ns late */
}

static void neg_row(struct cf_ctx *c)
{
	struct gx_row r = gx_row_in_block;

	r.src[1] = GX_OLD; /* as if BLOCK lowered nothing */
	r.q_mask = 0;	   /* and sent no query */
	cf_gmp_row_body(c, &gx_mld, &r);
}

static void neg_rx(struct cf_ctx *c)
{
	const struct gx_ip valid = { 0 };

	cf_gmp_rx_body(c, &gx_igmp, false, false, &valid, "ttl");
}

static void neg_query_rx(struct cf_ctx *c)
{
	const struct gx_ip valid = { 0 };

	cf_gmp_rx_body(c, &gx_mld, true, false, &valid, "source");
}

static void expect_failure(void (*fn)(struct cf_ctx *), const char *what)
{
	const struct cf_case k = {
		.rule = { .id = "neg.case",
			  .level = CK_MUST,
			  .rfc = "RFC 3376",
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
	assert_true(r->failed >= 1);
	assert_true(r->nkept >= 1 && strlen(r->kept[0].detail) > 20);
	ck_ctx_free(c);
}

static void test_cases_can_fail(void **state)
{
	(void)state;
	expect_failure(neg_gmi, "IGMP expiry expected 1 ns late");
	expect_failure(neg_row, "MLD BLOCK row with a wrong expectation");
	expect_failure(neg_rx, "a valid report as the damaged one");
	expect_failure(neg_query_rx, "a valid lower query as the damaged one");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_igmp_pass),
		cmocka_unit_test(test_mld_pass),
		cmocka_unit_test(test_cases_can_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
