/*
 * Conformance cases of the remote backup service channel, against its
 * specification protocols/rbs/README.md ("failsim RBS"): the side with
 * the lower source address connects, the other listens (IPv4 and IPv6);
 * each side sends a Hello first and is Connected when the peer's Hello
 * arrives; Keepalives every interval from TCP up; the hold timer (peer's
 * interval times our count) drops the channel exactly after the last
 * message; the active side retries after 1, 2, 4, 8, 16, 16 s and is
 * back at 1 s once Connected; a tracked BFD session's fall drops the
 * channel at that instant and holds it until the session is Up again.
 * Times come from the captured link: a message reaches the peer's control
 * plane when the segment completing it arrives there.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/conform/cf_rbs_int.h"

#define SVC4 "rbs1"
#define SVC6 "rbs6"

/* A segment may queue behind one full frame on the link. */
static sim_time_t slack(const struct cfr *x)
{
	return node_link_ser_time(x->link, 1518);
}

/* Both services up: the listener (R2 for IPv4) configured first. */
static struct cfr *chan_up(struct cf_ctx *c, const char *x1, const char *x2)
{
	struct cfr *x = cfr_new(c);

	if (!x)
		return NULL;
	if (!cfr_service(x, 1, false, x2) || !cfr_service(x, 0, false, x1) ||
	    (cfr_run(x, cfr_now(x) + SIM_S(2)),
	     !cf_check(c, cfr_state(x, 0, SVC4, "Connected", NULL, 0) >= 0,
		       "setup: the channel did not come up"))) {
		cfr_free(x);
		return NULL;
	}
	return x;
}

/* README "Roles: who connects": "The side whose source address is lower
 * (numerically, family first) connects; the other listens on
 * `source:port` and accepts only connections whose remote address is
 * the configured peer". Each side is configured higher-address first. */
void cfr_role(struct cf_ctx *c, const struct cfr_exp *e)
{
	struct cfr *x = cfr_new(c);
	struct cfr_seg s;
	sim_time_t t;

	(void)e;
	if (!x)
		return;
	/* IPv4: R1 1.1.1.1 < R2 2.2.2.2, R2 configured first. */
	if (!cfr_service(x, 1, false, NULL) || !cfr_service(x, 0, false, NULL))
		goto out;
	cfr_run(x, cfr_now(x) + SIM_S(2));
	cf_check(c,
		 cfr_seg(x, CFR_PORT, -1, CFR_SYN, CFR_ACK, 0, &s) &&
			 s.dir == 0 && s.dport == CFR_PORT,
		 "IPv4: the first SYN of the channel is not R1's (lower "
		 "source 1.1.1.1) to port %d",
		 CFR_PORT);
	cf_check(c,
		 cfr_connect(x, 1, SVC4, 0) < 0 &&
			 cfr_state(x, 1, SVC4, "Listening", NULL, 0) >= 0,
		 "IPv4: R2 (higher source) connected or never listened");
	/* IPv6: R1 2001:DB8:FF::2 > R2 ::1, R1 configured first. */
	t = cfr_now(x);
	if (!cfr_service(x, 0, true, NULL) || !cfr_service(x, 1, true, NULL))
		goto out;
	cfr_run(x, t + SIM_S(2));
	cf_check(c,
		 cfr_seg(x, CFR_PORT6, -1, CFR_SYN, CFR_ACK, t, &s) &&
			 s.dir == 1 && s.af == NET_AF_IP6,
		 "IPv6: the first SYN of the channel is not R2's (lower "
		 "source 2001:DB8:FF::1)");
	cf_check(c,
		 cfr_connect(x, 0, SVC6, 0) < 0 &&
			 cfr_state(x, 0, SVC6, "Listening", NULL, 0) >= 0,
		 "IPv6: R1 (higher source) connected or never listened");
	cf_check(c,
		 cfr_state(x, 0, SVC6, "Connected", NULL, 0) >= 0 &&
			 cfr_state(x, 1, SVC6, "Connected", NULL, 0) >= 0,
		 "IPv6: the channel did not come up");
out:
	cfr_free(x);
}

/* README "Bringing the channel up": "As soon as TCP is established, each
 * side sends a Hello (its backup-ids and keepalive settings) and starts
 * its keepalive timer." and "A side is Connected when the peer's Hello
 * arrives." */
