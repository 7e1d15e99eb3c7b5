/*
 * The BFD session (RFC 5880, asynchronous mode): the state variables of
 * section 6.8.1, the state machine of section 6.2 driven by the reception
 * rules of section 6.8.6 (one entry point, bfd_fsm, changes state), the
 * transmit interval and jitter of sections 6.8.2 and 6.8.7, the slow rate
 * while not Up and the Poll Sequence rules of sections 6.5 and 6.8.3, the
 * Detection Time of section 6.8.4, authentication with sequence-number
 * windows (6.7.2-6.7.4), administrative control (6.8.16), path-down
 * signalling (6.8.17) and the hold-down of session state after going Down
 * (6.8.1, 6.8.18). Demand mode and the Echo function are not offered: we
 * never set D and always send Required Min Echo RX Interval zero, but we
 * honour a peer's Demand mode (6.8.7). Time, timers, randomness and the
 * event log come from the node; packets go out through ops->send.
 */
#include "protocols/bfd/bfd.h"

#include <stdlib.h>
#include <string.h>

#define BFD_US_MAX ((sim_time_t)UINT32_MAX * 1000) /* wire field limit */

/* What drives bfd_fsm (the only function that changes the state). */
enum bfd_event {
	BFD_EV_RX,	       /* an accepted packet (arg: the packet) */
	BFD_EV_DETECT_EXPIRED, /* section 6.8.4 */
	BFD_EV_ADMIN_DOWN,     /* section 6.8.16 */
	BFD_EV_ADMIN_UP,
	BFD_EV_PATH_DOWN, /* section 6.8.17 */
	BFD_EV_PATH_UP,
	BFD_EV__COUNT
};

static const char *const bfd_event_names[BFD_EV__COUNT] = {
	[BFD_EV_RX] = "rx",
	[BFD_EV_DETECT_EXPIRED] = "detect-expired",
	[BFD_EV_ADMIN_DOWN] = "admin-down",
	[BFD_EV_ADMIN_UP] = "admin-up",
	[BFD_EV_PATH_DOWN] = "path-down",
	[BFD_EV_PATH_UP] = "path-up",
};

static const char *const bfd_drop_names[BFD_DROP__COUNT] = {
	[BFD_DROP_MALFORMED] = "malformed",
	[BFD_DROP_DETECT_MULT] = "detect-mult-zero",
	[BFD_DROP_MULTIPOINT] = "multipoint",
	[BFD_DROP_MY_DISC_ZERO] = "my-disc-zero",
	[BFD_DROP_YOUR_DISC] = "your-disc-zero",
	[BFD_DROP_AUTH_MISMATCH] = "auth-mismatch",
	[BFD_DROP_AUTH_FAIL] = "auth-fail",
	[BFD_DROP_AUTH_SEQ] = "auth-seq",
	[BFD_DROP_ADMIN_DOWN] = "admin-down",
	[BFD_DROP_TTL] = "ttl",
	[BFD_DROP_NO_SESSION] = "no-session",
};

struct bfd_listener {
	bfd_listen_fn fn;
	void *arg;
};

struct bfd_session {
	struct node *node;
	const struct bfd_session_ops *ops;
	void *ctx;
	struct bfd_session_cfg cfg; /* name, discriminators, key, roles */

	/* Section 6.8.1 state variables (intervals in ns). */
	enum bfd_state state;	     /* bfd.SessionState */
	enum bfd_state remote_state; /* bfd.RemoteSessionState */
	uint32_t remote_disc;	     /* bfd.RemoteDiscr */
	enum bfd_diag local_diag;    /* bfd.LocalDiag */
	enum bfd_diag remote_diag;   /* Diag of the last packet */
	sim_time_t
		desired_tx; /* configured; bfd.DesiredMinTxInterval when Up */
	sim_time_t required_rx;	   /* bfd.RequiredMinRxInterval */
	uint8_t detect_mult;	   /* bfd.DetectMult */
	sim_time_t remote_min_rx;  /* bfd.RemoteMinRxInterval, initially 1 us */
	sim_time_t remote_desired; /* last received Desired Min TX Interval */
	uint8_t remote_mult;	   /* last received Detect Mult, 0: none */
	bool remote_demand;	   /* bfd.RemoteDemandMode */
	uint32_t rcv_auth_seq;	   /* bfd.RcvAuthSeq */
	uint32_t xmit_auth_seq;	   /* bfd.XmitAuthSeq */
	bool auth_seq_known;	   /* bfd.AuthSeqKnown */

	/* Poll Sequence (6.5) and the values in use meanwhile (6.8.3). */
	bool poll;	 /* sending P */
	bool poll_again; /* a later change waits for its own poll */
	bool poll_wait;	 /* poll_again: wait for a packet without F */
	sim_time_t poll_tx, poll_rx; /* the values the running poll carries */
	sim_time_t use_tx; /* Desired Min TX used for the transmit interval */
	sim_time_t use_rx; /* Required Min RX used for the Detection Time */

