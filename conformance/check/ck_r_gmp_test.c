/*
 * Tests of the per-packet rules of the "gmp" module (ck_r_gmp.c): a table
 * of IGMP and MLD messages built with the simulator's encoder, each
 * naming the rule it exercises and whether it must pass or fail (a
 * passing case must leave every rule clean); then the cases the encoder
 * cannot make (bad checksums, bad lengths, IGMP messages that are not
 * membership messages), the Router Alert quirk, and a mutation fuzz loop.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_gmp_testmsg.h"
#include "sim/net/net_csum.h"

#define T0 SIM_S(1700000000)

static struct gmp_msg msg; /* ~40 KB: not on the stack */

enum mk {
	MK_QUERY,
	MK_REPORT, /* v1/v2 report or leave: type field */
	MK_REPORT3,
};

struct pcase {
	const char *name;
	enum mk mk;
	enum net_af af;
	enum gmp_type type;
	uint8_t version;   /* queries */
	const char *group; /* NULL: general query */
	const char *src, *dst;
	uint8_t ttl;
	bool no_ra;
	uint8_t rec_type; /* v3 report: its one record (0: IS_EX) */
	uint8_t qrv;
	sim_time_t mrt, qqi;
	const char *rule; /* exercised */
	bool fail;
};

#define V4 NET_AF_IP4
#define V6 NET_AF_IP6
#define LL "fe80::1"

