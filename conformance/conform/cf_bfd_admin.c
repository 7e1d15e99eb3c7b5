/*
 * "bfd" conformance cases on what the DUT transmits around the state
 * machine: the slow rate while not Up (RFC 5880 section 6.8.3),
 * administrative control (6.8.16, with the AdminDown discard rule of
 * 6.8.6), a remote Demand mode that stops and resumes periodic
 * transmission (6.8.6, 6.8.7, 6.8.14; failsim never enters Demand mode
 * itself, so only the remote side can be checked), and the single-hop
 * encapsulation of RFC 5881 sections 4 and 5 (UDP ports, TTL 255).
 */
#include "conformance/conform/cf_bfd_int.h"

#include <stdio.h>
#include <string.h>

#define BX_MAX_RX 512

/* The CLI lines that re-enter the session view of s1. */
#define BX_SESS_VIEW                                                           \
	"system-view\n"                                                        \
	"bfd " BX_SESSION " bind peer-ip 10.0.12.2 interface " BX_PORT "\n"

/*
 * 6.8.3: while not Up the DUT advertises a Desired Min TX of at least
 * 1 s and sends no faster (75-100 % jitter of 6.8.7 allowed); once Up it
 * uses its configured 10 ms.
 */
void cf_bfd_case_slow_rate(struct cf_ctx *c)
{
	struct bx_rx v[64];
	struct bx x;
	sim_time_t up;
	size_t n;

	if (!bx_open(&x, c, NULL))
		goto out;
	bx_run(&x, SIM_S(6));
	/* The first packet waited for ARP at boot: start after it. */
	n = bx_sent(&x, SIM_MS(1), SIM_S(6), v, 64);
	cf_check(c, n >= 5, "only %zu packets in 6 s while Down", n);
	for (size_t i = 0; i < n && i < 64; i++) {
		if (!cf_check(c, v[i].ok && v[i].c.desired_min_tx_us >= 1000000,
			      "Down: Desired Min TX %u us, expected at least "
			      "1000000",
			      v[i].c.desired_min_tx_us))
			break;
		if (i &&
		    !cf_check(c, v[i].sent - v[i - 1].sent >= SIM_MS(750),
			      "Down: packets %lld us apart, expected at "
			      "least 750000 (1 s less 25 %% jitter)",
			      (long long)((v[i].sent - v[i - 1].sent) / 1000)))
			break;
	}
	up = bx_up(&x);
	if (up < 0)
		goto out;
	bx_keep(&x, up + SIM_MS(100));
	n = bx_sent(&x, up, cf_now(x.w), v, 64);
	cf_check(c, n >= 5 && v[n - 1].c.desired_min_tx_us == 10000,
		 "Up: Desired Min TX %u us in %zu packets, expected the "
		 "configured 10000",
		 n ? v[n - 1].c.desired_min_tx_us : 0, n);
out:
	bx_close(&x);
}

/* Shut the session down with the operator's commands; the time. */
static sim_time_t shut(struct bx *x)
{
	sim_time_t t = cf_now(x->w);

	if (!cf_check(x->c,
		      cf_cli(x->w, x->dut,
			     BX_SESS_VIEW " shutdown\nquit\ncommit\n",
			     NULL) != NULL,
		      "setup: shutdown refused: %s", x->w->err))
		return -1;
	return t;
}

/* 6.8.16: "shutdown" sets AdminDown at once, with a diagnostic. */
void cf_bfd_case_admin_down(struct cf_ctx *c)
{
	struct bx x;
	struct bx_rx r;
	sim_time_t t, at;
	char a[32], b[32];

	if (!bx_open(&x, c, NULL) || bx_up(&x) < 0)
		goto out;
	bx_keep(&x, cf_now(x.w) + SIM_MS(50));
	t = shut(&x);
	if (t < 0)
		goto out;
	bx_run(&x, t + SIM_MS(5));
	at = bx_went(&x, BFD_STATE_ADMIN_DOWN, 0);
	cf_check(c, at == t, "AdminDown at %s, expected %s (the commit)",
		 cf_ts(at, a), cf_ts(t, b));
	if (cf_check(c, bx_sent(&x, t, cf_now(x.w), &r, 1) > 0,
		     "no packet after the shutdown"))
		cf_check(c,
			 r.ok && r.c.state == BFD_STATE_ADMIN_DOWN &&
				 r.c.diag == BFD_DIAG_ADMIN_DOWN,
			 "after the shutdown: State %s Diag %u, expected "
			 "AdminDown, Diag 7 (Administratively Down)",
			 bfd_state_name(r.c.state), r.c.diag);
out:
	bx_close(&x);
}

