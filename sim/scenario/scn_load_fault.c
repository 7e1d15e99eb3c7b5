/*
 * The "faults:" section of a scenario: each item is a time ("at"), exactly
 * one action and that action's parameter ("for" with freeze, "rate" with
 * loss, "command" with cli), plus an optional label. Actions name links,
 * nodes of the kinds they apply to, or a router interface; all references
 * are resolved here so the simulation builder only schedules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

enum scn_target {
	SCN_T_LINK,
	SCN_T_IFACE,
	SCN_T_NODE,
};

struct scn_action {
	const char *key;
	enum scn_target target;
	unsigned kinds_mask; /* SCN_T_IFACE, SCN_T_NODE */
	const char *kinds;
	const char *param; /* the key this action requires, or NULL */
};

#define SCN_ROUTER SCN_KIND_BIT(SCN_NODE_ROUTER)
#define SCN_SWITCH SCN_KIND_BIT(SCN_NODE_SWITCH)

static const struct scn_action scn_actions[] = {
	[SCN_FAULT_LINK_DOWN] = { "link-down", SCN_T_LINK },
	[SCN_FAULT_LINK_UP] = { "link-up", SCN_T_LINK },
	[SCN_FAULT_SHUTDOWN] = { "shutdown", SCN_T_IFACE, SCN_ROUTER,
				 "a router" },
	[SCN_FAULT_UNDO_SHUTDOWN] = { "undo-shutdown", SCN_T_IFACE, SCN_ROUTER,
				      "a router" },
	[SCN_FAULT_CRASH] = { "crash", SCN_T_NODE, SCN_ROUTER | SCN_SWITCH,
			      "a router or switch" },
	[SCN_FAULT_RESTART] = { "restart", SCN_T_NODE, SCN_ROUTER | SCN_SWITCH,
				"a router or switch" },
	[SCN_FAULT_FREEZE] = { "freeze", SCN_T_NODE, SCN_ROUTER, "a router",
			       "for" },
	[SCN_FAULT_LOSS] = { "loss", SCN_T_LINK, 0, NULL, "rate" },
	[SCN_FAULT_CLI] = { "cli", SCN_T_NODE, SCN_ROUTER, "a router",
			    "command" },
};

#define SCN_NACTIONS (sizeof(scn_actions) / sizeof(scn_actions[0]))

static const char *const scn_fault_keys[] = {
	"at",	 "name",    "link-down", "link-up", "shutdown", "undo-shutdown",
	"crash", "restart", "freeze",	 "loss",    "cli",	"for",
	"rate",	 "command", NULL,
};
static const char *const scn_fault_required[] = { "at", NULL };
static const char scn_action_list[] =
	"link-down, link-up, shutdown, undo-shutdown, crash, restart, "
	"freeze, loss, cli";

/* Exactly one action key (the first in file order sets *kind). */
static int scn_fault_action(struct scn_ctx *c, const struct scn_ynode *m,
			    const char *path, enum scn_fault_kind *kind)
{
	const struct scn_ynode *k, *first = NULL;
	char kp[SCN_PATH_MAX];
	size_t i, a;

	for (i = 0; i < scn_ymap_len(m); i++) {
		k = scn_ymap_key(m, i);
		for (a = 0; a < SCN_NACTIONS; a++)
			if (strcmp(k->str, scn_actions[a].key) == 0)
				break;
		if (a == SCN_NACTIONS)
			continue;
		if (first != NULL) {
			scn_path_key(kp, path, k->str);
			return scn_fail(c, k->loc,
					"%s: one action per fault (this one "
					"already has %s)",
					kp, first->str);
		}
		first = k;
		*kind = (enum scn_fault_kind)a;
	}
	if (first == NULL)
		return scn_fail(c, m->loc,
				"%s: expected one action (%s), got none", path,
				scn_action_list);
	return 0;
}

/* "for", "rate" and "command" belong to one action each. */
static int scn_fault_params(struct scn_ctx *c, const struct scn_ynode *m,
			    const char *path, enum scn_fault_kind kind)
{
	const struct scn_ynode *k;
	char kp[SCN_PATH_MAX];
	size_t a;

	for (a = 0; a < SCN_NACTIONS; a++) {
		if (scn_actions[a].param == NULL)
			continue;
		k = scn_ymap_get_key(m, scn_actions[a].param);
		if (k != NULL && a != (size_t)kind) {
			scn_path_key(kp, path, k->str);
			return scn_fail(c, k->loc, "%s: only allowed with %s",
					kp, scn_actions[a].key);
		}
		if (k == NULL && a == (size_t)kind)
			return scn_fail(c, m->loc,
					"%s: missing required key \"%s\" (for "
					"%s)",
					path, scn_actions[a].param,
					scn_actions[a].key);
	}
	return 0;
}

