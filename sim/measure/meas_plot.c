/*
 * gnuplot output of sim/measure (see meas_plot.h): chooses the timeline
 * panels (the flows with the longest time-derived outage, RFC 6412 section
 * 3.6.5, each zoomed on its worst gap), writes the .dat and .gp files
 * atomically with integer-only number formatting, then renders each
 * script to PNG by running gnuplot in the output folder (fork, chdir,
 * exec; output to a temporary name that is renamed on success).
 */
#define _GNU_SOURCE /* qsort_r */
#include "sim/measure/meas_plot.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/core/sim_file.h"
#include "sim/measure/meas_fmt.h"

struct meas_panel {
	size_t flow;
	sim_time_t lo, hi;		 /* x range, ns */
	uint64_t ylo, yhi;		 /* y range */
	const struct meas_outage *worst; /* NULL: whole flow shown */
	sim_time_t gap_to; /* end of the shaded gap; MEAS_UNKNOWN: x range's */
	bool has_dup, has_reorder;
};

struct meas_plot_ctx {
	const struct meas_results *r;
	const char *title;
	struct meas_panel panels[MEAS_PLOT_MAX_PANELS];
	size_t npanels;
};

/* Write s for a single-quoted gnuplot string ('' escapes a quote). */
static void meas_gp_str(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; s != NULL && *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
	}
	fputc('\'', f);
}

/* Write s as one whitespace-free word for a .dat file. */
static void meas_dat_word(FILE *f, const char *s)
{
	for (; s != NULL && *s; s++)
		fputc((unsigned char)*s <= 0x20 || *s == '"' || *s == '#' ? '_'
									  : *s,
		      f);
}

/* "0.250000" for num / den (0 <= num <= den, den > 0). */
static void meas_fmt_frac(uint64_t num, uint64_t den, char *buf, size_t len)
{
	uint64_t micro = num * 1000000u / den;

	snprintf(buf, len, "%" PRIu64 ".%06" PRIu64, micro / 1000000u,
		 micro % 1000000u);
}

static void meas_gp_head(FILE *f, const char *what, const char *png, int w,
			 int h)
{
	fprintf(f, "# failsim: %s\n", what);
	fprintf(f, "# Render with: gnuplot %s.gp (writes %s.png)\n", png, png);
	fprintf(f, "if (!exists(\"outfile\")) outfile = '%s.png'\n", png);
	fprintf(f, "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n");
	fprintf(f, "\tset terminal pngcairo noenhanced size %d,%d\n", w, h);
	fprintf(f, "} else {\n");
	fprintf(f, "\tset terminal png noenhanced size %d,%d\n", w, h);
	fprintf(f, "}\n");
	fprintf(f, "set output outfile\n");
	fprintf(f, "set grid\n");
}

/* ---- timeline ---- */

static int meas_cmp_worst(const void *a, const void *b, void *arg)
{
	const struct meas_results *r = arg;
	const struct meas_flow_info *x = &r->flows[*(const size_t *)a];
	const struct meas_flow_info *y = &r->flows[*(const size_t *)b];
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (x->time_derived != y->time_derived)
		return x->time_derived > y->time_derived ? -1 : 1;
	return (i > j) - (i < j);
}

static void meas_panel_window(const struct meas_results *r,
			      struct meas_panel *p)
{
	const struct meas_flow_info *fi = &r->flows[p->flow];
	sim_time_t interval = r->streams[fi->stream].interval, span, margin;
	uint64_t pad;
	size_t k;
	bool any = false;

