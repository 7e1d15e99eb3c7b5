/*
 * The host's transmit side: route choice, source address selection, frame
 * building through the sim/net builders, and the answers to ARP requests
 * (RFC 826), Neighbor Solicitations (RFC 4861 sections 7.2.3, 7.2.4) and
 * echo requests (RFC 792, RFC 4443 section 4.1).
 *
 * Routing: a multicast or limited-broadcast destination leaves through the
 * first interface that is up with an address of its family, to the mapped
 * group MAC (RFC 1112 section 6.4, RFC 2464 section 7) or ff:ff:ff:ff:ff:ff,
 * without address resolution. A unicast destination is on-link through the
 * interface whose prefix matches longest, else goes to the gateway of the
 * first interface that is up and has one; an IPv6 link-local destination
 * uses the first interface with IPv6. Unicast frames go through the
 * interface's neighbor cache. Source: the on-link address, else the
 * interface's primary IPv4 address; for IPv6 the link-local address for
 * link-local destinations and link-scope multicast, else a global address
 * (on the destination's prefix when there is one), else the link-local.
 * Sending to one of our own addresses is not looped back. UDP bindings
 * (one callback per local port) live here too. Protocols that
 * pick their interface and source (IGMP, MLD: RFC 3376 section 4, RFC 3810
 * section 5) send through node_host_ip_send_opts, with Router Alert.
 */
#include "sim/node/node_host_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/net/net_build.h"

static struct net_ip4 host_src4(const struct node_iface *ifp,
				const struct net_ip4 *towards, bool *ok)
{
	const struct node_addr4 *a = node_iface_onlink4(ifp, towards);
	struct net_ip4 z = { { 0 } };

	if (!a)
		a = node_iface_primary4(ifp);
	*ok = a != NULL;
	return a ? a->addr : z;
}

static bool host_src6(const struct node_iface *ifp, const struct net_ip6 *d,
		      struct net_ip6 *src)
{
	const struct node_addr6 *a = NULL;
	bool ll = net_ip6_is_link_local(d) ||
		  (net_ip6_is_multicast(d) && (d->b[1] & 0x0f) <= 2);

	if (!ll) {
		a = node_iface_onlink6(ifp, d);
		if (a && a->link_local)
			a = NULL;
		if (!a)
			a = node_iface_global6(ifp);
	}
	if (!a)
		a = node_iface_link_local(ifp);
	if (!a)
		return false;
	*src = a->addr;
	return true;
}

static bool host_if_usable(const struct node_iface *ifp, enum net_af af)
{
	if (!ifp->oper_up || ifp->loopback)
		return false;
	return af == NET_AF_IP4 ? ifp->n4 > 0 : ifp->ipv6_enabled;
}

static int host_route4(struct node_host *h, const struct net_ip4 *d,
		       struct host_route *rt)
{
	struct node *n = &h->node;
	const struct node_addr4 *best = NULL;
	struct net_ip4 nh = *d, src;
	bool bcast = d->b[0] == 255 && d->b[1] == 255 && d->b[2] == 255 &&
		     d->b[3] == 255;
	bool ok = false;
	int i;

	for (i = 0; i < n->nifaces && !rt->ifp; i++) {
		struct node_iface *ifp = n->ifaces[i];

		if (host_if_usable(ifp, NET_AF_IP4) &&
		    (bcast || net_ip4_is_multicast(d))) {
			rt->ifp = ifp;
			rt->l2_known = true;
			rt->mac = bcast ? net_mac_broadcast
					: net_mac_from_ip4_mcast(d);
		}
	}
	for (i = 0; i < n->nifaces && !rt->l2_known; i++) {
		struct node_iface *ifp = n->ifaces[i];
		const struct node_addr4 *a;

		if (!host_if_usable(ifp, NET_AF_IP4))
			continue;
		a = node_iface_onlink4(ifp, d);
		if (a && (!best || a->plen > best->plen)) {
			best = a;
			rt->ifp = ifp;
		}
	}
	for (i = 0; i < n->nifaces && !rt->ifp; i++) {
		struct node_iface *ifp = n->ifaces[i];
		struct host_if *hi = ifp->priv;

		if (hi && hi->has_gw4 && host_if_usable(ifp, NET_AF_IP4)) {
			rt->ifp = ifp;
			nh = hi->gw4;
		}
	}
	if (!rt->ifp)
		return -ENETUNREACH;
	src = host_src4(rt->ifp, &nh, &ok);
	if (!ok)
		return -ENETUNREACH;
	rt->src = net_addr_from_ip4(&src);
	rt->nh = net_addr_from_ip4(&nh);
	return 0;
}

