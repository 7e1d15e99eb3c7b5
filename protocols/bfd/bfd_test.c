/*
 * Tests of the BFD session state machine (bfd.c, RFC 5880 section 6):
 * two sessions on two nodes joined by a test wire (a FIFO per direction
 * with a fixed delay, driven by an engine timer) that can be cut, drop
 * Final packets, duplicate or corrupt packets; packets are decoded with
 * bfd_pkt_decode and fed to bfd_session_rx. Tests assert exact times: the
 * transitions of bring-up, detection at last packet + Detection Time to
 * the nanosecond, jitter bounds of section 6.8.7, Poll Sequence rules of
 * section 6.8.3, AdminDown, path down, passive role, hold-down of the
 * remote discriminator, offload versus a CPU freeze, determinism per seed
 * and API edges. Reception and authentication: bfd_test_auth.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/bfd/bfd_test_wire.h"

/* ---- bring-up ---- */

static void assert_pkt(const struct end *e, size_t i, sim_time_t t,
		       enum bfd_state st, bool poll, bool final)
{
	assert_true(i < e->sent.n);
	assert_int_equal(e->sent.v[i].t, t);
	assert_int_equal(e->sent.v[i].c.state, st);
	assert_int_equal(e->sent.v[i].c.poll, poll);
	assert_int_equal(e->sent.v[i].c.final, final);
}

/* Both active: Down -> Init -> Up, each change sent at once. */
static void test_come_up_exact(void **state)
{
	struct h *h = bfdt_pair_up(1);
	sim_time_t d = h->delay;
	const struct node_tw_rec *rec;
	char buf[32];

	(void)state;
	for (int i = 0; i < 2; i++) {
		struct end *e = &h->e[i];

		/* At once at the slow rate (6.8.3), Your Disc zero. */
		assert_pkt(e, 0, 0, BFD_STATE_DOWN, false, false);
		assert_int_equal(e->sent.v[0].c.your_disc, 0);
		assert_int_equal(e->sent.v[0].c.desired_min_tx_us, 1000000);
		assert_int_equal(e->sent.v[0].c.required_min_rx_us, 10000);
		assert_int_equal(e->sent.v[0].c.detect_mult, 3);
		assert_int_equal(e->sent.v[0].c.my_disc, e->cfg.local_disc);
		bfdt_assert_tr(e, 0, d, BFD_STATE_DOWN, BFD_STATE_INIT,
			       BFD_DIAG_NONE);
		assert_pkt(e, 1, d, BFD_STATE_INIT, false, false);
		assert_int_equal(e->sent.v[1].c.your_disc,
				 h->e[1 - i].cfg.local_disc);
		/* Up: Desired Min TX drops to 10 ms, polled (6.8.3). */
		bfdt_assert_tr(e, 1, 2 * d, BFD_STATE_INIT, BFD_STATE_UP,
			       BFD_DIAG_NONE);
		assert_pkt(e, 2, 2 * d, BFD_STATE_UP, true, false);
		assert_int_equal(e->sent.v[2].c.desired_min_tx_us, 10000);
		assert_pkt(e, 3, 3 * d, BFD_STATE_UP, false, true);
		assert_true(e->sent.v[4].t >= 2 * d + SIM_US(7500));
		assert_true(e->sent.v[4].t <= 2 * d + SIM_MS(10));
		assert_false(e->sent.v[4].c.poll); /* poll ended at 4d */
		assert_int_equal(e->ntr, 2);
		assert_int_equal(bfdt_info(e).last_up, 2 * d);
		assert_int_equal(bfdt_info(e).up_count, 1);
		assert_int_equal(bfdt_info(e).tx_interval, SIM_MS(10));
		assert_int_equal(bfdt_info(e).detect_time, SIM_MS(30));
		assert_int_equal(bfdt_info(e).remote_disc,
				 h->e[1 - i].cfg.local_disc);
		assert_int_equal(bfdt_info(e).remote_state, BFD_STATE_UP);
	}
	/* Event log: 4 transitions, Up ones marked "protocol". */
	assert_int_equal(node_tw_count(h->w, NULL, "bfd", "state"), 4);
	rec = node_tw_find(h->w, "B", "bfd", "state", 1);
	assert_non_null(rec);
	assert_int_equal(rec->t, 2 * d);
	assert_true(node_tw_field(rec, "new", buf, sizeof(buf)));
	assert_string_equal(buf, "Up");
	assert_true(node_tw_field(rec, "old", buf, sizeof(buf)));
	assert_string_equal(buf, "Init");
	assert_true(node_tw_field(rec, "mark", buf, sizeof(buf)));
	assert_string_equal(buf, "protocol");
	assert_true(node_tw_field(rec, "session", buf, sizeof(buf)));
	assert_string_equal(buf, "s-b");
	rec = node_tw_find(h->w, "A", "bfd", "state", 0);
	assert_false(node_tw_field(rec, "mark", NULL, 0));
	assert_true(node_tw_field(rec, "diag", buf, sizeof(buf)));
	assert_string_equal(buf, "No Diagnostic");
	bfdt_free(h);
}

