/*
 * Tests of the outage anatomy (meas.h, "Anatomy of fault F"; meas_finish.c)
 * with synthetic marks: every combination of present and absent marks of
 * the six kinds (detection, transition, membership, join, protocol,
 * programming, delivery must add up to the fault-to-recovery time when
 * known, an absent mark giving a 0 stage, e.g. membership 0 with hot
 * backup), which mark of a kind is chosen (first / last, the recovery and
 * the next fault bounding the search, marks reported out of order), the
 * per-outage programming and delivery, faults without outage, recovery
 * before detection, and the kind and stage names. Times are those of RFC
 * 6412 section 3.2.2 (Convergence Event Instant = the fault) onwards.
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

/* The standard case: 1000 pps from t = 0, fault at 1 s, seqs 1000..1339
 * lost, so the flow is back at R = 1340 ms. */
#define T_FAULT MS(1000)
#define T_BACK	MS(1340)

/* Send seqs [lo, hi] at seq ms, delivering (no delay) all but [dlo, dhi]. */
static void feed(struct meas *m, int s, int f, uint64_t lo, uint64_t hi,
		 uint64_t dlo, uint64_t dhi)
{
	for (uint64_t q = lo; q <= hi; q++) {
		sim_time_t t = (sim_time_t)q * MS(1);

		assert_int_equal(meas_tx(m, s, q, t), 0);
		if (q < dlo || q > dhi)
			assert_int_equal(meas_rx(m, f, q, t, t), 0);
	}
}

/* A measurement with one 1000 pps stream and one flow "H1". */
static struct meas *one_flow(int *s, int *f)
{
	struct meas *m = meas_new(NULL);

	assert_non_null(m);
	*s = meas_stream_add(m, "mc", MEAS_MULTICAST, "239.1.1.1", 1000, 0,
			     SIM_TIME_NEVER);
	*f = meas_flow_add(m, *s, "H1");
	assert_true(*s >= 0 && *f >= 0);
	return m;
}

static const struct meas_results *finish(struct meas *m, sim_time_t end)
{
	assert_int_equal(meas_finish(m, end), 0);
	assert_non_null(meas_results(m));
	return meas_results(m);
}

/* Mark times of the combination test, by kind. */
static const sim_time_t combo_at[MEAS_MARK__COUNT] = {
	[MEAS_MARK_DETECT] = MS(1100),	   [MEAS_MARK_TRANSITION] = MS(1150),
	[MEAS_MARK_MEMBERSHIP] = MS(1300), [MEAS_MARK_JOIN] = MS(1320),
	[MEAS_MARK_PROTOCOL] = MS(1325),   [MEAS_MARK_PROGRAM] = MS(1330),
};

static const char *const combo_what[MEAS_MARK__COUNT] = {
	"bfd down",
	"vrrp state Master",
	"igmp group-add 239.1.1.1",
	"pim upstream 239.1.1.1",
	"rib route-add",
	"asic programmed",
};

/* Expected anatomy of combination mask (bit k: a mark of kind k). */
static void combo_expect(unsigned mask, sim_time_t *stage, sim_time_t *ctl)
{
	sim_time_t b = T_FAULT; /* latest boundary */

	for (int k = 0; k < MEAS_MARK__COUNT; k++) {
		if (k == MEAS_MARK_PROGRAM)
			*ctl = b;
		if (mask & (1u << k)) {
			stage[k] = b == MEAS_UNKNOWN ? MEAS_UNKNOWN
						     : combo_at[k] - b;
			b = combo_at[k];
		} else if (k == MEAS_MARK_DETECT) {
			stage[k] = b = MEAS_UNKNOWN;
		} else {
			stage[k] = 0;
		}
	}
	stage[MEAS_STAGE_DELIVERY] =
		b == MEAS_UNKNOWN ? MEAS_UNKNOWN : T_BACK - b;
}

