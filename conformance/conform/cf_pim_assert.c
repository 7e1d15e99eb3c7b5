/*
 * PIM-SM conformance cases on Assert (RFC 7761 sections 4.6.1 and 4.6.3,
 * the olist of 4.1.6, timers of 4.11). R1 forwards (S,G) of a remote
 * source (reached through U by a static route, preference 60) onto its
 * LAN, where A has joined (S,G); the probes play other forwarders on the
 * LAN by sending Asserts, and the LAN probe counts the datagrams R1
 * forwards. A better Assert makes R1 the loser: it stops forwarding onto
 * the LAN; a worse one makes R1 assert and keep forwarding; metrics
 * compare preference, then metric, then address; the loser state lasts
 * Assert_Time and the winner re-asserts every Assert_Time -
 * Assert_Override_Interval; a datagram arriving on the LAN (an outgoing
 * interface) starts the Assert.
 */
#include <stdio.h>

#include "conformance/conform/cf_pim_int.h"

#define NEVER INT64_MAX
/* The ASIC reprogramming an entry after a state change, bounded: a
 * datagram reaching R1 this long after the change follows the new
 * olist (batch overhead plus entry and port writes, well below). */
#define PROG_BOUND SIM_MS(1)

/* The source's stream from the upstream probe: one datagram every
 * 100 ms until `until`. */
static void stream(struct cfp *x, sim_time_t until)
{
	while (cfp_now(x) < until) {
		cfp_data(x, CFP_PU, CFP_S_FAR);
		cfp_run(x, cfp_now(x) + SIM_MS(100));
	}
}

/* R1 forwarding (S_FAR, G) onto the LAN for A (Join forever), at 9 s. */
static struct cfp *as_world(struct cf_ctx *c)
{
	static const char *const lan[] = { CFP_A, CFP_B, CFP_H, NULL };
	struct cfp *x = cfp_new_nbrs(c, NULL, lan, NULL);

	if (!x)
		return NULL;
	cfp_jp(x, CFP_R_LAN, CFP_S_FAR, true, CFP_FOREVER);
	cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(8));
	stream(x, SIM_S(9));
	if (!cf_check(c, cfp_data_count(x, CFP_PL, SIM_S(8), NEVER) > 0,
		      "setup: R1 does not forward (S,G) onto the LAN")) {
		cfp_free(x);
		return NULL;
	}
	return x;
}

/* An Assert from `who` on the LAN: when R1 got it. */
static sim_time_t assert_from(struct cfp *x, const char *who, uint32_t pref,
			      uint32_t metric)
{
	cfp_assert(x, CFP_S_FAR, pref, metric);
	return cfp_send(x, CFP_PL, who, CFP_ALL);
}

/* Datagrams R1 forwards onto the LAN from `from` for 2 s. */
static size_t forwarded(struct cfp *x, sim_time_t from)
{
	stream(x, from + SIM_S(2));
	return cfp_data_count(x, CFP_PL, from, NEVER);
}

/* R1's nth Assert on the LAN since from: sent time, -1 none. */
static sim_time_t r1_assert(struct cfp *x, sim_time_t from, size_t nth)
{
	sim_time_t t = cfp_rx(x, CFP_PL, PIM_T_ASSERT, from, NEVER, nth, NULL);

	return t < 0 ? -1 : t - cfp_wire(x, CFP_PL, cfp_rx_len(x));
}

/* RFC 7761 4.1.6: "immediate_olist(S,G) = joins(S,G) (+)
 * pim_include(S,G) (-) lost_assert(S,G)". B's Assert (preference 10
 * against R1's 60) wins: R1 stops forwarding onto the LAN. */
