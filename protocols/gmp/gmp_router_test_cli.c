/*
 * IGMP and MLD VRP commands and displays on routers: the errors a router
 * gives (`igmp enable` without `multicast routing-enable`, values out of
 * the VRP ranges, a maximum response time not below the query interval as
 * RFC 3376 section 8.3 requires), every value reaching the running
 * interface and its undo restoring the VRP default, `undo igmp enable`
 * dropping the interface's groups, and the displays (`display igmp|mld
 * group [verbose]` with static groups, `display igmp|mld interface`) as
 * golden text from the live state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_router_test.h"

#define ENTER "system-view\ninterface GigabitEthernet0/1/0\n"

static const char cfg_plain[] = "system-view\n"
				"interface GigabitEthernet0/1/0\n"
				" ip address 10.0.1.1 255.255.255.0\n"
				" ipv6 enable\n"
				"commit\n";

static void expect_error(struct gt *x, const char *lines, const char *msg)
{
	int rc;
	const char *out = rtest_cli(&x->t, x->r, lines, &rc);

	if (rc == 0 || !strstr(out, msg))
		fail_msg("\"%s\" gave rc %d:\n%s\n(want \"%s\")", lines, rc,
			 out, msg);
	/* Each session starts in the user view; a refused line may leave
	 * a candidate behind. */
	rtest_cli(&x->t, x->r, "system-view\nabort", NULL);
}

void gt_test_cli_errors(void **state)
{
	static const char *const range[] = {
		"igmp version 4",
		"igmp version 0",
		"mld version 3",
		"igmp timer query 0",
		"igmp timer query 18001",
		"mld timer query 0",
		"igmp robust-count 1",
		"igmp robust-count 6",
		"mld robust-count 6",
		"igmp max-response-time 0",
		"igmp max-response-time 26",
		"mld max-response-time 26",
		"igmp lastmember-queryinterval 0",
		"igmp lastmember-queryinterval 6",
		"mld lastlistener-queryinterval 6",
		"igmp timer other-querier-present 59",
		"igmp timer other-querier-present 301",
		"mld timer other-querier-present 59",
	};
	static const char *const ports[] = { GT_LAN, NULL };
	char line[256];
	struct gt x;

	(void)state;
	gt_world(&x, 3);
	x.r = rtest_router(&x.t, "R1", cfg_plain, ports);
	rtest_boot(x.r);
	expect_error(&x, ENTER "igmp enable\ncommit",
		     "Error: Commit failed at 'igmp enable'. (Multicast "
		     "routing is disabled: run multicast routing-enable "
		     "first.;");
	expect_error(&x, ENTER "mld enable\ncommit",
		     "(Multicast routing is disabled: run multicast ipv6 "
		     "routing-enable first.;");
	expect_error(&x, ENTER "igmp version 3\ncommit",
		     "Multicast routing is disabled");
	assert_null(gmp_router_if(
		x.r, node_iface_find(router_node(x.r), GT_LAN), NET_AF_IP4));
	for (size_t i = 0; i < sizeof(range) / sizeof(range[0]); i++) {
		snprintf(line, sizeof(line), ENTER "%s", range[i]);
		expect_error(&x, line, "Error: Wrong parameter found at '^'");
	}
	/* RFC 3376 8.3 (RFC 3810 9.3): response interval < query interval. */
	rtest_cli(&x.t, x.r,
		  "system-view\nmulticast routing-enable\n"
		  "multicast ipv6 routing-enable\ncommit\nreturn",
		  NULL);
	expect_error(&x, ENTER "igmp timer query 10\ncommit",
		     "(IGMP max response time 10 s must be less than the "
		     "query interval 10 s.;");
	expect_error(&x,
		     ENTER "mld timer query 20\nmld max-response-time 20\n"
			   "commit",
		     "(MLD max response time 20 s must be less than the "
		     "query interval 20 s.;");
	/* Both in one commit: multicast routing first, then IGMP. The port
	 * has no cable: enabled, not running, and the display says why. */
	rtest_cli(&x.t, x.r,
		  "system-view\nundo multicast routing-enable\n"
		  "multicast routing-enable\ninterface GigabitEthernet0/1/0\n"
		  "igmp enable\ncommit\nreturn",
		  NULL);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_false(gmp_if_running(gt_gi(x.r, GT_LAN, NET_AF_IP4)));
	assert_non_null(
		strstr(rtest_cli(&x.t, x.r, "display igmp interface", NULL),
		       "   IGMP state: down (the interface is down)\n"));
	gt_fini(&x);
}

