/*
 * Tests of the ASIC forwarding decisions and timing: unicast forwarding
 * with MAC rewrite, TTL/hop-limit decrement and a checksum the codec
 * accepts (RFC 1624 update), the window before and after a write becomes
 * visible (no-route and glean punts), RECEIVE/DROP/ATTACHED entries, the
 * L2 filter and programmed MACs, malformed frames by reason, port and
 * egress state, and multicast: replication order and times, interleaving
 * of packets, (*,G) fallback, wrong-iif, no-cache, multicast enable, TTL,
 * link-local scope and Router Alert punts, and cpu-copy entries (a punted
 * copy besides the replicated ones, through the rate-limited CPU queue).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/asic/asic_test_env.h"
#include "sim/net/net_csum.h"
#include "sim/net/net_dissect.h"

#define PL   SIM_US(2)	 /* pipeline_latency */
#define RL   SIM_NS(100) /* replication_latency */
#define PUNT SIM_US(30)	 /* punt_latency */

static const struct asic_counters *cnt(struct tenv *e)
{
	return asic_counters(e->a);
}

static bool mac_at(const uint8_t *p, const struct net_mac *m)
{
	return memcmp(p, m->b, 6) == 0;
}

/* 10.2.0.0/16 via 10.1.0.2 on port 1; 2001:db8:2::/48 via fe80::2 on 2. */
static struct tenv *uc_env(void)
{
	struct tenv *e = tenv_new(NULL);

	tenv_fib(e, "10.2.0.0/16", ASIC_FIB_VIA, 1, "10.1.0.2");
	tenv_adj(e, 1, "10.1.0.2", 2);
	tenv_fib(e, "2001:db8:2::/48", ASIC_FIB_VIA, 2, "fe80::2");
	tenv_adj(e, 2, "fe80::2", 3);
	tenv_fib(e, "10.0.0.1/32", ASIC_FIB_RECEIVE, 0, NULL);
	tenv_fib(e, "fe80::1/128", ASIC_FIB_RECEIVE, 0, NULL);
	tenv_fib(e, "10.9.0.0/16", ASIC_FIB_DROP, 0, NULL);
	tenv_fib(e, "10.3.0.0/24", ASIC_FIB_ATTACHED, 2, NULL);
	tenv_adj(e, 2, "10.3.0.7", 7);
	tenv_run(e, SIM_MS(10));
	return e;
}

static void test_unicast_forward(void **state)
{
	struct tenv *e = uc_env();
	struct net_frame *f =
		tenv_udp(e, NULL, "10.0.0.9", "10.2.3.4", 64, false);
	uint8_t orig[NET_FRAME_MAX];
	uint16_t len = f->len;
	struct net_mac nh = tenv_mac(2), p1 = tenv_port_mac(1);
	const struct tenv_frame *r;

	(void)state;
	memcpy(orig, f->data, len);
	tenv_rx_at(e, SIM_MS(10), 0, f);
	tenv_run(e, SIM_MS(10) + PL - 1);
	assert_int_equal(e->ntx, 0);
	tenv_run(e, SIM_MS(11));
	assert_int_equal(e->ntx, 1);
	r = &e->tx[0];
	assert_int_equal(r->t, SIM_MS(10) + PL);
	assert_int_equal(r->ifindex, 1);
	assert_int_equal(r->len, len);
	assert_true(mac_at(r->data, &nh));
	assert_true(mac_at(r->data + 6, &p1));
	assert_int_equal(tenv_frame_ttl(r), 63);
	/* Header checksum: valid over the new header (sums to zero). */
	assert_int_equal(net_csum(r->data + 14, 20), 0);
	/* Only TTL (byte 22) and checksum (24, 25) changed past the MACs. */
	for (int i = 12; i < len; i++)
		if (i != 22 && i != 24 && i != 25)
			assert_int_equal(r->data[i], orig[i]);
	assert_int_equal(asic_port_counters(e->a, 1)->forwarded, 1);
	assert_int_equal(asic_port_counters(e->a, 0)->rx, 1);
	assert_int_equal(cnt(e)->all.forwarded, 1);
	tenv_free(e);
}

