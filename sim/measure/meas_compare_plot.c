/*
 * gnuplot plots of a comparison of two runs (see meas_compare.h), written
 * the way the run plots are (meas_plot.h): byte-deterministic .dat and .gp
 * files written atomically with integer-only numbers, then each script
 * rendered by gnuplot run in the output folder, to a temporary PNG that is
 * renamed when complete; without gnuplot the scripts stay and the PNGs are
 * skipped. compare-outage shows, per fault and traffic kind with an outage
 * in either run, the spread of the time-derived outage (RFC 6412 section
 * 3.6.5) across the affected flows: a box from median to p99 and whiskers
 * from min to max, A and B side by side. compare-groups shows the
 * time-derived outage of every flow (receiver and group or unicast flow)
 * in each of the faults with the longest outages, A and B as paired bars.
 */
#define _GNU_SOURCE /* qsort_r */
#include "sim/measure/meas_compare_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim_file.h"
#include "sim/measure/meas_fmt.h"

#define MEAS_CMP_LABELS_MAX 40 /* more x positions: numbers, no names */

struct meas_cmp_plot {
	const struct meas_compare_run *a, *b;
	struct meas_cmp_flows m;
	int panels[MEAS_COMPARE_GROUP_PANELS]; /* faults, in fault order */
	size_t npanels;
};

/* A single-quoted gnuplot string ('' is a quote; no control bytes). */
static void meas_cmp_gp_str(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; s != NULL && *s; s++) {
		if (*s == '\'')
			fputs("''", f);
		else
			fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
	}
	fputc('\'', f);
}

/* One whitespace-free word of a .dat line. */
static void meas_cmp_dat_word(FILE *f, const char *s)
{
	for (; s != NULL && *s; s++) {
		unsigned char c = (unsigned char)*s;

		fputc(c <= 0x20 || c == '"' || c == '#' || c == 0x7f ? '_' : c,
		      f);
	}
}

static void meas_cmp_gp_head(FILE *f, const char *name, const char *what, int w,
			     int h)
{
	fprintf(f, "# failsim compare: %s\n", what);
	fprintf(f, "# Render with: gnuplot %s.gp (writes %s.png)\n", name,
		name);
	fprintf(f, "if (!exists(\"outfile\")) outfile = '%s.png'\n", name);
	fprintf(f,
		"if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n"
		"\tset terminal pngcairo noenhanced size %d,%d\n"
		"} else {\n"
		"\tset terminal png noenhanced size %d,%d\n"
		"}\n",
		w, h, w, h);
	fprintf(f, "set output outfile\nset grid\nset datafile missing '-'\n");
}

/* "A: name" / "B: name" for keys and titles. */
static void meas_cmp_run_title(const struct meas_compare_run *x,
			       const char *side, char *buf, size_t len)
{
	snprintf(buf, len, "%s: %s", side, x->scenario ? x->scenario : "");
}

/* ---- compare-outage: spread per fault and kind ---- */

/* Does (fault, kind) have an affected flow in either run? */
static bool meas_cmp_outage_shown(const struct meas_cmp_plot *c, int fault,
				  int kind)
{
	const struct meas_summary *sa, *sb;
	struct meas_summary ra, rb;

	sa = meas_cmp_row(c->a->r, fault, (enum meas_kind)kind, &ra);
	sb = meas_cmp_row(c->b->r, fault, (enum meas_kind)kind, &rb);
	return (sa != NULL && sa->affected > 0) ||
	       (sb != NULL && sb->affected > 0);
}

/* Call fn for each shown (fault, kind) in order: faults, then none. */
static size_t meas_cmp_outage_each(const struct meas_cmp_plot *c,
				   void (*fn)(const struct meas_cmp_plot *c,
					      size_t x, int fault, int kind,
					      FILE *f),
				   FILE *f)
{
	size_t x = 0;

	for (size_t i = 0; i <= c->a->r->nfaults; i++) {
		int fault = i < c->a->r->nfaults ? (int)i : MEAS_NO_FAULT;

		for (int k = 0; k < MEAS_KIND__COUNT; k++) {
			if (!meas_cmp_outage_shown(c, fault, k))
				continue;
			if (fn != NULL)
				fn(c, x, fault, k, f);
			x++;
		}
	}
	return x;
}

