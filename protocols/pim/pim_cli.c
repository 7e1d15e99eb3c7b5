/*
 * VRP commands of PIM-SM (Huawei VRP8 names, ranges and defaults; the
 * defaults are RFC 7761 section 4.11's), each with its undo form.
 * Interface view (IPv6: `pim ipv6 ...` for every one):
 *   pim sm                                      enable PIM-SM
 *   pim timer hello S               (1-18000, 30)  Hello_Period
 *   pim hello-option holdtime S     (1-65535; 3.5 x hello, 105)
 *   pim hello-option dr-priority N  (0-4294967295, 1)
 *   pim hello-option lan-delay MS   (1-32767, 500)  Propagation_Delay
 *   pim hello-option override-interval MS (1-65535, 2500) t_override
 *   pim triggered-hello-delay S     (1-5, 5)        Triggered_Hello_Delay
 *   pim holdtime join-prune S       (1-65535; 3.5 x t_periodic, 210)
 *   pim ignore dr-state     build downstream state and join upstream even
 *                           when not DR (failsim, /work/shared/SEMANTICS.md)
 *   pim ignore assert-state no Assert on the interface (idem)
 * System view: `pim` enters the IPv4 PIM view ([~R1-pim]), `pim-ipv6` the
 * IPv6 one ([~R1-pim6]); `undo pim` / `undo pim-ipv6` restore every
 * default. In both views:
 *   static-rp ADDR [ group-range PREFIX ] [ preferred ]
 *       a static RP; VRP selects the groups with a basic ACL, which
 *       failsim does not have: without group-range the RP serves every
 *       group (224.0.0.0/4, ff00::/8), group-range is failsim's stand-in
 *       for the ACL. `preferred` (static over BSR-learned RPs) is accepted
 *       and changes nothing, as failsim learns no RP from a BSR.
 *   spt-switch-threshold { infinity | 0 }
 *       last-hop routers never switch to the SPT, or at the first packet
 *       (the default); VRP's rate thresholds are refused, failsim measures
 *       no rates.
 *   timer join-prune S (1-18000, 60)   timer hello S (1-18000, 30)
 *   hello-option { dr-priority | holdtime | lan-delay | override-interval }
 *       defaults for every interface (an interface's own value wins)
 *   holdtime join-prune S (1-65535)    holdtime assert S (7-65535, 180)
 *   source-lifetime S (60-65535, 210)  Keepalive_Period
 *   register-suppression-timeout S (11-3600, 60)
 *   probe-interval S (1-1799, 5)       Register_Probe_Time, which RFC
 *       7761 4.11 wants below half the suppression time (checked both
 *       ways).
 * Every command except undo forms needs `multicast [ipv6] routing-enable`
 * first, checked when the line is applied (VRP refuses them without it).
 * `pim sm` on an interface without an address is accepted and stays
 * inactive until the address comes (display says why).
 */
#include "protocols/pim/pim_router_int.h"

#include <stdio.h>
#include <string.h>

/* What a parameter command sets. */
enum pim_gparam {
	G_JP_PERIOD,
	G_JP_HOLD,
	G_ASSERT,
	G_KEEPALIVE,
	G_REG_SUPP,
	G_PROBE,
};

struct pim_cmd_data {
	enum net_af af;
	int param;  /* enum pim_iparam or enum pim_gparam */
	int64_t ns; /* ns per unit of the value; 0: no unit */
};

static const char *af_name(enum net_af af)
{
	return af == NET_AF_IP6 ? " ipv6" : "";
}

static const struct pim_cmd_data *data(struct cli_ctx *ctx)
{
	return cli_ctx_data(ctx);
}

/* The family's state for a line, checking multicast routing. */
static struct pim_fam *ctx_fam(struct cli_ctx *ctx, const struct cli_args *a,
			       enum net_af af)
{
	struct router *r = cli_ctx_owner(ctx);
	struct pim_fam *f = pim_fam(pim_inst(r), af);

	if (!f) {
		cli_error(ctx, "The router is not running.");
		return NULL;
	}
	if (!cli_args_undo(a) && !router_mcast_enabled(r, af)) {
		cli_error(ctx,
			  "Multicast routing is disabled: run multicast%s "
			  "routing-enable first.",
			  af_name(af));
		return NULL;
	}
	return f;
}

