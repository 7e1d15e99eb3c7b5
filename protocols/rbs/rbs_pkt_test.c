/*
 * Tests of the RBS wire format codec (protocols/rbs/README.md): a table of
 * hand-assembled vectors (bytes written with Python's struct module from
 * the README, not by this encoder) for every message type and every
 * rejection reason, field checks of each good vector, encode -> bytes
 * identical to the vector, encode refusals, millisecond rounding, the
 * limits (RBS_MAX_IDS, RBS_MAX_SRCS), the framing length, the stream
 * reassembly across split and merged reads, and truncation and byte-flip
 * robustness from exact-size heap copies (the sanitizer build proves no
 * stray read).
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

#include "protocols/rbs/rbs_pkt.h"
#include "sim/net/net_testutil.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* "GigabitEthernet0/1/0" */
#define IFN "4769676162697445746865726e6574302f312f30"
#define A47                                                                    \
	"61616161616161616161616161616161616161616161616161616161616161616161" \
	"61616161616161616161616161"
#define BID10 "0003 0004 0000000a"

static void want_hello(const struct rbs_msg *m)
{
	assert_int_equal(m->nids, 2);
	assert_int_equal(m->ids[0], 10);
	assert_int_equal(m->ids[1], 20);
	assert_int_equal(m->keepalive_interval, SIM_S(1));
	assert_int_equal(m->keepalive_count, 3);
}

static void want_batch_end(const struct rbs_msg *m)
{
	assert_int_equal(m->backup_id, 10);
	assert_int_equal(m->count, 2);
}

static void want_add(const struct rbs_msg *m)
{
	const struct rbs_entry *e = &m->entry;
	struct net_addr g, s;

	net_addr_parse("225.1.1.1", &g);
	net_addr_parse("10.0.0.1", &s);
	assert_int_equal(m->backup_id, 10);
	assert_int_equal(e->backup_id, 10);
	assert_int_equal(e->af, NET_AF_IP4);
	assert_string_equal(e->ifname, "GigabitEthernet0/1/0");
	assert_true(net_addr_eq(&e->group, &g));
	assert_int_equal(e->mode, 1);
	assert_int_equal(e->group_left, SIM_S(260));
	assert_int_equal(e->nsrc, 1);
	assert_true(net_addr_eq(&e->srcs[0].addr, &s));
	assert_int_equal(e->srcs[0].left, 0);
}

static void want_update6(const struct rbs_msg *m)
{
	const struct rbs_entry *e = &m->entry;
	struct net_addr g, s0, s1;

	net_addr_parse("ff3e::1:1", &g);
	net_addr_parse("2001:db8::10", &s0);
	net_addr_parse("2001:db8::11", &s1);
	assert_int_equal(e->backup_id, 0xffffffffu);
	assert_int_equal(e->af, NET_AF_IP6);
	assert_string_equal(e->ifname, "Vlanif100");
	assert_true(net_addr_eq(&e->group, &g));
	assert_int_equal(e->mode, 0);
	assert_int_equal(e->group_left, 0);
	assert_int_equal(e->nsrc, 2);
	assert_true(net_addr_eq(&e->srcs[0].addr, &s0));
	assert_int_equal(e->srcs[0].left, SIM_S(5));
	assert_true(net_addr_eq(&e->srcs[1].addr, &s1));
	assert_int_equal(e->srcs[1].left, SIM_MS(1));
}

static void want_delete(const struct rbs_msg *m)
{
	struct net_addr g;

	net_addr_parse("239.255.0.1", &g);
	assert_int_equal(m->entry.backup_id, 10);
	assert_string_equal(m->entry.ifname, "GigabitEthernet0/1/0");
	assert_true(net_addr_eq(&m->entry.group, &g));
	assert_int_equal(m->entry.nsrc, 0);
}

struct vector {
	const char *name;
	const char *hex; /* spaces ignored */
	enum rbs_pkt_err expect;
	uint8_t type; /* for good vectors */
	uint32_t seq;
	void (*want)(const struct rbs_msg *m);
	bool canonical; /* our encoder writes exactly these bytes */
};

