/*
 * Tests of the scenario loader on valid input: a scenario using every key
 * loads with every field as written, a minimal one gets every documented
 * default, the examples shipped in the repository (scenarios/README.md and
 * the scenario files) load, two loads in one process are independent, and
 * file loading, --duration and scn_spec_errf behave.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/scenario/scn_spec.h"

static const char full_yaml[] =
	"name: full.test-1\n"				      /* 1 */
	"description: >\n"				      /* 2 */
	"  every key\n"					      /* 3 */
	"  once\n"					      /* 4 */
	"seed: 18446744073709551615\n"			      /* 5 */
	"duration: 6s\n"				      /* 6 */
	"profiles:\n"					      /* 7 */
	"  fast-asic:\n"				      /* 8 */
	"    pipeline_latency: 3us\n"			      /* 9 */
	"    replication_latency: 200ns\n"		      /* 10 */
	"    punt_latency: 31us\n"			      /* 11 */
	"    inject_latency: 21us\n"			      /* 12 */
	"    cpu_pps: 30000\n"				      /* 13 */
	"    cpu_queue: 512\n"				      /* 14 */
	"    fib_write: 6us\n"				      /* 15 */
	"    mfib_write: 25us\n"			      /* 16 */
	"    oif_write: 11us\n"				      /* 17 */
	"    adj_write: 7us\n"				      /* 18 */
	"    batch_overhead: 150us\n"			      /* 19 */
	"    link_detect: 10ms\n"			      /* 20 */
	"    egress_queue: 2000\n"			      /* 21 */
	"  slow:\n"					      /* 22 */
	"nodes:\n"					      /* 23 */
	"  - name: R1\n"				      /* 24 */
	"    kind: router\n"				      /* 25 */
	"    model: fast-asic\n"			      /* 26 */
	"    boot_delay: 20s\n"				      /* 27 */
	"    config: |\n"				      /* 28 */
	"      system-view\n"				      /* 29 */
	"      sysname R1\n"				      /* 30 */
	"  - name: R2\n"				      /* 31 */
	"    kind: router\n"				      /* 32 */
	"    config: \"system-view\"\n"			      /* 33 */
	"  - name: SW1\n"				      /* 34 */
	"    kind: switch\n"				      /* 35 */
	"    mac_ageing: 60s\n"				      /* 36 */
	"  - name: src\n"				      /* 37 */
	"    kind: host\n"				      /* 38 */
	"    interfaces:\n"				      /* 39 */
	"      - name: eth0\n"				      /* 40 */
	"        mac: 00:00:00:00:01:10\n"		      /* 41 */
	"        ipv4: 10.0.1.10/24\n"			      /* 42 */
	"        gateway: 10.0.1.1\n"			      /* 43 */
	"        ipv6: 2001:db8:1::10/64\n"		      /* 44 */
	"        gateway6: 2001:db8:1::1\n"		      /* 45 */
	"      - ipv6: 2001:db8:9::10/64\n"		      /* 46 */
	"        gateway6: fe80::1\n"			      /* 47 */
	"  - { name: rcv1, kind: host, ipv4: 10.0.2.11/24,\n" /* 48 */
	"      ipv6: 2001:db8:2::11/64 }\n"		      /* 49 */
	"links:\n"					      /* 50 */
	"  - name: L1\n"				      /* 51 */
	"    a: R1:GigabitEthernet0/1/0\n"		      /* 52 */
	"    b: SW1:p1\n"				      /* 53 */
	"    rate: 10Gbps\n"				      /* 54 */
	"    delay: 5us\n"				      /* 55 */
	"    loss: 1%\n"				      /* 56 */
	"    up: false\n"				      /* 57 */
	"  - { a: 'src:eth0', b: 'SW1:p2' }\n"		      /* 58 */
	"  - { a: 'rcv1:eth0', b: 'R2:GE0/0/1' }\n"	      /* 59 */
	"traffic:\n"					      /* 60 */
	"  multicast:\n"				      /* 61 */
	"    - name: iptv\n"				      /* 62 */
	"      source: src\n"				      /* 63 */
	"      group: 239.1.1.1\n"			      /* 64 */
	"      count: 10\n"				      /* 65 */
	"      rate: 100pps\n"				      /* 66 */
	"      size: 1472\n"				      /* 67 */
	"      port: 5001\n"				      /* 68 */
	"      start: 1s\n"				      /* 69 */
	"      stop: 5s\n"				      /* 70 */
	"    - { name: v6, source: src, group: 'ff3e::8000:1', rate: 50 }\n"
	"  receivers:\n"			      /* 72 */
	"    - host: rcv1\n"			      /* 73 */
	"      streams: [iptv]\n"		      /* 74 */
	"      join: 0.5s\n"			      /* 75 */
	"      leave: 5s\n"			      /* 76 */
	"      version: igmpv3\n"		      /* 77 */
	"    - { host: rcv1, streams: [v6, iptv] }\n" /* 78 */
	"    - { host: rcv1, streams: [v6], version: mldv2, mode: include,"
	" sources: ['2001:db8:1::10'] }\n" /* 79 */
	"  unicast:\n"			   /* 80 */
	"    - name: voice\n"		   /* 81 */
	"      from: src\n"		   /* 82 */
	"      to: rcv1\n"		   /* 83 */
	"      rate: 1000\n"		   /* 84 */
	"      size: 160\n"		   /* 85 */
	"      port: 6001\n"		   /* 86 */
	"      start: 1s\n"		   /* 87 */
	"      stop: 5s\n"		   /* 88 */
	"    - { name: to-vip, from: src, to: 10.0.1.254, rate: 10 }\n"
	"    - { name: to-v6, from: rcv1, to: '2001:db8:1::10', rate: 1 }\n"
	"faults:\n"					      /* 91 */
	"  - at: 2s\n"					      /* 92 */
	"    link-down: L1\n"				      /* 93 */
	"    name: primary link cut\n"			      /* 94 */
	"  - { at: 4s, link-up: L1 }\n"			      /* 95 */
	"  - { at: 3s, shutdown: R1:GigabitEthernet0/1/0 }\n" /* 96 */
	"  - { at: 3.5s, undo-shutdown: 'R1:GigabitEthernet0/1/0' }\n"
	"  - { at: 5s, crash: SW1 }\n"		   /* 98 */
	"  - { at: 6s, restart: R1 }\n"		   /* 99 */
	"  - { at: 7s, freeze: R1, for: 500ms }\n" /* 100 */
	"  - { at: 8s, loss: L1, rate: 5% }\n"	   /* 101 */
	"  - at: 9s\n"				   /* 102 */
	"    cli: R2\n"				   /* 103 */
	"    command: |\n"			   /* 104 */
	"      display vrrp\n"			   /* 105 */
	"      display bfd session all\n"	   /* 106 */
	"captures:\n"				   /* 107 */
	"  - link: L1\n"			   /* 108 */
	"    name: primary\n"			   /* 109 */
	"  - link: src:eth0--SW1:p2\n"		   /* 110 */
	"measure:\n"				   /* 111 */
	"  gap_threshold: 5\n"			   /* 112 */
	"  settle: 100ms\n";			   /* 113 */

