/*
 * Two TCP stacks talking over a simulated wire (10 ms each way): bulk
 * transfers both ways over IPv4 and IPv6 with the whole close sequence,
 * transfers through loss (data, acknowledgments, SYN, FIN), simultaneous
 * open and close between two real stacks (RFC 9293 3.5, 3.6), many
 * connections on one listener, a peer that restarts (its new stack answers
 * with RST, 3.10.7.1) and a peer that vanishes (keepalive, 3.8.4).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/tcp/tcp_test_env.h"

#define PORT 2046

/* An application that sends len bytes of a pattern (feeding the send
 * buffer as it drains), closes when done if asked, and keeps what it
 * receives. */
struct peer {
	struct tcp_sock *s;
	uint8_t seed;
	size_t len, sent;
	bool close_when_sent, close_on_fin;
	uint8_t *rx;
	size_t rxlen, rxcap;
	unsigned connected, accepted, peer_closed, closed;
	enum tcp_end why;
	struct peer *children; /* a listener's accepted sockets */
	size_t nchildren, maxchildren;
	struct peer *child_tmpl;
};

static uint8_t pat(uint8_t seed, size_t i)
{
	return (uint8_t)(seed + i * 131 + (i >> 9));
}

static void feed(struct peer *p)
{
	uint8_t buf[4096];

	while (p->s && p->sent < p->len) {
		size_t n = p->len - p->sent < sizeof(buf) ? p->len - p->sent
							  : sizeof(buf);
		long k;

		for (size_t i = 0; i < n; i++)
			buf[i] = pat(p->seed, p->sent + i);
		k = tcp_send(p->s, buf, n);
		assert_true(k >= 0);
		p->sent += (size_t)k;
		if ((size_t)k < n)
			return; /* writable follows */
	}
	if (p->s && p->close_when_sent && p->sent == p->len)
		tcp_close(p->s);
}

static void on_connected(void *ctx, struct tcp_sock *s)
{
	struct peer *p = ctx;

	p->s = s;
	p->connected++;
	feed(p);
}

static const struct tcp_cb peer_cb;

static void on_accepted(void *ctx, struct tcp_sock *l, struct tcp_sock *s)
{
	struct peer *p = ctx, *c;

	(void)l;
	p->accepted++;
	assert_true(p->nchildren < p->maxchildren);
	c = &p->children[p->nchildren++];
	*c = *p->child_tmpl;
	c->s = s;
	tcp_set_cb(s, &peer_cb, c);
	feed(c);
}

static void on_recv(void *ctx, struct tcp_sock *s, const uint8_t *d, size_t n)
{
	struct peer *p = ctx;

	(void)s;
	if (p->rxlen + n > p->rxcap) {
		p->rxcap = (p->rxlen + n) * 2;
		p->rx = realloc(p->rx, p->rxcap);
		assert_non_null(p->rx);
	}
	memcpy(p->rx + p->rxlen, d, n);
	p->rxlen += n;
}

static void on_peer_closed(void *ctx, struct tcp_sock *s)
{
	struct peer *p = ctx;

	p->peer_closed++;
	if (p->close_on_fin)
		tcp_close(s);
}

static void on_writable(void *ctx, struct tcp_sock *s)
{
	(void)s;
	feed(ctx);
}

static void on_closed(void *ctx, struct tcp_sock *s, enum tcp_end why)
{
	struct peer *p = ctx;

	if (p->s == s)
		p->s = NULL;
	p->closed++;
	p->why = why;
}

static const struct tcp_cb peer_cb = {
	.connected = on_connected,
	.accepted = on_accepted,
	.recv = on_recv,
	.peer_closed = on_peer_closed,
	.writable = on_writable,
	.closed = on_closed,
};

static void check_rx(const struct peer *p, uint8_t seed, size_t len)
{
	assert_int_equal(p->rxlen, len);
	for (size_t i = 0; i < len; i++)
		if (p->rx[i] != pat(seed, i))
			fail_msg("byte %zu differs", i);
}

struct census {
	size_t n;
};

static void count(void *arg, const struct tcp_sock *s)
{
	(void)s;
	((struct census *)arg)->n++;
}

static size_t nsocks(struct tcp_stack *t)
{
	struct census c = { 0 };

	tcp_each_sock(t, count, &c);
	return c.n;
}

static void peer_free(struct peer *p)
{
	for (size_t i = 0; i < p->nchildren; i++)
		free(p->children[i].rx);
	free(p->children);
	free(p->rx);
}

