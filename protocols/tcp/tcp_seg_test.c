/*
 * Tests of the TCP segment codec (RFC 9293 sections 3.1 and 3.2): a table
 * of wire vectors (checksums computed independently over the IPv4 and
 * IPv6 pseudo-headers) decoded field by field, the same segments encoded
 * back byte for byte, and the malformed inputs every decoder must reject
 * without reading outside its buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/tcp/tcp_seg.h"

struct vec {
	const char *name;
	const char *src, *dst;
	uint8_t b[40];
	size_t len;
	enum tcp_seg_err err;
	/* expected fields when err is TCP_SEG_OK */
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags, hlen;
	uint16_t wnd;
	bool has_mss;
	uint16_t mss;
	size_t dlen;
	bool encodable; /* our encoder writes exactly these bytes */
};

static const struct vec vecs[] = {
	{ "syn4 with MSS 1460",
	  "10.0.0.1",
	  "10.0.0.2",
	  { 0xc0, 0x00, 0x07, 0xfe, 0x01, 0x02, 0x03, 0x04,
	    0x00, 0x00, 0x00, 0x00, 0x60, 0x02, 0xff, 0xff,
	    0xb8, 0x1f, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4 },
	  24,
	  TCP_SEG_OK,
	  49152,
	  2046,
	  0x01020304,
	  0,
	  TCP_SYN,
	  24,
	  65535,
	  true,
	  1460,
	  0,
	  true },
	{ "synack6 with MSS 1440",
	  "2001:db8::1",
	  "2001:db8::2",
	  { 0x07, 0xfe, 0xc0, 0x00, 0xff, 0xff, 0xff, 0xf0,
	    0x01, 0x02, 0x03, 0x05, 0x60, 0x12, 0xff, 0xff,
	    0x70, 0xbf, 0x00, 0x00, 0x02, 0x04, 0x05, 0xa0 },
	  24,
	  TCP_SEG_OK,
	  2046,
	  49152,
	  0xfffffff0,
	  0x01020305,
	  TCP_SYN | TCP_ACK,
	  24,
	  65535,
	  true,
	  1440,
	  0,
	  true },
	{ "data4 odd length",
	  "10.0.0.1",
	  "10.0.0.2",
	  { 0xc0, 0x00, 0x07, 0xfe, 0x01, 0x02, 0x03, 0x05, 0xff,
	    0xff, 0xff, 0xf1, 0x50, 0x18, 0xff, 0xff, 0x8b, 0xfb,
	    0x00, 0x00, 'h',  'e',  'l',  'l',	'o' },
	  25,
	  TCP_SEG_OK,
	  49152,
	  2046,
	  0x01020305,
	  0xfffffff1,
	  TCP_PSH | TCP_ACK,
	  20,
	  65535,
	  false,
	  0,
	  5,
	  true },
	{ "finack6",
	  "2001:db8::1",
	  "2001:db8::2",
	  { 0x07, 0xfe, 0xc0, 0x00, 0xff, 0xff, 0xff, 0xf1, 0x01, 0x02,
	    0x03, 0x0a, 0x50, 0x11, 0x20, 0x00, 0x68, 0x62, 0x00, 0x00 },
	  20,
	  TCP_SEG_OK,
	  2046,
	  49152,
	  0xfffffff1,
	  0x0102030a,
	  TCP_FIN | TCP_ACK,
	  20,
	  8192,
	  false,
	  0,
	  0,
	  true },
	{ "rst4",
	  "10.0.0.2",
	  "10.0.0.1",
	  { 0x07, 0xfe, 0xc0, 0x00, 0x01, 0x02, 0x03, 0x05, 0x00, 0x00,
	    0x00, 0x00, 0x50, 0x04, 0x00, 0x00, 0xcf, 0xd8, 0x00, 0x00 },
	  20,
	  TCP_SEG_OK,
	  2046,
	  49152,
	  0x01020305,
	  0,
	  TCP_RST,
	  20,
	  0,
	  false,
	  0,
	  0,
	  true },
	{ "options: NOP NOP unknown(30) MSS EOL padding",
	  "10.0.0.1",
	  "10.0.0.2",
	  { 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
	    0x08, 0x80, 0x10, 0x00, 0x64, 0x24, 0x84, 0x00, 0x00, 0x01, 0x01,
	    0x1e, 0x04, 0xaa, 0xbb, 0x02, 0x04, 0x02, 0x18, 0x00, 0xee, 'x' },
	  33,
	  TCP_SEG_OK,
	  1,
	  2,
	  7,
	  8,
	  TCP_ACK,
	  32,
	  100,
	  true,
	  536,
	  1,
	  false },
	/* ---- rejected ---- */
	{ "19 bytes",
	  "10.0.0.1",
	  "10.0.0.2",
	  { 0x07, 0xfe, 0xc0, 0x00, 0x01, 0x02, 0x03, 0x05, 0x00, 0x00, 0x00,
	    0x00, 0x50, 0x04, 0x00, 0x00, 0xcf, 0xd8, 0x00 },
	  19,
	  TCP_SEG_E_SHORT },
	{ "empty", "10.0.0.1", "10.0.0.2", { 0 }, 0, TCP_SEG_E_SHORT },
	{ "data offset 4",
	  "10.0.0.2",
	  "10.0.0.1",
	  { 0x07, 0xfe, 0xc0, 0x00, 0x01, 0x02, 0x03, 0x05, 0x00, 0x00,
	    0x00, 0x00, 0x40, 0x04, 0x00, 0x00, 0xcf, 0xd8, 0x00, 0x00 },
	  20,
	  TCP_SEG_E_OFFSET },
	{ "data offset past the end",
	  "10.0.0.2",
	  "10.0.0.1",
	  { 0x07, 0xfe, 0xc0, 0x00, 0x01, 0x02, 0x03, 0x05, 0x00, 0x00,
	    0x00, 0x00, 0x60, 0x04, 0x00, 0x00, 0xcf, 0xd8, 0x00, 0x00 },
	  20,
	  TCP_SEG_E_SHORT },
	{ "bad checksum",
	  "10.0.0.2",
	  "10.0.0.1",
	  { 0x07, 0xfe, 0xc0, 0x00, 0x01, 0x02, 0x03, 0x05, 0x00, 0x00,
	    0x00, 0x00, 0x50, 0x04, 0x00, 0x00, 0xcf, 0xd9, 0x00, 0x00 },
	  20,
	  TCP_SEG_E_CHECKSUM },
	{ "checksum of the other family",
	  "fe80::a00:2",
	  "fe80::a00:1",
	  { 0x07, 0xfe, 0xc0, 0x00, 0x01, 0x02, 0x03, 0x05, 0x00, 0x00,
	    0x00, 0x00, 0x50, 0x04, 0x00, 0x00, 0xcf, 0xd8, 0x00, 0x00 },
	  20,
	  TCP_SEG_E_CHECKSUM },
	{ "option length 0",
	  "10.0.0.1",
	  "10.0.0.2",
	  { 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x07,
	    0x00, 0x00, 0x00, 0x08, 0x60, 0x10, 0x00, 0x64,
	    0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00 },
	  24,
	  TCP_SEG_E_OPTION },
	{ "option length past the header",
	  "10.0.0.1",
	  "10.0.0.2",
	  { 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00,
	    0x00, 0x08, 0x60, 0x10, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00,
	    0x08, 0x0a, 0x00, 0x00, 'd',  'a',	't',  'a',  'd',  'a' },
	  30,
	  TCP_SEG_E_OPTION },
	{ "option kind with no length byte",
	  "10.0.0.1",
	  "10.0.0.2",
	  { 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x07,
	    0x00, 0x00, 0x00, 0x08, 0x60, 0x10, 0x00, 0x64,
	    0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x04 },
	  24,
	  TCP_SEG_E_OPTION },
	{ "MSS option of length 3",
	  "10.0.0.1",
	  "10.0.0.2",
	  { 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x07,
	    0x00, 0x00, 0x00, 0x08, 0x60, 0x10, 0x00, 0x64,
	    0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x05, 0x00 },
	  24,
	  TCP_SEG_E_OPTION },
	{ "mixed families",
	  "10.0.0.1",
	  "2001:db8::2",
	  { 0xc0, 0x00, 0x07, 0xfe, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00,
	    0x00, 0x00, 0x50, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00 },
	  20,
	  TCP_SEG_E_AF },
};

