/*
 * Failover tests with two routers joined by a primary and a backup link:
 * a floating static route (higher preference) takes over when the primary
 * link fails, exactly link_detect + batch_overhead + k * fib_write after
 * the failure (the FIB entry is checked 1 ns before and at that time),
 * and gives way when the link returns; `shutdown` on a port turns its
 * transmitter off, so the peer loses carrier and reacts after ITS OWN
 * link_detect. RFC 1812 section 5.2.4 (the FIB holds the selected routes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/node/node_host.h"
#include "sim/router/router_testutil.h"

static const char cfg_r1[] =
	"system-view\n"
	"sysname R1\n"
	"interface GigabitEthernet0/1/0\n"
	" ip address 10.0.1.1 255.255.255.0\n"
	"interface GigabitEthernet0/2/0\n"
	" ip address 10.0.12.1 255.255.255.252\n"
	"interface GigabitEthernet0/3/0\n"
	" ip address 10.0.21.1 255.255.255.252\n"
	"quit\n"
	"ip route-static 10.0.2.0 255.255.255.0 10.0.12.2\n"
	"ip route-static 10.0.2.0 255.255.255.0 10.0.21.2 preference 100\n"
	"ip route-static 2.2.2.2 255.255.255.255 10.0.12.2\n"
	"commit\n";

static const char cfg_r2[] =
	"system-view\n"
	"sysname R2\n"
	"interface GigabitEthernet0/1/0\n"
	" ip address 10.0.2.1 255.255.255.0\n"
	"interface GigabitEthernet0/2/0\n"
	" ip address 10.0.12.2 255.255.255.252\n"
	"interface GigabitEthernet0/3/0\n"
	" ip address 10.0.21.2 255.255.255.252\n"
	"interface LoopBack0\n"
	" ip address 2.2.2.2 255.255.255.255\n"
	"quit\n"
	"ip route-static 10.0.1.0 255.255.255.0 10.0.12.1\n"
	"ip route-static 10.0.1.0 255.255.255.0 10.0.21.1 preference 100\n"
	"commit\n";

#define R2_DETECT SIM_MS(7)

struct fo {
	struct rtest t;
	struct router *r1, *r2;
	struct node *h1, *h2;
	struct node_link *primary, *backup;
	int p1, b1, p2, b2; /* ifindexes of primary/backup ports */
};

static void fo_init(struct fo *x)
{
	static const char *const ports[] = { "GE0/1/0", "GE0/2/0", "GE0/3/0",
					     NULL };

	rtest_init(&x->t, 5);
	x->r1 = rtest_router(&x->t, "R1", cfg_r1, ports);
	x->t.prof.link_detect = R2_DETECT;
	x->r2 = rtest_router(&x->t, "R2", cfg_r2, ports);
	x->h1 = node_tw_host(x->t.w, "H1", "eth0", "10.0.1.10/24", "10.0.1.1",
			     NULL, NULL);
	x->h2 = node_tw_host(x->t.w, "H2", "eth0", "10.0.2.10/24", "10.0.2.1",
			     NULL, NULL);
	rtest_link(&x->t, "h1", x->h1, "eth0", router_node(x->r1),
		   "GigabitEthernet0/1/0");
	rtest_link(&x->t, "h2", x->h2, "eth0", router_node(x->r2),
		   "GigabitEthernet0/1/0");
	x->primary = rtest_link(&x->t, "primary", router_node(x->r1),
				"GigabitEthernet0/2/0", router_node(x->r2),
				"GigabitEthernet0/2/0");
	x->backup = rtest_link(&x->t, "backup", router_node(x->r1),
			       "GigabitEthernet0/3/0", router_node(x->r2),
			       "GigabitEthernet0/3/0");
	x->p1 = x->p2 = 1;
	x->b1 = x->b2 = 2;
	rtest_boot(x->r1);
	rtest_boot(x->r2);
	rtest_settle(&x->t, x->r1);
	rtest_settle(&x->t, x->r2);
	node_tw_run_for(x->t.w, SIM_MS(1));
}

