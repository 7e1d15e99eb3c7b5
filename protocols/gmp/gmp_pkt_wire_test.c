/*
 * The group membership codec against the outside world. First, tshark as
 * an independent decoder: every IGMP message (RFC 1112 appendix I, RFC
 * 2236 section 2, RFC 3376 section 4) is sent as the RFCs say, in an IPv4
 * packet with TTL 1 and the Router Alert option (RFC 2236 section 2, RFC
 * 3376 section 4) to 224.0.0.1, the group, 224.0.0.2 (leave) or
 * 224.0.0.22 (v3 report); every MLD message (RFC 2710 section 3, RFC 3810
 * section 5) in an IPv6 packet from a link-local source with Hop Limit 1
 * and a hop-by-hop Router Alert of value 0 (RFC 2711) to ff02::1, the
 * group, ff02::2 (done) or ff02::16 (v2 report). tshark must find no
 * malformed packet and no bad checksum, and the fields it reads must equal
 * the ones encoded; our own dissector and decoder must read the same
 * frames back. Second, real captures: every IGMP payload and every MLD
 * message in FAILSIM_SHARED_DIR/captures/{igmp,mld,mixed} is decoded from
 * an exact-size heap copy (Ethernet, Linux cooked and raw IP captures);
 * nothing may crash; in captures INDEX.tsv does not flag, every membership
 * message must decode (DVMRP, mtrace and PIMv1 are E_TYPE), and the counts
 * by type, version and record type must match INDEX.tsv's wherever our
 * dissector saw every message tshark saw (not through tunnels). The
 * deliberately bad captures are refused for the right reason. Each part
 * skips when its input (tshark, captures) is absent.
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

#include "protocols/gmp/gmp_pkt.h"
#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_read.h"
#include "sim/trace/trace_tshark.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define CAPTURES     FAILSIM_SHARED_DIR "/captures"
#define NREC_TYPES   7 /* record types 1..6, 0 for any other */

static bool verbose(void)
{
	return getenv("GMP_WIRE_VERBOSE") != NULL;
}

/* ======== captures ======== */

/* What the codec found in one capture. */
struct cap_stats {
	unsigned frames;
	unsigned igmp; /* IPv4 payloads of protocol 2 */
	unsigned mld;  /* ICMPv6 messages of types 130, 131, 132, 143 */
	unsigned ok4, ok6;
	unsigned type4[GMP_T__COUNT], type6[GMP_T__COUNT];
	unsigned ver4[4];  /* IGMP messages by version */
	unsigned qver6[3]; /* MLD queries by version */
	unsigned rec4[NREC_TYPES], rec6[NREC_TYPES];
	unsigned err4[GMP_PKT_E__COUNT], err6[GMP_PKT_E__COUNT];
	int first_err_frame; /* 1-based, 0 if none */
	struct gmp_msg *m;   /* scratch */
};

static bool is_mld_type(uint8_t t)
{
	return t == GMP_MLD_QUERY || t == GMP_MLD_V1_REPORT ||
	       t == GMP_MLD_V1_DONE || t == GMP_MLD_V2_REPORT;
}

static void count_msg(struct cap_stats *s, const struct gmp_msg *m)
{
	bool v6 = m->af == NET_AF_IP6;

	(v6 ? s->type6 : s->type4)[m->type]++;
	if (!v6 && m->version < 4)
		s->ver4[m->version]++;
	if (v6 && m->type == GMP_T_QUERY && m->version < 3)
		s->qver6[m->version]++;
	for (unsigned i = 0; i < m->nrec; i++) {
		uint8_t t = m->rec[i].type;

		(v6 ? s->rec6 : s->rec4)[t < NREC_TYPES ? t : 0]++;
	}
}

static void decode_payload(struct cap_stats *s, enum net_af af,
			   const uint8_t *p, size_t n,
			   const struct net_pkt_info *pi)
{
	uint8_t *copy = malloc(n ? n : 1);
	enum gmp_pkt_err e;

	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	e = gmp_pkt_decode(af, copy, n, &pi->src, &pi->dst, s->m);
	free(copy);
	assert_true((unsigned)e < GMP_PKT_E__COUNT);
	(af == NET_AF_IP6 ? s->err6 : s->err4)[e]++;
	if (e != GMP_PKT_OK) {
		if (e != GMP_PKT_E_TYPE && !s->first_err_frame)
			s->first_err_frame = (int)s->frames;
		return;
	}
	*(af == NET_AF_IP6 ? &s->ok6 : &s->ok4) += 1;
	count_msg(s, s->m);
}

