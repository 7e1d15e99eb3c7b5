/*
 * The engine's public calls: the clock, timer binding, arming, cancelling
 * and the run loop, dispatched to an implementation through struct
 * sim_engine_ops (sim_engine_impl.h). This layer owns everything the
 * implementations share: sequence numbers for deterministic tie-breaks,
 * clamping of past deadlines, the pending/reserved/fired counters and the
 * rules for callbacks that arm, cancel or release timers (including the
 * one being fired). sim_engine_run fires the head timer in place, without
 * popping it first: if its callback re-arms it, the implementation only has
 * to move it once; if not, it is removed after the callback returns.
 * No RFC is implemented here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "sim/core/sim_engine_impl.h"

void sim_engine_base_init(struct sim_engine *e,
			  const struct sim_engine_ops *ops)
{
	*e = (struct sim_engine){ .ops = ops };
}

struct sim_engine *sim_engine_new(void)
{
	return sim_heap_engine_new();
}

void sim_engine_free(struct sim_engine *e)
{
	if (e != NULL)
		e->ops->destroy(e);
}

const char *sim_engine_name(const struct sim_engine *e)
{
	return e->ops->name;
}

sim_time_t sim_now(const struct sim_engine *e)
{
	return e->now;
}

int sim_timer_init(struct sim_engine *e, struct sim_timer *t, sim_timer_fn fn)
{
	if (e->ops->reserve(e, 1) != 0)
		return -1;
	*t = (struct sim_timer){ .fn = fn, .eng = e };
	e->reserved++;
	return 0;
}

void sim_timer_fini(struct sim_timer *t)
{
	struct sim_engine *e = t->eng;

	if (e == NULL)
		return;
	sim_timer_cancel(t);
	e->ops->unreserve(e, 1);
	e->reserved--;
	t->eng = NULL;
	t->fn = NULL;
}

static void sim_timer_unbound(const char *what)
{
	fprintf(stderr,
		"sim_engine: %s on a timer not bound by sim_timer_init\n",
		what);
	abort();
}

void sim_timer_arm(struct sim_timer *t, sim_time_t deadline)
{
	struct sim_engine *e = t->eng;

	if (e == NULL)
		sim_timer_unbound("sim_timer_arm");
	if (deadline < e->now)
		deadline = e->now;
	if (t == e->firing) {
		/* Re-armed from its own callback: still queued, now for real.
		 */
		e->firing = NULL;
		e->pending++;
	} else if (t->slot == 0) {
		e->pending++;
	}
	t->deadline = deadline;
	t->seq = e->seq++;
	e->ops->arm(e, t);
}

void sim_timer_arm_in(struct sim_timer *t, sim_time_t delay)
{
	struct sim_engine *e = t->eng;

	if (e == NULL)
		sim_timer_unbound("sim_timer_arm_in");
	if (delay < 0)
		delay = 0;
	if (delay > SIM_TIME_NEVER - e->now)
		sim_timer_arm(t, SIM_TIME_NEVER);
	else
		sim_timer_arm(t, e->now + delay);
}

void sim_timer_cancel(struct sim_timer *t)
{
	struct sim_engine *e = t->eng;

	if (e == NULL || t->slot == 0)
		return;
	if (t == e->firing)
		e->firing = NULL; /* already counted as not pending */
	else
		e->pending--;
	e->ops->cancel(e, t);
}

bool sim_timer_armed(const struct sim_timer *t)
{
	return t->slot != 0 && t != t->eng->firing;
}

/* Fire the head timer t in place (see the file comment). */
static void sim_engine_fire(struct sim_engine *e, struct sim_timer *t)
{
	e->now = t->deadline;
	e->firing = t;
	e->pending--;
	e->fired++;
	if (t->fn != NULL)
		t->fn(t);
	if (e->firing == t) {
		/* Neither re-armed nor cancelled by its callback. */
		e->firing = NULL;
		e->ops->cancel(e, t);
	}
}

uint64_t sim_engine_run(struct sim_engine *e, sim_time_t until)
{
	const struct sim_engine_ops *ops = e->ops;
	uint64_t start = e->fired;
	struct sim_timer *t;

	if (e->running)
		return 0; /* not re-entrant */
	e->running = true;
	e->stop = false;
	while (!e->stop && (t = ops->peek(e)) != NULL && t->deadline <= until)
		sim_engine_fire(e, t);
	if (!e->stop && until > e->now && until != SIM_TIME_NEVER)
		e->now = until;
	e->running = false;
	return e->fired - start;
}

bool sim_engine_step(struct sim_engine *e)
{
	struct sim_timer *t;

	if (e->running)
		return false;
	t = e->ops->pop(e);
	if (t == NULL)
		return false;
	e->running = true;
	e->stop = false;
	e->now = t->deadline;
	e->pending--;
	e->fired++;
	if (t->fn != NULL)
		t->fn(t);
	e->running = false;
	return true;
}

void sim_engine_stop(struct sim_engine *e)
{
	e->stop = true;
}

uint64_t sim_engine_fired(const struct sim_engine *e)
{
	return e->fired;
}

size_t sim_engine_pending(const struct sim_engine *e)
{
	return e->pending;
}

size_t sim_engine_reserved(const struct sim_engine *e)
{
	return e->reserved;
}
