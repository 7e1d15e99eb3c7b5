/*
 * Tests of receivers that leave their group (meas_flow_leave, the "leave"
 * definition in meas.h): what the stream sends after an IGMP Leave (RFC
 * 2236 section 3) or MLD Done (RFC 2710 section 4) is neither received nor
 * lost; packets in flight at the leave still count, and a gap among them is
 * an outage; arrivals sent after the leave create no loss; a flow that
 * received nothing it wanted loses what was sent before the leave; the
 * unrecovered outage and its RFC 6412 section 3.6.5 time-derived lower
 * bound stop at min(stop, end, leave); plus misuse of the call. Every case
 * also checks sent = before_first + received + lost + after_leave.
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

/* The packets a flow is delivered: seqs in [lo, hi] except [dlo, dhi]. */
struct deliver {
	uint64_t lo, hi, dlo, dhi;
};

static bool delivered(const struct deliver *d, uint64_t q)
{
	return q >= d->lo && q <= d->hi && !(q >= d->dlo && q <= d->dhi);
}

/*
 * A 1000 pps stream: packet q leaves at q ms and reaches each flow that is
 * delivered it `delay` later. Events run in time order (all 1 us steps),
 * the receiver of every flow in leave[] leaves at leave_at, and the
 * measurement finishes at end.
 */
struct run {
	uint64_t npkts;
	sim_time_t delay;
	sim_time_t leave_at; /* 0: nobody leaves */
	sim_time_t end;
	sim_time_t stop; /* the stream's configured stop */
	size_t nflows;
	struct deliver d[4];
	bool leaves[4];
};

static struct meas *run_stream(const struct run *r, int *flows)
{
	struct meas *m = meas_new(NULL);
	int s = meas_stream_add(m, "mc", MEAS_MULTICAST, "239.1.1.1", 1000, 0,
				r->stop);
	sim_time_t t, last = MS(r->npkts) + r->delay;
	char name[24];
	size_t i;

	assert_int_equal(s, 0);
	for (i = 0; i < r->nflows; i++) {
		snprintf(name, sizeof(name), "H%zu", i);
		flows[i] = meas_flow_add(m, s, name);
		assert_true(flows[i] >= 0);
	}
	for (t = 0; t <= last; t += US(1)) {
		if (t % MS(1) == 0 && (uint64_t)(t / MS(1)) < r->npkts)
			assert_int_equal(
				meas_tx(m, s, (uint64_t)(t / MS(1)), t), 0);
		if (t >= r->delay && (t - r->delay) % MS(1) == 0) {
			uint64_t q = (uint64_t)((t - r->delay) / MS(1));

			for (i = 0; q < r->npkts && i < r->nflows; i++)
				if (delivered(&r->d[i], q))
					assert_int_equal(meas_rx(m, flows[i], q,
								 t - r->delay,
								 t),
							 0);
		}
		if (r->leave_at != 0 && t == r->leave_at)
			for (i = 0; i < r->nflows; i++)
				if (r->leaves[i])
					assert_int_equal(
						meas_flow_leave(m, flows[i], t),
						0);
	}
	assert_int_equal(meas_finish(m, r->end), 0);
	return m;
}

/* The accounting identity of meas.h (no stragglers in these runs). */
static void assert_balanced(const struct meas_flow_info *fi)
{
	assert_true(fi->sent == fi->before_first + fi->received + fi->lost +
					fi->after_leave);
}

static const struct meas_outage *only_outage(const struct meas_results *r,
					     int flow)
{
	const struct meas_flow_info *fi = &r->flows[flow];

	assert_int_equal(fi->noutages, 1);
	return &r->outages[fi->first_outage];
}

/*
 * Both receivers get 0..99; H0 leaves at 99.5 ms, H1 stays but gets
 * nothing more. H1's tail is an unrecovered outage; H0's is not there.
 */
