/*
 * VRRP on routers, end to end through scenarios (RFC 5798 sections 6.4.1
 * to 6.4.3 as the module runs them over real frames): the flagship
 * gateway pair elects its Master exactly one Master_Down_Interval after
 * boot and hosts resolve the virtual addresses to the virtual MACs of
 * section 7.3; without BFD a silent crash or a dead LAN link of the
 * Master is found by the Backup's Master_Down_Timer (last advertisement
 * + Master_Down_Interval, to the nanosecond), with BFD "peer" tracking at
 * the very nanosecond the session goes Down, with a monitor group in
 * `link` mode one Skew_Time after the priority-0 advertisement; the
 * switch moves the virtual MAC after the new Master's gratuitous ARP /
 * unsolicited NA and the traffic resumes; a restarted Master preempts
 * again without two Masters forwarding at once. Tracking, mVRRP and the
 * displays are in vrrp_router_test_track.c and vrrp_router_test_mvrrp.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/bfd/bfd_router.h"
#include "protocols/protocols.h"
#include "protocols/vrrp/vrrp_router_test.h"
#include "sim/node/node_host.h"
#include "sim/core/sim_engine.h"
#include "sim/router/router.h"

#define NOBFD "vrrp-no-bfd.yaml"
#define FLAG  "flagship.yaml"

/* Both families, for the loops below. */
static const enum net_af fams[] = { NET_AF_IP4, NET_AF_IP6 };

/* The group goes from `before` to Master at exactly `at`. */
static void master_at(struct vt *t, struct router *r, enum net_af af,
		      sim_time_t at)
{
	struct vrrp_group_info in;

	vt_run(t, at - 1);
	assert_int_equal(vt_state(r, VT_LAN, af, 1), VRRP_STATE_BACKUP);
	vt_run(t, at);
	vt_info(r, VT_LAN, af, 1, &in);
	assert_int_equal(in.state, VRRP_STATE_MASTER);
	assert_int_equal(in.became_master, at);
}

/*
 * Boot: both routers start at 0 and wait Master_Down_Interval; R1
 * (priority 120) is first, at 3 x 100 ms + 136 x 100 ms / 256 =
 * 353.125 ms, and R2 (which would wait 360.9375 ms) hears it in time and
 * stays Backup. Hosts resolve both virtual addresses to the virtual MACs
 * and the switch learns them on R1's port.
 */
static void test_boot(void **state)
{
	struct vt t;
	struct vrrp_group_info a, b;
	char buf[4096];

	(void)state;
	vt_load(&t, NULL, FLAG);
	assert_int_equal(VT_MDI(120), SIM_US(353125));
	assert_int_equal(VT_MDI(100), SIM_NS(360937500));
	vt_run(&t, VT_MDI(120) - 1);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(vt_state(t.r1, VT_LAN, fams[i], 1),
				 VRRP_STATE_BACKUP);
		assert_int_equal(vt_state(t.r2, VT_LAN, fams[i], 1),
				 VRRP_STATE_BACKUP);
	}
	vt_run(&t, VT_MDI(120));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		assert_int_equal(a.state, VRRP_STATE_MASTER);
		assert_int_equal(a.became_master, VT_MDI(120));
		assert_int_equal(a.priority, 120);
		assert_int_equal(a.master_down_int, VT_MDI(120));
	}
	vt_run(&t, SIM_MS(1500));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		vt_info(t.r2, VT_LAN, fams[i], 1, &b);
		assert_int_equal(a.state, VRRP_STATE_MASTER);
		assert_int_equal(a.to_master, 1);
		assert_int_equal(b.state, VRRP_STATE_BACKUP);
		assert_int_equal(b.to_master, 0);
		assert_int_equal(b.master_priority, 120);
		assert_int_equal(b.master_adver_int, SIM_MS(100));
		assert_int_equal(b.skew_time, VT_SKEW(100));
		assert_int_equal(b.master_down_int, VT_MDI(100));
		/* One advertisement every 100 ms since 353.125 ms. */
		assert_int_equal(a.adv_tx, 12);
		assert_true(b.adv_rx >= 11);
		assert_int_equal(t.tap.adv[i][1], a.adv_tx);
		assert_int_equal(vt_vmac_port(&t, fams[i], 1),
				 vt_port(&t, "p1"));
	}
	assert_int_equal(t.tap.bad, 0);
	assert_true(vt_host_resolves(&t, "h1", "10.1.1.254", NET_AF_IP4, 1));
	assert_true(vt_host_resolves(&t, "h2", "10.1.1.254", NET_AF_IP4, 1));
	assert_true(vt_host_resolves(&t, "h1", "fe80::254", NET_AF_IP6, 1));
	assert_non_null(
		strstr(vt_cli(t.r1, "display vrrp brief", buf, sizeof(buf)),
		       "Total:1     Master:1     Backup:0"));
	vt_free(&t);
}

