/*
 * Tests of a conformance run (ck_ctx.c): registration, pass/fail counting,
 * kept findings, rule selection, quirks turning failures into notes,
 * counters, facts and the verdict.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/report/ck.h"

static const struct ck_rule rules[] = {
	{ "vrrp.ttl", CK_MUST, "RFC 5798", "5.1.1.3", "q1", "TTL is 255" },
	{ "vrrp.csum", CK_MUST, "RFC 5798", "5.2.8", "q2", "checksum" },
	{ "vrrp.csum.v3-no-pseudo", CK_MUST, "RFC 9568", "7", "q3", "pseudo" },
	{ "bfd.jitter", CK_SHOULD, "RFC 5880", "6.8.7", "q4", "jitter" },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static const char *const offload_rules[] = { "vrrp.csum.v3-no-pseudo", NULL };
static const struct ck_quirk quirks[] = {
	{ "vrrp3-csum-no-pseudo", "checksum without pseudo-header",
	  offload_rules },
};

static struct ck_ctx *new_run(void)
{
	struct ck_ctx *c = ck_ctx_new("test.pcap");
	char err[128];

	assert_non_null(c);
	assert_int_equal(ck_ctx_add_rules(c, rules, NRULES, err, sizeof(err)),
			 0);
	return c;
}

static void test_counts_and_verdict(void **state)
{
	struct ck_ctx *c = new_run();
	const struct ck_result *r;
	uint64_t m, s, n;

	(void)state;
	ck_pass(c, &rules[0]);
	assert_true(ck_expect(c, &rules[0], true, 1, 10, "x"));
	assert_int_equal(ck_exit_status(c), 0);
	assert_false(
		ck_expect(c, &rules[0], false, 7, SIM_MS(1500), "TTL %d", 64));
	ck_fail(c, &rules[3], 0, -1, "late by %d ms", 3);
	r = ck_result(c, "vrrp.ttl");
	assert_non_null(r);
	assert_int_equal(r->checked, 3);
	assert_int_equal(r->failed, 1);
	assert_int_equal(r->nkept, 1);
	assert_int_equal(r->kept[0].frame, 7);
	assert_int_equal(r->kept[0].t, SIM_MS(1500));
	assert_string_equal(r->kept[0].detail, "TTL 64");
	assert_int_equal(r->kept[0].v, CK_FAIL);
	ck_totals(c, &m, &s, &n);
	assert_int_equal(m, 1);
	assert_int_equal(s, 1);
	assert_int_equal(n, 0);
	assert_int_equal(ck_exit_status(c), 1);
	assert_null(ck_result(c, "nope"));
	assert_int_equal(ck_nresults(c), NRULES);
	ck_ctx_free(c);
}

static void test_kept_is_bounded(void **state)
{
	struct ck_ctx *c = new_run();
	const struct ck_result *r;

	(void)state;
	for (int i = 0; i < 100; i++)
		ck_fail(c, &rules[1], (uint64_t)i + 1, -1, "bad %d", i);
	r = ck_result(c, "vrrp.csum");
	assert_int_equal(r->failed, 100);
	assert_int_equal(r->nkept, CK_KEEP_PER_RULE);
	assert_string_equal(r->kept[CK_KEEP_PER_RULE - 1].detail, "bad 19");
	ck_ctx_free(c);
}

static void test_duplicate_and_unknown_rules(void **state)
{
	struct ck_ctx *c = new_run();
	static const struct ck_rule other = { "x.y", CK_MUST, "", "", "", "" };
	char err[128];

	(void)state;
	assert_int_equal(ck_ctx_add_rules(c, rules, 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "vrrp.ttl"));
	/* An unregistered rule is ignored. */
	ck_fail(c, &other, 1, -1, "ignored");
	assert_false(ck_enabled(c, &other));
	assert_int_equal(ck_exit_status(c), 0);
	ck_ctx_free(c);
}

static void check_selection(const char *list, const bool want[NRULES])
{
	struct ck_ctx *c = new_run();
	char err[128];

	assert_int_equal(ck_ctx_select(c, list, err, sizeof(err)), 0);
	for (size_t i = 0; i < NRULES; i++) {
		if (ck_enabled(c, &rules[i]) != want[i])
			fail_msg("--rules %s: %s selected %d", list,
				 rules[i].id, !want[i]);
		assert_int_equal(ck_result_selected(c, ck_result_at(c, i)),
				 want[i]);
	}
	ck_ctx_free(c);
}

