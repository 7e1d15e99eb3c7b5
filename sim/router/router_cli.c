/*
 * The base VRP commands of a router: interfaces (`interface`,
 * `description`, `shutdown`), addresses (`ip address`, `ipv6 enable`,
 * `ipv6 address`), static routes (`ip route-static`, `ipv6 route-static`
 * with preference, so floating static routes work) and the multicast
 * switches that exist before PIM (`multicast routing-enable`,
 * `igmp static-group`, `mld static-group`). Displays live in router_display.c.
 */
#include "sim/router/router_int.h"

#include <stdio.h>
#include <string.h>

#include "sim/router/router_cli.h"

struct router *router_ctx(struct cli_ctx *ctx)
{
	return cli_ctx_owner(ctx);
}

/* The interface of the line's "interface" view. */
struct node_iface *router_ctx_iface(struct cli_ctx *ctx)
{
	struct router *r = router_ctx(ctx);
	const char *name = cli_ctx_key(ctx, "interface");
	struct node_iface *ifp = name ? node_iface_find(&r->node, name) : NULL;

	if (!ifp || !router_if_of(ifp)) {
		cli_error(ctx, "The interface %s does not exist.",
			  name ? name : "?");
		return NULL;
	}
	return ifp;
}

static bool is_logical(const char *name)
{
	return !strncmp(name, "LoopBack", 8);
}

static int check_interface(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	const char *name = cli_arg_str(a, "if");

	if (is_logical(name) || node_iface_find(&r->node, name))
		return 0;
	return cli_error(ctx, "The interface %s does not exist on %s.", name,
			 r->node.name);
}

/*
 * Every address of a deleted logical interface, IPv6 included (else a
 * re-created interface would come back with the old IPv6 addresses and
 * their routes, which no longer appear in the configuration).
 */
static void iface_addrs_clear(struct router *r, struct node_iface *ifp)
{
	for (int i = ifp->n4 - 1; i >= 0; i--) {
		struct net_addr ad = net_addr_from_ip4(&ifp->addr4[i].addr);

		rt_rib_addr_del(r->cp->rib, ifp->ifindex, &ad,
				ifp->addr4[i].plen);
	}
	ifp->n4 = 0;
	for (int i = ifp->n6 - 1; i >= 0; i--) {
		struct net_ip6 ip = ifp->addr6[i].addr;
		struct net_addr ad = net_addr_from_ip6(&ip);

		if (ifp->addr6[i].link_local)
			router_fib_link_local(r, &ip, false);
		else
			rt_rib_addr_del(r->cp->rib, ifp->ifindex, &ad,
					ifp->addr6[i].plen);
		node_iface_del_addr6(ifp, &ip);
	}
	node_iface_ipv6_enable(ifp, false);
}

static int do_interface(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	const char *name = cli_arg_str(a, "if");
	struct node_iface *ifp = node_iface_find(&r->node, name);

	if (cli_args_undo(a)) {
		if (!ifp || !ifp->loopback)
			return cli_error(ctx, "Only logical interfaces can "
					      "be deleted.");
		iface_addrs_clear(r, ifp);
		ifp->admin_up = false;
		router_iface_update(r, ifp, "deleted");
		router_if_cp_fini(r, ifp);
		return 0;
	}
	if (is_logical(name)) {
		if (!router_loopback_create(r, name))
			return cli_error(ctx, "Cannot create %s.", name);
		return 0;
	}
	return ifp ? 0 : cli_error(ctx, "The interface does not exist.");
}

static int do_description(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct node_iface *ifp = router_ctx_iface(ctx);

	if (!ifp)
		return -1;
	snprintf(router_if_of(ifp)->description, ROUTER_DESCR_MAX + 1, "%s",
		 cli_args_undo(a) ? "" : cli_arg_str(a, "text"));
	return 0;
}

static int do_shutdown(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct node_iface *ifp = router_ctx_iface(ctx);
	struct router *r = router_ctx(ctx);

	if (!ifp)
		return -1;
	ifp->admin_up = cli_args_undo(a);
	if (!ifp->loopback)
		asic_port_admin(r->asic, ifp->ifindex,
				ifp->admin_up && !router_if_of(ifp)->held);
	router_port_admin_changed(r, ifp);
	router_iface_update(r, ifp,
			    ifp->admin_up ? "undo-shutdown" : "shutdown");
	return 0;
}

