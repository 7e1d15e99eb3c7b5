/*
 * Tests of the PIMv2 encoder and of the bounds of the decoder (RFC 7761
 * section 4.9 and the RFC 5059, 3973 and 5015 types, see pim_pkt.h):
 * messages built field by field as the engine builds them decode to the
 * same fields; times are rounded down to the wire unit and clamped
 * (Hello and Join/Prune holdtimes to 0xfffe unless forever, LAN Prune
 * Delay to its 15 and 16 bits, Backoff interval to 16 bits); a unicast
 * address of af NONE goes out as the wildcard; invalid messages (unknown
 * type or family, an address of the other family, a mask beyond the
 * family, counts beyond the arrays, a missing Register data packet, IPv6
 * without addresses) and every too-small buffer are refused without a
 * write past the capacity; pim_pkt_set_checksum re-signs a message for
 * another source; and the decoder's PIM_MAX_* bounds hold exactly at the
 * limit and refuse one more (E_TOO_MANY).
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

#include "protocols/pim/pim_pkt.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_csum.h"

#define BIG 20000

static struct net_addr addr_of(const char *s)
{
	struct net_addr a;

	assert_int_equal(net_addr_parse(s, &a), 0);
	return a;
}

static struct pim_msg *new_msg(enum net_af af, enum pim_type t)
{
	struct pim_msg *m = calloc(1, sizeof(*m));

	assert_non_null(m);
	m->af = af;
	m->type = t;
	return m;
}

/* Encode m (IPv6: fe80::1 -> ff02::d) and decode it back into out. */
static int round_trip(const struct pim_msg *m, struct pim_msg *out,
		      uint8_t *buf, size_t cap)
{
	struct net_addr s =
		addr_of(m->af == NET_AF_IP6 ? "fe80::1" : "10.0.0.1");
	const struct net_addr *d =
		m->af == NET_AF_IP6 ? &pim_all_routers6 : &pim_all_routers4;
	int n = pim_pkt_encode(m, &s, d, buf, cap);

	assert_true(n >= PIM_HDR_LEN);
	assert_int_equal(pim_pkt_decode(m->af, buf, (size_t)n, &s, d, out),
			 PIM_PKT_OK);
	assert_int_equal(out->type, m->type);
	return n;
}

/* ---- rounding and clamping ---- */

static void test_hello_times(void **state)
{
	static const struct {
		sim_time_t hold;
		bool forever;
		sim_time_t pd, oi;
		uint16_t wire_hold, wire_pd, wire_oi;
	} tab[] = {
		{ SIM_S(105), false, SIM_MS(500), SIM_MS(2500), 105, 500,
		  2500 },
		{ SIM_MS(105999), false, SIM_US(999), SIM_US(2999), 105, 0, 2 },
		{ 0, false, 0, 0, 0, 0, 0 },
		{ -SIM_S(1), false, -1, -1, 0, 0, 0 },
		{ SIM_S(65534), false, SIM_MS(32767), SIM_MS(65535), 65534,
		  32767, 65535 },
		{ SIM_S(65535), false, SIM_MS(32768), SIM_MS(65536), 65534,
		  32767, 65535 },
		{ SIM_S(1000000), false, SIM_S(1000), SIM_S(1000), 65534, 32767,
		  65535 },
		{ SIM_S(3), true, 0, 0, 0xffff, 0, 0 },
	};
	struct pim_msg *m = new_msg(NET_AF_IP4, PIM_T_HELLO);
	struct pim_msg *out = new_msg(NET_AF_NONE, PIM_T_HELLO);
	uint8_t b[256];

	(void)state;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		m->hello.has_holdtime = true;
		m->hello.holdtime = tab[i].hold;
		m->hello.holdtime_forever = tab[i].forever;
		m->hello.has_lan_prune_delay = true;
		m->hello.t_bit = i & 1;
		m->hello.propagation_delay = tab[i].pd;
		m->hello.override_interval = tab[i].oi;
		assert_int_equal(round_trip(m, out, b, sizeof(b)), 4 + 6 + 8);
		/* Holdtime option, then LAN Prune Delay */
		assert_int_equal(net_get_be16(b + 8), tab[i].wire_hold);
		assert_int_equal(net_get_be16(b + 14) & 0x7fff, tab[i].wire_pd);
		assert_int_equal(b[14] >> 7, i & 1);
		assert_int_equal(net_get_be16(b + 16), tab[i].wire_oi);
		assert_int_equal(out->hello.holdtime_forever, tab[i].forever);
		assert_int_equal(out->hello.holdtime, SIM_S(tab[i].wire_hold));
		assert_int_equal(out->hello.propagation_delay,
				 SIM_MS(tab[i].wire_pd));
		assert_int_equal(out->hello.t_bit, (bool)(i & 1));
	}
	free(m);
	free(out);
}

