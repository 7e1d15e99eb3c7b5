/*
 * The programming queue: the only way the control plane changes the
 * ASIC's tables. Writes are queued with a cost from the profile and served
 * in batches. A batch starts when the queue is idle and work is queued (at
 * the end of the current event, through a zero-delay timer, so writes
 * queued at the same instant share it) and takes every write queued at
 * that moment; it costs batch_overhead, then each write its own cost in
 * order, and each write becomes visible at batch start + overhead +
 * cumulative cost. Writes queued during a batch wait for the next one,
 * which starts when the current batch ends. Each completed write is
 * logged and reported through ops->programmed. No RFC is implemented here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/asic/asic_int.h"

#define KEY_MAX 160

static void wq_push(struct asic_wq *q, struct asic_write *w)
{
	w->next = NULL;
	if (q->tail)
		q->tail->next = w;
	else
		q->head = w;
	q->tail = w;
	q->n++;
}

static struct asic_write *wq_pop(struct asic_wq *q)
{
	struct asic_write *w = q->head;

	if (!w)
		return NULL;
	q->head = w->next;
	if (!q->head)
		q->tail = NULL;
	q->n--;
	w->next = NULL;
	return w;
}

static void write_free(struct asic_write *w)
{
	free(w->oifs);
	free(w);
}

static void wq_drain(struct asic_wq *q)
{
	struct asic_write *w;

	while ((w = wq_pop(q)) != NULL)
		write_free(w);
}

static void prog_fire(struct sim_timer *t);

int asic_prog_init(struct asic *a)
{
	return sim_timer_init(a->eng, &a->prog_timer, prog_fire);
}

void asic_prog_clear(struct asic *a)
{
	sim_timer_cancel(&a->prog_timer);
	wq_drain(&a->pending);
	wq_drain(&a->batch);
	a->pending_cost = 0;
}

void asic_prog_fini(struct asic *a)
{
	asic_prog_clear(a);
	sim_timer_fini(&a->prog_timer);
}

/* ---- keys for logs ---- */

static void fmt_sg(char *buf, size_t len, const struct net_addr *src,
		   const struct net_addr *grp)
{
	char s[NET_ADDR_STRLEN], g[NET_ADDR_STRLEN];

	if (src->af == NET_AF_NONE)
		snprintf(s, sizeof(s), "*");
	else
		net_addr_fmt(src, s, sizeof(s));
	net_addr_fmt(grp, g, sizeof(g));
	snprintf(buf, len, "(%s,%s)", s, g);
}

static void write_key(const struct asic_write *w, char *buf, size_t len)
{
	char x[NET_PREFIX_STRLEN], m[NET_MAC_STRLEN],
		sg[2 * NET_ADDR_STRLEN + 4];

	switch (w->table) {
	case ASIC_TBL_FIB:
		net_prefix_fmt(&w->prefix, buf, len);
		return;
	case ASIC_TBL_ADJ:
		net_addr_fmt(&w->a1, x, sizeof(x));
		snprintf(buf, len, "if %d %s", w->ifindex, x);
		return;
	case ASIC_TBL_MFIB:
		fmt_sg(sg, sizeof(sg), &w->a1, &w->a2);
		if (w->mop == ASIC_MOP_IIF)
			snprintf(buf, len, "%s iif %d", sg, w->ifindex);
		else if (w->mop == ASIC_MOP_SET &&
			 (w->mflags & ASIC_MFIB_CPU_COPY))
			snprintf(buf, len, "%s cpu-copy", sg);
		else
			snprintf(buf, len, "%s", sg);
		return;
	case ASIC_TBL_OIF:
		fmt_sg(sg, sizeof(sg), &w->a1, &w->a2);
		snprintf(buf, len, "%s oif %d", sg, w->ifindex);
		return;
	case ASIC_TBL_MAC:
		net_mac_fmt(&w->mac, m, sizeof(m));
		snprintf(buf, len, "if %d %s", w->ifindex, m);
		return;
	case ASIC_TBL_MCAST_EN:
	case ASIC_TBL__COUNT:
		break;
	}
	snprintf(buf, len, "if %d", w->ifindex);
}

/* ---- batches ---- */

static void batch_start(struct asic *a)
{
	sim_time_t t = sim_now(a->eng) + a->prof.batch_overhead;

	a->batch = a->pending;
	a->pending = (struct asic_wq){ 0 };
	a->pending_cost = 0;
	for (struct asic_write *w = a->batch.head; w; w = w->next) {
		t += w->cost;
		w->done = t;
	}
	a->cnt.prog_batches++;
	sim_timer_arm(&a->prog_timer, a->batch.head->done);
}

