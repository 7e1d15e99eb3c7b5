/*
 * The VRP displays of PIM-SM, from the live engine (protocols/pim/pim.h)
 * and the module's configuration:
 *   display pim [ ipv6 ] neighbor [ ADDR ] [ interface IF ] [ verbose ]
 *   display pim [ ipv6 ] interface [ IF ] [ verbose ]
 *   display pim [ ipv6 ] routing-table
 *   display pim [ ipv6 ] rp-info [ GROUP ]
 *   display pim [ ipv6 ] statistics    (failsim: Register counters and
 *                                       drops by reason, both stages)
 * The neighbor table is RFC 7761 section 4.3 state (DR Priority,
 * Generation ID, Holdtime and its expiry); the interface display gives
 * the elected DR (4.3.2), the timers in use and the message counters,
 * with failsim's additions (why an interface does not run, drops by
 * reason) after VRP's lines; the routing table lists the Tree
 * Information Base of 4.1 ((*,G), (S,G) and (S,G,rpt) entries, their RP,
 * RPF interface and neighbor, upstream state and downstream interfaces
 * with their Join/Prune and Assert states). Layouts follow VRP (times as
 * hh:mm:ss, whole seconds rounded down; interface names shortened in
 * tables as VRP does: GE0/1/0).
 */
#include "protocols/pim/pim_router_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define DISP (CLI_ACTION | CLI_ANY_VIEW)

static const char *hms(sim_time_t t, char *buf, size_t len)
{
	return cli_fmt_hms(t, "-", buf, len);
}

static sim_time_t left(sim_time_t deadline, sim_time_t now)
{
	return cli_time_left(deadline, now);
}