	p->worst = NULL;
	p->gap_to = MEAS_UNKNOWN;
	for (k = fi->first_outage; k < fi->first_outage + fi->noutages; k++) {
		const struct meas_outage *o = &r->outages[k];

		if (o->has_before && (p->worst == NULL ||
				      o->time_derived > p->worst->time_derived))
			p->worst = o;
	}
	if (p->worst != NULL) {
		p->lo = p->worst->before_rx;
		p->hi = p->worst->recovered ? p->worst->after_rx : r->end;
		/* an unrecovered gap of a receiver that left ends there */
		if (!p->worst->recovered && fi->left_at != MEAS_UNKNOWN &&
		    fi->left_at < p->hi)
			p->hi = fi->left_at;
		if (p->worst->recovered || fi->left_at != MEAS_UNKNOWN)
			p->gap_to = p->hi;
	} else {
		p->lo = fi->points[0].rx;
		p->hi = fi->points[fi->npoints - 1].rx;
	}
	span = p->hi - p->lo;
	margin = span > 10 * interval ? span : 10 * interval;
	if (p->worst == NULL)
		margin = interval;
	p->lo -= margin;
	p->hi += margin;
	for (k = 0; k < fi->npoints; k++) {
		const struct meas_point *pt = &fi->points[k];

		if (pt->rx < p->lo || pt->rx > p->hi)
			continue;
		if (!any || pt->seq < p->ylo)
			p->ylo = pt->seq;
		if (!any || pt->seq > p->yhi)
			p->yhi = pt->seq;
		any = true;
		p->has_dup |= pt->kind == MEAS_PT_DUP;
		p->has_reorder |= pt->kind == MEAS_PT_REORDER;
	}
	pad = (p->yhi - p->ylo) / 20 + 1;
	p->ylo = p->ylo > pad ? p->ylo - pad : 0;
	p->yhi += pad;
}

static int meas_pick_panels(struct meas_plot_ctx *c, size_t want)
{
	const struct meas_results *r = c->r;
	size_t *ids, n = 0, i;

	ids = calloc(r->nflows + 1, sizeof(*ids));
	if (ids == NULL)
		return -1;
	for (i = 0; i < r->nflows; i++)
		if (r->flows[i].npoints > 0)
			ids[n++] = i;
	qsort_r(ids, n, sizeof(*ids), meas_cmp_worst, (void *)r);
	c->npanels = n < want ? n : want;
	for (i = 0; i < c->npanels; i++) {
		memset(&c->panels[i], 0, sizeof(c->panels[i]));
		c->panels[i].flow = ids[i];
		meas_panel_window(r, &c->panels[i]);
	}
	free(ids);
	return 0;
}

static int meas_timeline_dat(const struct meas_plot_ctx *c, FILE *f)
{
	char s[MEAS_FMT_LEN];
	size_t i, k;

	fprintf(f, "# failsim receiver timeline: rx time (s), sequence number,"
		   " kind (0 received, 1 duplicate, 2 reordered)\n");
	for (i = 0; i < c->npanels; i++) {
		const struct meas_panel *p = &c->panels[i];
		const struct meas_flow_info *fi = &c->r->flows[p->flow];
		const struct meas_stream_info *st = &c->r->streams[fi->stream];

		fprintf(f, "%s# panel %zu: flow %zu receiver ", i ? "\n\n" : "",
			i, p->flow);
		meas_dat_word(f, fi->receiver);
		fputs(" stream ", f);
		meas_dat_word(f, st->name);
		fputs(" group ", f);
		meas_dat_word(f, st->dst);
		fputc('\n', f);
		for (k = 0; k < fi->npoints; k++) {
			const struct meas_point *pt = &fi->points[k];

			if (pt->rx < p->lo || pt->rx > p->hi)
				continue;
			meas_fmt_s(pt->rx, s, sizeof(s));
			fprintf(f, "%s %" PRIu64 " %u\n", s, pt->seq, pt->kind);
		}
	}
	return ferror(f) ? -1 : 0;
}

static void meas_timeline_marks(const struct meas_plot_ctx *c,
				const struct meas_panel *p, FILE *f)
{
	char a[MEAS_FMT_LEN], b[MEAS_FMT_LEN];
	size_t j;

	fprintf(f, "unset arrow\nunset label\nunset object\n");
	if (p->worst != NULL) {
		meas_fmt_s(p->worst->before_rx, a, sizeof(a));
		meas_fmt_s(p->gap_to != MEAS_UNKNOWN ? p->gap_to : p->hi, b,
			   sizeof(b));
		fprintf(f,
			"set object 1 rect from %s, graph 0 to %s, graph 1 "
			"behind fc rgb '#e8e8e8' fs solid noborder\n",
			a, b);
	}
	for (j = 0; j < c->r->nfaults; j++) {
		const struct meas_fault_info *x = &c->r->faults[j];

		if (x->t < p->lo || x->t > p->hi)
			continue;
		meas_fmt_s(x->t, a, sizeof(a));
		fprintf(f,
			"set arrow from %s, graph 0 to %s, graph 1 nohead "
			"dt 2 lw 2 lc rgb '#d62728'\n",
			a, a);
		fprintf(f,
			"set label 'fault %zu' at %s, graph 0.93 offset 0.5,0"
			" tc rgb '#d62728'\n",
			j, a);
	}
}