static void combo_check(unsigned mask, const struct meas_results *r)
{
	const struct meas_fault_info *x = &r->faults[0];
	const struct meas_outage *o = &r->outages[0];
	sim_time_t stage[MEAS_STAGE__COUNT], ctl = MEAS_UNKNOWN, sum = 0;
	bool all = true;

	combo_expect(mask, stage, &ctl);
	assert_true(x->recovered_at == T_BACK);
	assert_true(x->control_at == ctl);
	for (int k = 0; k < MEAS_MARK__COUNT; k++) {
		if (mask & (1u << k)) {
			assert_true(x->mark[k].at == combo_at[k]);
			assert_string_equal(x->mark[k].node, "R2");
			assert_string_equal(x->mark[k].what, combo_what[k]);
		} else {
			assert_true(x->mark[k].at == MEAS_UNKNOWN);
			assert_null(x->mark[k].node);
			assert_null(x->mark[k].what);
		}
	}
	for (int k = 0; k < MEAS_STAGE__COUNT; k++) {
		assert_true(x->stage[k] == stage[k]);
		assert_true(x->stage[k] == MEAS_UNKNOWN || x->stage[k] >= 0);
		if (x->stage[k] == MEAS_UNKNOWN)
			all = false;
		else
			sum += x->stage[k];
	}
	/* Known stages add up to the whole outage; with a detection they
	 * all are known. */
	assert_true(all == ((mask & 1u) != 0));
	if (all)
		assert_true(sum == T_BACK - T_FAULT);
	/* per outage: the last write before this flow's recovery */
	if (ctl == MEAS_UNKNOWN) {
		assert_true(o->programming == MEAS_UNKNOWN &&
			    o->delivery == MEAS_UNKNOWN);
	} else if (mask & (1u << MEAS_MARK_PROGRAM)) {
		assert_true(o->program_at == combo_at[MEAS_MARK_PROGRAM]);
		assert_true(o->programming == o->program_at - ctl);
		assert_true(o->delivery == T_BACK - o->program_at);
	} else {
		assert_true(o->program_at == MEAS_UNKNOWN);
		assert_true(o->programming == 0);
		assert_true(o->delivery == T_BACK - ctl);
	}
}

/* Every subset of the six mark kinds, marks reported in reverse order. */
static void test_combinations(void **state)
{
	(void)state;
	for (unsigned mask = 0; mask < (1u << MEAS_MARK__COUNT); mask++) {
		int s, f;
		struct meas *m = one_flow(&s, &f);

		assert_int_equal(meas_fault(m, T_FAULT, "master crash"), 0);
		for (int k = MEAS_MARK__COUNT - 1; k >= 0; k--)
			if (mask & (1u << k))
				assert_int_equal(
					meas_mark(m, combo_at[k],
						  (enum meas_mark_kind)k, "R2",
						  combo_what[k]),
					0);
		feed(m, s, f, 0, 1400, 1000, 1339);
		combo_check(mask, finish(m, MS(1500)));
		meas_free(m);
	}
}

/* Two concrete cases in plain numbers: the seed scenario's master crash
 * with hot backup (groups already there: membership 0, no join) and
 * without (groups relearned, then joined upstream). */
