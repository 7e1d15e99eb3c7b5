/*
 * The harness of the PIM engine tests (see pim_test_util.h): routers on
 * test nodes, the fake ops (LANs, unicast delivery, RIB, MFIB table,
 * forwarding record), message recording and look-ups, injection of
 * foreign messages through the codec, data packets and local membership.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/pim/pim_test_util.h"
#include "sim/net/net_ipv4.h"
#include "sim/net/net_ipv6.h"
#include "sim/net/net_udp.h"

static const struct node_ops pt_node_ops = { .kind_name = "pimtest" };

static void *pt_grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 32;
	v = realloc(v, *cap * size);
	assert_non_null(v);
	return v;
}

static struct pt_if *pt_ifp(struct pt_r *r, int ifindex)
{
	for (int i = 0; i < r->nifs; i++)
		if (r->ifs[i].ifindex == ifindex)
			return &r->ifs[i];
	return NULL;
}

static const struct net_addr *pt_all(const struct pt *w)
{
	return w->af == NET_AF_IP6 ? &pim_all_routers6 : &pim_all_routers4;
}

static bool pt_is_local(const struct pt_r *r, const struct net_addr *a)
{
	for (int i = 0; i < r->nifs; i++)
		if (net_addr_eq(&r->ifs[i].addr, a))
			return true;
	for (int i = 0; i < r->nlocals; i++)
		if (net_addr_eq(&r->locals[i], a))
			return true;
	return false;
}

/* ---- the wire ---- */

static void pt_deliver(struct pt *w, const struct pt_q *q)
{
	struct pt_r *r = &w->r[q->to];

	if (!r->p)
		return;
	memset(w->rx, 0, sizeof(*w->rx));
	assert_int_equal(
		pim_pkt_decode(w->af, q->buf, q->len, &q->src, &q->dst, w->rx),
		PIM_PKT_OK);
	pim_rx(r->p, q->ifindex, w->rx, &q->src, &q->dst);
}

static void pt_q_fire(struct sim_timer *t)
{
	struct pt *w = sim_container_of(t, struct pt, qt);
	sim_time_t now = sim_now(w->w->eng);

	while (w->nq && w->q[w->qhead].at <= now) {
		struct pt_q q = w->q[w->qhead];

		w->qhead++;
		w->nq--;
		pt_deliver(w, &q);
	}
	if (!w->nq)
		w->qhead = 0;
	else
		sim_timer_arm(&w->qt, w->q[w->qhead].at);
}

static void pt_q_put(struct pt *w, int to, int ifindex,
		     const struct net_addr *src, const struct net_addr *dst,
		     const uint8_t *buf, size_t len)
{
	struct pt_q *q;

	assert_true(len <= sizeof(q->buf));
	if (w->qhead && w->qhead + w->nq == w->capq) {
		memmove(w->q, &w->q[w->qhead], w->nq * sizeof(*w->q));
		w->qhead = 0;
	}
	w->q = pt_grow(w->q, &w->capq, w->qhead + w->nq, sizeof(*w->q));
	q = &w->q[w->qhead + w->nq++];
	q->at = sim_now(w->w->eng) + PT_DELAY;
	q->to = to;
	q->ifindex = ifindex;
	q->src = *src;
	q->dst = *dst;
	q->len = len;
	memcpy(q->buf, buf, len);
	if (!sim_timer_armed(&w->qt))
		sim_timer_arm(&w->qt, q->at);
}

static void pt_record(struct pt_r *r, int ifindex, const struct net_addr *src,
		      const struct net_addr *dst, const uint8_t *buf,
		      size_t len)
{
	struct pt *w = r->w;
	struct pt_tx *x;

	r->tx = pt_grow(r->tx, &r->captx, r->ntx, sizeof(*r->tx));
	x = &r->tx[r->ntx++];
	x->t = sim_now(w->w->eng);
	x->ifindex = ifindex;
	x->src = *src;
	x->dst = *dst;
	x->len = len < sizeof(x->buf) ? len : sizeof(x->buf);
	memcpy(x->buf, buf, x->len);
	/* everything we send must decode */
	memset(w->chk, 0, sizeof(*w->chk));
	assert_int_equal(pim_pkt_decode(w->af, buf, len, src, dst, w->chk),
			 PIM_PKT_OK);
	x->type = w->chk->type;
}

