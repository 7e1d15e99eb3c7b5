/*
 * PIM-SM on a router: what the engine reaches the router through (its
 * ops), the multicast data punts the router hands the owner of a family's
 * multicast routing, and the reception checks of RFC 7761 section 4.9:
 * "PIM messages are either unicast (e.g., Registers and Register-Stop) or
 * multicast with TTL 1 to the 'ALL-PIM-ROUTERS' group (e.g., Join/Prune,
 * Asserts). The source address used for unicast messages is a
 * domain-wide reachable address; the source address used for multicast
 * messages is the link-local address of the interface on which the
 * message is being sent." Hello, Join/Prune, Assert, State Refresh, DF
 * Election and a multicast Bootstrap (RFC 5059 section 3) are link
 * messages: they must arrive on an interface where PIM runs, with TTL /
 * Hop Limit 1, to ALL-PIM-ROUTERS (224.0.0.13, ff02::d), from a
 * link-local IPv6 source or, for IPv4, from a source on one of the
 * interface's subnets (a neighbor is on the link; failsim's reading of
 * "the link-local address of the interface" for IPv4). Register,
 * Register-Stop, Graft, Graft-Ack, C-RP-Advertisement and a unicast
 * Bootstrap must not be to a group and may arrive on any interface (a
 * Register reaches the RP wherever the route from the DR enters). No
 * source may be unspecified, multicast or one of the router's own. Every
 * rejection is counted by reason (enum pim_rx_drop) and logged; the codec
 * checks well-formedness first (checksum with the IPv6 pseudo-header).
 * Messages go out with TOS / Traffic Class 0xc0 (Internetwork Control)
 * when link-scoped, from the address the engine was given for the link;
 * unicast ones from the address of the interface the route leaves by
 * (IPv4 primary, IPv6 first global), or a loopback's when that has none.
 * The checksum is written once the source is known.
 */
#include "protocols/pim/pim_router_int.h"

#include <string.h>

static struct router *fam_router(const struct pim_fam *f)
{
	return f->g->r;
}

/* ---- the engine's ops ---- */

/* The interface's PIM address now (unspecified: none). */
static struct net_addr cur_addr(const struct node_iface *ifp, enum net_af af)
{
	const struct node_addr4 *a4 = node_iface_primary4(ifp);
	const struct node_addr6 *ll = node_iface_link_local(ifp);
	struct net_addr a = { 0 };

	if (af == NET_AF_IP4 && a4)
		a = net_addr_from_ip4(&a4->addr);
	else if (af == NET_AF_IP6 && ll)
		a = net_addr_from_ip6(&ll->addr);
	return a;
}

static int send_link(void *ctx, int ifindex, const uint8_t *msg, size_t len)
{
	struct pim_fam *f = ctx;
	struct pim_rif *rif = pim_rif_find(f, ifindex);
	struct node_iface *ifp = rif ? pim_rif_iface(rif) : NULL;
	struct router_ip_tx tx = { .ifp = ifp, .ttl = 1, .tos = 0xc0 };
	uint8_t buf[NET_FRAME_MAX];
	struct net_addr now;

	if (!rif || !rif->added || !ifp || len > sizeof(buf))
		return -1;
	now = cur_addr(ifp, f->af);
	/* A change the engine cannot be re-entered for (address, multicast
	 * routing) is applied after this event; the goodbye of RFC 7761
	 * 4.3.1 still goes out with the old address. */
	if (!router_mcast_enabled(fam_router(f), f->af) || !ifp->oper_up ||
	    !net_addr_eq(&now, &rif->addr))
		pim_fam_sync_later(f);
	tx.src = rif->addr;
	tx.dst = f->af == NET_AF_IP6 ? pim_all_routers6 : pim_all_routers4;
	memcpy(buf, msg, len);
	if (pim_pkt_set_checksum(f->af, buf, len, &tx.src, &tx.dst) != 0)
		return -1;
	return router_ip_send(fam_router(f), &tx, PIM_PROTO, buf, len);
}

/* A domain-wide reachable address of ours towards dst (see top). */
static bool unicast_src(struct router *r, const struct net_addr *dst,
			struct net_addr *src)
{
	const struct rt_route *rt = rt_rib_lookup(router_rib(r), dst);
	struct node *n = router_node(r);
	struct node_iface *ifp;

	if (!rt || !rt->active || rt->out_ifindex < 0 ||
	    rt->out_ifindex >= n->nifaces)
		return false;
	ifp = n->ifaces[rt->out_ifindex];
	for (int pass = 0; pass < 2; pass++) {
		if (dst->af == NET_AF_IP4) {
			const struct node_addr4 *a = node_iface_primary4(ifp);

			if (a) {
				*src = net_addr_from_ip4(&a->addr);
				return true;
			}
		} else {
			const struct node_addr6 *a = node_iface_global6(ifp);

			if (a) {
				*src = net_addr_from_ip6(&a->addr);
				return true;
			}
		}
		/* No address there: a loopback's (router ID style). */
		ifp = NULL;
		for (int i = 0; i < n->nifaces && !ifp; i++)
			if (n->ifaces[i]->loopback && n->ifaces[i]->admin_up)
				ifp = n->ifaces[i];
		if (!ifp)
			return false;
	}
	return false;
}

