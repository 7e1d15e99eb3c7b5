/*
 * VRP commands of BFD: `bfd` (global enable, the bfd view), static
 * sessions `bfd NAME bind peer-ip IP [source-ip IP] [interface IF]` and
 * `bfd NAME bind peer-ipv6 IP [source-ipv6 IP] [interface IF |
 * track-interface interface IF]`, and in the session view `discriminator
 * local|remote`, `min-tx-interval`, `min-rx-interval`,
 * `detect-multiplier`, `authentication-mode`, `shutdown`. failsim adds
 * `hardware-offload` in the bfd view: the router's sessions run in the
 * ASIC. Displays: `display bfd session all|name NAME [verbose]`,
 * `display bfd statistics`.
 */
#include "protocols/bfd/bfd_router_int.h"

#include <stdio.h>
#include <string.h>

static struct bfd_inst *ctx_inst(struct cli_ctx *ctx)
{
	return bfd_inst(cli_ctx_owner(ctx));
}

static struct bfd_rsess *ctx_sess(struct cli_ctx *ctx)
{
	struct bfd_inst *b = ctx_inst(ctx);
	const char *name = cli_ctx_key(ctx, "bfd-session");
	struct bfd_rsess *rs = b && name ? bfd_rsess_find(b, name) : NULL;

	if (!rs)
		cli_error(ctx, "The BFD session %s does not exist.",
			  name ? name : "?");
	return rs;
}

static int do_bfd(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_inst *b = ctx_inst(ctx);

	if (!b)
		return cli_error(ctx, "BFD is not available on this router.");
	if (cli_args_undo(a)) {
		if (b->nsess)
			return cli_error(ctx, "Delete the BFD sessions first.");
		if (b->offload)
			bfd_set_offload(b, false);
		b->enabled = false;
		return 0;
	}
	b->enabled = true;
	return 0;
}

static int do_offload(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_inst *b = ctx_inst(ctx);

	if (b->offload != !cli_args_undo(a))
		bfd_set_offload(b, !cli_args_undo(a));
	return 0;
}

static int bind_iface(struct cli_ctx *ctx, const struct cli_args *a,
		      const char *param, int *ifindex)
{
	const char *name = cli_arg_str(a, param);
	struct node_iface *ifp;

	if (!name)
		return 0;
	ifp = node_iface_find(router_node(cli_ctx_owner(ctx)), name);
	if (!ifp)
		return cli_error(ctx, "The interface %s does not exist.", name);
	*ifindex = ifp->ifindex;
	return 0;
}

/* cli_cmd.data of the IPv6 bind command. */
static const int bfd_af6 = 6;

static int do_bind(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_inst *b = ctx_inst(ctx);
	const char *name = cli_arg_str(a, "name");
	struct bfd_rsess *rs = b ? bfd_rsess_find(b, name) : NULL;
	struct net_addr peer = cli_arg_addr(a, "peer");
	int ifindex = -1;
	bool track = cli_arg_has(a, "tif");
	bool v6 = cli_ctx_data(ctx) == &bfd_af6;
	struct net_ip6 p6;

	if (!b || !b->enabled)
		return cli_error(ctx, "Please enable BFD in the system view "
				      "first (bfd).");
	if (cli_args_undo(a)) {
		/*
		 * "undo bfd NAME" matches both bind commands, so the engine
		 * runs it twice, IPv4 form first: each deletes only a
		 * session of its family, and only the IPv4 form reports a
		 * session that does not exist (the IPv6 form runs after it
		 * deleted one).
		 */
		if (!rs)
			return v6 ? 0
				  : cli_error(ctx,
					      "The BFD session %s does not "
					      "exist.",
					      name);
		if ((rs->peer.af == NET_AF_IP6) == v6)
			bfd_rsess_del(b, rs);
		return 0;
	}
	if (bind_iface(ctx, a, "if", &ifindex) != 0 ||
	    bind_iface(ctx, a, "tif", &ifindex) != 0)
		return -1;
	p6 = net_addr_ip6(&peer);
	if (peer.af == NET_AF_IP6 && net_ip6_is_link_local(&p6) && ifindex < 0)
		return cli_error(ctx, "A link-local peer needs an interface.");
	if (rs) {
		struct net_addr src = cli_arg_has(a, "src")
					      ? cli_arg_addr(a, "src")
					      : (struct net_addr){ 0 };

		/* The binding of a running session cannot change: the
		 * session would keep the old one (VRP asks to delete it). */
		if (!net_addr_eq(&rs->peer, &peer) || rs->ifindex != ifindex ||
		    !net_addr_eq(&rs->src, &src) || rs->track != track)
			return cli_error(ctx,
					 "The session %s is bound "
					 "differently already.",
					 name);
		return 0;
	}
	rs = bfd_rsess_add(b, name);
	if (!rs)
		return cli_error(ctx, "Out of memory.");
	rs->peer = peer;
	rs->ifindex = ifindex;
	rs->track = track;
	if (cli_arg_has(a, "src"))
		rs->src = cli_arg_addr(a, "src");
	return 0;
}

