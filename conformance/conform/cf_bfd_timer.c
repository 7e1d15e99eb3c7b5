/*
 * "bfd" conformance cases on timers (RFC 5880 sections 6.5, 6.8.3 and
 * 6.8.7): the transmit interval is the greater of the DUT's Desired Min
 * TX and the peer's Required Min RX, jittered per packet to 75-100 % (at
 * most 90 % with Detect Mult 1); a Poll is answered at once with a Final;
 * a timer change starts a Poll Sequence on the periodic packets, which a
 * Final ends; an increased Desired Min TX and a reduced Required Min RX
 * take effect only once the Poll Sequence is over. Interval checks take
 * DUT send times from probe arrival times minus the fixed wire and CPU
 * inject latency, so they are exact to the nanosecond.
 */
#include "conformance/conform/cf_bfd_int.h"

#include <stdio.h>
#include <string.h>

#define BX_MAX_RX 512
/* "As soon as practicable" (6.8.7) for the Final: failsim answers in the
 * same instant; a reply later than this fails. */
#define BX_ASAP SIM_MS(1)

#define BX_SESS_VIEW                                                           \
	"system-view\n"                                                        \
	"bfd " BX_SESSION " bind peer-ip 10.0.12.2 interface " BX_PORT "\n"

/* Every gap between consecutive packets of v[0..n) must lie in [lo, hi]:
 * false (reported, with the first offender) otherwise. */
static bool gaps_within(struct cf_ctx *c, const struct bx_rx *v, size_t n,
			sim_time_t lo, sim_time_t hi, const char *what)
{
	char a[32];

	for (size_t i = 1; i < n; i++) {
		sim_time_t g = v[i].sent - v[i - 1].sent;

		if (g < lo || g > hi)
			return cf_check(c, false,
					"%s: packets %lld us apart (the one "
					"sent at %s), expected %lld-%lld us",
					what, (long long)(g / 1000),
					cf_ts(v[i].sent, a),
					(long long)(lo / 1000),
					(long long)(hi / 1000));
	}
	return true;
}

void cf_bfd_txival_body(struct cf_ctx *c, unsigned dut_tx_ms,
			sim_time_t peer_rx, sim_time_t expect)
{
	struct bx_cfg cfg = { .tx_ms = dut_tx_ms };
	struct bx_tx up = { .state = BFD_STATE_UP, .learnt = true };
	struct bx_rx v[BX_MAX_RX];
	struct bx x;
	/* 6.8.7: the greater of Desired Min TX and the peer's Required Min
	 * RX, less 0-25 % jitter. */
	sim_time_t ival =
		SIM_MS(dut_tx_ms) > peer_rx ? SIM_MS(dut_tx_ms) : peer_rx;
	sim_time_t want = expect ? expect : ival;
	sim_time_t t1;
	size_t n;

	up.rx = peer_rx;
	if (!bx_open(&x, c, &cfg) || bx_up(&x) < 0)
		goto out;
	t1 = cf_now(x.w);
	if (bx_send_every(&x, &up, t1, BX_IVAL, t1 + 60 * ival) < 0)
		goto out;
	n = bx_sent(&x, t1 + ival, cf_now(x.w), v, BX_MAX_RX);
	if (cf_check(c, n >= 50, "only %zu packets in 59 intervals of %lld ms",
		     n, (long long)(ival / SIM_MS(1))))
		gaps_within(c, v, n < BX_MAX_RX ? n : BX_MAX_RX, want * 3 / 4,
			    want, "transmit interval");
out:
	bx_close(&x);
}

/* 6.8.7: the peer's Required Min RX above ours, then ours above it. */
void cf_bfd_case_tx_interval(struct cf_ctx *c)
{
	cf_bfd_txival_body(c, 10, SIM_MS(50), 0);
	if (!cf_failures(c))
		cf_bfd_txival_body(c, 30, SIM_MS(10), 0);
}

