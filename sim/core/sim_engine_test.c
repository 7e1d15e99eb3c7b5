/*
 * Tests of the event engine (sim_engine.c, sim_heap.c): ordering by deadline
 * then arming order (re-arms included), cancel and re-arm anywhere in the
 * heap, every kind of callback side effect (arming, cancelling and
 * releasing timers, including the one being fired), run/step/stop and clock
 * rules, counters, two engines side by side, and a randomized differential
 * test (sim_engine_diff_test.c) against a simple reference model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/core/sim_engine.h"
#include "sim/core/sim_rng.h"

#define LOG_MAX 4096

struct ctx;

/* What a test timer does when it fires. */
enum act { ACT_NONE, ACT_REARM, ACT_CANCEL, ACT_ARM, ACT_FINI, ACT_SELF };

struct tt {
	struct sim_timer t;
	struct ctx *c;
	int id;
	enum act act;
	struct tt *other;	/* target of ACT_CANCEL / ACT_ARM / ACT_FINI */
	sim_time_t delay;	/* for ACT_REARM / ACT_ARM */
	int repeat;		/* ACT_REARM: how many more times */
	bool armed_in_callback; /* sim_timer_armed(self) seen in callback */
	size_t pending_in_callback;
};

struct ctx {
	struct sim_engine *e;
	int n;
	int ids[LOG_MAX];
	sim_time_t at[LOG_MAX];
};

static void tt_fire(struct sim_timer *t)
{
	struct tt *x = sim_container_of(t, struct tt, t);
	struct ctx *c = x->c;

	assert_true(c->n < LOG_MAX);
	c->ids[c->n] = x->id;
	c->at[c->n] = sim_now(c->e);
	c->n++;
	switch (x->act) {
	case ACT_NONE:
		break;
	case ACT_REARM:
		if (x->repeat-- > 0)
			sim_timer_arm(t, t->deadline + x->delay);
		break;
	case ACT_CANCEL:
		sim_timer_cancel(&x->other->t);
		break;
	case ACT_ARM:
		sim_timer_arm_in(&x->other->t, x->delay);
		break;
	case ACT_FINI:
		sim_timer_fini(&x->other->t);
		break;
	case ACT_SELF:
		/* Cancel, then re-arm, then fini itself: all legal in order. */
		sim_timer_cancel(t);
		sim_timer_arm_in(t, 5);
		sim_timer_fini(t);
		break;
	}
	/* As the callback leaves it (eng may be NULL after ACT_SELF). */
	x->armed_in_callback = sim_timer_armed(t);
	x->pending_in_callback = sim_engine_pending(c->e);
}

static void tt_setup(struct ctx *c, struct tt *x, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		memset(&x[i], 0, sizeof(x[i]));
		x[i].c = c;
		x[i].id = i;
		assert_int_equal(sim_timer_init(c->e, &x[i].t, tt_fire), 0);
	}
}

static void tt_teardown(struct ctx *c, struct tt *x, int n)
{
	int i;

	for (i = 0; i < n; i++)
		sim_timer_fini(&x[i].t);
	assert_int_equal(sim_engine_pending(c->e), 0);
	assert_int_equal(sim_engine_reserved(c->e), 0);
	sim_engine_free(c->e);
	free(x);
}

static struct tt *fixture(struct ctx *c, int n)
{
	struct tt *x = calloc((size_t)n, sizeof(*x));

	assert_non_null(x);
	memset(c, 0, sizeof(*c));
	c->e = sim_engine_new();
	assert_non_null(c->e);
	tt_setup(c, x, n);
	return x;
}

static void expect_ids(const struct ctx *c, const int *ids, int n)
{
	int i;

	assert_int_equal(c->n, n);
	for (i = 0; i < n; i++)
		assert_int_equal(c->ids[i], ids[i]);
}