static void test_other_times(void **state)
{
	struct pim_msg *m = new_msg(NET_AF_IP6, PIM_T_JOIN_PRUNE);
	struct pim_msg *out = new_msg(NET_AF_NONE, PIM_T_HELLO);
	uint8_t b[256];

	(void)state;
	/* J/P holdtime: 3.5 x 60 s, then clamped, then forever */
	m->jp.upstream = addr_of("fe80::2");
	m->jp.holdtime = SIM_MS(210500);
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(out->jp.holdtime, SIM_S(210));
	m->jp.holdtime = SIM_S(70000);
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(out->jp.holdtime, SIM_S(0xfffe));
	assert_false(out->jp.holdtime_forever);
	m->jp.holdtime_forever = true;
	round_trip(m, out, b, sizeof(b));
	assert_true(out->jp.holdtime_forever);

	/* DF Backoff interval in ms, 16 bits */
	free(m);
	m = new_msg(NET_AF_IP4, PIM_T_DF_ELECTION);
	m->df.subtype = PIM_DF_BACKOFF;
	m->df.rp = addr_of("10.9.9.9");
	m->df.target = addr_of("10.0.0.3");
	m->df.interval = SIM_S(100);
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(out->df.interval, SIM_MS(65535));
	m->df.interval = SIM_US(1500);
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(out->df.interval, SIM_MS(1));

	/* State Refresh interval in s, 8 bits; C-RP holdtime 16 bits */
	free(m);
	m = new_msg(NET_AF_IP4, PIM_T_STATE_REFRESH);
	m->sr.group.addr = addr_of("239.1.1.1");
	m->sr.group.mask_len = 32;
	m->sr.source = addr_of("10.0.0.5");
	m->sr.originator = addr_of("10.0.0.1");
	m->sr.interval = SIM_S(300);
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(out->sr.interval, SIM_S(255));
	free(m);
	m = new_msg(NET_AF_IP4, PIM_T_CRP_ADV);
	m->crp.rp = addr_of("10.9.9.9");
	m->crp.holdtime = SIM_S(100000);
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(out->crp.holdtime, SIM_S(65535));
	free(m);
	free(out);
}

/* A (*,G) Assert and Register-Stop with an af NONE source go out with
 * the wildcard (all zeros) of the message's family. */
static void test_wildcard_source(void **state)
{
	static const enum pim_type types[] = { PIM_T_ASSERT,
					       PIM_T_REGISTER_STOP };
	struct pim_msg *out = new_msg(NET_AF_NONE, PIM_T_HELLO);
	uint8_t b[256];

	(void)state;
	for (int fam = 0; fam < 2; fam++) {
		for (size_t i = 0; i < 2; i++) {
			enum net_af af = fam ? NET_AF_IP6 : NET_AF_IP4;
			struct pim_msg *m = new_msg(af, types[i]);

			m->assert.group.addr =
				addr_of(fam ? "ff0e::1" : "239.1.1.1");
			m->assert.group.mask_len = fam ? 128 : 32;
			m->assert.rpt_bit = true;
			m->assert.metric_pref = 0x7fffffff;
			round_trip(m, out, b, sizeof(b));
			assert_int_equal(out->assert.source.af, af);
			assert_true(net_addr_is_unspec(&out->assert.source));
			assert_true(net_addr_eq(&out->assert.group.addr,
						&m->assert.group.addr));
			if (types[i] == PIM_T_ASSERT) {
				assert_true(out->assert.rpt_bit);
				assert_int_equal(out->assert.metric_pref,
						 0x7fffffff);
			}
			free(m);
		}
	}
	free(out);
}

