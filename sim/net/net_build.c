/*
 * Whole-frame builders (see net_build.h), composed from the begin/end
 * encoders of each layer.
 */
#include "sim/net/net_build.h"

#include <string.h>

#include "sim/net/net_eth.h"
#include "sim/net/net_icmp.h"
#include "sim/net/net_icmp6.h"
#include "sim/net/net_ipv4.h"
#include "sim/net/net_ipv6.h"
#include "sim/net/net_udp.h"

static size_t eth_begin(struct net_wr *w, const struct net_l2 *l2,
			uint16_t type)
{
	struct net_eth h;

	memset(&h, 0, sizeof(h));
	h.dst = l2->dst;
	h.src = l2->src;
	h.vlan = l2->vlan;
	h.pcp = l2->pcp;
	h.vid = l2->vid;
	h.type = type;
	return net_eth_begin(w, &h);
}

static size_t ip4_begin(struct net_wr *w, const struct net_ip4_params *p,
			uint8_t proto)
{
	struct net_ipv4 h;

	memset(&h, 0, sizeof(h));
	h.tos = p->tos;
	h.id = p->id;
	h.df = p->df;
	h.ttl = p->ttl;
	h.proto = proto;
	h.src = p->src;
	h.dst = p->dst;
	h.router_alert = p->router_alert;
	return net_ipv4_begin(w, &h);
}

static size_t ip6_begin(struct net_wr *w, const struct net_ip6_params *p,
			uint8_t nh)
{
	struct net_ipv6 h;

	memset(&h, 0, sizeof(h));
	h.tclass = p->tclass;
	h.flow = p->flow;
	h.hop_limit = p->hop_limit;
	h.next_header = nh;
	h.src = p->src;
	h.dst = p->dst;
	h.router_alert = p->router_alert;
	h.ra_value = p->ra_value;
	return net_ipv6_begin(w, &h);
}

/*
 * Finish the IP packet at ip_off (unless ip_end is NULL) and the frame at
 * frame_off. rc is the upper layer's result. Returns the frame length or -1
 * (and on failure rewinds the writer so a partial frame is never left behind).
 */
static int finish(struct net_wr *w, size_t frame_off, size_t ip_off, int rc,
		  int (*ip_end)(struct net_wr *, size_t))
{
	int n = -1;

	if (rc == 0 && (!ip_end || ip_end(w, ip_off) == 0))
		n = net_eth_end(w, frame_off);
	if (n < 0 && frame_off <= w->off) {
		w->off = frame_off;
		w->err = true;
	}
	return n;
}

int net_build_arp(struct net_wr *w, const struct net_l2 *l2,
		  const struct net_arp *a)
{
	size_t f = eth_begin(w, l2, NET_ETHERTYPE_ARP);

	return finish(w, f, f, net_arp_encode(w, a) ? 0 : -1, NULL);
}

int net_build_ip4(struct net_wr *w, const struct net_ip4_params *p,
		  uint8_t proto, const void *payload, size_t len)
{
	size_t f = eth_begin(w, &p->l2, NET_ETHERTYPE_IPV4);
	size_t ip = ip4_begin(w, p, proto);

	net_wr_bytes(w, payload, len);
	return finish(w, f, ip, w->err ? -1 : 0, net_ipv4_end);
}

int net_build_ip6(struct net_wr *w, const struct net_ip6_params *p,
		  uint8_t next_header, const void *payload, size_t len)
{
	size_t f = eth_begin(w, &p->l2, NET_ETHERTYPE_IPV6);
	size_t ip = ip6_begin(w, p, next_header);

	net_wr_bytes(w, payload, len);
	return finish(w, f, ip, w->err ? -1 : 0, net_ipv6_end);
}

int net_build_udp4(struct net_wr *w, const struct net_udp4_params *p,
		   const void *payload, size_t len)
{
	size_t f = eth_begin(w, &p->ip.l2, NET_ETHERTYPE_IPV4);
	size_t ip = ip4_begin(w, &p->ip, NET_IPPROTO_UDP);
	size_t u = net_udp_begin(w, p->sport, p->dport);

	net_wr_bytes(w, payload, len);
	return finish(w, f, ip, net_udp4_end(w, u, &p->ip.src, &p->ip.dst),
		      net_ipv4_end);
}

int net_build_udp6(struct net_wr *w, const struct net_udp6_params *p,
		   const void *payload, size_t len)
{
	size_t f = eth_begin(w, &p->ip.l2, NET_ETHERTYPE_IPV6);
	size_t ip = ip6_begin(w, &p->ip, NET_IPPROTO_UDP);
	size_t u = net_udp_begin(w, p->sport, p->dport);

	net_wr_bytes(w, payload, len);
	return finish(w, f, ip, net_udp6_end(w, u, &p->ip.src, &p->ip.dst),
		      net_ipv6_end);
}

