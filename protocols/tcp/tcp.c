/*
 * The TCP stack and its sockets: the user interface of RFC 9293 section
 * 3.9.1 in socket form (OPEN as tcp_listen / tcp_connect, SEND, CLOSE and
 * ABORT as in section 3.10.1 to 3.10.5), socket lookup (RFC 9293 3.10.7:
 * the connection, else a listener), ephemeral ports and initial sequence
 * numbers from the node's random stream (RFC 9293 3.4.1 asks for
 * unpredictable ISNs; a seeded stream keeps runs reproducible), the one
 * function that changes a connection's state (it writes the event log),
 * and the end of a connection (one `closed` callback per socket, sockets
 * freed once no input or timer is working on them).
 */
#include "protocols/tcp/tcp_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim_rng.h"

static const char *const state_names[TCP_STATE__COUNT] = {
	[TCP_CLOSED] = "CLOSED",	   [TCP_LISTEN] = "LISTEN",
	[TCP_SYN_SENT] = "SYN-SENT",	   [TCP_SYN_RECEIVED] = "SYN-RECEIVED",
	[TCP_ESTABLISHED] = "ESTABLISHED", [TCP_FIN_WAIT_1] = "FIN-WAIT-1",
	[TCP_FIN_WAIT_2] = "FIN-WAIT-2",   [TCP_CLOSE_WAIT] = "CLOSE-WAIT",
	[TCP_CLOSING] = "CLOSING",	   [TCP_LAST_ACK] = "LAST-ACK",
	[TCP_TIME_WAIT] = "TIME-WAIT",
};

/* VRP writes the states this way in `display tcp status`. */
static const char *const vrp_names[TCP_STATE__COUNT] = {
	[TCP_CLOSED] = "Closed",	   [TCP_LISTEN] = "Listening",
	[TCP_SYN_SENT] = "Syn_Sent",	   [TCP_SYN_RECEIVED] = "Syn_Received",
	[TCP_ESTABLISHED] = "Established", [TCP_FIN_WAIT_1] = "Fin_Wait_1",
	[TCP_FIN_WAIT_2] = "Fin_Wait_2",   [TCP_CLOSE_WAIT] = "Close_Wait",
	[TCP_CLOSING] = "Closing",	   [TCP_LAST_ACK] = "Last_Ack",
	[TCP_TIME_WAIT] = "Time_Wait",
};

static const char *const end_names[TCP_END__COUNT] = {
	[TCP_END_CLOSED] = "closed",	   [TCP_END_RESET] = "reset",
	[TCP_END_REFUSED] = "refused",	   [TCP_END_TIMEOUT] = "timeout",
	[TCP_END_KEEPALIVE] = "keepalive", [TCP_END_ABORTED] = "aborted",
	[TCP_END_UNREACH] = "unreachable",
};

const char *tcp_state_name(enum tcp_state s)
{
	return (unsigned)s < TCP_STATE__COUNT ? state_names[s] : "?";
}

const char *tcp_state_vrp_name(enum tcp_state s)
{
	return (unsigned)s < TCP_STATE__COUNT ? vrp_names[s] : "?";
}

const char *tcp_end_name(enum tcp_end e)
{
	return (unsigned)e < TCP_END__COUNT ? end_names[e] : "?";
}

void tcp_cfg_default(struct tcp_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->mss = 1460;
	c->rcv_wnd = 65535;
	c->snd_buf = 256 * 1024;
	c->rto_initial = SIM_S(1);
	c->rto_min = SIM_S(1);
	c->rto_max = SIM_S(60);
	c->syn_retries = 7;   /* 1+2+4+...+60+60 s: over 3 min (3.8.3) */
	c->data_retries = 10; /* over 100 s at RTO 1 s (3.8.3) */
	c->time_wait = SIM_S(60);
	c->delayed_ack = 0;
}

