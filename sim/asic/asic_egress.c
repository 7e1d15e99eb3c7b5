/*
 * The egress side of the pipeline: every frame that will leave the ASIC
 * (forwarded, replicated or injected by the CPU) waits in one binary heap
 * ordered by (departure time, arrival order) with a single timer, so frames
 * leave in time order even when multicast replication of one packet
 * interleaves with the next packet, and equal times keep arrival order
 * (deterministic). At departure a frame whose port is down (admin or
 * carrier) is dropped and counted; otherwise it goes to ops->tx. No RFC is
 * implemented here.
 */
#include <stdlib.h>

#include "sim/asic/asic_int.h"

static bool eg_before(const struct asic_egress *x, const struct asic_egress *y)
{
	return x->t < y->t || (x->t == y->t && x->seq < y->seq);
}

static void eg_swap(struct asic_egress *v, size_t i, size_t j)
{
	struct asic_egress t = v[i];

	v[i] = v[j];
	v[j] = t;
}

static void eg_up(struct asic_egress *v, size_t i)
{
	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (!eg_before(&v[i], &v[parent]))
			break;
		eg_swap(v, i, parent);
		i = parent;
	}
}

static void eg_down(struct asic_egress *v, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < n && eg_before(&v[l], &v[m]))
			m = l;
		if (r < n && eg_before(&v[r], &v[m]))
			m = r;
		if (m == i)
			return;
		eg_swap(v, i, m);
		i = m;
	}
}

static struct net_frame *eg_pop(struct asic *a)
{
	struct net_frame *f;

	if (a->neg == 0)
		return NULL;
	f = a->eg[0].f;
	a->eg[0] = a->eg[--a->neg];
	eg_down(a->eg, a->neg, 0);
	return f;
}

static void eg_fire(struct sim_timer *t);

int asic_egress_init(struct asic *a)
{
	return sim_timer_init(a->eng, &a->eg_timer, eg_fire);
}

void asic_egress_clear(struct asic *a)
{
	struct net_frame *f;

	sim_timer_cancel(&a->eg_timer);
	while ((f = eg_pop(a)) != NULL)
		asic_drop_frame(a, f->ifindex, ASIC_DROP_RESET, f);
}

void asic_egress_fini(struct asic *a)
{
	asic_egress_clear(a);
	free(a->eg);
	a->eg = NULL;
	a->capeg = 0;
	sim_timer_fini(&a->eg_timer);
}

void asic_egress_push(struct asic *a, struct net_frame *f, sim_time_t t,
		      enum asic_egress_kind kind)
{
	if (a->neg == a->capeg) {
		size_t cap = a->capeg ? a->capeg * 2 : 64;
		struct asic_egress *v = realloc(a->eg, cap * sizeof(*v));

		if (!v) {
			asic_drop_frame(a, f->ifindex, ASIC_DROP_NO_BUFFER, f);
			return;
		}
		a->eg = v;
		a->capeg = cap;
	}
	f->reason = (uint16_t)kind;
	f->t = t;
	a->eg[a->neg] =
		(struct asic_egress){ .t = t, .seq = a->eg_seq++, .f = f };
	eg_up(a->eg, a->neg++);
	if (a->eg[0].f == f)
		sim_timer_arm(&a->eg_timer, t);
}

static void eg_fire(struct sim_timer *t)
{
	struct asic *a = sim_container_of(t, struct asic, eg_timer);
	struct asic_port *p;
	struct net_frame *f;
	int ifindex;

	if (a->neg == 0)
		return;
	if (a->eg[0].t > sim_now(a->eng)) {
		sim_timer_arm(t, a->eg[0].t);
		return;
	}
	f = eg_pop(a);
	if (a->neg)
		sim_timer_arm(t, a->eg[0].t);
	ifindex = f->ifindex;
	if ((enum asic_egress_kind)f->reason == ASIC_EG_OFFLOAD) {
		asic_offload_deliver(a, f);
		return;
	}
	p = asic_port_get(a, ifindex);
	if (!p || !p->admin || !p->carrier) {
		asic_drop_frame(a, ifindex, ASIC_DROP_EGRESS_DOWN, f);
		return;
	}
	switch ((enum asic_egress_kind)f->reason) {
	case ASIC_EG_FWD:
		p->cnt.forwarded++;
		a->cnt.all.forwarded++;
		break;
	case ASIC_EG_REPL:
		p->cnt.replicated++;
		a->cnt.all.replicated++;
		break;
	case ASIC_EG_INJECT:
	case ASIC_EG_OFFLOAD:
		p->cnt.injected++;
		a->cnt.all.injected++;
		break;
	}
	f->reason = 0;
	f->t = sim_now(a->eng);
	if (a->ops.tx)
		a->ops.tx(a->ctx, ifindex, f);
	else
		net_frame_free(a->pool, f);
}
