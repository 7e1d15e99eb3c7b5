/*
 * Writers of report.txt and report.json (see meas_report.h). The text
 * report follows the order RFC 6413 section 7 suggests for reporting: the
 * run parameters, the streams (Offered Load), then per fault the outage
 * anatomy and the convergence benchmarks (loss-derived per RFC 6412
 * section 3.6.4, time-derived per section 3.6.5) with min / median / p99 /
 * max across flows, then every flow and every outage. The JSON report has
 * the same data with integer ns. Only integer arithmetic on sim time is
 * used, so both outputs are byte-identical for the same run.
 */
#include "sim/measure/meas_report.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "sim/core/sim_file.h"
#include "sim/measure/meas_fmt.h"

static const char *meas_fault_name(int fault, char *buf, size_t len)
{
	if (fault < 0)
		snprintf(buf, len, "none");
	else
		snprintf(buf, len, "%d", fault);
	return buf;
}

static void meas_txt_head(const struct meas_results *r,
			  const struct meas_run_info *ri, FILE *f)
{
	char d[MEAS_FMT_LEN];

	meas_fmt_s(ri->duration, d, sizeof(d));
	fprintf(f, "failsim run report\n");
	fprintf(f, "scenario: %s\n", ri->scenario ? ri->scenario : "");
	fprintf(f, "seed: %" PRIu64 "\n", ri->seed);
	fprintf(f, "duration: %s s\n", d);
	fprintf(f, "events logged: %" PRIu64 "\n", ri->events);
	fprintf(f, "gap threshold: %" PRIu32 " packet intervals\n",
		r->cfg->gap_threshold);
}

static int meas_txt_streams(const struct meas_results *r, FILE *f)
{
	struct meas_tbl t;
	size_t i;
	int rc;

	fprintf(f, "\nstreams\n");
	meas_tbl_init(&t, 6, "rlllrr");
	meas_tbl_add(&t, "id");
	meas_tbl_add(&t, "name");
	meas_tbl_add(&t, "kind");
	meas_tbl_add(&t, "destination");
	meas_tbl_add(&t, "rate (pps)");
	meas_tbl_add(&t, "sent");
	for (i = 0; i < r->nstreams; i++) {
		const struct meas_stream_info *s = &r->streams[i];

		meas_tbl_add(&t, "%zu", i);
		meas_tbl_add(&t, "%s", s->name);
		meas_tbl_add(&t, "%s", meas_kind_name(s->kind));
		meas_tbl_add(&t, "%s", s->dst);
		meas_tbl_add(&t, "%" PRIu32, s->rate_pps);
		meas_tbl_add(&t, "%" PRIu64, s->sent);
	}
	rc = meas_tbl_print(&t, f, 2);
	meas_tbl_free(&t);
	return rc;
}

static void meas_mark_row(struct meas_tbl *t, size_t fault, const char *stage,
			  sim_time_t at, const char *node, const char *what)
{
	char s[MEAS_FMT_LEN];

	meas_fmt_s(at, s, sizeof(s));
	meas_tbl_add(t, "%zu", fault);
	meas_tbl_add(t, "%s", stage);
	meas_tbl_add(t, "%s", s);
	meas_tbl_add(t, "%s", node ? node : "-");
	meas_tbl_add(t, "%s", what ? what : "-");
}

