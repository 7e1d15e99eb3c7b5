/*
 * The outage measurement engine, in the benchmarking terms of RFC 6412
 * (terminology) and RFC 6413 (methodology). Test streams of
 * sequence-numbered packets are offered at a known rate (RFC 6412 section
 * 3.5: the Loss-Derived and Rate-Derived Methods both rely on a constant
 * Offered Load); each (receiver, stream) pair is a flow. The simulator
 * reports what was sent (meas_tx), what arrived (meas_rx), when faults were
 * injected (meas_fault, the Convergence Event Instant of RFC 6412 section
 * 3.2.2) and the milestones of the repair (meas_mark). meas_finish then
 * turns this into:
 *
 *  - per flow: sent, received, lost, duplicates (RFC 5560 sense: a sequence
 *    number seen twice, e.g. two routers forwarding at once), reordered
 *    (RFC 4737 section 3.3 sense: a non-duplicate arrival whose sequence
 *    number is lower than the highest seen so far), one-way delay min/max;
 *  - per gap ("outage"): the last packet before, the first after, packets
 *    lost between them, the loss-derived outage (lost / rate: RFC 6412
 *    section 3.6.4 Loss-Derived Convergence Time, section 3.5.2
 *    Loss-Derived Method, and RFC 6413 section 4) and the time-derived
 *    outage (arrival gap minus one packet interval: the Route Loss of
 *    Connectivity Period of RFC 6412 section 3.6.5, observed at the
 *    receiver with a Packet Sampling Interval, section 3.7.6, of one
 *    packet);
 *  - per fault: the outage anatomy (detection, protocol, programming,
 *    delivery, from the marks) and, per traffic kind, min / median / p99 /
 *    max of the outages across affected flows.
 *
 * Definitions (all times are sim time in integer ns; MEAS_UNKNOWN marks a
 * value that could not be measured, never zero):
 *
 *  interval     1e9 / rate, truncated to whole ns.
 *  new arrival  one that raises the highest sequence number received.
 *  gap          two consecutive new arrivals of a flow that are more than
 *               gap_threshold intervals apart, or a new arrival that skips
 *               sequence numbers (duplicates and late reordered packets
 *               neither open nor close gaps). A candidate whose skipped
 *               numbers all arrive later (reordering) and whose arrival
 *               gap is within the threshold is not an outage.
 *  before       the new arrival before the gap (the highest sequence
 *               number received so far) and its arrival time.
 *  after        the new arrival that closed the gap.
 *  lost         sequence numbers between before and after that never
 *               arrived (counted at meas_finish, so late arrivals count).
 *  loss-derived lost * 1e9 / rate, floor, exact integer arithmetic.
 *  time-derived (after.rx - before.rx) - interval, clamped at 0.
 *  window       dups and reordered arrivals are counted against the most
 *               recent gap when they arrive no later than its after.rx +
 *               gap_threshold intervals (double forwarding shows there).
 *  tail         sequence numbers sent after the highest one received. When
 *               the flow was also silent for more than the threshold before
 *               the end, they form an unrecovered outage whose time-derived
 *               value is a lower bound measured up to min(end, stop).
 *  sent         meas_tx calls of the stream; packets sent before the flow's
 *               first arrival (joining a group, ARP) are "before_first" and
 *               count neither as received nor lost.
 *  leave        meas_flow_leave(flow, t): the receiver stopped wanting the
 *               stream at t (an IGMP Leave or MLD Done). L, the stream's
 *               highest sequence number sent by t, is the last one the
 *               flow expects. Packets sent after t that never arrive are
 *               "after_leave": neither received nor lost. Arrivals after
 *               t still count as received: in flight at or below L they
 *               are expected (and may close gaps), above L they create no
 *               loss, no gap and no outage. Tail is counted up to L; the
 *               silence that makes it an outage is measured up to
 *               min(end, t), and the time-derived lower bound of an
 *               unrecovered outage up to min(stop, end, t). A flow whose
 *               first arrival is above L is treated as one that never
 *               received anything.
 *               Without stragglers from before the first arrival, sent =
 *               before_first + received + lost + after_leave.
 *  start        of an outage: before.rx + interval (when the missing packet
 *               was due); a flow that never received anything has one
 *               outage starting at the stream's first transmission, and
 *               when it left, its lost count is what was sent before the
 *               leave.
 *  attribution  an outage belongs to the most recent fault at or before its
 *               start; a duplicate or reordered arrival to the most recent
 *               fault at or before its arrival; otherwise to "none" (-1).
 *
 * Anatomy of fault F (marks of one kind, searched in time order, equal
 * times in the order they were reported; "window" is [F.t, next fault)):
 *  detect_at    first DETECT mark in the window.
 *  protocol_at  last PROTOCOL mark in [detect_at (or F.t), recovered_at]
 *               (the reaction that repaired the traffic; earlier ones by
 *               other routers repair nothing); when nothing recovered or
 *               there is none, the first PROTOCOL mark in [detect_at (or
 *               F.t), window end).
 *  recovered_at latest after.rx of the recovered outages attributed to F.
 *  program_at   last PROGRAM mark in [protocol_at, recovered_at]: the ASIC
 *               write that completed the slowest flow's repair; when F
 *               caused no outage, the first PROGRAM mark in [protocol_at,
 *               window end).
 *  detection = detect_at - F.t, protocol = protocol_at - detect_at,
 *  programming = program_at - protocol_at, delivery = recovered_at -
 *  program_at; each is unknown when either end is. Per outage, the same
 *  is computed with the outage's own after.rx: program_at is the last
 *  PROGRAM mark in [F.protocol_at, after.rx].
 *
 * Summary statistics use the nearest-rank percentile: the p-th percentile
 * of n sorted values is the value at rank ceil(p * n / 100) (1-based), so
 * the median of 4 values is the 2nd and p99 of 10 values is the 10th. They
 * are taken over the affected flows (flows with at least one outage
 * attributed to the fault), a flow's value being the sum of its outages
 * attributed to that fault.
 *
 * Calls must come in sim-time order: meas_fault refuses a time earlier
 * than a previous fault or an arrival already recorded. No global state:
 * any number of engines may live in one process.
 */
