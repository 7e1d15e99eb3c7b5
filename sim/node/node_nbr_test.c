/*
 * Tests of the neighbor cache: ARP (RFC 826 merge, retries and failure at
 * exact times, pending queue, aging, gratuitous ARP) and ND (RFC 4861
 * sections 7.2.3 and 7.2.5: solicited/unsolicited NA with R/S/O, NS
 * creating STALE entries, REACHABLE -> STALE after ReachableTime), flush
 * and dump. The owner is a fake that records what the cache asks of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/node/node_nbr.h"
#include "sim/node/node_testlib.h"

struct owner {
	struct node_tw *w;
	struct node *n;
	struct node_iface *ifp;
	struct node_nbr c;
	int nsol;
	sim_time_t sol_t[8];
	struct net_addr sol_target;
	int nsent;
	uint8_t sent_tag[8];
	struct net_mac sent_dst[8];
	int nresolved, nfailed, nremoved, failed_pending;
	sim_time_t failed_t;
	struct net_mac resolved_mac;
};

static void o_solicit(void *ctx, struct node_iface *ifp,
		      const struct net_addr *t)
{
	struct owner *o = ctx;

	assert_ptr_equal(ifp, o->ifp);
	if (o->nsol < 8)
		o->sol_t[o->nsol] = node_now(o->n);
	o->nsol++;
	o->sol_target = *t;
}

static void o_send(void *ctx, struct node_iface *ifp, struct net_frame *f)
{
	struct owner *o = ctx;

	(void)ifp;
	if (o->nsent < 8) {
		o->sent_tag[o->nsent] = f->data[20];
		memcpy(o->sent_dst[o->nsent].b, f->data, 6);
	}
	o->nsent++;
	net_frame_free(o->n->env->pool, f);
}

static void o_resolved(void *ctx, struct node_iface *ifp,
		       const struct net_addr *a, const struct net_mac *m)
{
	struct owner *o = ctx;

	(void)ifp;
	(void)a;
	o->nresolved++;
	o->resolved_mac = *m;
}

static void o_failed(void *ctx, struct node_iface *ifp,
		     const struct net_addr *a, const struct net_fifo *q)
{
	struct owner *o = ctx;

	(void)ifp;
	(void)a;
	o->nfailed++;
	o->failed_pending = (int)q->len;
	o->failed_t = node_now(o->n);
}

static void o_removed(void *ctx, struct node_iface *ifp,
		      const struct net_addr *a)
{
	struct owner *o = ctx;

	(void)ifp;
	(void)a;
	o->nremoved++;
}

static const struct node_nbr_ops o_ops = {
	.send_solicit = o_solicit,
	.send_frame = o_send,
	.resolved = o_resolved,
	.failed = o_failed,
	.removed = o_removed,
};

static struct owner *owner_new(enum net_af af)
{
	struct owner *o = calloc(1, sizeof(*o));

	o->w = node_tw_new(3);
	o->n = node_tw_probe(o->w, "N");
	o->ifp = node_iface_add(o->n, "eth0", NULL);
	assert_int_equal(node_nbr_init(&o->c, o->ifp, af, &o_ops, o), 0);
	return o;
}

static void owner_free(struct owner *o)
{
	node_nbr_fini(&o->c);
	assert_true(node_tw_free(o->w));
	free(o);
}

static struct net_frame *frame(struct owner *o, uint8_t tag)
{
	struct net_frame *f = net_frame_alloc(o->n->env->pool);

	memset(f->data, 0, 60);
	f->data[20] = tag;
	f->len = 60;
	return f;
}

static struct net_arp arp(int op, const char *sha, const char *spa,
			  const char *tpa)
{
	struct net_arp a;

	memset(&a, 0, sizeof(a));
	a.op = (uint16_t)op;
	a.sha = node_tw_mac(sha);
	a.spa = node_tw_ip4(spa);
	a.tpa = node_tw_ip4(tpa);
	return a;
}

static struct net_nd na(const char *target, const char *tll, bool r, bool s,
			bool ov)
{
	struct net_nd nd;

	memset(&nd, 0, sizeof(nd));
	nd.type = NET_ICMP6_ND_NA;
	nd.target = node_tw_ip6(target);
	nd.router = r;
	nd.solicited = s;
	nd.override = ov;
	if (tll) {
		nd.has_tll = true;
		nd.tll = node_tw_mac(tll);
	}
	return nd;
}

static void test_init_bad(void **state)
{
	struct owner *o = owner_new(NET_AF_IP4);
	struct node_nbr c;
	struct node_nbr_ops bad = { .send_solicit = o_solicit };

	(void)state;
	assert_int_equal(node_nbr_init(&c, o->ifp, NET_AF_NONE, &o_ops, o), -1);
	assert_int_equal(node_nbr_init(&c, o->ifp, NET_AF_IP4, &bad, o), -1);
	node_nbr_fini(&c);
	owner_free(o);
}

static void test_arp_retries_and_failure(void **state)
{
	struct owner *o = owner_new(NET_AF_IP4);
	struct net_addr a = node_tw_addr("10.0.0.2");
	const struct node_tw_rec *r;

	(void)state;
	node_tw_run(o->w, SIM_MS(100));
	assert_int_equal(node_nbr_output(&o->c, &a, frame(o, 1)),
			 NODE_NBR_QUEUED);
	assert_int_equal(o->nsol, 1);
	assert_true(net_addr_eq(&o->sol_target, &a));
	assert_int_equal(node_nbr_lookup(&o->c, &a)->state,
			 NODE_NBR_INCOMPLETE);
	node_tw_run(o->w, SIM_S(4));
	assert_int_equal(o->nsol, 3);
	assert_int_equal(o->sol_t[0], SIM_MS(100));
	assert_int_equal(o->sol_t[1], SIM_MS(1100));
	assert_int_equal(o->sol_t[2], SIM_MS(2100));
	assert_int_equal(o->nfailed, 1);
	assert_int_equal(o->failed_t, SIM_MS(3100));
	assert_int_equal(o->failed_pending, 1);
	assert_int_equal(o->c.cnt.pending_drops, 1);
	assert_int_equal(o->c.cnt.failed, 1);
	assert_null(node_nbr_lookup(&o->c, &a));
	r = node_tw_find(o->w, "N", "arp", "failed", 0);
	assert_non_null(r);
	assert_int_equal(r->t, SIM_MS(3100));
	assert_int_equal(node_tw_find(o->w, "N", "arp", "incomplete", 0)->t,
			 SIM_MS(100));
	assert_int_equal(o->nresolved + o->nremoved, 0);
	owner_free(o);
}

static void test_arp_pending_then_resolved(void **state)
{
	struct owner *o = owner_new(NET_AF_IP4);
	struct net_addr a = node_tw_addr("10.0.0.2");
	struct net_arp rep =
		arp(NET_ARP_REPLY, "02:aa:00:00:00:02", "10.0.0.2", "10.0.0.1");
	const struct node_tw_rec *r;
	char buf[32];
	int i;

	(void)state;
	for (i = 0; i < 5; i++)
		node_nbr_output(&o->c, &a, frame(o, (uint8_t)i));
	assert_int_equal(o->nsol, 1); /* one resolution for all */
	assert_int_equal(o->c.cnt.pending_drops, 2);
	node_tw_run(o->w, SIM_MS(1500));
	assert_int_equal(o->nsol, 2);
	node_nbr_arp_input(&o->c, &rep, true);
	assert_int_equal(o->nresolved, 1);
	assert_true(net_mac_eq(&o->resolved_mac, &rep.sha));
	assert_int_equal(o->nsent, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(o->sent_tag[i], i + 2); /* oldest gave way */
		assert_true(net_mac_eq(&o->sent_dst[i], &rep.sha));
	}
	r = node_tw_find(o->w, "N", "arp", "reachable", 0);
	assert_non_null(r);
	assert_int_equal(r->t, SIM_MS(1500));
	assert_true(node_tw_field(r, "from", buf, sizeof(buf)));
	assert_string_equal(buf, "incomplete");
	assert_true(node_tw_field(r, "mac", buf, sizeof(buf)));
	assert_string_equal(buf, "02:aa:00:00:00:02");
	/* no more solicitations, no failure */
	node_tw_run(o->w, SIM_S(10));
	assert_int_equal(o->nsol, 2);
	assert_int_equal(o->nfailed, 0);
	/* a usable entry sends at once */
	assert_int_equal(node_nbr_output(&o->c, &a, frame(o, 9)),
			 NODE_NBR_SENT);
	assert_int_equal(o->nsent, 4);
	owner_free(o);
}