static struct scn_spec *load_ok(const char *text)
{
	struct scn_spec *s = NULL;
	char err[512] = "";

	if (scn_load_string(text, "t.yaml", &s, err, sizeof(err)) != 0)
		fail_msg("unexpected error: %s", err);
	assert_non_null(s);
	return s;
}

static void check_profiles(const struct scn_spec *s)
{
	const struct scn_profile *p = &s->profiles[0];

	assert_int_equal(s->nprofiles, 3);
	assert_string_equal(p->name, "fast-asic");
	assert_int_equal(p->loc.line, 8);
	assert_int_equal(p->loc.col, 3);
	assert_int_equal(p->pipeline_latency, SIM_US(3));
	assert_int_equal(p->replication_latency, SIM_NS(200));
	assert_int_equal(p->punt_latency, SIM_US(31));
	assert_int_equal(p->inject_latency, SIM_US(21));
	assert_int_equal(p->cpu_pps, 30000);
	assert_int_equal(p->cpu_queue, 512);
	assert_int_equal(p->fib_write, SIM_US(6));
	assert_int_equal(p->mfib_write, SIM_US(25));
	assert_int_equal(p->oif_write, SIM_US(11));
	assert_int_equal(p->adj_write, SIM_US(7));
	assert_int_equal(p->batch_overhead, SIM_US(150));
	assert_int_equal(p->link_detect, SIM_MS(10));
	assert_int_equal(p->egress_queue, 2000);
	/* "slow:" with no parameters: all defaults. */
	assert_string_equal(s->profiles[1].name, "slow");
	assert_int_equal(s->profiles[1].mfib_write, SIM_US(20));
	/* The built-in default comes last. */
	assert_string_equal(s->profiles[2].name, "default");
	assert_int_equal(s->profiles[2].loc.line, 0);
}

