/*
 * Tests of the group membership codec (RFC 1112 appendix I, RFC 2236
 * section 2, RFC 3376 section 4, RFC 2710 section 3, RFC 3810 section 5):
 * a table of hand-assembled vectors whose checksums were computed outside
 * this code (a few lines of Python: the RFC 1071 sum over the IGMP message,
 * or over the IPv6 pseudo-header of RFC 3810 5.1.2 and the MLD message)
 * covering every message type and query version of both families and
 * every rejection reason; the encoder must reproduce each canonical vector
 * byte for byte; the RFC 3376 4.1.1 and RFC 3810 5.1.3 floating point
 * codes are checked at their edges and exhaustively (every code decodes to
 * a value that encodes back to it, every value encodes to the largest code
 * not above it); encoding rounds down and clamps as documented and refuses
 * what the family lacks; the bounds of gmp_msg are enforced; and
 * truncation, every single-bit flip and random bytes, all decoded from
 * exact-size heap copies, never crash and never pass a damaged message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "protocols/gmp/gmp_pkt.h"
#include "sim/net/net_testutil.h"
#include "sim/core/sim_rng.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_csum.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The IP source and destination a vector is received with. */
enum pair {
	P_NONE,	 /* no addresses (IGMP) */
	P_ALL,	 /* fe80::1 -> ff02::1 */
	P_GRP,	 /* fe80::1 -> ff05::1:3 */
	P_3E,	 /* fe80::1 -> ff3e::1234 */
	P_SOL,	 /* fe80::1 -> ff02::1:ff00:1 */
	P_RTRS,	 /* fe80::1 -> ff02::2 */
	P_V2R,	 /* fe80::1 -> ff02::16 */
	P_OTHER, /* fe80::2 -> ff02::1: not the checksummed source */
	P_V4,	 /* 192.0.2.1 -> 224.0.0.1 */
	P_HALF,	 /* fe80::1 -> (none) */
};

static const struct net_addr ll1 = { NET_AF_IP6, { 0xfe, 0x80, [15] = 1 } };
static const struct net_addr ll2 = { NET_AF_IP6, { 0xfe, 0x80, [15] = 2 } };
static const struct net_addr grp6 = { NET_AF_IP6,
				      { 0xff, 0x05, [13] = 1, [15] = 3 } };
static const struct net_addr grp3e = {
	NET_AF_IP6, { 0xff, 0x3e, [14] = 0x12, [15] = 0x34 }
};
static const struct net_addr sol6 = {
	NET_AF_IP6, { 0xff, 0x02, [11] = 1, [12] = 0xff, [15] = 1 }
};
static const struct net_addr h4 = { NET_AF_IP4, { 192, 0, 2, 1 } };

static void pair_addrs(enum pair p, const struct net_addr **s,
		       const struct net_addr **d)
{
	static const struct net_addr *const tab[][2] = {
		[P_NONE] = { NULL, NULL },
		[P_ALL] = { &ll1, &gmp_all_nodes6 },
		[P_GRP] = { &ll1, &grp6 },
		[P_3E] = { &ll1, &grp3e },
		[P_SOL] = { &ll1, &sol6 },
		[P_RTRS] = { &ll1, &gmp_all_routers6 },
		[P_V2R] = { &ll1, &gmp_v2_routers6 },
		[P_OTHER] = { &ll2, &gmp_all_nodes6 },
		[P_V4] = { &h4, &gmp_all_hosts4 },
		[P_HALF] = { &ll1, NULL },
	};

	*s = tab[p][0];
	*d = tab[p][1];
}

struct vector {
	const char *name;
	enum net_af af;
	const char *hex; /* spaces ignored */
	enum pair pair;
	enum gmp_pkt_err expect;
	/* For good vectors: */
	enum gmp_type type;
	uint8_t version;
	sim_time_t max_resp;
	const char *group;
	bool s_flag;
	uint8_t qrv;
	sim_time_t qqi;
	uint16_t nsrc, nrec;
	const char *srcs; /* srcs[0..srcs_used) joined with ',' */
	const char *recs; /* "TYPE:group/nsrc/aux_len" joined with ' ' */
	bool reencode;	  /* the encoder gives the same bytes */
};

#define Q4 .af = NET_AF_IP4, .type = GMP_T_QUERY
#define Q6 .af = NET_AF_IP6, .type = GMP_T_QUERY

