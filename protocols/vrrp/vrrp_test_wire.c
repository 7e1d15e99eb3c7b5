/*
 * The test wire of the VRRP state machine tests (see vrrp_test_wire.h):
 * the per-receiver FIFOs, the group ops that record and broadcast, the
 * listener that records transitions, configurations, and the Skew_Time
 * and Master_Down_Interval formulas written out independently of vrrp.c
 * (RFC 5798 section 6.1, RFC 3768 section 6.1).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/vrrp/vrrp_test_wire.h"

static const char *const vt_names[VT_MAX_ENDS] = { "A", "B", "C" };

sim_time_t vt_skew(uint8_t version, uint8_t prio, sim_time_t master_ival)
{
	if (version == 2) /* (256 - Priority) / 256 seconds */
		return (256 - prio) * SIM_S(1) / 256;
	return (256 - prio) * master_ival / 256;
}

sim_time_t vt_mdi(uint8_t version, uint8_t prio, sim_time_t master_ival)
{
	return 3 * master_ival + vt_skew(version, prio, master_ival);
}

/* Deliver one advert to e, through the codec if the wire asks. */
static void vt_deliver(struct vt_end *e, int from, const struct vrrp_adv *a)
{
	const struct net_addr *src = &e->h->e[from].cfg.primary;
	const struct net_addr *dst =
		a->af == NET_AF_IP6 ? &vrrp_group6 : &vrrp_group4;
	uint8_t buf[512];
	struct vrrp_adv d;
	int len;

	e->last_rx = sim_now(e->h->w->eng);
	if (!e->h->codec) {
		vrrp_group_rx(e->g, a, src);
		return;
	}
	len = vrrp_pkt_encode(a, src, dst, buf, sizeof(buf));
	assert_true(len > 0);
	memset(&d, 0, sizeof(d));
	assert_int_equal(vrrp_pkt_decode(buf, (size_t)len, src, dst, &d),
			 VRRP_PKT_OK);
	vrrp_group_rx(e->g, &d, src);
}

static void vt_q_fire(struct sim_timer *t)
{
	struct vt_end *e = sim_container_of(t, struct vt_end, qt);
	sim_time_t now = sim_now(e->h->w->eng);

	while (e->qn && e->q[e->qhead].at <= now) {
		size_t i = e->qhead;

		e->qhead = (e->qhead + 1) % VT_WQ_CAP;
		e->qn--;
		vt_deliver(e, e->q[i].from, &e->q[i].a);
	}
	if (e->qn)
		sim_timer_arm(t, e->q[e->qhead].at);
}

static void vt_q_put(struct vt_end *e, int from, const struct vrrp_adv *a)
{
	size_t i = (e->qhead + e->qn) % VT_WQ_CAP;

	assert_true(e->qn < VT_WQ_CAP);
	e->q[i].at = sim_now(e->h->w->eng) + VT_DELAY;
	e->q[i].from = from;
	e->q[i].a = *a;
	e->qn++;
	if (!sim_timer_armed(&e->qt))
		sim_timer_arm(&e->qt, e->q[e->qhead].at);
}

struct vrrp_adv vt_adv(const struct vt_end *e, uint8_t prio)
{
	const struct vrrp_group_cfg *c = e->g ? vrrp_group_cfg(e->g) : &e->cfg;
	struct vrrp_adv a;

	memset(&a, 0, sizeof(a));
	a.version = c->version;
	a.type = VRRP_TYPE_ADVERT;
	a.vrid = c->vrid;
	a.priority = prio;
	a.af = c->af;
	a.adver_int = c->adver_int;
	a.naddrs = (uint8_t)c->nvaddrs;
	memcpy(a.addrs, c->vaddrs, sizeof(a.addrs[0]) * c->nvaddrs);
	if (c->version == 2) {
		a.auth_type = c->auth_type;
		memcpy(a.auth_data, c->auth_key, VRRP_V2_AUTH_LEN);
	}
	return a;
}

static int t_send(void *ctx, struct vrrp_group *g, uint8_t prio)
{
	struct vt_end *e = ctx;
	struct vt *h = e->h;
	struct vrrp_adv a;

	assert_ptr_equal(g, e->g);
	if (e->nsent == e->capsent) {
		e->capsent = e->capsent ? e->capsent * 2 : 64;
		e->sent = realloc(e->sent, e->capsent * sizeof(*e->sent));
		assert_non_null(e->sent);
	}
	e->sent[e->nsent++] = (struct vt_sent){ sim_now(h->w->eng), prio };
	if (h->send_ret)
		return h->send_ret;
	a = vt_adv(e, prio);
	for (int i = 0; i < h->n; i++)
		if (i != e->idx && h->e[i].g && !h->cut[e->idx][i])
			vt_q_put(&h->e[i], e->idx, &a);
	return 0;
}

static void t_enter(void *ctx, struct vrrp_group *g)
{
	struct vt_end *e = ctx;

	/* Called in the new state (vrrp.c). */
	assert_int_equal(vrrp_group_state(g), VRRP_STATE_MASTER);
	e->enters++;
}

static void t_leave(void *ctx, struct vrrp_group *g)
{
	struct vt_end *e = ctx;

	/* Called once the state has changed (vrrp.c). */
	assert_int_not_equal(vrrp_group_state(g), VRRP_STATE_MASTER);
	e->leaves++;
}

const struct vrrp_group_ops vt_ops = {
	.send_adv = t_send,
	.master_enter = t_enter,
	.master_leave = t_leave,
};
static const struct node_ops vt_node_ops = { .kind_name = "vrrptest" };

static void t_listen(void *arg, struct vrrp_group *g, enum vrrp_state o,
		     enum vrrp_state n)
{
	struct vt_end *e = arg;

