/*
 * One-pass dissection of an Ethernet frame into every layer these codecs
 * know: Ethernet II (+802.1Q), then ARP, IPv4 or IPv6 (extension headers
 * walked), then UDP, ICMP or ICMPv6 (with echo, error and Neighbor
 * Discovery bodies). Fragments stop at the IP layer (nothing is reassembled).
 * The first rejection is returned along with the layer that failed, so routers,
 * hosts, tests and the conformance checker all classify a frame the same
 * way; protocols above (VRRP, PIM, IGMP, MLD, BFD, TCP) then decode l4 or
 * payload with their own codecs. Packets captured without an Ethernet
 * header enter at the network layer (net_dissect_l3).
 */
#ifndef NET_DISSECT_H
#define NET_DISSECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_arp.h"
#include "sim/net/net_err.h"
#include "sim/net/net_eth.h"
#include "sim/net/net_icmp.h"
#include "sim/net/net_icmp6.h"
#include "sim/net/net_ipv4.h"
#include "sim/net/net_ipv6.h"
#include "sim/net/net_udp.h"

enum net_layer {
	NET_LAYER_NONE = 0,
	NET_LAYER_ETH,
	NET_LAYER_ARP,
	NET_LAYER_IPV4,
	NET_LAYER_IPV6,
	NET_LAYER_UDP,
	NET_LAYER_ICMP,
	NET_LAYER_ICMP6,
	NET_LAYER__COUNT
};

struct net_pkt_info {
	unsigned layers;    /* bit (1u << enum net_layer) per decoded layer */
	enum net_layer top; /* deepest layer decoded without error */
	enum net_err err;   /* first rejection, NET_OK if none */
	enum net_layer err_layer; /* layer that rejected the frame */

	struct net_eth eth;
	struct net_arp arp; /* NET_LAYER_ARP */

	enum net_af af;		  /* IP family decoded, NET_AF_NONE if none */
	struct net_addr src, dst; /* IP source and destination */
	struct net_ipv4 ip4;	  /* NET_LAYER_IPV4 */
	struct net_ipv6 ip6;	  /* NET_LAYER_IPV6 */
	uint8_t ttl;		  /* TTL or Hop Limit */
	bool router_alert;	  /* IPv4 option or IPv6 hop-by-hop option */
	uint16_t ra_value;
	bool fragment;	   /* an IP fragment: the upper layer is not decoded */
	int l4_proto;	   /* IP protocol / upper-layer next header, or -1 */
	const uint8_t *l4; /* upper-layer bytes (IP payload) */
	size_t l4_len;

	struct net_udp udp;	/* NET_LAYER_UDP */
	struct net_icmp icmp;	/* NET_LAYER_ICMP */
	struct net_icmp6 icmp6; /* NET_LAYER_ICMP6 */
	bool has_echo6;		/* icmp6 was an echo request/reply */
	struct net_icmp6_echo echo6;
	bool has_nd; /* icmp6 was an NS or NA */
	struct net_nd nd;
	bool has_error6; /* icmp6 was an error message (type < 128) */
	struct net_icmp6_error error6;

	/* Innermost payload: UDP data, ICMP data, ICMPv6 body, else l4. */
	const uint8_t *payload;
	size_t payload_len;
};

static inline bool net_pkt_has(const struct net_pkt_info *pi, enum net_layer l)
{
	return (pi->layers >> l) & 1;
}

/* Decode buf into *pi. Returns pi->err. Never reads outside buf. */
enum net_err net_dissect(const uint8_t *buf, size_t len,
			 struct net_pkt_info *pi);

/*
 * Decode a packet that starts at the network layer (raw IP or cooked
 * captures), picked by ethertype (NET_ETHERTYPE_ARP, _IPV4, _IPV6): pi->eth
 * is zeroed and the NET_LAYER_ETH bit is not set; payload starts as buf.
 * Another ethertype decodes nothing (NET_OK, top NET_LAYER_NONE). Returns
 * pi->err. Never reads outside buf.
 */
enum net_err net_dissect_l3(uint16_t ethertype, const uint8_t *buf, size_t len,
			    struct net_pkt_info *pi);

/* "eth", "arp", "ipv4", "ipv6", "udp", "icmp", "icmpv6" ("none"). */
const char *net_layer_name(enum net_layer l);

#endif