/* TTL edge values, including checksum carry cases. */
static void test_ttl_table(void **state)
{
	static const struct {
		uint8_t ttl;
		bool fwd;
	} cases[] = { { 0, false },
		      { 1, false },
		      { 2, true },
		      { 128, true },
		      { 255, true } };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tenv *e = uc_env();
		struct net_frame *f = tenv_udp(e, NULL, "10.0.0.9", "10.2.3.4",
					       cases[i].ttl, false);

		asic_rx(e->a, 0, f);
		tenv_run(e, SIM_MS(20));
		if (cases[i].fwd) {
			assert_int_equal(e->ntx, 1);
			assert_int_equal(tenv_frame_ttl(&e->tx[0]),
					 cases[i].ttl - 1);
			assert_int_equal(net_csum(e->tx[0].data + 14, 20), 0);
		} else {
			assert_int_equal(e->ntx, 0);
			assert_int_equal(e->ncp, 1);
			assert_int_equal(e->cp[0].reason,
					 ASIC_PUNT_TTL_EXPIRED);
			assert_int_equal(e->cp[0].t, SIM_MS(10) + PUNT);
			/* Punted frames are unchanged. */
			assert_int_equal(tenv_frame_ttl(&e->cp[0]),
					 cases[i].ttl);
		}
		tenv_free(e);
	}
}

static void test_ipv6_forward(void **state)
{
	struct tenv *e = uc_env();
	struct net_mac nh = tenv_mac(3), p2 = tenv_port_mac(2);

	(void)state;
	asic_rx(e->a, 0,
		tenv_udp(e, NULL, "2001:db8:1::9", "2001:db8:2::5", 64, false));
	asic_rx(e->a, 0,
		tenv_udp(e, NULL, "2001:db8:1::9", "2001:db8:2::5", 1, false));
	asic_rx(e->a, 0,
		tenv_udp(e, NULL, "2001:db8:1::9", "fe80::99", 64, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "fe80::9", "fe80::1", 255, false));
	asic_rx(e->a, 0,
		tenv_udp(e, NULL, "2001:db8:1::9", "2001:db8:7::1", 64, false));
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->ntx, 1);
	assert_int_equal(e->tx[0].ifindex, 2);
	assert_int_equal(e->tx[0].t, SIM_MS(10) + PL);
	assert_true(mac_at(e->tx[0].data, &nh));
	assert_true(mac_at(e->tx[0].data + 6, &p2));
	assert_int_equal(tenv_frame_ttl(&e->tx[0]), 63); /* UDP csum ok */
	assert_int_equal(e->ncp, 3);
	assert_int_equal(e->cp[0].reason, ASIC_PUNT_TTL_EXPIRED);
	assert_int_equal(e->cp[1].reason, ASIC_PUNT_LOCAL);
	assert_int_equal(e->cp[2].reason, ASIC_PUNT_NO_ROUTE);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_SCOPE], 1);
	tenv_free(e);
}

