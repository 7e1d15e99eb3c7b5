/*
 * The RIB core: interfaces, the route lists, activity (interface state,
 * recursive next-hop resolution), route selection per prefix (preference,
 * cost, order of addition) and change notification in prefix order.
 * Longest match (RFC 1812 section 5.2.4.3) comes from route_lpm. See
 * route_rib.h for the model.
 *
 * Every mutating call does its edits, marks the destinations it touched
 * dirty, then commits: every recursive route whose next hop lies in a
 * prefix where a non-recursive route changed is resolved again, found
 * through an index of recursive routes by next hop (resolution depends on
 * non-recursive routes only, so one pass suffices and loops cannot form);
 * then the dirty destinations are sorted and reselected, and each whose
 * selection differs from the last reported snapshot is reported. Committing
 * never allocates.
 */
#include "sim/route/route_rib_impl.h"

#include <errno.h>
#include <stdlib.h>

static const char *const proto_names[RT_PROTO__COUNT] = {
	[RT_PROTO_DIRECT] = "Direct",
	[RT_PROTO_STATIC] = "Static",
};

static const unsigned proto_prefs[RT_PROTO__COUNT] = {
	[RT_PROTO_DIRECT] = RT_PREF_DIRECT,
	[RT_PROTO_STATIC] = RT_PREF_STATIC,
};

static const char *const kind_names[RT_KIND__COUNT] = {
	[RT_KIND_CONNECTED] = "connected",
	[RT_KIND_LOCAL] = "local",
	[RT_KIND_NEXTHOP] = "nexthop",
	[RT_KIND_BLACKHOLE] = "blackhole",
};

const char *rt_proto_name(enum rt_proto p)
{
	return (unsigned)p < RT_PROTO__COUNT ? proto_names[p] : "Unknown";
}

unsigned rt_proto_default_pref(enum rt_proto p)
{
	return (unsigned)p < RT_PROTO__COUNT ? proto_prefs[p] : 255;
}

const char *rt_kind_name(enum rt_kind k)
{
	return (unsigned)k < RT_KIND__COUNT ? kind_names[k] : "unknown";
}

/* ---- interfaces ---- */

