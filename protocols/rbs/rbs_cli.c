/*
 * VRP commands of remote backup services (Huawei VRP; no RFC applies):
 *   remote-backup-service NAME                 (system view, enters
 *                                              [~R1-rm-backup-service-NAME])
 *    peer IP source IP port P                  (IPv4 channel, P 1024-55535)
 *    peer-ipv6 IP source-ipv6 IP port P        (IPv6 channel)
 *    track bfd-session ID                      (BFD local discriminator)
 *    track bfd-session session-name NAME       (by session name)
 *    keepalive interval MS count N             (failsim's keepalive)
 * each with an undo form (`undo remote-backup-service NAME`, `undo peer`,
 * `undo peer-ipv6`, `undo track bfd-session`, `undo keepalive`). A service
 * has one channel: an IPv4 or an IPv6 peer, not both; one tracked BFD
 * session. The display is in rbs_display.c.
 */
#include "protocols/rbs/rbs_int.h"

#include <stdio.h>
#include <string.h>

#include "protocols/bfd/bfd_router.h"

#define RBSV "remote-backup-service"

static const struct cli_view_def rbs_view = {
	.name = RBSV,
	.prompt = "rm-backup-service-%s",
};

static struct rbs_svc *svc_of(struct cli_ctx *ctx)
{
	const char *name = cli_ctx_key(ctx, RBSV);
	struct rbs_svc *s = rbs_find(cli_ctx_owner(ctx), name);

	if (!s)
		cli_error(ctx, "The remote backup service %s does not exist.",
			  name ? name : "?");
	return s;
}

static int do_service(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbs_inst *ri = rbs_inst(cli_ctx_owner(ctx));
	const char *name = cli_arg_str(a, "name");
	struct rbs_svc *s;

	if (!ri)
		return cli_error(ctx, "Remote backup services are not "
				      "available on this router.");
	s = rbs_find(ri->r, name);
	if (cli_args_undo(a)) {
		if (!s)
			return cli_error(ctx,
					 "The remote backup service %s does "
					 "not exist.",
					 name);
		rbs_svc_delete(s);
		return 0;
	}
	if (!s && !rbs_svc_create(ri, name))
		return cli_error(ctx, "Out of memory.");
	return 0;
}

/* ---- peer / peer-ipv6 ---- */

static int check_peer(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct net_addr peer = cli_arg_addr(a, "peer");
	struct net_addr src = cli_arg_addr(a, "src");

	if (cli_args_undo(a) || !cli_arg_has(a, "src"))
		return 0;
	if (net_addr_is_unspec(&peer) || net_addr_is_unspec(&src) ||
	    net_addr_is_multicast(&peer) || net_addr_is_multicast(&src))
		return cli_error(ctx, "The peer and source addresses must be "
				      "unicast addresses.");
	if (peer.af == NET_AF_IP6) {
		struct net_ip6 p = net_addr_ip6(&peer), s = net_addr_ip6(&src);

		if (net_ip6_is_link_local(&p) || net_ip6_is_link_local(&s))
			return cli_error(ctx, "Link-local addresses cannot be "
					      "used for the channel.");
	}
	if (net_addr_eq(&peer, &src))
		return cli_error(ctx, "The peer and source addresses must "
				      "differ.");
	return 0;
}

static int do_peer(struct cli_ctx *ctx, const struct cli_args *a)
{
	const enum net_af *af = cli_ctx_data(ctx);
	struct rbs_svc *s = svc_of(ctx);
	struct net_addr peer = cli_arg_addr(a, "peer");
	struct net_addr src = cli_arg_addr(a, "src");
	const char *other = *af == NET_AF_IP4 ? "peer-ipv6" : "peer";

	if (!s)
		return -1;
	if (cli_args_undo(a)) {
		if (!s->have_peer || s->peer.af != *af)
			return cli_error(ctx, "No %s is configured.",
					 *af == NET_AF_IP4 ? "peer"
							   : "peer-ipv6");
		if (cli_arg_has(a, "src") &&
		    (!net_addr_eq(&s->peer, &peer) ||
		     !net_addr_eq(&s->src, &src) ||
		     s->port != cli_arg_int(a, "port")))
			return cli_error(ctx, "The configured %s differs.",
					 *af == NET_AF_IP4 ? "peer"
							   : "peer-ipv6");
		rbs_svc_clear_peer(s);
		return 0;
	}
	if (check_peer(ctx, a) != 0)
		return -1;
	if (s->have_peer && s->peer.af != *af)
		return cli_error(ctx,
				 "The service already has a %s line; run "
				 "undo %s first.",
				 other, other);
	rbs_svc_set_peer(s, &peer, &src, (uint16_t)cli_arg_int(a, "port"));
	return 0;
}

