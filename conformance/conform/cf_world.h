/*
 * Small worlds for conformance cases: a node_testlib world (engine, event
 * log kept in memory, probes, captures) plus the VRP command registry and
 * routers running every failsim protocol module, built from a startup
 * configuration. Unlike the unit-test helpers nothing here aborts or
 * asserts: a setup step that fails returns NULL / -1 and leaves the reason
 * in w->err, which the case reports through cf_check.
 */
#ifndef CF_WORLD_H
#define CF_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "sim/asic/asic.h"
#include "sim/cli/cli.h"
#include "sim/node/node_link.h"
#include "sim/node/node_testlib.h"
#include "sim/router/router.h"

#define CF_RATE	 1000000000ull /* 1 Gb/s links */
#define CF_DELAY SIM_US(1)

struct cf_world {
	struct node_tw *w;
	struct cli_registry *reg;
	struct asic_profile prof; /* profile of routers made from now on */
	char *out;		  /* output of the last cf_cli */
	char err[512];		  /* why the last failing call failed */
};

/* A world (seeded) with the router commands registered; the ASIC profile
 * is the default with cpu_pps 0 (unlimited). NULL on ENOMEM. */
struct cf_world *cf_world_new(uint64_t seed);
/* Free everything; false when a frame or timer leaked (then err says). */
bool cf_world_free(struct cf_world *w);

/* A router with the given ports (NULL-terminated) and startup config,
 * not booted yet (cable it, then cf_boot). */
struct router *cf_router(struct cf_world *w, const char *name,
			 const char *config, const char *const *ports);
/* Boot r now (it runs its configuration). 0 or -1. */
int cf_boot(struct cf_world *w, struct router *r);
/* Run command lines in r's session. Returns the output (valid until the
 * next call) and stores the return code in *rc (NULL: a non-zero code
 * makes this return NULL, with the output in err). */
const char *cf_cli(struct cf_world *w, struct router *r, const char *lines,
		   int *rc);
/* Cable a:ifa to b:ifb at CF_RATE and CF_DELAY. NULL on failure. */
struct node_link *cf_link(struct cf_world *w, const char *name, struct node *a,
			  const char *ifa, struct node *b, const char *ifb);

static inline sim_time_t cf_now(const struct cf_world *w)
{
	return node_tw_now(w->w);
}
static inline void cf_run_until(struct cf_world *w, sim_time_t t)
{
	node_tw_run(w->w, t);
}

/* Arrival at the control plane of the router at the far end of l of a
 * frame of len bytes starting to be sent now: serialization at CF_RATE,
 * propagation CF_DELAY, the ASIC's punt to the CPU. */
sim_time_t cf_to_cpu(const struct cf_world *w, const struct node_link *l,
		     size_t len);
/* From a router's CPU sending a frame of len bytes over l to its last bit
 * at the far end: the ASIC's inject, serialization, propagation. */
sim_time_t cf_from_cpu(const struct cf_world *w, const struct node_link *l,
		       size_t len);

/* Configure r: lines (each ending in a newline) run in system-view and
 * committed. The output, or NULL when a line is refused (w->err says). */
const char *cf_config(struct cf_world *w, struct router *r, const char *lines);

/* A time for a case's details: "3.000031672 s", or "never" when t < 0.
 * buf holds CF_TS_LEN bytes and is returned; CF_TS(t) formats into a
 * temporary that lives to the end of the enclosing block. */
#define CF_TS_LEN 32
const char *cf_ts(sim_time_t t, char buf[CF_TS_LEN]);
#define CF_TS(t) cf_ts((t), (char[CF_TS_LEN]){ 0 })

/*
 * The time of the nth (0-based) event-log record of node/module/event
 * whose field key equals val (key NULL: any record), or -1 when there is
 * none. E.g. when "R2" logged vrrp "state" with "to" = "Master".
 */
sim_time_t cf_event_time(const struct cf_world *w, const char *node,
			 const char *module, const char *event, const char *key,
			 const char *val, size_t nth);

#endif