	bool path_down; /* 6.8.17: held Down until the path is up again */
	bool heard;	/* a packet accepted since the last hold-down expiry */

	/* Transmission (6.8.7). */
	struct node_timer tx_timer;
	sim_time_t tx_ival; /* interval of the running schedule, 0: stopped */
	sim_time_t tx_next; /* deadline the tx timer was armed for */
	sim_time_t tx_last; /* last periodic transmission, -1: none */
	struct bfd_ctrl last_sent; /* for keyed sequence numbers */
	bool sent_any;

	/* Reception (6.8.4, 6.8.1). */
	struct node_timer detect_timer; /* Init/Up: failure; else hold-down */
	struct node_timer auth_timer;	/* bfd.AuthSeqKnown expiry */
	sim_time_t last_rx;		/* -1: none */
	sim_time_t down_at;		/* last entry into Down/AdminDown */

	/* up_count: entries into Up; down_count: exits from Up. */
	uint64_t tx, tx_fail, rx, up_count, down_count;
	uint64_t drops[BFD_DROP__COUNT];
	sim_time_t last_up, last_down;

	struct bfd_listener listeners[BFD_MAX_LISTENERS];
	int nlisteners;
};

const char *bfd_drop_name(enum bfd_drop d)
{
	if ((unsigned)d >= BFD_DROP__COUNT)
		return "unknown";
	return bfd_drop_names[d];
}

static sim_time_t bfd_max(sim_time_t a, sim_time_t b)
{
	return a > b ? a : b;
}

static sim_time_t bfd_min(sim_time_t a, sim_time_t b)
{
	return a < b ? a : b;
}

static bool bfd_auth_seq_type(uint8_t type)
{
	return type >= BFD_AUTH_KEYED_MD5 && type <= BFD_AUTH_METICULOUS_SHA1;
}

static bool bfd_auth_meticulous(uint8_t type)
{
	return type == BFD_AUTH_METICULOUS_MD5 ||
	       type == BFD_AUTH_METICULOUS_SHA1;
}

/* Section 6.8.3: bfd.DesiredMinTxInterval is at least 1 s while not Up. */
static sim_time_t bfd_adv_tx(const struct bfd_session *s)
{
	if (s->state == BFD_STATE_UP)
		return s->desired_tx;
	return bfd_max(s->desired_tx, BFD_SLOW_TX);
}

/* Section 6.8.7: the larger of our Desired Min TX and the remote's Min RX. */
static sim_time_t bfd_tx_interval(const struct bfd_session *s)
{
	return bfd_max(s->use_tx, s->remote_min_rx);
}

/*
 * Section 6.8.4, asynchronous mode: the remote Detect Mult times the larger
 * of our bfd.RequiredMinRxInterval (the previous value while a reduction
 * is being polled, 6.8.3) and the last received Desired Min TX Interval.
 * 0 before any packet.
 */
static sim_time_t bfd_detect_time(const struct bfd_session *s)
{
	return (sim_time_t)s->remote_mult *
	       bfd_max(s->use_rx, s->remote_desired);
}

/* ---- transmission (section 6.8.7) ---- */

/* Fields that make two packets' contents equal (auth section aside). */
static bool bfd_same_contents(const struct bfd_ctrl *a,
			      const struct bfd_ctrl *b)
{
	return a->diag == b->diag && a->state == b->state &&
	       a->poll == b->poll && a->final == b->final && a->cpi == b->cpi &&
	       a->detect_mult == b->detect_mult && a->my_disc == b->my_disc &&
	       a->your_disc == b->your_disc &&
	       a->desired_min_tx_us == b->desired_min_tx_us &&
	       a->required_min_rx_us == b->required_min_rx_us &&
	       a->required_min_echo_rx_us == b->required_min_echo_rx_us;
}

/*
 * Build and send one Control packet with the contents section 6.8.7
 * lists. final: the reply to a Poll (F set, P clear, 6.5).
 * bfd.XmitAuthSeq (6.7.3, 6.7.4): meticulous types increment it on every
 * packet; keyed types increment it only when the packet's contents differ
 * from the previous one, so a replay of an older state is always behind.
 */