static int pt_send_link(void *ctx, int ifindex, const uint8_t *msg, size_t len)
{
	struct pt_r *r = ctx;
	struct pt *w = r->w;
	struct pt_if *i = pt_ifp(r, ifindex);

	assert_non_null(i);
	pt_record(r, ifindex, &i->addr, pt_all(w), msg, len);
	if (w->send_ret)
		return w->send_ret;
	if (!w->wire || !i->up)
		return 0;
	for (int k = 0; k < w->n; k++) {
		struct pt_r *o = &w->r[k];

		for (int j = 0; o != r && j < o->nifs; j++)
			if (o->ifs[j].lan == i->lan && o->ifs[j].up)
				pt_q_put(w, k, o->ifs[j].ifindex, &i->addr,
					 pt_all(w), msg, len);
	}
	return 0;
}

static int pt_send_unicast(void *ctx, const struct net_addr *src,
			   const struct net_addr *dst, const uint8_t *msg,
			   size_t len)
{
	struct pt_r *r = ctx;
	struct pt *w = r->w;
	struct net_addr s = r->nifs ? r->ifs[0].addr : *dst;
	uint8_t buf[1600];

	assert_true(len <= sizeof(buf));
	if (src && src->af != NET_AF_NONE && !net_addr_is_unspec(src))
		s = *src;
	memcpy(buf, msg, len);
	assert_int_equal(pim_pkt_set_checksum(w->af, buf, len, &s, dst), 0);
	pt_record(r, -1, &s, dst, buf, len);
	if (w->send_ret)
		return w->send_ret;
	for (int k = 0; w->wire && k < w->n; k++)
		if (&w->r[k] != r && pt_is_local(&w->r[k], dst) && w->r[k].nifs)
			pt_q_put(w, k, w->r[k].ifs[0].ifindex, &s, dst, buf,
				 len);
	return 0;
}

static int pt_rpf(void *ctx, const struct net_addr *a, struct pim_rpf *out)
{
	struct pt_r *r = ctx;
	const struct pt_route *best = NULL;

	if (pt_is_local(r, a))
		return -1;
	for (int i = 0; i < r->nrt; i++)
		if (net_prefix_contains(&r->rt[i].pfx, a) &&
		    (!best || r->rt[i].pfx.len > best->pfx.len))
			best = &r->rt[i];
	if (!best)
		return -1;
	out->ifindex = best->ifindex;
	out->nexthop = best->connected ? *a : best->nh;
	out->metric_pref = best->pref;
	out->metric = best->metric;
	out->connected = best->connected;
	return 0;
}

static bool pt_ops_is_local(void *ctx, const struct net_addr *a)
{
	return pt_is_local(ctx, a);
}

static struct pt_mroute *pt_mr_find(struct pt_r *r, const struct net_addr *s,
				    const struct net_addr *g, bool add)
{
	for (int i = 0; i < r->nmr; i++)
		if (net_addr_eq(&r->mr[i].src, s) &&
		    net_addr_eq(&r->mr[i].grp, g))
			return &r->mr[i];
	if (!add)
		return NULL;
	assert_true(r->nmr < PT_MAX_MR);
	memset(&r->mr[r->nmr], 0, sizeof(r->mr[0]));
	r->mr[r->nmr].src = *s;
	r->mr[r->nmr].grp = *g;
	return &r->mr[r->nmr++];
}

static int pt_mroute_set(void *ctx, const struct net_addr *src,
			 const struct net_addr *grp, int iif, const int *oifs,
			 size_t n, bool cpu)
{
	struct pt_r *r = ctx;
	struct pt_mroute *m = pt_mr_find(r, src, grp, true);

	assert_true(n <= PT_MAX_IF);
	for (size_t i = 0; i < n; i++) {
		assert_int_not_equal(oifs[i], iif);
		m->oifs[i] = oifs[i];
	}
	m->n = n;
	m->iif = iif;
	m->cpu = cpu;
	m->present = true;
	r->nset++;
	return 0;
}

