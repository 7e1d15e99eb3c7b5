/*
 * Group membership codec (see gmp_pkt.h): IGMPv1 (RFC 1112 appendix I),
 * IGMPv2 (RFC 2236 section 2), IGMPv3 (RFC 3376 section 4: the Query of
 * 4.1, the Report and its Group Records of 4.2, the floating point codes
 * of 4.1.1 and 4.1.7), MLDv1 (RFC 2710 section 3) and MLDv2 (RFC 3810
 * section 5: the Query of 5.1 with the Maximum Response Code of 5.1.3,
 * the Report of 5.2). Both families share one layout once the address
 * size is known; IGMP carries an 8-bit Max Resp Code in the second byte,
 * MLD a 16-bit one after the checksum. Query versions follow the length
 * rules of RFC 3376 section 7.1 and RFC 3810 section 8.1 (9-11 byte IGMP
 * and 25-27 byte MLD queries are refused). Fixed-size messages may be
 * longer than their fixed part: RFC 2236 section 2.5 and RFC 2710 section
 * 3.7 say the receiver ignores what follows; so are v3 queries (RFC 3376
 * 4.1.10, RFC 3810 5.1.12 "Additional Data") and, likewise, bytes after
 * the last Group Record of a v3 report. Only well-formedness is checked:
 * type, length against the counts, the checksum (IGMP over the whole IP
 * payload, RFC 3376 4.1.2; MLD with the IPv6 pseudo-header, RFC 3810
 * 5.1.2), the bounds of gmp_msg. Structure is checked before the checksum.
 * IGMP types that are not membership messages (DVMRP 0x13, PIMv1 0x14,
 * mtrace 0x1e/0x1f...) are E_TYPE; an MLD type number handed to the IGMP
 * decoder, or an IGMP one to the MLD decoder, is E_FAMILY, as is an MLD
 * message whose addresses are not IPv6 (without addresses its checksum
 * cannot be verified: E_CHECKSUM). Encoding writes the layout of the
 * message's version, reserved fields zero: an IGMPv2 query's code is at
 * least 1 (0 would make it a v1 query), MLDv1's is plain milliseconds
 * clamped to 65535, a Robustness Variable above 7 is sent as QRV 0 (RFC
 * 3376 4.1.6, RFC 3810 5.1.8) and Auxiliary Data as aux_len zero words.
 * All wire access goes through the cursors of sim/net/net_buf.h.
 */
#include "protocols/gmp/gmp_pkt.h"

#include <stddef.h>
#include <string.h>

#include "sim/net/net_buf.h"
#include "sim/net/net_csum.h"

#define GMP_OFF_CSUM	  2	 /* Checksum, both families */
#define GMP_ICMP6_NH	  58	 /* next header of ICMPv6 */
#define GMP_QRV_MAX	  7	 /* largest QRV field (RFC 3376 4.1.6) */
#define GMP_IGMP_V2_MAX	  255	 /* IGMPv2 Max Resp Time, tenths (8 bits) */
#define GMP_MLD_V1_MAX	  65535	 /* MLDv1 Maximum Response Delay, ms */
#define GMP_IGMP_EXP_LIM  0x80	 /* IGMP codes from here are floating */
#define GMP_MLD_EXP_LIM	  0x8000 /* MLD codes from here are floating */
#define GMP_IGMP_MANT_BIT 4
#define GMP_MLD_MANT_BIT  12

const struct net_addr gmp_all_hosts4 = { .af = NET_AF_IP4,
					 .b = { 224, 0, 0, 1 } };
const struct net_addr gmp_all_routers4 = { .af = NET_AF_IP4,
					   .b = { 224, 0, 0, 2 } };
const struct net_addr gmp_v3_routers4 = { .af = NET_AF_IP4,
					  .b = { 224, 0, 0, 22 } };
const struct net_addr gmp_all_nodes6 = { .af = NET_AF_IP6,
					 .b = { 0xff, 0x02, [15] = 0x01 } };
const struct net_addr gmp_all_routers6 = { .af = NET_AF_IP6,
					   .b = { 0xff, 0x02, [15] = 0x02 } };
const struct net_addr gmp_v2_routers6 = { .af = NET_AF_IP6,
					  .b = { 0xff, 0x02, [15] = 0x16 } };

/* The layout of one family. */
struct gmp_fam {
	enum net_af af;
	size_t alen;  /* address bytes */
	size_t fixed; /* query, v1/v2 report, leave: 8 or 24 bytes */
	size_t v3q;   /* smallest v3 query: 12 or 28 bytes */
};

