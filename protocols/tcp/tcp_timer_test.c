/*
 * TCP timers and flow control with exact times: the retransmission timer
 * of RFC 6298 (initial RTO 1 s, doubling backoff, SRTT/RTTVAR updates of
 * section 2, Karn's algorithm of section 3, the 3 s rule of 5.7), R2 and
 * the SYN retry limit (RFC 9293 3.8.3), go-back-N with the RFC 5681 loss
 * window, keepalive (RFC 9293 3.8.4), delayed acknowledgments (3.8.6.3),
 * the send window, zero-window probes (3.8.6.1) and sender silly window
 * avoidance (3.8.6.2.1). The test plays the peer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/tcp/tcp_test_env.h"

#define AP TENV_APORT
#define BP TENV_BPORT
#define P  TENV_PISS

struct fx {
	struct tenv e;
	struct tenv_app app;
	struct tcp_cfg c;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	tcp_cfg_default(&f->c);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	tenv_app_free(&f->app);
	if (f->e.w)
		tenv_fini(&f->e);
	free(f);
	return 0;
}

static void start(struct fx *f)
{
	tenv_init(&f->e, &f->c, false);
}

static void inject(struct fx *f, uint8_t flags, uint32_t seq, uint32_t ack,
		   uint16_t wnd, const char *text)
{
	tenv_inject(&f->e, NET_AF_IP4, BP, AP, flags, seq, ack, wnd, text,
		    text ? strlen(text) : 0, 0);
}

static struct tcp_sock_info info(struct fx *f)
{
	struct tcp_sock_info in;

	tcp_sock_info(f->app.s, &in);
	return in;
}

static void connect_a(struct fx *f)
{
	struct tcp_sock *s = tcp_connect(f->e.a.t, &f->e.a.addr4, AP,
					 &f->e.b.addr4, BP, &tenv_cb, &f->app);

	assert_non_null(s);
	f->app.s = s;
}

/* RFC 6298 5.4-5.6 and RFC 9293 3.8.3 R2: 1, 2, 4 s, then give up. */
static void test_rto_backoff_r2(void **state)
{
	struct fx *f = *state;
	static const sim_time_t at[] = { 0, SIM_S(1), SIM_S(3), SIM_S(7) };
	struct tcp_stack_stats st;
	uint32_t iss;

	f->c.data_retries = 3;
	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	assert_int_equal(info(f).rto, SIM_S(1)); /* sample 0: RTO min */
	assert_int_equal(tcp_send(f->app.s, "abc", 3), 3);
	for (size_t i = 0; i < 4; i++) {
		const struct tenv_seg *g;

		tenv_run(&f->e, at[i]);
		g = tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 1, P + 1, 3);
		assert_int_equal(g->t, at[i]);
		assert_memory_equal(g->g.data, "abc", 3);
		tenv_none(&f->e.a);
		assert_int_equal(info(f).rto, SIM_S(1) << i);
	}
	tenv_run(&f->e, SIM_S(15) - 1);
	assert_int_equal(f->app.closed, 0);
	tenv_run(&f->e, SIM_S(15));
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_TIMEOUT);
	tenv_none(&f->e.a); /* no reset on a dead path */
	tcp_stack_stats(f->e.a.t, &st);
	assert_int_equal(st.retransmits, 3);
	assert_int_equal(st.ends[TCP_END_TIMEOUT], 1);
	tenv_assert_idle(&f->e);
}

/* The backoff stops at rto_max. */
static void test_rto_max(void **state)
{
	struct fx *f = *state;

	f->c.rto_max = SIM_S(3);
	start(f);
	tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	tcp_send(f->app.s, "abc", 3);
	tenv_pop(&f->e.a);
	tenv_run(&f->e, SIM_S(1));
	assert_int_equal(info(f).rto, SIM_S(2));
	tenv_run(&f->e, SIM_S(3));
	assert_int_equal(info(f).rto, SIM_S(3));
	tenv_run(&f->e, SIM_S(6));
	assert_int_equal(info(f).rto, SIM_S(3));
	assert_int_equal(f->e.a.nout - f->e.a.next, 3);
	assert_int_equal(f->e.a.out[f->e.a.nout - 1].t, SIM_S(6));
}

