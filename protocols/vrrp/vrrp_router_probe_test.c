/*
 * VRRP on one router against a probe that plays the rest of the LAN (the
 * router's adverts are read off the wire, crafted ones injected): the
 * order of the addresses in IPv6 advertisements (RFC 5798 5.2.9: the
 * link-local virtual address first, whatever the configuration order),
 * the advertisement interval each version carries (RFC 3768 5.3.7: v2
 * whole seconds 1-255, on the wire and as the spacing of the adverts;
 * RFC 5798 5.2.7: v3 centiseconds up to 40.95 s) and `vrrp version`
 * refusing a change the groups' intervals cannot follow, and the receive
 * counters of RFC 5798 / RFC 3768 section 7.1 through vrrp_rx_stats and
 * `display vrrp statistics`, with the address list mismatch logged, and
 * which Master accepts packets to its virtual addresses (RFC 5798 6.4.3:
 * the owner, or with Accept_Mode).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "protocols/vrrp/vrrp_pkt.h"
#include "protocols/vrrp/vrrp_router.h"
#include "sim/net/net_build.h"
#include "sim/router/router_testutil.h"

#define LAN "GigabitEthernet0/1/0"

struct pt {
	struct rtest t;
	struct router *r;
	struct node *probe;
	size_t seen; /* probe frames already looked at */
};

/* The router (LAN port 10.0.1.5 / fe80::5 cabled to the probe, a second
 * port unused) with `lines` in the LAN interface view after `vrrp version
 * ver`; booted and run to `until`. */
static void pt_open(struct pt *p, int ver, const char *lines, sim_time_t until)
{
	static const char *const ports[] = { "GE0/1/0", "GE0/2/0", NULL };
	char cfg[2048];

	rtest_init(&p->t, 7);
	p->t.modules = protocols_all;
	for (size_t i = 0; protocols_all[i]; i++)
		if (protocols_all[i]->cli_register)
			assert_int_equal(
				protocols_all[i]->cli_register(p->t.reg), 0);
	snprintf(cfg, sizeof(cfg),
		 "system-view\n"
		 "vrrp version %d\n"
		 "interface " LAN "\n"
		 " ip address 10.0.1.5 24\n"
		 " ipv6 enable\n"
		 " ipv6 address fe80::5 link-local\n"
		 "%s"
		 "interface GigabitEthernet0/2/0\n"
		 " ip address 10.0.2.1 24\n"
		 "commit\n",
		 ver, lines);
	p->r = rtest_router(&p->t, "R", cfg, ports);
	p->probe = node_tw_probe(p->t.w, "P");
	assert_non_null(rtest_link(&p->t, "lan", p->probe, "eth0",
				   router_node(p->r), LAN));
	rtest_boot(p->r);
	p->seen = 0;
	node_tw_run(p->t.w, until);
}

static void pt_close(struct pt *p)
{
	rtest_fini(&p->t);
}

/* The next advertisement of family af the router sent (from the probe's
 * frames not looked at yet); false when there is none. */
static bool pt_next_adv(struct pt *p, enum net_af af, struct vrrp_adv *a,
			sim_time_t *t)
{
	const struct node_tw_frame *f;

	while ((f = node_tw_probe_frame(p->probe, p->seen))) {
		struct net_pkt_info pi;

		p->seen++;
		net_dissect(f->data, f->len, &pi);
		if (pi.l4_proto != VRRP_PROTO || pi.af != af)
			continue;
		assert_int_equal(
			vrrp_pkt_decode(pi.l4, pi.l4_len, &pi.src, &pi.dst, a),
			VRRP_PKT_OK);
		if (t)
			*t = f->t;
		return true;
	}
	return false;
}

/* The next advertisement of group vrid (failing the test when none). */
static void pt_adv_of(struct pt *p, enum net_af af, uint8_t vrid,
		      struct vrrp_adv *a, sim_time_t *t)
{
	while (pt_next_adv(p, af, a, t))
		if (a->vrid == vrid)
			return;
	fail_msg("no advertisement of VRID %u", vrid);
}

static void assert_addrs(const struct vrrp_adv *a, const char *const *want,
			 size_t n)
{
	assert_int_equal(a->naddrs, n);
	for (size_t i = 0; i < n; i++) {
		char got[NET_ADDR_STRLEN];

		net_addr_fmt(&a->addrs[i], got, sizeof(got));
		assert_string_equal(got, want[i]);
	}
}

