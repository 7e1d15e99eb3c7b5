/*
 * RBS channel failures between two routers (README.md "Keepalive",
 * "Reconnecting", "BFD tracking", "Errors"): a cut link is detected by
 * each side exactly interval x count after the last message it received;
 * the active side then retries at 1, 2, 4, 8, 16 s intervals and comes
 * back once the link does; a grey failure (all frames lost, links up) is
 * detected the same way with other keepalive settings and the attempts
 * time out; keepalive settings changed on a live channel apply at once
 * (hold timer re-armed from the last message, new Hello); a tracked BFD
 * session's fall drops the channel at that instant and holds it down
 * until the session is Up again, an administrative shutdown does not, and
 * a track command that cannot be done changes nothing; and the
 * passive side, driven by a raw
 * TCP client, reassembles messages split and merged across segments,
 * skips unknown types, and drops the connection on bad bytes, sequence
 * gaps and data before the Hello, rejects other addresses, and lets a new
 * connection from the peer replace the old one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/bfd/bfd_router.h"
#include "protocols/rbs/rbs_test_util.h"
#include "protocols/tcp/tcp_router.h"

#define LOSS_ALL 1000000000u /* parts per billion */
#define R2_BFD                                                                 \
	"bfd s1 bind peer-ip 10.0.12.1 source-ip 10.0.12.2 interface " RT_IF   \
	"\n"

static sim_time_t rec_t(const struct node_tw_rec *r)
{
	assert_non_null(r);
	return r->t;
}

static void up_v4(struct rt *x, const char *extra1, const char *extra2)
{
	char b1[512], b2[512];

	snprintf(b1, sizeof(b1), "%s%s", RT_SVC4_R1, extra1 ? extra1 : "");
	snprintf(b2, sizeof(b2), "%s%s", RT_SVC4_R2, extra2 ? extra2 : "");
	rt_init(x, SIM_S(1));
	rt_config(x, x->r2, b2);
	rt_config(x, x->r1, b1);
	rt_run(x, SIM_MS(1100));
	assert_int_equal(rbs_state(rt_svc(x->r1, "rbs1")), RBS_CONNECTED);
	assert_int_equal(rbs_state(rt_svc(x->r2, "rbs1")), RBS_CONNECTED);
}

/*
 * The link is cut at 5.5 s. Each side drops the channel (hold-expired)
 * exactly 3 x 1 s after the last message it received. R2 listens on; R1
 * retries after 1 s and then at 2, 4, 8, 16 s intervals (each attempt
 * fails at once: no route), and reconnects on the first attempt after the
 * link is back.
 */