/* 6.8.7: per-packet jitter, 0-25 % below the interval, and real. */
void cf_bfd_case_jitter(struct cf_ctx *c)
{
	struct bx_rx v[BX_MAX_RX];
	struct bx x;
	sim_time_t t1, lo = SIM_S(1), hi = 0;
	size_t n, distinct = 0;

	if (!bx_open(&x, c, NULL) || bx_up(&x) < 0)
		goto out;
	t1 = cf_now(x.w);
	bx_keep(&x, t1 + SIM_MS(2600));
	n = bx_sent(&x, t1 + SIM_MS(20), cf_now(x.w), v, BX_MAX_RX);
	n = n < BX_MAX_RX ? n : BX_MAX_RX;
	if (!cf_check(c, n >= 200, "only %zu packets in 2.6 s", n) ||
	    !gaps_within(c, v, n, SIM_US(7500), SIM_MS(10), "jitter"))
		goto out;
	for (size_t i = 1; i < n; i++) {
		sim_time_t g = v[i].sent - v[i - 1].sent;
		bool seen = false;

		lo = g < lo ? g : lo;
		hi = g > hi ? g : hi;
		for (size_t k = 1; k < i && !seen; k++)
			seen = v[k].sent - v[k - 1].sent == g;
		distinct += !seen;
	}
	cf_check(c, lo < SIM_MS(8) && hi > SIM_US(9500) && distinct > n / 2,
		 "%zu gaps of 10 ms between %lld and %lld us, %zu distinct: "
		 "expected random values spread over 7500-10000 us",
		 n - 1, (long long)(lo / 1000), (long long)(hi / 1000),
		 distinct);
out:
	bx_close(&x);
}

/* ---- Detect Mult 1: the session engine driven directly ---- */

struct m1 {
	struct node *n;
	sim_time_t t[512];
	size_t cnt;
};

static int m1_send(void *ctx, struct bfd_session *s, const uint8_t *pkt,
		   size_t len)
{
	struct m1 *m = ctx;

	(void)s;
	(void)pkt;
	(void)len;
	if (m->cnt < sizeof(m->t) / sizeof(m->t[0]))
		m->t[m->cnt++] = node_now(m->n);
	return 0;
}

static const struct bfd_session_ops m1_ops = { .send = m1_send };

/* Feed the session a packet from its peer in `state`. */
static void m1_rx(struct bfd_session *s, uint8_t state)
{
	struct bfd_ctrl c = {
		.version = BFD_VERSION,
		.state = state,
		.detect_mult = 3,
		.my_disc = BX_PEER_DISC,
		.your_disc = state == BFD_STATE_DOWN ? 0 : 55,
		.desired_min_tx_us = 10000,
		.required_min_rx_us = 10000,
	};
	uint8_t buf[BFD_MAX_LEN];
	struct bfd_ctrl d;
	int len = bfd_pkt_encode(&c, NULL, buf, sizeof(buf));

	if (len > 0 && bfd_pkt_decode(buf, (size_t)len, &d) == BFD_PKT_OK)
		bfd_session_rx(s, &d, buf, (size_t)len);
}

/* Gaps of m->t from index `from` within [lo, hi]; their extremes. */
static bool m1_gaps(struct cf_ctx *c, const struct m1 *m, size_t from,
		    sim_time_t lo, sim_time_t hi, sim_time_t *min,
		    sim_time_t *max)
{
	*min = SIM_S(100);
	*max = 0;
	for (size_t i = from + 1; i < m->cnt; i++) {
		sim_time_t g = m->t[i] - m->t[i - 1];

		*min = g < *min ? g : *min;
		*max = g > *max ? g : *max;
		if (!cf_check(c, g >= lo && g <= hi,
			      "Detect Mult 1: packets %lld us apart, expected "
			      "%lld-%lld us (75-90 %%)",
			      (long long)(g / 1000), (long long)(lo / 1000),
			      (long long)(hi / 1000)))
			return false;
	}
	return true;
}