/*
 * RFC 5798 5.2.9: the link-local virtual address goes first, typed first
 * or not; the global ones keep their order; a list without a link-local
 * address (not what 5.2.9 wants, but accepted) goes out as configured.
 */
static void test_link_local_first(void **state)
{
	static const char lines[] =
		" vrrp6 vrid 1 virtual-ip 2001:db8:1::254\n"
		" vrrp6 vrid 1 virtual-ip 2001:db8:1::253\n"
		" vrrp6 vrid 1 virtual-ip fe80::254 link-local\n"
		" vrrp6 vrid 1 virtual-ip 2001:db8:1::252\n"
		" vrrp6 vrid 2 virtual-ip fe80::2:254 link-local\n"
		" vrrp6 vrid 2 virtual-ip 2001:db8:1::2:254\n"
		" vrrp6 vrid 3 virtual-ip 2001:db8:1::3:254\n"
		" vrrp6 vrid 3 virtual-ip 2001:db8:1::3:253\n";
	static const char *const want1[] = { "fe80::254", "2001:db8:1::254",
					     "2001:db8:1::253",
					     "2001:db8:1::252" };
	static const char *const want2[] = { "fe80::2:254",
					     "2001:db8:1::2:254" };
	static const char *const want3[] = { "2001:db8:1::3:254",
					     "2001:db8:1::3:253" };
	struct pt p;
	struct vrrp_adv a;

	(void)state;
	pt_open(&p, 3, lines, SIM_S(6));
	pt_adv_of(&p, NET_AF_IP6, 1, &a, NULL);
	assert_addrs(&a, want1, 4);
	p.seen = 0;
	pt_adv_of(&p, NET_AF_IP6, 2, &a, NULL);
	assert_addrs(&a, want2, 2);
	p.seen = 0;
	pt_adv_of(&p, NET_AF_IP6, 3, &a, NULL);
	assert_addrs(&a, want3, 2);
	/* A link-local address added to the running group also goes
	 * first; the configuration keeps the order typed. */
	rtest_cli(&p.t, p.r,
		  "system-view\ninterface " LAN "\n"
		  "vrrp6 vrid 3 virtual-ip fe80::3:254 link-local\n"
		  "commit\nreturn",
		  NULL);
	p.seen = node_tw_probe_count(p.probe);
	node_tw_run(p.t.w, SIM_S(8));
	pt_adv_of(&p, NET_AF_IP6, 3, &a, NULL);
	{
		static const char *const want[] = { "fe80::3:254",
						    "2001:db8:1::3:254",
						    "2001:db8:1::3:253" };

		assert_addrs(&a, want, 3);
	}
	pt_close(&p);
}

/* Type one line in the LAN interface view; its return code. */
static int pt_if(struct pt *p, const char *line)
{
	char buf[256];
	int rc;

	snprintf(buf, sizeof(buf),
		 "system-view\ninterface " LAN "\n%s\ncommit\nreturn", line);
	rtest_cli(&p->t, p->r, buf, &rc);
	return rc;
}

static int pt_sys(struct pt *p, const char *line)
{
	char buf[256];
	int rc;

	snprintf(buf, sizeof(buf), "system-view\n%s\ncommit\nreturn", line);
	rtest_cli(&p->t, p->r, buf, &rc);
	return rc;
}

/*
 * RFC 3768 5.3.7: VRRPv2 intervals are 1-255 whole seconds; the group
 * advertises exactly that (field and spacing). "vrrp version 3" is
 * refused while a group advertises more than VRRPv3's 40.95 s (RFC 5798
 * 5.2.7), and taken once it does not.
 */