static void test_link_cut_and_backoff(void **state)
{
	static const sim_time_t gaps[] = { SIM_S(1), SIM_S(2), SIM_S(4),
					   SIM_S(8), SIM_S(16) };
	struct rt x;
	struct rbs_svc *a, *b;
	sim_time_t la, lb, d, t;
	const char *out;

	(void)state;
	up_v4(&x, NULL, NULL);
	a = rt_svc(x.r1, "rbs1");
	b = rt_svc(x.r2, "rbs1");
	rt_run(&x, SIM_MS(5500));
	node_link_set_up(x.link, false);
	la = a->last_rx;
	lb = b->last_rx;
	assert_true(la > SIM_S(5) && lb > SIM_S(5));
	rt_run(&x, SIM_S(10));
	/* Down exactly interval x count after the last message. */
	d = rec_t(rt_state(&x, "R1", "rbs1", "Connecting", 1));
	assert_int_equal(d, la + SIM_S(3));
	assert_string_equal(
		rt_field(rt_state(&x, "R1", "rbs1", "Connecting", 1), "cause"),
		"hold-expired");
	assert_int_equal(rec_t(rt_state(&x, "R2", "rbs1", "Listening", 1)),
			 lb + SIM_S(3));
	assert_int_equal(a->cnt.ka_timeouts, 1);
	assert_int_equal(b->cnt.ka_timeouts, 1);
	assert_int_equal(rbs_state(b), RBS_LISTENING);

	/* Attempts at d + 1, 3, 7, 15, 31 s. */
	rt_run(&x, d + SIM_S(20));
	t = d;
	for (size_t i = 0; i < 4; i++) {
		t += gaps[i];
		assert_int_equal(rec_t(node_tw_find(x.t.w, "R1", "rbs",
						    "connect", i + 1)),
				 t);
	}
	assert_null(node_tw_find(x.t.w, "R1", "rbs", "connect", 5));
	assert_int_equal(a->cnt.tcp_ends[TCP_END_UNREACH], 4);
	assert_int_equal(a->t_retry.t.deadline, d + SIM_S(31));
	out = rtest_cli(&x.t, x.r1, "display remote-backup-service", NULL);
	assert_non_null(strstr(out, " TCP state          : Connecting\n"));
	assert_non_null(strstr(out, " Last change        : "));
	assert_non_null(strstr(out, " Next attempt       : "));
	node_link_set_up(x.link, true);
	rt_run(&x, d + SIM_S(32));
	assert_int_equal(rec_t(node_tw_find(x.t.w, "R1", "rbs", "connect", 5)),
			 d + SIM_S(31));
	assert_int_equal(rbs_state(a), RBS_CONNECTED);
	assert_int_equal(rbs_state(b), RBS_CONNECTED);
	assert_int_equal(a->cnt.ups, 2);
	assert_int_equal(a->backoff, RBS_BACKOFF_MIN);
	out = rtest_cli(&x.t, x.r1, "display remote-backup-service", NULL);
	assert_non_null(strstr(out, " Connections        : 2 up, 1 down, 1 "
				    "reconnects\n"));
	assert_non_null(strstr(out, " Timeouts           : 1 keepalive, 0 "
				    "hello, 0 connect\n"));
	rt_fini(&x);
}

/*
 * A grey failure with keepalive 200 ms x 4 on both sides: every frame is
 * lost from 3 s, interfaces stay up. Detection at 800 ms after the last
 * message; the next attempts' SYNs are lost and each attempt is abandoned
 * after the hold time (800 ms), then the backoff runs.
 */
static void test_grey_failure(void **state)
{
	static const char ka[] = " keepalive interval 200 count 4\n";
	struct rt x;
	struct rbs_svc *a, *b;
	sim_time_t d;

	(void)state;
	up_v4(&x, ka, ka);
	a = rt_svc(x.r1, "rbs1");
	b = rt_svc(x.r2, "rbs1");
	rt_run(&x, SIM_S(3));
	assert_int_equal(a->peer_ka_interval, SIM_MS(200));
	assert_int_equal(rbs_chan_hold_time(a), SIM_MS(800));
	node_link_set_loss(x.link, LOSS_ALL);
	rt_run(&x, SIM_S(3) + SIM_MS(801));
	d = rec_t(rt_state(&x, "R1", "rbs1", "Connecting", 1));
	assert_int_equal(d, a->last_rx + SIM_MS(800));
	assert_int_equal(rec_t(rt_state(&x, "R2", "rbs1", "Listening", 1)),
			 b->last_rx + SIM_MS(800));
	/* Attempt at d + 1 s, abandoned at + 0.8 s, next 2 s later. */
	rt_run(&x, d + SIM_S(5));
	assert_int_equal(rec_t(node_tw_find(x.t.w, "R1", "rbs", "connect", 1)),
			 d + SIM_S(1));
	assert_int_equal(rec_t(node_tw_find(x.t.w, "R1", "rbs", "connect", 2)),
			 d + SIM_S(1) + SIM_MS(800) + SIM_S(2));
	assert_int_equal(a->cnt.connect_timeouts, 2);
	node_link_set_loss(x.link, 0);
	rt_run(&x, d + SIM_S(10));
	assert_int_equal(rbs_state(a), RBS_CONNECTED);
	assert_int_equal(rbs_state(b), RBS_CONNECTED);
	rt_fini(&x);
}

