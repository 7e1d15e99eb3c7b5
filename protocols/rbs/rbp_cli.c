/*
 * VRP commands of remote backup profiles (Huawei VRP RBP; no RFC
 * applies):
 *   remote-backup-profile NAME            (system view, enters
 *                                         [~R1-rm-backup-profile-NAME])
 *    backup-id ID remote-backup-service S (ID 1-65535, one per router)
 *    peer-backup hot                      (hot backup, the default)
 *    vrrp-id N interface IF               (the VRRP group: the role)
 *    vrrp6-id N interface IF              (or a VRRP6 group)
 *    service-type { igmp | mld | multicast } (families; default: the
 *                                         VRRP group's)
 *    batch-backup now                     (at once: a batch, or a request)
 *   remote-backup-profile NAME            (interface view: bind)
 * each configuration line with an undo form (`undo backup-id`, `undo
 * vrrp-id`, ...). A profile follows one VRRP group: vrrp-id or vrrp6-id.
 * The display is in rbp_display.c.
 */
#include "protocols/rbs/rbp_int.h"

#include <stdio.h>
#include <string.h>

#define RBPV "remote-backup-profile"
#define IFV  "interface"

static const struct cli_view_def rbp_view = {
	.name = RBPV,
	.prompt = "rm-backup-profile-%s",
};

static struct rbp_inst *inst_of(struct cli_ctx *ctx)
{
	struct rbp_inst *in = rbp_inst(cli_ctx_owner(ctx));

	if (!in)
		cli_error(ctx, "Remote backup profiles are not available on "
			       "this router.");
	return in;
}

static struct rbp_profile *profile_of(struct cli_ctx *ctx)
{
	struct rbp_inst *in = inst_of(ctx);
	const char *name = cli_ctx_key(ctx, RBPV);
	struct rbp_profile *p = in ? rbp_find(in, name) : NULL;

	if (in && !p)
		cli_error(ctx, "The remote backup profile %s does not exist.",
			  name ? name : "?");
	return p;
}

static int do_profile(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbp_inst *in = inst_of(ctx);
	const char *name = cli_arg_str(a, "name");
	struct rbp_profile *p;
	char why[CLI_REASON_MAX];

	if (!in)
		return -1;
	p = rbp_find(in, name);
	if (cli_args_undo(a)) {
		if (!p)
			return cli_error(ctx,
					 "The remote backup profile %s does "
					 "not exist.",
					 name);
		if (rbp_profile_delete(p, why, sizeof(why)) != 0)
			return cli_error(ctx, "%s", why);
		return 0;
	}
	if (!p && !rbp_profile_new(in, name))
		return cli_error(ctx, "Out of memory.");
	return 0;
}

static int do_backup_id(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbp_profile *p = profile_of(ctx);
	uint32_t id = (uint32_t)cli_arg_int(a, "id");
	struct rbp_profile *other;

	if (!p)
		return -1;
	if (cli_args_undo(a)) {
		if (!p->backup_id)
			return cli_error(ctx, "No backup-id is configured.");
		if (cli_arg_has(a, "id") &&
		    (id != p->backup_id ||
		     strcmp(cli_arg_str(a, "rbs"), p->svc_name)))
			return cli_error(ctx, "The configured backup-id "
					      "differs.");
		rbp_set_backup_id(p, 0, NULL);
		return 0;
	}
	other = rbp_find_id(p->in, id);
	if (other && other != p)
		return cli_error(ctx,
				 "The backup-id %u is used by the remote "
				 "backup profile %s.",
				 id, other->name);
	rbp_set_backup_id(p, id, cli_arg_str(a, "rbs"));
	return 0;
}

static int do_hot(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbp_profile *p = profile_of(ctx);

	if (!p)
		return -1;
	p->hot = !cli_args_undo(a); /* hot either way: the only mode */
	return 0;
}

static int do_vrrp(struct cli_ctx *ctx, const struct cli_args *a)
{
	const enum net_af *af = cli_ctx_data(ctx);
	struct rbp_profile *p = profile_of(ctx);
	const char *cmd = *af == NET_AF_IP6 ? "vrrp6-id" : "vrrp-id";
	const char *ifname = cli_arg_str(a, "if");

	if (!p)
		return -1;
	if (cli_args_undo(a)) {
		if (p->vrrp_af != *af)
			return cli_error(ctx, "No %s is configured.", cmd);
		if (cli_arg_has(a, "vrid") &&
		    (p->vrid != cli_arg_int(a, "vrid") ||
		     strcmp(p->vrrp_if, ifname)))
			return cli_error(ctx, "The configured %s differs.",
					 cmd);
		rbp_set_vrrp(p, NET_AF_NONE, NULL, 0);
		return 0;
	}
	if (p->vrrp_af != NET_AF_NONE && p->vrrp_af != *af)
		return cli_error(ctx,
				 "The profile follows a %s group already; "
				 "run undo %s first.",
				 p->vrrp_af == NET_AF_IP6 ? "VRRP6" : "VRRP",
				 p->vrrp_af == NET_AF_IP6 ? "vrrp6-id"
							  : "vrrp-id");
	if (!node_iface_find(router_node(p->in->r), ifname))
		return cli_error(ctx, "The interface %s does not exist.",
				 ifname);
	if (rbp_set_vrrp(p, *af, ifname, (uint8_t)cli_arg_int(a, "vrid")) != 0)
		return cli_error(ctx, "VRRP groups cannot be followed on "
				      "this router.");
	return 0;
}

