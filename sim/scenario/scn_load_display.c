/*
 * The "displays:" section of a scenario: each item names a time ("at"), a
 * router ("node") and CLI text ("command": one line, or a literal block of
 * several) to run there, plus an optional one-line name used as the
 * heading of its output. Displays observe and change nothing: they are not
 * faults and the measurement never sees them. Like faults, a display after
 * the end of the run never happens; the loader accepts it because
 * --duration may change the end. No RFC is implemented here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

static const char *const scn_display_keys[] = { "at", "node", "command", "name",
						NULL };
static const char *const scn_display_required[] = { "at", "node", "command",
						    NULL };

static int scn_display_node(struct scn_ctx *c, const struct scn_ynode *m,
			    const char *path, struct scn_display *d)
{
	const struct scn_ynode *v;
	char kp[SCN_PATH_MAX];

	if (scn_get_scalar(c, m, path, "node", "a router name", &v) != 0)
		return -1;
	scn_path_key(kp, path, "node");
	d->node = scn_strdup(c, v->str);
	if (d->node == NULL)
		return -1;
	return scn_ref_node(c, v->loc, kp, v->str,
			    SCN_KIND_BIT(SCN_NODE_ROUTER), "a router",
			    &d->node_idx);
}

static int scn_display_name(struct scn_ctx *c, const struct scn_ynode *m,
			    const char *path, struct scn_display *d)
{
	char kp[SCN_PATH_MAX];

	if (scn_get_str(c, m, path, "name", SCN_LABEL_MAX, &d->name) != 0)
		return -1;
	if (d->name == NULL)
		return 0;
	scn_path_key(kp, path, "name");
	if (strpbrk(d->name, "\r\n") != NULL)
		return scn_fail(c, scn_ymap_get(m, "name")->loc,
				"%s: expected text on one line", kp);
	if (scn_blank(d->name))
		return scn_fail(c, scn_ymap_get(m, "name")->loc,
				"%s: expected some text, got only blanks", kp);
	return 0;
}

static int scn_load_display(struct scn_ctx *c, const struct scn_ynode *m,
			    const char *path, struct scn_display *d)
{
	char kp[SCN_PATH_MAX];

	d->loc = m->loc;
	d->node_idx = SCN_NONE;
	if (scn_check_map(c, m, path, scn_display_keys, scn_display_required,
			  false) != 0 ||
	    scn_get_time(c, m, path, "at", &d->at) != 0 ||
	    scn_display_node(c, m, path, d) != 0 ||
	    scn_get_text(c, m, path, "command", SCN_COMMAND_MAX, &d->command,
			 &d->command_line, NULL) != 0 ||
	    scn_display_name(c, m, path, d) != 0)
		return -1;
	if (scn_blank(d->command)) {
		scn_path_key(kp, path, "command");
		return scn_fail(c, scn_ymap_get(m, "command")->loc,
				"%s: expected at least one command", kp);
	}
	return 0;
}

int scn_load_displays(struct scn_ctx *c, const struct scn_ynode *root)
{
	struct scn_spec *s = c->spec;
	const struct scn_ynode *seq;
	char path[SCN_PATH_MAX];
	size_t i;

	if (scn_get_seq(c, root, "", "displays", SCN_MAX_DISPLAYS, &seq) != 0)
		return -1;
	if (seq == NULL)
		return 0;
	s->displays = scn_calloc(c, seq->n, sizeof(*s->displays));
	if (s->displays == NULL)
		return -1;
	for (i = 0; i < seq->n; i++) {
		s->ndisplays = i + 1;
		scn_path_idx(path, "displays", i);
		if (scn_load_display(c, seq->kids[i], path, &s->displays[i]) !=
		    0)
			return -1;
	}
	return 0;
}