static void bfd_send(struct bfd_session *s, bool final)
{
	const struct bfd_key *key = &s->cfg.key;
	uint8_t buf[BFD_MAX_LEN];
	struct bfd_ctrl c;
	int len;

	memset(&c, 0, sizeof(c));
	c.version = BFD_VERSION;
	c.diag = (uint8_t)s->local_diag;
	c.state = (uint8_t)s->state;
	c.poll = s->poll && !final;
	c.final = final;
	c.cpi = s->cfg.offload; /* forwarding-plane BFD survives the CPU */
	c.detect_mult = s->detect_mult;
	c.my_disc = s->cfg.local_disc;
	c.your_disc = s->remote_disc;
	c.desired_min_tx_us = (uint32_t)(bfd_adv_tx(s) / 1000);
	c.required_min_rx_us = (uint32_t)(s->required_rx / 1000);
	c.required_min_echo_rx_us = 0; /* no Echo function */
	if (bfd_auth_seq_type(key->type)) {
		if (bfd_auth_meticulous(key->type) ||
		    (s->sent_any && !bfd_same_contents(&c, &s->last_sent)))
			s->xmit_auth_seq++;
		c.auth.seq = s->xmit_auth_seq;
	}
	s->last_sent = c;
	s->sent_any = true;
	len = bfd_pkt_encode(&c, key, buf, sizeof(buf));
	if (len < 0 || s->ops->send(s->ctx, s, buf, (size_t)len) != 0) {
		s->tx_fail++;
		return;
	}
	s->tx++;
}

/* A jittered interval: 75-100 %, or 75-90 % with Detect Mult 1 (6.8.7). */
static sim_time_t bfd_jitter(struct bfd_session *s, sim_time_t ival)
{
	sim_time_t hi = s->detect_mult == 1 ? ival * 90 / 100 : ival;

	return sim_rng_time(&s->node->rng, ival * 75 / 100, hi);
}

/*
 * Section 6.8.7: whether periodic transmission may run. Not in the
 * Passive role before a packet was heard (6.1), not while
 * bfd.RemoteMinRxInterval is zero, not while the remote is in Demand mode
 * with both ends Up and no Poll Sequence running.
 */
static bool bfd_tx_allowed(const struct bfd_session *s)
{
	if (s->cfg.passive && !s->heard)
		return false;
	if (s->remote_min_rx == 0)
		return false;
	if (s->remote_demand && s->state == BFD_STATE_UP &&
	    s->remote_state == BFD_STATE_UP && !s->poll)
		return false;
	return true;
}

/*
 * Recompute the periodic schedule after anything that changes the
 * interval or the permission to send. A changed interval is applied from
 * the previous transmission (6.8.3: a shorter one at once, "as soon as
 * practicable" when already overdue; a longer one never less than 75 % of
 * it after the previous packet). at_once: a state change; the next
 * periodic packet goes out now and the schedule continues from it, so
 * the peer learns the new state without waiting up to a slow interval
 * (and before its Detection Time, based on our fast rate, runs out).
 */
static void bfd_tx_update(struct bfd_session *s, bool at_once)
{
	sim_time_t ival = bfd_tx_interval(s), now = node_now(s->node);
	sim_time_t next;

	if (!bfd_tx_allowed(s)) {
		node_timer_cancel(&s->tx_timer);
		s->tx_ival = 0;
		return;
	}
	if (!at_once && s->tx_ival == ival && node_timer_armed(&s->tx_timer))
		return;
	if (at_once || s->tx_last < 0)
		next = now;
	else
		next = s->tx_last + bfd_jitter(s, ival);
	if (next < now)
		next = now;
	s->tx_ival = ival;
	s->tx_next = next;
	node_timer_arm(&s->tx_timer, next);
}

/* Periodic transmission; re-armed from its deadline (STYLE point 4). */
static void bfd_tx_fire(struct node_timer *nt)
{
	struct bfd_session *s =
		sim_container_of(nt, struct bfd_session, tx_timer);
	sim_time_t now = node_now(s->node), next;

	s->tx_last = now;
	bfd_send(s, false);
	next = s->tx_next + bfd_jitter(s, s->tx_ival);
	if (next <= now) /* fired late (a CPU freeze): skip the lost slots */
		next = now + bfd_jitter(s, s->tx_ival);
	s->tx_next = next;
	node_timer_arm(&s->tx_timer, next);
}

/* ---- Poll Sequence (sections 6.5, 6.8.3) ---- */

/*
 * A timer parameter changed: start a Poll Sequence. While one runs, the
 * later change gets its own sequence once the current one ended and a
 * packet with F clear was received (6.8.3, third choice), so each Final
 * acknowledges known values.
 */
static void bfd_poll_start(struct bfd_session *s)
{
	if (s->poll || s->poll_wait) {
		s->poll_again = true;
		return;
	}
	s->poll = true;
	s->poll_again = false;
	s->poll_tx = bfd_adv_tx(s);
	s->poll_rx = s->required_rx;
}

/*
 * Arm the detection timer. Init/Up: a Detection Time after the last
 * accepted packet (6.8.4). Down/AdminDown: the session state (RemoteDiscr)
 * is held until a Detection Time has passed both since the last packet
 * and since going Down (6.8.1, 6.8.18), then reset by bfd_detect_fire.
 */
