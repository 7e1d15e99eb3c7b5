/*
 * Tests of the host stack through small switched worlds: ping with exact
 * RTTs (ARP included), IPv6 ping through ND, ping timeout, UDP multicast
 * delivered only to joined hosts, unicast through the gateway, frames on
 * the wire checked with the sim/net dissector, listeners, bad frames,
 * crash/restart, two simulations in one process; per-socket multicast
 * filters merged into the interface state (RFC 3376 sections 3.1, 3.2),
 * source filtering of delivered datagrams, the membership signalling
 * version, and IP packets with Router Alert (node_host_ip_send_opts).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"
#include "sim/node/node_host.h"
#include "sim/node/node_switch.h"
#include "sim/node/node_testlib.h"

#define RATE  1000000000ull
#define DELAY SIM_US(1)

/* Hosts H1..Hn ("eth0", 10.0.0.i/24, 2001:db8::i/64) on one switch. */
struct lan {
	struct node_tw *w;
	struct node *sw;
	struct node *h[4];
	struct node_link *l[4];
};

static void lan_init(struct lan *x, uint64_t seed, int n, const char *gw)
{
	int i;

	x->w = node_tw_new(seed);
	x->sw = node_tw_switch(x->w, "S", n, 0);
	for (i = 0; i < n; i++) {
		char name[16], ip4[32], ip6[32], pn[16];

		snprintf(name, sizeof(name), "H%d", i + 1);
		snprintf(ip4, sizeof(ip4), "10.0.0.%d/24", i + 1);
		snprintf(ip6, sizeof(ip6), "2001:db8::%d/64", i + 1);
		snprintf(pn, sizeof(pn), "p%d", i);
		x->h[i] = node_tw_host(x->w, name, "eth0", ip4, gw, ip6, NULL);
		x->l[i] = node_tw_link(x->w, name, x->h[i], "eth0", x->sw, pn,
				       RATE, DELAY);
	}
}

/* One hop through the switch: host -> switch -> host, len bytes. */
static sim_time_t hop2(struct lan *x, size_t len)
{
	return 2 * (node_link_ser_time(x->l[0], len) + DELAY);
}

static void test_ping_exact_rtt(void **state)
{
	struct lan x;
	struct net_addr dst = node_tw_addr("10.0.0.2");
	const struct node_host_ping_stats *st;
	struct node_tw_cap *cap;
	struct net_pkt_info pi;
	sim_time_t arp_rt, echo_rt;
	int id;

	(void)state;
	lan_init(&x, 1, 2, NULL);
	cap = node_tw_capture(x.w, x.l[0]);
	id = node_host_ping(x.h[0], &dst, 2, SIM_S(1));
	assert_int_equal(id, 0);
	node_tw_run(x.w, SIM_S(5));
	st = node_host_ping_stats(x.h[0], id);
	assert_int_equal(st->sent, 2);
	assert_int_equal(st->received, 2);
	assert_int_equal(st->timeouts, 0);
	assert_true(st->done);
	arp_rt = 2 * hop2(&x, 60);  /* request and reply, 60 bytes */
	echo_rt = 2 * hop2(&x, 98); /* 14 + 20 + 8 + 56 */
	assert_int_equal(arp_rt, 2 * 2 * (672 + 1000));
	assert_int_equal(st->rtt_max, arp_rt + echo_rt);
	assert_int_equal(st->rtt_min, echo_rt);
	assert_int_equal(
		node_tw_field_int(node_tw_find(x.w, "H1", "ping", "reply", 0),
				  "rtt", -1),
		arp_rt + echo_rt);
	assert_int_equal(node_tw_find(x.w, "H1", "ping", "reply", 1)->t,
			 SIM_S(1) + echo_rt);
	assert_int_equal(node_tw_count(x.w, "H1", "ping", "done"), 1);
	/* on H1's wire: ARP request, ARP reply, echo, reply, echo, reply */
	assert_int_equal(cap->n, 6);
	assert_int_equal(net_dissect(cap->v[0].data, cap->v[0].len, &pi),
			 NET_OK);
	assert_true(net_pkt_has(&pi, NET_LAYER_ARP));
	assert_int_equal(pi.arp.op, NET_ARP_REQUEST);
	assert_true(net_mac_is_broadcast(&pi.eth.dst));
	assert_int_equal(net_dissect(cap->v[2].data, cap->v[2].len, &pi),
			 NET_OK);
	assert_true(net_pkt_has(&pi, NET_LAYER_ICMP));
	assert_int_equal(pi.icmp.type, NET_ICMP_ECHO);
	assert_int_equal(pi.icmp.seq, 1);
	assert_int_equal(cap->v[2].len, 98);
	assert_true(
		net_mac_eq(&pi.eth.dst, &node_iface_find(x.h[1], "eth0")->mac));
	assert_int_equal(net_dissect(cap->v[3].data, cap->v[3].len, &pi),
			 NET_OK);
	assert_int_equal(pi.icmp.type, NET_ICMP_ECHO_REPLY);
	assert_int_equal(pi.ttl, 64);
	assert_int_equal(node_host_counters(x.h[1])->echo_answered, 2);
	assert_true(node_tw_free(x.w));
}

