/*
 * "bfd" conformance cases on the session state machine (RFC 5880 section
 * 6.2 and the reception rules of 6.8.6): the three-way handshake Down ->
 * Init -> Up and Down -> Up, Up -> Down on a received Down or AdminDown
 * with Diag 3, the discriminator echoed back (6.8.6, 6.8.7), the
 * Detection Time (6.8.4) with Diag 1 in the packets that follow, the
 * slow rate while not Up (6.8.3), administrative control (6.8.16), a
 * remote Demand mode stopping and resuming periodic transmission
 * (6.8.6, 6.8.7, 6.8.14), and the single-hop encapsulation of RFC 5881
 * sections 4 and 5 (ports, TTL 255). Each case runs its own world:
 * the DUT router against a probe playing the remote system.
 */
#include "conformance/conform/cf_bfd_int.h"

#include <stdio.h>
#include <string.h>

#define BX_MAX_RX 512

/* Open the default world and bring the session Up; -1 on failure. */
static sim_time_t open_up(struct bx *x, struct cf_ctx *c,
			  const struct bx_cfg *cfg)
{
	if (!bx_open(x, c, cfg))
		return -1;
	return bx_up(x);
}

/* The first packet the DUT sent at or after t (false: none by now). */
static bool first_after(struct bx *x, sim_time_t t, struct bx_rx *r)
{
	return bx_sent(x, t, cf_now(x->w), r, 1) > 0;
}

/*
 * 6.8.6: Down + received Down -> Init, at the instant the packet is
 * processed; the packet that follows says Init.
 */
void cf_bfd_case_down_init(struct cf_ctx *c)
{
	const struct bx_tx down = { .state = BFD_STATE_DOWN };
	struct bx x;
	struct bx_rx r;
	sim_time_t tc, at;
	char a[32], b[32];

	if (!bx_open(&x, c, NULL))
		goto out;
	tc = bx_send(&x, &down);
	bx_run(&x, tc + SIM_MS(5));
	at = bx_went(&x, BFD_STATE_INIT, 0);
	cf_check(c, at == tc, "Down + received Down: Init at %s, expected %s",
		 cf_ts(at, a), cf_ts(tc, b));
	if (cf_check(c, first_after(&x, tc, &r),
		     "no packet from the DUT after it went Init"))
		cf_check(c, r.ok && r.c.state == BFD_STATE_INIT,
			 "the packet after the transition says %s, expected "
			 "Init",
			 r.ok ? bfd_state_name(r.c.state) : "(undecodable)");
out:
	bx_close(&x);
}

/* 6.8.6: Init + received Init or Up -> Up. */
void cf_bfd_case_init_up(struct cf_ctx *c)
{
	static const uint8_t got[] = { BFD_STATE_INIT, BFD_STATE_UP };

	for (size_t i = 0; i < sizeof(got) && !cf_failures(c); i++) {
		const struct bx_tx down = { .state = BFD_STATE_DOWN };
		struct bx_tx t = { .state = got[i], .learnt = true };
		struct bx x;
		sim_time_t tc, at;
		char a[32], b[32];

		if (!bx_open(&x, c, NULL))
			goto next;
		bx_send(&x, &down);
		bx_run(&x, cf_now(x.w) + SIM_MS(2));
		if (!cf_check(c, bx_state(&x) == BFD_STATE_INIT,
			      "setup: not Init after a Down packet"))
			goto next;
		tc = bx_send(&x, &t);
		bx_run(&x, tc + SIM_MS(2));
		at = bx_went(&x, BFD_STATE_UP, 0);
		cf_check(c, at == tc,
			 "Init + received %s: Up at %s, expected %s",
			 bfd_state_name(got[i]), cf_ts(at, a), cf_ts(tc, b));
	next:
		bx_close(&x);
	}
}