static void test_v2_interval_range(void **state)
{
	static const struct {
		const char *arg;
		bool ok;
	} v2[] = {
		{ "1", true },		       { "41", true },
		{ "255", true },	       { "256", false },
		{ "1500 milli-second", false }, { "2000 milli-second", true },
	}, v3[] = {
		{ "40", true },
		{ "41", false },
		{ "40950 milli-second", true },
		{ "40960 milli-second", false },
		{ "15 milli-second", false },
	};
	struct pt p;
	struct vrrp_adv a, b;
	sim_time_t ta, tb;
	char line[96];
	const char *out;

	(void)state;
	pt_open(&p, 2,
		" vrrp vrid 1 virtual-ip 10.0.1.254\n"
		" vrrp vrid 1 timer advertise 255\n",
		SIM_S(1200));
	/* Alone: Master after 3 x 255 s + Skew_Time; then every 255 s. */
	pt_adv_of(&p, NET_AF_IP4, 1, &a, &ta);
	pt_adv_of(&p, NET_AF_IP4, 1, &b, &tb);
	assert_int_equal(a.version, 2);
	assert_int_equal(a.adver_int, SIM_S(255));
	assert_int_equal(tb - ta, SIM_S(255));
	for (size_t i = 0; i < sizeof(v2) / sizeof(v2[0]); i++) {
		snprintf(line, sizeof(line), "vrrp vrid 1 timer advertise %s",
			 v2[i].arg);
		if ((pt_if(&p, line) == 0) != v2[i].ok)
			fail_msg("v2 \"%s\": %s", line, p.t.outbuf);
	}
	assert_int_equal(vrrp_group_cfg(vrrp_group_of(vrrp_inst(p.r), LAN,
						      NET_AF_IP4, 1))
				 ->adver_int,
			 SIM_S(2));
	assert_int_equal(pt_if(&p, "vrrp vrid 1 timer advertise 100"), 0);
	/* VRRPv3 cannot carry 100 s: the version stays. */
	assert_int_not_equal(pt_sys(&p, "vrrp version 3"), 0);
	assert_non_null(strstr(p.t.outbuf, "at most 40.95 s"));
	out = rtest_cli(&p.t, p.r, "display vrrp", NULL);
	assert_non_null(strstr(out, "    Version         : 2\n"));
	assert_non_null(strstr(out, "    TimerConfig     : 100000 ms\n"));
	assert_int_equal(pt_if(&p, "vrrp vrid 1 timer advertise 40"), 0);
	assert_int_equal(pt_sys(&p, "vrrp version 3"), 0);
	out = rtest_cli(&p.t, p.r, "display vrrp", NULL);
	assert_non_null(strstr(out, "    Version         : 3\n"));
	for (size_t i = 0; i < sizeof(v3) / sizeof(v3[0]); i++) {
		snprintf(line, sizeof(line), "vrrp vrid 1 timer advertise %s",
			 v3[i].arg);
		if ((pt_if(&p, line) == 0) != v3[i].ok)
			fail_msg("v3 \"%s\": %s", line, p.t.outbuf);
	}
	/* Back to v2 is refused while the interval is not whole seconds. */
	assert_int_not_equal(pt_sys(&p, "undo vrrp version"), 0);
	assert_non_null(strstr(p.t.outbuf, "whole seconds"));
	/* IPv6 groups are VRRPv3 whatever "vrrp version" says. */
	assert_int_equal(pt_if(&p, "vrrp6 vrid 2 virtual-ip fe80::254 "
				   "link-local"),
			 0);
	assert_int_not_equal(pt_if(&p, "vrrp6 vrid 2 timer advertise 41"), 0);
	assert_int_equal(pt_if(&p, "vrrp6 vrid 2 timer advertise 40"), 0);
	pt_close(&p);
}

/* A crafted advertisement from 10.0.1.9 / fe80::9. */
struct pt_tx {
	enum net_af af;
	uint8_t version, vrid, prio, ttl; /* ttl 0: 255 */
	int naddrs;			  /* 0: the router's one address */
	bool bad_csum;
	size_t cut; /* bytes removed from the end */
};

