/*
 * TCP input: the SEGMENT ARRIVES event of RFC 9293 section 3.10.7, in its
 * order. 3.10.7.1: a segment for no connection is answered with a reset.
 * 3.10.7.2 (LISTEN): a SYN makes a new connection in SYN-RECEIVED (the
 * listener stays; the new socket is handed to the application once
 * ESTABLISHED). 3.10.7.3 (SYN-SENT): active and simultaneous open.
 * 3.10.7.4 (the other states): sequence number check (the acceptability
 * table), reset (exact RCV.NXT, else a challenge ACK: RFC 5961 section
 * 3.2 as RFC 9293 adopts it), SYN (challenge ACK, RFC 5961 section 4),
 * acknowledgment (with the RFC 5961 section 5.2 range check; the third
 * duplicate ACK triggers a fast retransmit, RFC 5681 3.2), window
 * update, segment text (in order delivered at once; out of order kept,
 * tcp_rcv.c), FIN and the closing states. Text on a SYN is not kept (the
 * peer sends it again); a new SYN to a TIME-WAIT connection with a higher
 * sequence number reopens it (RFC 9293 3.6.1).
 */
#include "protocols/tcp/tcp_int.h"

static void set_window(struct tcp_sock *s, const struct tcp_seg *g)
{
	s->snd_wnd = g->wnd;
	s->snd_wl1 = g->seq;
	s->snd_wl2 = g->ack;
	if (s->snd_wnd > s->max_sndwnd)
		s->max_sndwnd = s->snd_wnd;
}

/* SYN-SENT or SYN-RECEIVED to ESTABLISHED. */
static void establish(struct tcp_sock *s)
{
	s->cwnd = tcp_iw(s);
	/* RFC 6298 5.7: a SYN timed out and the initial RTO is below 3 s:
	 * data starts with 3 s. */
	if (s->syn_rexmit && s->t->cfg.rto_initial < TCP_RTO_AFTER_SYN)
		s->rto = TCP_RTO_AFTER_SYN;
	s->retries = 0;
	tcp_state_set(s, TCP_ESTABLISHED);
	if (s->fin_queued)
		tcp_state_set(s, TCP_FIN_WAIT_1); /* closed meanwhile */
	tcp_ka_reset(s);
	if (s->active)
		tcp_cb_connected(s);
	else
		tcp_cb_accepted(s);
}

/* 3.10.7.2: LISTEN. */
static void in_listen(struct tcp_sock *l, const struct net_addr *src,
		      const struct net_addr *dst, const struct tcp_seg *g)
{
	struct tcp_stack *t = l->t;
	struct tcp_sock *c;

	if (g->flags & TCP_RST)
		return;
	if (g->flags & TCP_ACK) {
		tcp_reply_rst(t, src, dst, g);
		return;
	}
	if (!(g->flags & TCP_SYN)) {
		t->st.dropped++;
		return;
	}
	c = tcp_sock_new(t, dst, g->dport, src, g->sport);
	if (!c)
		return;
	c->parent = l;
	c->cb = l->cb;
	c->ctx = l->ctx;
	c->state = TCP_LISTEN; /* where RFC 9293 has it: a copy of l */
	c->irs = g->seq;
	c->rcv_nxt = g->seq + 1;
	c->iss = tcp_isn(t);
	c->snd_una = c->snd_nxt = c->snd_max = c->iss;
	c->sbuf_seq = c->iss + 1;
	tcp_set_mss(c, g);
	set_window(c, g);
	t->st.passive_opens++;
	tcp_state_set(c, TCP_SYN_RECEIVED);
	tcp_send_syn(c);
}

