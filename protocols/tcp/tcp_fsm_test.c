/*
 * The TCP state machine walked segment by segment (RFC 9293 section 3.10):
 * the test plays the peer, injects each segment and checks what stack A
 * answers, its state and its callbacks. Active, passive and simultaneous
 * open (3.5), data both ways, orderly close from either side and
 * simultaneous close (3.6), TIME-WAIT for exactly 2MSL, RST in every
 * state (3.10.7, with the RFC 5961 exact-match rule), segments to closed
 * ports (3.10.7.1), out-of-order and overlapping text, challenge ACKs,
 * abort, listener close, and the unreachable cases of tcp_connect.
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
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	tenv_init(&f->e, NULL, false);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	tenv_app_free(&f->app);
	tenv_fini(&f->e);
	free(f);
	return 0;
}

static void inject(struct fx *f, uint8_t flags, uint32_t seq, uint32_t ack,
		   const char *text)
{
	tenv_inject(&f->e, NET_AF_IP4, BP, AP, flags, seq, ack, 65535, text,
		    text ? strlen(text) : 0, 0);
}

struct census {
	size_t n;
	enum tcp_state first;
};

static void count(void *arg, const struct tcp_sock *s)
{
	struct census *c = arg;

	if (!c->n++)
		c->first = tcp_sock_state(s);
}

static size_t nsocks(struct tenv *e)
{
	struct census c = { 0 };

	tcp_each_sock(e->a.t, count, &c);
	return c.n;
}

/* The state of A's first socket. */
static enum tcp_state first_state(struct tenv *e)
{
	struct census c = { .first = TCP_CLOSED };

	tcp_each_sock(e->a.t, count, &c);
	return c.first;
}

/* ---- opens ---- */

static void test_active_open(void **state)
{
	struct fx *f = *state;
	struct tcp_sock_info in;
	const struct tenv_seg *syn;
	struct tcp_sock *s;
	uint32_t iss;

	s = tcp_connect(f->e.a.t, &f->e.a.addr4, 0, &f->e.b.addr4, BP, &tenv_cb,
			&f->app);
	assert_non_null(s);
	syn = tenv_pop(&f->e.a);
	/* Ephemeral port from the dynamic range, MSS 1460, window 65535. */
	assert_int_equal(syn->g.flags, TCP_SYN);
	assert_true(syn->g.sport >= 49152);
	assert_int_equal(syn->g.dport, BP);
	assert_true(syn->g.has_mss);
	assert_int_equal(syn->g.mss, 1460);
	assert_int_equal(syn->g.wnd, 65535);
	assert_int_equal(syn->t, 0);
	iss = syn->g.seq;
	tenv_none(&f->e.a);
	assert_int_equal(tcp_sock_state(s), TCP_SYN_SENT);
	assert_int_equal(f->app.connected, 0);

	tenv_inject(&f->e, NET_AF_IP4, BP, syn->g.sport, TCP_SYN | TCP_ACK, P,
		    iss + 1, 8000, NULL, 0, 1000);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 0);
	assert_int_equal(tcp_sock_state(s), TCP_ESTABLISHED);
	assert_int_equal(f->app.connected, 1);
	tcp_sock_info(s, &in);
	assert_int_equal(in.snd_una, 1);
	assert_int_equal(in.snd_nxt, 1);
	assert_int_equal(in.rcv_nxt, 1);
	assert_int_equal(in.snd_wnd, 8000);
	/* The peer's MSS (1000) caps our segments. */
	{
		static uint8_t big[2500];

		assert_int_equal(tcp_send(s, big, sizeof(big)), 2500);
	}
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1001, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 2001, P + 1, 500);
	tenv_none(&f->e.a);
	assert_int_equal(tenv_log_count(&f->e, "A", "state"), 2);
}

/* Without an MSS option the peer's MSS is 536 (RFC 9293 3.7.1). */
static void test_default_mss(void **state)
{
	struct fx *f = *state;
	static uint8_t big[600];
	uint32_t iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 0, 65535);

	assert_int_equal(tcp_send(f->app.s, big, sizeof(big)), 600);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 536);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 537, P + 1, 64);
}