/* A -> B cut at first: A sits in Init at the slow rate until the cut
 * heals; B comes Up on A's next scheduled packet. */
static void test_come_up_slow(void **state)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h = bfdt_new(2, &a, &b);
	struct end *A = &h->e[0], *B = &h->e[1];
	sim_time_t d = h->delay, mn, mx, tk = -1;
	size_t n;

	(void)state;
	h->cut[0] = true;
	bfdt_run_to(h, SIM_S(5));
	bfdt_assert_tr(A, 0, d, BFD_STATE_DOWN, BFD_STATE_INIT, BFD_DIAG_NONE);
	assert_int_equal(A->ntr, 1);
	assert_int_equal(B->ntr, 0);
	bfdt_gaps(&A->sent, d, SIM_S(5), &mn, &mx, &n);
	assert_true(n >= 4 && mn >= SIM_MS(750) && mx <= SIM_S(1));
	assert_int_equal(bfdt_info(A).detect_time,
			 SIM_S(3)); /* B slow: 3x1 s */
	h->cut[0] = false;
	bfdt_run_to(h, SIM_S(7));
	for (size_t i = 0; i < A->sent.n && tk < 0; i++)
		if (A->sent.v[i].t > SIM_S(5))
			tk = A->sent.v[i].t;
	assert_true(tk - SIM_S(5) <= SIM_S(1));
	bfdt_assert_tr(B, 0, tk + d, BFD_STATE_DOWN, BFD_STATE_UP,
		       BFD_DIAG_NONE);
	bfdt_assert_tr(A, 1, tk + 2 * d, BFD_STATE_INIT, BFD_STATE_UP,
		       BFD_DIAG_NONE);
	bfdt_free(h);
}

/* ---- jitter (6.8.7) ---- */

static void test_jitter_slow(void **state)
{
	static const struct {
		uint8_t mult;
		sim_time_t lo, hi;
	} tc[] = { { 3, SIM_MS(750), SIM_S(1) },
		   { 1, SIM_MS(750), SIM_MS(900) } };

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
		struct h *h;
		sim_time_t mn, mx;
		size_t n;

		a.detect_mult = tc[k].mult;
		h = bfdt_new(5, &a, NULL);
		bfdt_run_to(h, SIM_S(300));
		bfdt_gaps(&h->e[0].sent, 0, SIM_S(300), &mn, &mx, &n);
		assert_true(n >= 300);
		assert_true(mn >= tc[k].lo && mx <= tc[k].hi);
		assert_true(mn < tc[k].lo + SIM_MS(10));
		assert_true(mx > tc[k].hi - SIM_MS(10));
		for (size_t i = 0; i < h->e[0].sent.n; i++)
			assert_int_equal(h->e[0].sent.v[i].c.state,
					 BFD_STATE_DOWN);
		bfdt_free(h);
	}
}

static void test_jitter_fast(void **state)
{
	static const struct {
		uint8_t mult;
		sim_time_t lo, hi;
	} tc[] = { { 3, SIM_US(7500), SIM_MS(10) },
		   { 1, SIM_US(7500), SIM_MS(9) } };

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
		struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
		struct h *h;
		sim_time_t mn, mx;
		size_t n;

		a.detect_mult = tc[k].mult;
		h = bfdt_new(9, &a, &b);
		bfdt_run_to(h, SIM_S(7));
		bfdt_gaps(&h->e[0].sent, SIM_S(2), SIM_S(7), &mn, &mx, &n);
		assert_true(n >= 500);
		assert_true(mn >= tc[k].lo && mx <= tc[k].hi);
		assert_true(mn < tc[k].lo + SIM_US(100));
		assert_true(mx > tc[k].hi - SIM_US(100));
		/* B detects A with mult 1 in 10 ms; never lost. */
		assert_int_equal(bfdt_info(&h->e[1]).up_count, 1);
		assert_int_equal(bfdt_info(&h->e[1]).down_count, 0);
		assert_int_equal(bfdt_info(&h->e[1]).detect_time,
				 tc[k].mult * SIM_MS(10));
		bfdt_free(h);
	}
}

/* ---- detection (6.8.4) and hold-down of RemoteDiscr (6.8.1) ---- */

