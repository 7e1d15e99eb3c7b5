/*
 * Tests for the RIB (route_rib.c, route_cfg.c): Direct routes following
 * interface state and addresses, static routes with preference, a floating
 * static route taking over and giving way, recursive next-hop resolution
 * and its loss, blackhole routes, IPv6 with link-local next hops, selection
 * tie-breaks, the built-in InLoopBack0 routes, input checks, and the exact
 * sequence of change notifications in every case.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sim/route/route_lpm.h"
#include "sim/route/route_rib.h"

#define MAX_EV 64
#define EV_LEN 128

/* Records notifications as text and checks old_best against history. */
struct rec {
	char ev[MAX_EV][2 * EV_LEN];
	int n;
	struct {
		struct net_prefix p;
		char summary[EV_LEN];
	} last[MAX_EV];
	int nlast;
	struct rt_rib *rib; /* for re-entrancy checks */
	bool try_edit;
	int edit_rc;
};

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

static void ifx_str(int ifx, char *buf, size_t len)
{
	if (ifx == RT_IFINDEX_NULL0)
		snprintf(buf, len, "NULL0");
	else if (ifx == RT_IFINDEX_INLOOPBACK)
		snprintf(buf, len, "InLoop");
	else
		snprintf(buf, len, "if%d", ifx);
}

/* "Static 60 nexthop if1 via 10.1.1.2" */
static void summary(const struct rt_route *r, char *buf, size_t len)
{
	char ifs[16], gw[NET_ADDR_STRLEN];

	ifx_str(r->out_ifindex, ifs, sizeof(ifs));
	snprintf(buf, len, "%s %u %s %s", rt_proto_name(r->proto),
		 r->preference, rt_kind_name(r->kind), ifs);
	if (r->kind == RT_KIND_NEXTHOP) {
		net_addr_fmt(&r->gateway, gw, sizeof(gw));
		snprintf(buf + strlen(buf), len - strlen(buf), " via %s", gw);
	}
}

static int last_slot(struct rec *rc, const struct net_prefix *p)
{
	for (int i = 0; i < rc->nlast; i++)
		if (rt_prefix_cmp(&rc->last[i].p, p) == 0)
			return i;
	assert_true(rc->nlast < MAX_EV);
	rc->last[rc->nlast].p = *p;
	rc->last[rc->nlast].summary[0] = '\0';
	return rc->nlast++;
}

static void on_change(void *ctx, const struct net_prefix *p,
		      const struct rt_route *old_best,
		      const struct rt_route *new_best)
{
	struct rec *rc = ctx;
	char ps[NET_PREFIX_STRLEN], s[EV_LEN] = "";
	int slot = last_slot(rc, p);

	assert_true(rc->n < MAX_EV);
	assert_true(old_best || new_best);
	net_prefix_fmt(p, ps, sizeof(ps));
	/* old_best is exactly what was reported last time. */
	if (old_best) {
		summary(old_best, s, sizeof(s));
		assert_string_equal(s, rc->last[slot].summary);
	} else {
		assert_string_equal(rc->last[slot].summary, "");
	}
	if (new_best) {
		assert_true(new_best->selected && new_best->active);
		assert_int_equal(rt_prefix_cmp(&new_best->prefix, p), 0);
		summary(new_best, s, sizeof(s));
		snprintf(rc->ev[rc->n++], 2 * EV_LEN, "%s %s %s",
			 old_best ? "chg" : "add", ps, s);
		snprintf(rc->last[slot].summary, EV_LEN, "%s", s);
	} else {
		snprintf(rc->ev[rc->n++], 2 * EV_LEN, "del %s", ps);
		rc->last[slot].summary[0] = '\0';
	}
	if (rc->try_edit) {
		struct rt_static st;

		rt_static_init(&st, p);
		st.blackhole = true;
		rc->edit_rc = rt_rib_static_add(rc->rib, &st);
		/* Queries are allowed from the callback. */
		assert_ptr_equal(rt_rib_best(rc->rib, p), new_best);
	}
}

/* Compare the recorded events with want[] (NULL-terminated), then reset. */
static void expect(struct rec *rc, const char *const *want)
{
	int n = 0;

	while (want[n])
		n++;
	for (int i = 0; i < rc->n || i < n; i++) {
		const char *got = i < rc->n ? rc->ev[i] : "(none)";
		const char *exp = i < n ? want[i] : "(none)";

		if (strcmp(got, exp) != 0)
			fail_msg("event %d: got \"%s\", want \"%s\"", i, got,
				 exp);
	}
	rc->n = 0;
}

