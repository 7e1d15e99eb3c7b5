/*
 * The upstream Join/Prune state machines of RFC 7761: (*,G) (4.5.6),
 * (S,G) (4.5.7) and (S,G,rpt) (4.5.8, 4.5.9). Each evaluation compares
 * JoinDesired / PruneDesired and RPF' with what was last acted on:
 * NotJoined -> Joined sends a Join to RPF' and starts the Join Timer at
 * t_periodic; Joined -> NotJoined sends a Prune (and clears the SPTbit
 * for (S,G)); an RPF' change that is not due to an Assert sends a Join to
 * the new and a Prune to the old neighbor, one due to an Assert (the MRIB
 * neighbor is unchanged) only brings the Join Timer down to t_override.
 * A Join(*,G) carries the Prune(S,G,rpt) entries of 4.5.8. Seeing
 * another router's J/P on the upstream interface suppresses our Join
 * (t_joinsuppress = min(rand(1.1, 1.4) * t_periodic, Holdtime) when
 * Suppression_Enabled) or brings the Join / Override Timer down to
 * t_override = rand(0, Effective_Override_Interval) to override a Prune
 * (4.5.6-4.5.9); a changed GenID of RPF' does the latter.
 * Choice: an (S,G) entry created under a joined (*,G) goes from
 * RPTNotJoined to Pruned with a triggered Prune(S,G,rpt) (S was
 * implicitly NotPruned under the (*,G) Join), instead of waiting for the
 * next periodic Join(*,G) to carry it; a Join(*,G) queued in the same
 * event carries it anyway.
 */
#include <string.h>

#include "protocols/pim/pim_int.h"

static const char *const pim_up_names[] = {
	[PIM_UP_NOT_JOINED] = "NotJoined",
	[PIM_UP_JOINED] = "Joined",
};

static const char *const pim_rptup_names[] = {
	[PIM_RPTUP_NOT_JOINED] = "RPTNotJoined",
	[PIM_RPTUP_PRUNED] = "Pruned",
	[PIM_RPTUP_NOT_PRUNED] = "NotPruned",
};

static void pim_log_up(const struct pim_ent *e, bool rpt, const char *from,
		       const char *to, const char *why, bool mark)
{
	struct sim_log_rec r;
	char a[NET_ADDR_STRLEN];
	struct net_addr n;
	bool has;

	if (rpt)
		has = pim_rpfp_rpt(e, &n);
	else if (pim_is_star(e))
		has = pim_rpfp_star(e->g, &n);
	else
		has = pim_rpfp_sg(e, &n);
	pim_log_ent(&r, e, rpt ? "upstream-rpt" : "upstream");
	sim_log_str(&r, "old", from);
	sim_log_str(&r, "new", to);
	if (has) {
		net_addr_fmt(&n, a, sizeof(a));
		sim_log_str(&r, "rpf-neighbor", a);
	}
	if (why)
		sim_log_str(&r, "why", why);
	if (mark) /* the join step of the outage anatomy (meas.h) */
		sim_log_str(&r, "mark", "join");
	sim_log_end(&r);
}

static bool pim_opt_eq(bool ha, const struct net_addr *a, bool hb,
		       const struct net_addr *b)
{
	return ha == hb && (!ha || net_addr_eq(a, b));
}

/* ---- timers ---- */

static void pim_jt_periodic(struct pim_ent *e)
{
	struct pim *p = e->g->p;

	node_timer_arm(&e->jt, pim_now(p) + p->cfg.jp_period);
}

void pim_jt_decrease(struct pim_ent *e, struct pim_if *pif)
{
	sim_time_t t;

	if (!pif || !node_timer_armed(&e->jt))
		return;
	t = pim_now(pif->p) + pim_t_override(pif);
	if (e->jt.t.deadline > t)
		node_timer_arm(&e->jt, t);
}

static void pim_jt_increase(struct pim_ent *e, struct pim_if *pif,
			    sim_time_t hold)
{
	struct pim *p = pif->p;
	sim_time_t tp = p->cfg.jp_period, ts, t;

	if (!node_timer_armed(&e->jt) || !pim_suppression_enabled(pif))
		return;
	ts = pim_rand(p, tp + tp / 10, tp + tp * 4 / 10); /* t_suppressed */
	t = pim_now(p) + (ts < hold ? ts : hold);	  /* t_joinsuppress */
	if (e->jt.t.deadline < t)
		node_timer_arm(&e->jt, t);
}

