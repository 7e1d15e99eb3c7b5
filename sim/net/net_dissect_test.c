/*
 * Tests for the one-pass dissector (net_dissect.h) and the whole-frame
 * builders (net_build.h): every codec vector wrapped in the layers below it
 * gives the same verdict through net_dissect, with the failing layer named,
 * and together they reach every rejection code; every builder's frame
 * dissects back to what was asked for; builders fail cleanly when the
 * buffer is short; truncated and corrupted frames never crash the
 * dissector. The network-layer entry (net_dissect_l3) gives every frame
 * the same verdict and fields as net_dissect without the Ethernet layer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim/core/sim_rng.h"
#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"
#include "sim/net/net_testutil.h"
#include "sim/net/net_vectors.h"

static const struct net_mac mac_a = { { 0x00, 0x00, 0x5e, 0x00, 0x01, 0x01 } };
static const struct net_mac mac_b = { { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 } };
static const struct net_ip4 v4_a = { { 10, 0, 0, 1 } };
static const struct net_ip4 v4_b = { { 10, 0, 0, 2 } };
static const struct net_ip6 ll1 = { { 0xfe, 0x80, [15] = 1 } };
static const struct net_ip6 all_nodes = { { 0xff, 0x02, [15] = 1 } };
static const struct net_ip6 doc1 = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
static const struct net_ip6 doc2 = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };

/* ---- every vector through the dissector ---- */

/*
 * The same frame from the network layer must decode exactly as the whole
 * frame did, less the Ethernet layer.
 */
static void check_l3_same(const uint8_t *f, size_t fl,
			  const struct net_pkt_info *full)
{
	struct net_pkt_info pi;
	size_t hl = full->eth.hdr_len;
	uint8_t *copy;

	if (!net_pkt_has(full, NET_LAYER_ETH))
		return;
	copy = malloc(fl - hl ? fl - hl : 1);
	memcpy(copy, f + hl, fl - hl);
	assert_int_equal(net_dissect_l3(full->eth.type, copy, fl - hl, &pi),
			 full->err);
	assert_int_equal(pi.err_layer, full->err_layer);
	assert_int_equal(pi.layers | (1u << NET_LAYER_ETH), full->layers);
	assert_false(net_pkt_has(&pi, NET_LAYER_ETH));
	if (full->top != NET_LAYER_ETH)
		assert_int_equal(pi.top, full->top);
	else
		assert_int_equal(pi.top, NET_LAYER_NONE);
	assert_int_equal(pi.af, full->af);
	assert_int_equal(pi.ttl, full->ttl);
	assert_int_equal(pi.l4_proto, full->l4_proto);
	assert_int_equal(pi.l4_len, full->l4_len);
	assert_int_equal(pi.payload_len, full->payload_len);
	assert_int_equal(pi.router_alert, full->router_alert);
	assert_memory_equal(pi.src.b, full->src.b, sizeof(pi.src.b));
	assert_memory_equal(pi.dst.b, full->dst.b, sizeof(pi.dst.b));
	if (pi.payload_len)
		assert_memory_equal(pi.payload, full->payload, pi.payload_len);
	assert_int_equal(pi.eth.type, 0);
	assert_int_equal(pi.eth.hdr_len, 0);
	free(copy);
}

struct wrap {
	const struct nt_table *t;
	enum net_layer layer;
	uint16_t ethertype;
	int ip;	       /* 0: none, 4 or 6: wrap in an IP header */
	uint8_t proto; /* its protocol */
	const void *src, *dst;
};

