/*
 * Output tests: every scenario under scenarios/ runs, and every pcap it
 * writes decodes in tshark with zero malformed frames and zero bad
 * checksums; the same scenario and seed give byte-identical outputs; a run
 * that fails leaves no partial file and does not clobber earlier outputs.
 */
#include <dirent.h>
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "sim/run/sim_world.h"
#include "sim/trace/trace_tshark.h"

#define OUT FAILSIM_BINARY_DIR "/test-out/sim_output"

static void run_to(const char *scenario, const char *dir, uint64_t seed)
{
	struct sim_opts o = { .quiet = true, .no_plots = true };
	struct scn_spec *spec;
	char err[1024];

	if (seed) {
		o.seed = seed;
		o.seed_set = true;
	}
	if (scn_load_file(scenario, &spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	if (sim_run_scenario(spec, dir, &o, NULL, err, sizeof(err)) != 0)
		fail_msg("%s: %s", scenario, err);
	scn_spec_free(spec);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void assert_same_file(const char *a, const char *b)
{
	size_t la, lb;
	char *x = slurp(a, &la), *y = slurp(b, &lb);

	if (!x || !y)
		fail_msg("cannot read %s or %s", a, b);
	if (la != lb || memcmp(x, y, la) != 0)
		fail_msg("%s and %s differ", a, b);
	free(x);
	free(y);
}

static void test_deterministic(void **state)
{
	static const char *const files[] = { "report.txt", "report.json",
					     "events.jsonl", "primary.pcap",
					     "lan2.pcap" };
	char a[600], b[600];

	(void)state;
	run_to(FAILSIM_SOURCE_DIR "/scenarios/flagship.yaml", OUT "/det-a", 0);
	run_to(FAILSIM_SOURCE_DIR "/scenarios/flagship.yaml", OUT "/det-b", 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(a, sizeof(a), OUT "/det-a/%s", files[i]);
		snprintf(b, sizeof(b), OUT "/det-b/%s", files[i]);
		assert_same_file(a, b);
	}
}

/* A different seed is used and reported. */
static void test_seed_reported(void **state)
{
	size_t n;
	char *txt;

	(void)state;
	run_to(FAILSIM_SOURCE_DIR "/scenarios/flagship.yaml", OUT "/seed",
	       4242);
	txt = slurp(OUT "/seed/report.json", &n);
	assert_non_null(txt);
	txt[n] = 0;
	assert_non_null(strstr(txt, "4242"));
	free(txt);
}

static void check_pcaps(const char *dir)
{
	char pat[720];
	glob_t g;

	snprintf(pat, sizeof(pat), "%s/*.pcap", dir);
	if (glob(pat, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct trace_tshark_result res;
		char err[512];
		enum trace_tshark_rc rc;

		rc = trace_tshark_check(g.gl_pathv[i], &res, err, sizeof(err));
		if (rc == TRACE_TSHARK_UNAVAILABLE) {
			globfree(&g);
			skip();
		}
		if (rc != TRACE_TSHARK_OK)
			fail_msg("%s: %s", g.gl_pathv[i], err);
		if (res.frames == 0 || res.malformed.count ||
		    res.bad_checksum.count || res.errors.count)
			fail_msg("%s: %u frames, %u malformed (first %u), %u "
				 "bad checksums (first %u), %u errors",
				 g.gl_pathv[i], res.frames, res.malformed.count,
				 res.malformed.first[0], res.bad_checksum.count,
				 res.bad_checksum.first[0], res.errors.count);
	}
	globfree(&g);
}

static void test_tshark_every_scenario(void **state)
{
	static const char *const pats[] = {
		FAILSIM_SOURCE_DIR "/scenarios/*.yaml",
		FAILSIM_SOURCE_DIR "/scenarios/*/*.yaml",
	};
	int n = 0;

	(void)state;
	for (size_t p = 0; p < 2; p++) {
		glob_t g;

		if (glob(pats[p], 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			char dir[700];

			snprintf(dir, sizeof(dir), OUT "/all-%d", n++);
			run_to(g.gl_pathv[i], dir, 0);
			check_pcaps(dir);
		}
		globfree(&g);
	}
	assert_true(n >= 2);
}

/* A run that fails at load time leaves earlier outputs as they were and
 * no temporary files. */
static void test_failed_run_keeps_outputs(void **state)
{
	static const char bad[] =
		"name: x\nduration: 1s\nnodes:\n"
		"  - name: R1\n    kind: router\n    config: |\n"
		"      system-view\n      bogus\n";
	struct sim_opts o = { .quiet = true, .no_plots = true };
	struct scn_spec *spec;
	char err[1024];
	size_t before, after;
	char *x, *y;
	DIR *d;
	struct dirent *de;

	(void)state;
	run_to(FAILSIM_SOURCE_DIR "/scenarios/regress/failover-exact.yaml",
	       OUT "/keep", 0);
	x = slurp(OUT "/keep/events.jsonl", &before);
	assert_non_null(x);
	assert_int_equal(
		scn_load_string(bad, "x.yaml", &spec, err, sizeof(err)), 0);
	assert_int_not_equal(
		sim_run_scenario(spec, OUT "/keep", &o, NULL, err, sizeof(err)),
		0);
	assert_non_null(strstr(err, "x.yaml:8:"));
	scn_spec_free(spec);
	y = slurp(OUT "/keep/events.jsonl", &after);
	assert_non_null(y);
	assert_int_equal(before, after);
	assert_memory_equal(x, y, before);
	free(x);
	free(y);
	d = opendir(OUT "/keep");
	assert_non_null(d);
	while ((de = readdir(d)))
		assert_null(strstr(de->d_name, ".tmp"));
	closedir(d);
}

/* Golden reports in traces/ (see traces/README.md). */
static void test_golden_reports(void **state)
{
	(void)state;
	run_to(FAILSIM_SOURCE_DIR "/scenarios/regress/failover-exact.yaml",
	       OUT "/golden", 0);
	assert_same_file(OUT "/golden/report.txt", FAILSIM_SOURCE_DIR
			 "/traces/failover-exact/report.txt");
	assert_same_file(OUT "/golden/report.json", FAILSIM_SOURCE_DIR
			 "/traces/failover-exact/report.json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_seed_reported),
		cmocka_unit_test(test_tshark_every_scenario),
		cmocka_unit_test(test_failed_run_keeps_outputs),
		cmocka_unit_test(test_golden_reports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
