/*
 * Internals of the measurement engine shared by meas.c (recording: streams,
 * flows, arrivals, faults, marks) and meas_finish.c (analysis: outages,
 * attribution, anatomy, summary statistics). Not for other modules: they
 * use meas.h and the results it publishes.
 */
#ifndef MEAS_INT_H
#define MEAS_INT_H

#include "sim/measure/meas.h"

/* A gap found while recording, judged and completed by meas_finish. */
struct meas_gap {
	uint64_t before_seq; /* highest seq received before the gap */
	sim_time_t before_rx;
	uint64_t after_seq;
	sim_time_t after_rx;
	uint64_t dups, reordered; /* arrivals in the gap's window */
};

/* Duplicate / reordered counts of one flow attributed to one fault. */
struct meas_fault_count {
	int fault;
	uint64_t dups, reordered;
};

/* An arrival in the timeline context ring, with its arrival number. */
struct meas_ring_ent {
	struct meas_point pt;
	uint64_t idx;
};

/* Recording state of a flow beside its public meas_flow_info. */
struct meas_flow_priv {
	bool any;	   /* something arrived */
	uint64_t origin;   /* seq of the first arrival: bitmap bit 0 */
	uint64_t high;	   /* highest seq received */
	uint64_t prev_seq; /* last non-duplicate arrival */
	sim_time_t prev_rx;
	uint64_t *bits; /* received seqs, bit (seq - origin) */
	size_t nwords;
	struct meas_gap *gaps;
	size_t ngaps, capgaps;
	struct meas_fault_count *fc;
	size_t nfc, capfc;
	/* timeline plot points */
	struct meas_point *pts;
	uint64_t *pts_idx; /* arrival number of each kept point */
	size_t npts, cappts, cappts_idx;
	struct meas_ring_ent *ring; /* last timeline_context arrivals */
	size_t ring_head, ring_len;
	uint64_t arrivals;    /* arrival counter (idx of the next arrival) */
	uint32_t post_left;   /* arrivals still to keep after a gap */
	int next_same_stream; /* next flow of the same stream, or -1 */
	/* the latest new arrival the flow expected (all, until a leave) */
	bool exp_any;
	uint64_t exp_high;
	sim_time_t exp_rx;
	/* meas_flow_leave: the last expected seq L and the sent count then */
	bool left;
	bool leave_any; /* something was sent or received by the leave */
	uint64_t leave_high;
	uint64_t leave_sent;
};

struct meas_stream_priv {
	int first_flow; /* list of flows through next_same_stream, or -1 */
	int last_flow;
};

struct meas_mark_rec {
	sim_time_t t;
	enum meas_mark_kind kind;
	uint64_t order; /* report order, for stable sorting */
	char *node;
	char *what;
};

struct meas {
	struct meas_config cfg;
	char err[256];
	bool finished;
	sim_time_t max_rx; /* latest arrival recorded */

	struct meas_stream_info *streams;
	struct meas_stream_priv *spriv;
	size_t nstreams, capstreams, capspriv;

	struct meas_flow_info *flows;
	struct meas_flow_priv *fpriv;
	size_t nflows, capflows, capfpriv;

	struct meas_fault_info *faults;
	size_t nfaults, capfaults;

	struct meas_mark_rec *marks;
	size_t nmarks, capmarks;

	/* filled by meas_finish */
	struct meas_outage *outages;
	size_t noutages, capoutages;
	struct meas_summary *summary;
	size_t nsummary;
	struct meas_results res;
};

void meas_set_err(struct meas *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Room for need elements of size sz in arr (capacity *cap, doubled as
 * needed): returns the (possibly moved) array, or NULL with arr untouched.
 * MEAS_GROW(arr, cap, need) assigns it back and yields 0 or -1.
 */
void *meas_grow(void *arr, size_t *cap, size_t need, size_t sz);
#define MEAS_GROW(arr, cap, need)                                              \
	({                                                                     \
		void *p_ = meas_grow((arr), &(cap), (need), sizeof(*(arr)));   \
		if (p_ != NULL)                                                \
			(arr) = p_;                                            \
		p_ != NULL ? 0 : -1;                                           \
	})
/* Does flow fp expect seq (not one sent after its receiver left)? */
bool meas_expected(const struct meas_flow_priv *fp, uint64_t seq);
/* Is seq received by flow f? (seq >= origin) */
bool meas_bit_get(const struct meas_flow_priv *fp, uint64_t seq);
/* Fault index in effect at t (most recent at or before t), or -1. */
int meas_fault_at(const struct meas *m, sim_time_t t);
/* Keep the context ring of flow f in its timeline points. */
void meas_ring_flush(struct meas *m, struct meas_flow_priv *fp);

#endif
