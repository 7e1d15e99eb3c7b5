/*
 * PIM router tests of the VRP commands, displays and reception checks:
 * every refused line with the router's message (table), the values the
 * commands give the engine (interface over view over RFC 7761 4.11
 * defaults, derived holdtimes), undo forms down to the engine stopping
 * and the goodbye Hello (Holdtime 0, RFC 7761 4.3.1), golden displays on
 * the two-router world, and the IP-level rules of RFC 7761 section 4.9
 * applied to injected messages, each rejection counted by reason (table).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/pim/pim_router_int.h"
#include "protocols/pim/pim_router_test.h"
#include "sim/net/net_build.h"
#include "sim/node/node_host.h"

#define IF1 "GigabitEthernet0/1/0"
#define IF2 "GigabitEthernet0/2/0"

struct one {
	struct pt x;
	struct router *r;
	struct node *p1, *p2; /* probes on IF1 and IF2 */
};

static void one_init(struct one *o, const char *cfg)
{
	static const char *const ports[] = { IF1, IF2, NULL };

	pt_world(&o->x, 5);
	o->r = rtest_router(&o->x.t, "R1", cfg, ports);
	o->p1 = node_tw_probe(o->x.t.w, "P1");
	o->p2 = node_tw_probe(o->x.t.w, "P2");
	rtest_link(&o->x.t, "l1", o->p1, "eth0", router_node(o->r), IF1);
	rtest_link(&o->x.t, "l2", o->p2, "eth0", router_node(o->r), IF2);
	rtest_boot(o->r);
	node_tw_run_for(o->x.t.w, SIM_MS(10));
}

static void one_fini(struct one *o)
{
	pt_fini(&o->x);
}

/* ---- refused lines ---- */

struct err_case {
	const char *name;
	const char *lines; /* typed in the system view, then commit */
	const char *want;  /* in the output */
};

static const struct err_case no_mcast_cases[] = {
	{ "sm-without-multicast", "interface " IF1 "\npim sm",
	  "Multicast routing is disabled: run multicast routing-enable "
	  "first." },
	{ "sm6-without-multicast", "interface " IF1 "\npim ipv6 sm",
	  "run multicast ipv6 routing-enable first." },
	{ "view-without-multicast", "pim", "Multicast routing is disabled" },
	{ "view6-without-multicast", "pim-ipv6",
	  "run multicast ipv6 routing-enable first." },
};

static const struct err_case mcast_cases[] = {
	{ "hello-zero", "interface " IF1 "\npim timer hello 0",
	  "Wrong parameter" },
	{ "hello-too-long", "interface " IF1 "\npim timer hello 18001",
	  "Wrong parameter" },
	{ "priority-33-bits",
	  "interface " IF1 "\npim hello-option dr-priority 4294967296",
	  "Wrong parameter" },
	{ "lan-delay-16-bits",
	  "interface " IF1 "\npim hello-option lan-delay 32768",
	  "Wrong parameter" },
	{ "triggered-6", "interface " IF1 "\npim triggered-hello-delay 6",
	  "Wrong parameter" },
	{ "spt-rate", "pim\nspt-switch-threshold 100",
	  "failsim does not measure traffic rates" },
	{ "rp-multicast", "pim\nstatic-rp 224.1.1.1",
	  "The RP address 224.1.1.1 is not a unicast address." },
	{ "rp-loopback", "pim\nstatic-rp 127.0.0.1",
	  "is not a unicast address" },
	{ "rp-range-unicast", "pim\nstatic-rp 1.1.1.1 group-range 10.0.0.0/8",
	  "The group range 10.0.0.0/8 is not multicast." },
	{ "rp-range-too-wide", "pim\nstatic-rp 1.1.1.1 group-range 192.0.0.0/2",
	  "is not multicast" },
	{ "rp6-link-local", "pim-ipv6\nstatic-rp fe80::1",
	  "The RP address FE80::1 is not a unicast address." },
	{ "rp6-range-unicast",
	  "pim-ipv6\nstatic-rp 2001:db8::1 group-range 2001:db8::/32",
	  "is not multicast" },
	{ "rp6-ipv4", "pim-ipv6\nstatic-rp 1.1.1.1", "Wrong parameter" },
	{ "assert-6", "pim\nholdtime assert 6", "Wrong parameter" },
	{ "lifetime-59", "pim\nsource-lifetime 59", "Wrong parameter" },
	{ "probe-half", "pim\nprobe-interval 30",
	  "Probe interval 30 s is not below half the register suppression "
	  "timeout 60 s." },
	{ "suppression-short",
	  "pim-ipv6\nprobe-interval 20\nregister-suppression-timeout 40",
	  "Probe interval 20 s is not below half the register suppression "
	  "timeout 40 s." },
};

