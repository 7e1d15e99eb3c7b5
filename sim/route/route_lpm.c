/*
 * Path-compressed binary trie for longest-prefix match over IPv4 and IPv6
 * prefixes (the "longest match" step of RFC 1812 section 5.2.4.3; the same
 * rule for IPv6 per RFC 4291 section 2.5). Every node carries a whole
 * prefix; a node whose prefix is a proper prefix of another lies above it;
 * two prefixes that diverge meet under a value-less glue node at their
 * common length. Invariant kept by insert and remove: a glue node always
 * has two children, so the first node of any subtree in pre-order that
 * holds a value is found by following child[0] from the subtree's root.
 */
#include "sim/route/route_lpm.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LPM_MAX_DEPTH 130 /* nodes on one root-to-leaf path: lengths 0..128 */

struct lpm_node {
	struct lpm_node *child[2];
	struct lpm_node *parent;
	void *value;
	uint8_t key[16]; /* prefix bits, zero past len */
	uint8_t len;	 /* prefix length in bits */
	bool has_value;
};

struct rt_lpm {
	struct lpm_node *root[2]; /* [0] IPv4, [1] IPv6 */
	size_t count[2];
	size_t nodes;
};

static int fam_index(uint8_t af)
{
	if (af == NET_AF_IP4)
		return 0;
	if (af == NET_AF_IP6)
		return 1;
	return -1;
}

static unsigned fam_bits(uint8_t af)
{
	return af == NET_AF_IP4 ? 32 : af == NET_AF_IP6 ? 128 : 0;
}

static uint8_t fam_af(int fi)
{
	return fi == 0 ? NET_AF_IP4 : NET_AF_IP6;
}

static unsigned key_bit(const uint8_t *key, unsigned i)
{
	return (key[i >> 3] >> (7 - (i & 7))) & 1u;
}

/* Number of leading bits (at most max) on which a and b agree. */
static unsigned common_bits(const uint8_t *a, const uint8_t *b, unsigned max)
{
	unsigned n = 0;

	for (unsigned i = 0; n < max; i++) {
		uint8_t x = a[i] ^ b[i];

		if (x) {
			n += (unsigned)__builtin_clz((unsigned)x) - 24u;
			break;
		}
		n += 8;
	}
	return n < max ? n : max;
}

/* Copy key keeping only its first len bits. */
static void key_mask(uint8_t *dst, const uint8_t *src, unsigned len)
{
	memset(dst, 0, 16);
	memcpy(dst, src, len / 8);
	if (len % 8)
		dst[len / 8] = src[len / 8] & (uint8_t)(0xff00u >> (len % 8));
}

bool rt_lpm_prefix_valid(const struct net_prefix *p)
{
	unsigned bits;
	uint8_t tmp[16];

	if (!p || fam_index(p->addr.af) < 0)
		return false;
	bits = fam_bits(p->addr.af);
	if (p->len > bits)
		return false;
	key_mask(tmp, p->addr.b, p->len);
	return memcmp(tmp, p->addr.b, 16) == 0;
}

int rt_prefix_cmp(const struct net_prefix *a, const struct net_prefix *b)
{
	int c;

	if (a->addr.af != b->addr.af)
		return a->addr.af < b->addr.af ? -1 : 1;
	c = memcmp(a->addr.b, b->addr.b, fam_bits(a->addr.af) / 8);
	if (c)
		return c < 0 ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}

struct rt_lpm *rt_lpm_new(void)
{
	return calloc(1, sizeof(struct rt_lpm));
}

static void free_subtree(struct lpm_node *n, rt_lpm_free_fn release, void *arg)
{
	if (!n)
		return;
	free_subtree(n->child[0], release, arg);
	free_subtree(n->child[1], release, arg);
	if (n->has_value && release)
		release(arg, n->value);
	free(n);
}

void rt_lpm_free(struct rt_lpm *t, rt_lpm_free_fn release, void *arg)
{
	if (!t)
		return;
	free_subtree(t->root[0], release, arg);
	free_subtree(t->root[1], release, arg);
	free(t);
}

static struct lpm_node *node_new(struct rt_lpm *t, const uint8_t *key,
				 unsigned len)
{
	struct lpm_node *n = calloc(1, sizeof(*n));

	if (n) {
		t->nodes++;
		key_mask(n->key, key, len);
		n->len = (uint8_t)len;
	}
	return n;
}

/* The pointer that holds n: its parent's child slot or the family root. */
static struct lpm_node **node_link(struct rt_lpm *t, int fi, struct lpm_node *n)
{
	if (!n->parent)
		return &t->root[fi];
	return &n->parent->child[n->parent->child[1] == n];
}

/* Insert n as a fresh node where *link pointed to old (which may be NULL). */
static int insert_split(struct rt_lpm *t, struct lpm_node **link,
			struct lpm_node *parent, struct lpm_node *old,
			const uint8_t *key, unsigned len, unsigned c,
			struct lpm_node **leaf_out)
{
	struct lpm_node *leaf = node_new(t, key, len), *glue;