static void write_complete(struct asic *a, struct asic_write *w)
{
	char key[KEY_MAX];
	struct sim_log_rec r;
	struct asic_prog_done d;
	bool applied = asic_tables_apply(a, w);

	a->prog_done_seq = w->seq;
	a->cnt.prog_writes[w->table]++;
	write_key(w, key, sizeof(key));
	sim_log_begin(&r, a->log, w->done, a->node, "asic", "programmed");
	sim_log_str(&r, "table", asic_table_name(w->table));
	sim_log_str(&r, "op", w->add ? "add" : "del");
	sim_log_str(&r, "key", key);
	sim_log_uint(&r, "seq", w->seq);
	sim_log_bool(&r, "applied", applied);
	sim_log_time(&r, "queued_ns", w->queued);
	sim_log_time(&r, "latency_ns", w->done - w->queued);
	sim_log_end(&r);
	d = (struct asic_prog_done){
		.seq = w->seq,
		.table = w->table,
		.add = w->add,
		.applied = applied,
		.queued = w->queued,
		.done = w->done,
		.key = key,
	};
	if (a->ops.programmed)
		a->ops.programmed(a->ctx, &d);
}

/*
 * One timer serves the queue: with an empty batch it starts one; else it
 * completes the head write (one per firing, re-armed, so callbacks may
 * queue or reset freely). When a batch ends with writes pending, the next
 * batch starts at the end of this instant.
 */
static void prog_fire(struct sim_timer *t)
{
	struct asic *a = sim_container_of(t, struct asic, prog_timer);
	struct asic_write *w;

	if (!a->batch.head) {
		if (a->pending.head)
			batch_start(a);
		return;
	}
	w = wq_pop(&a->batch);
	if (a->batch.head)
		sim_timer_arm(t, a->batch.head->done);
	else if (a->pending.head)
		sim_timer_arm(t, w->done);
	write_complete(a, w);
	write_free(w);
}

static uint64_t enqueue(struct asic *a, struct asic_write *w, sim_time_t cost)
{
	w->seq = ++a->prog_seq;
	w->queued = sim_now(a->eng);
	w->cost = cost;
	wq_push(&a->pending, w);
	a->pending_cost += cost;
	if (!a->batch.head && !sim_timer_armed(&a->prog_timer))
		sim_timer_arm(&a->prog_timer, w->queued);
	return w->seq;
}

static struct asic_write *write_new(enum asic_table table, bool add)
{
	struct asic_write *w = calloc(1, sizeof(*w));

	if (w) {
		w->table = table;
		w->add = add;
	}
	return w;
}

size_t asic_prog_depth(const struct asic *a)
{
	return a->pending.n + a->batch.n;
}

sim_time_t asic_prog_idle_at(const struct asic *a)
{
	sim_time_t base = sim_now(a->eng);

	if (a->batch.tail)
		base = a->batch.tail->done;
	if (a->pending.head)
		base += a->prof.batch_overhead + a->pending_cost;
	return base;
}

uint64_t asic_prog_last_done(const struct asic *a)
{
	return a->prog_done_seq;
}

/* ---- argument checks ---- */

static bool addr_ok(const struct net_addr *x)
{
	return x && (x->af == NET_AF_IP4 || x->af == NET_AF_IP6);
}

static bool prefix_ok(const struct net_prefix *p)
{
	return p && rt_lpm_prefix_valid(p);
}

static bool sg_ok(const struct net_addr *src, const struct net_addr *grp,
		  struct net_addr *s)
{
	if (!addr_ok(grp) || !net_addr_is_multicast(grp))
		return false;
	if (!src || net_addr_is_unspec(src)) {
		asic_star_src(s);
		return true;
	}
	if (src->af != grp->af || net_addr_is_multicast(src))
		return false;
	*s = *src;
	return true;
}

/* ---- the programming calls ---- */

uint64_t asic_prog_fib(struct asic *a, const struct net_prefix *p,
		       const struct asic_fib_entry *e)
{
	struct asic_write *w;

	if (!prefix_ok(p))
		return 0;
	if (e) {
		switch (e->kind) {
		case ASIC_FIB_VIA:
			if (!addr_ok(&e->nexthop) ||
			    e->nexthop.af != p->addr.af)
				return 0;
			/* fall through */
		case ASIC_FIB_ATTACHED:
			if (!asic_port_get(a, e->ifindex))
				return 0;
			break;
		case ASIC_FIB_RECEIVE:
		case ASIC_FIB_DROP:
			break;
		default:
			return 0;
		}
	}
	w = write_new(ASIC_TBL_FIB, e != NULL);
	if (!w)
		return 0;
	w->prefix = *p;
	if (e)
		w->fib = *e;
	return enqueue(a, w, a->prof.fib_write);
}