/* The write window: 1 ns before visibility punts, 1 ns after forwards. */
static void test_programming_window(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_prefix p = tenv_prefix("10.2.0.0/16");
	struct asic_fib_entry fe = { .kind = ASIC_FIB_VIA,
				     .ifindex = 1,
				     .nexthop = tenv_addr("10.1.0.2") };
	struct net_addr nh = fe.nexthop, d2 = tenv_addr("10.3.0.2");
	struct net_prefix p3 = tenv_prefix("10.3.0.0/16");
	struct asic_fib_entry fe3 = { .kind = ASIC_FIB_VIA,
				      .ifindex = 2,
				      .nexthop = d2 };
	struct net_mac m = tenv_mac(2);
	const sim_time_t adj_at = SIM_US(105), fib_at = SIM_US(110);
	const sim_time_t fib3_at = SIM_US(115), adj3_at = SIM_US(120);

	(void)state;
	/* Adjacency first, then route: no-route until the route lands. */
	asic_prog_adj(e->a, 1, &nh, &m);
	asic_prog_fib(e->a, &p, &fe);
	/* Route first, then adjacency: glean until the adjacency lands. */
	asic_prog_fib(e->a, &p3, &fe3);
	asic_prog_adj(e->a, 2, &d2, &m);
	tenv_rx_at(e, fib_at - 1, 0,
		   tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false));
	tenv_rx_at(e, fib_at + 1, 0,
		   tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false));
	tenv_rx_at(e, adj3_at - 1, 0,
		   tenv_udp(e, NULL, "10.0.0.9", "10.3.0.1", 64, false));
	tenv_rx_at(e, adj3_at + 1, 0,
		   tenv_udp(e, NULL, "10.0.0.9", "10.3.0.1", 64, false));
	tenv_run(e, SIM_MS(1));
	assert_int_equal(e->done[0].done, adj_at);
	assert_int_equal(e->done[2].done, fib3_at);
	assert_int_equal(e->ncp, 2);
	assert_int_equal(e->cp[0].reason, ASIC_PUNT_NO_ROUTE);
	assert_int_equal(e->cp[0].t, fib_at - 1 + PUNT);
	assert_int_equal(e->cp[0].ifindex, 0);
	assert_int_equal(e->cp[1].reason, ASIC_PUNT_GLEAN);
	/* Reached the CPU at adj3_at - 1 + PUNT, served 50 us (1/cpu_pps)
	 * after the first punt. */
	assert_int_equal(e->cp[1].t, fib_at - 1 + PUNT + SIM_US(50));
	assert_int_equal(e->ntx, 2);
	assert_int_equal(e->tx[0].t, fib_at + 1 + PL);
	assert_int_equal(e->tx[0].ifindex, 1);
	assert_int_equal(e->tx[1].t, adj3_at + 1 + PL);
	assert_int_equal(e->tx[1].ifindex, 2);
	tenv_free(e);
}

static void test_fib_kinds(void **state)
{
	struct tenv *e = uc_env();
	struct net_mac host = tenv_mac(7);

	(void)state;
	/* RECEIVE wins over TTL 1. */
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.0.0.1", 1, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.9.1.1", 64, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.3.0.7", 64, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.3.0.8", 64, false));
	asic_rx(e->a, 0,
		tenv_udp(e, &net_mac_broadcast, "10.0.0.9", "255.255.255.255",
			 1, false));
	asic_rx(e->a, 0, tenv_arp_request(e, "10.0.0.9", "10.0.0.1"));
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->ncp, 4);
	assert_int_equal(e->cp[0].reason, ASIC_PUNT_LOCAL);
	assert_int_equal(e->cp[1].reason, ASIC_PUNT_GLEAN);
	assert_int_equal(e->cp[2].reason, ASIC_PUNT_LOCAL);
	assert_int_equal(e->cp[3].reason, ASIC_PUNT_ARP);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_BLACKHOLE], 1);
	assert_int_equal(
		asic_port_counters(e->a, 0)->dropped[ASIC_DROP_BLACKHOLE], 1);
	assert_int_equal(e->ntx, 1);
	assert_true(mac_at(e->tx[0].data, &host));
	assert_int_equal(e->tx[0].ifindex, 2);
	assert_int_equal(cnt(e)->all.punted[ASIC_PUNT_LOCAL], 2);
	assert_int_equal(asic_port_counters(e->a, 0)->punted[ASIC_PUNT_ARP], 1);
	tenv_free(e);
}

static void test_l2_filter(void **state)
{
	struct tenv *e = uc_env();
	struct net_mac vmac = { { 0x00, 0x00, 0x5e, 0x00, 0x01, 0x01 } };
	uint64_t seq;

	(void)state;
	asic_rx(e->a, 0, tenv_udp(e, &vmac, "10.0.0.9", "10.2.0.1", 64, false));
	seq = asic_prog_mac(e->a, 0, &vmac, true);
	assert_true(seq > 0);
	tenv_settle(e);
	asic_rx(e->a, 0, tenv_udp(e, &vmac, "10.0.0.9", "10.2.0.1", 64, false));
	/* Other ports do not accept it. */
	asic_rx(e->a, 3, tenv_udp(e, &vmac, "10.0.0.9", "10.2.0.1", 64, false));
	/* Unicast IP in a broadcast frame is not forwarded (RFC 1812). */
	asic_rx(e->a, 0,
		tenv_udp(e, &net_mac_broadcast, "10.0.0.9", "10.2.0.1", 64,
			 false));
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->ntx, 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_NOT_FOR_US], 2);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_LINK_BCAST], 1);
	/* Removing the MAC stops it again. */
	asic_prog_mac(e->a, 0, &vmac, false);
	tenv_settle(e);
	asic_rx(e->a, 0, tenv_udp(e, &vmac, "10.0.0.9", "10.2.0.1", 64, false));
	tenv_run(e, SIM_MS(30));
	assert_int_equal(e->ntx, 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_NOT_FOR_US], 3);
	tenv_free(e);
}

