/*
 * The "pim" rule module of `failsim check`: PIMv2 over IPv4 and IPv6 (IP
 * protocol 103), every message type the simulator's codec decodes
 * (pim_pkt_decode: RFC 7761 section 4.9, RFC 5059 sections 4.1 and 4.2,
 * RFC 3973 sections 4.7.6-4.7.8, RFC 5015 section 3.7). The codec's
 * refusals become failures of the rule they break (version, length,
 * Hello options, encoded addresses, checksum); where it stopped before
 * the checksum, the checksum is still verified here with sim/net's
 * checksum code (whole message, IPv6 pseudo-header; a Register over its
 * 8-byte header or, as RFC 7761 4.9.3 asks receivers to accept, over the
 * whole message). A decoded message is checked per packet: destination,
 * TTL and IPv6 link-local source (RFC 7761 4.9, RFC 3973 4.7), the
 * Register checksum span (4.9.3), the Join/Prune Upstream Neighbor
 * (4.9.5); then handed to the per-flow rules (ck_r_pim_flow.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "conformance/check/ck_r_pim_int.h"
#include "sim/net/net_csum.h"

#define Q_4_9_DST                                                              \
	"PIM messages are either unicast (e.g., Registers and Register-Stop) " \
	"or multicast with TTL 1 to the 'ALL-PIM-ROUTERS' group (e.g., "       \
	"Join/Prune, Asserts)."

const struct ck_rule ck_pim_rules[CK_PIM__NRULES] = {
	[CK_PIM_VERSION] = {
		.id = "pim.version",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9",
		.quote = "PIM Version number is 2.",
		.title = "PIM Ver is 2",
	},
	[CK_PIM_LENGTH] = {
		.id = "pim.length",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9.5",
		.quote = "The number of multicast group sets contained in the "
		         "message.",
		.title = "the message length agrees with its type's fixed "
		         "part and its counts (groups, sources, RPs, "
		         "prefixes; every type of 4.9, RFC 5059 4, RFC 3973 "
		         "4.7, RFC 5015 3.7)",
	},
	[CK_PIM_CSUM] = {
		.id = "pim.csum",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9",
		.quote = "The checksum is a standard IP checksum, i.e., the "
		         "16-bit one's complement of the one's complement "
		         "sum of the entire PIM message, excluding the "
		         "\"Multicast data packet\" section of the Register "
		         "message. [...] For IPv6, the checksum also includes "
		         "the IPv6 \"pseudo-header\", as specified in RFC "
		         "2460, Section 8.1 [5].",
		.title = "PIM checksum is valid (IPv6 with the pseudo-header; "
		         "a Register over its header or, accepted, the whole "
		         "message)",
	},
	[CK_PIM_REG_CSUM_HEADER] = {
		.id = "pim.register.csum-header",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9.3",
		.quote = "Note that in order to reduce encapsulation "
		         "overhead, the checksum for Registers is done only "
		         "on the first 8 bytes of the packet, including the "
		         "PIM header and the next 4 bytes, excluding the data "
		         "packet portion.",
		.title = "a Register's checksum covers its 8-byte header "
		         "only, not the data packet (quirk "
		         "pim-register-full-csum)",
	},
	[CK_PIM_DST] = {
		.id = "pim.dst",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9",
		.quote = Q_4_9_DST,
		.title = "Hello, Join/Prune, Assert, State Refresh and DF "
		         "Election go to ALL-PIM-ROUTERS (224.0.0.13, "
		         "ff02::d); Register, Register-Stop, C-RP-Adv, Graft "
		         "and Graft-Ack (RFC 3973 4.7) are unicast; Bootstrap "
		         "either (RFC 5059 3.3)",
	},
	[CK_PIM_TTL] = {
		.id = "pim.ttl",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9",
		.quote = Q_4_9_DST,
		.title = "multicast PIM messages have TTL / Hop Limit 1",
	},
	[CK_PIM_SRC_LL] = {
		.id = "pim.src-ll",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9",
		.quote = "The source address used for unicast messages is a "
		         "domain-wide reachable address; the source address "
		         "used for multicast messages is the link-local "
		         "address of the interface on which the message is "
		         "being sent.",
		.title = "IPv6: multicast PIM messages come from a link-local "
		         "address",
	},
	[CK_PIM_HELLO_OPTIONS] = {
		.id = "pim.hello-options",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9.2",
		.quote = "OptionType 1: Holdtime [...] | Type = 1 | Length = "
		         "2 | [...] OptionType 19: DR Priority [...] | Type = "
		         "19 | Length = 4 | [...] OptionType 20: Generation ID "
		         "[...] | Type = 20 | Length = 4 |",
		.title = "Hello options fill the message and have their "
		         "type's length (Holdtime 2, LAN Prune Delay 4, DR "
		         "Priority 4, GenID 4, Address List of "
		         "Encoded-Unicast addresses)",
	},
	[CK_PIM_JP_UPSTREAM] = {
		.id = "pim.jp-upstream",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9.5",
		.quote = "The primary address of the upstream neighbor that "
		         "is the target of the message.",
		.title = "a Join/Prune's Upstream Neighbor Address is a "
		         "unicast address other than the sender's own",
	},
	[CK_PIM_ENCODED_ADDR] = {
		.id = "pim.encoded-addr",
		.level = CK_MUST,
		.rfc = "RFC 7761",
		.section = "4.9.1",
		.quote = "The type of encoding used within a specific "
		         "Address Family. The value '0' is reserved for this "
		         "field and represents the native encoding of the "
		         "Address Family.",
		.title = "encoded addresses are of the message's family, "
		         "native encoding (0), with mask lengths within the "
		         "address",
	},
	[CK_PIM_HELLO_PERIOD] = {
		.id = "pim.hello-period",
		.level = CK_SHOULD,
		.rfc = "RFC 7761",
		.section = "4.11",
		.quote = "Periodic interval for Hello messages.",
		.title = "a neighbor's Hellos are at most Hello_Period apart "
		         "(Holdtime / 3.5, else 30 s; tolerance 10% + 1 s; "
		         "not after a Holdtime of 0 or 0xffff or across a "
		         "GenID change)",
	},
	[CK_PIM_JP_PERIOD] = {
		.id = "pim.jp-period",
		.level = CK_SHOULD,
		.rfc = "RFC 7761",
		.section = "4.11",
		.quote = "Period between Join/Prune Messages.",
		.title = "a joined entry is refreshed towards its upstream "
		         "neighbor at most 1.4 * t_periodic apart "
		         "(t_periodic: Holdtime / 3.5, else 60 s; 1.4 for "
		         "join suppression; tolerance 10% + 1 s)",
	},
	[CK_PIM_ASSERT_LOSER] = {
		.id = "pim.assert-loser",
		.level = CK_SHOULD,
		.rfc = "RFC 7761",
		.section = "4.6.1",
		.quote = "This router has lost an (S,G) assert on interface "
		         "I. It must not forward packets from S destined for "
		         "G onto interface I.",
		.title = "a router beaten by a preferred Assert does not "
		         "assert again for that (S,G) with a worse metric "
		         "while the winner's Assert holds (Assert_Time 180 s, "
		         "no AssertCancel)",
	},
};

static const char *addr_str(const struct net_addr *a, char *buf)
{
	net_addr_fmt(a, buf, NET_ADDR_STRLEN);
	return buf;
}

/* ---- checksum (RFC 7761 4.9, 4.9.3) ---- */

