/*
 * Tests of the event-log-to-anatomy bridge (sim_marks.c): a table of log
 * records, each in its own fault window, and the mark kind each becomes in
 * the measurement (sim/measure/meas.h): the protocols' "mark" values
 * (detect, transition, membership, join, protocol, program), the rules
 * for iface / rib / mcast / asic records, the "what" text built from the
 * record, an unknown mark value (no mark, or the module's rule), records
 * without a mark and interfaces that go down because their own node
 * crashed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/run/sim_world_int.h"

#define NONE (-1)

struct mark_case {
	const char *node, *module, *event;
	const char *key, *val; /* the field naming what changed */
	const char *mark;      /* "mark" field, NULL: none */
	const char *why;       /* "why" field, NULL: none */
	int kind;	       /* expected enum meas_mark_kind, or NONE */
	const char *what;      /* expected text */
	const char *iface;     /* an "iface" field logged first, or NULL */
};

static const struct mark_case cases[] = {
	{ "R2", "vrrp", "state", "group", "Gi0/3/0 vrrp 1", "transition", NULL,
	  MEAS_MARK_TRANSITION, "vrrp state Gi0/3/0 vrrp 1" },
	{ "R2", "mtrack", "gate", "iface", "Gi0/3/0", "transition", NULL,
	  MEAS_MARK_TRANSITION, "mtrack gate Gi0/3/0" },
	{ "R2", "igmp", "group-add", "group", "239.1.1.1", "membership", NULL,
	  MEAS_MARK_MEMBERSHIP, "igmp group-add 239.1.1.1" },
	/* the group, not the interface it is on */
	{ "R2", "igmp", "group-add", "group", "239.1.1.9", "membership", NULL,
	  MEAS_MARK_MEMBERSHIP, "igmp group-add 239.1.1.9", "Gi0/2/0" },
	{ "R2", "mld", "group-add", "group", "ff3e::1", "membership", NULL,
	  MEAS_MARK_MEMBERSHIP, "mld group-add ff3e::1" },
	{ "R2", "pim", "upstream", "group", "239.1.1.2", "join", NULL,
	  MEAS_MARK_JOIN, "pim upstream 239.1.1.2" },
	{ "R1", "pim", "assert-winner", "group", "239.1.1.3", "join", NULL,
	  MEAS_MARK_JOIN, "pim assert-winner 239.1.1.3" },
	{ "R1", "bfd", "state", "session", "s1", "detect", NULL,
	  MEAS_MARK_DETECT, "bfd state s1" },
	{ "R1", "bfd", "state", "session", "s1", "protocol", NULL,
	  MEAS_MARK_PROTOCOL, "bfd state s1" },
	{ "R1", "x", "y", "key", "k", "program", NULL, MEAS_MARK_PROGRAM,
	  "x y " },
	{ "R1", "rib", "route-add", "prefix", "10.0.4.3/32", NULL, NULL,
	  MEAS_MARK_PROTOCOL, "rib route-add 10.0.4.3/32" },
	{ "R1", "mcast", "rpf-change", "group", "239.1.1.4", NULL, NULL,
	  MEAS_MARK_PROTOCOL, "mcast rpf-change 239.1.1.4" },
	{ "R1", "mcast", "entry-create", "group", "239.1.1.5", NULL, NULL,
	  MEAS_MARK_PROTOCOL, "mcast entry-create 239.1.1.5" },
	{ "R1", "asic", "programmed", "key", "10.0.1.0/24", NULL, NULL,
	  MEAS_MARK_PROGRAM, "asic programmed 10.0.1.0/24" },
	{ NULL, "iface", "oper-down", "iface", "eth1", NULL, "carrier",
	  MEAS_MARK_DETECT, "iface oper-down eth1" },
	/* no mark */
	{ "R2", "pim", "upstream", "group", "239.1.1.6", NULL, NULL, NONE,
	  NULL },
	{ "R2", "mcast", "mroute-set", "group", "239.1.1.7", NULL, NULL, NONE,
	  NULL },
	{ "R2", "foo", "bar", "group", "g", "bogus", NULL, NONE, NULL },
	{ "R2", "foo", "bar", "group", "g", "transitions", NULL, NONE, NULL },
	{ NULL, "iface", "oper-down", "iface", "eth2", NULL, "crash", NONE,
	  NULL },
	/* an unknown value leaves the record to the module's rule */
	{ "R1", "rib", "route-del", "prefix", "10.0.5.0/24", "bogus", NULL,
	  MEAS_MARK_PROTOCOL, "rib route-del 10.0.5.0/24" },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static void test_marks(void **state)
{
	struct sim_world w;
	struct sim_log log;
	const struct meas_results *r;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.meas = meas_new(NULL);
	assert_non_null(w.meas);
	sim_log_init(&log, NULL);
	assert_int_equal(sim_log_add_tap(&log, sim_marks_tap, &w), 0);
	/* Case i in the window of fault i: [10 i ms, 10 (i + 1) ms). */
	for (size_t i = 0; i < NCASES; i++) {
		const struct mark_case *c = &cases[i];
		sim_time_t t = SIM_MS(10) * (sim_time_t)i;
		struct sim_log_rec rec;

		assert_int_equal(meas_fault(w.meas, t, c->event), (int)i);
		sim_log_begin(&rec, &log, t + SIM_MS(1), c->node, c->module,
			      c->event);
		if (c->iface)
			sim_log_str(&rec, "iface", c->iface);
		sim_log_str(&rec, c->key, c->val);
		if (c->why)
			sim_log_str(&rec, "why", c->why);
		if (c->mark)
			sim_log_str(&rec, "mark", c->mark);
		sim_log_end(&rec);
	}
	assert_int_equal(meas_finish(w.meas, SIM_MS(10) * (sim_time_t)NCASES),
			 0);
	r = meas_results(w.meas);
	assert_int_equal(r->nfaults, NCASES);
	for (size_t i = 0; i < NCASES; i++) {
		const struct mark_case *c = &cases[i];
		const struct meas_fault_info *x = &r->faults[i];

		print_message("case %zu: %s %s\n", i, c->module, c->event);
		for (int k = 0; k < MEAS_MARK__COUNT; k++) {
			if (k != c->kind) {
				assert_true(x->mark[k].at == MEAS_UNKNOWN);
				continue;
			}
			assert_true(x->mark[k].at ==
				    SIM_MS(10) * (sim_time_t)i + SIM_MS(1));
			assert_string_equal(x->mark[k].what, c->what);
			if (c->node)
				assert_string_equal(x->mark[k].node, c->node);
		}
	}
	meas_free(w.meas);
}

/* Without a measurement the tap does nothing (and does not crash). */
static void test_no_meas(void **state)
{
	struct sim_world w;
	struct sim_log log;
	struct sim_log_rec rec;

	(void)state;
	memset(&w, 0, sizeof(w));
	sim_log_init(&log, NULL);
	assert_int_equal(sim_log_add_tap(&log, sim_marks_tap, &w), 0);
	sim_log_begin(&rec, &log, 0, "R1", "vrrp", "state");
	sim_log_str(&rec, "mark", "transition");
	sim_log_end(&rec);
	assert_int_equal(log.records, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_no_meas),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