static void test_order_deadline_then_arming(void **state)
{
	static const sim_time_t dl[] = { 30, 10, 20, 10, 30, 10, 0, 20 };
	static const int want[] = { 6, 1, 3, 5, 2, 7, 0, 4 };
	struct ctx c;
	struct tt *x = fixture(&c, 8);
	int i;

	(void)state;
	assert_string_equal(sim_engine_name(c.e), "heap");
	for (i = 0; i < 8; i++)
		sim_timer_arm(&x[i].t, dl[i]);
	assert_int_equal(sim_engine_pending(c.e), 8);
	assert_int_equal(sim_engine_run(c.e, 100), 8);
	expect_ids(&c, want, 8);
	for (i = 0; i < 8; i++)
		assert_int_equal(c.at[i], dl[want[i]]);
	assert_int_equal(sim_now(c.e), 100);
	assert_int_equal(sim_engine_fired(c.e), 8);
	tt_teardown(&c, x, 8);
}

static void test_rearm_is_new_arming(void **state)
{
	static const int want[] = { 1, 2, 0, 3 };
	struct ctx c;
	struct tt *x = fixture(&c, 4);

	(void)state;
	sim_timer_arm(&x[0].t, 10);
	sim_timer_arm(&x[1].t, 10);
	sim_timer_arm(&x[2].t, 10);
	sim_timer_arm(&x[0].t, 10); /* same deadline, now last in line */
	sim_timer_arm(&x[3].t, 10);
	assert_int_equal(sim_engine_pending(c.e), 4);
	sim_engine_run(c.e, 10);
	expect_ids(&c, want, 4);
	tt_teardown(&c, x, 4);
}

/* A periodic timer re-arming itself at its deadline ties with others. */
static void test_rearm_in_callback_ties(void **state)
{
	static const int want[] = { 0, 1, 0, 1 };
	struct ctx c;
	struct tt *x = fixture(&c, 2);

	(void)state;
	x[0].act = ACT_REARM;
	x[0].delay = 10;
	x[0].repeat = 1;
	x[1].act = ACT_REARM;
	x[1].delay = 0; /* re-arms for the same instant: behind x[0] */
	x[1].repeat = 1;
	sim_timer_arm(&x[0].t, 10); /* fires at 10, re-armed for 20 */
	sim_timer_arm(&x[1].t, 20); /* armed before that re-arm */
	assert_int_equal(sim_engine_run(c.e, 20), 4);
	expect_ids(&c, want, 4);
	assert_int_equal(c.at[0], 10);
	assert_int_equal(c.at[1], 20);
	assert_int_equal(c.at[2], 20);
	assert_int_equal(c.at[3], 20);
	assert_int_equal(sim_engine_pending(c.e), 0);
	tt_teardown(&c, x, 2);
}

static void test_cancel_positions(void **state)
{
	enum { N = 200 };
	struct ctx c;
	struct tt *x = fixture(&c, N);
	static const int gone[] = { 0, 199, 100, 57, 1, 198, 3 };
	bool cancelled[N] = { false };
	int i, k = 0;

	(void)state;
	for (i = 0; i < N; i++)
		sim_timer_arm(&x[i].t, (sim_time_t)((i * 37) % N));
	/* Top of the heap, bottom, and middle entries. */
	for (i = 0; i < (int)(sizeof(gone) / sizeof(gone[0])); i++) {
		sim_timer_cancel(&x[gone[i]].t);
		cancelled[gone[i]] = true;
		assert_false(sim_timer_armed(&x[gone[i]].t));
	}
	sim_timer_cancel(&x[0].t); /* twice: no-op */
	assert_int_equal(sim_engine_pending(c.e), N - 7);
	sim_engine_run(c.e, N);
	assert_int_equal(c.n, N - 7);
	for (i = 0; i < c.n; i++) {
		assert_false(cancelled[c.ids[i]]);
		if (i > 0)
			assert_true(c.at[i] > c.at[i - 1]);
		k++;
	}
	assert_int_equal(k, N - 7);
	tt_teardown(&c, x, N);
}

