/*
 * Tests of the BFD rule module's per-packet rules (ck_r_bfd.c): a table of
 * single packets, each built with the simulator's encoders and changed in
 * one respect, with the one rule it must pass or fail (RFC 5880 sections
 * 4.1, 6.5, 6.7.2-6.7.4, 6.8.3, 6.8.6; RFC 5881 sections 4 and 5; RFC 5883
 * section 6), the classification by port (micro-BFD, S-BFD, Echo) and the
 * rule table itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_proto.h"
#include "conformance/check/ck_r_bfd_testutil.h"

static const struct bfd_key key_sha1 = {
	.type = BFD_AUTH_METICULOUS_SHA1, .id = 1, .secret = "secret", .len = 6
};
static const struct bfd_key key_md5 = {
	.type = BFD_AUTH_KEYED_MD5, .id = 2, .secret = "key", .len = 3
};
static const struct bfd_key key_simple = {
	.type = BFD_AUTH_SIMPLE, .id = 3, .secret = "pw", .len = 2
};

/* ---- changes to the Control packet ---- */

static void c_mult0(struct bfd_ctrl *c)
{
	c->detect_mult = 0;
}
static void c_multipoint(struct bfd_ctrl *c)
{
	c->multipoint = true;
}
static void c_my0(struct bfd_ctrl *c)
{
	c->my_disc = 0;
}
static void c_your0(struct bfd_ctrl *c)
{
	c->your_disc = 0;
}
static void c_pf(struct bfd_ctrl *c)
{
	c->poll = c->final = true;
}
static void c_p(struct bfd_ctrl *c)
{
	c->poll = true;
}
static void c_diag9(struct bfd_ctrl *c)
{
	c->diag = 9;
}
static void c_diag8(struct bfd_ctrl *c)
{
	c->diag = 8;
}
static void c_down_fast(struct bfd_ctrl *c)
{
	c->state = BFD_STATE_DOWN;
	c->your_disc = 0;
}
static void c_down_slow(struct bfd_ctrl *c)
{
	c_down_fast(c);
	c->desired_min_tx_us = 1000000;
}
static void c_init_almost(struct bfd_ctrl *c)
{
	c->state = BFD_STATE_INIT;
	c->desired_min_tx_us = 999999;
}
static void c_admin_your0(struct bfd_ctrl *c)
{
	c->state = BFD_STATE_ADMIN_DOWN;
	c->your_disc = 0;
	c->desired_min_tx_us = 2000000;
}
static void c_init_your0(struct bfd_ctrl *c)
{
	c->state = BFD_STATE_INIT;
	c->your_disc = 0;
	c->desired_min_tx_us = 1000000;
}

/* Raw byte changes after encoding: offset, value (-1: none). */
struct patch {
	int off;
	int val;
};

struct pcase {
	const char *name;
	bool v6;
	uint16_t dport, sport; /* 0: 3784, the end's port */
	int ttl;	       /* 0: 255 */
	void (*ctrl)(struct bfd_ctrl *c);
	const struct bfd_key *key;
	struct patch patch;
	size_t cut;	/* the UDP payload cut to this length (0: not) */
	const char *id; /* the rule checked once */
	bool fails;	/* it fails (and nothing else does) */
};

#define NOP                                                                    \
	{                                                                      \
		-1, 0                                                          \
	}

