/*
 * The host node kind (node_host.h): configuration, multicast membership,
 * listeners, UDP bindings and the receive path. Every frame is dissected
 * once (net_dissect) and dropped with a counted reason when it is not for
 * us: the Ethernet destination must be our MAC, broadcast, or a multicast
 * MAC of a group we listen to (all-hosts 224.0.0.1, all-nodes ff02::1, the
 * solicited-node group of each of our IPv6 addresses, and joined groups);
 * the IP destination must then be one of the interface's addresses, the
 * limited or the subnet-directed broadcast, or such a group (RFC 1122
 * section 3.3.6; RFC 4291 section 2.8). 802.1Q tagged frames are not for
 * hosts. ARP, NS/NA and echo requests are answered (node_host_tx.c), echo
 * replies go to ping sessions, UDP to bound ports, and anything else to the
 * listeners (IGMP/MLD host side, TCP). Hosts have no processing delay.
 * Crash drops every frame, flushes the neighbor caches and stops pings;
 * restart keeps the configuration (addresses, gateways, groups and UDP
 * bindings, as if the applications started again) and tells the group
 * listeners about every joined group.
 */
#include "sim/node/node_host_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct node_ops node_host_ops;

bool host_is(const struct node *n)
{
	return n && n->ops == &node_host_ops;
}

struct host_if *host_if_get(struct node_host *h, struct node_iface *ifp)
{
	struct host_if *hi = ifp->priv;

	if (hi)
		return hi;
	hi = calloc(1, sizeof(*hi));
	if (!hi)
		return NULL;
	hi->h = h;
	hi->ifp = ifp;
	if (node_nbr_init(&hi->arp, ifp, NET_AF_IP4, &host_nbr_ops, hi) ||
	    node_nbr_init(&hi->nd, ifp, NET_AF_IP6, &host_nbr_ops, hi)) {
		node_nbr_fini(&hi->arp);
		node_nbr_fini(&hi->nd);
		free(hi);
		return NULL;
	}
	node_iface_ipv6_enable(ifp, true); /* link-local always */
	ifp->priv = hi;
	return hi;
}

static void host_if_free(struct node_iface *ifp)
{
	struct host_if *hi = ifp->priv;

	if (!hi)
		return;
	node_nbr_fini(&hi->arp);
	node_nbr_fini(&hi->nd);
	free(hi->groups);
	free(hi);
	ifp->priv = NULL;
}

static struct host_if *host_if_by_name(struct node *n, const char *ifname)
{
	struct node_iface *ifp;

	if (!host_is(n))
		return NULL;
	ifp = node_iface_find(n, ifname);
	return ifp ? host_if_get(host_of(n), ifp) : NULL;
}

struct node_iface *node_host_iface_add(struct node *n, const char *name,
				       const struct net_mac *mac)
{
	struct node_iface *ifp;

	if (!host_is(n))
		return NULL;
	ifp = node_iface_add(n, name, mac);
	if (ifp && !host_if_get(host_of(n), ifp))
		return NULL;
	return ifp;
}

int node_host_set_ipv4(struct node *n, const char *ifname,
		       const struct net_ip4 *a, uint8_t plen)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return -ENODEV;
	return node_iface_add_addr4(hi->ifp, a, plen, false);
}

int node_host_set_gateway(struct node *n, const char *ifname,
			  const struct net_ip4 *gw)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return -ENODEV;
	hi->has_gw4 = gw != NULL;
	if (gw)
		hi->gw4 = *gw;
	return 0;
}

int node_host_set_ipv6(struct node *n, const char *ifname,
		       const struct net_ip6 *a, uint8_t plen)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return -ENODEV;
	return node_iface_add_addr6(hi->ifp, a, plen);
}

int node_host_set_gateway6(struct node *n, const char *ifname,
			   const struct net_ip6 *gw)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return -ENODEV;
	hi->has_gw6 = gw != NULL;
	if (gw)
		hi->gw6 = *gw;
	return 0;
}

static int host_group_index(const struct host_if *hi, const struct net_addr *g)
{
	int i;

	for (i = 0; i < hi->ngroups; i++)
		if (net_addr_eq(&hi->groups[i], g))
			return i;
	return -1;
}

