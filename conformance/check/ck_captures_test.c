/*
 * `failsim check` over the real captures in ../shared/captures, driven by
 * the manifest conformance/check/captures.list (in the style of tcpdump's
 * TESTLIST): one line per capture with the verdict it must get (pass: no
 * MUST fails; fail: some MUST fails; error: unreadable, exit status 2),
 * the options to check it with, and the exact set of rules that report
 * failures (MUST or SHOULD; notes excluded). Also: every capture of
 * INDEX.tsv is listed, and every capture INDEX.tsv calls deliberately
 * malformed is flagged (fail or error) unless its line says where the
 * malformation is ("#elsewhere: ..."). Skipped when ../shared is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_check.h"
#include "sim/trace/trace_read.h"

#define CAPS	     FAILSIM_SHARED_DIR "/captures"
#define INDEX	     CAPS "/INDEX.tsv"
#define MANIFEST     FAILSIM_SOURCE_DIR "/conformance/check/captures.list"
#define LINE_MAX_LEN 1024
#define MAX_LINES    1024

struct entry {
	char file[256];
	char expect[16];
	char options[128];
	char rules[512];
	char comment[256];
};

static bool have_captures(void)
{
	FILE *f = fopen(INDEX, "r");

	if (!f)
		return false;
	fclose(f);
	return true;
}

/* Parse one manifest line; false for blank and comment-only lines. */
static bool parse_line(char *line, struct entry *e, int lineno)
{
	char *hash = strchr(line, '#');
	int n;

	memset(e, 0, sizeof(*e));
	if (hash) {
		snprintf(e->comment, sizeof(e->comment), "%s", hash);
		*hash = '\0';
	}
	n = sscanf(line, "%255s %15s %127s %511s", e->file, e->expect,
		   e->options, e->rules);
	if (n <= 0)
		return false;
	if (n != 4)
		fail_msg("captures.list:%d: want FILE EXPECT OPTIONS RULES",
			 lineno);
	if (strcmp(e->expect, "pass") && strcmp(e->expect, "fail") &&
	    strcmp(e->expect, "error"))
		fail_msg("captures.list:%d: expect '%s' is not pass, fail or "
			 "error",
			 lineno, e->expect);
	return true;
}

static size_t load_manifest(struct entry *v, size_t max)
{
	FILE *f = fopen(MANIFEST, "r");
	char line[LINE_MAX_LEN];
	size_t n = 0;
	int lineno = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (n < max && parse_line(line, &v[n], lineno))
			n++;
	}
	fclose(f);
	return n;
}

/* The rules with failures, comma-separated and in registration order. */
static void failed_rules(const struct ck_ctx *c, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (r->failed && o < len)
			o += (size_t)snprintf(buf + o, len - o, "%s%s",
					      o ? "," : "", r->rule->id);
	}
	if (!o)
		snprintf(buf, len, "-");
}

/* Whether the comma-separated sets a and b hold the same ids. */
static bool same_set(const char *a, const char *b)
{
	char x[600], y[600];
	size_t na = 0, nb = 0;

	snprintf(x, sizeof(x), ",%s,", a);
	snprintf(y, sizeof(y), ",%s,", b);
	for (const char *p = a; *p; p++)
		na += *p == ',';
	for (const char *p = b; *p; p++)
		nb += *p == ',';
	if (na != nb)
		return false;
	for (char *tok = strtok(x, ","); tok; tok = strtok(NULL, ",")) {
		char key[160];

		snprintf(key, sizeof(key), ",%s,", tok);
		if (!strstr(y, key))
			return false;
	}
	return true;
}

/* Check one capture; returns false (and prints the line it should have)
 * on a mismatch. */
static bool check_entry(const struct entry *e)
{
	char path[512], err[512], got[512], interop[128] = "";
	struct ck_check_opts o = { .path = path, .protos = ck_check_protos };
	struct ck_ctx *c = NULL;
	const char *verdict;
	bool ok;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", CAPS, e->file);
	if (!strncmp(e->options, "interop=", 8)) {
		snprintf(interop, sizeof(interop), "%s", e->options + 8);
		o.interop = interop;
	}
	rc = ck_check_run(&o, &c, err, sizeof(err));
	if (rc == 2) {
		verdict = "error";
		snprintf(got, sizeof(got), "-");
	} else {
		verdict = ck_exit_status(c) ? "fail" : "pass";
		failed_rules(c, got, sizeof(got));
	}
	ok = !strcmp(verdict, e->expect) &&
	     (rc == 2 || same_set(got, e->rules));
	if (!ok)
		printf("MISMATCH %-60s %-5s %-22s %s   (listed: %s %s)%s%s\n",
		       e->file, verdict, e->options, got, e->expect, e->rules,
		       rc == 2 ? " error: " : "", rc == 2 ? err : "");
	ck_ctx_free(c);
	return ok;
}

static void test_manifest_verdicts(void **state)
{
	static struct entry v[MAX_LINES];
	size_t n, bad = 0;

	(void)state;
	if (!have_captures())
		skip();
	n = load_manifest(v, MAX_LINES);
	assert_true(n > 100);
	for (size_t i = 0; i < n; i++)
		bad += !check_entry(&v[i]);
	if (bad)
		fail_msg("%zu of %zu captures do not match captures.list", bad,
			 n);
}

static const struct entry *find(const struct entry *v, size_t n,
				const char *file)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].file, file))
			return &v[i];
	return NULL;
}

static void test_index_is_covered(void **state)
{
	static struct entry v[MAX_LINES];
	FILE *f;
	char line[8192];
	size_t n, missing = 0, unflagged = 0;

	(void)state;
	if (!have_captures())
		skip();
	n = load_manifest(v, MAX_LINES);
	f = fopen(INDEX, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f)); /* header */
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');
		const struct entry *e;
		bool malformed;

		if (!tab)
			continue;
		*tab = '\0';
		malformed = strstr(tab + 1, "DELIBERATELY MALFORMED") ||
			    strstr(tab + 1, "deliberately bad");
		e = find(v, n, line);
		if (!e) {
			printf("not in captures.list: %s\n", line);
			missing++;
		} else if (malformed && !strcmp(e->expect, "pass") &&
			   strncmp(e->comment, "#elsewhere:", 11)) {
			printf("deliberately malformed but passes: %s\n", line);
			unflagged++;
		}
	}
	fclose(f);
	assert_int_equal(missing, 0);
	assert_int_equal(unflagged, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest_verdicts),
		cmocka_unit_test(test_index_is_covered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
