/*
 * Internals of the PIM-SM engine (pim.h), shared by its files: pim.c
 * (instance, interfaces, logging, the end-of-event flush), pim_nbr.c
 * (Hello, neighbors, DR election and the LAN Prune Delay values of RFC
 * 7761 4.3), pim_tib.c (the Tree Information Base of 4.1: groups,
 * entries, per-interface state, garbage collection), pim_macros.c (the
 * olist and desire macros of 4.1.6, 4.2, 4.5 and 4.6: pim_include,
 * inherited_olist, JoinDesired, RPF' ...), pim_rp.c (RP mapping, SSM
 * range, RPF refresh), pim_jp_down.c (J/P reception and the downstream
 * state machines of 4.5.2-4.5.4), pim_jp_up.c (the upstream state
 * machines of 4.5.6-4.5.9 and the evaluation loop), pim_jp_tx.c (J/P
 * messages packed per upstream neighbor), pim_register.c (4.4),
 * pim_data.c (data events, keepalive, Update_SPTbit and the switch to
 * the SPT of 4.2 and 4.2.1, MFIB programming), pim_assert.c (4.6) and
 * pim_info.c (read-out).
 *
 * Deadlines are absolute (node time, ns); -1 means "not running" and
 * SIM_TIME_NEVER "running, never expires" (Holdtime 0xffff).
 */
#ifndef PIM_INT_H
#define PIM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/pim/pim.h"
#include "protocols/pim/pim_pkt.h"

/* Largest PIM message we build (a Register holds a whole data packet). */
#define PIM_TX_MAX 65535
/* J/P and Hello messages are kept to what one 1500-byte frame carries. */
#define PIM_LINK_MTU 1500
/* Holdtime 0xffff in a J/P message: keep the state until cancelled
 * (RFC 7761 4.9.5). */
#define PIM_JP_FOREVER SIM_S(0xffff)
/* Rounds of the per-group evaluation before it is cut (a safety net: one
 * or two are normal, a transition changing another desire). */
#define PIM_EVAL_ROUNDS 8

/* Downstream (*,G) and (S,G) state per interface (4.5.2, 4.5.3). */
enum pim_jp_state { PIM_JP_NOINFO, PIM_JP_JOIN, PIM_JP_PRUNE_PENDING };

/* Downstream (S,G,rpt) state per interface (4.5.4). */
enum pim_rpt_state {
	PIM_RPT_NOINFO,
	PIM_RPT_PRUNED,
	PIM_RPT_PRUNE_PENDING,
	PIM_RPT_PRUNE_TMP,
	PIM_RPT_PP_TMP, /* Prune-Pending-Tmp */
};

/* Upstream (*,G) and (S,G) state (4.5.6, 4.5.7). */
enum pim_up_state { PIM_UP_NOT_JOINED, PIM_UP_JOINED };

/* Upstream (S,G,rpt) state (4.5.9). */
enum pim_rptup_state {
	PIM_RPTUP_NOT_JOINED, /* RPTNotJoined(G) */
	PIM_RPTUP_PRUNED,     /* Pruned(S,G,rpt) */
	PIM_RPTUP_NOT_PRUNED, /* NotPruned(S,G,rpt) */
};

/* DR register state (4.4.1). */
enum pim_reg_state {
	PIM_REG_NOINFO,
	PIM_REG_JOIN,
	PIM_REG_JOIN_PENDING,
	PIM_REG_PRUNE,
};

/* Assert state per (S,G,I) and (*,G,I) (4.6.1, 4.6.2). */
enum pim_as_state { PIM_AS_NOINFO, PIM_AS_WINNER, PIM_AS_LOSER };

/* An assert metric (4.6.3 / 4.9.6): RPT bit, preference, metric, address.
 * Smaller rpt, preference and metric are better; then the higher
 * address. */
struct pim_metric {
	bool rpt;
	uint32_t pref;
	uint32_t metric;
	struct net_addr addr;
};

#define PIM_PREF_INFINITY   0x7fffffffu /* 31-bit field */
#define PIM_METRIC_INFINITY 0xffffffffu

struct pim;
struct pim_if;
struct pim_grp;
struct pim_ent;