#define EXPECT(rc, ...)                                                        \
	do {                                                                   \
		static const char *const want_[] = { __VA_ARGS__, NULL };      \
		expect(rc, want_);                                             \
	} while (0)
#define EXPECT_NONE(rc) assert_int_equal((rc)->n, 0)

static struct rt_rib *rib_new(struct rec *rc, bool loopback, bool bcast)
{
	struct rt_rib_cfg cfg = { .change = on_change,
				  .ctx = rc,
				  .inloopback = loopback,
				  .subnet_broadcast = bcast };
	struct rt_rib *rib;

	memset(rc, 0, sizeof(*rc));
	rib = rt_rib_new(&cfg);
	assert_non_null(rib);
	rc->rib = rib;
	return rib;
}

static void addr_add(struct rt_rib *rib, int ifx, const char *a, unsigned len)
{
	struct net_addr x = addr(a);

	assert_int_equal(rt_rib_addr_add(rib, ifx, &x, len), 0);
}

/* A static route: nh may be NULL, ifx may be RT_IFINDEX_NONE. */
static struct rt_static mk_static(const char *p, const char *nh, int ifx,
				  unsigned pref)
{
	struct rt_static s;
	struct net_prefix x = pfx(p);

	rt_static_init(&s, &x);
	if (nh)
		s.nexthop = addr(nh);
	s.ifindex = ifx;
	s.preference = pref;
	return s;
}

static void static_add(struct rt_rib *rib, const char *p, const char *nh,
		       int ifx, unsigned pref)
{
	struct rt_static s = mk_static(p, nh, ifx, pref);

	assert_int_equal(rt_rib_static_add(rib, &s), 0);
}

static const struct rt_route *lookup(struct rt_rib *rib, const char *a)
{
	struct net_addr x = addr(a);

	return rt_rib_lookup(rib, &x);
}

static void test_connected(void **state)
{
	struct rec rc;
	struct rt_rib *rib = rib_new(&rc, false, false);
	const struct rt_route *r;
	struct net_addr a = addr("10.1.1.1");

	(void)state;
	EXPECT_NONE(&rc);
	addr_add(rib, 1, "10.1.1.1", 24);
	EXPECT_NONE(&rc); /* interface still down */
	assert_null(lookup(rib, "10.1.1.9"));
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	EXPECT(&rc, "add 10.1.1.0/24 Direct 0 connected if1",
	       "add 10.1.1.1/32 Direct 0 local if1");
	r = lookup(rib, "10.1.1.9");
	assert_non_null(r);
	assert_int_equal(r->kind, RT_KIND_CONNECTED);
	assert_int_equal(r->out_ifindex, 1);
	assert_true(net_addr_eq(&r->nexthop, &a));
	r = lookup(rib, "10.1.1.1");
	assert_int_equal(r->kind, RT_KIND_LOCAL);
	assert_int_equal(r->prefix.len, 32);
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	EXPECT_NONE(&rc); /* no change, no news */

	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	EXPECT(&rc, "del 10.1.1.0/24", "del 10.1.1.1/32");
	assert_null(lookup(rib, "10.1.1.9"));
	assert_int_equal(rt_rib_count(rib, NET_AF_IP4, false), 2);
	assert_int_equal(rt_rib_count(rib, NET_AF_IP4, true), 0);
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	EXPECT(&rc, "add 10.1.1.0/24 Direct 0 connected if1",
	       "add 10.1.1.1/32 Direct 0 local if1");

	/* A /32 (loopback style) address makes only the host route. */
	assert_int_equal(rt_rib_iface_set(rib, 7, true), 0);
	addr_add(rib, 7, "1.1.1.1", 32);
	EXPECT(&rc, "add 1.1.1.1/32 Direct 0 local if7");
	assert_int_equal(rt_rib_addr_add(rib, 7, &(struct net_addr){ 0 }, 8),
			 -EINVAL);
	a = addr("1.1.1.1");
	assert_int_equal(rt_rib_addr_add(rib, 7, &a, 32), -EEXIST);
	assert_int_equal(rt_rib_addr_del(rib, 7, &a, 24), -ENOENT);
	assert_int_equal(rt_rib_addr_del(rib, 7, &a, 32), 0);
	EXPECT(&rc, "del 1.1.1.1/32");
	a = addr("10.1.1.1");
	assert_int_equal(rt_rib_addr_del(rib, 1, &a, 24), 0);
	EXPECT(&rc, "del 10.1.1.0/24", "del 10.1.1.1/32");
	assert_int_equal(rt_rib_count(rib, NET_AF_NONE, false), 0);
	assert_int_equal(rt_rib_addr_del(rib, 1, &a, 24), -ENOENT);
	rt_rib_free(rib);
}