static int pt_mroute_del(void *ctx, const struct net_addr *src,
			 const struct net_addr *grp)
{
	struct pt_r *r = ctx;
	struct pt_mroute *m = pt_mr_find(r, src, grp, false);

	assert_non_null(m);
	assert_true(m->present);
	m->present = false;
	m->pkts = 0;
	r->ndel++;
	return 0;
}

static bool pt_mroute_packets(void *ctx, const struct net_addr *src,
			      const struct net_addr *grp, uint64_t *pkts)
{
	struct pt_mroute *m = pt_mr_find(ctx, src, grp, false);

	if (!m || !m->present)
		return false;
	*pkts = m->pkts;
	return true;
}

static size_t pt_forward(void *ctx, const uint8_t *ip, size_t len,
			 const int *oifs, size_t n)
{
	struct pt_r *r = ctx;
	struct pt_fwd *f;

	(void)ip;
	r->fwd = pt_grow(r->fwd, &r->capfwd, r->nfwd, sizeof(*r->fwd));
	f = &r->fwd[r->nfwd++];
	f->t = sim_now(r->w->w->eng);
	f->len = len;
	f->n = n < PT_MAX_IF ? n : PT_MAX_IF;
	memcpy(f->oifs, oifs, f->n * sizeof(int));
	return n;
}

const struct pim_ops pt_ops = {
	.send_link = pt_send_link,
	.send_unicast = pt_send_unicast,
	.rpf = pt_rpf,
	.is_local = pt_ops_is_local,
	.mroute_set = pt_mroute_set,
	.mroute_del = pt_mroute_del,
	.mroute_packets = pt_mroute_packets,
	.forward = pt_forward,
};

/* ---- set-up ---- */

struct pt *pt_new(enum net_af af, int n)
{
	struct pt *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	assert_true(n >= 1 && n <= PT_MAX_R);
	w->w = node_tw_new(7);
	w->af = af;
	w->n = n;
	w->wire = true;
	w->m = calloc(1, sizeof(*w->m));
	w->im = calloc(1, sizeof(*w->im));
	w->rx = calloc(1, sizeof(*w->rx));
	w->chk = calloc(1, sizeof(*w->chk));
	assert_non_null(w->m);
	assert_non_null(w->im);
	assert_non_null(w->rx);
	assert_non_null(w->chk);
	pim_cfg_default(&w->cfg, af);
	pim_if_cfg_default(&w->icfg, af);
	assert_int_equal(sim_timer_init(w->w->eng, &w->qt, pt_q_fire), 0);
	for (int i = 0; i < n; i++) {
		char name[16];

		snprintf(name, sizeof(name), "R%d", i);
		node_init(&w->r[i].node, &pt_node_ops, NODE_ROUTER, name,
			  &w->w->env);
		w->r[i].w = w;
		w->r[i].idx = i;
	}
	return w;
}

void pt_free(struct pt *w)
{
	for (int i = 0; i < w->n; i++) {
		pim_free(w->r[i].p);
		node_fini(&w->r[i].node);
		free(w->r[i].tx);
		free(w->r[i].fwd);
	}
	sim_timer_fini(&w->qt);
	free(w->q);
	free(w->m);
	free(w->im);
	free(w->rx);
	free(w->chk);
	assert_true(node_tw_free(w->w));
	free(w);
}

int pt_if(struct pt *w, int r, int lan, const char *a)
{
	struct pt_r *x = &w->r[r];
	struct pt_if *i;

	assert_true(x->nifs < PT_MAX_IF);
	i = &x->ifs[x->nifs];
	i->ifindex = x->nifs;
	i->lan = lan;
	i->up = true;
	i->addr = node_tw_addr(a);
	snprintf(i->name, sizeof(i->name), "if%d", x->nifs);
	return x->ifs[x->nifs++].ifindex;
}

void pt_start(struct pt *w, int r)
{
	w->r[r].p = pim_new(&w->r[r].node, &w->cfg, &pt_ops, &w->r[r]);
	assert_non_null(w->r[r].p);
}

void pt_pim_if(struct pt *w, int r, int ifindex)
{
	struct pt_if *i = pt_ifp(&w->r[r], ifindex);
	struct pim_if_cfg c = w->icfg;

	assert_non_null(i);
	c.addr = i->addr;
	assert_int_equal(pim_if_add(w->r[r].p, ifindex, i->name, &c), 0);
}

