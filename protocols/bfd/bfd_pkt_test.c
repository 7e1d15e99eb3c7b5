/*
 * Tests of the BFD Control packet codec (RFC 5880 sections 4.1-4.4, 6.7):
 * a table of hand-assembled good and bad vectors reaching every rejection
 * reason, keyed MD5/SHA1 vectors whose digests were computed outside this
 * code (Python hashlib, cross-checked with `openssl dgst`) and must be
 * reproduced byte for byte by the encoder, encode -> decode round trips of
 * every state, flag and authentication type, the authentication checks of
 * sections 6.7.2-6.7.4, and truncation and byte-flip robustness from
 * exact-size heap copies (the sanitizer build proves no stray read).
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

#include "protocols/bfd/bfd_pkt.h"
#include "sim/net/net_testutil.h"
#include "sim/core/sim_rng.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Mandatory section: version 1, diag 0, flags byte b1, Detect Mult 3,
 * Length len, My 1, Your 0, 1 s TX/RX, no echo. */
#define MAND(b1, len)                                                          \
	"20" b1 "03" len "00000001 00000000 000f4240 000f4240 00000000"
#define UP_NOAUTH "20c00318 11223344 55667788 000f4240 000f4240 00000000"
#define ZERO16	  "00000000000000000000000000000000"

/* The keys the digest vectors below were computed with. */
static const struct bfd_key key_md5 = { BFD_AUTH_KEYED_MD5, 7, "failsim", 7 };
static const struct bfd_key key_mmd5 = { BFD_AUTH_METICULOUS_MD5, 1,
					 "0123456789abcdef", 16 };
static const struct bfd_key key_sha1 = { BFD_AUTH_KEYED_SHA1, 9, "sha1-key",
					 8 };
static const struct bfd_key key_msha1 = { BFD_AUTH_METICULOUS_SHA1, 255,
					  "0123456789abcdefghij", 20 };
static const struct bfd_key key_simple = { BFD_AUTH_SIMPLE, 2, "secret", 6 };

static const struct bfd_ctrl want_up = {
	.version = 1,
	.state = BFD_STATE_UP,
	.detect_mult = 3,
	.length = 24,
	.my_disc = 0x11223344,
	.your_disc = 0x55667788,
	.desired_min_tx_us = 1000000,
	.required_min_rx_us = 1000000,
};

static const struct bfd_ctrl want_flags = {
	.version = 1,
	.diag = 31,
	.state = BFD_STATE_ADMIN_DOWN,
	.poll = true,
	.final = true,
	.cpi = true,
	.demand = true,
	.multipoint = true,
	.length = 24,
	.your_disc = 0xffffffff,
	.required_min_rx_us = 0xffffffff,
	.required_min_echo_rx_us = 0x12345678,
};

/* A packet of the MAND() shape with an authentication section. */
#define WANT_AUTH(st, my, len_, ...)                                           \
	{                                                                      \
		.version = 1, .state = st, .detect_mult = 3, .length = len_,   \
		.auth_present = true, .my_disc = my,                           \
		.desired_min_tx_us = 1000000, .required_min_rx_us = 1000000,   \
		.auth = { __VA_ARGS__ },                                       \
	}

static const struct bfd_ctrl want_simple =
	WANT_AUTH(BFD_STATE_DOWN, 1, 33, .type = 1, .len = 9, .key_id = 2,
		  .password = "secret", .pwlen = 6);
static const struct bfd_ctrl want_simple16 =
	WANT_AUTH(BFD_STATE_DOWN, 1, 43, .type = 1, .len = 19, .key_id = 255,
		  .password = "0123456789abcdef", .pwlen = 16);

/* Digest vectors: My Discriminator tells them apart. */
static const struct bfd_ctrl want_md5 =
	WANT_AUTH(BFD_STATE_DOWN, 0xa1, 48, .type = 2, .len = 24, .key_id = 7,
		  .seq = 0x01020304,
		  .digest = { 0x3b, 0x3f, 0x09, 0xbd, 0x44, 0x9b, 0x20, 0x73,
			      0x75, 0x7d, 0x5d, 0x1a, 0x5b, 0xc5, 0x08, 0x8a });