static int meas_txt_faults(const struct meas_results *r, FILE *f)
{
	struct meas_tbl t, mk;
	char a[MEAS_FMT_LEN];
	size_t i;
	int k, rc;

	fprintf(f, "\nfaults (outage anatomy in ms, \"-\" = unknown; a stage "
		   "without its mark is 0)\n");
	meas_tbl_init(&t, 3 + MEAS_STAGE__COUNT, "rrrrrrrrrl");
	meas_tbl_init(&mk, 5, "rllll");
	meas_tbl_add(&t, "id");
	meas_tbl_add(&t, "time (s)");
	for (k = 0; k < MEAS_STAGE__COUNT; k++)
		meas_tbl_add(&t, "%s", meas_stage_name((enum meas_stage)k));
	meas_tbl_add(&t, "label");
	meas_tbl_add(&mk, "fault");
	meas_tbl_add(&mk, "stage");
	meas_tbl_add(&mk, "time (s)");
	meas_tbl_add(&mk, "node");
	meas_tbl_add(&mk, "what");
	for (i = 0; i < r->nfaults; i++) {
		const struct meas_fault_info *x = &r->faults[i];

		meas_fmt_s(x->t, a, sizeof(a));
		meas_tbl_add(&t, "%zu", i);
		meas_tbl_add(&t, "%s", a);
		for (k = 0; k < MEAS_STAGE__COUNT; k++) {
			meas_fmt_ms(x->stage[k], a, sizeof(a));
			meas_tbl_add(&t, "%s", a);
		}
		meas_tbl_add(&t, "%s", x->label);
		for (k = 0; k < MEAS_MARK__COUNT; k++)
			meas_mark_row(&mk, i,
				      meas_mark_name((enum meas_mark_kind)k),
				      x->mark[k].at, x->mark[k].node,
				      x->mark[k].what);
		meas_mark_row(&mk, i, "recovered", x->recovered_at, NULL, NULL);
	}
	rc = meas_tbl_print(&t, f, 2);
	if (rc == 0 && r->nfaults > 0) {
		fprintf(f, "\nanatomy marks\n");
		rc = meas_tbl_print(&mk, f, 2);
	}
	meas_tbl_free(&t);
	meas_tbl_free(&mk);
	return rc;
}

static void meas_txt_stats(FILE *f, const char *name,
			   const struct meas_stats *s)
{
	char a[MEAS_FMT_LEN], b[MEAS_FMT_LEN], c[MEAS_FMT_LEN], d[MEAS_FMT_LEN];

	meas_fmt_ms(s->min, a, sizeof(a));
	meas_fmt_ms(s->median, b, sizeof(b));
	meas_fmt_ms(s->p99, c, sizeof(c));
	meas_fmt_ms(s->max, d, sizeof(d));
	fprintf(f, "    %s ms: min %s  median %s  p99 %s  max %s\n", name, a, b,
		c, d);
}

static void meas_txt_summary(const struct meas_results *r, FILE *f)
{
	char fb[16];
	size_t i;

	fprintf(f, "\nsummary per fault and traffic kind (over affected "
		   "flows; nearest-rank percentiles)\n");
	if (r->nsummary == 0)
		fprintf(f, "  (no flows)\n");
	for (i = 0; i < r->nsummary; i++) {
		const struct meas_summary *s = &r->summary[i];

		fprintf(f,
			"  fault %s %s: %u of %u flows affected, %u "
			"unrecovered, "
			"lost %" PRIu64 ", duplicates %" PRIu64
			", reordered %" PRIu64 "\n",
			meas_fault_name(s->fault, fb, sizeof(fb)),
			meas_kind_name(s->kind), s->affected, s->flows,
			s->unrecovered, s->lost, s->dups, s->reordered);
		meas_txt_stats(f, "time-derived", &s->time_derived);
		meas_txt_stats(f, "loss-derived", &s->loss_derived);
	}
}

