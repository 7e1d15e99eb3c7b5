/*
 * Tests of unicast forwarding through the router: the first packet to an
 * unresolved next hop is punted (glean), forwarded in software once ARP
 * resolves (RFC 826) and the adjacency is programmed, later packets are
 * forwarded by the ASIC at pipeline latency (RFC 1812 section 5.3.1: TTL
 * decremented, header checksum still valid); and the ICMP errors of
 * RFC 1812 section 4.3.2 / RFC 4443 section 3: time exceeded, network
 * and port unreachable, rate limited (section 4.3.2.8). Times are exact,
 * from the link and ASIC profile delays.
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
			     "commit\n";

#define PAYLOAD 100
#define UDP4	(14 + 20 + 8 + PAYLOAD)
#define UDP6	(14 + 40 + 8 + PAYLOAD)

struct rx_log {
	size_t n;
	sim_time_t t[8];
	uint8_t ttl[8];
};

/* H1 on GE0/1/0, H2 on GE0/2/0; H2 records UDP port 5000. */
struct fw {
	struct rtest t;
	struct router *r;
	struct node *h1, *h2;
	struct node_link *l1, *l2;
	struct node_tw_cap *c1, *c2;
	struct rx_log rx;
	uint8_t payload[PAYLOAD];
};

static void on_udp(void *ctx, struct node *h, const struct node_host_udp_rx *m)
{
	struct rx_log *rx = ctx;

	(void)h;
	if (rx->n < 8) {
		rx->t[rx->n] = m->t;
		rx->ttl[rx->n] = m->ttl;
	}
	rx->n++;
}

static void ping_once(struct fw *x, struct node *h, const char *dst)
{
	struct net_addr d = node_tw_addr(dst);
	int id = node_host_ping(h, &d, 1, SIM_S(1));

	assert_true(id >= 0);
	node_tw_run_for(x->t.w, SIM_MS(5));
	assert_int_equal(node_host_ping_stats(h, id)->received, 1);
}

/* warm: which hosts have pinged their gateway (both ways resolved). */
static void fw_init(struct fw *x, bool warm_h1, bool warm_h2)
{
	static const char *const ports[] = { "GE0/1/0", "GE0/2/0", NULL };

	memset(x, 0, sizeof(*x));
	rtest_init(&x->t, 3);
	x->r = rtest_router(&x->t, "R1", cfg_r1, ports);
	x->h1 = node_tw_host(x->t.w, "H1", "eth0", "10.0.1.10/24", "10.0.1.1",
			     "2001:db8:1::10/64", "2001:db8:1::1");
	x->h2 = node_tw_host(x->t.w, "H2", "eth0", "10.0.2.10/24", "10.0.2.1",
			     "2001:db8:2::10/64", "2001:db8:2::1");
	x->l1 = rtest_link(&x->t, "l1", x->h1, "eth0", router_node(x->r),
			   "GigabitEthernet0/1/0");
	x->l2 = rtest_link(&x->t, "l2", x->h2, "eth0", router_node(x->r),
			   "GigabitEthernet0/2/0");
	assert_int_equal(node_host_udp_bind(x->h2, 5000, on_udp, &x->rx), 0);
	rtest_boot(x->r);
	rtest_settle(&x->t, x->r);
	if (warm_h1) {
		ping_once(x, x->h1, "10.0.1.1");
		ping_once(x, x->h1, "2001:db8:1::1");
	}
	if (warm_h2) {
		ping_once(x, x->h2, "10.0.2.1");
		ping_once(x, x->h2, "2001:db8:2::1");
	}
	rtest_settle(&x->t, x->r);
	node_tw_run_for(x->t.w, SIM_MS(1));
	x->c1 = node_tw_capture(x->t.w, x->l1);
	x->c2 = node_tw_capture(x->t.w, x->l2);
}

static sim_time_t hop(const struct fw *x, size_t len)
{
	return node_link_ser_time(x->l1, len) + RTEST_DELAY;
}

static void send_udp(struct fw *x, const char *dst, uint16_t dport, uint8_t ttl)
{
	struct net_addr d = node_tw_addr(dst);

	assert_int_equal(node_host_udp_send(x->h1, &d, 4000, dport, ttl,
					    x->payload, PAYLOAD),
			 0);
}

