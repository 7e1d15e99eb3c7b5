/*
 * A router's command session: the view stack and prompt, line execution
 * (undo word, matching in the current view, VRP8 "intelligent rollback" to
 * enclosing views, dispatch of actions and configuration lines), the
 * candidate configuration, immediate mode, scripts with file:line:column
 * errors, and loading a factory configuration without calling handlers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli_impl.h"

static const char *const err_msgs[] = {
	[CLI_ERR_UNRECOGNIZED] = "Unrecognized command found at '^' position.",
	[CLI_ERR_WRONG_PARAM] = "Wrong parameter found at '^' position.",
	[CLI_ERR_INCOMPLETE] = "Incomplete command found at '^' position.",
	[CLI_ERR_TOO_MANY] = "Too many parameters found at '^' position.",
	[CLI_ERR_AMBIGUOUS] = "Ambiguous command found at '^' position.",
	[CLI_ERR_TOO_LONG] = "The command line is too long.",
};

struct cli *cli_new(const struct cli_registry *reg, const char *sysname,
		    void *owner)
{
	struct cli *c = calloc(1, sizeof(*c));
	char line[CLI_NAME_MAX + 16];

	if (!c)
		return NULL;
	c->reg = reg;
	c->owner = owner;
	c->rollback = true;
	c->cur_src = -1;
	snprintf(c->sysname, sizeof(c->sysname), "%s",
		 sysname && sysname[0] ? sysname : "HUAWEI");
	memcpy(c->sysname0, c->sysname, sizeof(c->sysname0));
	c->stack[0].view = CLI_V_USER;
	c->root = cli_rnode_new(CLI_V_SYSTEM, "");
	if (!c->root) {
		free(c);
		return NULL;
	}
	/* The name is part of the configuration from the start, as on VRP. */
	snprintf(line, sizeof(line), "sysname %s", c->sysname);
	if (cli_load_running(c, line, NULL, NULL) < 0) {
		cli_free(c);
		return NULL;
	}
	return c;
}

void cli_free(struct cli *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->ncand; i++)
		cli_centry_clear(&c->cand[i]);
	free(c->cand);
	for (int i = 0; i < c->nsources; i++)
		free(c->sources[i]);
	free(c->sources);
	cli_rnode_free(c->root);
	cli_scratch_free(&c->scratch);
	free(c);
}

const struct cli_err *cli_last_error(const struct cli *c)
{
	return &c->err;
}

void cli_set_err(struct cli *c, enum cli_err_code code, int col,
		 const char *text, const char *reason)
{
	struct cli_err *e = &c->err;
	size_t i;

	memset(e, 0, sizeof(*e));
	e->code = code;
	e->col = col;
	for (i = 0; text && text[i] && i < sizeof(e->text) - 1; i++)
		e->text[i] = text[i] == '\t' ? ' ' : text[i];
	e->text[i] = '\0';
	if ((unsigned)code < sizeof(err_msgs) / sizeof(err_msgs[0]) &&
	    err_msgs[code]) {
		snprintf(e->msg, sizeof(e->msg), "Error: %s", err_msgs[code]);
		snprintf(e->reason, sizeof(e->reason), "%s",
			 reason ? reason : "");
	} else {
		/* Semantic errors: the reason is the message. */
		snprintf(e->msg, sizeof(e->msg), "Error: %s",
			 reason ? reason : "");
	}
	if (c->cur_src >= 0) {
		snprintf(e->source, sizeof(e->source), "%s",
			 c->sources[c->cur_src]);
		e->line = c->cur_line;
	}
}

/* Print the error as the router does: caret under the word, message. */
static void print_err(const struct cli *c, size_t prompt_len,
		      struct cli_out *out)
{
	const struct cli_err *e = &c->err;

	if (e->code <= CLI_ERR_TOO_LONG && e->col > 0)
		cli_out_printf(out, "%*s^\n", (int)(prompt_len + e->col - 1),
			       "");
	if (e->code <= CLI_ERR_TOO_LONG && e->reason[0])
		cli_out_printf(out, "%s (%s)\n", e->msg, e->reason);
	else
		cli_out_printf(out, "%s\n", e->msg);
}