static const struct vector vectors[] = {
	/* ---- IGMP, good ---- */
	{ "igmpv1 query", Q4, .hex = "1100eeff 00000000", .version = 1,
	  .group = "0.0.0.0", .reencode = true },
	{ "igmpv2 general query 10 s", Q4, .hex = "1164ee9b 00000000",
	  .version = 2, .max_resp = SIM_S(10), .group = "0.0.0.0",
	  .reencode = true },
	{ "igmpv2 group query 1 s", Q4, .hex = "110a0cf1 e0010203",
	  .version = 2, .max_resp = SIM_S(1), .group = "224.1.2.3",
	  .reencode = true },
	{ "igmpv3 general query", Q4, .hex = "1164ec1e 00000000 027d0000",
	  .version = 3, .max_resp = SIM_S(10), .group = "0.0.0.0", .qrv = 2,
	  .qqi = SIM_S(125), .reencode = true },
	/* code 0x80 = 16 << 3 tenths; QQIC 0x8c = 28 << 3 s; S, QRV 2 */
	{ "igmpv3 group-and-source query, float codes", Q4,
	  .hex = "11800eb2 e8010101 0a8c0002 c0000201 c6336407", .version = 3,
	  .max_resp = SIM_MS(12800), .group = "232.1.1.1", .s_flag = true,
	  .qrv = 2, .qqi = SIM_S(224), .nsrc = 2,
	  .srcs = "192.0.2.1,198.51.100.7", .reencode = true },
	/* 0xff = 31 << 10: 3174.4 s and 31744 s */
	{ "igmpv3 query codes 0xff", Q4, .hex = "11ffe601 00000000 07ff0000",
	  .version = 3, .max_resp = SIM_MS(3174400), .group = "0.0.0.0",
	  .qrv = 7, .qqi = SIM_S(31744), .reencode = true },
	{ "igmpv3 query codes 127, reserved bits set", Q4,
	  .hex = "117fdf01 00000000 0f7f0000", .version = 3,
	  .max_resp = SIM_MS(12700), .group = "0.0.0.0", .s_flag = true,
	  .qrv = 7, .qqi = SIM_S(127), .reencode = true },
	{ "igmpv3 query with Additional Data (RFC 3376 4.1.10)", Q4,
	  .hex = "1164036f 00000000 027d0001 0a000001 dead", .version = 3,
	  .max_resp = SIM_S(10), .group = "0.0.0.0", .qrv = 2,
	  .qqi = SIM_S(125), .nsrc = 1, .srcs = "10.0.0.1" },
	{ "igmpv1 report", NET_AF_IP4, "12000cd7 e0000128",
	  .type = GMP_T_REPORT_V1, .version = 1, .group = "224.0.1.40",
	  .reencode = true },
	{ "igmpv2 report", NET_AF_IP4, "1600f9fc ef010101",
	  .type = GMP_T_REPORT_V2, .version = 2, .group = "239.1.1.1",
	  .reencode = true },
	{ "igmpv2 leave", NET_AF_IP4, "1700f8fc ef010101", .type = GMP_T_LEAVE,
	  .version = 2, .group = "239.1.1.1", .reencode = true },
	{ "igmpv2 report, 12 bytes (RFC 2236 2.5)", NET_AF_IP4,
	  "1600f5f6 ef010101 01020304", .type = GMP_T_REPORT_V2, .version = 2,
	  .group = "239.1.1.1" },
	{ "igmpv3 report, two records", NET_AF_IP4,
	  "220078ee 00000002 02000000 ef020202 05010002 e8010101 c0000201 "
	  "c0000202 00000000",
	  .type = GMP_T_REPORT_V3, .version = 3, .group = "", .nrec = 2,
	  .srcs = "192.0.2.1,192.0.2.2",
	  .recs = "IS_EX:239.2.2.2/0/0 ALLOW:232.1.1.1/2/1", .reencode = true },
	{ "igmpv3 report, no records", NET_AF_IP4, "2200ddff 00000000",
	  .type = GMP_T_REPORT_V3, .version = 3, .group = "",
	  .reencode = true },
	{ "igmpv3 report, unknown record type kept", NET_AF_IP4,
	  "2200e2f7 00000001 09000000 ef030303", .type = GMP_T_REPORT_V3,
	  .version = 3, .group = "", .nrec = 1, .recs = "unknown:239.3.3.3/0/0",
	  .reencode = true },
	{ "igmpv3 report, auxiliary data skipped", NET_AF_IP4,
	  "22009e8d 00000001 01020001 e8090909 cb007105 11223344 55667788",
	  .type = GMP_T_REPORT_V3, .version = 3, .group = "", .nrec = 1,
	  .srcs = "203.0.113.5", .recs = "IS_IN:232.9.9.9/1/2" },
	{ "igmpv3 report, bytes after the last record ignored", NET_AF_IP4,
	  "2200653c 00000001 02000000 ef020202 cafebabe",
	  .type = GMP_T_REPORT_V3, .version = 3, .group = "", .nrec = 1,
	  .recs = "IS_EX:239.2.2.2/0/0" },
	/* ---- IGMP, refused ---- */
	{ "empty", NET_AF_IP4, "", .expect = GMP_PKT_E_SHORT },
	{ "igmp 3 bytes", NET_AF_IP4, "1164ee", .expect = GMP_PKT_E_SHORT },
	{ "igmp query 7 bytes", NET_AF_IP4, "1164ee9b 000000",
	  .expect = GMP_PKT_E_SHORT },
	{ "igmp query 9 bytes (RFC 3376 7.1)", NET_AF_IP4,
	  "1164ee9b 00000000 00", .expect = GMP_PKT_E_LENGTH },
	{ "igmp query 10 bytes", NET_AF_IP4, "1164ec9b 00000000 0200",
	  .expect = GMP_PKT_E_LENGTH },
	{ "igmp query 11 bytes", NET_AF_IP4, "1164ec1e 00000000 027d00",
	  .expect = GMP_PKT_E_LENGTH },
	{ "igmpv3 query, 2 sources declared, 1 present", NET_AF_IP4,
	  "1164f918 e8010101 027d0002 0a000001", .expect = GMP_PKT_E_LENGTH },
	{ "igmpv3 report 7 bytes", NET_AF_IP4, "2200ddff 000000",
	  .expect = GMP_PKT_E_SHORT },
	{ "igmpv3 report, 2 records declared, 1 present", NET_AF_IP4,
	  "2200eaf8 00000002 02000000 ef020202", .expect = GMP_PKT_E_LENGTH },
	{ "igmpv3 report, record short of sources", NET_AF_IP4,
	  "220031f8 00000001 01000002 e8010101 c0000201",
	  .expect = GMP_PKT_E_LENGTH },
	{ "igmpv3 report, record short of aux data", NET_AF_IP4,
	  "2200f3f9 00000001 01020000 e8010101 00000000",
	  .expect = GMP_PKT_E_LENGTH },
	{ "igmpv3 report, record header cut", NET_AF_IP4,
	  "2200f3fc 00000001 01000000 e80101", .expect = GMP_PKT_E_LENGTH },
	{ "igmpv2 report 7 bytes", NET_AF_IP4, "1600f9fc ef0101",
	  .expect = GMP_PKT_E_SHORT },
	{ "igmpv2 report, bad checksum", NET_AF_IP4, "1600f9fd ef010101",
	  .expect = GMP_PKT_E_CHECKSUM },
	{ "igmpv3 query, bad checksum", NET_AF_IP4,
	  "1164ec1f 00000000 027d0000", .expect = GMP_PKT_E_CHECKSUM },
	{ "dvmrp 0x13", NET_AF_IP4, "1300dff8 00000005 00030cff",
	  .expect = GMP_PKT_E_TYPE },
	{ "pimv1 0x14", NET_AF_IP4, "1400dbff 10000000",
	  .expect = GMP_PKT_E_TYPE },
	{ "mtrace query 0x1f", NET_AF_IP4,
	  "1f00c2f5 ef010101 0a000001 0a000002 0a000003 10000001",
	  .expect = GMP_PKT_E_TYPE },
	{ "mtrace response 0x1e", NET_AF_IP4, "1e00f1fc ef010101",
	  .expect = GMP_PKT_E_TYPE },
	{ "type 0 one byte", NET_AF_IP4, "00", .expect = GMP_PKT_E_TYPE },
	{ "mld query as igmp", NET_AF_IP4,
	  "82005917 27100000 00000000 00000000 00000000 00000000",
	  .expect = GMP_PKT_E_FAMILY },
	{ "mldv2 report as igmp", NET_AF_IP4, "8f00c0ee 00000000",
	  .expect = GMP_PKT_E_FAMILY },
	{ "no family", NET_AF_NONE, "1600f9fc ef010101",
	  .expect = GMP_PKT_E_FAMILY },
	/* ---- MLD, good ---- */
	{ "mldv1 general query 10 s", Q6,
	  .hex = "82005917 27100000 00000000 00000000 00000000 00000000",
	  .pair = P_ALL, .version = 1, .max_resp = SIM_S(10),
	  .group = "::", .reencode = true },
	{ "mldv1 group query 1 s", Q6,
	  .hex = "82007d2f 03e80000 ff050000 00000000 00000000 00010003",
	  .pair = P_GRP, .version = 1, .max_resp = SIM_S(1),
	  .group = "ff05::1:3", .reencode = true },
	{ "mldv2 general query", Q6,
	  .hex = "82005696 27100000 00000000 00000000 00000000 00000000 "
		 "027d0000",
	  .pair = P_ALL, .version = 2, .max_resp = SIM_S(10),
	  .group = "::", .qrv = 2, .qqi = SIM_S(125), .reencode = true },
	/* 0x8000 = 0x1000 << 3 ms; S, QRV 3, QQIC 0x8c = 224 s */
	{ "mldv2 source query, code 0x8000", Q6,
	  .hex = "8200a2e5 80000000 ff3e0000 00000000 00000000 00001234 "
		 "0b8c0001 "
		 "20010db8 00000000 00000000 00000005",
	  .pair = P_3E, .version = 2, .max_resp = SIM_MS(32768),
	  .group = "ff3e::1234", .s_flag = true, .qrv = 3, .qqi = SIM_S(224),
	  .nsrc = 1, .srcs = "2001:db8::5", .reencode = true },
	{ "mldv2 query code 0x7fff", Q6,
	  .hex = "8200fda6 7fff0000 00000000 00000000 00000000 00000000 "
		 "027d0000",
	  .pair = P_ALL, .version = 2, .max_resp = SIM_MS(32767),
	  .group = "::", .qrv = 2, .qqi = SIM_S(125), .reencode = true },
	/* 0xffff = 0x1fff << 10 ms */
	{ "mldv2 query code 0xffff", Q6,
	  .hex = "82007824 ffff0000 00000000 00000000 00000000 00000000 "
		 "07ff0000",
	  .pair = P_ALL, .version = 2, .max_resp = SIM_MS(8387584),
	  .group = "::", .qrv = 7, .qqi = SIM_S(31744), .reencode = true },
	{ "mldv1 report", NET_AF_IP6,
	  "8300821f 00000000 ff020000 00000000 00000001 ff000001", P_SOL,
	  .type = GMP_T_REPORT_V2, .version = 1, .group = "ff02::1:ff00:1",
	  .reencode = true },
	{ "mldv1 done", NET_AF_IP6,
	  "84008020 00000000 ff020000 00000000 00000001 ff000001", P_RTRS,
	  .type = GMP_T_LEAVE, .version = 1, .group = "ff02::1:ff00:1",
	  .reencode = true },
	{ "mldv1 report, 26 bytes (RFC 2710 3.7)", NET_AF_IP6,
	  "8300d761 00000000 ff020000 00000000 00000001 ff000001 aabb", P_SOL,
	  .type = GMP_T_REPORT_V2, .version = 1, .group = "ff02::1:ff00:1" },
	{ "mldv2 report, two records", NET_AF_IP6,
	  "8f00c0ee 00000002 04000000 ff020000 00000000 00000000 000000fb "
	  "01000001 ff3e0000 00000000 00000000 80000001 20010db8 00000000 "
	  "00000000 00000001",
	  P_V2R, .type = GMP_T_REPORT_V3, .version = 2, .group = "", .nrec = 2,
	  .srcs = "2001:db8::1",
	  .recs = "TO_EX:ff02::fb/0/0 IS_IN:ff3e::8000:1/1/0",
	  .reencode = true },
	/* ---- MLD, refused ---- */
	{ "mld query 23 bytes", NET_AF_IP6,
	  "82005917 27100000 00000000 00000000 00000000 000000", P_ALL,
	  .expect = GMP_PKT_E_SHORT },
	{ "mld query 25 bytes (RFC 3810 8.1)", NET_AF_IP6,
	  "82005716 27100000 00000000 00000000 00000000 00000000 02", P_ALL,
	  .expect = GMP_PKT_E_LENGTH },
	{ "mld query 26 bytes", NET_AF_IP6,
	  "82005698 27100000 00000000 00000000 00000000 00000000 027d", P_ALL,
	  .expect = GMP_PKT_E_LENGTH },
	{ "mld query 27 bytes", NET_AF_IP6,
	  "82005697 27100000 00000000 00000000 00000000 00000000 027d00", P_ALL,
	  .expect = GMP_PKT_E_LENGTH },
	{ "mldv2 query, source cut", NET_AF_IP6,
	  "820028cd 27100000 00000000 00000000 00000000 00000000 027d0001 "
	  "20010db8 00000000 00000000 000000",
	  P_ALL, .expect = GMP_PKT_E_LENGTH },
	{ "mldv2 report, record short of sources", NET_AF_IP6,
	  "8f004501 00000001 01000002 ff3e0000 00000000 00000000 00000001 "
	  "20010db8 00000000 00000000 00000001",
	  P_V2R, .expect = GMP_PKT_E_LENGTH },
	{ "mldv2 report 7 bytes", NET_AF_IP6, "8f007323 000000", P_V2R,
	  .expect = GMP_PKT_E_SHORT },
	{ "mldv1 query from another source", NET_AF_IP6,
	  "82005917 27100000 00000000 00000000 00000000 00000000", P_OTHER,
	  .expect = GMP_PKT_E_CHECKSUM },
	{ "mldv1 query without addresses", NET_AF_IP6,
	  "82005917 27100000 00000000 00000000 00000000 00000000", P_NONE,
	  .expect = GMP_PKT_E_CHECKSUM },
	{ "mldv1 query without destination", NET_AF_IP6,
	  "82005917 27100000 00000000 00000000 00000000 00000000", P_HALF,
	  .expect = GMP_PKT_E_CHECKSUM },
	{ "mldv1 query over ipv4 addresses", NET_AF_IP6,
	  "82005917 27100000 00000000 00000000 00000000 00000000", P_V4,
	  .expect = GMP_PKT_E_FAMILY },
	{ "icmpv6 echo request", NET_AF_IP6, "80008235 00010001", P_ALL,
	  .expect = GMP_PKT_E_TYPE },
	{ "icmpv6 neighbor solicitation", NET_AF_IP6,
	  "87007da1 00000000 fe800000 00000000 00000000 00000002", P_SOL,
	  .expect = GMP_PKT_E_TYPE },
	{ "igmp query type as mld", NET_AF_IP6,
	  "1100ca17 27100000 00000000 00000000 00000000 00000000", P_ALL,
	  .expect = GMP_PKT_E_FAMILY },
};

