/*
 * Tests of the BFD rules over time (ck_r_bfd_flow.c, ck_r_bfd_echo.c):
 * two systems on one link exchange Control packets at exact times, on
 * both sides of every tolerance: the transmit interval and its jitter
 * (RFC 5880 6.8.7), the Detection Time (6.8.4), the state machine (6.2,
 * 6.8.6), Your Discriminator (6.8.7), Poll and Final (6.5, 6.8.7, 4.1),
 * sequence numbers (6.7.3, 6.7.4), one source port per session (RFC 5881
 * section 4), micro-BFD members, the Echo function (6.8.9, RFC 5881
 * section 4) and the bound on the flow table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_bfd_testutil.h"

#define A     0
#define B     1
#define MS(x) SIM_MS(x)
#define US(x) SIM_US(x)

static uint64_t count_of(const struct ckbt *t, const char *what)
{
	for (size_t i = 0; i < ck_ncounts(t->c); i++) {
		const char *w;
		uint64_t n;

		ck_count_at(t->c, i, &w, &n);
		if (strcmp(w, what) == 0)
			return n;
	}
	return 0;
}

static void expect(const struct ckbt *t, const char *id, uint64_t checked,
		   uint64_t failed)
{
	if (ckbt_checked(t, id) != checked || ckbt_failed(t, id) != failed)
		fail_msg("%s: checked %llu failed %llu, expected %llu/%llu "
			 "(%s)",
			 id, (unsigned long long)ckbt_checked(t, id),
			 (unsigned long long)ckbt_failed(t, id),
			 (unsigned long long)checked,
			 (unsigned long long)failed, ckbt_detail(t, id));
}

/* A Control packet in state st, at the slow rate when not Up. */
static struct bfd_ctrl ctl(uint8_t st, uint32_t my, uint32_t your)
{
	struct bfd_ctrl c = ckbt_ctrl(st, my, your);

	if (st != BFD_STATE_UP)
		c.desired_min_tx_us = 1000000;
	return c;
}

/* ---- 6.8.7: the transmit interval ---- */

struct txcase {
	const char *name;
	uint8_t mult;	    /* A's Detect Mult (3) */
	uint32_t peer_rx;   /* B's Required Min RX, us (10000) */
	sim_time_t gaps[6]; /* A's gaps, 0 ends */
	uint64_t checked, failed;
};

static const struct txcase txcases[] = {
	{ "steady 10 ms", 0, 0, { MS(10), MS(10), MS(10), MS(10) }, 3, 0 },
	{ "75% less tolerance", 0, 0, { MS(10), US(6800) }, 1, 0 },
	{ "just below", 0, 0, { MS(10), US(6800) - 1 }, 1, 1 },
	{ "100% plus tolerance", 0, 0, { MS(10), US(10700) }, 1, 0 },
	{ "just above", 0, 0, { MS(10), US(10700) + 1 }, 1, 1 },
	{ "two long gaps", 0, 0, { MS(10), MS(20), MS(20), MS(10) }, 1, 0 },
	{ "three long gaps", 0, 0, { MS(10), MS(20), MS(20), MS(20) }, 1, 1 },
	{ "Detect Mult 1, 90% plus tolerance",
	  1,
	  0,
	  { MS(10), US(9700) },
	  1,
	  0 },
	{ "Detect Mult 1, just above 90%",
	  1,
	  0,
	  { MS(10), US(9700) + 1 },
	  1,
	  1 },
	{ "peer's Required Min RX 50 ms", 0, 50000, { MS(50), MS(10) }, 1, 1 },
	{ "peer's Required Min RX 50 ms, 36 ms",
	  0,
	  50000,
	  { MS(50), MS(36) },
	  1,
	  0 },
};

/* A sends at its gaps; B sends every 4 ms, toggling C so that none of
 * B's packets is periodic-looking (only A is judged). */