static int meas_txt_flows(const struct meas_results *r, FILE *f)
{
	static const char *const hdr[] = { "id",    "receiver", "stream",
					   "group", "kind",	"sent",
					   "pre",   "post",	"rcvd",
					   "lost",  "tail",	"dups",
					   "reord", "LD (ms)",	"TD (ms)" };
	const size_t ncol = sizeof(hdr) / sizeof(hdr[0]);
	struct meas_tbl t;
	char a[MEAS_FMT_LEN], b[MEAS_FMT_LEN];
	size_t i;
	int rc;

	fprintf(f, "\nflows (pre = sent before the first arrival; post = sent "
		   "after the receiver left; LD / TD = loss- / time-derived "
		   "outage, summed)\n");
	meas_tbl_init(&t, ncol, "rllllrrrrrrrrrr");
	for (i = 0; i < ncol; i++)
		meas_tbl_add(&t, "%s", hdr[i]);
	for (i = 0; i < r->nflows; i++) {
		const struct meas_flow_info *x = &r->flows[i];
		const struct meas_stream_info *s = &r->streams[x->stream];

		meas_fmt_ms(x->loss_derived, a, sizeof(a));
		meas_fmt_ms(x->time_derived, b, sizeof(b));
		meas_tbl_add(&t, "%zu", i);
		meas_tbl_add(&t, "%s", x->receiver);
		meas_tbl_add(&t, "%s", s->name);
		meas_tbl_add(&t, "%s", s->dst);
		meas_tbl_add(&t, "%s", meas_kind_name(s->kind));
		meas_tbl_add(&t, "%" PRIu64, x->sent);
		meas_tbl_add(&t, "%" PRIu64, x->before_first);
		meas_tbl_add(&t, "%" PRIu64, x->after_leave);
		meas_tbl_add(&t, "%" PRIu64, x->received);
		meas_tbl_add(&t, "%" PRIu64, x->lost);
		meas_tbl_add(&t, "%" PRIu64, x->tail_lost);
		meas_tbl_add(&t, "%" PRIu64, x->dups);
		meas_tbl_add(&t, "%" PRIu64, x->reordered);
		meas_tbl_add(&t, "%s", a);
		meas_tbl_add(&t, "%s", b);
	}
	rc = meas_tbl_print(&t, f, 2);
	meas_tbl_free(&t);
	return rc;
}

static void meas_seq_at(char *buf, size_t len, bool known, uint64_t seq,
			sim_time_t t)
{
	char s[MEAS_FMT_LEN];

	if (!known) {
		snprintf(buf, len, "-");
		return;
	}
	meas_fmt_s(t, s, sizeof(s));
	snprintf(buf, len, "%" PRIu64 "@%s", seq, s);
}

static void meas_txt_outage(struct meas_tbl *t, const struct meas_outage *o)
{
	char a[64], b[64], fb[16];

	meas_tbl_add(t, "%d", o->flow);
	meas_tbl_add(t, "%s", meas_fault_name(o->fault, fb, sizeof(fb)));
	meas_seq_at(a, sizeof(a), o->has_before, o->before_seq, o->before_rx);
	meas_seq_at(b, sizeof(b), o->recovered, o->after_seq, o->after_rx);
	meas_tbl_add(t, "%s", a);
	meas_tbl_add(t, "%s", b);
	meas_tbl_add(t, "%" PRIu64, o->lost);
	meas_fmt_ms(o->loss_derived, a, sizeof(a));
	meas_fmt_ms(o->time_derived, b, sizeof(b));
	meas_tbl_add(t, "%s", a);
	meas_tbl_add(t, "%s%s", o->recovered ? "" : ">=", b);
	meas_tbl_add(t, "%" PRIu64, o->dups);
	meas_tbl_add(t, "%" PRIu64, o->reordered);
	meas_fmt_ms(o->programming, a, sizeof(a));
	meas_fmt_ms(o->delivery, b, sizeof(b));
	meas_tbl_add(t, "%s", a);
	meas_tbl_add(t, "%s", b);
}

static int meas_txt_outages(const struct meas_results *r, FILE *f)
{
	static const char *const hdr[] = { "flow",	     "fault",
					   "before (seq@s)", "after (seq@s)",
					   "lost",	     "LD (ms)",
					   "TD (ms)",	     "dups",
					   "reord",	     "programming (ms)",
					   "delivery (ms)" };
	struct meas_tbl t;
	size_t i;
	int rc;

	fprintf(f, "\noutages (after \"-\" = not recovered; TD is then a "
		   "lower bound)\n");
	if (r->noutages == 0) {
		fprintf(f, "  (none)\n");
		return 0;
	}
	meas_tbl_init(&t, 11, "rlllrrrrrrr");
	for (i = 0; i < 11; i++)
		meas_tbl_add(&t, "%s", hdr[i]);
	for (i = 0; i < r->noutages; i++)
		meas_txt_outage(&t, &r->outages[i]);
	rc = meas_tbl_print(&t, f, 2);
	meas_tbl_free(&t);
	return rc;
}

