/*
 * BFD session tests of reception (bfd.c against RFC 5880): every
 * authentication type of section 6.7 (matching and mismatched keys,
 * A-bit mismatch, sequence-number windows, replays, wrap-around,
 * meticulous strictness, bfd.AuthSeqKnown expiry), the discard rules of
 * section 6.8.6 with their drop counters, a corrupting wire, the remote
 * parameters (Required Min RX zero, Poll answered with Final, Demand
 * mode) and a static remote discriminator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/bfd/bfd_test_wire.h"

static const uint8_t auth_types[] = {
	BFD_AUTH_SIMPLE,     BFD_AUTH_KEYED_MD5,       BFD_AUTH_METICULOUS_MD5,
	BFD_AUTH_KEYED_SHA1, BFD_AUTH_METICULOUS_SHA1,
};

static bool is_meticulous(uint8_t t)
{
	return t == BFD_AUTH_METICULOUS_MD5 || t == BFD_AUTH_METICULOUS_SHA1;
}

static void auth_up(uint8_t type)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h;
	const struct pkt_log *l;
	bool same_seen = false;

	a.key = b.key = bfdt_key(type, 7, "s3cret-key");
	h = bfdt_new(81, &a, &b);
	bfdt_run_to(h, SIM_S(4));
	assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_UP);
	assert_int_equal(bfd_session_state(h->e[1].s), BFD_STATE_UP);
	assert_int_equal(bfdt_drops_sum(h->e[0].s) + bfdt_drops_sum(h->e[1].s),
			 0);
	l = &h->e[0].sent;
	for (size_t i = 0; i < l->n; i++) {
		assert_true(l->v[i].c.auth_present);
		assert_int_equal(l->v[i].c.auth.type, type);
		assert_int_equal(l->v[i].c.auth.key_id, 7);
	}
	for (size_t i = 1; type != BFD_AUTH_SIMPLE && i < l->n; i++) {
		uint32_t d = l->v[i].c.auth.seq - l->v[i - 1].c.auth.seq;
		struct bfd_ctrl x = l->v[i].c, y = l->v[i - 1].c;

		if (is_meticulous(type)) {
			assert_int_equal(d, 1);
			continue;
		}
		/* Keyed: a new number only when the contents change. */
		x.auth = y.auth;
		x.length = y.length;
		if (!memcmp(&x, &y, sizeof(x))) {
			assert_int_equal(d, 0);
			same_seen = true;
		} else {
			assert_int_equal(d, 1);
		}
	}
	assert_true(type == BFD_AUTH_SIMPLE || is_meticulous(type) ||
		    same_seen);
	assert_int_equal(bfdt_info(&h->e[0]).xmit_auth_seq,
			 type == BFD_AUTH_SIMPLE
				 ? bfdt_info(&h->e[0]).xmit_auth_seq
				 : l->v[l->n - 1].c.auth.seq);
	bfdt_free(h);
}

/* b's key differs from a's: both stay Down, each packet counted. */
static void auth_reject(const struct bfd_key *ka, const struct bfd_key *kb,
			enum bfd_drop why)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h;

	a.key = *ka;
	b.key = *kb;
	h = bfdt_new(82, &a, &b);
	bfdt_run_to(h, SIM_S(5));
	for (int i = 0; i < 2; i++) {
		struct bfd_session_info in = bfdt_info(&h->e[i]);

		assert_int_equal(in.state, BFD_STATE_DOWN);
		assert_int_equal(in.rx, 0);
		assert_true(h->e[i].rcvd.n >= 5);
		assert_int_equal(in.drops[why], h->e[i].rcvd.n);
		assert_int_equal(bfdt_drops_sum(h->e[i].s), h->e[i].rcvd.n);
		assert_int_equal(in.remote_disc, 0);
	}
	bfdt_free(h);
}

void bfdt_test_auth_types(void **state)
{
	struct bfd_key none;

	(void)state;
	memset(&none, 0, sizeof(none));
	for (size_t k = 0; k < sizeof(auth_types); k++) {
		uint8_t t = auth_types[k];
		struct bfd_key ka = bfdt_key(t, 7, "s3cret-key");
		struct bfd_key wrong = bfdt_key(t, 7, "other-key");
		struct bfd_key id = bfdt_key(t, 8, "s3cret-key");

		auth_up(t);
		auth_reject(&ka, &wrong, BFD_DROP_AUTH_FAIL);
		auth_reject(&ka, &id, BFD_DROP_AUTH_FAIL);
		auth_reject(&ka, &none, BFD_DROP_AUTH_MISMATCH);
	}
	{
		struct bfd_key md5 = bfdt_key(BFD_AUTH_KEYED_MD5, 1, "k");
		struct bfd_key sha = bfdt_key(BFD_AUTH_KEYED_SHA1, 1, "k");

		auth_reject(&md5, &sha, BFD_DROP_AUTH_FAIL);
	}
}