static void run_tx(const struct txcase *tc)
{
	struct bfd_ctrl a = ckbt_ctrl(BFD_STATE_UP, 1, 2);
	struct bfd_ctrl b = ckbt_ctrl(BFD_STATE_UP, 2, 1);
	sim_time_t ta = CKBT_T0, tb = CKBT_T0 - MS(1), end = CKBT_T0;
	struct ckbt t;

	ckbt_init(&t, false);
	if (tc->mult)
		a.detect_mult = tc->mult;
	if (tc->peer_rx)
		b.required_min_rx_us = tc->peer_rx;
	for (int i = 0; i < 6 && tc->gaps[i]; i++)
		end += tc->gaps[i];
	for (int i = 0; ta <= end;) {
		if (tb < ta) {
			b.cpi = !b.cpi;
			ckbt_send(&t, B, &b, tb);
			tb += MS(4);
			continue;
		}
		ckbt_send(&t, A, &a, ta);
		if (i >= 6 || !tc->gaps[i])
			break;
		ta += tc->gaps[i++];
	}
	if (ckbt_checked(&t, "bfd.tx-interval") != tc->checked ||
	    ckbt_failed(&t, "bfd.tx-interval") != tc->failed)
		fail_msg(
			"%s: checked %llu failed %llu (%s)", tc->name,
			(unsigned long long)ckbt_checked(&t, "bfd.tx-interval"),
			(unsigned long long)ckbt_failed(&t, "bfd.tx-interval"),
			ckbt_detail(&t, "bfd.tx-interval"));
	ckbt_fini(&t);
}

static void test_bfd_tx_interval(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(txcases) / sizeof(txcases[0]); i++)
		run_tx(&txcases[i]);
}

/* Poll, Final, state and parameter changes are not periodic packets. */
static void test_bfd_tx_exclusions(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(BFD_STATE_UP, 1, 2);
	struct bfd_ctrl b = ckbt_ctrl(BFD_STATE_UP, 2, 1);
	sim_time_t tm = CKBT_T0;
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	ckbt_send(&t, B, &b, tm - 1);
	a.poll = true; /* a Poll Sequence at 3 ms */
	for (int i = 0; i < 4; i++)
		ckbt_send(&t, A, &a, tm += MS(3));
	a.poll = false;
	ckbt_send(&t, A, &a, tm += MS(3)); /* after the Poll */
	ckbt_send(&t, A, &a, tm += MS(3)); /* steady, but after a change */
	a.desired_min_tx_us = 20000;	   /* a parameter change */
	ckbt_send(&t, A, &a, tm += MS(3));
	ckbt_send(&t, A, &a, tm += MS(3)); /* the first after it */
	expect(&t, "bfd.tx-interval", 0, 0);
	ckbt_send(&t, A, &a, tm += MS(20)); /* now judged */
	expect(&t, "bfd.tx-interval", 1, 0);
	b.required_min_rx_us = 30000; /* the peer slows A down */
	ckbt_send(&t, B, &b, tm + 1);
	ckbt_send(&t, A, &a, tm += MS(3)); /* not judged: rx changed */
	ckbt_send(&t, A, &a, tm += MS(30));
	expect(&t, "bfd.tx-interval", 2, 0);
	a = ctl(BFD_STATE_DOWN, 1, 2); /* not Up: not judged */
	for (int i = 0; i < 4; i++)
		ckbt_send(&t, A, &a, tm += MS(3));
	expect(&t, "bfd.tx-interval", 2, 0);
	ckbt_fini(&t);
}

/* Without the peer only the lower bound is known. */
static void test_bfd_tx_one_direction(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(BFD_STATE_UP, 1, 2);
	sim_time_t tm = CKBT_T0;
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	ckbt_send(&t, A, &a, tm);
	ckbt_send(&t, A, &a, tm += MS(10));
	ckbt_send(&t, A, &a, tm += MS(100)); /* the negotiated may be more */
	expect(&t, "bfd.tx-interval", 1, 0);
	ckbt_send(&t, A, &a, tm += MS(5));
	expect(&t, "bfd.tx-interval", 2, 1);
	assert_non_null(strstr(ckbt_detail(&t, "bfd.tx-interval"),
			       "below 75% of 10.000 ms or more"));
	ckbt_fini(&t);
}

/* ---- 6.8.4: the Detection Time ---- */