#ifndef MEAS_H
#define MEAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"

#define MEAS_UNKNOWN  INT64_MIN
#define MEAS_NO_FAULT (-1)
/* Largest forward jump of a sequence number accepted by meas_rx. */
#define MEAS_MAX_SEQ_JUMP ((uint64_t)1 << 24)

enum meas_kind { MEAS_MULTICAST = 0, MEAS_UNICAST, MEAS_KIND__COUNT };

enum meas_mark_kind {
	MEAS_MARK_DETECT = 0, /* failure noticed: oper-down, BFD down, ... */
	MEAS_MARK_PROTOCOL,   /* protocol reacted: became Master, route set */
	MEAS_MARK_PROGRAM,    /* forwarding plane write completed */
	MEAS_MARK__COUNT
};

enum meas_point_kind { MEAS_PT_NEW = 0, MEAS_PT_DUP, MEAS_PT_REORDER };

struct meas_config {
	uint32_t gap_threshold;	   /* intervals of silence making a gap (3) */
	uint32_t timeline_context; /* arrivals kept each side of a gap (50) */
	uint32_t timeline_pps;	   /* background points kept per second (20) */
	uint32_t timeline_max;	   /* cap of kept points per flow (4096) */
};

/* One arrival kept for the receiver timeline plot. */
struct meas_point {
	sim_time_t rx;
	uint64_t seq;
	uint8_t kind; /* enum meas_point_kind */
};

struct meas_stats {
	sim_time_t min, median, p99, max; /* MEAS_UNKNOWN when n == 0 */
};

struct meas_stream_info {
	const char *name;
	enum meas_kind kind;
	const char *dst;     /* group or destination address, as text */
	uint32_t rate_pps;   /* Offered Load, packets per second */
	sim_time_t interval; /* 1e9 / rate_pps, ns */
	sim_time_t start;    /* configured start and stop (stop may be */
	sim_time_t stop;     /* SIM_TIME_NEVER) */
	uint64_t sent;	     /* meas_tx calls */
	uint64_t high_seq;   /* highest sequence number sent */
	sim_time_t first_tx; /* MEAS_UNKNOWN until something is sent */
	sim_time_t last_tx;
};

struct meas_flow_info {
	int stream;
	const char *receiver;
	uint64_t sent;	       /* the stream's sent count */
	uint64_t before_first; /* sent before the flow's first arrival */
	uint64_t after_leave;  /* sent after the leave, never received */
	uint64_t received;     /* distinct sequence numbers received */
	uint64_t lost;	       /* in gaps plus tail */
	uint64_t tail_lost;
	uint64_t dups;
	uint64_t reordered;
	uint64_t rejected;  /* arrivals with an implausible sequence number */
	sim_time_t left_at; /* meas_flow_leave time, MEAS_UNKNOWN if none */
	sim_time_t first_rx, last_rx;	 /* MEAS_UNKNOWN when none */
	sim_time_t delay_min, delay_max; /* one-way: rx - tx time */
	sim_time_t loss_derived;	 /* sum over the flow's outages */
	sim_time_t time_derived;
	size_t first_outage; /* index into meas_results.outages */
	size_t noutages;
	const struct meas_point *points; /* timeline, arrival order */
	size_t npoints;
	bool points_truncated; /* timeline_max reached */
};

