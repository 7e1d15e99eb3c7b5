/*
 * RBS channels found in TCP flows by the "net" module
 * (protocols/rbs/README.md): detection by the first bytes, reassembly of
 * messages split over segments and merged in one, retransmissions and
 * overlaps taken once, gaps and reordering dropping the stream, segments
 * with a bad checksum ignored, and the rules: header, type, TLVs, sequence
 * numbers from 1 and +1, Hello first (only from the SYN; mid-stream pickup
 * checks the sequence from the first message seen). Also the bounds of
 * the flow table and of the streams reassembled at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_net_testutil.h"

#define CPORT 40000 /* the active side */
#define SPORT 5000  /* the passive side (RBS `port`) */
#define C2S   0
#define S2C   1

/* One TCP connection of a test: 10.0.0.1:CPORT <-> 10.0.0.2:SPORT (or the
 * IPv6 pair), with each side's next sequence number. */
struct conn {
	struct ckt_run *r;
	bool v6;
	uint16_t cport;
	uint32_t seq[2];
	sim_time_t t;
};

static void conn_init(struct conn *k, struct ckt_run *r, bool v6,
		      uint16_t cport)
{
	memset(k, 0, sizeof(*k));
	k->r = r;
	k->v6 = v6;
	k->cport = cport;
	k->seq[C2S] = 1000;
	k->seq[S2C] = 900000;
	k->t = SIM_S(1);
}

/* Build the frame of one segment of direction dir at sequence seq. */
static size_t seg_frame(uint8_t *b, const struct conn *k, int dir, uint32_t seq,
			uint8_t flags, const uint8_t *data, size_t len)
{
	uint8_t seg[CKT_FRAME_MAX];
	struct tcp_seg s;
	struct net_wr w;
	struct net_addr src, dst;
	int n, sl;

	memset(&s, 0, sizeof(s));
	s.sport = dir == C2S ? k->cport : SPORT;
	s.dport = dir == C2S ? SPORT : k->cport;
	s.seq = seq;
	s.ack = k->seq[!dir];
	s.flags = flags;
	s.wnd = 65535;
	s.data = data;
	s.len = len;
	net_wr_init(&w, b, CKT_FRAME_MAX);
	if (k->v6) {
		struct net_ip6_params p = ckt_p6();

		if (dir == S2C) {
			p.src = ckt_p6().dst;
			p.dst = ckt_p6().src;
		}
		src = net_addr_from_ip6(&p.src);
		dst = net_addr_from_ip6(&p.dst);
		sl = tcp_seg_encode(&s, &src, &dst, seg, sizeof(seg));
		assert_true(sl > 0);
		n = net_build_ip6(&w, &p, NET_IPPROTO_TCP, seg, (size_t)sl);
	} else {
		struct net_ip4_params p = ckt_p4();

		if (dir == S2C) {
			p.src = ckt_p4().dst;
			p.dst = ckt_p4().src;
		}
		src = net_addr_from_ip4(&p.src);
		dst = net_addr_from_ip4(&p.dst);
		sl = tcp_seg_encode(&s, &src, &dst, seg, sizeof(seg));
		assert_true(sl > 0);
		n = net_build_ip4(&w, &p, NET_IPPROTO_TCP, seg, (size_t)sl);
	}
	assert_true(n > 0);
	return (size_t)n;
}

/* Send a segment at an explicit sequence number (no bookkeeping). */
static void send_at(struct conn *k, int dir, uint32_t seq, uint8_t flags,
		    const uint8_t *data, size_t len)
{
	uint8_t b[CKT_FRAME_MAX];
	size_t n = seg_frame(b, k, dir, seq, flags, data, len);

	k->t += SIM_MS(1);
	ckt_feed(k->r, b, n, 0, k->t);
}