int meas_report_txt(const struct meas_results *r,
		    const struct meas_run_info *ri, FILE *f)
{
	int rc = 0;

	if (r == NULL || ri == NULL || f == NULL)
		return -1;
	meas_txt_head(r, ri, f);
	rc |= meas_txt_streams(r, f);
	rc |= meas_txt_faults(r, f);
	meas_txt_summary(r, f);
	rc |= meas_txt_flows(r, f);
	rc |= meas_txt_outages(r, f);
	return rc != 0 || ferror(f) ? -1 : 0;
}

/* ---- JSON ---- */

static void meas_json_stats(FILE *f, const char *key,
			    const struct meas_stats *s)
{
	fprintf(f, "\"%s\": {\"min\": ", key);
	meas_json_time(f, s->min);
	fputs(", \"median\": ", f);
	meas_json_time(f, s->median);
	fputs(", \"p99\": ", f);
	meas_json_time(f, s->p99);
	fputs(", \"max\": ", f);
	meas_json_time(f, s->max);
	fputs("}", f);
}

static void meas_json_fault_id(FILE *f, int fault)
{
	if (fault < 0)
		fputs("null", f);
	else
		fprintf(f, "%d", fault);
}

/* ", \"key\": <time or null>" */
static void meas_json_kt(FILE *f, const char *key, sim_time_t v)
{
	fprintf(f, ", \"%s\": ", key);
	meas_json_time(f, v);
}

static void meas_json_ks(FILE *f, const char *key, const char *v)
{
	fprintf(f, ", \"%s\": ", key);
	meas_json_str(f, v);
}

static void meas_json_streams(const struct meas_results *r, FILE *f)
{
	size_t i;

	fputs("  \"streams\": [", f);
	for (i = 0; i < r->nstreams; i++) {
		const struct meas_stream_info *s = &r->streams[i];

		fprintf(f, "%s\n    {\"id\": %zu", i ? "," : "", i);
		meas_json_ks(f, "name", s->name);
		meas_json_ks(f, "kind", meas_kind_name(s->kind));
		meas_json_ks(f, "dst", s->dst);
		fprintf(f, ", \"rate_pps\": %" PRIu32, s->rate_pps);
		meas_json_kt(f, "interval_ns", s->interval);
		meas_json_kt(f, "start_ns", s->start);
		meas_json_kt(f, "stop_ns",
			     s->stop == SIM_TIME_NEVER ? MEAS_UNKNOWN
						       : s->stop);
		fprintf(f, ", \"sent\": %" PRIu64, s->sent);
		meas_json_kt(f, "first_tx_ns", s->first_tx);
		meas_json_kt(f, "last_tx_ns", s->last_tx);
		fputs("}", f);
	}
	fputs(r->nstreams ? "\n  ],\n" : "],\n", f);
}

/* The anatomy fields of a fault: each mark (<mark>_at_ns, _node,
 * _what), recovered_at_ns, then each stage (<stage>_ns). */
static void meas_json_anatomy(FILE *f, const struct meas_fault_info *x)
{
	char key[32];
	int k;

	for (k = 0; k < MEAS_MARK__COUNT; k++) {
		const char *n = meas_mark_name((enum meas_mark_kind)k);

		snprintf(key, sizeof(key), "%s_at_ns", n);
		meas_json_kt(f, key, x->mark[k].at);
		snprintf(key, sizeof(key), "%s_node", n);
		meas_json_ks(f, key, x->mark[k].node);
		snprintf(key, sizeof(key), "%s_what", n);
		meas_json_ks(f, key, x->mark[k].what);
	}
	meas_json_kt(f, "recovered_at_ns", x->recovered_at);
	for (k = 0; k < MEAS_STAGE__COUNT; k++) {
		snprintf(key, sizeof(key), "%s_ns",
			 meas_stage_name((enum meas_stage)k));
		meas_json_kt(f, key, x->stage[k]);
	}
}

