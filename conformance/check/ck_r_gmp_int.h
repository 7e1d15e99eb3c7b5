/*
 * Internals of the "gmp" rule module of `failsim check` (ck_r_gmp*.c):
 * group membership messages, IGMPv1 (RFC 1112), IGMPv2 (RFC 2236), IGMPv3
 * (RFC 3376), MLDv1 (RFC 2710) and MLDv2 (RFC 3810), decoded with the
 * simulator's codec (protocols/gmp/gmp_pkt.h). Each check exists for both
 * families ("igmp.*" and "mld.*"); a check is named by its kind and the
 * message's family picks the rule. The run state holds the decode buffer
 * and the bounded flow tables of the per-flow rules: per link and family
 * the queriers and the recent queries, per group the last reports and
 * the Leave / Done being answered, per host and group the last report.
 */
#ifndef CK_R_GMP_INT_H
#define CK_R_GMP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_proto.h"
#include "conformance/check/ck_r_gmp_ftab.h"
#include "protocols/gmp/gmp_pkt.h"

/* The checks; most exist for IGMP and MLD alike. */
enum ck_gmp_kind {
	CK_GMP_CSUM,		  /* igmp.csum, mld.csum */
	CK_GMP_LENGTH,		  /* igmp.length, mld.length */
	CK_GMP_TTL,		  /* igmp.ttl, mld.hop-limit */
	CK_GMP_RA,		  /* igmp.router-alert, mld.router-alert */
	CK_GMP_SRC_LL,		  /* mld.src-ll */
	CK_GMP_V3_REPORT_DST,	  /* igmp.v3-report-dst, mld.v2-report-dst */
	CK_GMP_QUERY_DST,	  /* igmp.query-dst, mld.query-dst */
	CK_GMP_LEAVE_DST,	  /* igmp.leave-dst, mld.done-dst */
	CK_GMP_REPORT_DST,	  /* igmp.report-dst, mld.report-dst */
	CK_GMP_GROUP,		  /* igmp.group, mld.group */
	CK_GMP_GROUP_SCOPE,	  /* igmp.group-all-systems, mld.group-scope */
	CK_GMP_REC_TYPE,	  /* igmp.v3-rec-type, mld.v2-rec-type */
	CK_GMP_QUERY_NSRC,	  /* igmp.query-nsrc, mld.query-nsrc */
	CK_GMP_QUERY_QRV,	  /* igmp.query-qrv, mld.query-qrv */
	CK_GMP_QUERY_MRT,	  /* igmp.query-mrt, mld.query-mrt */
	CK_GMP_QUERY_INTERVAL,	  /* igmp.query-interval, mld.query-interval */
	CK_GMP_QUERIER_ELECTION,  /* igmp/mld.querier-election */
	CK_GMP_RESPONSE_DEADLINE, /* igmp/mld.response-deadline */
	CK_GMP_LEAVE_QUERY,	  /* igmp.leave-query, mld.done-query */
	CK_GMP__NKINDS
};

/* The rule table (ck_r_gmp_rules.c) and the rule of a kind for a family
 * (NULL when the family has no such rule). */
#define CK_GMP_NRULES 37
extern const struct ck_rule ck_gmp_rules[CK_GMP_NRULES];
const struct ck_rule *ck_gmp_rule(enum ck_gmp_kind k, enum net_af af);

/*
 * Tolerances of the timing rules, for capture timestamp noise and the
 * sender's processing: a querier's General Queries may be late by
 * CK_GMP_QI_TOL_PCT percent of its Query Interval plus CK_GMP_TOL; a
 * report may follow its query by Max Resp Time plus CK_GMP_TOL; a
 * router that hears a lower-addressed querier may still send a query
 * already on its way within CK_GMP_TOL; the first Group-Specific Query
 * follows a Leave within CK_GMP_LEAVE_FIRST; later ones are Last Member
 * Query Interval apart within CK_GMP_TOL plus CK_GMP_QI_TOL_PCT percent.
 */
#define CK_GMP_QI_TOL_PCT  10
#define CK_GMP_TOL	   SIM_MS(500)
#define CK_GMP_LEAVE_FIRST SIM_S(1)

/* Defaults of RFC 3376 section 8 and RFC 3810 section 9 (the same). */
#define CK_GMP_DEF_QI	SIM_S(125) /* Query Interval */
#define CK_GMP_DEF_QRI	SIM_S(10)  /* Query Response Interval */
#define CK_GMP_DEF_RV	2	   /* Robustness Variable */
#define CK_GMP_DEF_LMQI SIM_S(1)   /* Last Member Query Interval */
#define CK_GMP_V1_MRT	SIM_S(10)  /* IGMPv1 query: RFC 2236 section 4 */

