/*
 * The VRRP codec against the outside world. First, real captures: every
 * IP payload of protocol 112 in FAILSIM_SHARED_DIR/captures/vrrp is decoded
 * from an exact-size heap copy with the frame's IP source and destination
 * (the v3 pseudo-header of RFC 5798 section 5.2.8); the counts of
 * captures/INDEX.tsv (VRRP messages per version and family, v2
 * authentication types, priority-0 resignations, as tshark saw them) must
 * match what the codec decoded in the clean captures, and the deliberately
 * malformed ones (tcpdump's out-of-bounds regressions) must be rejected
 * with a reason and never crash. Second, tshark as an independent decoder:
 * advertisements of each version and family (RFC 3768 section 5.1, RFC
 * 5798 section 5.1: IPv4 to 224.0.0.18 with TTL 255, IPv6 to ff02::12 with
 * Hop Limit 255, from the virtual router MAC 00-00-5E-00-01-{VRID} or
 * 00-00-5E-00-02-{VRID} of RFC 5798 section 7.3), the master's gratuitous
 * ARP (RFC 5798 section 6.4.1) and unsolicited Neighbor Advertisement with
 * the Router flag (RFC 5798 section 6.4.1, RFC 4861 section 7.2.6) must
 * decode cleanly, with the fields tshark reads equal to the ones encoded.
 * Each part skips when its input (captures, tshark) is absent.
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
#include <dirent.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include "protocols/vrrp/vrrp_pkt.h"
#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_read.h"
#include "sim/trace/trace_tshark.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define CAPTURES     FAILSIM_SHARED_DIR "/captures"
#define VRRP_DIR     CAPTURES "/vrrp"

/* What the codec found in one capture. */
struct cap_stats {
	unsigned frames; /* all frames */
	unsigned vrrp;	 /* IP payloads of protocol 112 */
	unsigned ok;	 /* of which decoded */
	unsigned v2_4, v3_4, v3_6;
	unsigned auth[3]; /* v2 Auth Type */
	unsigned prio0;
	unsigned err[VRRP_PKT_E__COUNT];
	bool auth_abc; /* every v2 simple-text password was "abcdefgh" */
};

static void decode_payload(struct cap_stats *s, const uint8_t *p, size_t n,
			   const struct net_pkt_info *pi)
{
	uint8_t *copy = malloc(n ? n : 1);
	struct vrrp_adv a;
	enum vrrp_pkt_err e;

	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	e = vrrp_pkt_decode(copy, n, &pi->src, &pi->dst, &a);
	free(copy);
	assert_true((unsigned)e < VRRP_PKT_E__COUNT);
	s->vrrp++;
	s->err[e]++;
	if (e != VRRP_PKT_OK)
		return;
	s->ok++;
	if (a.version == 2) {
		s->v2_4++;
		s->auth[a.auth_type]++;
		if (a.auth_type == VRRP_AUTH_SIMPLE)
			s->auth_abc &= !memcmp(a.auth_data, "abcdefgh", 8);
	} else if (a.af == NET_AF_IP4) {
		s->v3_4++;
	} else {
		s->v3_6++;
	}
	s->prio0 += a.priority == VRRP_PRIO_RESIGN;
}

/*
 * An IPv4 packet whose header net_dissect rejected (bad header checksum,
 * Total Length past the capture, as in tcpdump's regressions): its
 * protocol-112 payload, as far as the capture and Total Length allow, is
 * still fed to the codec, as tcpdump and tshark do. False if it has none.
 */
static bool raw_ip4_vrrp(const struct net_pkt_info *pi,
			 struct net_pkt_info *out)
{
	struct net_rd r;
	size_t ihl, total;
	struct net_ip4 a;

