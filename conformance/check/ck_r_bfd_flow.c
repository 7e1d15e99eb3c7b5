/*
 * BFD rules over time (RFC 5880, RFC 5881): one entry per direction of a
 * session, keyed by the capture link, the source and destination
 * addresses and the kind of session (single hop, multihop, micro-BFD, the
 * last also by My Discriminator since every LAG member runs its own
 * session, RFC 7130 section 2). The two directions of a session are the
 * two keys with the addresses swapped. Rules: one source port per session
 * (RFC 5881 section 4), the transmit interval and its jitter (RFC 5880
 * section 6.8.7), the Detection Time (6.8.4), the state machine (6.2,
 * 6.8.6), Your Discriminator reflecting the peer's (6.8.6, 6.8.7), Poll
 * and Final (6.5, 6.8.7, 4.1) and authentication sequence numbers
 * (6.7.3, 6.7.4). The table holds at most CKB_MAX_FLOWS directions.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/check/ck_r_bfd_int.h"

/* ---- the map ---- */

static uint64_t ckb_key_hash(const struct ckb_key *k)
{
	uint64_t h = 0xcbf29ce484222325ull;
	const uint8_t *parts[] = { k->src.b, k->dst.b };

	h = (h ^ k->link) * 0x100000001b3ull;
	h = (h ^ k->disc) * 0x100000001b3ull;
	h = (h ^ k->kind) * 0x100000001b3ull;
	h = (h ^ k->src.af) * 0x100000001b3ull;
	for (int p = 0; p < 2; p++)
		for (int i = 0; i < 16; i++)
			h = (h ^ parts[p][i]) * 0x100000001b3ull;
	return h ^ (h >> 29);
}

static bool ckb_key_eq(const struct ckb_key *a, const struct ckb_key *b)
{
	return a->link == b->link && a->disc == b->disc && a->kind == b->kind &&
	       net_addr_eq(&a->src, &b->src) && net_addr_eq(&a->dst, &b->dst);
}

/* The slot holding k, or the empty slot where it would go. */
static struct ckb_map_ent *ckb_map_slot(const struct ckb_map *m,
					const struct ckb_key *k)
{
	size_t mask = m->cap - 1, i = (size_t)ckb_key_hash(k) & mask;

	while (m->ent[i].used && !ckb_key_eq(&m->ent[i].key, k))
		i = (i + 1) & mask;
	return &m->ent[i];
}

bool ckb_map_get(const struct ckb_map *m, const struct ckb_key *k,
		 uint32_t *val)
{
	const struct ckb_map_ent *e;

	if (m->cap == 0)
		return false;
	e = ckb_map_slot(m, k);
	if (!e->used)
		return false;
	*val = e->val;
	return true;
}

static int ckb_map_grow(struct ckb_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct ckb_map n = { calloc(cap, sizeof(*n.ent)), cap, 0 };

	if (!n.ent)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->ent[i].used)
			*ckb_map_slot(&n, &m->ent[i].key) = m->ent[i];
	n.n = m->n;
	free(m->ent);
	*m = n;
	return 0;
}

/* Insert or overwrite; the load stays at most one half. -1: no memory. */
int ckb_map_put(struct ckb_map *m, const struct ckb_key *k, uint32_t val)
{
	struct ckb_map_ent *e;

	if ((m->n + 1) * 2 > m->cap && ckb_map_grow(m) != 0)
		return -1;
	e = ckb_map_slot(m, k);
	if (!e->used) {
		e->used = true;
		e->key = *k;
		m->n++;
	}
	e->val = val;
	return 0;
}

void ckb_st_free(struct ckb_st *st)
{
	free(st->dirs);
	free(st->flows.ent);
	free(st->srcidx.ent);
	free(st);
}

struct ckb_dir *ckb_dir_find(struct ckb_st *st, const struct ckb_key *k)
{
	uint32_t i;

	return ckb_map_get(&st->flows, k, &i) ? &st->dirs[i] : NULL;
}

