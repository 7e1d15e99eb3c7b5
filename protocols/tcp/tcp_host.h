/*
 * TCP on a host (sim/node/node_host.h): a TCP stack (tcp.h) fed with the
 * host's IP packets of protocol 6 through a host listener and sending with
 * node_host_ip_send (the host's routing and neighbor caches; TTL 64). A
 * connection's source must be the address the host itself would pick for
 * the destination (node_host_src_for), since the checksum covers it. A
 * host crash drops every connection silently (no segment, no callback):
 * applications forget their sockets on the crash too.
 */
#ifndef TCP_HOST_H
#define TCP_HOST_H

#include "protocols/tcp/tcp.h"

struct tcp_host;

/* cfg NULL: defaults. NULL when h is not a host or on no memory. */
struct tcp_host *tcp_host_attach(struct node *h, const struct tcp_cfg *cfg);
/* Silently: no segments, no callbacks. */
void tcp_host_detach(struct tcp_host *th);
struct tcp_stack *tcp_host_stack(struct tcp_host *th);

#endif
