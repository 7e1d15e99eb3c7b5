/*
 * tshark as an independent judge of our encoders: one frame of every kind
 * the sim/net builders make is written with trace_pcap, then tshark must
 * decode each as the expected protocol stack with no malformed frame, no
 * bad checksum and no expert error or warning. A second capture with
 * deliberately broken frames proves the checker notices. Skips when tshark is
 * absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unistd.h>

#include "sim/net/net_build.h"
#include "sim/net/net_icmp.h"
#include "sim/net/net_icmp6.h"
#include "sim/net/net_ipv4.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_tshark.h"

static const struct net_mac mac_a = { { 0x00, 0x00, 0x5e, 0x00, 0x01, 0x01 } };
static const struct net_mac mac_b = { { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 } };
static const struct net_ip4 v4_a = { { 10, 0, 0, 1 } };
static const struct net_ip4 v4_b = { { 10, 0, 0, 2 } };
static const struct net_ip6 ll_a = {
	{ 0xfe, 0x80, [8] = 0x02, [11] = 0xff, [12] = 0xfe, [15] = 1 }
};
static const struct net_ip6 g6_a = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
static const struct net_ip6 g6_b = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };

#define MAX_KINDS 24

struct kinds {
	int n;
	uint8_t frame[MAX_KINDS][256];
	int len[MAX_KINDS];
	const char *want[MAX_KINDS]; /* expected frame.protocols */
	char got[MAX_KINDS][256];
};

static void add(struct kinds *k, struct net_wr *w, int len, const char *want)
{
	if (len < 60)
		fail_msg("builder for %s failed (%d)", want, len);
	assert_true(k->n < MAX_KINDS);
	k->len[k->n] = len;
	k->want[k->n] = want;
	k->n++;
	(void)w;
}

/* Start a writer on the next free slot. */
static struct net_wr *slot(struct kinds *k, struct net_wr *w)
{
	net_wr_init(w, k->frame[k->n], sizeof(k->frame[0]));
	return w;
}

static void build_l2_kinds(struct kinds *k)
{
	struct net_l2 l2 = { .src = mac_a, .dst = mac_b };
	struct net_arp a;
	struct net_wr w;

	l2.dst = net_mac_broadcast;
	net_arp_make_request(&a, &mac_a, &v4_a, &v4_b);
	add(k, &w, net_build_arp(slot(k, &w), &l2, &a), "eth:ethertype:arp");
	l2.dst = mac_b;
	net_arp_make_reply(&a, &mac_a, &v4_a, &mac_b, &v4_b);
	add(k, &w, net_build_arp(slot(k, &w), &l2, &a), "eth:ethertype:arp");
	l2.dst = net_mac_broadcast;
	net_arp_make_gratuitous(&a, &mac_a, &v4_a);
	add(k, &w, net_build_arp(slot(k, &w), &l2, &a), "eth:ethertype:arp");
}

static void build_v4_kinds(struct kinds *k)
{
	struct net_udp4_params u = { .ip = { .l2 = { .src = mac_a,
						     .dst = mac_b },
					     .src = v4_a,
					     .dst = v4_b,
					     .ttl = 64,
					     .id = 1 },
				     .sport = 40000,
				     .dport = 40001 };
	struct net_wr w;
	uint8_t orig[64];

	add(k, &w, net_build_udp4(slot(k, &w), &u, "hello", 5),
	    "eth:ethertype:ip:udp:data");
	u.ip.router_alert = true;
	u.ip.tos = 0xc0;
	u.ip.df = true;
	add(k, &w, net_build_udp4(slot(k, &w), &u, "alert", 5),
	    "eth:ethertype:ip:udp:data");
	u.ip.router_alert = false;
	u.ip.l2.vlan = true;
	u.ip.l2.vid = 100;
	u.ip.l2.pcp = 6;
	add(k, &w, net_build_udp4(slot(k, &w), &u, "tagged", 6),
	    "eth:ethertype:vlan:ethertype:ip:udp:data");
	u.ip.l2.vlan = false;
	add(k, &w,
	    net_build_icmp_echo4(slot(k, &w), &u.ip, false, 0x77, 1, "ping!",
				 5),
	    "eth:ethertype:ip:icmp:data");
	add(k, &w,
	    net_build_icmp_echo4(slot(k, &w), &u.ip, true, 0x77, 1, "ping!", 5),
	    "eth:ethertype:ip:icmp:data");
	/* Time exceeded quoting the first UDP frame's IP packet. */
	memcpy(orig, k->frame[3] + 14, sizeof(orig));
	add(k, &w,
	    net_build_icmp_error4(slot(k, &w), &u.ip, NET_ICMP_TIME_EXCEEDED, 0,
				  0, orig, sizeof(orig)),
	    "eth:ethertype:ip:icmp:ip:udp");
}