static void pim_ot_decrease(struct pim_ent *e, struct pim_if *pif)
{
	sim_time_t t = pim_now(pif->p) + pim_t_override(pif);

	if (!node_timer_armed(&e->ot) || e->ot.t.deadline > t)
		node_timer_arm(&e->ot, t);
}

/* ---- sending ---- */

/* 4.5.8: which (S,G,rpt) prunes ride with a Join(*,G). */
static bool pim_rpt_prune_wanted(const struct pim_ent *e)
{
	struct net_addr a, b;
	bool ha = pim_rpfp_star(e->g, &a), hb;

	if (e->spt) {
		hb = pim_rpfp_sg(e, &b);
		return !pim_opt_eq(ha, &a, hb, &b);
	}
	if (!pim_any_inh_rpt(e->g, e))
		return true;
	hb = pim_rpfp_rpt(e, &b);
	return !pim_opt_eq(ha, &a, hb, &b);
}

void pim_up_send_star(struct pim_grp *g, int ifindex,
		      const struct net_addr *nbr, bool join)
{
	struct pim *p = g->p;
	struct pim_ent *e = g->star;
	struct net_addr rp = g->rp;

	/* A Prune names the RP the state was joined for. */
	if (!join && e && e->rp_sent.af != NET_AF_NONE)
		rp = e->rp_sent;
	pim_jpq_add(p, ifindex, nbr, &g->addr, &rp, true, true, join);
	if (!join)
		return;
	if (e)
		e->rp_sent = g->rp;
	for (size_t i = 0; i < g->nsg; i++)
		if (pim_rpt_prune_wanted(g->sg[i]))
			pim_jpq_add(p, ifindex, nbr, &g->addr, &g->sg[i]->src,
				    false, true, false);
}

static void pim_send(struct pim_ent *e, int ifindex, const struct net_addr *nbr,
		     bool join)
{
	if (ifindex < 0 || pim_addr_unspec(nbr))
		return;
	if (pim_is_star(e))
		pim_up_send_star(e->g, ifindex, nbr, join);
	else
		pim_jpq_add(e->g->p, ifindex, nbr, &e->g->addr, &e->src, false,
			    false, join);
}

/* A Prune to the old RPF' only while it is still a neighbor. */
static void pim_send_prune_old(struct pim_ent *e)
{
	struct pim *p = e->g->p;

	if (e->rpfp.af == NET_AF_NONE ||
	    !pim_nbr_find(pim_if_find(p, e->rpfp_if), &e->rpfp))
		return;
	pim_send(e, e->rpfp_if, &e->rpfp, false);
}

/* ---- (*,G) and (S,G) (4.5.6, 4.5.7) ---- */

struct pim_rpfp_now {
	bool has, has_nbr;
	struct net_addr addr, nbr;
	int ifindex;
};

static struct pim_rpfp_now pim_rpfp_of(const struct pim_ent *e)
{
	struct pim_rpfp_now r;
	struct pim *p = e->g->p;

	memset(&r, 0, sizeof(r));
	if (pim_is_star(e)) {
		r.ifindex = pim_rp_if(e->g);
		r.has = pim_rpfp_star(e->g, &r.addr);
		r.has_nbr = r.ifindex >= 0 &&
			    pim_mrib_nbr(p, &e->g->rp_rpf, &r.nbr);
	} else {
		r.ifindex = e->rpf.ifindex;
		r.has = pim_rpfp_sg(e, &r.addr);
		r.has_nbr = pim_mrib_nbr(p, &e->rpf, &r.nbr);
	}
	return r;
}

static void pim_rpfp_store(struct pim_ent *e, const struct pim_rpfp_now *r)
{
	e->rpfp_if = r->ifindex;
	e->rpfp.af = NET_AF_NONE;
	e->rpfp_nbr.af = NET_AF_NONE;
	if (r->has)
		e->rpfp = r->addr;
	if (r->has_nbr)
		e->rpfp_nbr = r->nbr;
}

