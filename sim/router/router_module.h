/*
 * Protocol modules on a router. A protocol (BFD, VRRP, IGMP/MLD, PIM, RBS,
 * ...) describes itself with one const struct router_module; the program
 * lists the modules it wants in one explicit table (no constructor tricks,
 * STYLE.md point 9) and hands it to the routers it builds. Each module
 * registers its VRP commands once per simulation, and gets a per-router
 * state created at every boot (before the startup configuration runs) and
 * destroyed at every crash, so a crash really loses protocol state.
 */
#ifndef ROUTER_MODULE_H
#define ROUTER_MODULE_H

#include "sim/cli/cli.h"

struct router;

struct router_module {
	const char *name;
	/* Views and commands, once per simulation; 0 or -1. */
	int (*cli_register)(struct cli_registry *reg);
	/* Per-router state at boot; NULL on failure (the boot fails). */
	void *(*create)(struct router *r);
	/* Free the state at a crash or teardown, silently. */
	void (*destroy)(void *state);
};

/* The state `m` created on r, NULL when r is down or m is not loaded. */
void *router_module_state(struct router *r, const struct router_module *m);

#endif
