/*
 * Multicast track (Huawei VRP "multicast track"): a multicast service
 * interface forwards multicast downstream only while a VRRP group is
 * Master, so that of two routers on a dual-homed LAN only the VRRP Master
 * replicates the streams onto it. `multicast track vrrp vrid N` follows
 * group N of the same interface; `multicast track admin-vrrp interface IF
 * vrid N` follows the mVRRP group N on IF (usually the link between the
 * two routers); `multicast ipv6 track vrrp6 ...` and `... admin-vrrp6
 * ...` do the same for IPv6 multicast and VRRP6 groups. One binding per
 * interface and family. The module follows the group with the VRRP
 * listener API (vrrp_watch) and opens or closes the interface's multicast
 * gate (router_mcast_gate), which reprograms the forwarding entries
 * through the ASIC queue, so a switchover pays the programming cost. A
 * group that does not exist (not yet configured, or deleted) counts as not
 * Master: the gate is closed. No RFC applies (a vendor feature); VRRP
 * states are those of RFC 5798 section 6.4. See README.md.
 */
#ifndef MTRACK_H
#define MTRACK_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/vrrp/vrrp.h"
#include "sim/router/router.h"

/* Any place in a module table: VRRP is looked up when a binding is made. */
extern const struct router_module mtrack_module;

struct mtrack_inst;

/* The bindings of router r; NULL while r is down or the module is not
 * loaded. */
struct mtrack_inst *mtrack_inst(struct router *r);

enum mtrack_kind {
	MTRACK_VRRP = 0, /* `track vrrp vrid N`: a group of this interface */
	MTRACK_ADMIN,	 /* `track admin-vrrp interface IF vrid N`: mVRRP */
};

const char *mtrack_kind_name(enum mtrack_kind k, enum net_af af);

/* A binding as the display shows it. */
struct mtrack_info {
	enum mtrack_kind kind;
	char ifname[NODE_IFNAME_MAX];  /* the multicast service interface */
	char vifname[NODE_IFNAME_MAX]; /* interface of the tracked group */
	uint8_t vrid;
	enum vrrp_state state;	/* of the tracked group; Initialize if absent */
	bool open;		/* the gate: forwarding multicast downstream */
	uint64_t opens, closes; /* gate changes since the binding */
	sim_time_t changed;	/* last gate change (or the binding), ns */
};

/* The binding of (ifname, af): 0 and *out filled, or -1 when none. */
int mtrack_binding(struct mtrack_inst *m, const char *ifname, enum net_af af,
		   struct mtrack_info *out);
/* Number of bindings of family af. */
unsigned mtrack_count(const struct mtrack_inst *m, enum net_af af);

#endif
