/*
 * RFC 1071 Internet checksum with multi-piece accumulation, IPv4/IPv6
 * pseudo-headers (RFC 768, RFC 8200 section 8.1) and the RFC 1624
 * incremental update (see net_csum.h).
 */
#include "sim/net/net_csum.h"

void net_csum_add(struct net_csum *c, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t sum = c->sum;
	size_t i = 0;

	if (len == 0)
		return;
	/* After an odd number of bytes the next byte is a word's low half. */
	if (c->odd) {
		sum += p[0];
		i = 1;
	}
	for (; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (i < len)
		sum += (uint32_t)p[i] << 8;
	c->odd ^= (len & 1) != 0;
	c->sum = sum;
}

void net_csum_add_be16(struct net_csum *c, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	net_csum_add(c, b, 2);
}

void net_csum_add_be32(struct net_csum *c, uint32_t v)
{
	net_csum_add_be16(c, (uint16_t)(v >> 16));
	net_csum_add_be16(c, (uint16_t)v);
}

uint16_t net_csum_fold(const struct net_csum *c)
{
	uint64_t s = c->sum;

	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

uint16_t net_csum_final(const struct net_csum *c)
{
	return (uint16_t)~net_csum_fold(c);
}

uint16_t net_csum(const void *data, size_t len)
{
	struct net_csum c;

	net_csum_init(&c);
	net_csum_add(&c, data, len);
	return net_csum_final(&c);
}

void net_csum_pseudo4(struct net_csum *c, const struct net_ip4 *src,
		      const struct net_ip4 *dst, uint8_t proto, uint16_t len)
{
	net_csum_add(c, src->b, 4);
	net_csum_add(c, dst->b, 4);
	net_csum_add_be16(c, proto);
	net_csum_add_be16(c, len);
}

void net_csum_pseudo6(struct net_csum *c, const struct net_ip6 *src,
		      const struct net_ip6 *dst, uint32_t len, uint8_t nh)
{
	net_csum_add(c, src->b, 16);
	net_csum_add(c, dst->b, 16);
	net_csum_add_be32(c, len);
	net_csum_add_be32(c, nh);
}

uint16_t net_csum_update16(uint16_t hc, uint16_t old_word, uint16_t new_word)
{
	uint32_t s = (uint16_t)~hc;

	s += (uint16_t)~old_word;
	s += new_word;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}