static void count_eth(struct cap_stats *s, const uint8_t *data, size_t len)
{
	struct net_pkt_info pi;

	net_dissect(data, len, &pi);
	if (!pi.l4 || pi.fragment)
		return;
	if (pi.af == NET_AF_IP4 && pi.l4_proto == GMP_IGMP_PROTO) {
		s->igmp++;
		decode_payload(s, NET_AF_IP4, pi.l4, pi.l4_len, &pi);
	} else if (pi.af == NET_AF_IP6 && pi.l4_proto == 58 && pi.l4_len > 0 &&
		   is_mld_type(pi.l4[0])) {
		s->mld++;
		decode_payload(s, NET_AF_IP6, pi.l4, pi.l4_len, &pi);
	}
}

/*
 * Frames of other link types are given an Ethernet header: raw IP (the
 * version nibble tells the family) and Linux cooked captures (their
 * protocol field is the EtherType).
 */
static void each_frame(void *arg, int dlt, const uint8_t *data, size_t len)
{
	struct cap_stats *s = arg;
	size_t skip = 0;
	uint16_t type = 0;
	uint8_t *eth;

	s->frames++;
	if (dlt == DLT_EN10MB) {
		count_eth(s, data, len);
		return;
	}
	if (dlt == DLT_LINUX_SLL && len >= 16) {
		skip = 16;
		type = net_get_be16(data + 14);
	} else if ((dlt == DLT_RAW || dlt == DLT_IPV4 || dlt == DLT_IPV6 ||
		    dlt == 101) &&
		   len > 0) {
		type = (data[0] >> 4) == 6 ? 0x86dd : 0x0800;
	} else {
		return;
	}
	eth = calloc(1, len - skip + 14);
	assert_non_null(eth);
	net_put_be16(eth + 12, type);
	memcpy(eth + 14, data + skip, len - skip);
	count_eth(s, eth, len - skip + 14);
	free(eth);
}

static bool read_capture(const char *path, struct cap_stats *s)
{
	struct gmp_msg *m = s->m;
	int dlt;

	memset(s, 0, sizeof(*s));
	s->m = m;
	dlt = trace_read_each(path, each_frame, s, NULL, 0);
	return dlt >= 0;
}

static bool index_column(const char *key, int col, char *out, size_t len)
{
	return trace_index_column(CAPTURES "/INDEX.tsv", key, col, out, len);
}

/* The section of desc that starts with head ("IGMP:", "MLD:"), up to the
 * next " | ", copied into out; false when absent. */
static bool section(const char *desc, const char *head, char *out, size_t len)
{
	const char *p = strstr(desc, head), *end;

	if (!p)
		return false;
	end = strstr(p, " | ");
	snprintf(out, len, "%.*s", (int)(end ? (size_t)(end - p) : strlen(p)),
		 p);
	return true;
}

/* The count of the token "<key>N" in sec (tokens split at ' ' and ';'),
 * 0 when absent. */
static unsigned token(const char *sec, const char *key)
{
	size_t k = strlen(key);

	for (const char *p = sec; *p;) {
		size_t n = strcspn(p, " ;");

		if (n > k && !strncmp(p, key, k))
			return (unsigned)strtoul(p + k, NULL, 10);
		p += n;
		p += strspn(p, " ;");
	}
	return 0;
}

static void expect_eq(const char *file, const char *what, unsigned want,
		      unsigned got, unsigned *facts)
{
	if (want != got)
		fail_msg("%s: INDEX.tsv says %s %u, decoded %u", file, what,
			 want, got);
	(*facts)++;
}

static const char *const rec_keys[NREC_TYPES] = {
	[1] = "IS_INx", [2] = "IS_EXx", [3] = "TO_INx",
	[4] = "TO_EXx", [5] = "ALLOWx", [6] = "BLOCKx",
};

static unsigned check_igmp_facts(const char *file, const char *sec,
				 const struct cap_stats *s)
{
	static const struct {
		const char *key;
		enum gmp_type t;
	} types[] = {
		{ "queryx", GMP_T_QUERY },
		{ "v1-reportx", GMP_T_REPORT_V1 },
		{ "v2-reportx", GMP_T_REPORT_V2 },
		{ "v2-leavex", GMP_T_LEAVE },
		{ "v3-reportx", GMP_T_REPORT_V3 },
	};
	unsigned facts = 0;
	char key[8];

	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		expect_eq(file, types[i].key, token(sec, types[i].key),
			  s->type4[types[i].t], &facts);
	for (unsigned v = 1; v <= 3; v++) {
		snprintf(key, sizeof(key), "v%ux", v);
		expect_eq(file, key, token(sec, key), s->ver4[v], &facts);
	}
	for (unsigned t = 1; t < NREC_TYPES; t++)
		expect_eq(file, rec_keys[t], token(sec, rec_keys[t]),
			  s->rec4[t], &facts);
	return facts;
}