struct chk {
	sim_time_t t;
	int end;
	uint32_t disc;
};

static int chk_cmp(const void *a, const void *b)
{
	const struct chk *x = a, *y = b;

	return (x->t > y->t) - (x->t < y->t);
}

static void test_detect_exact(void **state)
{
	static const struct {
		sim_time_t tx[2], rx[2];
		uint8_t mult[2];
	} tc[] = {
		{ { SIM_MS(10), SIM_MS(10) },
		  { SIM_MS(10), SIM_MS(10) },
		  { 3, 3 } },
		{ { SIM_MS(20), SIM_MS(10) },
		  { SIM_MS(15), SIM_MS(30) },
		  { 4, 2 } },
		{ { SIM_MS(50), SIM_MS(5) },
		  { SIM_MS(5), SIM_MS(5) },
		  { 1, 5 } },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct bfd_session_cfg c[2] = { bfdt_cfg("s-a", A_DISC),
						bfdt_cfg("s-b", B_DISC) };
		struct chk chk[4];
		sim_time_t exp[2], dt[2];
		struct h *h;

		for (int i = 0; i < 2; i++) {
			c[i].desired_min_tx = tc[k].tx[i];
			c[i].required_min_rx = tc[k].rx[i];
			c[i].detect_mult = tc[k].mult[i];
		}
		h = bfdt_new(21 + k, &c[0], &c[1]);
		bfdt_run_to(h, SIM_S(3));
		for (int i = 0; i < 2; i++) {
			struct bfd_session_info in = bfdt_info(&h->e[i]);
			int o = 1 - i;

			assert_int_equal(in.state, BFD_STATE_UP);
			assert_int_equal(in.tx_interval,
					 tc[k].tx[i] > tc[k].rx[o]
						 ? tc[k].tx[i]
						 : tc[k].rx[o]);
		}
		h->cut[0] = h->cut[1] = true;
		bfdt_run_to(h, SIM_S(3) + SIM_MS(1)); /* the wire drains */
		for (int i = 0; i < 2; i++) {
			exp[i] = bfdt_expected_detect(&h->e[i], &dt[i]);
			assert_int_equal(bfdt_info(&h->e[i]).detect_time,
					 dt[i]);
		}
		bfdt_run_to(h, SIM_S(5));
		for (int i = 0; i < 2; i++) {
			struct end *e = &h->e[i];
			const struct node_tw_rec *r;
			char buf[16];

			bfdt_assert_tr(e, e->ntr - 1, exp[i], BFD_STATE_UP,
				       BFD_STATE_DOWN, BFD_DIAG_TIME_EXPIRED);
			assert_int_equal(bfdt_info(e).last_down, exp[i]);
			assert_int_equal(bfdt_info(e).down_count, 1);
			r = node_tw_find(h->w, e->node.name, "bfd", "state", 2);
			assert_non_null(r);
			assert_int_equal(r->t, exp[i]);
			assert_true(node_tw_field(r, "mark", buf, sizeof(buf)));
			assert_string_equal(buf, "detect");
		}
		/* RemoteDiscr kept a Detection Time after going Down. */
		bfdt_free(h);
		h = bfdt_new(21 + k, &c[0], &c[1]);
		bfdt_run_to(h, SIM_S(3));
		h->cut[0] = h->cut[1] = true;
		bfdt_run_to(h, SIM_S(3) + SIM_MS(1));
		for (int i = 0; i < 2; i++) {
			exp[i] = bfdt_expected_detect(&h->e[i], &dt[i]);
			chk[2 * i] = (struct chk){ exp[i] + dt[i] - 1, i,
						   i ? A_DISC : B_DISC };
			chk[2 * i + 1] = (struct chk){ exp[i] + dt[i], i, 0 };
		}
		qsort(chk, 4, sizeof(chk[0]), chk_cmp);
		for (int j = 0; j < 4; j++) {
			bfdt_run_to(h, chk[j].t);
			assert_int_equal(
				bfd_session_remote_disc(h->e[chk[j].end].s),
				chk[j].disc);
		}
		assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_DOWN);
		bfdt_free(h);
	}
}

/* ---- Poll Sequence (6.5, 6.8.3) ---- */

