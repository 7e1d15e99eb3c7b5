/*
 * Internals of the TCP stack shared by its files: the connection record
 * (the TCB of RFC 9293 section 3.3.1, with the send buffer that doubles as
 * the retransmission queue, the reassembly buffer and the RFC 6298 and RFC
 * 5681 variables), modular sequence comparisons (RFC 9293 section 3.4) and
 * the functions each file offers the others. tcp.c: stack, sockets, the
 * state setter; tcp_in.c: segment arrival (RFC 9293 3.10.7); tcp_out.c:
 * segment building, output, acknowledgment processing, RTO (RFC 6298),
 * congestion window (RFC 5681 3.1); tcp_timer.c: the timers.
 */
#ifndef TCP_INT_H
#define TCP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/tcp/tcp.h"
#include "protocols/tcp/tcp_seg.h"

#define TCP_EPH_MIN	  49152 /* RFC 6335 dynamic ports */
#define TCP_EPH_COUNT	  16384
#define TCP_MSS_DFLT4	  536	   /* RFC 9293 3.7.1: no MSS option, IPv4 */
#define TCP_MSS_DFLT6	  1220	   /* RFC 8200 minimum MTU 1280 - 60 */
#define TCP_IP6_EXTRA	  20	   /* IPv6 header is 20 bytes longer */
#define TCP_RTO_AFTER_SYN SIM_S(3) /* RFC 6298 section 5.7 */
#define TCP_MAX_WND	  65535	   /* no window scaling (RFC 7323 not used) */
#define TCP_MSS_MIN	  88	   /* 64 after the IPv6 adjustment */
#define TCP_MSS_MAX	  9000	   /* jumbo frames at most */

/* Sequence number arithmetic modulo 2^32 (RFC 9293 section 3.4). */
static inline bool tcp_seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}
static inline bool tcp_seq_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}
static inline bool tcp_seq_gt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}
static inline bool tcp_seq_ge(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) >= 0;
}

struct tcp_stack {
	struct node *node;
	struct tcp_cfg cfg;
	const struct tcp_ops *ops;
	void *ctx;
	struct tcp_sock *head, *tail; /* every socket, in creation order */
	uint32_t next_id;	      /* socket ids for displays */
	struct tcp_stack_stats st;
};

struct tcp_sock {
	struct tcp_stack *t;
	struct tcp_sock *prev, *next;
	/* The listener of a passive connection not yet accepted (NULL once
	 * accepted, or when the listener went away first). */
	struct tcp_sock *parent;
	uint32_t id;
	enum tcp_state state;
	bool active;   /* opened by tcp_connect */
	bool user;     /* the application knows it: callbacks go out */
	bool ended;    /* over: freed as soon as nothing uses it */
	unsigned busy; /* input or a timer is working on it */
	struct tcp_cb cb;
	void *ctx;
	struct net_addr local, remote;
	uint16_t lport, rport;

	/* Send sequence variables (RFC 9293 3.3.1). snd_max is the highest
	 * sequence number sent plus one; snd_nxt goes back to snd_una on a
	 * retransmission timeout (go-back-N). */
	uint32_t iss, snd_una, snd_nxt, snd_max;
	uint32_t snd_wnd, snd_wl1, snd_wl2;
	uint32_t max_sndwnd;	 /* largest window the peer offered */
	uint16_t smss;		 /* effective send MSS (RFC 9293 3.7.1) */
	uint32_t cwnd, ssthresh; /* RFC 5681 3.1, bytes */
	/* Send buffer (ring): the bytes from sequence sbuf_seq on, first
	 * those sent and not acknowledged (the retransmission queue), then
	 * those not sent yet. */
	uint8_t *sbuf;
	size_t scap, shead, slen;
	uint32_t sbuf_seq;
	bool fin_queued; /* tcp_close: FIN at sbuf_seq + slen */
	bool want_writable;

	/* Receive sequence variables. */
	uint32_t irs, rcv_nxt, rcv_wnd;
	bool fin_rcvd;
	/* Out-of-order text kept for reassembly, a ring of rcv_wnd bytes
	 * (allocated on first use): sequence rcv_nxt + i is byte
	 * (ooo_base + i) % rcv_wnd, present when its bit in ooo_map is
	 * set. */
	uint8_t *ooo, *ooo_map;
	size_t ooo_base;      /* index of sequence rcv_nxt in the ring */
	size_t ooo_bytes;     /* bytes held */
	unsigned ack_pending; /* segments received and not acknowledged */
	bool ack_now;	      /* send an ACK with the next output */

	/* RFC 6298: SRTT, RTTVAR, RTO; one segment timed at a time. */
	sim_time_t srtt, rttvar, rto;
	bool have_rtt;
	bool rtt_on;
	uint32_t rtt_seq; /* acknowledgment of this ends the sample */
	sim_time_t rtt_t0;
	unsigned retries; /* consecutive timeouts (R2, RFC 9293 3.8.3) */
	unsigned dupacks; /* duplicate ACKs in a row (RFC 5681 3.2) */
	bool syn_rexmit;  /* the SYN was retransmitted (RFC 6298 5.7) */
	sim_time_t last_tx;

	/* Keepalive (RFC 9293 3.8.4); idle 0: off. */
	sim_time_t ka_idle, ka_intvl;
	unsigned ka_count, ka_probes;

