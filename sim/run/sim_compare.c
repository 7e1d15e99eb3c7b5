/*
 * `failsim compare` (see sim_compare.h): its command line, the check that
 * two scenarios inject the same faults at the same times (before anything
 * runs, errors with file:line), the two runs, each exactly as `failsim
 * run` does it and kept alive until both measurements are compared, and
 * the comparison outputs of sim/measure/meas_compare.h (outage benchmarks
 * of RFC 6412 sections 3.6.4 and 3.6.5 side by side, reported as RFC 6413
 * section 7 suggests).
 */
#include "sim/run/sim_compare.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim_file.h"
#include "sim/measure/meas_compare.h"

/* ---- command line ---- */

static int cmp_parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (s == NULL || *s == '\0' || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

/* One option at argv[*i] (its value after it). 0, or -1 with err. */
static int cmp_parse_opt(int argc, char **argv, int *i,
			 struct sim_compare_args *ca, char *err, size_t errlen)
{
	const char *a = argv[*i];
	const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;

	if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
		ca->opts.quiet = true;
		return 0;
	}
	if (strcmp(a, "-o") && strcmp(a, "--output") && strcmp(a, "--seed") &&
	    strcmp(a, "--duration")) {
		snprintf(err, errlen, "compare: unknown option '%.100s'", a);
		return -1;
	}
	if (v == NULL) {
		snprintf(err, errlen, "compare: %s needs a value", a);
		return -1;
	}
	(*i)++;
	if (!strcmp(a, "--seed")) {
		if (cmp_parse_u64(v, &ca->opts.seed) != 0) {
			snprintf(err, errlen,
				 "compare: --seed needs an unsigned integer, "
				 "got '%.100s'",
				 v);
			return -1;
		}
		ca->opts.seed_set = true;
	} else if (!strcmp(a, "--duration")) {
		if (sim_time_parse(v, &ca->opts.duration) != 0 ||
		    ca->opts.duration <= 0) {
			snprintf(err, errlen,
				 "compare: --duration needs a time such as 10s "
				 "or 500ms, got '%.100s'",
				 v);
			return -1;
		}
		ca->opts.duration_set = true;
	} else {
		ca->outdir = v;
	}
	return 0;
}

int sim_compare_parse(int argc, char **argv, struct sim_compare_args *ca,
		      char *err, size_t errlen)
{
	memset(ca, 0, sizeof(*ca));
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] == '-' && a[1] != '\0') {
			if (cmp_parse_opt(argc, argv, &i, ca, err, errlen))
				return -1;
		} else if (ca->a == NULL) {
			ca->a = a;
		} else if (ca->b == NULL) {
			ca->b = a;
		} else {
			snprintf(err, errlen,
				 "compare: unexpected '%.100s' (two scenarios "
				 "only)",
				 a);
			return -1;
		}
	}
	if (ca->a == NULL || ca->b == NULL) {
		snprintf(err, errlen,
			 "compare: missing %s (compare A.yaml B.yaml)",
			 ca->a == NULL ? "both scenarios"
				       : "the second scenario");
		return -1;
	}
	return 0;
}

void sim_compare_outdir(const struct scn_spec *a, const struct scn_spec *b,
			char *buf, size_t len)
{
	snprintf(buf, len, "out/%s-vs-%s", a->name, b->name);
}

/* ---- checks ---- */

/* A fault label, and "'label' at 2.000000000 s". */
#define CMP_LABEL_MAX (SCN_LABEL_MAX + 160)
#define CMP_DESC_MAX  (CMP_LABEL_MAX + 80)

/* "'label' at 2.000000000 s" */
static void cmp_fault_desc(const struct scn_fault *f, char *buf, size_t len)
{
	char label[CMP_LABEL_MAX], t[48];

	sim_fault_label(f, label, sizeof(label));
	sim_time_fmt(f->at, t, sizeof(t));
	snprintf(buf, len, "'%s' at %s s", label, t);
}

/* A run folder name must not be "." or "..", nor a compare output. */
static int cmp_name_ok(const struct scn_spec *s, char *err, size_t errlen)
{
	static const char *const taken[] = {
		".",
		"..",
		"compare.txt",
		"compare.json",
		"compare-outage.dat",
		"compare-outage.gp",
		"compare-outage.png",
		"compare-groups.dat",
		"compare-groups.gp",
		"compare-groups.png",
	};

	for (size_t i = 0; i < sizeof(taken) / sizeof(taken[0]); i++)
		if (!strcmp(s->name, taken[i]))
			return scn_spec_errf(s, (struct scn_loc){ 0, 0 }, err,
					     errlen,
					     "name '%s' cannot name a run "
					     "folder beside the compare files",
					     s->name);
	return 0;
}

static int cmp_fault_mismatch(const struct scn_spec *a,
			      const struct scn_spec *b, size_t i, char *err,
			      size_t errlen)
{
	const struct scn_fault *fa = &a->faults[i], *fb = &b->faults[i];
	char da[CMP_DESC_MAX], db[CMP_DESC_MAX];

	cmp_fault_desc(fa, da, sizeof(da));
	cmp_fault_desc(fb, db, sizeof(db));
	return scn_spec_errf(b, fb->loc, err, errlen,
			     "faults[%zu] (%s) does not match faults[%zu] of "
			     "%s:%" PRIu32 " (%s): compare needs the same "
			     "faults at the same times",
			     i, db, i, a->file, fa->loc.line, da);
}