static void test_syn_retries(void **state)
{
	struct fx *f = *state;
	static const sim_time_t at[] = { 0, SIM_S(1), SIM_S(3) };
	uint32_t iss = 0;

	f->c.syn_retries = 2;
	start(f);
	connect_a(f);
	for (size_t i = 0; i < 3; i++) {
		const struct tenv_seg *g;

		tenv_run(&f->e, at[i]);
		g = tenv_pop(&f->e.a);
		assert_int_equal(g->g.flags, TCP_SYN);
		assert_int_equal(g->t, at[i]);
		if (!i)
			iss = g->g.seq;
		assert_int_equal(g->g.seq, iss);
		tenv_none(&f->e.a);
	}
	tenv_run(&f->e, SIM_S(7) - 1);
	assert_int_equal(f->app.closed, 0);
	tenv_run(&f->e, SIM_S(7));
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_TIMEOUT);
	tenv_assert_idle(&f->e);
}

/* RFC 6298 2.2 and 2.3 with exact integers. */
static void test_rtt_estimator(void **state)
{
	struct fx *f = *state;
	struct tcp_sock_info in;
	uint32_t iss;

	f->c.rto_min = SIM_MS(1);
	start(f);
	connect_a(f);
	iss = tenv_pop(&f->e.a)->g.seq;
	tenv_run(&f->e, SIM_MS(100));
	inject(f, TCP_SYN | TCP_ACK, P, iss + 1, 65535, NULL);
	tenv_pop(&f->e.a);
	in = info(f);
	assert_int_equal(in.srtt, SIM_MS(100));
	assert_int_equal(in.rttvar, SIM_MS(50));
	assert_int_equal(in.rto, SIM_MS(300));

	tenv_run(&f->e, SIM_MS(200));
	tcp_send(f->app.s, "a", 1);
	tenv_run(&f->e, SIM_MS(260));
	inject(f, TCP_ACK, P + 1, iss + 2, 65535, NULL);
	in = info(f);
	assert_int_equal(in.rttvar, SIM_US(47500)); /* (3*50 + 40) / 4 */
	assert_int_equal(in.srtt, SIM_MS(95));	    /* (7*100 + 60) / 8 */
	assert_int_equal(in.rto, SIM_MS(285));

	tenv_run(&f->e, SIM_MS(300));
	tcp_send(f->app.s, "b", 1);
	tenv_run(&f->e, SIM_MS(500));
	inject(f, TCP_ACK, P + 1, iss + 3, 65535, NULL);
	in = info(f);
	assert_int_equal(in.rttvar, SIM_NS(61875000));
	assert_int_equal(in.srtt, SIM_NS(108125000));
	assert_int_equal(in.rto, SIM_NS(355625000));

	/* The timer runs with it. */
	tenv_run(&f->e, SIM_MS(600));
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 1, P + 1, 1);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 2, P + 1, 1);
	tcp_send(f->app.s, "c", 1);
	tenv_pop(&f->e.a);
	tenv_run(&f->e, SIM_MS(600) + SIM_NS(355625000) - 1);
	tenv_none(&f->e.a);
	tenv_run(&f->e, SIM_MS(600) + SIM_NS(355625000));
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 3, P + 1, 1);
}

/* RFC 6298 section 3: no sample from a retransmitted segment; the
 * backed-off RTO stays until a new sample. */
static void test_karn(void **state)
{
	struct fx *f = *state;
	struct tcp_sock_info in;
	uint32_t iss;

	f->c.rto_min = SIM_MS(1);
	start(f);
	connect_a(f);
	iss = tenv_pop(&f->e.a)->g.seq;
	tenv_run(&f->e, SIM_MS(100));
	inject(f, TCP_SYN | TCP_ACK, P, iss + 1, 65535, NULL);
	tenv_pop(&f->e.a);
	tenv_run(&f->e, SIM_S(1));
	tcp_send(f->app.s, "x", 1);
	tenv_pop(&f->e.a);
	tenv_run(&f->e, SIM_MS(1300));
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 1, P + 1, 1);
	assert_int_equal(info(f).rto, SIM_MS(600));
	tenv_run(&f->e, SIM_MS(1350));
	inject(f, TCP_ACK, P + 1, iss + 2, 65535, NULL);
	in = info(f);
	assert_int_equal(in.srtt, SIM_MS(100));
	assert_int_equal(in.rto, SIM_MS(600));
	tenv_run(&f->e, SIM_S(2));
	tcp_send(f->app.s, "y", 1);
	tenv_run(&f->e, SIM_MS(2100));
	inject(f, TCP_ACK, P + 1, iss + 3, 65535, NULL);
	in = info(f);
	assert_int_equal(in.srtt, SIM_MS(100));
	assert_int_equal(in.rttvar, SIM_US(37500));
	assert_int_equal(in.rto, SIM_MS(250));
}

