/*
 * The conformance case runner (cf.h): each case runs in its own context,
 * its failed expectations become findings of the case's rule in the run
 * (the first CK_KEEP_PER_RULE kept), and a case with none passes. Suites
 * are chosen by name. No RFC is implemented here; the cases cite theirs.
 */
#include "conformance/conform/cf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct cf_ctx {
	struct ck_ctx *run;
	const struct cf_case *k;
	uint64_t seed;
	unsigned failures;
};

bool cf_check(struct cf_ctx *c, bool cond, const char *fmt, ...)
{
	char detail[CK_DETAIL_MAX];
	va_list ap;

	if (cond)
		return true;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	c->failures++;
	ck_fail(c->run, &c->k->rule, 0, -1, "%s", detail);
	return false;
}

uint64_t cf_seed(const struct cf_ctx *c)
{
	return c->seed;
}

unsigned cf_failures(const struct cf_ctx *c)
{
	return c->failures;
}

static void run_one(struct ck_ctx *run, const struct cf_case *k, uint64_t seed)
{
	struct cf_ctx c = { .run = run, .k = k, .seed = seed };

	if (!ck_enabled(run, &k->rule))
		return;
	k->run(&c);
	if (!c.failures)
		ck_pass(run, &k->rule);
}

void cf_run_case(struct ck_ctx *c, const struct cf_case *k, uint64_t seed)
{
	char err[160];

	if (!ck_result(c, k->rule.id) &&
	    ck_ctx_add_rules(c, &k->rule, 1, err, sizeof(err)) != 0) {
		fprintf(stderr, "conform: %s\n", err);
		return;
	}
	run_one(c, k, seed);
}

static const struct cf_suite *suite_find(const struct cf_suite *const *s,
					 const char *name, size_t len)
{
	for (; *s; s++)
		if (strlen((*s)->name) == len &&
		    !strncmp((*s)->name, name, len))
			return *s;
	return NULL;
}

/* Mark the suites of list in want[] (indexed like suites). */
static int suites_pick(const struct cf_suite *const *suites, const char *list,
		       bool *want, char *err, size_t errlen)
{
	size_t n = 0;

	while (suites[n])
		n++;
	if (!list || !strcmp(list, "all")) {
		for (size_t i = 0; i < n; i++)
			want[i] = true;
		return 0;
	}
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const struct cf_suite *s = suite_find(suites, p, len);

		if (!s) {
			size_t o = (size_t)snprintf(
				err, errlen,
				"unknown suite \"%.*s\" (known:", (int)len, p);
			for (size_t i = 0; i < n && o < errlen; i++)
				o += (size_t)snprintf(err + o, errlen - o,
						      " %s", suites[i]->name);
			if (o < errlen)
				snprintf(err + o, errlen - o, ", all)");
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			want[i] = want[i] || suites[i] == s;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

int cf_run(struct ck_ctx *c, const struct cf_suite *const *suites,
	   const char *list, uint64_t seed, char *err, size_t errlen)
{
	bool want[64] = { false };
	size_t n = 0;

	while (suites[n])
		n++;
	if (n > 64) {
		snprintf(err, errlen, "too many suites");
		return -1;
	}
	if (suites_pick(suites, list, want, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!want[i])
			continue;
		for (size_t j = 0; j < suites[i]->ncases; j++) {
			const struct ck_rule *r = &suites[i]->cases[j].rule;

			if (ck_ctx_add_rules(c, r, 1, err, errlen) != 0)
				return -1;
		}
		ck_count(c, suites[i]->name, suites[i]->ncases);
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; want[i] && j < suites[i]->ncases; j++)
			run_one(c, &suites[i]->cases[j], seed);
	return 0;
}
