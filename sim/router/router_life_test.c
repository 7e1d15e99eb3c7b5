/*
 * Tests of the router's lifecycle (router.c): a crash silences the router
 * (nothing sent, frames in dropped), frees its control plane and empties
 * the ASIC tables; a restart boots from the startup configuration after
 * boot_delay and forwarding works again, with the port state of the
 * startup configuration (an interactive shutdown does not survive); a
 * control-plane freeze holds punted packets in the CPU queue (drops when
 * it is full) and delays node timers (ARP retransmission, RFC 1122
 * section 2.3.2.1) to the end of the freeze; and two simulations with
 * routers in one process do not interfere.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/net/net_build.h"
#include "sim/node/node_host.h"
#include "sim/router/router_testutil.h"

static const char cfg_r1[] = "system-view\n"
			     "sysname R1\n"
			     "interface GigabitEthernet0/1/0\n"
			     " ip address 10.0.1.1 255.255.255.0\n"
			     "interface GigabitEthernet0/2/0\n"
			     " ip address 10.0.2.1 255.255.255.0\n"
			     "interface LoopBack0\n"
			     " ip address 1.1.1.1 255.255.255.255\n"
			     "commit\n";

/* H1 - R1 - H2, and a silent probe P on GE0/3/0. */
struct lw {
	struct rtest t;
	struct router *r;
	struct asic *a;
	struct node *h1, *h2, *p;
	struct node_link *l1, *l2, *l3;
};

static void lw_init(struct lw *x, uint64_t seed, uint32_t cpu_queue)
{
	static const char *const ports[] = { "GE0/1/0", "GE0/2/0", "GE0/3/0",
					     NULL };

	memset(x, 0, sizeof(*x));
	rtest_init(&x->t, seed);
	if (cpu_queue)
		x->t.prof.cpu_queue = cpu_queue;
	x->r = rtest_router(&x->t, "R1", cfg_r1, ports);
	x->a = router_asic(x->r);
	x->h1 = node_tw_host(x->t.w, "H1", "eth0", "10.0.1.10/24", "10.0.1.1",
			     NULL, NULL);
	x->h2 = node_tw_host(x->t.w, "H2", "eth0", "10.0.2.10/24", "10.0.2.1",
			     NULL, NULL);
	x->p = node_tw_probe(x->t.w, "P");
	x->l1 = rtest_link(&x->t, "l1", x->h1, "eth0", router_node(x->r),
			   "GigabitEthernet0/1/0");
	x->l2 = rtest_link(&x->t, "l2", x->h2, "eth0", router_node(x->r),
			   "GigabitEthernet0/2/0");
	x->l3 = rtest_link(&x->t, "l3", x->p, "eth0", router_node(x->r),
			   "GigabitEthernet0/3/0");
	rtest_boot(x->r);
	rtest_settle(&x->t, x->r);
}

static sim_time_t hop(const struct lw *x, size_t len)
{
	return node_link_ser_time(x->l1, len) + RTEST_DELAY;
}

/* Ping from h; returns the replies received. */
static uint32_t ping(struct lw *x, struct node *h, const char *dst,
		     uint32_t count)
{
	struct net_addr d = node_tw_addr(dst);
	int id = node_host_ping(h, &d, count, SIM_MS(10));

	assert_true(id >= 0);
	node_tw_run_for(x->t.w, SIM_S(3));
	return node_host_ping_stats(h, id)->received;
}

static size_t frames_from(const struct node_tw_cap *c, const struct node *n)
{
	size_t k = 0;

	for (size_t i = 0; i < c->n; i++)
		for (int j = 0; j < n->nifaces; j++)
			k += !memcmp(c->v[i].data + 6, n->ifaces[j]->mac.b, 6);
	return k;
}