void cfp_assert_loser(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = as_world(c);
	sim_time_t a, ev;
	size_t n;

	(void)e;
	if (!x)
		return;
	a = assert_from(x, CFP_B, 10, 0);
	n = forwarded(x, a + PROG_BOUND);
	ev = cfp_ev(x, "assert-loser", "iface", CFP_LAN, 0);
	cf_check(c, ev == a,
		 "R1 became Assert loser at %s, expected when B's better "
		 "Assert arrived (%s)",
		 CF_TS(ev), CF_TS(a));
	cf_check(c, n == 0,
		 "the Assert loser forwarded %zu datagrams onto the LAN "
		 "from %s on",
		 n, CF_TS(a + PROG_BOUND));
	cf_check(c, r1_assert(x, a, 0) < 0, "the loser sent an Assert at %s",
		 CF_TS(r1_assert(x, a, 0)));
	cfp_free(x);
}

/* RFC 7761 4.6.1, action A1. B's Assert (preference 200) loses: R1
 * asserts at once with its own metric and keeps forwarding. */
void cfp_assert_winner(struct cf_ctx *c, const struct cfp_exp *e)
{
	const struct pim_assert *m;
	struct cfp *x = as_world(c);
	sim_time_t a, s;
	size_t n;

	(void)e;
	if (!x)
		return;
	a = assert_from(x, CFP_B, 200, 0);
	n = forwarded(x, a + PROG_BOUND);
	s = r1_assert(x, a, 0);
	m = &x->m->assert;
	if (cf_check(c, s == a,
		     "R1's Assert sent at %s, expected at once when B's "
		     "inferior Assert arrived (%s)",
		     CF_TS(s), CF_TS(a)))
		cf_check(c, m->metric_pref == CFP_STATIC_PREF && !m->rpt_bit,
			 "R1's Assert: preference %u, RPT bit %d; expected "
			 "its route's preference %d and RPT bit 0",
			 m->metric_pref, m->rpt_bit, CFP_STATIC_PREF);
	cf_check(c, cfp_ev(x, "assert-winner", "iface", CFP_LAN, 0) == a,
		 "no Assert winner state at %s", CF_TS(a));
	cf_check(c, n > 0, "the Assert winner stopped forwarding");
	cfp_free(x);
}

/* RFC 7761 4.6.3: preference, then metric, then address. H (higher
 * address) with R1's preference but a worse metric loses; A (lower
 * address, worse metric) with a better preference wins. */
void cfp_assert_metric(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = as_world(c);
	sim_time_t a;

	(void)e;
	if (!x)
		return;
	a = assert_from(x, CFP_H, CFP_STATIC_PREF, 1000);
	cfp_run(x, a + SIM_MS(10));
	cf_check(c, cfp_ev(x, "assert-winner", "iface", CFP_LAN, 0) == a,
		 "R1 did not win at %s against H's metric 1000 at equal "
		 "preference (H's address is higher)",
		 CF_TS(a));
	cf_check(c, r1_assert(x, a, 0) == a, "R1 did not assert at %s",
		 CF_TS(a));
	a = assert_from(x, CFP_A, CFP_STATIC_PREF - 1, 1000);
	cfp_run(x, a + SIM_MS(10));
	cf_check(c, cfp_ev(x, "assert-loser", "iface", CFP_LAN, 0) == a,
		 "R1 did not lose at %s to A's better preference %d (worse "
		 "metric, lower address)",
		 CF_TS(a), CFP_STATIC_PREF - 1);
	cfp_free(x);
}

/* RFC 7761 4.6.3, the tie-breaker: R1's own metric (learnt from its
 * Assert against A's inferior one) sent back by B (.3) loses to R1
 * (.100), by H (.200) wins. */
