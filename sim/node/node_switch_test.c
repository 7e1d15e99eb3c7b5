/*
 * Tests of the learning switch (IEEE 802.1D clause 7 behaviour): learning,
 * flooding of unknown/broadcast/multicast, no hairpin, MAC move, ageing at
 * the exact time, flush on carrier loss, invalid and reserved frames,
 * table bound, 802.1Q frames unchanged, crash/restart, extra latency; the
 * multicast hook used by IGMP/MLD snooping (which frames reach it, how its
 * port list is applied and counted, port and reset notifications).
 */
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
#include "sim/net/net_eth.h"
#include "sim/node/node_switch.h"
#include "sim/node/node_testlib.h"

#define RATE   1000000000ull
#define SER100 992 /* (100 + 24) * 8 ns at 1 Gb/s */

struct sw_world {
	struct node_tw *w;
	struct node *sw;
	struct node *p[4];
	struct node_link *l[4];
};

static void sw_world(struct sw_world *x, sim_time_t ageing)
{
	int i;

	x->w = node_tw_new(7);
	x->sw = node_tw_switch(x->w, "S", 4, ageing);
	for (i = 0; i < 4; i++) {
		char n[8], pn[8];

		snprintf(n, sizeof(n), "P%d", i);
		snprintf(pn, sizeof(pn), "p%d", i);
		x->p[i] = node_tw_probe(x->w, n);
		x->l[i] = node_tw_link(x->w, n, x->p[i], "e0", x->sw, pn, RATE,
				       0);
	}
}

static struct net_mac mac_n(int n)
{
	struct net_mac m = { { 0x02, 0, 0, 0, 0, (uint8_t)n } };

	return m;
}

/* Send a 100-byte frame src -> dst from probe i (vid >= 0: tagged). */
static void tx(struct sw_world *x, int i, struct net_mac src,
	       struct net_mac dst, int vid)
{
	uint8_t buf[NET_FRAME_MAX];
	struct net_eth h = { .type = 0x88b5 };
	struct net_wr wr;
	size_t off;

	h.src = src;
	h.dst = dst;
	if (vid >= 0) {
		h.vlan = true;
		h.vid = (uint16_t)vid;
	}
	net_wr_init(&wr, buf, sizeof(buf));
	off = net_eth_begin(&wr, &h);
	net_wr_zero(&wr, 100 - wr.off);
	assert_int_equal(net_eth_end(&wr, off), 100);
	assert_int_equal(node_tw_probe_send(x->p[i], "e0", buf, 100), 0);
}

static void counts(struct sw_world *x, int c0, int c1, int c2, int c3)
{
	assert_int_equal(node_tw_probe_count(x->p[0]), c0);
	assert_int_equal(node_tw_probe_count(x->p[1]), c1);
	assert_int_equal(node_tw_probe_count(x->p[2]), c2);
	assert_int_equal(node_tw_probe_count(x->p[3]), c3);
}

static void test_learn_flood_forward(void **state)
{
	struct sw_world x;
	struct net_mac bc = net_mac_broadcast;
	struct net_mac mc = node_tw_mac("01:00:5e:01:02:03");
	struct node_switch_port_cnt pc;

	(void)state;
	sw_world(&x, 0);
	tx(&x, 0, mac_n(0), mac_n(1), -1); /* unknown: flooded */
	node_tw_run(x.w, SIM_MS(1));
	counts(&x, 0, 1, 1, 1);
	/* store and forward: last bit in, then serialized again */
	assert_int_equal(node_tw_probe_frame(x.p[1], 0)->t, 2 * SER100);
	assert_int_equal(
		node_switch_lookup(x.sw,
				   &(struct net_mac){ { 2, 0, 0, 0, 0, 0 } }),
		0);
	tx(&x, 1, mac_n(1), mac_n(0), -1); /* known: only to p0 */
	node_tw_run(x.w, SIM_MS(2));
	counts(&x, 1, 1, 1, 1);
	tx(&x, 2, mac_n(2), bc, -1);
	tx(&x, 3, mac_n(3), mc, -1);
	node_tw_run(x.w, SIM_MS(3));
	counts(&x, 3, 3, 2, 2);
	assert_int_equal(node_switch_fdb_count(x.sw), 4);
	assert_int_equal(node_tw_count(x.w, "S", "switch", "mac-learned"), 4);
	pc = node_switch_port_counters(x.sw, 0);
	assert_int_equal(pc.rx, 1);
	assert_int_equal(pc.fwd, 1);
	assert_int_equal(pc.flood, 2);
	assert_int_equal(pc.learned, 1);
	assert_true(node_tw_free(x.w));
}