/* RFC 6298 5.7: the SYN timed out, so data starts with RTO 3 s; RFC 5681
 * 3.1: and with a one-segment window. */
static void test_syn_lost(void **state)
{
	struct fx *f = *state;
	static uint8_t data[3000];
	uint32_t iss;

	start(f);
	connect_a(f);
	iss = tenv_pop(&f->e.a)->g.seq;
	tenv_run(&f->e, SIM_S(1));
	tenv_expect(&f->e.a, TCP_SYN, iss, 0, 0);
	tenv_run(&f->e, SIM_MS(1500));
	tenv_inject(&f->e, NET_AF_IP4, BP, AP, TCP_SYN | TCP_ACK, P, iss + 1,
		    65535, NULL, 0, 1000);
	tenv_pop(&f->e.a);
	assert_int_equal(info(f).rto, SIM_S(3));
	assert_int_equal(info(f).srtt, 0);
	tcp_send(f->app.s, data, sizeof(data));
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 1000);
	tenv_none(&f->e.a);
	tenv_run(&f->e, SIM_S(2));
	inject(f, TCP_ACK, P + 1, iss + 1001, 65535, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1001, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 2001, P + 1, 1000);
	tenv_none(&f->e.a);
}

/* A timeout goes back to SND.UNA with a one-segment window; acks then
 * open it again (slow start) over the rest. */
static void test_go_back(void **state)
{
	struct fx *f = *state;
	static uint8_t data[4000];
	struct tcp_sock_info in;
	uint32_t iss;

	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1000, 65535);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7);
	tcp_send(f->app.s, data, sizeof(data));
	for (int i = 0; i < 4; i++)
		tenv_expect(&f->e.a, TCP_ACK | (i == 3 ? TCP_PSH : 0),
			    iss + 1 + 1000 * (uint32_t)i, P + 1, 1000);
	tenv_run(&f->e, SIM_MS(500));
	inject(f, TCP_ACK, P + 1, iss + 1001, 65535, NULL);
	tenv_none(&f->e.a);
	/* RFC 6298 5.3: restarted at the ACK. */
	tenv_run(&f->e, SIM_MS(1500) - 1);
	tenv_none(&f->e.a);
	tenv_run(&f->e, SIM_MS(1500));
	{
		const struct tenv_seg *g =
			tenv_expect(&f->e.a, TCP_ACK, iss + 1001, P + 1, 1000);

		assert_memory_equal(g->g.data, data + 1000, 1000);
	}
	tenv_none(&f->e.a);
	inject(f, TCP_ACK, P + 1, iss + 2001, 65535, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 2001, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 3001, P + 1, 1000);
	tenv_none(&f->e.a);
	in = info(f);
	assert_int_equal(in.retransmits, 3);
	inject(f, TCP_ACK, P + 1, iss + 4001, 65535, NULL);
	in = info(f);
	assert_int_equal(in.queued, 0);
	assert_int_equal(in.bytes_tx, 4000);
	tenv_assert_idle(&f->e);
}

/* RFC 5681 3.2: the third duplicate ACK retransmits at once; ACKs that
 * change the window or carry data are not duplicates. */
static void test_fast_retransmit(void **state)
{
	struct fx *f = *state;
	static uint8_t data[4000];
	uint32_t iss;

	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1000, 65535);
	tcp_send(f->app.s, data, sizeof(data));
	for (int i = 0; i < 4; i++)
		tenv_pop(&f->e.a);
	tenv_run(&f->e, SIM_MS(100));
	inject(f, TCP_ACK, P + 1, iss + 1001, 65535, NULL);
	inject(f, TCP_ACK, P + 1, iss + 1001, 65535, NULL);
	inject(f, TCP_ACK, P + 1, iss + 1001, 60000, NULL); /* window */
	inject(f, TCP_ACK, P + 1, iss + 1001, 60000, "d");  /* data */
	tenv_expect(&f->e.a, TCP_ACK, iss + 4001, P + 2, 0);
	inject(f, TCP_ACK, P + 2, iss + 1001, 60000, NULL);
	tenv_none(&f->e.a);
	inject(f, TCP_ACK, P + 2, iss + 1001, 60000, NULL);
	tenv_none(&f->e.a);
	inject(f, TCP_ACK, P + 2, iss + 1001, 60000, NULL);
	{
		const struct tenv_seg *g =
			tenv_expect(&f->e.a, TCP_ACK, iss + 1001, P + 2, 1000);

		assert_int_equal(g->t, SIM_MS(100));
	}
	tenv_none(&f->e.a);
	/* A fourth changes nothing; the rest follows the next ACK. */
	inject(f, TCP_ACK, P + 2, iss + 1001, 60000, NULL);
	tenv_none(&f->e.a);
	inject(f, TCP_ACK, P + 2, iss + 2001, 60000, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 2001, P + 2, 1000);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 3001, P + 2, 1000);
	tenv_none(&f->e.a);
	assert_int_equal(info(f).retransmits, 3);
}