/*
 * `keepalive` changed on a live channel applies at once (README.md
 * "Keepalive"). At 3 s R1 goes to 200 ms x 2: its hold timer (R2's 1 s x
 * its new count 2) is re-armed from the last message received, its
 * Keepalives go every 200 ms, and its new Hello tells R2, whose hold time
 * becomes 200 ms x 3. A grey failure from 4 s: R2 drops after 600 ms;
 * R1's count raised to 5 at 4.5 s keeps the channel up past the old 2 s,
 * and lowered to 2 again at 7 s, when the last message is more than 2 s
 * old, drops it at that instant. The next attempt (SYN lost) is abandoned
 * after the hold time in force: the count raised while the SYN is out
 * stretches it from the SYN.
 */
static void test_keepalive_change(void **state)
{
	static const char ka2[] = "remote-backup-service rbs1\n"
				  " keepalive interval 200 count 2\n";
	static const char ka5[] = "remote-backup-service rbs1\n"
				  " keepalive interval 200 count 5\n";
	static const char ka4[] = "remote-backup-service rbs1\n"
				  " keepalive interval 200 count 4\n";
	struct rt x;
	struct rbs_svc *a, *b;
	sim_time_t syn;

	(void)state;
	up_v4(&x, NULL, NULL);
	a = rt_svc(x.r1, "rbs1");
	b = rt_svc(x.r2, "rbs1");
	rt_run(&x, SIM_S(3));
	assert_int_equal(a->t_hold.t.deadline, a->last_rx + SIM_S(3));
	rt_config(&x, x.r1, ka2);
	assert_int_equal(a->t_hold.t.deadline, a->last_rx + SIM_S(2));
	assert_int_equal(a->t_ka.t.deadline, SIM_S(3) + SIM_MS(200));
	rt_run(&x, SIM_S(3) + SIM_MS(10));
	assert_int_equal(b->peer_ka_interval, SIM_MS(200));
	assert_int_equal(b->t_hold.t.deadline, b->last_rx + SIM_MS(600));
	assert_int_equal(rbs_state(a), RBS_CONNECTED);
	assert_int_equal(rbs_state(b), RBS_CONNECTED);

	rt_run(&x, SIM_S(4));
	node_link_set_loss(x.link, LOSS_ALL);
	rt_run(&x, SIM_S(4) + SIM_MS(500));
	assert_int_equal(rec_t(rt_state(&x, "R2", "rbs1", "Listening", 1)),
			 b->last_rx + SIM_MS(600));
	rt_config(&x, x.r1, ka5);
	assert_int_equal(a->t_hold.t.deadline, a->last_rx + SIM_S(5));
	rt_run(&x, SIM_S(7));
	assert_int_equal(rbs_state(a), RBS_CONNECTED);
	assert_true(a->last_rx + SIM_S(2) < SIM_S(7));
	rt_config(&x, x.r1, ka2);
	rt_run(&x, SIM_S(7));
	assert_int_equal(rec_t(rt_state(&x, "R1", "rbs1", "Connecting", 1)),
			 SIM_S(7));
	assert_string_equal(
		rt_field(rt_state(&x, "R1", "rbs1", "Connecting", 1), "cause"),
		"hold-expired");
	assert_int_equal(a->cnt.ka_timeouts, 1);

	/* The attempt 1 s later: 400 ms, then 800 ms from its SYN. */
	rt_run(&x, SIM_S(8) + SIM_MS(100));
	syn = rec_t(node_tw_find(x.t.w, "R1", "rbs", "connect", 1));
	assert_int_equal(syn, SIM_S(8));
	assert_int_equal(a->t_hold.t.deadline, syn + SIM_MS(400));
	rt_config(&x, x.r1, ka4);
	assert_int_equal(a->t_hold.t.deadline, syn + SIM_MS(800));
	rt_run(&x, syn + SIM_MS(800) - 1);
	assert_int_equal(a->cnt.connect_timeouts, 0);
	rt_run(&x, syn + SIM_MS(800));
	assert_int_equal(a->cnt.connect_timeouts, 1);
	rt_fini(&x);
}

