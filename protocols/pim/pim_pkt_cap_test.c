/*
 * The PIMv2 codec (RFC 7761 section 4.9, RFC 5059 4.1-4.2, RFC 3973
 * 4.7.6-4.7.8, RFC 5015 3.7) against real captures: every PIM message (IP
 * protocol 103, also inside plain GRE and ERSPAN type II) in
 * FAILSIM_SHARED_DIR/captures/{pim,mixed} is decoded from an exact-size
 * heap copy; when our dissector refuses a damaged IP header, the bytes
 * after it are decoded anyway. Nothing may crash; in captures INDEX.tsv
 * does not flag, every PIMv2 message decodes (PIMv1 inside IGMP is not
 * PIMv2 and is ignored), and the counts by type and family must match
 * INDEX.tsv wherever every PIMv2 message tshark counted was decoded. Named
 * facts about single captures pin the reasons of the rejections. Skips
 * when the captures are absent.
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

#include "protocols/pim/pim_pkt.h"
#include "sim/net/net_dissect.h"
#include "sim/trace/trace_read.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define CAPTURES     FAILSIM_SHARED_DIR "/captures"
#define ETH_LEN	     14

static bool verbose(void)
{
	return getenv("PIM_WIRE_VERBOSE") != NULL;
}

/* What the codec found in one capture. */
struct cap_stats {
	unsigned frames;
	unsigned pim;	/* PIMv2 messages (version nibble 2) seen */
	unsigned other; /* protocol 103 payloads of another version */
	unsigned raw;	/* taken from behind a header our dissector refused */
	unsigned ok[2]; /* decoded, by family (0 IPv4, 1 IPv6) */
	unsigned type[2][PIM_T__COUNT];
	unsigned err[2][PIM_PKT_E__COUNT];
	unsigned whole;	     /* Registers with a whole-message checksum */
	unsigned null_reg;   /* Null-Registers */
	int first_err_frame; /* 1-based, 0 if none */
	struct pim_msg *m;   /* scratch */
};

static void decode_payload(struct cap_stats *s, enum net_af af,
			   const uint8_t *p, size_t n,
			   const struct net_addr *src,
			   const struct net_addr *dst)
{
	int fam = af == NET_AF_IP6;
	uint8_t *copy;
	enum pim_pkt_err e;

	if (n > 0 && p[0] >> 4 != PIM_VERSION) {
		s->other++;
		return;
	}
	s->pim++;
	copy = malloc(n ? n : 1);
	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	e = pim_pkt_decode(af, n ? copy : NULL, n, src, dst, s->m);
	free(copy);
	assert_true((unsigned)e < PIM_PKT_E__COUNT);
	s->err[fam][e]++;
	if (e != PIM_PKT_OK) {
		if (!s->first_err_frame)
			s->first_err_frame = (int)s->frames;
		return;
	}
	s->ok[fam]++;
	s->type[fam][s->m->type]++;
	if (s->m->type == PIM_T_REGISTER) {
		s->whole += s->m->reg.csum_whole;
		s->null_reg += s->m->reg.n_bit;
	}
}

static void scan_eth(struct cap_stats *s, const uint8_t *data, size_t len,
		     int depth);

/* An IP packet (header onwards) given an Ethernet header. */
static void scan_ip(struct cap_stats *s, uint16_t type, const uint8_t *ip,
		    size_t len, int depth)
{
	uint8_t *eth = calloc(1, len + ETH_LEN);

	assert_non_null(eth);
	net_put_be16(eth + 12, type);
	memcpy(eth + ETH_LEN, ip, len);
	scan_eth(s, eth, len + ETH_LEN, depth);
	free(eth);
}

/* GRE (RFC 2784, RFC 2890 key and sequence) carrying IP, Ethernet or
 * ERSPAN type II (an 8-byte header, then Ethernet). */
