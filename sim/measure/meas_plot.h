/*
 * gnuplot plots of a finished measurement, written into the run's output
 * folder: (a) timeline.{dat,gp,png}: received sequence number against
 * receive time for the flows with the longest time-derived outage (RFC
 * 6412 section 3.6.5), one panel each, zoomed on the flow's worst gap, with
 * the faults as dashed vertical lines and the gap shaded; (b)
 * outage.{dat,gp,png}: time- and loss-derived outage per flow as bars; (c)
 * cdf.{dat,gp,png}: the distribution of the time-derived outage across the
 * flows of each traffic kind.
 *
 * The .dat and .gp files are byte-deterministic and written atomically
 * (sim/core/sim_file.h). The PNGs are then rendered by running gnuplot in
 * the folder (pngcairo when the gnuplot has it, else png; the script picks
 * at run time, so users can re-run `gnuplot timeline.gp` themselves); each
 * PNG is rendered to a temporary name and renamed. PNG bytes depend on the
 * gnuplot version, its fonts and libraries, so they are the one output that
 * may differ between machines; nothing else depends on them.
 */
#ifndef MEAS_PLOT_H
#define MEAS_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/measure/meas.h"

#define MEAS_PLOT_MAX_PANELS 8

/* Return values of meas_plot_write besides -1 (error, message in err). */
#define MEAS_PLOT_OK	  0 /* scripts, data and PNGs written */
#define MEAS_PLOT_SKIPPED 1 /* scripts and data written; no gnuplot: no PNG */

struct meas_plot_opts {
	size_t timeline_flows; /* panels in the timeline (default 4, max 8) */
	const char *gnuplot;   /* program to run; NULL: "gnuplot" from PATH */
	bool no_render;	       /* write .dat/.gp only (returns SKIPPED) */
};

/*
 * Write the plots of r into dir (which must exist); title (the scenario
 * name) heads each plot. opts may be NULL. Returns MEAS_PLOT_OK,
 * MEAS_PLOT_SKIPPED (err then says why), or -1 with a message in err.
 */
int meas_plot_write(const struct meas_results *r, const char *title,
		    const char *dir, const struct meas_plot_opts *opts,
		    char *err, size_t errlen);

/* Is there a runnable gnuplot (prog NULL: "gnuplot" searched in PATH)? */
bool meas_plot_have_gnuplot(const char *prog);
/*
 * Run gnuplot (prog as for meas_plot_have_gnuplot) on <dir>/<name>.gp in
 * dir, producing <dir>/<name>.png through a temporary name. 0,
 * MEAS_PLOT_SKIPPED when there is no gnuplot, or -1 with err.
 */
int meas_plot_render(const char *prog, const char *dir, const char *name,
		     char *err, size_t errlen);

#endif
