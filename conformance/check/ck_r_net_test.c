/*
 * Per-packet rules of the "net" module on frames built with the
 * simulator's encoders: for every rule one frame that holds (checked, not
 * failed) and one that breaks it (failed, with the right id and a detail
 * naming what was seen), plus the cases the module must not judge: frames
 * cut short by the capture, IP fragments, ARP of other hardware spaces,
 * IPv6 jumbograms and checksums behind extension headers that change the
 * pseudo-header.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_net_testutil.h"
#include "sim/net/net_csum.h"

#define ETH  NET_ETH_HLEN
#define L4_4 (ETH + NET_IPV4_HLEN)
#define L4_6 (ETH + NET_IPV6_HLEN)

/* One frame through a fresh run: rule id must be checked once and fail
 * `fails` times; no other rule may fail. */
static void expect_one(const uint8_t *buf, size_t len, size_t wirelen,
		       const char *id, uint64_t fails)
{
	struct ckt_run r;

	ckt_open(&r);
	ckt_feed(&r, buf, len, wirelen, SIM_S(1));
	ckt_close(&r);
	if (ckt_checked(&r, id) != 1 || ckt_failed(&r, id) != fails ||
	    ckt_failed_total(&r) != fails)
		fail_msg(
			"%s: checked %llu failed %llu (total %llu), want 1/%llu"
			" [%s]",
			id, (unsigned long long)ckt_checked(&r, id),
			(unsigned long long)ckt_failed(&r, id),
			(unsigned long long)ckt_failed_total(&r),
			(unsigned long long)fails, ckt_detail(&r, id));
	ckt_free(&r);
}

/* One frame: id checked `checked` times and failed `fails` times, whatever
 * other rules did. */
static void expect_rule(const uint8_t *buf, size_t len, const char *id,
			uint64_t checked, uint64_t fails)
{
	struct ckt_run r;

	ckt_open(&r);
	ckt_feed(&r, buf, len, 0, SIM_S(1));
	ckt_close(&r);
	if (ckt_checked(&r, id) != checked || ckt_failed(&r, id) != fails)
		fail_msg("%s: checked %llu failed %llu, want %llu/%llu", id,
			 (unsigned long long)ckt_checked(&r, id),
			 (unsigned long long)ckt_failed(&r, id),
			 (unsigned long long)checked,
			 (unsigned long long)fails);
	ckt_free(&r);
}

/* A frame on which nothing fails and id is not checked. */
static void expect_unchecked(const uint8_t *buf, size_t len, size_t wirelen,
			     const char *id, const char *count)
{
	struct ckt_run r;
	bool found = count == NULL;

	ckt_open(&r);
	ckt_feed(&r, buf, len, wirelen, SIM_S(1));
	ckt_close(&r);
	assert_int_equal(ckt_checked(&r, id), 0);
	assert_int_equal(ckt_failed_total(&r), 0);
	for (size_t i = 0; i < ck_ncounts(r.c) && !found; i++) {
		const char *what;
		uint64_t n;

		ck_count_at(r.c, i, &what, &n);
		found = strcmp(what, count) == 0 && n > 0;
	}
	if (!found)
		fail_msg("counter \"%s\" not counted", count);
	ckt_free(&r);
}

/* ---- ARP ---- */

static size_t arp_frame(uint8_t *buf, const struct net_arp *a)
{
	struct net_wr w;
	struct net_l2 l2 = ckt_l2();
	int n;

	l2.dst = net_mac_broadcast;
	net_wr_init(&w, buf, CKT_FRAME_MAX);
	n = net_build_arp(&w, &l2, a);
	assert_true(n > 0);
	return (size_t)n;
}

static size_t arp_request(uint8_t *buf)
{
	struct net_arp a;
	struct net_mac sha = ckt_mac(1);
	struct net_ip4 spa = ckt_ip4(10, 0, 0, 1), tpa = ckt_ip4(10, 0, 0, 2);

	net_arp_make_request(&a, &sha, &spa, &tpa);
	return arp_frame(buf, &a);
}