static const struct vector vectors[] = {
	/* ---- one of each type ---- */
	{ "hello",
	  "5242 0101 00000024 00000001 0001 0008 0000000a 00000014"
	  " 0002 0008 000003e8 03000000",
	  RBS_PKT_OK, RBS_T_HELLO, 1, want_hello, true },
	{ "keepalive", "5242 0102 0000000c 00000002", RBS_PKT_OK,
	  RBS_T_KEEPALIVE, 2, NULL, true },
	{ "batch-start", "5242 0103 00000014 00000003 " BID10, RBS_PKT_OK,
	  RBS_T_BATCH_START, 3, NULL, true },
	{ "batch-end",
	  "5242 0104 0000001c 00000004 " BID10 " 0004 0004 00000002",
	  RBS_PKT_OK, RBS_T_BATCH_END, 4, want_batch_end, true },
	{ "entry-add-igmp",
	  "5242 0105 0000004f 00000005 " BID10 " 0005 0014 " IFN
	  " 0006 0005 01 e1010101 0007 0001 01 0008 0004 0003f7a0"
	  " 0009 0009 01 0a000001 00000000",
	  RBS_PKT_OK, RBS_T_ENTRY_ADD, 5, want_add, true },
	{ "entry-update-mld",
	  "5242 0106 00000075 00000006 0003 0004 ffffffff"
	  " 0005 0009 566c616e6966313030"
	  " 0006 0011 02 ff3e0000000000000000000000010001"
	  " 0007 0001 00 0008 0004 00000000"
	  " 0009 0015 02 20010db8000000000000000000000010 00001388"
	  " 0009 0015 02 20010db8000000000000000000000011 00000001",
	  RBS_PKT_OK, RBS_T_ENTRY_UPDATE, 6, want_update6, true },
	{ "entry-delete",
	  "5242 0107 00000035 00000007 " BID10 " 0005 0014 " IFN
	  " 0006 0005 01 efff0001",
	  RBS_PKT_OK, RBS_T_ENTRY_DELETE, 7, want_delete, true },
	{ "batch-request", "5242 0108 00000014 ffffffff " BID10, RBS_PKT_OK,
	  RBS_T_BATCH_REQUEST, 0xffffffffu, NULL, true },
	/* ---- accepted, not canonical ---- */
	{ "unknown-tlv-skipped", "5242 0102 00000012 00000002 7777 0002 abcd",
	  RBS_PKT_OK, RBS_T_KEEPALIVE, 2 },
	{ "high-tlv-type-skipped",
	  "5242 0103 00000018 00000003 0100 0000 " BID10, RBS_PKT_OK,
	  RBS_T_BATCH_START, 3 },
	{ "foreign-tlv-skipped", /* a (malformed) SOURCE in a batch start */
	  "5242 0103 00000019 00000003 " BID10 " 0009 0001 ff", RBS_PKT_OK,
	  RBS_T_BATCH_START, 3 },
	{ "ifname-47-bytes",
	  "5242 0107 00000050 00000007 " BID10 " 0005 002f " A47
	  " 0006 0005 01 efff0001",
	  RBS_PKT_OK, RBS_T_ENTRY_DELETE, 7 },
	{ "keepalive-reserved-ignored",
	  "5242 0101 00000020 00000001 0001 0004 0000000a"
	  " 0002 0008 000003e8 03ffffff",
	  RBS_PKT_OK, RBS_T_HELLO, 1 },
	{ "hello-no-ids", /* an empty BACKUP_IDS is legal */
	  "5242 0101 0000001c 00000001 0001 0000 0002 0008 000003e8 03000000",
	  RBS_PKT_OK, RBS_T_HELLO, 1, NULL, true },
	/* ---- header ---- */
	{ "short-header", "5242 0102 0000 00", RBS_PKT_E_SHORT },
	{ "empty", "", RBS_PKT_E_SHORT },
	{ "short-body", "5242 0103 00000014 00000003", RBS_PKT_E_SHORT },
	{ "bad-magic", "5243 0102 0000000c 00000001", RBS_PKT_E_MAGIC },
	{ "version-0", "5242 0002 0000000c 00000001", RBS_PKT_E_VERSION },
	{ "version-2", "5242 0202 0000000c 00000001", RBS_PKT_E_VERSION },
	{ "type-0", "5242 0100 0000000c 00000001", RBS_PKT_E_TYPE },
	{ "type-9", "5242 0109 0000000c 00000001", RBS_PKT_E_TYPE },
	{ "type-255", "5242 01ff 0000000c 00000001", RBS_PKT_E_TYPE },
	{ "length-11", "5242 0102 0000000b 00000001", RBS_PKT_E_LENGTH },
	{ "length-over-64k", "5242 0102 00010001 00000001", RBS_PKT_E_LENGTH },
	{ "trailing-byte", "5242 0102 0000000c 00000001 00", RBS_PKT_E_LENGTH },
	/* ---- TLV structure ---- */
	{ "tlv-header-cut", "5242 0102 0000000f 00000001 000100",
	  RBS_PKT_E_TLV },
	{ "tlv-overrun", "5242 0103 00000014 00000003 0003 0008 0000000a",
	  RBS_PKT_E_TLV },
	{ "backup-id-length-3", "5242 0103 00000013 00000003 0003 0003 00000a",
	  RBS_PKT_E_TLV },
	{ "ids-length-6",
	  "5242 0101 00000022 00000001 0001 0006 0000000a 0000"
	  " 0002 0008 000003e8 03000000",
	  RBS_PKT_E_TLV },
	{ "keepalive-length-5",
	  "5242 0101 0000001d 00000001 0001 0004 0000000a"
	  " 0002 0005 000003e8 03",
	  RBS_PKT_E_TLV },
	{ "ifname-empty",
	  "5242 0107 00000021 00000007 " BID10 " 0005 0000"
	  " 0006 0005 01 efff0001",
	  RBS_PKT_E_TLV },
	{ "ifname-48-bytes",
	  "5242 0107 00000051 00000007 " BID10 " 0005 0030 " A47 "61"
	  " 0006 0005 01 efff0001",
	  RBS_PKT_E_TLV },
	{ "group-length-6",
	  "5242 0107 00000024 00000007 " BID10 " 0005 0002 4769"
	  " 0006 0006 01 efff000100",
	  RBS_PKT_E_TLV },
	{ "mode-length-2",
	  "5242 0105 00000031 00000005 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 e1010101 0007 0002 0100 0008 0004 00000001",
	  RBS_PKT_E_TLV },
	{ "timer-length-2",
	  "5242 0105 0000002e 00000005 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 e1010101 0007 0001 01 0008 0002 0001",
	  RBS_PKT_E_TLV },
	{ "source-length-10",
	  "5242 0105 0000003e 00000005 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 e1010101 0007 0001 01 0008 0004 00000001"
	  " 0009 000a 01 0a000001 00000000 00",
	  RBS_PKT_E_TLV },
	/* ---- mandatory and duplicate TLVs ---- */
	{ "hello-no-keepalive",
	  "5242 0101 00000014 00000001 0001 0004 0000000a", RBS_PKT_E_MISSING },
	{ "hello-only-keepalive",
	  "5242 0101 00000018 00000001 0002 0008 000003e8 03000000",
	  RBS_PKT_E_MISSING },
	{ "batch-start-empty", "5242 0103 0000000c 00000003",
	  RBS_PKT_E_MISSING },
	{ "batch-end-no-count", "5242 0104 00000014 00000004 " BID10,
	  RBS_PKT_E_MISSING },
	{ "batch-request-empty", "5242 0108 0000000c 00000004",
	  RBS_PKT_E_MISSING },
	{ "entry-add-no-timer",
	  "5242 0105 00000028 00000005 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 e1010101 0007 0001 01",
	  RBS_PKT_E_MISSING },
	{ "entry-delete-no-group",
	  "5242 0107 0000001a 00000007 " BID10 " 0005 0002 4769",
	  RBS_PKT_E_MISSING },
	{ "dup-backup-id",
	  "5242 0103 0000001c 00000003 " BID10 " 0003 0004 0000000b",
	  RBS_PKT_E_DUP },
	{ "dup-group",
	  "5242 0107 0000002c 00000007 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 efff0001 0006 0005 01 efff0002",
	  RBS_PKT_E_DUP },
	/* ---- values ---- */
	{ "keepalive-interval-0",
	  "5242 0101 00000020 00000001 0001 0004 0000000a"
	  " 0002 0008 00000000 03000000",
	  RBS_PKT_E_VALUE },
	{ "keepalive-count-0",
	  "5242 0101 00000020 00000001 0001 0004 0000000a"
	  " 0002 0008 000003e8 00000000",
	  RBS_PKT_E_VALUE },
	{ "ifname-space",
	  "5242 0107 00000025 00000007 " BID10 " 0005 0004 47692030"
	  " 0006 0005 01 efff0001",
	  RBS_PKT_E_VALUE },
	{ "ifname-nul",
	  "5242 0107 00000023 00000007 " BID10 " 0005 0002 4700"
	  " 0006 0005 01 efff0001",
	  RBS_PKT_E_VALUE },
	{ "group-afi-3",
	  "5242 0107 00000023 00000007 " BID10 " 0005 0002 4769"
	  " 0006 0005 03 efff0001",
	  RBS_PKT_E_VALUE },
	{ "group-afi-1-16-bytes",
	  "5242 0107 0000002f 00000007 " BID10 " 0005 0002 4769"
	  " 0006 0011 01 ff020000000000000000000000000001",
	  RBS_PKT_E_VALUE },
	{ "group-unicast",
	  "5242 0107 00000023 00000007 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 0a000001",
	  RBS_PKT_E_VALUE },
	{ "mode-2",
	  "5242 0105 00000030 00000005 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 e1010101 0007 0001 02 0008 0004 00000001",
	  RBS_PKT_E_VALUE },
	{ "source-af-mismatch",
	  "5242 0105 00000049 00000005 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 e1010101 0007 0001 01 0008 0004 00000001"
	  " 0009 0015 02 20010db8000000000000000000000010 00000000",
	  RBS_PKT_E_VALUE },
	{ "source-afi-0",
	  "5242 0105 0000003d 00000005 " BID10 " 0005 0002 4769"
	  " 0006 0005 01 e1010101 0007 0001 01 0008 0004 00000001"
	  " 0009 0009 00 0a000001 00000000",
	  RBS_PKT_E_VALUE },
};