struct rt_iface *rt_rib_iface_find(const struct rt_rib *rib, int ifindex)
{
	size_t lo = 0, hi = rib->nifs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rib->ifs[mid].ifindex == ifindex)
			return &rib->ifs[mid];
		if (rib->ifs[mid].ifindex < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct rt_iface *rt_rib_iface_get(struct rt_rib *rib, int ifindex)
{
	struct rt_iface *f = rt_rib_iface_find(rib, ifindex);
	size_t pos = 0;

	if (f)
		return f;
	if (rib->nifs == rib->ifcap) {
		size_t cap = rib->ifcap ? rib->ifcap * 2 : 8;
		struct rt_iface *n = realloc(rib->ifs, cap * sizeof(*n));

		if (!n)
			return NULL;
		rib->ifs = n;
		rib->ifcap = cap;
	}
	while (pos < rib->nifs && rib->ifs[pos].ifindex < ifindex)
		pos++;
	memmove(&rib->ifs[pos + 1], &rib->ifs[pos],
		(rib->nifs - pos) * sizeof(*rib->ifs));
	rib->nifs++;
	f = &rib->ifs[pos];
	memset(f, 0, sizeof(*f));
	f->ifindex = ifindex;
	return f;
}

static bool ifindex_up(const struct rt_rib *rib, int ifindex)
{
	const struct rt_iface *f;

	if (ifindex == RT_IFINDEX_INLOOPBACK || ifindex == RT_IFINDEX_NULL0)
		return true;
	f = ifindex >= 0 ? rt_rib_iface_find(rib, ifindex) : NULL;
	return f && f->up;
}

bool rt_rib_iface_up(const struct rt_rib *rib, int ifindex)
{
	return rib && ifindex_up(rib, ifindex);
}

bool rt_rib_iface_addr(const struct rt_rib *rib, int ifindex, enum net_af af,
		       struct net_addr *out)
{
	const struct rt_iface *f = rib ? rt_rib_iface_find(rib, ifindex) : NULL;

	for (size_t i = 0; f && i < f->naddrs; i++) {
		if (f->addrs[i].addr.af == af) {
			if (out)
				*out = f->addrs[i].addr;
			return true;
		}
	}
	return false;
}

/* ---- destinations, dirty set, selection ---- */

static struct rt_dest *dest_get(struct rt_rib *rib, const struct net_prefix *p)
{
	struct rt_dest *d;
	void *v;

	if (rt_lpm_get(rib->dests, p, &v))
		return v;
	if (rib->ndests + 1 > rib->dirtycap) {
		size_t cap = rib->dirtycap ? rib->dirtycap * 2 : 16;
		struct rt_dest **n = realloc(rib->dirty, cap * sizeof(*n));

		if (!n)
			return NULL;
		rib->dirty = n;
		rib->dirtycap = cap;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->prefix = *p;
	if (rt_lpm_insert(rib->dests, p, d, NULL) < 0) {
		free(d);
		return NULL;
	}
	rib->ndests++;
	return d;
}

void rt_rib_mark_dirty(struct rt_rib *rib, struct rt_dest *d)
{
	if (!d->dirty) {
		d->dirty = true;
		rib->dirty[rib->ndirty++] = d;
	}
}

static bool route_better(const struct rt_route *a, const struct rt_route *b)
{
	if (a->preference != b->preference)
		return a->preference < b->preference;
	if (a->cost != b->cost)
		return a->cost < b->cost;
	return a->seq < b->seq;
}

/* Same as far as anyone outside the RIB can tell. */
static bool route_same(const struct rt_route *a, const struct rt_route *b)
{
	return a->seq == b->seq && a->proto == b->proto && a->kind == b->kind &&
	       a->preference == b->preference && a->cost == b->cost &&
	       rt_addr_same(&a->nexthop, &b->nexthop) &&
	       a->ifindex == b->ifindex && a->flags == b->flags &&
	       a->active == b->active && a->out_ifindex == b->out_ifindex &&
	       rt_addr_same(&a->gateway, &b->gateway);
}

static void dest_reselect(struct rt_rib *rib, struct rt_dest *d)
{
	struct rt_route *best = NULL, old;
	bool had = d->has_installed;

	for (struct rt_route *r = d->routes; r; r = r->dnext) {
		r->selected = false;
		if (r->active && (!best || route_better(r, best)))
			best = r;
	}
	if (best)
		best->selected = true;
	d->best = best;
	if (!best && !had)
		return;
	if (best && had && route_same(best, &d->installed))
		return;
	old = d->installed;
	if (best) {
		d->installed = *best;
		d->installed.dnext = NULL;
		d->installed.anext = d->installed.aprev = NULL;
		d->installed.rnext = d->installed.rprev = NULL;
		d->installed.dest = NULL;
	}
	d->has_installed = best != NULL;
	if (rib->cfg.change) {
		rib->in_cb = true;
		rib->cfg.change(rib->cfg.ctx, &d->prefix, had ? &old : NULL,
				best);
		rib->in_cb = false;
	}
}

static int dest_cmp(const void *a, const void *b)
{
	const struct rt_dest *x = *(const struct rt_dest *const *)a;
	const struct rt_dest *y = *(const struct rt_dest *const *)b;

	return rt_prefix_cmp(&x->prefix, &y->prefix);
}

/* ---- activity and resolution ---- */

static bool has_active_nonrec(void *arg, const struct net_prefix *p,
			      void *value)
{
	const struct rt_dest *d = value;

	(void)arg;
	(void)p;
	for (const struct rt_route *r = d->routes; r; r = r->dnext)
		if (r->active && !(r->flags & RT_F_RECURSIVE))
			return true;
	return false;
}

static bool resolve(const struct rt_rib *rib, const struct rt_route *r,
		    int *out, struct net_addr *gw)
{
	const struct rt_route *b = NULL;
	void *v;

	if (!rt_lpm_match_filter(rib->dests, &r->nexthop, has_active_nonrec,
				 NULL, NULL, &v))
		return false;
	for (const struct rt_route *x = ((struct rt_dest *)v)->routes; x;
	     x = x->dnext) {
		if (x->active && !(x->flags & RT_F_RECURSIVE) &&
		    (!b || route_better(x, b)))
			b = x;
	}
	switch (b->kind) {
	case RT_KIND_CONNECTED:
		*out = b->out_ifindex;
		*gw = r->nexthop;
		return true;
	case RT_KIND_NEXTHOP:
		*out = b->out_ifindex;
		*gw = b->gateway;
		return true;
	default:
		return false; /* our own address or a blackhole */
	}
}

/* Recompute active/out_ifindex/gateway; true if any of them changed. */
static bool route_eval(const struct rt_rib *rib, struct rt_route *r)
{
	struct net_addr gw;
	int out = RT_IFINDEX_NONE;
	bool active, changed;

	memset(&gw, 0, sizeof(gw));
	if (r->flags & RT_F_RECURSIVE) {
		active = resolve(rib, r, &out, &gw);
	} else {
		active = ifindex_up(rib, r->ifindex);
		out = r->ifindex;
		if (r->kind == RT_KIND_NEXTHOP)
			gw = r->nexthop;
	}
	if (!active) {
		out = RT_IFINDEX_NONE;
		memset(&gw, 0, sizeof(gw));
	}
	gw = rt_addr_clean(&gw);
	changed = active != r->active || out != r->out_ifindex ||
		  !rt_addr_same(&gw, &r->gateway);
	r->active = active;
	r->out_ifindex = out;
	r->gateway = gw;
	return changed;
}

void rt_rib_nonrec_changed(struct rt_rib *rib, const struct net_prefix *p)
{
	if (rib->nrc_all)
		return;
	if (!p || rib->nnrc == RT_NRC_MAX) {
		rib->nrc_all = true;
		return;
	}
	rib->nrc[rib->nnrc++] = *p;
}

/* Host prefix of a recursive route's next hop: its key in nh_index. */
static struct net_prefix nh_key(const struct rt_route *r)
{
	struct net_prefix k = { .addr = r->nexthop,
				.len = (uint8_t)rt_af_bits(r->nexthop.af) };

	return k;
}

/* Resolve again the recursive routes of one next hop (an nh_index walk). */
static int reresolve(void *arg, const struct net_prefix *p, void *value)
{
	struct rt_rib *rib = arg;

	(void)p;
	for (struct rt_route *r = value; r; r = r->rnext)
		if (route_eval(rib, r))
			rt_rib_mark_dirty(rib, r->dest);
	return 0;
}

void rt_rib_commit(struct rt_rib *rib)
{
	size_t n;

	if (rib->nrc_all)
		rt_lpm_walk(rib->nh_index, NET_AF_NONE, reresolve, rib);
	for (size_t i = 0; i < rib->nnrc && !rib->nrc_all; i++)
		rt_lpm_walk_under(rib->nh_index, &rib->nrc[i], reresolve, rib);
	rib->nnrc = 0;
	rib->nrc_all = false;
	n = rib->ndirty;
	if (n > 1)
		qsort(rib->dirty, n, sizeof(*rib->dirty), dest_cmp);
	for (size_t i = 0; i < n; i++)
		dest_reselect(rib, rib->dirty[i]);
	for (size_t i = 0; i < n; i++) {
		struct rt_dest *d = rib->dirty[i];

		d->dirty = false;
		if (!d->routes && !d->has_installed) {
			rt_lpm_remove(rib->dests, &d->prefix, NULL);
			rib->ndests--;
			free(d);
		}
	}
	rib->ndirty = 0;
}

/* ---- adding and removing routes ---- */

struct rt_route *rt_route_alloc(const struct net_prefix *p, enum rt_proto proto,
				enum rt_kind kind, const struct net_addr *nh,
				int ifindex)
{
	struct rt_route *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->prefix = *p;
	r->prefix.addr = rt_addr_clean(&p->addr);
	r->proto = proto;
	r->kind = kind;
	r->preference = rt_proto_default_pref(proto);
	if (nh)
		r->nexthop = rt_addr_clean(nh);
	r->ifindex = ifindex;
	r->out_ifindex = RT_IFINDEX_NONE;
	return r;
}

/* Put recursive route r at the head of its next hop's list in nh_index. */
static int nh_link(struct rt_rib *rib, struct rt_route *r)
{
	struct net_prefix k = nh_key(r);
	void *head = NULL;

	rt_lpm_get(rib->nh_index, &k, &head);
	r->rnext = head;
	r->rprev = NULL;
	if (rt_lpm_insert(rib->nh_index, &k, r, NULL) < 0)
		return -ENOMEM;
	if (head)
		((struct rt_route *)head)->rprev = r;
	return 0;
}

static void nh_unlink(struct rt_rib *rib, struct rt_route *r)
{
	struct net_prefix k = nh_key(r);

	if (r->rprev)
		r->rprev->rnext = r->rnext;
	else if (r->rnext) /* replacing a value never allocates */
		rt_lpm_insert(rib->nh_index, &k, r->rnext, NULL);
	else
		rt_lpm_remove(rib->nh_index, &k, NULL);
	if (r->rnext)
		r->rnext->rprev = r->rprev;
}

/* Link r into the RIB (r is freed on failure). 0 or -ENOMEM. */
int rt_rib_attach(struct rt_rib *rib, struct rt_route *r)
{
	struct rt_dest *d = dest_get(rib, &r->prefix);
	struct rt_route **pp;

	if (!d) {
		free(r);
		return -ENOMEM;
	}
	if ((r->flags & RT_F_RECURSIVE) && nh_link(rib, r) < 0) {
		rt_rib_mark_dirty(rib,
				  d); /* an empty new dest goes at commit */
		free(r);
		return -ENOMEM;
	}
	r->dest = d;
	r->seq = ++rib->seq;
	for (pp = &d->routes; *pp; pp = &(*pp)->dnext)
		;
	*pp = r;
	r->aprev = rib->atail;
	if (rib->atail)
		rib->atail->anext = r;
	else
		rib->ahead = r;
	rib->atail = r;
	if (!(r->flags & RT_F_RECURSIVE))
		rt_rib_nonrec_changed(rib, &r->prefix);
	route_eval(rib, r);
	rt_rib_mark_dirty(rib, d);
	return 0;
}

void rt_rib_detach(struct rt_rib *rib, struct rt_route *r)
{
	struct rt_dest *d = r->dest;
	struct rt_route **pp;

	for (pp = &d->routes; *pp != r; pp = &(*pp)->dnext)
		;
	*pp = r->dnext;
	if (r->aprev)
		r->aprev->anext = r->anext;
	else
		rib->ahead = r->anext;
	if (r->anext)
		r->anext->aprev = r->aprev;
	else
		rib->atail = r->aprev;
	if (r->flags & RT_F_RECURSIVE)
		nh_unlink(rib, r);
	else
		rt_rib_nonrec_changed(rib, &r->prefix);
	if (d->best == r)
		d->best = NULL;
	rt_rib_mark_dirty(rib, d);
	free(r);
}

static int add_builtin(struct rt_rib *rib, const char *prefix,
		       enum rt_kind kind, const char *nh, int ifindex)
{
	struct net_prefix p;
	struct net_addr a;
	struct rt_route *r;

	if (net_prefix_parse(prefix, &p, false) < 0)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	if (nh && net_addr_parse(nh, &a) < 0)
		return -EINVAL;
	r = rt_route_alloc(&p, RT_PROTO_DIRECT, kind, &a, ifindex);
	if (!r)
		return -ENOMEM;
	r->flags = RT_F_BUILTIN;
	return rt_rib_attach(rib, r);
}

struct rt_rib *rt_rib_new(const struct rt_rib_cfg *cfg)
{
	struct rt_rib *rib;
	int err = 0;

	if (!cfg)
		return NULL;
	rib = calloc(1, sizeof(*rib));
	if (!rib)
		return NULL;
	rib->cfg = *cfg;
	rib->dests = rt_lpm_new();
	rib->nh_index = rt_lpm_new();
	if (!rib->dests || !rib->nh_index) {
		rt_lpm_free(rib->dests, NULL, NULL);
		rt_lpm_free(rib->nh_index, NULL, NULL);
		free(rib);
		return NULL;
	}
	if (cfg->inloopback) {
		static const struct {
			const char *prefix, *nh;
			enum rt_kind kind;
			int ifindex;
		} b[] = {
			{ "127.0.0.0/8", "127.0.0.1", RT_KIND_LOCAL,
			  RT_IFINDEX_INLOOPBACK },
			{ "127.0.0.1/32", "127.0.0.1", RT_KIND_LOCAL,
			  RT_IFINDEX_INLOOPBACK },
			{ "127.255.255.255/32", "127.0.0.1", RT_KIND_LOCAL,
			  RT_IFINDEX_INLOOPBACK },
			{ "255.255.255.255/32", "127.0.0.1", RT_KIND_LOCAL,
			  RT_IFINDEX_INLOOPBACK },
			{ "::1/128", "::1", RT_KIND_LOCAL,
			  RT_IFINDEX_INLOOPBACK },
			{ "fe80::/10", NULL, RT_KIND_BLACKHOLE,
			  RT_IFINDEX_NULL0 },
		};
		for (size_t i = 0; i < sizeof(b) / sizeof(b[0]) && !err; i++)
			err = add_builtin(rib, b[i].prefix, b[i].kind, b[i].nh,
					  b[i].ifindex);
	}
	if (err) {
		rt_rib_free(rib);
		return NULL;
	}
	rt_rib_commit(rib);
	return rib;
}

static void free_dest(void *arg, void *value)
{
	(void)arg;
	free(value);
}

void rt_rib_free(struct rt_rib *rib)
{
	struct rt_route *r, *next;

	if (!rib)
		return;
	for (r = rib->ahead; r; r = next) {
		next = r->anext;
		free(r);
	}
	rt_lpm_free(rib->dests, free_dest, NULL);
	rt_lpm_free(rib->nh_index, NULL, NULL);
	for (size_t i = 0; i < rib->nifs; i++)
		free(rib->ifs[i].addrs);
	free(rib->ifs);
	free(rib->dirty);
	free(rib);
}

int rt_rib_iface_set(struct rt_rib *rib, int ifindex, bool up)
{
	struct rt_iface *f;

	if (!rib || ifindex < 0)
		return -EINVAL;
	if (rib->in_cb)
		return -EBUSY;
	f = rt_rib_iface_get(rib, ifindex);
	if (!f)
		return -ENOMEM;
	if (f->up == up)
		return 0;
	f->up = up;
	for (struct rt_route *r = rib->ahead; r; r = r->anext) {
		if (r->ifindex != ifindex || (r->flags & RT_F_RECURSIVE))
			continue;
		if (route_eval(rib, r)) {
			rt_rib_mark_dirty(rib, r->dest);
			rt_rib_nonrec_changed(rib, &r->prefix);
		}
	}
	rt_rib_commit(rib);
	return 0;
}

/* ---- queries ---- */

const struct rt_route *rt_rib_best(const struct rt_rib *rib,
				   const struct net_prefix *p)
{
	void *v;

	if (!rib || !rt_lpm_get(rib->dests, p, &v))
		return NULL;
	return ((struct rt_dest *)v)->best;
}

static bool has_best(void *arg, const struct net_prefix *p, void *value)
{
	(void)arg;
	(void)p;
	return ((struct rt_dest *)value)->best != NULL;
}

const struct rt_route *rt_rib_lookup(const struct rt_rib *rib,
				     const struct net_addr *a)
{
	void *v;

	if (!rib || !a ||
	    !rt_lpm_match_filter(rib->dests, a, has_best, NULL, NULL, &v))
		return NULL;
	return ((struct rt_dest *)v)->best;
}

struct walk_ctx {
	bool selected_only;
	rt_route_fn fn;
	void *arg;
};

static int walk_dest(void *arg, const struct net_prefix *p, void *value)
{
	struct walk_ctx *w = arg;
	int r;

	(void)p;
	for (const struct rt_route *x = ((struct rt_dest *)value)->routes; x;
	     x = x->dnext) {
		if (w->selected_only && !x->selected)
			continue;
		r = w->fn(w->arg, x);
		if (r)
			return r;
	}
	return 0;
}

int rt_rib_walk(const struct rt_rib *rib, enum net_af af, bool selected_only,
		rt_route_fn fn, void *arg)
{
	struct walk_ctx w = { selected_only, fn, arg };

	if (!rib || !fn)
		return 0;
	return rt_lpm_walk(rib->dests, af, walk_dest, &w);
}

size_t rt_rib_count(const struct rt_rib *rib, enum net_af af,
		    bool selected_only)
{
	size_t n = 0;

	for (const struct rt_route *r = rib ? rib->ahead : NULL; r;
	     r = r->anext) {
		if (af != NET_AF_NONE && r->prefix.addr.af != af)
			continue;
		if (!selected_only || r->selected)
			n++;
	}
	return n;
}
