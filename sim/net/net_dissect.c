/*
 * The one-pass frame dissector (see net_dissect.h): Ethernet, ARP,
 * IPv4/IPv6, UDP, ICMP and ICMPv6 with echo and Neighbor Discovery. Frames
 * without an Ethernet header (raw IP and cooked captures) enter at the
 * network layer through net_dissect_l3 and share everything above it.
 */
#include "sim/net/net_dissect.h"

#include <string.h>

static const char *const net_layer_names[NET_LAYER__COUNT] = {
	[NET_LAYER_NONE] = "none", [NET_LAYER_ETH] = "eth",
	[NET_LAYER_ARP] = "arp",   [NET_LAYER_IPV4] = "ipv4",
	[NET_LAYER_IPV6] = "ipv6", [NET_LAYER_UDP] = "udp",
	[NET_LAYER_ICMP] = "icmp", [NET_LAYER_ICMP6] = "icmpv6",
};

const char *net_layer_name(enum net_layer l)
{
	if ((unsigned)l >= NET_LAYER__COUNT)
		return "unknown";
	return net_layer_names[l];
}

/* Record the outcome of one layer; returns true when it decoded. */
static bool layer_done(struct net_pkt_info *pi, enum net_layer l,
		       enum net_err e)
{
	if (e != NET_OK) {
		pi->err = e;
		pi->err_layer = l;
		return false;
	}
	pi->layers |= 1u << l;
	pi->top = l;
	return true;
}

static void set_payload(struct net_pkt_info *pi, const uint8_t *p, size_t n)
{
	pi->payload = p;
	pi->payload_len = n;
}

static void dissect_icmp6(struct net_pkt_info *pi)
{
	struct net_icmp6 *m = &pi->icmp6;
	enum net_err e;

	/* RFC 8200 8.1: the pseudo-header's addresses. */
	e = net_icmp6_decode(pi->l4, pi->l4_len, &pi->ip6.pseudo_src,
			     &pi->ip6.pseudo_dst, m);
	if (e == NET_OK &&
	    (m->type == NET_ICMP6_ECHO || m->type == NET_ICMP6_ECHO_REPLY)) {
		e = net_icmp6_echo_decode(m, &pi->echo6);
		pi->has_echo6 = e == NET_OK;
	} else if (e == NET_OK &&
		   (m->type == NET_ICMP6_ND_NS || m->type == NET_ICMP6_ND_NA)) {
		e = net_nd_decode(m, &pi->nd);
		pi->has_nd = e == NET_OK;
	} else if (e == NET_OK && net_icmp6_is_error(m->type)) {
		e = net_icmp6_error_decode(m, &pi->error6);
		pi->has_error6 = e == NET_OK;
	}
	if (layer_done(pi, NET_LAYER_ICMP6, e))
		set_payload(pi, m->body, m->body_len);
}

/* The upper layer of an IP packet (l4 set, not a fragment). */
static void dissect_l4(struct net_pkt_info *pi)
{
	enum net_err e;

	if (pi->l4_proto == NET_IPPROTO_UDP) {
		if (pi->af == NET_AF_IP4)
			e = net_udp4_decode(pi->l4, pi->l4_len, &pi->ip4.src,
					    &pi->ip4.dst, &pi->udp);
		else
			e = net_udp6_decode(pi->l4, pi->l4_len,
					    &pi->ip6.pseudo_src,
					    &pi->ip6.pseudo_dst, &pi->udp);
		if (layer_done(pi, NET_LAYER_UDP, e))
			set_payload(pi, pi->udp.payload, pi->udp.payload_len);
	} else if (pi->l4_proto == NET_IPPROTO_ICMP && pi->af == NET_AF_IP4) {
		e = net_icmp_decode(pi->l4, pi->l4_len, &pi->icmp);
		if (layer_done(pi, NET_LAYER_ICMP, e))
			set_payload(pi, pi->icmp.data, pi->icmp.data_len);
	} else if (pi->l4_proto == NET_IPPROTO_ICMPV6 && pi->af == NET_AF_IP6) {
		dissect_icmp6(pi);
	}
}

static void dissect_ipv4(struct net_pkt_info *pi, const uint8_t *buf,
			 size_t len)
{
	struct net_ipv4 *h = &pi->ip4;

	if (!layer_done(pi, NET_LAYER_IPV4, net_ipv4_decode(buf, len, h)))
		return;
	pi->af = NET_AF_IP4;
	pi->src = net_addr_from_ip4(&h->src);
	pi->dst = net_addr_from_ip4(&h->dst);
	pi->ttl = h->ttl;
	pi->router_alert = h->router_alert;
	pi->ra_value = h->ra_value;
	pi->fragment = net_ipv4_is_fragment(h);
	pi->l4_proto = h->proto;
	pi->l4 = h->payload;
	pi->l4_len = h->payload_len;
	set_payload(pi, pi->l4, pi->l4_len);
	if (!pi->fragment)
		dissect_l4(pi);
}

static void dissect_ipv6(struct net_pkt_info *pi, const uint8_t *buf,
			 size_t len)
{
	struct net_ipv6 *h = &pi->ip6;

	if (!layer_done(pi, NET_LAYER_IPV6, net_ipv6_decode(buf, len, h)))
		return;
	pi->af = NET_AF_IP6;
	pi->src = net_addr_from_ip6(&h->src);
	pi->dst = net_addr_from_ip6(&h->dst);
	pi->ttl = h->hop_limit;
	pi->router_alert = h->router_alert;
	pi->ra_value = h->ra_value;
	pi->fragment = net_ipv6_is_fragment(h);
	pi->l4_proto = h->proto;
	pi->l4 = h->payload;
	pi->l4_len = h->payload_len;
	set_payload(pi, pi->l4, pi->l4_len);
	if (!pi->fragment)
		dissect_l4(pi);
}

/* The network layer named by ethertype; other types decode nothing more. */
static void dissect_net(struct net_pkt_info *pi, uint16_t ethertype,
			const uint8_t *buf, size_t len)
{
	set_payload(pi, buf, len);
	switch (ethertype) {
	case NET_ETHERTYPE_ARP:
		layer_done(pi, NET_LAYER_ARP,
			   net_arp_decode(buf, len, &pi->arp));
		break;
	case NET_ETHERTYPE_IPV4:
		dissect_ipv4(pi, buf, len);
		break;
	case NET_ETHERTYPE_IPV6:
		dissect_ipv6(pi, buf, len);
		break;
	default:
		break;
	}
}

static void pkt_info_init(struct net_pkt_info *pi)
{
	memset(pi, 0, sizeof(*pi));
	pi->l4_proto = -1;
}

enum net_err net_dissect(const uint8_t *buf, size_t len,
			 struct net_pkt_info *pi)
{
	pkt_info_init(pi);
	if (!layer_done(pi, NET_LAYER_ETH, net_eth_decode(buf, len, &pi->eth)))
		return pi->err;
	dissect_net(pi, pi->eth.type, pi->eth.payload, pi->eth.payload_len);
	return pi->err;
}

enum net_err net_dissect_l3(uint16_t ethertype, const uint8_t *buf, size_t len,
			    struct net_pkt_info *pi)
{
	pkt_info_init(pi);
	dissect_net(pi, ethertype, buf, len);
	return pi->err;
}