static void test_crash_and_restart(void **state)
{
	struct lw x;
	struct node *rn;
	struct node_tw_cap *c1, *c2;
	struct cli_out out;
	sim_time_t t;

	(void)state;
	lw_init(&x, 11, 0);
	rn = router_node(x.r);
	assert_int_equal(ping(&x, x.h1, "10.0.2.10", 2), 2);
	assert_true(asic_adj_count(x.a) >= 2);
	c1 = node_tw_capture(x.t.w, x.l1);
	c2 = node_tw_capture(x.t.w, x.l2);
	rn->ops->crash(rn);
	assert_false(router_booted(x.r));
	assert_true(rn->crashed);
	assert_null(router_rib(x.r));
	assert_int_equal(asic_fib_count(x.a, NET_AF_IP4), 0);
	assert_int_equal(asic_fib_count(x.a, NET_AF_IP6), 0);
	assert_int_equal(asic_adj_count(x.a), 0);
	assert_int_equal(asic_prog_depth(x.a), 0);
	/* Carrier stays: the hosts do not notice. */
	assert_true(x.h1->ifaces[0]->oper_up);
	cli_out_init(&out);
	assert_int_equal(router_cli_exec(x.r, "display arp", &out), -1);
	assert_string_equal(cli_out_str(&out), "Error: R1 is not running.\n");
	cli_out_free(&out);
	/* Silent: pings through and to it fail, nothing leaves it. */
	assert_int_equal(ping(&x, x.h1, "10.0.2.10", 2), 0);
	assert_int_equal(ping(&x, x.h1, "10.0.1.1", 1), 0);
	assert_int_equal(frames_from(c1, rn) + frames_from(c2, rn), 0);
	assert_int_equal(rn->ifaces[0]->cnt.rx_drops, 3);
	/* Restart: booted boot_delay later from the startup config. */
	t = node_tw_now(x.t.w);
	rn->ops->restart(rn);
	node_tw_run(x.t.w, t + SIM_S(1) - 1);
	assert_false(router_booted(x.r));
	node_tw_run(x.t.w, t + SIM_S(1));
	assert_true(router_booted(x.r));
	assert_false(rn->crashed);
	assert_int_equal(node_tw_count(x.t.w, "R1", "node", "boot"), 2);
	/* The FIB is programmed again from scratch. */
	assert_int_equal(asic_fib_count(x.a, NET_AF_IP4), 0);
	rtest_settle(&x.t, x.r);
	assert_int_equal(asic_fib_count(x.a, NET_AF_IP4), 9);
	assert_int_equal(ping(&x, x.h1, "10.0.2.10", 2), 2);
	assert_int_equal(ping(&x, x.h1, "1.1.1.1", 1), 1);
	rtest_fini(&x.t);
}

/* A shutdown typed at the CLI is not in the startup configuration: after
 * a restart the port is up and transmits again. */
static void test_restart_forgets_interactive_shutdown(void **state)
{
	struct lw x;
	struct node *rn;

	(void)state;
	lw_init(&x, 12, 0);
	rn = router_node(x.r);
	rtest_cli(&x.t, x.r, "system-view\ninterface GE0/2/0\nshutdown\ncommit",
		  NULL);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_false(x.h2->ifaces[0]->carrier);
	rn->ops->restart(rn);
	node_tw_run_for(x.t.w, SIM_S(1));
	assert_true(router_booted(x.r));
	assert_true(rn->ifaces[1]->admin_up);
	assert_true(x.h2->ifaces[0]->carrier);
	rtest_settle(&x.t, x.r);
	assert_int_equal(ping(&x, x.h1, "10.0.2.10", 2), 2);
	rtest_fini(&x.t);
}

static void send_arp(struct lw *x, const char *tpa)
{
	struct net_frame f;
	struct net_wr w;
	struct net_l2 l2 = { .src = x->p->ifaces[0]->mac,
			     .dst = net_mac_broadcast };
	struct net_arp a = {
		.op = NET_ARP_REQUEST,
		.sha = x->p->ifaces[0]->mac,
		.spa = node_tw_ip4("10.0.3.99"),
		.tpa = node_tw_ip4(tpa),
	};
	int n;

	net_wr_init(&w, f.data, sizeof(f.data));
	n = net_build_arp(&w, &l2, &a);
	assert_int_equal(node_tw_probe_send(x->p, "eth0", f.data, (size_t)n),
			 0);
}

/* Punts wait in the CPU queue while frozen; the queue overflows. */
static void test_freeze_cpu_queue(void **state)
{
	static const char cfg3[] = "system-view\n"
				   "interface GigabitEthernet0/3/0\n"
				   " ip address 10.0.3.1 255.255.255.0\n"
				   "commit\n";
	struct lw x;
	const struct asic_profile *p;
	sim_time_t z, t;
	struct net_pkt_info pi;

	(void)state;
	lw_init(&x, 13, 4);
	p = &x.t.prof;
	rtest_cli(&x.t, x.r, cfg3, NULL);
	rtest_settle(&x.t, x.r);
	z = node_tw_now(x.t.w);
	router_freeze(x.r, SIM_MS(10));
	for (int i = 0; i < 6; i++)
		send_arp(&x, "10.0.3.1");
	node_tw_run(x.t.w, z + SIM_MS(10) - 1);
	assert_int_equal(node_tw_probe_count(x.p), 0);
	assert_int_equal(asic_cpu_depth(x.a), 4);
	assert_int_equal(asic_counters(x.a)->all.dropped[ASIC_DROP_CPU_QUEUE],
			 2);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(x.p), 4);
	rtest_probe_pkt(x.p, 0, &pi, &t);
	assert_int_equal(t, z + SIM_MS(10) + p->inject_latency + hop(&x, 60));
	assert_int_equal(pi.arp.op, NET_ARP_REPLY);
	rtest_fini(&x.t);
}

