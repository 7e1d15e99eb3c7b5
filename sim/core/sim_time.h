/*
 * Simulated time: one integer type, nanoseconds since the start of the run,
 * with unit macros. No floating point is used for time anywhere in failsim;
 * protocol wire units (VRRPv3 centiseconds, BFD microseconds, IGMP tenths of
 * a second, MLD milliseconds) are converted in the codecs only.
 */
#ifndef SIM_TIME_H
#define SIM_TIME_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t sim_time_t;

/* clang-format 14 would write "(sim_time_t)(x) * 1000" as "(x)*1000" */
/* clang-format off */
#define SIM_NS(x) ((sim_time_t)(x))
#define SIM_US(x) ((sim_time_t)(x) * 1000)
#define SIM_MS(x) ((sim_time_t)(x) * 1000000)
#define SIM_CS(x) ((sim_time_t)(x) * 10000000)
#define SIM_S(x)  ((sim_time_t)(x) * 1000000000)
/* clang-format on */

#define SIM_TIME_NEVER INT64_MAX

/*
 * Parse a duration such as "10ms", "1.5s", "250us", "100ns", "2m" or a bare
 * number of seconds ("3", "0.25"). Decimal fractions are parsed exactly (no
 * floating point); fractions finer than 1 ns are rejected. Returns 0 on
 * success, -1 on a malformed or out-of-range value.
 */
int sim_time_parse(const char *s, sim_time_t *out);

/* Format as seconds with nanoseconds, "12.000500000" (fixed 9 decimals). */
void sim_time_fmt(sim_time_t t, char *buf, size_t len);

/* Format compactly with the largest exact unit: "5ms", "1.5s", "100ns". */
void sim_time_fmt_short(sim_time_t t, char *buf, size_t len);

#endif