/* Every flow of the measurement lost traffic once around `fault` and
 * never got a duplicate. */
static void check_outages(const struct meas_results *m, int fault,
			  sim_time_t lo, sim_time_t hi)
{
	for (size_t f = 0; f < m->nflows; f++) {
		const struct meas_flow_info *fl = &m->flows[f];
		bool seen = false;

		assert_int_equal(fl->dups, 0);
		for (size_t k = 0; k < fl->noutages; k++) {
			const struct meas_outage *o =
				&m->outages[fl->first_outage + k];

			if (o->fault != fault)
				continue;
			seen = true;
			assert_true(o->recovered);
			if (o->time_derived < lo || o->time_derived > hi)
				fail_msg("flow %zu: outage %lld ns not in "
					 "[%lld, %lld]",
					 f, (long long)o->time_derived,
					 (long long)lo, (long long)hi);
		}
		assert_true(seen);
	}
}

/*
 * No BFD: R1 crashes silently at 4 s. R2 takes over exactly at its last
 * received advertisement + Master_Down_Interval (300 ms + 60.9375 ms),
 * each family on its own; the new Master announces the virtual MACs, the
 * switch moves them to R2's port and the traffic comes back.
 */
static void test_crash_no_bfd(void **state)
{
	struct vt t;
	int first;
	struct vrrp_group_info b[2];
	const struct meas_results *m;

	(void)state;
	vt_load(&t, NULL, NOBFD);
	vt_run(&t, SIM_S(4));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r2, VT_LAN, fams[i], 1, &b[i]);
		assert_int_equal(b[i].state, VRRP_STATE_BACKUP);
		assert_true(b[i].last_adv_rx > SIM_MS(3900));
		assert_int_equal(vt_vmac_port(&t, fams[i], 1),
				 vt_port(&t, "p1"));
	}
	first = b[0].last_adv_rx <= b[1].last_adv_rx
			? 0
			: 1; /* earlier deadline first */
	for (int k = 0; k < 2; k++) {
		int i = k ? 1 - first : first;

		master_at(&t, t.r2, fams[i], b[i].last_adv_rx + VT_MDI(100));
	}
	vt_run(&t, SIM_MS(4400));
	for (int i = 0; i < 2; i++) {
		struct vrrp_group_info now;

		vt_info(t.r2, VT_LAN, fams[i], 1, &now);
		assert_int_equal(now.prio0_rx, b[i].prio0_rx);
		assert_int_equal(vt_vmac_port(&t, fams[i], 1),
				 vt_port(&t, "p2"));
	}
	/* R1 is back at 6 s and preempts at 6 s + 353.125 ms. */
	vt_run(&t, SIM_S(6) + VT_MDI(120) + SIM_MS(1));
	for (int i = 0; i < 2; i++) {
		struct vrrp_group_info a;

		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		assert_int_equal(a.state, VRRP_STATE_MASTER);
		assert_int_equal(a.became_master, SIM_S(6) + VT_MDI(120));
	}
	vt_run(&t, SIM_MS(7500));
	m = sim_world_finish(t.w);
	assert_non_null(m);
	assert_int_equal(m->nfaults, 4);
	/* Lost from the crash to R2's takeover: between Master_Down_Interval
	 * less one advertisement interval and Master_Down_Interval. */
	check_outages(m, 2, VT_MDI(100) - SIM_MS(101), VT_MDI(100) + SIM_MS(2));
	vt_free(&t);
}

/*
 * With BFD "peer" tracking (flagship): R2's groups become Master at the
 * very nanosecond its BFD session to R1 goes Down (3 x 10 ms after the
 * last BFD packet), long before Master_Down_Interval.
 */