static void test_arp_aging_and_refresh(void **state)
{
	struct owner *o = owner_new(NET_AF_IP4);
	struct net_addr a = node_tw_addr("10.0.0.7");
	struct net_arp req = arp(NET_ARP_REQUEST, "02:aa:00:00:00:07",
				 "10.0.0.7", "10.0.0.1");
	struct net_arp other = arp(NET_ARP_REQUEST, "02:aa:00:00:00:07",
				   "10.0.0.7", "10.0.0.99");

	(void)state;
	node_nbr_arp_input(&o->c, &req, true); /* we are the target: add */
	assert_int_equal(node_nbr_lookup(&o->c, &a)->state, NODE_NBR_REACHABLE);
	node_tw_run(o->w, SIM_S(600));
	node_nbr_arp_input(&o->c, &other, false); /* any ARP refreshes */
	node_tw_run(o->w, SIM_S(1800) - 1);
	assert_non_null(node_nbr_lookup(&o->c, &a));
	node_tw_run(o->w, SIM_S(1800));
	assert_null(node_nbr_lookup(&o->c, &a));
	assert_int_equal(node_tw_find(o->w, "N", "arp", "expired", 0)->t,
			 SIM_S(1800));
	assert_int_equal(o->nremoved, 1);
	assert_int_equal(o->c.cnt.expired, 1);
	owner_free(o);
}