static void test_malformed(void **state)
{
	struct tenv *e = uc_env();
	struct net_frame *f;

	(void)state;
	f = tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false);
	f->data[24] ^= 0x01; /* IPv4 header checksum */
	asic_rx(e->a, 0, f);
	f = tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false);
	f->len = 10;
	asic_rx(e->a, 0, f);
	f = tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false);
	f->data[14] = 0x65; /* version 6 in an IPv4 frame */
	asic_rx(e->a, 0, f);
	/* A bad UDP checksum is no business of the forwarding plane. */
	f = tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false);
	f->data[40] ^= 0xff;
	asic_rx(e->a, 0, f);
	/* Unknown EtherType (LLDP) and a tagged frame. */
	f = tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false);
	f->data[12] = 0x88;
	f->data[13] = 0xcc;
	asic_rx(e->a, 0, f);
	f = tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false);
	memmove(f->data + 16, f->data + 12, f->len - 12u);
	f->data[12] = 0x81;
	f->data[13] = 0x00;
	f->data[14] = 0x00;
	f->data[15] = 0x05;
	f->len += 4;
	asic_rx(e->a, 0, f);
	tenv_run(e, SIM_MS(20));
	assert_int_equal(cnt(e)->malformed[NET_E_IPV4_BAD_CHECKSUM], 1);
	assert_int_equal(cnt(e)->malformed[NET_E_ETH_SHORT], 1);
	assert_int_equal(cnt(e)->malformed[NET_E_IPV4_BAD_VERSION], 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_MALFORMED], 3);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_UNKNOWN_PROTO], 2);
	assert_int_equal(e->ntx, 1);
	assert_int_equal(e->ncp, 0);
	tenv_free(e);
}

static void test_port_state(void **state)
{
	struct tenv *e = uc_env();

	(void)state;
	asic_port_admin(e->a, 0, false);
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false));
	asic_port_admin(e->a, 0, true);
	asic_rx(e->a, 9, tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false));
	asic_rx(e->a, -1, tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false));
	asic_rx(e->a, 0, NULL);
	/* Egress carrier lost while the packet is in the pipeline. */
	tenv_rx_at(e, SIM_MS(11), 0,
		   tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false));
	tenv_run(e, SIM_MS(11) + PL - 1);
	asic_port_carrier(e->a, 1, false);
	tenv_run(e, SIM_MS(12));
	/* Egress port down at lookup time. */
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false));
	/* Ingress carrier down. */
	asic_port_carrier(e->a, 0, false);
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, false));
	tenv_run(e, SIM_MS(13));
	assert_int_equal(e->ntx, 0);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_PORT_DOWN], 2);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_NO_PORT], 2);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_EGRESS_DOWN], 2);
	assert_int_equal(
		asic_port_counters(e->a, 1)->dropped[ASIC_DROP_EGRESS_DOWN], 2);
	assert_false(asic_port_up(e->a, 1));
	assert_false(asic_port_carrier_get(e->a, 1));
	tenv_free(e);
}

/* ---- multicast ---- */

static struct tenv *mc_env(void)
{
	struct tenv *e = tenv_new(NULL);
	struct net_addr s = tenv_addr("10.0.0.1"), g = tenv_addr("239.1.1.1");
	struct net_addr s6 = tenv_addr("2001::1"), g6 = tenv_addr("ff3e::1");
	int oifs[3] = { 1, 2, 3 };

	tenv_mcast_all(e);
	assert_true(asic_prog_mfib(e->a, &s, &g, 0, oifs, 3) > 0);
	assert_true(asic_prog_mfib(e->a, &s6, &g6, 0, oifs, 2) > 0);
	tenv_settle(e);
	tenv_run(e, SIM_MS(10));
	return e;
}