/* The time of the nth "bfd state" record of node whose new state is st. */
static sim_time_t bfd_at(struct rt *x, const char *node, const char *st,
			 size_t nth)
{
	const struct node_tw_rec *r;
	char buf[32];

	for (size_t i = 0; (r = node_tw_find(x->t.w, node, "bfd", "state", i));
	     i++)
		if (node_tw_field(r, "new", buf, sizeof(buf)) &&
		    !strcmp(buf, st) && nth-- == 0)
			return r->t;
	fail_msg("no bfd %s record on %s", st, node);
	return 0;
}

/*
 * Both ends track the BFD session on the link. A grey failure from 3 s:
 * BFD goes Down within 30 ms and the channel drops at that instant (RST),
 * long before the keepalive would notice, and stays Initial (no attempt)
 * while BFD is down. The link heals at 6 s: when BFD is Up again the
 * channel restarts at once and comes back. Shutting the session down
 * (AdminDown, here or at the far end) does not touch the channel.
 */
static void test_bfd_track(void **state)
{
	struct rt x;
	struct rbs_svc *a, *b;
	sim_time_t down1, down2, up1;
	uint64_t attempts;

	(void)state;
	up_v4(&x, " track bfd-session 10\n",
	      " track bfd-session session-name s1\n");
	a = rt_svc(x.r1, "rbs1");
	b = rt_svc(x.r2, "rbs1");
	rt_run(&x, SIM_S(3));
	assert_int_equal(a->bfd_state, BFD_STATE_UP);
	assert_true(a->bfd_was_up && b->bfd_was_up);
	node_link_set_loss(x.link, LOSS_ALL);
	rt_run(&x, SIM_S(4));
	down1 = bfd_at(&x, "R1", "Down", 0);
	down2 = bfd_at(&x, "R2", "Down", 0);
	assert_true(down1 < SIM_S(3) + SIM_MS(40));
	assert_int_equal(rec_t(rt_state(&x, "R1", "rbs1", "Initial", 0)),
			 down1);
	assert_int_equal(rec_t(rt_state(&x, "R2", "rbs1", "Initial", 0)),
			 down2);
	assert_string_equal(
		rt_field(rt_state(&x, "R1", "rbs1", "Initial", 0), "cause"),
		"bfd-down");
	assert_int_equal(a->cnt.bfd_drops, 1);
	assert_int_equal(b->cnt.bfd_drops, 1);
	assert_int_equal(a->cnt.ka_timeouts, 0);
	assert_true(a->bfd_hold);
	attempts = a->cnt.attempts;
	assert_non_null(strstr(
		rtest_cli(&x.t, x.r1, "display remote-backup-service", NULL),
		" Track BFD session  : 10 (Down, channel held "
		"down)\n"));
	rt_run(&x, SIM_S(6));
	assert_int_equal(a->cnt.attempts, attempts);
	assert_int_equal(rbs_state(a), RBS_INITIAL);
	assert_null(b->lsn);
	node_link_set_loss(x.link, 0);
	rt_run(&x, SIM_S(10));
	up1 = bfd_at(&x, "R1", "Up", 1);
	assert_int_equal(
		rec_t(node_tw_find(x.t.w, "R1", "rbs", "connect", attempts)),
		up1);
	assert_int_equal(rbs_state(a), RBS_CONNECTED);
	assert_int_equal(rbs_state(b), RBS_CONNECTED);
	assert_false(a->bfd_hold || b->bfd_hold);

	/* AdminDown at R2: neither side holds the channel. */
	rt_config(&x, x.r2, R2_BFD " shutdown\n");
	rt_run(&x, SIM_S(11));
	assert_int_equal(b->bfd_state, BFD_STATE_ADMIN_DOWN);
	assert_int_equal(a->bfd_state, BFD_STATE_DOWN);
	assert_false(a->bfd_hold || b->bfd_hold);
	assert_int_equal(rbs_state(a), RBS_CONNECTED);
	assert_int_equal(rbs_state(b), RBS_CONNECTED);
	/* Untracking while held restarts the channel at once. */
	rt_config(&x, x.r2, R2_BFD " undo shutdown\n");
	rt_run(&x, SIM_S(14));
	assert_int_equal(a->bfd_state, BFD_STATE_UP);
	node_link_set_loss(x.link, LOSS_ALL);
	rt_run(&x, SIM_S(15));
	assert_int_equal(rbs_state(a), RBS_INITIAL);
	node_link_set_loss(x.link, 0);
	rt_config(&x, x.r1,
		  "remote-backup-service rbs1\n"
		  " undo track bfd-session\n");
	assert_false(a->track);
	assert_int_equal(rbs_state(a), RBS_CONNECTING);
	rt_fini(&x);
}

