/*
 * Tests of the ASIC's CPU path, ports and crash reset: punt latency, the
 * CPU service rate with its remainder carry, queue overflow drops, freeze,
 * injection (latency, egress state, bypassing the CPU queue), callbacks
 * that re-enter the ASIC, the link_detect delay of port events (flaps
 * shorter than it included), and a reset that frees every frame and
 * cancels every timer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/asic/asic_test_env.h"

#define PUNT SIM_US(30)

static struct net_frame *arp(struct tenv *e)
{
	return tenv_arp_request(e, "10.0.0.9", "10.0.0.1");
}

static void test_punt_latency(void **state)
{
	struct tenv *e = tenv_new(NULL);

	(void)state;
	tenv_rx_at(e, SIM_MS(1), 2, arp(e));
	tenv_run(e, SIM_MS(1) + PUNT - 1);
	assert_int_equal(e->ncp, 0);
	tenv_run(e, SIM_MS(2));
	assert_int_equal(e->ncp, 1);
	assert_int_equal(e->cp[0].t, SIM_MS(1) + PUNT);
	assert_int_equal(e->cp[0].ifindex, 2);
	assert_int_equal(e->cp[0].reason, ASIC_PUNT_ARP);
	assert_int_equal(asic_counters(e->a)->cpu_delivered, 1);
	tenv_free(e);
}

/* 20000 pps: one frame per 50 us, the first at once. */
static void test_service_rate(void **state)
{
	struct tenv *e = tenv_new(NULL);

	(void)state;
	for (int i = 0; i < 10; i++)
		asic_rx(e->a, 0, arp(e));
	assert_int_equal(asic_cpu_depth(e->a), 0); /* still in flight */
	tenv_run(e, PUNT);
	assert_int_equal(asic_cpu_depth(e->a), 9);
	tenv_run(e, SIM_MS(10));
	assert_int_equal(e->ncp, 10);
	for (int i = 0; i < 10; i++)
		assert_int_equal(e->cp[i].t, PUNT + i * SIM_US(50));
	assert_int_equal(asic_counters(e->a)->cpu_max_depth, 9);
	/* Idle for a while: the next frame is served on arrival. */
	tenv_rx_at(e, SIM_MS(20), 0, arp(e));
	tenv_run(e, SIM_MS(30));
	assert_int_equal(e->cp[10].t, SIM_MS(20) + PUNT);
	tenv_free(e);
}

/* 3 pps: 333333333.3 ns; the carried remainder makes 3 steps = 1 s. */
static void test_rate_remainder(void **state)
{
	struct asic_profile p;
	struct tenv *e;

	(void)state;
	asic_profile_default(&p);
	p.cpu_pps = 3;
	e = tenv_new(&p);
	for (int i = 0; i < 7; i++)
		asic_rx(e->a, 0, arp(e));
	tenv_run(e, SIM_S(3));
	assert_int_equal(e->ncp, 7);
	assert_int_equal(e->cp[1].t - e->cp[0].t, 333333333);
	assert_int_equal(e->cp[2].t - e->cp[0].t, 666666666);
	assert_int_equal(e->cp[3].t - e->cp[0].t, SIM_S(1));
	assert_int_equal(e->cp[6].t - e->cp[0].t, SIM_S(2));
	tenv_free(e);
}

static void test_unlimited_cpu(void **state)
{
	struct asic_profile p;
	struct tenv *e;

	(void)state;
	asic_profile_default(&p);
	p.cpu_pps = 0;
	e = tenv_new(&p);
	for (int i = 0; i < 5; i++)
		asic_rx(e->a, 0, arp(e));
	tenv_run(e, SIM_MS(1));
	assert_int_equal(e->ncp, 5);
	assert_int_equal(e->cp[4].t, PUNT);
	tenv_free(e);
}

static void test_queue_overflow(void **state)
{
	struct asic_profile p;
	struct tenv *e;

	(void)state;
	asic_profile_default(&p);
	p.cpu_queue = 4;
	e = tenv_new(&p);
	for (int i = 0; i < 10; i++)
		asic_rx(e->a, 1, arp(e));
	tenv_run(e, SIM_MS(10));
	/* One served on arrival, four queued, five dropped. */
	assert_int_equal(e->ncp, 5);
	assert_int_equal(asic_counters(e->a)->all.dropped[ASIC_DROP_CPU_QUEUE],
			 5);
	assert_int_equal(
		asic_port_counters(e->a, 1)->dropped[ASIC_DROP_CPU_QUEUE], 5);
	assert_int_equal(asic_counters(e->a)->all.punted[ASIC_PUNT_ARP], 10);
	assert_int_equal(e->cp[4].t, PUNT + 4 * SIM_US(50));
	tenv_free(e);
}

