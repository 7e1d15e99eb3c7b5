/*
 * Tests of the rules around the ICMP messages a router originates: the
 * source address of an ICMP error is an address of the interface the
 * error leaves by (RFC 1812 section 4.3.2.4), also when the offending
 * packet came in by another interface; no error is sent about an ICMP
 * error (even a damaged or fragmented one), about a fragment other than
 * the first, or about a packet whose source does not name a single host
 * (RFC 1812 section 4.3.2.7, RFC 4443 section 2.4 (e)); an echo request to
 * the limited broadcast address is answered from a unicast address (RFC
 * 1122 section 3.2.2.6). Packets are crafted by a probe on GE0/3/0 with
 * the source address of host H2 (on GE0/2/0), so errors and replies leave
 * by GE0/2/0.
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
#include "sim/net/net_csum.h"
#include "sim/router/router_testutil.h"

static const char cfg_r1[] = "system-view\n"
			     "sysname R1\n"
			     "interface GigabitEthernet0/2/0\n"
			     " ip address 10.0.2.1 255.255.255.0\n"
			     " ipv6 enable\n"
			     " ipv6 address 2001:db8:2::1 64\n"
			     "interface GigabitEthernet0/3/0\n"
			     " ip address 10.0.3.1 255.255.255.0\n"
			     " ipv6 enable\n"
			     " ipv6 address 2001:db8:3::1 64\n"
			     "quit\n"
			     "ip route-static 0.0.0.0 0.0.0.0 10.0.2.10\n"
			     "commit\n";

struct iw {
	struct rtest t;
	struct router *r;
	struct node *h2, *p;
	struct node_tw_cap *c2;
	struct net_mac r3; /* R1's GE0/3/0 */
};

static void iw_init(struct iw *x)
{
	static const char *const ports[] = { "GE0/2/0", "GE0/3/0", NULL };
	struct node_link *l2;

	memset(x, 0, sizeof(*x));
	rtest_init(&x->t, 5);
	x->r = rtest_router(&x->t, "R1", cfg_r1, ports);
	x->h2 = node_tw_host(x->t.w, "H2", "eth0", "10.0.2.10/24", "10.0.2.1",
			     "2001:db8:2::10/64", "2001:db8:2::1");
	x->p = node_tw_probe(x->t.w, "P");
	l2 = rtest_link(&x->t, "l2", x->h2, "eth0", router_node(x->r),
			"GigabitEthernet0/2/0");
	rtest_link(&x->t, "l3", x->p, "eth0", router_node(x->r),
		   "GigabitEthernet0/3/0");
	rtest_boot(x->r);
	rtest_settle(&x->t, x->r);
	node_tw_run_for(x->t.w, SIM_MS(1));
	x->c2 = node_tw_capture(x->t.w, l2);
	x->r3 = node_iface_find(router_node(x->r), "GigabitEthernet0/3/0")->mac;
}

/* The ICMP / ICMPv6 messages R1 sent on l2 (not ARP/ND). */
static size_t icmp_out(const struct iw *x, struct net_pkt_info *pis, size_t max)
{
	const struct node *rn = router_node(x->r);
	size_t k = 0;

	for (size_t i = 0; i < x->c2->n; i++) {
		const struct node_tw_frame *f = &x->c2->v[i];
		struct net_pkt_info pi;
		bool from_r = false;

		for (int j = 0; j < rn->nifaces; j++)
			from_r |= !memcmp(f->data + 6, rn->ifaces[j]->mac.b, 6);
		net_dissect(f->data, f->len, &pi);
		if (!from_r || pi.has_nd)
			continue;
		if ((net_pkt_has(&pi, NET_LAYER_ICMP) ||
		     net_pkt_has(&pi, NET_LAYER_ICMP6)) &&
		    k < max)
			pis[k++] = pi;
	}
	return k;
}

