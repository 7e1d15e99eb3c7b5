/*
 * Side-by-side comparison of two finished measurements of the same faults
 * (issue 7: a scenario with hot backup, RBS/RBP, against its baseline with
 * the backup configuration removed). The faults of the two runs are
 * matched by index: both must have as many faults, at the same times, with
 * the same labels. Per fault and traffic kind the comparison shows the
 * convergence benchmarks of each run across flows (time-derived outage,
 * RFC 6412 section 3.6.5, min / median / p99 / max; loss-derived outage,
 * section 3.6.4, median / max; packets lost; duplicates, RFC 5560 sense,
 * i.e. both routers forwarding), the outage anatomy of each run
 * (detection, transition, membership, join, protocol, programming and
 * delivery, meas.h, and the marks that bound them) and the differences B - A of
 * the medians and maxima, in the reporting spirit of RFC 6413 section 7.
 *
 * Outputs: compare.txt (for people), compare.json (for programs: every
 * time in integer ns, null when unknown, fixed key order, per fault also
 * the flows that either run lost packets on, matched by receiver and
 * stream name), and the gnuplot plots compare-outage.{dat,gp,png} (per
 * fault and kind: the spread of the outage across flows, both runs side
 * by side) and compare-groups.{dat,gp,png} (the outage of every flow in
 * the faults with the longest outages, both runs). Everything but the
 * PNGs is byte-deterministic and every file is written atomically
 * (sim/core/sim_file.h).
 *
 * Statistics are those of the runs' summaries (meas.h: over the affected
 * flows, nearest-rank percentiles). In a difference, a run whose kind has
 * flows of which none was affected counts as an outage of 0; a run with
 * no flows of the kind leaves the difference unknown ("-", null).
 */
#ifndef MEAS_COMPARE_H
#define MEAS_COMPARE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/sim_time.h"
#include "sim/measure/meas.h"
#include "sim/measure/meas_plot.h"

/* One side of the comparison. */
struct meas_compare_run {
	const struct meas_results *r;
	const char *scenario; /* scenario name */
	const char *dir;      /* its run folder, as shown; NULL: not shown */
	uint64_t seed;
	sim_time_t duration;
};

/*
 * Do a and b have the same faults (count, times, labels)? 0, or -1 with a
 * message in err naming the first fault that differs.
 */
int meas_compare_check(const struct meas_compare_run *a,
		       const struct meas_compare_run *b, char *err,
		       size_t errlen);

/* Write compare.txt / compare.json to f. 0, or -1 (faults differ, write
 * error). */
int meas_compare_txt(const struct meas_compare_run *a,
		     const struct meas_compare_run *b, FILE *f);
int meas_compare_json(const struct meas_compare_run *a,
		      const struct meas_compare_run *b, FILE *f);

/*
 * Write <dir>/compare.txt and <dir>/compare.json atomically (dir must
 * exist). 0, or -1 with a one-line message in err.
 */
int meas_compare_write(const struct meas_compare_run *a,
		       const struct meas_compare_run *b, const char *dir,
		       char *err, size_t errlen);

/* Faults shown in compare-groups (those with the longest outages). */
#define MEAS_COMPARE_GROUP_PANELS 6

/*
 * Write compare-outage and compare-groups (.dat, .gp, then .png by
 * gnuplot) into dir. opts may be NULL (its timeline_flows is not used).
 * Returns MEAS_PLOT_OK, MEAS_PLOT_SKIPPED (no gnuplot or no_render: the
 * scripts and data are written; err says why) or -1 with err.
 */
int meas_compare_plot(const struct meas_compare_run *a,
		      const struct meas_compare_run *b, const char *dir,
		      const struct meas_plot_opts *opts, char *err,
		      size_t errlen);

#endif