static void run_errors(struct one *o, const struct err_case *c, size_t n)
{
	char lines[512];
	const char *out;
	int rc;

	for (size_t i = 0; i < n; i++) {
		snprintf(lines, sizeof(lines), "system-view\n%s\ncommit",
			 c[i].lines);
		out = rtest_cli(&o->x.t, o->r, lines, &rc);
		if (rc == 0 || !strstr(out, c[i].want))
			fail_msg("%s: rc %d, output:\n%s", c[i].name, rc, out);
		rtest_cli(&o->x.t, o->r, "abort", &rc);
	}
}

void pt_test_cli_errors(void **state)
{
	struct one o;

	(void)state;
	one_init(&o, "system-view\ninterface " IF1
		     "\n ip address 10.0.1.1 255.255.255.0\ncommit\n");
	run_errors(&o, no_mcast_cases,
		   sizeof(no_mcast_cases) / sizeof(no_mcast_cases[0]));
	assert_null(pim_router_engine(o.r, NET_AF_IP4));
	rtest_cli(&o.x.t, o.r,
		  "system-view\nmulticast routing-enable\n"
		  "multicast ipv6 routing-enable\ncommit\nreturn",
		  NULL);
	run_errors(&o, mcast_cases,
		   sizeof(mcast_cases) / sizeof(mcast_cases[0]));
	/* Nothing refused changed anything. */
	assert_null(pim_router_engine(o.r, NET_AF_IP4));
	one_fini(&o);
}

/* ---- values ---- */

#define VALUES_CFG                                                             \
	"system-view\n"                                                        \
	"multicast routing-enable\n"                                           \
	"multicast ipv6 routing-enable\n"                                      \
	"interface " IF1 "\n"                                                  \
	" ip address 10.0.1.1 255.255.255.0\n"                                 \
	" ipv6 enable\n"                                                       \
	" pim sm\n"                                                            \
	" pim timer hello 10\n"                                                \
	" pim hello-option dr-priority 7\n"                                    \
	" pim ignore dr-state\n"                                               \
	" pim ignore assert-state\n"                                           \
	" pim ipv6 sm\n"                                                       \
	" pim ipv6 hello-option override-interval 3000\n"                      \
	"interface " IF2 "\n"                                                  \
	" ip address 10.0.2.1 255.255.255.0\n"                                 \
	" pim sm\n"                                                            \
	"pim\n"                                                                \
	" static-rp 10.9.9.9 group-range 239.0.0.0/8 preferred\n"              \
	" static-rp 10.9.9.8\n"                                                \
	" spt-switch-threshold infinity\n"                                     \
	" timer join-prune 30\n"                                               \
	" source-lifetime 300\n"                                               \
	" register-suppression-timeout 90\n"                                   \
	" probe-interval 10\n"                                                 \
	" holdtime assert 100\n"                                               \
	" hello-option dr-priority 3\n"                                        \
	" hello-option lan-delay 700\n"                                        \
	" timer hello 20\n"                                                    \
	"pim-ipv6\n"                                                           \
	" static-rp 2001:db8::9\n"                                             \
	"commit\n"

static struct pim_rif *rif_of(struct one *o, enum net_af af, const char *ifn)
{
	struct pim_fam *f = pim_fam(pim_inst(o->r), af);
	struct node_iface *ifp = node_iface_find(router_node(o->r), ifn);
	struct pim_rif *rif = f && ifp ? pim_rif_find(f, ifp->ifindex) : NULL;

	assert_non_null(rif);
	return rif;
}

static void check_view_values(struct one *o)
{
	const struct pim_cfg *c;
	struct pim *p = pim_router_engine(o->r, NET_AF_IP4);

	assert_non_null(p);
	c = pim_get_cfg(p);
	assert_int_equal(c->nrps, 2);
	assert_true(pt_addr_is(&c->rps[0].rp, "10.9.9.9"));
	assert_true(pt_addr_is(&c->rps[0].range.addr, "239.0.0.0"));
	assert_int_equal(c->rps[0].range.len, 8);
	assert_true(pt_addr_is(&c->rps[1].range.addr, "224.0.0.0"));
	assert_int_equal(c->rps[1].range.len, 4);
	assert_true(c->spt_never);
	assert_true(c->jp_period == SIM_S(30));
	assert_true(c->keepalive == SIM_S(300));
	assert_true(c->register_suppression == SIM_S(90));
	assert_true(c->register_probe == SIM_S(10));
	assert_true(c->assert_time == SIM_S(100));
	p = pim_router_engine(o->r, NET_AF_IP6);
	assert_non_null(p);
	assert_int_equal(pim_get_cfg(p)->nrps, 1);
	assert_false(pim_get_cfg(p)->spt_never);
}

