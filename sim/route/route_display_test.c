/*
 * Tests for route_display.c: exact text of `display ip routing-table` and
 * `display ipv6 routing-table` for a small router (Direct, local, subnet
 * broadcast, InLoopBack0, recursive, interface-only, floating and
 * blackhole static routes), the fallback interface names, argument checks
 * and the bounded string sink.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sim/route/route_rib.h"

static void names(void *arg, int ifindex, char *buf, size_t len)
{
	(void)arg;
	switch (ifindex) {
	case 1:
		snprintf(buf, len, "GigabitEthernet0/0/1");
		break;
	case 2:
		snprintf(buf, len, "GigabitEthernet0/0/2");
		break;
	case 5:
		snprintf(buf, len, "LoopBack0");
		break;
	default:
		break; /* unknown: the RIB falls back to if<N> */
	}
}

static void addr_add(struct rt_rib *rib, int ifx, const char *a, unsigned len)
{
	struct net_addr x;

	assert_int_equal(net_addr_parse(a, &x), 0);
	assert_int_equal(rt_rib_addr_add(rib, ifx, &x, len), 0);
}

static void static_add(struct rt_rib *rib, const char *p, const char *nh,
		       int ifx, unsigned pref, bool blackhole)
{
	struct net_prefix x;
	struct rt_static s;

	assert_int_equal(net_prefix_parse(p, &x, false), 0);
	rt_static_init(&s, &x);
	if (nh)
		assert_int_equal(net_addr_parse(nh, &s.nexthop), 0);
	s.ifindex = ifx;
	s.preference = pref;
	s.blackhole = blackhole;
	assert_int_equal(rt_rib_static_add(rib, &s), 0);
}

static struct rt_rib *small_router(void)
{
	struct rt_rib_cfg cfg = { .inloopback = true,
				  .subnet_broadcast = true };
	struct rt_rib *rib = rt_rib_new(&cfg);

	assert_non_null(rib);
	for (int i = 1; i <= 5; i++)
		assert_int_equal(rt_rib_iface_set(rib, i, true), 0);
	addr_add(rib, 1, "10.1.1.1", 24);
	addr_add(rib, 2, "10.2.2.1", 30);
	addr_add(rib, 5, "1.1.1.1", 32);
	addr_add(rib, 1, "2001:db8:1::1", 64);
	addr_add(rib, 1, "fe80::1", 64);
	static_add(rib, "0.0.0.0/0", "10.1.1.254", RT_IFINDEX_NONE, 0, false);
	static_add(rib, "192.168.0.0/16", NULL, RT_IFINDEX_NONE, 0, true);
	static_add(rib, "172.16.0.0/16", NULL, 2, 0, false);
	static_add(rib, "172.17.0.0/16", "10.2.2.2", 2, 100, false);
	static_add(rib, "172.17.0.0/16", "10.1.1.2", 1, 0, false);
	static_add(rib, "10.99.0.0/16", NULL, 4, 0, false);
	static_add(rib, "::/0", "2001:db8:1::fe", RT_IFINDEX_NONE, 0, false);
	static_add(rib, "2001:db8:99::/48", "fe80::2", 1, 0, false);
	return rib;
}

