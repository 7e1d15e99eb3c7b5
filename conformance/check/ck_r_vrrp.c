/*
 * The "vrrp" rule module of `failsim check`: VRRPv3 (RFC 5798, RFC 9568
 * where it is the one that says MUST) for IPv4 and IPv6 and VRRPv2 (RFC
 * 3768). Every IP protocol 112 packet is decoded with the simulator's codec
 * (protocols/vrrp/vrrp_pkt.h) and checked against the per-packet rules:
 * TTL / Hop Limit 255 (5.1.1.3, 5.1.2.3), the group destination and the
 * virtual router MAC as Ethernet source (7.2, 7.3), version, type, length
 * and address count (5.2.1-5.2.5, 7.1), the checksum with or without the
 * IPv4 pseudo-header (5.2.8), VRID, interval and reserved bits (5.2.3,
 * 5.2.6, 5.2.7), the IPv6 link-local rules (5.2.9, 7.2) and the VRRPv2
 * Auth Type (RFC 3768 5.3.6). Each codec rejection is reported as the
 * failure of its rule. Accepted advertisements go on to the rules over
 * time (ck_r_vrrp_flow.c) and the announcements of a new Master
 * (ck_r_vrrp_ann.c). A rule whose text is the same in RFC 3768 cites RFC
 * 5798 in the table; the findings of a VRRPv2 packet name the RFC 3768
 * section too.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/check/ck_r_vrrp_int.h"
#include "sim/net/net_csum.h"

#define PSEUDO "\"pseudo-header\""

const struct ck_rule ckv_rules[CKV__COUNT] = {
	[CKV_TTL] = { "vrrp.ttl", CK_MUST, "RFC 5798", "5.1.1.3",
		      "The TTL MUST be set to 255. A VRRP router receiving a "
		      "packet with the TTL not equal to 255 MUST discard the "
		      "packet.",
		      "TTL / Hop Limit is 255 (IPv6: 5.1.2.3; VRRPv2: RFC "
		      "3768 5.2.3)" },
	[CKV_DST] = { "vrrp.dst", CK_MUST, "RFC 5798", "7.2",
		      "The following operations MUST be performed when "
		      "transmitting a VRRP packet: [...] Send the VRRP packet "
		      "to the VRRP IPvX multicast group",
		      "sent to 224.0.0.18 / ff02::12 (5.1.1.2, 5.1.2.2)" },
	[CKV_SRC_MAC] = { "vrrp.src-mac", CK_MUST, "RFC 5798", "7.2",
			  "The following operations MUST be performed when "
			  "transmitting a VRRP packet: [...] Set the source "
			  "MAC address to virtual router MAC Address",
			  "Ethernet source is the virtual router MAC "
			  "00-00-5E-00-01-{VRID}, IPv6 00-00-5E-00-02-{VRID} "
			  "(7.3)" },
	[CKV_VERSION] = { "vrrp.version", CK_MUST, "RFC 5798", "7.1",
			  "MUST verify that the VRRP version is 3.",
			  "version is 3, or 2 over IPv4 (RFC 3768)" },
	[CKV_TYPE] = { "vrrp.type", CK_MUST, "RFC 5798", "5.2.2",
		       "A packet with unknown type MUST be discarded.",
		       "type is 1 (ADVERTISEMENT)" },
	[CKV_LENGTH] = { "vrrp.length", CK_MUST, "RFC 5798", "7.1",
			 "MUST verify that the received packet contains the "
			 "complete VRRP packet (including fixed fields, and "
			 "IPvX address).",
			 "length matches the address count (VRRPv2: plus 8 "
			 "bytes of Authentication Data, RFC 3768 7.1)" },
	[CKV_NADDRS] = { "vrrp.naddrs", CK_MUST, "RFC 5798", "5.2.5",
			 "The minimum value is 1.",
			 "address count is at least 1" },
	[CKV_CSUM] = { "vrrp.csum", CK_MUST, "RFC 5798", "5.2.8",
		       "The checksum is the 16-bit one's complement of the "
		       "one's complement sum of the entire VRRP message "
		       "starting with the version field and a " PSEUDO
		       " as defined in Section 8.1 of [RFC2460].",
		       "checksum is right (VRRPv2: over the message alone, "
		       "RFC 3768 5.3.8)" },
	[CKV_CSUM_NOPSEUDO] = { "vrrp.csum.v3-no-pseudo", CK_MUST, "RFC 5798",
				"5.2.8",
				"The checksum is the 16-bit one's complement "
				"of the one's complement sum of the entire "
				"VRRP message starting with the version field "
				"and a " PSEUDO " as defined in Section 8.1 of "
				"[RFC2460]. The next header field in "
				"the " PSEUDO
				" should be set to 112 (decimal) for VRRP.",
				"VRRPv3 over IPv4: the checksum covers the "
				"IPv4 "
				"pseudo-header (RFC 9568 5.2.8 leaves it out: "
				"--interop vrrp3-csum-no-pseudo)" },
	[CKV_VRID] = { "vrrp.vrid", CK_MUST, "RFC 5798", "6.1",
		       "Configurable item in the range 1-255 (decimal).",
		       "VRID is 1-255" },
	[CKV_ADVER_INT] = { "vrrp.adver-int", CK_MUST, "RFC 5798", "5.2.7",
			    "The Maximum Advertisement Interval is a 12-bit "
			    "field that indicates the time interval (in "
			    "centiseconds) between ADVERTISEMENTS.",
			    "advertisement interval is not zero (VRRPv2: "
			    "seconds)" },
	[CKV_RSVD] = { "vrrp.rsvd", CK_MUST, "RFC 5798", "5.2.6",
		       "This field MUST be set to zero on transmission and "
		       "ignored on reception.",
		       "VRRPv3 reserved bits are zero" },
	[CKV_V6_FIRST_LL] = { "vrrp.v6-first-ll", CK_MUST, "RFC 9568", "5.2.9",
			      "For IPv6, the first address MUST be the IPv6 "
			      "link-local address associated with the "
			      "Virtual Router.",
			      "IPv6: the first address is link-local (RFC "
			      "5798 5.2.9 has a lower-case \"must\")" },
	[CKV_V6_SRC_LL] = { "vrrp.v6-src-ll", CK_MUST, "RFC 5798", "7.2",
			    "The following operations MUST be performed when "
			    "transmitting a VRRP packet: [...] Set the source "
			    "IPv6 address to interface link-local IPv6 "
			    "address",
			    "IPv6 source is a link-local address (5.1.2.1)" },
	[CKV_AUTH] = { "vrrp.auth", CK_MUST, "RFC 3768", "5.3.6",
		       "A packet with unknown authentication type or that "
		       "does not match the locally configured authentication "
		       "method MUST be discarded.",
		       "VRRPv2 Auth Type is 0, or 1-2 (reserved for RFC 2338 "
		       "compatibility)" },
	[CKV_INTERVAL] = { "vrrp.adver-interval", CK_MUST, "RFC 5798", "6.4.3",
			   "If the Adver_Timer fires, then: (685) + Send an "
			   "ADVERTISEMENT (690) + Reset the Adver_Timer to "
			   "Advertisement_Interval",
			   "a Master advertises every advertised interval "
			   "(+-10% + 5 ms; gaps over 3 intervals are pauses)" },
	[CKV_TWO_MASTERS] = { "vrrp.two-masters", CK_MUST, "RFC 5798", "6.4.3",
			      "If the Priority in the ADVERTISEMENT is greater "
			      "than the local Priority, (730) -* or (735) -* "
			      "If the Priority in the ADVERTISEMENT is equal "
			      "to the local Priority and the primary IPvX "
			      "Address of the sender is greater than the "
			      "local primary IPvX Address, then: [...] (765) "
			      "@ Transition to the {Backup} state",
			      "no two Masters of one VRID on one link for "
			      "longer than Master_Down_Interval" },
	[CKV_TAKEOVER] = { "vrrp.takeover", CK_MUST, "RFC 5798", "6.4.2",
			   "If the Priority in the ADVERTISEMENT is zero, "
			   "then: (430) * Set the Master_Down_Timer to "
			   "Skew_Time [...] (460) @ Reset the "
			   "Master_Down_Timer "
			   "to Master_Down_Interval",
			   "a Backup takes over no earlier than "
			   "Master_Down_Interval after the last advertisement "
			   "(Skew_Time after a priority 0)" },
	[CKV_TAKEOVER_LATE] = { "vrrp.takeover-late", CK_SHOULD, "RFC 5798",
				"6.4.2",
				"If the Master_Down_Timer fires, then: (370) + "
				"Send an ADVERTISEMENT",
				"a Backup known to be present takes over when "
				"its Master_Down_Timer fires (+ one interval, "
				"at least 100 ms)" },
	[CKV_GARP] = { "vrrp.garp", CK_MUST, "RFC 5798", "6.4.2",
		       "Broadcast a gratuitous ARP request on that interface "
		       "containing the virtual router MAC address for each "
		       "IPv4 address associated with the virtual router.",
		       "a new Master broadcasts a gratuitous ARP request with "
		       "the virtual MAC for each address" },
	[CKV_UNA] = { "vrrp.una", CK_MUST, "RFC 5798", "6.4.2",
		      "For each IPv6 address associated with the virtual "
		      "router, send an unsolicited ND Neighbor Advertisement "
		      "with the Router Flag (R) set, the Solicited Flag (S) "
		      "unset, the Override flag (O) set, the target address "
		      "set to the IPv6 address of the virtual router, and the "
		      "target link-layer address set to the virtual router "
		      "MAC address.",
		      "a new Master sends an unsolicited NA (R, O, not S, "
		      "TLLA = virtual MAC) for each address" },
};

struct net_mac ckv_vmac(enum net_af af, uint8_t vrid)
{
	struct net_mac m = { { 0x00, 0x00, 0x5e, 0x00,
			       af == NET_AF_IP6 ? 0x02 : 0x01, vrid } };

	return m;
}

const char *ckv_dur(char *buf, size_t len, sim_time_t d)
{
	const char *sign = d < 0 ? "-" : "";
	uint64_t u = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
	char frac[16];
	int n;

	/* nanoseconds, trailing zeros dropped down to milliseconds */
	snprintf(frac, sizeof(frac), "%09" PRIu64, u % 1000000000u);
	for (n = 9; n > 3 && frac[n - 1] == '0'; n--)
		frac[n - 1] = '\0';
	snprintf(buf, len, "%s%" PRIu64 ".%s s", sign, u / 1000000000u, frac);
	return buf;
}

