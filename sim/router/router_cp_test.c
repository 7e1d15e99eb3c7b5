/*
 * Tests of the router's control-plane receive path (router_cp.c,
 * router_out.c): ARP (RFC 826) answered only for the receiving
 * interface's own addresses, Neighbor Discovery (RFC 4861 sections 7.1.2,
 * 7.2.4: hop limit 255, solicited NA with the router flag, DAD answered to
 * all-nodes), and echo (RFC 792, RFC 4443 section 4.2) to an interface
 * address and to a loopback address, with round-trip times computed from
 * the link and ASIC profile delays.
 */
#include <setjmp.h>
#include <stdarg.h>
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
			     " ipv6 enable\n"
			     " ipv6 address 2001:db8:1::1 64\n"
			     "interface GigabitEthernet0/2/0\n"
			     " ip address 10.0.2.1 255.255.255.0\n"
			     " ipv6 enable\n"
			     " ipv6 address 2001:db8:2::1 64\n"
			     "interface LoopBack0\n"
			     " ip address 1.1.1.1 255.255.255.255\n"
			     "commit\n";

/* Host H on GE0/1/0, probe P on GE0/2/0. */
struct cpw {
	struct rtest t;
	struct router *r;
	struct node *h, *p;
	struct node_link *l1, *l2;
	struct node_iface *rif2; /* R1 GE0/2/0 */
};

static void cpw_init(struct cpw *x)
{
	static const char *const ports[] = { "GE0/1/0", "GE0/2/0", NULL };

	rtest_init(&x->t, 7);
	x->r = rtest_router(&x->t, "R1", cfg_r1, ports);
	x->h = node_tw_host(x->t.w, "H", "eth0", "10.0.1.10/24", "10.0.1.1",
			    "2001:db8:1::10/64", "2001:db8:1::1");
	x->p = node_tw_probe(x->t.w, "P");
	x->l1 = rtest_link(&x->t, "l1", x->h, "eth0", router_node(x->r),
			   "GigabitEthernet0/1/0");
	x->l2 = rtest_link(&x->t, "l2", x->p, "eth0", router_node(x->r),
			   "GigabitEthernet0/2/0");
	x->rif2 = node_iface_find(router_node(x->r), "GigabitEthernet0/2/0");
	rtest_boot(x->r);
	rtest_settle(&x->t, x->r);
}

/* One way across a link for a frame of len bytes. */
static sim_time_t hop(const struct cpw *x, size_t len)
{
	return node_link_ser_time(x->l1, len) + RTEST_DELAY;
}

/* CPU round trip in the router: punt to the CPU, inject back. */
static sim_time_t cpu_rt(const struct cpw *x)
{
	return x->t.prof.punt_latency + x->t.prof.inject_latency;
}

static int64_t reply_rtt(const struct cpw *x, size_t nth)
{
	const struct node_tw_rec *rec =
		node_tw_find(x->t.w, "H", "ping", "reply", nth);

	assert_non_null(rec);
	return node_tw_field_int(rec, "rtt", -1);
}

static void test_ping_ipv4_interface(void **state)
{
	struct cpw x;
	struct net_addr dst = node_tw_addr("10.0.1.1");
	const struct node_host_ping_stats *st;
	const size_t arp = 60, echo = 98;
	int id;

	(void)state;
	cpw_init(&x);
	node_tw_clear_log(x.t.w);
	id = node_host_ping(x.h, &dst, 2, SIM_S(1));
	assert_true(id >= 0);
	node_tw_run_for(x.t.w, SIM_S(3));
	st = node_host_ping_stats(x.h, id);
	assert_int_equal(st->received, 2);
	/* ARP first: request and reply, then the echo exchange. */
	assert_int_equal(reply_rtt(&x, 0), 2 * hop(&x, arp) + cpu_rt(&x) +
						   2 * hop(&x, echo) +
						   cpu_rt(&x));
	assert_int_equal(reply_rtt(&x, 1), 2 * hop(&x, echo) + cpu_rt(&x));
	assert_int_equal(
		node_tw_field_int(node_tw_find(x.t.w, "H", "ping", "reply", 1),
				  "ttl", -1),
		255);
	/* The request and the ARP were punted; nothing was forwarded. */
	assert_int_equal(
		asic_counters(router_asic(x.r))->all.punted[ASIC_PUNT_LOCAL],
		2);
	assert_int_equal(asic_counters(router_asic(x.r))->all.forwarded, 0);
	rtest_fini(&x.t);
}

