/*
 * The router's `display` commands in VRP layout: interface brief, ip
 * interface brief, IPv4/IPv6 routing tables (RIB), ARP and IPv6 neighbor
 * tables, and the multicast routing table as the ASIC holds it (so what is
 * shown is what forwards, including entries still waiting in the
 * programming queue being absent).
 */
#include "sim/router/router_cli.h"

#include <stdio.h>
#include <string.h>

static int disp_if_brief(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);

	(void)a;
	cli_printf(ctx, "PHY: Physical\n*down: administratively down\n"
			"(l): loopback\n"
			"InUti/OutUti: input utility/output utility\n");
	cli_printf(ctx, "%-28s%-6s%-10s%6s%7s%11s%11s\n", "Interface", "PHY",
		   "Protocol", "InUti", "OutUti", "inErrors", "outErrors");
	for (int i = 0; i < r->node.nifaces; i++) {
		struct node_iface *ifp = r->node.ifaces[i];
		const char *phy;

		if (!router_if_of(ifp))
			continue;
		phy = !ifp->admin_up				       ? "*down"
		      : (ifp->loopback || router_if_of(ifp)->detected) ? "up"
								       : "down";
		cli_printf(ctx, "%-28s%-6s%-10s%5s%%%6s%%%11llu%11llu\n",
			   ifp->name, phy,
			   ifp->oper_up ? (ifp->loopback ? "up(s)" : "up")
					: "down",
			   "0", "0", (unsigned long long)ifp->cnt.rx_drops,
			   (unsigned long long)ifp->cnt.tx_drops);
	}
	return 0;
}

static int disp_ip_if_brief(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);

	(void)a;
	cli_printf(ctx, "%-34s%-21s%-11s%s\n", "Interface", "IP Address/Mask",
		   "Physical", "Protocol");
	for (int i = 0; i < r->node.nifaces; i++) {
		struct node_iface *ifp = r->node.ifaces[i];
		const struct node_addr4 *p = node_iface_primary4(ifp);
		char addr[NET_ADDR_STRLEN + 4] = "unassigned";

		if (!router_if_of(ifp))
			continue;
		if (p) {
			struct net_addr ad = net_addr_from_ip4(&p->addr);
			char s[NET_ADDR_STRLEN];

			net_addr_fmt(&ad, s, sizeof(s));
			snprintf(addr, sizeof(addr), "%s/%u", s, p->plen);
		}
		/* Physical is the light and carrier, as in `display
		 * interface brief`: a port held down by a protocol is
		 * physically up, protocol down. */
		cli_printf(ctx, "%-34s%-21s%-11s%s\n", ifp->name, addr,
			   !ifp->admin_up ? "*down"
			   : (ifp->loopback || router_if_of(ifp)->detected)
				   ? "up"
				   : "down",
			   ifp->oper_up ? "up" : "down");
	}
	return 0;
}

static void rt_out(void *arg, const char *text)
{
	cli_printf(arg, "%s", text);
}

static void rt_ifname(void *arg, int ifindex, char *buf, size_t len)
{
	struct node_iface *ifp = router_iface_by_index(arg, ifindex);

	snprintf(buf, len, "%s", ifp ? ifp->name : "?");
}

static int disp_routes(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	struct rt_display_io io = { .out = rt_out,
				    .out_arg = ctx,
				    .ifname = rt_ifname,
				    .ifname_arg = r };

	rt_rib_display(r->cp->rib,
		       cli_arg_has(a, "ipv6") ? NET_AF_IP6 : NET_AF_IP4, &io);
	return 0;
}