static void test_net_arp_good(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	size_t n = arp_request(b);
	static const char *const ids[] = { "arp.length", "arp.hw-len",
					   "arp.proto-len", "arp.op",
					   "arp.sha-unicast" };

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		expect_one(b, n, 0, ids[i], 0);
	expect_unchecked(b, n, 0, "arp.probe-tha", "arp");
}

static void test_net_arp_length(void **state)
{
	uint8_t b[CKT_FRAME_MAX];

	(void)state;
	arp_request(b);
	/* 20 octets of ARP: the target addresses are missing. */
	expect_one(b, ETH + 20, 0, "arp.length", 1);
	expect_one(b, ETH + 6, 0, "arp.length", 1);
	/* The same cut by the capture (60 on the wire): not the sender's. */
	expect_unchecked(b, ETH + 20, 60, "arp.length", "truncated");
}

static void test_net_arp_lengths_op(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	size_t n;

	(void)state;
	n = arp_request(b);
	b[ETH + 4] = 8; /* ar$hln */
	expect_one(b, n, 0, "arp.hw-len", 1);
	n = arp_request(b);
	b[ETH + 5] = 16; /* ar$pln */
	expect_one(b, n, 0, "arp.proto-len", 1);
	n = arp_request(b);
	b[ETH + 7] = 0; /* ar$op 0: reserved */
	expect_one(b, n, 0, "arp.op", 1);
	n = arp_request(b);
	b[ETH + 6] = 0x12; /* 0x1201 */
	expect_one(b, n, 0, "arp.op", 1);
	n = arp_request(b);
	b[ETH + 7] = 8; /* InARP request: legal, not ours */
	expect_one(b, n, 0, "arp.op", 0);
	n = arp_request(b);
	b[ETH + 1] = 6; /* ar$hrd IEEE 802: not checked at all */
	expect_unchecked(b, n, 0, "arp.hw-len",
			 "arp (not Ethernet/IPv4, not checked)");
}

static void test_net_arp_sha_unicast(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	struct net_arp a;
	struct net_mac sha = { { 0x03, 0xbf, 0x0a, 0, 0, 1 } }; /* NLB */
	struct net_ip4 spa = ckt_ip4(10, 0, 0, 1), tpa = ckt_ip4(10, 0, 0, 2);
	struct net_mac tha = ckt_mac(2);
	struct ckt_run r;

	(void)state;
	net_arp_make_reply(&a, &sha, &spa, &tha, &tpa);
	expect_one(b, arp_frame(b, &a), 0, "arp.sha-unicast", 1);
	ckt_open(&r);
	ckt_feed(&r, b, arp_frame(b, &a), 0, 0);
	assert_non_null(
		strstr(ckt_detail(&r, "arp.sha-unicast"), "03:bf:0a:00:00:01"));
	ckt_free(&r);
}

static void test_net_arp_probe_tha(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	struct net_arp a;
	struct net_mac sha = ckt_mac(1);
	struct net_ip4 ip = ckt_ip4(10, 0, 0, 9), zero = ckt_ip4(0, 0, 0, 0);
	struct ckt_run r;

	(void)state;
	/* Announcement (RFC 5227 2.3) with tha zero, then all ones. */
	net_arp_make_gratuitous(&a, &sha, &ip);
	expect_one(b, arp_frame(b, &a), 0, "arp.probe-tha", 0);
	memset(a.tha.b, 0xff, 6);
	expect_one(b, arp_frame(b, &a), 0, "arp.probe-tha", 1);
	/* Probe (sender IP 0) with tha = sha. */
	net_arp_make_request(&a, &sha, &zero, &ip);
	expect_one(b, arp_frame(b, &a), 0, "arp.probe-tha", 0);
	a.tha = sha;
	expect_one(b, arp_frame(b, &a), 0, "arp.probe-tha", 1);
	ckt_open(&r);
	ckt_feed(&r, b, arp_frame(b, &a), 0, 0);
	assert_non_null(
		strstr(ckt_detail(&r, "arp.probe-tha"), "Probe for 10.0.0.9"));
	ckt_free(&r);
	/* A gratuitous reply is not an RFC 5227 Probe/Announcement. */
	net_arp_make_reply(&a, &sha, &ip, &net_mac_broadcast, &ip);
	expect_unchecked(b, arp_frame(b, &a), 0, "arp.probe-tha", NULL);
}

