/*
 * The per-flow rules of the "pim" module of `failsim check`:
 *
 * - Hello period (RFC 7761 4.3.1, 4.11): a neighbor (link, source) sends
 *   Hellos every Hello_Period; its Holdtime is Default_Hello_Holdtime =
 *   3.5 * Hello_Period, so Holdtime / 3.5 is the period it runs (30 s when
 *   it sends no Holdtime). Triggered Hellos may come at any time; a longer
 *   gap than the period plus CK_PIM_TOL_PCT percent and CK_PIM_TOL fails.
 *   Not judged after a Hello with Holdtime 0 (goodbye) or 0xffff (never
 *   time out, 4.9.2), nor across a GenID change (a restart, 4.3.1: counted).
 * - Join/Prune period (4.5, 4.11): each joined entry (link, upstream
 *   neighbor, group, source, W and R bits) is refreshed every t_periodic
 *   = J/P Holdtime / 3.5 (60 s when the Holdtime is 0; not judged after
 *   0xffff, state held until canceled, 4.9.5). Other routers on the LAN
 *   may suppress their Joins on hearing one (4.5.4, 4.5.5), so the
 *   Joins of an entry are taken together whoever sends them: the
 *   gap is at most 1.4 * t_periodic (the longest t_suppressed) plus the
 *   tolerance. A Prune for the entry ends it (a new Join starts afresh);
 *   a sender's GenID change voids its entries' gap.
 * - Assert loser (4.6.1, 4.6.2, 4.6.3): per (link, S, G), a router whose
 *   Assert was beaten by a preferred Assert (RPT bit clear first, then
 *   lower preference, lower metric, higher address) must not assert
 *   again with a worse metric while the winner's Assert is under
 *   Assert_Time (180 s) old, unless the winner cancelled (infinite
 *   metric) or it was CK_PIM_ASSERT_TOL in flight. Forwarding by a loser
 *   cannot be seen in a capture of control traffic; this is its trace.
 *
 * State lives in bounded tables (ck_r_gmp_ftab.h); what they cannot hold
 * is counted and not judged.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/check/ck_r_pim_int.h"

#define ASSERT_INFINITE_PREF   0x7fffffffu
#define ASSERT_INFINITE_METRIC 0xffffffffu

static const char *addr_str(const struct net_addr *a, char *buf)
{
	net_addr_fmt(a, buf, NET_ADDR_STRLEN);
	return buf;
}

static const char *dur(sim_time_t t, char *buf, size_t len)
{
	sim_time_fmt_short(t, buf, len);
	return buf;
}

static sim_time_t tol_of(sim_time_t t)
{
	return t / 100 * CK_PIM_TOL_PCT + CK_PIM_TOL;
}

int ck_pim_flow_init(struct ck_pim *p)
{
	p->nbrs = ck_ftab_new(sizeof(struct ck_pim_nkey),
			      sizeof(struct ck_pim_nbr), CK_PIM_MAX_NBRS);
	p->joins = ck_ftab_new(sizeof(struct ck_pim_jkey),
			       sizeof(struct ck_pim_join), CK_PIM_MAX_JP);
	p->asserts =
		ck_ftab_new(sizeof(struct ck_pim_akey),
			    sizeof(struct ck_pim_assert), CK_PIM_MAX_ASSERTS);
	return p->nbrs && p->joins && p->asserts ? 0 : -1;
}

void ck_pim_flow_free(struct ck_pim *p)
{
	ck_ftab_free(p->nbrs);
	ck_ftab_free(p->joins);
	ck_ftab_free(p->asserts);
	p->nbrs = p->joins = p->asserts = NULL;
}

static struct ck_pim_nbr *nbr_of(struct ck_pim *p, uint32_t link,
				 const struct net_addr *a, bool add,
				 bool *created)
{
	struct ck_pim_nkey k;

	memset(&k, 0, sizeof(k));
	k.link = link;
	k.addr = *a;
	if (created)
		*created = false;
	return add ? ck_ftab_get(p->nbrs, &k, created)
		   : ck_ftab_find(p->nbrs, &k);
}

/* ---- Hello (4.3.1, 4.9.2, 4.11) ---- */

