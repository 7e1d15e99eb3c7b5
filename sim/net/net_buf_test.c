/*
 * Tests for the wire cursors (net_buf.h), the rejection names (net_err.h)
 * and the Internet checksum (net_csum.h: RFC 1071 sums over pieces of any
 * parity, pseudo-headers, RFC 1624 incremental update).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/core/sim_rng.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_csum.h"
#include "sim/net/net_err.h"

static void test_rd_basic(void **state)
{
	static const uint8_t b[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
				     0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
				     0x0d, 0x0e, 0x0f, 0x10, 0x11 };
	struct net_rd r;
	uint8_t two[2];

	(void)state;
	net_rd_init(&r, b, sizeof(b));
	assert_int_equal(net_rd_u8(&r), 0x01);
	assert_int_equal(net_rd_be16(&r), 0x0203);
	assert_int_equal(net_rd_be32(&r), 0x04050607);
	assert_true(net_rd_be64(&r) == 0x08090a0b0c0d0e0fULL);
	assert_int_equal(net_rd_left(&r), 2);
	assert_true(net_rd_bytes(&r, two, 2));
	assert_int_equal(two[0], 0x10);
	assert_int_equal(net_rd_left(&r), 0);
	assert_false(r.err);
	/* Reading the last byte with more requested: error, zero value. */
	net_rd_init(&r, b, sizeof(b));
	assert_true(net_rd_skip(&r, 16));
	assert_int_equal(net_rd_be16(&r), 0);
	assert_true(r.err);
	/* Sticky: a later read that would fit still fails. */
	assert_int_equal(net_rd_u8(&r), 0);
	assert_int_equal(net_rd_left(&r), 0);
	assert_null(net_rd_ptr(&r, 0));
	two[0] = 0xaa;
	assert_false(net_rd_bytes(&r, two, 2));
	assert_int_equal(two[0], 0);
	/* Zero-length buffer and NULL pointer. */
	net_rd_init(&r, NULL, 10);
	assert_int_equal(net_rd_left(&r), 0);
	assert_int_equal(net_rd_be32(&r), 0);
	assert_true(r.err);
}

static void test_rd_sub_ptr(void **state)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5, 6 };
	struct net_rd r, s;
	const uint8_t *p;

	(void)state;
	net_rd_init(&r, b, sizeof(b));
	net_rd_skip(&r, 1);
	s = net_rd_sub(&r, 3);
	assert_false(s.err);
	assert_int_equal(net_rd_left(&s), 3);
	assert_int_equal(net_rd_be16(&s), 0x0203);
	assert_int_equal(net_rd_be16(&s), 0); /* only one byte left in s */
	assert_true(s.err);
	assert_false(r.err); /* the parent is unaffected */
	assert_int_equal(net_rd_u8(&r), 5);
	p = net_rd_ptr(&r, 1);
	assert_non_null(p);
	assert_int_equal(*p, 6);
	assert_ptr_equal(net_rd_cur(&r), b + 6);
	/* A sub-cursor longer than what is left fails both. */
	net_rd_init(&r, b, sizeof(b));
	s = net_rd_sub(&r, 7);
	assert_true(s.err);
	assert_true(r.err);
	assert_int_equal(net_rd_left(&s), 0);
	/* A huge length does not wrap around. */
	net_rd_init(&r, b, sizeof(b));
	net_rd_skip(&r, 2);
	assert_false(net_rd_skip(&r, SIZE_MAX));
	assert_true(r.err);
}

static void test_wr(void **state)
{
	uint8_t buf[16];
	struct net_wr w;
	uint8_t *patch;

	(void)state;
	memset(buf, 0xee, sizeof(buf));
	net_wr_init(&w, buf, sizeof(buf));
	assert_true(net_wr_u8(&w, 0x01));
	patch = net_wr_reserve(&w, 2);
	assert_non_null(patch);
	assert_int_equal(patch[0], 0); /* reserved bytes are zeroed */
	assert_true(net_wr_be32(&w, 0x02030405));
	assert_true(net_wr_be64(&w, 0x060708090a0b0c0dULL));
	assert_int_equal(net_wr_left(&w), 1);
	net_put_be16(patch, 0xbeef);
	assert_int_equal(net_get_be16(buf + 1), 0xbeef);
	assert_int_equal(net_get_be32(buf + 3), 0x02030405);
	assert_true(net_get_be64(buf + 7) == 0x060708090a0b0c0dULL);
	assert_false(net_wr_be16(&w, 1));
	assert_true(w.err);
	assert_int_equal(w.off, 15);
	assert_false(net_wr_u8(&w, 1)); /* sticky */
	assert_int_equal(net_wr_left(&w), 0);
	assert_int_equal(buf[15], 0xee); /* nothing written past off */

	net_wr_init(&w, buf, 4);
	assert_true(net_wr_zero(&w, 4));
	assert_true(net_wr_bytes(&w, "", 0));
	assert_false(net_wr_bytes(&w, "x", 1));
	net_wr_init(&w, buf, 4);
	assert_null(net_wr_reserve(&w, SIZE_MAX));
	assert_true(w.err);
	net_wr_init(&w, NULL, 100);
	assert_false(net_wr_u8(&w, 1));
	net_put_be32(buf, 0x11223344);
	assert_int_equal(buf[0], 0x11);
	assert_int_equal(buf[3], 0x44);
	net_put_be64(buf, 0x0102030405060708ULL);
	assert_int_equal(buf[7], 0x08);
}

