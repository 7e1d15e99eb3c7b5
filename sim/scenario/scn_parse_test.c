/*
 * Tests of the scenario value parsers: tables of accepted and rejected
 * rates, packet rates, loss values, integers, booleans, names, endpoints
 * and address/length pairs, with the edge values of each range, plus the
 * default host MAC derivation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sim/scenario/scn_spec.h"

struct u64_case {
	const char *in;
	int ret;
	uint64_t want;
};

static void test_rate(void **state)
{
	static const struct u64_case t[] = {
		{ "1G", 0, 1000000000ull },
		{ "100M", 0, 100000000ull },
		{ "10k", 0, 10000ull },
		{ "10K", 0, 10000ull },
		{ "10Gbps", 0, 10000000000ull },
		{ "2.5Mbit/s", 0, 2500000ull },
		{ "1.5G", 0, 1500000000ull },
		{ "64000", 0, 64000ull },
		{ "64000bps", 0, 64000ull },
		{ "1", 0, 1ull },
		{ "10T", 0, 10000000000000ull },
		{ "1.000k", 0, 1000ull },
		{ "0.001k", 0, 1ull },
		{ "10.0001T", -1, 0 }, /* above 10 Tbit/s */
		{ "0.0001k", -1, 0 },  /* fraction of a bit */
		{ "1.5", -1, 0 },
		{ "0", -1, 0 },
		{ "0G", -1, 0 },
		{ "fast", -1, 0 },
		{ "", -1, 0 },
		{ "G", -1, 0 },
		{ "1 G", -1, 0 },
		{ "-1G", -1, 0 },
		{ "1GB", -1, 0 },
		{ "1Gbpsx", -1, 0 },
		{ "1.", -1, 0 },
		{ ".5G", -1, 0 },
		{ "99999999999999999999999G", -1, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint64_t v = 0;

		assert_int_equal(scn_parse_rate(t[i].in, &v), t[i].ret);
		if (t[i].ret == 0)
			assert_int_equal(v, t[i].want);
	}
	assert_int_equal(scn_parse_rate(NULL, NULL), -1);
}

