/*
 * TCP output: building a connection's segments from its sequence state and
 * send buffer, the send policy (RFC 9293 3.8.6: send window, sender-side
 * silly window avoidance of 3.8.6.2.1; no Nagle algorithm: every tcp_send
 * is pushed, as with TCP_NODELAY), the congestion window of RFC 5681
 * section 3.1 (initial window, slow start, congestion avoidance, one
 * segment after a timeout) with the fast retransmit of section 3.2 (on the
 * third duplicate ACK; no fast recovery: the window restarts from one
 * segment, as after a timeout), acknowledgment processing
 * on the send side (buffer release, RTT samples), the retransmission timer
 * of RFC 6298 (SRTT/RTTVAR/RTO of section 2, the timer rules of section
 * 5, Karn's algorithm of section 3: retransmitted segments give no
 * sample), zero-window probing (RFC 9293 3.8.6.1), and the resets of RFC
 * 9293 3.10.7.1 (segments to no connection) and 3.10.5 (ABORT).
 */
#include "protocols/tcp/tcp_int.h"

#include <string.h>

static uint16_t adv_wnd(const struct tcp_sock *s)
{
	return (uint16_t)(s->rcv_wnd > TCP_MAX_WND ? TCP_MAX_WND : s->rcv_wnd);
}

/* Copy n bytes of the send buffer, from off bytes after its start. */
static void sbuf_get(const struct tcp_sock *s, size_t off, uint8_t *dst,
		     size_t n)
{
	size_t pos = (s->shead + off) % s->scap;
	size_t first = s->scap - pos < n ? s->scap - pos : n;

	memcpy(dst, s->sbuf + pos, first);
	memcpy(dst + first, s->sbuf, n - first);
}

/* Build and send one segment; text is n bytes from buffer offset off. */
static int xmit(struct tcp_sock *s, uint32_t seq, uint8_t flags, size_t off,
		size_t n)
{
	struct tcp_stack *t = s->t;
	uint8_t data[TCP_MSS_MAX], buf[TCP_HDR_MAX + TCP_MSS_MAX];
	struct tcp_seg g = {
		.sport = s->lport,
		.dport = s->rport,
		.seq = seq,
		.flags = flags,
		.wnd = adv_wnd(s),
		.data = data,
		.len = n,
	};
	int len;

	if (n > sizeof(data))
		return -1;
	if (flags & TCP_ACK)
		g.ack = s->rcv_nxt;
	if (flags & TCP_SYN) {
		g.has_mss = true;
		g.mss = tcp_our_mss(t, s->local.af);
	}
	if (n)
		sbuf_get(s, off, data, n);
	len = tcp_seg_encode(&g, &s->local, &s->remote, buf, sizeof(buf));
	if (flags & TCP_ACK) {
		/* This segment carries the acknowledgment owed. */
		s->ack_now = false;
		s->ack_pending = 0;
		node_timer_cancel(&s->dack);
	}
	if (len < 0 ||
	    t->ops->ip_send(t->ctx, &s->local, &s->remote, buf, (size_t)len)) {
		t->st.send_failed++;
		return -1;
	}
	s->segs_tx++;
	t->st.segs_out++;
	if (flags & TCP_RST)
		t->st.rst_out++;
	return 0;
}

void tcp_send_ack(struct tcp_sock *s)
{
	/* The highest sequence number sent, not a SND.NXT moved back by a
	 * timeout: the peer may have had the text since, and would find
	 * an older number unacceptable (and answer with an ACK, and so
	 * on). */
	xmit(s, s->snd_max, TCP_ACK, 0, 0);
}

void tcp_send_keepalive(struct tcp_sock *s)
{
	xmit(s, s->snd_una - 1, TCP_ACK, 0, 0);
}

void tcp_send_rst(struct tcp_sock *s)
{
	/* SND.NXT as the peer is most likely to expect it (RFC 9293
	 * 3.10.5): the highest sequence number sent. */
	xmit(s, s->snd_max, TCP_RST, 0, 0);
}

