/*
 * failsim's own VRRP traces are clean: scenarios run with the real
 * routers and VRRP module, a LAN link captured to pcap by the simulator,
 * and the capture checked by the "vrrp" module alone. Every rule that
 * applies must hold (no failure, no note), and the rules over time must
 * actually have been exercised: advertisement intervals, takeovers after
 * Master_Down_Interval (a cut LAN link, a crash) and after Skew_Time (a
 * priority 0 when a group is removed), preemption, the late-takeover
 * check, and the gratuitous ARP / unsolicited NA of every new Master.
 * Scenarios: scenarios/vrrp-no-bfd.yaml (VRRPv3, IPv4 and IPv6, 100 ms)
 * and a VRRPv2 pair with simple-text authentication written here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_vrrp_testutil.h"
#include "conformance/check/ck_rules_captest.h"

/*
 * VRRPv2 at 1 s with authentication: R1 (priority 120) is Master; at 5 s
 * its group is removed (priority 0: R2 takes over one Skew_Time later);
 * at 9 s it is configured again and preempts after its
 * Master_Down_Interval; at 15 s R1 crashes and R2 takes over after its
 * Master_Down_Interval. Hosts ARP for the gateway all along.
 */
static const char v2_pair[] =
	"name: ck-vrrp-v2\n"
	"seed: 3\n"
	"duration: 22s\n"
	"nodes:\n"
	"  - name: R1\n"
	"    kind: router\n"
	"    config: |\n"
	"      system-view\n"
	"      sysname R1\n"
	"      interface GigabitEthernet0/1/0\n"
	"       ip address 10.1.1.1 24\n"
	"       vrrp vrid 7 virtual-ip 10.1.1.254\n"
	"       vrrp vrid 7 virtual-ip 10.1.1.253\n"
	"       vrrp vrid 7 priority 120\n"
	"       vrrp vrid 7 authentication-mode simple failsim\n"
	"      commit\n"
	"  - name: R2\n"
	"    kind: router\n"
	"    config: |\n"
	"      system-view\n"
	"      sysname R2\n"
	"      interface GigabitEthernet0/1/0\n"
	"       ip address 10.1.1.2 24\n"
	"       vrrp vrid 7 virtual-ip 10.1.1.254\n"
	"       vrrp vrid 7 virtual-ip 10.1.1.253\n"
	"       vrrp vrid 7 authentication-mode simple failsim\n"
	"      commit\n"
	"  - { name: SW1, kind: switch }\n"
	"  - name: h1\n"
	"    kind: host\n"
	"    interfaces:\n"
	"      - { ipv4: 10.1.1.11/24, gateway: 10.1.1.254 }\n"
	"links:\n"
	"  - { name: lan-r1, a: \"R1:GE0/1/0\", b: \"SW1:p1\" }\n"
	"  - { name: lan-r2, a: \"R2:GE0/1/0\", b: \"SW1:p2\" }\n"
	"  - { name: lan-h1, a: \"h1:eth0\", b: \"SW1:p3\" }\n"
	"traffic:\n"
	"  unicast:\n"
	"    - { name: h1-gw, from: h1, to: 10.1.1.254, rate: 10, size: 100, "
	"start: 1s, stop: 21s }\n"
	"faults:\n"
	"  - at: 5s\n"
	"    cli: R1\n"
	"    command: |\n"
	"      system-view\n"
	"      interface GigabitEthernet0/1/0\n"
	"      undo vrrp vrid 7\n"
	"      commit\n"
	"  - at: 9s\n"
	"    cli: R1\n"
	"    command: |\n"
	"      system-view\n"
	"      interface GigabitEthernet0/1/0\n"
	"      vrrp vrid 7 virtual-ip 10.1.1.254\n"
	"      vrrp vrid 7 virtual-ip 10.1.1.253\n"
	"      vrrp vrid 7 priority 120\n"
	"      vrrp vrid 7 authentication-mode simple failsim\n"
	"      commit\n"
	"  - { at: 15s, crash: R1 }\n"
	"captures:\n"
	"  - { link: lan-h1, name: lan }\n";

/* Run a scenario (text, or the file of scenarios/ when text is NULL),
 * capture it, and check the capture into t. */
static void run(struct cvt *t, const char *text, const char *file)
{
	char path[600], dir[] = "/tmp/ck_r_vrrp_sim_XXXXXX";
	long n;

	snprintf(path, sizeof(path), "%s/scenarios/%s", FAILSIM_SOURCE_DIR,
		 file ? file : "");
	assert_non_null(mkdtemp(dir));
	ckc_run_scenario(text, path, dir);
	snprintf(path, sizeof(path), "%s/lan.pcap", dir);
	cvt_open(t, NULL);
	n = cvt_feed_pcap(t, path, NULL);
	cvt_close_module(t);
	assert_true(n > 0);
	ckc_remove_dir(dir);
}

