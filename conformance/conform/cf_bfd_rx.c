/*
 * "bfd" conformance cases on the discard rules of RFC 5880 section 6.8.6
 * (version, Length, Detect Mult, Multipoint, the discriminators, the A
 * bit), the authentication checks of 6.7.3 (digest, sequence-number
 * window) and the single-hop TTL check of RFC 5881 section 5. Each case
 * proves the discard the only way that matters on the wire: the session
 * is Up, the peer then sends nothing but damaged packets, and the DUT
 * must go Down with Diag 1 exactly one Detection Time after the last
 * valid packet -- a damaged packet taken as valid would have kept it Up
 * -- and `display bfd statistics` must count each damaged packet under
 * its reason.
 */
#include "conformance/conform/cf_bfd_int.h"

#include <stdio.h>
#include <string.h>

#define BX_BAD_COUNT 5 /* damaged packets per case, 10 ms apart */

/* The damaged packets, 5 ms after the last valid one and then every
 * 10 ms; returns how many were sent before time `until`. */
static int send_bad(struct bx *x, enum bx_bad bad, sim_time_t t0, int from,
		    sim_time_t until)
{
	const struct bx_tx t = { .state = BFD_STATE_UP,
				 .learnt = true,
				 .bad = bad };
	int k;

	for (k = from; k < BX_BAD_COUNT; k++) {
		sim_time_t at = t0 + SIM_MS(5) + k * SIM_MS(10);

		if (at >= until)
			break;
		bx_run(x, at);
		if (bx_send(x, &t) < 0)
			return -1;
	}
	return k;
}

void cf_bfd_discard_body(struct cf_ctx *c, enum bx_bad bad, const char *auth,
			 const char *counter)
{
	const struct bx_cfg cfg = { .auth = auth };
	struct bfd_session_info in;
	sim_time_t last, t0, want, at;
	long long v0, v1;
	struct bx x;
	int k;
	char a[32], b[32];

	if (!bx_open(&x, c, &cfg) || bx_up(&x) < 0)
		goto out;
	last = bx_keep(&x, cf_now(x.w) + SIM_MS(50));
	t0 = cf_now(x.w);
	v0 = bx_stat(&x, counter);
	/* 6.8.4: Detect Mult 3 x max(10 ms, 10 ms) after the last valid
	 * packet reached the CPU. */
	want = last + SIM_MS(30);
	k = send_bad(&x, bad, t0, 0, want - 1);
	if (k < 0)
		goto out;
	bx_run(&x, want - 1);
	cf_check(c, bx_state(&x) == BFD_STATE_UP,
		 "%s 1 ns before the Detection Time ran out, expected Up",
		 bfd_state_name(bx_state(&x)));
	bx_run(&x, want);
	at = bx_went(&x, BFD_STATE_DOWN, 0);
	bx_info(&x, &in);
	cf_check(c, at == want && in.local_diag == BFD_DIAG_TIME_EXPIRED,
		 "with only damaged packets after the last valid one: Down at "
		 "%s with Diag %u, expected %s (Detection Time 30 ms) with "
		 "Diag 1",
		 cf_ts(at, a), in.local_diag, cf_ts(want, b));
	if (send_bad(&x, bad, t0, k, t0 + SIM_S(1)) < 0)
		goto out;
	bx_run(&x, cf_now(x.w) + SIM_MS(1));
	v1 = bx_stat(&x, counter);
	cf_check(c, v0 >= 0 && v1 - v0 == BX_BAD_COUNT,
		 "display bfd statistics \"%s\" went from %lld to %lld, "
		 "expected +%d",
		 counter, v0, v1, BX_BAD_COUNT);
out:
	bx_close(&x);
}

void cf_bfd_case_rx_version(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_VERSION, NULL, "Malformed");
}

void cf_bfd_case_rx_length_short(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_LENGTH, NULL, "Malformed");
}

void cf_bfd_case_rx_length_long(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_LENGTH_LONG, NULL, "Malformed");
}

void cf_bfd_case_rx_mult_zero(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_MULT, NULL, "Dropped, detect-mult-zero");
}

void cf_bfd_case_rx_multipoint(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_MULTIPOINT, NULL, "Dropped, multipoint");
}

void cf_bfd_case_rx_my_disc(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_MY_DISC, NULL, "Dropped, my-disc-zero");
}

void cf_bfd_case_rx_your_disc_zero(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_YOUR_DISC_0, NULL,
			    "Dropped, your-disc-zero");
}

void cf_bfd_case_rx_your_disc(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_YOUR_DISC, NULL, "No matching session");
}

void cf_bfd_case_rx_ttl(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_TTL, NULL, "Dropped, ttl");
}

void cf_bfd_case_rx_auth_present(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_AUTH_PRESENT, NULL,
			    "Dropped, auth-mismatch");
}

void cf_bfd_case_rx_auth_missing(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_AUTH_MISSING, "md5",
			    "Dropped, auth-mismatch");
}

void cf_bfd_case_rx_auth_digest(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_DIGEST, "md5", "Dropped, auth-fail");
}

void cf_bfd_case_rx_auth_seq(struct cf_ctx *c)
{
	cf_bfd_discard_body(c, BX_BAD_SEQ_REPLAY, "meticulous-md5",
			    "Dropped, auth-seq");
}
