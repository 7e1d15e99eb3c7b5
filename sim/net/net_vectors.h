/*
 * Hand-assembled test vectors for the sim/net codecs, one table per codec:
 * {name, bytes as hex, expected result}. Checksums were computed by hand
 * (RFC 1071) and the good vectors cross-checked with tshark. The codec tests
 * run each table against its decoder; the dissector test wraps every vector
 * in the layers below it and checks the whole-frame result.
 */
#ifndef NET_VECTORS_H
#define NET_VECTORS_H

#include <stddef.h>

#include "sim/net/net_testutil.h"

struct nt_table {
	const char *codec;
	const struct nt_vec *v;
	size_t n;
};

/* Ethernet II frames (802.1Q tagged and not). */
extern const struct nt_table nt_eth;
/* ARP packets (the Ethernet payload). */
extern const struct nt_table nt_arp;
/* IPv4 packets, 10.0.0.1 -> 10.0.0.2 unless a multicast group. */
extern const struct nt_table nt_ipv4;
/* IPv6 packets, fe80::1 -> ff02::16. */
extern const struct nt_table nt_ipv6;
/* ICMP messages (the IPv4 payload). */
extern const struct nt_table nt_icmp;
/* ICMPv6 messages from fe80::1 to ff02::1 (unless named otherwise). */
extern const struct nt_table nt_icmp6;
/* UDP datagrams from 10.0.0.1 to 10.0.0.2. */
extern const struct nt_table nt_udp4;
/* UDP datagrams from 2001:db8::1 to 2001:db8::2. */
extern const struct nt_table nt_udp6;

#endif