static int meas_timeline_gp(const struct meas_plot_ctx *c, FILE *f)
{
	char a[MEAS_FMT_LEN], b[MEAS_FMT_LEN], t[128];
	size_t i;

	meas_gp_head(f, "receiver timeline (sequence number vs receive time)",
		     "timeline", 1000,
		     120 + 260 * (int)(c->npanels ? c->npanels : 1));
	fprintf(f, "set xlabel 'receive time (s)'\nset ylabel 'sequence "
		   "number'\nset format x '%%.3f'\nset key top left\n");
	if (c->npanels == 0) {
		fprintf(f, "set title ");
		meas_gp_str(f, c->title);
		fprintf(f, "\nset label 'no packet was received' at graph 0.5, "
			   "graph 0.5 center\nset xrange [0:1]\nset yrange "
			   "[0:1]\nplot 2 notitle\n");
		return ferror(f) ? -1 : 0;
	}
	fprintf(f, "set multiplot layout %zu,1 title ", c->npanels);
	snprintf(t, sizeof(t), "%s: receiver timeline (worst %zu flows)",
		 c->title ? c->title : "", c->npanels);
	meas_gp_str(f, t);
	fputc('\n', f);
	for (i = 0; i < c->npanels; i++) {
		const struct meas_panel *p = &c->panels[i];
		const struct meas_flow_info *fi = &c->r->flows[p->flow];
		const struct meas_stream_info *st = &c->r->streams[fi->stream];
		char title[512];

		meas_fmt_ms(fi->time_derived, a, sizeof(a));
		meas_fmt_ms(fi->loss_derived, b, sizeof(b));
		snprintf(title, sizeof(title),
			 "flow %zu: %s <- %s (%s), outage %s ms time-derived, "
			 "%s ms loss-derived",
			 p->flow, fi->receiver, st->name, st->dst, a, b);
		fprintf(f, "set title ");
		meas_gp_str(f, title);
		meas_fmt_s(p->lo, a, sizeof(a));
		meas_fmt_s(p->hi, b, sizeof(b));
		fprintf(f, "\nset xrange [%s:%s]\n", a, b);
		fprintf(f, "set yrange [%" PRIu64 ":%" PRIu64 "]\n", p->ylo,
			p->yhi);
		meas_timeline_marks(c, p, f);
		fprintf(f,
			"plot 'timeline.dat' index %zu using 1:($3==0?$2:1/0) "
			"with points pt 7 ps 0.6 lc rgb '#1f77b4' title "
			"'received'",
			i);
		if (p->has_dup)
			fprintf(f,
				", \\\n\t'' index %zu using 1:($3==1?$2:1/0) "
				"with points pt 6 ps 1.4 lc rgb '#d62728' "
				"title 'duplicate'",
				i);
		if (p->has_reorder)
			fprintf(f,
				", \\\n\t'' index %zu using 1:($3==2?$2:1/0) "
				"with points pt 4 ps 1.2 lc rgb '#2ca02c' "
				"title 'reordered'",
				i);
		fputc('\n', f);
	}
	fprintf(f, "unset multiplot\n");
	return ferror(f) ? -1 : 0;
}

/* ---- outage per flow ---- */