/* Apply a change to a running session, or restart it when needed. */
static int restart(struct cli_ctx *ctx, struct bfd_rsess *rs)
{
	char why[128];

	if (bfd_rsess_start(rs, why, sizeof(why)) != 0)
		return cli_error(ctx, "%s", why);
	return 0;
}

static int do_disc(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_rsess *rs = ctx_sess(ctx);
	bool local = cli_arg_has(a, "local");
	uint32_t v = cli_args_undo(a) ? 0 : (uint32_t)cli_arg_int(a, "d");

	if (!rs)
		return -1;
	if (local) {
		struct bfd_session *o = v ? bfd_find_disc(rs->b, v) : NULL;

		if (o && o != rs->s)
			return cli_error(ctx,
					 "The local discriminator %u is "
					 "used by another session.",
					 v);
		rs->cfg.local_disc = v;
		return restart(ctx, rs);
	}
	rs->cfg.remote_disc = v;
	if (rs->s)
		bfd_session_set_remote_disc(rs->s, v);
	return 0;
}

static int do_timer(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_rsess *rs = ctx_sess(ctx);
	bool undo = cli_args_undo(a);

	if (!rs)
		return -1;
	if (cli_arg_has(a, "min-tx-interval"))
		rs->cfg.desired_min_tx =
			undo ? BFD_DEFAULT_TX : SIM_MS(cli_arg_int(a, "v"));
	else if (cli_arg_has(a, "min-rx-interval"))
		rs->cfg.required_min_rx =
			undo ? BFD_DEFAULT_RX : SIM_MS(cli_arg_int(a, "v"));
	else
		rs->cfg.detect_mult =
			undo ? BFD_DEFAULT_MULT : (uint8_t)cli_arg_int(a, "v");
	if (rs->s && bfd_session_set_timers(rs->s, rs->cfg.desired_min_tx,
					    rs->cfg.required_min_rx,
					    rs->cfg.detect_mult) != 0)
		return cli_error(ctx, "Invalid timers.");
	return 0;
}

static const struct {
	const char *kw;
	enum bfd_auth_type type;
} auth_kws[] = {
	{ "simple", BFD_AUTH_SIMPLE },
	{ "md5", BFD_AUTH_KEYED_MD5 },
	{ "meticulous-md5", BFD_AUTH_METICULOUS_MD5 },
	{ "sha1", BFD_AUTH_KEYED_SHA1 },
	{ "meticulous-sha1", BFD_AUTH_METICULOUS_SHA1 },
};