/* Flag bytes: Bootstrap N from no_forward, DF subtype in the upper
 * nibble, others as given. */
static void test_header_flags(void **state)
{
	struct pim_msg *m = new_msg(NET_AF_IP4, PIM_T_BOOTSTRAP);
	struct pim_msg *out = new_msg(NET_AF_NONE, PIM_T_HELLO);
	uint8_t b[256];

	(void)state;
	m->bsr.addr = addr_of("10.0.0.1");
	m->flags = 0x80; /* overridden by no_forward = false */
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(b[1], 0x00);
	assert_false(out->bsr.no_forward);
	m->flags = 0x01;
	m->bsr.no_forward = true;
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(b[1], 0x81);
	assert_true(out->bsr.no_forward);
	free(m);
	m = new_msg(NET_AF_IP4, PIM_T_DF_ELECTION);
	m->df.subtype = PIM_DF_WINNER;
	m->df.rp = addr_of("10.9.9.9");
	m->flags = 0xf3;
	round_trip(m, out, b, sizeof(b));
	assert_int_equal(b[1], 0x23);
	assert_int_equal(out->df.subtype, PIM_DF_WINNER);
	free(m);
	free(out);
}

/* ---- invalid messages and buffers ---- */

typedef void (*spoil_fn)(struct pim_msg *m);

static void sp_type(struct pim_msg *m)
{
	m->type = PIM_T__COUNT;
}
static void sp_af(struct pim_msg *m)
{
	m->af = NET_AF_NONE;
}
static void sp_group_af(struct pim_msg *m)
{
	m->jp.groups[0].group.addr.af = NET_AF_IP6;
}
static void sp_src_af(struct pim_msg *m)
{
	m->jp.srcs[1].addr.af = NET_AF_NONE;
}
static void sp_up_af(struct pim_msg *m)
{
	m->jp.upstream = addr_of("fe80::1");
}
static void sp_gmask(struct pim_msg *m)
{
	m->jp.groups[0].group.mask_len = 33;
}
static void sp_smask(struct pim_msg *m)
{
	m->jp.srcs[0].mask_len = 40;
}
static void sp_src0(struct pim_msg *m)
{
	m->jp.groups[1].src0 = PIM_MAX_JP_SOURCES;
}
static void sp_count(struct pim_msg *m)
{
	m->jp.groups[1].njoin = 0xffff;
}

/* A valid two-group IPv4 Join/Prune. */
static struct pim_msg *good_jp(void)
{
	struct pim_msg *m = new_msg(NET_AF_IP4, PIM_T_JOIN_PRUNE);

	m->jp.upstream = addr_of("10.0.0.2");
	m->jp.holdtime = SIM_S(210);
	m->jp.ngroups = 2;
	m->jp.groups[0] =
		(struct pim_jp_group){ .group = { .addr = addr_of("239.1.1.1"),
						  .mask_len = 32 },
				       .njoin = 1,
				       .nprune = 1,
				       .src0 = 0 };
	m->jp.groups[1] =
		(struct pim_jp_group){ .group = { .addr = addr_of("232.1.1.1"),
						  .mask_len = 32 },
				       .njoin = 1,
				       .src0 = 2 };
	m->jp.srcs[0] = (struct pim_esrc){ .addr = addr_of("10.9.9.9"),
					   .mask_len = 32,
					   .s_bit = true,
					   .w_bit = true,
					   .r_bit = true };
	m->jp.srcs[1] = (struct pim_esrc){ .addr = addr_of("10.0.0.5"),
					   .mask_len = 32,
					   .s_bit = true,
					   .r_bit = true };
	m->jp.srcs[2] = (struct pim_esrc){ .addr = addr_of("10.0.0.5"),
					   .mask_len = 32,
					   .s_bit = true };
	m->jp.nsrcs = 3;
	return m;
}

