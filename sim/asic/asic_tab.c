/*
 * The ASIC's visible tables: the unicast FIB (a route_lpm trie per the
 * longest-match rule of RFC 1812 section 5.2.4.3), the adjacency table
 * ((ifindex, IP) -> MAC, as filled from ARP, RFC 826, and Neighbor
 * Discovery, RFC 4861) and the multicast FIB of (S,G) and (*,G) entries
 * (RFC 7761 section 4.1's forwarding state reduced to what hardware
 * holds: incoming interface and outgoing interface list). Adjacencies and
 * MFIB entries live in intrusive hash tables; walks collect and sort them
 * so `display` output is stable. Writes reach these tables only through
 * asic_tables_apply, called by the programming queue when a write
 * completes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/asic/asic_int.h"

#define HTAB_MIN 64

/* ---- intrusive hash table ---- */

uint32_t asic_hash_bytes(uint32_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	/* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 16777619u;
	}
	return h;
}

int asic_htab_init(struct asic_htab *t)
{
	t->b = calloc(HTAB_MIN, sizeof(*t->b));
	if (!t->b)
		return -1;
	t->mask = HTAB_MIN - 1;
	t->n = 0;
	return 0;
}

void asic_htab_fini(struct asic_htab *t)
{
	free(t->b);
	t->b = NULL;
	t->n = 0;
}

struct asic_hnode *asic_htab_find(const struct asic_htab *t, uint32_t hash,
				  asic_heq_fn eq, const void *key)
{
	for (struct asic_hnode *n = t->b[hash & t->mask]; n; n = n->next)
		if (n->hash == hash && eq(n, key))
			return n;
	return NULL;
}

static void htab_grow(struct asic_htab *t)
{
	size_t nb = (t->mask + 1) * 2;
	struct asic_hnode **b = calloc(nb, sizeof(*b));

	/* Out of memory: keep the old buckets, lookups just get slower. */
	if (!b)
		return;
	for (size_t i = 0; i <= t->mask; i++) {
		struct asic_hnode *n = t->b[i], *next;

		for (; n; n = next) {
			next = n->next;
			n->next = b[n->hash & (nb - 1)];
			b[n->hash & (nb - 1)] = n;
		}
	}
	free(t->b);
	t->b = b;
	t->mask = nb - 1;
}

void asic_htab_insert(struct asic_htab *t, struct asic_hnode *n)
{
	if (t->n >= t->mask + 1)
		htab_grow(t);
	n->next = t->b[n->hash & t->mask];
	t->b[n->hash & t->mask] = n;
	t->n++;
}

void asic_htab_remove(struct asic_htab *t, struct asic_hnode *n)
{
	struct asic_hnode **pp = &t->b[n->hash & t->mask];

	for (; *pp; pp = &(*pp)->next) {
		if (*pp == n) {
			*pp = n->next;
			n->next = NULL;
			t->n--;
			return;
		}
	}
}

struct asic_hnode **asic_htab_collect(const struct asic_htab *t, size_t *n)
{
	struct asic_hnode **v;
	size_t k = 0;

	*n = 0;
	if (t->n == 0)
		return NULL;
	v = malloc(t->n * sizeof(*v));
	if (!v)
		return NULL;
	for (size_t i = 0; i <= t->mask; i++)
		for (struct asic_hnode *h = t->b[i]; h; h = h->next)
			v[k++] = h;
	*n = k;
	return v;
}

/* ---- keys ---- */

struct adj_key {
	int ifindex;
	const struct net_addr *ip;
};

struct mfib_key {
	const struct net_addr *src, *grp;
};

static uint32_t hash_addr(uint32_t h, const struct net_addr *x)
{
	size_t n = x->af == NET_AF_IP4 ? 4 : x->af == NET_AF_IP6 ? 16 : 0;

	h = asic_hash_bytes(h, &x->af, 1);
	return asic_hash_bytes(h, x->b, n);
}

static uint32_t adj_hash(int ifindex, const struct net_addr *ip)
{
	uint32_t h = asic_hash_bytes(2166136261u, &ifindex, sizeof(ifindex));

	return hash_addr(h, ip);
}

static uint32_t mfib_hash(const struct net_addr *src,
			  const struct net_addr *grp)
{
	return hash_addr(hash_addr(2166136261u, src), grp);
}

