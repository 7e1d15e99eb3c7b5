/*
 * Assert tests (RFC 7761 4.6) on pt_t3: R0 and R1 both attach to the
 * source LAN10 (S 10.0.10.100) and to LAN11, where each has receivers
 * (`pim ignore dr-state`, so both forward) and R2 may sit downstream:
 *
 *   S --LAN10-- R0, R1 --LAN11-- (R2 --LAN12)
 *
 * Covered: the winner by metric preference, then metric, then address
 * (a table), the loser dropping the interface, re-assertion every
 * Assert_Time - Assert_Override_Interval, the loser's Assert_Time
 * expiry, AssertCancel, `pim ignore assert-state`, (*,G) asserts, and a
 * downstream router joining through the assert winner (RPF').
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/pim/pim_test_util.h"

#define GS "232.1.1.1"
#define S1 "10.0.10.100"

struct pt_t3_cfg {
	uint32_t p1, m1, p2, m2; /* R0's, R1's route to S: pref, metric */
	bool r3;		 /* the downstream router R2 */
	bool ignore_assert2;	 /* on R1's LAN11 */
};

static struct pt *pt_t3(const struct pt_t3_cfg *c)
{
	struct pt *w = pt_new(NET_AF_IP4, c->r3 ? 3 : 2);

	pt_rp(w, "10.0.99.1");
	pt_if(w, 0, 10, "10.0.10.1");
	pt_if(w, 0, 11, "10.0.11.1");
	pt_if(w, 1, 10, "10.0.10.2");
	pt_if(w, 1, 11, "10.0.11.2");
	pt_route(w, 0, "10.0.10.0/24", 0, NULL, c->p1, c->m1);
	pt_route(w, 0, "10.0.11.0/24", 1, NULL, 0, 0);
	pt_route(w, 0, "10.0.0.0/8", 0, "10.0.10.5", c->p1, c->m1);
	pt_route(w, 1, "10.0.10.0/24", 0, NULL, c->p2, c->m2);
	pt_route(w, 1, "10.0.11.0/24", 1, NULL, 0, 0);
	pt_route(w, 1, "10.0.0.0/8", 0, "10.0.10.5", c->p2, c->m2);
	w->icfg.ignore_dr = true;
	pt_start_all(w, 0);
	pt_start(w, 1);
	pt_pim_if(w, 1, 0);
	w->icfg.ignore_assert = c->ignore_assert2;
	pt_pim_if(w, 1, 1);
	w->icfg.ignore_assert = false;
	w->icfg.ignore_dr = false;
	if (c->r3) {
		pt_if(w, 2, 11, "10.0.11.3");
		pt_if(w, 2, 12, "10.0.12.3");
		pt_route(w, 2, "10.0.10.0/24", 0, "10.0.11.1", 1, 1);
		pt_route(w, 2, "10.0.11.0/24", 0, NULL, 0, 0);
		pt_start_all(w, 2);
	}
	pt_run(w, SIM_S(10));
	return w;
}

static const char *pt_as(struct pt *w, int r, const char *src, const char *grp,
			 int ifindex)
{
	static struct pim_entry_info in;

	if (!pt_entry(&w->r[r], src, grp, &in))
		return "none";
	for (size_t i = 0; i < in.noifs; i++)
		if (in.oifs[i].ifindex == ifindex)
			return in.oifs[i].assert_state;
	return "NoInfo";
}

/* Both forward S onto LAN11; R0 sees R1's copies first. */
static void pt_both_forward(struct pt *w)
{
	struct net_addr s = node_tw_addr(S1), g = node_tw_addr(GS);

	pt_member(w, 0, 1, GS, S1, true, true);
	pt_member(w, 1, 1, GS, S1, true, true);
	pt_copy(w, 0, 0, S1, GS);
	pt_copy(w, 1, 0, S1, GS);
	assert_true(pt_mr(&w->r[0], S1, GS)->n == 1);
	assert_true(pt_mr(&w->r[1], S1, GS)->n == 1);
	pim_data_wrong_iif(w->r[0].p, 1, &s, &g);
	pt_run_for(w, SIM_MS(1));
}