/* RPF' moved while Joined (4.5.6 / 4.5.7 "RPF' changes"); for (*,G) a
 * new RP(G) counts as a move even through the same neighbor. */
static void pim_up_rpf_moved(struct pim_ent *e, const struct pim_rpfp_now *r)
{
	struct pim *p = e->g->p;
	bool had = e->rpfp.af != NET_AF_NONE;
	bool had_nbr = e->rpfp_nbr.af != NET_AF_NONE;
	bool new_rp = pim_is_star(e) && e->rp_sent.af != NET_AF_NONE &&
		      !net_addr_eq(&e->rp_sent, &e->g->rp);

	if (pim_opt_eq(had, &e->rpfp, r->has, &r->addr) &&
	    e->rpfp_if == r->ifindex && !new_rp)
		return;
	if (!new_rp && e->rpfp_if == r->ifindex &&
	    pim_opt_eq(had_nbr, &e->rpfp_nbr, r->has_nbr, &r->nbr)) {
		/* due to an Assert */
		pim_jt_decrease(e, pim_if_find(p, r->ifindex));
		return;
	}
	/* the Prune first: it still names the old RP */
	pim_send_prune_old(e);
	if (r->has)
		pim_send(e, r->ifindex, &r->addr, true);
	pim_jt_periodic(e);
	if (r->has)
		pim_log_up(e, false, "Joined", "Joined",
			   new_rp ? "rp-change" : "rpf-change", true);
}

static bool pim_up_eval_ent(struct pim_ent *e)
{
	bool jd = pim_is_star(e) ? pim_join_desired_star(e->g)
				 : pim_join_desired_sg(e);
	struct pim_rpfp_now r = pim_rpfp_of(e);
	bool changed = false;

	if (e->up == PIM_UP_JOINED && !jd) {
		pim_send(e, e->rpfp_if, &e->rpfp, false);
		node_timer_cancel(&e->jt);
		e->up = PIM_UP_NOT_JOINED;
		if (!pim_is_star(e))
			e->spt = false;
		pim_log_up(e, false, pim_up_names[PIM_UP_JOINED],
			   pim_up_names[PIM_UP_NOT_JOINED], NULL, false);
		changed = true;
	} else if (e->up == PIM_UP_JOINED) {
		pim_up_rpf_moved(e, &r);
	} else if (jd) {
		if (r.has)
			pim_send(e, r.ifindex, &r.addr, true);
		pim_jt_periodic(e);
		e->up = PIM_UP_JOINED;
		pim_log_up(e, false, pim_up_names[PIM_UP_NOT_JOINED],
			   pim_up_names[PIM_UP_JOINED], NULL, true);
		changed = true;
	}
	pim_rpfp_store(e, &r);
	return changed;
}

/* ---- (S,G,rpt) (4.5.9) ---- */

static void pim_rpt_to(struct pim_ent *e, uint8_t st)
{
	if (st == PIM_RPTUP_PRUNED || e->rptup == PIM_RPTUP_PRUNED)
		pim_log_up(e, true, pim_rptup_names[e->rptup],
			   pim_rptup_names[st], NULL, false);
	e->rptup = st;
}

