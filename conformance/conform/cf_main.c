/*
 * The `failsim conform` command (cf.h): parse the options, run the chosen
 * suites into one run, write the report (text, JSON or JUnit XML) to
 * stdout or atomically to --output, and exit 0 when no MUST case failed,
 * 1 when one did, 2 on bad usage. --list prints every case with the RFC
 * section it checks. No RFC is implemented here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/conform/cf.h"
#include "conformance/report/ck_report.h"
#include "sim/core/sim_file.h"

struct cf_args {
	const char *suites, *output;
	enum ck_format fmt;
	uint64_t seed;
	bool list, verbose;
};

static void cf_usage(FILE *f)
{
	fprintf(f, "usage: failsim conform [--suite vrrp|bfd|igmp|mld|pim|"
		   "rbs|all[,...]]\n"
		   "                       [--format text|json|junit] "
		   "[--seed N] [--output FILE]\n"
		   "                       [-v] [--list]\n");
}

static int parse_args(int argc, char **argv, struct cf_args *a)
{
	memset(a, 0, sizeof(*a));
	a->seed = 1;
	for (int i = 0; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end;

		if (!strcmp(o, "-v") || !strcmp(o, "--verbose")) {
			a->verbose = true;
			continue;
		}
		if (!strcmp(o, "--list")) {
			a->list = true;
			continue;
		}
		if (!v) {
			fprintf(stderr, "failsim conform: %s %s\n", o,
				o[0] == '-' ? "needs a value"
					    : "is not an option");
			return -1;
		}
		i++;
		if (!strcmp(o, "--suite")) {
			a->suites = v;
		} else if (!strcmp(o, "--output") || !strcmp(o, "-o")) {
			a->output = v;
		} else if (!strcmp(o, "--format")) {
			if (ck_format_parse(v, &a->fmt) != 0) {
				fprintf(stderr,
					"failsim conform: --format %s: "
					"want text, json or junit\n",
					v);
				return -1;
			}
		} else if (!strcmp(o, "--seed")) {
			errno = 0;
			a->seed = strtoull(v, &end, 0);
			if (errno || *end || !*v || *v == '-') {
				fprintf(stderr,
					"failsim conform: --seed %s: not a "
					"number\n",
					v);
				return -1;
			}
		} else {
			fprintf(stderr, "failsim conform: unknown option %s\n",
				o);
			return -1;
		}
	}
	return 0;
}

static void list_cases(void)
{
	for (const struct cf_suite *const *s = cf_suites; *s; s++) {
		printf("%s: %s\n", (*s)->name, (*s)->what);
		for (size_t i = 0; i < (*s)->ncases; i++) {
			const struct ck_rule *r = &(*s)->cases[i].rule;

			printf("  %-40s %-6s %s %s: %s\n", r->id,
			       ck_level_name(r->level), r->rfc, r->section,
			       r->title);
		}
	}
}

static int write_report(const struct ck_ctx *c, const struct cf_args *a)
{
	struct sim_file sf;

	if (!a->output)
		return ck_report_write(c, a->fmt, a->verbose, stdout);
	if (sim_file_open(&sf, a->output) != 0) {
		fprintf(stderr, "failsim conform: %s\n", sf.err);
		return -1;
	}
	if (ck_report_write(c, a->fmt, a->verbose, sf.f) != 0) {
		sim_file_abort(&sf);
		fprintf(stderr, "failsim conform: cannot write %s\n",
			a->output);
		return -1;
	}
	if (sim_file_commit(&sf) != 0) {
		fprintf(stderr, "failsim conform: %s\n", sf.err);
		return -1;
	}
	return 0;
}

int cf_main(int argc, char **argv)
{
	struct cf_args a;
	struct ck_ctx *c;
	char name[160], err[512];
	int rc;

	if (parse_args(argc, argv, &a) != 0) {
		cf_usage(stderr);
		return 2;
	}
	if (a.list) {
		list_cases();
		return 0;
	}
	snprintf(name, sizeof(name), "failsim conform --suite %s --seed %llu",
		 a.suites ? a.suites : "all", (unsigned long long)a.seed);
	c = ck_ctx_new(name);
	if (!c) {
		fprintf(stderr, "failsim conform: out of memory\n");
		return 2;
	}
	if (cf_run(c, cf_suites, a.suites, a.seed, err, sizeof(err)) != 0) {
		fprintf(stderr, "failsim conform: %s\n", err);
		cf_usage(stderr);
		ck_ctx_free(c);
		return 2;
	}
	rc = write_report(c, &a) == 0 ? ck_exit_status(c) : 2;
	ck_ctx_free(c);
	return rc;
}
