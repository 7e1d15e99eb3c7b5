/*
 * The "vrrp" rules over time (RFC 5798 / RFC 3768 section 6.4): the
 * advertisement interval, two Masters, takeover timing (early: MUST;
 * late: SHOULD) and the gratuitous ARP / unsolicited NA of a new Master,
 * each with exact timestamps on both sides of its tolerance (the
 * tolerance of an interval I is I * 10% + 5 ms), the cases the rules leave
 * unjudged, and the table bounds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_vrrp_testutil.h"
#include "sim/net/net_build.h"

#define A_IP "10.0.0.1"
#define B_IP "10.0.0.2"
#define VIP  "10.0.0.254"

/* Skew_Time and Master_Down_Interval of priority 100 at a 1 s interval
 * (v2 and v3 alike): (256 - 100) / 256 s and 3 s + that. */
#define SKEW100 SIM_NS(609375000)
#define MDI100	(SIM_S(3) + SKEW100)
#define TOL1S	(SIM_MS(100) + SIM_MS(5))

/* An advertisement of VRID 1 (v3 IPv4 unless version/six say). */
static void adv(struct cvt *t, sim_time_t at, const char *src, uint8_t prio,
		sim_time_t ivl)
{
	struct cvt_adv a;

	cvt_adv_init(&a, 3, false);
	a.src = cvt_addr(src);
	a.prio = prio;
	a.ivl = ivl;
	cvt_send(t, at, &a);
}

static void adv2(struct cvt *t, sim_time_t at, const char *src, uint8_t prio)
{
	struct cvt_adv a;

	cvt_adv_init(&a, 2, false);
	a.src = cvt_addr(src);
	a.prio = prio;
	cvt_send(t, at, &a);
}

/* A host's ARP request (not gratuitous): the capture carries ARP. */
static void host_arp(struct cvt *t, sim_time_t at)
{
	static const struct net_mac h = { { 0x02, 0, 0, 0, 0, 0x50 } };
	struct net_l2 l2 = { .src = h, .dst = net_mac_broadcast };
	struct net_arp arp = { .op = NET_ARP_REQUEST, .sha = h };
	uint8_t buf[64];
	struct net_wr w;
	int n;

	arp.spa = net_addr_ip4(
		&(struct net_addr){ NET_AF_IP4, { 10, 0, 0, 50 } });
	arp.tpa = net_addr_ip4(
		&(struct net_addr){ NET_AF_IP4, { 10, 0, 0, 254 } });
	net_wr_init(&w, buf, sizeof(buf));
	n = net_build_arp(&w, &l2, &arp);
	assert_true(n > 0);
	cvt_feed(t, at, buf, (size_t)n);
}

/* A Master advertising every second from `from` to `to` included. */
static void master(struct cvt *t, const char *src, uint8_t prio,
		   sim_time_t from, sim_time_t to)
{
	for (sim_time_t at = from; at <= to; at += SIM_S(1))
		adv(t, at, src, prio, SIM_S(1));
}

static void show(const struct cvt *t, const char *id)
{
	printf("  %s: %s\n", id, cvt_detail(t, id));
}

/* ---- vrrp.adver-interval ---- */

/* One gap after a steady second of advertisements: judged verdict. */
static int gap_verdict(sim_time_t gap, uint64_t *checked)
{
	struct cvt t;
	uint64_t f;

	cvt_open(&t, NULL);
	adv(&t, SIM_S(10), A_IP, 100, SIM_S(1));
	adv(&t, SIM_S(10) + gap, A_IP, 100, SIM_S(1));
	cvt_close_module(&t);
	*checked = cvt_checked(&t, "vrrp.adver-interval");
	f = cvt_failed(&t, "vrrp.adver-interval");
	if (f)
		show(&t, "vrrp.adver-interval");
	cvt_free(&t);
	return (int)f;
}