static void test_passive_open_v6(void **state)
{
	struct fx *f = *state;
	struct tenv_app child = { 0 };
	struct net_addr any6 = { .af = NET_AF_IP6 };
	struct tcp_sock *l;
	const struct tenv_seg *sa;
	uint32_t iss;

	f->app.child = &child;
	l = tcp_listen(f->e.a.t, &any6, BP, &tenv_cb, &f->app);
	assert_non_null(l);
	assert_int_equal(tcp_sock_state(l), TCP_LISTEN);
	/* The port is taken now; another address family is not. */
	assert_null(tcp_listen(f->e.a.t, &any6, BP, &tenv_cb, &f->app));
	tenv_inject(&f->e, NET_AF_IP6, AP, BP, TCP_SYN, 5000, 0, 4096, NULL, 0,
		    1200);
	sa = tenv_pop(&f->e.a);
	assert_int_equal(sa->g.flags, TCP_SYN | TCP_ACK);
	assert_int_equal(sa->g.ack, 5001);
	assert_int_equal(sa->g.mss, 1440); /* 1460 less 20 for IPv6 */
	assert_int_equal(sa->src.af, NET_AF_IP6);
	iss = sa->g.seq;
	assert_int_equal(f->app.accepted, 0);
	assert_int_equal(nsocks(&f->e), 2);

	tenv_inject(&f->e, NET_AF_IP6, AP, BP, TCP_ACK, 5001, iss + 1, 4096,
		    "hi", 2, 0);
	assert_int_equal(f->app.accepted, 1);
	assert_ptr_equal(f->app.listener, l);
	assert_non_null(child.s);
	assert_int_equal(tcp_sock_state(child.s), TCP_ESTABLISHED);
	assert_int_equal(child.rxlen, 2);
	assert_memory_equal(child.rx, "hi", 2);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, 5003, 0);
	/* The listener is still there, in LISTEN. */
	assert_int_equal(tcp_sock_state(l), TCP_LISTEN);
	assert_non_null(node_tw_find(f->e.w, "A", "tcp", "state", 1));
	{
		const struct node_tw_rec *r =
			node_tw_find(f->e.w, "A", "tcp", "state", 1);
		char from[32], to[32];

		assert_true(node_tw_field(r, "from", from, sizeof(from)));
		assert_true(node_tw_field(r, "to", to, sizeof(to)));
		assert_string_equal(from, "LISTEN");
		assert_string_equal(to, "SYN-RECEIVED");
	}
	tenv_app_free(&child);
}

static void test_simultaneous_open(void **state)
{
	struct fx *f = *state;
	struct tcp_sock *s;
	const struct tenv_seg *syn, *sa;
	uint32_t iss;

	s = tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr4, BP,
			&tenv_cb, &f->app);
	syn = tenv_pop(&f->e.a);
	iss = syn->g.seq;
	/* The peer's SYN crosses ours. */
	inject(f, TCP_SYN, 7000, 0, NULL);
	assert_int_equal(tcp_sock_state(s), TCP_SYN_RECEIVED);
	sa = tenv_expect(&f->e.a, TCP_SYN | TCP_ACK, iss, 7001, 0);
	assert_true(sa->g.has_mss);
	/* The peer's SYN,ACK (its SYN again and the ACK of ours). */
	inject(f, TCP_SYN | TCP_ACK, 7000, iss + 1, NULL);
	assert_int_equal(tcp_sock_state(s), TCP_ESTABLISHED);
	assert_int_equal(f->app.connected, 1);
	assert_int_equal(f->app.accepted, 0);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, 7001, 0);
	/* The peer's ACK then changes nothing. */
	inject(f, TCP_ACK, 7001, iss + 1, NULL);
	tenv_none(&f->e.a);
	assert_int_equal(tcp_sock_state(s), TCP_ESTABLISHED);
}

/* ---- data ---- */

static void test_data_both_ways(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	struct tcp_sock_info in;

	assert_int_equal(tcp_send(f->app.s, "hello", 5), 5);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 1, P + 1, 5);
	inject(f, TCP_ACK | TCP_PSH, P + 1, iss + 6, "world!");
	tenv_expect(&f->e.a, TCP_ACK, iss + 6, P + 7, 0);
	assert_int_equal(f->app.rxlen, 6);
	assert_memory_equal(f->app.rx, "world!", 6);
	tcp_sock_info(f->app.s, &in);
	assert_int_equal(in.bytes_tx, 5);
	assert_int_equal(in.bytes_rx, 6);
	assert_int_equal(in.queued, 0);
	assert_int_equal(in.snd_una, 6);
	/* A duplicate is acknowledged again and not delivered twice. */
	inject(f, TCP_ACK | TCP_PSH, P + 1, iss + 6, "world!");
	tenv_expect(&f->e.a, TCP_ACK, iss + 6, P + 7, 0);
	assert_int_equal(f->app.rxlen, 6);
	/* Overlap: "ld!AB" from P+4: only "AB" is new. */
	inject(f, TCP_ACK, P + 4, iss + 6, "ld!AB");
	tenv_expect(&f->e.a, TCP_ACK, iss + 6, P + 9, 0);
	assert_int_equal(f->app.rxlen, 8);
	assert_memory_equal(f->app.rx + 6, "AB", 2);
}