/* ---- helpers ---- */

/* Decode from an exact-size heap copy. */
static enum rbs_pkt_err decode_exact(const uint8_t *b, size_t n,
				     struct rbs_msg *m)
{
	uint8_t *c = malloc(n ? n : 1);
	enum rbs_pkt_err e;

	assert_non_null(c);
	if (n)
		memcpy(c, b, n);
	e = rbs_pkt_decode(c, n, m);
	free(c);
	return e;
}

static struct rbs_msg *msg_new(void)
{
	struct rbs_msg *m = calloc(1, sizeof(*m));

	assert_non_null(m);
	return m;
}

/* ---- the table ---- */

static void test_vectors(void **state)
{
	struct rbs_msg *m = msg_new();
	uint8_t buf[512], out[512];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		size_t n = nt_hex(v->hex, buf, sizeof(buf));
		enum rbs_pkt_err e = decode_exact(buf, n, m);

		if (e != v->expect)
			fail_msg("%s: got %s, want %s", v->name,
				 rbs_pkt_err_name(e),
				 rbs_pkt_err_name(v->expect));
		if (e != RBS_PKT_OK)
			continue;
		assert_int_equal(m->version, RBS_VERSION);
		assert_int_equal(m->type, v->type);
		assert_int_equal(m->seq, v->seq);
		if (v->want)
			v->want(m);
		if (v->canonical) {
			int len = rbs_pkt_encode(m, out, sizeof(out));

			if (len != (int)n || memcmp(out, buf, n))
				fail_msg("%s: re-encoding differs (%d bytes)",
					 v->name, len);
		}
	}
	free(m);
}