static void test_poll_tx_increase(void **state)
{
	struct h *h = bfdt_pair_up(31);
	struct end *A = &h->e[0], *B = &h->e[1];
	sim_time_t t0 = SIM_S(2), mn, mx, tf = -1, tp = -1, tn = -1;
	size_t n;

	(void)state;
	h->drop_final[1] = true; /* B's Final replies never reach A */
	assert_int_equal(
		bfd_session_set_timers(A->s, SIM_MS(50), SIM_MS(10), 3), 0);
	assert_true(bfdt_info(A).poll_active);
	assert_int_equal(bfdt_info(A).tx_interval, SIM_MS(10)); /* held */
	assert_int_equal(bfdt_info(A).adv_desired_min_tx, SIM_MS(50));
	bfdt_run_to(h, SIM_MS(2500));
	for (size_t i = 0; i < A->sent.n; i++) {
		if (A->sent.v[i].t <= t0)
			continue;
		assert_true(A->sent.v[i].c.poll);
		assert_int_equal(A->sent.v[i].c.desired_min_tx_us, 50000);
	}
	bfdt_gaps(&A->sent, t0, SIM_MS(2500), &mn, &mx, &n);
	assert_true(n >= 45 && mx <= SIM_MS(10) && mn >= SIM_US(7500));
	assert_true(bfdt_info(A).poll_active);
	assert_int_equal(bfdt_info(B).detect_time, SIM_MS(150)); /* at once */
	assert_int_equal(bfdt_info(B).state, BFD_STATE_UP);
	/* The Final gets through: the poll ends, the interval grows. */
	h->drop_final[1] = false;
	bfdt_run_to(h, SIM_S(3));
	for (size_t i = 0; i < A->rcvd.n; i++)
		if (A->rcvd.v[i].t > SIM_MS(2500) && A->rcvd.v[i].c.final) {
			tf = A->rcvd.v[i].t;
			break;
		}
	assert_true(tf > 0);
	for (size_t i = 0; i < A->sent.n; i++) {
		if (A->sent.v[i].t < tf)
			tp = A->sent.v[i].t;
		else if (tn < 0)
			tn = A->sent.v[i].t;
		if (A->sent.v[i].t > tf)
			assert_false(A->sent.v[i].c.poll);
	}
	assert_true(tn - tp >= SIM_US(37500) && tn - tp <= SIM_MS(50));
	bfdt_gaps(&A->sent, tp, SIM_S(3), &mn, &mx, &n);
	assert_true(n >= 8 && mn >= SIM_US(37500) && mx <= SIM_MS(50));
	assert_false(bfdt_info(A).poll_active);
	assert_int_equal(bfdt_info(A).tx_interval, SIM_MS(50));
	assert_int_equal(bfdt_info(B).down_count, 0);
	bfdt_free(h);
}

/* Run in 100 us steps until A's poll_active equals want; the time. */
static sim_time_t until_poll(struct h *h, bool want, sim_time_t limit)
{
	while (bfdt_info(&h->e[0]).poll_active != want) {
		assert_true(sim_now(h->w->eng) < limit);
		bfdt_run_to(h, sim_now(h->w->eng) + SIM_US(100));
	}
	return sim_now(h->w->eng);
}

/* A second change during a poll gets its own sequence (6.8.3). */
static void test_poll_twice(void **state)
{
	struct h *h = bfdt_pair_up(33);
	struct end *A = &h->e[0];
	sim_time_t t1, t2, t3;

	(void)state;
	h->drop_final[1] = true;
	assert_int_equal(
		bfd_session_set_timers(A->s, SIM_MS(50), SIM_MS(10), 3), 0);
	bfdt_run_to(h, SIM_MS(2100));
	assert_int_equal(
		bfd_session_set_timers(A->s, SIM_MS(100), SIM_MS(10), 3), 0);
	assert_int_equal(bfdt_info(A).tx_interval, SIM_MS(10));
	h->drop_final[1] = false;
	t1 = until_poll(h, false, SIM_S(3));
	/* The first Final acknowledges 50 ms only. */
	assert_int_equal(bfdt_info(A).tx_interval, SIM_MS(50));
	t2 = until_poll(h, true, SIM_S(3));
	assert_true(t2 > t1);
	assert_int_equal(bfdt_info(A).tx_interval, SIM_MS(50));
	t3 = until_poll(h, false, SIM_S(4));
	assert_true(t3 > t2);
	assert_int_equal(bfdt_info(A).tx_interval, SIM_MS(100));
	assert_int_equal(bfdt_info(&h->e[1]).detect_time, SIM_MS(300));
	assert_int_equal(bfdt_info(&h->e[1]).down_count, 0);
	bfdt_free(h);
}

