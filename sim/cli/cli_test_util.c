/*
 * Fake modules for the engine tests: a "widget" module covering every
 * parameter type and pattern construct, and the commands of the seed
 * documents (RBS, RBP, mVRRP, VRRP/VRRP6 tracking, BFD, PIM, IGMP/MLD,
 * multicast track, monitor-group) registered with plausible patterns. Each
 * handler logs "view[key] line" to the owner so tests see what ran.
 */
#include <string.h>

#include "sim/cli/cli_test_util.h"

static int log_apply(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct tmod *m = cli_ctx_owner(ctx);
	const char *view = cli_ctx_view(ctx);
	const char *key = cli_ctx_key(ctx, view);

	m->applies++;
	if (m->fail_on[0] && strstr(cli_args_line(a), m->fail_on))
		return cli_error(ctx, "widget refuses '%s'", m->fail_on);
	cli_out_printf(&m->log, "%s[%s] %s\n", view, key ? key : "",
		       cli_args_line(a));
	return 0;
}

/* A check that refuses port 4444 when the line is typed. */
static int check_port(struct cli_ctx *ctx, const struct cli_args *a)
{
	if (cli_arg_int(a, "port") == 4444)
		return cli_error(ctx, "port 4444 is reserved");
	return 0;
}

static int show_widget(struct cli_ctx *ctx, const struct cli_args *a)
{
	cli_printf(ctx, "widget show %s%s\n",
		   cli_arg_str(a, "name") ? cli_arg_str(a, "name") : "all",
		   cli_arg_has(a, "verbose") ? " verbose" : "");
	return 0;
}

static const struct cli_view_def tmod_views[] = {
	{ .name = "interface", .prompt = "%s" },
	{ .name = "widget", .prompt = "widget-%s" },
	{ .name = "gadget", .parent = "widget", .prompt = "gadget-%s" },
};

