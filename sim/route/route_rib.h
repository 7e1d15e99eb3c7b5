/*
 * The control-plane routing information base (RIB) of one router, IPv4 and
 * IPv6 together. It holds every route the router knows (Direct routes made
 * from interface addresses, static routes from `ip route-static` /
 * `ipv6 route-static`), decides which are usable (active) from interface
 * state and next-hop resolution, selects one route per prefix, and reports
 * every change of a prefix's selected route through a callback, which the
 * router turns into ASIC FIB programming. Longest match among selected
 * routes (RFC 1812 section 5.2.4.3) serves RPF checks and locally
 * originated packets.
 *
 * Model (VRP behaviour):
 * - An interface address A/len on an up interface gives a Direct route for
 *   the subnet (kind CONNECTED, next hop A) and a Direct host route for A
 *   (kind LOCAL, next hop 127.0.0.1 or ::1); a /32 or /128 address gives
 *   only the host route. With cfg.subnet_broadcast an IPv4 subnet of /30 or
 *   shorter also gets a LOCAL host route for its broadcast address. IPv6
 *   link-local addresses (fe80::/10) make no routes: as on VRP, they are
 *   not in the routing table (the node recognises them per interface).
 * - With cfg.inloopback the RIB also holds VRP's built-in InLoopBack0
 *   routes (127.0.0.0/8, 127.0.0.1/32, 127.255.255.255/32,
 *   255.255.255.255/32, ::1/128) and FE80::/10 to NULL0.
 * - A static route has a next hop, an interface, both, or is a blackhole
 *   (NULL0). With an interface it is active while that interface is up;
 *   with an interface and no next hop it is on-link (kind CONNECTED).
 *   With a next hop and no interface it is recursive: it resolves through
 *   the longest prefix covering the next hop that has an active
 *   non-recursive route, taking that prefix's best such route; it is
 *   active only if that route is a connected subnet (forward to our next
 *   hop on its interface) or a static route with an interface (forward to
 *   that route's gateway, VRP's "relay next hop"). A next hop that falls
 *   on a LOCAL or blackhole route does not resolve.
 * - Selection per prefix: among active routes the lowest preference, then
 *   the lowest cost, then the one added first. There is no equal-cost
 *   multipath: of equal candidates only the earliest added is selected.
 *
 * Notifications: after each call that changes anything, the prefixes whose
 * selected route changed (appeared, vanished, became another route, or
 * changed interface, gateway, preference, cost or flags) are reported once
 * each, in prefix order (family, address, length), before the call
 * returns. old_best is a snapshot of what was last reported (NULL for an
 * install), new_best the live selected route (NULL for a withdraw); both
 * are valid only during the call, so copy what is needed (prefix, kind,
 * out_ifindex, gateway) into the programming request. The callback may
 * query the RIB but not change it (changes return -EBUSY); for prefixes
 * not yet reported in the same batch it may still see the old selection
 * (or none, when the old route was deleted).
 *
 * No global state; all memory belongs to the RIB.
 */
#ifndef ROUTE_RIB_H
#define ROUTE_RIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"

/* Who installed a route. Names and default preferences follow VRP. */
enum rt_proto { RT_PROTO_DIRECT = 0, RT_PROTO_STATIC, RT_PROTO__COUNT };

/* What forwarding does with a packet that matches the route. */
enum rt_kind {
	RT_KIND_CONNECTED = 0, /* on-link: resolve the packet's destination */
	RT_KIND_LOCAL,	       /* one of our own addresses: punt to the CPU */
	RT_KIND_NEXTHOP,       /* forward to `gateway` on `out_ifindex` */
	RT_KIND_BLACKHOLE,     /* NULL0: drop silently */
	RT_KIND__COUNT
};

/* Interface indexes with a meaning of their own (real ones are >= 0). */
#define RT_IFINDEX_NONE	      (-1) /* not given: resolve via the next hop */
#define RT_IFINDEX_INLOOPBACK (-2) /* VRP InLoopBack0, always up */
#define RT_IFINDEX_NULL0      (-3) /* VRP NULL0, always up, drops */