static unsigned check_mld_facts(const char *file, const char *sec,
				const struct cap_stats *s)
{
	unsigned facts = 0;

	expect_eq(file, "v1queryx", token(sec, "v1queryx"), s->qver6[1],
		  &facts);
	expect_eq(file, "v2queryx", token(sec, "v2queryx"), s->qver6[2],
		  &facts);
	expect_eq(file, "v1reportx", token(sec, "v1reportx"),
		  s->type6[GMP_T_REPORT_V2], &facts);
	expect_eq(file, "donex", token(sec, "donex"), s->type6[GMP_T_LEAVE],
		  &facts);
	expect_eq(file, "v2reportx", token(sec, "v2reportx"),
		  s->type6[GMP_T_REPORT_V3], &facts);
	for (unsigned t = 1; t < NREC_TYPES; t++)
		expect_eq(file, rec_keys[t], token(sec, rec_keys[t]),
			  s->rec6[t], &facts);
	return facts;
}

/* "igmp=N" / "mld=N" of column 5. */
static unsigned index_total(const char *col5, const char *key)
{
	const char *p = strstr(col5, key);

	return p ? (unsigned)strtoul(p + strlen(key), NULL, 10) : 0;
}

struct run_totals {
	unsigned files, flagged, msgs, decoded, facts, partial;
};

/*
 * One capture against INDEX.tsv. Clean captures (no tshark flag, not
 * marked deliberately bad) must decode every membership message. Facts
 * are compared for each family whose messages were all seen and decoded.
 */
static void check_capture(const char *rel, const struct cap_stats *s,
			  struct run_totals *t)
{
	char col5[4096] = "", desc[4096] = "", flags[1024] = "-", sec[4096];
	bool flagged;
	unsigned rej4, rej6;

	index_column(rel, 5, col5, sizeof(col5));
	index_column(rel, 6, desc, sizeof(desc));
	index_column(rel, 7, flags, sizeof(flags));
	flagged = strcmp(flags, "-") || strstr(desc, "MALFORMED") ||
		  strstr(desc, "deliberately bad");
	rej4 = s->igmp - s->ok4 - s->err4[GMP_PKT_E_TYPE];
	rej6 = s->mld - s->ok6;
	if (verbose())
		printf("%s: frames %u igmp %u/%u ok %u mld %u/%u ok %u "
		       "(first error frame %d)%s\n",
		       rel, s->frames, s->igmp, index_total(col5, "igmp="),
		       s->ok4, s->mld, index_total(col5, "mld="), s->ok6,
		       s->first_err_frame, flagged ? " flagged" : "");
	if (!flagged && (rej4 || rej6))
		fail_msg("%s: %u IGMP and %u MLD messages refused (frame %d)",
			 rel, rej4, rej6, s->first_err_frame);
	t->flagged += flagged;
	if (s->igmp && s->igmp == index_total(col5, "igmp=") && !rej4 &&
	    section(desc, "IGMP:", sec, sizeof(sec)))
		t->facts += check_igmp_facts(rel, sec, s);
	else if (s->igmp != index_total(col5, "igmp="))
		t->partial++;
	if (s->mld && s->mld == index_total(col5, "mld=") && !rej6 &&
	    section(desc, "MLD:", sec, sizeof(sec)))
		t->facts += check_mld_facts(rel, sec, s);
	else if (s->mld != index_total(col5, "mld="))
		t->partial++;
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
		t->msgs += s->igmp + s->mld;
		t->decoded += s->ok4 + s->ok6;
		check_capture(rel, s, t);
	}
	closedir(d);
}

static void test_captures(void **state)
{
	struct run_totals t = { 0 };
	struct cap_stats s = { .m = calloc(1, sizeof(struct gmp_msg)) };

	(void)state;
	assert_non_null(s.m);
	scan_dir("igmp", &t, &s);
	scan_dir("mld", &t, &s);
	scan_dir("mixed", &t, &s);
	free(s.m);
	if (t.files == 0)
		skip();
	printf("%u captures (%u flagged by INDEX.tsv, %u families not fully "
	       "seen), %u membership messages, %u decoded, %u INDEX.tsv facts "
	       "checked\n",
	       t.files, t.flagged, t.partial, t.msgs, t.decoded, t.facts);
	assert_true(t.decoded >= 1000);
	assert_true(t.facts >= 300);
}

