/*
 * Tests of the measurement engine (meas.[ch], meas_finish.c) with exact
 * numbers: the RFC 6412 loss-derived and time-derived outages of a known
 * gap, duplicates (RFC 5560) and reordering (RFC 4737), gaps refilled by
 * reordering, delay-only gaps, tail loss, fault attribution,
 * nearest-rank percentiles and the per-fault summary, plus API misuse (the
 * outage anatomy from marks is in meas_anatomy_test.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/measure/meas.h"

#define MS SIM_MS
#define US SIM_US

/*
 * Send seqs [lo, hi] of a stream at tx = t0 + seq * interval, delivering
 * those outside [drop_lo, drop_hi] to flow after delay.
 */
static void feed(struct meas *m, int s, int f, uint64_t lo, uint64_t hi,
		 sim_time_t t0, sim_time_t interval, sim_time_t delay,
		 uint64_t drop_lo, uint64_t drop_hi)
{
	uint64_t q;

	for (q = lo; q <= hi; q++) {
		sim_time_t tx = t0 + (sim_time_t)q * interval;

		assert_int_equal(meas_tx(m, s, q, tx), 0);
		if (q >= drop_lo && q <= drop_hi)
			continue;
		assert_int_equal(meas_rx(m, f, q, tx, tx + delay), 0);
	}
}

static const struct meas_results *finish(struct meas *m, sim_time_t end)
{
	const struct meas_results *r;

	assert_null(meas_results(m));
	assert_int_equal(meas_finish(m, end), 0);
	r = meas_results(m);
	assert_non_null(r);
	return r;
}

static void test_loss_derived(void **state)
{
	(void)state;
	assert_true(meas_loss_derived(50, 1000) == MS(50));
	assert_true(meas_loss_derived(0, 1000) == 0);
	assert_true(meas_loss_derived(1, 3) == 333333333);
	assert_true(meas_loss_derived(7, 3) == 2333333333);
	assert_true(meas_loss_derived(1, 1) == SIM_S(1));
	/* No overflow of the intermediate product. */
	assert_true(meas_loss_derived(UINT64_MAX / 2, UINT32_MAX) ==
		    (sim_time_t)((UINT64_MAX / 2) / UINT32_MAX) * 1000000000 +
			    (sim_time_t)(((UINT64_MAX / 2) % UINT32_MAX) *
					 1000000000 / UINT32_MAX));
	assert_true(meas_loss_derived(UINT64_MAX, 1) == INT64_MAX);
	assert_true(meas_loss_derived(5, 0) == MEAS_UNKNOWN);
}

static void test_percentiles(void **state)
{
	sim_time_t one[] = { 7 };
	sim_time_t four[] = { 40, 10, 30, 20 };
	sim_time_t hundred[100], two_hundred[200], ten[10];
	struct meas_stats st;
	size_t i;

	(void)state;
	for (i = 0; i < 100; i++)
		hundred[i] = (sim_time_t)(100 - i); /* 100..1, unsorted */
	for (i = 0; i < 200; i++)
		two_hundred[i] = (sim_time_t)(i + 1);
	for (i = 0; i < 10; i++)
		ten[i] = (sim_time_t)(i * 10);
	meas_stats_of(one, 1, &st);
	assert_true(st.min == 7 && st.median == 7 && st.p99 == 7 &&
		    st.max == 7);
	meas_stats_of(four, 4, &st);
	/* Nearest rank: median of 4 is the 2nd, p99 the 4th. */
	assert_true(st.min == 10 && st.median == 20 && st.p99 == 40 &&
		    st.max == 40);
	meas_stats_of(hundred, 100, &st);
	assert_true(st.min == 1 && st.median == 50 && st.p99 == 99 &&
		    st.max == 100);
	meas_stats_of(two_hundred, 200, &st);
	assert_true(st.median == 100 && st.p99 == 198);
	meas_stats_of(ten, 10, &st);
	assert_true(st.median == 40 && st.p99 == 90);
	assert_true(meas_percentile(ten, 10, 10) == 0);
	assert_true(meas_percentile(ten, 10, 11) == 10);
	assert_true(meas_percentile(ten, 10, 100) == 90);
	assert_true(meas_percentile(ten, 10, 0) == 0);	  /* clamped to 1 */
	assert_true(meas_percentile(ten, 10, 500) == 90); /* clamped */
	meas_stats_of(NULL, 0, &st);
	assert_true(st.min == MEAS_UNKNOWN && st.median == MEAS_UNKNOWN &&
		    st.p99 == MEAS_UNKNOWN && st.max == MEAS_UNKNOWN);
}

