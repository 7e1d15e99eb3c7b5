/*
 * Join/Prune tests (RFC 7761 4.5) on the topology of pt_t1:
 *
 *   R0 (RP 10.0.1.1) --LAN1-- R1 --LAN2-- R2, R3 --LAN3 (receivers)
 *
 * R2 (10.0.2.2 / 10.0.3.2) and R3 (10.0.2.3 / 10.0.3.3) share both the
 * upstream LAN2 and the receivers' LAN3, where R3 is DR. Covered: (*,G)
 * join from local membership at the DR only and with `ignore dr-state`,
 * the periodic join at t_periodic, downstream expiry at the Holdtime,
 * prune override on the LAN and the prune after the J/P override
 * interval, (S,G,rpt) prunes riding on Join(*,G), SSM, RPF changes and a
 * rebooted upstream neighbor.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/pim/pim_test_util.h"

#define G1 "239.1.1.1"
#define S1 "10.0.1.100"

static struct pt *pt_t1(void)
{
	struct pt *w = pt_new(NET_AF_IP4, 4);

	pt_rp(w, "10.0.1.1");
	pt_if(w, 0, 1, "10.0.1.1");
	pt_if(w, 1, 1, "10.0.1.2");
	pt_if(w, 1, 2, "10.0.2.1");
	pt_if(w, 2, 2, "10.0.2.2");
	pt_if(w, 2, 3, "10.0.3.2");
	pt_if(w, 3, 2, "10.0.2.3");
	pt_if(w, 3, 3, "10.0.3.3");
	pt_route(w, 0, "10.0.1.0/24", 0, NULL, 0, 0);
	pt_route(w, 0, "10.0.0.0/16", 0, "10.0.1.2", 1, 10);
	pt_route(w, 1, "10.0.1.0/24", 0, NULL, 0, 0);
	pt_route(w, 1, "10.0.2.0/24", 1, NULL, 0, 0);
	pt_route(w, 1, "10.0.3.0/24", 1, "10.0.2.3", 1, 10);
	for (int r = 2; r <= 3; r++) {
		pt_route(w, r, "10.0.2.0/24", 0, NULL, 0, 0);
		pt_route(w, r, "10.0.3.0/24", 1, NULL, 0, 0);
		pt_route(w, r, "10.0.1.0/24", 0, "10.0.2.1", 1, 10);
	}
	for (int r = 0; r < 4; r++)
		pt_start_all(w, r);
	pt_run(w, SIM_S(10));
	return w;
}

void pt_test_star_join_dr(void **state)
{
	struct pt *w = pt_t1();
	struct pim_if_cfg c;
	struct pim_entry_info in;
	struct pt_mroute *m;
	static const int o1[] = { 1 };

	(void)state;
	pt_member(w, 2, 1, G1, NULL, true, true);
	pt_member(w, 3, 1, G1, NULL, true, true);
	/* only the DR of LAN3 joins, at once, to R1 */
	assert_int_equal(
		pt_njp(w, &w->r[3], 0, G1, "10.0.1.1", true, true, true, 0), 1);
	assert_true(net_addr_eq(
		&pt_dec(w, pt_last(&w->r[3], PIM_T_JOIN_PRUNE, 0))->jp.upstream,
		&w->r[1].ifs[1].addr));
	assert_int_equal(pt_ntx(&w->r[2], PIM_T_JOIN_PRUNE, -1), 0);
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(
		pt_jp_time(w, &w->r[1], 0, G1, "10.0.1.1", true, true, true, 0),
		SIM_S(10) + PT_DELAY);
	/* forwarding: the last hop asks for copies, the RP installs none */
	m = pt_mr(&w->r[3], NULL, G1);
	assert_non_null(m);
	assert_int_equal(m->iif, 0);
	assert_true(pt_mr_oifs(m, o1, 1));
	assert_true(m->cpu);
	m = pt_mr(&w->r[1], NULL, G1);
	assert_non_null(m);
	assert_int_equal(m->iif, 0);
	assert_true(pt_mr_oifs(m, o1, 1));
	assert_false(m->cpu);
	assert_null(pt_mr(&w->r[0], NULL, G1));
	assert_null(pt_mr(&w->r[2], NULL, G1));
	assert_true(pt_entry(&w->r[0], NULL, G1, &in));
	assert_int_equal(in.noifs, 1);
	assert_string_equal(in.oifs[0].state, "Join");
	assert_string_equal(in.upstream_state, "Joined");
	assert_true(pt_entry(&w->r[1], NULL, G1, &in));
	assert_int_equal(in.oifs[0].expires, SIM_S(220) + PT_DELAY);
	assert_true(pt_log(w, 1, "upstream") >= 1);
	/* `pim ignore dr-state` on R2's receiver side: R2 joins too */
	c = w->icfg;
	c.addr = w->r[2].ifs[1].addr;
	c.ignore_dr = true;
	assert_int_equal(pim_if_set_cfg(w->r[2].p, 1, &c), 0);
	assert_int_equal(
		pt_njp(w, &w->r[2], 0, G1, "10.0.1.1", true, true, true, 0), 1);
	assert_non_null(pt_mr(&w->r[2], NULL, G1));
	pt_free(w);
}