/* No rule failed or was noted; print what ran. */
static void assert_clean(const struct cvt *t, const char *name)
{
	char buf[1024];

	printf("%s: vrrp %llu, checked: interval %llu, two-masters %llu, "
	       "takeover %llu, late %llu, garp %llu, una %llu\n",
	       name, (unsigned long long)cvt_count(t, "vrrp"),
	       (unsigned long long)cvt_checked(t, "vrrp.adver-interval"),
	       (unsigned long long)cvt_checked(t, "vrrp.two-masters"),
	       (unsigned long long)cvt_checked(t, "vrrp.takeover"),
	       (unsigned long long)cvt_checked(t, "vrrp.takeover-late"),
	       (unsigned long long)cvt_checked(t, "vrrp.garp"),
	       (unsigned long long)cvt_checked(t, "vrrp.una"));
	for (size_t i = 0; i < ck_ncounts(t->c); i++) {
		const char *w;
		uint64_t n;

		ck_count_at(t->c, i, &w, &n);
		printf("  %s: %llu\n", w, (unsigned long long)n);
	}
	cvt_failing(t, buf, sizeof(buf));
	for (int r = 0; r < CKV__COUNT; r++)
		if (cvt_failed(t, ckv_rules[r].id) ||
		    cvt_noted(t, ckv_rules[r].id))
			printf("  %s: %s\n", ckv_rules[r].id,
			       cvt_detail(t, ckv_rules[r].id));
	if (buf[0])
		fail_msg("%s: failing rules: %s", name, buf);
}

/*
 * vrrp-no-bfd.yaml, captured on R2's LAN port: boot (R1 Master, the first
 * of the capture: nothing to judge), R1's LAN link cut at 2 s (R2 takes
 * over after Master_Down_Interval; no priority 0 can cross the dead
 * link), back at 3 s (R1 preempts), R1 crashes at 4 s (R2 again, now
 * known as a Backup: the late check runs), restarts at 5 s and preempts.
 * Both families: gratuitous ARP and unsolicited NA at every change.
 */
static void test_v3_both_families(void **state)
{
	struct cvt t;

	(void)state;
	run(&t, NULL, "vrrp-no-bfd.yaml");
	assert_clean(&t, "vrrp-no-bfd");
	/* two flows (IPv4, IPv6), each: R2 at 2 s and at 4 s */
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 4);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover-late"), 2);
	assert_int_equal(cvt_checked(&t, "vrrp.two-masters"), 2);
	/* four changes per family, one address each */
	assert_int_equal(cvt_checked(&t, "vrrp.garp"), 4);
	assert_int_equal(cvt_checked(&t, "vrrp.una"), 4);
	assert_true(cvt_checked(&t, "vrrp.adver-interval") > 100);
	assert_true(cvt_checked(&t, "vrrp.v6-first-ll") > 50);
	assert_true(cvt_checked(&t, "vrrp.src-mac") > 100);
	assert_true(cvt_checked(&t, "vrrp.csum.v3-no-pseudo") > 50);
	cvt_free(&t);
}

/* The VRRPv2 pair: Skew_Time after a priority 0, then preemption and a
 * crash; two addresses per change. */
static void test_v2_priority_zero(void **state)
{
	struct cvt t;

	(void)state;
	run(&t, v2_pair, NULL);
	assert_clean(&t, "v2-pair");
	/* R2 after the priority 0 and after the crash */
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 2);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover-late"), 1);
	/* R2, R1 (preempting), R2: two addresses each */
	assert_int_equal(cvt_checked(&t, "vrrp.garp"), 6);
	assert_true(cvt_checked(&t, "vrrp.auth") > 10);
	assert_true(cvt_checked(&t, "vrrp.adver-interval") > 10);
	cvt_free(&t);
}

/*
 * flagship.yaml: R2 tracks a BFD session to R1 in `peer` mode (VRP): at
 * R1's crash it takes over as soon as BFD declares R1 down (3 x 10 ms),
 * not after Master_Down_Interval. That is failsim doing what the vendor
 * documents, and an RFC 5798 6.4.2 violation a capture shows: exactly
 * the two takeovers (IPv4, IPv6) after the crash fail vrrp.takeover, and
 * nothing else fails (the priority-0 takeover at 2 s is in time).
 */
static void test_flagship_bfd_peer(void **state)
{
	struct cvt t;

	(void)state;
	run(&t, NULL, "flagship.yaml");
	for (int r = 0; r < CKV__COUNT; r++) {
		const char *id = ckv_rules[r].id;
		uint64_t want = strcmp(id, "vrrp.takeover") == 0 ? 2 : 0;

		if (cvt_failed(&t, id) != want || cvt_noted(&t, id))
			fail_msg("flagship: %s failed %llu: %s", id,
				 (unsigned long long)cvt_failed(&t, id),
				 cvt_detail(&t, id));
	}
	printf("flagship: vrrp.takeover: %s\n",
	       cvt_detail(&t, "vrrp.takeover"));
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 4);
	assert_int_equal(cvt_checked(&t, "vrrp.garp"), 4);
	assert_int_equal(cvt_checked(&t, "vrrp.una"), 4);
	cvt_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v3_both_families),
		cmocka_unit_test(test_v2_priority_zero),
		cmocka_unit_test(test_flagship_bfd_peer),
	};

	return cmocka_run_group_tests_name("ck_r_vrrp_sim", tests, NULL, NULL);
}
