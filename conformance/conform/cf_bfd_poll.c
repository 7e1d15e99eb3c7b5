/*
 * "bfd" conformance cases on the Poll Sequence (RFC 5880 sections 6.5
 * and 6.8.3): an operator's timer change starts a Poll Sequence carried
 * on the periodic packets (no extra packets), a received Final ends it,
 * no packet ever has both P and F, and the changes that could break the
 * session wait for the Final: a longer Desired Min TX keeps the old
 * transmit interval and a shorter Required Min RX keeps the old
 * Detection Time until then.
 */
#include "conformance/conform/cf_bfd_int.h"

#include <stdio.h>
#include <string.h>

#define BX_MAX_RX 256

#define BX_SESS_VIEW                                                           \
	"system-view\n"                                                        \
	"bfd " BX_SESSION " bind peer-ip 10.0.12.2 interface " BX_PORT "\n"

/* One run: Up, the operator changes a timer at `change`, the probe
 * keeps sending (with one Poll of its own at change + 45 ms when
 * peer_poll) and answers with a Final at change + 100 ms (fin, the time
 * the Final reached the DUT's CPU), then goes on for `after`. */
struct pollrun {
	sim_time_t change, fin, end;
	struct bx_rx v[BX_MAX_RX]; /* what the DUT sent from change */
	size_t n;
};

static bool poll_run(struct bx *x, struct cf_ctx *c, const struct bx_cfg *cfg,
		     const char *line, bool peer_poll, sim_time_t after,
		     struct pollrun *p)
{
	struct bx_tx up = { .state = BFD_STATE_UP, .learnt = true };
	struct bx_tx t = up;
	char cmd[256];

	memset(p, 0, sizeof(*p));
	p->fin = -1;
	if (!bx_open(x, c, cfg) || bx_up(x) < 0)
		return false;
	bx_keep(x, cf_now(x->w) + SIM_MS(45));
	bx_run(x, cf_now(x->w) + SIM_MS(5));
	p->change = cf_now(x->w);
	x->answer_polls = false; /* the Final comes at change + 100 ms */
	snprintf(cmd, sizeof(cmd), BX_SESS_VIEW " %s\nquit\ncommit\n", line);
	if (!cf_check(c, cf_cli(x->w, x->dut, cmd, NULL) != NULL,
		      "setup: \"%s\" refused: %s", line, x->w->err))
		return false;
	for (int k = 1; k < 10; k++) {
		bx_run(x, p->change + k * SIM_MS(10));
		t.poll = peer_poll && k == 4;
		if (t.poll)
			bx_run(x, p->change + SIM_MS(45));
		if (bx_send(x, &t) < 0)
			return false;
	}
	bx_run(x, p->change + SIM_MS(100));
	t.poll = false;
	t.final = true;
	p->fin = bx_send(x, &t);
	p->end = bx_send_every(x, &up, p->change + SIM_MS(110), SIM_MS(10),
			       p->change + SIM_MS(100) + after);
	if (p->fin < 0 || p->end < 0)
		return false;
	bx_run(x, p->end + SIM_MS(1));
	p->n = bx_sent(x, p->change, p->end, p->v, BX_MAX_RX);
	if (p->n > BX_MAX_RX)
		p->n = BX_MAX_RX;
	return cf_check(c, bx_state(x) == BFD_STATE_UP,
			"the session went %s during the Poll Sequence",
			bfd_state_name(bx_state(x)));
}

/* 6.8.3: a changed Required Min RX starts a Poll Sequence: every
 * periodic packet until the Final has P, with the new value. */
void cf_bfd_case_poll_on_change(struct cf_ctx *c)
{
	struct pollrun p;
	struct bx x;
	size_t k = 0;

	if (!poll_run(&x, c, NULL, "min-rx-interval 20", false, SIM_MS(100),
		      &p))
		goto out;
	for (size_t i = 0; i < p.n && p.v[i].sent < p.fin; i++, k++)
		if (!cf_check(c,
			      p.v[i].c.poll &&
				      p.v[i].c.required_min_rx_us == 20000,
			      "packet %zu after the change: P %s, Required Min "
			      "RX %u us; expected P set and 20000",
			      i + 1, p.v[i].c.poll ? "set" : "clear",
			      p.v[i].c.required_min_rx_us))
			break;
	cf_check(c, k >= 5, "only %zu packets between the change and the Final",
		 k);
out:
	bx_close(&x);
}

/* 6.5 / 6.8.6: a Final ends the Poll Sequence: P clear from then on. */
void cf_bfd_case_poll_terminate(struct cf_ctx *c)
{
	struct pollrun p;
	struct bx x;
	size_t k = 0;

	if (!poll_run(&x, c, NULL, "min-rx-interval 20", false, SIM_MS(100),
		      &p))
		goto out;
	for (size_t i = 0; i < p.n; i++) {
		if (p.v[i].sent <= p.fin)
			continue;
		k++;
		if (!cf_check(c, !p.v[i].c.poll,
			      "a packet %lld us after the Final arrived still "
			      "has P set",
			      (long long)((p.v[i].sent - p.fin) / 1000)))
			break;
	}
	cf_check(c, k >= 5, "only %zu packets after the Final", k);
out:
	bx_close(&x);
}