static void test_out_of_order(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);

	inject(f, TCP_ACK, P + 6, iss + 1, "56789");
	/* A duplicate ACK at once, nothing delivered. */
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 0);
	assert_int_equal(f->app.rxlen, 0);
	inject(f, TCP_ACK, P + 14, iss + 1, "DE");
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 0);
	inject(f, TCP_ACK, P + 1, iss + 1, "01234");
	/* The gap filled: everything up to the next hole. */
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 11, 0);
	assert_int_equal(f->app.rxlen, 10);
	assert_memory_equal(f->app.rx, "0123456789", 10);
	inject(f, TCP_ACK, P + 11, iss + 1, "ABC");
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 16, 0);
	assert_int_equal(f->app.rxlen, 15);
	assert_memory_equal(f->app.rx, "0123456789ABCDE", 15);
}

/* Text beyond the window is cut, and its FIN with it (3.10.7.4). */
static void test_window_trim(void **state)
{
	struct fx *f = *state;
	struct tcp_cfg c;
	uint32_t iss;

	tcp_cfg_default(&c);
	c.rcv_wnd = 4;
	tenv_fini(&f->e);
	tenv_init(&f->e, &c, false);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	tenv_inject(&f->e, NET_AF_IP4, BP, AP, TCP_ACK | TCP_FIN, P + 1,
		    iss + 1, 100, "abcdef", 6, 0);
	{
		const struct tenv_seg *a =
			tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 5, 0);

		assert_int_equal(a->g.wnd, 4);
	}
	assert_int_equal(f->app.rxlen, 4);
	assert_int_equal(f->app.peer_closed, 0);
	assert_int_equal(tcp_sock_state(f->app.s), TCP_ESTABLISHED);
	/* A segment wholly outside is unacceptable: ACK, drop. */
	inject(f, TCP_ACK, P + 100, iss + 1, "zz");
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 5, 0);
	assert_int_equal(f->app.rxlen, 4);
}

/* ---- closes ---- */

static void test_close_active(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	struct tcp_sock *s = f->app.s;
	sim_time_t t0;

	tenv_run(&f->e, SIM_S(1));
	assert_int_equal(tcp_send(s, "bye", 3), 3);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 1, P + 1, 3);
	tcp_close(s);
	assert_int_equal(tcp_sock_state(s), TCP_FIN_WAIT_1);
	tenv_expect(&f->e.a, TCP_ACK | TCP_FIN, iss + 4, P + 1, 0);
	assert_int_equal(tcp_send(s, "x", 1), -1);
	inject(f, TCP_ACK, P + 1, iss + 5, NULL);
	assert_int_equal(tcp_sock_state(s), TCP_FIN_WAIT_2);
	tenv_none(&f->e.a);
	/* Half-closed: the peer may still send. */
	inject(f, TCP_ACK, P + 1, iss + 5, "more");
	tenv_expect(&f->e.a, TCP_ACK, iss + 5, P + 5, 0);
	assert_int_equal(f->app.rxlen, 4);
	inject(f, TCP_ACK | TCP_FIN, P + 5, iss + 5, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 5, P + 6, 0);
	assert_int_equal(f->app.peer_closed, 1);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_CLOSED);
	t0 = tenv_now(&f->e);
	/* TIME-WAIT lasts exactly 2MSL (60 s). */
	assert_int_equal(nsocks(&f->e), 1);
	tenv_run(&f->e, t0 + SIM_S(60) - 1);
	assert_int_equal(nsocks(&f->e), 1);
	tenv_run(&f->e, t0 + SIM_S(60));
	assert_int_equal(nsocks(&f->e), 0);
	{
		const struct node_tw_rec *r =
			node_tw_find(f->e.w, "A", "tcp", "state",
				     tenv_log_count(&f->e, "A", "state") - 1);
		char to[32];

		assert_int_equal(r->t, t0 + SIM_S(60));
		assert_true(node_tw_field(r, "to", to, sizeof(to)));
		assert_string_equal(to, "CLOSED");
	}
	tenv_none(&f->e.a);
	tenv_assert_idle(&f->e);
}