static bool adj_eq(const struct asic_hnode *n, const void *key)
{
	const struct asic_adj *e = sim_container_of(n, struct asic_adj, hn);
	const struct adj_key *k = key;

	return e->ifindex == k->ifindex && net_addr_eq(&e->ip, k->ip);
}

static bool mfib_eq(const struct asic_hnode *n, const void *key)
{
	const struct asic_mfib *m = sim_container_of(n, struct asic_mfib, hn);
	const struct mfib_key *k = key;

	return net_addr_eq(&m->e.src, k->src) && net_addr_eq(&m->e.grp, k->grp);
}

void asic_star_src(struct net_addr *src)
{
	memset(src, 0, sizeof(*src));
	src->af = NET_AF_NONE;
}

struct asic_adj *asic_adj_get(const struct asic *a, int ifindex,
			      const struct net_addr *ip)
{
	struct adj_key k = { ifindex, ip };
	struct asic_hnode *n;

	n = asic_htab_find(&a->adj, adj_hash(ifindex, ip), adj_eq, &k);
	return n ? sim_container_of(n, struct asic_adj, hn) : NULL;
}

struct asic_mfib *asic_mfib_get(const struct asic *a,
				const struct net_addr *src,
				const struct net_addr *grp)
{
	struct mfib_key k = { src, grp };
	struct asic_hnode *n;

	n = asic_htab_find(&a->mfib, mfib_hash(src, grp), mfib_eq, &k);
	return n ? sim_container_of(n, struct asic_mfib, hn) : NULL;
}

/* ---- lifecycle ---- */

int asic_tables_init(struct asic *a)
{
	a->fib = rt_lpm_new();
	if (!a->fib || asic_htab_init(&a->adj) || asic_htab_init(&a->mfib))
		return -1;
	return 0;
}

static void fib_release(void *arg, void *value)
{
	(void)arg;
	free(value);
}

static void htab_free_all(struct asic_htab *t, bool mfib)
{
	for (size_t i = 0; t->b && i <= t->mask; i++) {
		struct asic_hnode *n = t->b[i], *next;

		for (; n; n = next) {
			next = n->next;
			if (mfib) {
				struct asic_mfib *m = sim_container_of(
					n, struct asic_mfib, hn);
				free(m->e.oifs);
				free(m);
			} else {
				free(sim_container_of(n, struct asic_adj, hn));
			}
		}
		t->b[i] = NULL;
	}
	t->n = 0;
}

void asic_tables_clear(struct asic *a)
{
	struct rt_lpm *fresh = rt_lpm_new();

	htab_free_all(&a->adj, false);
	htab_free_all(&a->mfib, true);
	if (fresh) {
		rt_lpm_free(a->fib, fib_release, NULL);
		a->fib = fresh;
		return;
	}
	/* Out of memory for a new trie: empty the old one in place. */
	struct net_prefix p;
	void *v;

	while (rt_lpm_first(a->fib, NET_AF_NONE, &p, &v)) {
		rt_lpm_remove(a->fib, &p, NULL);
		free(v);
	}
}

void asic_tables_fini(struct asic *a)
{
	htab_free_all(&a->adj, false);
	htab_free_all(&a->mfib, true);
	asic_htab_fini(&a->adj);
	asic_htab_fini(&a->mfib);
	if (a->fib)
		rt_lpm_free(a->fib, fib_release, NULL);
	a->fib = NULL;
}

/* ---- port MAC filter ---- */

void asic_port_macs_clear(struct asic_port *p)
{
	free(p->macs);
	p->macs = NULL;
	p->nmacs = p->capmacs = 0;
}

bool asic_port_accepts(const struct asic_port *p, const struct net_mac *m)
{
	if (net_mac_eq(&p->mac, m) || net_mac_is_multicast(m))
		return true;
	for (size_t i = 0; i < p->nmacs; i++)
		if (net_mac_eq(&p->macs[i], m))
			return true;
	return false;
}

static bool port_mac_set(struct asic_port *p, const struct net_mac *m, bool add)
{
	size_t i;

	for (i = 0; i < p->nmacs; i++)
		if (net_mac_eq(&p->macs[i], m))
			break;
	if (!add) {
		if (i == p->nmacs)
			return false;
		p->macs[i] = p->macs[--p->nmacs];
		return true;
	}
	if (i < p->nmacs)
		return false;
	if (p->nmacs == p->capmacs) {
		size_t cap = p->capmacs ? p->capmacs * 2 : 4;
		struct net_mac *v = realloc(p->macs, cap * sizeof(*v));

		if (!v)
			return false;
		p->macs = v;
		p->capmacs = cap;
	}
	p->macs[p->nmacs++] = *m;
	return true;
}

