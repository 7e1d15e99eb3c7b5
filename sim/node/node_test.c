/*
 * Tests of node.c: MAC derivation, interfaces and addresses (EUI-64
 * link-local, RFC 4291 appendix A), oper-state logging, transmit gating
 * (crash, admin down, no carrier) and freeze-gated node timers.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sim/node/node.h"
#include "sim/node/node_link.h"
#include "sim/node/node_testlib.h"

static void test_mac_derive(void **state)
{
	struct net_mac a = node_mac_derive("R1", 0);
	struct net_mac b = node_mac_derive("R1", 0);
	struct net_mac c = node_mac_derive("R1", 1);
	struct net_mac d = node_mac_derive("R2", 0);
	struct net_mac e = node_mac_derive("R1", 256);

	(void)state;
	assert_true(net_mac_eq(&a, &b));
	assert_false(net_mac_eq(&a, &c));
	assert_false(net_mac_eq(&a, &d));
	assert_false(net_mac_eq(&a, &e));
	/* locally administered, individual: first octet exactly 0x02 */
	assert_int_equal(a.b[0], 0x02);
	assert_int_equal(c.b[0], 0x02);
	assert_false(net_mac_is_multicast(&d));
}

static void test_iface_add(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *p = node_tw_probe(w, "P");
	struct net_mac m = node_tw_mac("00:11:22:33:44:55");
	struct node_iface *a, *b, *lo;

	(void)state;
	a = node_iface_add(p, "eth0", NULL);
	b = node_iface_add(p, "eth1", &m);
	lo = node_iface_add(p, "LoopBack0", NULL);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(lo);
	assert_null(node_iface_add(p, "eth0", NULL)); /* duplicate */
	assert_null(node_iface_add(p, "", NULL));
	assert_int_equal(a->ifindex, 0);
	assert_int_equal(b->ifindex, 1);
	assert_true(net_mac_eq(&b->mac, &m));
	{
		struct net_mac d = node_mac_derive("P", 0);

		assert_true(net_mac_eq(&a->mac, &d));
	}
	assert_true(a->admin_up);
	assert_false(a->carrier);
	assert_false(a->oper_up);
	assert_true(lo->loopback && lo->carrier && lo->oper_up);
	assert_ptr_equal(node_iface_find(p, "eth1"), b);
	assert_null(node_iface_find(p, "eth9"));
	assert_true(node_tw_free(w));
}

static void test_addr4(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *p = node_tw_probe(w, "P");
	struct node_iface *ifp = node_iface_add(p, "eth0", NULL);
	struct net_ip4 a1 = node_tw_ip4("10.0.0.1"),
		       a2 = node_tw_ip4("10.0.1.1");
	struct net_ip4 d = node_tw_ip4("10.0.1.77"),
		       far = node_tw_ip4("9.9.9.9");
	int i;

	(void)state;
	assert_null(node_iface_primary4(ifp));
	assert_int_equal(node_iface_add_addr4(ifp, &a1, 33, false), -EINVAL);
	assert_int_equal(node_iface_add_addr4(ifp, &a2, 24, true), 0);
	assert_null(node_iface_primary4(ifp)); /* only a sub address */
	assert_int_equal(node_iface_add_addr4(ifp, &a1, 16, false), 0);
	assert_int_equal(node_iface_add_addr4(ifp, &a1, 16, false), -EEXIST);
	assert_memory_equal(node_iface_primary4(ifp)->addr.b, a1.b, 4);
	/* longest prefix wins for on-link */
	assert_memory_equal(node_iface_onlink4(ifp, &d)->addr.b, a2.b, 4);
	assert_null(node_iface_onlink4(ifp, &far));
	assert_true(node_iface_has_addr4(ifp, &a2));
	assert_int_equal(node_iface_del_addr4(ifp, &a2), 0);
	assert_int_equal(node_iface_del_addr4(ifp, &a2), -ENOENT);
	assert_false(node_iface_has_addr4(ifp, &a2));
	for (i = 0; i < NODE_MAX_ADDR4 - 1; i++) {
		struct net_ip4 x = { { 192, 168, (uint8_t)i, 1 } };

		assert_int_equal(node_iface_add_addr4(ifp, &x, 24, true), 0);
	}
	assert_int_equal(node_iface_add_addr4(ifp, &a2, 24, true), -ENOSPC);
	assert_true(node_tw_free(w));
}