static void bfd_detect_arm(struct bfd_session *s)
{
	sim_time_t dt = bfd_detect_time(s), deadline;

	if (dt <= 0 || s->last_rx < 0 || !s->heard) {
		node_timer_cancel(&s->detect_timer);
		return;
	}
	deadline = s->last_rx + dt;
	if (s->state != BFD_STATE_INIT && s->state != BFD_STATE_UP)
		deadline = bfd_max(deadline, s->down_at + dt);
	node_timer_arm(&s->detect_timer, deadline);
}

/* Section 6.8.6: "the Poll Sequence MUST be terminated" on F. */
static void bfd_poll_end(struct bfd_session *s)
{
	s->poll = false;
	/* 6.8.3: a held increase of Desired Min TX now takes effect... */
	s->use_tx = bfd_min(bfd_adv_tx(s), s->poll_tx);
	/* ...and a held reduction of Required Min RX. */
	s->use_rx = bfd_max(s->required_rx, s->poll_rx);
	if (s->state != BFD_STATE_UP) {
		s->use_tx = bfd_adv_tx(s);
		s->use_rx = s->required_rx;
	}
	s->poll_wait = s->poll_again;
}

/*
 * Our bfd.DesiredMinTxInterval or bfd.RequiredMinRxInterval changed from
 * old_tx/old_rx (6.8.3): poll, and decide which values are in use. While
 * Up, an increased Desired Min TX and a reduced Required Min RX wait for
 * the Poll Sequence to end; everything else applies at once.
 */
static void bfd_timers_changed(struct bfd_session *s, sim_time_t old_tx,
			       sim_time_t old_rx)
{
	sim_time_t tx = bfd_adv_tx(s);

	if (tx == old_tx && s->required_rx == old_rx)
		return;
	bfd_poll_start(s);
	if (s->state != BFD_STATE_UP || tx < s->use_tx)
		s->use_tx = tx;
	if (s->state != BFD_STATE_UP || s->required_rx > s->use_rx)
		s->use_rx = s->required_rx;
}

/* ---- the state machine (sections 6.2, 6.8.6) ---- */

static void bfd_log_transition(struct bfd_session *s, enum bfd_state old,
			       enum bfd_event ev)
{
	struct sim_log_rec r;

	node_log_begin(&r, s->node, "bfd", "state");
	sim_log_str(&r, "session", s->cfg.name);
	sim_log_str(&r, "old", bfd_state_name(old));
	sim_log_str(&r, "new", bfd_state_name(s->state));
	sim_log_str(&r, "diag", bfd_diag_name(s->local_diag));
	sim_log_str(&r, "cause", bfd_event_names[ev]);
	if (old == BFD_STATE_UP && s->state == BFD_STATE_DOWN)
		sim_log_str(&r, "mark", "detect");
	else if (s->state == BFD_STATE_UP)
		sim_log_str(&r, "mark", "protocol");
	sim_log_end(&r);
}

static void bfd_log_ignored(struct bfd_session *s, enum bfd_event ev)
{
	struct sim_log_rec r;

	node_log_begin(&r, s->node, "bfd", "ignored");
	sim_log_str(&r, "session", s->cfg.name);
	sim_log_str(&r, "cause", bfd_event_names[ev]);
	sim_log_str(&r, "state", bfd_state_name(s->state));
	sim_log_end(&r);
}

/* Listeners run on a copy, so one may (un)register during the call. */
static void bfd_notify(struct bfd_session *s, enum bfd_state old)
{
	struct bfd_listener l[BFD_MAX_LISTENERS];
	int n = s->nlisteners;

	memcpy(l, s->listeners, sizeof(l[0]) * (size_t)n);
	for (int i = 0; i < n; i++)
		l[i].fn(l[i].arg, s, old, s->state, s->local_diag);
}

/* Everything a transition does after the state variable changed. */
static void bfd_enter(struct bfd_session *s, enum bfd_state old,
		      enum bfd_event ev)
{
	sim_time_t now = node_now(s->node);
	sim_time_t old_tx = old == BFD_STATE_UP
				    ? s->desired_tx
				    : bfd_max(s->desired_tx, BFD_SLOW_TX);

	bfd_log_transition(s, old, ev);
	if (s->state == BFD_STATE_UP) {
		s->up_count++;
		s->last_up = now;
	}
	if (old == BFD_STATE_UP) {
		s->down_count++;
		s->last_down = now;
	}
	if (s->state == BFD_STATE_DOWN || s->state == BFD_STATE_ADMIN_DOWN)
		s->down_at = now;
	/* 6.8.3: entering or leaving Up changes bfd.DesiredMinTxInterval. */
	bfd_timers_changed(s, old_tx, s->required_rx);
	bfd_detect_arm(s);
	bfd_tx_update(s, true);
	bfd_notify(s, old);
}