/* The ASIC's egress port and next hop for dst (fails when absent). */
static int fib_port(struct router *r, const char *dst, char *nh, size_t len)
{
	struct net_addr d = node_tw_addr(dst);
	struct asic_fib_entry e;

	if (!asic_fib_lookup(router_asic(r), &d, NULL, &e))
		return -1;
	if (nh)
		net_addr_fmt(&e.nexthop, nh, len);
	return e.ifindex;
}

static void test_floating_static_failover(void **state)
{
	struct fo x;
	const struct asic_profile *p;
	char nh[NET_ADDR_STRLEN];
	sim_time_t f, u, vis;

	(void)state;
	fo_init(&x);
	p = asic_profile(router_asic(x.r1));
	assert_int_equal(fib_port(x.r1, "10.0.2.10", nh, sizeof(nh)), x.p1);
	assert_string_equal(nh, "10.0.12.2");
	f = node_tw_now(x.t.w);
	node_link_set_up(x.primary, false);
	/* R1 reports 2.2.2.2/32 (withdrawn), then 10.0.2.0/24: k = 2. */
	vis = f + p->link_detect + p->batch_overhead + 2 * p->fib_write;
	node_tw_run(x.t.w, f + p->link_detect - 1);
	assert_true(node_iface_find(router_node(x.r1), "GigabitEthernet0/2/0")
			    ->oper_up);
	node_tw_run(x.t.w, f + p->link_detect);
	assert_false(node_iface_find(router_node(x.r1), "GigabitEthernet0/2/0")
			     ->oper_up);
	node_tw_run(x.t.w, vis - 1);
	assert_int_equal(fib_port(x.r1, "10.0.2.10", NULL, 0), x.p1);
	node_tw_run(x.t.w, vis);
	assert_int_equal(fib_port(x.r1, "10.0.2.10", nh, sizeof(nh)), x.b1);
	assert_string_equal(nh, "10.0.21.2");
	/* R2 (its own link_detect) moves too; 10.0.1.0/24 comes first. */
	vis = f + R2_DETECT + p->batch_overhead + p->fib_write;
	node_tw_run(x.t.w, vis - 1);
	assert_int_equal(fib_port(x.r2, "10.0.1.10", NULL, 0), x.p2);
	node_tw_run(x.t.w, vis);
	assert_int_equal(fib_port(x.r2, "10.0.1.10", NULL, 0), x.b2);
	node_tw_run_for(x.t.w, SIM_MS(10));
	/* The link returns: the primary route wins again. */
	u = node_tw_now(x.t.w);
	node_link_set_up(x.primary, true);
	vis = u + p->link_detect + p->batch_overhead + 2 * p->fib_write;
	node_tw_run(x.t.w, vis - 1);
	assert_int_equal(fib_port(x.r1, "10.0.2.10", NULL, 0), x.b1);
	node_tw_run(x.t.w, vis);
	assert_int_equal(fib_port(x.r1, "10.0.2.10", nh, sizeof(nh)), x.p1);
	assert_string_equal(nh, "10.0.12.2");
	node_tw_run_for(x.t.w, SIM_MS(10));
	assert_int_equal(fib_port(x.r2, "10.0.1.10", NULL, 0), x.p2);
	rtest_fini(&x.t);
}

/* Traffic keeps flowing over the backup after the failover. */
static void test_failover_traffic(void **state)
{
	struct fo x;
	struct net_addr d = node_tw_addr("10.0.2.10");
	int id;

	(void)state;
	fo_init(&x);
	node_link_set_up(x.primary, false);
	node_tw_run_for(x.t.w, SIM_MS(20));
	id = node_host_ping(x.h1, &d, 3, SIM_MS(100));
	assert_true(id >= 0);
	node_tw_run_for(x.t.w, SIM_S(1));
	assert_int_equal(node_host_ping_stats(x.h1, id)->received, 3);
	assert_true(asic_port_counters(router_asic(x.r1), x.b1)->forwarded >=
		    2);
	assert_int_equal(asic_port_counters(router_asic(x.r1), x.p1)->forwarded,
			 0);
	rtest_fini(&x.t);
}