static const struct bfd_ctrl want_mmd5 =
	WANT_AUTH(BFD_STATE_UP, 0xa2, 48, .type = 3, .len = 24, .key_id = 1,
		  .seq = 0xfffffffe,
		  .digest = { 0x97, 0xe2, 0x28, 0xf5, 0x57, 0x11, 0xba, 0x06,
			      0xe1, 0xc8, 0xc1, 0x0f, 0x73, 0xea, 0x45, 0xe6 });
static const struct bfd_ctrl want_sha1 = WANT_AUTH(
	BFD_STATE_INIT, 0xa3, 52, .type = 4, .len = 28, .key_id = 9,
	.seq = 0, .digest = { 0xe2, 0x9c, 0x84, 0x74, 0x48, 0x92, 0xcf,
			      0x65, 0x6c, 0xcd, 0x85, 0x40, 0xc3, 0x95,
			      0xd1, 0x8a, 0xcc, 0x50, 0x9e, 0xe1 });
static const struct bfd_ctrl want_msha1 = WANT_AUTH(
	BFD_STATE_ADMIN_DOWN, 0xa4, 52, .type = 5, .len = 28, .key_id = 255,
	.seq = 42, .digest = { 0xa7, 0x93, 0x51, 0x08, 0x1a, 0xf6, 0x82,
			       0x68, 0xb2, 0xa4, 0xe2, 0x6d, 0xca, 0x1b,
			       0xcf, 0x8c, 0x96, 0xd3, 0xf3, 0xde });

struct vector {
	const char *name;
	const char *hex; /* spaces ignored */
	enum bfd_pkt_err expect;
	const struct bfd_ctrl *want; /* decoded fields, for good vectors */
	const struct bfd_key *key;   /* authenticates it, and re-encodes it */
};