static void meas_cmp_outage_stats(FILE *f, const struct meas_summary *s)
{
	const sim_time_t v[4] = {
		meas_cmp_stat(s, s ? s->time_derived.min : 0),
		meas_cmp_stat(s, s ? s->time_derived.median : 0),
		meas_cmp_stat(s, s ? s->time_derived.p99 : 0),
		meas_cmp_stat(s, s ? s->time_derived.max : 0),
	};
	char ms[MEAS_FMT_LEN];

	for (int i = 0; i < 4; i++) {
		meas_fmt_ms(v[i], ms, sizeof(ms));
		fprintf(f, " %s", ms);
	}
}

static void meas_cmp_outage_line(const struct meas_cmp_plot *c, size_t x,
				 int fault, int kind, FILE *f)
{
	struct meas_summary buf;

	fprintf(f, "%zu", x);
	meas_cmp_outage_stats(
		f, meas_cmp_row(c->a->r, fault, (enum meas_kind)kind, &buf));
	meas_cmp_outage_stats(
		f, meas_cmp_row(c->b->r, fault, (enum meas_kind)kind, &buf));
	fprintf(f, " # %s", meas_kind_name((enum meas_kind)kind));
	if (fault == MEAS_NO_FAULT)
		fputs(" before any fault\n", f);
	else
		fprintf(f, " fault %d\n", fault);
}

static int meas_cmp_outage_dat(const struct meas_cmp_plot *c, FILE *f)
{
	fprintf(f, "# failsim compare: time-derived outage (ms) across the "
		   "affected flows per fault and kind\n"
		   "# x, A min, A median, A p99, A max, B min, B median, B "
		   "p99, B max (0: no flow affected; -: no flow of the "
		   "kind)\n");
	meas_cmp_outage_each(c, meas_cmp_outage_line, f);
	return ferror(f) ? -1 : 0;
}

static void meas_cmp_outage_tic(const struct meas_cmp_plot *c, size_t x,
				int fault, int kind, FILE *f)
{
	char t[320];

	if (fault == MEAS_NO_FAULT)
		snprintf(t, sizeof(t), "before faults (%s)",
			 meas_kind_name((enum meas_kind)kind));
	else
		snprintf(t, sizeof(t), "%d %s (%s)", fault,
			 c->a->r->faults[fault].label
				 ? c->a->r->faults[fault].label
				 : "",
			 meas_kind_name((enum meas_kind)kind));
	fputs(x ? ", " : "", f);
	meas_cmp_gp_str(f, t);
	fprintf(f, " %zu", x);
}