/* Rewrite the IPv4 header's flags/fragment offset (and its checksum). */
static void ip4_set_frag(uint8_t *frame, bool mf, uint16_t off8)
{
	uint8_t *ip = frame + 14;

	net_put_be16(ip + 6, (uint16_t)((mf ? 0x2000 : 0) | off8));
	net_put_be16(ip + 10, 0);
	net_put_be16(ip + 10, net_csum(ip, 20));
}

enum pkt_kind {
	PK_UDP,	      /* a UDP datagram */
	PK_ICMP_ERR,  /* an ICMP Destination Unreachable */
	PK_ICMP_BAD,  /* the same with a wrong ICMP checksum */
	PK_ICMP_FRAG, /* the same as a first fragment (MF set) */
	PK_UDP_FRAG2, /* a UDP datagram's second fragment */
	PK_UDP6,      /* a UDP datagram over IPv6 */
};

/* Send from the probe a packet from src to dst with TTL/hop limit ttl. */
static void probe_send(struct iw *x, enum pkt_kind k, const char *src,
		       const char *dst, uint8_t ttl)
{
	uint8_t data[32] = { 0 }, quoted[28] = { 0x45 };
	struct net_frame f;
	struct net_wr w;
	int n;

	net_wr_init(&w, f.data, sizeof(f.data));
	if (k == PK_UDP6) {
		struct net_udp6_params u = { .sport = 4000, .dport = 5000 };

		u.ip.src = node_tw_ip6(src);
		u.ip.dst = node_tw_ip6(dst);
		u.ip.hop_limit = ttl;
		u.ip.l2.src = x->p->ifaces[0]->mac;
		u.ip.l2.dst = x->r3;
		n = net_build_udp6(&w, &u, data, sizeof(data));
	} else {
		struct net_udp4_params u = { .sport = 4000, .dport = 5000 };

		u.ip.src = node_tw_ip4(src);
		u.ip.dst = node_tw_ip4(dst);
		u.ip.ttl = ttl;
		u.ip.l2.src = x->p->ifaces[0]->mac;
		u.ip.l2.dst = x->r3;
		if (k == PK_UDP || k == PK_UDP_FRAG2)
			n = net_build_udp4(&w, &u, data, sizeof(data));
		else
			n = net_build_icmp_error4(&w, &u.ip, NET_ICMP_UNREACH,
						  NET_ICMP_UNREACH_PORT, 0,
						  quoted, sizeof(quoted));
	}
	assert_true(n > 0);
	if (k == PK_ICMP_BAD)
		f.data[14 + 20 + 2] ^= 0x5a;
	if (k == PK_ICMP_FRAG)
		ip4_set_frag(f.data, true, 0);
	if (k == PK_UDP_FRAG2)
		ip4_set_frag(f.data, false, 8);
	assert_int_equal(node_tw_probe_send(x->p, "eth0", f.data, (size_t)n),
			 0);
}

/* RFC 1812 4.3.2.4: from the interface the error leaves by (GE0/2/0),
 * not the one the packet came in by (GE0/3/0). */
static void test_error_source_is_egress(void **state)
{
	struct net_pkt_info pi[4];
	struct iw x;

	(void)state;
	iw_init(&x);
	probe_send(&x, PK_UDP, "10.0.2.10", "172.16.0.1", 1);
	node_tw_run_for(x.t.w, SIM_MS(2));
	assert_int_equal(icmp_out(&x, pi, 4), 1);
	assert_int_equal(pi[0].icmp.type, NET_ICMP_TIME_EXCEEDED);
	{
		struct net_addr want = node_tw_addr("10.0.2.1");

		assert_true(net_addr_eq(&pi[0].src, &want));
	}
	node_tw_run_for(x.t.w, SIM_MS(20)); /* past the rate limit */
	probe_send(&x, PK_UDP6, "2001:db8:2::10", "2001:db8:99::1", 1);
	node_tw_run_for(x.t.w, SIM_MS(2));
	assert_int_equal(icmp_out(&x, pi, 4), 2);
	assert_int_equal(pi[1].icmp6.type, NET_ICMP6_TIME_EXCEEDED);
	{
		struct net_addr want = node_tw_addr("2001:db8:2::1");

		assert_true(net_addr_eq(&pi[1].src, &want));
	}
	rtest_fini(&x.t);
}

