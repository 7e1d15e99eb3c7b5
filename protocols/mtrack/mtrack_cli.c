/*
 * VRP commands of multicast track, in the interface view:
 *   multicast track admin-vrrp interface IF vrid N
 *   multicast track vrrp vrid N
 *   multicast ipv6 track admin-vrrp6 interface IF vrid N
 *   multicast ipv6 track vrrp6 vrid N
 * each with an undo form (`undo multicast track admin-vrrp` and so on,
 * optionally followed by the rest of the line, which must then name the
 * group bound), and `display multicast [ipv6] track [interface IF]`,
 * a failsim display (no public VRP one) of the bindings and their gates.
 * A vendor feature (Huawei VRP); no RFC applies.
 */
#include "protocols/mtrack/mtrack_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define IFV "interface"

/* What a command line binds: cli_cmd.data. */
struct mtrack_form {
	enum net_af af;
	enum mtrack_kind kind;
};

static const struct mtrack_form forms[] = {
	{ NET_AF_IP4, MTRACK_ADMIN },
	{ NET_AF_IP4, MTRACK_VRRP },
	{ NET_AF_IP6, MTRACK_ADMIN },
	{ NET_AF_IP6, MTRACK_VRRP },
};

static struct node_iface *find_iface(struct cli_ctx *ctx, const char *name)
{
	struct node_iface *ifp =
		name ? node_iface_find(router_node(cli_ctx_owner(ctx)), name)
		     : NULL;

	if (!ifp)
		cli_error(ctx, "The interface %s does not exist.",
			  name ? name : "?");
	return ifp;
}

/* The full undo form must name the group bound. */
static int do_undo(struct cli_ctx *ctx, const struct cli_args *a,
		   struct mtrack_inst *m, struct node_iface *ifp,
		   const struct mtrack_form *f, const char *vifname)
{
	struct mtrack_bind *b = mtrack_find(m, ifp->ifindex, f->af);
	const char *kind = mtrack_kind_name(f->kind, f->af);

	if (!b || b->kind != f->kind)
		return cli_error(ctx, "The interface has no %s binding.", kind);
	if (cli_arg_has(a, "vrid") &&
	    (b->vrid != cli_arg_int(a, "vrid") || strcmp(b->vifname, vifname)))
		return cli_error(ctx,
				 "The interface is bound to %s vrid %u of "
				 "%s.",
				 kind, b->vrid, b->vifname);
	mtrack_unbind(m, b);
	return 0;
}

static int do_bind(struct cli_ctx *ctx, const struct cli_args *a)
{
	const struct mtrack_form *f = cli_ctx_data(ctx);
	struct mtrack_inst *m = mtrack_inst(cli_ctx_owner(ctx));
	struct node_iface *ifp, *vifp = NULL;
	char why[CLI_REASON_MAX];

	if (!m)
		return cli_error(ctx, "Multicast track is not available on "
				      "this router.");
	ifp = find_iface(ctx, cli_ctx_key(ctx, IFV));
	if (!ifp)
		return -1;
	if (ifp->loopback)
		return cli_error(ctx, "A loopback interface forwards no "
				      "multicast.");
	if (f->kind == MTRACK_VRRP)
		vifp = ifp;
	else if (cli_arg_has(a, "if") &&
		 !(vifp = find_iface(ctx, cli_arg_str(a, "if"))))
		return -1;
	if (cli_args_undo(a))
		return do_undo(ctx, a, m, ifp, f, vifp ? vifp->name : "");
	if (!vifp)
		return cli_error(ctx, "No interface names the mVRRP group.");
	if (mtrack_bind(m, ifp, f->af, f->kind, vifp->name,
			(uint8_t)cli_arg_int(a, "vrid"), why, sizeof(why)) != 0)
		return cli_error(ctx, "%s", why);
	return 0;
}

/* ---- display ---- */

