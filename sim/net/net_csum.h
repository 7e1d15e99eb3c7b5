/*
 * The Internet checksum (RFC 1071): a one's complement sum of 16-bit words,
 * accumulated over any number of pieces (odd-length pieces are handled: the
 * accumulator remembers whether the next byte is a high or a low byte),
 * folded and complemented at the end. Pseudo-header helpers cover UDP and
 * ICMPv6 over IPv4 (RFC 768) and IPv6 (RFC 8200 section 8.1), and the
 * incremental update of RFC 1624 equation 3 serves TTL decrements when
 * forwarding.
 */
#ifndef NET_CSUM_H
#define NET_CSUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"

struct net_csum {
	uint64_t sum; /* unfolded sum of 16-bit big-endian words */
	bool odd;     /* an odd number of bytes has been added so far */
};

static inline void net_csum_init(struct net_csum *c)
{
	c->sum = 0;
	c->odd = false;
}

/* Add len bytes (any alignment, any parity). */
void net_csum_add(struct net_csum *c, const void *data, size_t len);
/* Add one 16-bit or 32-bit value as if it were big-endian bytes. */
void net_csum_add_be16(struct net_csum *c, uint16_t v);
void net_csum_add_be32(struct net_csum *c, uint32_t v);
/* The folded 16-bit one's complement sum (not complemented). */
uint16_t net_csum_fold(const struct net_csum *c);
/* The value to put in a checksum field: ~fold. */
uint16_t net_csum_final(const struct net_csum *c);

/* Checksum of one buffer: ~fold(sum). A buffer that includes a correct
 * checksum field sums to 0xffff, so net_csum(buf) == 0 means valid. */
uint16_t net_csum(const void *data, size_t len);

/* IPv4 pseudo-header: src, dst, zero, protocol, upper-layer length. */
void net_csum_pseudo4(struct net_csum *c, const struct net_ip4 *src,
		      const struct net_ip4 *dst, uint8_t proto, uint16_t len);
/* IPv6 pseudo-header: src, dst, 32-bit upper-layer length, next header. */
void net_csum_pseudo6(struct net_csum *c, const struct net_ip6 *src,
		      const struct net_ip6 *dst, uint32_t len, uint8_t nh);

/*
 * RFC 1624 eqn. 3: the new checksum after one 16-bit word of the covered
 * data changed from old_word to new_word: HC' = ~(~HC + ~m + m').
 */
uint16_t net_csum_update16(uint16_t hc, uint16_t old_word, uint16_t new_word);

#endif
