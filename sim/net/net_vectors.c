/*
 * Test vectors for the sim/net codecs (see net_vectors.h). Every rejection
 * code of every codec is the expectation of at least one vector.
 */
#include "sim/net/net_vectors.h"

static const struct nt_vec eth_vecs[] = {
	{ "untagged arp",
	  "ffff ffff ffff 0000 5e00 0101 0806 0001 0800 0604 0001 0000 5e00 "
	  "0101 0a00 0001 0000 0000 0000 0a00 0002 0000 0000 0000 0000 0000 "
	  "0000 0000 0000 0000",
	  NET_OK },
	{ "tagged pcp 5 vid 10",
	  "ffff ffff ffff 0000 5e00 0101 8100 a00a 0800 0000 0000 0000 0000 "
	  "0000 0000 0000 0000 0000 0000",
	  NET_OK },
	{ "tagged dei pcp 1 vid 4095",
	  "ffff ffff ffff 0000 5e00 0101 8100 3fff 86dd", NET_OK },
	{ "header only", "0200 0000 0002 0000 5e00 0101 86dd", NET_OK },
	{ "802.3 length field",
	  "ffff ffff ffff 0000 5e00 0101 0026 0000 0000 0000 0000 0000 0000 "
	  "0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000",
	  NET_OK },
	{ "qinq s-tag then c-tag",
	  "ffff ffff ffff 0000 5e00 0101 88a8 2064 8100 000a 0806", NET_OK },
	{ "three stacked tags",
	  "ffff ffff ffff 0000 5e00 0101 8100 0001 8100 000a 8100 0064 0806",
	  NET_OK },
	{ "five stacked tags",
	  "ffff ffff ffff 0000 5e00 0101 8100 0001 8100 0002 8100 0003 "
	  "8100 0004 8100 0005 0806",
	  NET_OK },
	{ "second tag cut", "ffff ffff ffff 0000 5e00 0101 88a8 2064 8100 00",
	  NET_E_ETH_SHORT },
	{ "13 bytes", "0200 0000 0002 0000 5e00 0101 08", NET_E_ETH_SHORT },
	{ "empty", "", NET_E_ETH_SHORT },
	{ "tag without type", "ffff ffff ffff 0000 5e00 0101 8100 a00a",
	  NET_E_ETH_SHORT },
	{ "tag cut", "ffff ffff ffff 0000 5e00 0101 8100 a0", NET_E_ETH_SHORT },
};

const struct nt_table nt_eth = { "eth", eth_vecs, NT_COUNT(eth_vecs) };

static const struct nt_vec arp_vecs[] = {
	{ "request",
	  "0001 0800 0604 0001 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 "
	  "0002",
	  NET_OK },
	{ "reply",
	  "0001 0800 0604 0002 0200 0000 0002 0a00 0002 0000 5e00 0101 0a00 "
	  "0001",
	  NET_OK },
	{ "gratuitous request",
	  "0001 0800 0604 0001 0000 5e00 0101 0a00 00fe 0000 0000 0000 0a00 "
	  "00fe",
	  NET_OK },
	{ "gratuitous reply",
	  "0001 0800 0604 0002 0000 5e00 0101 0a00 00fe ffff ffff ffff 0a00 "
	  "00fe",
	  NET_OK },
	{ "padded",
	  "0001 0800 0604 0001 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 "
	  "0002 0000 0000 0000 0000 0000 0000 0000 0000 0000",
	  NET_OK },
	{ "empty", "", NET_E_ARP_SHORT },
	{ "7 bytes", "0001 0800 0604 00", NET_E_ARP_SHORT },
	{ "27 bytes",
	  "0001 0800 0604 0001 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 00",
	  NET_E_ARP_SHORT },
	{ "ieee 802 hardware",
	  "0006 0800 0604 0001 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 "
	  "0002",
	  NET_E_ARP_BAD_HTYPE },
	{ "ipv6 protocol",
	  "0001 86dd 0604 0001 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 "
	  "0002",
	  NET_E_ARP_BAD_PTYPE },
	{ "hlen 8",
	  "0001 0800 0804 0001 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 "
	  "0002",
	  NET_E_ARP_BAD_HLEN },
	{ "plen 16",
	  "0001 0800 0610 0001 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 "
	  "0002",
	  NET_E_ARP_BAD_PLEN },
	{ "rarp opcode",
	  "0001 0800 0604 0003 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 "
	  "0002",
	  NET_E_ARP_BAD_OP },
	{ "opcode 0",
	  "0001 0800 0604 0000 0000 5e00 0101 0a00 0001 0000 0000 0000 0a00 "
	  "0002",
	  NET_E_ARP_BAD_OP },
};