static void test_tail_after_leave(void **state)
{
	struct run r = { .npkts = 300,
			 .delay = US(10),
			 .leave_at = MS(99) + US(500),
			 .end = MS(300),
			 .stop = SIM_TIME_NEVER,
			 .nflows = 2,
			 .d = { { 0, 99, 1, 0 }, { 0, 99, 1, 0 } },
			 .leaves = { true, false } };
	const struct meas_results *res;
	const struct meas_flow_info *a, *b;
	struct meas *m;
	int f[2];

	(void)state;
	m = run_stream(&r, f);
	res = meas_results(m);
	a = &res->flows[f[0]];
	b = &res->flows[f[1]];
	assert_true(a->left_at == MS(99) + US(500));
	assert_true(a->received == 100 && a->lost == 0 && a->tail_lost == 0);
	assert_true(a->after_leave == 200);
	assert_int_equal(a->noutages, 0);
	assert_true(a->loss_derived == 0 && a->time_derived == 0);
	assert_balanced(a);
	/* the control flow that stayed */
	assert_true(b->left_at == MEAS_UNKNOWN);
	assert_true(b->tail_lost == 200 && b->after_leave == 0);
	assert_false(only_outage(res, f[1])->recovered);
	assert_balanced(b);
	assert_int_equal(res->nsummary, 1);
	assert_int_equal(res->summary[0].affected, 1);
	assert_int_equal(res->summary[0].unrecovered, 1);
	meas_free(m);
}

/*
 * 5 ms of delay: at the leave (100 ms, after packet 100 left) packets
 * 96..100 are in flight and still expected; 98 is lost on the way, so
 * 97 -> 99 is a recovered outage. 101..103 (sent after the leave) arrive
 * too: received, but neither expected nor after_leave.
 */
static void test_inflight_after_leave(void **state)
{
	struct run r = { .npkts = 300,
			 .delay = MS(5),
			 .leave_at = MS(100),
			 .end = MS(310),
			 .stop = SIM_TIME_NEVER,
			 .nflows = 1,
			 .d = { { 0, 103, 98, 98 } },
			 .leaves = { true } };
	const struct meas_results *res;
	const struct meas_flow_info *a;
	const struct meas_outage *o;
	struct meas *m;
	int f[1];

	(void)state;
	m = run_stream(&r, f);
	res = meas_results(m);
	a = &res->flows[f[0]];
	assert_true(a->received == 103 && a->lost == 1 && a->tail_lost == 0);
	assert_true(a->after_leave == 199 - 3);
	assert_balanced(a);
	o = only_outage(res, f[0]);
	assert_true(o->recovered);
	assert_true(o->before_seq == 97 && o->after_seq == 99);
	assert_true(o->after_rx == MS(104)); /* after the leave */
	assert_true(o->lost == 1 && o->loss_derived == MS(1));
	assert_true(o->time_derived == MS(1));
	meas_free(m);
}

/*
 * After H0's leave (L = 99) the router keeps forwarding 100..149 with a
 * hole at 120..129: not an outage. H1 misses 96..105 across the leave and
 * gets 106..110: the gap ends after the leave, so 96..99 are its tail, an
 * unrecovered outage measured up to the leave.
 */
static void test_gaps_after_leave(void **state)
{
	struct run r = { .npkts = 300,
			 .delay = US(10),
			 .leave_at = MS(99) + US(500),
			 .end = MS(300),
			 .stop = SIM_TIME_NEVER,
			 .nflows = 2,
			 .d = { { 0, 149, 120, 129 }, { 0, 110, 96, 105 } },
			 .leaves = { true, true } };
	const struct meas_results *res;
	const struct meas_flow_info *a, *b;
	const struct meas_outage *o;
	struct meas *m;
	int f[2];

	(void)state;
	m = run_stream(&r, f);
	res = meas_results(m);
	a = &res->flows[f[0]];
	assert_int_equal(a->noutages, 0);
	assert_true(a->received == 140 && a->lost == 0 && a->tail_lost == 0);
	assert_true(a->after_leave == 200 - 40);
	assert_balanced(a);
	b = &res->flows[f[1]];
	assert_true(b->received == 101 && b->lost == 4 && b->tail_lost == 4);
	assert_true(b->after_leave == 200 - 5);
	assert_balanced(b);
	o = only_outage(res, f[1]);
	assert_false(o->recovered);
	assert_true(o->before_seq == 95 && o->lost == 4);
	assert_true(o->start == MS(96) + US(10));
	/* up to the leave, not to the end */
	assert_true(o->time_derived == MS(99) + US(500) - MS(96) - US(10));
	assert_true(o->loss_derived == MS(4));
	meas_free(m);
}

