/*
 * PIM-SM (RFC 7761) for one family on one router: the protocol engine.
 * It keeps the neighbor table with DR election (section 4.3), the Tree
 * Information Base with (*,G), (S,G) and (S,G,rpt) state, the downstream
 * and upstream Join/Prune state machines (4.5), Register and Register-Stop
 * at the DR and the RP (4.4), the keepalive timer and the switch to the
 * shortest-path tree (4.2, 4.1.4), Asserts (4.6), SSM (4.8, RFC 4607) and
 * the multicast forwarding outcome (4.2 inherited_olist) that it programs
 * through ops. The engine knows nothing of routers: it sends and routes
 * through ops, is fed decoded messages (protocols/pim/pim_pkt.h) that the
 * caller has validated as far as the IP layer goes (PIM to ALL-PIM-ROUTERS
 * with TTL 1 / hop limit 1, or unicast Registers), local membership
 * (from IGMP/MLD) and data events; tests drive it directly. Timers come
 * from the node (freeze-gated); state changes are logged (module "pim" or
 * "pim6").
 */
#ifndef PIM_H
#define PIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"
#include "sim/node/node.h"

struct pim_msg; /* pim_pkt.h */
struct pim;	/* one engine: a router and a family */

#define PIM_MAX_RPS    64
#define PIM_IF_MAX_SEC 16 /* secondary addresses advertised per link */

/* A static RP (`static-rp X [acl-like group range]`). */
struct pim_rp_cfg {
	struct net_addr rp;
	struct net_prefix range; /* groups served; default 224.0.0.0/4 or
				    ff00::/8 */
};

/* Router-wide configuration (`pim` / `pim-ipv6` views); pim_cfg_default
 * fills RFC 7761 section 4.11 defaults. */
struct pim_cfg {
	enum net_af af;
	struct pim_rp_cfg rps[PIM_MAX_RPS];
	size_t nrps;
	struct net_prefix ssm_range; /* 232.0.0.0/8, ff3x::/32 (RFC 4607) */
	/* `spt-switch-threshold infinity`: last-hop routers stay on the RP
	 * tree; false (the default) switches at the first packet. */
	bool spt_never;
	sim_time_t jp_period;		 /* t_periodic, 60 s */
	sim_time_t keepalive;		 /* Keepalive_Period, 210 s */
	sim_time_t register_suppression; /* Register_Suppression_Time, 60 s */
	sim_time_t register_probe;	 /* Register_Probe_Time, 5 s */
	sim_time_t assert_time;		 /* Assert_Time, 180 s */
	sim_time_t assert_override;	 /* Assert_Override_Interval, 3 s */
	/* How often an entry with a running Keepalive Timer (or waiting for
	 * its first packet on the shortest-path tree) reads its packet
	 * counter (ops->mroute_packets), as a CPU polls hardware counters:
	 * data seen at a poll restarts the KAT from that poll. 5 s. */
	sim_time_t kat_poll;
	/* We are the RP for a group when its RP address is one of ours
	 * (ops->is_local). */
};

void pim_cfg_default(struct pim_cfg *c, enum net_af af);

/* Per-interface configuration (`pim sm` and the interface commands). */
struct pim_if_cfg {
	sim_time_t hello_period;      /* Hello_Period, 30 s */
	sim_time_t triggered_hello;   /* Triggered_Hello_Delay, 5 s */
	sim_time_t hello_holdtime;    /* 3.5 x Hello_Period, 105 s */
	uint32_t dr_priority;	      /* 1 */
	sim_time_t propagation_delay; /* Propagation_delay, 500 ms */
	sim_time_t override_interval; /* t_override, 2.5 s */
	sim_time_t jp_holdtime;	      /* J/P Holdtime sent, 3.5 x t_periodic */
	bool ignore_dr;		      /* `pim ignore dr-state` */
	bool ignore_assert;	      /* `pim ignore assert-state` */
	/* our address on the link: primary IPv4, or the link-local */
	struct net_addr addr;
	/* Our other addresses on the link (IPv4 secondaries, IPv6 global
	 * addresses), sent in the Hello Address List option (RFC 7761
	 * 4.3.4) so that neighbors whose routes point at them find us as
	 * RPF neighbor. */
	struct net_addr sec[PIM_IF_MAX_SEC];
	size_t nsec;
};