void pt_start_all(struct pt *w, int r)
{
	pt_start(w, r);
	for (int i = 0; i < w->r[r].nifs; i++)
		pt_pim_if(w, r, w->r[r].ifs[i].ifindex);
}

void pt_route(struct pt *w, int r, const char *prefix, int ifindex,
	      const char *nh, uint32_t pref, uint32_t metric)
{
	struct pt_r *x = &w->r[r];
	struct pt_route *rt;

	assert_true(x->nrt < PT_MAX_RT);
	rt = &x->rt[x->nrt++];
	memset(rt, 0, sizeof(*rt));
	assert_int_equal(net_prefix_parse(prefix, &rt->pfx, true), 0);
	net_prefix_normalize(&rt->pfx);
	rt->ifindex = ifindex;
	rt->connected = !nh || !*nh;
	if (!rt->connected)
		rt->nh = node_tw_addr(nh);
	rt->pref = pref;
	rt->metric = metric;
}

void pt_local(struct pt *w, int r, const char *a)
{
	assert_true(w->r[r].nlocals < 4);
	w->r[r].locals[w->r[r].nlocals++] = node_tw_addr(a);
}

void pt_run(struct pt *w, sim_time_t t)
{
	sim_engine_run(w->w->eng, t);
}

void pt_run_for(struct pt *w, sim_time_t dt)
{
	sim_engine_run(w->w->eng, sim_now(w->w->eng) + dt);
}

sim_time_t pt_now(const struct pt *w)
{
	return sim_now(w->w->eng);
}

void pt_if_wire(struct pt *w, int r, int ifindex, bool up)
{
	pt_ifp(&w->r[r], ifindex)->up = up;
}

void pt_rp(struct pt *w, const char *rp)
{
	assert_true(w->cfg.nrps < PIM_MAX_RPS);
	memset(&w->cfg.rps[w->cfg.nrps], 0, sizeof(w->cfg.rps[0]));
	w->cfg.rps[w->cfg.nrps++].rp = node_tw_addr(rp);
}

/* ---- look-ups ---- */

static bool pt_tx_match(const struct pt_tx *x, enum pim_type type, int ifi)
{
	if (x->type != type)
		return false;
	if (ifi == -2)
		return x->ifindex == -1;
	return ifi == -1 || x->ifindex == ifi;
}

size_t pt_ntx(const struct pt_r *r, enum pim_type type, int ifindex)
{
	size_t n = 0;

	for (size_t i = 0; i < r->ntx; i++)
		n += pt_tx_match(&r->tx[i], type, ifindex);
	return n;
}

const struct pt_tx *pt_tx(const struct pt_r *r, enum pim_type type, int ifindex,
			  size_t nth)
{
	for (size_t i = 0; i < r->ntx; i++)
		if (pt_tx_match(&r->tx[i], type, ifindex) && nth-- == 0)
			return &r->tx[i];
	fail_msg("message %zu of type %d not sent", nth, type);
	return NULL;
}

const struct pt_tx *pt_last(const struct pt_r *r, enum pim_type type,
			    int ifindex)
{
	size_t n = pt_ntx(r, type, ifindex);

	assert_true(n > 0);
	return pt_tx(r, type, ifindex, n - 1);
}

const struct pim_msg *pt_dec(struct pt *w, const struct pt_tx *tx)
{
	memset(w->m, 0, sizeof(*w->m));
	assert_int_equal(pim_pkt_decode(w->af, tx->buf, tx->len, &tx->src,
					&tx->dst, w->m),
			 PIM_PKT_OK);
	return w->m;
}

void pt_clear_tx(struct pt_r *r)
{
	r->ntx = 0;
}

bool pt_jp_has(const struct pim_msg *m, const char *grp, const char *src,
	       bool wc, bool rpt, bool join)
{
	struct net_addr g = node_tw_addr(grp);
	struct net_addr s;

	if (src)
		s = node_tw_addr(src);
	if (m->type != PIM_T_JOIN_PRUNE)
		return false;
	for (size_t i = 0; i < m->jp.ngroups; i++) {
		const struct pim_jp_group *gr = &m->jp.groups[i];
		size_t a = join ? 0 : gr->njoin;
		size_t b = join ? gr->njoin : (size_t)gr->njoin + gr->nprune;

		if (!net_addr_eq(&gr->group.addr, &g))
			continue;
		for (size_t k = a; k < b; k++) {
			const struct pim_esrc *e = &m->jp.srcs[gr->src0 + k];

			if (e->w_bit == wc && e->r_bit == rpt &&
			    (!src || net_addr_eq(&e->addr, &s)))
				return true;
		}
	}
	return false;
}

