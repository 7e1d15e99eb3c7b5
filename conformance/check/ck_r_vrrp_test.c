/*
 * Per-packet rules of the "vrrp" module (RFC 5798 section 5 and 7, RFC
 * 3768 section 5): a table of advertisements, good ones of every version
 * and family and one damaged per rule, each fed alone; every good one
 * passes every rule that applies to it, every damaged one fails exactly
 * the rule it breaks (a few break two by construction, listed). Also the
 * interop quirk turning the VRRPv3 checksum without pseudo-header into a
 * note, frames that are not VRRP, and a mutation fuzz loop (random byte
 * flips and truncations of good frames through net_dissect and the
 * module; run under ASan in the sanitizer build).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_vrrp_testutil.h"
#include "sim/core/sim_rng.h"
#include "sim/net/net_build.h"
#include "sim/net/net_csum.h"

typedef void (*mut_fn)(struct cvt_adv *a);

struct pkt_case {
	const char *name;
	uint8_t version;
	bool six;
	mut_fn mut;
	const char *fail;  /* the rule it breaks, NULL: none */
	const char *fail2; /* a second one, by construction */
};

static void m_none(struct cvt_adv *a)
{
	(void)a;
}
static void m_simple(struct cvt_adv *a)
{
	a->auth_type = VRRP_AUTH_SIMPLE;
}
static void m_ah(struct cvt_adv *a)
{
	a->auth_type = VRRP_AUTH_AH;
}
static void m_owner_many(struct cvt_adv *a)
{
	a->prio = 255;
	a->naddrs = VRRP_MAX_ADDRS;
	for (int i = 0; i < VRRP_MAX_ADDRS; i++) {
		a->addrs[i] = a->addrs[0];
		a->addrs[i].b[a->six ? 15 : 3] = (uint8_t)(i + 1);
	}
}
static void m_ttl(struct cvt_adv *a)
{
	a->ttl = 64;
}
static void m_hop1(struct cvt_adv *a)
{
	a->ttl = 1;
}
static void m_dst(struct cvt_adv *a)
{
	a->dst_set = true;
	a->dst = a->six ? cvt_addr("fe80::2") : cvt_addr("10.0.0.2");
}
static void m_mac(struct cvt_adv *a)
{
	a->mac_set = true;
	a->mac = (struct net_mac){ { 0x00, 0x1b, 0x21, 0x01, 0x02, 0x03 } };
}
static void m_mac_v4_for_v6(struct cvt_adv *a)
{
	a->mac_set = true;
	a->mac = ckv_vmac(NET_AF_IP4, a->vrid);
}
static void m_version4(struct cvt_adv *a)
{
	a->version_raw = 4;
}
static void m_version2(struct cvt_adv *a)
{
	a->version_raw = 2;
}
static void m_type2(struct cvt_adv *a)
{
	a->type_raw = 2;
}
static void m_cut2(struct cvt_adv *a)
{
	a->trunc = 2;
}
static void m_short(struct cvt_adv *a)
{
	a->trunc = a->six ? 8 + 32 - 6 : 12 - 6;
}
static void m_no_auth(struct cvt_adv *a)
{
	a->no_auth_data = true;
}
static void m_count0(struct cvt_adv *a)
{
	a->naddrs_raw = 0;
}
static void m_csum(struct cvt_adv *a)
{
	a->csum = CVT_CSUM_BAD;
}
static void m_nopseudo(struct cvt_adv *a)
{
	a->csum = CVT_CSUM_NO_PSEUDO;
}
static void m_vrid0(struct cvt_adv *a)
{
	a->vrid = 0;
}
static void m_ivl0(struct cvt_adv *a)
{
	a->ivl = 0;
}
static void m_rsvd(struct cvt_adv *a)
{
	a->rsvd = 0x8;
}
static void m_first_global(struct cvt_adv *a)
{
	struct net_addr t = a->addrs[0];

	a->addrs[0] = a->addrs[1];
	a->addrs[1] = t;
}
static void m_src_global(struct cvt_adv *a)
{
	a->src = cvt_addr("2001:db8::1");
}
static void m_auth3(struct cvt_adv *a)
{
	a->auth_type = 3;
}