static void auth_seq_case(uint8_t type)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct bfd_key key = bfdt_key(type, 3, "seq-key");
	struct end *A;
	struct bfd_ctrl c;
	struct h *h;
	uint32_t rcv;
	sim_time_t t;
	uint64_t rx;

	a.key = b.key = key;
	h = bfdt_new(91, &a, &b);
	A = &h->e[0];
	bfdt_run_to(h, SIM_S(2));
	h->cut[0] = h->cut[1] = true;
	bfdt_run_to(h, SIM_S(2) + SIM_MS(1));
	t = sim_now(h->w->eng);
	rcv = bfdt_info(A).rcv_auth_seq;
	assert_true(bfdt_info(A).auth_seq_known);
	assert_int_equal(rcv, bfdt_last_accepted(A)->c.auth.seq);
	/* A replay of B's first (Down) packet is behind the window. */
	bfdt_deliver(A, h->e[1].sent.v[0].buf, h->e[1].sent.v[0].len);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_AUTH_SEQ], 1);
	c = bfdt_peer_pkt(BFD_STATE_UP, A_DISC);
	c.auth.seq = rcv + 3 * 3 + 1; /* beyond the window */
	bfdt_inject(A, &c, &key);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_AUTH_SEQ], 2);
	rx = bfdt_info(A).rx;
	c.auth.seq = rcv + 3 * 3; /* the window's far end */
	bfdt_inject(A, &c, &key);
	assert_int_equal(bfdt_info(A).rx, rx + 1);
	assert_int_equal(bfdt_info(A).rcv_auth_seq, rcv + 9);
	bfdt_inject(A, &c, &key); /* the same number again */
	if (is_meticulous(type)) {
		assert_int_equal(bfdt_info(A).drops[BFD_DROP_AUTH_SEQ], 3);
		assert_int_equal(bfdt_info(A).rx, rx + 1);
	} else {
		assert_int_equal(bfdt_info(A).drops[BFD_DROP_AUTH_SEQ], 2);
		assert_int_equal(bfdt_info(A).rx, rx + 2);
	}
	/* A forged digest. */
	{
		uint8_t buf[BFD_MAX_LEN];
		int len;

		c.auth.seq = rcv + 10;
		len = bfd_pkt_encode(&c, &key, buf, sizeof(buf));
		buf[len - 1] ^= 1;
		bfdt_deliver(A, buf, (size_t)len);
		assert_int_equal(bfdt_info(A).drops[BFD_DROP_AUTH_FAIL], 1);
	}
	/* bfd.AuthSeqKnown clears after twice the Detection Time. */
	bfdt_run_to(h, t + 2 * SIM_MS(30) - 1);
	assert_true(bfdt_info(A).auth_seq_known);
	bfdt_run_to(h, t + 2 * SIM_MS(30));
	assert_false(bfdt_info(A).auth_seq_known);
	c = bfdt_peer_pkt(BFD_STATE_DOWN, A_DISC);
	c.auth.seq = 0xfffffffeu;
	rx = bfdt_info(A).rx;
	bfdt_inject(A, &c, &key);
	c.auth.seq = 1; /* across the 32-bit wrap, inside the window */
	bfdt_inject(A, &c, &key);
	assert_int_equal(bfdt_info(A).rx, rx + 2);
	assert_int_equal(bfdt_info(A).rcv_auth_seq, 1);
	c.auth.seq = 0xffffffffu; /* now behind */
	bfdt_inject(A, &c, &key);
	assert_int_equal(bfdt_info(A).rx, rx + 2);
	bfdt_free(h);
}

void bfdt_test_auth_seq(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(auth_types); k++)
		if (auth_types[k] != BFD_AUTH_SIMPLE)
			auth_seq_case(auth_types[k]);
}