/* Every value reaches the running interface; each undo restores VRP's
 * default; `display current-configuration` keeps the lines. */
void gt_test_cli_values(void **state)
{
	struct gt x;
	const struct gmp_if_cfg *c4, *c6;

	(void)state;
	gt_init(&x, " igmp version 3\n"
		    " igmp timer query 100\n"
		    " igmp robust-count 3\n"
		    " igmp max-response-time 20\n"
		    " igmp lastmember-queryinterval 2\n"
		    " igmp timer other-querier-present 200\n"
		    " mld version 1\n"
		    " mld timer query 90\n"
		    " mld robust-count 4\n"
		    " mld max-response-time 5\n"
		    " mld lastlistener-queryinterval 3\n"
		    " mld timer other-querier-present 100\n");
	c4 = gmp_if_cfg(gt_gi(x.r, GT_LAN, NET_AF_IP4));
	c6 = gmp_if_cfg(gt_gi(x.r, GT_LAN, NET_AF_IP6));
	assert_int_equal(c4->version, 3);
	assert_int_equal(c4->query_interval, SIM_S(100));
	assert_int_equal(c4->robustness, 3);
	assert_int_equal(c4->query_resp, SIM_S(20));
	assert_int_equal(c4->lmqi, SIM_S(2));
	assert_int_equal(gmp_oqpi(c4), SIM_S(200));
	assert_int_equal(gmp_lmqt(c4), SIM_S(6));
	assert_int_equal(gmp_gmi(c4), SIM_S(320));
	assert_int_equal(c6->version, 1);
	assert_int_equal(c6->query_interval, SIM_S(90));
	assert_int_equal(c6->robustness, 4);
	assert_int_equal(c6->query_resp, SIM_S(5));
	assert_int_equal(c6->lmqi, SIM_S(3));
	assert_int_equal(gmp_oqpi(c6), SIM_S(100));
	assert_non_null(strstr(
		rtest_cli(&x.t, x.r, "display current-configuration", NULL),
		" igmp enable\n"
		" mld enable\n"
		" igmp version 3\n"
		" igmp timer query 100\n"));
	rtest_cli(&x.t, x.r,
		  ENTER "undo igmp version\nundo igmp timer query\n"
			"undo igmp robust-count\nundo igmp max-response-time\n"
			"undo igmp lastmember-queryinterval\n"
			"undo igmp timer other-querier-present\n"
			"undo mld version\nundo mld timer query\n"
			"undo mld robust-count\nundo mld max-response-time\n"
			"undo mld lastlistener-queryinterval\n"
			"undo mld timer other-querier-present\ncommit\nreturn",
		  NULL);
	assert_int_equal(c4->version, 2);
	assert_int_equal(c4->query_interval, SIM_S(60));
	assert_int_equal(c4->robustness, 2);
	assert_int_equal(c4->query_resp, SIM_S(10));
	assert_int_equal(c4->lmqi, SIM_S(1));
	assert_int_equal(gmp_oqpi(c4), SIM_S(125)); /* 2 x 60 + 10 / 2 */
	assert_int_equal(c6->version, 2);
	assert_int_equal(c6->query_interval, SIM_S(125));
	assert_int_equal(gmp_oqpi(c6), SIM_S(255)); /* 2 x 125 + 10 / 2 */
	assert_null(strstr(
		rtest_cli(&x.t, x.r, "display current-configuration", NULL),
		"igmp version"));
	gt_fini(&x);
}