static void check_nodes(const struct scn_spec *s)
{
	const struct scn_node *n = s->nodes;
	const struct scn_host_iface *f;
	struct net_addr a;

	assert_int_equal(s->nnodes, 5);
	assert_string_equal(n[0].name, "R1");
	assert_int_equal(n[0].loc.line, 24);
	assert_int_equal(n[0].loc.col, 5);
	assert_int_equal(n[0].kind, SCN_NODE_ROUTER);
	assert_string_equal(n[0].router.model, "fast-asic");
	assert_int_equal(n[0].router.profile, 0);
	assert_int_equal(n[0].router.boot_delay, SIM_S(20));
	assert_string_equal(n[0].router.config, "system-view\nsysname R1\n");
	assert_int_equal(n[0].router.config_line, 29);
	assert_string_equal(n[1].router.model, "default");
	assert_int_equal(n[1].router.profile, 2);
	assert_int_equal(n[1].router.boot_delay, SIM_S(30));
	assert_string_equal(n[1].router.config, "system-view");
	assert_int_equal(n[1].router.config_line, 33);
	assert_int_equal(n[2].kind, SCN_NODE_SWITCH);
	assert_int_equal(n[2].sw.mac_ageing, SIM_S(60));
	assert_false(n[2].sw.snooping);
	assert_int_equal(n[3].kind, SCN_NODE_HOST);
	assert_int_equal(n[3].host.nifaces, 2);
	f = &n[3].host.ifaces[0];
	assert_string_equal(f->name, "eth0");
	assert_int_equal(f->loc.line, 40);
	assert_true(f->mac_given);
	assert_int_equal(f->mac.b[4], 0x01);
	assert_int_equal(f->mac.b[5], 0x10);
	assert_int_equal(net_addr_parse("10.0.1.10", &a), 0);
	assert_true(net_addr_eq(&f->ip4, &a));
	assert_int_equal(f->ip4_len, 24);
	assert_int_equal(net_addr_parse("10.0.1.1", &a), 0);
	assert_true(net_addr_eq(&f->gateway4, &a));
	assert_int_equal(net_addr_parse("2001:db8:1::10", &a), 0);
	assert_true(net_addr_eq(&f->ip6, &a));
	assert_int_equal(f->ip6_len, 64);
	assert_int_equal(net_addr_parse("2001:db8:1::1", &a), 0);
	assert_true(net_addr_eq(&f->gateway6, &a));
	f = &n[3].host.ifaces[1];
	assert_string_equal(f->name, "eth1");
	assert_false(f->mac_given);
	assert_int_equal(f->mac.b[0], 0x02);
	assert_int_equal(f->mac.b[5], 1);
	assert_int_equal(f->ip4.af, NET_AF_NONE);
	assert_int_equal(f->gateway4.af, NET_AF_NONE);
	assert_int_equal(f->gateway6.af, NET_AF_IP6);
	/* Short form: one interface eth0. */
	assert_int_equal(n[4].host.nifaces, 1);
	assert_string_equal(n[4].host.ifaces[0].name, "eth0");
	assert_int_equal(n[4].host.ifaces[0].ip6_len, 64);
}