static void test_close_passive(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	struct tcp_sock *s = f->app.s;

	inject(f, TCP_ACK | TCP_FIN, P + 1, iss + 1, "end");
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 5, 0);
	assert_int_equal(tcp_sock_state(s), TCP_CLOSE_WAIT);
	assert_int_equal(f->app.peer_closed, 1);
	assert_int_equal(f->app.rxlen, 3);
	/* We may still send. */
	assert_int_equal(tcp_send(s, "ok", 2), 2);
	tenv_expect(&f->e.a, TCP_ACK | TCP_PSH, iss + 1, P + 5, 2);
	tcp_close(s);
	assert_int_equal(tcp_sock_state(s), TCP_LAST_ACK);
	tenv_expect(&f->e.a, TCP_ACK | TCP_FIN, iss + 3, P + 5, 0);
	inject(f, TCP_ACK, P + 5, iss + 4, NULL);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_CLOSED);
	assert_int_equal(nsocks(&f->e), 0); /* no TIME-WAIT on this side */
	tenv_none(&f->e.a);
	tenv_assert_idle(&f->e);
}

static void test_close_simultaneous(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	struct tcp_sock *s = f->app.s;

	tcp_close(s);
	tenv_expect(&f->e.a, TCP_ACK | TCP_FIN, iss + 1, P + 1, 0);
	/* The peer's FIN crosses ours (it has not seen ours yet). */
	inject(f, TCP_ACK | TCP_FIN, P + 1, iss + 1, NULL);
	assert_int_equal(tcp_sock_state(s), TCP_CLOSING);
	tenv_expect(&f->e.a, TCP_ACK, iss + 2, P + 2, 0);
	assert_int_equal(f->app.peer_closed, 1);
	assert_int_equal(f->app.closed, 0);
	inject(f, TCP_ACK, P + 2, iss + 2, NULL);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_CLOSED);
	assert_int_equal(nsocks(&f->e), 1); /* TIME-WAIT */
	tenv_run(&f->e, SIM_S(60));
	assert_int_equal(nsocks(&f->e), 0);
	tenv_assert_idle(&f->e);
}

/* FIN,ACK acknowledging our FIN: FIN-WAIT-1 straight to TIME-WAIT; a
 * retransmitted FIN there is acknowledged and restarts 2MSL. */
static void test_time_wait_refin(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);

	tcp_close(f->app.s);
	tenv_expect(&f->e.a, TCP_ACK | TCP_FIN, iss + 1, P + 1, 0);
	inject(f, TCP_ACK | TCP_FIN, P + 1, iss + 2, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 2, P + 2, 0);
	assert_int_equal(f->app.closed, 1);
	tenv_run(&f->e, SIM_S(30));
	inject(f, TCP_ACK | TCP_FIN, P + 1, iss + 2, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 2, P + 2, 0);
	tenv_run(&f->e, SIM_S(90) - 1);
	assert_int_equal(nsocks(&f->e), 1);
	tenv_run(&f->e, SIM_S(90));
	assert_int_equal(nsocks(&f->e), 0);
	/* Then the port is closed: RST. */
	inject(f, TCP_ACK | TCP_FIN, P + 1, iss + 2, NULL);
	tenv_expect(&f->e.a, TCP_RST, iss + 2, 0, 0);
	assert_int_equal(f->app.closed, 1);
}

/* Closing during the handshake (3.10.4): the FIN waits for ESTABLISHED. */
static void test_close_in_syn_received(void **state)
{
	struct fx *f = *state;
	struct tcp_sock *s;
	uint32_t iss;

	s = tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr4, BP,
			&tenv_cb, &f->app);
	iss = tenv_pop(&f->e.a)->g.seq;
	inject(f, TCP_SYN, 7000, 0, NULL);
	tenv_expect(&f->e.a, TCP_SYN | TCP_ACK, iss, 7001, 0);
	tcp_close(s);
	assert_int_equal(tcp_sock_state(s), TCP_SYN_RECEIVED);
	tenv_none(&f->e.a);
	inject(f, TCP_ACK, 7001, iss + 1, NULL);
	assert_int_equal(tcp_sock_state(s), TCP_FIN_WAIT_1);
	tenv_expect(&f->e.a, TCP_ACK | TCP_FIN, iss + 1, 7001, 0);
	/* In SYN-SENT a close simply deletes. */
	s = tcp_connect(f->e.a.t, &f->e.a.addr4, AP + 1, &f->e.b.addr4, BP,
			&tenv_cb, &f->app);
	tenv_pop(&f->e.a);
	tcp_close(s);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_CLOSED);
	tenv_none(&f->e.a);
}