static void test_interval_bounds(void **state)
{
	uint64_t ck;

	(void)state;
	assert_int_equal(gap_verdict(SIM_S(1), &ck), 0);
	assert_int_equal(ck, 1);
	assert_int_equal(gap_verdict(SIM_S(1) + TOL1S, &ck), 0);
	assert_int_equal(gap_verdict(SIM_S(1) + TOL1S + 1, &ck), 1);
	assert_int_equal(gap_verdict(SIM_S(1) - TOL1S, &ck), 0);
	assert_int_equal(gap_verdict(SIM_S(1) - TOL1S - 1, &ck), 1);
	assert_int_equal(gap_verdict(SIM_MS(1), &ck), 1);
	/* two lost adverts: still judged, up to 3 intervals + tolerance */
	assert_int_equal(gap_verdict(3 * SIM_S(1) + TOL1S, &ck), 1);
	assert_int_equal(ck, 1);
	/* beyond: a pause, a new run, not an interval */
	assert_int_equal(gap_verdict(3 * SIM_S(1) + TOL1S + 1, &ck), 0);
	assert_int_equal(ck, 0);
}

/* Centisecond intervals (v3) and whole seconds (v2). */
static void test_interval_units(void **state)
{
	struct cvt t;
	sim_time_t tol = SIM_MS(10) + SIM_MS(5);

	(void)state;
	cvt_open(&t, NULL);
	adv(&t, 0, A_IP, 100, SIM_MS(100));
	adv(&t, SIM_MS(100) + tol, A_IP, 100, SIM_MS(100));
	adv(&t, 2 * SIM_MS(100) + 2 * tol + 1, A_IP, 100, SIM_MS(100));
	assert_int_equal(cvt_checked(&t, "vrrp.adver-interval"), 2);
	assert_int_equal(cvt_failed(&t, "vrrp.adver-interval"), 1);
	show(&t, "vrrp.adver-interval");
	cvt_free(&t);

	cvt_open(&t, NULL);
	adv2(&t, 0, A_IP, 100);
	adv2(&t, SIM_S(1), A_IP, 100);
	adv2(&t, SIM_S(2) + SIM_MS(200), A_IP, 100);
	assert_int_equal(cvt_checked(&t, "vrrp.adver-interval"), 2);
	assert_int_equal(cvt_failed(&t, "vrrp.adver-interval"), 1);
	cvt_free(&t);
}

/* Changes advertised at once and another router in between: unjudged. */
static void test_interval_skips(void **state)
{
	struct cvt t;

	(void)state;
	cvt_open(&t, NULL);
	adv(&t, 0, A_IP, 100, SIM_S(1));
	adv(&t, SIM_MS(300), A_IP, 90, SIM_S(1));  /* priority change */
	adv(&t, SIM_MS(500), A_IP, 90, SIM_S(2));  /* interval change */
	adv(&t, SIM_MS(2500), A_IP, 90, SIM_S(2)); /* judged: right */
	/* a priority 0 from B: A answers at once (6.4.3) */
	adv(&t, SIM_MS(2600), B_IP, 0, SIM_S(2));
	adv(&t, SIM_MS(2601), A_IP, 90, SIM_S(2));
	adv(&t, SIM_MS(4601), A_IP, 90, SIM_S(2)); /* judged: right */
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.adver-interval"), 2);
	assert_int_equal(cvt_failed(&t, "vrrp.adver-interval"), 0);
	cvt_free(&t);
}

/* ---- vrrp.two-masters ---- */

/* A (0, 1, 2, 3, then last_a) and B (0.5 .. 4.5 every second), equal
 * priority: the overlap at B's 4.5 s is last_a - 0.5 s. */
static uint64_t two_verdict(sim_time_t last_a, uint8_t pa, uint8_t pb)
{
	struct cvt t;
	uint64_t f;

	cvt_open(&t, NULL);
	for (int i = 0; i < 4; i++) {
		adv(&t, SIM_S(i), A_IP, pa, SIM_S(1));
		adv(&t, SIM_S(i) + SIM_MS(500), B_IP, pb, SIM_S(1));
	}
	adv(&t, last_a, A_IP, pa, SIM_S(1));
	adv(&t, SIM_MS(4500), B_IP, pb, SIM_S(1));
	for (int i = 5; i < 12; i++)
		adv(&t, SIM_S(i) + SIM_MS(500), B_IP, pb, SIM_S(1));
	cvt_close_module(&t);
	f = cvt_failed(&t, "vrrp.two-masters");
	if (f)
		show(&t, "vrrp.two-masters");
	assert_true(cvt_checked(&t, "vrrp.two-masters") >= 1);
	cvt_free(&t);
	return f;
}

