/*
 * The "gmp" rule module of `failsim check`: IGMPv1/v2/v3 (RFC 1112
 * appendix I, RFC 2236, RFC 3376) and MLDv1/v2 (RFC 2710, RFC 3810). Every
 * IGMP payload (IPv4 protocol 2) and every MLD message (ICMPv6 types 130,
 * 131, 132, 143) is decoded with the simulator's codec (gmp_pkt_decode);
 * its refusals become failures of igmp.length / mld.length and igmp.csum /
 * mld.csum, and IGMP types that are not membership messages (DVMRP,
 * PIMv1, mtrace...) are counted and only their checksum is checked (RFC
 * 2236 section 2.3 and RFC 3376 4.1.2 define it over the whole IP
 * payload, whatever the type). A decoded message is checked per packet
 * here: TTL / Hop Limit 1 and Router Alert (RFC 3376 section 4, RFC 2236
 * section 2, RFC 3810 section 5), the link-local MLD source (RFC 3810
 * section 5), destinations (RFC 3376 4.1.12 and 4.2.14, RFC 2236 section
 * 3, RFC 3810 5.1.15 and 5.2.14, RFC 2710 sections 4 and 5), group
 * addresses (RFC 2236 2.4, RFC 3376 section 5, RFC 2710 sections 3.6 and
 * 5), v3 record types (RFC 3376 4.2.12) and query fields (RFC 3376 4.1.8,
 * 8.1, 8.3; RFC 3810 5.1.10, 9.1), then handed to the per-flow rules
 * (ck_r_gmp_flow.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "conformance/check/ck_r_gmp_int.h"
#include "sim/net/net_csum.h"

#define ICMP6_NH 58 /* ICMPv6 next header */

const char *ck_gmp_dur(sim_time_t t, char *buf, size_t len)
{
	sim_time_fmt_short(t, buf, len);
	return buf;
}

static const char *addr_str(const struct net_addr *a, char *buf)
{
	net_addr_fmt(a, buf, NET_ADDR_STRLEN);
	return buf;
}

static void gmp_pass(struct ck_ctx *c, enum ck_gmp_kind k, enum net_af af)
{
	const struct ck_rule *r = ck_gmp_rule(k, af);

	if (r)
		ck_pass(c, r);
}