static void test_ping6_nd(void **state)
{
	struct lan x;
	struct net_addr dst = node_tw_addr("2001:db8::2");
	struct net_addr h1 = node_tw_addr("2001:db8::1");
	const struct node_host_ping_stats *st;
	const struct node_nbr_entry *e;
	struct node_tw_cap *cap;
	struct net_pkt_info pi;

	(void)state;
	lan_init(&x, 1, 2, NULL);
	cap = node_tw_capture(x.w, x.l[1]);
	node_host_ping(x.h[0], &dst, 1, 0);
	node_tw_run(x.w, SIM_S(1));
	st = node_host_ping_stats(x.h[0], 0);
	assert_int_equal(st->received, 1);
	/* NS (86 bytes) and NA (86 bytes) then echo and reply (118) */
	assert_int_equal(st->rtt_last, 2 * hop2(&x, 86) + 2 * hop2(&x, 118));
	e = node_nbr_lookup(node_host_nbr(x.h[0], "eth0", NET_AF_IP6), &dst);
	assert_int_equal(e->state, NODE_NBR_REACHABLE);
	e = node_nbr_lookup(node_host_nbr(x.h[1], "eth0", NET_AF_IP6), &h1);
	assert_int_equal(e->state, NODE_NBR_STALE); /* from the NS */
	/* the NA on H2's wire: solicited, override, TLLA = H2's MAC */
	assert_int_equal(net_dissect(cap->v[1].data, cap->v[1].len, &pi),
			 NET_OK);
	assert_true(pi.has_nd);
	assert_int_equal(pi.nd.type, NET_ICMP6_ND_NA);
	assert_true(pi.nd.solicited && pi.nd.override && !pi.nd.router);
	assert_true(pi.nd.has_tll);
	assert_true(
		net_mac_eq(&pi.nd.tll, &node_iface_find(x.h[1], "eth0")->mac));
	assert_int_equal(pi.ttl, 255);
	/* the NS went to the solicited-node group of the target */
	assert_int_equal(net_dissect(cap->v[0].data, cap->v[0].len, &pi),
			 NET_OK);
	assert_int_equal(pi.nd.type, NET_ICMP6_ND_NS);
	assert_int_equal(pi.dst.b[0], 0xff);
	assert_int_equal(pi.dst.b[11], 0x01);
	assert_int_equal(pi.dst.b[12], 0xff);
	assert_true(node_tw_free(x.w));
}

static void test_ping_timeout(void **state)
{
	struct lan x;
	struct net_addr dst = node_tw_addr("10.0.0.77");
	const struct node_host_ping_stats *st;

	(void)state;
	lan_init(&x, 1, 2, NULL);
	node_tw_run(x.w, SIM_MS(10));
	node_host_ping(x.h[0], &dst, 1, 0);
	node_tw_run(x.w, SIM_S(10));
	st = node_host_ping_stats(x.h[0], 0);
	assert_int_equal(st->timeouts, 1);
	assert_int_equal(st->received, 0);
	assert_true(st->done);
	assert_int_equal(node_tw_find(x.w, "H1", "ping", "timeout", 0)->t,
			 SIM_MS(10) + SIM_S(2));
	assert_int_equal(node_tw_find(x.w, "H1", "arp", "failed", 0)->t,
			 SIM_MS(10) + SIM_S(3));
	assert_null(node_host_ping_stats(x.h[0], 1));
	assert_true(node_tw_free(x.w));
}

struct udp_sink {
	int n;
	struct net_addr src, dst;
	uint16_t sport, dport;
	uint8_t ttl;
	sim_time_t t;
	char data[32];
};

static void udp_cb(void *ctx, struct node *h, const struct node_host_udp_rx *m)
{
	struct udp_sink *s = ctx;

	(void)h;
	s->n++;
	s->src = m->src;
	s->dst = m->dst;
	s->sport = m->sport;
	s->dport = m->dport;
	s->ttl = m->ttl;
	s->t = m->t;
	snprintf(s->data, sizeof(s->data), "%.*s", (int)m->len,
		 (const char *)m->payload);
}