void pt_test_periodic_join(void **state)
{
	struct pt *w = pt_t1();
	sim_time_t t0 = pt_now(w);

	(void)state;
	pt_member(w, 3, 1, G1, NULL, true, true);
	pt_run(w, t0 + SIM_S(60) - 1);
	assert_int_equal(pt_njp(w, &w->r[3], 0, G1, NULL, true, true, true, 0),
			 1);
	pt_run(w, t0 + SIM_S(60));
	assert_int_equal(pt_njp(w, &w->r[3], 0, G1, NULL, true, true, true, 0),
			 2);
	assert_int_equal(
		pt_jp_time(w, &w->r[3], 0, G1, NULL, true, true, true, t0 + 1),
		t0 + SIM_S(60));
	pt_run(w, t0 + SIM_S(120));
	assert_int_equal(pt_njp(w, &w->r[3], 0, G1, NULL, true, true, true, 0),
			 3);
	/* R1 refreshes its own upstream join on its own timer */
	assert_int_equal(pt_njp(w, &w->r[1], 0, G1, NULL, true, true, true, 0),
			 2);
	assert_int_equal(pt_jp_time(w, &w->r[1], 0, G1, NULL, true, true, true,
				    t0 + PT_DELAY + 1),
			 t0 + PT_DELAY + SIM_S(60));
	/* the member leaves: a Prune at once */
	pt_member(w, 3, 1, G1, NULL, true, false);
	assert_int_equal(pt_njp(w, &w->r[3], 0, G1, NULL, true, true, false, 0),
			 1);
	assert_null(pt_mr(&w->r[3], NULL, G1));
	assert_int_equal(pt_nentries(&w->r[3]), 0);
	pt_free(w);
}

void pt_test_downstream_expiry(void **state)
{
	struct pt *w = pt_t1();
	sim_time_t t0 = pt_now(w), exp;
	struct pim_entry_info in;

	(void)state;
	pt_member(w, 3, 1, G1, NULL, true, true);
	pt_run_for(w, SIM_S(1));
	pt_if_wire(w, 3, 0, false); /* R3's joins stop arriving */
	exp = t0 + PT_DELAY + SIM_S(210);
	pt_run(w, exp - 1);
	assert_true(pt_entry(&w->r[1], NULL, G1, &in));
	assert_int_equal(in.noifs, 1);
	assert_int_equal(pt_njp(w, &w->r[1], 0, G1, NULL, true, true, false, 0),
			 0);
	pt_run(w, exp);
	/* the Expiry Timer ran out: R1 prunes itself off the RP tree */
	assert_false(pt_entry(&w->r[1], NULL, G1, &in));
	assert_int_equal(
		pt_jp_time(w, &w->r[1], 0, G1, NULL, true, true, false, 0),
		exp);
	assert_null(pt_mr(&w->r[1], NULL, G1));
	pt_free(w);
}