/* ---- ND ---- */

static size_t ns_frame(uint8_t *buf, const char *src, const char *dst,
		       const char *target, bool sll)
{
	struct net_ip6_params p = ckt_p6();
	struct net_ip6 t = ckt_ip6(target);
	struct net_mac mac = ckt_mac(1);
	struct net_wr w;
	int n;

	p.src = ckt_ip6(src);
	p.dst = ckt_ip6(dst);
	net_wr_init(&w, buf, CKT_FRAME_MAX);
	n = net_build_ns(&w, &p, &t, sll ? &mac : NULL);
	assert_true(n > 0);
	return (size_t)n;
}

static size_t na_frame(uint8_t *buf, const char *dst, const char *target,
		       uint32_t flags)
{
	struct net_ip6_params p = ckt_p6();
	struct net_ip6 t = ckt_ip6(target);
	struct net_mac mac = ckt_mac(1);
	struct net_wr w;
	int n;

	p.dst = ckt_ip6(dst);
	net_wr_init(&w, buf, CKT_FRAME_MAX);
	n = net_build_na(&w, &p, &t, flags, &mac);
	assert_true(n > 0);
	return (size_t)n;
}

/* Any ND message from a raw body, Hop Limit hl. */
static size_t nd_raw(uint8_t *buf, uint8_t type, uint8_t code,
		     const uint8_t *body, size_t len, uint8_t hl)
{
	struct net_ip6_params p = ckt_p6();
	struct net_wr w;
	int n;

	p.hop_limit = hl;
	net_wr_init(&w, buf, CKT_FRAME_MAX);
	n = net_build_icmp6(&w, &p, type, code, body, len);
	assert_true(n > 0);
	return (size_t)n;
}

static void test_net_nd_good(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	size_t n = ns_frame(b, "fe80::1", "fe80::2", "fe80::2", true);
	static const char *const ids[] = { "nd.hop-limit", "nd.csum",
					   "nd.code",	   "nd.length",
					   "nd.opt-len",   "nd.ns-target" };

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		expect_one(b, n, 0, ids[i], 0);
	expect_unchecked(b, n, 0, "nd.ns-dad-sllao", "nd");
	n = na_frame(b, "fe80::2", "fe80::1", NET_ND_NA_SOLICITED);
	expect_one(b, n, 0, "nd.na-target", 0);
	expect_unchecked(b, n, 0, "nd.na-solicited-mcast", "nd");
}

static void test_net_nd_hop_csum_code(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	uint8_t ra[12] = { 64, 0, 0, 0 };
	size_t n;

	(void)state;
	n = ns_frame(b, "fe80::1", "fe80::2", "fe80::2", true);
	b[ETH + 7] = 64; /* Hop Limit: not in the checksum */
	expect_one(b, n, 0, "nd.hop-limit", 1);
	n = ns_frame(b, "fe80::1", "fe80::2", "fe80::2", true);
	b[L4_6 + 2] ^= 0x40;
	expect_one(b, n, 0, "nd.csum", 1);
	n = ns_frame(b, "fe80::1", "fe80::2", "fe80::2", true);
	b[L4_6 + 1] = 1; /* Code */
	ckt_icmp6_fix(b, n);
	expect_one(b, n, 0, "nd.code", 1);
	/* An RA forwarded by a router: Hop Limit 64. */
	expect_one(b, nd_raw(b, NET_ICMP6_ND_RA, 0, ra, sizeof(ra), 64), 0,
		   "nd.hop-limit", 1);
	expect_one(b, nd_raw(b, NET_ICMP6_ND_RA, 0, ra, sizeof(ra), 255), 0,
		   "nd.hop-limit", 0);
}