/* Every rejection reason is the expectation of some vector. */
static void test_coverage(void **state)
{
	(void)state;
	for (int e = RBS_PKT_E_SHORT; e < RBS_PKT_E__COUNT; e++) {
		bool found = false;

		if (e == RBS_PKT_E_TOO_MANY)
			continue; /* test_limits: vectors too long for hex */
		for (size_t i = 0; i < ARRAY_LEN(vectors); i++)
			found |= vectors[i].expect == (enum rbs_pkt_err)e;
		if (!found)
			fail_msg("no vector for %s",
				 rbs_pkt_err_name((enum rbs_pkt_err)e));
	}
	for (int e = 0; e < RBS_PKT_E__COUNT; e++)
		assert_string_not_equal(rbs_pkt_err_name((enum rbs_pkt_err)e),
					"?");
	assert_string_equal(rbs_pkt_err_name(RBS_PKT_E__COUNT), "?");
	assert_string_equal(rbs_type_name(RBS_T_HELLO), "Hello");
	assert_string_equal(rbs_type_name(RBS_T_BATCH_REQUEST), "BatchRequest");
	assert_string_equal(rbs_type_name(0), "Unknown");
	assert_string_equal(rbs_type_name(200), "Unknown");
}

/* ---- limits (built, not typed) ---- */

static size_t put_hdr(uint8_t *b, uint8_t type, size_t len)
{
	b[0] = 0x52;
	b[1] = 0x42;
	b[2] = 1;
	b[3] = type;
	b[4] = (uint8_t)(len >> 24);
	b[5] = (uint8_t)(len >> 16);
	b[6] = (uint8_t)(len >> 8);
	b[7] = (uint8_t)len;
	memset(b + 8, 0, 4);
	b[11] = 1;
	return 12;
}