void pt_test_cli_values(void **state)
{
	struct pim_if_info in;
	struct pim_if_cfg c;
	const char *out;
	struct one o;

	(void)state;
	one_init(&o, VALUES_CFG);
	check_view_values(&o);
	/* IF1: its own values; holdtimes derived (3.5 x hello, 3.5 x
	 * t_periodic); the view's LAN delay. */
	pim_rif_cfg(rif_of(&o, NET_AF_IP4, IF1), &c);
	assert_true(c.hello_period == SIM_S(10));
	assert_true(c.hello_holdtime == SIM_S(35));
	assert_true(c.jp_holdtime == SIM_S(105));
	assert_true(c.propagation_delay == SIM_MS(700));
	assert_int_equal(c.dr_priority, 7);
	assert_true(c.ignore_dr && c.ignore_assert);
	assert_true(pt_addr_is(&c.addr, "10.0.1.1"));
	/* IF2: the view's defaults. */
	pim_rif_cfg(rif_of(&o, NET_AF_IP4, IF2), &c);
	assert_true(c.hello_period == SIM_S(20));
	assert_true(c.hello_holdtime == SIM_S(70));
	assert_int_equal(c.dr_priority, 3);
	assert_false(c.ignore_dr);
	/* IPv6 is configured apart: RFC defaults but the override. */
	pim_rif_cfg(rif_of(&o, NET_AF_IP6, IF1), &c);
	assert_true(c.hello_period == SIM_S(30));
	assert_true(c.override_interval == SIM_MS(3000));
	assert_int_equal(c.dr_priority, 1);
	assert_int_equal(c.addr.af, NET_AF_IP6);
	/* What the engine runs with. */
	pt_if_info(o.r, NET_AF_IP4, IF1, &in);
	assert_int_equal(in.dr_priority, 7);
	assert_true(in.we_are_dr);
	pt_if_info(o.r, NET_AF_IP4, IF2, &in);
	assert_int_equal(in.dr_priority, 3);
	/* The same RP again replaces its line (and its range). */
	rtest_cli(&o.x.t, o.r,
		  "system-view\npim\nstatic-rp 10.9.9.9\ncommit\nreturn", NULL);
	assert_int_equal(pim_get_cfg(pim_router_engine(o.r, NET_AF_IP4))->nrps,
			 2);
	assert_int_equal(pim_get_cfg(pim_router_engine(o.r, NET_AF_IP4))
				 ->rps[0]
				 .range.len,
			 4);
	/* The interface value goes: the view's comes back. */
	rtest_cli(&o.x.t, o.r,
		  "system-view\ninterface " IF1
		  "\nundo pim hello-option dr-priority\ncommit\nreturn",
		  NULL);
	pt_if_info(o.r, NET_AF_IP4, IF1, &in);
	assert_int_equal(in.dr_priority, 3);
	out = rtest_cli(&o.x.t, o.r, "display current-configuration", NULL);
	assert_non_null(strstr(out, " pim ignore dr-state\n"));
	assert_non_null(strstr(out, "pim-ipv6\n static-rp 2001:DB8::9\n"));
	assert_non_null(strstr(out, " static-rp 10.9.9.8\n"));
	assert_non_null(strstr(out, " spt-switch-threshold infinity\n"));
	one_fini(&o);
}

/* ---- undo ---- */

struct last_hello {
	bool seen;
	sim_time_t holdtime;
	struct net_addr src;
	size_t n;	   /* IPv4 Hellos */
	size_t goodbye_at; /* index of the first goodbye + 1, 0: none */
	struct net_addr goodbye_src;
};