static void no_bfd_fn(void *arg, struct bfd_session *bs, enum bfd_state old,
		      enum bfd_state st, enum bfd_diag diag)
{
	(void)arg;
	(void)bs;
	(void)old;
	(void)st;
	(void)diag;
}

/*
 * `track bfd-session` that cannot be done changes nothing (README.md "BFD
 * tracking"). R1 tracks session 10, which holds the channel down: a
 * request without a session is refused and the hold stays. With every
 * other BFD watch taken, replacing the tracked session still works (its
 * watch is reused; the new session, never seen Up, holds nothing, so the
 * channel restarts); untracked with no watch left, the command fails
 * saying so and nothing is tracked or shown. With watches free again,
 * tracking works.
 */
static void test_bfd_track_no_watch(void **state)
{
	static const char cmd[] = "system-view immediately\n"
				  "remote-backup-service rbs1\n";
	static const char *const forms[] = {
		"track bfd-session session-name s1",
		"track bfd-session 10",
	};
	struct rt x;
	struct rbs_svc *a;
	struct bfd_inst *bi;
	int ids[128], n = 0, id, watch, rc;
	uint64_t attempts;
	char buf[256];
	const char *out;

	(void)state;
	up_v4(&x, " track bfd-session 10\n", NULL);
	a = rt_svc(x.r1, "rbs1");
	rt_run(&x, SIM_S(3));
	node_link_set_loss(x.link, LOSS_ALL);
	rt_run(&x, SIM_S(4));
	assert_true(a->bfd_hold);
	assert_int_equal(rbs_state(a), RBS_INITIAL);
	watch = a->bfd_watch;
	attempts = a->cnt.attempts;
	assert_int_equal(rbs_svc_set_track(a, NULL, 0), -1);
	assert_int_equal(rbs_svc_set_track(a, "", 0), -1);
	assert_true(a->track && a->bfd_hold && a->bfd_was_up);
	assert_int_equal(a->bfd_watch, watch);
	assert_int_equal(a->track_disc, 10);
	assert_string_equal(a->track_name, "");
	assert_int_equal(rbs_state(a), RBS_INITIAL);
	assert_int_equal(a->cnt.attempts, attempts);

	bi = bfd_inst(x.r1);
	while (n < 127 &&
	       (id = bfd_watch(bi, "nosuch", 0, no_bfd_fn, NULL)) > 0)
		ids[n++] = id;
	assert_true(n > 0 && n < 127);
	snprintf(buf, sizeof(buf), "%s%s", cmd, forms[0]);
	rtest_cli(&x.t, x.r1, buf, &rc);
	assert_int_equal(rc, 0);
	assert_true(a->track && a->bfd_watch > 0);
	assert_string_equal(a->track_name, "s1");
	assert_false(a->bfd_hold || a->bfd_was_up);
	assert_int_equal(a->cnt.attempts, attempts + 1);
	snprintf(buf, sizeof(buf), "%sundo track bfd-session", cmd);
	rtest_cli(&x.t, x.r1, buf, &rc);
	assert_int_equal(rc, 0);
	ids[n] = bfd_watch(bi, "nosuch", 0, no_bfd_fn, NULL);
	assert_true(ids[n++] > 0);
	for (size_t f = 0; f < 2; f++) {
		snprintf(buf, sizeof(buf), "%s%s", cmd, forms[f]);
		out = rtest_cli(&x.t, x.r1, buf, &rc);
		assert_int_equal(rc, -1);
		assert_non_null(strstr(out, "No more BFD sessions"));
		assert_false(a->track);
		assert_int_equal(a->bfd_watch, 0);
		assert_string_equal(a->track_name, "");
		assert_int_equal(a->track_disc, 0);
		assert_false(a->bfd_hold || a->bfd_was_up);
	}
	out = rtest_cli(&x.t, x.r1, "display current-configuration", NULL);
	assert_null(strstr(out, "track bfd-session"));
	for (int i = 0; i < n; i++)
		bfd_unwatch(bi, ids[i]);
	node_link_set_loss(x.link, 0);
	snprintf(buf, sizeof(buf), "%s%s", cmd, forms[1]);
	rtest_cli(&x.t, x.r1, buf, &rc);
	assert_int_equal(rc, 0);
	rt_run(&x, SIM_S(10));
	assert_true(a->track && a->bfd_was_up);
	assert_int_equal(a->bfd_state, BFD_STATE_UP);
	assert_int_equal(rbs_state(a), RBS_CONNECTED);
	rt_fini(&x);
}

