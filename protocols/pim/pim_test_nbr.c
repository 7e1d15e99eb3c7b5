/*
 * Tests of Hello, neighbors and DR election (RFC 7761 4.3): first Hello
 * within Triggered_Hello_Delay then every Hello_Period exactly, the
 * options sent, DR by priority then address and by address alone when a
 * neighbor omits DR Priority, Neighbor Liveness expiry at the Holdtime,
 * a changed GenID, goodbye, IPv6, and the API's argument checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/pim/pim_test_util.h"

static struct pim_if_info pt_info(struct pt *w, int r, int ifindex)
{
	struct pim_if_info in;

	assert_true(pim_if_info(w->r[r].p, ifindex, &in));
	return in;
}

void pt_test_hello_timing(void **state)
{
	struct pt *w = pt_new(NET_AF_IP4, 1);
	int i0 = pt_if(w, 0, 0, "10.0.0.1");
	const struct pim_msg *m;
	sim_time_t t1;

	(void)state;
	pt_run(w, SIM_S(1));
	pt_start_all(w, 0);
	pt_run(w, SIM_S(6));
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_HELLO, i0), 1);
	t1 = pt_tx(&w->r[0], PIM_T_HELLO, i0, 0)->t;
	/* 4.3.1: first Hello at rand(0, Triggered_Hello_Delay) */
	assert_true(t1 >= SIM_S(1) && t1 <= SIM_S(6));
	assert_int_equal(pt_info(w, 0, i0).next_hello, t1 + SIM_S(30));
	m = pt_dec(w, pt_tx(&w->r[0], PIM_T_HELLO, i0, 0));
	assert_true(m->hello.has_holdtime);
	assert_int_equal(m->hello.holdtime, SIM_S(105));
	assert_true(m->hello.has_dr_priority);
	assert_int_equal(m->hello.dr_priority, 1);
	assert_true(m->hello.has_genid);
	assert_true(m->hello.has_lan_prune_delay);
	assert_false(m->hello.t_bit);
	assert_int_equal(m->hello.propagation_delay, SIM_MS(500));
	assert_int_equal(m->hello.override_interval, SIM_MS(2500));
	/* then every Hello_Period from the deadline */
	pt_run(w, t1 + SIM_S(30) - 1);
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_HELLO, i0), 1);
	pt_run(w, t1 + SIM_S(30));
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_HELLO, i0), 2);
	pt_run(w, t1 + SIM_S(90));
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_HELLO, i0), 4);
	assert_int_equal(pt_tx(&w->r[0], PIM_T_HELLO, i0, 3)->t,
			 t1 + SIM_S(90));
	pt_free(w);
}

static struct pt *pt_lan3(const uint32_t *prio)
{
	struct pt *w = pt_new(NET_AF_IP4, 3);
	char a[32];

	for (int r = 0; r < 3; r++) {
		snprintf(a, sizeof(a), "10.0.0.%d", r + 1);
		pt_if(w, r, 0, a);
		pt_start(w, r);
		w->icfg.dr_priority = prio[r];
		pt_pim_if(w, r, 0);
	}
	return w;
}

void pt_test_dr_election(void **state)
{
	static const uint32_t prio[3] = { 1, 5, 1 };
	struct pt *w = pt_lan3(prio);
	struct net_addr dr2 = node_tw_addr("10.0.0.2");
	struct net_addr dr3 = node_tw_addr("10.0.0.3");
	struct pim_if_cfg c;

	(void)state;
	pt_run(w, SIM_S(10));
	for (int r = 0; r < 3; r++) {
		struct pim_if_info in = pt_info(w, r, 0);

		assert_int_equal(in.nnbrs, 2);
		assert_true(net_addr_eq(&in.dr, &dr2));
		assert_int_equal(in.we_are_dr, r == 1);
	}
	/* R1 drops its priority: the highest address wins */
	c = w->icfg;
	c.dr_priority = 1;
	c.addr = dr2;
	assert_int_equal(pim_if_set_cfg(w->r[1].p, 0, &c), 0);
	pt_run_for(w, SIM_S(6));
	for (int r = 0; r < 3; r++) {
		struct pim_if_info in = pt_info(w, r, 0);

		assert_true(net_addr_eq(&in.dr, &dr3));
		assert_int_equal(in.we_are_dr, r == 2);
	}
	assert_true(pt_log(w, 2, "dr-change") >= 2);
	pt_free(w);
}