/* Reduce Required Min RX while Up; restore_final: let the poll end. */
static void poll_rx_case(bool restore_final)
{
	struct h *h = bfdt_pair_up(41);
	struct end *A = &h->e[0], *B = &h->e[1];
	sim_time_t exp, dt, want = restore_final ? SIM_MS(30) : SIM_MS(300);

	assert_int_equal(
		bfd_session_set_timers(A->s, SIM_MS(10), SIM_MS(100), 3), 0);
	/* An increase applies at once (6.8.3 restricts only reductions). */
	assert_int_equal(bfdt_info(A).detect_time, SIM_MS(300));
	bfdt_run_to(h, SIM_S(3));
	assert_false(bfdt_info(A).poll_active);
	assert_int_equal(bfdt_info(B).tx_interval, SIM_MS(100));
	h->drop_final[1] = true;
	assert_int_equal(
		bfd_session_set_timers(A->s, SIM_MS(10), SIM_MS(10), 3), 0);
	assert_int_equal(bfdt_info(A).detect_time, SIM_MS(300));
	bfdt_run_to(h, SIM_MS(3500));
	assert_int_equal(bfdt_info(A).detect_time, SIM_MS(300));
	assert_true(bfdt_info(A).poll_active);
	assert_int_equal(bfdt_info(B).tx_interval, SIM_MS(10)); /* B sped up */
	if (restore_final) {
		h->drop_final[1] = false;
		bfdt_run_to(h, SIM_S(4));
		assert_false(bfdt_info(A).poll_active);
	}
	assert_int_equal(bfdt_info(A).detect_time, want);
	h->cut[1] = true; /* B -> A; the wire drains in 1 ms */
	bfdt_run_to(h, sim_now(h->w->eng) + SIM_MS(1));
	assert_int_equal(bfd_session_state(A->s), BFD_STATE_UP);
	/* Held: the previous 100 ms still counts (6.8.3). */
	exp = bfdt_expected_detect_rx(
		A, restore_final ? SIM_MS(10) : SIM_MS(100), &dt);
	assert_int_equal(dt, want);
	bfdt_run_to(h, SIM_S(6));
	bfdt_assert_tr(A, A->ntr - 1, exp, BFD_STATE_UP, BFD_STATE_DOWN,
		       BFD_DIAG_TIME_EXPIRED);
	bfdt_free(h);
}

static void test_poll_rx_decrease_held(void **state)
{
	(void)state;
	poll_rx_case(false);
}

static void test_poll_rx_decrease_done(void **state)
{
	(void)state;
	poll_rx_case(true);
}

/* ---- AdminDown (6.8.16) ---- */

static void test_admin_down(void **state)
{
	struct h *h = bfdt_pair_up(51);
	struct end *A = &h->e[0], *B = &h->e[1];
	const struct pkt_rec *p;
	const struct node_tw_rec *r;
	char buf[16];

	(void)state;
	bfd_session_set_admin_down(A->s, true);
	bfdt_assert_tr(A, A->ntr - 1, SIM_S(2), BFD_STATE_UP,
		       BFD_STATE_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN);
	r = node_tw_find(h->w, "A", "bfd", "state", 2);
	assert_non_null(r);
	assert_false(node_tw_field(r, "mark", NULL, 0));
	bfd_session_set_admin_down(A->s, true); /* no second transition */
	assert_int_equal(A->ntr, 3);
	bfdt_run_to(h, SIM_S(4));
	p = bfdt_first_after(&A->sent, SIM_S(2));
	assert_int_equal(p->c.state, BFD_STATE_ADMIN_DOWN);
	assert_int_equal(p->c.diag, BFD_DIAG_ADMIN_DOWN);
	assert_int_equal(p->c.desired_min_tx_us, 1000000);
	assert_int_equal(p->t, SIM_S(2)); /* a state change goes out at once */
	assert_true(bfdt_first_after(&A->sent, p->t + 1)->t - p->t >=
		    SIM_MS(750));
	/* B: Down with Neighbor Signaled Session Down, and stays Down. */
	bfdt_assert_tr(B, B->ntr - 1, p->t + h->delay, BFD_STATE_UP,
		       BFD_STATE_DOWN, BFD_DIAG_NEIGHBOR_DOWN);
	r = node_tw_find(h->w, "B", "bfd", "state", 2);
	assert_true(node_tw_field(r, "mark", buf, sizeof(buf)));
	assert_string_equal(buf, "detect");
	assert_int_equal(bfd_session_state(B->s), BFD_STATE_DOWN);
	assert_int_equal(bfdt_info(B).remote_state, BFD_STATE_ADMIN_DOWN);
	assert_true(bfdt_info(A).drops[BFD_DROP_ADMIN_DOWN] >= 2);
	assert_int_equal(bfd_session_state(A->s), BFD_STATE_ADMIN_DOWN);
	/* Enabling: Down, then up again through Init. */
	bfd_session_set_admin_down(A->s, false);
	bfdt_assert_tr(A, 3, SIM_S(4), BFD_STATE_ADMIN_DOWN, BFD_STATE_DOWN,
		       BFD_DIAG_NONE);
	bfdt_run_to(h, SIM_S(8));
	assert_int_equal(bfd_session_state(A->s), BFD_STATE_UP);
	assert_int_equal(bfd_session_state(B->s), BFD_STATE_UP);
	assert_int_equal(bfdt_info(A).up_count, 2);
	bfdt_free(h);
}