static void test_two_masters(void **state)
{
	/* the one to yield has priority 100: MDI 3.609375 s + 0.105 s */
	sim_time_t edge = SIM_MS(500) + MDI100 + TOL1S;

	(void)state;
	assert_int_equal(two_verdict(edge, 100, 100), 0);
	assert_int_equal(two_verdict(edge + 1, 100, 100), 1);
	assert_int_equal(two_verdict(edge + 1, 200, 100), 1);
	assert_int_equal(two_verdict(edge + 1, 100, 200), 1);
	/* A of priority 50 should yield: MDI (206/256 s) is longer */
	assert_int_equal(two_verdict(edge + 1, 50, 200), 0);
}

/* Who should have yielded, named in the finding. */
static void test_two_masters_detail(void **state)
{
	struct cvt t;

	(void)state;
	cvt_open(&t, NULL);
	for (int i = 0; i < 8; i++) {
		adv(&t, SIM_S(i), A_IP, 100, SIM_S(1));
		adv(&t, SIM_S(i) + SIM_MS(500), B_IP, 100, SIM_S(1));
	}
	cvt_close_module(&t);
	assert_int_equal(cvt_failed(&t, "vrrp.two-masters"), 1);
	assert_non_null(strstr(cvt_detail(&t, "vrrp.two-masters"),
			       "10.0.0.1 (prio 100) should have yielded to "
			       "10.0.0.2 (prio 100, tie: lower address)"));
	cvt_free(&t);

	/* a normal preemption: the old Master sends one more, then stops */
	cvt_open(&t, NULL);
	master(&t, A_IP, 100, 0, SIM_S(5));
	adv(&t, SIM_MS(5500), B_IP, 200, SIM_S(1));
	adv(&t, SIM_MS(5510), A_IP, 100, SIM_S(1));
	master(&t, B_IP, 200, SIM_MS(6500), SIM_S(12));
	cvt_close_module(&t);
	assert_int_equal(cvt_failed(&t, "vrrp.two-masters"), 0);
	assert_int_equal(cvt_checked(&t, "vrrp.two-masters"), 1);
	assert_int_equal(cvt_failed(&t, "vrrp.takeover"), 0);
	assert_int_equal(
		cvt_count(&t, "vrrp takeovers by preemption (not judged)"), 1);
	cvt_free(&t);
}

/* The same VRID on two links, and IPv4 / IPv6: separate flows. */
static void test_flow_keys(void **state)
{
	struct cvt t;
	struct cvt_adv a6;

	(void)state;
	cvt_open(&t, NULL);
	cvt_adv_init(&a6, 3, true);
	for (int i = 0; i < 10; i++) {
		t.link = 1;
		adv(&t, SIM_S(i), A_IP, 100, SIM_S(1));
		t.link = 2;
		adv(&t, SIM_S(i) + SIM_MS(500), B_IP, 100, SIM_S(1));
		cvt_send(&t, SIM_S(i) + SIM_MS(700), &a6);
	}
	cvt_close_module(&t);
	assert_int_equal(cvt_failed(&t, "vrrp.two-masters"), 0);
	assert_int_equal(cvt_checked(&t, "vrrp.two-masters"), 3);
	assert_int_equal(cvt_failed(&t, "vrrp.adver-interval"), 0);
	assert_int_equal(cvt_checked(&t, "vrrp.adver-interval"), 27);
	cvt_free(&t);
}

/* ---- vrrp.takeover, vrrp.takeover-late ---- */

/* A (priority 200) Master 0..5 s, B (100) first advertises at at. */
static uint64_t takeover_verdict(sim_time_t at, bool resign)
{
	struct cvt t;
	uint64_t f;

	cvt_open(&t, NULL);
	master(&t, A_IP, 200, 0, SIM_S(5));
	if (resign)
		adv(&t, SIM_MS(5200), A_IP, 0, SIM_S(1));
	master(&t, B_IP, 100, at, at + SIM_S(5));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 1);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover-late"), 0);
	f = cvt_failed(&t, "vrrp.takeover");
	if (f)
		show(&t, "vrrp.takeover");
	cvt_free(&t);
	return f;
}

static void test_takeover(void **state)
{
	sim_time_t t0 = SIM_S(5), r0 = SIM_MS(5200);

	(void)state;
	assert_int_equal(takeover_verdict(t0 + MDI100, false), 0);
	assert_int_equal(takeover_verdict(t0 + MDI100 - TOL1S, false), 0);
	assert_int_equal(takeover_verdict(t0 + MDI100 - TOL1S - 1, false), 1);
	/* a priority 0: Skew_Time */
	assert_int_equal(takeover_verdict(r0 + SKEW100, true), 0);
	assert_int_equal(takeover_verdict(r0 + SKEW100 - TOL1S, true), 0);
	assert_int_equal(takeover_verdict(r0 + SKEW100 - TOL1S - 1, true), 1);
}

