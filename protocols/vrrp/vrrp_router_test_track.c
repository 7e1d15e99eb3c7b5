/*
 * VRRP on routers, end to end: interface tracking with and without VRP's
 * preemption delay (RFC 5798 6.4.2: a Backup with Preempt_Mode discards
 * a lower-priority advertisement, so it takes over only when its
 * Master_Down_Timer runs out; with `preempt-mode timer delay D` it takes
 * over D after the first lower-priority advertisement, see the top of
 * vrrp.c), the displays, every VRRP command form of the seed documents,
 * and configuration errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/vrrp/vrrp_router_test.h"
#include "sim/router/router.h"

/* Two gateways on a LAN (R1 and R2 also joined on GE0/3/0), uplinks to
 * R3, one host. Slots: VRRP lines of R1's LAN, R1's peer port, R2's LAN,
 * R2's peer port (each line indented by 7 blanks), and the faults. */
static const char topo[] =
	"name: vt\nseed: 3\nduration: 6s\n"
	"nodes:\n"
	"  - name: R1\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      vrrp version 3\n"
	"      interface GigabitEthernet0/1/0\n"
	"       ip address 10.1.1.1 24\n"
	"       ipv6 enable\n"
	"%s"
	"      interface GigabitEthernet0/2/0\n"
	"       ip address 10.0.13.1 30\n"
	"      interface GigabitEthernet0/3/0\n"
	"       ip address 10.0.12.1 29\n"
	"%s"
	"      commit\n"
	"  - name: R2\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      vrrp version 3\n"
	"      interface GigabitEthernet0/1/0\n"
	"       ip address 10.1.1.2 24\n"
	"       ipv6 enable\n"
	"%s"
	"      interface GigabitEthernet0/2/0\n"
	"       ip address 10.0.23.1 30\n"
	"      interface GigabitEthernet0/3/0\n"
	"       ip address 10.0.12.2 29\n"
	"%s"
	"      commit\n"
	"  - name: R3\n    kind: router\n    config: |\n"
	"      system-view\n"
	"      interface GigabitEthernet0/1/0\n"
	"       ip address 10.0.13.2 30\n"
	"      interface GigabitEthernet0/2/0\n"
	"       ip address 10.0.23.2 30\n"
	"      commit\n"
	"  - { name: SW1, kind: switch }\n"
	"  - name: h1\n    kind: host\n    interfaces:\n"
	"      - { ipv4: 10.1.1.11/24, gateway: 10.1.1.254 }\n"
	"links:\n"
	"  - { name: lan-r1, a: \"R1:GE0/1/0\", b: \"SW1:p1\" }\n"
	"  - { name: lan-r2, a: \"R2:GE0/1/0\", b: \"SW1:p2\" }\n"
	"  - { name: lan-h1, a: \"h1:eth0\", b: \"SW1:p3\" }\n"
	"  - { name: r1-up, a: \"R1:GE0/2/0\", b: \"R3:GE0/1/0\" }\n"
	"  - { name: r2-up, a: \"R2:GE0/2/0\", b: \"R3:GE0/2/0\" }\n"
	"  - { name: r12, a: \"R1:GE0/3/0\", b: \"R2:GE0/3/0\" }\n"
	"%s";

void vt_load_topo(struct vt *t, const char *r1_lan, const char *r1_peer,
		  const char *r2_lan, const char *r2_peer, const char *faults)
{
	char text[8192];

	snprintf(text, sizeof(text), topo, r1_lan, r1_peer, r2_lan, r2_peer,
		 faults);
	vt_load(t, text, NULL);
}

#define GRP(v, fam, addr, extra)                                               \
	"       " fam " vrid " v " virtual-ip " addr "\n"                      \
	"       " fam " vrid " v " timer advertise 100 milli-second\n" extra