static void last_hello(struct one *o, struct node *probe, struct last_hello *h)
{
	memset(h, 0, sizeof(*h));
	for (size_t i = 0; i < node_tw_probe_count(probe); i++) {
		struct net_pkt_info pi;

		rtest_probe_pkt(probe, i, &pi, NULL);
		if (pi.l4_proto != PIM_PROTO ||
		    pim_pkt_decode(pi.af, pi.l4, pi.l4_len, &pi.src, &pi.dst,
				   o->x.m) != PIM_PKT_OK ||
		    o->x.m->type != PIM_T_HELLO || pi.af != NET_AF_IP4)
			continue;
		h->seen = true;
		h->holdtime = o->x.m->hello.holdtime;
		h->src = pi.src;
		h->n++;
		if (!h->holdtime && !h->goodbye_at) {
			h->goodbye_at = h->n;
			h->goodbye_src = pi.src;
		}
	}
}

void pt_test_cli_undo(void **state)
{
	struct last_hello h;
	const char *out;
	struct one o;

	(void)state;
	one_init(&o, VALUES_CFG);
	node_tw_run_for(o.x.t.w, SIM_S(30));
	/* A new address: a goodbye from the old one, then Hellos from the
	 * new one (RFC 7761 4.3.1). */
	node_tw_probe_clear(o.p1);
	rtest_cli(&o.x.t, o.r,
		  "system-view\ninterface " IF1
		  "\nip address 10.0.1.5 255.255.255.0\ncommit\nreturn",
		  NULL);
	node_tw_run_for(o.x.t.w, SIM_S(6));
	last_hello(&o, o.p1, &h);
	assert_int_equal(h.goodbye_at, 1);
	assert_true(pt_addr_is(&h.goodbye_src, "10.0.1.1"));
	assert_true(h.n >= 2);
	assert_true(pt_addr_is(&h.src, "10.0.1.5"));
	assert_true(h.holdtime == SIM_S(35));
	/* `undo pim`: every view value back to its default. */
	rtest_cli(&o.x.t, o.r, "system-view\nundo pim\ncommit\nreturn", NULL);
	{
		const struct pim_cfg *c =
			pim_get_cfg(pim_router_engine(o.r, NET_AF_IP4));
		struct pim_if_info in;

		assert_int_equal(c->nrps, 0);
		assert_false(c->spt_never);
		assert_true(c->jp_period == SIM_S(60));
		assert_true(c->keepalive == SIM_S(210));
		pt_if_info(o.r, NET_AF_IP4, IF2, &in);
		assert_int_equal(in.dr_priority, 1);
	}
	/* `undo pim sm`: a goodbye (Holdtime 0) goes out first. */
	node_tw_probe_clear(o.p2);
	rtest_cli(&o.x.t, o.r,
		  "system-view\ninterface " IF2 "\nundo pim sm\ncommit\nreturn",
		  NULL);
	node_tw_run_for(o.x.t.w, SIM_MS(10));
	last_hello(&o, o.p2, &h);
	assert_true(h.seen);
	assert_true(h.holdtime == 0);
	{
		int rc;

		out = rtest_cli(&o.x.t, o.r, "display pim interface " IF2, &rc);
		assert_int_equal(rc, -1);
		assert_string_equal(out,
				    "Error: PIM is not enabled on " IF2 ".\n");
	}
	/* The last IPv6 interface goes: the IPv6 engine stops. */
	rtest_cli(&o.x.t, o.r,
		  "system-view\ninterface " IF1
		  "\nundo pim ipv6 sm\ncommit\nreturn",
		  NULL);
	node_tw_run_for(o.x.t.w, SIM_MS(10));
	assert_null(pim_router_engine(o.r, NET_AF_IP6));
	assert_non_null(pim_router_engine(o.r, NET_AF_IP4));
	/* Multicast routing off: the IPv4 engine stops too, and the
	 * interface says why. */
	rtest_cli(&o.x.t, o.r,
		  "system-view\nundo multicast routing-enable\ncommit\nreturn",
		  NULL);
	node_tw_run_for(o.x.t.w, SIM_S(11));
	assert_null(pim_router_engine(o.r, NET_AF_IP4));
	out = rtest_cli(&o.x.t, o.r, "display pim interface verbose", NULL);
	assert_non_null(
		strstr(out, "PIM state: down (multicast routing is disabled)"));
	/* And back. */
	rtest_cli(&o.x.t, o.r,
		  "system-view\nmulticast routing-enable\ncommit\nreturn",
		  NULL);
	node_tw_run_for(o.x.t.w, SIM_S(1));
	assert_non_null(pim_router_engine(o.r, NET_AF_IP4));
	rtest_cli(&o.x.t, o.r,
		  "system-view\ninterface " IF1 "\nundo pim sm\ncommit\nreturn",
		  NULL);
	node_tw_run_for(o.x.t.w, SIM_MS(10));
	assert_null(pim_router_engine(o.r, NET_AF_IP4));
	one_fini(&o);
}

