/*
 * The seed scenarios (scenarios/seeds/) against their baselines without
 * hot backup, with the bounds the configuration implies:
 *  - IGMP seed, master crash: the backup's mVRRP takes over one
 *    Master_Down_Interval after the last advertisement (RFC 5798 6.1:
 *    3 x 100 ms + Skew_Time (256 - 100) x 100 ms / 256 = 360.9375 ms);
 *    with hot backup nothing else is on the path but the ASIC's
 *    programming (well under 1 ms here) and the wait for the next packet
 *    (one 20 ms interval at 50 packets/s), so every flow's outage is at
 *    most 382 ms. Without hot backup the backup must first relearn the
 *    membership from the hosts' answers to its query, so every flow's
 *    outage is longer than with it.
 *  - MLD seed, master crash: the backup follows a BFD session in peer mode
 *    (detection 3 x 10 ms), so the outage is at most 30 ms + programming
 *    + one packet interval: 52 ms.
 *  - Each LAN-link and uplink failure (monitor group, `link`): the loss
 *    of signal is seen after 5 ms and the mVRRP resigns with priority 0,
 *    the backup takes over one Skew_Time later (60.9375 ms): at most
 *    5 + 60.94 + 20 + 1 ms = 87 ms with hot backup.
 *  - No duplicates once the routers have converged: none in the faults
 *    other than the loss of the master-backup link and its return (both
 *    routers then believe they are Master and forward: duplicates are
 *    what it costs, until the link returns).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "sim/run/sim_world.h"

struct run {
	struct scn_spec *spec;
	struct sim_world *w;
	const struct meas_results *res;
};

static void run(struct run *r, const char *file)
{
	struct sim_opts o = { .quiet = true,
			      .no_plots = true,
			      .modules = protocols_all,
			      .node_modules = protocols_nodes };
	char err[2048];

	if (scn_load_file(file, &r->spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	r->w = sim_world_new(r->spec, &o, NULL, err, sizeof(err));
	if (!r->w)
		fail_msg("%s", err);
	sim_world_run(r->w, sim_world_duration(r->w));
	r->res = sim_world_finish(r->w);
	assert_non_null(r->res);
}

static void run_free(struct run *r)
{
	sim_world_free(r->w);
	scn_spec_free(r->spec);
}

/* The multicast summary of fault f. */
static const struct meas_summary *sum(const struct run *r, int f)
{
	for (size_t i = 0; i < r->res->nsummary; i++)
		if (r->res->summary[i].fault == f &&
		    r->res->summary[i].kind == MEAS_MULTICAST)
			return &r->res->summary[i];
	fail_msg("no summary for fault %d", f);
	return NULL;
}

static int fault_index(const struct run *r, const char *label)
{
	for (size_t i = 0; i < r->res->nfaults; i++)
		if (!strcmp(r->res->faults[i].label, label))
			return (int)i;
	fail_msg("no fault '%s'", label);
	return -1;
}

static void check_bounded(const struct run *r, const char *label,
			  sim_time_t bound)
{
	const struct meas_summary *s = sum(r, fault_index(r, label));

	if (s->unrecovered || s->time_derived.max > bound)
		fail_msg("%s: %u unrecovered, max outage %lld ns > %lld ns",
			 label, s->unrecovered, (long long)s->time_derived.max,
			 (long long)bound);
}

/* Faults whose label starts with except (the master-backup link going
 * and coming back: the dual-Master period and its end) are left out. */
static void check_no_dups(const struct run *r, const char *except)
{
	for (size_t f = 0; f < r->res->nfaults; f++)
		if (strncmp(r->res->faults[f].label, except, strlen(except)) &&
		    sum(r, (int)f)->dups)
			fail_msg("%s: %llu duplicates", r->res->faults[f].label,
				 (unsigned long long)sum(r, (int)f)->dups);
}

static void test_igmp_seed(void **state)
{
	struct run a, b;
	const sim_time_t mdi = 3 * SIM_MS(100) + SIM_US(60937) + 500;

	(void)state;
	run(&a,
	    FAILSIM_SOURCE_DIR "/scenarios/seeds/igmp-dual-device-backup.yaml");
	run(&b, FAILSIM_SOURCE_DIR
	    "/scenarios/seeds/igmp-dual-device-backup-baseline.yaml");
	check_bounded(&a, "master crash", mdi + SIM_MS(21));
	check_bounded(&a, "master LAN link down",
		      SIM_MS(5) + SIM_US(60938) + SIM_MS(21));
	check_bounded(&a, "master uplink down",
		      SIM_MS(5) + SIM_US(60938) + SIM_MS(21));
	check_no_dups(&a, "master-backup link");
	/* Without hot backup the crash costs the relearning on top: the
	 * anatomy's membership stage is 0 with hot backup (the entries
	 * were there) and the bulk of the difference without. */
	assert_true(sum(&b, 0)->time_derived.min >
		    sum(&a, 0)->time_derived.max);
	assert_int_equal(a.res->faults[0].stage[MEAS_STAGE_MEMBERSHIP], 0);
	assert_true(b.res->faults[0].stage[MEAS_STAGE_MEMBERSHIP] >
		    SIM_MS(100));
	assert_true(b.res->faults[0].stage[MEAS_STAGE_DETECTION] ==
		    a.res->faults[0].stage[MEAS_STAGE_DETECTION]);
	assert_true(sum(&b, fault_index(&b, "master LAN link down"))
			    ->time_derived.min > SIM_MS(500));
	/* Both routers forward while they cannot hear each other. */
	assert_true(sum(&a, fault_index(&a, "master-backup link down"))->dups >
		    0);
	run_free(&a);
	run_free(&b);
}

static void test_mld_seed(void **state)
{
	struct run a, b;

	(void)state;
	run(&a,
	    FAILSIM_SOURCE_DIR "/scenarios/seeds/mld-vrrp6-hot-backup.yaml");
	run(&b, FAILSIM_SOURCE_DIR
	    "/scenarios/seeds/mld-vrrp6-hot-backup-baseline.yaml");
	check_bounded(&a, "master crash", 3 * SIM_MS(10) + SIM_MS(22));
	check_bounded(&a, "master LAN link down",
		      SIM_MS(5) + SIM_US(60938) + SIM_MS(21));
	check_bounded(&a, "master uplink down",
		      SIM_MS(5) + SIM_US(60938) + SIM_MS(21));
	check_no_dups(&a, "master-backup link");
	assert_true(sum(&b, 0)->time_derived.min >
		    sum(&a, 0)->time_derived.max);
	assert_int_equal(a.res->faults[0].stage[MEAS_STAGE_MEMBERSHIP], 0);
	assert_true(b.res->faults[0].stage[MEAS_STAGE_MEMBERSHIP] >
		    SIM_MS(100));
	run_free(&a);
	run_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_igmp_seed),
		cmocka_unit_test(test_mld_seed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