static void hello_gap(struct ck_ctx *c, const struct ck_frame *f,
		      const struct ck_pim_nbr *n, const struct pim_hello *h)
{
	sim_time_t gap = f->t - n->last_t, period, lim;
	char a[NET_ADDR_STRLEN], x[24], y[24], z[40] = "";

	if (gap <= 0 || (n->has_holdtime && (n->holdtime == 0 || n->forever)))
		return;
	if (n->has_genid && h->has_genid && n->genid != h->genid)
		return; /* a restart */
	period =
		n->has_holdtime ? n->holdtime * 2 / 7 : CK_PIM_DEF_HELLO_PERIOD;
	lim = period + tol_of(period);
	if (gap <= lim) {
		ck_pass(c, ck_pim_rule(CK_PIM_HELLO_PERIOD));
		return;
	}
	if (n->has_holdtime && gap > n->holdtime)
		snprintf(z, sizeof(z), "; its Holdtime %llds lapsed",
			 (long long)(n->holdtime / SIM_S(1)));
	ck_fail(c, ck_pim_rule(CK_PIM_HELLO_PERIOD), f->no, f->t,
		"Hellos from %s %s apart, Hello_Period %s (%s; tolerance "
		"%d%% + 1s)%s",
		addr_str(&f->pi.src, a), dur(gap, x, 24), dur(period, y, 24),
		n->has_holdtime ? "Holdtime / 3.5" : "default", CK_PIM_TOL_PCT,
		z);
}

static void hello_msg(struct ck_ctx *c, struct ck_pim *p,
		      const struct ck_frame *f, const struct pim_hello *h)
{
	bool created;
	struct ck_pim_nbr *n = nbr_of(p, f->link, &f->pi.src, true, &created);

	if (!n)
		return;
	if (!created) {
		hello_gap(c, f, n, h);
		if (n->has_genid && h->has_genid && n->genid != h->genid) {
			n->epoch++;
			ck_count(c, "pim neighbor restarts (GenID changed)", 1);
		}
	}
	n->last_t = f->t;
	n->last_frame = f->no;
	n->has_holdtime = h->has_holdtime;
	n->holdtime = h->holdtime;
	n->forever = h->holdtime_forever;
	if (h->has_genid) {
		n->has_genid = true;
		n->genid = h->genid;
	}
}

/* ---- Join/Prune (4.5, 4.11) ---- */

static void entry_str(const struct ck_pim_jkey *k, char *buf, size_t len)
{
	char s[NET_ADDR_STRLEN], g[NET_ADDR_STRLEN];

	addr_str(&k->source, s);
	addr_str(&k->group, g);
	if (k->bits & 2)
		snprintf(buf, len, "(*,%s) RP %s", g, s);
	else if (k->bits & 1)
		snprintf(buf, len, "(%s,%s,rpt)", s, g);
	else
		snprintf(buf, len, "(%s,%s)", s, g);
}

static void jp_key(struct ck_pim_jkey *k, const struct ck_frame *f,
		   const struct pim_jp *jp, const struct pim_jp_group *g,
		   const struct pim_esrc *s)
{
	memset(k, 0, sizeof(*k));
	k->link = f->link;
	k->upstream = jp->upstream;
	k->group = g->group.addr;
	k->gmask = g->group.mask_len;
	k->source = s->addr;
	k->smask = s->mask_len;
	k->bits = (uint8_t)((s->w_bit ? 2 : 0) | (s->r_bit ? 1 : 0));
}

static void join_gap(struct ck_ctx *c, const struct ck_frame *f,
		     const struct ck_pim_jkey *k, const struct ck_pim_join *e)
{
	sim_time_t gap = f->t - e->last_t, tp, lim;
	char u[NET_ADDR_STRLEN], x[24], y[24], what[160];

	/* Holdtime 0xffff: held until canceled, no refresh needed (4.9.5) */
	if (gap <= 0 || e->forever)
		return;
	tp = e->holdtime > 0 ? e->holdtime * 2 / 7 : CK_PIM_DEF_T_PERIODIC;
	lim = tp * 14 / 10 + tol_of(tp);
	if (gap <= lim) {
		ck_pass(c, ck_pim_rule(CK_PIM_JP_PERIOD));
		return;
	}
	entry_str(k, what, sizeof(what));
	ck_fail(c, ck_pim_rule(CK_PIM_JP_PERIOD), f->no, f->t,
		"Joins of %s towards %s %s apart, t_periodic %s (at most 1.4 "
		"times; tolerance %d%% + 1s)",
		what, addr_str(&k->upstream, u), dur(gap, x, 24),
		dur(tp, y, 24), CK_PIM_TOL_PCT);
}