/* ---- helpers ---- */

static struct gmp_msg *new_msg(void)
{
	struct gmp_msg *m = calloc(1, sizeof(*m));

	assert_non_null(m);
	return m;
}

/* Decode n bytes from an exact-size heap copy (ASan sees any overread). */
static enum gmp_pkt_err decode_copy(enum net_af af, const uint8_t *p, size_t n,
				    enum pair pair, struct gmp_msg *m)
{
	const struct net_addr *s, *d;
	uint8_t *copy = malloc(n ? n : 1);
	enum gmp_pkt_err e;

	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	pair_addrs(pair, &s, &d);
	e = gmp_pkt_decode(af, n ? copy : NULL, n, s, d, m);
	free(copy);
	assert_true((unsigned)e < GMP_PKT_E__COUNT);
	return e;
}

static void join_srcs(const struct gmp_msg *m, char *out, size_t len)
{
	out[0] = '\0';
	for (uint32_t i = 0; i < m->srcs_used; i++) {
		char a[NET_ADDR_STRLEN];

		net_addr_fmt(&m->srcs[i], a, sizeof(a));
		snprintf(out + strlen(out), len - strlen(out), "%s%s",
			 i ? "," : "", a);
	}
}

static void join_recs(const struct gmp_msg *m, char *out, size_t len)
{
	out[0] = '\0';
	for (unsigned i = 0; i < m->nrec; i++) {
		const struct gmp_rec *r = &m->rec[i];
		char a[NET_ADDR_STRLEN];

		net_addr_fmt(&r->group, a, sizeof(a));
		snprintf(out + strlen(out), len - strlen(out), "%s%s:%s/%u/%u",
			 i ? " " : "", gmp_rec_type_name(r->type), a, r->nsrc,
			 r->aux_len);
	}
}