static void gmp_fail(struct ck_ctx *c, enum ck_gmp_kind k, enum net_af af,
		     const struct ck_frame *f, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void gmp_fail(struct ck_ctx *c, enum ck_gmp_kind k, enum net_af af,
		     const struct ck_frame *f, const char *fmt, ...)
{
	const struct ck_rule *r = ck_gmp_rule(k, af);
	char detail[CK_DETAIL_MAX];
	va_list ap;

	if (!r)
		return;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	ck_fail(c, r, f->no, f->t, "%s", detail);
}

static bool is_mld_type(uint8_t t)
{
	return t == GMP_MLD_QUERY || t == GMP_MLD_V1_REPORT ||
	       t == GMP_MLD_V1_DONE || t == GMP_MLD_V2_REPORT;
}

/* "IGMPv2 report", "MLDv1 done", "IGMPv3 query"... for details. */
static const char *msg_name(const struct gmp_msg *m, char *buf, size_t len)
{
	bool v6 = m->af == NET_AF_IP6;
	const char *t = "report";

	if (m->type == GMP_T_QUERY)
		t = "query";
	else if (m->type == GMP_T_LEAVE)
		t = v6 ? "done" : "leave";
	snprintf(buf, len, "%s%u %s", v6 ? "MLDv" : "IGMPv", m->version, t);
	return buf;
}

/* ---- checksum (RFC 3376 4.1.2, RFC 3810 5.1.2) ---- */

/* Whether the message sums to zero, and the checksum it should carry. */
static bool gmp_csum_ok(const struct net_pkt_info *pi, const uint8_t *b,
			size_t len, uint16_t *want)
{
	struct net_csum cs, all;

	net_csum_init(&cs);
	if (pi->af == NET_AF_IP6) {
		struct net_ip6 s = net_addr_ip6(&pi->src);
		struct net_ip6 d = net_addr_ip6(&pi->dst);

		net_csum_pseudo6(&cs, &s, &d, (uint32_t)len, ICMP6_NH);
	}
	all = cs;
	net_csum_add(&all, b, len);
	net_csum_add(&cs, b, 2);
	net_csum_add(&cs, b + 4, len - 4);
	*want = net_csum_final(&cs);
	return net_csum_final(&all) == 0;
}

/* The checksum rule on a message the codec did not (fully) decode. */
static void gmp_csum_diag(struct ck_ctx *c, const struct ck_frame *f,
			  enum net_af af, const uint8_t *b, size_t len)
{
	uint16_t want;

	if (len < 4)
		return;
	if (gmp_csum_ok(&f->pi, b, len, &want)) {
		gmp_pass(c, CK_GMP_CSUM, af);
		return;
	}
	gmp_fail(
		c, CK_GMP_CSUM, af, f,
		"type 0x%02x: checksum 0x%04x, expected 0x%04x over %zu octets",
		b[0], net_get_be16(b + 2), want, len);
}

/* ---- per-packet rules of a decoded message ---- */

/* The group of a report, leave, record or group query (RFC 2236 2.4,
 * RFC 3376 section 5; RFC 2710 sections 3.6 and 5). */
static void gmp_group_rules(struct ck_ctx *c, const struct ck_frame *f,
			    const struct gmp_msg *m, const struct net_addr *g,
			    bool listener)
{
	char a[NET_ADDR_STRLEN], n[48];
	bool v6 = m->af == NET_AF_IP6, mc = net_addr_is_multicast(g);
	bool bad_scope;

	if (mc)
		gmp_pass(c, CK_GMP_GROUP, m->af);
	else
		gmp_fail(c, CK_GMP_GROUP, m->af, f,
			 "%s names %s, not a multicast address",
			 msg_name(m, n, sizeof(n)), addr_str(g, a));
	if (!mc)
		return;
	if (v6) {
		uint8_t scope = g->b[1] & 0x0f;

		bad_scope = scope <= 1 ||
			    (listener && net_addr_eq(g, &gmp_all_nodes6));
	} else {
		bad_scope = net_addr_eq(g, &gmp_all_hosts4);
	}
	if (!bad_scope)
		gmp_pass(c, CK_GMP_GROUP_SCOPE, m->af);
	else
		gmp_fail(c, CK_GMP_GROUP_SCOPE, m->af, f, "%s names %s",
			 msg_name(m, n, sizeof(n)), addr_str(g, a));
}

/* The destination of m must be want (kind k). */
static void gmp_dst_rule(struct ck_ctx *c, const struct ck_frame *f,
			 const struct gmp_msg *m, enum ck_gmp_kind k,
			 const struct net_addr *want)
{
	char a[NET_ADDR_STRLEN], b[NET_ADDR_STRLEN], n[48];

	if (net_addr_eq(&f->pi.dst, want)) {
		gmp_pass(c, k, m->af);
		return;
	}
	gmp_fail(c, k, m->af, f, "%s sent to %s, expected %s",
		 msg_name(m, n, sizeof(n)), addr_str(&f->pi.dst, a),
		 addr_str(want, b));
}

/* Query fields of IGMPv3 / MLDv2 (RFC 3376 4.1.8, 8.1, 8.3; RFC 3810
 * 5.1.10, 9.1). */
static void gmp_query_fields(struct ck_ctx *c, const struct ck_frame *f,
			     const struct gmp_msg *m, bool general)
{
	char x[24], y[24];

	if (general) {
		if (m->nsrc == 0)
			gmp_pass(c, CK_GMP_QUERY_NSRC, m->af);
		else
			gmp_fail(c, CK_GMP_QUERY_NSRC, m->af, f,
				 "General Query lists %u sources, expected 0",
				 m->nsrc);
	}
	if (m->qrv != 1)
		gmp_pass(c, CK_GMP_QUERY_QRV, m->af);
	else
		gmp_fail(c, CK_GMP_QUERY_QRV, m->af, f,
			 "QRV 1: Robustness Variable 1");
	if (!general || m->qqi <= 0)
		return;
	if (m->max_resp < m->qqi)
		gmp_pass(c, CK_GMP_QUERY_MRT, m->af);
	else
		gmp_fail(c, CK_GMP_QUERY_MRT, m->af, f,
			 "Max Resp Time %s is not below QQI %s",
			 ck_gmp_dur(m->max_resp, x, sizeof(x)),
			 ck_gmp_dur(m->qqi, y, sizeof(y)));
}

static void gmp_query_rules(struct ck_ctx *c, const struct ck_frame *f,
			    const struct gmp_msg *m)
{
	bool v6 = m->af == NET_AF_IP6;
	bool general = net_addr_is_unspec(&m->group);
	const struct net_addr *all = v6 ? &gmp_all_nodes6 : &gmp_all_hosts4;

	/* RFC 3376 4.1.12, RFC 3810 5.1.15 */
	gmp_dst_rule(c, f, m, CK_GMP_QUERY_DST, general ? all : &m->group);
	if (!general)
		gmp_group_rules(c, f, m, &m->group, false);
	if (m->version == (v6 ? 2 : 3))
		gmp_query_fields(c, f, m, general);
}

static void gmp_report3_rules(struct ck_ctx *c, const struct ck_frame *f,
			      const struct gmp_msg *m)
{
	const struct net_addr *dst =
		m->af == NET_AF_IP6 ? &gmp_v2_routers6 : &gmp_v3_routers4;
	char a[NET_ADDR_STRLEN];

	/* RFC 3376 4.2.14, RFC 3810 5.2.14 */
	gmp_dst_rule(c, f, m, CK_GMP_V3_REPORT_DST, dst);
	for (unsigned i = 0; i < m->nrec && i < GMP_MAX_RECORDS; i++) {
		const struct gmp_rec *r = &m->rec[i];

		/* RFC 3376 4.2.12, RFC 3810 5.2.12 */
		if (r->type >= GMP_REC_IS_IN && r->type <= GMP_REC_BLOCK)
			gmp_pass(c, CK_GMP_REC_TYPE, m->af);
		else
			gmp_fail(c, CK_GMP_REC_TYPE, m->af, f,
				 "record %u for %s has type %u (1-6 defined)",
				 i + 1, addr_str(&r->group, a), r->type);
		gmp_group_rules(c, f, m, &r->group, true);
	}
}

/* TTL, Router Alert and source (RFC 3376 section 4, RFC 2236 section 2,
 * RFC 3810 section 5). */
static void gmp_ip_rules(struct ck_ctx *c, const struct ck_frame *f,
			 const struct gmp_msg *m)
{
	const struct net_pkt_info *pi = &f->pi;
	bool v6 = m->af == NET_AF_IP6, ok;
	char a[NET_ADDR_STRLEN], n[48];

	if (pi->ttl == 1)
		gmp_pass(c, CK_GMP_TTL, m->af);
	else
		gmp_fail(c, CK_GMP_TTL, m->af, f, "%s with %s %u, expected 1",
			 msg_name(m, n, sizeof(n)), v6 ? "Hop Limit" : "TTL",
			 pi->ttl);
	/* IGMPv1 (RFC 1112) predates the Router Alert option. */
	if (v6 || m->version >= 2) {
		if (pi->router_alert)
			gmp_pass(c, CK_GMP_RA, m->af);
		else
			gmp_fail(c, CK_GMP_RA, m->af, f,
				 "%s without the Router Alert option",
				 msg_name(m, n, sizeof(n)));
	}
	if (!v6)
		return;
	{
		struct net_ip6 s = net_addr_ip6(&pi->src);
		bool report = m->type == GMP_T_REPORT_V2 ||
			      m->type == GMP_T_REPORT_V3;

		ok = net_ip6_is_link_local(&s) ||
		     (report && net_addr_is_unspec(&pi->src));
	}
	if (ok)
		gmp_pass(c, CK_GMP_SRC_LL, m->af);
	else
		gmp_fail(c, CK_GMP_SRC_LL, m->af, f,
			 "%s from %s, not a link-local address",
			 msg_name(m, n, sizeof(n)), addr_str(&pi->src, a));
}

static void gmp_packet_rules(struct ck_ctx *c, const struct ck_frame *f,
			     const struct gmp_msg *m)
{
	bool v6 = m->af == NET_AF_IP6;

	gmp_ip_rules(c, f, m);
	switch (m->type) {
	case GMP_T_QUERY:
		gmp_query_rules(c, f, m);
		break;
	case GMP_T_REPORT_V1:
	case GMP_T_REPORT_V2:
		/* RFC 3376 4.2.14, RFC 2710 section 5 */
		gmp_dst_rule(c, f, m, CK_GMP_REPORT_DST, &m->group);
		gmp_group_rules(c, f, m, &m->group, true);
		break;
	case GMP_T_LEAVE:
		/* RFC 2236 section 3, RFC 2710 section 4 */
		gmp_dst_rule(c, f, m, CK_GMP_LEAVE_DST,
			     v6 ? &gmp_all_routers6 : &gmp_all_routers4);
		gmp_group_rules(c, f, m, &m->group, true);
		break;
	case GMP_T_REPORT_V3:
		gmp_report3_rules(c, f, m);
		break;
	default:
		break;
	}
}

/* ---- decoding ---- */

static void gmp_refused(struct ck_ctx *c, const struct ck_frame *f,
			enum net_af af, const uint8_t *b, size_t len,
			enum gmp_pkt_err e)
{
	const char *fam = af == NET_AF_IP6 ? "mld" : "igmp";
	char what[64];

	switch (e) {
	case GMP_PKT_E_TYPE:
	case GMP_PKT_E_FAMILY:
		snprintf(what, sizeof(what),
			 "%s not membership (DVMRP, PIMv1, mtrace...)", fam);
		ck_count(c, what, 1);
		gmp_csum_diag(c, f, af, b, len);
		return;
	case GMP_PKT_E_CHECKSUM: {
		uint16_t want = 0;

		if (len >= 4)
			gmp_csum_ok(&f->pi, b, len, &want);
		gmp_fail(c, CK_GMP_CSUM, af, f,
			 "type 0x%02x: checksum 0x%04x, expected 0x%04x", b[0],
			 len >= 4 ? net_get_be16(b + 2) : 0, want);
		gmp_pass(c, CK_GMP_LENGTH, af);
		break;
	}
	case GMP_PKT_E_SHORT:
	case GMP_PKT_E_LENGTH:
		gmp_fail(c, CK_GMP_LENGTH, af, f,
			 "type 0x%02x of %zu octets: %s", len ? b[0] : 0, len,
			 gmp_pkt_err_name(e));
		gmp_csum_diag(c, f, af, b, len);
		break;
	default: /* E_TOO_MANY: beyond failsim's bounds, not a violation */
		snprintf(what, sizeof(what), "%s beyond failsim's bounds", fam);
		ck_count(c, what, 1);
		gmp_csum_diag(c, f, af, b, len);
		return;
	}
	snprintf(what, sizeof(what), "%s undecodable", fam);
	ck_count(c, what, 1);
}

static void gmp_message(struct ck_ctx *c, struct ck_gmp *g,
			const struct ck_frame *f, enum net_af af)
{
	const struct net_pkt_info *pi = &f->pi;
	enum gmp_pkt_err e;

	e = gmp_pkt_decode(af, pi->l4, pi->l4_len, &pi->src, &pi->dst, &g->msg);
	if (e != GMP_PKT_OK) {
		gmp_refused(c, f, af, pi->l4, pi->l4_len, e);
		return;
	}
	ck_count(c, af == NET_AF_IP6 ? "mld" : "igmp", 1);
	gmp_pass(c, CK_GMP_CSUM, af);
	gmp_pass(c, CK_GMP_LENGTH, af);
	gmp_packet_rules(c, f, &g->msg);
	ck_gmp_flow_msg(c, g, f, &g->msg);
}

/* ---- the module ---- */

static void *gmp_open(struct ck_ctx *c, int *err)
{
	struct ck_gmp *g = calloc(1, sizeof(*g));

	(void)c;
	if (!g || ck_gmp_flow_init(g) != 0) {
		if (g)
			ck_gmp_flow_free(g);
		free(g);
		*err = ENOMEM;
		return NULL;
	}
	return g;
}

static void gmp_frame(struct ck_ctx *c, void *st, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	struct ck_gmp *g = st;

	if (!g)
		return;
	ck_gmp_flow_tick(c, g, f->t);
	if (!pi->l4 || (pi->af != NET_AF_IP4 && pi->af != NET_AF_IP6))
		return;
	if (pi->af == NET_AF_IP4 && pi->l4_proto == GMP_IGMP_PROTO) {
		if (pi->fragment)
			ck_count(c, "igmp fragments (not checked)", 1);
		else
			gmp_message(c, g, f, NET_AF_IP4);
	} else if (pi->af == NET_AF_IP6 && pi->l4_proto == ICMP6_NH &&
		   !pi->fragment && pi->l4_len > 0 && is_mld_type(pi->l4[0])) {
		gmp_message(c, g, f, NET_AF_IP6);
	}
}

static void gmp_close(struct ck_ctx *c, void *st)
{
	struct ck_gmp *g = st;

	if (!g)
		return;
	ck_gmp_flow_close(c, g);
	ck_gmp_flow_free(g);
	free(g);
}

const struct ck_proto ck_proto_gmp = {
	.name = "gmp",
	.rules = ck_gmp_rules,
	.nrules = CK_GMP_NRULES,
	.open = gmp_open,
	.frame = gmp_frame,
	.close = gmp_close,
};
