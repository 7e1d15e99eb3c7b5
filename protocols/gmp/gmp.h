/*
 * Router side of group membership, one core for IGMP and MLD: an interface
 * (struct gmp_if) runs the querier election and queries (RFC 3376 section
 * 6.1, 6.6; RFC 3810 section 7.1, 7.6), keeps per-group records with
 * filter mode, group timer and per-source timers and applies the report
 * state transition tables (RFC 3376 section 6.4, RFC 3810 section 7.4),
 * group- and group-and-source-specific queries (RFC 3376 6.6.3, RFC 3810
 * 7.6.3), older-version host compatibility (RFC 3376 7.3.2, RFC 3810 8.3.2)
 * and the v1/v2 router behaviour (RFC 2236 section 3, RFC 2710 section 4).
 * The interface knows nothing of routers: it sends queries through ops, is
 * fed decoded messages that the caller has already validated (TTL/hop
 * limit, Router Alert, source address, interface), and tells listeners
 * about membership. Tests drive it directly. Timers come from the node
 * (node_timer), so a control-plane freeze delays them; every state change
 * is logged (module "igmp" or "mld").
 */
#ifndef GMP_H
#define GMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/gmp/gmp_pkt.h"
#include "sim/node/node.h"

#define GMP_NAME_MAX	  64
#define GMP_MAX_LISTENERS 8

enum gmp_mode { GMP_INCLUDE = 0, GMP_EXCLUDE = 1 };

/* Per-interface configuration; gmp_if_cfg_default fills the RFC
 * defaults for a family. */
struct gmp_if_cfg {
	char name[GMP_NAME_MAX];   /* for logs and display: the interface */
	enum net_af af;		   /* NET_AF_IP4: IGMP, NET_AF_IP6: MLD */
	uint8_t version;	   /* IGMP 1..3, MLD 1..2 (default 3 / 2) */
	uint8_t robustness;	   /* Robustness Variable, 2 (2..7 here) */
	sim_time_t query_interval; /* Query Interval, 125 s */
	sim_time_t query_resp;	   /* Query Response Interval, 10 s */
	sim_time_t lmqi; /* Last Member/Listener Query Interval, 1 s */
	uint8_t lmqc;	 /* Last Member Query Count, 0: robustness */
	/* Startup Query Interval, 0: query_interval / 4 */
	sim_time_t startup_interval;
	/* Other Querier Present Interval, 0: computed (RFC 3376 8.5:
	 * robustness * query_interval + query_resp / 2) */
	sim_time_t other_querier;
	/* Our address on the link: query source and election (IGMP: the
	 * interface's primary IPv4 address; MLD: its link-local). */
	struct net_addr addr;
};

void gmp_if_cfg_default(struct gmp_if_cfg *c, enum net_af af);

/* Derived timers (RFC 3376 section 8, RFC 3810 section 9), ns. */
sim_time_t gmp_gmi(const struct gmp_if_cfg *c);	 /* Group Membership
							    Interval */
sim_time_t gmp_oqpi(const struct gmp_if_cfg *c); /* Other Querier Present */
sim_time_t gmp_lmqt(const struct gmp_if_cfg *c); /* Last Member Query Time */
sim_time_t gmp_ohpt(const struct gmp_if_cfg *c); /* Older Host Present */

struct gmp_if;

struct gmp_if_ops {
	/* Send a query (m->type GMP_T_QUERY, version set by the core) to
	 * dst (all-hosts/all-nodes, or the group). 0 or -1. */
	int (*send)(void *ctx, struct gmp_if *gi, const struct gmp_msg *m,
		    const struct net_addr *dst);
};

/* Why a received message was discarded (per interface counters). The
 * caller counts what it checks itself with gmp_if_count_drop. */