static int send_unicast(void *ctx, const struct net_addr *src,
			const struct net_addr *dst, const uint8_t *msg,
			size_t len)
{
	struct pim_fam *f = ctx;
	struct router *r = fam_router(f);
	struct router_ip_tx tx = { .dst = *dst };
	uint8_t buf[NET_FRAME_MAX];

	if (len > sizeof(buf) || dst->af != f->af || net_addr_is_multicast(dst))
		return -1;
	if (src && !net_addr_is_unspec(src))
		tx.src = *src;
	else if (!unicast_src(r, dst, &tx.src))
		return -1;
	memcpy(buf, msg, len);
	if (pim_pkt_set_checksum(f->af, buf, len, &tx.src, &tx.dst) != 0)
		return -1;
	return router_ip_send(r, &tx, PIM_PROTO, buf, len);
}

static int rpf(void *ctx, const struct net_addr *a, struct pim_rpf *out)
{
	struct pim_fam *f = ctx;
	struct router *r = fam_router(f);
	const struct rt_route *rt = rt_rib_lookup(router_rib(r), a);
	struct node *n = router_node(r);

	memset(out, 0, sizeof(*out));
	out->ifindex = -1;
	if (!rt || !rt->active || rt->out_ifindex < 0 ||
	    rt->out_ifindex >= n->nifaces ||
	    n->ifaces[rt->out_ifindex]->loopback)
		return -1;
	if (rt->kind == RT_KIND_CONNECTED) {
		out->nexthop = *a;
		out->connected = true;
	} else if (rt->kind == RT_KIND_NEXTHOP) {
		out->nexthop = rt->gateway;
	} else {
		return -1; /* ours (LOCAL) or a blackhole */
	}
	out->ifindex = rt->out_ifindex;
	out->metric_pref = rt->preference;
	out->metric = rt->cost;
	return 0;
}

static bool is_local(void *ctx, const struct net_addr *a)
{
	struct pim_fam *f = ctx;
	struct node *n = router_node(fam_router(f));
	struct net_ip4 a4 = net_addr_ip4(a);
	struct net_ip6 a6 = net_addr_ip6(a);

	for (int i = 0; i < n->nifaces; i++) {
		if (a->af == NET_AF_IP4 &&
		    node_iface_has_addr4(n->ifaces[i], &a4))
			return true;
		if (a->af == NET_AF_IP6 &&
		    node_iface_has_addr6(n->ifaces[i], &a6))
			return true;
	}
	return false;
}

static int mroute_set(void *ctx, const struct net_addr *src,
		      const struct net_addr *grp, int iif, const int *oifs,
		      size_t n, bool cpu_copy)
{
	struct pim_fam *f = ctx;

	return router_mroute_set(fam_router(f), src, grp, iif, oifs, n,
				 cpu_copy);
}

static int mroute_del(void *ctx, const struct net_addr *src,
		      const struct net_addr *grp)
{
	struct pim_fam *f = ctx;

	return router_mroute_del(fam_router(f), src, grp);
}

static bool mroute_packets(void *ctx, const struct net_addr *src,
			   const struct net_addr *grp, uint64_t *pkts)
{
	struct pim_fam *f = ctx;

	return router_mroute_packets(fam_router(f), src, grp, pkts);
}

static size_t forward(void *ctx, const uint8_t *ip, size_t len, const int *oifs,
		      size_t n)
{
	struct pim_fam *f = ctx;

	return router_mcast_send(fam_router(f), ip, len, oifs, n);
}

const struct pim_ops pim_router_ops = {
	.send_link = send_link,
	.send_unicast = send_unicast,
	.rpf = rpf,
	.is_local = is_local,
	.mroute_set = mroute_set,
	.mroute_del = mroute_del,
	.mroute_packets = mroute_packets,
	.forward = forward,
};

/* ---- multicast data punts (router_mroute_ops) ---- */

/* The IP packet of a frame: the Ethernet payload, cut to the IP length. */
static bool ip_of(const struct net_pkt_info *pi, const uint8_t **ip,
		  size_t *len)
{
	size_t l;

	if (pi->err != NET_OK || !pi->eth.payload)
		return false;
	if (pi->af == NET_AF_IP4)
		l = pi->ip4.total_len;
	else if (pi->af == NET_AF_IP6)
		l = 40u + pi->ip6.plen;
	else
		return false;
	if (l > pi->eth.payload_len)
		return false;
	*ip = pi->eth.payload;
	*len = l;
	return true;
}

static void on_nocache(void *ctx, struct router *r, struct node_iface *in,
		       const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct pim_fam *fam = ctx;
	const uint8_t *ip;
	size_t len;

	(void)r;
	(void)f;
	if (fam->p && pi->af == fam->af && ip_of(pi, &ip, &len))
		pim_data_nocache(fam->p, in->ifindex, &pi->src, &pi->dst, ip,
				 len);
}