static void ckb_table_full(struct ck_ctx *c, struct ckb_st *st)
{
	ck_count(c, "bfd packets of untracked flows (table full)", 1);
	if (!st->full_noted)
		ck_fact(c, "bfd flow table", "full at %d directions",
			CKB_MAX_FLOWS);
	st->full_noted = true;
}

struct ckb_dir *ckb_dir_get(struct ck_ctx *c, struct ckb_st *st,
			    const struct ckb_key *k)
{
	struct ckb_dir *d = ckb_dir_find(st, k);

	if (d)
		return d;
	if (st->ndirs >= CKB_MAX_FLOWS) {
		ckb_table_full(c, st);
		return NULL;
	}
	if (st->ndirs == st->capdirs) {
		size_t cap = st->capdirs ? st->capdirs * 2 : 16;
		struct ckb_dir *n = realloc(st->dirs, cap * sizeof(*n));

		if (!n) {
			ckb_table_full(c, st);
			return NULL;
		}
		st->dirs = n;
		st->capdirs = cap;
	}
	if (ckb_map_put(&st->flows, k, (uint32_t)st->ndirs) != 0) {
		ckb_table_full(c, st);
		return NULL;
	}
	d = &st->dirs[st->ndirs++];
	memset(d, 0, sizeof(*d));
	d->key = *k;
	d->peer_state_at_last = -1;
	return d;
}

/* ---- helpers ---- */

static sim_time_t ckb_us(uint32_t us)
{
	return (sim_time_t)us * 1000;
}

static uint32_t ckb_max32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

static bool ckb_live(uint8_t s)
{
	return s == BFD_STATE_INIT || s == BFD_STATE_UP;
}

/* Contents that make two packets alike (6.8.7), P, F and auth aside. */
static bool ckb_same(const struct bfd_ctrl *a, const struct bfd_ctrl *b)
{
	return a->diag == b->diag && a->state == b->state && a->cpi == b->cpi &&
	       a->demand == b->demand && a->detect_mult == b->detect_mult &&
	       a->my_disc == b->my_disc && a->your_disc == b->your_disc &&
	       a->desired_min_tx_us == b->desired_min_tx_us &&
	       a->required_min_rx_us == b->required_min_rx_us &&
	       a->required_min_echo_rx_us == b->required_min_echo_rx_us;
}

/*
 * The Detection Time the peer of d computes for d's packets (6.8.4): d's
 * Detect Mult times the larger of the peer's Required Min RX and the
 * Desired Min TX d last sent.
 */
static sim_time_t ckb_detect_time(const struct ckb_dir *d,
				  const struct ckb_dir *peer)
{
	uint32_t rx = 0;

	if (peer && peer->npkts > 0)
		rx = peer->last.required_min_rx_us;
	return (sim_time_t)d->lv.detect_mult *
	       ckb_us(ckb_max32(rx, d->lv.desired_us));
}

/*
 * Whether d was silent for longer than the Detection Time its peer
 * computed from d's previous packet: the peer has declared the session
 * Down, and d may have restarted it (a reboot, a new configuration), so
 * what d sends next starts a new session as far as these rules go.
 */
static bool ckb_restarted(const struct ckb_dir *d, const struct ckb_dir *peer,
			  const struct ck_frame *f)
{
	uint32_t rx =
		peer && peer->npkts > 0 ? peer->last.required_min_rx_us : 0;
	sim_time_t dt = (sim_time_t)d->last.detect_mult *
			ckb_us(ckb_max32(d->last.desired_min_tx_us, rx));

	return d->npkts > 0 && f->t - d->last_t > dt;
}

/* ---- RFC 5881 section 4: one source port per session ---- */

static void ckb_src_port(struct ck_ctx *c, const struct ckb_dir *d,
			 const struct ckb_dir *peer, const struct ck_frame *f,
			 const struct bfd_ctrl *b)
{
	/* A new My Discriminator or a long silence: a new session. */
	if (d->npkts == 0 || b->my_disc != d->last.my_disc ||
	    ckb_restarted(d, peer, f))
		return;
	ck_expect(c, CKB_R(SRC_PORT_STABLE), f->pi.udp.sport == d->sport, f->no,
		  f->t, "%s: source port %u, was %u", ckb_addr(&d->key.src).s,
		  f->pi.udp.sport, d->sport);
}

