/*
 * `failsim conform`: behavioural conformance cases. Each case builds a
 * small topology in simulation (cf_world.h), stimulates failsim's own
 * implementation (crafted packets from probe nodes, dropped adverts,
 * failed links) and asserts what an RFC section requires, at exact
 * simulated times. A case is a ck_rule (id, level, RFC, section, the
 * sentence, quoted) plus a function; results go into a ck_ctx run, so
 * `conform` reports in the same text/JSON/JUnit formats as `check` and
 * exits the same way (0: no MUST case failed, 1: one did, 2: bad usage).
 */
#ifndef CF_H
#define CF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/report/ck.h"
#include "sim/core/sim_time.h"

struct cf_ctx; /* one case being run */

struct cf_case {
	struct ck_rule rule; /* id "vrrp.master-down-interval", ... */
	void (*run)(struct cf_ctx *c);
};

struct cf_suite {
	const char *name; /* "vrrp" */
	const char *what; /* one line: "VRRPv2/v3 (RFC 3768, RFC 5798)..." */
	const struct cf_case *cases;
	size_t ncases;
};

/* The suites, each in its own files (cf_<name>*.c). */
extern const struct cf_suite cf_suite_vrrp;
extern const struct cf_suite cf_suite_bfd;
extern const struct cf_suite cf_suite_igmp;
extern const struct cf_suite cf_suite_mld;
extern const struct cf_suite cf_suite_pim;
extern const struct cf_suite cf_suite_rbs;
extern const struct cf_suite *const cf_suites[]; /* NULL-terminated */

/*
 * In a case: record a failed expectation when cond is false (the detail,
 * printf-style, should say what was expected and what happened, with
 * times: "became Master at 3.609375 s, expected 3.609375 s"). Returns
 * cond. A case passes when no expectation failed.
 */
bool cf_check(struct cf_ctx *c, bool cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The seed for the case's world (from --seed; cases must be
 * deterministic for a given seed and should pass for every seed). */
uint64_t cf_seed(const struct cf_ctx *c);
/* Failed expectations so far (a case may stop early when > 0). */
unsigned cf_failures(const struct cf_ctx *c);

/*
 * Run the cases of the suites named in list (comma-separated names, or
 * "all"; NULL: all) into run c, whose rules this registers. Returns 0,
 * or -1 with err set when a name is unknown.
 */
int cf_run(struct ck_ctx *c, const struct cf_suite *const *suites,
	   const char *list, uint64_t seed, char *err, size_t errlen);

/* Run a single case into run c (registering its rule): for tests. */
void cf_run_case(struct ck_ctx *c, const struct cf_case *k, uint64_t seed);

/*
 * The `failsim conform` command: argv after "conform". Options:
 * --suite LIST, --format text|json|junit, --seed N, --output FILE,
 * --list (the cases with their sections), -v (list passing cases too).
 */
int cf_main(int argc, char **argv);

#endif
