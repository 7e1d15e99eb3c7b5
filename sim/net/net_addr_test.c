/*
 * Tests for net_addr.c: MAC forms, address and prefix parsing/formatting,
 * multicast MAC mappings (RFC 1112 6.4, RFC 2464 7), solicited-node
 * (RFC 4291 2.7.1) and EUI-64 link-local addresses (RFC 4291 appendix A).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/net/net_addr.h"

static void test_mac_parse(void **state)
{
	static const struct {
		const char *s;
		int rc;
	} v[] = {
		{ "00:11:22:33:44:55", 0 },   { "00-11-22-33-44-55", 0 },
		{ "0011-2233-4455", 0 },      { "00:11:22:33:44:5", -1 },
		{ "00:11:22:33:44:55:", -1 }, { "00:11-22:33:44:55", -1 },
		{ "0011.2233.4455", -1 },     { "", -1 },
		{ "0g:11:22:33:44:55", -1 },  { "001122334455", -1 },
		{ "0011-2233-445", -1 },      { "00112-233-4455", -1 },
	};
	struct net_mac m;

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int rc = net_mac_parse(v[i].s, &m);

		if (rc != v[i].rc)
			fail_msg("mac \"%s\": rc %d, want %d", v[i].s, rc,
				 v[i].rc);
		if (rc == 0) {
			static const uint8_t want[6] = { 0x00, 0x11, 0x22,
							 0x33, 0x44, 0x55 };
			assert_memory_equal(m.b, want, 6);
		}
	}
	assert_int_equal(net_mac_parse("AA:bb:CC:dd:EE:ff", &m), 0);
	char buf[NET_MAC_STRLEN];
	net_mac_fmt(&m, buf, sizeof(buf));
	assert_string_equal(buf, "aa:bb:cc:dd:ee:ff");
	net_mac_fmt_vrp(&m, buf, sizeof(buf));
	assert_string_equal(buf, "aabb-ccdd-eeff");
	assert_true(net_mac_is_multicast(&net_mac_broadcast));
	assert_true(net_mac_is_broadcast(&net_mac_broadcast));
	assert_false(net_mac_is_broadcast(&m));
	assert_false(net_mac_is_multicast(&m));
	assert_int_equal(net_mac_parse("01:00:5e:00:00:12", &m), 0);
	assert_true(net_mac_is_multicast(&m));
}

static void test_mcast_mac(void **state)
{
	struct net_ip4 g4 = { { 239, 129, 2, 3 } };
	struct net_ip6 g6;
	struct net_addr a;
	char buf[NET_MAC_STRLEN];
	struct net_mac m;

	(void)state;
	m = net_mac_from_ip4_mcast(&g4);
	net_mac_fmt(&m, buf, sizeof(buf));
	assert_string_equal(buf, "01:00:5e:01:02:03");
	assert_int_equal(net_addr_parse("ff02::1:ff12:3456", &a), 0);
	g6 = net_addr_ip6(&a);
	m = net_mac_from_ip6_mcast(&g6);
	net_mac_fmt(&m, buf, sizeof(buf));
	assert_string_equal(buf, "33:33:ff:12:34:56");
}

static void test_addr_parse_fmt(void **state)
{
	static const struct {
		const char *in, *out;
		int af;
	} v[] = {
		{ "10.1.1.1", "10.1.1.1", NET_AF_IP4 },
		{ "0.0.0.0", "0.0.0.0", NET_AF_IP4 },
		{ "2001:db8:0:0:0:0:0:1", "2001:db8::1", NET_AF_IP6 },
		{ "FE80::1", "fe80::1", NET_AF_IP6 },
		{ "::", "::", NET_AF_IP6 },
		{ "::ffff:10.0.0.1", "::ffff:10.0.0.1", NET_AF_IP6 },
		{ "10.1.1", NULL, 0 },
		{ "10.1.1.256", NULL, 0 },
		{ "1:2:3:4:5:6:7:8:9", NULL, 0 },
		{ "", NULL, 0 },
		{ "abc", NULL, 0 },
	};
	struct net_addr a;
	char buf[NET_ADDR_STRLEN];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int rc = net_addr_parse(v[i].in, &a);

		if (!v[i].out) {
			if (rc != -1)
				fail_msg("\"%s\" accepted", v[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" rejected", v[i].in);
		assert_int_equal(a.af, v[i].af);
		net_addr_fmt(&a, buf, sizeof(buf));
		assert_string_equal(buf, v[i].out);
	}
	memset(&a, 0, sizeof(a));
	net_addr_fmt(&a, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	/* IPv4 tail bytes stay zero. */
	assert_int_equal(net_addr_parse("1.2.3.4", &a), 0);
	for (int i = 4; i < 16; i++)
		assert_int_equal(a.b[i], 0);
}

