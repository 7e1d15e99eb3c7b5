/*
 * The command registry: views (a tree under the user view) and commands
 * with their compiled patterns. Built once per simulation by the modules,
 * then shared read-only by every router's session. Registration checks the
 * command's declaration (view exists, flags are consistent, the pattern
 * compiles, the key parameter exists) and says what is wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli_impl.h"

static int reg_fail(struct cli_registry *reg, const char *fmt, const char *a,
		    const char *b)
{
	snprintf(reg->err, sizeof(reg->err), fmt, a, b ? b : "");
	return -1;
}

int cli_view_find(const struct cli_registry *reg, const char *name)
{
	for (int i = 0; i < reg->nviews; i++) {
		if (!strcmp(reg->views[i].name, name))
			return i;
	}
	return -1;
}

const char *cli_view_name(const struct cli_registry *reg, int view)
{
	return view >= 0 && view < reg->nviews ? reg->views[view].name : "?";
}

bool cli_view_below(const struct cli_registry *reg, int view, int anc)
{
	for (int v = view; v >= 0; v = reg->views[v].parent) {
		if (v == anc)
			return true;
	}
	return false;
}

bool cli_cmd_in_view(const struct cli_registry *reg, const struct cli_rcmd *rc,
		     int view)
{
	if (rc->def.flags & CLI_ANY_VIEW)
		return true;
	if (rc->def.flags & CLI_SUBVIEWS)
		return cli_view_below(reg, view, rc->view);
	return rc->view == view;
}

static int add_view_raw(struct cli_registry *reg, const char *name, int parent,
			const char *prompt)
{
	struct cli_rview *v;

	if (reg->nviews == reg->capviews) {
		int cap = reg->capviews ? 2 * reg->capviews : 8;
		void *n = realloc(reg->views, (size_t)cap * sizeof(*v));

		if (!n)
			return reg_fail(reg, "out of memory%s%s", "", NULL);
		reg->views = n;
		reg->capviews = cap;
	}
	v = &reg->views[reg->nviews];
	v->name = strdup(name);
	v->prompt = strdup(prompt ? prompt : "");
	v->parent = parent;
	if (!v->name || !v->prompt) {
		free(v->name);
		free(v->prompt);
		return reg_fail(reg, "out of memory%s%s", "", NULL);
	}
	return reg->nviews++;
}

struct cli_registry *cli_registry_new(void)
{
	struct cli_registry *reg = calloc(1, sizeof(*reg));

	if (!reg)
		return NULL;
	if (add_view_raw(reg, CLI_VIEW_USER, -1, "") != CLI_V_USER ||
	    add_view_raw(reg, CLI_VIEW_SYSTEM, CLI_V_USER, "") !=
		    CLI_V_SYSTEM ||
	    cli_builtin_register(reg) < 0) {
		cli_registry_free(reg);
		return NULL;
	}
	return reg;
}

void cli_registry_free(struct cli_registry *reg)
{
	if (!reg)
		return;
	for (int i = 0; i < reg->nviews; i++) {
		free(reg->views[i].name);
		free(reg->views[i].prompt);
	}
	for (int i = 0; i < reg->ncmds; i++)
		cli_prog_free(&reg->cmds[i].prog);
	free(reg->views);
	free(reg->cmds);
	free(reg);
}

const char *cli_registry_error(const struct cli_registry *reg)
{
	return reg->err;
}

int cli_registry_add_view(struct cli_registry *reg,
			  const struct cli_view_def *v)
{
	int parent;
	const char *pct;

	if (!v->name || !v->name[0])
		return reg_fail(reg, "view without a name%s%s", "", NULL);
	if (cli_view_find(reg, v->name) >= 0)
		return reg_fail(reg, "view '%s' registered twice%s", v->name,
				NULL);
	parent = cli_view_find(reg, v->parent ? v->parent : CLI_VIEW_SYSTEM);
	if (parent < CLI_V_SYSTEM)
		return reg_fail(reg, "view '%s': unknown parent view '%s'",
				v->name, v->parent);
	/* The prompt may name the key once, with "%s", and nothing else. */
	pct = v->prompt ? strchr(v->prompt, '%') : NULL;
	if (pct && (pct[1] != 's' || strchr(pct + 2, '%')))
		return reg_fail(reg, "view '%s': bad prompt '%s'", v->name,
				v->prompt);
	return add_view_raw(reg, v->name, parent, v->prompt) < 0 ? -1 : 0;
}

/* Where the key parameter of an entering command is. */
static int resolve_key(struct cli_registry *reg, struct cli_rcmd *rc)
{
	const struct cli_prog *p = &rc->prog;

	rc->key_elem = -1;
	if (rc->def.key_param) {
		rc->key_elem = cli_prog_param(p, rc->def.key_param);
		if (rc->key_elem < 0)
			return reg_fail(reg, "'%s': no parameter '%s'",
					rc->def.pattern, rc->def.key_param);
		return 0;
	}
	for (int i = 0; i < p->nelem; i++) {
		if (!p->elems[i].is_kw) {
			rc->key_elem = i;
			break;
		}
	}
	return 0;
}

