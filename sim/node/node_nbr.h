/*
 * The neighbor cache of one interface and one family, shared by hosts and
 * routers: ARP for IPv4 (RFC 826, RFC 1122 section 2.3.2) and Neighbor
 * Discovery address resolution with a simplified NUD for IPv6 (RFC 4861
 * sections 7.2 and 7.3). The cache keeps entries, retransmits
 * solicitations, queues packets waiting for resolution and fills in their
 * destination MAC; the owner parses received ARP/NS/NA packets, hands them
 * in, answers requests, and supplies the transmit and notification hooks
 * (node_nbr_ops). See node_nbr.c for the exact rules and simplifications.
 */
#ifndef NODE_NBR_H
#define NODE_NBR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_arp.h"
#include "sim/net/net_frame.h"
#include "sim/net/net_icmp6.h"
#include "sim/node/node.h"

enum node_nbr_state {
	NODE_NBR_INCOMPLETE, /* resolving: solicitations being sent */
	NODE_NBR_REACHABLE,  /* confirmed recently */
	NODE_NBR_STALE,	     /* ND only: not confirmed lately, still used */
	NODE_NBR_STATE__COUNT
};

struct node_nbr_ops {
	/* Send a solicitation for target: an ARP request (broadcast) or an
	 * NS to the solicited-node address of target. */
	void (*send_solicit)(void *ctx, struct node_iface *ifp,
			     const struct net_addr *target);
	/* Send a frame whose destination MAC has been filled in. */
	void (*send_frame)(void *ctx, struct node_iface *ifp,
			   struct net_frame *f);
	/* addr resolved to mac, or its MAC changed (optional). */
	void (*resolved)(void *ctx, struct node_iface *ifp,
			 const struct net_addr *addr,
			 const struct net_mac *mac);
	/* Resolution failed; pending holds the packets that waited (freed
	 * after the call), e.g. to send ICMP unreachables (optional). */
	void (*failed)(void *ctx, struct node_iface *ifp,
		       const struct net_addr *addr,
		       const struct net_fifo *pending);
	/* A resolved entry went away: expired or flushed (optional). */
	void (*removed)(void *ctx, struct node_iface *ifp,
			const struct net_addr *addr);
};

struct node_nbr_params {
	sim_time_t retrans;   /* RetransTimer / ARP retry interval, ns */
	unsigned max_solicit; /* MAX_MULTICAST_SOLICIT: attempts in all */
	sim_time_t reachable; /* ARP: entry lifetime; ND: ReachableTime */
	unsigned max_pending; /* packets queued per unresolved entry */
	size_t max_entries;   /* cache size bound */
};

/* Defaults: 1 s, 3, ARP 1200 s (VRP ARP aging) / ND 30 s, 3, 16384. */
#define NODE_NBR_RETRANS     SIM_S(1)
#define NODE_NBR_MAX_SOLICIT 3
#define NODE_NBR_ARP_AGING   SIM_S(1200)
#define NODE_NBR_ND_REACH    SIM_S(30)
#define NODE_NBR_MAX_PENDING 3
#define NODE_NBR_MAX_ENTRIES 16384

struct node_nbr_cnt {
	uint64_t solicits;	/* solicitations sent */
	uint64_t resolved;	/* INCOMPLETE -> usable */
	uint64_t failed;	/* resolutions given up */
	uint64_t pending_drops; /* queued packets lost (overflow, failure,
				   flush) */
	uint64_t expired;	/* ARP entries aged out */
	uint64_t updates;	/* MAC changes of known entries */
	uint64_t full;		/* entries refused: cache full */
};

struct node_nbr;

struct node_nbr_entry {
	struct node_nbr_entry *hnext;
	struct node_nbr *cache;
	struct net_addr addr;
	struct net_mac mac; /* valid unless INCOMPLETE */
	enum node_nbr_state state;
	bool is_router;	    /* ND: IsRouter flag from the last NA */
	unsigned solicits;  /* solicitations sent while INCOMPLETE */
	sim_time_t updated; /* last state change or confirmation, ns */
	struct net_fifo pending;
	struct node_timer timer;
};

struct node_nbr {
	struct node *node;
	struct node_iface *ifp;
	enum net_af af;
	const struct node_nbr_ops *ops;
	void *ctx;
	struct node_nbr_params p;
	struct node_nbr_entry **buckets;
	size_t nbuckets, n;
	struct node_nbr_cnt cnt;
};

/* What node_nbr_output did with the frame. */
enum node_nbr_out {
	NODE_NBR_SENT,	  /* usable entry: sent with the MAC filled in */
	NODE_NBR_QUEUED,  /* waiting for resolution */
	NODE_NBR_DROPPED, /* no memory or cache full (frame freed) */
};

/* af NET_AF_IP4 (ARP) or NET_AF_IP6 (ND). 0, or -1 on a bad family or no
 * memory. Parameters start at the defaults and may be changed in c->p. */
int node_nbr_init(struct node_nbr *c, struct node_iface *ifp, enum net_af af,
		  const struct node_nbr_ops *ops, void *ctx);
/* Free everything silently (no log, no callbacks). */
void node_nbr_fini(struct node_nbr *c);

/*
 * Send f (a whole Ethernet frame, destination MAC to be filled in) to the
 * neighbor nh: at once when usable, else queued (up to p.max_pending, the
 * oldest giving way) while a resolution is started or under way. f may be
 * NULL to only start resolving.
 */
enum node_nbr_out node_nbr_output(struct node_nbr *c, const struct net_addr *nh,
				  struct net_frame *f);
/* The entry for addr, or NULL. */
const struct node_nbr_entry *node_nbr_lookup(const struct node_nbr *c,
					     const struct net_addr *addr);
/* True and *mac set when addr has a usable (REACHABLE/STALE) entry. */
bool node_nbr_mac(const struct node_nbr *c, const struct net_addr *addr,
		  struct net_mac *mac);

/*
 * A received ARP packet (any opcode) on this interface: RFC 826 merge.
 * target_is_me: its target protocol address is one of ours.
 */
void node_nbr_arp_input(struct node_nbr *c, const struct net_arp *a,
			bool target_is_me);
/* A received NS from src (RFC 4861 section 7.2.3); sll may be NULL. */
void node_nbr_ns_input(struct node_nbr *c, const struct net_ip6 *src,
		       const struct net_mac *sll);
/* A received NA (RFC 4861 section 7.2.5). */
void node_nbr_na_input(struct node_nbr *c, const struct net_nd *nd);

/* Delete every entry (interface down): logged "deleted" with why,
 * pending packets dropped, removed called for resolved entries. */
void node_nbr_flush(struct node_nbr *c, const char *why);
/* Delete one entry (logged, callbacks as for flush). False if absent. */
bool node_nbr_delete(struct node_nbr *c, const struct net_addr *addr,
		     const char *why);

/* "incomplete", "reachable", "stale". */
const char *node_nbr_state_name(enum node_nbr_state s);
/* Copy up to max entries sorted by address; returns the entry count. */
size_t node_nbr_entries(const struct node_nbr *c,
			const struct node_nbr_entry **out, size_t max);
/* Print the cache like "display arp" / "display ipv6 neighbors". */
void node_nbr_dump(const struct node_nbr *c, FILE *out);

#endif