/* ---- resets ---- */

/* Drive A to state st; returns the sequence number A expects next. */
static uint32_t drive(struct fx *f, enum tcp_state st, uint32_t *iss)
{
	struct tcp_sock *s;

	if (st == TCP_SYN_SENT || st == TCP_SYN_RECEIVED) {
		s = tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr4, BP,
				&tenv_cb, &f->app);
		f->app.s = s;
		*iss = tenv_pop(&f->e.a)->g.seq;
		if (st == TCP_SYN_SENT)
			return 0;
		inject(f, TCP_SYN, P, 0, NULL);
		tenv_pop(&f->e.a);
		return P + 1;
	}
	*iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	s = f->app.s;
	switch (st) {
	case TCP_ESTABLISHED:
		return P + 1;
	case TCP_FIN_WAIT_1:
	case TCP_FIN_WAIT_2:
	case TCP_CLOSING:
	case TCP_TIME_WAIT:
		tcp_close(s);
		tenv_pop(&f->e.a);
		if (st == TCP_FIN_WAIT_1)
			return P + 1;
		if (st == TCP_CLOSING) {
			inject(f, TCP_ACK | TCP_FIN, P + 1, *iss + 1, NULL);
			tenv_pop(&f->e.a);
			return P + 2;
		}
		inject(f, TCP_ACK, P + 1, *iss + 2, NULL);
		if (st == TCP_FIN_WAIT_2)
			return P + 1;
		inject(f, TCP_ACK | TCP_FIN, P + 1, *iss + 2, NULL);
		tenv_pop(&f->e.a);
		return P + 2;
	case TCP_CLOSE_WAIT:
	case TCP_LAST_ACK:
		inject(f, TCP_ACK | TCP_FIN, P + 1, *iss + 1, NULL);
		tenv_pop(&f->e.a);
		if (st == TCP_LAST_ACK) {
			tcp_close(s);
			tenv_pop(&f->e.a);
		}
		return P + 2;
	default:
		fail();
	}
	return 0;
}

static void test_rst_each_state(void **state)
{
	static const struct {
		enum tcp_state st;
		bool ack; /* the RST carries an ACK of our SYN */
		unsigned closed;
		enum tcp_end why;
	} rows[] = {
		{ TCP_SYN_SENT, true, 1, TCP_END_REFUSED },
		{ TCP_SYN_RECEIVED, false, 1, TCP_END_REFUSED },
		{ TCP_ESTABLISHED, false, 1, TCP_END_RESET },
		{ TCP_FIN_WAIT_1, false, 1, TCP_END_RESET },
		{ TCP_FIN_WAIT_2, false, 1, TCP_END_RESET },
		{ TCP_CLOSE_WAIT, false, 1, TCP_END_RESET },
		{ TCP_CLOSING, false, 1, TCP_END_RESET },
		{ TCP_LAST_ACK, false, 1, TCP_END_RESET },
		{ TCP_TIME_WAIT, false, 1, TCP_END_CLOSED }, /* silent */
	};
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint32_t iss, rcv;

		tenv_app_free(&f->app);
		memset(&f->app, 0, sizeof(f->app));
		tenv_fini(&f->e);
		tenv_init(&f->e, NULL, false);
		rcv = drive(f, rows[i].st, &iss);
		assert_int_equal(nsocks(&f->e), 1);
		assert_int_equal(first_state(&f->e), rows[i].st);
		tenv_none(&f->e.a);
		if (rows[i].ack)
			inject(f, TCP_RST | TCP_ACK, 0, iss + 1, NULL);
		else
			inject(f, TCP_RST, rcv, 0, NULL);
		tenv_none(&f->e.a);
		if (f->app.closed != rows[i].closed ||
		    f->app.why != rows[i].why)
			fail_msg("%s: closed %u why %s",
				 tcp_state_name(rows[i].st), f->app.closed,
				 tcp_end_name(f->app.why));
		assert_int_equal(nsocks(&f->e), 0);
		tenv_assert_idle(&f->e);
	}
}