static const struct pcase cases[] = {
	/* ---- IGMP, good ---- */
	{ "v2 general query", MK_QUERY, V4, 0, 2, NULL, "10.0.0.1", "224.0.0.1",
	  1, false, 0, 0, SIM_S(10), 0, "igmp.query-dst" },
	{ "v1 query without RA", MK_QUERY, V4, 0, 1, NULL, "10.0.0.1",
	  "224.0.0.1", 1, true, 0, 0, 0, 0, "igmp.ttl" },
	{ "v3 general query", MK_QUERY, V4, 0, 3, NULL, "10.0.0.1", "224.0.0.1",
	  1, false, 0, 2, SIM_S(10), SIM_S(125), "igmp.query-mrt" },
	{ "v3 group query", MK_QUERY, V4, 0, 3, "239.1.1.1", "10.0.0.1",
	  "239.1.1.1", 1, false, 0, 2, SIM_S(1), SIM_S(125), "igmp.query-dst" },
	{ "v2 report", MK_REPORT, V4, GMP_T_REPORT_V2, 0, "239.1.1.1",
	  "10.0.0.5", "239.1.1.1", 1, false, 0, 0, 0, 0, "igmp.report-dst" },
	{ "v1 report without RA", MK_REPORT, V4, GMP_T_REPORT_V1, 0,
	  "239.1.1.1", "10.0.0.5", "239.1.1.1", 1, true, 0, 0, 0, 0,
	  "igmp.group" },
	{ "v2 leave", MK_REPORT, V4, GMP_T_LEAVE, 0, "239.1.1.1", "10.0.0.5",
	  "224.0.0.2", 1, false, 0, 0, 0, 0, "igmp.leave-dst" },
	{ "v3 report", MK_REPORT3, V4, 0, 0, "239.1.1.1", "0.0.0.0",
	  "224.0.0.22", 1, false, GMP_REC_TO_EX, 0, 0, 0,
	  "igmp.v3-report-dst" },
	/* ---- IGMP, bad ---- */
	{ "TTL 2", MK_REPORT, V4, GMP_T_REPORT_V2, 0, "239.1.1.1", "10.0.0.5",
	  "239.1.1.1", 2, false, 0, 0, 0, 0, "igmp.ttl", true },
	{ "v2 report without RA", MK_REPORT, V4, GMP_T_REPORT_V2, 0,
	  "239.1.1.1", "10.0.0.5", "239.1.1.1", 1, true, 0, 0, 0, 0,
	  "igmp.router-alert", true },
	{ "v3 report to the group", MK_REPORT3, V4, 0, 0, "239.1.1.1",
	  "10.0.0.5", "239.1.1.1", 1, false, GMP_REC_IS_EX, 0, 0, 0,
	  "igmp.v3-report-dst", true },
	{ "general query to the routers", MK_QUERY, V4, 0, 2, NULL, "10.0.0.1",
	  "224.0.0.2", 1, false, 0, 0, SIM_S(10), 0, "igmp.query-dst", true },
	{ "group query to all hosts", MK_QUERY, V4, 0, 2, "239.1.1.1",
	  "10.0.0.1", "224.0.0.1", 1, false, 0, 0, SIM_S(1), 0,
	  "igmp.query-dst", true },
	{ "leave to the group", MK_REPORT, V4, GMP_T_LEAVE, 0, "239.1.1.1",
	  "10.0.0.5", "239.1.1.1", 1, false, 0, 0, 0, 0, "igmp.leave-dst",
	  true },
	{ "v2 report to all hosts", MK_REPORT, V4, GMP_T_REPORT_V2, 0,
	  "239.1.1.1", "10.0.0.5", "224.0.0.1", 1, false, 0, 0, 0, 0,
	  "igmp.report-dst", true },
	{ "unicast group", MK_REPORT, V4, GMP_T_REPORT_V2, 0, "10.1.1.1",
	  "10.0.0.5", "10.1.1.1", 1, false, 0, 0, 0, 0, "igmp.group", true },
	{ "report for all-systems", MK_REPORT, V4, GMP_T_REPORT_V2, 0,
	  "224.0.0.1", "10.0.0.5", "224.0.0.1", 1, false, 0, 0, 0, 0,
	  "igmp.group-all-systems", true },
	{ "v3 record type 7", MK_REPORT3, V4, 0, 0, "239.1.1.1", "10.0.0.5",
	  "224.0.0.22", 1, false, 7, 0, 0, 0, "igmp.v3-rec-type", true },
	{ "QRV 1", MK_QUERY, V4, 0, 3, NULL, "10.0.0.1", "224.0.0.1", 1, false,
	  0, 1, SIM_S(10), SIM_S(125), "igmp.query-qrv", true },
	{ "MRT above QQI", MK_QUERY, V4, 0, 3, NULL, "10.0.0.1", "224.0.0.1", 1,
	  false, 0, 2, SIM_S(20), SIM_S(20), "igmp.query-mrt", true },
	/* ---- MLD, good ---- */
	{ "MLDv1 general query", MK_QUERY, V6, 0, 1, NULL, LL, "ff02::1", 1,
	  false, 0, 0, SIM_S(10), 0, "mld.query-dst" },
	{ "MLDv2 general query", MK_QUERY, V6, 0, 2, NULL, LL, "ff02::1", 1,
	  false, 0, 2, SIM_S(10), SIM_S(125), "mld.query-nsrc" },
	{ "MLDv1 report", MK_REPORT, V6, GMP_T_REPORT_V2, 0, "ff05::1:3", LL,
	  "ff05::1:3", 1, false, 0, 0, 0, 0, "mld.report-dst" },
	{ "MLDv1 done", MK_REPORT, V6, GMP_T_LEAVE, 0, "ff05::1:3", LL,
	  "ff02::2", 1, false, 0, 0, 0, 0, "mld.done-dst" },
	{ "MLDv2 report from ::", MK_REPORT3, V6, 0, 0, "ff02::1:ff00:1",
	  "::", "ff02::16", 1, false, GMP_REC_TO_EX, 0, 0, 0, "mld.src-ll" },
	/* ---- MLD, bad ---- */
	{ "hop limit 255", MK_REPORT3, V6, 0, 0, "ff05::1:3", LL, "ff02::16",
	  255, false, GMP_REC_IS_EX, 0, 0, 0, "mld.hop-limit", true },
	{ "no router alert", MK_REPORT3, V6, 0, 0, "ff05::1:3", LL, "ff02::16",
	  1, true, GMP_REC_IS_EX, 0, 0, 0, "mld.router-alert", true },
	{ "query from a global address", MK_QUERY, V6, 0, 2, NULL,
	  "2001:db8::1", "ff02::1", 1, false, 0, 2, SIM_S(10), SIM_S(125),
	  "mld.src-ll", true },
	{ "query from ::", MK_QUERY, V6, 0, 1, NULL, "::", "ff02::1", 1, false,
	  0, 0, SIM_S(10), 0, "mld.src-ll", true },
	{ "v2 report to ff02::2", MK_REPORT3, V6, 0, 0, "ff05::1:3", LL,
	  "ff02::2", 1, false, GMP_REC_IS_EX, 0, 0, 0, "mld.v2-report-dst",
	  true },
	{ "done to the group", MK_REPORT, V6, GMP_T_LEAVE, 0, "ff05::1:3", LL,
	  "ff05::1:3", 1, false, 0, 0, 0, 0, "mld.done-dst", true },
	{ "v1 report to ff02::16", MK_REPORT, V6, GMP_T_REPORT_V2, 0,
	  "ff05::1:3", LL, "ff02::16", 1, false, 0, 0, 0, 0, "mld.report-dst",
	  true },
	{ "unicast address reported", MK_REPORT3, V6, 0, 0, "2001:db8::9", LL,
	  "ff02::16", 1, false, GMP_REC_IS_EX, 0, 0, 0, "mld.group", true },
	{ "node-local scope", MK_REPORT3, V6, 0, 0, "ff01::5", LL, "ff02::16",
	  1, false, GMP_REC_IS_EX, 0, 0, 0, "mld.group-scope", true },
	{ "report for all-nodes", MK_REPORT, V6, GMP_T_REPORT_V2, 0, "ff02::1",
	  LL, "ff02::1", 1, false, 0, 0, 0, 0, "mld.group-scope", true },
	{ "MLDv2 record type 0", MK_REPORT3, V6, 0, 0, "ff05::1:3", LL,
	  "ff02::16", 1, false, 0xff, 0, 0, 0, "mld.v2-rec-type", true },
	{ "MLDv2 QRV 1", MK_QUERY, V6, 0, 2, NULL, LL, "ff02::1", 1, false, 0,
	  1, SIM_S(10), SIM_S(125), "mld.query-qrv", true },
	{ "MLDv2 MRD above QQI", MK_QUERY, V6, 0, 2, NULL, LL, "ff02::1", 1,
	  false, 0, 2, SIM_S(30), SIM_S(25), "mld.query-mrt", true },
};