static int meas_outage_dat(const struct meas_plot_ctx *c, FILE *f)
{
	char a[MEAS_FMT_LEN], b[MEAS_FMT_LEN];
	size_t i;

	fprintf(f, "# failsim outage per flow: flow id, receiver/stream, "
		   "time-derived (ms), loss-derived (ms)\n");
	for (i = 0; i < c->r->nflows; i++) {
		const struct meas_flow_info *fi = &c->r->flows[i];

		meas_fmt_ms(fi->time_derived, a, sizeof(a));
		meas_fmt_ms(fi->loss_derived, b, sizeof(b));
		fprintf(f, "%zu ", i);
		meas_dat_word(f, fi->receiver);
		fputc('/', f);
		meas_dat_word(f, c->r->streams[fi->stream].name);
		fprintf(f, " %s %s\n", a, b);
	}
	return ferror(f) ? -1 : 0;
}

static int meas_outage_gp(const struct meas_plot_ctx *c, FILE *f)
{
	size_t n = c->r->nflows;
	bool labels = n > 0 && n <= 40;

	meas_gp_head(f, "outage per flow (bars)", "outage", 1000, 600);
	fprintf(f, "set title ");
	meas_gp_str(f, c->title);
	fprintf(f, "\nset ylabel 'outage (ms)'\nset xlabel '%s'\n",
		labels ? "receiver/stream" : "flow id");
	fprintf(f, "set style fill solid 0.8 noborder\nset key top right\n");
	if (n == 0) {
		fprintf(f, "set label 'no flows' at graph 0.5, graph 0.5 center"
			   "\nset xrange [0:1]\nset yrange [0:1]\nplot 2 "
			   "notitle\n");
		return ferror(f) ? -1 : 0;
	}
	fprintf(f,
		"set xrange [-1:%zu]\nset yrange [0:*]\nset offsets 0, 0, "
		"graph 0.1, 0\n",
		n);
	if (labels)
		fprintf(f, "set xtics rotate by -45 left\n");
	fprintf(f,
		"plot 'outage.dat' using ($1-0.2):3:(0.4)%s with boxes "
		"lc rgb '#1f77b4' title 'time-derived', \\\n"
		"\t'' using ($1+0.2):4:(0.4) with boxes lc rgb '#ff7f0e' "
		"title 'loss-derived'\n",
		labels ? ":xtic(2)" : "");
	return ferror(f) ? -1 : 0;
}

/* ---- CDF ---- */

/* Right end of the CDF x axis: the largest outage + 10% + 1 ms. */
static sim_time_t meas_cdf_xmax(const struct meas_results *r)
{
	sim_time_t mx = 0;
	size_t i;

	for (i = 0; i < r->nflows; i++)
		if (r->flows[i].time_derived > mx)
			mx = r->flows[i].time_derived;
	return mx + mx / 10 + SIM_MS(1);
}

static int meas_cdf_dat(const struct meas_plot_ctx *c, FILE *f)
{
	const struct meas_results *r = c->r;
	sim_time_t *v = calloc(r->nflows + 1, sizeof(*v));
	char a[MEAS_FMT_LEN], b[MEAS_FMT_LEN];
	size_t n, i, blocks = 0;
	int kind;

	if (v == NULL)
		return -1;
	fprintf(f, "# failsim CDF of the time-derived outage across flows: "
		   "outage (ms), fraction of flows\n");
	for (kind = 0; kind < MEAS_KIND__COUNT; kind++) {
		struct meas_stats st;

		for (n = i = 0; i < r->nflows; i++)
			if (r->streams[r->flows[i].stream].kind ==
			    (enum meas_kind)kind)
				v[n++] = r->flows[i].time_derived;
		if (n == 0)
			continue;
		meas_stats_of(v, n, &st); /* sorts */
		fprintf(f, "%s# %s: %zu flows\n", blocks++ ? "\n\n" : "",
			meas_kind_name((enum meas_kind)kind), n);
		meas_fmt_ms(v[0], a, sizeof(a));
		fprintf(f, "%s 0.000000\n", a);
		for (i = 0; i < n; i++) {
			meas_fmt_ms(v[i], a, sizeof(a));
			meas_fmt_frac(i + 1, n, b, sizeof(b));
			fprintf(f, "%s %s\n", a, b);
		}
		meas_fmt_ms(meas_cdf_xmax(r), a, sizeof(a));
		fprintf(f, "%s 1.000000\n", a);
	}
	free(v);
	return ferror(f) ? -1 : 0;
}