static int disp_neighbors(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	bool v6 = cli_arg_has(a, "ipv6");
	const struct node_nbr_entry *e[256];

	cli_printf(ctx, "%-40s%-16s%-12s%s\n",
		   v6 ? "IPv6 Address" : "IP ADDRESS", "MAC ADDRESS", "STATE",
		   "INTERFACE");
	for (int i = 0; i < r->node.nifaces; i++) {
		struct node_iface *ifp = r->node.ifaces[i];
		struct router_if *rif = router_if_of(ifp);
		size_t n;

		if (!rif)
			continue;
		n = node_nbr_entries(v6 ? &rif->nd : &rif->arp, e, 256);
		for (size_t k = 0; k < n; k++) {
			char ip[NET_ADDR_STRLEN], mac[NET_MAC_STRLEN];

			net_addr_fmt(&e[k]->addr, ip, sizeof(ip));
			if (e[k]->state == NODE_NBR_INCOMPLETE)
				snprintf(mac, sizeof(mac), "Incomplete");
			else
				net_mac_fmt_vrp(&e[k]->mac, mac, sizeof(mac));
			cli_printf(ctx, "%-40s%-16s%-12s%s\n", ip, mac,
				   node_nbr_state_name(e[k]->state), ifp->name);
		}
	}
	return 0;
}

struct mfib_walk {
	struct cli_ctx *ctx;
	struct router *r;
	size_t n;
};

static void mfib_line(void *arg, const struct asic_mfib_entry *e)
{
	struct mfib_walk *w = arg;
	char s[NET_ADDR_STRLEN] = "*", g[NET_ADDR_STRLEN];
	struct node_iface *in = router_iface_by_index(w->r, e->iif);

	if (e->src.af != NET_AF_NONE)
		net_addr_fmt(&e->src, s, sizeof(s));
	net_addr_fmt(&e->grp, g, sizeof(g));
	w->n++;
	cli_printf(w->ctx, "%05zu. (%s, %s)\n", w->n, s, g);
	cli_printf(w->ctx, "      Uptime: %lldms\n",
		   (long long)((node_now(&w->r->node) - e->installed) /
			       SIM_MS(1)));
	cli_printf(w->ctx, "      Upstream Interface: %s\n",
		   in ? in->name : "NULL");
	cli_printf(w->ctx, "      List of %zu downstream interface%s\n",
		   e->noifs, e->noifs == 1 ? "" : "s");
	for (size_t i = 0; i < e->noifs; i++) {
		struct node_iface *o = router_iface_by_index(w->r, e->oifs[i]);

		cli_printf(w->ctx, "          %zu: %s\n", i + 1,
			   o ? o->name : "?");
	}
	cli_printf(w->ctx, "      Matched %llu packets, %llu bytes\n",
		   (unsigned long long)e->packets,
		   (unsigned long long)e->bytes);
}

static int disp_mroutes(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	bool v6 = cli_arg_has(a, "ipv6");
	struct mfib_walk w = { .ctx = ctx, .r = r };

	cli_printf(ctx,
		   "Multicast routing table of VPN-Instance: public net\n");
	asic_mfib_walk(r->asic, v6 ? NET_AF_IP6 : NET_AF_IP4, mfib_line, &w);
	cli_printf(ctx, " Total %zu entr%s\n", w.n, w.n == 1 ? "y" : "ies");
	return 0;
}

#define DISP (CLI_ACTION | CLI_ANY_VIEW)

static const struct cli_cmd display_cmds[] = {
	{ .pattern = "display interface brief",
	  .flags = DISP,
	  .apply = disp_if_brief,
	  .help = "Interface states" },
	{ .pattern = "display ip interface brief",
	  .flags = DISP,
	  .apply = disp_ip_if_brief,
	  .help = "Interface addresses" },
	{ .pattern = "display { ip | ipv6 } routing-table",
	  .flags = DISP,
	  .apply = disp_routes,
	  .help = "Routing table" },
	{ .pattern = "display arp",
	  .flags = DISP,
	  .apply = disp_neighbors,
	  .help = "ARP table" },
	{ .pattern = "display ipv6 neighbors",
	  .flags = DISP,
	  .apply = disp_neighbors,
	  .help = "IPv6 neighbor table" },
	{ .pattern = "display multicast [ ipv6 ] routing-table",
	  .flags = DISP,
	  .apply = disp_mroutes,
	  .help = "Multicast forwarding entries" },
};

int router_display_register(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, display_cmds,
				      sizeof(display_cmds) /
					      sizeof(display_cmds[0]));
}