/* RFC 5961 3.2: in the window but not RCV.NXT: a challenge ACK. */
static void test_rst_challenge(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);
	struct tcp_stack_stats st;

	inject(f, TCP_RST, P + 100, 0, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 0);
	assert_int_equal(tcp_sock_state(f->app.s), TCP_ESTABLISHED);
	/* Outside the window: dropped silently. */
	inject(f, TCP_RST, P + 70000, 0, NULL);
	tenv_none(&f->e.a);
	assert_int_equal(tcp_sock_state(f->app.s), TCP_ESTABLISHED);
	/* A SYN in a synchronized state: challenge ACK (RFC 5961 4). */
	inject(f, TCP_SYN, P + 50, 0, NULL);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 0);
	assert_int_equal(tcp_sock_state(f->app.s), TCP_ESTABLISHED);
	/* An ACK of data never sent: ACK, drop. */
	inject(f, TCP_ACK, P + 1, iss + 10, "x");
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 0);
	assert_int_equal(f->app.rxlen, 0);
	tcp_stack_stats(f->e.a.t, &st);
	assert_int_equal(st.challenge_acks, 2);
	/* RST without ACK in SYN-SENT is ignored; an unacceptable ACK
	 * there gets a reset. */
	{
		struct tcp_sock *s =
			tcp_connect(f->e.a.t, &f->e.a.addr4, AP + 1,
				    &f->e.b.addr4, BP, &tenv_cb, &f->app);
		uint32_t i2 = tenv_pop(&f->e.a)->g.seq;

		tenv_inject(&f->e, NET_AF_IP4, BP, AP + 1, TCP_RST, 0, 0, 0,
			    NULL, 0, 0);
		assert_int_equal(tcp_sock_state(s), TCP_SYN_SENT);
		tenv_inject(&f->e, NET_AF_IP4, BP, AP + 1, TCP_SYN | TCP_ACK, P,
			    i2, 100, NULL, 0, 0);
		tenv_expect(&f->e.a, TCP_RST, i2, 0, 0);
		assert_int_equal(tcp_sock_state(s), TCP_SYN_SENT);
	}
}

/* A passive connection reset before it was accepted goes quietly; the
 * listener stays. */
static void test_rst_passive_syn_received(void **state)
{
	struct fx *f = *state;
	struct net_addr any = { .af = NET_AF_IP4 };
	/* The peer's segments come from port BP to A's port AP. */
	struct tcp_sock *l = tcp_listen(f->e.a.t, &any, AP, &tenv_cb, &f->app);
	uint32_t iss;

	inject(f, TCP_SYN, 100, 0, NULL);
	iss = tenv_pop(&f->e.a)->g.seq;
	(void)iss;
	assert_int_equal(nsocks(&f->e), 2);
	inject(f, TCP_RST, 101, 0, NULL);
	assert_int_equal(nsocks(&f->e), 1);
	assert_int_equal(f->app.closed, 0);
	assert_int_equal(f->app.accepted, 0);
	assert_int_equal(tcp_sock_state(l), TCP_LISTEN);
	/* RST and a bare ACK to the listener. */
	inject(f, TCP_RST, 5, 0, NULL);
	tenv_none(&f->e.a);
	inject(f, TCP_ACK, 5, 777, NULL);
	tenv_expect(&f->e.a, TCP_RST, 777, 0, 0);
	/* A new SYN with another sequence number in SYN-RECEIVED sends the
	 * connection back to LISTEN. */
	inject(f, TCP_SYN, 100, 0, NULL);
	tenv_pop(&f->e.a);
	inject(f, TCP_SYN, 200, 0, NULL);
	assert_int_equal(nsocks(&f->e), 1);
	/* The same SYN again: our SYN,ACK again. */
	inject(f, TCP_SYN, 300, 0, NULL);
	iss = tenv_pop(&f->e.a)->g.seq;
	inject(f, TCP_SYN, 300, 0, NULL);
	tenv_expect(&f->e.a, TCP_SYN | TCP_ACK, iss, 301, 0);
	/* An unacceptable ACK in SYN-RECEIVED: reset <SEQ=SEG.ACK>. */
	inject(f, TCP_ACK, 301, iss + 5, NULL);
	tenv_expect(&f->e.a, TCP_RST, iss + 5, 0, 0);
	/* Closing the listener resets what it had not handed over. */
	tcp_close(l);
	tenv_expect(&f->e.a, TCP_RST, iss + 1, 0, 0);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(nsocks(&f->e), 0);
	{
		struct tcp_stack_stats st;

		tcp_stack_stats(f->e.a.t, &st);
		assert_int_equal(st.passive_opens, 3);
		assert_int_equal(st.ends[TCP_END_CLOSED], 0); /* a listener */
	}
	tenv_assert_idle(&f->e);
}

