/*
 * Tests for the IP codecs: IPv4 (RFC 791; Router Alert RFC 2113; options,
 * checksum, fragments) and IPv6 (RFC 8200; extension header walk, Router
 * Alert RFC 2711). Tables of hand-assembled vectors with checksums computed
 * by hand and cross-checked with tshark, with every rejection code of each
 * codec covered; field checks; encode/decode round trips; the RFC 1624 TTL
 * decrement; truncation and corruption sweeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/net/net_csum.h"
#include "sim/net/net_ipv4.h"
#include "sim/net/net_ipv6.h"
#include "sim/net/net_testutil.h"
#include "sim/net/net_vectors.h"

static enum net_err ipv4_dec(const uint8_t *b, size_t len, void *ctx)
{
	struct net_ipv4 h;
	enum net_err e = net_ipv4_decode(b, len, &h);

	(void)ctx;
	if (e == NET_OK) {
		assert_true(h.payload >= b &&
			    h.payload + h.payload_len <= b + len);
		assert_int_equal(h.options_len, h.ihl * 4 - 20);
	}
	return e;
}

static enum net_err ipv6_dec(const uint8_t *b, size_t len, void *ctx)
{
	struct net_ipv6 h;
	enum net_err e = net_ipv6_decode(b, len, &h);

	(void)ctx;
	if (e == NET_OK) {
		assert_true(h.payload >= b + NET_IPV6_HLEN);
		assert_true(h.payload + h.payload_len <= b + len);
		assert_int_equal(h.ext_len + h.payload_len, h.plen);
	}
	return e;
}

static void test_ipv4_table(void **state)
{
	static const enum net_err codes[] = {
		NET_E_IPV4_SHORT,
		NET_E_IPV4_BAD_VERSION,
		NET_E_IPV4_BAD_IHL,
		NET_E_IPV4_BAD_TOTAL_LEN,
		NET_E_IPV4_BAD_CHECKSUM,
		NET_E_IPV4_BAD_OPTION_LEN,
		NET_E_IPV4_BAD_ROUTER_ALERT,
		NET_E_IPV4_BAD_FRAGMENT,
	};

	(void)state;
	nt_run_table("ipv4", nt_ipv4.v, nt_ipv4.n, ipv4_dec, NULL);
	nt_check_coverage("ipv4", nt_ipv4.v, nt_ipv4.n, codes, NT_COUNT(codes));
	assert_true(nt_fuzz(nt_ipv4.v, nt_ipv4.n, ipv4_dec, NULL, 300) > 0);
}

static void decode_v4(const char *name, struct net_ipv4 *h)
{
	static uint8_t b[256]; /* views into it outlive the call */
	size_t n = nt_find(nt_ipv4.v, nt_ipv4.n, name, b, sizeof(b));

	assert_int_equal(net_ipv4_decode(b, n, h), NET_OK);
}

static void test_ipv4_fields(void **state)
{
	struct net_ipv4 h;

	(void)state;
	decode_v4("basic", &h);
	assert_int_equal(h.ihl, 5);
	assert_int_equal(h.total_len, 28);
	assert_int_equal(h.ttl, 64);
	assert_int_equal(h.proto, NET_IPPROTO_UDP);
	assert_int_equal(h.csum, 0x66cf);
	assert_int_equal(h.src.b[3], 1);
	assert_int_equal(h.dst.b[3], 2);
	assert_false(h.router_alert || h.df || h.mf || h.rf);
	assert_int_equal(h.payload_len, 8);
	assert_false(net_ipv4_is_fragment(&h));

	decode_v4("padded frame (total length < buffer)", &h);
	assert_int_equal(h.payload_len, 8);

	decode_v4("router alert", &h);
	assert_true(h.router_alert);
	assert_int_equal(h.ra_value, 0);
	assert_int_equal(h.ihl, 6);
	assert_int_equal(h.options_len, 4);
	assert_int_equal(h.ttl, 1);

	decode_v4("nop nop ra eol", &h);
	assert_true(h.router_alert);
	assert_int_equal(h.ra_value, 1);

	decode_v4("record route skipped", &h);
	assert_false(h.router_alert);
	assert_int_equal(h.options_len, 8);

	decode_v4("mf fragment", &h);
	assert_true(h.mf);
	assert_int_equal(h.frag_off, 0);
	assert_int_equal(h.id, 0x1234);
	assert_true(net_ipv4_is_fragment(&h));

	decode_v4("last fragment at max offset", &h);
	assert_false(h.mf);
	assert_int_equal(h.frag_off, 8191);
	assert_true(net_ipv4_is_fragment(&h));

	decode_v4("dscp ef df ttl", &h);
	assert_int_equal(net_ipv4_dscp(&h), 46);
	assert_true(h.df);
	assert_int_equal(h.ttl, 255);
}