/* 6.8.6: an AdminDown session discards what it receives. */
void cf_bfd_case_admin_discard(struct cf_ctx *c)
{
	static const uint8_t st[] = { BFD_STATE_DOWN, BFD_STATE_INIT,
				      BFD_STATE_UP };
	struct bx x;
	long long d0, d1;
	sim_time_t t;
	int sent = 0;

	if (!bx_open(&x, c, NULL) || bx_up(&x) < 0)
		goto out;
	t = shut(&x);
	if (t < 0)
		goto out;
	d0 = bx_stat(&x, "Dropped, admin-down");
	for (int k = 0; k < 30; k++) {
		struct bx_tx p = { .state = st[k % 3], .learnt = true };

		bx_run(&x, t + SIM_MS(5) + k * SIM_MS(10));
		if (bx_send(&x, &p) < 0)
			goto out;
		sent++;
	}
	bx_run(&x, cf_now(x.w) + SIM_MS(5));
	cf_check(c, bx_state(&x) == BFD_STATE_ADMIN_DOWN,
		 "%s after %d packets (Down, Init, Up) while AdminDown, "
		 "expected AdminDown",
		 bfd_state_name(bx_state(&x)), sent);
	d1 = bx_stat(&x, "Dropped, admin-down");
	cf_check(c, d1 - d0 == sent,
		 "display bfd statistics counted %lld admin-down drops, "
		 "expected %d",
		 d1 - d0, sent);
out:
	bx_close(&x);
}

/* 6.8.16 (SHOULD): AdminDown packets go on for a Detection Time and
 * more after the transition. */
void cf_bfd_case_admin_tx(struct cf_ctx *c)
{
	struct bx_rx v[16];
	struct bx x;
	sim_time_t t;
	size_t n;

	if (!bx_open(&x, c, NULL) || bx_up(&x) < 0)
		goto out;
	t = shut(&x);
	if (t < 0)
		goto out;
	bx_run(&x, t + SIM_S(3) + SIM_MS(1));
	n = bx_sent(&x, t + SIM_S(2), t + SIM_S(3), v, 16);
	cf_check(c, n >= 1,
		 "no packet 2-3 s after the shutdown (Detection Time "
		 "30 ms; the slow rate is at most 1 s)");
	for (size_t i = 0; i < n && i < 16; i++)
		cf_check(c, v[i].ok && v[i].c.state == BFD_STATE_ADMIN_DOWN,
			 "a packet after the shutdown says %s, expected "
			 "AdminDown",
			 bfd_state_name(v[i].c.state));
out:
	bx_close(&x);
}

/*
 * Remote Demand mode: the probe, Up, sets D from tc; the DUT must stop
 * its periodic packets (6.8.7) while still answering a Poll with a Final
 * (6.8.7); *resume gets when the probe cleared D (-1 on failure).
 */
static bool demand(struct bx *x, struct cf_ctx *c, sim_time_t *resume)
{
	struct bx_tx d = { .state = BFD_STATE_UP,
			   .learnt = true,
			   .demand = true };
	struct bx_tx poll = d;
	struct bx_rx v[8];
	sim_time_t t0, tc, tp, last;
	size_t n;

	poll.poll = true;
	*resume = -1;
	if (!bx_open(x, c, NULL) || bx_up(x) < 0)
		return false;
	bx_keep(x, cf_now(x->w) + SIM_MS(50));
	t0 = cf_now(x->w) + SIM_MS(10);
	bx_run(x, t0);
	tc = bx_send(x, &d);
	last = bx_send_every(x, &d, t0 + SIM_MS(10), SIM_MS(10),
			     t0 + SIM_MS(140));
	bx_run(x, t0 + SIM_MS(145));
	tp = bx_send(x, &poll);
	last = bx_send_every(x, &d, t0 + SIM_MS(160), SIM_MS(10),
			     t0 + SIM_MS(300));
	if (tc < 0 || tp < 0 || last < 0)
		return false;
	bx_run(x, last + SIM_MS(1));
	n = bx_sent(x, tc + 1, last, v, 8);
	cf_check(c, n == 1 && v[0].sent == tp && v[0].c.final,
		 "%zu packets from the DUT while the peer was in Demand "
		 "mode for 300 ms, expected only the Final answering the "
		 "Poll",
		 n);
	cf_check(c, bx_state(x) == BFD_STATE_UP,
		 "the session is %s, expected Up (the peer kept sending)",
		 bfd_state_name(bx_state(x)));
	*resume = bx_keep(x, cf_now(x->w) + SIM_MS(60));
	return *resume >= 0;
}

