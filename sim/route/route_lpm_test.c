/*
 * Tests for route_lpm.c: edge cases (/0, /32, /128, nested chains, glue
 * nodes, invalid keys, families kept apart) and a differential test
 * against a brute-force linear table: thousands of random, heavily nested
 * IPv4 and IPv6 prefixes inserted, replaced and removed, with longest
 * match, filtered match, exact lookup, count, ordered walk and cursor
 * iteration compared after every phase (fixed seed).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim/core/sim_rng.h"
#include "sim/route/route_lpm.h"

static struct net_prefix pfx(const char *s)
{
	struct net_prefix p;

	if (net_prefix_parse(s, &p, false) < 0)
		fail_msg("bad test prefix %s", s);
	return p;
}

static struct net_addr addr(const char *s)
{
	struct net_addr a;

	if (net_addr_parse(s, &a) < 0)
		fail_msg("bad test address %s", s);
	return a;
}

/* Longest match of a; returns the matched prefix as text or "-". */
static const char *match_str(struct rt_lpm *t, const char *a, char *buf,
			     size_t len)
{
	struct net_addr x = addr(a);
	struct net_prefix m;

	if (!rt_lpm_match(t, &x, &m, NULL))
		return "-";
	net_prefix_fmt(&m, buf, len);
	return buf;
}

static void put(struct rt_lpm *t, const char *s, intptr_t v)
{
	struct net_prefix p = pfx(s);

	assert_int_equal(rt_lpm_insert(t, &p, (void *)v, NULL), 0);
}

static int collect(void *arg, const struct net_prefix *p, void *value)
{
	char *out = arg, s[NET_PREFIX_STRLEN];

	(void)value;
	net_prefix_fmt(p, s, sizeof(s));
	snprintf(out + strlen(out), 256 - strlen(out), "%s ", s);
	return 0;
}