static const struct vector vectors[] = {
	{ "up-no-auth", UP_NOAUTH, BFD_PKT_OK, &want_up },
	{ "payload-longer-than-length", UP_NOAUTH "deadbeef", BFD_PKT_OK,
	  &want_up },
	{ "all-flags-reserved-diag",
	  "3f3b0018 00000000 ffffffff 00000000 ffffffff 12345678", BFD_PKT_OK,
	  &want_flags },
	{ "length-beyond-mandatory", MAND("40", "1c") "00000000", BFD_PKT_OK },
	{ "simple-secret", MAND("44", "21") "010902 736563726574", BFD_PKT_OK,
	  &want_simple, &key_simple },
	{ "simple-one-byte", MAND("44", "1c") "01040078", BFD_PKT_OK },
	{ "simple-16-bytes",
	  MAND("44", "2b") "0113ff 30313233343536373839616263646566",
	  BFD_PKT_OK, &want_simple16 },
	{ "keyed-md5",
	  "20440330 000000a1 00000000 000f4240 000f4240 00000000"
	  "02180700 01020304 3b3f09bd449b2073757d5d1a5bc5088a",
	  BFD_PKT_OK, &want_md5, &key_md5 },
	{ "meticulous-md5",
	  "20c40330 000000a2 00000000 000f4240 000f4240 00000000"
	  "03180100 fffffffe 97e228f55711ba06e1c8c10f73ea45e6",
	  BFD_PKT_OK, &want_mmd5, &key_mmd5 },
	{ "keyed-sha1",
	  "20840334 000000a3 00000000 000f4240 000f4240 00000000"
	  "041c0900 00000000 e29c84744892cf656ccd8540c395d18acc509ee1",
	  BFD_PKT_OK, &want_sha1, &key_sha1 },
	{ "meticulous-sha1",
	  "20040334 000000a4 00000000 000f4240 000f4240 00000000"
	  "051cff00 0000002a a79351081af68268b2a4e26dca1bcf8c96d3f3de",
	  BFD_PKT_OK, &want_msha1, &key_msha1 },
	/* Rejections, one or more per reason. */
	{ "empty", "", BFD_PKT_E_SHORT },
	{ "23-bytes", "20c00318 11223344 55667788 000f4240 000f4240 000000",
	  BFD_PKT_E_SHORT },
	{ "short-with-bad-version", "e0c00318", BFD_PKT_E_SHORT },
	{ "version-0", "00c00318" ZERO16 "0000000000000000",
	  BFD_PKT_E_VERSION },
	{ "version-2", "40c00318" ZERO16 "0000000000000000",
	  BFD_PKT_E_VERSION },
	{ "version-7", "e0c00318" ZERO16 "0000000000000000",
	  BFD_PKT_E_VERSION },
	{ "length-0", MAND("c0", "00"), BFD_PKT_E_LENGTH },
	{ "length-23", MAND("c0", "17"), BFD_PKT_E_LENGTH },
	{ "length-beyond-payload", MAND("c0", "19"), BFD_PKT_E_LENGTH },
	{ "length-255", MAND("c0", "ff") ZERO16, BFD_PKT_E_LENGTH },
	{ "auth-bit-length-24", MAND("44", "18") "01040078", BFD_PKT_E_LENGTH },
	{ "auth-bit-length-25", MAND("44", "19") "01040078", BFD_PKT_E_LENGTH },
	{ "auth-simple-no-room", MAND("44", "1a") "0104",
	  BFD_PKT_E_AUTH_SHORT },
	{ "auth-md5-no-room", MAND("44", "28") "02180100 00000001" ZERO16,
	  BFD_PKT_E_AUTH_SHORT },
	{ "auth-sha1-in-md5-room", MAND("44", "30") "04180100 00000001" ZERO16,
	  BFD_PKT_E_AUTH_SHORT },
	{ "auth-simple-len-3", MAND("44", "1c") "01030078",
	  BFD_PKT_E_AUTH_LEN },
	{ "auth-simple-len-20",
	  MAND("44", "2c") "011401 3031323334353637383961626364656667",
	  BFD_PKT_E_AUTH_LEN },
	{ "auth-simple-len-beyond-length", MAND("44", "1c") "01090278 65",
	  BFD_PKT_E_AUTH_LEN },
	{ "auth-md5-len-28",
	  MAND("44", "34") "021c0100 00000001" ZERO16 "00000000",
	  BFD_PKT_E_AUTH_LEN },
	{ "auth-md5-len-0", MAND("44", "30") "03000100 00000001" ZERO16,
	  BFD_PKT_E_AUTH_LEN },
	{ "auth-sha1-len-24",
	  MAND("44", "34") "04180100 00000001" ZERO16 "00000000",
	  BFD_PKT_E_AUTH_LEN },
	{ "auth-type-0", MAND("44", "1c") "00040178", BFD_PKT_E_AUTH_TYPE },
	{ "auth-type-6", MAND("44", "1c") "06040178", BFD_PKT_E_AUTH_TYPE },
	{ "auth-type-255", MAND("44", "1c") "ff040178", BFD_PKT_E_AUTH_TYPE },
};

static void assert_auth_eq(const struct bfd_auth *a, const struct bfd_auth *b,
			   const char *name)
{
	if (a->type != b->type || a->len != b->len || a->key_id != b->key_id ||
	    a->seq != b->seq || a->pwlen != b->pwlen ||
	    memcmp(a->password, b->password, sizeof(a->password)) != 0 ||
	    memcmp(a->digest, b->digest, sizeof(a->digest)) != 0)
		fail_msg("%s: auth section differs (type %u/%u len %u/%u "
			 "id %u/%u seq %u/%u pwlen %u/%u)",
			 name, a->type, b->type, a->len, b->len, a->key_id,
			 b->key_id, a->seq, b->seq, a->pwlen, b->pwlen);
}