void pt_test_dr_no_priority(void **state)
{
	struct pt *w = pt_new(NET_AF_IP4, 1);
	struct net_addr a5 = node_tw_addr("10.0.0.5");
	struct pim_if_info in;

	(void)state;
	pt_if(w, 0, 0, "10.0.0.1");
	w->icfg.dr_priority = 100;
	pt_start_all(w, 0);
	pt_run(w, SIM_S(1));
	assert_true(pt_info(w, 0, 0).we_are_dr);
	/* a neighbor without the DR Priority option: addresses only */
	pt_hello(w, 0, 0, "10.0.0.5", SIM_S(105), -1, 7);
	assert_false(pt_info(w, 0, 0).we_are_dr);
	in = pt_info(w, 0, 0);
	assert_true(net_addr_eq(&in.dr, &a5));
	/* with the option (priority 0) our 100 wins */
	pt_hello(w, 0, 0, "10.0.0.5", SIM_S(105), 0, 7);
	assert_true(pt_info(w, 0, 0).we_are_dr);
	/* a higher priority takes it */
	pt_hello(w, 0, 0, "10.0.0.0", SIM_S(105), 200, 9);
	assert_false(pt_info(w, 0, 0).we_are_dr);
	assert_int_equal(pt_info(w, 0, 0).nnbrs, 2);
	pt_free(w);
}

void pt_test_nbr_holdtime(void **state)
{
	struct pt *w = pt_new(NET_AF_IP4, 1);
	const struct node_tw_rec *rec;
	char why[32];
	size_t h0;

	(void)state;
	pt_if(w, 0, 0, "10.0.0.1");
	pt_start_all(w, 0);
	pt_run(w, SIM_S(10));
	h0 = pt_ntx(&w->r[0], PIM_T_HELLO, 0);
	assert_int_equal(h0, 1);
	pt_hello(w, 0, 0, "10.0.0.2", SIM_S(10), 1, 1);
	assert_int_equal(pt_info(w, 0, 0).nnbrs, 1);
	assert_int_equal(pt_log(w, 0, "nbr-up"), 1);
	/* 4.3.1: a triggered Hello within Triggered_Hello_Delay */
	pt_run(w, SIM_S(15));
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_HELLO, 0), h0 + 1);
	assert_true(pt_last(&w->r[0], PIM_T_HELLO, 0)->t > SIM_S(10));
	/* the Neighbor Liveness Timer runs out exactly at the Holdtime */
	pt_run(w, SIM_S(20) - 1);
	assert_int_equal(pt_info(w, 0, 0).nnbrs, 1);
	pt_run(w, SIM_S(20));
	assert_int_equal(pt_info(w, 0, 0).nnbrs, 0);
	rec = pt_log_nth(w, 0, "nbr-down", 0);
	assert_non_null(rec);
	assert_int_equal(rec->t, SIM_S(20));
	assert_true(node_tw_field(rec, "why", why, sizeof(why)));
	assert_string_equal(why, "holdtime");
	/* Holdtime 0xffff: never */
	pt_hello(w, 0, 0, "10.0.0.3", SIM_S(0xffff), 1, 1);
	w->im->hello.holdtime_forever = true;
	pt_inject(w, 0, 0, "10.0.0.3", w->im);
	pt_run(w, SIM_S(100000));
	assert_int_equal(pt_info(w, 0, 0).nnbrs, 1);
	pt_free(w);
}

void pt_test_genid_change(void **state)
{
	struct pt *w = pt_new(NET_AF_IP4, 1);
	size_t h;

	(void)state;
	pt_if(w, 0, 0, "10.0.0.1");
	pt_start_all(w, 0);
	pt_hello(w, 0, 0, "10.0.0.2", SIM_S(105), 1, 1);
	pt_run(w, SIM_S(12));
	h = pt_ntx(&w->r[0], PIM_T_HELLO, 0);
	pt_hello(w, 0, 0, "10.0.0.2", SIM_S(105), 1, 1);
	assert_int_equal(pt_log(w, 0, "nbr-restart"), 0);
	pt_hello(w, 0, 0, "10.0.0.2", SIM_S(105), 1, 2);
	assert_int_equal(pt_log(w, 0, "nbr-restart"), 1);
	pt_run(w, SIM_S(17));
	/* a triggered Hello for the rebooted neighbor */
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_HELLO, 0), h + 1);
	assert_int_equal(pt_info(w, 0, 0).nnbrs, 1);
	pt_free(w);
}

void pt_test_goodbye(void **state)
{
	struct pt *w = pt_new(NET_AF_IP4, 2);
	const struct pim_msg *m;
	char why[32];

	(void)state;
	pt_if(w, 0, 0, "10.0.0.1");
	pt_if(w, 1, 0, "10.0.0.2");
	pt_start_all(w, 0);
	pt_start_all(w, 1);
	pt_run(w, SIM_S(10));
	assert_int_equal(pt_info(w, 1, 0).nnbrs, 1);
	assert_true(pt_info(w, 1, 0).we_are_dr);
	pim_if_del(w->r[1].p, 0, true);
	m = pt_dec(w, pt_last(&w->r[1], PIM_T_HELLO, 0));
	assert_int_equal(m->hello.holdtime, 0);
	assert_false(pim_if_info(w->r[1].p, 0, NULL));
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(pt_info(w, 0, 0).nnbrs, 0);
	assert_true(pt_info(w, 0, 0).we_are_dr);
	assert_true(node_tw_field(pt_log_nth(w, 0, "nbr-down", 0), "why", why,
				  sizeof(why)));
	assert_string_equal(why, "goodbye");
	pt_free(w);
}