static void test_edges(void **state)
{
	static const struct {
		const char *addr, *want;
	} v[] = {
		{ "10.1.2.3", "10.1.2.0/24" },
		{ "10.1.3.3", "10.1.0.0/16" },
		{ "10.2.0.1", "10.0.0.0/8" },
		{ "11.0.0.1", "0.0.0.0/0" },
		{ "10.1.2.255", "10.1.2.255/32" },
		{ "255.255.255.255", "255.255.255.255/32" },
		{ "128.0.0.0", "128.0.0.0/1" },
		{ "2001:db8::1", "2001:db8::/32" },
		{ "2001:db8:0:1::5", "2001:db8:0:1::5/128" },
		{ "2001:db9::", "::/0" },
		{ "::", "::/0" },
		{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" },
	};
	struct rt_lpm *t = rt_lpm_new();
	char buf[NET_PREFIX_STRLEN];

	(void)state;
	put(t, "10.0.0.0/8", 1);
	put(t, "10.1.0.0/16", 2);
	put(t, "10.1.2.0/24", 3);
	put(t, "10.1.2.255/32", 4);
	put(t, "0.0.0.0/0", 5);
	put(t, "255.255.255.255/32", 6);
	put(t, "128.0.0.0/1", 7);
	put(t, "2001:db8::/32", 8);
	put(t, "2001:db8:0:1::5/128", 9);
	put(t, "::/0", 10);
	put(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", 11);
	assert_int_equal(rt_lpm_count(t, NET_AF_IP4), 7);
	assert_int_equal(rt_lpm_count(t, NET_AF_IP6), 4);
	assert_int_equal(rt_lpm_count(t, NET_AF_NONE), 11);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_string_equal(match_str(t, v[i].addr, buf, sizeof(buf)),
				    v[i].want);

	/* Walking under a prefix, present or not. */
	static const struct {
		const char *under, *want;
	} u[] = {
		{ "10.0.0.0/8",
		  "10.0.0.0/8 10.1.0.0/16 10.1.2.0/24 10.1.2.255/32 " },
		{ "10.1.2.128/25", "10.1.2.255/32 " },
		{ "10.1.2.255/32", "10.1.2.255/32 " },
		{ "10.1.2.254/32", "" },
		{ "11.0.0.0/8", "" },
		{ "128.0.0.0/1", "128.0.0.0/1 255.255.255.255/32 " },
		{ "2001:db8::/31", "2001:db8::/32 2001:db8:0:1::5/128 " },
	};
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		struct net_prefix k = pfx(u[i].under);
		char got[256] = "";

		rt_lpm_walk_under(t, &k, collect, got);
		assert_string_equal(got, u[i].want);
	}

	/* Removing the middle of a chain leaves the rest reachable. */
	struct net_prefix p = pfx("10.1.0.0/16");
	void *old;

	assert_int_equal(rt_lpm_remove(t, &p, &old), 0);
	assert_ptr_equal(old, (void *)2);
	assert_string_equal(match_str(t, "10.1.3.3", buf, sizeof(buf)),
			    "10.0.0.0/8");
	assert_string_equal(match_str(t, "10.1.2.3", buf, sizeof(buf)),
			    "10.1.2.0/24");
	assert_int_equal(rt_lpm_remove(t, &p, NULL), -ENOENT);
	p = pfx("0.0.0.0/0");
	assert_int_equal(rt_lpm_remove(t, &p, NULL), 0);
	assert_string_equal(match_str(t, "11.0.0.1", buf, sizeof(buf)), "-");
	p = pfx("::/0");
	assert_int_equal(rt_lpm_remove(t, &p, NULL), 0);
	assert_string_equal(match_str(t, "::", buf, sizeof(buf)), "-");
	assert_int_equal(rt_lpm_count(t, NET_AF_NONE), 8);
	rt_lpm_free(t, NULL, NULL);
}

static void test_replace_and_null_value(void **state)
{
	struct rt_lpm *t = rt_lpm_new();
	struct net_prefix p = pfx("192.0.2.0/24");
	struct net_addr a = addr("192.0.2.7");
	void *old = (void *)1, *v = (void *)1;

	(void)state;
	assert_int_equal(rt_lpm_insert(t, &p, NULL, &old), 0);
	assert_null(old);
	assert_true(rt_lpm_get(t, &p, &v));
	assert_null(v);
	assert_true(rt_lpm_match(t, &a, NULL, &v));
	assert_null(v);
	assert_int_equal(rt_lpm_insert(t, &p, (void *)7, &old), 0);
	assert_null(old);
	assert_int_equal(rt_lpm_insert(t, &p, (void *)8, &old), 0);
	assert_ptr_equal(old, (void *)7);
	assert_int_equal(rt_lpm_count(t, NET_AF_IP4), 1);
	rt_lpm_free(t, NULL, NULL);
}

static void test_invalid(void **state)
{
	struct rt_lpm *t = rt_lpm_new();
	struct net_prefix p;
	struct net_addr none;

	(void)state;
	p = pfx("10.0.0.0/8");
	p.addr.b[1] = 1; /* host bit */
	assert_false(rt_lpm_prefix_valid(&p));
	assert_int_equal(rt_lpm_insert(t, &p, NULL, NULL), -EINVAL);
	p = pfx("10.0.0.0/8");
	p.addr.b[5] = 1; /* junk past an IPv4 address */
	assert_int_equal(rt_lpm_insert(t, &p, NULL, NULL), -EINVAL);
	p = pfx("10.0.0.0/8");
	p.len = 33;
	assert_int_equal(rt_lpm_insert(t, &p, NULL, NULL), -EINVAL);
	p = pfx("::/0");
	p.len = 129;
	assert_int_equal(rt_lpm_insert(t, &p, NULL, NULL), -EINVAL);
	memset(&p, 0, sizeof(p));
	assert_int_equal(rt_lpm_insert(t, &p, NULL, NULL), -EINVAL);
	assert_int_equal(rt_lpm_remove(t, &p, NULL), -EINVAL);
	assert_false(rt_lpm_get(t, &p, NULL));
	memset(&none, 0, sizeof(none));
	assert_false(rt_lpm_match(t, &none, NULL, NULL));
	assert_int_equal(rt_lpm_count(t, NET_AF_NONE), 0);
	assert_false(rt_lpm_first(t, NET_AF_NONE, &p, NULL));
	rt_lpm_free(t, NULL, NULL);
}

/* Same bytes in two families are two different keys. */
static void test_families_apart(void **state)
{
	struct rt_lpm *t = rt_lpm_new();
	struct net_prefix p4 = pfx("10.0.0.0/8"), p6 = pfx("a00::/8"), out;
	struct net_addr a6 = addr("a00::1");
	void *v;

	(void)state;
	put(t, "10.0.0.0/8", 4);
	assert_false(rt_lpm_get(t, &p6, NULL));
	assert_false(rt_lpm_match(t, &a6, NULL, NULL));
	put(t, "a00::/8", 6);
	assert_true(rt_lpm_match(t, &a6, &out, &v));
	assert_ptr_equal(v, (void *)6);
	assert_int_equal(out.addr.af, NET_AF_IP6);
	/* Order: IPv4 first; cursor crosses from IPv4 to IPv6. */
	assert_true(rt_lpm_first(t, NET_AF_NONE, &out, NULL));
	assert_int_equal(rt_prefix_cmp(&out, &p4), 0);
	assert_true(rt_lpm_next(t, NET_AF_NONE, &out, &out, NULL));
	assert_int_equal(rt_prefix_cmp(&out, &p6), 0);
	assert_false(rt_lpm_next(t, NET_AF_NONE, &out, &out, NULL));
	assert_false(rt_lpm_next(t, NET_AF_IP4, &p4, &out, NULL));
	assert_true(rt_lpm_first(t, NET_AF_IP6, &out, NULL));
	assert_int_equal(rt_prefix_cmp(&out, &p6), 0);
	rt_lpm_free(t, NULL, NULL);
}

static void count_release(void *arg, void *value)
{
	(void)value;
	(*(int *)arg)++;
}

static void test_free_releases(void **state)
{
	struct rt_lpm *t = rt_lpm_new();
	int n = 0;

	(void)state;
	put(t, "10.0.0.0/8", 1);
	put(t, "10.0.0.0/9", 2);
	put(t, "10.128.0.0/9", 3); /* 10/8 holds a value: no glue */
	put(t, "2001:db8::/48", 4);
	put(t, "2001:db8:1::/48", 5); /* glue at /47 */
	assert_int_equal(rt_lpm_node_count(t), 6);
	rt_lpm_free(t, count_release, &n);
	assert_int_equal(n, 5);
}

/* ---- differential test against a linear table ---- */

#define NPOOL 24

struct lin_entry {
	struct net_prefix p;
	intptr_t v;
};

struct lin {
	struct lin_entry *e;
	size_t n, cap;
};

static ptrdiff_t lin_find(const struct lin *l, const struct net_prefix *p)
{
	for (size_t i = 0; i < l->n; i++)
		if (rt_prefix_cmp(&l->e[i].p, p) == 0)
			return (ptrdiff_t)i;
	return -1;
}

static void lin_put(struct lin *l, const struct net_prefix *p, intptr_t v)
{
	ptrdiff_t i = lin_find(l, p);

	if (i >= 0) {
		l->e[i].v = v;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->e = realloc(l->e, l->cap * sizeof(*l->e));
		assert_non_null(l->e);
	}
	l->e[l->n].p = *p;
	l->e[l->n++].v = v;
}

static bool lin_del(struct lin *l, const struct net_prefix *p)
{
	ptrdiff_t i = lin_find(l, p);

	if (i < 0)
		return false;
	l->e[i] = l->e[--l->n];
	return true;
}

/* Longest covering prefix, optionally only odd values. */
static const struct lin_entry *
lin_match(const struct lin *l, const struct net_addr *a, bool odd_only)
{
	const struct lin_entry *best = NULL;

	for (size_t i = 0; i < l->n; i++) {
		if (odd_only && !(l->e[i].v & 1))
			continue;
		if (!net_prefix_contains(&l->e[i].p, a))
			continue;
		if (!best || l->e[i].p.len > best->p.len)
			best = &l->e[i];
	}
	return best;
}

static int lin_cmp(const void *a, const void *b)
{
	return rt_prefix_cmp(&((const struct lin_entry *)a)->p,
			     &((const struct lin_entry *)b)->p);
}

/* Random address near one of the pool bases, so prefixes nest. */
static struct net_addr rand_addr(struct sim_rng *r, const struct net_addr *pool)
{
	struct net_addr a = pool[sim_rng_below(r, NPOOL)];
	unsigned bytes = a.af == NET_AF_IP4 ? 4 : 16;
	unsigned flips = (unsigned)sim_rng_below(r, 3);

	for (unsigned i = 0; i < flips; i++) {
		unsigned bit = (unsigned)sim_rng_below(r, bytes * 8);

		a.b[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
	}
	return a;
}

static struct net_prefix rand_prefix(struct sim_rng *r,
				     const struct net_addr *pool)
{
	struct net_prefix p;
	unsigned bits;

	p.addr = rand_addr(r, pool);
	bits = p.addr.af == NET_AF_IP4 ? 32 : 128;
	/* Favour the ends: /0, host routes and everything between. */
	switch (sim_rng_below(r, 8)) {
	case 0:
		p.len = (uint8_t)sim_rng_below(r, 3);
		break;
	case 1:
		p.len = (uint8_t)bits;
		break;
	default:
		p.len = (uint8_t)sim_rng_below(r, bits + 1);
	}
	net_prefix_normalize(&p);
	return p;
}

struct walk_check {
	const struct lin_entry *want;
	size_t n, i;
	bool bad;
};

static int walk_cb(void *arg, const struct net_prefix *p, void *value)
{
	struct walk_check *w = arg;

	if (w->i >= w->n || rt_prefix_cmp(p, &w->want[w->i].p) != 0 ||
	    (intptr_t)value != w->want[w->i].v)
		w->bad = true;
	w->i++;
	return 0;
}

static bool odd_pred(void *arg, const struct net_prefix *p, void *value)
{
	(void)arg;
	(void)p;
	return ((intptr_t)value & 1) != 0;
}

static void check_order(struct rt_lpm *t, struct lin *l)
{
	struct walk_check w = { 0 };
	struct net_prefix cur;
	void *v;
	size_t i = 0;
	bool more;

	qsort(l->e, l->n, sizeof(*l->e), lin_cmp);
	w.want = l->e;
	w.n = l->n;
	rt_lpm_walk(t, NET_AF_NONE, walk_cb, &w);
	assert_false(w.bad);
	assert_int_equal(w.i, l->n);
	for (more = rt_lpm_first(t, NET_AF_NONE, &cur, &v); more;
	     more = rt_lpm_next(t, NET_AF_NONE, &cur, &cur, &v), i++) {
		assert_true(i < l->n);
		assert_int_equal(rt_prefix_cmp(&cur, &l->e[i].p), 0);
		assert_int_equal((intptr_t)v, l->e[i].v);
	}
	assert_int_equal(i, l->n);
}

static void check_lookups(struct rt_lpm *t, struct lin *l, struct sim_rng *r,
			  const struct net_addr *pool, int n)
{
	for (int i = 0; i < n; i++) {
		struct net_addr a = rand_addr(r, pool);
		bool odd = i & 1;
		const struct lin_entry *want = lin_match(l, &a, odd);
		struct net_prefix m;
		void *v;
		bool found =
			odd ? rt_lpm_match_filter(t, &a, odd_pred, NULL, &m, &v)
			    : rt_lpm_match(t, &a, &m, &v);

		assert_int_equal(found, want != NULL);
		if (want) {
			assert_int_equal(rt_prefix_cmp(&m, &want->p), 0);
			assert_int_equal((intptr_t)v, want->v);
		}
	}
	/* Walk under random prefixes. */
	for (int i = 0; i < n / 16; i++) {
		struct net_prefix k = rand_prefix(r, pool);
		struct lin_entry want[64];
		struct walk_check w = { .want = want };

		for (size_t j = 0; j < l->n; j++) {
			if (l->e[j].p.addr.af != k.addr.af ||
			    l->e[j].p.len < k.len ||
			    !net_prefix_contains(&k, &l->e[j].p.addr))
				continue;
			if (w.n == 64)
				break;
			want[w.n++] = l->e[j];
		}
		if (w.n == 64)
			continue; /* too wide to list here */
		qsort(want, w.n, sizeof(want[0]), lin_cmp);
		rt_lpm_walk_under(t, &k, walk_cb, &w);
		assert_false(w.bad);
		assert_int_equal(w.i, w.n);
	}
	/* Cursor from keys that are not in the table. */
	for (int i = 0; i < n / 8; i++) {
		struct net_prefix k = rand_prefix(r, pool), got;
		const struct lin_entry *want = NULL;
		bool found;

		for (size_t j = 0; j < l->n; j++)
			if (rt_prefix_cmp(&l->e[j].p, &k) > 0 &&
			    (!want || rt_prefix_cmp(&l->e[j].p, &want->p) < 0))
				want = &l->e[j];
		found = rt_lpm_next(t, NET_AF_NONE, &k, &got, NULL);
		assert_int_equal(found, want != NULL);
		if (want)
			assert_int_equal(rt_prefix_cmp(&got, &want->p), 0);
	}
}

static void test_differential(void **state)
{
	struct rt_lpm *t = rt_lpm_new();
	struct lin l = { 0 };
	struct net_addr pool[NPOOL];
	struct sim_rng r;

	(void)state;
	sim_rng_seed(&r, 20240611, "route_lpm_test");
	for (int i = 0; i < NPOOL; i++) {
		memset(&pool[i], 0, sizeof(pool[i]));
		pool[i].af = i % 2 ? NET_AF_IP6 : NET_AF_IP4;
		for (int j = 0; j < (i % 2 ? 16 : 4); j++)
			pool[i].b[j] = (uint8_t)sim_rng_below(&r, 256);
		if (i >= 2 && sim_rng_below(&r, 2)) /* share a long prefix */
			memcpy(pool[i].b, pool[i - 2].b, i % 2 ? 8 : 2);
	}
	for (int phase = 0; phase < 6; phase++) {
		int ops = phase < 3 ? 2500 : 1500;

		for (int i = 0; i < ops; i++) {
			struct net_prefix p = rand_prefix(&r, pool);
			bool del = phase >= 3 && sim_rng_below(&r, 3) != 0;

			if (del) {
				void *v;
				ptrdiff_t at = lin_find(&l, &p);
				int rc = rt_lpm_remove(t, &p, &v);

				assert_int_equal(rc, at >= 0 ? 0 : -ENOENT);
				if (at >= 0)
					assert_int_equal((intptr_t)v,
							 l.e[at].v);
				lin_del(&l, &p);
			} else {
				intptr_t v = (intptr_t)sim_rng_below(&r, 1000);

				assert_int_equal(
					rt_lpm_insert(t, &p, (void *)v, NULL),
					0);
				lin_put(&l, &p, v);
			}
		}
		assert_int_equal(rt_lpm_count(t, NET_AF_NONE), l.n);
		assert_true(rt_lpm_node_count(t) <= 2 * l.n);
		check_order(t, &l);
		check_lookups(t, &l, &r, pool, 4000);
	}
	/* Empty it completely: the trie must shrink back to nothing. */
	while (l.n) {
		struct net_prefix p = l.e[l.n - 1].p;

		assert_int_equal(rt_lpm_remove(t, &p, NULL), 0);
		l.n--;
	}
	assert_int_equal(rt_lpm_count(t, NET_AF_NONE), 0);
	assert_int_equal(rt_lpm_node_count(t), 0);
	assert_false(rt_lpm_first(t, NET_AF_NONE, NULL, NULL));
	free(l.e);
	rt_lpm_free(t, NULL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_replace_and_null_value),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_families_apart),
		cmocka_unit_test(test_free_releases),
		cmocka_unit_test(test_differential),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
