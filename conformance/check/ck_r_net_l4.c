/*
 * Rules above IP in the "net" module: Neighbor Discovery messages (RFC
 * 4861 sections 4.6, 6.1.1, 6.1.2, 7.1.1, 7.1.2, 8.1: the receiver's
 * validity checks, enforced on what was sent), UDP (RFC 768; RFC 8200
 * section 8.1 for the zero checksum over IPv6) and TCP segments (RFC 9293
 * sections 3.1 and 3.2, decoded with protocols/tcp/tcp_seg.h). Only
 * unfragmented packets whose IP layer decoded reach here, so the whole
 * upper-layer message is in the frame and checksums can be verified even
 * when the capture cut the frame's trailer. Checksum failures show the
 * value sent and the value computed.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/check/ck_r_net_int.h"
#include "sim/net/net_csum.h"

static void pass(struct ck_ctx *c, enum ck_net_rule r)
{
	ck_pass(c, ck_net_rule(r));
}

/* ---- Neighbor Discovery (RFC 4861) ---- */

#define ND_NS_NA_MIN 24 /* ICMP length of an NS or NA, octets */

static bool nd_type(uint8_t t)
{
	return t >= NET_ICMP6_ND_RS && t <= NET_ICMP6_ND_NA + 1; /* 133-137 */
}

static const char *nd_name(uint8_t t)
{
	static const char *const names[] = { "RS", "RA", "NS", "NA",
					     "Redirect" };

	return nd_type(t) ? names[t - NET_ICMP6_ND_RS] : "?";
}

/* ff02::1:ffXX:XXXX (RFC 4291 section 2.7.1). */
static bool solicited_node(const struct net_ip6 *a)
{
	static const uint8_t pfx[13] = { 0xff, 0x02, 0, 0, 0, 0,   0,
					 0,    0,    0, 0, 1, 0xff };

	return memcmp(a->b, pfx, sizeof(pfx)) == 0;
}

/* Rules on an NS or NA whose body the codec decoded. */
static void nd_body(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	const struct net_nd *nd = &pi->nd;
	bool ns = nd->type == NET_ICMP6_ND_NS;
	char tgt[64], dst[64];

	net_addr_fmt(&pi->dst, dst, sizeof(dst));
	{
		struct net_addr t = net_addr_from_ip6(&nd->target);

		net_addr_fmt(&t, tgt, sizeof(tgt));
	}
	/* 7.1.1 / 7.1.2: "Target Address is not a multicast address." */
	ck_expect(c,
		  ck_net_rule(ns ? CK_NET_ND_NS_TARGET : CK_NET_ND_NA_TARGET),
		  !net_ip6_is_multicast(&nd->target), f->no, f->t,
		  "%s Target Address %s is multicast", ns ? "NS" : "NA", tgt);
	if (!ns) {
		/* 7.1.2: no Solicited flag on an NA to a multicast group. */
		if (net_addr_is_multicast(&pi->dst))
			ck_expect(c, ck_net_rule(CK_NET_ND_NA_SOLICITED_MCAST),
				  !nd->solicited, f->no, f->t,
				  "NA for %s to %s has the Solicited flag set",
				  tgt, dst);
		return;
	}
	if (!net_addr_is_unspec(&pi->src))
		return;
	/* 7.1.1: an NS from :: (Duplicate Address Detection). */
	{
		struct net_ip6 d6 = net_addr_ip6(&pi->dst);

		ck_expect(c, ck_net_rule(CK_NET_ND_NS_DAD_DST),
			  solicited_node(&d6), f->no, f->t,
			  "NS from :: for %s sent to %s, not a solicited-node "
			  "multicast address",
			  tgt, dst);
	}
	ck_expect(c, ck_net_rule(CK_NET_ND_NS_DAD_SLLAO), !nd->has_sll, f->no,
		  f->t,
		  "NS from :: for %s carries a Source Link-Layer Address "
		  "option",
		  tgt);
}

/* RS, RA, Redirect: the minimum lengths of 6.1.1, 6.1.2 and 8.1. */
static void nd_other_length(struct ck_ctx *c, const struct ck_frame *f)
{
	uint8_t t = f->pi.icmp6.type;
	size_t need = t == NET_ICMP6_ND_RS ? 8 : t == NET_ICMP6_ND_RA ? 16 : 40;
	enum ck_net_rule r = t == NET_ICMP6_ND_RS   ? CK_NET_ND_RS_LENGTH
			     : t == NET_ICMP6_ND_RA ? CK_NET_ND_RA_LENGTH
						    : CK_NET_ND_REDIRECT_LENGTH;

	ck_expect(c, ck_net_rule(r), f->pi.l4_len >= need, f->no, f->t,
		  "%s of %zu octets, %zu needed", nd_name(t), f->pi.l4_len,
		  need);
}

