/*
 * The state-summarization macros of RFC 7761, written as membership
 * tests "is interface I in the set": joins(*,G), joins(S,G),
 * prunes(S,G,rpt), pim_include / pim_exclude and lost_assert (4.1.6),
 * immediate_olist and inherited_olist (4.1.6), JoinDesired (4.5.6,
 * 4.5.7), PruneDesired(S,G,rpt) (4.5.9), RPF' (4.5.6, 4.5.7, 4.5.9),
 * CouldAssert and AssertTrackingDesired (4.6.1, 4.6.2) and the assert
 * metrics (4.6.3). Sets range over the PIM interfaces. failsim's knobs
 * enter here: `pim ignore dr-state` makes I_am_DR(I) true, and an
 * interface with `pim ignore assert-state` never holds Assert state, so
 * nothing is lost there. Groups in the SSM range have no (*,G) part.
 */
#include "protocols/pim/pim_int.h"

bool pim_metric_better(const struct pim_metric *a, const struct pim_metric *b)
{
	if (a->rpt != b->rpt)
		return !a->rpt;
	if (a->pref != b->pref)
		return a->pref < b->pref;
	if (a->metric != b->metric)
		return a->metric < b->metric;
	return net_addr_cmp(&a->addr, &b->addr) > 0;
}

/* spt_assert_metric(S,I) = {0, MRIB.pref(S), MRIB.metric(S), me(I)} */
struct pim_metric pim_spt_metric(const struct pim_ent *e,
				 const struct pim_if *pif)
{
	struct pim_metric m = {
		.rpt = false,
		.pref = e->rpf.metric_pref & PIM_PREF_INFINITY,
		.metric = e->rpf.metric,
	};

	if (pif)
		m.addr = pif->cfg.addr;
	return m;
}

/* rpt_assert_metric(G,I) = {1, MRIB.pref(RP), MRIB.metric(RP), me(I)};
 * at the RP the route to it is our own: 0, 0. */
struct pim_metric pim_rpt_metric(const struct pim_grp *g,
				 const struct pim_if *pif)
{
	struct pim_metric m = {
		.rpt = true,
		.pref = g->rp_rpf.metric_pref & PIM_PREF_INFINITY,
		.metric = g->rp_rpf.metric,
	};

	if (g->rp_local)
		m.pref = m.metric = 0;
	if (pif)
		m.addr = pif->cfg.addr;
	return m;
}

struct pim_metric pim_infinite_metric(void)
{
	struct pim_metric m = {
		.rpt = true,
		.pref = PIM_PREF_INFINITY,
		.metric = PIM_METRIC_INFINITY,
	};

	return m;
}

/* ---- per-interface sets (4.1.6) ---- */

static const struct pim_ifst *star_s(const struct pim_grp *g, int i)
{
	return g->star ? pim_ifst_find(g->star, i) : NULL;
}

static bool i_am_dr(const struct pim *p, int i)
{
	const struct pim_if *pif = pim_if_find(p, i);

	return pif && pim_i_am_dr(pif);
}

bool pim_joins_star(const struct pim_grp *g, int i)
{
	const struct pim_ifst *s = star_s(g, i);

	return s && s->jp != PIM_JP_NOINFO;
}

bool pim_joins_sg(const struct pim_ent *e, int i)
{
	const struct pim_ifst *s = pim_ifst_find(e, i);

	return s && s->jp != PIM_JP_NOINFO;
}

bool pim_prunes_rpt(const struct pim_ent *e, int i)
{
	const struct pim_ifst *s = pim_ifst_find(e, i);

	return s && s->rpt == PIM_RPT_PRUNED;
}

bool pim_lost_assert_star(const struct pim_grp *g, int i)
{
	const struct pim_ifst *s;

	if (i == pim_rp_if(g))
		return false;
	s = star_s(g, i);
	return s && s->as == PIM_AS_LOSER;
}

bool pim_lost_assert_sg_rpt(const struct pim_ent *e, int i)
{
	const struct pim_ifst *s;

	if (i == pim_rp_if(e->g) || (i == e->rpf.ifindex && e->spt))
		return false;
	s = pim_ifst_find(e, i);
	return s && s->as == PIM_AS_LOSER;
}

bool pim_lost_assert_sg(const struct pim_ent *e, int i)
{
	const struct pim_ifst *s;
	struct pim_metric mine;

	if (i == e->rpf.ifindex)
		return false;
	s = pim_ifst_find(e, i);
	if (!s || s->as != PIM_AS_LOSER)
		return false;
	mine = pim_spt_metric(e, pim_if_find(e->g->p, i));
	return pim_metric_better(&s->aw, &mine);
}