static void test_freeze(void **state)
{
	struct asic_profile p;
	struct tenv *e;

	(void)state;
	asic_profile_default(&p);
	p.cpu_queue = 3;
	e = tenv_new(&p);
	asic_cpu_freeze(e->a, SIM_MS(5));
	asic_cpu_freeze(e->a, SIM_MS(2)); /* never shortens */
	for (int i = 0; i < 5; i++)
		asic_rx(e->a, 0, arp(e));
	tenv_run(e, SIM_MS(5) - 1);
	assert_int_equal(e->ncp, 0);
	assert_int_equal(asic_cpu_depth(e->a), 3);
	assert_int_equal(asic_counters(e->a)->all.dropped[ASIC_DROP_CPU_QUEUE],
			 2);
	tenv_run(e, SIM_MS(10));
	assert_int_equal(e->ncp, 3);
	assert_int_equal(e->cp[0].t, SIM_MS(5));
	assert_int_equal(e->cp[1].t, SIM_MS(5) + SIM_US(50));
	assert_int_equal(e->cp[2].t, SIM_MS(5) + SIM_US(100));
	/* Freeze while frames wait: service pauses mid-queue. */
	for (int i = 0; i < 3; i++)
		asic_rx(e->a, 0, arp(e));
	tenv_run(e, SIM_MS(10) + PUNT + 1);
	assert_int_equal(e->ncp, 4);
	asic_cpu_freeze(e->a, SIM_MS(12));
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->ncp, 6);
	assert_int_equal(e->cp[4].t, SIM_MS(12));
	assert_int_equal(e->cp[5].t, SIM_MS(12) + SIM_US(50));
	tenv_free(e);
}

static void test_inject(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_frame *f = arp(e);
	uint8_t orig[NET_FRAME_MAX];
	uint16_t len = f->len;

	(void)state;
	memcpy(orig, f->data, len);
	/* A frozen, full CPU does not hold up transmission. */
	asic_cpu_freeze(e->a, SIM_S(1));
	tenv_run(e, SIM_MS(1));
	asic_inject(e->a, 3, f);
	asic_inject(e->a, 7, arp(e));
	asic_inject(e->a, 0, NULL);
	tenv_run(e, SIM_MS(2));
	assert_int_equal(e->ntx, 1);
	assert_int_equal(e->tx[0].t, SIM_MS(1) + SIM_US(20));
	assert_int_equal(e->tx[0].ifindex, 3);
	assert_int_equal(e->tx[0].len, len);
	assert_memory_equal(e->tx[0].data, orig, len);
	assert_int_equal(asic_port_counters(e->a, 3)->injected, 1);
	assert_int_equal(asic_counters(e->a)->all.dropped[ASIC_DROP_NO_PORT],
			 1);
	asic_port_carrier(e->a, 3, false);
	asic_inject(e->a, 3, arp(e));
	tenv_run(e, SIM_MS(3));
	assert_int_equal(e->ntx, 1);
	assert_int_equal(
		asic_counters(e->a)->all.dropped[ASIC_DROP_EGRESS_DOWN], 1);
	tenv_free(e);
}

/* The control plane answers from inside cp_rx (inject, re-punt). */
static void answer(struct tenv *e, int ifindex, struct net_frame *f)
{
	asic_inject(e->a, ifindex, f);
	if (e->ncp == 1)
		asic_rx(e->a, ifindex, arp(e));
}

static void test_reentrant_cp_rx(void **state)
{
	struct tenv *e = tenv_new(NULL);

	(void)state;
	e->on_cp_rx = answer;
	asic_rx(e->a, 1, arp(e));
	asic_rx(e->a, 1, arp(e));
	tenv_run(e, SIM_MS(1));
	assert_int_equal(e->ncp, 3);
	assert_int_equal(e->cp[0].t, PUNT);
	assert_int_equal(e->cp[1].t, PUNT + SIM_US(50));
	assert_int_equal(e->cp[2].t, PUNT + SIM_US(100));
	assert_int_equal(e->ntx, 3);
	assert_int_equal(e->tx[0].t, PUNT + SIM_US(20));
	tenv_free(e);
}