/* 6.5: the Poll rides on the scheduled packets; none is added. */
void cf_bfd_case_poll_no_extra(struct cf_ctx *c)
{
	struct pollrun p;
	struct bx x;
	size_t k = 0;

	if (!poll_run(&x, c, NULL, "min-rx-interval 20", false, SIM_MS(60), &p))
		goto out;
	while (k < p.n && p.v[k].sent < p.fin)
		k++;
	for (size_t i = 1; i < k; i++)
		if (!cf_check(c, p.v[i].sent - p.v[i - 1].sent >= SIM_US(7500),
			      "Poll packets %lld us apart, expected the "
			      "periodic 7500-10000 us (no additional packets)",
			      (long long)((p.v[i].sent - p.v[i - 1].sent) /
					  1000)))
			break;
out:
	bx_close(&x);
}

/* 6.5: while the DUT polls, the peer polls too: the DUT's Final has P
 * clear, and no packet ever carries both bits. */
void cf_bfd_case_poll_pf(struct cf_ctx *c)
{
	struct pollrun p;
	struct bx x;
	size_t finals = 0;

	if (!poll_run(&x, c, NULL, "min-rx-interval 20", true, SIM_MS(60), &p))
		goto out;
	for (size_t i = 0; i < p.n; i++) {
		finals += p.v[i].c.final;
		if (!cf_check(c, !(p.v[i].c.poll && p.v[i].c.final),
			      "a packet %lld us after the change has both P "
			      "and F set",
			      (long long)((p.v[i].sent - p.change) / 1000)))
			break;
	}
	cf_check(c, finals == 1,
		 "%zu packets with F set, expected one answering the peer's "
		 "Poll while the DUT's own Poll Sequence ran",
		 finals);
out:
	bx_close(&x);
}

/*
 * 6.8.3: Desired Min TX raised from 10 to 50 ms while Up: the packets
 * keep the 10 ms interval until the Final, then 50 ms (75-100 %).
 */
void cf_bfd_case_poll_tx_increase(struct cf_ctx *c)
{
	struct pollrun p;
	struct bx x;
	size_t k = 0, j;
	char a[32];

	if (!poll_run(&x, c, NULL, "min-tx-interval 50", false, SIM_MS(600),
		      &p))
		goto out;
	while (k < p.n && p.v[k].sent < p.fin)
		k++;
	for (size_t i = 1; i < k; i++)
		if (!cf_check(
			    c, p.v[i].sent - p.v[i - 1].sent <= SIM_MS(10),
			    "before the Final: packets %lld us apart (at %s), "
			    "expected the old 10 ms interval",
			    (long long)((p.v[i].sent - p.v[i - 1].sent) / 1000),
			    cf_ts(p.v[i].sent, a)))
			goto out;
	for (j = k + 1; j < p.n; j++) {
		sim_time_t g = p.v[j].sent - p.v[j - 1].sent;

		if (!cf_check(c, g >= SIM_US(37500) && g <= SIM_MS(50),
			      "after the Final: packets %lld us apart, "
			      "expected 37500-50000 us",
			      (long long)(g / 1000)))
			break;
	}
	cf_check(c, k >= 5 && p.n - k >= 8,
		 "%zu packets before the Final and %zu after, expected at "
		 "least 5 and 8",
		 k, p.n - k);
out:
	bx_close(&x);
}

/*
 * 6.8.3: Required Min RX lowered from 50 to 20 ms while Up, then the
 * probe goes silent. Without a Final the DUT must still use 50 ms: Down
 * 3 x 50 ms after the last packet; with a Final before the silence, 3 x
 * 20 ms.
 */
static void rx_decrease(struct cf_ctx *c, bool answer)
{
	const struct bx_cfg cfg = { .rx_ms = 50 };
	struct bx_tx up = { .state = BFD_STATE_UP, .learnt = true };
	sim_time_t t, last, want, at;
	struct bx x;
	char a[32], b[32];

	if (!bx_open(&x, c, &cfg) || bx_up(&x) < 0)
		goto out;
	bx_keep(&x, cf_now(x.w) + SIM_MS(45));
	bx_run(&x, cf_now(x.w) + SIM_MS(5));
	t = cf_now(x.w);
	x.answer_polls = false;
	if (!cf_check(c,
		      cf_cli(x.w, x.dut,
			     BX_SESS_VIEW " min-rx-interval 20\nquit\ncommit\n",
			     NULL) != NULL,
		      "setup: the change was refused: %s", x.w->err))
		goto out;
	bx_run(&x, t + SIM_MS(5));
	up.final = answer;
	if (bx_send(&x, &up) < 0)
		goto out;
	up.final = false;
	last = bx_send_every(&x, &up, t + SIM_MS(15), SIM_MS(10),
			     t + SIM_MS(25));
	if (last < 0)
		goto out;
	want = last + 3 * (answer ? SIM_MS(20) : SIM_MS(50));
	bx_run(&x, want + SIM_MS(50));
	at = bx_went(&x, BFD_STATE_DOWN, 0);
	cf_check(c, at == want,
		 "%s: Down at %s, expected %s (3 x %d ms after the last "
		 "packet)",
		 answer ? "Final received" : "no Final yet", cf_ts(at, a),
		 cf_ts(want, b), answer ? 20 : 50);
out:
	bx_close(&x);
}

void cf_bfd_case_poll_rx_decrease(struct cf_ctx *c)
{
	rx_decrease(c, false);
	if (!cf_failures(c))
		rx_decrease(c, true);
}