/* ---- prompt and views ---- */

void cli_fmt_prompt(const struct cli *c, int view, const char *key, char mark,
		    char *buf, size_t len)
{
	const char *p = c->reg->views[view].prompt;
	size_t o;
	int w;

	if (view == CLI_V_USER) {
		snprintf(buf, len, "<%s>", c->sysname);
		return;
	}
	w = snprintf(buf, len, "[%s%s%s", mark ? (char[]){ mark, 0 } : "",
		     c->sysname, view == CLI_V_SYSTEM ? "" : "-");
	if (w < 0 || (size_t)w >= len)
		return;
	o = (size_t)w;
	for (; view != CLI_V_SYSTEM && *p && o + 2 < len; p++) {
		if (p[0] == '%' && p[1] == 's') {
			w = snprintf(buf + o, len - o, "%s", key);
			o = w < 0 || (size_t)w >= len - o ? len - 1
							  : o + (size_t)w;
			p++;
		} else {
			buf[o++] = *p;
		}
	}
	snprintf(buf + o, len - o, "]");
}

static char prompt_mark(const struct cli *c)
{
	if (c->immediate || c->imm_session || c->preload)
		return 0;
	return c->ncand ? '*' : '~';
}

const char *cli_prompt(struct cli *c)
{
	const struct cli_level *l = &c->stack[c->depth];

	cli_fmt_prompt(c, l->view, l->key, prompt_mark(c), c->prompt,
		       sizeof(c->prompt));
	return c->prompt;
}

const char *cli_sysname(const struct cli *c)
{
	return c->sysname;
}

void *cli_owner(const struct cli *c)
{
	return c->owner;
}

const char *cli_view(const struct cli *c)
{
	return cli_view_name(c->reg, c->stack[c->depth].view);
}

const char *cli_view_key(const struct cli *c)
{
	return c->stack[c->depth].key;
}

void cli_set_immediate(struct cli *c, bool on)
{
	c->immediate = on;
}

void cli_set_rollback(struct cli *c, bool on)
{
	c->rollback = on;
}

bool cli_has_uncommitted(const struct cli *c)
{
	return c->ncand > 0;
}

size_t cli_uncommitted_count(const struct cli *c)
{
	return c->ncand;
}

void cli_leave_to(struct cli *c, int depth)
{
	if (depth < 0)
		depth = 0;
	if (depth == 1 && c->depth == 0) {
		c->stack[1].view = CLI_V_SYSTEM;
		c->stack[1].key[0] = '\0';
	}
	if (depth <= 1)
		c->depth = depth;
	else if (depth < c->depth)
		c->depth = depth;
	if (c->depth == 0)
		c->imm_session = false;
}

void cli_show_running(const struct cli *c, struct cli_out *out)
{
	cli_render_running(c, c->root, 0, out);
}

int cli_commit(struct cli *c, struct cli_out *out)
{
	int rc;

	if (c->busy) {
		cli_set_err(c, CLI_ERR_STATE, 0, "commit",
			    "commit called from a command handler");
		return -1;
	}
	memset(&c->err, 0, sizeof(c->err));
	c->busy = true;
	rc = cli_commit_run(c, out, true, false);
	c->busy = false;
	return rc;
}

/* ---- candidate ---- */

static bool cand_touches(const struct cli *c, const struct cli_level *path,
			 int depth, int cmd)
{
	for (size_t i = 0; i < c->ncand; i++) {
		const struct cli_centry *e = &c->cand[i];
		bool same = e->cmd == cmd && e->depth == depth;

		for (int d = 0; same && d < depth; d++)
			same = e->path[d].view == path[d].view &&
			       !strcmp(e->path[d].key, path[d].key);
		if (same)
			return true;
	}
	return false;
}