void pt_test_ipv6_hello(void **state)
{
	struct pt *w = pt_new(NET_AF_IP6, 2);
	struct net_addr b = node_tw_addr("fe80::2");
	struct pim_if_info in;

	(void)state;
	pt_if(w, 0, 0, "fe80::1");
	pt_if(w, 1, 0, "fe80::2");
	pt_start_all(w, 0);
	pt_start_all(w, 1);
	pt_run(w, SIM_S(10));
	in = pt_info(w, 0, 0);
	assert_int_equal(in.nnbrs, 1);
	assert_true(net_addr_eq(&in.dr, &b));
	assert_true(pt_info(w, 1, 0).we_are_dr);
	assert_int_equal(pt_log(w, 0, "nbr-up"), 1);
	pt_free(w);
}

void pt_test_api(void **state)
{
	struct pt *w = pt_new(NET_AF_IP6, 1);
	struct pim_cfg c;
	struct pim_if_cfg ic;
	struct net_addr rp, g;
	struct pim_stats st;

	(void)state;
	pt_if(w, 0, 0, "fe80::1");
	/* bad configurations */
	c = w->cfg;
	c.af = NET_AF_NONE;
	assert_null(pim_new(&w->r[0].node, &c, &pt_ops, NULL));
	c = w->cfg;
	c.jp_period = 0;
	assert_null(pim_new(&w->r[0].node, &c, &pt_ops, NULL));
	c = w->cfg;
	c.nrps = 1;
	c.rps[0].rp = node_tw_addr("10.0.0.1"); /* other family */
	assert_null(pim_new(&w->r[0].node, &c, &pt_ops, NULL));
	pt_start(w, 0);
	ic = w->icfg;
	ic.hello_period = 0;
	assert_int_equal(pim_if_add(w->r[0].p, 0, "if0", &ic), -1);
	ic = w->icfg;
	ic.addr = node_tw_addr("10.0.0.1");
	assert_int_equal(pim_if_add(w->r[0].p, 0, "if0", &ic), -1);
	pt_pim_if(w, 0, 0);
	assert_int_equal(pim_if_add(w->r[0].p, 0, "if0", &w->icfg), -1);
	assert_int_equal(pim_if_set_cfg(w->r[0].p, 5, &w->icfg), -1);
	pim_if_del(w->r[0].p, 5, true); /* unknown: nothing */
	/* SSM: FF3x::/32 any scope */
	g = node_tw_addr("ff3e::1234");
	assert_false(pim_rp_of(w->r[0].p, &g, &rp));
	/* RP ranges: longest prefix, then the higher address */
	c = w->cfg;
	c.nrps = 3;
	c.rps[0].rp = node_tw_addr("2001:db8::1");
	c.rps[1].rp = node_tw_addr("2001:db8::2");
	c.rps[2].rp = node_tw_addr("2001:db8::3");
	assert_int_equal(net_prefix_parse("ff0e::/16", &c.rps[2].range, 0), 0);
	pim_set_cfg(w->r[0].p, &c);
	g = node_tw_addr("ff05::1");
	assert_true(pim_rp_of(w->r[0].p, &g, &rp));
	assert_true(net_addr_eq(&rp, &c.rps[1].rp));
	g = node_tw_addr("ff0e::1");
	assert_true(pim_rp_of(w->r[0].p, &g, &rp));
	assert_true(net_addr_eq(&rp, &c.rps[2].rp));
	g = node_tw_addr("ff35::1");
	assert_false(pim_rp_of(w->r[0].p, &g, &rp));
	assert_true(pim_get_cfg(w->r[0].p)->nrps == 3);
	/* messages from ourselves, of the other family, unsupported */
	pt_hello(w, 0, 0, "fe80::1", SIM_S(105), 1, 1);
	memset(w->im, 0, sizeof(*w->im));
	w->im->type = PIM_T_BOOTSTRAP;
	w->im->bsr.addr = node_tw_addr("2001:db8::9");
	pt_inject(w, 0, 0, "fe80::9", w->im);
	pim_get_stats(w->r[0].p, &st);
	assert_int_equal(st.drops[PIM_DROP_SELF], 1);
	assert_int_equal(st.drops[PIM_DROP_UNSUPPORTED], 1);
	assert_int_equal(st.entries, 0);
	assert_string_equal(pim_drop_name(PIM_DROP_RP_MISMATCH), "rp-mismatch");
	assert_string_equal(pim_drop_name(PIM_DROP__COUNT), "unknown");
	pt_free(w);
}