static void host_tell_group(struct node_host *h, struct node_iface *ifp,
			    const struct net_addr *g, bool joined)
{
	char gs[NET_ADDR_STRLEN];
	struct sim_log_rec r;
	int i;

	net_addr_fmt(g, gs, sizeof(gs));
	node_log_begin(&r, &h->node, "host", joined ? "join" : "leave");
	sim_log_str(&r, "iface", ifp->name);
	sim_log_str(&r, "group", gs);
	sim_log_end(&r);
	for (i = 0; i < h->nlisteners; i++)
		if (h->listeners[i].group)
			h->listeners[i].group(h->listeners[i].ctx, &h->node,
					      ifp, g, joined);
}

static int host_join_one(struct node_host *h, struct host_if *hi,
			 const struct net_addr *g, bool join)
{
	int i = host_group_index(hi, g);

	if (join && i < 0) {
		if (hi->ngroups == hi->capgroups) {
			int cap = hi->capgroups ? 2 * hi->capgroups : 4;
			struct net_addr *v =
				realloc(hi->groups, sizeof(*v) * (size_t)cap);

			if (!v)
				return -ENOMEM;
			hi->groups = v;
			hi->capgroups = cap;
		}
		hi->groups[hi->ngroups++] = *g;
		host_tell_group(h, hi->ifp, g, true);
	} else if (!join && i >= 0) {
		hi->groups[i] = hi->groups[--hi->ngroups];
		host_tell_group(h, hi->ifp, g, false);
	}
	return 0;
}

static int host_join(struct node *n, const char *ifname,
		     const struct net_addr *g, bool join)
{
	struct node_host *h = host_of(n);
	int i, rc;

	if (!host_is(n))
		return -EINVAL;
	if (!net_addr_is_multicast(g))
		return -EINVAL;
	if (ifname) {
		struct host_if *hi = host_if_by_name(n, ifname);

		return hi ? host_join_one(h, hi, g, join) : -ENODEV;
	}
	for (i = 0; i < n->nifaces; i++) {
		struct host_if *hi = host_if_get(h, n->ifaces[i]);

		if (!hi)
			return -ENOMEM;
		rc = host_join_one(h, hi, g, join);
		if (rc)
			return rc;
	}
	return 0;
}

int node_host_join(struct node *n, const char *ifname,
		   const struct net_addr *group)
{
	return host_join(n, ifname, group, true);
}

int node_host_leave(struct node *n, const char *ifname,
		    const struct net_addr *group)
{
	return host_join(n, ifname, group, false);
}

bool node_host_joined(const struct node *n, const struct node_iface *ifp,
		      const struct net_addr *group)
{
	const struct host_if *hi;

	if (!host_is(n) || !ifp || !ifp->priv)
		return false;
	hi = ifp->priv;
	return host_group_index(hi, group) >= 0;
}

int node_host_add_listener(struct node *n, const struct node_host_listener *l)
{
	struct node_host *h = host_of(n);

	if (!host_is(n) || !l)
		return -EINVAL;
	if (h->nlisteners >= NODE_HOST_MAX_LISTENERS)
		return -ENOSPC;
	h->listeners[h->nlisteners++] = *l;
	return 0;
}

static struct host_udp_bind *host_bind_find(const struct node_host *h,
					    uint16_t port)
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

const struct node_host_cnt *node_host_counters(const struct node *n)
{
	return host_is(n) ? &host_of(n)->cnt : NULL;
}

struct node_nbr *node_host_nbr(struct node *n, const char *ifname,
			       enum net_af af)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return NULL;
	if (af == NET_AF_IP4)
		return &hi->arp;
	return af == NET_AF_IP6 ? &hi->nd : NULL;
}

/* ---- receive path ---- */

static bool host_l2_mine(const struct host_if *hi, const struct net_mac *dst)
{
	const struct node_iface *ifp = hi->ifp;
	struct net_ip6 all6 = { { 0xff, 0x02, [15] = 1 } };
	struct net_ip4 all4 = { { 224, 0, 0, 1 } };
	struct net_mac m;
	int i;

	if (net_mac_eq(dst, &ifp->mac) || net_mac_is_broadcast(dst))
		return true;
	if (!net_mac_is_multicast(dst))
		return false;
	m = net_mac_from_ip4_mcast(&all4);
	if (ifp->n4 > 0 && net_mac_eq(dst, &m))
		return true;
	m = net_mac_from_ip6_mcast(&all6);
	if (ifp->ipv6_enabled && net_mac_eq(dst, &m))
		return true;
	for (i = 0; ifp->ipv6_enabled && i < ifp->n6; i++) {
		struct net_ip6 sn = net_ip6_solicited_node(&ifp->addr6[i].addr);

		m = net_mac_from_ip6_mcast(&sn);
		if (net_mac_eq(dst, &m))
			return true;
	}
	for (i = 0; i < hi->ngroups; i++) {
		const struct net_addr *g = &hi->groups[i];
		struct net_ip4 g4 = net_addr_ip4(g);
		struct net_ip6 g6 = net_addr_ip6(g);

		m = g->af == NET_AF_IP4 ? net_mac_from_ip4_mcast(&g4)
					: net_mac_from_ip6_mcast(&g6);
		if (net_mac_eq(dst, &m))
			return true;
	}
	return false;
}