/* RFC 9293 3.8.4: probes after idle, every interval; count unanswered
 * probes end the connection. */
static void test_keepalive(void **state)
{
	struct fx *f = *state;
	uint32_t iss;

	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	tcp_set_keepalive(f->app.s, SIM_S(10), SIM_S(1), 3);
	tenv_run(&f->e, SIM_S(10) - 1);
	tenv_none(&f->e.a);
	tenv_run(&f->e, SIM_S(10));
	tenv_expect(&f->e.a, TCP_ACK, iss, P + 1, 0); /* SND.NXT - 1 */
	/* An answer: idle again from now. */
	tenv_run(&f->e, SIM_MS(10500));
	inject(f, TCP_ACK, P + 1, iss + 1, 65535, NULL);
	tenv_none(&f->e.a);
	tenv_run(&f->e, SIM_MS(20500) - 1);
	tenv_none(&f->e.a);
	for (int i = 0; i < 3; i++) {
		const struct tenv_seg *g;

		tenv_run(&f->e, SIM_MS(20500) + SIM_S(i));
		g = tenv_expect(&f->e.a, TCP_ACK, iss, P + 1, 0);
		assert_int_equal(g->t, SIM_MS(20500) + SIM_S(i));
	}
	tenv_run(&f->e, SIM_MS(23500) - 1);
	assert_int_equal(f->app.closed, 0);
	tenv_run(&f->e, SIM_MS(23500));
	tenv_expect(&f->e.a, TCP_RST, iss + 1, 0, 0);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_KEEPALIVE);
	tenv_assert_idle(&f->e);
}

/* Keepalive off again, and no probes while data is in flight. */
static void test_keepalive_off(void **state)
{
	struct fx *f = *state;

	start(f);
	tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	tcp_set_keepalive(f->app.s, SIM_S(10), SIM_S(1), 3);
	tcp_set_keepalive(f->app.s, 0, 0, 0);
	tenv_run(&f->e, SIM_S(100));
	tenv_none(&f->e.a);
	tenv_assert_idle(&f->e);
}

/* RFC 9293 3.8.6.3: ACK within the delay, and every second segment. */
static void test_delayed_ack(void **state)
{
	struct fx *f = *state;
	uint32_t iss;

	f->c.delayed_ack = SIM_MS(200);
	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	tenv_run(&f->e, SIM_S(1));
	inject(f, TCP_ACK, P + 1, iss + 1, 65535, "one");
	tenv_none(&f->e.a);
	tenv_run(&f->e, SIM_MS(1200) - 1);
	tenv_none(&f->e.a);
	tenv_run(&f->e, SIM_MS(1200));
	{
		const struct tenv_seg *g =
			tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 4, 0);

		assert_int_equal(g->t, SIM_MS(1200));
	}
	inject(f, TCP_ACK, P + 4, iss + 1, 65535, "two");
	tenv_none(&f->e.a);
	inject(f, TCP_ACK, P + 7, iss + 1, 65535, "three");
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 12, 0);
	/* Data to send carries the ACK owed. */
	inject(f, TCP_ACK, P + 12, iss + 1, 65535, "4");
	tcp_send(f->app.s, "r", 1);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 1, P + 13, 1);
	tenv_run(&f->e, SIM_S(2));
	tenv_none(&f->e.a);
	/* Out of order: at once. */
	inject(f, TCP_ACK, P + 20, iss + 2, 65535, "z");
	tenv_expect(&f->e.a, TCP_ACK, iss + 2, P + 13, 0);
}

