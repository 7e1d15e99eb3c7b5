/*
 * `display remote-backup-service [NAME]`: for each service its channel
 * as VRP shows it (TCP state Initial, Listening, Connecting or Connected;
 * peer, source, port, tracked BFD session) and what failsim adds: the
 * role, the cause of the last change, keepalive settings of both ends,
 * backup-ids of both ends, the connection counters (ups, downs,
 * reconnects, timeouts, BFD drops, errors by reason) and messages and
 * bytes sent and received by type. A vendor feature; no RFC applies.
 */
#include "protocols/rbs/rbs_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "protocols/bfd/bfd_router.h"

static void show_time(struct cli_ctx *ctx, const char *label, sim_time_t t)
{
	char buf[32];

	sim_time_fmt(t, buf, sizeof(buf));
	cli_printf(ctx, " %-19s: %s s", label, buf);
}

static void show_ids(struct cli_ctx *ctx, const uint32_t *ids, uint16_t n)
{
	if (!n)
		cli_printf(ctx, "-");
	for (uint16_t i = 0; i < n; i++)
		cli_printf(ctx, "%s%" PRIu32, i ? " " : "", ids[i]);
}

static void show_track(struct cli_ctx *ctx, const struct rbs_svc *s)
{
	if (!s->track) {
		cli_printf(ctx, " %-19s: -\n", "Track BFD session");
		return;
	}
	if (s->track_name[0])
		cli_printf(ctx, " %-19s: session-name %s", "Track BFD session",
			   s->track_name);
	else
		cli_printf(ctx, " %-19s: %" PRIu32, "Track BFD session",
			   s->track_disc);
	cli_printf(ctx, " (%s%s)\n", bfd_state_name(s->bfd_state),
		   s->bfd_hold ? ", channel held down" : "");
}

static void show_channel(struct cli_ctx *ctx, const struct rbs_svc *s)
{
	char a[NET_ADDR_STRLEN];

	if (s->have_peer) {
		net_addr_fmt(&s->peer, a, sizeof(a));
		cli_printf(ctx, " %-19s: %s\n", "Peer", a);
		net_addr_fmt(&s->src, a, sizeof(a));
		cli_printf(ctx, " %-19s: %s\n", "Source", a);
		cli_printf(ctx, " %-19s: %u\n", "Port", s->port);
	} else {
		cli_printf(ctx, " %-19s: -\n", "Peer");
		cli_printf(ctx, " %-19s: -\n", "Source");
		cli_printf(ctx, " %-19s: -\n", "Port");
	}
	cli_printf(ctx, " %-19s: %s\n", "TCP state", rbs_state_name(s->state));
	if (s->have_peer)
		cli_printf(ctx, " %-19s: %s\n", "Role",
			   s->active ? "active (connects)"
				     : "passive (listens)");
	if (s->conn) {
		struct tcp_sock_info in;

		tcp_sock_info(s->conn, &in);
		cli_printf(ctx, " %-19s: local %u, remote %u (%s)\n",
			   "TCP ports", in.lport, in.rport,
			   tcp_state_name(in.state));
	}
	show_time(ctx, "Last change", s->changed);
	cli_printf(ctx, " (%s)\n", rbs_cause_name(s->cause));
	if (node_timer_armed(&s->t_retry)) {
		show_time(ctx, "Next attempt", s->t_retry.t.deadline);
		cli_printf(ctx, "\n");
	}
	show_track(ctx, s);
}

static void show_peer_side(struct cli_ctx *ctx, const struct rbs_svc *s)
{
	cli_printf(ctx, " %-19s: %" PRId64 " ms x %u", "Keepalive",
		   s->ka_interval / SIM_MS(1), s->ka_count);
	if (s->hello_rx)
		cli_printf(ctx, ", peer %" PRId64 " ms x %u",
			   s->peer_ka_interval / SIM_MS(1), s->peer_ka_count);
	cli_printf(ctx, "\n %-19s: ", "Backup IDs");
	show_ids(ctx, s->ids, s->nids);
	if (s->hello_rx) {
		cli_printf(ctx, ", peer ");
		show_ids(ctx, s->peer_ids, s->peer_nids);
	}
	cli_printf(ctx, "\n");
	if (s->hello_rx) {
		show_time(ctx, "Last received", s->last_rx);
		cli_printf(ctx, "\n");
	}
}