	if (!net_pkt_has(pi, NET_LAYER_ETH) || pi->eth.type != 0x0800 ||
	    pi->err_layer != NET_LAYER_IPV4)
		return false;
	net_rd_init(&r, pi->eth.payload, pi->eth.payload_len);
	ihl = (size_t)(net_rd_u8(&r) & 0x0f) * 4;
	net_rd_skip(&r, 1);
	total = net_rd_be16(&r);
	net_rd_skip(&r, 5);
	if (net_rd_u8(&r) != VRRP_PROTO || ihl < 20)
		return false;
	net_rd_skip(&r, 2);
	net_rd_bytes(&r, a.b, 4);
	out->src = net_addr_from_ip4(&a);
	net_rd_bytes(&r, a.b, 4);
	out->dst = net_addr_from_ip4(&a);
	if (!net_rd_skip(&r, ihl - 20))
		return false;
	out->l4 = net_rd_cur(&r);
	out->l4_len = net_rd_left(&r);
	if (total >= ihl && total - ihl < out->l4_len)
		out->l4_len = total - ihl;
	return true;
}

static void count_frame(struct cap_stats *s, const uint8_t *data, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	struct net_pkt_info pi, raw = { 0 };

	assert_non_null(copy);
	if (len)
		memcpy(copy, data, len);
	s->frames++;
	net_dissect(copy, len, &pi);
	if (pi.l4 && pi.l4_proto == VRRP_PROTO) {
		decode_payload(s, pi.l4, pi.l4_len, &pi);
	} else if (raw_ip4_vrrp(&pi, &raw)) {
		decode_payload(s, raw.l4, raw.l4_len, &raw);
	} else if (pi.l4 && pi.l4_len) {
		/* Any other upper-layer bytes must not crash the decoder. */
		struct cap_stats junk = { 0 };

		decode_payload(&junk, pi.l4, pi.l4_len, &pi);
	}
	free(copy);
}

/*
 * A Frame Relay frame (DLT_FRELAY, as in two of tcpdump's regressions):
 * the Q.922 address (its last byte has the EA bit), then IP announced by
 * control 0x03 + NLPID 0xcc (RFC 2427) or an EtherType 0x0800. The IP
 * packet is counted in a synthetic Ethernet frame.
 */
static void count_frelay(struct cap_stats *s, const uint8_t *data, size_t len)
{
	size_t a = 0, ip;
	uint8_t *eth;

	while (a < len && a < 4 && !(data[a] & 1))
		a++;
	ip = a + 3;
	if (ip > len)
		return;
	if (!(data[a + 1] == 0x03 && data[a + 2] == 0xcc) &&
	    !(data[a + 1] == 0x08 && data[a + 2] == 0x00))
		return;
	eth = calloc(1, 14 + len - ip);
	assert_non_null(eth);
	eth[12] = 0x08;
	memcpy(eth + 14, data + ip, len - ip);
	count_frame(s, eth, 14 + len - ip);
	free(eth);
}

static void each_frame(void *arg, int dlt, const uint8_t *data, size_t len)
{
	if (dlt == DLT_FRELAY)
		count_frelay(arg, data, len);
	else if (dlt == DLT_EN10MB)
		count_frame(arg, data, len);
}

/* Read one capture (Ethernet or Frame Relay); false when unreadable. */
static bool read_capture(const char *path, struct cap_stats *s)
{
	int dlt;

	memset(s, 0, sizeof(*s));
	s->auth_abc = true;
	dlt = trace_read_each(path, each_frame, s, NULL, 0);
	return dlt == DLT_EN10MB || dlt == DLT_FRELAY;
}

/* Column col (0-based) of file's row in INDEX.tsv, or false. */
static bool index_column(const char *file, int col, char *out, size_t len)
{
	return trace_index_column(CAPTURES "/INDEX.tsv", file, col, out, len);
}

/* The count after "key" in desc (e.g. "VRRPv2/v4x" -> 68), or -1. */
static long fact(const char *desc, const char *key)
{
	const char *p = strstr(desc, key);

	if (!p)
		return -1;
	return strtol(p + strlen(key), NULL, 10);
}