struct meas_outage {
	int flow;
	int fault;	 /* MEAS_NO_FAULT when none precedes it */
	bool has_before; /* false: the flow never received anything */
	bool recovered;	 /* false: no packet arrived after the gap */
	uint64_t before_seq;
	sim_time_t before_rx;
	uint64_t after_seq;
	sim_time_t after_rx; /* MEAS_UNKNOWN when not recovered */
	sim_time_t start;
	uint64_t lost;
	sim_time_t loss_derived; /* RFC 6412 3.6.4 */
	sim_time_t time_derived; /* RFC 6412 3.6.5, lower bound if !recovered */
	uint64_t dups;
	uint64_t reordered;
	sim_time_t program_at; /* anatomy of this flow's repair */
	sim_time_t programming;
	sim_time_t delivery;
};

struct meas_fault_info {
	sim_time_t t;
	const char *label;
	sim_time_t detect_at, protocol_at, program_at, recovered_at;
	const char *detect_node, *detect_what; /* NULL when unknown */
	const char *protocol_node, *protocol_what;
	const char *program_node, *program_what;
	sim_time_t detection, protocol, programming, delivery;
};

struct meas_summary {
	int fault; /* MEAS_NO_FAULT: outages before any fault */
	enum meas_kind kind;
	unsigned flows;	      /* flows of this kind */
	unsigned affected;    /* with at least one outage for this fault */
	unsigned unrecovered; /* with an unrecovered outage */
	uint64_t lost, dups, reordered;
	struct meas_stats time_derived, loss_derived;
};

struct meas_results {
	const struct meas_config *cfg;
	sim_time_t end; /* meas_finish time */
	const struct meas_stream_info *streams;
	size_t nstreams;
	const struct meas_flow_info *flows;
	size_t nflows;
	const struct meas_fault_info *faults;
	size_t nfaults;
	const struct meas_outage *outages; /* by flow, then time */
	size_t noutages;
	const struct meas_summary *summary; /* by fault (none last), kind */
	size_t nsummary;
};

struct meas;

void meas_config_default(struct meas_config *cfg);
/* cfg NULL means defaults; zero fields also take their default. */
struct meas *meas_new(const struct meas_config *cfg);
void meas_free(struct meas *m);
/* Message of the last failed call ("" when none). */
const char *meas_error(const struct meas *m);

const char *meas_kind_name(enum meas_kind k);
const char *meas_mark_name(enum meas_mark_kind k);

/*
 * Register a stream (one destination: a multicast source with a group range
 * registers one stream per group). stop may be SIM_TIME_NEVER. Returns the
 * stream id (0, 1, ...) or -1 (rate 0, empty name, duplicate name, no
 * memory, finished).
 */
int meas_stream_add(struct meas *m, const char *name, enum meas_kind kind,
		    const char *dst, uint32_t rate_pps, sim_time_t start,
		    sim_time_t stop);
/*
 * A receiver of a stream. Returns the flow id (0, 1, ... in the order of
 * the calls) or -1 (also on a repeat).
 */
int meas_flow_add(struct meas *m, int stream, const char *receiver);
/*
 * The receiver of flow stopped wanting its stream at t (see "leave"
 * above). -1 on a bad flow, a second leave of the same flow, or a t
 * earlier than a transmission or arrival already recorded.
 */
int meas_flow_leave(struct meas *m, int flow, sim_time_t t);
/* The flow id of (stream, receiver), or -1. */
int meas_flow_find(const struct meas *m, int stream, const char *receiver);

int meas_tx(struct meas *m, int stream, uint64_t seq, sim_time_t t);
/* tx_time comes from the payload. -1 on a bad flow or rejected seq. */
int meas_rx(struct meas *m, int flow, uint64_t seq, sim_time_t tx_time,
	    sim_time_t rx_time);
int meas_fault(struct meas *m, sim_time_t t, const char *label);
int meas_mark(struct meas *m, sim_time_t t, enum meas_mark_kind kind,
	      const char *node, const char *what);

/* Close the measurement at end and compute everything. 0 or -1 (memory). */
int meas_finish(struct meas *m, sim_time_t end);
/* The results; NULL before a successful meas_finish. */
const struct meas_results *meas_results(const struct meas *m);

/* Loss-derived outage of lost packets at rate: floor(lost * 1e9 / rate). */
sim_time_t meas_loss_derived(uint64_t lost, uint32_t rate_pps);
/* Nearest-rank percentile (pct 1..100) of n ascending values. */
sim_time_t meas_percentile(const sim_time_t *sorted, size_t n, unsigned pct);
/* Sort vals (in place) and fill min / median / p99 / max. */
void meas_stats_of(sim_time_t *vals, size_t n, struct meas_stats *out);

#endif