static void show_counters(struct cli_ctx *ctx, const struct rbs_svc *s)
{
	const struct rbs_counters *c = &s->cnt;
	uint64_t bad = 0;

	cli_printf(ctx,
		   " %-19s: %" PRIu64 " up, %" PRIu64 " down, %" PRIu64
		   " reconnects\n",
		   "Connections", c->ups, c->downs,
		   c->ups > 1 ? c->ups - 1 : 0);
	cli_printf(ctx,
		   " %-19s: %" PRIu64 " connect, %" PRIu64 " accepted, %" PRIu64
		   " rejected\n",
		   "TCP opens", c->attempts, c->accepted, c->rejected);
	cli_printf(ctx,
		   " %-19s: %" PRIu64 " keepalive, %" PRIu64 " hello, %" PRIu64
		   " connect\n",
		   "Timeouts", c->ka_timeouts, c->hello_timeouts,
		   c->connect_timeouts);
	cli_printf(ctx, " %-19s: %" PRIu64 "\n", "BFD drops", c->bfd_drops);
	for (int e = 1; e < RBS_PKT_E__COUNT; e++)
		bad += c->malformed[e];
	cli_printf(ctx, " %-19s: %" PRIu64, "Malformed", bad);
	for (int e = 1; e < RBS_PKT_E__COUNT; e++)
		if (c->malformed[e])
			cli_printf(ctx, " %s %" PRIu64,
				   rbs_pkt_err_name((enum rbs_pkt_err)e),
				   c->malformed[e]);
	cli_printf(ctx, "\n %-19s: %" PRIu64 "\n", "Protocol errors",
		   c->protocol_errors);
	cli_printf(ctx, " %-19s: %" PRIu64 "\n", "Sends refused",
		   c->send_refused);
	cli_printf(ctx, " %-14s %10s %10s %12s %12s\n", "Message", "Tx", "Rx",
		   "Tx bytes", "Rx bytes");
	for (int t = 1; t <= RBS_T__MAX; t++) {
		int i = t < RBS_T__MAX ? t : 0; /* unknown types last */

		if (i == 0 && !c->rx_msgs[0])
			continue;
		cli_printf(ctx,
			   " %-14s %10" PRIu64 " %10" PRIu64 " %12" PRIu64
			   " %12" PRIu64 "\n",
			   rbs_type_name((uint8_t)i), c->tx_msgs[i],
			   c->rx_msgs[i], c->tx_bytes[i], c->rx_bytes[i]);
	}
}

static void show(struct cli_ctx *ctx, const struct rbs_svc *s)
{
	cli_printf(ctx, "Remote backup service: %s\n", s->name);
	show_channel(ctx, s);
	show_peer_side(ctx, s);
	show_counters(ctx, s);
}

static int disp(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbs_inst *ri = rbs_inst(cli_ctx_owner(ctx));
	const char *name =
		cli_arg_has(a, "name") ? cli_arg_str(a, "name") : NULL;
	size_t shown = 0;

	for (size_t i = 0; ri && i < ri->n; i++) {
		if (name && strcmp(name, ri->svc[i]->name))
			continue;
		if (shown++)
			cli_printf(ctx, "\n");
		show(ctx, ri->svc[i]);
	}
	if (!shown && name)
		return cli_error(ctx,
				 "The remote backup service %s does not "
				 "exist.",
				 name);
	if (!shown)
		cli_printf(ctx, "Info: No remote backup service is "
				"configured.\n");
	return 0;
}

static const struct cli_cmd rbs_display_cmds[] = {
	{ .pattern = "display remote-backup-service [ <name:word:1-31> ]",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = disp,
	  .help = "Remote backup service channels" },
};

int rbs_display_register(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, rbs_display_cmds,
				      sizeof(rbs_display_cmds) /
					      sizeof(rbs_display_cmds[0]));
}