/* Meticulous: a duplicated packet is a replay; keyed accepts it. */
void bfdt_test_auth_duplicates(void **state)
{
	static const uint8_t types[] = { BFD_AUTH_KEYED_MD5,
					 BFD_AUTH_METICULOUS_SHA1 };

	(void)state;
	for (size_t k = 0; k < sizeof(types); k++) {
		struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
		struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
		struct h *h;
		size_t n0;

		a.key = b.key = bfdt_key(types[k], 1, "dup");
		h = bfdt_new(95, &a, &b);
		bfdt_run_to(h, SIM_S(2));
		n0 = h->e[0].rcvd.n;
		h->dup[1] = true;
		bfdt_run_to(h, SIM_S(3));
		assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_UP);
		assert_int_equal(bfdt_info(&h->e[0]).drops[BFD_DROP_AUTH_SEQ],
				 is_meticulous(types[k])
					 ? (h->e[0].rcvd.n - n0) / 2
					 : 0);
		bfdt_free(h);
	}
}

/* ---- reception checks (6.8.6) ---- */

void bfdt_test_rx_checks(void **state)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_key simple = bfdt_key(BFD_AUTH_SIMPLE, 1, "pw");
	struct h *h = bfdt_new(101, &a, NULL);
	struct end *A = &h->e[0];
	struct bfd_ctrl c;
	uint8_t buf[BFD_MAX_LEN];
	int len;

	(void)state;
	c = bfdt_peer_pkt(BFD_STATE_DOWN, 0);
	c.detect_mult = 0;
	bfdt_inject(A, &c, NULL);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_DETECT_MULT], 1);
	c = bfdt_peer_pkt(BFD_STATE_DOWN, 0);
	c.multipoint = true;
	bfdt_inject(A, &c, NULL);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_MULTIPOINT], 1);
	c = bfdt_peer_pkt(BFD_STATE_DOWN, 0);
	c.my_disc = 0;
	bfdt_inject(A, &c, NULL);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_MY_DISC_ZERO], 1);
	c = bfdt_peer_pkt(BFD_STATE_UP, 0);
	bfdt_inject(A, &c, NULL);
	c = bfdt_peer_pkt(BFD_STATE_INIT, 0);
	bfdt_inject(A, &c, NULL);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_YOUR_DISC], 2);
	c = bfdt_peer_pkt(BFD_STATE_DOWN, 0x999);
	bfdt_inject(A, &c, NULL);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_NO_SESSION], 1);
	c = bfdt_peer_pkt(BFD_STATE_DOWN, 0);
	bfdt_inject(A, &c, &simple);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_AUTH_MISMATCH], 1);
	/* A Length beyond the bytes handed over. */
	c = bfdt_peer_pkt(BFD_STATE_DOWN, 0);
	len = bfd_pkt_encode(&c, NULL, buf, sizeof(buf));
	assert_int_equal(bfd_pkt_decode(buf, (size_t)len, &c), BFD_PKT_OK);
	bfd_session_rx(A->s, &c, buf, (size_t)len - 1);
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_MALFORMED], 1);
	bfd_session_count_drop(A->s, BFD_DROP_TTL);
	bfd_session_count_drop(A->s, BFD_DROP__COUNT); /* ignored */
	assert_int_equal(bfdt_info(A).drops[BFD_DROP_TTL], 1);
	assert_int_equal(bfdt_drops_sum(A->s), 9);
	assert_int_equal(bfdt_info(A).rx, 0);
	assert_int_equal(bfd_session_state(A->s), BFD_STATE_DOWN);
	assert_int_equal(bfd_session_remote_disc(A->s), 0);
	/* The good one. */
	c = bfdt_peer_pkt(BFD_STATE_DOWN, 0);
	bfdt_inject(A, &c, NULL);
	assert_int_equal(bfd_session_state(A->s), BFD_STATE_INIT);
	assert_int_equal(bfd_session_remote_disc(A->s), B_DISC);
	bfdt_free(h);
}

void bfdt_test_corrupt_wire(void **state)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h = bfdt_new(102, &a, &b);

	(void)state;
	h->corrupt[1] = true; /* B -> A */
	bfdt_run_to(h, SIM_S(5));
	assert_int_equal(bfdt_info(&h->e[0]).drops[BFD_DROP_MALFORMED],
			 h->e[0].rcvd.n);
	assert_true(h->e[0].rcvd.n >= 5);
	assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_DOWN);
	assert_int_equal(bfd_session_state(h->e[1].s), BFD_STATE_INIT);
	bfdt_free(h);
}