static int do_service_type(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbp_profile *p = profile_of(ctx);
	unsigned fam = RBP_FAM_IGMP | RBP_FAM_MLD;

	if (!p)
		return -1;
	if (cli_arg_has(a, "igmp"))
		fam = RBP_FAM_IGMP;
	else if (cli_arg_has(a, "mld"))
		fam = RBP_FAM_MLD;
	rbp_set_service_type(p, cli_args_undo(a) ? 0 : fam);
	return 0;
}

static int do_now(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbp_profile *p = profile_of(ctx);
	char why[CLI_REASON_MAX];
	enum rbp_role role;

	(void)a;
	if (!p)
		return -1;
	role = p->role;
	if (rbp_sync_now(p, why, sizeof(why)) != 0)
		return cli_error(ctx, "%s", why);
	if (role == RBP_ROLE_MASTER)
		cli_printf(ctx, "Info: A batch backup of %s was sent.\n",
			   p->name);
	else
		cli_printf(ctx,
			   "Info: The peer was asked for a batch backup of "
			   "%s.\n",
			   p->name);
	return 0;
}

static int do_bind(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbp_inst *in = inst_of(ctx);
	const char *ifname = cli_ctx_key(ctx, IFV);
	const char *name = cli_arg_str(a, "name");
	struct node_iface *ifp;
	const char *bound;

	if (!in)
		return -1;
	ifp = ifname ? node_iface_find(router_node(in->r), ifname) : NULL;
	if (!ifp)
		return cli_error(ctx, "The interface %s does not exist.",
				 ifname ? ifname : "?");
	bound = rbp_iface_profile(in, ifp->name);
	if (cli_args_undo(a)) {
		if (!bound)
			return cli_error(ctx, "The interface is bound to no "
					      "remote backup profile.");
		if (name && strcmp(name, bound))
			return cli_error(ctx,
					 "The interface is bound to the "
					 "remote backup profile %s.",
					 bound);
		rbp_bind(in, ifp, NULL);
		return 0;
	}
	if (ifp->loopback)
		return cli_error(ctx, "A loopback interface has no hosts to "
				      "back up.");
	if (!rbp_find(in, name))
		return cli_error(ctx,
				 "The remote backup profile %s does not "
				 "exist.",
				 name);
	if (rbp_bind(in, ifp, name) != 0)
		return cli_error(ctx, "Out of memory.");
	return 0;
}

static const enum net_af af4 = NET_AF_IP4, af6 = NET_AF_IP6;

static const struct cli_cmd rbp_cmds[] = {
	{ .pattern = RBPV " <name:word:1-31>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = RBPV,
	  .apply = do_profile,
	  .help = "Create a remote backup profile and enter its view" },
	{ .view = RBPV,
	  .pattern = "backup-id <id:int:1-65535> remote-backup-service "
		     "<rbs:word:1-31>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_backup_id,
	  .help = "Backup ID of the profile and the service carrying it" },
	{ .view = RBPV,
	  .pattern = "peer-backup hot",
	  .flags = CLI_UNDO,
	  .apply = do_hot,
	  .help = "Back up every change at once (hot backup)" },
	{ .view = RBPV,
	  .pattern = "vrrp-id <vrid:int:1-255> interface <if:iface>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_vrrp,
	  .help = "The VRRP group whose state is the profile's role",
	  .data = &af4 },
	{ .view = RBPV,
	  .pattern = "vrrp6-id <vrid:int:1-255> interface <if:iface>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_vrrp,
	  .help = "The VRRP6 group whose state is the profile's role",
	  .data = &af6 },
	{ .view = RBPV,
	  .pattern = "service-type { igmp | mld | multicast }",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_service_type,
	  .help = "Entries backed up: IGMP, MLD or both" },
	{ .view = RBPV,
	  .pattern = "batch-backup now",
	  .flags = CLI_ACTION,
	  .apply = do_now,
	  .help = "Send a batch backup now (Master) or ask for one" },
	{ .view = IFV,
	  .pattern = RBPV " <name:word:1-31>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_bind,
	  .help = "Back up this interface's IGMP/MLD entries" },
};

int rbp_cli_register(struct cli_registry *reg)
{
	if (cli_registry_add_view(reg, &rbp_view) != 0)
		return -1;
	return cli_registry_add_table(reg, rbp_cmds,
				      sizeof(rbp_cmds) / sizeof(rbp_cmds[0]));
}
