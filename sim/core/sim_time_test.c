/*
 * Tests of duration parsing and formatting (sim_time.c): tables of good and
 * bad inputs including every unit, exact fractions, precision and overflow
 * limits, and round trips of both formats back through the parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sim/core/sim_time.h"

struct parse_case {
	const char *in;
	int rc;
	sim_time_t want;
};

static const struct parse_case parse_cases[] = {
	{ "10ms", 0, SIM_MS(10) },
	{ "1.5s", 0, SIM_MS(1500) },
	{ "250us", 0, SIM_US(250) },
	{ "100ns", 0, SIM_NS(100) },
	{ "2m", 0, SIM_S(120) },
	{ "1h", 0, SIM_S(3600) },
	{ "3", 0, SIM_S(3) },
	{ "0.25", 0, SIM_MS(250) },
	{ "0", 0, 0 },
	{ "0s", 0, 0 },
	{ "0.000000001", 0, 1 },
	{ "0.0000000010", 0, 1 }, /* trailing zero is harmless */
	{ "1.000000000000000000000s", 0, SIM_S(1) },
	{ "0.5us", 0, 500 },
	{ "0.001ms", 0, SIM_US(1) },
	{ "1.5m", 0, SIM_S(90) },
	{ "0.1h", 0, SIM_S(360) },
	{ "007ms", 0, SIM_MS(7) },
	{ "000000000000000000000000001s", 0, SIM_S(1) },
	{ "9223372036854775807ns", 0, INT64_MAX },
	{ "9223372036.854775807", 0, INT64_MAX },
	{ "9223372036854.775807ms", 0, INT64_MAX },
	{ "9223372036854775808ns", -1, 0 }, /* INT64_MAX + 1 */
	{ "9223372036.854775808", -1, 0 },
	{ "2562048h", -1, 0 }, /* > INT64_MAX ns */
	{ "2562047h", 0, SIM_S(3600) * 2562047 },
	{ "99999999999999999999ns", -1, 0 }, /* 20 digits */
	{ "0.0000000001", -1, 0 },	     /* 0.1 ns */
	{ "1.5ns", -1, 0 },
	{ "0.0005us", -1, 0 },
	{ "1.0000000000000000001s", -1, 0 },
	{ "", -1, 0 },
	{ "s", -1, 0 },
	{ "ms", -1, 0 },
	{ "-1s", -1, 0 },
	{ "+1s", -1, 0 },
	{ " 1s", -1, 0 },
	{ "1s ", -1, 0 },
	{ "1 s", -1, 0 },
	{ "1.", -1, 0 },
	{ ".5s", -1, 0 },
	{ "1..5s", -1, 0 },
	{ "1.5.5s", -1, 0 },
	{ "10sec", -1, 0 },
	{ "10MS", -1, 0 },
	{ "10d", -1, 0 },
	{ "1e3", -1, 0 },
	{ "0x10", -1, 0 },
	{ "10mss", -1, 0 },
};

static void test_parse_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *c = &parse_cases[i];
		sim_time_t got = -42;
		int rc = sim_time_parse(c->in, &got);

		if (rc != c->rc)
			fail_msg("parse \"%s\": rc %d, want %d", c->in, rc,
				 c->rc);
		if (rc == 0 && got != c->want)
			fail_msg("parse \"%s\": %lld, want %lld", c->in,
				 (long long)got, (long long)c->want);
		if (rc != 0 && got != -42)
			fail_msg("parse \"%s\" failed but wrote", c->in);
	}
	assert_int_equal(sim_time_parse(NULL, &(sim_time_t){ 0 }), -1);
	assert_int_equal(sim_time_parse("1s", NULL), -1);
}

struct fmt_case {
	sim_time_t t;
	const char *full;
	const char *shrt;
};

static const struct fmt_case fmt_cases[] = {
	{ 0, "0.000000000", "0s" },
	{ 1, "0.000000001", "1ns" },
	{ 100, "0.000000100", "100ns" },
	{ 999, "0.000000999", "999ns" },
	{ 1500, "0.000001500", "1.5us" },
	{ SIM_MS(5), "0.005000000", "5ms" },
	{ SIM_MS(1500), "1.500000000", "1.5s" },
	{ SIM_S(12) + SIM_US(500), "12.000500000", "12.0005s" },
	{ SIM_MS(1) + 1, "0.001000001", "1.000001ms" },
	{ SIM_S(120), "120.000000000", "120s" },
	{ SIM_S(1) + 1, "1.000000001", "1.000000001s" },
	{ -SIM_MS(5), "-0.005000000", "-5ms" },
	{ -SIM_MS(1500), "-1.500000000", "-1.5s" },
	{ INT64_MAX, "9223372036.854775807", "9223372036.854775807s" },
	{ INT64_MIN, "-9223372036.854775808", "-9223372036.854775808s" },
};

static void test_fmt_table(void **state)
{
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fmt_cases) / sizeof(fmt_cases[0]); i++) {
		const struct fmt_case *c = &fmt_cases[i];

		sim_time_fmt(c->t, buf, sizeof(buf));
		assert_string_equal(buf, c->full);
		sim_time_fmt_short(c->t, buf, sizeof(buf));
		assert_string_equal(buf, c->shrt);
	}
}

static void test_fmt_small_buffers(void **state)
{
	char buf[5] = "xxxx";

	(void)state;
	sim_time_fmt(SIM_S(12), buf, sizeof(buf));
	assert_string_equal(buf, "12.0");
	sim_time_fmt_short(SIM_MS(1500), buf, sizeof(buf));
	assert_string_equal(buf, "1.5s");
	sim_time_fmt_short(SIM_MS(1234), buf, sizeof(buf));
	assert_string_equal(buf, "1.23");
	buf[0] = 'x';
	sim_time_fmt(1, buf, 0); /* nothing written */
	sim_time_fmt_short(1, buf, 0);
	assert_int_equal(buf[0], 'x');
	sim_time_fmt(1, NULL, 10);
	sim_time_fmt_short(1, NULL, 10);
}

/* Both formats parse back to the same value, across magnitudes. */
static void test_round_trip(void **state)
{
	sim_time_t t, back;
	char buf[64];
	uint64_t x = 0x9e3779b97f4a7c15ull;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		t = (sim_time_t)(x >> (1 + i % 63));
		if (i % 3 == 0)
			t -= t % SIM_US(1); /* round values take other paths */
		sim_time_fmt(t, buf, sizeof(buf));
		assert_int_equal(sim_time_parse(buf, &back), 0);
		assert_int_equal(back, t);
		sim_time_fmt_short(t, buf, sizeof(buf));
		if (sim_time_parse(buf, &back) != 0)
			fail_msg("cannot parse back \"%s\"", buf);
		assert_int_equal(back, t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_fmt_table),
		cmocka_unit_test(test_fmt_small_buffers),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