static int check_addr4(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct net_addr ad = cli_arg_addr(a, "addr");
	char why[128];

	if (cli_args_undo(a))
		return 0;
	if (rt_rib_addr_check(&ad, (unsigned)cli_arg_int(a, "mask"), why,
			      sizeof(why)) != 0)
		return cli_error(ctx, "%s", why);
	return 0;
}

static void addr4_remove(struct router *r, struct node_iface *ifp, int i)
{
	struct net_addr ad = net_addr_from_ip4(&ifp->addr4[i].addr);

	rt_rib_addr_del(r->cp->rib, ifp->ifindex, &ad, ifp->addr4[i].plen);
	node_iface_del_addr4(ifp, &ifp->addr4[i].addr);
}

static int do_ip_address(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	struct node_iface *ifp = router_ctx_iface(ctx);
	struct net_ip4 ip = cli_arg_ip4(a, "addr");
	struct net_addr ad = cli_arg_addr(a, "addr");
	unsigned plen = (unsigned)cli_arg_int(a, "mask");
	bool sub = cli_arg_has(a, "sub");

	if (!ifp)
		return -1;
	if (cli_args_undo(a)) {
		for (int i = 0; i < ifp->n4; i++)
			if (!memcmp(ifp->addr4[i].addr.b, ip.b, 4)) {
				addr4_remove(r, ifp, i);
				router_mcast_rib_changed(r);
				return 0;
			}
		return cli_error(ctx, "The address does not exist.");
	}
	for (int i = 0; i < ifp->n4 && !sub; i++)
		if (!ifp->addr4[i].sub) {
			addr4_remove(r, ifp, i); /* a new primary replaces */
			break;
		}
	if (node_iface_add_addr4(ifp, &ip, (uint8_t)plen, sub) != 0)
		return cli_error(ctx, "Cannot add the address.");
	if (rt_rib_addr_add(r->cp->rib, ifp->ifindex, &ad, plen) != 0) {
		node_iface_del_addr4(ifp, &ip);
		return cli_error(ctx, "The address conflicts with another.");
	}
	router_mcast_rib_changed(r);
	return 0;
}

static int do_ipv6_enable(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	struct node_iface *ifp = router_ctx_iface(ctx);
	const struct node_addr6 *ll;

	if (!ifp)
		return -1;
	if (cli_args_undo(a)) {
		/* Keep state and configuration consistent: the addresses go
		 * first (failsim's choice; they would be inactive anyway). */
		for (int i = 0; i < ifp->n6; i++)
			if (!ifp->addr6[i].auto_ll)
				return cli_error(ctx,
						 "Delete the IPv6 addresses "
						 "of the interface first.");
		ll = node_iface_link_local(ifp);
		if (ll)
			router_fib_link_local(r, &ll->addr, false);
		node_iface_ipv6_enable(ifp, false);
		return 0;
	}
	node_iface_ipv6_enable(ifp, true);
	ll = node_iface_link_local(ifp);
	if (ll)
		router_fib_link_local(r, &ll->addr, true);
	return 0;
}