static size_t wrap_frame(const struct wrap *wr, const uint8_t *v, size_t n,
			 uint8_t *out, size_t cap)
{
	struct net_eth eh = { .dst = mac_b,
			      .src = mac_a,
			      .type = wr->ethertype };
	struct net_wr w;
	size_t ip = 0;

	net_wr_init(&w, out, cap);
	if (wr->layer == NET_LAYER_ETH) {
		net_wr_bytes(&w, v, n);
		return w.off;
	}
	net_eth_begin(&w, &eh);
	if (wr->ip == 4) {
		struct net_ipv4 h = { .ttl = 64, .proto = wr->proto };

		memcpy(h.src.b, wr->src, 4);
		memcpy(h.dst.b, wr->dst, 4);
		ip = net_ipv4_begin(&w, &h);
	} else if (wr->ip == 6) {
		struct net_ipv6 h = { .hop_limit = 255,
				      .next_header = wr->proto };

		memcpy(h.src.b, wr->src, 16);
		memcpy(h.dst.b, wr->dst, 16);
		ip = net_ipv6_begin(&w, &h);
	}
	net_wr_bytes(&w, v, n);
	if (wr->ip == 4)
		assert_int_equal(net_ipv4_end(&w, ip), 0);
	else if (wr->ip == 6)
		assert_int_equal(net_ipv6_end(&w, ip), 0);
	assert_false(w.err);
	return w.off;
}

static void test_dissect_vectors(void **state)
{
	const struct wrap wraps[] = {
		{ &nt_eth, NET_LAYER_ETH, 0, 0, 0, NULL, NULL },
		{ &nt_arp, NET_LAYER_ARP, NET_ETHERTYPE_ARP, 0, 0, NULL, NULL },
		{ &nt_ipv4, NET_LAYER_IPV4, NET_ETHERTYPE_IPV4, 0, 0, NULL,
		  NULL },
		{ &nt_ipv6, NET_LAYER_IPV6, NET_ETHERTYPE_IPV6, 0, 0, NULL,
		  NULL },
		{ &nt_icmp, NET_LAYER_ICMP, NET_ETHERTYPE_IPV4, 4,
		  NET_IPPROTO_ICMP, &v4_a, &v4_b },
		{ &nt_icmp6, NET_LAYER_ICMP6, NET_ETHERTYPE_IPV6, 6,
		  NET_IPPROTO_ICMPV6, &ll1, &all_nodes },
		{ &nt_udp4, NET_LAYER_UDP, NET_ETHERTYPE_IPV4, 4,
		  NET_IPPROTO_UDP, &v4_a, &v4_b },
		{ &nt_udp6, NET_LAYER_UDP, NET_ETHERTYPE_IPV6, 6,
		  NET_IPPROTO_UDP, &doc1, &doc2 },
	};
	bool seen[NET_E__COUNT] = { false };
	uint8_t v[2048], f[2200];
	struct net_pkt_info pi;

	(void)state;
	for (size_t k = 0; k < NT_COUNT(wraps); k++) {
		const struct wrap *wr = &wraps[k];

		for (size_t i = 0; i < wr->t->n; i++) {
			const struct nt_vec *vec = &wr->t->v[i];
			size_t n = nt_hex(vec->hex, v, sizeof(v));
			size_t fl = wrap_frame(wr, v, n, f, sizeof(f));
			uint8_t *copy = malloc(fl ? fl : 1);
			enum net_err e;

			memcpy(copy, f, fl);
			e = net_dissect(copy, fl, &pi);
			check_l3_same(copy, fl, &pi);
			free(copy);
			assert_int_equal(e, pi.err);
			if (vec->expect != NET_OK) {
				if (e != vec->expect ||
				    pi.err_layer != wr->layer)
					fail_msg("%s \"%s\": got %s at %s",
						 wr->t->codec, vec->name,
						 net_err_name(e),
						 net_layer_name(pi.err_layer));
				seen[e] = true;
			} else if (e != NET_OK && pi.err_layer <= wr->layer) {
				/* Good at this layer: any failure is above. */
				fail_msg("%s \"%s\": %s at %s", wr->t->codec,
					 vec->name, net_err_name(e),
					 net_layer_name(pi.err_layer));
			} else if (e == NET_OK && wr->layer != NET_LAYER_ETH &&
				   !(wr->layer == NET_LAYER_IPV4 ||
				     wr->layer == NET_LAYER_IPV6)) {
				assert_int_equal(pi.top, wr->layer);
			}
		}
	}
	for (int c = 1; c < NET_E__COUNT; c++)
		if (!seen[c])
			fail_msg("no frame reaches %s",
				 net_err_name((enum net_err)c));
}

