/*
 * Tests of the capture reader (ck_cap.c): captures of every supported
 * link type (Ethernet with 802.1Q, Linux cooked SLL and SLL2, raw IP by
 * version nibble, DLT_IPV4/DLT_IPV6, BSD loopback NULL/LOOP in both byte
 * orders) written with libpcap, pcapng files with microsecond and
 * nanosecond resolution, and the failures: truncated, empty, not a
 * capture, missing, unsupported link type; link headers cut short and
 * random bytes through every link type never read outside the frame.
 */
#include <pcap/pcap.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conformance/check/ck_cap.h"
#include "conformance/check/ck_cap_testutil.h"
#include "sim/core/sim_rng.h"

/* 2024-04-05T19:34:38.123456789Z */
#define T0 ((sim_time_t)1712345678123456789)

/* Open path; fail the test with the reason when it cannot. */
static struct ck_cap *open_ok(const char *path)
{
	char err[512];
	struct ck_cap *c = ck_cap_open(path, err, sizeof(err));

	if (!c)
		fail_msg("open %s: %s", path, err);
	return c;
}

static void next_ok(struct ck_cap *c, struct ck_frame *f)
{
	char err[512];
	int rc = ck_cap_next(c, f, err, sizeof(err));

	if (rc != 1)
		fail_msg("next: %d %s", rc, rc < 0 ? err : "(end)");
}

static void at_end(struct ck_cap *c)
{
	struct ck_frame f;
	char err[512];

	assert_int_equal(ck_cap_next(c, &f, err, sizeof(err)), 0);
}

static void expect_udp4(const struct ck_frame *f, uint8_t ttl)
{
	assert_int_equal(f->pi.err, NET_OK);
	assert_int_equal(f->pi.af, NET_AF_IP4);
	assert_int_equal(f->pi.top, NET_LAYER_UDP);
	assert_int_equal(f->pi.ttl, ttl);
	assert_memory_equal(f->pi.src.b, ckt_v4_a.b, 4);
	assert_memory_equal(f->pi.dst.b, ckt_v4_b.b, 4);
	assert_int_equal(f->pi.udp.dport, 3784);
	assert_int_equal(f->pi.payload_len, 16);
	assert_memory_equal(f->pi.payload, "0123456789abcdef", 16);
}

static void expect_udp6(const struct ck_frame *f, uint8_t hops)
{
	assert_int_equal(f->pi.err, NET_OK);
	assert_int_equal(f->pi.af, NET_AF_IP6);
	assert_int_equal(f->pi.top, NET_LAYER_UDP);
	assert_int_equal(f->pi.ttl, hops);
	assert_memory_equal(f->pi.src.b, ckt_v6_a.b, 16);
	assert_memory_equal(f->pi.dst.b, ckt_v6_b.b, 16);
	assert_memory_equal(f->pi.payload, "v6", 2);
}

static void test_ethernet(void **state)
{
	struct ckt_frame fr[3];
	struct ck_frame f;
	struct ck_cap *c;
	char path[128];

	(void)state;
	ckt_udp4(&fr[0], T0, 100, 64, false);
	ckt_udp6(&fr[1], T0 + SIM_MS(1), 255);
	ckt_arp(&fr[2], T0 + SIM_S(2));
	ckt_tmp_path(path, sizeof(path), "eth", ".pcap");
	ckt_write_pcap(path, DLT_EN10MB, true, fr, 3);
	c = open_ok(path);
	assert_int_equal(ck_cap_dlt(c), DLT_EN10MB);
	assert_string_equal(ck_cap_dlt_name(c), "Ethernet");
	next_ok(c, &f);
	assert_int_equal(f.no, 1);
	assert_int_equal(f.t, T0);
	assert_int_equal(f.caplen, fr[0].len);
	assert_int_equal(f.wirelen, fr[0].len);
	assert_memory_equal(f.data, fr[0].b, fr[0].len);
	assert_int_equal(f.dlt, DLT_EN10MB);
	assert_true(f.has_eth && f.has_l2src);
	assert_true(net_mac_eq(&f.l2src, &ckt_mac_a));
	assert_true(f.pi.eth.vlan);
	assert_int_equal(f.link, 100);
	expect_udp4(&f, 64);
	next_ok(c, &f);
	assert_int_equal(f.no, 2);
	assert_int_equal(f.t, T0 + SIM_MS(1));
	assert_int_equal(f.link, 0);
	expect_udp6(&f, 255);
	next_ok(c, &f);
	assert_int_equal(f.t, T0 + SIM_S(2));
	assert_int_equal(f.pi.top, NET_LAYER_ARP);
	assert_true(net_pkt_has(&f.pi, NET_LAYER_ETH));
	at_end(c);
	at_end(c);
	ck_cap_close(c);
	unlink(path);
}