static int do_ipv6_address(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	struct node_iface *ifp = router_ctx_iface(ctx);
	struct net_addr ad;
	unsigned plen;
	char why[128];

	if (!ifp)
		return -1;
	if (cli_arg_has(a, "pfx")) {
		struct net_prefix p = cli_arg_prefix(a, "pfx");

		ad = p.addr;
		plen = p.len;
	} else {
		ad = cli_arg_addr(a, "addr");
		plen = cli_arg_has(a, "link-local")
			       ? 64
			       : (unsigned)cli_arg_int(a, "len");
	}
	struct net_ip6 ip = net_addr_ip6(&ad);

	if (cli_args_undo(a)) {
		if (net_ip6_is_link_local(&ip))
			router_fib_link_local(r, &ip, false);
		else
			rt_rib_addr_del(r->cp->rib, ifp->ifindex, &ad, plen);
		node_iface_del_addr6(ifp, &ip);
		return 0;
	}
	if (!ifp->ipv6_enabled)
		return cli_error(ctx, "Please enable IPv6 on the interface "
				      "first (ipv6 enable).");
	if (cli_arg_has(a, "link-local") != net_ip6_is_link_local(&ip))
		return cli_error(ctx, "Link-local addresses are FE80::/10 "
				      "and need the link-local keyword.");
	if (net_ip6_is_link_local(&ip)) {
		const struct node_addr6 *old = node_iface_link_local(ifp);

		if (old) {
			struct net_ip6 o = old->addr;

			router_fib_link_local(r, &o, false);
			node_iface_del_addr6(ifp, &o);
		}
		if (node_iface_add_addr6(ifp, &ip, 64) != 0)
			return cli_error(ctx, "Cannot add the address.");
		router_fib_link_local(r, &ip, true);
		return 0;
	}
	if (rt_rib_addr_check(&ad, plen, why, sizeof(why)) != 0)
		return cli_error(ctx, "%s", why);
	if (node_iface_add_addr6(ifp, &ip, (uint8_t)plen) != 0)
		return cli_error(ctx, "Cannot add the address.");
	if (rt_rib_addr_add(r->cp->rib, ifp->ifindex, &ad, plen) != 0) {
		node_iface_del_addr6(ifp, &ip);
		return cli_error(ctx, "The address conflicts with another.");
	}
	router_mcast_rib_changed(r);
	return 0;
}

/* Build the RIB key of an `ip route-static` / `ipv6 route-static` line. */
static int static_from_args(struct cli_ctx *ctx, const struct cli_args *a,
			    struct rt_static *s)
{
	struct router *r = router_ctx(ctx);
	struct net_prefix p = { .addr = cli_arg_addr(a, "dest") };
	char why[160];

	p.len = (uint8_t)cli_arg_int(a, "mask");
	if (p.addr.af == NET_AF_IP6)
		p.len = (uint8_t)cli_arg_int(a, "len");
	net_prefix_normalize(&p);
	rt_static_init(s, &p);
	if (cli_arg_has(a, "nh"))
		s->nexthop = cli_arg_addr(a, "nh");
	if (cli_arg_has(a, "oif")) {
		const char *name = cli_arg_str(a, "oif");
		struct node_iface *ifp = node_iface_find(&r->node, name);

		if (!strncmp(name, "NULL", 4)) {
			s->blackhole = true;
		} else if (!ifp) {
			return cli_error(
				ctx, "The interface %s does not exist.", name);
		} else {
			s->ifindex = ifp->ifindex;
		}
	}
	s->preference = (unsigned)cli_arg_int_or(a, "pref", 0);
	if (rt_static_check(s, why, sizeof(why)) != 0)
		return cli_error(ctx, "%s", why);
	return 0;
}

static int check_route(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	const char *oif = cli_arg_str(a, "oif");
	struct net_addr d = cli_arg_addr(a, "dest");
	struct net_prefix p = { .addr = d };

	if (oif && strncmp(oif, "NULL", 4) && !is_logical(oif) &&
	    !node_iface_find(&r->node, oif))
		return cli_error(ctx, "The interface %s does not exist.", oif);
	p.len = (uint8_t)(d.af == NET_AF_IP6 ? cli_arg_int(a, "len")
					     : cli_arg_int(a, "mask"));
	struct net_prefix q = p;

	net_prefix_normalize(&q);
	if (!net_addr_eq(&q.addr, &p.addr))
		return cli_error(ctx, "The destination has host bits set "
				      "beyond the mask.");
	return 0;
}

static int do_route_static(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	struct rt_static s;
	int rc;

	if (static_from_args(ctx, a, &s) != 0)
		return -1;
	if (cli_args_undo(a))
		rc = rt_rib_static_del(r->cp->rib, &s);
	else
		rc = rt_rib_static_add(r->cp->rib, &s);
	if (rc != 0)
		return cli_error(ctx, cli_args_undo(a)
					      ? "The route does not exist."
					      : "Cannot add the route.");
	router_mcast_rib_changed(r);
	return 0;
}

static int do_mcast_enable(struct cli_ctx *ctx, const struct cli_args *a)
{
	router_mcast_enable(router_ctx(ctx),
			    cli_arg_has(a, "ipv6") ? NET_AF_IP6 : NET_AF_IP4,
			    !cli_args_undo(a));
	return 0;
}

