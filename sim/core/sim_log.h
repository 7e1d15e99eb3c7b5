/*
 * The structured event log (events.jsonl): one JSON object per line for
 * every state change anywhere in the simulation, with the sim time in ns,
 * the node, the module and the event name, then the event's own fields:
 *   {"t":2005000000,"node":"R1","module":"iface","event":"oper-down",
 *    "iface":"GigabitEthernet0/1/0"}
 * Records are built field by field into a fixed buffer (no allocation) and
 * written on sim_log_end. Taps (e.g. the measurement module) see every
 * record as it is written, whether or not a file is attached.
 */
#ifndef SIM_LOG_H
#define SIM_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/sim_time.h"

#define SIM_LOG_MAX_TAPS 8
#define SIM_LOG_REC_MAX	 2048

struct sim_log_rec;

/* Called for each finished record; json is the full line without newline. */
typedef void (*sim_log_tap_fn)(void *arg, const struct sim_log_rec *r);

struct sim_log {
	FILE *out;	  /* may be NULL: records then go to taps only */
	uint64_t records; /* records finished */
	uint64_t truncated;
	struct {
		sim_log_tap_fn fn;
		void *arg;
	} taps[SIM_LOG_MAX_TAPS];
	int ntaps;
	int err; /* errno of the first failed write to out, 0 if none */
};

struct sim_log_rec {
	struct sim_log *log;
	sim_time_t t;
	const char *node;
	const char *module;
	const char *event;
	bool active;   /* false when the log has neither file nor taps, and once
			  ended */
	bool overflow; /* a field did not fit: record is closed early */
	size_t len;
	char json[SIM_LOG_REC_MAX];
};

/*
 * Record layout and limits: keys and string values are JSON-escaped
 * (quote, backslash, control characters as \n, \u001f..., bytes that are
 * not valid UTF-8 as \ufffd); a NULL string is written as null. node,
 * module and event longer than 256 bytes once escaped are written as "".
 * A field that does not fit in SIM_LOG_REC_MAX is dropped together with all
 * later fields of the record, which is then closed with "truncated":true
 * and counted in log->truncated; the line is always valid JSON.
 * The log does not own out (the caller closes it).
 */
void sim_log_init(struct sim_log *log, FILE *out);
/* Returns 0, or -1 when fn is NULL or SIM_LOG_MAX_TAPS are already set. */
int sim_log_add_tap(struct sim_log *log, sim_log_tap_fn fn, void *arg);

void sim_log_begin(struct sim_log_rec *r, struct sim_log *log, sim_time_t t,
		   const char *node, const char *module, const char *event);
void sim_log_str(struct sim_log_rec *r, const char *key, const char *val);
void sim_log_int(struct sim_log_rec *r, const char *key, int64_t val);
void sim_log_uint(struct sim_log_rec *r, const char *key, uint64_t val);
void sim_log_bool(struct sim_log_rec *r, const char *key, bool val);
/* A time field in ns (integer), e.g. a detection time. */
void sim_log_time(struct sim_log_rec *r, const char *key, sim_time_t val);
void sim_log_end(struct sim_log_rec *r);

/*
 * Look up a field of a finished record by key (for taps): copies the raw
 * value (strings unescaped) into buf. Returns false when absent.
 * The copy is NUL-terminated and cut to at most len - 1 bytes if longer
 * (at a UTF-8 character boundary); buf may be NULL (len 0)
 * to test for presence. Non-string values are copied as written ("123",
 * "true", "null").
 */
bool sim_log_field(const struct sim_log_rec *r, const char *key, char *buf,
		   size_t len);

#endif