static bool pim_rpt_eval(struct pim_ent *e)
{
	struct pim_grp *g = e->g;
	struct net_addr nr, ns;
	bool hr = pim_rpfp_rpt(e, &nr), hs = pim_rpfp_star(g, &ns);
	bool diverged = !pim_opt_eq(hr, &nr, hs, &ns);
	bool was = e->rpt_diverged;
	uint8_t old = e->rptup;

	e->rpt_diverged = diverged;
	if (!pim_join_desired_star(g)) {
		if (old != PIM_RPTUP_NOT_JOINED) {
			node_timer_cancel(&e->ot);
			pim_rpt_to(e, PIM_RPTUP_NOT_JOINED);
		}
	} else if (pim_prune_desired_rpt(e)) {
		/* From RPTNotJoined too: a Join(*,G) queued now carries the
		 * prune already (4.5.8), else the entry is new under a
		 * joined (*,G), where S was implicitly NotPruned. */
		if (old != PIM_RPTUP_PRUNED && hr)
			pim_jpq_add(g->p, pim_rp_if(g), &nr, &g->addr, &e->src,
				    false, true, false);
		node_timer_cancel(&e->ot);
		if (old != PIM_RPTUP_PRUNED)
			pim_rpt_to(e, PIM_RPTUP_PRUNED);
	} else if (old == PIM_RPTUP_PRUNED) {
		if (hr)
			pim_jpq_add(g->p, pim_rp_if(g), &nr, &g->addr, &e->src,
				    false, true, true);
		pim_rpt_to(e, PIM_RPTUP_NOT_PRUNED);
	} else if (old == PIM_RPTUP_NOT_JOINED) {
		pim_rpt_to(e, PIM_RPTUP_NOT_PRUNED);
	} else if (was && !diverged) {
		/* "RPF'(S,G,rpt) -> RPF'(*,G)" */
		struct pim_if *pif = pim_if_find(g->p, pim_rp_if(g));

		if (pif)
			pim_ot_decrease(e, pif);
	}
	return e->rptup != old;
}

bool pim_up_eval(struct pim_grp *g)
{
	bool changed = false;

	if (g->star)
		changed |= pim_up_eval_ent(g->star);
	for (size_t i = 0; i < g->nsg; i++) {
		struct pim_ent *e = g->sg[i];

		changed |= pim_up_eval_ent(e);
		changed |= pim_rpt_eval(e);
		changed |= pim_reg_eval(e);
	}
	return changed;
}

void pim_jt_fire(struct node_timer *t)
{
	struct pim_ent *e = sim_container_of(t, struct pim_ent, jt);
	struct pim_grp *g = e->g;
	struct pim *p = g->p;

	pim_enter(p);
	if (e->up == PIM_UP_JOINED) {
		struct pim_rpfp_now r = pim_rpfp_of(e);

		if (r.has)
			pim_send(e, r.ifindex, &r.addr, true);
		pim_rpfp_store(e, &r);
		pim_jt_periodic(e);
	}
	pim_grp_update(g);
	pim_leave(p);
}

void pim_ot_fire(struct node_timer *t)
{
	struct pim_ent *e = sim_container_of(t, struct pim_ent, ot);
	struct pim_grp *g = e->g;
	struct pim *p = g->p;
	struct net_addr n;

	pim_enter(p);
	if (e->rptup == PIM_RPTUP_NOT_PRUNED && pim_rpfp_rpt(e, &n))
		pim_jpq_add(p, pim_rp_if(g), &n, &g->addr, &e->src, false, true,
			    true);
	pim_grp_update(g);
	pim_leave(p);
}

/* ---- seeing other routers' J/P (suppression and override) ---- */

static bool pim_is_rpfp_sg(const struct pim_ent *e, int ifindex,
			   const struct net_addr *target)
{
	struct net_addr a;

	return e && e->rpf.ifindex == ifindex && pim_rpfp_sg(e, &a) &&
	       net_addr_eq(&a, target);
}

static bool pim_is_rpfp_rpt(const struct pim_grp *g, const struct pim_ent *e,
			    int ifindex, const struct net_addr *target)
{
	struct net_addr a;
	bool has = e ? pim_rpfp_rpt(e, &a) : pim_rpfp_star(g, &a);

	return pim_rp_if(g) == ifindex && has && net_addr_eq(&a, target);
}

static void pim_see_star(struct pim_if *pif, struct pim_grp *g,
			 const struct net_addr *target, bool join,
			 sim_time_t hold)
{
	struct pim_ent *e = g->star;

	if (e && e->up == PIM_UP_JOINED &&
	    pim_is_rpfp_rpt(g, NULL, pif->ifindex, target)) {
		if (join)
			pim_jt_increase(e, pif, hold);
		else
			pim_jt_decrease(e, pif);
	}
	if (join)
		return;
	/* "See Prune(*,G) to RPF'(S,G)" */
	for (size_t i = 0; i < g->nsg; i++)
		if (g->sg[i]->up == PIM_UP_JOINED &&
		    pim_is_rpfp_sg(g->sg[i], pif->ifindex, target))
			pim_jt_decrease(g->sg[i], pif);
}