	if (!leaf)
		return -ENOMEM;
	if (c == len) {
		/* The new prefix lies above old. */
		leaf->child[key_bit(old->key, len)] = old;
		leaf->parent = parent;
		old->parent = leaf;
		*link = leaf;
		*leaf_out = leaf;
		return 0;
	}
	glue = node_new(t, key, c);
	if (!glue) {
		free(leaf);
		t->nodes--;
		return -ENOMEM;
	}
	glue->parent = parent;
	glue->child[key_bit(key, c)] = leaf;
	glue->child[key_bit(old->key, c)] = old;
	leaf->parent = glue;
	old->parent = glue;
	*link = glue;
	*leaf_out = leaf;
	return 0;
}

int rt_lpm_insert(struct rt_lpm *t, const struct net_prefix *p, void *value,
		  void **old)
{
	struct lpm_node **link, *parent = NULL, *n, *leaf = NULL;
	int fi, err;

	if (old)
		*old = NULL;
	if (!t || !rt_lpm_prefix_valid(p))
		return -EINVAL;
	fi = fam_index(p->addr.af);
	link = &t->root[fi];
	while ((n = *link) != NULL) {
		unsigned m = n->len < p->len ? n->len : p->len;
		unsigned c = common_bits(n->key, p->addr.b, m);

		if (c < m || n->len > p->len) {
			err = insert_split(t, link, parent, n, p->addr.b,
					   p->len, c, &leaf);
			if (err)
				return err;
			break;
		}
		if (n->len == p->len) {
			if (n->has_value && old)
				*old = n->value;
			if (!n->has_value)
				t->count[fi]++;
			n->has_value = true;
			n->value = value;
			return 0;
		}
		parent = n;
		link = &n->child[key_bit(p->addr.b, n->len)];
	}
	if (!leaf) {
		leaf = node_new(t, p->addr.b, p->len);
		if (!leaf)
			return -ENOMEM;
		leaf->parent = parent;
		*link = leaf;
	}
	leaf->has_value = true;
	leaf->value = value;
	t->count[fi]++;
	return 0;
}

static struct lpm_node *find_exact(const struct rt_lpm *t,
				   const struct net_prefix *p)
{
	struct lpm_node *n;

	if (!t || !rt_lpm_prefix_valid(p))
		return NULL;
	n = t->root[fam_index(p->addr.af)];
	while (n && n->len <= p->len) {
		if (common_bits(n->key, p->addr.b, n->len) < n->len)
			return NULL;
		if (n->len == p->len)
			return n;
		n = n->child[key_bit(p->addr.b, n->len)];
	}
	return NULL;
}

/* Remove a value-less node with at most one child, keeping the invariant. */
static void splice(struct rt_lpm *t, int fi, struct lpm_node *n)
{
	struct lpm_node *c = n->child[0] ? n->child[0] : n->child[1];
	struct lpm_node *parent = n->parent;

	*node_link(t, fi, n) = c;
	if (c)
		c->parent = parent;
	free(n);
	t->nodes--;
	if (!c && parent && !parent->has_value)
		splice(t, fi, parent); /* parent is glue left with one child */
}

int rt_lpm_remove(struct rt_lpm *t, const struct net_prefix *p, void **value)
{
	struct lpm_node *n;
	int fi;

	if (value)
		*value = NULL;
	if (!t || !rt_lpm_prefix_valid(p))
		return -EINVAL;
	n = find_exact(t, p);
	if (!n || !n->has_value)
		return -ENOENT;
	fi = fam_index(p->addr.af);
	if (value)
		*value = n->value;
	n->has_value = false;
	n->value = NULL;
	t->count[fi]--;
	if (!(n->child[0] && n->child[1]))
		splice(t, fi, n);
	return 0;
}

bool rt_lpm_get(const struct rt_lpm *t, const struct net_prefix *p,
		void **value)
{
	struct lpm_node *n = find_exact(t, p);

	if (!n || !n->has_value)
		return false;
	if (value)
		*value = n->value;
	return true;
}

static void node_prefix(const struct lpm_node *n, uint8_t af,
			struct net_prefix *out)
{
	memset(out, 0, sizeof(*out));
	out->addr.af = af;
	memcpy(out->addr.b, n->key, 16);
	out->len = n->len;
}

bool rt_lpm_match_filter(const struct rt_lpm *t, const struct net_addr *a,
			 rt_lpm_pred_fn pred, void *arg,
			 struct net_prefix *match, void **value)
{
	const struct lpm_node *path[LPM_MAX_DEPTH];
	const struct lpm_node *n;
	struct net_prefix p;
	int fi, depth = 0;

	if (!t || !a || (fi = fam_index(a->af)) < 0)
		return false;
	for (n = t->root[fi]; n; n = n->child[key_bit(a->b, n->len)]) {
		if (common_bits(n->key, a->b, n->len) < n->len)
			break;
		if (n->has_value)
			path[depth++] = n;
		if (n->len == fam_bits(a->af))
			break;
	}
	while (depth > 0) {
		n = path[--depth];
		node_prefix(n, a->af, &p);
		if (pred && !pred(arg, &p, n->value))
			continue;
		if (match)
			*match = p;
		if (value)
			*value = n->value;
		return true;
	}
	return false;
}