/* Section 6.8.6, the state part of reception: the next state and diag. */
static void bfd_fsm_rx(const struct bfd_session *s, uint8_t rstate,
		       enum bfd_state *next, enum bfd_diag *diag)
{
	if (rstate == BFD_STATE_ADMIN_DOWN) {
		if (s->state != BFD_STATE_DOWN) {
			*next = BFD_STATE_DOWN;
			*diag = BFD_DIAG_NEIGHBOR_DOWN;
		}
		return;
	}
	switch (s->state) {
	case BFD_STATE_DOWN:
		/* 6.8.17 (our choice): held Down while the path is down. */
		if (s->path_down)
			return;
		if (rstate == BFD_STATE_DOWN)
			*next = BFD_STATE_INIT;
		else if (rstate == BFD_STATE_INIT)
			*next = BFD_STATE_UP;
		return;
	case BFD_STATE_INIT:
		if (rstate == BFD_STATE_INIT || rstate == BFD_STATE_UP)
			*next = BFD_STATE_UP;
		return;
	case BFD_STATE_UP:
		if (rstate == BFD_STATE_DOWN) {
			*next = BFD_STATE_DOWN;
			*diag = BFD_DIAG_NEIGHBOR_DOWN;
		}
		return;
	case BFD_STATE_ADMIN_DOWN:
		return;
	}
}

/*
 * The only place bfd.SessionState changes. arg is the accepted packet for
 * BFD_EV_RX, NULL otherwise. Events that make no sense in the current
 * state are logged ("ignored") and otherwise ignored.
 */
static void bfd_fsm(struct bfd_session *s, enum bfd_event ev,
		    const struct bfd_ctrl *arg)
{
	enum bfd_state old = s->state, next = s->state;
	enum bfd_diag diag = s->local_diag;

	switch (ev) {
	case BFD_EV_RX:
		if (!arg || s->state == BFD_STATE_ADMIN_DOWN)
			goto ignored;
		bfd_fsm_rx(s, arg->state, &next, &diag);
		break;
	case BFD_EV_DETECT_EXPIRED: /* 6.8.4: only Init and Up time out */
		if (s->state != BFD_STATE_INIT && s->state != BFD_STATE_UP)
			goto ignored;
		next = BFD_STATE_DOWN;
		diag = BFD_DIAG_TIME_EXPIRED;
		break;
	case BFD_EV_ADMIN_DOWN: /* 6.8.16 */
		if (s->state == BFD_STATE_ADMIN_DOWN)
			goto ignored;
		next = BFD_STATE_ADMIN_DOWN;
		diag = BFD_DIAG_ADMIN_DOWN;
		break;
	case BFD_EV_ADMIN_UP: /* 6.8.16: "Set bfd.SessionState to Down" */
		if (s->state != BFD_STATE_ADMIN_DOWN)
			goto ignored;
		next = BFD_STATE_DOWN;
		diag = BFD_DIAG_NONE;
		break;
	case BFD_EV_PATH_DOWN: /* 6.8.17: Down with diag Path Down */
		if (s->state == BFD_STATE_ADMIN_DOWN)
			return;
		next = BFD_STATE_DOWN;
		diag = BFD_DIAG_PATH_DOWN;
		break;
	case BFD_EV_PATH_UP: /* stays Down; the peer's packets bring it up */
		return;
	default:
		goto ignored;
	}
	s->local_diag = diag;
	if (next == old)
		return;
	s->state = next;
	bfd_enter(s, old, ev);
	return;
ignored:
	bfd_log_ignored(s, ev);
}

/* ---- timers of reception ---- */

/*
 * Init/Up: the Detection Time passed without a packet (6.8.4). Otherwise
 * the hold-down after going Down expired: forget the remote system
 * (6.8.1 bfd.RemoteDiscr "MUST be set to zero"; 6.8.18 bfd.RemoteMinRx
 * back to its initial 1 us). A configured static discriminator is kept.
 */
static void bfd_detect_fire(struct node_timer *nt)
{
	struct bfd_session *s =
		sim_container_of(nt, struct bfd_session, detect_timer);

	if (s->state == BFD_STATE_INIT || s->state == BFD_STATE_UP) {
		bfd_fsm(s, BFD_EV_DETECT_EXPIRED, NULL);
		return;
	}
	s->remote_disc = s->cfg.remote_disc;
	s->remote_min_rx = SIM_US(1);
	s->remote_state = BFD_STATE_DOWN;
	s->remote_demand = false;
	s->heard = false;
	bfd_tx_update(s, false);
}

/* 6.8.1: bfd.AuthSeqKnown is cleared after twice the Detection Time. */
static void bfd_auth_fire(struct node_timer *nt)
{
	struct bfd_session *s =
		sim_container_of(nt, struct bfd_session, auth_timer);

	s->auth_seq_known = false;
}