static int cand_add(struct cli *c, const struct cli_args *a, int col)
{
	int depth = c->depth - 1;
	const struct cli_level *path = &c->stack[2];
	struct cli_centry e = { .cmd = (int)(a->cmd - c->reg->cmds),
				.undo = a->undo,
				.depth = depth,
				.src = c->cur_src,
				.line = c->cur_line,
				.col = col };
	struct cli_rnode *node = cli_rnode_find(c->root, path, depth);

	e.text = strdup(a->line + (a->undo ? 5 : 0));
	e.path = malloc((size_t)(depth ? depth : 1) * sizeof(*e.path));
	if (!e.text || !e.path)
		goto oom;
	memcpy(e.path, path, (size_t)depth * sizeof(*e.path));
	/* Re-entering an existing view or repeating a line changes nothing. */
	if (node && !c->preload && cli_entry_is_noop(c, node, &e, a) &&
	    !cand_touches(c, path, depth, e.cmd)) {
		cli_centry_clear(&e);
		return 0;
	}
	if (c->ncand == c->capcand) {
		size_t cap = c->capcand ? 2 * c->capcand : 16;
		void *p = realloc(c->cand, cap * sizeof(*c->cand));

		if (!p)
			goto oom;
		c->cand = p;
		c->capcand = cap;
	}
	c->cand[c->ncand++] = e;
	return 0;
oom:
	cli_centry_clear(&e);
	return -1;
}

/* ---- dispatch ---- */

static int reject(struct cli *c, const struct cli_tokens *t, const char *reason)
{
	cli_set_err(c, CLI_ERR_REJECTED, t->n ? t->start[0] + 1 : 0, t->line,
		    reason);
	return -1;
}

static void make_ctx(struct cli *c, struct cli_ctx *ctx,
		     const struct cli_args *a, struct cli_out *out)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->cli = c;
	ctx->cmd = a->cmd;
	ctx->depth = c->depth > 1 ? c->depth - 1 : 0;
	ctx->path = &c->stack[2];
	ctx->view = c->stack[c->depth].view;
	ctx->out = out;
}

static int run_action(struct cli *c, const struct cli_tokens *t,
		      const struct cli_args *a, struct cli_out *out)
{
	struct cli_ctx ctx;

	make_ctx(c, &ctx, a, out);
	if (a->cmd->def.apply(&ctx, a) == 0)
		return 0;
	if (ctx.err_set)
		return -1;
	return reject(c, t, ctx.failed ? ctx.reason : "the command failed");
}

static int push_view(struct cli *c, const struct cli_args *a)
{
	const char *key = cli_args_key(a);

	c->depth++;
	c->stack[c->depth].view = a->cmd->enter_view;
	snprintf(c->stack[c->depth].key, CLI_KEY_MAX, "%s", key);
	return 0;
}

static int run_config(struct cli *c, const struct cli_tokens *t,
		      const struct cli_args *a, struct cli_out *out)
{
	const struct cli_rcmd *rc = a->cmd;
	bool enter = (rc->def.flags & CLI_ENTER) && !a->undo;
	struct cli_ctx ctx;

	if (enter && c->depth + 1 >= CLI_MAX_DEPTH + 2)
		return reject(c, t, "views nested too deep");
	if (enter && strlen(cli_args_key(a)) >= CLI_KEY_MAX)
		return reject(c, t, "the name is too long");
	make_ctx(c, &ctx, a, out);
	if (rc->def.check && !c->preload && rc->def.check(&ctx, a) != 0)
		return reject(c, t, ctx.failed ? ctx.reason : "refused");
	if (cand_add(c, a, t->start[0] + 1) < 0)
		return reject(c, t, "out of memory");
	/* Immediate: a failure is about this line (CLI_ERR_REJECTED). */
	if ((c->immediate || c->imm_session || c->preload) &&
	    cli_commit_run(c, out, !c->preload, true) < 0)
		return -1;
	return enter ? push_view(c, a) : 0;
}

static int parse_line(struct cli *c, const struct cli_tokens *t,
		      struct cli_match *m, struct cli_perr *pe)
{
	int view = c->stack[c->depth].view, first = 0, u;
	struct cli_perr best;

