/*
 * The VRP displays of IGMP and MLD, from the live state of the core
 * interfaces (protocols/gmp/gmp.h):
 *   display igmp group [ interface IF ] [ verbose ]
 *   display mld group [ interface IF ] [ verbose ]
 *   display igmp interface [ IF ]
 *   display mld interface [ IF ]
 * The group display lists the records hosts reported (RFC 3376 section 6
 * state: filter mode, group timer, source timers, compatibility mode of
 * section 7.3.2), marks records learned from a peer (RBS import) and then
 * lists the static groups (`igmp static-group`, `mld static-group`). The
 * interface display gives the configured version and timers, the querier
 * state of RFC 3376 section 6.6.2 with the querier's address, the running
 * timers, and the message and drop counters by reason. Times are shown as
 * VRP does (hh:mm:ss, whole seconds rounded down); layouts follow VRP, with
 * failsim's additions (counters, drops, the reason an interface is down)
 * after VRP's lines.
 */
#include "protocols/gmp/gmp_router_int.h"

#include <stdio.h>
#include <string.h>

#define DISP (CLI_ACTION | CLI_ANY_VIEW)

static const char *proto(enum net_af af)
{
	return af == NET_AF_IP6 ? "MLD" : "IGMP";
}

static const char *hms(sim_time_t t, char *buf, size_t len)
{
	return cli_fmt_hms(t, "off", buf, len);
}

static sim_time_t left(sim_time_t deadline, sim_time_t now)
{
	return cli_time_left(deadline, now);
}

static const char *addr_str(const struct net_addr *a, char *buf, size_t len)
{
	if (a->af == NET_AF_NONE)
		snprintf(buf, len, "-");
	else
		net_addr_fmt(a, buf, len);
	return buf;
}

/* The interface named by the line, or NULL (all); -1 when it does not
 * exist. */
static int want_iface(struct cli_ctx *ctx, const struct cli_args *a,
		      struct node_iface **out)
{
	struct router *r = cli_ctx_owner(ctx);

	*out = NULL;
	if (!cli_arg_has(a, "if"))
		return 0;
	*out = node_iface_find(router_node(r), cli_arg_str(a, "if"));
	if (!*out)
		return cli_error(ctx, "The interface %s does not exist.",
				 cli_arg_str(a, "if"));
	return 0;
}

static void iface_head(struct cli_ctx *ctx, const struct gmp_rif *rif,
		       const struct node_iface *ifp)
{
	char s[NET_ADDR_STRLEN];
	const struct gmp_if_cfg *c = rif->gi ? gmp_if_cfg(rif->gi) : &rif->cfg;

	if (c->addr.af == NET_AF_NONE)
		snprintf(s, sizeof(s),
			 rif->af == NET_AF_IP6 ? "::" : "0.0.0.0");
	else
		net_addr_fmt(&c->addr, s, sizeof(s));
	cli_printf(ctx, " %s(%s):\n", ifp->name, s);
}

/* ---- display igmp|mld group ---- */

struct grp_ctx {
	struct cli_ctx *ctx;
	enum net_af af;
	bool verbose;
	sim_time_t now;
};

static void show_sources(struct grp_ctx *x, const struct gmp_group_info *g)
{
	char s[NET_ADDR_STRLEN], t[16];

	if (!g->nsrc)
		return;
	cli_printf(x->ctx, "     Source list:\n");
	for (size_t i = 0; i < g->nsrc; i++) {
		const struct gmp_src_info *si = &g->srcs[i];
		sim_time_t l = left(si->expires, x->now);

		cli_printf(x->ctx, "       Source: %s%s\n",
			   addr_str(&si->addr, s, sizeof(s)),
			   si->imported ? " (imported)" : "");
		/* EXCLUDE mode, timer zero: the source is blocked. */
		if (g->mode == GMP_EXCLUDE && l <= 0)
			cli_printf(x->ctx, "         Expires: blocked\n");
		else
			cli_printf(x->ctx, "         Expires: %s\n",
				   hms(l, t, sizeof(t)));
	}
}