static void test_backup_vs_baseline(void **state)
{
	const struct meas_fault_info *x;
	struct meas *m;
	int s, f;

	(void)state;
	m = one_flow(&s, &f);
	meas_fault(m, T_FAULT, "master crash");
	meas_mark(m, MS(1314), MEAS_MARK_DETECT, "R2", "vrrp master-down");
	meas_mark(m, MS(1314), MEAS_MARK_TRANSITION, "R2", "vrrp state");
	meas_mark(m, MS(1314), MEAS_MARK_TRANSITION, "R2", "mtrack gate");
	meas_mark(m, MS(1314), MEAS_MARK_PROTOCOL, "R2", "rib route-add");
	meas_mark(m, MS(1314) + US(105), MEAS_MARK_PROGRAM, "R2", "adjacency");
	meas_mark(m, MS(1316), MEAS_MARK_PROGRAM, "R2", "asic programmed");
	feed(m, s, f, 0, 1400, 1000, 1334);
	x = &finish(m, MS(1500))->faults[0];
	assert_string_equal(x->mark[MEAS_MARK_TRANSITION].what, "vrrp state");
	/* the batch's last write before the recovery, not its first */
	assert_string_equal(x->mark[MEAS_MARK_PROGRAM].what, "asic programmed");
	assert_true(x->stage[MEAS_STAGE_DETECTION] == MS(314));
	assert_true(x->stage[MEAS_STAGE_TRANSITION] == 0);
	assert_true(x->stage[MEAS_STAGE_MEMBERSHIP] == 0);
	assert_true(x->stage[MEAS_STAGE_JOIN] == 0);
	assert_true(x->stage[MEAS_STAGE_PROTOCOL] == 0);
	assert_true(x->stage[MEAS_STAGE_PROGRAMMING] == MS(2));
	assert_true(x->stage[MEAS_STAGE_DELIVERY] == MS(19));
	meas_free(m);

	m = one_flow(&s, &f);
	meas_fault(m, T_FAULT, "master crash");
	meas_mark(m, MS(1314), MEAS_MARK_DETECT, "R2", "vrrp master-down");
	meas_mark(m, MS(1314), MEAS_MARK_TRANSITION, "R2", "vrrp state");
	meas_mark(m, MS(1314), MEAS_MARK_PROTOCOL, "R2", "rib route-add");
	meas_mark(m, MS(1594), MEAS_MARK_MEMBERSHIP, "R2", "group-add 1");
	meas_mark(m, MS(1594), MEAS_MARK_MEMBERSHIP, "R2", "group-add 2");
	meas_mark(m, MS(1594), MEAS_MARK_JOIN, "R2", "pim upstream (*,G)");
	meas_mark(m, MS(1615), MEAS_MARK_JOIN, "R2", "pim upstream (S,G)");
	meas_mark(m, MS(1615) + US(130), MEAS_MARK_PROGRAM, "R2", "asic");
	feed(m, s, f, 0, 1700, 1000, 1615);
	x = &finish(m, MS(1800))->faults[0];
	assert_string_equal(x->mark[MEAS_MARK_MEMBERSHIP].what, "group-add 2");
	assert_string_equal(x->mark[MEAS_MARK_JOIN].what, "pim upstream (S,G)");
	assert_true(x->stage[MEAS_STAGE_DETECTION] == MS(314));
	assert_true(x->stage[MEAS_STAGE_TRANSITION] == 0);
	assert_true(x->stage[MEAS_STAGE_MEMBERSHIP] == MS(280));
	assert_true(x->stage[MEAS_STAGE_JOIN] == MS(21));
	/* the route came before the membership: explained, 0 */
	assert_true(x->stage[MEAS_STAGE_PROTOCOL] == 0);
	assert_true(x->mark[MEAS_MARK_PROTOCOL].at == MEAS_UNKNOWN);
	assert_true(x->stage[MEAS_STAGE_PROGRAMMING] == US(130));
	assert_true(x->stage[MEAS_STAGE_DELIVERY] == US(870));
	meas_free(m);
}