/* VRP writes IPv6 addresses in upper case. */
static const char *addr_str(const struct net_addr *a, char *buf, size_t len)
{
	if (a->af == NET_AF_NONE) {
		snprintf(buf, len, "NULL");
		return buf;
	}
	net_addr_fmt(a, buf, len);
	for (char *c = buf; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return buf;
}

/* VRP's short interface names in tables. */
static const char *short_if(const char *name, char *buf, size_t len)
{
	static const struct {
		const char *full, *abbr;
	} tab[] = {
		{ "XGigabitEthernet", "XGE" },
		{ "GigabitEthernet", "GE" },
		{ "Ethernet", "Eth" },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		size_t n = strlen(tab[i].full);

		if (!strncmp(name, tab[i].full, n)) {
			snprintf(buf, len, "%s%s", tab[i].abbr, name + n);
			return buf;
		}
	}
	snprintf(buf, len, "%s", name);
	return buf;
}

static const char *ifname(struct router *r, int ifindex)
{
	struct node *n = router_node(r);

	return ifindex >= 0 && ifindex < n->nifaces ? n->ifaces[ifindex]->name
						    : "NULL";
}

static enum net_af line_af(const struct cli_args *a)
{
	return cli_arg_has(a, "ipv6") ? NET_AF_IP6 : NET_AF_IP4;
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

static void head(struct cli_ctx *ctx)
{
	cli_printf(ctx, " VPN-Instance: public net\n");
}

/* ---- display pim neighbor ---- */

struct nbr_ctx {
	struct cli_ctx *ctx;
	struct router *r;
	enum net_af af;
	struct node_iface *only;
	struct net_addr addr; /* af NONE: any */
	bool verbose, print;
	size_t n;
	sim_time_t now;
};

static void nbr_verbose(struct nbr_ctx *x, const struct pim_nbr_info *nb)
{
	char a[NET_ADDR_STRLEN], t[16];

	cli_printf(x->ctx, " Neighbor: %s\n",
		   addr_str(&nb->addr, a, sizeof(a)));
	cli_printf(x->ctx, "     Interface: %s\n", ifname(x->r, nb->ifindex));
	cli_printf(x->ctx, "     Uptime: %s\n",
		   hms(x->now - nb->uptime, t, sizeof(t)));
	if (nb->expires < 0)
		cli_printf(x->ctx, "     Expiry time: never\n");
	else
		cli_printf(x->ctx, "     Expiry time: %s\n",
			   hms(left(nb->expires, x->now), t, sizeof(t)));
	if (nb->has_dr_priority)
		cli_printf(x->ctx, "     DR Priority: %u\n", nb->dr_priority);
	else
		cli_printf(x->ctx, "     DR Priority: not advertised\n");
	cli_printf(x->ctx, "     Generation ID: 0X%08X\n", nb->genid);
	cli_printf(x->ctx, "     Holdtime: %lld s\n",
		   (long long)(nb->holdtime / SIM_S(1)));
}

static void nbr_one(void *arg, const struct pim_nbr_info *nb)
{
	struct nbr_ctx *x = arg;
	char a[NET_ADDR_STRLEN], s[NODE_IFNAME_MAX], up[16], ex[16], pr[16];

	if ((x->only && x->only->ifindex != nb->ifindex) ||
	    (x->addr.af != NET_AF_NONE && !net_addr_eq(&x->addr, &nb->addr)))
		return;
	x->n++;
	if (!x->print)
		return;
	if (x->verbose) {
		nbr_verbose(x, nb);
		return;
	}
	addr_str(&nb->addr, a, sizeof(a));
	short_if(ifname(x->r, nb->ifindex), s, sizeof(s));
	hms(x->now - nb->uptime, up, sizeof(up));
	if (nb->expires < 0)
		snprintf(ex, sizeof(ex), "never");
	else
		hms(left(nb->expires, x->now), ex, sizeof(ex));
	if (nb->has_dr_priority)
		snprintf(pr, sizeof(pr), "%u", nb->dr_priority);
	else
		snprintf(pr, sizeof(pr), "-");
	if (x->af == NET_AF_IP4)
		cli_printf(x->ctx, " %-16s%-20s%-9s%-9s%-13s%s\n", a, s, up, ex,
			   pr, "N");
	else
		cli_printf(x->ctx, " %s\n %-31s%-15s%-9s%-9s%-13s%s\n", a, "",
			   s, up, ex, pr, "N");
}

static int disp_nbr(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = cli_ctx_owner(ctx);
	struct nbr_ctx x = {
		.ctx = ctx,
		.r = r,
		.af = line_af(a),
		.verbose = cli_arg_has(a, "verbose"),
		.now = node_now(router_node(r)),
	};
	struct pim *p = pim_router_engine(r, x.af);

	if (want_iface(ctx, a, &x.only) < 0)
		return -1;
	if (cli_arg_has(a, "nbr")) {
		x.addr = cli_arg_addr(a, "nbr");
		if (x.addr.af != x.af)
			return cli_error(ctx, "%s is not an IPv%c address.",
					 cli_arg_str(a, "nbr"),
					 x.af == NET_AF_IP6 ? '6' : '4');
	}
	if (p)
		pim_each_nbr(p, nbr_one, &x);
	head(ctx);
	cli_printf(ctx, " Total Number of Neighbors = %zu\n\n", x.n);
	if (!x.n)
		return 0;
	if (!x.verbose && x.af == NET_AF_IP4)
		cli_printf(ctx, " %-16s%-20s%-9s%-9s%-13s%s\n", "Neighbor",
			   "Interface", "Uptime", "Expires", "Dr-Priority",
			   "BFD-Session");
	else if (!x.verbose)
		cli_printf(ctx, " %-31s%-15s%-9s%-9s%-13s%s\n", "Neighbor",
			   "Interface", "Uptime", "Expires", "Dr-Priority",
			   "BFD-Session");
	x.print = true;
	x.n = 0;
	pim_each_nbr(p, nbr_one, &x);
	return 0;
}

/* ---- display pim interface ---- */

static void show_drops(struct cli_ctx *ctx, const struct pim_rif *rif)
{
	cli_printf(ctx, "     Dropped on receipt:");
	for (int d = 0; d < PIM_RX__COUNT; d++)
		cli_printf(ctx, "%s %s %llu", d ? "," : "", pim_rx_drop_name(d),
			   (unsigned long long)rif->drops[d]);
	cli_printf(ctx, "\n");
}

static void if_verbose(struct cli_ctx *ctx, const struct pim_rif *rif,
		       const struct pim_if_info *in, sim_time_t now)
{
	const char *name = ifname(rif->f->g->r, rif->ifindex);
	char a[NET_ADDR_STRLEN], t[16];
	struct pim_if_cfg c;

	pim_rif_cfg(rif, &c);
	cli_printf(ctx, " Interface: %s, %s\n", name,
		   addr_str(&rif->addr, a, sizeof(a)));
	cli_printf(ctx, "     PIM version: 2\n     PIM mode: Sparse\n");
	if (in)
		cli_printf(ctx, "     PIM state: up\n");
	else
		cli_printf(ctx, "     PIM state: down (%s)\n", rif->down_why);
	cli_printf(ctx, "     PIM DR: %s%s\n",
		   in ? addr_str(&in->dr, a, sizeof(a)) : "NULL",
		   in && in->we_are_dr ? " (local)" : "");
	cli_printf(ctx, "     PIM DR Priority (configured): %u\n",
		   c.dr_priority);
	cli_printf(ctx, "     PIM neighbor count: %zu\n", in ? in->nnbrs : 0);
	cli_printf(ctx, "     PIM hello interval: %lld s\n",
		   (long long)(c.hello_period / SIM_S(1)));
	cli_printf(ctx, "     PIM LAN delay (configured): %lld ms\n",
		   (long long)(c.propagation_delay / SIM_MS(1)));
	cli_printf(ctx,
		   "     PIM hello override interval (configured): %lld ms\n",
		   (long long)(c.override_interval / SIM_MS(1)));
	cli_printf(ctx, "     PIM hello hold interval: %lld s\n",
		   (long long)(c.hello_holdtime / SIM_S(1)));
	cli_printf(ctx, "     PIM triggered hello delay: %lld s\n",
		   (long long)(c.triggered_hello / SIM_S(1)));
	cli_printf(ctx, "     PIM J/P interval: %lld s\n",
		   (long long)(rif->f->cfg.jp_period / SIM_S(1)));
	cli_printf(ctx, "     PIM J/P hold interval: %lld s\n",
		   (long long)(c.jp_holdtime / SIM_S(1)));
	cli_printf(ctx, "     PIM assert hold interval: %lld s\n",
		   (long long)(rif->f->cfg.assert_time / SIM_S(1)));
	cli_printf(ctx, "     PIM ignore DR state: %s\n",
		   c.ignore_dr ? "enabled" : "disabled");
	cli_printf(ctx, "     PIM ignore assert state: %s\n",
		   c.ignore_assert ? "enabled" : "disabled");
	cli_printf(ctx, "     Next hello: %s\n",
		   hms(in ? left(in->next_hello, now) : -1, t, sizeof(t)));
	if (in) {
		cli_printf(ctx,
			   "     Sent: hello %llu, join/prune %llu, assert "
			   "%llu\n",
			   (unsigned long long)in->hello_tx,
			   (unsigned long long)in->jp_tx,
			   (unsigned long long)in->assert_tx);
		cli_printf(ctx,
			   "     Received: hello %llu, join/prune %llu, "
			   "assert %llu, discarded %llu\n",
			   (unsigned long long)in->hello_rx,
			   (unsigned long long)in->jp_rx,
			   (unsigned long long)in->assert_rx,
			   (unsigned long long)in->drops);
	}
	show_drops(ctx, rif);
}

static void if_brief(struct cli_ctx *ctx, const struct pim_rif *rif,
		     const struct pim_if_info *in)
{
	char s[NODE_IFNAME_MAX], a[NET_ADDR_STRLEN], ln[128];
	struct pim_if_cfg c;

	pim_rif_cfg(rif, &c);
	short_if(ifname(rif->f->g->r, rif->ifindex), s, sizeof(s));
	if (in)
		addr_str(&in->dr, a, sizeof(a));
	else
		snprintf(a, sizeof(a), "NULL");
	snprintf(ln, sizeof(ln), "%-20s%-6s%-7zu%-11lld%-11u", s,
		 in ? "up" : "down", in ? in->nnbrs : 0,
		 (long long)(c.hello_period / SIM_S(1)), c.dr_priority);
	if (rif->f->af == NET_AF_IP4)
		cli_printf(ctx, " %s%s%s\n", ln, a,
			   in && in->we_are_dr ? " (local)" : "");
	else
		cli_printf(ctx, " %s\n %s%s\n", ln, a,
			   in && in->we_are_dr ? " (local)" : "");
}

static int disp_iface(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = cli_ctx_owner(ctx);
	struct pim_fam *f = pim_fam(pim_inst(r), line_af(a));
	bool verbose = cli_arg_has(a, "verbose");
	const struct pim_rif *orif;
	struct node_iface *only;

	if (!f || want_iface(ctx, a, &only) < 0)
		return f ? -1 : 0;
	orif = only ? pim_rif_find(f, only->ifindex) : NULL;
	if (only && !(orif && orif->sm))
		return cli_error(ctx, "PIM%s is not enabled on %s.",
				 f->af == NET_AF_IP6 ? " IPv6" : "",
				 only->name);
	head(ctx);
	if (!verbose && f->af == NET_AF_IP4)
		cli_printf(ctx, " %-20s%-6s%-7s%-11s%-11s%s\n", "Interface",
			   "State", "NbrCnt", "HelloInt", "DR-Pri",
			   "DR-Address");
	else if (!verbose)
		cli_printf(ctx, " %-20s%-6s%-7s%-11s%-11s\n %s\n", "Interface",
			   "State", "NbrCnt", "HelloInt", "DR-Pri",
			   "DR-Address");
	for (int i = 0; i < router_node(r)->nifaces; i++) {
		const struct pim_rif *rif = pim_rif_find(f, i);
		struct pim_if_info in;
		bool run;

		if (!rif || !rif->sm || (only && only->ifindex != i))
			continue;
		run = rif->added && f->p && pim_if_info(f->p, i, &in);
		if (verbose)
			if_verbose(ctx, rif, run ? &in : NULL,
				   node_now(router_node(r)));
		else
			if_brief(ctx, rif, run ? &in : NULL);
	}
	return 0;
}

/* ---- display pim routing-table ---- */

struct ent_ctx {
	struct cli_ctx *ctx;
	struct pim_fam *f;
	bool print;
	size_t nstar, nsg;
	sim_time_t now;
};

/* Where a "local" downstream interface's members come from. */
static const char *local_proto(const struct pim_fam *f, int ifindex,
			       const struct net_addr *grp)
{
	for (size_t i = 0; i < f->nmbr; i++)
		if (f->mbr[i].ifindex == ifindex &&
		    net_addr_eq(&f->mbr[i].grp, grp) && f->mbr[i].stat &&
		    !f->mbr[i].gmp)
			return "static";
	return f->af == NET_AF_IP6 ? "mld" : "igmp";
}

static void ent_oifs(struct ent_ctx *x, const struct pim_entry_info *e)
{
	struct router *r = x->f->g->r;
	char t[16];

	cli_printf(x->ctx, "     Downstream interface(s) information:");
	if (!e->noifs) {
		cli_printf(x->ctx, " None\n");
		return;
	}
	cli_printf(x->ctx, "\n     Total number of downstreams: %zu\n",
		   e->noifs);
	for (size_t i = 0; i < e->noifs && i < 32; i++) {
		const char *st = e->oifs[i].state ? e->oifs[i].state : "-";
		bool local = strstr(st, "local") != NULL;

		cli_printf(x->ctx, "        %zu: %s\n", i + 1,
			   ifname(r, e->oifs[i].ifindex));
		cli_printf(
			x->ctx,
			"             Protocol: %s, State: %s, Assert: %s, "
			"Expires: %s\n",
			local ? local_proto(x->f, e->oifs[i].ifindex, &e->grp)
			      : "pim-sm",
			st,
			e->oifs[i].assert_state ? e->oifs[i].assert_state : "-",
			hms(left(e->oifs[i].expires, x->now), t, sizeof(t)));
	}
}

static void ent_one(void *arg, const struct pim_entry_info *e)
{
	struct ent_ctx *x = arg;
	char s[NET_ADDR_STRLEN], g[NET_ADDR_STRLEN], t[16];
	bool star = e->src.af == NET_AF_NONE;
	bool ssm = net_prefix_contains(&x->f->cfg.ssm_range, &e->grp);
	struct router *r = x->f->g->r;

	if (star)
		x->nstar++;
	else
		x->nsg++;
	if (!x->print)
		return;
	addr_str(&e->grp, g, sizeof(g));
	cli_printf(x->ctx, "\n (%s, %s)%s\n",
		   star ? "*" : addr_str(&e->src, s, sizeof(s)), g,
		   e->rpt ? " rpt" : "");
	if (!ssm)
		cli_printf(x->ctx, "     RP: %s%s\n",
			   addr_str(&e->rp, s, sizeof(s)),
			   e->rp.af != NET_AF_NONE &&
					   pim_router_ops.is_local(x->f, &e->rp)
				   ? " (local)"
				   : "");
	cli_printf(x->ctx, "     Protocol: %s, Flag:%s%s%s\n",
		   ssm ? "pim-ssm" : "pim-sm", star ? " WC" : "",
		   e->rpt ? " RPT" : "", e->spt ? " SPT" : "");
	cli_printf(x->ctx, "     UpTime: %s\n",
		   hms(x->now - e->uptime, t, sizeof(t)));
	cli_printf(x->ctx, "     Upstream interface: %s\n", ifname(r, e->iif));
	cli_printf(x->ctx, "         Upstream neighbor: %s\n",
		   addr_str(&e->rpf_nbr, s, sizeof(s)));
	cli_printf(x->ctx, "         RPF prime neighbor: %s\n",
		   addr_str(&e->rpf_nbr, s, sizeof(s)));
	cli_printf(x->ctx, "         Upstream state: %s\n",
		   e->upstream_state ? e->upstream_state : "-");
	if (e->register_state)
		cli_printf(x->ctx, "         Register state: %s\n",
			   e->reg_state ? e->reg_state : "-");
	if (!star)
		cli_printf(
			x->ctx, "         Keepalive expires: %s\n",
			hms(left(e->keepalive_expires, x->now), t, sizeof(t)));
	ent_oifs(x, e);
}

static int disp_table(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = cli_ctx_owner(ctx);
	struct pim_fam *f = pim_fam(pim_inst(r), line_af(a));
	struct ent_ctx x = { .ctx = ctx, .f = f };

	if (!f)
		return 0;
	x.now = node_now(router_node(r));
	head(ctx);
	if (f->p)
		pim_each_entry(f->p, ent_one, &x);
	cli_printf(ctx, " Total %zu (*, G) entr%s; %zu (S, G) entr%s\n",
		   x.nstar, x.nstar == 1 ? "y" : "ies", x.nsg,
		   x.nsg == 1 ? "y" : "ies");
	if (!f->p)
		return 0;
	x.print = true;
	pim_each_entry(f->p, ent_one, &x);
	return 0;
}

/* ---- display pim rp-info ---- */

static int disp_rp(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = cli_ctx_owner(ctx);
	struct pim_fam *f = pim_fam(pim_inst(r), line_af(a));
	char s[NET_ADDR_STRLEN], p[NET_ADDR_STRLEN + 4];
	struct net_addr g, rp;

	if (!f)
		return 0;
	head(ctx);
	if (cli_arg_has(a, "g")) {
		g = cli_arg_addr(a, "g");
		if (g.af != f->af || !net_addr_is_multicast(&g))
			return cli_error(ctx,
					 "%s is not a multicast group of "
					 "the family.",
					 cli_arg_str(a, "g"));
		if (!f->p || !pim_rp_of(f->p, &g, &rp))
			cli_printf(ctx, " RP: NULL\n");
		else
			cli_printf(ctx, " RP: %s%s\n",
				   addr_str(&rp, s, sizeof(s)),
				   pim_router_ops.is_local(f, &rp) ? " (local)"
								   : "");
		return 0;
	}
	cli_printf(ctx, " PIM-SM RP-set information:\n");
	for (size_t i = 0; i < f->cfg.nrps; i++) {
		const struct pim_rp_cfg *c = &f->cfg.rps[i];

		net_prefix_fmt(&c->range, p, sizeof(p));
		cli_printf(ctx, "   Static RP: %s%s\n",
			   addr_str(&c->rp, s, sizeof(s)),
			   pim_router_ops.is_local(f, &c->rp) ? " (local)"
							      : "");
		cli_printf(ctx, "     Group/MaskLen: %s\n", p);
	}
	net_prefix_fmt(&f->cfg.ssm_range, p, sizeof(p));
	cli_printf(ctx, " SSM group range: %s\n", p);
	return 0;
}

/* ---- display pim statistics ---- */

static void sum_drops(const struct pim_fam *f, uint64_t *out)
{
	memcpy(out, f->drops, sizeof(f->drops));
	for (size_t i = 0; i < f->nrif; i++)
		for (int d = 0; d < PIM_RX__COUNT; d++)
			out[d] += f->rif[i]->drops[d];
}

static int disp_stats(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = cli_ctx_owner(ctx);
	struct pim_fam *f = pim_fam(pim_inst(r), line_af(a));
	uint64_t rx[PIM_RX__COUNT];
	struct pim_stats st;

	if (!f)
		return 0;
	head(ctx);
	if (f->p)
		cli_printf(ctx, " PIM state: up\n");
	else
		cli_printf(ctx, " PIM state: down (%s)\n", f->down_why);
	sum_drops(f, rx);
	cli_printf(ctx, " Dropped on receipt:");
	for (int d = 0; d < PIM_RX__COUNT; d++)
		cli_printf(ctx, "%s %s %llu", d ? "," : "", pim_rx_drop_name(d),
			   (unsigned long long)rx[d]);
	cli_printf(ctx, "\n");
	if (!f->p)
		return 0;
	pim_get_stats(f->p, &st);
	cli_printf(ctx, " Entries: %llu\n", (unsigned long long)st.entries);
	cli_printf(ctx,
		   " Register: sent %llu (null %llu), received %llu\n"
		   " Register-Stop: sent %llu, received %llu\n"
		   " Send failures: %llu\n",
		   (unsigned long long)st.register_tx,
		   (unsigned long long)st.null_register_tx,
		   (unsigned long long)st.register_rx,
		   (unsigned long long)st.register_stop_tx,
		   (unsigned long long)st.register_stop_rx,
		   (unsigned long long)st.tx_fail);
	cli_printf(ctx, " Discarded by the protocol:");
	for (int d = 0; d < PIM_DROP__COUNT; d++)
		cli_printf(ctx, "%s %s %llu", d ? "," : "", pim_drop_name(d),
			   (unsigned long long)st.drops[d]);
	cli_printf(ctx, "\n");
	return 0;
}

static const struct cli_cmd pim_disp_cmds[] = {
	{ .pattern = "display pim [ ipv6 ] neighbor [ <nbr:ip> ] "
		     "[ interface <if:iface> ] [ verbose ]",
	  .flags = DISP,
	  .apply = disp_nbr,
	  .help = "PIM neighbors" },
	{ .pattern = "display pim [ ipv6 ] interface [ <if:iface> ] "
		     "[ verbose ]",
	  .flags = DISP,
	  .apply = disp_iface,
	  .help = "PIM interfaces" },
	{ .pattern = "display pim [ ipv6 ] routing-table",
	  .flags = DISP,
	  .apply = disp_table,
	  .help = "PIM routing table (tree information base)" },
	{ .pattern = "display pim [ ipv6 ] rp-info [ <g:ip> ]",
	  .flags = DISP,
	  .apply = disp_rp,
	  .help = "PIM RP information" },
	{ .pattern = "display pim [ ipv6 ] statistics",
	  .flags = DISP,
	  .apply = disp_stats,
	  .help = "PIM message and drop counters (failsim)" },
};

int pim_display_register(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, pim_disp_cmds,
				      sizeof(pim_disp_cmds) /
					      sizeof(pim_disp_cmds[0]));
}