struct tcp_stack *tcp_stack_new(struct node *n, const struct tcp_cfg *cfg,
				const struct tcp_ops *ops, void *ctx)
{
	struct tcp_stack *t;

	if (!n || !ops || !ops->ip_send)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->node = n;
	if (cfg)
		t->cfg = *cfg;
	else
		tcp_cfg_default(&t->cfg);
	if (t->cfg.rcv_wnd > TCP_MAX_WND)
		t->cfg.rcv_wnd = TCP_MAX_WND;
	if (t->cfg.rcv_wnd < 1)
		t->cfg.rcv_wnd = 1;
	if (t->cfg.mss < TCP_MSS_MIN)
		t->cfg.mss = TCP_MSS_MIN;
	if (t->cfg.mss > TCP_MSS_MAX)
		t->cfg.mss = TCP_MSS_MAX;
	if (t->cfg.rto_min <= 0)
		t->cfg.rto_min = SIM_NS(1);
	if (t->cfg.rto_max < t->cfg.rto_min)
		t->cfg.rto_max = t->cfg.rto_min;
	if (t->cfg.rto_initial <= 0)
		t->cfg.rto_initial = t->cfg.rto_min;
	t->ops = ops;
	t->ctx = ctx;
	t->next_id = 1;
	return t;
}

static void sock_free(struct tcp_sock *s)
{
	struct tcp_stack *t = s->t;

	for (struct tcp_sock *c = t->head; c; c = c->next)
		if (c->parent == s)
			c->parent = NULL;
	if (s->prev)
		s->prev->next = s->next;
	else
		t->head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	else
		t->tail = s->prev;
	tcp_timers_fini(s);
	free(s->sbuf);
	free(s->ooo);
	free(s->ooo_map);
	free(s);
}

void tcp_stack_free(struct tcp_stack *t)
{
	if (!t)
		return;
	while (t->head)
		sock_free(t->head);
	free(t);
}

void tcp_stack_stats(const struct tcp_stack *t, struct tcp_stack_stats *out)
{
	*out = t->st;
}

const struct tcp_cfg *tcp_stack_cfg(const struct tcp_stack *t)
{
	return &t->cfg;
}

struct node *tcp_stack_node(const struct tcp_stack *t)
{
	return t->node;
}

uint16_t tcp_our_mss(const struct tcp_stack *t, enum net_af af)
{
	if (af == NET_AF_IP6 && t->cfg.mss > TCP_IP6_EXTRA + 64)
		return (uint16_t)(t->cfg.mss - TCP_IP6_EXTRA);
	return t->cfg.mss;
}

uint32_t tcp_isn(struct tcp_stack *t)
{
	return (uint32_t)sim_rng_next(&t->node->rng);
}

/* RFC 9293 3.7.1: SendMSS from the peer's option, else the default. */
void tcp_set_mss(struct tcp_sock *s, const struct tcp_seg *g)
{
	uint16_t ours = tcp_our_mss(s->t, s->local.af);
	uint16_t peer;

	if (g->has_mss)
		peer = g->mss;
	else
		peer = s->local.af == NET_AF_IP6 ? TCP_MSS_DFLT6
						 : TCP_MSS_DFLT4;
	if (peer < 1)
		peer = 1;
	s->smss = peer < ours ? peer : ours;
}

struct tcp_sock *tcp_sock_new(struct tcp_stack *t, const struct net_addr *local,
			      uint16_t lport, const struct net_addr *remote,
			      uint16_t rport)
{
	struct tcp_sock *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->t = t;
	s->id = t->next_id++;
	s->state = TCP_CLOSED;
	s->local = *local;
	s->lport = lport;
	if (remote)
		s->remote = *remote;
	else
		s->remote.af = local->af;
	s->rport = rport;
	s->rto = t->cfg.rto_initial;
	s->rcv_wnd = t->cfg.rcv_wnd;
	s->smss = tcp_our_mss(t, local->af);
	s->ssthresh = TCP_MAX_WND; /* RFC 5681 3.1: arbitrarily high */
	if (tcp_timers_init(s) != 0) {
		tcp_timers_fini(s);
		free(s);
		return NULL;
	}
	s->prev = t->tail;
	if (t->tail)
		t->tail->next = s;
	else
		t->head = s;
	t->tail = s;
	return s;
}

static void log_addrs(struct sim_log_rec *r, const struct tcp_sock *s)
{
	char a[NET_ADDR_STRLEN];

	net_addr_fmt(&s->local, a, sizeof(a));
	sim_log_str(r, "local", a);
	sim_log_uint(r, "lport", s->lport);
	net_addr_fmt(&s->remote, a, sizeof(a));
	sim_log_str(r, "remote", a);
	sim_log_uint(r, "rport", s->rport);
}

