/*
 * The harness of the group membership core tests (see gmp_test_util.h):
 * interfaces on test nodes, the ops that record queries and put them on
 * a wire through the codec (gmp_pkt_encode / gmp_pkt_decode), the
 * listener that records notifications, injection of host and router
 * messages, and look-ups for assertions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_test_util.h"

static const char *const gt_names[GT_MAX_ENDS] = { "A", "B", "C" };

static void gt_grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 32;
	*v = realloc(*v, *cap * size);
	assert_non_null(*v);
}

/* ---- the wire ---- */

static void gt_deliver(struct gt_end *e, int from, const uint8_t *buf,
		       size_t len, const struct net_addr *dst)
{
	struct gt *h = e->h;
	const struct net_addr *src = &h->e[from].cfg.addr;

	memset(&h->rxm, 0, offsetof(struct gmp_msg, rec));
	assert_int_equal(gmp_pkt_decode(e->cfg.af, buf, len, src, dst, &h->rxm),
			 GMP_PKT_OK);
	gmp_if_rx(e->gi, &h->rxm, src, dst);
}

static void gt_wq_fire(struct sim_timer *t)
{
	struct gt_end *e = sim_container_of(t, struct gt_end, qt);
	sim_time_t now = sim_now(e->h->w->eng);

	while (e->wqn && e->wq[e->wqhead].at <= now) {
		size_t i = e->wqhead;

		e->wqhead = (e->wqhead + 1) % GT_WQ;
		e->wqn--;
		gt_deliver(e, e->wq[i].from, e->wq[i].buf, e->wq[i].len,
			   &e->wq[i].dst);
	}
	if (e->wqn)
		sim_timer_arm(t, e->wq[e->wqhead].at);
}

static void gt_wq_put(struct gt_end *e, int from, const uint8_t *buf,
		      size_t len, const struct net_addr *dst)
{
	size_t i = (e->wqhead + e->wqn) % GT_WQ;

	assert_true(e->wqn < GT_WQ);
	e->wq[i].at = sim_now(e->h->w->eng) + GT_DELAY;
	e->wq[i].from = from;
	e->wq[i].len = len;
	e->wq[i].dst = *dst;
	memcpy(e->wq[i].buf, buf, len);
	e->wqn++;
	if (!sim_timer_armed(&e->qt))
		sim_timer_arm(&e->qt, e->wq[e->wqhead].at);
}

static int gt_send(void *ctx, struct gmp_if *gi, const struct gmp_msg *m,
		   const struct net_addr *dst)
{
	struct gt_end *e = ctx;
	struct gt *h = e->h;
	struct gt_q *q;
	uint8_t buf[1500];
	int len;

	assert_ptr_equal(gi, e->gi);
	assert_int_equal(m->type, GMP_T_QUERY);
	gt_grow((void **)&e->q, &e->capq, e->nq, sizeof(*e->q));
	q = &e->q[e->nq++];
	memset(q, 0, sizeof(*q));
	q->t = sim_now(h->w->eng);
	q->version = m->version;
	q->max_resp = m->max_resp;
	q->group = m->group;
	q->dst = *dst;
	q->s = m->s_flag;
	q->qrv = m->qrv;
	q->qqi = m->qqi;
	q->nsrc = m->nsrc;
	for (size_t i = 0; i < m->nsrc && i < GT_QSRC; i++)
		q->src[i] = m->srcs[i];
	if (h->send_ret)
		return h->send_ret;
	/* Every query we send must encode. */
	len = gmp_pkt_encode(m, &e->cfg.addr, dst, buf, sizeof(buf));
	assert_true(len > 0);
	if (!h->wire)
		return 0;
	for (int i = 0; i < h->n; i++)
		if (i != e->idx && h->e[i].gi)
			gt_wq_put(&h->e[i], e->idx, buf, (size_t)len, dst);
	return 0;
}

const struct gmp_if_ops gt_ops = { .send = gt_send };
static const struct node_ops gt_node_ops = { .kind_name = "gmptest" };

static void gt_listen(void *arg, struct gmp_if *gi,
		      const struct net_addr *group, const struct net_addr *src,
		      enum gmp_mode mode, enum gmp_change change)
{
	struct gt_end *e = arg;
	struct gt_ev *v;

	assert_ptr_equal(gi, e->gi);
	assert_non_null(group);
	assert_non_null(src);
	gt_grow((void **)&e->ev, &e->capev, e->nev, sizeof(*e->ev));
	v = &e->ev[e->nev++];
	v->t = sim_now(e->h->w->eng);
	v->group = *group;
	v->src = *src;
	v->mode = mode;
	v->change = change;
}

/* ---- set-up ---- */