static void run_detect(uint8_t b_state_late, sim_time_t late, bool again,
		       uint64_t checked, uint64_t failed)
{
	struct bfd_ctrl a = ckbt_ctrl(BFD_STATE_UP, 1, 2);
	struct bfd_ctrl b = ckbt_ctrl(BFD_STATE_UP, 2, 1);
	struct ckbt t;

	ckbt_init(&t, false);
	for (int i = 0; i < 3; i++) { /* A's last at T0 + 20 ms */
		ckbt_send(&t, A, &a, CKBT_T0 + i * MS(10));
		ckbt_send(&t, B, &b, CKBT_T0 + MS(5) + i * MS(10));
	}
	ckbt_send(&t, B, &b, CKBT_T0 + MS(35));
	ckbt_send(&t, B, &b, CKBT_T0 + MS(45));
	/* 3 x 10 ms + 3 ms tolerance after A's last: not yet judged. */
	ckbt_send(&t, B, &b, CKBT_T0 + MS(20) + MS(33));
	expect(&t, "bfd.detect-timeout", 0, 0);
	if (b_state_late != BFD_STATE_UP) {
		b = ctl(b_state_late, 2, 1);
		b.diag = BFD_DIAG_TIME_EXPIRED;
	}
	ckbt_send(&t, B, &b, CKBT_T0 + MS(20) + late);
	if (again) /* judged once per silence */
		ckbt_send(&t, B, &b, CKBT_T0 + MS(20) + late + MS(10));
	expect(&t, "bfd.detect-timeout", checked, failed);
	ckbt_fini(&t);
}

static void test_bfd_detect_timeout(void **state)
{
	(void)state;
	run_detect(BFD_STATE_UP, MS(33) + 1, true, 1, 1);
	run_detect(BFD_STATE_DOWN, MS(33) + 1, true, 1, 0);
	run_detect(BFD_STATE_UP, MS(33), false, 0, 0);
}

/* B goes Down within the tolerance of the Detection Time. */
static void test_bfd_detect_down_early(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(BFD_STATE_UP, 1, 2);
	struct bfd_ctrl b = ckbt_ctrl(BFD_STATE_UP, 2, 1);
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	ckbt_send(&t, A, &a, CKBT_T0);
	ckbt_send(&t, B, &b, CKBT_T0 + MS(5));
	b = ctl(BFD_STATE_DOWN, 2, 1);
	ckbt_send(&t, B, &b, CKBT_T0 + MS(27) - 1); /* too early to tell */
	expect(&t, "bfd.detect-timeout", 0, 0);
	ckbt_fini(&t);
	ckbt_init(&t, false);
	b = ckbt_ctrl(BFD_STATE_UP, 2, 1);
	ckbt_send(&t, A, &a, CKBT_T0);
	ckbt_send(&t, B, &b, CKBT_T0 + MS(5));
	b = ctl(BFD_STATE_DOWN, 2, 1);
	ckbt_send(&t, B, &b, CKBT_T0 + MS(27)); /* 30 ms less 3 ms */
	expect(&t, "bfd.detect-timeout", 1, 0);
	ckbt_send(&t, B, &b, CKBT_T0 + MS(1000)); /* judged once */
	expect(&t, "bfd.detect-timeout", 1, 0);
	ckbt_fini(&t);
}

/* A's silence after it sent Down is no detection matter. */
static void test_bfd_detect_after_down(void **state)
{
	struct bfd_ctrl a = ctl(BFD_STATE_DOWN, 1, 2);
	struct bfd_ctrl b = ckbt_ctrl(BFD_STATE_UP, 2, 1);
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	ckbt_send(&t, B, &b, CKBT_T0 - MS(1));
	ckbt_send(&t, A, &a, CKBT_T0);
	ckbt_send(&t, B, &b, CKBT_T0 + MS(100));
	ckbt_send(&t, B, &b, CKBT_T0 + MS(200));
	expect(&t, "bfd.detect-timeout", 0, 0);
	ckbt_fini(&t);
}

/* ---- 6.2, 6.8.6: the state machine ---- */

struct step {
	int who;
	uint8_t state;
};

struct stcase {
	const char *name;
	struct step steps[6];
	int n;
	uint64_t checked, failed;
};

#define AD BFD_STATE_ADMIN_DOWN
#define DN BFD_STATE_DOWN
#define IN BFD_STATE_INIT
#define UP BFD_STATE_UP