/* A PIM neighbor (4.3.2 / 4.3.3 per-neighbor information). */
struct pim_nbr {
	struct pim_if *pif;
	struct net_addr addr; /* primary address: the Hello's source */
	bool has_genid;
	uint32_t genid;
	bool has_dr_priority;
	uint32_t dr_priority;
	/* LAN Prune Delay option (4.3.3) */
	bool has_lan_delay;
	bool t_bit;		      /* tracking_support */
	sim_time_t propagation_delay; /* ns */
	sim_time_t override_interval; /* ns */
	sim_time_t holdtime;	      /* as advertised, ns */
	sim_time_t expires;	      /* Neighbor Liveness Timer, NEVER */
	sim_time_t since;
	struct net_addr *sec; /* Address List (secondary addresses) */
	size_t nsec;
	struct node_timer nlt;
};

/* A PIM interface with its Hello state (4.3.1) and DR (4.3.2). */
struct pim_if {
	struct pim *p;
	int ifindex;
	char name[NODE_IFNAME_MAX];
	struct pim_if_cfg cfg;
	uint32_t genid; /* Generation ID, random per interface start */
	struct node_timer hello_t; /* Hello Timer (periodic) */
	sim_time_t hello_next;
	struct node_timer trig_t; /* a triggered Hello (4.3.1) */
	bool hello_sent;	  /* a Hello went out with cfg.addr */
	struct pim_nbr **nbrs;	  /* sorted by address */
	size_t nnbrs, capnbrs;
	struct net_addr dr;
	bool dr_me;
	uint64_t hello_tx, hello_rx, jp_tx, jp_rx, assert_tx, assert_rx;
	uint64_t drops;
};

/*
 * Per (entry, interface) state: downstream J/P of the entry (4.5.2 /
 * 4.5.3), (S,G,rpt) downstream (4.5.4, (S,G) entries only), local
 * membership (4.1.6) and the Assert state (4.6.1 / 4.6.2). One timer is
 * armed at the earliest of the deadlines.
 */
struct pim_ifst {
	struct pim_ent *e;
	int ifindex;
	uint8_t jp;		/* enum pim_jp_state */
	sim_time_t et, ppt;	/* Expiry Timer, Prune-Pending Timer */
	uint8_t rpt;		/* enum pim_rpt_state */
	sim_time_t rpt_et;	/* (S,G,rpt) Expiry Timer */
	sim_time_t rpt_ppt;	/* (S,G,rpt) Prune-Pending Timer */
	bool local_in;		/* local_receiver_include */
	bool local_ex;		/* local_receiver_exclude ((S,G) only) */
	uint8_t as;		/* enum pim_as_state */
	sim_time_t at;		/* Assert Timer */
	struct pim_metric aw;	/* AssertWinner, AssertWinnerMetric */
	struct net_addr as_src; /* (*,G): source of the triggering data */
	struct node_timer timer;
};

/*
 * A TIB entry: (*,G) when src.af is NET_AF_NONE, else (S,G) with its
 * (S,G,rpt) upstream state, keepalive, SPT bit and register state.
 */
struct pim_ent {
	struct pim_grp *g;
	struct net_addr src;
	sim_time_t created;
	struct pim_rpf rpf; /* MRIB towards S ((*,G): unused, see grp) */

	/* upstream (*,G) / (S,G) (4.5.6, 4.5.7) */
	uint8_t up;		  /* enum pim_up_state */
	struct node_timer jt;	  /* Join Timer */
	int rpfp_if;		  /* interface of RPF' as last acted on */
	struct net_addr rpfp;	  /* RPF'(*,G) / RPF'(S,G); NONE: NULL */
	struct net_addr rpfp_nbr; /* its MRIB part NBR(RPF_if, next hop) */
	struct net_addr rp_sent;  /* (*,G): the RP our last Join named */

	/* (S,G) only */
	bool spt;		 /* SPTbit */
	sim_time_t kat;		 /* Keepalive Timer deadline, -1 off */
	struct node_timer kat_t; /* KAT and the counter poll */
	uint64_t pkts;		 /* last counter read */
	bool pkts_ok;		 /* pkts is a baseline */
	uint8_t rptup;		 /* enum pim_rptup_state */
	struct node_timer ot;	 /* Override Timer (4.5.9) */
	bool rpt_diverged;	 /* RPF'(S,G,rpt) != RPF'(*,G) */
	uint8_t reg;		 /* enum pim_reg_state */
	struct node_timer rst;	 /* Register-Stop Timer */
	struct net_addr reg_rp;	 /* RP of the register tunnel */
	bool neg;		 /* no-cache hold: see pim_data.c */
	int prev_rpf_if;	 /* RPF_interface before a RIB change */
	int star_prev_rp_if;	 /* RPF_interface(RP) likewise */

