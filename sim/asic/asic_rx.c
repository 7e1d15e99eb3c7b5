/*
 * The ingress pipeline: one net_dissect pass, then the forwarding decision
 * a router ASIC makes from its programmed tables only.
 *   1. Port checks (exists, admin up, carrier), Ethernet well-formedness,
 *      then the L2 filter (own or programmed MAC, broadcast, multicast).
 *      Tagged frames and EtherTypes other than ARP/IPv4/IPv6 are dropped
 *      (ports are routed, untagged). ARP, IPv4 and IPv6 errors found by
 *      the dissector drop the frame, counted by net_err; errors of the
 *      upper layers (UDP/ICMP checksums) are not the forwarding plane's
 *      business (RFC 1812 section 5.2.2 validates the IP header only), so
 *      such frames are forwarded or punted like any other.
 *   2. ARP: punt. IP to a RECEIVE address or 255.255.255.255: punt local.
 *      Link-local scope multicast (224.0.0.0/24, RFC 5771; ffX2::/16 and
 *      narrower scopes, RFC 4291 section 2.7), a Router Alert option
 *      (RFC 2113, RFC 2711) or IGMP (IPv4 protocol 2: IGMPv1 reports go
 *      to the group without Router Alert, RFC 1112 appendix I, and a
 *      router ASIC traps the protocol): punt protocol.
 *   3. Other multicast: needs multicast forwarding on the ingress port;
 *      (S,G) then (*,G) lookup: none, punt no-cache; wrong iif, punt
 *      wrong-iif on an outgoing port, no-cache for a directly connected
 *      source matching a (*,G) entry, else drop (rpf-fail); TTL/hop
 *      limit <= 1, drop; else one copy per outgoing
 *      port that is up, multicast-enabled and not the ingress port, in
 *      ascending ifindex order, copy k leaving pipeline_latency +
 *      k * replication_latency after arrival, TTL decremented and the
 *      source MAC rewritten to the egress port's. An entry flagged
 *      cpu-copy also punts the packet as it arrived (mcast-copy), and
 *      punts rather than drops it when no outgoing port is eligible.
 *   4. Unicast: a frame received as a link-layer broadcast/multicast is
 *      not forwarded (RFC 1812 section 5.3.4); IPv6 link-local
 *      destinations never leave their link (RFC 4291 section 2.5.6);
 *      TTL/hop limit <= 1: punt ttl-expired (RFC 1812 section 5.3.1,
 *      RFC 8200 section 3: the CPU sends the ICMP error); FIB miss: punt
 *      no-route; DROP: drop; ATTACHED/VIA with no adjacency: punt glean;
 *      else rewrite both MACs, decrement TTL with the RFC 1624 incremental
 *      checksum update (or the hop limit) and leave after
 *      pipeline_latency.
 */
#include <string.h>

#include "sim/asic/asic_int.h"
#include "sim/net/net_dissect.h"

struct rx_ctx {
	struct asic *a;
	struct asic_port *p;
	int ifindex;
	struct net_frame *f;
	struct net_pkt_info pi;
};

static void rx_drop(struct rx_ctx *c, enum asic_drop r)
{
	asic_drop_frame(c->a, c->ifindex, r, c->f);
}

static void rx_punt(struct rx_ctx *c, enum asic_punt r)
{
	asic_punt(c->a, c->ifindex, r, c->f);
}

static bool mcast_link_scope(const struct net_addr *g)
{
	if (g->af == NET_AF_IP4)
		return g->b[0] == 224 && g->b[1] == 0 && g->b[2] == 0;
	/* ff<flags><scope>: scopes 0 (reserved), 1 (interface), 2 (link). */
	return (g->b[1] & 0x0f) <= 2;
}

static bool ip4_limited_bcast(const struct net_addr *d)
{
	return d->af == NET_AF_IP4 && d->b[0] == 255 && d->b[1] == 255 &&
	       d->b[2] == 255 && d->b[3] == 255;
}

/* Decrement TTL/hop limit in place (checksum updated for IPv4). */
static void dec_ttl(struct rx_ctx *c)
{
	uint8_t *ip = c->f->data + c->pi.eth.hdr_len;

	if (c->pi.af == NET_AF_IP4)
		net_ipv4_dec_ttl(ip);
	else
		ip[7]--;
}

static void set_src_mac(struct net_frame *f, const struct net_mac *m)
{
	memcpy(f->data + 6, m->b, 6);
}

static struct asic_mfib *mfib_match(const struct asic *a,
				    const struct net_pkt_info *pi)
{
	struct asic_mfib *m = asic_mfib_get(a, &pi->src, &pi->dst);
	struct net_addr star;

	if (m)
		return m;
	asic_star_src(&star);
	return asic_mfib_get(a, &star, &pi->dst);
}