static size_t put_tlv(uint8_t *b, uint16_t t, uint16_t l)
{
	b[0] = (uint8_t)(t >> 8);
	b[1] = (uint8_t)t;
	b[2] = (uint8_t)(l >> 8);
	b[3] = (uint8_t)l;
	return 4;
}

/* A Hello with n backup-ids. */
static size_t hello_n(uint8_t *b, unsigned n)
{
	size_t len = 12 + 4 + 4 * n + 12, o;

	o = put_hdr(b, RBS_T_HELLO, len);
	o += put_tlv(b + o, RBS_TLV_BACKUP_IDS, (uint16_t)(4 * n));
	for (unsigned i = 0; i < n; i++, o += 4) {
		memset(b + o, 0, 4);
		b[o + 3] = (uint8_t)i;
	}
	o += put_tlv(b + o, RBS_TLV_KEEPALIVE, 8);
	memcpy(b + o, "\x00\x00\x00\x64\x05\x00\x00\x00", 8);
	return o + 8;
}

/* An IGMP EntryAdd with n sources. */
static size_t add_n(uint8_t *b, unsigned n)
{
	size_t len = 12 + 8 + 6 + 9 + 5 + 8 + 13 * (size_t)n, o;

	o = put_hdr(b, RBS_T_ENTRY_ADD, len);
	o += put_tlv(b + o, RBS_TLV_BACKUP_ID, 4);
	memcpy(b + o, "\x00\x00\x00\x01", 4);
	o += 4;
	o += put_tlv(b + o, RBS_TLV_INTERFACE, 2);
	memcpy(b + o, "GE", 2);
	o += 2;
	o += put_tlv(b + o, RBS_TLV_GROUP, 5);
	memcpy(b + o, "\x01\xe1\x01\x01\x01", 5);
	o += 5;
	o += put_tlv(b + o, RBS_TLV_FILTER_MODE, 1);
	b[o++] = 0;
	o += put_tlv(b + o, RBS_TLV_GROUP_TIMER, 4);
	memcpy(b + o, "\x00\x00\x00\x00", 4);
	o += 4;
	for (unsigned i = 0; i < n; i++) {
		o += put_tlv(b + o, RBS_TLV_SOURCE, 9);
		b[o] = 1;
		b[o + 1] = 10;
		b[o + 2] = (uint8_t)(i >> 8);
		b[o + 3] = (uint8_t)i;
		b[o + 4] = 1;
		memcpy(b + o + 5, "\x00\x00\x27\x10", 4);
		o += 9;
	}
	return o;
}

static void test_limits(void **state)
{
	uint8_t *b = malloc(RBS_MAX_MSG), *out = malloc(RBS_MAX_MSG);
	struct rbs_msg *m = msg_new();
	size_t n;

	(void)state;
	assert_non_null(b);
	assert_non_null(out);
	n = hello_n(b, RBS_MAX_IDS);
	assert_int_equal(decode_exact(b, n, m), RBS_PKT_OK);
	assert_int_equal(m->nids, RBS_MAX_IDS);
	assert_int_equal(m->ids[RBS_MAX_IDS - 1], RBS_MAX_IDS - 1);
	assert_int_equal(m->keepalive_interval, SIM_MS(100));
	assert_int_equal(m->keepalive_count, 5);
	assert_int_equal(rbs_pkt_encode(m, out, RBS_MAX_MSG), (int)n);
	assert_memory_equal(out, b, n);
	n = hello_n(b, RBS_MAX_IDS + 1);
	assert_int_equal(decode_exact(b, n, m), RBS_PKT_E_TOO_MANY);

	n = add_n(b, RBS_MAX_SRCS);
	assert_int_equal(decode_exact(b, n, m), RBS_PKT_OK);
	assert_int_equal(m->entry.nsrc, RBS_MAX_SRCS);
	assert_int_equal(m->entry.srcs[255].addr.b[1], 0);
	assert_int_equal(m->entry.srcs[255].addr.b[2], 255);
	assert_int_equal(m->entry.srcs[255].left, SIM_S(10));
	assert_int_equal(rbs_pkt_encode(m, out, RBS_MAX_MSG), (int)n);
	assert_memory_equal(out, b, n);
	n = add_n(b, RBS_MAX_SRCS + 1);
	assert_int_equal(decode_exact(b, n, m), RBS_PKT_E_TOO_MANY);
	free(m);
	free(out);
	free(b);
}

/* ---- encoding ---- */