static void test_udp_multicast_joined_only(void **state)
{
	struct lan x;
	struct udp_sink s2 = { 0 }, s3 = { 0 };
	struct net_addr g = node_tw_addr("239.1.1.1");
	struct net_addr g6 = node_tw_addr("ff15::1");

	(void)state;
	lan_init(&x, 1, 3, NULL);
	assert_int_equal(node_host_udp_bind(x.h[1], 5000, udp_cb, &s2), 0);
	assert_int_equal(node_host_udp_bind(x.h[2], 5000, udp_cb, &s3), 0);
	assert_int_equal(node_host_udp_bind(x.h[2], 5000, udp_cb, &s3),
			 -EADDRINUSE);
	assert_int_equal(node_host_join(x.h[1], "eth0", &g), 0);
	assert_int_equal(node_host_join(x.h[1], NULL, &g6), 0);
	assert_true(
		node_host_joined(x.h[1], node_iface_find(x.h[1], "eth0"), &g));
	assert_int_equal(
		node_host_udp_send(x.h[0], &g, 4000, 5000, 7, "hello", 5), 0);
	assert_int_equal(
		node_host_udp_send(x.h[0], &g6, 4000, 5000, 9, "six", 3), 0);
	node_tw_run(x.w, SIM_MS(1));
	assert_int_equal(s2.n, 2);
	assert_int_equal(s3.n, 0);
	assert_string_equal(s2.data, "six");
	assert_int_equal(s2.ttl, 9);
	assert_int_equal(s2.sport, 4000);
	assert_true(net_addr_eq(&s2.dst, &g6));
	assert_int_equal(node_host_counters(x.h[2])->rx_not_mine, 2);
	/* leave: no longer delivered */
	node_host_leave(x.h[1], "eth0", &g);
	node_host_udp_send(x.h[0], &g, 4000, 5000, 7, "again", 5);
	node_tw_run(x.w, SIM_MS(2));
	assert_int_equal(s2.n, 2);
	/* unicast UDP: resolved, delivered, source address chosen */
	assert_int_equal(node_host_udp_send(x.h[0], &(struct net_addr){ 0 }, 1,
					    2, 0, "", 0),
			 -EINVAL);
	node_host_udp_send(
		x.h[0],
		&(struct net_addr){ .af = NET_AF_IP4, .b = { 10, 0, 0, 3 } },
		4001, 5000, 0, "uni", 3);
	node_tw_run(x.w, SIM_MS(3));
	assert_int_equal(s3.n, 1);
	assert_string_equal(s3.data, "uni");
	assert_int_equal(s3.ttl, 64);
	assert_true(net_addr_eq(
		&s3.src,
		&(struct net_addr){ .af = NET_AF_IP4, .b = { 10, 0, 0, 1 } }));
	/* no port bound */
	node_host_udp_send(x.h[0], &s3.dst, 4001, 5999, 0, "x", 1);
	node_tw_run(x.w, SIM_MS(4));
	assert_int_equal(node_host_counters(x.h[2])->rx_no_port, 1);
	assert_true(node_tw_free(x.w));
}

static void test_unicast_via_gateway(void **state)
{
	struct lan x;
	struct node_tw_cap *cap;
	struct net_pkt_info pi;
	struct net_addr far = node_tw_addr("192.168.1.1");
	struct net_addr src;

	(void)state;
	/* H1 and H2 use 10.0.0.3 (H3, a host standing in for a router) */
	lan_init(&x, 1, 3, "10.0.0.3");
	cap = node_tw_capture(x.w, x.l[2]);
	assert_int_equal(node_host_src_for(x.h[0], &far, &src), 0);
	assert_true(
		net_addr_eq(&src, &(struct net_addr){ .af = NET_AF_IP4,
						      .b = { 10, 0, 0, 1 } }));
	assert_int_equal(
		node_host_udp_send(x.h[0], &far, 1000, 2000, 0, "gw", 2), 0);
	node_tw_run(x.w, SIM_MS(1));
	/* H3's wire: ARP request for 10.0.0.3, its reply, then the datagram */
	assert_int_equal(cap->n, 3);
	net_dissect(cap->v[0].data, cap->v[0].len, &pi);
	assert_true(net_pkt_has(&pi, NET_LAYER_ARP));
	assert_memory_equal(pi.arp.tpa.b, ((uint8_t[]){ 10, 0, 0, 3 }), 4);
	assert_int_equal(net_dissect(cap->v[2].data, cap->v[2].len, &pi),
			 NET_OK);
	assert_true(net_pkt_has(&pi, NET_LAYER_UDP));
	assert_true(
		net_mac_eq(&pi.eth.dst, &node_iface_find(x.h[2], "eth0")->mac));
	assert_true(net_addr_eq(&pi.dst, &far));
	assert_int_equal(node_host_counters(x.h[2])->rx_not_mine, 1);
	/* no IPv6 gateway: unreachable */
	assert_int_equal(node_host_udp_send(
				 x.h[0],
				 &(struct net_addr){ .af = NET_AF_IP6,
						     .b = { 0x20, 0x01, 0x0d,
							    0xb9, [15] = 1 } },
				 1, 2, 0, "", 0),
			 -ENETUNREACH);
	assert_int_equal(node_host_counters(x.h[0])->tx_no_route, 1);
	assert_true(node_tw_free(x.w));
}

struct hook {
	int groups, joins, leaves, ifaces, ip;
	uint8_t proto;
};

static void hook_group(void *ctx, struct node *h, struct node_iface *ifp,
		       const struct net_addr *g, bool joined)
{
	struct hook *k = ctx;

	(void)h;
	(void)ifp;
	(void)g;
	k->groups++;
	if (joined)
		k->joins++;
	else
		k->leaves++;
}

static void hook_iface(void *ctx, struct node *h, struct node_iface *ifp,
		       bool up)
{
	struct hook *k = ctx;

	(void)h;
	(void)ifp;
	(void)up;
	k->ifaces++;
}

static bool hook_ip(void *ctx, struct node *h, struct node_iface *ifp,
		    const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct hook *k = ctx;

	(void)h;
	(void)ifp;
	(void)f;
	k->ip++;
	k->proto = (uint8_t)pi->l4_proto;
	return pi->l4_proto == NET_IPPROTO_IGMP;
}