/* B starts while A is not yet overdue: decided once A misses its turn. */
static void test_takeover_pending(void **state)
{
	struct cvt t;

	(void)state;
	cvt_open(&t, NULL);
	master(&t, A_IP, 200, 0, SIM_S(5));
	master(&t, B_IP, 100, SIM_MS(5500), SIM_S(9));
	cvt_close_module(&t);
	assert_int_equal(cvt_failed(&t, "vrrp.takeover"), 1);
	show(&t, "vrrp.takeover");
	cvt_free(&t);

	/* A goes on: two Masters, not a takeover */
	cvt_open(&t, NULL);
	master(&t, A_IP, 200, 0, SIM_S(5));
	adv(&t, SIM_MS(5500), B_IP, 100, SIM_S(1));
	master(&t, A_IP, 200, SIM_S(6), SIM_S(9));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 0);
	assert_int_equal(cvt_count(&t, "vrrp takeovers with the old Master "
				       "still advertising (two Masters, not "
				       "judged)"),
			 1);
	cvt_free(&t);

	/* the capture ends before A's turn: not judged */
	cvt_open(&t, NULL);
	master(&t, A_IP, 200, 0, SIM_S(5));
	adv(&t, SIM_MS(5500), B_IP, 100, SIM_S(1));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 0);
	cvt_free(&t);
}

/* VRRPv3 at 100 ms: Master_Adver_Interval learned from the old Master. */
static void test_takeover_centiseconds(void **state)
{
	/* B of priority 100 with A's 100 ms: 300 ms + 60.9375 ms */
	sim_time_t mdi = SIM_MS(300) + SIM_NS(60937500);
	sim_time_t tol = SIM_MS(15);

	(void)state;
	for (int k = 0; k < 2; k++) {
		struct cvt t;
		sim_time_t t1 = SIM_S(1) + mdi - tol - k;

		cvt_open(&t, NULL);
		for (sim_time_t at = 0; at <= SIM_S(1); at += SIM_MS(100))
			adv(&t, at, A_IP, 200, SIM_MS(100));
		/* B's own interval is 1 s: v3 uses the learned 100 ms */
		adv(&t, t1, B_IP, 100, SIM_S(1));
		cvt_close_module(&t);
		assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 1);
		assert_int_equal(cvt_failed(&t, "vrrp.takeover"), (uint64_t)k);
		cvt_free(&t);
	}
}

/* VRRPv2 uses the new Master's own interval, Skew_Time in seconds. */
static void test_takeover_v2(void **state)
{
	struct cvt t;

	(void)state;
	cvt_open(&t, NULL);
	for (int i = 0; i <= 5; i++)
		adv2(&t, SIM_S(i), A_IP, 200);
	adv2(&t, SIM_S(5) + MDI100 - TOL1S - 1, B_IP, 100);
	cvt_close_module(&t);
	assert_int_equal(cvt_failed(&t, "vrrp.takeover"), 1);
	assert_non_null(strstr(cvt_detail(&t, "vrrp.takeover"), "VRRPv2"));
	cvt_free(&t);
}

/* Preemption by a winner and an owner: unjudged. */
static void test_takeover_unjudged(void **state)
{
	struct cvt t;

	(void)state;
	cvt_open(&t, NULL);
	master(&t, A_IP, 100, 0, SIM_S(5));
	master(&t, B_IP, 255, SIM_MS(5100), SIM_S(8));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 0);
	assert_int_equal(
		cvt_count(&t, "vrrp takeovers by an owner (not judged)"), 1);
	cvt_free(&t);

	/* equal priority, greater address: may preempt (6.4.3 order) */
	cvt_open(&t, NULL);
	master(&t, A_IP, 100, 0, SIM_S(5));
	master(&t, B_IP, 100, SIM_MS(5100), SIM_S(8));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 0);
	cvt_free(&t);
}