/* Send the next segment of dir: data and SYN/FIN advance its sequence. */
static void send(struct conn *k, int dir, uint8_t flags, const uint8_t *data,
		 size_t len)
{
	send_at(k, dir, k->seq[dir], flags, data, len);
	k->seq[dir] +=
		(uint32_t)len + !!(flags & TCP_SYN) + !!(flags & TCP_FIN);
}

static void handshake(struct conn *k)
{
	send(k, C2S, TCP_SYN, NULL, 0);
	send(k, S2C, TCP_SYN | TCP_ACK, NULL, 0);
	send(k, C2S, TCP_ACK, NULL, 0);
}

/* ---- messages ---- */

static size_t msg_hello(uint8_t *b, uint32_t seq)
{
	static struct rbs_msg m; /* large: not on the stack */
	int n;

	memset(&m, 0, sizeof(m));
	m.type = RBS_T_HELLO;
	m.seq = seq;
	m.nids = 2;
	m.ids[0] = 10;
	m.ids[1] = 20;
	m.keepalive_interval = SIM_S(1);
	m.keepalive_count = 3;
	n = rbs_pkt_encode(&m, b, 256);
	assert_int_equal(n, 36);
	return (size_t)n;
}

static size_t msg_simple(uint8_t *b, uint8_t type, uint32_t seq)
{
	static struct rbs_msg m;
	int n;

	memset(&m, 0, sizeof(m));
	m.type = type;
	m.seq = seq;
	m.backup_id = 10;
	m.count = 1;
	n = rbs_pkt_encode(&m, b, 256);
	assert_true(n >= RBS_HDR_LEN);
	return (size_t)n;
}

static size_t msg_add(uint8_t *b, uint32_t seq)
{
	static struct rbs_msg m;
	int n;

	memset(&m, 0, sizeof(m));
	m.type = RBS_T_ENTRY_ADD;
	m.seq = seq;
	m.entry.backup_id = 10;
	m.entry.af = NET_AF_IP4;
	strcpy(m.entry.ifname, "GigabitEthernet0/1/0");
	assert_int_equal(net_addr_parse("225.1.1.1", &m.entry.group), 0);
	m.entry.mode = 1;
	m.entry.group_left = SIM_S(260);
	n = rbs_pkt_encode(&m, b, 512);
	assert_true(n > RBS_HDR_LEN);
	return (size_t)n;
}

/* A 12-octet header of any type, version and length. */
static size_t msg_raw(uint8_t *b, uint8_t version, uint8_t type, uint32_t len,
		      uint32_t seq)
{
	net_put_be16(b, RBS_MAGIC);
	b[2] = version;
	b[3] = type;
	net_put_be32(b + 4, len);
	net_put_be32(b + 8, seq);
	return RBS_HDR_LEN;
}

static void send_msg(struct conn *k, int dir, const uint8_t *m, size_t len)
{
	send(k, dir, TCP_ACK | TCP_PSH, m, len);
}

static uint64_t count(const struct ckt_run *r, const char *what)
{
	for (size_t i = 0; i < ck_ncounts(r->c); i++) {
		const char *w;
		uint64_t n;

		ck_count_at(r->c, i, &w, &n);
		if (strcmp(w, what) == 0)
			return n;
	}
	return 0;
}

/* ---- tests ---- */