static void show_group(void *arg, const struct gmp_group_info *g)
{
	struct grp_ctx *x = arg;
	char ga[NET_ADDR_STRLEN], lr[NET_ADDR_STRLEN], up[16], ex[16];
	const char *imp = g->imported ? " (imported)" : "";

	addr_str(&g->group, ga, sizeof(ga));
	addr_str(&g->last_reporter, lr, sizeof(lr));
	hms(x->now - g->uptime, up, sizeof(up));
	hms(left(g->expires, x->now), ex, sizeof(ex));
	if (!x->verbose && x->af == NET_AF_IP4) {
		cli_printf(x->ctx, "   %-16s%-16s%-12s%s%s\n", ga, lr, up, ex,
			   imp);
		return;
	}
	if (!x->verbose) {
		cli_printf(x->ctx, "   Group Address: %s%s\n", ga, imp);
		cli_printf(x->ctx, "     Last Reporter: %s\n", lr);
		cli_printf(x->ctx, "     Uptime: %s\n", up);
		cli_printf(x->ctx, "     Expires: %s\n", ex);
		return;
	}
	cli_printf(x->ctx, "   Group: %s%s\n", ga, imp);
	cli_printf(x->ctx, "     Uptime: %s\n", up);
	cli_printf(x->ctx, "     Expires: %s\n", ex);
	cli_printf(x->ctx, "     Last reporter: %s\n", lr);
	cli_printf(x->ctx, "     Group mode: %s\n",
		   g->mode == GMP_EXCLUDE ? "exclude" : "include");
	cli_printf(x->ctx, "     Compatibility mode: %sv%u\n", proto(x->af),
		   g->compat);
	cli_printf(x->ctx, "     Learned from: %s\n",
		   g->imported ? "peer (backup)" : "hosts");
	show_sources(x, g);
}

struct static_ctx {
	struct cli_ctx *ctx;
	enum net_af af;
	size_t n;
	bool print;
};

static void static_one(void *arg, const struct net_addr *grp,
		       const struct net_addr *src)
{
	struct static_ctx *x = arg;
	char g[NET_ADDR_STRLEN], s[NET_ADDR_STRLEN];

	if (grp->af != x->af)
		return;
	x->n++;
	if (!x->print)
		return;
	addr_str(grp, g, sizeof(g));
	if (src->af == NET_AF_NONE)
		snprintf(s, sizeof(s), x->af == NET_AF_IP6 ? "::" : "0.0.0.0");
	else
		net_addr_fmt(src, s, sizeof(s));
	if (x->af == NET_AF_IP4)
		cli_printf(x->ctx, "   %-16s%-16s%s\n", g, s, "never");
	else
		cli_printf(x->ctx,
			   "   Group Address: %s\n     Source Address: %s\n"
			   "     Expires: never\n",
			   g, s);
}

static void show_static(struct cli_ctx *ctx, struct router *r,
			struct node_iface *only, enum net_af af)
{
	struct node *n = router_node(r);
	bool head = false;

	for (int i = 0; i < n->nifaces; i++) {
		struct node_iface *ifp = n->ifaces[i];
		struct static_ctx x = { .ctx = ctx, .af = af };

		if (only && only != ifp)
			continue;
		router_mcast_static_each(r, ifp, static_one, &x);
		if (!x.n)
			continue;
		if (!head)
			cli_printf(ctx, "Static join group information of "
					"VPN-Instance: public net\n");
		head = true;
		cli_printf(ctx, " %s:\n  Total %zu %s Static Group joined\n",
			   ifp->name, x.n, proto(af));
		if (af == NET_AF_IP4)
			cli_printf(ctx, "   %-16s%-16s%s\n", "Group Address",
				   "Source Address", "Expires");
		x.n = 0;
		x.print = true;
		router_mcast_static_each(r, ifp, static_one, &x);
	}
}