/* ---- reception (section 6.8.6) ---- */

/*
 * Sections 6.7.3/6.7.4: the received sequence number must lie in
 * bfd.RcvAuthSeq .. +3*Detect Mult (keyed) or bfd.RcvAuthSeq+1 ..
 * +3*Detect Mult (meticulous), in circular 32-bit arithmetic; Detect Mult
 * is the received packet's.
 */
static bool bfd_seq_ok(const struct bfd_session *s, const struct bfd_ctrl *c)
{
	uint32_t d = c->auth.seq - s->rcv_auth_seq;
	uint32_t lo = bfd_auth_meticulous(s->cfg.key.type) ? 1 : 0;

	if (!s->auth_seq_known)
		return true;
	return d >= lo && d <= 3u * c->detect_mult;
}

/* The discard rules of 6.8.6 before any state is touched; -1: accept. */
static int bfd_rx_check(const struct bfd_session *s, const struct bfd_ctrl *c,
			const uint8_t *buf, size_t len)
{
	bool auth = s->cfg.key.type != BFD_AUTH_NONE;

	if (!c || !buf || c->version != BFD_VERSION || c->length > len)
		return BFD_DROP_MALFORMED;
	if (c->detect_mult == 0)
		return BFD_DROP_DETECT_MULT;
	if (c->multipoint)
		return BFD_DROP_MULTIPOINT;
	if (c->my_disc == 0)
		return BFD_DROP_MY_DISC_ZERO;
	if (c->your_disc != 0 && c->your_disc != s->cfg.local_disc)
		return BFD_DROP_NO_SESSION;
	if (c->your_disc == 0 && c->state != BFD_STATE_DOWN &&
	    c->state != BFD_STATE_ADMIN_DOWN)
		return BFD_DROP_YOUR_DISC;
	/*
	 * A static remote discriminator (cfg.remote_disc) names the peer:
	 * a packet from another My Discriminator belongs to no session of
	 * ours. Learned discriminators follow the peer (6.8.6).
	 */
	if (s->cfg.remote_disc && c->my_disc != s->cfg.remote_disc)
		return BFD_DROP_NO_SESSION;
	if (c->auth_present != auth) /* A bit against bfd.AuthType */
		return BFD_DROP_AUTH_MISMATCH;
	if (auth && !bfd_pkt_auth_ok(buf, len, c, &s->cfg.key))
		return BFD_DROP_AUTH_FAIL;
	if (bfd_auth_seq_type(s->cfg.key.type) && !bfd_seq_ok(s, c))
		return BFD_DROP_AUTH_SEQ;
	return -1;
}

/* The remote variables an accepted packet sets (6.8.6). */
static void bfd_rx_learn(struct bfd_session *s, const struct bfd_ctrl *c)
{
	sim_time_t now = node_now(s->node);

	if (bfd_auth_seq_type(s->cfg.key.type)) {
		s->rcv_auth_seq = c->auth.seq;
		s->auth_seq_known = true;
	}
	s->last_rx = now;
	s->heard = true;
	s->remote_disc = c->my_disc;
	s->remote_state = (enum bfd_state)c->state;
	s->remote_diag = (enum bfd_diag)c->diag;
	s->remote_demand = c->demand;
	s->remote_min_rx = (sim_time_t)c->required_min_rx_us * 1000;
	s->remote_desired = (sim_time_t)c->desired_min_tx_us * 1000;
	s->remote_mult = c->detect_mult;
	if (c->final && s->poll) {
		bfd_poll_end(s);
	} else if (!c->final && s->poll_wait) {
		s->poll_wait = false;
		bfd_poll_start(s);
	}
}

void bfd_session_rx(struct bfd_session *s, const struct bfd_ctrl *c,
		    const uint8_t *buf, size_t len)
{
	int drop = bfd_rx_check(s, c, buf, len);

	if (drop >= 0) {
		s->drops[drop]++;
		return;
	}
	bfd_rx_learn(s, c);
	/* 6.8.2/6.8.7 transmit interval, 6.8.4 Detection Time. */
	bfd_tx_update(s, false);
	bfd_detect_arm(s);
	if (bfd_auth_seq_type(s->cfg.key.type))
		node_timer_arm(&s->auth_timer,
			       s->last_rx + 2 * bfd_detect_time(s));
	/* "If bfd.SessionState is AdminDown: Discard the packet". */
	if (s->state == BFD_STATE_ADMIN_DOWN) {
		s->drops[BFD_DROP_ADMIN_DOWN]++;
		return;
	}
	s->rx++;
	bfd_fsm(s, BFD_EV_RX, c);
	/*
	 * 6.8.7: answer a Poll at once with F set, whatever the state and
	 * the transmit timer (an AdminDown session discarded it above).
	 */
	if (c->poll)
		bfd_send(s, true);
}

