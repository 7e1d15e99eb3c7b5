/*
 * The engine as seen by an implementation of struct sim_engine_ops: the
 * common engine state that every implementation embeds first, and the
 * contract each operation must honour. Only sim_engine.c and the
 * implementations (sim_heap.c, later an ns-3 wrapper) include this header;
 * everybody else uses sim_engine.h. No RFC is implemented here.
 *
 * Contract of the ops, called by sim_engine.c only:
 *   reserve(e, n)   make room so n more timers can be queued without
 *                   allocating; 0, or -1 on allocation failure.
 *   unreserve(e, n) give back n reservations (may keep the memory).
 *   arm(e, t)       t->deadline and t->seq are already set; queue t, or
 *                   move it if it is queued already (t->slot != 0), and
 *                   leave t->slot non-zero.
 *   cancel(e, t)    remove the queued timer t and set t->slot to 0.
 *   peek(e)         the queued timer with the least (deadline, seq), or NULL.
 *   pop(e)          remove and return that timer (slot 0), or NULL.
 *   destroy(e)      release the engine itself.
 */
#ifndef SIM_ENGINE_IMPL_H
#define SIM_ENGINE_IMPL_H

#include "sim/core/sim_engine.h"

struct sim_engine {
	const struct sim_engine_ops *ops;
	sim_time_t now;		  /* the clock, ns */
	uint64_t seq;		  /* arming number handed to the next arm */
	uint64_t fired;		  /* timers fired since creation */
	size_t pending;		  /* timers armed, the firing one excluded */
	size_t reserved;	  /* timers bound by sim_timer_init */
	struct sim_timer *firing; /* callback running, timer still queued */
	bool running;		  /* inside sim_engine_run or _step */
	bool stop;		  /* sim_engine_stop called during this run */
};

/* Set up the common part; an implementation calls it from its constructor. */
void sim_engine_base_init(struct sim_engine *e,
			  const struct sim_engine_ops *ops);

/* The built-in implementation: a 4-ary min-heap (sim_heap.c). */
struct sim_engine *sim_heap_engine_new(void);

#endif