	/* what was programmed through ops->mroute_set */
	bool installed;
	int prog_iif;
	bool prog_cpu;
	int *prog_oifs;
	size_t prog_n;

	struct pim_ifst **ifs; /* sorted by ifindex */
	size_t nifs, capifs;
};

/* A group: its RP, (*,G) entry and (S,G) entries. */
struct pim_grp {
	struct pim *p;
	struct net_addr addr;
	bool ssm;
	bool has_rp;
	struct net_addr rp;
	bool rp_local;	       /* I_am_RP(G) */
	struct pim_rpf rp_rpf; /* MRIB towards the RP; ifindex -1 at RP */
	int prev_rp_if;	       /* RPF_interface(RP) before a refresh */
	struct pim_ent *star;  /* (*,G) or NULL */
	struct pim_ent **sg;   /* sorted by source */
	size_t nsg, capsg;
};

/* One Join or Prune waiting to be packed (pim_jp_tx.c). */
struct pim_jpq {
	int ifindex;
	struct net_addr nbr; /* Upstream Neighbor Address */
	struct net_addr grp;
	struct net_addr src; /* (*,G): the RP */
	bool wc, rpt;	     /* W and R bits */
	bool join;
	uint32_t seq; /* insertion order, for a stable sort */
};

struct pim {
	struct node *node;
	struct pim_cfg cfg;
	const struct pim_ops *ops;
	void *ctx;
	struct pim_if **ifs; /* sorted by ifindex */
	size_t nifs, capifs;
	struct pim_grp **grps; /* sorted by group address */
	size_t ngrps, capgrps;
	struct pim_jpq *jpq;
	size_t njpq, capjpq;
	uint32_t jpq_seq;
	struct pim_msg *txm; /* message being built */
	uint8_t *txbuf;	     /* PIM_TX_MAX */
	int *oifbuf;	     /* olist scratch, capifs entries */
	struct pim_stats st;
	int depth; /* nesting of entry points (flush at the outermost) */
};

/* ---- pim.c ---- */
static inline sim_time_t pim_now(const struct pim *p)
{
	return node_now(p->node);
}
const char *pim_mod(const struct pim *p); /* "pim" or "pim6" */
struct pim_if *pim_if_find(const struct pim *p, int ifindex);
/* Entry points bracket their work with enter/leave: leaving the
 * outermost flushes queued J/P messages. */
void pim_enter(struct pim *p);
void pim_leave(struct pim *p);
/* Random time in [lo, hi] from the node's stream. */
sim_time_t pim_rand(struct pim *p, sim_time_t lo, sim_time_t hi);
void pim_drop(struct pim *p, struct pim_if *pif, enum pim_drop why);
/* Encode txm and send it on a link / unicast; counts failures. */
int pim_tx_link(struct pim *p, struct pim_if *pif);
int pim_tx_unicast(struct pim *p, const struct net_addr *src,
		   const struct net_addr *dst);
/* Begin a log record about an entry ("source", "group" filled). */
void pim_log_ent(struct sim_log_rec *r, const struct pim_ent *e,
		 const char *event);
void pim_arm(struct node_timer *t, sim_time_t deadline); /* -1: cancel */
sim_time_t pim_deadline(const struct node_timer *t);	 /* -1: off */
bool pim_addr_unspec(const struct net_addr *a);

/* ---- pim_nbr.c ---- */
int pim_nbr_if_start(struct pim_if *pif);
void pim_nbr_if_stop(struct pim_if *pif, bool goodbye);
void pim_nbr_if_free(struct pim_if *pif); /* silent (pim_free) */
void pim_nbr_if_cfg(struct pim_if *pif, const struct pim_if_cfg *old);
void pim_hello_rx(struct pim_if *pif, const struct pim_hello *h,
		  const struct net_addr *src);
/* A Hello now if none went out with the current address (4.3.1: before
 * a J/P or Assert). */
void pim_hello_ensure(struct pim_if *pif);
/* NBR(I, A) of 4.5.? (primary or secondary address); NULL if none. */
struct pim_nbr *pim_nbr_find(const struct pim_if *pif,
			     const struct net_addr *a);