/* Display at 25 s: a v2 host joined 239.1.1.1 at 10 s, a v3 host
 * 232.1.1.1 with one source; a static group on the port. */
void gt_test_display_igmp(void **state)
{
	static const char *const srcs[] = { "10.0.2.10", NULL };
	struct gt x;

	(void)state;
	gt_init(&x, " igmp version 3\n igmp static-group 239.9.9.9\n");
	node_tw_run(x.t.w, SIM_S(10));
	gt_report(&x, NET_AF_IP4, 2, "10.0.1.10", GT_GROUP);
	gt_msg(&x, NET_AF_IP4, GMP_T_REPORT_V3, 3, "");
	gt_rec(&x, GMP_REC_IS_IN, "232.1.1.1", srcs);
	gt_send(x.h1, x.m, &(struct gt_ip){ "10.0.1.11", "224.0.0.22" });
	node_tw_run(x.t.w, SIM_S(25));
	assert_string_equal(
		rtest_cli(&x.t, x.r, "display igmp group", NULL),
		"Interface group report information of VPN-Instance: public "
		"net\n"
		" GigabitEthernet0/1/0(10.0.1.1):\n"
		"  Total 2 IGMP Groups reported\n"
		"   Group Address   Last Reporter   Uptime      Expires\n"
		"   232.1.1.1       10.0.1.11       00:00:14    off\n"
		"   239.1.1.1       10.0.1.10       00:00:14    00:01:55\n"
		"Static join group information of VPN-Instance: public net\n"
		" GigabitEthernet0/1/0:\n"
		"  Total 1 IGMP Static Group joined\n"
		"   Group Address   Source Address  Expires\n"
		"   239.9.9.9       0.0.0.0         never\n");
	assert_string_equal(
		rtest_cli(&x.t, x.r,
			  "display igmp group interface GE0/1/0 verbose", NULL),
		"Interface group report information of VPN-Instance: public "
		"net\n"
		" GigabitEthernet0/1/0(10.0.1.1):\n"
		"  Total 2 IGMP Groups reported\n"
		"   Group: 232.1.1.1\n"
		"     Uptime: 00:00:14\n"
		"     Expires: off\n"
		"     Last reporter: 10.0.1.11\n"
		"     Group mode: include\n"
		"     Compatibility mode: IGMPv3\n"
		"     Learned from: hosts\n"
		"     Source list:\n"
		"       Source: 10.0.2.10\n"
		"         Expires: 00:01:55\n"
		"   Group: 239.1.1.1\n"
		"     Uptime: 00:00:14\n"
		"     Expires: 00:01:55\n"
		"     Last reporter: 10.0.1.10\n"
		"     Group mode: exclude\n"
		"     Compatibility mode: IGMPv2\n"
		"     Learned from: hosts\n"
		"Static join group information of VPN-Instance: public net\n"
		" GigabitEthernet0/1/0:\n"
		"  Total 1 IGMP Static Group joined\n"
		"   Group Address   Source Address  Expires\n"
		"   239.9.9.9       0.0.0.0         never\n");
	/* Another interface: nothing there. */
	assert_string_equal(rtest_cli(&x.t, x.r,
				      "display igmp group interface GE0/2/0",
				      NULL),
			    "");
	gt_fini(&x);
}