/* The sum over b[0..len) (IPv6: with the pseudo-header of length len),
 * the checksum field counted or taken as zero. */
static uint16_t pim_sum(const struct net_pkt_info *pi, const uint8_t *b,
			size_t len, bool skip_field)
{
	struct net_csum cs;

	net_csum_init(&cs);
	if (pi->af == NET_AF_IP6) {
		struct net_ip6 s = net_addr_ip6(&pi->src);
		struct net_ip6 d = net_addr_ip6(&pi->dst);

		net_csum_pseudo6(&cs, &s, &d, (uint32_t)len, PIM_PROTO);
	}
	if (skip_field) {
		net_csum_add(&cs, b, 2);
		net_csum_add(&cs, b + 4, len - 4);
	} else {
		net_csum_add(&cs, b, len);
	}
	return net_csum_final(&cs);
}

/* pim.csum on b (len >= 4), whatever the codec could decode. */
static void pim_csum_rule(struct ck_ctx *c, const struct ck_frame *f,
			  const uint8_t *b, size_t len)
{
	const struct net_pkt_info *pi = &f->pi;
	bool reg = (b[0] & 0x0f) == PIM_T_REGISTER && len >= PIM_REG_HDR_LEN;
	size_t span = reg ? PIM_REG_HDR_LEN : len;

	if (pim_sum(pi, b, len, false) == 0 ||
	    (reg && pim_sum(pi, b, PIM_REG_HDR_LEN, false) == 0)) {
		ck_pass(c, ck_pim_rule(CK_PIM_CSUM));
		return;
	}
	ck_fail(c, ck_pim_rule(CK_PIM_CSUM), f->no, f->t,
		"type %u: checksum 0x%04x, expected 0x%04x over %zu octets%s",
		b[0] & 0x0f, net_get_be16(b + 2), pim_sum(pi, b, span, true),
		span, reg ? " (nor over the whole message)" : "");
}