static void test_no_hairpin(void **state)
{
	struct sw_world x;

	(void)state;
	sw_world(&x, 0);
	tx(&x, 0, mac_n(10), mac_n(99), -1);
	tx(&x, 0, mac_n(11), mac_n(99), -1);
	node_tw_run(x.w, SIM_MS(1));
	counts(&x, 0, 2, 2, 2);
	tx(&x, 0, mac_n(10), mac_n(11), -1); /* both behind p0 */
	node_tw_run(x.w, SIM_MS(2));
	counts(&x, 0, 2, 2, 2);
	assert_int_equal(node_switch_port_counters(x.sw, 0).filtered, 1);
	assert_true(node_tw_free(x.w));
}

static void test_mac_move(void **state)
{
	struct sw_world x;
	const struct node_tw_rec *r;
	char buf[32];

	(void)state;
	sw_world(&x, 0);
	tx(&x, 0, mac_n(5), mac_n(99), -1);
	node_tw_run(x.w, SIM_MS(1));
	assert_int_equal(
		node_switch_lookup(x.sw,
				   &(struct net_mac){ { 2, 0, 0, 0, 0, 5 } }),
		0);
	/* the same MAC now appears on p2 (a VRRP takeover) */
	tx(&x, 2, mac_n(5), net_mac_broadcast, -1);
	node_tw_run(x.w, SIM_MS(2));
	assert_int_equal(
		node_switch_lookup(x.sw,
				   &(struct net_mac){ { 2, 0, 0, 0, 0, 5 } }),
		2);
	r = node_tw_find(x.w, "S", "switch", "mac-move", 0);
	assert_non_null(r);
	assert_int_equal(r->t, SIM_MS(1) + SER100);
	assert_true(node_tw_field(r, "from", buf, sizeof(buf)));
	assert_string_equal(buf, "p0");
	assert_true(node_tw_field(r, "to", buf, sizeof(buf)));
	assert_string_equal(buf, "p2");
	assert_int_equal(node_switch_port_counters(x.sw, 2).moves, 1);
	node_tw_probe_clear(x.p[0]);
	node_tw_probe_clear(x.p[2]);
	tx(&x, 1, mac_n(1), mac_n(5), -1);
	node_tw_run(x.w, SIM_MS(3));
	assert_int_equal(node_tw_probe_count(x.p[0]), 0);
	assert_int_equal(node_tw_probe_count(x.p[2]), 1);
	assert_true(node_tw_free(x.w));
}

static void test_ageing_exact(void **state)
{
	struct sw_world x;
	struct net_mac m = mac_n(7);
	const struct node_tw_rec *r;

	(void)state;
	sw_world(&x, SIM_S(10));
	tx(&x, 1, m, net_mac_broadcast, -1); /* learned at SER100 */
	node_tw_run(x.w, SIM_S(4));
	tx(&x, 1, m, net_mac_broadcast, -1); /* refreshed at 4 s + SER100 */
	node_tw_run(x.w, SIM_S(14) + SER100 - 1);
	assert_int_equal(node_switch_lookup(x.sw, &m), 1);
	assert_int_equal(node_tw_count(x.w, "S", "switch", "mac-aged"), 0);
	node_tw_run(x.w, SIM_S(14) + SER100);
	assert_int_equal(node_switch_lookup(x.sw, &m), -1);
	r = node_tw_find(x.w, "S", "switch", "mac-aged", 0);
	assert_non_null(r);
	assert_int_equal(r->t, SIM_S(14) + SER100);
	assert_int_equal(node_switch_port_counters(x.sw, 1).aged, 1);
	assert_int_equal(node_switch_fdb_count(x.sw), 0);
	assert_true(node_tw_free(x.w));
}

