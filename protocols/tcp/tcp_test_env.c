/*
 * The TCP tests' environment (see tcp_test_env.h): stacks on probe nodes,
 * recorded segments, scripted or wired delivery, application recorder.
 * No RFC logic lives here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/tcp/tcp_test_env.h"

struct flight {
	struct sim_timer t;
	struct flight *prev, *next;
	struct tenv *e;
	struct tenv_end *to;
	struct net_addr src, dst;
	size_t len;
	uint8_t b[];
};

static void flight_unlink(struct flight *f)
{
	struct tenv *e = f->e;

	if (f->prev)
		f->prev->next = f->next;
	else
		e->flights = f->next;
	if (f->next)
		f->next->prev = f->prev;
	e->inflight--;
	sim_timer_fini(&f->t);
}

static void deliver(struct sim_timer *t)
{
	struct flight *f = sim_container_of(t, struct flight, t);

	flight_unlink(f);
	if (f->to->t)
		tcp_input(f->to->t, &f->src, &f->dst, f->b, f->len);
	free(f);
}

static void record(struct tenv_end *x, const struct net_addr *src,
		   const struct net_addr *dst, const uint8_t *seg, size_t len)
{
	struct tenv_seg *s;

	if (x->nout == TENV_MAX_SEGS)
		fail_msg("%s sent more than %d segments", x->name,
			 TENV_MAX_SEGS);
	if (!x->out)
		x->out = calloc(TENV_MAX_SEGS, sizeof(*x->out));
	assert_non_null(x->out);
	s = &x->out[x->nout++];
	s->t = node_tw_now(x->env->w);
	s->src = *src;
	s->dst = *dst;
	s->bytes = malloc(len);
	assert_non_null(s->bytes);
	memcpy(s->bytes, seg, len);
	s->len = len;
	/* Every segment must decode with a good checksum. */
	assert_int_equal(tcp_seg_decode(s->bytes, len, src, dst, &s->g),
			 TCP_SEG_OK);
}

static int end_send(void *ctx, const struct net_addr *src,
		    const struct net_addr *dst, const uint8_t *seg, size_t len)
{
	struct tenv_end *x = ctx;
	struct tenv *e = x->env;
	struct tenv_end *to = x == &e->a ? &e->b : &e->a;
	struct flight *f;

	if (x->no_route)
		return -1;
	record(x, src, dst, seg, len);
	if (!e->wire || !to->t)
		return 0;
	if (e->drop &&
	    e->drop(e->drop_arg, x, &x->out[x->nout - 1], x->nout - 1))
		return 0;
	f = calloc(1, sizeof(*f) + len);
	assert_non_null(f);
	f->e = e;
	f->to = to;
	f->src = *src;
	f->dst = *dst;
	f->len = len;
	memcpy(f->b, seg, len);
	assert_int_equal(sim_timer_init(e->w->eng, &f->t, deliver), 0);
	sim_timer_arm_in(&f->t, e->delay);
	f->next = e->flights;
	if (f->next)
		f->next->prev = f;
	e->flights = f;
	e->inflight++;
	return 0;
}

static bool end_is_local(void *ctx, const struct net_addr *a)
{
	struct tenv_end *x = ctx;

	return net_addr_eq(a, &x->addr4) || net_addr_eq(a, &x->addr6);
}

static const struct tcp_ops end_ops = {
	.ip_send = end_send,
	.is_local = end_is_local,
};

static void end_init(struct tenv *e, struct tenv_end *x, const char *name,
		     const char *a4, const char *a6, const struct tcp_cfg *cfg,
		     bool stack)
{
	x->env = e;
	x->name = name;
	x->addr4 = node_tw_addr(a4);
	x->addr6 = node_tw_addr(a6);
	if (!stack)
		return;
	x->node = node_tw_probe(e->w, name);
	x->t = tcp_stack_new(x->node, cfg, &end_ops, x);
	assert_non_null(x->t);
}