static void pt_ignore_dr(struct pt *w, int r, int ifindex)
{
	struct pim_if_cfg c = w->icfg;

	c.addr = w->r[r].ifs[ifindex].addr;
	c.ignore_dr = true;
	assert_int_equal(pim_if_set_cfg(w->r[r].p, ifindex, &c), 0);
}

void pt_test_prune_override(void **state)
{
	struct pt *w = pt_t1();
	struct pim_entry_info in;
	sim_time_t tp, to, tl;

	(void)state;
	pt_ignore_dr(w, 2, 1);
	pt_member(w, 2, 1, G1, NULL, true, true);
	pt_member(w, 3, 1, G1, NULL, true, true);
	pt_run_for(w, SIM_S(1));
	/* R2 leaves: R1 goes Prune-Pending, R3 overrides within t_override */
	tp = pt_now(w);
	pt_member(w, 2, 1, G1, NULL, true, false);
	assert_int_equal(
		pt_njp(w, &w->r[2], 0, G1, NULL, true, true, false, tp), 1);
	pt_run(w, tp + PT_DELAY);
	assert_true(pt_entry(&w->r[1], NULL, G1, &in));
	assert_string_equal(in.oifs[0].state, "Prune-Pending");
	pt_run(w, tp + PT_DELAY + SIM_MS(2500));
	to = pt_jp_time(w, &w->r[3], 0, G1, NULL, true, true, true, tp);
	assert_true(to >= tp + PT_DELAY && to <= tp + PT_DELAY + SIM_MS(2500));
	pt_run(w, tp + SIM_S(10));
	assert_true(pt_entry(&w->r[1], NULL, G1, &in));
	assert_string_equal(in.oifs[0].state, "Join");
	assert_int_equal(pt_njp(w, &w->r[1], 0, G1, NULL, true, true, false, 0),
			 0);
	/* R3 leaves too: nobody overrides; pruned after the J/P override
	 * interval (500 ms + 2500 ms) with a PruneEcho, and R1 prunes */
	tl = pt_now(w);
	pt_member(w, 3, 1, G1, NULL, true, false);
	pt_run(w, tl + PT_DELAY + SIM_S(3) - 1);
	assert_true(pt_entry(&w->r[1], NULL, G1, &in));
	pt_run(w, tl + PT_DELAY + SIM_S(3));
	assert_false(pt_entry(&w->r[1], NULL, G1, &in));
	assert_int_equal(
		pt_jp_time(w, &w->r[1], 0, G1, NULL, true, true, false, tl),
		tl + PT_DELAY + SIM_S(3));
	/* the PruneEcho: a Prune(*,G) to ourselves on LAN2 */
	assert_true(pt_jp_has(pt_dec(w, pt_last(&w->r[1], PIM_T_JOIN_PRUNE, 1)),
			      G1, NULL, true, true, false));
	assert_true(net_addr_eq(&w->m->jp.upstream, &w->r[1].ifs[1].addr));
	pt_free(w);
}