/* ---- golden displays ---- */

/* At 100 s: neighbors since about 1.5 s (the first Hellos go out within
 * Triggered_Hello_Delay), their last Hellos about 9 s ago (105 s
 * holdtime); R2 is DR on both links by its higher address. */
#define PT_GOLDEN_NBR                                                          \
	" VPN-Instance: public net\n"                                          \
	" Total Number of Neighbors = 2\n"                                     \
	"\n"                                                                   \
	" Neighbor        Interface           Uptime   Expires  Dr-Priority  " \
	"BFD-Session\n"                                                        \
	" 10.0.12.2       GE0/2/0             00:01:38 00:01:36 1            " \
	"N\n"                                                                  \
	" 10.0.21.2       GE0/3/0             00:01:36 00:01:38 1            " \
	"N\n"
#define PT_GOLDEN_IF                                                           \
	" VPN-Instance: public net\n"                                          \
	" Interface           State NbrCnt HelloInt   DR-Pri     DR-Address\n" \
	" GE0/1/0             up    0      30         1          10.0.1.1 "    \
	"(local)\n"                                                            \
	" GE0/2/0             up    1      30         1          10.0.12.2\n"  \
	" GE0/3/0             up    1      30         1          10.0.21.2\n"
#define PT_GOLDEN_TABLE_R2                                                     \
	" VPN-Instance: public net\n"                                          \
	" Total 1 (*, G) entry; 1 (S, G) entry\n"                              \
	"\n"                                                                   \
	" (*, 239.1.1.1)\n"                                                    \
	"     RP: 1.1.1.1\n"                                                   \
	"     Protocol: pim-sm, Flag: WC\n"                                    \
	"     UpTime: 00:00:03\n"                                              \
	"     Upstream interface: GigabitEthernet0/2/0\n"                      \
	"         Upstream neighbor: 10.0.12.1\n"                              \
	"         RPF prime neighbor: 10.0.12.1\n"                             \
	"         Upstream state: Joined\n"                                    \
	"     Downstream interface(s) information:\n"                          \
	"     Total number of downstreams: 1\n"                                \
	"        1: GigabitEthernet0/1/0\n"                                    \
	"             Protocol: igmp, State: local, Assert: NoInfo, Expires: " \
	"-\n"                                                                  \
	"\n"                                                                   \
	" (10.0.1.10, 239.1.1.1)\n"                                            \
	"     RP: 1.1.1.1\n"                                                   \
	"     Protocol: pim-sm, Flag: SPT\n"                                   \
	"     UpTime: 00:00:01\n"                                              \
	"     Upstream interface: GigabitEthernet0/2/0\n"                      \
	"         Upstream neighbor: 10.0.12.1\n"                              \
	"         RPF prime neighbor: 10.0.12.1\n"                             \
	"         Upstream state: Joined\n"                                    \
	"         Keepalive expires: 00:03:28\n"                               \
	"     Downstream interface(s) information:\n"                          \
	"     Total number of downstreams: 1\n"                                \
	"        1: GigabitEthernet0/1/0\n"                                    \
	"             Protocol: pim-sm, State: inherited, Assert: NoInfo, "    \
	"Expires: -\n"
/* The RP: (*,G) with no upstream, (S,G) from the directly connected
 * source. */
#define PT_GOLDEN_TABLE_R1                                                     \
	" VPN-Instance: public net\n"                                          \
	" Total 1 (*, G) entry; 1 (S, G) entry\n"                              \
	"\n"                                                                   \
	" (*, 239.1.1.1)\n"                                                    \
	"     RP: 1.1.1.1 (local)\n"                                           \
	"     Protocol: pim-sm, Flag: WC\n"                                    \
	"     UpTime: 00:00:03\n"                                              \
	"     Upstream interface: NULL\n"                                      \
	"         Upstream neighbor: NULL\n"                                   \
	"         RPF prime neighbor: NULL\n"                                  \
	"         Upstream state: Joined\n"                                    \
	"     Downstream interface(s) information:\n"                          \
	"     Total number of downstreams: 1\n"                                \
	"        1: GigabitEthernet0/2/0\n"                                    \
	"             Protocol: pim-sm, State: Join, Assert: NoInfo, "         \
	"Expires: 00:03:26\n"                                                  \
	"\n"                                                                   \
	" (10.0.1.10, 239.1.1.1)\n"                                            \
	"     RP: 1.1.1.1 (local)\n"                                           \
	"     Protocol: pim-sm, Flag: SPT\n"                                   \
	"     UpTime: 00:00:01\n"                                              \
	"     Upstream interface: GigabitEthernet0/1/0\n"                      \
	"         Upstream neighbor: NULL\n"                                   \
	"         RPF prime neighbor: NULL\n"                                  \
	"         Upstream state: Joined\n"                                    \
	"         Keepalive expires: 00:03:28\n"                               \
	"     Downstream interface(s) information:\n"                          \
	"     Total number of downstreams: 1\n"                                \
	"        1: GigabitEthernet0/2/0\n"                                    \
	"             Protocol: pim-sm, State: Join, Assert: NoInfo, "         \
	"Expires: 00:03:28\n"
