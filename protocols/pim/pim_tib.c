/*
 * The Tree Information Base (RFC 7761 4.1): groups sorted by address,
 * each with its (*,G) entry (4.1.3) and (S,G) entries (4.1.4) that also
 * hold the (S,G,rpt) state (4.1.5), and per (entry, interface) records
 * for downstream J/P, local membership and Assert state. Records are
 * created on demand and freed when they hold no state ("NoInfo"
 * everywhere, no timer running); the MFIB entry goes with its TIB entry.
 * pim_grp_update is the one place that runs the state machines after an
 * event: it repeats the evaluation of the upstream, register and Assert
 * machines until nothing changes (one transition can change another
 * macro), then programs the forwarding entries and collects garbage.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/pim/pim_int.h"

/* ---- groups ---- */

/*
 * Binary search in an array of n pointers to structs ordered by the
 * address at byte offset off in each struct: the position of key, or
 * where it would go (*found false).
 */
static size_t pim_addr_pos(void *const *arr, size_t n, size_t off,
			   const struct net_addr *key, bool *found)
{
	size_t lo = 0, hi = n;

	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct net_addr *a =
			(const void *)((const char *)arr[mid] + off);
		int c = net_addr_cmp(a, key);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t pim_grp_pos(const struct pim *p, const struct net_addr *g,
			  bool *found)
{
	return pim_addr_pos((void *const *)p->grps, p->ngrps,
			    offsetof(struct pim_grp, addr), g, found);
}

struct pim_grp *pim_grp_find(const struct pim *p, const struct net_addr *g)
{
	bool found;
	size_t pos = pim_grp_pos(p, g, &found);

	return found ? p->grps[pos] : NULL;
}

struct pim_grp *pim_grp_get(struct pim *p, const struct net_addr *g)
{
	bool found;
	size_t pos = pim_grp_pos(p, g, &found);
	struct pim_grp *grp;

	if (found)
		return p->grps[pos];
	if (p->ngrps == p->capgrps) {
		size_t cap = p->capgrps ? 2 * p->capgrps : 16;
		void *v = realloc(p->grps, cap * sizeof(*p->grps));

		if (!v)
			return NULL;
		p->grps = v;
		p->capgrps = cap;
	}
	grp = calloc(1, sizeof(*grp));
	if (!grp)
		return NULL;
	grp->p = p;
	grp->addr = *g;
	grp->rp_rpf.ifindex = -1;
	grp->prev_rp_if = -1;
	pim_grp_refresh(grp);
	grp->prev_rp_if = pim_rp_if(grp);
	memmove(&p->grps[pos + 1], &p->grps[pos],
		(p->ngrps - pos) * sizeof(*p->grps));
	p->grps[pos] = grp;
	p->ngrps++;
	return grp;
}

/* ---- entries ---- */

static size_t pim_sg_pos(const struct pim_grp *g, const struct net_addr *s,
			 bool *found)
{
	return pim_addr_pos((void *const *)g->sg, g->nsg,
			    offsetof(struct pim_ent, src), s, found);
}

struct pim_ent *pim_sg_find(const struct pim_grp *g, const struct net_addr *s)
{
	bool found;
	size_t pos;

	if (!g)
		return NULL;
	pos = pim_sg_pos(g, s, &found);
	return found ? g->sg[pos] : NULL;
}

static void pim_ent_fini_timers(struct pim_ent *e)
{
	node_timer_fini(&e->jt);
	node_timer_fini(&e->kat_t);
	node_timer_fini(&e->ot);
	node_timer_fini(&e->rst);
}

static struct pim_ent *pim_ent_new(struct pim_grp *g, const struct net_addr *s)
{
	struct pim *p = g->p;
	struct node *n = p->node;
	struct pim_ent *e = calloc(1, sizeof(*e));
	struct sim_log_rec r;

	if (!e)
		return NULL;
	if (node_timer_init(n, &e->jt, pim_jt_fire) ||
	    node_timer_init(n, &e->kat_t, pim_kat_fire) ||
	    node_timer_init(n, &e->ot, pim_ot_fire) ||
	    node_timer_init(n, &e->rst, pim_rst_fire)) {
		pim_ent_fini_timers(e);
		free(e);
		return NULL;
	}
	e->g = g;
	if (s)
		e->src = *s;
	else
		e->src.af = NET_AF_NONE;
	e->created = pim_now(p);
	e->rpf.ifindex = -1;
	if (s)
		pim_rpf_lookup(p, s, &e->rpf);
	e->prev_rpf_if = e->rpf.ifindex;
	e->rpfp_if = -1;
	e->kat = -1;
	e->prog_iif = -1;
	pim_log_ent(&r, e, "entry-create");
	sim_log_end(&r);
	return e;
}

struct pim_ent *pim_sg_get(struct pim_grp *g, const struct net_addr *s)
{
	bool found;
	size_t pos = pim_sg_pos(g, s, &found);
	struct pim_ent *e;

	if (found)
		return g->sg[pos];
	if (g->nsg == g->capsg) {
		size_t cap = g->capsg ? 2 * g->capsg : 4;
		void *v = realloc(g->sg, cap * sizeof(*g->sg));

		if (!v)
			return NULL;
		g->sg = v;
		g->capsg = cap;
	}
	e = pim_ent_new(g, s);
	if (!e)
		return NULL;
	memmove(&g->sg[pos + 1], &g->sg[pos], (g->nsg - pos) * sizeof(*g->sg));
	g->sg[pos] = e;
	g->nsg++;
	return e;
}

struct pim_ent *pim_star_get(struct pim_grp *g)
{
	if (!g->star)
		g->star = pim_ent_new(g, NULL);
	return g->star;
}

/* ---- per-interface records ---- */

static size_t pim_ifst_pos(const struct pim_ent *e, int ifindex, bool *found)
{
	size_t lo = 0, hi = e->nifs;

	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->ifs[mid]->ifindex == ifindex) {
			*found = true;
			return mid;
		}
		if (e->ifs[mid]->ifindex < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct pim_ifst *pim_ifst_find(const struct pim_ent *e, int ifindex)
{
	bool found;
	size_t pos;

	if (!e)
		return NULL;
	pos = pim_ifst_pos(e, ifindex, &found);
	return found ? e->ifs[pos] : NULL;
}

struct pim_ifst *pim_ifst_get(struct pim_ent *e, int ifindex)
{
	bool found;
	size_t pos = pim_ifst_pos(e, ifindex, &found);
	struct pim_ifst *s;

	if (found)
		return e->ifs[pos];
	if (e->nifs == e->capifs) {
		size_t cap = e->capifs ? 2 * e->capifs : 4;
		void *v = realloc(e->ifs, cap * sizeof(*e->ifs));

		if (!v)
			return NULL;
		e->ifs = v;
		e->capifs = cap;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	if (node_timer_init(e->g->p->node, &s->timer, pim_ifst_timer)) {
		free(s);
		return NULL;
	}
	s->e = e;
	s->ifindex = ifindex;
	s->et = s->ppt = s->rpt_et = s->rpt_ppt = s->at = -1;
	memmove(&e->ifs[pos + 1], &e->ifs[pos],
		(e->nifs - pos) * sizeof(*e->ifs));
	e->ifs[pos] = s;
	e->nifs++;
	return s;
}

static void pim_min_dl(sim_time_t *m, sim_time_t d)
{
	if (d >= 0 && d < *m)
		*m = d;
}

void pim_ifst_rearm(struct pim_ifst *s)
{
	sim_time_t m = SIM_TIME_NEVER;

	if (s->jp != PIM_JP_NOINFO) {
		pim_min_dl(&m, s->et);
		if (s->jp == PIM_JP_PRUNE_PENDING)
			pim_min_dl(&m, s->ppt);
	}
	if (s->rpt != PIM_RPT_NOINFO) {
		pim_min_dl(&m, s->rpt_et);
		if (s->rpt == PIM_RPT_PRUNE_PENDING)
			pim_min_dl(&m, s->rpt_ppt);
	}
	if (s->as != PIM_AS_NOINFO)
		pim_min_dl(&m, s->at);
	pim_arm(&s->timer, m);
}

static bool pim_ifst_idle(const struct pim_ifst *s)
{
	return s->jp == PIM_JP_NOINFO && s->rpt == PIM_RPT_NOINFO &&
	       !s->local_in && !s->local_ex && s->as == PIM_AS_NOINFO;
}

static void pim_ifst_destroy(struct pim_ifst *s)
{
	node_timer_fini(&s->timer);
	free(s);
}

/* ---- evaluation and garbage collection ---- */

static void pim_grp_eval(struct pim_grp *g)
{
	for (int round = 0; round < PIM_EVAL_ROUNDS; round++) {
		bool changed = pim_up_eval(g);

		changed |= pim_assert_eval(g);
		if (!changed)
			break;
	}
	if (g->star)
		pim_program(g->star);
	for (size_t i = 0; i < g->nsg; i++)
		pim_program(g->sg[i]);
}

static bool pim_ent_idle(const struct pim_ent *e)
{
	if (e->nifs || e->up != PIM_UP_NOT_JOINED)
		return false;
	if (pim_is_star(e))
		return true;
	return e->kat < 0 && e->reg == PIM_REG_NOINFO && !e->neg &&
	       e->rptup != PIM_RPTUP_PRUNED && !node_timer_armed(&e->ot);
}

static void pim_ent_destroy(struct pim_ent *e, bool silent)
{
	if (!silent) {
		struct sim_log_rec r;

		pim_unprogram(e);
		pim_log_ent(&r, e, "entry-delete");
		sim_log_end(&r);
	}
	for (size_t i = 0; i < e->nifs; i++)
		pim_ifst_destroy(e->ifs[i]);
	pim_ent_fini_timers(e);
	free(e->ifs);
	free(e->prog_oifs);
	free(e);
}

/* Free idle records of e; true when e itself is idle. */
static bool pim_ent_gc(struct pim_ent *e)
{
	size_t k = 0;

	for (size_t i = 0; i < e->nifs; i++) {
		if (pim_ifst_idle(e->ifs[i]))
			pim_ifst_destroy(e->ifs[i]);
		else
			e->ifs[k++] = e->ifs[i];
	}
	e->nifs = k;
	return pim_ent_idle(e);
}

void pim_grp_gc(struct pim_grp *g)
{
	struct pim *p = g->p;
	size_t k = 0;
	bool found;
	size_t pos;

	for (size_t i = 0; i < g->nsg; i++) {
		if (pim_ent_gc(g->sg[i]))
			pim_ent_destroy(g->sg[i], false);
		else
			g->sg[k++] = g->sg[i];
	}
	g->nsg = k;
	if (g->star && pim_ent_gc(g->star)) {
		pim_ent_destroy(g->star, false);
		g->star = NULL;
	}
	if (g->star || g->nsg)
		return;
	pos = pim_grp_pos(p, &g->addr, &found);
	if (!found)
		return;
	memmove(&p->grps[pos], &p->grps[pos + 1],
		(p->ngrps - pos - 1) * sizeof(*p->grps));
	p->ngrps--;
	free(g->sg);
	free(g);
}

void pim_grp_update(struct pim_grp *g)
{
	pim_grp_eval(g);
	pim_grp_gc(g);
}

void pim_update_all(struct pim *p)
{
	for (size_t i = 0; i < p->ngrps; i++)
		pim_grp_eval(p->grps[i]);
	for (size_t i = p->ngrps; i-- > 0;)
		pim_grp_gc(p->grps[i]);
}

static void pim_ent_if_gone(struct pim_ent *e, int ifindex)
{
	bool found;
	size_t pos = pim_ifst_pos(e, ifindex, &found);

	if (!found)
		return;
	pim_ifst_destroy(e->ifs[pos]);
	memmove(&e->ifs[pos], &e->ifs[pos + 1],
		(e->nifs - pos - 1) * sizeof(*e->ifs));
	e->nifs--;
}

void pim_tib_if_gone(struct pim *p, int ifindex)
{
	for (size_t i = 0; i < p->ngrps; i++) {
		struct pim_grp *g = p->grps[i];

		if (g->star)
			pim_ent_if_gone(g->star, ifindex);
		for (size_t k = 0; k < g->nsg; k++)
			pim_ent_if_gone(g->sg[k], ifindex);
	}
}

void pim_tib_free(struct pim *p)
{
	for (size_t i = 0; i < p->ngrps; i++) {
		struct pim_grp *g = p->grps[i];

		for (size_t k = 0; k < g->nsg; k++)
			pim_ent_destroy(g->sg[k], true);
		if (g->star)
			pim_ent_destroy(g->star, true);
		free(g->sg);
		free(g);
	}
	free(p->grps);
	p->grps = NULL;
	p->ngrps = p->capgrps = 0;
}

/* ---- local membership (4.1.6 local_receiver_include/exclude) ---- */

void pim_local_member(struct pim *p, int ifindex, const struct net_addr *grp,
		      const struct net_addr *src, bool include, bool present)
{
	bool star = !src || pim_addr_unspec(src);
	struct pim_grp *g;
	struct pim_ent *e;
	struct pim_ifst *s;

	if (!pim_if_find(p, ifindex) || grp->af != p->cfg.af ||
	    !net_addr_is_multicast(grp) ||
	    (!star && (src->af != p->cfg.af || net_addr_is_multicast(src))))
		return;
	if (star && !include)
		return; /* an exclude without a source means nothing */
	pim_enter(p);
	g = present ? pim_grp_get(p, grp) : pim_grp_find(p, grp);
	if (!g)
		goto out;
	if (star)
		e = present ? pim_star_get(g) : g->star;
	else
		e = present ? pim_sg_get(g, src) : pim_sg_find(g, src);
	s = !e	      ? NULL
	    : present ? pim_ifst_get(e, ifindex)
		      : pim_ifst_find(e, ifindex);
	if (s) {
		if (present) {
			s->local_in = include;
			s->local_ex = !include;
		} else {
			s->local_in = s->local_ex = false;
		}
	}
	pim_grp_update(g);
out:
	pim_leave(p);
}