static void check_fields(const struct vector *v, const struct gmp_msg *m)
{
	char buf[1024];

	assert_int_equal(m->af, v->af);
	assert_int_equal(m->type, v->type);
	assert_int_equal(m->version, v->version);
	assert_int_equal(m->max_resp, v->max_resp);
	assert_int_equal(m->s_flag, v->s_flag);
	assert_int_equal(m->qrv, v->qrv);
	assert_int_equal(m->qqi, v->qqi);
	assert_int_equal(m->nsrc, v->nsrc);
	assert_int_equal(m->nrec, v->nrec);
	if (v->group[0]) {
		net_addr_fmt(&m->group, buf, sizeof(buf));
		assert_string_equal(buf, v->group);
	}
	join_srcs(m, buf, sizeof(buf));
	assert_string_equal(buf, v->srcs ? v->srcs : "");
	join_recs(m, buf, sizeof(buf));
	assert_string_equal(buf, v->recs ? v->recs : "");
}

/* ---- vectors ---- */

static void test_vectors(void **state)
{
	struct gmp_msg *m = new_msg();

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t b[256];
		size_t n = nt_hex(v->hex, b, sizeof(b));
		enum gmp_pkt_err e = decode_copy(v->af, b, n, v->pair, m);

		if (e != v->expect)
			fail_msg("%s: got %s, want %s", v->name,
				 gmp_pkt_err_name(e),
				 gmp_pkt_err_name(v->expect));
		if (e != GMP_PKT_OK)
			continue;
		check_fields(v, m);
		assert_int_equal(m->checksum, net_get_be16(b + 2));
		if (v->af == NET_AF_IP4)
			assert_int_equal(m->max_resp_code, b[1]);
	}
	free(m);
}