	u = cli_match_undo_word(c->reg, view, t, pe);
	if (u < 0)
		return -1;
	first = u;
	if (cli_match(c->reg, &c->scratch, view, t, first, u, -1, m, pe) == 0)
		return 0;
	if (!c->rollback || u || pe->code == CLI_ERR_AMBIGUOUS ||
	    pe->code == CLI_ERR_STATE || c->depth < 2)
		return -1;
	/* Intelligent rollback: try the enclosing views, nearest first. */
	best = *pe;
	for (int d = c->depth - 1; d >= 1; d--) {
		if (cli_match(c->reg, &c->scratch, c->stack[d].view, t, 0,
			      false, -1, m, pe) == 0) {
			cli_leave_to(c, d);
			return 0;
		}
		if (pe->tok > best.tok)
			best = *pe;
	}
	*pe = best;
	return -1;
}

static int run_help(struct cli *c, struct cli_tokens *t, struct cli_out *out,
		    struct cli_perr *pe)
{
	int view = c->stack[c->depth].view, u = 0;
	char *last = (char *)t->tok[t->n - 1];

	/* "dis?" lists keywords starting "dis"; "display ?" what follows. */
	last[strlen(last) - 1] = '\0';
	t->n--;
	if (t->n > 0 && (u = cli_match_undo_word(c->reg, view, t, pe)) < 0)
		return -1;
	return cli_help(c->reg, &c->scratch, view, t, u, u,
			last[0] ? last : NULL, out, pe);
}

static int exec_tokens(struct cli *c, struct cli_tokens *t, struct cli_out *out)
{
	struct cli_match m;
	struct cli_perr pe;
	struct cli_args a;
	int rc = 0;

	if (t->tok[t->n - 1][strlen(t->tok[t->n - 1]) - 1] == '?') {
		if (run_help(c, t, out, &pe) == 0)
			return 0;
		goto perr;
	}
	if (parse_line(c, t, &m, &pe) < 0)
		goto perr;
	for (int i = 0; i < m.n && rc == 0; i++) {
		if (cli_args_build(c->reg, &c->scratch, &m.th[i], t, m.undo,
				   &a) < 0)
			return reject(c, t, "the line has too many parts");
		if (a.cmd->def.flags & CLI_ACTION)
			rc = run_action(c, t, &a, out);
		else
			rc = run_config(c, t, &a, out);
	}
	return rc;
perr:
	cli_set_err(c, pe.code, pe.col + 1, t->line, pe.reason);
	return -1;
}

int cli_exec(struct cli *c, const char *line, struct cli_out *out)
{
	struct cli_tokens t;
	struct cli_perr pe;
	size_t plen;
	const char *p = line;
	int rc;

	if (c->busy) {
		cli_set_err(c, CLI_ERR_STATE, 0, line ? line : "",
			    "cli_exec called from a command handler");
		return -1;
	}
	memset(&c->err, 0, sizeof(c->err));
	if (!line)
		return 0;
	cli_prompt(c);
	plen = strlen(c->prompt);
	if (out && out->echo)
		cli_out_printf(out, "%s%s\n", c->prompt, line);
	while (*p == ' ' || *p == '\t')
		p++;
	/*
	 * In displayed configuration, a "#" indented by k blanks closes the
	 * blocks deeper than level k: loading goes back to that view.
	 */
	if (c->preload && p[0] == '#' &&
	    strspn(p + 1, " \t\r\n") == strlen(p + 1)) {
		if ((int)(p - line) + 1 < c->depth && c->depth > 1)
			cli_leave_to(c, (int)(p - line) + 1);
		return 0;
	}
	if (!*p || *p == '#' || *p == '!' || *p == '\r' || *p == '\n')
		return 0;
	if (strlen(line) > CLI_LINE_MAX) {
		cli_set_err(c, CLI_ERR_TOO_LONG, 0, "", "");
		snprintf(c->err.reason, sizeof(c->err.reason),
			 "more than %d characters", CLI_LINE_MAX);
		print_err(c, plen, out);
		return -1;
	}
	if (cli_tokenize(line, &t, &pe) < 0) {
		cli_set_err(c, pe.code, pe.col + 1, line, pe.reason);
		print_err(c, plen, out);
		return -1;
	}
	if (t.n == 0)
		return 0;
	c->busy = true;
	rc = exec_tokens(c, &t, out);
	c->busy = false;
	if (rc < 0 && c->err.code != CLI_ERR_COMMIT)
		print_err(c, plen, out);
	return rc;
}