/* MLD groups: an MLDv2 join and an MLDv1 one, at 25 s; a static group. */
void gt_test_display_mld(void **state)
{
	struct gt x;
	char want[2048], ll[NET_ADDR_STRLEN];
	const struct node_addr6 *a;
	struct net_addr l;

	(void)state;
	gt_init(&x, " mld static-group ff3e::1:0\n");
	a = node_iface_link_local(node_iface_find(router_node(x.r), GT_LAN));
	l = net_addr_from_ip6(&a->addr);
	net_addr_fmt(&l, ll, sizeof(ll));
	node_tw_run(x.t.w, SIM_S(10));
	gt_report(&x, NET_AF_IP6, 2, "fe80::10", "ff0e::1");
	gt_report(&x, NET_AF_IP6, 1, "fe80::11", "ff0e::2");
	node_tw_run(x.t.w, SIM_S(25));
	snprintf(want, sizeof(want),
		 "Interface group report information of VPN-Instance: public "
		 "net\n"
		 " GigabitEthernet0/1/0(%s):\n"
		 "  Total 2 MLD Groups reported\n"
		 "   Group Address: ff0e::1\n"
		 "     Last Reporter: fe80::10\n"
		 "     Uptime: 00:00:14\n"
		 "     Expires: 00:04:05\n"
		 "   Group Address: ff0e::2\n"
		 "     Last Reporter: fe80::11\n"
		 "     Uptime: 00:00:14\n"
		 "     Expires: 00:04:05\n"
		 "Static join group information of VPN-Instance: public net\n"
		 " GigabitEthernet0/1/0:\n"
		 "  Total 1 MLD Static Group joined\n"
		 "   Group Address: ff3e::1:0\n"
		 "     Source Address: ::\n"
		 "     Expires: never\n",
		 ll);
	assert_string_equal(rtest_cli(&x.t, x.r, "display mld group", NULL),
			    want);
	assert_non_null(
		strstr(rtest_cli(&x.t, x.r, "display mld group verbose", NULL),
		       "   Group: ff0e::2\n"
		       "     Uptime: 00:00:14\n"
		       "     Expires: 00:04:05\n"
		       "     Last reporter: fe80::11\n"
		       "     Group mode: exclude\n"
		       "     Compatibility mode: MLDv1\n"
		       "     Learned from: hosts\n"));
	gt_fini(&x);
}

/* The interface displays at 20 s: querier since boot, one group, the
 * drops of a TTL-2 report. */
