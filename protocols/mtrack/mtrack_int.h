/*
 * Internal state of multicast track on a router, shared by mtrack.c
 * (bindings, VRRP watches, gates, event log, the module) and mtrack_cli.c
 * (VRP commands and the display).
 */
#ifndef MTRACK_INT_H
#define MTRACK_INT_H

#include <stddef.h>

#include "protocols/mtrack/mtrack.h"

struct mtrack_bind {
	struct mtrack_inst *m;
	int ifindex; /* the service interface: position in node->ifaces */
	enum net_af af;
	enum mtrack_kind kind;
	char vifname[NODE_IFNAME_MAX]; /* interface of the tracked group */
	uint8_t vrid;
	int watch;	       /* vrrp_watch id */
	enum vrrp_state state; /* tracked group's state, last told */
	bool open;	       /* gate as we last set it */
	uint64_t opens, closes;
	sim_time_t changed;
};

struct mtrack_inst {
	struct router *r;
	struct mtrack_bind **b; /* in configuration order */
	size_t n, cap;
};

struct mtrack_bind *mtrack_find(struct mtrack_inst *m, int ifindex,
				enum net_af af);
/*
 * Bind (ifp, af) to group vrid on vifname. 0, or -1 with the reason in
 * why: VRRP not loaded, no free VRRP watch, out of memory. An existing
 * binding of the same kind is replaced; of the other kind is refused.
 */
int mtrack_bind(struct mtrack_inst *m, struct node_iface *ifp, enum net_af af,
		enum mtrack_kind kind, const char *vifname, uint8_t vrid,
		char *why, size_t whylen);
/* Remove the binding and open the gate again. */
void mtrack_unbind(struct mtrack_inst *m, struct mtrack_bind *b);
void mtrack_info_of(const struct mtrack_bind *b, struct mtrack_info *out);

int mtrack_cli_register(struct cli_registry *reg);

#endif