int tcp_send_syn(struct tcp_sock *s)
{
	bool again = tcp_seq_gt(s->snd_max, s->iss);
	uint8_t flags = TCP_SYN;
	int rc;

	if (s->state == TCP_SYN_RECEIVED)
		flags |= TCP_ACK;
	if (again) {
		s->retransmits++;
		s->t->st.retransmits++;
		s->rtt_on = false; /* Karn: no sample from a retransmission */
	} else {
		s->rtt_on = true;
		s->rtt_seq = s->iss + 1;
		s->rtt_t0 = node_now(s->t->node);
	}
	rc = xmit(s, s->iss, flags, 0, 0);
	s->snd_nxt = s->iss + 1;
	if (!again)
		s->snd_max = s->iss + 1;
	tcp_rexmt_arm(s);
	return rc;
}

void tcp_reply_rst(struct tcp_stack *t, const struct net_addr *src,
		   const struct net_addr *dst, const struct tcp_seg *g)
{
	uint8_t buf[TCP_HDR_MIN];
	struct tcp_seg r = { .sport = g->dport, .dport = g->sport };
	int len;

	if (g->flags & TCP_RST)
		return; /* never answer a reset */
	if (net_addr_is_multicast(dst) || net_addr_is_multicast(src))
		return;
	if (g->flags & TCP_ACK) {
		r.seq = g->ack;
		r.flags = TCP_RST;
	} else {
		r.ack = g->seq + tcp_seg_seqlen(g);
		r.flags = TCP_RST | TCP_ACK;
	}
	len = tcp_seg_encode(&r, dst, src, buf, sizeof(buf));
	if (len < 0 || t->ops->ip_send(t->ctx, dst, src, buf, (size_t)len)) {
		t->st.send_failed++;
		return;
	}
	t->st.segs_out++;
	t->st.rst_out++;
}

size_t tcp_sbuf_room(const struct tcp_sock *s)
{
	size_t cap = s->sbuf ? s->scap : s->t->cfg.snd_buf;

	return cap > s->slen ? cap - s->slen : 0;
}

uint32_t tcp_flight(const struct tcp_sock *s)
{
	return s->snd_max - s->snd_una;
}

/* RFC 5681 section 3.1, equation 3 (one segment after a lost SYN). */
uint32_t tcp_iw(const struct tcp_sock *s)
{
	uint32_t m = s->smss;

	if (s->syn_rexmit)
		return m;
	if (m > 2190)
		return 2 * m;
	if (m > 1095)
		return 3 * m;
	return 4 * m;
}

static bool can_send_data(enum tcp_state st)
{
	return st == TCP_ESTABLISHED || st == TCP_CLOSE_WAIT ||
	       st == TCP_FIN_WAIT_1 || st == TCP_CLOSING || st == TCP_LAST_ACK;
}

/*
 * One segment at snd_nxt if the windows and the silly window rule allow
 * (or regardless with force: a timeout or a probe). Returns true when a
 * segment was built (sent or lost on the way).
 */