/* ---- a raw TCP client playing R1 against R2's passive side ---- */

struct raw {
	struct tcp_sock *s;
	bool up, closed;
	enum tcp_end why;
	size_t rx; /* bytes received */
};

static void raw_connected(void *ctx, struct tcp_sock *s)
{
	struct raw *r = ctx;

	(void)s;
	r->up = true;
}

static void raw_recv(void *ctx, struct tcp_sock *s, const uint8_t *d,
		     size_t len)
{
	struct raw *r = ctx;

	(void)s;
	(void)d;
	r->rx += len;
}

static void raw_closed(void *ctx, struct tcp_sock *s, enum tcp_end why)
{
	struct raw *r = ctx;

	(void)s;
	r->closed = true;
	r->why = why;
	r->s = NULL;
}

static const struct tcp_cb raw_cb = {
	.connected = raw_connected,
	.recv = raw_recv,
	.closed = raw_closed,
};

static void raw_open(struct rt *x, struct raw *r, const char *src)
{
	struct net_addr a, b;

	memset(r, 0, sizeof(*r));
	net_addr_parse(src, &a);
	net_addr_parse("2.2.2.2", &b);
	r->s = tcp_connect(tcp_router_stack(x->r1), &a, 0, &b, RT_PORT, &raw_cb,
			   r);
	assert_non_null(r->s);
	rt_run(x, rt_now(x) + SIM_MS(10));
}

static void raw_send(struct rt *x, struct raw *r, const uint8_t *p, size_t n)
{
	assert_non_null(r->s);
	assert_int_equal(tcp_send(r->s, p, n), (long)n);
	rt_run(x, rt_now(x) + SIM_MS(10));
}

static size_t enc(struct rbs_msg *m, uint8_t type, uint32_t seq, uint8_t *buf)
{
	int n;

	memset(m, 0, sizeof(*m));
	m->type = type;
	m->seq = seq;
	m->keepalive_interval = SIM_S(1);
	m->keepalive_count = 3;
	m->backup_id = 10;
	n = rbs_pkt_encode(m, buf, 256);
	assert_true(n > 0);
	return (size_t)n;
}