static void pt_send(struct pt *p, const struct pt_tx *x)
{
	bool v6 = x->af == NET_AF_IP6;
	struct net_addr src, other;
	const struct net_addr *dst = v6 ? &vrrp_group6 : &vrrp_group4;
	struct vrrp_adv a = { .version = x->version,
			      .type = VRRP_TYPE_ADVERT,
			      .vrid = x->vrid,
			      .priority = x->prio,
			      .af = x->af,
			      .adver_int = SIM_S(1),
			      .naddrs = 1 };
	struct net_mac vm = { { 0, 0, 0x5e, 0, v6 ? 2 : 1, x->vrid } };
	uint8_t m[256], f[NET_FRAME_MAX];
	struct net_wr w;
	int n, len;

	assert_int_equal(net_addr_parse(v6 ? "fe80::9" : "10.0.1.9", &src), 0);
	assert_int_equal(
		net_addr_parse(v6 ? "fe80::254" : "10.0.1.254", &a.addrs[0]),
		0);
	assert_int_equal(net_addr_parse(v6 ? "fe80::99" : "10.0.1.99", &other),
			 0);
	for (int i = 0; i < x->naddrs; i++)
		a.addrs[i] = other;
	if (x->naddrs)
		a.naddrs = (uint8_t)x->naddrs;
	n = vrrp_pkt_encode(&a, &src, dst, m, sizeof(m));
	assert_true(n > 8 && (size_t)n > x->cut);
	if (x->bad_csum)
		m[7] ^= 0x11;
	n -= (int)x->cut;
	net_wr_init(&w, f, sizeof(f));
	if (v6) {
		struct net_ip6_params ip = { .src = net_addr_ip6(&src),
					     .dst = net_addr_ip6(dst),
					     .hop_limit =
						     x->ttl ? x->ttl : 255 };

		ip.l2.src = vm;
		ip.l2.dst = net_mac_from_ip6_mcast(&ip.dst);
		len = net_build_ip6(&w, &ip, VRRP_PROTO, m, (size_t)n);
	} else {
		struct net_ip4_params ip = { .src = net_addr_ip4(&src),
					     .dst = net_addr_ip4(dst),
					     .ttl = x->ttl ? x->ttl : 255 };

		ip.l2.src = vm;
		ip.l2.dst = net_mac_from_ip4_mcast(&ip.dst);
		len = net_build_ip4(&w, &ip, VRRP_PROTO, m, (size_t)n);
	}
	assert_true(len > 0);
	assert_int_equal(node_tw_probe_send(p->probe, "eth0", f, (size_t)len),
			 0);
	node_tw_run(p->t.w, node_tw_now(p->t.w) + SIM_MS(10));
}

/* The line "<indent><label> : <n>" is in the display text. */
static void assert_stat(const char *out, const char *indent, const char *label,
			uint64_t n)
{
	char want[128];

	snprintf(want, sizeof(want), "\n%s%-26s: %llu\n", indent, label,
		 (unsigned long long)n);
	if (!strstr(out, want))
		fail_msg("missing \"%s\" in\n%s", want + 1, out);
}

/*
 * Receive checks of section 7.1 counted by reason, router-wide (codec,
 * unknown VRID) or by the group (TTL, version, address list), read
 * through vrrp_rx_stats and `display vrrp statistics`; the address list
 * mismatch is also logged. Each family counts apart.
 */