static int do_auth(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_rsess *rs = ctx_sess(ctx);
	struct bfd_key key = { .type = BFD_AUTH_NONE };

	if (!rs)
		return -1;
	if (!cli_args_undo(a)) {
		const char *pw = cli_arg_str(a, "pw");
		size_t n = strlen(pw);

		for (size_t i = 0; i < sizeof(auth_kws) / sizeof(auth_kws[0]);
		     i++)
			if (cli_arg_has(a, auth_kws[i].kw))
				key.type = (uint8_t)auth_kws[i].type;
		if (n > (key.type == BFD_AUTH_SIMPLE	   ? BFD_PASSWORD_MAX
			 : key.type >= BFD_AUTH_KEYED_SHA1 ? 20
							   : 16))
			return cli_error(ctx, "The key is too long for this "
					      "authentication type.");
		key.id = (uint8_t)cli_arg_int(a, "id");
		memcpy(key.secret, pw, n);
		key.len = (uint8_t)n;
	}
	rs->cfg.key = key;
	if (rs->s && bfd_session_set_key(rs->s, &key) != 0)
		return cli_error(ctx, "Invalid key.");
	return 0;
}

static int do_shutdown(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_rsess *rs = ctx_sess(ctx);

	if (!rs)
		return -1;
	rs->cfg.admin_down = !cli_args_undo(a);
	if (rs->s)
		bfd_session_set_admin_down(rs->s, rs->cfg.admin_down);
	return 0;
}

/* ---- display ---- */

static const char *sess_type(const struct bfd_rsess *rs)
{
	if (rs->multihop)
		return rs->peer.af == NET_AF_IP6 ? "S_IP6_MH" : "S_IP_MH";
	return rs->peer.af == NET_AF_IP6 ? "S_IP6_PEER" : "S_IP_PEER";
}

static void show_brief(struct cli_ctx *ctx, const struct bfd_rsess *rs)
{
	struct node_iface *ifp = NULL;
	struct bfd_session_info in = { 0 };
	char peer[NET_ADDR_STRLEN];

	if (rs->out_ifindex >= 0 &&
	    rs->out_ifindex < router_node(rs->b->r)->nifaces)
		ifp = router_node(rs->b->r)->ifaces[rs->out_ifindex];
	if (rs->s)
		bfd_session_info(rs->s, &in);
	net_addr_fmt(&rs->peer, peer, sizeof(peer));
	cli_printf(ctx, "%-6u%-11u%-40s%-10s%-12s%s\n", rs->cfg.local_disc,
		   rs->s ? in.remote_disc : rs->cfg.remote_disc, peer,
		   rs->s ? bfd_state_name(in.state) : "Down", sess_type(rs),
		   ifp ? ifp->name : "-");
}

static void show_verbose(struct cli_ctx *ctx, const struct bfd_rsess *rs)
{
	struct bfd_session_info in = { 0 };
	char peer[NET_ADDR_STRLEN];

	if (rs->s)
		bfd_session_info(rs->s, &in);
	net_addr_fmt(&rs->peer, peer, sizeof(peer));
	cli_printf(ctx,
		   "  Session MIndex : %u    (%s) State : %s    Name : %s\n",
		   rs->cfg.local_disc, rs->multihop ? "Multi Hop" : "One Hop",
		   rs->s ? bfd_state_name(in.state) : "Down", rs->name);
	cli_printf(ctx,
		   "  Local Discriminator     : %-10u Remote Discriminator"
		   "    : %u\n",
		   rs->cfg.local_disc, in.remote_disc);
	cli_printf(ctx, "  Session Detect Mode     : Asynchronous Mode Without "
			"Echo Function\n");
	cli_printf(ctx, "  BFD Bind Type           : %s\n", sess_type(rs));
	cli_printf(ctx, "  Bind Peer IP Address    : %s\n", peer);
	cli_printf(ctx, "  Runs On                 : %s\n",
		   rs->cfg.offload ? "ASIC (offloaded)" : "control-plane CPU");
	cli_printf(ctx,
		   "  Min Tx Interval (ms)    : %-10lld Min Rx Interval "
		   "(ms)     : %lld\n",
		   (long long)(rs->cfg.desired_min_tx / SIM_MS(1)),
		   (long long)(rs->cfg.required_min_rx / SIM_MS(1)));
	cli_printf(ctx,
		   "  Actual Tx Interval (ms) : %-10lld Actual Rx "
		   "Interval (ms)  : %lld\n",
		   (long long)(in.tx_interval / SIM_MS(1)),
		   (long long)(in.remote_desired_tx / SIM_MS(1)));
	cli_printf(ctx,
		   "  Local Detect Multi      : %-10u Detect Interval "
		   "(ms)     : %lld\n",
		   rs->cfg.detect_mult,
		   (long long)(in.detect_time / SIM_MS(1)));
	cli_printf(ctx, "  Authentication          : %s\n",
		   bfd_auth_name(rs->cfg.key.type));
	cli_printf(ctx, "  Local Diagnostic        : %s\n",
		   bfd_diag_name(in.local_diag));
	cli_printf(ctx, "  Remote Diagnostic       : %s\n",
		   bfd_diag_name(in.remote_diag));
	cli_printf(ctx, "  Packets Sent / Received : %llu / %llu\n",
		   (unsigned long long)in.tx, (unsigned long long)in.rx);
	cli_printf(ctx, "  Up / Down transitions   : %llu / %llu\n",
		   (unsigned long long)in.up_count,
		   (unsigned long long)in.down_count);
	cli_printf(ctx, "--------------------------------------------------"
			"------------------------------\n");
}