static void test_subnet_broadcast(void **state)
{
	struct rec rc;
	struct rt_rib *rib = rib_new(&rc, false, true);
	const struct rt_route *r;

	(void)state;
	assert_int_equal(rt_rib_iface_set(rib, 2, true), 0);
	addr_add(rib, 2, "192.0.2.1", 24);
	EXPECT(&rc, "add 192.0.2.0/24 Direct 0 connected if2",
	       "add 192.0.2.1/32 Direct 0 local if2",
	       "add 192.0.2.255/32 Direct 0 local if2");
	r = lookup(rib, "192.0.2.255");
	assert_true(r->flags & RT_F_BROADCAST);
	addr_add(rib, 2, "198.51.100.0", 31); /* /31: no broadcast */
	EXPECT(&rc, "add 198.51.100.0/31 Direct 0 connected if2",
	       "add 198.51.100.0/32 Direct 0 local if2");
	rt_rib_free(rib);
}

static void test_addr_check(void **state)
{
	static const struct {
		const char *a;
		unsigned len;
		int rc;
	} v[] = {
		{ "10.1.1.1", 24, 0 },		 { "10.1.1.0", 24, -EINVAL },
		{ "10.1.1.255", 24, -EINVAL },	 { "10.1.1.0", 31, 0 },
		{ "10.1.1.1", 31, 0 },		 { "10.1.1.1", 32, 0 },
		{ "10.1.1.1", 0, -EINVAL },	 { "10.1.1.1", 33, -EINVAL },
		{ "0.0.0.0", 8, -EINVAL },	 { "224.0.0.5", 24, -EINVAL },
		{ "2001:db8::", 64, 0 },	 { "2001:db8::1", 128, 0 },
		{ "2001:db8::1", 129, -EINVAL }, { "ff02::1", 64, -EINVAL },
		{ "::", 64, -EINVAL },		 { "fe80::1", 64, 0 },
	};
	char why[80];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct net_addr a = addr(v[i].a);
		int rc = rt_rib_addr_check(&a, v[i].len, why, sizeof(why));

		if (rc != v[i].rc)
			fail_msg("%s/%u: rc %d want %d", v[i].a, v[i].len, rc,
				 v[i].rc);
		if (rc)
			assert_true(strlen(why) > 0);
	}
}

static void test_static_check(void **state)
{
	struct {
		struct rt_static s;
		const char *why; /* NULL: valid */
	} v[] = {
		{ mk_static("10.0.0.0/8", "10.1.1.2", RT_IFINDEX_NONE, 0),
		  NULL },
		{ mk_static("10.0.0.0/8", NULL, 3, 0), NULL },
		{ mk_static("10.0.0.0/8", "10.1.1.2", 3, 255), NULL },
		{ mk_static("10.0.0.0/8", NULL, RT_IFINDEX_NONE, 0),
		  "a next hop or an interface is required" },
		{ mk_static("10.0.0.0/8", "10.1.1.2", RT_IFINDEX_NONE, 256),
		  "preference must be 1..255" },
		{ mk_static("10.0.0.0/8", "2001:db8::1", RT_IFINDEX_NONE, 0),
		  "next hop and prefix are of different families" },
		{ mk_static("10.0.0.0/8", "0.0.0.0", RT_IFINDEX_NONE, 0),
		  "next hop must not be unspecified or multicast" },
		{ mk_static("10.0.0.0/8", "224.0.0.1", RT_IFINDEX_NONE, 0),
		  "next hop must not be unspecified or multicast" },
		{ mk_static("10.0.0.0/8", NULL, -7, 0),
		  "invalid interface index" },
		{ mk_static("2001:db8::/32", "fe80::1", RT_IFINDEX_NONE, 0),
		  "a link-local next hop needs an outgoing interface" },
		{ mk_static("2001:db8::/32", "fe80::1", 2, 0), NULL },
	};
	struct rt_static bad = mk_static("10.0.0.0/8", "10.1.1.2", 1, 0);
	char why[96];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int rc = rt_static_check(&v[i].s, why, sizeof(why));

		if (!v[i].why) {
			assert_int_equal(rc, 0);
			continue;
		}
		assert_int_equal(rc, -EINVAL);
		assert_string_equal(why, v[i].why);
	}
	bad.prefix.addr.b[3] = 1; /* host bits */
	assert_int_equal(rt_static_check(&bad, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "invalid prefix (host bits must be zero)");
	bad = mk_static("10.0.0.0/8", NULL, 1, 0);
	bad.blackhole = true;
	assert_int_equal(rt_static_check(&bad, why, sizeof(why)), -EINVAL);
	assert_string_equal(why,
			    "a blackhole route takes no next hop or interface");
}

