/*
 * Scenario displays (scenarios/README.md, "displays"): at each item's time
 * its commands run in the router's CLI exactly as the cli fault runs them
 * (a new operator session, every line echoed after the prompt), but a
 * display is no fault: the measurement never hears of it. Each output is
 * logged (module "display", event "output") and appended, under a heading
 * with the time, the router and the item's name or commands, to the text
 * that becomes displays.txt. A router that is down has no CLI; the text
 * then says since when and why, from the router's own "node" records
 * (crash, restarting, boot) in the event log. No RFC is implemented here.
 */
#include "sim/run/sim_world_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim_file.h"
#include "sim/router/router.h"

#define DISP_SUMMARY_MAX 160 /* bytes of commands quoted in a heading */

enum disp_life {
	DISP_UP,
	DISP_CRASHED,
	DISP_RESTARTING,
};

struct disp_node {
	enum disp_life state;
	sim_time_t since; /* of the crash or the restart */
};

struct disp_item {
	struct sim_displays *ds;
	struct sim_timer timer;
	const struct scn_display *d;
	bool shown;
};

struct sim_displays {
	struct sim_world *w;
	struct disp_item *items; /* parallel to spec->displays */
	size_t nitems;
	struct disp_node *nodes; /* parallel to spec->nodes */
	struct cli_out text;	 /* displays.txt so far */
	bool closed;		 /* items never shown have been listed */
};

/* Follows the routers' life from their own log records. */
static void disp_tap(void *arg, const struct sim_log_rec *r)
{
	struct sim_displays *ds = arg;
	struct disp_node *dn;
	int i;

	if (!r->node || strcmp(r->module, "node") != 0)
		return;
	i = scn_node_find(ds->w->spec, r->node);
	if (i < 0)
		return;
	dn = &ds->nodes[i];
	if (!strcmp(r->event, "crash")) {
		dn->state = DISP_CRASHED;
		dn->since = r->t;
	} else if (!strcmp(r->event, "restarting")) {
		dn->state = DISP_RESTARTING;
		dn->since = r->t;
	} else if (!strcmp(r->event, "boot")) {
		dn->state = DISP_UP;
	}
}

/* The commands on one line: trimmed, blank lines left out, "; " between,
 * cut (at a character boundary) to DISP_SUMMARY_MAX bytes and "...". */
static void disp_summary(struct cli_out *o, const char *cmd)
{
	const char *p = cmd, *e, *end;
	size_t used = 0, n;

	while (*p) {
		end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		e = end;
		while (p < e && strchr(" \t\r", *p))
			p++;
		while (e > p && strchr(" \t\r", e[-1]))
			e--;
		if (e > p) {
			const char *sep = used ? "; " : "";

			used += strlen(sep);
			n = (size_t)(e - p);
			if (used + n > DISP_SUMMARY_MAX) {
				n = used < DISP_SUMMARY_MAX
					    ? DISP_SUMMARY_MAX - used
					    : 0;
				while (n > 0 && (p[n] & 0xc0) == 0x80)
					n--;
				cli_out_printf(o, "%s%.*s...", sep, (int)n, p);
				return;
			}
			cli_out_printf(o, "%s%.*s", sep, (int)n, p);
			used += n;
		}
		p = *end ? end + 1 : end;
	}
}

static void disp_heading(struct sim_displays *ds, const struct scn_display *d)
{
	struct cli_out *o = &ds->text;
	char ts[40];

	if (o->len)
		cli_out_printf(o, "\n");
	sim_time_fmt(d->at, ts, sizeof(ts));
	cli_out_printf(o, "=== %s s  %s  ", ts, d->node);
	if (d->name)
		cli_out_printf(o, "%s", d->name);
	else
		disp_summary(o, d->command);
	cli_out_printf(o, " ===\n");
}

static void disp_body(struct sim_displays *ds, const char *body)
{
	size_t n = strlen(body);

	cli_out_printf(&ds->text, "%s%s", body,
		       n && body[n - 1] != '\n' ? "\n" : "");
}

/* What a router without a CLI shows. */
static void disp_down(struct sim_displays *ds, int node, struct cli_out *o)
{
	const struct scn_node *sn = &ds->w->spec->nodes[node];
	const struct disp_node *dn = &ds->nodes[node];
	char a[40], b[40];

	sim_time_fmt(dn->since, a, sizeof(a));
	switch (dn->state) {
	case DISP_CRASHED:
		cli_out_printf(o, "%s is down (crashed at %s s): no CLI\n",
			       sn->name, a);
		break;
	case DISP_RESTARTING:
		sim_time_fmt(dn->since + sn->router.boot_delay, b, sizeof(b));
		cli_out_printf(o,
			       "%s is down (restarting since %s s, boots at "
			       "%s s): no CLI\n",
			       sn->name, a, b);
		break;
	case DISP_UP:
		cli_out_printf(o, "%s is down: no CLI\n", sn->name);
		break;
	}
}

