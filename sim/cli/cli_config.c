/*
 * Running configuration and commit. The running configuration is a tree of
 * view instances (system view at the root; "interface GigabitEthernet0/1/0"
 * or "remote-backup-service rbs1" below it), each holding its canonical
 * lines and child instances in the order they were first configured.
 * Commit replays the candidate in order: each line is parsed again from its
 * canonical text, skipped when it would change nothing, handed to its
 * module's apply handler, then merged by the identity rules of README.md
 * (replacement by key tokens, undo by prefix). The first refusal stops the
 * commit and discards what was not applied. Also renders
 * "display current-configuration", "display this" and the candidate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli_impl.h"

struct cli_rnode *cli_rnode_new(int view, const char *key)
{
	struct cli_rnode *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->view = view;
	n->key = strdup(key ? key : "");
	if (!n->key) {
		free(n);
		return NULL;
	}
	return n;
}

static void item_clear(struct cli_item *it)
{
	free(it->text);
	cli_rnode_free(it->child);
	it->text = NULL;
	it->child = NULL;
}

void cli_rnode_free(struct cli_rnode *n)
{
	if (!n)
		return;
	for (int i = 0; i < n->n; i++)
		item_clear(&n->items[i]);
	free(n->items);
	free(n->key);
	free(n);
}

static int find_child(const struct cli_rnode *n, int view, const char *key)
{
	for (int i = 0; i < n->n; i++) {
		const struct cli_rnode *c = n->items[i].child;

		if (c && c->view == view && !strcmp(c->key, key))
			return i;
	}
	return -1;
}

struct cli_rnode *cli_rnode_find(struct cli_rnode *root,
				 const struct cli_level *path, int depth)
{
	struct cli_rnode *n = root;

	for (int d = 0; d < depth && n; d++) {
		int i = find_child(n, path[d].view, path[d].key);

		n = i < 0 ? NULL : n->items[i].child;
	}
	return n;
}

static void remove_item(struct cli_rnode *n, int i)
{
	item_clear(&n->items[i]);
	memmove(&n->items[i], &n->items[i + 1],
		(size_t)(n->n - i - 1) * sizeof(n->items[0]));
	n->n--;
}

static int append_item(struct cli_rnode *n, int cmd, const char *text,
		       struct cli_rnode *child)
{
	char *t;

	if (n->n == n->cap) {
		int cap = n->cap ? 2 * n->cap : 8;
		void *p = realloc(n->items, (size_t)cap * sizeof(n->items[0]));

		if (!p)
			return -1;
		n->items = p;
		n->cap = cap;
	}
	t = strdup(text);
	if (!t)
		return -1;
	n->items[n->n++] = (struct cli_item){ cmd, t, child };
	return 0;
}

/* ---- identity (README.md "Line identity") ---- */

static int count_tokens(const char *s)
{
	int n = 0;

	for (const char *p = s; *p; p++) {
		if (*p != ' ' && (p == s || p[-1] == ' '))
			n++;
	}
	return n;
}

/* Byte length of the first m tokens of s (all of s if it has fewer). */
static size_t tokens_len(const char *s, int m)
{
	const char *p = s;

	for (int k = 0; *p && k < m; k++) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;
	}
	return (size_t)(p - s);
}

static bool prefix_eq(const char *a, const char *b, int m)
{
	size_t la = tokens_len(a, m), lb = tokens_len(b, m);

	return la == lb && !strncmp(a, b, la) &&
	       (a[la] == '\0' || a[la] == ' ') &&
	       (b[lb] == '\0' || b[lb] == ' ');
}

/* A stored "undo X" of an UNDO_KEEP command is identified by X. */
static const char *ident_text(const struct cli_registry *reg,
			      const struct cli_item *it)
{
	if ((reg->cmds[it->cmd].def.flags & CLI_UNDO_KEEP) &&
	    !strncmp(it->text, "undo ", 5))
		return it->text + 5;
	return it->text;
}

static bool same_identity(const struct cli_registry *reg,
			  const struct cli_item *it, int cmd, const char *text)
{
	int k = reg->cmds[cmd].def.key_tokens;
	const char *id;

	if (it->child || it->cmd != cmd)
		return false;
	id = ident_text(reg, it);
	if (k == 0)
		return !strcmp(id, text);
	return prefix_eq(id, text, k);
}

static void full_text(const struct cli_centry *e, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", e->undo ? "undo " : "", e->text);
}

