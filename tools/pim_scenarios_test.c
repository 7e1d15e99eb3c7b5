/*
 * The PIM scenarios end to end (issue 6): scenarios/pim-sm.yaml (IPv4 ASM
 * through a static RP and SSM), scenarios/pim-ipv6.yaml (the same with
 * IPv6 PIM and MLD) and scenarios/regress/pim6-global-nexthop.yaml (IPv6
 * routes through global next hops, matched to neighbors by the Hello
 * Address List). Each receiver gets its stream; the cut of the link on
 * the tree costs each flow one outage, recovered within the loss-of-signal
 * detection (5 ms) plus the re-join through the other router and its
 * programming (bounded here at 20 ms); the restored link moves the tree
 * back with one more recovered outage.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "sim/run/sim_world.h"

static void run_pim(const char *file)
{
	struct sim_opts o = { .quiet = true,
			      .no_plots = true,
			      .modules = protocols_all,
			      .node_modules = protocols_nodes };
	const struct meas_results *res;
	struct scn_spec *spec;
	struct sim_world *w;
	char err[2048];

	if (scn_load_file(file, &spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	w = sim_world_new(spec, &o, NULL, err, sizeof(err));
	if (!w)
		fail_msg("%s", err);
	sim_world_run(w, sim_world_duration(w));
	res = sim_world_finish(w);
	assert_int_equal(res->nflows, 3);
	assert_int_equal(res->nfaults, 2);
	for (size_t i = 0; i < res->nflows; i++) {
		const struct meas_flow_info *f = &res->flows[i];
		const struct meas_outage *cut, *back;

		if (f->received < 3000 || f->noutages != 2)
			fail_msg("%s: flow %s/%s received %llu, %zu outages",
				 file, f->receiver,
				 res->streams[f->stream].name,
				 (unsigned long long)f->received, f->noutages);
		cut = &res->outages[f->first_outage];
		back = cut + 1;
		assert_int_equal(cut->fault, 0);
		assert_true(cut->recovered);
		assert_true(cut->time_derived > SIM_MS(5));
		assert_true(cut->time_derived < SIM_MS(20));
		assert_int_equal(back->fault, 1);
		assert_true(back->recovered);
	}
	sim_world_free(w);
	scn_spec_free(spec);
}

static void test_pim_sm(void **state)
{
	(void)state;
	run_pim(FAILSIM_SOURCE_DIR "/scenarios/pim-sm.yaml");
}

static void test_pim_ipv6(void **state)
{
	(void)state;
	run_pim(FAILSIM_SOURCE_DIR "/scenarios/pim-ipv6.yaml");
}

static void test_pim6_global_nexthop(void **state)
{
	(void)state;
	run_pim(FAILSIM_SOURCE_DIR
		"/scenarios/regress/pim6-global-nexthop.yaml");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pim_sm),
		cmocka_unit_test(test_pim_ipv6),
		cmocka_unit_test(test_pim6_global_nexthop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
