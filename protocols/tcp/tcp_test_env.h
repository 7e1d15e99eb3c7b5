/*
 * The test environment of the TCP tests (no RFC logic here): two TCP
 * stacks, A (10.0.0.1 / 2001:db8::1) and B (10.0.0.2 / 2001:db8::2), on
 * probe nodes of one node_tw world that owns the clock. Every segment a
 * stack sends is recorded (time, decoded header, bytes). In scripted mode
 * the test plays B itself: it pops what A sent and injects segments to A;
 * in wire mode segments cross to the other stack after a delay, unless a
 * drop rule loses them. An application recorder counts the callbacks of
 * each socket and keeps what it received.
 */
#ifndef TCP_TEST_ENV_H
#define TCP_TEST_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/tcp/tcp.h"
#include "protocols/tcp/tcp_seg.h"
#include "sim/node/node_testlib.h"

#define TENV_MAX_SEGS 4096
#define TENV_RX_MAX   (1024 * 1024)

struct tenv;
struct flight;

struct tenv_seg {
	sim_time_t t;
	struct net_addr src, dst;
	struct tcp_seg g; /* g.data points into bytes */
	uint8_t *bytes;
	size_t len;
};

/* What the application saw on one socket. */
struct tenv_app {
	struct tcp_sock *s; /* the socket (accepted: the new one) */
	struct tcp_sock *listener;
	unsigned connected, accepted, peer_closed, writable, closed;
	enum tcp_end why;
	uint8_t *rx;
	size_t rxlen;
	unsigned recvs;
	/* Reactions: */
	bool close_on_peer_closed; /* tcp_close when the peer's FIN comes */
	bool abort_on_recv;	   /* tcp_abort inside the first recv */
	struct tenv_app *child;	   /* accepted sockets report here */
};

struct tenv_end {
	struct tenv *env;
	const char *name;
	struct node *node;
	struct tcp_stack *t;
	struct net_addr addr4, addr6;
	bool no_route; /* ip_send fails */
	struct tenv_seg *out;
	size_t nout, next; /* next: first not yet popped */
};

/* A drop rule: true loses the segment (n counts the sender's segments
 * from 0). */
typedef bool (*tenv_drop_fn)(void *arg, const struct tenv_end *from,
			     const struct tenv_seg *s, size_t n);

struct tenv {
	struct node_tw *w;
	struct tenv_end a, b;
	bool wire;
	sim_time_t delay; /* one-way, wire mode */
	tenv_drop_fn drop;
	void *drop_arg;
	size_t inflight;
	struct flight *flights; /* segments on their way (wire mode) */
};

/* cfg NULL: defaults. Stack B exists only in wire mode. */
void tenv_init(struct tenv *e, const struct tcp_cfg *cfg, bool wire);
/* Free the stacks (silently) and the world; fails the test on a leak. */
void tenv_fini(struct tenv *e);
/* The end's stack is lost (silently) and a new empty one takes its
 * place, as after a crash. */
void tenv_restart(struct tenv_end *x, const struct tcp_cfg *cfg);
/* No timer armed anywhere (every connection fully gone). */
void tenv_assert_idle(struct tenv *e);

void tenv_run(struct tenv *e, sim_time_t until);
void tenv_run_for(struct tenv *e, sim_time_t dt);
sim_time_t tenv_now(const struct tenv *e);

/* Scripted mode: the next segment A sent (fails the test if none). */
const struct tenv_seg *tenv_pop(struct tenv_end *x);
/* Fail unless nothing more was sent. */
void tenv_none(struct tenv_end *x);
/* Pop and check flags, sequence and acknowledgment numbers and text
 * length; returns the segment. */
const struct tenv_seg *tenv_expect(struct tenv_end *x, uint8_t flags,
				   uint32_t seq, uint32_t ack, size_t len);
/* Inject a segment to A from the peer (B's address of A's family). */
void tenv_inject(struct tenv *e, enum net_af af, uint16_t sport, uint16_t dport,
		 uint8_t flags, uint32_t seq, uint32_t ack, uint16_t wnd,
		 const void *data, size_t len, uint16_t mss);

/* Scripted opens: A's port, the peer's port and ISN. */
#define TENV_APORT 40000
#define TENV_BPORT 2046
#define TENV_PISS  1000u

/* A connects from TENV_APORT to B:TENV_BPORT (family af); the peer
 * answers SYN,ACK (ISN TENV_PISS, its MSS option peer_mss, 0: none, window
 * wnd) and A's ACK is checked. Returns A's ISS; app->s is the socket. */
uint32_t tenv_open_active(struct tenv *e, struct tenv_app *app, enum net_af af,
			  uint16_t peer_mss, uint16_t wnd);

/* Application callbacks recording into a struct tenv_app (ctx). */
extern const struct tcp_cb tenv_cb;
void tenv_app_free(struct tenv_app *app);

/* Log records of module "tcp" and event ev on node (A or B). */
size_t tenv_log_count(struct tenv *e, const char *node, const char *ev);

#endif