void pt_test_assert_winner(void **state)
{
	static const struct {
		const char *name;
		struct pt_t3_cfg c;
		int winner;
	} cases[] = {
		{ "preference", { 10, 50, 20, 1 }, 0 },
		{ "metric", { 10, 5, 10, 3 }, 1 },
		{ "address", { 10, 5, 10, 5 }, 1 },
		{ "preference-r2", { 30, 1, 20, 99 }, 1 },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct pt *w = pt_t3(&cases[k].c);
		int win = cases[k].winner, lose = 1 - win;
		const struct pim_msg *m;
		char mk[16];

		print_message("case %s\n", cases[k].name);
		pt_both_forward(w);
		assert_string_equal(pt_as(w, win, S1, GS, 1), "Winner");
		assert_string_equal(pt_as(w, lose, S1, GS, 1), "Loser");
		/* the loser stops forwarding onto LAN11 */
		assert_int_equal(pt_mr(&w->r[lose], S1, GS)->n, 0);
		assert_int_equal(pt_mr(&w->r[win], S1, GS)->n, 1);
		m = pt_dec(w, pt_last(&w->r[win], PIM_T_ASSERT, 1));
		assert_false(m->assert.rpt_bit);
		assert_int_equal(m->assert.metric_pref,
				 win ? cases[k].c.p2 : cases[k].c.p1);
		assert_int_equal(m->assert.metric,
				 win ? cases[k].c.m2 : cases[k].c.m1);
		assert_true(pt_log(w, lose, "assert-loser") >= 1);
		assert_true(pt_log(w, win, "assert-winner") >= 1);
		/* an assert outcome is a join step of the outage anatomy */
		assert_true(
			node_tw_field(pt_log_nth(w, win, "assert-winner", 0),
				      "mark", mk, sizeof(mk)));
		assert_string_equal(mk, "join");
		pt_free(w);
	}
}

void pt_test_assert_timers(void **state)
{
	static const struct pt_t3_cfg c = { 10, 50, 20, 1 };
	struct pt *w = pt_t3(&c);
	sim_time_t ta, tx;

	(void)state;
	pt_both_forward(w);
	ta = pt_tx(&w->r[0], PIM_T_ASSERT, 1, 0)->t;
	/* the winner re-asserts at Assert_Time - Assert_Override_Interval */
	pt_run(w, ta + SIM_S(177) - 1);
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_ASSERT, 1), 1);
	pt_run(w, ta + SIM_S(177));
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_ASSERT, 1), 2);
	pt_run(w, ta + SIM_S(200));
	assert_string_equal(pt_as(w, 1, S1, GS, 1), "Loser");
	/* a better assert from a stranger who never repeats it: the loser
	 * forgets it exactly Assert_Time later */
	tx = pt_now(w);
	pt_assert(w, 1, 1, "10.0.11.9", GS, S1, false, 1, 1);
	assert_string_equal(pt_as(w, 1, S1, GS, 1), "Loser");
	pt_run(w, tx + SIM_S(180) - 1);
	assert_string_equal(pt_as(w, 1, S1, GS, 1), "Loser");
	pt_run(w, tx + SIM_S(180));
	assert_string_equal(pt_as(w, 1, S1, GS, 1), "NoInfo");
	assert_int_equal(pt_mr(&w->r[1], S1, GS)->n, 1);
	/* the stranger beats R0 too, then cancels: R0 is back to NoInfo */
	pt_assert(w, 0, 1, "10.0.11.9", GS, S1, false, 1, 1);
	assert_string_equal(pt_as(w, 0, S1, GS, 1), "Loser");
	assert_int_equal(pt_mr(&w->r[0], S1, GS)->n, 0);
	pt_assert(w, 0, 1, "10.0.11.9", GS, S1, true, 0x7fffffff, 0xffffffff);
	assert_string_equal(pt_as(w, 0, S1, GS, 1), "NoInfo");
	assert_int_equal(pt_mr(&w->r[0], S1, GS)->n, 1);
	pt_free(w);
}