static void test_ping_ipv6_interface(void **state)
{
	struct cpw x;
	struct net_addr dst = node_tw_addr("2001:db8:1::1");
	const struct node_host_ping_stats *st;
	const size_t ns = 86, na = 86, echo = 118;
	int id;

	(void)state;
	cpw_init(&x);
	node_tw_clear_log(x.t.w);
	id = node_host_ping(x.h, &dst, 2, SIM_S(1));
	assert_true(id >= 0);
	node_tw_run_for(x.t.w, SIM_S(3));
	st = node_host_ping_stats(x.h, id);
	assert_int_equal(st->received, 2);
	assert_int_equal(reply_rtt(&x, 0),
			 hop(&x, ns) + hop(&x, na) + cpu_rt(&x) +
				 2 * hop(&x, echo) + cpu_rt(&x));
	assert_int_equal(reply_rtt(&x, 1), 2 * hop(&x, echo) + cpu_rt(&x));
	rtest_fini(&x.t);
}

/* Echo to LoopBack0 through GE0/1/0; the reply comes from 1.1.1.1. */
static void test_ping_loopback(void **state)
{
	struct cpw x;
	struct net_addr dst = node_tw_addr("1.1.1.1");
	struct node_tw_cap *cap;
	struct net_pkt_info pi;
	const size_t arp = 60, echo = 98;
	size_t n = 0;
	int id;

	(void)state;
	cpw_init(&x);
	cap = node_tw_capture(x.t.w, x.l1);
	node_tw_clear_log(x.t.w);
	id = node_host_ping(x.h, &dst, 2, SIM_S(1));
	assert_true(id >= 0);
	node_tw_run_for(x.t.w, SIM_S(3));
	assert_int_equal(node_host_ping_stats(x.h, id)->received, 2);
	assert_int_equal(reply_rtt(&x, 0), 2 * hop(&x, arp) + cpu_rt(&x) +
						   2 * hop(&x, echo) +
						   cpu_rt(&x));
	assert_int_equal(reply_rtt(&x, 1), 2 * hop(&x, echo) + cpu_rt(&x));
	for (size_t i = 0; i < cap->n; i++) {
		net_dissect(cap->v[i].data, cap->v[i].len, &pi);
		if (!net_pkt_has(&pi, NET_LAYER_ICMP) ||
		    pi.icmp.type != NET_ICMP_ECHO_REPLY)
			continue;
		assert_int_equal(pi.err, NET_OK);
		assert_true(net_addr_eq(&pi.src, &dst));
		n++;
	}
	assert_int_equal(n, 2);
	rtest_fini(&x.t);
}

static void send_arp(struct cpw *x, const char *tpa)
{
	struct net_frame f;
	struct net_wr w;
	struct net_l2 l2 = { .src = x->p->ifaces[0]->mac,
			     .dst = net_mac_broadcast };
	struct net_arp a = {
		.op = NET_ARP_REQUEST,
		.sha = x->p->ifaces[0]->mac,
		.spa = node_tw_ip4("10.0.2.99"),
		.tpa = node_tw_ip4(tpa),
	};
	int n;

	net_wr_init(&w, f.data, sizeof(f.data));
	n = net_build_arp(&w, &l2, &a);
	assert_int_equal(n, 60);
	assert_int_equal(node_tw_probe_send(x->p, "eth0", f.data, (size_t)n),
			 0);
}

/* RFC 826: reply only when the target is an address of this interface. */
static void test_arp_only_own_addresses(void **state)
{
	struct cpw x;
	struct net_pkt_info pi;
	struct net_mac mac;
	sim_time_t t0, t;

	(void)state;
	cpw_init(&x);
	send_arp(&x, "10.0.2.77"); /* nobody */
	node_tw_run_for(x.t.w, SIM_MS(5));
	send_arp(&x, "10.0.1.1"); /* ours, but on another interface */
	node_tw_run_for(x.t.w, SIM_MS(5));
	assert_int_equal(node_tw_probe_count(x.p), 0);
	t0 = node_tw_now(x.t.w);
	send_arp(&x, "10.0.2.1");
	node_tw_run_for(x.t.w, SIM_MS(5));
	assert_int_equal(node_tw_probe_count(x.p), 1);
	rtest_probe_pkt(x.p, 0, &pi, &t);
	assert_int_equal(t, t0 + 2 * hop(&x, 60) + cpu_rt(&x));
	assert_true(net_pkt_has(&pi, NET_LAYER_ARP));
	assert_int_equal(pi.arp.op, NET_ARP_REPLY);
	assert_memory_equal(pi.arp.sha.b, x.rif2->mac.b, 6);
	assert_memory_equal(pi.eth.src.b, x.rif2->mac.b, 6);
	assert_memory_equal(pi.eth.dst.b, x.p->ifaces[0]->mac.b, 6);
	assert_memory_equal(pi.arp.tha.b, x.p->ifaces[0]->mac.b, 6);
	assert_memory_equal(pi.arp.spa.b, node_tw_ip4("10.0.2.1").b, 4);
	assert_memory_equal(pi.arp.tpa.b, node_tw_ip4("10.0.2.99").b, 4);
	/* The requester was learned (RFC 826 merge) and programmed. */
	rtest_settle(&x.t, x.r);
	{
		struct net_addr a = node_tw_addr("10.0.2.99");

		assert_true(asic_adj_lookup(router_asic(x.r), x.rif2->ifindex,
					    &a, &mac));
		assert_memory_equal(mac.b, x.p->ifaces[0]->mac.b, 6);
	}
	rtest_fini(&x.t);
}