static int scn_fault_target(struct scn_ctx *c, const struct scn_ynode *m,
			    const char *path, struct scn_fault *f)
{
	static const char iface_what[] =
		"\"router:interface\", like \"R1:GigabitEthernet0/1/0\"";
	const struct scn_action *a = &scn_actions[f->kind];
	char node[SCN_NAME_MAX + 1], iface[SCN_IFNAME_MAX + 1];
	char kp[SCN_PATH_MAX];
	const struct scn_ynode *v;

	if (scn_get_scalar(c, m, path, a->key,
			   a->target == SCN_T_LINK   ? "a link name"
			   : a->target == SCN_T_NODE ? "a node name"
						     : iface_what,
			   &v) != 0)
		return -1;
	scn_path_key(kp, path, a->key);
	f->target = scn_strdup(c, v->str);
	if (f->target == NULL)
		return -1;
	switch (a->target) {
	case SCN_T_LINK:
		f->link_idx = scn_index_find(&c->links, v->str);
		if (f->link_idx == SCN_NONE)
			return scn_fail(c, v->loc, "%s: no link named \"%s\"",
					kp, v->str);
		return 0;
	case SCN_T_IFACE:
		if (scn_parse_endpoint(v->str, node, iface) != 0)
			return scn_expected(c, v, kp, iface_what);
		f->iface = scn_strdup(c, iface);
		if (f->iface == NULL)
			return -1;
		return scn_ref_node(c, v->loc, kp, node, a->kinds_mask,
				    a->kinds, &f->node_idx);
	case SCN_T_NODE:
		return scn_ref_node(c, v->loc, kp, v->str, a->kinds_mask,
				    a->kinds, &f->node_idx);
	}
	return -1;
}

static int scn_load_fault(struct scn_ctx *c, const struct scn_ynode *m,
			  const char *path, struct scn_fault *f)
{
	char kp[SCN_PATH_MAX];

	f->loc = m->loc;
	f->link_idx = SCN_NONE;
	f->node_idx = SCN_NONE;
	if (scn_check_map(c, m, path, scn_fault_keys, scn_fault_required,
			  false) != 0 ||
	    scn_fault_action(c, m, path, &f->kind) != 0 ||
	    scn_fault_params(c, m, path, f->kind) != 0 ||
	    scn_get_time(c, m, path, "at", &f->at) != 0 ||
	    scn_get_str(c, m, path, "name", SCN_LABEL_MAX, &f->label) != 0 ||
	    scn_fault_target(c, m, path, f) != 0)
		return -1;
	switch (f->kind) {
	case SCN_FAULT_FREEZE:
		if (scn_get_time(c, m, path, "for", &f->duration) != 0)
			return -1;
		if (f->duration <= 0)
			return scn_fail(c, scn_ymap_get(m, "for")->loc,
					"%s.for: must be longer than 0", path);
		return 0;
	case SCN_FAULT_LOSS:
		return scn_get_loss(c, m, path, "rate", &f->loss_ppb);
	case SCN_FAULT_CLI:
		if (scn_get_text(c, m, path, "command", SCN_COMMAND_MAX,
				 &f->command, &f->command_line, NULL) != 0)
			return -1;
		scn_path_key(kp, path, "command");
		if (scn_blank(f->command))
			return scn_fail(c, scn_ymap_get(m, "command")->loc,
					"%s: expected at least one command",
					kp);
		return 0;
	default:
		return 0;
	}
}

int scn_load_faults(struct scn_ctx *c, const struct scn_ynode *root)
{
	struct scn_spec *s = c->spec;
	const struct scn_ynode *seq;
	char path[SCN_PATH_MAX];
	size_t i;

	if (scn_get_seq(c, root, "", "faults", SCN_MAX_FAULTS, &seq) != 0)
		return -1;
	if (seq == NULL)
		return 0;
	s->faults = scn_calloc(c, seq->n, sizeof(*s->faults));
	if (s->faults == NULL)
		return -1;
	for (i = 0; i < seq->n; i++) {
		s->nfaults = i + 1;
		scn_path_idx(path, "faults", i);
		if (scn_load_fault(c, seq->kids[i], path, &s->faults[i]) != 0)
			return -1;
	}
	return 0;
}