static void pim_see_rpt(struct pim_if *pif, struct pim_grp *g,
			const struct pim_esrc *s, const struct net_addr *target,
			bool join)
{
	struct pim_ent *e = pim_sg_find(g, &s->addr);

	if (join) {
		if (e && e->rptup == PIM_RPTUP_NOT_PRUNED &&
		    pim_is_rpfp_rpt(g, e, pif->ifindex, target))
			node_timer_cancel(&e->ot);
		return;
	}
	/* "See Prune(S,G,rpt) to RPF'(S,G)" */
	if (e && e->up == PIM_UP_JOINED &&
	    pim_is_rpfp_sg(e, pif->ifindex, target))
		pim_jt_decrease(e, pif);
	if (!g->star || g->star->up != PIM_UP_JOINED ||
	    !pim_is_rpfp_rpt(g, e, pif->ifindex, target))
		return;
	/* We still want S on the RP tree: override (4.5.9). */
	if (!e)
		e = pim_sg_get(g, &s->addr);
	if (!e)
		return;
	if (e->rptup == PIM_RPTUP_NOT_JOINED && !pim_prune_desired_rpt(e))
		e->rptup = PIM_RPTUP_NOT_PRUNED;
	if (e->rptup == PIM_RPTUP_NOT_PRUNED)
		pim_ot_decrease(e, pif);
}

static void pim_see_sg(struct pim_if *pif, struct pim_grp *g,
		       const struct pim_esrc *s, const struct net_addr *target,
		       bool join, sim_time_t hold)
{
	struct pim_ent *e = pim_sg_find(g, &s->addr);

	if (!e)
		return;
	if (e->up == PIM_UP_JOINED && pim_is_rpfp_sg(e, pif->ifindex, target)) {
		if (join)
			pim_jt_increase(e, pif, hold);
		else
			pim_jt_decrease(e, pif);
	}
	/* "See Prune(S,G) to RPF'(S,G,rpt)" */
	if (!join && e->rptup == PIM_RPTUP_NOT_PRUNED &&
	    pim_is_rpfp_rpt(g, e, pif->ifindex, target))
		pim_ot_decrease(e, pif);
}

void pim_up_see(struct pim_if *pif, const struct pim_jp *jp)
{
	struct pim *p = pif->p;

	for (size_t i = 0; i < jp->ngroups; i++) {
		const struct pim_jp_group *gr = &jp->groups[i];
		struct pim_grp *g = pim_grp_find(p, &gr->group.addr);
		size_t n = (size_t)gr->njoin + gr->nprune;

		if (!g || (uint64_t)gr->src0 + n > jp->nsrcs)
			continue;
		for (size_t k = 0; k < n; k++) {
			const struct pim_esrc *s = &jp->srcs[gr->src0 + k];
			bool join = k < gr->njoin;

			if (s->addr.af != p->cfg.af)
				continue;
			if (s->w_bit && s->r_bit)
				pim_see_star(pif, g, &jp->upstream, join,
					     jp->holdtime);
			else if (s->r_bit && !s->w_bit)
				pim_see_rpt(pif, g, s, &jp->upstream, join);
			else if (!s->w_bit)
				pim_see_sg(pif, g, s, &jp->upstream, join,
					   jp->holdtime);
		}
		pim_grp_update(g);
	}
}

void pim_up_nbr_genid(struct pim_nbr *n)
{
	struct pim_if *pif = n->pif;
	struct pim *p = pif->p;

	for (size_t i = 0; i < p->ngrps; i++) {
		struct pim_grp *g = p->grps[i];

		if (g->star && g->star->up == PIM_UP_JOINED &&
		    g->star->rpfp_if == pif->ifindex &&
		    net_addr_eq(&g->star->rpfp, &n->addr))
			pim_jt_decrease(g->star, pif);
		for (size_t k = 0; k < g->nsg; k++) {
			struct pim_ent *e = g->sg[k];

			if (e->up == PIM_UP_JOINED &&
			    e->rpfp_if == pif->ifindex &&
			    net_addr_eq(&e->rpfp, &n->addr))
				pim_jt_decrease(e, pif);
		}
	}
}