static void test_listeners_crash_restart(void **state)
{
	struct lan x;
	struct hook k = { 0 };
	struct node_host_listener l = {
		.group = hook_group,
		.iface = hook_iface,
		.ip_rx = hook_ip,
		.ctx = &k,
	};
	struct net_addr g = node_tw_addr("239.9.9.9");
	struct net_addr all = node_tw_addr("224.0.0.1");
	struct net_addr h2 = node_tw_addr("10.0.0.2");
	uint8_t igmp[8] = { 0x11, 0x64 };

	(void)state;
	lan_init(&x, 1, 2, NULL);
	assert_int_equal(node_host_add_listener(x.h[1], &l), 0);
	node_host_join(x.h[1], NULL, &g);
	node_host_join(x.h[1], NULL, &g); /* twice: one event */
	assert_int_equal(k.joins, 1);
	assert_int_equal(node_host_ip_send(x.h[0], &all, NET_IPPROTO_IGMP, 1,
					   igmp, sizeof(igmp)),
			 0);
	node_host_ip_send(x.h[0], &h2, 200, 0, igmp, sizeof(igmp));
	node_tw_run(x.w, SIM_MS(1));
	assert_int_equal(k.ip, 2);
	assert_int_equal(k.proto, 200);
	assert_int_equal(node_host_counters(x.h[1])->rx_unhandled, 1);
	/* crash: frames dropped, ping from H1 times out */
	x.h[1]->ops->crash(x.h[1]);
	node_host_ping(x.h[0], &h2, 1, 0);
	node_tw_run(x.w, SIM_S(3));
	assert_int_equal(node_host_ping_stats(x.h[0], 0)->timeouts, 1);
	assert_int_equal(node_host_udp_send(x.h[1], &h2, 1, 2, 0, "", 0),
			 -ENETDOWN);
	x.h[1]->ops->restart(x.h[1]);
	assert_int_equal(k.joins, 2); /* told again on restart */
	node_host_ping(x.h[0], &h2, 1, 0);
	node_tw_run(x.w, SIM_S(6));
	assert_int_equal(node_host_ping_stats(x.h[0], 1)->received, 1);
	/* carrier loss reaches the iface listener and flushes the caches */
	node_link_set_up(x.l[1], false);
	assert_int_equal(k.ifaces, 1);
	assert_int_equal(node_host_nbr(x.h[1], "eth0", NET_AF_IP4)->n, 0);
	node_host_leave(x.h[1], NULL, &g);
	assert_int_equal(k.leaves, 1);
	assert_true(node_tw_free(x.w));
}

static void test_bad_and_foreign_frames(void **state)
{
	struct node_tw *w = node_tw_new(5);
	struct node *p = node_tw_probe(w, "P");
	struct node *h =
		node_tw_host(w, "H", "eth0", "10.0.0.1/24", NULL, NULL, NULL);
	struct node_iface *hif = node_iface_find(h, "eth0");
	struct net_udp4_params u;
	uint8_t buf[NET_FRAME_MAX];
	struct net_wr wr;
	int len;

	(void)state;
	node_tw_link(w, "ph", p, "e0", h, "eth0", RATE, 0);
	memset(&u, 0, sizeof(u));
	u.ip.l2.src = node_tw_mac("02:00:00:00:00:09");
	u.ip.l2.dst = hif->mac;
	u.ip.src = node_tw_ip4("10.0.0.9");
	u.ip.dst = node_tw_ip4("10.0.0.1");
	u.ip.ttl = 64;
	u.dport = 7;
	net_wr_init(&wr, buf, sizeof(buf));
	len = net_build_udp4(&wr, &u, "x", 1);
	assert_true(len > 0);
	buf[24] ^= 0x55; /* corrupt the IPv4 header checksum */
	node_tw_probe_send(p, "e0", buf, (size_t)len);
	buf[24] ^= 0x55;
	buf[5] ^= 0x01; /* another unicast MAC */
	node_tw_probe_send(p, "e0", buf, (size_t)len);
	buf[5] ^= 0x01;
	node_tw_probe_send(p, "e0", buf, 10); /* runt */
	node_tw_run(w, SIM_MS(1));
	assert_int_equal(node_host_counters(h)->rx_bad, 2);
	assert_int_equal(h->drops[NET_E_IPV4_BAD_CHECKSUM], 1);
	assert_int_equal(h->drops[NET_E_ETH_SHORT], 1);
	assert_int_equal(node_host_counters(h)->rx_not_mine, 1);
	/* an echo request to the broadcast address is not answered */
	{
		struct net_ip4_params ip = u.ip;

		ip.dst = node_tw_ip4("10.0.0.255");
		ip.l2.dst = net_mac_broadcast;
		net_wr_init(&wr, buf, sizeof(buf));
		len = net_build_icmp_echo4(&wr, &ip, false, 1, 1, "", 0);
		node_tw_probe_send(p, "e0", buf, (size_t)len);
	}
	node_tw_run(w, SIM_MS(2));
	assert_int_equal(node_host_counters(h)->echo_answered, 0);
	assert_int_equal(node_tw_probe_count(p), 0);
	assert_true(node_tw_free(w));
}

