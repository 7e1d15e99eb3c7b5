/*
 * Rejection reasons of the packet codecs. Every decoder returns one of these
 * (NET_OK when the bytes are well formed), so a router can keep a drop
 * counter per reason (uint64_t drops[NET_E__COUNT]) and the conformance
 * checker can name what was wrong. Names are stable kebab-case strings
 * ("ipv4-bad-checksum") used in logs, reports and `display` output.
 */
#ifndef NET_ERR_H
#define NET_ERR_H

enum net_err {
	NET_OK = 0,
	/* Ethernet II / IEEE 802.1Q */
	NET_E_ETH_SHORT,
	/* ARP (RFC 826) */
	NET_E_ARP_SHORT,
	NET_E_ARP_BAD_HTYPE,
	NET_E_ARP_BAD_PTYPE,
	NET_E_ARP_BAD_HLEN,
	NET_E_ARP_BAD_PLEN,
	NET_E_ARP_BAD_OP,
	/* IPv4 (RFC 791) */
	NET_E_IPV4_SHORT,
	NET_E_IPV4_BAD_VERSION,
	NET_E_IPV4_BAD_IHL,
	NET_E_IPV4_BAD_TOTAL_LEN,
	NET_E_IPV4_BAD_CHECKSUM,
	NET_E_IPV4_BAD_OPTION_LEN,
	NET_E_IPV4_BAD_ROUTER_ALERT,
	NET_E_IPV4_BAD_FRAGMENT,
	/* IPv6 (RFC 8200) */
	NET_E_IPV6_SHORT,
	NET_E_IPV6_BAD_VERSION,
	NET_E_IPV6_BAD_PAYLOAD_LEN,
	NET_E_IPV6_EXT_TRUNCATED,
	NET_E_IPV6_HBH_NOT_FIRST,
	NET_E_IPV6_TOO_MANY_EXT,
	NET_E_IPV6_BAD_OPTION_LEN,
	NET_E_IPV6_BAD_ROUTER_ALERT,
	/* ICMP (RFC 792) */
	NET_E_ICMP_SHORT,
	NET_E_ICMP_BAD_CHECKSUM,
	/* ICMPv6 (RFC 4443) and Neighbor Discovery (RFC 4861) */
	NET_E_ICMP6_SHORT,
	NET_E_ICMP6_BAD_CHECKSUM,
	NET_E_ICMP6_BODY_SHORT,
	NET_E_ND_BAD_OPTION_LEN,
	/* UDP (RFC 768) */
	NET_E_UDP_SHORT,
	NET_E_UDP_BAD_LEN,
	NET_E_UDP_BAD_CHECKSUM,
	NET_E_UDP_ZERO_CHECKSUM,
	NET_E__COUNT
};

/* Stable name of e ("ipv4-bad-checksum"); "unknown" when out of range. */
const char *net_err_name(enum net_err e);

#endif