/* VRP: igmp static-group G [inc-step-mask LEN number N] [source S]. */
static int do_static_group(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	struct node_iface *ifp = router_ctx_iface(ctx);
	struct router_sgroup g[ROUTER_MAX_SGROUPS];
	struct net_ip4 grp = cli_arg_ip4(a, "g");
	int64_t n = cli_arg_int_or(a, "n", 1);
	int64_t mlen = cli_arg_int_or(a, "m", 32);
	uint32_t base = (uint32_t)grp.b[0] << 24 | grp.b[1] << 16 |
			grp.b[2] << 8 | grp.b[3];
	uint32_t step = mlen >= 32 ? 1u : 1u << (32 - mlen);

	if (!ifp)
		return -1;
	if (!net_ip4_is_multicast(&grp) ||
	    (grp.b[0] == 224 && grp.b[1] == 0 && grp.b[2] == 0))
		return cli_error(ctx, "The group address must be a multicast "
				      "address outside 224.0.0.0/24.");
	for (int64_t i = 0; i < n; i++) {
		uint32_t v = base + (uint32_t)i * step;
		struct net_ip4 x = { { v >> 24, v >> 16 & 255, v >> 8 & 255,
				       v & 255 } };

		if (!net_ip4_is_multicast(&x))
			return cli_error(ctx, "The group range leaves the "
					      "multicast address space.");
		memset(&g[i], 0, sizeof(g[i]));
		g[i].grp = net_addr_from_ip4(&x);
		if (cli_arg_has(a, "s"))
			g[i].src = cli_arg_addr(a, "s");
	}
	if (router_mcast_sgroup(r, ifp, g, (size_t)n, !cli_args_undo(a)) != 0)
		return cli_error(ctx, "Too many static groups.");
	return 0;
}

/* The k-th group of a range: g + k * 2^(128 - mlen), carried in bytes. */
static struct net_addr ip6_step(const struct net_addr *g, int64_t mlen,
				uint32_t k)
{
	struct net_addr x = *g;
	int byte = (int)((mlen - 1) / 8);
	uint32_t carry = k << (7 - (mlen - 1) % 8);

	for (int i = byte; i >= 0 && carry; i--) {
		carry += x.b[i];
		x.b[i] = carry & 255;
		carry >>= 8;
	}
	return x;
}

/* VRP: mld static-group G [inc-step-mask LEN number N] [source S]; a
 * range must stay inside ff00::/8 and out of link-local scope. */
static int do_static_group6(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	struct node_iface *ifp = router_ctx_iface(ctx);
	struct router_sgroup g[ROUTER_MAX_SGROUPS];
	struct net_addr grp = cli_arg_addr(a, "g");
	int64_t n = cli_arg_int_or(a, "n", 1);
	int64_t mlen = cli_arg_int_or(a, "m", 128);

	if (!ifp)
		return -1;
	/* RFC 4291 section 2.7: scopes 0-2 never leave the link. */
	if (grp.b[0] != 0xff || (grp.b[1] & 0x0f) <= 2)
		return cli_error(ctx, "The group address must be an IPv6 "
				      "multicast address wider than "
				      "link-local scope.");
	for (int64_t i = 0; i < n; i++) {
		struct net_addr x = ip6_step(&grp, mlen, (uint32_t)i);

		if (x.b[0] != 0xff || x.b[1] != grp.b[1])
			return cli_error(ctx, "The group range leaves the "
					      "group's flags and scope.");
		memset(&g[i], 0, sizeof(g[i]));
		g[i].grp = x;
		if (cli_arg_has(a, "s"))
			g[i].src = cli_arg_addr(a, "s");
	}
	if (router_mcast_sgroup(r, ifp, g, (size_t)n, !cli_args_undo(a)) != 0)
		return cli_error(ctx, "Too many static groups.");
	return 0;
}

static const struct cli_view_def router_views[] = {
	{ .name = "interface", .prompt = "%s" },
};

