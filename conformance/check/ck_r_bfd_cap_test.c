/*
 * The BFD rule module over real captures (../shared/captures/bfd, skipped
 * when absent): every Ethernet capture is read with libpcap (timestamps
 * in nanoseconds), dissected with net_dissect and checked; a summary of
 * the failing rules per capture is printed, and the verdicts verified by
 * hand are asserted. Then a mutation fuzz loop: 100,000 frames with bytes
 * changed or cut, each from an exact-size heap copy, through net_dissect
 * and the module (which keeps its flow state across them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conformance/check/ck_proto.h"
#include "conformance/check/ck_r_bfd_testutil.h"
#include "sim/core/sim_rng.h"

#define CAPDIR FAILSIM_SHARED_DIR "/captures/bfd/"

/* Run the module over one capture; NULL when it is absent. */
static struct ck_ctx *check_capture(const char *name)
{
	char path[512], failing[1024];
	struct ck_ctx *c;
	uint64_t no;
	int dlt;

	snprintf(path, sizeof(path), CAPDIR "%s", name);
	if (access(path, R_OK) != 0)
		return NULL;
	c = ckbt_check_pcap(path, &dlt, &no);
	assert_non_null(c);
	ckbt_failing(c, failing, sizeof(failing));
	printf("  %-30s %3llu frames  failing: %s\n", name,
	       (unsigned long long)no, failing[0] ? failing : "none");
	return c;
}

static uint64_t failed(const struct ck_ctx *c, const char *id)
{
	const struct ck_result *r = ck_result(c, id);

	assert_non_null(r);
	return r->failed;
}

static uint64_t checked(const struct ck_ctx *c, const char *id)
{
	const struct ck_result *r = ck_result(c, id);

	assert_non_null(r);
	return r->checked;
}

static uint64_t musts_failed(const struct ck_ctx *c)
{
	uint64_t must, should, noted;

	ck_totals(c, &must, &should, &noted);
	return must;
}

/* The verdicts checked by hand against tcpdump's -v output. */
static void test_bfd_real_captures(void **state)
{
	struct ck_ctx *c;

	(void)state;
	if (access(CAPDIR, R_OK) != 0) {
		printf("  %s absent: skipped\n", CAPDIR);
		skip();
	}
	/* Conforming captures: no MUST fails. */
	static const char *const clean[] = {
		"bfd-lag.pcap",
		"bfd-sbfd.pcap",
		"bfd_source_port_49152.pcap",
		"ndpi_bfd.pcap",
	};
	for (size_t i = 0; i < sizeof(clean) / sizeof(clean[0]); i++) {
		c = check_capture(clean[i]);
		if (!c)
			continue;
		if (musts_failed(c) != 0)
			fail_msg("%s: a MUST failed", clean[i]);
		ck_ctx_free(c);
	}
	/* S-BFD: 20 packets, header rules only. */
	if ((c = check_capture("bfd-sbfd.pcap"))) {
		assert_int_equal(checked(c, "bfd.version"), 20);
		assert_int_equal(checked(c, "bfd.ttl"), 0);
		ck_ctx_free(c);
	}
	/* nDPI: the three-way handshake and Echo packets both ways. */
	if ((c = check_capture("ndpi_bfd.pcap"))) {
		assert_int_equal(checked(c, "bfd.state-transition"), 2);
		assert_int_equal(checked(c, "bfd.echo-up"), 3);
		assert_int_equal(checked(c, "bfd.echo-interval"), 1);
		ck_ctx_free(c);
	}
	/* Generated with TTL 10 from port 1024 (true violations). */
	static const char *const raw[] = {
		"bfd-raw-auth-simple.pcap",
		"bfd-raw-auth-md5.pcap",
		"bfd-raw-auth-sha1.pcap",
	};
	for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
		c = check_capture(raw[i]);
		if (!c)
			continue;
		assert_int_equal(failed(c, "bfd.ttl"), checked(c, "bfd.ttl"));
		assert_int_equal(failed(c, "bfd.src-port"),
				 checked(c, "bfd.src-port"));
		assert_int_equal(failed(c, "bfd.auth"), 0);
		assert_true(checked(c, "bfd.auth") > 0);
		if (i == 1) /* Keyed MD5 may repeat its number */
			assert_int_equal(failed(c, "bfd.auth-seq-keyed"), 0);
		if (i == 2) /* Meticulous SHA1 repeating sequence number 5 */
			assert_true(failed(c, "bfd.auth-seq") > 0);
		ck_ctx_free(c);
	}
	/* The single-hop session jitters below 75% (208 ms of 300 ms). */
	if ((c = check_capture("bfd-multihop.pcap"))) {
		assert_true(failed(c, "bfd.tx-interval") > 0);
		assert_true(checked(c, "bfd.tx-interval") > 20);
		assert_int_equal(failed(c, "bfd.multihop-auth"),
				 checked(c, "bfd.multihop-auth"));
		ck_ctx_free(c);
	}
	/* Fuzzed: the IPv4 layer rejects it before BFD (the net module's
	 * finding); nothing here may crash or claim a BFD packet. */
	if ((c = check_capture("hoobr_bfd_print.pcap"))) {
		assert_int_equal(checked(c, "bfd.version"), 0);
		ck_ctx_free(c);
	}
}