/* The reference case: 1000 pps, packets 100..149 lost after a fault. */
static void test_reference_gap(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	const struct meas_outage *o;
	const struct meas_flow_info *fi;
	int s, f;

	(void)state;
	s = meas_stream_add(m, "mc1", MEAS_MULTICAST, "239.1.1.1", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H1");
	assert_int_equal(s, 0);
	assert_int_equal(f, 0);
	assert_int_equal(meas_fault(m, MS(100), "link R1-SW1 down"), 0);
	feed(m, s, f, 0, 299, 0, MS(1), US(500), 100, 149);
	r = finish(m, MS(400));
	assert_int_equal(r->noutages, 1);
	o = &r->outages[0];
	assert_true(o->recovered && o->has_before);
	assert_true(o->before_seq == 99 && o->before_rx == US(99500));
	assert_true(o->after_seq == 150 && o->after_rx == US(150500));
	assert_true(o->lost == 50);
	assert_true(o->loss_derived == MS(50));
	/* gap 51 ms between arrivals, minus one 1 ms interval */
	assert_true(o->time_derived == MS(50));
	assert_int_equal(o->fault, 0);
	assert_true(o->start == US(100500));
	assert_true(o->dups == 0 && o->reordered == 0);
	fi = &r->flows[0];
	assert_true(fi->sent == 300 && fi->received == 250 && fi->lost == 50);
	assert_true(fi->tail_lost == 0 && fi->before_first == 0);
	assert_true(fi->delay_min == US(500) && fi->delay_max == US(500));
	assert_true(fi->loss_derived == MS(50) && fi->time_derived == MS(50));
	assert_true(fi->first_outage == 0 && fi->noutages == 1);
	assert_int_equal(r->nsummary, 1);
	assert_int_equal(r->summary[0].fault, 0);
	assert_int_equal(r->summary[0].affected, 1);
	assert_true(r->summary[0].time_derived.max == MS(50));
	assert_true(r->summary[0].lost == 50);
	meas_free(m);
}

/* A time-derived outage that is not a multiple of the interval. */
static void test_uneven_gap(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	int s, f;

	(void)state;
	s = meas_stream_add(m, "u", MEAS_UNICAST, "10.0.0.1", 3, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	meas_tx(m, s, 0, 0);
	meas_rx(m, f, 0, 0, 1000);
	meas_tx(m, s, 1, 333333333);
	meas_tx(m, s, 2, 666666666);
	meas_tx(m, s, 3, 999999999);
	meas_rx(m, f, 3, 999999999, 999999999 + 1234);
	r = finish(m, SIM_S(2));
	assert_int_equal(r->noutages, 1);
	assert_true(r->outages[0].lost == 2);
	assert_true(r->outages[0].loss_derived == 666666666);
	/* (1000001233 - 1000) - 333333333 */
	assert_true(r->outages[0].time_derived == 666666900);
	assert_int_equal(r->outages[0].fault, MEAS_NO_FAULT);
	meas_free(m);
}

/* Two routers forwarding at once after repair: every packet twice. */
static void test_duplicates(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	int s, f;
	uint64_t q;

	(void)state;
	s = meas_stream_add(m, "mc", MEAS_MULTICAST, "239.0.0.1", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	meas_fault(m, MS(100), "master crash");
	feed(m, s, f, 0, 149, 0, MS(1), US(100), 100, 119);
	/* 120..129 come twice: the new master and the old one both forward */
	for (q = 120; q <= 129; q++)
		assert_int_equal(meas_rx(m, f, q, MS(q), MS(q) + US(300)), 0);
	r = finish(m, MS(200));
	assert_true(r->flows[0].dups == 10);
	assert_true(r->flows[0].reordered == 0);
	assert_true(r->flows[0].received == 130);
	assert_true(r->flows[0].lost == 20);
	assert_int_equal(r->noutages, 1);
	/* The duplicates arrived at 120.3..129.3 ms: after the window end
	 * (120.1 + 3 ms) only 123..129 arrive; 120, 121, 122 are inside. */
	assert_true(r->outages[0].dups == 3);
	assert_true(r->summary[0].dups == 10);
	meas_free(m);
}

/* RFC 4737: 5 arrives after 6 is reordered, and refills its "gap". */
static void test_reordering(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	static const uint64_t order[] = { 0, 1, 2, 3, 4, 6, 5, 7, 9, 8, 10 };
	int s, f;
	size_t i;

	(void)state;
	s = meas_stream_add(m, "u", MEAS_UNICAST, "10.0.0.9", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	for (i = 0; i < 11; i++)
		meas_tx(m, s, i, MS(i));
	for (i = 0; i < 11; i++)
		assert_int_equal(
			meas_rx(m, f, order[i], MS(order[i]), MS(i) + US(200)),
			0);
	/* a duplicate of a reordered packet is a duplicate, not reordered */
	meas_rx(m, f, 5, MS(5), MS(11));
	r = finish(m, MS(20));
	assert_true(r->flows[0].reordered == 2);
	assert_true(r->flows[0].dups == 1);
	assert_true(r->flows[0].lost == 0);
	assert_true(r->flows[0].received == 11);
	assert_int_equal(r->noutages, 0);
	assert_int_equal(r->nsummary, 1); /* "none": reordered, no outage */
	assert_int_equal(r->summary[0].fault, MEAS_NO_FAULT);
	assert_int_equal(r->summary[0].affected, 0);
	assert_true(r->summary[0].reordered == 2);
	meas_free(m);
}

/* A reroute onto a longer path: no loss, but a pause in arrivals. */
static void test_delay_only_gap(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	int s, f;

	(void)state;
	s = meas_stream_add(m, "u", MEAS_UNICAST, "10.0.0.2", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	feed(m, s, f, 0, 9, 0, MS(1), US(500), 1, 0);
	feed(m, s, f, 10, 19, 0, MS(1), MS(10), 1, 0);
	r = finish(m, MS(40));
	assert_int_equal(r->noutages, 1);
	assert_true(r->outages[0].lost == 0);
	assert_true(r->outages[0].loss_derived == 0);
	/* 9 at 9.5 ms, 10 at 20 ms: gap 10.5 ms - 1 ms */
	assert_true(r->outages[0].time_derived == US(9500));
	meas_free(m);
}

/* Gap threshold: 3 intervals of silence pass, 3 intervals + 1 ns do not. */
static void test_threshold_edge(void **state)
{
	struct meas_config cfg;
	struct meas *m;
	const struct meas_results *r;
	int s, f;

	(void)state;
	meas_config_default(&cfg);
	assert_int_equal(cfg.gap_threshold, 3);
	m = meas_new(&cfg);
	s = meas_stream_add(m, "u", MEAS_UNICAST, "d", 1000, 0, SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	meas_tx(m, s, 0, 0);
	meas_tx(m, s, 1, MS(1));
	meas_tx(m, s, 2, MS(2));
	meas_rx(m, f, 0, 0, 0);
	meas_rx(m, f, 1, MS(1), MS(3));	    /* exactly 3 intervals */
	meas_rx(m, f, 2, MS(2), MS(6) + 1); /* 3 intervals + 1 ns */
	r = finish(m, MS(10));
	assert_int_equal(r->noutages, 1);
	assert_true(r->outages[0].before_seq == 1);
	assert_true(r->outages[0].time_derived == MS(2) + 1);
	meas_free(m);

	cfg.gap_threshold = 5;
	m = meas_new(&cfg);
	s = meas_stream_add(m, "u", MEAS_UNICAST, "d", 1000, 0, SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	meas_tx(m, s, 0, 0);
	meas_tx(m, s, 1, MS(1));
	meas_rx(m, f, 0, 0, 0);
	meas_rx(m, f, 1, MS(1), MS(5));
	r = finish(m, MS(10));
	assert_int_equal(r->noutages, 0);
	meas_free(m);
}

/* A second fault during an outage does not take the outage over. */
static void test_attribution(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	int s, f;

	(void)state;
	s = meas_stream_add(m, "mc", MEAS_MULTICAST, "239.2.2.2", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	assert_int_equal(meas_fault(m, MS(200), "link down"), 0);
	assert_int_equal(meas_fault(m, MS(205), "second link down"), 1);
	feed(m, s, f, 0, 399, 0, MS(1), US(10), 200, 249);
	r = finish(m, MS(500));
	assert_int_equal(r->noutages, 1);
	/* starts at 199.01 + 1 ms: after fault 0, before fault 1 */
	assert_true(r->outages[0].start == US(200010));
	assert_int_equal(r->outages[0].fault, 0);
	assert_int_equal(r->summary[0].affected, 1);
	assert_int_equal(r->summary[1].affected, 0);
	meas_free(m);
}

/* Losses before any fault, after two simultaneous faults, after a third. */
static void test_attribution_faults(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	int s, f;

	(void)state;
	s = meas_stream_add(m, "mc", MEAS_MULTICAST, "239.2.2.2", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	meas_fault(m, MS(200), "first");
	meas_fault(m, MS(200), "same instant");
	meas_fault(m, MS(400), "second");
	feed(m, s, f, 0, 99, 0, MS(1), US(10), 50, 59); /* before faults */
	feed(m, s, f, 100, 399, 0, MS(1), US(10), 200, 209);
	feed(m, s, f, 400, 599, 0, MS(1), US(10), 400, 449);
	r = finish(m, MS(700));
	assert_int_equal(r->noutages, 3);
	assert_int_equal(r->outages[0].fault, MEAS_NO_FAULT);
	/* ties resolve to the last fault registered at that instant */
	assert_int_equal(r->outages[1].fault, 1);
	assert_int_equal(r->outages[2].fault, 2);
	assert_true(r->outages[2].lost == 50);
	/* summary: faults 0, 1, 2 then "none" */
	assert_int_equal(r->nsummary, 4);
	assert_int_equal(r->summary[0].affected, 0);
	assert_true(r->summary[0].time_derived.max == MEAS_UNKNOWN);
	assert_int_equal(r->summary[1].affected, 1);
	assert_true(r->summary[1].loss_derived.max == MS(10));
	assert_int_equal(r->summary[2].affected, 1);
	assert_int_equal(r->summary[3].fault, MEAS_NO_FAULT);
	assert_true(r->summary[3].lost == 10);
	meas_free(m);
}

/* Tail loss: a flow that never recovers, and packets still in flight. */
static void test_tail(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	const struct meas_outage *o;
	int s, f1, f2, f3, s2;

	(void)state;
	s = meas_stream_add(m, "mc", MEAS_MULTICAST, "239.3.3.3", 1000, 0,
			    MS(300));
	f1 = meas_flow_add(m, s, "dead");
	f2 = meas_flow_add(m, s, "inflight");
	s2 = meas_stream_add(m, "u", MEAS_UNICAST, "10.1.1.1", 100, MS(5),
			     SIM_TIME_NEVER);
	f3 = meas_flow_add(m, s2, "never");
	meas_fault(m, MS(100), "cut");
	/* f1 stops receiving after the fault; f2 misses the last packet */
	feed(m, s, f1, 0, 299, 0, MS(1), US(10), 100, 299);
	meas_tx(m, s2, 0, MS(5));
	meas_tx(m, s2, 1, MS(15));
	r = finish(m, MS(300) + US(500));
	assert_int_equal(meas_rx(m, f2, 0, 0, 0), -1); /* finished */
	(void)f3;
	/* f1: unrecovered after seq 99 */
	assert_true(r->flows[f1].tail_lost == 200);
	assert_true(r->flows[f1].lost == 200);
	assert_int_equal(r->flows[f1].noutages, 1);
	o = &r->outages[r->flows[f1].first_outage];
	assert_false(o->recovered);
	assert_true(o->after_rx == MEAS_UNKNOWN);
	assert_true(o->loss_derived == MS(200));
	/* lower bound up to stop (300 ms): 300 - 99.01 - 1 */
	assert_true(o->time_derived == MS(300) - US(99010) - MS(1));
	assert_int_equal(o->fault, 0);
	/* f2 never received anything: the whole stream lost */
	assert_true(r->flows[f2].lost == 300);
	assert_int_equal(r->flows[f2].noutages, 1);
	o = &r->outages[r->flows[f2].first_outage];
	assert_false(o->has_before);
	assert_true(o->start == 0);
	assert_int_equal(o->fault, MEAS_NO_FAULT);
	/* f3: unicast flow that never received either */
	assert_true(r->flows[f3].lost == 2);
	assert_true(r->outages[r->flows[f3].first_outage].loss_derived ==
		    MS(20));
	meas_free(m);
}

static void test_inflight_tail(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	int s, f;

	(void)state;
	s = meas_stream_add(m, "u", MEAS_UNICAST, "d", 1000, 0, SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	feed(m, s, f, 0, 9, 0, MS(1), US(500), 9, 9);
	r = finish(m, MS(9) + US(100)); /* seq 9 still on the wire */
	assert_true(r->flows[0].tail_lost == 1);
	assert_int_equal(r->noutages, 0);
	meas_free(m);
}

/* Joining late: packets before the first arrival are not losses. */
static void test_join_late(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	int s, f;

	(void)state;
	s = meas_stream_add(m, "mc", MEAS_MULTICAST, "239.9.9.9", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "late");
	feed(m, s, f, 0, 99, 0, MS(1), US(10), 0, 39);
	/* a straggler from before the join arrives: reordered, not counted */
	meas_rx(m, f, 3, MS(3), MS(100));
	r = finish(m, MS(101));
	assert_true(r->flows[0].before_first == 40);
	assert_true(r->flows[0].received == 60);
	assert_true(r->flows[0].lost == 0);
	assert_true(r->flows[0].reordered == 1);
	assert_int_equal(r->noutages, 0);
	meas_free(m);
}

/* Summary across flows of each kind. */
static void test_summary(void **state)
{
	static const uint64_t lost_mc[] = { 10, 40, 20, 30, 0 };
	struct meas *m = meas_new(NULL);
	const struct meas_results *r;
	const struct meas_summary *mc, *uc;
	int s, f, i;
	char name[16];

	(void)state;
	meas_fault(m, MS(50), "f");
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "g%d", i);
		s = meas_stream_add(m, name, MEAS_MULTICAST, name, 1000, 0,
				    SIM_TIME_NEVER);
		f = meas_flow_add(m, s, "H");
		feed(m, s, f, 0, 199, 0, MS(1), US(20), 100,
		     100 + lost_mc[i] - 1);
	}
	s = meas_stream_add(m, "u", MEAS_UNICAST, "10.0.0.1", 100, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	feed(m, s, f, 0, 19, 0, MS(10), US(20), 6, 7);
	r = finish(m, MS(300));
	assert_int_equal(r->nsummary, 2);
	mc = &r->summary[0];
	uc = &r->summary[1];
	assert_int_equal(mc->kind, MEAS_MULTICAST);
	assert_int_equal(mc->flows, 5);
	assert_int_equal(mc->affected, 4);
	assert_int_equal(mc->unrecovered, 0);
	assert_true(mc->lost == 100);
	assert_true(mc->loss_derived.min == MS(10));
	assert_true(mc->loss_derived.median == MS(20));
	assert_true(mc->loss_derived.p99 == MS(40));
	assert_true(mc->loss_derived.max == MS(40));
	assert_true(mc->time_derived.min == MS(10));
	assert_true(mc->time_derived.median == MS(20));
	assert_int_equal(uc->kind, MEAS_UNICAST);
	assert_int_equal(uc->affected, 1);
	assert_true(uc->loss_derived.max == MS(20));
	assert_true(uc->time_derived.max == MS(20));
	meas_free(m);
}

/* Timeline points: context around the gap, bounded by timeline_max. */
static void test_timeline_points(void **state)
{
	struct meas_config cfg;
	struct meas *m;
	const struct meas_results *r;
	const struct meas_flow_info *fi;
	int s, f;
	size_t i;
	bool before = false, after = false;

	(void)state;
	meas_config_default(&cfg);
	cfg.timeline_context = 5;
	cfg.timeline_pps = 10; /* every 100th packet at 1000 pps */
	m = meas_new(&cfg);
	s = meas_stream_add(m, "mc", MEAS_MULTICAST, "g", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	feed(m, s, f, 0, 999, 0, MS(1), 0, 503, 549);
	r = finish(m, SIM_S(2));
	fi = &r->flows[0];
	/* sampled 0,100,..,900 but 500 (9) + the ring 498..502 (500 again,
	 * kept once) + 550 (opens the gap) + 551..555 */
	assert_int_equal(fi->npoints, 9 + 5 + 1 + 5);
	for (i = 0; i < fi->npoints; i++) {
		before |= fi->points[i].seq == 498;
		after |= fi->points[i].seq == 550;
		if (i > 0)
			assert_true(fi->points[i].rx > fi->points[i - 1].rx);
	}
	assert_true(before && after);
	assert_false(fi->points_truncated);
	meas_free(m);

	cfg.timeline_max = 3;
	m = meas_new(&cfg);
	s = meas_stream_add(m, "mc", MEAS_MULTICAST, "g", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	feed(m, s, f, 0, 999, 0, MS(1), 0, 500, 549);
	r = finish(m, SIM_S(2));
	assert_int_equal(r->flows[0].npoints, 3);
	assert_true(r->flows[0].points_truncated);
	meas_free(m);
}

static void test_api_errors(void **state)
{
	struct meas *m = meas_new(NULL);
	int s;

	(void)state;
	assert_string_equal(meas_error(m), "");
	assert_int_equal(meas_stream_add(m, "x", MEAS_UNICAST, "d", 0, 0, 0),
			 -1);
	assert_int_equal(meas_stream_add(m, "", MEAS_UNICAST, "d", 10, 0, 0),
			 -1);
	assert_int_equal(meas_stream_add(m, NULL, MEAS_UNICAST, "d", 10, 0, 0),
			 -1);
	assert_int_equal(
		meas_stream_add(m, "x", MEAS_KIND__COUNT, "d", 10, 0, 0), -1);
	s = meas_stream_add(m, "x", MEAS_UNICAST, NULL, 10, 0, SIM_TIME_NEVER);
	assert_int_equal(s, 0);
	assert_int_equal(meas_stream_add(m, "x", MEAS_UNICAST, "d", 10, 0, 0),
			 -1);
	assert_non_null(strstr(meas_error(m), "already exists"));
	assert_int_equal(meas_flow_add(m, 1, "H"), -1);
	assert_int_equal(meas_flow_add(m, -1, "H"), -1);
	assert_int_equal(meas_flow_add(m, s, ""), -1);
	assert_int_equal(meas_flow_add(m, s, "H"), 0);
	assert_int_equal(meas_flow_add(m, s, "H2"), 1);
	assert_int_equal(meas_flow_add(m, s, "H"), -1);
	assert_int_equal(meas_flow_find(m, s, "H2"), 1);
	assert_int_equal(meas_flow_find(m, s, "nope"), -1);
	assert_int_equal(meas_flow_find(m, 7, "H"), -1);
	assert_int_equal(meas_tx(m, 3, 0, 0), -1);
	assert_int_equal(meas_rx(m, 5, 0, 0, 0), -1);
	assert_int_equal(meas_rx(m, -1, 0, 0, 0), -1);
	assert_int_equal(meas_mark(m, 0, MEAS_MARK__COUNT, "n", "w"), -1);
	assert_int_equal(meas_rx(m, 0, 10, 0, MS(5)), 0);
	/* a sequence number far beyond anything plausible is rejected */
	assert_int_equal(meas_rx(m, 0, 10 + MEAS_MAX_SEQ_JUMP + 1, 0, MS(6)),
			 -1);
	assert_int_equal(meas_fault(m, MS(4), "in the past"), -1);
	assert_int_equal(meas_fault(m, MS(7), "ok"), 0);
	assert_int_equal(meas_fault(m, MS(6), "before the last fault"), -1);
	assert_int_equal(meas_finish(m, MS(10)), 0);
	assert_true(meas_results(m)->flows[0].rejected == 1);
	assert_int_equal(meas_finish(m, MS(10)), -1);
	assert_int_equal(meas_stream_add(m, "y", MEAS_UNICAST, "d", 10, 0, 0),
			 -1);
	assert_int_equal(meas_flow_add(m, 0, "H3"), -1);
	assert_int_equal(meas_tx(m, 0, 1, 0), -1);
	assert_int_equal(meas_fault(m, MS(20), "late"), -1);
	assert_int_equal(meas_mark(m, MS(20), MEAS_MARK_DETECT, "n", "w"), -1);
	assert_string_equal(meas_kind_name(MEAS_UNICAST), "unicast");
	assert_string_equal(meas_kind_name(MEAS_KIND__COUNT), "unknown");
	assert_string_equal(meas_mark_name(MEAS_MARK_PROGRAM), "program");
	assert_string_equal(meas_mark_name(MEAS_MARK__COUNT), "unknown");
	meas_free(m);
	meas_free(NULL);
}

/* Two engines in one process do not see each other. */
static void test_independent(void **state)
{
	struct meas *a = meas_new(NULL), *b = meas_new(NULL);
	int sa, sb, fa, fb;

	(void)state;
	sa = meas_stream_add(a, "s", MEAS_UNICAST, "d", 1000, 0,
			     SIM_TIME_NEVER);
	sb = meas_stream_add(b, "s", MEAS_UNICAST, "d", 1000, 0,
			     SIM_TIME_NEVER);
	fa = meas_flow_add(a, sa, "H");
	fb = meas_flow_add(b, sb, "H");
	feed(a, sa, fa, 0, 99, 0, MS(1), 0, 10, 19);
	feed(b, sb, fb, 0, 99, 0, MS(1), 0, 1, 0);
	assert_int_equal(meas_finish(a, MS(200)), 0);
	assert_int_equal(meas_finish(b, MS(200)), 0);
	assert_int_equal(meas_results(a)->noutages, 1);
	assert_int_equal(meas_results(b)->noutages, 0);
	meas_free(a);
	meas_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loss_derived),
		cmocka_unit_test(test_percentiles),
		cmocka_unit_test(test_reference_gap),
		cmocka_unit_test(test_uneven_gap),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_reordering),
		cmocka_unit_test(test_delay_only_gap),
		cmocka_unit_test(test_threshold_edge),
		cmocka_unit_test(test_attribution),
		cmocka_unit_test(test_attribution_faults),
		cmocka_unit_test(test_tail),
		cmocka_unit_test(test_inflight_tail),
		cmocka_unit_test(test_join_late),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_timeline_points),
		cmocka_unit_test(test_api_errors),
		cmocka_unit_test(test_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