void ck_net_nd(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	const struct net_icmp6 *m = &pi->icmp6;
	enum net_err e = pi->err_layer == NET_LAYER_ICMP6 ? pi->err : NET_OK;
	size_t icmp_len = pi->l4_len;

	if (e == NET_E_ICMP6_SHORT || !nd_type(m->type))
		return;
	ck_count(c, "nd", 1);
	if (e == NET_E_ICMP6_BAD_CHECKSUM) {
		if (ck_net_ip6_pseudo_uncertain(pi)) {
			ck_count(c,
				 "checksum not verifiable (IPv6 extension "
				 "headers)",
				 1);
			return;
		}
		ck_fail(c, ck_net_rule(CK_NET_ND_CSUM), f->no, f->t,
			"%s checksum 0x%04x does not match the message and "
			"its pseudo-header",
			nd_name(m->type), m->csum);
		return;
	}
	pass(c, CK_NET_ND_CSUM);
	ck_expect(c, ck_net_rule(CK_NET_ND_HOP_LIMIT), pi->ttl == 255, f->no,
		  f->t, "%s with Hop Limit %u", nd_name(m->type), pi->ttl);
	ck_expect(c, ck_net_rule(CK_NET_ND_CODE), m->code == 0, f->no, f->t,
		  "%s with Code %u", nd_name(m->type), m->code);
	if (m->type != NET_ICMP6_ND_NS && m->type != NET_ICMP6_ND_NA) {
		nd_other_length(c, f);
		return;
	}
	if (!ck_expect(c, ck_net_rule(CK_NET_ND_LENGTH),
		       e != NET_E_ICMP6_BODY_SHORT, f->no, f->t,
		       "%s of %zu octets, %d needed", nd_name(m->type),
		       icmp_len, ND_NS_NA_MIN))
		return;
	if (!ck_expect(c, ck_net_rule(CK_NET_ND_OPT_LEN),
		       e != NET_E_ND_BAD_OPTION_LEN, f->no, f->t,
		       "%s option %u has length 0 or runs past the message",
		       nd_name(m->type), pi->nd.nopts + 1u))
		return;
	if (pi->has_nd)
		nd_body(c, f);
}

/* ---- UDP (RFC 768, RFC 8200 8.1) ---- */

/* The Checksum a UDP datagram of udp->len octets at p should carry. */
static uint16_t udp_csum_expected(const struct net_pkt_info *pi,
				  const uint8_t *p, uint16_t len)
{
	struct net_csum s;
	uint16_t v;

	net_csum_init(&s);
	if (pi->af == NET_AF_IP4)
		net_csum_pseudo4(&s, &pi->ip4.src, &pi->ip4.dst,
				 NET_IPPROTO_UDP, len);
	else
		net_csum_pseudo6(&s, &pi->ip6.pseudo_src, &pi->ip6.pseudo_dst,
				 len, NET_IPPROTO_UDP);
	net_csum_add(&s, p, 6);
	net_csum_add(&s, p + NET_UDP_HLEN, len - NET_UDP_HLEN);
	v = net_csum_final(&s);
	return v ? v : 0xffff; /* RFC 768: a computed 0 is sent as ones */
}

void ck_net_udp(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	const struct net_udp *u = &pi->udp;
	enum net_err e = pi->err_layer == NET_LAYER_UDP ? pi->err : NET_OK;
	bool v6 = pi->af == NET_AF_IP6;

	if (e == NET_E_UDP_SHORT || e == NET_E_UDP_BAD_LEN) {
		ck_count(c, "udp undecodable", 1);
		if (e == NET_E_UDP_SHORT)
			ck_fail(c, ck_net_rule(CK_NET_UDP_LENGTH), f->no, f->t,
				"UDP datagram of %zu octets, shorter than the "
				"8-octet header",
				pi->l4_len);
		else
			ck_fail(c, ck_net_rule(CK_NET_UDP_LENGTH), f->no, f->t,
				"UDP Length %u, %zu octets of IP payload",
				u->len, pi->l4_len);
		return;
	}
	pass(c, CK_NET_UDP_LENGTH);
	ck_count(c, "udp", 1);
	if (v6)
		ck_expect(c, ck_net_rule(CK_NET_UDP_CSUM6_ZERO),
			  e != NET_E_UDP_ZERO_CHECKSUM, f->no, f->t,
			  "UDP over IPv6 with a zero checksum (ports %u > %u)",
			  u->sport, u->dport);
	if (e == NET_E_UDP_ZERO_CHECKSUM)
		return;
	if (!v6 && u->csum == 0) {
		ck_count(c, "udp without checksum (IPv4)", 1);
		return;
	}
	if (e == NET_E_UDP_BAD_CHECKSUM && ck_net_ip6_pseudo_uncertain(pi)) {
		ck_count(c, "checksum not verifiable (IPv6 extension headers)",
			 1);
		return;
	}
	ck_expect(c, ck_net_rule(CK_NET_UDP_CSUM), e != NET_E_UDP_BAD_CHECKSUM,
		  f->no, f->t,
		  "UDP checksum 0x%04x, computed 0x%04x (ports %u > %u)",
		  u->csum,
		  e == NET_E_UDP_BAD_CHECKSUM
			  ? udp_csum_expected(pi, pi->l4, u->len)
			  : u->csum,
		  u->sport, u->dport);
}