static int meas_cmp_outage_gp(const struct meas_cmp_plot *c, FILE *f)
{
	size_t n = meas_cmp_outage_each(c, NULL, NULL);
	char ta[128], tb[128];

	meas_cmp_run_title(c->a, "A", ta, sizeof(ta));
	meas_cmp_run_title(c->b, "B", tb, sizeof(tb));
	meas_cmp_gp_head(f, "compare-outage",
			 "time-derived outage across flows, per fault and "
			 "kind, A and B side by side",
			 1000, 650);
	/* The runs' names are in the key: a title with both would not fit
	 * beside it. */
	fprintf(f, "set title 'outage across flows, A and B'\n"
		   "set ylabel 'time-derived outage (ms)'\n"
		   "set xlabel 'fault (kind): box median to p99, whiskers min "
		   "to max, line median'\n"
		   "set key outside right top\n");
	if (n == 0) {
		fprintf(f, "set label 'no outage in either run' at graph 0.5, "
			   "graph 0.5 center\nset xrange [0:1]\nset yrange "
			   "[0:1]\nplot 2 notitle\n");
		return ferror(f) ? -1 : 0;
	}
	fprintf(f,
		"set xrange [-0.6:%zu.4]\nset yrange [0:*]\nset offsets 0, 0, "
		"graph 0.1, 0\nset boxwidth 0.3 absolute\nset style fill "
		"solid 0.4 border\n",
		n - 1);
	if (n <= MEAS_CMP_LABELS_MAX) {
		fputs("set xtics rotate by -30 left (", f);
		meas_cmp_outage_each(c, meas_cmp_outage_tic, f);
		fputs(")\n", f);
	}
	fprintf(f, "plot 'compare-outage.dat' using ($1-0.18):3:2:5:4 with "
		   "candlesticks whiskerbars lc rgb '#1f77b4' title ");
	meas_cmp_gp_str(f, ta);
	fprintf(f, ", \\\n\t'' using ($1-0.18):3:3:3:3 with candlesticks lw "
		   "2 lc rgb '#1f77b4' notitle, \\\n\t'' using ($1+0.18):7:6:"
		   "9:8 with candlesticks whiskerbars lc rgb '#ff7f0e' title ");
	meas_cmp_gp_str(f, tb);
	fprintf(f, ", \\\n\t'' using ($1+0.18):7:7:7:7 with candlesticks lw "
		   "2 lc rgb '#ff7f0e' notitle\n");
	return ferror(f) ? -1 : 0;
}

/* ---- compare-groups: every flow in the worst faults ---- */

/* Longest time-derived outage of fault in either run (0: none). */
static sim_time_t meas_cmp_fault_worst(const struct meas_cmp_plot *c, int fault)
{
	sim_time_t w = 0;

	for (int k = 0; k < MEAS_KIND__COUNT; k++) {
		struct meas_summary buf[2];
		const struct meas_summary *s[2] = {
			meas_cmp_row(c->a->r, fault, (enum meas_kind)k,
				     &buf[0]),
			meas_cmp_row(c->b->r, fault, (enum meas_kind)k,
				     &buf[1]),
		};

		for (int i = 0; i < 2; i++)
			if (s[i] != NULL && s[i]->affected > 0 &&
			    s[i]->time_derived.max > w)
				w = s[i]->time_derived.max;
	}
	return w;
}

static int meas_cmp_by_worst(const void *x, const void *y, void *arg)
{
	const sim_time_t *w = arg;
	int i = *(const int *)x, j = *(const int *)y;

	if (w[i] != w[j])
		return w[i] > w[j] ? -1 : 1;
	return (i > j) - (i < j);
}

static int meas_cmp_by_index(const void *x, const void *y)
{
	int i = *(const int *)x, j = *(const int *)y;

	return (i > j) - (i < j);
}

/* The faults with an affected flow and the longest outages. */
static int meas_cmp_pick_panels(struct meas_cmp_plot *c)
{
	size_t nf = c->a->r->nfaults, n = 0;
	sim_time_t *w = calloc(nf + 1, sizeof(*w));
	int *ids = calloc(nf + 1, sizeof(*ids));

	if (w == NULL || ids == NULL) {
		free(w);
		free(ids);
		return -1;
	}
	for (size_t i = 0; i < nf; i++) {
		bool any = false;

		for (int k = 0; k < MEAS_KIND__COUNT; k++)
			any |= meas_cmp_outage_shown(c, (int)i, k);
		w[i] = meas_cmp_fault_worst(c, (int)i);
		if (any)
			ids[n++] = (int)i;
	}
	qsort_r(ids, n, sizeof(*ids), meas_cmp_by_worst, w);
	c->npanels =
		n < MEAS_COMPARE_GROUP_PANELS ? n : MEAS_COMPARE_GROUP_PANELS;
	memcpy(c->panels, ids, c->npanels * sizeof(*ids));
	qsort(c->panels, c->npanels, sizeof(*c->panels), meas_cmp_by_index);
	free(w);
	free(ids);
	return 0;
}