static void check_fact(const char *file, const char *desc, const char *key,
		       unsigned got, unsigned *checked)
{
	long want = fact(desc, key);

	if (want < 0)
		want = 0; /* not listed: tshark saw none */
	if ((unsigned long)want != got)
		fail_msg("%s: INDEX.tsv says %s%ld, decoded %u", file, key,
			 want, got);
	(*checked)++;
}

/*
 * INDEX.tsv facts for one clean capture (column 5: "vrrp=N"; column 6:
 * "VRRP: VRRPv2/v4xN ...; v2 auth simple-textxN nonexN; prio-0 (resign)
 * xN"). Returns how many were checked.
 */
static unsigned check_index(const char *file, const struct cap_stats *s)
{
	char key[320], col[4096];
	unsigned checked = 0;

	snprintf(key, sizeof(key), "vrrp/%s", file);
	if (index_column(key, 5, col, sizeof(col)))
		check_fact(file, col, "vrrp=", s->ok, &checked);
	if (!index_column(key, 6, col, sizeof(col)))
		return checked;
	check_fact(file, col, "VRRPv2/v4x", s->v2_4, &checked);
	check_fact(file, col, "VRRPv3/v4x", s->v3_4, &checked);
	check_fact(file, col, "VRRPv3/v6x", s->v3_6, &checked);
	check_fact(file, col, "nonex", s->auth[VRRP_AUTH_NONE], &checked);
	check_fact(file, col, "simple-textx", s->auth[VRRP_AUTH_SIMPLE],
		   &checked);
	check_fact(file, col, "prio-0 (resign) x", s->prio0, &checked);
	return checked;
}

