/*
 * Tests of the failsim test-traffic payload codec (meas_payload.[ch]): a
 * golden byte vector, round trips over sizes and extreme field values, and
 * a table of malformed inputs, each with the reason it must be rejected.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sim/measure/meas_payload.h"

static void test_golden_bytes(void **state)
{
	static const uint8_t want[32] = {
		'F',  'S',  'I',  'M',	/* magic */
		1,    0,    0,	  0,	/* version, flags, reserved */
		0x00, 0x00, 0x01, 0x02, /* stream 258 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x64, /* seq 100 */
		0x00, 0x00, 0x00, 0x00, 0x77, 0x35, 0x94, 0x00, /* 2 s */
		0,    0,    0,	  0				/* padding */
	};
	struct meas_payload p = { .stream_id = 258,
				  .seq = 100,
				  .tx_time = 2000000000 };
	uint8_t buf[64];

	(void)state;
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(meas_payload_encode(&p, 32, buf, sizeof(buf)),
			 MEAS_PAYLOAD_OK);
	assert_memory_equal(buf, want, sizeof(want));
	assert_int_equal(buf[32], 0xee); /* nothing past size */
}

static void test_round_trip(void **state)
{
	static const struct {
		size_t size;
		struct meas_payload p;
	} cases[] = {
		{ 32, { 0, 0, 0, 0 } },
		{ 33, { 0, 1, 1, 1 } },
		{ 64, { 0, 7, 123456789, 987654321 } },
		{ 1400, { 0, UINT32_MAX, UINT64_MAX, INT64_MAX } },
		{ MEAS_PAYLOAD_MAX_LEN, { 0, 42, 1ull << 40, INT64_MIN } },
		{ 100, { 0x80, 3, 5, -1 } },
	};
	static uint8_t buf[MEAS_PAYLOAD_MAX_LEN + 16];
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct meas_payload out;

		memset(buf, 0xab, sizeof(buf));
		assert_int_equal(meas_payload_encode(&cases[i].p, cases[i].size,
						     buf, sizeof(buf)),
				 MEAS_PAYLOAD_OK);
		for (k = MEAS_PAYLOAD_HDR_LEN; k < cases[i].size; k++)
			assert_int_equal(buf[k], 0);
		assert_int_equal(buf[cases[i].size], 0xab);
		assert_int_equal(meas_payload_decode(buf, cases[i].size, &out),
				 MEAS_PAYLOAD_OK);
		assert_int_equal(out.flags, cases[i].p.flags);
		assert_int_equal(out.stream_id, cases[i].p.stream_id);
		assert_true(out.seq == cases[i].p.seq);
		assert_true(out.tx_time == cases[i].p.tx_time);
	}
}

static void test_decode_bad(void **state)
{
	static uint8_t big[MEAS_PAYLOAD_MAX_LEN + 1];
	uint8_t good[40];
	struct meas_payload p = { .stream_id = 9, .seq = 77, .tx_time = 5 };
	struct {
		const char *name;
		size_t off; /* byte to corrupt, or SIZE_MAX */
		uint8_t val;
		size_t len;
		enum meas_payload_err want;
	} cases[] = {
		{ "empty", SIZE_MAX, 0, 0, MEAS_PAYLOAD_E_SHORT },
		{ "header only", SIZE_MAX, 0, 28, MEAS_PAYLOAD_E_SHORT },
		{ "one short", SIZE_MAX, 0, 31, MEAS_PAYLOAD_E_SHORT },
		{ "bad magic", 0, 'G', 40, MEAS_PAYLOAD_E_BAD_MAGIC },
		{ "bad magic tail", 3, 'm', 40, MEAS_PAYLOAD_E_BAD_MAGIC },
		{ "version 0", 4, 0, 40, MEAS_PAYLOAD_E_BAD_VERSION },
		{ "version 2", 4, 2, 40, MEAS_PAYLOAD_E_BAD_VERSION },
		{ "reserved set", 6, 0xff, 40, MEAS_PAYLOAD_OK },
		{ "padding set", 35, 0xff, 40, MEAS_PAYLOAD_OK },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct meas_payload out;

		assert_int_equal(meas_payload_encode(&p, sizeof(good), good,
						     sizeof(good)),
				 MEAS_PAYLOAD_OK);
		if (cases[i].off != SIZE_MAX)
			good[cases[i].off] = cases[i].val;
		if (meas_payload_decode(good, cases[i].len, &out) !=
		    cases[i].want)
			fail_msg("case '%s'", cases[i].name);
		if (cases[i].want != MEAS_PAYLOAD_OK) {
			assert_int_equal(out.stream_id, 0);
			assert_true(out.seq == 0);
		} else {
			assert_true(out.seq == 77);
		}
	}
	assert_int_equal(meas_payload_decode(NULL, 40, &p),
			 MEAS_PAYLOAD_E_SHORT);
	assert_int_equal(meas_payload_decode(big, sizeof(big), &p),
			 MEAS_PAYLOAD_E_LONG);
}

static void test_encode_bad(void **state)
{
	struct meas_payload p = { .seq = 1 };
	uint8_t buf[64];

	(void)state;
	memset(buf, 0x5a, sizeof(buf));
	assert_int_equal(meas_payload_encode(&p, 31, buf, sizeof(buf)),
			 MEAS_PAYLOAD_E_BAD_SIZE);
	assert_int_equal(meas_payload_encode(&p, MEAS_PAYLOAD_MAX_LEN + 1, buf,
					     sizeof(buf)),
			 MEAS_PAYLOAD_E_BAD_SIZE);
	assert_int_equal(meas_payload_encode(&p, 64, buf, 63),
			 MEAS_PAYLOAD_E_NO_ROOM);
	assert_int_equal(meas_payload_encode(&p, 32, NULL, 64),
			 MEAS_PAYLOAD_E_NO_ROOM);
	assert_int_equal(buf[0], 0x5a); /* nothing written */
	assert_string_equal(meas_payload_err_name(MEAS_PAYLOAD_E_BAD_MAGIC),
			    "bad-magic");
	assert_string_equal(meas_payload_err_name(MEAS_PAYLOAD_E__COUNT),
			    "unknown");
	assert_string_equal(meas_payload_err_name((enum meas_payload_err) - 1),
			    "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_bytes),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_decode_bad),
		cmocka_unit_test(test_encode_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
