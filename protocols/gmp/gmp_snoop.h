/*
 * IGMP and MLD snooping on the L2 switch (RFC 4541 sections 2 and 3). A
 * node module: on a switch whose `snooping` option is on it installs the
 * switch's multicast hook, learns router ports from queries and PIM hellos
 * and member ports from reports, and chooses the egress ports of every IP
 * multicast frame (RFC 4541 2.1.2): membership messages to router ports,
 * queries and link-local scope to every port, other groups to their member
 * ports and the router ports. Forwarding is per group, not per source (RFC
 * 4541 2.1.1 leaves source filtering optional). Timers follow the
 * router-side rules of RFC 3376 section 8 / RFC 3810 section 9 with values
 * taken from the querier's queries. See gmp_snoop.c for the exact rules.
 */
#ifndef GMP_SNOOP_H
#define GMP_SNOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "protocols/gmp/gmp_pkt.h"
#include "sim/node/node_module.h"

/* Defaults (RFC 3376 section 8, RFC 3810 section 9). */
#define GMP_SNOOP_ROBUSTNESS 2
#define GMP_SNOOP_QI	     SIM_S(125)
#define GMP_SNOOP_QRI	     SIM_S(10)

struct gmp_snoop_cfg {
	/* Robustness Variable until a v3 query carries a QRV; 1..7. */
	uint8_t robustness;
	/* Query Interval until a v3 query carries a QQI, ns (125 s). */
	sim_time_t query_interval;
	/* Query Response Interval until a general query gives its Max
	 * Response Time, ns (10 s). */
	sim_time_t query_resp;
	/* Router port timeout, ns; 0: the Other Querier Present Interval
	 * of the family, robustness * QI + QRI / 2 (255 s by default). */
	sim_time_t router_timeout;
	/* Take QRV, QQI and QRI from the queries seen (default true). */
	bool learn;
};

void gmp_snoop_cfg_default(struct gmp_snoop_cfg *c);

/* The node module: attaches to switches with node_switch_snooping(). */
extern const struct node_module gmp_snoop_module;

struct gmp_snoop;

/* Counters of one switch; index [0] IGMP, [1] MLD. */
struct gmp_snoop_cnt {
	uint64_t rx[2][GMP_T__COUNT]; /* well-formed messages by type */
	/* Malformed membership messages by codec reason: not learned from,
	 * sent to router ports only (RFC 4541 2.1.1 (5)). */
	uint64_t bad[GMP_PKT_E__COUNT];
	uint64_t bad_group;    /* report/leave/record for a non-group address */
	uint64_t query_unspec; /* queries from 0.0.0.0 / :: (no router port) */
	uint64_t report_flood; /* reports flooded: no router port known */
	uint64_t pim_hello[2]; /* PIM hellos that made a router port */
	uint64_t pim_bad;      /* PIM hellos with a bad checksum */
	uint64_t data;	       /* data forwarded to member/router ports */
	uint64_t unregistered; /* data for a group without members */
	uint64_t link_local;   /* link-local scope, flooded */
	uint64_t other;	       /* not IP multicast (or undecodable), flooded */
};

/* The snooping state of sw, or NULL when snooping is not attached. */
struct gmp_snoop *gmp_snoop_of(const struct node *sw);
/* Replace the configuration (learned values are dropped). 0 or -EINVAL. */
int gmp_snoop_configure(struct gmp_snoop *s, const struct gmp_snoop_cfg *c);

/* Group Membership Interval (robustness * QI + QRI) and router port
 * timeout now in force for af. */
sim_time_t gmp_snoop_gmi(const struct gmp_snoop *s, enum net_af af);
sim_time_t gmp_snoop_router_timeout(const struct gmp_snoop *s, enum net_af af);

/* Is port (ifindex) a member of group / a router port of af? */
bool gmp_snoop_is_member(const struct gmp_snoop *s,
			 const struct net_addr *group, int port);
bool gmp_snoop_is_router_port(const struct gmp_snoop *s, enum net_af af,
			      int port);
/* When the membership of (group, port) ends unless refreshed, or -1. */
sim_time_t gmp_snoop_member_expiry(const struct gmp_snoop *s,
				   const struct net_addr *group, int port);
/* Groups with at least one member port. */
size_t gmp_snoop_group_count(const struct gmp_snoop *s);
struct gmp_snoop_cnt gmp_snoop_counters(const struct gmp_snoop *s);
/* Print router ports and groups (sorted by address), for the console. */
void gmp_snoop_dump(const struct gmp_snoop *s, FILE *out);

#endif
