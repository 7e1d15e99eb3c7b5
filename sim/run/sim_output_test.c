/*
 * Output tests: the same scenario and seed give byte-identical outputs; a
 * run that fails leaves no partial file and does not clobber earlier
 * outputs; golden reports in traces/ still match. (Every scenario's pcaps
 * are checked with tshark in tools/scenarios_test.c, with all protocols.)
 */
#include <dirent.h>
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
	run_to(FAILSIM_SOURCE_DIR "/scenarios/routed-failover.yaml",
	       OUT "/det-a", 0);
	run_to(FAILSIM_SOURCE_DIR "/scenarios/routed-failover.yaml",
	       OUT "/det-b", 0);
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
	run_to(FAILSIM_SOURCE_DIR "/scenarios/routed-failover.yaml",
	       OUT "/seed", 4242);
	txt = slurp(OUT "/seed/report.json", &n);
	assert_non_null(txt);
	txt[n] = 0;
	assert_non_null(strstr(txt, "4242"));
	free(txt);
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
		cmocka_unit_test(test_failed_run_keeps_outputs),
		cmocka_unit_test(test_golden_reports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