/* ---- builders ---- */

static void l2_init(struct net_l2 *l2, bool vlan)
{
	memset(l2, 0, sizeof(*l2));
	l2->src = mac_a;
	l2->dst = mac_b;
	l2->vlan = vlan;
	l2->pcp = 3;
	l2->vid = 100;
}

static void dissect_ok(const uint8_t *b, int n, struct net_pkt_info *pi)
{
	assert_true(n >= 60);
	if (net_dissect(b, (size_t)n, pi) != NET_OK)
		fail_msg("built frame rejected: %s at %s",
			 net_err_name(pi->err), net_layer_name(pi->err_layer));
}

static void test_build_arp(void **state)
{
	uint8_t b[128];
	struct net_wr w;
	struct net_l2 l2;
	struct net_arp a;
	struct net_pkt_info pi;
	int n;

	(void)state;
	l2_init(&l2, false);
	l2.dst = net_mac_broadcast;
	net_arp_make_gratuitous(&a, &mac_a, &v4_a);
	net_wr_init(&w, b, sizeof(b));
	n = net_build_arp(&w, &l2, &a);
	assert_int_equal(n, 60);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.top, NET_LAYER_ARP);
	assert_true(net_pkt_has(&pi, NET_LAYER_ETH));
	assert_true(net_pkt_has(&pi, NET_LAYER_ARP));
	assert_false(net_pkt_has(&pi, NET_LAYER_IPV4));
	assert_true(net_arp_is_gratuitous(&pi.arp));
	assert_true(net_mac_is_broadcast(&pi.eth.dst));
	assert_int_equal(pi.af, NET_AF_NONE);
	assert_int_equal(pi.l4_proto, -1);
	/* Tagged: the tag is carried, the frame still 60+ bytes. */
	l2_init(&l2, true);
	net_arp_make_reply(&a, &mac_a, &v4_a, &mac_b, &v4_b);
	net_wr_init(&w, b, sizeof(b));
	n = net_build_arp(&w, &l2, &a);
	assert_int_equal(n, 60);
	dissect_ok(b, n, &pi);
	assert_true(pi.eth.vlan);
	assert_int_equal(pi.eth.vid, 100);
	assert_int_equal(pi.eth.pcp, 3);
	assert_int_equal(pi.arp.op, NET_ARP_REPLY);
}

static void test_build_udp4(void **state)
{
	struct net_udp4_params p;
	uint8_t b[256];
	struct net_wr w;
	struct net_pkt_info pi;
	int n;

	(void)state;
	memset(&p, 0, sizeof(p));
	l2_init(&p.ip.l2, true);
	p.ip.src = v4_a;
	p.ip.dst = (struct net_ip4){ { 224, 0, 0, 18 } };
	p.ip.ttl = 255;
	p.ip.tos = 0xc0;
	p.ip.id = 77;
	p.ip.df = true;
	p.ip.router_alert = true;
	p.sport = 49152;
	p.dport = 3784;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_udp4(&w, &p, "payload!payload?", 16);
	assert_int_equal(n, 18 + 24 + 8 + 16);
	assert_int_equal(w.off, (size_t)n);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.top, NET_LAYER_UDP);
	assert_int_equal(pi.af, NET_AF_IP4);
	assert_true(pi.router_alert);
	assert_int_equal(pi.ttl, 255);
	assert_int_equal(pi.ip4.tos, 0xc0);
	assert_int_equal(pi.ip4.id, 77);
	assert_true(pi.ip4.df);
	assert_int_equal(pi.l4_proto, NET_IPPROTO_UDP);
	assert_int_equal(pi.udp.sport, 49152);
	assert_int_equal(pi.udp.dport, 3784);
	assert_int_equal(pi.payload_len, 16);
	assert_memory_equal(pi.payload, "payload!payload?", 16);
	assert_true(net_addr_is_multicast(&pi.dst));
	assert_int_equal(pi.src.b[3], 1);

	/* No router alert, no tag, short payload: padded to 60. */
	p.ip.router_alert = false;
	p.ip.l2.vlan = false;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_udp4(&w, &p, "x", 1);
	assert_int_equal(n, 60);
	dissect_ok(b, n, &pi);
	assert_false(pi.router_alert);
	assert_int_equal(pi.ip4.ihl, 5);
	assert_int_equal(pi.udp.len, 9);
	assert_int_equal(pi.payload_len, 1);
	assert_int_equal(pi.eth.payload_len, 46);
}