static bool oif_eligible(const struct asic *a, int oif, int ingress)
{
	const struct asic_port *o = asic_port_get(a, oif);

	return oif != ingress && o && o->admin && o->carrier && o->mcast;
}

/* A cpu-copy entry: punt a copy of the packet as it arrived. With no
 * eligible outgoing port the frame itself goes (*last). */
static void punt_copy(struct rx_ctx *c, bool last)
{
	struct net_frame *copy =
		last ? c->f : net_frame_clone(c->a->pool, c->f);

	if (!copy) {
		asic_count_drop(c->a, c->ifindex, ASIC_DROP_NO_BUFFER);
		return;
	}
	asic_punt(c->a, c->ifindex, ASIC_PUNT_MCAST_COPY, copy);
}

/* Data off the entry's iif (see rx_mcast). */
/* The source is on a subnet attached to the ingress port. */
static bool src_attached(const struct rx_ctx *c)
{
	void *v;
	const struct asic_fib_entry *e;

	if (!rt_lpm_match(c->a->fib, &c->pi.src, NULL, &v))
		return false;
	e = v;
	return e->kind == ASIC_FIB_ATTACHED && e->ifindex == c->ifindex;
}

static void rx_mcast_wrong_iif(struct rx_ctx *c, const struct asic_mfib *m)
{
	/*
	 * RFC 7761 section 4.6: data arriving on an outgoing interface is
	 * what triggers an Assert, so only that reaches the CPU; anything
	 * else off the RPF interface is dropped in hardware, except a
	 * directly connected source matching only a (*,G) entry: its DR
	 * must see it to register it (RFC 7761 4.4.1), so it is punted as
	 * no-cache, as for a group with no entry at all.
	 */
	bool on_oif = false;

	for (size_t i = 0; i < m->e.noifs; i++)
		on_oif |= m->e.oifs[i] == c->ifindex;
	if (on_oif)
		rx_punt(c, ASIC_PUNT_WRONG_IIF);
	else if (m->e.src.af == NET_AF_NONE && src_attached(c))
		rx_punt(c, ASIC_PUNT_NO_CACHE);
	else
		rx_drop(c, ASIC_DROP_RPF_FAIL);
}

static void rx_mcast(struct rx_ctx *c)
{
	struct asic *a = c->a;
	struct asic_mfib *m;
	sim_time_t t = sim_now(a->eng) + a->prof.pipeline_latency;
	size_t last = SIZE_MAX, k = 0;
	bool cpu;

	if (!c->p->mcast) {
		rx_drop(c, ASIC_DROP_MCAST_DISABLED);
		return;
	}
	m = mfib_match(a, &c->pi);
	if (!m) {
		rx_punt(c, ASIC_PUNT_NO_CACHE);
		return;
	}
	if (m->e.iif != c->ifindex) {
		rx_mcast_wrong_iif(c, m);
		return;
	}
	m->e.packets++;
	m->e.bytes += c->f->len;
	if (c->pi.ttl <= 1) {
		rx_drop(c, ASIC_DROP_TTL);
		return;
	}
	cpu = m->e.flags & ASIC_MFIB_CPU_COPY;
	for (size_t i = 0; i < m->e.noifs; i++)
		if (oif_eligible(a, m->e.oifs[i], c->ifindex))
			last = i;
	if (last == SIZE_MAX) {
		if (cpu)
			punt_copy(c, true);
		else
			rx_drop(c, ASIC_DROP_NO_OIF);
		return;
	}
	if (cpu)
		punt_copy(c, false); /* before the TTL decrement */
	a->cnt.mcast_routed++;
	dec_ttl(c);
	for (size_t i = 0; i <= last; i++) {
		int oif = m->e.oifs[i];
		struct net_frame *copy;

		if (!oif_eligible(a, oif, c->ifindex))
			continue;
		copy = i == last ? c->f : net_frame_clone(a->pool, c->f);
		if (!copy) {
			asic_count_drop(a, oif, ASIC_DROP_NO_BUFFER);
			continue;
		}
		copy->ifindex = oif;
		set_src_mac(copy, &asic_port_get(a, oif)->mac);
		asic_egress_push(a, copy,
				 t + (sim_time_t)k *
						 a->prof.replication_latency,
				 ASIC_EG_REPL);
		k++;
	}
}