static void raw_close(struct rt *x, struct raw *r)
{
	if (r->s) {
		tcp_set_cb(r->s, NULL, NULL);
		tcp_abort(r->s);
	}
	rt_run(x, rt_now(x) + SIM_MS(10));
}

/* Bytes split over segments and merged into one are framed the same;
 * unknown types are skipped; a new connection replaces the old one. */
static void test_passive_framing(void **state)
{
	struct rt x;
	struct raw r1, r2;
	struct rbs_msg *m = calloc(1, sizeof(*m));
	struct rt_ear ear = { 0 };
	uint8_t buf[1024];
	size_t n, k;
	struct rbs_svc *b;

	(void)state;
	assert_non_null(m);
	rt_init(&x, SIM_S(1));
	rt_config(&x, x.r2, RT_SVC4_R2);
	b = rt_svc(x.r2, "rbs1");
	rt_ear_listen(&ear, b);
	raw_open(&x, &r1, "1.1.1.1");
	assert_true(r1.up);
	assert_int_equal(b->cnt.accepted, 1);
	assert_true(r1.rx > 0); /* R2's Hello */
	/* A Hello in three pieces: Connected only with the last one. */
	n = enc(m, RBS_T_HELLO, 1, buf);
	raw_send(&x, &r1, buf, 5);
	raw_send(&x, &r1, buf + 5, 10);
	assert_int_equal(rbs_state(b), RBS_LISTENING);
	assert_int_equal(rbs_stream_pending(&b->rx), 15);
	raw_send(&x, &r1, buf + 15, n - 15);
	assert_int_equal(rbs_state(b), RBS_CONNECTED);
	/* Unknown type, BatchStart, Keepalive and half a BatchEnd in one
	 * write; the rest of the BatchEnd in the next. */
	k = 0;
	memcpy(buf, "\x52\x42\x01\x4d\x00\x00\x00\x0e\x00\x00\x00\x02\xaa\xbb",
	       14);
	k += 14;
	k += enc(m, RBS_T_BATCH_START, 3, buf + k);
	k += enc(m, RBS_T_KEEPALIVE, 4, buf + k);
	n = enc(m, RBS_T_BATCH_END, 5, buf + k);
	raw_send(&x, &r1, buf, k + 7);
	assert_int_equal(ear.n, 1);
	assert_int_equal(ear.msgs[0].type, RBS_T_BATCH_START);
	raw_send(&x, &r1, buf + k + 7, n - 7);
	assert_int_equal(ear.n, 2);
	assert_int_equal(ear.msgs[1].type, RBS_T_BATCH_END);
	assert_int_equal(b->cnt.rx_msgs[0], 1);
	assert_int_equal(b->cnt.rx_bytes[0], 14);
	assert_int_equal(rbs_state(b), RBS_CONNECTED);

	/* The peer again, from another port: the old connection goes. */
	raw_open(&x, &r2, "1.1.1.1");
	assert_true(r2.up);
	assert_true(r1.closed);
	assert_int_equal(r1.why, TCP_END_RESET);
	assert_int_equal(rbs_state(b), RBS_LISTENING);
	assert_string_equal(
		rt_field(rt_state(&x, "R2", "rbs1", "Listening", 1), "cause"),
		"replaced");
	n = enc(m, RBS_T_HELLO, 1, buf);
	raw_send(&x, &r2, buf, n);
	assert_int_equal(rbs_state(b), RBS_CONNECTED);
	assert_int_equal(b->cnt.accepted, 2);
	raw_close(&x, &r2);
	assert_int_equal(rbs_state(b), RBS_LISTENING);
	assert_int_equal(b->cnt.tcp_ends[TCP_END_RESET], 1);
	rt_ear_free(&ear);
	free(m);
	rt_fini(&x);
}