static void test_crash_bfd_peer(void **state)
{
	struct vt t;
	struct bfd_session *s;
	struct bfd_session_info in;

	(void)state;
	vt_load(&t, NULL, FLAG);
	vt_run(&t, SIM_S(4));
	s = bfd_find_name(bfd_inst(t.r2), "r1");
	assert_non_null(s);
	bfd_session_info(s, &in);
	assert_int_equal(in.state, BFD_STATE_UP);
	vt_run(&t, in.last_rx + in.detect_time - 1);
	assert_int_equal(bfd_session_state(s), BFD_STATE_UP);
	for (int i = 0; i < 2; i++)
		assert_int_equal(vt_state(t.r2, VT_LAN, fams[i], 1),
				 VRRP_STATE_BACKUP);
	vt_run(&t, in.last_rx + in.detect_time);
	bfd_session_info(s, &in);
	assert_int_equal(in.state, BFD_STATE_DOWN);
	assert_true(in.last_down < SIM_S(4) + SIM_MS(40));
	for (int i = 0; i < 2; i++) {
		struct vrrp_group_info b;

		vt_info(t.r2, VT_LAN, fams[i], 1, &b);
		assert_int_equal(b.state, VRRP_STATE_MASTER);
		assert_int_equal(b.became_master, in.last_down);
		assert_true(b.became_master < b.last_adv_rx + VT_MDI(100));
	}
	vt_free(&t);
}

/*
 * R1's LAN link is cut at 2 s: R1 goes to Initialize when the loss of
 * signal is detected (link_detect, 5 ms); its priority 0 cannot leave
 * over the dead link, so R2 waits its whole Master_Down_Interval after
 * the last advertisement it heard.
 */
static void test_lan_link_down(void **state)
{
	struct vt t;
	int first;
	struct vrrp_group_info a, b[2];

	(void)state;
	vt_load(&t, NULL, NOBFD);
	vt_run(&t, SIM_S(2) + SIM_MS(5) - 1);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(vt_state(t.r1, VT_LAN, fams[i], 1),
				 VRRP_STATE_MASTER);
		vt_info(t.r2, VT_LAN, fams[i], 1, &b[i]);
	}
	vt_run(&t, SIM_S(2) + SIM_MS(5));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		assert_int_equal(a.state, VRRP_STATE_INIT);
		assert_int_equal(a.prio0_tx, 0);
		assert_true(a.adv_tx_fail >= 1);
		assert_true(b[i].last_adv_rx < SIM_S(2));
	}
	first = b[0].last_adv_rx <= b[1].last_adv_rx
			? 0
			: 1; /* earlier deadline first */
	for (int k = 0; k < 2; k++) {
		int i = k ? 1 - first : first;

		master_at(&t, t.r2, fams[i], b[i].last_adv_rx + VT_MDI(100));
	}
	for (int i = 0; i < 2; i++) {
		vt_info(t.r2, VT_LAN, fams[i], 1, &b[i]);
		assert_int_equal(b[i].prio0_rx, 0);
		assert_int_equal(t.tap.prio0[i][1], 0);
	}
	/* Back at 3 s (+5 ms to see the light): R1 preempts after its own
	 * Master_Down_Interval. */
	vt_run(&t, SIM_S(3) + SIM_MS(400));
	vt_info(t.r1, VT_LAN, NET_AF_IP4, 1, &a);
	assert_int_equal(a.state, VRRP_STATE_MASTER);
	assert_int_equal(a.became_master, SIM_S(3) + SIM_MS(5) + VT_MDI(120));
	assert_int_equal(vt_state(t.r2, VT_LAN, NET_AF_IP4, 1),
			 VRRP_STATE_BACKUP);
	vt_free(&t);
}

/*
 * Flagship, R1's uplink cut at 2 s: the monitor group (100 % down, `link`)
 * takes R1's groups to Initialize with a priority-0 advertisement; R2 is
 * Master exactly Skew_Time after that advertisement arrives.
 */
