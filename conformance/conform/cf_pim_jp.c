/*
 * PIM-SM conformance cases on Join/Prune (RFC 7761 sections 4.5.1 and
 * 4.5.4, timers of 4.11): a Join(*,G) from a downstream router on the
 * LAN creates downstream state and R1 joins towards the RP at once, then
 * every t_periodic; the downstream state expires at the Join's Holdtime;
 * a Prune on a LAN with two downstream routers waits
 * J/P_Override_Interval, and a Join from the other router cancels it;
 * on the upstream link another router's Join to the same neighbor
 * suppresses R1's next Join into [1.1, 1.4] x t_periodic, and its Prune,
 * like a GenID change of the upstream neighbor, brings R1's Join within
 * t_override; a Join addressed to another router creates nothing here.
 * Section numbers are RFC 7761's (RFC 4601 numbered these 4.5.2 and
 * 4.5.7).
 */
#include <stdio.h>
#include <string.h>

#include "conformance/conform/cf_pim_int.h"

#define NEVER INT64_MAX
#define HOLD  SIM_S(210) /* J/P Holdtime the probes send, 3.5 x 60 s */

/*
 * R1 with U as a (never expiring) neighbor upstream and A (and, with
 * two, B) on the LAN, C on the upstream link when with_c. Hellos at
 * 1 s; run to 7 s so that R1's own startup and triggered Hellos are out
 * before any Join/Prune.
 */
static struct cfp *jp_world(struct cf_ctx *c, bool with_b, bool with_c)
{
	const char *const lan[] = { CFP_A, with_b ? CFP_B : NULL, NULL };
	const char *const up[] = { with_c ? CFP_C : NULL, NULL };

	return cfp_new_nbrs(c, NULL, lan, up);
}

/* A joins (*,G) through R1: when R1's control plane got it. */
static sim_time_t join_star(struct cfp *x, const char *who, sim_time_t hold)
{
	cfp_jp(x, CFP_R_LAN, NULL, true, hold);
	return cfp_send(x, CFP_PL, who, CFP_ALL);
}

/* The nth J/P of R1 on the upstream link since from that carries
 * (*,G) as join or prune, its arrival at the probe (-1 none). */
static sim_time_t up_jp(struct cfp *x, sim_time_t from, bool join, size_t nth)
{
	sim_time_t t;

	for (size_t n = 0; (t = cfp_rx(x, CFP_PU, PIM_T_JOIN_PRUNE, from, NEVER,
				       n, NULL)) >= 0;
	     n++)
		if (cfp_jp_has(x, NULL, join) && nth-- == 0)
			return t;
	return -1;
}

static sim_time_t sent_at(const struct cfp *x, sim_time_t arrival)
{
	return arrival - cfp_wire(x, CFP_PU, cfp_rx_len(x));
}

/* RFC 7761 4.5.4, JoinDesired(*,G) -> True: "Send Join(*,G) to the
 * appropriate upstream neighbor, which is RPF'(*,G). Set the Join Timer
 * (JT) to expire after t_periodic seconds." */
void cfp_jp_join(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, false, false);
	struct pim_entry_info in;
	const char *oif;
	sim_time_t a, t, up;

	(void)e;
	if (!x)
		return;
	a = join_star(x, CFP_A, HOLD);
	cfp_run(x, SIM_S(8));
	if (!cf_check(c, cfp_entry(x, NULL, CFP_LAN, &in, &oif),
		      "no (*,G) state after A's Join(*,G) at %s", CF_TS(a)))
		goto out;
	cf_check(c, !strcmp(oif, "Join"),
		 "the LAN's (*,G) downstream state is \"%s\", expected Join",
		 oif);
	up = cfp_ev(x, "upstream", "new", "Joined", 0);
	cf_check(c, up == a,
		 "upstream (*,G) Joined at %s, expected when the Join "
		 "arrived (%s)",
		 CF_TS(up), CF_TS(a));
	t = up_jp(x, a, true, 0);
	if (!cf_check(c, t >= 0, "no Join(*,G) upstream after %s", CF_TS(a)))
		goto out;
	cf_check(c, sent_at(x, t) == a,
		 "Join(*,G) sent upstream at %s, expected at once (%s)",
		 CF_TS(sent_at(x, t)), CF_TS(a));
	{
		struct net_addr u;

		net_addr_parse(CFP_U, &u);
		cf_check(c, net_addr_eq(&x->m->jp.upstream, &u),
			 "the Join(*,G) does not name RPF'(*,G) " CFP_U
			 " as its upstream neighbor");
	}
