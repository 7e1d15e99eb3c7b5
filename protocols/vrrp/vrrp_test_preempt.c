/*
 * Tests of preemption and tracking in the VRRP state machine (vrrp.c):
 * a higher-priority Backup preempting a lower Master at its
 * Master_Down_Timer expiry (RFC 5798 6.4.2, delay 0) or after VRP's
 * preemption delay, the delay cut short by silence or reconfiguration,
 * no preemption with Preempt_Mode off, two Masters while adverts are lost
 * both ways and their resolution (6.4.3), tracking (vrrp_group_set_priority)
 * and the BFD "peer" takeover (vrrp_group_master_gone). Exact times.
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

/* A (100) Master alone from 3.609375 s; B (200) configured, not started. */
static struct vt *lower_master(bool preempt, sim_time_t delay)
{
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 100, SIM_S(1)),
				       vt_cfg(1, 200, SIM_S(1)) };
	struct vt *h;

	c[1].preempt = preempt;
	c[1].preempt_delay = delay;
	h = vt_new(2, c);
	vt_start(h, 0);
	vt_run_to(h, SIM_S(10) + SIM_MS(250));
	vt_assert_tr(&h->e[0], 1, 3609375000, VRRP_STATE_BACKUP,
		     VRRP_STATE_MASTER);
	assert_int_equal(vt_info(&h->e[1]).rx_idle, 7); /* 3.6 .. 9.6 s */
	return h;
}

/* A's adverts: 3.609375 s + k s; the first after 10.25 s. */
#define A_ADV_AFTER_START 10609375000

/* Delay 0: the RFC; lower adverts discarded, Master_Down_Timer runs out. */
void vt_test_preempt_delay0(void **state)
{
	struct vt *h = lower_master(true, 0);
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	sim_time_t t = SIM_S(10) + SIM_MS(250) + vt_mdi(3, 200, SIM_S(1));

	(void)state;
	vt_start(h, 1);
	vt_run_to(h, SIM_S(30));
	assert_int_equal(t, 13468750000);
	vt_assert_tr(B, 0, SIM_S(10) + SIM_MS(250), VRRP_STATE_INIT,
		     VRRP_STATE_BACKUP);
	vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	assert_int_equal(B->ntr, 2);
	assert_int_equal(vt_info(B).adv_lower, 3); /* 10.6, 11.6, 12.6 s */
	assert_int_equal(vt_info(B).adv_rx, 3);
	vt_assert_tr(A, 2, t + D, VRRP_STATE_MASTER, VRRP_STATE_BACKUP);
	assert_int_equal(A->ntr, 3);
	vt_assert_field(h, "A", "state", 2, "from", "10.0.0.2");
	vt_assert_field(h, "A", "state", 2, "from_priority", "200");
	/* A now follows B: its Master_Down_Interval from B's adverts. */
	assert_int_equal(vt_info(A).master_down_int, vt_mdi(3, 100, SIM_S(1)));
	assert_int_equal(vt_info(A).master_priority, 200);
	vt_free(h);
}

/*
 * Delay D > 0: the lower Master's adverts keep B's Master_Down_Timer
 * reset; B takes over D after the first one (cause "preempt-delay"),
 * even where D exceeds Master_Down_Interval.
 */
void vt_test_preempt_delay(void **state)
{
	static const sim_time_t delays[] = { SIM_MS(1), SIM_S(1), SIM_S(5),
					     SIM_S(30) };

	(void)state;
	for (size_t k = 0; k < sizeof(delays) / sizeof(delays[0]); k++) {
		struct vt *h = lower_master(true, delays[k]);
		struct vt_end *A = &h->e[0], *B = &h->e[1];
		sim_time_t t = A_ADV_AFTER_START + D + delays[k];

		vt_start(h, 1);
		vt_run_to(h, A_ADV_AFTER_START + D);
		assert_int_equal(vt_info(B).preempt_at, t);
		vt_run_to(h, SIM_S(60));
		vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
		assert_int_equal(B->ntr, 2);
		assert_int_equal(B->sent[0].t, t);
		vt_assert_field(h, "B", "state", 1, "cause", "preempt-delay");
		vt_assert_field(h, "B", "state", 1, "mark", "transition");
		assert_int_equal(
			node_tw_count(h->w, "B", "vrrp", "master-down"), 0);
		assert_int_equal(vt_info(B).preempt_at, -1);
		vt_assert_tr(A, 2, t + D, VRRP_STATE_MASTER, VRRP_STATE_BACKUP);
		vt_free(h);
	}
}