/* A sends alen bytes and closes; B answers blen bytes and closes after
 * A's FIN. Returns A's retransmission count. */
static uint64_t transfer(struct tenv *e, enum net_af af, size_t alen,
			 size_t blen)
{
	const struct net_addr *a = af == NET_AF_IP6 ? &e->a.addr6 : &e->a.addr4;
	const struct net_addr *b = af == NET_AF_IP6 ? &e->b.addr6 : &e->b.addr4;
	struct net_addr any = { .af = (uint8_t)af };
	struct peer pa = { .seed = 1, .len = alen, .close_when_sent = true };
	struct peer tmpl = { .seed = 2, .len = blen, .close_on_fin = true };
	struct peer pb = { .child_tmpl = &tmpl, .maxchildren = 1 };
	struct tcp_stack_stats st;
	struct tcp_sock *l;

	pb.children = calloc(1, sizeof(*pb.children));
	l = tcp_listen(e->b.t, &any, PORT, &peer_cb, &pb);
	assert_non_null(l);
	assert_non_null(tcp_connect(e->a.t, a, 0, b, PORT, &peer_cb, &pa));
	tenv_run_for(e, SIM_S(100));
	assert_int_equal(pa.connected, 1);
	assert_int_equal(pb.accepted, 1);
	check_rx(&pb.children[0], 1, alen);
	check_rx(&pa, 2, blen);
	assert_int_equal(pa.closed, 1);
	assert_int_equal(pa.why, TCP_END_CLOSED);
	assert_int_equal(pb.children[0].closed, 1);
	assert_int_equal(pb.children[0].why, TCP_END_CLOSED);
	/* A went through TIME-WAIT; only B's listener is left. */
	assert_int_equal(nsocks(e->a.t), 0);
	assert_int_equal(nsocks(e->b.t), 1);
	tcp_close(l);
	assert_int_equal(pb.closed, 1);
	tenv_assert_idle(e);
	tcp_stack_stats(e->a.t, &st);
	peer_free(&pa);
	peer_free(&pb);
	return st.retransmits;
}

static void test_bulk_v4(void **state)
{
	struct tenv e;

	(void)state;
	tenv_init(&e, NULL, true);
	assert_int_equal(transfer(&e, NET_AF_IP4, 300000, 100000), 0);
	tenv_fini(&e);
}

static void test_bulk_v6(void **state)
{
	struct tenv e;

	(void)state;
	tenv_init(&e, NULL, true);
	assert_int_equal(transfer(&e, NET_AF_IP6, 100000, 300000), 0);
	/* IPv6 segments carry at most 1440 bytes. */
	for (size_t i = 0; i < e.a.nout; i++)
		assert_true(e.a.out[i].g.len <= 1440);
	tenv_fini(&e);
}

/* Every seventh segment of each side is lost, SYNs and FINs included
 * when they fall on it. */
static bool drop_7th(void *arg, const struct tenv_end *from,
		     const struct tenv_seg *s, size_t n)
{
	(void)arg;
	(void)from;
	(void)s;
	return n % 7 == 6;
}

static void test_loss(void **state)
{
	struct tenv e;

	(void)state;
	tenv_init(&e, NULL, true);
	e.drop = drop_7th;
	assert_true(transfer(&e, NET_AF_IP4, 200000, 50000) > 0);
	tenv_fini(&e);
}

/* Lose the first segment carrying each flag of interest. */
struct first_of {
	uint8_t flag;
	const struct tenv_end *from;
	bool done;
};

static bool drop_first(void *arg, const struct tenv_end *from,
		       const struct tenv_seg *s, size_t n)
{
	struct first_of *d = arg;

	(void)n;
	if (d->done || from != d->from || !(s->g.flags & d->flag))
		return false;
	d->done = true;
	return true;
}

static void test_syn_lost(void **state)
{
	struct tenv e;
	struct first_of d;

	(void)state;
	tenv_init(&e, NULL, true);
	d = (struct first_of){ .flag = TCP_SYN, .from = &e.a };
	e.drop = drop_first;
	e.drop_arg = &d;
	assert_int_equal(transfer(&e, NET_AF_IP4, 1000, 1000), 1);
	/* The SYN went again after the initial RTO. */
	assert_int_equal(e.a.out[1].g.flags, TCP_SYN);
	assert_int_equal(e.a.out[1].t, SIM_S(1));
	tenv_fini(&e);
}

