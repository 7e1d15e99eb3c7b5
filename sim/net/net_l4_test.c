/*
 * Tests for the upper-layer codecs: ICMP (RFC 792), ICMPv6 (RFC 4443) with
 * Neighbor Discovery (RFC 4861) and UDP (RFC 768) over IPv4 and IPv6.
 * Hand-assembled vectors (checksums computed by hand and cross-checked with
 * tshark) cover every rejection code; field checks, encode/decode round
 * trips (including the UDP checksum that computes to zero and is sent as
 * 0xffff) and truncation/corruption sweeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/net/net_csum.h"
#include "sim/net/net_icmp.h"
#include "sim/net/net_icmp6.h"
#include "sim/net/net_udp.h"
#include "sim/net/net_testutil.h"
#include "sim/net/net_vectors.h"

/* Addresses the vectors' checksums were computed with. */
static const struct net_ip6 ll1 = { { 0xfe, 0x80, [15] = 1 } };
static const struct net_ip6 all_nodes = { { 0xff, 0x02, [15] = 1 } };
static const struct net_ip4 u4_src = { { 10, 0, 0, 1 } };
static const struct net_ip4 u4_dst = { { 10, 0, 0, 2 } };
static const struct net_ip6 u6_src = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
static const struct net_ip6 u6_dst = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };

static enum net_err icmp_dec(const uint8_t *b, size_t len, void *ctx)
{
	struct net_icmp m;

	(void)ctx;
	return net_icmp_decode(b, len, &m);
}

/* Generic decode, then the typed decoder the message type calls for. */
static enum net_err icmp6_dec(const uint8_t *b, size_t len, void *ctx)
{
	struct net_icmp6 m;
	struct net_icmp6_echo echo;
	struct net_icmp6_error err;
	struct net_nd nd;
	enum net_err e;

	(void)ctx;
	e = net_icmp6_decode(b, len, &ll1, &all_nodes, &m);
	if (e != NET_OK)
		return e;
	if (m.type == NET_ICMP6_ECHO || m.type == NET_ICMP6_ECHO_REPLY)
		return net_icmp6_echo_decode(&m, &echo);
	if (m.type == NET_ICMP6_ND_NS || m.type == NET_ICMP6_ND_NA)
		return net_nd_decode(&m, &nd);
	if (net_icmp6_is_error(m.type))
		return net_icmp6_error_decode(&m, &err);
	return NET_OK;
}

static enum net_err udp4_dec(const uint8_t *b, size_t len, void *ctx)
{
	struct net_udp u;
	enum net_err e;

	(void)ctx;
	e = net_udp4_decode(b, len, &u4_src, &u4_dst, &u);
	if (e == NET_OK)
		assert_true(u.payload + u.payload_len <= b + len);
	return e;
}

static enum net_err udp6_dec(const uint8_t *b, size_t len, void *ctx)
{
	struct net_udp u;

	(void)ctx;
	return net_udp6_decode(b, len, &u6_src, &u6_dst, &u);
}

static void test_icmp_table(void **state)
{
	static const enum net_err codes[] = { NET_E_ICMP_SHORT,
					      NET_E_ICMP_BAD_CHECKSUM };

	(void)state;
	nt_run_table("icmp", nt_icmp.v, nt_icmp.n, icmp_dec, NULL);
	nt_check_coverage("icmp", nt_icmp.v, nt_icmp.n, codes, NT_COUNT(codes));
	assert_true(nt_fuzz(nt_icmp.v, nt_icmp.n, icmp_dec, NULL, 200) > 0);
}