#define PT_GOLDEN_NBR6                                                         \
	" VPN-Instance: public net\n"                                          \
	" Total Number of Neighbors = 2\n"                                     \
	"\n"                                                                   \
	" Neighbor                       Interface      Uptime   Expires  "    \
	"Dr-Priority  BFD-Session\n"                                           \
	" FE80::12:1\n"                                                        \
	"                                GE0/2/0        00:01:38 00:01:36 1 "  \
	"           N\n"                                                       \
	" FE80::21:1\n"                                                        \
	"                                GE0/3/0        00:01:39 00:01:35 1 "  \
	"           N\n"

static void expect_text(const char *what, const char *got, const char *want)
{
	if (getenv("PT_DUMP"))
		fprintf(stderr, "==== %s\n%s", what, got);
	else if (strcmp(got, want) != 0)
		fail_msg("%s:\n--- got ---\n%s--- want ---\n%s", what, got,
			 want);
}

/* The verbose and counter displays: the values that matter. */
static void check_verbose(struct pt *x)
{
	static const char *const want_if[] = {
		" Interface: GigabitEthernet0/2/0, 10.0.12.1\n",
		"     PIM state: up\n",
		"     PIM DR: 10.0.12.2\n",
		"     PIM neighbor count: 1\n",
		"     PIM hello hold interval: 105 s\n",
		"     PIM J/P hold interval: 210 s\n",
		"     Dropped on receipt: malformed 0, disabled 0, ttl 0, "
		"destination 0, source 0\n",
	};
	static const char *const want_stats[] = {
		" PIM state: up\n",
		" Entries: 2\n",
		" Send failures: 0\n",
		" Dropped on receipt: malformed 0",
	};
	const char *out;

	out = rtest_cli(&x->t, x->r1,
			"display pim interface GigabitEthernet0/2/0 verbose",
			NULL);
	if (getenv("PT_DUMP"))
		fprintf(stderr, "%s", out);
	for (size_t i = 0; i < sizeof(want_if) / sizeof(want_if[0]); i++)
		if (!strstr(out, want_if[i]))
			fail_msg("no \"%s\" in:\n%s", want_if[i], out);
	out = rtest_cli(&x->t, x->r1, "display pim statistics", NULL);
	if (getenv("PT_DUMP"))
		fprintf(stderr, "%s", out);
	for (size_t i = 0; i < sizeof(want_stats) / sizeof(want_stats[0]); i++)
		if (!strstr(out, want_stats[i]))
			fail_msg("no \"%s\" in:\n%s", want_stats[i], out);
}

void pt_test_display_golden(void **state)
{
	struct pt x;

	(void)state;
	pt_init(&x, NULL, NULL, 2);
	node_tw_run(x.t.w, SIM_S(100));
	expect_text("display pim neighbor",
		    rtest_cli(&x.t, x.r1, "display pim neighbor", NULL),
		    PT_GOLDEN_NBR);
	expect_text("display pim interface",
		    rtest_cli(&x.t, x.r1, "display pim interface", NULL),
		    PT_GOLDEN_IF);
	expect_text("display pim ipv6 neighbor",
		    rtest_cli(&x.t, x.r2, "display pim ipv6 neighbor", NULL),
		    PT_GOLDEN_NBR6);
	expect_text("display pim rp-info",
		    rtest_cli(&x.t, x.r2, "display pim rp-info", NULL),
		    " VPN-Instance: public net\n"
		    " PIM-SM RP-set information:\n"
		    "   Static RP: 1.1.1.1\n"
		    "     Group/MaskLen: 224.0.0.0/4\n"
		    " SSM group range: 232.0.0.0/8\n");
	/* The trees of one stream, as R2 and the RP show them. */
	{
		struct net_addr g = node_tw_addr(PT_G4);

		assert_int_equal(node_host_join(x.rcv, "eth0", &g), 0);
	}
	node_tw_run_for(x.t.w, SIM_S(2));
	pt_stream(&x, PT_G4, 20, SIM_MS(100));
	expect_text("display pim routing-table (R2)",
		    rtest_cli(&x.t, x.r2, "display pim routing-table", NULL),
		    PT_GOLDEN_TABLE_R2);
	expect_text("display pim routing-table (R1)",
		    rtest_cli(&x.t, x.r1, "display pim routing-table", NULL),
		    PT_GOLDEN_TABLE_R1);
	check_verbose(&x);
	pt_fini(&x);
}