/* Two interfaces up with a /24 each; events of the setup discarded. */
static struct rt_rib *two_links(struct rec *rc)
{
	struct rt_rib *rib = rib_new(rc, false, false);

	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	assert_int_equal(rt_rib_iface_set(rib, 2, true), 0);
	addr_add(rib, 1, "10.1.1.1", 24);
	addr_add(rib, 2, "10.2.2.1", 24);
	rc->n = 0;
	return rib;
}

static void test_static_preference(void **state)
{
	struct rec rc;
	struct rt_rib *rib = two_links(&rc);
	struct rt_static s = mk_static("192.168.0.0/16", "10.1.1.2", 1, 0);

	(void)state;
	assert_int_equal(rt_rib_static_add(rib, &s), 0);
	EXPECT(&rc, "add 192.168.0.0/16 Static 60 nexthop if1 via 10.1.1.2");
	assert_int_equal(rt_rib_static_add(rib, &s), 0); /* same again */
	EXPECT_NONE(&rc);
	s.preference = 30; /* `... preference 30` on the same route */
	assert_int_equal(rt_rib_static_add(rib, &s), 0);
	EXPECT(&rc, "chg 192.168.0.0/16 Static 30 nexthop if1 via 10.1.1.2");
	assert_int_equal(rt_rib_count(rib, NET_AF_IP4, false), 5);
	/* A Direct route for the same prefix beats any static. */
	addr_add(rib, 2, "192.168.1.1", 16);
	EXPECT(&rc, "chg 192.168.0.0/16 Direct 0 connected if2",
	       "add 192.168.1.1/32 Direct 0 local if2");
	s.preference = 0; /* back to the default */
	assert_int_equal(rt_rib_static_add(rib, &s), 0);
	EXPECT_NONE(&rc); /* not selected: nothing to report */
	assert_int_equal(rt_rib_static_del(rib, &s), 0);
	EXPECT_NONE(&rc);
	assert_int_equal(rt_rib_static_del(rib, &s), -ENOENT);
	rt_rib_free(rib);
}

static void test_floating_static(void **state)
{
	struct rec rc;
	struct rt_rib *rib = two_links(&rc);
	const struct rt_route *r;

	(void)state;
	static_add(rib, "192.168.0.0/16", "10.1.1.2", 1, 0);
	static_add(rib, "192.168.0.0/16", "10.2.2.2", 2, 100);
	EXPECT(&rc, "add 192.168.0.0/16 Static 60 nexthop if1 via 10.1.1.2");
	r = lookup(rib, "192.168.3.4");
	assert_int_equal(r->preference, 60);

	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	EXPECT(&rc, "del 10.1.1.0/24", "del 10.1.1.1/32",
	       "chg 192.168.0.0/16 Static 100 nexthop if2 via 10.2.2.2");
	r = lookup(rib, "192.168.3.4");
	assert_int_equal(r->out_ifindex, 2);

	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	EXPECT(&rc, "add 10.1.1.0/24 Direct 0 connected if1",
	       "add 10.1.1.1/32 Direct 0 local if1",
	       "chg 192.168.0.0/16 Static 60 nexthop if1 via 10.1.1.2");

	/* Both down: withdrawn; the backup alone comes back first. */
	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	rc.n = 0;
	assert_int_equal(rt_rib_iface_set(rib, 2, false), 0);
	EXPECT(&rc, "del 10.2.2.0/24", "del 10.2.2.1/32", "del 192.168.0.0/16");
	assert_null(lookup(rib, "192.168.3.4"));
	assert_int_equal(rt_rib_iface_set(rib, 2, true), 0);
	EXPECT(&rc, "add 10.2.2.0/24 Direct 0 connected if2",
	       "add 10.2.2.1/32 Direct 0 local if2",
	       "add 192.168.0.0/16 Static 100 nexthop if2 via 10.2.2.2");
	rt_rib_free(rib);
}