struct quiet_case {
	const char *name;
	enum pkt_kind kind;
	const char *src;
	size_t errors; /* ICMP errors expected */
};

static const struct quiet_case quiet_cases[] = {
	{ "udp (control)", PK_UDP, "10.0.2.10", 1 },
	{ "icmp error", PK_ICMP_ERR, "10.0.2.10", 0 },
	{ "icmp error, bad checksum", PK_ICMP_BAD, "10.0.2.10", 0 },
	{ "icmp error, first fragment", PK_ICMP_FRAG, "10.0.2.10", 0 },
	{ "second fragment", PK_UDP_FRAG2, "10.0.2.10", 0 },
	{ "source loopback", PK_UDP, "127.0.0.1", 0 },
	{ "source class E", PK_UDP, "240.0.0.1", 0 },
	{ "source broadcast", PK_UDP, "255.255.255.255", 0 },
};

/* RFC 1812 4.3.2.7: TTL expiry of these packets makes no error (the
 * default route would carry one towards any of these sources). */
static void test_no_error_about(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(quiet_cases) / sizeof(quiet_cases[0]);
	     i++) {
		const struct quiet_case *c = &quiet_cases[i];
		struct net_pkt_info pi[4];
		struct iw x;
		size_t n;

		iw_init(&x);
		probe_send(&x, c->kind, c->src, "172.16.0.1", 1);
		node_tw_run_for(x.t.w, SIM_MS(2));
		n = icmp_out(&x, pi, 4);
		if (n != c->errors)
			fail_msg("%s: %zu errors, want %zu", c->name, n,
				 c->errors);
		rtest_fini(&x.t);
	}
}

/* RFC 1122 3.2.2.6: the reply to an echo sent to a broadcast address
 * comes from a unicast address of the router. */
static void test_broadcast_echo_reply_source(void **state)
{
	struct net_pkt_info pi[4];
	struct net_frame f;
	struct net_wr w;
	struct net_ip4_params p = { .ttl = 64 };
	struct net_addr want = node_tw_addr("10.0.2.1");
	struct iw x;
	int n;

	(void)state;
	iw_init(&x);
	p.src = node_tw_ip4("10.0.2.10");
	p.dst = node_tw_ip4("255.255.255.255");
	p.l2.src = x.p->ifaces[0]->mac;
	p.l2.dst = net_mac_broadcast;
	net_wr_init(&w, f.data, sizeof(f.data));
	n = net_build_icmp_echo4(&w, &p, false, 7, 1, "hello", 5);
	assert_true(n > 0);
	assert_int_equal(node_tw_probe_send(x.p, "eth0", f.data, (size_t)n), 0);
	node_tw_run_for(x.t.w, SIM_MS(2));
	assert_int_equal(icmp_out(&x, pi, 4), 1);
	assert_int_equal(pi[0].icmp.type, NET_ICMP_ECHO_REPLY);
	assert_true(net_addr_eq(&pi[0].src, &want));
	rtest_fini(&x.t);
}

/* The probe answers R1's ARP request for 10.0.3.99. */
static void probe_arp_reply(struct iw *x)
{
	const struct node_tw_frame *f = NULL;
	struct net_frame out;
	struct net_pkt_info pi;
	struct net_wr w;
	int n;

	for (size_t i = 0; i < node_tw_probe_count(x->p); i++) {
		f = node_tw_probe_frame(x->p, i);
		net_dissect(f->data, f->len, &pi);
		if (net_pkt_has(&pi, NET_LAYER_ARP))
			break;
		f = NULL;
	}
	assert_non_null(f);
	struct net_l2 l2 = { .src = x->p->ifaces[0]->mac, .dst = pi.arp.sha };
	struct net_arp a = { .op = NET_ARP_REPLY,
			     .sha = x->p->ifaces[0]->mac,
			     .spa = pi.arp.tpa,
			     .tha = pi.arp.sha,
			     .tpa = pi.arp.spa };

	net_wr_init(&w, out.data, sizeof(out.data));
	n = net_build_arp(&w, &l2, &a);
	assert_true(n > 0);
	assert_int_equal(node_tw_probe_send(x->p, "eth0", out.data, (size_t)n),
			 0);
}

