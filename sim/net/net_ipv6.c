/*
 * IPv6 (RFC 8200) fixed header, extension header walk, Hop-by-Hop options
 * with Router Alert (RFC 2711), and the encoder (see net_ipv6.h).
 */
#include "sim/net/net_ipv6.h"

static bool ipv6_is_ext(uint8_t nh)
{
	switch (nh) {
	case NET_IPV6_NH_HOPOPTS:
	case NET_IPV6_NH_ROUTING:
	case NET_IPV6_NH_FRAGMENT:
	case NET_IPV6_NH_AH:
	case NET_IPV6_NH_DSTOPTS:
	case NET_IPV6_NH_MOBILITY:
	case NET_IPV6_NH_HIP:
	case NET_IPV6_NH_SHIM6:
	case NET_IPV6_NH_EXP1:
	case NET_IPV6_NH_EXP2:
		return true;
	default:
		return false;
	}
}

/*
 * TLV-encoded options of a Hop-by-Hop or Destination Options header (RFC
 * 8200 section 4.2). Router Alert is recorded only when record_ra is set.
 */
static enum net_err ipv6_options(struct net_rd *r, bool hop_by_hop,
				 struct net_ipv6 *out)
{
	while (net_rd_left(r) > 0) {
		uint8_t type = net_rd_u8(r);
		uint8_t olen;
		const uint8_t *data;

		if (type == NET_IPV6_OPT_PAD1)
			continue;
		olen = net_rd_u8(r);
		data = net_rd_ptr(r, olen);
		if (r->err)
			return NET_E_IPV6_BAD_OPTION_LEN;
		if (type == NET_IPV6_OPT_ROUTER_ALERT) {
			if (olen != 2)
				return NET_E_IPV6_BAD_ROUTER_ALERT;
			if (hop_by_hop) {
				out->router_alert = true;
				out->ra_value = net_get_be16(data);
			}
		}
		/* RFC 6275 6.3: the home address replaces the source in
		 * the upper-layer pseudo-header. */
		if (type == NET_IPV6_OPT_HOME_ADDRESS && !hop_by_hop &&
		    olen == 16)
			memcpy(out->pseudo_src.b, data, 16);
	}
	return NET_OK;
}

/*
 * A Routing header's final destination for the pseudo-header (RFC 8200
 * 8.1: "that address will be in the last element of the Routing header"
 * while Segments Left is not zero). Types 0 (deprecated, RFC 5095) and 2
 * (RFC 6275 6.4) list addresses from the 8th octet, the final one last;
 * type 4 (RFC 8754 2) lists them in reverse, the final one first. Other
 * types leave the destination as it is.
 */
static void ipv6_routing(struct net_rd *body, uint8_t hlen,
			 struct net_ipv6 *out)
{
	uint8_t rtype = net_rd_u8(body), left = net_rd_u8(body);
	size_t n = hlen / 2;
	const uint8_t *addrs;

	if (body->err || left == 0)
		return;
	if (rtype != 0 && rtype != 2 && rtype != 4) {
		out->pseudo_unknown = true;
		return;
	}
	net_rd_skip(body, 4);
	addrs = n && hlen % 2 == 0 ? net_rd_ptr(body, n * 16) : NULL;
	if (!addrs) {
		out->pseudo_unknown = true;
		return;
	}
	memcpy(out->pseudo_dst.b, addrs + (rtype == 4 ? 0 : n - 1) * 16, 16);
}

/* One extension header of type nh at the cursor; *nh becomes its Next
 * Header. Sets *stop after a non-first fragment. */
static enum net_err ipv6_ext(struct net_rd *r, uint8_t *nh, bool *stop,
			     struct net_ipv6 *out)
{
	uint8_t type = *nh, next, hlen;
	size_t size;
	struct net_rd body;

	next = net_rd_u8(r);
	hlen = net_rd_u8(r);
	if (r->err)
		return NET_E_IPV6_EXT_TRUNCATED;
	if (type == NET_IPV6_NH_FRAGMENT)
		size = 8;
	else if (type == NET_IPV6_NH_AH)
		size = ((size_t)hlen + 2) * 4;
	else
		size = ((size_t)hlen + 1) * 8;
	body = net_rd_sub(r, size - 2);
	if (body.err)
		return NET_E_IPV6_EXT_TRUNCATED;
	out->ext_len += size;
	*nh = next;
	if (type == NET_IPV6_NH_HOPOPTS || type == NET_IPV6_NH_DSTOPTS)
		return ipv6_options(&body, type == NET_IPV6_NH_HOPOPTS, out);
	if (type == NET_IPV6_NH_ROUTING)
		ipv6_routing(&body, hlen, out);
	if (type == NET_IPV6_NH_FRAGMENT) {
		uint16_t fo = net_rd_be16(&body);

		out->fragment = true;
		out->frag_off = fo >> 3;
		out->mf = fo & 1;
		out->frag_id = net_rd_be32(&body);
		*stop = out->frag_off != 0;
	}
	return NET_OK;
}

