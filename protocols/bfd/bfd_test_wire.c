/*
 * The test wire of the BFD session tests (see bfd_test_wire.h): the
 * per-direction FIFOs, the session ops that record and enqueue, the
 * listener that records transitions, and helpers that build, inject and
 * examine packets.
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

static void log_add(struct pkt_log *l, sim_time_t t, const uint8_t *buf,
		    size_t len, bool accepted)
{
	struct pkt_rec *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		assert_non_null(l->v);
	}
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->t = t;
	r->accepted = accepted;
	r->len = (uint8_t)len;
	memcpy(r->buf, buf, len);
	if (bfd_pkt_decode(buf, len, &r->c) != BFD_PKT_OK)
		r->c.version = 0;
}

uint64_t bfdt_drops_sum(const struct bfd_session *s)
{
	struct bfd_session_info in;
	uint64_t n = 0;

	bfd_session_info(s, &in);
	for (int i = 0; i < BFD_DROP__COUNT; i++)
		n += in.drops[i];
	return n;
}

/* Hand bytes to end e's session as the router would. */
void bfdt_deliver(struct end *e, const uint8_t *buf, size_t len)
{
	sim_time_t now = sim_now(e->h->w->eng);
	struct bfd_ctrl c;
	uint64_t before;

	if (!e->s)
		return;
	before = bfdt_drops_sum(e->s);
	if (bfd_pkt_decode(buf, len, &c) != BFD_PKT_OK)
		bfd_session_count_drop(e->s, BFD_DROP_MALFORMED);
	else
		bfd_session_rx(e->s, &c, buf, len);
	log_add(&e->rcvd, now, buf, len, bfdt_drops_sum(e->s) == before);
}

static void wire_fire(struct sim_timer *t)
{
	struct wire_q *q = sim_container_of(t, struct wire_q, t);
	struct end *to = &q->h->e[1 - q->dir];
	sim_time_t now = sim_now(q->h->w->eng);

	/* The receiver's CPU is frozen: the packet waits (unless offload). */
	if (to->s && !to->cfg.offload && now < to->node.frozen_until) {
		sim_timer_arm(t, to->node.frozen_until);
		return;
	}
	while (q->n && q->v[q->head].at <= now) {
		size_t i = q->head;

		q->head = (q->head + 1) % WQ_CAP;
		q->n--;
		bfdt_deliver(to, q->v[i].buf, q->v[i].len);
	}
	if (q->n)
		sim_timer_arm(t, q->v[q->head].at);
}

static void wire_put(struct wire_q *q, const uint8_t *buf, size_t len)
{
	size_t i = (q->head + q->n) % WQ_CAP;

	assert_true(q->n < WQ_CAP);
	q->v[i].at = sim_now(q->h->w->eng) + q->h->delay;
	q->v[i].len = (uint8_t)len;
	memcpy(q->v[i].buf, buf, len);
	if (q->h->corrupt[q->dir])
		q->v[i].buf[0] ^= 0xe0; /* version 1 -> 6 */
	q->n++;
	if (!sim_timer_armed(&q->t))
		sim_timer_arm(&q->t, q->v[q->head].at);
}

static int t_send(void *ctx, struct bfd_session *s, const uint8_t *pkt,
		  size_t len)
{
	struct end *e = ctx;
	struct h *h = e->h;
	int dir = e->idx;

	assert_ptr_equal(s, e->s);
	assert_true(len <= BFD_MAX_LEN);
	log_add(&e->sent, sim_now(h->w->eng), pkt, len, true);
	if (h->cut[dir])
		return 0;
	if (h->drop_final[dir] && e->sent.v[e->sent.n - 1].c.final)
		return 0;
	wire_put(&h->q[dir], pkt, len);
	if (h->dup[dir])
		wire_put(&h->q[dir], pkt, len);
	return 0;
}

const struct bfd_session_ops bfdt_ops = { .send = t_send };
static const struct node_ops t_node_ops = { .kind_name = "bfdtest" };

static void t_listen(void *arg, struct bfd_session *s, enum bfd_state o,
		     enum bfd_state n, enum bfd_diag d)
{
	struct end *e = arg;

	assert_ptr_equal(s, e->s);
	assert_int_equal(bfd_session_state(s), n);
	assert_true(e->ntr < MAX_TR);
	e->tr[e->ntr++] = (struct trans){ sim_now(e->h->w->eng), o, n, d };
}

struct bfd_session_cfg bfdt_cfg(const char *name, uint32_t disc)
{
	struct bfd_session_cfg c;

	memset(&c, 0, sizeof(c));
	snprintf(c.name, sizeof(c.name), "%s", name);
	c.local_disc = disc;
	c.desired_min_tx = BFD_DEFAULT_TX;
	c.required_min_rx = BFD_DEFAULT_RX;
	c.detect_mult = BFD_DEFAULT_MULT;
	return c;
}

/* A world with sessions A (ca) and B (cb; NULL: B only swallows). */
struct h *bfdt_new(uint64_t seed, const struct bfd_session_cfg *ca,
		   const struct bfd_session_cfg *cb)
{
	struct h *h = calloc(1, sizeof(*h));
	const struct bfd_session_cfg *cfg[2] = { ca, cb };
	static const char *const names[2] = { "A", "B" };

	assert_non_null(h);
	h->w = node_tw_new(seed);
	h->delay = SIM_US(100);
	for (int i = 0; i < 2; i++) {
		struct end *e = &h->e[i];

		e->h = h;
		e->idx = i;
		node_init(&e->node, &t_node_ops, NODE_HOST, names[i],
			  &h->w->env);
		h->q[i].h = h;
		h->q[i].dir = i;
		assert_int_equal(
			sim_timer_init(h->w->eng, &h->q[i].t, wire_fire), 0);
	}
	for (int i = 0; i < 2; i++) {
		struct end *e = &h->e[i];

		if (!cfg[i])
			continue;
		e->cfg = *cfg[i];
		e->s = bfd_session_new(&e->node, cfg[i], &bfdt_ops, e);
		assert_non_null(e->s);
		assert_int_equal(bfd_session_listen(e->s, t_listen, e), 0);
	}
	return h;
}