static const struct gmp_fam gmp_fam4 = { NET_AF_IP4, 4, 8, 12 };
static const struct gmp_fam gmp_fam6 = { NET_AF_IP6, 16, 24, 28 };

static const char *const gmp_type_names[GMP_T__COUNT] = {
	[GMP_T_QUERY] = "query",	 [GMP_T_REPORT_V1] = "v1-report",
	[GMP_T_REPORT_V2] = "v2-report", [GMP_T_LEAVE] = "leave",
	[GMP_T_REPORT_V3] = "v3-report",
};

static const char *const gmp_rec_names[] = {
	[GMP_REC_IS_IN] = "IS_IN", [GMP_REC_IS_EX] = "IS_EX",
	[GMP_REC_TO_IN] = "TO_IN", [GMP_REC_TO_EX] = "TO_EX",
	[GMP_REC_ALLOW] = "ALLOW", [GMP_REC_BLOCK] = "BLOCK",
};

static const char *const gmp_err_names[GMP_PKT_E__COUNT] = {
	[GMP_PKT_OK] = "ok",
	[GMP_PKT_E_SHORT] = "short",
	[GMP_PKT_E_TYPE] = "bad-type",
	[GMP_PKT_E_LENGTH] = "bad-length",
	[GMP_PKT_E_CHECKSUM] = "bad-checksum",
	[GMP_PKT_E_TOO_MANY] = "too-many",
	[GMP_PKT_E_FAMILY] = "wrong-family",
};

const char *gmp_type_name(enum gmp_type t)
{
	if ((unsigned)t >= GMP_T__COUNT)
		return "unknown";
	return gmp_type_names[t];
}

const char *gmp_rec_type_name(uint8_t t)
{
	if (t < GMP_REC_IS_IN || t > GMP_REC_BLOCK)
		return "unknown";
	return gmp_rec_names[t];
}

const char *gmp_pkt_err_name(enum gmp_pkt_err e)
{
	if ((unsigned)e >= GMP_PKT_E__COUNT)
		return "unknown";
	return gmp_err_names[e];
}

static const struct gmp_fam *gmp_fam_of(int af)
{
	if (af == NET_AF_IP4)
		return &gmp_fam4;
	if (af == NET_AF_IP6)
		return &gmp_fam6;
	return NULL;
}

/* ---- time codes ---- */

/*
 * The floating point form shared by RFC 3376 4.1.1/4.1.7 (4-bit mantissa,
 * codes from 0x80) and RFC 3810 5.1.3/5.1.9 (12-bit mantissa, codes from
 * 0x8000): below lim the value itself, else 1|exp(3)|mant with value
 * (mant | 1 << mbits) << (exp + 3). Rounds down, clamps to the top code.
 */
static uint32_t gmp_float_encode(uint64_t v, uint32_t lim, unsigned mbits)
{
	uint64_t one = (uint64_t)1 << mbits;

	if (v < lim)
		return (uint32_t)v;
	for (unsigned exp = 0; exp < 8; exp++) {
		uint64_t q = v >> (exp + 3);

		if (q < 2 * one)
			return lim | exp << mbits | (uint32_t)(q - one);
	}
	return lim | 7u << mbits | (uint32_t)(one - 1);
}

static uint64_t gmp_float_decode(uint32_t code, uint32_t lim, unsigned mbits)
{
	uint32_t one = 1u << mbits;

	if (code < lim)
		return code;
	return (uint64_t)((code & (one - 1)) | one)
	       << (((code >> mbits) & 7) + 3);
}

uint8_t gmp_igmp_code_encode(sim_time_t t, sim_time_t unit)
{
	if (t <= 0 || unit <= 0)
		return 0;
	return (uint8_t)gmp_float_encode((uint64_t)(t / unit), GMP_IGMP_EXP_LIM,
					 GMP_IGMP_MANT_BIT);
}

sim_time_t gmp_igmp_code_decode(uint8_t code, sim_time_t unit)
{
	return (sim_time_t)gmp_float_decode(code, GMP_IGMP_EXP_LIM,
					    GMP_IGMP_MANT_BIT) *
	       unit;
}

uint16_t gmp_mld_code_encode(sim_time_t t)
{
	if (t <= 0)
		return 0;
	return (uint16_t)gmp_float_encode((uint64_t)(t / SIM_MS(1)),
					  GMP_MLD_EXP_LIM, GMP_MLD_MANT_BIT);
}

