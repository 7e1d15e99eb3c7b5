/*
 * Tests of the VRRP state machine (vrrp.c; RFC 5798 section 6, RFC 3768
 * section 6): groups on test nodes joined by the test wire of
 * vrrp_test_wire.c, with exact nanosecond assertions. Here: startup
 * (6.4.1: owner, higher priority, the equal-priority address tie), the
 * silent Master failure detected at last advert + Master_Down_Interval to
 * the nanosecond for v2 and v3 over a table of priorities and intervals
 * (6.1, 6.4.2), priority 0 (takeover after Skew_Time; a Master answering
 * it, 6.4.3), v3 learning of Master_Adver_Interval, the Adver_Timer
 * without drift and across a CPU freeze, and determinism. Preemption and
 * tracking: vrrp_test_preempt.c; reception checks and API:
 * vrrp_test_rx.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/vrrp/vrrp_test_wire.h"

#define D VT_DELAY

/* ---- startup (6.4.1) ---- */

/* The owner is Master at once and sends; the other stays Backup. */
static void test_startup_owner(void **state)
{
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 255, SIM_S(1)),
				       vt_cfg(1, 254, SIM_S(1)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	struct vrrp_group_info in;

	(void)state;
	vt_start(h, 0);
	vt_start(h, 1);
	vt_assert_tr(A, 0, 0, VRRP_STATE_INIT, VRRP_STATE_MASTER);
	vt_assert_tr(B, 0, 0, VRRP_STATE_INIT, VRRP_STATE_BACKUP);
	assert_int_equal(A->nsent, 1);
	assert_int_equal(A->sent[0].t, 0);
	assert_int_equal(A->sent[0].priority, 255);
	assert_int_equal(A->enters, 1);
	vt_run_to(h, SIM_S(20));
	assert_int_equal(A->ntr, 1);
	assert_int_equal(B->ntr, 1);
	assert_int_equal(B->nsent, 0);
	/* Adverts exactly every second, no drift (re-armed from deadline). */
	assert_int_equal(A->nsent, 21);
	for (size_t i = 0; i < A->nsent; i++)
		assert_int_equal(A->sent[i].t, SIM_S(1) * (sim_time_t)i);
	in = vt_info(B);
	assert_int_equal(in.state, VRRP_STATE_BACKUP);
	assert_true(net_addr_eq(&in.master, &A->cfg.primary));
	assert_int_equal(in.master_priority, 255);
	assert_int_equal(in.last_adv_rx, SIM_S(19) + D);
	assert_int_equal(in.adv_rx, 20);
	assert_int_equal(in.became_master, -1);
	in = vt_info(A);
	assert_int_equal(in.became_master, 0);
	assert_int_equal(in.adv_tx, 21);
	assert_int_equal(in.to_master, 1);
	assert_int_equal(in.to_backup, 0);
	vt_assert_field(h, "A", "state", 0, "cause", "startup");
	vt_assert_field(h, "A", "state", 0, "mark", "transition");
	vt_assert_field(h, "A", "state", 0, "group", "Vlanif10 1 A");
	vt_assert_field(h, "B", "state", 0, "mark", NULL);
	vt_assert_field(h, "B", "state", 0, "new", "Backup");
	assert_int_equal(node_tw_count(h->w, NULL, "vrrp", "master-down"), 0);
	vt_free(h);
}

/*
 * Both start Backup; the higher priority's Master_Down_Interval runs out
 * first; the other hears it and stays Backup. Equal priorities: both
 * time out together, both send, the smaller primary address yields at
 * the other's advert (6.4.3).
 */