static const char r1_track[] =
	GRP("1", "vrrp", "10.1.1.254",
	    "       vrrp vrid 1 priority 120\n"
	    "       vrrp vrid 1 track interface GigabitEthernet0/2/0 "
	    "reduced 30\n")
		GRP("1", "vrrp6", "FE80::254 link-local",
		    "       vrrp6 vrid 1 priority 120\n"
		    "       vrrp6 vrid 1 track interface GigabitEthernet0/2/0 "
		    "reduced 30\n");
static const char r2_plain[] = GRP("1", "vrrp", "10.1.1.254", "")
	GRP("1", "vrrp6", "FE80::254 link-local", "");
static const char r2_delay[] =
	GRP("1", "vrrp", "10.1.1.254",
	    "       vrrp vrid 1 preempt-mode timer delay 1\n")
		GRP("1", "vrrp6", "FE80::254 link-local",
		    "       vrrp6 vrid 1 preempt-mode timer delay 1\n");
static const char uplink_cut[] = "faults:\n  - { at: 2s, link-down: r1-up }\n";

static const enum net_af fams[] = { NET_AF_IP4, NET_AF_IP6 };

/*
 * R1 (120) tracks its uplink with `reduced 30`: at 2 s + 5 ms its priority
 * is 90 and it says so at once. R2 (100, preemption without delay)
 * discards the lower advertisements (RFC 5798 6.4.2), so it takes over
 * when its Master_Down_Timer, last reset by R1's final priority-120
 * advertisement, runs out; R1 then hears a better Master and steps down.
 */
void vt_test_track_reduced(void **state)
{
	struct vt t;
	int first;
	struct vrrp_group_info a, b[2];

	(void)state;
	vt_load_topo(&t, r1_track, "", r2_plain, "", uplink_cut);
	vt_run(&t, SIM_S(2));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r2, VT_LAN, fams[i], 1, &b[i]);
		assert_int_equal(b[i].master_priority, 120);
	}
	vt_run(&t, SIM_S(2) + SIM_MS(6));
	for (int i = 0; i < 2; i++) {
		struct vrrp_group_info now;

		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		assert_int_equal(a.priority, 90);
		assert_int_equal(a.state, VRRP_STATE_MASTER);
		vt_info(t.r2, VT_LAN, fams[i], 1, &now);
		assert_int_equal(now.adv_lower, 1); /* heard and discarded */
		assert_int_equal(now.master_priority, 90);
	}
	first = b[0].last_adv_rx <= b[1].last_adv_rx
			? 0
			: 1; /* earlier deadline first */
	for (int k = 0; k < 2; k++) {
		int i = k ? 1 - first : first;
		sim_time_t at = b[i].last_adv_rx + VT_MDI(100);

		vt_run(&t, at - 1);
		assert_int_equal(vt_state(t.r2, VT_LAN, fams[i], 1),
				 VRRP_STATE_BACKUP);
		vt_run(&t, at);
		vt_info(t.r2, VT_LAN, fams[i], 1, &b[i]);
		assert_int_equal(b[i].state, VRRP_STATE_MASTER);
		assert_int_equal(b[i].became_master, at);
	}
	vt_run(&t, SIM_MS(2600));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		assert_int_equal(a.state, VRRP_STATE_BACKUP);
		assert_int_equal(a.master_priority, 100);
		assert_int_equal(vt_vmac_port(&t, fams[i], 1),
				 vt_port(&t, "p2"));
	}
	vt_free(&t);
}

/*
 * The same with `preempt-mode timer delay 1` on R2: lower advertisements
 * keep R1 alive and the first one starts the delay; R2 takes over exactly
 * 1 s after it arrived.
 */