static void check_links(const struct scn_spec *s)
{
	const struct scn_link *l = s->links;

	assert_int_equal(s->nlinks, 3);
	assert_string_equal(l[0].name, "L1");
	assert_string_equal(l[0].a.node, "R1");
	assert_string_equal(l[0].a.iface, "GigabitEthernet0/1/0");
	assert_int_equal(l[0].a.node_idx, 0);
	assert_int_equal(l[0].a.loc.line, 52);
	assert_int_equal(l[0].a.loc.col, 8);
	assert_string_equal(l[0].b.node, "SW1");
	assert_string_equal(l[0].b.iface, "p1");
	assert_int_equal(l[0].b.node_idx, 2);
	assert_int_equal(l[0].rate_bps, 10000000000ull);
	assert_int_equal(l[0].delay, SIM_US(5));
	assert_int_equal(l[0].loss_ppb, 10000000);
	assert_false(l[0].up);
	assert_string_equal(l[1].name, "src:eth0--SW1:p2");
	assert_int_equal(l[1].rate_bps, 1000000000ull);
	assert_int_equal(l[1].delay, SIM_US(1));
	assert_int_equal(l[1].loss_ppb, 0);
	assert_true(l[1].up);
	assert_string_equal(l[2].b.iface, "GE0/0/1"); /* as written */
}

static void check_traffic(const struct scn_spec *s)
{
	const struct scn_mcast *m = s->mcast;
	const struct scn_receiver *r = s->receivers;
	const struct scn_unicast *u = s->unicast;
	struct net_addr a;

	assert_int_equal(s->nmcast, 2);
	assert_string_equal(m[0].name, "iptv");
	assert_string_equal(m[0].source, "src");
	assert_int_equal(m[0].source_idx, 3);
	assert_int_equal(net_addr_parse("239.1.1.1", &a), 0);
	assert_true(net_addr_eq(&m[0].group, &a));
	assert_int_equal(m[0].count, 10);
	assert_int_equal(m[0].rate_pps, 100);
	assert_int_equal(m[0].size, 1472);
	assert_int_equal(m[0].port, 5001);
	assert_int_equal(m[0].start, SIM_S(1));
	assert_int_equal(m[0].stop, SIM_S(5));
	assert_true(m[0].stop_given);
	assert_int_equal(m[1].group.af, NET_AF_IP6);
	assert_int_equal(m[1].count, 1);
	assert_int_equal(m[1].size, 1316);
	assert_int_equal(m[1].port, 5000);
	assert_int_equal(m[1].start, 0);
	assert_int_equal(m[1].stop, SIM_S(6));
	assert_false(m[1].stop_given);

	assert_int_equal(s->nreceivers, 3);
	assert_string_equal(r[0].host, "rcv1");
	assert_int_equal(r[0].host_idx, 4);
	assert_int_equal(r[0].nstreams, 1);
	assert_string_equal(r[0].streams[0], "iptv");
	assert_int_equal(r[0].stream_idx[0], 0);
	assert_int_equal(r[0].join, SIM_MS(500));
	assert_int_equal(r[0].leave, SIM_S(5));
	assert_int_equal(r[0].version, SCN_GMP_IGMPV3);
	assert_int_equal(r[1].nstreams, 2);
	assert_int_equal(r[1].stream_idx[0], 1);
	assert_int_equal(r[1].stream_idx[1], 0);
	assert_int_equal(r[1].leave, SIM_TIME_NEVER);
	assert_int_equal(r[1].version, SCN_GMP_NONE);
	assert_int_equal(r[2].version, SCN_GMP_MLDV2);
	assert_false(r[0].include);
	assert_int_equal(r[0].nsources, 0);
	assert_true(r[2].include);
	assert_int_equal(r[2].nsources, 1);
	assert_int_equal(net_addr_parse("2001:db8:1::10", &a), 0);
	assert_true(net_addr_eq(&r[2].sources[0], &a));

	assert_int_equal(s->nunicast, 3);
	assert_string_equal(u[0].name, "voice");
	assert_int_equal(u[0].from_idx, 3);
	assert_int_equal(u[0].to_idx, 4);
	assert_int_equal(net_addr_parse("10.0.2.11", &a), 0);
	assert_true(net_addr_eq(&u[0].to_addr, &a));
	assert_int_equal(u[0].rate_pps, 1000);
	assert_int_equal(u[0].size, 160);
	assert_int_equal(u[0].port, 6001);
	assert_int_equal(u[0].start, SIM_S(1));
	assert_int_equal(u[0].stop, SIM_S(5));
	assert_int_equal(u[1].to_idx, SCN_NONE);
	assert_int_equal(u[1].port, 6000);
	assert_int_equal(u[1].size, 1316);
	assert_int_equal(u[2].to_idx, 3); /* an address a host owns */
	assert_int_equal(u[2].to_addr.af, NET_AF_IP6);
}