static void test_ipv4_encode(void **state)
{
	struct net_ipv4 h = { .tos = 0xb8,
			      .id = 0xbeef,
			      .df = true,
			      .ttl = 1,
			      .proto = NET_IPPROTO_IGMP,
			      .src = { { 192, 168, 1, 1 } },
			      .dst = { { 224, 0, 0, 22 } },
			      .router_alert = true,
			      .ra_value = 0 };
	uint8_t buf[128], want[256];
	struct net_wr w;
	struct net_ipv4 d;
	size_t off, n;

	(void)state;
	net_wr_init(&w, buf, sizeof(buf));
	off = net_ipv4_begin(&w, &h);
	net_wr_bytes(&w, "12345678", 8);
	assert_int_equal(net_ipv4_end(&w, off), 0);
	assert_int_equal(w.off, 32);
	assert_int_equal(net_ipv4_decode(buf, w.off, &d), NET_OK);
	assert_int_equal(d.ihl, 6);
	assert_int_equal(d.tos, 0xb8);
	assert_int_equal(d.id, 0xbeef);
	assert_true(d.df);
	assert_false(d.mf);
	assert_int_equal(d.ttl, 1);
	assert_int_equal(d.proto, NET_IPPROTO_IGMP);
	assert_true(d.router_alert);
	assert_int_equal(d.total_len, 32);
	assert_memory_equal(d.payload, "12345678", 8);
	assert_memory_equal(d.dst.b, h.dst.b, 4);

	/* Byte-exact against the hand-assembled "basic" vector. */
	memset(&h, 0, sizeof(h));
	h.ttl = 64;
	h.proto = NET_IPPROTO_UDP;
	h.src = (struct net_ip4){ { 10, 0, 0, 1 } };
	h.dst = (struct net_ip4){ { 10, 0, 0, 2 } };
	net_wr_init(&w, buf, sizeof(buf));
	off = net_ipv4_begin(&w, &h);
	net_wr_bytes(&w, "\x00\x35\x00\x35\x00\x08\x00\x00", 8);
	assert_int_equal(net_ipv4_end(&w, off), 0);
	n = nt_find(nt_ipv4.v, nt_ipv4.n, "basic", want, sizeof(want));
	assert_int_equal(w.off, n);
	assert_memory_equal(buf, want, n);

	/* Fragment fields round-trip. */
	h.mf = true;
	h.frag_off = 185;
	net_wr_init(&w, buf, sizeof(buf));
	off = net_ipv4_begin(&w, &h);
	assert_int_equal(net_ipv4_end(&w, off), 0);
	assert_int_equal(net_ipv4_decode(buf, w.off, &d), NET_OK);
	assert_true(d.mf);
	assert_int_equal(d.frag_off, 185);

	/* Errors: no room, or end without a header. */
	net_wr_init(&w, buf, 19);
	off = net_ipv4_begin(&w, &h);
	assert_int_equal(net_ipv4_end(&w, off), -1);
	net_wr_init(&w, buf, sizeof(buf));
	net_wr_zero(&w, 4);
	assert_int_equal(net_ipv4_end(&w, 0), -1);
	assert_int_equal(net_ipv4_end(&w, 10), -1);
}

static void test_ipv4_dec_ttl(void **state)
{
	uint8_t b[256];
	struct net_ipv4 h;
	size_t n;

	(void)state;
	n = nt_find(nt_ipv4.v, nt_ipv4.n, "dscp ef df ttl", b, sizeof(b));
	for (int ttl = 254; ttl >= 0; ttl--) {
		assert_int_equal(net_ipv4_dec_ttl(b), ttl);
		assert_int_equal(net_ipv4_decode(b, n, &h), NET_OK);
		assert_int_equal(h.ttl, ttl);
	}
	assert_int_equal(net_ipv4_dec_ttl(b), 0);
	assert_int_equal(b[8], 0);
	assert_int_equal(net_csum(b, 20), 0);
}

static void test_ipv6_table(void **state)
{
	static const enum net_err codes[] = {
		NET_E_IPV6_SHORT,	    NET_E_IPV6_BAD_VERSION,
		NET_E_IPV6_BAD_PAYLOAD_LEN, NET_E_IPV6_EXT_TRUNCATED,
		NET_E_IPV6_HBH_NOT_FIRST,   NET_E_IPV6_TOO_MANY_EXT,
		NET_E_IPV6_BAD_OPTION_LEN,  NET_E_IPV6_BAD_ROUTER_ALERT,
	};

	(void)state;
	nt_run_table("ipv6", nt_ipv6.v, nt_ipv6.n, ipv6_dec, NULL);
	nt_check_coverage("ipv6", nt_ipv6.v, nt_ipv6.n, codes, NT_COUNT(codes));
	assert_true(nt_fuzz(nt_ipv6.v, nt_ipv6.n, ipv6_dec, NULL, 300) > 0);
}