/* A J/P to R1 from R3 on LAN2: Join(*,G) and optionally Prune(S,G,rpt). */
static void pt_jp_to_r1(struct pt *w, bool rpt_prune)
{
	struct pim_msg *m = w->im;
	struct pim_jp *jp = &m->jp;

	memset(m, 0, sizeof(*m));
	m->type = PIM_T_JOIN_PRUNE;
	jp->upstream = node_tw_addr("10.0.2.1");
	jp->holdtime = SIM_S(210);
	jp->ngroups = 1;
	jp->groups[0].group.addr = node_tw_addr(G1);
	jp->groups[0].group.mask_len = 32;
	jp->groups[0].njoin = 1;
	jp->srcs[0].addr = node_tw_addr("10.0.1.1");
	jp->srcs[0].mask_len = 32;
	jp->srcs[0].s_bit = jp->srcs[0].w_bit = jp->srcs[0].r_bit = true;
	jp->nsrcs = 1;
	if (rpt_prune) {
		jp->groups[0].nprune = 1;
		jp->srcs[1].addr = node_tw_addr(S1);
		jp->srcs[1].mask_len = 32;
		jp->srcs[1].s_bit = jp->srcs[1].r_bit = true;
		jp->nsrcs = 2;
	}
	pt_inject(w, 1, 1, "10.0.2.3", m);
}

void pt_test_rpt_prune(void **state)
{
	struct pt *w = pt_new(NET_AF_IP4, 2);
	struct pt_mroute *m;
	static const int o1[] = { 1 };
	sim_time_t t0;

	(void)state;
	pt_rp(w, "10.0.1.1");
	pt_if(w, 0, 1, "10.0.1.1");
	pt_if(w, 1, 1, "10.0.1.2");
	pt_if(w, 1, 2, "10.0.2.1");
	pt_route(w, 0, "10.0.0.0/16", 0, "10.0.1.2", 1, 1);
	pt_route(w, 1, "10.0.1.0/24", 0, NULL, 0, 0);
	pt_route(w, 1, "10.0.2.0/24", 1, NULL, 0, 0);
	pt_start_all(w, 0);
	pt_start_all(w, 1);
	pt_run(w, SIM_S(10));
	/* one downstream neighbor: the (S,G,rpt) prune applies at once */
	pt_hello(w, 1, 1, "10.0.2.3", SIM_S(105), 1, 1);
	t0 = pt_now(w);
	pt_jp_to_r1(w, true);
	m = pt_mr(&w->r[1], NULL, G1);
	assert_true(m && pt_mr_oifs(m, o1, 1));
	m = pt_mr(&w->r[1], S1, G1);
	assert_non_null(m);
	assert_int_equal(m->iif, 0);
	assert_int_equal(m->n, 0);
	/* upstream, the prune rides with the Join(*,G) */
	assert_int_equal(pt_njp(w, &w->r[1], 0, G1, S1, false, true, false, t0),
			 1);
	assert_int_equal(pt_njp(w, &w->r[1], 0, G1, NULL, true, true, true, t0),
			 1);
	pt_run_for(w, SIM_MS(1));
	/* the RP holds (S,G,rpt) Pruned on its interface */
	assert_true(pt_entry(&w->r[0], S1, G1, &(struct pim_entry_info){ 0 }));
	/* a Join(*,G) without the prune: PruneTmp -> NoInfo at the end of
	 * the message; R1 wants S on the RP tree again */
	t0 = pt_now(w);
	pt_jp_to_r1(w, false);
	assert_null(pt_mr(&w->r[1], S1, G1));
	assert_int_equal(pt_njp(w, &w->r[1], 0, G1, S1, false, true, true, t0),
			 1);
	pt_run_for(w, SIM_MS(1));
	assert_false(pt_entry(&w->r[0], S1, G1, &(struct pim_entry_info){ 0 }));
	pt_free(w);
}