static void show(struct cli_ctx *ctx, const struct mtrack_bind *b)
{
	struct mtrack_info in;

	mtrack_info_of(b, &in);
	cli_printf(ctx, " Interface        : %s\n", in.ifname);
	if (in.kind == MTRACK_ADMIN)
		cli_printf(ctx, " Track            : %s interface %s vrid %u\n",
			   mtrack_kind_name(in.kind, b->af), in.vifname,
			   in.vrid);
	else
		cli_printf(ctx, " Track            : %s vrid %u\n",
			   mtrack_kind_name(in.kind, b->af), in.vrid);
	cli_printf(ctx, " VRRP state       : %s\n", vrrp_state_name(in.state));
	cli_printf(ctx, " Multicast        : %s\n",
		   in.open ? "forwarding" : "blocked");
	cli_printf(ctx,
		   " Gate changes     : %" PRIu64 " open, %" PRIu64
		   " close, last at %" PRId64 ".%09" PRId64 " s\n",
		   in.opens, in.closes, in.changed / SIM_S(1),
		   in.changed % SIM_S(1));
}

static int disp(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct mtrack_inst *m = mtrack_inst(cli_ctx_owner(ctx));
	enum net_af af = cli_arg_has(a, "ipv6") ? NET_AF_IP6 : NET_AF_IP4;
	struct node_iface *only = NULL;
	unsigned shown = 0, n = mtrack_count(m, af);

	if (cli_arg_has(a, "if") &&
	    !(only = find_iface(ctx, cli_arg_str(a, "if"))))
		return -1;
	cli_printf(ctx, "Multicast track (%s): %u binding%s\n",
		   af == NET_AF_IP6 ? "IPv6" : "IPv4", n, n == 1 ? "" : "s");
	for (size_t i = 0; m && i < m->n; i++) {
		const struct mtrack_bind *b = m->b[i];

		if (b->af != af || (only && b->ifindex != only->ifindex))
			continue;
		cli_printf(ctx, "\n");
		show(ctx, b);
		shown++;
	}
	if (!shown && only)
		cli_printf(ctx, "Info: %s has no multicast track binding.\n",
			   only->name);
	return 0;
}

static const struct cli_cmd mtrack_cmds[] = {
	{ .view = IFV,
	  .pattern = "multicast track admin-vrrp interface <if:iface> "
		     "vrid <vrid:int:1-255>",
	  .flags = CLI_UNDO,
	  .key_tokens = 3,
	  .undo_tokens = 3,
	  .apply = do_bind,
	  .help = "Forward multicast only while an mVRRP group is Master",
	  .data = &forms[0] },
	{ .view = IFV,
	  .pattern = "multicast track vrrp vrid <vrid:int:1-255>",
	  .flags = CLI_UNDO,
	  .key_tokens = 3,
	  .undo_tokens = 3,
	  .apply = do_bind,
	  .help = "Forward multicast only while a VRRP group is Master",
	  .data = &forms[1] },
	{ .view = IFV,
	  .pattern = "multicast ipv6 track admin-vrrp6 interface <if:iface> "
		     "vrid <vrid:int:1-255>",
	  .flags = CLI_UNDO,
	  .key_tokens = 4,
	  .undo_tokens = 4,
	  .apply = do_bind,
	  .help = "Forward IPv6 multicast only while an mVRRP6 group is "
		  "Master",
	  .data = &forms[2] },
	{ .view = IFV,
	  .pattern = "multicast ipv6 track vrrp6 vrid <vrid:int:1-255>",
	  .flags = CLI_UNDO,
	  .key_tokens = 4,
	  .undo_tokens = 4,
	  .apply = do_bind,
	  .help = "Forward IPv6 multicast only while a VRRP6 group is Master",
	  .data = &forms[3] },
	{ .pattern = "display multicast [ ipv6 ] track "
		     "[ interface <if:iface> ]",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = disp,
	  .help = "Multicast service interfaces bound to VRRP groups" },
};

int mtrack_cli_register(struct cli_registry *reg)
{
	return cli_registry_add_table(
		reg, mtrack_cmds, sizeof(mtrack_cmds) / sizeof(mtrack_cmds[0]));
}