static void test_port_events(void **state)
{
	struct tenv *e = tenv_new(NULL);

	(void)state;
	tenv_run(e, SIM_MS(1));
	asic_port_carrier(e->a, 1, false);
	asic_port_carrier(e->a, 1, false); /* no change: ignored */
	tenv_run(e, SIM_MS(2));
	asic_port_carrier(e->a, 1, true); /* a 1 ms flap */
	tenv_run(e, SIM_MS(3));
	asic_port_carrier(e->a, 2, false);
	tenv_run(e, SIM_MS(6) - 1);
	assert_int_equal(e->npev, 0);
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->npev, 3);
	assert_int_equal(e->pev[0].t, SIM_MS(6));
	assert_int_equal(e->pev[0].ifindex, 1);
	assert_false(e->pev[0].up);
	assert_int_equal(e->pev[1].t, SIM_MS(7));
	assert_true(e->pev[1].up);
	assert_int_equal(e->pev[2].t, SIM_MS(8));
	assert_int_equal(e->pev[2].ifindex, 2);
	assert_false(e->pev[2].up);
	/* Unknown ports are ignored. */
	asic_port_carrier(e->a, 9, false);
	asic_port_admin(e->a, 9, false);
	tenv_run(e, SIM_MS(40));
	assert_int_equal(e->npev, 3);
	/* Many edges at once: ring growth keeps order. */
	for (int i = 0; i < 40; i++)
		asic_port_carrier(e->a, 3, i % 2 == 1);
	tenv_run(e, SIM_MS(50));
	assert_int_equal(e->npev, 43);
	for (int i = 0; i < 40; i++) {
		assert_int_equal(e->pev[3 + i].t, SIM_MS(45));
		assert_int_equal(e->pev[3 + i].up, i % 2 == 1);
	}
	tenv_free(e);
}

static void test_profile(void **state)
{
	struct asic_profile p, bad;
	struct tenv *e;

	(void)state;
	asic_profile_default(&p);
	assert_string_equal(p.name, "default");
	assert_int_equal(p.cpu_pps, 20000);
	assert_int_equal(p.egress_queue, 1000);
	bad = p;
	bad.fib_write = -1;
	e = tenv_new(&p);
	assert_null(asic_new(e->eng, NULL, &e->pool, "X", &bad,
			     &(struct asic_ops){ 0 }, NULL));
	assert_string_equal(asic_profile(e->a)->name, "default");
	assert_string_equal(asic_punt_name(ASIC_PUNT_NO_CACHE), "no-cache");
	assert_string_equal(asic_drop_name(ASIC_DROP_EGRESS_DOWN),
			    "egress-down");
	assert_string_equal(asic_table_name(ASIC_TBL_MCAST_EN), "mcast-enable");
	assert_string_equal(asic_punt_name(ASIC_PUNT__COUNT), "unknown");
	for (int i = 0; i < ASIC_DROP__COUNT; i++)
		assert_non_null(asic_drop_name((enum asic_drop)i));
	for (int i = 0; i < ASIC_PUNT__COUNT; i++)
		assert_non_null(asic_punt_name((enum asic_punt)i));
	tenv_free(e);
}

/* A crash with frames everywhere: pipeline, punt path, CPU queue. */
static void test_reset_frees(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_addr g = tenv_addr("239.1.1.1");
	int oifs[3] = { 1, 2, 3 };

	(void)state;
	tenv_mcast_all(e);
	asic_prog_mfib(e->a, NULL, &g, 0, oifs, 3);
	tenv_settle(e);
	for (int i = 0; i < 5; i++)
		asic_rx(e->a, 0, arp(e));
	tenv_run(e, tenv_now(e) + PUNT); /* 4 in the CPU queue */
	for (int i = 0; i < 3; i++)
		asic_rx(e->a, 0, arp(e)); /* in flight to the CPU */
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 9, false));
	asic_inject(e->a, 1, arp(e));
	asic_port_carrier(e->a, 2, false);
	asic_prog_mfib_del(e->a, NULL, &g);
	asic_cpu_freeze(e->a, SIM_S(9));
	assert_true(e->pool.in_use > 8);
	asic_reset(e->a);
	assert_int_equal(e->pool.in_use, 0);
	assert_int_equal(sim_engine_pending(e->eng), 0);
	assert_int_equal(asic_cpu_depth(e->a), 0);
	assert_int_equal(asic_mfib_count(e->a), 0);
	assert_int_equal(asic_counters(e->a)->all.dropped[ASIC_DROP_RESET],
			 4 + 3 + 3 + 1);
	/* Carrier stays as the link says; the CPU is no longer frozen. */
	assert_false(asic_port_carrier_get(e->a, 2));
	asic_rx(e->a, 0, arp(e));
	tenv_run(e, tenv_now(e) + SIM_S(1));
	assert_int_equal(e->ncp, 2);
	assert_int_equal(e->npev, 0);
	tenv_free(e);
}