static void test_admin_down_at_start(void **state)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h;

	(void)state;
	a.admin_down = true;
	h = bfdt_new(52, &a, &b);
	bfdt_run_to(h, SIM_S(10));
	assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_ADMIN_DOWN);
	assert_int_equal(bfd_session_state(h->e[1].s), BFD_STATE_DOWN);
	assert_int_equal(h->e[0].sent.v[0].c.state, BFD_STATE_ADMIN_DOWN);
	assert_int_equal(h->e[0].sent.v[0].c.diag, BFD_DIAG_ADMIN_DOWN);
	assert_int_equal(h->e[0].ntr, 0);
	assert_int_equal(h->e[1].ntr, 0);
	assert_int_equal(bfdt_info(&h->e[0]).drops[BFD_DROP_ADMIN_DOWN],
			 h->e[0].rcvd.n);
	bfdt_free(h);
}

/* ---- path down (6.8.17) ---- */

static void test_path_down(void **state)
{
	struct h *h = bfdt_pair_up(61);
	struct end *A = &h->e[0], *B = &h->e[1];
	const struct pkt_rec *p;
	size_t ntr;

	(void)state;
	bfd_session_set_path(A->s, false);
	bfdt_assert_tr(A, 2, SIM_S(2), BFD_STATE_UP, BFD_STATE_DOWN,
		       BFD_DIAG_PATH_DOWN);
	assert_true(bfdt_info(A).path_down);
	bfdt_run_to(h, SIM_S(12));
	assert_int_equal(A->ntr, 3); /* held Down */
	p = bfdt_first_after(&A->sent, SIM_S(2));
	assert_int_equal(p->c.state, BFD_STATE_DOWN);
	assert_int_equal(p->c.diag, BFD_DIAG_PATH_DOWN);
	bfdt_assert_tr(B, 2, p->t + h->delay, BFD_STATE_UP, BFD_STATE_DOWN,
		       BFD_DIAG_NEIGHBOR_DOWN);
	assert_int_equal(p->t, SIM_S(2));
	p = bfdt_first_after(&A->sent, p->t + 1);
	bfdt_assert_tr(B, 3, p->t + h->delay, BFD_STATE_DOWN, BFD_STATE_INIT,
		       BFD_DIAG_NEIGHBOR_DOWN);
	assert_int_equal(B->ntr, 4);
	assert_int_equal(bfd_session_state(B->s), BFD_STATE_INIT);
	/* Path back: B's next Init brings A straight Up. */
	ntr = A->ntr;
	bfd_session_set_path(A->s, true);
	assert_int_equal(A->ntr, ntr);
	assert_false(bfdt_info(A).path_down);
	bfdt_run_to(h, SIM_S(15));
	p = bfdt_first_after(&B->sent, SIM_S(12));
	assert_int_equal(p->c.state, BFD_STATE_INIT);
	bfdt_assert_tr(A, 3, p->t + h->delay, BFD_STATE_DOWN, BFD_STATE_UP,
		       BFD_DIAG_PATH_DOWN);
	assert_int_equal(bfd_session_state(B->s), BFD_STATE_UP);
	bfdt_free(h);
}

/* ---- passive role (6.1, 6.8.7) ---- */

static void test_passive(void **state)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h;
	sim_time_t exp, dt;

	(void)state;
	a.passive = true;
	h = bfdt_new(71, &a, &b);
	bfdt_run_to(h, h->delay - 1);
	assert_int_equal(h->e[0].sent.n, 0);
	assert_false(bfdt_info(&h->e[0]).tx_running);
	bfdt_run_to(h, SIM_S(3));
	assert_int_equal(h->e[0].sent.v[0].t, h->delay);
	assert_int_equal(h->e[0].sent.v[0].c.state, BFD_STATE_INIT);
	assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_UP);
	/* Silence: after the hold-down RemoteDiscr is zero, A is mute. */
	h->cut[0] = h->cut[1] = true;
	bfdt_run_to(h, SIM_S(3) + SIM_MS(1));
	exp = bfdt_expected_detect(&h->e[0], &dt);
	bfdt_run_to(h, SIM_S(20));
	assert_int_equal(bfd_session_remote_disc(h->e[0].s), 0);
	assert_false(bfdt_info(&h->e[0]).tx_running);
	/* Its last packet: the Down sent when the detection expired. */
	assert_int_equal(h->e[0].sent.v[h->e[0].sent.n - 1].t, exp);
	assert_int_equal(h->e[0].sent.v[h->e[0].sent.n - 1].c.state,
			 BFD_STATE_DOWN);
	assert_int_equal(bfdt_info(&h->e[0]).last_down, exp);
	(void)dt;
	bfdt_free(h);

	b.passive = true;
	h = bfdt_new(72, &a, &b);
	bfdt_run_to(h, SIM_S(10));
	assert_int_equal(h->e[0].sent.n + h->e[1].sent.n, 0);
	bfdt_free(h);
}