static const struct pcase pcases[] = {
	{ "good v4", false, 0, 0, 0, NULL, NULL, NOP, 0, "bfd.version", false },
	{ "good v6", true, 0, 0, 0, NULL, NULL, NOP, 0, "bfd.ttl", false },
	{ "version 2",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  NULL,
	  { 0, 0x40 },
	  0,
	  "bfd.version",
	  true },
	{ "version 0",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  NULL,
	  { 0, 0x00 },
	  0,
	  "bfd.version",
	  true },
	{ "payload 23 bytes", false, 0, 0, 0, NULL, NULL, NOP, 23, "bfd.length",
	  true },
	{ "Length 25 > payload 24",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  NULL,
	  { 3, 25 },
	  0,
	  "bfd.length",
	  true },
	{ "Length 23",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  NULL,
	  { 3, 23 },
	  0,
	  "bfd.length",
	  true },
	{ "Length 24 exact", false, 0, 0, 0, NULL, NULL, NOP, 0, "bfd.length",
	  false },
	{ "A bit, Length 25",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  &key_simple,
	  { 3, 25 },
	  0,
	  "bfd.length",
	  true },
	{ "Detect Mult 0", false, 0, 0, 0, c_mult0, NULL, NOP, 0,
	  "bfd.detect-mult", true },
	{ "M bit", false, 0, 0, 0, c_multipoint, NULL, NOP, 0, "bfd.multipoint",
	  true },
	{ "My Discriminator 0", false, 0, 0, 0, c_my0, NULL, NOP, 0,
	  "bfd.my-disc", true },
	{ "Your Discriminator 0 in Up", false, 0, 0, 0, c_your0, NULL, NOP, 0,
	  "bfd.your-disc", true },
	{ "Your Discriminator 0 in Init", false, 0, 0, 0, c_init_your0, NULL,
	  NOP, 0, "bfd.your-disc", true },
	{ "Your Discriminator 0 in Down", false, 0, 0, 0, c_down_slow, NULL,
	  NOP, 0, "bfd.your-disc", false },
	{ "Your Discriminator 0 in AdminDown", false, 0, 0, 0, c_admin_your0,
	  NULL, NOP, 0, "bfd.your-disc", false },
	{ "P and F", false, 0, 0, 0, c_pf, NULL, NOP, 0, "bfd.poll-final",
	  true },
	{ "P alone", false, 0, 0, 0, c_p, NULL, NOP, 0, "bfd.poll-final",
	  false },
	{ "Diag 9", false, 0, 0, 0, c_diag9, NULL, NOP, 0, "bfd.diag", true },
	{ "Diag 8", false, 0, 0, 0, c_diag8, NULL, NOP, 0, "bfd.diag", false },
	{ "Auth Type 7",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  &key_md5,
	  { 24, 7 },
	  0,
	  "bfd.auth",
	  true },
	{ "Auth Type 0",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  &key_md5,
	  { 24, 0 },
	  0,
	  "bfd.auth",
	  true },
	{ "MD5 Auth Len 23",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  &key_md5,
	  { 25, 23 },
	  0,
	  "bfd.auth",
	  true },
	{ "SHA1 Auth Len 24",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  &key_sha1,
	  { 25, 24 },
	  0,
	  "bfd.auth",
	  true },
	{ "password Auth Len 3",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  &key_simple,
	  { 25, 3 },
	  0,
	  "bfd.auth",
	  true },
	{ "password Auth Len 6 > Length",
	  false,
	  0,
	  0,
	  0,
	  NULL,
	  &key_simple,
	  { 25, 6 },
	  0,
	  "bfd.auth",
	  true },
	{ "SHA1 good", false, 0, 0, 0, NULL, &key_sha1, NOP, 0, "bfd.auth",
	  false },
	{ "password good", false, 0, 0, 0, NULL, &key_simple, NOP, 0,
	  "bfd.auth", false },
	{ "TTL 254", false, 0, 0, 254, NULL, NULL, NOP, 0, "bfd.ttl", true },
	{ "TTL 254 authenticated", false, 0, 0, 254, NULL, &key_sha1, NOP, 0,
	  "bfd.ttl", true },
	{ "Hop Limit 64", true, 0, 0, 64, NULL, NULL, NOP, 0, "bfd.ttl", true },
	{ "micro-BFD TTL 1", false, 6784, 0, 1, NULL, NULL, NOP, 0, "bfd.ttl",
	  true },
	{ "source port 3784", false, 0, 3784, 0, NULL, NULL, NOP, 0,
	  "bfd.src-port", true },
	{ "source port 49151", false, 0, 49151, 0, NULL, NULL, NOP, 0,
	  "bfd.src-port", true },
	{ "source port 65535", false, 0, 65535, 0, NULL, NULL, NOP, 0,
	  "bfd.src-port", false },
	{ "multihop source port 1024", false, 4784, 1024, 0, NULL, &key_sha1,
	  NOP, 0, "bfd.src-port", true },
	{ "multihop TTL 1", false, 4784, 0, 1, NULL, &key_sha1, NOP, 0,
	  "bfd.src-port", false },
	{ "multihop without auth", false, 4784, 0, 0, NULL, NULL, NOP, 0,
	  "bfd.multihop-auth", true },
	{ "multihop simple password", false, 4784, 0, 0, NULL, &key_simple, NOP,
	  0, "bfd.multihop-auth", true },
	{ "multihop MD5", false, 4784, 0, 0, NULL, &key_md5, NOP, 0,
	  "bfd.multihop-auth", false },
	{ "Down at 10 ms", false, 0, 0, 0, c_down_fast, NULL, NOP, 0,
	  "bfd.down-tx", true },
	{ "Down at 1 s", false, 0, 0, 0, c_down_slow, NULL, NOP, 0,
	  "bfd.down-tx", false },
	{ "Init at 999999 us", false, 0, 0, 0, c_init_almost, NULL, NOP, 0,
	  "bfd.down-tx", true },
	{ "AdminDown at 2 s", false, 0, 0, 0, c_admin_your0, NULL, NOP, 0,
	  "bfd.down-tx", false },
	{ "S-BFD to a reflector, TTL 252", false, 7784, 0, 252, NULL, NULL, NOP,
	  0, "bfd.my-disc", false },
	{ "S-BFD reflector response, Detect Mult 0", false, 47657, 7784, 252,
	  c_mult0, NULL, NOP, 0, "bfd.detect-mult", true },
};