static void test_mcast_replication(void **state)
{
	struct tenv *e = mc_env();
	struct net_addr s = tenv_addr("10.0.0.1"), g = tenv_addr("239.1.1.1");
	struct net_ip4 g4 = net_addr_ip4(&g);
	struct net_mac gmac = net_mac_from_ip4_mcast(&g4);
	const struct asic_mfib_entry *m;

	(void)state;
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 64, false));
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->ntx, 3);
	for (int k = 0; k < 3; k++) {
		struct net_mac pm = tenv_port_mac(k + 1);

		assert_int_equal(e->tx[k].ifindex, k + 1);
		assert_int_equal(e->tx[k].t, SIM_MS(10) + PL + k * RL);
		assert_true(mac_at(e->tx[k].data, &gmac));
		assert_true(mac_at(e->tx[k].data + 6, &pm));
		assert_int_equal(tenv_frame_ttl(&e->tx[k]), 63);
	}
	m = asic_mfib_find(e->a, &s, &g);
	assert_int_equal(m->packets, 1);
	assert_int_equal(m->bytes, e->tx[0].len);
	assert_int_equal(cnt(e)->all.replicated, 3);
	assert_int_equal(cnt(e)->mcast_routed, 1);
	assert_int_equal(asic_port_counters(e->a, 2)->replicated, 1);
	/* IPv6: hop limit decremented, UDP checksum still valid. */
	asic_rx(e->a, 0, tenv_udp(e, NULL, "2001::1", "ff3e::1", 9, false));
	tenv_run(e, SIM_MS(30));
	assert_int_equal(e->ntx, 5);
	assert_int_equal(tenv_frame_ttl(&e->tx[3]), 8);
	assert_int_equal(e->tx[4].t, SIM_MS(20) + PL + RL);
	tenv_free(e);
}

/* Copies of two packets interleave and still leave in time order. */
static void test_mcast_interleave(void **state)
{
	struct tenv *e = mc_env();
	static const struct {
		sim_time_t dt;
		int port, ttl;
	} want[] = { { 2000, 1, 63 }, { 2050, 1, 31 }, { 2100, 2, 63 },
		     { 2150, 2, 31 }, { 2200, 3, 63 }, { 2250, 3, 31 } };

	(void)state;
	tenv_rx_at(e, SIM_MS(10), 0,
		   tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 64, false));
	tenv_rx_at(e, SIM_MS(10) + 50, 0,
		   tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 32, false));
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->ntx, 6);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(e->tx[i].t, SIM_MS(10) + want[i].dt);
		assert_int_equal(e->tx[i].ifindex, want[i].port);
		assert_int_equal(tenv_frame_ttl(&e->tx[i]), want[i].ttl);
	}
	tenv_free(e);
}

static void test_mcast_oif_filter(void **state)
{
	struct tenv *e = mc_env();
	struct net_addr s = tenv_addr("10.0.0.1"), g = tenv_addr("239.1.1.1");

	(void)state;
	/* Port 2 multicast off: ports 1 and 3, copy slots 0 and 1. */
	asic_prog_mcast_enable(e->a, 2, false);
	tenv_settle(e);
	tenv_rx_at(e, SIM_MS(11), 0,
		   tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 64, false));
	tenv_run(e, SIM_MS(12));
	assert_int_equal(e->ntx, 2);
	assert_int_equal(e->tx[0].ifindex, 1);
	assert_int_equal(e->tx[1].ifindex, 3);
	assert_int_equal(e->tx[1].t, SIM_MS(11) + PL + RL);
	/* Port 3 down, iif in the oif list: only port 1. */
	asic_port_carrier(e->a, 3, false);
	asic_prog_oif(e->a, &s, &g, 0, true);
	tenv_settle(e);
	tenv_rx_at(e, SIM_MS(13), 0,
		   tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 64, false));
	tenv_run(e, SIM_MS(14));
	assert_int_equal(e->ntx, 3);
	assert_int_equal(e->tx[2].ifindex, 1);
	/* Port 1 admin down too: nothing eligible. */
	asic_port_admin(e->a, 1, false);
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 64, false));
	tenv_run(e, SIM_MS(15));
	assert_int_equal(e->ntx, 3);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_NO_OIF], 1);
	assert_int_equal(asic_mfib_find(e->a, &s, &g)->packets, 3);
	tenv_free(e);
}