static void base_entry(struct rbs_msg *m, uint8_t type)
{
	memset(m, 0, sizeof(*m));
	m->type = type;
	m->entry.backup_id = 7;
	m->entry.af = NET_AF_IP4;
	snprintf(m->entry.ifname, sizeof(m->entry.ifname), "GE0/1/0");
	net_addr_parse("232.1.1.1", &m->entry.group);
	m->entry.nsrc = 1;
	net_addr_parse("10.1.1.1", &m->entry.srcs[0].addr);
}

static void test_encode_refusals(void **state)
{
	struct rbs_msg *m = msg_new();
	uint8_t buf[256];

	(void)state;
	assert_int_equal(rbs_pkt_encode(NULL, buf, sizeof(buf)), -1);
	m->type = RBS_T_KEEPALIVE;
	assert_int_equal(rbs_pkt_encode(m, NULL, 100), -1);
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), 12);
	assert_int_equal(rbs_pkt_encode(m, buf, 11), -1);
	m->type = 0;
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), -1);
	m->type = RBS_T__MAX;
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), -1);
	/* Hello */
	m->type = RBS_T_HELLO;
	m->keepalive_interval = SIM_S(1);
	m->keepalive_count = 3;
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), 28);
	m->keepalive_interval = 0;
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), -1);
	m->keepalive_interval = SIM_S(1);
	m->keepalive_count = 0;
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), -1);
	m->keepalive_count = 3;
	m->nids = RBS_MAX_IDS + 1;
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), -1);

	/* Entries: each damage alone makes the encoder refuse. */
	for (int k = 0; k < 11; k++) {
		base_entry(m, k == 10 ? RBS_T_ENTRY_DELETE : RBS_T_ENTRY_ADD);
		assert_true(rbs_pkt_encode(m, buf, sizeof(buf)) > 0);
		switch (k) {
		case 0:
			m->entry.ifname[0] = '\0';
			break;
		case 1:
			memset(m->entry.ifname, 'a', RBS_IFNAME_MAX);
			break;
		case 2:
			m->entry.ifname[2] = ' ';
			break;
		case 3:
			net_addr_parse("10.0.0.1", &m->entry.group);
			break;
		case 4:
			m->entry.af = NET_AF_IP6;
			break;
		case 5:
			m->entry.mode = 2;
			break;
		case 6:
			m->entry.group_left = -1;
			break;
		case 7:
			m->entry.nsrc = RBS_MAX_SRCS + 1;
			break;
		case 8:
			net_addr_parse("2001:db8::1", &m->entry.srcs[0].addr);
			break;
		case 9:
			m->entry.srcs[0].left = -5;
			break;
		case 10: /* a delete checks the address too */
			m->entry.group.af = NET_AF_NONE;
			break;
		}
		if (rbs_pkt_encode(m, buf, sizeof(buf)) != -1)
			fail_msg("damage %d was encoded", k);
	}
	/* A delete ignores mode, timers and sources. */
	base_entry(m, RBS_T_ENTRY_DELETE);
	m->entry.mode = 9;
	m->entry.nsrc = 999;
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), 12 + 8 + 11 + 9);
	free(m);
}

/* Every cap below the length fails, the exact length succeeds. */
static void test_encode_caps(void **state)
{
	struct rbs_msg *m = msg_new();
	uint8_t buf[512];
	int full;

	(void)state;
	base_entry(m, RBS_T_ENTRY_UPDATE);
	full = rbs_pkt_encode(m, buf, sizeof(buf));
	assert_true(full > 0);
	for (int cap = 0; cap < full; cap++)
		assert_int_equal(rbs_pkt_encode(m, buf, (size_t)cap), -1);
	assert_int_equal(rbs_pkt_encode(m, buf, (size_t)full), full);
	free(m);
}

/* Times round up to whole ms and cap at 2^32-1 ms. */
static void test_time_units(void **state)
{
	static const struct {
		sim_time_t in, out;
	} t[] = {
		{ 0, 0 },
		{ 1, SIM_MS(1) },
		{ SIM_MS(1), SIM_MS(1) },
		{ SIM_MS(1) + 1, SIM_MS(2) },
		{ SIM_S(260), SIM_S(260) },
		{ SIM_MS(4294967295LL), SIM_MS(4294967295LL) },
		{ SIM_MS(4294967296LL), SIM_MS(4294967295LL) },
		{ INT64_MAX, SIM_MS(4294967295LL) },
	};
	struct rbs_msg *m = msg_new(), *d = msg_new();
	uint8_t buf[256];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		int n;

		base_entry(m, RBS_T_ENTRY_ADD);
		m->entry.group_left = t[i].in;
		m->entry.srcs[0].left = t[i].in;
		n = rbs_pkt_encode(m, buf, sizeof(buf));
		assert_true(n > 0);
		assert_int_equal(rbs_pkt_decode(buf, (size_t)n, d), RBS_PKT_OK);
		assert_int_equal(d->entry.group_left, t[i].out);
		assert_int_equal(d->entry.srcs[0].left, t[i].out);
	}
	memset(m, 0, sizeof(*m));
	m->type = RBS_T_HELLO;
	m->keepalive_interval = 1; /* 1 ns is still a running timer */
	m->keepalive_count = 255;
	assert_int_equal(rbs_pkt_encode(m, buf, sizeof(buf)), 28);
	assert_int_equal(rbs_pkt_decode(buf, 28, d), RBS_PKT_OK);
	assert_int_equal(d->keepalive_interval, SIM_MS(1));
	assert_int_equal(d->keepalive_count, 255);
	free(d);
	free(m);
}