static void test_encode_invalid(void **state)
{
	static const spoil_fn spoils[] = { sp_type,   sp_af,	sp_group_af,
					   sp_src_af, sp_up_af, sp_gmask,
					   sp_smask,  sp_src0,	sp_count };
	struct net_addr s4 = addr_of("10.0.0.1");
	uint8_t b[512];

	(void)state;
	for (size_t i = 0; i < sizeof(spoils) / sizeof(spoils[0]); i++) {
		struct pim_msg *m = good_jp();

		assert_true(pim_pkt_encode(m, &s4, &pim_all_routers4, b,
					   sizeof(b)) > 0);
		spoils[i](m);
		if (pim_pkt_encode(m, &s4, &pim_all_routers4, b, sizeof(b)) !=
		    -1)
			fail_msg("spoil %zu accepted", i);
		free(m);
	}
	assert_int_equal(pim_pkt_encode(NULL, NULL, NULL, b, sizeof(b)), -1);
}

static void test_encode_invalid_types(void **state)
{
	struct pim_msg *m = new_msg(NET_AF_IP6, PIM_T_HELLO);
	struct net_addr ll = addr_of("fe80::1"), s4 = addr_of("10.0.0.1");
	uint8_t b[512];

	(void)state;
	/* IPv6 needs both addresses for the pseudo-header */
	assert_true(pim_pkt_encode(m, &ll, &pim_all_routers6, b, 512) > 0);
	assert_int_equal(pim_pkt_encode(m, NULL, &pim_all_routers6, b, 512),
			 -1);
	assert_int_equal(pim_pkt_encode(m, &ll, NULL, b, 512), -1);
	assert_int_equal(pim_pkt_encode(m, &s4, &pim_all_routers6, b, 512), -1);
	m->hello.naddrs = PIM_MAX_HELLO_ADDRS + 1;
	assert_int_equal(pim_pkt_encode(m, &ll, &pim_all_routers6, b, 512), -1);
	m->hello.naddrs = 1;
	m->hello.addrs[0] = addr_of("10.1.1.1"); /* IPv4 in an IPv6 Hello */
	assert_int_equal(pim_pkt_encode(m, &ll, &pim_all_routers6, b, 512), -1);
	free(m);

	m = new_msg(NET_AF_IP4, PIM_T_REGISTER);
	m->reg.inner_len = 20; /* no inner */
	assert_int_equal(pim_pkt_encode(m, NULL, NULL, b, 512), -1);
	memset(&m->df, 0, sizeof(m->df));
	m->type = PIM_T_DF_ELECTION;
	m->df.rp = addr_of("10.9.9.9");
	m->df.subtype = 0;
	assert_int_equal(pim_pkt_encode(m, NULL, NULL, b, 512), -1);
	m->df.subtype = 5;
	assert_int_equal(pim_pkt_encode(m, NULL, NULL, b, 512), -1);
	memset(&m->assert, 0, sizeof(m->assert));
	m->type = PIM_T_ASSERT;
	m->assert.group.addr = addr_of("239.1.1.1");
	m->assert.source = addr_of("10.0.0.5");
	m->assert.metric_pref = 0x80000000u; /* 31 bits */
	assert_int_equal(pim_pkt_encode(m, NULL, NULL, b, 512), -1);
	memset(&m->bsr, 0, sizeof(m->bsr));
	m->type = PIM_T_BOOTSTRAP;
	m->bsr.addr = addr_of("10.0.0.1");
	m->bsr.ngroups = 1;
	m->bsr.groups[0].group.addr = addr_of("224.0.0.0");
	m->bsr.groups[0].group.mask_len = 4;
	m->bsr.groups[0].rp_count = 1;
	m->bsr.groups[0].frag_rp_count = 2; /* more than rp_count */
	assert_int_equal(pim_pkt_encode(m, NULL, NULL, b, 512), -1);
	m->bsr.groups[0].frag_rp_count = 1;
	m->bsr.rps[0].addr = addr_of("10.9.9.9");
	assert_true(pim_pkt_encode(m, NULL, NULL, b, 512) > 0);
	m->bsr.groups[0].rp0 = PIM_MAX_BSR_RPS;
	assert_int_equal(pim_pkt_encode(m, NULL, NULL, b, 512), -1);
	free(m);
}