#define ROUTE4_PAT                                                             \
	"ip route-static <dest:ip4> <mask:mask4> { <nh:ip4> | <oif:iface> "    \
	"[ <nh:ip4> ] } [ preference <pref:int:1-255> ] "                      \
	"[ description <text:word:1-80> ]"
#define ROUTE6_PAT                                                             \
	"ipv6 route-static <dest:ip6> <len:int:0-128> { <nh:ip6> | "           \
	"<oif:iface> [ <nh:ip6> ] } [ preference <pref:int:1-255> ] "          \
	"[ description <text:word:1-80> ]"

static const struct cli_cmd router_cmds[] = {
	{ .pattern = "interface <if:iface>",
	  .flags = CLI_ENTER | CLI_UNDO,
	  .enter = "interface",
	  .check = check_interface,
	  .apply = do_interface,
	  .help = "Enter an interface view" },
	{ .pattern = ROUTE4_PAT,
	  .flags = CLI_UNDO,
	  .check = check_route,
	  .apply = do_route_static,
	  .help = "Static IPv4 route" },
	{ .pattern = ROUTE6_PAT,
	  .flags = CLI_UNDO,
	  .check = check_route,
	  .apply = do_route_static,
	  .help = "Static IPv6 route" },
	{ .pattern = "multicast [ ipv6 ] routing-enable",
	  .flags = CLI_UNDO,
	  .apply = do_mcast_enable,
	  .help = "Enable multicast routing" },
	{ .view = "interface",
	  .pattern = "description <text:text:1-242>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .apply = do_description,
	  .help = "Interface description" },
	{ .view = "interface",
	  .pattern = "shutdown",
	  .flags = CLI_UNDO | CLI_UNDO_KEEP,
	  .apply = do_shutdown,
	  .help = "Administratively disable the interface" },
	{ .view = "interface",
	  .pattern = "ip address <addr:ip4> <mask:mask4>",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .check = check_addr4,
	  .apply = do_ip_address,
	  .help = "Primary IPv4 address" },
	{ .view = "interface",
	  .pattern = "ip address <addr:ip4> <mask:mask4> sub",
	  .flags = CLI_UNDO,
	  .check = check_addr4,
	  .apply = do_ip_address,
	  .help = "Secondary IPv4 address" },
	{ .view = "interface",
	  .pattern = "ipv6 enable",
	  .flags = CLI_UNDO,
	  .apply = do_ipv6_enable,
	  .help = "Enable IPv6 on the interface" },
	{ .view = "interface",
	  .pattern = "ipv6 address <addr:ip6> <len:int:1-128>",
	  .flags = CLI_UNDO,
	  .apply = do_ipv6_address,
	  .help = "IPv6 address" },
	{ .view = "interface",
	  .pattern = "ipv6 address <pfx:ip6len>",
	  .flags = CLI_UNDO,
	  .apply = do_ipv6_address,
	  .help = "IPv6 address/prefix length" },
	{ .view = "interface",
	  .pattern = "ipv6 address <addr:ip6> link-local",
	  .flags = CLI_UNDO,
	  .apply = do_ipv6_address,
	  .help = "IPv6 link-local address" },
	{ .view = "interface",
	  .pattern = "igmp static-group <g:ip4> [ inc-step-mask "
		     "<m:int:1-32> number <n:int:1-4096> ] [ source <s:ip4> ]",
	  .flags = CLI_UNDO,
	  .apply = do_static_group,
	  .help = "Static IGMP group on the interface" },
	{ .view = "interface",
	  .pattern =
		  "mld static-group <g:ip6> [ inc-step-mask "
		  "<m:int:16-128> number <n:int:1-4096> ] [ source <s:ip6> ]",
	  .flags = CLI_UNDO,
	  .apply = do_static_group6,
	  .help = "Static MLD group on the interface" },
};

int router_cli_register(struct cli_registry *reg)
{
	for (size_t i = 0; i < sizeof(router_views) / sizeof(router_views[0]);
	     i++)
		if (cli_registry_add_view(reg, &router_views[i]) != 0)
			return -1;
	if (cli_registry_add_table(reg, router_cmds,
				   sizeof(router_cmds) /
					   sizeof(router_cmds[0])) != 0)
		return -1;
	if (router_ping_register(reg) != 0)
		return -1;
	return router_display_register(reg);
}
