/*
 * Every scenario under scenarios/ runs with all protocol modules, and
 * every pcap it writes decodes in tshark with zero malformed frames, zero
 * bad checksums and zero expert errors.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "sim/run/sim_world.h"
#include "sim/trace/trace_tshark.h"

#define OUT FAILSIM_BINARY_DIR "/test-out/scenarios"

static void run_to(const char *scenario, const char *dir)
{
	struct sim_opts o = { .quiet = true,
			      .no_plots = true,
			      .modules = protocols_all,
			      .node_modules = protocols_nodes };
	struct scn_spec *spec;
	char err[2048];

	if (scn_load_file(scenario, &spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	if (sim_run_scenario(spec, dir, &o, NULL, err, sizeof(err)) != 0)
		fail_msg("%s: %s", scenario, err);
	scn_spec_free(spec);
}

/* Returns false when tshark is not installed. */
static bool check_pcaps(const char *dir)
{
	char pat[720];
	glob_t g;

	snprintf(pat, sizeof(pat), "%s/*.pcap", dir);
	if (glob(pat, 0, NULL, &g) != 0)
		return true;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct trace_tshark_result res;
		char err[512];
		enum trace_tshark_rc rc;

		rc = trace_tshark_check(g.gl_pathv[i], &res, err, sizeof(err));
		if (rc == TRACE_TSHARK_UNAVAILABLE) {
			globfree(&g);
			return false;
		}
		if (rc != TRACE_TSHARK_OK)
			fail_msg("%s: %s", g.gl_pathv[i], err);
		if (res.frames == 0 || res.malformed.count ||
		    res.bad_checksum.count || res.errors.count)
			fail_msg("%s: %u frames, %u malformed (first %u), %u "
				 "bad checksums (first %u), %u errors (first "
				 "%u)",
				 g.gl_pathv[i], res.frames, res.malformed.count,
				 res.malformed.first[0], res.bad_checksum.count,
				 res.bad_checksum.first[0], res.errors.count,
				 res.errors.first[0]);
	}
	globfree(&g);
	return true;
}

static void test_tshark_every_scenario(void **state)
{
	static const char *const pats[] = {
		FAILSIM_SOURCE_DIR "/scenarios/*.yaml",
		FAILSIM_SOURCE_DIR "/scenarios/*/*.yaml",
	};
	bool tshark = true;
	int n = 0;

	(void)state;
	for (size_t p = 0; p < 2; p++) {
		glob_t g;

		if (glob(pats[p], 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			char dir[700];

			snprintf(dir, sizeof(dir), OUT "/%d", n++);
			run_to(g.gl_pathv[i], dir);
			if (tshark)
				tshark = check_pcaps(dir);
		}
		globfree(&g);
	}
	assert_true(n >= 4);
	if (!tshark)
		skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tshark_every_scenario),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
