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

/*
 * The time of the nth (0-based) event-log record of node/module/event
 * whose field key equals val (key NULL: any record), or -1 when there is
 * none. E.g. when "R2" logged vrrp "state" with "to" = "Master".
 */
sim_time_t cf_event_time(const struct cf_world *w, const char *node,
			 const char *module, const char *event, const char *key,
			 const char *val, size_t nth);

#endif
