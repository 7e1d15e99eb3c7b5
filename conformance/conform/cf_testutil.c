/*
 * The conformance suites' test harness (cf_testutil.h): cases run one at
 * a time into a fresh run through cf_run_case, their findings printed,
 * and the suite tables checked field by field. No RFC is implemented
 * here.
 */
#include "conformance/conform/cf_testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

uint64_t cft_nseeds(void)
{
	const char *s = getenv("CF_SEEDS");
	long long n = s ? atoll(s) : 1;

	return n > 0 ? (uint64_t)n : 1;
}

const struct ck_result *cft_run(const struct cf_case *k, uint64_t seed,
				struct ck_ctx **out)
{
	struct ck_ctx *c = ck_ctx_new("cf test");
	const struct ck_result *r;

	assert_non_null(c);
	cf_run_case(c, k, seed);
	r = ck_result(c, k->rule.id);
	if (!r)
		ck_ctx_free(c);
	assert_non_null(r);
	*out = c;
	return r;
}

void cft_print_findings(const struct ck_result *r)
{
	for (size_t i = 0; i < r->nkept; i++)
		printf("  %s: %s\n", r->rule->id, r->kept[i].detail);
}

bool cft_passes(const struct cf_case *k, uint64_t seed)
{
	struct ck_ctx *c;
	const struct ck_result *r = cft_run(k, seed, &c);
	bool ok = r->checked == 1 && r->failed == 0;

	if (!ok) {
		printf("FAILED %s (seed %llu):\n", r->rule->id,
		       (unsigned long long)seed);
		cft_print_findings(r);
	}
	ck_ctx_free(c);
	return ok;
}

void cft_suite_passes(const struct cf_suite *s, uint64_t seed)
{
	size_t bad = 0;

	for (size_t i = 0; i < s->ncases; i++)
		bad += !cft_passes(&s->cases[i], seed);
	if (bad)
		fail_msg("%zu of the %zu cases of %s failed (seed %llu)", bad,
			 s->ncases, s->name, (unsigned long long)seed);
}

void cft_cases_fail(const struct cf_case *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ck_ctx *c;
		const struct ck_result *r = cft_run(&k[i], 1, &c);
		bool failed = r->failed >= 1 && r->nkept >= 1 &&
			      strlen(r->kept[0].detail) > 20;

		printf("%s (%s):\n", k[i].rule.id, k[i].rule.title);
		cft_print_findings(r);
		ck_ctx_free(c);
		if (!failed)
			fail_msg("%s passed with a wrong expectation (%s)",
				 k[i].rule.id, k[i].rule.title);
	}
}

/* An id of [a-z0-9.-] starting "<name>.". */
static bool id_ok(const char *id, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(id, name, n) != 0 || id[n] != '.')
		return false;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '-'))
			return false;
	return true;
}

void cft_check_table(const struct cf_suite *s, const struct cft_table *t)
{
	struct ck_ctx *c = ck_ctx_new("table");
	char err[160];

	assert_non_null(c);
	assert_string_equal(s->name, t->name);
	assert_true(s->ncases >= t->min_cases);
	for (size_t i = 0; i < s->ncases; i++) {
		const struct ck_rule *r = &s->cases[i].rule;

		assert_non_null(s->cases[i].run);
		if (!id_ok(r->id, t->name))
			fail_msg("bad id \"%s\"", r->id);
		assert_true(!strcmp(r->rfc, t->rfc[0]) ||
			    (t->rfc[1] && !strcmp(r->rfc, t->rfc[1])));
		assert_true(r->section[0] != '\0');
		if (t->sections && !strchr(t->sections, r->section[0]))
			fail_msg("%s: section \"%s\"", r->id, r->section);
		assert_true(strlen(r->quote) > t->min_quote);
		assert_true(strlen(r->title) > t->min_title);
		/* refuses an id registered twice */
		if (ck_ctx_add_rules(c, r, 1, err, sizeof(err)) != 0)
			fail_msg("%s", err);
	}
	ck_ctx_free(c);
}

/* One case: it passes for every seed. */
static void test_case(void **state)
{
	const struct cf_case *k = *state;

	for (uint64_t seed = 1; seed <= cft_nseeds(); seed++)
		assert_true(cft_passes(k, seed));
}

int cft_main_per_case(const char *name, const struct cf_suite *s,
		      void (*table)(void **), void (*wrong)(void **))
{
	struct CMUnitTest *tests = calloc(s->ncases + 2, sizeof(*tests));
	size_t n = 0;
	int rc;

	if (!tests) {
		fprintf(stderr, "%s: out of memory\n", name);
		return 1;
	}
	tests[n] = (struct CMUnitTest)cmocka_unit_test(table);
	tests[n++].name = "test_table";
	for (size_t i = 0; i < s->ncases; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_case, (void *)&s->cases[i]);
		tests[n++].name = s->cases[i].rule.id;
	}
	tests[n] = (struct CMUnitTest)cmocka_unit_test(wrong);
	tests[n++].name = "test_wrong";
	rc = _cmocka_run_group_tests(name, tests, n, NULL, NULL);
	free(tests);
	return rc;
}