void vt_test_track_reduced_delay(void **state)
{
	struct vt t;
	int first;
	struct vrrp_group_info b[2];

	(void)state;
	vt_load_topo(&t, r1_track, "", r2_delay, "", uplink_cut);
	vt_run(&t, SIM_S(2) + SIM_MS(50));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r2, VT_LAN, fams[i], 1, &b[i]);
		assert_int_equal(b[i].adv_lower, 1);
		assert_true(b[i].last_adv_rx > SIM_S(2) + SIM_MS(5));
		assert_int_equal(b[i].preempt_at, b[i].last_adv_rx + SIM_S(1));
	}
	/* Past the Master_Down_Interval: still Backup. */
	vt_run(&t, SIM_MS(2500));
	for (int i = 0; i < 2; i++)
		assert_int_equal(vt_state(t.r2, VT_LAN, fams[i], 1),
				 VRRP_STATE_BACKUP);
	first = b[0].preempt_at <= b[1].preempt_at
			? 0
			: 1; /* earlier deadline first */
	for (int k = 0; k < 2; k++) {
		int i = k ? 1 - first : first;
		struct vrrp_group_info now;

		vt_run(&t, b[i].preempt_at - 1);
		assert_int_equal(vt_state(t.r2, VT_LAN, fams[i], 1),
				 VRRP_STATE_BACKUP);
		vt_run(&t, b[i].preempt_at);
		vt_info(t.r2, VT_LAN, fams[i], 1, &now);
		assert_int_equal(now.state, VRRP_STATE_MASTER);
		assert_int_equal(now.became_master, b[i].preempt_at);
	}
	vt_run(&t, SIM_MS(3200));
	for (int i = 0; i < 2; i++)
		assert_int_equal(vt_state(t.r1, VT_LAN, fams[i], 1),
				 VRRP_STATE_BACKUP);
	vt_free(&t);
}

static const char *cli_ok(struct router *r, const char *lines, char *buf,
			  size_t len)
{
	vt_cli(r, lines, buf, len);
	if (strstr(buf, "Error"))
		fail_msg("%s\n-> %s", lines, buf);
	return buf;
}

/* display vrrp [brief], display vrrp6: the lines operators read. */
void vt_test_displays(void **state)
{
	static const char *const r1_want[] = {
		"  GigabitEthernet0/1/0 | Virtual Router 1\n",
		"    State           : Master\n",
		"    Virtual IP      : 10.1.1.254\n",
		"    Master IP       : 10.1.1.1\n",
		"    PriorityRun     : 120\n",
		"    PriorityConfig  : 120\n",
		"    Preempt         : YES   Delay Time : 0 s\n",
		"    TimerRun        : 100 ms\n",
		"    Version         : 3\n",
		"    Config type     : normal-vrrp\n",
		"    Track IF        : GigabitEthernet0/2/0   Priority "
		"reduced : 30\n",
	};
	struct vt t;
	char buf[8192];

	(void)state;
	vt_load_topo(&t, r1_track, "", r2_delay, "", "");
	vt_run(&t, SIM_S(1));
	cli_ok(t.r1, "display vrrp", buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(r1_want) / sizeof(r1_want[0]); i++)
		if (!strstr(buf, r1_want[i]))
			fail_msg("missing '%s' in\n%s", r1_want[i], buf);
	cli_ok(t.r1, "display vrrp brief", buf, sizeof(buf));
	assert_non_null(strstr(buf, "VRID  State        Interface"));
	assert_non_null(strstr(buf, "1     Master       GigabitEthernet0/1/0"
				    "     Normal   10.1.1.254\n"));
	assert_non_null(strstr(buf, "Total:1     Master:1     Backup:0     "
				    "Non-active:0"));
	cli_ok(t.r1, "display vrrp6", buf, sizeof(buf));
	assert_non_null(strstr(buf, "    Virtual IP      : fe80::254\n"));
	assert_non_null(strstr(buf, "    State           : Master\n"));
	cli_ok(t.r2, "display vrrp6 brief", buf, sizeof(buf));
	assert_non_null(strstr(buf, "1     Backup       GigabitEthernet0/1/0"
				    "     Normal   fe80::254\n"));
	cli_ok(t.r2, "display vrrp", buf, sizeof(buf));
	assert_non_null(strstr(buf, "    State           : Backup\n"));
	assert_non_null(strstr(buf, "    Master IP       : 10.1.1.1\n"));
	assert_non_null(strstr(buf, "    MasterPriority  : 120\n"));
	assert_non_null(strstr(buf, "Delay Time : 1 s\n"));
	vt_free(&t);
}