bool pim_include_star(const struct pim_grp *g, int i)
{
	const struct pim_ifst *s = star_s(g, i);

	if (g->ssm || !s || !s->local_in)
		return false;
	return (i_am_dr(g->p, i) && !pim_lost_assert_star(g, i)) ||
	       s->as == PIM_AS_WINNER;
}

bool pim_include_sg(const struct pim_ent *e, int i)
{
	const struct pim_ifst *s = pim_ifst_find(e, i);

	if (!s || !s->local_in)
		return false;
	return (i_am_dr(e->g->p, i) && !pim_lost_assert_sg(e, i)) ||
	       s->as == PIM_AS_WINNER;
}

bool pim_exclude_sg(const struct pim_grp *g, const struct pim_ent *e, int i)
{
	const struct pim_ifst *s = e ? pim_ifst_find(e, i) : NULL;
	const struct pim_ifst *ss;

	if (!s || !s->local_ex)
		return false;
	ss = star_s(g, i);
	return (i_am_dr(g->p, i) && !pim_lost_assert_star(g, i)) ||
	       (ss && ss->as == PIM_AS_WINNER);
}

bool pim_imm_star(const struct pim_grp *g, int i)
{
	return (pim_joins_star(g, i) || pim_include_star(g, i)) &&
	       !pim_lost_assert_star(g, i);
}

bool pim_imm_sg(const struct pim_ent *e, int i)
{
	return (pim_joins_sg(e, i) || pim_include_sg(e, i)) &&
	       !pim_lost_assert_sg(e, i);
}

/*
 * inherited_olist(S,G,rpt) = ( joins(*,G) (-) prunes(S,G,rpt) )
 *     (+) ( pim_include(*,G) (-) pim_exclude(S,G) )
 *     (-) ( lost_assert(*,G) (+) lost_assert(S,G,rpt) )
 */
bool pim_inh_rpt(const struct pim_grp *g, const struct pim_ent *e, int i)
{
	bool in = (pim_joins_star(g, i) && !(e && pim_prunes_rpt(e, i))) ||
		  (pim_include_star(g, i) && !pim_exclude_sg(g, e, i));

	return in && !pim_lost_assert_star(g, i) &&
	       !(e && pim_lost_assert_sg_rpt(e, i));
}

/* inherited_olist(S,G) = inherited_olist(S,G,rpt) (+) joins(S,G)
 *     (+) pim_include(S,G) (-) lost_assert(S,G) */
bool pim_inh_sg(const struct pim_ent *e, int i)
{
	return (pim_inh_rpt(e->g, e, i) || pim_joins_sg(e, i) ||
		pim_include_sg(e, i)) &&
	       !pim_lost_assert_sg(e, i);
}

bool pim_any_imm_star(const struct pim_grp *g)
{
	for (size_t k = 0; k < g->p->nifs; k++)
		if (pim_imm_star(g, g->p->ifs[k]->ifindex))
			return true;
	return false;
}

bool pim_any_imm_sg(const struct pim_ent *e)
{
	for (size_t k = 0; k < e->g->p->nifs; k++)
		if (pim_imm_sg(e, e->g->p->ifs[k]->ifindex))
			return true;
	return false;
}

bool pim_any_inh_rpt(const struct pim_grp *g, const struct pim_ent *e)
{
	for (size_t k = 0; k < g->p->nifs; k++)
		if (pim_inh_rpt(g, e, g->p->ifs[k]->ifindex))
			return true;
	return false;
}

bool pim_any_inh_sg(const struct pim_ent *e)
{
	for (size_t k = 0; k < e->g->p->nifs; k++)
		if (pim_inh_sg(e, e->g->p->ifs[k]->ifindex))
			return true;
	return false;
}

bool pim_any_include_star(const struct pim_grp *g)
{
	for (size_t k = 0; k < g->p->nifs; k++)
		if (pim_include_star(g, g->p->ifs[k]->ifindex))
			return true;
	return false;
}

/* ---- desires (4.5.6, 4.5.7, 4.5.9) ---- */

bool pim_join_desired_star(const struct pim_grp *g)
{
	return !g->ssm && g->has_rp && g->star && pim_any_imm_star(g);
}

bool pim_join_desired_sg(const struct pim_ent *e)
{
	return pim_any_imm_sg(e) || (e->kat >= 0 && pim_any_inh_sg(e));
}

static bool pim_opt_eq(bool ha, const struct net_addr *a, bool hb,
		       const struct net_addr *b)
{
	return ha == hb && (!ha || net_addr_eq(a, b));
}

