/*
 * Tests of node_link.c: exact serialization (frame + 24 bytes at link
 * rate, rounded up to the ns), delivery at first bit + serialization +
 * delay, back-to-back frames, egress overflow, deterministic loss, link
 * down losing frames and dropping carrier on both ends at once, tap times.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sim/net/net_eth.h"
#include "sim/node/node_link.h"
#include "sim/node/node_testlib.h"

/* A frame of exactly len bytes (>= 60) from A's MAC to B, seq in byte 14. */
static size_t mk_frame(uint8_t *buf, size_t len, uint8_t seq)
{
	struct net_eth h = { .type = 0x88b5 };
	struct net_wr wr;
	size_t off;

	h.dst = node_tw_mac("02:00:00:00:00:02");
	h.src = node_tw_mac("02:00:00:00:00:01");
	net_wr_init(&wr, buf, NET_FRAME_MAX);
	off = net_eth_begin(&wr, &h);
	net_wr_u8(&wr, seq);
	net_wr_zero(&wr, len - NET_ETH_HLEN - 1);
	assert_int_equal(net_eth_end(&wr, off), (int)len);
	return len;
}

struct ser_case {
	uint64_t rate;
	size_t len;
	sim_time_t ns;
};

static void test_ser_time(void **state)
{
	static const struct ser_case cases[] = {
		{ 1000000000, 100, 992 }, /* (100+24)*8 */
		{ 1000000000, 60, 672 },
		{ 1000000000, 1514, 12304 },
		{ 100000000, 1514, 123040 },
		{ 10000000000ull, 100, 100 }, /* 99.2 -> 100 */
		{ 1000000000000ull, 100, 1 }, /* 0.992 -> 1 */
		{ 7, 0, 27428571429 },	      /* 192e9 / 7, rounded up */
		{ 3, 0, 64000000000 },
		{ 1, NET_FRAME_MAX, 12480000000000ll },
	};
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	struct node_link *l = node_tw_link(w, "ab", a, "e0", b, "e0", 1, 0);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		l->rate_bps = cases[i].rate;
		assert_int_equal(node_link_ser_time(l, cases[i].len),
				 cases[i].ns);
	}
	assert_true(node_tw_free(w));
}

static void test_bad_args(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	struct node_iface *x = node_iface_add(a, "e0", NULL);
	struct node_iface *y = node_iface_add(b, "e0", NULL);
	struct node_iface *lo = node_iface_add(b, "LoopBack0", NULL);

	(void)state;
	assert_null(node_link_new(&w->env, "l", x, y, 0, 0, 0, true));
	assert_null(node_link_new(&w->env, "l", x, y, 1000, -1, 0, true));
	assert_null(node_link_new(&w->env, "l", x, x, 1000, 0, 0, true));
	assert_null(node_link_new(&w->env, "l", x, lo, 1000, 0, 0, true));
	assert_null(node_link_new(&w->env, "l", x, NULL, 1000, 0, 0, true));
	assert_true(node_tw_free(w));
}

static void test_timing_back_to_back(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	struct node_link *l =
		node_tw_link(w, "ab", a, "e0", b, "e0", 1000000000, SIM_US(5));
	struct node_tw_cap *cap = node_tw_capture(w, l);
	uint8_t fr[NET_FRAME_MAX];
	int i;

	(void)state;
	node_tw_run(w, SIM_US(1));
	for (i = 0; i < 3; i++) {
		mk_frame(fr, 100, (uint8_t)i);
		assert_int_equal(node_tw_probe_send(a, "e0", fr, 100), 0);
	}
	node_tw_run(w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(b), 3);
	for (i = 0; i < 3; i++) {
		const struct node_tw_frame *f = node_tw_probe_frame(b, i);

		assert_int_equal(f->len, 100);
		assert_int_equal(f->data[14], i);
		assert_int_equal(f->t, SIM_US(1) + (i + 1) * 992 + SIM_US(5));
		assert_int_equal(cap->v[i].t, SIM_US(1) + i * 992);
		assert_int_equal(cap->v[i].dir, 0);
	}
	assert_int_equal(cap->n, 3);
	assert_int_equal(l->dir[0].delivered, 3);
	/* the reverse direction is independent and idle */
	mk_frame(fr, 60, 9);
	node_tw_probe_send(b, "e0", fr, 60);
	node_tw_run(w, SIM_MS(2));
	assert_int_equal(node_tw_probe_count(a), 1);
	assert_int_equal(node_tw_probe_frame(a, 0)->t,
			 SIM_MS(1) + 672 + SIM_US(5));
	assert_int_equal(cap->v[3].dir, 1);
	assert_true(node_tw_free(w));
}