static void test_rearm_earlier_later(void **state)
{
	static const int want[] = { 2, 0, 3, 1 };
	struct ctx c;
	struct tt *x = fixture(&c, 4);

	(void)state;
	sim_timer_arm(&x[0].t, 10);
	sim_timer_arm(&x[1].t, 20);
	sim_timer_arm(&x[2].t, 30);
	sim_timer_arm(&x[3].t, 40);
	sim_timer_arm(&x[2].t, 5);  /* earlier: moves to the top */
	sim_timer_arm(&x[1].t, 50); /* later: moves to the bottom */
	sim_timer_arm(&x[3].t, 15); /* earlier, from the middle */
	assert_int_equal(sim_engine_pending(c.e), 4);
	sim_engine_run(c.e, 100);
	expect_ids(&c, want, 4);
	assert_int_equal(c.at[0], 5);
	assert_int_equal(c.at[3], 50);
	tt_teardown(&c, x, 4);
}

static void test_cancel_in_callback(void **state)
{
	static const int want[] = { 0, 3 };
	struct ctx c;
	struct tt *x = fixture(&c, 4);

	(void)state;
	x[0].act = ACT_CANCEL;
	x[0].other = &x[1]; /* same deadline, later in line */
	x[3].act = ACT_CANCEL;
	x[3].other = &x[3]; /* cancels itself: harmless */
	sim_timer_arm(&x[0].t, 10);
	sim_timer_arm(&x[1].t, 10);
	sim_timer_arm(&x[2].t, 30);
	sim_timer_arm(&x[3].t, 20);
	sim_engine_run(c.e, 25);
	expect_ids(&c, want, 2);
	assert_int_equal(sim_engine_pending(c.e), 1);
	assert_true(sim_timer_armed(&x[2].t));
	assert_false(sim_timer_armed(&x[3].t));
	/* Cancel the top from a callback: x[1] cancels x[2]. */
	x[1].act = ACT_CANCEL;
	x[1].other = &x[2];
	sim_timer_arm(&x[1].t, 26);
	sim_engine_run(c.e, 100);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.ids[2], 1);
	assert_int_equal(sim_engine_pending(c.e), 0);
	tt_teardown(&c, x, 4);
}

static void test_self_rearm_periodic(void **state)
{
	struct ctx c;
	struct tt *x = fixture(&c, 1);
	int i;

	(void)state;
	x[0].act = ACT_REARM;
	x[0].delay = SIM_MS(10);
	x[0].repeat = 1000;
	sim_timer_arm(&x[0].t, SIM_MS(10));
	assert_int_equal(sim_engine_run(c.e, SIM_S(1)), 100);
	for (i = 0; i < 100; i++)
		assert_int_equal(c.at[i], SIM_MS(10) * (i + 1));
	/* Re-armed from its callback: armed, and counted as pending. */
	assert_true(x[0].armed_in_callback);
	assert_int_equal(x[0].pending_in_callback, 1);
	assert_true(sim_timer_armed(&x[0].t));
	assert_int_equal(x[0].t.deadline, SIM_MS(1010));
	tt_teardown(&c, x, 1);
}

static void test_not_armed_in_own_callback(void **state)
{
	struct ctx c;
	struct tt *x = fixture(&c, 2);

	(void)state;
	sim_timer_arm(&x[0].t, 1);
	sim_timer_arm(&x[1].t, 2);
	sim_engine_run(c.e, 1);
	assert_false(x[0].armed_in_callback);
	assert_int_equal(x[0].pending_in_callback, 1); /* x[1] only */
	assert_false(sim_timer_armed(&x[0].t));
	assert_int_equal(sim_engine_pending(c.e), 1);
	tt_teardown(&c, x, 2);
}

static void test_run_until_boundaries(void **state)
{
	struct ctx c;
	struct tt *x = fixture(&c, 2);

	(void)state;
	sim_timer_arm(&x[0].t, 100);
	sim_timer_arm(&x[1].t, 101);
	assert_int_equal(sim_engine_run(c.e, 99), 0);
	assert_int_equal(sim_now(c.e), 99);
	assert_int_equal(sim_engine_run(c.e, 100), 1); /* == until fires */
	assert_int_equal(sim_now(c.e), 100);
	assert_true(sim_timer_armed(&x[1].t));	      /* > until does not */
	assert_int_equal(sim_engine_run(c.e, 50), 0); /* no going back */
	assert_int_equal(sim_now(c.e), 100);
	assert_int_equal(sim_engine_run(c.e, 100), 0);
	assert_int_equal(sim_engine_run(c.e, SIM_TIME_NEVER), 1);
	assert_int_equal(sim_now(c.e), 101); /* drained, clock at last */
	assert_int_equal(sim_engine_run(c.e, 1000), 0);
	assert_int_equal(sim_now(c.e), 1000);
	tt_teardown(&c, x, 2);
}

