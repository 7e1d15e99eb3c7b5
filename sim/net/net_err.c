/*
 * Names of the codec rejection reasons (see net_err.h). The table uses
 * designated initializers so it cannot drift from the enum; the test checks
 * that every code has a distinct name.
 */
#include "sim/net/net_err.h"

#include <stddef.h>

static const char *const net_err_names[NET_E__COUNT] = {
	[NET_OK] = "ok",
	[NET_E_ETH_SHORT] = "eth-short",
	[NET_E_ARP_SHORT] = "arp-short",
	[NET_E_ARP_BAD_HTYPE] = "arp-bad-hardware-type",
	[NET_E_ARP_BAD_PTYPE] = "arp-bad-protocol-type",
	[NET_E_ARP_BAD_HLEN] = "arp-bad-hardware-length",
	[NET_E_ARP_BAD_PLEN] = "arp-bad-protocol-length",
	[NET_E_ARP_BAD_OP] = "arp-bad-opcode",
	[NET_E_IPV4_SHORT] = "ipv4-short",
	[NET_E_IPV4_BAD_VERSION] = "ipv4-bad-version",
	[NET_E_IPV4_BAD_IHL] = "ipv4-bad-ihl",
	[NET_E_IPV4_BAD_TOTAL_LEN] = "ipv4-bad-total-length",
	[NET_E_IPV4_BAD_CHECKSUM] = "ipv4-bad-checksum",
	[NET_E_IPV4_BAD_OPTION_LEN] = "ipv4-bad-option-length",
	[NET_E_IPV4_BAD_ROUTER_ALERT] = "ipv4-bad-router-alert",
	[NET_E_IPV4_BAD_FRAGMENT] = "ipv4-bad-fragment",
	[NET_E_IPV6_SHORT] = "ipv6-short",
	[NET_E_IPV6_BAD_VERSION] = "ipv6-bad-version",
	[NET_E_IPV6_BAD_PAYLOAD_LEN] = "ipv6-bad-payload-length",
	[NET_E_IPV6_EXT_TRUNCATED] = "ipv6-truncated-extension-header",
	[NET_E_IPV6_HBH_NOT_FIRST] = "ipv6-hop-by-hop-not-first",
	[NET_E_IPV6_TOO_MANY_EXT] = "ipv6-too-many-extension-headers",
	[NET_E_IPV6_BAD_OPTION_LEN] = "ipv6-bad-option-length",
	[NET_E_IPV6_BAD_ROUTER_ALERT] = "ipv6-bad-router-alert",
	[NET_E_ICMP_SHORT] = "icmp-short",
	[NET_E_ICMP_BAD_CHECKSUM] = "icmp-bad-checksum",
	[NET_E_ICMP6_SHORT] = "icmp6-short",
	[NET_E_ICMP6_BAD_CHECKSUM] = "icmp6-bad-checksum",
	[NET_E_ICMP6_BODY_SHORT] = "icmp6-body-short",
	[NET_E_ND_BAD_OPTION_LEN] = "nd-bad-option-length",
	[NET_E_UDP_SHORT] = "udp-short",
	[NET_E_UDP_BAD_LEN] = "udp-bad-length",
	[NET_E_UDP_BAD_CHECKSUM] = "udp-bad-checksum",
	[NET_E_UDP_ZERO_CHECKSUM] = "udp-zero-checksum",
};

const char *net_err_name(enum net_err e)
{
	if ((unsigned)e >= NET_E__COUNT || !net_err_names[e])
		return "unknown";
	return net_err_names[e];
}