static int host_route6(struct node_host *h, const struct net_ip6 *d,
		       struct host_route *rt)
{
	struct node *n = &h->node;
	const struct node_addr6 *best = NULL;
	struct net_ip6 nh = *d, src;
	bool direct = net_ip6_is_multicast(d) || net_ip6_is_link_local(d);
	int i;

	for (i = 0; i < n->nifaces && direct && !rt->ifp; i++)
		if (host_if_usable(n->ifaces[i], NET_AF_IP6))
			rt->ifp = n->ifaces[i];
	if (net_ip6_is_multicast(d)) {
		rt->l2_known = true;
		rt->mac = net_mac_from_ip6_mcast(d);
	}
	for (i = 0; i < n->nifaces && !direct; i++) {
		struct node_iface *ifp = n->ifaces[i];
		const struct node_addr6 *a;

		if (!host_if_usable(ifp, NET_AF_IP6))
			continue;
		a = node_iface_onlink6(ifp, d);
		if (a && !a->link_local && (!best || a->plen > best->plen)) {
			best = a;
			rt->ifp = ifp;
		}
	}
	for (i = 0; i < n->nifaces && !rt->ifp; i++) {
		struct node_iface *ifp = n->ifaces[i];
		struct host_if *hi = ifp->priv;

		if (hi && hi->has_gw6 && host_if_usable(ifp, NET_AF_IP6)) {
			rt->ifp = ifp;
			nh = hi->gw6;
		}
	}
	if (!rt->ifp || !host_src6(rt->ifp, d, &src))
		return -ENETUNREACH;
	rt->src = net_addr_from_ip6(&src);
	rt->nh = net_addr_from_ip6(&nh);
	return 0;
}

int host_route(struct node_host *h, const struct net_addr *dst,
	       struct host_route *rt)
{
	int rc;

	memset(rt, 0, sizeof(*rt));
	rt->dst = *dst;
	if (dst->af == NET_AF_IP4) {
		struct net_ip4 d = net_addr_ip4(dst);

		rc = host_route4(h, &d, rt);
	} else if (dst->af == NET_AF_IP6) {
		struct net_ip6 d = net_addr_ip6(dst);

		rc = host_route6(h, &d, rt);
	} else {
		return -EINVAL;
	}
	if (rc)
		return rc;
	rt->hi = host_if_get(h, rt->ifp);
	return rt->hi ? 0 : -ENOMEM;
}

int host_send(struct node_host *h, const struct host_route *rt,
	      int (*fn)(struct net_wr *w, const struct host_route *rt,
			const struct net_l2 *l2, const void *arg),
	      const void *arg)
{
	struct net_frame *f = net_frame_alloc(h->node.env->pool);
	struct net_l2 l2;
	struct net_wr w;
	int len;

	if (!f)
		return -ENOBUFS;
	memset(&l2, 0, sizeof(l2));
	l2.src = rt->ifp->mac;
	if (rt->l2_known)
		l2.dst = rt->mac;
	net_wr_init(&w, f->data, NET_FRAME_MAX);
	len = fn(&w, rt, &l2, arg);
	if (len < 0) {
		net_frame_free(h->node.env->pool, f);
		return -EMSGSIZE;
	}
	f->len = (uint16_t)len;
	if (rt->l2_known) {
		node_iface_send(rt->ifp, f);
		return 0;
	}
	if (node_nbr_output(rt->dst.af == NET_AF_IP4 ? &rt->hi->arp
						     : &rt->hi->nd,
			    &rt->nh, f) == NODE_NBR_DROPPED) {
		h->cnt.tx_nbr_drops++;
		return -ENOBUFS;
	}
	return 0;
}