static void test_startup_election(void **state)
{
	static const struct {
		uint8_t pa, pb;
		int winner;
	} tc[] = { { 100, 200, 1 }, { 200, 100, 0 }, { 100, 100, 1 } };

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct vrrp_group_cfg c[2] = { vt_cfg(0, tc[k].pa, SIM_S(1)),
					       vt_cfg(1, tc[k].pb, SIM_S(1)) };
		struct vt *h = vt_new(2, c);
		struct vt_end *W = &h->e[tc[k].winner];
		struct vt_end *L = &h->e[1 - tc[k].winner];
		sim_time_t tw = vt_mdi(3, W->cfg.priority, SIM_S(1));

		vt_start(h, 0);
		vt_start(h, 1);
		vt_run_to(h, SIM_S(30));
		vt_assert_tr(W, 0, 0, VRRP_STATE_INIT, VRRP_STATE_BACKUP);
		vt_assert_tr(W, 1, tw, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
		assert_int_equal(W->ntr, 2);
		vt_assert_tr(L, 0, 0, VRRP_STATE_INIT, VRRP_STATE_BACKUP);
		if (tc[k].pa == tc[k].pb) {
			/* Both Master at the same instant; A yields. */
			vt_assert_tr(L, 1, tw, VRRP_STATE_BACKUP,
				     VRRP_STATE_MASTER);
			vt_assert_tr(L, 2, tw + D, VRRP_STATE_MASTER,
				     VRRP_STATE_BACKUP);
			assert_int_equal(L->ntr, 3);
			assert_int_equal(L->leaves, 1);
			vt_assert_field(h, "A", "state", 2, "cause",
					"advertisement");
			vt_assert_field(h, "A", "state", 2, "from", "10.0.0.2");
		} else {
			assert_int_equal(L->ntr, 1);
			assert_int_equal(L->nsent, 0);
		}
		assert_int_equal(vrrp_group_state(W->g), VRRP_STATE_MASTER);
		assert_int_equal(vrrp_group_state(L->g), VRRP_STATE_BACKUP);
		vt_free(h);
	}
}

/* ---- silent Master failure (6.4.2) ---- */

/*
 * A (the owner) is Master from 0; its adverts to B are cut at 10.33
 * intervals; B becomes Master exactly at the last advert received +
 * Master_Down_Interval (literal values checked against the formula).
 */