/* Field-by-field equality with a message naming the vector. */
static void assert_ctrl_eq(const struct bfd_ctrl *got,
			   const struct bfd_ctrl *want, const char *name)
{
#define CHK(f)                                                                 \
	do {                                                                   \
		if ((uint64_t)got->f != (uint64_t)want->f)                     \
			fail_msg("%s: " #f " is %llu, want %llu", name,        \
				 (unsigned long long)got->f,                   \
				 (unsigned long long)want->f);                 \
	} while (0)
	CHK(version);
	CHK(diag);
	CHK(state);
	CHK(poll);
	CHK(final);
	CHK(cpi);
	CHK(auth_present);
	CHK(demand);
	CHK(multipoint);
	CHK(detect_mult);
	CHK(length);
	CHK(my_disc);
	CHK(your_disc);
	CHK(desired_min_tx_us);
	CHK(required_min_rx_us);
	CHK(required_min_echo_rx_us);
#undef CHK
	assert_auth_eq(&got->auth, &want->auth, name);
}

/* Decode from an exact-size heap copy so a stray read is caught. */
static enum bfd_pkt_err decode_exact(const uint8_t *bytes, size_t len,
				     struct bfd_ctrl *c)
{
	uint8_t *copy = malloc(len ? len : 1);
	enum bfd_pkt_err e;

	assert_non_null(copy);
	if (len)
		memcpy(copy, bytes, len);
	e = bfd_pkt_decode(copy, len, c);
	free(copy);
	return e;
}

static void test_vectors(void **state)
{
	unsigned reached = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t buf[128];
		size_t len = nt_hex(v->hex, buf, sizeof(buf));
		struct bfd_ctrl c;
		enum bfd_pkt_err e = decode_exact(buf, len, &c);

		if (e != v->expect)
			fail_msg("%s: got %s, want %s", v->name,
				 bfd_pkt_err_name(e),
				 bfd_pkt_err_name(v->expect));
		reached |= 1u << e;
		if (v->want)
			assert_ctrl_eq(&c, v->want, v->name);
		if (v->key && !bfd_pkt_auth_ok(buf, len, &c, v->key))
			fail_msg("%s: not authentic with its key", v->name);
	}
	for (int e = 0; e < BFD_PKT_E__COUNT; e++)
		if (!(reached & 1u << e))
			fail_msg("no vector reaches %s",
				 bfd_pkt_err_name((enum bfd_pkt_err)e));
}

/*
 * The encoder reproduces the externally computed vectors exactly: same
 * Length, flags, section layout and (for MD5/SHA1) the same digest.
 */
static void test_encode_matches_vectors(void **state)
{
	unsigned n = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t want[128], got[BFD_MAX_LEN];
		size_t len;
		int r;

		if (!v->want || (v->want->auth_present && !v->key))
			continue;
		len = nt_hex(v->hex, want, sizeof(want));
		r = bfd_pkt_encode(v->want, v->key, got, sizeof(got));
		if (r != v->want->length)
			fail_msg("%s: encoded %d bytes, want %u", v->name, r,
				 v->want->length);
		assert_true((size_t)r <= len);
		if (memcmp(got, want, (size_t)r) != 0)
			fail_msg("%s: encoding differs", v->name);
		n++;
	}
	assert_int_equal(n, 8);
}

static const struct bfd_key *const all_keys[] = {
	NULL, &key_simple, &key_md5, &key_mmd5, &key_sha1, &key_msha1,
};

/* What c decodes to after encoding with key. */
static struct bfd_ctrl expected_after(const struct bfd_ctrl *c,
				      const struct bfd_key *key,
				      const uint8_t *pkt)
{
	struct bfd_ctrl w = *c;

	w.version = BFD_VERSION;
	memset(&w.auth, 0, sizeof(w.auth));
	w.auth_present = key != NULL;
	w.length = BFD_HDR_LEN;
	if (!key)
		return w;
	w.auth.type = key->type;
	w.auth.key_id = key->id;
	if (key->type == BFD_AUTH_SIMPLE) {
		w.auth.len = (uint8_t)(3 + key->len);
		w.auth.pwlen = key->len;
		memcpy(w.auth.password, key->secret, key->len);
	} else {
		bool md5 = key->type <= BFD_AUTH_METICULOUS_MD5;

		w.auth.len = md5 ? 24 : 28;
		w.auth.seq = c->auth.seq;
		memcpy(w.auth.digest, pkt + 32, md5 ? 16 : 20);
	}
	w.length = (uint8_t)(w.length + w.auth.len);
	return w;
}