static void disp_fire(struct sim_timer *t)
{
	struct disp_item *it = sim_container_of(t, struct disp_item, timer);
	struct sim_displays *ds = it->ds;
	const struct scn_display *d = it->d;
	struct node *n = ds->w->nodes[d->node_idx];
	struct cli_out out;

	cli_out_init(&out);
	if (router_booted(router_from_node(n)))
		sim_cli_exec(n, d->command, &out);
	else
		disp_down(ds, d->node_idx, &out);
	it->shown = true;
	disp_heading(ds, d);
	disp_body(ds, cli_out_str(&out));
	sim_cli_log(n, "display", "output", d->name, d->command,
		    cli_out_str(&out));
	cli_out_free(&out);
}

int sim_display_build(struct sim_world *w, char *err, size_t errlen)
{
	const struct scn_spec *spec = w->spec;
	struct sim_displays *ds;

	if (!spec->ndisplays)
		return 0;
	ds = calloc(1, sizeof(*ds));
	if (!ds)
		goto oom;
	w->disp = ds;
	ds->w = w;
	cli_out_init(&ds->text);
	ds->items = calloc(spec->ndisplays, sizeof(*ds->items));
	ds->nodes = calloc(spec->nnodes + 1, sizeof(*ds->nodes));
	if (!ds->items || !ds->nodes)
		goto oom;
	for (size_t i = 0; i < spec->ndisplays; i++) {
		const struct scn_display *d = &spec->displays[i];
		struct disp_item *it = &ds->items[i];

		if (d->node_idx < 0 || (size_t)d->node_idx >= spec->nnodes ||
		    !router_from_node(w->nodes[d->node_idx]))
			return scn_spec_errf(spec, d->loc, err, errlen,
					     "displays[%zu]: %s is not a "
					     "router",
					     i, d->node);
		it->ds = ds;
		it->d = d;
		if (sim_timer_init(w->eng, &it->timer, disp_fire) != 0)
			goto oom;
		ds->nitems = i + 1;
		sim_timer_arm(&it->timer, d->at);
	}
	if (sim_log_add_tap(&w->log, disp_tap, ds) != 0) {
		snprintf(err, errlen, "displays: too many event log taps");
		return -1;
	}
	return 0;
oom:
	snprintf(err, errlen, "out of memory");
	return -1;
}

void sim_display_free(struct sim_world *w)
{
	struct sim_displays *ds = w->disp;

	if (!ds)
		return;
	for (size_t i = 0; i < ds->nitems; i++)
		sim_timer_fini(&ds->items[i].timer);
	cli_out_free(&ds->text);
	free(ds->items);
	free(ds->nodes);
	free(ds);
	w->disp = NULL;
}

static int disp_cmp(const void *a, const void *b)
{
	const struct disp_item *x = *(const struct disp_item *const *)a;
	const struct disp_item *y = *(const struct disp_item *const *)b;

	if (x->d->at != y->d->at)
		return x->d->at < y->d->at ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* List the items that never ran, in time (then file) order. */
static int disp_close(struct sim_displays *ds)
{
	struct disp_item **left;
	size_t n = 0;
	char ts[40];

	if (ds->closed)
		return 0;
	left = calloc(ds->nitems + 1, sizeof(*left));
	if (!left)
		return -1;
	for (size_t i = 0; i < ds->nitems; i++)
		if (!ds->items[i].shown)
			left[n++] = &ds->items[i];
	qsort(left, n, sizeof(*left), disp_cmp);
	sim_time_fmt(sim_now(ds->w->eng), ts, sizeof(ts));
	for (size_t i = 0; i < n; i++) {
		disp_heading(ds, left[i]->d);
		cli_out_printf(&ds->text,
			       "(not shown: the run ended at %s s)\n", ts);
	}
	free(left);
	ds->closed = true;
	return 0;
}

int sim_display_write(struct sim_world *w, const char *outdir, char *err,
		      size_t errlen)
{
	struct sim_displays *ds = w->disp;
	char path[SIM_FILE_PATH_MAX];
	struct sim_file f;
	int n;

	if (!ds)
		return 0;
	if (disp_close(ds) != 0 || ds->text.oom) {
		snprintf(err, errlen, "displays.txt: out of memory");
		return -1;
	}
	n = snprintf(path, sizeof(path), "%s/displays.txt", outdir);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		snprintf(err, errlen, "%s: folder name too long", outdir);
		return -1;
	}
	if (sim_file_open(&f, path) != 0) {
		snprintf(err, errlen, "%s", f.err);
		return -1;
	}
	if (ds->text.len &&
	    fwrite(ds->text.buf, 1, ds->text.len, f.f) != ds->text.len) {
		snprintf(err, errlen, "cannot write %s", path);
		sim_file_abort(&f);
		return -1;
	}
	if (sim_file_commit(&f) != 0) {
		snprintf(err, errlen, "%s", f.err);
		return -1;
	}
	return 0;
}

const char *sim_world_displays(const struct sim_world *w)
{
	return w->disp ? cli_out_str(&w->disp->text) : "";
}