/* Three hosts pinging each other (IPv4 and IPv6). */
static void run_lan(struct lan *x, uint64_t seed)
{
	struct net_addr d = node_tw_addr("10.0.0.3");
	struct net_addr d6 = node_tw_addr("2001:db8::2");

	lan_init(x, seed, 3, NULL);
	node_host_ping(x->h[0], &d, 3, SIM_MS(100));
	node_host_ping(x->h[2], &d6, 2, SIM_MS(70));
}

static void logs_equal(const struct node_tw *a, const struct node_tw *b)
{
	size_t i;

	assert_int_equal(a->nrecs, b->nrecs);
	for (i = 0; i < a->nrecs; i++) {
		assert_int_equal(a->recs[i].rec.len, b->recs[i].rec.len);
		assert_memory_equal(a->recs[i].rec.json, b->recs[i].rec.json,
				    a->recs[i].rec.len);
	}
}

static void test_two_simulations_independent(void **state)
{
	struct lan a, b, c;
	sim_time_t t;

	(void)state;
	run_lan(&a, 11);
	run_lan(&b, 11);
	run_lan(&c, 11);
	/* a alone, b and c interleaved in small steps, c also perturbed by
	 * an extra link loss that must not leak into b */
	node_tw_run(a.w, SIM_S(2));
	for (t = SIM_US(7); t <= SIM_S(2); t += SIM_US(7)) {
		node_tw_run(b.w, t);
		node_tw_run(c.w, t);
		if (t == SIM_US(700))
			node_link_set_loss(c.l[2], 1000000000);
	}
	node_tw_run(b.w, SIM_S(2));
	logs_equal(a.w, b.w);
	assert_true(a.w->nrecs > 10);
	assert_int_equal(node_host_ping_stats(b.h[0], 0)->received, 3);
	/* the first echo completed before the loss began */
	assert_int_equal(node_host_ping_stats(c.h[0], 0)->received, 1);
	assert_true(node_tw_free(a.w));
	assert_true(node_tw_free(b.w));
	assert_true(node_tw_free(c.w));
}

/* ---- multicast membership (RFC 3376 sections 2 and 3) ---- */

struct fhook {
	int filters, joins, leaves, versions, crashes;
	uint8_t version;
	enum net_af af;
};

static void fh_group(void *ctx, struct node *h, struct node_iface *ifp,
		     const struct net_addr *g, bool joined)
{
	struct fhook *k = ctx;

	(void)h;
	(void)ifp;
	(void)g;
	if (joined)
		k->joins++;
	else
		k->leaves++;
}

static void fh_filter(void *ctx, struct node *h, struct node_iface *ifp,
		      const struct net_addr *g)
{
	struct fhook *k = ctx;

	(void)h;
	(void)ifp;
	(void)g;
	k->filters++;
}

static void fh_version(void *ctx, struct node *h, struct node_iface *ifp,
		       enum net_af af, uint8_t v)
{
	struct fhook *k = ctx;

	(void)h;
	(void)ifp;
	k->versions++;
	k->version = v;
	k->af = af;
}

static void fh_crash(void *ctx, struct node *h)
{
	struct fhook *k = ctx;

	(void)h;
	k->crashes++;
}

/* The interface state as "include:a,b", "exclude:" or "none". */
static const char *state_str(struct node *h, const char *g, char *buf,
			     size_t len)
{
	struct net_addr ga = node_tw_addr(g);
	enum node_host_filter mode;
	const struct net_addr *v;
	size_t n, i, off;

	if (!node_host_filter(h, node_iface_find(h, "eth0"), &ga, &mode, &v,
			      &n))
		return "none";
	off = (size_t)snprintf(
		buf, len,
		"%s:", mode == NODE_HOST_INCLUDE ? "include" : "exclude");
	for (i = 0; i < n; i++) {
		char a[NET_ADDR_STRLEN];

		net_addr_fmt(&v[i], a, sizeof(a));
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					i ? "," : "", a);
	}
	return buf;
}

static int listen_s(struct node *h, uint32_t sock, const char *g,
		    enum node_host_filter mode, const char *list)
{
	struct net_addr srcs[8], ga = node_tw_addr(g);
	char buf[256], *p, *save = NULL;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", list ? list : "");
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save))
		srcs[n++] = node_tw_addr(p);
	return node_host_listen(h, "eth0", sock, &ga, mode, srcs, n);
}