static void meas_json_faults(const struct meas_results *r, FILE *f)
{
	size_t i;

	fputs("  \"faults\": [", f);
	for (i = 0; i < r->nfaults; i++) {
		const struct meas_fault_info *x = &r->faults[i];

		fprintf(f, "%s\n    {\"id\": %zu", i ? "," : "", i);
		meas_json_kt(f, "t_ns", x->t);
		meas_json_ks(f, "label", x->label);
		meas_json_anatomy(f, x);
		fputs("}", f);
	}
	fputs(r->nfaults ? "\n  ],\n" : "],\n", f);
}

static void meas_json_summary(const struct meas_results *r, FILE *f)
{
	size_t i;

	fputs("  \"summary\": [", f);
	for (i = 0; i < r->nsummary; i++) {
		const struct meas_summary *s = &r->summary[i];

		fprintf(f, "%s\n    {\"fault\": ", i ? "," : "");
		meas_json_fault_id(f, s->fault);
		meas_json_ks(f, "kind", meas_kind_name(s->kind));
		fprintf(f,
			", \"flows\": %u, \"affected\": %u, \"unrecovered\": "
			"%u, \"lost\": %" PRIu64 ", \"duplicates\": %" PRIu64
			", \"reordered\": %" PRIu64 ", ",
			s->flows, s->affected, s->unrecovered, s->lost, s->dups,
			s->reordered);
		meas_json_stats(f, "time_derived_ns", &s->time_derived);
		fputs(", ", f);
		meas_json_stats(f, "loss_derived_ns", &s->loss_derived);
		fputs("}", f);
	}
	fputs(r->nsummary ? "\n  ],\n" : "],\n", f);
}

static void meas_json_flows(const struct meas_results *r, FILE *f)
{
	size_t i;

	fputs("  \"flows\": [", f);
	for (i = 0; i < r->nflows; i++) {
		const struct meas_flow_info *x = &r->flows[i];
		const struct meas_stream_info *s = &r->streams[x->stream];

		fprintf(f, "%s\n    {\"id\": %zu", i ? "," : "", i);
		meas_json_ks(f, "receiver", x->receiver);
		fprintf(f, ", \"stream\": %d", x->stream);
		meas_json_ks(f, "group", s->dst);
		meas_json_ks(f, "kind", meas_kind_name(s->kind));
		fprintf(f,
			", \"sent\": %" PRIu64 ", \"before_first\": %" PRIu64
			", \"after_leave\": %" PRIu64 ", \"received\": %" PRIu64
			", \"lost\": %" PRIu64 ", \"tail_lost\": %" PRIu64
			", \"duplicates\": %" PRIu64 ", \"reordered\": %" PRIu64
			", \"rejected\": %" PRIu64,
			x->sent, x->before_first, x->after_leave, x->received,
			x->lost, x->tail_lost, x->dups, x->reordered,
			x->rejected);
		meas_json_kt(f, "first_rx_ns", x->first_rx);
		meas_json_kt(f, "last_rx_ns", x->last_rx);
		meas_json_kt(f, "delay_min_ns", x->delay_min);
		meas_json_kt(f, "delay_max_ns", x->delay_max);
		fprintf(f, ", \"outages\": %zu", x->noutages);
		meas_json_kt(f, "loss_derived_ns", x->loss_derived);
		meas_json_kt(f, "time_derived_ns", x->time_derived);
		fputs("}", f);
	}
	fputs(r->nflows ? "\n  ],\n" : "],\n", f);
}

