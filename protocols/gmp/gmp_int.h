/*
 * Internals of the router-side group membership core (gmp.h), shared by
 * its files: gmp_if.c (interface life cycle, configuration, listeners,
 * read-out), gmp_query.c (querier election and general queries, RFC 3376
 * 6.6.2 / RFC 3810 7.6.2; specific queries and their retransmission, RFC
 * 3376 6.6.3 / RFC 3810 7.6.3), gmp_group.c (group records and the state
 * tables of RFC 3376 6.4 / RFC 3810 7.4, timers of 6.2 and 6.5 / 7.2 and
 * 7.5, import) and gmp_rx.c (reception: checks, drop counting and the
 * older-version mapping of RFC 3376 7.3 / RFC 3810 8.3).
 *
 * Versions are kept on one scale, the "generation": 1 = IGMPv1, 2 =
 * IGMPv2 and MLDv1, 3 = IGMPv3 and MLDv2, so one implementation serves
 * both families; gmp_gen() and gmp_ver() convert.
 */
#ifndef GMP_INT_H
#define GMP_INT_H

#include "protocols/gmp/gmp.h"

/*
 * Sources per group-and-source-specific query: what fits a 1500-byte
 * frame (RFC 3376 4.1.8, RFC 3810 5.1.10: a query that would not fit is
 * split). IPv4: 20 header + 4 Router Alert + 12 fixed = 36 bytes, then 4
 * per source; IPv6: 40 + 8 Hop-by-Hop + 28 fixed = 76, then 16 per source.
 */
#define GMP_QUERY_SRC_MAX4 366
#define GMP_QUERY_SRC_MAX6 89

struct gmp_listener {
	gmp_listen_fn fn;
	void *arg;
};

/* A listener notification waiting for the end of the current event. */
struct gmp_event {
	struct net_addr group;
	struct net_addr src; /* af NET_AF_NONE: the group record itself */
	uint8_t mode;	     /* enum gmp_mode */
	uint8_t change;	     /* enum gmp_change */
};

/*
 * One group record (RFC 3376 6.2.1): filter mode, Group Timer, the source
 * records sorted by address with their timers (src[i].expires absolute;
 * -1 for an EXCLUDE-mode source whose timer is zero, the "Exclude List"
 * of 6.2.3), the Host Compatibility Mode with its Older Host Present
 * timers (7.3.2) and the specific query retransmission state (6.6.3).
 */
struct gmp_group {
	struct gmp_if *gi;
	struct net_addr addr;
	enum gmp_mode mode;
	sim_time_t gtimer; /* Group Timer deadline (EXCLUDE), -1: off */
	/* IGMPv1 / IGMPv2 (MLDv1) Host Present timer deadlines, -1: off,
	 * indexed by generation (1, 2). */
	sim_time_t host_present[3];
	uint8_t compat;		  /* Host Compatibility Mode, a generation */
	uint8_t grp_rxmt;	  /* Q(G) transmissions still to send */
	struct gmp_src_info *src; /* sorted by addr */
	uint8_t *src_rxmt;	  /* Q(G,S) transmissions still to send */
	size_t nsrc, capsrc;
	struct net_addr last_reporter;
	sim_time_t created;
	bool imported;
	/* Listeners told of it: false while the first record that
	 * creates it is applied (one ADDED with the final state follows). */
	bool announced;
	struct node_timer exp_timer;  /* earliest group/source/host timer */
	struct node_timer rxmt_timer; /* next specific query */
	sim_time_t rxmt_next;
};

struct gmp_if {
	struct node *node;
	const struct gmp_if_ops *ops;
	void *ctx;
	struct gmp_if_cfg cfg; /* as configured */
	/* In use: cfg with the Robustness Variable and Query Interval
	 * adopted from the querier (RFC 3376 4.1.6, 4.1.7). */
	struct gmp_if_cfg eff;
	uint8_t gen; /* the configured version as a generation */
	bool running;
	bool passive; /* gmp_if_set_passive: no queries, messages dropped */

	/* Querier election (RFC 3376 6.6.2). */
	enum gmp_qstate qstate;
	struct net_addr querier;
	struct node_timer gq_timer; /* General Query timer (querier) */
	sim_time_t gq_next;
	uint8_t startup_left;	     /* Startup Query Count still to send */
	struct node_timer oqp_timer; /* Other Querier Present timer */
	sim_time_t warned;	     /* last version warning, -1: never */

	struct gmp_group **groups; /* sorted by group address */
	size_t ngroups, capgroups;

	uint64_t tx_general, tx_group, tx_group_src, tx_fail;
	uint64_t rx_query, rx_report[4], rx_leave;
	uint64_t drops[GMP_DROP__COUNT];
	uint64_t joins, leaves, version_warnings;

