/*
 * `failsim compare A.yaml B.yaml`: the same faults run with and without a
 * mechanism (issue 7: a scenario with hot backup, RBS/RBP, and its
 * baseline with the backup configuration removed), side by side. Each
 * scenario runs exactly as `failsim run` runs it, into OUTDIR/<its name>/
 * with all its outputs; then OUTDIR/compare.txt, compare.json and the
 * compare plots are written from the two measurements (see
 * sim/measure/meas_compare.h). The two files must have the same faults:
 * as many, at the same times, with the same labels; the first mismatch is
 * reported with the file:line of both faults before anything runs.
 */
#ifndef SIM_COMPARE_H
#define SIM_COMPARE_H

#include <stddef.h>
#include <stdio.h>

#include "sim/run/sim_world.h"
#include "sim/scenario/scn_spec.h"

/* The command line of `failsim compare`, after the word "compare". */
struct sim_compare_args {
	const char *a, *b;    /* scenario files */
	const char *outdir;   /* -o / --output; NULL: sim_compare_outdir */
	struct sim_opts opts; /* --seed, --duration, -q / --quiet */
};

/*
 * Parse A.yaml B.yaml [-o OUTDIR] [--seed N] [--duration T] [-q] (options
 * anywhere). 0, or -1 with a one-line message in err. opts.modules and
 * opts.node_modules are left NULL for the caller to set.
 */
int sim_compare_parse(int argc, char **argv, struct sim_compare_args *ca,
		      char *err, size_t errlen);

/* The default output folder: "out/<A name>-vs-<B name>". */
void sim_compare_outdir(const struct scn_spec *a, const struct scn_spec *b,
			char *buf, size_t len);

/*
 * Can a and b be compared? Their faults must match one for one (time and
 * label, in file order) and their names must differ and be usable as
 * folder names beside the compare files. 0, or -1 with err naming the
 * first mismatch as "file:line:col: ..." with the other file's line.
 */
int sim_compare_check(const struct scn_spec *a, const struct scn_spec *b,
		      char *err, size_t errlen);

/*
 * Check, run a then b (opts apply to both; each run's report is not
 * printed), write the comparison and its plots (unless opts->no_plots)
 * into outdir and print compare.txt to out unless opts->quiet. 0, or -1
 * with err; every file is written atomically, so a failure leaves no half
 * file.
 */
int sim_compare_run(struct scn_spec *a, struct scn_spec *b, const char *outdir,
		    const struct sim_opts *opts, FILE *out, char *err,
		    size_t errlen);

#endif
