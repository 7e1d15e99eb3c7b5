/*
 * Commands the engine provides itself, registered like any module's:
 * system-view, quit, return, commit, abort, sysname, display
 * current-configuration, display this and display configuration candidate.
 */
#include <stdio.h>
#include <string.h>

#include "sim/cli/cli_impl.h"

static void warn_uncommitted(struct cli_ctx *ctx)
{
	struct cli *c = ctx->cli;

	if (c->ncand)
		cli_printf(ctx,
			   "Warning: %zu uncommitted line(s) stay in the "
			   "candidate; \"commit\" applies them, \"abort\" "
			   "drops them.\n",
			   c->ncand);
}

static int do_system_view(struct cli_ctx *ctx, const struct cli_args *a)
{
	cli_leave_to(ctx->cli, 1);
	ctx->cli->imm_session = cli_arg_has(a, "immediately");
	return 0;
}

static int do_quit(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli *c = ctx->cli;

	(void)a;
	if (c->depth == 1)
		warn_uncommitted(ctx);
	if (c->depth > 0)
		cli_leave_to(c, c->depth - 1);
	return 0;
}

static int do_return(struct cli_ctx *ctx, const struct cli_args *a)
{
	(void)a;
	warn_uncommitted(ctx);
	cli_leave_to(ctx->cli, 0);
	return 0;
}

static int do_commit(struct cli_ctx *ctx, const struct cli_args *a)
{
	(void)a;
	if (cli_commit_run(ctx->cli, ctx->out, true, false) == 0)
		return 0;
	ctx->err_set = true;
	return -1;
}

static int do_abort(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli *c = ctx->cli;

	(void)a;
	for (size_t i = 0; i < c->ncand; i++)
		cli_centry_clear(&c->cand[i]);
	c->ncand = 0;
	cli_leave_to(c, 0);
	return 0;
}

static int do_sysname(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli *c = ctx->cli;

	snprintf(c->sysname, sizeof(c->sysname), "%s",
		 cli_args_undo(a) ? c->sysname0 : cli_arg_str(a, "name"));
	return 0;
}

static int do_display_cur(struct cli_ctx *ctx, const struct cli_args *a)
{
	(void)a;
	cli_show_running(ctx->cli, ctx->out);
	return 0;
}

/* The current instance's block, or the system view's own lines. */
static int do_display_this(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli *c = ctx->cli;
	int depth = c->depth > 1 ? c->depth - 1 : 0;
	const struct cli_level *path = &c->stack[2];
	struct cli_rnode *parent, *node;

	(void)a;
	if (depth == 0) {
		for (int i = 0; i < c->root->n; i++) {
			if (!c->root->items[i].child)
				cli_printf(ctx, "#\n%s\n",
					   c->root->items[i].text);
		}
		cli_printf(ctx, "#\nreturn\n");
		return 0;
	}
	parent = cli_rnode_find(c->root, path, depth - 1);
	node = cli_rnode_find(c->root, path, depth);
	cli_printf(ctx, "#\n");
	for (int i = 0; parent && node && i < parent->n; i++) {
		if (parent->items[i].child == node) {
			cli_printf(ctx, "%*s%s\n", depth - 1, "",
				   parent->items[i].text);
			cli_render_running(c, node, depth, ctx->out);
		}
	}
	cli_printf(ctx, "#\nreturn\n");
	return 0;
}

static int do_display_cand(struct cli_ctx *ctx, const struct cli_args *a)
{
	(void)a;
	cli_render_candidate(ctx->cli, ctx->out);
	return 0;
}

static const struct cli_cmd builtin_cmds[] = {
	{ .view = CLI_VIEW_USER,
	  .pattern = "system-view [ immediately ]",
	  .flags = CLI_ACTION,
	  .apply = do_system_view,
	  .help = "Enter the system view" },
	{ .pattern = "quit",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = do_quit,
	  .help = "Leave the current view" },
	{ .pattern = "return",
	  .flags = CLI_ACTION | CLI_SUBVIEWS,
	  .apply = do_return,
	  .help = "Return to the user view" },
	{ .pattern = "commit",
	  .flags = CLI_ACTION | CLI_SUBVIEWS,
	  .apply = do_commit,
	  .help = "Apply the candidate configuration" },
	{ .pattern = "abort",
	  .flags = CLI_ACTION | CLI_SUBVIEWS,
	  .apply = do_abort,
	  .help = "Drop the candidate and return to the user view" },
	{ .pattern = "sysname <name:word:1-64>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .apply = do_sysname,
	  .help = "Set the device name" },
	{ .pattern = "display current-configuration",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = do_display_cur,
	  .help = "Show the running configuration" },
	{ .pattern = "display this",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = do_display_this,
	  .help = "Show the configuration of the current view" },
	{ .pattern = "display configuration candidate",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = do_display_cand,
	  .help = "Show the uncommitted lines" },
};

int cli_builtin_register(struct cli_registry *reg)
{
	int first = reg->ncmds;
	size_t n = sizeof(builtin_cmds) / sizeof(builtin_cmds[0]);

	if (cli_registry_add_table(reg, builtin_cmds, n) < 0)
		return -1;
	for (int i = first; i < reg->ncmds; i++)
		reg->cmds[i].builtin = true;
	return 0;
}