static void test_clamp_past(void **state)
{
	static const int want[] = { 0, 1, 2, 3 };
	struct ctx c;
	struct tt *x = fixture(&c, 4);

	(void)state;
	sim_engine_run(c.e, 1000);
	sim_timer_arm(&x[0].t, 10);
	assert_int_equal(x[0].t.deadline, 1000);
	sim_timer_arm(&x[1].t, -5);
	sim_timer_arm_in(&x[2].t, -7);
	assert_int_equal(x[2].t.deadline, 1000);
	sim_timer_arm_in(&x[3].t, 0);
	assert_int_equal(sim_engine_run(c.e, 1000), 4);
	expect_ids(&c, want, 4);
	/* arm_in saturates at NEVER instead of overflowing. */
	sim_timer_arm_in(&x[0].t, SIM_TIME_NEVER);
	assert_int_equal(x[0].t.deadline, SIM_TIME_NEVER);
	sim_timer_arm_in(&x[1].t, SIM_TIME_NEVER - 1000);
	assert_int_equal(x[1].t.deadline, SIM_TIME_NEVER);
	tt_teardown(&c, x, 4);
}

static void test_step_and_stop(void **state)
{
	struct ctx c;
	struct tt *x = fixture(&c, 3);

	(void)state;
	assert_false(sim_engine_step(c.e));
	sim_timer_arm(&x[0].t, 50);
	sim_timer_arm(&x[1].t, 20);
	sim_timer_arm(&x[2].t, 30);
	assert_true(sim_engine_step(c.e));
	assert_int_equal(c.ids[0], 1);
	assert_int_equal(sim_now(c.e), 20);
	assert_false(x[1].armed_in_callback);
	assert_int_equal(sim_engine_pending(c.e), 2);
	assert_int_equal(sim_engine_fired(c.e), 1);
	/* A callback arming another timer for now: fired in the same run. */
	x[2].act = ACT_ARM;
	x[2].other = &x[1];
	x[2].delay = 0;
	sim_engine_stop(c.e); /* outside a run: forgotten */
	assert_int_equal(sim_engine_run(c.e, 40), 2);
	assert_int_equal(sim_now(c.e), 40);
	tt_teardown(&c, x, 3);
}

static void stop_fire(struct sim_timer *t)
{
	sim_engine_stop(t->eng);
}

static void reenter_fire(struct sim_timer *t)
{
	/* Not re-entrant: both calls must do nothing. */
	assert_int_equal(sim_engine_run(t->eng, SIM_TIME_NEVER), 0);
	assert_false(sim_engine_step(t->eng));
}

static void test_stop_and_reentry(void **state)
{
	struct sim_engine *e = sim_engine_new();
	struct sim_timer a, b, r, z;

	(void)state;
	assert_int_equal(sim_timer_init(e, &a, stop_fire), 0);
	assert_int_equal(sim_timer_init(e, &b, NULL), 0);
	assert_int_equal(sim_timer_init(e, &r, reenter_fire), 0);
	memset(&z, 0, sizeof(z));
	sim_timer_fini(&z);   /* zeroed: no-op */
	sim_timer_cancel(&z); /* zeroed: no-op */
	sim_timer_arm(&a, 10);
	sim_timer_arm(&b, 10);
	assert_int_equal(sim_engine_run(e, 100), 1);
	assert_int_equal(sim_now(e), 10);
	assert_true(sim_timer_armed(&b));
	sim_timer_arm(&r, 20);
	assert_int_equal(sim_engine_run(e, 100), 2); /* b (no fn), then r */
	assert_int_equal(sim_now(e), 100);
	sim_timer_fini(&a);
	sim_timer_fini(&a); /* twice: no-op */
	sim_timer_fini(&b);
	sim_timer_fini(&r);
	assert_int_equal(sim_engine_reserved(e), 0);
	sim_engine_free(e);
	sim_engine_free(NULL);
}