static void check_faults(const struct scn_spec *s)
{
	const struct scn_fault *f = s->faults;

	assert_int_equal(s->nfaults, 9);
	assert_int_equal(f[0].kind, SCN_FAULT_LINK_DOWN);
	assert_int_equal(f[0].at, SIM_S(2));
	assert_int_equal(f[0].link_idx, 0);
	assert_int_equal(f[0].node_idx, SCN_NONE);
	assert_string_equal(f[0].label, "primary link cut");
	assert_int_equal(f[0].loc.line, 92);
	assert_int_equal(f[1].kind, SCN_FAULT_LINK_UP);
	assert_null(f[1].label);
	assert_int_equal(f[2].kind, SCN_FAULT_SHUTDOWN);
	assert_int_equal(f[2].node_idx, 0);
	assert_string_equal(f[2].iface, "GigabitEthernet0/1/0");
	assert_string_equal(f[2].target, "R1:GigabitEthernet0/1/0");
	assert_int_equal(f[3].kind, SCN_FAULT_UNDO_SHUTDOWN);
	assert_int_equal(f[3].at, SIM_MS(3500));
	assert_int_equal(f[4].kind, SCN_FAULT_CRASH);
	assert_int_equal(f[4].node_idx, 2);
	assert_int_equal(f[5].kind, SCN_FAULT_RESTART);
	assert_int_equal(f[6].kind, SCN_FAULT_FREEZE);
	assert_int_equal(f[6].duration, SIM_MS(500));
	assert_int_equal(f[7].kind, SCN_FAULT_LOSS);
	assert_int_equal(f[7].loss_ppb, 50000000);
	assert_int_equal(f[7].link_idx, 0);
	assert_int_equal(f[8].kind, SCN_FAULT_CLI);
	assert_int_equal(f[8].node_idx, 1);
	assert_string_equal(f[8].command,
			    "display vrrp\ndisplay bfd session all\n");
	assert_int_equal(f[8].command_line, 105);
}

static void test_full(void **state)
{
	struct scn_spec *s = load_ok(full_yaml);

	(void)state;
	assert_string_equal(s->file, "t.yaml");
	assert_string_equal(s->name, "full.test-1");
	assert_string_equal(s->description, "every key once\n");
	assert_true(s->seed == UINT64_MAX);
	assert_int_equal(s->duration, SIM_S(6));
	check_profiles(s);
	check_nodes(s);
	check_links(s);
	check_traffic(s);
	check_faults(s);
	assert_int_equal(s->ncaptures, 2);
	assert_string_equal(s->captures[0].name, "primary");
	assert_int_equal(s->captures[0].link_idx, 0);
	assert_string_equal(s->captures[1].name, "src_eth0--SW1_p2");
	assert_string_equal(s->captures[1].link, "src:eth0--SW1:p2");
	assert_int_equal(s->captures[1].link_idx, 1);
	assert_int_equal(s->measure.gap_threshold, 5);
	assert_int_equal(s->measure.settle, SIM_MS(100));
	assert_int_equal(s->measure.loc.line, 112);
	scn_spec_free(s);
}