out:
	cfp_free(x);
}

/* RFC 7761 4.5.4, Joined state, Timer Expires: "Send Join(*,G) to the
 * appropriate upstream neighbor, which is RPF'(*,G). Restart the Join
 * Timer (JT) to expire after t_periodic seconds." */
void cfp_jp_periodic(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, false, false);
	sim_time_t a, prev = -1, t;
	bool ok = true;
	size_t n = 0;

	if (!x)
		return;
	a = join_star(x, CFP_A, HOLD);
	cfp_run(x, SIM_S(200));
	while ((t = up_jp(x, a, true, n)) >= 0) {
		/* the first wrong gap is reported */
		if (prev >= 0 && ok)
			ok = cf_check(c, t - prev == e->t_periodic,
				      "Join(*,G) %zu at %s, %s after the "
				      "previous one; expected t_periodic %s",
				      n + 1, CF_TS(t), CF_TS(t - prev),
				      CF_TS(e->t_periodic));
		prev = t;
		n++;
	}
	cf_check(c, n >= 4, "%zu Join(*,G) upstream in 193 s, expected 4", n);
	cfp_free(x);
}

/* RFC 7761 4.5.1: "The Expiry Timer (ET) is started and set to the
 * HoldTime from the triggering Join/Prune message." When it expires the
 * state goes to NoInfo, and R1, with no other interest, prunes. */
void cfp_jp_expiry(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, false, false);
	struct pim_entry_info in;
	const char *oif;
	sim_time_t a, down, t;

	(void)e;
	if (!x)
		return;
	a = join_star(x, CFP_A, SIM_S(20));
	cfp_run(x, SIM_S(8));
	cfp_entry(x, NULL, CFP_LAN, &in, &oif);
	cf_check(c, !strcmp(oif, "Join"), "no Join state on the LAN");
	cfp_run(x, SIM_S(40));
	down = cfp_ev(x, "upstream", "new", "NotJoined", 0);
	cf_check(c, down == a + SIM_S(20),
		 "downstream (*,G) expired (upstream NotJoined) at %s, "
		 "expected %s: the Join's Holdtime 20 s after it arrived",
		 CF_TS(down), CF_TS(a + SIM_S(20)));
	cfp_entry(x, NULL, CFP_LAN, &in, &oif);
	cf_check(c, !*oif, "the LAN is still \"%s\" after expiry", oif);
	t = up_jp(x, a, false, 0);
	cf_check(c, t >= 0 && sent_at(x, t) == a + SIM_S(20),
		 "Prune(*,G) upstream sent at %s, expected %s",
		 CF_TS(t >= 0 ? sent_at(x, t) : -1), CF_TS(a + SIM_S(20)));
	cfp_free(x);
}

/* RFC 7761 4.5.1, Join state, Receive Prune(*,G): "The Prune-Pending
 * Timer is started. It is set to the J/P_Override_Interval(I) if the
 * router has more than one neighbor on that interface; otherwise, it is
 * set to zero, causing it to expire immediately." A and B are on the
 * LAN, with the default LAN Prune Delay values. */