static void test_addr6(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *p = node_tw_probe(w, "P");
	struct net_mac m = node_tw_mac("00:11:22:33:44:55");
	struct node_iface *ifp = node_iface_add(p, "eth0", &m);
	struct net_ip6 ll = node_tw_ip6("fe80::211:22ff:fe33:4455");
	struct net_ip6 cll = node_tw_ip6("fe80::1");
	struct net_ip6 g = node_tw_ip6("2001:db8::1");
	struct net_ip6 mc = node_tw_ip6("ff02::1");

	(void)state;
	assert_null(node_iface_link_local(ifp));
	node_iface_ipv6_enable(ifp, true);
	assert_true(ifp->ipv6_enabled);
	assert_non_null(node_iface_link_local(ifp));
	assert_memory_equal(node_iface_link_local(ifp)->addr.b, ll.b, 16);
	assert_true(node_iface_link_local(ifp)->auto_ll);
	node_iface_ipv6_enable(ifp, true); /* idempotent */
	assert_int_equal(ifp->n6, 1);
	assert_int_equal(node_iface_add_addr6(ifp, &mc, 64), -EINVAL);
	assert_int_equal(node_iface_add_addr6(ifp, &g, 129), -EINVAL);
	assert_int_equal(node_iface_add_addr6(ifp, &g, 64), 0);
	assert_int_equal(node_iface_add_addr6(ifp, &g, 64), -EEXIST);
	assert_memory_equal(node_iface_global6(ifp)->addr.b, g.b, 16);
	/* a configured link-local replaces the generated one */
	assert_int_equal(node_iface_add_addr6(ifp, &cll, 64), 0);
	assert_false(node_iface_has_addr6(ifp, &ll));
	assert_memory_equal(node_iface_link_local(ifp)->addr.b, cll.b, 16);
	/* the generated one cannot be deleted; deleting ours restores it */
	assert_int_equal(node_iface_del_addr6(ifp, &ll), -ENOENT);
	assert_int_equal(node_iface_del_addr6(ifp, &cll), 0);
	assert_true(node_iface_has_addr6(ifp, &ll));
	node_iface_ipv6_enable(ifp, false);
	assert_false(node_iface_has_addr6(ifp, &ll));
	assert_true(node_iface_has_addr6(ifp, &g)); /* configuration stays */
	assert_true(node_tw_free(w));
}

static void test_oper_log_on_change(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *p = node_tw_probe(w, "P");
	struct node_iface *ifp = node_iface_add(p, "eth0", NULL);
	const struct node_tw_rec *r;
	char buf[64];

	(void)state;
	node_iface_set_oper(ifp, false, "x"); /* no change: no record */
	assert_int_equal(node_tw_count(w, NULL, "iface", NULL), 0);
	node_iface_set_oper(ifp, true, "test");
	node_iface_set_oper(ifp, true, "test");
	assert_int_equal(node_tw_count(w, "P", "iface", "oper-up"), 1);
	r = node_tw_find(w, "P", "iface", "oper-up", 0);
	assert_true(node_tw_field(r, "iface", buf, sizeof(buf)));
	assert_string_equal(buf, "eth0");
	assert_true(node_tw_field(r, "why", buf, sizeof(buf)));
	assert_string_equal(buf, "test");
	node_iface_set_admin(ifp, false);
	assert_int_equal(node_tw_count(w, "P", "iface", "oper-down"), 1);
	assert_true(node_tw_free(w));
}