static struct net_addr addr(const char *s)
{
	struct net_addr a;

	assert_int_equal(net_addr_parse(s, &a), 0);
	return a;
}

static void test_decode_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		const struct vec *v = &vecs[i];
		struct net_addr src = addr(v->src), dst = addr(v->dst);
		struct tcp_seg g;
		enum tcp_seg_err e;

		e = tcp_seg_decode(v->b, v->len, &src, &dst, &g);
		if (e != v->err)
			fail_msg("%s: got %s, want %s", v->name,
				 tcp_seg_err_name(e), tcp_seg_err_name(v->err));
		if (e != TCP_SEG_OK)
			continue;
		assert_int_equal(g.sport, v->sport);
		assert_int_equal(g.dport, v->dport);
		assert_int_equal(g.seq, v->seq);
		assert_int_equal(g.ack, v->ack);
		assert_int_equal(g.flags, v->flags);
		assert_int_equal(g.hlen, v->hlen);
		assert_int_equal(g.wnd, v->wnd);
		assert_int_equal(g.has_mss, v->has_mss);
		assert_int_equal(g.mss, v->mss);
		assert_int_equal(g.len, v->dlen);
		assert_ptr_equal(g.data, v->b + v->hlen);
		assert_int_equal(tcp_seg_csum(v->b, v->len, &src, &dst),
				 g.csum);
	}
}