static int meas_cdf_gp(const struct meas_plot_ctx *c, FILE *f)
{
	static const char *const color[MEAS_KIND__COUNT] = { "#1f77b4",
							     "#ff7f0e" };
	size_t counts[MEAS_KIND__COUNT] = { 0 }, i, idx = 0;
	char xmax[MEAS_FMT_LEN];
	int kind;

	for (i = 0; i < c->r->nflows; i++)
		counts[c->r->streams[c->r->flows[i].stream].kind]++;
	meas_gp_head(f, "CDF of the time-derived outage across flows", "cdf",
		     800, 600);
	fprintf(f, "set title ");
	meas_gp_str(f, c->title);
	fprintf(f, "\nset xlabel 'time-derived outage (ms)'\nset ylabel "
		   "'fraction of flows'\nset yrange [0:1.05]\nset key bottom "
		   "right\n");
	if (c->r->nflows == 0) {
		fprintf(f, "set label 'no flows' at graph 0.5, graph 0.5 center"
			   "\nset xrange [0:1]\nplot 2 notitle\n");
		return ferror(f) ? -1 : 0;
	}
	meas_fmt_ms(meas_cdf_xmax(c->r), xmax, sizeof(xmax));
	fprintf(f, "set xrange [0:%s]\nplot ", xmax);
	for (kind = 0; kind < MEAS_KIND__COUNT; kind++) {
		if (counts[kind] == 0)
			continue;
		fprintf(f,
			"%s'cdf.dat' index %zu using 1:2 with steps lw 2 lc "
			"rgb "
			"'%s' title '%s (%zu flow%s)'",
			idx ? ", \\\n\t" : "", idx, color[kind],
			meas_kind_name((enum meas_kind)kind), counts[kind],
			counts[kind] == 1 ? "" : "s");
		idx++;
	}
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}

/* ---- files and rendering ---- */

typedef int (*meas_plot_fn)(const struct meas_plot_ctx *c, FILE *f);

struct meas_plot_arg {
	const struct meas_plot_ctx *c;
	meas_plot_fn fn;
};

static int meas_plot_cb(void *arg, FILE *f)
{
	const struct meas_plot_arg *a = arg;

	return a->fn(a->c, f);
}

static int meas_plot_file(const struct meas_plot_ctx *c, const char *dir,
			  const char *name, meas_plot_fn fn, char *err,
			  size_t errlen)
{
	struct meas_plot_arg a = { c, fn };

	return sim_file_write(dir, name, meas_plot_cb, &a, err, errlen);
}

/*
 * Resolve prog (NULL: "gnuplot") to a runnable absolute path in out: the
 * child changes folder before it runs it.
 */
static bool meas_find_prog(const char *prog, char *out, size_t len)
{
	const char *path = getenv("PATH"), *p, *end;
	char abs[PATH_MAX];

	if (prog == NULL)
		prog = "gnuplot";
	if (strchr(prog, '/') != NULL) {
		if (access(prog, X_OK) != 0 || realpath(prog, abs) == NULL)
			return false;
		snprintf(out, len, "%s", abs);
		return true;
	}
	if (path == NULL)
		path = "/usr/bin:/bin";
	for (p = path; *p; p = *end ? end + 1 : end) {
		int n;

		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		n = snprintf(out, len, "%.*s/%s", (int)(end - p), p, prog);
		if (end > p && n > 0 && (size_t)n < len &&
		    access(out, X_OK) == 0)
			return true;
	}
	return false;
}

bool meas_plot_have_gnuplot(const char *prog)
{
	char path[SIM_FILE_PATH_MAX];

	return meas_find_prog(prog, path, sizeof(path));
}