/* A node timer due during the freeze (ARP retransmission) fires when the
 * freeze ends. */
static void test_freeze_delays_timers(void **state)
{
	static const char cfg3[] = "system-view\n"
				   "interface GigabitEthernet0/3/0\n"
				   " ip address 10.0.3.1 255.255.255.0\n"
				   "commit\n";
	struct lw x;
	const struct asic_profile *p;
	struct net_addr d = node_tw_addr("10.0.3.77");
	uint8_t payload[20] = { 0 };
	sim_time_t a0, t;
	struct net_pkt_info pi;

	(void)state;
	lw_init(&x, 14, 0);
	p = &x.t.prof;
	rtest_cli(&x.t, x.r, cfg3, NULL);
	assert_int_equal(ping(&x, x.h1, "10.0.1.1", 1), 1);
	rtest_settle(&x.t, x.r);
	a0 = node_tw_now(x.t.w);
	/* Glean for 10.0.3.77, which never answers: ARP every second. */
	assert_int_equal(node_host_udp_send(x.h1, &d, 1, 2, 0, payload, 20), 0);
	node_tw_run_for(x.t.w, SIM_MS(500));
	assert_int_equal(node_tw_probe_count(x.p), 1);
	rtest_probe_pkt(x.p, 0, &pi, &t);
	assert_int_equal(t, a0 + hop(&x, 62) + p->punt_latency +
				    p->inject_latency + hop(&x, 60));
	router_freeze(x.r, SIM_S(1));
	node_tw_run(x.t.w, a0 + SIM_MS(1500) - 1);
	assert_int_equal(node_tw_probe_count(x.p), 1);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(x.p), 2);
	rtest_probe_pkt(x.p, 1, &pi, &t);
	assert_int_equal(t,
			 a0 + SIM_MS(1500) + p->inject_latency + hop(&x, 60));
	node_tw_run_for(x.t.w, SIM_S(5));
	rtest_fini(&x.t);
}

/* A freeze of a crashed router freezes nothing: the CPU that boots after
 * the restart is a new one and answers at once. */
static void test_freeze_while_crashed(void **state)
{
	static const char cfg3[] = "system-view\n"
				   "interface GigabitEthernet0/3/0\n"
				   " ip address 10.0.3.1 255.255.255.0\n"
				   "commit\n";
	struct lw x;
	struct node *rn;

	(void)state;
	lw_init(&x, 15, 0);
	rn = router_node(x.r);
	rn->ops->crash(rn);
	router_freeze(x.r, SIM_S(10));
	rn->ops->restart(rn);
	node_tw_run_for(x.t.w, SIM_S(1));
	assert_true(router_booted(x.r));
	rtest_cli(&x.t, x.r, cfg3, NULL);
	rtest_settle(&x.t, x.r);
	send_arp(&x, "10.0.3.1");
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(x.p), 1);
	rtest_fini(&x.t);
}

/* Two worlds side by side: same names, different traffic. */
static void test_two_worlds(void **state)
{
	struct lw a, b;
	struct net_addr d = node_tw_addr("10.0.2.10");
	int ia, ib;

	(void)state;
	lw_init(&a, 21, 0);
	lw_init(&b, 21, 0);
	rtest_cli(&b.t, b.r, "system-view\ninterface GE0/2/0\nshutdown\ncommit",
		  NULL);
	ia = node_host_ping(a.h1, &d, 3, SIM_MS(10));
	ib = node_host_ping(b.h1, &d, 3, SIM_MS(10));
	for (int i = 0; i < 30; i++) {
		node_tw_run_for(a.t.w, SIM_MS(100));
		node_tw_run_for(b.t.w, SIM_MS(100));
	}
	assert_int_equal(node_host_ping_stats(a.h1, ia)->received, 3);
	assert_int_equal(node_host_ping_stats(b.h1, ib)->received, 0);
	assert_true(a.h2->ifaces[0]->carrier);
	assert_false(b.h2->ifaces[0]->carrier);
	assert_int_equal(asic_counters(b.a)->all.forwarded, 0);
	/* Glean for the first request, then 2 per round trip. */
	assert_int_equal(asic_counters(a.a)->all.forwarded, 5);
	assert_int_equal(node_tw_count(a.t.w, "R1", "iface", "oper-down"), 0);
	assert_int_equal(node_tw_count(b.t.w, "R1", "iface", "oper-down"), 1);
	rtest_fini(&a.t);
	rtest_fini(&b.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crash_and_restart),
		cmocka_unit_test(test_restart_forgets_interactive_shutdown),
		cmocka_unit_test(test_freeze_cpu_queue),
		cmocka_unit_test(test_freeze_delays_timers),
		cmocka_unit_test(test_freeze_while_crashed),
		cmocka_unit_test(test_two_worlds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
