/*
 * PIM-SM conformance cases on Hellos, neighbors and the DR (RFC 7761
 * sections 4.3.1, 4.3.2 and 4.11): the first Hello at a random time
 * within Triggered_Hello_Delay of an interface's start, then exactly
 * Hello_Period apart; the Holdtime option at 3.5 x Hello_Period; a
 * triggered Hello for a new or restarted neighbor; a goodbye (Holdtime
 * 0) when PIM leaves an interface; neighbors expiring exactly their
 * Holdtime (or Default_Hello_Holdtime) after their last Hello and at
 * once on a goodbye; a new GenID treated as a restart; DR election by
 * priority then address, and by address alone when a neighbor does not
 * send the DR Priority option. Each body takes the expected RFC values
 * (struct cfp_exp) so that tests can prove it fails on wrong ones.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/conform/cf_pim_int.h"

#define NEVER INT64_MAX

/* When R1 put the frame cfp_rx last matched on the wire's probe side:
 * its arrival less the way from R1's control plane. */
static sim_time_t sent_at(const struct cfp *x, int k, sim_time_t arrival)
{
	return arrival - cfp_wire(x, k, cfp_rx_len(x));
}

/* RFC 7761 4.3.1: "When PIM is enabled on an interface or a router first
 * starts, the Hello Timer of that interface is set to a random value
 * between 0 and Triggered_Hello_Delay." */
void cfp_hello_startup(struct cf_ctx *c, const struct cfp_exp *e)
{
	static const char *const ifs[2] = { CFP_LAN, CFP_UP };
	struct cfp *x = cfp_new(c, NULL);

	if (!x)
		return;
	cfp_run(x, SIM_S(7));
	for (int k = 0; k < 2; k++) {
		sim_time_t ts = cfp_ev(x, "iface-start", "iface", ifs[k], 0);
		sim_time_t t = cfp_rx(x, k, PIM_T_HELLO, 0, NEVER, 0, NULL);
		sim_time_t s;

		if (!cf_check(c, ts >= 0, "no iface-start event for %s",
			      ifs[k]) ||
		    !cf_check(c, t >= 0, "no Hello from R1 on %s by 7 s",
			      ifs[k]))
			continue;
		s = sent_at(x, k, t);
		cf_check(c, s >= ts && s - ts <= e->triggered_delay,
			 "first Hello on %s sent %s after PIM started there "
			 "(at %s); expected within [0, %s] "
			 "(Triggered_Hello_Delay)",
			 ifs[k], CF_TS(s - ts), CF_TS(ts),
			 CF_TS(e->triggered_delay));
	}
	cfp_free(x);
}

/* RFC 7761 4.3.1: "After the initial randomized interval, Hello messages
 * must be sent every Hello_Period seconds." No neighbor speaks, so no
 * triggered Hello interleaves. */
void cfp_hello_period(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	sim_time_t prev = -1, t;
	bool ok = true;
	size_t n = 0;

	if (!x)
		return;
	cfp_run(x, SIM_S(200));
	while ((t = cfp_rx(x, CFP_PL, PIM_T_HELLO, 0, NEVER, n, NULL)) >= 0) {
		/* the first wrong gap is reported */
		if (prev >= 0 && ok)
			ok = cf_check(c, t - prev == e->hello_period,
				      "Hello %zu at %s, %s after the previous "
				      "one; expected Hello_Period %s exactly",
				      n + 1, CF_TS(t), CF_TS(t - prev),
				      CF_TS(e->hello_period));
		prev = t;
		n++;
	}
	cf_check(c, n >= 6, "%zu Hellos in 200 s, expected at least 6", n);
	cfp_free(x);
}

/* RFC 7761 4.11: Default_Hello_Holdtime is 3.5 * Hello_Period, the
 * Holdtime R1 advertises (also with a configured Hello_Period). */
