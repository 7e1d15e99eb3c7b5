/*
 * Comparison of two finished measurements (see meas_compare.h): the fault
 * check, compare.txt and compare.json. The faults are matched by index,
 * time and label; per fault and traffic kind both runs' convergence
 * benchmarks are shown (RFC 6412 section 3.6.5 time-derived and section
 * 3.6.4 loss-derived outage, min / median / p99 / max across the affected
 * flows as in the run report) with their outage anatomy, then B - A of the
 * medians and maxima, following the parameters-then-benchmarks order of
 * RFC 6413 section 7. Flows are matched by receiver and stream name. Only
 * integer arithmetic on sim time is used: the outputs are byte-identical
 * for the same two runs.
 */
#define _GNU_SOURCE /* qsort_r */
#include "sim/measure/meas_compare_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim_file.h"
#include "sim/measure/meas_fmt.h"

/* ---- shared helpers ---- */

/* The summary row of (fault, kind) in r, or NULL. */
static const struct meas_summary *
meas_cmp_summary(const struct meas_results *r, int fault, enum meas_kind kind)
{
	for (size_t i = 0; i < r->nsummary; i++)
		if (r->summary[i].fault == fault && r->summary[i].kind == kind)
			return &r->summary[i];
	return NULL;
}

const struct meas_summary *meas_cmp_row(const struct meas_results *r, int fault,
					enum meas_kind kind,
					struct meas_summary *buf)
{
	const struct meas_summary *s = meas_cmp_summary(r, fault, kind);
	unsigned n = 0;

	if (s != NULL)
		return s;
	for (size_t i = 0; i < r->nflows; i++)
		n += r->streams[r->flows[i].stream].kind == kind;
	if (n == 0)
		return NULL;
	memset(buf, 0, sizeof(*buf));
	buf->fault = fault;
	buf->kind = kind;
	buf->flows = n;
	buf->time_derived = (struct meas_stats){ MEAS_UNKNOWN, MEAS_UNKNOWN,
						 MEAS_UNKNOWN, MEAS_UNKNOWN };
	buf->loss_derived = buf->time_derived;
	return buf;
}

/*
 * Is (fault, kind) compared? When either run has a summary row: every
 * kind with flows for a fault, the kinds with something to show before
 * the first fault.
 */
static bool meas_cmp_kind_shown(const struct meas_compare_run *a,
				const struct meas_compare_run *b, int fault,
				enum meas_kind kind)
{
	return meas_cmp_summary(a->r, fault, kind) != NULL ||
	       meas_cmp_summary(b->r, fault, kind) != NULL;
}

sim_time_t meas_cmp_stat(const struct meas_summary *s, sim_time_t v)
{
	if (s == NULL)
		return MEAS_UNKNOWN;
	return s->affected == 0 ? 0 : v;
}

sim_time_t meas_cmp_diff(sim_time_t a, sim_time_t b)
{
	if (a == MEAS_UNKNOWN || b == MEAS_UNKNOWN)
		return MEAS_UNKNOWN;
	return b - a;
}

void meas_cmp_fmt_diff(sim_time_t d, char *buf, size_t len)
{
	char ms[MEAS_FMT_LEN];

	meas_fmt_ms(d, ms, sizeof(ms));
	snprintf(buf, len, "%s%s",
		 d != MEAS_UNKNOWN && ms[0] != '-' && strcmp(ms, "0.000") != 0
			 ? "+"
			 : "",
		 ms);
}

static int meas_cmp_key(const struct meas_results *r, int flow,
			const struct meas_results *q, int qflow)
{
	const struct meas_flow_info *x = &r->flows[flow];
	const struct meas_flow_info *y = &q->flows[qflow];
	int c = strcmp(x->receiver, y->receiver);

	return c != 0 ? c
		      : strcmp(r->streams[x->stream].name,
			       q->streams[y->stream].name);
}

static int meas_cmp_sort(const void *x, const void *y, void *arg)
{
	const struct meas_results *r = arg;
	int i = *(const int *)x, j = *(const int *)y;
	int c = meas_cmp_key(r, i, r, j);

	return c != 0 ? c : (i > j) - (i < j);
}