/* The last echo request the probe received; copies send back replies. */
static void probe_echo_reply(struct iw *x, int copies)
{
	const struct node_tw_frame *f = NULL;
	struct net_pkt_info pi;
	struct net_frame out;
	struct net_wr w;
	int n;

	for (size_t i = node_tw_probe_count(x->p); i-- > 0;) {
		f = node_tw_probe_frame(x->p, i);
		net_dissect(f->data, f->len, &pi);
		if (net_pkt_has(&pi, NET_LAYER_ICMP) &&
		    pi.icmp.type == NET_ICMP_ECHO)
			break;
		f = NULL;
	}
	assert_non_null(f);
	struct net_ip4_params p = { .ttl = 64,
				    .src = pi.ip4.dst,
				    .dst = pi.ip4.src };

	p.l2.src = x->p->ifaces[0]->mac;
	p.l2.dst = pi.eth.src;
	net_wr_init(&w, out.data, sizeof(out.data));
	n = net_build_icmp_echo4(&w, &p, true, pi.icmp.id, pi.icmp.seq,
				 pi.icmp.data, pi.icmp.data_len);
	assert_true(n > 0);
	for (int i = 0; i < copies; i++)
		assert_int_equal(
			node_tw_probe_send(x->p, "eth0", out.data, (size_t)n),
			0);
}

/*
 * The router's `ping`: a duplicated reply (two VRRP Masters answering the
 * same virtual address, say) counts once, and the timeout is reported for
 * the request that got no reply, not for the last one.
 */
static void test_ping_duplicate_and_lost(void **state)
{
	const struct node_tw_rec *rec;
	struct iw x;
	int rc;

	(void)state;
	iw_init(&x);
	rtest_cli(&x.t, x.r, "ping -c 2 10.0.3.99", &rc);
	assert_int_equal(rc, 0);
	node_tw_run_for(x.t.w, SIM_MS(1));
	probe_arp_reply(&x); /* request 1 leaves, and gets no reply */
	node_tw_run_for(x.t.w, SIM_MS(500));
	probe_echo_reply(&x, 2); /* request 2 is answered twice */
	node_tw_run_for(x.t.w, SIM_S(3));
	assert_int_equal(node_tw_count(x.t.w, "R1", "ping", "reply"), 1);
	rec = node_tw_find(x.t.w, "R1", "ping", "reply", 0);
	assert_int_equal(node_tw_field_int(rec, "seq", 0), 2);
	assert_int_equal(node_tw_count(x.t.w, "R1", "ping", "timeout"), 1);
	rec = node_tw_find(x.t.w, "R1", "ping", "timeout", 0);
	assert_int_equal(node_tw_field_int(rec, "seq", 0), 1);
	assert_int_equal(node_tw_count(x.t.w, "R1", "ping", "statistics"), 1);
	rec = node_tw_find(x.t.w, "R1", "ping", "statistics", 0);
	assert_int_equal(node_tw_field_int(rec, "transmitted", 0), 2);
	assert_int_equal(node_tw_field_int(rec, "received", 0), 1);
	assert_int_equal(node_tw_field_int(rec, "loss_pct", 0), 50);
	rtest_fini(&x.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_source_is_egress),
		cmocka_unit_test(test_no_error_about),
		cmocka_unit_test(test_broadcast_echo_reply_source),
		cmocka_unit_test(test_ping_duplicate_and_lost),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