/* The same with a recursive primary: it dies with its connected route. */
static void test_floating_recursive(void **state)
{
	struct rec rc;
	struct rt_rib *rib = two_links(&rc);
	const struct rt_route *r;

	(void)state;
	static_add(rib, "0.0.0.0/0", "10.1.1.2", RT_IFINDEX_NONE, 0);
	static_add(rib, "0.0.0.0/0", "10.2.2.2", RT_IFINDEX_NONE, 100);
	EXPECT(&rc, "add 0.0.0.0/0 Static 60 nexthop if1 via 10.1.1.2");
	r = lookup(rib, "8.8.8.8");
	assert_true(r->flags & RT_F_RECURSIVE);
	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	EXPECT(&rc, "chg 0.0.0.0/0 Static 100 nexthop if2 via 10.2.2.2",
	       "del 10.1.1.0/24", "del 10.1.1.1/32");
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	EXPECT(&rc, "chg 0.0.0.0/0 Static 60 nexthop if1 via 10.1.1.2",
	       "add 10.1.1.0/24 Direct 0 connected if1",
	       "add 10.1.1.1/32 Direct 0 local if1");
	rt_rib_free(rib);
}

static void test_recursive(void **state)
{
	struct rec rc;
	struct rt_rib *rib = rib_new(&rc, false, false);
	struct net_addr a = addr("10.1.1.1");
	const struct rt_route *r;

	(void)state;
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	assert_int_equal(rt_rib_iface_set(rib, 2, true), 0);
	/* Unresolvable at first: nothing covers the next hop. */
	static_add(rib, "172.16.0.0/12", "10.1.1.2", RT_IFINDEX_NONE, 0);
	EXPECT_NONE(&rc);
	addr_add(rib, 1, "10.1.1.1", 24);
	EXPECT(&rc, "add 10.1.1.0/24 Direct 0 connected if1",
	       "add 10.1.1.1/32 Direct 0 local if1",
	       "add 172.16.0.0/12 Static 60 nexthop if1 via 10.1.1.2");
	/* A recursive route never resolves through another recursive one. */
	static_add(rib, "10.9.0.0/16", "172.16.0.1", RT_IFINDEX_NONE, 0);
	EXPECT_NONE(&rc);
	/* ...but through a static route with an interface: relay next hop. */
	static_add(rib, "172.16.0.0/16", "10.1.1.3", 1, 0);
	EXPECT(&rc, "add 10.9.0.0/16 Static 60 nexthop if1 via 10.1.1.3",
	       "add 172.16.0.0/16 Static 60 nexthop if1 via 10.1.1.3");
	/* A longer covering route moves the resolution to another link. */
	static_add(rib, "10.1.1.0/25", NULL, 2, 0);
	EXPECT(&rc, "add 10.1.1.0/25 Static 60 connected if2",
	       "chg 172.16.0.0/12 Static 60 nexthop if2 via 10.1.1.2");
	assert_int_equal(rt_rib_iface_set(rib, 2, false), 0);
	EXPECT(&rc, "del 10.1.1.0/25",
	       "chg 172.16.0.0/12 Static 60 nexthop if1 via 10.1.1.2");
	/* Losing the connected route loses everything resolved through it. */
	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	EXPECT(&rc, "del 10.1.1.0/24", "del 10.1.1.1/32", "del 10.9.0.0/16",
	       "del 172.16.0.0/12", "del 172.16.0.0/16");
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	EXPECT(&rc, "add 10.1.1.0/24 Direct 0 connected if1",
	       "add 10.1.1.1/32 Direct 0 local if1",
	       "add 10.9.0.0/16 Static 60 nexthop if1 via 10.1.1.3",
	       "add 172.16.0.0/12 Static 60 nexthop if1 via 10.1.1.2",
	       "add 172.16.0.0/16 Static 60 nexthop if1 via 10.1.1.3");
	r = lookup(rib, "10.9.1.1");
	assert_true(r->flags & RT_F_RECURSIVE);
	/* Removing the address (not the link) also unresolves. */
	assert_int_equal(rt_rib_addr_del(rib, 1, &a, 24), 0);
	EXPECT(&rc, "del 10.1.1.0/24", "del 10.1.1.1/32", "del 172.16.0.0/12");
	/* 10.9/16 still resolves via 172.16/16, which has an interface. */
	assert_non_null(lookup(rib, "10.9.1.1"));
	/* A next hop that is our own address never resolves. */
	addr_add(rib, 1, "10.1.1.1", 24);
	rc.n = 0;
	static_add(rib, "198.18.0.0/15", "10.1.1.1", RT_IFINDEX_NONE, 0);
	EXPECT_NONE(&rc);
	assert_null(lookup(rib, "198.18.0.1"));
	rt_rib_free(rib);
}