static bool output_one(struct tcp_sock *s, bool force)
{
	uint32_t off = s->snd_nxt - s->sbuf_seq;
	uint32_t wnd = s->snd_wnd < s->cwnd ? s->snd_wnd : s->cwnd;
	uint32_t inflight = s->snd_nxt - s->snd_una;
	size_t avail, len, usable;
	bool fin, rexmit = tcp_seq_lt(s->snd_nxt, s->snd_max);
	uint8_t flags = TCP_ACK;

	if (off > s->slen)
		return false; /* the FIN is out */
	avail = s->slen - off;
	usable = wnd > inflight ? wnd - inflight : 0;
	if (force && usable < 1)
		usable = 1;
	len = avail < usable ? avail : usable;
	if (len > s->smss)
		len = s->smss;
	fin = s->fin_queued && len == avail && s->state != TCP_ESTABLISHED &&
	      s->state != TCP_CLOSE_WAIT;
	if (!len && !fin)
		return false;
	/* RFC 9293 3.8.6.2.1: a short segment only when it empties the
	 * buffer or fills half the largest window offered. */
	if (!force && len < s->smss && len < avail && len < s->max_sndwnd / 2)
		return false;
	if (len && len == avail)
		flags |= TCP_PSH;
	if (fin)
		flags |= TCP_FIN;
	if (!rexmit && !s->rtt_on && !force) {
		s->rtt_on = true;
		s->rtt_seq = s->snd_nxt + (uint32_t)len + fin;
		s->rtt_t0 = node_now(s->t->node);
	}
	if (rexmit) {
		s->retransmits++;
		s->t->st.retransmits++;
	} else {
		s->bytes_tx += len;
	}
	xmit(s, s->snd_nxt, flags, off, len);
	s->last_tx = node_now(s->t->node);
	s->snd_nxt += (uint32_t)len + fin;
	if (tcp_seq_gt(s->snd_nxt, s->snd_max))
		s->snd_max = s->snd_nxt;
	tcp_rexmt_arm(s);
	return true;
}

/* RFC 5681 4.1: after an idle period longer than the RTO the sender
 * starts again from the restart window. */
static void idle_restart(struct tcp_sock *s)
{
	if (s->snd_una == s->snd_max &&
	    node_now(s->t->node) - s->last_tx > s->rto) {
		uint32_t rw = tcp_iw(s);

		if (s->cwnd > rw)
			s->cwnd = rw;
	}
}

void tcp_output(struct tcp_sock *s)
{
	if (s->ended)
		return;
	if (can_send_data(s->state)) {
		idle_restart(s);
		while (output_one(s, false))
			;
		/* Data waits on a window that will not open by itself:
		 * the probe timer (RFC 9293 3.8.6.1) or the silly window
		 * override timer sends it anyway. */
		if (s->snd_una == s->snd_max &&
		    tcp_seq_lt(s->snd_nxt, s->sbuf_seq + (uint32_t)s->slen))
			tcp_rexmt_arm(s);
	}
	if (!s->ack_now)
		return;
	if (s->state == TCP_SYN_RECEIVED) {
		/* What the peer needs to hear here is our SYN again. */
		s->ack_now = false;
		tcp_send_syn(s);
	} else if (s->state != TCP_LISTEN && s->state != TCP_CLOSED &&
		   s->state != TCP_SYN_SENT) {
		tcp_send_ack(s);
	}
}

void tcp_rtt_update(struct tcp_sock *s, sim_time_t r)
{
	const struct tcp_cfg *c = &s->t->cfg;
	sim_time_t k;

	if (r < 0)
		return;
	if (!s->have_rtt) {
		/* RFC 6298 2.2 */
		s->srtt = r;
		s->rttvar = r / 2;
		s->have_rtt = true;
	} else {
		/* RFC 6298 2.3: beta 1/4, alpha 1/8; RTTVAR first, from
		 * the old SRTT. */
		sim_time_t d = s->srtt > r ? s->srtt - r : r - s->srtt;

		s->rttvar = (3 * s->rttvar + d) / 4;
		s->srtt = (7 * s->srtt + r) / 8;
	}
	/* RTO = SRTT + max(G, K*RTTVAR), K = 4, G = 1 ns (the clock's
	 * granularity); 2.4 and 2.5 bound it. */
	k = 4 * s->rttvar;
	s->rto = s->srtt + (k > SIM_NS(1) ? k : SIM_NS(1));
	if (s->rto < c->rto_min)
		s->rto = c->rto_min;
	if (s->rto > c->rto_max)
		s->rto = c->rto_max;
}