static void test_listen_merge(void **state)
{
	/* A .1, B .2, C .3, D .4, E .5 of 192.0.2.0/24 */
	static const struct {
		uint32_t sock;
		enum node_host_filter mode;
		const char *srcs, *want;
		int filters; /* filter calls so far */
	} steps[] = {
		{ 1, NODE_HOST_INCLUDE, "192.0.2.2,192.0.2.1,192.0.2.2",
		  "include:192.0.2.1,192.0.2.2", 1 },
		{ 2, NODE_HOST_INCLUDE, "192.0.2.3,192.0.2.2",
		  "include:192.0.2.1,192.0.2.2,192.0.2.3", 2 },
		/* any EXCLUDE: intersection of EXCLUDE minus union INCLUDE */
		{ 3, NODE_HOST_EXCLUDE, "192.0.2.1,192.0.2.3,192.0.2.4",
		  "exclude:192.0.2.4", 3 },
		{ 4, NODE_HOST_EXCLUDE, "192.0.2.4,192.0.2.5",
		  "exclude:192.0.2.4", 3 }, /* unchanged: no call */
		{ 1, NODE_HOST_INCLUDE, NULL, "exclude:192.0.2.4", 3 },
		{ 4, NODE_HOST_EXCLUDE, NULL, "exclude:", 4 },
		{ 0, NODE_HOST_EXCLUDE, NULL, "exclude:", 4 }, /* a join */
		{ 3, NODE_HOST_INCLUDE, NULL, "exclude:", 4 },
		{ 4, NODE_HOST_INCLUDE, NULL, "exclude:", 4 },
		{ 0, NODE_HOST_INCLUDE, NULL, "include:192.0.2.2,192.0.2.3",
		  5 },
		{ 2, NODE_HOST_INCLUDE, NULL, "none", 6 },
		{ 2, NODE_HOST_INCLUDE, NULL, "none", 6 }, /* nothing left */
	};
	struct node_tw *w = node_tw_new(1);
	struct node *h =
		node_tw_host(w, "H", "eth0", "10.0.0.1/24", NULL, NULL, NULL);
	struct fhook k = { 0 };
	struct node_host_listener l = { .group = fh_group,
					.filter = fh_filter,
					.ctx = &k };
	struct net_addr many[NODE_HOST_MAX_SRCS + 1],
		g = node_tw_addr("239.1.1.1");
	char buf[256];
	size_t i;

	(void)state;
	assert_int_equal(node_host_add_listener(h, &l), 0);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		assert_int_equal(listen_s(h, steps[i].sock, "239.1.1.1",
					  steps[i].mode, steps[i].srcs),
				 0);
		assert_string_equal(state_str(h, "239.1.1.1", buf, sizeof(buf)),
				    steps[i].want);
		assert_int_equal(k.filters, steps[i].filters);
	}
	assert_int_equal(k.joins, 1);
	assert_int_equal(k.leaves, 1);
	assert_int_equal(node_tw_count(w, "H", "host", "filter"), 4);
	/* refused */
	assert_int_equal(listen_s(h, 1, "10.1.1.1", NODE_HOST_EXCLUDE, NULL),
			 -EINVAL);
	assert_int_equal(
		listen_s(h, 1, "239.1.1.1", NODE_HOST_INCLUDE, "239.2.2.2"),
		-EINVAL);
	assert_int_equal(
		listen_s(h, 1, "239.1.1.1", NODE_HOST_INCLUDE, "2001:db8::1"),
		-EINVAL);
	assert_int_equal(
		listen_s(h, 1, "239.1.1.1", NODE_HOST_INCLUDE, "0.0.0.0"),
		-EINVAL);
	assert_int_equal(
		listen_s(h, 1, "239.1.1.1", (enum node_host_filter)7, NULL),
		-EINVAL);
	assert_int_equal(
		node_host_listen(h, "eth0", 1, &g, NODE_HOST_INCLUDE, NULL, 1),
		-EINVAL);
	for (i = 0; i <= NODE_HOST_MAX_SRCS; i++)
		many[i] = (struct net_addr){ .af = NET_AF_IP4,
					     .b = { 10, 1, (uint8_t)(i >> 8),
						    (uint8_t)i } };
	assert_int_equal(node_host_listen(h, "eth0", 1, &g, NODE_HOST_INCLUDE,
					  many, NODE_HOST_MAX_SRCS + 1),
			 -E2BIG);
	assert_int_equal(
		node_host_listen(h, "eth9", 1, &g, NODE_HOST_INCLUDE, many, 1),
		-ENODEV);
	assert_int_equal(node_host_listen(h, NULL, 1, &g, NODE_HOST_INCLUDE,
					  many, NODE_HOST_MAX_SRCS),
			 0);
	{
		const struct net_addr *v;
		enum node_host_filter mode;
		size_t n = 0;

		assert_true(node_host_filter(h, node_iface_find(h, "eth0"), &g,
					     &mode, &v, &n));
		assert_int_equal(n, NODE_HOST_MAX_SRCS);
		assert_true(net_addr_eq(&v[0], &many[0]));
	}
	assert_true(node_tw_free(w));
}

static void collect_group(void *arg, const struct net_addr *g)
{
	char *s = arg, a[NET_ADDR_STRLEN];

	net_addr_fmt(g, a, sizeof(a));
	strcat(s, a);
	strcat(s, " ");
}

