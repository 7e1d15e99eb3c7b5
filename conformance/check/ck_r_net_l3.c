/*
 * Network-layer rules of the "net" module: ARP (RFC 826 "Packet format",
 * RFC 5227 section 2.1.1, RFC 1812 section 3.3.2), IPv4 (RFC 791 section
 * 3.1, RFC 1122 sections 3.2.1.1, 3.2.1.3, 3.2.1.7, RFC 1112 section 6.2)
 * and IPv6 (RFC 8200 sections 3, 4.1, 4.2, RFC 4291 sections 2.5.2, 2.7).
 * The frame was dissected by sim/net (net_dissect): each codec checks its
 * header in a fixed order and stops at the first fault, so the rules
 * before the fault held, the fault's rule failed, and the rules after it
 * were not checked. Length faults of a frame cut short by the capture
 * (wire length above captured length) are the capture's: counted as
 * "truncated", not reported.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/check/ck_r_net_int.h"
#include "sim/net/net_csum.h"

#define ARP_FIXED 8 /* hrd, pro, hln, pln, op */

static void pass(struct ck_ctx *c, enum ck_net_rule r)
{
	ck_pass(c, ck_net_rule(r));
}

static void fail(struct ck_ctx *c, const struct ck_frame *f, enum ck_net_rule r,
		 const char *detail)
{
	ck_fail(c, ck_net_rule(r), f->no, f->t, "%s", detail);
}

/* ---- ARP (RFC 826) ---- */

static bool mac_is_zero(const struct net_mac *m)
{
	static const struct net_mac zero;

	return net_mac_eq(m, &zero);
}

/* Rules on an ARP packet the codec accepted. */
static void arp_semantics(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_arp *a = &f->pi.arp;
	char mac[32], ip[32];
	struct net_addr spa = net_addr_from_ip4(&a->spa), shown;
	bool probe, announce;

	/* RFC 1812 3.3.2: the link address an ARP packet claims for its
	 * sender is never a broadcast or multicast address. */
	net_mac_fmt(&a->sha, mac, sizeof(mac));
	ck_expect(c, ck_net_rule(CK_NET_ARP_SHA_UNICAST),
		  !net_mac_is_multicast(&a->sha), f->no, f->t,
		  "ARP %s: sender hardware address %s is a group address",
		  a->op == NET_ARP_REQUEST ? "request" : "reply", mac);

	/* RFC 5227 2.1.1 (Probe) and 2.3 (Announcement, "identical to the
	 * ARP Probe" but for the sender IP): target hardware address 0. */
	probe = a->op == NET_ARP_REQUEST && net_addr_is_unspec(&spa);
	announce =
		a->op == NET_ARP_REQUEST && !probe && net_arp_is_gratuitous(a);
	if (!probe && !announce)
		return;
	shown = net_addr_from_ip4(probe ? &a->tpa : &a->spa);
	net_addr_fmt(&shown, ip, sizeof(ip));
	net_mac_fmt(&a->tha, mac, sizeof(mac));
	ck_expect(
		c, ck_net_rule(CK_NET_ARP_PROBE_THA), mac_is_zero(&a->tha),
		f->no, f->t,
		"ARP %s for %s: target hardware address %s, 00:00:00:00:00:00 "
		"expected",
		probe ? "Probe" : "Announcement", ip, mac);
}