/*
 * The time-derived lower bound of a silent tail stops at min(stop, end,
 * leave); a tail whose silence before the leave is within the threshold
 * is loss but no outage.
 */
static void test_time_derived_stops(void **state)
{
	static const struct {
		const char *name;
		uint64_t npkts, last_rx;
		sim_time_t stop, end;
		size_t noutages;
		uint64_t tail, after_leave;
		sim_time_t td;
	} cases[] = {
		/* silent from 100 on, leave at 199.5 ms, run to 400 ms */
		{ "leave", 400, 99, SIM_TIME_NEVER, MS(400), 1, 100, 200,
		  MS(199) + US(500) - MS(100) - US(10) },
		/* the stream stopped at 150 ms, before the leave */
		{ "stop", 150, 99, MS(150), MS(400), 1, 50, 0,
		  MS(150) - MS(100) - US(10) },
		/* the run ends at the leave: end and leave agree */
		{ "end", 200, 99, SIM_TIME_NEVER, MS(199) + US(500), 1, 100, 0,
		  MS(199) + US(500) - MS(100) - US(10) },
		/* 198, 199 missing: 2.49 ms of silence < 3 intervals */
		{ "short", 400, 197, SIM_TIME_NEVER, MS(400), 0, 2, 200, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r = { .npkts = cases[i].npkts,
				 .delay = US(10),
				 .leave_at = MS(199) + US(500),
				 .end = cases[i].end,
				 .stop = cases[i].stop,
				 .nflows = 1,
				 .d = { { 0, cases[i].last_rx, 1, 0 } },
				 .leaves = { true } };
		const struct meas_flow_info *a;
		struct meas *m;
		int f[1];

		print_message("case %s\n", cases[i].name);
		m = run_stream(&r, f);
		a = &meas_results(m)->flows[f[0]];
		assert_int_equal(a->noutages, cases[i].noutages);
		assert_true(a->tail_lost == cases[i].tail);
		assert_true(a->lost == cases[i].tail);
		assert_true(a->after_leave == cases[i].after_leave);
		assert_true(a->time_derived == cases[i].td);
		assert_balanced(a);
		if (cases[i].noutages == 1)
			assert_false(
				only_outage(meas_results(m), f[0])->recovered);
		meas_free(m);
	}
}

/*
 * Flows that received nothing they wanted: H0 nothing at all (it loses the
 * 50 packets sent before its leave at 49.5 ms), H1 only packets sent after
 * the leave (counted as received; the same loss). H2, the control, stays
 * and loses the whole stream.
 */
static void test_silent_left(void **state)
{
	struct run r = {
		.npkts = 100,
		.delay = US(10),
		.leave_at = MS(49) + US(500),
		.end = MS(100),
		.stop = SIM_TIME_NEVER,
		.nflows = 3,
		.d = { { 1, 0, 1, 0 }, { 50, 59, 1, 0 }, { 1, 0, 1, 0 } },
		.leaves = { true, true, false }
	};
	const struct meas_results *res;
	const struct meas_outage *o;
	struct meas *m;
	int f[3];
	size_t i;

	(void)state;
	m = run_stream(&r, f);
	res = meas_results(m);
	for (i = 0; i < 2; i++) {
		const struct meas_flow_info *a = &res->flows[f[i]];

		assert_true(a->received == (i == 0 ? 0 : 10));
		assert_true(a->lost == 50 && a->tail_lost == 50);
		assert_true(a->before_first == 0);
		assert_true(a->after_leave == 50 - a->received);
		assert_balanced(a);
		o = only_outage(res, f[i]);
		assert_false(o->has_before);
		assert_false(o->recovered);
		assert_true(o->start == 0 && o->lost == 50);
		assert_true(o->time_derived == MS(49) + US(500));
		assert_true(o->loss_derived == MS(50));
	}
	assert_true(res->flows[f[2]].lost == 100);
	assert_true(res->flows[f[2]].after_leave == 0);
	assert_true(only_outage(res, f[2])->time_derived == MS(100));
	meas_free(m);
}

/* A receiver that left before the stream sent anything expects nothing. */
static void test_leave_before_start(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_flow_info *a;
	int s, f;
	uint64_t q;

	(void)state;
	s = meas_stream_add(m, "u", MEAS_UNICAST, "10.0.0.1", 100, MS(50),
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	assert_int_equal(meas_flow_leave(m, f, MS(10)), 0);
	for (q = 0; q < 10; q++) {
		assert_int_equal(meas_tx(m, s, q, MS(50) + MS(10) * q), 0);
		/* in flight: a late prune lets two through */
		if (q < 2)
			assert_int_equal(meas_rx(m, f, q, MS(50) + MS(10) * q,
						 MS(51) + MS(10) * q),
					 0);
	}
	assert_int_equal(meas_finish(m, MS(200)), 0);
	a = &meas_results(m)->flows[f];
	assert_true(a->received == 2 && a->lost == 0 && a->tail_lost == 0);
	assert_true(a->after_leave == 8);
	assert_int_equal(a->noutages, 0);
	assert_balanced(a);
	assert_int_equal(meas_results(m)->nsummary, 0);
	meas_free(m);
}

/* Arrivals without meas_tx: the highest one received bounds L. */
static void test_leave_without_tx(void **state)
{
	struct meas *m = meas_new(NULL);
	const struct meas_flow_info *a;
	int s, f;
	uint64_t q;

	(void)state;
	s = meas_stream_add(m, "u", MEAS_UNICAST, "d", 1000, 0, SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	for (q = 0; q < 5; q++)
		assert_int_equal(meas_rx(m, f, q, MS(q), MS(q) + 1), 0);
	assert_int_equal(meas_flow_leave(m, f, MS(5)), 0);
	assert_int_equal(meas_rx(m, f, 9, MS(9), MS(9) + 1), 0);
	assert_int_equal(meas_finish(m, MS(100)), 0);
	a = &meas_results(m)->flows[f];
	assert_true(a->received == 6 && a->lost == 0 && a->tail_lost == 0);
	assert_true(a->after_leave == 0);
	assert_int_equal(a->noutages, 0);
	meas_free(m);
}

static void test_leave_errors(void **state)
{
	struct meas *m = meas_new(NULL);
	int s, f, g;

	(void)state;
	s = meas_stream_add(m, "u", MEAS_UNICAST, "d", 1000, 0, SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H");
	g = meas_flow_add(m, s, "H2");
	assert_int_equal(g, f + 1); /* consecutive flow ids */
	assert_int_equal(meas_flow_leave(m, -1, 0), -1);
	assert_int_equal(meas_flow_leave(m, 2, 0), -1);
	assert_non_null(strstr(meas_error(m), "no flow 2"));
	assert_int_equal(meas_tx(m, s, 0, MS(10)), 0);
	assert_int_equal(meas_flow_leave(m, f, MS(9)), -1);
	assert_non_null(strstr(meas_error(m), "earlier"));
	assert_int_equal(meas_rx(m, g, 0, MS(10), MS(12)), 0);
	assert_int_equal(meas_flow_leave(m, f, MS(11)), -1);
	assert_int_equal(meas_flow_leave(m, f, MS(12)), 0);
	assert_int_equal(meas_flow_leave(m, f, MS(13)), -1);
	assert_non_null(strstr(meas_error(m), "already left"));
	assert_int_equal(meas_finish(m, MS(20)), 0);
	assert_int_equal(meas_flow_leave(m, g, MS(30)), -1);
	assert_non_null(strstr(meas_error(m), "after meas_finish"));
	/* the refused leaves changed nothing */
	assert_true(meas_results(m)->flows[g].left_at == MEAS_UNKNOWN);
	assert_true(meas_results(m)->flows[f].left_at == MS(12));
	meas_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tail_after_leave),
		cmocka_unit_test(test_inflight_after_leave),
		cmocka_unit_test(test_gaps_after_leave),
		cmocka_unit_test(test_time_derived_stops),
		cmocka_unit_test(test_silent_left),
		cmocka_unit_test(test_leave_before_start),
		cmocka_unit_test(test_leave_without_tx),
		cmocka_unit_test(test_leave_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