/* Microsecond pcap: times scaled to ns by libpcap. */
static void test_microseconds(void **state)
{
	struct ckt_frame fr;
	struct ck_frame f;
	struct ck_cap *c;
	char path[128];

	(void)state;
	ckt_udp4(&fr, T0, 0, 1, false);
	ckt_tmp_path(path, sizeof(path), "usec", ".pcap");
	ckt_write_pcap(path, DLT_EN10MB, false, &fr, 1);
	c = open_ok(path);
	next_ok(c, &f);
	assert_int_equal(f.t, T0 - 789); /* 1712345678.123456 s */
	assert_int_equal(f.link, 0);
	expect_udp4(&f, 1);
	ck_cap_close(c);
	unlink(path);
}

/* Put a cooked v1 header in front: arphrd, address length, proto. */
static void sll_frame(struct ckt_frame *f, uint16_t arphrd, uint16_t alen,
		      uint16_t proto)
{
	uint8_t h[16] = { 0, 4 }; /* packet type 4: sent by us */

	h[2] = (uint8_t)(arphrd >> 8);
	h[3] = (uint8_t)arphrd;
	h[4] = (uint8_t)(alen >> 8);
	h[5] = (uint8_t)alen;
	memcpy(h + 6, ckt_mac_a.b, 6);
	h[14] = (uint8_t)(proto >> 8);
	h[15] = (uint8_t)proto;
	ckt_reframe(f, h, sizeof(h));
}

static void test_sll(void **state)
{
	struct ckt_frame fr[4];
	struct ck_frame f;
	struct ck_cap *c;
	char path[128];
	uint8_t tagged[CKT_FRAME_MAX];

	(void)state;
	ckt_udp4(&fr[0], T0, 0, 255, false);
	sll_frame(&fr[0], 1, 6, 0x0800);
	ckt_udp6(&fr[1], T0 + 1, 1);
	sll_frame(&fr[1], 772, 6, 0x86dd); /* loopback: no MAC */
	/* A VLAN tag kept in the cooked payload: VID 7, then IPv4. */
	ckt_udp4(&fr[2], T0 + 2, 0, 9, false);
	sll_frame(&fr[2], 1, 6, 0x8100);
	memcpy(tagged, fr[2].b + 16, fr[2].len - 16);
	memcpy(fr[2].b + 16, "\x00\x07\x08\x00", 4);
	memcpy(fr[2].b + 20, tagged, fr[2].len - 16);
	fr[2].len += 4;
	/* A header cut short. */
	memcpy(fr[3].b, fr[0].b, 10);
	fr[3].len = 10;
	fr[3].t = T0 + 3;
	ckt_tmp_path(path, sizeof(path), "sll", ".pcap");
	ckt_write_pcap(path, DLT_LINUX_SLL, true, fr, 4);
	c = open_ok(path);
	assert_int_equal(ck_cap_dlt(c), DLT_LINUX_SLL);
	assert_string_equal(ck_cap_dlt_name(c), "Linux cooked (SLL)");
	next_ok(c, &f);
	assert_false(f.has_eth);
	assert_true(f.has_l2src);
	assert_true(net_mac_eq(&f.l2src, &ckt_mac_a));
	assert_false(net_pkt_has(&f.pi, NET_LAYER_ETH));
	expect_udp4(&f, 255);
	next_ok(c, &f);
	assert_false(f.has_l2src);
	expect_udp6(&f, 1);
	next_ok(c, &f);
	assert_int_equal(f.link, 7);
	expect_udp4(&f, 9);
	next_ok(c, &f);
	assert_int_equal(f.pi.err, NET_E_ETH_SHORT);
	assert_int_equal(f.pi.err_layer, NET_LAYER_ETH);
	assert_int_equal(f.pi.af, NET_AF_NONE);
	assert_false(f.has_l2src);
	at_end(c);
	ck_cap_close(c);
	unlink(path);
}