void ck_net_arp(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	const uint8_t *p = pi->payload; /* the ARP packet (dissect_net) */
	size_t len = pi->payload_len;
	enum net_err e = pi->err_layer == NET_LAYER_ARP ? pi->err : NET_OK;
	char d[CK_DETAIL_MAX];

	switch (e) {
	case NET_E_ARP_SHORT:
		if (ck_net_truncated(f)) {
			ck_count(c, "truncated", 1);
			return;
		}
		if (len >= ARP_FIXED) { /* lengths 6 and 4 were accepted */
			pass(c, CK_NET_ARP_HW_LEN);
			pass(c, CK_NET_ARP_PROTO_LEN);
		}
		snprintf(d, sizeof(d),
			 "ARP packet %zu octets, %d needed (Ethernet/IPv4)",
			 len, len < ARP_FIXED ? ARP_FIXED : NET_ARP_LEN);
		fail(c, f, CK_NET_ARP_LENGTH, d);
		break;
	case NET_E_ARP_BAD_HTYPE:
	case NET_E_ARP_BAD_PTYPE:
		/* Other hardware or protocol spaces are legal ARP; the codec
		 * knows Ethernet/IPv4 only. */
		ck_count(c, "arp (not Ethernet/IPv4, not checked)", 1);
		break;
	case NET_E_ARP_BAD_HLEN:
		snprintf(d, sizeof(d), "ar$hln %u for Ethernet, 6 expected",
			 p[4]);
		fail(c, f, CK_NET_ARP_HW_LEN, d);
		break;
	case NET_E_ARP_BAD_PLEN:
		pass(c, CK_NET_ARP_HW_LEN);
		snprintf(d, sizeof(d), "ar$pln %u for IPv4, 4 expected", p[5]);
		fail(c, f, CK_NET_ARP_PROTO_LEN, d);
		break;
	case NET_E_ARP_BAD_OP:
		pass(c, CK_NET_ARP_HW_LEN);
		pass(c, CK_NET_ARP_PROTO_LEN);
		pass(c, CK_NET_ARP_LENGTH);
		/* 3-25 are assigned (RARP, InARP, MARS...): not ours. */
		if (pi->arp.op >= 3 && pi->arp.op <= 25) {
			pass(c, CK_NET_ARP_OP);
			ck_count(c, "arp (other opcodes, not checked)", 1);
			break;
		}
		snprintf(d, sizeof(d), "opcode %u, not an ARP opcode",
			 pi->arp.op);
		fail(c, f, CK_NET_ARP_OP, d);
		break;
	case NET_OK:
		pass(c, CK_NET_ARP_LENGTH);
		pass(c, CK_NET_ARP_HW_LEN);
		pass(c, CK_NET_ARP_PROTO_LEN);
		pass(c, CK_NET_ARP_OP);
		ck_count(c, "arp", 1);
		arp_semantics(c, f);
		break;
	default:
		break;
	}
}

/* ---- IPv4 (RFC 791 3.1, RFC 1122 3.2.1) ---- */

/* The Header Checksum the header at h should carry. */
static uint16_t ip4_csum_expected(const uint8_t *h, size_t hlen)
{
	struct net_csum s;

	net_csum_init(&s);
	net_csum_add(&s, h, 10);
	net_csum_add(&s, h + 12, hlen - 12);
	return net_csum_final(&s);
}

static void ip4_pass_upto(struct ck_ctx *c, enum ck_net_rule last)
{
	static const enum ck_net_rule order[] = {
		CK_NET_IP4_VERSION,	 CK_NET_IP4_IHL,
		CK_NET_IP4_TOTAL_LENGTH, CK_NET_IP4_CSUM,
		CK_NET_IP4_FRAG_SIZE,	 CK_NET_IP4_OPTIONS,
	};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (order[i] == last)
			return;
		pass(c, order[i]);
	}
}

/* Rules on a header the codec accepted. */
static void ip4_semantics(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_ipv4 *h = &f->pi.ip4;
	char src[32];

	net_addr_fmt(&f->pi.src, src, sizeof(src));
	ck_expect(c, ck_net_rule(CK_NET_IP4_RESERVED_FLAG), !h->rf, f->no, f->t,
		  "reserved flag set (flags/offset 0x%04x)",
		  (unsigned)(0x8000 | (h->df ? 0x4000 : 0) |
			     (h->mf ? 0x2000 : 0) | h->frag_off));
	ck_expect(c, ck_net_rule(CK_NET_IP4_TTL_ZERO), h->ttl != 0, f->no, f->t,
		  "TTL 0 (protocol %u, from %s)", h->proto, src);
	ck_expect(c, ck_net_rule(CK_NET_IP4_SRC_MCAST),
		  !net_ip4_is_multicast(&h->src), f->no, f->t,
		  "source address %s is multicast", src);
	ck_expect(c, ck_net_rule(CK_NET_IP4_SRC_BCAST),
		  !(h->src.b[0] == 255 && h->src.b[1] == 255 &&
		    h->src.b[2] == 255 && h->src.b[3] == 255),
		  f->no, f->t, "source address %s is the limited broadcast",
		  src);
}