static void test_build_udp6(void **state)
{
	struct net_udp6_params p;
	uint8_t b[256];
	struct net_wr w;
	struct net_pkt_info pi;
	int n;

	(void)state;
	memset(&p, 0, sizeof(p));
	l2_init(&p.ip.l2, false);
	p.ip.src = doc1;
	p.ip.dst = doc2;
	p.ip.hop_limit = 64;
	p.ip.tclass = 0xb8;
	p.ip.flow = 0x54321;
	p.sport = 1;
	p.dport = 2;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_udp6(&w, &p, "abc", 3);
	assert_int_equal(n, 14 + 40 + 8 + 3);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.top, NET_LAYER_UDP);
	assert_int_equal(pi.af, NET_AF_IP6);
	assert_int_equal(pi.ip6.flow, 0x54321);
	assert_int_equal(pi.ip6.tclass, 0xb8);
	assert_int_equal(pi.ttl, 64);
	assert_memory_equal(pi.payload, "abc", 3);
	assert_true(pi.udp.csum != 0);
	/* Hop-by-hop Router Alert before UDP. */
	p.ip.router_alert = true;
	p.ip.ra_value = 2;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_udp6(&w, &p, "abc", 3);
	assert_int_equal(n, 14 + 48 + 8 + 3);
	dissect_ok(b, n, &pi);
	assert_true(pi.router_alert);
	assert_int_equal(pi.ra_value, 2);
	assert_int_equal(pi.ip6.next_header, NET_IPV6_NH_HOPOPTS);
	assert_int_equal(pi.top, NET_LAYER_UDP);
}

static void test_build_icmp(void **state)
{
	struct net_ip4_params p4;
	struct net_ip6_params p6;
	uint8_t b[1600], orig[100];
	struct net_wr w;
	struct net_pkt_info pi;
	int n;

	(void)state;
	memset(&p4, 0, sizeof(p4));
	l2_init(&p4.l2, false);
	p4.src = v4_a;
	p4.dst = v4_b;
	p4.ttl = 64;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_icmp_echo4(&w, &p4, false, 7, 9, "ping", 4);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.top, NET_LAYER_ICMP);
	assert_int_equal(pi.icmp.type, NET_ICMP_ECHO);
	assert_int_equal(pi.icmp.id, 7);
	assert_int_equal(pi.icmp.seq, 9);
	assert_memory_equal(pi.payload, "ping", 4);
	/* Time exceeded quoting the echo's IP header + 8 bytes. */
	memcpy(orig, b + 14, 32);
	net_wr_init(&w, b, sizeof(b));
	n = net_build_icmp_error4(&w, &p4, NET_ICMP_TIME_EXCEEDED, 0, 0, orig,
				  32);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.icmp.type, NET_ICMP_TIME_EXCEEDED);
	assert_int_equal(pi.icmp.data_len, 28);
	assert_memory_equal(pi.icmp.data, orig, 28);

	memset(&p6, 0, sizeof(p6));
	l2_init(&p6.l2, true);
	p6.src = ll1;
	p6.dst = doc2;
	p6.hop_limit = 64;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_icmp_echo6(&w, &p6, true, 0x100, 0x200, "pong", 4);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.top, NET_LAYER_ICMP6);
	assert_int_equal(pi.icmp6.type, NET_ICMP6_ECHO_REPLY);
	assert_true(pi.has_echo6);
	assert_int_equal(pi.echo6.id, 0x100);
	assert_int_equal(pi.echo6.seq, 0x200);
	assert_memory_equal(pi.echo6.data, "pong", 4);
	/* An ICMPv6 error quoting a too-big packet. */
	memset(b, 0, sizeof(b));
	net_wr_init(&w, b, sizeof(b));
	n = net_build_icmp_error6(&w, &p6, NET_ICMP6_UNREACH,
				  NET_ICMP6_UNREACH_ADDR, 0, orig, 48);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.icmp6.code, NET_ICMP6_UNREACH_ADDR);
	assert_int_equal(pi.icmp6.body_len, 4 + 48);
	assert_true(pi.has_error6);
	assert_int_equal(pi.error6.quoted_len, 48);
	assert_memory_equal(pi.error6.quoted, orig, 48);
	/* A generic ICMPv6 message with Router Alert (as MLD sends). */
	p6.router_alert = true;
	p6.hop_limit = 1;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_icmp6(&w, &p6, NET_ICMP6_MLD_REPORT, 0,
			    "\x00\x00\x00\x00\xff\x02\x00\x00\x00\x00\x00\x00"
			    "\x00\x00\x00\x00\x00\x00\x00\x99",
			    20);
	dissect_ok(b, n, &pi);
	assert_true(pi.router_alert);
	assert_int_equal(pi.ra_value, 0);
	assert_int_equal(pi.icmp6.type, NET_ICMP6_MLD_REPORT);
	assert_int_equal(pi.icmp6.body_len, 20);
}