static void jp_source(struct ck_ctx *c, struct ck_pim *p,
		      const struct ck_frame *f, const struct pim_jp *jp,
		      const struct pim_jp_group *g, const struct pim_esrc *s,
		      bool join, uint32_t epoch)
{
	struct ck_pim_jkey k;
	struct ck_pim_join *e;

	jp_key(&k, f, jp, g, s);
	if (!join) {
		e = ck_ftab_find(p->joins, &k);
		if (e)
			e->active = false;
		return;
	}
	e = ck_ftab_get(p->joins, &k, NULL);
	if (!e)
		return;
	if (e->active &&
	    !(net_addr_eq(&e->sender, &f->pi.src) && e->epoch != epoch))
		join_gap(c, f, &k, e);
	e->active = true;
	e->last_t = f->t;
	e->holdtime = jp->holdtime;
	e->forever = jp->holdtime_forever;
	e->sender = f->pi.src;
	e->epoch = epoch;
}

static void jp_msg(struct ck_ctx *c, struct ck_pim *p, const struct ck_frame *f,
		   const struct pim_jp *jp)
{
	const struct ck_pim_nbr *n =
		nbr_of(p, f->link, &f->pi.src, false, NULL);
	uint32_t epoch = n ? n->epoch : 0;

	for (unsigned i = 0; i < jp->ngroups; i++) {
		const struct pim_jp_group *g = &jp->groups[i];
		uint32_t n_all = (uint32_t)g->njoin + g->nprune;

		for (uint32_t j = 0; j < n_all; j++) {
			uint32_t at = g->src0 + j;

			if (at >= jp->nsrcs || at >= PIM_MAX_JP_SOURCES)
				break;
			jp_source(c, p, f, jp, g, &jp->srcs[at], j < g->njoin,
				  epoch);
		}
	}
}

/* ---- Assert (4.6) ---- */

/* <0 when metric a is preferred over b (RFC 7761 4.6.3). */
static int metric_cmp(bool rpt_a, uint32_t pref_a, uint32_t met_a,
		      const struct net_addr *addr_a, bool rpt_b,
		      uint32_t pref_b, uint32_t met_b,
		      const struct net_addr *addr_b)
{
	if (rpt_a != rpt_b)
		return rpt_a ? 1 : -1;
	if (pref_a != pref_b)
		return pref_a < pref_b ? -1 : 1;
	if (met_a != met_b)
		return met_a < met_b ? -1 : 1;
	return -net_addr_cmp(addr_a, addr_b); /* higher address wins */
}

static int asserter_cmp(const struct ck_pim_asserter *a,
			const struct ck_pim_asserter *b)
{
	return metric_cmp(a->rpt, a->pref, a->metric, &a->addr, b->rpt, b->pref,
			  b->metric, &b->addr);
}

/* The entry of addr in st, taking a free or the stalest one. */
static struct ck_pim_asserter *asserter(struct ck_pim_assert *st,
					const struct net_addr *addr)
{
	struct ck_pim_asserter *free_one = NULL, *stale = &st->r[0];

	for (size_t i = 0; i < CK_PIM_ASSERTERS; i++) {
		struct ck_pim_asserter *r = &st->r[i];

		if (r->used && net_addr_eq(&r->addr, addr))
			return r;
		if (!r->used && !free_one)
			free_one = r;
		if (r->used && r->last_t < stale->last_t)
			stale = r;
	}
	if (!free_one)
		free_one = stale;
	memset(free_one, 0, sizeof(*free_one));
	free_one->used = true;
	free_one->addr = *addr;
	return free_one;
}