bool pim_prune_desired_rpt(const struct pim_ent *e)
{
	struct net_addr a, b;
	bool ha, hb;

	if (!pim_join_desired_star(e->g))
		return false;
	if (!pim_any_inh_rpt(e->g, e))
		return true;
	if (!e->spt)
		return false;
	ha = pim_rpfp_star(e->g, &a);
	hb = pim_rpfp_sg(e, &b);
	return !pim_opt_eq(ha, &a, hb, &b);
}

/* ---- RPF' ---- */

bool pim_mrib_nbr(const struct pim *p, const struct pim_rpf *r,
		  struct net_addr *out)
{
	const struct pim_if *pif;
	const struct pim_nbr *n;

	if (r->ifindex < 0)
		return false;
	pif = pim_if_find(p, r->ifindex);
	n = pim_nbr_find(pif, &r->nexthop);
	if (!n)
		return false;
	*out = n->addr;
	return true;
}

bool pim_rpfp_star(const struct pim_grp *g, struct net_addr *out)
{
	const struct pim_ifst *s;
	int i = pim_rp_if(g);

	if (i < 0)
		return false;
	s = star_s(g, i);
	if (s && s->as == PIM_AS_LOSER) {
		*out = s->aw.addr;
		return true;
	}
	return pim_mrib_nbr(g->p, &g->rp_rpf, out);
}

bool pim_rpfp_sg(const struct pim_ent *e, struct net_addr *out)
{
	const struct pim_ifst *s = pim_ifst_find(e, e->rpf.ifindex);

	if (e->rpf.ifindex < 0)
		return false;
	if (s && s->as == PIM_AS_LOSER) {
		*out = s->aw.addr;
		return true;
	}
	return pim_mrib_nbr(e->g->p, &e->rpf, out);
}

bool pim_rpfp_rpt(const struct pim_ent *e, struct net_addr *out)
{
	int i = pim_rp_if(e->g);
	const struct pim_ifst *s = i >= 0 ? pim_ifst_find(e, i) : NULL;

	if (s && s->as == PIM_AS_LOSER) {
		*out = s->aw.addr;
		return true;
	}
	return pim_rpfp_star(e->g, out);
}

/* ---- Assert macros (4.6.1, 4.6.2) ---- */

/* ( joins(*,G) (-) prunes(S,G,rpt) ) (+) ( pim_include(*,G) (-)
 * pim_exclude(S,G) ) (-) lost_assert(*,G) (+) joins(S,G) */
static bool pim_assert_set_sg(const struct pim_ent *e, int i)
{
	const struct pim_grp *g = e->g;
	bool in = (pim_joins_star(g, i) && !pim_prunes_rpt(e, i)) ||
		  (pim_include_star(g, i) && !pim_exclude_sg(g, e, i));

	return (in && !pim_lost_assert_star(g, i)) || pim_joins_sg(e, i);
}

bool pim_could_assert_sg(const struct pim_ent *e, int i)
{
	return e->spt && e->rpf.ifindex != i &&
	       (pim_assert_set_sg(e, i) || pim_include_sg(e, i));
}

bool pim_could_assert_star(const struct pim_grp *g, int i)
{
	if (g->ssm || !g->has_rp)
		return false;
	return (pim_joins_star(g, i) || pim_include_star(g, i)) &&
	       pim_rp_if(g) != i;
}

bool pim_atd_sg(const struct pim_ent *e, int i)
{
	const struct pim_ifst *s = pim_ifst_find(e, i);

	if (pim_assert_set_sg(e, i))
		return true;
	if (s && s->local_in && (i_am_dr(e->g->p, i) || s->as == PIM_AS_WINNER))
		return true;
	if (e->rpf.ifindex == i && pim_join_desired_sg(e))
		return true;
	return pim_rp_if(e->g) == i && pim_join_desired_star(e->g) && !e->spt;
}

bool pim_atd_star(const struct pim_grp *g, int i)
{
	const struct pim_ifst *s = star_s(g, i);

	if (pim_could_assert_star(g, i))
		return true;
	if (!g->ssm && s && s->local_in &&
	    (i_am_dr(g->p, i) || s->as == PIM_AS_WINNER))
		return true;
	return pim_rp_if(g) == i && i >= 0 && pim_join_desired_star(g);
}

bool pim_directly_connected(const struct pim_ent *e)
{
	return e->rpf.connected && e->rpf.ifindex >= 0;
}

bool pim_switch_to_spt_desired(const struct pim_grp *g)
{
	return !g->p->cfg.spt_never;
}
