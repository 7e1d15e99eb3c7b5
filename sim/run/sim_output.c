/*
 * Run outputs: one pcap per capture point (a link tap writing every frame
 * when its first bit leaves, both directions), events.jsonl, displays.txt
 * (sim_display.c), report.txt, report.json and the gnuplot plots, all written
 * under temporary names and renamed only when the run completed, so a failed or
 * interrupted run never leaves a half file or clobbers a previous good one.
 */
#include "sim/run/sim_world_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim_file.h"
#include "sim/measure/meas_plot.h"
#include "sim/measure/meas_report.h"
#include "sim/trace/trace_pcap.h"

static void capture_tap(void *arg, const struct node_link *l, int dir,
			sim_time_t t, const struct net_frame *f)
{
	struct sim_capture *c = arg;

	(void)l;
	(void)dir;
	if (c->pc)
		trace_pcap_write(c->pc, t, f->data, f->len);
}

int sim_world_open_captures(struct sim_world *w, const char *dir, char *err,
			    size_t errlen)
{
	const struct scn_spec *spec = w->spec;

	w->caps = calloc(spec->ncaptures + 1, sizeof(*w->caps));
	if (!w->caps)
		return -1;
	for (size_t i = 0; i < spec->ncaptures; i++) {
		const struct scn_capture *sc = &spec->captures[i];
		struct sim_capture *c = &w->caps[i];
		struct node_link *l = w->links[sc->link_idx];

		if (l->tap)
			return scn_spec_errf(spec, sc->loc, err, errlen,
					     "link %s is captured twice",
					     sc->link);
		snprintf(c->path, sizeof(c->path), "%s/%s.pcap", dir, sc->name);
		c->link = sc->link_idx;
		c->pc = trace_pcap_open(c->path, err, errlen);
		w->ncaps = i + 1;
		if (!c->pc)
			return -1;
		l->tap = capture_tap;
		l->tap_arg = c;
	}
	return 0;
}

int sim_world_close_captures(struct sim_world *w, bool commit, char *err,
			     size_t errlen)
{
	int rc = 0;

	for (size_t i = 0; i < w->ncaps; i++) {
		struct sim_capture *c = &w->caps[i];

		if (w->links && w->links[c->link])
			w->links[c->link]->tap = NULL;
		if (!c->pc)
			continue;
		if (commit && rc == 0) {
			if (trace_pcap_close(c->pc) != 0) {
				if (err)
					snprintf(err, errlen, "cannot write %s",
						 c->path);
				rc = -1;
			}
		} else {
			trace_pcap_abort(c->pc);
		}
		c->pc = NULL;
	}
	free(w->caps);
	w->caps = NULL;
	w->ncaps = 0;
	return rc;
}

static int print_file(const char *path, FILE *out)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, out);
	fclose(f);
	return 0;
}

static int write_results(struct sim_world *w, const char *outdir,
			 const struct sim_opts *opts, FILE *out, char *err,
			 size_t errlen)
{
	const struct meas_results *res = sim_world_finish(w);
	struct meas_run_info ri = {
		.scenario = w->spec->name,
		.seed = w->seed,
		.duration = w->duration,
		.events = w->log.records,
	};
	char path[1100];
	int rc;

	if (meas_report_write(res, &ri, outdir, err, errlen) != 0)
		return -1;
	if (!opts->no_plots) {
		struct meas_plot_opts po = { .timeline_flows = 4 };

		rc = meas_plot_write(res, w->spec->name, outdir, &po, err,
				     errlen);
		if (rc < 0)
			return -1;
		if (rc == MEAS_PLOT_SKIPPED && out && !opts->quiet)
			fprintf(out, "(gnuplot not found: plot scripts "
				     "written, PNGs skipped)\n");
	}
	snprintf(path, sizeof(path), "%s/report.txt", outdir);
	if (out && !opts->quiet)
		print_file(path, out);
	return 0;
}

int sim_run_scenario(struct scn_spec *spec, const char *outdir,
		     const struct sim_opts *opts, FILE *out, char *err,
		     size_t errlen)
{
	struct sim_world *w;

	if (sim_run_scenario_keep(spec, outdir, opts, out, &w, err, errlen))
		return -1;
	sim_world_free(w);
	return 0;
}

int sim_run_scenario_keep(struct scn_spec *spec, const char *outdir,
			  const struct sim_opts *opts, FILE *out,
			  struct sim_world **keep, char *err, size_t errlen)
{
	struct sim_opts none = { 0 };
	struct sim_file ev;
	struct sim_world *w;
	char path[1100];

	*keep = NULL;
	if (!opts)
		opts = &none;
	if (sim_mkdir_p(outdir, err, errlen) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/events.jsonl", outdir);
	if (sim_file_open(&ev, path) != 0) {
		snprintf(err, errlen, "%s", ev.err);
		return -1;
	}
	w = sim_world_new(spec, opts, ev.f, err, errlen);
	if (!w) {
		sim_file_abort(&ev);
		return -1;
	}
	if (sim_world_open_captures(w, outdir, err, errlen) != 0)
		goto fail;
	sim_world_run(w, w->duration);
	/* A failed event log fails the run before any pcap replaces an
	 * earlier good one. */
	if (w->log.err) {
		snprintf(err, errlen, "cannot write %s", path);
		goto fail;
	}
	if (sim_world_close_captures(w, true, err, errlen) != 0 ||
	    sim_display_write(w, outdir, err, errlen) != 0)
		goto fail;
	w->log.out = NULL; /* the run is over; the file is closed below */
	if (sim_file_commit(&ev) != 0) {
		snprintf(err, errlen, "%s", ev.err);
		sim_world_free(w);
		return -1;
	}
	if (write_results(w, outdir, opts, out, err, errlen) != 0) {
		sim_world_free(w);
		return -1;
	}
	*keep = w;
	return 0;
fail:
	sim_world_free(w);
	sim_file_abort(&ev);
	return -1;
}