/* Bookkeeping of recursive routes: shared next hops, many changes. */
static void test_recursive_index(void **state)
{
	struct rec rc;
	struct rt_rib *rib = two_links(&rc);
	struct rt_static a =
		mk_static("10.10.0.0/16", "10.1.1.2", RT_IFINDEX_NONE, 0);
	struct rt_static b =
		mk_static("10.20.0.0/16", "10.1.1.2", RT_IFINDEX_NONE, 0);
	struct rt_static p1 = mk_static("172.16.0.0/16", "10.1.1.3", 1, 60);
	char p[32];

	(void)state;
	/* Two routes share a next hop; removing the newer keeps the older. */
	assert_int_equal(rt_rib_static_add(rib, &a), 0);
	assert_int_equal(rt_rib_static_add(rib, &b), 0);
	assert_int_equal(rt_rib_static_del(rib, &b), 0);
	rc.n = 0;
	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	EXPECT(&rc, "del 10.1.1.0/24", "del 10.1.1.1/32", "del 10.10.0.0/16");
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	rc.n = 0;

	/* A preference change re-ranks the routes a next hop resolves by. */
	assert_int_equal(rt_rib_static_add(rib, &p1), 0);
	static_add(rib, "172.16.0.0/16", "10.2.2.3", 2, 70);
	static_add(rib, "10.9.0.0/16", "172.16.0.1", RT_IFINDEX_NONE, 0);
	EXPECT(&rc, "add 172.16.0.0/16 Static 60 nexthop if1 via 10.1.1.3",
	       "add 10.9.0.0/16 Static 60 nexthop if1 via 10.1.1.3");
	p1.preference = 80;
	assert_int_equal(rt_rib_static_add(rib, &p1), 0);
	EXPECT(&rc, "chg 10.9.0.0/16 Static 60 nexthop if2 via 10.2.2.3",
	       "chg 172.16.0.0/16 Static 70 nexthop if2 via 10.2.2.3");

	/* More changed prefixes in one step than the RIB tracks one by one. */
	assert_int_equal(rt_rib_iface_set(rib, 3, true), 0);
	for (int i = 0; i < 12; i++) {
		snprintf(p, sizeof(p), "192.0.%d.0/24", i);
		static_add(rib, p, NULL, 3, 0);
	}
	static_add(rib, "198.51.100.0/24", "192.0.11.9", RT_IFINDEX_NONE, 0);
	rc.n = 0;
	assert_int_equal(rt_rib_iface_set(rib, 3, false), 0);
	assert_int_equal(rc.n, 13);
	assert_string_equal(rc.ev[0], "del 192.0.0.0/24");
	assert_string_equal(rc.ev[12], "del 198.51.100.0/24");
	rt_rib_free(rib);
}

static void test_blackhole(void **state)
{
	struct rec rc;
	struct rt_rib *rib = two_links(&rc);
	struct rt_static bh = mk_static("10.0.0.0/8", NULL, RT_IFINDEX_NONE, 0);
	const struct rt_route *r;

	(void)state;
	bh.blackhole = true;
	assert_int_equal(rt_rib_static_add(rib, &bh), 0);
	EXPECT(&rc, "add 10.0.0.0/8 Static 60 blackhole NULL0");
	r = lookup(rib, "10.7.7.7");
	assert_int_equal(r->kind, RT_KIND_BLACKHOLE);
	assert_int_equal(r->out_ifindex, RT_IFINDEX_NULL0);
	/* Connected subnets inside it are longer matches. */
	assert_int_equal(lookup(rib, "10.1.1.7")->kind, RT_KIND_CONNECTED);
	/* A next hop that lands on the blackhole does not resolve. */
	static_add(rib, "20.0.0.0/8", "10.7.7.7", RT_IFINDEX_NONE, 0);
	EXPECT_NONE(&rc);
	/* Interface state does not matter to NULL0. */
	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	EXPECT(&rc, "del 10.1.1.0/24", "del 10.1.1.1/32");
	assert_int_equal(rt_rib_static_del(rib, &bh), 0);
	EXPECT(&rc, "del 10.0.0.0/8");
	assert_null(lookup(rib, "10.7.7.7"));
	rt_rib_free(rib);
}