/* ---- track bfd-session ---- */

static int do_track(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbs_svc *s = svc_of(ctx);
	const char *name =
		cli_arg_has(a, "bname") ? cli_arg_str(a, "bname") : NULL;
	uint32_t disc = (uint32_t)cli_arg_int(a, "id");

	if (!s)
		return -1;
	if (cli_args_undo(a)) {
		if (!s->track)
			return cli_error(ctx, "No BFD session is tracked.");
		if ((name && strcmp(name, s->track_name)) ||
		    (disc && (s->track_name[0] || disc != s->track_disc)))
			return cli_error(ctx, "The service tracks another "
					      "BFD session.");
		rbs_svc_clear_track(s);
		return 0;
	}
	if (!bfd_inst(cli_ctx_owner(ctx)))
		return cli_error(ctx, "BFD is not available on this router.");
	if (rbs_svc_set_track(s, name, disc) != 0)
		return cli_error(ctx, "No more BFD sessions can be followed "
				      "on this router.");
	return 0;
}

/* ---- keepalive ---- */

static int do_keepalive(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbs_svc *s = svc_of(ctx);

	if (!s)
		return -1;
	if (cli_args_undo(a))
		rbs_svc_set_keepalive(s, RBS_KA_INTERVAL_DEF, RBS_KA_COUNT_DEF);
	else
		rbs_svc_set_keepalive(s, SIM_MS(cli_arg_int(a, "interval")),
				      (uint8_t)cli_arg_int(a, "count"));
	return 0;
}

static const enum net_af af4 = NET_AF_IP4, af6 = NET_AF_IP6;

static const struct cli_cmd rbs_cmds[] = {
	{ .pattern = RBSV " <name:word:1-31>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = RBSV,
	  .apply = do_service,
	  .help = "Create a remote backup service and enter its view" },
	{ .view = RBSV,
	  .pattern = "peer <peer:ip4> source <src:ip4> port "
		     "<port:int:1024-55535>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .check = check_peer,
	  .apply = do_peer,
	  .help = "TCP channel to the peer device over IPv4",
	  .data = &af4 },
	{ .view = RBSV,
	  .pattern = "peer-ipv6 <peer:ip6> source-ipv6 <src:ip6> port "
		     "<port:int:1024-55535>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .check = check_peer,
	  .apply = do_peer,
	  .help = "TCP channel to the peer device over IPv6",
	  .data = &af6 },
	{ .view = RBSV,
	  .pattern = "track bfd-session { <id:int:1-16384> | "
		     "session-name <bname:word:1-64> }",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .undo_tokens = 2,
	  .apply = do_track,
	  .help = "Drop the channel while a BFD session is down" },
	{ .view = RBSV,
	  .pattern = "keepalive interval <interval:int:10-60000> "
		     "count <count:int:2-255>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .undo_tokens = 1,
	  .apply = do_keepalive,
	  .help = "Keepalive interval (ms) and the intervals missed before "
		  "the channel drops (failsim)" },
};

int rbs_cli_register(struct cli_registry *reg)
{
	if (cli_registry_add_view(reg, &rbs_view) != 0)
		return -1;
	return cli_registry_add_table(reg, rbs_cmds,
				      sizeof(rbs_cmds) / sizeof(rbs_cmds[0]));
}