static struct pim_rif *ctx_rif(struct cli_ctx *ctx, const struct cli_args *a,
			       enum net_af af)
{
	struct router *r = cli_ctx_owner(ctx);
	const char *ifname = cli_ctx_key(ctx, "interface");
	struct node_iface *ifp =
		ifname ? node_iface_find(router_node(r), ifname) : NULL;
	struct pim_fam *f;
	struct pim_rif *rif;

	if (!ifp) {
		cli_error(ctx, "The interface %s does not exist.",
			  ifname ? ifname : "?");
		return NULL;
	}
	f = ctx_fam(ctx, a, af);
	if (!f)
		return NULL;
	rif = pim_rif_get(f, ifp->ifindex);
	if (!rif)
		cli_error(ctx, "Out of memory.");
	return rif;
}

/* ---- interface view ---- */

static int do_sm(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct pim_rif *rif = ctx_rif(ctx, a, data(ctx)->af);

	if (!rif)
		return -1;
	rif->sm = !cli_args_undo(a);
	/* After the whole commit: an address typed later counts. */
	pim_fam_sync_later(rif->f);
	return 0;
}

static int do_if_param(struct cli_ctx *ctx, const struct cli_args *a)
{
	const struct pim_cmd_data *d = data(ctx);
	struct pim_rif *rif = ctx_rif(ctx, a, d->af);
	struct pim_knob *k;

	if (!rif)
		return -1;
	k = &rif->k[d->param];
	k->set = !cli_args_undo(a);
	k->v = cli_arg_int(a, "v") * (d->ns ? d->ns : 1);
	pim_rif_apply(rif);
	return 0;
}

static int do_ignore(struct cli_ctx *ctx, const struct cli_args *a)
{
	const struct pim_cmd_data *d = data(ctx);
	struct pim_rif *rif = ctx_rif(ctx, a, d->af);

	if (!rif)
		return -1;
	if (d->param)
		rif->ignore_assert = !cli_args_undo(a);
	else
		rif->ignore_dr = !cli_args_undo(a);
	pim_rif_apply(rif);
	return 0;
}

/* ---- pim / pim-ipv6 views ---- */

static enum net_af view_af(struct cli_ctx *ctx)
{
	const char *v = cli_ctx_view(ctx);

	return v && !strcmp(v, "pim-ipv6") ? NET_AF_IP6 : NET_AF_IP4;
}

static int do_view(struct cli_ctx *ctx, const struct cli_args *a)
{
	enum net_af af = data(ctx)->af;
	struct pim_fam *f = ctx_fam(ctx, a, af);

	if (!f)
		return -1;
	f->view = !cli_args_undo(a);
	if (!f->view) {
		pim_cfg_default(&f->cfg, af);
		memset(f->dflt, 0, sizeof(f->dflt));
		pim_fam_apply(f);
	}
	return 0;
}

static struct net_prefix all_groups(enum net_af af)
{
	struct net_prefix p;

	net_prefix_parse(af == NET_AF_IP6 ? "ff00::/8" : "224.0.0.0/4", &p,
			 false);
	return p;
}

static bool rp_usable(const struct net_addr *a)
{
	struct net_ip6 a6 = net_addr_ip6(a);
	static const uint8_t lo6[16] = { [15] = 1 };

	if (net_addr_is_unspec(a) || net_addr_is_multicast(a))
		return false;
	if (a->af == NET_AF_IP4)
		return a->b[0] != 0 && a->b[0] != 127 && a->b[0] < 224;
	return !net_ip6_is_link_local(&a6) && memcmp(a->b, lo6, 16) != 0;
}

static int rp_find(const struct pim_cfg *c, const struct net_addr *rp)
{
	for (size_t i = 0; i < c->nrps; i++)
		if (net_addr_eq(&c->rps[i].rp, rp))
			return (int)i;
	return -1;
}

