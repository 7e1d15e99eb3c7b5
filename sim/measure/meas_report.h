/*
 * The run report: report.txt for people and report.json for programs, both
 * from the results of a finished measurement (meas.h), in the reporting
 * spirit of RFC 6413 section 7 (Reporting Format: the parameters of the
 * test, then the benchmarks). Both files are byte-deterministic: they hold
 * only sim-time values formatted with integer arithmetic, never wall-clock
 * time, host names or pointers. report.json carries every time as integer
 * ns ("..._ns" keys; null when unknown) with a fixed key order; report.txt
 * shows milliseconds with 3 decimals. Files are written atomically
 * (temporary name, then rename; see sim/core/sim_file.h).
 */
#ifndef MEAS_REPORT_H
#define MEAS_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/sim_time.h"
#include "sim/measure/meas.h"

/* What the caller knows about the run (no wall-clock time: determinism). */
struct meas_run_info {
	const char *scenario; /* scenario name */
	uint64_t seed;
	sim_time_t duration; /* simulated run length */
	uint64_t events;     /* records written to events.jsonl */
};

/* Write the text / JSON report to f. 0, or -1 on a write error. */
int meas_report_txt(const struct meas_results *r,
		    const struct meas_run_info *ri, FILE *f);
int meas_report_json(const struct meas_results *r,
		     const struct meas_run_info *ri, FILE *f);

/*
 * Write <dir>/report.txt and <dir>/report.json atomically (dir must
 * exist). 0, or -1 with a one-line message in err; a failed file leaves
 * the previous one in place and no temporary file behind.
 */
int meas_report_write(const struct meas_results *r,
		      const struct meas_run_info *ri, const char *dir,
		      char *err, size_t errlen);

#endif