static const char want_ip[] =
	"Route Flags: R - relay, D - download to fib\n"
	"------------------------------------------------------------------"
	"------------\n"
	"Routing Tables: Public\n"
	"         Destinations : 16       Routes : 16\n"
	"\n"
	"Destination/Mask    Proto   Pre  Cost      Flags NextHop         "
	"Interface\n"
	"\n"
	"        0.0.0.0/0   Static  60   0          RD   10.1.1.254      "
	"GigabitEthernet0/0/1\n"
	"        1.1.1.1/32  Direct  0    0           D   127.0.0.1       "
	"LoopBack0\n"
	"       10.1.1.0/24  Direct  0    0           D   10.1.1.1        "
	"GigabitEthernet0/0/1\n"
	"       10.1.1.1/32  Direct  0    0           D   127.0.0.1       "
	"GigabitEthernet0/0/1\n"
	"     10.1.1.255/32  Direct  0    0           D   127.0.0.1       "
	"GigabitEthernet0/0/1\n"
	"       10.2.2.0/30  Direct  0    0           D   10.2.2.1        "
	"GigabitEthernet0/0/2\n"
	"       10.2.2.1/32  Direct  0    0           D   127.0.0.1       "
	"GigabitEthernet0/0/2\n"
	"       10.2.2.3/32  Direct  0    0           D   127.0.0.1       "
	"GigabitEthernet0/0/2\n"
	"      10.99.0.0/16  Static  60   0           D   0.0.0.0         "
	"if4\n"
	"      127.0.0.0/8   Direct  0    0           D   127.0.0.1       "
	"InLoopBack0\n"
	"      127.0.0.1/32  Direct  0    0           D   127.0.0.1       "
	"InLoopBack0\n"
	"127.255.255.255/32  Direct  0    0           D   127.0.0.1       "
	"InLoopBack0\n"
	"     172.16.0.0/16  Static  60   0           D   10.2.2.1        "
	"GigabitEthernet0/0/2\n"
	"     172.17.0.0/16  Static  60   0           D   10.1.1.2        "
	"GigabitEthernet0/0/1\n"
	"    192.168.0.0/16  Static  60   0           D   0.0.0.0         "
	"NULL0\n"
	"255.255.255.255/32  Direct  0    0           D   127.0.0.1       "
	"InLoopBack0\n";

static const char want_ipv6[] =
	"Routing Table : Public\n"
	"         Destinations : 6        Routes : 6\n"
	"\n"
	" Destination  : ::                                      "
	"PrefixLength : 0\n"
	" NextHop      : 2001:DB8:1::FE                          "
	"Preference   : 60\n"
	" Cost         : 0                                       "
	"Protocol     : Static\n"
	" RelayNextHop : 2001:DB8:1::FE                          "
	"TunnelID     : 0x0\n"
	" Interface    : GigabitEthernet0/0/1                    "
	"Flags        : RD\n"
	"\n"
	" Destination  : ::1                                     "
	"PrefixLength : 128\n"
	" NextHop      : ::1                                     "
	"Preference   : 0\n"
	" Cost         : 0                                       "
	"Protocol     : Direct\n"
	" RelayNextHop : ::                                      "
	"TunnelID     : 0x0\n"
	" Interface    : InLoopBack0                             "
	"Flags        : D\n"
	"\n"
	" Destination  : 2001:DB8:1::                            "
	"PrefixLength : 64\n"
	" NextHop      : 2001:DB8:1::1                           "
	"Preference   : 0\n"
	" Cost         : 0                                       "
	"Protocol     : Direct\n"
	" RelayNextHop : ::                                      "
	"TunnelID     : 0x0\n"
	" Interface    : GigabitEthernet0/0/1                    "
	"Flags        : D\n"
	"\n"
	" Destination  : 2001:DB8:1::1                           "
	"PrefixLength : 128\n"
	" NextHop      : ::1                                     "
	"Preference   : 0\n"
	" Cost         : 0                                       "
	"Protocol     : Direct\n"
	" RelayNextHop : ::                                      "
	"TunnelID     : 0x0\n"
	" Interface    : InLoopBack0                             "
	"Flags        : D\n"
	"\n"
	" Destination  : 2001:DB8:99::                           "
	"PrefixLength : 48\n"
	" NextHop      : FE80::2                                 "
	"Preference   : 60\n"
	" Cost         : 0                                       "
	"Protocol     : Static\n"
	" RelayNextHop : ::                                      "
	"TunnelID     : 0x0\n"
	" Interface    : GigabitEthernet0/0/1                    "
	"Flags        : D\n"
	"\n"
	" Destination  : FE80::                                  "
	"PrefixLength : 10\n"
	" NextHop      : ::                                      "
	"Preference   : 0\n"
	" Cost         : 0                                       "
	"Protocol     : Direct\n"
	" RelayNextHop : ::                                      "
	"TunnelID     : 0x0\n"
	" Interface    : NULL0                                   "
	"Flags        : D\n";