static void meas_cmp_groups_val(FILE *f, int flow, const struct meas_cmp_val *v)
{
	char ms[MEAS_FMT_LEN];

	if (flow < 0) {
		fputs(" -", f);
		return;
	}
	meas_fmt_ms(v->td, ms, sizeof(ms));
	fprintf(f, " %s", ms);
}

static int meas_cmp_groups_dat(const struct meas_cmp_plot *c, FILE *f)
{
	fprintf(f, "# failsim compare: time-derived outage (ms) per flow in "
		   "a fault, A and B\n# x, A, B (-: no such flow in the run), "
		   "receiver/stream\n");
	for (size_t p = 0; p < c->npanels; p++) {
		int fault = c->panels[p];

		fprintf(f, "%s# panel %zu: fault %d\n", p ? "\n\n" : "", p,
			fault);
		for (size_t i = 0; i < c->m.n; i++) {
			const struct meas_cmp_flow *fl = &c->m.v[i];
			const struct meas_results *r =
				fl->fa >= 0 ? c->a->r : c->b->r;
			const struct meas_flow_info *fi =
				&r->flows[fl->fa >= 0 ? fl->fa : fl->fb];
			struct meas_cmp_val va, vb;

			meas_cmp_flow_val(c->a->r, fl->fa, fault, &va);
			meas_cmp_flow_val(c->b->r, fl->fb, fault, &vb);
			fprintf(f, "%zu", i);
			meas_cmp_groups_val(f, fl->fa, &va);
			meas_cmp_groups_val(f, fl->fb, &vb);
			fputc(' ', f);
			meas_cmp_dat_word(f, fi->receiver);
			fputc('/', f);
			meas_cmp_dat_word(f, r->streams[fi->stream].name);
			fputc('\n', f);
		}
	}
	return ferror(f) ? -1 : 0;
}

static int meas_cmp_groups_gp(const struct meas_cmp_plot *c, FILE *f)
{
	bool labels = c->m.n <= MEAS_CMP_LABELS_MAX;
	char ta[128], tb[128], t[512], s[MEAS_FMT_LEN];

	meas_cmp_gp_head(f, "compare-groups",
			 "time-derived outage per flow in the faults with the "
			 "longest outages, A and B",
			 1000, 160 + 320 * (int)(c->npanels ? c->npanels : 1));
	meas_cmp_run_title(c->a, "A", ta, sizeof(ta));
	meas_cmp_run_title(c->b, "B", tb, sizeof(tb));
	fprintf(f,
		"set ylabel 'outage (ms)'\nset xlabel '%s'\n"
		"set style fill solid 0.8 noborder\nset key outside right "
		"top\n",
		labels ? "receiver/stream" : "flow");
	if (c->npanels == 0) {
		snprintf(t, sizeof(t), "%s vs %s", ta, tb);
		fputs("set title ", f);
		meas_cmp_gp_str(f, t);
		fprintf(f, "\nset label 'no outage in either run' at graph "
			   "0.5, graph 0.5 center\nset xrange [0:1]\nset "
			   "yrange [0:1]\nplot 2 notitle\n");
		return ferror(f) ? -1 : 0;
	}
	fprintf(f,
		"set xrange [-1:%zu]\nset yrange [0:*]\nset offsets 0, 0, "
		"graph 0.1, 0\n",
		c->m.n);
	if (labels)
		fputs("set xtics rotate by -45 left\n", f);
	snprintf(t, sizeof(t), "%s vs %s: outage per flow", ta, tb);
	fprintf(f, "set multiplot layout %zu,1 title ", c->npanels);
	meas_cmp_gp_str(f, t);
	fputc('\n', f);
	for (size_t p = 0; p < c->npanels; p++) {
		const struct meas_fault_info *x =
			&c->a->r->faults[c->panels[p]];

		meas_fmt_s(x->t, s, sizeof(s));
		snprintf(t, sizeof(t), "fault %d at %s s: %s", c->panels[p], s,
			 x->label ? x->label : "");
		fputs("set title ", f);
		meas_cmp_gp_str(f, t);
		fprintf(f,
			"\nplot 'compare-groups.dat' index %zu using "
			"($1-0.2):2:(0.4)%s with boxes lc rgb '#1f77b4' "
			"title ",
			p, labels ? ":xtic(4)" : "");
		meas_cmp_gp_str(f, ta);
		fprintf(f,
			", \\\n\t'' index %zu using ($1+0.2):3:(0.4) with "
			"boxes lc rgb '#ff7f0e' title ",
			p);
		meas_cmp_gp_str(f, tb);
		fputc('\n', f);
	}
	fputs("unset multiplot\n", f);
	return ferror(f) ? -1 : 0;
}

