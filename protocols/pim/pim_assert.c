/*
 * The Assert state machines of RFC 7761: per (S,G,I) (4.6.1) and per
 * (*,G,I) (4.6.2), with NoInfo, "I am Assert Winner" and "I am Assert
 * Loser" and the Assert Timer. A winner re-asserts every Assert_Time -
 * Assert_Override_Interval, a loser forgets the winner after Assert_Time.
 * Metrics compare per 4.6.3 (pim_metric_better): RPT bit, then metric
 * preference, then metric (lower wins), then the higher address; ours is
 * my_assert_metric: spt_assert_metric when CouldAssert(S,G,I),
 * rpt_assert_metric when CouldAssert(*,G,I), else infinite. Triggers:
 * data on an outgoing interface (from 4.2), received Asserts (an
 * Assert(S,G) goes to the (S,G) machine; one with the RPT bit set to the
 * (*,G) machine, and to the (S,G) machine where CouldAssert(S,G,I)), a
 * Join to us on I, the winner's neighbor state, and the macros
 * CouldAssert / AssertTrackingDesired changing. An interface with
 * `pim ignore assert-state` takes no part: it sends no Assert and
 * ignores those it receives, so it never loses. Actions are named as in
 * the RFC (A1 ... A6).
 */
#include <string.h>

#include "protocols/pim/pim_int.h"

static const char *const pim_as_names[] = {
	[PIM_AS_NOINFO] = "NoInfo",
	[PIM_AS_WINNER] = "Winner",
	[PIM_AS_LOSER] = "Loser",
};

static const char *const pim_as_events[] = {
	[PIM_AS_NOINFO] = "assert-noinfo",
	[PIM_AS_WINNER] = "assert-winner",
	[PIM_AS_LOSER] = "assert-loser",
};

const char *pim_as_name(uint8_t s)
{
	return s <= PIM_AS_LOSER ? pim_as_names[s] : "?";
}

static struct pim_if *pim_s_if(const struct pim_ifst *s)
{
	return pim_if_find(s->e->g->p, s->ifindex);
}

static bool pim_s_ignored(const struct pim_ifst *s)
{
	const struct pim_if *pif = pim_s_if(s);

	return !pif || pif->cfg.ignore_assert;
}

/* my_assert_metric for the machine s belongs to. */
static struct pim_metric pim_my_metric(const struct pim_ifst *s)
{
	const struct pim_ent *e = s->e;
	const struct pim_if *pif = pim_s_if(s);

	if (!pim_is_star(e) && pim_could_assert_sg(e, s->ifindex))
		return pim_spt_metric(e, pif);
	if (pim_could_assert_star(e->g, s->ifindex))
		return pim_rpt_metric(e->g, pif);
	return pim_infinite_metric();
}

static void pim_as_log(const struct pim_ifst *s, uint8_t to, const char *why)
{
	struct sim_log_rec r;
	const struct pim_if *pif = pim_s_if(s);
	char a[NET_ADDR_STRLEN];

	pim_log_ent(&r, s->e, pim_as_events[to]);
	sim_log_str(&r, "iface", pif ? pif->name : "?");
	sim_log_str(&r, "old", pim_as_names[s->as]);
	sim_log_str(&r, "new", pim_as_names[to]);
	if (to != PIM_AS_NOINFO) {
		net_addr_fmt(&s->aw.addr, a, sizeof(a));
		sim_log_str(&r, "winner", a);
	}
	if (why)
		sim_log_str(&r, "why", why);
	sim_log_str(&r, "mark", "join"); /* outage anatomy (meas.h) */
	sim_log_end(&r);
}

static void pim_assert_send(struct pim_ifst *s, const struct pim_metric *m)
{
	struct pim_ent *e = s->e;
	struct pim *p = e->g->p;
	struct pim_if *pif = pim_s_if(s);
	struct pim_assert *a = &p->txm->assert;

	if (!pif)
		return;
	pim_hello_ensure(pif);
	memset(p->txm, 0, offsetof(struct pim_msg, assert) + sizeof(*a));
	p->txm->type = PIM_T_ASSERT;
	a->group.addr = e->g->addr;
	a->group.mask_len = p->cfg.af == NET_AF_IP6 ? 128 : 32;
	if (pim_is_star(e)) {
		a->source = s->as_src;
	} else {
		a->source = e->src;
	}
	if (a->source.af != p->cfg.af) {
		memset(&a->source, 0, sizeof(a->source));
		a->source.af = p->cfg.af;
	}
	a->rpt_bit = m->rpt;
	a->metric_pref = m->pref;
	a->metric = m->metric;
	if (pim_tx_link(p, pif) == 0)
		pif->assert_tx++;
}

