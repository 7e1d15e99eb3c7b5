/*
 * TCP for in-simulation applications (RFC 9293; retransmission timer RFC
 * 6298; keepalive RFC 9293 section 3.8.4), IPv4 and IPv6, with a small
 * socket-like API: listen, connect, send, receive callbacks, close. One
 * stack per node; it reaches the world through ops (send an IP packet of
 * protocol 6) and is fed received segments with tcp_input. Segments are
 * real bytes with correct checksums (pseudo-header of either family).
 * Timers come from the node (freeze-gated); the initial sequence numbers
 * and ephemeral ports come from the node's random stream. State changes
 * are logged (module "tcp").
 */
#ifndef TCP_H
#define TCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"
#include "sim/node/node.h"

#define TCP_PROTO 6

/* RFC 9293 section 3.3.2 states. */
enum tcp_state {
	TCP_CLOSED,
	TCP_LISTEN,
	TCP_SYN_SENT,
	TCP_SYN_RECEIVED,
	TCP_ESTABLISHED,
	TCP_FIN_WAIT_1,
	TCP_FIN_WAIT_2,
	TCP_CLOSE_WAIT,
	TCP_CLOSING,
	TCP_LAST_ACK,
	TCP_TIME_WAIT,
	TCP_STATE__COUNT
};

const char *tcp_state_name(enum tcp_state s); /* "ESTABLISHED" ... */

/* Why a connection ended (closed callback). */
enum tcp_end {
	TCP_END_CLOSED,	   /* orderly close completed (both FINs) */
	TCP_END_RESET,	   /* RST received */
	TCP_END_REFUSED,   /* RST in answer to our SYN */
	TCP_END_TIMEOUT,   /* retransmissions exhausted (R2, RFC 9293 3.8.3) */
	TCP_END_KEEPALIVE, /* keepalive probes unanswered */
	TCP_END_ABORTED,   /* tcp_abort (we sent RST) */
	TCP_END_UNREACH,   /* no route / no source address */
	TCP_END__COUNT
};

const char *tcp_end_name(enum tcp_end e);

struct tcp_stack;
struct tcp_sock;

/* Callbacks of a socket; any may be NULL. After `closed` the socket is
 * gone: the application must forget it. */
struct tcp_cb {
	/* An active open completed (SYN-SENT -> ESTABLISHED). */
	void (*connected)(void *ctx, struct tcp_sock *s);
	/* A listener accepted a connection: s is new and ESTABLISHED; its
	 * callbacks are the listener's until tcp_set_cb. */
	void (*accepted)(void *ctx, struct tcp_sock *listener,
			 struct tcp_sock *s);
	/* In-order data (valid during the call). */
	void (*recv)(void *ctx, struct tcp_sock *s, const uint8_t *data,
		     size_t len);
	/* The peer sent FIN (no more data will come). */
	void (*peer_closed)(void *ctx, struct tcp_sock *s);
	/* Send buffer space became available after tcp_send refused. */
	void (*writable)(void *ctx, struct tcp_sock *s);
	void (*closed)(void *ctx, struct tcp_sock *s, enum tcp_end why);
};

struct tcp_ops {
	/* Send a segment (the TCP header onwards, checksum filled) from src
	 * to dst. 0, or -1 when it cannot leave (no route). */
	int (*ip_send)(void *ctx, const struct net_addr *src,
		       const struct net_addr *dst, const uint8_t *seg,
		       size_t len);
	/* Is a one of the node's addresses (a listener's local address
	 * check, a source for connect)? */
	bool (*is_local)(void *ctx, const struct net_addr *a);
};

/* Per-stack settings; tcp_cfg_default fills them. */
struct tcp_cfg {
	uint16_t mss;		/* our MSS, 1460 (IPv6: 1440) */
	uint32_t rcv_wnd;	/* receive window, 65535 */
	uint32_t snd_buf;	/* send buffer per socket, 256 KiB */
	sim_time_t rto_initial; /* RFC 6298 2.1: 1 s */
	sim_time_t rto_min;	/* RFC 6298 2.4: 1 s (configurable) */
	sim_time_t rto_max;	/* 60 s */
	unsigned syn_retries;	/* SYN retransmissions before giving up */
	unsigned data_retries;	/* R2 of RFC 9293 3.8.3 */
	sim_time_t time_wait;	/* 2 * MSL, 60 s */
	sim_time_t delayed_ack; /* 0: ack at once; else at most this */
};

void tcp_cfg_default(struct tcp_cfg *c);

struct tcp_stack *tcp_stack_new(struct node *n, const struct tcp_cfg *cfg,
				const struct tcp_ops *ops, void *ctx);
/* Silent: no segments, no callbacks. */
void tcp_stack_free(struct tcp_stack *t);