static void test_flush_on_carrier_down(void **state)
{
	struct sw_world x;
	struct net_mac m1 = mac_n(1), m2 = mac_n(2);
	const struct node_tw_rec *r;

	(void)state;
	sw_world(&x, 0);
	tx(&x, 1, m1, net_mac_broadcast, -1);
	tx(&x, 2, m2, net_mac_broadcast, -1);
	node_tw_run(x.w, SIM_MS(1));
	node_link_set_up(x.l[1], false);
	assert_int_equal(node_switch_lookup(x.sw, &m1), -1);
	assert_int_equal(node_switch_lookup(x.sw, &m2), 2);
	r = node_tw_find(x.w, "S", "switch", "mac-flush", 0);
	assert_non_null(r);
	assert_int_equal(r->t, SIM_MS(1));
	assert_int_equal(node_tw_field_int(r, "entries", -1), 1);
	assert_int_equal(node_switch_port_counters(x.sw, 1).flushed, 1);
	/* the down port gets no flooded copy */
	node_tw_probe_clear(x.p[1]);
	tx(&x, 0, mac_n(0), net_mac_broadcast, -1);
	node_tw_run(x.w, SIM_MS(2));
	assert_int_equal(node_tw_probe_count(x.p[1]), 0);
	assert_int_equal(node_tw_probe_count(x.p[3]), 3);
	assert_true(node_tw_free(x.w));
}

static void test_invalid_reserved_full(void **state)
{
	struct sw_world x;
	struct net_mac bpdu = node_tw_mac("01:80:c2:00:00:00");
	struct net_mac grp = node_tw_mac("01:00:5e:00:00:05");
	uint8_t runt[10] = { 0 };

	(void)state;
	sw_world(&x, 0);
	node_switch_set_max_entries(x.sw, 2);
	tx(&x, 0, grp, net_mac_broadcast, -1); /* group source */
	tx(&x, 0, mac_n(1), bpdu, -1);	       /* 802.1D reserved */
	node_tw_probe_send(x.p[0], "e0", runt, sizeof(runt));
	node_tw_run(x.w, SIM_MS(1));
	counts(&x, 0, 0, 0, 0);
	assert_int_equal(node_switch_port_counters(x.sw, 0).drops, 3);
	assert_int_equal(x.sw->drops[NET_E_ETH_SHORT], 1);
	assert_int_equal(node_switch_fdb_count(x.sw), 0);
	tx(&x, 0, mac_n(1), net_mac_broadcast, -1);
	tx(&x, 1, mac_n(2), net_mac_broadcast, -1);
	tx(&x, 2, mac_n(3), net_mac_broadcast, -1); /* not learned */
	node_tw_run(x.w, SIM_MS(2));
	assert_int_equal(node_switch_fdb_count(x.sw), 2);
	assert_int_equal(node_switch_table_full(x.sw), 1);
	assert_int_equal(node_tw_count(x.w, "S", "switch", "table-full"), 1);
	assert_int_equal(node_tw_probe_count(x.p[3]), 3); /* still flooded */
	assert_true(node_tw_free(x.w));
}

static void test_vlan_unchanged_and_latency(void **state)
{
	struct sw_world x;
	uint8_t sent[NET_FRAME_MAX];
	struct net_eth h;

	(void)state;
	sw_world(&x, 0);
	node_switch_set_latency(x.sw, SIM_US(3));
	tx(&x, 0, mac_n(1), mac_n(2), 100);
	node_tw_run(x.w, SIM_MS(1));
	assert_int_equal(node_tw_probe_count(x.p[1]), 1);
	assert_int_equal(node_tw_probe_frame(x.p[1], 0)->t,
			 2 * SER100 + SIM_US(3));
	memcpy(sent, node_tw_probe_frame(x.p[1], 0)->data, 100);
	assert_int_equal(net_eth_decode(sent, 100, &h), NET_OK);
	assert_true(h.vlan);
	assert_int_equal(h.vid, 100);
	assert_memory_equal(node_tw_probe_frame(x.p[2], 0)->data, sent, 100);
	assert_true(node_tw_free(x.w));
}