/* Named facts about single captures. */
static void test_known_captures(void **state)
{
	struct cap_stats s = { .m = calloc(1, sizeof(struct gmp_msg)) };

	(void)state;
	assert_non_null(s.m);
	if (!read_capture(CAPTURES "/igmp/IGMP_V2.pcap", &s)) {
		free(s.m);
		skip();
	}
	assert_int_equal(s.ok4, 18);
	assert_int_equal(s.type4[GMP_T_REPORT_V2], 12);
	assert_int_equal(s.type4[GMP_T_QUERY], 4);
	assert_int_equal(s.type4[GMP_T_LEAVE], 2);
	/* Frame 5 carries a bad checksum; the rest are good. */
	assert_true(read_capture(
		CAPTURES "/igmp/zeek_igmp_igmp-bad-checksum.pcap", &s));
	assert_int_equal(s.igmp, 12);
	assert_int_equal(s.ok4, 11);
	assert_int_equal(s.err4[GMP_PKT_E_CHECKSUM], 1);
	assert_int_equal(s.first_err_frame, 5);
	/* DVMRP (mrinfo) and mtrace are not membership messages. */
	assert_true(read_capture(CAPTURES "/igmp/mrinfo_query.pcap", &s));
	assert_int_equal(s.err4[GMP_PKT_E_TYPE], 2);
	assert_true(read_capture(CAPTURES "/igmp/mtrace.pcap", &s));
	assert_int_equal(s.err4[GMP_PKT_E_TYPE], 2);
	/* MLDv2 reports over raw IPv6; frames 3 and 5 (which tshark calls
	 * malformed) declare more sources than they carry. */
	assert_true(
		read_capture(CAPTURES "/mld/zeek_icmp_icmp6-mldv2.pcap", &s));
	assert_int_equal(s.mld, 5);
	assert_int_equal(s.ok6, 3);
	assert_int_equal(s.err6[GMP_PKT_E_LENGTH], 2);
	assert_int_equal(s.first_err_frame, 3);
	/* Linux cooked capture. */
	assert_true(read_capture(CAPTURES "/mixed/babel.pcap", &s));
	assert_int_equal(s.ok6, 1);
	assert_int_equal(s.rec6[GMP_REC_TO_EX], 2);
	free(s.m);
}

/* relts-0x80000000: an IPv4 header claiming 12336 bytes (refused by the
 * dissector) around a DVMRP message (refused by the codec as E_TYPE). */
static void relts_frame(void *arg, int dlt, const uint8_t *data, size_t len)
{
	struct gmp_msg *m = calloc(1, sizeof(*m));
	struct net_pkt_info pi;
	size_t ihl;

	assert_non_null(m);
	assert_int_equal(dlt, DLT_EN10MB);
	assert_int_not_equal(net_dissect(data, len, &pi), NET_OK);
	assert_int_equal(pi.err_layer, NET_LAYER_IPV4);
	assert_true(len > 14 + 20);
	ihl = (size_t)(data[14] & 0x0f) * 4;
	assert_int_equal(data[14 + 9], GMP_IGMP_PROTO);
	assert_int_equal(gmp_pkt_decode(NET_AF_IP4, data + 14 + ihl,
					len - 14 - ihl, NULL, NULL, m),
			 GMP_PKT_E_TYPE);
	(*(unsigned *)arg)++;
	free(m);
}

static void test_relts(void **state)
{
	unsigned n = 0;

	(void)state;
	if (access(CAPTURES "/igmp/relts-0x80000000.pcap", R_OK))
		skip();
	assert_true(trace_read_each(CAPTURES "/igmp/relts-0x80000000.pcap",
				    relts_frame, &n, NULL, 0) >= 0);
	assert_int_equal(n, 1);
}

/* ======== tshark ======== */

#define N_FRAMES 16

struct wire {
	int n;
	struct gmp_msg *msg[N_FRAMES];
	uint8_t pkt[N_FRAMES][256]; /* the IGMP or MLD message */
	int plen[N_FRAMES];
	struct net_addr src[N_FRAMES], dst[N_FRAMES];
	uint8_t frame[N_FRAMES][400];
	int len[N_FRAMES];
	int row4[N_FRAMES], row6[N_FRAMES]; /* frame of each tshark row */
	int n4, n6;
	unsigned seen4, seen6;
};