/* B was Master, yielded to A, then takes over when A fails. */
static uint64_t late_verdict(sim_time_t after)
{
	struct cvt t;
	uint64_t f;

	cvt_open(&t, NULL);
	master(&t, B_IP, 100, 0, SIM_S(2));
	master(&t, A_IP, 200, SIM_MS(2500), SIM_MS(10500));
	master(&t, B_IP, 100, SIM_MS(10500) + after, SIM_S(20));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.takeover"), 1);
	if (cvt_failed(&t, "vrrp.takeover"))
		fail_msg("%s", cvt_detail(&t, "vrrp.takeover"));
	assert_int_equal(cvt_checked(&t, "vrrp.takeover-late"), 1);
	f = cvt_failed(&t, "vrrp.takeover-late");
	if (f)
		show(&t, "vrrp.takeover-late");
	/* SHOULD: counted apart from MUST failures */
	{
		uint64_t must, should, noted;

		ck_totals(t.c, &must, &should, &noted);
		assert_int_equal(should, f);
	}
	cvt_free(&t);
	return f;
}

static void test_takeover_late(void **state)
{
	(void)state;
	assert_int_equal(late_verdict(MDI100), 0);
	assert_int_equal(late_verdict(MDI100 + SIM_S(1) + TOL1S), 0);
	assert_int_equal(late_verdict(MDI100 + SIM_S(1) + TOL1S + 1), 1);
}

/* ---- vrrp.garp, vrrp.una ---- */

/* A Master 0..5 s, B takes over in time; its GARP at garp_at (-1: none);
 * the capture goes on to `end`. */
static void garp_run(struct cvt *t, sim_time_t garp_at, sim_time_t end)
{
	struct net_addr vip = cvt_addr(VIP);
	sim_time_t t1 = SIM_S(5) + MDI100;

	cvt_open(t, NULL);
	host_arp(t, 0);
	master(t, A_IP, 200, 0, SIM_S(5));
	if (garp_at >= 0 && garp_at < t1)
		cvt_send_garp(t, garp_at, &vip, 1);
	adv(t, t1, B_IP, 100, SIM_S(1));
	if (garp_at >= t1)
		cvt_send_garp(t, garp_at, &vip, 1);
	for (sim_time_t at = t1 + SIM_S(1); at <= end; at += SIM_S(1))
		adv(t, at, B_IP, 100, SIM_S(1));
	cvt_close_module(t);
}