static void test_err_names(void **state)
{
	(void)state;
	assert_string_equal(net_err_name(NET_OK), "ok");
	assert_string_equal(net_err_name(NET_E_IPV4_BAD_CHECKSUM),
			    "ipv4-bad-checksum");
	assert_string_equal(net_err_name(NET_E__COUNT), "unknown");
	assert_string_equal(net_err_name((enum net_err) - 1), "unknown");
	for (int i = 0; i < NET_E__COUNT; i++) {
		const char *n = net_err_name((enum net_err)i);

		assert_string_not_equal(n, "unknown");
		for (const char *c = n; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') ||
				    (*c >= '0' && *c <= '9') || *c == '-');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(n,
						net_err_name((enum net_err)j));
	}
}

static void test_csum_rfc1071(void **state)
{
	/* RFC 1071 section 3 example: sum of these words is 0xddf2. */
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03,
				     0xf4, 0xf5, 0xf6, 0xf7 };
	struct net_csum c;

	(void)state;
	net_csum_init(&c);
	net_csum_add(&c, b, sizeof(b));
	assert_int_equal(net_csum_fold(&c), 0xddf2);
	assert_int_equal(net_csum_final(&c), 0x220d);
	assert_int_equal(net_csum(b, sizeof(b)), 0x220d);
	/* Odd length: the last byte is a high half. */
	assert_int_equal(net_csum(b, 3), (uint16_t) ~(0x0001 + 0xf200));
	assert_int_equal(net_csum(NULL, 0), 0xffff);
}

static void test_csum_pieces(void **state)
{
	uint8_t b[64];
	struct sim_rng rng;

	(void)state;
	sim_rng_seed(&rng, 7, "csum");
	for (int round = 0; round < 200; round++) {
		size_t len = sim_rng_below(&rng, sizeof(b) + 1);
		size_t a = sim_rng_below(&rng, len + 1);
		size_t m = a + sim_rng_below(&rng, len - a + 1);
		struct net_csum c;

		for (size_t i = 0; i < len; i++)
			b[i] = (uint8_t)sim_rng_next(&rng);
		net_csum_init(&c);
		net_csum_add(&c, b, a);
		net_csum_add(&c, b + a, m - a);
		net_csum_add(&c, b + m, len - m);
		assert_int_equal(net_csum_final(&c), net_csum(b, len));
	}
}

static void test_csum_pseudo(void **state)
{
	struct net_ip4 s4 = { { 10, 0, 0, 1 } }, d4 = { { 10, 0, 0, 2 } };
	struct net_ip6 s6 = { { 0xfe, 0x80, [15] = 1 } };
	struct net_ip6 d6 = { { 0xff, 0x02, [15] = 1 } };
	uint8_t p4[12] = { 10, 0, 0, 1, 10, 0, 0, 2, 0, 17, 0x01, 0x02 };
	uint8_t p6[40] = { 0 };
	struct net_csum c;

	(void)state;
	net_csum_init(&c);
	net_csum_pseudo4(&c, &s4, &d4, 17, 0x0102);
	assert_int_equal(net_csum_final(&c), net_csum(p4, sizeof(p4)));
	memcpy(p6, s6.b, 16);
	memcpy(p6 + 16, d6.b, 16);
	p6[34] = 0x01; /* length 0x10102 */
	p6[35] = 0x02;
	p6[33] = 0x01;
	p6[39] = 58;
	net_csum_init(&c);
	net_csum_pseudo6(&c, &s6, &d6, 0x10102, 58);
	assert_int_equal(net_csum_final(&c), net_csum(p6, sizeof(p6)));
	/* The pseudo-header may follow an odd number of bytes too. */
	net_csum_init(&c);
	net_csum_add(&c, "\x01", 1);
	net_csum_pseudo4(&c, &s4, &d4, 17, 0x0102);
	{
		uint8_t q[13] = { 0x01 };

		memcpy(q + 1, p4, 12);
		assert_int_equal(net_csum_final(&c), net_csum(q, 13));
	}
}

/* RFC 1624: incremental update equals recomputation, over all TTLs. */
static void test_csum_incremental(void **state)
{
	uint8_t h[20] = { 0x45, 0x00, 0x00, 0x54, 0xab, 0xcd, 0x40,
			  0x00, 0xff, 0x01, 0x00, 0x00, 192,  168,
			  1,	1,    224,  0,	  0,	18 };
	struct sim_rng rng;

	(void)state;
	sim_rng_seed(&rng, 11, "csum-inc");
	for (int round = 0; round < 300; round++) {
		uint16_t hc, old, nw, upd, full;

		for (int i = 0; i < 20; i++)
			if (i != 10 && i != 11)
				h[i] = (uint8_t)sim_rng_next(&rng);
		if (round == 0)
			memset(h, 0, sizeof(h)); /* the all-zero corner */
		net_put_be16(h + 10, 0);
		net_put_be16(h + 10, net_csum(h, 20));
		hc = net_get_be16(h + 10);
		old = net_get_be16(h + 8);
		nw = (uint16_t)sim_rng_next(&rng);
		upd = net_csum_update16(hc, old, nw);
		net_put_be16(h + 8, nw);
		net_put_be16(h + 10, 0);
		full = net_csum(h, 20);
		/* Both are valid; they may differ only as +0 vs -0. */
		if (upd != full)
			assert_true((upd == 0 && full == 0xffff) ||
				    (upd == 0xffff && full == 0));
		net_put_be16(h + 10, upd);
		assert_int_equal(net_csum(h, 20), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rd_basic),
		cmocka_unit_test(test_rd_sub_ptr),
		cmocka_unit_test(test_wr),
		cmocka_unit_test(test_err_names),
		cmocka_unit_test(test_csum_rfc1071),
		cmocka_unit_test(test_csum_pieces),
		cmocka_unit_test(test_csum_pseudo),
		cmocka_unit_test(test_csum_incremental),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