static int check_flags(struct cli_registry *reg, const struct cli_cmd *cmd)
{
	unsigned f = cmd->flags;

	if ((f & CLI_ACTION) && (f & CLI_ENTER))
		return reg_fail(reg, "'%s': %s", cmd->pattern,
				"ACTION and ENTER exclude each other");
	if (!(f & CLI_ACTION) && (f & (CLI_SUBVIEWS | CLI_ANY_VIEW)))
		return reg_fail(reg, "'%s': %s", cmd->pattern,
				"only actions may span views");
	if ((f & CLI_ACTION) && (f & (CLI_UNDO_KEEP | CLI_UNDO_ONLY)))
		return reg_fail(reg, "'%s': %s", cmd->pattern,
				"actions have no stored undo form");
	if ((f & CLI_ACTION) && !cmd->apply)
		return reg_fail(reg, "'%s': %s", cmd->pattern,
				"an action needs an apply handler");
	if ((f & CLI_ENTER) && (f & CLI_UNDO_KEEP))
		return reg_fail(reg, "'%s': %s", cmd->pattern,
				"a view-entering line has no stored undo");
	if ((f & CLI_UNDO_ONLY) && (f & (CLI_ENTER | CLI_UNDO_KEEP)))
		return reg_fail(reg, "'%s': %s", cmd->pattern,
				"UNDO_ONLY excludes ENTER and UNDO_KEEP");
	if (cmd->key_tokens < 0 || cmd->undo_tokens < 0)
		return reg_fail(reg, "'%s': %s", cmd->pattern,
				"negative token count");
	return 0;
}

/* Shortest undo form, in elements (-1: the whole pattern). */
static int undo_min(const struct cli_cmd *cmd)
{
	if (cmd->undo_tokens)
		return cmd->undo_tokens;
	if (cmd->flags & CLI_ENTER)
		return 1; /* and the key parameter must be present */
	if (cmd->flags & (CLI_UNDO_KEEP | CLI_UNDO_ONLY))
		return -1;
	return cmd->key_tokens ? cmd->key_tokens : -1;
}

int cli_registry_add(struct cli_registry *reg, const struct cli_cmd *cmd)
{
	struct cli_rcmd rc = { .def = *cmd, .enter_view = -1 };
	char err[200];

	if (!cmd->pattern)
		return reg_fail(reg, "command without a pattern%s%s", "", NULL);
	if (check_flags(reg, cmd) < 0)
		return -1;
	rc.view = cli_view_find(reg, cmd->view ? cmd->view : CLI_VIEW_SYSTEM);
	if (rc.view < 0)
		return reg_fail(reg, "'%s': unknown view '%s'", cmd->pattern,
				cmd->view);
	if (rc.view == CLI_V_USER && !(cmd->flags & CLI_ACTION))
		return reg_fail(reg, "'%s': %s", cmd->pattern,
				"the user view takes actions only");
	if (cmd->flags & CLI_ENTER) {
		rc.enter_view =
			cmd->enter ? cli_view_find(reg, cmd->enter) : -1;
		if (rc.enter_view < 0)
			return reg_fail(reg, "'%s': unknown view to enter '%s'",
					cmd->pattern, cmd->enter);
		if (reg->views[rc.enter_view].parent != rc.view)
			return reg_fail(reg,
					"'%s': view '%s' is not a child "
					"of the command's view",
					cmd->pattern, cmd->enter);
	}
	if (cli_pattern_compile(cmd->pattern, &rc.prog, err, sizeof(err)) < 0)
		return reg_fail(reg, "%s%s", err, NULL);
	if ((cmd->flags & CLI_ENTER) && resolve_key(reg, &rc) < 0) {
		cli_prog_free(&rc.prog);
		return -1;
	}
	rc.undo_min = undo_min(cmd);
	rc.first_kw = rc.prog.elems[0].text;
	if (reg->ncmds == reg->capcmds) {
		int cap = reg->capcmds ? 2 * reg->capcmds : 32;
		void *n = realloc(reg->cmds, (size_t)cap * sizeof(rc));

		if (!n) {
			cli_prog_free(&rc.prog);
			return reg_fail(reg, "out of memory%s%s", "", NULL);
		}
		reg->cmds = n;
		reg->capcmds = cap;
	}
	rc.base = reg->total_insns;
	reg->total_insns += rc.prog.ninsn;
	reg->cmds[reg->ncmds++] = rc;
	return 0;
}

int cli_registry_add_table(struct cli_registry *reg, const struct cli_cmd *cmds,
			   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (cli_registry_add(reg, &cmds[i]) < 0)
			return -1;
	}
	return 0;
}