/* ---- RFC 5880 section 6.8.4: the peer detects our silence ---- */

/*
 * b is a packet of d; a is the peer, whose last valid packet was Init or
 * Up while d was Init or Up. A Detection Time (plus tolerance) after that
 * packet, d must no longer be Init or Up: its first packet after it is
 * judged. d going Down within the tolerance of the Detection Time counts
 * as a timely detection. Judged once per silence of a.
 */
static void ckb_detect(struct ck_ctx *c, struct ckb_dir *d, struct ckb_dir *a,
		       const struct ck_frame *f, const struct bfd_ctrl *b)
{
	sim_time_t dt, tol, silent;
	bool was_live;

	if (!a || !a->lv.any || a->detect_judged || d->npkts == 0 ||
	    !ckb_live(a->lv.state))
		return;
	was_live = ckb_live(d->last.state) ||
		   (a->peer_state_at_last >= 0 &&
		    ckb_live((uint8_t)a->peer_state_at_last));
	if (!was_live || a->lv.demand || d->last.demand || b->demand)
		return; /* Demand mode: another Detection Time (6.8.4) */
	/*
	 * d's Required Min RX before and in this packet: while d polls a
	 * reduction, the previous value still holds (6.8.3).
	 */
	dt = (sim_time_t)a->lv.detect_mult *
	     ckb_us(ckb_max32(a->lv.desired_us,
			      ckb_max32(d->last.required_min_rx_us,
					b->required_min_rx_us)));
	tol = dt * CKB_DETECT_TOL_PCT / 100;
	if (tol < CKB_DETECT_TOL_NS)
		tol = CKB_DETECT_TOL_NS;
	silent = f->t - a->lv.t;
	if (dt <= 0)
		return;
	if (silent <= dt + tol) {
		if (silent >= dt - tol && ckb_live(d->last.state) &&
		    !ckb_live(b->state)) {
			a->detect_judged = true;
			ck_pass(c, CKB_R(DETECT_TIMEOUT));
		}
		return;
	}
	a->detect_judged = true;
	ck_expect(c, CKB_R(DETECT_TIMEOUT), !ckb_live(b->state), f->no, f->t,
		  "%s silent for %s (Detection Time %s, tolerance %s) but %s "
		  "still %s",
		  ckb_addr(&a->key.src).s, ckb_time(silent).s, ckb_time(dt).s,
		  ckb_time(tol).s, ckb_addr(&d->key.src).s,
		  ckb_state(b->state));
}

/* ---- RFC 5880 sections 6.2, 6.8.6: the state machine ---- */

/*
 * The states the peer must have sent for from -> to: 0 when the
 * transition needs none (timers, administrative action, path down), -1
 * when the state machine has no such transition.
 */
static int ckb_trigger(uint8_t from, uint8_t to)
{
	if (to == BFD_STATE_ADMIN_DOWN)
		return 0; /* 6.8.16: any state, administratively */
	switch (from) {
	case BFD_STATE_ADMIN_DOWN:
		return to == BFD_STATE_DOWN ? 0 : -1;
	case BFD_STATE_DOWN:
		if (to == BFD_STATE_INIT)
			return 1 << BFD_STATE_DOWN;
		return 1 << BFD_STATE_INIT; /* to Up */
	case BFD_STATE_INIT:
		if (to == BFD_STATE_UP)
			return 1 << BFD_STATE_INIT | 1 << BFD_STATE_UP;
		return 0; /* to Down: timer or the peer */
	case BFD_STATE_UP:
		return to == BFD_STATE_DOWN ? 0 : -1;
	}
	return -1;
}