void cfp_jp_prune_pending(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, true, false);
	struct pim_entry_info in;
	const char *oif;
	sim_time_t a, down;

	if (!x)
		return;
	join_star(x, CFP_A, HOLD);
	cfp_run(x, SIM_S(10));
	cfp_jp(x, CFP_R_LAN, NULL, false, HOLD);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(11));
	cfp_entry(x, NULL, CFP_LAN, &in, &oif);
	cf_check(c, !strcmp(oif, "Prune-Pending"),
		 "the LAN's (*,G) state is \"%s\" 1 s after the Prune, "
		 "expected Prune-Pending",
		 oif);
	cfp_run(x, SIM_S(20));
	down = cfp_ev(x, "upstream", "new", "NotJoined", 0);
	cf_check(c, down == a + e->jp_override,
		 "the Prune took effect at %s, expected %s "
		 "(J/P_Override_Interval %s after it arrived at %s)",
		 CF_TS(down), CF_TS(a + e->jp_override), CF_TS(e->jp_override),
		 CF_TS(a));
	cfp_free(x);
}

/* RFC 7761 4.5.1, Prune-Pending state, Receive Join(*,G): "The
 * Prune-Pending Timer is canceled (without triggering an expiry
 * event)." B overrides A's Prune 1 s later. */
void cfp_jp_prune_override(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, true, false);
	struct pim_entry_info in;
	const char *oif;
	sim_time_t a;

	if (!x)
		return;
	join_star(x, CFP_A, HOLD);
	cfp_run(x, SIM_S(10));
	cfp_jp(x, CFP_R_LAN, NULL, false, HOLD);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(11));
	cfp_entry(x, NULL, CFP_LAN, &in, &oif);
	cf_check(c, !strcmp(oif, "Prune-Pending"),
		 "setup: the LAN's (*,G) state is \"%s\" after A's Prune, "
		 "expected Prune-Pending",
		 oif);
	join_star(x, CFP_B, HOLD);
	cfp_run(x, a + e->jp_override + SIM_S(2));
	cfp_entry(x, NULL, CFP_LAN, &in, &oif);
	cf_check(c, !strcmp(oif, "Join"),
		 "the LAN's (*,G) state is \"%s\" after B's overriding "
		 "Join, expected Join",
		 oif);
	cf_check(c, cfp_ev_count(x, "upstream", "new", "NotJoined") == 0,
		 "R1 stopped joining upstream at %s although B overrode "
		 "the Prune",
		 CF_TS(cfp_ev(x, "upstream", "new", "NotJoined", 0)));
	cf_check(c, up_jp(x, a, false, 0) < 0,
		 "R1 sent a Prune(*,G) upstream at %s",
		 CF_TS(up_jp(x, a, false, 0)));
	cfp_free(x);
}

/* RFC 7761 4.5.4, Joined state, See Join(*,G) to RPF'(*,G): "If the
 * Join Timer is set to expire in less than t_joinsuppress seconds, reset
 * it so that it expires after t_joinsuppress seconds." With
 * t_suppressed = rand(1.1 * t_periodic, 1.4 * t_periodic) (4.11) below
 * the Join's Holdtime, the next Join goes in that window after C's. */
void cfp_jp_suppression(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, false, true);
	sim_time_t a, t1, seen, t2, s2, lo, hi;

	if (!x)
		return;
	a = join_star(x, CFP_A, HOLD);
	cfp_run(x, a + SIM_S(10));
	t1 = up_jp(x, a, true, 0);
	cfp_jp(x, CFP_U, NULL, true, HOLD);
	seen = cfp_send(x, CFP_PU, CFP_C, CFP_ALL);
	cfp_run(x, a + SIM_S(120));
	t2 = up_jp(x, a, true, 1);
	if (!cf_check(c, t1 >= 0 && t2 >= 0,
		      "R1's Joins upstream: first at %s, next at %s", CF_TS(t1),
		      CF_TS(t2)))
		goto out;
	s2 = sent_at(x, t2);
	lo = seen + e->t_periodic * 11 / 10;
	hi = seen + e->t_periodic * 14 / 10;
	cf_check(c, s2 >= lo && s2 <= hi,
		 "after C's Join at %s R1 joined again at %s, expected in "
		 "[%s, %s] (t_joinsuppress)",
		 CF_TS(seen), CF_TS(s2), CF_TS(lo), CF_TS(hi));