static void test_mcast_punts(void **state)
{
	struct tenv *e = mc_env();
	struct net_addr g2 = tenv_addr("239.2.2.2");
	struct net_addr s2 = tenv_addr("10.0.0.1");
	int oif2 = 2;

	(void)state;
	/* (*,G) fallback, and (S,G) found first decides the iif. */
	asic_prog_mfib(e->a, NULL, &g2, 0, &oif2, 1);
	asic_prog_mfib(e->a, &s2, &g2, 1, &oif2, 1);
	tenv_settle(e);
	tenv_run(e, SIM_MS(11));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.5", "239.2.2.2", 64, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.2.2.2", 64, false));
	/* The (S,G) above arrived off its iif and not on an oif: dropped
	 * (rpf-fail). Wrong iif on an oif of (S,G): punted; no entry. */
	asic_rx(e->a, 1, tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 64, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.9.9.9", 64, false));
	/* Link-local scope and Router Alert go to the CPU. */
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "224.0.0.5", 1, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "fe80::5", "ff02::1", 1, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "fe80::5", "ff12::9", 1, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 1, true));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "fe80::5", "ff3e::1", 1, true));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.9", "10.2.0.1", 64, true));
	/* TTL 1 data is not replicated. */
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 1, false));
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->ntx, 1);
	assert_int_equal(e->tx[0].ifindex, 2);
	assert_int_equal(e->ncp, 8);
	static const enum asic_punt want[8] = {
		ASIC_PUNT_WRONG_IIF, ASIC_PUNT_NO_CACHE, ASIC_PUNT_PROTOCOL,
		ASIC_PUNT_PROTOCOL,  ASIC_PUNT_PROTOCOL, ASIC_PUNT_PROTOCOL,
		ASIC_PUNT_PROTOCOL,  ASIC_PUNT_PROTOCOL,
	};
	for (int i = 0; i < 8; i++)
		assert_int_equal(e->cp[i].reason, want[i]);
	assert_int_equal(e->cp[0].ifindex, 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_RPF_FAIL], 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_TTL], 1);
	assert_int_equal(cnt(e)->all.punted[ASIC_PUNT_PROTOCOL], 6);
	tenv_free(e);
}

/* A directly connected source matching only a (*,G) entry off its iif is
 * punted no-cache (its DR must register it, RFC 7761 4.4.1); a remote
 * source there is an RPF failure; an (S,G) entry never punts it. */
static void test_mcast_connected_source(void **state)
{
	struct tenv *e = mc_env();
	struct net_prefix p1 = tenv_prefix("10.9.0.0/24");
	struct asic_fib_entry att = { .kind = ASIC_FIB_ATTACHED, .ifindex = 1 };
	struct net_addr g = tenv_addr("239.7.7.7");
	struct net_addr s9 = tenv_addr("10.9.0.9");
	int oif2 = 2;

	(void)state;
	asic_prog_fib(e->a, &p1, &att);
	asic_prog_mfib(e->a, NULL, &g, 0, &oif2, 1);
	tenv_settle(e);
	tenv_run(e, SIM_MS(11));
	asic_rx(e->a, 1, tenv_udp(e, NULL, "10.9.0.9", "239.7.7.7", 64, false));
	asic_rx(e->a, 1, tenv_udp(e, NULL, "10.8.0.9", "239.7.7.7", 64, false));
	tenv_run(e, SIM_MS(12));
	assert_int_equal(e->ncp, 1);
	assert_int_equal(e->cp[0].reason, ASIC_PUNT_NO_CACHE);
	assert_int_equal(e->cp[0].ifindex, 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_RPF_FAIL], 1);
	assert_int_equal(e->ntx, 0);
	/* With its (S,G) entry (iif 0) the same packet is an RPF failure. */
	asic_prog_mfib(e->a, &s9, &g, 0, &oif2, 1);
	tenv_run(e, SIM_MS(13));
	asic_rx(e->a, 1, tenv_udp(e, NULL, "10.9.0.9", "239.7.7.7", 64, false));
	tenv_run(e, SIM_MS(14));
	assert_int_equal(e->ncp, 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_RPF_FAIL], 2);
	tenv_free(e);
}

/* Multicast data needs multicast forwarding on the ingress port; the
 * control traffic (link-local scope) does not. */
