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
#include <string.h>

#include <cmocka.h>

#include "conformance/conform/cf_vrrp_int.h"
#include "conformance/conform/cf_testutil.h"

static void test_cases(void **state)
{
	(void)state;
	cft_suite_passes(&cf_suite_vrrp, 1);
}

/* Every rule is well formed and the ids are unique; "vrrp.v2." ids are
 * exactly the RFC 3768 ones. */
static void test_rules(void **state)
{
	static const struct cft_table t = {
		.name = "vrrp",
		.min_cases = 60,
		.min_quote = 20,
		.min_title = 10,
		.rfc = { "RFC 5798", "RFC 3768" },
	};

	(void)state;
	cft_check_table(&cf_suite_vrrp, &t);
	for (size_t i = 0; i < cf_suite_vrrp.ncases; i++) {
		const struct ck_rule *r = &cf_suite_vrrp.cases[i].rule;

		assert_true((!strncmp(r->id, "vrrp.v2.", 8)) ==
			    !strcmp(r->rfc, "RFC 3768"));
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

#define NEG(name, fn) CFT_NEG("vrrp.test." name, fn, "a check that must fail")

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
	assert_true(cft_passes(&pos, 1));
	cft_cases_fail(neg, sizeof(neg) / sizeof(neg[0]));
}

/* Cases do not depend on the seed. */
static void test_other_seed(void **state)
{
	(void)state;
	for (size_t i = 0; i < cf_suite_vrrp.ncases; i += 7) {
		const struct cf_case *k = &cf_suite_vrrp.cases[i];

		assert_true(cft_passes(k, 12345));
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
