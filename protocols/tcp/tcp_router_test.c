/*
 * TCP on routers (tcp_router.c): two routers cabled GE0/1/0 to GE0/1/0
 * exchange data over IPv4 and IPv6, between interface addresses and
 * between loopbacks reached by static routes (as RBS channels run); the
 * link is captured to a pcap that tshark decodes with TCP checksum
 * validation on (no malformed frame, no bad checksum, every segment seen
 * as TCP). Also: `display tcp status` and `display tcp statistics`, a
 * refused connection (RST from the peer router, RFC 9293 3.10.7.1), no
 * route (TCP_END_UNREACH), and a peer router that crashes and restarts
 * (its new stack resets the connection).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/tcp/tcp_router.h"
#include "sim/router/router_testutil.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_tshark.h"

static const struct router_module *const modules[] = { &tcp_module, NULL };

static const char cfg_r1[] =
	"system-view\n"
	"interface GigabitEthernet0/1/0\n"
	" ip address 10.0.12.1 255.255.255.0\n"
	" ipv6 enable\n"
	" ipv6 address 2001:db8:12::1 64\n"
	"interface LoopBack0\n"
	" ip address 1.1.1.1 255.255.255.255\n"
	" ipv6 enable\n"
	" ipv6 address 2001:db8:ff::1 128\n"
	"ip route-static 2.2.2.2 255.255.255.255 10.0.12.2\n"
	"ipv6 route-static 2001:db8:ff::2 128 "
	"2001:db8:12::2\n"
	"commit\n";

static const char cfg_r2[] =
	"system-view\n"
	"interface GigabitEthernet0/1/0\n"
	" ip address 10.0.12.2 255.255.255.0\n"
	" ipv6 enable\n"
	" ipv6 address 2001:db8:12::2 64\n"
	"interface LoopBack0\n"
	" ip address 2.2.2.2 255.255.255.255\n"
	" ipv6 enable\n"
	" ipv6 address 2001:db8:ff::2 128\n"
	"ip route-static 1.1.1.1 255.255.255.255 10.0.12.1\n"
	"ipv6 route-static 2001:db8:ff::1 128 "
	"2001:db8:12::1\n"
	"commit\n";

struct world {
	struct rtest t;
	struct router *r1, *r2;
	struct node_link *l;
	struct node_tw_cap *cap;
};

/* The application: sends len bytes of a pattern, keeps what comes. */
struct app {
	struct tcp_sock *s;
	uint8_t seed;
	size_t len, sent;
	uint8_t rx[65536];
	size_t rxlen;
	unsigned connected, accepted, closed;
	enum tcp_end why;
	struct app *child;
};

static uint8_t pat(uint8_t seed, size_t i)
{
	return (uint8_t)(seed ^ (i * 29));
}