/* rt_route.flags */
#define RT_F_RECURSIVE 0x01u /* next hop resolved through another route */
#define RT_F_BROADCAST 0x02u /* host route of a subnet broadcast address */
#define RT_F_BUILTIN   0x04u /* InLoopBack0 / FE80::/10 route of the RIB */

/* Default preferences: VRP Direct 0, Static 60. */
#define RT_PREF_DIRECT 0u
#define RT_PREF_STATIC 60u

struct rt_dest;

struct rt_route {
	struct net_prefix prefix;
	enum rt_proto proto;
	enum rt_kind kind;
	unsigned preference; /* lower wins; VRP range 0..255 */
	uint32_t cost;	     /* lower wins among equal preference */
	/*
	 * Next hop as configured and shown by display: own address for a
	 * connected subnet, 127.0.0.1 / ::1 for a LOCAL route, the gateway
	 * of a static route; af NET_AF_NONE when not given.
	 */
	struct net_addr nexthop;
	int ifindex;	/* configured interface or RT_IFINDEX_* */
	uint32_t flags; /* RT_F_* */
	uint64_t seq;	/* order of addition within the RIB, from 1 */

	/* State derived by the RIB. out_ifindex/gateway valid while active. */
	bool active;
	bool selected;
	int out_ifindex;	 /* interface packets leave by */
	struct net_addr gateway; /* address to resolve (kind NEXTHOP only) */

	/* Private to the RIB. */
	struct net_addr origin; /* Direct: the interface address it serves */
	struct rt_route *dnext; /* routes of one prefix, by seq */
	struct rt_route *anext, *aprev; /* all routes, by seq */
	struct rt_route *rnext, *rprev; /* recursive routes, same next hop */
	struct rt_dest *dest;
};

typedef void (*rt_change_fn)(void *ctx, const struct net_prefix *p,
			     const struct rt_route *old_best,
			     const struct rt_route *new_best);

struct rt_rib_cfg {
	rt_change_fn change; /* may be NULL */
	void *ctx;
	bool inloopback;       /* add the InLoopBack0 and FE80::/10 routes */
	bool subnet_broadcast; /* add IPv4 subnet broadcast host routes */
};

/* A static route as `ip route-static` / `ipv6 route-static` gives it. */
struct rt_static {
	struct net_prefix prefix;
	struct net_addr nexthop; /* af NET_AF_NONE when not given */
	int ifindex;		 /* RT_IFINDEX_NONE when not given */
	bool blackhole;		 /* NULL0 or `blackhole` */
	unsigned preference;	 /* 1..255; 0 means the default, 60 */
	uint32_t cost;
};

struct rt_rib;

const char *rt_proto_name(enum rt_proto p); /* "Direct", "Static" */
unsigned rt_proto_default_pref(enum rt_proto p);
const char *rt_kind_name(enum rt_kind k); /* "connected", "local", ... */

/*
 * A new RIB. With cfg->inloopback the built-in routes are added at once
 * and reported through cfg->change before this returns. NULL on no memory
 * or a NULL cfg.
 */
struct rt_rib *rt_rib_new(const struct rt_rib_cfg *cfg);
/* Free everything; no notifications. */
void rt_rib_free(struct rt_rib *rib);

/*
 * Interface state. Interfaces are known from their first mention and start
 * down. Returns 0, -EINVAL (ifindex < 0), -ENOMEM, -EBUSY.
 */
int rt_rib_iface_set(struct rt_rib *rib, int ifindex, bool up);
bool rt_rib_iface_up(const struct rt_rib *rib, int ifindex);

/*
 * Check an interface address: family, length 1..32 / 1..128, not
 * unspecified or multicast, and for IPv4 subnets of /30 and shorter
 * neither the subnet nor the broadcast address. Returns 0 or -EINVAL with
 * the reason in why (if non-NULL).
 */