uint64_t asic_prog_adj(struct asic *a, int ifindex, const struct net_addr *ip,
		       const struct net_mac *mac)
{
	struct asic_write *w;

	if (!asic_port_get(a, ifindex) || !addr_ok(ip))
		return 0;
	w = write_new(ASIC_TBL_ADJ, mac != NULL);
	if (!w)
		return 0;
	w->ifindex = ifindex;
	w->a1 = *ip;
	if (mac)
		w->mac = *mac;
	return enqueue(a, w, a->prof.adj_write);
}

static int int_cmp(const void *x, const void *y)
{
	int p = *(const int *)x, q = *(const int *)y;

	return p < q ? -1 : p > q;
}

uint64_t asic_prog_mfib(struct asic *a, const struct net_addr *src,
			const struct net_addr *grp, int iif, const int *oifs,
			size_t n)
{
	return asic_prog_mfib_flags(a, src, grp, iif, oifs, n, 0);
}

uint64_t asic_prog_mfib_flags(struct asic *a, const struct net_addr *src,
			      const struct net_addr *grp, int iif,
			      const int *oifs, size_t n, unsigned flags)
{
	struct asic_write *w;
	struct net_addr s;
	size_t k = 0;

	if (!sg_ok(src, grp, &s) || (n && !oifs) || n > ASIC_MAX_PORTS ||
	    (flags & ~ASIC_MFIB_FLAGS) ||
	    (iif != ASIC_IFINDEX_NONE && !asic_port_get(a, iif)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!asic_port_get(a, oifs[i]))
			return 0;
	w = write_new(ASIC_TBL_MFIB, true);
	if (!w)
		return 0;
	if (n) {
		w->oifs = malloc(n * sizeof(int));
		if (!w->oifs) {
			free(w);
			return 0;
		}
		memcpy(w->oifs, oifs, n * sizeof(int));
		qsort(w->oifs, n, sizeof(int), int_cmp);
		for (size_t i = 0; i < n; i++)
			if (k == 0 || w->oifs[k - 1] != w->oifs[i])
				w->oifs[k++] = w->oifs[i];
	}
	w->noifs = k;
	w->mflags = flags;
	w->mop = ASIC_MOP_SET;
	w->ifindex = iif;
	w->a1 = s;
	w->a2 = *grp;
	return enqueue(a, w,
		       a->prof.mfib_write + (sim_time_t)k * a->prof.oif_write);
}

static uint64_t mfib_op(struct asic *a, const struct net_addr *src,
			const struct net_addr *grp, enum asic_mfib_op op,
			int iif)
{
	struct asic_write *w;
	struct net_addr s;

	if (!sg_ok(src, grp, &s))
		return 0;
	w = write_new(ASIC_TBL_MFIB, op == ASIC_MOP_IIF);
	if (!w)
		return 0;
	w->mop = op;
	w->ifindex = iif;
	w->a1 = s;
	w->a2 = *grp;
	return enqueue(a, w, a->prof.mfib_write);
}

uint64_t asic_prog_mfib_del(struct asic *a, const struct net_addr *src,
			    const struct net_addr *grp)
{
	return mfib_op(a, src, grp, ASIC_MOP_DEL, ASIC_IFINDEX_NONE);
}

uint64_t asic_prog_mfib_iif(struct asic *a, const struct net_addr *src,
			    const struct net_addr *grp, int iif)
{
	if (iif != ASIC_IFINDEX_NONE && !asic_port_get(a, iif))
		return 0;
	return mfib_op(a, src, grp, ASIC_MOP_IIF, iif);
}

uint64_t asic_prog_oif(struct asic *a, const struct net_addr *src,
		       const struct net_addr *grp, int ifindex, bool add)
{
	struct asic_write *w;
	struct net_addr s;

	if (!sg_ok(src, grp, &s) || !asic_port_get(a, ifindex))
		return 0;
	w = write_new(ASIC_TBL_OIF, add);
	if (!w)
		return 0;
	w->ifindex = ifindex;
	w->a1 = s;
	w->a2 = *grp;
	return enqueue(a, w, a->prof.oif_write);
}

uint64_t asic_prog_mac(struct asic *a, int ifindex, const struct net_mac *mac,
		       bool add)
{
	struct asic_write *w;

	if (!asic_port_get(a, ifindex) || !mac || net_mac_is_multicast(mac))
		return 0;
	w = write_new(ASIC_TBL_MAC, add);
	if (!w)
		return 0;
	w->ifindex = ifindex;
	w->mac = *mac;
	return enqueue(a, w, a->prof.adj_write);
}

uint64_t asic_prog_mcast_enable(struct asic *a, int ifindex, bool on)
{
	struct asic_write *w;

	if (!asic_port_get(a, ifindex))
		return 0;
	w = write_new(ASIC_TBL_MCAST_EN, on);
	if (!w)
		return 0;
	w->ifindex = ifindex;
	return enqueue(a, w, a->prof.oif_write);
}