/* Which mark of a kind is chosen; windows bounded by the recovery. */
static void test_choice(void **state)
{
	const struct meas_results *r;
	const struct meas_fault_info *x;
	struct meas *m;
	int s, f;

	(void)state;
	m = one_flow(&s, &f);
	meas_mark(m, MS(500), MEAS_MARK_DETECT, "R1", "stale");
	meas_fault(m, T_FAULT, "f");
	meas_mark(m, MS(1050), MEAS_MARK_TRANSITION, "R9", "before detect");
	meas_mark(m, MS(1100), MEAS_MARK_DETECT, "R2", "first detect");
	meas_mark(m, MS(1120), MEAS_MARK_DETECT, "R3", "second detect");
	meas_mark(m, MS(1150), MEAS_MARK_TRANSITION, "R2", "first transition");
	meas_mark(m, MS(1160), MEAS_MARK_PROTOCOL, "R2", "explained route");
	meas_mark(m, MS(1170), MEAS_MARK_TRANSITION, "R2", "gate");
	meas_mark(m, MS(1200), MEAS_MARK_MEMBERSHIP, "R2", "early group");
	meas_mark(m, MS(1250), MEAS_MARK_JOIN, "R2", "early join");
	meas_mark(m, MS(1300), MEAS_MARK_MEMBERSHIP, "R2", "last group");
	meas_mark(m, MS(1310), MEAS_MARK_PROGRAM, "R2", "early write");
	meas_mark(m, MS(1320), MEAS_MARK_JOIN, "R2", "last join");
	meas_mark(m, MS(1325), MEAS_MARK_PROTOCOL, "R2", "oif-change");
	meas_mark(m, MS(1330), MEAS_MARK_PROGRAM, "R2", "first write");
	meas_mark(m, MS(1335), MEAS_MARK_PROGRAM, "R2", "last write");
	/* at the recovery instant: still counts; after it: never */
	meas_mark(m, T_BACK, MEAS_MARK_PROTOCOL, "R2", "at recovery");
	meas_mark(m, MS(1345), MEAS_MARK_MEMBERSHIP, "R2", "late group");
	meas_mark(m, MS(1346), MEAS_MARK_JOIN, "R2", "late join");
	feed(m, s, f, 0, 1400, 1000, 1339);
	r = finish(m, MS(1500));
	x = &r->faults[0];
	assert_string_equal(x->mark[MEAS_MARK_DETECT].what, "first detect");
	assert_string_equal(x->mark[MEAS_MARK_TRANSITION].what,
			    "first transition");
	assert_string_equal(x->mark[MEAS_MARK_MEMBERSHIP].what, "last group");
	assert_string_equal(x->mark[MEAS_MARK_JOIN].what, "last join");
	assert_string_equal(x->mark[MEAS_MARK_PROTOCOL].what, "at recovery");
	/* nothing after the protocol boundary (= R): programming 0 */
	assert_true(x->mark[MEAS_MARK_PROGRAM].at == MEAS_UNKNOWN);
	assert_true(x->control_at == T_BACK);
	assert_true(x->stage[MEAS_STAGE_PROTOCOL] == MS(20));
	assert_true(x->stage[MEAS_STAGE_PROGRAMMING] == 0);
	assert_true(x->stage[MEAS_STAGE_DELIVERY] == 0);
	meas_free(m);

	/* Without the mark at the recovery: the last write after the last
	 * control step and before the recovery is the programming; per
	 * outage the last one before that flow's recovery. */
	m = one_flow(&s, &f);
	meas_fault(m, T_FAULT, "f");
	meas_mark(m, MS(1100), MEAS_MARK_DETECT, "R2", "d");
	meas_mark(m, MS(1310), MEAS_MARK_PROGRAM, "R2", "early write");
	meas_mark(m, MS(1320), MEAS_MARK_JOIN, "R2", "join");
	meas_mark(m, MS(1335), MEAS_MARK_PROGRAM, "R2", "last write");
	meas_mark(m, MS(1330), MEAS_MARK_PROGRAM, "R2", "first write");
	meas_mark(m, MS(1341), MEAS_MARK_PROGRAM, "R2", "after recovery");
	feed(m, s, f, 0, 1400, 1000, 1339);
	r = finish(m, MS(1500));
	x = &r->faults[0];
	assert_string_equal(x->mark[MEAS_MARK_PROGRAM].what, "last write");
	assert_true(x->stage[MEAS_STAGE_JOIN] == MS(220));
	assert_true(x->stage[MEAS_STAGE_PROGRAMMING] == MS(15));
	assert_true(x->stage[MEAS_STAGE_DELIVERY] == MS(5));
	assert_true(r->outages[0].program_at == MS(1335));
	assert_true(r->outages[0].programming == MS(15));
	assert_true(r->outages[0].delivery == MS(5));
	meas_free(m);
}

