/*
 * Tests of the VRRP advertisement codec (RFC 3768 section 5, RFC 5798
 * section 5): a table of hand-assembled vectors whose checksums were
 * computed outside this code (a few lines of Python: RFC 1071 sum, with the
 * section 5.2.8 pseudo-header for v3) covering VRRPv2 with and without
 * simple-text authentication, VRRPv3 over IPv4 and over IPv6 with several
 * addresses, and every rejection reason; the encoder must reproduce each
 * good vector byte for byte; the interval is converted and rounded as
 * documented; and truncation, every single-bit flip and random bytes, all
 * decoded from exact-size heap copies, never crash (the sanitizer build
 * proves no stray read) and never pass a damaged message.
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

#include "protocols/vrrp/vrrp_pkt.h"
#include "sim/net/net_csum.h"
#include "sim/net/net_testutil.h"
#include "sim/core/sim_rng.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The IP source/destination pairs a vector is received with. */
enum pair {
	P4,	  /* 192.0.2.2 -> 224.0.0.18 */
	P6,	  /* fe80::1 -> ff02::12 */
	P6_OTHER, /* fe80::2 -> ff02::12: not the checksummed source */
	PNONE,	  /* no addresses given */
	P4_TO_6,  /* 192.0.2.2 -> ff02::12: families disagree */
};

static const struct net_addr src4 = { NET_AF_IP4, { 192, 0, 2, 2 } };
static const struct net_addr src6 = { NET_AF_IP6, { 0xfe, 0x80, [15] = 1 } };
static const struct net_addr src6b = { NET_AF_IP6, { 0xfe, 0x80, [15] = 2 } };

static void pair_addrs(enum pair p, const struct net_addr **s,
		       const struct net_addr **d)
{
	static const struct net_addr *const tab[][2] = {
		[P4] = { &src4, &vrrp_group4 },
		[P6] = { &src6, &vrrp_group6 },
		[P6_OTHER] = { &src6b, &vrrp_group6 },
		[PNONE] = { NULL, NULL },
		[P4_TO_6] = { &src4, &vrrp_group6 },
	};

	*s = tab[p][0];
	*d = tab[p][1];
}

#define A4(a, b, c, d)                                                         \
	{                                                                      \
		NET_AF_IP4,                                                    \
		{                                                              \
			a, b, c, d                                             \
		}                                                              \
	}
#define A6(...)                                                                \
	{                                                                      \
		NET_AF_IP6,                                                    \
		{                                                              \
			__VA_ARGS__                                            \
		}                                                              \
	}
#define DB8(x) A6(0x20, 0x01, 0x0d, 0xb8, [15] = x)