out:
	cfp_free(x);
}

/* R1's Join(*,G) upstream after event at `at` is sent within
 * t_override (rand(0, Effective_Override_Interval)). */
static void join_within(struct cfp *x, sim_time_t at, sim_time_t max,
			const char *why)
{
	sim_time_t t = up_jp(x, at, true, 0);
	sim_time_t s = t >= 0 ? sent_at(x, t) : -1;

	cf_check(x->c, t >= 0 && s >= at && s <= at + max,
		 "after %s at %s R1 joined at %s, expected within %s "
		 "(t_override)",
		 why, CF_TS(at), CF_TS(s), CF_TS(max));
}

/* RFC 7761 4.5.4, Joined state, See Prune(*,G) to RPF'(*,G): "If the
 * Join Timer is set to expire in more than t_override seconds, reset it
 * so that it expires after t_override seconds." C prunes 20 s after
 * R1's Join, 40 s before its next periodic one. */
void cfp_jp_override(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, false, true);
	sim_time_t a, p;

	if (!x)
		return;
	a = join_star(x, CFP_A, HOLD);
	cfp_run(x, a + SIM_S(20));
	cfp_jp(x, CFP_U, NULL, false, HOLD);
	p = cfp_send(x, CFP_PU, CFP_C, CFP_ALL);
	cfp_run(x, a + SIM_S(30));
	join_within(x, p, e->t_override_max, "C's Prune(*,G) to U");
	cfp_free(x);
}

/* RFC 7761 4.5.4, Joined state, GenID of RPF'(*,G) changes: the same
 * action ("If the Join Timer is set to expire in more than t_override
 * seconds, reset it so that it expires after t_override seconds."). */
void cfp_jp_genid(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, false, false);
	sim_time_t a, g;

	if (!x)
		return;
	a = join_star(x, CFP_A, HOLD);
	cfp_run(x, a + SIM_S(20));
	cfp_hello(x, CFP_FOREVER, 1, x->genid + 1);
	g = cfp_send(x, CFP_PU, CFP_U, CFP_ALL);
	cfp_run(x, a + SIM_S(30));
	join_within(x, g, e->t_override_max, "U's new GenID");
	cfp_free(x);
}

/* RFC 7761 4.5.1, Receive Join(*,G): "A Join(*,G) is received on
 * interface I with its Upstream Neighbor Address set to the router's
 * primary IP address on I." One naming B makes no state at R1. */
void cfp_jp_not_ours(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = jp_world(c, true, false);
	struct pim_entry_info in;
	const char *oif;
	sim_time_t a;

	(void)e;
	if (!x)
		return;
	cfp_jp(x, CFP_B, NULL, true, HOLD);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(10));
	cfp_entry(x, NULL, CFP_LAN, &in, &oif);
	cf_check(c, !*oif,
		 "a Join(*,G) to " CFP_B " made R1's LAN \"%s\" for (*,G)",
		 oif);
	cf_check(c, up_jp(x, a, true, 0) < 0,
		 "R1 joined upstream at %s for a Join addressed to " CFP_B,
		 CF_TS(up_jp(x, a, true, 0)));
	/* The control: the same Join addressed to R1 makes the state. */
	join_star(x, CFP_A, HOLD);
	cfp_run(x, SIM_S(11));
	cfp_entry(x, NULL, CFP_LAN, &in, &oif);
	cf_check(c, !strcmp(oif, "Join"),
		 "the same Join(*,G) addressed to R1 made no Join state");
	cfp_free(x);
}