static void test_garp_window(void **state)
{
	sim_time_t t1 = SIM_S(5) + MDI100;
	/* one interval + 100 ms after, 100 ms before */
	static const struct {
		sim_time_t off;
		int fail;
	} k[] = {
		{ SIM_MS(1), 0 },    { 0, 0 },
		{ -SIM_MS(100), 0 }, { -SIM_MS(100) - 1, 1 },
		{ SIM_MS(1100), 0 }, { SIM_MS(1100) + 1, 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		struct cvt t;

		garp_run(&t, t1 + k[i].off, SIM_S(15));
		assert_int_equal(cvt_checked(&t, "vrrp.garp"), 1);
		assert_int_equal(cvt_failed(&t, "vrrp.garp"),
				 (uint64_t)k[i].fail);
		if (k[i].fail)
			show(&t, "vrrp.garp");
		cvt_free(&t);
	}
}

static void test_garp_missing(void **state)
{
	struct cvt t;

	(void)state;
	garp_run(&t, -1, SIM_S(15));
	assert_int_equal(cvt_failed(&t, "vrrp.garp"), 1);
	show(&t, "vrrp.garp");
	cvt_free(&t);
	/* the capture ends inside the window: not judged */
	garp_run(&t, -1, 0);
	assert_int_equal(cvt_checked(&t, "vrrp.garp"), 0);
	assert_int_equal(cvt_count(&t, "vrrp announcements at the end of the "
				       "capture (not judged)"),
			 1);
	cvt_free(&t);
	/* the first Master of a capture: nothing expected */
	cvt_open(&t, NULL);
	master(&t, A_IP, 200, 0, SIM_S(10));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.garp"), 0);
	cvt_free(&t);
}

/* A capture without any ARP was filtered: announcements not judged. */
static void test_garp_filtered(void **state)
{
	struct cvt t;

	(void)state;
	cvt_open(&t, NULL);
	master(&t, A_IP, 200, 0, SIM_S(5));
	master(&t, B_IP, 100, SIM_S(5) + MDI100, SIM_S(15));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.garp"), 0);
	assert_int_equal(cvt_count(&t, "vrrp announcements without ARP in "
				       "the capture (not judged)"),
			 1);
	cvt_free(&t);
	/* ARP seen after the window: the missing one is judged late */
	cvt_open(&t, NULL);
	master(&t, A_IP, 200, 0, SIM_S(5));
	master(&t, B_IP, 100, SIM_S(5) + MDI100, SIM_S(15));
	host_arp(&t, SIM_S(16));
	adv(&t, SIM_MS(16100), B_IP, 100, SIM_S(1));
	cvt_close_module(&t);
	assert_int_equal(cvt_failed(&t, "vrrp.garp"), 1);
	cvt_free(&t);
}

/* A wrong announcement is named in the finding. */
static void test_garp_wrong(void **state)
{
	static const struct net_mac phys = { { 0x00, 0x1b, 0x21, 1, 2, 3 } };
	struct net_mac vm = ckv_vmac(NET_AF_IP4, 1);
	struct net_mac uni = { { 0x00, 0x1b, 0x21, 9, 9, 9 } };
	struct {
		const struct net_mac *sha, *dst;
		uint16_t op;
		const char *why;
	} k[] = {
		{ &phys, &net_mac_broadcast, NET_ARP_REQUEST, "sender MAC" },
		{ &vm, &net_mac_broadcast, NET_ARP_REPLY, "ARP reply" },
		{ &vm, &uni, NET_ARP_REQUEST, "not broadcast" },
	};
	struct net_addr vip = cvt_addr(VIP);

	(void)state;
	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		struct cvt t;
		uint8_t buf[128];
		size_t n;
		sim_time_t t1 = SIM_S(5) + MDI100;

		cvt_open(&t, NULL);
		host_arp(&t, 0);
		master(&t, A_IP, 200, 0, SIM_S(5));
		adv(&t, t1, B_IP, 100, SIM_S(1));
		n = cvt_garp(buf, sizeof(buf), &vip, k[i].sha, k[i].op,
			     k[i].dst);
		cvt_feed(&t, t1 + SIM_MS(1), buf, n);
		master(&t, B_IP, 100, t1 + SIM_S(1), t1 + SIM_S(3));
		cvt_close_module(&t);
		assert_int_equal(cvt_failed(&t, "vrrp.garp"), 1);
		assert_non_null(strstr(cvt_detail(&t, "vrrp.garp"), k[i].why));
		show(&t, "vrrp.garp");
		cvt_free(&t);
	}
}