static int disp_group(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = cli_ctx_owner(ctx);
	struct gmp_inst *g = gmp_inst(r);
	struct node *n = router_node(r);
	struct grp_ctx x = {
		.ctx = ctx,
		.af = cli_arg_has(a, "mld") ? NET_AF_IP6 : NET_AF_IP4,
		.verbose = cli_arg_has(a, "verbose"),
		.now = node_now(n),
	};
	struct node_iface *only;
	bool head = false;

	if (!g || want_iface(ctx, a, &only) < 0)
		return g ? -1 : 0;
	for (int i = 0; i < n->nifaces; i++) {
		struct gmp_rif *rif = gmp_rif_find(g, i, x.af);
		struct gmp_if_info in;

		if (!rif || !rif->gi || (only && only->ifindex != i))
			continue;
		gmp_if_info(rif->gi, &in);
		if (!in.ngroups)
			continue;
		if (!head)
			cli_printf(ctx, "Interface group report information "
					"of VPN-Instance: public net\n");
		head = true;
		iface_head(ctx, rif, n->ifaces[i]);
		cli_printf(ctx, "  Total %zu %s Group%s reported\n", in.ngroups,
			   proto(x.af), in.ngroups == 1 ? "" : "s");
		if (!x.verbose && x.af == NET_AF_IP4)
			cli_printf(ctx, "   %-16s%-16s%-12s%s\n",
				   "Group Address", "Last Reporter", "Uptime",
				   "Expires");
		gmp_if_each_group(rif->gi, show_group, &x);
	}
	show_static(ctx, r, only, x.af);
	return 0;
}

/* ---- display igmp|mld interface ---- */

static void show_counters(struct cli_ctx *ctx, const struct gmp_rif *rif,
			  const struct gmp_if_info *in)
{
	cli_printf(ctx,
		   "   Queries sent: general %llu, group-specific %llu, "
		   "group-and-source-specific %llu\n",
		   (unsigned long long)in->tx_general,
		   (unsigned long long)in->tx_group,
		   (unsigned long long)in->tx_group_src);
	cli_printf(ctx, "   Received: queries %llu, ",
		   (unsigned long long)in->rx_query);
	for (int v = 1; v <= (rif->af == NET_AF_IP6 ? 2 : 3); v++)
		cli_printf(ctx, "v%d reports %llu, ", v,
			   (unsigned long long)in->rx_report[v]);
	cli_printf(ctx, "%s %llu\n", rif->af == NET_AF_IP6 ? "dones" : "leaves",
		   (unsigned long long)in->rx_leave);
	cli_printf(ctx, "   Send failures: %llu, version mismatches: %llu\n",
		   (unsigned long long)in->tx_fail,
		   (unsigned long long)in->version_warnings);
	cli_printf(ctx, "   Groups: joined %llu, left %llu\n",
		   (unsigned long long)in->joins,
		   (unsigned long long)in->leaves);
	cli_printf(ctx, "   Dropped:");
	for (int d = 0; d < GMP_DROP__COUNT; d++)
		cli_printf(ctx, "%s %s %llu", d ? "," : "", gmp_drop_name(d),
			   (unsigned long long)in->drops[d]);
	cli_printf(ctx, "\n   Ignored: v3 records %llu, own queries %llu\n",
		   (unsigned long long)rif->rec_ignored,
		   (unsigned long long)rif->own_ignored);
}