static void ipv6_reset_decoded(struct net_ipv6 *out)
{
	out->router_alert = false;
	out->ra_value = 0;
	out->proto = NET_IPV6_NH_NONE;
	out->fragment = false;
	out->frag_off = 0;
	out->mf = false;
	out->frag_id = 0;
	out->ext_count = 0;
	out->ext_len = 0;
	out->pseudo_unknown = false;
	out->payload = NULL;
	out->payload_len = 0;
}

enum net_err net_ipv6_decode(const uint8_t *buf, size_t len,
			     struct net_ipv6 *out)
{
	struct net_rd r, pl;
	uint32_t vtf;
	uint8_t nh;
	bool stop = false;

	ipv6_reset_decoded(out);
	net_rd_init(&r, buf, len);
	vtf = net_rd_be32(&r);
	out->plen = net_rd_be16(&r);
	out->next_header = net_rd_u8(&r);
	out->hop_limit = net_rd_u8(&r);
	net_rd_bytes(&r, out->src.b, 16);
	net_rd_bytes(&r, out->dst.b, 16);
	out->tclass = (uint8_t)(vtf >> 20);
	out->flow = vtf & 0xfffff;
	out->pseudo_src = out->src;
	out->pseudo_dst = out->dst;
	if (r.err)
		return NET_E_IPV6_SHORT;
	if (vtf >> 28 != 6)
		return NET_E_IPV6_BAD_VERSION;
	pl = net_rd_sub(&r, out->plen);
	if (pl.err)
		return NET_E_IPV6_BAD_PAYLOAD_LEN;
	nh = out->next_header;
	while (!stop && ipv6_is_ext(nh)) {
		enum net_err e;

		if (nh == NET_IPV6_NH_HOPOPTS && out->ext_count != 0)
			return NET_E_IPV6_HBH_NOT_FIRST;
		if (out->ext_count == NET_IPV6_MAX_EXT)
			return NET_E_IPV6_TOO_MANY_EXT;
		e = ipv6_ext(&pl, &nh, &stop, out);
		if (e != NET_OK)
			return e;
		out->ext_count++;
	}
	out->proto = nh;
	out->payload = net_rd_cur(&pl);
	out->payload_len = net_rd_left(&pl);
	return NET_OK;
}

size_t net_ipv6_begin(struct net_wr *w, const struct net_ipv6 *h)
{
	size_t off = w->off;

	net_wr_be32(w, (uint32_t)6 << 28 | (uint32_t)h->tclass << 20 |
			       (h->flow & 0xfffff));
	net_wr_be16(w, 0); /* Payload Length, patched by net_ipv6_end */
	net_wr_u8(w, h->router_alert ? NET_IPV6_NH_HOPOPTS : h->next_header);
	net_wr_u8(w, h->hop_limit);
	net_wr_bytes(w, h->src.b, 16);
	net_wr_bytes(w, h->dst.b, 16);
	if (h->router_alert) {
		/* Hop-by-Hop: NH, Hdr Ext Len 0, Router Alert, PadN(0). */
		net_wr_u8(w, h->next_header);
		net_wr_u8(w, 0);
		net_wr_u8(w, NET_IPV6_OPT_ROUTER_ALERT);
		net_wr_u8(w, 2);
		net_wr_be16(w, h->ra_value);
		net_wr_u8(w, NET_IPV6_OPT_PADN);
		net_wr_u8(w, 0);
	}
	return off;
}

int net_ipv6_end(struct net_wr *w, size_t off)
{
	size_t plen;

	if (w->err || off > w->off || w->off - off < NET_IPV6_HLEN)
		return -1;
	plen = w->off - off - NET_IPV6_HLEN;
	if (plen > 65535)
		return -1;
	net_put_be16(w->p + off + 4, (uint16_t)plen);
	return 0;
}