static void test_defaults(void **state)
{
	struct scn_spec *s = load_ok(
		"name: x\nduration: 1\nnodes:\n- {name: r, kind: router}\n"
		"- {name: s, kind: switch}\n- {name: h, kind: host}\n");
	const struct scn_host_iface *f;
	struct net_mac mac;

	(void)state;
	assert_null(s->description);
	assert_int_equal(s->seed, 1);
	assert_int_equal(s->duration, SIM_S(1));
	assert_int_equal(s->nprofiles, 1);
	assert_string_equal(s->profiles[0].name, "default");
	assert_int_equal(s->profiles[0].pipeline_latency, SIM_US(2));
	assert_int_equal(s->profiles[0].replication_latency, SIM_NS(100));
	assert_int_equal(s->profiles[0].punt_latency, SIM_US(30));
	assert_int_equal(s->profiles[0].inject_latency, SIM_US(20));
	assert_int_equal(s->profiles[0].cpu_pps, 20000);
	assert_int_equal(s->profiles[0].cpu_queue, 1024);
	assert_int_equal(s->profiles[0].fib_write, SIM_US(5));
	assert_int_equal(s->profiles[0].mfib_write, SIM_US(20));
	assert_int_equal(s->profiles[0].oif_write, SIM_US(10));
	assert_int_equal(s->profiles[0].adj_write, SIM_US(5));
	assert_int_equal(s->profiles[0].batch_overhead, SIM_US(100));
	assert_int_equal(s->profiles[0].link_detect, SIM_MS(5));
	assert_int_equal(s->profiles[0].egress_queue, 1000);
	assert_string_equal(s->nodes[0].router.model, "default");
	assert_int_equal(s->nodes[0].router.profile, 0);
	assert_int_equal(s->nodes[0].router.boot_delay, SIM_S(30));
	assert_null(s->nodes[0].router.config);
	assert_int_equal(s->nodes[0].router.config_line, 0);
	assert_int_equal(s->nodes[1].sw.mac_ageing, SIM_S(300));
	assert_int_equal(s->nodes[2].host.nifaces, 1);
	f = &s->nodes[2].host.ifaces[0];
	assert_string_equal(f->name, "eth0");
	scn_host_mac_default("h", 0, &mac);
	assert_memory_equal(f->mac.b, mac.b, 6);
	assert_int_equal(f->ip4.af, NET_AF_NONE);
	assert_int_equal(f->ip6.af, NET_AF_NONE);
	assert_int_equal(s->nlinks, 0);
	assert_int_equal(s->nmcast + s->nunicast + s->nreceivers, 0);
	assert_int_equal(s->nfaults + s->ncaptures, 0);
	assert_int_equal(s->measure.gap_threshold, 3);
	assert_int_equal(s->measure.settle, 0);
	scn_spec_free(s);
}

/* A user profile named "default" replaces the built-in one. */
static void test_default_profile_override(void **state)
{
	struct scn_spec *s = load_ok("name: x\nduration: 1s\nprofiles:\n"
				     "  default: {cpu_pps: 5}\n"
				     "nodes: [{name: r, kind: router}]\n");

	(void)state;
	assert_int_equal(s->nprofiles, 1);
	assert_int_equal(s->profiles[0].cpu_pps, 5);
	assert_int_equal(s->nodes[0].router.profile, 0);
	scn_spec_free(s);
}

static void test_set_duration_and_lookup(void **state)
{
	struct scn_spec *s = load_ok(full_yaml);
	char buf[128];

	(void)state;
	scn_spec_set_duration(s, SIM_S(60));
	assert_int_equal(s->duration, SIM_S(60));
	assert_int_equal(s->mcast[0].stop, SIM_S(5)); /* given */
	assert_int_equal(s->mcast[1].stop, SIM_S(60));
	assert_int_equal(s->unicast[1].stop, SIM_S(60));
	assert_int_equal(scn_node_find(s, "SW1"), 2);
	assert_int_equal(scn_node_find(s, "nope"), SCN_NONE);
	assert_int_equal(scn_link_find(s, "L1"), 0);
	assert_int_equal(scn_link_find(s, "L2"), SCN_NONE);
	assert_int_equal(scn_mcast_find(s, "v6"), 1);
	assert_int_equal(scn_mcast_find(s, "voice"), SCN_NONE);
	assert_int_equal(scn_profile_find(s, "slow"), 1);
	assert_int_equal(scn_spec_errf(s, s->links[0].b.loc, buf, sizeof(buf),
				       "unknown port %s", "p1"),
			 -1);
	assert_string_equal(buf, "t.yaml:53:8: unknown port p1");
	scn_spec_errf(s,
		      (struct scn_loc){ s->nodes[0].router.config_line + 1, 0 },
		      buf, sizeof(buf), "bad command");
	assert_string_equal(buf, "t.yaml:30: bad command");
	scn_spec_errf(s, (struct scn_loc){ 0, 0 }, buf, 8, "%s", "long text");
	assert_string_equal(buf, "t.yaml:");
	scn_spec_free(s);
	scn_spec_free(NULL);
}