static void rx_unicast(struct rx_ctx *c, const struct asic_fib_entry *e)
{
	struct asic *a = c->a;
	const struct net_addr *nh;
	const struct asic_adj *adj;

	if (net_mac_is_multicast(&c->pi.eth.dst)) {
		rx_drop(c, ASIC_DROP_LINK_BCAST);
		return;
	}
	if (c->pi.af == NET_AF_IP6) {
		struct net_ip6 d = net_addr_ip6(&c->pi.dst);

		if (net_ip6_is_link_local(&d)) {
			rx_drop(c, ASIC_DROP_SCOPE);
			return;
		}
	}
	if (c->pi.ttl <= 1) {
		rx_punt(c, ASIC_PUNT_TTL_EXPIRED);
		return;
	}
	if (!e) {
		rx_punt(c, ASIC_PUNT_NO_ROUTE);
		return;
	}
	if (e->kind == ASIC_FIB_DROP) {
		rx_drop(c, ASIC_DROP_BLACKHOLE);
		return;
	}
	nh = e->kind == ASIC_FIB_VIA ? &e->nexthop : &c->pi.dst;
	adj = asic_adj_get(a, e->ifindex, nh);
	if (!adj) {
		rx_punt(c, ASIC_PUNT_GLEAN);
		return;
	}
	memcpy(c->f->data, adj->mac.b, 6);
	set_src_mac(c->f, &asic_port_get(a, e->ifindex)->mac);
	dec_ttl(c);
	c->f->ifindex = e->ifindex;
	asic_egress_push(a, c->f, sim_now(a->eng) + a->prof.pipeline_latency,
			 ASIC_EG_FWD);
}

static void rx_ip(struct rx_ctx *c)
{
	const struct net_pkt_info *pi = &c->pi;
	const struct asic_fib_entry *e = NULL;
	bool mcast = net_addr_is_multicast(&pi->dst);
	void *v;

	if (!mcast && rt_lpm_match(c->a->fib, &pi->dst, NULL, &v))
		e = v;
	if ((e && e->kind == ASIC_FIB_RECEIVE) || ip4_limited_bcast(&pi->dst)) {
		if (asic_offload_match(c->a, pi)) {
			c->f->ifindex = c->ifindex; /* the ingress port */
			asic_egress_push(c->a, c->f,
					 sim_now(c->a->eng) +
						 c->a->prof.pipeline_latency,
					 ASIC_EG_OFFLOAD);
		} else {
			rx_punt(c, ASIC_PUNT_LOCAL);
		}
		return;
	}
	if ((mcast && mcast_link_scope(&pi->dst)) || pi->router_alert ||
	    (pi->af == NET_AF_IP4 && pi->l4_proto == 2)) {
		rx_punt(c, ASIC_PUNT_PROTOCOL);
		return;
	}
	if (mcast)
		rx_mcast(c);
	else
		rx_unicast(c, e);
}

/* Layers whose errors the ASIC acts on (see the file comment). */
static bool l3_error(const struct net_pkt_info *pi)
{
	return pi->err != NET_OK && (pi->err_layer == NET_LAYER_ETH ||
				     pi->err_layer == NET_LAYER_ARP ||
				     pi->err_layer == NET_LAYER_IPV4 ||
				     pi->err_layer == NET_LAYER_IPV6);
}

void asic_rx(struct asic *a, int ifindex, struct net_frame *f)
{
	struct rx_ctx c = { .a = a, .ifindex = ifindex, .f = f };

	if (!f)
		return;
	c.p = asic_port_get(a, ifindex);
	if (!c.p) {
		rx_drop(&c, ASIC_DROP_NO_PORT);
		return;
	}
	c.p->cnt.rx++;
	a->cnt.all.rx++;
	if (!c.p->admin || !c.p->carrier) {
		rx_drop(&c, ASIC_DROP_PORT_DOWN);
		return;
	}
	net_dissect(f->data, f->len, &c.pi);
	if (l3_error(&c.pi) && c.pi.err_layer == NET_LAYER_ETH)
		goto malformed;
	if (!asic_port_accepts(c.p, &c.pi.eth.dst)) {
		rx_drop(&c, ASIC_DROP_NOT_FOR_US);
		return;
	}
	if (c.pi.eth.vlan) {
		rx_drop(&c, ASIC_DROP_UNKNOWN_PROTO);
		return;
	}
	if (l3_error(&c.pi))
		goto malformed;
	if (net_pkt_has(&c.pi, NET_LAYER_ARP)) {
		rx_punt(&c, ASIC_PUNT_ARP);
		return;
	}
	if (c.pi.af != NET_AF_IP4 && c.pi.af != NET_AF_IP6) {
		rx_drop(&c, ASIC_DROP_UNKNOWN_PROTO);
		return;
	}
	rx_ip(&c);
	return;
malformed:
	a->cnt.malformed[c.pi.err < NET_E__COUNT ? c.pi.err : NET_OK]++;
	rx_drop(&c, ASIC_DROP_MALFORMED);
}