static const struct stcase stcases[] = {
	{ "three-way handshake",
	  { { A, DN }, { B, DN }, { A, IN }, { B, UP }, { A, UP } },
	  5,
	  3,
	  0 },
	{ "Up -> Init", { { A, UP }, { A, IN } }, 2, 1, 1 },
	{ "AdminDown -> Up", { { A, AD }, { A, UP } }, 2, 1, 1 },
	{ "AdminDown -> Init", { { A, AD }, { A, IN } }, 2, 1, 1 },
	{ "Down -> Up on the peer's Down",
	  { { A, DN }, { B, DN }, { A, UP } },
	  3,
	  1,
	  1 },
	{ "Down -> Up on the peer's Init",
	  { { A, DN }, { B, IN }, { A, UP } },
	  3,
	  1,
	  0 },
	{ "Down -> Init on the peer's Init",
	  { { A, DN }, { B, IN }, { A, IN } },
	  3,
	  1,
	  1 },
	{ "Init -> Up on the peer's Down",
	  { { A, IN }, { B, DN }, { A, UP } },
	  3,
	  1,
	  1 },
	{ "Up -> AdminDown -> Down",
	  { { A, UP }, { A, AD }, { A, DN } },
	  3,
	  2,
	  0 },
	{ "Init -> Down -> Init, peer unseen",
	  { { A, IN }, { A, DN }, { A, IN } },
	  3,
	  2,
	  0 },
	{ "Up -> Down on timeout",
	  { { B, UP }, { A, UP }, { A, DN } },
	  3,
	  1,
	  0 },
};

static void run_states(const struct stcase *sc)
{
	struct ckbt t;

	ckbt_init(&t, false);
	for (int i = 0; i < sc->n; i++) {
		const struct step *s = &sc->steps[i];
		struct bfd_ctrl c =
			ctl(s->state, s->who == A ? 1 : 2, s->who == A ? 2 : 1);

		ckbt_send(&t, s->who, &c, CKBT_T0 + i * MS(1));
	}
	if (ckbt_checked(&t, "bfd.state-transition") != sc->checked ||
	    ckbt_failed(&t, "bfd.state-transition") != sc->failed)
		fail_msg("%s: checked %llu failed %llu (%s)", sc->name,
			 (unsigned long long)ckbt_checked(
				 &t, "bfd.state-transition"),
			 (unsigned long long)ckbt_failed(
				 &t, "bfd.state-transition"),
			 ckbt_detail(&t, "bfd.state-transition"));
	ckbt_fini(&t);
}

static void test_bfd_state_transitions(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(stcases) / sizeof(stcases[0]); i++)
		run_states(&stcases[i]);
}

/* Silent for more than its Detection Time (3 x 10 ms), A may have
 * restarted: its next state starts a new session. */
static void test_bfd_state_after_restart(void **state)
{
	struct bfd_ctrl up = ckbt_ctrl(UP, 1, 2), in = ctl(IN, 1, 2);
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	ckbt_send(&t, A, &up, CKBT_T0);
	ckbt_send(&t, A, &in, CKBT_T0 + MS(30));
	expect(&t, "bfd.state-transition", 1, 1);
	ckbt_send(&t, A, &up, CKBT_T0 + MS(31)); /* Init -> Up */
	ckbt_send(&t, A, &in, CKBT_T0 + MS(61) + 1);
	expect(&t, "bfd.state-transition", 2, 1);
	ckbt_fini(&t);
}

/* ---- 6.8.6, 6.8.7: Your Discriminator ---- */

static void test_bfd_your_disc_match(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(UP, 1, 2), b = ckbt_ctrl(UP, 2, 1);
	sim_time_t tm = CKBT_T0;
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	ckbt_send(&t, A, &a, tm); /* the peer is not known yet */
	expect(&t, "bfd.your-disc-match", 0, 0);
	ckbt_send(&t, B, &b, tm += MS(1));
	ckbt_send(&t, A, &a, tm += MS(1));
	expect(&t, "bfd.your-disc-match", 2, 0); /* B's and A's */
	a.your_disc = 3;
	ckbt_send(&t, A, &a, tm += MS(1));
	expect(&t, "bfd.your-disc-match", 3, 1);
	b.my_disc = 5; /* allowed to change (6.3) */
	ckbt_send(&t, B, &b, tm += MS(1));
	a.your_disc = 2; /* the old value, in flight */
	ckbt_send(&t, A, &a, tm += MS(1));
	a.your_disc = 5;
	ckbt_send(&t, A, &a, tm += MS(1));
	expect(&t, "bfd.your-disc-match", 6, 1);
	a = ctl(DN, 1, 7); /* Down: not checked */
	ckbt_send(&t, A, &a, tm += MS(1));
	expect(&t, "bfd.your-disc-match", 6, 1);
	ckbt_fini(&t);
}