/* Frames of capture c sent by node n's interface (by source MAC). */
static size_t cap_from(const struct node_tw_cap *c, const struct node *n,
		       const struct node_tw_frame **out, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < c->n; i++)
		for (int j = 0; j < n->nifaces; j++)
			if (!memcmp(c->v[i].data + 6, n->ifaces[j]->mac.b, 6) &&
			    k < max)
				out[k++] = &c->v[i];
	return k;
}

static void test_glean_then_asic(void **state)
{
	struct fw x;
	const struct asic_profile *p;
	struct asic *a;
	struct net_addr h2 = node_tw_addr("10.0.2.10");
	struct node_iface *out;
	const struct node_tw_frame *fr[8];
	struct net_pkt_info pi;
	struct net_mac mac;
	sim_time_t t0, y, t2;

	(void)state;
	fw_init(&x, true, false);
	p = &x.t.prof;
	a = router_asic(x.r);
	out = node_iface_find(router_node(x.r), "GigabitEthernet0/2/0");
	t0 = node_tw_now(x.t.w);
	send_udp(&x, "10.0.2.10", 5000, 0);
	/* Glean punt, ARP out, reply in, reply punted: the CPU learns H2. */
	y = t0 + hop(&x, UDP4) + p->punt_latency + p->inject_latency +
	    2 * hop(&x, 60) + p->punt_latency;
	node_tw_run(x.t.w, y + p->batch_overhead + p->adj_write - 1);
	assert_false(asic_adj_lookup(a, out->ifindex, &h2, &mac));
	node_tw_run(x.t.w, y + p->batch_overhead + p->adj_write);
	assert_true(asic_adj_lookup(a, out->ifindex, &h2, &mac));
	assert_memory_equal(mac.b, x.h2->ifaces[0]->mac.b, 6);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.rx.n, 1);
	assert_int_equal(x.rx.t[0], y + p->inject_latency + hop(&x, UDP4));
	assert_int_equal(x.rx.ttl[0], 63);
	assert_int_equal(asic_counters(a)->all.punted[ASIC_PUNT_GLEAN], 1);
	assert_int_equal(asic_counters(a)->all.forwarded, 0);
	/* Now in hardware: pipeline latency only. */
	t2 = node_tw_now(x.t.w);
	send_udp(&x, "10.0.2.10", 5000, 0);
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(x.rx.n, 2);
	assert_int_equal(x.rx.t[1],
			 t2 + 2 * hop(&x, UDP4) + p->pipeline_latency);
	assert_int_equal(x.rx.ttl[1], 63);
	assert_int_equal(asic_counters(a)->all.forwarded, 1);
	/* On the wire: router MACs, TTL 63, every checksum valid. */
	assert_int_equal(cap_from(x.c2, router_node(x.r), fr, 8), 3);
	for (int i = 1; i < 3; i++) {
		net_dissect(fr[i]->data, fr[i]->len, &pi);
		assert_int_equal(pi.err, NET_OK);
		assert_int_equal(pi.ttl, 63);
		assert_int_equal(pi.udp.dport, 5000);
		assert_memory_equal(pi.eth.src.b, out->mac.b, 6);
		assert_memory_equal(pi.eth.dst.b, x.h2->ifaces[0]->mac.b, 6);
	}
	rtest_fini(&x.t);
}

/* The ICMP errors the router sent to H1 (frames on l1 from R1). */
static size_t icmp_errors(struct fw *x, struct net_pkt_info *pis, size_t max)
{
	const struct node_tw_frame *fr[32];
	size_t n = cap_from(x->c1, router_node(x->r), fr, 32), k = 0;

	for (size_t i = 0; i < n && k < max; i++) {
		struct net_pkt_info pi;

		net_dissect(fr[i]->data, fr[i]->len, &pi);
		if ((net_pkt_has(&pi, NET_LAYER_ICMP) &&
		     pi.icmp.type != NET_ICMP_ECHO_REPLY) ||
		    (pi.has_error6))
			pis[k++] = pi;
	}
	return k;
}

struct err_case {
	const char *name;
	const char *dst;
	uint16_t dport;
	uint8_t ttl;
	int type, code;
	/* Source of the error: an address of the interface it leaves by
	 * (RFC 1812 section 4.3.2.4), also for errors about packets sent
	 * to another address of the router. */
	const char *from;
};