static void test_monitor_group_link(void **state)
{
	struct vt t;
	struct vrrp_group_info a, b;

	(void)state;
	vt_load(&t, NULL, FLAG);
	vt_run(&t, SIM_MS(2200));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		vt_info(t.r2, VT_LAN, fams[i], 1, &b);
		assert_int_equal(a.state, VRRP_STATE_INIT);
		assert_int_equal(a.prio0_tx, 1);
		assert_int_equal(b.prio0_rx, 1);
		assert_int_equal(t.tap.prio0[i][1], 1);
		/* The priority 0 is the last advertisement R2 heard. */
		assert_true(b.last_adv_rx >= SIM_S(2) + SIM_MS(5));
		assert_true(b.last_adv_rx < SIM_S(2) + SIM_MS(6));
		assert_int_equal(b.state, VRRP_STATE_MASTER);
		assert_int_equal(b.became_master, b.last_adv_rx + VT_SKEW(100));
		assert_int_equal(vt_vmac_port(&t, fams[i], 1),
				 vt_port(&t, "p2"));
	}
	/* The uplink is back at 3 s: R1 preempts one Master_Down_Interval
	 * after it sees the light again. */
	vt_run(&t, SIM_MS(3400));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		assert_int_equal(a.state, VRRP_STATE_MASTER);
		assert_int_equal(a.became_master,
				 SIM_S(3) + SIM_MS(5) + VT_MDI(120));
		assert_int_equal(vt_state(t.r2, VT_LAN, fams[i], 1),
				 VRRP_STATE_BACKUP);
	}
	vt_free(&t);
}

/* Both routers' IPv4 groups, followed with vrrp_watch: the longest time
 * both were Master at once. */
struct dual {
	struct vt *t;
	bool master[2];
	sim_time_t since, longest;
	int overlaps;
};

static void dual_fn(void *arg, const char *ifname, enum net_af af, uint8_t vrid,
		    enum vrrp_state old, enum vrrp_state new, int who)
{
	struct dual *d = arg;
	sim_time_t now = sim_now(sim_world_engine(d->t->w));
	bool both = d->master[0] && d->master[1];

	(void)ifname;
	(void)af;
	(void)vrid;
	(void)old;
	d->master[who] = new == VRRP_STATE_MASTER;
	if (!both && d->master[0] && d->master[1]) {
		d->since = now;
		d->overlaps++;
	} else if (both && !(d->master[0] && d->master[1]) &&
		   now - d->since > d->longest) {
		d->longest = now - d->since;
	}
}

static void dual_r1(void *arg, const char *ifname, enum net_af af, uint8_t vrid,
		    enum vrrp_state old, enum vrrp_state new)
{
	dual_fn(arg, ifname, af, vrid, old, new, 0);
}

static void dual_r2(void *arg, const char *ifname, enum net_af af, uint8_t vrid,
		    enum vrrp_state old, enum vrrp_state new)
{
	dual_fn(arg, ifname, af, vrid, old, new, 1);
}

/*
 * Flagship to the end: R1 crashes at 4 s, restarts at 5 s, boots at 6 s
 * and preempts at 6 s + 353.125 ms. At no time did both routers forward
 * (no duplicate in any flow), and only one Master existed at a time for
 * longer than one advertisement interval.
 */
static void test_restart_preempts(void **state)
{
	struct vt t;
	struct vrrp_group_info a, b;
	const struct meas_results *m;
	struct dual d = { .t = &t };

	(void)state;
	vt_load(&t, NULL, FLAG);
	vt_run(&t, SIM_S(4) + 1);
	assert_null(vrrp_inst(t.r1)); /* crashed: no VRRP state */
	assert_true(vrrp_watch(vrrp_inst(t.r2), VT_LAN, NET_AF_IP4, 1, dual_r2,
			       &d) > 0);
	vt_run(&t, SIM_S(6));
	assert_non_null(vrrp_inst(t.r1)); /* booted again */
	assert_true(vrrp_watch(vrrp_inst(t.r1), VT_LAN, NET_AF_IP4, 1, dual_r1,
			       &d) > 0);
	vt_run(&t, SIM_S(6) + VT_MDI(120) - 1);
	assert_int_equal(vt_state(t.r1, VT_LAN, NET_AF_IP4, 1),
			 VRRP_STATE_BACKUP);
	assert_int_equal(vt_state(t.r2, VT_LAN, NET_AF_IP4, 1),
			 VRRP_STATE_MASTER);
	vt_run(&t, SIM_S(6) + VT_MDI(120) + SIM_MS(1));
	for (int i = 0; i < 2; i++) {
		vt_info(t.r1, VT_LAN, fams[i], 1, &a);
		vt_info(t.r2, VT_LAN, fams[i], 1, &b);
		assert_int_equal(a.state, VRRP_STATE_MASTER);
		assert_int_equal(a.became_master, SIM_S(6) + VT_MDI(120));
		assert_int_equal(b.state, VRRP_STATE_BACKUP);
		assert_int_equal(b.master_priority, 120);
		assert_int_equal(vt_vmac_port(&t, fams[i], 1),
				 vt_port(&t, "p1"));
	}
	vt_run(&t, SIM_MS(7500));
	/* One overlap: R1 Master until its advertisement reaches R2. */
	assert_int_equal(d.overlaps, 1);
	assert_true(d.longest > 0 && d.longest < SIM_MS(1));
	assert_false(d.master[1]);
	m = sim_world_finish(t.w);
	assert_non_null(m);
	for (size_t f = 0; f < m->nflows; f++) {
		assert_int_equal(m->flows[f].dups, 0);
		assert_int_equal(m->flows[f].tail_lost, 0);
	}
	vt_free(&t);
}

