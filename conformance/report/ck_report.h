/*
 * Writers of a finished conformance run (ck.h): text for people, JSON for
 * tools and JUnit XML for CI dashboards. The same writers serve `failsim
 * check` and `failsim conform`. Each writes to a FILE; the caller decides
 * where (stdout, or a temp file renamed into place).
 */
#ifndef CK_REPORT_H
#define CK_REPORT_H

#include <stdio.h>

#include "conformance/report/ck.h"

enum ck_format { CK_FMT_TEXT = 0, CK_FMT_JSON, CK_FMT_JUNIT };

/* "text", "json", "junit" to a format; -1 when unknown. */
int ck_format_parse(const char *s, enum ck_format *out);

/*
 * Write run c in format fmt. verbose (text only) also lists the rules that
 * passed. Returns 0, or -1 on a write error.
 */
int ck_report_write(const struct ck_ctx *c, enum ck_format fmt, bool verbose,
		    FILE *f);

#endif