/* Round trip of IPv6 entries with the encoder's own output. */
static void test_round_trip_v6(void **state)
{
	struct rbs_msg *m = msg_new(), *d = msg_new();
	uint8_t *buf = malloc(RBS_MAX_MSG);
	int n;

	(void)state;
	assert_non_null(buf);
	m->type = RBS_T_ENTRY_UPDATE;
	m->seq = 99;
	m->entry.backup_id = 12;
	m->entry.af = NET_AF_IP6;
	snprintf(m->entry.ifname, sizeof(m->entry.ifname), "Eth-Trunk1.100");
	net_addr_parse("ff35::8000:1", &m->entry.group);
	m->entry.mode = 1;
	m->entry.group_left = SIM_S(260);
	m->entry.nsrc = RBS_MAX_SRCS;
	for (int i = 0; i < RBS_MAX_SRCS; i++) {
		net_addr_parse("2001:db8::", &m->entry.srcs[i].addr);
		m->entry.srcs[i].addr.b[14] = (uint8_t)(i >> 8);
		m->entry.srcs[i].addr.b[15] = (uint8_t)i;
		m->entry.srcs[i].left = SIM_MS(i);
	}
	n = rbs_pkt_encode(m, buf, RBS_MAX_MSG);
	assert_int_equal(n, 12 + 8 + 18 + 21 + 5 + 8 + 25 * RBS_MAX_SRCS);
	assert_int_equal(rbs_pkt_frame_len(buf, (size_t)n), n);
	assert_int_equal(decode_exact(buf, (size_t)n, d), RBS_PKT_OK);
	assert_int_equal(d->seq, 99);
	assert_int_equal(d->backup_id, 12);
	assert_string_equal(d->entry.ifname, "Eth-Trunk1.100");
	assert_true(net_addr_eq(&d->entry.group, &m->entry.group));
	assert_int_equal(d->entry.nsrc, RBS_MAX_SRCS);
	for (int i = 0; i < RBS_MAX_SRCS; i++) {
		assert_true(net_addr_eq(&d->entry.srcs[i].addr,
					&m->entry.srcs[i].addr));
		assert_int_equal(d->entry.srcs[i].left, SIM_MS(i));
	}
	free(buf);
	free(d);
	free(m);
}

/* ---- framing ---- */

static void test_frame_len(void **state)
{
	uint8_t b[64];
	size_t n;

	(void)state;
	assert_int_equal(rbs_pkt_frame_len(NULL, 0), 0);
	n = nt_hex("5242 0103 00000014 00000003 0003", b, sizeof(b));
	for (size_t k = 0; k < RBS_HDR_LEN; k++)
		assert_int_equal(rbs_pkt_frame_len(b, k), 0);
	assert_int_equal(rbs_pkt_frame_len(b, RBS_HDR_LEN), 20);
	assert_int_equal(rbs_pkt_frame_len(b, n), 20);
	b[0] = 0x53;
	assert_int_equal(rbs_pkt_frame_len(b, n), -1);
	b[0] = 0x52;
	b[2] = 2;
	assert_int_equal(rbs_pkt_frame_len(b, n), -1);
	b[2] = 1;
	b[7] = 11;
	assert_int_equal(rbs_pkt_frame_len(b, n), -1);
	/* An unknown type still frames: the receiver can skip it. */
	b[7] = 20;
	b[3] = 77;
	assert_int_equal(rbs_pkt_frame_len(b, n), 20);
	n = nt_hex("5242 0102 00010000 00000001", b, sizeof(b));
	assert_int_equal(rbs_pkt_frame_len(b, n), RBS_MAX_MSG);
}

/* The vectors' good messages back to back, delivered in pieces of every
 * size from 1 to all at once, come out whole and in order. */
