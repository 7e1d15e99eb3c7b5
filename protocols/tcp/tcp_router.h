/*
 * TCP on a router: the router module "tcp" gives every router a TCP stack
 * (protocols/tcp/tcp.h) created at boot and lost at a crash. Segments of
 * IP protocol 6 for the router's addresses, IPv4 and IPv6, go to the
 * stack; its segments leave through router_ip_send (route lookup, the
 * given source address). Applications on the router (RBS) open sockets on
 * tcp_router_stack(r). Displays: `display tcp status`, `display tcp
 * statistics`.
 */
#ifndef TCP_ROUTER_H
#define TCP_ROUTER_H

#include "protocols/tcp/tcp.h"
#include "sim/router/router.h"

extern const struct router_module tcp_module;

/* The stack of router r; NULL while r is down or the module not loaded. */
struct tcp_stack *tcp_router_stack(struct router *r);

#endif