static void test_addr_predicates(void **state)
{
	struct net_addr a, b;
	struct net_ip6 i6;
	struct net_ip4 i4 = { { 224, 0, 0, 18 } };

	(void)state;
	a = net_addr_from_ip4(&i4);
	assert_true(net_addr_is_multicast(&a));
	assert_true(net_ip4_is_multicast(&i4));
	i4 = net_addr_ip4(&a);
	assert_int_equal(i4.b[3], 18);
	net_addr_parse("239.255.255.255", &a);
	assert_true(net_addr_is_multicast(&a));
	net_addr_parse("240.0.0.1", &a);
	assert_false(net_addr_is_multicast(&a));
	net_addr_parse("0.0.0.0", &a);
	assert_true(net_addr_is_unspec(&a));
	net_addr_parse("::", &a);
	assert_true(net_addr_is_unspec(&a));
	net_addr_parse("::1", &a);
	assert_false(net_addr_is_unspec(&a));
	net_addr_parse("ff05::2", &a);
	assert_true(net_addr_is_multicast(&a));
	i6 = net_addr_ip6(&a);
	assert_true(net_ip6_is_multicast(&i6));
	assert_false(net_ip6_is_link_local(&i6));
	net_addr_parse("febf::1", &a);
	i6 = net_addr_ip6(&a);
	assert_true(net_ip6_is_link_local(&i6));
	net_addr_parse("fec0::1", &a);
	i6 = net_addr_ip6(&a);
	assert_false(net_ip6_is_link_local(&i6));
	b = net_addr_from_ip6(&i6);
	assert_true(net_addr_eq(&a, &b));

	/* Order: family first, then bytes. */
	net_addr_parse("255.255.255.255", &a);
	net_addr_parse("::", &b);
	assert_int_equal(net_addr_cmp(&a, &b), -1);
	assert_int_equal(net_addr_cmp(&b, &a), 1);
	net_addr_parse("10.0.0.2", &b);
	assert_int_equal(net_addr_cmp(&a, &b), 1);
	assert_int_equal(net_addr_cmp(&b, &b), 0);
	assert_false(net_addr_eq(&a, &b));
}

static void test_prefix(void **state)
{
	static const struct {
		const char *in;
		bool lax;
		const char *out;
	} v[] = {
		{ "10.1.1.0/24", false, "10.1.1.0/24" },
		{ "10.1.1.1/24", false, NULL },
		{ "10.1.1.1/24", true, "10.1.1.0/24" },
		{ "10.1.1.1/32", false, "10.1.1.1/32" },
		{ "0.0.0.0/0", false, "0.0.0.0/0" },
		{ "10.1.1.0/33", true, NULL },
		{ "10.1.1.0/", true, NULL },
		{ "10.1.1.0", true, NULL },
		{ "/24", true, NULL },
		{ "10.1.1.0/2x", true, NULL },
		{ "10.1.1.0/0024", true, NULL },
		{ "2001:db8::/32", false, "2001:db8::/32" },
		{ "2001:db8::1/64", false, NULL },
		{ "2001:db8:ffff::1/33", true, "2001:db8:8000::/33" },
		{ "::/0", false, "::/0" },
		{ "::1/128", false, "::1/128" },
		{ "::1/129", true, NULL },
	};
	struct net_prefix p;
	char buf[NET_PREFIX_STRLEN];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int rc = net_prefix_parse(v[i].in, &p, v[i].lax);

		if (!v[i].out) {
			if (rc != -1)
				fail_msg("\"%s\" accepted", v[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" rejected", v[i].in);
		net_prefix_fmt(&p, buf, sizeof(buf));
		assert_string_equal(buf, v[i].out);
	}

	struct net_addr a;

	assert_int_equal(net_prefix_parse("10.0.0.0/15", &p, false), 0);
	net_addr_parse("10.1.255.255", &a);
	assert_true(net_prefix_contains(&p, &a));
	net_addr_parse("10.0.255.255", &a);
	assert_true(net_prefix_contains(&p, &a));
	net_addr_parse("10.2.0.0", &a);
	assert_false(net_prefix_contains(&p, &a));
	net_addr_parse("::a01:0", &a);
	assert_false(net_prefix_contains(&p, &a));
	net_prefix_parse("0.0.0.0/0", &p, false);
	net_addr_parse("1.2.3.4", &a);
	assert_true(net_prefix_contains(&p, &a));
	net_prefix_parse("fe80::/10", &p, false);
	net_addr_parse("febf:ffff::", &a);
	assert_true(net_prefix_contains(&p, &a));
	net_addr_parse("fec0::", &a);
	assert_false(net_prefix_contains(&p, &a));
}

static void test_mask_len(void **state)
{
	static const struct {
		uint8_t m[4];
		int len;
	} v[] = {
		{ { 0, 0, 0, 0 }, 0 },		{ { 128, 0, 0, 0 }, 1 },
		{ { 255, 255, 255, 0 }, 24 },	{ { 255, 255, 255, 254 }, 31 },
		{ { 255, 255, 255, 255 }, 32 }, { { 255, 0, 255, 0 }, -1 },
		{ { 0, 0, 0, 1 }, -1 },		{ { 255, 255, 255, 253 }, -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct net_ip4 m;

		memcpy(m.b, v[i].m, 4);
		assert_int_equal(net_ip4_mask_len(&m), v[i].len);
	}
}

static void test_ip6_derived(void **state)
{
	struct net_mac mac = { { 0x00, 0x00, 0x5e, 0x00, 0x02, 0x01 } };
	struct net_ip6 ll = net_ip6_link_local_from_mac(&mac), sn;
	struct net_addr a = net_addr_from_ip6(&ll);
	char buf[NET_ADDR_STRLEN];

	(void)state;
	net_addr_fmt(&a, buf, sizeof(buf));
	assert_string_equal(buf, "fe80::200:5eff:fe00:201");
	net_addr_parse("2001:db8::abcd:1234:5678", &a);
	ll = net_addr_ip6(&a);
	sn = net_ip6_solicited_node(&ll);
	a = net_addr_from_ip6(&sn);
	net_addr_fmt(&a, buf, sizeof(buf));
	assert_string_equal(buf, "ff02::1:ff34:5678");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mac_parse),
		cmocka_unit_test(test_mcast_mac),
		cmocka_unit_test(test_addr_parse_fmt),
		cmocka_unit_test(test_addr_predicates),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_mask_len),
		cmocka_unit_test(test_ip6_derived),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