static void host_ip4_params(struct node_host *h, const struct host_route *rt,
			    const struct net_l2 *l2, uint8_t ttl,
			    struct net_ip4_params *p)
{
	memset(p, 0, sizeof(*p));
	p->l2 = *l2;
	p->src = net_addr_ip4(&rt->src);
	p->dst = net_addr_ip4(&rt->dst);
	p->ttl = ttl ? ttl : 64;
	p->id = h->ip_id++;
}

static void host_ip6_params(const struct host_route *rt,
			    const struct net_l2 *l2, uint8_t ttl,
			    struct net_ip6_params *p)
{
	memset(p, 0, sizeof(*p));
	p->l2 = *l2;
	p->src = net_addr_ip6(&rt->src);
	p->dst = net_addr_ip6(&rt->dst);
	p->hop_limit = ttl ? ttl : 64;
}

struct host_payload {
	struct node_host *h;
	uint8_t proto;
	uint16_t sport, dport;
	uint8_t ttl;
	const void *data;
	size_t len;
	bool reply;
	bool router_alert;
	uint16_t id, seq;
};

static int host_build_udp(struct net_wr *w, const struct host_route *rt,
			  const struct net_l2 *l2, const void *arg)
{
	const struct host_payload *a = arg;

	if (rt->dst.af == NET_AF_IP4) {
		struct net_udp4_params p = { .sport = a->sport,
					     .dport = a->dport };

		host_ip4_params(a->h, rt, l2, a->ttl, &p.ip);
		return net_build_udp4(w, &p, a->data, a->len);
	} else {
		struct net_udp6_params p = { .sport = a->sport,
					     .dport = a->dport };

		host_ip6_params(rt, l2, a->ttl, &p.ip);
		return net_build_udp6(w, &p, a->data, a->len);
	}
}

static int host_build_ip(struct net_wr *w, const struct host_route *rt,
			 const struct net_l2 *l2, const void *arg)
{
	const struct host_payload *a = arg;

	if (rt->dst.af == NET_AF_IP4) {
		struct net_ip4_params p;

		host_ip4_params(a->h, rt, l2, a->ttl, &p);
		p.router_alert = a->router_alert;
		return net_build_ip4(w, &p, a->proto, a->data, a->len);
	} else {
		struct net_ip6_params p;

		host_ip6_params(rt, l2, a->ttl, &p);
		p.router_alert = a->router_alert;
		return net_build_ip6(w, &p, a->proto, a->data, a->len);
	}
}

static int host_build_echo(struct net_wr *w, const struct host_route *rt,
			   const struct net_l2 *l2, const void *arg)
{
	const struct host_payload *a = arg;

	if (rt->dst.af == NET_AF_IP4) {
		struct net_ip4_params p;

		host_ip4_params(a->h, rt, l2, a->ttl, &p);
		return net_build_icmp_echo4(w, &p, a->reply, a->id, a->seq,
					    a->data, a->len);
	} else {
		struct net_ip6_params p;

		host_ip6_params(rt, l2, a->ttl, &p);
		return net_build_icmp_echo6(w, &p, a->reply, a->id, a->seq,
					    a->data, a->len);
	}
}

static int host_send_payload(struct node *n, const struct net_addr *dst,
			     const struct host_payload *pl,
			     int (*fn)(struct net_wr *,
				       const struct host_route *,
				       const struct net_l2 *, const void *))
{
	struct node_host *h = host_of(n);
	struct host_route rt;
	int rc;

	if (!host_is(n) || !dst)
		return -EINVAL;
	if (n->crashed)
		return -ENETDOWN;
	rc = host_route(h, dst, &rt);
	if (rc) {
		h->cnt.tx_no_route++;
		return rc;
	}
	return host_send(h, &rt, fn, pl);
}