/* ---- offload versus a CPU freeze ---- */

static void freeze_case(bool offload)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h;
	sim_time_t exp, dt, mn, mx;
	size_t n;

	a.offload = offload;
	h = bfdt_new(131, &a, &b);
	bfdt_run_to(h, SIM_S(2));
	h->e[0].node.frozen_until = SIM_MS(2500);
	if (!offload) {
		/* A's next packet is due within 10 ms: find B's deadline
		 * from what B has accepted by then. */
		bfdt_run_to(h, SIM_S(2) + SIM_MS(1));
		exp = bfdt_expected_detect(&h->e[1], &dt);
		bfdt_run_to(h, SIM_S(3));
		bfdt_assert_tr(&h->e[1], 2, exp, BFD_STATE_UP, BFD_STATE_DOWN,
			       BFD_DIAG_TIME_EXPIRED);
		assert_true(exp < SIM_S(2) + SIM_MS(40));
		bfdt_gaps(&h->e[0].sent, SIM_S(2), SIM_MS(2500) - 1, &mn, &mx,
			  &n);
		assert_int_equal(n, 0);
	} else {
		bfdt_run_to(h, SIM_S(3));
		assert_int_equal(bfdt_info(&h->e[1]).down_count, 0);
		assert_int_equal(bfd_session_state(h->e[1].s), BFD_STATE_UP);
		assert_true(h->e[0].sent.v[h->e[0].sent.n - 1].c.cpi);
		bfdt_gaps(&h->e[0].sent, SIM_S(2), SIM_MS(2500), &mn, &mx, &n);
		assert_true(n >= 45 && mn >= SIM_US(7500) && mx <= SIM_MS(10));
	}
	bfdt_free(h);
}

static void test_freeze_cpu(void **state)
{
	(void)state;
	freeze_case(false);
}

static void test_freeze_offload(void **state)
{
	(void)state;
	freeze_case(true);
}

/* ---- determinism ---- */

static void run_times(uint64_t seed, sim_time_t out[12])
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h = bfdt_new(seed, &a, &b);

	bfdt_run_to(h, SIM_S(3));
	for (int i = 0; i < 4; i++) {
		out[i] = h->e[0].sent.v[i + 4].t;
		out[4 + i] = h->e[1].sent.v[i + 4].t;
	}
	for (int i = 0; i < 2; i++) {
		out[8 + i] = h->e[i].tr[0].t;
		out[10 + i] = h->e[i].tr[1].t;
	}
	bfdt_free(h);
}

static void test_deterministic(void **state)
{
	sim_time_t x[12], y[12], z[12];

	(void)state;
	run_times(7, x);
	run_times(7, y);
	run_times(8, z);
	assert_memory_equal(x, y, sizeof(x));
	assert_int_not_equal(x[0], z[0]);
	assert_int_not_equal(x[4], z[4]);
}

/* ---- API edges ---- */

static void nop_listen(void *arg, struct bfd_session *s, enum bfd_state o,
		       enum bfd_state n, enum bfd_diag d)
{
	(void)s;
	(void)o;
	(void)n;
	(void)d;
	(*(int *)arg)++;
}

