/*
 * The protocol modules failsim's routers run, in one explicit table
 * (STYLE.md point 9). Order matters: a module may use the modules before
 * it (VRRP will follow BFD sessions, so BFD comes first).
 */
#ifndef PROTOCOLS_H
#define PROTOCOLS_H

#include "sim/node/node_module.h"
#include "sim/router/router_module.h"

/* NULL-terminated, for struct sim_opts.modules. */
extern const struct router_module *const protocols_all[];
/* Host and switch modules (IGMP/MLD host side, snooping), for struct
 * sim_opts.node_modules. */
extern const struct node_module *const protocols_nodes[];

#endif