/* The lower Master falls silent during the delay: Master_Down_Timer. */
void vt_test_preempt_delay_silent(void **state)
{
	struct vt *h = lower_master(true, SIM_S(10));
	struct vt_end *B = &h->e[1];
	sim_time_t t;

	(void)state;
	vt_start(h, 1);
	vt_run_to(h, SIM_MS(12700));
	h->cut[0][1] = true;
	vt_run_to(h, SIM_S(30));
	assert_int_equal(B->last_rx, 12609375000 + D);
	t = B->last_rx + vt_mdi(3, 200, SIM_S(1));
	vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	vt_assert_field(h, "B", "state", 1, "cause", "master-down-timer");
	vt_assert_field(h, "B", "master-down", 0, "mark", "detect");
	assert_int_equal(vt_info(B).preempt_at, -1);
	assert_int_equal(B->ntr, 2);
	vt_free(h);
}

/* Preempt_Mode False: B (200) never takes over from a live A (100). */
void vt_test_preempt_off(void **state)
{
	struct vt *h = lower_master(false, SIM_S(1));
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	struct vrrp_group_info in;
	sim_time_t t;

	(void)state;
	vt_start(h, 1);
	vt_run_to(h, SIM_MS(40300));
	assert_int_equal(B->ntr, 1);
	assert_int_equal(A->ntr, 2);
	assert_int_equal(vt_info(B).adv_lower, 0);
	assert_int_equal(vt_info(B).adv_rx, 30);
	assert_int_equal(vt_info(B).preempt_at, -1);
	in = vt_info(B);
	assert_true(net_addr_eq(&in.master, &A->cfg.primary));
	/* ...but still detects its failure. */
	h->cut[0][1] = true;
	vt_run_to(h, SIM_S(50));
	t = B->last_rx + vt_mdi(3, 200, SIM_S(1));
	assert_int_equal(B->last_rx, 39609375000 + D);
	vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	vt_free(h);
}

/* Changing the delay, turning preemption off and on, and tracking. */
void vt_test_preempt_reconfig(void **state)
{
	struct vt *h = lower_master(true, SIM_S(5));
	struct vt_end *B = &h->e[1];
	sim_time_t t;

	(void)state;
	vt_start(h, 1);
	vt_run_to(h, SIM_S(12));
	/* A new delay counts from the first lower advert already seen. */
	vrrp_group_set_preempt(B->g, true, SIM_S(8));
	assert_int_equal(vt_info(B).preempt_at,
			 A_ADV_AFTER_START + D + SIM_S(8));
	vt_run_to(h, SIM_S(14));
	vrrp_group_set_preempt(B->g, false, 0);
	assert_int_equal(vt_info(B).preempt_at, -1);
	vt_run_to(h, SIM_S(30));
	assert_int_equal(B->ntr, 1);
	/* Back on with delay 0: lower adverts discarded from now on. */
	vrrp_group_set_preempt(B->g, true, 0);
	vt_run_to(h, SIM_S(40));
	t = 29609375000 + D + vt_mdi(3, 200, SIM_S(1));
	vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	vt_free(h);

	/* Tracking lowers B under A during the delay: cancelled; raised
	 * again, the next lower advert starts a new delay. */
	h = lower_master(true, SIM_S(5));
	B = &h->e[1];
	vt_start(h, 1);
	vt_run_to(h, SIM_S(12));
	vrrp_group_set_priority(B->g, 90);
	assert_int_equal(vt_info(B).preempt_at, -1);
	vt_run_to(h, SIM_S(20));
	assert_int_equal(B->ntr, 1);
	vrrp_group_set_priority(B->g, 200);
	vt_run_to(h, SIM_S(30));
	t = 20609375000 + D + SIM_S(5);
	vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	vt_assert_field(h, "B", "priority", 0, "new", "90");
	vt_assert_field(h, "B", "priority", 1, "old", "90");
	vt_free(h);
}

/*
 * Adverts lost both ways: the Backup becomes a second Master; when they
 * flow again the lower one yields at the first higher advert it hears.
 */
