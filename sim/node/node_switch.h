/*
 * The L2 learning switch: a transparent bridge after IEEE 802.1D clause 7
 * (learning, filtering database with ageing, forwarding, flooding), one
 * VLAN domain, no spanning tree and no snooping. Ports are the node's
 * interfaces, added with node_iface_add before links attach. Forwarding is
 * store-and-forward: a frame is sent out when its last bit has arrived,
 * plus `latency` (0 by default). See node_switch.c for the exact rules.
 */
#ifndef NODE_SWITCH_H
#define NODE_SWITCH_H

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