void pt_test_assert_ignore(void **state)
{
	static const struct pt_t3_cfg c = { 10, 50, 20, 1, false, true };
	struct pt *w = pt_t3(&c);
	struct net_addr s = node_tw_addr(S1), g = node_tw_addr(GS);
	struct pim_if_info in;

	(void)state;
	pt_both_forward(w);
	pim_data_wrong_iif(w->r[1].p, 1, &s, &g);
	pt_run_for(w, SIM_MS(1));
	/* R0 won against nobody; R1 neither asserts nor loses */
	assert_string_equal(pt_as(w, 0, S1, GS, 1), "Winner");
	assert_string_equal(pt_as(w, 1, S1, GS, 1), "NoInfo");
	assert_int_equal(pt_mr(&w->r[1], S1, GS)->n, 1);
	assert_true(pim_if_info(w->r[1].p, 1, &in));
	assert_int_equal(in.assert_tx, 0);
	assert_int_equal(in.assert_rx, 1);
	pt_free(w);
}

void pt_test_assert_star(void **state)
{
	static const struct pt_t3_cfg c = { 10, 5, 10, 3 };
	struct pt *w = pt_t3(&c);
	struct net_addr s = node_tw_addr("10.0.50.1");
	struct net_addr g = node_tw_addr("239.2.2.2");
	const struct pim_msg *m;

	(void)state;
	pt_member(w, 0, 1, "239.2.2.2", NULL, true, true);
	pt_member(w, 1, 1, "239.2.2.2", NULL, true, true);
	assert_non_null(pt_mr(&w->r[0], NULL, "239.2.2.2"));
	assert_non_null(pt_mr(&w->r[1], NULL, "239.2.2.2"));
	pim_data_wrong_iif(w->r[0].p, 1, &s, &g);
	pt_run_for(w, SIM_MS(1));
	/* Assert(*,G): RPT bit, the data's source, the RP's metric */
	m = pt_dec(w, pt_tx(&w->r[0], PIM_T_ASSERT, 1, 0));
	assert_true(m->assert.rpt_bit);
	assert_true(net_addr_eq(&m->assert.source, &s));
	assert_int_equal(m->assert.metric, 5);
	/* R1's route to the RP is better: R0 loses and stops */
	assert_string_equal(pt_as(w, 1, NULL, "239.2.2.2", 1), "Winner");
	assert_string_equal(pt_as(w, 0, NULL, "239.2.2.2", 1), "Loser");
	assert_null(pt_mr(&w->r[0], NULL, "239.2.2.2"));
	assert_non_null(pt_mr(&w->r[1], NULL, "239.2.2.2"));
	pt_free(w);
}

void pt_test_assert_rpf(void **state)
{
	static const struct pt_t3_cfg c = { 10, 5, 10, 3, true };
	struct pt *w = pt_t3(&c);
	struct net_addr s = node_tw_addr(S1), g = node_tw_addr(GS);
	struct pim_entry_info in;
	struct net_addr r2 = node_tw_addr("10.0.11.2");
	sim_time_t t0, tj;

	(void)state;
	/* R2 joins S through R0 (its MRIB next hop); R1 has receivers */
	pt_member(w, 2, 1, GS, S1, true, true);
	pt_member(w, 1, 1, GS, S1, true, true);
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(pt_mr(&w->r[0], S1, GS)->n, 1);
	pt_copy(w, 0, 0, S1, GS);
	pt_copy(w, 1, 0, S1, GS);
	t0 = pt_now(w);
	pim_data_wrong_iif(w->r[0].p, 1, &s, &g);
	pt_run_for(w, SIM_MS(1));
	/* R1 wins by metric; R2 now sends its joins to R1 */
	assert_string_equal(pt_as(w, 1, S1, GS, 1), "Winner");
	assert_string_equal(pt_as(w, 0, S1, GS, 1), "Loser");
	assert_string_equal(pt_as(w, 2, S1, GS, 0), "Loser");
	assert_true(pt_entry(&w->r[2], S1, GS, &in));
	assert_true(net_addr_eq(&in.rpf_nbr, &r2));
	pt_run(w, t0 + SIM_S(3));
	tj = pt_jp_time(w, &w->r[2], 0, GS, S1, false, false, true, t0);
	assert_true(tj > t0 && tj <= t0 + SIM_MS(2501));
	assert_true(net_addr_eq(
		&pt_dec(w, pt_last(&w->r[2], PIM_T_JOIN_PRUNE, 0))->jp.upstream,
		&r2));
	pt_free(w);
}