/* 3.10.7.1: segments for no connection. */
static void test_closed_port(void **state)
{
	struct fx *f = *state;
	struct tcp_stack_stats st;

	inject(f, TCP_SYN, 1234, 0, NULL);
	tenv_expect(&f->e.a, TCP_RST | TCP_ACK, 0, 1235, 0);
	inject(f, TCP_ACK | TCP_PSH, 50, 60, "data");
	tenv_expect(&f->e.a, TCP_RST, 60, 0, 0);
	inject(f, TCP_FIN, 50, 0, "ab");
	tenv_expect(&f->e.a, TCP_RST | TCP_ACK, 0, 53, 0);
	inject(f, TCP_RST, 50, 0, NULL);
	inject(f, TCP_RST | TCP_ACK, 50, 9, NULL);
	tenv_none(&f->e.a);
	tcp_stack_stats(f->e.a.t, &st);
	assert_int_equal(st.no_socket, 5);
	assert_int_equal(st.rst_out, 3);
	assert_int_equal(st.rst_in, 2);
}

/* Our SYN answered by RST,ACK: TCP_END_REFUSED. */
static void test_refused(void **state)
{
	struct fx *f = *state;
	struct tcp_sock *s;
	uint32_t iss;

	s = tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr4, BP,
			&tenv_cb, &f->app);
	iss = tenv_pop(&f->e.a)->g.seq;
	(void)s;
	inject(f, TCP_RST | TCP_ACK, 0, iss + 1, NULL);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_REFUSED);
	assert_int_equal(nsocks(&f->e), 0);
	tenv_assert_idle(&f->e);
}

static void test_abort(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);

	assert_int_equal(tcp_send(f->app.s, "abc", 3), 3);
	tenv_pop(&f->e.a);
	tcp_abort(f->app.s);
	tenv_expect(&f->e.a, TCP_RST, iss + 4, 0, 0);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_ABORTED);
	assert_int_equal(nsocks(&f->e), 0);
	tenv_assert_idle(&f->e);
}

/* The application aborts inside its recv callback: the rest of the
 * segment is not processed and the socket goes at once. */
static void test_abort_in_callback(void **state)
{
	struct fx *f = *state;
	uint32_t iss =
		tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1460, 65535);

	f->app.abort_on_recv = true;
	inject(f, TCP_ACK | TCP_FIN, P + 1, iss + 1, "abc");
	tenv_expect(&f->e.a, TCP_RST, iss + 1, 0, 0);
	tenv_none(&f->e.a);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_ABORTED);
	assert_int_equal(f->app.peer_closed, 0);
	assert_int_equal(nsocks(&f->e), 0);
}

static void test_bad_arguments(void **state)
{
	struct fx *f = *state;
	struct net_addr none = { 0 }, any = { .af = NET_AF_IP4 };
	struct net_addr mc = node_tw_addr("224.0.0.5");
	struct tcp_sock *l;

	assert_null(tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr6, BP,
				&tenv_cb, &f->app));
	assert_null(tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr4, 0,
				&tenv_cb, &f->app));
	assert_null(tcp_connect(f->e.a.t, &any, AP, &f->e.b.addr4, BP, &tenv_cb,
				&f->app));
	assert_null(tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &mc, BP, &tenv_cb,
				&f->app));
	assert_null(tcp_listen(f->e.a.t, &none, BP, &tenv_cb, &f->app));
	assert_null(tcp_listen(f->e.a.t, &any, 0, &tenv_cb, &f->app));
	l = tcp_listen(f->e.a.t, &any, BP, &tenv_cb, &f->app);
	assert_non_null(l);
	assert_int_equal(tcp_send(l, "x", 1), -1);
	/* The same 4-tuple twice. */
	assert_non_null(tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr4,
				    BP, &tenv_cb, &f->app));
	assert_null(tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr4, BP,
				&tenv_cb, &f->app));
	/* Segments from or to a multicast address are dropped. */
	tenv_pop(&f->e.a);
	tcp_input(f->e.a.t, &mc, &f->e.a.addr4, (const uint8_t *)"", 0);
	tcp_input(NULL, &mc, &f->e.a.addr4, NULL, 0);
	tenv_none(&f->e.a);
	tcp_close(NULL);
	tcp_abort(NULL);
	assert_int_equal(tcp_send(NULL, "x", 1), -1);
	assert_string_equal(tcp_state_name(TCP_CLOSE_WAIT), "CLOSE-WAIT");
	assert_string_equal(tcp_state_vrp_name(TCP_LISTEN), "Listening");
	assert_string_equal(tcp_end_name(TCP_END_REFUSED), "refused");
	assert_string_equal(tcp_state_name(TCP_STATE__COUNT), "?");
}