sim_time_t gmp_mld_code_decode(uint16_t code)
{
	return SIM_MS(
		gmp_float_decode(code, GMP_MLD_EXP_LIM, GMP_MLD_MANT_BIT));
}

/* ---- checksum ---- */

/* The checksum over msg (field included: 0 when correct). */
static uint16_t gmp_csum(const struct gmp_fam *f, const uint8_t *msg,
			 size_t len, const struct net_addr *src,
			 const struct net_addr *dst)
{
	struct net_csum c;

	net_csum_init(&c);
	if (f->af == NET_AF_IP6) {
		struct net_ip6 s = net_addr_ip6(src), d = net_addr_ip6(dst);

		net_csum_pseudo6(&c, &s, &d, (uint32_t)len, GMP_ICMP6_NH);
	}
	net_csum_add(&c, msg, len);
	return net_csum_final(&c);
}

/* ---- decode ---- */

/* The decoded type of wire type t in family f. */
static enum gmp_pkt_err gmp_type_of(const struct gmp_fam *f, uint8_t t,
				    enum gmp_type *out)
{
	static const struct {
		uint8_t igmp, mld;
		enum gmp_type type;
	} map[] = {
		{ GMP_IGMP_QUERY, GMP_MLD_QUERY, GMP_T_QUERY },
		{ GMP_IGMP_V1_REPORT, 0, GMP_T_REPORT_V1 },
		{ GMP_IGMP_V2_REPORT, GMP_MLD_V1_REPORT, GMP_T_REPORT_V2 },
		{ GMP_IGMP_V2_LEAVE, GMP_MLD_V1_DONE, GMP_T_LEAVE },
		{ GMP_IGMP_V3_REPORT, GMP_MLD_V2_REPORT, GMP_T_REPORT_V3 },
	};
	bool v6 = f->af == NET_AF_IP6;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		uint8_t mine = v6 ? map[i].mld : map[i].igmp;
		uint8_t other = v6 ? map[i].igmp : map[i].mld;

		if (mine && t == mine) {
			*out = map[i].type;
			return GMP_PKT_OK;
		}
		if (other && t == other)
			return GMP_PKT_E_FAMILY;
	}
	return GMP_PKT_E_TYPE;
}

static void gmp_rd_addr(struct net_rd *r, const struct gmp_fam *f,
			struct net_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->af = (uint8_t)f->af;
	net_rd_bytes(r, a->b, f->alen);
}

/* Version of a fixed-size query: IGMP by Max Resp Code, MLD always 1. */
static void gmp_dec_query_v12(const struct gmp_fam *f, uint16_t code,
			      struct gmp_msg *m)
{
	if (f->af == NET_AF_IP6) {
		m->version = 1;
		m->max_resp = SIM_MS(code);
	} else {
		m->version = code ? 2 : 1;
		m->max_resp = SIM_MS(100) * code;
	}
}

/* The query after the 4-byte header (r at offset 4, r->len the length). */
static enum gmp_pkt_err gmp_dec_query(struct net_rd *r, const struct gmp_fam *f,
				      uint16_t code, struct gmp_msg *m)
{
	uint8_t flags, qqic;

	if (r->len < f->fixed)
		return GMP_PKT_E_SHORT;
	if (r->len > f->fixed && r->len < f->v3q)
		return GMP_PKT_E_LENGTH; /* RFC 3376 7.1, RFC 3810 8.1 */
	if (f->af == NET_AF_IP6) {
		code = net_rd_be16(r);
		net_rd_skip(r, 2); /* Reserved */
	}
	gmp_rd_addr(r, f, &m->group);
	if (r->len == f->fixed) {
		gmp_dec_query_v12(f, code, m);
		return GMP_PKT_OK;
	}
	m->version = f->af == NET_AF_IP6 ? 2 : 3;
	m->max_resp = f->af == NET_AF_IP6 ? gmp_mld_code_decode(code)
					  : gmp_igmp_code_decode((uint8_t)code,
								 SIM_MS(100));
	flags = net_rd_u8(r);
	qqic = net_rd_u8(r);
	m->s_flag = flags & 0x08;
	m->qrv = flags & GMP_QRV_MAX;
	m->qqi = gmp_igmp_code_decode(qqic, SIM_S(1));
	m->nsrc = net_rd_be16(r);
	if (net_rd_left(r) / f->alen < m->nsrc)
		return GMP_PKT_E_LENGTH;
	if (m->nsrc > GMP_MAX_SOURCES)
		return GMP_PKT_E_TOO_MANY;
	for (unsigned i = 0; i < m->nsrc; i++)
		gmp_rd_addr(r, f, &m->srcs[i]);
	m->srcs_used = m->nsrc;
	return r->err ? GMP_PKT_E_LENGTH : GMP_PKT_OK;
}