static const struct vrrp_adv want_v2 = {
	.version = 2,
	.type = 1,
	.vrid = 1,
	.priority = 100,
	.naddrs = 1,
	.af = NET_AF_IP4,
	.adver_int = SIM_S(1),
	.checksum = 0xb8fa,
	.addrs = { A4(192, 0, 2, 1) },
};
static const struct vrrp_adv want_v2_prio0 = {
	.version = 2,
	.type = 1,
	.vrid = 1,
	.priority = 0,
	.naddrs = 1,
	.af = NET_AF_IP4,
	.adver_int = SIM_S(1),
	.checksum = 0x1cfb,
	.addrs = { A4(192, 0, 2, 1) },
};
static const struct vrrp_adv want_v2_simple = {
	.version = 2,
	.type = 1,
	.vrid = 7,
	.priority = 255,
	.naddrs = 2,
	.af = NET_AF_IP4,
	.adver_int = SIM_S(3),
	.checksum = 0x4284,
	.auth_type = VRRP_AUTH_SIMPLE,
	.auth_data = "failsim",
	.addrs = { A4(192, 0, 2, 1), A4(198, 51, 100, 1) },
};
static const struct vrrp_adv want_v2_simple8 = {
	.version = 2,
	.type = 1,
	.vrid = 255,
	.priority = 1,
	.naddrs = 1,
	.af = NET_AF_IP4,
	.adver_int = SIM_S(255),
	.checksum = 0x002b,
	.auth_type = VRRP_AUTH_SIMPLE,
	.auth_data = { '1', '2', '3', '4', '5', '6', '7', '8' },
	.addrs = { A4(10, 0, 0, 1) },
};
static const struct vrrp_adv want_v2_ah = {
	.version = 2,
	.type = 1,
	.vrid = 2,
	.priority = 100,
	.naddrs = 1,
	.af = NET_AF_IP4,
	.adver_int = SIM_S(1),
	.checksum = 0xb6f9,
	.auth_type = VRRP_AUTH_AH,
	.addrs = { A4(192, 0, 2, 1) },
};
static const struct vrrp_adv want_v2_n16 = {
	.version = 2,
	.type = 1,
	.vrid = 1,
	.priority = 100,
	.naddrs = 16,
	.af = NET_AF_IP4,
	.adver_int = SIM_S(1),
	.checksum = 0xda64,
	.addrs = { A4(10, 0, 0, 1), A4(10, 0, 0, 2), A4(10, 0, 0, 3),
		   A4(10, 0, 0, 4), A4(10, 0, 0, 5), A4(10, 0, 0, 6),
		   A4(10, 0, 0, 7), A4(10, 0, 0, 8), A4(10, 0, 0, 9),
		   A4(10, 0, 0, 10), A4(10, 0, 0, 11), A4(10, 0, 0, 12),
		   A4(10, 0, 0, 13), A4(10, 0, 0, 14), A4(10, 0, 0, 15),
		   A4(10, 0, 0, 16) },
};
static const struct vrrp_adv want_v3_4 = {
	.version = 3,
	.type = 1,
	.vrid = 5,
	.priority = 200,
	.naddrs = 1,
	.af = NET_AF_IP4,
	.adver_int = SIM_S(1),
	.checksum = 0xa201,
	.addrs = { A4(192, 0, 2, 1) },
};
/* Max Adver Int 4095 cs with all reserved bits set (ignored, 5.2.6). */
static const struct vrrp_adv want_v3_4_max = {
	.version = 3,
	.type = 1,
	.vrid = 5,
	.priority = 200,
	.naddrs = 2,
	.af = NET_AF_IP4,
	.adver_int = SIM_CS(4095),
	.checksum = 0xe055,
	.addrs = { A4(192, 0, 2, 1), A4(192, 0, 2, 10) },
};
static const struct vrrp_adv want_v3_6 = {
	.version = 3,
	.type = 1,
	.vrid = 10,
	.priority = 100,
	.naddrs = 3,
	.af = NET_AF_IP6,
	.adver_int = SIM_S(1),
	.checksum = 0x1258,
	.addrs = { A6(0xfe, 0x80, [15] = 1), DB8(1), DB8(2) },
};
static const struct vrrp_adv want_v3_6_owner = {
	.version = 3,
	.type = 1,
	.vrid = 1,
	.priority = 255,
	.naddrs = 1,
	.af = NET_AF_IP6,
	.adver_int = SIM_CS(1),
	.checksum = 0xd35a,
	.addrs = { A6(0xfe, 0x80, [15] = 1) },
};

struct vector {
	const char *name;
	const char *hex; /* spaces ignored */
	enum pair pair;
	enum vrrp_pkt_err expect;
	const struct vrrp_adv *want; /* decoded fields, for good vectors */
	bool reencode;		     /* the encoder gives the same bytes */
};

#define V2_NOAUTH "21016401 0001b8fa c0000201 00000000 00000000"
#define V2_SIMPLE "2107ff02 01034284 c0000201 c6336401 6661696c 73696d00"
#define V3_4	  "3105c801 0064a201 c0000201"
#define V3_6                                                                   \
	"310a6403 00641258 fe800000 00000000 00000000 00000001"                \
	"20010db8 00000000 00000000 00000001"                                  \
	"20010db8 00000000 00000000 00000002"
#define V2_N16_HEAD "21016410 0001da64"
#define V2_N16_ADDRS                                                           \
	"0a000001 0a000002 0a000003 0a000004 0a000005 0a000006 0a000007"       \
	"0a000008 0a000009 0a00000a 0a00000b 0a00000c 0a00000d 0a00000e"       \
	"0a00000f 0a000010"