void vt_test_two_masters(void **state)
{
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 200, SIM_S(1)),
				       vt_cfg(1, 100, SIM_S(1)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	sim_time_t tb = 5218750000 + D + vt_mdi(3, 100, SIM_S(1));
	uint64_t rx;

	(void)state;
	vt_start(h, 0);
	vt_start(h, 1);
	vt_run_to(h, SIM_MS(5500));
	vt_isolate(h, 0, true);
	vt_run_to(h, SIM_MS(20500));
	assert_int_equal(tb, 8828175000);
	vt_assert_tr(B, 1, tb, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	assert_int_equal(vrrp_group_state(A->g), VRRP_STATE_MASTER);
	rx = vt_info(A).adv_rx;
	vt_isolate(h, 0, false);
	vt_run_to(h, SIM_S(30));
	/* B's advert at 20.828175 s reaches A first: lower, discarded. */
	assert_int_equal(vt_info(A).adv_rx, rx + 1);
	assert_int_equal(A->ntr, 2);
	vt_assert_tr(B, 2, 21218750000 + D, VRRP_STATE_MASTER,
		     VRRP_STATE_BACKUP);
	assert_int_equal(B->ntr, 3);
	assert_int_equal(B->leaves, 1);
	assert_int_equal(vt_info(B).to_backup, 2);
	assert_int_equal(B->sent[B->nsent - 1].t, 20828175000);
	vt_free(h);
}

/*
 * Tracking on a Master: the new priority is advertised at once and the
 * Adver_Timer restarts; the Backup (preempt, delay 0) takes over at the
 * expiry of the timer set by the last higher advert. Raised above the
 * new Master, the old one preempts back at its running timer's expiry.
 */
void vt_test_set_priority(void **state)
{
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 200, SIM_S(1)),
				       vt_cfg(1, 100, SIM_S(1)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	sim_time_t tb = 5218750000 + D + vt_mdi(3, 100, SIM_S(1)), ta;
	size_t n;

	(void)state;
	vt_start(h, 0);
	vt_start(h, 1);
	vt_run_to(h, SIM_MS(5500));
	n = A->nsent;
	vrrp_group_set_priority(A->g, 50);
	assert_int_equal(A->nsent, n + 1);
	assert_int_equal(A->sent[n].t, SIM_MS(5500));
	assert_int_equal(A->sent[n].priority, 50);
	vrrp_group_set_priority(A->g, 50); /* no change: nothing sent */
	assert_int_equal(A->nsent, n + 1);
	vt_assert_field(h, "A", "priority", 0, "old", "200");
	vt_assert_field(h, "A", "priority", 0, "state", "Master");
	vt_run_to(h, SIM_S(12));
	assert_int_equal(A->sent[n + 1].t, SIM_MS(6500));
	assert_int_equal(A->sent[n + 1].priority, 50);
	vt_assert_tr(B, 1, tb, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	vt_assert_tr(A, 2, tb + D, VRRP_STATE_MASTER, VRRP_STATE_BACKUP);
	assert_int_equal(vt_info(A).master_down_int, vt_mdi(3, 50, SIM_S(1)));
	/* A non-owner is capped at 254. */
	vrrp_group_set_priority(A->g, 255);
	assert_int_equal(vt_info(A).priority, 254);
	assert_int_equal(vt_info(A).master_down_int, vt_mdi(3, 254, SIM_S(1)));
	vt_run_to(h, SIM_S(30));
	/* The running timer (set at B's 11.828175 s advert with the old
	 * interval) decides; B's later adverts are lower now. */
	ta = 11828175000 + D + vt_mdi(3, 50, SIM_S(1));
	vt_assert_tr(A, 3, ta, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	vt_assert_tr(B, 2, ta + D, VRRP_STATE_MASTER, VRRP_STATE_BACKUP);
	vrrp_group_set_priority(B->g, 0);
	assert_int_equal(vt_info(B).priority, 1);
	vt_free(h);
}

/* BFD "peer": the Backup takes over at once; elsewhere ignored. */
void vt_test_master_gone(void **state)
{
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 200, SIM_S(1)),
				       vt_cfg(1, 100, SIM_S(1)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *A = &h->e[0], *B = &h->e[1];

	(void)state;
	vrrp_group_master_gone(B->g); /* Initialize */
	vt_assert_field(h, "B", "ignored", 0, "cause", "bfd");
	vt_assert_field(h, "B", "ignored", 0, "state", "Initialize");
	vt_start(h, 0);
	vt_start(h, 1);
	vt_run_to(h, SIM_MS(5500));
	h->cut[0][1] = true;
	vrrp_group_master_gone(B->g);
	vt_assert_tr(B, 1, SIM_MS(5500), VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	assert_int_equal(B->sent[0].t, SIM_MS(5500));
	assert_int_equal(B->enters, 1);
	vt_assert_field(h, "B", "state", 1, "cause", "bfd");
	vt_assert_field(h, "B", "state", 1, "mark", "transition");
	assert_int_equal(node_tw_count(h->w, "B", "vrrp", "master-down"), 0);
	vrrp_group_master_gone(B->g); /* Master */
	vrrp_group_master_gone(A->g);
	assert_int_equal(node_tw_count(h->w, NULL, "vrrp", "ignored"), 3);
	vt_run_to(h, SIM_S(10));
	assert_int_equal(A->ntr, 2); /* B's adverts are lower */
	assert_int_equal(B->ntr, 2);
	vt_free(h);
}