static void test_net_nd_length_options(void **state)
{
	uint8_t b[CKT_FRAME_MAX], body[40];
	struct net_ip6 t = ckt_ip6("fe80::2");

	(void)state;
	memset(body, 0, sizeof(body));
	memcpy(body + 4, t.b, 16);
	/* 4 + 16 octets: an NS of 20, 24 needed. */
	expect_one(b, nd_raw(b, NET_ICMP6_ND_NS, 0, body, 16, 255), 0,
		   "nd.length", 1);
	expect_one(b, nd_raw(b, NET_ICMP6_ND_NS, 0, body, 20, 255), 0,
		   "nd.length", 0);
	/* RS 8, RA 16, Redirect 40 octets at least (4 of header). */
	expect_one(b, nd_raw(b, NET_ICMP6_ND_RS, 0, body, 3, 255), 0,
		   "nd.rs-length", 1);
	expect_one(b, nd_raw(b, NET_ICMP6_ND_RS, 0, body, 4, 255), 0,
		   "nd.rs-length", 0);
	expect_one(b, nd_raw(b, NET_ICMP6_ND_RA, 0, body, 11, 255), 0,
		   "nd.ra-length", 1);
	expect_one(b, nd_raw(b, NET_ICMP6_ND_RA, 0, body, 12, 255), 0,
		   "nd.ra-length", 0);
	expect_one(b, nd_raw(b, NET_ICMP6_ND_RA + 3, 0, body, 35, 255), 0,
		   "nd.redirect-length", 1);
	expect_one(b, nd_raw(b, NET_ICMP6_ND_RA + 3, 0, body, 36, 255), 0,
		   "nd.redirect-length", 0);
	/* A Source Link-Layer Address option of length 0. */
	body[20] = NET_ND_OPT_SLLA;
	body[21] = 0;
	expect_one(b, nd_raw(b, NET_ICMP6_ND_NS, 0, body, 28, 255), 0,
		   "nd.opt-len", 1);
	body[21] = 1;
	expect_one(b, nd_raw(b, NET_ICMP6_ND_NS, 0, body, 28, 255), 0,
		   "nd.opt-len", 0);
}

static void test_net_nd_targets_flags(void **state)
{
	uint8_t b[CKT_FRAME_MAX];

	(void)state;
	expect_one(b, ns_frame(b, "fe80::1", "fe80::2", "ff02::1", true), 0,
		   "nd.ns-target", 1);
	expect_one(b, na_frame(b, "fe80::2", "ff02::2", 0), 0, "nd.na-target",
		   1);
	expect_one(b, na_frame(b, "ff02::1", "fe80::1", NET_ND_NA_SOLICITED), 0,
		   "nd.na-solicited-mcast", 1);
	expect_one(b, na_frame(b, "ff02::1", "fe80::1", NET_ND_NA_OVERRIDE), 0,
		   "nd.na-solicited-mcast", 0);
}

static void test_net_nd_dad(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	const char *snm = "ff02::1:ff00:9";

	(void)state;
	expect_one(b, ns_frame(b, "::", snm, "fe80::9", false), 0,
		   "nd.ns-dad-dst", 0);
	expect_one(b, ns_frame(b, "::", snm, "fe80::9", false), 0,
		   "nd.ns-dad-sllao", 0);
	expect_one(b, ns_frame(b, "::", snm, "fe80::9", true), 0,
		   "nd.ns-dad-sllao", 1);
	expect_one(b, ns_frame(b, "::", "ff02::1", "fe80::9", false), 0,
		   "nd.ns-dad-dst", 1);
}

/* ---- IPv4 ---- */

static size_t udp4(uint8_t *b)
{
	static const uint8_t data[] = "hello";

	return ckt_build_udp(b, CKT_FRAME_MAX, false, data, sizeof(data));
}