static bool host_ip4_mine(const struct host_if *hi, const struct net_ip4 *d,
			  bool *unicast)
{
	static const struct net_ip4 all = { { 224, 0, 0, 1 } };
	const struct node_iface *ifp = hi->ifp;
	struct net_addr g;
	int i;

	*unicast = node_iface_has_addr4(ifp, d);
	if (*unicast)
		return true;
	if (net_ip4_is_multicast(d)) {
		g = net_addr_from_ip4(d);
		return (ifp->n4 > 0 && memcmp(d->b, all.b, 4) == 0) ||
		       host_group_index(hi, &g) >= 0;
	}
	if (d->b[0] == 255 && d->b[1] == 255 && d->b[2] == 255 &&
	    d->b[3] == 255)
		return true;
	for (i = 0; i < ifp->n4; i++) {
		uint32_t a = net_get_be32(ifp->addr4[i].addr.b);
		uint32_t host = ifp->addr4[i].plen >= 31
					? 0
					: 0xffffffffu >> ifp->addr4[i].plen;

		if (host && net_get_be32(d->b) == (a | host))
			return true;
	}
	return false;
}

static bool host_ip6_mine(const struct host_if *hi, const struct net_ip6 *d,
			  bool *unicast)
{
	static const struct net_ip6 all = { { 0xff, 0x02, [15] = 1 } };
	const struct node_iface *ifp = hi->ifp;
	struct net_addr g;
	int i;

	*unicast = false;
	if (!ifp->ipv6_enabled)
		return false;
	*unicast = node_iface_has_addr6(ifp, d);
	if (*unicast)
		return true;
	if (!net_ip6_is_multicast(d))
		return false;
	if (memcmp(d->b, all.b, 16) == 0)
		return true;
	for (i = 0; i < ifp->n6; i++) {
		struct net_ip6 sn = net_ip6_solicited_node(&ifp->addr6[i].addr);

		if (memcmp(d->b, sn.b, 16) == 0)
			return true;
	}
	g = net_addr_from_ip6(d);
	return host_group_index(hi, &g) >= 0;
}

static void host_udp_rx(struct node_host *h, struct host_if *hi,
			const struct net_pkt_info *pi)
{
	struct host_udp_bind *b = host_bind_find(h, pi->udp.dport);
	struct node_host_udp_rx m;

	if (!b) {
		h->cnt.rx_no_port++;
		return;
	}
	h->cnt.udp_rx++;
	m = (struct node_host_udp_rx){
		.ifp = hi->ifp,
		.src = pi->src,
		.dst = pi->dst,
		.sport = pi->udp.sport,
		.dport = pi->udp.dport,
		.payload = pi->udp.payload,
		.len = pi->udp.payload_len,
		.t = node_now(&h->node),
		.ttl = pi->ttl,
	};
	b->cb(b->ctx, &h->node, &m);
}

static void host_other_rx(struct node_host *h, struct host_if *hi,
			  const struct net_pkt_info *pi,
			  const struct net_frame *f)
{
	int i;

	for (i = 0; i < h->nlisteners; i++)
		if (h->listeners[i].ip_rx &&
		    h->listeners[i].ip_rx(h->listeners[i].ctx, &h->node,
					  hi->ifp, pi, f))
			return;
	h->cnt.rx_unhandled++;
}

