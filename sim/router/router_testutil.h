/*
 * Small router worlds for the router tests: a node_testlib world plus the
 * command registry, routers built from a startup configuration with their
 * ports, CLI helpers that return the output text, and helpers to read
 * frames from probes and captures. No RFC is implemented here.
 */
#ifndef ROUTER_TESTUTIL_H
#define ROUTER_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "sim/asic/asic.h"
#include "sim/cli/cli.h"
#include "sim/net/net_dissect.h"
#include "sim/node/node_link.h"
#include "sim/node/node_testlib.h"
#include "sim/router/router.h"

#define RTEST_RATE  1000000000ull /* 1 Gb/s: 8 ns per byte */
#define RTEST_DELAY SIM_US(1)

struct rtest {
	struct node_tw *w;
	struct cli_registry *reg;
	struct asic_profile prof; /* profile of routers made from now on */
	char *outbuf;		  /* last rtest_cli output */
	const struct router_module *const *modules; /* for new routers */
};

/* A world with the router commands registered; the profile is the ASIC
 * default with cpu_pps 0 (unlimited) unless the test changes t->prof. */
void rtest_init(struct rtest *t, uint64_t seed);
/* Free the world; fails the test when a frame or timer leaked. */
void rtest_fini(struct rtest *t);

/* A router with ports (NULL-terminated list), not booted yet. */
struct router *rtest_router(struct rtest *t, const char *name,
			    const char *config, const char *const *ports);
/* Boot now and fail the test (printing the error) when it fails. */
void rtest_boot(struct router *r);
/* Run lines in the router's session; the output (valid until the next
 * call) is returned and the return code stored in *rc when rc != NULL. */
const char *rtest_cli(struct rtest *t, struct router *r, const char *lines,
		      int *rc);

/* Cable two interfaces with the default rate and delay. */
struct node_link *rtest_link(struct rtest *t, const char *name, struct node *a,
			     const char *ifa, struct node *b, const char *ifb);
/* Run until every router's programming queue is idle and nothing else is
 * due before it; returns the time reached. */
sim_time_t rtest_settle(struct rtest *t, struct router *r);

/* Dissect the i-th frame a probe received (fails the test if absent). */
void rtest_probe_pkt(const struct node *probe, size_t i,
		     struct net_pkt_info *pi, sim_time_t *t);
/* Count of capture frames in direction dir (-1: both). */
size_t rtest_cap_count(const struct node_tw_cap *c, int dir);

#endif
