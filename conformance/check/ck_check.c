/*
 * The driver of `failsim check` (ck_check.h): open the capture, set up a
 * run with every module's rules, the --rules selection and the --interop
 * quirks, open the modules, hand them every frame in capture order, close
 * them (flow rules over time report what is still pending) and record the
 * facts of the input: file, link type, frames, the first and last frame
 * times (UTC, ISO 8601 with nanoseconds) and, for a capture cut short,
 * where it stopped. Only input that cannot be read at all is an error;
 * a truncated capture is checked up to the cut. No RFC is implemented
 * here: the rules live in the modules.
 */
#include "conformance/check/ck_check.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conformance/check/ck_cap.h"

/* Time t (ns since the epoch) as "2024-04-05T19:34:38.123456789Z". */
static void fmt_utc(sim_time_t t, char *buf, size_t len)
{
	time_t sec = (time_t)(t / SIM_S(1));
	struct tm tm;

	if (!gmtime_r(&sec, &tm) || tm.tm_year + 1900 > 9999) {
		snprintf(buf, len, "%" PRId64 " ns", t);
		return;
	}
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%09" PRId64 "Z",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, t % SIM_S(1));
}

static size_t nprotos(const struct ck_proto *const *protos)
{
	size_t n = 0;

	while (protos[n])
		n++;
	return n;
}

/* Register every module's rules, then selection and quirks. */
static int setup_run(struct ck_ctx *c, const struct ck_check_opts *o, char *err,
		     size_t errlen)
{
	char why[512];

	for (size_t i = 0; o->protos[i]; i++) {
		const struct ck_proto *p = o->protos[i];

		if (ck_ctx_add_rules(c, p->rules, p->nrules, why,
				     sizeof(why)) != 0) {
			snprintf(err, errlen, "module %s: %s", p->name, why);
			return -1;
		}
	}
	if (o->rules && ck_ctx_select(c, o->rules, err, errlen) != 0)
		return -1;
	if (o->interop && ck_ctx_quirks(c, ck_check_quirks, ck_check_nquirks,
					o->interop, err, errlen) != 0)
		return -1;
	return 0;
}

/* Open every module; on a failure close those already open. */
static int open_modules(struct ck_ctx *c, const struct ck_proto *const *protos,
			void **st, char *err, size_t errlen)
{
	for (size_t i = 0; protos[i]; i++) {
		int e = 0;

		st[i] = protos[i]->open ? protos[i]->open(c, &e) : NULL;
		if (!st[i] && e) {
			snprintf(err, errlen, "module %s cannot start: %s",
				 protos[i]->name, strerror(e));
			while (i-- > 0)
				if (protos[i]->close)
					protos[i]->close(c, st[i]);
			return -1;
		}
	}
	return 0;
}

/* Read every frame into every module; the facts of the capture. */
static void run_frames(struct ck_ctx *c, struct ck_cap *cap,
		       const struct ck_proto *const *protos, void **st)
{
	struct ck_frame f;
	sim_time_t first = -1, last = -1;
	uint64_t n = 0;
	char why[512], ts[64];
	int rc;

	while ((rc = ck_cap_next(cap, &f, why, sizeof(why))) == 1) {
		n = f.no;
		if (first < 0)
			first = f.t;
		last = f.t;
		ck_count(c, "frames", 1);
		for (size_t i = 0; protos[i]; i++)
			if (protos[i]->frame)
				protos[i]->frame(c, st[i], &f);
	}
	ck_fact(c, "frames", "%" PRIu64, n);
	if (n) {
		fmt_utc(first, ts, sizeof(ts));
		ck_fact(c, "first frame", "%s", ts);
		fmt_utc(last, ts, sizeof(ts));
		ck_fact(c, "last frame", "%s", ts);
	}
	if (rc < 0)
		ck_fact(c, "truncated", "after frame %" PRIu64 " (%s)", n, why);
}

int ck_check_run(const struct ck_check_opts *o, struct ck_ctx **out, char *err,
		 size_t errlen)
{
	struct ck_cap *cap;
	struct ck_ctx *c;
	void **st;

	*out = NULL;
	if (!o->path || !o->protos) {
		snprintf(err, errlen, "no capture or no rule modules given");
		return 2;
	}
	cap = ck_cap_open(o->path, err, errlen);
	if (!cap)
		return 2;
	c = ck_ctx_new(o->path);
	st = calloc(nprotos(o->protos) + 1, sizeof(*st));
	if (!c || !st) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	/* The input's facts and the frame counter come first in reports. */
	ck_fact(c, "file", "%s", o->path);
	ck_fact(c, "link type", "%s (DLT %d)", ck_cap_dlt_name(cap),
		ck_cap_dlt(cap));
	ck_count(c, "frames", 0);
	if (setup_run(c, o, err, errlen) != 0 ||
	    open_modules(c, o->protos, st, err, errlen) != 0)
		goto fail;
	run_frames(c, cap, o->protos, st);
	for (size_t i = 0; o->protos[i]; i++)
		if (o->protos[i]->close)
			o->protos[i]->close(c, st[i]);
	free(st);
	ck_cap_close(cap);
	*out = c;
	return 0;
fail:
	free(st);
	ck_ctx_free(c);
	ck_cap_close(cap);
	return 2;
}