static void ckb_transition(struct ck_ctx *c, const struct ckb_dir *d,
			   const struct ckb_dir *peer, const struct ck_frame *f,
			   const struct bfd_ctrl *b)
{
	uint8_t from = d->last.state, to = b->state;
	int need, seen = d->peer_mask;

	if (d->npkts == 0 || from == to || ckb_restarted(d, peer, f))
		return;
	need = ckb_trigger(from, to);
	if (need < 0) {
		ck_fail(c, CKB_R(STATE), f->no, f->t,
			"%s: %s -> %s is not a transition of the state "
			"machine",
			ckb_addr(&d->key.src).s, ckb_state(from),
			ckb_state(to));
		return;
	}
	if (d->peer_state_at_last >= 0)
		seen |= 1 << d->peer_state_at_last;
	if (need == 0 || !peer || peer->npkts == 0 || (seen & need)) {
		ck_pass(c, CKB_R(STATE));
		return;
	}
	ck_fail(c, CKB_R(STATE), f->no, f->t,
		"%s: %s -> %s but the peer sent no %s since its previous "
		"packet (peer: %s)",
		ckb_addr(&d->key.src).s, ckb_state(from), ckb_state(to),
		to == BFD_STATE_INIT ? "Down" : "Init",
		ckb_state(peer->last.state));
}

/* ---- RFC 5880 6.8.6, 6.8.7: Your Discriminator ---- */

static void ckb_your_disc(struct ck_ctx *c, const struct ckb_dir *d,
			  const struct ckb_dir *peer, const struct ck_frame *f,
			  const struct bfd_ctrl *b)
{
	bool ok;

	/* Micro-BFD directions are paired by this very field. */
	if (d->key.kind == CKB_K_MICRO || !ckb_live(b->state) || !peer ||
	    peer->npkts == 0)
		return;
	/* 6.3 lets the peer change its discriminator: either value. */
	ok = b->your_disc == peer->last.my_disc ||
	     (peer->prev_my_disc != 0 && b->your_disc == peer->prev_my_disc);
	ck_expect(c, CKB_R(YOUR_DISC_MATCH), ok, f->no, f->t,
		  "%s in %s: Your Discriminator %" PRIu32
		  ", the peer's My Discriminator is %" PRIu32,
		  ckb_addr(&d->key.src).s, ckb_state(b->state), b->your_disc,
		  peer->last.my_disc);
}

/* ---- RFC 5880 6.5, 6.8.7, 4.1: Poll and Final ---- */

/* How long a Final may take: the responder may rate limit Finals to its
 * Desired Min TX Interval (6.8.7), plus the tolerance. */
static sim_time_t ckb_final_limit(const struct ckb_dir *d,
				  const struct bfd_ctrl *b)
{
	uint32_t tx = b->desired_min_tx_us;

	if (d->npkts > 0)
		tx = ckb_max32(tx, d->last.desired_min_tx_us);
	return ckb_us(tx) + CKB_POLL_TOL_NS;
}

/*
 * b has F: d answers a Poll of a (its peer). Every Poll a sent may get
 * its Final (a repeats P until one arrives, and each may be answered,
 * however late: a frozen control plane answers what it finds queued); a
 * Final beyond that answers nothing. The first Final ends the sequence;
 * its delay after the last Poll is judged.
 */
static void ckb_final(struct ck_ctx *c, struct ckb_st *st,
		      const struct ckb_dir *d, struct ckb_dir *a,
		      const struct ck_frame *f, const struct bfd_ctrl *b)
{
	sim_time_t rt, first, limit = ckb_final_limit(d, b);

	if (!a || a->npkts == 0)
		return;
	if (ck_expect(c, CKB_R(FINAL_NO_POLL), a->polls_open > 0, f->no, f->t,
		      "%s sent Final but %s has no Poll unanswered",
		      ckb_addr(&d->key.src).s, ckb_addr(&a->key.src).s))
		a->polls_open--;
	if (!a->poll_active)
		return;
	rt = f->t - a->poll_last_t;
	first = f->t - a->poll_first_t;
	if (!a->poll_reported)
		ck_expect(c, CKB_R(POLL_RESPONSE), rt <= limit, f->no, f->t,
			  "Final from %s %s after the last Poll (%s after the "
			  "first), limit %s",
			  ckb_addr(&d->key.src).s, ckb_time(rt).s,
			  ckb_time(first).s, ckb_time(limit).s);
	st->polls_answered++;
	if (first > st->poll_rt_max)
		st->poll_rt_max = first;
	a->poll_active = false;
}