/* IPv6: one unsolicited NA per address, R and O set, S clear, TLLA. */
static void test_una(void **state)
{
	struct net_mac vm = ckv_vmac(NET_AF_IP6, 1);
	struct {
		uint32_t flags;
		bool tll;
		int fail;
	} k[] = {
		{ NET_ND_NA_ROUTER | NET_ND_NA_OVERRIDE, true, 0 },
		{ NET_ND_NA_OVERRIDE, true, 1 },
		{ NET_ND_NA_ROUTER, true, 1 },
		{ NET_ND_NA_ROUTER | NET_ND_NA_OVERRIDE | NET_ND_NA_SOLICITED,
		  true, 1 },
		{ NET_ND_NA_ROUTER | NET_ND_NA_OVERRIDE, false, 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		struct cvt_adv a, b;
		struct cvt t;
		sim_time_t t1 = SIM_S(5) + MDI100;
		uint8_t buf[256];
		size_t n;

		cvt_open(&t, NULL);
		cvt_adv_init(&a, 3, true);
		a.prio = 200;
		b = a;
		b.prio = 100;
		b.src = cvt_addr("fe80::2");
		for (int s = 0; s <= 5; s++)
			cvt_send(&t, SIM_S(s), &a);
		cvt_send(&t, t1, &b);
		/* the link-local address right, the global one per case */
		cvt_send_una(&t, t1 + SIM_MS(1), &b.addrs[0], 1);
		n = cvt_na(buf, sizeof(buf), &b.addrs[1], k[i].tll ? &vm : NULL,
			   k[i].flags);
		cvt_feed(&t, t1 + SIM_MS(2), buf, n);
		for (int s = 1; s <= 3; s++)
			cvt_send(&t, t1 + SIM_S(s), &b);
		cvt_close_module(&t);
		assert_int_equal(cvt_checked(&t, "vrrp.una"), 2);
		assert_int_equal(cvt_failed(&t, "vrrp.una"),
				 (uint64_t)k[i].fail);
		assert_int_equal(cvt_checked(&t, "vrrp.garp"), 0);
		if (k[i].fail)
			show(&t, "vrrp.una");
		cvt_free(&t);
	}
}

/* A Master back after its own silence (not judged: a link outage looks
 * the same), and one back after its priority 0 (judged). */
static void test_garp_after_pause(void **state)
{
	struct cvt t;
	struct net_addr vip = cvt_addr(VIP);

	(void)state;
	cvt_open(&t, NULL);
	master(&t, A_IP, 200, 0, SIM_S(5));
	master(&t, A_IP, 200, SIM_S(20), SIM_S(25));
	adv(&t, SIM_S(26), A_IP, 0, SIM_S(1));
	adv(&t, SIM_S(40), A_IP, 200, SIM_S(1));
	cvt_send_garp(&t, SIM_MS(40010), &vip, 1);
	master(&t, A_IP, 200, SIM_S(41), SIM_S(45));
	cvt_close_module(&t);
	assert_int_equal(cvt_checked(&t, "vrrp.garp"), 1);
	assert_int_equal(cvt_failed(&t, "vrrp.garp"), 0);
	assert_int_equal(cvt_count(&t, "vrrp Masters heard again after a "
				       "silence (no announcement judged)"),
			 1);
	cvt_free(&t);
}

/* ---- bounds ---- */

static void test_bounds(void **state)
{
	struct cvt t;
	struct cvt_adv a;

	(void)state;
	cvt_open(&t, NULL);
	cvt_adv_init(&a, 3, false);
	/* CKV_FLOWS_MAX flows by link, then one more */
	for (uint32_t l = 0; l <= CKV_FLOWS_MAX; l++) {
		t.link = l + 1;
		cvt_send(&t, SIM_S(1), &a);
	}
	assert_int_equal(cvt_count(&t, "vrrp flows over the limit (not "
				       "checked)"),
			 1);
	/* CKV_SENDERS_MAX routers in one flow, then one more */
	t.link = 1;
	for (int i = 0; i < CKV_SENDERS_MAX; i++) { /* + the one there */
		a.src.b[3] = (uint8_t)(10 + i);
		cvt_send(&t, SIM_S(2), &a);
	}
	assert_int_equal(cvt_count(&t, "vrrp routers over the limit (not "
				       "checked)"),
			 1);
	cvt_free(&t);

	/* CKV_PENDING_MAX transitions awaiting announcements, then one more */
	cvt_open(&t, NULL);
	host_arp(&t, 0);
	cvt_adv_init(&a, 3, false);
	for (int v = 1; v <= CKV_PENDING_MAX + 1; v++) {
		a.vrid = (uint8_t)v;
		a.src = cvt_addr(A_IP);
		a.prio = 200;
		cvt_send(&t, SIM_S(1), &a);
	}
	for (int v = 1; v <= CKV_PENDING_MAX + 1; v++) {
		a.vrid = (uint8_t)v;
		a.src = cvt_addr(B_IP);
		a.prio = 100;
		cvt_send(&t, SIM_S(10), &a);
	}
	assert_int_equal(cvt_count(&t, "vrrp announcements over the limit "
				       "(not judged)"),
			 1);
	cvt_send(&t, SIM_S(20), &a);
	cvt_close_module(&t);
	assert_int_equal(cvt_failed(&t, "vrrp.garp"), CKV_PENDING_MAX);
	cvt_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interval_bounds),
		cmocka_unit_test(test_interval_units),
		cmocka_unit_test(test_interval_skips),
		cmocka_unit_test(test_two_masters),
		cmocka_unit_test(test_two_masters_detail),
		cmocka_unit_test(test_flow_keys),
		cmocka_unit_test(test_takeover),
		cmocka_unit_test(test_takeover_pending),
		cmocka_unit_test(test_takeover_centiseconds),
		cmocka_unit_test(test_takeover_v2),
		cmocka_unit_test(test_takeover_unjudged),
		cmocka_unit_test(test_takeover_late),
		cmocka_unit_test(test_garp_window),
		cmocka_unit_test(test_garp_missing),
		cmocka_unit_test(test_garp_filtered),
		cmocka_unit_test(test_garp_wrong),
		cmocka_unit_test(test_una),
		cmocka_unit_test(test_garp_after_pause),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests_name("ck_r_vrrp_flow", tests, NULL, NULL);
}
