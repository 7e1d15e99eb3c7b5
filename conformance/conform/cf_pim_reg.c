/*
 * PIM-SM conformance cases on Register (RFC 7761 section 4.4, timers of
 * 4.11) and the last-hop switch to the shortest-path tree (4.2.1). R1 is
 * the DR of its LAN (no other router there) with a source on it: every
 * datagram goes to the RP 9.9.9.9 in a Register; a Register-Stop from
 * the RP stops them and starts the Register-Stop Timer, whose expiry
 * (rand(0.5, 1.5) x Register_Suppression_Time - Register_Probe_Time)
 * sends a Null-Register, and Register_Probe_Time later, unanswered, the
 * Registers resume. For the SPT, R1 has a local member (static group):
 * the first packet from a source reached through C makes R1 join (S,G)
 * towards C.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/conform/cf_pim_int.h"
#include "sim/net/net_ipv4.h"

#define NEVER INT64_MAX

/* The source on the LAN sends one datagram every `every` until `until`;
 * returns how many. */
static size_t stream(struct cfp *x, sim_time_t until, sim_time_t every)
{
	size_t n = 0;

	while (cfp_now(x) < until) {
		cfp_data(x, CFP_PL, CFP_S_LAN);
		n++;
		cfp_run(x, cfp_now(x) + every);
	}
	return n;
}

/* The nth Register of the upstream probe in [from, to) with the Null
 * bit null, its arrival time (x->m, pi filled). */
static sim_time_t reg_rx(struct cfp *x, sim_time_t from, sim_time_t to,
			 bool null, size_t nth, struct net_pkt_info *pi)
{
	sim_time_t t;

	for (size_t n = 0;
	     (t = cfp_rx(x, CFP_PU, PIM_T_REGISTER, from, to, n, pi)) >= 0; n++)
		if (x->m->reg.n_bit == null && nth-- == 0)
			return t;
	return -1;
}

static size_t reg_count(struct cfp *x, sim_time_t from, sim_time_t to,
			bool null)
{
	size_t n = 0;

	while (reg_rx(x, from, to, null, n, NULL) >= 0)
		n++;
	return n;
}

static sim_time_t sent_at(const struct cfp *x, sim_time_t arrival)
{
	return arrival - cfp_wire(x, CFP_PU, cfp_rx_len(x));
}

/* The inner packet of the Register in x->m is a datagram from S_LAN to
 * the group. */
static bool inner_ok(const struct cfp *x)
{
	struct net_addr s, g, is, ig;
	struct net_ipv4 in;

	if (!x->m->reg.inner ||
	    net_ipv4_decode(x->m->reg.inner, x->m->reg.inner_len, &in) !=
		    NET_OK)
		return false;
	net_addr_parse(CFP_S_LAN, &s);
	net_addr_parse(CFP_G, &g);
	is = net_addr_from_ip4(&in.src);
	ig = net_addr_from_ip4(&in.dst);
	return in.proto == NET_IPPROTO_UDP && net_addr_eq(&is, &s) &&
	       net_addr_eq(&ig, &g);
}

/* RFC 7761 4.4: the DR encapsulates every datagram of its local source
 * in a Register unicast to the RP. */
void cfp_reg_encap(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new_nbrs(c, NULL, NULL, NULL);
	struct net_pkt_info pi;
	struct net_addr rp;
	size_t sent, got;
	sim_time_t t0;

	(void)e;
	if (!x)
		return;
	net_addr_parse(CFP_RP, &rp);
	t0 = cfp_now(x);
	sent = stream(x, t0 + SIM_S(1), SIM_MS(100));
	cfp_run(x, t0 + SIM_MS(1500));
	got = reg_count(x, t0, NEVER, false);
	cf_check(c, got == sent,
		 "%zu Registers for %zu datagrams of the LAN's source, "
		 "expected one each",
		 got, sent);
	if (reg_rx(x, t0, NEVER, false, 0, &pi) < 0)
		goto out;
	cf_check(c, net_addr_eq(&pi.dst, &rp) && pi.ttl > 1,
		 "the Register is not unicast to the RP " CFP_RP " (TTL %u)",
		 pi.ttl);
	cf_check(c, inner_ok(x),
		 "the Register does not carry the datagram " CFP_S_LAN
		 " -> " CFP_G);
out:
	cfp_free(x);
}

/* The address R1 registers from (the Register-Stop goes back to it). */
static bool reg_source(struct cfp *x, sim_time_t from, char *buf)
{
	struct net_pkt_info pi;

	if (reg_rx(x, from, NEVER, false, 0, &pi) < 0)
		return false;
	net_addr_fmt(&pi.src, buf, NET_ADDR_STRLEN);
	return true;
}

/* The RP's Register-Stop to the DR: when R1 got it. */
static sim_time_t reg_stop(struct cfp *x, const char *dr)
{
	cfp_regstop(x, CFP_S_LAN);
	return cfp_send(x, CFP_PU, CFP_RP, dr);
}

/* RFC 7761 4.4: "When the DR receives a Register-Stop message from the
 * RP, it starts a Register-Stop Timer to maintain this state." No
 * Register leaves after it, the data goes on. */
void cfp_reg_stop(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new_nbrs(c, NULL, NULL, NULL);
	char dr[NET_ADDR_STRLEN];
	sim_time_t t0, a, t, ev;
	size_t late = 0;

	(void)e;
	if (!x)
		return;
	t0 = cfp_now(x);
	stream(x, t0 + SIM_MS(500), SIM_MS(100));
	if (!cf_check(c, reg_source(x, t0, dr), "no Register from R1"))
		goto out;
	a = reg_stop(x, dr);
	stream(x, t0 + SIM_S(3), SIM_MS(100));
	ev = cfp_ev(x, "register", "new", "Prune", 0);
	cf_check(c, ev == a,
		 "register state Prune at %s, expected when the "
		 "Register-Stop arrived (%s)",
		 CF_TS(ev), CF_TS(a));
	for (size_t n = 0; (t = reg_rx(x, a, NEVER, false, n, NULL)) >= 0; n++)
		late += sent_at(x, t) > a;
	cf_check(c, late == 0,
		 "%zu Registers sent after the Register-Stop (at %s)", late,
		 CF_TS(a));
out:
	cfp_free(x);
}