static void test_statistics(void **state)
{
	static const struct pt_tx tx[] = {
		{ NET_AF_IP4, 3, 1, 200, 0, 0, true, 0 }, /* checksum */
		{ NET_AF_IP4, 3, 1, 200, 0, 0, true, 0 },
		{ NET_AF_IP4, 3, 1, 200, 0, 0, false, 2 },  /* length */
		{ NET_AF_IP4, 3, 9, 200, 0, 0, false, 0 },  /* VRID */
		{ NET_AF_IP4, 3, 1, 200, 64, 0, false, 0 }, /* TTL */
		{ NET_AF_IP4, 2, 1, 200, 0, 0, false, 0 },  /* version */
		{ NET_AF_IP4, 3, 1, 200, 0, 2, false, 0 },  /* list */
		{ NET_AF_IP4, 3, 1, 200, 0, 0, false, 0 },  /* valid */
		{ NET_AF_IP6, 3, 7, 200, 0, 0, false, 0 },  /* VRID */
	};
	struct pt p;
	struct vrrp_rx_stats st;
	struct vrrp_group_info in;
	const char *out;
	const struct node_tw_rec *rec;
	char buf[64];

	(void)state;
	pt_open(&p, 3,
		" vrrp vrid 1 virtual-ip 10.0.1.254\n"
		" vrrp6 vrid 1 virtual-ip fe80::254 link-local\n",
		SIM_MS(1500));
	for (size_t i = 0; i < sizeof(tx) / sizeof(tx[0]); i++)
		pt_send(&p, &tx[i]);
	vrrp_rx_stats(vrrp_inst(p.r), NET_AF_IP4, &st);
	assert_int_equal(st.rx, 8);
	assert_int_equal(st.bad[VRRP_PKT_E_CHECKSUM], 2);
	assert_int_equal(st.bad[VRRP_PKT_E_LENGTH], 1);
	assert_int_equal(st.bad[VRRP_PKT_OK], 0);
	assert_int_equal(st.no_group, 1);
	vrrp_group_info(vrrp_group_of(vrrp_inst(p.r), LAN, NET_AF_IP4, 1), &in);
	assert_int_equal(in.drops[VRRP_DROP_TTL], 1);
	assert_int_equal(in.drops[VRRP_DROP_VERSION], 1);
	assert_int_equal(in.drops[VRRP_DROP_ADDRS], 1);
	assert_int_equal(in.adv_rx, 2); /* v3: the list mismatch processed */
	rec = node_tw_find(p.t.w, "R", "vrrp", "addr-mismatch", 0);
	assert_non_null(rec);
	assert_true(node_tw_field(rec, "addr", buf, sizeof(buf)));
	assert_string_equal(buf, "10.0.1.99");
	vrrp_rx_stats(vrrp_inst(p.r), NET_AF_IP6, &st);
	assert_int_equal(st.rx, 1);
	assert_int_equal(st.no_group, 1);
	assert_int_equal(st.bad[VRRP_PKT_E_CHECKSUM], 0);
	/* No instance, another family: zeros. */
	vrrp_rx_stats(NULL, NET_AF_IP4, &st);
	assert_int_equal(st.rx, 0);
	vrrp_rx_stats(vrrp_inst(p.r), NET_AF_NONE, &st);
	assert_int_equal(st.rx, 0);

	out = rtest_cli(&p.t, p.r, "display vrrp statistics", NULL);
	assert_non_null(strstr(out, "VRRP statistics\n"));
	assert_stat(out, "  ", "Packets received", 8);
	assert_stat(out, "  ", "Checksum errors", 2);
	assert_stat(out, "  ", "Packet length errors", 1);
	assert_stat(out, "  ", "VRID errors", 1);
	assert_non_null(strstr(out, "  " LAN " | Virtual Router 1\n"));
	assert_stat(out, "    ", "IP TTL errors", 1);
	assert_stat(out, "    ", "Version errors", 1);
	assert_stat(out, "    ", "Address list errors", 1);
	assert_stat(out, "    ", "Advertisements received", 2);
	assert_stat(out, "    ", "Transitions to Master", 0);
	out = rtest_cli(&p.t, p.r, "display vrrp6 statistics", NULL);
	assert_non_null(strstr(out, "VRRP6 statistics\n"));
	assert_stat(out, "  ", "Packets received", 1);
	assert_stat(out, "  ", "VRID errors", 1);
	assert_stat(out, "  ", "Checksum errors", 0);
	assert_non_null(strstr(out, "  " LAN " | Virtual Router 1\n"));
	/* Filtered on another interface: no group; an unknown one refused. */
	out = rtest_cli(&p.t, p.r,
			"display vrrp statistics interface "
			"GigabitEthernet0/2/0",
			NULL);
	assert_null(strstr(out, "Virtual Router"));
	assert_stat(out, "  ", "Checksum errors", 2);
	{
		int rc;

		out = rtest_cli(&p.t, p.r,
				"display vrrp statistics interface "
				"GigabitEthernet0/9/0",
				&rc);
		assert_int_not_equal(rc, 0);
		assert_non_null(strstr(out, "does not exist"));
	}
	pt_close(&p);
}

static void count_rx(void *ctx, struct router *r, struct node_iface *ifp,
		     const struct net_pkt_info *pi)
{
	(void)r;
	(void)ifp;
	(void)pi;
	(*(int *)ctx)++;
}

/* A UDP datagram to port 5001 from the LAN host to dst at the virtual MAC
 * of (af, vrid); how many reached the router's listener. */
