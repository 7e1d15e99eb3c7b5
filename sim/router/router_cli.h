/*
 * Helpers shared by the router's command handlers (router_cli.c,
 * router_display.c): the router and interface of a command line.
 */
#ifndef ROUTER_CLI_H
#define ROUTER_CLI_H

#include "sim/cli/cli.h"
#include "sim/router/router_int.h"

struct router *router_ctx(struct cli_ctx *ctx);
/* The interface of the line's interface view; NULL after cli_error. */
struct node_iface *router_ctx_iface(struct cli_ctx *ctx);
int router_display_register(struct cli_registry *reg);
int router_ping_register(struct cli_registry *reg);

#endif