static void run_pcase(const struct pcase *pc)
{
	uint8_t p[BFD_MAX_LEN];
	struct bfd_ctrl c = ckbt_ctrl(BFD_STATE_UP, 1, 2);
	struct ckbt t;
	char failing[512];
	int n;

	ckbt_init(&t, pc->v6);
	if (pc->ctrl)
		pc->ctrl(&c);
	n = bfd_pkt_encode(&c, pc->key, p, sizeof(p));
	assert_true(n > 0);
	if (pc->patch.off >= 0) {
		assert_true(pc->patch.off < n);
		p[pc->patch.off] = (uint8_t)pc->patch.val;
	}
	if (pc->cut)
		n = (int)pc->cut;
	ckbt_feed(&t,
		  ckbt_frame(&t, 0, pc->sport ? pc->sport : t.end[0].sport,
			     pc->dport ? pc->dport : BFD_PORT_SINGLE,
			     (uint8_t)(pc->ttl ? pc->ttl : 255), p, (size_t)n),
		  CKBT_T0);
	ckbt_close(&t);
	ckbt_failing(t.c, failing, sizeof(failing));
	if (ckbt_checked(&t, pc->id) != 1 ||
	    ckbt_failed(&t, pc->id) != (pc->fails ? 1u : 0u))
		fail_msg("%s: %s checked %llu failed %llu (failing: %s)",
			 pc->name, pc->id,
			 (unsigned long long)ckbt_checked(&t, pc->id),
			 (unsigned long long)ckbt_failed(&t, pc->id), failing);
	/* Nothing else fails: each case breaks one thing. */
	for (size_t i = 0; i < ck_nresults(t.c); i++) {
		const struct ck_result *r = ck_result_at(t.c, i);

		if (r->failed && strcmp(r->rule->id, pc->id) != 0)
			fail_msg("%s: %s fails too (%s)", pc->name, r->rule->id,
				 failing);
	}
	if (pc->fails && ckbt_detail(&t, pc->id)[0] == 0)
		fail_msg("%s: no detail", pc->name);
	ckbt_fini(&t);
}

