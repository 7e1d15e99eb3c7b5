/*
 * UDP (RFC 768) decode and encode over IPv4 and IPv6 (see net_udp.h).
 */
#include "sim/net/net_udp.h"

#include "sim/net/net_csum.h"
#include "sim/net/net_ipv4.h"

/* Header and Length; the checksum is the caller's. */
static enum net_err udp_header(const uint8_t *buf, size_t len,
			       struct net_udp *out)
{
	struct net_rd r;

	net_rd_init(&r, buf, len);
	out->sport = net_rd_be16(&r);
	out->dport = net_rd_be16(&r);
	out->len = net_rd_be16(&r);
	out->csum = net_rd_be16(&r);
	out->payload = NULL;
	out->payload_len = 0;
	if (r.err)
		return NET_E_UDP_SHORT;
	if (out->len < NET_UDP_HLEN || out->len > len)
		return NET_E_UDP_BAD_LEN;
	out->payload = buf + NET_UDP_HLEN;
	out->payload_len = out->len - NET_UDP_HLEN;
	return NET_OK;
}

enum net_err net_udp4_decode(const uint8_t *buf, size_t len,
			     const struct net_ip4 *src,
			     const struct net_ip4 *dst, struct net_udp *out)
{
	enum net_err e = udp_header(buf, len, out);
	struct net_csum c;

	if (e != NET_OK || out->csum == 0)
		return e;
	net_csum_init(&c);
	net_csum_pseudo4(&c, src, dst, NET_IPPROTO_UDP, out->len);
	net_csum_add(&c, buf, out->len);
	if (net_csum_final(&c) != 0)
		return NET_E_UDP_BAD_CHECKSUM;
	return NET_OK;
}

enum net_err net_udp6_decode(const uint8_t *buf, size_t len,
			     const struct net_ip6 *src,
			     const struct net_ip6 *dst, struct net_udp *out)
{
	enum net_err e = udp_header(buf, len, out);
	struct net_csum c;

	if (e != NET_OK)
		return e;
	if (out->csum == 0)
		return NET_E_UDP_ZERO_CHECKSUM;
	net_csum_init(&c);
	net_csum_pseudo6(&c, src, dst, out->len, NET_IPPROTO_UDP);
	net_csum_add(&c, buf, out->len);
	if (net_csum_final(&c) != 0)
		return NET_E_UDP_BAD_CHECKSUM;
	return NET_OK;
}

size_t net_udp_begin(struct net_wr *w, uint16_t sport, uint16_t dport)
{
	size_t off = w->off;

	net_wr_be16(w, sport);
	net_wr_be16(w, dport);
	net_wr_be32(w, 0); /* Length and Checksum, patched by _end */
	return off;
}

/* Patch Length; returns it, or 0 when the datagram cannot be finished. */
static size_t udp_patch_len(struct net_wr *w, size_t off)
{
	size_t len;

	if (w->err || off > w->off || w->off - off < NET_UDP_HLEN)
		return 0;
	len = w->off - off;
	if (len > 65535)
		return 0;
	net_put_be16(w->p + off + 4, (uint16_t)len);
	net_put_be16(w->p + off + 6, 0);
	return len;
}

static void udp_patch_csum(struct net_wr *w, size_t off, struct net_csum *c,
			   size_t len)
{
	uint16_t sum;

	net_csum_add(c, w->p + off, len);
	sum = net_csum_final(c);
	net_put_be16(w->p + off + 6, sum ? sum : 0xffff);
}

int net_udp4_end(struct net_wr *w, size_t off, const struct net_ip4 *src,
		 const struct net_ip4 *dst)
{
	size_t len = udp_patch_len(w, off);
	struct net_csum c;

	if (!len)
		return -1;
	net_csum_init(&c);
	net_csum_pseudo4(&c, src, dst, NET_IPPROTO_UDP, (uint16_t)len);
	udp_patch_csum(w, off, &c, len);
	return 0;
}

int net_udp6_end(struct net_wr *w, size_t off, const struct net_ip6 *src,
		 const struct net_ip6 *dst)
{
	size_t len = udp_patch_len(w, off);
	struct net_csum c;

	if (!len)
		return -1;
	net_csum_init(&c);
	net_csum_pseudo6(&c, src, dst, (uint32_t)len, NET_IPPROTO_UDP);
	udp_patch_csum(w, off, &c, len);
	return 0;
}
