/*
 * From control plane to forwarding plane: every change of a prefix's
 * selected route in the RIB becomes one ASIC FIB write (RFC 1812 section
 * 5.2.4: the forwarding table holds the selected routes), every resolved
 * ARP/ND neighbor one adjacency write, every lost neighbor a delete. Also
 * the per-interface control-plane state (neighbor caches) and the
 * link-local receive entries that the RIB does not hold (VRP keeps
 * fe80::/10 out of the routing table; the node still owns its link-local
 * addresses).
 */
#include "sim/router/router_int.h"

#include <stdlib.h>
#include <string.h>

static void log_route(struct router *r, const struct net_prefix *p,
		      const struct rt_route *old_best,
		      const struct rt_route *new_best)
{
	char pfx[NET_PREFIX_STRLEN], nh[NET_ADDR_STRLEN];
	const struct rt_route *rt = new_best ? new_best : old_best;
	struct sim_log_rec rec;
	struct node_iface *ifp;

	net_prefix_fmt(p, pfx, sizeof(pfx));
	node_log_begin(&rec, &r->node, "rib",
		       !old_best   ? "route-add"
		       : !new_best ? "route-del"
				   : "route-change");
	sim_log_str(&rec, "prefix", pfx);
	sim_log_str(&rec, "proto", rt_proto_name(rt->proto));
	sim_log_uint(&rec, "pref", rt->preference);
	if (new_best && new_best->kind == RT_KIND_NEXTHOP) {
		net_addr_fmt(&new_best->gateway, nh, sizeof(nh));
		sim_log_str(&rec, "nexthop", nh);
	}
	ifp = new_best ? router_iface_by_index(r, new_best->out_ifindex) : NULL;
	if (ifp)
		sim_log_str(&rec, "iface", ifp->name);
	sim_log_end(&rec);
}

void router_fib_change(void *ctx, const struct net_prefix *p,
		       const struct rt_route *old_best,
		       const struct rt_route *new_best)
{
	struct router *r = ctx;
	struct asic_fib_entry e;

	log_route(r, p, old_best, new_best);
	if (!new_best) {
		asic_prog_fib(r->asic, p, NULL);
		return;
	}
	memset(&e, 0, sizeof(e));
	e.ifindex = new_best->out_ifindex;
	switch (new_best->kind) {
	case RT_KIND_LOCAL:
		e.kind = ASIC_FIB_RECEIVE;
		break;
	case RT_KIND_CONNECTED:
		/* InLoopBack0 subnets (127/8) are ours as a whole. */
		e.kind = e.ifindex < 0 ? ASIC_FIB_RECEIVE : ASIC_FIB_ATTACHED;
		break;
	case RT_KIND_NEXTHOP:
		e.kind = ASIC_FIB_VIA;
		e.nexthop = new_best->gateway;
		break;
	default:
		e.kind = ASIC_FIB_DROP;
		break;
	}
	asic_prog_fib(r->asic, p, &e);
}

/* Link-local addresses are received per node: a /128 RECEIVE entry. */
void router_fib_link_local(struct router *r, const struct net_ip6 *ll, bool add)
{
	struct net_prefix p = { .addr = net_addr_from_ip6(ll), .len = 128 };
	struct asic_fib_entry e = { .kind = ASIC_FIB_RECEIVE, .ifindex = -1 };

	asic_prog_fib(r->asic, &p, add ? &e : NULL);
}

static void nbr_solicit(void *ctx, struct node_iface *ifp,
			const struct net_addr *target)
{
	router_send_solicit(ctx, ifp, target);
}

static void nbr_send_frame(void *ctx, struct node_iface *ifp,
			   struct net_frame *f)
{
	struct router *r = ctx;

	asic_inject(r->asic, ifp->ifindex, f);
}

static void nbr_resolved(void *ctx, struct node_iface *ifp,
			 const struct net_addr *addr, const struct net_mac *mac)
{
	struct router *r = ctx;

	asic_prog_adj(r->asic, ifp->ifindex, addr, mac);
}

static void nbr_removed(void *ctx, struct node_iface *ifp,
			const struct net_addr *addr)
{
	struct router *r = ctx;

	asic_prog_adj(r->asic, ifp->ifindex, addr, NULL);
}

const struct node_nbr_ops router_nbr_ops = {
	.send_solicit = nbr_solicit,
	.send_frame = nbr_send_frame,
	.resolved = nbr_resolved,
	.removed = nbr_removed,
};

int router_if_cp_init(struct router *r, struct node_iface *ifp)
{
	struct router_if *rif = calloc(1, sizeof(*rif));

	if (!rif)
		return -1;
	rif->r = r;
	rif->ifp = ifp;
	if (node_nbr_init(&rif->arp, ifp, NET_AF_IP4, &router_nbr_ops, r) !=
	    0) {
		free(rif);
		return -1;
	}
	if (node_nbr_init(&rif->nd, ifp, NET_AF_IP6, &router_nbr_ops, r) != 0) {
		node_nbr_fini(&rif->arp);
		free(rif);
		return -1;
	}
	ifp->priv = rif;
	return 0;
}

void router_if_cp_fini(struct router *r, struct node_iface *ifp)
{
	struct router_if *rif = router_if_of(ifp);

	(void)r;
	if (!rif)
		return;
	node_nbr_fini(&rif->arp);
	node_nbr_fini(&rif->nd);
	free(rif->sg);
	free(rif);
	ifp->priv = NULL;
}