/* Canonical vectors come back byte for byte from their decoded form. */
static void test_reencode(void **state)
{
	struct gmp_msg *m = new_msg();
	unsigned done = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		const struct net_addr *s, *d;
		uint8_t b[256], out[256];
		size_t n = nt_hex(v->hex, b, sizeof(b));
		int len;

		if (!v->reencode)
			continue;
		assert_int_equal(decode_copy(v->af, b, n, v->pair, m),
				 GMP_PKT_OK);
		pair_addrs(v->pair, &s, &d);
		len = gmp_pkt_encode(m, s, d, out, sizeof(out));
		if (len != (int)n || memcmp(out, b, n))
			fail_msg("%s: re-encoded differently (%d bytes)",
				 v->name, len);
		/* Every smaller buffer is refused. */
		for (size_t cap = 0; cap < n; cap++)
			assert_int_equal(gmp_pkt_encode(m, s, d, out, cap), -1);
		done++;
	}
	assert_true(done >= 20);
	free(m);
}

/* ---- time codes ---- */

struct code_case {
	sim_time_t t;
	unsigned code;
};

static void test_igmp_codes(void **state)
{
	static const struct code_case tenths[] = {
		{ 0, 0 },
		{ -5, 0 },
		{ SIM_MS(99), 0 },
		{ SIM_MS(100), 1 },
		{ SIM_MS(12700), 127 },
		{ SIM_MS(12799), 127 },
		{ SIM_MS(12800), 0x80 },
		{ SIM_MS(12900), 0x80 }, /* 129 rounds down to 128 */
		{ SIM_MS(13600), 0x81 }, /* 17 << 3 */
		{ SIM_S(100), 0xaf },	 /* 1000 -> 31 << 5 = 992 */
		{ SIM_MS(3174400), 0xff },
		{ SIM_S(5000), 0xff }, /* clamped */
	};
	const sim_time_t u = SIM_MS(100);

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(tenths); i++)
		assert_int_equal(gmp_igmp_code_encode(tenths[i].t, u),
				 tenths[i].code);
	assert_int_equal(gmp_igmp_code_decode(127, u), SIM_MS(12700));
	assert_int_equal(gmp_igmp_code_decode(128, u), SIM_MS(12800));
	assert_int_equal(gmp_igmp_code_decode(0xaf, u), SIM_MS(99200));
	assert_int_equal(gmp_igmp_code_decode(0xff, u), SIM_MS(3174400));
	assert_int_equal(gmp_igmp_code_decode(0xff, SIM_S(1)), SIM_S(31744));
	assert_int_equal(gmp_igmp_code_encode(SIM_S(125), SIM_S(1)), 125);
	assert_int_equal(gmp_igmp_code_encode(SIM_S(200), SIM_S(1)), 0x89);
	assert_int_equal(gmp_igmp_code_encode(SIM_S(1), 0), 0);
	/* Every code is the code of its value; decoding is increasing. */
	for (unsigned c = 0; c < 256; c++) {
		sim_time_t t = gmp_igmp_code_decode((uint8_t)c, u);

		assert_int_equal(gmp_igmp_code_encode(t, u), c);
		if (c)
			assert_true(t >
				    gmp_igmp_code_decode((uint8_t)(c - 1), u));
	}
	/* Every value gets the largest code not above it. */
	for (sim_time_t v = 0; v < 40000; v++) {
		uint8_t c = gmp_igmp_code_encode(v * u + u / 2, u);

		assert_true(gmp_igmp_code_decode(c, u) <= v * u);
		if (c < 0xff)
			assert_true(gmp_igmp_code_decode(c + 1, u) > v * u);
	}
}

static void test_mld_codes(void **state)
{
	static const struct code_case ms[] = {
		{ 0, 0 },
		{ -1, 0 },
		{ SIM_US(999), 0 },
		{ SIM_MS(1), 1 },
		{ SIM_MS(10000), 10000 },
		{ SIM_MS(32767), 0x7fff },
		{ SIM_MS(32768), 0x8000 },
		{ SIM_MS(32775), 0x8000 }, /* rounds down */
		{ SIM_MS(32776), 0x8001 },
		{ SIM_MS(65536), 0x9000 }, /* 0x1000 << 4 */
		{ SIM_MS(8387584), 0xffff },
		{ SIM_S(100000), 0xffff }, /* clamped */
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(ms); i++)
		assert_int_equal(gmp_mld_code_encode(ms[i].t), ms[i].code);
	assert_int_equal(gmp_mld_code_decode(0x7fff), SIM_MS(32767));
	assert_int_equal(gmp_mld_code_decode(0x8000), SIM_MS(32768));
	assert_int_equal(gmp_mld_code_decode(0xffff), SIM_MS(8387584));
	for (unsigned c = 0; c < 65536; c++) {
		sim_time_t t = gmp_mld_code_decode((uint16_t)c);

		assert_int_equal(gmp_mld_code_encode(t), c);
		if (c)
			assert_true(t > gmp_mld_code_decode((uint16_t)(c - 1)));
	}
	for (sim_time_t v = 0; v < 9000000; v += v < 70000 ? 1 : 97) {
		uint16_t c = gmp_mld_code_encode(SIM_MS(v) + SIM_US(500));

		assert_true(gmp_mld_code_decode(c) <= SIM_MS(v));
		if (c < 0xffff)
			assert_true(gmp_mld_code_decode(c + 1) > SIM_MS(v));
	}
}