static void test_each_group_and_listeners(void **state)
{
	struct node_tw *w = node_tw_new(2);
	struct node *h = node_tw_host(w, "H", "eth0", NULL, NULL, NULL, NULL);
	struct node *p = node_tw_probe(w, "P");
	struct node_iface *ifp;
	struct fhook k = { 0 }, k2 = { 0 };
	struct node_host_listener l = { .gmp_version = fh_version,
					.crash = fh_crash,
					.ctx = &k };
	struct hook ip = { 0 };
	static const char *const gs[] = { "239.3.3.3", "ff15::1", "239.1.1.1",
					  "239.2.2.2" };
	char out[256] = "";
	uint8_t igmp[8] = { 0x11, 0x64 }, buf[NET_FRAME_MAX];
	struct net_ip4_params ipp = { 0 };
	struct net_wr wr;
	size_t i;
	int len;

	(void)state;
	node_tw_link(w, "ph", p, "e0", h, "eth0", RATE, 0);
	ifp = node_iface_find(h, "eth0");
	for (i = 0; i < 4; i++) {
		struct net_addr g = node_tw_addr(gs[i]);

		assert_int_equal(node_host_join(h, NULL, &g), 0);
	}
	node_host_each_group(h, ifp, collect_group, out);
	assert_string_equal(out, "239.1.1.1 239.2.2.2 239.3.3.3 ff15::1 ");
	/* versions: per family, bounded, told to listeners */
	assert_int_equal(node_host_add_listener(h, &l), 0);
	assert_int_equal(node_host_gmp_version(h, ifp, NET_AF_IP4), 0);
	assert_int_equal(node_host_set_gmp_version(h, "eth0", NET_AF_IP6, 2),
			 0);
	assert_int_equal(k.versions, 1);
	assert_int_equal(k.af, NET_AF_IP6);
	assert_int_equal(node_host_gmp_version(h, ifp, NET_AF_IP6), 2);
	assert_int_equal(node_host_gmp_version(h, ifp, NET_AF_NONE), 0);
	assert_int_equal(node_host_set_gmp_version(h, NULL, NET_AF_NONE, 1),
			 -EINVAL);
	/* without IPv4 the host hears all-systems only while IGMP runs */
	ipp.l2.src = node_iface_find(p, "e0")->mac;
	ipp.l2.dst =
		net_mac_from_ip4_mcast(&(struct net_ip4){ { 224, 0, 0, 1 } });
	ipp.src = node_tw_ip4("10.0.0.9");
	ipp.dst = (struct net_ip4){ { 224, 0, 0, 1 } };
	ipp.ttl = 1;
	net_wr_init(&wr, buf, sizeof(buf));
	len = net_build_ip4(&wr, &ipp, NET_IPPROTO_IGMP, igmp, sizeof(igmp));
	l = (struct node_host_listener){ .ip_rx = hook_ip, .ctx = &ip };
	assert_int_equal(node_host_add_listener(h, &l), 0);
	node_tw_probe_send(p, "e0", buf, (size_t)len);
	node_tw_run(w, SIM_MS(1));
	assert_int_equal(ip.ip, 0);
	assert_int_equal(node_host_counters(h)->rx_not_mine, 1);
	node_host_set_gmp_version(h, NULL, NET_AF_IP4, 3);
	assert_int_equal(k.version, 3);
	node_tw_probe_send(p, "e0", buf, (size_t)len);
	node_tw_run(w, SIM_MS(2));
	assert_int_equal(ip.ip, 1);
	/* crash reaches the listeners; a removed listener hears nothing */
	h->ops->crash(h);
	assert_int_equal(k.crashes, 1);
	node_host_del_listener(h, &k);
	h->ops->crash(h);
	assert_int_equal(k.crashes, 1);
	h->ops->restart(h);
	/* the table holds NODE_HOST_MAX_LISTENERS */
	l = (struct node_host_listener){ .ctx = &k2 };
	for (i = 1; i < NODE_HOST_MAX_LISTENERS; i++)
		assert_int_equal(node_host_add_listener(h, &l), 0);
	assert_int_equal(node_host_add_listener(h, &l), -ENOSPC);
	assert_true(node_tw_free(w));
}

static void test_udp_source_filter(void **state)
{
	struct lan x;
	struct udp_sink s = { 0 };
	struct net_addr g = node_tw_addr("239.5.5.5");
	struct net_addr g6 = node_tw_addr("ff15::5");
	struct net_addr a1 = node_tw_addr("10.0.0.1");
	struct net_addr a6 = node_tw_addr("2001:db8::3");

	(void)state;
	lan_init(&x, 1, 3, NULL);
	assert_int_equal(node_host_udp_bind(x.h[1], 5000, udp_cb, &s), 0);
	/* INCLUDE {H1}: H1's datagrams only */
	assert_int_equal(node_host_listen(x.h[1], NULL, 7, &g,
					  NODE_HOST_INCLUDE, &a1, 1),
			 0);
	node_host_udp_send(x.h[0], &g, 1, 5000, 0, "h1", 2);
	node_host_udp_send(x.h[2], &g, 1, 5000, 0, "h3", 2);
	node_tw_run(x.w, SIM_MS(1));
	assert_int_equal(s.n, 1);
	assert_string_equal(s.data, "h1");
	assert_int_equal(node_host_counters(x.h[1])->rx_filtered, 1);
	/* EXCLUDE {H1}: all but H1 */
	node_host_listen(x.h[1], NULL, 7, &g, NODE_HOST_EXCLUDE, &a1, 1);
	node_host_udp_send(x.h[0], &g, 1, 5000, 0, "h1", 2);
	node_host_udp_send(x.h[2], &g, 1, 5000, 0, "h3", 2);
	node_tw_run(x.w, SIM_MS(2));
	assert_int_equal(s.n, 2);
	assert_string_equal(s.data, "h3");
	assert_int_equal(node_host_counters(x.h[1])->rx_filtered, 2);
	/* IPv6 INCLUDE {H3} */
	node_host_listen(x.h[1], NULL, 8, &g6, NODE_HOST_INCLUDE, &a6, 1);
	node_host_udp_send(x.h[0], &g6, 1, 5000, 0, "61", 2);
	node_host_udp_send(x.h[2], &g6, 1, 5000, 0, "63", 2);
	node_tw_run(x.w, SIM_MS(3));
	assert_int_equal(s.n, 3);
	assert_string_equal(s.data, "63");
	assert_int_equal(node_host_counters(x.h[1])->rx_filtered, 3);
	assert_true(node_tw_free(x.w));
}