static const struct vector vectors[] = {
	/* Good. */
	{ "v2-no-auth", V2_NOAUTH, P4, VRRP_PKT_OK, &want_v2, true },
	{ "v2-no-auth-without-addresses", V2_NOAUTH, PNONE, VRRP_PKT_OK,
	  &want_v2, true },
	/* Auth Type 0 with the Authentication Data left out (as in
	 * PcapPlusPlus's VRRP-V2.pcap): accepted, see vrrp_pkt.c. */
	{ "v2-no-auth-without-auth-data", "21016401 0001b8fa c0000201", P4,
	  VRRP_PKT_OK, &want_v2 },
	{ "v2-priority-0-resign",
	  "21010001 00011cfb c0000201 00000000 00000000", P4, VRRP_PKT_OK,
	  &want_v2_prio0, true },
	{ "v2-simple-text-auth", V2_SIMPLE, P4, VRRP_PKT_OK, &want_v2_simple,
	  true },
	{ "v2-simple-8-chars-vrid255-int255",
	  "21ff0101 01ff002b 0a000001 31323334 35363738", P4, VRRP_PKT_OK,
	  &want_v2_simple8, true },
	{ "v2-auth-ah", "21026401 0201b6f9 c0000201 00000000 00000000", P4,
	  VRRP_PKT_OK, &want_v2_ah, true },
	{ "v2-16-addresses", V2_N16_HEAD V2_N16_ADDRS "00000000 00000000", P4,
	  VRRP_PKT_OK, &want_v2_n16, true },
	{ "v3-ipv4", V3_4, P4, VRRP_PKT_OK, &want_v3_4, true },
	{ "v3-ipv4-max-int-rsvd-set", "3105c802 ffffe055 c0000201 c000020a", P4,
	  VRRP_PKT_OK, &want_v3_4_max, false },
	{ "v3-ipv6-3-addresses", V3_6, P6, VRRP_PKT_OK, &want_v3_6, true },
	{ "v3-ipv6-owner-1cs",
	  "3101ff01 0001d35a fe800000 00000000 00000000"
	  "00000001",
	  P6, VRRP_PKT_OK, &want_v3_6_owner, true },
	/* VRRP_PKT_E_SHORT */
	{ "empty", "", P4, VRRP_PKT_E_SHORT },
	{ "one-byte", "21", P4, VRRP_PKT_E_SHORT },
	{ "seven-bytes", "21016401 0001b8", P4, VRRP_PKT_E_SHORT },
	/* VRRP_PKT_E_VERSION */
	{ "version-0", "01016401 0001d8fa c0000201 00000000 00000000", P4,
	  VRRP_PKT_E_VERSION },
	{ "version-1", "11016401 0001c8fa c0000201 00000000 00000000", P4,
	  VRRP_PKT_E_VERSION },
	{ "version-4", "4105c801 0064a201 c0000201", P4, VRRP_PKT_E_VERSION },
	{ "version-15", "f105c801 0064a201 c0000201", P4, VRRP_PKT_E_VERSION },
	{ "v2-over-ipv6", V2_NOAUTH, P6, VRRP_PKT_E_VERSION },
	/* VRRP_PKT_E_TYPE */
	{ "type-0", "20016401 0001b9fa c0000201 00000000 00000000", P4,
	  VRRP_PKT_E_TYPE },
	{ "type-2", "22016401 0001b7fa c0000201 00000000 00000000", P4,
	  VRRP_PKT_E_TYPE },
	{ "v3-type-15", "3f05c801 0064a201 c0000201", P4, VRRP_PKT_E_TYPE },
	/* VRRP_PKT_E_NADDRS */
	{ "v2-zero-addresses", "21016400 0001b8fa 00000000 00000000", P4,
	  VRRP_PKT_E_NADDRS },
	{ "v3-zero-addresses", "3105c800 0064a201", P4, VRRP_PKT_E_NADDRS },
	{ "v2-17-addresses",
	  "21016411 0001da64" V2_N16_ADDRS "0a000011 00000000 00000000", P4,
	  VRRP_PKT_E_NADDRS },
	{ "count-255", "3105c8ff 0064a201 c0000201", P4, VRRP_PKT_E_NADDRS },
	/* VRRP_PKT_E_LENGTH */
	{ "v2-trailing-byte", V2_NOAUTH "00", P4, VRRP_PKT_E_LENGTH },
	{ "v2-simple-auth-without-auth-data",
	  "2107ff02 01034284 c0000201 c6336401", P4, VRRP_PKT_E_LENGTH },
	{ "v2-auth-data-cut", "21016401 0001b8fa c0000201 00000000 000000", P4,
	  VRRP_PKT_E_LENGTH },
	{ "v2-count-2-one-address",
	  "21016402 0001b8f9 c0000201 00000000 00000000", P4,
	  VRRP_PKT_E_LENGTH },
	{ "v3-ipv4-received-over-ipv6", V3_4, P6, VRRP_PKT_E_LENGTH },
	{ "v3-ipv4-address-cut", "3105c801 0064a201 c00002", P4,
	  VRRP_PKT_E_LENGTH },
	{ "v3-ipv4-with-v2-auth-data", V3_4 "00000000 00000000", P4,
	  VRRP_PKT_E_LENGTH },
	{ "v3-ipv6-count-4-three-addresses",
	  "310a6404 00641258 fe800000 00000000 00000000 00000001"
	  "20010db8 00000000 00000000 00000001"
	  "20010db8 00000000 00000000 00000002",
	  P6, VRRP_PKT_E_LENGTH },
	/* VRRP_PKT_E_CHECKSUM */
	{ "v2-checksum-off-by-one",
	  "21016401 0001b8fb c0000201 00000000 00000000", P4,
	  VRRP_PKT_E_CHECKSUM },
	{ "v2-auth-data-changed",
	  "2107ff02 01034284 c0000201 c6336401 6661696c 73696d01", P4,
	  VRRP_PKT_E_CHECKSUM },
	{ "v3-ipv4-checksum-without-pseudo-header",
	  "3105c801 00644493 c0000201", P4, VRRP_PKT_E_CHECKSUM },
	{ "v3-ipv6-other-source", V3_6, P6_OTHER, VRRP_PKT_E_CHECKSUM },
	{ "v3-without-addresses", V3_4, PNONE, VRRP_PKT_E_CHECKSUM },
	{ "v3-families-disagree", V3_4, P4_TO_6, VRRP_PKT_E_CHECKSUM },
	{ "v3-zero-checksum", "3105c801 00640000 c0000201", P4,
	  VRRP_PKT_E_CHECKSUM },
	/* VRRP_PKT_E_AUTH_TYPE */
	{ "v2-auth-type-3", "21016401 0301b5fa c0000201 00000000 00000000", P4,
	  VRRP_PKT_E_AUTH_TYPE },
	{ "v2-auth-type-255", "21016401 ff01b9f9 c0000201 00000000 00000000",
	  P4, VRRP_PKT_E_AUTH_TYPE },
};