bool cli_entry_is_noop(const struct cli *c, const struct cli_rnode *node,
		       const struct cli_centry *e, const struct cli_args *a)
{
	const struct cli_rcmd *rc = &c->reg->cmds[e->cmd];
	char full[2 * CLI_LINE_MAX + 8];

	if (e->undo && !(rc->def.flags & CLI_UNDO_KEEP))
		return false;
	if (rc->def.flags & CLI_ENTER) {
		int i = find_child(node, rc->enter_view, cli_args_key(a));

		return i >= 0 && !strcmp(node->items[i].text, e->text);
	}
	full_text(e, full, sizeof(full));
	for (int i = 0; i < node->n; i++) {
		if (same_identity(c->reg, &node->items[i], e->cmd, e->text) &&
		    !strcmp(node->items[i].text, full))
			return true;
	}
	return false;
}

static int update_enter(struct cli *c, struct cli_rnode *node,
			const struct cli_centry *e, const struct cli_args *a)
{
	const struct cli_rcmd *rc = &c->reg->cmds[e->cmd];
	int i = find_child(node, rc->enter_view, cli_args_key(a));
	struct cli_rnode *child;
	char *t;

	if (e->undo) {
		if (i >= 0)
			remove_item(node, i);
		return 0;
	}
	if (i >= 0) {
		t = strdup(e->text);
		if (!t)
			return -1;
		free(node->items[i].text);
		node->items[i].text = t;
		node->items[i].cmd = e->cmd;
		return 0;
	}
	child = cli_rnode_new(rc->enter_view, cli_args_key(a));
	if (!child || append_item(node, e->cmd, e->text, child) < 0) {
		cli_rnode_free(child);
		return -1;
	}
	return 0;
}

/* undo X: remove lines whose first m tokens are X's (m capped by key). */
static void update_undo(struct cli *c, struct cli_rnode *node,
			const struct cli_centry *e)
{
	const struct cli_rcmd *rc = &c->reg->cmds[e->cmd];
	int k = rc->def.key_tokens, m = count_tokens(e->text);
	bool any_cmd = rc->def.flags & CLI_UNDO_ONLY;

	if (k > 0 && k < m)
		m = k;
	for (int i = 0; i < node->n;) {
		const struct cli_item *it = &node->items[i];

		if (!it->child && (any_cmd || it->cmd == e->cmd) &&
		    count_tokens(it->text) >= m &&
		    prefix_eq(it->text, e->text, m))
			remove_item(node, i);
		else
			i++;
	}
}

int cli_running_update(struct cli *c, struct cli_rnode *node,
		       const struct cli_centry *e, const struct cli_args *a)
{
	const struct cli_rcmd *rc = &c->reg->cmds[e->cmd];
	char full[2 * CLI_LINE_MAX + 8];
	int first = -1;

	if (rc->def.flags & CLI_ENTER)
		return update_enter(c, node, e, a);
	if (e->undo && !(rc->def.flags & CLI_UNDO_KEEP)) {
		update_undo(c, node, e);
		return 0;
	}
	full_text(e, full, sizeof(full));
	for (int i = 0; i < node->n;) {
		if (!same_identity(c->reg, &node->items[i], e->cmd, e->text)) {
			i++;
		} else if (first < 0) {
			char *t = strdup(full);

			if (!t)
				return -1;
			free(node->items[i].text);
			node->items[i].text = t;
			first = i++;
		} else {
			remove_item(node, i);
		}
	}
	return first >= 0 ? 0 : append_item(node, e->cmd, full, NULL);
}

/* ---- commit ---- */

void cli_centry_clear(struct cli_centry *e)
{
	free(e->text);
	free(e->path);
	e->text = NULL;
	e->path = NULL;
}

static int commit_entry(struct cli *c, const struct cli_centry *e,
			struct cli_out *out, bool call, char *why, size_t wlen)
{
	const struct cli_rcmd *rc = &c->reg->cmds[e->cmd];
	int view = e->depth ? e->path[e->depth - 1].view : CLI_V_SYSTEM;
	struct cli_rnode *node = cli_rnode_find(c->root, e->path, e->depth);
	struct cli_tokens t;
	struct cli_match m;
	struct cli_perr pe;
	struct cli_args a;
	struct cli_ctx ctx = { .cli = c,
			       .cmd = rc,
			       .depth = e->depth,
			       .path = e->path,
			       .view = view,
			       .out = out };