/* Every state x every flag combination x every key decodes back equal. */
static void test_round_trip(void **state)
{
	unsigned n = 0;

	(void)state;
	for (unsigned st = 0; st < 4; st++) {
		for (unsigned f = 0; f < 32; f++) {
			for (size_t k = 0; k < ARRAY_LEN(all_keys); k++) {
				const struct bfd_key *key = all_keys[k];
				struct bfd_ctrl c = {
					.diag = (uint8_t)((f + st * 7) % 32),
					.state = (uint8_t)st,
					.poll = f & 1,
					.final = f & 2,
					.cpi = f & 4,
					.demand = f & 8,
					.multipoint = f & 16,
					.detect_mult = (uint8_t)(f * 8 + st),
					.my_disc = 0x80000000u + f,
					.your_disc = st * 1000u,
					.desired_min_tx_us = 3300u * f,
					.required_min_rx_us = 0xffffffffu - f,
					.required_min_echo_rx_us = 50000u * st,
					.auth = { .seq = 0xfffffff0u + f },
				};
				struct bfd_ctrl d, want;
				uint8_t buf[BFD_MAX_LEN];
				char name[64];
				int len = bfd_pkt_encode(&c, key, buf,
							 sizeof(buf));

				snprintf(name, sizeof(name),
					 "state %u flags %u key %zu", st, f, k);
				assert_true(len >= BFD_HDR_LEN);
				assert_int_equal(
					bfd_pkt_decode(buf, (size_t)len, &d),
					BFD_PKT_OK);
				want = expected_after(&c, key, buf);
				assert_int_equal(len, want.length);
				assert_ctrl_eq(&d, &want, name);
				if (key)
					assert_true(bfd_pkt_auth_ok(
						buf, (size_t)len, &d, key));
				n++;
			}
		}
	}
	assert_int_equal(n, 4 * 32 * ARRAY_LEN(all_keys));
}

/* The encoder fails cleanly on a short buffer and on invalid keys. */
static void test_encode_errors(void **state)
{
	static const struct bfd_key bad_keys[] = {
		{ BFD_AUTH_SIMPLE, 1, "", 0 },
		{ BFD_AUTH_SIMPLE, 1, "0123456789abcdefg", 17 },
		{ BFD_AUTH_KEYED_MD5, 1, "k", 0 },
		{ BFD_AUTH_KEYED_MD5, 1, "0123456789abcdefg", 17 },
		{ BFD_AUTH_METICULOUS_MD5, 1, "0123456789abcdefg", 17 },
		{ BFD_AUTH_KEYED_SHA1, 1, "0123456789abcdefghij", 21 },
		{ BFD_AUTH_METICULOUS_SHA1, 1, "k", 0 },
		{ 6, 1, "k", 1 },
		{ 255, 1, "k", 1 },
	};
	struct bfd_ctrl c = want_up, d;
	struct bfd_key none = { BFD_AUTH_NONE, 3, "ignored", 7 };
	uint8_t buf[BFD_MAX_LEN];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad_keys); i++)
		assert_int_equal(
			bfd_pkt_encode(&c, &bad_keys[i], buf, sizeof(buf)), -1);
	/* Every capacity below the packet length fails, writing nothing
	 * beyond it (exact-size heap buffers under the sanitizer). */
	for (size_t k = 0; k < ARRAY_LEN(all_keys); k++) {
		int full = bfd_pkt_encode(&c, all_keys[k], buf, sizeof(buf));

		assert_true(full >= BFD_HDR_LEN);
		for (int cap = 0; cap <= full; cap++) {
			uint8_t *p = malloc(cap ? (size_t)cap : 1);
			int r;

			assert_non_null(p);
			r = bfd_pkt_encode(&c, all_keys[k], p, (size_t)cap);
			assert_int_equal(r, cap == full ? full : -1);
			if (r > 0)
				assert_memory_equal(p, buf, (size_t)r);
			free(p);
		}
	}
	/* A key of type None and a stale auth_present write no section. */
	c.auth_present = true;
	assert_int_equal(bfd_pkt_encode(&c, &none, buf, sizeof(buf)), 24);
	assert_int_equal(bfd_pkt_decode(buf, 24, &d), BFD_PKT_OK);
	assert_false(d.auth_present);
	assert_int_equal(bfd_pkt_encode(&c, NULL, buf, sizeof(buf)), 24);
	assert_int_equal(buf[1] & 0x04, 0);
	/* Only the low bits of Diag and State are encoded. */
	c.diag = 0xff;
	c.state = 0xff;
	assert_int_equal(bfd_pkt_encode(&c, NULL, buf, sizeof(buf)), 24);
	assert_int_equal(buf[0], 0x3f);
	assert_int_equal(buf[1] & 0xc0, 0xc0);
}