/* ---- TCP (RFC 9293 3.1, 3.2) ---- */

/* The pseudo-header's addresses: RFC 8200 8.1 for IPv6 (the final
 * destination of a Routing header, the home address, as decoded). */
static void pseudo_addrs(const struct net_pkt_info *pi, struct net_addr *src,
			 struct net_addr *dst)
{
	*src = pi->src;
	*dst = pi->dst;
	if (pi->af == NET_AF_IP6) {
		*src = net_addr_from_ip6(&pi->ip6.pseudo_src);
		*dst = net_addr_from_ip6(&pi->ip6.pseudo_dst);
	}
}

/* tcp.csum on a segment whose header the codec read. */
static void tcp_csum(struct ck_ctx *c, const struct ck_frame *f,
		     const struct tcp_seg *s)
{
	const struct net_pkt_info *pi = &f->pi;
	struct net_addr src, dst;
	uint16_t want;

	pseudo_addrs(pi, &src, &dst);
	want = tcp_seg_csum(pi->l4, pi->l4_len, &src, &dst);

	if (want != s->csum && ck_net_ip6_pseudo_uncertain(pi)) {
		ck_count(c, "checksum not verifiable (IPv6 extension headers)",
			 1);
		return;
	}
	ck_expect(c, ck_net_rule(CK_NET_TCP_CSUM), want == s->csum, f->no, f->t,
		  "TCP checksum 0x%04x, computed 0x%04x (ports %u > %u)",
		  s->csum, want, s->sport, s->dport);
}

bool ck_net_tcp(struct ck_ctx *c, const struct ck_frame *f, struct tcp_seg *seg)
{
	const struct net_pkt_info *pi = &f->pi;
	struct net_addr src, dst;
	enum tcp_seg_err e;
	char flags[48];

	pseudo_addrs(pi, &src, &dst);
	e = tcp_seg_decode(pi->l4, pi->l4_len, &src, &dst, seg);
	switch (e) {
	case TCP_SEG_E_SHORT:
	case TCP_SEG_E_OFFSET:
		ck_count(c, "tcp undecodable", 1);
		if (pi->l4_len < TCP_HDR_MIN)
			ck_fail(c, ck_net_rule(CK_NET_TCP_DATA_OFFSET), f->no,
				f->t,
				"TCP segment of %zu octets, shorter than the "
				"20-octet header",
				pi->l4_len);
		else
			ck_fail(c, ck_net_rule(CK_NET_TCP_DATA_OFFSET), f->no,
				f->t,
				"Data Offset %u (%u octets), segment %zu "
				"octets",
				seg->hlen / 4u, seg->hlen, pi->l4_len);
		/* The fixed header is there: the checksum still covers it
		 * and the rest of the segment. */
		if (pi->l4_len >= TCP_HDR_MIN)
			tcp_csum(c, f, seg);
		return false;
	case TCP_SEG_E_OPTION:
		ck_count(c, "tcp undecodable", 1);
		pass(c, CK_NET_TCP_DATA_OFFSET);
		ck_fail(c, ck_net_rule(CK_NET_TCP_OPTIONS), f->no, f->t,
			"%u octets of options: a length below 2, past the "
			"header, or an MSS option not 4 octets long",
			seg->hlen - TCP_HDR_MIN);
		tcp_csum(c, f, seg);
		return false;
	case TCP_SEG_E_CHECKSUM:
		ck_count(c, "tcp undecodable", 1);
		pass(c, CK_NET_TCP_DATA_OFFSET);
		pass(c, CK_NET_TCP_OPTIONS);
		tcp_csum(c, f, seg);
		return false;
	case TCP_SEG_OK:
		break;
	default:
		return false;
	}
	pass(c, CK_NET_TCP_DATA_OFFSET);
	pass(c, CK_NET_TCP_OPTIONS);
	pass(c, CK_NET_TCP_CSUM);
	ck_count(c, "tcp", 1);
	if (seg->has_mss) {
		tcp_seg_flags_fmt(seg->flags, flags, sizeof(flags));
		ck_expect(c, ck_net_rule(CK_NET_TCP_MSS_SYN),
			  (seg->flags & TCP_SYN) != 0, f->no, f->t,
			  "MSS option (%u) in a segment with flags %s",
			  seg->mss, flags);
	}
	return true;
}
