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

#include <cmocka.h>

#include "conformance/conform/cf_bfd_int.h"
#include "conformance/conform/cf_testutil.h"

static void test_table(void **state)
{
	static const struct cft_table t = {
		.name = "bfd",
		.min_cases = 30,
		.min_quote = 20,
		.min_title = 10,
		.rfc = { "RFC 5880", "RFC 5881" },
		.sections = "456",
	};

	(void)state;
	cft_check_table(&cf_suite_bfd, &t);
}

static void test_cases_pass(void **state)
{
	(void)state;
	cft_suite_passes(&cf_suite_bfd, 1);
}

/* Jitter and start-up randomness come from the seed: more of them. */
static void test_cases_pass_other_seeds(void **state)
{
	(void)state;
	for (uint64_t seed = 2; seed <= 6; seed++)
		cft_suite_passes(&cf_suite_bfd, seed * 0x9e3779b97f4a7c15ull);
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

static void test_cases_can_fail(void **state)
{
	static const struct cf_case neg[] = {
		CFT_NEG("bfd.neg.detect", neg_detect,
			"Detection Time expected 1 ns late"),
		CFT_NEG("bfd.neg.discard", neg_discard,
			"valid packets as the damaged ones"),
		CFT_NEG("bfd.neg.txival", neg_txival,
			"wrong transmit interval expected"),
		CFT_NEG("bfd.neg.auth", neg_auth,
			"authentic packets as the damaged ones"),
	};

	(void)state;
	cft_cases_fail(neg, sizeof(neg) / sizeof(neg[0]));
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
