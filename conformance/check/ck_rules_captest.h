/*
 * Test helpers of the rule modules' tests (cmocka). ckc_captures runs one
 * rule module alone, through the checker's own driver (every link type it
 * reads), over every capture of FAILSIM_SHARED_DIR/captures: nothing may
 * crash, the failing rules of each capture and the totals per rule are
 * printed, and verdicts checked by hand are asserted. The scenario
 * helpers (ck_rules_simtest.c, linked only by the tests that run failsim
 * itself) run a scenario with its captures written into a folder.
 * No RFC is implemented here.
 */
#ifndef CK_RULES_CAPTEST_H
#define CK_RULES_CAPTEST_H

#include <stdbool.h>
#include <stddef.h>

#include "conformance/check/ck_proto.h"

/* A verdict checked by hand (tshark, INDEX.tsv): a capture ("dir/file"
 * under captures/), a rule, and whether it must fail there. */
struct ckc_want {
	const char *file;
	const char *rule;
	bool fail;
};

/*
 * Run module p alone over every capture of the shared captures' folders
 * (and of $CK_R_EXTRA_CAPS when set, for manual runs over failsim's own
 * traces); lines printed start with p->name. Asserts want[0..nwant) and
 * skips the test when no capture could be read.
 */
void ckc_captures(const struct ck_proto *p, const struct ckc_want *want,
		  size_t nwant);

/*
 * Run a scenario (its text, or the file at path when text is NULL) to
 * its end with its captures written into the existing folder dir; a
 * failing step fails the test.
 */
void ckc_run_scenario(const char *text, const char *path, const char *dir);
/* Remove folder dir and the files in it. */
void ckc_remove_dir(const char *dir);

#endif