void cfr_hello(struct cf_ctx *c, const struct cfr_exp *e)
{
	struct cfr *x = chan_up(c, NULL, NULL);
	const struct cfr_msg *h[2];
	struct cfr_seg ack;
	sim_time_t up[2];

	(void)e;
	if (!x)
		return;
	cfr_parse(x, CFR_PORT);
	for (int d = 0; d < 2; d++) {
		h[d] = cfr_find(x, d, 0, 0, 0);
		if (!cf_check(c,
			      h[d] && h[d]->type == RBS_T_HELLO &&
				      h[d]->seq == 1 && h[d]->syn_before,
			      "R%d's first message on the connection is %s "
			      "(sequence %u), expected Hello, sequence 1",
			      d + 1, h[d] ? rbs_type_name(h[d]->type) : "none",
			      h[d] ? h[d]->seq : 0))
			goto out;
	}
	/* Connected when the peer's Hello reaches the control plane. */
	for (int i = 0; i < 2; i++) {
		up[i] = cfr_state(x, i, SVC4, "Connected", NULL, 0);
		cf_check(c, up[i] == h[1 - i]->arr,
			 "R%d Connected at %s, expected when R%d's Hello "
			 "arrived (%s)",
			 i + 1, CF_TS(up[i]), 2 - i, CF_TS(h[1 - i]->arr));
	}
	/* R2 (passive) has TCP up when R1's handshake ACK arrives: its
	 * Hello goes out then (the CPU's inject latency later). */
	if (cf_check(c, cfr_seg(x, CFR_PORT, 0, CFR_ACK, CFR_SYN, 0, &ack),
		     "no handshake ACK from R1"))
		cf_check(c,
			 h[1]->t >= ack.arr &&
				 h[1]->t - ack.arr <=
					 x->w->prof.inject_latency + slack(x),
			 "R2's Hello left at %s, expected as soon as TCP was "
			 "up (%s, within the CPU's inject latency)",
			 CF_TS(h[1]->t), CF_TS(ack.arr));
out:
	cfr_free(x);
}

/*
 * Keepalives of direction d on the schedule anchor + k x want, k = 1, 2,
 * ..., where the anchor is when the keepalive timer started (the Hello
 * goes then too): each one leaves within one frame's serialization of
 * its slot (it may queue behind a segment), none drifts. The anchor is
 * the earliest slot the frames allow. Returns how many.
 */
static size_t ka_sched(struct cfr *x, int d, sim_time_t want, const char *who)
{
	const struct cfr_msg *h = cfr_find(x, d, RBS_T_HELLO, 0, 0);
	const struct cfr_msg *m;
	sim_time_t anchor;
	size_t n;

	if (!cf_check(x->c, h != NULL, "%s: no Hello", who))
		return 0;
	anchor = h->t;
	for (n = 0; (m = cfr_find(x, d, RBS_T_KEEPALIVE, 0, n)); n++)
		if (m->t - (sim_time_t)(n + 1) * want < anchor)
			anchor = m->t - (sim_time_t)(n + 1) * want;
	cf_check(x->c, h->t - anchor <= slack(x),
		 "%s: Hello at %s, the keepalive schedule starts at %s: "
		 "expected together (TCP up)",
		 who, CF_TS(h->t), CF_TS(anchor));
	for (size_t k = 0; k < n; k++) {
		sim_time_t slot = anchor + (sim_time_t)(k + 1) * want;

		m = cfr_find(x, d, RBS_T_KEEPALIVE, 0, k);
		if (!cf_check(x->c, m->t >= slot && m->t - slot <= slack(x),
			      "%s: Keepalive %zu at %s, expected at %s (%s "
			      "after the Hello's %s, within %s)",
			      who, k + 1, CF_TS(m->t), CF_TS(slot),
			      CF_TS((sim_time_t)(k + 1) * want), CF_TS(h->t),
			      CF_TS(slack(x))))
			break;
	}
	return n;
}

/* README "Keepalive": "Each side sends a Keepalive every interval from
 * the moment TCP is established (periodic from the deadline, no
 * drift), whatever else it sends." R1 at 200 ms, R2 at the default. */
void cfr_keepalive(struct cf_ctx *c, const struct cfr_exp *e)
{
	struct cfr *x = chan_up(c, " keepalive interval 200 count 4\n", NULL);
	size_t n1, n2;

	if (!x)
		return;
	cfr_run(x, cfr_now(x) + SIM_S(6));
	cfr_parse(x, CFR_PORT);
	n1 = ka_sched(x, 0, SIM_MS(200), "R1 (interval 200 ms)");
	n2 = ka_sched(x, 1, e->ka_interval, "R2 (default interval)");
	cf_check(c, n1 >= 30 && n2 >= 6,
		 "%zu and %zu Keepalives in 7 s, expected at least 30 and 6",
		 n1, n2);
	cfr_free(x);
}