/* 3.10.7.3: SYN-SENT. */
static void in_syn_sent(struct tcp_sock *s, const struct net_addr *src,
			const struct net_addr *dst, const struct tcp_seg *g)
{
	bool ack = g->flags & TCP_ACK;

	if (ack &&
	    (tcp_seq_le(g->ack, s->iss) || tcp_seq_gt(g->ack, s->snd_max))) {
		tcp_reply_rst(s->t, src, dst, g);
		s->t->st.dropped++;
		return;
	}
	if (g->flags & TCP_RST) {
		if (ack)
			tcp_sock_end(s, TCP_END_REFUSED);
		return;
	}
	if (!(g->flags & TCP_SYN)) {
		s->t->st.dropped++;
		return;
	}
	s->irs = g->seq;
	s->rcv_nxt = g->seq + 1;
	tcp_set_mss(s, g);
	set_window(s, g);
	if (ack)
		tcp_ack_advance(s, g->ack);
	if (tcp_seq_gt(s->snd_una, s->iss)) {
		s->ack_now = true;
		establish(s);
		return;
	}
	/* Simultaneous open: SYN,ACK from SYN-RECEIVED. */
	tcp_state_set(s, TCP_SYN_RECEIVED);
	tcp_send_syn(s);
}

/* 3.10.7.4 first check: the acceptability table. */
static bool acceptable(const struct tcp_sock *s, const struct tcp_seg *g)
{
	uint32_t len = tcp_seg_seqlen(g), w = s->rcv_wnd;
	uint32_t rel = g->seq - s->rcv_nxt;

	if (!len)
		return w ? rel < w : rel == 0;
	if (!w)
		return false;
	return rel < w || (uint32_t)(g->seq + len - 1 - s->rcv_nxt) < w;
}

static void challenge_ack(struct tcp_sock *s)
{
	s->t->st.challenge_acks++;
	s->ack_now = true;
}

/* Second check: RST. */
static void in_rst(struct tcp_sock *s, const struct tcp_seg *g)
{
	if (g->seq != s->rcv_nxt) {
		challenge_ack(s);
		return;
	}
	switch (s->state) {
	case TCP_SYN_RECEIVED:
		if (!s->active) {
			tcp_sock_drop(s); /* back to LISTEN: the listener */
			return;
		}
		tcp_sock_end(s, TCP_END_REFUSED);
		return;
	case TCP_TIME_WAIT:
		tcp_sock_drop(s);
		return;
	default:
		tcp_sock_end(s, TCP_END_RESET);
		return;
	}
}

static void enter_time_wait(struct tcp_sock *s)
{
	tcp_state_set(s, TCP_TIME_WAIT);
	tcp_sock_end(s, TCP_END_CLOSED); /* detached, 2MSL running */
}

static bool fin_acked(const struct tcp_sock *s)
{
	return s->fin_queued &&
	       tcp_seq_gt(s->snd_una, s->sbuf_seq + (uint32_t)s->slen);
}

/* RFC 5681 section 2: a duplicate acknowledgment. */
static bool dup_ack(const struct tcp_sock *s, const struct tcp_seg *g)
{
	return g->ack == s->snd_una && !g->len &&
	       !(g->flags & (TCP_SYN | TCP_FIN)) && g->wnd == s->snd_wnd &&
	       s->snd_wnd && s->snd_una != s->snd_max;
}

/* Fifth check, synchronized states: false when the segment goes no
 * further (dropped, or the connection ended). */
static bool in_ack(struct tcp_sock *s, const struct tcp_seg *g)
{
	bool shut = !s->snd_wnd;

	if (tcp_seq_gt(g->ack, s->snd_max)) {
		s->t->st.dropped++;
		s->ack_now = true;
		return false;
	}
	/* RFC 5961 5.2: older than the largest window: challenge. */
	if (tcp_seq_lt(g->ack, s->snd_una - s->max_sndwnd)) {
		challenge_ack(s);
		return false;
	}
	if (tcp_seq_lt(s->snd_una, g->ack))
		tcp_ack_advance(s, g->ack);
	else if (!dup_ack(s, g))
		s->dupacks = 0; /* only duplicates in a row count */
	else if (++s->dupacks == 3)
		tcp_fast_rexmt(s);
	if (tcp_seq_ge(g->ack, s->snd_una) &&
	    (tcp_seq_lt(s->snd_wl1, g->seq) ||
	     (s->snd_wl1 == g->seq && tcp_seq_le(s->snd_wl2, g->ack))))
		set_window(s, g);
	if (!s->snd_wnd)
		s->retries = 0; /* the peer answers probes (3.8.6.1) */
	if (shut && s->snd_wnd && s->snd_una != s->snd_max) {
		/* The window opened over a probe it did not take: send
		 * from SND.UNA again, now. */
		s->snd_nxt = s->snd_una;
		node_timer_cancel(&s->rexmt);
	}
	if (s->snd_una == s->snd_max)
		node_timer_cancel(&s->rexmt); /* output re-arms a probe */
	switch (s->state) {
	case TCP_FIN_WAIT_1:
		if (fin_acked(s))
			tcp_state_set(s, TCP_FIN_WAIT_2);
		break;
	case TCP_CLOSING:
		if (fin_acked(s)) {
			enter_time_wait(s);
			return false;
		}
		break;
	case TCP_LAST_ACK:
		if (fin_acked(s)) {
			tcp_sock_end(s, TCP_END_CLOSED);
			return false;
		}
		break;
	default:
		break;
	}
	if (s->want_writable && tcp_sbuf_room(s)) {
		tcp_cb_writable(s);
		if (s->ended)
			return false;
	}
	return true;
}