/* Two flows, a fault without marks, one with a protocol mark only. */
static void test_two_flows(void **state)
{
	const struct meas_results *r;
	const struct meas_fault_info *x;
	struct meas *m;
	int s, f1, f2;

	(void)state;
	m = one_flow(&s, &f1);
	f2 = meas_flow_add(m, s, "H2");
	meas_fault(m, T_FAULT, "upstream down");
	meas_fault(m, MS(2000), "no marks at all");
	meas_fault(m, MS(3000), "protocol only");
	meas_mark(m, MS(1030), MEAS_MARK_DETECT, "R2", "bfd down");
	meas_mark(m, MS(1030) + US(100), MEAS_MARK_TRANSITION, "R2", "master");
	meas_mark(m, MS(1031), MEAS_MARK_PROGRAM, "R2", "first write");
	meas_mark(m, MS(1040), MEAS_MARK_PROGRAM, "R2", "mroute");
	meas_mark(m, MS(3010), MEAS_MARK_PROTOCOL, "R4", "route set");
	/* H1 back at 1041 ms, H2 at 1045 ms */
	for (uint64_t q = 990; q <= 1100; q++) {
		meas_tx(m, s, q, (sim_time_t)q * MS(1));
		if (q < 1000 || q > 1040)
			meas_rx(m, f1, q, (sim_time_t)q * MS(1),
				(sim_time_t)q * MS(1));
		if (q < 1000 || q > 1044)
			meas_rx(m, f2, q, (sim_time_t)q * MS(1),
				(sim_time_t)q * MS(1));
	}
	r = finish(m, MS(4000));
	x = &r->faults[0];
	assert_true(x->recovered_at == MS(1045));
	assert_true(x->stage[MEAS_STAGE_DETECTION] == MS(30));
	assert_true(x->stage[MEAS_STAGE_TRANSITION] == US(100));
	assert_true(x->stage[MEAS_STAGE_PROGRAMMING] == MS(10) - US(100));
	assert_true(x->stage[MEAS_STAGE_DELIVERY] == MS(5));
	assert_string_equal(x->mark[MEAS_MARK_PROGRAM].what, "mroute");
	assert_true(r->outages[0].program_at == MS(1040));
	assert_true(r->outages[0].delivery == MS(1));
	assert_true(r->outages[1].program_at == MS(1040));
	assert_true(r->outages[1].delivery == MS(5));
	/* fault 1: nothing known; only absent middle stages are 0 */
	x = &r->faults[1];
	assert_true(x->stage[MEAS_STAGE_DETECTION] == MEAS_UNKNOWN);
	assert_true(x->stage[MEAS_STAGE_PROTOCOL] == 0);
	assert_true(x->stage[MEAS_STAGE_DELIVERY] == MEAS_UNKNOWN);
	assert_true(x->recovered_at == MEAS_UNKNOWN);
	assert_true(x->control_at == MEAS_UNKNOWN);
	/* fault 2: the protocol mark absorbs the unknown detection */
	x = &r->faults[2];
	assert_true(x->mark[MEAS_MARK_PROTOCOL].at == MS(3010));
	assert_true(x->stage[MEAS_STAGE_PROTOCOL] == MEAS_UNKNOWN);
	assert_true(x->control_at == MS(3010));
	assert_true(x->stage[MEAS_STAGE_PROGRAMMING] == 0);
	meas_free(m);
}

/* No outage: the first mark of each kind in the fault's window, which
 * the next fault ends; delivery unknown. */