/* The last message in direction d before t: when it reached the peer. */
static sim_time_t last_arrival(const struct cfr *x, int d, sim_time_t t)
{
	sim_time_t a = -1;

	for (size_t i = 0; i < x->nmsgs; i++)
		if (x->msgs[i].dir == d && x->msgs[i].t < t)
			a = x->msgs[i].arr;
	return a;
}

/* README "Keepalive": "Each side runs a hold timer: restarted by every
 * message received; it expires after the peer's interval (from its
 * Hello) times our own count." R1 at 200 ms x 4, R2 at the default:
 * R1 holds the peer interval x 4, R2 200 ms x its count. The link is cut
 * between two Keepalives. */
void cfr_hold(struct cf_ctx *c, const struct cfr_exp *e)
{
	struct cfr *x = chan_up(c, " keepalive interval 200 count 4\n", NULL);
	sim_time_t cut, l1, l2, d1, d2, h1, h2;

	if (!x)
		return;
	cfr_run(x, cfr_now(x) + SIM_MS(3100));
	cut = cfr_now(x);
	node_link_set_up(x->link, false);
	cfr_run(x, cut + SIM_S(6));
	cfr_parse(x, CFR_PORT);
	l1 = last_arrival(x, 0, cut); /* R1's last, at R2 */
	l2 = last_arrival(x, 1, cut); /* R2's last, at R1 */
	h1 = e->ka_interval * 4;
	h2 = SIM_MS(200) * e->ka_count;
	d1 = cfr_state(x, 0, SVC4, "Connecting", "hold-expired", 0);
	d2 = cfr_state(x, 1, SVC4, "Listening", "hold-expired", 0);
	cf_check(c, l2 >= 0 && d1 == l2 + h1,
		 "R1 dropped the channel at %s, expected %s: R2's interval "
		 "x R1's count (%s) after R2's last message arrived (%s)",
		 CF_TS(d1), CF_TS(l2 + h1), CF_TS(h1), CF_TS(l2));
	cf_check(c, l1 >= 0 && d2 == l1 + h2,
		 "R2 dropped the channel at %s, expected %s: R1's 200 ms x "
		 "R2's count (%s) after R1's last message arrived (%s)",
		 CF_TS(d2), CF_TS(l1 + h2), CF_TS(h2), CF_TS(l1));
	cfr_free(x);
}

/* README "Reconnecting": "The active side retries after a backoff of 1
 * s, doubling after each failed attempt up to 16 s (1, 2, 4, 8, 16, 16,
 * ... s), and back to 1 s once Connected." The link is down, so every
 * attempt fails at once; it comes back before the seventh. */
void cfr_backoff(struct cf_ctx *c, const struct cfr_exp *e)
{
	static const char ka[] = " keepalive interval 200 count 2\n";
	struct cfr *x = chan_up(c, ka, ka);
	sim_time_t d, t, gap, back, d2;
	size_t k0;

	if (!x)
		return;
	cfr_run(x, cfr_now(x) + SIM_MS(1100));
	node_link_set_up(x->link, false);
	cfr_run(x, cfr_now(x) + SIM_S(1));
	d = cfr_state(x, 0, SVC4, "Connecting", "hold-expired", 0);
	if (!cf_check(c, d >= 0, "setup: R1 did not drop the channel"))
		goto out;
	for (k0 = 0; cfr_connect(x, 0, SVC4, k0) >= 0 &&
		     cfr_connect(x, 0, SVC4, k0) < d;
	     k0++)
		;
	cfr_run(x, d + SIM_S(48));
	node_link_set_up(x->link, true);
	t = d;
	gap = e->backoff_min;
	for (size_t i = 0; i < 7; i++) {
		sim_time_t got;

		t += gap;
		if (i == 6)
			cfr_run(x, t + SIM_S(1));
		got = cfr_connect(x, 0, SVC4, k0 + i);
		if (!cf_check(c, got == t,
			      "attempt %zu after the drop at %s: at %s, "
			      "expected %s (backoff %s)",
			      i + 1, CF_TS(d), CF_TS(got), CF_TS(t),
			      CF_TS(gap)))
			goto out;
		gap = gap * 2 > e->backoff_max ? e->backoff_max : gap * 2;
	}
	back = cfr_state(x, 0, SVC4, "Connected", NULL, 1);
	if (!cf_check(c, back >= t,
		      "not Connected again after the link came "
		      "back (attempt at %s)",
		      CF_TS(t)))
		goto out;
	/* Once Connected, the backoff is 1 s again. */
	cfr_run(x, back + SIM_S(2));
	node_link_set_up(x->link, false);
	cfr_run(x, back + SIM_S(5));
	d2 = cfr_state(x, 0, SVC4, "Connecting", "hold-expired", 1);
	cf_check(c,
		 d2 >= 0 &&
			 cfr_connect(x, 0, SVC4, k0 + 7) == d2 + e->backoff_min,
		 "after reconnecting and dropping again at %s the next "
		 "attempt came at %s, expected %s",
		 CF_TS(d2), CF_TS(cfr_connect(x, 0, SVC4, k0 + 7)),
		 CF_TS(d2 + e->backoff_min));
out:
	cfr_free(x);
}