void pt_test_ssm(void **state)
{
	struct pt *w = pt_t1();
	struct pt_mroute *m;
	struct pim_stats st;
	static const int o1[] = { 1 };

	(void)state;
	/* EXCLUDE-mode membership in the SSM range builds nothing */
	pt_member(w, 3, 1, "232.1.1.1", NULL, true, true);
	assert_int_equal(pt_ntx(&w->r[3], PIM_T_JOIN_PRUNE, -1), 0);
	assert_null(pt_mr(&w->r[3], NULL, "232.1.1.1"));
	/* an INCLUDE source joins the SPT, no RP involved */
	pt_member(w, 3, 1, "232.1.1.1", S1, true, true);
	assert_int_equal(
		pt_njp(w, &w->r[3], 0, "232.1.1.1", S1, false, false, true, 0),
		1);
	pt_run_for(w, SIM_MS(1));
	m = pt_mr(&w->r[1], S1, "232.1.1.1");
	assert_non_null(m);
	assert_int_equal(m->iif, 0);
	assert_true(pt_mr_oifs(m, o1, 1));
	/* S is on R1's LAN1: no join beyond R1 */
	assert_int_equal(pt_ntx(&w->r[1], PIM_T_JOIN_PRUNE, 0), 0);
	assert_int_equal(pt_nentries(&w->r[0]), 0);
	m = pt_mr(&w->r[3], S1, "232.1.1.1");
	assert_true(m && m->iif == 0 && pt_mr_oifs(m, o1, 1));
	/* a Join(*,G) for an SSM group is dropped */
	memset(w->im, 0, sizeof(*w->im));
	w->im->type = PIM_T_JOIN_PRUNE;
	w->im->jp.upstream = node_tw_addr("10.0.2.1");
	w->im->jp.holdtime = SIM_S(210);
	w->im->jp.ngroups = 1;
	w->im->jp.groups[0].group.addr = node_tw_addr("232.1.1.1");
	w->im->jp.groups[0].group.mask_len = 32;
	w->im->jp.groups[0].njoin = 1;
	w->im->jp.srcs[0].addr = node_tw_addr("10.0.1.1");
	w->im->jp.srcs[0].mask_len = 32;
	w->im->jp.srcs[0].s_bit = w->im->jp.srcs[0].w_bit = true;
	w->im->jp.srcs[0].r_bit = true;
	w->im->jp.nsrcs = 1;
	pt_inject(w, 1, 1, "10.0.2.3", w->im);
	pim_get_stats(w->r[1].p, &st);
	assert_int_equal(st.drops[PIM_DROP_SSM], 1);
	assert_null(pt_mr(&w->r[1], NULL, "232.1.1.1"));
	pt_free(w);
}

/* R3 with two ways to the RP: through R1 (LAN2) or R2 (LAN4). */
void pt_test_rpf_change(void **state)
{
	struct pt *w = pt_new(NET_AF_IP4, 4);
	struct pt_mroute *m;
	const struct node_tw_rec *rec;
	char v[32];
	sim_time_t t0;

	(void)state;
	pt_rp(w, "10.0.1.1");
	pt_if(w, 0, 1, "10.0.1.1"); /* R0 if0: to R1 */
	pt_if(w, 0, 5, "10.0.5.1"); /* R0 if1: to R2 */
	pt_if(w, 1, 1, "10.0.1.2");
	pt_if(w, 1, 2, "10.0.2.1");
	pt_if(w, 2, 5, "10.0.5.2");
	pt_if(w, 2, 4, "10.0.4.1");
	pt_if(w, 3, 2, "10.0.2.3");
	pt_if(w, 3, 4, "10.0.4.3");
	pt_if(w, 3, 3, "10.0.3.3");
	pt_route(w, 1, "10.0.1.0/24", 0, NULL, 0, 0);
	pt_route(w, 2, "10.0.1.0/24", 0, "10.0.5.1", 1, 5);
	pt_route(w, 3, "10.0.1.0/24", 0, "10.0.2.1", 1, 5);
	for (int r = 0; r < 4; r++)
		pt_start_all(w, r);
	pt_run(w, SIM_S(10));
	pt_member(w, 3, 2, G1, NULL, true, true);
	pt_run_for(w, SIM_MS(1));
	assert_non_null(pt_mr(&w->r[1], NULL, G1));
	assert_int_equal(pt_mr(&w->r[3], NULL, G1)->iif, 0);
	/* the unicast route moves to R2 */
	w->r[3].rt[0].ifindex = 1;
	w->r[3].rt[0].nh = node_tw_addr("10.0.4.1");
	t0 = pt_now(w);
	pim_rib_changed(w->r[3].p);
	assert_int_equal(pt_njp(w, &w->r[3], 1, G1, NULL, true, true, true, t0),
			 1);
	assert_int_equal(
		pt_njp(w, &w->r[3], 0, G1, NULL, true, true, false, t0), 1);
	m = pt_mr(&w->r[3], NULL, G1);
	assert_int_equal(m->iif, 1);
	rec = pt_log_nth(w, 3, "upstream", pt_log(w, 3, "upstream") - 1);
	assert_true(node_tw_field(rec, "why", v, sizeof(v)));
	assert_string_equal(v, "rpf-change");
	assert_true(node_tw_field(rec, "mark", v, sizeof(v)));
	assert_string_equal(v, "join");
	pt_run_for(w, SIM_MS(1));
	/* R1 had one downstream neighbor: pruned at once; R2 joined */
	assert_null(pt_mr(&w->r[1], NULL, G1));
	assert_non_null(pt_mr(&w->r[2], NULL, G1));
	assert_int_equal(
		pt_njp(w, &w->r[1], 0, G1, NULL, true, true, false, t0), 1);
	pt_free(w);
}