/*
 * b has no F. If d (Init or Up, so it hears a: otherwise it would have
 * timed out) is still silent on a's Poll after the larger of its Desired
 * Min TX and its Detection Time for a, it ignored the Poll.
 */
static void ckb_no_final(struct ck_ctx *c, const struct ckb_dir *d,
			 struct ckb_dir *a, const struct ck_frame *f,
			 const struct bfd_ctrl *b)
{
	sim_time_t limit, waited;

	if (!a || !a->poll_active || a->poll_reported || !ckb_live(b->state))
		return;
	limit = ckb_detect_time(a, d);
	if (limit < ckb_us(b->desired_min_tx_us))
		limit = ckb_us(b->desired_min_tx_us);
	limit += CKB_POLL_TOL_NS;
	waited = f->t - a->poll_first_t;
	if (waited <= limit)
		return;
	a->poll_reported = true;
	ck_fail(c, CKB_R(POLL_RESPONSE), f->no, f->t,
		"%s in %s sends without Final %s after the Poll of %s "
		"(frame %" PRIu64 "), limit %s",
		ckb_addr(&d->key.src).s, ckb_state(b->state),
		ckb_time(waited).s, ckb_addr(&a->key.src).s, a->poll_no,
		ckb_time(limit).s);
}

static void ckb_poll(struct ck_ctx *c, struct ckb_st *st, struct ckb_dir *d,
		     struct ckb_dir *peer, const struct ck_frame *f,
		     const struct bfd_ctrl *b, bool valid)
{
	if (b->final)
		ckb_final(c, st, d, peer, f, b);
	else
		ckb_no_final(c, d, peer, f, b);
	if (b->poll && valid) {
		if (!d->poll_active) {
			d->poll_active = true;
			d->poll_reported = false;
			d->poll_first_t = f->t;
			d->poll_no = f->no;
		}
		if (d->polls_open < UINT8_MAX)
			d->polls_open++;
		d->poll_last_t = f->t;
	} else if (!b->poll && !b->final) {
		/* The sequence ended, maybe on a Final the capture lost. */
		d->poll_active = false;
	}
}

/* ---- RFC 5880 6.8.7: the transmit interval ---- */

static void ckb_tx_long(struct ck_ctx *c, struct ckb_dir *d,
			const struct ck_frame *f, sim_time_t gap,
			sim_time_t ival)
{
	if (++d->long_gaps < CKB_TX_LONG_RUN) {
		ck_count(c, "bfd tx gaps not judged (capture loss?)", 1);
		return;
	}
	d->long_gaps = 0;
	ck_fail(c, CKB_R(TX_INTERVAL), f->no, f->t,
		"%s: %d gaps in a row over 1.5 x the interval %s (last %s)",
		ckb_addr(&d->key.src).s, CKB_TX_LONG_RUN, ckb_time(ival).s,
		ckb_time(gap).s);
}

