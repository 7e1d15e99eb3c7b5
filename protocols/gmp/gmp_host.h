/*
 * Host side of group membership: the IGMPv1 (RFC 1112 appendix I), IGMPv2
 * (RFC 2236 sections 3 and 6), IGMPv3 (RFC 3376 section 5), MLDv1 (RFC
 * 2710 section 4) and MLDv2 (RFC 3810 section 6) behaviour of a simulated
 * receiver, per interface and family, with the version the host stack
 * says (node_host_gmp_version; 0: nothing is sent). gmp_host_module is
 * attached to every host; it follows the interface state of node_host
 * (node_host_listen, RFC 3376 section 3.2) and sends unsolicited and
 * state-change reports, leaves, and answers to queries after random delays
 * drawn from the node's own stream; it falls back to the older version
 * when it hears an older querier (RFC 3376 section 7.2.1, RFC 2236 section
 * 4, RFC 3810 section 8.2.1). Link-local scope groups are never reported.
 */
#ifndef GMP_HOST_H
#define GMP_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"
#include "sim/node/node.h"
#include "sim/node/node_module.h"

/* [Unsolicited Report Interval]: IGMPv1/v2 (RFC 2236 section 8.10) and
 * MLDv1 (RFC 2710 section 7.10) 10 s; IGMPv3 (RFC 3376 section 8.11) and
 * MLDv2 (RFC 3810 section 9.11) 1 s. */
#define GMP_HOST_URI_V12 SIM_S(10)
#define GMP_HOST_URI_V3	 SIM_S(1)
/* [Version 1 Router Present Timeout] of an IGMPv2 host (RFC 2236 8.11). */
#define GMP_HOST_V1_ROUTER_TIMEOUT SIM_S(400)
/* An IGMPv1 host answers within 10 s (RFC 1112 appendix I, "D"). */
#define GMP_HOST_V1_MAX_RESP SIM_S(10)
/* Defaults until a v3/MLDv2 query teaches otherwise (RFC 3376 sections
 * 8.1-8.3, RFC 3810 sections 9.1-9.3). */
#define GMP_HOST_ROBUSTNESS 2
#define GMP_HOST_QI	    SIM_S(125)
#define GMP_HOST_QRI	    SIM_S(10)

extern const struct node_module gmp_host_module;

struct gmp_host; /* the module's state on one host (attach) */

/* Why a received message was ignored (per interface and family). */
enum gmp_host_drop {
	GMP_HOST_DROP_MALFORMED, /* the codec refused it */
	GMP_HOST_DROP_SRC,	 /* MLD query not from a link-local address
				    (RFC 3810 section 5.1.14) */
	GMP_HOST_DROP_GROUP,	 /* query for a group that is not multicast */
	GMP_HOST_DROP__COUNT
};

const char *gmp_host_drop_name(enum gmp_host_drop d);

/* RFC 2236 section 6 (and RFC 2710 section 5) per-group states. */
enum gmp_host_v12 { GMP_HOST_NON_MEMBER, GMP_HOST_DELAYING, GMP_HOST_IDLE };

struct gmp_host_if_info {
	uint8_t version;    /* configured: IGMP 1..3, MLD 1..2 */
	uint8_t compat;	    /* in use (an older querier lowers it) */
	uint8_t robustness; /* learned from QRV, else 2 */
	sim_time_t qi;	    /* learned from QQIC, else 125 s */
	sim_time_t qri;	    /* learned from general v3 queries, else 10 s */
	/* Older querier present timers, absolute, -1 when off: IGMP [0]
	 * IGMPv1, [1] IGMPv2; MLD [0] MLDv1. */
	sim_time_t older_until[2];
	sim_time_t general_due; /* pending general query answer, -1 */
	size_t ngroups;		/* groups with state here */
	uint64_t rx_query[4];	/* by query version */
	uint64_t rx_report;	/* other hosts' v1/v2 reports heard */
	uint64_t suppressed;	/* our pending report cancelled by them */
	uint64_t tx_report[4];	/* report messages, by report version */
	uint64_t tx_leave;	/* IGMPv2 Leave / MLDv1 Done */
	uint64_t drops[GMP_HOST_DROP__COUNT];
};

/* 0, or -ENOENT when the module keeps nothing for (ifp, af). */
int gmp_host_if_info(const struct gmp_host *gh, const struct node_iface *ifp,
		     enum net_af af, struct gmp_host_if_info *out);

struct gmp_host_group_info {
	bool member;		   /* the interface has reception state */
	enum gmp_host_v12 state;   /* v1/v2/MLDv1 state */
	bool last_reporter;	   /* RFC 2236 section 6 flag */
	sim_time_t report_due;	   /* v1/v2 report timer, or v3 pending
				      group query answer; -1 when off */
	uint8_t fmc_left;	   /* v3: Filter-Mode-Change reports to go */
	size_t nrtx;		   /* v3: sources with retransmission state */
	sim_time_t retransmit_due; /* v3 state-change retransmission, -1 */
	size_t nqsrc;		   /* v3: sources recorded from queries */
};

/* The module's record of group on ifp; false when it keeps none. */
bool gmp_host_group(const struct gmp_host *gh, const struct node_iface *ifp,
		    const struct net_addr *group,
		    struct gmp_host_group_info *out);

#endif