/* Trim text to [RCV.NXT, RCV.NXT + RCV.WND); a FIN beyond is dropped. */
static void trim(const struct tcp_sock *s, struct tcp_seg *g)
{
	uint32_t wend = s->rcv_nxt + s->rcv_wnd;

	if (tcp_seq_lt(g->seq, s->rcv_nxt)) {
		uint32_t d = s->rcv_nxt - g->seq;

		if (d > g->len)
			d = (uint32_t)g->len;
		g->data += d;
		g->len -= d;
		g->seq += d;
	}
	if (tcp_seq_gt(g->seq + (uint32_t)g->len, wend)) {
		g->len = tcp_seq_lt(g->seq, wend) ? wend - g->seq : 0;
		g->flags &= (uint8_t)~TCP_FIN;
	}
}

/* Deliver n in-order bytes, then what reassembly has after them. */
static void deliver(struct tcp_sock *s, const uint8_t *p, size_t n)
{
	bool filled = false;

	s->rcv_nxt += (uint32_t)n;
	s->bytes_rx += n;
	tcp_rcv_advance(s, n);
	tcp_cb_recv(s, p, n);
	while (!s->ended && !s->fin_rcvd && (n = tcp_rcv_next(s, &p)) > 0) {
		filled = true;
		s->rcv_nxt += (uint32_t)n;
		s->bytes_rx += n;
		tcp_rcv_advance(s, n);
		tcp_cb_recv(s, p, n);
	}
	if (!s->ended)
		tcp_ack_schedule(s, filled || s->ooo_bytes); /* RFC 5681 4.2 */
}

/* Seventh step: segment text. */
static void in_text(struct tcp_sock *s, const struct tcp_seg *g)
{
	if (s->state != TCP_ESTABLISHED && s->state != TCP_FIN_WAIT_1 &&
	    s->state != TCP_FIN_WAIT_2)
		return; /* after the peer's FIN: ignored */
	if (g->seq == s->rcv_nxt) {
		deliver(s, g->data, g->len);
		return;
	}
	tcp_rcv_store(s, g->seq, g->data, g->len);
	tcp_ack_schedule(s, true); /* a duplicate ACK at once */
}

/* Eighth step: FIN (in order only). */
static void in_fin(struct tcp_sock *s, const struct tcp_seg *g)
{
	if (g->seq + (uint32_t)g->len != s->rcv_nxt || s->fin_rcvd) {
		tcp_ack_schedule(s, true);
		return;
	}
	s->rcv_nxt++;
	s->fin_rcvd = true;
	tcp_rcv_flush(s);
	tcp_ack_schedule(s, true);
	switch (s->state) {
	case TCP_SYN_RECEIVED:
	case TCP_ESTABLISHED:
		tcp_state_set(s, TCP_CLOSE_WAIT);
		tcp_cb_peer_closed(s);
		break;
	case TCP_FIN_WAIT_1:
		tcp_state_set(s, TCP_CLOSING);
		tcp_cb_peer_closed(s);
		break;
	case TCP_FIN_WAIT_2:
		tcp_cb_peer_closed(s);
		if (!s->ended)
			enter_time_wait(s);
		break;
	default:
		break;
	}
}