static void build(const struct pcase *k)
{
	uint8_t t;
	const char *g;

	switch (k->mk) {
	case MK_QUERY:
		gmt_query(&msg, k->af, k->version, k->group, k->mrt, k->qrv,
			  k->qqi);
		break;
	case MK_REPORT:
		gmt_report(&msg, k->af, k->type, k->group);
		break;
	case MK_REPORT3:
		t = k->rec_type ? k->rec_type : GMP_REC_IS_EX;
		if (t == 0xff)
			t = 0;
		g = k->group;
		gmt_report3(&msg, k->af, &t, &g, 1);
		break;
	}
}

static void test_gmp_packet_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pcase *k = &cases[i];
		struct ckrt r;

		ckrt_open(&r, &ck_proto_gmp, NULL);
		build(k);
		gmt_send(&r, T0, &msg, k->src, k->dst, k->ttl, !k->no_ra);
		ckrt_finish(&r);
		if (ckrt_checked(&r, k->rule) == 0)
			fail_msg("%s: %s not checked", k->name, k->rule);
		if (k->fail && ckrt_failed(&r, k->rule) == 0)
			fail_msg("%s: %s did not fail", k->name, k->rule);
		if (!k->fail && ckrt_fails(&r) != 0) {
			ckrt_dump(&r, k->name);
			fail_msg("%s: a rule failed", k->name);
		}
		ckrt_free(&r);
	}
}

/* A v2 report with byte b of the IGMP message changed to v. */
static size_t igmp_patched(uint8_t *f, size_t cap, size_t b, uint8_t v)
{
	size_t n;

	gmt_report(&msg, V4, GMP_T_REPORT_V2, "239.1.1.1");
	n = gmt_frame(f, cap, &msg, "10.0.0.5", "239.1.1.1", 1, true);
	/* Ethernet 14 + IPv4 24 (Router Alert) */
	f[14 + 24 + b] = v;
	return n;
}

static void test_gmp_csum(void **state)
{
	uint8_t f[CKRT_FRAME_MAX];
	struct ckrt r;
	size_t n;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, NULL);
	n = igmp_patched(f, sizeof(f), 3, 0x00);
	ckrt_frame(&r, T0, f, n);
	assert_int_equal(ckrt_failed(&r, "igmp.csum"), 1);
	assert_non_null(strstr(ckrt_detail(&r, "igmp.csum"), "expected 0x"));
	ckrt_free(&r);

	/* MLD: a changed group breaks the pseudo-header checksum */
	ckrt_open(&r, &ck_proto_gmp, NULL);
	gmt_report(&msg, V6, GMP_T_REPORT_V2, "ff05::1:3");
	n = gmt_frame(f, sizeof(f), &msg, LL, "ff05::1:3", 1, true);
	f[n - 1] ^= 0x40;
	ckrt_frame(&r, T0, f, n);
	assert_int_equal(ckrt_failed(&r, "mld.csum"), 1);
	assert_int_equal(ckrt_checked(&r, "mld.hop-limit"), 0);
	ckrt_free(&r);
}