int sim_compare_check(const struct scn_spec *a, const struct scn_spec *b,
		      char *err, size_t errlen)
{
	size_t n = a->nfaults < b->nfaults ? a->nfaults : b->nfaults;
	char la[CMP_LABEL_MAX], lb[CMP_LABEL_MAX];

	if (!strcmp(a->name, b->name))
		return scn_spec_errf(b, (struct scn_loc){ 0, 0 }, err, errlen,
				     "both scenarios are named '%s' (%s too): "
				     "their run folders would be the same; "
				     "give one another name:",
				     b->name, a->file);
	if (cmp_name_ok(a, err, errlen) != 0 ||
	    cmp_name_ok(b, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		sim_fault_label(&a->faults[i], la, sizeof(la));
		sim_fault_label(&b->faults[i], lb, sizeof(lb));
		if (a->faults[i].at != b->faults[i].at || strcmp(la, lb) != 0)
			return cmp_fault_mismatch(a, b, i, err, errlen);
	}
	if (a->nfaults != b->nfaults) {
		const struct scn_spec *more = a->nfaults > b->nfaults ? a : b;
		const struct scn_spec *less = more == a ? b : a;
		char d[CMP_DESC_MAX];

		cmp_fault_desc(&more->faults[n], d, sizeof(d));
		return scn_spec_errf(more, more->faults[n].loc, err, errlen,
				     "faults[%zu] (%s) has no match in %s "
				     "(%zu faults): compare needs the same "
				     "faults at the same times",
				     n, d, less->file, less->nfaults);
	}
	return 0;
}

/* ---- the runs ---- */

static void cmp_run_of(struct meas_compare_run *x, struct sim_world *w,
		       const struct scn_spec *spec)
{
	*x = (struct meas_compare_run){
		.r = sim_world_finish(w),
		.scenario = spec->name,
		.dir = spec->name,
		.seed = sim_world_seed(w),
		.duration = sim_world_duration(w),
	};
}

/* Write the comparison of the two finished worlds into outdir. */
static int cmp_outputs(struct sim_world *wa, const struct scn_spec *a,
		       struct sim_world *wb, const struct scn_spec *b,
		       const char *outdir, const struct sim_opts *opts,
		       FILE *out, char *err, size_t errlen)
{
	struct meas_compare_run ra, rb;
	int rc;

	cmp_run_of(&ra, wa, a);
	cmp_run_of(&rb, wb, b);
	if (ra.r == NULL || rb.r == NULL) {
		snprintf(err, errlen, "compare: a measurement did not finish");
		return -1;
	}
	if (meas_compare_write(&ra, &rb, outdir, err, errlen) != 0)
		return -1;
	if (!opts->no_plots) {
		rc = meas_compare_plot(&ra, &rb, outdir, NULL, err, errlen);
		if (rc < 0)
			return -1;
		if (rc == MEAS_PLOT_SKIPPED && out && !opts->quiet)
			fprintf(out, "(gnuplot not found: plot scripts "
				     "written, PNGs skipped)\n");
	}
	if (out && !opts->quiet && meas_compare_txt(&ra, &rb, out) != 0) {
		snprintf(err, errlen, "compare: cannot print the comparison");
		return -1;
	}
	return 0;
}

/* Run spec into <outdir>/<its name>, keeping the world. */
static int cmp_run_one(struct scn_spec *spec, const char *outdir,
		       const struct sim_opts *ro, struct sim_world **w,
		       char *err, size_t errlen)
{
	char dir[SIM_FILE_PATH_MAX];
	int n = snprintf(dir, sizeof(dir), "%s/%s", outdir, spec->name);

	if (n < 0 || (size_t)n >= sizeof(dir)) {
		snprintf(err, errlen, "output path too long: '%.200s'", outdir);
		return -1;
	}
	return sim_run_scenario_keep(spec, dir, ro, NULL, w, err, errlen);
}

int sim_compare_run(struct scn_spec *a, struct scn_spec *b, const char *outdir,
		    const struct sim_opts *opts, FILE *out, char *err,
		    size_t errlen)
{
	struct sim_opts none = { 0 }, ro;
	struct sim_world *wa = NULL, *wb = NULL;
	int rc = -1;

	if (opts == NULL)
		opts = &none;
	ro = *opts;
	ro.quiet = true; /* the comparison is printed, not each report */
	if (sim_compare_check(a, b, err, errlen) != 0 ||
	    sim_mkdir_p(outdir, err, errlen) != 0)
		return -1;
	if (cmp_run_one(a, outdir, &ro, &wa, err, errlen) == 0 &&
	    cmp_run_one(b, outdir, &ro, &wb, err, errlen) == 0)
		rc = cmp_outputs(wa, a, wb, b, outdir, opts, out, err, errlen);
	sim_world_free(wa);
	sim_world_free(wb);
	return rc;
}