/* ---- UDP bindings (one callback per local port) ---- */

struct host_udp_bind *host_bind_find(const struct node_host *h, uint16_t port)
{
	int i;

	for (i = 0; i < h->nbinds; i++)
		if (h->binds[i].port == port)
			return &h->binds[i];
	return NULL;
}

int node_host_udp_bind(struct node *n, uint16_t port, node_host_udp_fn cb,
		       void *ctx)
{
	struct node_host *h = host_of(n);

	if (!host_is(n) || !cb)
		return -EINVAL;
	if (host_bind_find(h, port))
		return -EADDRINUSE;
	if (h->nbinds == h->capbinds) {
		int cap = h->capbinds ? 2 * h->capbinds : 4;
		struct host_udp_bind *v =
			realloc(h->binds, sizeof(*v) * (size_t)cap);

		if (!v)
			return -ENOMEM;
		h->binds = v;
		h->capbinds = cap;
	}
	h->binds[h->nbinds++] =
		(struct host_udp_bind){ .port = port, .cb = cb, .ctx = ctx };
	return 0;
}

int node_host_udp_unbind(struct node *n, uint16_t port)
{
	struct node_host *h = host_of(n);
	struct host_udp_bind *b;

	if (!host_is(n))
		return -EINVAL;
	b = host_bind_find(h, port);
	if (!b)
		return -ENOENT;
	*b = h->binds[--h->nbinds];
	return 0;
}

int node_host_udp_send(struct node *n, const struct net_addr *dst,
		       uint16_t sport, uint16_t dport, uint8_t ttl,
		       const void *payload, size_t len)
{
	struct host_payload pl = {
		.h = host_of(n),
		.sport = sport,
		.dport = dport,
		.ttl = ttl,
		.data = payload,
		.len = len,
	};
	int rc = host_send_payload(n, dst, &pl, host_build_udp);

	if (rc == 0)
		host_of(n)->cnt.udp_tx++;
	return rc;
}

int node_host_ip_send(struct node *n, const struct net_addr *dst, uint8_t proto,
		      uint8_t ttl, const void *payload, size_t len)
{
	struct host_payload pl = {
		.h = host_of(n),
		.proto = proto,
		.ttl = ttl,
		.data = payload,
		.len = len,
	};

	return host_send_payload(n, dst, &pl, host_build_ip);
}

bool host_src_link(const struct node_iface *ifp, enum net_af af,
		   struct net_addr *src)
{
	static const struct net_ip4 none;
	const struct node_addr4 *a4;
	const struct node_addr6 *a6;

	if (af == NET_AF_IP4) {
		a4 = node_iface_primary4(ifp);
		*src = net_addr_from_ip4(a4 ? &a4->addr : &none);
		return true;
	}
	a6 = node_iface_link_local(ifp);
	if (af != NET_AF_IP6 || !a6)
		return false;
	*src = net_addr_from_ip6(&a6->addr);
	return true;
}

int node_host_ip_send_opts(struct node *n, struct node_iface *ifp,
			   const struct net_addr *src,
			   const struct net_addr *dst, uint8_t proto,
			   uint8_t ttl, bool router_alert, const void *payload,
			   size_t len)
{
	struct host_payload pl = {
		.h = host_of(n),
		.proto = proto,
		.ttl = ttl,
		.router_alert = router_alert,
		.data = payload,
		.len = len,
	};
	struct host_route rt;

	if (!host_is(n) || !ifp || ifp->node != n || !dst ||
	    (dst->af != NET_AF_IP4 && dst->af != NET_AF_IP6) ||
	    (src && src->af != dst->af) || (len && !payload))
		return -EINVAL;
	if (n->crashed || !ifp->oper_up)
		return -ENETDOWN;
	memset(&rt, 0, sizeof(rt));
	rt.ifp = ifp;
	rt.hi = host_if_get(host_of(n), ifp);
	if (!rt.hi)
		return -ENOMEM;
	rt.dst = *dst;
	rt.nh = *dst;
	if (src)
		rt.src = *src;
	else if (!host_src_link(ifp, dst->af, &rt.src))
		return -EADDRNOTAVAIL;
	if (net_addr_is_multicast(dst)) {
		struct net_ip4 g4 = net_addr_ip4(dst);
		struct net_ip6 g6 = net_addr_ip6(dst);

		rt.l2_known = true;
		rt.mac = dst->af == NET_AF_IP4 ? net_mac_from_ip4_mcast(&g4)
					       : net_mac_from_ip6_mcast(&g6);
	}
	return host_send(host_of(n), &rt, host_build_ip, &pl);
}