static void test_icmp_fields_encode(void **state)
{
	uint8_t b[256], want[256];
	struct net_icmp m;
	struct net_wr w;
	size_t n;

	(void)state;
	n = nt_find(nt_icmp.v, nt_icmp.n, "echo request", want, sizeof(want));
	assert_int_equal(net_icmp_decode(want, n, &m), NET_OK);
	assert_int_equal(m.type, NET_ICMP_ECHO);
	assert_true(net_icmp_is_echo(&m));
	assert_false(net_icmp_is_error(&m));
	assert_int_equal(m.id, 0x1234);
	assert_int_equal(m.seq, 1);
	assert_int_equal(m.data_len, 4);
	assert_memory_equal(m.data, "abcd", 4);
	net_wr_init(&w, b, sizeof(b));
	assert_int_equal(
		net_icmp_echo_encode(&w, NET_ICMP_ECHO, 0x1234, 1, "abcd", 4),
		0);
	assert_int_equal(w.off, n);
	assert_memory_equal(b, want, n);

	n = nt_find(nt_icmp.v, nt_icmp.n, "echo reply odd data", want,
		    sizeof(want));
	net_wr_init(&w, b, sizeof(b));
	assert_int_equal(net_icmp_echo_encode(&w, NET_ICMP_ECHO_REPLY, 0x1234,
					      2, "abc", 3),
			 0);
	assert_memory_equal(b, want, n);

	/* Errors quote the IP header and 8 bytes of what follows. */
	n = nt_find(nt_icmp.v, nt_icmp.n, "port unreachable", want,
		    sizeof(want));
	assert_int_equal(net_icmp_decode(want, n, &m), NET_OK);
	assert_true(net_icmp_is_error(&m));
	assert_int_equal(m.code, NET_ICMP_UNREACH_PORT);
	assert_int_equal(m.data_len, 28);
	{
		uint8_t orig[40];

		memcpy(orig, m.data, 28);
		memset(orig + 28, 0x55, 12); /* not quoted */
		net_wr_init(&w, b, sizeof(b));
		assert_int_equal(net_icmp_error_encode(&w, NET_ICMP_UNREACH,
						       NET_ICMP_UNREACH_PORT, 0,
						       orig, sizeof(orig)),
				 0);
		assert_int_equal(w.off, n);
		assert_memory_equal(b, want, n);
		/* A short original is quoted whole. */
		net_wr_init(&w, b, sizeof(b));
		assert_int_equal(
			net_icmp_error_encode(&w, NET_ICMP_TIME_EXCEEDED,
					      NET_ICMP_TIMXCEED_INTRANS, 0,
					      orig, 10),
			0);
		assert_int_equal(w.off, 18);
		assert_int_equal(net_icmp_decode(b, w.off, &m), NET_OK);
	}
	net_wr_init(&w, b, 7);
	assert_int_equal(net_icmp_echo_encode(&w, 8, 1, 1, NULL, 0), -1);
}

static void test_icmp6_table(void **state)
{
	static const enum net_err codes[] = {
		NET_E_ICMP6_SHORT,
		NET_E_ICMP6_BAD_CHECKSUM,
		NET_E_ICMP6_BODY_SHORT,
		NET_E_ND_BAD_OPTION_LEN,
	};

	(void)state;
	nt_run_table("icmp6", nt_icmp6.v, nt_icmp6.n, icmp6_dec, NULL);
	nt_check_coverage("icmp6", nt_icmp6.v, nt_icmp6.n, codes,
			  NT_COUNT(codes));
	assert_true(nt_fuzz(nt_icmp6.v, nt_icmp6.n, icmp6_dec, NULL, 200) > 0);
}

static void decode_nd(const char *name, struct net_nd *nd)
{
	uint8_t b[256];
	struct net_icmp6 m;
	size_t n = nt_find(nt_icmp6.v, nt_icmp6.n, name, b, sizeof(b));

	assert_int_equal(net_icmp6_decode(b, n, &ll1, &all_nodes, &m), NET_OK);
	assert_int_equal(net_nd_decode(&m, nd), NET_OK);
}

static void test_nd_fields(void **state)
{
	static const struct net_mac mac = { { 0, 0, 0x5e, 0, 2, 1 } };
	static const struct net_ip6 tgt = { { 0x20, 0x01, 0x0d,
					      0xb8, [15] = 1 } };
	struct net_nd nd;

	(void)state;
	decode_nd("ns with slla", &nd);
	assert_int_equal(nd.type, NET_ICMP6_ND_NS);
	assert_memory_equal(nd.target.b, tgt.b, 16);
	assert_true(nd.has_sll);
	assert_false(nd.has_tll);
	assert_true(net_mac_eq(&nd.sll, &mac));

	decode_nd("ns dad no options", &nd);
	assert_false(nd.has_sll || nd.has_tll);
	assert_int_equal(nd.nopts, 0);

	decode_nd("na r s o with tlla", &nd);
	assert_int_equal(nd.type, NET_ICMP6_ND_NA);
	assert_true(nd.router && nd.solicited && nd.override);
	assert_true(nd.has_tll);
	assert_true(net_mac_eq(&nd.tll, &mac));

	decode_nd("unsolicited na", &nd);
	assert_false(nd.router || nd.solicited);
	assert_true(nd.override);

	decode_nd("na unknown option then tlla", &nd);
	assert_int_equal(nd.nopts, 2);
	assert_true(nd.has_tll && nd.solicited);

	decode_nd("na long lla option ignored", &nd);
	assert_int_equal(nd.nopts, 1);
	assert_false(nd.has_tll);
}