static const struct pkt_case cases[] = {
	/* good */
	{ "v2", 2, false, m_none, NULL, NULL },
	{ "v2-simple-text", 2, false, m_simple, NULL, NULL },
	{ "v2-ah-reserved", 2, false, m_ah, NULL, NULL },
	{ "v3-ipv4", 3, false, m_none, NULL, NULL },
	{ "v3-ipv6", 3, true, m_none, NULL, NULL },
	{ "v3-ipv4-owner-16-addresses", 3, false, m_owner_many, NULL, NULL },
	{ "v3-ipv6-owner-16-addresses", 3, true, m_owner_many, NULL, NULL },
	{ "v2-owner-16-addresses", 2, false, m_owner_many, NULL, NULL },
	/* one rule each */
	{ "v3-ttl-64", 3, false, m_ttl, "vrrp.ttl", NULL },
	{ "v2-ttl-64", 2, false, m_ttl, "vrrp.ttl", NULL },
	{ "v3-ipv6-hop-limit-1", 3, true, m_hop1, "vrrp.ttl", NULL },
	{ "v3-unicast", 3, false, m_dst, "vrrp.dst", NULL },
	{ "v3-ipv6-unicast", 3, true, m_dst, "vrrp.dst", NULL },
	{ "v3-physical-mac", 3, false, m_mac, "vrrp.src-mac", NULL },
	{ "v3-ipv6-ipv4-vmac", 3, true, m_mac_v4_for_v6, "vrrp.src-mac", NULL },
	{ "v2-physical-mac", 2, false, m_mac, "vrrp.src-mac", NULL },
	{ "version-4", 3, false, m_version4, "vrrp.version", NULL },
	{ "v2-over-ipv6", 3, true, m_version2, "vrrp.version", NULL },
	{ "v3-type-2", 3, false, m_type2, "vrrp.type", NULL },
	{ "v2-type-2", 2, false, m_type2, "vrrp.type", NULL },
	{ "v3-cut", 3, false, m_cut2, "vrrp.length", NULL },
	{ "v3-ipv6-cut", 3, true, m_cut2, "vrrp.length", NULL },
	{ "v3-short-header", 3, false, m_short, "vrrp.length", NULL },
	{ "v2-no-auth-data", 2, false, m_no_auth, "vrrp.length", NULL },
	{ "v3-count-0", 3, false, m_count0, "vrrp.naddrs", NULL },
	{ "v2-count-0", 2, false, m_count0, "vrrp.naddrs", NULL },
	{ "v3-checksum", 3, false, m_csum, "vrrp.csum", NULL },
	{ "v3-ipv6-checksum", 3, true, m_csum, "vrrp.csum", NULL },
	{ "v2-checksum", 2, false, m_csum, "vrrp.csum", NULL },
	{ "v3-no-pseudo-header", 3, false, m_nopseudo, "vrrp.csum.v3-no-pseudo",
	  NULL },
	{ "v3-ipv6-no-pseudo-header", 3, true, m_nopseudo, "vrrp.csum", NULL },
	/* the virtual MAC of VRID 0 is built, so only the VRID fails */
	{ "v3-vrid-0", 3, false, m_vrid0, "vrrp.vrid", NULL },
	{ "v2-vrid-0", 2, false, m_vrid0, "vrrp.vrid", NULL },
	{ "v3-interval-0", 3, false, m_ivl0, "vrrp.adver-int", NULL },
	{ "v2-interval-0", 2, false, m_ivl0, "vrrp.adver-int", NULL },
	{ "v3-reserved", 3, false, m_rsvd, "vrrp.rsvd", NULL },
	{ "v3-ipv6-first-global", 3, true, m_first_global, "vrrp.v6-first-ll",
	  NULL },
	{ "v3-ipv6-global-source", 3, true, m_src_global, "vrrp.v6-src-ll",
	  NULL },
	{ "v2-auth-type-3", 2, false, m_auth3, "vrrp.auth", NULL },
};

/* Every rule the module has, to assert that no other one failed. */
static void assert_only(const struct cvt *t, const char *name, const char *f1,
			const char *f2)
{
	for (int i = 0; i < CKV__COUNT; i++) {
		const char *id = ckv_rules[i].id;
		uint64_t want =
			(f1 && !strcmp(id, f1)) || (f2 && !strcmp(id, f2));

		if (cvt_failed(t, id) != want)
			fail_msg("%s: %s failed %llu times, expected %llu (%s)",
				 name, id,
				 (unsigned long long)cvt_failed(t, id),
				 (unsigned long long)want, cvt_detail(t, id));
	}
}

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pkt_case *k = &cases[i];
		struct cvt_adv a;
		struct cvt t;

		cvt_open(&t, NULL);
		cvt_adv_init(&a, k->version, k->six);
		k->mut(&a);
		cvt_send(&t, SIM_S(1), &a);
		cvt_close_module(&t);
		assert_only(&t, k->name, k->fail, k->fail2);
		if (k->fail)
			printf("%-28s %-24s %s\n", k->name, k->fail,
			       cvt_detail(&t, k->fail));
		/* the IP-level rules apply to every VRRP packet */
		assert_int_equal(cvt_checked(&t, "vrrp.ttl"), 1);
		assert_int_equal(cvt_checked(&t, "vrrp.dst"), 1);
		assert_int_equal(cvt_count(&t, "vrrp"), 1);
		cvt_free(&t);
	}
}

