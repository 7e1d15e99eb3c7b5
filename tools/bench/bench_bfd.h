/*
 * Shared parts of bench_bfd (tools/bench/bench_bfd.c): the options, the
 * figures both modes report and the helpers that print them. The session
 * mode lives in bench_bfd.c, the router mode (full failsim routers built
 * from a generated scenario) in bench_bfd_router.c. No RFC is implemented
 * here; the sessions run RFC 5880 through protocols/bfd.
 */
#ifndef BENCH_BFD_H
#define BENCH_BFD_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "tools/bench/bench_util.h"

struct bench_bfd_opts {
	long k;		  /* point-to-point links, one session per end */
	sim_time_t until; /* simulated duration */
	uint64_t seed;
	bool router; /* -r: full routers through sim/run */
	bool quick;  /* -q: smoke run */
};

/* What a run measured; both modes fill the same fields. */
struct bench_bfd_result {
	const char *mode;    /* "session" or "router" */
	sim_time_t interval; /* bfd.DesiredMinTxInterval once Up, ns */
	long sessions;	     /* 2 * k */
	long up;	     /* sessions Up at the end */
	uint64_t flaps;	     /* exits from Up (there should be none) */
	uint64_t bfd_tx;     /* Control packets the sessions sent */
	uint64_t bfd_rx;     /* Control packets the sessions accepted */
	uint64_t frames;     /* frames delivered by the links (ARP too) */
	uint64_t events;     /* engine events fired during the run */
	double setup;	     /* wall seconds to build (not counted) */
	double wall;	     /* wall seconds of the run loop only */
	uint64_t pool_peak;  /* frames ever allocated by the pool */
};
void bench_bfd_report(const struct bench_bfd_opts *o,
		      const struct bench_bfd_result *r);

/* Router mode (bench_bfd_router.c): 0, or 1 when a check failed. */
int bench_bfd_router_main(const struct bench_bfd_opts *o);

#endif
