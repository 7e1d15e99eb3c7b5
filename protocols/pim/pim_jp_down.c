/*
 * Join/Prune reception and the downstream per-interface state machines
 * of RFC 7761: (*,G) (4.5.2), (S,G) (4.5.3) and (S,G,rpt) (4.5.4) with
 * their Expiry Timers (the message's Holdtime; 0xffff never expires) and
 * Prune-Pending Timers (J/P_Override_Interval(I) with more than one
 * neighbor on I, else zero: the prune takes effect at once). A message
 * addressed to us (Upstream Neighbor Address = our address on I) feeds
 * these machines group by group in the order of 4.5.5: the (*,G) part
 * first, then the "Receive Join(*,G)" event of (S,G,rpt) (Pruned ->
 * PruneTmp, Prune-Pending -> Prune-Pending-Tmp), the (S,G,rpt) prunes and
 * joins, "End of Message", and last the (S,G) part. A message to another
 * router feeds the upstream machines' suppression and override events
 * (pim_up_see). A Join(*,G) naming another RP than RP(G), or for a group
 * in the SSM range, is dropped (4.5.2, 4.8.1). When a Prune-Pending Timer
 * expires on a LAN, a PruneEcho (a Prune to ourselves) gives late
 * overriders a last chance.
 */
#include "protocols/pim/pim_int.h"

static sim_time_t pim_hold_deadline(const struct pim *p, sim_time_t hold)
{
	if (hold >= PIM_JP_FOREVER)
		return SIM_TIME_NEVER;
	return pim_now(p) + hold;
}

static sim_time_t pim_max_dl(sim_time_t a, sim_time_t b)
{
	return a > b ? a : b;
}

static void pim_prune_echo(struct pim_ifst *s, bool rpt)
{
	struct pim_ent *e = s->e;
	struct pim *p = e->g->p;
	struct pim_if *pif = pim_if_find(p, s->ifindex);

	if (!pif || pif->nnbrs < 2)
		return;
	if (pim_is_star(e))
		pim_jpq_add(p, s->ifindex, &pif->cfg.addr, &e->g->addr,
			    &e->g->rp, true, true, false);
	else
		pim_jpq_add(p, s->ifindex, &pif->cfg.addr, &e->g->addr, &e->src,
			    false, rpt, false);
}

/* ---- (*,G) and (S,G) downstream (4.5.2, 4.5.3) ---- */

static void pim_down_join(struct pim_ifst *s, sim_time_t hold)
{
	struct pim *p = s->e->g->p;
	sim_time_t dl = pim_hold_deadline(p, hold);

	/* 4.6.1 / 4.6.2: a Join to us while we lost the Assert */
	if (s->as == PIM_AS_LOSER)
		pim_assert_join_rx(s);
	switch (s->jp) {
	case PIM_JP_NOINFO:
		s->jp = PIM_JP_JOIN;
		s->et = dl;
		break;
	case PIM_JP_PRUNE_PENDING:
		s->jp = PIM_JP_JOIN;
		s->ppt = -1;
		s->et = pim_max_dl(s->et, dl);
		break;
	default:
		s->et = pim_max_dl(s->et, dl);
		break;
	}
	pim_ifst_rearm(s);
}

static void pim_down_prune(struct pim_ifst *s, struct pim_if *pif)
{
	if (s->jp != PIM_JP_JOIN)
		return;
	if (pif->nnbrs > 1) {
		s->jp = PIM_JP_PRUNE_PENDING;
		s->ppt = pim_now(pif->p) + pim_jp_override_interval(pif);
	} else {
		/* PPT of zero: expires at once, no PruneEcho needed. */
		s->jp = PIM_JP_NOINFO;
		s->et = s->ppt = -1;
	}
	pim_ifst_rearm(s);
}

/* ---- (S,G,rpt) downstream (4.5.4) ---- */

static void pim_rpt_prune(struct pim_ifst *s, struct pim_if *pif,
			  sim_time_t hold)
{
	sim_time_t dl = pim_hold_deadline(pif->p, hold);

	switch (s->rpt) {
	case PIM_RPT_NOINFO:
		s->rpt_et = dl;
		if (pif->nnbrs > 1) {
			s->rpt = PIM_RPT_PRUNE_PENDING;
			s->rpt_ppt =
				pim_now(pif->p) + pim_jp_override_interval(pif);
		} else {
			s->rpt = PIM_RPT_PRUNED;
			s->rpt_ppt = -1;
		}
		break;
	case PIM_RPT_PRUNE_TMP:
		s->rpt = PIM_RPT_PRUNED;
		s->rpt_et = pim_max_dl(s->rpt_et, dl);
		break;
	case PIM_RPT_PP_TMP:
		s->rpt = PIM_RPT_PRUNE_PENDING;
		s->rpt_et = pim_max_dl(s->rpt_et, dl);
		break;
	default:
		s->rpt_et = pim_max_dl(s->rpt_et, dl);
		break;
	}
	pim_ifst_rearm(s);
}