static void test_crash_restart(void **state)
{
	struct sw_world x;

	(void)state;
	sw_world(&x, 0);
	tx(&x, 0, mac_n(1), net_mac_broadcast, -1);
	node_tw_run(x.w, SIM_MS(1));
	assert_int_equal(node_switch_fdb_count(x.sw), 1);
	x.sw->ops->crash(x.sw);
	assert_int_equal(node_switch_fdb_count(x.sw), 0);
	tx(&x, 0, mac_n(1), net_mac_broadcast, -1);
	node_tw_run(x.w, SIM_MS(2));
	counts(&x, 0, 1, 1, 1);
	x.sw->ops->restart(x.sw);
	tx(&x, 0, mac_n(1), net_mac_broadcast, -1);
	node_tw_run(x.w, SIM_MS(3));
	counts(&x, 0, 2, 2, 2);
	assert_int_equal(node_switch_fdb_count(x.sw), 1);
	assert_true(node_tw_free(x.w));
}

static void test_dump(void **state)
{
	struct sw_world x;
	struct node_switch_fdb_entry e[4];
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	sw_world(&x, 0);
	tx(&x, 3, mac_n(9), net_mac_broadcast, -1);
	tx(&x, 1, mac_n(4), net_mac_broadcast, -1);
	node_tw_run(x.w, SIM_S(5));
	assert_int_equal(node_switch_fdb(x.sw, e, 4), 2);
	assert_int_equal(e[0].mac.b[5], 4); /* sorted by MAC */
	assert_int_equal(e[0].port, 1);
	assert_int_equal(e[1].port, 3);
	f = open_memstream(&text, &len);
	node_switch_dump(x.sw, f);
	fclose(f);
	assert_non_null(strstr(text, "0200-0000-0004"));
	assert_non_null(strstr(text, "2 entries"));
	free(text);
	assert_true(node_tw_free(x.w));
}

/* A hook with a scripted answer that records what it was shown. */
struct fake_hook {
	int calls, ports_down, ports_up, resets;
	int last_in, last_port;
	enum net_af last_af;
	struct net_addr last_dst;
	int ret;    /* returned count, or -1 */
	int out[8]; /* written to out_ports */
	int last_max;
};

static int fake_select(void *ctx, struct node *sw, int in_port,
		       const struct net_frame *f, const struct net_pkt_info *pi,
		       int *out_ports, int max)
{
	struct fake_hook *h = ctx;
	int i;

	(void)sw;
	(void)f;
	h->calls++;
	h->last_in = in_port;
	h->last_af = pi->af;
	h->last_dst = pi->dst;
	h->last_max = max;
	for (i = 0; i < h->ret && i < max && i < 8; i++)
		out_ports[i] = h->out[i];
	return h->ret;
}

static void fake_port(void *ctx, struct node *sw, int port, bool up)
{
	struct fake_hook *h = ctx;

	(void)sw;
	h->last_port = port;
	if (up)
		h->ports_up++;
	else
		h->ports_down++;
}

static void fake_reset(void *ctx, struct node *sw)
{
	(void)sw;
	((struct fake_hook *)ctx)->resets++;
}

static void hook_on(struct sw_world *x, struct fake_hook *h)
{
	struct node_switch_mcast m = {
		.select = fake_select,
		.port = fake_port,
		.reset = fake_reset,
		.ctx = h,
	};

	memset(h, 0, sizeof(*h));
	assert_int_equal(node_switch_set_mcast(x->sw, &m), 0);
	assert_ptr_equal(node_switch_get_mcast(x->sw)->ctx, h);
}