/* Per-packet work of one frame. */
struct ckv_pkt {
	struct ck_ctx *c;
	const struct ck_frame *f;
	const struct net_pkt_info *pi;
	struct vrrp_adv a;
	enum vrrp_pkt_err e;
	char src[NET_ADDR_STRLEN];
};

/* ck_expect for one packet, naming RFC 3768 for VRRPv2 where it differs. */
static void pk_expect(struct ckv_pkt *p, enum ckv_rule_idx r, bool ok,
		      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void pk_expect(struct ckv_pkt *p, enum ckv_rule_idx r, bool ok,
		      const char *fmt, ...)
{
	static const char *const v2sec[CKV__COUNT] = {
		[CKV_TTL] = "5.2.3",	[CKV_DST] = "5.2.2",
		[CKV_SRC_MAC] = "7.2",	[CKV_VERSION] = "7.1",
		[CKV_TYPE] = "5.3.2",	[CKV_LENGTH] = "7.1",
		[CKV_NADDRS] = "5.3.5", [CKV_CSUM] = "5.3.8",
		[CKV_VRID] = "5.3.3",	[CKV_ADVER_INT] = "5.3.7",
	};
	char buf[CK_DETAIL_MAX];
	va_list ap;

	if (ok) {
		ck_pass(p->c, CKV_RULE(r));
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (p->a.version == 2 && v2sec[r])
		ck_fail(p->c, CKV_RULE(r), p->f->no, p->f->t,
			"%s [VRRPv2: RFC 3768 %s]", buf, v2sec[r]);
	else
		ck_fail(p->c, CKV_RULE(r), p->f->no, p->f->t, "%s", buf);
}

/* IP-level rules, for any protocol 112 packet (sections 5.1.1.2-5.1.2.3). */
static void pk_ip(struct ckv_pkt *p)
{
	const struct net_pkt_info *pi = p->pi;
	bool six = pi->af == NET_AF_IP6;
	const struct net_addr *g = six ? &vrrp_group6 : &vrrp_group4;
	char dst[NET_ADDR_STRLEN];

	pk_expect(p, CKV_TTL, pi->ttl == 255, "%s %u from %s, expected 255",
		  six ? "Hop Limit" : "TTL", pi->ttl, p->src);
	net_addr_fmt(&pi->dst, dst, sizeof(dst));
	pk_expect(p, CKV_DST, net_addr_eq(&pi->dst, g),
		  "sent from %s to %s, expected %s", p->src, dst,
		  six ? "ff02::12" : "224.0.0.18");
}

/* Header fields whose meaning is known once version and type are. */
static void pk_header(struct ckv_pkt *p)
{
	const struct vrrp_adv *a = &p->a;
	const struct ck_frame *f = p->f;
	bool six = p->pi->af == NET_AF_IP6;

	pk_expect(p, CKV_VRID, a->vrid != 0, "VRID 0 from %s", p->src);
	if (f->has_l2src) {
		struct net_mac want = ckv_vmac(p->pi->af, a->vrid);
		char got[NET_MAC_STRLEN], exp[NET_MAC_STRLEN];

		net_mac_fmt(&f->l2src, got, sizeof(got));
		net_mac_fmt(&want, exp, sizeof(exp));
		pk_expect(p, CKV_SRC_MAC, net_mac_eq(&f->l2src, &want),
			  "VRID %u from %s sent from MAC %s, expected the "
			  "virtual router MAC %s",
			  a->vrid, p->src, got, exp);
	}
	if (six) {
		struct net_ip6 s = net_addr_ip6(&p->pi->src);

		pk_expect(p, CKV_V6_SRC_LL, net_ip6_is_link_local(&s),
			  "VRID %u sent from %s, not a link-local address",
			  a->vrid, p->src);
	}
}

/* Interval, reserved bits and Auth Type: read before any other check. */
static void pk_fields(struct ckv_pkt *p)
{
	const struct vrrp_adv *a = &p->a;

	pk_expect(p, CKV_ADVER_INT, a->adver_int > 0,
		  "VRID %u from %s advertises an interval of 0", a->vrid,
		  p->src);
	if (a->version == 3) {
		/* The codec ignores the 4 reserved bits (5.2.6): the top
		 * nibble of octet 4, present since the header decoded. */
		uint8_t rsvd = p->pi->l4_len > 4 ? p->pi->l4[4] >> 4 : 0;

		pk_expect(p, CKV_RSVD, rsvd == 0,
			  "VRID %u from %s has reserved bits 0x%x", a->vrid,
			  p->src, rsvd);
	} else {
		pk_expect(p, CKV_AUTH, a->auth_type <= VRRP_AUTH_AH,
			  "VRID %u from %s has Auth Type %u (0 none; 1, 2 "
			  "reserved)",
			  a->vrid, p->src, a->auth_type);
	}
}

/* The checksum the message should carry (pseudo-header for v3). */
static uint16_t pk_want_csum(const struct ckv_pkt *p, bool pseudo)
{
	const struct net_pkt_info *pi = p->pi;
	struct net_csum s;

	net_csum_init(&s);
	if (pseudo && pi->af == NET_AF_IP6) {
		struct net_ip6 a = net_addr_ip6(&pi->src),
			       b = net_addr_ip6(&pi->dst);

		net_csum_pseudo6(&s, &a, &b, (uint32_t)pi->l4_len, VRRP_PROTO);
	} else if (pseudo) {
		struct net_ip4 a = net_addr_ip4(&pi->src),
			       b = net_addr_ip4(&pi->dst);

		net_csum_pseudo4(&s, &a, &b, VRRP_PROTO, (uint16_t)pi->l4_len);
	}
	/* the message with its checksum field taken as zero */
	net_csum_add(&s, pi->l4, 6);
	if (pi->l4_len > 8)
		net_csum_add(&s, pi->l4 + 8, pi->l4_len - 8);
	return net_csum_final(&s);
}

/*
 * Section 5.2.8 (RFC 3768 5.3.8 for v2). Returns whether the message is an
 * advertisement to go on with: a right checksum, or a VRRPv3/IPv4 one
 * right only without the pseudo-header (vrrp.csum.v3-no-pseudo).
 */
static bool pk_csum(struct ckv_pkt *p)
{
	const struct vrrp_adv *a = &p->a;
	bool v3v4 = a->version == 3 && p->pi->af == NET_AF_IP4;

	if (p->e != VRRP_PKT_E_CHECKSUM) {
		ck_pass(p->c, CKV_RULE(CKV_CSUM));
		if (v3v4)
			ck_pass(p->c, CKV_RULE(CKV_CSUM_NOPSEUDO));
		return true;
	}
	if (v3v4 && net_csum(p->pi->l4, p->pi->l4_len) == 0) {
		ck_pass(p->c, CKV_RULE(CKV_CSUM));
		pk_expect(p, CKV_CSUM_NOPSEUDO, false,
			  "VRID %u from %s: checksum 0x%04x is right over "
			  "the message alone (RFC 9568 form), RFC 5798 "
			  "wants 0x%04x with the IPv4 pseudo-header",
			  a->vrid, p->src, a->checksum, pk_want_csum(p, true));
		return true;
	}
	pk_expect(p, CKV_CSUM, false,
		  "VRID %u from %s: checksum 0x%04x, expected 0x%04x", a->vrid,
		  p->src, a->checksum, pk_want_csum(p, a->version == 3));
	return false;
}

/* Length and address count (7.1, 5.2.5). Returns whether they hold. */
static bool pk_length(struct ckv_pkt *p)
{
	const struct vrrp_adv *a = &p->a;
	size_t alen = p->pi->af == NET_AF_IP6 ? 16 : 4;
	size_t want = 8 + (size_t)a->naddrs * alen + (a->version == 2 ? 8 : 0);

	if (p->e == VRRP_PKT_E_NADDRS && a->naddrs == 0) {
		pk_expect(p, CKV_NADDRS, false,
			  "VRID %u from %s carries no address", a->vrid,
			  p->src);
		return false;
	}
	if (p->e == VRRP_PKT_E_NADDRS) {
		/* Legal, but past the codec's bound: not checked further. */
		ck_pass(p->c, CKV_RULE(CKV_NADDRS));
		ck_count(p->c, "vrrp over 16 addresses (not checked)", 1);
		return false;
	}
	ck_pass(p->c, CKV_RULE(CKV_NADDRS));
	/* The codec accepts a v2 message of Auth Type 0 without its
	 * Authentication Data; RFC 3768 7.1 wants the complete packet. */
	pk_expect(p, CKV_LENGTH,
		  p->e != VRRP_PKT_E_LENGTH && p->pi->l4_len == want,
		  "VRID %u from %s: %zu bytes for %u address%s, expected %zu",
		  a->vrid, p->src, p->pi->l4_len, a->naddrs,
		  a->naddrs == 1 ? "" : "es", want);
	return p->e != VRRP_PKT_E_LENGTH;
}

static void pk_v6_first(struct ckv_pkt *p)
{
	struct net_ip6 first = net_addr_ip6(&p->a.addrs[0]);
	char buf[NET_ADDR_STRLEN];

	net_addr_fmt(&p->a.addrs[0], buf, sizeof(buf));
	pk_expect(p, CKV_V6_FIRST_LL, net_ip6_is_link_local(&first),
		  "VRID %u from %s: first address %s is not link-local",
		  p->a.vrid, p->src, buf);
}

/* One VRRP packet: every per-packet rule, then the rules over time. */
static void vrrp_packet(struct ck_ctx *c, struct ckv_state *st,
			const struct ck_frame *f)
{
	struct ckv_pkt p = { .c = c, .f = f, .pi = &f->pi };
	bool go;

	ck_count(c, "vrrp", 1);
	net_addr_fmt(&f->pi.src, p.src, sizeof(p.src));
	p.e = vrrp_pkt_decode(f->pi.l4, f->pi.l4_len, &f->pi.src, &f->pi.dst,
			      &p.a);
	if (p.e != VRRP_PKT_OK)
		ck_count(c, "vrrp refused by the codec", 1);
	pk_ip(&p);
	if (p.e == VRRP_PKT_E_SHORT) {
		pk_expect(&p, CKV_LENGTH, false,
			  "%zu bytes from %s, shorter than the 8-byte header",
			  f->pi.l4_len, p.src);
		return;
	}
	if (p.e == VRRP_PKT_E_VERSION) {
		pk_expect(&p, CKV_VERSION, false, "version %u from %s%s",
			  p.a.version, p.src,
			  p.a.version == 2 ? " over IPv6 (VRRPv2 is IPv4 only)"
					   : "");
		return;
	}
	ck_pass(c, CKV_RULE(CKV_VERSION));
	pk_expect(&p, CKV_TYPE, p.e != VRRP_PKT_E_TYPE,
		  "type %u from %s, expected 1 (ADVERTISEMENT)", p.a.type,
		  p.src);
	pk_header(&p);
	if (p.e == VRRP_PKT_E_TYPE)
		return;
	pk_fields(&p);
	if (!pk_length(&p))
		return;
	go = pk_csum(&p);
	if (p.pi->af == NET_AF_IP6)
		pk_v6_first(&p);
	if (go && p.e != VRRP_PKT_E_AUTH_TYPE &&
	    net_addr_eq(&f->pi.dst,
			f->pi.af == NET_AF_IP6 ? &vrrp_group6 : &vrrp_group4))
		ckv_flow_adv(c, st, f, &p.a);
}

static void *vrrp_open(struct ck_ctx *c, int *err)
{
	struct ckv_state *st = calloc(1, sizeof(*st));

	(void)c;
	if (!st) {
		*err = 1;
		return NULL;
	}
	for (size_t i = 0; i < CKV_BUCKETS; i++)
		st->buckets[i] = -1;
	return st;
}

static void vrrp_frame(struct ck_ctx *c, void *arg, const struct ck_frame *f)
{
	struct ckv_state *st = arg;
	const struct net_pkt_info *pi = &f->pi;

	if (!st->any || f->t > st->last_t)
		st->last_t = f->t;
	st->any = true;
	ckv_ann_tick(c, st, f->t);
	if (pi->l4_proto == VRRP_PROTO && pi->l4 && !pi->fragment &&
	    (pi->af == NET_AF_IP4 || pi->af == NET_AF_IP6))
		vrrp_packet(c, st, f);
	else
		ckv_ann_frame(c, st, f);
}

static void vrrp_close(struct ck_ctx *c, void *arg)
{
	struct ckv_state *st = arg;

	if (!st)
		return;
	ckv_flow_close(c, st);
	ckv_ann_close(c, st);
	free(st->flows);
	free(st);
}

const struct ck_proto ck_proto_vrrp = {
	.name = "vrrp",
	.rules = ckv_rules,
	.nrules = CKV__COUNT,
	.open = vrrp_open,
	.frame = vrrp_frame,
	.close = vrrp_close,
};