static void scan_gre(struct cap_stats *s, const uint8_t *p, size_t n, int depth)
{
	size_t off = 4;
	uint16_t flags, type;

	if (n < 4 || depth > 3)
		return;
	flags = net_get_be16(p);
	type = net_get_be16(p + 2);
	off += (flags & 0x8000 ? 4 : 0) + (flags & 0x2000 ? 4 : 0) +
	       (flags & 0x1000 ? 4 : 0);
	if (type == 0x88be)
		off += 8;
	if (off > n)
		return;
	if (type == 0x0800 || type == 0x86dd)
		scan_ip(s, type, p + off, n - off, depth + 1);
	else if (type == 0x88be || type == 0x6558)
		scan_eth(s, p + off, n - off, depth + 1);
}

/* A frame our dissector refused: the PIM bytes behind an IPv4 or plain
 * IPv6 header, up to the end of the frame. */
static void scan_raw(struct cap_stats *s, const uint8_t *d, size_t len)
{
	const uint8_t *ip = d + ETH_LEN;
	size_t n = len - ETH_LEN, hl;
	struct net_addr src = { 0 }, dst = { 0 };
	uint16_t type = net_get_be16(d + 12);

	if (type == 0x0800 && n >= 20 && ip[0] >> 4 == 4 && ip[9] == 103) {
		hl = (size_t)(ip[0] & 0x0f) * 4;
		if (hl < 20 || hl > n)
			return;
		src.af = dst.af = NET_AF_IP4;
		memcpy(src.b, ip + 12, 4);
		memcpy(dst.b, ip + 16, 4);
		s->raw++;
		decode_payload(s, NET_AF_IP4, ip + hl, n - hl, &src, &dst);
	} else if (type == 0x86dd && n >= 40 && ip[0] >> 4 == 6 &&
		   ip[6] == 103) {
		src.af = dst.af = NET_AF_IP6;
		memcpy(src.b, ip + 8, 16);
		memcpy(dst.b, ip + 24, 16);
		s->raw++;
		decode_payload(s, NET_AF_IP6, ip + 40, n - 40, &src, &dst);
	}
}

static void scan_eth(struct cap_stats *s, const uint8_t *data, size_t len,
		     int depth)
{
	struct net_pkt_info pi;

	if (net_dissect(data, len, &pi) != NET_OK &&
	    (pi.err_layer == NET_LAYER_IPV4 ||
	     pi.err_layer == NET_LAYER_IPV6) &&
	    len > ETH_LEN) {
		scan_raw(s, data, len);
		return;
	}
	if (!pi.l4 || pi.fragment)
		return;
	if (pi.l4_proto == PIM_PROTO)
		decode_payload(s, pi.af, pi.l4, pi.l4_len, &pi.src, &pi.dst);
	else if (pi.l4_proto == 47)
		scan_gre(s, pi.l4, pi.l4_len, depth);
}

/* Frames of other link types get an Ethernet header: raw IP and Linux
 * cooked captures. */
static void each_frame(void *arg, int dlt, const uint8_t *data, size_t len)
{
	struct cap_stats *s = arg;

	s->frames++;
	if (dlt == DLT_EN10MB)
		scan_eth(s, data, len, 0);
	else if (dlt == DLT_LINUX_SLL && len >= 16)
		scan_ip(s, net_get_be16(data + 14), data + 16, len - 16, 0);
	else if ((dlt == DLT_RAW || dlt == DLT_IPV4 || dlt == DLT_IPV6 ||
		  dlt == 101) &&
		 len > 0)
		scan_ip(s, (data[0] >> 4) == 6 ? 0x86dd : 0x0800, data, len, 0);
}

static bool read_capture(const char *path, struct cap_stats *s)
{
	struct pim_msg *m = s->m;

	memset(s, 0, sizeof(*s));
	s->m = m;
	return trace_read_each(path, each_frame, s, NULL, 0) >= 0;
}

static unsigned refused(const struct cap_stats *s)
{
	return s->pim - s->ok[0] - s->ok[1];
}