static void build_v6_kinds(struct kinds *k)
{
	struct net_udp6_params u = { .ip = { .l2 = { .src = mac_a,
						     .dst = mac_b },
					     .src = g6_a,
					     .dst = g6_b,
					     .hop_limit = 64 },
				     .sport = 40000,
				     .dport = 40001 };
	struct net_ip6 sn = net_ip6_solicited_node(&g6_b);
	/* MLDv2 report with no records: Reserved, Nr of Mcast Records. */
	static const uint8_t mld2[4] = { 0, 0, 0, 0 };
	struct net_l2 l2 = { .src = mac_a };
	struct net_wr w;

	add(k, &w, net_build_udp6(slot(k, &w), &u, "hello6", 6),
	    "eth:ethertype:ipv6:udp:data");
	u.ip.router_alert = true;
	add(k, &w, net_build_udp6(slot(k, &w), &u, "alert6", 6),
	    "eth:ethertype:ipv6:ipv6.hopopts:udp:data");
	u.ip.router_alert = false;
	add(k, &w,
	    net_build_icmp_echo6(slot(k, &w), &u.ip, false, 9, 2, "ping6", 5),
	    "eth:ethertype:ipv6:icmpv6:data");
	u.ip.src = ll_a;
	u.ip.dst = (struct net_ip6){ { 0xff, 0x02, [15] = 0x16 } };
	u.ip.l2.dst = net_mac_from_ip6_mcast(&u.ip.dst);
	u.ip.hop_limit = 1;
	u.ip.router_alert = true;
	add(k, &w,
	    net_build_icmp6(slot(k, &w), &u.ip, NET_ICMP6_MLD2_REPORT, 0, mld2,
			    sizeof(mld2)),
	    "eth:ethertype:ipv6:ipv6.hopopts:icmpv6");
	u.ip.router_alert = false;
	u.ip.src = g6_a;
	u.ip.dst = sn;
	u.ip.l2.dst = net_mac_from_ip6_mcast(&sn);
	add(k, &w, net_build_ns(slot(k, &w), &u.ip, &g6_b, &mac_a),
	    "eth:ethertype:ipv6:icmpv6");
	u.ip.src = g6_b;
	u.ip.dst = g6_a;
	u.ip.l2.dst = mac_a;
	add(k, &w,
	    net_build_na(slot(k, &w), &u.ip, &g6_b,
			 NET_ND_NA_SOLICITED | NET_ND_NA_OVERRIDE, &mac_b),
	    "eth:ethertype:ipv6:icmpv6");
	add(k, &w, net_build_na_unsolicited(slot(k, &w), &l2, &ll_a, &g6_a, 1),
	    "eth:ethertype:ipv6:icmpv6");
	add(k, &w,
	    net_build_icmp_error6(slot(k, &w), &u.ip, NET_ICMP6_UNREACH,
				  NET_ICMP6_UNREACH_PORT, 0, k->frame[9] + 14,
				  (size_t)k->len[9] - 14),
	    "eth:ethertype:ipv6:icmpv6:ipv6:udp:data");
}

static void protocols_row(void *arg, unsigned row, const char *const *cols,
			  size_t ncols)
{
	struct kinds *k = arg;

	assert_int_equal(ncols, 1);
	if (row < MAX_KINDS)
		snprintf(k->got[row], sizeof(k->got[row]), "%s", cols[0]);
}

