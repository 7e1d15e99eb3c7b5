/*
 * Import of group records learned from a peer (RBS hot backup, gmp.h):
 * the record is set to the peer's filter mode, Group Timer and source
 * timers (RFC 3376 6.2 / RFC 3810 7.2 state, remaining durations turned
 * into deadlines from now), marked imported, and from then on behaves as
 * if hosts had reported it: its timers run down (6.2.3, 6.5) and a local
 * report refreshes it and clears the mark (gmp_group.c). A record a local
 * host reported wins over the peer's: importing onto it changes nothing.
 * Replacing an imported record tells listeners only what changed.
 */
#include <stdlib.h>
#include <string.h>

#include "protocols/gmp/gmp_int.h"

struct gmp_imp_src {
	struct net_addr addr;
	sim_time_t left;
	bool fwd; /* before the import (existing sources) */
};

static int gmp_imp_cmp(const void *x, const void *y)
{
	const struct gmp_imp_src *a = x, *b = y;
	int c = net_addr_cmp(&a->addr, &b->addr);

	if (c != 0)
		return c;
	return (a->left > b->left) - (a->left < b->left);
}

static bool gmp_import_ok(const struct gmp_if *gi, const struct gmp_import *e)
{
	if (e->group.af != gi->cfg.af || !net_addr_is_multicast(&e->group))
		return false;
	if (e->mode != GMP_INCLUDE && e->mode != GMP_EXCLUDE)
		return false;
	if (e->nsrc > GMP_MAX_SOURCES ||
	    (e->nsrc > 0 && (!e->srcs || !e->src_left)))
		return false;
	if (e->mode == GMP_INCLUDE ? e->nsrc == 0 : e->group_left <= 0)
		return false;
	for (size_t i = 0; i < e->nsrc; i++) {
		if (e->srcs[i].af != gi->cfg.af ||
		    net_addr_is_unspec(&e->srcs[i]) ||
		    net_addr_is_multicast(&e->srcs[i]) || e->src_left[i] < 0)
			return false;
		if (e->mode == GMP_INCLUDE && e->src_left[i] == 0)
			return false;
	}
	return true;
}

/* The import's sources sorted, one per address (the longest timer). */
static struct gmp_imp_src *gmp_imp_sorted(const struct gmp_import *e, size_t *n)
{
	struct gmp_imp_src *v = calloc(e->nsrc ? e->nsrc : 1, sizeof(*v));
	size_t u = 0;

	if (!v)
		return NULL;
	for (size_t i = 0; i < e->nsrc; i++) {
		v[i].addr = e->srcs[i];
		v[i].left = e->src_left[i];
	}
	qsort(v, e->nsrc, sizeof(*v), gmp_imp_cmp);
	for (size_t i = 0; i < e->nsrc; i++) {
		if (u > 0 && net_addr_eq(&v[u - 1].addr, &v[i].addr))
			u--; /* sorted by left: the later one is longer */
		v[u++] = v[i];
	}
	*n = u;
	return v;
}

static bool gmp_imp_has(const struct gmp_imp_src *v, size_t n,
			const struct net_addr *a, struct gmp_imp_src **out)
{
	for (size_t lo = 0, hi = n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int c = net_addr_cmp(&v[mid].addr, a);

		if (c == 0) {
			if (out)
				*out = (struct gmp_imp_src *)&v[mid];
			return true;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * Bring g to the imported state: sources the peer does not list go
 * first (told in the old mode), then the mode changes (told), then the
 * timers are set silently and the sources whose forwarding changed or
 * that are new are told.
 */
static void gmp_import_apply(struct gmp_group *g, const struct gmp_import *e,
			     struct gmp_imp_src *v, size_t n)
{
	sim_time_t now = gmp_now(g->gi);
	bool was = g->announced;
	struct gmp_imp_src *s;

	for (size_t i = g->nsrc; i-- > 0;)
		if (!gmp_imp_has(v, n, &g->src[i].addr, NULL))
			gmp_src_remove(g, i);
	for (size_t k = 0; k < n; k++)
		v[k].fwd = false;
	for (size_t i = 0; i < g->nsrc; i++)
		if (gmp_imp_has(v, n, &g->src[i].addr, &s))
			s->fwd = g->mode == GMP_INCLUDE ||
				 g->src[i].expires >= 0;
	gmp_group_set_mode(g, e->mode);
	g->gtimer = e->mode == GMP_EXCLUDE ? now + e->group_left : -1;
	g->announced = false;
	for (size_t k = 0; k < n; k++) {
		long i = gmp_src_find(g, &v[k].addr);
		bool existed = i >= 0;
		sim_time_t t = v[k].left > 0 ? now + v[k].left : -1;
		bool fwd = e->mode == GMP_INCLUDE || t >= 0;

		i = gmp_src_insert(g, &v[k].addr, t);
		if (i < 0)
			continue;
		g->src[i].imported = true;
		if (!was)
			continue;
		if (!existed)
			gmp_event(g->gi, &g->addr, &v[k].addr,
				  fwd ? GMP_INCLUDE : GMP_EXCLUDE, GMP_ADDED);
		else if (fwd != v[k].fwd)
			gmp_event(g->gi, &g->addr, &v[k].addr,
				  fwd ? GMP_INCLUDE : GMP_EXCLUDE, GMP_CHANGED);
	}
	g->announced = was;
}

int gmp_if_import(struct gmp_if *gi, const struct gmp_import *e)
{
	struct gmp_imp_src *v;
	struct gmp_group *g;
	size_t n = 0;

	if (!e || !gi->running || !gmp_import_ok(gi, e))
		return -1;
	g = gmp_group_find(gi, &e->group);
	if (g && !g->imported)
		return 0; /* a local host's report wins */
	v = gmp_imp_sorted(e, &n);
	if (!v)
		return -1;
	if (!g) {
		g = gmp_group_new(gi, &e->group);
		if (!g) {
			free(v);
			return -1;
		}
	}
	g->imported = true;
	gmp_query_specific_cancel(g);
	gmp_import_apply(g, e, v, n);
	free(v);
	g->host_present[1] = g->host_present[2] = -1;
	gmp_group_compat(g);
	if (g->mode == GMP_INCLUDE && g->nsrc == 0) { /* out of memory */
		gmp_group_delete(g, "import-failed");
		gmp_flush(gi);
		return -1;
	}
	gmp_group_announce(g);
	gmp_group_arm(g);
	gmp_flush(gi);
	return 0;
}

int gmp_if_import_remove(struct gmp_if *gi, const struct net_addr *group)
{
	struct gmp_group *g;

	if (!gi->running || !group)
		return -1;
	g = gmp_group_find(gi, group);
	if (!g || !g->imported)
		return -1;
	gmp_group_delete(g, "import-remove");
	gmp_flush(gi);
	return 0;
}