static void test_queue_overflow(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	struct node_link *l =
		node_tw_link(w, "ab", a, "e0", b, "e0", 1000000000, 0);
	struct node_iface *ifa = node_iface_find(a, "e0");
	uint8_t fr[NET_FRAME_MAX];
	int i;

	(void)state;
	ifa->egress_qmax = 2;
	for (i = 0; i < 5; i++) {
		mk_frame(fr, 100, (uint8_t)i);
		node_tw_probe_send(a, "e0", fr, 100);
	}
	/* one serializing, two waiting, two dropped */
	assert_int_equal(l->dir[0].drop_queue, 2);
	assert_int_equal(ifa->cnt.tx_drops, 2);
	assert_int_equal(ifa->cnt.tx_frames, 3);
	node_tw_run(w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(b), 3);
	assert_int_equal(node_tw_probe_frame(b, 2)->data[14], 2);
	/* after draining, the queue accepts again */
	mk_frame(fr, 100, 7);
	node_tw_probe_send(a, "e0", fr, 100);
	node_tw_run(w, SIM_MS(2));
	assert_int_equal(node_tw_probe_count(b), 4);
	assert_true(node_tw_free(w));
}

/* Send n frames one per 10 us over a lossy link; record which arrived. */
static int lossy_run(uint64_t seed, uint32_t ppb, uint8_t *got, int n)
{
	struct node_tw *w = node_tw_new(seed);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	struct node_link *l =
		node_tw_link(w, "lossy", a, "e0", b, "e0", 1000000000, 0);
	uint8_t fr[NET_FRAME_MAX];
	size_t k;
	int i, rx;

	node_link_set_loss(l, ppb);
	memset(got, 0, (size_t)n);
	for (i = 0; i < n; i++) {
		mk_frame(fr, 60, (uint8_t)i);
		node_tw_probe_send(a, "e0", fr, 60);
		node_tw_run_for(w, SIM_US(10));
	}
	rx = (int)node_tw_probe_count(b);
	for (k = 0; k < node_tw_probe_count(b); k++)
		got[node_tw_probe_frame(b, k)->data[14]] = 1;
	assert_int_equal((uint64_t)rx + l->dir[0].drop_loss, (uint64_t)n);
	assert_int_equal(l->dir[0].sent, (uint64_t)n);
	assert_true(node_tw_free(w));
	return rx;
}

static void test_loss_deterministic(void **state)
{
	uint8_t g1[200], g2[200], g3[200];
	int r1, r2, r3;

	(void)state;
	r1 = lossy_run(42, 500000000, g1, 200);
	r2 = lossy_run(42, 500000000, g2, 200);
	r3 = lossy_run(43, 500000000, g3, 200);
	assert_int_equal(r1, r2);
	assert_memory_equal(g1, g2, sizeof(g1));
	assert_true(memcmp(g1, g3, sizeof(g1)) != 0 || r1 != r3);
	assert_in_range(r1, 60, 140); /* 50% of 200, loosely */
	assert_int_equal(lossy_run(42, 0, g1, 200), 200);
	assert_int_equal(lossy_run(42, 1000000000, g1, 200), 0);
}

static void test_link_down_up(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	struct node_link *l =
		node_tw_link(w, "ab", a, "e0", b, "e0", 1000000000, SIM_US(10));
	struct node_iface *ifa = node_iface_find(a, "e0");
	struct node_iface *ifb = node_iface_find(b, "e0");
	const struct node_tw_rec *ra, *rb;
	uint8_t fr[NET_FRAME_MAX];
	int i;

	(void)state;
	assert_true(ifa->oper_up && ifb->oper_up);
	for (i = 0; i < 4; i++) {
		mk_frame(fr, 1000, (uint8_t)i);
		node_tw_probe_send(a, "e0", fr, 1000);
	}
	/* 1024 * 8 = 8192 ns each: at 19 us frame 0 has arrived (18192),
	 * frames 1 and 2 are on the wire, frame 3 in the egress FIFO */
	node_tw_run(w, SIM_US(19));
	assert_int_equal(node_tw_probe_count(b), 1);
	node_link_set_up(l, false);
	assert_int_equal(l->dir[0].drop_down, 3);
	assert_false(ifa->carrier || ifb->carrier);
	assert_false(ifa->oper_up || ifb->oper_up);
	ra = node_tw_find(w, "A", "iface", "oper-down", 0);
	rb = node_tw_find(w, "B", "iface", "oper-down", 0);
	assert_non_null(ra);
	assert_non_null(rb);
	assert_int_equal(ra->t, SIM_US(19));
	assert_int_equal(rb->t, SIM_US(19));
	assert_int_equal(node_tw_count(w, NULL, "link", "down"), 1);
	node_tw_run(w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(b), 1);
	/* sending while down: dropped at the interface (no carrier) */
	node_tw_probe_send(a, "e0", fr, 1000);
	assert_int_equal(ifa->cnt.tx_drops, 1);
	node_link_set_up(l, false); /* no change, no record */
	assert_int_equal(node_tw_count(w, NULL, "link", NULL), 2);
	node_link_set_up(l, true);
	assert_true(ifa->oper_up && ifb->oper_up);
	assert_int_equal(node_tw_count(w, NULL, "link", "up"), 2);
	node_tw_probe_send(a, "e0", fr, 1000);
	node_tw_run(w, SIM_MS(2));
	assert_int_equal(node_tw_probe_count(b), 2);
	assert_int_equal(node_tw_probe_frame(b, 1)->t,
			 SIM_MS(1) + 8192 + SIM_US(10));
	assert_true(node_tw_free(w));
}