struct auth_case {
	const char *name;
	struct bfd_key key; /* checked against a packet made with base */
	bool ok;
};

/* Encode with base, then check with each variant of it. */
static void check_auth_cases(const struct bfd_key *base,
			     const struct auth_case *cases, size_t n)
{
	struct bfd_ctrl c = want_up, d;
	uint8_t buf[BFD_MAX_LEN];
	int len;

	c.auth.seq = 77;
	len = bfd_pkt_encode(&c, base, buf, sizeof(buf));
	assert_true(len > BFD_HDR_LEN);
	assert_int_equal(bfd_pkt_decode(buf, (size_t)len, &d), BFD_PKT_OK);
	for (size_t i = 0; i < n; i++)
		if (bfd_pkt_auth_ok(buf, (size_t)len, &d, &cases[i].key) !=
		    cases[i].ok)
			fail_msg("%s (auth type %u): want %s", cases[i].name,
				 base->type, cases[i].ok ? "ok" : "rejected");
}

static void test_auth_ok_simple(void **state)
{
	const struct auth_case cases[] = {
		{ "right key", key_simple, true },
		{ "wrong key id", { BFD_AUTH_SIMPLE, 3, "secret", 6 }, false },
		{ "wrong password",
		  { BFD_AUTH_SIMPLE, 2, "secreT", 6 },
		  false },
		{ "longer password",
		  { BFD_AUTH_SIMPLE, 2, "secret!", 7 },
		  false },
		{ "shorter password",
		  { BFD_AUTH_SIMPLE, 2, "secre", 5 },
		  false },
		{ "wrong type", { BFD_AUTH_KEYED_MD5, 2, "secret", 6 }, false },
		{ "invalid key", { BFD_AUTH_SIMPLE, 2, "", 0 }, false },
	};

	(void)state;
	check_auth_cases(&key_simple, cases, ARRAY_LEN(cases));
}

static void test_auth_ok_digest(void **state)
{
	const struct bfd_key *bases[] = { &key_md5, &key_mmd5, &key_sha1,
					  &key_msha1 };

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bases); i++) {
		const struct bfd_key *b = bases[i];
		struct auth_case cases[6];
		/* The "other" type of the same family and across families. */
		uint8_t sibling = (uint8_t)(b->type ^ 1);
		uint8_t across =
			b->type <= 3 ? BFD_AUTH_KEYED_SHA1 : BFD_AUTH_KEYED_MD5;

		for (size_t k = 0; k < ARRAY_LEN(cases); k++)
			cases[k] = (struct auth_case){ "", *b, false };
		cases[0].name = "right key";
		cases[0].ok = true;
		cases[1].name = "wrong key id";
		cases[1].key.id++;
		cases[2].name = "wrong secret";
		cases[2].key.secret[0] ^= 1;
		cases[3].name = "sibling type";
		cases[3].key.type = sibling;
		cases[4].name = "other family";
		cases[4].key.type = across;
		cases[4].key.len = b->len > 16 ? 16 : b->len;
		cases[5].name = "key with an extra zero byte";
		cases[5].key.len = b->len < 16 ? (uint8_t)(b->len + 1) : 0;
		/* Zero padding makes "k" and "k\0" the same key (6.7.3). */
		cases[5].ok = b->len < 16;
		check_auth_cases(b, cases, ARRAY_LEN(cases));
	}
}

