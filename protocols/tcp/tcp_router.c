/*
 * The router module "tcp": a TCP stack per router (RFC 9293), its
 * transport through the router's control plane (receive by IP protocol 6
 * for both families, send with router_ip_send: route lookup of the
 * destination, the connection's local address as source, TTL / Hop Limit
 * 255) and the displays `display tcp status` (VRP's layout: control block,
 * local and foreign address:port, VPN, state) and `display tcp
 * statistics`.
 */
#include "protocols/tcp/tcp_router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tcp_rtr {
	struct router *r;
	struct tcp_stack *t;
};

struct tcp_stack *tcp_router_stack(struct router *r)
{
	struct tcp_rtr *tr = r ? router_module_state(r, &tcp_module) : NULL;

	return tr ? tr->t : NULL;
}

static int rtr_send(void *ctx, const struct net_addr *src,
		    const struct net_addr *dst, const uint8_t *seg, size_t len)
{
	struct tcp_rtr *tr = ctx;
	struct router_ip_tx tx = { .src = *src, .dst = *dst };

	return router_ip_send(tr->r, &tx, TCP_PROTO, seg, len);
}

static bool rtr_is_local(void *ctx, const struct net_addr *a)
{
	struct tcp_rtr *tr = ctx;
	struct node *n = router_node(tr->r);

	for (int i = 0; i < n->nifaces; i++) {
		if (a->af == NET_AF_IP4) {
			struct net_ip4 v = net_addr_ip4(a);

			if (node_iface_has_addr4(n->ifaces[i], &v))
				return true;
		} else if (a->af == NET_AF_IP6) {
			struct net_ip6 v = net_addr_ip6(a);

			if (node_iface_has_addr6(n->ifaces[i], &v))
				return true;
		}
	}
	return false;
}

static const struct tcp_ops rtr_ops = {
	.ip_send = rtr_send,
	.is_local = rtr_is_local,
};

static void rtr_rx(void *ctx, struct router *r, struct node_iface *ifp,
		   const struct net_pkt_info *pi)
{
	struct tcp_rtr *tr = ctx;

	(void)r;
	(void)ifp;
	if (pi->l4 && !pi->fragment)
		tcp_input(tr->t, &pi->src, &pi->dst, pi->l4, pi->l4_len);
}

static void *tcp_rtr_create(struct router *r)
{
	struct tcp_rtr *tr = calloc(1, sizeof(*tr));
	struct tcp_cfg cfg;

	if (!tr)
		return NULL;
	tr->r = r;
	tcp_cfg_default(&cfg);
	tr->t = tcp_stack_new(router_node(r), &cfg, &rtr_ops, tr);
	if (!tr->t ||
	    router_register_proto(r, NET_AF_IP4, TCP_PROTO, rtr_rx, tr) != 0 ||
	    router_register_proto(r, NET_AF_IP6, TCP_PROTO, rtr_rx, tr) != 0) {
		tcp_stack_free(tr->t);
		free(tr);
		return NULL;
	}
	return tr;
}

static void tcp_rtr_destroy(void *state)
{
	struct tcp_rtr *tr = state;

	tcp_stack_free(tr->t);
	free(tr);
}

/* ---- displays ---- */

static void fmt_end(const struct net_addr *a, uint16_t port, char *buf,
		    size_t len)
{
	char s[NET_ADDR_STRLEN];

	net_addr_fmt(a, s, sizeof(s));
	if (a->af == NET_AF_IP6)
		snprintf(buf, len, "[%s]:%u", s, port);
	else
		snprintf(buf, len, "%s:%u", s, port);
}

struct disp {
	struct cli_ctx *ctx;
	int width; /* address column */
	size_t n;
};

static void widest(void *arg, const struct tcp_sock *s)
{
	struct disp *d = arg;
	struct tcp_sock_info in;
	char a[NET_ADDR_STRLEN + 8];
	int w;

	tcp_sock_info(s, &in);
	fmt_end(&in.local, in.lport, a, sizeof(a));
	w = (int)strlen(a) + 2;
	if (w > d->width)
		d->width = w;
	fmt_end(&in.remote, in.rport, a, sizeof(a));
	w = (int)strlen(a) + 2;
	if (w > d->width)
		d->width = w;
}

static void row(void *arg, const struct tcp_sock *s)
{
	struct disp *d = arg;
	struct tcp_sock_info in;
	char l[NET_ADDR_STRLEN + 8], f[NET_ADDR_STRLEN + 8];

	tcp_sock_info(s, &in);
	fmt_end(&in.local, in.lport, l, sizeof(l));
	fmt_end(&in.remote, in.rport, f, sizeof(f));
	cli_printf(d->ctx, "%08x  %-*s%-*s%-7u%s\n", tcp_sock_id(s), d->width,
		   l, d->width, f, 0u, tcp_state_vrp_name(in.state));
	d->n++;
}

static int disp_status(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct tcp_stack *t = tcp_router_stack(cli_ctx_owner(ctx));
	struct disp d = { .ctx = ctx, .width = 24 };

	(void)a;
	if (!t)
		return 0;
	tcp_each_sock(t, widest, &d);
	cli_printf(ctx, "%-10s%-*s%-*s%-7s%s\n", "TCPCB", d.width,
		   "Local Add:port", d.width, "Foreign Add:port", "VPNID",
		   "State");
	tcp_each_sock(t, row, &d);
	cli_printf(ctx, "Total: %zu\n", d.n);
	return 0;
}

static int disp_stats(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct tcp_stack *t = tcp_router_stack(cli_ctx_owner(ctx));
	struct tcp_stack_stats st;

	(void)a;
	if (!t)
		return 0;
	tcp_stack_stats(t, &st);
#define ROW(label, v)                                                          \
	cli_printf(ctx, "  %-30s: %llu\n", label, (unsigned long long)(v))
	cli_printf(ctx, "TCP statistics:\n");
	ROW("Segments received", st.segs_in);
	ROW("Segments sent", st.segs_out);
	ROW("Segments retransmitted", st.retransmits);
	ROW("Bad checksum", st.bad_checksum);
	ROW("Malformed", st.malformed);
	ROW("To no connection (RST sent)", st.no_socket);
	ROW("Dropped (unacceptable)", st.dropped);
	ROW("Challenge ACKs", st.challenge_acks);
	ROW("RST received", st.rst_in);
	ROW("RST sent", st.rst_out);
	ROW("Active opens", st.active_opens);
	ROW("Passive opens", st.passive_opens);
	ROW("Connections established", st.established);
	ROW("Send failures (no route)", st.send_failed);
	for (int i = 0; i < TCP_END__COUNT; i++) {
		char label[40];

		snprintf(label, sizeof(label), "Ended, %s",
			 tcp_end_name((enum tcp_end)i));
		ROW(label, st.ends[i]);
	}
#undef ROW
	return 0;
}

#define DISP (CLI_ACTION | CLI_ANY_VIEW)

static const struct cli_cmd tcp_cmds[] = {
	{ .pattern = "display tcp status",
	  .flags = DISP,
	  .apply = disp_status,
	  .help = "TCP connections" },
	{ .pattern = "display tcp statistics",
	  .flags = DISP,
	  .apply = disp_stats,
	  .help = "TCP counters" },
};

static int tcp_rtr_cli_register(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, tcp_cmds,
				      sizeof(tcp_cmds) / sizeof(tcp_cmds[0]));
}

const struct router_module tcp_module = {
	.name = "tcp",
	.cli_register = tcp_rtr_cli_register,
	.create = tcp_rtr_create,
	.destroy = tcp_rtr_destroy,
};
