/*
 * The RBS channel (README.md "Channel"): one TCP connection (RFC 9293,
 * protocols/tcp) between the configured source and peer addresses and
 * port. The side with the lower source address connects, the other
 * listens, so two ends configured alike converge. On connection each
 * side sends a Hello (backup-ids, keepalive settings) and the channel is
 * Connected when the peer's Hello arrives. Keepalives go every interval;
 * a peer silent for its interval x our count is dropped with RST. The
 * active side reconnects with a backoff of 1 s doubling to 16 s; the
 * passive side keeps listening. Messages are framed on the byte stream by
 * their Length field (rbs_stream); a malformed one or a gap in sequence
 * numbers drops the connection. Data TCP's send buffer cannot take yet
 * waits in a bounded queue.
 */
#include "protocols/rbs/rbs_int.h"

#include <stdlib.h>
#include <string.h>

#include "protocols/tcp/tcp_router.h"
#include "sim/net/net_buf.h"

static void after_drop(struct rbs_svc *s, enum rbs_cause why);

/* ---- sending ---- */

/* Bytes to TCP, the rest to the queue; 0 or -1 (the channel dropped). */
static int out_bytes(struct rbs_svc *s, const uint8_t *p, size_t n)
{
	if (!s->txq_len) {
		long k = tcp_send(s->conn, p, n);

		if (k < 0) {
			rbs_chan_drop(s, RBS_C_TCP_CLOSED);
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	if (!n)
		return 0;
	if (n > s->txq_max - s->txq_len) {
		rbs_chan_drop(s, RBS_C_TXQ_FULL);
		return -1;
	}
	if (s->txq_len + n > s->txq_cap) {
		size_t cap = s->txq_cap ? s->txq_cap : 65536;
		uint8_t *nq;

		while (cap < s->txq_len + n)
			cap *= 2;
		nq = realloc(s->txq, cap);
		if (!nq) {
			rbs_chan_drop(s, RBS_C_NO_MEMORY);
			return -1;
		}
		s->txq = nq;
		s->txq_cap = cap;
	}
	memcpy(s->txq + s->txq_len, p, n);
	s->txq_len += n;
	return 0;
}

/* Encode m with the next sequence number and send it. 0, or -1 when m
 * is invalid or the channel dropped meanwhile. */
static int chan_send(struct rbs_svc *s, const struct rbs_msg *m)
{
	int n = rbs_pkt_encode(m, s->scratch, RBS_MAX_MSG);

	if (n < 0 || !s->conn || !s->tcp_up)
		return -1;
	net_put_be32(s->scratch + 8, ++s->tx_seq);
	s->cnt.tx_msgs[m->type]++;
	s->cnt.tx_bytes[m->type] += (uint64_t)n;
	return out_bytes(s, s->scratch, (size_t)n);
}

int rbs_send(struct rbs_svc *s, const struct rbs_msg *m)
{
	if (!s || !m)
		return -1;
	if (s->state != RBS_CONNECTED) {
		s->cnt.send_refused++;
		return -1;
	}
	return chan_send(s, m);
}

static void send_hello(struct rbs_svc *s)
{
	struct rbs_msg *m = s->hello;

	memset(m, 0, sizeof(*m));
	m->type = RBS_T_HELLO;
	m->nids = s->nids;
	memcpy(m->ids, s->ids, s->nids * sizeof(s->ids[0]));
	m->keepalive_interval = s->ka_interval;
	m->keepalive_count = s->ka_count;
	chan_send(s, m);
}

void rbs_chan_hello(struct rbs_svc *s)
{
	if (s->conn && s->tcp_up)
		send_hello(s);
}

static void on_ka(struct node_timer *nt)
{
	struct rbs_svc *s = sim_container_of(nt, struct rbs_svc, t_ka);
	static const struct rbs_msg ka = { .type = RBS_T_KEEPALIVE };

	if (!s->conn || !s->tcp_up)
		return;
	/* Periodic from the deadline, not from now (no drift). */
	s->ka_next += s->ka_interval;
	node_timer_arm(&s->t_ka, s->ka_next);
	chan_send(s, &ka);
}

void rbs_chan_ka_changed(struct rbs_svc *s)
{
	/* At once, from the last message received (or our SYN), not from
	 * the next one: a deadline already past drops the channel now. */
	if (node_timer_armed(&s->t_hold))
		node_timer_arm(&s->t_hold,
			       s->hold_from + rbs_chan_hold_time(s));
	if (!s->conn || !s->tcp_up)
		return;
	s->ka_next = node_now(rbs_node(s)) + s->ka_interval;
	node_timer_arm(&s->t_ka, s->ka_next);
}

/* ---- connection lifecycle ---- */

sim_time_t rbs_chan_hold_time(const struct rbs_svc *s)
{
	sim_time_t iv = s->hello_rx ? s->peer_ka_interval : s->ka_interval;

	return iv * s->ka_count;
}

static void hold_arm(struct rbs_svc *s)
{
	s->hold_from = node_now(rbs_node(s));
	node_timer_arm(&s->t_hold, s->hold_from + rbs_chan_hold_time(s));
}

/* Forget the connection: no callback from it any more; RST or FIN. */
static void forget_conn(struct rbs_svc *s, bool rst)
{
	struct tcp_sock *c = s->conn;

	s->conn = NULL;
	s->tcp_up = false;
	s->hello_rx = false;
	s->gen++;
	s->txq_len = 0;
	rbs_stream_reset(&s->rx);
	node_timer_cancel(&s->t_ka);
	node_timer_cancel(&s->t_hold);
	if (!c)
		return;
	tcp_set_cb(c, NULL, NULL);
	if (rst)
		tcp_abort(c);
	else
		tcp_close(c);
}

static void forget_lsn(struct rbs_svc *s)
{
	struct tcp_sock *l = s->lsn;

	s->lsn = NULL;
	if (!l)
		return;
	tcp_set_cb(l, NULL, NULL);
	tcp_close(l);
}

/* TCP is up (either role): Hello out, wait for the peer's. */
static void established(struct rbs_svc *s)
{
	sim_time_t now = node_now(rbs_node(s));

	s->tcp_up = true;
	s->hello_rx = false;
	s->tx_seq = 0;
	s->rx_seq = 0;
	s->last_rx = now;
	rbs_stream_reset(&s->rx);
	s->ka_next = now + s->ka_interval;
	node_timer_arm(&s->t_ka, s->ka_next);
	hold_arm(s);
	send_hello(s);
}

static void retry_arm(struct rbs_svc *s)
{
	node_timer_arm_in(&s->t_retry, s->backoff);
	s->backoff = s->backoff * 2 > RBS_BACKOFF_MAX ? RBS_BACKOFF_MAX
						      : s->backoff * 2;
}

void rbs_chan_drop(struct rbs_svc *s, enum rbs_cause why)
{
	forget_conn(s, true);
	after_drop(s, why);
}

/* The connection is gone: the active side retries after the backoff,
 * the passive side listens on. */
static void after_drop(struct rbs_svc *s, enum rbs_cause why)
{
	if (s->active) {
		rbs_set_state(s, RBS_CONNECTING, why);
		retry_arm(s);
		return;
	}
	rbs_set_state(s, RBS_LISTENING, why);
	if (!s->lsn)
		retry_arm(s);
}

/* ---- TCP callbacks ---- */

static void on_connected(void *ctx, struct tcp_sock *c)
{
	struct rbs_svc *s = ctx;

	if (c == s->conn)
		established(s);
}

/* Decode and act on one message; false when the connection dropped. */
static bool handle(struct rbs_svc *s, const uint8_t *p, size_t len,
		   struct rbs_msg *m)
{
	enum rbs_pkt_err err = rbs_pkt_decode(p, len, m);
	uint8_t t = err == RBS_PKT_OK ? m->type : 0;

	if (err != RBS_PKT_OK && err != RBS_PKT_E_TYPE) {
		s->cnt.malformed[err]++;
		rbs_chan_drop(s, RBS_C_MALFORMED);
		return false;
	}
	s->cnt.rx_msgs[t]++;
	s->cnt.rx_bytes[t] += len;
	if (m->seq != s->rx_seq + 1 || (!s->hello_rx && t != RBS_T_HELLO)) {
		s->cnt.protocol_errors++;
		rbs_chan_drop(s, RBS_C_PROTOCOL);
		return false;
	}
	s->rx_seq = m->seq;
	s->last_rx = node_now(rbs_node(s));
	if (t == RBS_T_HELLO) {
		s->peer_nids = m->nids;
		memcpy(s->peer_ids, m->ids, m->nids * sizeof(m->ids[0]));
		s->peer_ka_interval = m->keepalive_interval;
		s->peer_ka_count = m->keepalive_count;
		s->hello_rx = true;
	}
	hold_arm(s);
	if (t == RBS_T_HELLO && s->state != RBS_CONNECTED) {
		uint32_t gen = s->gen;

		s->backoff = RBS_BACKOFF_MIN;
		rbs_set_state(s, RBS_CONNECTED, RBS_C_HELLO);
		return s->gen == gen;
	}
	if (t == RBS_T_HELLO || t == RBS_T_KEEPALIVE || t == 0)
		return true; /* unknown types are skipped (README.md) */
	return rbs_deliver(s, m);
}

static void on_recv(void *ctx, struct tcp_sock *c, const uint8_t *data,
		    size_t len)
{
	struct rbs_svc *s = ctx;
	const uint8_t *p;
	size_t n;
	int r;

	if (c != s->conn)
		return;
	if (rbs_stream_push(&s->rx, data, len) != 0) {
		rbs_chan_drop(s, RBS_C_NO_MEMORY);
		return;
	}
	while ((r = rbs_stream_next(&s->rx, &p, &n)) == 1)
		if (!handle(s, p, n, s->rxmsg))
			return;
	if (r < 0) { /* the header at the front is bad: say why */
		enum rbs_pkt_err e = rbs_pkt_decode(s->rx.buf + s->rx.head,
						    RBS_HDR_LEN, s->rxmsg);

		s->cnt.malformed[e != RBS_PKT_OK ? e : RBS_PKT_E_LENGTH]++;
		rbs_chan_drop(s, RBS_C_MALFORMED);
	}
}

static void on_peer_closed(void *ctx, struct tcp_sock *c)
{
	struct rbs_svc *s = ctx;

	if (c != s->conn)
		return;
	forget_conn(s, false); /* our FIN answers theirs */
	after_drop(s, RBS_C_PEER_CLOSED);
}

static void on_writable(void *ctx, struct tcp_sock *c)
{
	struct rbs_svc *s = ctx;
	long k;

	if (c != s->conn || !s->txq_len)
		return;
	k = tcp_send(c, s->txq, s->txq_len);
	if (k < 0) {
		rbs_chan_drop(s, RBS_C_TCP_CLOSED);
		return;
	}
	memmove(s->txq, s->txq + k, s->txq_len - (size_t)k);
	s->txq_len -= (size_t)k;
}

static void on_closed(void *ctx, struct tcp_sock *c, enum tcp_end why)
{
	struct rbs_svc *s = ctx;

	if (c != s->conn)
		return;
	s->cnt.tcp_ends[why < TCP_END__COUNT ? why : TCP_END_CLOSED]++;
	s->last_end = why;
	s->conn = NULL; /* gone: not to be touched */
	forget_conn(s, false);
	after_drop(s, RBS_C_TCP_CLOSED);
}

static const struct tcp_cb conn_cb = {
	.connected = on_connected,
	.recv = on_recv,
	.peer_closed = on_peer_closed,
	.writable = on_writable,
	.closed = on_closed,
};

/* The passive side: only the configured peer may connect; a new
 * connection from it replaces the old one (the peer restarted). */
static void on_accepted(void *ctx, struct tcp_sock *l, struct tcp_sock *c)
{
	struct rbs_svc *s = ctx;
	struct tcp_sock_info in;

	if (l != s->lsn)
		return;
	tcp_sock_info(c, &in);
	if (!net_addr_eq(&in.remote, &s->peer)) {
		s->cnt.rejected++;
		tcp_set_cb(c, NULL, NULL);
		tcp_abort(c);
		return;
	}
	if (s->conn) {
		forget_conn(s, true);
		rbs_set_state(s, RBS_LISTENING, RBS_C_REPLACED);
	}
	s->cnt.accepted++;
	s->conn = c;
	tcp_set_cb(c, &conn_cb, s);
	established(s);
}

static void on_lsn_closed(void *ctx, struct tcp_sock *l, enum tcp_end why)
{
	struct rbs_svc *s = ctx;

	(void)why;
	if (l != s->lsn)
		return;
	s->lsn = NULL;
	if (!s->conn)
		retry_arm(s);
}

static const struct tcp_cb lsn_cb = {
	.accepted = on_accepted,
	.closed = on_lsn_closed,
};

/* ---- starting ---- */

static bool src_is_local(const struct rbs_svc *s)
{
	const struct node *n = rbs_node(s);

	for (int i = 0; i < n->nifaces; i++) {
		const struct node_iface *ifp = n->ifaces[i];

		if (s->src.af == NET_AF_IP4) {
			struct net_ip4 a = net_addr_ip4(&s->src);

			if (node_iface_has_addr4(ifp, &a))
				return true;
		} else {
			struct net_ip6 a = net_addr_ip6(&s->src);

			if (node_iface_has_addr6(ifp, &a))
				return true;
		}
	}
	return false;
}

/* "rbs connect": one record per active open, for the backoff's times. */
static void log_connect(struct rbs_svc *s)
{
	struct sim_log_rec rec;
	char peer[NET_ADDR_STRLEN];

	net_addr_fmt(&s->peer, peer, sizeof(peer));
	node_log_begin(&rec, rbs_node(s), "rbs", "connect");
	sim_log_str(&rec, "service", s->name);
	sim_log_str(&rec, "peer", peer);
	sim_log_uint(&rec, "port", s->port);
	sim_log_uint(&rec, "attempt", s->cnt.attempts);
	sim_log_end(&rec);
}

static void connect_now(struct rbs_svc *s, struct tcp_stack *t)
{
	s->conn = tcp_connect(t, &s->src, 0, &s->peer, s->port, &conn_cb, s);
	if (!s->conn) {
		rbs_set_state(s, RBS_CONNECTING, RBS_C_CONNECT_FAIL);
		retry_arm(s);
		return;
	}
	s->cnt.attempts++;
	log_connect(s);
	rbs_set_state(s, RBS_CONNECTING, RBS_C_SYN);
	/* An attempt not Connected within the hold time is abandoned. */
	hold_arm(s);
}

static void listen_now(struct rbs_svc *s, struct tcp_stack *t,
		       enum rbs_cause why)
{
	if (!s->lsn)
		s->lsn = tcp_listen(t, &s->src, s->port, &lsn_cb, s);
	if (!s->lsn) {
		rbs_set_state(s, RBS_INITIAL, RBS_C_LISTEN_FAIL);
		retry_arm(s);
		return;
	}
	rbs_set_state(s, RBS_LISTENING, why);
}

/* Connect, listen, or say why neither can happen; why: what started
 * it (the passive side's cause for Listening). */
static void start(struct rbs_svc *s, enum rbs_cause why)
{
	struct tcp_stack *t = tcp_router_stack(s->ri->r);

	node_timer_cancel(&s->t_retry);
	if (!s->have_peer) {
		rbs_set_state(s, RBS_INITIAL, RBS_C_NO_PEER);
		return;
	}
	if (s->bfd_hold) {
		rbs_set_state(s, RBS_INITIAL, RBS_C_BFD_DOWN);
		return;
	}
	if (!t) {
		rbs_set_state(s, RBS_INITIAL, RBS_C_NO_TCP);
		return;
	}
	s->active = net_addr_cmp(&s->src, &s->peer) < 0;
	if (!src_is_local(s)) {
		rbs_set_state(s, RBS_INITIAL, RBS_C_SRC_NOT_LOCAL);
		retry_arm(s);
		return;
	}
	if (s->active)
		connect_now(s, t);
	else
		listen_now(s, t, why);
}

static void on_hold(struct node_timer *nt)
{
	struct rbs_svc *s = sim_container_of(nt, struct rbs_svc, t_hold);

	if (s->hello_rx)
		s->cnt.ka_timeouts++;
	else if (s->tcp_up)
		s->cnt.hello_timeouts++;
	else
		s->cnt.connect_timeouts++;
	rbs_chan_drop(s, RBS_C_HOLD_EXPIRED);
}

static void on_retry(struct node_timer *nt)
{
	start(sim_container_of(nt, struct rbs_svc, t_retry), RBS_C_BACKOFF);
}

void rbs_chan_restart(struct rbs_svc *s, enum rbs_cause why)
{
	forget_conn(s, false);
	forget_lsn(s);
	s->backoff = RBS_BACKOFF_MIN;
	start(s, why);
}

void rbs_chan_stop(struct rbs_svc *s, enum rbs_cause why)
{
	forget_conn(s, why == RBS_C_BFD_DOWN);
	forget_lsn(s);
	node_timer_cancel(&s->t_retry);
	rbs_set_state(s, RBS_INITIAL, why);
}

/* ---- setup ---- */

int rbs_chan_init(struct rbs_svc *s)
{
	struct node *n = rbs_node(s);

	s->backoff = RBS_BACKOFF_MIN;
	s->txq_max = RBS_TXQ_MAX;
	rbs_stream_init(&s->rx);
	s->scratch = malloc(RBS_MAX_MSG);
	s->rxmsg = malloc(sizeof(*s->rxmsg));
	s->hello = malloc(sizeof(*s->hello));
	if (!s->scratch || !s->rxmsg || !s->hello ||
	    node_timer_init(n, &s->t_ka, on_ka) != 0 ||
	    node_timer_init(n, &s->t_hold, on_hold) != 0 ||
	    node_timer_init(n, &s->t_retry, on_retry) != 0) {
		rbs_chan_fini(s);
		return -1;
	}
	return 0;
}

void rbs_chan_fini(struct rbs_svc *s)
{
	node_timer_fini(&s->t_ka);
	node_timer_fini(&s->t_hold);
	node_timer_fini(&s->t_retry);
	rbs_stream_fini(&s->rx);
	free(s->scratch);
	free(s->rxmsg);
	free(s->hello);
	free(s->txq);
	s->scratch = NULL;
	s->rxmsg = NULL;
	s->hello = NULL;
	s->txq = NULL;
	s->conn = NULL;
	s->lsn = NULL;
}
