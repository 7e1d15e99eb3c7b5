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

/*
 * Advertisements of one family that reached VRRP on the router but no
 * group (RFC 5798 / RFC 3768 section 7.1 checks made before the VRID is
 * known, as the router-wide counters of the VRRP MIB, RFC 6527): refused
 * by the codec, by reason (version, type, length, checksum, ...), or for a
 * VRID with no running group on the receiving interface. The groups count
 * their own discards (struct vrrp_group_info.drops). Shown by `display
 * vrrp statistics` / `display vrrp6 statistics`.
 */
struct vrrp_rx_stats {
	uint64_t rx;			 /* IP protocol 112 packets received */
	uint64_t bad[VRRP_PKT_E__COUNT]; /* codec refusals; [VRRP_PKT_OK]: 0 */
	uint64_t no_group;		 /* VRID not configured there */
};

/* The counters of family af (NET_AF_IP4 or NET_AF_IP6); zeros when v is
 * NULL or af another family. */
void vrrp_rx_stats(struct vrrp_inst *v, enum net_af af,
		   struct vrrp_rx_stats *out);

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
