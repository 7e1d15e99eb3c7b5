/*
 * scenarios/membership.yaml end to end (issue 5's scenario): IGMPv2,
 * IGMPv3 (INCLUDE and EXCLUDE source filters), MLDv1 and MLDv2 receivers
 * behind a snooping switch. Checks what a user reads in the report: every
 * receiver gets its streams from its join until its leave with no loss,
 * leaving is not loss, the v3 EXCLUDE host filters the excluded source, and
 * the LAN link cut at 10 s costs the streams of the receivers still joined
 * an outage bounded by the Max Response Time of the router's startup query
 * (2 s) plus the detection and programming around it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "sim/node/node_host.h"
#include "sim/run/sim_world.h"

static const struct meas_flow_info *flow_of(const struct meas_results *res,
					    const char *rcv, const char *stream)
{
	for (size_t i = 0; i < res->nflows; i++) {
		const struct meas_flow_info *f = &res->flows[i];

		if (!strcmp(f->receiver, rcv) &&
		    !strcmp(res->streams[f->stream].name, stream))
			return f;
	}
	fail_msg("no flow %s / %s", rcv, stream);
	return NULL;
}

static void test_membership_scenario(void **state)
{
	struct sim_opts o = { .quiet = true,
			      .no_plots = true,
			      .modules = protocols_all,
			      .node_modules = protocols_nodes };
	static const char *const left[][2] = {
		{ "v2rcv", "tv/232.1.1.1" },	{ "v2rcv", "tv-b/232.1.1.2" },
		{ "v3late", "tv-b/232.1.1.1" }, { "mld1rcv", "tv6/ff3e::1:1" },
		{ "mld1rcv", "tv6/ff3e::1:2" },
	};
	static const char *const stay[][2] = {
		{ "v3rcv", "tv/232.1.1.1" },
		{ "v3rcv", "tv/232.1.1.2" },
		{ "mld2rcv", "tv6/ff3e::1:1" },
	};
	const struct meas_results *res;
	struct scn_spec *spec;
	struct sim_world *w;
	char err[2048];

	(void)state;
	if (scn_load_file(FAILSIM_SOURCE_DIR "/scenarios/membership.yaml",
			  &spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	w = sim_world_new(spec, &o, NULL, err, sizeof(err));
	if (!w)
		fail_msg("%s", err);
	sim_world_run(w, sim_world_duration(w));
	res = sim_world_finish(w);
	assert_non_null(res);
	/* Receivers that left before the cut: nothing lost, the packets
	 * after their leave are "post", not loss. */
	for (size_t i = 0; i < sizeof(left) / sizeof(left[0]); i++) {
		const struct meas_flow_info *f =
			flow_of(res, left[i][0], left[i][1]);

		assert_int_equal(f->lost, 0);
		assert_int_equal(f->noutages, 0);
		assert_true(f->after_leave > 0);
		assert_true(f->received > 0);
	}
	/* Receivers still joined at 10 s: one outage each, caused by the
	 * cut, recovered within the 2 s Max Response Time of the startup
	 * query plus 100 ms down, detection and programming. */
	for (size_t i = 0; i < sizeof(stay) / sizeof(stay[0]); i++) {
		const struct meas_flow_info *f =
			flow_of(res, stay[i][0], stay[i][1]);
		const struct meas_outage *out = &res->outages[f->first_outage];

		assert_int_equal(f->noutages, 1);
		assert_int_equal(out->fault, 0);
		assert_true(out->recovered);
		assert_true(out->time_derived > SIM_MS(100));
		assert_true(out->time_derived < SIM_MS(2200));
		assert_int_equal(f->after_leave, 0);
	}
	/* v3late's EXCLUDE {10.0.1.10}: the snooping switch delivers the
	 * group (group-level snooping), the host's filter drops src's data. */
	assert_true(
		node_host_counters(sim_world_node(w, "v3late"))->rx_filtered >
		0);
	sim_world_free(w);
	scn_spec_free(spec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_membership_scenario),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