static void test_api(void **state)
{
	struct bfd_session_cfg good = bfdt_cfg("s-a", A_DISC), bad;
	static const struct bfd_session_ops no_send = { .send = NULL };
	struct h *h = bfdt_new(141, &good, NULL);
	struct bfd_session *s = h->e[0].s;
	struct bfd_key k;
	int calls[BFD_MAX_LISTENERS + 1] = { 0 };

	(void)state;
	for (int i = 0; i < 8; i++) {
		bad = good;
		switch (i) {
		case 0:
			bad.local_disc = 0;
			break;
		case 1:
			bad.desired_min_tx = 0;
			break;
		case 2:
			bad.desired_min_tx = SIM_US(10) + 1;
			break;
		case 3:
			bad.required_min_rx = -1000;
			break;
		case 4:
			bad.detect_mult = 0;
			break;
		case 5:
			bad.key = bfdt_key(BFD_AUTH_SIMPLE, 1,
					   "01234567890123456");
			break;
		case 6:
			bad.key = bfdt_key(BFD_AUTH_KEYED_MD5, 1,
					   "01234567890123456");
			break;
		case 7:
			bad.key = bfdt_key(9, 1, "x");
			break;
		}
		assert_null(
			bfd_session_new(&h->e[1].node, &bad, &bfdt_ops, NULL));
	}
	assert_null(bfd_session_new(&h->e[1].node, &good, &no_send, NULL));
	assert_null(bfd_session_new(&h->e[1].node, &good, NULL, NULL));
	/* Timers and keys. */
	assert_int_equal(bfd_session_set_timers(s, 0, SIM_MS(10), 3), -1);
	assert_int_equal(bfd_session_set_timers(s, SIM_MS(10), SIM_MS(10), 0),
			 -1);
	assert_int_equal(bfdt_info(&h->e[0]).desired_min_tx, SIM_MS(10));
	assert_int_equal(bfd_session_set_timers(s, SIM_MS(20), 0, 5), 0);
	assert_int_equal(bfdt_info(&h->e[0]).detect_mult, 5);
	assert_int_equal(bfdt_info(&h->e[0]).adv_desired_min_tx, SIM_S(1));
	k = bfdt_key(BFD_AUTH_KEYED_SHA1, 2, "01234567890123456789");
	assert_int_equal(bfd_session_set_key(s, &k), 0);
	assert_int_equal(bfdt_info(&h->e[0]).auth_type, BFD_AUTH_KEYED_SHA1);
	k.len = 21;
	assert_int_equal(bfd_session_set_key(s, &k), -1);
	assert_int_equal(bfd_session_set_key(s, NULL), -1);
	/* Listeners. */
	for (int i = 0; i < BFD_MAX_LISTENERS - 1; i++)
		assert_int_equal(bfd_session_listen(s, nop_listen, &calls[i]),
				 0);
	assert_int_equal(bfd_session_listen(s, nop_listen, &calls[16]), -1);
	assert_int_equal(bfd_session_listen(s, NULL, NULL), -1);
	bfd_session_unlisten(s, nop_listen, &calls[3]);
	bfd_session_set_admin_down(s, true);
	assert_int_equal(calls[0], 1);
	assert_int_equal(calls[3], 0);
	assert_int_equal(calls[14], 1);
	assert_int_equal(h->e[0].ntr, 1); /* the harness listener too */
	/* Unexpected events are logged, not acted on. */
	bfd_session_set_path(s, false);
	assert_int_equal(bfd_session_state(s), BFD_STATE_ADMIN_DOWN);
	assert_string_equal(bfd_session_name(s), "s-a");
	assert_int_equal(bfd_session_local_disc(s), A_DISC);
	/* Drop names: distinct, and a fallback. */
	for (int i = 0; i < BFD_DROP__COUNT; i++)
		for (int j = i + 1; j < BFD_DROP__COUNT; j++)
			assert_string_not_equal(bfd_drop_name(i),
						bfd_drop_name(j));
	assert_string_equal(bfd_drop_name(BFD_DROP__COUNT), "unknown");
	bfd_session_free(NULL);
	bfdt_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_come_up_exact),
		cmocka_unit_test(test_come_up_slow),
		cmocka_unit_test(test_jitter_slow),
		cmocka_unit_test(test_jitter_fast),
		cmocka_unit_test(test_detect_exact),
		cmocka_unit_test(test_poll_tx_increase),
		cmocka_unit_test(test_poll_twice),
		cmocka_unit_test(test_poll_rx_decrease_held),
		cmocka_unit_test(test_poll_rx_decrease_done),
		cmocka_unit_test(test_admin_down),
		cmocka_unit_test(test_admin_down_at_start),
		cmocka_unit_test(test_path_down),
		cmocka_unit_test(test_passive),
		cmocka_unit_test(bfdt_test_auth_types),
		cmocka_unit_test(bfdt_test_auth_seq),
		cmocka_unit_test(bfdt_test_auth_duplicates),
		cmocka_unit_test(bfdt_test_rx_checks),
		cmocka_unit_test(bfdt_test_corrupt_wire),
		cmocka_unit_test(bfdt_test_remote_params),
		cmocka_unit_test(bfdt_test_static_remote_disc),
		cmocka_unit_test(test_freeze_cpu),
		cmocka_unit_test(test_freeze_offload),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_api),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