void pim_if_cfg_default(struct pim_if_cfg *c, enum net_af af);

/* Reverse path towards an address (RFC 7761 4.5.7 RPF'(S), MRIB.next_hop) */
struct pim_rpf {
	int ifindex;		 /* -1: unreachable */
	struct net_addr nexthop; /* neighbor; the address itself when
				    directly connected */
	uint32_t metric_pref;	 /* route preference (Assert metrics) */
	uint32_t metric;
	bool connected; /* addr is on the link ifindex */
};

struct pim_ops {
	/* A PIM message (the whole PIM message, checksum filled by the
	 * caller) out of interface ifindex to ALL-PIM-ROUTERS (224.0.0.13 /
	 * ff02::d), TTL 1. 0 or -1. */
	int (*send_link)(void *ctx, int ifindex, const uint8_t *msg,
			 size_t len);
	/* A PIM message routed to a unicast address (Register to the RP,
	 * Register-Stop to the DR), from src (unspecified: the router's
	 * choice). 0 or -1. */
	int (*send_unicast)(void *ctx, const struct net_addr *src,
			    const struct net_addr *dst, const uint8_t *msg,
			    size_t len);
	int (*rpf)(void *ctx, const struct net_addr *a, struct pim_rpf *out);
	/* Is a one of this router's addresses (RP, DR for Register-Stop)? */
	bool (*is_local)(void *ctx, const struct net_addr *a);
	/* Forwarding state (router_mroute_set / _del / _packets). */
	int (*mroute_set)(void *ctx, const struct net_addr *src,
			  const struct net_addr *grp, int iif, const int *oifs,
			  size_t n, bool cpu_copy);
	int (*mroute_del)(void *ctx, const struct net_addr *src,
			  const struct net_addr *grp);
	bool (*mroute_packets)(void *ctx, const struct net_addr *src,
			       const struct net_addr *grp, uint64_t *pkts);
	/* Decapsulated Register data out of oifs (RP). */
	size_t (*forward)(void *ctx, const uint8_t *ip, size_t len,
			  const int *oifs, size_t n);
};

struct pim *pim_new(struct node *n, const struct pim_cfg *cfg,
		    const struct pim_ops *ops, void *ctx);
void pim_free(struct pim *p); /* silent */
void pim_set_cfg(struct pim *p, const struct pim_cfg *cfg);
const struct pim_cfg *pim_get_cfg(const struct pim *p);

/* Interfaces with `pim sm` that are up (add), or gone/down (del: its
 * neighbors and downstream state go; a Hello with holdtime 0 is sent
 * first when send_goodbye). */
int pim_if_add(struct pim *p, int ifindex, const char *name,
	       const struct pim_if_cfg *cfg);
void pim_if_del(struct pim *p, int ifindex, bool send_goodbye);
int pim_if_set_cfg(struct pim *p, int ifindex, const struct pim_if_cfg *c);

/* A decoded PIM message received on ifindex from src to dst. */
void pim_rx(struct pim *p, int ifindex, const struct pim_msg *m,
	    const struct net_addr *src, const struct net_addr *dst);

/* Local membership on ifindex (IGMP/MLD listener, RFC 7761 4.1.6):
 * src unspecified is (*,G) with include true for a group record in
 * EXCLUDE mode; a source with include true is local_receiver_include
 * (S,G,I), include false local_receiver_exclude(S,G,I); present false
 * removes it. */
void pim_local_member(struct pim *p, int ifindex, const struct net_addr *grp,
		      const struct net_addr *src, bool include, bool present);

/* Data plane events (router_mroute_ops): a no-cache packet, a copy of a
 * packet on a cpu_copy entry, a packet on an outgoing interface. ip is
 * the IP packet (header onwards), used for Register encapsulation. */
void pim_data_nocache(struct pim *p, int ifindex, const struct net_addr *src,
		      const struct net_addr *grp, const uint8_t *ip,
		      size_t len);
void pim_data_copy(struct pim *p, int ifindex, const struct net_addr *src,
		   const struct net_addr *grp, const uint8_t *ip, size_t len);
void pim_data_wrong_iif(struct pim *p, int ifindex, const struct net_addr *src,
			const struct net_addr *grp);

/* Unicast routing changed: recompute RPF neighbors of every entry
 * (RFC 7761 4.5.7 "RPF'(S) changes"). */