/* ---- 6.5, 6.8.7, 4.1: Poll and Final ---- */

/* A polls at T0 (and again after `again`, if nonzero); B answers with F
 * after `rt` (or sends without F when fin is false). */
static void run_poll(sim_time_t again, sim_time_t rt, bool fin,
		     uint64_t checked, uint64_t failed)
{
	struct bfd_ctrl a = ckbt_ctrl(UP, 1, 2), b = ckbt_ctrl(UP, 2, 1);
	struct ckbt t;

	ckbt_init(&t, false);
	ckbt_send(&t, B, &b, CKBT_T0 - MS(1));
	a.poll = true;
	ckbt_send(&t, A, &a, CKBT_T0);
	if (again)
		ckbt_send(&t, A, &a, CKBT_T0 + again);
	b.final = fin;
	ckbt_send(&t, B, &b, CKBT_T0 + again + rt);
	expect(&t, "bfd.poll-response", checked, failed);
	if (fin)
		expect(&t, "bfd.final-no-poll", 1, 0);
	ckbt_fini(&t);
}

static void test_bfd_poll_response(void **state)
{
	(void)state;
	run_poll(0, MS(5), true, 1, 0);
	run_poll(0, MS(12), true, 1, 0);      /* 10 ms + 2 ms */
	run_poll(0, MS(12) + 1, true, 1, 1);  /* late */
	run_poll(MS(10), MS(3), true, 1, 0);  /* the second Poll answered */
	run_poll(0, MS(32), false, 0, 0);     /* 30 ms + 2 ms: not yet */
	run_poll(0, MS(32) + 1, false, 1, 1); /* B ignores the Poll */
}

/* B silent on a Poll while Down: it may not hear A. */
static void test_bfd_poll_peer_down(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(UP, 1, 2), b = ctl(DN, 2, 0);
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	a.poll = true;
	ckbt_send(&t, A, &a, CKBT_T0);
	ckbt_send(&t, B, &b, CKBT_T0 + MS(2000));
	expect(&t, "bfd.poll-response", 0, 0);
	ckbt_fini(&t);
}

static void test_bfd_final_no_poll(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(UP, 1, 2), b = ckbt_ctrl(UP, 2, 1);
	sim_time_t tm = CKBT_T0;
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	ckbt_send(&t, A, &a, tm);
	b.final = true;
	ckbt_send(&t, B, &b, tm += MS(1)); /* nothing polled */
	expect(&t, "bfd.final-no-poll", 1, 1);
	a.poll = true; /* two Polls, two Finals */
	ckbt_send(&t, A, &a, tm += MS(1));
	ckbt_send(&t, A, &a, tm += MS(1));
	ckbt_send(&t, B, &b, tm += MS(1));
	ckbt_send(&t, B, &b, tm += MS(1));
	expect(&t, "bfd.final-no-poll", 3, 1);
	a.poll = false;
	ckbt_send(&t, A, &a, tm += MS(1));
	ckbt_send(&t, B, &b, tm += MS(1)); /* a third Final */
	expect(&t, "bfd.final-no-poll", 4, 2);
	expect(&t, "bfd.poll-response", 1, 0);
	ckbt_fini(&t);
}

/* ---- 6.7.3, 6.7.4: sequence numbers ---- */

static void run_seq(uint8_t type, uint32_t s1, uint32_t s2, sim_time_t gap,
		    const char *id, uint64_t checked, uint64_t failed)
{
	struct bfd_key k = { .type = type, .id = 1, .secret = "k", .len = 1 };
	struct bfd_ctrl a = ckbt_ctrl(UP, 1, 2);
	struct ckbt t;

	ckbt_init(&t, false);
	t.end[A].key = &k;
	a.auth.seq = s1;
	ckbt_send(&t, A, &a, CKBT_T0);
	a.auth.seq = s2;
	ckbt_send(&t, A, &a, CKBT_T0 + gap);
	if (ckbt_checked(&t, id) != checked || ckbt_failed(&t, id) != failed)
		fail_msg("%s %u -> %u: checked %llu failed %llu", id, s1, s2,
			 (unsigned long long)ckbt_checked(&t, id),
			 (unsigned long long)ckbt_failed(&t, id));
	ckbt_fini(&t);
}