static void test_send_gating(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A");
	struct node *b = node_tw_probe(w, "B");
	struct node_link *l =
		node_tw_link(w, "ab", a, "e0", b, "e0", 1000000000, 0);
	struct node_iface *ifa = node_iface_find(a, "e0");
	struct node_iface *lone = node_iface_add(a, "e1", NULL);
	uint8_t fr[60] = { 0 };

	(void)state;
	memset(fr, 0xff, 6);
	assert_int_equal(node_tw_probe_send(a, "e0", fr, sizeof(fr)), 0);
	assert_int_equal(node_tw_probe_send(a, "e1", fr, sizeof(fr)), 0);
	assert_int_equal(lone->cnt.tx_drops, 1); /* unattached */
	node_tw_run(w, SIM_US(10));		 /* delivered */
	node_iface_set_admin(ifa, false);
	node_tw_probe_send(a, "e0", fr, sizeof(fr));
	assert_int_equal(ifa->cnt.tx_drops, 1);
	node_iface_set_admin(ifa, true);
	a->crashed = true;
	node_tw_probe_send(a, "e0", fr, sizeof(fr));
	assert_int_equal(ifa->cnt.tx_drops, 1); /* silent, not counted */
	a->crashed = false;
	node_tw_run(w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(b), 1);
	assert_int_equal(ifa->cnt.tx_frames, 1);
	assert_int_equal(ifa->cnt.tx_mcast, 1);
	assert_int_equal(node_iface_find(b, "e0")->cnt.rx_frames, 1);
	assert_int_equal(l->dir[0].sent, 1);
	assert_true(node_tw_free(w));
}

struct tfire {
	struct node_timer nt;
	sim_time_t at[4];
	int n;
};

static void tfire_fn(struct node_timer *nt)
{
	struct tfire *t = sim_container_of(nt, struct tfire, nt);

	t->at[t->n++] = node_now(nt->node);
}

static void test_timer_freeze_and_crash(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *p = node_tw_probe(w, "P");
	struct tfire t1 = { 0 }, t2 = { 0 }, t3 = { 0 };

	(void)state;
	assert_int_equal(node_timer_init(p, &t1.nt, tfire_fn), 0);
	assert_int_equal(node_timer_init(p, &t2.nt, tfire_fn), 0);
	assert_int_equal(node_timer_init(p, &t3.nt, tfire_fn), 0);
	node_timer_arm(&t2.nt, SIM_MS(20));
	node_timer_arm(&t1.nt, SIM_MS(10));
	node_timer_arm_in(&t3.nt, SIM_MS(200));
	p->frozen_until = SIM_MS(50);
	assert_true(node_frozen(p));
	node_tw_run(w, SIM_MS(49));
	assert_int_equal(t1.n + t2.n, 0);
	assert_true(node_timer_armed(&t1.nt));
	node_tw_run(w, SIM_MS(50));
	assert_int_equal(t1.n, 1);
	assert_int_equal(t2.n, 1);
	assert_int_equal(t1.at[0], SIM_MS(50));
	assert_int_equal(t2.at[0], SIM_MS(50));
	assert_false(node_frozen(p));
	/* crashed: the timer falls due and does nothing */
	p->crashed = true;
	node_tw_run(w, SIM_MS(300));
	assert_int_equal(t3.n, 0);
	assert_false(node_timer_armed(&t3.nt));
	p->crashed = false;
	node_timer_arm_in(&t3.nt, SIM_MS(1));
	node_timer_cancel(&t3.nt);
	node_tw_run(w, SIM_MS(400));
	assert_int_equal(t3.n, 0);
	node_timer_fini(&t1.nt);
	node_timer_fini(&t2.nt);
	node_timer_fini(&t3.nt);
	assert_true(node_tw_free(w));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mac_derive),
		cmocka_unit_test(test_iface_add),
		cmocka_unit_test(test_addr4),
		cmocka_unit_test(test_addr6),
		cmocka_unit_test(test_oper_log_on_change),
		cmocka_unit_test(test_send_gating),
		cmocka_unit_test(test_timer_freeze_and_crash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