static const struct err_case err_cases[] = {
	{ "ttl expired", "10.0.2.10", 5000, 1, NET_ICMP_TIME_EXCEEDED, 0,
	  "10.0.1.1" },
	{ "no route", "172.16.0.1", 5000, 0, NET_ICMP_UNREACH, 0, "10.0.1.1" },
	{ "port unreachable", "10.0.2.1", 9, 0, NET_ICMP_UNREACH,
	  NET_ICMP_UNREACH_PORT, "10.0.1.1" },
	{ "hop limit expired", "2001:db8:2::10", 5000, 1,
	  NET_ICMP6_TIME_EXCEEDED, 0, "2001:db8:1::1" },
	{ "no route v6", "2001:db8:99::1", 5000, 0, NET_ICMP6_UNREACH, 0,
	  "2001:db8:1::1" },
	{ "port unreachable v6", "2001:db8:1::1", 9, 0, NET_ICMP6_UNREACH,
	  NET_ICMP6_UNREACH_PORT, "2001:db8:1::1" },
};

static void test_icmp_errors(void **state)
{
	for (size_t i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
		const struct err_case *c = &err_cases[i];
		bool v6 = strchr(c->dst, ':') != NULL;
		size_t ulen = v6 ? UDP6 : UDP4;
		struct net_addr from = node_tw_addr(c->from);
		struct net_pkt_info pi;
		struct fw x;
		sim_time_t t0;

		(void)state;
		fw_init(&x, true, true);
		t0 = node_tw_now(x.t.w);
		send_udp(&x, c->dst, c->dport, c->ttl);
		node_tw_run_for(x.t.w, SIM_MS(1));
		if (icmp_errors(&x, &pi, 1) != 1)
			fail_msg("%s: no ICMP error", c->name);
		assert_int_equal(pi.err, NET_OK);
		assert_int_equal(v6 ? pi.icmp6.type : pi.icmp.type, c->type);
		assert_int_equal(v6 ? pi.icmp6.code : pi.icmp.code, c->code);
		if (!net_addr_eq(&pi.src, &from)) {
			char b[NET_ADDR_STRLEN];

			net_addr_fmt(&pi.src, b, sizeof(b));
			fail_msg("%s: error from %s", c->name, b);
		}
		/* IPv4 quotes the header and 8 bytes (RFC 792); IPv6 all. */
		size_t elen =
			v6 ? 14 + 40 + 8 + ulen - 14 : 14 + 20 + 8 + 20 + 8;
		const struct node_tw_frame *fr[32];
		size_t n = cap_from(x.c1, router_node(x.r), fr, 32);

		assert_int_equal(n, 1);
		assert_int_equal(fr[0]->len, elen);
		assert_int_equal(
			fr[0]->t + node_link_ser_time(x.l1, elen) + RTEST_DELAY,
			t0 + hop(&x, ulen) + x.t.prof.punt_latency +
				x.t.prof.inject_latency + hop(&x, elen));
		assert_int_equal(x.rx.n, 0);
		rtest_fini(&x.t);
	}
}

/* RFC 1812 4.3.2.8: at most one error per 10 ms. */
static void test_icmp_rate_limit(void **state)
{
	struct fw x;
	struct net_pkt_info pi[8];
	const sim_time_t gap = SIM_MS(10);

	(void)state;
	fw_init(&x, true, true);
	send_udp(&x, "10.0.2.10", 5000, 1);
	node_tw_run_for(x.t.w, SIM_MS(1));
	send_udp(&x, "172.16.0.1", 5000, 0);	     /* limited */
	node_tw_run_for(x.t.w, gap - SIM_MS(1) - 1); /* 1 ns early */
	send_udp(&x, "10.0.2.10", 5000, 1);	     /* limited */
	node_tw_run_for(x.t.w, 1);
	send_udp(&x, "10.0.2.10", 5000, 1); /* exactly 10 ms later: sent */
	node_tw_run_for(x.t.w, SIM_MS(1));
	assert_int_equal(icmp_errors(&x, pi, 8), 2);
	assert_int_equal(pi[0].icmp.type, NET_ICMP_TIME_EXCEEDED);
	assert_int_equal(pi[1].icmp.type, NET_ICMP_TIME_EXCEEDED);
	assert_int_equal(asic_counters(router_asic(x.r))
				 ->all.punted[ASIC_PUNT_TTL_EXPIRED],
			 3);
	rtest_fini(&x.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glean_then_asic),
		cmocka_unit_test(test_icmp_errors),
		cmocka_unit_test(test_icmp_rate_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