void tcp_state_set(struct tcp_sock *s, enum tcp_state st)
{
	struct sim_log_rec r;
	enum tcp_state old = s->state;

	if (old == st)
		return;
	s->state = st;
	if (st == TCP_ESTABLISHED)
		s->t->st.established++;
	node_log_begin(&r, s->t->node, "tcp", "state");
	log_addrs(&r, s);
	sim_log_str(&r, "from", tcp_state_name(old));
	sim_log_str(&r, "to", tcp_state_name(st));
	sim_log_end(&r);
}

void tcp_hold(struct tcp_sock *s)
{
	s->busy++;
}

void tcp_release(struct tcp_sock *s)
{
	if (--s->busy == 0 && s->ended)
		sock_free(s);
}

/* The application hears the end (once); the socket stays in the list. */
static void sock_detach(struct tcp_sock *s, enum tcp_end why, bool conn)
{
	struct sim_log_rec r;
	bool user = s->user;

	s->user = false;
	if (conn)
		s->t->st.ends[why]++;
	node_log_begin(&r, s->t->node, "tcp", "closed");
	log_addrs(&r, s);
	sim_log_str(&r, "why", tcp_end_name(why));
	sim_log_end(&r);
	if (user && s->cb.closed)
		s->cb.closed(s->ctx, s, why);
}

/* Free now, or when the input or timer working on it lets go. */
static void sock_finish(struct tcp_sock *s)
{
	s->ended = true;
	if (!s->busy)
		sock_free(s);
}

static void reset_children(struct tcp_sock *l)
{
	struct tcp_sock *c, *next;

	for (c = l->t->head; c; c = next) {
		next = c->next; /* c may be freed */
		if (c->parent == l && !c->ended) {
			tcp_send_rst(c);
			tcp_sock_drop(c);
		}
	}
}

void tcp_sock_end(struct tcp_sock *s, enum tcp_end why)
{
	bool conn = s->state != TCP_LISTEN;

	if (s->ended)
		return;
	if (!conn)
		reset_children(s);
	tcp_timers_stop(s);
	if (s->state == TCP_TIME_WAIT) {
		/* Over for the application; the TCB stays for 2MSL. */
		tcp_tw_start(s);
		sock_detach(s, why, conn);
		return;
	}
	tcp_state_set(s, TCP_CLOSED);
	/* The callback may not free s: ended makes every API call on it a
	 * no-op, and sock_finish frees it afterwards. */
	s->ended = true;
	s->busy++;
	sock_detach(s, why, conn);
	s->busy--;
	sock_finish(s);
}

void tcp_sock_drop(struct tcp_sock *s)
{
	if (s->ended)
		return;
	tcp_timers_stop(s);
	tcp_state_set(s, TCP_CLOSED);
	s->user = false;
	sock_finish(s);
}

static bool addr_match(const struct net_addr *bound, const struct net_addr *a)
{
	if (net_addr_is_unspec(bound))
		return bound->af == a->af;
	return net_addr_eq(bound, a);
}

struct tcp_sock *tcp_lookup(struct tcp_stack *t, const struct net_addr *src,
			    uint16_t sport, const struct net_addr *dst,
			    uint16_t dport)
{
	struct tcp_sock *wild = NULL;

	for (struct tcp_sock *s = t->head; s; s = s->next) {
		if (s->ended || s->lport != dport)
			continue;
		if (s->state != TCP_LISTEN) {
			if (s->rport == sport && net_addr_eq(&s->remote, src) &&
			    net_addr_eq(&s->local, dst))
				return s;
			continue;
		}
		if (net_addr_eq(&s->local, dst))
			wild = s; /* a specific listener wins... */
		else if (!wild && addr_match(&s->local, dst))
			wild = s; /* ...over the wildcard */
	}
	return wild;
}

static bool tuple_taken(struct tcp_stack *t, const struct net_addr *local,
			uint16_t lport, const struct net_addr *remote,
			uint16_t rport)
{
	for (struct tcp_sock *s = t->head; s; s = s->next)
		if (!s->ended && s->state != TCP_LISTEN && s->lport == lport &&
		    s->rport == rport && net_addr_eq(&s->local, local) &&
		    net_addr_eq(&s->remote, remote))
			return true;
	return false;
}

static bool usable_af(const struct net_addr *a)
{
	return a && (a->af == NET_AF_IP4 || a->af == NET_AF_IP6);
}