static const struct net_addr host4 = { NET_AF_IP4, { 192, 0, 2, 10 } };
static const struct net_addr ll6 = {
	NET_AF_IP6,
	{ 0xfe, 0x80, [8] = 0x02, [11] = 0xff, [12] = 0xfe, [15] = 0x0a }
};
static const struct net_addr g4 = { NET_AF_IP4, { 239, 1, 2, 3 } };
static const struct net_addr g6 = {
	NET_AF_IP6, { 0xff, 0x3e, [13] = 0x01, [14] = 0x02, [15] = 0x03 }
};
static const struct net_mac host_mac = { { 0x02, 0, 0, 0, 0, 0x0a } };

static void build_frame(struct wire *w, int i)
{
	struct net_wr wr;

	net_wr_init(&wr, w->frame[i], sizeof(w->frame[0]));
	if (w->msg[i]->af == NET_AF_IP6) {
		struct net_ip6_params p = {
			.l2 = { .src = host_mac },
			.src = net_addr_ip6(&w->src[i]),
			.dst = net_addr_ip6(&w->dst[i]),
			.hop_limit = 1,
			.router_alert = true,
			.ra_value = 0, /* MLD (RFC 2711) */
		};

		p.l2.dst = net_mac_from_ip6_mcast(&p.dst);
		w->len[i] = net_build_ip6(&wr, &p, 58, w->pkt[i],
					  (size_t)w->plen[i]);
		w->row6[w->n6++] = i;
	} else {
		struct net_ip4_params p = {
			.l2 = { .src = host_mac },
			.src = net_addr_ip4(&w->src[i]),
			.dst = net_addr_ip4(&w->dst[i]),
			.ttl = 1,
			.id = (uint16_t)(i + 1),
			.router_alert = true,
		};

		p.l2.dst = net_mac_from_ip4_mcast(&p.dst);
		w->len[i] = net_build_ip4(&wr, &p, GMP_IGMP_PROTO, w->pkt[i],
					  (size_t)w->plen[i]);
		w->row4[w->n4++] = i;
	}
	assert_true(w->len[i] > 0);
}

static void add_msg(struct wire *w, const struct gmp_msg *m,
		    const struct net_addr *dst)
{
	int i = w->n++;

	assert_true(i < N_FRAMES);
	w->msg[i] = malloc(sizeof(*m));
	assert_non_null(w->msg[i]);
	memcpy(w->msg[i], m, sizeof(*m));
	w->src[i] = m->af == NET_AF_IP6 ? ll6 : host4;
	w->dst[i] = *dst;
	w->plen[i] = gmp_pkt_encode(m, &w->src[i], dst, w->pkt[i],
				    sizeof(w->pkt[0]));
	assert_true(w->plen[i] > 0);
	build_frame(w, i);
}

static void add_query(struct wire *w, struct gmp_msg *m, uint8_t version,
		      sim_time_t max_resp, const struct net_addr *group,
		      unsigned nsrc)
{
	bool v6 = m->af == NET_AF_IP6;

	m->type = GMP_T_QUERY;
	m->version = version;
	m->max_resp = max_resp;
	m->group = *group;
	m->s_flag = nsrc > 0;
	m->qrv = 2;
	m->qqi = SIM_S(125);
	m->nsrc = (uint16_t)nsrc;
	add_msg(w, m,
		net_addr_is_unspec(group)
			? (v6 ? &gmp_all_nodes6 : &gmp_all_hosts4)
			: group);
}

static void add_simple(struct wire *w, struct gmp_msg *m, enum gmp_type t)
{
	bool v6 = m->af == NET_AF_IP6;

	m->type = t;
	m->group = v6 ? g6 : g4;
	m->nsrc = 0;
	if (t == GMP_T_LEAVE)
		add_msg(w, m, v6 ? &gmp_all_routers6 : &gmp_all_routers4);
	else
		add_msg(w, m, &m->group);
}

/* A v3 report: IS_EX with no source, ALLOW with two, BLOCK with one. */
static void add_report3(struct wire *w, struct gmp_msg *m)
{
	bool v6 = m->af == NET_AF_IP6;

	m->type = GMP_T_REPORT_V3;
	m->nrec = 3;
	m->rec[0] = (struct gmp_rec){ .type = GMP_REC_IS_EX, .group = g6 };
	m->rec[1] = (struct gmp_rec){ .type = GMP_REC_ALLOW, .nsrc = 2 };
	m->rec[2] =
		(struct gmp_rec){ .type = GMP_REC_BLOCK, .nsrc = 1, .src0 = 2 };
	for (int i = 0; i < 3; i++) {
		m->rec[i].group = v6 ? g6 : g4;
		m->rec[i].group.b[v6 ? 15 : 3] += (uint8_t)i;
	}
	add_msg(w, m, v6 ? &gmp_v2_routers6 : &gmp_v3_routers4);
}