static int do_static_rp(struct cli_ctx *ctx, const struct cli_args *a)
{
	enum net_af af = view_af(ctx);
	struct pim_fam *f = ctx_fam(ctx, a, af);
	struct net_addr rp = cli_arg_addr(a, "rp");
	struct net_prefix range = all_groups(af), any = all_groups(af);
	int i;

	if (!f)
		return -1;
	i = rp_find(&f->cfg, &rp);
	if (cli_args_undo(a)) {
		if (i >= 0)
			f->cfg.rps[i] = f->cfg.rps[--f->cfg.nrps];
		pim_fam_apply(f);
		return 0;
	}
	if (!rp_usable(&rp))
		return cli_error(ctx,
				 "The RP address %s is not a unicast "
				 "address.",
				 cli_arg_str(a, "rp"));
	if (cli_arg_has(a, "range")) {
		range = cli_arg_prefix(a, "range");
		if (range.len < any.len ||
		    !net_prefix_contains(&any, &range.addr))
			return cli_error(ctx,
					 "The group range %s is not multicast.",
					 cli_arg_str(a, "range"));
	}
	if (i < 0 && f->cfg.nrps >= PIM_MAX_RPS)
		return cli_error(ctx, "At most %d static RPs.", PIM_MAX_RPS);
	if (i < 0)
		i = (int)f->cfg.nrps++;
	f->cfg.rps[i].rp = rp;
	f->cfg.rps[i].range = range;
	pim_fam_apply(f);
	return 0;
}

static int do_spt(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct pim_fam *f = ctx_fam(ctx, a, view_af(ctx));

	if (!f)
		return -1;
	if (!cli_args_undo(a) && cli_arg_has(a, "rate") &&
	    cli_arg_int(a, "rate") != 0)
		return cli_error(ctx, "Only 0 or infinity: failsim does not "
				      "measure traffic rates.");
	f->cfg.spt_never = !cli_args_undo(a) && cli_arg_has(a, "infinity");
	pim_fam_apply(f);
	return 0;
}

static int do_view_if_param(struct cli_ctx *ctx, const struct cli_args *a)
{
	const struct pim_cmd_data *d = data(ctx);
	struct pim_fam *f = ctx_fam(ctx, a, view_af(ctx));
	struct pim_knob *k;

	if (!f)
		return -1;
	k = &f->dflt[d->param];
	k->set = !cli_args_undo(a);
	k->v = cli_arg_int(a, "v") * (d->ns ? d->ns : 1);
	pim_fam_apply(f);
	return 0;
}

static sim_time_t *gparam(struct pim_cfg *c, enum pim_gparam p)
{
	switch (p) {
	case G_JP_PERIOD:
		return &c->jp_period;
	case G_ASSERT:
		return &c->assert_time;
	case G_KEEPALIVE:
		return &c->keepalive;
	case G_REG_SUPP:
		return &c->register_suppression;
	case G_PROBE:
		return &c->register_probe;
	default:
		return NULL;
	}
}

static int do_view_param(struct cli_ctx *ctx, const struct cli_args *a)
{
	const struct pim_cmd_data *d = data(ctx);
	enum net_af af = view_af(ctx);
	struct pim_fam *f = ctx_fam(ctx, a, af);
	struct pim_cfg c, dflt;
	sim_time_t *v;

	if (!f)
		return -1;
	c = f->cfg;
	pim_cfg_default(&dflt, af);
	v = gparam(&c, (enum pim_gparam)d->param);
	if (!v)
		return cli_error(ctx, "Unknown parameter.");
	*v = cli_args_undo(a) ? *gparam(&dflt, (enum pim_gparam)d->param)
			      : cli_arg_int(a, "v") * d->ns;
	/* RFC 7761 4.11: Register_Probe_Time below half of
	 * Register_Suppression_Time. */
	if (2 * c.register_probe >= c.register_suppression)
		return cli_error(
			ctx,
			"Probe interval %lld s is not below half the "
			"register suppression timeout %lld s.",
			(long long)(c.register_probe / SIM_S(1)),
			(long long)(c.register_suppression / SIM_S(1)));
	f->cfg = c;
	pim_fam_apply(f);
	return 0;
}

/* ---- tables ---- */

#define S  SIM_S(1)
#define MS SIM_MS(1)

static const struct pim_cmd_data d4 = { NET_AF_IP4, 0, 0 };
static const struct pim_cmd_data d6 = { NET_AF_IP6, 0, 0 };
static const struct pim_cmd_data ign_assert4 = { NET_AF_IP4, 1, 0 };
static const struct pim_cmd_data ign_assert6 = { NET_AF_IP6, 1, 0 };

