/*
 * TCP on hosts (tcp_host.c): a host talks TCP with the router it is
 * cabled to, over IPv4 and IPv6, with the host's own source selection and
 * address resolution; a source the host would not use is unreachable; a
 * host crash drops its connections silently, and the router's side then
 * hears a reset (RFC 9293 3.10.7.1) when it next sends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/tcp/tcp_host.h"
#include "protocols/tcp/tcp_router.h"
#include "sim/router/router_testutil.h"

static const struct router_module *const modules[] = { &tcp_module, NULL };

static const char cfg_r1[] = "system-view\n"
			     "interface GigabitEthernet0/1/0\n"
			     " ip address 10.0.1.1 255.255.255.0\n"
			     " ipv6 enable\n"
			     " ipv6 address 2001:db8:1::1 64\n"
			     "commit\n";

struct rec {
	struct tcp_sock *s;
	char rx[256];
	size_t rxlen;
	unsigned up, closed;
	enum tcp_end why;
};

static void on_up(void *ctx, struct tcp_sock *s)
{
	struct rec *r = ctx;

	r->s = s;
	r->up++;
}

static void on_acc(void *ctx, struct tcp_sock *l, struct tcp_sock *s)
{
	(void)l;
	on_up(ctx, s);
}

static void on_recv(void *ctx, struct tcp_sock *s, const uint8_t *d, size_t n)
{
	struct rec *r = ctx;

	(void)s;
	assert_true(r->rxlen + n <= sizeof(r->rx));
	memcpy(r->rx + r->rxlen, d, n);
	r->rxlen += n;
}

static void on_closed(void *ctx, struct tcp_sock *s, enum tcp_end why)
{
	struct rec *r = ctx;

	(void)s;
	r->s = NULL;
	r->closed++;
	r->why = why;
}

static const struct tcp_cb cb = {
	.connected = on_up,
	.accepted = on_acc,
	.recv = on_recv,
	.closed = on_closed,
};

struct world {
	struct rtest t;
	struct router *r;
	struct node *h;
	struct tcp_host *th;
};

static int setup(void **state)
{
	static const char *const ports[] = { "GE0/1/0", NULL };
	struct world *w = calloc(1, sizeof(*w));

	rtest_init(&w->t, 5);
	assert_int_equal(tcp_module.cli_register(w->t.reg), 0);
	w->t.modules = modules;
	w->r = rtest_router(&w->t, "R1", cfg_r1, ports);
	w->h = node_tw_host(w->t.w, "H", "eth0", "10.0.1.10/24", "10.0.1.1",
			    "2001:db8:1::10/64", "2001:db8:1::1");
	rtest_link(&w->t, "l1", w->h, "eth0", router_node(w->r),
		   "GigabitEthernet0/1/0");
	rtest_boot(w->r);
	node_tw_run_for(w->t.w, SIM_MS(100));
	w->th = tcp_host_attach(w->h, NULL);
	assert_non_null(w->th);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	tcp_host_detach(w->th);
	rtest_fini(&w->t);
	free(w);
	return 0;
}

static void exchange(struct world *w, const char *hsrc, const char *rdst)
{
	struct net_addr src = node_tw_addr(hsrc), dst = node_tw_addr(rdst);
	struct net_addr any = { .af = dst.af };
	struct rec hr = { 0 }, rr = { 0 }, lr = { 0 };
	struct tcp_sock *l;

	l = tcp_listen(tcp_router_stack(w->r), &any, 179, &cb, &lr);
	assert_non_null(l);
	assert_non_null(tcp_connect(tcp_host_stack(w->th), &src, 0, &dst, 179,
				    &cb, &hr));
	node_tw_run_for(w->t.w, SIM_MS(10));
	assert_int_equal(hr.up, 1);
	assert_int_equal(lr.up, 1);
	tcp_set_cb(lr.s, &cb, &rr);
	rr.s = lr.s;
	assert_int_equal(tcp_send(hr.s, "from host", 9), 9);
	assert_int_equal(tcp_send(rr.s, "from router", 11), 11);
	node_tw_run_for(w->t.w, SIM_MS(10));
	assert_int_equal(rr.rxlen, 9);
	assert_memory_equal(rr.rx, "from host", 9);
	assert_int_equal(hr.rxlen, 11);
	assert_memory_equal(hr.rx, "from router", 11);
	tcp_abort(hr.s);
	node_tw_run_for(w->t.w, SIM_MS(10));
	assert_int_equal(rr.closed, 1);
	assert_int_equal(rr.why, TCP_END_RESET);
	tcp_close(l);
}

static void test_host_v4(void **state)
{
	exchange(*state, "10.0.1.10", "10.0.1.1");
}

static void test_host_v6(void **state)
{
	exchange(*state, "2001:db8:1::10", "2001:db8:1::1");
}

static void test_host_wrong_source(void **state)
{
	struct world *w = *state;
	struct net_addr src = node_tw_addr("10.0.1.10");
	struct net_addr far = node_tw_addr("10.0.9.9");
	struct net_addr other = node_tw_addr("10.0.1.99");
	struct net_addr dst = node_tw_addr("10.0.1.1");
	struct rec a = { 0 }, b = { 0 };

	/* Not the host's address. */
	tcp_connect(tcp_host_stack(w->th), &other, 0, &dst, 179, &cb, &a);
	node_tw_run_for(w->t.w, SIM_MS(1));
	assert_int_equal(a.closed, 1);
	assert_int_equal(a.why, TCP_END_UNREACH);
	/* Through the gateway this is fine: the router refuses it. */
	tcp_connect(tcp_host_stack(w->th), &src, 0, &far, 179, &cb, &b);
	node_tw_run_for(w->t.w, SIM_MS(10));
	assert_int_equal(b.closed, 0); /* 10.0.9.9 answers nothing */
	assert_null(tcp_host_attach(router_node(w->r), NULL));
}

static void test_host_crash(void **state)
{
	struct world *w = *state;
	struct net_addr src = node_tw_addr("10.0.1.10");
	struct net_addr dst = node_tw_addr("10.0.1.1");
	struct net_addr any = { .af = NET_AF_IP4 };
	struct rec hr = { 0 }, lr = { 0 };

	tcp_listen(tcp_router_stack(w->r), &any, 179, &cb, &lr);
	tcp_connect(tcp_host_stack(w->th), &src, 0, &dst, 179, &cb, &hr);
	node_tw_run_for(w->t.w, SIM_MS(10));
	assert_int_equal(lr.up, 1);
	w->h->ops->crash(w->h);
	w->h->ops->restart(w->h);
	node_tw_run_for(w->t.w, SIM_MS(10));
	assert_int_equal(hr.closed, 0); /* silently gone */
	tcp_send(lr.s, "x", 1);
	node_tw_run_for(w->t.w, SIM_MS(10));
	assert_int_equal(lr.closed, 1);
	assert_int_equal(lr.why, TCP_END_RESET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_host_v4),
		T(test_host_v6),
		T(test_host_wrong_source),
		T(test_host_crash),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