/* Frames still inside at asic_free go back to the pool. */
static void test_free_with_frames(void **state)
{
	struct tenv *e = tenv_new(NULL);

	(void)state;
	asic_rx(e->a, 0, arp(e));
	asic_inject(e->a, 1, arp(e));
	asic_port_carrier(e->a, 1, false);
	assert_int_equal(e->pool.in_use, 2);
	tenv_free(e); /* asserts in_use == 0 and no timers left */
}

struct offload_seen {
	struct tenv *e;
	int n;
	sim_time_t t;
	int ifindex;
};

static void offload_rx(void *ctx, int ifindex, struct net_frame *f)
{
	struct offload_seen *o = ctx;

	o->n++;
	o->t = tenv_now(o->e);
	o->ifindex = ifindex;
	net_frame_free(&o->e->pool, f);
}

/* An offload engine gets its datagrams pipeline_latency after arrival,
 * past a frozen CPU; it transmits with pipeline latency too. */
static void test_offload(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct offload_seen o = { .e = e };
	struct net_prefix p = tenv_prefix("10.0.0.1/32");
	struct asic_fib_entry rcv = { .kind = ASIC_FIB_RECEIVE };
	sim_time_t pl = e->prof.pipeline_latency;

	(void)state;
	asic_prog_fib(e->a, &p, &rcv);
	tenv_run(e, SIM_MS(1));
	assert_int_equal(asic_offload_udp(e->a, 6000, offload_rx, &o), 0);
	asic_cpu_freeze(e->a, SIM_S(1));
	tenv_rx_at(e, SIM_MS(2), 0,
		   tenv_udp(e, NULL, "10.0.0.9", "10.0.0.1", 255, false));
	tenv_run(e, SIM_MS(3));
	assert_int_equal(o.n, 1);
	assert_int_equal(o.t, SIM_MS(2) + pl);
	assert_int_equal(o.ifindex, 0);
	assert_int_equal(e->ncp, 0);
	assert_int_equal(asic_counters(e->a)->offloaded, 1);
	/* Hardware transmit. */
	asic_inject_hw(e->a, 2,
		       tenv_udp(e, NULL, "10.0.0.1", "10.0.0.9", 255, false));
	tenv_run(e, SIM_MS(4));
	assert_int_equal(e->ntx, 1);
	assert_int_equal(e->tx[0].t, SIM_MS(3) + pl);
	/* Removed: back to the CPU (after the freeze). */
	assert_int_equal(asic_offload_udp(e->a, 6000, NULL, NULL), 0);
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.0.0.1", 255, false));
	tenv_run(e, SIM_S(2));
	assert_int_equal(o.n, 1);
	assert_int_equal(e->ncp, 1);
	assert_int_equal(e->cp[0].reason, ASIC_PUNT_LOCAL);
	/* A reset forgets the engines. */
	asic_offload_udp(e->a, 6000, offload_rx, &o);
	asic_reset(e->a);
	asic_prog_fib(e->a, &p, &rcv);
	tenv_run(e, SIM_S(3));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.0.0.1", 255, false));
	tenv_run(e, SIM_S(4));
	assert_int_equal(o.n, 1);
	assert_int_equal(e->ncp, 2);
	tenv_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_punt_latency),
		cmocka_unit_test(test_service_rate),
		cmocka_unit_test(test_rate_remainder),
		cmocka_unit_test(test_unlimited_cpu),
		cmocka_unit_test(test_queue_overflow),
		cmocka_unit_test(test_freeze),
		cmocka_unit_test(test_inject),
		cmocka_unit_test(test_reentrant_cp_rx),
		cmocka_unit_test(test_port_events),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_reset_frees),
		cmocka_unit_test(test_free_with_frames),
		cmocka_unit_test(test_offload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