/* v1/v2 report, leave, done after the 4-byte header. */
static enum gmp_pkt_err gmp_dec_fixed(struct net_rd *r, const struct gmp_fam *f,
				      struct gmp_msg *m)
{
	if (r->len < f->fixed)
		return GMP_PKT_E_SHORT;
	if (f->af == NET_AF_IP6)
		net_rd_skip(r, 4); /* Maximum Response Delay, Reserved */
	gmp_rd_addr(r, f, &m->group);
	if (f->af == NET_AF_IP6)
		m->version = 1;
	else
		m->version = m->type == GMP_T_REPORT_V1 ? 1 : 2;
	return r->err ? GMP_PKT_E_SHORT : GMP_PKT_OK;
}

/*
 * One Group Record (RFC 3376 4.2.4, RFC 3810 5.2.4). Sources beyond
 * GMP_MAX_SOURCES are walked but not kept; *full tells.
 */
static enum gmp_pkt_err gmp_dec_rec(struct net_rd *r, const struct gmp_fam *f,
				    struct gmp_rec *rec, struct gmp_msg *m,
				    bool *full)
{
	rec->type = net_rd_u8(r);
	rec->aux_len = net_rd_u8(r);
	rec->nsrc = net_rd_be16(r);
	gmp_rd_addr(r, f, &rec->group);
	if (r->err || net_rd_left(r) / f->alen < rec->nsrc)
		return GMP_PKT_E_LENGTH;
	rec->src0 = m->srcs_used;
	if (*full || rec->nsrc > GMP_MAX_SOURCES - m->srcs_used) {
		*full = true;
		net_rd_skip(r, (size_t)rec->nsrc * f->alen);
	} else {
		for (unsigned i = 0; i < rec->nsrc; i++)
			gmp_rd_addr(r, f, &m->srcs[m->srcs_used++]);
	}
	if (!net_rd_skip(r, (size_t)rec->aux_len * 4))
		return GMP_PKT_E_LENGTH;
	return GMP_PKT_OK;
}

/* The v3 report after the 4-byte header (RFC 3376 4.2, RFC 3810 5.2). */
static enum gmp_pkt_err
gmp_dec_report3(struct net_rd *r, const struct gmp_fam *f, struct gmp_msg *m)
{
	size_t min_rec = 4 + f->alen;
	bool full = false;

	net_rd_skip(r, 2); /* Reserved */
	m->nrec = net_rd_be16(r);
	if (r->err)
		return GMP_PKT_E_SHORT;
	m->version = f->af == NET_AF_IP6 ? 2 : 3;
	if (net_rd_left(r) / min_rec < m->nrec)
		return GMP_PKT_E_LENGTH;
	if (m->nrec > GMP_MAX_RECORDS)
		return GMP_PKT_E_TOO_MANY;
	for (unsigned i = 0; i < m->nrec; i++) {
		enum gmp_pkt_err e = gmp_dec_rec(r, f, &m->rec[i], m, &full);

		if (e)
			return e;
	}
	return full ? GMP_PKT_E_TOO_MANY : GMP_PKT_OK;
}

/* MLD needs IPv6 addresses for its pseudo-header. */
static enum gmp_pkt_err gmp_mld_addrs(const struct net_addr *src,
				      const struct net_addr *dst)
{
	if (!src || !dst)
		return GMP_PKT_E_CHECKSUM; /* cannot be verified */
	if (src->af != NET_AF_IP6 || dst->af != NET_AF_IP6)
		return GMP_PKT_E_FAMILY;
	return GMP_PKT_OK;
}

static enum gmp_pkt_err gmp_dec_body(struct net_rd *r, const struct gmp_fam *f,
				     uint8_t code, struct gmp_msg *m)
{
	switch (m->type) {
	case GMP_T_QUERY:
		return gmp_dec_query(r, f, code, m);
	case GMP_T_REPORT_V3:
		return gmp_dec_report3(r, f, m);
	default:
		return gmp_dec_fixed(r, f, m);
	}
}