/*
 * A virtual address added to or removed from a running Master changes in
 * place: no resignation (no priority 0), the new address is answered with
 * the virtual MAC, the removed one no longer.
 */
static void test_vaddr_change_in_place(void **state)
{
	struct vt t;
	struct vrrp_group_info a;
	char buf[4096];

	(void)state;
	vt_load(&t, NULL, FLAG);
	vt_run(&t, SIM_MS(1000));
	vt_cli(t.r1,
	       "system-view\ninterface " VT_LAN "\nvrrp vrid 1 "
	       "virtual-ip 10.1.1.253\ncommit",
	       buf, sizeof(buf));
	vt_run(&t, SIM_MS(1100));
	vt_info(t.r1, VT_LAN, NET_AF_IP4, 1, &a);
	assert_int_equal(a.state, VRRP_STATE_MASTER);
	assert_int_equal(a.to_master, 1);
	assert_int_equal(a.prio0_tx, 0);
	assert_int_equal(t.tap.prio0[0][1], 0);
	vt_cli(t.r1,
	       "system-view\ninterface " VT_LAN "\nundo vrrp vrid 1 "
	       "virtual-ip 10.1.1.254\ncommit",
	       buf, sizeof(buf));
	vt_run(&t, SIM_MS(1200));
	vt_info(t.r1, VT_LAN, NET_AF_IP4, 1, &a);
	assert_int_equal(a.state, VRRP_STATE_MASTER);
	assert_int_equal(a.to_master, 1);
	assert_non_null(strstr(vt_cli(t.r1, "display vrrp", buf, sizeof(buf)),
			       "Virtual IP      : 10.1.1.253"));
	assert_null(strstr(buf, "10.1.1.254"));
	vt_free(&t);
}

struct icmp_seen {
	int unreach;
};

static bool icmp_rx(void *ctx, struct node *h, struct node_iface *ifp,
		    const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct icmp_seen *c = ctx;

	(void)h;
	(void)ifp;
	(void)f;
	if (pi->l4_proto != 1 || !net_pkt_has(pi, NET_LAYER_ICMP) ||
	    pi->icmp.type != 3)
		return false;
	c->unreach++;
	return true;
}

/*
 * Accept_Mode (RFC 5798 6.1, 6.4.3): without it the Master drops a
 * datagram to the virtual address silently; with it the datagram is
 * received, and a closed port answers with ICMP port unreachable.
 */
static void test_accept_mode(void **state)
{
	struct vt t;
	struct icmp_seen seen = { 0 };
	struct node_host_listener l = { .ip_rx = icmp_rx, .ctx = &seen };
	struct net_addr vip;
	char buf[2048];

	(void)state;
	vt_load(&t, NULL, FLAG);
	assert_int_equal(net_addr_parse("10.1.1.254", &vip), 0);
	assert_int_equal(node_host_add_listener(t.h1, &l), 0);
	vt_run(&t, SIM_S(1));
	node_host_udp_send(t.h1, &vip, 5555, 9, 64, "x", 1);
	vt_run(&t, SIM_MS(1100));
	assert_int_equal(seen.unreach, 0);
	vt_cli(t.r1,
	       "system-view\ninterface " VT_LAN "\nvrrp vrid 1 "
	       "accept-mode\ncommit",
	       buf, sizeof(buf));
	node_host_udp_send(t.h1, &vip, 5555, 9, 64, "x", 1);
	vt_run(&t, SIM_MS(1200));
	assert_int_equal(seen.unreach, 1);
	vt_free(&t);
}

/*
 * Configuration actions on a tracked BFD session are not failures (RFC
 * 5882 section 3.2: AdminDown is not a path failure): on R2 (Backup,
 * `track bfd-session 20 peer`), shutting the session, deleting it and
 * moving BFD to the ASIC all take it down with diag AdminDown, and R2
 * must stay Backup; only a real failure (R1's crash) makes it Master.
 */