/* What drops the connection, each counted by its reason. */
static void test_passive_errors(void **state)
{
	struct rt x;
	struct raw r;
	struct rbs_msg *m = calloc(1, sizeof(*m));
	uint8_t buf[512];
	size_t n;
	struct rbs_svc *b;
	const char *out;

	(void)state;
	assert_non_null(m);
	rt_init(&x, SIM_S(1));
	rt_config(&x, x.r2, RT_SVC4_R2);
	b = rt_svc(x.r2, "rbs1");

	/* Bad magic after a good Hello. */
	raw_open(&x, &r, "1.1.1.1");
	raw_send(&x, &r, buf, enc(m, RBS_T_HELLO, 1, buf));
	assert_int_equal(rbs_state(b), RBS_CONNECTED);
	raw_send(&x, &r, (const uint8_t *)"XXXXXXXXXXXX", 12);
	assert_true(r.closed);
	assert_int_equal(r.why, TCP_END_RESET);
	assert_int_equal(b->cnt.malformed[RBS_PKT_E_MAGIC], 1);
	assert_int_equal(rbs_state(b), RBS_LISTENING);
	assert_int_equal(b->cause, RBS_C_MALFORMED);

	/* A body that does not decode (a BatchStart with no TLV). */
	raw_open(&x, &r, "1.1.1.1");
	raw_send(&x, &r, buf, enc(m, RBS_T_HELLO, 1, buf));
	raw_send(&x, &r,
		 (const uint8_t *)"\x52\x42\x01\x03\x00\x00\x00\x0c"
				  "\x00\x00\x00\x02",
		 12);
	assert_true(r.closed);
	assert_int_equal(b->cnt.malformed[RBS_PKT_E_MISSING], 1);

	/* Data before the Hello. */
	raw_open(&x, &r, "1.1.1.1");
	raw_send(&x, &r, buf, enc(m, RBS_T_KEEPALIVE, 1, buf));
	assert_true(r.closed);
	assert_int_equal(b->cnt.protocol_errors, 1);

	/* A gap in sequence numbers. */
	raw_open(&x, &r, "1.1.1.1");
	n = enc(m, RBS_T_HELLO, 1, buf);
	n += enc(m, RBS_T_KEEPALIVE, 3, buf + n);
	raw_send(&x, &r, buf, n);
	assert_true(r.closed);
	assert_int_equal(b->cnt.protocol_errors, 2);
	assert_int_equal(b->cause, RBS_C_PROTOCOL);

	/* No Hello within the hold time. */
	raw_open(&x, &r, "1.1.1.1");
	rt_run(&x, rt_now(&x) + SIM_S(3));
	assert_true(r.closed);
	assert_int_equal(b->cnt.hello_timeouts, 1);

	/* Another address of R1: refused. */
	raw_open(&x, &r, "10.0.12.1");
	assert_true(r.closed);
	assert_int_equal(r.why, TCP_END_RESET);
	assert_int_equal(b->cnt.rejected, 1);
	assert_int_equal(rbs_state(b), RBS_LISTENING);
	out = rtest_cli(&x.t, x.r2, "display remote-backup-service", NULL);
	assert_non_null(strstr(out, " Malformed          : 2 bad-magic 1 "
				    "missing-tlv 1\n"
				    " Protocol errors    : 2\n"));
	assert_non_null(strstr(out, " TCP opens          : 0 connect, 5 "
				    "accepted, 1 rejected\n"));
	free(m);
	rt_fini(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_cut_and_backoff),
		cmocka_unit_test(test_grey_failure),
		cmocka_unit_test(test_keepalive_change),
		cmocka_unit_test(test_bfd_track),
		cmocka_unit_test(test_bfd_track_no_watch),
		cmocka_unit_test(test_passive_framing),
		cmocka_unit_test(test_passive_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