/* ---- encoding ---- */

/* The response code field of an encoded query. */
static unsigned query_code(const struct gmp_msg *m)
{
	const struct net_addr *s, *d;
	uint8_t b[64];
	int n;

	pair_addrs(m->af == NET_AF_IP6 ? P_ALL : P_NONE, &s, &d);
	n = gmp_pkt_encode(m, s, d, b, sizeof(b));
	assert_true(n > 0);
	return m->af == NET_AF_IP6 ? net_get_be16(b + 4) : b[1];
}

static void test_encode_rounding(void **state)
{
	static const struct {
		enum net_af af;
		uint8_t version;
		sim_time_t max_resp;
		unsigned code;
	} cases[] = {
		{ NET_AF_IP4, 1, SIM_S(10), 0 },
		{ NET_AF_IP4, 2, SIM_S(10), 100 },
		{ NET_AF_IP4, 2, SIM_MS(10050), 100 },
		{ NET_AF_IP4, 2, SIM_MS(50), 1 }, /* 0 would read as v1 */
		{ NET_AF_IP4, 2, 0, 1 },
		{ NET_AF_IP4, 2, SIM_MS(25500), 255 },
		{ NET_AF_IP4, 2, SIM_S(30), 255 }, /* no float in v2 */
		{ NET_AF_IP4, 3, SIM_MS(12700), 127 },
		{ NET_AF_IP4, 3, SIM_MS(12900), 0x80 },
		{ NET_AF_IP4, 3, SIM_MS(99), 0 },
		{ NET_AF_IP4, 3, SIM_S(4000), 0xff },
		{ NET_AF_IP6, 1, SIM_S(10), 10000 },
		{ NET_AF_IP6, 1, SIM_US(1500), 1 },
		{ NET_AF_IP6, 1, SIM_S(100), 65535 }, /* no float in v1 */
		{ NET_AF_IP6, 2, SIM_MS(32767), 0x7fff },
		{ NET_AF_IP6, 2, SIM_MS(32768), 0x8000 },
		{ NET_AF_IP6, 2, SIM_S(10000), 0xffff },
	};
	struct gmp_msg *m = new_msg();

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		m->af = cases[i].af;
		m->type = GMP_T_QUERY;
		m->version = cases[i].version;
		m->max_resp = cases[i].max_resp;
		m->group.af = (uint8_t)cases[i].af;
		if (query_code(m) != cases[i].code)
			fail_msg("case %zu: code %u, want %u", i, query_code(m),
				 cases[i].code);
	}
	free(m);
}

/* QRV above 7 is sent as 0 (RFC 3376 4.1.6); S and QQIC are placed. */
static void test_encode_v3_query_fields(void **state)
{
	struct gmp_msg *m = new_msg(), *d = new_msg();
	uint8_t b[64];
	int n;

	(void)state;
	*m = (struct gmp_msg){ .af = NET_AF_IP4,
			       .type = GMP_T_QUERY,
			       .version = 3,
			       .max_resp = SIM_S(10),
			       .s_flag = true,
			       .qrv = 8,
			       .qqi = SIM_S(200) };
	n = gmp_pkt_encode(m, NULL, NULL, b, sizeof(b));
	assert_int_equal(n, 12);
	assert_int_equal(b[8], 0x08);
	assert_int_equal(b[9], 0x89);
	assert_int_equal(gmp_pkt_decode(NET_AF_IP4, b, 12, NULL, NULL, d),
			 GMP_PKT_OK);
	assert_int_equal(d->qqi, SIM_S(200));
	assert_true(d->s_flag);
	assert_int_equal(d->qrv, 0);
	for (unsigned qrv = 9; qrv < 256; qrv += 123) {
		m->qrv = (uint8_t)qrv;
		assert_int_equal(gmp_pkt_encode(m, NULL, NULL, b, sizeof(b)),
				 12);
		assert_int_equal(b[8], 0x08);
	}
	m->qrv = 7;
	m->s_flag = false;
	n = gmp_pkt_encode(m, NULL, NULL, b, sizeof(b));
	assert_int_equal(b[8], 0x07);
	/* An unspecified group of no family is the general query's 0. */
	memset(&m->group, 0, sizeof(m->group));
	assert_int_equal(gmp_pkt_encode(m, NULL, NULL, b, sizeof(b)), 12);
	free(m);
	free(d);
}