/*
 * Every VRRP command form of the seed documents parses and commits, and
 * shows in the running configuration.
 */
void vt_test_seed_forms(void **state)
{
	static const char *const lines[] = {
		"vrrp vrid 3",
		"vrrp vrid 4 virtual-ip 10.1.1.250",
		"vrrp6 vrid 5",
		"vrrp6 vrid 6 virtual-ip FE80::6 link-local",
		"vrrp6 vrid 6 virtual-ip 2001:DB8:1::6",
		"vrrp vrid 4 track bfd-session 10",
		"vrrp6 vrid 6 track bfd-session 10 increased 20",
		"vrrp6 vrid 6 track bfd-session 11 reduced 20",
		"vrrp6 vrid 1 track bfd-session 10 peer",
		"vrrp6 vrid 1 track bfd-session 12 link",
		"vrrp vrid 4 track bfd-session session-name s1 peer",
		"vrrp vrid 1 track monitor-group g failure-ratio 50 link",
		"vrrp vrid 1 track monitor-group g2 failure-ratio 50 reduced "
		"20",
		"vrrp vrid 4 track monitor-group g failure-ratio 100",
		"vrrp6 vrid 2 track admin-vrrp6 interface GigabitEthernet0/3/0 "
		"vrid 7",
		"vrrp vrid 2 track admin-vrrp interface GigabitEthernet0/3/0 "
		"vrid 7",
		"vrrp vrid 8 track admin-vrrp interface GigabitEthernet0/3/0 "
		"vrid 7 unflowdown",
	};
	static const char *const peer[] = {
		"ipv6 enable",
		"admin-vrrp vrid 7",
		"admin-vrrp6 vrid 7 ignore-if-down",
		"vrrp vrid 7 virtual-ip 10.0.12.6",
	};
	struct vt t;
	char cmd[1024], buf[8192];

	(void)state;
	vt_load_topo(&t, r1_track, "", r2_plain, "", "");
	vt_run(&t, SIM_MS(500));
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		snprintf(cmd, sizeof(cmd),
			 "system-view\ninterface GigabitEthernet0/1/0\n%s\n"
			 "commit\nreturn",
			 lines[i]);
		cli_ok(t.r1, cmd, buf, sizeof(buf));
	}
	for (size_t i = 0; i < sizeof(peer) / sizeof(peer[0]); i++) {
		snprintf(cmd, sizeof(cmd),
			 "system-view\ninterface GigabitEthernet0/3/0\n%s\n"
			 "commit\nreturn",
			 peer[i]);
		cli_ok(t.r1, cmd, buf, sizeof(buf));
	}
	cli_ok(t.r1, "display current-configuration", buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		/* The canonical text keeps addresses as typed or lower. */
		if (strchr(lines[i], ':') && strstr(lines[i], "virtual-ip"))
			continue;
		if (!strstr(buf, lines[i]))
			fail_msg("'%s' not in\n%s", lines[i], buf);
	}
	for (size_t i = 0; i < sizeof(peer) / sizeof(peer[0]); i++)
		assert_non_null(strstr(buf, peer[i]));
	cli_ok(t.r1, "display vrrp", buf, sizeof(buf));
	assert_non_null(strstr(buf, "    Config type     : member-vrrp\n"));
	assert_non_null(strstr(buf, "GigabitEthernet0/3/0 vrid 7 "
				    "(unflowdown)"));
	assert_non_null(strstr(buf, "    Config type     : admin-vrrp\n"));
	vt_free(&t);
}