size_t pt_njp(struct pt *w, const struct pt_r *r, int ifindex, const char *grp,
	      const char *src, bool wc, bool rpt, bool join, sim_time_t since)
{
	size_t n = 0;

	for (size_t i = 0; i < r->ntx; i++) {
		const struct pt_tx *x = &r->tx[i];

		if (x->t < since || !pt_tx_match(x, PIM_T_JOIN_PRUNE, ifindex))
			continue;
		n += pt_jp_has(pt_dec(w, x), grp, src, wc, rpt, join);
	}
	return n;
}

sim_time_t pt_jp_time(struct pt *w, const struct pt_r *r, int ifindex,
		      const char *grp, const char *src, bool wc, bool rpt,
		      bool join, sim_time_t since)
{
	for (size_t i = 0; i < r->ntx; i++) {
		const struct pt_tx *x = &r->tx[i];

		if (x->t < since || !pt_tx_match(x, PIM_T_JOIN_PRUNE, ifindex))
			continue;
		if (pt_jp_has(pt_dec(w, x), grp, src, wc, rpt, join))
			return x->t;
	}
	return -1;
}

struct pt_mroute *pt_mr(struct pt_r *r, const char *src, const char *grp)
{
	struct net_addr s = { .af = NET_AF_NONE };
	struct net_addr g = node_tw_addr(grp);
	struct pt_mroute *m;

	if (src)
		s = node_tw_addr(src);
	m = pt_mr_find(r, &s, &g, false);
	return m && m->present ? m : NULL;
}