static int pt_udp(struct pt *p, const char *dst, uint8_t vrid, int *rx)
{
	struct net_addr d, s;
	struct net_wr w;
	uint8_t f[NET_FRAME_MAX];
	int len, before = *rx;

	assert_int_equal(net_addr_parse(dst, &d), 0);
	net_wr_init(&w, f, sizeof(f));
	if (d.af == NET_AF_IP4) {
		struct net_udp4_params u = { .sport = 4000, .dport = 5001 };

		assert_int_equal(net_addr_parse("10.0.1.100", &s), 0);
		u.ip.src = net_addr_ip4(&s);
		u.ip.dst = net_addr_ip4(&d);
		u.ip.ttl = 64;
		u.ip.l2.src = (struct net_mac){ { 2, 0, 0, 0, 0, 0x64 } };
		u.ip.l2.dst = (struct net_mac){ { 0, 0, 0x5e, 0, 1, vrid } };
		len = net_build_udp4(&w, &u, (const uint8_t *)"x", 1);
	} else {
		struct net_udp6_params u = { .sport = 4000, .dport = 5001 };

		assert_int_equal(net_addr_parse("fe80::100", &s), 0);
		u.ip.src = net_addr_ip6(&s);
		u.ip.dst = net_addr_ip6(&d);
		u.ip.hop_limit = 64;
		u.ip.l2.src = (struct net_mac){ { 2, 0, 0, 0, 0, 0x64 } };
		u.ip.l2.dst = (struct net_mac){ { 0, 0, 0x5e, 0, 2, vrid } };
		len = net_build_udp6(&w, &u, (const uint8_t *)"x", 1);
	}
	assert_true(len > 0);
	assert_int_equal(node_tw_probe_send(p->probe, "eth0", f, (size_t)len),
			 0);
	node_tw_run(p->t.w, node_tw_now(p->t.w) + SIM_MS(5));
	return *rx - before;
}

/*
 * RFC 5798 6.4.3: a Master "MUST accept packets addressed to the IPvX
 * address(es) associated with the virtual router if it is the IPvX
 * address owner or if Accept_Mode is True"; otherwise not (a UDP
 * datagram to a listening port shows whether it was taken).
 */
static void test_accept(void **state)
{
	static const struct {
		const char *dst;
		uint8_t vrid;
		int want;
	} tc[] = {
		{ "10.0.1.5", 1, 1 },	/* owner */
		{ "10.0.1.254", 2, 0 }, /* Master, no Accept_Mode */
		{ "10.0.1.253", 3, 1 }, /* Master with Accept_Mode */
		{ "fe80::5", 1, 1 },	/* owner */
		{ "fe80::2:254", 2, 0 }, { "fe80::3:254", 3, 1 },
	};
	struct pt p;
	int rx = 0;

	(void)state;
	pt_open(&p, 3,
		" vrrp vrid 1 virtual-ip 10.0.1.5\n"
		" vrrp vrid 2 virtual-ip 10.0.1.254\n"
		" vrrp vrid 3 virtual-ip 10.0.1.253\n"
		" vrrp vrid 3 accept-mode\n"
		" vrrp6 vrid 1 virtual-ip fe80::5 link-local\n"
		" vrrp6 vrid 2 virtual-ip fe80::2:254 link-local\n"
		" vrrp6 vrid 3 virtual-ip fe80::3:254 link-local\n"
		" vrrp6 vrid 3 accept-mode\n",
		SIM_S(6));
	assert_int_equal(router_register_udp(p.r, 5001, count_rx, &rx), 0);
	for (size_t i = 0; i < sizeof(tc) / sizeof(tc[0]); i++) {
		enum net_af af =
			strchr(tc[i].dst, ':') ? NET_AF_IP6 : NET_AF_IP4;
		int got;

		assert_int_equal(
			vrrp_state_of(vrrp_inst(p.r), LAN, af, tc[i].vrid),
			VRRP_STATE_MASTER);
		got = pt_udp(&p, tc[i].dst, tc[i].vrid, &rx);
		if (got != tc[i].want)
			fail_msg("%s: delivered %d, expected %d", tc[i].dst,
				 got, tc[i].want);
	}
	/* Accept_Mode turned off on the running Master: no longer. */
	assert_int_equal(pt_if(&p, "undo vrrp vrid 3 accept-mode"), 0);
	assert_int_equal(pt_udp(&p, "10.0.1.253", 3, &rx), 0);
	pt_close(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_local_first),
		cmocka_unit_test(test_v2_interval_range),
		cmocka_unit_test(test_statistics),
		cmocka_unit_test(test_accept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
