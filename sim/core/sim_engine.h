/*
 * The discrete-event engine: one clock and one queue of intrusive timers per
 * simulation. Timers live inside their owner (recover it with
 * sim_container_of); arming or re-arming never allocates, cancel is
 * O(log n), and timers with equal deadlines fire in the order they were
 * armed, so a run is deterministic. The engine is an interface (struct
 * sim_engine_ops) with one built-in implementation, a 4-ary heap; a second
 * one (ns-3) can be slotted in behind the same calls.
 */
#ifndef SIM_ENGINE_H
#define SIM_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"

#define sim_container_of(ptr, type, member)                                    \
	((type *)((char *)(ptr)-offsetof(type, member)))

struct sim_engine;
struct sim_timer;

typedef void (*sim_timer_fn)(struct sim_timer *t);

struct sim_timer {
	sim_time_t deadline; /* absolute, ns */
	uint64_t seq;	     /* arming order: tie-break for equal deadlines */
	uint32_t slot;	     /* heap position + 1; 0 while not armed */
	sim_timer_fn fn;     /* called with the engine clock at deadline */
	struct sim_engine *eng; /* NULL until sim_timer_init */
};

struct sim_engine_ops {
	const char *name;
	int (*reserve)(struct sim_engine *e, size_t n);
	void (*unreserve)(struct sim_engine *e, size_t n);
	void (*arm)(struct sim_engine *e, struct sim_timer *t);
	void (*cancel)(struct sim_engine *e, struct sim_timer *t);
	struct sim_timer *(*peek)(struct sim_engine *e);
	struct sim_timer *(*pop)(struct sim_engine *e);
	void (*destroy)(struct sim_engine *e);
};

/* Create the built-in (heap) engine. NULL on allocation failure. */
struct sim_engine *sim_engine_new(void);
/*
 * Release the engine. Call sim_timer_fini on its timers first: a timer still
 * bound afterwards must not be used again (not even fini'd).
 */
void sim_engine_free(struct sim_engine *e);
/* The implementation's name ("heap"). */
const char *sim_engine_name(const struct sim_engine *e);

sim_time_t sim_now(const struct sim_engine *e);

/*
 * Bind a timer to an engine and reserve its queue slot (this is the only
 * call that may allocate). Returns 0, or -1 on allocation failure. The
 * timer's previous contents are ignored (it need not be zeroed); a timer
 * that is already bound must be fini'd first. fn may be NULL (fires
 * silently).
 */
int sim_timer_init(struct sim_engine *e, struct sim_timer *t, sim_timer_fn fn);
/*
 * Cancel if armed and release the reservation; the timer is then unbound
 * (eng NULL) and a second fini is a no-op. Safe on a zeroed timer.
 */
void sim_timer_fini(struct sim_timer *t);

/*
 * Arm at an absolute deadline (re-arms if already armed; a re-arm counts as
 * a new arming for tie-breaks). A deadline in the past is clamped to now.
 */
void sim_timer_arm(struct sim_timer *t, sim_time_t deadline);
/* Arm at now + delay (a negative delay means now; saturates at NEVER). */
void sim_timer_arm_in(struct sim_timer *t, sim_time_t delay);
/* No-op if not armed; safe on a zeroed or fini'd timer. */
void sim_timer_cancel(struct sim_timer *t);
/* False inside the timer's own callback unless the callback re-armed it. */
bool sim_timer_armed(const struct sim_timer *t);

/*
 * Fire every timer whose deadline is <= until, in (deadline, seq) order,
 * advancing the clock to each deadline; then set the clock to until (unless
 * stopped). Returns the number of timers fired.
 * The clock never moves backwards (an until in the past fires nothing and
 * leaves it alone), and run(SIM_TIME_NEVER) drains the queue leaving the
 * clock at the last deadline fired. Callbacks may arm, cancel and fini any
 * timer, but run and step are not re-entrant: called from a callback they
 * return 0 / false without doing anything.
 */
uint64_t sim_engine_run(struct sim_engine *e, sim_time_t until);
/* Fire the single next timer, if any. Returns false when the queue is empty. */
bool sim_engine_step(struct sim_engine *e);
/*
 * Make sim_engine_run return after the timer being fired (the clock stays
 * at that timer's deadline). Each run or step clears the request first, so
 * it only has an effect from inside a callback.
 */
void sim_engine_stop(struct sim_engine *e);

uint64_t sim_engine_fired(const struct sim_engine *e);	/* timers fired */
size_t sim_engine_pending(const struct sim_engine *e);	/* timers armed */
size_t sim_engine_reserved(const struct sim_engine *e); /* timers bound */

#endif