bool pim_i_am_dr(const struct pim_if *pif); /* DR, or ignore_dr */
sim_time_t pim_eff_propagation_delay(const struct pim_if *pif);
sim_time_t pim_eff_override_interval(const struct pim_if *pif);
bool pim_suppression_enabled(const struct pim_if *pif);
/* J/P_Override_Interval(I) (4.5.2) */
sim_time_t pim_jp_override_interval(const struct pim_if *pif);
sim_time_t pim_t_override(struct pim_if *pif); /* rand(0, EOI(I)) */

/* ---- pim_tib.c ---- */
struct pim_grp *pim_grp_find(const struct pim *p, const struct net_addr *g);
struct pim_grp *pim_grp_get(struct pim *p, const struct net_addr *g);
struct pim_ent *pim_sg_find(const struct pim_grp *g, const struct net_addr *s);
struct pim_ent *pim_sg_get(struct pim_grp *g, const struct net_addr *s);
struct pim_ent *pim_star_get(struct pim_grp *g);
struct pim_ifst *pim_ifst_find(const struct pim_ent *e, int ifindex);
struct pim_ifst *pim_ifst_get(struct pim_ent *e, int ifindex);
/* Re-arm the ifst timer at its earliest deadline. */
void pim_ifst_rearm(struct pim_ifst *s);
static inline bool pim_is_star(const struct pim_ent *e)
{
	return e->src.af == NET_AF_NONE;
}
/* Evaluate every state machine of g, program it and free what has no
 * state left (g may be gone afterwards). */
void pim_grp_update(struct pim_grp *g);
void pim_grp_gc(struct pim_grp *g);
void pim_update_all(struct pim *p);
/* Remove interface ifindex from every entry (downstream state gone). */
void pim_tib_if_gone(struct pim *p, int ifindex);
void pim_tib_free(struct pim *p);

/* ---- pim_rp.c ---- */
bool pim_is_ssm(const struct pim *p, const struct net_addr *g);
/* Refresh the RP of g and the MRIB towards it and the sources (after a
 * configuration or RIB change). */
void pim_grp_refresh(struct pim_grp *g);
void pim_rpf_lookup(struct pim *p, const struct net_addr *a,
		    struct pim_rpf *out);
static inline int pim_rp_if(const struct pim_grp *g)
{
	return g->has_rp && !g->rp_local ? g->rp_rpf.ifindex : -1;
}

/* ---- pim_macros.c (4.1.6, 4.2, 4.5, 4.6) ---- */
bool pim_metric_better(const struct pim_metric *a, const struct pim_metric *b);
struct pim_metric pim_spt_metric(const struct pim_ent *e,
				 const struct pim_if *pif);
struct pim_metric pim_rpt_metric(const struct pim_grp *g,
				 const struct pim_if *pif);
struct pim_metric pim_infinite_metric(void);
bool pim_joins_star(const struct pim_grp *g, int i);
bool pim_joins_sg(const struct pim_ent *e, int i);
bool pim_prunes_rpt(const struct pim_ent *e, int i);
bool pim_lost_assert_star(const struct pim_grp *g, int i);
bool pim_lost_assert_sg_rpt(const struct pim_ent *e, int i);
bool pim_lost_assert_sg(const struct pim_ent *e, int i);
bool pim_include_star(const struct pim_grp *g, int i);
bool pim_include_sg(const struct pim_ent *e, int i);
bool pim_exclude_sg(const struct pim_grp *g, const struct pim_ent *e, int i);
bool pim_imm_star(const struct pim_grp *g, int i); /* immediate_olist */
bool pim_imm_sg(const struct pim_ent *e, int i);
/* inherited_olist(S,G,rpt) and (S,G); e may be NULL (no (S,G) state) */
bool pim_inh_rpt(const struct pim_grp *g, const struct pim_ent *e, int i);
bool pim_inh_sg(const struct pim_ent *e, int i);
/* Whether a set has a member among the PIM interfaces. */
bool pim_any_imm_star(const struct pim_grp *g);
bool pim_any_imm_sg(const struct pim_ent *e);
bool pim_any_inh_rpt(const struct pim_grp *g, const struct pim_ent *e);
bool pim_any_inh_sg(const struct pim_ent *e);
bool pim_any_include_star(const struct pim_grp *g);
bool pim_join_desired_star(const struct pim_grp *g);
bool pim_join_desired_sg(const struct pim_ent *e);
bool pim_prune_desired_rpt(const struct pim_ent *e);
/* RPF' (4.5.6 / 4.5.7 / 4.5.9); false for NULL. ifindex out. */
bool pim_rpfp_star(const struct pim_grp *g, struct net_addr *out);
bool pim_rpfp_sg(const struct pim_ent *e, struct net_addr *out);
bool pim_rpfp_rpt(const struct pim_ent *e, struct net_addr *out);
/* NBR(RPF_interface, MRIB.next_hop) without the Assert part. */
bool pim_mrib_nbr(const struct pim *p, const struct pim_rpf *r,
		  struct net_addr *out);