static void test_arp_gratuitous(void **state)
{
	struct owner *o = owner_new(NET_AF_IP4);
	struct net_addr a = node_tw_addr("10.0.0.5");
	struct net_addr b = node_tw_addr("10.0.0.6");
	struct net_arp req = arp(NET_ARP_REQUEST, "02:aa:00:00:00:05",
				 "10.0.0.5", "10.0.0.1");
	struct net_arp g5 = arp(NET_ARP_REQUEST, "00:00:5e:00:01:01",
				"10.0.0.5", "10.0.0.5");
	struct net_arp g6 = arp(NET_ARP_REQUEST, "00:00:5e:00:01:02",
				"10.0.0.6", "10.0.0.6");
	struct net_arp probe = arp(NET_ARP_REQUEST, "02:aa:00:00:00:09",
				   "0.0.0.0", "10.0.0.1");
	struct net_mac m;
	char why[32];

	(void)state;
	node_nbr_arp_input(&o->c, &req, true);
	node_nbr_arp_input(&o->c, &g5, false);
	assert_true(node_nbr_mac(&o->c, &a, &m));
	assert_true(net_mac_eq(&m, &g5.sha));
	assert_int_equal(o->nresolved, 2); /* new, then changed */
	assert_int_equal(o->c.cnt.updates, 1);
	assert_true(
		node_tw_field(node_tw_find(o->w, "N", "arp", "reachable", 1),
			      "why", why, sizeof(why)));
	assert_string_equal(why, "gratuitous-arp");
	node_nbr_arp_input(&o->c, &g6, false); /* unknown: not created */
	assert_null(node_nbr_lookup(&o->c, &b));
	node_nbr_arp_input(&o->c, &probe, true); /* RFC 5227 probe: ignored */
	assert_int_equal(o->c.n, 1);
	owner_free(o);
}

static void test_nd_resolve_and_stale(void **state)
{
	struct owner *o = owner_new(NET_AF_IP6);
	struct net_addr a = node_tw_addr("2001:db8::2");
	struct net_nd sol =
		na("2001:db8::2", "02:bb:00:00:00:02", true, true, true);
	const struct node_nbr_entry *e;

	(void)state;
	node_nbr_output(&o->c, &a, frame(o, 1));
	node_tw_run(o->w, SIM_MS(200));
	node_nbr_na_input(&o->c, &sol);
	e = node_nbr_lookup(&o->c, &a);
	assert_int_equal(e->state, NODE_NBR_REACHABLE);
	assert_true(e->is_router);
	assert_int_equal(o->nsent, 1);
	assert_true(net_mac_eq(&o->sent_dst[0], &sol.tll));
	node_tw_run(o->w, SIM_MS(30200) - 1);
	assert_int_equal(e->state, NODE_NBR_REACHABLE);
	node_tw_run(o->w, SIM_MS(30200));
	assert_int_equal(e->state, NODE_NBR_STALE);
	assert_int_equal(node_tw_find(o->w, "N", "nd", "stale", 0)->t,
			 SIM_MS(30200));
	/* STALE is used (no DELAY/PROBE) and stays */
	assert_int_equal(node_nbr_output(&o->c, &a, frame(o, 2)),
			 NODE_NBR_SENT);
	node_tw_run(o->w, SIM_S(600));
	assert_int_equal(e->state, NODE_NBR_STALE);
	assert_int_equal(o->nsol, 1);
	/* a solicited NA makes it REACHABLE again */
	node_nbr_na_input(&o->c, &sol);
	assert_int_equal(e->state, NODE_NBR_REACHABLE);
	owner_free(o);
}