enum gmp_pkt_err gmp_pkt_decode(enum net_af af, const uint8_t *buf, size_t len,
				const struct net_addr *src,
				const struct net_addr *dst, struct gmp_msg *out)
{
	const struct gmp_fam *f = gmp_fam_of(af);
	struct net_rd r;
	enum gmp_pkt_err e;
	uint8_t type, code;

	memset(out, 0, offsetof(struct gmp_msg, rec));
	out->af = af;
	if (!f)
		return GMP_PKT_E_FAMILY;
	if (!buf || len == 0)
		return GMP_PKT_E_SHORT;
	net_rd_init(&r, buf, len);
	type = net_rd_u8(&r);
	code = net_rd_u8(&r);
	out->checksum = net_rd_be16(&r);
	e = gmp_type_of(f, type, &out->type);
	if (e)
		return e;
	if (r.err)
		return GMP_PKT_E_SHORT;
	if (af == NET_AF_IP6) {
		e = gmp_mld_addrs(src, dst);
		if (e)
			return e;
	} else {
		out->max_resp_code = code;
	}
	e = gmp_dec_body(&r, f, code, out);
	if (e)
		return e;
	if (gmp_csum(f, buf, len, src, dst) != 0)
		return GMP_PKT_E_CHECKSUM;
	return GMP_PKT_OK;
}

/* ---- encode ---- */

/* a is an address of family f (or, when unspec_ok, all zeros). */
static bool gmp_addr_ok(const struct net_addr *a, const struct gmp_fam *f,
			bool unspec_ok)
{
	if (a->af == f->af)
		return true;
	if (!unspec_ok || a->af != NET_AF_NONE)
		return false;
	for (size_t i = 0; i < sizeof(a->b); i++)
		if (a->b[i])
			return false;
	return true;
}

static void gmp_wr_addr(struct net_wr *w, const struct gmp_fam *f,
			const struct net_addr *a)
{
	net_wr_bytes(w, a->b, f->alen);
}

/* The wire type of m in family f, or 0 when f has none. */
static uint8_t gmp_wire_type(const struct gmp_msg *m, const struct gmp_fam *f)
{
	bool v6 = f->af == NET_AF_IP6;

	switch (m->type) {
	case GMP_T_QUERY:
		return v6 ? GMP_MLD_QUERY : GMP_IGMP_QUERY;
	case GMP_T_REPORT_V1:
		return v6 ? 0 : GMP_IGMP_V1_REPORT;
	case GMP_T_REPORT_V2:
		return v6 ? GMP_MLD_V1_REPORT : GMP_IGMP_V2_REPORT;
	case GMP_T_LEAVE:
		return v6 ? GMP_MLD_V1_DONE : GMP_IGMP_V2_LEAVE;
	case GMP_T_REPORT_V3:
		return v6 ? GMP_MLD_V2_REPORT : GMP_IGMP_V3_REPORT;
	default:
		return 0;
	}
}

/* A time in whole units, clamped to [lo, hi]. */
static uint32_t gmp_units(sim_time_t t, sim_time_t unit, uint32_t lo,
			  uint32_t hi)
{
	sim_time_t n = t > 0 ? t / unit : 0;

	if (n < lo)
		return lo;
	return n > hi ? hi : (uint32_t)n;
}

/*
 * The response code of a query: IGMPv1 0; IGMPv2 whole tenths (at least 1,
 * or it would read as IGMPv1); IGMPv3 and MLDv2 the floating form; MLDv1
 * whole milliseconds.
 */
static uint16_t gmp_query_code(const struct gmp_msg *m, const struct gmp_fam *f)
{
	if (f->af == NET_AF_IP6)
		return m->version == 1
			       ? (uint16_t)gmp_units(m->max_resp, SIM_MS(1), 0,
						     GMP_MLD_V1_MAX)
			       : gmp_mld_code_encode(m->max_resp);
	if (m->version == 1)
		return 0;
	if (m->version == 2)
		return (uint16_t)gmp_units(m->max_resp, SIM_MS(100), 1,
					   GMP_IGMP_V2_MAX);
	return gmp_igmp_code_encode(m->max_resp, SIM_MS(100));
}

