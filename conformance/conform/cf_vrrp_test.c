/*
 * Tests of the "vrrp" conformance suite: every case runs against
 * failsim's VRRP and must pass (the failures are printed), with another
 * seed too; and cases driven with a deliberately wrong expectation or
 * configuration must fail, which proves the checks can fail: an expected
 * takeover 1 ns off, valid advertisements passed off as invalid (they
 * reset the Master_Down_Timer), Preempt_Mode False run through the
 * preemption expectation, a Master_Down_Interval computed for the wrong
 * priority, a router-wide counter that does not exist, and the
 * acceptance expectation of a non-owner run over a Master with
 * Accept_Mode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/conform/cf_vrrp_int.h"

/* Run case k alone; true when it passed. Failures are printed. */
static bool run_case(const struct cf_case *k, uint64_t seed, bool quiet)
{
	struct ck_ctx *c = ck_ctx_new("conform vrrp test");
	const struct ck_result *r;
	bool ok;

	assert_non_null(c);
	cf_run_case(c, k, seed);
	r = ck_result(c, k->rule.id);
	assert_non_null(r);
	ok = r->failed == 0 && r->checked > 0;
	for (size_t i = 0; !quiet && i < r->nkept; i++)
		fprintf(stderr, "%s: %s\n", k->rule.id, r->kept[i].detail);
	ck_ctx_free(c);
	return ok;
}

static void test_cases(void **state)
{
	unsigned bad = 0;

	(void)state;
	for (size_t i = 0; i < cf_suite_vrrp.ncases; i++) {
		const struct cf_case *k = &cf_suite_vrrp.cases[i];

		if (!run_case(k, 1, false)) {
			fprintf(stderr, "%s: FAILED\n", k->rule.id);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Every rule is well formed and the ids are unique. */
static void test_rules(void **state)
{
	(void)state;
	assert_true(cf_suite_vrrp.ncases >= 60);
	for (size_t i = 0; i < cf_suite_vrrp.ncases; i++) {
		const struct ck_rule *r = &cf_suite_vrrp.cases[i].rule;

		assert_non_null(cf_suite_vrrp.cases[i].run);
		assert_true(!strncmp(r->id, "vrrp.", 5));
		assert_true(!strcmp(r->rfc, "RFC 5798") ||
			    !strcmp(r->rfc, "RFC 3768"));
		assert_true((!strncmp(r->id, "vrrp.v2.", 8)) ==
			    !strcmp(r->rfc, "RFC 3768"));
		assert_true(strlen(r->quote) > 20 && strlen(r->title) > 10);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r->id,
						cf_suite_vrrp.cases[j].rule.id);
	}
}

/* ---- the checks can fail ---- */

/* Valid adverts then `tail` (meant to be invalid): expect the takeover
 * Master_Down_Interval (+ off) after the last valid one. */
static void takeover_after(struct cf_ctx *c, const struct vx_tx *tail,
			   uint8_t prio_expected, sim_time_t off)
{
	struct vx x;
	struct vx_cfg g = { 0 };
	struct vx_tx ok = { .prio = 200 };
	sim_time_t last;

	if (!vx_open(&x, c, &vx_v3_4, &g))
		goto out;
	last = vx_send_every(&x, &ok, SIM_MS(500), SIM_S(1), SIM_MS(3500));
	for (int i = 1; i <= 4; i++) {
		vx_run(&x, last + i * SIM_S(1));
		vx_send(&x, tail);
	}
	vx_run(&x, last + SIM_S(8));
	vx_at(&x, "Master", vx_entered(&x, VRRP_STATE_MASTER, 0),
	      last + x.rx_delay + vx_mdi(3, prio_expected, SIM_S(1)) + off);
out:
	vx_close(&x);
}

static void neg_off_by_one(struct cf_ctx *c)
{
	struct vx_tx bad = { .prio = 200, .ttl = 1 };

	takeover_after(c, &bad, 100, 1);
}

static void pos_control(struct cf_ctx *c)
{
	struct vx_tx bad = { .prio = 200, .ttl = 1 };

	takeover_after(c, &bad, 100, 0);
}

static void neg_valid_as_invalid(struct cf_ctx *c)
{
	struct vx_tx valid = { .prio = 200 };

	takeover_after(c, &valid, 100, 0);
}

static void neg_wrong_priority(struct cf_ctx *c)
{
	struct vx_tx bad = { .prio = 200, .ttl = 1 };

	takeover_after(c, &bad, 150, 0);
}

/* The preemption expectation over a DUT with Preempt_Mode False. */
static void neg_preempt_off(struct cf_ctx *c)
{
	struct vx x;
	struct vx_cfg g = { .prio = 200, .preempt = -1 };
	struct vx_tx t = { .prio = 100 };
	sim_time_t want;

	if (!vx_open(&x, c, &vx_v3_6, &g))
		goto out;
	vx_run(&x, SIM_MS(1));
	want = x.start + vx_mdi(3, 200, SIM_S(1));
	vx_send_every(&x, &t, SIM_MS(100), SIM_S(1), want + SIM_S(2));
	vx_at(&x, "Master (preempting)", vx_entered(&x, VRRP_STATE_MASTER, 0),
	      want);
out:
	vx_close(&x);
}

/* A router-wide counter that the display does not have. */
static void neg_no_such_stat(struct cf_ctx *c)
{
	struct vx x;
	struct vx_cfg g = { 0 };

	if (vx_open(&x, c, &vx_v3_4, &g)) {
		vx_run(&x, SIM_MS(10));
		vx_router_stat(&x, "Checksum errorz");
	}
	vx_close(&x);
}

/* The non-owner's acceptance expectation over a Master with
 * Accept_Mode (which accepts the packets). */
static void neg_accept_mode(struct cf_ctx *c)
{
	struct vx_cfg g = { .nvip = 2, .accept = true };

	vx_accept_off(c, &vx_v3_6, &g);
}

#define NEG(name, fn)                                                          \
	{                                                                      \
		{ "vrrp.test." name, CK_MUST, "RFC 5798",                      \
		  "6.4.2",	     "-",     "a check that must fail" },      \
			fn                                                     \
	}

static void test_checks_can_fail(void **state)
{
	static const struct cf_case neg[] = {
		NEG("off-by-one", neg_off_by_one),
		NEG("valid-as-invalid", neg_valid_as_invalid),
		NEG("wrong-priority", neg_wrong_priority),
		NEG("preempt-off", neg_preempt_off),
		NEG("no-such-stat", neg_no_such_stat),
		NEG("accept-mode", neg_accept_mode),
	};
	static const struct cf_case pos = NEG("control", pos_control);

	(void)state;
	assert_true(run_case(&pos, 1, false));
	for (size_t i = 0; i < sizeof(neg) / sizeof(neg[0]); i++)
		if (run_case(&neg[i], 1, true))
			fail_msg("%s passed", neg[i].rule.id);
}

/* Cases do not depend on the seed. */
static void test_other_seed(void **state)
{
	(void)state;
	for (size_t i = 0; i < cf_suite_vrrp.ncases; i += 7) {
		const struct cf_case *k = &cf_suite_vrrp.cases[i];

		assert_true(run_case(k, 12345, false));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_checks_can_fail),
		cmocka_unit_test(test_other_seed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
