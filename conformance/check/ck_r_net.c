/*
 * The "net" rule module of `failsim check`: the rule table (each rule with
 * the RFC sentence it enforces, quoted), the module's entry points and the
 * per-frame dispatch to the layer checks. ARP (RFC 826 "Packet format",
 * RFC 5227 section 2.1.1, RFC 1812 section 3.3.2), Neighbor Discovery (RFC
 * 4861 sections 4.6, 6.1, 7.1, 8.1), IPv4 (RFC 791 section 3.1, RFC 1122
 * sections 3.2.1.1, 3.2.1.3, 3.2.1.7, RFC 1112 section 6.2), IPv6 (RFC 8200
 * sections 3, 4.1, 4.2, 8.1, RFC 4291 sections 2.5.2, 2.7), UDP (RFC 768),
 * TCP (RFC 9293 sections 3.1, 3.2) and failsim's RBS channel
 * (protocols/rbs/README.md). Every packet is decoded with the simulator's
 * codec for its protocol; a codec's rejection becomes the failure of the
 * rule it breaks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/check/ck_r_net_int.h"

#define RBS_SPEC "failsim RBS"

const struct ck_rule ck_net_rules[CK_NET__NRULES] = {
	/* ---- ARP ---- */
	[CK_NET_ARP_LENGTH] = {
		.id = "arp.length",
		.level = CK_MUST,
		.rfc = "RFC 826",
		.section = "Packet format",
		.quote = "mbytes: (ar$tpa) Protocol address of target.",
		.title = "ARP packet holds every field up to the target "
			 "protocol address (28 octets for Ethernet/IPv4)",
	},
	[CK_NET_ARP_HW_LEN] = {
		.id = "arp.hw-len",
		.level = CK_MUST,
		.rfc = "RFC 826",
		.section = "Packet format",
		.quote = "8.bit: (ar$hln) byte length of each hardware address",
		.title = "hardware address length is 6 for Ethernet (ar$hrd 1)",
	},
	[CK_NET_ARP_PROTO_LEN] = {
		.id = "arp.proto-len",
		.level = CK_MUST,
		.rfc = "RFC 826",
		.section = "Packet format",
		.quote = "8.bit: (ar$pln) byte length of each protocol address",
		.title = "protocol address length is 4 for IPv4 (ar$pro "
			 "0x0800)",
	},
	[CK_NET_ARP_OP] = {
		.id = "arp.op",
		.level = CK_MUST,
		.rfc = "RFC 826",
		.section = "Packet format",
		.quote = "16.bit: (ar$op)  opcode (ares_op$REQUEST | "
			 "ares_op$REPLY)",
		.title = "opcode is REQUEST (1), REPLY (2) or another assigned "
			 "ARP opcode (3-25, RFC 5494 registry)",
	},
	[CK_NET_ARP_SHA_UNICAST] = {
		.id = "arp.sha-unicast",
		.level = CK_MUST,
		.rfc = "RFC 1812",
		.section = "3.3.2",
		.quote = "A router MUST not believe any ARP reply that claims "
			 "that the Link Layer address of another host or "
			 "router is a broadcast or multicast address.",
		.title = "sender hardware address is not broadcast or "
			 "multicast",
	},
	[CK_NET_ARP_PROBE_THA] = {
		.id = "arp.probe-tha",
		.level = CK_SHOULD,
		.rfc = "RFC 5227",
		.section = "2.1.1",
		.quote = "The 'target hardware address' field is ignored and "
			 "SHOULD be set to all zeroes.",
		.title = "ARP Probe / Announcement (request, sender IP 0 or "
			 "equal to target IP) has a zero target hardware "
			 "address",
	},
	/* ---- Neighbor Discovery ---- */
	[CK_NET_ND_HOP_LIMIT] = {
		.id = "nd.hop-limit",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "6.1.1, 6.1.2, 7.1.1, 7.1.2, 8.1",
		.quote = "The IP Hop Limit field has a value of 255, i.e., the "
			 "packet could not possibly have been forwarded by a "
			 "router.",
		.title = "RS, RA, NS, NA and Redirect are sent with Hop Limit "
			 "255",
	},
	[CK_NET_ND_CSUM] = {
		.id = "nd.csum",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "6.1.1, 6.1.2, 7.1.1, 7.1.2, 8.1",
		.quote = "ICMP Checksum is valid.",
		.title = "ND message checksum (with the IPv6 pseudo-header) is "
			 "valid",
	},
	[CK_NET_ND_CODE] = {
		.id = "nd.code",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "6.1.1, 6.1.2, 7.1.1, 7.1.2, 8.1",
		.quote = "ICMP Code is 0.",
		.title = "ND message Code is 0",
	},
	[CK_NET_ND_LENGTH] = {
		.id = "nd.length",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "7.1.1, 7.1.2",
		.quote = "ICMP length (derived from the IP length) is 24 or "
			 "more octets.",
		.title = "NS / NA is at least 24 octets long",
	},
	[CK_NET_ND_RS_LENGTH] = {
		.id = "nd.rs-length",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "6.1.1",
		.quote = "ICMP length (derived from the IP length) is 8 or "
			 "more octets.",
		.title = "RS is at least 8 octets long",
	},
	[CK_NET_ND_RA_LENGTH] = {
		.id = "nd.ra-length",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "6.1.2",
		.quote = "ICMP length (derived from the IP length) is 16 or "
			 "more octets.",
		.title = "RA is at least 16 octets long",
	},
	[CK_NET_ND_REDIRECT_LENGTH] = {
		.id = "nd.redirect-length",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "8.1",
		.quote = "ICMP length (derived from the IP length) is 40 or "
			 "more octets.",
		.title = "Redirect is at least 40 octets long",
	},
	[CK_NET_ND_OPT_LEN] = {
		.id = "nd.opt-len",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "4.6",
		.quote = "The value 0 is invalid. Nodes MUST silently discard "
			 "an ND packet that contains an option with length "
			 "zero.",
		.title = "NS / NA options have a non-zero length within the "
			 "message",
	},
	[CK_NET_ND_NS_TARGET] = {
		.id = "nd.ns-target",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "7.1.1",
		.quote = "Target Address is not a multicast address.",
		.title = "NS Target Address is not multicast",
	},
	[CK_NET_ND_NA_TARGET] = {
		.id = "nd.na-target",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "7.1.2",
		.quote = "Target Address is not a multicast address.",
		.title = "NA Target Address is not multicast",
	},
	[CK_NET_ND_NA_SOLICITED_MCAST] = {
		.id = "nd.na-solicited-mcast",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "7.1.2",
		.quote = "If the IP Destination Address is a multicast address "
			 "the Solicited flag is zero.",
		.title = "NA to a multicast address has the Solicited flag "
			 "clear",
	},
	[CK_NET_ND_NS_DAD_DST] = {
		.id = "nd.ns-dad-dst",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "7.1.1",
		.quote = "If the IP source address is the unspecified address, "
			 "the IP destination address is a solicited-node "
			 "multicast address.",
		.title = "NS from :: goes to a solicited-node multicast "
			 "address",
	},
	[CK_NET_ND_NS_DAD_SLLAO] = {
		.id = "nd.ns-dad-sllao",
		.level = CK_MUST,
		.rfc = "RFC 4861",
		.section = "7.1.1",
		.quote = "If the IP source address is the unspecified address, "
			 "there is no source link-layer address option in the "
			 "message.",
		.title = "NS from :: carries no Source Link-Layer Address "
			 "option",
	},
	/* ---- IPv4 ---- */
	[CK_NET_IP4_VERSION] = {
		.id = "ip4.version",
		.level = CK_MUST,
		.rfc = "RFC 1122",
		.section = "3.2.1.1",
		.quote = "A datagram whose version number is not 4 MUST be "
			 "silently discarded.",
		.title = "IPv4 Version is 4",
	},
	[CK_NET_IP4_IHL] = {
		.id = "ip4.ihl",
		.level = CK_MUST,
		.rfc = "RFC 791",
		.section = "3.1",
		.quote = "Note that the minimum value for a correct header is "
			 "5.",
		.title = "IHL at least 5 and the header within the packet",
	},
	[CK_NET_IP4_TOTAL_LENGTH] = {
		.id = "ip4.total-length",
		.level = CK_MUST,
		.rfc = "RFC 791",
		.section = "3.1",
		.quote = "Total Length is the length of the datagram, measured "
			 "in octets, including internet header and data.",
		.title = "Total Length covers the header and fits in the frame",
	},
	[CK_NET_IP4_CSUM] = {
		.id = "ip4.csum",
		.level = CK_MUST,
		.rfc = "RFC 791",
		.section = "3.1",
		.quote = "The checksum field is the 16 bit one's complement of "
			 "the one's complement sum of all 16 bit words in the "
			 "header.",
		.title = "IPv4 header checksum is valid",
	},
	[CK_NET_IP4_FRAG_SIZE] = {
		.id = "ip4.frag-size",
		.level = CK_MUST,
		.rfc = "RFC 791",
		.section = "3.1",
		.quote = "This field allows the length of a datagram to be up "
			 "to 65,535 octets.",
		.title = "a fragment does not end past octet 65535 of its "
			 "datagram",
	},
	[CK_NET_IP4_OPTIONS] = {
		.id = "ip4.options",
		.level = CK_MUST,
		.rfc = "RFC 791",
		.section = "3.1",
		.quote = "The option-length octet counts the option-type octet "
			 "and the option-length octet as well as the "
			 "option-data octets.",
		.title = "options have a length of 2 or more within the header "
			 "(Router Alert: 4, RFC 2113)",
	},
	[CK_NET_IP4_RESERVED_FLAG] = {
		.id = "ip4.reserved-flag",
		.level = CK_MUST,
		.rfc = "RFC 791",
		.section = "3.1",
		.quote = "Bit 0: reserved, must be zero",
		.title = "the reserved flag bit is zero",
	},
	[CK_NET_IP4_TTL_ZERO] = {
		.id = "ip4.ttl-zero",
		.level = CK_MUST,
		.rfc = "RFC 1122",
		.section = "3.2.1.7",
		.quote = "A host MUST NOT send a datagram with a Time-to-Live "
			 "(TTL) value of zero.",
		.title = "TTL is not zero",
	},
	[CK_NET_IP4_SRC_MCAST] = {
		.id = "ip4.src-mcast",
		.level = CK_MUST,
		.rfc = "RFC 1112",
		.section = "6.2",
		.quote = "A host group address must never be placed in the "
			 "source address field or anywhere in a source route "
			 "or record route option.",
		.title = "source address is not multicast (224.0.0.0/4)",
	},
	[CK_NET_IP4_SRC_BCAST] = {
		.id = "ip4.src-bcast",
		.level = CK_MUST,
		.rfc = "RFC 1122",
		.section = "3.2.1.3",
		.quote = "{ -1, -1 } Limited broadcast. It MUST NOT be used as "
			 "a source address.",
		.title = "source address is not 255.255.255.255",
	},
	/* ---- IPv6 ---- */
	[CK_NET_IP6_VERSION] = {
		.id = "ip6.version",
		.level = CK_MUST,
		.rfc = "RFC 8200",
		.section = "3",
		.quote = "4-bit Internet Protocol version number = 6.",
		.title = "IPv6 Version is 6",
	},
	[CK_NET_IP6_PAYLOAD_LENGTH] = {
		.id = "ip6.payload-length",
		.level = CK_MUST,
		.rfc = "RFC 8200",
		.section = "3",
		.quote = "Length of the IPv6 payload, i.e., the rest of the "
			 "packet following this IPv6 header, in octets.",
		.title = "Payload Length fits in the frame",
	},
	[CK_NET_IP6_EXT_LEN] = {
		.id = "ip6.ext-len",
		.level = CK_MUST,
		.rfc = "RFC 8200",
		.section = "3",
		.quote = "(Note that any extension headers (see Section 4) "
			 "present are considered part of the payload, i.e., "
			 "included in the length count.)",
		.title = "extension headers end within the Payload Length",
	},
	[CK_NET_IP6_HBH_FIRST] = {
		.id = "ip6.hbh-first",
		.level = CK_MUST,
		.rfc = "RFC 8200",
		.section = "4.1",
		.quote = "IPv6 nodes must accept and attempt to process "
			 "extension headers in any order and occurring any "
			 "number of times in the same packet, except for the "
			 "Hop-by-Hop Options header, which is restricted to "
			 "appear immediately after an IPv6 header only.",
		.title = "Hop-by-Hop Options header only right after the IPv6 "
			 "header",
	},
	[CK_NET_IP6_OPT_LEN] = {
		.id = "ip6.opt-len",
		.level = CK_MUST,
		.rfc = "RFC 8200",
		.section = "4.2",
		.quote = "Opt Data Len 8-bit unsigned integer. Length of the "
			 "Option Data field of this option, in octets.",
		.title = "Hop-by-Hop / Destination options end within their "
			 "header (Router Alert: 2 octets, RFC 2711)",
	},
	[CK_NET_IP6_SRC_MCAST] = {
		.id = "ip6.src-mcast",
		.level = CK_MUST,
		.rfc = "RFC 4291",
		.section = "2.7",
		.quote = "Multicast addresses must not be used as source "
			 "addresses in IPv6 packets or appear in any Routing "
			 "header.",
		.title = "source address is not multicast (ff00::/8)",
	},
	[CK_NET_IP6_DST_UNSPEC] = {
		.id = "ip6.dst-unspec",
		.level = CK_MUST,
		.rfc = "RFC 4291",
		.section = "2.5.2",
		.quote = "The unspecified address must not be used as the "
			 "destination address of IPv6 packets or in IPv6 "
			 "Routing headers.",
		.title = "destination address is not ::",
	},
	/* ---- UDP ---- */
	[CK_NET_UDP_LENGTH] = {
		.id = "udp.length",
		.level = CK_MUST,
		.rfc = "RFC 768",
		.section = "Fields",
		.quote = "Length is the length in octets of this user datagram "
			 "including this header and the data. (This means the "
			 "minimum value of the length is eight.)",
		.title = "UDP Length at least 8 and within the IP payload",
	},
	[CK_NET_UDP_CSUM] = {
		.id = "udp.csum",
		.level = CK_MUST,
		.rfc = "RFC 768",
		.section = "Fields",
		.quote = "Checksum is the 16-bit one's complement of the one's "
			 "complement sum of a pseudo header of information "
			 "from the IP header, the UDP header, and the data, "
			 "padded with zero octets at the end (if necessary) to "
			 "make a multiple of two octets.",
		.title = "UDP checksum (with the pseudo-header) is valid when "
			 "present",
	},
	[CK_NET_UDP_CSUM6_ZERO] = {
		.id = "udp.csum6-zero",
		.level = CK_MUST,
		.rfc = "RFC 8200",
		.section = "8.1",
		.quote = "IPv6 receivers must discard UDP packets containing a "
			 "zero checksum and should log the error.",
		.title = "UDP over IPv6 carries a checksum (not zero)",
	},
	/* ---- TCP ---- */
	[CK_NET_TCP_DATA_OFFSET] = {
		.id = "tcp.data-offset",
		.level = CK_MUST,
		.rfc = "RFC 9293",
		.section = "3.1",
		.quote = "The number of 32-bit words in the TCP header. This "
			 "indicates where the data begins.",
		.title = "Data Offset at least 5 and the header within the "
			 "segment",
	},
	[CK_NET_TCP_OPTIONS] = {
		.id = "tcp.options",
		.level = CK_MUST,
		.rfc = "RFC 9293",
		.section = "3.1",
		.quote = "The option-length counts the two octets of "
			 "option-kind and option-length as well as the "
			 "option-data octets.",
		.title = "options have a length of 2 or more within the header "
			 "(MSS: 4)",
	},
	[CK_NET_TCP_CSUM] = {
		.id = "tcp.csum",
		.level = CK_MUST,
		.rfc = "RFC 9293",
		.section = "3.1",
		.quote = "The TCP checksum is never optional. The sender MUST "
			 "generate it (MUST-2) and the receiver MUST check it "
			 "(MUST-3).",
		.title = "TCP checksum (with the pseudo-header) is valid",
	},
	[CK_NET_TCP_MSS_SYN] = {
		.id = "tcp.mss-syn",
		.level = CK_MUST,
		.rfc = "RFC 9293",
		.section = "3.2",
		.quote = "This field may be sent in the initial connection "
			 "request (i.e., in segments with the SYN control bit "
			 "set) and MUST NOT be sent in other segments "
			 "(MUST-65).",
		.title = "MSS option only in segments with SYN",
	},
	/* ---- RBS (failsim's remote backup service channel) ---- */
	[CK_NET_RBS_HEADER] = {
		.id = "rbs.header",
		.level = CK_MUST,
		.rfc = RBS_SPEC,
		.section = "Framing",
		.quote = "once 12 bytes are there it checks the magic, the "
			 "version and the Length range (a failure drops the "
			 "connection: nothing after it can be trusted)",
		.title = "message header: magic 0x5242, version 1, Length "
			 "12-65536",
	},
	[CK_NET_RBS_TYPE] = {
		.id = "rbs.type",
		.level = CK_SHOULD,
		.rfc = RBS_SPEC,
		.section = "Versioning and unknown TLVs",
		.quote = "new message types that are safe to ignore (a "
			 "receiver counts a message of an unknown type, checks "
			 "its sequence number, and skips it; it is never "
			 "passed to profiles)",
		.title = "message type is one version 1 defines (1-8); others "
			 "are later additions a version 1 receiver skips",
	},
	[CK_NET_RBS_TLV] = {
		.id = "rbs.tlv",
		.level = CK_MUST,
		.rfc = RBS_SPEC,
		.section = "TLVs",
		.quote = "Length counts the value only; TLVs follow each other "
			 "with no padding and must fill the message exactly.",
		.title = "TLVs well formed: lengths, mandatory TLVs, values, "
			 "counts, no duplicates",
	},
	[CK_NET_RBS_SEQ] = {
		.id = "rbs.seq",
		.level = CK_MUST,
		.rfc = RBS_SPEC,
		.section = "Header",
		.quote = "Sequence Number: 1 for the first message a side "
			 "sends on a connection, then +1 for each message "
			 "(wrapping at 2^32).",
		.title = "Sequence Number starts at 1 and grows by one per "
			 "message",
	},
	[CK_NET_RBS_HELLO_FIRST] = {
		.id = "rbs.hello-first",
		.level = CK_MUST,
		.rfc = RBS_SPEC,
		.section = "Message types",
		.quote = "Hello: the first message on a connection, both "
			 "directions; may be sent again at any time "
			 "(backup-ids or keepalive settings changed).",
		.title = "the first message of each direction is a Hello",
	},
};