static void test_mcast_ingress_disabled(void **state)
{
	struct tenv *e = mc_env();

	(void)state;
	asic_prog_mcast_enable(e->a, 0, false);
	tenv_settle(e);
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.1.1.1", 64, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.7.7.7", 64, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "224.0.0.13", 1, false));
	tenv_run(e, SIM_MS(20));
	assert_int_equal(e->ntx, 0);
	assert_int_equal(e->ncp, 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_MCAST_DISABLED], 2);
	tenv_free(e);
}

/* An MFIB entry 1 ns before it is visible: no-cache; 1 ns after: copies. */
static void test_mcast_window(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_addr g = tenv_addr("239.5.5.5");
	int oifs[2] = { 2, 1 };
	sim_time_t t0, vis;

	(void)state;
	tenv_mcast_all(e);
	t0 = tenv_now(e);
	asic_prog_mfib(e->a, NULL, &g, 0, oifs, 2);
	vis = t0 + SIM_US(100 + 20 + 20);
	assert_int_equal(asic_prog_idle_at(e->a), vis);
	tenv_rx_at(e, vis - 1, 0,
		   tenv_udp(e, NULL, "10.0.0.1", "239.5.5.5", 64, false));
	tenv_rx_at(e, vis + 1, 0,
		   tenv_udp(e, NULL, "10.0.0.1", "239.5.5.5", 64, false));
	tenv_run(e, vis + SIM_MS(1));
	assert_int_equal(e->ncp, 1);
	assert_int_equal(e->cp[0].reason, ASIC_PUNT_NO_CACHE);
	assert_int_equal(e->cp[0].t, vis - 1 + PUNT);
	assert_int_equal(e->ntx, 2);
	assert_int_equal(e->tx[0].t, vis + 1 + PL);
	assert_int_equal(e->tx[0].ifindex, 1);
	assert_int_equal(e->tx[1].t, vis + 1 + PL + RL);
	tenv_free(e);
}

/*
 * A cpu-copy entry: copies go out as usual and the packet as it arrived
 * (TTL not decremented) is punted mcast-copy; with no eligible port it is
 * punted instead of dropped; wrong-iif and TTL decisions come first; an
 * iif change keeps the flag, a plain write clears it; unknown flags are
 * refused.
 */
static void test_mcast_cpu_copy(void **state)
{
	struct tenv *e = mc_env();
	struct net_addr s = tenv_addr("10.0.0.1"), g = tenv_addr("239.3.3.3");
	struct net_addr g6 = tenv_addr("ff3e::3");
	const struct asic_mfib_entry *m;
	int oifs[2] = { 1, 2 };
	sim_time_t t = SIM_MS(11);

	(void)state;
	assert_int_equal(asic_prog_mfib_flags(e->a, &s, &g, 0, oifs, 2, 0x2),
			 0);
	assert_true(asic_prog_mfib_flags(e->a, &s, &g, 0, oifs, 2,
					 ASIC_MFIB_CPU_COPY) > 0);
	assert_true(asic_prog_mfib_flags(e->a, NULL, &g6, 0, NULL, 0,
					 ASIC_MFIB_CPU_COPY) > 0);
	tenv_settle(e);
	assert_non_null(strstr(e->done[e->ndone - 1].key, "cpu-copy"));
	m = asic_mfib_find(e->a, &s, &g);
	assert_int_equal(m->flags, ASIC_MFIB_CPU_COPY);
	tenv_rx_at(e, t, 0,
		   tenv_udp(e, NULL, "10.0.0.1", "239.3.3.3", 64, false));
	tenv_run(e, t + SIM_MS(1));
	assert_int_equal(e->ntx, 2);
	assert_int_equal(e->tx[0].t, t + PL);
	assert_int_equal(e->tx[1].t, t + PL + RL);
	assert_int_equal(tenv_frame_ttl(&e->tx[1]), 63);
	assert_int_equal(e->ncp, 1);
	assert_int_equal(e->cp[0].reason, ASIC_PUNT_MCAST_COPY);
	assert_int_equal(e->cp[0].ifindex, 0);
	assert_int_equal(e->cp[0].t, t + PUNT);
	assert_int_equal(tenv_frame_ttl(&e->cp[0]), 64);
	assert_int_equal(cnt(e)->all.punted[ASIC_PUNT_MCAST_COPY], 1);
	assert_int_equal(cnt(e)->mcast_routed, 1);
	assert_int_equal(m->packets, 1);
	assert_string_equal(asic_punt_name(ASIC_PUNT_MCAST_COPY), "mcast-copy");
	/* On an oif: wrong-iif only. TTL 1: dropped, no copy. (*,G) with
	 * no oif: punted, not dropped. */
	asic_rx(e->a, 1, tenv_udp(e, NULL, "10.0.0.1", "239.3.3.3", 64, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.3.3.3", 1, false));
	asic_rx(e->a, 0, tenv_udp(e, NULL, "2001::7", "ff3e::3", 9, false));
	tenv_run(e, SIM_MS(13));
	assert_int_equal(e->ntx, 2);
	assert_int_equal(e->ncp, 3);
	assert_int_equal(e->cp[1].reason, ASIC_PUNT_WRONG_IIF);
	assert_int_equal(e->cp[2].reason, ASIC_PUNT_MCAST_COPY);
	assert_int_equal(tenv_frame_ttl(&e->cp[2]), 9);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_TTL], 1);
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_NO_OIF], 0);
	/* An iif change keeps the flag; a plain write clears it. */
	asic_prog_mfib_iif(e->a, &s, &g, 3);
	tenv_settle(e);
	assert_int_equal(asic_mfib_find(e->a, &s, &g)->flags,
			 ASIC_MFIB_CPU_COPY);
	asic_prog_mfib(e->a, &s, &g, 0, oifs, 2);
	tenv_settle(e);
	assert_int_equal(asic_mfib_find(e->a, &s, &g)->flags, 0);
	asic_rx(e->a, 0, tenv_udp(e, NULL, "10.0.0.1", "239.3.3.3", 64, false));
	tenv_run(e, tenv_now(e) + SIM_MS(1));
	assert_int_equal(e->ntx, 4);
	assert_int_equal(e->ncp, 3);
	tenv_free(e);
}