/* An IGMP payload of len bytes (type t) with a right checksum. */
static size_t igmp_raw(uint8_t *f, size_t cap, uint8_t t, size_t len, bool good)
{
	uint8_t pl[64] = { t, 0 };
	uint16_t cs;

	assert_true(len <= sizeof(pl));
	for (size_t i = 4; i < len; i++)
		pl[i] = (uint8_t)(0xe0 + i);
	cs = net_csum(pl, len);
	pl[2] = (uint8_t)(cs >> 8);
	pl[3] = (uint8_t)cs;
	if (!good)
		pl[3] ^= 1;
	return ckrt_ip4(f, cap, "10.0.0.1", "224.0.0.4", 1, true,
			GMP_IGMP_PROTO, pl, len);
}

static void test_gmp_not_membership_and_length(void **state)
{
	uint8_t f[CKRT_FRAME_MAX];
	struct ckrt r;
	size_t n;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, NULL);
	/* DVMRP (0x13): counted, checksum checked, nothing else */
	n = igmp_raw(f, sizeof(f), 0x13, 12, true);
	ckrt_frame(&r, T0, f, n);
	n = igmp_raw(f, sizeof(f), 0x13, 12, false);
	ckrt_frame(&r, T0 + 1, f, n);
	assert_int_equal(ckrt_checked(&r, "igmp.csum"), 2);
	assert_int_equal(ckrt_failed(&r, "igmp.csum"), 1);
	assert_int_equal(ckrt_checked(&r, "igmp.ttl"), 0);
	/* a query of 10 octets (RFC 3376 7.1), its checksum right */
	n = igmp_raw(f, sizeof(f), GMP_IGMP_QUERY, 10, true);
	ckrt_frame(&r, T0 + 2, f, n);
	assert_int_equal(ckrt_failed(&r, "igmp.length"), 1);
	assert_int_equal(ckrt_failed(&r, "igmp.csum"), 1);
	/* 2 octets: too short even for a checksum */
	n = igmp_raw(f, sizeof(f), GMP_IGMP_V2_REPORT, 2, true);
	ckrt_frame(&r, T0 + 3, f, n);
	assert_int_equal(ckrt_failed(&r, "igmp.length"), 2);
	ckrt_free(&r);
}

static void test_gmp_router_alert_quirk(void **state)
{
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, "igmp-no-router-alert");
	gmt_report(&msg, V4, GMP_T_REPORT_V2, "239.1.1.1");
	gmt_send(&r, T0, &msg, "10.0.0.5", "239.1.1.1", 1, false);
	gmt_report(&msg, V6, GMP_T_REPORT_V2, "ff05::1:3");
	gmt_send(&r, T0, &msg, LL, "ff05::1:3", 1, false);
	assert_int_equal(ckrt_failed(&r, "igmp.router-alert"), 0);
	assert_int_equal(ckrt_noted(&r, "igmp.router-alert"), 1);
	assert_int_equal(ckrt_noted(&r, "mld.router-alert"), 1);
	assert_int_equal(ck_exit_status(r.c), 0);
	ckrt_free(&r);
}

/* A v3 report of many records: every record is checked. */
static void test_gmp_records(void **state)
{
	static const uint8_t types[] = { GMP_REC_IS_IN,
					 GMP_REC_IS_EX,
					 GMP_REC_TO_IN,
					 GMP_REC_TO_EX,
					 GMP_REC_ALLOW,
					 GMP_REC_BLOCK,
					 9 };
	static const char *const groups[] = { "239.1.1.1", "239.1.1.2",
					      "224.0.0.1", "239.1.1.4",
					      "10.0.0.9",  "239.1.1.6",
					      "239.1.1.7" };
	struct ckrt r;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, NULL);
	gmt_report3(&msg, V4, types, groups, 7);
	gmt_send(&r, T0, &msg, "10.0.0.5", "224.0.0.22", 1, true);
	assert_int_equal(ckrt_checked(&r, "igmp.v3-rec-type"), 7);
	assert_int_equal(ckrt_failed(&r, "igmp.v3-rec-type"), 1);
	assert_int_equal(ckrt_checked(&r, "igmp.group"), 7);
	assert_int_equal(ckrt_failed(&r, "igmp.group"), 1);
	assert_int_equal(ckrt_failed(&r, "igmp.group-all-systems"), 1);
	ckrt_free(&r);
}