/* A received segment (the IP payload) from src to dst. Segments to no
 * socket are answered with RST (RFC 9293 3.10.7.1). */
void tcp_input(struct tcp_stack *t, const struct net_addr *src,
	       const struct net_addr *dst, const uint8_t *seg, size_t len);

/* Passive open on local:port (local unspecified with af set: any address
 * of that family). NULL when the port is taken. */
struct tcp_sock *tcp_listen(struct tcp_stack *t, const struct net_addr *local,
			    uint16_t port, const struct tcp_cb *cb, void *ctx);
/* Active open from src (sport 0: ephemeral) to dst:dport. NULL on a bad
 * argument or a taken 4-tuple; the result arrives by callback. */
struct tcp_sock *tcp_connect(struct tcp_stack *t, const struct net_addr *src,
			     uint16_t sport, const struct net_addr *dst,
			     uint16_t dport, const struct tcp_cb *cb,
			     void *ctx);
void tcp_set_cb(struct tcp_sock *s, const struct tcp_cb *cb, void *ctx);
/* Queue data: returns the bytes accepted (less than len when the send
 * buffer is full; `writable` follows), or -1 when the socket cannot
 * send. */
long tcp_send(struct tcp_sock *s, const void *data, size_t len);
/* Orderly close (FIN after queued data). A listener closes at once. */
void tcp_close(struct tcp_sock *s);
/* Abort: RST, and `closed` with TCP_END_ABORTED. */
void tcp_abort(struct tcp_sock *s);
/* Keepalive (RFC 9293 3.8.4, off by default): after idle, probes every
 * interval; count unanswered probes end the connection. */
void tcp_set_keepalive(struct tcp_sock *s, sim_time_t idle, sim_time_t interval,
		       unsigned count);

struct tcp_sock_info {
	enum tcp_state state;
	struct net_addr local, remote;
	uint16_t lport, rport;
	uint32_t snd_una, snd_nxt, rcv_nxt; /* relative to the ISNs */
	uint32_t snd_wnd;
	sim_time_t srtt, rttvar, rto; /* RFC 6298 */
	uint64_t bytes_tx, bytes_rx, segs_tx, segs_rx, retransmits;
	size_t queued; /* bytes not yet acknowledged */
};

void tcp_sock_info(const struct tcp_sock *s, struct tcp_sock_info *out);
enum tcp_state tcp_sock_state(const struct tcp_sock *s);
/* Every socket, for displays (the callback must not change the stack). */
void tcp_each_sock(const struct tcp_stack *t,
		   void (*fn)(void *arg, const struct tcp_sock *s), void *arg);

/* ---- additions by the TCP module (beyond the contract above) ---- */

/*
 * Notes on the calls above (README.md has the details):
 * - tcp_connect needs a source address; one the node does not have
 *   (ops->is_local) or a first SYN that cannot leave (no route) ends the
 *   socket with TCP_END_UNREACH from a timer at the same time, never
 *   inside tcp_connect.
 * - `closed` may be called from inside tcp_close (LISTEN, SYN-SENT) and
 *   tcp_abort; every socket the application knows hears it once.
 * - The active closer hears `closed` (TCP_END_CLOSED) on entering
 *   TIME-WAIT; the connection then lingers 2MSL without callbacks.
 * - Callbacks may call the API on any socket, but not tcp_stack_free;
 *   ops->ip_send must not call tcp_input synchronously.
 */

/* Stack-wide counters (`display tcp statistics`). */
struct tcp_stack_stats {
	uint64_t segs_in, segs_out;
	uint64_t malformed; /* failed tcp_seg_decode (not checksum) */
	uint64_t bad_checksum;
	uint64_t no_socket; /* to no socket: answered with RST */
	uint64_t rst_in, rst_out;
	uint64_t retransmits; /* segments sent again (timeouts, probes) */
	uint64_t active_opens, passive_opens;
	uint64_t established; /* connections that reached ESTABLISHED */
	uint64_t ends[TCP_END__COUNT]; /* how connections ended */
	uint64_t dropped;	 /* unacceptable or out-of-window segments */
	uint64_t challenge_acks; /* RFC 5961 via RFC 9293 3.10.7.4 */
	uint64_t send_failed;	 /* ops->ip_send returned -1 */
};

void tcp_stack_stats(const struct tcp_stack *t, struct tcp_stack_stats *out);
const struct tcp_cfg *tcp_stack_cfg(const struct tcp_stack *t);
struct node *tcp_stack_node(const struct tcp_stack *t);
/* A small number naming the socket in displays (creation order). */
uint32_t tcp_sock_id(const struct tcp_sock *s);
/* "Established", "Listening" ... as VRP's display tcp status writes. */
const char *tcp_state_vrp_name(enum tcp_state s);

#endif