void cfp_hello_holdtime(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, "interface " CFP_UP "\n"
				   " pim timer hello 10\n");
	sim_time_t want[2] = { e->default_holdtime,
			       e->default_holdtime * 10 / 30 };
	const char *what[2] = { "the default Hello_Period",
				"pim timer hello 10" };

	if (!x)
		return;
	cfp_run(x, SIM_S(40));
	for (int k = 0; k < 2; k++) {
		const struct pim_hello *h = &x->m->hello;

		if (!cf_check(c,
			      cfp_rx(x, k, PIM_T_HELLO, 0, NEVER, 0, NULL) >= 0,
			      "no Hello from R1 on probe %d", k))
			continue;
		cf_check(c, h->has_holdtime && !h->holdtime_forever,
			 "Hello without a Holdtime option (%s)", what[k]);
		cf_check(c, h->holdtime == want[k],
			 "Hello Holdtime %s with %s, expected %s "
			 "(3.5 x Hello_Period)",
			 CF_TS(h->holdtime), what[k], CF_TS(want[k]));
	}
	cfp_free(x);
}

/* A Hello from R1 sent in [from, from + d] on probe k: true when one
 * is there. */
static bool hello_in(struct cfp *x, int k, sim_time_t from, sim_time_t d,
		     sim_time_t *sent)
{
	sim_time_t t;

	for (size_t n = 0;
	     (t = cfp_rx(x, k, PIM_T_HELLO, from, NEVER, n, NULL)) >= 0; n++) {
		sim_time_t s = sent_at(x, k, t);

		if (s >= from && s <= from + d) {
			*sent = s;
			return true;
		}
		if (s > from + d)
			break;
	}
	return false;
}

/* RFC 7761 4.3.1: "To allow new or rebooting routers to learn of PIM
 * neighbors quickly, when a Hello message is received from a new
 * neighbor, or a Hello message with a new GenID is received from an
 * existing neighbor, a new Hello message should be sent on this
 * interface after a randomized delay between 0 and
 * Triggered_Hello_Delay." The windows (10 s, 50 s) avoid R1's periodic
 * Hellos (startup within 5 s, then every 30 s). */
void cfp_hello_triggered(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	sim_time_t at, s;

	if (!x)
		return;
	cfp_run(x, SIM_S(10));
	cfp_hello(x, SIM_S(105), 1, x->genid);
	at = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(20));
	cf_check(c, at >= 0 && hello_in(x, CFP_PL, at, e->triggered_delay, &s),
		 "no Hello within %s of a new neighbor's first Hello (at %s)",
		 CF_TS(e->triggered_delay), CF_TS(at));
	cfp_run(x, SIM_S(50));
	cfp_hello(x, SIM_S(105), 1, x->genid + 1);
	at = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(58));
	cf_check(c, at >= 0 && hello_in(x, CFP_PL, at, e->triggered_delay, &s),
		 "no Hello within %s of a neighbor's new GenID (at %s)",
		 CF_TS(e->triggered_delay), CF_TS(at));
	cfp_free(x);
}

/* RFC 7761 4.3.1: "Before an interface goes down or changes primary IP
 * address, a Hello message with a zero HoldTime should be sent
 * immediately (with the old IP address if the IP address changed)." */
void cfp_hello_goodbye_tx(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	const struct pim_hello *h;
	sim_time_t t0, t, s;
	struct net_pkt_info pi;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(10));
	t0 = cfp_now(x);
	if (!cfp_config(x, "interface " CFP_LAN "\n undo pim sm\n"))
		goto out;
	cfp_run(x, SIM_S(11));
	t = cfp_rx(x, CFP_PL, PIM_T_HELLO, t0, NEVER, 0, &pi);
	h = &x->m->hello;
	if (!cf_check(c, t >= 0, "no Hello after `undo pim sm` at %s",
		      CF_TS(t0)))
		goto out;
	s = sent_at(x, CFP_PL, t);
	cf_check(c, h->has_holdtime && h->holdtime == 0,
		 "the Hello after `undo pim sm` has Holdtime %s, expected 0",
		 h->has_holdtime ? CF_TS(h->holdtime) : "(none)");
	cf_check(c, s == t0, "goodbye sent at %s, expected at once (%s)",
		 CF_TS(s), CF_TS(t0));
	cf_check(c, cfp_rx_count(x, CFP_PL, PIM_T_HELLO, t + 1, NEVER) == 0,
		 "Hellos went on after the goodbye");
out:
	cfp_free(x);
}

/* RFC 7761 4.3.2: "The Neighbor Liveness Timer (NLT(N,I)) is reset to
 * Hello_Holdtime (from the Hello Holdtime option) whenever a Hello
 * message is received containing a Holdtime option, or to
 * Default_Hello_Holdtime if the Hello message does not contain the
 * Holdtime option." A's Hellos carry 10 s. */