static void test_shutdown_takes_peer_carrier(void **state)
{
	struct fo x;
	const struct asic_profile *p;
	struct node_iface *r1p, *r2p;
	sim_time_t s, vis;

	(void)state;
	fo_init(&x);
	p = asic_profile(router_asic(x.r1));
	r1p = node_iface_find(router_node(x.r1), "GigabitEthernet0/2/0");
	r2p = node_iface_find(router_node(x.r2), "GigabitEthernet0/2/0");
	s = node_tw_now(x.t.w);
	rtest_cli(&x.t, x.r1,
		  "system-view\ninterface GE0/2/0\nshutdown\ncommit", NULL);
	/* R1 knows at once; its FIB follows after one batch. */
	assert_false(r1p->oper_up);
	assert_true(r2p->carrier == false);
	assert_true(r2p->oper_up);
	vis = s + p->batch_overhead + 2 * p->fib_write;
	node_tw_run(x.t.w, vis - 1);
	assert_int_equal(fib_port(x.r1, "10.0.2.10", NULL, 0), x.p1);
	node_tw_run(x.t.w, vis);
	assert_int_equal(fib_port(x.r1, "10.0.2.10", NULL, 0), x.b1);
	/* R2 detects the loss of light after its own link_detect. */
	node_tw_run(x.t.w, s + R2_DETECT - 1);
	assert_true(r2p->oper_up);
	node_tw_run(x.t.w, s + R2_DETECT);
	assert_false(r2p->oper_up);
	vis = s + R2_DETECT + p->batch_overhead + p->fib_write;
	node_tw_run(x.t.w, vis - 1);
	assert_int_equal(fib_port(x.r2, "10.0.1.10", NULL, 0), x.p2);
	node_tw_run(x.t.w, vis);
	assert_int_equal(fib_port(x.r2, "10.0.1.10", NULL, 0), x.b2);
	assert_string_equal(
		rtest_cli(&x.t, x.r2, "display ip interface brief", NULL),
		"Interface                         IP Address/Mask      "
		"Physical   Protocol\n"
		"GigabitEthernet0/1/0              10.0.2.1/24          "
		"up         up\n"
		"GigabitEthernet0/2/0              10.0.12.2/30         "
		"down       down\n"
		"GigabitEthernet0/3/0              10.0.21.2/30         "
		"up         up\n"
		"LoopBack0                         2.2.2.2/32           "
		"up         up\n");
	/* undo shutdown: light again; R2 up after its link_detect. */
	node_tw_run_for(x.t.w, SIM_MS(1));
	s = node_tw_now(x.t.w);
	rtest_cli(&x.t, x.r1,
		  "system-view\ninterface GE0/2/0\nundo shutdown\ncommit",
		  NULL);
	assert_true(r1p->oper_up);
	assert_true(r2p->carrier);
	node_tw_run(x.t.w, s + R2_DETECT - 1);
	assert_false(r2p->oper_up);
	node_tw_run(x.t.w, s + R2_DETECT);
	assert_true(r2p->oper_up);
	rtest_fini(&x.t);
}

/* Echo to R2's loopback through R1: once everything is resolved, four
 * hops, two pipelines and R2's CPU round trip. */
static void test_ping_remote_loopback(void **state)
{
	struct fo x;
	const struct asic_profile *p;
	struct net_addr d = node_tw_addr("2.2.2.2");
	const struct node_host_ping_stats *st;
	int id;

	(void)state;
	fo_init(&x);
	p = asic_profile(router_asic(x.r1));
	id = node_host_ping(x.h1, &d, 3, SIM_MS(100));
	assert_true(id >= 0);
	node_tw_run_for(x.t.w, SIM_S(1));
	st = node_host_ping_stats(x.h1, id);
	assert_int_equal(st->received, 3);
	assert_int_equal(st->rtt_last,
			 4 * (node_link_ser_time(x.primary, 98) + RTEST_DELAY) +
				 2 * p->pipeline_latency + p->punt_latency +
				 p->inject_latency);
	rtest_fini(&x.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_floating_static_failover),
		cmocka_unit_test(test_failover_traffic),
		cmocka_unit_test(test_shutdown_takes_peer_carrier),
		cmocka_unit_test(test_ping_remote_loopback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