static void test_light_off_on(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	struct node_link *l =
		node_tw_link(w, "ab", a, "e0", b, "e0", 1000000000, SIM_US(10));
	struct node_iface *ifa = node_iface_find(a, "e0");
	struct node_iface *ifb = node_iface_find(b, "e0");
	uint8_t fr[NET_FRAME_MAX];

	(void)state;
	mk_frame(fr, 100, 1);
	node_tw_probe_send(a, "e0", fr, 100);
	node_tw_probe_send(b, "e0", fr, 100);
	node_tw_run(w, SIM_US(5));
	/* A's port is shut: its frame in flight is lost, B loses carrier
	 * at once, A keeps receiving B's light (and B's frame) */
	node_iface_set_admin(ifa, false);
	assert_false(l->dir[0].light);
	assert_true(l->up);
	assert_false(ifb->carrier || ifb->oper_up);
	assert_true(ifa->carrier);
	assert_false(ifa->oper_up); /* admin down */
	assert_int_equal(node_tw_find(w, "B", "iface", "oper-down", 0)->t,
			 SIM_US(5));
	assert_int_equal(node_tw_count(w, NULL, "link", "light-off"), 1);
	assert_int_equal(l->dir[0].drop_down, 1);
	node_tw_run(w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(b), 0);
	assert_int_equal(node_tw_probe_count(a), 1);
	/* a link flap keeps B dark while A's light is off */
	node_link_set_up(l, false);
	node_link_set_up(l, true);
	assert_false(ifb->carrier);
	assert_true(ifa->carrier);
	assert_int_equal(node_tw_count(w, "B", "iface", "oper-down"), 1);
	assert_int_equal(node_tw_count(w, "B", "iface", "oper-up"), 1);
	node_link_set_light(l, 0, false); /* no change: no record */
	assert_int_equal(node_tw_count(w, NULL, "link", "light-off"), 1);
	node_iface_set_admin(ifa, true);
	assert_true(ifb->carrier && ifb->oper_up && ifa->oper_up);
	node_tw_probe_send(a, "e0", fr, 100);
	node_tw_run(w, SIM_MS(2));
	assert_int_equal(node_tw_probe_count(b), 1);
	assert_true(node_tw_free(w));
}

static void test_crashed_receiver_gets_frames(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	uint8_t fr[NET_FRAME_MAX];

	(void)state;
	node_tw_link(w, "ab", a, "e0", b, "e0", 1000000000, 0);
	b->crashed = true;
	mk_frame(fr, 60, 1);
	node_tw_probe_send(a, "e0", fr, 60);
	node_tw_run(w, SIM_MS(1));
	/* delivered to ops->rx (the probe records regardless) */
	assert_int_equal(node_tw_probe_count(b), 1);
	assert_int_equal(node_iface_find(b, "e0")->cnt.rx_frames, 0);
	assert_true(node_tw_free(w));
}

static void test_teardown_with_frames_in_flight(void **state)
{
	struct node_tw *w = node_tw_new(1);
	struct node *a = node_tw_probe(w, "A"), *b = node_tw_probe(w, "B");
	uint8_t fr[NET_FRAME_MAX];
	int i;

	(void)state;
	node_tw_link(w, "ab", a, "e0", b, "e0", 1000000, SIM_MS(1));
	for (i = 0; i < 5; i++) {
		mk_frame(fr, 500, (uint8_t)i);
		node_tw_probe_send(a, "e0", fr, 500);
	}
	node_tw_run(w, SIM_MS(5));
	/* node_tw_free checks that no frame or timer leaks */
	assert_true(node_tw_free(w));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ser_time),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_timing_back_to_back),
		cmocka_unit_test(test_queue_overflow),
		cmocka_unit_test(test_loss_deterministic),
		cmocka_unit_test(test_link_down_up),
		cmocka_unit_test(test_light_off_on),
		cmocka_unit_test(test_crashed_receiver_gets_frames),
		cmocka_unit_test(test_teardown_with_frames_in_flight),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
