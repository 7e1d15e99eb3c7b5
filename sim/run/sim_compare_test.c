/*
 * Tests of `failsim compare` (sim_compare.[ch]): two variants of the
 * hand-derivable scenarios/regress/failover-exact.yaml (the second detects
 * the cut ten times later) compared end to end (both run folders hold
 * what `failsim run` writes, compare.txt holds the outage of each and
 * their difference, which is exactly the extra detection time), the same
 * comparison twice gives the same bytes, scenarios whose faults differ
 * (time, label, count) or whose names clash are refused with file:line
 * before anything runs, faults that only one run reaches are refused
 * after, and the command line is parsed with clear errors.
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

#include "sim/core/sim_file.h"
#include "sim/measure/meas_plot.h"
#include "sim/run/sim_compare.h"

#define OUT	   FAILSIM_BINARY_DIR "/test-out/sim_compare"
#define EXACT_YAML FAILSIM_SOURCE_DIR "/scenarios/regress/failover-exact.yaml"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	FILE *m;
	int c;

	if (f == NULL)
		return NULL;
	m = open_memstream(&buf, &len);
	assert_non_null(m);
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(f);
	fclose(m);
	return buf;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* text with every `from` replaced by `to` (from must occur). */
static char *replace(const char *text, const char *from, const char *to)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	const char *p = text, *q;
	bool found = false;

	assert_non_null(m);
	while ((q = strstr(p, from)) != NULL) {
		fwrite(p, 1, (size_t)(q - p), m);
		fputs(to, m);
		p = q + strlen(from);
		found = true;
	}
	fputs(p, m);
	fclose(m);
	if (!found)
		fail_msg("'%s' not in the scenario", from);
	return buf;
}

/*
 * failover-exact.yaml edited by pairs of (from, to), loaded under file
 * name `file`.
 */
static struct scn_spec *variant(const char *file, const char *const *edits)
{
	char *text = slurp(EXACT_YAML), *next, err[1024];
	struct scn_spec *spec;