	struct gmp_listener listeners[GMP_MAX_LISTENERS];
	int nlisteners;
	struct gmp_event *ev; /* queued notifications */
	size_t nev, capev;
	bool flushing;

	struct net_addr scratch[GMP_MAX_SOURCES]; /* a record's sources */
	struct gmp_msg txm;			  /* the query being sent */
};

/* Generations (see the top of the file). */
static inline uint8_t gmp_gen(enum net_af af, uint8_t version)
{
	return af == NET_AF_IP6 ? (uint8_t)(version + 1) : version;
}

static inline uint8_t gmp_ver(enum net_af af, uint8_t gen)
{
	return af == NET_AF_IP6 ? (uint8_t)(gen - 1) : gen;
}

static inline sim_time_t gmp_now(const struct gmp_if *gi)
{
	return node_now(gi->node);
}

static inline bool gmp_querier(const struct gmp_if *gi)
{
	return gi->running && gi->qstate == GMP_QUERIER;
}

/* Last Member Query Count and Time in use (RFC 3376 8.8, 8.9). */
uint8_t gmp_lmqc_eff(const struct gmp_if *gi);

/* gmp_if.c: events, logging. */
void gmp_event(struct gmp_if *gi, const struct net_addr *group,
	       const struct net_addr *src, enum gmp_mode mode,
	       enum gmp_change change);
void gmp_flush(struct gmp_if *gi);
const char *gmp_mod(const struct gmp_if *gi); /* "igmp" or "mld" */
/* Begin a log record about group g ("iface" and "group" filled). */
void gmp_log_begin_group(struct sim_log_rec *r, const struct gmp_group *g,
			 const char *event);

/* gmp_query.c */
int gmp_query_init(struct gmp_if *gi); /* the interface timers */
void gmp_query_fini(struct gmp_if *gi);
void gmp_query_start(struct gmp_if *gi);
void gmp_query_stop(struct gmp_if *gi);
void gmp_query_rx(struct gmp_if *gi, const struct gmp_msg *m,
		  const struct net_addr *src);
/* Send the due specific queries of g now and schedule the next
 * retransmission (RFC 3376 6.6.3). */
void gmp_query_specific(struct gmp_group *g);
void gmp_query_rxmt_fire(struct node_timer *nt);
/* Drop g's retransmission state (no longer querier, group gone). */
void gmp_query_specific_cancel(struct gmp_group *g);

/* gmp_group.c */
struct gmp_group *gmp_group_find(const struct gmp_if *gi,
				 const struct net_addr *addr);
long gmp_src_find(const struct gmp_group *g, const struct net_addr *a);
/* A new INCLUDE({}) record, not yet announced; NULL when out of memory. */
struct gmp_group *gmp_group_new(struct gmp_if *gi, const struct net_addr *addr);
/* Tell listeners and the log about a new record (its state as is). */
void gmp_group_announce(struct gmp_group *g);
/* Delete the record, sources first (listeners told); cause NULL: not
 * logged (gmp_if_free). */
void gmp_group_delete(struct gmp_group *g, const char *cause);
void gmp_group_set_mode(struct gmp_group *g, enum gmp_mode mode);
/* Source records: insert (index, or -1 when out of memory), remove, set
 * the timer (absolute, -1: zero); listeners told of what changes. */
long gmp_src_insert(struct gmp_group *g, const struct net_addr *a,
		    sim_time_t expires);
void gmp_src_remove(struct gmp_group *g, size_t i);
void gmp_src_set(struct gmp_group *g, size_t i, sim_time_t expires);
/* Re-arm g's expiry timer at its earliest deadline. */
void gmp_group_arm(struct gmp_group *g);
/*
 * Apply one group record of type t (enum gmp_rec_type) with sources
 * b[0..n), carried by a message of generation gen from `from` (RFC 3376
 * 6.4, with the older-version rules of 7.3.2: the Host Present timer of
 * an older report; BLOCK ignored and TO_EX sources dropped in an older
 * compatibility mode). from NULL: no reporter.
 */
void gmp_group_record(struct gmp_if *gi, uint8_t t,
		      const struct net_addr *group, const struct net_addr *b,
		      size_t n, const struct net_addr *from, uint8_t gen);
/* Recompute the compatibility mode (logs a change). */
void gmp_group_compat(struct gmp_group *g);
/* A specific query without the S flag heard (RFC 3376 6.6.1,
 * RFC 2236 section 3): lower the timers to now + lmqt. */
void gmp_group_lower(struct gmp_group *g, const struct net_addr *srcs, size_t n,
		     sim_time_t lmqt);

#endif