enum gmp_drop {
	GMP_DROP_MALFORMED,   /* the codec refused it */
	GMP_DROP_TTL,	      /* TTL / Hop Limit not 1 */
	GMP_DROP_NO_RA,	      /* no Router Alert (where required) */
	GMP_DROP_SRC,	      /* MLD source not link-local (RFC 3810 5.1.14,
				 5.2.13); IGMP source not on the subnet */
	GMP_DROP_GROUP,	      /* group not multicast, or link-local scope */
	GMP_DROP_DST,	      /* destination not acceptable for the type */
	GMP_DROP_VERSION,     /* a v1 router ignores leaves, ... */
	GMP_DROP_NOT_QUERIER, /* group-specific leave while not querier... */
	GMP_DROP_DISABLED,    /* interface not enabled / down */
	GMP_DROP_PASSIVE,     /* passive (hot backup Backup): not ours */
	GMP_DROP__COUNT
};

const char *gmp_drop_name(enum gmp_drop d);

/* Querier state (RFC 3376 6.1, 6.6.2). */
enum gmp_qstate { GMP_QUERIER, GMP_NON_QUERIER };

struct gmp_if_info {
	enum gmp_qstate qstate;
	struct net_addr querier; /* the elected querier's address */
	sim_time_t oqp_expires;	 /* Other Querier Present timer, -1: off */
	sim_time_t next_query;	 /* general query timer, -1: off */
	uint8_t startup_left;	 /* startup queries still to send */
	size_t ngroups;
	uint64_t tx_general, tx_group, tx_group_src;
	uint64_t rx_query, rx_report[4], rx_leave; /* rx_report[v] */
	uint64_t drops[GMP_DROP__COUNT];
	uint64_t joins, leaves; /* groups created / expired or left */
	/* Values in use: a non-querier adopts the querier's QRV and QQI
	 * (RFC 3376 4.1.6, 4.1.7; RFC 3810 5.1.8, 5.1.9). */
	uint8_t robustness;
	sim_time_t query_interval;
	uint64_t tx_fail;	   /* ops->send returned non-zero */
	uint64_t version_warnings; /* queries of another version (7.3.1) */
	bool passive;		   /* gmp_if_set_passive */
};

/*
 * One source of a group record: when its timer expires (absolute; -1 for
 * an EXCLUDE-mode "blocked" source, whose timer is zero in RFC 3376 6.2.3
 * terms) and whether it came from a peer (import).
 */
struct gmp_src_info {
	struct net_addr addr;
	sim_time_t expires; /* absolute, -1: not running */
	bool imported;
};

/* A group record as shown to display, listeners and backup (RBS). */
struct gmp_group_info {
	struct net_addr group;
	enum gmp_mode mode;
	sim_time_t expires; /* group timer, absolute; -1: not running */
	uint8_t compat;	    /* compatibility mode: 1, 2 or 3 (MLD 1, 2) */
	struct net_addr last_reporter;
	sim_time_t uptime; /* created at */
	bool imported;	   /* learned from a peer (RBS), not a host */
	size_t nsrc;
	const struct gmp_src_info *srcs; /* valid until the next event */
};

/*
 * Membership listener: the record for (group, src) on gi appeared,
 * changed or went away. src unspecified (af NET_AF_NONE): the group
 * record itself, with mode its filter mode. Otherwise one source of it,
 * with mode GMP_INCLUDE when traffic from src is wanted (INCLUDE list, or
 * EXCLUDE mode with a running source timer) and GMP_EXCLUDE when it is
 * blocked (EXCLUDE mode, timer zero): RFC 3376 section 6.3. PIM builds its
 * local_receiver_include/exclude (RFC 7761 4.1.6) from this.
 */
enum gmp_change { GMP_ADDED, GMP_CHANGED, GMP_REMOVED };

typedef void (*gmp_listen_fn)(void *arg, struct gmp_if *gi,
			      const struct net_addr *group,
			      const struct net_addr *src, enum gmp_mode mode,
			      enum gmp_change change);

/* An interface on node n; starts disabled (no timers armed). */
struct gmp_if *gmp_if_new(struct node *n, const struct gmp_if_cfg *cfg,
			  const struct gmp_if_ops *ops, void *ctx);
/* Silent: no listener calls, no packets. */
void gmp_if_free(struct gmp_if *gi);

