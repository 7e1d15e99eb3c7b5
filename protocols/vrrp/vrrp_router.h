/*
 * VRRP on a router: the groups configured with VRP commands (`vrrp vrid`,
 * `vrrp6 vrid`, `admin-vrrp`, `admin-vrrp6`, tracking), their transport
 * (IP protocol 112 to 224.0.0.18 / ff02::12 with TTL/Hop Limit 255, from
 * the virtual MAC; RFC 5798 section 5.1), taking over and giving back the
 * virtual MAC and addresses (gratuitous ARP, unsolicited NA with R=1),
 * mVRRP service groups with flowdown and unflowdown, and tracking of
 * interfaces, monitor groups and BFD sessions (protocols/vrrp/README.md
 * documents the rules). Other protocols follow groups with vrrp_watch.
 */
#ifndef VRRP_ROUTER_H
#define VRRP_ROUTER_H

#include "protocols/vrrp/vrrp.h"
#include "sim/router/router.h"

extern const struct router_module vrrp_module;

struct vrrp_inst;

/* VRRP on router r; NULL while r is down. */
struct vrrp_inst *vrrp_inst(struct router *r);

/* State of group vrid of family af on the interface (service groups
 * included); Initialize when it does not exist. */
enum vrrp_state vrrp_state_of(struct vrrp_inst *v, const char *ifname,
			      enum net_af af, uint8_t vrid);

/* The state machine of group vrid of family af on the interface, for
 * vrrp_group_info; NULL when the group does not exist, is a service group
 * (those run none) or has no virtual address yet. */
const struct vrrp_group *vrrp_group_of(struct vrrp_inst *v, const char *ifname,
				       enum net_af af, uint8_t vrid);

typedef void (*vrrp_watch_fn)(void *arg, const char *ifname, enum net_af af,
			      uint8_t vrid, enum vrrp_state old_state,
			      enum vrrp_state new_state);

/*
 * Follow group (ifname, af, vrid), whether it exists yet or not: fn gets
 * every state change (and the current state at once when it is not
 * Initialize). Returns an id (> 0) or -1.
 */
int vrrp_watch(struct vrrp_inst *v, const char *ifname, enum net_af af,
	       uint8_t vrid, vrrp_watch_fn fn, void *arg);
void vrrp_unwatch(struct vrrp_inst *v, int id);

#endif