/* 6.8.6: Down + received Init -> Up (the peer went Init first). */
void cf_bfd_case_down_up(struct cf_ctx *c)
{
	const struct bx_tx init = { .state = BFD_STATE_INIT, .learnt = true };
	struct bx x;
	struct bx_rx r;
	sim_time_t tc, at;
	char a[32], b[32];

	if (!bx_open(&x, c, NULL))
		goto out;
	tc = bx_send(&x, &init);
	bx_run(&x, tc + SIM_MS(2));
	at = bx_went(&x, BFD_STATE_UP, 0);
	cf_check(c, at == tc, "Down + received Init: Up at %s, expected %s",
		 cf_ts(at, a), cf_ts(tc, b));
	cf_check(c, bx_went(&x, BFD_STATE_INIT, 0) < 0,
		 "the DUT went through Init on the way, expected Down -> Up");
	if (cf_check(c, first_after(&x, tc, &r), "no packet after Up"))
		cf_check(c, r.ok && r.c.state == BFD_STATE_UP,
			 "the packet after the transition says %s, expected Up",
			 r.ok ? bfd_state_name(r.c.state) : "(undecodable)");
out:
	bx_close(&x);
}

/*
 * 6.8.6: Up + received Down (or AdminDown) -> Down with Diag 3
 * (Neighbor Signaled Session Down), and the packets say so.
 */
static void up_then(struct cf_ctx *c, uint8_t state, uint8_t diag)
{
	const struct bx_tx t = { .state = state, .diag = diag, .learnt = true };
	struct bfd_session_info in;
	struct bx x;
	struct bx_rx r;
	sim_time_t tc, at;
	char a[32], b[32];

	if (open_up(&x, c, NULL) < 0)
		goto out;
	bx_keep(&x, cf_now(x.w) + SIM_MS(30));
	tc = bx_send(&x, &t);
	bx_run(&x, tc + SIM_MS(5));
	at = bx_went(&x, BFD_STATE_DOWN, 0);
	cf_check(c, at == tc, "Up + received %s: Down at %s, expected %s",
		 bfd_state_name(state), cf_ts(at, a), cf_ts(tc, b));
	bx_info(&x, &in);
	cf_check(c, in.local_diag == BFD_DIAG_NEIGHBOR_DOWN,
		 "bfd.LocalDiag %u (%s), expected 3 (Neighbor Signaled "
		 "Session Down)",
		 in.local_diag, bfd_diag_name(in.local_diag));
	if (cf_check(c, first_after(&x, tc, &r), "no packet after Down"))
		cf_check(c,
			 r.ok && r.c.state == BFD_STATE_DOWN &&
				 r.c.diag == BFD_DIAG_NEIGHBOR_DOWN,
			 "the packet after the transition: State %s Diag %u, "
			 "expected Down, Diag 3",
			 r.ok ? bfd_state_name(r.c.state) : "?", r.c.diag);
out:
	bx_close(&x);
}

void cf_bfd_case_up_down(struct cf_ctx *c)
{
	up_then(c, BFD_STATE_DOWN, BFD_DIAG_NEIGHBOR_DOWN);
}

void cf_bfd_case_rx_admin_down(struct cf_ctx *c)
{
	up_then(c, BFD_STATE_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN);
}

/* 6.8.6 / 6.8.7: the peer's My Discriminator comes back as Your
 * Discriminator in every packet once heard (0 before). */
void cf_bfd_case_your_disc(struct cf_ctx *c)
{
	struct bx_rx v[BX_MAX_RX];
	struct bx x;
	sim_time_t tc;
	size_t n;

	if (!bx_open(&x, c, NULL))
		goto out;
	bx_run(&x, SIM_S(2));
	n = bx_sent(&x, 0, SIM_S(2), v, BX_MAX_RX);
	cf_check(c, n > 0, "the DUT sent nothing in its first 2 s");
	for (size_t i = 0; i < n && i < BX_MAX_RX; i++)
		cf_check(c, v[i].ok && v[i].c.your_disc == 0,
			 "before hearing the peer: Your Discriminator %u, "
			 "expected 0",
			 v[i].c.your_disc);
	tc = bx_up(&x);
	if (tc < 0)
		goto out;
	bx_keep(&x, tc + SIM_MS(200));
	n = bx_sent(&x, tc, cf_now(x.w), v, BX_MAX_RX);
	cf_check(c, n >= 10, "only %zu packets in 200 ms Up", n);
	for (size_t i = 0; i < n && i < BX_MAX_RX; i++)
		if (!cf_check(c, v[i].ok && v[i].c.your_disc == BX_PEER_DISC,
			      "Your Discriminator %u, expected the peer's My "
			      "Discriminator %u",
			      v[i].c.your_disc, BX_PEER_DISC))
			break;
out:
	bx_close(&x);
}

