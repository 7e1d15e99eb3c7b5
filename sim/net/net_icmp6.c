/*
 * ICMPv6 (RFC 4443) generic decode with the pseudo-header checksum, echo
 * and error messages, and Neighbor Solicitation/Advertisement with their
 * options (RFC 4861 sections 4.3, 4.4, 4.6). See net_icmp6.h.
 */
#include "sim/net/net_icmp6.h"

#include <string.h>

#include "sim/net/net_csum.h"
#include "sim/net/net_ipv6.h"

enum net_err net_icmp6_decode(const uint8_t *buf, size_t len,
			      const struct net_ip6 *src,
			      const struct net_ip6 *dst, struct net_icmp6 *out)
{
	struct net_rd r;
	struct net_csum c;

	net_rd_init(&r, buf, len);
	out->type = net_rd_u8(&r);
	out->code = net_rd_u8(&r);
	out->csum = net_rd_be16(&r);
	out->body = NULL;
	out->body_len = 0;
	if (r.err)
		return NET_E_ICMP6_SHORT;
	net_csum_init(&c);
	net_csum_pseudo6(&c, src, dst, (uint32_t)len, NET_IPV6_NH_ICMPV6);
	net_csum_add(&c, buf, len);
	if (net_csum_final(&c) != 0)
		return NET_E_ICMP6_BAD_CHECKSUM;
	out->body = net_rd_cur(&r);
	out->body_len = net_rd_left(&r);
	return NET_OK;
}

enum net_err net_icmp6_echo_decode(const struct net_icmp6 *m,
				   struct net_icmp6_echo *out)
{
	struct net_rd r;

	net_rd_init(&r, m->body, m->body_len);
	out->id = net_rd_be16(&r);
	out->seq = net_rd_be16(&r);
	out->data = net_rd_cur(&r);
	out->data_len = net_rd_left(&r);
	return r.err ? NET_E_ICMP6_BODY_SHORT : NET_OK;
}

enum net_err net_icmp6_error_decode(const struct net_icmp6 *m,
				    struct net_icmp6_error *out)
{
	struct net_rd r;

	net_rd_init(&r, m->body, m->body_len);
	out->rest = net_rd_be32(&r);
	out->quoted = net_rd_cur(&r);
	out->quoted_len = net_rd_left(&r);
	return r.err ? NET_E_ICMP6_BODY_SHORT : NET_OK;
}

/* Options: Type, Length in units of 8 octets (never 0), value. */
static enum net_err nd_options(struct net_rd *r, struct net_nd *out)
{
	while (net_rd_left(r) > 0) {
		uint8_t type = net_rd_u8(r);
		uint8_t units = net_rd_u8(r);
		const uint8_t *val;

		if (r->err || units == 0)
			return NET_E_ND_BAD_OPTION_LEN;
		val = net_rd_ptr(r, (size_t)units * 8 - 2);
		if (!val)
			return NET_E_ND_BAD_OPTION_LEN;
		out->nopts++;
		/* Ethernet addresses fill exactly one unit (RFC 2464 s. 8). */
		if (units != 1)
			continue;
		if (type == NET_ND_OPT_SLLA) {
			out->has_sll = true;
			memcpy(out->sll.b, val, 6);
		} else if (type == NET_ND_OPT_TLLA) {
			out->has_tll = true;
			memcpy(out->tll.b, val, 6);
		}
	}
	return NET_OK;
}

enum net_err net_nd_decode(const struct net_icmp6 *m, struct net_nd *out)
{
	struct net_rd r;
	uint32_t word;

	memset(out, 0, sizeof(*out));
	out->type = m->type;
	net_rd_init(&r, m->body, m->body_len);
	word = net_rd_be32(&r);
	net_rd_bytes(&r, out->target.b, 16);
	if (r.err)
		return NET_E_ICMP6_BODY_SHORT;
	if (m->type == NET_ICMP6_ND_NA) {
		out->router = (word & NET_ND_NA_ROUTER) != 0;
		out->solicited = (word & NET_ND_NA_SOLICITED) != 0;
		out->override = (word & NET_ND_NA_OVERRIDE) != 0;
	}
	return nd_options(&r, out);
}

size_t net_icmp6_begin(struct net_wr *w, uint8_t type, uint8_t code)
{
	size_t off = w->off;

	net_wr_u8(w, type);
	net_wr_u8(w, code);
	net_wr_be16(w, 0);
	return off;
}

int net_icmp6_end(struct net_wr *w, size_t off, const struct net_ip6 *src,
		  const struct net_ip6 *dst)
{
	struct net_csum c;
	size_t len;

	if (w->err || off > w->off || w->off - off < NET_ICMP6_HLEN)
		return -1;
	len = w->off - off;
	net_csum_init(&c);
	net_csum_pseudo6(&c, src, dst, (uint32_t)len, NET_IPV6_NH_ICMPV6);
	net_csum_add(&c, w->p + off, len);
	net_put_be16(w->p + off + 2, net_csum_final(&c));
	return 0;
}

int net_icmp6_echo_encode(struct net_wr *w, const struct net_ip6 *src,
			  const struct net_ip6 *dst, uint8_t type, uint16_t id,
			  uint16_t seq, const void *data, size_t len)
{
	size_t off = net_icmp6_begin(w, type, 0);

	net_wr_be16(w, id);
	net_wr_be16(w, seq);
	net_wr_bytes(w, data, len);
	return net_icmp6_end(w, off, src, dst);
}

int net_icmp6_error_encode(struct net_wr *w, const struct net_ip6 *src,
			   const struct net_ip6 *dst, uint8_t type,
			   uint8_t code, uint32_t rest, const uint8_t *orig,
			   size_t orig_len)
{
	size_t off = net_icmp6_begin(w, type, code);

	net_wr_be32(w, rest);
	if (orig_len > NET_ICMP6_ERROR_QUOTE_MAX)
		orig_len = NET_ICMP6_ERROR_QUOTE_MAX;
	net_wr_bytes(w, orig, orig_len);
	return net_icmp6_end(w, off, src, dst);
}

static void nd_lla_option(struct net_wr *w, uint8_t type,
			  const struct net_mac *mac)
{
	net_wr_u8(w, type);
	net_wr_u8(w, 1);
	net_wr_bytes(w, mac->b, 6);
}

int net_nd_encode(struct net_wr *w, const struct net_ip6 *src,
		  const struct net_ip6 *dst, const struct net_nd *nd)
{
	size_t off = net_icmp6_begin(w, nd->type, 0);
	uint32_t word = 0;

	if (nd->type == NET_ICMP6_ND_NA)
		word = (nd->router ? NET_ND_NA_ROUTER : 0) |
		       (nd->solicited ? NET_ND_NA_SOLICITED : 0) |
		       (nd->override ? NET_ND_NA_OVERRIDE : 0);
	net_wr_be32(w, word);
	net_wr_bytes(w, nd->target.b, 16);
	if (nd->has_sll)
		nd_lla_option(w, NET_ND_OPT_SLLA, &nd->sll);
	if (nd->has_tll)
		nd_lla_option(w, NET_ND_OPT_TLLA, &nd->tll);
	return net_icmp6_end(w, off, src, dst);
}