/* Two specs from one process share nothing. */
static void test_two_loads(void **state)
{
	struct scn_spec *a = load_ok(full_yaml);
	struct scn_spec *b = load_ok("name: other\nduration: 2s\nseed: 7\n"
				     "nodes: [{name: R1, kind: switch}]\n");

	(void)state;
	assert_string_equal(a->name, "full.test-1");
	assert_string_equal(b->name, "other");
	assert_int_equal(a->nodes[0].kind, SCN_NODE_ROUTER);
	assert_int_equal(b->nodes[0].kind, SCN_NODE_SWITCH);
	assert_int_equal(b->seed, 7);
	assert_ptr_not_equal(a->nodes[0].name, b->nodes[0].name);
	scn_spec_free(a);
	assert_string_equal(b->nodes[0].name, "R1");
	assert_int_equal(b->duration, SIM_S(2));
	scn_spec_free(b);
}

static void test_file(void **state)
{
	const char *path = FAILSIM_BINARY_DIR "/scn_load_test.yaml";
	struct scn_spec *s = NULL;
	char err[512];
	FILE *f;

	(void)state;
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(full_yaml, f);
	fclose(f);
	assert_int_equal(scn_load_file(path, &s, err, sizeof(err)), 0);
	assert_string_equal(s->file, path);
	assert_int_equal(s->nfaults, 9);
	scn_spec_free(s);
	remove(path);
	assert_int_equal(scn_load_file(path, &s, err, sizeof(err)), -1);
	assert_null(s);
	assert_non_null(strstr(err, "scn_load_test.yaml: cannot open: "));
	assert_int_equal(scn_load_string(NULL, NULL, &s, err, sizeof(err)), -1);
	assert_string_equal(err, "<string>: no text");
}

static int has_yaml_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Every .yaml file in the checkout's scenarios folder loads. */
static void test_shipped_files(void **state)
{
	const char *dir = FAILSIM_SOURCE_DIR "/scenarios";
	char path[1024], err[512];
	struct scn_spec *s = NULL;
	struct dirent *e;
	DIR *d;
	int n = 0;

	(void)state;
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (!has_yaml_suffix(e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (scn_load_file(path, &s, err, sizeof(err)) != 0)
			fail_msg("%s", err);
		scn_spec_free(s);
		n++;
	}
	closedir(d);
	assert_true(n > 0);
}

/* The first ```yaml block of scenarios/README.md is a valid scenario. */
static void test_readme_example(void **state)
{
	const char *readme = FAILSIM_SOURCE_DIR "/scenarios/README.md";
	char err[512], *text, *start, *end;
	struct scn_spec *s = NULL;
	size_t n;
	FILE *f;

	(void)state;
	f = fopen(readme, "r");
	assert_non_null(f);
	text = calloc(1, 1 << 20);
	assert_non_null(text);
	n = fread(text, 1, (1 << 20) - 1, f);
	fclose(f);
	text[n] = '\0';
	start = strstr(text, "```yaml\n");
	assert_non_null(start);
	start += 8;
	end = strstr(start, "```\n");
	assert_non_null(end);
	*end = '\0';
	if (scn_load_string(start, "README.md", &s, err, sizeof(err)) != 0)
		fail_msg("README example: %s", err);
	assert_true(s->nnodes > 0 && s->nlinks > 0 && s->nfaults > 0);
	assert_true(s->nmcast > 0 && s->nreceivers > 0 && s->nunicast > 0);
	assert_true(s->ncaptures > 0 && s->nprofiles > 1);
	assert_true(s->ndisplays > 0);
	scn_spec_free(s);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_default_profile_override),
		cmocka_unit_test(test_set_duration_and_lookup),
		cmocka_unit_test(test_two_loads),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_shipped_files),
		cmocka_unit_test(test_readme_example),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