/* ---- reception checks ---- */

struct rx_case {
	const char *name;
	enum net_af af;
	enum pim_type type;
	const char *src, *dst;
	uint8_t ttl;   /* 0: 1 */
	bool bad_csum; /* flip a checksum bit */
	bool on_if2;   /* sent on IF2, where PIM is not enabled */
	int drop;      /* enum pim_rx_drop counted, -1: none */
};

#define IP4 NET_AF_IP4
#define IP6 NET_AF_IP6

static const struct rx_case rx_cases[] = {
	{ "hello", IP4, PIM_T_HELLO, "10.0.1.2", "224.0.0.13", 0, 0, 0, -1 },
	{ "hello-ttl-2", IP4, PIM_T_HELLO, "10.0.1.2", "224.0.0.13", 2, 0, 0,
	  PIM_RX_TTL },
	{ "hello-unicast", IP4, PIM_T_HELLO, "10.0.1.2", "10.0.1.1", 0, 0, 0,
	  PIM_RX_DST },
	{ "hello-other-group", IP4, PIM_T_HELLO, "10.0.1.2", "224.0.0.5", 0, 0,
	  0, PIM_RX_DST },
	{ "hello-off-subnet", IP4, PIM_T_HELLO, "10.9.9.9", "224.0.0.13", 0, 0,
	  0, PIM_RX_SRC },
	{ "hello-own-source", IP4, PIM_T_HELLO, "10.0.1.1", "224.0.0.13", 0, 0,
	  0, PIM_RX_SRC },
	{ "hello-bad-checksum", IP4, PIM_T_HELLO, "10.0.1.2", "224.0.0.13", 0,
	  1, 0, PIM_RX_MALFORMED },
	{ "hello-without-pim", IP4, PIM_T_HELLO, "10.0.2.2", "224.0.0.13", 0, 0,
	  1, PIM_RX_DISABLED },
	{ "register-stop-to-group", IP4, PIM_T_REGISTER_STOP, "10.0.1.2",
	  "224.0.0.13", 0, 0, 0, PIM_RX_DST },
	{ "register-stop", IP4, PIM_T_REGISTER_STOP, "10.0.1.2", "10.0.1.1", 64,
	  0, 0, -1 },
	{ "hello6", IP6, PIM_T_HELLO, "fe80::1:2", "ff02::d", 0, 0, 0, -1 },
	{ "hello6-global-source", IP6, PIM_T_HELLO, "2001:db8:1::2", "ff02::d",
	  0, 0, 0, PIM_RX_SRC },
	{ "hello6-hop-limit-255", IP6, PIM_T_HELLO, "fe80::1:2", "ff02::d", 255,
	  0, 0, PIM_RX_TTL },
	{ "hello6-bad-checksum", IP6, PIM_T_HELLO, "fe80::1:2", "ff02::d", 0, 1,
	  0, PIM_RX_MALFORMED },
};

static void build_msg(struct pim_msg *m, const struct rx_case *c)
{
	memset(m, 0, sizeof(*m));
	m->af = c->af;
	m->type = c->type;
	if (c->type == PIM_T_HELLO) {
		m->hello.has_holdtime = true;
		m->hello.holdtime = SIM_S(105);
		m->hello.has_dr_priority = true;
		m->hello.dr_priority = 1;
		m->hello.has_genid = true;
		m->hello.genid = 0x1234;
		return;
	}
	m->reg_stop.group.addr = node_tw_addr("239.1.1.1");
	m->reg_stop.group.mask_len = 32;
	m->reg_stop.source = node_tw_addr("10.0.1.10");
}