/*
 * Errors: a virtual address of the wrong family, a link-local address
 * without `link-local`, an mVRRP following an mVRRP, a missing interface;
 * `undo vrrp vrid` deletes a group (a Master resigns with priority 0) and
 * `undo vrrp vrid V preempt-mode` turns preemption off.
 */
void vt_test_cli_errors(void **state)
{
	static const struct {
		const char *line, *err;
	} bad[] = {
		{ "vrrp vrid 9 virtual-ip FE80::9 link-local", "must be IPv4" },
		{ "vrrp6 vrid 9 virtual-ip FE80::9", "link-local" },
		{ "vrrp6 vrid 9 virtual-ip 2001:DB8::9 link-local",
		  "link-local" },
		{ "vrrp vrid 9 track interface GigabitEthernet9/9/9", "Error" },
		{ "vrrp vrid 9 timer advertise 300", "1-255 seconds" },
		{ "vrrp vrid 9 timer advertise 15 milli-second",
		  "multiple of 10 ms" },
	};
	struct vt t;
	char cmd[1024], buf[8192];
	struct vrrp_group_info b;

	(void)state;
	vt_load_topo(&t, r1_track, "", r2_plain, "", "");
	vt_run(&t, SIM_S(1));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(cmd, sizeof(cmd),
			 "system-view\ninterface GigabitEthernet0/1/0\n%s\n"
			 "commit\nreturn",
			 bad[i].line);
		vt_cli(t.r1, cmd, buf, sizeof(buf));
		if (!strstr(buf, bad[i].err))
			fail_msg("'%s': no '%s' in\n%s", bad[i].line,
				 bad[i].err, buf);
	}
	vt_cli(t.r1,
	       "system-view\ninterface GigabitEthernet0/3/0\n"
	       "admin-vrrp vrid 7\nvrrp vrid 7 track admin-vrrp interface "
	       "GigabitEthernet0/1/0 vrid 1\ncommit\nreturn",
	       buf, sizeof(buf));
	assert_non_null(strstr(buf, "cannot follow another mVRRP"));
	/* No preemption on R2 (a running line of its own). */
	cli_ok(t.r2,
	       "system-view\ninterface GigabitEthernet0/1/0\n"
	       "undo vrrp vrid 1 preempt-mode\ncommit\nreturn",
	       buf, sizeof(buf));
	cli_ok(t.r2, "display vrrp", buf, sizeof(buf));
	assert_non_null(strstr(buf, "    Preempt         : NO"));
	/* Deleting R1's IPv4 group: priority 0, R2 Master after Skew. */
	cli_ok(t.r1,
	       "system-view\ninterface GigabitEthernet0/1/0\n"
	       "undo vrrp vrid 1\ncommit\nreturn",
	       buf, sizeof(buf));
	assert_int_equal(vt_state(t.r1, VT_LAN, NET_AF_IP4, 1),
			 VRRP_STATE_INIT);
	assert_null(vrrp_group_of(vrrp_inst(t.r1), VT_LAN, NET_AF_IP4, 1));
	vt_run(&t, SIM_MS(1100));
	vt_info(t.r2, VT_LAN, NET_AF_IP4, 1, &b);
	assert_int_equal(b.prio0_rx, 1);
	assert_int_equal(b.state, VRRP_STATE_MASTER);
	assert_int_equal(b.became_master, b.last_adv_rx + VT_SKEW(100));
	cli_ok(t.r1, "display current-configuration", buf, sizeof(buf));
	assert_null(strstr(buf, "vrrp vrid 1"));
	assert_non_null(strstr(buf, "vrrp6 vrid 1"));
	vt_free(&t);
}

/*
 * Regressions of configuration handling, on the flagship pair: a 9th
 * track is refused without losing the 8 others (R1 still resigns when its
 * uplink fails), a BFD track typed again while its session is Up still
 * counts the session's fall, VRRPv2 authentication typed in VRRPv3 mode
 * leaves the group running, and groups that cannot run are refused with
 * a reason (no IPv4 address, IPv6 not enabled, milli-second intervals in
 * VRRPv2) instead of dying silently.
 */
