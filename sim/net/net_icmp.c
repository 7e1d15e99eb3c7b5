/*
 * ICMP for IPv4 (RFC 792): decode, echo and error encoders (see
 * net_icmp.h).
 */
#include "sim/net/net_icmp.h"

#include "sim/net/net_csum.h"

enum net_err net_icmp_decode(const uint8_t *buf, size_t len,
			     struct net_icmp *out)
{
	struct net_rd r;

	net_rd_init(&r, buf, len);
	out->type = net_rd_u8(&r);
	out->code = net_rd_u8(&r);
	out->csum = net_rd_be16(&r);
	out->rest = net_rd_be32(&r);
	out->id = (uint16_t)(out->rest >> 16);
	out->seq = (uint16_t)out->rest;
	out->data = NULL;
	out->data_len = 0;
	if (r.err)
		return NET_E_ICMP_SHORT;
	if (net_csum(buf, len) != 0)
		return NET_E_ICMP_BAD_CHECKSUM;
	out->data = net_rd_cur(&r);
	out->data_len = net_rd_left(&r);
	return NET_OK;
}

size_t net_icmp_begin(struct net_wr *w, uint8_t type, uint8_t code,
		      uint32_t rest)
{
	size_t off = w->off;

	net_wr_u8(w, type);
	net_wr_u8(w, code);
	net_wr_be16(w, 0);
	net_wr_be32(w, rest);
	return off;
}

int net_icmp_end(struct net_wr *w, size_t off)
{
	if (w->err || off > w->off || w->off - off < NET_ICMP_HLEN)
		return -1;
	net_put_be16(w->p + off + 2, net_csum(w->p + off, w->off - off));
	return 0;
}

int net_icmp_echo_encode(struct net_wr *w, uint8_t type, uint16_t id,
			 uint16_t seq, const void *data, size_t len)
{
	size_t off = net_icmp_begin(w, type, 0, (uint32_t)id << 16 | seq);

	net_wr_bytes(w, data, len);
	return net_icmp_end(w, off);
}

int net_icmp_error_encode(struct net_wr *w, uint8_t type, uint8_t code,
			  uint32_t rest, const uint8_t *orig, size_t orig_len)
{
	size_t off = net_icmp_begin(w, type, code, rest);
	size_t quote = orig_len;

	if (orig_len >= 1) {
		size_t want = (size_t)(orig[0] & 0x0f) * 4 + 8;

		if (want < quote)
			quote = want;
	}
	net_wr_bytes(w, orig, quote);
	return net_icmp_end(w, off);
}