/* The SYN-RECEIVED half of the fifth check; false: no further. */
static bool in_ack_synrcvd(struct tcp_sock *s, const struct net_addr *src,
			   const struct net_addr *dst, const struct tcp_seg *g)
{
	if (!tcp_seq_lt(s->snd_una, g->ack) || tcp_seq_gt(g->ack, s->snd_max)) {
		tcp_reply_rst(s->t, src, dst, g);
		return false;
	}
	tcp_ack_advance(s, g->ack);
	set_window(s, g);
	establish(s);
	return !s->ended;
}

/* 3.10.7.4: the synchronized states and SYN-RECEIVED. */
static void in_sync(struct tcp_sock *s, const struct net_addr *src,
		    const struct net_addr *dst, struct tcp_seg *g)
{
	/* The peer's SYN again (its SYN,ACK in a simultaneous open, or a
	 * retransmission): only what follows the SYN is new. It is
	 * answered, so that a peer whose ACK or SYN,ACK was lost hears us
	 * (our SYN,ACK again from SYN-RECEIVED). */
	if ((g->flags & TCP_SYN) && g->seq == s->irs) {
		g->flags &= (uint8_t)~TCP_SYN;
		g->seq++;
		s->ack_now = true;
	}
	if (!acceptable(s, g)) {
		s->t->st.dropped++;
		if (g->flags & TCP_RST)
			return;
		/* A FIN again in TIME-WAIT restarts 2MSL (3.10.7.4). */
		if (s->state == TCP_TIME_WAIT && (g->flags & TCP_FIN))
			tcp_tw_start(s);
		s->ack_now = true;
		return;
	}
	tcp_ka_reset(s);
	if (g->flags & TCP_RST) {
		in_rst(s, g);
		return;
	}
	if (g->flags & TCP_SYN) {
		if (s->state == TCP_SYN_RECEIVED && !s->active)
			tcp_sock_drop(s); /* back to LISTEN */
		else
			challenge_ack(s);
		return;
	}
	if (!(g->flags & TCP_ACK))
		return;
	if (s->state == TCP_SYN_RECEIVED && !in_ack_synrcvd(s, src, dst, g))
		return;
	if (!in_ack(s, g))
		return;
	trim(s, g);
	if (g->len) {
		in_text(s, g);
		if (s->ended)
			return;
	}
	if (g->flags & TCP_FIN)
		in_fin(s, g);
}

void tcp_input(struct tcp_stack *t, const struct net_addr *src,
	       const struct net_addr *dst, const uint8_t *seg, size_t len)
{
	struct tcp_seg g;
	struct tcp_sock *s;
	enum tcp_seg_err e;

	if (!t || !src || !dst)
		return;
	t->st.segs_in++;
	e = tcp_seg_decode(seg, len, src, dst, &g);
	if (e != TCP_SEG_OK) {
		if (e == TCP_SEG_E_CHECKSUM)
			t->st.bad_checksum++;
		else
			t->st.malformed++;
		return;
	}
	if (g.flags & TCP_RST)
		t->st.rst_in++;
	/* RFC 9293 3.9.2 / RFC 1122 4.2.3.10: nothing from or to a
	 * multicast address, nothing from the unspecified address. */
	if (net_addr_is_multicast(dst) || net_addr_is_multicast(src) ||
	    net_addr_is_unspec(src)) {
		t->st.dropped++;
		return;
	}
	s = tcp_lookup(t, src, g.sport, dst, g.dport);
	if (s && s->state == TCP_TIME_WAIT && (g.flags & TCP_SYN) &&
	    !(g.flags & (TCP_ACK | TCP_RST)) && tcp_seq_gt(g.seq, s->rcv_nxt)) {
		tcp_sock_drop(s); /* RFC 9293 3.6.1: a new incarnation */
		s = tcp_lookup(t, src, g.sport, dst, g.dport);
	}
	if (!s) {
		t->st.no_socket++;
		tcp_reply_rst(t, src, dst, &g);
		return;
	}
	tcp_hold(s);
	s->segs_rx++;
	switch (s->state) {
	case TCP_LISTEN:
		in_listen(s, src, dst, &g);
		break;
	case TCP_SYN_SENT:
		in_syn_sent(s, src, dst, &g);
		break;
	default:
		in_sync(s, src, dst, &g);
		break;
	}
	tcp_output(s);
	tcp_release(s);
}