static void test_build_nd(void **state)
{
	struct net_ip6_params p;
	struct net_l2 l2;
	struct net_ip6 sn;
	uint8_t b[256];
	struct net_wr w;
	struct net_pkt_info pi;
	int n;

	(void)state;
	memset(&p, 0, sizeof(p));
	l2_init(&p.l2, false);
	sn = net_ip6_solicited_node(&doc2);
	p.l2.dst = net_mac_from_ip6_mcast(&sn);
	p.src = doc1;
	p.dst = sn;
	p.hop_limit = 7; /* builders force 255 */
	net_wr_init(&w, b, sizeof(b));
	n = net_build_ns(&w, &p, &doc2, &mac_a);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.ttl, 255);
	assert_true(pi.has_nd);
	assert_int_equal(pi.nd.type, NET_ICMP6_ND_NS);
	assert_memory_equal(pi.nd.target.b, doc2.b, 16);
	assert_true(pi.nd.has_sll);
	assert_true(net_mac_eq(&pi.nd.sll, &mac_a));
	assert_int_equal(pi.eth.dst.b[0], 0x33);

	/* DAD: unspecified source, no SLLA. */
	memset(&p.src, 0, sizeof(p.src));
	net_wr_init(&w, b, sizeof(b));
	n = net_build_ns(&w, &p, &doc2, NULL);
	dissect_ok(b, n, &pi);
	assert_false(pi.nd.has_sll);
	assert_true(net_addr_is_unspec(&pi.src));

	p.src = doc2;
	p.dst = doc1;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_na(&w, &p, &doc2, NET_ND_NA_SOLICITED | NET_ND_NA_ROUTER,
			 &mac_b);
	dissect_ok(b, n, &pi);
	assert_int_equal(pi.nd.type, NET_ICMP6_ND_NA);
	assert_true(pi.nd.solicited && pi.nd.router);
	assert_false(pi.nd.override);
	assert_true(pi.nd.has_tll);
	assert_true(net_mac_eq(&pi.nd.tll, &mac_b));

	l2_init(&l2, true);
	net_wr_init(&w, b, sizeof(b));
	n = net_build_na_unsolicited(&w, &l2, &doc1, &doc1, true);
	dissect_ok(b, n, &pi);
	assert_memory_equal(pi.ip6.dst.b, all_nodes.b, 16);
	assert_int_equal(pi.eth.dst.b[0], 0x33);
	assert_int_equal(pi.eth.dst.b[5], 0x01);
	assert_true(pi.eth.vlan);
	assert_false(pi.nd.solicited);
	assert_true(pi.nd.override && pi.nd.router);
	assert_true(pi.nd.has_tll);
	assert_true(net_mac_eq(&pi.nd.tll, &mac_a));
}