static void pim_rpt_join(struct pim_ifst *s)
{
	if (s->rpt == PIM_RPT_PRUNED || s->rpt == PIM_RPT_PRUNE_PENDING) {
		s->rpt = PIM_RPT_NOINFO;
		s->rpt_et = s->rpt_ppt = -1;
		pim_ifst_rearm(s);
	}
}

/* "Receive Join(*,G)" (first) and "End of Message" (last) events. */
static void pim_rpt_star_join(struct pim_grp *g, int ifindex, bool end)
{
	for (size_t i = 0; i < g->nsg; i++) {
		struct pim_ifst *s = pim_ifst_find(g->sg[i], ifindex);

		if (!s)
			continue;
		if (!end && s->rpt == PIM_RPT_PRUNED)
			s->rpt = PIM_RPT_PRUNE_TMP;
		else if (!end && s->rpt == PIM_RPT_PRUNE_PENDING)
			s->rpt = PIM_RPT_PP_TMP;
		else if (end && (s->rpt == PIM_RPT_PRUNE_TMP ||
				 s->rpt == PIM_RPT_PP_TMP)) {
			s->rpt = PIM_RPT_NOINFO;
			s->rpt_et = s->rpt_ppt = -1;
		} else {
			continue;
		}
		pim_ifst_rearm(s);
	}
}

/* ---- expiry of s's deadlines ---- */

void pim_down_expire(struct pim_ifst *s)
{
	struct pim *p = s->e->g->p;
	sim_time_t now = pim_now(p);

	if (s->jp == PIM_JP_PRUNE_PENDING && s->ppt >= 0 && s->ppt <= now) {
		s->jp = PIM_JP_NOINFO;
		s->et = s->ppt = -1;
		pim_prune_echo(s, false);
	}
	if (s->jp != PIM_JP_NOINFO && s->et >= 0 && s->et <= now) {
		s->jp = PIM_JP_NOINFO;
		s->et = s->ppt = -1;
	}
	if (s->rpt == PIM_RPT_PRUNE_PENDING && s->rpt_ppt >= 0 &&
	    s->rpt_ppt <= now) {
		s->rpt = PIM_RPT_PRUNED;
		s->rpt_ppt = -1;
		pim_prune_echo(s, true);
	}
	if (s->rpt != PIM_RPT_NOINFO && s->rpt_et >= 0 && s->rpt_et <= now) {
		s->rpt = PIM_RPT_NOINFO;
		s->rpt_et = s->rpt_ppt = -1;
	}
}

void pim_ifst_timer(struct node_timer *t)
{
	struct pim_ifst *s = sim_container_of(t, struct pim_ifst, timer);
	struct pim_grp *g = s->e->g;
	struct pim *p = g->p;
	sim_time_t now = pim_now(p);

	pim_enter(p);
	pim_down_expire(s);
	if (s->as != PIM_AS_NOINFO && s->at >= 0 && s->at <= now)
		pim_assert_timer(s);
	pim_ifst_rearm(s);
	pim_grp_update(g);
	pim_leave(p);
}

/* ---- reception ---- */

static bool pim_jp_star_ok(struct pim *p, struct pim_if *pif,
			   const struct pim_grp *g, const struct net_addr *rp)
{
	if (g->ssm) {
		pim_drop(p, pif, PIM_DROP_SSM);
		return false;
	}
	if (!g->has_rp) {
		pim_drop(p, pif, PIM_DROP_NO_RP);
		return false;
	}
	if (!net_addr_eq(rp, &g->rp)) {
		pim_drop(p, pif, PIM_DROP_RP_MISMATCH);
		return false;
	}
	return true;
}

static bool pim_src_ok(const struct pim *p, const struct pim_esrc *s)
{
	return s->addr.af == p->cfg.af && !net_addr_is_multicast(&s->addr) &&
	       !net_addr_is_unspec(&s->addr);
}

