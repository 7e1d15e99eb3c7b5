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
 *  - per fault: the outage anatomy (detection, transition, membership,
 *    join, protocol, programming, delivery, from the marks) and, per
 *    traffic kind, min / median / p99 / max of the outages across
 *    affected flows.
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
 * Anatomy of fault F. Marks are searched in time order (equal times in
 * the order they were reported). "Window" is [F.t, next fault); R is
 * recovered_at, the latest after.rx of the recovered outages attributed
 * to F (unknown when none). When R is known every mark is searched in
 * [anchor, R] (a step after the traffic came back repaired nothing);
 * otherwise in [anchor, window end), taking the first mark there. The
 * stages are a chain of boundaries B0 = F.t, B1 ... B6, B7 = R, searched
 * in this order, each stage's mark kind looked for from anchor = the
 * latest known boundary (F.t while none is):
 *
 *  stage        mark kind   which mark (R known)
 *  detection    DETECT      first: the failure noticed (oper-down, BFD
 *                           Down, VRRP Master_Down_Timer, track down)
 *  transition   TRANSITION  first: the role moved (VRRP / VRRP6 / mVRRP
 *                           Master, a multicast-track gate opening)
 *  membership   MEMBERSHIP  last: an IGMP/MLD group record created,
 *                           learned from a report or imported over RBS
 *  join         JOIN        last: PIM upstream Joined, RPF' re-join, SPT
 *                           join, assert winner change
 *  protocol     PROTOCOL    last: any other reaction (RIB route change,
 *                           static multicast rpf/oif/entry changes)
 *  programming  PROGRAM     last: the forwarding plane write, after the
 *                           last control-plane step, that completed the
 *                           slowest flow's repair (a batch's earlier
 *                           writes and queueing count as programming)
 *  delivery     -           R: the slowest flow's first packet back
 *
 * "last" takes the step that repaired the slowest flow (earlier ones,
 * e.g. other routers' or other groups', repaired nothing yet); "first"
 * the start of the step. Stage k = B(k) - B(k-1) where B(k) is the time
 * of the mark found; a stage whose mark is absent is 0 and B(k) =
 * B(k-1) (nothing of that kind was on the repair's path: membership is 0
 * when the groups were already there, as with hot backup). A detection
 * with no DETECT mark is unknown ("-"), and so is every stage that starts
 * at an unknown boundary (the first mark found after it absorbs the
 * unsplittable time); delivery is unknown without R. So when every stage
 * is known they add up to exactly R - F.t, and otherwise the known ones
 * plus the unknown ones cover it with no overlap and no negative stage.
 * mark[kind] is the mark found (at = MEAS_UNKNOWN when none) and
 * control_at = B5, the end of the control-plane stages. Per outage O the
 * repair's last write is used instead: O.program_at is the last PROGRAM
 * mark in [F.control_at, O.after.rx], programming = O.program_at -
 * F.control_at and delivery = O.after.rx - O.program_at; with no such
 * mark programming is 0 and delivery O.after.rx - F.control_at; all
 * three are unknown when F.control_at is unknown or after O.after.rx.
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

/* In the order of the anatomy's stages: stage k ends at a mark of kind k. */
enum meas_mark_kind {
	MEAS_MARK_DETECT = 0, /* failure noticed: oper-down, BFD down, ... */
	MEAS_MARK_TRANSITION, /* role moved: VRRP Master, mtrack gate open */
	MEAS_MARK_MEMBERSHIP, /* IGMP/MLD group created, learned, imported */
	MEAS_MARK_JOIN,	      /* PIM upstream Joined, re-join, assert */
	MEAS_MARK_PROTOCOL,   /* other reaction: route set, mroute changed */
	MEAS_MARK_PROGRAM,    /* forwarding plane write completed */
	MEAS_MARK__COUNT
};

enum meas_stage {
	MEAS_STAGE_DETECTION = MEAS_MARK_DETECT,
	MEAS_STAGE_TRANSITION = MEAS_MARK_TRANSITION,
	MEAS_STAGE_MEMBERSHIP = MEAS_MARK_MEMBERSHIP,
	MEAS_STAGE_JOIN = MEAS_MARK_JOIN,
	MEAS_STAGE_PROTOCOL = MEAS_MARK_PROTOCOL,
	MEAS_STAGE_PROGRAMMING = MEAS_MARK_PROGRAM,
	MEAS_STAGE_DELIVERY,
	MEAS_STAGE__COUNT
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

/* The mark that bounds a stage of a fault's anatomy. */
struct meas_fault_mark {
	sim_time_t at;		 /* MEAS_UNKNOWN: no such mark */
	const char *node, *what; /* NULL when at is unknown */
};

struct meas_fault_info {
	sim_time_t t;
	const char *label;
	struct meas_fault_mark mark[MEAS_MARK__COUNT];
	sim_time_t control_at;		     /* B5: end of the control plane */
	sim_time_t recovered_at;	     /* R */
	sim_time_t stage[MEAS_STAGE__COUNT]; /* ns, MEAS_UNKNOWN or >= 0 */
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
/* "detection", "transition", ... "delivery" ("unknown" when out of range). */
const char *meas_stage_name(enum meas_stage s);

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