static void test_bfd_admin_not_failure(void **state)
{
	static const char *const steps[] = {
		"system-view\nbfd\nhardware-offload\ncommit\nreturn",
		"system-view\nbfd r1 bind peer-ip 10.1.1.1 source-ip 10.1.1.2 "
		"interface " VT_LAN "\nshutdown\ncommit\nreturn",
		"system-view\nundo bfd r1\ncommit\nreturn",
	};
	char buf[4096];

	(void)state;
	for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		struct vt t;

		vt_load(&t, NULL, FLAG);
		vt_run(&t, SIM_MS(1000));
		assert_int_equal(
			bfd_session_state(bfd_find_name(bfd_inst(t.r2), "r1")),
			BFD_STATE_UP);
		vt_cli(t.r2, "display vrrp", buf, sizeof(buf));
		assert_non_null(strstr(buf, "Track BFD       : 20   Up\n"));
		vt_cli(t.r2, steps[k], buf, sizeof(buf));
		if (strstr(buf, "Error"))
			fail_msg("%s", buf);
		vt_run(&t, SIM_MS(1500));
		for (int i = 0; i < 2; i++) {
			struct vrrp_group_info b;

			vt_info(t.r2, VT_LAN, fams[i], 1, &b);
			if (b.state != VRRP_STATE_BACKUP)
				fail_msg("step %zu: R2 %s", k,
					 vrrp_state_name(b.state));
			assert_int_equal(b.to_master, 0);
		}
		vt_free(&t);
	}
}

struct vw_seen {
	struct vrrp_inst *v;
	int calls, late_calls, late_id;
	enum vrrp_state late_last;
};

static void vw_late(void *arg, const char *ifname, enum net_af af, uint8_t vrid,
		    enum vrrp_state old, enum vrrp_state new)
{
	struct vw_seen *s = arg;

	(void)ifname;
	(void)af;
	(void)vrid;
	(void)old;
	s->late_calls++;
	s->late_last = new;
}

static void vw_first(void *arg, const char *ifname, enum net_af af,
		     uint8_t vrid, enum vrrp_state old, enum vrrp_state new)
{
	struct vw_seen *s = arg;

	(void)old;
	(void)new;
	if (s->calls++ == 0)
		s->late_id = vrrp_watch(s->v, ifname, af, vrid, vw_late, s);
}

/*
 * A watch added from a watcher's callback is told the state once, by
 * vrrp_watch itself, not a second time by the change being reported.
 */
static void test_watch_from_callback(void **state)
{
	struct vt t;
	struct vw_seen s = { 0 };

	(void)state;
	vt_load(&t, NULL, FLAG);
	s.v = vrrp_inst(t.r1);
	assert_true(vrrp_watch(s.v, VT_LAN, NET_AF_IP4, 1, vw_first, &s) > 0);
	vt_run(&t, SIM_MS(100));
	assert_int_equal(s.calls, 1); /* Backup */
	assert_true(s.late_id > 0);
	assert_int_equal(s.late_calls, 1);
	assert_int_equal(s.late_last, VRRP_STATE_BACKUP);
	vt_run(&t, SIM_MS(1000));
	assert_int_equal(s.calls, 2); /* then Master */
	assert_int_equal(s.late_calls, 2);
	assert_int_equal(s.late_last, VRRP_STATE_MASTER);
	vt_free(&t);
}

/*
 * A refused line leaves no group behind (the running configuration has
 * none): a wrong family, a missing interface in a track, a bad interval.
 */
static void test_refused_line_no_group(void **state)
{
	static const char *const bad[] = {
		"vrrp vrid 9 virtual-ip 2001:DB8::9",
		"vrrp vrid 9 track interface LoopBack77",
		"vrrp vrid 9 timer advertise 15 milli-second",
		"vrrp vrid 9 virtual-ip 10.5.5.5",
	};
	struct vt t;
	char cmd[512], buf[4096];

	(void)state;
	vt_load(&t, NULL, NOBFD);
	vt_run(&t, SIM_MS(500));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(cmd, sizeof(cmd),
			 "system-view\ninterface %s\n%s\ncommit\nreturn",
			 i == 3 ? "LoopBack5" : VT_LAN, bad[i]);
		vt_cli(t.r1, cmd, buf, sizeof(buf));
		if (!strstr(buf, "Error"))
			fail_msg("'%s' accepted:\n%s", bad[i], buf);
		vt_cli(t.r1, "display vrrp brief", buf, sizeof(buf));
		if (strstr(buf, "\n9 "))
			fail_msg("'%s' left a group:\n%s", bad[i], buf);
	}
	vt_free(&t);
}