/* Every capacity below the size is refused and nothing is written past
 * it. */
static void test_encode_capacity(void **state)
{
	struct pim_msg *m = good_jp();
	uint8_t b[512];
	int need = pim_pkt_encode(m, NULL, NULL, b, sizeof(b));

	(void)state;
	assert_int_equal(need, 4 + 6 + 4 + 2 * 12 + 3 * 8);
	for (int cap = 0; cap < need; cap++) {
		memset(b, 0xee, sizeof(b));
		assert_int_equal(pim_pkt_encode(m, NULL, NULL, b, (size_t)cap),
				 -1);
		for (size_t k = (size_t)cap; k < sizeof(b); k++)
			assert_int_equal(b[k], 0xee);
	}
	assert_int_equal(pim_pkt_encode(m, NULL, NULL, b, (size_t)need), need);
	free(m);
}

/* ---- checksum ---- */

static void test_set_checksum(void **state)
{
	struct pim_msg *m = new_msg(NET_AF_IP6, PIM_T_REGISTER);
	struct pim_msg *out = new_msg(NET_AF_NONE, PIM_T_HELLO);
	struct net_addr s1 = addr_of("2001:db8::1"),
			s2 = addr_of("2001:db8::2");
	struct net_addr rp = addr_of("2001:db8::9");
	uint8_t inner[48] = { 0x60 }, b[128];
	int n;

	(void)state;
	m->reg.inner = inner;
	m->reg.inner_len = sizeof(inner);
	n = pim_pkt_encode(m, &s1, &rp, b, sizeof(b));
	assert_int_equal(n, 8 + 48);
	assert_int_equal(pim_pkt_decode(NET_AF_IP6, b, 56, &s1, &rp, out),
			 PIM_PKT_OK);
	assert_false(out->reg.csum_whole);
	assert_int_equal(pim_pkt_decode(NET_AF_IP6, b, 56, &s2, &rp, out),
			 PIM_PKT_E_CHECKSUM);
	/* re-signed for another source */
	assert_int_equal(pim_pkt_set_checksum(NET_AF_IP6, b, 56, &s2, &rp), 0);
	assert_int_equal(pim_pkt_decode(NET_AF_IP6, b, 56, &s2, &rp, out),
			 PIM_PKT_OK);
	/* the data packet is outside the Register checksum */
	b[40] ^= 0xff;
	assert_int_equal(pim_pkt_decode(NET_AF_IP6, b, 56, &s2, &rp, out),
			 PIM_PKT_OK);
	assert_ptr_equal(out->reg.inner, b + 8);
	assert_int_equal(pim_pkt_set_checksum(NET_AF_IP6, b, 3, &s2, &rp), -1);
	assert_int_equal(pim_pkt_set_checksum(NET_AF_IP6, b, 56, NULL, &rp),
			 -1);
	assert_int_equal(pim_pkt_set_checksum(NET_AF_NONE, b, 56, &s2, &rp),
			 -1);
	assert_int_equal(pim_pkt_set_checksum(NET_AF_IP4, NULL, 56, NULL, NULL),
			 -1);
	/* IPv4 needs no addresses; the whole message is covered */
	m->af = NET_AF_IP4;
	m->type = PIM_T_HELLO;
	memset(&m->hello, 0, sizeof(m->hello));
	m->hello.has_genid = true;
	m->hello.genid = 42;
	n = pim_pkt_encode(m, NULL, NULL, b, sizeof(b));
	b[n - 1] ^= 1;
	assert_int_equal(
		pim_pkt_decode(NET_AF_IP4, b, (size_t)n, NULL, NULL, out),
		PIM_PKT_E_CHECKSUM);
	assert_int_equal(
		pim_pkt_set_checksum(NET_AF_IP4, b, (size_t)n, NULL, NULL), 0);
	assert_int_equal(
		pim_pkt_decode(NET_AF_IP4, b, (size_t)n, NULL, NULL, out),
		PIM_PKT_OK);
	assert_int_equal(out->hello.genid, 42 ^ 1);
	assert_int_equal(
		pim_pkt_decode(NET_AF_NONE, b, (size_t)n, NULL, NULL, out),
		PIM_PKT_E_FAMILY);
	free(m);
	free(out);
}