void vt_test_config_regressions(void **state)
{
	static const char *const bad[][3] = {
		{ "LoopBack5", "vrrp vrid 1 virtual-ip 10.5.5.5",
		  "no IPv4 address" },
		{ "LoopBack6", "vrrp6 vrid 1 virtual-ip FE80::5 link-local",
		  "IPv6 is not enabled" },
		{ "LoopBack6", "admin-vrrp6 vrid 1", "IPv6 is not enabled" },
	};
	struct vt t;
	struct vrrp_group_info a, b;
	char cmd[1024], buf[8192];

	(void)state;
	vt_load(&t, NULL, "flagship.yaml");
	vt_run(&t, SIM_S(1));
	/* Applied last, it would re-attach every track. */
	cli_ok(t.r1,
	       "system-view\ninterface " VT_LAN "\n"
	       "vrrp vrid 1 authentication-mode simple abc\ncommit\nreturn",
	       buf, sizeof(buf));
	assert_non_null(vrrp_group_of(vrrp_inst(t.r1), VT_LAN, NET_AF_IP4, 1));
	for (int i = 1; i <= 8; i++) {
		snprintf(cmd, sizeof(cmd),
			 "system-view\ninterface " VT_LAN "\n"
			 "vrrp vrid 1 track monitor-group g%d failure-ratio "
			 "100\ncommit\nreturn",
			 i);
		vt_cli(t.r1, cmd, buf, sizeof(buf));
		if (i < 8)
			assert_null(strstr(buf, "Error"));
		else
			assert_non_null(strstr(buf, "Too many tracks."));
	}
	/* Typed again while the session is Up, now as `reduced 30`. */
	cli_ok(t.r2,
	       "system-view\ninterface " VT_LAN "\n"
	       "vrrp vrid 1 track bfd-session 20 reduced 30\ncommit\nreturn",
	       buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(cmd, sizeof(cmd),
			 "system-view\ninterface %s\n%s\ncommit\nreturn",
			 bad[i][0], bad[i][1]);
		vt_cli(t.r1, cmd, buf, sizeof(buf));
		if (!strstr(buf, bad[i][2]))
			fail_msg("'%s': no '%s' in\n%s", bad[i][1], bad[i][2],
				 buf);
	}
	cli_ok(t.r1, "display vrrp6", buf, sizeof(buf));
	assert_null(strstr(buf, "fe80::5"));
	/* VRRPv2 (R3's default) cannot carry 100 ms; R1 cannot go back. */
	vt_cli(router_from_node(sim_world_node(t.w, "R3")),
	       "system-view\ninterface " VT_UP "\n"
	       "vrrp vrid 1 timer advertise 100 milli-second\ncommit\nreturn",
	       buf, sizeof(buf));
	assert_non_null(strstr(buf, "VRRPv2 advertises whole seconds"));
	vt_cli(t.r1, "system-view\nundo vrrp version\ncommit\nreturn", buf,
	       sizeof(buf));
	assert_non_null(strstr(buf, "VRRPv2 needs whole seconds"));
	vt_run(&t, SIM_MS(2200));
	vt_info(t.r1, VT_LAN, NET_AF_IP4, 1, &a);
	assert_int_equal(a.state, VRRP_STATE_INIT);
	assert_int_equal(a.prio0_tx, 1);
	/* R1 is back at 3.358 s; it crashes at 4 s: R2's BFD session falls
	 * and costs it 30. */
	vt_run(&t, SIM_MS(4100));
	vt_info(t.r2, VT_LAN, NET_AF_IP4, 1, &b);
	assert_int_equal(b.priority, 70);
	vt_info(t.r2, VT_LAN, NET_AF_IP6, 1, &b);
	assert_int_equal(b.priority, 100); /* still `peer` */
	assert_int_equal(b.state, VRRP_STATE_MASTER);
	vt_free(&t);
}