/* ---- files and rendering ---- */

typedef int (*meas_cmp_plot_fn)(const struct meas_cmp_plot *c, FILE *f);

struct meas_cmp_plot_arg {
	const struct meas_cmp_plot *c;
	meas_cmp_plot_fn fn;
};

static int meas_cmp_plot_cb(void *arg, FILE *f)
{
	const struct meas_cmp_plot_arg *a = arg;

	return a->fn(a->c, f);
}

static int meas_cmp_plot_file(const struct meas_cmp_plot *c, const char *dir,
			      const char *name, meas_cmp_plot_fn fn, char *err,
			      size_t errlen)
{
	struct meas_cmp_plot_arg a = { c, fn };

	return sim_file_write(dir, name, meas_cmp_plot_cb, &a, err, errlen);
}

int meas_compare_plot(const struct meas_compare_run *a,
		      const struct meas_compare_run *b, const char *dir,
		      const struct meas_plot_opts *opts, char *err,
		      size_t errlen)
{
	static const struct {
		const char *name, *dat, *gp;
		meas_cmp_plot_fn fdat, fgp;
	} plots[] = {
		{ "compare-outage", "compare-outage.dat", "compare-outage.gp",
		  meas_cmp_outage_dat, meas_cmp_outage_gp },
		{ "compare-groups", "compare-groups.dat", "compare-groups.gp",
		  meas_cmp_groups_dat, meas_cmp_groups_gp },
	};
	struct meas_cmp_plot c = { .a = a, .b = b };
	char dummy[8];
	const char *want = opts ? opts->gnuplot : NULL;
	size_t i;
	int rc = 0;

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (meas_compare_check(a, b, err, errlen) != 0)
		return -1;
	if (dir == NULL) {
		snprintf(err, errlen, "compare: no output folder");
		return -1;
	}
	if (meas_cmp_match(a->r, b->r, &c.m) != 0 ||
	    meas_cmp_pick_panels(&c) != 0) {
		meas_cmp_flows_free(&c.m);
		snprintf(err, errlen, "compare plot: out of memory");
		return -1;
	}
	for (i = 0; i < sizeof(plots) / sizeof(plots[0]) && rc == 0; i++)
		if (meas_cmp_plot_file(&c, dir, plots[i].dat, plots[i].fdat,
				       err, errlen) != 0 ||
		    meas_cmp_plot_file(&c, dir, plots[i].gp, plots[i].fgp, err,
				       errlen) != 0)
			rc = -1;
	meas_cmp_flows_free(&c.m);
	if (rc != 0)
		return -1;
	if (opts != NULL && opts->no_render) {
		snprintf(err, errlen, "PNG rendering not requested");
		return MEAS_PLOT_SKIPPED;
	}
	for (i = 0; i < sizeof(plots) / sizeof(plots[0]); i++) {
		rc = meas_plot_render(want, dir, plots[i].name, err, errlen);
		if (rc != MEAS_PLOT_OK)
			return rc;
	}
	return MEAS_PLOT_OK;
}