static void test_nd_failure_params(void **state)
{
	struct owner *o = owner_new(NET_AF_IP6);
	struct net_addr a = node_tw_addr("fe80::9");
	struct net_nd notll = na("fe80::9", NULL, false, true, true);

	(void)state;
	o->c.p.retrans = SIM_MS(500);
	o->c.p.max_solicit = 2;
	node_nbr_output(&o->c, &a, NULL); /* resolve without a packet */
	node_nbr_na_input(&o->c, &notll); /* no TLLA: ignored */
	assert_int_equal(node_nbr_lookup(&o->c, &a)->state,
			 NODE_NBR_INCOMPLETE);
	node_tw_run(o->w, SIM_S(5));
	assert_int_equal(o->nsol, 2);
	assert_int_equal(o->failed_t, SIM_S(1));
	assert_int_equal(o->failed_pending, 0);
	assert_int_equal(node_tw_count(o->w, "N", "nd", "failed"), 1);
	owner_free(o);
}

static void test_nd_override_rules(void **state)
{
	struct owner *o = owner_new(NET_AF_IP6);
	struct net_addr a = node_tw_addr("2001:db8::1");
	struct net_nd sol =
		na("2001:db8::1", "02:00:00:00:00:01", true, true, false);
	struct net_nd noov =
		na("2001:db8::1", "02:00:00:00:00:99", true, false, false);
	struct net_nd ov =
		na("2001:db8::1", "00:00:5e:00:02:01", true, false, true);
	struct net_nd unknown =
		na("2001:db8::77", "02:00:00:00:00:77", false, false, true);
	const struct node_nbr_entry *e;

	(void)state;
	node_nbr_output(&o->c, &a, NULL);
	node_nbr_na_input(&o->c, &sol);
	e = node_nbr_lookup(&o->c, &a);
	assert_int_equal(e->state, NODE_NBR_REACHABLE);
	/* O=0 with another MAC: REACHABLE -> STALE, MAC kept */
	node_nbr_na_input(&o->c, &noov);
	assert_int_equal(e->state, NODE_NBR_STALE);
	assert_true(net_mac_eq(&e->mac, &sol.tll));
	/* ... and on STALE it is ignored */
	node_nbr_na_input(&o->c, &noov);
	assert_true(net_mac_eq(&e->mac, &sol.tll));
	/* unsolicited NA with O=1 (VRRP takeover): new MAC, STALE */
	node_nbr_na_input(&o->c, &ov);
	assert_int_equal(e->state, NODE_NBR_STALE);
	assert_true(net_mac_eq(&e->mac, &ov.tll));
	assert_true(net_mac_eq(&o->resolved_mac, &ov.tll));
	assert_int_equal(o->nresolved, 2);
	assert_int_equal(node_tw_count(o->w, "N", "nd", "stale"), 2);
	/* NA for a target we never asked about: no entry */
	node_nbr_na_input(&o->c, &unknown);
	assert_int_equal(o->c.n, 1);
	owner_free(o);
}