void bfdt_free(struct h *h)
{
	for (int i = 0; i < 2; i++) {
		bfd_session_free(h->e[i].s);
		sim_timer_fini(&h->q[i].t);
		node_fini(&h->e[i].node);
		free(h->e[i].sent.v);
		free(h->e[i].rcvd.v);
	}
	assert_true(node_tw_free(h->w));
	free(h);
}

void bfdt_run_to(struct h *h, sim_time_t t)
{
	sim_engine_run(h->w->eng, t);
}

struct bfd_session_info bfdt_info(const struct end *e)
{
	struct bfd_session_info in;

	bfd_session_info(e->s, &in);
	return in;
}

void bfdt_assert_tr(const struct end *e, size_t i, sim_time_t t,
		    enum bfd_state o, enum bfd_state n, enum bfd_diag d)
{
	assert_true(i < e->ntr);
	assert_int_equal(e->tr[i].t, t);
	assert_int_equal(e->tr[i].old_state, o);
	assert_int_equal(e->tr[i].new_state, n);
	assert_int_equal(e->tr[i].diag, d);
}

/* The last delivery to e that was accepted. */
const struct pkt_rec *bfdt_last_accepted(const struct end *e)
{
	for (size_t i = e->rcvd.n; i-- > 0;)
		if (e->rcvd.v[i].accepted)
			return &e->rcvd.v[i];
	fail_msg("no accepted packet");
	return NULL;
}

/* Section 6.8.4 from what e last accepted. */
sim_time_t bfdt_expected_detect_rx(const struct end *e, sim_time_t rx,
				   sim_time_t *dt)
{
	const struct pkt_rec *r = bfdt_last_accepted(e);
	sim_time_t tx = (sim_time_t)r->c.desired_min_tx_us * 1000;

	*dt = (sim_time_t)r->c.detect_mult * (rx > tx ? rx : tx);
	return r->t + *dt;
}

sim_time_t bfdt_expected_detect(const struct end *e, sim_time_t *dt)
{
	return bfdt_expected_detect_rx(e, e->cfg.required_min_rx, dt);
}

/* Inject a packet built from c (and key) into e at the current time. */
void bfdt_inject(struct end *e, const struct bfd_ctrl *c,
		 const struct bfd_key *key)
{
	uint8_t buf[BFD_MAX_LEN];
	int len = bfd_pkt_encode(c, key, buf, sizeof(buf));

	assert_true(len >= BFD_HDR_LEN);
	bfdt_deliver(e, buf, (size_t)len);
}

struct bfd_ctrl bfdt_peer_pkt(uint8_t state, uint32_t your)
{
	struct bfd_ctrl c;

	memset(&c, 0, sizeof(c));
	c.version = BFD_VERSION;
	c.state = state;
	c.detect_mult = 3;
	c.my_disc = B_DISC;
	c.your_disc = your;
	c.desired_min_tx_us = 10000;
	c.required_min_rx_us = 10000;
	return c;
}

/* Periodic (non-Final) packets of l sent in [from, to]: gap bounds. */
void bfdt_gaps(const struct pkt_log *l, sim_time_t from, sim_time_t to,
	       sim_time_t *min, sim_time_t *max, size_t *count)
{
	sim_time_t prev = -1;

	*min = INT64_MAX;
	*max = 0;
	*count = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct pkt_rec *r = &l->v[i];

		if (r->c.final || r->t < from || r->t > to)
			continue;
		if (prev >= 0) {
			sim_time_t g = r->t - prev;

			*min = g < *min ? g : *min;
			*max = g > *max ? g : *max;
			(*count)++;
		}
		prev = r->t;
	}
}

/* A standard pair brought Up and settled by 2 s. */
struct h *bfdt_pair_up(uint64_t seed)
{
	struct bfd_session_cfg a = bfdt_cfg("s-a", A_DISC);
	struct bfd_session_cfg b = bfdt_cfg("s-b", B_DISC);
	struct h *h = bfdt_new(seed, &a, &b);

	bfdt_run_to(h, SIM_S(2));
	assert_int_equal(bfd_session_state(h->e[0].s), BFD_STATE_UP);
	assert_int_equal(bfd_session_state(h->e[1].s), BFD_STATE_UP);
	assert_false(bfdt_info(&h->e[0]).poll_active);
	assert_false(bfdt_info(&h->e[1]).poll_active);
	return h;
}

const struct pkt_rec *bfdt_first_after(const struct pkt_log *l, sim_time_t t)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].t >= t)
			return &l->v[i];
	fail_msg("no packet after %lld", (long long)t);
	return NULL;
}

struct bfd_key bfdt_key(uint8_t type, uint8_t id, const char *secret)
{
	struct bfd_key k;

	memset(&k, 0, sizeof(k));
	k.type = type;
	k.id = id;
	k.len = (uint8_t)strlen(secret);
	memcpy(k.secret, secret, k.len);
	return k;
}