/* Every builder, every short buffer: -1, nothing left half-written. */
static int build_kind(struct net_wr *w, int kind)
{
	struct net_udp4_params u4 = { .ip = { .src = v4_a,
					      .dst = v4_b,
					      .ttl = 1,
					      .router_alert = true },
				      .sport = 1,
				      .dport = 2 };
	struct net_udp6_params u6 = { .ip = { .src = ll1,
					      .dst = doc2,
					      .hop_limit = 1,
					      .router_alert = true } };
	struct net_arp a;
	static const uint8_t data[100];

	u4.ip.l2.vlan = true;
	net_arp_make_request(&a, &mac_a, &v4_a, &v4_b);
	switch (kind) {
	case 0:
		return net_build_arp(w, &u4.ip.l2, &a);
	case 1:
		return net_build_udp4(w, &u4, data, 40);
	case 2:
		return net_build_udp6(w, &u6, data, 40);
	case 3:
		return net_build_icmp_echo4(w, &u4.ip, false, 1, 1, data, 3);
	case 4:
		return net_build_icmp_echo6(w, &u6.ip, false, 1, 1, data, 3);
	case 5:
		return net_build_ns(w, &u6.ip, &doc2, &mac_a);
	case 6:
		return net_build_na(w, &u6.ip, &doc2, 0, &mac_a);
	case 7:
		return net_build_na_unsolicited(w, &u4.ip.l2, &ll1, &ll1,
						false);
	case 8:
		return net_build_ip4(w, &u4.ip, NET_IPPROTO_VRRP, data, 20);
	case 9:
		return net_build_ip6(w, &u6.ip, NET_IPPROTO_VRRP, data, 20);
	case 10:
		return net_build_icmp6(w, &u6.ip, NET_ICMP6_MLD_DONE, 0, data,
				       20);
	case 11:
		return net_build_icmp_error4(w, &u4.ip, 3, 1, 0, data, 40);
	default:
		return net_build_icmp_error6(w, &u6.ip, 1, 0, 0, data, 40);
	}
}

static void test_build_no_room(void **state)
{
	uint8_t b[256];
	struct net_wr w;
	struct net_pkt_info pi;

	(void)state;
	for (int kind = 0; kind <= 12; kind++) {
		int full;

		net_wr_init(&w, b, sizeof(b));
		full = build_kind(&w, kind);
		assert_true(full >= 60);
		dissect_ok(b, full, &pi);
		for (int cap = 0; cap < full; cap++) {
			net_wr_init(&w, b, (size_t)cap);
			assert_int_equal(build_kind(&w, kind), -1);
			assert_true(w.err);
			assert_int_equal(w.off, 0);
		}
		/* Appending after a frame keeps the first one intact. */
		net_wr_init(&w, b, sizeof(b));
		net_wr_zero(&w, 3);
		assert_int_equal(build_kind(&w, kind), full);
		dissect_ok(b + 3, full, &pi);
	}
}

/* Built frames of every kind, truncated and corrupted: never a crash. */
static void test_dissect_fuzz(void **state)
{
	uint8_t b[256], m[256];
	struct net_pkt_info pi;
	struct sim_rng rng;
	size_t rejected = 0;

	(void)state;
	sim_rng_seed(&rng, 99, "dissect-fuzz");
	for (int kind = 0; kind <= 12; kind++) {
		struct net_wr w;
		int n;

		net_wr_init(&w, b, sizeof(b));
		n = build_kind(&w, kind);
		for (int cut = 0; cut < n; cut++) {
			uint8_t *c = malloc(cut ? (size_t)cut : 1);

			memcpy(c, b, (size_t)cut);
			rejected += net_dissect(c, (size_t)cut, &pi) != NET_OK;
			free(c);
		}
		for (int r = 0; r < 500; r++) {
			unsigned flips = 1 + (unsigned)sim_rng_below(&rng, 3);
			uint8_t *c = malloc((size_t)n);

			memcpy(m, b, (size_t)n);
			for (unsigned f = 0; f < flips; f++)
				m[sim_rng_below(&rng, (uint64_t)n)] ^=
					(uint8_t)(1 + sim_rng_below(&rng, 255));
			memcpy(c, m, (size_t)n);
			rejected += net_dissect(c, (size_t)n, &pi) != NET_OK;
			free(c);
		}
	}
	assert_true(rejected > 1000);
}