static void set_srcs(struct gmp_msg *m)
{
	for (int i = 0; i < 3; i++) {
		if (m->af == NET_AF_IP6)
			m->srcs[i] = (struct net_addr){
				NET_AF_IP6,
				{ 0x20, 0x01, 0x0d,
				  0xb8, [15] = (uint8_t)(i + 1) }
			};
		else
			m->srcs[i] = (struct net_addr){
				NET_AF_IP4, { 198, 51, 100, (uint8_t)(i + 1) }
			};
	}
	m->srcs_used = 3;
}

static void build_frames(struct wire *w)
{
	struct gmp_msg *m = calloc(1, sizeof(*m));
	const struct net_addr any4 = { NET_AF_IP4 }, any6 = { NET_AF_IP6 };

	assert_non_null(m);
	m->af = NET_AF_IP4;
	set_srcs(m);
	add_query(w, m, 1, 0, &any4, 0);
	add_query(w, m, 2, SIM_S(10), &any4, 0);
	add_query(w, m, 2, SIM_S(1), &g4, 0);
	add_query(w, m, 3, SIM_S(20), &any4, 0); /* float code */
	add_query(w, m, 3, SIM_S(1), &g4, 2);
	add_simple(w, m, GMP_T_REPORT_V1);
	add_simple(w, m, GMP_T_REPORT_V2);
	add_simple(w, m, GMP_T_LEAVE);
	add_report3(w, m);
	memset(m, 0, sizeof(*m));
	m->af = NET_AF_IP6;
	set_srcs(m);
	add_query(w, m, 1, SIM_S(10), &any6, 0);
	add_query(w, m, 1, SIM_S(1), &g6, 0);
	add_query(w, m, 2, SIM_S(40), &any6, 0); /* float code */
	add_query(w, m, 2, SIM_S(1), &g6, 2);
	add_simple(w, m, GMP_T_REPORT_V2);
	add_simple(w, m, GMP_T_LEAVE);
	add_report3(w, m);
	free(m);
}