struct tcp_sock *tcp_listen(struct tcp_stack *t, const struct net_addr *local,
			    uint16_t port, const struct tcp_cb *cb, void *ctx)
{
	struct tcp_sock *s;

	if (!t || !usable_af(local) || !port || net_addr_is_multicast(local))
		return NULL;
	for (s = t->head; s; s = s->next)
		if (!s->ended && s->state == TCP_LISTEN && s->lport == port &&
		    net_addr_eq(&s->local, local))
			return NULL;
	s = tcp_sock_new(t, local, port, NULL, 0);
	if (!s)
		return NULL;
	s->user = true;
	if (cb)
		s->cb = *cb;
	s->ctx = ctx;
	tcp_state_set(s, TCP_LISTEN);
	return s;
}

static uint16_t pick_port(struct tcp_stack *t, const struct net_addr *src,
			  const struct net_addr *dst, uint16_t dport)
{
	uint16_t p = (uint16_t)(TCP_EPH_MIN +
				sim_rng_below(&t->node->rng, TCP_EPH_COUNT));

	for (unsigned i = 0; i < TCP_EPH_COUNT; i++) {
		uint16_t q = (uint16_t)(TCP_EPH_MIN +
					(p - TCP_EPH_MIN + i) % TCP_EPH_COUNT);

		if (!tuple_taken(t, src, q, dst, dport))
			return q;
	}
	return 0;
}

struct tcp_sock *tcp_connect(struct tcp_stack *t, const struct net_addr *src,
			     uint16_t sport, const struct net_addr *dst,
			     uint16_t dport, const struct tcp_cb *cb, void *ctx)
{
	struct tcp_sock *s;
	bool local;

	if (!t || !usable_af(src) || !usable_af(dst) || src->af != dst->af ||
	    !dport || net_addr_is_unspec(src) || net_addr_is_unspec(dst) ||
	    net_addr_is_multicast(dst) || net_addr_is_multicast(src))
		return NULL;
	if (!sport)
		sport = pick_port(t, src, dst, dport);
	if (!sport || tuple_taken(t, src, sport, dst, dport))
		return NULL;
	s = tcp_sock_new(t, src, sport, dst, dport);
	if (!s)
		return NULL;
	s->user = true;
	s->active = true;
	if (cb)
		s->cb = *cb;
	s->ctx = ctx;
	s->iss = tcp_isn(t);
	s->snd_una = s->snd_nxt = s->snd_max = s->iss;
	s->sbuf_seq = s->iss + 1;
	t->st.active_opens++;
	tcp_state_set(s, TCP_SYN_SENT);
	local = !t->ops->is_local || t->ops->is_local(t->ctx, src);
	/* No such source here, or no route: the application hears it at
	 * once, from a timer (never inside this call). */
	if (!local || tcp_send_syn(s) != 0)
		node_timer_arm_in(&s->tw, 0);
	return s;
}

void tcp_set_cb(struct tcp_sock *s, const struct tcp_cb *cb, void *ctx)
{
	if (!s || s->ended)
		return;
	if (cb)
		s->cb = *cb;
	else
		memset(&s->cb, 0, sizeof(s->cb));
	s->ctx = ctx;
}

static void sbuf_put(struct tcp_sock *s, const uint8_t *p, size_t n)
{
	size_t tail = (s->shead + s->slen) % s->scap;
	size_t first = s->scap - tail < n ? s->scap - tail : n;

	memcpy(s->sbuf + tail, p, first);
	memcpy(s->sbuf, p + first, n - first);
	s->slen += n;
}

long tcp_send(struct tcp_sock *s, const void *data, size_t len)
{
	size_t room, n;

	if (!s || s->ended || s->fin_queued || !s->user)
		return -1;
	switch (s->state) {
	case TCP_SYN_SENT:
	case TCP_SYN_RECEIVED: /* queued until ESTABLISHED (3.10.2) */
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		break;
	default:
		return -1;
	}
	if (!len)
		return 0;
	if (!data)
		return -1;
	if (!s->sbuf) {
		s->scap = s->t->cfg.snd_buf ? s->t->cfg.snd_buf : 1;
		s->sbuf = malloc(s->scap);
		if (!s->sbuf)
			return -1;
	}
	room = tcp_sbuf_room(s);
	n = len < room ? len : room;
	if (n > (size_t)LONG_MAX)
		n = (size_t)LONG_MAX;
	sbuf_put(s, data, n);
	if (n < len)
		s->want_writable = true;
	if (s->state == TCP_ESTABLISHED || s->state == TCP_CLOSE_WAIT) {
		tcp_hold(s);
		tcp_output(s);
		tcp_release(s);
	}
	return (long)n;
}

