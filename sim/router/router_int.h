/*
 * Internal state of a router, shared by the files of sim/router. The
 * control-plane part (struct router_cp) is created at boot and destroyed at
 * a crash, so a crash really loses everything; the node, its ports and the
 * ASIC live as long as the router.
 */
#ifndef ROUTER_INT_H
#define ROUTER_INT_H

#include "sim/node/node_nbr.h"
#include "sim/router/router.h"

#define ROUTER_MAX_HANDLERS  32
#define ROUTER_MAX_LISTENERS 16
#define ROUTER_DESCR_MAX     243
#define ROUTER_MAX_SGROUPS   4096 /* static groups per interface */
/* RFC 1812 section 4.3.2.8: ICMP errors are rate limited. */
#define ROUTER_ICMP_ERR_GAP SIM_MS(10)

struct router_sgroup {
	struct net_addr grp;
	struct net_addr src; /* af NET_AF_NONE: any source */
};

#define ROUTER_MAX_VADDRS 16

struct router_vaddr {
	struct net_addr a;
	struct net_mac mac;
	bool accept;
};

/* Control-plane state of one interface (node_iface->priv while booted). */
struct router_if {
	struct router *r;
	struct node_iface *ifp;
	bool detected; /* carrier as last reported by the ASIC */
	bool held;     /* held down by a protocol (router_iface_hold) */
	bool link_up;  /* admin && detected, as last told to link listeners */
	struct router_vaddr vaddr[ROUTER_MAX_VADDRS];
	int nvaddr;
	struct node_nbr arp, nd;
	char description[ROUTER_DESCR_MAX + 1];
	struct router_sgroup *sg; /* igmp static-group entries */
	size_t nsg;
	/* router_mcast_gate: multicast forwarding out of this interface is
	 * closed for IPv4 [0] / IPv6 [1]. */
	bool gate_closed[2];
};

/*
 * A multicast route of the control plane: data-driven (S,G) (no routing
 * owner: iif from RPF, outgoing list from static groups and members) or
 * made by the family's routing owner (router_mroute_set: (S,G) or (*,G)
 * with the requested iif and list). What was last programmed into the
 * ASIC is kept, so only real changes are written.
 */
struct router_mroute {
	struct net_addr src, grp; /* src all zero, af NET_AF_NONE: (*,G) */
	bool owner;		  /* made by the routing owner */
	int req_iif;		  /* owner: requested iif */
	int *req;		  /* owner: requested oifs, sorted, unique */
	size_t nreq;
	bool cpu_copy; /* owner: punt copies of accepted data */
	bool in_asic;  /* programmed (the three below are valid) */
	int iif;       /* RPF interface, or ASIC_IFINDEX_NONE */
	int *oifs;     /* as programmed, sorted, unique */
	size_t noifs;
	unsigned flags; /* ASIC_MFIB_* as programmed */
	sim_time_t created;
};

/* The multicast routing owner of a family (router_mroute_owner). */
struct router_mowner {
	const struct router_mroute_ops *ops; /* NULL: none */
	void *ctx;
};

struct router_handler {
	int kind; /* 0 proto4, 1 proto6, 2 udp, 3 icmp6 */
	int key;
	router_rx_fn fn;
	void *ctx;
};

struct router_ping;

struct router_cp {
	struct cli *cli;
	void **mstate;		  /* per module, parallel to router.modules */
	struct router_ping *ping; /* the running `ping`, if any */
	struct rt_rib *rib;
	bool mcast4, mcast6; /* multicast [ipv6] routing-enable */
	struct router_mroute *mroutes;
	size_t nmroutes, capmroutes;
	struct router_mowner mroute_owner[2]; /* IPv4 [0], IPv6 [1] */
	router_member_fn member_fn;	      /* local membership (IGMP/MLD) */
	void *member_ctx;
	struct router_handler handlers[ROUTER_MAX_HANDLERS];
	int nhandlers;
	struct {
		router_iface_fn fn;
		void *ctx;
	} listeners[ROUTER_MAX_LISTENERS];
	int nlisteners;
	struct {
		router_link_fn fn;
		void *ctx;
	} link_listeners[ROUTER_MAX_LISTENERS];
	int nlink_listeners;
	struct {
		router_rib_fn fn;
		void *ctx;
	} rib_listeners[ROUTER_MAX_LISTENERS];
	int nrib_listeners;
	sim_time_t icmp_err_next; /* rate limit of ICMP errors */
	bool dying; /* being destroyed: no state changes, no callbacks */
	uint16_t ip_id;
	uint64_t cp_rx[ASIC_PUNT__COUNT];
	uint64_t icmp_errors, icmp_err_limited, no_handler;
};

struct router {
	struct node node; /* base first */
	struct asic_profile profile;
	struct asic *asic;
	const struct cli_registry *reg;
	char *config, *config_src;
	uint32_t config_line, config_indent;
	const struct router_module *const *modules;
	size_t nmodules;
	sim_time_t boot_delay;
	struct sim_timer boot_timer;
	struct router_cp *cp; /* NULL while crashed or booting */
};

static inline struct router_if *router_if_of(const struct node_iface *ifp)
{
	return ifp->priv;
}

/* router.c */
struct node_iface *router_iface_by_index(struct router *r, int ifindex);
void router_iface_update(struct router *r, struct node_iface *ifp,
			 const char *why);
struct node_iface *router_loopback_create(struct router *r, const char *name);
/* Admin state of a port changed: the peer loses or regains light. */
void router_port_admin_changed(struct router *r, struct node_iface *ifp);

/* router_fib.c: RIB to ASIC */
void router_fib_change(void *ctx, const struct net_prefix *p,
		       const struct rt_route *old_best,
		       const struct rt_route *new_best);
int router_if_cp_init(struct router *r, struct node_iface *ifp);
void router_if_cp_fini(struct router *r, struct node_iface *ifp);
extern const struct node_nbr_ops router_nbr_ops;
void router_fib_link_local(struct router *r, const struct net_ip6 *ll,
			   bool add);

/* router_vaddr.c */
const struct router_vaddr *router_vaddr_find(const struct node_iface *ifp,
					     const struct net_addr *a);

/* router_cp.c: punted packets */
void router_cp_rx(void *ctx, int ifindex, enum asic_punt reason,
		  struct net_frame *f);

/* router_out.c: originated packets */
void router_send_solicit(struct router *r, struct node_iface *ifp,
			 const struct net_addr *target);
int router_frame_out(struct router *r, struct node_iface *ifp,
		     const struct net_addr *nexthop, struct net_frame *f);
void router_icmp_error(struct router *r, struct node_iface *in,
		       const struct net_pkt_info *pi, const uint8_t *frame,
		       size_t flen, int type, int code);
void router_sw_forward(struct router *r, struct node_iface *in,
		       struct net_frame *f, const struct net_pkt_info *pi);

/* router_ping.c */
void router_ping_reply(struct router *r, const struct net_pkt_info *pi);
void router_ping_stop(struct router *r);

/* router_mcast.c */
/* A multicast punt (no-cache, wrong-iif, mcast-copy) served by the CPU. */
void router_mcast_punt(struct router *r, struct node_iface *in,
		       enum asic_punt reason, const struct net_pkt_info *pi,
		       const struct net_frame *f);
void router_mcast_rib_changed(struct router *r);
void router_mcast_iface(struct router *r, struct node_iface *ifp, bool up);
void router_mcast_enable(struct router *r, enum net_af af, bool on);
int router_mcast_sgroup(struct router *r, struct node_iface *ifp,
			const struct router_sgroup *g, size_t n, bool add);
void router_mcast_fini(struct router *r);

#endif