void cfp_nbr_expiry(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	sim_time_t a1, a2, down;
	char why[32] = "";

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	cfp_hello(x, SIM_S(10), 1, x->genid);
	a1 = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(5));
	a2 = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(30));
	if (!cf_check(c, a1 >= 0 && a2 >= 0, "Hellos not sent"))
		goto out;
	cf_check(c, cfp_ev(x, "nbr-up", "neighbor", CFP_A, 0) == a1,
		 "neighbor up at %s, expected at its first Hello (%s)",
		 CF_TS(cfp_ev(x, "nbr-up", "neighbor", CFP_A, 0)), CF_TS(a1));
	down = cfp_ev(x, "nbr-down", "neighbor", CFP_A, 0);
	{
		const struct node_tw_rec *r =
			node_tw_find(x->w->w, "R1", "pim", "nbr-down", 0);

		if (r)
			node_tw_field(r, "why", why, sizeof(why));
	}
	cf_check(c, down == a2 + SIM_S(10),
		 "neighbor down at %s (%s), expected %s: Holdtime 10 s "
		 "after its last Hello (%s)",
		 CF_TS(down), why, CF_TS(a2 + SIM_S(10)), CF_TS(a2));
out:
	cfp_free(x);
}

/* The same without a Holdtime option: Default_Hello_Holdtime. */
void cfp_nbr_default_holdtime(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	sim_time_t a, down;

	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	cfp_hello(x, -1, 1, x->genid);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(120));
	down = cfp_ev(x, "nbr-down", "neighbor", CFP_A, 0);
	cf_check(c, a >= 0 && down == a + e->default_holdtime,
		 "neighbor without a Holdtime option down at %s, expected "
		 "%s (Default_Hello_Holdtime %s after its Hello at %s)",
		 CF_TS(down), CF_TS(a + e->default_holdtime),
		 CF_TS(e->default_holdtime), CF_TS(a));
	cfp_free(x);
}

/* RFC 7761 4.3.1, the goodbye: "This will cause PIM neighbors to remove
 * this neighbor (or its old IP address) immediately." */
void cfp_nbr_goodbye(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	struct pim_if_info in;
	sim_time_t a, down;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	cfp_hello(x, SIM_S(105), 1, x->genid);
	cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(3));
	cfp_if_info(x, CFP_LAN, &in);
	cf_check(c, in.nnbrs == 1,
		 "%zu neighbors before the goodbye, "
		 "expected 1",
		 in.nnbrs);
	cfp_hello(x, 0, 1, x->genid);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(4));
	down = cfp_ev(x, "nbr-down", "neighbor", CFP_A, 0);
	cf_check(c, a >= 0 && down == a,
		 "neighbor removed at %s after a Holdtime-0 Hello received "
		 "at %s, expected at once",
		 CF_TS(down), CF_TS(a));
	cfp_if_info(x, CFP_LAN, &in);
	cf_check(c, in.nnbrs == 0, "%zu neighbors after the goodbye", in.nnbrs);
	cfp_free(x);
}

struct nbr_find {
	struct net_addr a;
	bool found;
	struct pim_nbr_info n;
};

static void nbr_one(void *arg, const struct pim_nbr_info *n)
{
	struct nbr_find *f = arg;

	if (net_addr_eq(&n->addr, &f->a)) {
		f->found = true;
		f->n = *n;
	}
}

/* RFC 7761 4.3.1: "When a Hello message with a new GenID is received
 * from a neighbor, any old Hello information about that neighbor SHOULD
 * be discarded and superseded by the information from the new Hello
 * message." A restarts without its DR Priority option: R1 (priority 1,
 * the higher address) is DR again, and A is a neighbor since then. */