int net_build_icmp_echo4(struct net_wr *w, const struct net_ip4_params *p,
			 bool reply, uint16_t id, uint16_t seq,
			 const void *data, size_t len)
{
	size_t f = eth_begin(w, &p->l2, NET_ETHERTYPE_IPV4);
	size_t ip = ip4_begin(w, p, NET_IPPROTO_ICMP);
	int rc = net_icmp_echo_encode(
		w, reply ? NET_ICMP_ECHO_REPLY : NET_ICMP_ECHO, id, seq, data,
		len);

	return finish(w, f, ip, rc, net_ipv4_end);
}

int net_build_icmp_echo6(struct net_wr *w, const struct net_ip6_params *p,
			 bool reply, uint16_t id, uint16_t seq,
			 const void *data, size_t len)
{
	size_t f = eth_begin(w, &p->l2, NET_ETHERTYPE_IPV6);
	size_t ip = ip6_begin(w, p, NET_IPV6_NH_ICMPV6);
	int rc = net_icmp6_echo_encode(w, &p->src, &p->dst,
				       reply ? NET_ICMP6_ECHO_REPLY
					     : NET_ICMP6_ECHO,
				       id, seq, data, len);

	return finish(w, f, ip, rc, net_ipv6_end);
}

int net_build_icmp_error4(struct net_wr *w, const struct net_ip4_params *p,
			  uint8_t type, uint8_t code, uint32_t rest,
			  const uint8_t *orig, size_t orig_len)
{
	size_t f = eth_begin(w, &p->l2, NET_ETHERTYPE_IPV4);
	size_t ip = ip4_begin(w, p, NET_IPPROTO_ICMP);
	int rc = net_icmp_error_encode(w, type, code, rest, orig, orig_len);

	return finish(w, f, ip, rc, net_ipv4_end);
}

int net_build_icmp_error6(struct net_wr *w, const struct net_ip6_params *p,
			  uint8_t type, uint8_t code, uint32_t rest,
			  const uint8_t *orig, size_t orig_len)
{
	size_t f = eth_begin(w, &p->l2, NET_ETHERTYPE_IPV6);
	size_t ip = ip6_begin(w, p, NET_IPV6_NH_ICMPV6);
	int rc = net_icmp6_error_encode(w, &p->src, &p->dst, type, code, rest,
					orig, orig_len);

	return finish(w, f, ip, rc, net_ipv6_end);
}

int net_build_icmp6(struct net_wr *w, const struct net_ip6_params *p,
		    uint8_t type, uint8_t code, const void *body, size_t len)
{
	size_t f = eth_begin(w, &p->l2, NET_ETHERTYPE_IPV6);
	size_t ip = ip6_begin(w, p, NET_IPV6_NH_ICMPV6);
	size_t m = net_icmp6_begin(w, type, code);

	net_wr_bytes(w, body, len);
	return finish(w, f, ip, net_icmp6_end(w, m, &p->src, &p->dst),
		      net_ipv6_end);
}

static int build_nd(struct net_wr *w, const struct net_ip6_params *p,
		    const struct net_nd *nd)
{
	struct net_ip6_params q = *p;
	size_t f, ip;

	q.hop_limit = 255; /* RFC 4861 sections 7.1.1 and 7.1.2 */
	f = eth_begin(w, &q.l2, NET_ETHERTYPE_IPV6);
	ip = ip6_begin(w, &q, NET_IPV6_NH_ICMPV6);
	return finish(w, f, ip, net_nd_encode(w, &q.src, &q.dst, nd),
		      net_ipv6_end);
}

int net_build_ns(struct net_wr *w, const struct net_ip6_params *p,
		 const struct net_ip6 *target, const struct net_mac *sll)
{
	struct net_nd nd;

	memset(&nd, 0, sizeof(nd));
	nd.type = NET_ICMP6_ND_NS;
	nd.target = *target;
	if (sll) {
		nd.has_sll = true;
		nd.sll = *sll;
	}
	return build_nd(w, p, &nd);
}

int net_build_na(struct net_wr *w, const struct net_ip6_params *p,
		 const struct net_ip6 *target, uint32_t flags,
		 const struct net_mac *tll)
{
	struct net_nd nd;

	memset(&nd, 0, sizeof(nd));
	nd.type = NET_ICMP6_ND_NA;
	nd.router = (flags & NET_ND_NA_ROUTER) != 0;
	nd.solicited = (flags & NET_ND_NA_SOLICITED) != 0;
	nd.override = (flags & NET_ND_NA_OVERRIDE) != 0;
	nd.target = *target;
	if (tll) {
		nd.has_tll = true;
		nd.tll = *tll;
	}
	return build_nd(w, p, &nd);
}

int net_build_na_unsolicited(struct net_wr *w, const struct net_l2 *l2,
			     const struct net_ip6 *src,
			     const struct net_ip6 *target, bool router)
{
	static const struct net_ip6 all_nodes = {
		{ 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }
	};
	struct net_ip6_params p;

	memset(&p, 0, sizeof(p));
	p.l2 = *l2;
	p.l2.dst = net_mac_from_ip6_mcast(&all_nodes);
	p.src = *src;
	p.dst = all_nodes;
	return net_build_na(
		w, &p, target,
		NET_ND_NA_OVERRIDE | (router ? NET_ND_NA_ROUTER : 0), &l2->src);
}