void tenv_init(struct tenv *e, const struct tcp_cfg *cfg, bool wire)
{
	memset(e, 0, sizeof(*e));
	e->w = node_tw_new(7);
	e->wire = wire;
	e->delay = SIM_MS(10);
	end_init(e, &e->a, "A", "10.0.0.1", "2001:db8::1", cfg, true);
	end_init(e, &e->b, "B", "10.0.0.2", "2001:db8::2", cfg, wire);
}

static void end_fini(struct tenv_end *x)
{
	tcp_stack_free(x->t);
	x->t = NULL;
	for (size_t i = 0; i < x->nout; i++)
		free(x->out[i].bytes);
	free(x->out);
	x->out = NULL;
	x->nout = x->next = 0;
}

void tenv_fini(struct tenv *e)
{
	end_fini(&e->a);
	end_fini(&e->b);
	while (e->flights) {
		struct flight *f = e->flights;

		flight_unlink(f);
		free(f);
	}
	assert_true(node_tw_free(e->w));
}

void tenv_restart(struct tenv_end *x, const struct tcp_cfg *cfg)
{
	tcp_stack_free(x->t);
	x->t = tcp_stack_new(x->node, cfg, &end_ops, x);
	assert_non_null(x->t);
}

void tenv_assert_idle(struct tenv *e)
{
	size_t n = sim_engine_pending(e->w->eng);

	if (n)
		fail_msg("%zu timers still armed at %lld ns", n,
			 (long long)tenv_now(e));
}

void tenv_run(struct tenv *e, sim_time_t until)
{
	node_tw_run(e->w, until);
}

void tenv_run_for(struct tenv *e, sim_time_t dt)
{
	node_tw_run_for(e->w, dt);
}

sim_time_t tenv_now(const struct tenv *e)
{
	return node_tw_now(e->w);
}

const struct tenv_seg *tenv_pop(struct tenv_end *x)
{
	if (x->next >= x->nout)
		fail_msg("%s sent nothing more (at %lld ns)", x->name,
			 (long long)tenv_now(x->env));
	return &x->out[x->next++];
}

void tenv_none(struct tenv_end *x)
{
	if (x->next < x->nout) {
		char f[48];

		tcp_seg_flags_fmt(x->out[x->next].g.flags, f, sizeof(f));
		fail_msg("%s sent an unexpected %s segment at %lld ns", x->name,
			 f, (long long)x->out[x->next].t);
	}
}

const struct tenv_seg *tenv_expect(struct tenv_end *x, uint8_t flags,
				   uint32_t seq, uint32_t ack, size_t len)
{
	const struct tenv_seg *s = tenv_pop(x);

	if (s->g.flags != flags) {
		char got[48], want[48];

		tcp_seg_flags_fmt(s->g.flags, got, sizeof(got));
		tcp_seg_flags_fmt(flags, want, sizeof(want));
		fail_msg("%s sent %s, expected %s (at %lld ns)", x->name, got,
			 want, (long long)s->t);
	}
	assert_int_equal(s->g.seq, seq);
	if (flags & TCP_ACK)
		assert_int_equal(s->g.ack, ack);
	assert_int_equal(s->g.len, len);
	return s;
}

void tenv_inject(struct tenv *e, enum net_af af, uint16_t sport, uint16_t dport,
		 uint8_t flags, uint32_t seq, uint32_t ack, uint16_t wnd,
		 const void *data, size_t len, uint16_t mss)
{
	struct tcp_seg g = {
		.sport = sport,
		.dport = dport,
		.seq = seq,
		.ack = ack,
		.flags = flags,
		.wnd = wnd,
		.data = data,
		.len = len,
		.has_mss = mss != 0,
		.mss = mss,
	};
	const struct net_addr *src =
		af == NET_AF_IP6 ? &e->b.addr6 : &e->b.addr4;
	const struct net_addr *dst =
		af == NET_AF_IP6 ? &e->a.addr6 : &e->a.addr4;
	uint8_t buf[TCP_HDR_MAX + 2048];
	int n = tcp_seg_encode(&g, src, dst, buf, sizeof(buf));

	assert_true(n > 0);
	tcp_input(e->a.t, src, dst, buf, (size_t)n);
}

