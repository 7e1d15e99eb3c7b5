/*
 * Robustness of the "net" module: 100,000 mutated frames (1-4 random
 * bytes changed, or a random cut, with the wire length kept so some look
 * truncated by the capture) built from good ARP, NS, NA, UDP, TCP and RBS
 * frames go through net_dissect and the module, flows included, in one
 * run. Only a crash or a stray read fails (the sanitizer build checks);
 * the test also asserts that mutations were both caught and let through.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_net_testutil.h"
#include "sim/core/sim_rng.h"

#define ROUNDS 100000
#define NSEEDS 8

struct seed {
	uint8_t b[CKT_FRAME_MAX];
	size_t n;
};

static size_t seed_tcp(uint8_t *b, bool v6, uint8_t flags, const void *data,
		       size_t len, uint32_t seq)
{
	struct tcp_seg s;

	memset(&s, 0, sizeof(s));
	s.sport = 40000;
	s.dport = 5000;
	s.seq = seq;
	s.ack = 1;
	s.flags = flags;
	s.wnd = 1000;
	s.has_mss = (flags & TCP_SYN) != 0;
	s.mss = 1400;
	s.data = data;
	s.len = len;
	return ckt_build_tcp(b, CKT_FRAME_MAX, v6, &s);
}

static void make_seeds(struct seed *s)
{
	static struct rbs_msg m;
	uint8_t msg[256];
	struct net_arp a;
	struct net_mac mac = ckt_mac(1);
	struct net_ip4 ip = ckt_ip4(10, 0, 0, 1);
	struct net_ip6_params p6 = ckt_p6();
	struct net_ip6 t = ckt_ip6("fe80::2");
	struct net_l2 l2 = ckt_l2();
	struct net_wr w;
	int n;

	net_arp_make_gratuitous(&a, &mac, &ip);
	net_wr_init(&w, s[0].b, CKT_FRAME_MAX);
	s[0].n = (size_t)net_build_arp(&w, &l2, &a);
	net_wr_init(&w, s[1].b, CKT_FRAME_MAX);
	s[1].n = (size_t)net_build_ns(&w, &p6, &t, &mac);
	net_wr_init(&w, s[2].b, CKT_FRAME_MAX);
	s[2].n = (size_t)net_build_na(&w, &p6, &t, NET_ND_NA_SOLICITED, &mac);
	s[3].n = ckt_build_udp(s[3].b, CKT_FRAME_MAX, false, "abcdef", 6);
	s[4].n = ckt_build_udp(s[4].b, CKT_FRAME_MAX, true, "abcdef", 6);
	s[5].n = seed_tcp(s[5].b, false, TCP_SYN, NULL, 0, 99);
	memset(&m, 0, sizeof(m));
	m.type = RBS_T_HELLO;
	m.seq = 1;
	m.nids = 1;
	m.ids[0] = 7;
	m.keepalive_interval = SIM_S(1);
	m.keepalive_count = 3;
	n = rbs_pkt_encode(&m, msg, sizeof(msg));
	assert_true(n > 0);
	s[6].n =
		seed_tcp(s[6].b, false, TCP_ACK | TCP_PSH, msg, (size_t)n, 100);
	s[7].n = seed_tcp(s[7].b, true, TCP_ACK, msg, (size_t)n, 100);
	for (int i = 0; i < NSEEDS; i++)
		assert_true(s[i].n > 0);
}

static void test_net_fuzz(void **state)
{
	static struct seed seeds[NSEEDS];
	struct ckt_run r;
	struct sim_rng rng;
	uint8_t *mut;
	uint64_t failed_before;
	size_t caught = 0, passed = 0;

	(void)state;
	make_seeds(seeds);
	sim_rng_seed(&rng, 8, "ck-net-fuzz");
	ckt_open(&r);
	/* The good frames alone raise nothing. */
	for (int i = 0; i < NSEEDS; i++)
		ckt_feed(&r, seeds[i].b, seeds[i].n, 0, SIM_MS(i));
	assert_int_equal(ckt_failed_total(&r), 0);
	for (unsigned i = 0; i < ROUNDS; i++) {
		const struct seed *s = &seeds[sim_rng_below(&rng, NSEEDS)];
		size_t n = s->n;

		/* An exact-size heap copy: ASan sees any read past it. */
		mut = malloc(n);
		assert_non_null(mut);
		memcpy(mut, s->b, n);
		if (sim_rng_below(&rng, 4) == 0) {
			n = (size_t)sim_rng_below(&rng, s->n);
		} else {
			unsigned flips = 1 + (unsigned)sim_rng_below(&rng, 4);

			for (unsigned k = 0; k < flips; k++)
				mut[sim_rng_below(&rng, n)] =
					(uint8_t)sim_rng_next(&rng);
		}
		failed_before = ckt_failed_total(&r);
		ckt_feed(&r, mut, n, sim_rng_below(&rng, 2) ? s->n : n,
			 SIM_MS(10) + (sim_time_t)i);
		if (ckt_failed_total(&r) > failed_before)
			caught++;
		else
			passed++;
		free(mut);
	}
	ckt_free(&r);
	printf("  %u mutated frames: %zu raised a finding, %zu none\n", ROUNDS,
	       caught, passed);
	assert_true(caught > ROUNDS / 10);
	assert_true(passed > ROUNDS / 10);
}