/* Bounds of the flow state. */
#define CK_GMP_MAX_LINKS   256	/* (link, family) pairs */
#define CK_GMP_MAX_GROUPS  4096 /* (link, family, group) */
#define CK_GMP_MAX_MEMBERS 4096 /* (link, family, host, group) */
#define CK_GMP_QUERIERS	   8	/* queriers remembered per link */
#define CK_GMP_RECENT	   64	/* recent queries remembered per link */
#define CK_GMP_MAX_PENDING 256	/* Leaves waiting for their queries */

/* One query seen on a link, for the response deadline. */
struct ck_gmp_query {
	sim_time_t t;	/* when sent */
	sim_time_t end; /* t + its Max Resp Time */
	bool general;
	struct net_addr group;
};

/* A router seen sending General Queries on a link. */
struct ck_gmp_querier {
	struct net_addr addr;
	sim_time_t last_gq; /* its last General Query */
	sim_time_t qi;	    /* Query Interval its queries announce */
	sim_time_t mrt;	    /* Max Resp Time of its last General Query */
	uint8_t qrv;	    /* QRV of its last query (0: unknown / > 7) */
	uint8_t version;    /* of its last General Query */
};

/* Per (link, family). */
struct ck_gmp_link {
	struct ck_gmp_querier q[CK_GMP_QUERIERS];
	size_t nq;
	struct ck_gmp_query recent[CK_GMP_RECENT];
	size_t rhead, rn;	  /* ring: next slot, entries held */
	sim_time_t evicted_until; /* latest end of a query pushed out */
	bool any_gq;		  /* a General Query was seen */
	bool evicted;		  /* evicted_until is set */
};

/* Per (link, family, group): reports and the Leave being answered. */
struct ck_gmp_group {
	bool has_report, has_old_report;
	sim_time_t last_report;	    /* any version, any host */
	sim_time_t last_old_report; /* IGMPv1/v2 or MLDv1 */
	bool leave_active;	    /* a Leave / Done waits for its queries */
	bool pending;		    /* listed in ck_gmp.pending */
	bool report_seen;	    /* a report for the group since the Leave */
	uint8_t lmqc;		    /* Last Member Query Count expected */
	uint8_t nq;		    /* Group-Specific Queries seen since */
	uint64_t leave_frame;
	sim_time_t leave_t;
	sim_time_t lmqi;   /* Last Member Query Interval (first query's MRT) */
	sim_time_t last_q; /* last Group-Specific Query seen */
	struct net_addr group, querier, host;
};

/* Per (link, family, host, group). */
struct ck_gmp_member {
	bool has_leave;
	sim_time_t last_report;
	sim_time_t last_leave;
};

/* Flow keys: zeroed before filling (compared as bytes). */
struct ck_gmp_lkey {
	uint32_t link;
	uint8_t af;
};

struct ck_gmp_gkey {
	uint32_t link;
	struct net_addr group;
};

struct ck_gmp_mkey {
	uint32_t link;
	struct net_addr host, group;
};

/* One run of the module. */
struct ck_gmp {
	struct gmp_msg msg; /* decode buffer */
	struct ck_ftab *links, *groups, *members;
	struct ck_gmp_group *pending[CK_GMP_MAX_PENDING];
	size_t npending;
	uint64_t pending_dropped;
	sim_time_t next_deadline; /* earliest pending deadline */
	bool warned_links, warned_groups, warned_members;
};

/* Per-flow rules (ck_r_gmp_flow.c). */
int ck_gmp_flow_init(struct ck_gmp *g);
void ck_gmp_flow_free(struct ck_gmp *g);
/* A decoded message m of frame f. */
void ck_gmp_flow_msg(struct ck_ctx *c, struct ck_gmp *g,
		     const struct ck_frame *f, const struct gmp_msg *m);
/* Every frame: settle the Leaves whose queries are overdue at time t. */
void ck_gmp_flow_tick(struct ck_ctx *c, struct ck_gmp *g, sim_time_t t);
/* End of capture: counts of what the tables could not hold. */
void ck_gmp_flow_close(struct ck_ctx *c, struct ck_gmp *g);

/* "1.5s" into buf (sim_time_fmt_short), for details. */
const char *ck_gmp_dur(sim_time_t t, char *buf, size_t len);

#endif