/* Any flipped bit of a digest packet (digest or covered bytes) fails. */
static void test_auth_ok_bit_flips(void **state)
{
	const struct bfd_key *bases[] = { &key_md5, &key_mmd5, &key_sha1,
					  &key_msha1 };

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bases); i++) {
		struct bfd_ctrl c = want_up, d;
		uint8_t buf[BFD_MAX_LEN];
		int len = bfd_pkt_encode(&c, bases[i], buf, sizeof(buf));

		assert_true(len > BFD_HDR_LEN);
		for (int bit = 0; bit < len * 8; bit++) {
			buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			if (bfd_pkt_decode(buf, (size_t)len, &d) ==
				    BFD_PKT_OK &&
			    bfd_pkt_auth_ok(buf, (size_t)len, &d, bases[i]))
				fail_msg("type %u: bit %d flipped still "
					 "authentic",
					 bases[i]->type, bit);
			buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		assert_int_equal(bfd_pkt_decode(buf, (size_t)len, &d),
				 BFD_PKT_OK);
		assert_true(bfd_pkt_auth_ok(buf, (size_t)len, &d, bases[i]));
		/* A shorter buffer than Length, or no key: never authentic. */
		assert_false(
			bfd_pkt_auth_ok(buf, (size_t)len - 1, &d, bases[i]));
		assert_false(bfd_pkt_auth_ok(buf, (size_t)len, &d, NULL));
	}
}

/* A packet without an authentication section is never authentic. */
static void test_auth_ok_no_auth(void **state)
{
	struct bfd_ctrl d;
	uint8_t buf[BFD_MAX_LEN];
	int len = bfd_pkt_encode(&want_up, NULL, buf, sizeof(buf));

	(void)state;
	assert_int_equal(bfd_pkt_decode(buf, (size_t)len, &d), BFD_PKT_OK);
	for (size_t k = 1; k < ARRAY_LEN(all_keys); k++)
		assert_false(
			bfd_pkt_auth_ok(buf, (size_t)len, &d, all_keys[k]));
}

/* Every truncation of every good vector is rejected, never misread. */
static void test_truncation(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t buf[128];
		size_t len = nt_hex(v->hex, buf, sizeof(buf));
		struct bfd_ctrl c;

		if (v->expect != BFD_PKT_OK)
			continue;
		assert_int_equal(decode_exact(buf, len, &c), BFD_PKT_OK);
		for (size_t n = 0; n < c.length; n++) {
			struct bfd_ctrl t;
			enum bfd_pkt_err e = decode_exact(buf, n, &t);

			assert_int_equal(e, n < BFD_HDR_LEN ? BFD_PKT_E_SHORT
							    : BFD_PKT_E_LENGTH);
		}
	}
}