void pt_test_upstream_reboot(void **state)
{
	struct pt *w = pt_t1();
	sim_time_t tg, tj;
	const struct pt_tx *x;
	size_t k;

	(void)state;
	pt_member(w, 3, 1, G1, NULL, true, true);
	pt_run_for(w, SIM_S(5));
	/* R1 reboots with a new GenID */
	pim_free(w->r[1].p);
	w->r[1].p = NULL;
	pt_start_all(w, 1);
	tg = pt_now(w);
	pt_run_for(w, SIM_S(8));
	assert_int_equal(pt_log(w, 3, "nbr-restart"), 1);
	tg = pt_log_nth(w, 3, "nbr-restart", 0)->t;
	/* the Join Timer came down to t_override: a Join within 2.5 s,
	 * preceded by a Hello so R1 knows us */
	tj = pt_jp_time(w, &w->r[3], 0, G1, NULL, true, true, true, tg);
	assert_true(tj >= tg && tj <= tg + SIM_MS(2500));
	x = NULL;
	for (k = 0; k < w->r[3].ntx; k++) {
		if (w->r[3].tx[k].t < tg || w->r[3].tx[k].ifindex != 0)
			continue;
		if (w->r[3].tx[k].type == PIM_T_JOIN_PRUNE)
			break;
		if (w->r[3].tx[k].type == PIM_T_HELLO)
			x = &w->r[3].tx[k];
	}
	assert_non_null(x);
	assert_true(x->t >= tg && x->t <= tj);
	assert_non_null(pt_mr(&w->r[1], NULL, G1));
	pt_free(w);
}

void pt_test_join_suppression(void **state)
{
	struct pt *w = pt_t1();
	sim_time_t t0 = pt_now(w);
	size_t n2, n3;

	(void)state;
	pt_ignore_dr(w, 2, 1);
	pt_member(w, 2, 1, G1, NULL, true, true);
	pt_member(w, 3, 1, G1, NULL, true, true);
	/* both joined at t0; from the first periodic round on, whoever
	 * joins first pushes the other's Join Timer to t_joinsuppress =
	 * rand(1.1, 1.4) * t_periodic, so only one keeps joining */
	pt_run(w, t0 + SIM_S(500));
	n2 = pt_njp(w, &w->r[2], 0, G1, NULL, true, true, true,
		    t0 + SIM_S(200));
	n3 = pt_njp(w, &w->r[3], 0, G1, NULL, true, true, true,
		    t0 + SIM_S(200));
	assert_int_equal(n2 < n3 ? n2 : n3, 0);
	assert_true(n2 + n3 >= 4 && n2 + n3 <= 6);
	/* R1 keeps the state all along */
	assert_non_null(pt_mr(&w->r[1], NULL, G1));
	pt_free(w);
}