/* A1: we win; send an Assert and re-assert before the losers forget. */
static void pim_a1(struct pim_ifst *s, const char *why)
{
	struct pim *p = s->e->g->p;
	struct pim_metric mine = pim_my_metric(s);

	s->aw = mine;
	pim_as_log(s, PIM_AS_WINNER, why);
	s->as = PIM_AS_WINNER;
	pim_assert_send(s, &mine);
	s->at = pim_now(p) + p->cfg.assert_time - p->cfg.assert_override;
	pim_ifst_rearm(s);
}

/* A3: re-assert. */
static void pim_a3(struct pim_ifst *s)
{
	struct pim *p = s->e->g->p;
	struct pim_metric mine = pim_my_metric(s);

	s->aw = mine;
	pim_assert_send(s, &mine);
	s->at = pim_now(p) + p->cfg.assert_time - p->cfg.assert_override;
	pim_ifst_rearm(s);
}

/* A2 (and A6 for (S,G): an SPT joined through the winner is the SPT). */
static void pim_a2(struct pim_ifst *s, const struct pim_metric *m,
		   const char *why)
{
	struct pim_ent *e = s->e;
	struct pim *p = e->g->p;
	bool log = s->as != PIM_AS_LOSER || !net_addr_eq(&s->aw.addr, &m->addr);

	s->aw = *m;
	if (log)
		pim_as_log(s, PIM_AS_LOSER, why);
	if (!pim_is_star(e) && s->as == PIM_AS_NOINFO &&
	    s->ifindex == e->rpf.ifindex && e->up == PIM_UP_JOINED)
		e->spt = true; /* A6 */
	s->as = PIM_AS_LOSER;
	s->at = pim_now(p) + p->cfg.assert_time;
	pim_ifst_rearm(s);
}

/* A5 (A4 first sends an AssertCancel). */
void pim_assert_reset(struct pim_ifst *s, const char *why)
{
	if (s->as == PIM_AS_NOINFO)
		return;
	pim_as_log(s, PIM_AS_NOINFO, why);
	s->as = PIM_AS_NOINFO;
	s->at = -1;
	memset(&s->aw, 0, sizeof(s->aw));
	pim_ifst_rearm(s);
}

static void pim_a4(struct pim_ifst *s)
{
	struct pim_metric inf = pim_infinite_metric();

	pim_assert_send(s, &inf);
	pim_assert_reset(s, "could-assert");
}

static bool pim_is_cancel(const struct pim_metric *m)
{
	return m->rpt && m->pref == PIM_PREF_INFINITY &&
	       m->metric == PIM_METRIC_INFINITY;
}

/* ---- reception ---- */

/* The (S,G) machine (4.6.1) or the (*,G) one (4.6.2) for an assert of
 * metric m; star: the (*,G) machine (m->rpt is set). */
static void pim_assert_fsm(struct pim_ifst *s, const struct pim_metric *m,
			   bool could, bool atd)
{
	struct pim_metric mine = pim_my_metric(s);
	bool acceptable = pim_metric_better(m, &mine);
	bool star = pim_is_star(s->e);

	switch (s->as) {
	case PIM_AS_NOINFO:
		if (!acceptable && could && (star || !m->rpt))
			pim_a1(s, "inferior-assert");
		else if (acceptable && atd && (star || !m->rpt))
			pim_a2(s, m, "acceptable-assert");
		break;
	case PIM_AS_WINNER:
		if (acceptable)
			pim_a2(s, m, "preferred-assert");
		else
			pim_a3(s);
		break;
	case PIM_AS_LOSER:
		if (net_addr_eq(&m->addr, &s->aw.addr)) {
			if (pim_is_cancel(m) || !acceptable)
				pim_assert_reset(s,
						 pim_is_cancel(m)
							 ? "assert-cancel"
							 : "inferior-assert");
			else if (star || !m->rpt)
				pim_a2(s, m, "winner-assert");
		} else if (pim_metric_better(m, &s->aw) && (star || !m->rpt)) {
			pim_a2(s, m, "preferred-assert");
		}
		break;
	}
}