static void show(struct rt_rib *rib, enum net_af af, char *buf, size_t len)
{
	struct rt_strbuf sb;
	struct rt_display_io io = { .out = rt_strbuf_out,
				    .out_arg = &sb,
				    .ifname = names };

	rt_strbuf_init(&sb, buf, len);
	assert_int_equal(rt_rib_display(rib, af, &io), 0);
	assert_false(sb.truncated);
}

static void test_display_ip(void **state)
{
	struct rt_rib *rib = small_router();
	char buf[8192];

	(void)state;
	show(rib, NET_AF_IP4, buf, sizeof(buf));
	assert_string_equal(buf, want_ip);
	rt_rib_free(rib);
}

static void test_display_ipv6(void **state)
{
	struct rt_rib *rib = small_router();
	char buf[8192];

	(void)state;
	show(rib, NET_AF_IP6, buf, sizeof(buf));
	assert_string_equal(buf, want_ipv6);
	rt_rib_free(rib);
}

/* The floating static appears once its primary's interface goes down. */
static void test_display_follows_state(void **state)
{
	struct rt_rib *rib = small_router();
	char buf[8192];

	(void)state;
	assert_int_equal(rt_rib_iface_set(rib, 1, false), 0);
	show(rib, NET_AF_IP4, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Destinations : 12       Routes : 12\n"));
	assert_non_null(strstr(buf, "     172.17.0.0/16  Static  100  0    "
				    "       D   10.2.2.2        "
				    "GigabitEthernet0/0/2\n"));
	assert_null(strstr(buf, "0.0.0.0/0 "));
	assert_null(strstr(buf, "10.1.1."));
	rt_rib_free(rib);
}

static void test_display_empty_and_errors(void **state)
{
	struct rt_rib_cfg cfg = { 0 };
	struct rt_rib *rib = rt_rib_new(&cfg);
	struct rt_strbuf sb;
	struct rt_display_io io = { .out = rt_strbuf_out, .out_arg = &sb };
	char buf[512];

	(void)state;
	rt_strbuf_init(&sb, buf, sizeof(buf));
	assert_int_equal(rt_rib_display(rib, NET_AF_IP6, &io), 0);
	assert_string_equal(buf,
			    "Routing Table : Public\n"
			    "         Destinations : 0        Routes : 0\n");
	assert_int_equal(rt_rib_display(rib, NET_AF_NONE, &io), -EINVAL);
	assert_int_equal(rt_rib_display(NULL, NET_AF_IP4, &io), -EINVAL);
	io.out = NULL;
	assert_int_equal(rt_rib_display(rib, NET_AF_IP4, &io), -EINVAL);
	rt_rib_free(rib);
}

static void test_strbuf(void **state)
{
	struct rt_strbuf sb;
	char buf[8];

	(void)state;
	rt_strbuf_init(&sb, buf, sizeof(buf));
	rt_strbuf_out(&sb, "abc");
	rt_strbuf_out(&sb, "defg");
	assert_string_equal(buf, "abcdefg");
	assert_false(sb.truncated);
	rt_strbuf_out(&sb, "h");
	assert_string_equal(buf, "abcdefg");
	assert_true(sb.truncated);
	rt_strbuf_init(&sb, NULL, 0);
	rt_strbuf_out(&sb, "x");
	assert_true(sb.truncated);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_display_ip),
		cmocka_unit_test(test_display_ipv6),
		cmocka_unit_test(test_display_follows_state),
		cmocka_unit_test(test_display_empty_and_errors),
		cmocka_unit_test(test_strbuf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