/* A J/P to R1 with one group record of one source. */
static void pt_jp_one(struct pt *w, const char *grp, const char *src, bool wc,
		      bool rpt)
{
	struct pim_msg *m = w->im;

	memset(m, 0, sizeof(*m));
	m->type = PIM_T_JOIN_PRUNE;
	m->jp.upstream = node_tw_addr("10.0.2.1");
	m->jp.holdtime = SIM_S(210);
	m->jp.ngroups = 1;
	m->jp.groups[0].group.addr = node_tw_addr(grp);
	m->jp.groups[0].group.mask_len = 32;
	m->jp.groups[0].njoin = 1;
	m->jp.srcs[0].addr = node_tw_addr(src);
	m->jp.srcs[0].mask_len = 32;
	m->jp.srcs[0].s_bit = true;
	m->jp.srcs[0].w_bit = wc;
	m->jp.srcs[0].r_bit = rpt;
	m->jp.nsrcs = 1;
	pt_inject(w, 1, 1, "10.0.2.3", m);
}

void pt_test_jp_checks(void **state)
{
	struct pt *w = pt_t1();
	struct pim_stats st;
	struct pim_msg m;
	struct net_addr a = node_tw_addr("10.0.2.3");

	(void)state;
	pt_jp_one(w, "10.1.1.1", "10.0.1.1", true, true);
	pt_jp_one(w, G1, "10.0.9.9", true, true);
	pt_jp_one(w, G1, "10.0.1.1", true, false);
	pt_jp_one(w, G1, "239.0.0.1", false, false);
	pim_get_stats(w->r[1].p, &st);
	assert_int_equal(st.drops[PIM_DROP_BAD_ADDR], 2);
	assert_int_equal(st.drops[PIM_DROP_RP_MISMATCH], 1);
	assert_int_equal(st.drops[PIM_DROP_WILDCARD], 1);
	assert_int_equal(pt_nentries(&w->r[1]), 0);
	assert_int_equal(pt_ntx(&w->r[1], PIM_T_JOIN_PRUNE, -1), 0);
	/* unknown interface, other family */
	memset(&m, 0, sizeof(m));
	m.af = NET_AF_IP4;
	m.type = PIM_T_HELLO;
	pim_rx(w->r[1].p, 9, &m, &a, &pim_all_routers4);
	m.af = NET_AF_IP6;
	pim_rx(w->r[1].p, 1, &m, &a, &pim_all_routers4);
	pim_get_stats(w->r[1].p, &st);
	assert_int_equal(st.drops[PIM_DROP_NO_IF], 1);
	assert_int_equal(st.drops[PIM_DROP_FAMILY], 1);
	/* a valid Join(S,G) makes state */
	pt_jp_one(w, G1, S1, false, false);
	assert_non_null(pt_mr(&w->r[1], S1, G1));
	pt_free(w);
}

/* A Hello with the LAN Prune Delay option, T bit as given. */
static void pt_hello_lpd(struct pt *w, const char *from, bool t_bit)
{
	struct pim_msg *m = w->im;

	memset(m, 0, sizeof(*m));
	m->type = PIM_T_HELLO;
	m->hello.has_holdtime = true;
	m->hello.holdtime = SIM_S(105);
	m->hello.has_dr_priority = true;
	m->hello.dr_priority = 1;
	m->hello.has_lan_prune_delay = true;
	m->hello.t_bit = t_bit;
	m->hello.propagation_delay = SIM_MS(500);
	m->hello.override_interval = SIM_MS(2500);
	pt_inject(w, 0, 0, from, m);
}