/* A length fault at the IPv4 layer that the capture's cut explains. */
static bool ip4_cut(const struct ck_frame *f, enum net_err e)
{
	const struct net_ipv4 *h = &f->pi.ip4;
	size_t hlen = (size_t)h->ihl * 4;

	if (!ck_net_truncated(f))
		return false;
	return e == NET_E_IPV4_SHORT ||
	       (e == NET_E_IPV4_BAD_IHL && h->ihl >= 5) ||
	       (e == NET_E_IPV4_BAD_TOTAL_LEN && h->total_len >= hlen);
}

void ck_net_ip4(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	const struct net_ipv4 *h = &pi->ip4;
	enum net_err e = pi->err_layer == NET_LAYER_IPV4 ? pi->err : NET_OK;
	const uint8_t *p = pi->payload; /* the header, when refused */
	size_t len = pi->payload_len, hlen = (size_t)h->ihl * 4;
	char d[CK_DETAIL_MAX];
	enum ck_net_rule r;

	if (e == NET_OK) {
		ip4_pass_upto(c, CK_NET__NRULES);
		ck_count(c, "ipv4", 1);
		ip4_semantics(c, f);
		return;
	}
	ck_count(c, "ipv4 undecodable", 1);
	if (ip4_cut(f, e)) {
		ck_count(c, "truncated", 1);
		if (e != NET_E_IPV4_BAD_TOTAL_LEN)
			return;
		/* The header is whole (the codec checked IHL against the
		 * captured bytes): its checksum does not depend on the cut. */
		pass(c, CK_NET_IP4_VERSION);
		pass(c, CK_NET_IP4_IHL);
		ck_expect(c, ck_net_rule(CK_NET_IP4_CSUM),
			  net_csum(p, hlen) == 0, f->no, f->t,
			  "header checksum 0x%04x, computed 0x%04x (frame cut "
			  "by the capture)",
			  h->csum, ip4_csum_expected(p, hlen));
		return;
	}
	switch (e) {
	case NET_E_IPV4_SHORT:
		r = CK_NET_IP4_IHL;
		snprintf(d, sizeof(d),
			 "IPv4 packet %zu octets, shorter than the 20-octet "
			 "header",
			 len);
		break;
	case NET_E_IPV4_BAD_VERSION:
		r = CK_NET_IP4_VERSION;
		snprintf(d, sizeof(d), "version %u in an IPv4 (0x0800) packet",
			 p[0] >> 4);
		break;
	case NET_E_IPV4_BAD_IHL:
		r = CK_NET_IP4_IHL;
		snprintf(d, sizeof(d), "IHL %u (%zu octets), packet %zu octets",
			 h->ihl, hlen, len);
		break;
	case NET_E_IPV4_BAD_TOTAL_LEN:
		r = CK_NET_IP4_TOTAL_LENGTH;
		snprintf(
			d, sizeof(d),
			"Total Length %u, header %zu octets, %zu octets in the "
			"frame",
			h->total_len, hlen, len);
		break;
	case NET_E_IPV4_BAD_CHECKSUM:
		r = CK_NET_IP4_CSUM;
		snprintf(d, sizeof(d),
			 "header checksum 0x%04x, computed 0x%04x", h->csum,
			 ip4_csum_expected(p, hlen));
		break;
	case NET_E_IPV4_BAD_FRAGMENT:
		r = CK_NET_IP4_FRAG_SIZE;
		snprintf(d, sizeof(d),
			 "fragment at offset %u octets with %zu octets of data "
			 "ends at octet %zu",
			 h->frag_off * 8u, (size_t)h->total_len - hlen,
			 (size_t)h->frag_off * 8 + h->total_len - hlen);
		break;
	case NET_E_IPV4_BAD_OPTION_LEN:
	case NET_E_IPV4_BAD_ROUTER_ALERT:
		r = CK_NET_IP4_OPTIONS;
		snprintf(d, sizeof(d), "%zu octets of options: %s",
			 hlen - NET_IPV4_HLEN,
			 e == NET_E_IPV4_BAD_ROUTER_ALERT
				 ? "Router Alert length not 4"
				 : "an option length below 2 or past the "
				   "header");
		break;
	default:
		return;
	}
	ip4_pass_upto(c, r);
	fail(c, f, r, d);
}

/* ---- IPv6 (RFC 8200 3, 4; RFC 4291 2.5.2, 2.7) ---- */