static void sll2_frame(struct ckt_frame *f, uint16_t proto, uint32_t ifindex,
		       uint8_t alen)
{
	uint8_t h[20] = { (uint8_t)(proto >> 8), (uint8_t)proto };

	h[4] = (uint8_t)(ifindex >> 24);
	h[5] = (uint8_t)(ifindex >> 16);
	h[6] = (uint8_t)(ifindex >> 8);
	h[7] = (uint8_t)ifindex;
	h[9] = 1; /* ARPHRD_ETHER */
	h[10] = 0;
	h[11] = alen;
	memcpy(h + 12, ckt_mac_a.b, 6);
	ckt_reframe(f, h, sizeof(h));
}

static void test_sll2(void **state)
{
	struct ckt_frame fr[3];
	struct ck_frame f;
	struct ck_cap *c;
	char path[128];

	(void)state;
	ckt_udp6(&fr[0], T0, 255);
	sll2_frame(&fr[0], 0x86dd, 3, 6);
	ckt_arp(&fr[1], T0 + 5);
	sll2_frame(&fr[1], 0x0806, 0x123456, 0);
	memcpy(fr[2].b, fr[0].b, 19);
	fr[2].len = 19;
	fr[2].t = T0 + 6;
	ckt_tmp_path(path, sizeof(path), "sll2", ".pcap");
	ckt_write_pcap(path, DLT_LINUX_SLL2, true, fr, 3);
	c = open_ok(path);
	assert_int_equal(ck_cap_dlt(c), DLT_LINUX_SLL2);
	next_ok(c, &f);
	assert_int_equal(f.link, 3u << 12);
	assert_true(f.has_l2src);
	assert_true(net_mac_eq(&f.l2src, &ckt_mac_a));
	expect_udp6(&f, 255);
	next_ok(c, &f);
	assert_false(f.has_l2src);		  /* address length 0 */
	assert_int_equal(f.link, 0x23456u << 12); /* low 20 bits kept */
	assert_int_equal(f.pi.top, NET_LAYER_ARP);
	assert_true(net_arp_is_gratuitous(&f.pi.arp));
	next_ok(c, &f);
	assert_int_equal(f.pi.err, NET_E_ETH_SHORT);
	at_end(c);
	ck_cap_close(c);
	unlink(path);
}

