/*
 * Internals of the RIB shared by route_rib.c (selection, resolution,
 * notification), route_cfg.c (interface addresses and static routes) and
 * route_display.c (VRP display). Not for use outside sim/route.
 */
#ifndef ROUTE_RIB_IMPL_H
#define ROUTE_RIB_IMPL_H

#include <stdio.h>
#include <string.h>

#include "sim/route/route_lpm.h"
#include "sim/route/route_rib.h"

#define RT_NRC_MAX 8

struct rt_dest {
	struct net_prefix prefix;
	struct rt_route *routes;   /* by seq */
	struct rt_route *best;	   /* selected route, NULL if none */
	struct rt_route installed; /* snapshot of the last reported best */
	bool has_installed;
	bool dirty;
};

struct rt_ifaddr {
	struct net_addr addr;
	uint8_t plen;
};

struct rt_iface {
	int ifindex;
	bool up;
	struct rt_ifaddr *addrs; /* in order added */
	size_t naddrs, cap;
};

struct rt_rib {
	struct rt_rib_cfg cfg;
	struct rt_lpm *dests; /* prefix -> struct rt_dest */
	size_t ndests;
	struct rt_route *ahead, *atail; /* all routes by seq */
	/* next hop (host prefix) -> list of recursive routes (rnext) */
	struct rt_lpm *nh_index;
	uint64_t seq;
	struct rt_iface *ifs; /* sorted by ifindex */
	size_t nifs, ifcap;
	struct rt_dest **dirty; /* capacity >= ndests, so commit never fails */
	size_t ndirty, dirtycap;
	/*
	 * Prefixes whose non-recursive routes changed since the last commit:
	 * only recursive routes with a next hop inside one of them need to
	 * be resolved again. Past RT_NRC_MAX, or for interface changes, all.
	 */
	struct net_prefix nrc[RT_NRC_MAX];
	size_t nnrc;
	bool nrc_all;
	bool in_cb; /* inside the change callback: no edits */
};

static inline unsigned rt_af_bits(uint8_t af)
{
	return af == NET_AF_IP4 ? 32 : af == NET_AF_IP6 ? 128 : 0;
}

/* A copy with the bytes past the family zeroed, so memcmp compares. */
static inline struct net_addr rt_addr_clean(const struct net_addr *a)
{
	struct net_addr r;

	memset(&r, 0, sizeof(r));
	if (a->af == NET_AF_IP4 || a->af == NET_AF_IP6) {
		r.af = a->af;
		memcpy(r.b, a->b, rt_af_bits(a->af) / 8);
	}
	return r;
}

/* Equality of two cleaned addresses (family and all bytes). */
static inline bool rt_addr_same(const struct net_addr *a,
				const struct net_addr *b)
{
	return a->af == b->af && memcmp(a->b, b->b, sizeof(a->b)) == 0;
}

static inline bool rt_addr_is_zero(const struct net_addr *a)
{
	for (unsigned i = 0; i < rt_af_bits(a->af) / 8; i++)
		if (a->b[i])
			return false;
	return true;
}

static inline void rt_why(char *why, size_t len, const char *msg)
{
	if (why && len)
		snprintf(why, len, "%s", msg);
}

struct rt_iface *rt_rib_iface_find(const struct rt_rib *rib, int ifindex);
/* Find or create (down, no addresses); NULL on no memory. */
struct rt_iface *rt_rib_iface_get(struct rt_rib *rib, int ifindex);

/* A detached route with the protocol's default preference. */
struct rt_route *rt_route_alloc(const struct net_prefix *p, enum rt_proto proto,
				enum rt_kind kind, const struct net_addr *nh,
				int ifindex);
/* Link r into the RIB and evaluate it (r is freed on failure). */
int rt_rib_attach(struct rt_rib *rib, struct rt_route *r);
/* Unlink and free r. */
void rt_rib_detach(struct rt_rib *rib, struct rt_route *r);
void rt_rib_mark_dirty(struct rt_rib *rib, struct rt_dest *d);
/* A non-recursive route of prefix p changed (p NULL: possibly any). */
void rt_rib_nonrec_changed(struct rt_rib *rib, const struct net_prefix *p);
/* Resolve, reselect and notify; see route_rib.c. Never allocates. */
void rt_rib_commit(struct rt_rib *rib);

#endif