/* A 100-byte frame to dst with an IPv4 UDP packet to group from probe i. */
static void tx_ip4(struct sw_world *x, int i, const char *dmac,
		   const char *group)
{
	uint8_t buf[NET_FRAME_MAX], data[58] = { 0 };
	struct net_udp4_params p = { .sport = 5000, .dport = 5001 };
	struct net_wr wr;

	p.ip.l2.src = mac_n(i);
	p.ip.l2.dst = node_tw_mac(dmac);
	p.ip.src = node_tw_ip4("10.0.0.9");
	p.ip.dst = node_tw_ip4(group);
	p.ip.ttl = 1;
	net_wr_init(&wr, buf, sizeof(buf));
	assert_int_equal(net_build_udp4(&wr, &p, data, sizeof(data)), 100);
	assert_int_equal(node_tw_probe_send(x->p[i], "e0", buf, 100), 0);
}

static void test_mcast_hook_select(void **state)
{
	struct sw_world x;
	struct fake_hook h;
	struct node_switch_port_cnt pc;
	struct net_addr g;

	(void)state;
	sw_world(&x, 0);
	assert_false(node_switch_snooping(x.sw));
	node_switch_set_snooping(x.sw, true);
	assert_true(node_switch_snooping(x.sw));
	assert_null(node_switch_get_mcast(x.sw));
	hook_on(&x, &h);
	/* the hook picks p2: only P2 gets it, with the flood's timing */
	h.ret = 1;
	h.out[0] = 2;
	tx_ip4(&x, 0, "01:00:5e:01:02:03", "239.1.2.3");
	node_tw_run(x.w, SIM_MS(1));
	counts(&x, 0, 0, 1, 0);
	assert_int_equal(node_tw_probe_frame(x.p[2], 0)->t, 2 * SER100);
	assert_int_equal(h.calls, 1);
	assert_int_equal(h.last_in, 0);
	assert_int_equal(h.last_max, 4);
	assert_int_equal(h.last_af, NET_AF_IP4);
	g = node_tw_addr("239.1.2.3");
	assert_true(net_addr_eq(&h.last_dst, &g));
	pc = node_switch_port_counters(x.sw, 2);
	assert_int_equal(pc.mcast, 1);
	assert_int_equal(pc.snooped, 0);
	assert_int_equal(pc.flood, 0);
	assert_int_equal(node_switch_port_counters(x.sw, 1).snooped, 1);
	assert_int_equal(node_switch_port_counters(x.sw, 3).snooped, 1);
	assert_int_equal(node_switch_port_counters(x.sw, 0).snooped, 0);
	/* duplicates, the ingress port and bad ports are dropped, sorted */
	h.ret = 6;
	memcpy(h.out, (int[]){ 3, 1, 3, 0, 9, -2 }, 6 * sizeof(int));
	tx_ip4(&x, 0, "01:00:5e:01:02:03", "239.1.2.3");
	node_tw_run(x.w, SIM_MS(2));
	counts(&x, 0, 1, 1, 1);
	assert_int_equal(node_switch_port_counters(x.sw, 3).mcast, 1);
	/* 0 ports: dropped (no leak) and counted on every other port */
	h.ret = 0;
	tx_ip4(&x, 1, "01:00:5e:01:02:03", "239.1.2.3");
	node_tw_run(x.w, SIM_MS(3));
	counts(&x, 0, 1, 1, 1);
	assert_int_equal(node_switch_port_counters(x.sw, 0).snooped, 1);
	/* -1: the ordinary flood */
	h.ret = -1;
	tx_ip4(&x, 1, "01:00:5e:01:02:03", "239.1.2.3");
	node_tw_run(x.w, SIM_MS(4));
	counts(&x, 1, 1, 2, 2);
	assert_int_equal(h.calls, 4);
	/* not an IP multicast MAC: never shown to the hook */
	h.ret = 0;
	tx(&x, 0, mac_n(0), node_tw_mac("01:00:5e:80:00:01"), -1);
	tx(&x, 0, mac_n(0), net_mac_broadcast, -1);
	tx(&x, 0, mac_n(0), node_tw_mac("01:00:0c:cc:cc:cc"), -1);
	tx(&x, 0, mac_n(0), mac_n(77), -1);
	node_tw_run(x.w, SIM_MS(5));
	assert_int_equal(h.calls, 4);
	counts(&x, 1, 5, 6, 6);
	/* 33:33 is shown too, even when the payload is not IP */
	tx(&x, 3, mac_n(3), node_tw_mac("33:33:00:00:00:01"), -1);
	node_tw_run(x.w, SIM_MS(6));
	assert_int_equal(h.calls, 5);
	assert_int_equal(h.last_af, NET_AF_NONE);
	counts(&x, 1, 5, 6, 6);
	/* removed: flooded again */
	assert_int_equal(node_switch_set_mcast(x.sw, NULL), 0);
	assert_null(node_switch_get_mcast(x.sw));
	tx_ip4(&x, 0, "01:00:5e:01:02:03", "239.1.2.3");
	node_tw_run(x.w, SIM_MS(7));
	counts(&x, 1, 6, 7, 7);
	assert_int_equal(h.calls, 5);
	/* only switches have the hook and the option */
	assert_int_equal(node_switch_set_mcast(x.p[0],
					       &(struct node_switch_mcast){
						       .select = fake_select }),
			 -1);
	node_switch_set_snooping(x.p[0], true);
	assert_false(node_switch_snooping(x.p[0]));
	assert_true(node_tw_free(x.w));
}