/* Run gnuplot on <dir>/<name>.gp, producing <dir>/<name>.png atomically. */
static int meas_render(const char *prog, const char *dir, const char *name,
		       char *err, size_t errlen)
{
	char tmp[64], arg[128], script[64], tpath[SIM_FILE_PATH_MAX],
		fpath[SIM_FILE_PATH_MAX];
	struct stat st;
	pid_t pid;
	int status = 0, fd;

	snprintf(tmp, sizeof(tmp), "%s.png.tmp.%ld", name, (long)getpid());
	snprintf(arg, sizeof(arg), "outfile='%s'", tmp);
	snprintf(script, sizeof(script), "%s.gp", name);
	snprintf(tpath, sizeof(tpath), "%s/%s", dir, tmp);
	snprintf(fpath, sizeof(fpath), "%s/%s.png", dir, name);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot run gnuplot: %s",
			 strerror(errno));
		return -1;
	}
	if (pid == 0) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if (chdir(dir) != 0)
			_exit(126);
		execl(prog, "gnuplot", "-e", arg, script, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
	}
	if (status != 0 || stat(tpath, &st) != 0 || st.st_size == 0) {
		unlink(tpath);
		snprintf(err, errlen, "gnuplot failed on '%s/%s' (status %d)",
			 dir, script, status);
		return -1;
	}
	if (rename(tpath, fpath) != 0) {
		snprintf(err, errlen, "cannot rename '%s' to '%s': %s", tpath,
			 fpath, strerror(errno));
		unlink(tpath);
		return -1;
	}
	return 0;
}

int meas_plot_render(const char *prog, const char *dir, const char *name,
		     char *err, size_t errlen)
{
	char path[SIM_FILE_PATH_MAX];

	if (!meas_find_prog(prog, path, sizeof(path))) {
		snprintf(err, errlen,
			 "gnuplot not found: PNGs skipped (the .gp and .dat "
			 "files are in '%s')",
			 dir);
		return MEAS_PLOT_SKIPPED;
	}
	return meas_render(path, dir, name, err, errlen);
}

int meas_plot_write(const struct meas_results *r, const char *title,
		    const char *dir, const struct meas_plot_opts *opts,
		    char *err, size_t errlen)
{
	static const struct {
		const char *name, *dat, *gp;
		meas_plot_fn fdat, fgp;
	} plots[] = {
		{ "timeline", "timeline.dat", "timeline.gp", meas_timeline_dat,
		  meas_timeline_gp },
		{ "outage", "outage.dat", "outage.gp", meas_outage_dat,
		  meas_outage_gp },
		{ "cdf", "cdf.dat", "cdf.gp", meas_cdf_dat, meas_cdf_gp },
	};
	struct meas_plot_opts o = { .timeline_flows = 4 };
	struct meas_plot_ctx *c;
	char prog[SIM_FILE_PATH_MAX], dummy[8];
	size_t i;
	int rc = MEAS_PLOT_OK;

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (opts != NULL)
		o = *opts;
	if (o.timeline_flows == 0)
		o.timeline_flows = 4;
	if (o.timeline_flows > MEAS_PLOT_MAX_PANELS)
		o.timeline_flows = MEAS_PLOT_MAX_PANELS;
	if (r == NULL || dir == NULL) {
		snprintf(err, errlen, "plot: no results (meas_finish first)");
		return -1;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL || (c->r = r, c->title = title ? title : "",
			  meas_pick_panels(c, o.timeline_flows) != 0)) {
		free(c);
		snprintf(err, errlen, "plot: out of memory");
		return -1;
	}
	for (i = 0; i < sizeof(plots) / sizeof(plots[0]); i++) {
		if (meas_plot_file(c, dir, plots[i].dat, plots[i].fdat, err,
				   errlen) != 0 ||
		    meas_plot_file(c, dir, plots[i].gp, plots[i].fgp, err,
				   errlen) != 0) {
			free(c);
			return -1;
		}
	}
	free(c);
	if (o.no_render) {
		snprintf(err, errlen, "PNG rendering not requested");
		return MEAS_PLOT_SKIPPED;
	}
	if (!meas_find_prog(o.gnuplot, prog, sizeof(prog))) {
		snprintf(err, errlen,
			 "gnuplot not found: PNGs skipped (the .gp and .dat "
			 "files are in '%s')",
			 dir);
		return MEAS_PLOT_SKIPPED;
	}
	for (i = 0; i < sizeof(plots) / sizeof(plots[0]) && rc == MEAS_PLOT_OK;
	     i++)
		if (meas_render(prog, dir, plots[i].name, err, errlen) != 0)
			rc = -1;
	return rc;
}