void bfd_session_count_drop(struct bfd_session *s, enum bfd_drop d)
{
	if ((unsigned)d < BFD_DROP__COUNT)
		s->drops[d]++;
}

/* ---- configuration ---- */

static bool bfd_interval_ok(sim_time_t t, bool zero_ok)
{
	if (t < 0 || t > BFD_US_MAX || t % 1000 != 0)
		return false;
	return zero_ok || t > 0;
}

static bool bfd_key_ok(const struct bfd_key *k)
{
	if (k->type == BFD_AUTH_NONE)
		return true;
	if (k->type >= BFD_AUTH__COUNT || k->len == 0)
		return false;
	if (k->type == BFD_AUTH_SIMPLE)
		return k->len <= BFD_PASSWORD_MAX;
	if (k->type == BFD_AUTH_KEYED_MD5 || k->type == BFD_AUTH_METICULOUS_MD5)
		return k->len <= 16;
	return k->len <= BFD_KEY_MAX;
}

static bool bfd_cfg_ok(const struct bfd_session_cfg *cfg)
{
	return cfg->local_disc != 0 &&
	       memchr(cfg->name, 0, sizeof(cfg->name)) != NULL &&
	       bfd_interval_ok(cfg->desired_min_tx, false) &&
	       bfd_interval_ok(cfg->required_min_rx, true) &&
	       cfg->detect_mult != 0 && bfd_key_ok(&cfg->key);
}

static int bfd_timers_init(struct bfd_session *s)
{
	struct node *n = s->node;

	if (node_timer_init(n, &s->tx_timer, bfd_tx_fire))
		return -1;
	if (node_timer_init(n, &s->detect_timer, bfd_detect_fire)) {
		node_timer_fini(&s->tx_timer);
		return -1;
	}
	if (node_timer_init(n, &s->auth_timer, bfd_auth_fire)) {
		node_timer_fini(&s->tx_timer);
		node_timer_fini(&s->detect_timer);
		return -1;
	}
	/* Offloaded sessions run in the forwarding plane: no CPU freeze. */
	s->tx_timer.hw = s->cfg.offload;
	s->detect_timer.hw = s->cfg.offload;
	s->auth_timer.hw = s->cfg.offload;
	return 0;
}

struct bfd_session *bfd_session_new(struct node *n,
				    const struct bfd_session_cfg *cfg,
				    const struct bfd_session_ops *ops,
				    void *ctx)
{
	struct bfd_session *s;

	if (!n || !cfg || !ops || !ops->send || !bfd_cfg_ok(cfg))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->node = n;
	s->ops = ops;
	s->ctx = ctx;
	s->cfg = *cfg;
	if (bfd_timers_init(s)) {
		free(s);
		return NULL;
	}
	/* 6.8.1 initial values. */
	s->state = cfg->admin_down ? BFD_STATE_ADMIN_DOWN : BFD_STATE_DOWN;
	s->local_diag = cfg->admin_down ? BFD_DIAG_ADMIN_DOWN : BFD_DIAG_NONE;
	s->remote_state = BFD_STATE_DOWN;
	s->remote_disc = cfg->remote_disc;
	s->desired_tx = cfg->desired_min_tx;
	s->required_rx = cfg->required_min_rx;
	s->detect_mult = cfg->detect_mult;
	s->remote_min_rx = SIM_US(1);
	/* Drawn even without a key, so one set later starts random too. */
	s->xmit_auth_seq = (uint32_t)sim_rng_next(&n->rng);
	s->use_tx = bfd_adv_tx(s);
	s->use_rx = s->required_rx;
	s->tx_last = -1;
	s->last_rx = -1;
	s->last_up = -1;
	s->last_down = -1;
	s->down_at = node_now(n);
	bfd_tx_update(
		s, false); /* the first packet goes out at once (not inline) */
	return s;
}

void bfd_session_free(struct bfd_session *s)
{
	if (!s)
		return;
	node_timer_fini(&s->tx_timer);
	node_timer_fini(&s->detect_timer);
	node_timer_fini(&s->auth_timer);
	free(s);
}

int bfd_session_set_timers(struct bfd_session *s, sim_time_t desired_min_tx,
			   sim_time_t required_min_rx, uint8_t detect_mult)
{
	sim_time_t old_tx = bfd_adv_tx(s), old_rx = s->required_rx;

	if (!bfd_interval_ok(desired_min_tx, false) ||
	    !bfd_interval_ok(required_min_rx, true) || detect_mult == 0)
		return -1;
	s->cfg.desired_min_tx = desired_min_tx;
	s->cfg.required_min_rx = required_min_rx;
	s->cfg.detect_mult = detect_mult;
	/* 6.8.12: a new Detect Mult needs no Poll Sequence. */
	s->detect_mult = detect_mult;
	s->desired_tx = desired_min_tx;
	s->required_rx = required_min_rx;
	bfd_timers_changed(s, old_tx, old_rx);
	bfd_tx_update(s, false);
	if (s->state == BFD_STATE_INIT || s->state == BFD_STATE_UP)
		bfd_detect_arm(s);
	return 0;
}