/*
 * RFC 8200 8.1: the pseudo-header carries the final destination of a
 * Routing header (and RFC 6275 6.3 the home address as source); the
 * IPv6 codec derives both for Routing header types 0, 2 and 4 and the
 * Home Address option, so only another pending Routing header type
 * leaves the checksum unverifiable.
 */
bool ck_net_ip6_pseudo_uncertain(const struct net_pkt_info *pi)
{
	return pi->af == NET_AF_IP6 && pi->ip6.pseudo_unknown;
}

static void *net_open(struct ck_ctx *c, int *err)
{
	struct ck_net *n = calloc(1, sizeof(*n));

	if (!n || ck_net_flows_init(n) != 0) {
		free(n);
		*err = ENOMEM;
		return NULL;
	}
	/* The driver selects rules before it opens modules: without an RBS
	 * rule the TCP flows need not be followed. */
	for (int r = CK_NET_RBS_HEADER; r <= CK_NET_RBS_HELLO_FIRST; r++)
		n->rbs_on |= ck_enabled(c, ck_net_rule(r));
	return n;
}

/* Whether the frame reached layer l (decoded it, or the layer refused). */
static bool tried(const struct net_pkt_info *pi, enum net_layer l)
{
	return net_pkt_has(pi, l) || (pi->err != NET_OK && pi->err_layer == l);
}