/* Start: become querier and send the startup queries (RFC 3376 7.3 /
 * 6.6.2 startup). Stop: drop every group (listeners told), cancel
 * timers. */
void gmp_if_start(struct gmp_if *gi);
void gmp_if_stop(struct gmp_if *gi);
bool gmp_if_running(const struct gmp_if *gi);

/*
 * Passive mode, for the Backup of a hot-backup pair (RBS/RBP): the
 * interface takes no part in the protocol. It sends no query (no
 * election: it reads as a non-querier with no known querier) and every
 * message it receives is dropped and counted (GMP_DROP_PASSIVE), while
 * its records stay and run down with their timers; imports apply as
 * usual. Entering it marks every record imported: from then on they are
 * the peer's, refreshed or withdrawn only by imports. Leaving it (the
 * Backup becomes Master) makes the interface querier with the startup
 * queries of RFC 3376 section 6.6.2 / RFC 3810 section 7.6.2, so that
 * hosts refresh the records at once. A stopped interface keeps the mode
 * for its next start. Logged ("passive").
 */
void gmp_if_set_passive(struct gmp_if *gi, bool on);
bool gmp_if_passive(const struct gmp_if *gi);

/* Reconfigure (timers, version, robustness; the address for the
 * election). Running timers keep their deadlines; new values apply from
 * their next start. A version change clears compatibility state. */
void gmp_if_set_cfg(struct gmp_if *gi, const struct gmp_if_cfg *cfg);
const struct gmp_if_cfg *gmp_if_cfg(const struct gmp_if *gi);

/* A validated message received on the interface from src (caller has
 * checked TTL, Router Alert, source address form, the interface). */
void gmp_if_rx(struct gmp_if *gi, const struct gmp_msg *m,
	       const struct net_addr *src, const struct net_addr *dst);
void gmp_if_count_drop(struct gmp_if *gi, enum gmp_drop d);

/* Forwarding rule of RFC 3376 section 6.3 / RFC 3810 section 7.3: do
 * local listeners want traffic from src to group on this interface? */
bool gmp_if_wants(const struct gmp_if *gi, const struct net_addr *src,
		  const struct net_addr *group);

void gmp_if_info(const struct gmp_if *gi, struct gmp_if_info *out);
/* Every group record, in ascending group order (display, RBS batch).
 * The callback must not change the interface. */
void gmp_if_each_group(const struct gmp_if *gi,
		       void (*fn)(void *arg, const struct gmp_group_info *g),
		       void *arg);
/* One group's record; false when there is none. out->srcs valid until the
 * next call into gi. */
bool gmp_if_group(const struct gmp_if *gi, const struct net_addr *group,
		  struct gmp_group_info *out);

/*
 * Import a record learned from a peer (RBS hot backup): the group with
 * its mode, timers as remaining durations from now, and sources; the
 * record is marked imported (display shows it) and behaves as if a host
 * had reported it: timers run down, reports from local hosts refresh and
 * clear the mark. remove deletes an imported record (peer said delete).
 * 0, or -1 when the interface is not running or sources do not fit.
 */
struct gmp_import {
	struct net_addr group;
	enum gmp_mode mode;
	sim_time_t group_left; /* remaining group timer, ns (EXCLUDE) */
	size_t nsrc;
	const struct net_addr *srcs;
	const sim_time_t *src_left; /* remaining per source, ns */
};

/* A record a local host reported is kept as it is (0 returned). */
int gmp_if_import(struct gmp_if *gi, const struct gmp_import *e);
int gmp_if_import_remove(struct gmp_if *gi, const struct net_addr *group);

/* Listeners are called once the message, timer or call that caused the
 * changes is done (the interface is consistent), in order; a listener may
 * call into gi, even stop it, but must not free it. */
int gmp_if_listen(struct gmp_if *gi, gmp_listen_fn fn, void *arg);
void gmp_if_unlisten(struct gmp_if *gi, gmp_listen_fn fn, void *arg);

#endif