bool rt_lpm_match(const struct rt_lpm *t, const struct net_addr *a,
		  struct net_prefix *match, void **value)
{
	return rt_lpm_match_filter(t, a, NULL, NULL, match, value);
}

size_t rt_lpm_node_count(const struct rt_lpm *t)
{
	return t ? t->nodes : 0;
}

size_t rt_lpm_count(const struct rt_lpm *t, enum net_af af)
{
	int fi = fam_index(af);

	if (!t)
		return 0;
	if (af == NET_AF_NONE)
		return t->count[0] + t->count[1];
	return fi < 0 ? 0 : t->count[fi];
}

static int walk_subtree(const struct lpm_node *n, uint8_t af, rt_lpm_walk_fn fn,
			void *arg)
{
	struct net_prefix p;
	int r;

	if (!n)
		return 0;
	if (n->has_value) {
		node_prefix(n, af, &p);
		r = fn(arg, &p, n->value);
		if (r)
			return r;
	}
	r = walk_subtree(n->child[0], af, fn, arg);
	if (r)
		return r;
	return walk_subtree(n->child[1], af, fn, arg);
}

int rt_lpm_walk(const struct rt_lpm *t, enum net_af af, rt_lpm_walk_fn fn,
		void *arg)
{
	int r = 0;

	if (!t || !fn)
		return 0;
	for (int fi = 0; fi < 2 && !r; fi++) {
		if (af != NET_AF_NONE && fam_af(fi) != af)
			continue;
		r = walk_subtree(t->root[fi], fam_af(fi), fn, arg);
	}
	return r;
}

int rt_lpm_walk_under(const struct rt_lpm *t, const struct net_prefix *p,
		      rt_lpm_walk_fn fn, void *arg)
{
	const struct lpm_node *n;

	if (!t || !fn || !rt_lpm_prefix_valid(p))
		return 0;
	n = t->root[fam_index(p->addr.af)];
	while (n && n->len < p->len) {
		if (common_bits(n->key, p->addr.b, n->len) < n->len)
			return 0;
		n = n->child[key_bit(p->addr.b, n->len)];
	}
	if (!n || common_bits(n->key, p->addr.b, p->len) < p->len)
		return 0;
	return walk_subtree(n, p->addr.af, fn, arg);
}

/* First node holding a value in pre-order; glue nodes have two children. */
static const struct lpm_node *first_valued(const struct lpm_node *n)
{
	while (n && !n->has_value)
		n = n->child[0];
	return n;
}

/* Smallest node of the subtree rooted at n that sorts after key/klen. */
static const struct lpm_node *succ(const struct lpm_node *n, const uint8_t *key,
				   unsigned klen)
{
	const struct lpm_node *cand = NULL;

	while (n) {
		unsigned m = n->len < klen ? n->len : klen;
		unsigned c = common_bits(n->key, key, m);

		if (c < m) {
			if (key_bit(n->key, c) > key_bit(key, c))
				return first_valued(n);
			break; /* the whole subtree sorts before key */
		}
		if (n->len > klen)
			return first_valued(n);
		if (n->len == klen) {
			if (n->child[0])
				return first_valued(n->child[0]);
			if (n->child[1])
				return first_valued(n->child[1]);
			break;
		}
		if (key_bit(key, n->len) == 0 && n->child[1])
			cand = n->child[1];
		n = n->child[key_bit(key, n->len)];
	}
	return cand ? first_valued(cand) : NULL;
}

static bool emit(const struct lpm_node *n, uint8_t af, struct net_prefix *out,
		 void **value)
{
	if (!n)
		return false;
	if (out)
		node_prefix(n, af, out);
	if (value)
		*value = n->value;
	return true;
}

bool rt_lpm_first(const struct rt_lpm *t, enum net_af af,
		  struct net_prefix *out, void **value)
{
	if (!t)
		return false;
	for (int fi = 0; fi < 2; fi++) {
		if (af != NET_AF_NONE && fam_af(fi) != af)
			continue;
		if (t->root[fi])
			return emit(first_valued(t->root[fi]), fam_af(fi), out,
				    value);
	}
	return false;
}

bool rt_lpm_next(const struct rt_lpm *t, enum net_af af,
		 const struct net_prefix *after, struct net_prefix *out,
		 void **value)
{
	uint8_t key[16];
	int afi;

	if (!t || !after || (afi = fam_index(after->addr.af)) < 0 ||
	    after->len > fam_bits(after->addr.af))
		return false;
	key_mask(key, after->addr.b, after->len);
	for (int fi = afi; fi < 2; fi++) {
		const struct lpm_node *n;

		if (af != NET_AF_NONE && fam_af(fi) != af)
			continue;
		if (fi == afi)
			n = succ(t->root[fi], key, after->len);
		else
			n = first_valued(t->root[fi]);
		if (n)
			return emit(n, fam_af(fi), out, value);
	}
	return false;
}