static void decode_v6(const char *name, struct net_ipv6 *h)
{
	static uint8_t b[512];
	size_t n = nt_find(nt_ipv6.v, nt_ipv6.n, name, b, sizeof(b));

	assert_int_equal(net_ipv6_decode(b, n, h), NET_OK);
}

/* Fixed header to fe80::1 from 2001:db8::1, Next Header nh, plen 32. */
#define V6_HDR(nh)                                                             \
	"60000000 0020" nh "40 20010db8000000000000000000000001"               \
	"fe800000000000000000000000000001"
#define V6_ADDR_A "20010db80000000000000000000000aa"
#define V6_ADDR_B "20010db80000000000000000000000bb"
#define V6_UDP	  "04d2162e00080000"

/* RFC 8200 8.1 / RFC 6275 6.3-6.4 / RFC 8754: the pseudo-header. */
static void test_ipv6_pseudo_header(void **state)
{
	static const struct {
		const char *name, *hex;
		uint8_t src_last, dst_last; /* last octet expected */
	} rows[] = {
		{ "no routing header",
		  V6_HDR("11") V6_UDP "0000000000000000"
				      "0000000000000000"
				      "0000000000000000",
		  0x01, 0x01 },
		{ "type 0, one address left",
		  V6_HDR("2b") "11020001 00000000" V6_ADDR_A V6_UDP, 0x01,
		  0xaa },
		{ "type 0, none left",
		  V6_HDR("2b") "11020000 00000000" V6_ADDR_A V6_UDP, 0x01,
		  0x01 },
		{ "type 2, home address",
		  V6_HDR("2b") "11020201 00000000" V6_ADDR_B V6_UDP, 0x01,
		  0xbb },
		{ "type 4, segment list[0]",
		  V6_HDR("2b") "11020401 00000000" V6_ADDR_A V6_UDP, 0x01,
		  0xaa },
		{ "type 3 left alone",
		  V6_HDR("2b") "11020301 00000000" V6_ADDR_A V6_UDP, 0x01,
		  0x01 },
		{ "home address option",
		  V6_HDR("3c") "11020000 0000c910" V6_ADDR_B V6_UDP, 0xbb,
		  0x01 },
		{ "home address in hop-by-hop ignored",
		  V6_HDR("00") "11020000 0000c910" V6_ADDR_B V6_UDP, 0x01,
		  0x01 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint8_t b[128];
		size_t n = nt_hex(rows[i].hex, b, sizeof(b));
		struct net_ipv6 h;

		if (net_ipv6_decode(b, n, &h) != NET_OK)
			fail_msg("%s: does not decode", rows[i].name);
		if (h.pseudo_src.b[15] != rows[i].src_last ||
		    h.pseudo_dst.b[15] != rows[i].dst_last)
			fail_msg("%s: pseudo-header %02x -> %02x", rows[i].name,
				 h.pseudo_src.b[15], h.pseudo_dst.b[15]);
		assert_int_equal(h.dst.b[15], 0x01);
		assert_int_equal(h.proto, 17);
		assert_int_equal(h.pseudo_unknown,
				 strstr(rows[i].name, "type 3") != NULL);
	}
}

static void test_ipv6_fields(void **state)
{
	struct net_ipv6 h;

	(void)state;
	decode_v6("udp no extension", &h);
	assert_int_equal(h.tclass, 0xb8);
	assert_int_equal(h.flow, 0x12345);
	assert_int_equal(h.hop_limit, 255);
	assert_int_equal(h.plen, 8);
	assert_int_equal(h.proto, 17);
	assert_int_equal(h.ext_count, 0);
	assert_int_equal(h.payload_len, 8);
	assert_int_equal(h.payload[0], 0x01);
	assert_int_equal(h.src.b[0], 0xfe);
	assert_int_equal(h.dst.b[15], 0x16);

	decode_v6("padded frame", &h);
	assert_int_equal(h.payload_len, 8);

	decode_v6("no next header", &h);
	assert_int_equal(h.proto, NET_IPV6_NH_NONE);
	assert_int_equal(h.payload_len, 0);

	decode_v6("hop-by-hop router alert mld", &h);
	assert_true(h.router_alert);
	assert_int_equal(h.ra_value, NET_IPV6_RA_MLD);
	assert_int_equal(h.proto, NET_IPV6_NH_ICMPV6);
	assert_int_equal(h.next_header, NET_IPV6_NH_HOPOPTS);
	assert_int_equal(h.ext_len, 8);
	assert_int_equal(h.payload_len, 8);

	decode_v6("hop-by-hop pad1 pad1 ra 1", &h);
	assert_true(h.router_alert);
	assert_int_equal(h.ra_value, 1);

	decode_v6("hop-by-hop unknown option", &h);
	assert_false(h.router_alert);
	assert_int_equal(h.proto, 17);

	decode_v6("routing then dstopts", &h);
	assert_int_equal(h.ext_count, 2);
	assert_int_equal(h.ext_len, 16);
	assert_int_equal(h.proto, 17);

	decode_v6("first fragment", &h);
	assert_true(h.fragment && h.mf);
	assert_int_equal(h.frag_off, 0);
	assert_int_equal(h.frag_id, 0xdeadbeef);
	assert_int_equal(h.proto, 17);
	assert_true(net_ipv6_is_fragment(&h));

	decode_v6("non-first fragment", &h);
	assert_true(h.fragment);
	assert_false(h.mf);
	assert_int_equal(h.frag_off, 185);
	assert_int_equal(h.proto, 17);
	assert_int_equal(h.payload_len, 8);
	assert_true(net_ipv6_is_fragment(&h));

	decode_v6("ah skipped", &h);
	assert_int_equal(h.ext_len, 24);
	assert_int_equal(h.proto, 17);

	decode_v6("hbh then fragment", &h);
	assert_int_equal(h.ext_count, 2);
	assert_int_equal(h.proto, NET_IPV6_NH_ICMPV6);
	assert_true(h.fragment);
	assert_false(net_ipv6_is_fragment(&h)); /* atomic fragment */

	decode_v6("router alert in dstopts not recorded", &h);
	assert_false(h.router_alert);
}

static void test_ipv6_encode(void **state)
{
	struct net_ipv6 h = { .tclass = 0xc0,
			      .flow = 0xabcde,
			      .hop_limit = 1,
			      .next_header = NET_IPV6_NH_ICMPV6,
			      .src = { { 0xfe, 0x80, [15] = 1 } },
			      .dst = { { 0xff, 0x02, [15] = 0x16 } },
			      .router_alert = true,
			      .ra_value = NET_IPV6_RA_MLD };
	uint8_t buf[128], want[512];
	struct net_wr w;
	struct net_ipv6 d;
	size_t off, n;

	(void)state;
	net_wr_init(&w, buf, sizeof(buf));
	off = net_ipv6_begin(&w, &h);
	net_wr_bytes(&w, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	assert_int_equal(net_ipv6_end(&w, off), 0);
	assert_int_equal(w.off, 56);
	assert_int_equal(net_ipv6_decode(buf, w.off, &d), NET_OK);
	assert_int_equal(d.tclass, 0xc0);
	assert_int_equal(d.flow, 0xabcde);
	assert_int_equal(d.plen, 16);
	assert_true(d.router_alert);
	assert_int_equal(d.ra_value, 0);
	assert_int_equal(d.proto, NET_IPV6_NH_ICMPV6);
	assert_int_equal(d.ext_len, 8);

	/* Byte-exact against the hand-assembled vector (same fields). */
	h.tclass = 0;
	h.flow = 0;
	net_wr_init(&w, buf, sizeof(buf));
	off = net_ipv6_begin(&w, &h);
	net_wr_bytes(&w, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	assert_int_equal(net_ipv6_end(&w, off), 0);
	n = nt_find(nt_ipv6.v, nt_ipv6.n, "hop-by-hop router alert mld", want,
		    sizeof(want));
	assert_int_equal(w.off, n);
	assert_memory_equal(buf, want, n);

	/* Without Router Alert: 40 bytes and the protocol directly. */
	h.router_alert = false;
	h.next_header = 17;
	net_wr_init(&w, buf, sizeof(buf));
	off = net_ipv6_begin(&w, &h);
	assert_int_equal(net_ipv6_end(&w, off), 0);
	assert_int_equal(w.off, 40);
	assert_int_equal(net_ipv6_decode(buf, w.off, &d), NET_OK);
	assert_int_equal(d.proto, 17);
	assert_int_equal(d.plen, 0);

	net_wr_init(&w, buf, 45);
	h.router_alert = true;
	off = net_ipv6_begin(&w, &h);
	assert_int_equal(net_ipv6_end(&w, off), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_table),
		cmocka_unit_test(test_ipv4_fields),
		cmocka_unit_test(test_ipv4_encode),
		cmocka_unit_test(test_ipv4_dec_ttl),
		cmocka_unit_test(test_ipv6_table),
		cmocka_unit_test(test_ipv6_fields),
		cmocka_unit_test(test_ipv6_pseudo_header),
		cmocka_unit_test(test_ipv6_encode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