/* ---- per-packet rules of a decoded message ---- */

static bool multicast_type(enum pim_type t)
{
	return t == PIM_T_HELLO || t == PIM_T_JOIN_PRUNE || t == PIM_T_ASSERT ||
	       t == PIM_T_STATE_REFRESH || t == PIM_T_DF_ELECTION;
}

/* RFC 7761 4.9; RFC 3973 4.7 (Graft, Graft-Ack unicast); RFC 5059 3.3
 * (Bootstrap to ALL-PIM-ROUTERS or, to a new neighbor, unicast). */
static void pim_dst_rules(struct ck_ctx *c, const struct ck_frame *f,
			  const struct pim_msg *m)
{
	const struct net_pkt_info *pi = &f->pi;
	const struct net_addr *all =
		m->af == NET_AF_IP6 ? &pim_all_routers6 : &pim_all_routers4;
	bool mc = net_addr_is_multicast(&pi->dst), ok;
	char a[NET_ADDR_STRLEN], b[NET_ADDR_STRLEN];

	if (multicast_type(m->type))
		ok = net_addr_eq(&pi->dst, all);
	else if (m->type == PIM_T_BOOTSTRAP)
		ok = !mc || net_addr_eq(&pi->dst, all);
	else
		ok = !mc;
	if (ok)
		ck_pass(c, ck_pim_rule(CK_PIM_DST));
	else
		ck_fail(c, ck_pim_rule(CK_PIM_DST), f->no, f->t,
			"%s sent to %s, expected %s", pim_type_name(m->type),
			addr_str(&pi->dst, a),
			multicast_type(m->type) ? addr_str(all, b)
						: "a unicast address");
	if (!mc)
		return;
	if (pi->ttl == 1)
		ck_pass(c, ck_pim_rule(CK_PIM_TTL));
	else
		ck_fail(c, ck_pim_rule(CK_PIM_TTL), f->no, f->t,
			"multicast %s with %s %u, expected 1",
			pim_type_name(m->type),
			m->af == NET_AF_IP6 ? "Hop Limit" : "TTL", pi->ttl);
	if (m->af == NET_AF_IP6) {
		struct net_ip6 s = net_addr_ip6(&pi->src);

		if (net_ip6_is_link_local(&s))
			ck_pass(c, ck_pim_rule(CK_PIM_SRC_LL));
		else
			ck_fail(c, ck_pim_rule(CK_PIM_SRC_LL), f->no, f->t,
				"multicast %s from %s, not link-local",
				pim_type_name(m->type), addr_str(&pi->src, a));
	}
}

/* RFC 7761 4.9.5 */
static void pim_jp_rules(struct ck_ctx *c, const struct ck_frame *f,
			 const struct pim_msg *m)
{
	const struct net_addr *u = &m->jp.upstream;
	char a[NET_ADDR_STRLEN];
	const char *why = NULL;

	if (net_addr_is_unspec(u))
		why = "unspecified";
	else if (net_addr_is_multicast(u))
		why = "multicast";
	else if (net_addr_eq(u, &f->pi.src))
		why = "the sender itself";
	if (!why) {
		ck_pass(c, ck_pim_rule(CK_PIM_JP_UPSTREAM));
		return;
	}
	ck_fail(c, ck_pim_rule(CK_PIM_JP_UPSTREAM), f->no, f->t,
		"Upstream Neighbor Address %s is %s", addr_str(u, a), why);
}

static void pim_packet_rules(struct ck_ctx *c, const struct ck_frame *f,
			     const struct pim_msg *m, size_t len)
{
	pim_dst_rules(c, f, m);
	switch (m->type) {
	case PIM_T_HELLO:
		ck_pass(c, ck_pim_rule(CK_PIM_HELLO_OPTIONS));
		break;
	case PIM_T_REGISTER:
		/* RFC 7761 4.9.3: header-only checksum */
		if (!m->reg.csum_whole)
			ck_pass(c, ck_pim_rule(CK_PIM_REG_CSUM_HEADER));
		else
			ck_fail(c, ck_pim_rule(CK_PIM_REG_CSUM_HEADER), f->no,
				f->t,
				"Register checksum 0x%04x covers the whole "
				"%zu-octet message, not the 8-octet header",
				m->checksum, len);
		break;
	case PIM_T_JOIN_PRUNE:
		pim_jp_rules(c, f, m);
		break;
	default:
		break;
	}
	if (m->type != PIM_T_HELLO && m->type != PIM_T_REGISTER)
		ck_pass(c, ck_pim_rule(CK_PIM_ENCODED_ADDR));
}

