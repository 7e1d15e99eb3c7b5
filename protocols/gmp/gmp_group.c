/*
 * Group records of the router-side core: the per-group state of RFC 3376
 * section 6.2 (RFC 3810 section 7.2): filter mode, Group Timer, source
 * records with their timers; the reception tables of section 6.4.1
 * (current-state records IS_IN, IS_EX) and 6.4.2 (filter-mode-change and
 * source-list-change records TO_IN, TO_EX, ALLOW, BLOCK), the same as RFC
 * 3810 7.4.1 and 7.4.2, with their "Send Q(G)" and "Send Q(G,X)" actions
 * (6.6.3, sent by gmp_query.c when we are querier); the timer expiries of
 * 6.2.3 and 6.5 (Group Timer expiry in EXCLUDE mode switches to INCLUDE
 * with the sources whose timers run, or deletes the record); the timer
 * lowering of 6.6.1; and the Host Compatibility Mode of RFC 3376 7.3.2 /
 * RFC 3810 8.3.2 (Older Host Present timers per group; in an older mode
 * BLOCK is ignored and TO_EX(x) is handled as TO_EX({})). IGMPv1/v2 and
 * MLDv1 reports arrive here as IS_EX({}), leaves and dones as TO_IN({})
 * (7.3.2), so the RFC 2236 / RFC 2710 router behaviour follows from the
 * same tables. Each record is one timer: its earliest deadline.
 *
 * Notation in the comments is the RFC's: A, B the sets, X the Requested
 * List (EXCLUDE-mode sources with running timers), Y the Exclude List
 * (timer zero, src[i].expires == -1 here).
 */
#include <stdlib.h>
#include <string.h>

#include "protocols/gmp/gmp_int.h"

/* ---- lookup ---- */