/* Decode n bytes from an exact-size heap copy (ASan sees any overread). */
static enum vrrp_pkt_err decode_copy(const uint8_t *p, size_t n, enum pair pr,
				     struct vrrp_adv *out)
{
	uint8_t *copy = malloc(n ? n : 1);
	const struct net_addr *s, *d;
	enum vrrp_pkt_err e;

	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	pair_addrs(pr, &s, &d);
	e = vrrp_pkt_decode(n ? copy : NULL, n, s, d, out);
	free(copy);
	return e;
}

static void assert_adv_equal(const char *name, const struct vrrp_adv *got,
			     const struct vrrp_adv *want)
{
	if (got->version != want->version || got->type != want->type ||
	    got->vrid != want->vrid || got->priority != want->priority ||
	    got->naddrs != want->naddrs || got->af != want->af ||
	    got->adver_int != want->adver_int ||
	    got->checksum != want->checksum ||
	    got->auth_type != want->auth_type ||
	    memcmp(got->auth_data, want->auth_data, VRRP_V2_AUTH_LEN) != 0)
		fail_msg("%s: decoded header differs (vrid %u prio %u n %u "
			 "int %lld csum %04x auth %u)",
			 name, got->vrid, got->priority, got->naddrs,
			 (long long)got->adver_int, got->checksum,
			 got->auth_type);
	for (unsigned i = 0; i < VRRP_MAX_ADDRS; i++)
		if (memcmp(&got->addrs[i], &want->addrs[i],
			   sizeof(got->addrs[i])) != 0)
			fail_msg("%s: address %u differs", name, i);
}

