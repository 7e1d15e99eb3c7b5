/*
 * The conformance kit's common core, shared by `failsim check` (rules over
 * a capture) and `failsim conform` (behavioural cases run in simulation):
 * a rule is an id, the RFC and section it enforces, the sentence it checks
 * (quoted verbatim) and a level; a run (struct ck_ctx) records, per rule,
 * how often it was checked and every failure with its frame, time and a
 * detail. Named interop quirks turn a rule's failures into notes. The
 * verdict: a failed MUST fails the run; SHOULD failures and notes do not.
 * Writers for text, JSON and JUnit XML are in ck_report.h.
 */
#ifndef CK_H
#define CK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"

enum ck_level { CK_MUST = 0, CK_SHOULD };

/* A rule. Tables of rules are static const, one table per module. */
struct ck_rule {
	const char *id;	     /* "vrrp.ttl": module, dot, name ([a-z0-9.-]) */
	enum ck_level level; /* MUST or SHOULD (also for MUST NOT etc.) */
	const char *rfc;     /* "RFC 5798" */
	const char *section; /* "5.1.1.3" */
	const char *quote;   /* the sentence enforced, verbatim */
	const char *title;   /* a short statement: "TTL is 255" */
};

enum ck_verdict {
	CK_FAIL = 0, /* the rule is violated */
	CK_NOTE,     /* violated, but downgraded by an --interop quirk */
};

/* One failure (kept for the first CK_KEEP_PER_RULE of each rule). */
#define CK_KEEP_PER_RULE 20
#define CK_DETAIL_MAX	 200
struct ck_finding {
	uint64_t frame;	   /* 1-based frame number, 0 when not one frame */
	sim_time_t t;	   /* frame time (ns) or simulated time; -1 none */
	enum ck_verdict v; /* FAIL or NOTE */
	const char *quirk; /* the quirk that downgraded it, else NULL */
	char detail[CK_DETAIL_MAX];
};

/* Per-rule totals of a run. */
struct ck_result {
	const struct ck_rule *rule;
	uint64_t checked;	 /* times the rule applied (pass or not) */
	uint64_t failed;	 /* violations counted as failures */
	uint64_t noted;		 /* violations downgraded to notes */
	struct ck_finding *kept; /* the first failures/notes, in order */
	size_t nkept;
};

/* An interop quirk: its name, what it means and the rules it downgrades. */
struct ck_quirk {
	const char *name;	  /* "vrrp3-csum-no-pseudo" */
	const char *what;	  /* one line for --list-quirks and reports */
	const char *const *rules; /* NULL-terminated rule ids */
};

struct ck_ctx; /* one run: opaque */

/* A run named e.g. by the capture path or "conform vrrp". NULL on ENOMEM. */
struct ck_ctx *ck_ctx_new(const char *name);
void ck_ctx_free(struct ck_ctx *c);

/*
 * Register a module's rules (order is kept for reports). Every id must be
 * unique in the run: -1 with err set otherwise.
 */
int ck_ctx_add_rules(struct ck_ctx *c, const struct ck_rule *rules, size_t n,
		     char *err, size_t errlen);

/*
 * Rule selection (--rules): a comma-separated list of ids or id prefixes
 * ending at a dot boundary ("vrrp" selects "vrrp.ttl"; "vrrp.csum" selects
 * "vrrp.csum" and "vrrp.csum.v3-no-pseudo"); an item starting with '!'
 * deselects. Items are applied left to right, starting from "all
 * selected" when the first item is a '!' item and from "none selected"
 * otherwise. An item matching no registered rule is an error (-1, err
 * names it). Call after every module registered its rules.
 */
int ck_ctx_select(struct ck_ctx *c, const char *list, char *err, size_t errlen);

/*
 * Quirks (--interop): a comma-separated list of names from table q (n
 * entries). An unknown name is an error (-1, err lists the known ones).
 */
int ck_ctx_quirks(struct ck_ctx *c, const struct ck_quirk *q, size_t n,
		  const char *list, char *err, size_t errlen);

/* Whether rule r is selected (modules may skip work for unselected ones). */
bool ck_enabled(const struct ck_ctx *c, const struct ck_rule *r);

/*
 * Record that r applied and held (ck_pass), or was violated (ck_fail) on
 * frame (0: none) at time t (-1: none), with a printf-style detail ("TTL
 * 64"). A violation of a rule downgraded by an active quirk is recorded as
 * a note. Rules not registered with the run, or not selected, are ignored.
 * ck_expect does either from cond and returns cond.
 */
void ck_pass(struct ck_ctx *c, const struct ck_rule *r);
void ck_fail(struct ck_ctx *c, const struct ck_rule *r, uint64_t frame,
	     sim_time_t t, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
bool ck_expect(struct ck_ctx *c, const struct ck_rule *r, bool cond,
	       uint64_t frame, sim_time_t t, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Free-form counters for the report ("frames", "vrrp", "bfd"...). */
void ck_count(struct ck_ctx *c, const char *what, uint64_t n);

/*
 * Facts about the input for the report header, as key/value strings
 * ("link type" = "Ethernet"), kept in order.
 */
void ck_fact(struct ck_ctx *c, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reading a run (for the writers and tests). */
const char *ck_ctx_name(const struct ck_ctx *c);
size_t ck_nresults(const struct ck_ctx *c);
const struct ck_result *ck_result_at(const struct ck_ctx *c, size_t i);
/* The result of rule id, or NULL when not registered. */
const struct ck_result *ck_result(const struct ck_ctx *c, const char *id);
/* Whether a result's rule is selected (--rules); writers skip the rest. */
bool ck_result_selected(const struct ck_ctx *c, const struct ck_result *r);
size_t ck_ncounts(const struct ck_ctx *c);
void ck_count_at(const struct ck_ctx *c, size_t i, const char **what,
		 uint64_t *n);
size_t ck_nfacts(const struct ck_ctx *c);
void ck_fact_at(const struct ck_ctx *c, size_t i, const char **key,
		const char **val);
/* The active quirk names, comma-separated ("" when none). */
const char *ck_ctx_quirk_list(const struct ck_ctx *c);

/* Totals over selected rules: MUST failures, SHOULD failures, notes. */
void ck_totals(const struct ck_ctx *c, uint64_t *must_failed,
	       uint64_t *should_failed, uint64_t *noted);
/* Exit status of a finished run: 0 when no MUST failed, 1 otherwise. */
int ck_exit_status(const struct ck_ctx *c);

/* "MUST" / "SHOULD". */
const char *ck_level_name(enum ck_level l);

#endif
