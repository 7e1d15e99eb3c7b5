/*
 * The timers of a TCP connection, all node timers (frozen with the node's
 * control plane): retransmission (RFC 6298 section 5; it also paces the
 * zero-window probes of RFC 9293 3.8.6.1), TIME-WAIT (2 MSL, RFC 9293
 * 3.3.2 and 3.10.7.4; the same timer reports an unreachable destination
 * at connect), keepalive (RFC 9293 3.8.4: probes after an idle time, then
 * every interval, the connection ends after count unanswered probes) and
 * the delayed acknowledgment (RFC 9293 3.8.6.3: at most the configured
 * delay, and at least every second full segment).
 */
#include "protocols/tcp/tcp_int.h"

#define SOCK_OF(nt, member) sim_container_of(nt, struct tcp_sock, member)

static void rexmt_fire(struct node_timer *nt)
{
	struct tcp_sock *s = SOCK_OF(nt, rexmt);

	tcp_hold(s);
	tcp_rexmt_timeout(s);
	tcp_release(s);
}

static void tw_fire(struct node_timer *nt)
{
	struct tcp_sock *s = SOCK_OF(nt, tw);

	tcp_hold(s);
	if (s->state == TCP_TIME_WAIT)
		tcp_sock_drop(s);
	else
		tcp_sock_end(s, TCP_END_UNREACH);
	tcp_release(s);
}

static bool ka_state(enum tcp_state st)
{
	return st == TCP_ESTABLISHED || st == TCP_CLOSE_WAIT ||
	       st == TCP_FIN_WAIT_1 || st == TCP_FIN_WAIT_2;
}

static void ka_fire(struct node_timer *nt)
{
	struct tcp_sock *s = SOCK_OF(nt, ka);

	if (!ka_state(s->state) || !s->ka_idle)
		return;
	tcp_hold(s);
	if (s->ka_probes >= s->ka_count) {
		tcp_send_rst(s);
		tcp_sock_end(s, TCP_END_KEEPALIVE);
	} else if (s->snd_una != s->snd_max) {
		/* Data in flight: the retransmission timer judges the
		 * peer; look again after another idle time. */
		node_timer_arm_in(&s->ka, s->ka_idle);
	} else {
		tcp_send_keepalive(s);
		s->ka_probes++;
		node_timer_arm_in(&s->ka, s->ka_intvl);
	}
	tcp_release(s);
}

static void dack_fire(struct node_timer *nt)
{
	struct tcp_sock *s = SOCK_OF(nt, dack);

	if (s->ack_pending && s->state != TCP_LISTEN)
		tcp_send_ack(s);
}

int tcp_timers_init(struct tcp_sock *s)
{
	struct node *n = s->t->node;

	if (node_timer_init(n, &s->rexmt, rexmt_fire) != 0 ||
	    node_timer_init(n, &s->tw, tw_fire) != 0 ||
	    node_timer_init(n, &s->ka, ka_fire) != 0 ||
	    node_timer_init(n, &s->dack, dack_fire) != 0)
		return -1;
	return 0;
}

void tcp_timers_fini(struct tcp_sock *s)
{
	node_timer_fini(&s->rexmt);
	node_timer_fini(&s->tw);
	node_timer_fini(&s->ka);
	node_timer_fini(&s->dack);
}

void tcp_timers_stop(struct tcp_sock *s)
{
	node_timer_cancel(&s->rexmt);
	node_timer_cancel(&s->tw);
	node_timer_cancel(&s->ka);
	node_timer_cancel(&s->dack);
}

void tcp_rexmt_arm(struct tcp_sock *s)
{
	if (!node_timer_armed(&s->rexmt))
		node_timer_arm_in(&s->rexmt, s->rto);
}

void tcp_tw_start(struct tcp_sock *s)
{
	node_timer_arm_in(&s->tw, s->t->cfg.time_wait);
}

void tcp_ka_reset(struct tcp_sock *s)
{
	s->ka_probes = 0;
	if (s->ka_idle && ka_state(s->state))
		node_timer_arm_in(&s->ka, s->ka_idle);
	else
		node_timer_cancel(&s->ka);
}

void tcp_set_keepalive(struct tcp_sock *s, sim_time_t idle, sim_time_t interval,
		       unsigned count)
{
	if (!s || s->ended || s->state == TCP_LISTEN)
		return;
	if (idle <= 0 || interval <= 0 || !count)
		idle = 0; /* off */
	s->ka_idle = idle;
	s->ka_intvl = interval;
	s->ka_count = count;
	tcp_ka_reset(s);
}

void tcp_ack_schedule(struct tcp_sock *s, bool now)
{
	sim_time_t d = s->t->cfg.delayed_ack;

	s->ack_pending++;
	if (now || d <= 0 || s->ack_pending >= 2) {
		s->ack_now = true;
		return;
	}
	if (!node_timer_armed(&s->dack))
		node_timer_arm_in(&s->dack, d);
}