static void test_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t buf[512];
		size_t n = nt_hex(v->hex, buf, sizeof(buf));
		struct vrrp_adv a;
		enum vrrp_pkt_err e = decode_copy(buf, n, v->pair, &a);

		if (e != v->expect)
			fail_msg("%s: got %s, want %s", v->name,
				 vrrp_pkt_err_name(e),
				 vrrp_pkt_err_name(v->expect));
		if (v->want)
			assert_adv_equal(v->name, &a, v->want);
	}
}

/* Every good vector is what the encoder writes for its decoded fields. */
static void test_encode_vectors(void **state)
{
	unsigned checked = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		const struct net_addr *s, *d;
		uint8_t want[512], got[512];
		size_t n;
		int len;

		if (!v->reencode)
			continue;
		n = nt_hex(v->hex, want, sizeof(want));
		pair_addrs(v->pair, &s, &d);
		len = vrrp_pkt_encode(v->want, s, d, got, sizeof(got));
		if (len != (int)n || memcmp(got, want, n) != 0)
			fail_msg("%s: encoder output differs (len %d, want "
				 "%zu)",
				 v->name, len, n);
		/* Every smaller buffer is refused. */
		for (size_t cap = 0; cap < n; cap++)
			assert_int_equal(
				vrrp_pkt_encode(v->want, s, d, got, cap), -1);
		checked++;
	}
	assert_int_equal(checked, 10);
}

static sim_time_t int_roundtrip(uint8_t version, sim_time_t ival)
{
	struct vrrp_adv a = want_v2, b;
	const struct net_addr *s = version == 3 ? &src4 : NULL;
	const struct net_addr *d = version == 3 ? &vrrp_group4 : NULL;
	uint8_t buf[64];
	int n;

	a.version = version;
	a.adver_int = ival;
	n = vrrp_pkt_encode(&a, s, d, buf, sizeof(buf));
	if (n < 0)
		return -1;
	assert_int_equal(vrrp_pkt_decode(buf, (size_t)n, s, d, &b),
			 VRRP_PKT_OK);
	return b.adver_int;
}

/* Interval conversion: rounded down to the unit, at least 1, at most the
 * field's maximum (larger or negative intervals are refused). */