static void test_no_outage(void **state)
{
	const struct meas_results *r;
	struct meas *m = meas_new(NULL);

	(void)state;
	meas_fault(m, MS(10), "hitless");
	meas_mark(m, MS(11), MEAS_MARK_DETECT, "R1", "d");
	meas_mark(m, MS(12), MEAS_MARK_TRANSITION, "R1", "t");
	meas_mark(m, MS(13), MEAS_MARK_MEMBERSHIP, "R1", "m1");
	meas_mark(m, MS(14), MEAS_MARK_MEMBERSHIP, "R1", "m2");
	meas_mark(m, MS(15), MEAS_MARK_PROGRAM, "R1", "w1");
	meas_mark(m, MS(18), MEAS_MARK_PROGRAM, "R1", "w2");
	meas_fault(m, MS(19), "next");
	meas_mark(m, MS(20), MEAS_MARK_JOIN, "R1", "next fault's");
	r = finish(m, MS(30));
	assert_string_equal(r->faults[0].mark[MEAS_MARK_MEMBERSHIP].what, "m1");
	assert_true(r->faults[0].mark[MEAS_MARK_JOIN].at == MEAS_UNKNOWN);
	assert_true(r->faults[0].stage[MEAS_STAGE_MEMBERSHIP] == MS(1));
	assert_true(r->faults[0].mark[MEAS_MARK_PROGRAM].at == MS(15));
	assert_true(r->faults[0].stage[MEAS_STAGE_PROGRAMMING] == MS(2));
	assert_true(r->faults[0].stage[MEAS_STAGE_DELIVERY] == MEAS_UNKNOWN);
	assert_true(r->faults[1].stage[MEAS_STAGE_DETECTION] == MEAS_UNKNOWN);
	assert_true(r->faults[1].mark[MEAS_MARK_JOIN].at == MS(20));
	assert_int_equal(r->nsummary, 0);
	meas_free(m);
}

/* Traffic back before anyone noticed: nothing after R counts, so the
 * outage cannot be split (no negative delivery). */
static void test_recovered_before_detection(void **state)
{
	const struct meas_results *r;
	const struct meas_fault_info *x;
	struct meas *m;
	int s, f;

	(void)state;
	m = one_flow(&s, &f);
	meas_fault(m, T_FAULT, "blip");
	meas_mark(m, MS(1100), MEAS_MARK_DETECT, "R2", "late");
	meas_mark(m, MS(1110), MEAS_MARK_PROGRAM, "R2", "late write");
	feed(m, s, f, 0, 1200, 1000, 1009);
	r = finish(m, MS(1300));
	x = &r->faults[0];
	assert_true(x->recovered_at == MS(1010));
	assert_true(x->mark[MEAS_MARK_DETECT].at == MEAS_UNKNOWN);
	assert_true(x->mark[MEAS_MARK_PROGRAM].at == MEAS_UNKNOWN);
	assert_true(x->stage[MEAS_STAGE_DETECTION] == MEAS_UNKNOWN);
	assert_true(x->stage[MEAS_STAGE_DELIVERY] == MEAS_UNKNOWN);
	assert_true(r->outages[0].programming == MEAS_UNKNOWN);
	assert_true(r->outages[0].delivery == MEAS_UNKNOWN);
	meas_free(m);
}

static void test_names(void **state)
{
	static const char *const marks[] = { "detect",	   "transition",
					     "membership", "join",
					     "protocol",   "program" };
	static const char *const stages[] = { "detection",  "transition",
					      "membership", "join",
					      "protocol",   "programming",
					      "delivery" };

	(void)state;
	for (int k = 0; k < MEAS_MARK__COUNT; k++)
		assert_string_equal(meas_mark_name((enum meas_mark_kind)k),
				    marks[k]);
	for (int k = 0; k < MEAS_STAGE__COUNT; k++)
		assert_string_equal(meas_stage_name((enum meas_stage)k),
				    stages[k]);
	assert_string_equal(meas_mark_name(MEAS_MARK__COUNT), "unknown");
	assert_string_equal(meas_stage_name(MEAS_STAGE__COUNT), "unknown");
	assert_string_equal(meas_stage_name((enum meas_stage) - 1), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_combinations),
		cmocka_unit_test(test_backup_vs_baseline),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_two_flows),
		cmocka_unit_test(test_no_outage),
		cmocka_unit_test(test_recovered_before_detection),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