static void test_selection(void **state)
{
	(void)state;
	check_selection("vrrp", (const bool[]){ 1, 1, 1, 0 });
	check_selection("vrrp.csum", (const bool[]){ 0, 1, 1, 0 });
	check_selection("!vrrp.csum", (const bool[]){ 1, 0, 0, 1 });
	check_selection("vrrp,!vrrp.csum.v3-no-pseudo",
			(const bool[]){ 1, 1, 0, 0 });
	check_selection("bfd.jitter,vrrp.ttl", (const bool[]){ 1, 0, 0, 1 });
}

static void test_selection_errors(void **state)
{
	struct ck_ctx *c = new_run();
	char err[128];

	(void)state;
	/* "vrrp.cs" is not a prefix at a dot boundary. */
	assert_int_equal(ck_ctx_select(c, "vrrp.cs", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "vrrp.cs"));
	assert_int_equal(ck_ctx_select(c, "vrrp,,bfd", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "empty"));
	ck_ctx_free(c);
}

static void test_unselected_failures_do_not_count(void **state)
{
	struct ck_ctx *c = new_run();
	char err[128];

	(void)state;
	assert_int_equal(ck_ctx_select(c, "bfd", err, sizeof(err)), 0);
	ck_fail(c, &rules[0], 1, -1, "TTL 1");
	assert_int_equal(ck_result(c, "vrrp.ttl")->failed, 0);
	assert_int_equal(ck_exit_status(c), 0);
	ck_ctx_free(c);
}

static void test_quirk_downgrades(void **state)
{
	struct ck_ctx *c = new_run();
	const struct ck_result *r;
	char err[256];
	uint64_t m, n;

	(void)state;
	assert_int_equal(ck_ctx_quirks(c, quirks, 1, "bogus", err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "vrrp3-csum-no-pseudo"));
	assert_int_equal(ck_ctx_quirks(c, quirks, 1, "vrrp3-csum-no-pseudo",
				       err, sizeof(err)),
			 0);
	assert_string_equal(ck_ctx_quirk_list(c), "vrrp3-csum-no-pseudo");
	ck_fail(c, &rules[2], 4, -1, "checksum without pseudo-header");
	ck_fail(c, &rules[1], 5, -1, "checksum wrong either way");
	r = ck_result(c, "vrrp.csum.v3-no-pseudo");
	assert_int_equal(r->failed, 0);
	assert_int_equal(r->noted, 1);
	assert_int_equal(r->kept[0].v, CK_NOTE);
	assert_string_equal(r->kept[0].quirk, "vrrp3-csum-no-pseudo");
	ck_totals(c, &m, NULL, &n);
	assert_int_equal(m, 1); /* vrrp.csum is not downgraded */
	assert_int_equal(n, 1);
	ck_ctx_free(c);
}

static void test_counts_and_facts(void **state)
{
	struct ck_ctx *c = new_run();
	const char *k, *v;
	uint64_t n;

	(void)state;
	ck_count(c, "frames", 3);
	ck_count(c, "vrrp", 1);
	ck_count(c, "frames", 2);
	assert_int_equal(ck_ncounts(c), 2);
	ck_count_at(c, 0, &k, &n);
	assert_string_equal(k, "frames");
	assert_int_equal(n, 5);
	ck_fact(c, "link type", "%s", "Ethernet");
	ck_fact(c, "frames", "%d", 5);
	ck_fact(c, "link type", "%s", "Linux cooked");
	assert_int_equal(ck_nfacts(c), 2);
	ck_fact_at(c, 0, &k, &v);
	assert_string_equal(k, "link type");
	assert_string_equal(v, "Linux cooked");
	assert_string_equal(ck_ctx_name(c), "test.pcap");
	assert_string_equal(ck_level_name(CK_SHOULD), "SHOULD");
	ck_ctx_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_and_verdict),
		cmocka_unit_test(test_kept_is_bounded),
		cmocka_unit_test(test_duplicate_and_unknown_rules),
		cmocka_unit_test(test_selection),
		cmocka_unit_test(test_selection_errors),
		cmocka_unit_test(test_unselected_failures_do_not_count),
		cmocka_unit_test(test_quirk_downgrades),
		cmocka_unit_test(test_counts_and_facts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