/* INDEX.tsv names of our types in its "PIM:" description. */
static const char *const index_names[PIM_T__COUNT] = {
	[PIM_T_HELLO] = "hello",
	[PIM_T_REGISTER] = "register",
	[PIM_T_REGISTER_STOP] = "register-stop",
	[PIM_T_JOIN_PRUNE] = "join/prune",
	[PIM_T_BOOTSTRAP] = "bootstrap",
	[PIM_T_ASSERT] = "assert",
	[PIM_T_GRAFT] = "graft",
	[PIM_T_GRAFT_ACK] = "graft-ack",
	[PIM_T_CRP_ADV] = "C-RP-adv",
	[PIM_T_STATE_REFRESH] = "state-refresh",
	[PIM_T_DF_ELECTION] = "DF-election",
};

/* The count N of "<fam> <name>xN" in desc, 0 when absent. */
static unsigned index_count(const char *desc, int fam, const char *name)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "%s %sx", fam ? "PIMv2-IPv6" : "PIMv2",
		 name);
	p = strstr(desc, key);
	return p ? (unsigned)strtoul(p + strlen(key), NULL, 10) : 0;
}

struct run_totals {
	unsigned files, flagged, msgs, decoded, facts, raw;
};

/* One capture against INDEX.tsv. */
static void check_capture(const char *rel, const struct cap_stats *s,
			  struct run_totals *t)
{
	char desc[4096] = "", flags[1024] = "-";
	unsigned listed = 0;
	bool flagged;