/* Other traffic is left alone; IGMP fragments are counted only. */
static void test_gmp_ignores_others(void **state)
{
	uint8_t f[CKRT_FRAME_MAX], pl[16] = { 0 };
	struct ckrt r;
	size_t n;

	(void)state;
	ckrt_open(&r, &ck_proto_gmp, NULL);
	n = ckrt_ip4(f, sizeof(f), "10.0.0.1", "10.0.0.2", 64, false, 17, pl,
		     sizeof(pl));
	ckrt_frame(&r, T0, f, n);
	n = ckrt_ip6(f, sizeof(f), LL, "ff02::1", 255, false, 58, pl,
		     sizeof(pl));
	ckrt_frame(&r, T0, f, n);
	ckrt_frame(&r, T0, f, 10);
	ckrt_frame(&r, T0, NULL, 0);
	for (size_t i = 0; i < ck_nresults(r.c); i++)
		assert_int_equal(ck_result_at(r.c, i)->checked, 0);
	ckrt_free(&r);
}

/* Repair the IGMP / MLD checksum of a mutated message. */
static void gmp_fix(uint8_t *l4, size_t len, const struct net_pkt_info *pi)
{
	struct net_csum cs;
	uint16_t v;

	if (len < 4)
		return;
	l4[2] = 0;
	l4[3] = 0;
	net_csum_init(&cs);
	if (pi->af == NET_AF_IP6) {
		struct net_ip6 s = net_addr_ip6(&pi->src);
		struct net_ip6 d = net_addr_ip6(&pi->dst);

		net_csum_pseudo6(&cs, &s, &d, (uint32_t)len, 58);
	}
	net_csum_add(&cs, l4, len);
	v = net_csum_final(&cs);
	l4[2] = (uint8_t)(v >> 8);
	l4[3] = (uint8_t)v;
}

static void test_gmp_fuzz(void **state)
{
	static uint8_t frames[8][CKRT_FRAME_MAX];
	static const uint8_t types[] = { GMP_REC_IS_EX, GMP_REC_ALLOW };
	static const char *const g4[] = { "239.1.1.1", "239.1.1.2" };
	static const char *const g6[] = { "ff05::1", "ff05::2" };
	const uint8_t *fp[8];
	size_t lens[8];

	(void)state;
	gmt_query(&msg, V4, 3, NULL, SIM_S(10), 2, SIM_S(125));
	lens[0] = gmt_frame(frames[0], CKRT_FRAME_MAX, &msg, "10.0.0.1",
			    "224.0.0.1", 1, true);
	gmt_report3(&msg, V4, types, g4, 2);
	lens[1] = gmt_frame(frames[1], CKRT_FRAME_MAX, &msg, "10.0.0.5",
			    "224.0.0.22", 1, true);
	gmt_report(&msg, V4, GMP_T_REPORT_V2, "239.1.1.1");
	lens[2] = gmt_frame(frames[2], CKRT_FRAME_MAX, &msg, "10.0.0.5",
			    "239.1.1.1", 1, true);
	gmt_report(&msg, V4, GMP_T_LEAVE, "239.1.1.1");
	lens[3] = gmt_frame(frames[3], CKRT_FRAME_MAX, &msg, "10.0.0.5",
			    "224.0.0.2", 1, true);
	gmt_query(&msg, V6, 2, NULL, SIM_S(10), 2, SIM_S(125));
	lens[4] = gmt_frame(frames[4], CKRT_FRAME_MAX, &msg, LL, "ff02::1", 1,
			    true);
	gmt_report3(&msg, V6, types, g6, 2);
	lens[5] = gmt_frame(frames[5], CKRT_FRAME_MAX, &msg, LL, "ff02::16", 1,
			    true);
	gmt_report(&msg, V6, GMP_T_LEAVE, "ff05::1");
	lens[6] = gmt_frame(frames[6], CKRT_FRAME_MAX, &msg, LL, "ff02::2", 1,
			    true);
	gmt_query(&msg, V4, 2, "239.1.1.1", SIM_S(1), 0, 0);
	lens[7] = gmt_frame(frames[7], CKRT_FRAME_MAX, &msg, "10.0.0.1",
			    "239.1.1.1", 1, true);
	for (size_t i = 0; i < 8; i++)
		fp[i] = frames[i];
	{
		uint64_t n =
			ckrt_fuzz(&ck_proto_gmp, fp, lens, 8, 100000, gmp_fix);

		printf("gmp fuzz: %llu rule checks\n", (unsigned long long)n);
		assert_true(n > 300000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gmp_packet_table),
		cmocka_unit_test(test_gmp_csum),
		cmocka_unit_test(test_gmp_not_membership_and_length),
		cmocka_unit_test(test_gmp_router_alert_quirk),
		cmocka_unit_test(test_gmp_records),
		cmocka_unit_test(test_gmp_ignores_others),
		cmocka_unit_test(test_gmp_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