static void test_net_ip4_good(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	size_t n = udp4(b);
	static const char *const ids[] = {
		"ip4.version",	 "ip4.ihl",	      "ip4.total-length",
		"ip4.csum",	 "ip4.frag-size",     "ip4.options",
		"ip4.ttl-zero",	 "ip4.reserved-flag", "ip4.src-mcast",
		"ip4.src-bcast", "udp.length",	      "udp.csum",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		expect_one(b, n, 0, ids[i], 0);
}

static void test_net_ip4_header_faults(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	size_t n;
	struct ckt_run r;

	(void)state;
	n = udp4(b);
	b[ETH] = 0x55;
	expect_one(b, n, 0, "ip4.version", 1);
	n = udp4(b);
	b[ETH] = 0x44;
	expect_one(b, n, 0, "ip4.ihl", 1);
	n = udp4(b);
	b[ETH] = 0x4f; /* 60 octets of header in a 60-octet frame */
	expect_one(b, n, 0, "ip4.ihl", 1);
	n = udp4(b);
	net_put_be16(b + ETH + 2, 1000);
	expect_one(b, n, 0, "ip4.total-length", 1);
	net_put_be16(b + ETH + 2, 12); /* below the header */
	expect_one(b, n, 0, "ip4.total-length", 1);
	/* Total Length 1000 in a frame the capture cut at 60 of 1014: not
	 * judged, but the whole header's checksum still is. */
	net_put_be16(b + ETH + 2, 1000);
	ckt_ip4_fix(b);
	expect_unchecked(b, n, ETH + 1000, "ip4.total-length", "truncated");
	expect_rule(b, n, "ip4.csum", 0, 0); /* not cut: Total Length fails */
	ckt_open(&r);
	ckt_feed(&r, b, n, ETH + 1000, 0);
	assert_int_equal(ckt_checked(&r, "ip4.csum"), 1);
	b[ETH + 10] ^= 0x01;
	ckt_feed(&r, b, n, ETH + 1000, 0);
	assert_int_equal(ckt_failed(&r, "ip4.csum"), 1);
	assert_non_null(strstr(ckt_detail(&r, "ip4.csum"), "cut"));
	ckt_free(&r);
	n = udp4(b);
	b[ETH + 10] ^= 0x01;
	expect_one(b, n, 0, "ip4.csum", 1);
	ckt_open(&r);
	ckt_feed(&r, b, n, 0, 0);
	assert_non_null(strstr(ckt_detail(&r, "ip4.csum"), "computed"));
	ckt_free(&r);
}

static void test_net_ip4_frag_options(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	struct net_ip4_params p = ckt_p4();
	struct net_wr w;
	uint8_t data[16] = { 0 };
	size_t n;

	(void)state;
	/* A last fragment at offset 8191 * 8 carrying 16 octets. */
	n = udp4(b);
	net_put_be16(b + ETH + 6, 0x1fff);
	ckt_ip4_fix(b);
	expect_one(b, n, 0, "ip4.frag-size", 1);
	/* A fragment (MF) is checked at IP only. */
	n = udp4(b);
	net_put_be16(b + ETH + 6, 0x2000);
	ckt_ip4_fix(b);
	expect_unchecked(b, n, 0, "udp.csum",
			 "ip fragments (upper layer not checked)");
	/* Router Alert with length 3, then 1. */
	p.router_alert = true;
	net_wr_init(&w, b, sizeof(b));
	n = (size_t)net_build_ip4(&w, &p, 253, data, sizeof(data));
	expect_one(b, n, 0, "ip4.options", 0);
	b[ETH + 21] = 3;
	ckt_ip4_fix(b);
	expect_one(b, n, 0, "ip4.options", 1);
	b[ETH + 20] = 7; /* Record Route, length 1 */
	b[ETH + 21] = 1;
	ckt_ip4_fix(b);
	expect_one(b, n, 0, "ip4.options", 1);
}

static void test_net_ip4_fields(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	struct net_udp4_params p = { .ip = ckt_p4(), .sport = 1, .dport = 2 };
	struct net_wr w;
	size_t n;

	(void)state;
	n = udp4(b);
	b[ETH + 6] |= 0x80; /* reserved flag */
	ckt_ip4_fix(b);
	expect_one(b, n, 0, "ip4.reserved-flag", 1);
	p.ip.ttl = 0;
	net_wr_init(&w, b, sizeof(b));
	n = (size_t)net_build_udp4(&w, &p, "x", 1);
	expect_one(b, n, 0, "ip4.ttl-zero", 1);
	p.ip.ttl = 1;
	p.ip.src = ckt_ip4(224, 0, 0, 5);
	net_wr_init(&w, b, sizeof(b));
	n = (size_t)net_build_udp4(&w, &p, "x", 1);
	expect_one(b, n, 0, "ip4.src-mcast", 1);
	expect_rule(b, n, "ip4.src-bcast", 1, 0);
	p.ip.src = ckt_ip4(255, 255, 255, 255);
	net_wr_init(&w, b, sizeof(b));
	n = (size_t)net_build_udp4(&w, &p, "x", 1);
	expect_one(b, n, 0, "ip4.src-bcast", 1);
	p.ip.src = ckt_ip4(0, 0, 0, 0); /* DHCP: legal */
	net_wr_init(&w, b, sizeof(b));
	n = (size_t)net_build_udp4(&w, &p, "x", 1);
	expect_one(b, n, 0, "ip4.src-bcast", 0);
}

/* ---- IPv6 ---- */

static size_t udp6(uint8_t *b)
{
	static const uint8_t data[] = "hello";

	return ckt_build_udp(b, CKT_FRAME_MAX, true, data, sizeof(data));
}

/* An IPv6 packet whose payload (extension headers, then UDP) is raw. */
static size_t ip6_raw(uint8_t *b, uint8_t nh, const uint8_t *pl, size_t len)
{
	struct net_ip6_params p = ckt_p6();
	struct net_wr w;
	int n;

	net_wr_init(&w, b, CKT_FRAME_MAX);
	n = net_build_ip6(&w, &p, nh, pl, len);
	assert_true(n > 0);
	return (size_t)n;
}

static void test_net_ip6_good(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	size_t n = udp6(b);
	static const char *const ids[] = {
		"ip6.version",	  "ip6.payload-length", "ip6.ext-len",
		"ip6.hbh-first",  "ip6.opt-len",	"ip6.src-mcast",
		"ip6.dst-unspec", "udp.length",		"udp.csum",
		"udp.csum6-zero",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		expect_one(b, n, 0, ids[i], 0);
}

static void test_net_ip6_faults(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	/* Destination Options claiming 48 octets in an 8-octet payload. */
	uint8_t ext_long[8] = { 59, 5, 1, 4, 0, 0, 0, 0 };
	/* Destination Options, then a Hop-by-Hop header. */
	uint8_t hbh_late[16] = {
		0, 0, 1, 4, 0, 0, 0, 0, 59, 0, 1, 4, 0, 0, 0, 0
	};
	/* Destination Options whose PadN runs past the header. */
	uint8_t opt_long[8] = { 59, 0, 1, 9, 0, 0, 0, 0 };
	size_t n;

	(void)state;
	n = udp6(b);
	b[ETH] = 0x50;
	expect_one(b, n, 0, "ip6.version", 1);
	n = udp6(b);
	net_put_be16(b + ETH + 4, 200);
	expect_one(b, n, 0, "ip6.payload-length", 1);
	expect_unchecked(b, n, ETH + 240, "ip6.payload-length", "truncated");
	expect_one(b, ETH + 30, 0, "ip6.payload-length", 1); /* 30-octet IP */
	expect_one(b, ip6_raw(b, 60, ext_long, 8), 0, "ip6.ext-len", 1);
	expect_one(b, ip6_raw(b, 60, hbh_late, 16), 0, "ip6.hbh-first", 1);
	expect_one(b, ip6_raw(b, 60, opt_long, 8), 0, "ip6.opt-len", 1);
	opt_long[3] = 4;
	expect_one(b, ip6_raw(b, 60, opt_long, 8), 0, "ip6.opt-len", 0);
	/* A jumbogram (Payload Length 0, Hop-by-Hop): not judged. */
	n = ip6_raw(b, 0, opt_long, 8);
	net_put_be16(b + ETH + 4, 0);
	expect_unchecked(b, n, 0, "ip6.ext-len",
			 "ipv6 jumbograms (RFC 2675, not checked)");
}

static void test_net_ip6_addresses(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	struct net_udp6_params p = { .ip = ckt_p6(), .sport = 1, .dport = 2 };
	struct net_wr w;
	size_t n;

	(void)state;
	p.ip.src = ckt_ip6("ff02::1");
	net_wr_init(&w, b, sizeof(b));
	n = (size_t)net_build_udp6(&w, &p, "x", 1);
	expect_one(b, n, 0, "ip6.src-mcast", 1);
	p.ip.src = ckt_ip6("::");
	p.ip.dst = ckt_ip6("::");
	net_wr_init(&w, b, sizeof(b));
	n = (size_t)net_build_udp6(&w, &p, "x", 1);
	expect_one(b, n, 0, "ip6.dst-unspec", 1);
	expect_rule(b, n, "ip6.src-mcast", 1, 0);
}

/* ---- UDP ---- */

static void test_net_udp(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	/* Destination Options (PadN) before UDP: the pseudo-header is the
	 * fixed header's, so the wrong checksum 0x1234 is judged. A Routing
	 * header of type 3 (RPL) still to be walked hides the final
	 * destination (RFC 8200 8.1): not judged. */
	uint8_t pl[8 + 8 + 2] = { 17, 0,  1,	4,    0,    0,
				  0,  0,  0x13, 0x88, 0x17, 0x70,
				  0,  10, 0x12, 0x34, 'h',  'i' };
	uint8_t rpl[8 + 8 + 2] = { 17, 0,  3,	 1,    0,    0,
				   0,  0,  0x13, 0x88, 0x17, 0x70,
				   0,  10, 0x12, 0x34, 'h',  'i' };
	size_t n;
	struct ckt_run r;

	(void)state;
	n = udp4(b);
	net_put_be16(b + L4_4 + 4, 4);
	expect_one(b, n, 0, "udp.length", 1);
	net_put_be16(b + L4_4 + 4, 200);
	expect_one(b, n, 0, "udp.length", 1);
	n = udp4(b);
	b[L4_4 + 7] ^= 0x10;
	expect_one(b, n, 0, "udp.csum", 1);
	ckt_open(&r);
	ckt_feed(&r, b, n, 0, 0);
	assert_non_null(strstr(ckt_detail(&r, "udp.csum"), "computed"));
	ckt_free(&r);
	net_put_be16(b + L4_4 + 6, 0); /* IPv4: no checksum, legal */
	expect_unchecked(b, n, 0, "udp.csum", "udp without checksum (IPv4)");
	n = udp6(b);
	b[L4_6 + 7] ^= 0x10;
	expect_one(b, n, 0, "udp.csum", 1);
	net_put_be16(b + L4_6 + 6, 0);
	expect_one(b, n, 0, "udp.csum6-zero", 1);
	expect_rule(b, n, "udp.csum", 0, 0);
	expect_one(b, ip6_raw(b, 60, pl, sizeof(pl)), 0, "udp.csum", 1);
	expect_unchecked(b, ip6_raw(b, 43, rpl, sizeof(rpl)), 0, "udp.csum",
			 "checksum not verifiable (IPv6 extension headers)");
}

/* ---- TCP ---- */

static size_t tcp_frame(uint8_t *b, bool v6, uint8_t flags, bool mss)
{
	struct tcp_seg s;

	memset(&s, 0, sizeof(s));
	s.sport = 40000;
	s.dport = 80;
	s.seq = 1000;
	s.ack = flags & TCP_ACK ? 5000 : 0;
	s.flags = flags;
	s.wnd = 65535;
	s.has_mss = mss;
	s.mss = 1460;
	return ckt_build_tcp(b, CKT_FRAME_MAX, v6, &s);
}

/* Recompute the TCP checksum of an untagged frame. */
static void tcp_fix(uint8_t *b, size_t n)
{
	struct net_pkt_info pi;
	uint8_t *l4;

	net_dissect(b, n, &pi);
	assert_non_null(pi.l4);
	l4 = b + (pi.l4 - b);
	net_put_be16(l4 + 16, tcp_seg_csum(pi.l4, pi.l4_len, &pi.src, &pi.dst));
}

static void test_net_tcp(void **state)
{
	uint8_t b[CKT_FRAME_MAX];
	size_t n;

	(void)state;
	for (int v6 = 0; v6 < 2; v6++) {
		size_t l4 = v6 ? L4_6 : L4_4;

		n = tcp_frame(b, v6, TCP_SYN, true);
		expect_one(b, n, 0, "tcp.data-offset", 0);
		expect_one(b, n, 0, "tcp.options", 0);
		expect_one(b, n, 0, "tcp.csum", 0);
		expect_one(b, n, 0, "tcp.mss-syn", 0);
		n = tcp_frame(b, v6, TCP_ACK, true);
		expect_one(b, n, 0, "tcp.mss-syn", 1);
		n = tcp_frame(b, v6, TCP_ACK, false);
		expect_unchecked(b, n, 0, "tcp.mss-syn", "tcp");
		b[l4 + 16] ^= 0x01;
		expect_one(b, n, 0, "tcp.csum", 1);
		n = tcp_frame(b, v6, TCP_ACK, false);
		b[l4 + 12] = 0x40; /* Data Offset 4 */
		tcp_fix(b, n);
		expect_one(b, n, 0, "tcp.data-offset", 1);
		expect_rule(b, n, "tcp.csum", 1, 0);
		b[l4 + 12] = 0xf0; /* 60 octets in a 20-octet segment */
		expect_rule(b, n, "tcp.csum", 1, 1);
		tcp_fix(b, n);
		expect_one(b, n, 0, "tcp.data-offset", 1);
		n = tcp_frame(b, v6, TCP_SYN, true);
		b[l4 + 21] = 3; /* MSS option length 3 */
		tcp_fix(b, n);
		expect_one(b, n, 0, "tcp.options", 1);
		expect_rule(b, n, "tcp.csum", 1, 0);
		b[l4 + 21] = 1; /* below 2 */
		tcp_fix(b, n);
		expect_one(b, n, 0, "tcp.options", 1);
	}
	/* Shorter than a header (IPv4 payload of 12 octets). */
	n = tcp_frame(b, false, TCP_ACK, false);
	net_put_be16(b + ETH + 2, 32);
	ckt_ip4_fix(b);
	expect_one(b, n, 0, "tcp.data-offset", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_arp_good),
		cmocka_unit_test(test_net_arp_length),
		cmocka_unit_test(test_net_arp_lengths_op),
		cmocka_unit_test(test_net_arp_sha_unicast),
		cmocka_unit_test(test_net_arp_probe_tha),
		cmocka_unit_test(test_net_nd_good),
		cmocka_unit_test(test_net_nd_hop_csum_code),
		cmocka_unit_test(test_net_nd_length_options),
		cmocka_unit_test(test_net_nd_targets_flags),
		cmocka_unit_test(test_net_nd_dad),
		cmocka_unit_test(test_net_ip4_good),
		cmocka_unit_test(test_net_ip4_header_faults),
		cmocka_unit_test(test_net_ip4_frag_options),
		cmocka_unit_test(test_net_ip4_fields),
		cmocka_unit_test(test_net_ip6_good),
		cmocka_unit_test(test_net_ip6_faults),
		cmocka_unit_test(test_net_ip6_addresses),
		cmocka_unit_test(test_net_udp),
		cmocka_unit_test(test_net_tcp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