static void show_iface(struct cli_ctx *ctx, const struct gmp_rif *rif,
		       const struct node_iface *ifp, sim_time_t now)
{
	const struct gmp_if_cfg *c = gmp_if_cfg(rif->gi);
	const char *p = proto(rif->af);
	struct gmp_if_info in;
	char q[NET_ADDR_STRLEN], t[16];
	bool running = gmp_if_running(rif->gi);

	gmp_if_info(rif->gi, &in);
	iface_head(ctx, rif, ifp);
	cli_printf(ctx, "   %s is enabled\n", p);
	cli_printf(ctx, "   Current %s version is %u\n", p, c->version);
	if (running)
		cli_printf(ctx, "   %s state: up\n", p);
	else
		cli_printf(ctx, "   %s state: down (%s)\n", p, rif->down_why);
	/* A non-querier runs with the querier's QQI (RFC 3376 4.1.7). */
	if (running && in.qstate == GMP_NON_QUERIER)
		cli_printf(ctx,
			   "   Value of query interval for %s (negotiated): "
			   "%lld s\n",
			   p, (long long)(in.query_interval / SIM_S(1)));
	else
		cli_printf(ctx,
			   "   Value of query interval for %s (negotiated): "
			   "-\n",
			   p);
	cli_printf(ctx,
		   "   Value of query interval for %s (configured): "
		   "%lld s\n",
		   p, (long long)(c->query_interval / SIM_S(1)));
	cli_printf(ctx, "   Value of other querier timeout for %s: %lld s\n", p,
		   running && in.oqp_expires >= 0
			   ? (long long)(left(in.oqp_expires, now) / SIM_S(1))
			   : 0LL);
	cli_printf(ctx,
		   "   Value of maximum query response time for %s: %lld s\n",
		   p, (long long)(c->query_resp / SIM_S(1)));
	cli_printf(ctx, "   Value of robustness: %u\n", c->robustness);
	cli_printf(ctx, "   Value of last member query interval: %lld s\n",
		   (long long)(c->lmqi / SIM_S(1)));
	cli_printf(ctx, "   Value of last member query time: %lld s\n",
		   (long long)(gmp_lmqt(c) / SIM_S(1)));
	cli_printf(ctx, "   Value of other querier present interval: %lld s\n",
		   (long long)(gmp_oqpi(c) / SIM_S(1)));
	if (running)
		cli_printf(ctx, "   Querier for %s: %s%s\n", p,
			   addr_str(&in.querier, q, sizeof(q)),
			   in.qstate == GMP_QUERIER ? " (this router)" : "");
	cli_printf(ctx, "   General query timer expiry: %s\n",
		   hms(running ? left(in.next_query, now) : -1, t, sizeof(t)));
	cli_printf(ctx, "   Other querier present timer expiry: %s\n",
		   hms(running ? left(in.oqp_expires, now) : -1, t, sizeof(t)));
	show_counters(ctx, rif, &in);
	cli_printf(ctx, "  Total %zu %s Group%s reported\n", in.ngroups, p,
		   in.ngroups == 1 ? "" : "s");
}

static int disp_iface(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = cli_ctx_owner(ctx);
	struct gmp_inst *g = gmp_inst(r);
	struct node *n = router_node(r);
	enum net_af af = cli_arg_has(a, "mld") ? NET_AF_IP6 : NET_AF_IP4;
	struct node_iface *only;
	bool head = false;

	if (!g || want_iface(ctx, a, &only) < 0)
		return g ? -1 : 0;
	for (int i = 0; i < n->nifaces; i++) {
		struct gmp_rif *rif = gmp_rif_find(g, i, af);

		if (!rif || !rif->gi || (only && only->ifindex != i))
			continue;
		if (!head)
			cli_printf(ctx, "Interface information of "
					"VPN-Instance: public net\n");
		head = true;
		show_iface(ctx, rif, n->ifaces[i], node_now(n));
	}
	if (only && !head)
		return cli_error(ctx, "%s is not enabled on %s.", proto(af),
				 only->name);
	return 0;
}

static const struct cli_cmd gmp_disp_cmds[] = {
	{ .pattern = "display { igmp | mld } group [ interface <if:iface> ] "
		     "[ verbose ]",
	  .flags = DISP,
	  .apply = disp_group,
	  .help = "Group membership learned on interfaces" },
	{ .pattern = "display { igmp | mld } interface [ <if:iface> ]",
	  .flags = DISP,
	  .apply = disp_iface,
	  .help = "IGMP/MLD interface state" },
};

int gmp_display_register(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, gmp_disp_cmds,
				      sizeof(gmp_disp_cmds) /
					      sizeof(gmp_disp_cmds[0]));
}
