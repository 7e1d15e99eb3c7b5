/*
 * Internals of the group membership host side (gmp_host.h), shared by
 * gmp_host.c (module, listeners, per-interface state, compatibility mode,
 * receive path), gmp_host_v12.c (IGMPv1/v2 and MLDv1 group state machine,
 * RFC 2236 section 6, RFC 2710 section 5), gmp_host_v3.c (IGMPv3 and MLDv2
 * state-change reports and query answers, RFC 3376 sections 5.1 and 5.2,
 * RFC 3810 sections 6.1 to 6.3) and gmp_host_tx.c (message building and
 * sending). Not for use outside protocols/gmp.
 */
#ifndef GMP_HOST_INT_H
#define GMP_HOST_INT_H

#include "protocols/gmp/gmp_host.h"
#include "protocols/gmp/gmp_pkt.h"
#include "sim/node/node_host.h"

/* A v3 source with retransmission state (RFC 3376 section 5.1). */
struct gh_src {
	struct net_addr a;
	uint8_t left; /* State-Change Reports still to carry it */
};

struct gh_if;

/* One group the module follows on an interface. */
struct gh_grp {
	struct gh_if *gi;
	struct net_addr group;
	/* The interface state as last seen (non-member: INCLUDE {}). */
	bool member;
	enum node_host_filter mode;
	struct net_addr *srcs; /* sorted */
	size_t nsrc;
	/* IGMPv1/v2, MLDv1 (RFC 2236 section 6). */
	enum gmp_host_v12 st;
	bool last_reporter; /* we sent the last report (the "flag") */
	uint8_t unsol_left; /* unsolicited repeats still to send */
	/* v1/v2 report delay timer; v3 pending group query answer. */
	struct node_timer t;
	/* IGMPv3/MLDv2 retransmission state (RFC 3376 section 5.1). */
	uint8_t fmc_left; /* Filter-Mode-Change records still to send */
	struct gh_src *rtx;
	size_t nrtx, caprtx;
	struct node_timer rtx_t; /* next State-Change Report */
	/* v3 answer to a group(-and-source) query (RFC 3376 5.2). */
	bool q_pending;
	struct net_addr *qsrcs; /* recorded sources, sorted */
	size_t nqsrc;
};

/* One interface and family. */
struct gh_if {
	struct gmp_host *gh;
	struct node_iface *ifp;
	enum net_af af;
	uint8_t version;    /* configured; 0: nothing to do */
	uint8_t compat;	    /* host compatibility mode in use */
	uint8_t robustness; /* [Robustness Variable], learned QRV */
	sim_time_t qi;	    /* [Query Interval], learned QQI */
	sim_time_t qri;	    /* [Query Response Interval] */
	/* Older version querier present: IGMP [0] v1, [1] v2; MLD [0]. */
	struct node_timer older[2];
	struct node_timer gen_t; /* v3 answer to a general query */
	struct gh_grp **grps;	 /* ascending group order */
	size_t ngrps, capgrps;
	uint64_t rx_query[4], rx_report, suppressed;
	uint64_t tx_report[4], tx_leave;
	uint64_t drops[GMP_HOST_DROP__COUNT];
};

struct gmp_host {
	struct node *node;
	struct gh_if **ifs;
	size_t nifs, capifs;
};

static inline sim_time_t gh_now(const struct gh_if *gi)
{
	return node_now(gi->gh->node);
}

/* In IGMPv3 or MLDv2 mode (else v1/v2 behaviour). */
static inline bool gh_is_v3(const struct gh_if *gi)
{
	return gi->compat == (gi->af == NET_AF_IP4 ? 3 : 2);
}

/* A random delay in [0, max) from the node's stream. */
sim_time_t gh_rand(struct gh_if *gi, sim_time_t max);
/* [Unsolicited Report Interval] of the mode in use. */
sim_time_t gh_uri(const struct gh_if *gi);
void gh_log_begin(struct sim_log_rec *r, const struct gh_if *gi,
		  const char *event);
/* Free g when nothing is left to do for it (not a member, nothing
 * pending). True when freed. */
bool gh_grp_gc(struct gh_grp *g);

/* gmp_host_v12.c */
void gh_v12_change(struct gh_grp *g, bool was_member);
void gh_v12_query(struct gh_if *gi, const struct net_addr *group,
		  sim_time_t max_resp);
void gh_v12_heard(struct gh_grp *g);
void gh_v12_timer(struct gh_grp *g);

/* gmp_host_v3.c */
void gh_v3_change(struct gh_grp *g, bool was_member,
		  enum node_host_filter old_mode,
		  const struct net_addr *old_srcs, size_t old_n);
void gh_v3_query(struct gh_if *gi, const struct gmp_msg *m);
void gh_v3_group_timer(struct gh_grp *g);
void gh_v3_rtx_timer(struct gh_grp *g);
void gh_v3_general_timer(struct gh_if *gi);
bool gh_srcs_has(const struct net_addr *v, size_t n, const struct net_addr *a);

/* gmp_host_tx.c: a v3 report being built, sent in as many messages as
 * needed (RFC 3376 section 4.2.16, RFC 3810 section 5.2.15). */
struct gh_rep {
	struct gh_if *gi;
	struct gmp_msg *m; /* the message being filled (NULL: no memory) */
	size_t bytes;	   /* encoded size of the message so far */
	const char *why;   /* log reason, NULL: not logged (query answers) */
	int sent;	   /* messages sent */
};

void gh_rep_begin(struct gh_rep *r, struct gh_if *gi, const char *why);
void gh_rep_add(struct gh_rep *r, uint8_t type, const struct net_addr *group,
		const struct net_addr *srcs, size_t n);
void gh_rep_end(struct gh_rep *r);
/* A v1/v2 report (type by mode) for g, to the group. */
void gh_send_report12(struct gh_if *gi, const struct net_addr *group,
		      const char *why);
/* IGMPv2 Leave Group to 224.0.0.2, MLDv1 Done to ff02::2. */
void gh_send_leave(struct gh_if *gi, const struct net_addr *group);

#endif