static void test_interval(void **state)
{
	static const struct {
		uint8_t version;
		sim_time_t in, out;
	} t[] = {
		{ 2, SIM_S(1), SIM_S(1) },
		{ 2, SIM_MS(1999), SIM_S(1) },
		{ 2, SIM_MS(2000), SIM_S(2) },
		{ 2, 0, SIM_S(1) },
		{ 2, SIM_MS(300), SIM_S(1) },
		{ 2, SIM_S(255), SIM_S(255) },
		{ 2, SIM_S(256) - 1, SIM_S(255) },
		{ 2, SIM_S(256), -1 },
		{ 2, -1, -1 },
		{ 3, SIM_S(1), SIM_S(1) },
		{ 3, SIM_MS(15), SIM_CS(1) },
		{ 3, SIM_MS(1), SIM_CS(1) },
		{ 3, 0, SIM_CS(1) },
		{ 3, SIM_MS(129), SIM_CS(12) },
		{ 3, SIM_CS(4095), SIM_CS(4095) },
		{ 3, SIM_CS(4096) - 1, SIM_CS(4095) },
		{ 3, SIM_CS(4096), -1 },
		{ 3, SIM_TIME_NEVER, -1 },
		{ 3, -SIM_S(1), -1 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		sim_time_t got = int_roundtrip(t[i].version, t[i].in);

		if (got != t[i].out)
			fail_msg("v%u interval %lld: got %lld, want %lld",
				 t[i].version, (long long)t[i].in,
				 (long long)got, (long long)t[i].out);
	}
}

/* What the encoder refuses, and type 0 meaning ADVERTISEMENT. */
static void test_encode_errors(void **state)
{
	uint8_t buf[512];
	struct vrrp_adv a;

	(void)state;
	a = want_v2;
	a.version = 1;
	assert_int_equal(vrrp_pkt_encode(&a, &src4, &vrrp_group4, buf, 512),
			 -1);
	a.version = 4;
	assert_int_equal(vrrp_pkt_encode(&a, &src4, &vrrp_group4, buf, 512),
			 -1);
	a = want_v3_6;
	a.version = 2; /* v2 is IPv4 only */
	assert_int_equal(vrrp_pkt_encode(&a, &src6, &vrrp_group6, buf, 512),
			 -1);
	a = want_v3_6;
	assert_int_equal(vrrp_pkt_encode(&a, NULL, NULL, buf, 512), -1);
	assert_int_equal(vrrp_pkt_encode(&a, &src4, &vrrp_group4, buf, 512),
			 -1);
	assert_int_equal(vrrp_pkt_encode(&a, &src6, &vrrp_group4, buf, 512),
			 -1);
	a.addrs[2] = want_v2.addrs[0]; /* an IPv4 address in a v6 list */
	assert_int_equal(vrrp_pkt_encode(&a, &src6, &vrrp_group6, buf, 512),
			 -1);
	a = want_v3_4;
	a.af = NET_AF_NONE;
	assert_int_equal(vrrp_pkt_encode(&a, &src4, &vrrp_group4, buf, 512),
			 -1);
	a = want_v2_n16;
	a.naddrs = 0;
	assert_int_equal(vrrp_pkt_encode(&a, NULL, NULL, buf, 512), -1);
	a.naddrs = VRRP_MAX_ADDRS + 1;
	assert_int_equal(vrrp_pkt_encode(&a, NULL, NULL, buf, 512), -1);
	a = want_v2;
	a.auth_type = 3;
	assert_int_equal(vrrp_pkt_encode(&a, NULL, NULL, buf, 512), -1);
	a.auth_type = 0;
	a.type = 16;
	assert_int_equal(vrrp_pkt_encode(&a, NULL, NULL, buf, 512), -1);
	a.type = 0; /* unset: ADVERTISEMENT */
	assert_int_equal(vrrp_pkt_encode(&a, NULL, NULL, buf, 512), 20);
	assert_int_equal(buf[0], 0x21);
	a.type = 2; /* any other type is written as asked */
	assert_int_equal(vrrp_pkt_encode(&a, NULL, NULL, buf, 512), 20);
	assert_int_equal(buf[0], 0x22);
	a = want_v3_4; /* v3 ignores the v2 authentication fields */
	a.auth_type = 200;
	assert_int_equal(vrrp_pkt_encode(&a, &src4, &vrrp_group4, buf, 512),
			 12);
}

/* Encode -> decode of every version, family and address count. */
static void test_roundtrip(void **state)
{
	(void)state;
	for (uint8_t version = 2; version <= 3; version++) {
		for (int six = 0; six <= (version == 3); six++) {
			for (uint8_t n = 1; n <= VRRP_MAX_ADDRS; n++) {
				struct vrrp_adv a = { 0 }, b;
				const struct net_addr *s = six ? &src6 : &src4;
				const struct net_addr *d =
					six ? &vrrp_group6 : &vrrp_group4;
				uint8_t buf[512];
				int len;

				a.version = version;
				a.type = VRRP_TYPE_ADVERT;
				a.vrid = (uint8_t)(n * 15);
				a.priority = (uint8_t)(n * 16 - 1);
				a.naddrs = n;
				a.af = six ? NET_AF_IP6 : NET_AF_IP4;
				a.adver_int = version == 2 ? SIM_S(n)
							   : SIM_CS(n * 250);
				if (version == 2 && n % 2) {
					a.auth_type = VRRP_AUTH_SIMPLE;
					memcpy(a.auth_data, "pw", 2);
				}
				for (uint8_t i = 0; i < n; i++) {
					a.addrs[i].af = (uint8_t)a.af;
					a.addrs[i].b[0] = six ? 0xfe : 10;
					a.addrs[i].b[six ? 15 : 3] =
						(uint8_t)(i + 1);
				}
				len = vrrp_pkt_encode(&a, s, d, buf,
						      sizeof(buf));
				assert_int_equal(
					len, 8 + n * (six ? 16 : 4) +
						     (version == 2 ? 8 : 0));
				assert_int_equal(vrrp_pkt_decode(buf,
								 (size_t)len, s,
								 d, &b),
						 VRRP_PKT_OK);
				a.checksum = (uint16_t)(buf[6] << 8 | buf[7]);
				assert_adv_equal("roundtrip", &b, &a);
			}
		}
	}
}

/*
 * The guarantee on VRRP_PKT_E_CHECKSUM (vrrp_pkt.c): the message is decoded
 * in full, addresses and v2 Authentication Data included, as it would be
 * with the right checksum, for v2, v3/IPv4 (also the RFC 9568 form
 * without the pseudo-header) and v3/IPv6; with no family nothing past the
 * fixed header is read.
 */
static void test_checksum_error_decodes(void **state)
{
	static const struct {
		const struct vrrp_adv *want;
		enum pair pr;
	} cases[] = {
		{ &want_v2, P4 },
		{ &want_v2_simple8, P4 },
		{ &want_v3_4, P4 },
		{ &want_v3_6, P6 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct vrrp_adv a = *cases[i].want, b;
		const struct net_addr *s, *d;
		uint8_t buf[512];
		int len;

		pair_addrs(cases[i].pr, &s, &d);
		len = vrrp_pkt_encode(&a, s, d, buf, sizeof(buf));
		assert_true(len > 8);
		buf[7] ^= 0x01; /* a checksum one bit off */
		a.checksum = (uint16_t)(buf[6] << 8 | buf[7]);
		assert_int_equal(decode_copy(buf, (size_t)len, cases[i].pr, &b),
				 VRRP_PKT_E_CHECKSUM);
		assert_adv_equal("checksum-error", &b, &a);
	}
	/* v3/IPv4 sent with the checksum over the message alone. */
	{
		uint8_t buf[64];
		struct vrrp_adv b, a = want_v3_4;
		int len = vrrp_pkt_encode(&a, &src4, &vrrp_group4, buf,
					  sizeof(buf));
		uint16_t c;

		assert_true(len > 0);
		buf[6] = buf[7] = 0;
		c = net_csum(buf, (size_t)len);
		buf[6] = (uint8_t)(c >> 8);
		buf[7] = (uint8_t)c;
		a.checksum = c;
		assert_int_equal(decode_copy(buf, (size_t)len, P4, &b),
				 VRRP_PKT_E_CHECKSUM);
		assert_adv_equal("no-pseudo-header", &b, &a);
		/* No family: only the fixed header. */
		assert_int_equal(decode_copy(buf, (size_t)len, PNONE, &b),
				 VRRP_PKT_E_CHECKSUM);
		assert_int_equal(b.vrid, a.vrid);
		assert_int_equal(b.addrs[0].af, NET_AF_NONE);
	}
}

/* A v2 message of Auth Type 0 whose Authentication Data was left out. */
static bool v2_without_auth_data(const struct vrrp_adv *a, size_t len)
{
	return a->version == 2 && a->auth_type == VRRP_AUTH_NONE &&
	       len == 8 + (size_t)a->naddrs * 4;
}

/* Every prefix of a good message is rejected (but the one without the v2
 * Authentication Data when Auth Type is 0); every single-bit flip too
 * (each changes the one's complement sum, if nothing earlier catches it). */
static void test_truncate_and_flip(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t buf[512];
		size_t n = nt_hex(v->hex, buf, sizeof(buf));
		struct vrrp_adv a;

		if (v->expect != VRRP_PKT_OK)
			continue;
		for (size_t cut = 0; cut < n; cut++)
			if (decode_copy(buf, cut, v->pair, &a) == VRRP_PKT_OK &&
			    !v2_without_auth_data(&a, cut))
				fail_msg("%s: accepted cut to %zu bytes",
					 v->name, cut);
		for (size_t bit = 0; bit < n * 8; bit++) {
			buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			if (decode_copy(buf, n, v->pair, &a) == VRRP_PKT_OK)
				fail_msg("%s: accepted bit %zu flipped",
					 v->name, bit);
			buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		assert_int_equal(decode_copy(buf, n, v->pair, &a), VRRP_PKT_OK);
	}
}

/* Random bytes, often with a plausible header, never crash; whatever is
 * accepted is consistent and re-encodes to the same bytes. */
static void test_fuzz(void **state)
{
	struct sim_rng rng;
	unsigned ok = 0;

	(void)state;
	sim_rng_seed(&rng, 5798, "vrrp-fuzz");
	for (int iter = 0; iter < 20000; iter++) {
		uint8_t buf[300], again[300];
		size_t n = (size_t)sim_rng_below(&rng, sizeof(buf) + 1);
		enum pair pr = (enum pair)sim_rng_below(&rng, P4_TO_6 + 1);
		const struct net_addr *s, *d;
		struct vrrp_adv a;
		enum vrrp_pkt_err e;

		for (size_t i = 0; i < n; i++)
			buf[i] = (uint8_t)sim_rng_next(&rng);
		if (n > 3 && sim_rng_below(&rng, 2)) {
			buf[0] = sim_rng_below(&rng, 2) ? 0x21 : 0x31;
			buf[3] = (uint8_t)sim_rng_below(&rng, 18);
		}
		e = decode_copy(buf, n, pr, &a);
		assert_true((unsigned)e < VRRP_PKT_E__COUNT);
		assert_non_null(vrrp_pkt_err_name(e));
		if (e != VRRP_PKT_OK)
			continue;
		ok++;
		assert_true(a.naddrs >= 1 && a.naddrs <= VRRP_MAX_ADDRS);
		pair_addrs(pr, &s, &d);
		if (a.version == 2 &&
		    (a.adver_int == 0 || v2_without_auth_data(&a, n)))
			continue; /* the encoder writes at least 1, and the
				   * Authentication Data */
		if (a.version == 3 && (buf[4] & 0xf0 || a.adver_int == 0))
			continue; /* reserved bits, or interval 0 */
		assert_int_equal(
			vrrp_pkt_encode(&a, s, d, again, sizeof(again)),
			(int)n);
		assert_memory_equal(again, buf, n);
	}
	/* Random checksums pass about once in 65536: no assertion on ok. */
	(void)ok;
}

static void test_names_and_groups(void **state)
{
	char s[NET_ADDR_STRLEN];

	(void)state;
	for (int e = 0; e < VRRP_PKT_E__COUNT; e++) {
		const char *n = vrrp_pkt_err_name(e);

		assert_non_null(n);
		assert_string_not_equal(n, "unknown");
		for (int f = 0; f < e; f++)
			assert_string_not_equal(n, vrrp_pkt_err_name(f));
	}
	assert_string_equal(vrrp_pkt_err_name(VRRP_PKT_E_CHECKSUM),
			    "bad-checksum");
	assert_string_equal(vrrp_pkt_err_name(VRRP_PKT_E__COUNT), "unknown");
	assert_string_equal(vrrp_pkt_err_name((enum vrrp_pkt_err) - 1),
			    "unknown");
	net_addr_fmt(&vrrp_group4, s, sizeof(s));
	assert_string_equal(s, "224.0.0.18");
	net_addr_fmt(&vrrp_group6, s, sizeof(s));
	assert_string_equal(s, "ff02::12");
	assert_true(net_addr_is_multicast(&vrrp_group4));
	assert_true(net_addr_is_multicast(&vrrp_group6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_encode_vectors),
		cmocka_unit_test(test_interval),
		cmocka_unit_test(test_encode_errors),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_checksum_error_decodes),
		cmocka_unit_test(test_truncate_and_flip),
		cmocka_unit_test(test_fuzz),
		cmocka_unit_test(test_names_and_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
