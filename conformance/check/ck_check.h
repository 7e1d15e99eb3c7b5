/*
 * `failsim check CAPTURE`: read a pcap or pcapng file (libpcap), dissect
 * every frame (ck_frame.h), run the rule modules over it, and report. The
 * module list is a parameter so tests can run one module alone;
 * ck_check_protos is the full list (used by ck_check_main).
 */
#ifndef CK_CHECK_H
#define CK_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "conformance/check/ck_proto.h"
#include "conformance/report/ck.h"
#include "conformance/report/ck_report.h"

/* Every module (ck_protos.c, NULL-terminated); ck_check_main uses it. */
extern const struct ck_proto *const ck_check_protos[];
/* The interop quirks known in the field (ck_quirk.c). */
extern const struct ck_quirk ck_check_quirks[];
extern const size_t ck_check_nquirks;

struct ck_check_opts {
	const char *path;    /* the capture */
	const char *rules;   /* --rules LIST, NULL: all */
	const char *interop; /* --interop QUIRKS, NULL: strict */
	const struct ck_proto *const *protos; /* NULL-terminated, required */
};

/*
 * Run the check into a new ck_ctx (*out, freed by the caller with
 * ck_ctx_free). Returns 0 when the capture was read to its end (the run's
 * verdict is then ck_exit_status(*out)); 2 when the input is unreadable or
 * an option is wrong, with the reason in err (*out may be NULL). A capture
 * cut short (truncated last record) is read up to the cut and reported as
 * a fact, not an error.
 */
int ck_check_run(const struct ck_check_opts *o, struct ck_ctx **out, char *err,
		 size_t errlen);

/*
 * The `failsim check` command: argv after "check". Writes the report to
 * stdout (or --output FILE, written to a temp name then renamed) and
 * returns the exit status: 0 no MUST failed, 1 a MUST failed, 2 unreadable
 * input or bad usage. Also --list-rules and --list-quirks.
 */
int ck_check_main(int argc, char **argv);

#endif
