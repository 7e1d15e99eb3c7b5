/*
 * Tests of the per-packet rules of the "pim" module (ck_r_pim.c): good
 * messages of several types over IPv4 and IPv6 leave every rule clean;
 * each rule fails on the message that breaks it (destination, TTL,
 * link-local source, Upstream Neighbor, version, length, Hello option
 * lengths, encoded address family, checksum, Register checksum span with
 * and without the pim-register-full-csum quirk); a mutation fuzz loop.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_pim_testutil.h"
#include "sim/net/net_csum.h"

#define T0 SIM_S(1700000000)
#define V4 NET_AF_IP4
#define V6 NET_AF_IP6

static struct pim_msg msg; /* large: not on the stack */
static const uint8_t inner[] = { 0x45, 0, 0,  28, 0, 0, 0,   0, 64, 17,
				 0,    0, 10, 0,  0, 9, 239, 1, 1,  1,
				 1,    2, 3,  4,  0, 8, 0,   0 };

static struct ckrt run;

static int setup(void **state)
{
	(void)state;
	ckrt_open(&run, &ck_proto_pim, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ckrt_free(&run);
	return 0;
}

static void expect_clean(const char *what)
{
	ckrt_finish(&run);
	if (ckrt_fails(&run)) {
		ckrt_dump(&run, what);
		fail_msg("%s: a rule failed", what);
	}
}

static void test_pim_good(void **state)
{
	(void)state;
	pmt_hello(&msg, V4, SIM_S(105), 7);
	pmt_send(&run, T0, &msg, "10.0.0.1", "224.0.0.13", 1);
	pmt_jp(&msg, V4, "10.0.0.2", SIM_S(210), "239.1.1.1", "10.9.9.9", true,
	       false);
	pmt_send(&run, T0, &msg, "10.0.0.1", "224.0.0.13", 1);
	pmt_assert(&msg, V4, "239.1.1.1", "10.9.9.9", false, 10, 20);
	pmt_send(&run, T0, &msg, "10.0.0.1", "224.0.0.13", 1);
	pmt_register(&msg, V4, inner, sizeof(inner));
	pmt_send(&run, T0, &msg, "10.0.0.1", "10.1.1.1", 64);
	pmt_hello(&msg, V6, SIM_S(105), 9);
	pmt_send(&run, T0, &msg, "fe80::1", "ff02::d", 1);
	pmt_jp(&msg, V6, "fe80::2", SIM_S(210), "ff0e::1", "2001:db8::9", true,
	       false);
	pmt_send(&run, T0, &msg, "fe80::1", "ff02::d", 1);
	pmt_register(&msg, V6, inner, sizeof(inner));
	pmt_send(&run, T0, &msg, "2001:db8::1", "2001:db8::2", 64);
	expect_clean("good messages");
	assert_int_equal(ckrt_checked(&run, "pim.version"), 7);
	assert_int_equal(ckrt_checked(&run, "pim.csum"), 7);
	assert_int_equal(ckrt_checked(&run, "pim.dst"), 7);
	assert_int_equal(ckrt_checked(&run, "pim.ttl"), 5);
	assert_int_equal(ckrt_checked(&run, "pim.src-ll"), 2);
	assert_int_equal(ckrt_checked(&run, "pim.register.csum-header"), 2);
	assert_int_equal(ckrt_checked(&run, "pim.jp-upstream"), 2);
	assert_int_equal(ckrt_checked(&run, "pim.hello-options"), 2);
}

static void test_pim_addressing(void **state)
{
	(void)state;
	pmt_hello(&msg, V4, SIM_S(105), 7);
	pmt_send(&run, T0, &msg, "10.0.0.1", "10.0.0.2", 1);
	assert_int_equal(ckrt_failed(&run, "pim.dst"), 1);
	pmt_send(&run, T0, &msg, "10.0.0.1", "224.0.0.13", 2);
	assert_int_equal(ckrt_failed(&run, "pim.ttl"), 1);
	assert_non_null(strstr(ckrt_detail(&run, "pim.ttl"), "TTL 2"));
	pmt_register(&msg, V4, inner, sizeof(inner));
	pmt_send(&run, T0, &msg, "10.0.0.1", "224.0.0.13", 1);
	assert_int_equal(ckrt_failed(&run, "pim.dst"), 2);
	pmt_hello(&msg, V6, SIM_S(105), 9);
	pmt_send(&run, T0, &msg, "2001:db8::1", "ff02::d", 1);
	assert_int_equal(ckrt_failed(&run, "pim.src-ll"), 1);
	pmt_jp(&msg, V4, "224.0.0.13", SIM_S(210), "239.1.1.1", "10.9.9.9",
	       true, false);
	pmt_send(&run, T0, &msg, "10.0.0.1", "224.0.0.13", 1);
	pmt_jp(&msg, V4, "10.0.0.1", SIM_S(210), "239.1.1.1", "10.9.9.9", true,
	       false);
	pmt_send(&run, T0, &msg, "10.0.0.1", "224.0.0.13", 1);
	assert_int_equal(ckrt_failed(&run, "pim.jp-upstream"), 2);
	assert_non_null(
		strstr(ckrt_detail(&run, "pim.jp-upstream"), "multicast"));
}

static void test_pim_register_csum(void **state)
{
	uint8_t f[CKRT_FRAME_MAX], pim[64];
	struct ckrt q;
	size_t n = 8 + sizeof(inner), len;
	uint16_t cs;

	(void)state;
	/* a Register whose checksum covers the whole message */
	memset(pim, 0, sizeof(pim));
	pim[0] = 0x21;
	memcpy(pim + 8, inner, sizeof(inner));
	cs = net_csum(pim, n);
	pim[2] = (uint8_t)(cs >> 8);
	pim[3] = (uint8_t)cs;
	len = pmt_raw(f, sizeof(f), V4, pim, n, "10.0.0.1", "10.1.1.1", false);
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.register.csum-header"), 1);
	assert_int_equal(ckrt_failed(&run, "pim.csum"), 0);
	/* the quirk makes it a note */
	ckrt_open(&q, &ck_proto_pim, "pim-register-full-csum");
	ckrt_frame(&q, T0, f, len);
	assert_int_equal(ckrt_noted(&q, "pim.register.csum-header"), 1);
	assert_int_equal(ck_exit_status(q.c), 0);
	ckrt_free(&q);
	/* right neither way */
	pim[3] ^= 0x10;
	len = pmt_raw(f, sizeof(f), V4, pim, n, "10.0.0.1", "10.1.1.1", false);
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.csum"), 1);
	assert_non_null(strstr(ckrt_detail(&run, "pim.csum"),
			       "nor over the whole message"));
}

static void test_pim_codec_refusals(void **state)
{
	uint8_t f[CKRT_FRAME_MAX];
	uint8_t hello[] = { 0x20, 0, 0, 0, 0, 1, 0, 3, 0, 105, 0, 0 };
	uint8_t jp[] = { 0x23, 0, 0, 0, 2, 0, 10, 0, 0, 2, 0, 1, 0, 210,
			 /* group: family 1, encoding 0, 239.1.1.1/32 */
			 1, 0, 0, 32, 239, 1, 1, 1, 0, 1, 0, 0,
			 /* source 10.9.9.9/32 */
			 1, 0, 4, 32, 10, 9, 9, 9 };
	size_t len;

	(void)state;
	/* Holdtime option of length 3 */
	len = pmt_raw(f, sizeof(f), V4, hello, sizeof(hello), "10.0.0.1",
		      "224.0.0.13", true);
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.hello-options"), 1);
	assert_int_equal(ckrt_failed(&run, "pim.csum"), 0);
	/* Upstream Neighbor of family 2 in an IPv4 message */
	len = pmt_raw(f, sizeof(f), V4, jp, sizeof(jp), "10.0.0.1",
		      "224.0.0.13", true);
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.encoded-addr"), 1);
	/* the same, family 1, one source byte short */
	jp[4] = 1;
	len = pmt_raw(f, sizeof(f), V4, jp, sizeof(jp) - 1, "10.0.0.1",
		      "224.0.0.13", true);
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.length"), 1);
	/* version 3 */
	jp[0] = 0x33;
	len = pmt_raw(f, sizeof(f), V4, jp, sizeof(jp), "10.0.0.1",
		      "224.0.0.13", false);
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.version"), 1);
	/* a good one with a bad checksum */
	jp[0] = 0x23;
	len = pmt_raw(f, sizeof(f), V4, jp, sizeof(jp), "10.0.0.1",
		      "224.0.0.13", true);
	f[len - 1] ^= 1;
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.csum"), 1);
	/* type 12 (PFM, RFC 8364): not checked */
	jp[0] = 0x2c;
	len = pmt_raw(f, sizeof(f), V4, jp, 4, "10.0.0.1", "224.0.0.13", false);
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.version"), 1);
	assert_int_equal(ckrt_failed(&run, "pim.csum"), 1);
	/* 2 bytes */
	len = pmt_raw(f, sizeof(f), V4, jp, 2, "10.0.0.1", "224.0.0.13", false);
	ckrt_frame(&run, T0, f, len);
	assert_int_equal(ckrt_failed(&run, "pim.length"), 2);
}

/* Repair the PIM checksum of a mutated message. */
static void pim_fix(uint8_t *l4, size_t len, const struct net_pkt_info *pi)
{
	if (len >= PIM_HDR_LEN)
		pim_pkt_set_checksum(pi->af, l4, len, &pi->src, &pi->dst);
}

static void test_pim_fuzz(void **state)
{
	static uint8_t frames[6][CKRT_FRAME_MAX];
	const uint8_t *fp[6];
	size_t lens[6];

	(void)state;
	pmt_hello(&msg, V4, SIM_S(105), 7);
	lens[0] = pmt_frame(frames[0], CKRT_FRAME_MAX, &msg, "10.0.0.1",
			    "224.0.0.13", 1);
	pmt_jp(&msg, V4, "10.0.0.2", SIM_S(210), "239.1.1.1", "10.9.9.9", true,
	       false);
	lens[1] = pmt_frame(frames[1], CKRT_FRAME_MAX, &msg, "10.0.0.1",
			    "224.0.0.13", 1);
	pmt_assert(&msg, V4, "239.1.1.1", "10.9.9.9", false, 10, 20);
	lens[2] = pmt_frame(frames[2], CKRT_FRAME_MAX, &msg, "10.0.0.1",
			    "224.0.0.13", 1);
	pmt_register(&msg, V4, inner, sizeof(inner));
	lens[3] = pmt_frame(frames[3], CKRT_FRAME_MAX, &msg, "10.0.0.1",
			    "10.1.1.1", 64);
	pmt_hello(&msg, V6, SIM_S(105), 9);
	lens[4] = pmt_frame(frames[4], CKRT_FRAME_MAX, &msg, "fe80::1",
			    "ff02::d", 1);
	pmt_jp(&msg, V6, "fe80::2", SIM_S(210), "ff0e::1", "2001:db8::9", true,
	       true);
	lens[5] = pmt_frame(frames[5], CKRT_FRAME_MAX, &msg, "fe80::1",
			    "ff02::d", 1);
	for (size_t i = 0; i < 6; i++)
		fp[i] = frames[i];
	{
		uint64_t n =
			ckrt_fuzz(&ck_proto_pim, fp, lens, 6, 100000, pim_fix);

		printf("pim fuzz: %llu rule checks\n", (unsigned long long)n);
		assert_true(n > 200000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pim_good, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pim_addressing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_pim_register_csum, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_pim_codec_refusals, setup,
						teardown),
		cmocka_unit_test(test_pim_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
