/*
 * TCP segment codec: header and option parsing with a bounds-checked
 * cursor, and the checksum with the IPv4 or IPv6 pseudo-header (RFC 9293
 * sections 3.1 and 3.2, RFC 8200 section 8.1). See tcp_seg.h.
 */
#include "protocols/tcp/tcp_seg.h"

#include <stdio.h>
#include <string.h>

#include "protocols/tcp/tcp.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_csum.h"

static const char *const err_names[TCP_SEG_E__COUNT] = {
	[TCP_SEG_OK] = "ok",
	[TCP_SEG_E_SHORT] = "short",
	[TCP_SEG_E_OFFSET] = "bad-data-offset",
	[TCP_SEG_E_OPTION] = "bad-option",
	[TCP_SEG_E_CHECKSUM] = "bad-checksum",
	[TCP_SEG_E_AF] = "bad-address-family",
};

const char *tcp_seg_err_name(enum tcp_seg_err e)
{
	if ((unsigned)e >= TCP_SEG_E__COUNT)
		return "?";
	return err_names[e];
}

static bool same_af(const struct net_addr *src, const struct net_addr *dst)
{
	return src && dst && src->af == dst->af &&
	       (src->af == NET_AF_IP4 || src->af == NET_AF_IP6);
}

uint16_t tcp_seg_csum(const uint8_t *buf, size_t len,
		      const struct net_addr *src, const struct net_addr *dst)
{
	struct net_csum c;

	if (!same_af(src, dst) || len < TCP_HDR_MIN || len > 0xffff)
		return 0;
	net_csum_init(&c);
	if (src->af == NET_AF_IP4) {
		struct net_ip4 s = net_addr_ip4(src), d = net_addr_ip4(dst);

		net_csum_pseudo4(&c, &s, &d, TCP_PROTO, (uint16_t)len);
	} else {
		struct net_ip6 s = net_addr_ip6(src), d = net_addr_ip6(dst);

		net_csum_pseudo6(&c, &s, &d, (uint32_t)len, TCP_PROTO);
	}
	net_csum_add(&c, buf, 16);	      /* up to the checksum field */
	net_csum_add(&c, buf + 18, len - 18); /* skip it (as zero) */
	return net_csum_final(&c);
}

/* RFC 9293 3.2: options end at EOL or at the end of the header. */
static enum tcp_seg_err parse_options(struct net_rd *r, struct tcp_seg *out)
{
	while (net_rd_left(r) > 0) {
		uint8_t kind = net_rd_u8(r), olen;

		if (kind == TCP_OPT_EOL)
			break;
		if (kind == TCP_OPT_NOP)
			continue;
		olen = net_rd_u8(r);
		if (r->err || olen < 2 || olen - 2u > net_rd_left(r))
			return TCP_SEG_E_OPTION;
		if (kind == TCP_OPT_MSS) {
			if (olen != TCP_OPT_MSS_LEN)
				return TCP_SEG_E_OPTION;
			out->has_mss = true;
			out->mss = net_rd_be16(r);
			continue;
		}
		net_rd_skip(r, olen - 2u);
	}
	return TCP_SEG_OK;
}

enum tcp_seg_err tcp_seg_decode(const uint8_t *buf, size_t len,
				const struct net_addr *src,
				const struct net_addr *dst, struct tcp_seg *out)
{
	struct net_rd r, opts;
	uint8_t off;
	enum tcp_seg_err e;

	memset(out, 0, sizeof(*out));
	if (src && dst && !same_af(src, dst))
		return TCP_SEG_E_AF;
	net_rd_init(&r, buf, len);
	out->sport = net_rd_be16(&r);
	out->dport = net_rd_be16(&r);
	out->seq = net_rd_be32(&r);
	out->ack = net_rd_be32(&r);
	off = net_rd_u8(&r);
	out->flags = net_rd_u8(&r);
	out->wnd = net_rd_be16(&r);
	out->csum = net_rd_be16(&r);
	out->urp = net_rd_be16(&r);
	if (r.err)
		return TCP_SEG_E_SHORT;
	out->hlen = (uint8_t)((off >> 4) * 4);
	if (out->hlen < TCP_HDR_MIN)
		return TCP_SEG_E_OFFSET;
	if (out->hlen > len)
		return TCP_SEG_E_SHORT;
	opts = net_rd_sub(&r, out->hlen - TCP_HDR_MIN);
	e = parse_options(&opts, out);
	if (e != TCP_SEG_OK)
		return e;
	out->data = buf + out->hlen;
	out->len = len - out->hlen;
	if (src && dst && tcp_seg_csum(buf, len, src, dst) != out->csum)
		return TCP_SEG_E_CHECKSUM;
	return TCP_SEG_OK;
}

int tcp_seg_encode(const struct tcp_seg *s, const struct net_addr *src,
		   const struct net_addr *dst, uint8_t *buf, size_t cap)
{
	struct net_wr w;
	size_t hlen = TCP_HDR_MIN + (s->has_mss ? TCP_OPT_MSS_LEN : 0);
	uint8_t *p;

	if (!same_af(src, dst) || s->len > 0xffff - hlen ||
	    (s->len && !s->data))
		return -1;
	net_wr_init(&w, buf, cap);
	net_wr_be16(&w, s->sport);
	net_wr_be16(&w, s->dport);
	net_wr_be32(&w, s->seq);
	net_wr_be32(&w, s->ack);
	net_wr_u8(&w, (uint8_t)((hlen / 4) << 4));
	net_wr_u8(&w, s->flags);
	net_wr_be16(&w, s->wnd);
	net_wr_be16(&w, 0); /* checksum, below */
	net_wr_be16(&w, s->urp);
	if (s->has_mss) {
		net_wr_u8(&w, TCP_OPT_MSS);
		net_wr_u8(&w, TCP_OPT_MSS_LEN);
		net_wr_be16(&w, s->mss);
	}
	p = net_wr_reserve(&w, s->len);
	if (w.err)
		return -1;
	if (s->len)
		memcpy(p, s->data, s->len);
	net_put_be16(buf + 16, tcp_seg_csum(buf, w.off, src, dst));
	return (int)w.off;
}

void tcp_seg_flags_fmt(uint8_t flags, char *buf, size_t len)
{
	static const char *const names[8] = { "FIN", "SYN", "RST", "PSH",
					      "ACK", "URG", "ECE", "CWR" };
	/* SYN first reads best: SYN, FIN, RST, PSH, ACK ... */
	static const int order[8] = { 1, 0, 2, 3, 4, 5, 6, 7 };
	size_t off = 0;

	if (!len)
		return;
	buf[0] = 0;

	for (int i = 0; i < 8; i++) {
		int b = order[i];
		int n;

		if (!(flags & (1u << b)))
			continue;
		n = snprintf(buf + off, len - off, "%s%s", off ? "," : "",
			     names[b]);
		if (n < 0 || (size_t)n >= len - off)
			return;
		off += (size_t)n;
	}
	if (!off)
		snprintf(buf, len, "none");
}