static void feed(struct app *a)
{
	uint8_t buf[3000];

	while (a->s && a->sent < a->len) {
		size_t n = a->len - a->sent;
		long k;

		if (n > sizeof(buf))
			n = sizeof(buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = pat(a->seed, a->sent + i);
		k = tcp_send(a->s, buf, n);
		if (k <= 0)
			return;
		a->sent += (size_t)k;
	}
}

static void on_connected(void *ctx, struct tcp_sock *s)
{
	struct app *a = ctx;

	a->s = s;
	a->connected++;
	feed(a);
}

static const struct tcp_cb app_cb;

static void on_accepted(void *ctx, struct tcp_sock *l, struct tcp_sock *s)
{
	struct app *a = ctx;

	(void)l;
	a->accepted++;
	a->child->s = s;
	tcp_set_cb(s, &app_cb, a->child);
	feed(a->child);
}

static void on_recv(void *ctx, struct tcp_sock *s, const uint8_t *d, size_t n)
{
	struct app *a = ctx;

	(void)s;
	assert_true(a->rxlen + n <= sizeof(a->rx));
	memcpy(a->rx + a->rxlen, d, n);
	a->rxlen += n;
}

static void on_peer_closed(void *ctx, struct tcp_sock *s)
{
	(void)ctx;
	tcp_close(s);
}

static void on_writable(void *ctx, struct tcp_sock *s)
{
	(void)s;
	feed(ctx);
}

static void on_closed(void *ctx, struct tcp_sock *s, enum tcp_end why)
{
	struct app *a = ctx;

	if (a->s == s)
		a->s = NULL;
	a->closed++;
	a->why = why;
}

static const struct tcp_cb app_cb = {
	.connected = on_connected,
	.accepted = on_accepted,
	.recv = on_recv,
	.peer_closed = on_peer_closed,
	.writable = on_writable,
	.closed = on_closed,
};

static void check_rx(const struct app *a, uint8_t seed, size_t len)
{
	assert_int_equal(a->rxlen, len);
	for (size_t i = 0; i < len; i++)
		if (a->rx[i] != pat(seed, i))
			fail_msg("byte %zu differs", i);
}

static int setup(void **state)
{
	static const char *const ports[] = { "GE0/1/0", NULL };
	struct world *w = calloc(1, sizeof(*w));

	rtest_init(&w->t, 11);
	assert_int_equal(tcp_module.cli_register(w->t.reg), 0);
	w->t.modules = modules;
	w->r1 = rtest_router(&w->t, "R1", cfg_r1, ports);
	w->r2 = rtest_router(&w->t, "R2", cfg_r2, ports);
	w->l = rtest_link(&w->t, "l12", router_node(w->r1),
			  "GigabitEthernet0/1/0", router_node(w->r2),
			  "GigabitEthernet0/1/0");
	w->cap = node_tw_capture(w->t.w, w->l);
	rtest_boot(w->r1);
	rtest_boot(w->r2);
	node_tw_run_for(w->t.w, SIM_MS(100));
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	rtest_fini(&w->t);
	free(w);
	return 0;
}

/* tshark rows with a TCP source port. */
static void row(void *arg, unsigned n, const char *const *cols, size_t nc)
{
	(void)n;
	if (nc == 1 && cols[0][0])
		(*(size_t *)arg)++;
}

/* Write the capture and have tshark decode it. */
static void tshark_check(const struct node_tw_cap *c, const char *name,
			 size_t *tcp_frames)
{
	static const char *const fields[] = { "tcp.srcport" };
	char path[512], err[512];
	struct trace_tshark_result res;
	struct trace_pcap *tp;
	enum trace_tshark_rc rc;
	size_t flagged = 0;

	if (!trace_tshark_path(path, sizeof(path))) {
		*tcp_frames = 0;
		return; /* no tshark here: skipped */
	}
	snprintf(path, sizeof(path), "%s/%s", FAILSIM_BINARY_DIR, name);
	tp = trace_pcap_open(path, err, sizeof(err));
	if (!tp)
		fail_msg("%s", err);
	for (size_t i = 0; i < c->n; i++)
		assert_int_equal(trace_pcap_write(tp, c->v[i].t, c->v[i].data,
						  c->v[i].len),
				 0);
	assert_int_equal(trace_pcap_close(tp), 0);
	rc = trace_tshark_check(path, &res, err, sizeof(err));
	if (rc == TRACE_TSHARK_UNAVAILABLE)
		return;
	if (rc != TRACE_TSHARK_OK)
		fail_msg("tshark: %s", err);
	assert_int_equal(res.frames, c->n);
	if (res.malformed.count || res.bad_checksum.count || res.errors.count)
		fail_msg("tshark on %s: %u malformed (first %u), %u bad "
			 "checksums (first %u), %u errors (first %u)",
			 path, res.malformed.count, res.malformed.first[0],
			 res.bad_checksum.count, res.bad_checksum.first[0],
			 res.errors.count, res.errors.first[0]);
	*tcp_frames = 0;
	rc = trace_tshark_fields(path, "tcp", fields, 1, row, tcp_frames, err,
				 sizeof(err));
	if (rc != TRACE_TSHARK_OK)
		fail_msg("tshark fields: %s", err);
	/* Nothing tshark's TCP analysis would flag on a clean link: no
	 * retransmission, duplicate ACK, window problem or lost segment. */
	rc = trace_tshark_fields(path, "tcp.analysis.flags", fields, 1, row,
				 &flagged, err, sizeof(err));
	if (rc != TRACE_TSHARK_OK)
		fail_msg("tshark fields: %s", err);
	assert_int_equal(flagged, 0);
}

/* Frames of the capture that are TCP (by our dissector and codec). */
static size_t count_tcp(const struct node_tw_cap *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++) {
		struct net_pkt_info pi;

		if (net_dissect(c->v[i].data, c->v[i].len, &pi) == NET_OK &&
		    pi.l4_proto == TCP_PROTO)
			n++;
	}
	return n;
}