void cf_bfd_detect_body(struct cf_ctx *c, uint8_t mult, sim_time_t tx,
			unsigned rx_ms, sim_time_t skew)
{
	struct bx_cfg cfg = { .rx_ms = rx_ms };
	struct bx_tx up = { .state = BFD_STATE_UP, .learnt = true };
	struct bx x;
	sim_time_t last, want, at;
	/* 6.8.4: Detect Mult received x the greater of our Required Min RX
	 * and the last received Desired Min TX. */
	sim_time_t every = tx > SIM_MS(rx_ms) ? tx : SIM_MS(rx_ms);
	sim_time_t dt = (sim_time_t)mult * every;
	char a[32], b[32];

	up.mult = mult;
	up.tx = tx;
	if (open_up(&x, c, &cfg) < 0)
		goto out;
	last = bx_send_every(&x, &up, cf_now(x.w), every,
			     cf_now(x.w) + 10 * every);
	if (last < 0)
		goto out;
	want = last + dt + skew;
	bx_run(&x, want - 1);
	cf_check(c, bx_state(&x) == BFD_STATE_UP,
		 "%s 1 ns before the Detection Time (%lld ms after the last "
		 "packet reached the CPU at %s), expected Up",
		 bfd_state_name(bx_state(&x)), (long long)(dt / SIM_MS(1)),
		 cf_ts(last, a));
	bx_run(&x, want + SIM_MS(50));
	at = bx_went(&x, BFD_STATE_DOWN, 0);
	cf_check(c, at == want,
		 "Down at %s, expected %s (Detect Mult %u x %lld ms after "
		 "the last packet)",
		 cf_ts(at, a), cf_ts(want, b), mult,
		 (long long)(every / SIM_MS(1)));
out:
	bx_close(&x);
}

/* 6.8.4: the Detection Time, with the peer's interval above ours and,
 * the other way round, our Required Min RX above the peer's. */
void cf_bfd_case_detect(struct cf_ctx *c)
{
	cf_bfd_detect_body(c, 4, SIM_MS(20), 10, 0);
	if (!cf_failures(c))
		cf_bfd_detect_body(c, 3, SIM_MS(10), 50, 0);
}

/* 6.8.4 + 6.8.7: the packets after a detection timeout carry Diag 1. */
void cf_bfd_case_detect_diag(struct cf_ctx *c)
{
	struct bx_rx v[16];
	struct bx x;
	sim_time_t down;
	size_t n;

	if (open_up(&x, c, NULL) < 0)
		goto out;
	bx_keep(&x, cf_now(x.w) + SIM_MS(50));
	bx_run(&x, cf_now(x.w) + SIM_S(3));
	down = bx_went(&x, BFD_STATE_DOWN, 0);
	if (!cf_check(c, down >= 0, "the session never timed out"))
		goto out;
	n = bx_sent(&x, down, cf_now(x.w), v, 16);
	cf_check(c, n >= 2, "only %zu packets in the 3 s after Down", n);
	for (size_t i = 0; i < n && i < 16; i++)
		if (!cf_check(c,
			      v[i].ok && v[i].c.diag == BFD_DIAG_TIME_EXPIRED &&
				      v[i].c.state == BFD_STATE_DOWN,
			      "packet %zu after the timeout: State %s Diag %u, "
			      "expected Down, Diag 1",
			      i + 1, bfd_state_name(v[i].c.state), v[i].c.diag))
			break;
out:
	bx_close(&x);
}