/* The peer's window bounds what is in flight. */
static void test_send_window(void **state)
{
	struct fx *f = *state;
	static uint8_t data[5000];
	uint32_t iss;

	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1000, 2000);
	tcp_send(f->app.s, data, sizeof(data));
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1001, P + 1, 1000);
	tenv_none(&f->e.a);
	inject(f, TCP_ACK, P + 1, iss + 1001, 2000, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 2001, P + 1, 1000);
	tenv_none(&f->e.a);
	/* A larger window opens more at once. */
	inject(f, TCP_ACK, P + 1, iss + 2001, 4000, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 3001, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 4001, P + 1, 1000);
	tenv_none(&f->e.a);
	assert_int_equal(info(f).snd_wnd, 4000);
}

/* A zero window: probes at the backed-off RTO, the connection kept while
 * the peer answers them (RFC 9293 3.8.6.1), data once it opens. */
static void test_zero_window(void **state)
{
	struct fx *f = *state;
	static uint8_t data[3000];
	const struct tenv_seg *g;
	uint32_t iss;

	f->c.data_retries = 2;
	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1000, 1000);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)i;
	tcp_send(f->app.s, data, sizeof(data));
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 1000);
	inject(f, TCP_ACK, P + 1, iss + 1001, 0, NULL);
	tenv_none(&f->e.a);
	/* Five probes at the backed-off RTO, each answered with the
	 * window still shut. */
	for (int i = 0; i < 5; i++) {
		static const int at[] = { 1, 3, 7, 15, 31 };

		tenv_run(&f->e, SIM_S(at[i]) - 1);
		tenv_none(&f->e.a);
		tenv_run(&f->e, SIM_S(at[i]));
		g = tenv_pop(&f->e.a);
		assert_int_equal(g->g.len, 1);
		assert_int_equal(g->g.data[0], data[1000]);
		assert_int_equal(g->g.seq, iss + 1001);
		tenv_none(&f->e.a);
		inject(f, TCP_ACK, P + 1, iss + 1001, 0, NULL);
		tenv_none(&f->e.a);
	}
	assert_int_equal(f->app.closed, 0);
	/* The window opens: the rest goes, the probe byte included. */
	inject(f, TCP_ACK, P + 1, iss + 1001, 4000, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1001, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 2001, P + 1, 1000);
	inject(f, TCP_ACK, P + 1, iss + 3001, 4000, NULL);
	assert_int_equal(info(f).queued, 0);
	tenv_assert_idle(&f->e);
}

/* A shut window and a silent peer: R2 ends it. */
static void test_zero_window_dead_peer(void **state)
{
	struct fx *f = *state;
	uint32_t iss;

	f->c.data_retries = 2;
	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1000, 0);
	tcp_send(f->app.s, "abc", 3);
	tenv_none(&f->e.a);
	tenv_run(&f->e, SIM_S(1));
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 1);
	tenv_run(&f->e, SIM_S(3));
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 1);
	tenv_run(&f->e, SIM_S(7));
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_TIMEOUT);
}

/* RFC 9293 3.8.6.2.1: no segment shorter than the MSS unless it empties
 * the buffer or fills half the largest window. */
static void test_sender_sws(void **state)
{
	struct fx *f = *state;
	static uint8_t data[4000];
	uint32_t iss;

	start(f);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1000, 1800);
	tcp_send(f->app.s, data, sizeof(data));
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 1000);
	tenv_none(&f->e.a); /* 800 usable: less than 900 */
	inject(f, TCP_ACK, P + 1, iss + 1001, 1800, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1001, P + 1, 1000);
	tenv_none(&f->e.a);
	/* 900 usable: half the largest window, sent. */
	inject(f, TCP_ACK, P + 1, iss + 1101, 1800, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 2001, P + 1, 900);
	tenv_none(&f->e.a);
	/* The last 100 bytes empty the buffer: sent short. */
	inject(f, TCP_ACK, P + 1, iss + 2901, 1800, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 2901, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 3901, P + 1, 100);
	tenv_none(&f->e.a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_rto_backoff_r2), T(test_rto_max),
		T(test_syn_retries),	T(test_rtt_estimator),
		T(test_karn),		T(test_syn_lost),
		T(test_go_back),	T(test_fast_retransmit),
		T(test_keepalive),	T(test_keepalive_off),
		T(test_delayed_ack),	T(test_send_window),
		T(test_zero_window),	T(test_zero_window_dead_peer),
		T(test_sender_sws),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