int host_send_echo(struct node_host *h, const struct net_addr *dst, uint16_t id,
		   uint16_t seq, const void *data, size_t len)
{
	struct host_payload pl = {
		.h = h,
		.id = id,
		.seq = seq,
		.data = data,
		.len = len,
	};

	return host_send_payload(&h->node, dst, &pl, host_build_echo);
}

int node_host_src_for(struct node *n, const struct net_addr *dst,
		      struct net_addr *src)
{
	struct host_route rt;
	int rc;

	if (!host_is(n) || !dst)
		return -EINVAL;
	rc = host_route(host_of(n), dst, &rt);
	if (rc == 0 && src)
		*src = rt.src;
	return rc;
}

/* Echo request for one of our unicast addresses: reply from that address
 * with the same identifier, sequence number and data. */
void host_echo_rx(struct node_host *h, struct host_if *hi,
		  const struct net_pkt_info *pi)
{
	struct host_payload pl = { .h = h, .reply = true };
	struct host_route rt;

	(void)hi;
	if (pi->af == NET_AF_IP4) {
		pl.id = pi->icmp.id;
		pl.seq = pi->icmp.seq;
		pl.data = pi->icmp.data;
		pl.len = pi->icmp.data_len;
	} else {
		pl.id = pi->echo6.id;
		pl.seq = pi->echo6.seq;
		pl.data = pi->echo6.data;
		pl.len = pi->echo6.data_len;
	}
	if (host_route(h, &pi->src, &rt)) {
		h->cnt.tx_no_route++;
		return;
	}
	rt.src = pi->dst;
	if (host_send(h, &rt, host_build_echo, &pl) == 0)
		h->cnt.echo_answered++;
}

static void host_send_built(struct node_iface *ifp, struct net_frame *f,
			    int len)
{
	struct node *n = ifp->node;

	if (len < 0) {
		net_frame_free(n->env->pool, f);
		return;
	}
	f->len = (uint16_t)len;
	node_iface_send(ifp, f);
}

/* RFC 826: reply to a request for one of our addresses, to its sender. */
void host_arp_rx(struct node_host *h, struct host_if *hi,
		 const struct net_pkt_info *pi)
{
	const struct net_arp *a = &pi->arp;
	struct node_iface *ifp = hi->ifp;
	bool mine = node_iface_has_addr4(ifp, &a->tpa);
	struct net_frame *f;
	struct net_arp r;
	struct net_l2 l2;
	struct net_wr w;

	node_nbr_arp_input(&hi->arp, a, mine);
	if (a->op != NET_ARP_REQUEST || !mine || net_arp_is_gratuitous(a) ||
	    net_mac_is_multicast(&a->sha))
		return;
	f = net_frame_alloc(h->node.env->pool);
	if (!f)
		return;
	net_arp_make_reply(&r, &ifp->mac, &a->tpa, &a->sha, &a->spa);
	memset(&l2, 0, sizeof(l2));
	l2.src = ifp->mac;
	l2.dst = a->sha;
	net_wr_init(&w, f->data, NET_FRAME_MAX);
	host_send_built(ifp, f, net_build_arp(&w, &l2, &r));
}

