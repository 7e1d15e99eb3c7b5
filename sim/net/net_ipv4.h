/*
 * IPv4 header decode and encode (RFC 791 section 3.1). The decoder checks
 * version, IHL, total length against the buffer (trailing Ethernet padding
 * is allowed and excluded from the payload), the header checksum, and the
 * options: End of Option List, No Operation, Router Alert (RFC 2113 section
 * 2.1: type 148, length 4, 16-bit value) and any other option skipped by its
 * length; a length below 2 or past the header is rejected. Fragments are
 * flagged (MF, offset) but never reassembled. The encoder writes a 20-byte
 * header, or 24 bytes with Router Alert, and patches the total length and
 * checksum once the payload is written (net_ipv4_begin/net_ipv4_end).
 */
#ifndef NET_IPV4_H
#define NET_IPV4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_err.h"

#define NET_IPV4_HLEN	  20 /* without options */
#define NET_IPV4_HLEN_MAX 60

#define NET_IPPROTO_ICMP   1
#define NET_IPPROTO_IGMP   2
#define NET_IPPROTO_TCP	   6
#define NET_IPPROTO_UDP	   17
#define NET_IPPROTO_PIM	   103
#define NET_IPPROTO_VRRP   112
#define NET_IPPROTO_ICMPV6 58

#define NET_IPV4_OPT_EOL	  0
#define NET_IPV4_OPT_NOP	  1
#define NET_IPV4_OPT_ROUTER_ALERT 148 /* copied, class 0, number 20 */

struct net_ipv4 {
	uint8_t ihl;	    /* Internet Header Length, 32-bit words (5..15) */
	uint8_t tos;	    /* Type of Service: DSCP (6 bits) and ECN (2) */
	uint16_t total_len; /* Total Length, octets, header included */
	uint16_t id;	    /* Identification */
	bool rf;	    /* reserved flag (must be zero; reported only) */
	bool df;	    /* Don't Fragment */
	bool mf;	    /* More Fragments */
	uint16_t frag_off;  /* Fragment Offset, 8-octet units */
	uint8_t ttl;	    /* Time to Live */
	uint8_t proto;	    /* Protocol */
	uint16_t csum;	    /* Header Checksum as received */
	struct net_ip4 src, dst;
	bool router_alert; /* Router Alert option present (RFC 2113) */
	uint16_t ra_value; /* its value; 0 = examine packet */
	/* Decode only: */
	const uint8_t *options; /* ihl * 4 - 20 bytes */
	size_t options_len;
	const uint8_t *payload; /* total_len - ihl * 4 bytes */
	size_t payload_len;
};

static inline uint8_t net_ipv4_dscp(const struct net_ipv4 *h)
{
	return h->tos >> 2;
}

/* True for any fragment (first, middle or last). */
static inline bool net_ipv4_is_fragment(const struct net_ipv4 *h)
{
	return h->mf || h->frag_off != 0;
}

enum net_err net_ipv4_decode(const uint8_t *buf, size_t len,
			     struct net_ipv4 *out);

/*
 * Write the header from h (tos, id, rf/df/mf, frag_off, ttl, proto, src,
 * dst, router_alert/ra_value; ihl, total_len and csum are computed) and
 * return its offset for net_ipv4_end.
 */
size_t net_ipv4_begin(struct net_wr *w, const struct net_ipv4 *h);
/* Patch Total Length and Header Checksum of the header at off, covering
 * everything written since. 0, or -1 on a writer error or > 65535 bytes. */
int net_ipv4_end(struct net_wr *w, size_t off);

/*
 * Forwarding: decrement the TTL of the header at hdr (at least 20 bytes)
 * and update the checksum incrementally (RFC 1624, RFC 1812 section
 * 5.3.1). Returns the new TTL; a TTL already 0 is left alone (returns 0).
 */
uint8_t net_ipv4_dec_ttl(uint8_t *hdr);

#endif