void gt_test_display_interface(void **state)
{
	struct gt x;
	char want[4096], ll[NET_ADDR_STRLEN];
	const struct node_addr6 *a;
	struct net_addr l;

	(void)state;
	gt_init(&x, "");
	a = node_iface_link_local(node_iface_find(router_node(x.r), GT_LAN));
	l = net_addr_from_ip6(&a->addr);
	net_addr_fmt(&l, ll, sizeof(ll));
	gt_report(&x, NET_AF_IP4, 2, "10.0.1.10", GT_GROUP);
	gt_msg(&x, NET_AF_IP4, GMP_T_REPORT_V2, 2, "239.1.1.2");
	gt_send(x.h1, x.m,
		&(struct gt_ip){ "10.0.1.10", "239.1.1.2", .ttl = 2 });
	node_tw_run(x.t.w, SIM_S(20));
	assert_string_equal(
		rtest_cli(&x.t, x.r, "display igmp interface", NULL),
		"Interface information of VPN-Instance: public net\n"
		" GigabitEthernet0/1/0(10.0.1.1):\n"
		"   IGMP is enabled\n"
		"   Current IGMP version is 2\n"
		"   IGMP state: up\n"
		"   Value of query interval for IGMP (negotiated): -\n"
		"   Value of query interval for IGMP (configured): 60 s\n"
		"   Value of other querier timeout for IGMP: 0 s\n"
		"   Value of maximum query response time for IGMP: 10 s\n"
		"   Value of robustness: 2\n"
		"   Value of last member query interval: 1 s\n"
		"   Value of last member query time: 2 s\n"
		"   Value of other querier present interval: 125 s\n"
		"   Querier for IGMP: 10.0.1.1 (this router)\n"
		"   General query timer expiry: 00:00:55\n"
		"   Other querier present timer expiry: off\n"
		"   Queries sent: general 2, group-specific 0, "
		"group-and-source-specific 0\n"
		"   Received: queries 0, v1 reports 0, v2 reports 1, v3 "
		"reports 0, leaves 0\n"
		"   Send failures: 0, version mismatches: 0\n"
		"   Groups: joined 1, left 0\n"
		"   Dropped: malformed 0, ttl 1, no-router-alert 0, source 0, "
		"group 0, destination 0, version 0, not-querier 0, "
		"disabled 0, passive 0\n"
		"   Ignored: v3 records 0, own queries 0\n"
		"  Total 1 IGMP Group reported\n");
	snprintf(want, sizeof(want),
		 "Interface information of VPN-Instance: public net\n"
		 " GigabitEthernet0/1/0(%s):\n"
		 "   MLD is enabled\n"
		 "   Current MLD version is 2\n"
		 "   MLD state: up\n"
		 "   Value of query interval for MLD (negotiated): -\n"
		 "   Value of query interval for MLD (configured): 125 s\n"
		 "   Value of other querier timeout for MLD: 0 s\n"
		 "   Value of maximum query response time for MLD: 10 s\n"
		 "   Value of robustness: 2\n"
		 "   Value of last member query interval: 1 s\n"
		 "   Value of last member query time: 2 s\n"
		 "   Value of other querier present interval: 255 s\n"
		 "   Querier for MLD: %s (this router)\n"
		 "   General query timer expiry: 00:00:11\n"
		 "   Other querier present timer expiry: off\n"
		 "   Queries sent: general 1, group-specific 0, "
		 "group-and-source-specific 0\n"
		 "   Received: queries 0, v1 reports 0, v2 reports 0, "
		 "dones 0\n"
		 "   Send failures: 0, version mismatches: 0\n"
		 "   Groups: joined 0, left 0\n"
		 "   Dropped: malformed 0, ttl 0, no-router-alert 0, source 0, "
		 "group 0, destination 0, version 0, not-querier 0, "
		 "disabled 0, passive 0\n"
		 "   Ignored: v3 records 0, own queries 0\n"
		 "  Total 0 MLD Groups reported\n",
		 ll, ll);
	assert_string_equal(rtest_cli(&x.t, x.r, "display mld interface", NULL),
			    want);
	expect_error(&x, "display igmp interface GigabitEthernet0/2/0",
		     "IGMP is not enabled on GigabitEthernet0/2/0.");
	expect_error(&x, "display igmp interface LoopBack7",
		     "The interface LoopBack7 does not exist.");
	gt_fini(&x);
}

/* `undo igmp enable` drops the interface's groups (forwarding stops) and
 * the interface; enabled again it is querier again with no group. */
void gt_test_undo_enable(void **state)
{
	struct gt x;
	struct node_iface *lan;
	struct gmp_if_info in;

	(void)state;
	gt_init(&x, "");
	lan = node_iface_find(router_node(x.r), GT_LAN);
	gt_stream_entry(&x);
	gt_report(&x, NET_AF_IP4, 2, "10.0.1.10", GT_GROUP);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(gt_oifs(&x, GT_GROUP), 1);
	rtest_cli(&x.t, x.r, ENTER "undo igmp enable\ncommit\nreturn", NULL);
	assert_null(gmp_router_if(x.r, lan, NET_AF_IP4));
	assert_non_null(gmp_router_if(x.r, lan, NET_AF_IP6));
	rtest_settle(&x.t, x.r);
	assert_int_equal(gt_oifs(&x, GT_GROUP), 0);
	assert_string_equal(rtest_cli(&x.t, x.r, "display igmp group", NULL),
			    "");
	rtest_cli(&x.t, x.r, ENTER "igmp enable\ncommit\nreturn", NULL);
	node_tw_run_for(x.t.w, SIM_MS(1));
	gt_info(x.r, GT_LAN, NET_AF_IP4, &in);
	assert_int_equal(in.qstate, GMP_QUERIER);
	assert_int_equal(in.ngroups, 0);
	assert_int_equal(in.tx_general, 1);
	gt_fini(&x);
}