struct gmp_if_cfg gt_cfg(int idx, enum net_af af, uint8_t version)
{
	struct gmp_if_cfg c;
	char buf[32];

	gmp_if_cfg_default(&c, af);
	c.version = version;
	snprintf(c.name, sizeof(c.name), "if%d", idx);
	if (af == NET_AF_IP6)
		snprintf(buf, sizeof(buf), "fe80::%d", idx + 1);
	else
		snprintf(buf, sizeof(buf), "10.0.0.%d", idx + 1);
	c.addr = node_tw_addr(buf);
	return c;
}

struct gt *gt_new(int n, const struct gmp_if_cfg *cfgs)
{
	struct gt *h = calloc(1, sizeof(*h));

	assert_non_null(h);
	assert_true(n >= 1 && n <= GT_MAX_ENDS);
	h->w = node_tw_new(1);
	h->n = n;
	for (int i = 0; i < n; i++) {
		struct gt_end *e = &h->e[i];

		e->h = h;
		e->idx = i;
		e->cfg = cfgs[i];
		node_init(&e->node, &gt_node_ops, NODE_ROUTER, gt_names[i],
			  &h->w->env);
		assert_int_equal(sim_timer_init(h->w->eng, &e->qt, gt_wq_fire),
				 0);
		e->gi = gmp_if_new(&e->node, &cfgs[i], &gt_ops, e);
		assert_non_null(e->gi);
		assert_int_equal(gmp_if_listen(e->gi, gt_listen, e), 0);
	}
	return h;
}

struct gt *gt_one(enum net_af af, uint8_t version)
{
	struct gmp_if_cfg c = gt_cfg(0, af, version);
	struct gt *h = gt_new(1, &c);

	gt_start(h, 0);
	return h;
}

void gt_free(struct gt *h)
{
	for (int i = 0; i < h->n; i++) {
		gmp_if_free(h->e[i].gi);
		sim_timer_fini(&h->e[i].qt);
		node_fini(&h->e[i].node);
		free(h->e[i].q);
		free(h->e[i].ev);
	}
	assert_true(node_tw_free(h->w));
	free(h);
}

void gt_run_to(struct gt *h, sim_time_t t)
{
	sim_engine_run(h->w->eng, t);
}

void gt_start(struct gt *h, int i)
{
	gmp_if_start(h->e[i].gi);
}

struct gmp_if_info gt_info(const struct gt_end *e)
{
	struct gmp_if_info in;

	gmp_if_info(e->gi, &in);
	return in;
}

/* ---- injection ---- */

/* Parse a space-separated address list into v (at most cap). */
static size_t gt_list(const char *s, struct net_addr *v, size_t cap)
{
	char buf[1024], *save = NULL, *tok;
	size_t n = 0;

	if (!s)
		return 0;
	assert_true(strlen(s) < sizeof(buf));
	strcpy(buf, s);
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		assert_true(n < cap);
		v[n++] = node_tw_addr(tok);
	}
	return n;
}

static struct gmp_msg *gt_msg(struct gt *h, int i, enum gmp_type type)
{
	struct gmp_msg *m = &h->m;

	memset(m, 0, offsetof(struct gmp_msg, rec));
	m->af = h->e[i].cfg.af;
	m->type = type;
	return m;
}

void gt_rx_old(struct gt *h, int i, enum gmp_type type, const char *group,
	       const char *from)
{
	struct gmp_msg *m = gt_msg(h, i, type);
	struct net_addr src = node_tw_addr(from);
	bool v6 = m->af == NET_AF_IP6;

	m->group = node_tw_addr(group);
	if (type == GMP_T_REPORT_V1)
		m->version = 1;
	else
		m->version = v6 ? 1 : 2;
	gmp_if_rx(h->e[i].gi, m, &src, NULL);
}

void gt_rx_v3(struct gt *h, int i, const char *from, uint8_t rec,
	      const char *group, const char *srcs)
{
	struct gmp_msg *m = gt_msg(h, i, GMP_T_REPORT_V3);
	struct net_addr src = node_tw_addr(from);
	const struct net_addr *dst =
		m->af == NET_AF_IP6 ? &gmp_v2_routers6 : &gmp_v3_routers4;

	m->version = m->af == NET_AF_IP6 ? 2 : 3;
	m->nrec = 1;
	m->rec[0].type = rec;
	m->rec[0].group = node_tw_addr(group);
	m->rec[0].src0 = 0;
	m->rec[0].nsrc = (uint16_t)gt_list(srcs, m->srcs, GMP_MAX_SOURCES);
	m->srcs_used = m->rec[0].nsrc;
	gmp_if_rx(h->e[i].gi, m, &src, dst);
}