const struct nt_table nt_arp = { "arp", arp_vecs, NT_COUNT(arp_vecs) };

static const struct nt_vec ipv4_vecs[] = {
	{ "basic",
	  "4500 001c 0000 0000 4011 66cf 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_OK },
	{ "padded frame (total length < buffer)",
	  "4500 001c 0000 0000 4011 66cf 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000 0000 0000 0000",
	  NET_OK },
	{ "router alert",
	  "4600 0020 0000 0000 0102 3ac1 0a00 0001 e000 0016 9404 0000 0035 "
	  "0035 0008 0000",
	  NET_OK },
	{ "nop nop ra eol",
	  "4700 0024 0000 0000 0102 38bb 0a00 0001 e000 0016 0101 9404 0001 "
	  "0000 0035 0035 0008 0000",
	  NET_OK },
	{ "record route skipped",
	  "4700 0024 0000 0000 4011 59c0 0a00 0001 0a00 0002 0707 0400 0000 "
	  "0000 0035 0035 0008 0000",
	  NET_OK },
	{ "eol then garbage",
	  "4600 0020 0000 0000 4011 64cc 0a00 0001 0a00 0002 00ff ffff 0035 "
	  "0035 0008 0000",
	  NET_OK },
	{ "mf fragment",
	  "4500 001c 1234 2000 4011 349b 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_OK },
	{ "last fragment at max offset",
	  "4500 001b 0000 1fff 4011 46d1 0a00 0001 0a00 0002 0035 0035 0008 00",
	  NET_OK },
	{ "dscp ef df ttl",
	  "45b8 001c 0000 4000 ff11 6716 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_OK },
	{ "empty", "", NET_E_IPV4_SHORT },
	{ "19 bytes", "4500 0014 0000 0000 4011 66d7 0a00 0001 0a00 00",
	  NET_E_IPV4_SHORT },
	{ "version 6",
	  "6500 001c 0000 0000 4011 46cf 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_E_IPV4_BAD_VERSION },
	{ "ihl 4",
	  "4400 0018 0000 0000 4011 71d5 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_E_IPV4_BAD_IHL },
	{ "ihl past buffer",
	  "4f00 003c 0000 0000 4011 5caf 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_E_IPV4_BAD_IHL },
	{ "total length below header",
	  "4500 0013 0000 0000 4011 66d8 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_E_IPV4_BAD_TOTAL_LEN },
	{ "total length past buffer",
	  "4500 001d 0000 0000 4011 66ce 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_E_IPV4_BAD_TOTAL_LEN },
	{ "bad checksum",
	  "4500 001c 0000 0000 4011 67ce 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_E_IPV4_BAD_CHECKSUM },
	{ "option length 1",
	  "4600 0020 0000 0000 4011 5eca 0a00 0001 0a00 0002 0701 0000 0035 "
	  "0035 0008 0000",
	  NET_E_IPV4_BAD_OPTION_LEN },
	{ "option length 0",
	  "4600 0020 0000 0000 4011 5ecb 0a00 0001 0a00 0002 0700 0000 0035 "
	  "0035 0008 0000",
	  NET_E_IPV4_BAD_OPTION_LEN },
	{ "option past header",
	  "4600 0020 0000 0000 4011 5fc4 0a00 0001 0a00 0002 0107 0500 0035 "
	  "0035 0008 0000",
	  NET_E_IPV4_BAD_OPTION_LEN },
	{ "option type in last byte",
	  "4600 0020 0000 0000 4011 63c3 0a00 0001 0a00 0002 0101 0107 0035 "
	  "0035 0008 0000",
	  NET_E_IPV4_BAD_OPTION_LEN },
	{ "router alert length 3",
	  "4600 0020 0000 0000 4011 d1c7 0a00 0001 0a00 0002 9403 0000 0035 "
	  "0035 0008 0000",
	  NET_E_IPV4_BAD_ROUTER_ALERT },
	{ "router alert length 6",
	  "4700 0024 0000 0000 4011 d0c0 0a00 0001 0a00 0002 9406 0000 0000 "
	  "0000 0035 0035 0008 0000",
	  NET_E_IPV4_BAD_ROUTER_ALERT },
	{ "fragment past 65535",
	  "4500 001c 0000 1fff 4011 46d0 0a00 0001 0a00 0002 0035 0035 0008 "
	  "0000",
	  NET_E_IPV4_BAD_FRAGMENT },
};

const struct nt_table nt_ipv4 = { "ipv4", ipv4_vecs, NT_COUNT(ipv4_vecs) };

static const struct nt_vec ipv6_vecs[] = {
	{ "udp no extension",
	  "6b81 2345 0008 11ff fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 0102 0304 0506 0708",
	  NET_OK },
	{ "padded frame",
	  "6000 0000 0008 1140 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 0102 0304 0506 0708 0000 0000 "
	  "0000 0000 0000",
	  NET_OK },
	{ "no next header",
	  "6000 0000 0000 3b40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016",
	  NET_OK },
	{ "hop-by-hop router alert mld",
	  "6000 0000 0010 0001 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3a00 0502 0000 0100 0102 0304 "
	  "0506 0708",
	  NET_OK },
	{ "hop-by-hop pad1 pad1 ra 1",
	  "6000 0000 0010 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3a00 0000 0502 0001 0102 0304 "
	  "0506 0708",
	  NET_OK },
	{ "hop-by-hop unknown option",
	  "6000 0000 0010 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 1100 3e04 aabb ccdd 0102 0304 "
	  "0506 0708",
	  NET_OK },
	{ "routing then dstopts",
	  "6000 0000 0018 2b40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3c00 0000 0000 0000 1100 0104 "
	  "0000 0000 0102 0304 0506 0708",
	  NET_OK },
	{ "first fragment",
	  "6000 0000 0010 2c40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 1100 0001 dead beef 0102 0304 "
	  "0506 0708",
	  NET_OK },
	{ "non-first fragment",
	  "6000 0000 0010 2c40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 1100 05c8 dead beef 0102 0304 "
	  "0506 0708",
	  NET_OK },
	{ "ah skipped",
	  "6000 0000 0020 3340 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 1104 0000 0000 0001 0000 0002 "
	  "0000 0000 0000 0000 0000 0000 0102 0304 0506 0708",
	  NET_OK },
	{ "hbh then fragment",
	  "6000 0000 0018 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 2c00 0100 0000 0000 3a00 0000 "
	  "0000 0007 0102 0304 0506 0708",
	  NET_OK },
	{ "empty", "", NET_E_IPV6_SHORT },
	{ "39 bytes",
	  "6000 0000 0000 3b40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 00",
	  NET_E_IPV6_SHORT },
	{ "version 4",
	  "4000 0000 0008 1140 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 0102 0304 0506 0708",
	  NET_E_IPV6_BAD_VERSION },
	{ "payload length past buffer",
	  "6000 0000 0009 1140 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 0102 0304 0506 0708",
	  NET_E_IPV6_BAD_PAYLOAD_LEN },
	{ "hop-by-hop cut by payload length",
	  "6000 0000 0004 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3a00 0502 0000 0100 0000 0000",
	  NET_E_IPV6_EXT_TRUNCATED },
	{ "hop-by-hop header one byte",
	  "6000 0000 0001 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3a",
	  NET_E_IPV6_EXT_TRUNCATED },
	{ "hop-by-hop longer than payload",
	  "6000 0000 0008 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3a01 0502 0000 0100",
	  NET_E_IPV6_EXT_TRUNCATED },
	{ "fragment header truncated",
	  "6000 0000 0004 2c40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 1100 0000",
	  NET_E_IPV6_EXT_TRUNCATED },
	{ "hop-by-hop after dstopts",
	  "6000 0000 0018 3c40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 0000 0104 0000 0000 3a00 0502 "
	  "0000 0100 0102 0304 0506 0708",
	  NET_E_IPV6_HBH_NOT_FIRST },
	{ "17 destination options headers",
	  "6000 0000 0090 3c40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3c00 0104 0000 0000 3c00 0104 "
	  "0000 0000 3c00 0104 0000 0000 3c00 0104 0000 0000 3c00 0104 0000 "
	  "0000 3c00 0104 0000 0000 3c00 0104 0000 0000 3c00 0104 0000 0000 "
	  "3c00 0104 0000 0000 3c00 0104 0000 0000 3c00 0104 0000 0000 3c00 "
	  "0104 0000 0000 3c00 0104 0000 0000 3c00 0104 0000 0000 3c00 0104 "
	  "0000 0000 3c00 0104 0000 0000 1100 0104 0000 0000 0102 0304 0506 "
	  "0708",
	  NET_E_IPV6_TOO_MANY_EXT },
	{ "padn past header",
	  "6000 0000 0010 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3a00 0105 0000 0000 0102 0304 "
	  "0506 0708",
	  NET_E_IPV6_BAD_OPTION_LEN },
	{ "option length byte missing",
	  "6000 0000 0010 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3a00 0103 0000 003e 0102 0304 "
	  "0506 0708",
	  NET_E_IPV6_BAD_OPTION_LEN },
	{ "router alert in dstopts not recorded",
	  "6000 0000 0010 3c40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 1100 0502 0000 0100 0102 0304 "
	  "0506 0708",
	  NET_OK },
	{ "bad router alert in dstopts",
	  "6000 0000 0010 3c40 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 1100 0503 0000 0000 0102 0304 "
	  "0506 0708",
	  NET_E_IPV6_BAD_ROUTER_ALERT },
	{ "router alert length 4",
	  "6000 0000 0010 0040 fe80 0000 0000 0000 0000 0000 0000 0001 ff02 "
	  "0000 0000 0000 0000 0000 0000 0016 3a00 0504 0000 0000 0102 0304 "
	  "0506 0708",
	  NET_E_IPV6_BAD_ROUTER_ALERT },
};

const struct nt_table nt_ipv6 = { "ipv6", ipv6_vecs, NT_COUNT(ipv6_vecs) };

static const struct nt_vec icmp_vecs[] = {
	{ "echo request", "0800 2104 1234 0001 6162 6364", NET_OK },
	{ "echo reply odd data", "0000 2967 1234 0002 6162 63", NET_OK },
	{ "echo no data", "0800 f7ff ffff ffff", NET_OK },
	{ "port unreachable",
	  "0303 fc8a 0000 0000 4500 001c 0000 0000 4011 66cf 0a00 0001 0a00 "
	  "0002 0035 0035 0008 0000",
	  NET_OK },
	{ "ttl exceeded",
	  "0b00 f48d 0000 0000 4500 001c 0000 0000 4011 66cf 0a00 0001 0a00 "
	  "0002 0035 0035 0008 0000",
	  NET_OK },
	{ "7 bytes", "0800 f7ff 0000 00", NET_E_ICMP_SHORT },
	{ "empty", "", NET_E_ICMP_SHORT },
	{ "bad checksum", "0800 2104 1234 0001 6163 6364",
	  NET_E_ICMP_BAD_CHECKSUM },
	{ "bad checksum odd", "0000 2967 1234 0002 6162 62",
	  NET_E_ICMP_BAD_CHECKSUM },
};

const struct nt_table nt_icmp = { "icmp", icmp_vecs, NT_COUNT(icmp_vecs) };

static const struct nt_vec icmp6_vecs[] = {
	{ "echo request", "8000 ab37 1234 0001 6162 6364", NET_OK },
	{ "echo reply odd", "8100 aa9b 1234 0002 6162 63", NET_OK },
	{ "mld query generic",
	  "8200 5917 2710 0000 0000 0000 0000 0000 0000 0000 0000 0000",
	  NET_OK },
	{ "ns with slla",
	  "8700 ec62 0000 0000 2001 0db8 0000 0000 0000 0000 0000 0001 0101 "
	  "0000 5e00 0201",
	  NET_OK },
	{ "ns dad no options",
	  "8700 4d6d 0000 0000 2001 0db8 0000 0000 0000 0000 0000 0001",
	  NET_OK },
	{ "na r s o with tlla",
	  "8800 0a62 e000 0000 2001 0db8 0000 0000 0000 0000 0000 0001 0201 "
	  "0000 5e00 0201",
	  NET_OK },
	{ "unsolicited na",
	  "8800 ca62 2000 0000 2001 0db8 0000 0000 0000 0000 0000 0001 0201 "
	  "0000 5e00 0201",
	  NET_OK },
	{ "na unknown option then tlla",
	  "8800 934d 4000 0000 2001 0db8 0000 0000 0000 0000 0000 0001 0e01 "
	  "0102 0304 0506 0201 0000 5e00 0201",
	  NET_OK },
	{ "na long lla option ignored",
	  "8800 aa59 4000 0000 2001 0db8 0000 0000 0000 0000 0000 0001 0202 "
	  "0000 5e00 0201 0000 0000 0000 0000",
	  NET_OK },
	{ "port unreachable",
	  "0104 65cb 0000 0000 6000 0000 0000 3b40 0000 0000 0000 0000 0000 "
	  "0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000",
	  NET_OK },
	{ "3 bytes", "8000 00", NET_E_ICMP6_SHORT },
	{ "bad checksum", "8000 ab37 1235 0001 6162 6364",
	  NET_E_ICMP6_BAD_CHECKSUM },
	{ "checksum with wrong dst", "8000 ab36 1234 0001 6162 6364",
	  NET_E_ICMP6_BAD_CHECKSUM },
	{ "echo body 2 bytes", "8000 7005 1234", NET_E_ICMP6_BODY_SHORT },
	{ "ns body 19 bytes",
	  "8700 4d6f 0000 0000 2001 0db8 0000 0000 0000 0000 0000 00",
	  NET_E_ICMP6_BODY_SHORT },
	{ "unreachable body 3 bytes", "0100 0139 0000 00",
	  NET_E_ICMP6_BODY_SHORT },
	{ "nd option length 0",
	  "8700 ec63 0000 0000 2001 0db8 0000 0000 0000 0000 0000 0001 0100 "
	  "0000 5e00 0201",
	  NET_E_ND_BAD_OPTION_LEN },
	{ "nd option past end",
	  "8800 ea61 0000 0000 2001 0db8 0000 0000 0000 0000 0000 0001 0202 "
	  "0000 5e00 0201",
	  NET_E_ND_BAD_OPTION_LEN },
	{ "nd option one byte",
	  "8800 4a6c 0000 0000 2001 0db8 0000 0000 0000 0000 0000 0001 02",
	  NET_E_ND_BAD_OPTION_LEN },
};

const struct nt_table nt_icmp6 = { "icmp6", icmp6_vecs, NT_COUNT(icmp6_vecs) };

static const struct nt_vec udp4_vecs[] = {
	{ "dns-ish", "c000 0035 000c 66d7 6162 6364", NET_OK },
	{ "odd payload", "c000 0035 000b 673d 6162 63", NET_OK },
	{ "zero checksum", "c000 0035 000c 0000 6162 6364", NET_OK },
	{ "trailing bytes ignored", "c000 0035 000c 66d7 6162 6364 7a7a",
	  NET_OK },
	{ "header only", "0ec8 0ec8 0008 ce4b", NET_OK },
	{ "7 bytes", "c000 0035 0008 00", NET_E_UDP_SHORT },
	{ "length 7", "c000 0035 0007 0000", NET_E_UDP_BAD_LEN },
	{ "length past buffer", "c000 0035 000d 0000 6162 6364",
	  NET_E_UDP_BAD_LEN },
	{ "bad checksum", "c000 0035 000c 66d7 6062 6364",
	  NET_E_UDP_BAD_CHECKSUM },
};

const struct nt_table nt_udp4 = { "udp4", udp4_vecs, NT_COUNT(udp4_vecs) };

static const struct nt_vec udp6_vecs[] = {
	{ "bfd-ish", "c000 0ec8 000c 10d2 6162 6364", NET_OK },
	{ "odd payload", "c000 0ec8 000b 1138 6162 63", NET_OK },
	{ "zero checksum", "c000 0ec8 000c 0000 6162 6364",
	  NET_E_UDP_ZERO_CHECKSUM },
	{ "bad checksum", "c000 0ec8 000c 10d2 6162 6365",
	  NET_E_UDP_BAD_CHECKSUM },
	{ "length 0", "c000 0ec8 0000 1234", NET_E_UDP_BAD_LEN },
};

const struct nt_table nt_udp6 = { "udp6", udp6_vecs, NT_COUNT(udp6_vecs) };