static void test_fini_armed_and_in_callbacks(void **state)
{
	struct ctx c;
	struct tt *x = fixture(&c, 5);

	(void)state;
	assert_int_equal(sim_engine_reserved(c.e), 5);
	sim_timer_arm(&x[0].t, 10);
	sim_timer_arm(&x[1].t, 20);
	sim_timer_arm(&x[2].t, 30);
	sim_timer_arm(&x[3].t, 40);
	sim_timer_fini(&x[3].t); /* armed: cancelled and released */
	assert_int_equal(sim_engine_pending(c.e), 3);
	assert_int_equal(sim_engine_reserved(c.e), 4);
	assert_null(x[3].t.eng);
	x[0].act = ACT_FINI;
	x[0].other = &x[1]; /* releases another armed timer */
	x[2].act = ACT_SELF;
	sim_engine_run(c.e, 100);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.ids[0], 0);
	assert_int_equal(c.ids[1], 2);
	assert_int_equal(sim_engine_pending(c.e), 0);
	assert_int_equal(sim_engine_reserved(c.e), 2);
	assert_null(x[2].t.eng);
	/* Re-bind a released timer and use it again. */
	assert_int_equal(sim_timer_init(c.e, &x[2].t, tt_fire), 0);
	x[2].act = ACT_NONE;
	sim_timer_arm_in(&x[2].t, 1);
	assert_int_equal(sim_engine_run(c.e, 101), 1);
	tt_teardown(&c, x, 5);
}

static void test_two_engines(void **state)
{
	struct ctx c1, c2;
	struct tt *x = fixture(&c1, 3);
	struct tt *y = fixture(&c2, 3);
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		x[i].act = ACT_REARM;
		x[i].delay = 7;
		x[i].repeat = 100;
		y[i].act = ACT_REARM;
		y[i].delay = 11;
		y[i].repeat = 100;
		sim_timer_arm(&x[i].t, i);
		sim_timer_arm(&y[i].t, 2 - i);
	}
	for (i = 1; i <= 50; i++) {
		sim_engine_run(c1.e, i * 3);
		sim_engine_run(c2.e, i * 5);
	}
	assert_int_equal(sim_now(c1.e), 150);
	assert_int_equal(sim_now(c2.e), 250);
	for (i = 0; i < c1.n; i++)
		assert_int_equal((c1.at[i] - c1.ids[i]) % 7, 0);
	for (i = 0; i < c2.n; i++)
		assert_int_equal((c2.at[i] - (2 - c2.ids[i])) % 11, 0);
	assert_int_equal(sim_engine_fired(c1.e), (uint64_t)c1.n);
	assert_int_equal(sim_engine_fired(c2.e), (uint64_t)c2.n);
	assert_int_equal(c1.n, 3 * 22); /* 0..147, 1..148, 2..149 by 7 */
	assert_int_equal(c2.n, 3 * 23); /* 2..244, 1..243, 0..242 by 11 */
	tt_teardown(&c1, x, 3);
	tt_teardown(&c2, y, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_deadline_then_arming),
		cmocka_unit_test(test_rearm_is_new_arming),
		cmocka_unit_test(test_rearm_in_callback_ties),
		cmocka_unit_test(test_cancel_positions),
		cmocka_unit_test(test_rearm_earlier_later),
		cmocka_unit_test(test_cancel_in_callback),
		cmocka_unit_test(test_self_rearm_periodic),
		cmocka_unit_test(test_not_armed_in_own_callback),
		cmocka_unit_test(test_run_until_boundaries),
		cmocka_unit_test(test_clamp_past),
		cmocka_unit_test(test_step_and_stop),
		cmocka_unit_test(test_stop_and_reentry),
		cmocka_unit_test(test_fini_armed_and_in_callbacks),
		cmocka_unit_test(test_two_engines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
