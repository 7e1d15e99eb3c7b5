/*
 * BFD on a router (RFC 5881 single hop, RFC 5883 multihop): the static
 * sessions configured with VRP commands, their UDP transport (destination
 * port 3784 or 4784, source port from 49152, TTL/Hop Limit 255 and the
 * GTSM check on receive for single hop), demultiplexing by Your
 * Discriminator or, while that is zero, by source address and interface
 * (RFC 5881 section 3), tracked interfaces, and where the sessions run:
 * on the control-plane CPU (through the ASIC's punt path and CPU queue) or
 * offloaded to the ASIC (`hardware-offload` in the bfd view, a failsim
 * extension). Other protocols (VRRP, RBS) follow sessions through
 * bfd_watch, whether the session exists yet or not.
 */
#ifndef BFD_ROUTER_H
#define BFD_ROUTER_H

#include "protocols/bfd/bfd.h"
#include "sim/router/router.h"

extern const struct router_module bfd_module;

struct bfd_inst;

/* BFD on router r; NULL while r is down. */
struct bfd_inst *bfd_inst(struct router *r);

struct bfd_session *bfd_find_name(struct bfd_inst *b, const char *name);
/* By local discriminator (VRP's "bfd-session ID"). */
struct bfd_session *bfd_find_disc(struct bfd_inst *b, uint32_t local_disc);

/*
 * Follow the session named `name` (or, with name NULL, the one whose local
 * discriminator is disc) now and when it is created later: fn gets every
 * state change, and a change to Down (diag AdminDown) when the session is
 * deleted. Returns a watch id (> 0) or -1.
 */
int bfd_watch(struct bfd_inst *b, const char *name, uint32_t disc,
	      bfd_listen_fn fn, void *arg);
void bfd_unwatch(struct bfd_inst *b, int id);

/* The state a watcher should assume now (Down when absent). */
enum bfd_state bfd_watch_state(struct bfd_inst *b, int id);

#endif