/* The network-layer entry on built frames, whole and cut at every byte. */
static void test_dissect_l3(void **state)
{
	struct net_udp4_params p;
	struct net_pkt_info pi, full;
	uint8_t b[256];
	struct net_wr w;
	int n;

	(void)state;
	memset(&p, 0, sizeof(p));
	l2_init(&p.ip.l2, true);
	p.ip.src = v4_a;
	p.ip.dst = v4_b;
	p.ip.ttl = 7;
	p.sport = 3784;
	p.dport = 3785;
	net_wr_init(&w, b, sizeof(b));
	n = net_build_udp4(&w, &p, "bfd", 3);
	assert_int_equal(
		net_dissect_l3(NET_ETHERTYPE_IPV4, b + 18, (size_t)n - 18, &pi),
		NET_OK);
	assert_int_equal(pi.top, NET_LAYER_UDP);
	assert_int_equal(pi.layers,
			 (1u << NET_LAYER_IPV4) | (1u << NET_LAYER_UDP));
	assert_int_equal(pi.af, NET_AF_IP4);
	assert_int_equal(pi.ttl, 7);
	assert_int_equal(pi.udp.dport, 3785);
	assert_memory_equal(pi.payload, "bfd", 3);
	assert_false(pi.eth.vlan);
	assert_int_equal(pi.eth.payload_len, 0);
	/* The wrong family for the bytes: rejected at that layer. */
	assert_int_equal(
		net_dissect_l3(NET_ETHERTYPE_IPV6, b + 18, (size_t)n - 18, &pi),
		NET_E_IPV6_BAD_VERSION);
	assert_int_equal(pi.err_layer, NET_LAYER_IPV6);
	assert_int_equal(pi.top, NET_LAYER_NONE);
	/* Nothing at all, and an ethertype no codec knows. */
	assert_int_equal(net_dissect_l3(NET_ETHERTYPE_IPV4, b, 0, &pi),
			 NET_E_IPV4_SHORT);
	assert_int_equal(net_dissect_l3(0x88cc, b, 20, &pi), NET_OK);
	assert_int_equal(pi.top, NET_LAYER_NONE);
	assert_int_equal(pi.layers, 0);
	assert_int_equal(pi.af, NET_AF_NONE);
	assert_int_equal(pi.l4_proto, -1);
	assert_ptr_equal(pi.payload, b);
	assert_int_equal(pi.payload_len, 20);
	/* Every kind of frame, cut anywhere: same as the whole frame. */
	for (int kind = 0; kind <= 12; kind++) {
		net_wr_init(&w, b, sizeof(b));
		n = build_kind(&w, kind);
		for (int cut = 0; cut <= n; cut++) {
			uint8_t *c = malloc(cut ? (size_t)cut : 1);

			memcpy(c, b, (size_t)cut);
			net_dissect(c, (size_t)cut, &full);
			check_l3_same(c, (size_t)cut, &full);
			free(c);
		}
	}
}

static void test_layer_names(void **state)
{
	(void)state;
	assert_string_equal(net_layer_name(NET_LAYER_ICMP6), "icmpv6");
	assert_string_equal(net_layer_name(NET_LAYER_NONE), "none");
	assert_string_equal(net_layer_name(NET_LAYER__COUNT), "unknown");
	for (int l = 0; l < NET_LAYER__COUNT; l++)
		assert_non_null(net_layer_name((enum net_layer)l));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dissect_vectors),
		cmocka_unit_test(test_build_arp),
		cmocka_unit_test(test_build_udp4),
		cmocka_unit_test(test_build_udp6),
		cmocka_unit_test(test_build_icmp),
		cmocka_unit_test(test_build_nd),
		cmocka_unit_test(test_build_no_room),
		cmocka_unit_test(test_dissect_fuzz),
		cmocka_unit_test(test_dissect_l3),
		cmocka_unit_test(test_layer_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