static long gmp_group_pos(const struct gmp_if *gi, const struct net_addr *a,
			  bool *found)
{
	size_t lo = 0, hi = gi->ngroups;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = net_addr_cmp(&gi->groups[mid]->addr, a);

		if (c == 0) {
			*found = true;
			return (long)mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return (long)lo;
}

struct gmp_group *gmp_group_find(const struct gmp_if *gi,
				 const struct net_addr *addr)
{
	bool found;
	long i = gmp_group_pos(gi, addr, &found);

	return found ? gi->groups[i] : NULL;
}

static long gmp_src_pos(const struct gmp_group *g, const struct net_addr *a,
			bool *found)
{
	size_t lo = 0, hi = g->nsrc;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = net_addr_cmp(&g->src[mid].addr, a);

		if (c == 0) {
			*found = true;
			return (long)mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return (long)lo;
}

long gmp_src_find(const struct gmp_group *g, const struct net_addr *a)
{
	bool found;
	long i = gmp_src_pos(g, a, &found);

	return found ? i : -1;
}

/* ---- events and logs ---- */

/* RFC 3376 6.3: is traffic from source i forwarded? */
static enum gmp_mode gmp_src_fwd(const struct gmp_group *g, size_t i)
{
	if (g->mode == GMP_INCLUDE || g->src[i].expires >= 0)
		return GMP_INCLUDE;
	return GMP_EXCLUDE;
}

static void gmp_src_event(struct gmp_group *g, size_t i, enum gmp_change change)
{
	if (g->announced)
		gmp_event(g->gi, &g->addr, &g->src[i].addr, gmp_src_fwd(g, i),
			  change);
}

static const char *gmp_mode_name(enum gmp_mode m)
{
	return m == GMP_EXCLUDE ? "exclude" : "include";
}

void gmp_group_announce(struct gmp_group *g)
{
	struct gmp_if *gi = g->gi;
	struct sim_log_rec r;
	char buf[NET_ADDR_STRLEN];

	if (g->announced)
		return;
	g->announced = true;
	gi->joins++;
	gmp_log_begin_group(&r, g, "group-add");
	sim_log_str(&r, "mode", gmp_mode_name(g->mode));
	sim_log_int(&r, "version", gmp_ver(gi->cfg.af, g->compat));
	sim_log_uint(&r, "sources", g->nsrc);
	if (g->last_reporter.af != NET_AF_NONE) {
		net_addr_fmt(&g->last_reporter, buf, sizeof(buf));
		sim_log_str(&r, "reporter", buf);
	}
	if (g->imported)
		sim_log_bool(&r, "imported", true);
	/* For the outage anatomy: after a fault, a group learned again (or
	 * imported) is the membership step of the repair (sim/measure/meas.h,
	 * sim/run/sim_marks.c). */
	sim_log_str(&r, "mark", "membership");
	sim_log_end(&r);
	gmp_event(gi, &g->addr, NULL, g->mode, GMP_ADDED);
	for (size_t i = 0; i < g->nsrc; i++)
		gmp_src_event(g, i, GMP_ADDED);
}

/* ---- records ---- */

static void gmp_group_exp_fire(struct node_timer *nt);

struct gmp_group *gmp_group_new(struct gmp_if *gi, const struct net_addr *addr)
{
	struct gmp_group *g, **v;
	bool found;
	long pos = gmp_group_pos(gi, addr, &found);

	if (found)
		return gi->groups[pos];
	if (gi->ngroups == gi->capgroups) {
		size_t cap = gi->capgroups ? gi->capgroups * 2 : 16;

		v = realloc(gi->groups, cap * sizeof(*v));
		if (!v)
			return NULL;
		gi->groups = v;
		gi->capgroups = cap;
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	if (node_timer_init(gi->node, &g->exp_timer, gmp_group_exp_fire) != 0) {
		free(g);
		return NULL;
	}
	if (node_timer_init(gi->node, &g->rxmt_timer, gmp_query_rxmt_fire) !=
	    0) {
		node_timer_fini(&g->exp_timer);
		free(g);
		return NULL;
	}
	g->gi = gi;
	g->addr = *addr;
	g->mode = GMP_INCLUDE;
	g->gtimer = -1;
	g->host_present[0] = g->host_present[1] = g->host_present[2] = -1;
	g->compat = gi->gen;
	g->created = gmp_now(gi);
	memmove(&gi->groups[pos + 1], &gi->groups[pos],
		(gi->ngroups - (size_t)pos) * sizeof(*gi->groups));
	gi->groups[pos] = g;
	gi->ngroups++;
	return g;
}

void gmp_group_delete(struct gmp_group *g, const char *cause)
{
	struct gmp_if *gi = g->gi;
	bool found;
	long pos = gmp_group_pos(gi, &g->addr, &found);
	struct sim_log_rec r;

	while (g->nsrc > 0)
		gmp_src_remove(g, g->nsrc - 1);
	if (g->announced) {
		gmp_event(gi, &g->addr, NULL, g->mode, GMP_REMOVED);
		if (cause) {
			gi->leaves++;
			gmp_log_begin_group(&r, g, "group-del");
			sim_log_str(&r, "cause", cause);
			sim_log_end(&r);
		}
	}
	if (found && gi->groups[pos] == g) {
		memmove(&gi->groups[pos], &gi->groups[pos + 1],
			(gi->ngroups - (size_t)pos - 1) * sizeof(*gi->groups));
		gi->ngroups--;
	}
	node_timer_fini(&g->exp_timer);
	node_timer_fini(&g->rxmt_timer);
	free(g->src);
	free(g->src_rxmt);
	free(g);
}

void gmp_group_set_mode(struct gmp_group *g, enum gmp_mode mode)
{
	struct sim_log_rec r;
	enum gmp_mode old = g->mode;

	if (old == mode)
		return;
	g->mode = mode;
	if (!g->announced)
		return;
	gmp_event(g->gi, &g->addr, NULL, mode, GMP_CHANGED);
	gmp_log_begin_group(&r, g, "mode-change");
	sim_log_str(&r, "old", gmp_mode_name(old));
	sim_log_str(&r, "new", gmp_mode_name(mode));
	sim_log_end(&r);
}

long gmp_src_insert(struct gmp_group *g, const struct net_addr *a,
		    sim_time_t expires)
{
	bool found;
	long pos = gmp_src_pos(g, a, &found);
	size_t tail;

	if (found) {
		gmp_src_set(g, (size_t)pos, expires);
		return pos;
	}
	if (g->nsrc == g->capsrc) {
		size_t cap = g->capsrc ? g->capsrc * 2 : 8;
		struct gmp_src_info *s = realloc(g->src, cap * sizeof(*s));
		uint8_t *x;

		if (!s)
			return -1;
		g->src = s;
		x = realloc(g->src_rxmt, cap);
		if (!x)
			return -1;
		g->src_rxmt = x;
		g->capsrc = cap;
	}
	tail = g->nsrc - (size_t)pos;
	memmove(&g->src[pos + 1], &g->src[pos], tail * sizeof(*g->src));
	memmove(&g->src_rxmt[pos + 1], &g->src_rxmt[pos], tail);
	memset(&g->src[pos], 0, sizeof(g->src[pos]));
	g->src[pos].addr = *a;
	g->src[pos].expires = expires;
	g->src_rxmt[pos] = 0;
	g->nsrc++;
	gmp_src_event(g, (size_t)pos, GMP_ADDED);
	return pos;
}

void gmp_src_remove(struct gmp_group *g, size_t i)
{
	size_t tail = g->nsrc - i - 1;

	gmp_src_event(g, i, GMP_REMOVED);
	memmove(&g->src[i], &g->src[i + 1], tail * sizeof(*g->src));
	memmove(&g->src_rxmt[i], &g->src_rxmt[i + 1], tail);
	g->nsrc--;
}

void gmp_src_set(struct gmp_group *g, size_t i, sim_time_t expires)
{
	enum gmp_mode old = gmp_src_fwd(g, i);

	g->src[i].expires = expires;
	if (expires < 0)
		g->src_rxmt[i] = 0;
	if (gmp_src_fwd(g, i) != old)
		gmp_src_event(g, i, GMP_CHANGED);
}

void gmp_group_arm(struct gmp_group *g)
{
	sim_time_t t = SIM_TIME_NEVER;

	if (g->gtimer >= 0)
		t = g->gtimer;
	for (int k = 1; k <= 2; k++)
		if (g->host_present[k] >= 0 && g->host_present[k] < t)
			t = g->host_present[k];
	for (size_t i = 0; i < g->nsrc; i++)
		if (g->src[i].expires >= 0 && g->src[i].expires < t)
			t = g->src[i].expires;
	if (t == SIM_TIME_NEVER) {
		node_timer_cancel(&g->exp_timer);
		return;
	}
	/* Same deadline: keep the arming order (determinism). */
	if (node_timer_armed(&g->exp_timer) && g->exp_timer.t.deadline == t)
		return;
	node_timer_arm(&g->exp_timer, t);
}

/* ---- compatibility (RFC 3376 7.3.2, RFC 3810 8.3.2) ---- */

/* The oldest version whose Host Present timer runs, else ours. */
void gmp_group_compat(struct gmp_group *g)
{
	struct gmp_if *gi = g->gi;
	uint8_t c = gi->gen, old = g->compat;
	struct sim_log_rec r;

	for (uint8_t k = 1; k <= 2; k++) {
		if (k < gi->gen && g->host_present[k] >= 0) {
			c = k;
			break;
		}
	}
	if (c == old)
		return;
	g->compat = c;
	if (!g->announced)
		return;
	gmp_log_begin_group(&r, g, "compat");
	sim_log_int(&r, "old", gmp_ver(gi->cfg.af, old));
	sim_log_int(&r, "new", gmp_ver(gi->cfg.af, c));
	sim_log_end(&r);
}

/* ---- timers: 6.2.3, 6.5 ---- */

static void gmp_group_expire(struct gmp_group *g)
{
	sim_time_t now = gmp_now(g->gi);

	for (int k = 1; k <= 2; k++)
		if (g->host_present[k] >= 0 && g->host_present[k] <= now)
			g->host_present[k] = -1;
	gmp_group_compat(g);
	/* 6.2.3: an expired INCLUDE source is deleted; an EXCLUDE one
	 * moves to the Exclude List (timer zero, kept). */
	for (size_t i = g->nsrc; i-- > 0;) {
		if (g->src[i].expires < 0 || g->src[i].expires > now)
			continue;
		if (g->mode == GMP_INCLUDE)
			gmp_src_remove(g, i);
		else
			gmp_src_set(g, i, -1);
	}
	/* 6.5: Group Timer expiry in EXCLUDE mode. */
	if (g->mode == GMP_EXCLUDE && g->gtimer >= 0 && g->gtimer <= now) {
		g->gtimer = -1;
		g->grp_rxmt = 0;
		for (size_t i = g->nsrc; i-- > 0;)
			if (g->src[i].expires < 0)
				gmp_src_remove(g, i);
		if (g->nsrc > 0)
			gmp_group_set_mode(g, GMP_INCLUDE);
	}
	if (g->mode == GMP_INCLUDE && g->nsrc == 0) {
		gmp_group_delete(g, "expired");
		return;
	}
	if (g->nsrc == 0 && g->gtimer < 0) { /* EXCLUDE: just expired */
		gmp_group_delete(g, "expired");
		return;
	}
	gmp_group_arm(g);
}

static void gmp_group_exp_fire(struct node_timer *nt)
{
	struct gmp_group *g = sim_container_of(nt, struct gmp_group, exp_timer);
	struct gmp_if *gi = g->gi;

	gmp_group_expire(g);
	gmp_flush(gi);
}

/* 6.6.1: lower the Group Timer (Q(G)) or the source timers (Q(G,A)). */
void gmp_group_lower(struct gmp_group *g, const struct net_addr *srcs, size_t n,
		     sim_time_t lmqt)
{
	sim_time_t to = gmp_now(g->gi) + lmqt;

	if (n == 0) {
		if (g->mode == GMP_EXCLUDE && g->gtimer > to)
			g->gtimer = to;
	}
	for (size_t k = 0; k < n; k++) {
		long i = gmp_src_find(g, &srcs[k]);

		if (i >= 0 && g->src[i].expires > to)
			g->src[i].expires = to;
	}
	gmp_group_arm(g);
}

/* ---- the tables of 6.4 ---- */

/* One record being applied: B sorted and unique, what to query. */
struct gmp_apply {
	struct gmp_group *g;
	const struct net_addr *b;
	size_t n;
	sim_time_t now, gmi, lmqt;
	uint8_t lmqc;
	bool querier;
	bool send; /* a Send Q(...) action marked something */
};

static bool gmp_in_b(const struct gmp_apply *a, const struct net_addr *x)
{
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = net_addr_cmp(&a->b[mid], x);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Send Q(G,{i}), 6.6.3.2: a source whose timer is above LMQT gets
 * [Last Member Query Count] transmissions and its timer lowered. */
static void gmp_q_src(struct gmp_apply *a, size_t i)
{
	struct gmp_group *g = a->g;
	struct gmp_src_info *s = &g->src[i];

	if (!a->querier || s->expires < 0 || s->expires - a->now <= a->lmqt)
		return;
	s->expires = a->now + a->lmqt;
	g->src_rxmt[i] = a->lmqc;
	a->send = true;
}

/* Send Q(G), 6.6.3.1: Group Timer lowered to LMQT, [Last Member Query
 * Count] transmissions. */
static void gmp_q_group(struct gmp_apply *a)
{
	struct gmp_group *g = a->g;

	if (!a->querier)
		return;
	if (g->gtimer > a->now + a->lmqt)
		g->gtimer = a->now + a->lmqt;
	g->grp_rxmt = a->lmqc;
	a->send = true;
}

/* (B) = t: refresh or add each source of B; a report clears the
 * imported mark of what it refreshes. */
static void gmp_set_b(struct gmp_apply *a, sim_time_t t)
{
	for (size_t k = 0; k < a->n; k++) {
		long i = gmp_src_insert(a->g, &a->b[k], t);

		if (i >= 0)
			a->g->src[i].imported = false;
	}
}

/* Add the sources of B not listed, with timer t (running or -1). */
static void gmp_add_new_b(struct gmp_apply *a, sim_time_t t)
{
	for (size_t k = 0; k < a->n; k++)
		if (gmp_src_find(a->g, &a->b[k]) < 0)
			gmp_src_insert(a->g, &a->b[k], t);
}

/* Delete the sources not in B. */
static void gmp_keep_b(struct gmp_apply *a)
{
	for (size_t i = a->g->nsrc; i-- > 0;)
		if (!gmp_in_b(a, &a->g->src[i].addr))
			gmp_src_remove(a->g, i);
}

/* INCLUDE (A): the rows of 6.4.1 and 6.4.2. */
static void gmp_apply_include(struct gmp_apply *a, uint8_t t)
{
	struct gmp_group *g = a->g;

	switch (t) {
	case GMP_REC_IS_IN: /* INCLUDE (A+B); (B)=GMI */
	case GMP_REC_ALLOW:
		gmp_set_b(a, a->now + a->gmi);
		break;
	case GMP_REC_TO_IN: /* INCLUDE (A+B); (B)=GMI, Send Q(G,A-B) */
		gmp_set_b(a, a->now + a->gmi);
		for (size_t i = 0; i < g->nsrc; i++)
			if (!gmp_in_b(a, &g->src[i].addr))
				gmp_q_src(a, i);
		break;
	case GMP_REC_BLOCK: /* INCLUDE (A); Send Q(G,A*B) */
		for (size_t k = 0; k < a->n; k++) {
			long i = gmp_src_find(g, &a->b[k]);

			if (i >= 0)
				gmp_q_src(a, (size_t)i);
		}
		break;
	case GMP_REC_IS_EX: /* EXCLUDE (A*B,B-A); (B-A)=0, Delete (A-B),
			       Group Timer=GMI */
	case GMP_REC_TO_EX: /* ... and Send Q(G,A*B) */
		gmp_group_set_mode(g, GMP_EXCLUDE);
		gmp_keep_b(a);
		/* A*B keeps its timers; B-A joins the Exclude List. */
		gmp_add_new_b(a, -1);
		if (t == GMP_REC_TO_EX)
			for (size_t i = 0; i < g->nsrc; i++)
				gmp_q_src(a, i); /* running: A*B */
		g->gtimer = a->now + a->gmi;
		break;
	default:
		break;
	}
}

/* EXCLUDE (X,Y): the rows of 6.4.1 and 6.4.2. */
static void gmp_apply_exclude(struct gmp_apply *a, uint8_t t)
{
	struct gmp_group *g = a->g;
	sim_time_t gt = g->gtimer;

	switch (t) {
	case GMP_REC_IS_IN: /* EXCLUDE (X+A,Y-A); (A)=GMI */
	case GMP_REC_ALLOW:
		gmp_set_b(a, a->now + a->gmi);
		break;
	case GMP_REC_TO_IN: /* EXCLUDE (X+A,Y-A); (A)=GMI, Send Q(G,X-A),
			       Send Q(G) */
		gmp_set_b(a, a->now + a->gmi);
		for (size_t i = 0; i < g->nsrc; i++)
			if (!gmp_in_b(a, &g->src[i].addr))
				gmp_q_src(a, i); /* only X: timer running */
		gmp_q_group(a);
		break;
	case GMP_REC_BLOCK: /* EXCLUDE (X+(A-Y),Y); (A-X-Y)=Group Timer,
			       Send Q(G,A-Y) */
		gmp_add_new_b(a, gt);
		for (size_t k = 0; k < a->n; k++) {
			long i = gmp_src_find(g, &a->b[k]);

			if (i >= 0)
				gmp_q_src(a, (size_t)i); /* not Y */
		}
		break;
	case GMP_REC_IS_EX: /* EXCLUDE (A-Y,Y*A); (A-X-Y)=GMI, Delete (X-A),
			       Delete (Y-A), Group Timer=GMI */
		gmp_add_new_b(a, a->now + a->gmi);
		gmp_keep_b(a);
		g->gtimer = a->now + a->gmi;
		break;
	case GMP_REC_TO_EX: /* EXCLUDE (A-Y,Y*A); (A-X-Y)=Group Timer,
			       Delete (X-A), Delete (Y-A), Send Q(G,A-Y),
			       Group Timer=GMI */
		gmp_add_new_b(a, gt);
		gmp_keep_b(a);
		for (size_t i = 0; i < g->nsrc; i++)
			gmp_q_src(a, i); /* running: A-Y */
		g->gtimer = a->now + a->gmi;
		break;
	default:
		break;
	}
}

static int gmp_cmp_addr(const void *x, const void *y)
{
	return net_addr_cmp(x, y);
}

/* Copy the usable sources of a record (unicast, our family) into the
 * interface scratch, sorted and unique. */
static size_t gmp_sort_b(struct gmp_if *gi, const struct net_addr *b, size_t n)
{
	size_t m = 0, u = 0;

	for (size_t k = 0; k < n && m < GMP_MAX_SOURCES; k++) {
		if (b[k].af != gi->cfg.af || net_addr_is_unspec(&b[k]) ||
		    net_addr_is_multicast(&b[k]))
			continue;
		gi->scratch[m++] = b[k];
	}
	if (m > 1)
		qsort(gi->scratch, m, sizeof(gi->scratch[0]), gmp_cmp_addr);
	for (size_t k = 0; k < m; k++)
		if (u == 0 ||
		    !net_addr_eq(&gi->scratch[u - 1], &gi->scratch[k]))
			gi->scratch[u++] = gi->scratch[k];
	return u;
}

/* Whether a record creates state for an absent group (INCLUDE ({})). */
static bool gmp_creates(uint8_t t, size_t n)
{
	if (t == GMP_REC_IS_EX || t == GMP_REC_TO_EX)
		return true;
	return n > 0 &&
	       (t == GMP_REC_IS_IN || t == GMP_REC_ALLOW || t == GMP_REC_TO_IN);
}

void gmp_group_record(struct gmp_if *gi, uint8_t t,
		      const struct net_addr *group, const struct net_addr *b,
		      size_t n, const struct net_addr *from, uint8_t gen)
{
	struct gmp_group *g = gmp_group_find(gi, group);
	struct gmp_apply a;

	if (t < GMP_REC_IS_IN || t > GMP_REC_BLOCK)
		return; /* RFC 3376 4.2.12: ignore unknown record types */
	if (g && g->compat < 3) { /* 7.3.2 */
		if (t == GMP_REC_BLOCK)
			return;
		if (t == GMP_REC_TO_EX)
			n = 0;
	}
	n = gmp_sort_b(gi, b, n);
	if (!g) {
		if (!gmp_creates(t, n))
			return;
		g = gmp_group_new(gi, group);
		if (!g)
			return;
	}
	memset(&a, 0, sizeof(a));
	a.g = g;
	a.b = gi->scratch;
	a.n = n;
	a.now = gmp_now(gi);
	a.gmi = gmp_gmi(&gi->eff);
	a.lmqt = gmp_lmqt(&gi->eff);
	a.lmqc = gmp_lmqc_eff(gi);
	a.querier = gmp_querier(gi) && gi->gen >= 2;
	if (gen < gi->gen && gen >= 1 && gen <= 2) {
		g->host_present[gen] = a.now + gmp_ohpt(&gi->eff);
		gmp_group_compat(g);
	}
	if (from) { /* a host's report: no longer the peer's record */
		g->last_reporter = *from;
		g->imported = false;
	}
	if (g->mode == GMP_INCLUDE)
		gmp_apply_include(&a, t);
	else
		gmp_apply_exclude(&a, t);
	if (g->mode == GMP_INCLUDE && g->nsrc == 0) {
		gmp_group_delete(g, "expired");
		return;
	}
	gmp_group_announce(g);
	if (a.send)
		gmp_query_specific(g);
	gmp_group_arm(g);
}