void cfp_assert_tie(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = as_world(c);
	uint32_t pref, metric;
	sim_time_t a;

	(void)e;
	if (!x)
		return;
	a = assert_from(x, CFP_A, 200, 0);
	cfp_run(x, a + SIM_MS(10));
	if (!cf_check(c, r1_assert(x, a, 0) >= 0,
		      "setup: R1 sent no Assert against A's inferior one"))
		goto out;
	pref = x->m->assert.metric_pref;
	metric = x->m->assert.metric;
	a = assert_from(x, CFP_B, pref, metric);
	cfp_run(x, a + SIM_MS(10));
	cf_check(c,
		 cfp_ev_count(x, "assert-loser", NULL, NULL) == 0 &&
			 r1_assert(x, a, 0) == a,
		 "equal metrics (%u, %u) from B (" CFP_B "): R1 (" CFP_R_LAN
		 ") must stay winner and assert again at %s",
		 pref, metric, CF_TS(a));
	a = assert_from(x, CFP_H, pref, metric);
	cfp_run(x, a + SIM_MS(10));
	cf_check(c, cfp_ev(x, "assert-loser", "iface", CFP_LAN, 0) == a,
		 "equal metrics (%u, %u) from H (" CFP_H "): R1 must lose at "
		 "%s, lost at %s",
		 pref, metric, CF_TS(a),
		 CF_TS(cfp_ev(x, "assert-loser", "iface", CFP_LAN, 0)));
out:
	cfp_free(x);
}

/*
 * RFC 7761 4.6.1, timers: the winner's Assert Timer runs Assert_Time -
 * Assert_Override_Interval and R1 re-asserts when it expires; a loser's
 * runs Assert_Time from the winning Assert, then R1 forwards again.
 */
void cfp_assert_timer(struct cf_ctx *c, const struct cfp_exp *e)
{
	sim_time_t refresh = e->assert_time - e->assert_override;
	struct cfp *x = as_world(c);
	sim_time_t a, s1, s2, b, back;

	if (!x)
		return;
	a = assert_from(x, CFP_A, 200, 0);
	cfp_run(x, a + refresh + SIM_S(1));
	s1 = r1_assert(x, a, 0);
	s2 = r1_assert(x, a, 1);
	cf_check(c, s1 == a && s2 == s1 + refresh,
		 "winner's Asserts at %s and %s, expected %s and %s "
		 "(Assert_Time - Assert_Override_Interval later)",
		 CF_TS(s1), CF_TS(s2), CF_TS(a), CF_TS(a + refresh));
	b = assert_from(x, CFP_B, 10, 0);
	cfp_run(x, b + SIM_S(1));
	cf_check(c, cfp_ev(x, "assert-loser", "iface", CFP_LAN, 0) == b,
		 "R1 did not lose to B's better Assert at %s", CF_TS(b));
	cfp_run(x, b + e->assert_time - SIM_S(1));
	back = cfp_ev(x, "assert-noinfo", "iface", CFP_LAN, 0);
	cfp_run(x, b + e->assert_time + SIM_S(1));
	if (back < 0)
		back = cfp_ev(x, "assert-noinfo", "iface", CFP_LAN, 0);
	cf_check(c, back == b + e->assert_time,
		 "loser state ended at %s, expected %s (Assert_Time after "
		 "the winner's Assert at %s)",
		 CF_TS(back), CF_TS(b + e->assert_time), CF_TS(b));
	cf_check(c, back < 0 || forwarded(x, back + PROG_BOUND) > 0,
		 "R1 does not forward again once the loser state ended");
	cfp_free(x);
}

/* RFC 7761 4.6.1, NoInfo state, an (S,G) data packet arrives on a
 * downstream interface in the olist: R1 asserts at once. */
void cfp_assert_data(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = as_world(c);
	sim_time_t a, s;

	(void)e;
	if (!x)
		return;
	a = cfp_data(x, CFP_PL, CFP_S_FAR);
	cfp_run(x, a + SIM_MS(10));
	s = r1_assert(x, a - SIM_MS(1), 0);
	cf_check(c, s == a,
		 "R1's Assert for a datagram of (S,G) arriving on the LAN "
		 "(an outgoing interface) at %s: sent at %s, expected at once",
		 CF_TS(a), CF_TS(s));
	cf_check(c, cfp_ev(x, "assert-winner", "iface", CFP_LAN, 0) == a,
		 "no Assert winner state at %s", CF_TS(a));
	cfp_free(x);
}