bool pim_could_assert_sg(const struct pim_ent *e, int i);
bool pim_could_assert_star(const struct pim_grp *g, int i);
bool pim_atd_sg(const struct pim_ent *e, int i); /* AssertTrackingDesired */
bool pim_atd_star(const struct pim_grp *g, int i);
bool pim_directly_connected(const struct pim_ent *e);
bool pim_switch_to_spt_desired(const struct pim_grp *g);

/* ---- pim_jp_down.c ---- */
void pim_jp_rx(struct pim_if *pif, const struct pim_jp *jp,
	       const struct net_addr *src);
void pim_ifst_timer(struct node_timer *t);
void pim_down_expire(struct pim_ifst *s); /* due deadlines of s */

/* ---- pim_jp_up.c ---- */
/* One evaluation round of the upstream machines of g; true when a
 * state changed. */
bool pim_up_eval(struct pim_grp *g);
void pim_jt_fire(struct node_timer *t);
void pim_ot_fire(struct node_timer *t);
/* "See Join/Prune" events of 4.5.6-4.5.9 for a J/P to someone else. */
void pim_up_see(struct pim_if *pif, const struct pim_jp *jp);
/* Reduce a Join Timer / Override Timer to t_override (4.5.6). */
void pim_jt_decrease(struct pim_ent *e, struct pim_if *pif);
void pim_up_nbr_genid(struct pim_nbr *n);
/* Queue Join(*,G) with the (S,G,rpt) prunes of 4.5.8 */
void pim_up_send_star(struct pim_grp *g, int ifindex,
		      const struct net_addr *nbr, bool join);

/* ---- pim_jp_tx.c ---- */
void pim_jpq_add(struct pim *p, int ifindex, const struct net_addr *nbr,
		 const struct net_addr *grp, const struct net_addr *src,
		 bool wc, bool rpt, bool join);
void pim_jpq_flush(struct pim *p);
void pim_jpq_free(struct pim *p);

/* ---- pim_register.c ---- */
bool pim_reg_eval(struct pim_ent *e);
void pim_reg_data(struct pim_ent *e, const uint8_t *ip, size_t len);
void pim_register_rx(struct pim *p, const struct pim_register *r,
		     const struct net_addr *src, const struct net_addr *dst);
void pim_register_stop_rx(struct pim *p, const struct pim_assert *rs,
			  const struct net_addr *src);
void pim_rst_fire(struct node_timer *t);

/* ---- pim_data.c ---- */
enum pim_data_kind { PIM_DATA_NOCACHE, PIM_DATA_COPY, PIM_DATA_WRONG_IIF };
void pim_data_rx(struct pim *p, int ifindex, const struct net_addr *src,
		 const struct net_addr *grp, const uint8_t *ip, size_t len,
		 enum pim_data_kind kind);
void pim_kat_start(struct pim_ent *e, sim_time_t period);
void pim_kat_fire(struct node_timer *t);
/* Poll the entry's counter now (data on the programmed iif). */
void pim_poll(struct pim_ent *e);
void pim_update_sptbit(struct pim_ent *e, int iif);
void pim_program(struct pim_ent *e);
void pim_unprogram(struct pim_ent *e);

/* ---- pim_assert.c ---- */
bool pim_assert_eval(struct pim_grp *g);
void pim_assert_rx(struct pim_if *pif, const struct pim_assert *a,
		   const struct net_addr *src);
void pim_assert_data_sg(struct pim_ent *e, int ifindex);
void pim_assert_data_star(struct pim_grp *g, int ifindex,
			  const struct net_addr *src);
/* AT expired in s (called from the ifst timer). */
void pim_assert_timer(struct pim_ifst *s);
/* A neighbor went away or changed GenID: losers to it forget. */
void pim_assert_nbr_gone(struct pim_if *pif, const struct net_addr *nbr);
/* Receive Join(*,G) / Join(S,G) on I while Loser (4.6.1, 4.6.2). */
void pim_assert_join_rx(struct pim_ifst *s);
void pim_assert_reset(struct pim_ifst *s, const char *why); /* A5 */
const char *pim_as_name(uint8_t s);

#endif