/* The nth time R1's BFD session went to state st; -1 none. */
static sim_time_t bfd_at(const struct cfr *x, const char *st, size_t nth)
{
	return cf_event_time(x->w, "R1", "bfd", "state", "new", st, nth);
}

/* README "BFD tracking": "Once the session has been seen Up, its fall
 * from Up drops the channel (RST) and holds it in Initial until the
 * session is Up again; then the channel restarts at once (backoff
 * reset)." All frames on the link are lost for 2 s. */
void cfr_bfd(struct cf_ctx *c, const struct cfr_exp *e)
{
	struct cfr *x = chan_up(c, " track bfd-session 10\n", NULL);
	sim_time_t down, drop, up, again, t0;
	size_t k;

	(void)e;
	if (!x)
		return;
	cfr_run(x, cfr_now(x) + SIM_S(3));
	if (!cf_check(c, bfd_at(x, "Up", 0) >= 0,
		      "setup: BFD session 10 never came Up"))
		goto out;
	t0 = cfr_now(x);
	for (k = 0; cfr_connect(x, 0, SVC4, k) >= 0; k++)
		;
	node_link_set_loss(x->link, 1000000000u);
	cfr_run(x, t0 + SIM_S(2));
	node_link_set_loss(x->link, 0);
	cfr_run(x, t0 + SIM_S(8));
	down = bfd_at(x, "Down", 0);
	drop = cfr_state(x, 0, SVC4, "Initial", "bfd-down", 0);
	cf_check(c, down >= t0 && drop == down,
		 "the channel dropped at %s, expected when BFD went Down (%s)",
		 CF_TS(drop), CF_TS(down));
	up = bfd_at(x, "Up", 1);
	again = cfr_connect(x, 0, SVC4, k);
	cf_check(c, up > down && again == up,
		 "R1 attempted again at %s, expected at once when BFD was Up "
		 "again (%s)",
		 CF_TS(again), CF_TS(up));
	cf_check(c,
		 cfr_state(x, 0, SVC4, NULL, NULL, 0) >= 0 &&
			 cfr_state(x, 0, SVC4, "Connected", NULL, 1) > up,
		 "the channel is not Connected again after BFD came Up");
out:
	cfr_free(x);
}

/* README "Reconnecting", events that end a connection: "the peer's FIN |
 * FIN back, reconnect / listen | peer-closed". R2's service is deleted
 * (`undo remote-backup-service`, closing with FIN): R1 drops the channel
 * when the FIN arrives, answers with its own, and retries after the
 * backoff. */
void cfr_fin(struct cf_ctx *c, const struct cfr_exp *e)
{
	struct cfr *x = chan_up(c, NULL, NULL);
	struct cfr_seg fin, back;
	sim_time_t t, drop, again;
	size_t k;

	if (!x)
		return;
	cfr_run(x, cfr_now(x) + SIM_MS(500));
	for (k = 0; cfr_connect(x, 0, SVC4, k) >= 0; k++)
		;
	t = cfr_now(x);
	if (!cfr_config(x, 1, "undo remote-backup-service rbs1\n"))
		goto out;
	cfr_run(x, t + SIM_S(2));
	if (!cf_check(c, cfr_seg(x, CFR_PORT, 1, CFR_FIN, 0, t, &fin),
		      "no FIN from R2 after `undo remote-backup-service` at %s",
		      CF_TS(t)))
		goto out;
	drop = cfr_state(x, 0, SVC4, "Connecting", "peer-closed", 0);
	cf_check(c, drop == fin.arr,
		 "R1 dropped the channel (peer-closed) at %s, expected when "
		 "R2's FIN arrived (%s)",
		 CF_TS(drop), CF_TS(fin.arr));
	cf_check(c,
		 cfr_seg(x, CFR_PORT, 0, CFR_FIN, 0, fin.t, &back) &&
			 back.t >= fin.arr,
		 "R1 did not answer R2's FIN with its own");
	again = cfr_connect(x, 0, SVC4, k);
	cf_check(c, drop >= 0 && again == drop + e->backoff_min,
		 "R1 attempted again at %s, expected %s (the backoff after the "
		 "drop)",
		 CF_TS(again), CF_TS(drop + e->backoff_min));
out:
	cfr_free(x);
}