/* ---- applying writes ---- */

static bool apply_fib(struct asic *a, struct asic_write *w)
{
	struct asic_fib_entry *e, *old = NULL;

	if (!w->add) {
		void *v;

		if (rt_lpm_remove(a->fib, &w->prefix, &v) != 0)
			return false;
		free(v);
		return true;
	}
	e = malloc(sizeof(*e));
	if (!e)
		return false;
	*e = w->fib;
	if (rt_lpm_insert(a->fib, &w->prefix, e, (void **)&old) != 0) {
		free(e);
		return false;
	}
	free(old);
	return true;
}

static bool apply_adj(struct asic *a, struct asic_write *w)
{
	struct asic_adj *e = asic_adj_get(a, w->ifindex, &w->a1);

	if (!w->add) {
		if (!e)
			return false;
		asic_htab_remove(&a->adj, &e->hn);
		free(e);
		return true;
	}
	if (e) {
		e->mac = w->mac;
		return true;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return false;
	e->ifindex = w->ifindex;
	e->ip = w->a1;
	e->mac = w->mac;
	e->hn.hash = adj_hash(e->ifindex, &e->ip);
	asic_htab_insert(&a->adj, &e->hn);
	return true;
}

static bool apply_mfib(struct asic *a, struct asic_write *w)
{
	struct asic_mfib *m = asic_mfib_get(a, &w->a1, &w->a2);

	if (w->mop == ASIC_MOP_DEL || w->mop == ASIC_MOP_IIF) {
		if (!m)
			return false;
		if (w->mop == ASIC_MOP_IIF) {
			m->e.iif = w->ifindex;
			return true;
		}
		asic_htab_remove(&a->mfib, &m->hn);
		free(m->e.oifs);
		free(m);
		return true;
	}
	if (!m) {
		m = calloc(1, sizeof(*m));
		if (!m)
			return false;
		m->e.src = w->a1;
		m->e.grp = w->a2;
		m->hn.hash = mfib_hash(&m->e.src, &m->e.grp);
		asic_htab_insert(&a->mfib, &m->hn);
	}
	/* The write's oif array moves into the entry. */
	free(m->e.oifs);
	m->e.oifs = w->oifs;
	m->e.noifs = w->noifs;
	w->oifs = NULL;
	w->noifs = 0;
	m->e.iif = w->ifindex;
	m->e.flags = w->mflags;
	m->e.installed = sim_now(a->eng);
	return true;
}

static bool apply_oif(struct asic *a, struct asic_write *w)
{
	struct asic_mfib *m = asic_mfib_get(a, &w->a1, &w->a2);
	struct asic_mfib_entry *e;
	size_t i;

	if (!m)
		return false;
	e = &m->e;
	for (i = 0; i < e->noifs && e->oifs[i] < w->ifindex; i++)
		;
	bool present = i < e->noifs && e->oifs[i] == w->ifindex;

	if (!w->add) {
		if (!present)
			return false;
		memmove(&e->oifs[i], &e->oifs[i + 1],
			(e->noifs - i - 1) * sizeof(int));
		e->noifs--;
		return true;
	}
	if (present)
		return false;
	int *v = realloc(e->oifs, (e->noifs + 1) * sizeof(int));

	if (!v)
		return false;
	e->oifs = v;
	memmove(&e->oifs[i + 1], &e->oifs[i], (e->noifs - i) * sizeof(int));
	e->oifs[i] = w->ifindex;
	e->noifs++;
	return true;
}

bool asic_tables_apply(struct asic *a, struct asic_write *w)
{
	struct asic_port *p;

	switch (w->table) {
	case ASIC_TBL_FIB:
		return apply_fib(a, w);
	case ASIC_TBL_ADJ:
		return apply_adj(a, w);
	case ASIC_TBL_MFIB:
		return apply_mfib(a, w);
	case ASIC_TBL_OIF:
		return apply_oif(a, w);
	case ASIC_TBL_MAC:
		p = asic_port_get(a, w->ifindex);
		return p && port_mac_set(p, &w->mac, w->add);
	case ASIC_TBL_MCAST_EN:
		p = asic_port_get(a, w->ifindex);
		if (!p || p->mcast == w->add)
			return false;
		p->mcast = w->add;
		return true;
	case ASIC_TBL__COUNT:
		break;
	}
	return false;
}

/* ---- public lookups and walks ---- */

static void norm_src(const struct net_addr *src, struct net_addr *out)
{
	if (!src || net_addr_is_unspec(src))
		asic_star_src(out);
	else
		*out = *src;
}

bool asic_fib_lookup(const struct asic *a, const struct net_addr *dst,
		     struct net_prefix *match, struct asic_fib_entry *out)
{
	void *v;

	if (!rt_lpm_match(a->fib, dst, match, &v))
		return false;
	if (out)
		*out = *(const struct asic_fib_entry *)v;
	return true;
}

bool asic_adj_lookup(const struct asic *a, int ifindex,
		     const struct net_addr *ip, struct net_mac *out)
{
	const struct asic_adj *e = asic_adj_get(a, ifindex, ip);

	if (e && out)
		*out = e->mac;
	return e != NULL;
}

const struct asic_mfib_entry *asic_mfib_find(const struct asic *a,
					     const struct net_addr *src,
					     const struct net_addr *grp)
{
	struct net_addr s;
	const struct asic_mfib *m;

	norm_src(src, &s);
	m = asic_mfib_get(a, &s, grp);
	return m ? &m->e : NULL;
}

size_t asic_fib_count(const struct asic *a, enum net_af af)
{
	return rt_lpm_count(a->fib, af);
}

size_t asic_adj_count(const struct asic *a)
{
	return a->adj.n;
}

size_t asic_mfib_count(const struct asic *a)
{
	return a->mfib.n;
}

struct fib_walk_ctx {
	asic_fib_walk_fn fn;
	void *arg;
};

static int fib_walk_cb(void *arg, const struct net_prefix *p, void *value)
{
	struct fib_walk_ctx *c = arg;

	c->fn(c->arg, p, value);
	return 0;
}

void asic_fib_walk(const struct asic *a, enum net_af af, asic_fib_walk_fn fn,
		   void *arg)
{
	struct fib_walk_ctx c = { fn, arg };

	rt_lpm_walk(a->fib, af, fib_walk_cb, &c);
}

static int adj_cmp(const void *x, const void *y)
{
	const struct asic_adj *p = sim_container_of(
		*(struct asic_hnode *const *)x, struct asic_adj, hn);
	const struct asic_adj *q = sim_container_of(
		*(struct asic_hnode *const *)y, struct asic_adj, hn);

	if (p->ifindex != q->ifindex)
		return p->ifindex < q->ifindex ? -1 : 1;
	return net_addr_cmp(&p->ip, &q->ip);
}

void asic_adj_walk(const struct asic *a, asic_adj_walk_fn fn, void *arg)
{
	size_t n;
	struct asic_hnode **v = asic_htab_collect(&a->adj, &n);

	if (!v)
		return;
	qsort(v, n, sizeof(*v), adj_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct asic_adj *e =
			sim_container_of(v[i], struct asic_adj, hn);

		fn(arg, e->ifindex, &e->ip, &e->mac);
	}
	free(v);
}

static int mfib_cmp(const void *x, const void *y)
{
	const struct asic_mfib *p = sim_container_of(
		*(struct asic_hnode *const *)x, struct asic_mfib, hn);
	const struct asic_mfib *q = sim_container_of(
		*(struct asic_hnode *const *)y, struct asic_mfib, hn);
	int c = net_addr_cmp(&p->e.grp, &q->e.grp);

	/* (*,G) has af NET_AF_NONE, which sorts before any source. */
	return c ? c : net_addr_cmp(&p->e.src, &q->e.src);
}

void asic_mfib_walk(const struct asic *a, enum net_af af, asic_mfib_walk_fn fn,
		    void *arg)
{
	size_t n;
	struct asic_hnode **v = asic_htab_collect(&a->mfib, &n);

	if (!v)
		return;
	qsort(v, n, sizeof(*v), mfib_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct asic_mfib *m =
			sim_container_of(v[i], struct asic_mfib, hn);

		if (af == NET_AF_NONE || m->e.grp.af == af)
			fn(arg, &m->e);
	}
	free(v);
}
