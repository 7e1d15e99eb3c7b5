/*
 * The harness of the conformance suites' tests (cmocka): run one case
 * alone into a fresh run, require every case of a suite to pass (their
 * findings printed when not), require cases run with a wrong expectation
 * to fail with a detail (the cases can tell), and check that a suite's
 * table is well formed (ids, RFC, sections, quotes, titles). No RFC is
 * implemented here.
 */
#ifndef CF_TESTUTIL_H
#define CF_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/conform/cf.h"

/* Seeds 1..CF_SEEDS (environment, default 1) for the tests that try
 * more than one. */
uint64_t cft_nseeds(void);

/* Run case k alone with seed into a new run, returned in *out (freed by
 * the caller with ck_ctx_free); the case's result. */
const struct ck_result *cft_run(const struct cf_case *k, uint64_t seed,
				struct ck_ctx **out);
/* Print the findings of r, one a line ("  id: detail"). */
void cft_print_findings(const struct ck_result *r);

/* Whether case k passes with seed (checked once, no failure); the
 * findings are printed when not. */
bool cft_passes(const struct cf_case *k, uint64_t seed);
/* Every case of s passes with seed: the failing ones are printed, then
 * the test fails. */
void cft_suite_passes(const struct cf_suite *s, uint64_t seed);
/* Each of the n cases at k holds a wrong expectation and must fail: run
 * with seed 1, the findings printed (under the case's title), a failure
 * with a detail required. */
void cft_cases_fail(const struct cf_case *k, size_t n);

/* A case with a wrong expectation: body fn, the title saying what is
 * wrong (for cft_cases_fail). */
#define CFT_NEG(rule_id, fn, what)                                             \
	{                                                                      \
		.rule = { .id = (rule_id),                                     \
			  .level = CK_MUST,                                    \
			  .rfc = "-",                                          \
			  .section = "-",                                      \
			  .quote = "-",                                        \
			  .title = (what) },                                   \
		.run = (fn),                                                   \
	}

/* What a suite's table must look like. */
struct cft_table {
	const char *name; /* the suite's name; ids are "<name>.<more>" */
	size_t min_cases;
	size_t min_quote, min_title; /* lengths a quote and title exceed */
	const char *rfc[2];	     /* a case cites one of these */
	const char *sections; /* first characters of a section; NULL: any */
};

/* s is well formed as t says, its ids unique and made of [a-z0-9.-],
 * and a case function is set for every case. */
void cft_check_table(const struct cf_suite *s, const struct cft_table *t);

/*
 * A test program: `table` (the table checks), one cmocka test per case
 * of s, named by its id (each must pass for every seed of cft_nseeds),
 * then `wrong` (the cases that must fail). Returns what main returns.
 */
int cft_main_per_case(const char *name, const struct cf_suite *s,
		      void (*table)(void **), void (*wrong)(void **));

#endif
