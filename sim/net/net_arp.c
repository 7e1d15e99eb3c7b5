/*
 * ARP (RFC 826) decode and encode for Ethernet/IPv4, with the gratuitous
 * ARP test of RFC 5227 section 3 (see net_arp.h).
 */
#include "sim/net/net_arp.h"

#include <string.h>

#include "sim/net/net_eth.h"

enum net_err net_arp_decode(const uint8_t *buf, size_t len, struct net_arp *out)
{
	struct net_rd r;
	uint16_t htype, ptype;
	uint8_t hlen, plen;

	net_rd_init(&r, buf, len);
	htype = net_rd_be16(&r);
	ptype = net_rd_be16(&r);
	hlen = net_rd_u8(&r);
	plen = net_rd_u8(&r);
	out->op = net_rd_be16(&r);
	if (r.err)
		return NET_E_ARP_SHORT;
	if (htype != NET_ARP_HTYPE_ETHER)
		return NET_E_ARP_BAD_HTYPE;
	if (ptype != NET_ETHERTYPE_IPV4)
		return NET_E_ARP_BAD_PTYPE;
	if (hlen != 6)
		return NET_E_ARP_BAD_HLEN;
	if (plen != 4)
		return NET_E_ARP_BAD_PLEN;
	net_rd_bytes(&r, out->sha.b, 6);
	net_rd_bytes(&r, out->spa.b, 4);
	net_rd_bytes(&r, out->tha.b, 6);
	net_rd_bytes(&r, out->tpa.b, 4);
	if (r.err)
		return NET_E_ARP_SHORT;
	if (out->op != NET_ARP_REQUEST && out->op != NET_ARP_REPLY)
		return NET_E_ARP_BAD_OP;
	return NET_OK;
}

bool net_arp_encode(struct net_wr *w, const struct net_arp *a)
{
	net_wr_be16(w, NET_ARP_HTYPE_ETHER);
	net_wr_be16(w, NET_ETHERTYPE_IPV4);
	net_wr_u8(w, 6);
	net_wr_u8(w, 4);
	net_wr_be16(w, a->op);
	net_wr_bytes(w, a->sha.b, 6);
	net_wr_bytes(w, a->spa.b, 4);
	net_wr_bytes(w, a->tha.b, 6);
	net_wr_bytes(w, a->tpa.b, 4);
	return !w->err;
}

bool net_arp_is_gratuitous(const struct net_arp *a)
{
	return memcmp(a->spa.b, a->tpa.b, 4) == 0;
}

void net_arp_make_request(struct net_arp *a, const struct net_mac *sha,
			  const struct net_ip4 *spa, const struct net_ip4 *tpa)
{
	memset(a, 0, sizeof(*a));
	a->op = NET_ARP_REQUEST;
	a->sha = *sha;
	a->spa = *spa;
	a->tpa = *tpa;
}

void net_arp_make_reply(struct net_arp *a, const struct net_mac *sha,
			const struct net_ip4 *spa, const struct net_mac *tha,
			const struct net_ip4 *tpa)
{
	a->op = NET_ARP_REPLY;
	a->sha = *sha;
	a->spa = *spa;
	a->tha = *tha;
	a->tpa = *tpa;
}

void net_arp_make_gratuitous(struct net_arp *a, const struct net_mac *sha,
			     const struct net_ip4 *ip)
{
	net_arp_make_request(a, sha, ip, ip);
}