void gt_rx_query_ex(struct gt *h, int i, const char *from, uint8_t version,
		    const char *group, const char *srcs, bool s, uint8_t qrv,
		    sim_time_t qqi, sim_time_t max_resp)
{
	struct gmp_msg *m = gt_msg(h, i, GMP_T_QUERY);
	struct net_addr src = node_tw_addr(from);

	m->version = version;
	if (group) {
		m->group = node_tw_addr(group);
	} else {
		m->group.af = m->af;
	}
	m->nsrc = (uint16_t)gt_list(srcs, m->srcs, GMP_MAX_SOURCES);
	m->srcs_used = m->nsrc;
	m->s_flag = s;
	m->qrv = qrv ? qrv : 2;
	m->qqi = qqi ? qqi : SIM_S(125);
	m->max_resp = max_resp ? max_resp : (group ? SIM_S(1) : SIM_S(10));
	gmp_if_rx(h->e[i].gi, m, &src, NULL);
}

void gt_rx_query(struct gt *h, int i, const char *from, uint8_t version,
		 const char *group, const char *srcs, bool s)
{
	gt_rx_query_ex(h, i, from, version, group, srcs, s, 0, 0, 0);
}

/* ---- look-ups ---- */

static bool gt_q_match(const struct gt_q *q, const char *group, int want_src)
{
	struct net_addr g;

	if (want_src == 1 && q->nsrc == 0)
		return false;
	if (want_src == 0 && q->nsrc > 0)
		return false;
	if (!group)
		return net_addr_is_unspec(&q->group);
	g = node_tw_addr(group);
	return net_addr_eq(&q->group, &g);
}

size_t gt_nq(const struct gt_end *e, const char *group, int want_src)
{
	size_t n = 0;

	for (size_t i = 0; i < e->nq; i++)
		if (gt_q_match(&e->q[i], group, want_src))
			n++;
	return n;
}

const struct gt_q *gt_q(const struct gt_end *e, const char *group, int want_src,
			size_t nth)
{
	for (size_t i = 0; i < e->nq; i++)
		if (gt_q_match(&e->q[i], group, want_src) && nth-- == 0)
			return &e->q[i];
	fail_msg("no query %zu for %s", nth, group ? group : "general");
	return NULL;
}

bool gt_q_srcs(const struct gt_q *q, const char *srcs)
{
	struct net_addr v[GT_QSRC];
	size_t n = gt_list(srcs, v, GT_QSRC);

	if (n != q->nsrc)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool found = false;

		for (size_t k = 0; k < q->nsrc; k++)
			found = found || net_addr_eq(&v[i], &q->src[k]);
		if (!found)
			return false;
	}
	return true;
}

bool gt_group(const struct gt_end *e, const char *group,
	      struct gmp_group_info *out)
{
	struct net_addr g = node_tw_addr(group);

	return gmp_if_group(e->gi, &g, out);
}

bool gt_src(const struct gt_end *e, const char *group, const char *src,
	    sim_time_t *expires)
{
	struct gmp_group_info in;
	struct net_addr s = node_tw_addr(src);

	if (!gt_group(e, group, &in))
		return false;
	for (size_t i = 0; i < in.nsrc; i++) {
		if (net_addr_eq(&in.srcs[i].addr, &s)) {
			if (expires)
				*expires = in.srcs[i].expires;
			return true;
		}
	}
	return false;
}

int gt_import(struct gt_end *e, const char *group, enum gmp_mode mode,
	      sim_time_t group_left, const char *srcs, const sim_time_t *left)
{
	struct net_addr v[GT_QSRC];
	struct gmp_import im;

	memset(&im, 0, sizeof(im));
	im.group = node_tw_addr(group);
	im.mode = mode;
	im.group_left = group_left;
	im.nsrc = gt_list(srcs, v, GT_QSRC);
	im.srcs = v;
	im.src_left = left;
	return gmp_if_import(e->gi, &im);
}

static bool gt_ev_match(const struct gt_ev *v, const char *group)
{
	struct net_addr g;

	if (!group)
		return true;
	g = node_tw_addr(group);
	return net_addr_eq(&v->group, &g);
}

size_t gt_nev(const struct gt_end *e, const char *group)
{
	size_t n = 0;

	for (size_t i = 0; i < e->nev; i++)
		if (gt_ev_match(&e->ev[i], group))
			n++;
	return n;
}

const struct gt_ev *gt_ev(const struct gt_end *e, const char *group, size_t nth)
{
	for (size_t i = 0; i < e->nev; i++)
		if (gt_ev_match(&e->ev[i], group) && nth-- == 0)
			return &e->ev[i];
	fail_msg("no event %zu", nth);
	return NULL;
}

void gt_clear_ev(struct gt_end *e)
{
	e->nev = 0;
}