/* Random byte changes (fixed seed): no crash, and what decodes is sane. */
static void test_byte_flips(void **state)
{
	struct sim_rng rng;
	unsigned ok = 0, rejected = 0;

	(void)state;
	sim_rng_seed(&rng, 5880, "bfd_pkt_test");
	for (unsigned iter = 0; iter < 20000; iter++) {
		const struct vector *v =
			&vectors[sim_rng_below(&rng, ARRAY_LEN(vectors))];
		uint8_t buf[128], *copy;
		size_t len = nt_hex(v->hex, buf, sizeof(buf));
		unsigned flips = 1 + (unsigned)sim_rng_below(&rng, 3);
		struct bfd_ctrl c;

		if (len == 0)
			continue;
		for (unsigned f = 0; f < flips; f++)
			buf[sim_rng_below(&rng, len)] =
				(uint8_t)sim_rng_next(&rng);
		copy = malloc(len);
		assert_non_null(copy);
		memcpy(copy, buf, len);
		if (bfd_pkt_decode(copy, len, &c) != BFD_PKT_OK) {
			rejected++;
			free(copy);
			continue;
		}
		ok++;
		assert_int_equal(c.version, BFD_VERSION);
		assert_true(c.length >= BFD_HDR_LEN && c.length <= len);
		if (c.auth_present) {
			assert_true(c.auth.type >= BFD_AUTH_SIMPLE &&
				    c.auth.type < BFD_AUTH__COUNT);
			assert_true(BFD_HDR_LEN + c.auth.len <= c.length);
		}
		for (size_t k = 1; k < ARRAY_LEN(all_keys); k++)
			(void)bfd_pkt_auth_ok(copy, len, &c, all_keys[k]);
		free(copy);
	}
	assert_true(ok > 1000 && rejected > 1000);
}

static void test_names(void **state)
{
	(void)state;
	for (int e = 0; e < BFD_PKT_E__COUNT; e++) {
		const char *n = bfd_pkt_err_name((enum bfd_pkt_err)e);

		assert_non_null(n);
		assert_true(strlen(n) > 0);
		assert_int_equal(strspn(n, "abcdefghijklmnopqrstuvwxyz-"),
				 strlen(n));
		for (int f = 0; f < e; f++)
			assert_string_not_equal(
				n, bfd_pkt_err_name((enum bfd_pkt_err)f));
	}
	assert_string_equal(bfd_pkt_err_name(BFD_PKT_E__COUNT), "unknown");
	assert_string_equal(bfd_state_name(BFD_STATE_ADMIN_DOWN), "AdminDown");
	assert_string_equal(bfd_state_name(BFD_STATE_DOWN), "Down");
	assert_string_equal(bfd_state_name(BFD_STATE_INIT), "Init");
	assert_string_equal(bfd_state_name(BFD_STATE_UP), "Up");
	assert_string_equal(bfd_state_name((enum bfd_state)4), "unknown");
	assert_string_equal(bfd_diag_name(BFD_DIAG_NONE), "No Diagnostic");
	assert_string_equal(bfd_diag_name(BFD_DIAG_TIME_EXPIRED),
			    "Control Detection Time Expired");
	assert_string_equal(bfd_diag_name(BFD_DIAG_NEIGHBOR_DOWN),
			    "Neighbor Signaled Session Down");
	assert_string_equal(bfd_diag_name(BFD_DIAG_REV_CONCAT_DOWN),
			    "Reverse Concatenated Path Down");
	for (int d = 0; d < BFD_DIAG__COUNT; d++)
		for (int f = 0; f < d; f++)
			assert_string_not_equal(bfd_diag_name(d),
						bfd_diag_name(f));
	assert_string_equal(bfd_diag_name((enum bfd_diag)9), "Reserved");
	assert_string_equal(bfd_diag_name((enum bfd_diag)31), "Reserved");
	assert_string_equal(bfd_auth_name(BFD_AUTH_NONE), "None");
	assert_string_equal(bfd_auth_name(BFD_AUTH_SIMPLE), "Simple Password");
	assert_string_equal(bfd_auth_name(BFD_AUTH_METICULOUS_SHA1),
			    "Meticulous Keyed SHA1");
	for (int t = 0; t < BFD_AUTH__COUNT; t++)
		for (int f = 0; f < t; f++)
			assert_string_not_equal(bfd_auth_name(t),
						bfd_auth_name(f));
	assert_string_equal(bfd_auth_name((enum bfd_auth_type)6), "Reserved");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_encode_matches_vectors),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_encode_errors),
		cmocka_unit_test(test_auth_ok_simple),
		cmocka_unit_test(test_auth_ok_digest),
		cmocka_unit_test(test_auth_ok_bit_flips),
		cmocka_unit_test(test_auth_ok_no_auth),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_byte_flips),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