static void test_encode_invalid(void **state)
{
	struct gmp_msg *m = new_msg();
	const struct net_addr v4g = { NET_AF_IP4, { 239, 1, 1, 1 } };
	uint8_t b[128];

	(void)state;
#define REFUSED(s, d) assert_int_equal(gmp_pkt_encode(m, s, d, b, 128), -1)
	*m = (struct gmp_msg){ .af = NET_AF_IP6,
			       .type = GMP_T_REPORT_V1,
			       .group = grp6 };
	REFUSED(&ll1, &grp6); /* MLD has no v1 report */
	m->type = GMP_T_REPORT_V2;
	REFUSED(NULL, NULL); /* no pseudo-header */
	REFUSED(&h4, &gmp_all_hosts4);
	REFUSED(&ll1, NULL);
	assert_int_equal(gmp_pkt_encode(m, &ll1, &grp6, b, 128), 24);
	m->group = v4g;
	REFUSED(&ll1, &grp6); /* group of the other family */
	m->af = NET_AF_NONE;
	REFUSED(NULL, NULL);
	m->af = NET_AF_IP4;
	m->type = GMP_T__COUNT;
	REFUSED(NULL, NULL);
	m->type = GMP_T_QUERY;
	for (unsigned v = 0; v < 6; v++) {
		m->version = (uint8_t)v;
		if (v >= 1 && v <= 3)
			assert_true(gmp_pkt_encode(m, NULL, NULL, b, 128) > 0);
		else
			REFUSED(NULL, NULL);
	}
	m->af = NET_AF_IP6;
	m->group = (struct net_addr){ 0 };
	m->version = 3;
	REFUSED(&ll1, &gmp_all_nodes6);
	m->version = 2;
	assert_int_equal(gmp_pkt_encode(m, &ll1, &gmp_all_nodes6, b, 128), 28);
	m->nsrc = 1;
	m->srcs[0] = v4g; /* source of the other family */
	REFUSED(&ll1, &gmp_all_nodes6);
	m->nsrc = GMP_MAX_SOURCES + 1;
	REFUSED(&ll1, &gmp_all_nodes6);
	*m = (struct gmp_msg){ .af = NET_AF_IP4,
			       .type = GMP_T_REPORT_V3,
			       .nrec = 1 };
	m->rec[0] = (struct gmp_rec){ .type = 1, .group = v4g };
	assert_int_equal(gmp_pkt_encode(m, NULL, NULL, b, 128), 16);
	m->rec[0].group = grp6;
	REFUSED(NULL, NULL);
	m->rec[0].group = v4g;
	m->rec[0].src0 = GMP_MAX_SOURCES - 1;
	m->rec[0].nsrc = 2; /* beyond srcs[] */
	REFUSED(NULL, NULL);
	m->rec[0].nsrc = 1;
	m->srcs[GMP_MAX_SOURCES - 1] = v4g;
	assert_int_equal(gmp_pkt_encode(m, NULL, NULL, b, 128), 20);
	m->nrec = GMP_MAX_RECORDS + 1;
	REFUSED(NULL, NULL);
#undef REFUSED
	free(m);
}

/* ---- bounds of gmp_msg ---- */

/* A message of n bytes: header written by the caller, checksum fixed. */
static void fix_csum(uint8_t *b, size_t n)
{
	net_put_be16(b + 2, 0);
	net_put_be16(b + 2, net_csum(b, n));
}

static void test_limits(void **state)
{
	size_t cap = 12 + 4 * (GMP_MAX_SOURCES + 1) + 8 * 300;
	uint8_t *b = calloc(1, cap);
	struct gmp_msg *m = new_msg();
	size_t n;

	(void)state;
	assert_non_null(b);
	/* Query with GMP_MAX_SOURCES sources, then one more. */
	for (unsigned extra = 0; extra < 2; extra++) {
		unsigned ns = GMP_MAX_SOURCES + extra;

		memset(b, 0, cap);
		b[0] = GMP_IGMP_QUERY;
		net_put_be16(b + 10, (uint16_t)ns);
		for (unsigned i = 0; i < ns; i++)
			net_put_be32(b + 12 + 4 * i, 0x0a000000 + i);
		n = 12 + 4 * ns;
		fix_csum(b, n);
		assert_int_equal(decode_copy(NET_AF_IP4, b, n, P_NONE, m),
				 extra ? GMP_PKT_E_TOO_MANY : GMP_PKT_OK);
		if (!extra)
			assert_int_equal(m->srcs_used, GMP_MAX_SOURCES);
	}
	/* 65535 sources declared in a short message: a length error. */
	net_put_be16(b + 10, 0xffff);
	fix_csum(b, 40);
	assert_int_equal(decode_copy(NET_AF_IP4, b, 40, P_NONE, m),
			 GMP_PKT_E_LENGTH);
	/* Reports with GMP_MAX_RECORDS records, then one more. */
	for (unsigned extra = 0; extra < 2; extra++) {
		unsigned nr = GMP_MAX_RECORDS + extra;

		memset(b, 0, cap);
		b[0] = GMP_IGMP_V3_REPORT;
		net_put_be16(b + 6, (uint16_t)nr);
		for (unsigned i = 0; i < nr; i++) {
			b[8 + 8 * i] = GMP_REC_IS_EX;
			net_put_be32(b + 12 + 8 * i, 0xef000000 + i);
		}
		n = 8 + 8 * nr;
		fix_csum(b, n);
		assert_int_equal(decode_copy(NET_AF_IP4, b, n, P_NONE, m),
				 extra ? GMP_PKT_E_TOO_MANY : GMP_PKT_OK);
	}
	/* Two records sharing GMP_MAX_SOURCES sources, then one more. */
	for (unsigned extra = 0; extra < 2; extra++) {
		unsigned n1 = 1000, n2 = GMP_MAX_SOURCES - 1000 + extra;

		memset(b, 0, cap);
		b[0] = GMP_IGMP_V3_REPORT;
		net_put_be16(b + 6, 2);
		b[8] = GMP_REC_ALLOW;
		net_put_be16(b + 10, (uint16_t)n1);
		b[16 + 4 * n1] = GMP_REC_BLOCK;
		net_put_be16(b + 18 + 4 * n1, (uint16_t)n2);
		n = 24 + 4 * (n1 + n2);
		fix_csum(b, n);
		assert_int_equal(decode_copy(NET_AF_IP4, b, n, P_NONE, m),
				 extra ? GMP_PKT_E_TOO_MANY : GMP_PKT_OK);
		if (!extra) {
			assert_int_equal(m->srcs_used, GMP_MAX_SOURCES);
			assert_int_equal(m->rec[1].src0, n1);
		}
	}
	/* 65535 records declared in a short report. */
	net_put_be16(b + 6, 0xffff);
	fix_csum(b, 64);
	assert_int_equal(decode_copy(NET_AF_IP4, b, 64, P_NONE, m),
			 GMP_PKT_E_LENGTH);
	free(m);
	free(b);
}