/* Copies pass the CPU queue like any punt: served at cpu_pps, dropped
 * when the queue is full; forwarding is not held up. */
static void test_mcast_cpu_copy_rate(void **state)
{
	struct asic_profile p;
	struct tenv *e;
	struct net_addr g = tenv_addr("239.3.3.3");
	int oif = 1;
	sim_time_t t;

	(void)state;
	asic_profile_default(&p);
	p.cpu_pps = 1000;
	p.cpu_queue = 1;
	e = tenv_new(&p);
	tenv_mcast_all(e);
	asic_prog_mfib_flags(e->a, NULL, &g, 0, &oif, 1, ASIC_MFIB_CPU_COPY);
	tenv_settle(e);
	t = tenv_now(e) + SIM_MS(1);
	for (int i = 0; i < 3; i++)
		tenv_rx_at(
			e, t, 0,
			tenv_udp(e, NULL, "10.0.0.1", "239.3.3.3", 64, false));
	tenv_run(e, t + SIM_MS(5));
	assert_int_equal(e->ntx, 3);
	assert_int_equal(e->ncp, 2);
	assert_int_equal(e->cp[0].t, t + PUNT);
	assert_int_equal(e->cp[1].t, t + PUNT + SIM_MS(1));
	assert_int_equal(cnt(e)->all.dropped[ASIC_DROP_CPU_QUEUE], 1);
	assert_int_equal(cnt(e)->all.punted[ASIC_PUNT_MCAST_COPY], 3);
	tenv_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unicast_forward),
		cmocka_unit_test(test_ttl_table),
		cmocka_unit_test(test_ipv6_forward),
		cmocka_unit_test(test_programming_window),
		cmocka_unit_test(test_fib_kinds),
		cmocka_unit_test(test_l2_filter),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_port_state),
		cmocka_unit_test(test_mcast_replication),
		cmocka_unit_test(test_mcast_interleave),
		cmocka_unit_test(test_mcast_oif_filter),
		cmocka_unit_test(test_mcast_punts),
		cmocka_unit_test(test_mcast_connected_source),
		cmocka_unit_test(test_mcast_ingress_disabled),
		cmocka_unit_test(test_mcast_window),
		cmocka_unit_test(test_mcast_cpu_copy),
		cmocka_unit_test(test_mcast_cpu_copy_rate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