static void test_master_down_exact(void **state)
{
	static const struct {
		uint8_t ver, prio;
		bool v6;
		sim_time_t ival, skew, mdi;
	} tc[] = {
		{ 3, 100, false, SIM_S(1), 609375000, 3609375000 },
		{ 3, 200, false, SIM_S(1), 218750000, 3218750000 },
		{ 3, 254, false, SIM_S(1), 7812500, 3007812500 },
		{ 3, 100, false, SIM_MS(100), 60937500, 360937500 },
		{ 3, 200, false, SIM_MS(100), 21875000, 321875000 },
		{ 3, 254, true, SIM_MS(100), 781250, 300781250 },
		{ 3, 100, true, SIM_MS(200), 121875000, 721875000 },
		{ 3, 200, false, SIM_MS(200), 43750000, 643750000 },
		{ 3, 254, false, SIM_MS(200), 1562500, 601562500 },
		{ 3, 100, false, SIM_MS(500), 304687500, 1804687500 },
		{ 3, 200, true, SIM_MS(500), 109375000, 1609375000 },
		{ 3, 254, false, SIM_MS(500), 3906250, 1503906250 },
		{ 3, 1, false, SIM_MS(10), 9960937, 39960937 }, /* truncated */
		{ 2, 100, false, SIM_S(1), 609375000, 3609375000 },
		{ 2, 200, false, SIM_S(1), 218750000, 3218750000 },
		{ 2, 254, false, SIM_S(1), 7812500, 3007812500 },
		{ 2, 100, false, SIM_S(3), 609375000, 9609375000 },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		sim_time_t ival = tc[k].ival, cut = 10 * ival + ival / 3, t;
		struct vrrp_group_cfg c[2];
		struct vrrp_group_info in;
		struct vt_end *B;
		struct vt *h;
		char want[32];

		for (int i = 0; i < 2; i++) {
			uint8_t p = i ? tc[k].prio : 255;

			c[i] = tc[k].v6 ? vt_cfg6(i, p, ival)
					: vt_cfg(i, p, ival);
			c[i].version = tc[k].ver;
		}
		assert_int_equal(vt_skew(tc[k].ver, tc[k].prio, ival),
				 tc[k].skew);
		assert_int_equal(vt_mdi(tc[k].ver, tc[k].prio, ival),
				 tc[k].mdi);
		h = vt_new(2, c);
		B = &h->e[1];
		vt_start(h, 0);
		vt_start(h, 1);
		vt_run_to(h, cut);
		in = vt_info(B);
		assert_int_equal(in.skew_time, tc[k].skew);
		assert_int_equal(in.master_down_int, tc[k].mdi);
		assert_int_equal(in.master_adver_int, ival);
		h->cut[0][1] = true;
		vt_run_to(h, cut + 3 * tc[k].mdi);
		assert_int_equal(B->last_rx, 10 * ival + D);
		t = B->last_rx + tc[k].mdi;
		vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
		assert_int_equal(B->ntr, 2);
		assert_int_equal(B->sent[0].t, t);
		assert_int_equal(B->sent[0].priority, tc[k].prio);
		assert_int_equal(B->enters, 1);
		assert_int_equal(vt_info(B).became_master, t);
		/* The detection record, then the transition, same instant. */
		assert_int_equal(
			node_tw_find(h->w, "B", "vrrp", "master-down", 0)->t,
			t);
		vt_assert_field(h, "B", "master-down", 0, "mark", "detect");
		vt_assert_field(h, "B", "master-down", 0, "cause",
				"master-down-timer");
		snprintf(want, sizeof(want), "%lld", (long long)tc[k].mdi);
		vt_assert_field(h, "B", "master-down", 0,
				"master_down_interval", want);
		vt_assert_field(h, "B", "state", 1, "mark", "transition");
		vt_assert_field(h, "B", "state", 1, "cause",
				"master-down-timer");
		assert_true(node_tw_find(h->w, "B", "vrrp", "master-down", 0) <
			    node_tw_find(h->w, "B", "vrrp", "state", 1));
		vt_free(h);
	}
}

/* ---- priority 0 (6.4.2, 6.4.3) ---- */

/* A Master's shutdown: B takes over Skew_Time after the priority 0. */
static void test_priority0_takeover(void **state)
{
	static const struct {
		uint8_t ver, pa, pb;
		sim_time_t ival;
	} tc[] = {
		{ 3, 255, 100, SIM_S(1) },    { 3, 200, 100, SIM_MS(100) },
		{ 3, 255, 254, SIM_MS(500) }, { 2, 255, 100, SIM_S(1) },
		{ 2, 200, 1, SIM_S(2) },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct vrrp_group_cfg c[2] = { vt_cfg(0, tc[k].pa, tc[k].ival),
					       vt_cfg(1, tc[k].pb,
						      tc[k].ival) };
		sim_time_t down = SIM_S(20) + SIM_MS(3), t;
		struct vt_end *A, *B;
		struct vt *h;

		c[0].version = c[1].version = tc[k].ver;
		h = vt_new(2, c);
		A = &h->e[0];
		B = &h->e[1];
		vt_start(h, 0);
		vt_start(h, 1);
		vt_run_to(h, down);
		assert_int_equal(vrrp_group_state(A->g), VRRP_STATE_MASTER);
		vrrp_group_shutdown(A->g);
		assert_int_equal(vrrp_group_state(A->g), VRRP_STATE_INIT);
		assert_int_equal(A->sent[A->nsent - 1].t, down);
		assert_int_equal(A->sent[A->nsent - 1].priority, 0);
		assert_int_equal(A->leaves, 1);
		assert_int_equal(vt_info(A).prio0_tx, 1);
		vt_assert_field(h, "A", "state", A->ntr - 1, "cause",
				"shutdown");
		vt_run_to(h, SIM_S(40));
		t = down + D + vt_skew(tc[k].ver, tc[k].pb, tc[k].ival);
		vt_assert_tr(B, B->ntr - 1, t, VRRP_STATE_BACKUP,
			     VRRP_STATE_MASTER);
		assert_int_equal(vt_info(B).prio0_rx, 1);
		vt_assert_field(h, "B", "master-down", 0, "cause",
				"priority-0");
		vt_assert_field(h, "B", "master-down", 0, "mark", "detect");
		vt_assert_field(h, "B", "state", B->ntr - 1, "cause",
				"priority-0");
		/* A, in Initialize, ignores B's adverts. */
		assert_true(vt_info(A).rx_idle > 0);
		/* No timer left in A; shutdown again is ignored. */
		vrrp_group_shutdown(A->g);
		vt_assert_field(h, "A", "ignored", 0, "cause", "shutdown");
		vt_free(h);
	}
}