/* No such source, or no route: TCP_END_UNREACH, never inside
 * tcp_connect. */
static void test_unreachable(void **state)
{
	struct fx *f = *state;
	struct net_addr other = node_tw_addr("10.9.9.9");
	struct tcp_sock *s;

	s = tcp_connect(f->e.a.t, &other, AP, &f->e.b.addr4, BP, &tenv_cb,
			&f->app);
	assert_non_null(s);
	assert_int_equal(f->app.closed, 0);
	tenv_none(&f->e.a);
	tenv_run(&f->e, 0);
	assert_int_equal(f->app.closed, 1);
	assert_int_equal(f->app.why, TCP_END_UNREACH);
	f->e.a.no_route = true;
	s = tcp_connect(f->e.a.t, &f->e.a.addr4, AP, &f->e.b.addr4, BP,
			&tenv_cb, &f->app);
	assert_non_null(s);
	assert_int_equal(f->app.closed, 1);
	tenv_run(&f->e, 0);
	assert_int_equal(f->app.closed, 2);
	assert_int_equal(f->app.why, TCP_END_UNREACH);
	assert_int_equal(nsocks(&f->e), 0);
	tenv_assert_idle(&f->e);
}

/* The send buffer bounds tcp_send; writable follows the ACK. */
static void test_send_buffer(void **state)
{
	struct fx *f = *state;
	static uint8_t big[5000];
	struct tcp_cfg c;
	uint32_t iss;

	tcp_cfg_default(&c);
	c.snd_buf = 3000;
	tenv_fini(&f->e);
	tenv_init(&f->e, &c, false);
	iss = tenv_open_active(&f->e, &f->app, NET_AF_IP4, 1000, 65535);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	assert_int_equal(tcp_send(f->app.s, big, sizeof(big)), 3000);
	assert_int_equal(tcp_send(f->app.s, big, 10), 0);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1, P + 1, 1000);
	tenv_expect(&f->e.a, TCP_ACK, iss + 1001, P + 1, 1000);
	{
		const struct tenv_seg *g = tenv_expect(
			&f->e.a, TCP_ACK | TCP_PSH, iss + 2001, P + 1, 1000);

		assert_memory_equal(g->g.data, big + 2000, 1000);
	}
	assert_int_equal(f->app.writable, 0);
	inject(f, TCP_ACK, P + 1, iss + 1001, NULL);
	assert_int_equal(f->app.writable, 1);
	/* The ring wraps: bytes come out in order. */
	assert_int_equal(tcp_send(f->app.s, big + 3000, 2000), 1000);
	{
		const struct tenv_seg *g = tenv_expect(
			&f->e.a, TCP_ACK | TCP_PSH, iss + 3001, P + 1, 1000);

		assert_memory_equal(g->g.data, big + 3000, 1000);
	}
	inject(f, TCP_ACK, P + 1, iss + 4001, NULL);
	assert_int_equal(f->app.writable, 2);
	tenv_none(&f->e.a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_active_open),
		T(test_default_mss),
		T(test_passive_open_v6),
		T(test_simultaneous_open),
		T(test_data_both_ways),
		T(test_out_of_order),
		T(test_window_trim),
		T(test_close_active),
		T(test_close_passive),
		T(test_close_simultaneous),
		T(test_time_wait_refin),
		T(test_close_in_syn_received),
		T(test_rst_each_state),
		T(test_rst_challenge),
		T(test_rst_passive_syn_received),
		T(test_closed_port),
		T(test_refused),
		T(test_abort),
		T(test_abort_in_callback),
		T(test_bad_arguments),
		T(test_unreachable),
		T(test_send_buffer),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