/* RFC 5681 3.1: slow start below ssthresh, congestion avoidance above. */
static void cwnd_open(struct tcp_sock *s, uint32_t acked)
{
	uint32_t inc;

	if (s->state < TCP_ESTABLISHED)
		return;
	if (s->cwnd < s->ssthresh)
		inc = acked < s->smss ? acked : s->smss;
	else
		inc = (uint32_t)((uint64_t)s->smss * s->smss / s->cwnd);
	if (!inc)
		inc = 1;
	if (s->cwnd < UINT32_MAX / 2)
		s->cwnd += inc;
}

void tcp_ack_advance(struct tcp_sock *s, uint32_t ack)
{
	uint32_t acked = ack - s->snd_una;

	if (tcp_seq_gt(ack, s->sbuf_seq)) {
		uint32_t n = ack - s->sbuf_seq;

		if (n > s->slen)
			n = (uint32_t)s->slen;
		if (n) {
			s->shead = (s->shead + n) % s->scap;
			s->slen -= n;
			s->sbuf_seq += n;
		}
	}
	s->snd_una = ack;
	s->dupacks = 0;
	if (tcp_seq_lt(s->snd_nxt, ack))
		s->snd_nxt = ack;
	s->retries = 0;
	if (s->rtt_on && tcp_seq_ge(ack, s->rtt_seq)) {
		s->rtt_on = false;
		tcp_rtt_update(s, node_now(s->t->node) - s->rtt_t0);
	}
	cwnd_open(s, acked);
	/* RFC 6298 5.2 and 5.3. */
	node_timer_cancel(&s->rexmt);
	if (s->snd_una != s->snd_max)
		tcp_rexmt_arm(s);
}

static sim_time_t backoff(const struct tcp_sock *s)
{
	sim_time_t max = s->t->cfg.rto_max;

	return s->rto > max / 2 ? max : 2 * s->rto;
}

/* RFC 5681 equation 4, and the loss window of one segment. */
static void cwnd_loss(struct tcp_sock *s)
{
	uint32_t half = tcp_flight(s) / 2;

	s->ssthresh = half > 2u * s->smss ? half : 2u * s->smss;
	s->cwnd = s->smss;
}

void tcp_fast_rexmt(struct tcp_sock *s)
{
	if (!can_send_data(s->state) || !tcp_flight(s))
		return;
	cwnd_loss(s);
	s->rtt_on = false; /* Karn */
	s->snd_nxt = s->snd_una;
	output_one(s, true);
}

void tcp_rexmt_timeout(struct tcp_sock *s)
{
	const struct tcp_cfg *c = &s->t->cfg;
	uint32_t flight = tcp_flight(s);

	if (s->state == TCP_SYN_SENT || s->state == TCP_SYN_RECEIVED) {
		if (s->retries >= c->syn_retries) {
			if (s->user)
				tcp_sock_end(s, TCP_END_TIMEOUT);
			else
				tcp_sock_drop(s);
			return;
		}
		s->retries++;
		s->syn_rexmit = true;
		s->rto = backoff(s);
		tcp_send_syn(s);
		return;
	}
	if (!can_send_data(s->state))
		return;
	if (!flight && !tcp_seq_lt(s->snd_nxt, s->sbuf_seq + (uint32_t)s->slen))
		return; /* nothing to send after all */
	/* R2 of RFC 9293 3.8.3: give up (an answered zero-window probe
	 * resets the count, 3.8.6.1). */
	if (s->retries >= c->data_retries) {
		tcp_sock_end(s, TCP_END_TIMEOUT);
		return;
	}
	s->retries++;
	if (flight && s->snd_wnd)
		cwnd_loss(s); /* a loss (not a zero-window probe) */
	/* RFC 6298 5.4-5.6 (a zero-window probe or the silly window
	 * override when nothing is in flight). */
	s->rto = backoff(s);
	s->rtt_on = false; /* Karn */
	s->snd_nxt = s->snd_una;
	output_one(s, true);
}