uint32_t tenv_open_active(struct tenv *e, struct tenv_app *app, enum net_af af,
			  uint16_t peer_mss, uint16_t wnd)
{
	const struct net_addr *src =
		af == NET_AF_IP6 ? &e->a.addr6 : &e->a.addr4;
	const struct net_addr *dst =
		af == NET_AF_IP6 ? &e->b.addr6 : &e->b.addr4;
	struct tcp_sock *s;
	const struct tenv_seg *syn;
	uint32_t iss;

	s = tcp_connect(e->a.t, src, TENV_APORT, dst, TENV_BPORT, &tenv_cb,
			app);
	assert_non_null(s);
	app->s = s;
	syn = tenv_pop(&e->a);
	assert_int_equal(syn->g.flags, TCP_SYN);
	iss = syn->g.seq;
	assert_int_equal(tcp_sock_state(s), TCP_SYN_SENT);
	tenv_inject(e, af, TENV_BPORT, TENV_APORT, TCP_SYN | TCP_ACK, TENV_PISS,
		    iss + 1, wnd, NULL, 0, peer_mss);
	tenv_expect(&e->a, TCP_ACK, iss + 1, TENV_PISS + 1, 0);
	assert_int_equal(tcp_sock_state(s), TCP_ESTABLISHED);
	assert_int_equal(app->connected, 1);
	return iss;
}

/* ---- application recorder ---- */

static void app_connected(void *ctx, struct tcp_sock *s)
{
	struct tenv_app *a = ctx;

	a->s = s;
	a->connected++;
}

static void app_accepted(void *ctx, struct tcp_sock *l, struct tcp_sock *s)
{
	struct tenv_app *a = ctx;

	a->accepted++;
	a->listener = l;
	if (a->child) {
		a->child->s = s;
		a->child->accepted++;
		tcp_set_cb(s, &tenv_cb, a->child);
	} else {
		a->s = s;
	}
}

static void app_recv(void *ctx, struct tcp_sock *s, const uint8_t *p, size_t n)
{
	struct tenv_app *a = ctx;

	if (!a->rx)
		a->rx = malloc(TENV_RX_MAX);
	assert_non_null(a->rx);
	assert_true(a->rxlen + n <= TENV_RX_MAX);
	memcpy(a->rx + a->rxlen, p, n);
	a->rxlen += n;
	a->recvs++;
	if (a->abort_on_recv && a->recvs == 1)
		tcp_abort(s);
}

static void app_peer_closed(void *ctx, struct tcp_sock *s)
{
	struct tenv_app *a = ctx;

	a->peer_closed++;
	if (a->close_on_peer_closed)
		tcp_close(s);
}

static void app_writable(void *ctx, struct tcp_sock *s)
{
	struct tenv_app *a = ctx;

	(void)s;
	a->writable++;
}

static void app_closed(void *ctx, struct tcp_sock *s, enum tcp_end why)
{
	struct tenv_app *a = ctx;

	a->closed++;
	a->why = why;
	if (a->s == s)
		a->s = NULL;
}

const struct tcp_cb tenv_cb = {
	.connected = app_connected,
	.accepted = app_accepted,
	.recv = app_recv,
	.peer_closed = app_peer_closed,
	.writable = app_writable,
	.closed = app_closed,
};

void tenv_app_free(struct tenv_app *app)
{
	free(app->rx);
	app->rx = NULL;
}

size_t tenv_log_count(struct tenv *e, const char *node, const char *ev)
{
	return node_tw_count(e->w, node, "tcp", ev);
}
