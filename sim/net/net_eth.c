/*
 * Ethernet II and 802.1Q tag decode and encode (see net_eth.h).
 */
#include "sim/net/net_eth.h"

#include "sim/net/net_frame.h"

static bool eth_is_tpid(uint16_t type)
{
	return type == NET_ETHERTYPE_VLAN || type == NET_ETHERTYPE_QINQ;
}

enum net_err net_eth_decode(const uint8_t *buf, size_t len, struct net_eth *out)
{
	struct net_rd r;
	uint16_t type;

	net_rd_init(&r, buf, len);
	net_rd_bytes(&r, out->dst.b, 6);
	net_rd_bytes(&r, out->src.b, 6);
	type = net_rd_be16(&r);
	out->vlan = false;
	out->pcp = 0;
	out->dei = false;
	out->vid = 0;
	out->ntags = 0;
	out->inner_vid = 0;
	while (!r.err && eth_is_tpid(type) && out->ntags < NET_ETH_MAX_TAGS) {
		uint16_t tci = net_rd_be16(&r);

		if (out->ntags++ == 0) {
			out->vlan = true;
			out->pcp = (uint8_t)(tci >> 13);
			out->dei = (tci >> 12) & 1;
			out->vid = tci & 0x0fff;
		}
		out->inner_vid = tci & 0x0fff;
		type = net_rd_be16(&r);
	}
	out->type = type;
	if (r.err) {
		out->hdr_len = 0;
		out->payload = NULL;
		out->payload_len = 0;
		return NET_E_ETH_SHORT;
	}
	out->hdr_len = r.off;
	out->payload = net_rd_cur(&r);
	out->payload_len = net_rd_left(&r);
	return NET_OK;
}

size_t net_eth_begin(struct net_wr *w, const struct net_eth *h)
{
	size_t off = w->off;

	net_wr_bytes(w, h->dst.b, 6);
	net_wr_bytes(w, h->src.b, 6);
	if (h->vlan) {
		net_wr_be16(w, NET_ETHERTYPE_VLAN);
		net_wr_be16(w, (uint16_t)((h->pcp & 7) << 13 |
					  (h->dei ? 1 << 12 : 0) |
					  (h->vid & 0x0fff)));
	}
	net_wr_be16(w, h->type);
	return off;
}

int net_eth_end(struct net_wr *w, size_t off)
{
	if (w->err || off > w->off)
		return -1;
	if (w->off - off < NET_FRAME_MIN)
		net_wr_zero(w, NET_FRAME_MIN - (w->off - off));
	if (w->err)
		return -1;
	return (int)(w->off - off);
}