static void on_data(void *ctx, struct router *r, struct node_iface *in,
		    const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct pim_fam *fam = ctx;
	const uint8_t *ip;
	size_t len;

	(void)r;
	(void)f;
	if (fam->p && pi->af == fam->af && ip_of(pi, &ip, &len))
		pim_data_copy(fam->p, in->ifindex, &pi->src, &pi->dst, ip, len);
}

static void on_wrong_iif(void *ctx, struct router *r, struct node_iface *in,
			 const struct net_pkt_info *pi,
			 const struct net_frame *f)
{
	struct pim_fam *fam = ctx;

	(void)r;
	(void)f;
	if (fam->p && pi->af == fam->af)
		pim_data_wrong_iif(fam->p, in->ifindex, &pi->src, &pi->dst);
}

const struct router_mroute_ops pim_router_mroute_ops = {
	.nocache = on_nocache,
	.data = on_data,
	.wrong_iif = on_wrong_iif,
};

/* ---- reception ---- */

static bool link_message(const struct pim_msg *m, const struct net_addr *dst)
{
	switch (m->type) {
	case PIM_T_HELLO:
	case PIM_T_JOIN_PRUNE:
	case PIM_T_ASSERT:
	case PIM_T_STATE_REFRESH:
	case PIM_T_DF_ELECTION:
		return true;
	case PIM_T_BOOTSTRAP:
		return net_addr_is_multicast(dst);
	default:
		return false;
	}
}

static int check_link(struct pim_fam *f, const struct pim_rif *rif,
		      const struct node_iface *ifp,
		      const struct net_pkt_info *pi)
{
	struct net_ip4 s4 = net_addr_ip4(&pi->src);
	struct net_ip6 s6 = net_addr_ip6(&pi->src);

	if (!rif || !rif->added)
		return PIM_RX_DISABLED;
	if (pi->ttl != 1)
		return PIM_RX_TTL;
	if (!net_addr_eq(&pi->dst, f->af == NET_AF_IP6 ? &pim_all_routers6
						       : &pim_all_routers4))
		return PIM_RX_DST;
	if (f->af == NET_AF_IP6 && !net_ip6_is_link_local(&s6))
		return PIM_RX_SRC;
	if (f->af == NET_AF_IP4 && !node_iface_onlink4(ifp, &s4))
		return PIM_RX_SRC;
	return -1;
}

/* The checks of the file comment; -1 when acceptable. */
static int check(struct pim_fam *f, const struct pim_rif *rif,
		 const struct node_iface *ifp, const struct net_pkt_info *pi,
		 const struct pim_msg *m)
{
	if (net_addr_is_unspec(&pi->src) || net_addr_is_multicast(&pi->src) ||
	    pim_router_ops.is_local(f, &pi->src))
		return PIM_RX_SRC;
	if (link_message(m, &pi->dst))
		return check_link(f, rif, ifp, pi);
	if (net_addr_is_multicast(&pi->dst))
		return PIM_RX_DST;
	return -1;
}

static void drop(struct pim_fam *f, struct pim_rif *rif,
		 const struct node_iface *ifp, const struct net_pkt_info *pi,
		 enum pim_rx_drop d, const char *why)
{
	char s[NET_ADDR_STRLEN];
	struct sim_log_rec rec;

	if (rif)
		rif->drops[d]++;
	else
		f->drops[d]++;
	net_addr_fmt(&pi->src, s, sizeof(s));
	node_log_begin(&rec, router_node(fam_router(f)),
		       f->af == NET_AF_IP6 ? "pim6" : "pim", "rx-drop");
	sim_log_str(&rec, "iface", ifp->name);
	sim_log_str(&rec, "reason", pim_rx_drop_name(d));
	if (why)
		sim_log_str(&rec, "detail", why);
	sim_log_str(&rec, "source", s);
	sim_log_end(&rec);
}

void pim_router_rx(void *ctx, struct router *r, struct node_iface *ifp,
		   const struct net_pkt_info *pi)
{
	struct pim_inst *g = ctx;
	struct pim_fam *f = pim_fam(g, pi->af);
	struct pim_rif *rif = f ? pim_rif_find(f, ifp->ifindex) : NULL;
	enum pim_pkt_err e;
	int d;

	(void)r;
	if (!f || !pi->l4)
		return;
	if (!f->p) {
		drop(f, rif, ifp, pi, PIM_RX_DISABLED, f->down_why);
		return;
	}
	e = pim_pkt_decode(pi->af, pi->l4, pi->l4_len, &pi->src, &pi->dst,
			   g->msg);
	if (e != PIM_PKT_OK) {
		drop(f, rif, ifp, pi, PIM_RX_MALFORMED, pim_pkt_err_name(e));
		return;
	}
	d = check(f, rif, ifp, pi, g->msg);
	if (d >= 0) {
		drop(f, rif, ifp, pi, (enum pim_rx_drop)d,
		     pim_type_name(g->msg->type));
		return;
	}
	pim_rx(f->p, ifp->ifindex, g->msg, &pi->src, &pi->dst);
}