/* Judge the gap since d's previous packet (both steady, both Up). */
static void ckb_tx_judge(struct ck_ctx *c, struct ckb_dir *d,
			 const struct ckb_dir *peer, const struct ck_frame *f,
			 const struct bfd_ctrl *b)
{
	bool peer_known = peer && peer->npkts > 0;
	uint32_t rx = peer_known ? peer->last.required_min_rx_us : 0;
	sim_time_t ival = ckb_us(ckb_max32(b->desired_min_tx_us, rx));
	sim_time_t lo = ival * 75 / 100, hi = ival;
	sim_time_t tol = CKB_TX_TOL_NS + ival * CKB_TX_TOL_PCT / 100;
	sim_time_t gap = f->t - d->last_t;

	if (peer_known && rx == 0)
		return; /* no periodic packets at all (6.8.7) */
	if (gap < 0) {
		ck_count(c, "bfd frames out of time order", 1);
		return;
	}
	if (b->detect_mult == 1)
		hi = ival * 90 / 100;
	if (gap < lo - tol) {
		ck_fail(c, CKB_R(TX_INTERVAL), f->no, f->t,
			"%s: interval %s, below 75%% of %s%s (tolerance %s)",
			ckb_addr(&d->key.src).s, ckb_time(gap).s,
			ckb_time(ival).s, peer_known ? "" : " or more",
			ckb_time(tol).s);
		return;
	}
	if (!peer_known || gap <= hi + tol) {
		d->long_gaps = 0;
		ck_pass(c, CKB_R(TX_INTERVAL));
		return;
	}
	if (gap < ival * 3 / 2) {
		d->long_gaps = 0;
		ck_fail(c, CKB_R(TX_INTERVAL), f->no, f->t,
			"%s: interval %s, above %d%% of %s (tolerance %s)",
			ckb_addr(&d->key.src).s, ckb_time(gap).s,
			b->detect_mult == 1 ? 90 : 100, ckb_time(ival).s,
			ckb_time(tol).s);
		return;
	}
	ckb_tx_long(c, d, f, gap, ival);
}

/*
 * Only periodic packets in Up count: neither they nor the packet before
 * carry P or F, and both repeat their predecessor (so no state or
 * parameter change, nor the first packet after one, is judged), the
 * peer's Required Min RX did not change in between, and no Demand mode.
 */
static void ckb_tx(struct ck_ctx *c, struct ckb_dir *d,
		   const struct ckb_dir *peer, const struct ck_frame *f,
		   const struct bfd_ctrl *b)
{
	bool steady, peer_known = peer && peer->npkts > 0;

	if (d->npkts == 0)
		return;
	steady = !b->poll && !b->final && !d->last.poll && !d->last.final &&
		 ckb_same(&d->last, b);
	if (!steady || !d->last_steady || b->state != BFD_STATE_UP)
		return;
	if (peer_known != d->peer_rx_known ||
	    (peer_known && peer->last.required_min_rx_us != d->peer_rx_at_last))
		return;
	if (b->demand || (peer_known && peer->last.demand))
		return;
	ckb_tx_judge(c, d, peer, f, b);
}

/* ---- RFC 5880 6.7.3, 6.7.4: authentication sequence numbers ---- */

static bool ckb_seq_type(const struct bfd_ctrl *b)
{
	return b->auth_present && b->auth.type >= BFD_AUTH_KEYED_MD5 &&
	       b->auth.type <= BFD_AUTH_METICULOUS_SHA1;
}

static void ckb_auth_seq(struct ck_ctx *c, const struct ckb_dir *d,
			 const struct ckb_dir *peer, const struct ck_frame *f,
			 const struct bfd_ctrl *b)
{
	const struct bfd_ctrl *l = &d->last;
	uint32_t delta, rx;
	bool meticulous;
	sim_time_t dt;

	if (!ckb_seq_type(b) || !d->auth_known || !ckb_seq_type(l) ||
	    l->auth.type != b->auth.type || l->my_disc != b->my_disc)
		return;
	/* 6.8.1: after twice the Detection Time bfd.AuthSeqKnown is 0. */
	rx = peer && peer->npkts > 0 ? peer->last.required_min_rx_us : 0;
	dt = (sim_time_t)l->detect_mult *
	     ckb_us(ckb_max32(l->desired_min_tx_us, rx));
	if (f->t - d->last_t > 2 * dt)
		return;
	meticulous = b->auth.type == BFD_AUTH_METICULOUS_MD5 ||
		     b->auth.type == BFD_AUTH_METICULOUS_SHA1;
	delta = b->auth.seq - l->auth.seq;
	if (meticulous)
		ck_expect(c, CKB_R(AUTH_SEQ), delta >= 1 && delta < 0x80000000u,
			  f->no, f->t,
			  "%s: sequence number %" PRIu32 " after %" PRIu32,
			  bfd_auth_name((enum bfd_auth_type)b->auth.type),
			  b->auth.seq, l->auth.seq);
	else
		ck_expect(c, CKB_R(AUTH_SEQ_KEYED), delta < 0x80000000u, f->no,
			  f->t,
			  "%s: sequence number %" PRIu32 " after %" PRIu32,
			  bfd_auth_name((enum bfd_auth_type)b->auth.type),
			  b->auth.seq, l->auth.seq);
}