static struct net_addr A(const char *s) {
	return node_tw_addr(s);
}

/* Connections over v4 and v6, direct and between loopbacks, 20 KB each
 * way on each; then closed from R1. */
static void
test_exchange(void **state)
{
	struct world *w = *state;
	struct tcp_stack *t1 = tcp_router_stack(w->r1);
	struct tcp_stack *t2 = tcp_router_stack(w->r2);
	struct net_addr any4 = { .af = NET_AF_IP4 },
			any6 = { .af = NET_AF_IP6 };
	static const char *const pairs[][2] = {
		{ "10.0.12.1", "10.0.12.2" },
		{ "2001:db8:12::1", "2001:db8:12::2" },
		{ "1.1.1.1", "2.2.2.2" },
		{ "2001:db8:ff::1", "2001:db8:ff::2" },
	};
	enum { N = 4 };
	static struct app c[N], srv[N], lst;
	struct tcp_sock *l4, *l6;
	size_t tshark_tcp = 0;
	const char *out;
	struct tcp_stack_stats st;

	assert_non_null(t1);
	assert_non_null(t2);
	memset(c, 0, sizeof(c));
	memset(srv, 0, sizeof(srv));
	memset(&lst, 0, sizeof(lst));
	l4 = tcp_listen(t2, &any4, 2046, &app_cb, &lst);
	l6 = tcp_listen(t2, &any6, 2046, &app_cb, &lst);
	assert_non_null(l4);
	assert_non_null(l6);
	for (int i = 0; i < N; i++) {
		struct net_addr src = A(pairs[i][0]), dst = A(pairs[i][1]);

		c[i].seed = (uint8_t)(10 + i);
		c[i].len = 20000;
		srv[i].seed = (uint8_t)(20 + i);
		srv[i].len = 20000;
		/* One at a time, so the listener hands each to its slot. */
		lst.child = &srv[i];
		assert_non_null(
			tcp_connect(t1, &src, 0, &dst, 2046, &app_cb, &c[i]));
		node_tw_run_for(w->t.w, SIM_MS(50));
		assert_int_equal(c[i].connected, 1);
		assert_int_equal(lst.accepted, (unsigned)i + 1);
	}
	node_tw_run_for(w->t.w, SIM_S(2));
	out = rtest_cli(&w->t, w->r2, "display tcp status", NULL);
	assert_non_null(strstr(out, "TCPCB"));
	assert_non_null(strstr(out, "Local Add:port"));
	assert_non_null(strstr(out, "0.0.0.0:2046"));
	assert_non_null(strstr(out, "[::]:2046"));
	assert_non_null(strstr(out, "2.2.2.2:2046"));
	assert_non_null(strstr(out, "[2001:db8:ff::2]:2046"));
	assert_non_null(strstr(out, "Listening"));
	assert_non_null(strstr(out, "Established"));
	assert_non_null(strstr(out, "Total: 6"));
	for (int i = 0; i < N; i++) {
		check_rx(&srv[i], c[i].seed, 20000);
		check_rx(&c[i], srv[i].seed, 20000);
		tcp_close(c[i].s);
	}
	node_tw_run_for(w->t.w, SIM_S(1));
	for (int i = 0; i < N; i++) {
		assert_int_equal(c[i].closed, 1);
		assert_int_equal(c[i].why, TCP_END_CLOSED);
		assert_int_equal(srv[i].closed, 1);
		assert_int_equal(srv[i].why, TCP_END_CLOSED);
	}
	out = rtest_cli(&w->t, w->r1, "display tcp status", NULL);
	assert_non_null(strstr(out, "Time_Wait"));
	out = rtest_cli(&w->t, w->r1, "display tcp statistics", NULL);
	assert_non_null(strstr(out, "Connections established       : 4"));
	tcp_stack_stats(t1, &st);
	assert_int_equal(st.bad_checksum, 0);
	assert_int_equal(st.malformed, 0);
	assert_int_equal(st.active_opens, 4);
	tcp_close(l4);
	tcp_close(l6);
	/* Every frame the capture saw is TCP except ARP / ND. */
	tshark_check(w->cap, "tcp_router_exchange.pcap", &tshark_tcp);
	if (tshark_tcp)
		assert_int_equal(tshark_tcp, count_tcp(w->cap));
	assert_true(count_tcp(w->cap) > 100);
	node_tw_run_for(w->t.w, SIM_S(61)); /* TIME-WAIT over */
	out = rtest_cli(&w->t, w->r1, "display tcp status", NULL);
	assert_non_null(strstr(out, "Total: 0"));
}