/* A good frame of each kind passes exactly the rules that apply. */
static void test_applicable(void **state)
{
	static const struct {
		uint8_t version;
		bool six;
		const char *yes[16], *no[8];
	} k[] = {
		{ 2,
		  false,
		  { "vrrp.ttl", "vrrp.dst", "vrrp.src-mac", "vrrp.version",
		    "vrrp.type", "vrrp.length", "vrrp.naddrs", "vrrp.csum",
		    "vrrp.vrid", "vrrp.adver-int", "vrrp.auth" },
		  { "vrrp.rsvd", "vrrp.v6-first-ll", "vrrp.v6-src-ll",
		    "vrrp.csum.v3-no-pseudo" } },
		{ 3,
		  false,
		  { "vrrp.ttl", "vrrp.dst", "vrrp.src-mac", "vrrp.version",
		    "vrrp.type", "vrrp.length", "vrrp.naddrs", "vrrp.csum",
		    "vrrp.csum.v3-no-pseudo", "vrrp.vrid", "vrrp.adver-int",
		    "vrrp.rsvd" },
		  { "vrrp.auth", "vrrp.v6-first-ll", "vrrp.v6-src-ll" } },
		{ 3,
		  true,
		  { "vrrp.ttl", "vrrp.dst", "vrrp.src-mac", "vrrp.version",
		    "vrrp.type", "vrrp.length", "vrrp.naddrs", "vrrp.csum",
		    "vrrp.vrid", "vrrp.adver-int", "vrrp.rsvd",
		    "vrrp.v6-first-ll", "vrrp.v6-src-ll" },
		  { "vrrp.auth", "vrrp.csum.v3-no-pseudo" } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		struct cvt_adv a;
		struct cvt t;

		cvt_open(&t, NULL);
		cvt_adv_init(&a, k[i].version, k[i].six);
		cvt_send(&t, SIM_S(1), &a);
		for (int j = 0; k[i].yes[j]; j++)
			assert_int_equal(cvt_checked(&t, k[i].yes[j]), 1);
		for (int j = 0; k[i].no[j]; j++)
			assert_int_equal(cvt_checked(&t, k[i].no[j]), 0);
		/* no source MAC known: the rule does not apply */
		t.no_l2src = true;
		cvt_send(&t, SIM_S(2), &a);
		assert_int_equal(cvt_checked(&t, "vrrp.src-mac"), 1);
		assert_int_equal(cvt_checked(&t, "vrrp.ttl"), 2);
		cvt_free(&t);
	}
}

/* The interop quirk makes the no-pseudo-header checksum a note. */
static void test_quirk(void **state)
{
	struct cvt_adv a;
	struct cvt t;

	(void)state;
	cvt_open(&t, "vrrp3-csum-no-pseudo");
	cvt_adv_init(&a, 3, false);
	a.csum = CVT_CSUM_NO_PSEUDO;
	cvt_send(&t, SIM_S(1), &a);
	assert_int_equal(cvt_failed(&t, "vrrp.csum.v3-no-pseudo"), 0);
	assert_int_equal(cvt_noted(&t, "vrrp.csum.v3-no-pseudo"), 1);
	assert_int_equal(cvt_failed(&t, "vrrp.csum"), 0);
	assert_int_equal(ck_exit_status(t.c), 0);
	/* a checksum wrong both ways is still a failure */
	a.csum = CVT_CSUM_BAD;
	cvt_send(&t, SIM_S(2), &a);
	assert_int_equal(cvt_failed(&t, "vrrp.csum"), 1);
	assert_int_equal(ck_exit_status(t.c), 1);
	cvt_free(&t);
}

/* More than 16 addresses is legal: past the codec, not a violation. */
static void test_many_addresses(void **state)
{
	struct cvt_adv a;
	struct cvt t;

	(void)state;
	cvt_open(&t, NULL);
	cvt_adv_init(&a, 3, false);
	a.naddrs_raw = 17;
	cvt_send(&t, SIM_S(1), &a);
	assert_int_equal(cvt_failed(&t, "vrrp.naddrs"), 0);
	assert_int_equal(cvt_checked(&t, "vrrp.naddrs"), 1);
	assert_int_equal(cvt_count(&t, "vrrp over 16 addresses (not checked)"),
			 1);
	cvt_free(&t);
}

/* ARP, NA, a VRRP fragment and a frame too short for Ethernet: no VRRP
 * rule applies. */
static void test_not_vrrp(void **state)
{
	struct net_addr v4 = cvt_addr("10.0.0.9"), v6 = cvt_addr("fe80::9");
	struct net_ip4_params ip = { 0 };
	uint8_t buf[256], body[40] = { 0x31, 1, 100, 1 };
	struct net_wr w;
	struct cvt t;
	size_t n;
	int len;

	(void)state;
	cvt_open(&t, NULL);
	n = cvt_garp(buf, sizeof(buf), &v4, &(struct net_mac){ { 2 } },
		     NET_ARP_REPLY, &net_mac_broadcast);
	cvt_feed(&t, SIM_S(1), buf, n);
	n = cvt_na(buf, sizeof(buf), &v6, NULL, 0);
	cvt_feed(&t, SIM_S(1), buf, n);
	cvt_feed(&t, SIM_S(1), buf, 5);
	/* a first fragment of protocol 112 */
	ip.src = net_addr_ip4(&v4);
	ip.dst = net_addr_ip4(&vrrp_group4);
	ip.ttl = 255;
	net_wr_init(&w, buf, sizeof(buf));
	len = net_build_ip4(&w, &ip, VRRP_PROTO, body, sizeof(body));
	assert_true(len > 0);
	buf[14 + 6] |= 0x20; /* More Fragments */
	buf[14 + 10] = buf[14 + 11] = 0;
	{
		/* fix the IPv4 header checksum */
		uint16_t c = net_csum(buf + 14, 20);

		buf[14 + 10] = (uint8_t)(c >> 8);
		buf[14 + 11] = (uint8_t)c;
	}
	cvt_feed(&t, SIM_S(1), buf, (size_t)len);
	cvt_close_module(&t);
	for (int i = 0; i < CKV__COUNT; i++)
		assert_int_equal(cvt_checked(&t, ckv_rules[i].id), 0);
	assert_int_equal(cvt_count(&t, "vrrp"), 0);
	cvt_free(&t);
}

/*
 * Mutation fuzz: 100k random byte flips and truncations of good frames
 * (advertisements of every kind, GARP, NA) through net_dissect and the
 * module, with exact-size heap copies. Only crashes and stray reads fail
 * (the ASan build); the run must also end with findings recorded.
 */
static void test_fuzz(void **state)
{
	struct cvt_adv seeds[4];
	uint8_t frames[6][1600];
	size_t lens[6];
	struct sim_rng rng;
	struct cvt t;
	struct net_addr v4 = cvt_addr("10.0.0.254");
	struct net_addr v6 = cvt_addr("fe80::254");

	(void)state;
	cvt_adv_init(&seeds[0], 2, false);
	seeds[0].auth_type = VRRP_AUTH_SIMPLE;
	cvt_adv_init(&seeds[1], 3, false);
	cvt_adv_init(&seeds[2], 3, true);
	cvt_adv_init(&seeds[3], 3, false);
	m_owner_many(&seeds[3]);
	for (int i = 0; i < 4; i++)
		lens[i] = cvt_adv_frame(&seeds[i], frames[i], 1600);
	lens[4] = cvt_garp(frames[4], 1600, &v4,
			   &(struct net_mac){ { 0, 0, 0x5e, 0, 1, 1 } },
			   NET_ARP_REQUEST, &net_mac_broadcast);
	{
		struct net_mac m = ckv_vmac(NET_AF_IP6, 1);

		lens[5] = cvt_na(frames[5], 1600, &v6, &m,
				 NET_ND_NA_ROUTER | NET_ND_NA_OVERRIDE);
	}
	sim_rng_seed(&rng, 8, "ck-r-vrrp-fuzz");
	cvt_open(&t, NULL);
	for (int it = 0; it < 100000; it++) {
		int k = (int)sim_rng_below(&rng, 6);
		size_t n = lens[k];
		uint8_t *copy;
		int flips = 1 + (int)sim_rng_below(&rng, 4);

		if (sim_rng_below(&rng, 4) == 0)
			n = (size_t)sim_rng_below(&rng, (uint64_t)n + 1);
		copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, frames[k], n);
		for (int f = 0; f < flips && n; f++)
			copy[sim_rng_below(&rng, n)] =
				(uint8_t)sim_rng_below(&rng, 256);
		/* mostly in time order, some jumps back */
		cvt_feed(&t,
			 SIM_MS(it * 7) -
				 (sim_rng_below(&rng, 50) == 0 ? SIM_S(5) : 0),
			 copy, n);
		free(copy);
	}
	cvt_close_module(&t);
	assert_true(cvt_count(&t, "vrrp") > 10000);
	assert_true(cvt_failed(&t, "vrrp.csum") > 0);
	cvt_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_applicable),
		cmocka_unit_test(test_quirk),
		cmocka_unit_test(test_many_addresses),
		cmocka_unit_test(test_not_vrrp),
		cmocka_unit_test(test_fuzz),
	};

	return cmocka_run_group_tests_name("ck_r_vrrp", tests, NULL, NULL);
}