/* ---- bounds of pim_msg ---- */

/* The checksum of a raw IPv4 message, computed here. */
static void sign4(uint8_t *b, size_t n)
{
	net_put_be16(b + 2, 0);
	net_put_be16(b + 2, net_csum(b, n));
}

static void wr_ucast4(struct net_wr *w, uint8_t last)
{
	const uint8_t a[] = { 1, 0, 10, 0, 0, last };

	net_wr_bytes(w, a, sizeof(a));
}

static void wr_prefix4(struct net_wr *w, uint8_t flags, uint8_t mask,
		       uint8_t first, uint8_t last)
{
	const uint8_t a[] = { 1, 0, flags, mask, first, 0, 0, last };

	net_wr_bytes(w, a, sizeof(a));
}

/* A Join/Prune whose groups carry nsrc sources in all. */
static size_t jp_with(uint8_t *b, size_t cap, unsigned nsrc)
{
	struct net_wr w;
	unsigned groups = (nsrc + 999) / 1000;

	net_wr_init(&w, b, cap);
	net_wr_be32(&w, 0x23000000);
	wr_ucast4(&w, 2);
	net_wr_u8(&w, 0);
	net_wr_u8(&w, (uint8_t)groups);
	net_wr_be16(&w, 210);
	for (unsigned g = 0; g < groups; g++) {
		unsigned k = nsrc - g * 1000 > 1000 ? 1000 : nsrc - g * 1000;

		wr_prefix4(&w, 0, 32, 232, (uint8_t)g);
		net_wr_be16(&w, (uint16_t)k);
		net_wr_be16(&w, 0);
		for (unsigned i = 0; i < k; i++)
			wr_prefix4(&w, 4, 32, 10, (uint8_t)i);
	}
	assert_false(w.err);
	sign4(b, w.off);
	return w.off;
}

/* A Hello with an Address List of n addresses. */
static size_t hello_with(uint8_t *b, size_t cap, unsigned n)
{
	struct net_wr w;

	net_wr_init(&w, b, cap);
	net_wr_be32(&w, 0x20000000);
	net_wr_be16(&w, PIM_OPT_ADDR_LIST);
	net_wr_be16(&w, (uint16_t)(6 * n));
	for (unsigned i = 0; i < n; i++)
		wr_ucast4(&w, (uint8_t)i);
	assert_false(w.err);
	sign4(b, w.off);
	return w.off;
}

/* A Bootstrap with ngroups group ranges of rps RPs each. */
static size_t bsr_with(uint8_t *b, size_t cap, unsigned ngroups, unsigned rps)
{
	struct net_wr w;

	net_wr_init(&w, b, cap);
	net_wr_be32(&w, 0x24000000);
	net_wr_be32(&w, 0x00011e00);
	wr_ucast4(&w, 1);
	for (unsigned g = 0; g < ngroups; g++) {
		wr_prefix4(&w, 0, 32, 239, (uint8_t)g);
		net_wr_u8(&w, (uint8_t)rps);
		net_wr_u8(&w, (uint8_t)rps);
		net_wr_be16(&w, 0);
		for (unsigned r = 0; r < rps; r++) {
			wr_ucast4(&w, (uint8_t)r);
			net_wr_be32(&w, 0x00960000);
		}
	}
	assert_false(w.err);
	sign4(b, w.off);
	return w.off;
}