#define IFD(name, af, p, unit)                                                 \
	static const struct pim_cmd_data name = { af, p, unit }
IFD(hello4, NET_AF_IP4, PIM_P_HELLO, S);
IFD(hello6, NET_AF_IP6, PIM_P_HELLO, S);
IFD(hold4, NET_AF_IP4, PIM_P_HOLDTIME, S);
IFD(hold6, NET_AF_IP6, PIM_P_HOLDTIME, S);
IFD(prio4, NET_AF_IP4, PIM_P_DR_PRIO, 0);
IFD(prio6, NET_AF_IP6, PIM_P_DR_PRIO, 0);
IFD(lan4, NET_AF_IP4, PIM_P_LAN_DELAY, MS);
IFD(lan6, NET_AF_IP6, PIM_P_LAN_DELAY, MS);
IFD(ovr4, NET_AF_IP4, PIM_P_OVERRIDE, MS);
IFD(ovr6, NET_AF_IP6, PIM_P_OVERRIDE, MS);
IFD(trig4, NET_AF_IP4, PIM_P_TRIGGERED, S);
IFD(trig6, NET_AF_IP6, PIM_P_TRIGGERED, S);
IFD(jph4, NET_AF_IP4, PIM_P_JP_HOLD, S);
IFD(jph6, NET_AF_IP6, PIM_P_JP_HOLD, S);
/* View parameters: the family comes from the view. */
IFD(g_jp, NET_AF_NONE, G_JP_PERIOD, S);
IFD(g_assert, NET_AF_NONE, G_ASSERT, S);
IFD(g_ka, NET_AF_NONE, G_KEEPALIVE, S);
IFD(g_supp, NET_AF_NONE, G_REG_SUPP, S);
IFD(g_probe, NET_AF_NONE, G_PROBE, S);

#define IFV "interface"
/* An interface command for both families: "pim X" and "pim ipv6 X",
 * identified by their keywords (k words for IPv4, k + 1 for IPv6). */
#define IFCMD(x, k, fn, dat4, dat6, text)                                      \
	{ .view = IFV,                                                         \
	  .pattern = "pim " x,                                                 \
	  .flags = CLI_UNDO,                                                   \
	  .key_tokens = (k),                                                   \
	  .undo_tokens = (k),                                                  \
	  .apply = (fn),                                                       \
	  .help = (text),                                                      \
	  .data = (dat4) },                                                    \
	{                                                                      \
		.view = IFV, .pattern = "pim ipv6 " x, .flags = CLI_UNDO,      \
		.key_tokens = (k) + 1, .undo_tokens = (k) + 1, .apply = (fn),  \
		.help = (text), .data = (dat6)                                 \
	}

/* A command of both PIM views. */
#define VCMD(x, k, fn, dat, text)                                              \
	{ .view = "pim",                                                       \
	  .pattern = (x),                                                      \
	  .flags = CLI_UNDO,                                                   \
	  .key_tokens = (k),                                                   \
	  .undo_tokens = (k),                                                  \
	  .apply = (fn),                                                       \
	  .help = (text),                                                      \
	  .data = (dat) },                                                     \
	{                                                                      \
		.view = "pim-ipv6", .pattern = (x), .flags = CLI_UNDO,         \
		.key_tokens = (k), .undo_tokens = (k), .apply = (fn),          \
		.help = (text), .data = (dat)                                  \
	}

static const struct cli_view_def pim_views[] = {
	{ .name = "pim", .prompt = "pim" },
	{ .name = "pim-ipv6", .prompt = "pim6" },
};