static bool gmp_enc_query(struct net_wr *w, const struct gmp_msg *m,
			  const struct gmp_fam *f, uint8_t *code8)
{
	bool v3 = m->version == (f->af == NET_AF_IP6 ? 2 : 3);
	uint16_t code;

	if (m->version < 1 || m->version > (f->af == NET_AF_IP6 ? 2 : 3))
		return false;
	if (!gmp_addr_ok(&m->group, f, true))
		return false;
	code = gmp_query_code(m, f);
	if (f->af == NET_AF_IP6) {
		net_wr_be16(w, code);
		net_wr_be16(w, 0);
	} else {
		*code8 = (uint8_t)code;
	}
	gmp_wr_addr(w, f, &m->group);
	if (!v3)
		return true;
	if (m->nsrc > GMP_MAX_SOURCES)
		return false;
	/* RFC 3376 4.1.6: a Robustness Variable above 7 is sent as 0. */
	net_wr_u8(w, (uint8_t)((m->s_flag ? 0x08 : 0) |
			       (m->qrv > GMP_QRV_MAX ? 0 : m->qrv)));
	net_wr_u8(w, gmp_igmp_code_encode(m->qqi, SIM_S(1)));
	net_wr_be16(w, m->nsrc);
	for (unsigned i = 0; i < m->nsrc; i++) {
		if (!gmp_addr_ok(&m->srcs[i], f, false))
			return false;
		gmp_wr_addr(w, f, &m->srcs[i]);
	}
	return true;
}

static bool gmp_enc_rec(struct net_wr *w, const struct gmp_rec *rec,
			const struct gmp_msg *m, const struct gmp_fam *f)
{
	if (rec->src0 > GMP_MAX_SOURCES ||
	    rec->nsrc > GMP_MAX_SOURCES - rec->src0 ||
	    !gmp_addr_ok(&rec->group, f, false))
		return false;
	net_wr_u8(w, rec->type);
	net_wr_u8(w, rec->aux_len);
	net_wr_be16(w, rec->nsrc);
	gmp_wr_addr(w, f, &rec->group);
	for (unsigned i = 0; i < rec->nsrc; i++) {
		const struct net_addr *s = &m->srcs[rec->src0 + i];

		if (!gmp_addr_ok(s, f, false))
			return false;
		gmp_wr_addr(w, f, s);
	}
	net_wr_zero(w, (size_t)rec->aux_len * 4); /* Auxiliary Data */
	return true;
}

static bool gmp_enc_report3(struct net_wr *w, const struct gmp_msg *m,
			    const struct gmp_fam *f)
{
	if (m->nrec > GMP_MAX_RECORDS)
		return false;
	net_wr_be16(w, 0); /* Reserved */
	net_wr_be16(w, m->nrec);
	for (unsigned i = 0; i < m->nrec; i++)
		if (!gmp_enc_rec(w, &m->rec[i], m, f))
			return false;
	return true;
}

static bool gmp_enc_body(struct net_wr *w, const struct gmp_msg *m,
			 const struct gmp_fam *f, uint8_t *code8)
{
	switch (m->type) {
	case GMP_T_QUERY:
		return gmp_enc_query(w, m, f, code8);
	case GMP_T_REPORT_V3:
		return gmp_enc_report3(w, m, f);
	default:
		if (!gmp_addr_ok(&m->group, f, false))
			return false;
		if (f->af == NET_AF_IP6)
			net_wr_zero(w, 4); /* Max Resp Delay 0, Reserved */
		gmp_wr_addr(w, f, &m->group);
		return true;
	}
}

int gmp_pkt_encode(const struct gmp_msg *m, const struct net_addr *src,
		   const struct net_addr *dst, uint8_t *buf, size_t cap)
{
	const struct gmp_fam *f = gmp_fam_of(m->af);
	uint8_t type = f ? gmp_wire_type(m, f) : 0, code8 = 0;
	struct net_wr w;

	if (!type)
		return -1;
	if (f->af == NET_AF_IP6 && gmp_mld_addrs(src, dst) != GMP_PKT_OK)
		return -1;
	net_wr_init(&w, buf, cap);
	net_wr_u8(&w, type);
	net_wr_u8(&w, 0); /* Max Resp Code (IGMP) / Code, patched below */
	net_wr_be16(&w, 0);
	if (!gmp_enc_body(&w, m, f, &code8) || w.err)
		return -1;
	buf[1] = code8;
	net_put_be16(buf + GMP_OFF_CSUM, gmp_csum(f, buf, w.off, src, dst));
	return (int)w.off;
}