void pim_rib_changed(struct pim *p);

/* ---- read-out for displays and tests ---- */

struct pim_nbr_info {
	int ifindex;
	struct net_addr addr;
	uint32_t dr_priority;
	bool has_dr_priority;
	uint32_t genid;
	sim_time_t holdtime; /* as advertised */
	sim_time_t expires;  /* absolute; -1 never (holdtime 0xffff) */
	sim_time_t uptime;   /* since */
};

struct pim_if_info {
	int ifindex;
	const char *name;
	struct net_addr addr;
	struct net_addr dr; /* elected DR */
	bool we_are_dr;
	size_t nnbrs;
	sim_time_t next_hello; /* absolute */
	uint32_t dr_priority;
	uint64_t hello_tx, hello_rx, jp_tx, jp_rx, assert_tx, assert_rx;
	uint64_t drops; /* messages discarded on this interface */
};

/* One TIB entry with its downstream interfaces, for `display pim
 * routing-table`. */
struct pim_entry_info {
	struct net_addr src; /* af NET_AF_NONE: (*,G) */
	struct net_addr grp;
	bool rpt;	     /* (S,G,rpt) prune state only */
	struct net_addr rp;  /* (*,G) and RPT: the RP */
	bool spt;	     /* (S,G) SPTbit */
	bool register_state; /* DR: Join / Prune / Join-Pending / NoInfo */
	const char *reg_state;
	const char *upstream_state; /* "Joined", "NotJoined", ... */
	int iif;		    /* RPF interface, -1 none */
	struct net_addr rpf_nbr;
	sim_time_t keepalive_expires; /* -1: not running */
	sim_time_t uptime;
	size_t noifs;
	struct {
		int ifindex;
		const char *state; /* "Join", "Prune-Pending", "local"... */
		const char *assert_state;
		sim_time_t expires;
	} oifs[32];
};

void pim_each_nbr(const struct pim *p,
		  void (*fn)(void *arg, const struct pim_nbr_info *n),
		  void *arg);
bool pim_if_info(const struct pim *p, int ifindex, struct pim_if_info *out);
void pim_each_entry(const struct pim *p,
		    void (*fn)(void *arg, const struct pim_entry_info *e),
		    void *arg);
/* The RP for a group, false when none (SSM range or no RP). */
bool pim_rp_of(const struct pim *p, const struct net_addr *grp,
	       struct net_addr *rp);

/* Why a received message (or part of one) was discarded. */
enum pim_drop {
	PIM_DROP_NO_IF,	      /* not a PIM interface */
	PIM_DROP_FAMILY,      /* message or address of the other family */
	PIM_DROP_SELF,	      /* sent by ourselves */
	PIM_DROP_BAD_ADDR,    /* group not multicast, source not unicast */
	PIM_DROP_RP_MISMATCH, /* (*,G) J/P naming another RP (4.5.2) */
	PIM_DROP_SSM,	      /* (*,G) state or Register in the SSM range */
	PIM_DROP_NO_RP,	      /* (*,G) for a group without RP */
	PIM_DROP_REG_INNER,   /* Register whose inner packet is unusable */
	PIM_DROP_REG_NOT_RP,  /* Register-Stop from other than RP(G) */
	PIM_DROP_UNSUPPORTED, /* Bootstrap, C-RP, PIM-DM, BIDIR types */
	PIM_DROP_WILDCARD,    /* J/P source with W but not R (4.9.5) */
	PIM_DROP__COUNT
};

/* "no-interface", "family", "self", "bad-address",
 * "rp-mismatch", "ssm", "no-rp", "register-inner", "register-stop-rp",
 * "unsupported", "wildcard"; "unknown" outside the enum. */
const char *pim_drop_name(enum pim_drop d);

/* Router-wide counters (displays, tests). */
struct pim_stats {
	uint64_t drops[PIM_DROP__COUNT];
	uint64_t register_tx, null_register_tx, register_rx;
	uint64_t register_stop_tx, register_stop_rx;
	uint64_t tx_fail; /* ops->send_* refused or the message did not
			     encode */
	uint64_t entries; /* TIB entries now, (*,G) and (S,G) */
};

void pim_get_stats(const struct pim *p, struct pim_stats *out);

#endif