/* Only the "vrrp=N" count of INDEX.tsv (compared with s->ok). */
static unsigned check_index_count(const char *file, const struct cap_stats *s)
{
	char key[320], col[4096];
	unsigned checked = 0;

	snprintf(key, sizeof(key), "vrrp/%s", file);
	if (index_column(key, 5, col, sizeof(col)))
		check_fact(file, col, "vrrp=", s->ok, &checked);
	return checked;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static bool is_malformed(const char *file)
{
	char key[320], col[4096];

	snprintf(key, sizeof(key), "vrrp/%s", file);
	return index_column(key, 6, col, sizeof(col)) &&
	       strstr(col, "DELIBERATELY MALFORMED") != NULL;
}

/* Named facts seen with tshark -V and tcpdump -v (vrrp-v.out). */
static void check_known(const char *file, const struct cap_stats *s)
{
	if (!strcmp(file, "vrrp.pcap")) {
		assert_int_equal(s->ok, 165);
		assert_int_equal(s->v2_4, 68);
		assert_int_equal(s->v3_6, 64);
		assert_int_equal(s->v3_4, 33);
		assert_int_equal(s->auth[VRRP_AUTH_SIMPLE], 34);
		assert_true(s->auth_abc);
	} else if (!strcmp(file, "pcpp_VRRP-V3-IPv6.pcap")) {
		assert_int_equal(s->v3_6, 1);
	}
}

static void test_captures(void **state)
{
	unsigned files = 0, msgs = 0, decoded = 0, facts = 0, bad = 0;
	unsigned rejected = 0;
	struct dirent *de;
	DIR *d = opendir(VRRP_DIR);

	(void)state;
	if (!d)
		skip();
	while ((de = readdir(d))) {
		char path[1024];
		struct cap_stats s;

		if (!has_suffix(de->d_name, ".pcap") &&
		    !has_suffix(de->d_name, ".pcapng"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", VRRP_DIR, de->d_name);
		if (!read_capture(path, &s))
			continue;
		files++;
		msgs += s.vrrp;
		decoded += s.ok;
		if (getenv("VRRP_CAPTURE_VERBOSE")) {
			printf("%s: frames %u vrrp %u ok %u v2/4 %u v3/4 %u "
			       "v3/6 %u rejected:",
			       de->d_name, s.frames, s.vrrp, s.ok, s.v2_4,
			       s.v3_4, s.v3_6);
			for (int e = 1; e < VRRP_PKT_E__COUNT; e++)
				if (s.err[e])
					printf(" %s x%u", vrrp_pkt_err_name(e),
					       s.err[e]);
			printf("\n");
		}
		if (is_malformed(de->d_name)) {
			/* tshark's count is of messages, decodable or not. */
			struct cap_stats seen = s;

			seen.ok = s.vrrp;
			facts += check_index_count(de->d_name, &seen);
			bad++;
			rejected += s.vrrp - s.ok;
			assert_true(s.ok < s.vrrp);
			continue;
		}
		assert_int_equal(s.ok, s.vrrp); /* clean: nothing rejected */
		facts += check_index(de->d_name, &s);
		check_known(de->d_name, &s);
	}
	closedir(d);
	if (files == 0)
		skip();
	printf("%u VRRP captures (%u deliberately malformed), %u messages, "
	       "%u decoded, %u rejected in the malformed ones, %u INDEX.tsv "
	       "facts checked\n",
	       files, bad, msgs, decoded, rejected, facts);
	assert_true(decoded >= 165);
	assert_true(facts >= 20);
	if (bad)
		assert_true(rejected > 0);
}

/* ---- tshark ---- */

#define N_FRAMES 8

enum frame_kind { F_VRRP, F_GARP, F_NA };

struct wire {
	int n, nvrrp;
	enum frame_kind kind[N_FRAMES];
	struct vrrp_adv adv[N_FRAMES]; /* F_VRRP, in the order of vrrp rows */
	struct net_mac vmac[N_FRAMES];
	uint8_t frame[N_FRAMES][400];
	int len[N_FRAMES];
	unsigned vrrp_rows, arp_rows, na_rows;
};

static const struct net_ip4 rtr4 = { { 192, 0, 2, 2 } };
static const struct net_ip6 rtr6 = {
	{ 0xfe, 0x80, [11] = 0xff, [12] = 0xfe, [15] = 2 }
};

/* 00-00-5E-00-01-{VRID} (IPv4) or 00-00-5E-00-02-{VRID} (IPv6). */
static struct net_mac virtual_mac(enum net_af af, uint8_t vrid)
{
	struct net_mac m = { { 0x00, 0x00, 0x5e, 0x00, 0x01, vrid } };

	if (af == NET_AF_IP6)
		m.b[4] = 0x02;
	return m;
}

static void add_adv(struct wire *w, const struct vrrp_adv *a)
{
	struct net_addr src = a->af == NET_AF_IP6 ? net_addr_from_ip6(&rtr6)
						  : net_addr_from_ip4(&rtr4);
	const struct net_addr *dst =
		a->af == NET_AF_IP6 ? &vrrp_group6 : &vrrp_group4;
	struct net_mac vmac = virtual_mac(a->af, a->vrid);
	uint8_t pkt[400];
	struct net_wr wr;
	int n = vrrp_pkt_encode(a, &src, dst, pkt, sizeof(pkt)), len;

	assert_true(n > 0 && w->n < N_FRAMES);
	net_wr_init(&wr, w->frame[w->n], sizeof(w->frame[0]));
	if (a->af == NET_AF_IP6) {
		struct net_ip6_params p = {
			.l2 = { .src = vmac },
			.src = rtr6,
			.dst = net_addr_ip6(dst),
			.hop_limit = 255,
		};
		p.l2.dst = net_mac_from_ip6_mcast(&p.dst);
		len = net_build_ip6(&wr, &p, VRRP_PROTO, pkt, (size_t)n);
	} else {
		struct net_ip4_params p = {
			.l2 = { .src = vmac },
			.src = rtr4,
			.dst = net_addr_ip4(dst),
			.ttl = 255,
			.id = (uint16_t)w->n,
		};
		p.l2.dst = net_mac_from_ip4_mcast(&p.dst);
		len = net_build_ip4(&wr, &p, VRRP_PROTO, pkt, (size_t)n);
	}
	assert_true(len > 0);
	w->kind[w->n] = F_VRRP;
	w->vmac[w->n] = vmac;
	w->len[w->n] = len;
	w->adv[w->nvrrp++] = *a;
	w->n++;
}

/* The master's gratuitous ARP for a virtual IPv4 address. */
static void add_garp(struct wire *w, uint8_t vrid, struct net_ip4 vip)
{
	struct net_l2 l2 = { .src = virtual_mac(NET_AF_IP4, vrid),
			     .dst = net_mac_broadcast };
	struct net_arp a = {
		.op = NET_ARP_REQUEST, .sha = l2.src, .spa = vip, .tpa = vip
	};
	struct net_wr wr;

	net_wr_init(&wr, w->frame[w->n], sizeof(w->frame[0]));
	w->len[w->n] = net_build_arp(&wr, &l2, &a);
	assert_true(w->len[w->n] > 0);
	w->kind[w->n] = F_GARP;
	w->vmac[w->n] = l2.src;
	w->n++;
}

/* The master's unsolicited NA (R=1, O=1) for a virtual IPv6 address. */
static void add_na(struct wire *w, uint8_t vrid, const struct net_ip6 *vip)
{
	struct net_l2 l2 = { .src = virtual_mac(NET_AF_IP6, vrid) };
	struct net_wr wr;

	net_wr_init(&wr, w->frame[w->n], sizeof(w->frame[0]));
	w->len[w->n] = net_build_na_unsolicited(&wr, &l2, &rtr6, vip, true);
	assert_true(w->len[w->n] > 0);
	w->kind[w->n] = F_NA;
	w->vmac[w->n] = l2.src;
	w->n++;
}

static void build_frames(struct wire *w)
{
	struct vrrp_adv a = {
		.version = 2,
		.type = VRRP_TYPE_ADVERT,
		.vrid = 1,
		.priority = 100,
		.naddrs = 1,
		.af = NET_AF_IP4,
		.adver_int = SIM_S(1),
		.addrs = { { NET_AF_IP4, { 192, 0, 2, 1 } } },
	};
	struct net_ip6 vip6 = { { 0xfe, 0x80, [15] = 1 } };

	add_adv(w, &a);
	a.vrid = 2;
	a.priority = VRRP_PRIO_OWNER;
	a.adver_int = SIM_S(3);
	a.auth_type = VRRP_AUTH_SIMPLE;
	memcpy(a.auth_data, "failsim", 7);
	add_adv(w, &a);
	memset(a.auth_data, 0, sizeof(a.auth_data));
	a.auth_type = 0;
	a.version = 3;
	a.vrid = 3;
	a.priority = 200;
	a.naddrs = 2;
	a.adver_int = SIM_CS(100);
	a.addrs[1] = (struct net_addr){ NET_AF_IP4, { 192, 0, 2, 10 } };
	add_adv(w, &a);
	a.priority = VRRP_PRIO_RESIGN;
	a.adver_int = SIM_CS(4095);
	add_adv(w, &a);
	a.vrid = 4;
	a.priority = 100;
	a.adver_int = SIM_CS(25);
	a.af = NET_AF_IP6;
	a.naddrs = 3;
	a.addrs[0] = net_addr_from_ip6(&vip6);
	a.addrs[1] = (struct net_addr){ NET_AF_IP6,
					{ 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
	a.addrs[2] = (struct net_addr){ NET_AF_IP6,
					{ 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };
	add_adv(w, &a);
	add_garp(w, 1, (struct net_ip4){ { 192, 0, 2, 1 } });
	add_na(w, 4, &vip6);
}

static void write_capture(const char *path, const struct wire *w)
{
	char err[256];
	struct trace_pcap *tp = trace_pcap_open(path, err, sizeof(err));

	if (!tp)
		fail_msg("%s", err);
	for (int i = 0; i < w->n; i++)
		assert_int_equal(trace_pcap_write(tp, SIM_MS(i), w->frame[i],
						  (size_t)w->len[i]),
				 0);
	assert_int_equal(trace_pcap_close(tp), 0);
}

/* A tshark number ("0x01", "3") or boolean ("1", "True"); "" is 0. */
static unsigned long num(const char *s)
{
	if (!strcmp(s, "True"))
		return 1;
	if (!strcmp(s, "False"))
		return 0;
	return strtoul(s, NULL, 0);
}

static const char *const vrrp_fields[] = {
	"vrrp.version",
	"vrrp.type",
	"vrrp.virt_rtr_id",
	"vrrp.prio",
	"vrrp.addr_count",
	"vrrp.adver_int",
	"vrrp.short_adver_int",
	"vrrp.auth_type",
	"vrrp.checksum.status",
	"ip.ttl",
	"ipv6.hlim",
	"vrrp.auth_string",
	"eth.src",
	"ip.dst",
	"ipv6.dst",
	"vrrp.ip_addr",
	"vrrp.ipv6_addr",
};

static void check_vrrp_row(void *arg, unsigned row, const char *const *cols,
			   size_t ncols)
{
	struct wire *w = arg;
	const struct vrrp_adv *a;
	unsigned long want[11];
	char mac[NET_MAC_STRLEN], addrs[400] = "";
	struct net_mac vmac;

	assert_int_equal(ncols, ARRAY_LEN(vrrp_fields));
	assert_true(row < (unsigned)w->nvrrp);
	a = &w->adv[row];
	want[0] = a->version;
	want[1] = a->type;
	want[2] = a->vrid;
	want[3] = a->priority;
	want[4] = a->naddrs;
	want[5] =
		a->version == 2 ? (unsigned long)(a->adver_int / SIM_S(1)) : 0;
	want[6] =
		a->version == 3 ? (unsigned long)(a->adver_int / SIM_CS(1)) : 0;
	want[7] = a->version == 2 ? a->auth_type : 0;
	want[8] = 1; /* checksum status: Good */
	want[9] = a->af == NET_AF_IP4 ? 255 : 0;
	want[10] = a->af == NET_AF_IP6 ? 255 : 0;
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		if (num(cols[i]) != want[i])
			fail_msg("vrrp row %u: tshark %s = '%s', encoded %lu",
				 row, vrrp_fields[i], cols[i], want[i]);
	if (a->version == 2 && a->auth_type == VRRP_AUTH_SIMPLE)
		assert_string_equal(cols[11], (const char *)a->auth_data);
	vmac = virtual_mac(a->af, a->vrid);
	net_mac_fmt(&vmac, mac, sizeof(mac));
	assert_string_equal(cols[12], mac);
	assert_string_equal(cols[a->af == NET_AF_IP6 ? 14 : 13],
			    a->af == NET_AF_IP6 ? "ff02::12" : "224.0.0.18");
	for (unsigned i = 0; i < a->naddrs; i++) {
		char s[NET_ADDR_STRLEN];

		net_addr_fmt(&a->addrs[i], s, sizeof(s));
		if (i)
			strcat(addrs, ",");
		strcat(addrs, s);
	}
	assert_string_equal(cols[a->af == NET_AF_IP6 ? 16 : 15], addrs);
	w->vrrp_rows++;
}

static const char *const arp_fields[] = {
	"arp.isgratuitous", "arp.opcode",	  "arp.src.hw_mac",
	"eth.src",	    "arp.src.proto_ipv4", "arp.dst.proto_ipv4",
};

static void check_arp_row(void *arg, unsigned row, const char *const *cols,
			  size_t ncols)
{
	struct wire *w = arg;
	char mac[NET_MAC_STRLEN];

	(void)row;
	assert_int_equal(ncols, ARRAY_LEN(arp_fields));
	net_mac_fmt(&w->vmac[5], mac, sizeof(mac));
	assert_int_equal(num(cols[0]), 1);
	assert_int_equal(num(cols[1]), NET_ARP_REQUEST);
	assert_string_equal(cols[2], mac);
	assert_string_equal(cols[3], mac);
	assert_string_equal(cols[4], "192.0.2.1");
	assert_string_equal(cols[5], "192.0.2.1");
	w->arp_rows++;
}

static const char *const na_fields[] = {
	"icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.s",
	"icmpv6.nd.na.flag.o", "icmpv6.nd.na.target_address",
	"icmpv6.opt.linkaddr", "eth.src",
	"ipv6.hlim",	       "ipv6.dst",
};

static void check_na_row(void *arg, unsigned row, const char *const *cols,
			 size_t ncols)
{
	struct wire *w = arg;
	char mac[NET_MAC_STRLEN];

	(void)row;
	assert_int_equal(ncols, ARRAY_LEN(na_fields));
	net_mac_fmt(&w->vmac[6], mac, sizeof(mac));
	assert_int_equal(num(cols[0]), 1);
	assert_int_equal(num(cols[1]), 0);
	assert_int_equal(num(cols[2]), 1);
	assert_string_equal(cols[3], "fe80::1");
	assert_string_equal(cols[4], mac);
	assert_string_equal(cols[5], mac);
	assert_int_equal(num(cols[6]), 255);
	assert_string_equal(cols[7], "ff02::1");
	w->na_rows++;
}

static void run_fields(const char *path, const char *filter,
		       const char *const *fields, size_t n,
		       trace_tshark_row_fn fn, struct wire *w)
{
	char err[512];

	if (trace_tshark_fields(path, filter, fields, n, fn, w, err,
				sizeof(err)) != TRACE_TSHARK_OK)
		fail_msg("tshark fields (%s): %s", filter, err);
}

static void test_tshark(void **state)
{
	static struct wire w;
	char path[512], err[512], prog[4096];
	struct trace_tshark_result r;

	(void)state;
	if (!trace_tshark_path(prog, sizeof(prog)))
		skip();
	memset(&w, 0, sizeof(w));
	build_frames(&w);
	assert_int_equal(w.kind[5], F_GARP);
	assert_int_equal(w.kind[6], F_NA);
	snprintf(path, sizeof(path), "%s/vrrp_pkt_wire_%ld.pcap",
		 FAILSIM_BINARY_DIR, (long)getpid());
	write_capture(path, &w);
	if (trace_tshark_check(path, &r, err, sizeof(err)) != TRACE_TSHARK_OK)
		fail_msg("tshark: %s", err);
	assert_int_equal(r.frames, w.n);
	if (r.malformed.count || r.bad_checksum.count || r.errors.count ||
	    r.warnings.count)
		fail_msg("tshark: %u malformed (first %u), %u bad checksum "
			 "(first %u), %u errors (first %u), %u warnings "
			 "(first %u)",
			 r.malformed.count, r.malformed.first[0],
			 r.bad_checksum.count, r.bad_checksum.first[0],
			 r.errors.count, r.errors.first[0], r.warnings.count,
			 r.warnings.first[0]);
	run_fields(path, "vrrp", vrrp_fields, ARRAY_LEN(vrrp_fields),
		   check_vrrp_row, &w);
	run_fields(path, "arp", arp_fields, ARRAY_LEN(arp_fields),
		   check_arp_row, &w);
	run_fields(path, "icmpv6.type == 136", na_fields, ARRAY_LEN(na_fields),
		   check_na_row, &w);
	assert_int_equal(w.vrrp_rows, w.nvrrp);
	assert_int_equal(w.arp_rows, 1);
	assert_int_equal(w.na_rows, 1);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_captures),
		cmocka_unit_test(test_tshark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