static void test_fin_lost(void **state)
{
	struct tenv e;
	struct first_of d;

	(void)state;
	tenv_init(&e, NULL, true);
	d = (struct first_of){ .flag = TCP_FIN, .from = &e.b };
	e.drop = drop_first;
	e.drop_arg = &d;
	transfer(&e, NET_AF_IP6, 5000, 5000);
	assert_true(d.done);
	tenv_fini(&e);
}

/* Both connect to each other's fixed port at once (RFC 9293 figure 8),
 * then both close at once (figure 13). */
static void test_simultaneous_wire(void **state)
{
	struct tenv e;
	struct peer pa = { .seed = 3, .len = 10 },
		    pb = { .seed = 4, .len = 20 };

	(void)state;
	tenv_init(&e, NULL, true);
	pa.s = tcp_connect(e.a.t, &e.a.addr4, 5000, &e.b.addr4, 6000, &peer_cb,
			   &pa);
	pb.s = tcp_connect(e.b.t, &e.b.addr4, 6000, &e.a.addr4, 5000, &peer_cb,
			   &pb);
	tenv_run_for(&e, SIM_MS(100));
	assert_int_equal(pa.connected, 1);
	assert_int_equal(pb.connected, 1);
	check_rx(&pa, 4, 20);
	check_rx(&pb, 3, 10);
	tcp_close(pa.s);
	tcp_close(pb.s);
	tenv_run_for(&e, SIM_MS(100));
	assert_int_equal(pa.closed, 1);
	assert_int_equal(pb.closed, 1);
	assert_int_equal(tenv_log_count(&e, "A", "state"), 6);
	assert_non_null(node_tw_find(e.w, "A", "tcp", "state", 3));
	{
		const struct node_tw_rec *r =
			node_tw_find(e.w, "A", "tcp", "state", 4);
		char to[32];

		assert_true(node_tw_field(r, "to", to, sizeof(to)));
		assert_string_equal(to, "CLOSING");
	}
	tenv_run_for(&e, SIM_S(61));
	tenv_assert_idle(&e);
	peer_free(&pa);
	peer_free(&pb);
	tenv_fini(&e);
}

static void test_many_clients(void **state)
{
	enum { N = 20 };
	struct tenv e;
	struct peer tmpl = { .close_on_fin = true };
	struct peer pb = { .child_tmpl = &tmpl, .maxchildren = N };
	struct peer pa[N];
	struct net_addr any = { .af = NET_AF_IP4 };
	struct tcp_sock *l;
	size_t total = 0;

	(void)state;
	memset(pa, 0, sizeof(pa));
	tenv_init(&e, NULL, true);
	pb.children = calloc(N, sizeof(*pb.children));
	l = tcp_listen(e.b.t, &any, PORT, &peer_cb, &pb);
	for (int i = 0; i < N; i++) {
		pa[i].seed = (uint8_t)i;
		pa[i].len = 1000 + (size_t)i;
		pa[i].close_when_sent = true;
		assert_non_null(tcp_connect(e.a.t, &e.a.addr4, 0, &e.b.addr4,
					    PORT, &peer_cb, &pa[i]));
	}
	tenv_run_for(&e, SIM_S(1));
	assert_int_equal(pb.accepted, N);
	for (int i = 0; i < N; i++) {
		assert_int_equal(pa[i].closed, 1);
		total += pb.children[i].rxlen;
		assert_int_equal(pb.children[i].closed, 1);
	}
	assert_int_equal(total, N * 1000 + N * (N - 1) / 2);
	assert_int_equal(nsocks(e.a.t), N); /* all in TIME-WAIT */
	tenv_run_for(&e, SIM_S(60));
	assert_int_equal(nsocks(e.a.t), 0);
	tcp_close(l);
	for (int i = 0; i < N; i++)
		peer_free(&pa[i]);
	peer_free(&pb);
	tenv_fini(&e);
}

/* The peer's stack restarts: our next segment gets a reset. */
static void test_peer_restart(void **state)
{
	struct tenv e;
	struct peer tmpl = { 0 };
	struct peer pb = { .child_tmpl = &tmpl, .maxchildren = 1 };
	struct peer pa = { .seed = 9 };
	struct net_addr any = { .af = NET_AF_IP4 };

	(void)state;
	tenv_init(&e, NULL, true);
	pb.children = calloc(1, sizeof(*pb.children));
	tcp_listen(e.b.t, &any, PORT, &peer_cb, &pb);
	tcp_connect(e.a.t, &e.a.addr4, 0, &e.b.addr4, PORT, &peer_cb, &pa);
	tenv_run_for(&e, SIM_MS(100));
	assert_int_equal(pa.connected, 1);
	/* B loses everything (silently) and comes back empty. */
	tenv_restart(&e.b, NULL);
	pa.len = 100;
	feed(&pa);
	tenv_run_for(&e, SIM_MS(100));
	assert_int_equal(pa.closed, 1);
	assert_int_equal(pa.why, TCP_END_RESET);
	assert_int_equal(pb.children[0].closed, 0); /* it never heard */
	tenv_assert_idle(&e);
	peer_free(&pa);
	peer_free(&pb);
	tenv_fini(&e);
}