static void host_ip_rx(struct node_host *h, struct host_if *hi,
		       const struct net_pkt_info *pi, const struct net_frame *f)
{
	bool unicast, mine;

	if (pi->af == NET_AF_IP4) {
		struct net_ip4 d = net_addr_ip4(&pi->dst);

		mine = host_ip4_mine(hi, &d, &unicast);
	} else {
		struct net_ip6 d = net_addr_ip6(&pi->dst);

		mine = host_ip6_mine(hi, &d, &unicast);
	}
	if (!mine) {
		h->cnt.rx_not_mine++;
		return;
	}
	if (pi->fragment) {
		h->cnt.rx_unhandled++;
		return;
	}
	if (net_pkt_has(pi, NET_LAYER_UDP)) {
		host_udp_rx(h, hi, pi);
	} else if (net_pkt_has(pi, NET_LAYER_ICMP) &&
		   net_icmp_is_echo(&pi->icmp)) {
		if (pi->icmp.type == NET_ICMP_ECHO_REPLY)
			host_ping_reply(h, pi, pi->icmp.id, pi->icmp.seq);
		else if (unicast)
			host_echo_rx(h, hi, pi);
	} else if (pi->has_nd) {
		host_nd_rx(h, hi, pi);
	} else if (pi->has_echo6) {
		if (pi->icmp6.type == NET_ICMP6_ECHO_REPLY)
			host_ping_reply(h, pi, pi->echo6.id, pi->echo6.seq);
		else if (unicast)
			host_echo_rx(h, hi, pi);
	} else {
		host_other_rx(h, hi, pi, f);
	}
}

static void host_rx(struct node *n, struct node_iface *ifp, struct net_frame *f)
{
	struct node_host *h = host_of(n);
	struct net_pkt_info pi;
	struct host_if *hi;

	if (n->crashed)
		goto out;
	hi = host_if_get(h, ifp);
	if (!ifp->oper_up || !hi) {
		ifp->cnt.rx_drops++;
		goto out;
	}
	net_dissect(f->data, f->len, &pi);
	if (pi.err != NET_OK && pi.err_layer == NET_LAYER_ETH) {
		n->drops[pi.err]++;
		h->cnt.rx_bad++;
		ifp->cnt.rx_drops++;
		goto out;
	}
	if (pi.eth.vlan || !host_l2_mine(hi, &pi.eth.dst)) {
		h->cnt.rx_not_mine++;
		goto out;
	}
	if (pi.err != NET_OK) {
		n->drops[pi.err]++;
		h->cnt.rx_bad++;
		ifp->cnt.rx_drops++;
		goto out;
	}
	if (net_pkt_has(&pi, NET_LAYER_ARP))
		host_arp_rx(h, hi, &pi);
	else if (pi.af == NET_AF_IP4 || pi.af == NET_AF_IP6)
		host_ip_rx(h, hi, &pi, f);
	else
		h->cnt.rx_unhandled++;
out:
	net_frame_free(n->env->pool, f);
}

static void host_carrier(struct node *n, struct node_iface *ifp, bool up)
{
	struct node_host *h = host_of(n);
	struct host_if *hi = host_if_get(h, ifp);
	bool was = ifp->oper_up;
	int i;

	node_iface_set_oper(ifp, up && ifp->admin_up, "carrier");
	if (was == ifp->oper_up)
		return;
	if (!ifp->oper_up && hi) {
		node_nbr_flush(&hi->arp, "iface-down");
		node_nbr_flush(&hi->nd, "iface-down");
	}
	for (i = 0; i < h->nlisteners; i++)
		if (h->listeners[i].iface)
			h->listeners[i].iface(h->listeners[i].ctx, n, ifp,
					      ifp->oper_up);
}

static void host_crash(struct node *n)
{
	struct node_host *h = host_of(n);
	int i;

	n->crashed = true;
	host_ping_stop_all(h);
	for (i = 0; i < n->nifaces; i++) {
		struct host_if *hi = n->ifaces[i]->priv;

		if (!hi)
			continue;
		node_nbr_flush(&hi->arp, "crash");
		node_nbr_flush(&hi->nd, "crash");
	}
}

static void host_restart(struct node *n)
{
	struct node_host *h = host_of(n);
	int i, j;

	n->crashed = false;
	for (i = 0; i < n->nifaces; i++) {
		struct host_if *hi = n->ifaces[i]->priv;

		for (j = 0; hi && j < hi->ngroups; j++)
			host_tell_group(h, hi->ifp, &hi->groups[j], true);
	}
}

static void host_destroy(struct node *n)
{
	struct node_host *h = host_of(n);
	int i;

	host_ping_free_all(h);
	for (i = 0; i < n->nifaces; i++)
		host_if_free(n->ifaces[i]);
	free(h->binds);
	node_fini(n);
	free(h);
}

static const struct node_ops node_host_ops = {
	.kind_name = "host",
	.rx = host_rx,
	.carrier = host_carrier,
	.crash = host_crash,
	.restart = host_restart,
	.destroy = host_destroy,
};

struct node *node_host_new(struct node_env *env, const char *name)
{
	struct node_host *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	node_init(&h->node, &node_host_ops, NODE_HOST, name, env);
	h->ping_timeout = NODE_HOST_PING_TIMEOUT;
	return &h->node;
}