static void net_frame(struct ck_ctx *c, void *st, const struct ck_frame *f)
{
	struct ck_net *n = st;
	const struct net_pkt_info *pi = &f->pi;
	struct tcp_seg seg;

	if (tried(pi, NET_LAYER_ARP))
		ck_net_arp(c, f);
	if (tried(pi, NET_LAYER_IPV4))
		ck_net_ip4(c, f);
	if (tried(pi, NET_LAYER_IPV6))
		ck_net_ip6(c, f);
	if (pi->af == NET_AF_NONE)
		return;
	if (pi->fragment) {
		/* Not reassembled: the upper layer is not checked. */
		ck_count(c, "ip fragments (upper layer not checked)", 1);
		return;
	}
	if (tried(pi, NET_LAYER_ICMP6))
		ck_net_nd(c, f);
	if (tried(pi, NET_LAYER_UDP))
		ck_net_udp(c, f);
	if (pi->l4_proto == NET_IPPROTO_TCP && ck_net_tcp(c, f, &seg) &&
	    n->rbs_on)
		ck_net_flows_segment(c, n, f, &seg);
}

static void net_close(struct ck_ctx *c, void *st)
{
	struct ck_net *n = st;

	if (!n)
		return;
	ck_net_flows_fini(c, n);
	free(n);
}

const struct ck_proto ck_proto_net = {
	.name = "net",
	.rules = ck_net_rules,
	.nrules = CK_NET__NRULES,
	.open = net_open,
	.frame = net_frame,
	.close = net_close,
};