static void test_refused_and_unreachable(void **state)
{
	struct world *w = *state;
	struct tcp_stack *t1 = tcp_router_stack(w->r1);
	struct net_addr src = A("10.0.12.1"), dst = A("10.0.12.2");
	struct net_addr far = A("192.0.2.1"), mine6 = A("2001:db8:12::1");
	struct net_addr far6 = A("2001:db8:99::1");
	static struct app a, b, c;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	assert_non_null(tcp_connect(t1, &src, 0, &dst, 9999, &app_cb, &a));
	node_tw_run_for(w->t.w, SIM_MS(50));
	assert_int_equal(a.closed, 1);
	assert_int_equal(a.why, TCP_END_REFUSED);
	assert_non_null(tcp_connect(t1, &src, 0, &far, 9999, &app_cb, &b));
	node_tw_run_for(w->t.w, SIM_MS(1));
	assert_int_equal(b.closed, 1);
	assert_int_equal(b.why, TCP_END_UNREACH);
	/* A source the router does not have. */
	assert_non_null(tcp_connect(t1, &far6, 0, &mine6, 9999, &app_cb, &c));
	node_tw_run_for(w->t.w, SIM_MS(1));
	assert_int_equal(c.closed, 1);
	assert_int_equal(c.why, TCP_END_UNREACH);
}

/* The peer router crashes: R1 retransmits into silence; after the
 * restart R2's new stack resets the connection. */
static void test_peer_crash(void **state)
{
	struct world *w = *state;
	struct net_addr any4 = { .af = NET_AF_IP4 };
	struct net_addr src = A("1.1.1.1"), dst = A("2.2.2.2");
	struct node *n2 = router_node(w->r2);
	static struct app c, srv, lst;

	memset(&c, 0, sizeof(c));
	memset(&srv, 0, sizeof(srv));
	memset(&lst, 0, sizeof(lst));
	lst.child = &srv;
	tcp_listen(tcp_router_stack(w->r2), &any4, 2046, &app_cb, &lst);
	tcp_connect(tcp_router_stack(w->r1), &src, 0, &dst, 2046, &app_cb, &c);
	node_tw_run_for(w->t.w, SIM_MS(50));
	assert_int_equal(c.connected, 1);
	n2->ops->crash(n2);
	assert_null(tcp_router_stack(w->r2));
	c.len = 100;
	feed(&c);
	node_tw_run_for(w->t.w, SIM_MS(900));
	assert_int_equal(c.closed, 0);
	n2->ops->restart(n2);
	node_tw_run_for(w->t.w, SIM_S(5));
	assert_non_null(tcp_router_stack(w->r2));
	assert_int_equal(c.closed, 1);
	assert_int_equal(c.why, TCP_END_RESET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exchange, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_and_unreachable,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_crash, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