/* Raw IP: DLT_RAW picks the family by version, DLT_IPV4/6 by type. */
static void test_raw(void **state)
{
	static const struct {
		int dlt;
		const char *name;
	} dlts[] = {
		{ DLT_RAW, "raw IP" },
		{ DLT_IPV4, "raw IPv4" },
		{ DLT_IPV6, "raw IPv6" },
	};
	struct ckt_frame fr[3];
	struct ck_frame f;
	struct ck_cap *c;
	char path[128];

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		ckt_udp4(&fr[0], T0, 0, 33, false);
		ckt_reframe(&fr[0], NULL, 0);
		ckt_udp6(&fr[1], T0 + 1, 44);
		ckt_reframe(&fr[1], NULL, 0);
		fr[2] = fr[0];
		fr[2].b[0] = 0x55; /* version 5 */
		ckt_tmp_path(path, sizeof(path), "raw", ".pcap");
		ckt_write_pcap(path, dlts[k].dlt, true, fr, 3);
		c = open_ok(path);
		assert_int_equal(ck_cap_dlt(c), dlts[k].dlt);
		assert_string_equal(ck_cap_dlt_name(c), dlts[k].name);
		next_ok(c, &f);
		assert_false(f.has_eth || f.has_l2src);
		if (dlts[k].dlt == DLT_IPV6) {
			assert_int_equal(f.pi.err, NET_E_IPV6_BAD_VERSION);
		} else {
			expect_udp4(&f, 33);
		}
		next_ok(c, &f);
		if (dlts[k].dlt == DLT_IPV4)
			assert_int_equal(f.pi.err, NET_E_IPV4_BAD_VERSION);
		else
			expect_udp6(&f, 44);
		next_ok(c, &f);
		if (dlts[k].dlt == DLT_RAW) {
			assert_int_equal(f.pi.err, NET_OK);
			assert_int_equal(f.pi.top, NET_LAYER_NONE);
			assert_int_equal(f.pi.af, NET_AF_NONE);
		} else {
			assert_int_not_equal(f.pi.err, NET_OK);
		}
		at_end(c);
		ck_cap_close(c);
		unlink(path);
	}
}

/* BSD loopback: the family in either byte order; unknown families. */
static void test_null_loop(void **state)
{
	static const struct {
		uint8_t hdr[4];
		int af; /* 4, 6 or 0 */
	} fams[] = {
		{ { 2, 0, 0, 0 }, 4 },	{ { 0, 0, 0, 2 }, 4 },
		{ { 24, 0, 0, 0 }, 6 }, { { 0, 0, 0, 28 }, 6 },
		{ { 30, 0, 0, 0 }, 6 }, { { 0, 0, 0, 30 }, 6 },
		{ { 99, 0, 0, 0 }, 0 }, { { 0, 0, 0, 10 }, 0 },
	};
	const size_t n = sizeof(fams) / sizeof(fams[0]);
	const int dlts[] = { DLT_NULL, DLT_LOOP };
	struct ckt_frame fr[sizeof(fams) / sizeof(fams[0]) + 1];
	struct ck_frame f;
	struct ck_cap *c;
	char path[128];

	(void)state;
	for (size_t d = 0; d < 2; d++) {
		for (size_t i = 0; i < n; i++) {
			if (fams[i].af == 6)
				ckt_udp6(&fr[i], T0 + (sim_time_t)i, 7);
			else
				ckt_udp4(&fr[i], T0 + (sim_time_t)i, 0, 7,
					 false);
			ckt_reframe(&fr[i], fams[i].hdr, 4);
		}
		memcpy(fr[n].b, "\x02\x00", 2);
		fr[n].len = 2;
		fr[n].t = T0;
		ckt_tmp_path(path, sizeof(path), "null", ".pcap");
		ckt_write_pcap(path, dlts[d], true, fr, n + 1);
		c = open_ok(path);
		assert_int_equal(ck_cap_dlt(c), dlts[d]);
		for (size_t i = 0; i < n; i++) {
			next_ok(c, &f);
			if (fams[i].af == 4)
				expect_udp4(&f, 7);
			else if (fams[i].af == 6)
				expect_udp6(&f, 7);
			else
				assert_int_equal(f.pi.top, NET_LAYER_NONE);
		}
		next_ok(c, &f);
		assert_int_equal(f.pi.err, NET_E_ETH_SHORT);
		at_end(c);
		ck_cap_close(c);
		unlink(path);
	}
}