/* The (S,G,rpt) and (S,G) parts: sources with R set (rpt) or clear. */
static void pim_jp_rx_sources(struct pim_if *pif, struct pim_grp *g,
			      const struct pim_esrc *v, size_t n, bool join,
			      bool rpt, sim_time_t hold)
{
	struct pim *p = pif->p;

	for (size_t i = 0; i < n; i++) {
		struct pim_ent *e;
		struct pim_ifst *s;
		bool create;

		if (v[i].w_bit || v[i].r_bit != rpt)
			continue;
		if (!pim_src_ok(p, &v[i])) {
			pim_drop(p, pif, PIM_DROP_BAD_ADDR);
			continue;
		}
		/* Join(S,G) and Prune(S,G,rpt) create state; the others
		 * only act on state that exists. */
		create = join != rpt;
		e = create ? pim_sg_get(g, &v[i].addr)
			   : pim_sg_find(g, &v[i].addr);
		s = !e	     ? NULL
		    : create ? pim_ifst_get(e, pif->ifindex)
			     : pim_ifst_find(e, pif->ifindex);
		if (!s)
			continue;
		if (rpt && join)
			pim_rpt_join(s);
		else if (rpt)
			pim_rpt_prune(s, pif, hold);
		else if (join)
			pim_down_join(s, hold);
		else
			pim_down_prune(s, pif);
	}
}

/* The (*,G) part; true when a Join(*,G) was accepted. */
static bool pim_jp_rx_star(struct pim_if *pif, struct pim_grp *g,
			   const struct pim_esrc *j, size_t nj,
			   const struct pim_esrc *pr, size_t np,
			   sim_time_t hold)
{
	struct pim *p = pif->p;
	bool joined = false;

	for (size_t i = 0; i < nj + np; i++) {
		const struct pim_esrc *s = i < nj ? &j[i] : &pr[i - nj];
		struct pim_ent *e;
		struct pim_ifst *st;

		if (!s->w_bit)
			continue;
		if (!s->r_bit) {
			pim_drop(p, pif, PIM_DROP_WILDCARD);
			continue;
		}
		if (!pim_jp_star_ok(p, pif, g, &s->addr))
			continue;
		if (i >= nj) {
			st = pim_ifst_find(g->star, pif->ifindex);
			if (st)
				pim_down_prune(st, pif);
			continue;
		}
		e = pim_star_get(g);
		st = e ? pim_ifst_get(e, pif->ifindex) : NULL;
		if (!st)
			continue;
		pim_down_join(st, hold);
		joined = true;
	}
	return joined;
}

static void pim_jp_rx_group(struct pim_if *pif, const struct pim_jp *jp,
			    const struct pim_jp_group *gr)
{
	struct pim *p = pif->p;
	const struct pim_esrc *j = &jp->srcs[gr->src0];
	const struct pim_esrc *pr = j + gr->njoin;
	uint8_t full = p->cfg.af == NET_AF_IP6 ? 128 : 32;
	struct pim_grp *g;
	bool star_join;

	if (gr->group.addr.af != p->cfg.af ||
	    !net_addr_is_multicast(&gr->group.addr) ||
	    gr->group.mask_len != full) {
		pim_drop(p, pif, PIM_DROP_BAD_ADDR);
		return;
	}
	g = pim_grp_get(p, &gr->group.addr);
	if (!g)
		return;
	star_join = pim_jp_rx_star(pif, g, j, gr->njoin, pr, gr->nprune,
				   jp->holdtime);
	if (star_join)
		pim_rpt_star_join(g, pif->ifindex, false);
	pim_jp_rx_sources(pif, g, pr, gr->nprune, false, true, jp->holdtime);
	pim_jp_rx_sources(pif, g, j, gr->njoin, true, true, jp->holdtime);
	if (star_join)
		pim_rpt_star_join(g, pif->ifindex, true);
	pim_jp_rx_sources(pif, g, j, gr->njoin, true, false, jp->holdtime);
	pim_jp_rx_sources(pif, g, pr, gr->nprune, false, false, jp->holdtime);
	pim_grp_update(g);
}

void pim_jp_rx(struct pim_if *pif, const struct pim_jp *jp,
	       const struct net_addr *src)
{
	(void)src;
	if (!net_addr_eq(&jp->upstream, &pif->cfg.addr)) {
		pim_up_see(pif, jp);
		return;
	}
	for (size_t i = 0; i < jp->ngroups; i++) {
		const struct pim_jp_group *gr = &jp->groups[i];

		/* the codec keeps counts within srcs[]; be defensive */
		if ((uint64_t)gr->src0 + gr->njoin + gr->nprune > jp->nsrcs)
			continue;
		pim_jp_rx_group(pif, jp, gr);
	}
}
