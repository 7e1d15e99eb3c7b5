/*
 * The `failsim check` command (ck_check_main in ck_check.h): parse the
 * arguments after "check", run every rule module of ck_check_protos over
 * the capture and write the report in text, JSON or JUnit XML, to stdout
 * or to --output (written to a temporary name and renamed, so no half
 * report survives). Exit status: 0 when no MUST rule failed, 1 when one
 * did, 2 for bad usage or input that cannot be read. --list-rules and
 * --list-quirks print the rules (id, level, RFC section, title) and the
 * interop quirks. No RFC is implemented here.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/check/ck_check.h"
#include "sim/core/sim_file.h"

struct check_args {
	const char *capture;
	const char *rules;
	const char *interop;
	const char *output;
	enum ck_format fmt;
	bool verbose, list_rules, list_quirks, help;
};

static const char ck_usage[] =
	"usage: failsim check CAPTURE [--rules LIST] [--format "
	"text|json|junit]\n"
	"                     [--interop QUIRKS] [-o|--output FILE] [-v]\n"
	"       failsim check --list-rules [--rules LIST]\n"
	"       failsim check --list-quirks\n"
	"Checks a pcap or pcapng capture against RFC rules. LIST: rule ids "
	"or\n"
	"prefixes, comma-separated, '!' to leave one out (\"vrrp,!vrrp.ttl\"). "
	"QUIRKS:\n"
	"interop quirks whose violations become notes. Exit status: 0 no MUST "
	"rule\n"
	"failed, 1 a MUST rule failed, 2 bad usage or unreadable input.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("failsim check: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(failsim check --help for usage)\n", stderr);
	return 2;
}

/* An option's value: "--opt VALUE" or "--opt=VALUE". NULL when absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (!strncmp(a, name, n) && a[n] == '=')
		return a + n + 1;
	/* -o is --output, as for run and compare. */
	if (strcmp(a, name) != 0 &&
	    (strcmp(name, "--output") != 0 || strcmp(a, "-o") != 0))
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

static int parse_args(int argc, char **argv, struct check_args *a)
{
	static const char *const valued[] = { "--rules", "--format",
					      "--interop", "--output" };

	memset(a, 0, sizeof(*a));
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i], *v = NULL;
		size_t k;

		for (k = 0; k < sizeof(valued) / sizeof(valued[0]); k++)
			if ((v = opt_value(argc, argv, &i, valued[k])))
				break;
		if (v) {
			if (!*v)
				return usage_error("%s needs a value",
						   valued[k]);
			if (k == 0)
				a->rules = v;
			else if (k == 1 && ck_format_parse(v, &a->fmt) != 0)
				return usage_error("unknown format '%s' (text, "
						   "json or junit)",
						   v);
			else if (k == 2)
				a->interop = v;
			else if (k == 3)
				a->output = v;
			continue;
		}
		if (!strcmp(s, "-v") || !strcmp(s, "--verbose"))
			a->verbose = true;
		else if (!strcmp(s, "--list-rules"))
			a->list_rules = true;
		else if (!strcmp(s, "--list-quirks"))
			a->list_quirks = true;
		else if (!strcmp(s, "-h") || !strcmp(s, "--help"))
			a->help = true;
		else if (s[0] == '-' && s[1])
			return usage_error("unknown option '%s'", s);
		else if (a->capture)
			return usage_error("one capture at a time ('%s')", s);
		else
			a->capture = s;
	}
	if (!a->capture && !a->list_rules && !a->list_quirks && !a->help)
		return usage_error("%s", "no capture given");
	return 0;
}

/* Every module's rules (those --rules selects), one per line. */
static int list_rules(const char *sel)
{
	struct ck_ctx *c = ck_ctx_new("rules");
	char err[512];
	int rc = 0;

	if (!c)
		return usage_error("%s", "out of memory");
	for (size_t i = 0; ck_check_protos[i] && !rc; i++)
		rc = ck_ctx_add_rules(c, ck_check_protos[i]->rules,
				      ck_check_protos[i]->nrules, err,
				      sizeof(err));
	if (!rc && sel)
		rc = ck_ctx_select(c, sel, err, sizeof(err));
	if (rc) {
		ck_ctx_free(c);
		return usage_error("%s", err);
	}
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_rule *r = ck_result_at(c, i)->rule;

		if (ck_enabled(c, r))
			printf("%-32s %-6s %s %-9s %s\n", r->id,
			       ck_level_name(r->level), r->rfc, r->section,
			       r->title);
	}
	ck_ctx_free(c);
	return 0;
}

static void list_quirks(void)
{
	for (size_t i = 0; i < ck_check_nquirks; i++) {
		const struct ck_quirk *q = &ck_check_quirks[i];

		printf("%-24s %s\n%-24s downgrades:", q->name, q->what, "");
		for (const char *const *r = q->rules; r && *r; r++)
			printf(" %s", *r);
		putchar('\n');
	}
}

/* Write the report to --output through a temporary file, or stdout. */
static int write_report(const struct ck_ctx *c, const struct check_args *a)
{
	struct sim_file sf;

	if (!a->output) {
		if (ck_report_write(c, a->fmt, a->verbose, stdout) != 0) {
			fprintf(stderr,
				"failsim check: cannot write the report\n");
			return -1;
		}
		return 0;
	}
	if (sim_file_open(&sf, a->output) != 0) {
		fprintf(stderr, "failsim check: %s\n", sf.err);
		return -1;
	}
	if (ck_report_write(c, a->fmt, a->verbose, sf.f) != 0) {
		sim_file_abort(&sf);
		fprintf(stderr, "failsim check: cannot write %s\n", a->output);
		return -1;
	}
	if (sim_file_commit(&sf) != 0) {
		fprintf(stderr, "failsim check: %s\n", sf.err);
		return -1;
	}
	return 0;
}

int ck_check_main(int argc, char **argv)
{
	struct check_args a;
	struct ck_check_opts o = { 0 };
	struct ck_ctx *c = NULL;
	char err[1024];
	int rc;

	if (parse_args(argc, argv, &a) != 0)
		return 2;
	if (a.help) {
		fputs(ck_usage, stdout);
		return 0;
	}
	if (a.list_rules || a.list_quirks) {
		if (a.list_quirks)
			list_quirks();
		return a.list_rules ? list_rules(a.rules) : 0;
	}
	o.path = a.capture;
	o.rules = a.rules;
	o.interop = a.interop;
	o.protos = ck_check_protos;
	rc = ck_check_run(&o, &c, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "failsim check: %s\n", err);
		ck_ctx_free(c);
		return 2;
	}
	rc = write_report(c, &a) != 0 ? 2 : ck_exit_status(c);
	ck_ctx_free(c);
	return rc;
}
