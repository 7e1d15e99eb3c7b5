/*
 * Golden check reports of failsim's own traces (traces/README.md): each
 * scenario below is run (same seed, so byte-identical pcaps), every pcap
 * it writes is checked with every rule module, and the text report must
 * equal traces/<scenario>/check-<capture>.txt (verbose: every rule with
 * its counts) byte for byte. failsim's own
 * traces must also be clean: no MUST and no SHOULD fails. With
 * FAILSIM_UPDATE_GOLDEN=1 in the environment the reports are rewritten
 * instead (then review the diff).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "conformance/check/ck_check.h"
#include "conformance/report/ck_report.h"
#include "protocols/protocols.h"
#include "sim/run/sim_world.h"

#define OUT    FAILSIM_BINARY_DIR "/test-out/ck_golden"
#define TRACES FAILSIM_SOURCE_DIR "/traces"

/*
 * The scenarios and the --interop quirks their checks need: in the flagship
 * and the MLD seed the Backup tracks the Master with BFD (VRP's `track
 * bfd-session ... peer`), so it takes over before Master_Down_Interval,
 * on purpose; in the seeds the Backup's IGMP/MLD is passive until it
 * becomes VRRP Master, and then it queries at once.
 */
static const struct {
	const char *name, *interop;
	sim_time_t duration; /* 0: the scenario's */
} scenarios[] = {
	{ "flagship", "vrrp-bfd-takeover", 0 },
	{ "vrrp-no-bfd", NULL, 0 },
	{ "bfd-grey-failure", NULL, 0 },
	{ "routed-failover", NULL, 0 },
	{ "membership", NULL, 0 },
	{ "pim-sm", NULL, 0 },
	{ "pim-ipv6", NULL, 0 },
	/* RBS over TCP, BFD for IPv6, VRRP6, MLD, PIM6: the master crash,
	 * its restart and the switch-back. */
	{ "seeds/mld-vrrp6-hot-backup",
	  "vrrp-bfd-takeover,querier-follows-vrrp", SIM_S(45) },
	{ "seeds/igmp-dual-device-backup", "querier-follows-vrrp", SIM_S(45) },
};

static void run_scenario(const char *name, sim_time_t duration, const char *dir)
{
	struct sim_opts o = {
		.quiet = true,
		.no_plots = true,
		.modules = protocols_all,
		.node_modules = protocols_nodes,
	};
	struct scn_spec *spec;
	char path[512], err[1024];

	snprintf(path, sizeof(path), FAILSIM_SOURCE_DIR "/scenarios/%s.yaml",
		 name);
	if (duration) {
		o.duration = duration;
		o.duration_set = true;
	}
	if (scn_load_file(path, &spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	if (sim_run_scenario(spec, dir, &o, NULL, err, sizeof(err)) != 0)
		fail_msg("%s: %s", name, err);
	scn_spec_free(spec);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* The 1-based number of the first line where a and b differ, with a
 * pointer to that line in each. */
static int first_diff(const char *a, const char *b, size_t al, size_t bl,
		      const char **ap, const char **bp)
{
	size_t i = 0, start = 0;
	int line = 1;

	while (i < al && i < bl && a[i] == b[i]) {
		if (a[i] == '\n') {
			line++;
			start = i + 1;
		}
		i++;
	}
	*ap = a + start;
	*bp = b + start;
	return line;
}

/* The base name of a scenario ("seeds/x" -> "x"). */
static const char *base(const char *name)
{
	const char *s = strrchr(name, '/');

	return s ? s + 1 : name;
}

/* Check pcap (relative to the current directory, so the report names it
 * "<scenario>/<file>") and compare with (or write) the golden report. */
static void check_capture(const char *scen, const char *interop,
			  const char *file)
{
	struct ck_check_opts o = { .protos = ck_check_protos,
				   .interop = interop };
	struct ck_ctx *c = NULL;
	char rel[512], golden[1024], err[512];
	char *got, *want;
	const char *gp, *wp;
	size_t gl, wl;
	uint64_t must, should;
	FILE *f;

	snprintf(rel, sizeof(rel), "%s/%s", base(scen), file);
	o.path = rel;
	if (ck_check_run(&o, &c, err, sizeof(err)) != 0)
		fail_msg("%s: %s", rel, err);
	snprintf(golden, sizeof(golden), "%s/%s/check-%.*s.txt", TRACES,
		 base(scen), (int)(strlen(file) - 5), file);
	if (getenv("FAILSIM_UPDATE_GOLDEN")) {
		char dir[1024];

		snprintf(dir, sizeof(dir), "%s/%s", TRACES, base(scen));
		mkdir(dir, 0777);
		f = fopen(golden, "w");
		assert_non_null(f);
		assert_int_equal(ck_report_write(c, CK_FMT_TEXT, true, f), 0);
		fclose(f);
	}
	f = fopen("report.tmp", "w");
	assert_non_null(f);
	assert_int_equal(ck_report_write(c, CK_FMT_TEXT, true, f), 0);
	fclose(f);
	got = slurp("report.tmp", &gl);
	want = slurp(golden, &wl);
	if (!want)
		fail_msg("%s is missing (FAILSIM_UPDATE_GOLDEN=1 writes it)",
			 golden);
	if (gl != wl || memcmp(got, want, gl) != 0) {
		int line = first_diff(got, want, gl, wl, &gp, &wp);

		fail_msg("%s differs from %s at line %d (the report is in %s/"
			 "report.tmp):\n  got:  %.160s\n  want: %.160s",
			 rel, golden, line, OUT, gp, wp);
	}
	ck_totals(c, &must, &should, NULL);
	if (must || should)
		fail_msg("failsim's own trace %s fails rules:\n%s", rel, got);
	free(got);
	free(want);
	ck_ctx_free(c);
}

static void test_golden_check_reports(void **state)
{
	size_t checked = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		char dir[512];
		struct dirent **ents;
		int n;

		snprintf(dir, sizeof(dir), OUT "/%s", base(scenarios[i].name));
		run_scenario(scenarios[i].name, scenarios[i].duration, dir);
		assert_int_equal(chdir(OUT), 0);
		n = scandir(base(scenarios[i].name), &ents, NULL, alphasort);
		assert_true(n > 0);
		for (int j = 0; j < n; j++) {
			const char *d = ents[j]->d_name;
			size_t l = strlen(d);

			if (l > 5 && !strcmp(d + l - 5, ".pcap")) {
				check_capture(scenarios[i].name,
					      scenarios[i].interop, d);
				checked++;
			}
			free(ents[j]);
		}
		free(ents);
	}
	assert_true(checked >= sizeof(scenarios) / sizeof(scenarios[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_check_reports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