	if (!node) {
		snprintf(why, wlen, "the %s view instance '%s' does not exist",
			 cli_view_name(c->reg, view),
			 e->depth ? e->path[e->depth - 1].key : "");
		return -1;
	}
	if (cli_tokenize(e->text, &t, &pe) < 0 ||
	    cli_match(c->reg, &c->scratch, view, &t, 0, e->undo, e->cmd, &m,
		      &pe) < 0 ||
	    cli_args_build(c->reg, &c->scratch, &m.th[0], &t, e->undo, &a) <
		    0) {
		snprintf(why, wlen, "stored line no longer parses");
		return -1;
	}
	if (cli_entry_is_noop(c, node, e, &a))
		return 0;
	if ((call || rc->builtin) && rc->def.apply &&
	    rc->def.apply(&ctx, &a) != 0) {
		snprintf(why, wlen, "%s",
			 ctx.failed ? ctx.reason : "refused by its module");
		return -1;
	}
	if (cli_running_update(c, node, e, &a) < 0) {
		snprintf(why, wlen, "out of memory");
		return -1;
	}
	return 0;
}

static void commit_failed(struct cli *c, const struct cli_centry *e,
			  size_t applied, size_t dropped, const char *why,
			  struct cli_out *out, bool immediate)
{
	char full[2 * CLI_LINE_MAX + 8];
	struct cli_err *err = &c->err;
	int ind = e->col > 1 && e->col < 64 ? e->col - 1 : 0;

	/* Indent the canonical text as the line was typed, so the caret at
	 * e->col stands under its first word. */
	memset(full, ' ', (size_t)ind);
	full_text(e, full + ind, sizeof(full) - (size_t)ind);
	if (immediate) {
		cli_set_err(c, CLI_ERR_REJECTED, e->col, full, why);
	} else {
		cli_set_err(c, CLI_ERR_COMMIT, e->col, full, "");
		snprintf(err->msg, sizeof(err->msg),
			 "Error: Commit failed at '%.*s'.",
			 (int)(sizeof(err->msg) - 40), full + ind);
		snprintf(err->reason, sizeof(err->reason),
			 "%.80s; %zu line(s) before it were applied, the %zu "
			 "line(s) not applied were discarded",
			 why, applied, dropped);
	}
	err->source[0] = '\0';
	err->line = 0;
	if (e->src >= 0 && e->src < c->nsources) {
		snprintf(err->source, sizeof(err->source), "%s",
			 c->sources[e->src]);
		err->line = e->line;
	}
	if (!immediate)
		cli_out_printf(out, "%s (%s)\n", err->msg, err->reason);
}

int cli_commit_run(struct cli *c, struct cli_out *out, bool call_handlers,
		   bool immediate)
{
	char why[CLI_REASON_MAX];
	size_t i;
	int rc = 0;

	for (i = 0; i < c->ncand; i++) {
		if (commit_entry(c, &c->cand[i], out, call_handlers, why,
				 sizeof(why)) < 0) {
			commit_failed(c, &c->cand[i], i, c->ncand - i, why, out,
				      immediate);
			rc = -1;
			break;
		}
	}
	for (i = 0; i < c->ncand; i++)
		cli_centry_clear(&c->cand[i]);
	c->ncand = 0;
	return rc;
}

/* ---- rendering ---- */

static void render_block(const struct cli_rnode *n, int depth,
			 struct cli_out *out)
{
	for (int i = 0; i < n->n; i++) {
		if (!n->items[i].child)
			cli_out_printf(out, "%*s%s\n", depth, "",
				       n->items[i].text);
	}
	for (int i = 0; i < n->n; i++) {
		if (!n->items[i].child)
			continue;
		cli_out_printf(out, "%*s#\n%*s%s\n", depth, "", depth, "",
			       n->items[i].text);
		render_block(n->items[i].child, depth + 1, out);
	}
}

void cli_render_running(const struct cli *c, const struct cli_rnode *node,
			int depth, struct cli_out *out)
{
	int prev = -1;

	(void)c;
	if (depth > 0) {
		render_block(node, depth, out);
		return;
	}
	for (int i = 0; i < node->n; i++) {
		const struct cli_item *it = &node->items[i];

		if (it->child) {
			cli_out_printf(out, "#\n%s\n", it->text);
			render_block(it->child, 1, out);
			prev = -1;
			continue;
		}
		if (it->cmd != prev)
			cli_out_printf(out, "#\n");
		cli_out_printf(out, "%s\n", it->text);
		prev = it->cmd;
	}
	cli_out_printf(out, "#\nreturn\n");
}

void cli_render_candidate(const struct cli *c, struct cli_out *out)
{
	char p[sizeof(c->prompt)];

	for (size_t i = 0; i < c->ncand; i++) {
		const struct cli_centry *e = &c->cand[i];
		int d = e->depth;

		cli_fmt_prompt(c, d ? e->path[d - 1].view : CLI_V_SYSTEM,
			       d ? e->path[d - 1].key : "", 0, p, sizeof(p));
		cli_out_printf(out, "%s %s%s\n", p, e->undo ? "undo " : "",
			       e->text);
	}
}