/* RFC 4861 section 7.2.4: the solicited NA, from the target address. */
static void host_send_na(struct node_iface *ifp, const struct net_pkt_info *pi)
{
	static const struct net_ip6 all = { { 0xff, 0x02, [15] = 1 } };
	struct net_ip6 src = net_addr_ip6(&pi->src);
	bool dad = net_addr_is_unspec(&pi->src);
	struct net_ip6_params p;
	struct net_frame *f = net_frame_alloc(ifp->node->env->pool);
	struct net_wr w;

	if (!f)
		return;
	memset(&p, 0, sizeof(p));
	p.l2.src = ifp->mac;
	p.l2.dst = dad		    ? net_mac_from_ip6_mcast(&all)
		   : pi->nd.has_sll ? pi->nd.sll
				    : pi->eth.src;
	p.src = pi->nd.target;
	p.dst = dad ? all : src;
	p.hop_limit = 255;
	net_wr_init(&w, f->data, NET_FRAME_MAX);
	host_send_built(ifp, f,
			net_build_na(&w, &p, &pi->nd.target,
				     (dad ? 0 : NET_ND_NA_SOLICITED) |
					     NET_ND_NA_OVERRIDE,
				     &ifp->mac));
}

/*
 * NS and NA validity (RFC 4861 sections 7.1.1, 7.1.2): Hop Limit 255, code
 * 0; an NS from the unspecified address carries no source link-layer
 * option; an NA to a multicast address has S clear.
 */
void host_nd_rx(struct node_host *h, struct host_if *hi,
		const struct net_pkt_info *pi)
{
	const struct net_nd *nd = &pi->nd;
	struct net_ip6 src = net_addr_ip6(&pi->src);
	bool unspec = net_addr_is_unspec(&pi->src);

	if (pi->ttl != 255 || pi->icmp6.code != 0 ||
	    (nd->type == NET_ICMP6_ND_NS && unspec && nd->has_sll) ||
	    (nd->type == NET_ICMP6_ND_NA && nd->solicited &&
	     net_addr_is_multicast(&pi->dst)) ||
	    net_ip6_is_multicast(&nd->target)) {
		h->cnt.rx_invalid++;
		return;
	}
	if (nd->type == NET_ICMP6_ND_NA) {
		node_nbr_na_input(&hi->nd, nd);
		return;
	}
	if (!node_iface_has_addr6(hi->ifp, &nd->target)) {
		h->cnt.rx_not_mine++;
		return;
	}
	if (!unspec)
		node_nbr_ns_input(&hi->nd, &src, nd->has_sll ? &nd->sll : NULL);
	host_send_na(hi->ifp, pi);
}

static void host_solicit(void *ctx, struct node_iface *ifp,
			 const struct net_addr *target)
{
	struct net_frame *f = net_frame_alloc(ifp->node->env->pool);
	struct net_l2 l2;
	struct net_wr w;
	int len = -1;

	if (!f)
		return;
	(void)ctx;
	memset(&l2, 0, sizeof(l2));
	l2.src = ifp->mac;
	net_wr_init(&w, f->data, NET_FRAME_MAX);
	if (target->af == NET_AF_IP4) {
		struct net_ip4 t = net_addr_ip4(target), src;
		struct net_arp a;
		bool ok;

		src = host_src4(ifp, &t, &ok);
		net_arp_make_request(&a, &ifp->mac, &src, &t);
		l2.dst = net_mac_broadcast;
		if (ok)
			len = net_build_arp(&w, &l2, &a);
	} else {
		struct net_ip6_params p;
		struct net_ip6 t = net_addr_ip6(target);

		memset(&p, 0, sizeof(p));
		p.dst = net_ip6_solicited_node(&t);
		p.l2 = l2;
		p.l2.dst = net_mac_from_ip6_mcast(&p.dst);
		p.hop_limit = 255;
		if (host_src6(ifp, &t, &p.src))
			len = net_build_ns(&w, &p, &t, &ifp->mac);
	}
	host_send_built(ifp, f, len);
}

static void host_nbr_send(void *ctx, struct node_iface *ifp,
			  struct net_frame *f)
{
	(void)ctx;
	node_iface_send(ifp, f);
}

const struct node_nbr_ops host_nbr_ops = {
	.send_solicit = host_solicit,
	.send_frame = host_nbr_send,
};