static void good_channel(bool v6)
{
	struct ckt_run r;
	struct conn k;
	uint8_t m[512], two[1024];
	size_t n, n2;

	ckt_open(&r);
	conn_init(&k, &r, v6, CPORT);
	handshake(&k);
	/* The active side's SYN again (its SYN-ACK was late): the same
	 * connection, both directions still known from their start. */
	send_at(&k, C2S, 1000, TCP_SYN, NULL, 0);
	send_msg(&k, C2S, m, msg_hello(m, 1));
	send_msg(&k, S2C, m, msg_hello(m, 1));
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 2));
	send_msg(&k, S2C, m, msg_simple(m, RBS_T_KEEPALIVE, 2));
	/* BatchStart split in two segments (5 + rest). */
	n = msg_simple(m, RBS_T_BATCH_START, 3);
	send_msg(&k, C2S, m, 5);
	send_msg(&k, C2S, m + 5, n - 5);
	/* EntryAdd and BatchEnd merged in one segment. */
	n = msg_add(two, 4);
	n2 = msg_simple(two + n, RBS_T_BATCH_END, 5);
	send_msg(&k, C2S, two, n + n2);
	send(&k, C2S, TCP_ACK | TCP_FIN, NULL, 0);
	send(&k, S2C, TCP_ACK | TCP_FIN, NULL, 0);
	ckt_close(&r);
	assert_int_equal(count(&r, "rbs streams"), 2);
	assert_int_equal(count(&r, "rbs"), 7);
	assert_int_equal(ckt_checked(&r, "rbs.header"), 7);
	assert_int_equal(ckt_checked(&r, "rbs.type"), 7);
	assert_int_equal(ckt_checked(&r, "rbs.tlv"), 7);
	assert_int_equal(ckt_checked(&r, "rbs.seq"), 7);
	assert_int_equal(ckt_checked(&r, "rbs.hello-first"), 2);
	assert_int_equal(ckt_failed_total(&r), 0);
	ckt_free(&r);
}

static void test_net_rbs_good(void **state)
{
	(void)state;
	good_channel(false);
	good_channel(true);
}

static void test_net_rbs_seq_and_hello(void **state)
{
	struct ckt_run r;
	struct conn k;
	uint8_t m[256];

	(void)state;
	ckt_open(&r);
	conn_init(&k, &r, false, CPORT);
	handshake(&k);
	send_msg(&k, C2S, m, msg_hello(m, 1));
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 3)); /* gap */
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 4));
	/* The other side starts with a Keepalive numbered 0. */
	send_msg(&k, S2C, m, msg_simple(m, RBS_T_KEEPALIVE, 0));
	ckt_close(&r);
	assert_int_equal(ckt_checked(&r, "rbs.seq"), 4);
	assert_int_equal(ckt_failed(&r, "rbs.seq"), 2);
	assert_non_null(strstr(ckt_detail(&r, "rbs.seq"),
			       "Sequence Number 3, 2 expected"));
	assert_int_equal(ckt_checked(&r, "rbs.hello-first"), 2);
	assert_int_equal(ckt_failed(&r, "rbs.hello-first"), 1);
	assert_non_null(strstr(ckt_detail(&r, "rbs.hello-first"),
			       "first message is Keepalive"));
	ckt_free(&r);
}

static void test_net_rbs_tlv_type_header(void **state)
{
	struct ckt_run r;
	struct conn k;
	uint8_t m[256];

	(void)state;
	ckt_open(&r);
	conn_init(&k, &r, false, CPORT);
	handshake(&k);
	send_msg(&k, C2S, m, msg_hello(m, 1));
	/* A BatchStart without its BACKUP_ID TLV. */
	send_msg(&k, C2S, m, msg_raw(m, 1, RBS_T_BATCH_START, 12, 2));
	/* A type version 1 does not define: skipped, SHOULD. */
	send_msg(&k, C2S, m, msg_raw(m, 1, 9, 12, 3));
	/* Version 2: the framing refuses it; the stream is dropped. */
	send_msg(&k, C2S, m, msg_raw(m, 2, RBS_T_KEEPALIVE, 12, 4));
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 5));
	ckt_close(&r);
	assert_int_equal(ckt_failed(&r, "rbs.tlv"), 1);
	assert_non_null(strstr(ckt_detail(&r, "rbs.tlv"), "missing-tlv"));
	assert_int_equal(ckt_failed(&r, "rbs.type"), 1);
	assert_int_equal(ckt_checked(&r, "rbs.header"), 4);
	assert_int_equal(ckt_failed(&r, "rbs.header"), 1);
	assert_non_null(strstr(ckt_detail(&r, "rbs.header"), "bad-version"));
	assert_int_equal(ckt_checked(&r, "rbs.seq"), 3);
	assert_int_equal(ckt_failed(&r, "rbs.seq"), 0);
	assert_int_equal(count(&r, "rbs streams dropped (bad header)"), 1);
	ckt_free(&r);
	/* A Length out of range (70000). */
	ckt_open(&r);
	conn_init(&k, &r, false, CPORT);
	handshake(&k);
	send_msg(&k, C2S, m, msg_raw(m, 1, RBS_T_HELLO, 70000, 1));
	ckt_close(&r);
	assert_int_equal(ckt_failed(&r, "rbs.header"), 1);
	assert_non_null(strstr(ckt_detail(&r, "rbs.header"), "bad-length"));
	ckt_free(&r);
}