static void test_icmp6_encode(void **state)
{
	static const struct net_mac mac = { { 0, 0, 0x5e, 0, 2, 1 } };
	uint8_t b[1600], want[256], orig[1500];
	struct net_icmp6 m;
	struct net_icmp6_echo e;
	struct net_icmp6_error er;
	struct net_nd nd;
	struct net_wr w;
	size_t n;

	(void)state;
	n = nt_find(nt_icmp6.v, nt_icmp6.n, "echo request", want, sizeof(want));
	net_wr_init(&w, b, sizeof(b));
	assert_int_equal(net_icmp6_echo_encode(&w, &ll1, &all_nodes,
					       NET_ICMP6_ECHO, 0x1234, 1,
					       "abcd", 4),
			 0);
	assert_int_equal(w.off, n);
	assert_memory_equal(b, want, n);
	assert_int_equal(net_icmp6_decode(b, w.off, &ll1, &all_nodes, &m),
			 NET_OK);
	assert_int_equal(net_icmp6_echo_decode(&m, &e), NET_OK);
	assert_int_equal(e.id, 0x1234);
	assert_int_equal(e.seq, 1);
	assert_memory_equal(e.data, "abcd", 4);

	/* NA with R/S/O and TLLA, byte-exact with the vector. */
	n = nt_find(nt_icmp6.v, nt_icmp6.n, "na r s o with tlla", want,
		    sizeof(want));
	memset(&nd, 0, sizeof(nd));
	nd.type = NET_ICMP6_ND_NA;
	nd.router = nd.solicited = nd.override = true;
	memcpy(nd.target.b, want + 8, 16);
	nd.has_tll = true;
	nd.tll = mac;
	net_wr_init(&w, b, sizeof(b));
	assert_int_equal(net_nd_encode(&w, &ll1, &all_nodes, &nd), 0);
	assert_int_equal(w.off, n);
	assert_memory_equal(b, want, n);

	n = nt_find(nt_icmp6.v, nt_icmp6.n, "ns with slla", want, sizeof(want));
	memset(&nd, 0, sizeof(nd));
	nd.type = NET_ICMP6_ND_NS;
	memcpy(nd.target.b, want + 8, 16);
	nd.has_sll = true;
	nd.sll = mac;
	net_wr_init(&w, b, sizeof(b));
	assert_int_equal(net_nd_encode(&w, &ll1, &all_nodes, &nd), 0);
	assert_memory_equal(b, want, n);

	/* Errors quote at most 1280 - 48 bytes. */
	memset(orig, 0x60, sizeof(orig));
	net_wr_init(&w, b, sizeof(b));
	assert_int_equal(net_icmp6_error_encode(&w, &ll1, &all_nodes,
						NET_ICMP6_PACKET_TOO_BIG, 0,
						1280, orig, sizeof(orig)),
			 0);
	assert_int_equal(w.off, 8 + NET_ICMP6_ERROR_QUOTE_MAX);
	assert_int_equal(net_icmp6_decode(b, w.off, &ll1, &all_nodes, &m),
			 NET_OK);
	assert_int_equal(net_icmp6_error_decode(&m, &er), NET_OK);
	assert_int_equal(er.rest, 1280);
	assert_int_equal(er.quoted_len, NET_ICMP6_ERROR_QUOTE_MAX);

	net_wr_init(&w, b, 3);
	assert_int_equal(
		net_icmp6_end(&w, net_icmp6_begin(&w, 1, 0), &ll1, &all_nodes),
		-1);
}

static void test_udp_tables(void **state)
{
	static const enum net_err codes4[] = {
		NET_E_UDP_SHORT,
		NET_E_UDP_BAD_LEN,
		NET_E_UDP_BAD_CHECKSUM,
	};
	static const enum net_err codes6[] = {
		NET_E_UDP_ZERO_CHECKSUM,
		NET_E_UDP_BAD_CHECKSUM,
		NET_E_UDP_BAD_LEN,
	};

	(void)state;
	nt_run_table("udp4", nt_udp4.v, nt_udp4.n, udp4_dec, NULL);
	nt_check_coverage("udp4", nt_udp4.v, nt_udp4.n, codes4,
			  NT_COUNT(codes4));
	assert_true(nt_fuzz(nt_udp4.v, nt_udp4.n, udp4_dec, NULL, 200) > 0);
	nt_run_table("udp6", nt_udp6.v, nt_udp6.n, udp6_dec, NULL);
	nt_check_coverage("udp6", nt_udp6.v, nt_udp6.n, codes6,
			  NT_COUNT(codes6));
	assert_true(nt_fuzz(nt_udp6.v, nt_udp6.n, udp6_dec, NULL, 200) > 0);
}