void cf_bfd_case_demand_stop(struct cf_ctx *c)
{
	struct bx x;
	sim_time_t r;

	demand(&x, c, &r);
	bx_close(&x);
}

/* 6.8.14: the peer leaves Demand mode: periodic packets again. */
void cf_bfd_case_demand_resume(struct cf_ctx *c)
{
	struct bx_rx v[16];
	struct bx x;
	sim_time_t off, end;
	size_t n;

	if (!demand(&x, c, &end))
		goto out;
	/* The first packet without D reached the CPU 60 ms before end. */
	off = end - SIM_MS(60);
	n = bx_sent(&x, off, end, v, 16);
	cf_check(c, n >= 6,
		 "%zu packets in the 60 ms after the peer cleared D, "
		 "expected periodic ones (10 ms)",
		 n);
	if (n)
		cf_check(c, v[0].sent - off <= SIM_MS(10),
			 "first periodic packet %lld us after the peer left "
			 "Demand mode, expected within the 10 ms interval",
			 (long long)((v[0].sent - off) / 1000));
out:
	bx_close(&x);
}

/* Down, Up, timed out: every packet of a run, for the RFC 5881 cases. */
static size_t run_all(struct bx *x, struct cf_ctx *c, struct bx_rx *v,
		      size_t cap)
{
	size_t n;

	if (!bx_open(x, c, NULL))
		return 0;
	bx_run(x, SIM_S(2));
	if (bx_up(x) < 0)
		return 0;
	bx_keep(x, cf_now(x->w) + SIM_MS(200));
	bx_run(x, cf_now(x->w) + SIM_S(2));
	n = bx_sent(x, 0, cf_now(x->w), v, cap);
	cf_check(c, n >= 20, "only %zu packets from the DUT", n);
	return n < cap ? n : cap;
}

/* RFC 5881 section 5: TTL 255 on transmit (no authentication). */
void cf_bfd_case_tx_ttl(struct cf_ctx *c)
{
	struct bx_rx v[BX_MAX_RX];
	struct bx x;
	size_t n = run_all(&x, c, v, BX_MAX_RX);

	for (size_t i = 0; i < n; i++)
		if (!cf_check(c, v[i].ttl == 255,
			      "packet %zu sent with TTL %u, expected 255",
			      i + 1, v[i].ttl))
			break;
	bx_close(&x);
}

/* RFC 5881 section 4: destination port 3784, one source port from the
 * dynamic range for the whole session. */
void cf_bfd_case_tx_ports(struct cf_ctx *c)
{
	struct bx_rx v[BX_MAX_RX];
	struct bx x;
	size_t n = run_all(&x, c, v, BX_MAX_RX);

	for (size_t i = 0; i < n; i++) {
		if (!cf_check(c, v[i].dport == BFD_PORT_SINGLE,
			      "packet %zu to UDP port %u, expected 3784", i + 1,
			      v[i].dport) ||
		    !cf_check(c, v[i].sport >= BFD_SRC_PORT_MIN,
			      "packet %zu from UDP port %u, expected "
			      "49152-65535",
			      i + 1, v[i].sport) ||
		    !cf_check(c, v[i].sport == v[0].sport,
			      "packet %zu from UDP port %u, the session's "
			      "first from %u",
			      i + 1, v[i].sport, v[0].sport))
			break;
	}
	bx_close(&x);
}
