/*
 * The L2 learning switch: a transparent bridge after IEEE 802.1D clause 7
 * (learning, filtering database with ageing, forwarding, flooding), one
 * VLAN domain, no spanning tree. Ports are the node's interfaces, added
 * with node_iface_add before links attach. Forwarding is store-and-forward:
 * a frame is sent out when its last bit has arrived, plus `latency` (0 by
 * default). IGMP/MLD snooping (RFC 4541) is not done here: the switch only
 * carries the `snooping` option and a multicast forwarding hook that a
 * snooping module (protocols/gmp/gmp_snoop.h) installs to choose the ports
 * of IP multicast frames. See node_switch.c for the exact rules.
 */
#ifndef NODE_SWITCH_H
#define NODE_SWITCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/node/node.h"

#define NODE_SWITCH_AGEING_DEFAULT SIM_S(300) /* 802.1D default ageing */
#define NODE_SWITCH_MAX_ENTRIES	   65536

/* Per-port counters (frames). */
struct node_switch_port_cnt {
	uint64_t rx;	   /* accepted on this port */
	uint64_t fwd;	   /* known unicast sent out of this port */
	uint64_t flood;	   /* flooded copies sent out of this port */
	uint64_t filtered; /* known unicast whose port is the ingress */
	uint64_t drops;	   /* port down, malformed, bad source, reserved */
	uint64_t learned;  /* entries created on this port */
	uint64_t moves;	   /* entries moved to this port */
	uint64_t aged;	   /* entries aged out of this port */
	uint64_t flushed;  /* entries flushed on carrier loss */
	uint64_t mcast;	   /* multicast copies sent here by the mcast hook */
	uint64_t snooped;  /* multicast copies the mcast hook kept off here */
};

/* One filtering-database entry, as returned by node_switch_fdb. */
struct node_switch_fdb_entry {
	struct net_mac mac;
	int port;	      /* ifindex */
	sim_time_t last_seen; /* last frame with this source, ns */
};

/* mac_ageing 0 means the default (300 s); negative disables ageing. */
struct node *node_switch_new(struct node_env *env, const char *name,
			     sim_time_t mac_ageing);

/* Extra forwarding latency added after store-and-forward (default 0). */
void node_switch_set_latency(struct node *sw, sim_time_t latency);
/* Table capacity (default NODE_SWITCH_MAX_ENTRIES). */
void node_switch_set_max_entries(struct node *sw, size_t max);

/*
 * Multicast forwarding hook. select is called for every valid frame whose
 * destination MAC is an IPv4 (01:00:5e, high bit of the 4th octet clear)
 * or IPv6 (33:33) multicast MAC, with the frame dissected into *pi (pi->err
 * tells how far it decoded); it may learn from the frame, and returns how
 * many ports (ifindex) it wrote to out_ports (at most max, the number of
 * ports), or -1 to flood the frame as usual. The switch sends a copy out of
 * each listed port that is oper up, once each, never back out of in_port,
 * in ifindex order, with the usual timing; 0 ports drops the frame. port
 * is called when a port's carrier goes down or up (after the MAC flush),
 * reset when the switch crashes or restarts (all learned state is lost).
 * port is not called while the switch is crashed; no hook is called at
 * destroy. A hook without select is no hook.
 */
struct net_pkt_info;
struct node_switch_mcast {
	int (*select)(void *ctx, struct node *sw, int in_port,
		      const struct net_frame *f, const struct net_pkt_info *pi,
		      int *out_ports, int max);
	void (*port)(void *ctx, struct node *sw, int port, bool up);
	void (*reset)(void *ctx, struct node *sw);
	void *ctx;
};

/* Install (copied) or, with NULL, remove the hook. 0, or -1 when sw is not
 * a switch. */
int node_switch_set_mcast(struct node *sw, const struct node_switch_mcast *m);
/* The installed hook, or NULL. */
const struct node_switch_mcast *node_switch_get_mcast(const struct node *sw);
/* The `snooping` option (configuration only: read by the snooping module
 * when it attaches; the scenario sets it from `snooping: true`). */
void node_switch_set_snooping(struct node *sw, bool on);
bool node_switch_snooping(const struct node *sw);

/* Port (ifindex) a MAC is learned on, or -1. */
int node_switch_lookup(const struct node *sw, const struct net_mac *mac);
/* Number of entries. */
size_t node_switch_fdb_count(const struct node *sw);
/* Copy up to max entries sorted by MAC; returns the number of entries. */
size_t node_switch_fdb(const struct node *sw, struct node_switch_fdb_entry *out,
		       size_t max);
/* Counters of a port; a zeroed block for a port that saw nothing. */
struct node_switch_port_cnt node_switch_port_counters(const struct node *sw,
						      int ifindex);
/* Frames refused learning because the table was full. */
uint64_t node_switch_table_full(const struct node *sw);
/* Print the MAC table like "display mac-address" (sorted by MAC). */
void node_switch_dump(const struct node *sw, FILE *out);

#endif