void bfd_session_set_admin_down(struct bfd_session *s, bool down)
{
	s->cfg.admin_down = down;
	/* Re-applying the configuration is not an event. */
	if (down == (s->state == BFD_STATE_ADMIN_DOWN))
		return;
	bfd_fsm(s, down ? BFD_EV_ADMIN_DOWN : BFD_EV_ADMIN_UP, NULL);
}

/*
 * Section 6.8.17 leaves the reaction to the implementation; ours: the
 * session goes (or stays) Down with diag Path Down and does not leave
 * Down until the path is up again, so the peer sees Down and cannot
 * bring the session Up over a path known to be broken.
 */
void bfd_session_set_path(struct bfd_session *s, bool up)
{
	s->path_down = !up;
	bfd_fsm(s, up ? BFD_EV_PATH_UP : BFD_EV_PATH_DOWN, NULL);
}

int bfd_session_set_key(struct bfd_session *s, const struct bfd_key *key)
{
	if (!key || !bfd_key_ok(key))
		return -1;
	if (key->type != s->cfg.key.type || key->id != s->cfg.key.id)
		s->auth_seq_known = false;
	s->cfg.key = *key;
	return 0;
}

void bfd_session_set_remote_disc(struct bfd_session *s, uint32_t disc)
{
	s->cfg.remote_disc = disc;
	if (disc)
		s->remote_disc = disc;
}

/* ---- queries and listeners ---- */

enum bfd_state bfd_session_state(const struct bfd_session *s)
{
	return s->state;
}

const char *bfd_session_name(const struct bfd_session *s)
{
	return s->cfg.name;
}

uint32_t bfd_session_local_disc(const struct bfd_session *s)
{
	return s->cfg.local_disc;
}

uint32_t bfd_session_remote_disc(const struct bfd_session *s)
{
	return s->remote_disc;
}

void bfd_session_info(const struct bfd_session *s, struct bfd_session_info *out)
{
	bool live = s->state == BFD_STATE_INIT || s->state == BFD_STATE_UP;

	memset(out, 0, sizeof(*out));
	out->state = s->state;
	out->remote_state = s->remote_state;
	out->local_diag = s->local_diag;
	out->remote_diag = s->remote_diag;
	out->local_disc = s->cfg.local_disc;
	out->remote_disc = s->remote_disc;
	out->desired_min_tx = s->desired_tx;
	out->required_min_rx = s->required_rx;
	out->remote_min_rx = s->remote_min_rx;
	out->remote_desired_tx = s->remote_desired;
	out->detect_mult = s->detect_mult;
	out->remote_detect_mult = s->remote_mult;
	out->tx_interval = bfd_tx_interval(s);
	out->detect_time = live ? bfd_detect_time(s) : 0;
	out->last_rx = s->last_rx;
	out->poll_active = s->poll;
	out->auth_type = s->cfg.key.type;
	out->tx = s->tx;
	out->rx = s->rx;
	out->up_count = s->up_count;
	out->down_count = s->down_count;
	memcpy(out->drops, s->drops, sizeof(out->drops));
	out->last_up = s->last_up;
	out->last_down = s->last_down;
	out->adv_desired_min_tx = bfd_adv_tx(s);
	out->tx_running = s->tx_ival != 0;
	out->auth_seq_known = s->auth_seq_known;
	out->rcv_auth_seq = s->rcv_auth_seq;
	out->xmit_auth_seq = s->xmit_auth_seq;
	out->tx_fail = s->tx_fail;
	out->path_down = s->path_down;
}

int bfd_session_listen(struct bfd_session *s, bfd_listen_fn fn, void *arg)
{
	if (!fn || s->nlisteners >= BFD_MAX_LISTENERS)
		return -1;
	s->listeners[s->nlisteners].fn = fn;
	s->listeners[s->nlisteners].arg = arg;
	s->nlisteners++;
	return 0;
}

void bfd_session_unlisten(struct bfd_session *s, bfd_listen_fn fn, void *arg)
{
	for (int i = 0; i < s->nlisteners; i++) {
		if (s->listeners[i].fn != fn || s->listeners[i].arg != arg)
			continue;
		memmove(&s->listeners[i], &s->listeners[i + 1],
			sizeof(s->listeners[0]) *
				(size_t)(s->nlisteners - i - 1));
		s->nlisteners--;
		return;
	}
}
