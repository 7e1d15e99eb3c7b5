/*
 * IPv4 (RFC 791 section 3.1) header decode and encode, Router Alert option
 * (RFC 2113), and the RFC 1624 incremental checksum for TTL decrement (see
 * net_ipv4.h).
 */
#include "sim/net/net_ipv4.h"

#include "sim/net/net_csum.h"

/* Walk the options area (RFC 791 section 3.1, "Options"). */
static enum net_err ipv4_options(const uint8_t *p, size_t len,
				 struct net_ipv4 *out)
{
	size_t i = 0;

	while (i < len) {
		uint8_t type = p[i];
		uint8_t olen;

		if (type == NET_IPV4_OPT_EOL)
			break;
		if (type == NET_IPV4_OPT_NOP) {
			i++;
			continue;
		}
		if (len - i < 2)
			return NET_E_IPV4_BAD_OPTION_LEN;
		olen = p[i + 1];
		if (olen < 2 || olen > len - i)
			return NET_E_IPV4_BAD_OPTION_LEN;
		if (type == NET_IPV4_OPT_ROUTER_ALERT) {
			if (olen != 4)
				return NET_E_IPV4_BAD_ROUTER_ALERT;
			out->router_alert = true;
			out->ra_value = net_get_be16(p + i + 2);
		}
		i += olen;
	}
	return NET_OK;
}

enum net_err net_ipv4_decode(const uint8_t *buf, size_t len,
			     struct net_ipv4 *out)
{
	struct net_rd r;
	uint8_t vihl;
	uint16_t frag;
	size_t hlen;
	enum net_err e;

	net_rd_init(&r, buf, len);
	vihl = net_rd_u8(&r);
	out->tos = net_rd_u8(&r);
	out->total_len = net_rd_be16(&r);
	out->id = net_rd_be16(&r);
	frag = net_rd_be16(&r);
	out->ttl = net_rd_u8(&r);
	out->proto = net_rd_u8(&r);
	out->csum = net_rd_be16(&r);
	net_rd_bytes(&r, out->src.b, 4);
	net_rd_bytes(&r, out->dst.b, 4);
	out->ihl = vihl & 0x0f;
	out->rf = (frag >> 15) & 1;
	out->df = (frag >> 14) & 1;
	out->mf = (frag >> 13) & 1;
	out->frag_off = frag & 0x1fff;
	out->router_alert = false;
	out->ra_value = 0;
	out->options = NULL;
	out->options_len = 0;
	out->payload = NULL;
	out->payload_len = 0;
	if (r.err)
		return NET_E_IPV4_SHORT;
	if (vihl >> 4 != 4)
		return NET_E_IPV4_BAD_VERSION;
	hlen = (size_t)out->ihl * 4;
	if (out->ihl < 5 || hlen > len)
		return NET_E_IPV4_BAD_IHL;
	if (out->total_len < hlen || out->total_len > len)
		return NET_E_IPV4_BAD_TOTAL_LEN;
	if (net_csum(buf, hlen) != 0)
		return NET_E_IPV4_BAD_CHECKSUM;
	/* The last fragment may not end past the 65535-byte maximum. */
	if ((size_t)out->frag_off * 8 + (out->total_len - hlen) > 65535)
		return NET_E_IPV4_BAD_FRAGMENT;
	out->options = buf + NET_IPV4_HLEN;
	out->options_len = hlen - NET_IPV4_HLEN;
	e = ipv4_options(out->options, out->options_len, out);
	if (e != NET_OK)
		return e;
	out->payload = buf + hlen;
	out->payload_len = out->total_len - hlen;
	return NET_OK;
}

size_t net_ipv4_begin(struct net_wr *w, const struct net_ipv4 *h)
{
	size_t off = w->off;
	uint8_t ihl = h->router_alert ? 6 : 5;

	net_wr_u8(w, (uint8_t)(4 << 4 | ihl));
	net_wr_u8(w, h->tos);
	net_wr_be16(w, 0); /* Total Length, patched by net_ipv4_end */
	net_wr_be16(w, h->id);
	net_wr_be16(w,
		    (uint16_t)((h->rf ? 0x8000 : 0) | (h->df ? 0x4000 : 0) |
			       (h->mf ? 0x2000 : 0) | (h->frag_off & 0x1fff)));
	net_wr_u8(w, h->ttl);
	net_wr_u8(w, h->proto);
	net_wr_be16(w, 0); /* Header Checksum, patched by net_ipv4_end */
	net_wr_bytes(w, h->src.b, 4);
	net_wr_bytes(w, h->dst.b, 4);
	if (h->router_alert) {
		net_wr_u8(w, NET_IPV4_OPT_ROUTER_ALERT);
		net_wr_u8(w, 4);
		net_wr_be16(w, h->ra_value);
	}
	return off;
}

int net_ipv4_end(struct net_wr *w, size_t off)
{
	uint8_t *h;
	size_t hlen, total;

	if (w->err || off > w->off || w->off - off < NET_IPV4_HLEN)
		return -1;
	h = w->p + off;
	hlen = (size_t)(h[0] & 0x0f) * 4;
	total = w->off - off;
	if (total > 65535 || hlen > total)
		return -1;
	net_put_be16(h + 2, (uint16_t)total);
	net_put_be16(h + 10, 0);
	net_put_be16(h + 10, net_csum(h, hlen));
	return 0;
}

uint8_t net_ipv4_dec_ttl(uint8_t *hdr)
{
	uint16_t old_word, new_word;

	if (hdr[8] == 0)
		return 0;
	old_word = net_get_be16(hdr + 8); /* TTL and Protocol */
	hdr[8]--;
	new_word = net_get_be16(hdr + 8);
	net_put_be16(hdr + 10, net_csum_update16(net_get_be16(hdr + 10),
						 old_word, new_word));
	return hdr[8];
}