/* A fresh Assert of another router preferred over me's new one. */
static const struct ck_pim_asserter *
preferred_other(const struct ck_pim_assert *st,
		const struct ck_pim_asserter *me, sim_time_t t)
{
	const struct ck_pim_asserter *best = NULL;

	for (size_t i = 0; i < CK_PIM_ASSERTERS; i++) {
		const struct ck_pim_asserter *o = &st->r[i];

		if (!o->used || o == me || t - o->last_t > CK_PIM_ASSERT_TIME ||
		    o->last_t > t || asserter_cmp(o, me) >= 0)
			continue;
		if (!best || asserter_cmp(o, best) < 0)
			best = o;
	}
	return best;
}

static void loser_rule(struct ck_ctx *c, const struct ck_frame *f,
		       const struct ck_pim_asserter *me,
		       const struct ck_pim_asserter *best,
		       const struct pim_assert *a)
{
	char s[NET_ADDR_STRLEN], g[NET_ADDR_STRLEN], w[NET_ADDR_STRLEN];
	char b[NET_ADDR_STRLEN], x[24];

	if (!(me->lost && best && f->t > me->lost_t + CK_PIM_ASSERT_TOL)) {
		ck_pass(c, ck_pim_rule(CK_PIM_ASSERT_LOSER));
		return;
	}
	ck_fail(c, ck_pim_rule(CK_PIM_ASSERT_LOSER), f->no, f->t,
		"Assert for (%s,%s) from %s %s after losing to %s's "
		"preferred Assert (pref %u metric %u against %u %u)",
		addr_str(&a->source, s), addr_str(&a->group.addr, g),
		addr_str(&me->addr, w), dur(f->t - me->lost_t, x, 24),
		addr_str(&best->addr, b), best->pref, best->metric,
		a->metric_pref, a->metric);
}

static void assert_msg(struct ck_ctx *c, struct ck_pim *p,
		       const struct ck_frame *f, const struct pim_assert *a)
{
	struct ck_pim_akey k;
	struct ck_pim_assert *st;
	struct ck_pim_asserter *me, cand;
	const struct ck_pim_asserter *best;

	memset(&k, 0, sizeof(k));
	k.link = f->link;
	k.group = a->group.addr;
	k.source = a->source;
	st = ck_ftab_get(p->asserts, &k, NULL);
	if (!st)
		return;
	me = asserter(st, &f->pi.src);
	if (a->metric_pref == ASSERT_INFINITE_PREF &&
	    a->metric == ASSERT_INFINITE_METRIC) {
		/* AssertCancel: every router goes back to NoInfo */
		for (size_t i = 0; i < CK_PIM_ASSERTERS; i++)
			st->r[i].lost = false;
		me->used = false;
		return;
	}
	cand = *me;
	cand.rpt = a->rpt_bit;
	cand.pref = a->metric_pref;
	cand.metric = a->metric;
	best = preferred_other(st, &cand, f->t);
	loser_rule(c, f, me, best, a);
	*me = cand;
	me->last_t = f->t;
	if (!best)
		me->lost = false;
	for (size_t i = 0; i < CK_PIM_ASSERTERS; i++) {
		struct ck_pim_asserter *o = &st->r[i];

		if (o->used && o != me && o->last_t <= f->t &&
		    asserter_cmp(me, o) < 0) {
			o->lost = true;
			o->lost_t = f->t;
		}
	}
}

void ck_pim_flow_msg(struct ck_ctx *c, struct ck_pim *p,
		     const struct ck_frame *f, const struct pim_msg *m)
{
	switch (m->type) {
	case PIM_T_HELLO:
		hello_msg(c, p, f, &m->hello);
		break;
	case PIM_T_JOIN_PRUNE:
		jp_msg(c, p, f, &m->jp);
		break;
	case PIM_T_ASSERT:
		assert_msg(c, p, f, &m->assert);
		break;
	default:
		break;
	}
}

void ck_pim_flow_close(struct ck_ctx *c, struct ck_pim *p)
{
	uint64_t lost = ck_ftab_dropped(p->nbrs) + ck_ftab_dropped(p->joins) +
			ck_ftab_dropped(p->asserts);

	if (lost)
		ck_count(c, "pim flows beyond the tables (not tracked)", lost);
}