int rt_rib_addr_check(const struct net_addr *a, unsigned plen, char *why,
		      size_t whylen);
/*
 * Add an interface address and its Direct routes (see above): 0, -EINVAL
 * (bad ifindex or address), -EEXIST (already on that interface), -ENOMEM,
 * -EBUSY. Remove one (same address and length): 0 or -ENOENT.
 */
int rt_rib_addr_add(struct rt_rib *rib, int ifindex, const struct net_addr *a,
		    unsigned plen);
int rt_rib_addr_del(struct rt_rib *rib, int ifindex, const struct net_addr *a,
		    unsigned plen);

/* A static route with nothing given: ifindex RT_IFINDEX_NONE, defaults. */
void rt_static_init(struct rt_static *s, const struct net_prefix *p);
/*
 * Check a static route: valid prefix (host bits zero), exactly one of
 * next hop / interface / both / blackhole, next hop of the prefix's family
 * and neither unspecified nor multicast, a link-local next hop only with
 * an interface, preference 0..255. 0 or -EINVAL with the reason in why.
 */
int rt_static_check(const struct rt_static *s, char *why, size_t whylen);
/*
 * Add a static route. A route with the same prefix, next hop, interface
 * and blackhole setting is the same route: adding it again updates its
 * preference and cost (it keeps its place in the tie-break order).
 * 0, -EINVAL, -ENOMEM, -EBUSY.
 */
int rt_rib_static_add(struct rt_rib *rib, const struct rt_static *s);
/* Remove the static route with that key (preference ignored). -ENOENT. */
int rt_rib_static_del(struct rt_rib *rib, const struct rt_static *s);

/* The selected route of exactly prefix p, or NULL. */
const struct rt_route *rt_rib_best(const struct rt_rib *rib,
				   const struct net_prefix *p);
/* Longest match for address a among selected routes, or NULL. */
const struct rt_route *rt_rib_lookup(const struct rt_rib *rib,
				     const struct net_addr *a);

/* Visitor: return non-zero to stop. */
typedef int (*rt_route_fn)(void *arg, const struct rt_route *r);
/*
 * Visit routes of family af (both for NET_AF_NONE) in prefix order, and
 * within one prefix in order of addition; only selected ones if
 * selected_only. Must not change the RIB. Returns what stopped it, or 0.
 */
int rt_rib_walk(const struct rt_rib *rib, enum net_af af, bool selected_only,
		rt_route_fn fn, void *arg);
/* Number of routes (or of selected routes) of family af. */
size_t rt_rib_count(const struct rt_rib *rib, enum net_af af,
		    bool selected_only);
/* First address of family af on the interface, in order added; or false. */
bool rt_rib_iface_addr(const struct rt_rib *rib, int ifindex, enum net_af af,
		       struct net_addr *out);

/* ---- display (route_display.c) ---- */

/* Receives the output, a piece at a time (whole lines with '\n'). */
typedef void (*rt_out_fn)(void *arg, const char *text);
/* Writes the name of a real interface (e.g. "GigabitEthernet0/1/0"). */
typedef void (*rt_ifname_fn)(void *arg, int ifindex, char *buf, size_t len);

struct rt_display_io {
	rt_out_fn out;
	void *out_arg;
	rt_ifname_fn ifname; /* NULL: interfaces show as "if<N>" */
	void *ifname_arg;
};

/*
 * `display ip routing-table` (af NET_AF_IP4) or `display ipv6
 * routing-table` (NET_AF_IP6): the selected routes in VRP's layout.
 * Returns 0 or -EINVAL.
 */
int rt_rib_display(const struct rt_rib *rib, enum net_af af,
		   const struct rt_display_io *io);

/* An rt_out_fn sink into a fixed buffer, always NUL-terminated. */
struct rt_strbuf {
	char *buf;
	size_t cap;
	size_t len;
	bool truncated;
};
void rt_strbuf_init(struct rt_strbuf *sb, char *buf, size_t cap);
void rt_strbuf_out(void *arg, const char *text);

#endif