static void write_pcap(const char *path, uint8_t (*frames)[256],
		       const int *lens, int n)
{
	char err[256];
	struct trace_pcap *tp = trace_pcap_open(path, err, sizeof(err));

	assert_non_null(tp);
	for (int i = 0; i < n; i++)
		assert_int_equal(trace_pcap_write(tp, SIM_MS(i), frames[i],
						  (size_t)lens[i]),
				 0);
	assert_int_equal(trace_pcap_close(tp), 0);
}

static void expect_clean(const struct trace_tshark_result *r, int n)
{
	assert_int_equal(r->frames, n);
	if (r->malformed.count || r->bad_checksum.count || r->errors.count)
		fail_msg("tshark: %u malformed (first %u), %u bad checksum "
			 "(first %u), %u errors (first %u)",
			 r->malformed.count, r->malformed.first[0],
			 r->bad_checksum.count, r->bad_checksum.first[0],
			 r->errors.count, r->errors.first[0]);
	if (r->warnings.count)
		fail_msg("tshark: %u expert warnings (first frame %u)",
			 r->warnings.count, r->warnings.first[0]);
}

static void test_every_builder(void **state)
{
	static struct kinds k;
	static const char *const proto_field[] = { "frame.protocols" };
	char path[512], err[512], prog[4096];
	struct trace_tshark_result r;

	(void)state;
	if (!trace_tshark_path(prog, sizeof(prog)))
		skip();
	memset(&k, 0, sizeof(k));
	build_l2_kinds(&k);
	build_v4_kinds(&k);
	build_v6_kinds(&k);
	snprintf(path, sizeof(path), "%s/trace_tshark_kinds_%ld.pcap",
		 FAILSIM_BINARY_DIR, (long)getpid());
	write_pcap(path, k.frame, k.len, k.n);
	assert_int_equal(trace_tshark_check(path, &r, err, sizeof(err)),
			 TRACE_TSHARK_OK);
	expect_clean(&r, k.n);
	assert_int_equal(trace_tshark_fields(path, NULL, proto_field, 1,
					     protocols_row, &k, err,
					     sizeof(err)),
			 TRACE_TSHARK_OK);
	for (int i = 0; i < k.n; i++)
		if (strcmp(k.got[i], k.want[i]) != 0)
			fail_msg("frame %d: tshark says %s, want %s", i + 1,
				 k.got[i], k.want[i]);
	unlink(path);
}

static void count_row(void *arg, unsigned row, const char *const *cols,
		      size_t n)
{
	size_t *rows = arg;

	assert_int_equal(n, 32);
	assert_int_equal(atoi(cols[0]), (int)row + 1); /* frame.number */
	assert_true(atoi(cols[31]) >= 60);	       /* frame.len */
	(*rows)++;
}

/* Regression: the largest field list with a display filter (32 fields)
 * once overflowed the argument vector. */
static void test_max_fields_with_filter(void **state)
{
	static struct kinds k;
	const char *fields[32];
	char path[512], err[512], prog[4096];
	size_t rows = 0;

	(void)state;
	if (!trace_tshark_path(prog, sizeof(prog)))
		skip();
	/* 32 distinct fields (tshark drops repeated ones): frame.number,
	 * then eth.* and frame.* fields, frame.len last. */
	static const char *const names[32] = {
		"frame.number",
		"eth.dst",
		"eth.dst_resolved",
		"eth.dst.oui",
		"eth.src",
		"eth.src_resolved",
		"eth.src.oui",
		"eth.type",
		"eth.addr",
		"eth.addr_resolved",
		"eth.addr.oui",
		"eth.padding",
		"eth.trailer",
		"eth.dst.lg",
		"eth.dst.ig",
		"eth.src.lg",
		"eth.src.ig",
		"eth.lg",
		"eth.ig",
		"frame.time_epoch",
		"frame.time_delta",
		"frame.time_relative",
		"frame.cap_len",
		"frame.marked",
		"frame.ignored",
		"frame.protocols",
		"frame.offset_shift",
		"frame.time_delta_displayed",
		"eth.len",
		"eth.fcs",
		"eth.fcs.status",
		"frame.len",
	};

	memcpy(fields, names, sizeof(fields));
	memset(&k, 0, sizeof(k));
	build_l2_kinds(&k);
	snprintf(path, sizeof(path), "%s/trace_tshark_max_%ld.pcap",
		 FAILSIM_BINARY_DIR, (long)getpid());
	write_pcap(path, k.frame, k.len, k.n);
	assert_int_equal(trace_tshark_fields(path, "frame", fields, 32,
					     count_row, &rows, err,
					     sizeof(err)),
			 TRACE_TSHARK_OK);
	assert_int_equal(rows, (size_t)k.n);
	unlink(path);
}