/* ---- decoding ---- */

static void pim_refused(struct ck_ctx *c, const struct ck_frame *f,
			const uint8_t *b, size_t len, enum pim_pkt_err e)
{
	enum ck_pim_rule r = CK_PIM_LENGTH;

	switch (e) {
	case PIM_PKT_E_VERSION:
		ck_fail(c, ck_pim_rule(CK_PIM_VERSION), f->no, f->t,
			"PIM Ver %u, expected 2", b[0] >> 4);
		ck_count(c, "pim undecodable", 1);
		return;
	case PIM_PKT_E_TYPE:
		ck_count(c, "pim unknown types or DF subtypes (not checked)",
			 1);
		return;
	case PIM_PKT_E_TOO_MANY:
		ck_count(c, "pim beyond failsim's bounds", 1);
		break;
	case PIM_PKT_E_CHECKSUM:
		ck_pass(c, ck_pim_rule(CK_PIM_LENGTH));
		break;
	case PIM_PKT_E_FAMILY:
	case PIM_PKT_E_ENCODING:
	case PIM_PKT_E_MASK:
		r = CK_PIM_ENCODED_ADDR;
		/* fall through */
	default: /* E_SHORT, E_LENGTH */
		if (r == CK_PIM_LENGTH && e == PIM_PKT_E_LENGTH &&
		    (b[0] & 0x0f) == PIM_T_HELLO)
			r = CK_PIM_HELLO_OPTIONS;
		ck_fail(c, ck_pim_rule(r), f->no, f->t, "%s of %zu octets: %s",
			pim_type_name((enum pim_type)(b[0] & 0x0f)), len,
			pim_pkt_err_name(e));
		ck_count(c, "pim undecodable", 1);
		break;
	}
	if (len >= PIM_HDR_LEN)
		pim_csum_rule(c, f, b, len);
	if (e == PIM_PKT_E_CHECKSUM)
		ck_count(c, "pim undecodable", 1);
}

static void pim_message(struct ck_ctx *c, struct ck_pim *p,
			const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	const uint8_t *b = pi->l4;
	size_t len = pi->l4_len;
	enum pim_pkt_err e;

	if (len == 0) {
		ck_fail(c, ck_pim_rule(CK_PIM_LENGTH), f->no, f->t,
			"empty PIM message");
		return;
	}
	if (b[0] >> 4 == PIM_VERSION)
		ck_pass(c, ck_pim_rule(CK_PIM_VERSION));
	e = pim_pkt_decode(pi->af, b, len, &pi->src, &pi->dst, &p->msg);
	if (e != PIM_PKT_OK) {
		pim_refused(c, f, b, len, e);
		return;
	}
	ck_count(c, "pim", 1);
	ck_pass(c, ck_pim_rule(CK_PIM_LENGTH));
	ck_pass(c, ck_pim_rule(CK_PIM_CSUM));
	pim_packet_rules(c, f, &p->msg, len);
	ck_pim_flow_msg(c, p, f, &p->msg);
}

/* ---- the module ---- */

static void *pim_open(struct ck_ctx *c, int *err)
{
	struct ck_pim *p = calloc(1, sizeof(*p));

	(void)c;
	if (!p || ck_pim_flow_init(p) != 0) {
		if (p)
			ck_pim_flow_free(p);
		free(p);
		*err = ENOMEM;
		return NULL;
	}
	return p;
}

static void pim_frame(struct ck_ctx *c, void *st, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;

	if (!st || !pi->l4 || pi->l4_proto != PIM_PROTO ||
	    (pi->af != NET_AF_IP4 && pi->af != NET_AF_IP6))
		return;
	if (pi->fragment) {
		ck_count(c, "pim fragments (not checked)", 1);
		return;
	}
	pim_message(c, st, f);
}

static void pim_close(struct ck_ctx *c, void *st)
{
	struct ck_pim *p = st;

	if (!p)
		return;
	ck_pim_flow_close(c, p);
	ck_pim_flow_free(p);
	free(p);
}

const struct ck_proto ck_proto_pim = {
	.name = "pim",
	.rules = ck_pim_rules,
	.nrules = CK_PIM__NRULES,
	.open = pim_open,
	.frame = pim_frame,
	.close = pim_close,
};