/*
 * 6.8.7: with Detect Mult 1 the interval is 75-90 % of the negotiated
 * one. VRP's detect-multiplier takes 3-50, so no router can be
 * configured so: the case runs failsim's session engine (bfd.c, the
 * code every router session runs) on a node of the world directly.
 */
void cf_bfd_case_jitter_mult1(struct cf_ctx *c)
{
	struct bfd_session_cfg cfg = { .name = "mult1",
				       .local_disc = 55,
				       .desired_min_tx = SIM_MS(10),
				       .required_min_rx = SIM_MS(10),
				       .detect_mult = 1 };
	struct cf_world *w = cf_world_new(cf_seed(c));
	struct bfd_session *s = NULL;
	struct m1 m = { 0 };
	sim_time_t min, max, t, up;
	size_t first;

	if (!cf_check(c, w != NULL, "setup: no world"))
		return;
	m.n = node_tw_probe(w->w, "ENGINE");
	s = bfd_session_new(m.n, &cfg, &m1_ops, &m);
	if (!cf_check(c, s != NULL, "setup: session refused"))
		goto out;
	cf_run_until(w, SIM_S(5));
	if (m1_gaps(c, &m, 0, SIM_MS(750), SIM_MS(900), &min, &max))
		cf_check(c, m.cnt >= 5, "only %zu slow packets in 5 s", m.cnt);
	m1_rx(s, BFD_STATE_DOWN);
	m1_rx(s, BFD_STATE_UP);
	up = cf_now(w);
	cf_check(c, bfd_session_state(s) == BFD_STATE_UP,
		 "setup: the engine is %s, expected Up",
		 bfd_state_name(bfd_session_state(s)));
	for (t = up; t <= up + SIM_MS(2500); t += SIM_MS(10)) {
		cf_run_until(w, t);
		m1_rx(s, BFD_STATE_UP);
	}
	for (first = 0; first < m.cnt && m.t[first] < up + SIM_MS(20);)
		first++;
	if (m1_gaps(c, &m, first, SIM_US(7500), SIM_MS(9), &min, &max))
		cf_check(c,
			 m.cnt - first >= 200 && min < SIM_US(7800) &&
				 max > SIM_US(8700),
			 "%zu packets Up, gaps %lld-%lld us: expected random "
			 "values spread over 7500-9000 us",
			 m.cnt - first, (long long)(min / 1000),
			 (long long)(max / 1000));
out:
	bfd_session_free(s);
	cf_check(c, cf_world_free(w), "the world leaked a frame or timer");
}

/* 6.8.7: a Poll is answered with a Final, P clear, at once. */
void cf_bfd_case_poll_final(struct cf_ctx *c)
{
	const struct bx_tx poll = { .state = BFD_STATE_UP,
				    .learnt = true,
				    .poll = true };
	struct bx_rx v[8];
	struct bx x;
	sim_time_t tc;
	size_t n, k = 0;

	if (!bx_open(&x, c, NULL) || bx_up(&x) < 0)
		goto out;
	bx_keep(&x, cf_now(x.w) + SIM_MS(45));
	tc = bx_send(&x, &poll);
	bx_run(&x, tc + SIM_MS(5));
	n = bx_sent(&x, tc, tc + SIM_MS(5), v, 8);
	while (k < n && k < 8 && !v[k].c.final)
		k++;
	if (cf_check(c, k < n && k < 8,
		     "no packet with F set in the 5 ms after the Poll"))
		cf_check(c, !v[k].c.poll && v[k].sent - tc <= BX_ASAP,
			 "the Final was sent %lld us after the Poll arrived "
			 "with P %s, expected at once (within %lld us) with "
			 "P clear",
			 (long long)((v[k].sent - tc) / 1000),
			 v[k].c.poll ? "set" : "clear",
			 (long long)(BX_ASAP / 1000));
out:
	bx_close(&x);
}