/* ---- bookkeeping after the rules ---- */

static void ckb_update(struct ckb_st *st, struct ckb_dir *d,
		       struct ckb_dir *peer, const struct ck_frame *f,
		       const struct bfd_ctrl *b, bool valid)
{
	bool peer_known = peer && peer->npkts > 0;
	struct ckb_key k;

	d->last_steady = d->npkts > 0 && !b->poll && !b->final &&
			 !d->last.poll && !d->last.final &&
			 ckb_same(&d->last, b);
	if (d->npkts > 0 && b->my_disc != d->last.my_disc)
		d->prev_my_disc = d->last.my_disc;
	if (valid) {
		d->lv.any = true;
		d->lv.t = f->t;
		d->lv.state = b->state;
		d->lv.detect_mult = b->detect_mult;
		d->lv.demand = b->demand;
		d->lv.desired_us = b->desired_min_tx_us;
		d->detect_judged = false;
		/* The peer learns our state (for its transitions). */
		if (peer)
			peer->peer_mask |= (uint8_t)(1u << (b->state & 3));
	}
	d->peer_mask = 0;
	d->peer_state_at_last = peer_known ? (int8_t)peer->last.state : -1;
	d->peer_rx_known = peer_known;
	d->peer_rx_at_last = peer_known ? peer->last.required_min_rx_us : 0;
	d->auth_known = ckb_seq_type(b);
	d->last = *b;
	d->last_t = f->t;
	d->sport = f->pi.udp.sport;
	if (f->has_l2src) {
		d->has_mac = true;
		d->mac = f->l2src;
	}
	d->npkts++;
	/* Echo packets find their session by source address (6.8.9). */
	if (d->key.kind == CKB_K_SINGLE || d->key.kind == CKB_K_MICRO) {
		memset(&k, 0, sizeof(k));
		k.link = d->key.link;
		k.kind = CKB_K_SRCIDX;
		k.src = d->key.src;
		ckb_map_put(&st->srcidx, &k, (uint32_t)(d - st->dirs));
	}
}

void ckb_flow_control(struct ck_ctx *c, struct ckb_st *st,
		      const struct ck_frame *f, enum ckb_kind kind,
		      const struct bfd_ctrl *b, bool valid)
{
	struct ckb_key k, pk;
	struct ckb_dir *d, *peer = NULL;

	memset(&k, 0, sizeof(k));
	k.link = f->link;
	k.kind = (uint8_t)kind;
	k.src = f->pi.src;
	k.dst = f->pi.dst;
	pk = k;
	pk.src = f->pi.dst;
	pk.dst = f->pi.src;
	if (kind == CKB_K_MICRO) {
		k.disc = b->my_disc;
		pk.disc = b->your_disc;
	}
	d = ckb_dir_get(c, st, &k); /* may move st->dirs: look up after */
	if (!d)
		return;
	if (kind != CKB_K_MICRO || b->your_disc != 0)
		peer = ckb_dir_find(st, &pk);
	ckb_src_port(c, d, peer, f, b);
	ckb_detect(c, d, peer, f, b);
	ckb_transition(c, d, peer, f, b);
	ckb_your_disc(c, d, peer, f, b);
	ckb_poll(c, st, d, peer, f, b, valid);
	ckb_tx(c, d, peer, f, b);
	ckb_auth_seq(c, d, peer, f, b);
	ckb_update(st, d, peer, f, b, valid);
}