bool pt_mr_oifs(const struct pt_mroute *m, const int *v, size_t n)
{
	if (!m || m->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (m->oifs[i] != v[i])
			return false;
	return true;
}

/* ---- injection ---- */

void pt_inject(struct pt *w, int r, int ifindex, const char *from,
	       struct pim_msg *m)
{
	struct net_addr src = node_tw_addr(from);
	uint8_t buf[1600];
	int len;

	m->af = w->af;
	len = pim_pkt_encode(m, &src, pt_all(w), buf, sizeof(buf));
	assert_true(len > 0);
	memset(w->rx, 0, sizeof(*w->rx));
	assert_int_equal(
		pim_pkt_decode(w->af, buf, (size_t)len, &src, pt_all(w), w->rx),
		PIM_PKT_OK);
	pim_rx(w->r[r].p, ifindex, w->rx, &src, pt_all(w));
}

void pt_hello(struct pt *w, int r, int ifindex, const char *from,
	      sim_time_t hold, int64_t prio, uint32_t genid)
{
	struct pim_msg *m = w->im;

	memset(m, 0, sizeof(*m));
	m->type = PIM_T_HELLO;
	m->hello.has_holdtime = true;
	m->hello.holdtime = hold;
	m->hello.has_genid = true;
	m->hello.genid = genid;
	if (prio >= 0) {
		m->hello.has_dr_priority = true;
		m->hello.dr_priority = (uint32_t)prio;
	}
	pt_inject(w, r, ifindex, from, m);
}

void pt_assert(struct pt *w, int r, int ifindex, const char *from,
	       const char *grp, const char *src, bool rpt, uint32_t pref,
	       uint32_t metric)
{
	struct pim_msg *m = w->im;

	memset(m, 0, sizeof(*m));
	m->type = PIM_T_ASSERT;
	m->assert.group.addr = node_tw_addr(grp);
	m->assert.group.mask_len = w->af == NET_AF_IP6 ? 128 : 32;
	if (src) {
		m->assert.source = node_tw_addr(src);
	} else {
		m->assert.source.af = w->af;
	}
	m->assert.rpt_bit = rpt;
	m->assert.metric_pref = pref;
	m->assert.metric = metric;
	pt_inject(w, r, ifindex, from, m);
}

size_t pt_ip(struct pt *w, const char *src, const char *grp, uint8_t *buf,
	     size_t cap)
{
	struct net_addr s = node_tw_addr(src), g = node_tw_addr(grp);
	struct net_wr wr;
	size_t off, u;

	net_wr_init(&wr, buf, cap);
	if (w->af == NET_AF_IP6) {
		struct net_ipv6 h = { .hop_limit = 16,
				      .next_header = NET_IPPROTO_UDP };
		struct net_ip6 s6 = net_addr_ip6(&s), g6 = net_addr_ip6(&g);

		h.src = s6;
		h.dst = g6;
		off = net_ipv6_begin(&wr, &h);
		u = net_udp_begin(&wr, 5000, 5001);
		net_wr_bytes(&wr, "payload!", 8);
		assert_int_equal(net_udp6_end(&wr, u, &s6, &g6), 0);
		assert_int_equal(net_ipv6_end(&wr, off), 0);
	} else {
		struct net_ipv4 h = { .ttl = 16, .proto = NET_IPPROTO_UDP };
		struct net_ip4 s4 = net_addr_ip4(&s), g4 = net_addr_ip4(&g);

		h.src = s4;
		h.dst = g4;
		off = net_ipv4_begin(&wr, &h);
		u = net_udp_begin(&wr, 5000, 5001);
		net_wr_bytes(&wr, "payload!", 8);
		assert_int_equal(net_udp4_end(&wr, u, &s4, &g4), 0);
		assert_int_equal(net_ipv4_end(&wr, off), 0);
	}
	assert_false(wr.err);
	return wr.off;
}

void pt_nocache(struct pt *w, int r, int ifindex, const char *src,
		const char *grp)
{
	uint8_t buf[256];
	size_t n = pt_ip(w, src, grp, buf, sizeof(buf));
	struct net_addr s = node_tw_addr(src), g = node_tw_addr(grp);

	pim_data_nocache(w->r[r].p, ifindex, &s, &g, buf, n);
}

void pt_copy(struct pt *w, int r, int ifindex, const char *src, const char *grp)
{
	uint8_t buf[256];
	size_t n = pt_ip(w, src, grp, buf, sizeof(buf));
	struct net_addr s = node_tw_addr(src), g = node_tw_addr(grp);

	pim_data_copy(w->r[r].p, ifindex, &s, &g, buf, n);
}

void pt_member(struct pt *w, int r, int ifindex, const char *grp,
	       const char *src, bool include, bool present)
{
	struct net_addr g = node_tw_addr(grp);
	struct net_addr s = { .af = NET_AF_NONE };

	if (src)
		s = node_tw_addr(src);
	pim_local_member(w->r[r].p, ifindex, &g, &s, include, present);
}

struct pt_find {
	struct net_addr s, g;
	struct pim_entry_info *out;
	bool found;
	size_t n;
};

static void pt_find_cb(void *arg, const struct pim_entry_info *e)
{
	struct pt_find *f = arg;

	f->n++;
	if (net_addr_eq(&e->src, &f->s) && net_addr_eq(&e->grp, &f->g)) {
		*f->out = *e;
		f->found = true;
	}
}

bool pt_entry(struct pt_r *r, const char *src, const char *grp,
	      struct pim_entry_info *out)
{
	struct pt_find f = { .g = node_tw_addr(grp), .out = out };

	f.s.af = NET_AF_NONE;
	if (src)
		f.s = node_tw_addr(src);
	pim_each_entry(r->p, pt_find_cb, &f);
	return f.found;
}

size_t pt_nentries(struct pt_r *r)
{
	struct pim_entry_info in;
	struct pt_find f = { .out = &in };

	pim_each_entry(r->p, pt_find_cb, &f);
	return f.n;
}

size_t pt_log(struct pt *w, int r, const char *event)
{
	return node_tw_count(w->w, w->r[r].node.name,
			     w->af == NET_AF_IP6 ? "pim6" : "pim", event);
}

const struct node_tw_rec *pt_log_nth(struct pt *w, int r, const char *event,
				     size_t nth)
{
	return node_tw_find(w->w, w->r[r].node.name,
			    w->af == NET_AF_IP6 ? "pim6" : "pim", event, nth);
}