	struct node_timer rexmt; /* retransmission and zero-window probe */
	struct node_timer tw;	 /* TIME-WAIT 2MSL; unreachable notice */
	struct node_timer ka;	 /* keepalive */
	struct node_timer dack;	 /* delayed acknowledgment */

	uint64_t bytes_tx, bytes_rx, segs_tx, segs_rx, retransmits;
};

/* ---- tcp.c ---- */
struct tcp_sock *tcp_sock_new(struct tcp_stack *t, const struct net_addr *local,
			      uint16_t lport, const struct net_addr *remote,
			      uint16_t rport);
/* The only place a socket's state changes: logs "state" and counts. */
void tcp_state_set(struct tcp_sock *s, enum tcp_state st);
/*
 * The connection is over: timers stop, the state becomes CLOSED (or
 * stays TIME-WAIT, detached, when tw is true), the application hears
 * `closed` once, and the socket is freed when nothing uses it.
 */
void tcp_sock_end(struct tcp_sock *s, enum tcp_end why);
/* Remove a socket nobody will hear about (TIME-WAIT expiry, a passive
 * connection that failed before it was accepted). */
void tcp_sock_drop(struct tcp_sock *s);
void tcp_hold(struct tcp_sock *s);
void tcp_release(struct tcp_sock *s);
/* The socket for a segment: the exact connection, else a listener on
 * dst (a specific address before the wildcard). */
struct tcp_sock *tcp_lookup(struct tcp_stack *t, const struct net_addr *src,
			    uint16_t sport, const struct net_addr *dst,
			    uint16_t dport);
/* RFC 9293 3.7.1: the MSS used on a connection of this family. */
uint16_t tcp_our_mss(const struct tcp_stack *t, enum net_af af);
uint32_t tcp_isn(struct tcp_stack *t);
void tcp_set_mss(struct tcp_sock *s, const struct tcp_seg *g);
/* Application callbacks (no-ops for sockets the application does not
 * know); after each, check s->ended. */
void tcp_cb_connected(struct tcp_sock *s);
void tcp_cb_accepted(struct tcp_sock *s);
void tcp_cb_recv(struct tcp_sock *s, const uint8_t *p, size_t n);
void tcp_cb_peer_closed(struct tcp_sock *s);
void tcp_cb_writable(struct tcp_sock *s);

/* ---- tcp_out.c ---- */
/* Send what the window and the buffer allow (and a pending ACK). */
void tcp_output(struct tcp_sock *s);
/* A segment with no text from the socket's sequence state. */
void tcp_send_ack(struct tcp_sock *s);
/* SYN or SYN,ACK by state; 0, or -1 when it could not leave. */
int tcp_send_syn(struct tcp_sock *s);
/* RFC 9293 3.8.4: a keepalive probe, SEG.SEQ = SND.NXT - 1, no text. */
void tcp_send_keepalive(struct tcp_sock *s);
void tcp_send_rst(struct tcp_sock *s);
/* RFC 9293 3.10.7.1: the reset answering segment g (never to a RST). */
void tcp_reply_rst(struct tcp_stack *t, const struct net_addr *src,
		   const struct net_addr *dst, const struct tcp_seg *g);
/* Acknowledgment of new data up to ack (SND.UNA < ack <= snd_max):
 * frees the buffer, samples the RTT, restarts or stops the timer
 * (RFC 6298 5.2, 5.3), opens the congestion window. */
void tcp_ack_advance(struct tcp_sock *s, uint32_t ack);
/* RFC 6298 section 2: fold one RTT measurement in. */
void tcp_rtt_update(struct tcp_sock *s, sim_time_t r);
/* RFC 6298 5.4-5.6 / RFC 5681 3.1: the retransmission timer expired. */
void tcp_rexmt_timeout(struct tcp_sock *s);
/* RFC 5681 3.2: the third duplicate ACK. */
void tcp_fast_rexmt(struct tcp_sock *s);
uint32_t tcp_flight(const struct tcp_sock *s);
uint32_t tcp_iw(const struct tcp_sock *s);
size_t tcp_sbuf_room(const struct tcp_sock *s);

/* ---- tcp_rcv.c: out-of-order text ---- */
/* Keep n bytes at sequence seq (rcv_nxt < seq, inside the window). */
void tcp_rcv_store(struct tcp_sock *s, uint32_t seq, const uint8_t *p,
		   size_t n);
/* rcv_nxt is about to advance by n: forget what was kept for those. */
void tcp_rcv_advance(struct tcp_sock *s, size_t n);
/* Kept bytes starting at rcv_nxt (contiguous in memory): *p and the
 * count, 0 when the next byte is missing. */
size_t tcp_rcv_next(const struct tcp_sock *s, const uint8_t **p);
void tcp_rcv_flush(struct tcp_sock *s);

/* ---- tcp_timer.c ---- */
int tcp_timers_init(struct tcp_sock *s);
void tcp_timers_fini(struct tcp_sock *s);
void tcp_timers_stop(struct tcp_sock *s);
void tcp_rexmt_arm(struct tcp_sock *s);
void tcp_ka_reset(struct tcp_sock *s);
void tcp_tw_start(struct tcp_sock *s);
/* Acknowledge received data now or within cfg.delayed_ack. */
void tcp_ack_schedule(struct tcp_sock *s, bool now);

#endif