static void test_limits(void **state)
{
	struct pim_msg *m = new_msg(NET_AF_NONE, PIM_T_HELLO);
	uint8_t *b = malloc(BIG);
	size_t n;

	(void)state;
	assert_non_null(b);
	n = jp_with(b, BIG, PIM_MAX_JP_SOURCES);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_OK);
	assert_int_equal(m->jp.nsrcs, PIM_MAX_JP_SOURCES);
	assert_int_equal(m->jp.groups[2].src0, 2000);
	n = jp_with(b, BIG, PIM_MAX_JP_SOURCES + 1);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_E_TOO_MANY);

	n = hello_with(b, BIG, PIM_MAX_HELLO_ADDRS);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_OK);
	assert_int_equal(m->hello.naddrs, PIM_MAX_HELLO_ADDRS);
	n = hello_with(b, BIG, PIM_MAX_HELLO_ADDRS + 1);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_E_TOO_MANY);

	n = bsr_with(b, BIG, PIM_MAX_BSR_GROUPS, 0);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_OK);
	assert_int_equal(m->bsr.ngroups, PIM_MAX_BSR_GROUPS);
	n = bsr_with(b, BIG, PIM_MAX_BSR_GROUPS + 1, 0);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_E_TOO_MANY);
	n = bsr_with(b, BIG, 8, PIM_MAX_BSR_RPS / 8);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_OK);
	assert_int_equal(m->bsr.nrps, PIM_MAX_BSR_RPS);
	n = bsr_with(b, BIG, 9, PIM_MAX_BSR_RPS / 8);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_E_TOO_MANY);
	free(b);
	free(m);
}

/* What the decoder fills at the bounds, the encoder sends back. */
static void test_limits_round_trip(void **state)
{
	struct pim_msg *m = new_msg(NET_AF_NONE, PIM_T_HELLO);
	struct pim_msg *out = new_msg(NET_AF_NONE, PIM_T_HELLO);
	uint8_t *b = malloc(BIG), *b2 = malloc(BIG);
	size_t n;

	(void)state;
	assert_true(b && b2);
	n = jp_with(b, BIG, PIM_MAX_JP_SOURCES);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_OK);
	assert_int_equal(round_trip(m, out, b2, BIG), (int)n);
	assert_memory_equal(b, b2, n);
	n = bsr_with(b, BIG, 8, PIM_MAX_BSR_RPS / 8);
	assert_int_equal(pim_pkt_decode(NET_AF_IP4, b, n, NULL, NULL, m),
			 PIM_PKT_OK);
	assert_int_equal(round_trip(m, out, b2, BIG), (int)n);
	assert_memory_equal(b, b2, n);
	free(b);
	free(b2);
	free(m);
	free(out);
}

static void test_well_known(void **state)
{
	struct net_addr a;

	(void)state;
	assert_int_equal(PIM_PROTO, 103);
	assert_int_equal(net_addr_parse("224.0.0.13", &a), 0);
	assert_true(net_addr_eq(&a, &pim_all_routers4));
	assert_int_equal(net_addr_parse("ff02::d", &a), 0);
	assert_true(net_addr_eq(&a, &pim_all_routers6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hello_times),
		cmocka_unit_test(test_other_times),
		cmocka_unit_test(test_wildcard_source),
		cmocka_unit_test(test_header_flags),
		cmocka_unit_test(test_encode_invalid),
		cmocka_unit_test(test_encode_invalid_types),
		cmocka_unit_test(test_encode_capacity),
		cmocka_unit_test(test_set_checksum),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_limits_round_trip),
		cmocka_unit_test(test_well_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