/* NS from the probe: src, target; hop limit patched when not 255. */
static void send_ns(struct cpw *x, const char *src, const char *target,
		    uint8_t hop_limit)
{
	struct net_frame f;
	struct net_wr w;
	struct net_ip6 tgt = node_tw_ip6(target);
	struct net_ip6_params p = { .src = node_tw_ip6(src),
				    .dst = net_ip6_solicited_node(&tgt) };
	bool dad = !strcmp(src, "::");
	int n;

	p.l2.src = x->p->ifaces[0]->mac;
	p.l2.dst = net_mac_from_ip6_mcast(&p.dst);
	net_wr_init(&w, f.data, sizeof(f.data));
	n = net_build_ns(&w, &p, &tgt, dad ? NULL : &x->p->ifaces[0]->mac);
	assert_true(n > 0);
	f.data[14 + 7] = hop_limit; /* not in the ICMPv6 checksum */
	assert_int_equal(node_tw_probe_send(x->p, "eth0", f.data, (size_t)n),
			 0);
}

static void test_nd(void **state)
{
	struct cpw x;
	struct net_pkt_info pi;
	struct net_ip6 me = node_tw_ip6("2001:db8:2::1");
	struct net_ip6 all = node_tw_ip6("ff02::1");
	struct net_mac mac;
	struct net_addr peer = node_tw_addr("2001:db8:2::99");
	sim_time_t t0, t;

	(void)state;
	cpw_init(&x);
	/* RFC 4861 7.1.1: hop limit other than 255 is ignored. */
	send_ns(&x, "2001:db8:2::99", "2001:db8:2::1", 254);
	/* Not our address. */
	send_ns(&x, "2001:db8:2::99", "2001:db8:2::7", 255);
	node_tw_run_for(x.t.w, SIM_MS(5));
	assert_int_equal(node_tw_probe_count(x.p), 0);
	t0 = node_tw_now(x.t.w);
	send_ns(&x, "2001:db8:2::99", "2001:db8:2::1", 255);
	node_tw_run_for(x.t.w, SIM_MS(5));
	assert_int_equal(node_tw_probe_count(x.p), 1);
	rtest_probe_pkt(x.p, 0, &pi, &t);
	assert_int_equal(t, t0 + 2 * hop(&x, 86) + cpu_rt(&x));
	assert_int_equal(pi.err, NET_OK);
	assert_true(pi.has_nd);
	assert_int_equal(pi.nd.type, NET_ICMP6_ND_NA);
	assert_true(pi.nd.router && pi.nd.solicited && pi.nd.override);
	assert_memory_equal(pi.nd.target.b, me.b, 16);
	assert_true(pi.nd.has_tll);
	assert_memory_equal(pi.nd.tll.b, x.rif2->mac.b, 6);
	assert_int_equal(pi.ttl, 255);
	assert_true(net_addr_eq(&pi.dst, &peer));
	assert_memory_equal(pi.eth.dst.b, x.p->ifaces[0]->mac.b, 6);
	rtest_settle(&x.t, x.r);
	assert_true(asic_adj_lookup(router_asic(x.r), x.rif2->ifindex, &peer,
				    &mac));
	/* DAD probe (unspecified source): NA to all-nodes, not solicited. */
	send_ns(&x, "::", "2001:db8:2::1", 255);
	node_tw_run_for(x.t.w, SIM_MS(5));
	assert_int_equal(node_tw_probe_count(x.p), 2);
	rtest_probe_pkt(x.p, 1, &pi, NULL);
	assert_true(pi.has_nd);
	assert_false(pi.nd.solicited);
	assert_memory_equal(net_addr_ip6(&pi.dst).b, all.b, 16);
	assert_int_equal(pi.eth.dst.b[0], 0x33);
	rtest_fini(&x.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ping_ipv4_interface),
		cmocka_unit_test(test_ping_ipv6_interface),
		cmocka_unit_test(test_ping_loopback),
		cmocka_unit_test(test_arp_only_own_addresses),
		cmocka_unit_test(test_nd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