static void test_udp_encode(void **state)
{
	uint8_t b[128], want[128];
	struct net_udp u;
	struct net_wr w;
	size_t off, n;

	(void)state;
	n = nt_find(nt_udp4.v, nt_udp4.n, "dns-ish", want, sizeof(want));
	net_wr_init(&w, b, sizeof(b));
	off = net_udp_begin(&w, 0xc000, 53);
	net_wr_bytes(&w, "abcd", 4);
	assert_int_equal(net_udp4_end(&w, off, &u4_src, &u4_dst), 0);
	assert_int_equal(w.off, n);
	assert_memory_equal(b, want, n);
	assert_int_equal(net_udp4_decode(b, w.off, &u4_src, &u4_dst, &u),
			 NET_OK);
	assert_int_equal(u.sport, 0xc000);
	assert_int_equal(u.dport, 53);
	assert_int_equal(u.len, 12);
	assert_memory_equal(u.payload, "abcd", 4);

	n = nt_find(nt_udp6.v, nt_udp6.n, "odd payload", want, sizeof(want));
	net_wr_init(&w, b, sizeof(b));
	off = net_udp_begin(&w, 0xc000, 3784);
	net_wr_bytes(&w, "abc", 3);
	assert_int_equal(net_udp6_end(&w, off, &u6_src, &u6_dst), 0);
	assert_int_equal(w.off, n);
	assert_memory_equal(b, want, n);

	/* Trailing bytes after Length are not part of the datagram. */
	n = nt_find(nt_udp4.v, nt_udp4.n, "trailing bytes ignored", want,
		    sizeof(want));
	assert_int_equal(net_udp4_decode(want, n, &u4_src, &u4_dst, &u),
			 NET_OK);
	assert_int_equal(u.payload_len, 4);
	n = nt_find(nt_udp4.v, nt_udp4.n, "zero checksum", want, sizeof(want));
	assert_int_equal(net_udp4_decode(want, n, &u4_src, &u4_dst, &u),
			 NET_OK);
	assert_int_equal(u.csum, 0);
}

/* RFC 768: a computed checksum of zero is transmitted as all ones. */
static void test_udp_zero_sum(void **state)
{
	uint8_t b[64];
	struct net_wr w;
	struct net_udp u;
	size_t off;
	uint16_t c;

	(void)state;
	for (int fam = 4; fam <= 6; fam += 2) {
		net_wr_init(&w, b, sizeof(b));
		off = net_udp_begin(&w, 1000, 2000);
		net_wr_be16(&w, 0);
		if (fam == 4)
			net_udp4_end(&w, off, &u4_src, &u4_dst);
		else
			net_udp6_end(&w, off, &u6_src, &u6_dst);
		c = net_get_be16(b + 6);
		/* Adding the checksum as data makes the sum all ones. */
		net_wr_init(&w, b, sizeof(b));
		off = net_udp_begin(&w, 1000, 2000);
		net_wr_be16(&w, c);
		if (fam == 4) {
			assert_int_equal(
				net_udp4_end(&w, off, &u4_src, &u4_dst), 0);
			assert_int_equal(net_get_be16(b + 6), 0xffff);
			assert_int_equal(
				net_udp4_decode(b, w.off, &u4_src, &u4_dst, &u),
				NET_OK);
		} else {
			assert_int_equal(
				net_udp6_end(&w, off, &u6_src, &u6_dst), 0);
			assert_int_equal(net_get_be16(b + 6), 0xffff);
			assert_int_equal(
				net_udp6_decode(b, w.off, &u6_src, &u6_dst, &u),
				NET_OK);
		}
	}
	net_wr_init(&w, b, 7);
	off = net_udp_begin(&w, 1, 2);
	assert_int_equal(net_udp4_end(&w, off, &u4_src, &u4_dst), -1);
	assert_int_equal(net_udp6_end(&w, off, &u6_src, &u6_dst), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_icmp_table),
		cmocka_unit_test(test_icmp_fields_encode),
		cmocka_unit_test(test_icmp6_table),
		cmocka_unit_test(test_nd_fields),
		cmocka_unit_test(test_icmp6_encode),
		cmocka_unit_test(test_udp_tables),
		cmocka_unit_test(test_udp_encode),
		cmocka_unit_test(test_udp_zero_sum),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