static void test_pcapng(void **state)
{
	/* 2^64 - 1 ns is past what sim_time_t holds: clamped. */
	const uint64_t ts[2] = { (uint64_t)T0, UINT64_MAX };
	struct ckt_frame fr[2];
	struct ck_frame f;
	struct ck_cap *c;
	char path[128];

	(void)state;
	ckt_udp4(&fr[0], T0, 42, 128, false);
	ckt_udp6(&fr[1], T0 + SIM_US(1500), 255);
	ckt_tmp_path(path, sizeof(path), "ng", ".pcapng");
	ckt_write_pcapng(path, DLT_EN10MB, 6, fr, 2, NULL);
	c = open_ok(path);
	next_ok(c, &f);
	assert_int_equal(f.t, T0 - 789);
	assert_int_equal(f.link, 42); /* the VLAN only for pcapng */
	expect_udp4(&f, 128);
	next_ok(c, &f);
	assert_int_equal(f.t, T0 + SIM_US(1500) - 789);
	expect_udp6(&f, 255);
	at_end(c);
	ck_cap_close(c);
	/* Nanosecond resolution, and a time out of range. */
	ckt_write_pcapng(path, DLT_EN10MB, 9, fr, 2, ts);
	c = open_ok(path);
	next_ok(c, &f);
	assert_int_equal(f.t, T0);
	next_ok(c, &f);
	assert_int_equal(f.t, SIM_TIME_NEVER - 1);
	at_end(c);
	ck_cap_close(c);
	unlink(path);
}

static void test_truncated(void **state)
{
	struct ckt_frame fr[3];
	struct ck_frame f;
	struct ck_cap *c;
	char path[128], err[512];

	(void)state;
	for (int i = 0; i < 3; i++)
		ckt_udp4(&fr[i], T0 + i, 0, 255, false);
	ckt_tmp_path(path, sizeof(path), "trunc", ".pcap");
	ckt_write_pcap(path, DLT_EN10MB, true, fr, 3);
	ckt_cut(path, 10);
	c = open_ok(path);
	next_ok(c, &f);
	next_ok(c, &f);
	assert_int_equal(f.no, 2);
	assert_int_equal(ck_cap_next(c, &f, err, sizeof(err)), -1);
	if (!strstr(err, "frame 3"))
		fail_msg("error does not name frame 3: %s", err);
	ck_cap_close(c);
	unlink(path);
}

static void open_fails(const char *path, const char *want)
{
	char err[512];

	assert_null(ck_cap_open(path, err, sizeof(err)));
	if (!strstr(err, want) || strncmp(err, path, strlen(path)) != 0)
		fail_msg("error for %s: \"%s\", want \"%s\"", path, err, want);
}

static void test_open_errors(void **state)
{
	struct ckt_frame fr;
	struct ck_frame f;
	struct ck_cap *c;
	char path[128], msg[600], err[512];

	(void)state;
	ckt_tmp_path(path, sizeof(path), "missing", ".pcap");
	open_fails(path, "No such file or directory");
	/* The path is named once, not twice. */
	assert_null(ck_cap_open(path, err, sizeof(err)));
	snprintf(msg, sizeof(msg), "%s: %s", path, path);
	assert_null(strstr(err, msg));

	ckt_tmp_path(path, sizeof(path), "text", ".pcap");
	ckt_write_bytes(path, "this is not a capture file\n", 27);
	open_fails(path, ": ");
	ckt_write_bytes(path, "", 0);
	open_fails(path, ": ");
	unlink(path);

	ckt_udp4(&fr, T0, 0, 1, false);
	ckt_tmp_path(path, sizeof(path), "wifi", ".pcap");
	ckt_write_pcap(path, DLT_IEEE802_11, true, &fr, 1);
	open_fails(path, "link type IEEE802_11 (105) is not supported");
	unlink(path);

	/* A header and no frames: opens, ends at once. */
	ckt_tmp_path(path, sizeof(path), "empty", ".pcap");
	ckt_write_pcap(path, DLT_EN10MB, true, &fr, 0);
	c = open_ok(path);
	assert_int_equal(ck_cap_next(c, &f, err, sizeof(err)), 0);
	ck_cap_close(c);
	unlink(path);
	ck_cap_close(NULL);
}