static void test_bfd_auth_seq(void **state)
{
	(void)state;
	run_seq(BFD_AUTH_METICULOUS_SHA1, 5, 5, MS(10), "bfd.auth-seq", 1, 1);
	run_seq(BFD_AUTH_METICULOUS_SHA1, 5, 6, MS(10), "bfd.auth-seq", 1, 0);
	run_seq(BFD_AUTH_METICULOUS_MD5, 5, 8, MS(10), "bfd.auth-seq", 1, 0);
	run_seq(BFD_AUTH_METICULOUS_MD5, 5, 4, MS(10), "bfd.auth-seq", 1, 1);
	run_seq(BFD_AUTH_METICULOUS_MD5, 0xffffffffu, 0, MS(10), "bfd.auth-seq",
		1, 0);
	/* 2 x Detection Time (60 ms) of silence: AuthSeqKnown is gone. */
	run_seq(BFD_AUTH_METICULOUS_SHA1, 5, 5, MS(60), "bfd.auth-seq", 1, 1);
	run_seq(BFD_AUTH_METICULOUS_SHA1, 5, 5, MS(60) + 1, "bfd.auth-seq", 0,
		0);
	run_seq(BFD_AUTH_KEYED_MD5, 5, 5, MS(10), "bfd.auth-seq-keyed", 1, 0);
	run_seq(BFD_AUTH_KEYED_SHA1, 5, 4, MS(10), "bfd.auth-seq-keyed", 1, 1);
	run_seq(BFD_AUTH_KEYED_SHA1, 5, 4, MS(10), "bfd.auth-seq", 0, 0);
	run_seq(BFD_AUTH_SIMPLE, 5, 4, MS(10), "bfd.auth-seq-keyed", 0, 0);
}

/* ---- RFC 5881 section 4: one source port per session ---- */

static void test_bfd_src_port_stable(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(UP, 1, 2);
	sim_time_t tm = CKBT_T0;
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	ckbt_send(&t, A, &a, tm);
	ckbt_send(&t, A, &a, tm += MS(10));
	expect(&t, "bfd.src-port-stable", 1, 0);
	t.end[A].sport = 50000;
	ckbt_send(&t, A, &a, tm += MS(10));
	expect(&t, "bfd.src-port-stable", 2, 1);
	t.end[A].sport = 50001; /* after a Detection Time (30 ms): new */
	ckbt_send(&t, A, &a, tm += MS(30) + 1);
	expect(&t, "bfd.src-port-stable", 2, 1);
	a.my_disc = 9; /* another discriminator: a new session */
	t.end[A].sport = 50002;
	ckbt_send(&t, A, &a, tm += MS(10));
	expect(&t, "bfd.src-port-stable", 2, 1);
	ckbt_fini(&t);
}

/* ---- RFC 7130: micro-BFD members are separate sessions ---- */

static void test_bfd_micro_members(void **state)
{
	struct bfd_ctrl m1 = ckbt_ctrl(UP, 1, 2), m2 = ctl(DN, 11, 0);
	struct bfd_ctrl p1 = ckbt_ctrl(UP, 2, 1);
	sim_time_t tm = CKBT_T0;
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	t.dport = 6784;
	ckbt_send(&t, B, &p1, tm);
	for (int i = 0; i < 3; i++) {
		ckbt_send(&t, A, &m1, tm += MS(1));
		ckbt_send(&t, A, &m2, tm += MS(1));
	}
	expect(&t, "bfd.state-transition", 0, 0);
	expect(&t, "bfd.detect-timeout", 0, 0);
	ckbt_fini(&t);
}

/* ---- 6.8.9, RFC 5881 section 4: the Echo function ---- */

/* An Echo packet of A's (src = dst = A) sent by `l2` (A, or B looping
 * it back) at tm. */
static void echo(struct ckbt *t, int l2, sim_time_t tm)
{
	static const uint8_t payload[12] = { 0, 0, 0, 1 };
	struct net_addr saved = t->end[!l2].ip;

	t->end[!l2].ip = t->end[A].ip;
	if (l2 == B)
		t->end[B].ip = t->end[A].ip;
	ckbt_feed(t,
		  ckbt_frame(t, l2, 49152, BFD_PORT_ECHO, l2 == A ? 255 : 254,
			     payload, sizeof(payload)),
		  tm);
	t->end[!l2].ip = saved;
	if (l2 == B)
		assert_int_equal(net_addr_parse("10.0.0.2", &t->end[B].ip), 0);
}