static bool drop_from_b(void *arg, const struct tenv_end *from,
			const struct tenv_seg *s, size_t n)
{
	struct tenv *e = arg;

	(void)s;
	(void)n;
	return from == &e->b && tenv_now(e) > SIM_S(1);
}

/* Keepalive probes a live peer answers keep the connection. */
static void test_keepalive_answered(void **state)
{
	struct tenv e;
	struct peer tmpl = { 0 };
	struct peer pb = { .child_tmpl = &tmpl, .maxchildren = 1 };
	struct peer pa = { .seed = 9 };
	struct net_addr any = { .af = NET_AF_IP4 };
	size_t before;

	(void)state;
	tenv_init(&e, NULL, true);
	pb.children = calloc(1, sizeof(*pb.children));
	tcp_listen(e.b.t, &any, PORT, &peer_cb, &pb);
	tcp_connect(e.a.t, &e.a.addr4, 0, &e.b.addr4, PORT, &peer_cb, &pa);
	tenv_run_for(&e, SIM_MS(100));
	tcp_set_keepalive(pa.s, SIM_S(1), SIM_S(1), 2);
	before = e.b.nout;
	tenv_run_for(&e, SIM_S(10));
	assert_int_equal(pa.closed, 0);
	assert_int_equal(tcp_sock_state(pa.s), TCP_ESTABLISHED);
	/* Each probe answered by B (20 ms later), the next an idle time
	 * after the answer: at 1.1 s + k * 1.02 s, 9 before 10.1 s. */
	assert_int_equal(e.b.nout - before, 9);
	tcp_abort(pa.s);
	tenv_run_for(&e, SIM_S(1));
	assert_int_equal(pb.children[0].closed, 1);
	assert_int_equal(pb.children[0].why, TCP_END_RESET);
	peer_free(&pa);
	peer_free(&pb);
	tenv_fini(&e);
}

/* The peer goes silent: keepalive finds out (RFC 9293 3.8.4). */
static void test_peer_vanishes(void **state)
{
	struct tenv e;
	struct peer tmpl = { 0 };
	struct peer pb = { .child_tmpl = &tmpl, .maxchildren = 1 };
	struct peer pa = { .seed = 9 };
	struct net_addr any = { .af = NET_AF_IP6 };

	(void)state;
	tenv_init(&e, NULL, true);
	e.drop = drop_from_b;
	e.drop_arg = &e;
	pb.children = calloc(1, sizeof(*pb.children));
	tcp_listen(e.b.t, &any, PORT, &peer_cb, &pb);
	tcp_connect(e.a.t, &e.a.addr6, 0, &e.b.addr6, PORT, &peer_cb, &pa);
	tenv_run_for(&e, SIM_MS(100));
	assert_int_equal(pa.connected, 1);
	/* The last segment A heard arrived at 20 ms (the handshake). */
	tcp_set_keepalive(pa.s, SIM_S(5), SIM_S(1), 3);
	tenv_run(&e, SIM_S(3));
	/* B's answers to probes at 3 s... are lost from 1 s on. */
	tenv_run(&e, SIM_MS(100) + SIM_S(8) - 1);
	assert_int_equal(pa.closed, 0);
	tenv_run(&e, SIM_MS(100) + SIM_S(8));
	assert_int_equal(pa.closed, 1);
	assert_int_equal(pa.why, TCP_END_KEEPALIVE);
	peer_free(&pa);
	peer_free(&pb);
	tenv_fini(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bulk_v4),
		cmocka_unit_test(test_bulk_v6),
		cmocka_unit_test(test_loss),
		cmocka_unit_test(test_syn_lost),
		cmocka_unit_test(test_fin_lost),
		cmocka_unit_test(test_simultaneous_wire),
		cmocka_unit_test(test_many_clients),
		cmocka_unit_test(test_peer_restart),
		cmocka_unit_test(test_keepalive_answered),
		cmocka_unit_test(test_peer_vanishes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