/* ---- robustness ---- */

/* Every prefix of every good vector decodes without harm. */
static void test_truncation(void **state)
{
	struct gmp_msg *m = new_msg();

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t b[256];
		size_t n = nt_hex(v->hex, b, sizeof(b));
		size_t fixed = v->af == NET_AF_IP6 ? 24 : 8;

		if (v->expect != GMP_PKT_OK)
			continue;
		if (v->type == GMP_T_REPORT_V3)
			fixed = 8;
		for (size_t k = 0; k < n; k++) {
			enum gmp_pkt_err e =
				decode_copy(v->af, b, k, v->pair, m);

			if (k < fixed && e == GMP_PKT_OK)
				fail_msg("%s: %zu-byte prefix accepted",
					 v->name, k);
		}
	}
	free(m);
}

/* The checksum catches every single-bit error. */
static void test_bit_flips(void **state)
{
	struct gmp_msg *m = new_msg();
	unsigned flips = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t b[256];
		size_t n = nt_hex(v->hex, b, sizeof(b));

		if (v->expect != GMP_PKT_OK)
			continue;
		for (size_t bit = 0; bit < n * 8; bit++) {
			b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			if (decode_copy(v->af, b, n, v->pair, m) == GMP_PKT_OK)
				fail_msg("%s: bit %zu flipped, accepted",
					 v->name, bit);
			b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			flips++;
		}
	}
	assert_true(flips > 3000);
	free(m);
}

/* Random messages of random length with membership types. */
static void test_random(void **state)
{
	static const uint8_t types[] = { 0x11, 0x12, 0x16, 0x17, 0x22, 0x13,
					 130,  131,  132,  143,	 0x00, 0xff };
	struct gmp_msg *m = new_msg();
	struct sim_rng rng;
	uint8_t b[300];
	unsigned ok = 0;

	(void)state;
	sim_rng_seed(&rng, 7, "gmp_pkt_test");
	for (int i = 0; i < 20000; i++) {
		size_t n = (size_t)sim_rng_below(&rng, sizeof(b) + 1);
		enum net_af af = i & 1 ? NET_AF_IP6 : NET_AF_IP4;

		for (size_t k = 0; k < n; k++)
			b[k] = (uint8_t)sim_rng_next(&rng);
		if (n)
			b[0] = types[sim_rng_below(&rng, ARRAY_LEN(types))];
		/* Small counts, so the bodies get walked. */
		if (n > 11 && (i & 2)) {
			b[6] = 0;
			b[10] = 0;
			b[7] &= 3;
			b[11] &= 3;
		}
		if (af == NET_AF_IP4 && n >= 4)
			fix_csum(b, n); /* reach past the checksum */
		if (decode_copy(af, b, n, af == NET_AF_IP6 ? P_ALL : P_NONE,
				m) == GMP_PKT_OK)
			ok++;
	}
	assert_true(ok > 100); /* the random bodies were really parsed */
	free(m);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(gmp_type_name(GMP_T_QUERY), "query");
	assert_string_equal(gmp_type_name(GMP_T_REPORT_V1), "v1-report");
	assert_string_equal(gmp_type_name(GMP_T_REPORT_V2), "v2-report");
	assert_string_equal(gmp_type_name(GMP_T_LEAVE), "leave");
	assert_string_equal(gmp_type_name(GMP_T_REPORT_V3), "v3-report");
	assert_string_equal(gmp_type_name(GMP_T__COUNT), "unknown");
	assert_string_equal(gmp_rec_type_name(GMP_REC_IS_IN), "IS_IN");
	assert_string_equal(gmp_rec_type_name(GMP_REC_BLOCK), "BLOCK");
	assert_string_equal(gmp_rec_type_name(0), "unknown");
	assert_string_equal(gmp_rec_type_name(7), "unknown");
	for (int e = 0; e < GMP_PKT_E__COUNT; e++) {
		assert_non_null(gmp_pkt_err_name(e));
		for (int f = 0; f < e; f++)
			assert_string_not_equal(gmp_pkt_err_name(e),
						gmp_pkt_err_name(f));
	}
	assert_string_equal(gmp_pkt_err_name(GMP_PKT_E__COUNT), "unknown");
	assert_string_equal(gmp_pkt_err_name(GMP_PKT_E_CHECKSUM),
			    "bad-checksum");
}

static void test_well_known(void **state)
{
	char s[NET_ADDR_STRLEN];
	const struct {
		const struct net_addr *a;
		const char *want;
	} tab[] = {
		{ &gmp_all_hosts4, "224.0.0.1" },
		{ &gmp_all_routers4, "224.0.0.2" },
		{ &gmp_v3_routers4, "224.0.0.22" },
		{ &gmp_all_nodes6, "ff02::1" },
		{ &gmp_all_routers6, "ff02::2" },
		{ &gmp_v2_routers6, "ff02::16" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(tab); i++) {
		net_addr_fmt(tab[i].a, s, sizeof(s));
		assert_string_equal(s, tab[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_reencode),
		cmocka_unit_test(test_igmp_codes),
		cmocka_unit_test(test_mld_codes),
		cmocka_unit_test(test_encode_rounding),
		cmocka_unit_test(test_encode_v3_query_fields),
		cmocka_unit_test(test_encode_invalid),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_bit_flips),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_well_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
