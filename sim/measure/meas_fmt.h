/*
 * Formatting helpers shared by the report and plot writers of sim/measure:
 * fixed-decimal milliseconds and seconds from integer nanoseconds (no
 * floating point, so the output is byte-identical everywhere), JSON string
 * escaping as RFC 8259 section 7 requires, and a small text table whose
 * column widths fit their contents. Internal to sim/measure.
 */
#ifndef MEAS_FMT_H
#define MEAS_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim/core/sim_time.h"

#define MEAS_FMT_LEN 32

/* ns as milliseconds rounded to 3 decimals ("49.000"); "-" if unknown. */
void meas_fmt_ms(sim_time_t ns, char *buf, size_t len);
/* t as seconds with 9 decimals ("2.000000000"); "-" if unknown. */
void meas_fmt_s(sim_time_t t, char *buf, size_t len);

/*
 * Write s as a JSON string with its quotes: '"', '\\' and control
 * characters escaped, invalid UTF-8 replaced by U+FFFD. NULL writes null.
 */
void meas_json_str(FILE *f, const char *s);
/* A JSON integer, or null for MEAS_UNKNOWN. */
void meas_json_time(FILE *f, sim_time_t v);

/* A text table: cells are added row by row, left to right. */
struct meas_tbl {
	size_t ncols;
	const char *align; /* per column: 'l' or 'r' */
	char **cells;
	size_t ncells, capcells;
	bool oom; /* a cell could not be stored */
};

void meas_tbl_init(struct meas_tbl *t, size_t ncols, const char *align);
void meas_tbl_add(struct meas_tbl *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print with indent spaces before each row; 0 or -1 (oom). */
int meas_tbl_print(const struct meas_tbl *t, FILE *f, int indent);
void meas_tbl_free(struct meas_tbl *t);

#endif