static void test_net_rbs_retransmit_gap(void **state)
{
	struct ckt_run r;
	struct conn k;
	uint8_t m[256], two[512];
	size_t n, n2;
	uint32_t at;

	(void)state;
	ckt_open(&r);
	conn_init(&k, &r, false, CPORT);
	handshake(&k);
	at = k.seq[C2S];
	n = msg_hello(m, 1);
	send_msg(&k, C2S, m, n);
	send_at(&k, C2S, at, TCP_ACK, m, n); /* retransmitted whole */
	/* Keepalive 2 and 3 in one segment that repeats the Hello's tail. */
	memcpy(two, m + n - 4, 4);
	n2 = msg_simple(two + 4, RBS_T_KEEPALIVE, 2);
	n2 += msg_simple(two + 4 + n2, RBS_T_KEEPALIVE, 3);
	send_at(&k, C2S, at + (uint32_t)n - 4, TCP_ACK, two, n2 + 4);
	k.seq[C2S] = at + (uint32_t)n + (uint32_t)n2;
	/* A segment with a bad checksum is not taken... */
	{
		uint8_t b[CKT_FRAME_MAX];
		size_t fl = seg_frame(b, &k, C2S, k.seq[C2S], TCP_ACK, m,
				      msg_simple(m, RBS_T_KEEPALIVE, 4));

		b[NET_ETH_HLEN + NET_IPV4_HLEN + 16] ^= 0xff;
		ckt_feed(&r, b, fl, 0, SIM_S(2));
	}
	/* ...its retransmission is. */
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 4));
	/* Then 12 bytes go missing: the stream is dropped. */
	k.seq[C2S] += 12;
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 6));
	ckt_close(&r);
	assert_int_equal(count(&r, "rbs"), 4);
	assert_int_equal(ckt_checked(&r, "rbs.seq"), 4);
	assert_int_equal(ckt_failed(&r, "rbs.seq"), 0);
	assert_int_equal(ckt_failed(&r, "tcp.csum"), 1);
	assert_int_equal(count(&r, "rbs streams dropped (gap or reordering)"),
			 1);
	ckt_free(&r);
}

static void test_net_rbs_midstream_and_other(void **state)
{
	struct ckt_run r;
	struct conn k, h;
	uint8_t m[256];
	static const uint8_t get[] = "GET / HTTP/1.0\r\n\r\n";

	(void)state;
	ckt_open(&r);
	/* Picked up mid-way: no SYN seen, first message seq 41. */
	conn_init(&k, &r, false, CPORT);
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 41));
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 42));
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 44));
	/* Another flow carrying HTTP, one byte at a time at first. */
	conn_init(&h, &r, false, CPORT + 1);
	handshake(&h);
	send_msg(&h, C2S, get, 1);
	send_msg(&h, C2S, get + 1, sizeof(get) - 2);
	ckt_close(&r);
	assert_int_equal(ckt_checked(&r, "rbs.hello-first"), 0);
	assert_int_equal(ckt_checked(&r, "rbs.seq"), 2);
	assert_int_equal(ckt_failed(&r, "rbs.seq"), 1);
	assert_int_equal(count(&r, "rbs streams"), 1);
	ckt_free(&r);
}