/* A well-formed frame of link type dlt (UDP over IPv4 or IPv6). */
static void good_frame(int dlt, struct ckt_frame *f)
{
	static const uint8_t af_inet[4] = { 2, 0, 0, 0 };

	switch (dlt) {
	case DLT_EN10MB:
		ckt_udp4(f, T0, 5, 255, false);
		break;
	case DLT_LINUX_SLL:
		ckt_udp4(f, T0, 0, 255, false);
		sll_frame(f, 1, 6, 0x0800);
		break;
	case DLT_LINUX_SLL2:
		ckt_udp6(f, T0, 255);
		sll2_frame(f, 0x86dd, 9, 6);
		break;
	case DLT_IPV6:
		ckt_udp6(f, T0, 255);
		ckt_reframe(f, NULL, 0);
		break;
	case DLT_NULL:
	case DLT_LOOP:
		ckt_udp4(f, T0, 0, 255, false);
		ckt_reframe(f, af_inet, 4);
		break;
	default:
		ckt_udp4(f, T0, 0, 255, false);
		ckt_reframe(f, NULL, 0);
		break;
	}
}

/*
 * Every link type, good frames cut short and with bytes changed: the
 * dissection stays inside the frame (ASan checks the reads) and the
 * unharmed frames still decode.
 */
static void test_dissect_fuzz(void **state)
{
	const int dlts[] = { DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2,
			     DLT_RAW,	 101,		DLT_IPV4,
			     DLT_IPV6,	 DLT_NULL,	DLT_LOOP };
	struct ckt_frame good;
	struct sim_rng rng;

	(void)state;
	sim_rng_seed(&rng, 7, "ck-cap-fuzz");
	for (size_t d = 0; d < sizeof(dlts) / sizeof(dlts[0]); d++) {
		size_t decoded = 0;

		good_frame(dlts[d], &good);
		for (int r = 0; r < 3000; r++) {
			size_t n = sim_rng_below(&rng, 2)
					   ? good.len
					   : (size_t)sim_rng_below(
						     &rng, good.len + 1);
			uint8_t *b = malloc(n ? n : 1);
			struct ck_frame f = { .no = 1, .t = T0 };
			uint64_t flips = sim_rng_below(&rng, 4);

			memcpy(b, good.b, n);
			for (uint64_t k = 0; n && k < flips; k++)
				b[sim_rng_below(&rng, n)] =
					(uint8_t)sim_rng_below(&rng, 256);
			f.data = b;
			f.caplen = n;
			f.wirelen = good.len;
			assert_true(ck_cap_dissect(dlts[d], &f));
			assert_int_equal(f.dlt, dlts[d]);
			if (f.pi.payload_len)
				assert_true(f.pi.payload >= b &&
					    f.pi.payload + f.pi.payload_len <=
						    b + n);
			decoded += f.pi.top == NET_LAYER_UDP;
			free(b);
		}
		if (decoded < 300)
			fail_msg("DLT %d: only %zu of 3000 decoded", dlts[d],
				 decoded);
	}
}

/* Link types the reader does not know, and a frame without bytes. */
static void test_dissect_edges(void **state)
{
	struct ckt_frame good;
	struct ck_frame f;

	(void)state;
	ckt_udp4(&good, T0, 0, 255, false);
	memset(&f, 0, sizeof(f));
	f.data = good.b;
	f.caplen = good.len;
	assert_false(ck_cap_dissect(DLT_IEEE802_11, &f));
	assert_int_equal(f.pi.top, NET_LAYER_NONE);
	assert_int_equal(f.pi.af, NET_AF_NONE);
	f.data = NULL;
	f.caplen = 10;
	assert_true(ck_cap_dissect(DLT_EN10MB, &f));
	assert_int_equal(f.caplen, 0);
	assert_int_equal(f.pi.err, NET_E_ETH_SHORT);
	assert_false(f.has_eth);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ethernet),
		cmocka_unit_test(test_microseconds),
		cmocka_unit_test(test_sll),
		cmocka_unit_test(test_sll2),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_null_loop),
		cmocka_unit_test(test_pcapng),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_dissect_fuzz),
		cmocka_unit_test(test_dissect_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