static void test_encode_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		const struct vec *v = &vecs[i];
		struct net_addr src = addr(v->src), dst = addr(v->dst);
		struct tcp_seg g;
		uint8_t out[64];
		int n;

		if (!v->encodable)
			continue;
		assert_int_equal(tcp_seg_decode(v->b, v->len, &src, &dst, &g),
				 TCP_SEG_OK);
		n = tcp_seg_encode(&g, &src, &dst, out, sizeof(out));
		assert_int_equal(n, (int)v->len);
		if (memcmp(out, v->b, v->len))
			fail_msg("%s: encoded bytes differ", v->name);
		/* Every shorter buffer is refused. */
		for (size_t cap = 0; cap < v->len; cap++)
			assert_int_equal(
				tcp_seg_encode(&g, &src, &dst, out, cap), -1);
	}
}

/* Without addresses the checksum is not verified (captures). */
static void test_no_checksum_check(void **state)
{
	const struct vec *v = &vecs[10]; /* bad checksum */
	struct tcp_seg g;

	(void)state;
	assert_string_equal(v->name, "bad checksum");
	assert_int_equal(tcp_seg_decode(v->b, v->len, NULL, NULL, &g),
			 TCP_SEG_OK);
	assert_int_equal(g.flags, TCP_RST);
}

static void test_encode_refuses(void **state)
{
	struct net_addr a4 = addr("10.0.0.1"), a6 = addr("2001:db8::1");
	struct net_addr none = { 0 };
	struct tcp_seg g = { .sport = 1, .dport = 2, .flags = TCP_ACK };
	uint8_t out[64];

	(void)state;
	assert_int_equal(tcp_seg_encode(&g, &a4, &a6, out, sizeof(out)), -1);
	assert_int_equal(tcp_seg_encode(&g, &none, &none, out, sizeof(out)),
			 -1);
	g.len = 3; /* text without bytes */
	assert_int_equal(tcp_seg_encode(&g, &a4, &a4, out, sizeof(out)), -1);
	g.len = 65535 - 19; /* more than an IP packet can hold */
	g.data = out;
	assert_int_equal(tcp_seg_encode(&g, &a4, &a4, out, sizeof(out)), -1);
	assert_int_equal(tcp_seg_csum(out, 10, &a4, &a4), 0);
}

/* Every truncation of a valid segment is rejected, never misread. */
static void test_truncations(void **state)
{
	(void)state;
	for (size_t i = 0; i < 6; i++) {
		const struct vec *v = &vecs[i];
		struct net_addr src = addr(v->src), dst = addr(v->dst);
		struct tcp_seg g;

		for (size_t n = 0; n < v->hlen; n++)
			assert_int_not_equal(
				tcp_seg_decode(v->b, n, &src, &dst, &g),
				TCP_SEG_OK);
	}
}

static void test_names(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(tcp_seg_err_name(TCP_SEG_E_CHECKSUM),
			    "bad-checksum");
	assert_string_equal(tcp_seg_err_name(TCP_SEG_E__COUNT), "?");
	tcp_seg_flags_fmt(TCP_SYN | TCP_ACK, buf, sizeof(buf));
	assert_string_equal(buf, "SYN,ACK");
	tcp_seg_flags_fmt(TCP_FIN | TCP_PSH | TCP_ACK, buf, sizeof(buf));
	assert_string_equal(buf, "FIN,PSH,ACK");
	tcp_seg_flags_fmt(0, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	tcp_seg_flags_fmt(0xff, buf, 8); /* cut, still terminated */
	assert_true(strlen(buf) < 8);
	assert_int_equal(tcp_seg_seqlen(&(struct tcp_seg){
				 .flags = TCP_SYN | TCP_FIN, .len = 3 }),
			 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_table),
		cmocka_unit_test(test_encode_table),
		cmocka_unit_test(test_no_checksum_check),
		cmocka_unit_test(test_encode_refuses),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