	assert_non_null(text);
	for (size_t i = 0; edits != NULL && edits[i] != NULL; i += 2) {
		next = replace(text, edits[i], edits[i + 1]);
		free(text);
		text = next;
	}
	if (scn_load_string(text, file, &spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	free(text);
	return spec;
}

static const char *const slow_edits[] = {
	"name: failover-exact",
	"name: failover-slow",
	"link_detect: 5ms",
	"link_detect: 50ms",
	NULL,
};

/* A fresh empty folder OUT/name (files of an earlier run removed). */
static void fresh_dir(const char *name, char *buf, size_t len)
{
	char err[256];

	snprintf(buf, len, "%s/%s", OUT, name);
	assert_int_equal(sim_mkdir_p(buf, err, sizeof(err)), 0);
	for (int i = 0; i < 2; i++) {
		static const char *const names[] = { "compare.txt",
						     "compare.json" };
		char p[1024];

		snprintf(p, sizeof(p), "%s/%s", buf, names[i]);
		unlink(p);
	}
}

static void assert_same_file(const char *a, const char *b)
{
	char *x = slurp(a), *y = slurp(b);

	if (x == NULL || y == NULL)
		fail_msg("cannot read %s or %s", a, b);
	if (strcmp(x, y) != 0)
		fail_msg("%s and %s differ", a, b);
	free(x);
	free(y);
}

/*
 * The slow variant loses the multicast and unicast packets of 45 more ms
 * (link_detect 50 ms instead of 5 ms), everything else being equal: the
 * differences are exactly +45 ms, detection included.
 */
static void test_compare_two(void **state)
{
	struct scn_spec *a = variant("failover-exact.yaml", NULL);
	struct scn_spec *b = variant("failover-slow.yaml", slow_edits);
	struct sim_opts o = { .quiet = true };
	char dir[512], err[1024], *t, *printed = NULL;
	size_t plen = 0;
	FILE *pf;

	(void)state;
	fresh_dir("two", dir, sizeof(dir));
	pf = open_memstream(&printed, &plen);
	o.quiet = false;
	if (sim_compare_run(a, b, dir, &o, pf, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	fclose(pf);
	t = slurp(OUT "/two/compare.txt");
	assert_non_null(t);
	/* printed = compare.txt, after a note when gnuplot is missing */
	assert_non_null(strstr(printed, t));
	assert_non_null(strstr(
		t, "failsim compare report\n"
		   "A: failover-exact  seed 7  duration 5.000000000 s  (run in "
		   "failover-exact/)\n"
		   "B: failover-slow  seed 7  duration 5.000000000 s  (run in "
		   "failover-slow/)\n"
		   "gap threshold: 3 packet intervals\n"
		   "faults: 2, matched by index, time and label\n"));
	assert_non_null(strstr(
		t,
		"\nfault 0 at 2.000000000 s: link-down primary\n"
		"  run  kind       affected  unrecovered  TD min  TD median  "
		"TD "
		"p99   TD max  LD median   LD max  lost  dups\n"
		"  A    multicast       1/1            0   6.000      6.000   "
		"6.000    6.000      6.000    6.000     6     0\n"
		"  B    multicast       1/1            0  51.000     51.000  "
		"51.000   51.000     51.000   51.000    51     0\n"
		"  B-A  multicast                                   +45.000    "
		"      +45.000    +45.000  +45.000   +45     0\n"
		"  A    unicast         1/1            0   5.000      5.000   "
		"5.000    5.000      5.000    5.000     5     0\n"
		"  B    unicast         1/1            0  50.000     50.000  "
		"50.000   50.000     50.000   50.000    50     0\n"
		"  B-A  unicast                                     +45.000    "
		"      +45.000    +45.000  +45.000   +45     0\n"
		"  anatomy (ms)\n"));
	assert_non_null(strstr(
		t, "  run  detection  transition  membership   join  protocol  "
		   "programming  delivery\n"
		   "  A        5.000       0.000       0.000  0.000     0.000  "
		   "      0.150     0.881\n"
		   "  B       50.000       0.000       0.000  0.000     0.000  "
		   "      0.150     0.881\n"
		   "  B-A    +45.000       0.000       0.000  0.000     0.000  "
		   "      0.000     0.000\n"
		   "  anatomy marks\n"));
	assert_non_null(strstr(t, "  detect      R2 iface oper-down "
				  "GigabitEthernet0/2/0   R2 iface oper-down "
				  "GigabitEthernet0/2/0\n"));
	free(t);
	free(printed);
	/* Each run folder holds what `failsim run` writes. */
	assert_true(exists(OUT "/two/failover-exact/report.txt"));
	assert_true(exists(OUT "/two/failover-exact/report.json"));
	assert_true(exists(OUT "/two/failover-exact/events.jsonl"));
	assert_true(exists(OUT "/two/failover-exact/backup.pcap"));
	assert_true(exists(OUT "/two/failover-slow/report.txt"));
	assert_same_file(OUT "/two/failover-exact/report.txt",
			 FAILSIM_SOURCE_DIR
			 "/traces/failover-exact/report.txt");
	assert_true(exists(OUT "/two/compare.json"));
	assert_true(exists(OUT "/two/compare-outage.gp"));
	assert_true(exists(OUT "/two/compare-groups.dat"));
	if (meas_plot_have_gnuplot(NULL)) {
		assert_true(exists(OUT "/two/compare-outage.png"));
		assert_true(exists(OUT "/two/compare-groups.png"));
		assert_true(exists(OUT "/two/failover-slow/timeline.png"));
	}
	scn_spec_free(a);
	scn_spec_free(b);
}

/* The same comparison twice: byte-identical outputs. */
static void test_deterministic(void **state)
{
	static const char *const files[] = {
		"compare.txt",
		"compare.json",
		"failover-exact/report.json",
		"failover-slow/events.jsonl",
	};
	struct sim_opts o = { .quiet = true, .no_plots = true };
	char dir[2][512], err[1024], pa[600], pb[600];

	(void)state;
	for (int k = 0; k < 2; k++) {
		struct scn_spec *a = variant("failover-exact.yaml", NULL);
		struct scn_spec *b = variant("failover-slow.yaml", slow_edits);

		fresh_dir(k ? "det-b" : "det-a", dir[k], sizeof(dir[k]));
		if (sim_compare_run(a, b, dir[k], &o, NULL, err, sizeof(err)))
			fail_msg("%s", err);
		scn_spec_free(a);
		scn_spec_free(b);
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(pa, sizeof(pa), "%s/%s", dir[0], files[i]);
		snprintf(pb, sizeof(pb), "%s/%s", dir[1], files[i]);
		assert_same_file(pa, pb);
	}
	assert_false(exists(OUT "/det-a/compare-outage.gp"));
}

/* Scenarios that cannot be compared: refused before anything runs. */
static void test_refused(void **state)
{
	static const char *const late[] = {
		"name: failover-exact",
		"name: late",
		"{ at: 4s, link-up: primary }",
		"{ at: 4.5s, link-up: primary }",
		NULL,
	};
	static const char *const named[] = {
		"name: failover-exact",
		"name: named",
		"{ at: 4s, link-up: primary }",
		"{ at: 4s, link-up: primary, name: repair }",
		NULL,
	};
	static const char *const extra[] = {
		"name: failover-exact",
		"name: extra",
		"  - { at: 4s, link-up: primary }\n",
		"  - { at: 4s, link-up: primary }\n"
		"  - { at: 4.2s, link-down: backup }\n",
		NULL,
	};
	static const char *const fewer[] = {
		"name: failover-exact",
		"name: fewer",
		"  - { at: 4s, link-up: primary }\n",
		"",
		NULL,
	};
	static const char *const dot[] = {
		"name: failover-exact",
		"name: compare.txt",
		NULL,
	};
	const struct {
		const char *name, *file;
		const char *const *edits;
		const char *err;
	} cases[] = {
		{ "time", "late.yaml", late,
		  "late.yaml:90:5: faults[1] ('link-up primary' at "
		  "4.500000000 s) does not match faults[1] of "
		  "failover-exact.yaml:90 ('link-up primary' at 4.000000000 "
		  "s): compare needs the same faults at the same times" },
		{ "label", "named.yaml", named,
		  "named.yaml:90:5: faults[1] ('repair' at 4.000000000 s) does "
		  "not match faults[1] of failover-exact.yaml:90 ('link-up "
		  "primary' at 4.000000000 s): compare needs the same faults "
		  "at the same times" },
		{ "B has more", "extra.yaml", extra,
		  "extra.yaml:91:5: faults[2] ('link-down backup' at "
		  "4.200000000 s) has no match in failover-exact.yaml (2 "
		  "faults): compare needs the same faults at the same times" },
		{ "A has more", "fewer.yaml", fewer,
		  "failover-exact.yaml:90:5: faults[1] ('link-up primary' at "
		  "4.000000000 s) has no match in fewer.yaml (1 faults): "
		  "compare needs the same faults at the same times" },
		{ "same name", "same.yaml", NULL,
		  "same.yaml: both scenarios are named 'failover-exact' "
		  "(failover-exact.yaml too): their run folders would be the "
		  "same; give one another name:" },
		{ "reserved name", "dot.yaml", dot,
		  "dot.yaml: name 'compare.txt' cannot name a run folder "
		  "beside the compare files" },
	};
	char dir[512], err[1024];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* A is the plain scenario, B the variant. */
		struct scn_spec *a = variant("failover-exact.yaml", NULL);
		struct scn_spec *b = variant(cases[i].file, cases[i].edits);

		print_message("case %s\n", cases[i].name);
		snprintf(dir, sizeof(dir), OUT "/refused-%zu", i);
		assert_int_equal(sim_compare_check(a, b, err, sizeof(err)), -1);
		assert_string_equal(err, cases[i].err);
		err[0] = '\0';
		assert_int_equal(sim_compare_run(a, b, dir, NULL, NULL, err,
						 sizeof(err)),
				 -1);
		assert_string_equal(err, cases[i].err);
		assert_false(exists(dir));
		scn_spec_free(a);
		scn_spec_free(b);
	}
}

/*
 * The same faults, but B's run ends before the second: the measurements
 * differ, and the comparison is refused after the runs (which wrote their
 * folders) without writing compare.txt.
 */
static void test_fault_after_end(void **state)
{
	static const char *const short_edits[] = {
		"name: failover-exact", "name: short", "duration: 5s",
		"duration: 3s",		NULL,
	};
	struct scn_spec *a = variant("failover-exact.yaml", NULL);
	struct scn_spec *b = variant("short.yaml", short_edits);
	struct sim_opts o = { .quiet = true, .no_plots = true };
	char dir[512], err[1024];

	(void)state;
	fresh_dir("after-end", dir, sizeof(dir));
	assert_int_equal(sim_compare_check(a, b, err, sizeof(err)), 0);
	assert_int_equal(sim_compare_run(a, b, dir, &o, NULL, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "compare: A (failover-exact) has 2 faults, B "
				 "(short) has 1: fault 1 ('link-up primary' at "
				 "4.000000000 s) has no match in B");
	assert_true(exists(OUT "/after-end/short/report.txt"));
	assert_false(exists(OUT "/after-end/compare.txt"));
	scn_spec_free(a);
	scn_spec_free(b);
}

/* A run that fails (a bad router command) fails the comparison. */
static void test_run_fails(void **state)
{
	static const char *const bad[] = {
		"name: failover-exact",
		"name: bad",
		"sysname R2",
		"sysname R2\n      bogus-command",
		NULL,
	};
	struct scn_spec *a = variant("failover-exact.yaml", NULL);
	struct scn_spec *b = variant("bad.yaml", bad);
	struct sim_opts o = { .quiet = true, .no_plots = true };
	char dir[512], err[1024];

	(void)state;
	fresh_dir("fails", dir, sizeof(dir));
	assert_int_equal(sim_compare_run(a, b, dir, &o, NULL, err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "bad.yaml:"));
	assert_false(exists(OUT "/fails/compare.txt"));
	scn_spec_free(a);
	scn_spec_free(b);
}

static void test_parse(void **state)
{
	const struct {
		const char *args; /* space-separated */
		const char *err;  /* NULL: accepted */
	} cases[] = {
		{ "",
		  "compare: missing both scenarios (compare A.yaml B.yaml)" },
		{ "a.yaml", "compare: missing the second scenario (compare "
			    "A.yaml B.yaml)" },
		{ "a.yaml b.yaml c.yaml",
		  "compare: unexpected 'c.yaml' (two scenarios only)" },
		{ "a.yaml b.yaml --frob", "compare: unknown option '--frob'" },
		{ "a.yaml b.yaml -o", "compare: -o needs a value" },
		{ "a.yaml b.yaml --seed", "compare: --seed needs a value" },
		{ "a.yaml b.yaml --seed -3",
		  "compare: --seed needs an unsigned integer, got '-3'" },
		{ "a.yaml b.yaml --seed 12x",
		  "compare: --seed needs an unsigned integer, got '12x'" },
		{ "a.yaml b.yaml --duration 0s",
		  "compare: --duration needs a time such as 10s or 500ms, got "
		  "'0s'" },
		{ "a.yaml b.yaml --duration soon",
		  "compare: --duration needs a time such as 10s or 500ms, got "
		  "'soon'" },
		{ "a.yaml b.yaml", NULL },
		{ "-q --seed 0x10 a.yaml -o out/x b.yaml --duration 2s", NULL },
	};
	struct sim_compare_args ca;
	char err[256], buf[256], *argv[16];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int argc = 0;

		snprintf(buf, sizeof(buf), "%s", cases[i].args);
		for (char *s = strtok(buf, " "); s; s = strtok(NULL, " "))
			argv[argc++] = s;
		err[0] = '\0';
		print_message("case '%s'\n", cases[i].args);
		if (cases[i].err) {
			assert_int_equal(sim_compare_parse(argc, argv, &ca, err,
							   sizeof(err)),
					 -1);
			assert_string_equal(err, cases[i].err);
		} else {
			assert_int_equal(sim_compare_parse(argc, argv, &ca, err,
							   sizeof(err)),
					 0);
		}
	}
	/* The last case (argv still in buf): every option taken. */
	assert_string_equal(ca.a, "a.yaml");
	assert_string_equal(ca.b, "b.yaml");
	assert_string_equal(ca.outdir, "out/x");
	assert_true(ca.opts.quiet);
	assert_true(ca.opts.seed_set);
	assert_int_equal(ca.opts.seed, 16);
	assert_true(ca.opts.duration_set);
	assert_int_equal(ca.opts.duration, SIM_S(2));
	assert_null(ca.opts.modules);
}

static void test_outdir(void **state)
{
	struct scn_spec *a = variant("failover-exact.yaml", NULL);
	struct scn_spec *b = variant("failover-slow.yaml", slow_edits);
	char buf[128];

	(void)state;
	sim_compare_outdir(a, b, buf, sizeof(buf));
	assert_string_equal(buf, "out/failover-exact-vs-failover-slow");
	scn_spec_free(a);
	scn_spec_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare_two),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_fault_after_end),
		cmocka_unit_test(test_run_fails),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_outdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