	trace_index_column(CAPTURES "/INDEX.tsv", rel, 6, desc, sizeof(desc));
	trace_index_column(CAPTURES "/INDEX.tsv", rel, 7, flags, sizeof(flags));
	flagged = strcmp(flags, "-") || strstr(desc, "MALFORMED") ||
		  strstr(desc, "deliberately bad");
	for (int fam = 0; fam < 2; fam++)
		for (int ty = 0; ty < PIM_T__COUNT; ty++)
			listed += index_count(desc, fam, index_names[ty]);
	if (verbose())
		printf("%s: frames %u pimv2 %u (index %u) ok %u+%u raw %u "
		       "(first error frame %d)%s\n",
		       rel, s->frames, s->pim, listed, s->ok[0], s->ok[1],
		       s->raw, s->first_err_frame, flagged ? " flagged" : "");
	if (!flagged && refused(s))
		fail_msg("%s: %u PIMv2 messages refused (frame %d)", rel,
			 refused(s), s->first_err_frame);
	t->flagged += flagged;
	if (s->pim == 0 || s->ok[0] + s->ok[1] != listed)
		return;
	for (int fam = 0; fam < 2; fam++) {
		for (int ty = 0; ty < PIM_T__COUNT; ty++) {
			unsigned want = index_count(desc, fam, index_names[ty]);

			if (want != s->type[fam][ty])
				fail_msg("%s: INDEX.tsv says %s %s x%u, "
					 "decoded %u",
					 rel, fam ? "IPv6" : "IPv4",
					 index_names[ty], want,
					 s->type[fam][ty]);
			t->facts++;
		}
	}
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static void scan_dir(const char *sub, struct run_totals *t, struct cap_stats *s)
{
	char dir[512];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s", CAPTURES, sub);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[1024], rel[600];

		if (!has_suffix(de->d_name, ".pcap") &&
		    !has_suffix(de->d_name, ".pcapng"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		snprintf(rel, sizeof(rel), "%s/%s", sub, de->d_name);
		if (!read_capture(path, s))
			continue;
		t->files++;
		t->msgs += s->pim;
		t->decoded += s->ok[0] + s->ok[1];
		t->raw += s->raw;
		if (s->pim || !strcmp(sub, "pim"))
			check_capture(rel, s, t);
	}
	closedir(d);
}

static void test_captures(void **state)
{
	struct run_totals t = { 0 };
	struct cap_stats s = { .m = calloc(1, sizeof(struct pim_msg)) };

	(void)state;
	assert_non_null(s.m);
	scan_dir("pim", &t, &s);
	scan_dir("mixed", &t, &s);
	free(s.m);
	if (t.files == 0)
		skip();
	printf("%u captures (%u flagged by INDEX.tsv), %u PIMv2 messages "
	       "(%u behind refused IP headers), %u decoded, %u INDEX.tsv "
	       "facts checked\n",
	       t.files, t.flagged, t.msgs, t.raw, t.decoded, t.facts);
	assert_true(t.decoded >= 300);
	assert_true(t.facts >= 100);
}

/* Named facts about single captures. */
static void test_known_captures(void **state)
{
	struct cap_stats s = { .m = calloc(1, sizeof(struct pim_msg)) };

	(void)state;
	assert_non_null(s.m);
	if (!read_capture(CAPTURES "/pim/PIM_register_register-stop.pcap",
			  &s)) {
		free(s.m);
		skip();
	}
	/* A Register around an ICMP echo to 239.1.2.3 and its Stop. */
	assert_int_equal(s.type[0][PIM_T_REGISTER], 1);
	assert_int_equal(s.type[0][PIM_T_REGISTER_STOP], 1);
	assert_true(net_addr_eq(
		&s.m->reg_stop.group.addr,
		&(struct net_addr){ NET_AF_IP4, { 239, 1, 2, 3 } }));
	assert_true(net_addr_eq(
		&s.m->reg_stop.source,
		&(struct net_addr){ NET_AF_IP4, { 192, 168, 20, 10 } }));
	/* PIMv1 inside IGMP is not ours; 34 Hellos, 9 Join/Prunes. */
	assert_true(read_capture(CAPTURES "/pim/PIM-SM_join_prune.pcap", &s));
	assert_int_equal(s.ok[0], 43);
	assert_int_equal(s.type[0][PIM_T_JOIN_PRUNE], 9);
	/* The last of the four Bootstrap / C-RP-Adv pairs. */
	assert_true(read_capture(CAPTURES "/pim/PIMv2_bootstrap.pcap", &s));
	assert_int_equal(s.type[0][PIM_T_BOOTSTRAP], 4);
	assert_int_equal(s.type[0][PIM_T_CRP_ADV], 4);
	assert_int_equal(s.m->crp.prefix_count, 1);
	assert_int_equal(s.m->crp.holdtime, SIM_S(150));
	assert_int_equal(s.m->crp.groups[0].mask_len, 4);
	/* The assortment: every type of both families, the registers of
	 * frames 178-189 checksummed whole (RFC 7761 4.9.3 accepts them),
	 * C-RP-Advs (frames 18, 146) with more groups than their count,
	 * Grafts of a bare header (110, 228), bad checksums (151, 185,
	 * 196, 206; 185 claims 65535 bytes and is read behind its IPv6
	 * header). */
	assert_true(
		read_capture(CAPTURES "/pim/pim-packet-assortment.pcap", &s));
	assert_int_equal(s.whole, 11);
	assert_int_equal(s.err[0][PIM_PKT_E_LENGTH], 1);
	assert_int_equal(s.err[1][PIM_PKT_E_LENGTH], 1);
	assert_int_equal(s.err[0][PIM_PKT_E_SHORT], 1);
	assert_int_equal(s.err[1][PIM_PKT_E_SHORT], 1);
	assert_int_equal(s.err[1][PIM_PKT_E_CHECKSUM], 4);
	assert_int_equal(s.first_err_frame, 18);
	assert_int_equal(s.type[0][PIM_T_DF_ELECTION], 21);
	assert_int_equal(s.type[1][PIM_T_DF_ELECTION], 21);
	assert_int_equal(s.type[1][PIM_T_ASSERT], 9);
	/* A Hello inside GRE and ERSPAN type II. */
	assert_true(read_capture(CAPTURES "/pim/erspan-type-ii-1.pcap", &s));
	assert_int_equal(s.type[0][PIM_T_HELLO], 1);
	/* Fuzzed headers claiming 65501 bytes: the options run out. */
	assert_true(read_capture(CAPTURES "/pim/pimv2-oobr-1.pcap", &s));
	assert_int_equal(s.pim, 1);
	assert_int_equal(s.err[0][PIM_PKT_E_LENGTH], 1);
	free(s.m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_captures),
		cmocka_unit_test(test_known_captures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