static const struct cli_cmd tmod_cmds[] = {
	{ .pattern = "interface <if:iface>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "interface",
	  .apply = log_apply },
	{ .view = "interface",
	  .pattern = "ip address <addr:ip4> <mask:mask4> [ sub ]",
	  .flags = CLI_UNDO,
	  .apply = log_apply },
	{ .view = "interface",
	  .pattern = "shutdown",
	  .flags = CLI_UNDO_KEEP,
	  .apply = log_apply },
	{ .pattern = "widget <name:word:1-15>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "widget",
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "count <n:int:1-255>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "peer <addr:ip> [ port <port:int:1024-55535> ]",
	  .flags = CLI_UNDO,
	  .undo_tokens = 1,
	  .check = check_port,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "bind interface <if:iface>",
	  .flags = CLI_UNDO,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "mode { fast | slow <delay:int:0-100> }",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "route <dst:pfx4> <nh:ip4>",
	  .flags = CLI_UNDO,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "route6 <dst:pfx6> <nh:ip6>",
	  .flags = CLI_UNDO,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "addr6 <a:ip6len> [ link-local ]",
	  .flags = CLI_UNDO,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "mac <m:mac>",
	  .key_tokens = 1,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "offset <o:int:-50-50>",
	  .key_tokens = 1,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "note <t:text:1-40>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "track <id:int:1-9> [ increased <v:int:1-254> | "
		     "reduced <v:int:1-254> ]",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "track <id:int:1-9> { peer | link }",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "track",
	  .flags = CLI_UNDO_ONLY,
	  .apply = log_apply },
	{ .view = "widget",
	  .pattern = "gadget <id:int:1-9>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "gadget",
	  .apply = log_apply },
	{ .view = "gadget",
	  .pattern = "level <l:int:0-7>",
	  .key_tokens = 1,
	  .apply = log_apply },
	{ .pattern = "widget-global enable",
	  .flags = CLI_UNDO,
	  .apply = log_apply },
	{ .view = CLI_VIEW_USER,
	  .pattern = "display widget [ <name:word:1-15> ] [ verbose ]",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = show_widget },
	{ .pattern = "display wodget",
	  .flags = CLI_ACTION | CLI_SUBVIEWS,
	  .apply = show_widget },
};

int tmod_register(struct cli_registry *reg)
{
	for (size_t i = 0; i < sizeof(tmod_views) / sizeof(tmod_views[0]);
	     i++) {
		if (cli_registry_add_view(reg, &tmod_views[i]) < 0)
			return -1;
	}
	return cli_registry_add_table(reg, tmod_cmds,
				      sizeof(tmod_cmds) / sizeof(tmod_cmds[0]));
}

static const struct cli_view_def seed_views[] = {
	{ .name = "remote-backup-service", .prompt = "rbs-%s" },
	{ .name = "remote-backup-profile", .prompt = "rbp-%s" },
	{ .name = "monitor-group", .prompt = "monitor-group-%s" },
	{ .name = "bfd", .prompt = "bfd" },
	{ .name = "bfd-session", .prompt = "bfd-session-%s" },
	{ .name = "pim", .prompt = "pim" },
};

#define VRID "<vrid:int:1-255>"
#define SEED(v, p, f)                                                          \
	{                                                                      \
		.view = v, .pattern = p, .flags = (f) | CLI_UNDO,              \
		.apply = log_apply                                             \
	}

static const struct cli_cmd seed_cmds[] = {
	{ .pattern = "remote-backup-service <name:word:1-31>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "remote-backup-service",
	  .apply = log_apply },
	SEED("remote-backup-service",
	     "peer <peer:ip4> source <src:ip4> port <port:int:1024-55535>", 0),
	SEED("remote-backup-service",
	     "peer-ipv6 <peer:ip6> source-ipv6 <src:ip6> port "
	     "<port:int:1024-55535>",
	     0),
	SEED("remote-backup-service", "track bfd-session <id:int:1-8191>", 0),
	{ .pattern = "remote-backup-profile <name:word:1-31>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "remote-backup-profile",
	  .apply = log_apply },
	SEED("remote-backup-profile",
	     "backup-id <id:int:1-65535> remote-backup-service "
	     "<rbs:word:1-31>",
	     0),
	SEED("remote-backup-profile", "peer-backup hot", 0),
	SEED("remote-backup-profile", "vrrp-id " VRID " interface <if:iface>",
	     0),
	SEED("remote-backup-profile", "vrrp6-id " VRID " interface <if:iface>",
	     0),
	{ .pattern = "monitor-group <name:word:1-31>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "monitor-group",
	  .apply = log_apply },
	SEED("monitor-group", "monitor enable", 0),
	SEED("monitor-group", "binding interface <if:iface>", 0),
	SEED(NULL, "multicast routing-enable", 0),
	SEED(NULL, "multicast ipv6 routing-enable", 0),
	{ .pattern = "bfd",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "bfd",
	  .apply = log_apply },
	{ .pattern =
		  "bfd <name:word:1-64> bind peer-ipv6 <peer:ip6> "
		  "[ vpn-instance <vpn:word:1-31> ] [ source-ipv6 <src:ip6> ] "
		  "track-interface interface <if:iface>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "bfd-session",
	  .apply = log_apply },
	SEED("bfd-session", "discriminator { local | remote } <d:int:1-16384>",
	     0),
	{ .pattern = "pim",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "pim",
	  .apply = log_apply },
	SEED("pim", "static-rp <rp:ip4>", 0),
	SEED("interface", "pim sm", 0),
	SEED("interface", "pim ipv6 sm", 0),
	SEED("interface", "igmp enable", 0),
	SEED("interface", "mld enable", 0),
	SEED("interface", "ipv6 enable", 0),
	SEED("interface", "ipv6 address <a:ip6len>", 0),
	SEED("interface", "ipv6 address <a:ip6> link-local", 0),
	SEED("interface", "vrrp vrid " VRID " virtual-ip <vip:ip4>", 0),
	SEED("interface", "vrrp vrid " VRID " priority <p:int:1-254>", 0),
	SEED("interface",
	     "vrrp6 vrid " VRID " virtual-ip <vip:ip6> [ link-local ]", 0),
	SEED("interface", "admin-vrrp vrid " VRID " [ ignore-if-down ]", 0),
	SEED("interface",
	     "vrrp vrid " VRID " track monitor-group [ <mg:word:1-31> ] "
	     "failure-ratio <r:int:1-100> [ link | reduced <p:int:1-255> ]",
	     0),
	SEED("interface",
	     "vrrp vrid " VRID " track admin-vrrp interface <if:iface> "
	     "vrid <mvrid:int:1-255> [ unflowdown ]",
	     0),
	SEED("interface",
	     "vrrp6 vrid " VRID " track admin-vrrp6 interface <if:iface> "
	     "vrid <mvrid:int:1-255> [ unflowdown ]",
	     0),
	SEED("interface",
	     "vrrp6 vrid " VRID " track bfd-session <bfd:int:1-8191> "
	     "[ increased <v:int:1-253> | reduced <v:int:1-253> ]",
	     0),
	SEED("interface",
	     "vrrp6 vrid " VRID " track bfd-session <bfd:int:1-8191> "
	     "{ peer | link }",
	     0),
	SEED("interface",
	     "multicast track admin-vrrp interface <if:iface> vrid " VRID, 0),
	SEED("interface", "multicast track vrrp vrid " VRID, 0),
	SEED("interface",
	     "multicast ipv6 track admin-vrrp6 interface <if:iface> vrid " VRID,
	     0),
	SEED("interface", "multicast ipv6 track vrrp6 vrid " VRID, 0),
	SEED("interface", "pim ignore dr-state", 0),
	SEED("interface", "pim ignore assert-state", 0),
	SEED("interface", "pim ipv6 ignore dr-state", 0),
	SEED("interface", "pim ipv6 ignore assert-state", 0),
	SEED("interface", "remote-backup-profile <name:word:1-31>", 0),
};

int tmod_register_seeds(struct cli_registry *reg)
{
	for (size_t i = 0; i < sizeof(seed_views) / sizeof(seed_views[0]);
	     i++) {
		if (cli_registry_add_view(reg, &seed_views[i]) < 0)
			return -1;
	}
	return cli_registry_add_table(reg, seed_cmds,
				      sizeof(seed_cmds) / sizeof(seed_cmds[0]));
}

const char *tmod_run(struct cli *c, struct cli_out *o, const char *line)
{
	cli_out_clear(o);
	cli_exec(c, line, o);
	return cli_out_str(o);
}