static void test_ip_send_opts(void **state)
{
	struct lan x;
	struct node_tw_cap *cap;
	struct net_pkt_info pi;
	struct node_iface *ifp;
	struct net_addr g4 = node_tw_addr("224.0.0.22");
	struct net_addr g6 = node_tw_addr("ff02::16");
	struct net_addr h2 = node_tw_addr("10.0.0.2");
	struct net_addr any = node_tw_addr("0.0.0.0");
	struct net_ip6 s6;
	uint8_t msg[8] = { 0x22 };

	(void)state;
	lan_init(&x, 1, 2, NULL);
	cap = node_tw_capture(x.w, x.l[1]);
	ifp = node_iface_find(x.h[0], "eth0");
	assert_int_equal(node_host_ip_send_opts(x.h[0], ifp, NULL, &g4,
						NET_IPPROTO_IGMP, 1, true, msg,
						sizeof(msg)),
			 0);
	assert_int_equal(node_host_ip_send_opts(x.h[0], ifp, NULL, &g6, 253, 1,
						true, msg, sizeof(msg)),
			 0);
	assert_int_equal(node_host_ip_send_opts(x.h[0], ifp, &any, &h2,
						NET_IPPROTO_IGMP, 0, false, msg,
						sizeof(msg)),
			 0);
	node_tw_run(x.w, SIM_MS(1));
	/* multicast straight out; unicast after ARP */
	assert_int_equal(cap->n, 5);
	assert_int_equal(net_dissect(cap->v[0].data, cap->v[0].len, &pi),
			 NET_OK);
	assert_int_equal(pi.ttl, 1);
	assert_true(pi.router_alert);
	assert_true(net_addr_eq(&pi.dst, &g4));
	assert_int_equal(pi.src.b[3], 1);
	assert_int_equal(pi.eth.dst.b[5], 0x16);
	assert_int_equal(pi.eth.dst.b[0], 0x01);
	assert_int_equal(pi.l4_len, 8);
	assert_int_equal(net_dissect(cap->v[1].data, cap->v[1].len, &pi),
			 NET_OK);
	assert_true(pi.router_alert);
	assert_int_equal(pi.ra_value, 0);
	assert_int_equal(pi.ttl, 1);
	s6 = net_addr_ip6(&pi.src);
	assert_true(net_ip6_is_link_local(&s6));
	assert_int_equal(pi.eth.dst.b[0], 0x33);
	assert_int_equal(net_dissect(cap->v[4].data, cap->v[4].len, &pi),
			 NET_OK);
	assert_false(pi.router_alert);
	assert_int_equal(pi.ttl, 64);
	assert_true(net_addr_is_unspec(&pi.src));
	/* refused */
	assert_int_equal(node_host_ip_send_opts(x.h[1], ifp, NULL, &g4, 2, 1,
						true, msg, sizeof(msg)),
			 -EINVAL);
	assert_int_equal(node_host_ip_send_opts(x.h[0], ifp, &any, &g6, 2, 1,
						true, msg, sizeof(msg)),
			 -EINVAL);
	assert_int_equal(node_host_ip_send_opts(x.h[0], ifp, NULL, &g4, 2, 1,
						true, NULL, 4),
			 -EINVAL);
	node_link_set_up(x.l[0], false);
	assert_int_equal(node_host_ip_send_opts(x.h[0], ifp, NULL, &g4, 2, 1,
						true, msg, sizeof(msg)),
			 -ENETDOWN);
	assert_true(node_tw_free(x.w));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ping_exact_rtt),
		cmocka_unit_test(test_ping6_nd),
		cmocka_unit_test(test_ping_timeout),
		cmocka_unit_test(test_udp_multicast_joined_only),
		cmocka_unit_test(test_unicast_via_gateway),
		cmocka_unit_test(test_listeners_crash_restart),
		cmocka_unit_test(test_bad_and_foreign_frames),
		cmocka_unit_test(test_two_simulations_independent),
		cmocka_unit_test(test_listen_merge),
		cmocka_unit_test(test_each_group_and_listeners),
		cmocka_unit_test(test_udp_source_filter),
		cmocka_unit_test(test_ip_send_opts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