static void test_net_rbs_reconnect_and_partial(void **state)
{
	struct ckt_run r;
	struct conn k;
	uint8_t m[256];

	(void)state;
	ckt_open(&r);
	conn_init(&k, &r, false, CPORT);
	handshake(&k);
	send_msg(&k, C2S, m, msg_hello(m, 1));
	send(&k, C2S, TCP_RST, NULL, 0);
	/* Same ports again: a new connection, Hello first again. */
	k.seq[C2S] += 50000;
	handshake(&k);
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 1));
	/* The capture ends in the middle of a message. */
	msg_hello(m, 2);
	send_msg(&k, C2S, m, 20);
	ckt_close(&r);
	assert_int_equal(ckt_checked(&r, "rbs.hello-first"), 2);
	assert_int_equal(ckt_failed(&r, "rbs.hello-first"), 1);
	assert_int_equal(
		count(&r, "rbs partial messages at connection or capture end"),
		1);
	ckt_free(&r);
}

static void test_net_rbs_bounds(void **state)
{
	struct ckt_run r;
	struct conn k;
	uint8_t m[256];
	size_t n = msg_hello(m, 1);

	(void)state;
	ckt_open(&r);
	/* More RBS channels than are followed at once. */
	for (int i = 0; i < CK_NET_MAX_RBS + 10; i++) {
		conn_init(&k, &r, false, (uint16_t)(10000 + i));
		handshake(&k);
		send_msg(&k, C2S, m, n);
	}
	assert_int_equal(count(&r, "rbs streams"), CK_NET_MAX_RBS);
	assert_int_equal(count(&r, "rbs streams not followed (limit)"), 10);
	/* More connections than the table holds: the oldest non-RBS go. */
	for (int i = 0; i < CK_NET_MAX_FLOWS + 100; i++) {
		conn_init(&k, &r, true, (uint16_t)(1024 + i));
		send(&k, C2S, TCP_SYN, NULL, 0);
	}
	assert_true(count(&r, "tcp flows evicted (table full)") >= 100);
	/* The RBS channels were kept: the next message is still checked. */
	conn_init(&k, &r, false, 10000);
	k.seq[C2S] += 1 + (uint32_t)n;
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 2));
	ckt_close(&r);
	assert_int_equal(ckt_checked(&r, "rbs.seq"), CK_NET_MAX_RBS + 1);
	assert_int_equal(ckt_failed_total(&r), 0);
	ckt_free(&r);
}

/* With the rbs rules deselected (--rules '!rbs') no flow is followed. */
static void test_net_rbs_deselected(void **state)
{
	struct ckt_run r;
	struct conn k;
	uint8_t m[256];
	char err[128];
	int e = 0;

	(void)state;
	ckt_open(&r);
	ck_proto_net.close(r.c, r.st);
	assert_int_equal(ck_ctx_select(r.c, "!rbs", err, sizeof(err)), 0);
	r.st = ck_proto_net.open(r.c, &e);
	assert_non_null(r.st);
	conn_init(&k, &r, false, CPORT);
	handshake(&k);
	send_msg(&k, C2S, m, msg_simple(m, RBS_T_KEEPALIVE, 7));
	ckt_close(&r);
	assert_int_equal(count(&r, "rbs streams"), 0);
	assert_int_equal(ckt_checked(&r, "tcp.csum"), 4);
	ckt_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_rbs_good),
		cmocka_unit_test(test_net_rbs_seq_and_hello),
		cmocka_unit_test(test_net_rbs_tlv_type_header),
		cmocka_unit_test(test_net_rbs_retransmit_gap),
		cmocka_unit_test(test_net_rbs_midstream_and_other),
		cmocka_unit_test(test_net_rbs_reconnect_and_partial),
		cmocka_unit_test(test_net_rbs_bounds),
		cmocka_unit_test(test_net_rbs_deselected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