static const struct cli_cmd pim_cmds[] = {
	{ .pattern = "pim",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "pim",
	  .apply = do_view,
	  .help = "Enter the PIM view (IPv4)",
	  .data = &d4 },
	{ .pattern = "pim-ipv6",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "pim-ipv6",
	  .apply = do_view,
	  .help = "Enter the IPv6 PIM view",
	  .data = &d6 },
	IFCMD("sm", 2, do_sm, &d4, &d6, "Enable PIM-SM on the interface"),
	IFCMD("timer hello <v:int:1-18000>", 3, do_if_param, &hello4, &hello6,
	      "Hello interval (s)"),
	IFCMD("hello-option holdtime <v:int:1-65535>", 3, do_if_param, &hold4,
	      &hold6, "Hello holdtime (s)"),
	IFCMD("hello-option dr-priority <v:int:0-4294967295>", 3, do_if_param,
	      &prio4, &prio6, "DR priority"),
	IFCMD("hello-option lan-delay <v:int:1-32767>", 3, do_if_param, &lan4,
	      &lan6, "LAN propagation delay (ms)"),
	IFCMD("hello-option override-interval <v:int:1-65535>", 3, do_if_param,
	      &ovr4, &ovr6, "Prune override interval (ms)"),
	IFCMD("triggered-hello-delay <v:int:1-5>", 2, do_if_param, &trig4,
	      &trig6, "Maximum delay of a triggered Hello (s)"),
	IFCMD("holdtime join-prune <v:int:1-65535>", 3, do_if_param, &jph4,
	      &jph6, "Join/Prune holdtime sent (s)"),
	IFCMD("ignore dr-state", 3, do_ignore, &d4, &d6,
	      "Build downstream state even when not DR (failsim)"),
	IFCMD("ignore assert-state", 3, do_ignore, &ign_assert4, &ign_assert6,
	      "Take part in no Assert on the interface (failsim)"),
	{ .view = "pim",
	  .pattern = "static-rp <rp:ip4> [ group-range <range:pfx4> ] "
		     "[ preferred ]",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .undo_tokens = 2,
	  .apply = do_static_rp,
	  .help = "Static RP (group-range: failsim, for VRP's ACL)" },
	{ .view = "pim-ipv6",
	  .pattern = "static-rp <rp:ip6> [ group-range <range:pfx6> ] "
		     "[ preferred ]",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .undo_tokens = 2,
	  .apply = do_static_rp,
	  .help = "Static RP (group-range: failsim, for VRP's ACL)" },
	VCMD("spt-switch-threshold { infinity | <rate:int:0-4194304> }", 1,
	     do_spt, NULL, "When last-hop routers switch to the SPT"),
	VCMD("timer join-prune <v:int:1-18000>", 2, do_view_param, &g_jp,
	     "Join/Prune interval t_periodic (s)"),
	VCMD("timer hello <v:int:1-18000>", 2, do_view_if_param, &hello4,
	     "Hello interval of every interface (s)"),
	VCMD("hello-option holdtime <v:int:1-65535>", 2, do_view_if_param,
	     &hold4, "Hello holdtime of every interface (s)"),
	VCMD("hello-option dr-priority <v:int:0-4294967295>", 2,
	     do_view_if_param, &prio4, "DR priority of every interface"),
	VCMD("hello-option lan-delay <v:int:1-32767>", 2, do_view_if_param,
	     &lan4, "LAN propagation delay of every interface (ms)"),
	VCMD("hello-option override-interval <v:int:1-65535>", 2,
	     do_view_if_param, &ovr4,
	     "Prune override interval of every interface (ms)"),
	VCMD("holdtime join-prune <v:int:1-65535>", 2, do_view_if_param, &jph4,
	     "Join/Prune holdtime of every interface (s)"),
	VCMD("holdtime assert <v:int:7-65535>", 2, do_view_param, &g_assert,
	     "Assert_Time (s)"),
	VCMD("source-lifetime <v:int:60-65535>", 1, do_view_param, &g_ka,
	     "Keepalive_Period of (S,G) state (s)"),
	VCMD("register-suppression-timeout <v:int:11-3600>", 1, do_view_param,
	     &g_supp, "Register_Suppression_Time (s)"),
	VCMD("probe-interval <v:int:1-1799>", 1, do_view_param, &g_probe,
	     "Register_Probe_Time (s)"),
};

int pim_cli_register(struct cli_registry *reg)
{
	for (size_t i = 0; i < sizeof(pim_views) / sizeof(pim_views[0]); i++)
		if (cli_registry_add_view(reg, &pim_views[i]) != 0)
			return -1;
	return cli_registry_add_table(reg, pim_cmds,
				      sizeof(pim_cmds) / sizeof(pim_cmds[0]));
}