static void test_bfd_packet_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(pcases) / sizeof(pcases[0]); i++)
		run_pcase(&pcases[i]);
}

/* Details carry what was seen and what was expected. */
static void test_bfd_packet_details(void **state)
{
	struct bfd_ctrl c = ckbt_ctrl(BFD_STATE_DOWN, 1, 0);
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	t.end[0].ttl = 64;
	ckbt_send(&t, 0, &c, CKBT_T0);
	assert_string_equal(ckbt_detail(&t, "bfd.ttl"),
			    "TTL 64 on a single-hop packet");
	assert_string_equal(ckbt_detail(&t, "bfd.down-tx"),
			    "Desired Min TX 10.000 ms in state Down (at least "
			    "1 s)");
	ckbt_fini(&t);
}

/* Which checks apply to which kind of packet. */
static void test_bfd_packet_kinds(void **state)
{
	struct bfd_ctrl c = ckbt_ctrl(BFD_STATE_UP, 1, 2);
	uint8_t junk[30] = { 0 };
	struct ckbt t;

	(void)state;
	ckbt_init(&t, false);
	/* Not BFD: another port. */
	t.dport = 3786;
	ckbt_send(&t, 0, &c, CKBT_T0);
	assert_int_equal(ckbt_checked(&t, "bfd.version"), 0);
	/* S-BFD: header rules, no TTL, port or slow-rate rules. */
	t.dport = 7784;
	t.end[0].ttl = 250;
	t.end[0].sport = 1000;
	c.state = BFD_STATE_DOWN;
	ckbt_send(&t, 0, &c, CKBT_T0 + 1);
	assert_int_equal(ckbt_checked(&t, "bfd.version"), 1);
	assert_int_equal(ckbt_checked(&t, "bfd.ttl"), 0);
	assert_int_equal(ckbt_checked(&t, "bfd.src-port"), 0);
	assert_int_equal(ckbt_checked(&t, "bfd.down-tx"), 0);
	/* Echo: opaque, none of the Control rules. */
	ckbt_raw(&t, 0, BFD_PORT_ECHO, junk, sizeof(junk), CKBT_T0 + 2);
	assert_int_equal(ckbt_checked(&t, "bfd.version"), 1);
	/* Multihop: no TTL rule, the port rule. */
	t.dport = BFD_PORT_MULTI;
	t.end[0].sport = 50000;
	ckbt_send(&t, 0, &c, CKBT_T0 + 3);
	assert_int_equal(ckbt_checked(&t, "bfd.ttl"), 0);
	assert_int_equal(ckbt_checked(&t, "bfd.src-port"), 1);
	assert_int_equal(ckbt_checked(&t, "bfd.down-tx"), 1);
	ckbt_fini(&t);
}

/* The rule table: unique well-formed ids, quotes, MUST/SHOULD. */
static void test_bfd_rule_table(void **state)
{
	const struct ck_proto *p = &ck_proto_bfd;

	(void)state;
	assert_string_equal(p->name, "bfd");
	assert_true(p->nrules >= 20);
	for (size_t i = 0; i < p->nrules; i++) {
		const struct ck_rule *r = &p->rules[i];

		assert_non_null(r->id);
		assert_true(strncmp(r->id, "bfd.", 4) == 0);
		assert_int_equal(strspn(r->id, "abcdefghijklmnopqrstuvwxyz0123"
					       "456789.-"),
				 strlen(r->id));
		assert_true(strstr(r->quote, "MUST") ||
			    strstr(r->quote, "SHOULD") ||
			    r->level == CK_SHOULD);
		assert_true(strncmp(r->rfc, "RFC ", 4) == 0);
		assert_true(r->title[0] && r->section[0]);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r->id, p->rules[j].id);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bfd_packet_table),
		cmocka_unit_test(test_bfd_packet_details),
		cmocka_unit_test(test_bfd_packet_kinds),
		cmocka_unit_test(test_bfd_rule_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
