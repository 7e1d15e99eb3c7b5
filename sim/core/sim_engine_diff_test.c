/*
 * Randomized differential test of the event engine: thousands of random
 * init/fini/arm/cancel/run/step operations, with callbacks that themselves
 * arm, cancel and release timers, applied both to the real engine and to
 * a deliberately naive reference model (a linear scan for the least
 * (deadline, arming order)). After every operation the fire log, clock,
 * counters and every timer's armed state must agree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sim/core/sim_engine.h"
#include "sim/core/sim_rng.h"

#define NT	 150   /* timers: more than the heap's first allocation */
#define NOPS	 30000 /* top-level operations per seed */
#define LOG_SIZE 64

struct mtimer {
	bool bound, armed;
	sim_time_t dl;
	uint64_t seq;
};

struct model {
	sim_time_t now;
	uint64_t seq, fired;
	struct mtimer t[NT];
	struct sim_rng act; /* drives callback actions, in fire order */
	int log[LOG_SIZE];
	int nlog;
};

struct real;

struct rtimer {
	struct sim_timer t;
	struct real *r;
	int id;
};

struct real {
	struct sim_engine *e;
	struct rtimer t[NT];
	struct sim_rng act; /* same seed as the model's: same actions */
	int log[LOG_SIZE];
	int nlog;
};

/* One callback action, drawn from rng; what, whom and when. */
struct action {
	int kind; /* 0-3 nothing, 4 re-arm self, 5 cancel, 6 arm, 7 fini */
	int j;
	sim_time_t delay;
};

static struct action draw_action(struct sim_rng *rng, int self)
{
	struct action a;

	a.kind = (int)sim_rng_below(rng, 9);
	a.j = (int)sim_rng_below(rng, NT);
	a.delay = (sim_time_t)sim_rng_below(rng, 60);
	if (a.kind == 4 || a.kind == 8) {
		a.j = self;
		a.delay = a.kind == 8 ? 0 : a.delay; /* 8: same instant */
		a.kind = 4;
	}
	return a;
}

static void model_arm(struct model *m, int j, sim_time_t dl)
{
	m->t[j].armed = true;
	m->t[j].dl = dl < m->now ? m->now : dl;
	m->t[j].seq = m->seq++;
}

static void model_fire(struct model *m, int i)
{
	struct action a;

	m->now = m->t[i].dl;
	m->t[i].armed = false;
	m->fired++;
	if (m->nlog < LOG_SIZE)
		m->log[m->nlog++] = i;
	a = draw_action(&m->act, i);
	if (!m->t[a.j].bound)
		return;
	if (a.kind == 4 || a.kind == 6)
		model_arm(m, a.j, m->now + a.delay);
	else if (a.kind == 5)
		m->t[a.j].armed = false;
	else if (a.kind == 7)
		m->t[a.j].armed = m->t[a.j].bound = false;
}

static int model_next(const struct model *m)
{
	int i, best = -1;

	for (i = 0; i < NT; i++) {
		const struct mtimer *t = &m->t[i];

		if (!t->armed)
			continue;
		if (best < 0 || t->dl < m->t[best].dl ||
		    (t->dl == m->t[best].dl && t->seq < m->t[best].seq))
			best = i;
	}
	return best;
}

static void model_run(struct model *m, sim_time_t until)
{
	int i;

	while ((i = model_next(m)) >= 0 && m->t[i].dl <= until)
		model_fire(m, i);
	if (until > m->now)
		m->now = until;
}

static void real_fire(struct sim_timer *t)
{
	struct rtimer *x = sim_container_of(t, struct rtimer, t);
	struct real *r = x->r;
	struct action a;
	struct sim_timer *o;

	if (r->nlog < LOG_SIZE)
		r->log[r->nlog++] = x->id;
	a = draw_action(&r->act, x->id);
	o = &r->t[a.j].t;
	if (o->eng == NULL)
		return;
	if (a.kind == 4 || a.kind == 6)
		sim_timer_arm_in(o, a.delay);
	else if (a.kind == 5)
		sim_timer_cancel(o);
	else if (a.kind == 7)
		sim_timer_fini(o);
}

static void compare(const struct model *m, const struct real *r)
{
	size_t pending = 0, bound = 0;
	int i;

	assert_int_equal(m->nlog, r->nlog);
	assert_memory_equal(m->log, r->log, sizeof(int) * (size_t)m->nlog);
	assert_int_equal(m->now, sim_now(r->e));
	assert_int_equal(m->fired, sim_engine_fired(r->e));
	for (i = 0; i < NT; i++) {
		assert_int_equal(m->t[i].bound, r->t[i].t.eng != NULL);
		assert_int_equal(m->t[i].armed, sim_timer_armed(&r->t[i].t));
		if (m->t[i].armed)
			assert_int_equal(m->t[i].dl, r->t[i].t.deadline);
		pending += m->t[i].armed;
		bound += m->t[i].bound;
	}
	assert_int_equal(pending, sim_engine_pending(r->e));
	assert_int_equal(bound, sim_engine_reserved(r->e));
}

static void one_op(struct sim_rng *drv, struct model *m, struct real *r)
{
	int j = (int)sim_rng_below(drv, NT), op = (int)sim_rng_below(drv, 10);
	sim_time_t d = (sim_time_t)sim_rng_below(drv, 200) - 20;
	int i;

	m->nlog = r->nlog = 0;
	if (!m->t[j].bound) {
		/* Bind it (timers start, and are sometimes made, unbound). */
		m->t[j].bound = true;
		assert_int_equal(sim_timer_init(r->e, &r->t[j].t, real_fire),
				 0);
	} else if (op < 4) {
		model_arm(m, j, m->now + d);
		sim_timer_arm(&r->t[j].t, sim_now(r->e) + d);
	} else if (op < 6) {
		m->t[j].armed = false;
		sim_timer_cancel(&r->t[j].t);
	} else if (op == 6) {
		m->t[j].armed = m->t[j].bound = false;
		sim_timer_fini(&r->t[j].t);
	} else if (op == 7) {
		i = model_next(m);
		if (i >= 0)
			model_fire(m, i);
		assert_int_equal(sim_engine_step(r->e), i >= 0);
	} else {
		model_run(m, m->now + d / 2);
		sim_engine_run(r->e, sim_now(r->e) + d / 2);
	}
	compare(m, r);
}

static void run_seed(uint64_t seed)
{
	static struct model m;
	static struct real r;
	struct sim_rng drv;
	int i;

	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	r.e = sim_engine_new();
	assert_non_null(r.e);
	for (i = 0; i < NT; i++) {
		r.t[i].r = &r;
		r.t[i].id = i;
	}
	sim_rng_seed(&drv, seed, "driver");
	sim_rng_seed(&m.act, seed, "actions");
	sim_rng_seed(&r.act, seed, "actions");
	for (i = 0; i < NOPS; i++)
		one_op(&drv, &m, &r);
	/* Drain what is left, then release everything. */
	model_run(&m, m.now + 1000000);
	m.nlog = r.nlog = 0;
	sim_engine_run(r.e, sim_now(r.e) + 1000000);
	for (i = 0; i < NT; i++)
		sim_timer_fini(&r.t[i].t);
	assert_int_equal(sim_engine_pending(r.e), 0);
	assert_int_equal(sim_engine_reserved(r.e), 0);
	assert_true(sim_engine_fired(r.e) > NOPS / 4);
	sim_engine_free(r.e);
}

static void test_differential(void **state)
{
	uint64_t seed;

	(void)state;
	for (seed = 1; seed <= 4; seed++)
		run_seed(seed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_differential),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