static void test_pps(void **state)
{
	static const struct u64_case t[] = {
		{ "100", 0, 100 },     { "100pps", 0, 100 },
		{ "1", 0, 1 },	       { "10000000", 0, 10000000 },
		{ "10000001", -1, 0 }, { "0", -1, 0 },
		{ "pps", -1, 0 },      { "1.5", -1, 0 },
		{ "100 pps", -1, 0 },  { "-5", -1, 0 },
		{ "", -1, 0 },	       { "12345678901234567890123", -1, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint32_t v = 0;

		assert_int_equal(scn_parse_pps(t[i].in, &v), t[i].ret);
		if (t[i].ret == 0)
			assert_int_equal(v, t[i].want);
	}
}

static void test_loss(void **state)
{
	static const struct u64_case t[] = {
		{ "0", 0, 0 },
		{ "1", 0, 1000000000 },
		{ "0.05", 0, 50000000 },
		{ "5%", 0, 50000000 },
		{ "0.25%", 0, 2500000 },
		{ "100%", 0, 1000000000 },
		{ "0%", 0, 0 },
		{ "0.000000001", 0, 1 },
		{ "0.0000001%", 0, 1 },
		{ "0.0000000001", -1, 0 }, /* finer than 1 ppb */
		{ "1.01", -1, 0 },
		{ "101%", -1, 0 },
		{ "-0.1", -1, 0 },
		{ "5 %", -1, 0 },
		{ "%", -1, 0 },
		{ "lots", -1, 0 },
		{ "", -1, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint32_t v = 0;

		assert_int_equal(scn_parse_loss(t[i].in, &v), t[i].ret);
		if (t[i].ret == 0)
			assert_int_equal(v, t[i].want);
	}
}

static void test_uint_bool(void **state)
{
	uint64_t v = 0;
	bool b = false;

	(void)state;
	assert_int_equal(scn_parse_uint("18446744073709551615", UINT64_MAX, &v),
			 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(scn_parse_uint("18446744073709551616", UINT64_MAX, &v),
			 -1);
	assert_int_equal(scn_parse_uint("65535", 65535, &v), 0);
	assert_int_equal(v, 65535);
	assert_int_equal(scn_parse_uint("65536", 65535, &v), -1);
	assert_int_equal(scn_parse_uint("0", 1, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(scn_parse_uint("-1", 100, &v), -1);
	assert_int_equal(scn_parse_uint("1.0", 100, &v), -1);
	assert_int_equal(scn_parse_uint("+1", 100, &v), -1);
	assert_int_equal(scn_parse_uint("", 100, &v), -1);
	assert_int_equal(scn_parse_uint("1e3", 10000, &v), -1);

	assert_int_equal(scn_parse_bool("true", &b), 0);
	assert_true(b);
	assert_int_equal(scn_parse_bool("Off", &b), 0);
	assert_false(b);
	assert_int_equal(scn_parse_bool("YES", &b), 0);
	assert_true(b);
	assert_int_equal(scn_parse_bool("no", &b), 0);
	assert_false(b);
	assert_int_equal(scn_parse_bool("1", &b), -1);
	assert_int_equal(scn_parse_bool("", &b), -1);
	assert_int_equal(scn_parse_bool("truee", &b), -1);
}

static void test_names_endpoints(void **state)
{
	char node[SCN_NAME_MAX + 1], iface[SCN_IFNAME_MAX + 1];
	char long_if[80];

	(void)state;
	assert_true(scn_name_valid("R1", SCN_NAME_MAX));
	assert_true(scn_name_valid("a.b-c_d", SCN_NAME_MAX));
	assert_true(scn_name_valid("0123456789012345678901234567890",
				   SCN_NAME_MAX)); /* 31 */
	assert_false(scn_name_valid("01234567890123456789012345678901",
				    SCN_NAME_MAX)); /* 32 */
	assert_false(scn_name_valid("", SCN_NAME_MAX));
	assert_false(scn_name_valid("R 1", SCN_NAME_MAX));
	assert_false(scn_name_valid("R1:x", SCN_NAME_MAX));
	assert_false(scn_name_valid("R\xc3\xa9", SCN_NAME_MAX));
	assert_false(scn_name_valid(NULL, SCN_NAME_MAX));

	assert_int_equal(
		scn_parse_endpoint("R1:GigabitEthernet0/1/0", node, iface), 0);
	assert_string_equal(node, "R1");
	assert_string_equal(iface, "GigabitEthernet0/1/0");
	assert_int_equal(scn_parse_endpoint("R1:Serial1/0/0:0", node, iface),
			 0);
	assert_string_equal(iface, "Serial1/0/0:0");
	assert_int_equal(scn_parse_endpoint("SW1:p1", node, iface), 0);
	assert_int_equal(scn_parse_endpoint("R1", node, iface), -1);
	assert_int_equal(scn_parse_endpoint(":eth0", node, iface), -1);
	assert_int_equal(scn_parse_endpoint("R1:", node, iface), -1);
	assert_int_equal(scn_parse_endpoint("R1:Gi 0/1", node, iface), -1);
	assert_int_equal(scn_parse_endpoint("R 1:eth0", node, iface), -1);
	assert_int_equal(
		scn_parse_endpoint("0123456789012345678901234567890123:e", node,
				   iface),
		-1);
	memset(long_if, 0, sizeof(long_if));
	memcpy(long_if, "R1:", 3);
	memset(long_if + 3, 'x', 63);
	assert_int_equal(scn_parse_endpoint(long_if, node, iface), 0);
	long_if[66] = 'x';
	assert_int_equal(scn_parse_endpoint(long_if, node, iface), -1);
}

static void test_addr_len(void **state)
{
	struct net_addr a;
	uint8_t len = 0;

	(void)state;
	assert_int_equal(scn_parse_addr_len("10.0.1.10/24", &a, &len), 0);
	assert_int_equal(a.af, NET_AF_IP4);
	assert_int_equal(len, 24);
	assert_int_equal(a.b[3], 10); /* host bits kept */
	assert_int_equal(scn_parse_addr_len("2001:db8:1::10/64", &a, &len), 0);
	assert_int_equal(a.af, NET_AF_IP6);
	assert_int_equal(len, 64);
	assert_int_equal(scn_parse_addr_len("2001:db8::1/128", &a, &len), 0);
	assert_int_equal(scn_parse_addr_len("10.0.0.1/32", &a, &len), 0);
	assert_int_equal(scn_parse_addr_len("10.0.0.1/33", &a, &len), -1);
	assert_int_equal(scn_parse_addr_len("2001:db8::1/129", &a, &len), -1);
	assert_int_equal(scn_parse_addr_len("10.0.0.1", &a, &len), -1);
	assert_int_equal(scn_parse_addr_len("10.0.0.1/", &a, &len), -1);
	assert_int_equal(scn_parse_addr_len("/24", &a, &len), -1);
	assert_int_equal(scn_parse_addr_len("10.0.0.1/0024", &a, &len), -1);
	assert_int_equal(scn_parse_addr_len("10.0.0.1/-1", &a, &len), -1);
	assert_int_equal(scn_parse_addr_len("host/24", &a, &len), -1);
}

static void test_mac_default(void **state)
{
	struct net_mac a, b, c;

	(void)state;
	scn_host_mac_default("src", 0, &a);
	scn_host_mac_default("src", 0, &b);
	scn_host_mac_default("src", 1, &c);
	assert_memory_equal(a.b, b.b, 6);
	assert_int_equal(a.b[0], 0x02);
	assert_int_equal(a.b[5], 0);
	assert_int_equal(c.b[5], 1);
	assert_memory_equal(a.b, c.b, 5);
	scn_host_mac_default("rcv1", 0, &b);
	assert_memory_not_equal(a.b, b.b, 6);
	assert_false(net_mac_is_multicast(&a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_pps),
		cmocka_unit_test(test_loss),
		cmocka_unit_test(test_uint_bool),
		cmocka_unit_test(test_names_endpoints),
		cmocka_unit_test(test_addr_len),
		cmocka_unit_test(test_mac_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