static void test_detects_problems(void **state)
{
	static uint8_t frames[4][256];
	int lens[4];
	struct net_udp4_params u = { .ip = { .l2 = { .src = mac_a,
						     .dst = mac_b },
					     .src = v4_a,
					     .dst = v4_b,
					     .ttl = 64 },
				     .sport = 40000,
				     .dport = 40001 };
	char path[512], err[512], prog[4096];
	struct trace_tshark_result r;
	struct net_wr w;

	(void)state;
	if (!trace_tshark_path(prog, sizeof(prog)))
		skip();
	for (int i = 0; i < 4; i++) {
		net_wr_init(&w, frames[i], sizeof(frames[i]));
		lens[i] = net_build_udp4(&w, &u, "0123456789abcdef", 16);
	}
	frames[1][14 + 10] ^= 0x55;	/* IPv4 header checksum */
	frames[2][14 + 20 + 6] ^= 0x55; /* UDP checksum */
	frames[3][14 + 20 + 5] = 0xff;	/* UDP length past the packet */
	snprintf(path, sizeof(path), "%s/trace_tshark_bad_%ld.pcap",
		 FAILSIM_BINARY_DIR, (long)getpid());
	write_pcap(path, frames, lens, 4);
	assert_int_equal(trace_tshark_check(path, &r, err, sizeof(err)),
			 TRACE_TSHARK_OK);
	assert_int_equal(r.frames, 4);
	assert_int_equal(r.bad_checksum.count, 2);
	assert_int_equal(r.bad_checksum.first[0], 2);
	assert_int_equal(r.bad_checksum.first[1], 3);
	assert_true(r.errors.count >= 3);
	assert_int_equal(r.errors.first[0], 2);
	/* Frame 1 is clean; frame 4's bad length is an expert error. */
	assert_true(r.errors.first[r.errors.nfirst - 1] == 4);
	unlink(path);
}

static void test_unavailable(void **state)
{
	struct trace_tshark_result r;
	char err[128] = "";
	const char *old = getenv("FAILSIM_TSHARK");
	char saved[4096] = "";

	(void)state;
	if (old)
		snprintf(saved, sizeof(saved), "%s", old);
	setenv("FAILSIM_TSHARK", "/nonexistent/tshark", 1);
	assert_int_equal(trace_tshark_check("x.pcap", &r, err, sizeof(err)),
			 TRACE_TSHARK_UNAVAILABLE);
	assert_non_null(strstr(err, "not found"));
	if (old)
		setenv("FAILSIM_TSHARK", saved, 1);
	else
		unsetenv("FAILSIM_TSHARK");
}

static void test_missing_file(void **state)
{
	struct trace_tshark_result r;
	char err[256] = "", prog[4096];

	(void)state;
	if (!trace_tshark_path(prog, sizeof(prog)))
		skip();
	assert_int_equal(trace_tshark_check(FAILSIM_BINARY_DIR
					    "/no-such-capture.pcap",
					    &r, err, sizeof(err)),
			 TRACE_TSHARK_FAILED);
	assert_non_null(strstr(err, "failed"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_builder),
		cmocka_unit_test(test_max_fields_with_filter),
		cmocka_unit_test(test_detects_problems),
		cmocka_unit_test(test_unavailable),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