/*
 * RBS streams with mutated message bytes but valid TCP checksums, so the
 * reassembly and the RBS decoder see them: random flips in a run of
 * Hello, Keepalive and EntryAdd messages, cut into random segments sent
 * with random overlaps, repeats and gaps, over 200 connections.
 */
static void test_net_fuzz_rbs(void **state)
{
	static struct rbs_msg m;
	uint8_t stream[2048], b[CKT_FRAME_MAX];
	struct sim_rng rng;
	struct ckt_run r;
	struct tcp_seg s;
	size_t len = 0;
	int n;

	(void)state;
	memset(&m, 0, sizeof(m));
	for (uint32_t i = 1; i <= 12; i++) {
		m.type = i % 3 ? RBS_T_KEEPALIVE : RBS_T_HELLO;
		m.seq = i;
		m.keepalive_interval = SIM_S(1);
		m.keepalive_count = 3;
		n = rbs_pkt_encode(&m, stream + len, sizeof(stream) - len);
		assert_true(n > 0);
		len += (size_t)n;
	}
	sim_rng_seed(&rng, 9, "ck-net-fuzz-rbs");
	ckt_open(&r);
	for (unsigned conn = 0; conn < 200; conn++) {
		uint8_t mut[sizeof(stream)];
		uint32_t isn = (uint32_t)sim_rng_next(&rng);
		size_t off = 0;

		memcpy(mut, stream, len);
		for (unsigned k = 0; k < 1 + conn % 6; k++)
			mut[sim_rng_below(&rng, len)] =
				(uint8_t)sim_rng_next(&rng);
		memset(&s, 0, sizeof(s));
		s.sport = (uint16_t)(20000 + conn);
		s.dport = 5000;
		s.seq = isn;
		s.flags = TCP_SYN;
		ckt_feed(&r, b, ckt_build_tcp(b, sizeof(b), conn & 1, &s), 0,
			 SIM_MS(conn));
		while (off < len) {
			size_t at = off, cut;

			/* Sometimes step back (overlap) or skip (gap). */
			if (sim_rng_below(&rng, 8) == 0)
				at = off > 20 ? off - 20 : 0;
			if (sim_rng_below(&rng, 40) == 0)
				at = off + 7;
			cut = 1 + (size_t)sim_rng_below(&rng, 90);
			if (at >= len)
				break;
			if (cut > len - at)
				cut = len - at;
			s.flags = TCP_ACK;
			s.seq = isn + 1 + (uint32_t)at;
			s.data = mut + at;
			s.len = cut;
			ckt_feed(&r, b,
				 ckt_build_tcp(b, sizeof(b), conn & 1, &s), 0,
				 SIM_MS(conn));
			if (at + cut > off)
				off = at + cut;
		}
	}
	ckt_close(&r);
	/* Both good and broken messages were seen. */
	assert_true(ckt_checked(&r, "rbs.header") > 1000);
	assert_true(ckt_failed(&r, "rbs.seq") + ckt_failed(&r, "rbs.tlv") +
			    ckt_failed(&r, "rbs.header") >
		    0);
	ckt_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_fuzz),
		cmocka_unit_test(test_net_fuzz_rbs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