/* An owner runs at 255; when it stops owning the address the configured
 * priority comes back (not the default). */
static void test_owner_priority_restored(void **state)
{
	struct vt t;
	struct vrrp_group_info a;
	char buf[4096];

	(void)state;
	vt_load(&t, NULL, FLAG);
	vt_run(&t, SIM_MS(1000));
	vt_cli(t.r2,
	       "system-view\ninterface " VT_LAN "\nvrrp vrid 1 "
	       "priority 150\nvrrp vrid 1 virtual-ip 10.1.1.2\ncommit",
	       buf, sizeof(buf));
	vt_run(&t, SIM_MS(1100));
	vt_info(t.r2, VT_LAN, NET_AF_IP4, 1, &a);
	assert_int_equal(a.priority, VRRP_PRIO_OWNER);
	vt_cli(t.r2,
	       "system-view\ninterface " VT_LAN "\nundo vrrp vrid 1 "
	       "virtual-ip 10.1.1.2\ncommit",
	       buf, sizeof(buf));
	vt_run(&t, SIM_MS(1200));
	vt_info(t.r2, VT_LAN, NET_AF_IP4, 1, &a);
	assert_int_equal(a.priority, 150);
	vt_free(&t);
}

/* A link-local address configured after the VRRP6 group (same commit)
 * is the group's primary address when it starts. */
static void test_primary_after_group(void **state)
{
	static const char text[] =
		"name: p\nduration: 1s\nnodes:\n"
		"  - name: R1\n    kind: router\n    config: |\n"
		"      system-view\n"
		"      interface GE0/1/0\n"
		"       ipv6 enable\n"
		"       vrrp6 vrid 1 virtual-ip FE80::254 link-local\n"
		"       ipv6 address FE80::9 link-local\n"
		"      commit\n"
		"  - { name: h, kind: host }\n"
		"links:\n  - { a: \"h:eth0\", b: \"R1:GE0/1/0\" }\n";
	struct sim_opts o = { .modules = protocols_all };
	const struct vrrp_group *g;
	struct scn_spec *spec;
	struct sim_world *w;
	struct net_addr want;
	char err[1024];

	(void)state;
	assert_int_equal(
		scn_load_string(text, "p.yaml", &spec, err, sizeof(err)), 0);
	w = sim_world_new(spec, &o, NULL, err, sizeof(err));
	assert_non_null(w);
	sim_world_run(w, SIM_MS(10));
	g = vrrp_group_of(vrrp_inst(router_from_node(sim_world_node(w, "R1"))),
			  VT_LAN, NET_AF_IP6, 1);
	assert_non_null(g);
	assert_int_equal(net_addr_parse("fe80::9", &want), 0);
	assert_true(net_addr_eq(&vrrp_group_cfg(g)->primary, &want));
	sim_world_free(w);
	scn_spec_free(spec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot),
		cmocka_unit_test(test_crash_no_bfd),
		cmocka_unit_test(test_crash_bfd_peer),
		cmocka_unit_test(test_lan_link_down),
		cmocka_unit_test(test_monitor_group_link),
		cmocka_unit_test(test_restart_preempts),
		cmocka_unit_test(test_vaddr_change_in_place),
		cmocka_unit_test(test_accept_mode),
		cmocka_unit_test(test_owner_priority_restored),
		cmocka_unit_test(test_primary_after_group),
		cmocka_unit_test(test_bfd_admin_not_failure),
		cmocka_unit_test(test_watch_from_callback),
		cmocka_unit_test(test_refused_line_no_group),
		cmocka_unit_test(vt_test_track_reduced),
		cmocka_unit_test(vt_test_track_reduced_delay),
		cmocka_unit_test(vt_test_mvrrp_flowdown),
		cmocka_unit_test(vt_test_mvrrp_unflowdown),
		cmocka_unit_test(vt_test_mvrrp_undo),
		cmocka_unit_test(vt_test_displays),
		cmocka_unit_test(vt_test_seed_forms),
		cmocka_unit_test(vt_test_cli_errors),
		cmocka_unit_test(vt_test_config_regressions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