/* 4.3.3: Join suppression only while some neighbor lacks the T bit. */
void pt_test_t_bit(void **state)
{
	(void)state;
	for (int t = 0; t <= 1; t++) {
		struct pt *w = pt_new(NET_AF_IP4, 1);
		sim_time_t t0, tj;

		pt_rp(w, "10.0.1.1");
		pt_if(w, 0, 1, "10.0.1.2");
		pt_if(w, 0, 3, "10.0.3.2");
		pt_route(w, 0, "10.0.1.0/24", 0, NULL, 0, 0);
		pt_start_all(w, 0);
		pt_run(w, SIM_S(1));
		pt_hello_lpd(w, "10.0.1.1", t);
		pt_hello_lpd(w, "10.0.1.3", t);
		t0 = pt_now(w);
		pt_member(w, 0, 1, G1, NULL, true, true);
		assert_int_equal(pt_jp_time(w, &w->r[0], 0, G1, NULL, true,
					    true, true, 0),
				 t0);
		pt_run(w, t0 + SIM_S(10));
		/* 10.0.1.3 joins the same (*,G) at the RP */
		memset(w->im, 0, sizeof(*w->im));
		w->im->type = PIM_T_JOIN_PRUNE;
		w->im->jp.upstream = node_tw_addr("10.0.1.1");
		w->im->jp.holdtime = SIM_S(210);
		w->im->jp.ngroups = 1;
		w->im->jp.groups[0].group.addr = node_tw_addr(G1);
		w->im->jp.groups[0].group.mask_len = 32;
		w->im->jp.groups[0].njoin = 1;
		w->im->jp.srcs[0].addr = node_tw_addr("10.0.1.1");
		w->im->jp.srcs[0].mask_len = 32;
		w->im->jp.srcs[0].s_bit = w->im->jp.srcs[0].w_bit = true;
		w->im->jp.srcs[0].r_bit = true;
		w->im->jp.nsrcs = 1;
		pt_inject(w, 0, 0, "10.0.1.3", w->im);
		pt_run(w, t0 + SIM_S(100));
		tj = pt_jp_time(w, &w->r[0], 0, G1, NULL, true, true, true,
				t0 + 1);
		if (t) {
			/* every neighbor tracks: no suppression */
			assert_int_equal(tj, t0 + SIM_S(60));
		} else {
			assert_true(tj >= t0 + SIM_S(76) &&
				    tj <= t0 + SIM_S(94));
		}
		pt_free(w);
	}
}

void pt_test_rp_change(void **state)
{
	struct pt *w = pt_t1();
	struct pim_cfg c;
	struct pim_stats st;
	const struct node_tw_rec *rec;
	char v[32];

	(void)state;
	pt_member(w, 3, 1, G1, NULL, true, true);
	pt_run_for(w, SIM_S(1));
	c = w->cfg;
	c.rps[0].rp = node_tw_addr("10.0.1.9");
	pim_set_cfg(w->r[3].p, &c);
	/* the same upstream neighbor: Prune naming the old RP, Join the
	 * new one, in one message */
	assert_int_equal(pt_ntx(&w->r[3], PIM_T_JOIN_PRUNE, 0), 2);
	assert_true(pt_jp_has(pt_dec(w, pt_last(&w->r[3], PIM_T_JOIN_PRUNE, 0)),
			      G1, "10.0.1.1", true, true, false));
	assert_true(pt_jp_has(w->m, G1, "10.0.1.9", true, true, true));
	rec = pt_log_nth(w, 3, "upstream", pt_log(w, 3, "upstream") - 1);
	assert_true(node_tw_field(rec, "why", v, sizeof(v)));
	assert_string_equal(v, "rp-change");
	/* R1 still maps G to 10.0.1.1: the Join is refused, the Prune
	 * taken */
	pt_run_for(w, SIM_MS(1));
	pim_get_stats(w->r[1].p, &st);
	assert_int_equal(st.drops[PIM_DROP_RP_MISMATCH], 1);
	pt_free(w);
}