/* ---- mutation fuzzing ---- */

#define NSEEDS 16

/* Good BFD payloads (Control packets of every auth type, an Echo). */
static size_t seed_payloads(uint8_t pl[][BFD_MAX_LEN], size_t *lens)
{
	static const struct bfd_key keys[] = {
		{ .type = BFD_AUTH_SIMPLE, .id = 1, .secret = "pw", .len = 2 },
		{ .type = BFD_AUTH_METICULOUS_MD5,
		  .id = 2,
		  .secret = "k",
		  .len = 1 },
		{ .type = BFD_AUTH_KEYED_SHA1,
		  .id = 3,
		  .secret = "k",
		  .len = 1 },
	};
	size_t n = 0;

	for (uint8_t st = 0; st < 4; st++)
		for (size_t k = 0; k < 4 && n < NSEEDS - 1; k++) {
			struct bfd_ctrl c =
				ckbt_ctrl(st, 1 + (k & 1), 2 - (k & 1));
			int len;

			c.poll = k == 1;
			c.final = k == 2;
			if (st != BFD_STATE_UP)
				c.desired_min_tx_us = 1000000;
			len = bfd_pkt_encode(&c, k ? &keys[k - 1] : NULL, pl[n],
					     BFD_MAX_LEN);
			assert_true(len > 0);
			lens[n++] = (size_t)len;
		}
	memset(pl[n], 0x5a, 12); /* an Echo payload: opaque */
	lens[n++] = 12;
	return n;
}

/*
 * One mutated frame into an exact-size heap buffer: either the BFD
 * payload is changed and framed correctly (so it reaches the codec and
 * the flow rules), or the whole frame is changed (the lower layers).
 */
static uint8_t *mutate(struct ckbt *t, struct sim_rng *r,
		       uint8_t pl[][BFD_MAX_LEN], const size_t *lens, size_t n,
		       size_t *out)
{
	static const uint16_t ports[] = { 3784, 4784, 6784, 7784, 3785, 9 };
	size_t k = (size_t)sim_rng_below(r, n), len = lens[k];
	uint8_t p[BFD_MAX_LEN], *b;
	int from = (int)sim_rng_below(r, 2);
	uint16_t dport = ports[sim_rng_below(r, 6)];

	memcpy(p, pl[k], len);
	if (sim_rng_below(r, 3) != 0)
		for (uint64_t m = sim_rng_below(r, 4); m > 0; m--)
			p[sim_rng_below(r, len)] = (uint8_t)sim_rng_next(r);
	if (sim_rng_below(r, 5) == 0)
		len = (size_t)sim_rng_below(r, len + 1);
	len = ckbt_frame(t, from, t->end[from].sport, dport,
			 (uint8_t)(sim_rng_below(r, 8) ? 255 : 254), p, len);
	if (sim_rng_below(r, 4) == 0) { /* the lower layers too */
		for (uint64_t m = 1 + sim_rng_below(r, 3); m > 0; m--)
			t->buf[sim_rng_below(r, len)] =
				(uint8_t)sim_rng_next(r);
		if (sim_rng_below(r, 2))
			len = (size_t)sim_rng_below(r, len + 1);
	}
	b = malloc(len ? len : 1);
	assert_non_null(b);
	memcpy(b, t->buf, len);
	*out = len;
	return b;
}

static void test_bfd_fuzz(void **state)
{
	static uint8_t pl[NSEEDS][BFD_MAX_LEN];
	size_t lens[NSEEDS], n;
	struct sim_rng r;
	sim_time_t tm = SIM_S(1);
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	n = seed_payloads(pl, lens);
	sim_rng_seed(&r, 8, "ck_r_bfd fuzz");
	for (uint64_t i = 0; i < 100000; i++) {
		struct ck_frame f;
		size_t len;
		uint8_t *b;

		if (i == 50000) { /* the second half over IPv6 */
			assert_int_equal(
				net_addr_parse("2001:db8::1", &t.end[0].ip), 0);
			assert_int_equal(
				net_addr_parse("2001:db8::2", &t.end[1].ip), 0);
		}
		b = mutate(&t, &r, pl, lens, n, &len);
		tm += (sim_time_t)sim_rng_below(&r, SIM_MS(20));
		ckbt_eth_frame(&f, i + 1, tm, b, len, len);
		ck_proto_bfd.frame(t.c, t.st, &f);
		free(b);
	}
	ckbt_close(&t);
	/* The loop reached the codec's rejections and the flow rules. */
	assert_true(ckbt_failed(&t, "bfd.length") > 0);
	assert_true(ckbt_failed(&t, "bfd.auth") > 0);
	assert_true(ckbt_failed(&t, "bfd.version") > 0);
	assert_true(ckbt_checked(&t, "bfd.state-transition") > 100);
	assert_true(ckbt_checked(&t, "bfd.your-disc-match") > 0);
	assert_true(ckbt_checked(&t, "bfd.echo-up") > 0);
	ckbt_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bfd_real_captures),
		cmocka_unit_test(test_bfd_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