static void test_nd_ns_input(void **state)
{
	struct owner *o = owner_new(NET_AF_IP6);
	struct net_ip6 src = node_tw_ip6("fe80::2");
	struct net_addr a = net_addr_from_ip6(&src);
	struct net_ip6 src2 = node_tw_ip6("fe80::3");
	struct net_addr a2 = net_addr_from_ip6(&src2);
	struct net_ip6 unspec = { { 0 } };
	struct net_mac m1 = node_tw_mac("02:00:00:00:00:02");
	struct net_mac m2 = node_tw_mac("02:00:00:00:00:22");
	const struct node_nbr_entry *e;

	(void)state;
	node_nbr_ns_input(&o->c, &unspec, &m1); /* DAD: nothing */
	node_nbr_ns_input(&o->c, &src, NULL);	/* no SLLA: nothing */
	assert_int_equal(o->c.n, 0);
	node_nbr_ns_input(&o->c, &src, &m1);
	e = node_nbr_lookup(&o->c, &a);
	assert_int_equal(e->state, NODE_NBR_STALE);
	assert_int_equal(node_tw_count(o->w, "N", "nd", "stale"), 1);
	node_nbr_ns_input(&o->c, &src, &m1); /* same: no change */
	assert_int_equal(node_tw_count(o->w, "N", "nd", "stale"), 1);
	node_nbr_ns_input(&o->c, &src, &m2);
	assert_true(net_mac_eq(&e->mac, &m2));
	/* an NS from a neighbor being resolved completes it */
	node_nbr_output(&o->c, &a2, frame(o, 5));
	node_nbr_ns_input(&o->c, &src2, &m1);
	assert_int_equal(node_nbr_lookup(&o->c, &a2)->state, NODE_NBR_STALE);
	assert_int_equal(o->nsent, 1);
	assert_int_equal(o->sent_tag[0], 5);
	owner_free(o);
}

static void test_flush_and_dump(void **state)
{
	struct owner *o = owner_new(NET_AF_IP4);
	struct net_arp r1 =
		arp(NET_ARP_REPLY, "02:aa:00:00:00:01", "10.0.0.1", "10.0.0.9");
	struct net_addr pend = node_tw_addr("10.0.0.3");
	const struct node_nbr_entry *v[4];
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	node_nbr_arp_input(&o->c, &r1, true);
	node_nbr_output(&o->c, &pend, frame(o, 1));
	assert_int_equal(node_nbr_entries(&o->c, v, 4), 2);
	assert_int_equal(v[0]->addr.b[3], 1); /* sorted by address */
	f = open_memstream(&text, &len);
	node_nbr_dump(&o->c, f);
	fclose(f);
	assert_non_null(strstr(text, "10.0.0.1"));
	assert_non_null(strstr(text, "02aa-0000-0001"));
	assert_non_null(strstr(text, "incomplete"));
	free(text);
	node_nbr_flush(&o->c, "iface-down");
	assert_int_equal(o->c.n, 0);
	assert_int_equal(o->nremoved, 1); /* only the resolved one */
	assert_int_equal(o->c.cnt.pending_drops, 1);
	assert_int_equal(node_tw_count(o->w, "N", "arp", "deleted"), 2);
	assert_false(node_nbr_delete(&o->c, &pend, "x"));
	/* nothing fires later */
	node_tw_run(o->w, SIM_S(10));
	assert_int_equal(o->nsol, 1);
	owner_free(o);
}

static void test_many_entries_grow(void **state)
{
	struct owner *o = owner_new(NET_AF_IP4);
	int i;

	(void)state;
	o->c.p.max_entries = 1000;
	for (i = 0; i < 1200; i++) {
		struct net_ip4 ip = { { 10, 1, (uint8_t)(i >> 8),
					(uint8_t)i } };
		struct net_addr a = net_addr_from_ip4(&ip);

		node_nbr_output(&o->c, &a, NULL);
	}
	assert_int_equal(o->c.n, 1000);
	assert_int_equal(o->c.cnt.full, 200);
	for (i = 0; i < 1000; i++) {
		struct net_ip4 ip = { { 10, 1, (uint8_t)(i >> 8),
					(uint8_t)i } };
		struct net_addr a = net_addr_from_ip4(&ip);

		assert_non_null(node_nbr_lookup(&o->c, &a));
	}
	node_tw_run(o->w, SIM_S(10));
	assert_int_equal(o->c.n, 0);
	assert_int_equal(o->nfailed, 1000);
	owner_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_bad),
		cmocka_unit_test(test_arp_retries_and_failure),
		cmocka_unit_test(test_arp_pending_then_resolved),
		cmocka_unit_test(test_arp_aging_and_refresh),
		cmocka_unit_test(test_arp_gratuitous),
		cmocka_unit_test(test_nd_resolve_and_stale),
		cmocka_unit_test(test_nd_failure_params),
		cmocka_unit_test(test_nd_override_rules),
		cmocka_unit_test(test_nd_ns_input),
		cmocka_unit_test(test_flush_and_dump),
		cmocka_unit_test(test_many_entries_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