void cfp_nbr_genid(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	struct nbr_find f = { 0 };
	struct pim_if_info in;
	sim_time_t a;

	(void)e;
	if (!x)
		return;
	net_addr_parse(CFP_A, &f.a);
	cfp_run(x, SIM_S(1));
	cfp_hello(x, SIM_S(105), 10, x->genid);
	cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(3));
	cfp_if_info(x, CFP_LAN, &in);
	cf_check(c, !in.we_are_dr, "R1 is DR against a priority-10 neighbor");
	cfp_hello(x, SIM_S(105), -1, x->genid + 7);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(5));
	cf_check(c, cfp_ev(x, "nbr-restart", "neighbor", CFP_A, 0) == a,
		 "no restart of the neighbor at %s (new GenID)", CF_TS(a));
	pim_each_nbr(cfp_engine(x), nbr_one, &f);
	cf_check(c,
		 f.found && f.n.genid == x->genid + 7 && !f.n.has_dr_priority &&
			 f.n.uptime == a,
		 "neighbor after the restart: GenID %#x, DR Priority %s, up "
		 "since %s; expected GenID %#x, no priority, up since %s",
		 f.n.genid, f.n.has_dr_priority ? "kept" : "none",
		 CF_TS(f.n.uptime), x->genid + 7, CF_TS(a));
	cfp_if_info(x, CFP_LAN, &in);
	cf_check(c, in.we_are_dr,
		 "R1 is not DR once the neighbor dropped its priority");
	cfp_free(x);
}

/* The DR of the LAN is dr, and the election's nth change to dr was
 * logged at t (-1: none). */
static void dr_is(struct cfp *x, const char *dr, sim_time_t t, size_t nth)
{
	struct pim_if_info in;
	struct net_addr want;
	char got[NET_ADDR_STRLEN];
	sim_time_t et = cfp_ev(x, "dr-change", "dr", dr, nth);

	net_addr_parse(dr, &want);
	cfp_if_info(x, CFP_LAN, &in);
	net_addr_fmt(&in.dr, got, sizeof(got));
	cf_check(x->c, net_addr_eq(&in.dr, &want), "DR %s at %s, expected %s",
		 got, CF_TS(cfp_now(x)), dr);
	cf_check(x->c, et == t, "DR change to %s logged at %s, expected at %s",
		 dr, CF_TS(et), CF_TS(t));
}

/* RFC 7761 4.3.2, dr_is_better(a, b, I): "return ( a.dr_priority >
 * b.dr_priority ) OR ( a.dr_priority == b.dr_priority AND
 * a.primary_ip_address > b.primary_ip_address )". */
void cfp_dr_election(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, NULL);
	sim_time_t a;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	/* Equal priorities: R1's address (.100) beats A's (.2): R1 stays
	 * DR (no change logged). */
	cfp_hello(x, SIM_S(105), 1, x->genid);
	cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(3));
	dr_is(x, CFP_R_LAN, -1, 0);
	/* H (.200) beats R1 on the address. */
	a = cfp_send(x, CFP_PL, CFP_H, CFP_ALL);
	cfp_run(x, SIM_S(5));
	dr_is(x, CFP_H, a, 0);
	/* A's priority 100 beats both addresses. */
	cfp_hello(x, SIM_S(105), 100, x->genid);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(7));
	dr_is(x, CFP_A, a, 0);
	/* R1 at priority 200. */
	a = cfp_now(x);
	if (cfp_config(x, "interface " CFP_LAN "\n"
			  " pim hello-option dr-priority 200\n"))
		dr_is(x, CFP_R_LAN, a, 0);
	cfp_free(x);
}

/* RFC 7761 4.3.2, dr_is_better(a, b, I): "if ( there is a neighbor n on
 * I for which n.dr_priority_present is false ) { return
 * a.primary_ip_address > b.primary_ip_address }". */
void cfp_dr_no_priority(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, "interface " CFP_LAN "\n"
				   " pim hello-option dr-priority 100\n");
	sim_time_t a;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	cfp_hello(x, SIM_S(105), 1, x->genid);
	cfp_send(x, CFP_PL, CFP_H, CFP_ALL);
	cfp_run(x, SIM_S(3));
	dr_is(x, CFP_R_LAN, -1, 0);
	/* A sends no DR Priority: addresses only, H (.200) wins. */
	cfp_hello(x, SIM_S(105), -1, x->genid);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(5));
	dr_is(x, CFP_H, a, 0);
	/* A leaves (goodbye): priorities count again, R1's 100 wins. */
	cfp_hello(x, 0, -1, x->genid);
	a = cfp_send(x, CFP_PL, CFP_A, CFP_ALL);
	cfp_run(x, SIM_S(7));
	dr_is(x, CFP_R_LAN, a, 0);
	cfp_free(x);
}
