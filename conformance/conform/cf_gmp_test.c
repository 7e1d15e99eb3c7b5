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

#include <cmocka.h>

#include "conformance/conform/cf_gmp_int.h"
#include "conformance/conform/cf_testutil.h"

/*
 * Cases failsim fails, reported to the lead with the evidence:
 * mld.rx-report-unspecified: RFC 3810 5.2.13 has routers discard
 * reports from ::, failsim accepts them (gmp_router.c src_ok).
 */
static void test_tables(void **state)
{
	static const struct cft_table igmp = {
		.name = "igmp",
		.min_cases = 20,
		.min_quote = 20,
		.min_title = 10,
		.rfc = { "RFC 3376", "RFC 2236" },
		.sections = "3456789",
	};
	static const struct cft_table mld = {
		.name = "mld",
		.min_cases = 20,
		.min_quote = 20,
		.min_title = 10,
		.rfc = { "RFC 3810", "RFC 2710" },
		.sections = "3456789",
	};

	(void)state;
	cft_check_table(&cf_suite_igmp, &igmp);
	cft_check_table(&cf_suite_mld, &mld);
}

static void test_igmp_pass(void **state)
{
	(void)state;
	cft_suite_passes(&cf_suite_igmp, 1);
	cft_suite_passes(&cf_suite_igmp, 0x9e3779b97f4a7c15ull);
}

static void test_mld_pass(void **state)
{
	(void)state;
	cft_suite_passes(&cf_suite_mld, 1);
	cft_suite_passes(&cf_suite_mld, 0x9e3779b97f4a7c15ull);
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

static void test_cases_can_fail(void **state)
{
	static const struct cf_case neg[] = {
		CFT_NEG("igmp.neg.gmi", neg_gmi,
			"IGMP expiry expected 1 ns late"),
		CFT_NEG("mld.neg.row", neg_row,
			"MLD BLOCK row with a wrong expectation"),
		CFT_NEG("igmp.neg.rx", neg_rx,
			"a valid report as the damaged one"),
		CFT_NEG("mld.neg.query-rx", neg_query_rx,
			"a valid lower query as the damaged one"),
	};

	(void)state;
	cft_cases_fail(neg, sizeof(neg) / sizeof(neg[0]));
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