static void inject(struct one *o, const struct rx_case *c)
{
	struct net_addr src = node_tw_addr(c->src), dst = node_tw_addr(c->dst);
	struct node *p = c->on_if2 ? o->p2 : o->p1;
	struct node_iface *rp =
		node_iface_find(router_node(o->r), c->on_if2 ? IF2 : IF1);
	uint8_t body[NET_FRAME_MAX], frame[NET_FRAME_MAX];
	struct net_mac l2dst = rp->mac;
	struct net_wr w;
	int len, n;

	build_msg(o->x.m, c);
	len = pim_pkt_encode(o->x.m, &src, &dst, body, sizeof(body));
	assert_true(len > 0);
	if (c->bad_csum)
		body[3] ^= 0x01;
	if (net_addr_is_multicast(&dst)) {
		struct net_ip4 d4 = net_addr_ip4(&dst);
		struct net_ip6 d6 = net_addr_ip6(&dst);

		l2dst = c->af == IP4 ? net_mac_from_ip4_mcast(&d4)
				     : net_mac_from_ip6_mcast(&d6);
	}
	net_wr_init(&w, frame, sizeof(frame));
	if (c->af == IP4) {
		struct net_ip4_params q = { .src = net_addr_ip4(&src),
					    .dst = net_addr_ip4(&dst),
					    .ttl = c->ttl ? c->ttl : 1,
					    .tos = 0xc0 };

		q.l2.src = p->ifaces[0]->mac;
		q.l2.dst = l2dst;
		n = net_build_ip4(&w, &q, PIM_PROTO, body, (size_t)len);
	} else {
		struct net_ip6_params q = { .src = net_addr_ip6(&src),
					    .dst = net_addr_ip6(&dst),
					    .hop_limit = c->ttl ? c->ttl : 1 };

		q.l2.src = p->ifaces[0]->mac;
		q.l2.dst = l2dst;
		n = net_build_ip6(&w, &q, PIM_PROTO, body, (size_t)len);
	}
	assert_true(n > 0);
	assert_int_equal(node_tw_probe_send(p, "eth0", frame, (size_t)n), 0);
}

static uint64_t drops(struct one *o, const struct rx_case *c, int d)
{
	uint64_t v[PIM_RX__COUNT];
	struct node_iface *ifp =
		node_iface_find(router_node(o->r), c->on_if2 ? IF2 : IF1);

	/* No PIM state on IF2: counted for the family. */
	if (!pim_router_drops(o->r, c->on_if2 ? NULL : ifp, c->af, v))
		return 0;
	return v[d];
}

#define RX_CFG                                                                 \
	"system-view\n"                                                        \
	"multicast routing-enable\n"                                           \
	"multicast ipv6 routing-enable\n"                                      \
	"interface " IF1 "\n"                                                  \
	" ip address 10.0.1.1 255.255.255.0\n"                                 \
	" ipv6 enable\n"                                                       \
	" ipv6 address FE80::1:1 link-local\n"                                 \
	" pim sm\n"                                                            \
	" pim ipv6 sm\n"                                                       \
	"interface " IF2 "\n"                                                  \
	" ip address 10.0.2.1 255.255.255.0\n"                                 \
	"commit\n"

void pt_test_rx_drops(void **state)
{
	struct one o;

	(void)state;
	one_init(&o, RX_CFG);
	for (size_t i = 0; i < sizeof(rx_cases) / sizeof(rx_cases[0]); i++) {
		const struct rx_case *c = &rx_cases[i];
		uint64_t before[PIM_RX__COUNT], after;

		for (int d = 0; d < PIM_RX__COUNT; d++)
			before[d] = drops(&o, c, d);
		inject(&o, c);
		node_tw_run_for(o.x.t.w, SIM_MS(10));
		for (int d = 0; d < PIM_RX__COUNT; d++) {
			after = drops(&o, c, d);
			if (after != before[d] + (d == c->drop))
				fail_msg(
					"%s: %s counted %llu, want %llu",
					c->name, pim_rx_drop_name(d),
					(unsigned long long)(after - before[d]),
					(unsigned long long)(d == c->drop));
		}
	}
	/* The acceptable Hellos made neighbors. */
	{
		struct pim_if_info in;

		pt_if_info(o.r, IP4, IF1, &in);
		assert_int_equal(in.nnbrs, 1);
		pt_if_info(o.r, IP6, IF1, &in);
		assert_int_equal(in.nnbrs, 1);
	}
	one_fini(&o);
}