/* RemoteMinRx zero stops periodic tx; a Poll is answered anyway; an Init
 * session times out (no mark); Demand mode of the remote stops tx. */
void bfdt_test_remote_params(void **state)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct h *h = bfdt_new(111, &a, NULL);
	struct end *A = &h->e[0];
	struct bfd_ctrl c;

	(void)state;
	bfdt_run_to(h, SIM_MS(500));
	c = bfdt_peer_pkt(BFD_STATE_DOWN, 0);
	c.required_min_rx_us = 0;
	c.desired_min_tx_us = 1000000;
	c.poll = true;
	bfdt_inject(A, &c, NULL);
	assert_false(bfdt_info(A).tx_running);
	assert_int_equal(A->sent.n, 2);
	assert_true(A->sent.v[1].c.final);
	assert_int_equal(A->sent.v[1].t, SIM_MS(500));
	assert_int_equal(A->sent.v[1].c.state, BFD_STATE_INIT);
	bfdt_run_to(h, SIM_S(5));
	assert_int_equal(A->sent.n, 2);
	bfdt_assert_tr(A, 0, SIM_MS(500), BFD_STATE_DOWN, BFD_STATE_INIT,
		       BFD_DIAG_NONE);
	bfdt_assert_tr(A, 1, SIM_MS(3500), BFD_STATE_INIT, BFD_STATE_DOWN,
		       BFD_DIAG_TIME_EXPIRED);
	assert_int_equal(node_tw_count(h->w, "A", "bfd", "state"), 2);
	assert_false(node_tw_field(node_tw_find(h->w, "A", "bfd", "state", 1),
				   "mark", NULL, 0));
	c.required_min_rx_us = 10000;
	c.poll = false;
	bfdt_inject(A, &c, NULL); /* Down -> Init, tx resumes at once */
	bfdt_run_to(h, SIM_S(5));
	assert_int_equal(A->sent.n, 3);
	assert_int_equal(A->sent.v[2].t, SIM_S(5));
	c = bfdt_peer_pkt(BFD_STATE_UP, A_DISC);
	bfdt_inject(A, &c, NULL);
	assert_int_equal(bfd_session_state(A->s), BFD_STATE_UP);
	c.final = true; /* ends A's poll */
	bfdt_inject(A, &c, NULL);
	assert_false(bfdt_info(A).poll_active);
	bfdt_run_to(h, SIM_S(5) + SIM_MS(20));
	c.final = false;
	c.demand = true;
	bfdt_inject(A, &c, NULL);
	assert_false(bfdt_info(A).tx_running);
	{
		size_t n = A->sent.n;

		bfdt_run_to(h, SIM_S(5) + SIM_MS(45));
		assert_int_equal(A->sent.n, n);
		c.demand = false;
		bfdt_inject(A, &c, NULL);
		bfdt_run_to(h, SIM_S(5) + SIM_MS(45));
		assert_int_equal(A->sent.n, n + 1);
		assert_int_equal(A->sent.v[n].t, SIM_S(5) + SIM_MS(45));
	}
	bfdt_free(h);
}

/* A static remote discriminator: sent at once, checked, never reset. */
void bfdt_test_static_remote_disc(void **state)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct bfd_ctrl c;
	struct h *h;

	(void)state;
	a.remote_disc = B_DISC;
	h = bfdt_new(121, &a, &b);
	bfdt_run_to(h, SIM_S(3));
	assert_int_equal(h->e[0].sent.v[0].c.your_disc, B_DISC);
	assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_UP);
	c = bfdt_peer_pkt(BFD_STATE_UP, A_DISC);
	c.my_disc = 0x33;
	bfdt_inject(&h->e[0], &c, NULL);
	assert_int_equal(bfdt_info(&h->e[0]).drops[BFD_DROP_NO_SESSION], 1);
	h->cut[0] = h->cut[1] = true;
	bfdt_run_to(h, SIM_S(10));
	assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_DOWN);
	assert_int_equal(bfd_session_remote_disc(h->e[0].s), B_DISC);
	assert_int_equal(bfd_session_remote_disc(h->e[1].s), 0);
	bfd_session_set_remote_disc(h->e[1].s, 0x44);
	assert_int_equal(bfd_session_remote_disc(h->e[1].s), 0x44);
	bfdt_free(h);
}
