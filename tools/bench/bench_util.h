/*
 * What every benchmark needs: a monotonic wall clock, the peak resident
 * set size, and the measured run loop as one non-inlined function, so that
 * `valgrind --tool=callgrind --toggle-collect=bench_run` counts only the
 * simulation, not its setup.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_engine.h"

/* Seconds from an arbitrary origin (CLOCK_MONOTONIC). */
double bench_wall(void);
/* Peak resident set size in kB (VmHWM), or -1 when unknown. */
long bench_rss_kb(void);
/*
 * Option values, with "PROG: bad -X 'value'" on stderr when refused:
 * a positive time, an integer in [lo, hi], any unsigned 64-bit value.
 * Each returns 0 or -1.
 */
int bench_opt_time(const char *prog, char opt, const char *arg,
		   sim_time_t *out);
int bench_opt_long(const char *prog, char opt, const char *arg, long lo,
		   long hi, long *out);
int bench_opt_u64(const char *prog, char opt, const char *arg, uint64_t *out);

/* A growing text buffer (generated scenarios); err is sticky. */
struct bench_txt {
	char *p;
	size_t len, cap;
	bool err;
};

__attribute__((format(printf, 2, 3))) void bench_txt_add(struct bench_txt *t,
							 const char *fmt, ...);

/* sim_engine_run(e, until): the part callgrind counts. */
uint64_t bench_run(struct sim_engine *e, sim_time_t until);

#endif