static void test_ipv6(void **state)
{
	struct rec rc;
	struct rt_rib *rib = rib_new(&rc, false, false);
	struct rt_static bad;
	const struct rt_route *r;
	struct net_addr ll = addr("fe80::2");

	(void)state;
	addr_add(rib, 1, "2001:db8:1::1", 64);
	addr_add(rib, 1, "fe80::1", 64); /* link-local: no routes */
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	EXPECT(&rc, "add 2001:db8:1::/64 Direct 0 connected if1",
	       "add 2001:db8:1::1/128 Direct 0 local if1");
	static_add(rib, "2001:db8:99::/48", "fe80::2", 1, 0);
	EXPECT(&rc, "add 2001:db8:99::/48 Static 60 nexthop if1 via fe80::2");
	r = lookup(rib, "2001:db8:99::7");
	assert_true(net_addr_eq(&r->gateway, &ll));
	assert_false(r->flags & RT_F_RECURSIVE);
	bad = mk_static("2001:db8:98::/48", "fe80::2", RT_IFINDEX_NONE, 0);
	assert_int_equal(rt_rib_static_add(rib, &bad), -EINVAL);
	static_add(rib, "::/0", "2001:db8:1::fe", RT_IFINDEX_NONE, 0);
	EXPECT(&rc, "add ::/0 Static 60 nexthop if1 via 2001:db8:1::fe");
	assert_int_equal(lookup(rib, "2001:db9::1")->prefix.len, 0);
	assert_null(lookup(rib, "10.0.0.1")); /* no IPv4 default */
	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	EXPECT(&rc, "del ::/0", "del 2001:db8:1::/64", "del 2001:db8:1::1/128",
	       "del 2001:db8:99::/48");
	/* Removing the link-local address is fine and changes nothing. */
	assert_int_equal(rt_rib_addr_del(rib, 1, &(struct net_addr){ 0 }, 64),
			 -ENOENT);
	ll = addr("fe80::1");
	assert_int_equal(rt_rib_addr_del(rib, 1, &ll, 64), 0);
	EXPECT_NONE(&rc);
	rt_rib_free(rib);
}

static void test_tie_breaks(void **state)
{
	struct rec rc;
	struct rt_rib *rib = two_links(&rc);
	struct rt_static a = mk_static("203.0.113.0/24", "10.1.1.2", 1, 0);
	struct rt_static b = mk_static("203.0.113.0/24", "10.2.2.2", 2, 0);

	(void)state;
	assert_int_equal(rt_rib_static_add(rib, &a), 0);
	assert_int_equal(rt_rib_static_add(rib, &b), 0);
	/* Equal preference and cost: the earliest added, no ECMP. */
	EXPECT(&rc, "add 203.0.113.0/24 Static 60 nexthop if1 via 10.1.1.2");
	a.cost = 5; /* now b is cheaper */
	assert_int_equal(rt_rib_static_add(rib, &a), 0);
	EXPECT(&rc, "chg 203.0.113.0/24 Static 60 nexthop if2 via 10.2.2.2");
	a.cost = 0; /* equal again: a is older, it wins back */
	assert_int_equal(rt_rib_static_add(rib, &a), 0);
	EXPECT(&rc, "chg 203.0.113.0/24 Static 60 nexthop if1 via 10.1.1.2");
	assert_int_equal(rt_rib_static_del(rib, &a), 0);
	EXPECT(&rc, "chg 203.0.113.0/24 Static 60 nexthop if2 via 10.2.2.2");
	assert_int_equal(rt_rib_static_del(rib, &b), 0);
	EXPECT(&rc, "del 203.0.113.0/24");
	rt_rib_free(rib);
}