static void test_bfd_echo(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(UP, 1, 2), b = ckbt_ctrl(UP, 2, 1);
	sim_time_t tm = CKBT_T0;
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	echo(&t, A, tm); /* no session yet */
	assert_int_equal(count_of(&t, "bfd echo without a control session"), 1);
	b.required_min_echo_rx_us = 50000;
	ckbt_send(&t, A, &a, tm += MS(1));
	ckbt_send(&t, B, &b, tm += MS(1));
	echo(&t, A, tm += MS(1));
	echo(&t, B, tm + US(10)); /* looped back by B: not A's sending */
	assert_int_equal(count_of(&t, "bfd echo looped back"), 1);
	expect(&t, "bfd.echo-up", 1, 0);
	expect(&t, "bfd.echo-allowed", 1, 0);
	expect(&t, "bfd.echo-interval", 0, 0);
	echo(&t, A, tm += MS(37)); /* 75% of 50 ms less 0.5 ms */
	expect(&t, "bfd.echo-interval", 1, 0);
	echo(&t, A, tm + MS(20)); /* the one extra packet */
	expect(&t, "bfd.echo-interval", 2, 0);
	echo(&t, A, tm + MS(37) - 1); /* a second one */
	expect(&t, "bfd.echo-interval", 3, 1);
	echo(&t, A, tm += MS(37));
	expect(&t, "bfd.echo-interval", 4, 1);
	b.required_min_echo_rx_us = 0;
	ckbt_send(&t, B, &b, tm += MS(1));
	echo(&t, A, tm += MS(50));
	expect(&t, "bfd.echo-allowed", 6, 1);
	a = ctl(DN, 1, 2);
	ckbt_send(&t, A, &a, tm += MS(1));
	echo(&t, A, tm += MS(50));
	expect(&t, "bfd.echo-up", 7, 1);
	ckbt_fini(&t);
}

static void test_bfd_echo_src(void **state)
{
	static const uint8_t payload[8];
	struct ckbt t;

	(void)state;
	ckbt_init(&t, true);
	ckbt_raw(&t, A, BFD_PORT_ECHO, payload, sizeof(payload), CKBT_T0);
	expect(&t, "bfd.echo-src", 1, 0);
	assert_int_equal(net_addr_parse("fe80::1", &t.end[A].ip), 0);
	ckbt_raw(&t, A, BFD_PORT_ECHO, payload, sizeof(payload), CKBT_T0 + 1);
	expect(&t, "bfd.echo-src", 2, 1);
	ckbt_fini(&t);
}

/* ---- the flow table is bounded ---- */

static void test_bfd_flow_table_bound(void **state)
{
	struct bfd_ctrl a = ckbt_ctrl(UP, 1, 2);
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	for (int i = 0; i < 4100; i++) {
		t.end[A].ip.b[2] = (uint8_t)(i >> 8);
		t.end[A].ip.b[3] = (uint8_t)i;
		ckbt_send(&t, A, &a, CKBT_T0 + i);
	}
	assert_int_equal(
		count_of(&t, "bfd packets of untracked flows (table full)"), 4);
	assert_int_equal(count_of(&t, "bfd"), 4100);
	ckbt_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bfd_tx_interval),
		cmocka_unit_test(test_bfd_tx_exclusions),
		cmocka_unit_test(test_bfd_tx_one_direction),
		cmocka_unit_test(test_bfd_detect_timeout),
		cmocka_unit_test(test_bfd_detect_down_early),
		cmocka_unit_test(test_bfd_detect_after_down),
		cmocka_unit_test(test_bfd_state_transitions),
		cmocka_unit_test(test_bfd_state_after_restart),
		cmocka_unit_test(test_bfd_your_disc_match),
		cmocka_unit_test(test_bfd_poll_response),
		cmocka_unit_test(test_bfd_poll_peer_down),
		cmocka_unit_test(test_bfd_final_no_poll),
		cmocka_unit_test(test_bfd_auth_seq),
		cmocka_unit_test(test_bfd_src_port_stable),
		cmocka_unit_test(test_bfd_micro_members),
		cmocka_unit_test(test_bfd_echo),
		cmocka_unit_test(test_bfd_echo_src),
		cmocka_unit_test(test_bfd_flow_table_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