static void test_stream_pieces(void **state)
{
	uint8_t all[2048];
	size_t lens[ARRAY_LEN(vectors)], total = 0, nmsg = 0;
	struct rbs_msg *m = msg_new();

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++)
		if (vectors[i].canonical) {
			lens[nmsg] = nt_hex(vectors[i].hex, all + total,
					    sizeof(all) - total);
			total += lens[nmsg++];
		}
	for (size_t piece = 1; piece <= total; piece++) {
		struct rbs_stream s;
		size_t got = 0, off = 0;

		rbs_stream_init(&s);
		for (size_t at = 0; at < total; at += piece) {
			size_t k = total - at < piece ? total - at : piece;
			const uint8_t *p;
			size_t len;

			assert_int_equal(rbs_stream_push(&s, all + at, k), 0);
			while (rbs_stream_next(&s, &p, &len) == 1) {
				assert_int_equal(len, lens[got]);
				assert_memory_equal(p, all + off, len);
				assert_int_equal(rbs_pkt_decode(p, len, m),
						 RBS_PKT_OK);
				off += len;
				got++;
			}
		}
		assert_int_equal(got, nmsg);
		assert_int_equal(rbs_stream_pending(&s), 0);
		rbs_stream_fini(&s);
	}
	free(m);
}

/* A bad header stops the stream (the connection must drop); reset
 * starts again clean; a partial message is held, not returned. */
static void test_stream_errors(void **state)
{
	struct rbs_stream s;
	uint8_t b[64];
	const uint8_t *p;
	size_t n, len;

	(void)state;
	rbs_stream_init(&s);
	assert_int_equal(rbs_stream_next(&s, &p, &len), 0);
	assert_int_equal(rbs_stream_push(&s, b, 0), 0);
	n = nt_hex("5242 0102 0000000c 00000001 5242 0103", b, sizeof(b));
	assert_int_equal(rbs_stream_push(&s, b, n), 0);
	assert_int_equal(rbs_stream_next(&s, &p, &len), 1);
	assert_int_equal(len, 12);
	assert_int_equal(rbs_stream_next(&s, &p, &len), 0);
	assert_int_equal(rbs_stream_pending(&s), 4);
	n = nt_hex("00000009 00000002", b, sizeof(b)); /* length 9: bad */
	assert_int_equal(rbs_stream_push(&s, b, n), 0);
	assert_int_equal(rbs_stream_next(&s, &p, &len), -1);
	assert_int_equal(rbs_stream_next(&s, &p, &len), -1);
	rbs_stream_reset(&s);
	assert_int_equal(rbs_stream_pending(&s), 0);
	n = nt_hex("5242 0102 0000000c 00000001", b, sizeof(b));
	assert_int_equal(rbs_stream_push(&s, b, n), 0);
	assert_int_equal(rbs_stream_next(&s, &p, &len), 1);
	rbs_stream_fini(&s);
}

/* ---- robustness ---- */

static uint32_t lcg(uint32_t *x)
{
	*x = *x * 1664525u + 1013904223u;
	return *x >> 8;
}

static void test_truncation_and_flips(void **state)
{
	struct rbs_msg *m = msg_new();
	uint8_t buf[512], c[512];
	uint32_t seed = 12345;
	size_t rejected = 0, decodes = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		size_t n = nt_hex(vectors[i].hex, buf, sizeof(buf));

		if (vectors[i].expect != RBS_PKT_OK)
			continue;
		for (size_t k = 0; k < n; k++) { /* every proper prefix */
			assert_int_not_equal(decode_exact(buf, k, m),
					     RBS_PKT_OK);
			decodes++;
		}
		for (int round = 0; round < 2000; round++) {
			unsigned flips = 1 + lcg(&seed) % 4;

			memcpy(c, buf, n);
			for (unsigned f = 0; f < flips; f++)
				c[lcg(&seed) % n] ^=
					(uint8_t)(1 + lcg(&seed) % 255);
			rejected += decode_exact(c, n, m) != RBS_PKT_OK;
			(void)rbs_pkt_frame_len(c, n);
			decodes++;
		}
	}
	assert_true(decodes > 20000);
	assert_true(rejected > 1000);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_encode_refusals),
		cmocka_unit_test(test_encode_caps),
		cmocka_unit_test(test_time_units),
		cmocka_unit_test(test_round_trip_v6),
		cmocka_unit_test(test_frame_len),
		cmocka_unit_test(test_stream_pieces),
		cmocka_unit_test(test_stream_errors),
		cmocka_unit_test(test_truncation_and_flips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