static void test_inloopback(void **state)
{
	struct rec rc;
	struct rt_rib *rib = rib_new(&rc, true, false);
	const struct rt_route *r;

	(void)state;
	EXPECT(&rc, "add 127.0.0.0/8 Direct 0 local InLoop",
	       "add 127.0.0.1/32 Direct 0 local InLoop",
	       "add 127.255.255.255/32 Direct 0 local InLoop",
	       "add 255.255.255.255/32 Direct 0 local InLoop",
	       "add ::1/128 Direct 0 local InLoop",
	       "add fe80::/10 Direct 0 blackhole NULL0");
	r = lookup(rib, "127.3.2.1");
	assert_true(r->flags & RT_F_BUILTIN);
	assert_int_equal(rt_rib_count(rib, NET_AF_IP4, true), 4);
	assert_int_equal(rt_rib_count(rib, NET_AF_IP6, true), 2);
	rt_rib_free(rib);
}

static void test_busy_in_callback(void **state)
{
	struct rec rc;
	struct rt_rib *rib = rib_new(&rc, false, false);

	(void)state;
	rc.try_edit = true;
	rc.edit_rc = 1;
	assert_int_equal(rt_rib_iface_set(rib, 1, true), 0);
	addr_add(rib, 1, "10.1.1.1", 24);
	assert_int_equal(rc.edit_rc, -EBUSY);
	rc.try_edit = false;
	EXPECT(&rc, "add 10.1.1.0/24 Direct 0 connected if1",
	       "add 10.1.1.1/32 Direct 0 local if1");
	assert_int_equal(rt_rib_count(rib, NET_AF_NONE, false), 2);
	rt_rib_free(rib);
}

static int walk_collect(void *arg, const struct rt_route *r)
{
	char *out = arg, ps[NET_PREFIX_STRLEN];

	net_prefix_fmt(&r->prefix, ps, sizeof(ps));
	snprintf(out + strlen(out), 512 - strlen(out), "%s%s%s;", ps,
		 r->selected ? "*" : "", r->active ? "" : "(inactive)");
	return 0;
}

static void test_walk_and_iface_queries(void **state)
{
	struct rec rc;
	struct rt_rib *rib = two_links(&rc);
	struct net_addr a;
	char out[512] = "";

	(void)state;
	static_add(rib, "10.0.0.0/8", "10.1.1.2", 1, 0);
	static_add(rib, "10.0.0.0/8", "10.2.2.2", 2, 100);
	static_add(rib, "2001:db8::/32", NULL, 2, 0);
	assert_int_equal(rt_rib_iface_set(rib, 3, false), 0);
	static_add(rib, "10.3.0.0/16", NULL, 3, 0);
	rt_rib_walk(rib, NET_AF_NONE, false, walk_collect, out);
	assert_string_equal(out, "10.0.0.0/8*;10.0.0.0/8;10.1.1.0/24*;"
				 "10.1.1.1/32*;10.2.2.0/24*;10.2.2.1/32*;"
				 "10.3.0.0/16(inactive);2001:db8::/32*;");
	out[0] = '\0';
	rt_rib_walk(rib, NET_AF_IP6, true, walk_collect, out);
	assert_string_equal(out, "2001:db8::/32*;");
	assert_true(rt_rib_iface_up(rib, 1));
	assert_false(rt_rib_iface_up(rib, 3));
	assert_false(rt_rib_iface_up(rib, 99));
	assert_true(rt_rib_iface_up(rib, RT_IFINDEX_NULL0));
	assert_true(rt_rib_iface_addr(rib, 2, NET_AF_IP4, &a));
	assert_false(rt_rib_iface_addr(rib, 2, NET_AF_IP6, &a));
	assert_int_equal(rt_rib_iface_set(rib, -1, true), -EINVAL);
	assert_string_equal(rt_proto_name(RT_PROTO_STATIC), "Static");
	assert_string_equal(rt_proto_name((enum rt_proto)99), "Unknown");
	assert_int_equal(rt_proto_default_pref(RT_PROTO_DIRECT), 0);
	assert_int_equal(rt_proto_default_pref(RT_PROTO_STATIC), 60);
	rt_rib_free(rib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connected),
		cmocka_unit_test(test_subnet_broadcast),
		cmocka_unit_test(test_addr_check),
		cmocka_unit_test(test_static_check),
		cmocka_unit_test(test_static_preference),
		cmocka_unit_test(test_floating_static),
		cmocka_unit_test(test_floating_recursive),
		cmocka_unit_test(test_recursive),
		cmocka_unit_test(test_recursive_index),
		cmocka_unit_test(test_blackhole),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_tie_breaks),
		cmocka_unit_test(test_inloopback),
		cmocka_unit_test(test_busy_in_callback),
		cmocka_unit_test(test_walk_and_iface_queries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