/* Our own dissector and decoder read every frame back. */
static void check_readback(const struct wire *w)
{
	struct gmp_msg *d = calloc(1, sizeof(*d));
	struct net_pkt_info pi;

	assert_non_null(d);
	for (int i = 0; i < w->n; i++) {
		const struct gmp_msg *m = w->msg[i];

		assert_int_equal(
			net_dissect(w->frame[i], (size_t)w->len[i], &pi),
			NET_OK);
		assert_int_equal(pi.ttl, 1);
		assert_true(pi.router_alert);
		assert_int_equal(pi.ra_value, 0);
		assert_true(net_addr_eq(&pi.src, &w->src[i]));
		assert_true(net_addr_eq(&pi.dst, &w->dst[i]));
		assert_int_equal(pi.l4_len, w->plen[i]);
		assert_int_equal(gmp_pkt_decode(m->af, pi.l4, pi.l4_len,
						&pi.src, &pi.dst, d),
				 GMP_PKT_OK);
		assert_int_equal(d->type, m->type);
		if (m->type == GMP_T_QUERY) {
			assert_int_equal(d->version, m->version);
			assert_int_equal(d->max_resp, m->max_resp);
			assert_int_equal(d->nsrc, m->nsrc);
		}
		assert_int_equal(d->nrec, m->nrec);
		assert_int_equal(d->srcs_used, m->type == GMP_T_QUERY ? m->nsrc
					       : m->nrec	      ? 3
								      : 0);
	}
	free(d);
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

/* A tshark number ("0x11", "3") or boolean ("1", "True"); "" is 0. */
static unsigned long num(const char *s)
{
	if (!strcmp(s, "True"))
		return 1;
	if (!strcmp(s, "False"))
		return 0;
	return strtoul(s, NULL, 0);
}

/* Addresses joined with ',' as tshark lists repeated fields. */
static void join_addrs(const struct net_addr *a, unsigned n, char *out,
		       size_t len)
{
	out[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		char s[NET_ADDR_STRLEN];

		net_addr_fmt(&a[i], s, sizeof(s));
		snprintf(out + strlen(out), len - strlen(out), "%s%s",
			 i ? "," : "", s);
	}
}

static void record_fields(const struct gmp_msg *m, char *types, char *nsrc,
			  size_t len)
{
	types[0] = nsrc[0] = '\0';
	for (unsigned i = 0; i < m->nrec; i++) {
		snprintf(types + strlen(types), len - strlen(types), "%s%u",
			 i ? "," : "", m->rec[i].type);
		snprintf(nsrc + strlen(nsrc), len - strlen(nsrc), "%s%u",
			 i ? "," : "", m->rec[i].nsrc);
	}
}

static const char *const igmp_fields[] = {
	"igmp.type",
	"igmp.version",
	"igmp.checksum.status",
	"ip.ttl",
	"ip.opt.ra",
	"igmp.max_resp",
	"igmp.num_src",
	"igmp.num_grp_recs",
	"igmp.qrv",
	"igmp.qqic",
	"igmp.s",
	"igmp.maddr",
	"igmp.saddr",
	"igmp.record_type",
	"ip.dst",
};

static void dump_row(const char *const *names, const char *const *cols,
		     size_t n)
{
	if (!verbose())
		return;
	for (size_t i = 0; i < n; i++)
		printf("  %s=%s", names[i], cols[i]);
	printf("\n");
}

static void check_igmp_row(void *arg, unsigned row, const char *const *cols,
			   size_t ncols)
{
	struct wire *w = arg;
	const struct gmp_msg *m;
	const uint8_t *p;
	char want[512], rt[64], rn[64];
	bool q, v3q;

	assert_int_equal(ncols, ARRAY_LEN(igmp_fields));
	dump_row(igmp_fields, cols, ncols);
	assert_true(row < (unsigned)w->n4);
	m = w->msg[w->row4[row]];
	p = w->pkt[w->row4[row]];
	q = m->type == GMP_T_QUERY;
	v3q = q && m->version == 3;
	assert_int_equal(num(cols[0]), p[0]);
	assert_int_equal(num(cols[1]), m->type == GMP_T_QUERY	    ? m->version
				       : m->type == GMP_T_REPORT_V1 ? 1
				       : m->type == GMP_T_REPORT_V3 ? 3
								    : 2);
	assert_int_equal(num(cols[2]), 1); /* checksum Good */
	assert_int_equal(num(cols[3]), 1);
	assert_string_equal(cols[4], "0"); /* Router Alert, value 0 */
	/* tshark shows the v2 code, and the v3 code's value in tenths. */
	if (q && m->version == 2)
		assert_int_equal(num(cols[5]), p[1]);
	if (v3q)
		assert_int_equal(num(cols[5]), gmp_igmp_code_decode(p[1], 1));
	record_fields(m, rt, rn, sizeof(rt));
	if (m->type == GMP_T_REPORT_V3)
		assert_string_equal(cols[6], rn); /* per record */
	else
		assert_int_equal(num(cols[6]), v3q ? m->nsrc : 0);
	assert_int_equal(num(cols[7]), m->nrec);
	assert_int_equal(num(cols[8]), v3q ? m->qrv : 0);
	assert_int_equal(num(cols[9]), v3q ? 125 : 0);
	assert_int_equal(num(cols[10]), v3q && m->s_flag);
	if (m->type == GMP_T_REPORT_V3) {
		join_addrs(&m->rec[0].group, 0, want, sizeof(want));
		for (unsigned i = 0; i < m->nrec; i++) {
			char s[NET_ADDR_STRLEN];

			net_addr_fmt(&m->rec[i].group, s, sizeof(s));
			snprintf(want + strlen(want),
				 sizeof(want) - strlen(want), "%s%s",
				 i ? "," : "", s);
		}
	} else {
		join_addrs(&m->group, 1, want, sizeof(want));
	}
	assert_string_equal(cols[11], want);
	join_addrs(m->srcs,
		   m->type == GMP_T_REPORT_V3 ? m->srcs_used
		   : v3q		      ? m->nsrc
					      : 0,
		   want, sizeof(want));
	assert_string_equal(cols[12], want);
	assert_string_equal(cols[13], rt);
	join_addrs(&w->dst[w->row4[row]], 1, want, sizeof(want));
	assert_string_equal(cols[14], want);
	w->seen4++;
}

static const char *const mld_fields[] = {
	"icmpv6.type",
	"icmpv6.checksum.status",
	"ipv6.hlim",
	"ipv6.opt.router_alert",
	"icmpv6.mld.maximum_response_delay",
	"icmpv6.mld.maximum_response_code",
	"icmpv6.mld.multicast_address",
	"icmpv6.mld.nb_sources",
	"icmpv6.mld.flag.qrv",
	"icmpv6.mld.qqi",
	"icmpv6.mld.flag.s",
	"icmpv6.mld.source_address",
	"icmpv6.mldr.nb_mcast_records",
	"icmpv6.mldr.mar.record_type",
	"icmpv6.mldr.mar.nb_sources",
	"icmpv6.mldr.mar.multicast_address",
	"icmpv6.mldr.mar.source_address",
	"ipv6.src",
	"ipv6.dst",
};

static void check_mld_row(void *arg, unsigned row, const char *const *cols,
			  size_t ncols)
{
	struct wire *w = arg;
	const struct gmp_msg *m;
	const uint8_t *p;
	char want[512], rt[64], rn[64];
	bool q, v2q, r2;

	assert_int_equal(ncols, ARRAY_LEN(mld_fields));
	dump_row(mld_fields, cols, ncols);
	assert_true(row < (unsigned)w->n6);
	m = w->msg[w->row6[row]];
	p = w->pkt[w->row6[row]];
	q = m->type == GMP_T_QUERY;
	v2q = q && m->version == 2;
	r2 = m->type == GMP_T_REPORT_V3;
	assert_int_equal(num(cols[0]), p[0]);
	assert_int_equal(num(cols[1]), 1); /* checksum Good */
	assert_int_equal(num(cols[2]), 1);
	assert_true(cols[3][0] != '\0');
	if (q && !v2q)
		assert_int_equal(num(cols[4]), net_get_be16(p + 4));
	if (v2q) /* tshark shows the code's value in ms */
		assert_int_equal(num(cols[5]),
				 gmp_mld_code_decode(net_get_be16(p + 4)) /
					 SIM_MS(1));
	join_addrs(&m->group, r2 ? 0 : 1, want, sizeof(want));
	assert_string_equal(cols[6], want);
	assert_int_equal(num(cols[7]), v2q ? m->nsrc : 0);
	assert_int_equal(num(cols[8]), v2q ? m->qrv : 0);
	assert_int_equal(num(cols[9]), v2q ? 125 : 0);
	assert_int_equal(num(cols[10]), v2q && m->s_flag);
	join_addrs(m->srcs, v2q ? m->nsrc : 0, want, sizeof(want));
	assert_string_equal(cols[11], want);
	assert_int_equal(num(cols[12]), m->nrec);
	record_fields(m, rt, rn, sizeof(rt));
	assert_string_equal(cols[13], rt);
	assert_string_equal(cols[14], rn);
	want[0] = '\0';
	for (unsigned i = 0; i < m->nrec; i++) {
		char s[NET_ADDR_STRLEN];

		net_addr_fmt(&m->rec[i].group, s, sizeof(s));
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
			 "%s%s", i ? "," : "", s);
	}
	assert_string_equal(cols[15], want);
	join_addrs(m->srcs, r2 ? m->srcs_used : 0, want, sizeof(want));
	assert_string_equal(cols[16], want);
	join_addrs(&w->src[w->row6[row]], 1, want, sizeof(want));
	assert_string_equal(cols[17], want);
	join_addrs(&w->dst[w->row6[row]], 1, want, sizeof(want));
	assert_string_equal(cols[18], want);
	w->seen6++;
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

static void free_wire(struct wire *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->msg[i]);
	free(w);
}