/* The flow of b with a's flow fa's key, by binary search in idx. */
static int meas_cmp_find(const struct meas_results *a, int fa,
			 const struct meas_results *b, const int *idx, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = meas_cmp_key(b, idx[mid], a, fa);

		if (c == 0)
			return idx[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int meas_cmp_match(const struct meas_results *a, const struct meas_results *b,
		   struct meas_cmp_flows *out)
{
	int *idx = calloc(b->nflows + 1, sizeof(*idx));
	bool *used = calloc(b->nflows + 1, sizeof(*used));
	size_t i;

	out->n = 0;
	out->v = calloc(a->nflows + b->nflows + 1, sizeof(*out->v));
	if (idx == NULL || used == NULL || out->v == NULL) {
		free(idx);
		free(used);
		free(out->v);
		out->v = NULL;
		return -1;
	}
	for (i = 0; i < b->nflows; i++)
		idx[i] = (int)i;
	qsort_r(idx, b->nflows, sizeof(*idx), meas_cmp_sort, (void *)b);
	for (i = 0; i < a->nflows; i++) {
		int fb = meas_cmp_find(a, (int)i, b, idx, b->nflows);

		if (fb >= 0)
			used[fb] = true;
		out->v[out->n++] = (struct meas_cmp_flow){ (int)i, fb };
	}
	for (i = 0; i < b->nflows; i++)
		if (!used[i])
			out->v[out->n++] = (struct meas_cmp_flow){ -1, (int)i };
	free(idx);
	free(used);
	return 0;
}

void meas_cmp_flows_free(struct meas_cmp_flows *m)
{
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

void meas_cmp_flow_val(const struct meas_results *r, int flow, int fault,
		       struct meas_cmp_val *v)
{
	const struct meas_flow_info *fi;

	memset(v, 0, sizeof(*v));
	if (flow < 0)
		return;
	fi = &r->flows[flow];
	for (size_t k = fi->first_outage; k < fi->first_outage + fi->noutages;
	     k++) {
		const struct meas_outage *o = &r->outages[k];

		if (o->fault != fault)
			continue;
		v->hit = true;
		v->unrecovered |= !o->recovered;
		v->td += o->time_derived;
		v->ld += o->loss_derived;
		v->lost += o->lost;
	}
}

/* ---- check ---- */

static const char *meas_cmp_label(const char *s)
{
	return s != NULL ? s : "";
}

static void meas_cmp_fault_desc(const struct meas_compare_run *x, size_t i,
				char *buf, size_t len)
{
	char t[MEAS_FMT_LEN];

	meas_fmt_s(x->r->faults[i].t, t, sizeof(t));
	snprintf(buf, len, "'%s' at %s s",
		 meas_cmp_label(x->r->faults[i].label), t);
}

int meas_compare_check(const struct meas_compare_run *a,
		       const struct meas_compare_run *b, char *err,
		       size_t errlen)
{
	char da[320], db[320], dummy[8];
	size_t i, n;

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (a == NULL || b == NULL || a->r == NULL || b->r == NULL) {
		snprintf(err, errlen,
			 "compare: no results (meas_finish first)");
		return -1;
	}
	n = a->r->nfaults < b->r->nfaults ? a->r->nfaults : b->r->nfaults;
	for (i = 0; i < n; i++) {
		const struct meas_fault_info *x = &a->r->faults[i];
		const struct meas_fault_info *y = &b->r->faults[i];

		if (x->t == y->t &&
		    !strcmp(meas_cmp_label(x->label), meas_cmp_label(y->label)))
			continue;
		meas_cmp_fault_desc(a, i, da, sizeof(da));
		meas_cmp_fault_desc(b, i, db, sizeof(db));
		snprintf(err, errlen,
			 "compare: fault %zu differs: A (%s) has %s, B (%s) "
			 "has %s; both runs need the same faults at the same "
			 "times",
			 i, a->scenario, da, b->scenario, db);
		return -1;
	}
	if (a->r->nfaults != b->r->nfaults) {
		const struct meas_compare_run *more =
			a->r->nfaults > b->r->nfaults ? a : b;

		meas_cmp_fault_desc(more, n, da, sizeof(da));
		snprintf(err, errlen,
			 "compare: A (%s) has %zu faults, B (%s) has %zu: "
			 "fault %zu (%s) has no match in %s",
			 a->scenario, a->r->nfaults, b->scenario, b->r->nfaults,
			 n, da, more == a ? "B" : "A");
		return -1;
	}
	return 0;
}

/* ---- compare.txt ---- */

static const char *const meas_cmp_side[2] = { "A", "B" };

static void meas_cmp_txt_head(const struct meas_compare_run *a,
			      const struct meas_compare_run *b, FILE *f)
{
	const struct meas_compare_run *run[2] = { a, b };
	char d[MEAS_FMT_LEN];

	fprintf(f, "failsim compare report\n");
	for (int i = 0; i < 2; i++) {
		meas_fmt_s(run[i]->duration, d, sizeof(d));
		fprintf(f, "%s: %s  seed %" PRIu64 "  duration %s s",
			meas_cmp_side[i], run[i]->scenario, run[i]->seed, d);
		if (run[i]->dir != NULL)
			fprintf(f, "  (run in %s/)", run[i]->dir);
		fputc('\n', f);
	}
	if (a->r->cfg->gap_threshold == b->r->cfg->gap_threshold)
		fprintf(f, "gap threshold: %" PRIu32 " packet intervals\n",
			a->r->cfg->gap_threshold);
	else
		fprintf(f,
			"gap threshold: A %" PRIu32 ", B %" PRIu32
			" packet intervals\n",
			a->r->cfg->gap_threshold, b->r->cfg->gap_threshold);
	fprintf(f, "faults: %zu, matched by index, time and label\n",
		a->r->nfaults);
	fprintf(f, "TD / LD = time- / loss-derived outage (RFC 6412 3.6.5 / "
		   "3.6.4) in ms over the affected flows; \"-\" = unknown\n");
	fprintf(f, "B-A = B minus A of the medians, maxima, lost and "
		   "duplicates (a kind with flows but none affected counts "
		   "as 0)\n");
}

static void meas_cmp_run_row(struct meas_tbl *t, int side, enum meas_kind k,
			     const struct meas_summary *s)
{
	char v[4][MEAS_FMT_LEN], l[2][MEAS_FMT_LEN];

	meas_tbl_add(t, "%s", meas_cmp_side[side]);
	meas_tbl_add(t, "%s", meas_kind_name(k));
	if (s == NULL) {
		meas_tbl_add(t, "0/0");
		for (int i = 0; i < 9; i++)
			meas_tbl_add(t, "-");
		return;
	}
	meas_fmt_ms(s->time_derived.min, v[0], sizeof(v[0]));
	meas_fmt_ms(s->time_derived.median, v[1], sizeof(v[1]));
	meas_fmt_ms(s->time_derived.p99, v[2], sizeof(v[2]));
	meas_fmt_ms(s->time_derived.max, v[3], sizeof(v[3]));
	meas_fmt_ms(s->loss_derived.median, l[0], sizeof(l[0]));
	meas_fmt_ms(s->loss_derived.max, l[1], sizeof(l[1]));
	meas_tbl_add(t, "%u/%u", s->affected, s->flows);
	meas_tbl_add(t, "%u", s->unrecovered);
	for (int i = 0; i < 4; i++)
		meas_tbl_add(t, "%s", v[i]);
	meas_tbl_add(t, "%s", l[0]);
	meas_tbl_add(t, "%s", l[1]);
	meas_tbl_add(t, "%" PRIu64, s->lost);
	meas_tbl_add(t, "%" PRIu64, s->dups);
}

/* b - a of two counts as "+n", "-n" or "0"; "-" when unknown. */
static void meas_cmp_count_diff(struct meas_tbl *t, bool known, uint64_t a,
				uint64_t b)
{
	if (!known)
		meas_tbl_add(t, "-");
	else if (b >= a)
		meas_tbl_add(t, "%s%" PRIu64, b > a ? "+" : "", b - a);
	else
		meas_tbl_add(t, "-%" PRIu64, a - b);
}

/* Print t like meas_tbl_print, without the spaces that end a row. */
static int meas_cmp_tbl_print(const struct meas_tbl *t, FILE *f)
{
	char *buf = NULL, *p, *nl;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int rc;

	if (m == NULL)
		return -1;
	rc = meas_tbl_print(t, m, 2);
	if (fclose(m) != 0 || buf == NULL) {
		free(buf);
		return -1;
	}
	for (p = buf; rc == 0 && *p; p = nl + 1) {
		size_t n;

		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p) - 1;
		n = (size_t)(nl - p) + (*nl != '\n');
		while (n > 0 && p[n - 1] == ' ')
			n--;
		fwrite(p, 1, n, f);
		fputc('\n', f);
	}
	free(buf);
	return rc;
}

static void meas_cmp_diff_row(struct meas_tbl *t, enum meas_kind k,
			      const struct meas_summary *sa,
			      const struct meas_summary *sb)
{
	const sim_time_t va[4] = {
		meas_cmp_stat(sa, sa ? sa->time_derived.median : 0),
		meas_cmp_stat(sa, sa ? sa->time_derived.max : 0),
		meas_cmp_stat(sa, sa ? sa->loss_derived.median : 0),
		meas_cmp_stat(sa, sa ? sa->loss_derived.max : 0),
	};
	const sim_time_t vb[4] = {
		meas_cmp_stat(sb, sb ? sb->time_derived.median : 0),
		meas_cmp_stat(sb, sb ? sb->time_derived.max : 0),
		meas_cmp_stat(sb, sb ? sb->loss_derived.median : 0),
		meas_cmp_stat(sb, sb ? sb->loss_derived.max : 0),
	};
	char d[4][MEAS_FMT_LEN];

	for (int i = 0; i < 4; i++)
		meas_cmp_fmt_diff(meas_cmp_diff(va[i], vb[i]), d[i],
				  sizeof(d[i]));
	meas_tbl_add(t, "B-A");
	meas_tbl_add(t, "%s", meas_kind_name(k));
	meas_tbl_add(t, "%s", "");
	meas_tbl_add(t, "%s", "");
	meas_tbl_add(t, "%s", "");
	meas_tbl_add(t, "%s", d[0]);
	meas_tbl_add(t, "%s", "");
	meas_tbl_add(t, "%s", d[1]);
	meas_tbl_add(t, "%s", d[2]);
	meas_tbl_add(t, "%s", d[3]);
	meas_cmp_count_diff(t, sa != NULL && sb != NULL, sa ? sa->lost : 0,
			    sb ? sb->lost : 0);
	meas_cmp_count_diff(t, sa != NULL && sb != NULL, sa ? sa->dups : 0,
			    sb ? sb->dups : 0);
}

/* The outage table of fault (MEAS_NO_FAULT: before any fault). */
static int meas_cmp_txt_outage(const struct meas_compare_run *a,
			       const struct meas_compare_run *b, int fault,
			       FILE *f)
{
	static const char *const hdr[] = { "run",	  "kind",   "affected",
					   "unrecovered", "TD min", "TD median",
					   "TD p99",	  "TD max", "LD median",
					   "LD max",	  "lost",   "dups" };
	struct meas_tbl t;
	size_t rows = 0;
	int rc = 0;

	meas_tbl_init(&t, 12, "llrrrrrrrrrr");
	for (size_t i = 0; i < 12; i++)
		meas_tbl_add(&t, "%s", hdr[i]);
	for (int k = 0; k < MEAS_KIND__COUNT; k++) {
		const struct meas_summary *sa, *sb;
		struct meas_summary ra, rb;

		if (!meas_cmp_kind_shown(a, b, fault, (enum meas_kind)k))
			continue;
		sa = meas_cmp_row(a->r, fault, (enum meas_kind)k, &ra);
		sb = meas_cmp_row(b->r, fault, (enum meas_kind)k, &rb);
		meas_cmp_run_row(&t, 0, (enum meas_kind)k, sa);
		meas_cmp_run_row(&t, 1, (enum meas_kind)k, sb);
		meas_cmp_diff_row(&t, (enum meas_kind)k, sa, sb);
		rows++;
	}
	if (rows == 0)
		fprintf(f, "  (no flows)\n");
	else
		rc = meas_cmp_tbl_print(&t, f);
	meas_tbl_free(&t);
	return rc;
}

static void meas_cmp_mark(struct meas_tbl *t, const struct meas_fault_mark *m)
{
	if (m->node == NULL && m->what == NULL)
		meas_tbl_add(t, "-");
	else
		meas_tbl_add(t, "%s %s", m->node ? m->node : "-",
			     m->what ? m->what : "-");
}

static void meas_cmp_anatomy_row(struct meas_tbl *t, int side,
				 const struct meas_fault_info *x)
{
	char v[MEAS_FMT_LEN];

	meas_tbl_add(t, "%s", meas_cmp_side[side]);
	for (int k = 0; k < MEAS_STAGE__COUNT; k++) {
		meas_fmt_ms(x->stage[k], v, sizeof(v));
		meas_tbl_add(t, "%s", v);
	}
}

/* The stages of both runs and B - A, then the marks that bound them. */
static int meas_cmp_txt_anatomy(const struct meas_fault_info *x,
				const struct meas_fault_info *y, FILE *f)
{
	struct meas_tbl t, mk;
	char d[MEAS_FMT_LEN];
	int k, rc;

	fprintf(f, "  anatomy (ms)\n");
	meas_tbl_init(&t, 1 + MEAS_STAGE__COUNT, "lrrrrrrr");
	meas_tbl_add(&t, "run");
	for (k = 0; k < MEAS_STAGE__COUNT; k++)
		meas_tbl_add(&t, "%s", meas_stage_name((enum meas_stage)k));
	meas_cmp_anatomy_row(&t, 0, x);
	meas_cmp_anatomy_row(&t, 1, y);
	meas_tbl_add(&t, "B-A");
	for (k = 0; k < MEAS_STAGE__COUNT; k++) {
		meas_cmp_fmt_diff(meas_cmp_diff(x->stage[k], y->stage[k]), d,
				  sizeof(d));
		meas_tbl_add(&t, "%s", d);
	}
	rc = meas_cmp_tbl_print(&t, f);
	meas_tbl_free(&t);
	fprintf(f, "  anatomy marks\n");
	meas_tbl_init(&mk, 3, "lll");
	meas_tbl_add(&mk, "mark");
	meas_tbl_add(&mk, "%s", meas_cmp_side[0]);
	meas_tbl_add(&mk, "%s", meas_cmp_side[1]);
	for (k = 0; k < MEAS_MARK__COUNT; k++) {
		meas_tbl_add(&mk, "%s", meas_mark_name((enum meas_mark_kind)k));
		meas_cmp_mark(&mk, &x->mark[k]);
		meas_cmp_mark(&mk, &y->mark[k]);
	}
	rc |= meas_cmp_tbl_print(&mk, f);
	meas_tbl_free(&mk);
	return rc;
}

static bool meas_cmp_has_none(const struct meas_compare_run *a,
			      const struct meas_compare_run *b)
{
	for (int k = 0; k < MEAS_KIND__COUNT; k++)
		if (meas_cmp_kind_shown(a, b, MEAS_NO_FAULT, (enum meas_kind)k))
			return true;
	return false;
}

int meas_compare_txt(const struct meas_compare_run *a,
		     const struct meas_compare_run *b, FILE *f)
{
	char t[MEAS_FMT_LEN];
	int rc = 0;

	if (f == NULL || meas_compare_check(a, b, NULL, 0) != 0)
		return -1;
	meas_cmp_txt_head(a, b, f);
	for (size_t i = 0; i < a->r->nfaults; i++) {
		const struct meas_fault_info *x = &a->r->faults[i];

		meas_fmt_s(x->t, t, sizeof(t));
		fprintf(f, "\nfault %zu at %s s: %s\n", i, t,
			meas_cmp_label(x->label));
		rc |= meas_cmp_txt_outage(a, b, (int)i, f);
		rc |= meas_cmp_txt_anatomy(x, &b->r->faults[i], f);
	}
	if (a->r->nfaults == 0)
		fprintf(f, "\n(no faults)\n");
	if (meas_cmp_has_none(a, b)) {
		fprintf(f, "\nbefore any fault (outages no fault explains)\n");
		rc |= meas_cmp_txt_outage(a, b, MEAS_NO_FAULT, f);
	}
	return rc != 0 || ferror(f) ? -1 : 0;
}

/* ---- compare.json ---- */

static void meas_cmp_jt(FILE *f, const char *sep, const char *key, sim_time_t v)
{
	fprintf(f, "%s\"%s\": ", sep, key);
	meas_json_time(f, v);
}

static void meas_cmp_js(FILE *f, const char *sep, const char *key,
			const char *v)
{
	fprintf(f, "%s\"%s\": ", sep, key);
	meas_json_str(f, v);
}

static void meas_cmp_json_run(FILE *f, const char *key,
			      const struct meas_compare_run *x)
{
	fprintf(f, "  \"%s\": {", key);
	meas_cmp_js(f, "", "scenario", x->scenario);
	meas_cmp_js(f, ", ", "dir", x->dir);
	fprintf(f, ", \"seed\": %" PRIu64, x->seed);
	meas_cmp_jt(f, ", ", "duration_ns", x->duration);
	fprintf(f, ", \"gap_threshold_intervals\": %" PRIu32 "},\n",
		x->r->cfg->gap_threshold);
}

static void meas_cmp_json_stats(FILE *f, const char *key,
				const struct meas_stats *s)
{
	fprintf(f, ", \"%s\": {", key);
	meas_cmp_jt(f, "", "min", s->min);
	meas_cmp_jt(f, ", ", "median", s->median);
	meas_cmp_jt(f, ", ", "p99", s->p99);
	meas_cmp_jt(f, ", ", "max", s->max);
	fputc('}', f);
}

static void meas_cmp_json_summary(FILE *f, const struct meas_summary *s)
{
	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fprintf(f,
		"{\"flows\": %u, \"affected\": %u, \"unrecovered\": %u, "
		"\"lost\": %" PRIu64 ", \"duplicates\": %" PRIu64
		", \"reordered\": %" PRIu64,
		s->flows, s->affected, s->unrecovered, s->lost, s->dups,
		s->reordered);
	meas_cmp_json_stats(f, "time_derived_ns", &s->time_derived);
	meas_cmp_json_stats(f, "loss_derived_ns", &s->loss_derived);
	fputc('}', f);
}

/* ", \"key\": b - a" of two counts, null when a run has no such row. */
static void meas_cmp_json_count(FILE *f, const char *key,
				const struct meas_summary *sa,
				const struct meas_summary *sb, uint64_t a,
				uint64_t b)
{
	if (sa == NULL || sb == NULL)
		fprintf(f, ", \"%s\": null", key);
	else if (b >= a)
		fprintf(f, ", \"%s\": %" PRIu64, key, b - a);
	else
		fprintf(f, ", \"%s\": -%" PRIu64, key, a - b);
}

static void meas_cmp_json_kinds(const struct meas_compare_run *a,
				const struct meas_compare_run *b, int fault,
				FILE *f)
{
	size_t n = 0;

	fputs("\"kinds\": [", f);
	for (int k = 0; k < MEAS_KIND__COUNT; k++) {
		const struct meas_summary *sa, *sb;
		struct meas_summary ra, rb;

		if (!meas_cmp_kind_shown(a, b, fault, (enum meas_kind)k))
			continue;
		sa = meas_cmp_row(a->r, fault, (enum meas_kind)k, &ra);
		sb = meas_cmp_row(b->r, fault, (enum meas_kind)k, &rb);
		fprintf(f,
			"%s\n      {\"kind\": \"%s\", \"a\": ", n++ ? "," : "",
			meas_kind_name((enum meas_kind)k));
		meas_cmp_json_summary(f, sa);
		fputs(", \"b\": ", f);
		meas_cmp_json_summary(f, sb);
		fputs(", \"b_minus_a\": {", f);
#define MEAS_CMP_JD(sep, key, fld)                                             \
	meas_cmp_jt(f, sep, key,                                               \
		    meas_cmp_diff(meas_cmp_stat(sa, sa ? sa->fld : 0),         \
				  meas_cmp_stat(sb, sb ? sb->fld : 0)))
		MEAS_CMP_JD("", "time_derived_median_ns", time_derived.median);
		MEAS_CMP_JD(", ", "time_derived_max_ns", time_derived.max);
		MEAS_CMP_JD(", ", "loss_derived_median_ns",
			    loss_derived.median);
		MEAS_CMP_JD(", ", "loss_derived_max_ns", loss_derived.max);
#undef MEAS_CMP_JD
		meas_cmp_json_count(f, "lost", sa, sb, sa ? sa->lost : 0,
				    sb ? sb->lost : 0);
		meas_cmp_json_count(f, "duplicates", sa, sb, sa ? sa->dups : 0,
				    sb ? sb->dups : 0);
		fputs("}}", f);
	}
	fputs(n ? "\n    ]" : "]", f);
}

static void meas_cmp_json_anatomy1(FILE *f, const struct meas_fault_info *x)
{
	char key[32];
	int k;

	for (k = 0; k < MEAS_MARK__COUNT; k++) {
		const char *n = meas_mark_name((enum meas_mark_kind)k);

		snprintf(key, sizeof(key), "%s_at_ns", n);
		meas_cmp_jt(f, k ? ", " : "{", key, x->mark[k].at);
		snprintf(key, sizeof(key), "%s_node", n);
		meas_cmp_js(f, ", ", key, x->mark[k].node);
		snprintf(key, sizeof(key), "%s_what", n);
		meas_cmp_js(f, ", ", key, x->mark[k].what);
	}
	meas_cmp_jt(f, ", ", "recovered_at_ns", x->recovered_at);
	for (k = 0; k < MEAS_STAGE__COUNT; k++) {
		snprintf(key, sizeof(key), "%s_ns",
			 meas_stage_name((enum meas_stage)k));
		meas_cmp_jt(f, ", ", key, x->stage[k]);
	}
	fputc('}', f);
}

static void meas_cmp_json_anatomy(FILE *f, const struct meas_fault_info *x,
				  const struct meas_fault_info *y)
{
	char key[32];

	fputs(",\n    \"anatomy\": {\"a\": ", f);
	meas_cmp_json_anatomy1(f, x);
	fputs(",\n      \"b\": ", f);
	meas_cmp_json_anatomy1(f, y);
	for (int k = 0; k < MEAS_STAGE__COUNT; k++) {
		snprintf(key, sizeof(key), "%s_ns",
			 meas_stage_name((enum meas_stage)k));
		meas_cmp_jt(f, k ? ", " : ",\n      \"b_minus_a\": {", key,
			    meas_cmp_diff(x->stage[k], y->stage[k]));
	}
	fputs("}}", f);
}

static void meas_cmp_json_val(FILE *f, int flow, const struct meas_cmp_val *v)
{
	if (flow < 0) {
		fputs("null", f);
		return;
	}
	meas_cmp_jt(f, "{", "time_derived_ns", v->td);
	meas_cmp_jt(f, ", ", "loss_derived_ns", v->ld);
	fprintf(f, ", \"lost\": %" PRIu64 ", \"recovered\": %s}", v->lost,
		v->unrecovered ? "false" : "true");
}

/* Flows that lost packets to fault in either run. */
static void meas_cmp_json_flows(const struct meas_compare_run *a,
				const struct meas_compare_run *b,
				const struct meas_cmp_flows *m, int fault,
				FILE *f)
{
	size_t n = 0;

	fputs(",\n    \"flows\": [", f);
	for (size_t i = 0; i < m->n; i++) {
		const struct meas_cmp_flow *p = &m->v[i];
		const struct meas_results *r = p->fa >= 0 ? a->r : b->r;
		const struct meas_flow_info *fi =
			&r->flows[p->fa >= 0 ? p->fa : p->fb];
		const struct meas_stream_info *st = &r->streams[fi->stream];
		struct meas_cmp_val va, vb;

		meas_cmp_flow_val(a->r, p->fa, fault, &va);
		meas_cmp_flow_val(b->r, p->fb, fault, &vb);
		if (!va.hit && !vb.hit)
			continue;
		meas_cmp_js(f, n++ ? ",\n      {" : "\n      {", "receiver",
			    fi->receiver);
		meas_cmp_js(f, ", ", "stream", st->name);
		meas_cmp_js(f, ", ", "group", st->dst);
		meas_cmp_js(f, ", ", "kind", meas_kind_name(st->kind));
		fputs(", \"a\": ", f);
		meas_cmp_json_val(f, p->fa, &va);
		fputs(", \"b\": ", f);
		meas_cmp_json_val(f, p->fb, &vb);
		fputc('}', f);
	}
	fputs(n ? "\n    ]" : "]", f);
}

int meas_compare_json(const struct meas_compare_run *a,
		      const struct meas_compare_run *b, FILE *f)
{
	struct meas_cmp_flows m;

	if (f == NULL || meas_compare_check(a, b, NULL, 0) != 0 ||
	    meas_cmp_match(a->r, b->r, &m) != 0)
		return -1;
	fputs("{\n", f);
	meas_cmp_json_run(f, "a", a);
	meas_cmp_json_run(f, "b", b);
	fputs("  \"faults\": [", f);
	for (size_t i = 0; i < a->r->nfaults; i++) {
		const struct meas_fault_info *x = &a->r->faults[i];

		fprintf(f, "%s\n    {\"id\": %zu", i ? "," : "", i);
		meas_cmp_jt(f, ", ", "t_ns", x->t);
		meas_cmp_js(f, ", ", "label", x->label);
		fputs(",\n    ", f);
		meas_cmp_json_kinds(a, b, (int)i, f);
		meas_cmp_json_anatomy(f, x, &b->r->faults[i]);
		meas_cmp_json_flows(a, b, &m, (int)i, f);
		fputs("}", f);
	}
	fputs(a->r->nfaults ? "\n  ],\n" : "],\n", f);
	fputs("  \"before_faults\": {\n    ", f);
	meas_cmp_json_kinds(a, b, MEAS_NO_FAULT, f);
	meas_cmp_json_flows(a, b, &m, MEAS_NO_FAULT, f);
	fputs("}\n}\n", f);
	meas_cmp_flows_free(&m);
	return ferror(f) ? -1 : 0;
}

/* ---- files ---- */

typedef int (*meas_cmp_writer)(const struct meas_compare_run *a,
			       const struct meas_compare_run *b, FILE *f);

struct meas_cmp_write_arg {
	const struct meas_compare_run *a, *b;
	meas_cmp_writer fn;
};

static int meas_cmp_write_cb(void *arg, FILE *f)
{
	const struct meas_cmp_write_arg *w = arg;

	return w->fn(w->a, w->b, f);
}

static int meas_cmp_write_one(const struct meas_compare_run *a,
			      const struct meas_compare_run *b, const char *dir,
			      const char *name, meas_cmp_writer fn, char *err,
			      size_t errlen)
{
	struct meas_cmp_write_arg w = { a, b, fn };

	return sim_file_write(dir, name, meas_cmp_write_cb, &w, err, errlen);
}

int meas_compare_write(const struct meas_compare_run *a,
		       const struct meas_compare_run *b, const char *dir,
		       char *err, size_t errlen)
{
	char dummy[8];

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	if (meas_compare_check(a, b, err, errlen) != 0)
		return -1;
	if (dir == NULL) {
		snprintf(err, errlen, "compare: no output folder");
		return -1;
	}
	if (meas_cmp_write_one(a, b, dir, "compare.txt", meas_compare_txt, err,
			       errlen) != 0)
		return -1;
	return meas_cmp_write_one(a, b, dir, "compare.json", meas_compare_json,
				  err, errlen);
}
