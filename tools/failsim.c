/*
 * failsim: the command-line front end. Subcommands:
 *   failsim run SCENARIO.yaml [-o OUTDIR] [--seed N] [--duration T] [-q]
 * runs a scenario and writes report.txt, report.json, events.jsonl, one
 * pcap per capture point, displays.txt (when the scenario asks for
 * displays) and gnuplot plots into OUTDIR (default "out/<scenario
 * name>"), then prints the report.
 *   failsim compare A.yaml B.yaml [-o OUTDIR] [--seed N] [--duration T] [-q]
 * runs both scenarios as `run` does into OUTDIR/<name>/ (default OUTDIR
 * "out/<A name>-vs-<B name>"), then writes compare.txt (printed),
 * compare.json and the compare plots: the same faults side by side, e.g.
 * with hot backup (RBS/RBP) and without.
 *   failsim check CAPTURE [--rules LIST] [--format text|json|junit]
 *                 [--interop QUIRKS] [--output FILE] [-v]
 * checks a pcap/pcapng capture against RFC-cited rules
 * (conformance/check); exit 0 when no MUST fails, 1 when one does, 2 on
 * unreadable input.
 *   failsim conform [--suite LIST] [--format ...] [--seed N] [--output F]
 * runs the behavioural conformance suites against failsim's own protocol
 * implementations (conformance/conform), with the same exit statuses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/check/ck_check.h"
#include "conformance/conform/cf.h"
#include "protocols/protocols.h"
#include "sim/core/sim_time.h"
#include "sim/run/sim_compare.h"
#include "sim/run/sim_world.h"
#include "sim/scenario/scn_spec.h"

#define FAILSIM_VERSION "0.1"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: failsim <command> [options]\n"
		"\n"
		"commands:\n"
		"  run SCENARIO.yaml [-o OUTDIR] [--seed N] [--duration T] "
		"[-q]\n"
		"      run a scenario; write report.txt, report.json, "
		"events.jsonl,\n"
		"      pcaps, displays.txt and plots to OUTDIR (default "
		"out/<name>) and\n"
		"      print the report\n"
		"  compare A.yaml B.yaml [-o OUTDIR] [--seed N] "
		"[--duration T] [-q]\n"
		"      run both (same faults at the same times) as run "
		"does into\n"
		"      OUTDIR/<name>/ (default OUTDIR out/<A>-vs-<B>) and "
		"write compare.txt\n"
		"      (printed), compare.json and the compare plots: "
		"outages side by side\n"
		"  check CAPTURE [--rules LIST] [--format text|json|junit] "
		"[--interop QUIRKS]\n"
		"        [--output FILE] [-v] [--list-rules] "
		"[--list-quirks]\n"
		"      check a pcap/pcapng capture against RFC rules; exit 0 "
		"when no MUST\n"
		"      fails, 1 when one does, 2 on unreadable input\n"
		"  conform [--suite vrrp|bfd|igmp|mld|pim|rbs|all] "
		"[--format text|json|junit]\n"
		"        [--seed N] [--output FILE] [-v] [--list]\n"
		"      run the behavioural RFC conformance suites against "
		"failsim's own\n"
		"      protocols (same formats and exit statuses as check)\n"
		"  version\n"
		"  help\n");
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return (errno || *end) ? -1 : 0;
}

struct run_args {
	const char *scenario;
	const char *outdir;
	struct sim_opts opts;
};

static int parse_run_args(int argc, char **argv, struct run_args *ra)
{
	memset(ra, 0, sizeof(*ra));
	ra->opts.modules = protocols_all;
	ra->opts.node_modules = protocols_nodes;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (!v)
				goto missing;
			ra->outdir = v;
			i++;
		} else if (!strcmp(a, "--seed")) {
			if (!v || parse_u64(v, &ra->opts.seed) != 0) {
				fprintf(stderr,
					"failsim: --seed needs an unsigned "
					"integer\n");
				return -1;
			}
			ra->opts.seed_set = true;
			i++;
		} else if (!strcmp(a, "--duration")) {
			if (!v || sim_time_parse(v, &ra->opts.duration) != 0 ||
			    ra->opts.duration <= 0) {
				fprintf(stderr,
					"failsim: --duration needs a time "
					"such as 10s or 500ms\n");
				return -1;
			}
			ra->opts.duration_set = true;
			i++;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			ra->opts.quiet = true;
		} else if (a[0] == '-') {
			fprintf(stderr, "failsim: run: unknown option '%s'\n",
				a);
			return -1;
		} else if (!ra->scenario) {
			ra->scenario = a;
		} else {
			fprintf(stderr, "failsim: run: unexpected '%s'\n", a);
			return -1;
		}
		continue;
	missing:
		fprintf(stderr, "failsim: %s needs a value\n", a);
		return -1;
	}
	if (!ra->scenario) {
		fprintf(stderr, "failsim: run: missing SCENARIO.yaml\n");
		return -1;
	}
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	struct run_args ra;
	char err[1024];
	char outdir[1024];
	int rc;

	if (parse_run_args(argc, argv, &ra) != 0) {
		usage(stderr);
		return 2;
	}
	struct scn_spec *spec;

	if (scn_load_file(ra.scenario, &spec, err, sizeof(err)) != 0) {
		fprintf(stderr, "failsim: %s\n", err);
		return 1;
	}
	if (ra.outdir)
		snprintf(outdir, sizeof(outdir), "%s", ra.outdir);
	else
		snprintf(outdir, sizeof(outdir), "out/%s", spec->name);
	rc = sim_run_scenario(spec, outdir, &ra.opts, stdout, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "failsim: %s\n", err);
	scn_spec_free(spec);
	return rc == 0 ? 0 : 1;
}

static int cmd_compare(int argc, char **argv)
{
	struct sim_compare_args ca;
	struct scn_spec *a = NULL, *b = NULL;
	char err[1024], outdir[1024];
	int rc;

	if (sim_compare_parse(argc, argv, &ca, err, sizeof(err)) != 0) {
		fprintf(stderr, "failsim: %s\n", err);
		usage(stderr);
		return 2;
	}
	ca.opts.modules = protocols_all;
	ca.opts.node_modules = protocols_nodes;
	if (scn_load_file(ca.a, &a, err, sizeof(err)) != 0 ||
	    scn_load_file(ca.b, &b, err, sizeof(err)) != 0) {
		fprintf(stderr, "failsim: %s\n", err);
		scn_spec_free(a);
		return 1;
	}
	if (ca.outdir)
		snprintf(outdir, sizeof(outdir), "%s", ca.outdir);
	else
		sim_compare_outdir(a, b, outdir, sizeof(outdir));
	rc = sim_compare_run(a, b, outdir, &ca.opts, stdout, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "failsim: %s\n", err);
	scn_spec_free(a);
	scn_spec_free(b);
	return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(argv[1], "compare"))
		return cmd_compare(argc - 2, argv + 2);
	if (!strcmp(argv[1], "check"))
		return ck_check_main(argc - 2, argv + 2);
	if (!strcmp(argv[1], "conform"))
		return cf_main(argc - 2, argv + 2);
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("failsim %s\n", FAILSIM_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "failsim: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