void tcp_close(struct tcp_sock *s)
{
	if (!s || s->ended || !s->user)
		return;
	switch (s->state) {
	case TCP_LISTEN:
	case TCP_SYN_SENT:
	case TCP_CLOSED:
		tcp_sock_end(s, TCP_END_CLOSED);
		return;
	case TCP_SYN_RECEIVED: /* FIN once ESTABLISHED (3.10.4) */
		s->fin_queued = true;
		return;
	case TCP_ESTABLISHED:
		s->fin_queued = true;
		tcp_state_set(s, TCP_FIN_WAIT_1);
		break;
	case TCP_CLOSE_WAIT:
		s->fin_queued = true;
		tcp_state_set(s, TCP_LAST_ACK);
		break;
	default:
		return; /* already closing */
	}
	tcp_hold(s);
	tcp_output(s);
	tcp_release(s);
}

void tcp_abort(struct tcp_sock *s)
{
	if (!s || s->ended || !s->user)
		return;
	/* RFC 9293 3.10.5: RST in the synchronized states (and to a
	 * SYN-RECEIVED peer), silence otherwise. */
	switch (s->state) {
	case TCP_SYN_RECEIVED:
	case TCP_ESTABLISHED:
	case TCP_FIN_WAIT_1:
	case TCP_FIN_WAIT_2:
	case TCP_CLOSE_WAIT:
		tcp_send_rst(s);
		break;
	default:
		break;
	}
	tcp_sock_end(s, TCP_END_ABORTED);
}

void tcp_sock_info(const struct tcp_sock *s, struct tcp_sock_info *out)
{
	memset(out, 0, sizeof(*out));
	out->state = s->state;
	out->local = s->local;
	out->remote = s->remote;
	out->lport = s->lport;
	out->rport = s->rport;
	if (s->state != TCP_LISTEN && s->state != TCP_CLOSED) {
		out->snd_una = s->snd_una - s->iss;
		out->snd_nxt = s->snd_nxt - s->iss;
		out->rcv_nxt =
			s->state == TCP_SYN_SENT ? 0 : s->rcv_nxt - s->irs;
	}
	out->snd_wnd = s->snd_wnd;
	out->srtt = s->srtt;
	out->rttvar = s->rttvar;
	out->rto = s->rto;
	out->bytes_tx = s->bytes_tx;
	out->bytes_rx = s->bytes_rx;
	out->segs_tx = s->segs_tx;
	out->segs_rx = s->segs_rx;
	out->retransmits = s->retransmits;
	out->queued = s->slen;
}

enum tcp_state tcp_sock_state(const struct tcp_sock *s)
{
	return s->state;
}

uint32_t tcp_sock_id(const struct tcp_sock *s)
{
	return s->id;
}

void tcp_each_sock(const struct tcp_stack *t,
		   void (*fn)(void *arg, const struct tcp_sock *s), void *arg)
{
	for (const struct tcp_sock *s = t->head; s; s = s->next)
		if (!s->ended)
			fn(arg, s);
}

/* ---- application callbacks ---- */

void tcp_cb_connected(struct tcp_sock *s)
{
	if (s->user && !s->ended && s->cb.connected)
		s->cb.connected(s->ctx, s);
}

void tcp_cb_accepted(struct tcp_sock *s)
{
	struct tcp_sock *l = s->parent;

	s->parent = NULL;
	if (!l || l->ended || !l->user) {
		/* Nobody to hand it to: the listener went away. */
		tcp_send_rst(s);
		tcp_sock_drop(s);
		return;
	}
	s->user = true;
	if (s->cb.accepted)
		s->cb.accepted(s->ctx, l, s);
}

void tcp_cb_recv(struct tcp_sock *s, const uint8_t *p, size_t n)
{
	if (s->user && !s->ended && s->cb.recv && n)
		s->cb.recv(s->ctx, s, p, n);
}

void tcp_cb_peer_closed(struct tcp_sock *s)
{
	if (s->user && !s->ended && s->cb.peer_closed)
		s->cb.peer_closed(s->ctx, s);
}

void tcp_cb_writable(struct tcp_sock *s)
{
	if (!s->want_writable || !s->user || s->ended)
		return;
	s->want_writable = false;
	if (s->cb.writable)
		s->cb.writable(s->ctx, s);
}