void pim_assert_rx(struct pim_if *pif, const struct pim_assert *a,
		   const struct net_addr *src)
{
	struct pim *p = pif->p;
	bool wild = pim_addr_unspec(&a->source);
	struct pim_metric m = {
		.rpt = a->rpt_bit,
		.pref = a->metric_pref & PIM_PREF_INFINITY,
		.metric = a->metric,
		.addr = *src,
	};
	int i = pif->ifindex;
	struct pim_grp *g;
	struct pim_ent *e;
	struct pim_ifst *s;

	if (a->group.addr.af != p->cfg.af ||
	    !net_addr_is_multicast(&a->group.addr) ||
	    (!wild && (a->source.af != p->cfg.af ||
		       net_addr_is_multicast(&a->source))) ||
	    (wild && !a->rpt_bit)) {
		pim_drop(p, pif, PIM_DROP_BAD_ADDR);
		return;
	}
	if (pif->cfg.ignore_assert)
		return;
	g = pim_grp_find(p, &a->group.addr);
	if (!g)
		return;
	if (a->rpt_bit && g->star) {
		s = pim_ifst_get(g->star, i);
		if (s) {
			if (s->as == PIM_AS_NOINFO && !wild)
				s->as_src = a->source;
			pim_assert_fsm(s, &m, pim_could_assert_star(g, i),
				       pim_atd_star(g, i));
		}
	}
	e = wild ? NULL : pim_sg_find(g, &a->source);
	if (!wild && !e && !a->rpt_bit && pim_atd_star(g, i))
		e = pim_sg_get(g, &a->source); /* state to hold the loss */
	if (e && (s = pim_ifst_get(e, i)) != NULL) {
		bool could = pim_could_assert_sg(e, i);

		if (a->rpt_bit && s->as == PIM_AS_NOINFO) {
			/* "Receive Assert with RPTbit set AND CouldAssert" */
			if (could)
				pim_a1(s, "rpt-assert");
		} else if (!a->rpt_bit || s->as != PIM_AS_NOINFO) {
			pim_assert_fsm(s, &m, could, pim_atd_sg(e, i));
		}
	}
	pim_grp_update(g);
}

/* ---- data, timers, neighbors, joins ---- */

void pim_assert_data_sg(struct pim_ent *e, int ifindex)
{
	struct pim_ifst *s;

	if (!pim_could_assert_sg(e, ifindex))
		return;
	s = pim_ifst_get(e, ifindex);
	if (s && !pim_s_ignored(s) && s->as == PIM_AS_NOINFO)
		pim_a1(s, "data");
}

void pim_assert_data_star(struct pim_grp *g, int ifindex,
			  const struct net_addr *src)
{
	struct pim_ifst *s;

	if (!g->star || !pim_could_assert_star(g, ifindex))
		return;
	s = pim_ifst_get(g->star, ifindex);
	if (s && !pim_s_ignored(s) && s->as == PIM_AS_NOINFO) {
		s->as_src = *src;
		pim_a1(s, "data");
	}
}

void pim_assert_timer(struct pim_ifst *s)
{
	if (s->as == PIM_AS_WINNER)
		pim_a3(s);
	else if (s->as == PIM_AS_LOSER)
		pim_assert_reset(s, "assert-timer");
}

static void pim_assert_nbr_ent(struct pim_ent *e, int ifindex,
			       const struct net_addr *nbr)
{
	struct pim_ifst *s = pim_ifst_find(e, ifindex);

	if (s && s->as == PIM_AS_LOSER && net_addr_eq(&s->aw.addr, nbr))
		pim_assert_reset(s, "winner-gone");
}

void pim_assert_nbr_gone(struct pim_if *pif, const struct net_addr *nbr)
{
	struct pim *p = pif->p;

	for (size_t i = 0; i < p->ngrps; i++) {
		struct pim_grp *g = p->grps[i];

		if (g->star)
			pim_assert_nbr_ent(g->star, pif->ifindex, nbr);
		for (size_t k = 0; k < g->nsg; k++)
			pim_assert_nbr_ent(g->sg[k], pif->ifindex, nbr);
	}
}

void pim_assert_join_rx(struct pim_ifst *s)
{
	if (s->as == PIM_AS_LOSER)
		pim_assert_reset(s, "join");
}

/* The macro-driven events of 4.6.1 / 4.6.2 for one record. */
static bool pim_assert_eval_s(struct pim_ifst *s)
{
	const struct pim_ent *e = s->e;
	bool star = pim_is_star(e);
	uint8_t old = s->as;
	struct pim_metric mine;

	if (old == PIM_AS_NOINFO)
		return false;
	if (pim_s_ignored(s)) {
		pim_assert_reset(s, "ignore-assert");
	} else if (old == PIM_AS_WINNER) {
		if (!(star ? pim_could_assert_star(e->g, s->ifindex)
			   : pim_could_assert_sg(e, s->ifindex)))
			pim_a4(s);
	} else {
		mine = pim_my_metric(s);
		if (!(star ? pim_atd_star(e->g, s->ifindex)
			   : pim_atd_sg(e, s->ifindex)))
			pim_assert_reset(s, "tracking");
		else if (pim_metric_better(&mine, &s->aw))
			pim_assert_reset(s, "metric");
	}
	return s->as != old;
}

bool pim_assert_eval(struct pim_grp *g)
{
	bool changed = false;

	if (g->star)
		for (size_t i = 0; i < g->star->nifs; i++)
			changed |= pim_assert_eval_s(g->star->ifs[i]);
	for (size_t k = 0; k < g->nsg; k++)
		for (size_t i = 0; i < g->sg[k]->nifs; i++)
			changed |= pim_assert_eval_s(g->sg[k]->ifs[i]);
	return changed;
}
