/*
 * Internals shared by the comparison writers of sim/measure
 * (meas_compare.c: check, compare.txt, compare.json; meas_compare_plot.c:
 * the plots): the summary row of a fault and kind, the values a difference
 * uses, and the matching of the flows of two runs by receiver and stream
 * name. Not for other modules: they use meas_compare.h.
 */
#ifndef MEAS_COMPARE_INT_H
#define MEAS_COMPARE_INT_H

#include <stdbool.h>

#include "sim/measure/meas_compare.h"

/* A (receiver, stream) pair of either run: its flow id in each, or -1. */
struct meas_cmp_flow {
	int fa, fb;
};

struct meas_cmp_flows {
	struct meas_cmp_flow *v; /* a's flows in order, then b's others */
	size_t n;
};

/* What one flow lost to one fault (its outages attributed to it). */
struct meas_cmp_val {
	bool hit;	  /* at least one outage */
	bool unrecovered; /* one of them never recovered */
	sim_time_t td;	  /* summed time-derived outage, ns */
	sim_time_t ld;	  /* summed loss-derived outage, ns */
	uint64_t lost;
};

/*
 * The summary row of (fault, kind) in r; when r has flows of the kind but
 * no row (nothing happened before the first fault), a row of no affected
 * flow written into buf; NULL when r has no flow of the kind.
 */
const struct meas_summary *meas_cmp_row(const struct meas_results *r, int fault,
					enum meas_kind kind,
					struct meas_summary *buf);
/*
 * A statistic of s (v, one of its fields) as a difference uses it: v
 * when s has affected flows, 0 when s has flows but none was affected,
 * MEAS_UNKNOWN when s is NULL.
 */
sim_time_t meas_cmp_stat(const struct meas_summary *s, sim_time_t v);
/* b - a, or MEAS_UNKNOWN when either is. */
sim_time_t meas_cmp_diff(sim_time_t a, sim_time_t b);
/* "+1.500" / "-1.500" / "0.000" (ms, 3 decimals), "-" if unknown. */
void meas_cmp_fmt_diff(sim_time_t d, char *buf, size_t len);

/* Match the flows of a and b; 0 or -1 (memory). */
int meas_cmp_match(const struct meas_results *a, const struct meas_results *b,
		   struct meas_cmp_flows *out);
void meas_cmp_flows_free(struct meas_cmp_flows *m);
/* The outages of flow (-1: none) attributed to fault, summed. */
void meas_cmp_flow_val(const struct meas_results *r, int flow, int fault,
		       struct meas_cmp_val *v);

#endif