static int disp_sessions(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_inst *b = ctx_inst(ctx);
	const char *only = cli_arg_str(a, "name");
	bool verbose = cli_arg_has(a, "verbose");
	unsigned up = 0, down = 0;

	if (!b)
		return 0;
	if (!verbose)
		cli_printf(ctx,
			   "--------------------------------------------"
			   "------------------------------------\n"
			   "%-6s%-11s%-40s%-10s%-12s%s\n"
			   "--------------------------------------------"
			   "------------------------------------\n",
			   "Local", "Remote", "PeerIpAddr", "State", "Type",
			   "InterfaceName");
	for (size_t i = 0; i < b->nsess; i++) {
		struct bfd_rsess *rs = b->sess[i];

		if (only && strcmp(only, rs->name))
			continue;
		if (rs->s && bfd_session_state(rs->s) == BFD_STATE_UP)
			up++;
		else
			down++;
		if (verbose)
			show_verbose(ctx, rs);
		else
			show_brief(ctx, rs);
	}
	cli_printf(ctx, "%s     Total UP/DOWN Session Number : %u/%u\n",
		   verbose ? ""
			   : "----------------------------------------------"
			     "----------------------------------\n",
		   up, down);
	return 0;
}

static int disp_stats(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct bfd_inst *b = ctx_inst(ctx);
	uint64_t drops[BFD_DROP__COUNT] = { 0 }, tx = 0, rx = 0;

	(void)a;
	if (!b)
		return 0;
	for (size_t i = 0; i < b->nsess; i++) {
		struct bfd_session_info in;

		if (!b->sess[i]->s)
			continue;
		bfd_session_info(b->sess[i]->s, &in);
		tx += in.tx;
		rx += in.rx;
		for (int k = 0; k < BFD_DROP__COUNT; k++)
			drops[k] += in.drops[k];
	}
	cli_printf(ctx, "BFD global: %s, %s\n",
		   b->enabled ? "enabled" : "disabled",
		   b->offload ? "sessions offloaded to the ASIC"
			      : "sessions on the control-plane CPU");
	cli_printf(ctx, "  Sessions                : %zu\n", b->nsess);
	cli_printf(ctx, "  Packets sent            : %llu\n",
		   (unsigned long long)tx);
	cli_printf(ctx, "  Packets received        : %llu\n",
		   (unsigned long long)b->rx_packets);
	cli_printf(ctx, "  Accepted by sessions    : %llu\n",
		   (unsigned long long)rx);
	cli_printf(ctx, "  Malformed               : %llu\n",
		   (unsigned long long)b->rx_malformed);
	cli_printf(ctx, "  No matching session     : %llu\n",
		   (unsigned long long)b->rx_no_session);
	cli_printf(ctx, "  Wrong UDP port          : %llu\n",
		   (unsigned long long)b->rx_wrong_port);
	for (int k = 0; k < BFD_DROP__COUNT; k++)
		if (drops[k])
			cli_printf(ctx, "  Dropped, %-14s: %llu\n",
				   bfd_drop_name((enum bfd_drop)k),
				   (unsigned long long)drops[k]);
	return 0;
}

