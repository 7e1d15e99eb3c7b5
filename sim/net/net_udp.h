/*
 * UDP (RFC 768) over IPv4 and IPv6. The decoder checks Length (at least 8
 * and within the IP payload; bytes past Length are ignored) and the checksum
 * over the pseudo-header: over IPv4 a zero checksum means "not computed" and
 * is accepted; over IPv6 it is mandatory and zero is rejected (RFC 8200
 * section 8.1). The encoder patches Length and checksum once the payload is
 * written; a computed checksum of zero is sent as 0xffff (RFC 768).
 */
#ifndef NET_UDP_H
#define NET_UDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_err.h"

#define NET_UDP_HLEN 8

struct net_udp {
	uint16_t sport;		/* Source Port */
	uint16_t dport;		/* Destination Port */
	uint16_t len;		/* Length, octets, header included */
	uint16_t csum;		/* Checksum as received (0: none, IPv4 only) */
	const uint8_t *payload; /* len - 8 bytes */
	size_t payload_len;
};

enum net_err net_udp4_decode(const uint8_t *buf, size_t len,
			     const struct net_ip4 *src,
			     const struct net_ip4 *dst, struct net_udp *out);
enum net_err net_udp6_decode(const uint8_t *buf, size_t len,
			     const struct net_ip6 *src,
			     const struct net_ip6 *dst, struct net_udp *out);

/* Write the ports and zero Length/Checksum; return the offset for _end. */
size_t net_udp_begin(struct net_wr *w, uint16_t sport, uint16_t dport);
/* Patch Length and Checksum over everything written since off. 0 or -1. */
int net_udp4_end(struct net_wr *w, size_t off, const struct net_ip4 *src,
		 const struct net_ip4 *dst);
int net_udp6_end(struct net_wr *w, size_t off, const struct net_ip6 *src,
		 const struct net_ip6 *dst);

#endif
