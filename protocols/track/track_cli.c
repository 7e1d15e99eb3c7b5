/*
 * VRP commands of interface monitoring groups: `monitor-group NAME` (the
 * monitor-group view; undo deletes the group), in that view `monitor
 * enable` and `binding interface IF` (both with undo), and `display
 * monitor-group [NAME]`. A vendor feature (Huawei VRP); no RFC applies.
 */
#include "protocols/track/track_int.h"

#include <stdio.h>
#include <string.h>

#define MG_VIEW "monitor-group"

static struct track_inst *ctx_inst(struct cli_ctx *ctx)
{
	return track_inst(cli_ctx_owner(ctx));
}

static struct track_mg *ctx_mg(struct cli_ctx *ctx)
{
	struct track_inst *t = ctx_inst(ctx);
	const char *name = cli_ctx_key(ctx, MG_VIEW);
	struct track_mg *g = track_mg_find(t, name);

	if (!g)
		cli_error(ctx, "The monitor group %s does not exist.",
			  name ? name : "?");
	return g;
}

static int do_group(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct track_inst *t = ctx_inst(ctx);
	const char *name = cli_arg_str(a, "name");
	struct track_mg *g = track_mg_find(t, name);

	if (!t)
		return cli_error(ctx, "Monitor groups are not available on "
				      "this router.");
	if (cli_args_undo(a)) {
		if (!g)
			return cli_error(ctx,
					 "The monitor group %s does not "
					 "exist.",
					 name);
		track_mg_del(t, g);
		return 0;
	}
	if (g)
		return 0;
	if (t->nmg >= TRACK_MG_MAX)
		return cli_error(ctx,
				 "At most %d monitor groups can be "
				 "created.",
				 TRACK_MG_MAX);
	if (!track_mg_add(t, name))
		return cli_error(ctx, "Out of memory.");
	return 0;
}

static int do_enable(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct track_mg *g = ctx_mg(ctx);

	if (!g)
		return -1;
	track_mg_enable(ctx_inst(ctx), g, !cli_args_undo(a));
	return 0;
}

static int do_binding(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct track_mg *g = ctx_mg(ctx);
	const char *name = cli_arg_str(a, "if");
	struct node_iface *ifp =
		node_iface_find(router_node(cli_ctx_owner(ctx)), name);
	char why[CLI_REASON_MAX];

	if (!g)
		return -1;
	if (!ifp)
		return cli_error(ctx, "The interface %s does not exist.", name);
	if (cli_args_undo(a)) {
		if (track_mg_unbind(ctx_inst(ctx), g, ifp) != 0)
			return cli_error(ctx,
					 "The interface %s is not bound to "
					 "monitor group %s.",
					 ifp->name, g->name);
		return 0;
	}
	if (track_mg_bind(ctx_inst(ctx), g, ifp, why, sizeof(why)) != 0)
		return cli_error(ctx, "%s", why);
	return 0;
}

/* ---- display ---- */

static void show_group(struct cli_ctx *ctx, struct track_inst *t,
		       const struct track_mg *g)
{
	cli_printf(ctx, "Monitor group : %s\n", g->name);
	cli_printf(ctx, "  State                : %s\n",
		   g->enabled ? "enabled" : "disabled");
	cli_printf(ctx, "  Down ratio           : %u%%\n", g->pct);
	cli_printf(ctx, "  Interfaces up/total  : %u/%u\n", g->up, g->nbind);
	if (!g->nbind)
		return;
	cli_printf(ctx, "  %-34s%s\n", "Interface", "State");
	for (unsigned i = 0; i < g->nbind; i++) {
		const struct node_iface *ifp = track_mg_iface(t, g, i);

		if (ifp)
			cli_printf(ctx, "  %-34s%s\n", ifp->name,
				   ifp->oper_up ? "UP" : "DOWN");
	}
}

static int disp_groups(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct track_inst *t = ctx_inst(ctx);
	const char *only = cli_arg_str(a, "name");
	unsigned shown = 0;

	if (!t)
		return 0;
	if (only && !track_mg_find(t, only))
		return cli_error(ctx, "The monitor group %s does not exist.",
				 only);
	for (unsigned i = 0; i < t->nmg; i++) {
		if (only && strcmp(only, t->mg[i]->name))
			continue;
		if (shown++)
			cli_printf(ctx, "\n");
		show_group(ctx, t, t->mg[i]);
	}
	if (!shown)
		cli_printf(ctx, "Info: No monitor group exists.\n");
	return 0;
}

static const struct cli_view_def track_views[] = {
	{ .name = MG_VIEW, .prompt = "monitor-group-%s" },
};

static const struct cli_cmd track_cmds[] = {
	{ .pattern = "monitor-group <name:word:1-31>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = MG_VIEW,
	  .key_param = "name",
	  .apply = do_group,
	  .help = "Create an interface monitoring group" },
	{ .view = MG_VIEW,
	  .pattern = "monitor enable",
	  .flags = CLI_UNDO,
	  .apply = do_enable,
	  .help = "Enable monitoring of the group's interfaces" },
	{ .view = MG_VIEW,
	  .pattern = "binding interface <if:iface>",
	  .flags = CLI_UNDO,
	  .apply = do_binding,
	  .help = "Add an interface to the monitoring group" },
	{ .pattern = "display monitor-group [ <name:word:1-31> ]",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = disp_groups,
	  .help = "Interface monitoring groups and their down ratio" },
};

int track_cli_register(struct cli_registry *reg)
{
	if (cli_registry_add_view(reg, &track_views[0]) != 0)
		return -1;
	return cli_registry_add_table(
		reg, track_cmds, sizeof(track_cmds) / sizeof(track_cmds[0]));
}