	assert_ptr_equal(g, e->g);
	assert_int_equal(vrrp_group_state(g), n);
	assert_true(e->ntr < VT_MAX_TR);
	e->tr[e->ntr++] = (struct vt_tr){ sim_now(e->h->w->eng), o, n };
}

static struct vrrp_group_cfg vt_cfg_base(int idx, uint8_t prio, sim_time_t ival)
{
	struct vrrp_group_cfg c;

	memset(&c, 0, sizeof(c));
	snprintf(c.name, sizeof(c.name), "Vlanif10 1 %s", vt_names[idx]);
	c.vrid = 1;
	c.version = 3;
	c.af = NET_AF_IP4;
	c.priority = prio;
	c.adver_int = ival;
	c.preempt = true;
	c.nvaddrs = 1;
	return c;
}

struct vrrp_group_cfg vt_cfg(int idx, uint8_t prio, sim_time_t ival)
{
	struct vrrp_group_cfg c = vt_cfg_base(idx, prio, ival);
	char buf[32];

	snprintf(buf, sizeof(buf), "10.0.0.%d", idx + 1);
	c.primary = node_tw_addr(buf);
	c.vaddrs[0] = node_tw_addr("10.0.0.254");
	return c;
}

struct vrrp_group_cfg vt_cfg2(int idx, uint8_t prio, sim_time_t ival)
{
	struct vrrp_group_cfg c = vt_cfg(idx, prio, ival);

	c.version = 2;
	return c;
}

struct vrrp_group_cfg vt_cfg6(int idx, uint8_t prio, sim_time_t ival)
{
	struct vrrp_group_cfg c = vt_cfg_base(idx, prio, ival);
	char buf[32];

	c.af = NET_AF_IP6;
	snprintf(buf, sizeof(buf), "fe80::%d", idx + 1);
	c.primary = node_tw_addr(buf);
	c.vaddrs[0] = node_tw_addr("2001:db8::fe");
	return c;
}

struct vt *vt_new_seed(int n, const struct vrrp_group_cfg *cfgs, uint64_t seed)
{
	struct vt *h = calloc(1, sizeof(*h));

	assert_non_null(h);
	assert_true(n >= 1 && n <= VT_MAX_ENDS);
	h->w = node_tw_new(seed);
	h->n = n;
	for (int i = 0; i < n; i++) {
		struct vt_end *e = &h->e[i];

		e->h = h;
		e->idx = i;
		e->last_rx = -1;
		e->cfg = cfgs[i];
		node_init(&e->node, &vt_node_ops, NODE_ROUTER, vt_names[i],
			  &h->w->env);
		assert_int_equal(sim_timer_init(h->w->eng, &e->qt, vt_q_fire),
				 0);
		e->g = vrrp_group_new(&e->node, &cfgs[i], &vt_ops, e);
		assert_non_null(e->g);
		assert_int_equal(vrrp_group_listen(e->g, t_listen, e), 0);
	}
	return h;
}

struct vt *vt_new(int n, const struct vrrp_group_cfg *cfgs)
{
	return vt_new_seed(n, cfgs, 1);
}

void vt_free(struct vt *h)
{
	for (int i = 0; i < h->n; i++) {
		vrrp_group_free(h->e[i].g);
		sim_timer_fini(&h->e[i].qt);
		node_fini(&h->e[i].node);
		free(h->e[i].sent);
	}
	assert_true(node_tw_free(h->w));
	free(h);
}

void vt_run_to(struct vt *h, sim_time_t t)
{
	sim_engine_run(h->w->eng, t);
}

void vt_start(struct vt *h, int i)
{
	vrrp_group_startup(h->e[i].g);
}

void vt_isolate(struct vt *h, int i, bool cut)
{
	for (int j = 0; j < VT_MAX_ENDS; j++) {
		h->cut[i][j] = cut;
		h->cut[j][i] = cut;
	}
}

struct vrrp_group_info vt_info(const struct vt_end *e)
{
	struct vrrp_group_info in;

	vrrp_group_info(e->g, &in);
	return in;
}

void vt_assert_tr(const struct vt_end *e, size_t i, sim_time_t t,
		  enum vrrp_state o, enum vrrp_state n)
{
	assert_true(i < e->ntr);
	assert_int_equal(e->tr[i].t, t);
	assert_int_equal(e->tr[i].old_state, o);
	assert_int_equal(e->tr[i].new_state, n);
}

const struct vt_sent *vt_sent_after(const struct vt_end *e, sim_time_t t)
{
	for (size_t i = 0; i < e->nsent; i++)
		if (e->sent[i].t >= t)
			return &e->sent[i];
	fail_msg("no advert after %lld", (long long)t);
	return NULL;
}

const struct vt_sent *vt_sent_before(const struct vt_end *e, sim_time_t t)
{
	for (size_t i = e->nsent; i-- > 0;)
		if (e->sent[i].t < t)
			return &e->sent[i];
	fail_msg("no advert before %lld", (long long)t);
	return NULL;
}

void vt_inject(struct vt_end *e, const struct vrrp_adv *a,
	       const struct net_addr *src)
{
	e->last_rx = sim_now(e->h->w->eng);
	vrrp_group_rx(e->g, a, src);
}

void vt_assert_field(const struct vt *h, const char *node, const char *ev,
		     size_t nth, const char *key, const char *want)
{
	const struct node_tw_rec *r = node_tw_find(h->w, node, "vrrp", ev, nth);
	char buf[64];

	assert_non_null(r);
	if (!want) {
		assert_false(node_tw_field(r, key, NULL, 0));
		return;
	}
	assert_true(node_tw_field(r, key, buf, sizeof(buf)));
	assert_string_equal(buf, want);
}