static void meas_json_outages(const struct meas_results *r, FILE *f)
{
	size_t i;

	fputs("  \"outages\": [", f);
	for (i = 0; i < r->noutages; i++) {
		const struct meas_outage *o = &r->outages[i];

		fprintf(f, "%s\n    {\"flow\": %d, \"fault\": ", i ? "," : "",
			o->flow);
		meas_json_fault_id(f, o->fault);
		fprintf(f, ", \"recovered\": %s",
			o->recovered ? "true" : "false");
		if (o->has_before)
			fprintf(f, ", \"before_seq\": %" PRIu64, o->before_seq);
		else
			fputs(", \"before_seq\": null", f);
		meas_json_kt(f, "before_rx_ns", o->before_rx);
		if (o->recovered)
			fprintf(f, ", \"after_seq\": %" PRIu64, o->after_seq);
		else
			fputs(", \"after_seq\": null", f);
		meas_json_kt(f, "after_rx_ns", o->after_rx);
		meas_json_kt(f, "start_ns", o->start);
		fprintf(f, ", \"lost\": %" PRIu64, o->lost);
		meas_json_kt(f, "loss_derived_ns", o->loss_derived);
		meas_json_kt(f, "time_derived_ns", o->time_derived);
		fprintf(f,
			", \"duplicates\": %" PRIu64
			", \"reordered\": %" PRIu64,
			o->dups, o->reordered);
		meas_json_kt(f, "program_at_ns", o->program_at);
		meas_json_kt(f, "programming_ns", o->programming);
		meas_json_kt(f, "delivery_ns", o->delivery);
		fputs("}", f);
	}
	fputs(r->noutages ? "\n  ]\n" : "]\n", f);
}

int meas_report_json(const struct meas_results *r,
		     const struct meas_run_info *ri, FILE *f)
{
	if (r == NULL || ri == NULL || f == NULL)
		return -1;
	fputs("{\n  \"scenario\": ", f);
	meas_json_str(f, ri->scenario ? ri->scenario : "");
	fprintf(f, ",\n  \"seed\": %" PRIu64 ",\n", ri->seed);
	fprintf(f, "  \"duration_ns\": %lld,\n", (long long)ri->duration);
	fprintf(f, "  \"events\": %" PRIu64 ",\n", ri->events);
	fprintf(f, "  \"gap_threshold_intervals\": %" PRIu32 ",\n",
		r->cfg->gap_threshold);
	fprintf(f, "  \"end_ns\": %lld,\n", (long long)r->end);
	meas_json_streams(r, f);
	meas_json_faults(r, f);
	meas_json_summary(r, f);
	meas_json_flows(r, f);
	meas_json_outages(r, f);
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

typedef int (*meas_writer_fn)(const struct meas_results *r,
			      const struct meas_run_info *ri, FILE *f);

struct meas_write_arg {
	const struct meas_results *r;
	const struct meas_run_info *ri;
	meas_writer_fn fn;
};

static int meas_write_cb(void *arg, FILE *f)
{
	const struct meas_write_arg *a = arg;

	return a->fn(a->r, a->ri, f);
}

static int meas_write_one(const struct meas_results *r,
			  const struct meas_run_info *ri, const char *dir,
			  const char *name, meas_writer_fn fn, char *err,
			  size_t errlen)
{
	struct meas_write_arg a = { r, ri, fn };

	return sim_file_write(dir, name, meas_write_cb, &a, err, errlen);
}

int meas_report_write(const struct meas_results *r,
		      const struct meas_run_info *ri, const char *dir,
		      char *err, size_t errlen)
{
	char dummy[8];

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (r == NULL || ri == NULL || dir == NULL) {
		snprintf(err, errlen, "report: no results (meas_finish first)");
		return -1;
	}
	if (meas_write_one(r, ri, dir, "report.txt", meas_report_txt, err,
			   errlen) != 0)
		return -1;
	return meas_write_one(r, ri, dir, "report.json", meas_report_json, err,
			      errlen);
}