static void test_tshark(void **state)
{
	struct wire *w = calloc(1, sizeof(*w));
	char path[512], err[512], prog[4096];
	struct trace_tshark_result r;

	(void)state;
	assert_non_null(w);
	build_frames(w);
	check_readback(w);
	if (!trace_tshark_path(prog, sizeof(prog))) {
		free_wire(w);
		skip();
	}
	snprintf(path, sizeof(path), "%s/gmp_pkt_wire_%ld.pcap",
		 FAILSIM_BINARY_DIR, (long)getpid());
	write_capture(path, w);
	if (trace_tshark_check(path, &r, err, sizeof(err)) != TRACE_TSHARK_OK)
		fail_msg("tshark: %s", err);
	assert_int_equal(r.frames, w->n);
	if (r.malformed.count || r.bad_checksum.count || r.errors.count ||
	    r.warnings.count)
		fail_msg("tshark: %u malformed (first %u), %u bad checksum "
			 "(first %u), %u errors (first %u), %u warnings "
			 "(first %u)",
			 r.malformed.count, r.malformed.first[0],
			 r.bad_checksum.count, r.bad_checksum.first[0],
			 r.errors.count, r.errors.first[0], r.warnings.count,
			 r.warnings.first[0]);
	run_fields(path, "igmp", igmp_fields, ARRAY_LEN(igmp_fields),
		   check_igmp_row, w);
	run_fields(path, "icmpv6", mld_fields, ARRAY_LEN(mld_fields),
		   check_mld_row, w);
	assert_int_equal(w->seen4, w->n4);
	assert_int_equal(w->seen6, w->n6);
	unlink(path);
	free_wire(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tshark),
		cmocka_unit_test(test_captures),
		cmocka_unit_test(test_known_captures),
		cmocka_unit_test(test_relts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