static void ip6_semantics(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_ipv6 *h = &f->pi.ip6;
	char a[64];

	net_addr_fmt(&f->pi.src, a, sizeof(a));
	ck_expect(c, ck_net_rule(CK_NET_IP6_SRC_MCAST),
		  !net_ip6_is_multicast(&h->src), f->no, f->t,
		  "source address %s is multicast", a);
	ck_expect(c, ck_net_rule(CK_NET_IP6_DST_UNSPEC),
		  !net_addr_is_unspec(&f->pi.dst), f->no, f->t,
		  "destination address :: (from %s)", a);
}

void ck_net_ip6(struct ck_ctx *c, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	const struct net_ipv6 *h = &pi->ip6;
	enum net_err e = pi->err_layer == NET_LAYER_IPV6 ? pi->err : NET_OK;
	const uint8_t *p = pi->payload;
	size_t len = pi->payload_len;
	char d[CK_DETAIL_MAX];
	enum ck_net_rule r;

	if (e == NET_OK) {
		for (r = CK_NET_IP6_VERSION; r <= CK_NET_IP6_OPT_LEN; r++)
			pass(c, r);
		ck_count(c, "ipv6", 1);
		ip6_semantics(c, f);
		return;
	}
	ck_count(c, "ipv6 undecodable", 1);
	if (ck_net_truncated(f) &&
	    (e == NET_E_IPV6_SHORT || e == NET_E_IPV6_BAD_PAYLOAD_LEN)) {
		ck_count(c, "truncated", 1);
		return;
	}
	if (e == NET_E_IPV6_EXT_TRUNCATED && h->plen == 0 &&
	    h->next_header == NET_IPV6_NH_HOPOPTS) {
		/* RFC 2675 jumbogram: the length is in a Hop-by-Hop option
		 * the codec does not read. */
		ck_count(c, "ipv6 jumbograms (RFC 2675, not checked)", 1);
		return;
	}
	if (e == NET_E_IPV6_TOO_MANY_EXT) {
		pass(c, CK_NET_IP6_VERSION);
		pass(c, CK_NET_IP6_PAYLOAD_LENGTH);
		ck_count(c,
			 "ipv6 chains over 16 extension headers "
			 "(not checked)",
			 1);
		return;
	}
	switch (e) {
	case NET_E_IPV6_SHORT:
		r = CK_NET_IP6_PAYLOAD_LENGTH;
		snprintf(d, sizeof(d),
			 "IPv6 packet %zu octets, shorter than the 40-octet "
			 "header",
			 len);
		break;
	case NET_E_IPV6_BAD_VERSION:
		r = CK_NET_IP6_VERSION;
		snprintf(d, sizeof(d), "version %u in an IPv6 (0x86dd) packet",
			 p[0] >> 4);
		break;
	case NET_E_IPV6_BAD_PAYLOAD_LEN:
		r = CK_NET_IP6_PAYLOAD_LENGTH;
		snprintf(d, sizeof(d),
			 "Payload Length %u, %zu octets after the header",
			 h->plen, len - NET_IPV6_HLEN);
		break;
	case NET_E_IPV6_EXT_TRUNCATED:
		r = CK_NET_IP6_EXT_LEN;
		snprintf(d, sizeof(d),
			 "extension header %u runs past Payload Length %u",
			 h->ext_count + 1u, h->plen);
		break;
	case NET_E_IPV6_HBH_NOT_FIRST:
		r = CK_NET_IP6_HBH_FIRST;
		snprintf(d, sizeof(d),
			 "Hop-by-Hop Options header as extension header %u",
			 h->ext_count + 1u);
		break;
	case NET_E_IPV6_BAD_OPTION_LEN:
	case NET_E_IPV6_BAD_ROUTER_ALERT:
		r = CK_NET_IP6_OPT_LEN;
		snprintf(d, sizeof(d), "extension header %u: %s",
			 h->ext_count + 1u,
			 e == NET_E_IPV6_BAD_ROUTER_ALERT
				 ? "Router Alert Opt Data Len not 2"
				 : "an option runs past its header");
		break;
	default:
		return;
	}
	if (r != CK_NET_IP6_VERSION && e != NET_E_IPV6_SHORT)
		pass(c, CK_NET_IP6_VERSION);
	if (r >= CK_NET_IP6_EXT_LEN)
		pass(c, CK_NET_IP6_PAYLOAD_LENGTH);
	fail(c, f, r, d);
}