/*
 * RFC 7761 4.4, the Null-Register probe: after a Register-Stop at `a`,
 * a Null-Register in [a + 0.5 x Register_Suppression_Time -
 * Register_Probe_Time, a + 1.5 x ... - Register_Probe_Time]; unanswered,
 * Registers again exactly Register_Probe_Time later. Then the same with
 * the RP answering the probe: no resumption.
 */
void cfp_reg_probe(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new_nbrs(c, NULL, NULL, NULL);
	sim_time_t lo, hi, t0, a, tn, sn, j, a2, end;
	char dr[NET_ADDR_STRLEN];
	bool answered = false;

	if (!x)
		return;
	t0 = cfp_now(x);
	stream(x, t0 + SIM_MS(500), SIM_MS(100));
	if (!cf_check(c, reg_source(x, t0, dr), "no Register from R1"))
		goto out;
	a = reg_stop(x, dr);
	lo = a + e->reg_suppression / 2 - e->reg_probe;
	hi = a + e->reg_suppression * 3 / 2 - e->reg_probe;
	stream(x, a + SIM_S(100), SIM_S(1));
	tn = reg_rx(x, a, NEVER, true, 0, NULL);
	if (!cf_check(c, tn >= 0,
		      "no Null-Register within 100 s of the "
		      "Register-Stop at %s",
		      CF_TS(a)))
		goto out;
	sn = sent_at(x, tn);
	cf_check(c, sn >= lo && sn <= hi,
		 "Null-Register sent at %s, expected in [%s, %s]", CF_TS(sn),
		 CF_TS(lo), CF_TS(hi));
	j = cfp_ev(x, "register", "new", "Join", 1);
	cf_check(c, j == sn + e->reg_probe,
		 "Registers resumed (Join) at %s, expected %s: "
		 "Register_Probe_Time after the unanswered Null-Register",
		 CF_TS(j), CF_TS(sn + e->reg_probe));
	/* Answered this time: Prune again, no resumption. */
	a2 = reg_stop(x, dr);
	end = a2 + e->reg_suppression * 3 / 2 + SIM_S(2);
	while (cfp_now(x) < end) {
		sim_time_t before = cfp_now(x);

		cfp_data(x, CFP_PL, CFP_S_LAN);
		cfp_run(x, before + SIM_S(1));
		if (reg_rx(x, before, NEVER, true, 0, NULL) >= 0) {
			reg_stop(x, dr);
			answered = true;
			break;
		}
	}
	cf_check(c, answered,
		 "no Null-Register within %s of the second Register-Stop "
		 "(at %s)",
		 CF_TS(end - a2), CF_TS(a2));
	stream(x, cfp_now(x) + SIM_S(10), SIM_S(1));
	cf_check(c, cfp_ev(x, "register", "new", "Join", 2) < 0,
		 "Registers resumed at %s although the RP answered the "
		 "Null-Register",
		 CF_TS(cfp_ev(x, "register", "new", "Join", 2)));
out:
	cfp_free(x);
}

/*
 * RFC 7761 4.2.1, switch on first packet: R1 has a local member of G
 * (static group on the LAN) and joins (*,G) towards U; the first packet
 * from S_ALT (routed through C) arriving on the shared tree makes R1
 * join (S,G) towards C. Bound: the Join goes out while that packet is
 * handled (the ASIC's punt and programming, within 1 ms).
 */
#define SPT_BOUND SIM_MS(1)

void cfp_spt_switch(struct cf_ctx *c, const struct cfp_exp *e)
{
	struct cfp *x = cfp_new(c, "interface " CFP_LAN "\n igmp enable\n"
				   " igmp static-group " CFP_G "\n");
	sim_time_t a, t, s;

	(void)e;
	if (!x)
		return;
	cfp_run(x, SIM_S(1));
	cfp_hello(x, CFP_FOREVER, 1, x->genid);
	cfp_send(x, CFP_PU, CFP_U, CFP_ALL);
	cfp_send(x, CFP_PU, CFP_C, CFP_ALL);
	cfp_run(x, SIM_S(8));
	a = cfp_data(x, CFP_PU, CFP_S_ALT);
	cfp_run(x, SIM_S(9));
	for (size_t n = 0;
	     (t = cfp_rx(x, CFP_PU, PIM_T_JOIN_PRUNE, a, NEVER, n, NULL)) >= 0;
	     n++)
		if (cfp_jp_has(x, CFP_S_ALT, true))
			break;
	if (!cf_check(c, t >= 0,
		      "no Join(S,G) after the first packet of " CFP_S_ALT
		      " (at %s)",
		      CF_TS(a)))
		goto out;
	{
		struct net_addr up;

		net_addr_parse(CFP_C, &up);
		cf_check(c, net_addr_eq(&x->m->jp.upstream, &up),
			 "the Join(S,G) is not addressed to RPF'(S,G) " CFP_C);
	}
	s = t - cfp_wire(x, CFP_PU, cfp_rx_len(x));
	cf_check(c, s >= a && s - a <= SPT_BOUND,
		 "Join(S,G) sent %s after the first packet reached R1's "
		 "CPU, expected within %s",
		 CF_TS(s - a), CF_TS(SPT_BOUND));
out:
	cfp_free(x);
}