static void test_mcast_hook_down_port_latency(void **state)
{
	struct sw_world x;
	struct fake_hook h;

	(void)state;
	sw_world(&x, 0);
	node_switch_set_latency(x.sw, SIM_US(3));
	hook_on(&x, &h);
	node_link_set_up(x.l[3], false);
	assert_int_equal(h.ports_down, 1);
	assert_int_equal(h.last_port, 3);
	/* a chosen port that is down gets nothing; latency applies */
	h.ret = 2;
	h.out[0] = 3;
	h.out[1] = 1;
	tx_ip4(&x, 0, "01:00:5e:7f:00:01", "239.127.0.1");
	node_tw_run(x.w, SIM_MS(1));
	counts(&x, 0, 1, 0, 0);
	assert_int_equal(node_tw_probe_frame(x.p[1], 0)->t,
			 2 * SER100 + SIM_US(3));
	assert_int_equal(node_switch_port_counters(x.sw, 3).snooped, 0);
	assert_int_equal(node_switch_port_counters(x.sw, 3).mcast, 0);
	assert_int_equal(node_switch_port_counters(x.sw, 2).snooped, 1);
	node_link_set_up(x.l[3], true);
	assert_int_equal(h.ports_up, 1);
	/* crash: reset once; nothing while crashed; restart: reset */
	x.sw->ops->crash(x.sw);
	assert_int_equal(h.resets, 1);
	node_link_set_up(x.l[2], false);
	assert_int_equal(h.ports_down, 1);
	tx_ip4(&x, 0, "01:00:5e:7f:00:01", "239.127.0.1");
	node_tw_run(x.w, SIM_MS(2));
	assert_int_equal(h.calls, 1);
	x.sw->ops->restart(x.sw);
	assert_int_equal(h.resets, 2);
	tx_ip4(&x, 0, "01:00:5e:7f:00:01", "239.127.0.1");
	node_tw_run(x.w, SIM_MS(3));
	assert_int_equal(h.calls, 2);
	counts(&x, 0, 2, 0, 1); /* p3 is back up */
	assert_true(node_tw_free(x.w));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_learn_flood_forward),
		cmocka_unit_test(test_no_hairpin),
		cmocka_unit_test(test_mac_move),
		cmocka_unit_test(test_ageing_exact),
		cmocka_unit_test(test_flush_on_carrier_down),
		cmocka_unit_test(test_invalid_reserved_full),
		cmocka_unit_test(test_vlan_unchanged_and_latency),
		cmocka_unit_test(test_crash_restart),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_mcast_hook_select),
		cmocka_unit_test(test_mcast_hook_down_port_latency),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