/* A Master hearing priority 0 answers at once and restarts its timer. */
static void test_priority0_to_master(void **state)
{
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 200, SIM_S(1)),
				       vt_cfg(1, 100, SIM_S(1)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	sim_time_t ta = vt_mdi(3, 200, SIM_S(1)), now;
	struct vrrp_adv a;
	size_t n;

	(void)state;
	vt_start(h, 0);
	vt_start(h, 1);
	vt_run_to(h, SIM_S(6) + SIM_MS(300));
	vt_assert_tr(A, 1, ta, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	now = node_tw_now(h->w);
	n = A->nsent;
	a = vt_adv(B, 0);
	vt_inject(A, &a, &B->cfg.primary);
	assert_int_equal(A->nsent, n + 1);
	assert_int_equal(A->sent[n].t, now);
	assert_int_equal(A->sent[n].priority, 200);
	assert_int_equal(vt_info(A).prio0_rx, 1);
	assert_int_equal(vrrp_group_state(A->g), VRRP_STATE_MASTER);
	vt_run_to(h, SIM_S(9));
	assert_int_equal(A->sent[n + 1].t, now + SIM_S(1));
	assert_int_equal(A->sent[n + 2].t, now + SIM_S(2));
	assert_int_equal(B->ntr, 1);
	vt_free(h);
}

/* ---- v3: Master_Adver_Interval learned from the Master (6.4.2) ---- */

static void test_v3_learn_interval(void **state)
{
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 200, SIM_MS(100)),
				       vt_cfg(1, 100, SIM_S(1)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	sim_time_t ta = vt_mdi(3, 200, SIM_MS(100)), t;
	struct vrrp_group_info in;

	(void)state;
	vt_start(h, 0);
	vt_start(h, 1);
	/* Before any advert B uses its own interval (6.4.1). */
	in = vt_info(B);
	assert_int_equal(in.master_adver_int, SIM_S(1));
	assert_int_equal(in.master_down_int, 3609375000);
	vt_run_to(h, SIM_S(2) + SIM_MS(30));
	vt_assert_tr(A, 1, ta, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	in = vt_info(B);
	assert_int_equal(in.adver_int, SIM_S(1));
	assert_int_equal(in.master_adver_int, SIM_MS(100));
	assert_int_equal(in.skew_time, 60937500);
	assert_int_equal(in.master_down_int, 360937500);
	h->cut[0][1] = true;
	vt_run_to(h, SIM_S(10));
	t = B->last_rx + 360937500;
	assert_int_equal(B->last_rx,
			 vt_sent_before(A, SIM_S(2) + SIM_MS(30))->t + D);
	vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	/* As Master B sends at its own Advertisement_Interval. */
	assert_true(B->nsent >= 3);
	assert_int_equal(B->sent[1].t - B->sent[0].t, SIM_S(1));
	assert_int_equal(B->sent[2].t - B->sent[1].t, SIM_S(1));
	assert_int_equal(vt_info(B).master_adver_int, SIM_S(1));
	/* A hears B's lower adverts and stays Master (discarded). */
	assert_int_equal(vrrp_group_state(A->g), VRRP_STATE_MASTER);
	vt_free(h);
}

/* ---- the Adver_Timer across a CPU freeze ---- */

static void test_freeze(void **state)
{
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 255, SIM_S(1)),
				       vt_cfg(1, 100, SIM_S(1)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	static const sim_time_t want[] = {
		0,	  SIM_S(1),	SIM_S(2),     SIM_S(3),
		SIM_S(4), SIM_MS(6250), SIM_MS(7250), SIM_MS(8250),
	};

	(void)state;
	vt_start(h, 0);
	vt_start(h, 1);
	vt_run_to(h, SIM_MS(4500));
	A->node.frozen_until = SIM_MS(6250);
	vt_run_to(h, SIM_MS(8500));
	assert_int_equal(A->nsent, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < A->nsent; i++)
		assert_int_equal(A->sent[i].t, want[i]);
	/* 2.25 s without adverts is less than B's 3.609375 s. */
	assert_int_equal(B->ntr, 1);
	vt_free(h);
}

/* ---- determinism: nothing random, two runs give the same trace ---- */

static void run_scenario(uint64_t seed, struct vt_sent *out, size_t *n)
{
	struct vrrp_group_cfg c[3] = { vt_cfg(0, 150, SIM_MS(200)),
				       vt_cfg(1, 150, SIM_MS(200)),
				       vt_cfg(2, 120, SIM_MS(200)) };
	struct vt *h = vt_new_seed(3, c, seed);

	for (int i = 0; i < 3; i++)
		vt_start(h, i);
	vt_run_to(h, SIM_S(3));
	vt_isolate(h, 1, true);
	vt_run_to(h, SIM_S(5));
	vt_isolate(h, 1, false);
	vt_run_to(h, SIM_S(7));
	*n = 0;
	for (int i = 0; i < 3; i++)
		for (size_t j = 0; j < h->e[i].nsent && *n < 256; j++)
			out[(*n)++] = h->e[i].sent[j];
	/* B, the greater address of the two 150s, ends Master. */
	assert_int_equal(vrrp_group_state(h->e[1].g), VRRP_STATE_MASTER);
	assert_int_equal(vrrp_group_state(h->e[0].g), VRRP_STATE_BACKUP);
	assert_int_equal(vrrp_group_state(h->e[2].g), VRRP_STATE_BACKUP);
	vt_free(h);
}

static void test_deterministic(void **state)
{
	struct vt_sent a[256], b[256];
	size_t na, nb;

	(void)state;
	run_scenario(1, a, &na);
	run_scenario(2, b, &nb);
	assert_true(na > 20);
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].t, b[i].t);
		assert_int_equal(a[i].priority, b[i].priority);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_startup_owner),
		cmocka_unit_test(test_startup_election),
		cmocka_unit_test(test_master_down_exact),
		cmocka_unit_test(test_priority0_takeover),
		cmocka_unit_test(test_priority0_to_master),
		cmocka_unit_test(test_v3_learn_interval),
		cmocka_unit_test(test_freeze),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(vt_test_preempt_delay0),
		cmocka_unit_test(vt_test_preempt_delay),
		cmocka_unit_test(vt_test_preempt_delay_silent),
		cmocka_unit_test(vt_test_preempt_off),
		cmocka_unit_test(vt_test_preempt_reconfig),
		cmocka_unit_test(vt_test_two_masters),
		cmocka_unit_test(vt_test_set_priority),
		cmocka_unit_test(vt_test_master_gone),
		cmocka_unit_test(vt_test_v2_auth),
		cmocka_unit_test(vt_test_v2_interval),
		cmocka_unit_test(vt_test_rx_checks),
		cmocka_unit_test(vt_test_addrs),
		cmocka_unit_test(vt_test_owner_ignores),
		cmocka_unit_test(vt_test_codec_wire),
		cmocka_unit_test(vt_test_api),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