static const struct cli_view_def bfd_views[] = {
	{ .name = "bfd", .prompt = "bfd" },
	{ .name = "bfd-session", .prompt = "bfd-session-%s" },
};

#define SESS "bfd-session"
#define DISP (CLI_ACTION | CLI_ANY_VIEW)

static const struct cli_cmd bfd_cmds[] = {
	{ .pattern = "bfd",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "bfd",
	  .apply = do_bfd,
	  .help = "Enable BFD globally" },
	{ .view = "bfd",
	  .pattern = "hardware-offload",
	  .flags = CLI_UNDO,
	  .apply = do_offload,
	  .help = "Run this router's BFD sessions in the ASIC (failsim)" },
	{ .pattern = "bfd <name:word:1-64> bind peer-ip <peer:ip4> "
		     "[ source-ip <src:ip4> ] [ interface <if:iface> ]",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = SESS,
	  .key_param = "name",
	  .undo_tokens = 2,
	  .apply = do_bind,
	  .help = "Static BFD session over IPv4" },
	{ .pattern = "bfd <name:word:1-64> bind peer-ipv6 <peer:ip6> "
		     "[ source-ipv6 <src:ip6> ] [ { interface <if:iface> | "
		     "track-interface interface <tif:iface> } ]",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = SESS,
	  .key_param = "name",
	  .undo_tokens = 2,
	  .apply = do_bind,
	  .data = &bfd_af6,
	  .help = "Static BFD session over IPv6" },
	{ .view = SESS,
	  .pattern = "discriminator local <d:int:1-16384>",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .undo_tokens = 2,
	  .apply = do_disc,
	  .help = "Local discriminator" },
	{ .view = SESS,
	  .pattern = "discriminator remote <d:int:1-4294967295>",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .undo_tokens = 2,
	  .apply = do_disc,
	  .help = "Remote discriminator" },
	{ .view = SESS,
	  .pattern = "min-tx-interval <v:int:3-1000>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_timer,
	  .help = "Desired Min TX Interval, ms" },
	{ .view = SESS,
	  .pattern = "min-rx-interval <v:int:3-1000>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_timer,
	  .help = "Required Min RX Interval, ms" },
	{ .view = SESS,
	  .pattern = "detect-multiplier <v:int:3-50>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_timer,
	  .help = "Detect Mult" },
	{ .view = SESS,
	  .pattern = "authentication-mode { simple | md5 | meticulous-md5 | "
		     "sha1 | meticulous-sha1 } key-id <id:int:1-255> cipher "
		     "<pw:word:1-20>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_auth,
	  .help = "Authentication (RFC 5880 6.7)" },
	{ .view = SESS,
	  .pattern = "shutdown",
	  .flags = CLI_UNDO,
	  .apply = do_shutdown,
	  .help = "AdminDown" },
	{ .pattern = "display bfd session { all | name <name:word:1-64> } "
		     "[ verbose ]",
	  .flags = DISP,
	  .apply = disp_sessions,
	  .help = "BFD sessions" },
	{ .pattern = "display bfd statistics",
	  .flags = DISP,
	  .apply = disp_stats,
	  .help = "BFD counters" },
};

int bfd_cli_register(struct cli_registry *reg)
{
	for (size_t i = 0; i < sizeof(bfd_views) / sizeof(bfd_views[0]); i++)
		if (cli_registry_add_view(reg, &bfd_views[i]) != 0)
			return -1;
	return cli_registry_add_table(reg, bfd_cmds,
				      sizeof(bfd_cmds) / sizeof(bfd_cmds[0]));
}
