/*
 * Join/Prune transmission (RFC 7761 4.5.5 and the format of 4.9.5). The
 * state machines queue single Joins and Prunes while an event is
 * processed; when the outermost entry point returns, the queue is packed
 * into as few messages as fit a 1500-byte frame: one message stream per
 * (interface, upstream neighbor), groups in address order, each group's
 * joined then pruned sources. A later entry for the same (S,G) flags
 * replaces an earlier one. When one group does not fit a message its
 * Join(*,G) is repeated in every part, so the (S,G,rpt) prunes that go
 * with it are read as 4.5.4 intends. The upstream neighbor learns of us
 * first: a Hello goes out before the first J/P on an interface that has
 * not sent one with its current address (4.3.1).
 */
#include <stdlib.h>
#include <string.h>

#include "protocols/pim/pim_int.h"

void pim_jpq_add(struct pim *p, int ifindex, const struct net_addr *nbr,
		 const struct net_addr *grp, const struct net_addr *src,
		 bool wc, bool rpt, bool join)
{
	struct pim_jpq *q;

	for (size_t i = 0; i < p->njpq; i++) {
		q = &p->jpq[i];
		if (q->ifindex == ifindex && q->wc == wc && q->rpt == rpt &&
		    net_addr_eq(&q->nbr, nbr) && net_addr_eq(&q->grp, grp) &&
		    net_addr_eq(&q->src, src)) {
			q->join = join;
			return;
		}
	}
	if (p->njpq == p->capjpq) {
		size_t cap = p->capjpq ? 2 * p->capjpq : 32;
		void *v = realloc(p->jpq, cap * sizeof(*p->jpq));

		if (!v) {
			p->st.tx_fail++;
			return;
		}
		p->jpq = v;
		p->capjpq = cap;
	}
	q = &p->jpq[p->njpq++];
	memset(q, 0, sizeof(*q));
	q->ifindex = ifindex;
	q->nbr = *nbr;
	q->grp = *grp;
	q->src = *src;
	q->wc = wc;
	q->rpt = rpt;
	q->join = join;
	q->seq = p->jpq_seq++;
}

static int pim_jpq_cmp(const void *x, const void *y)
{
	const struct pim_jpq *a = x, *b = y;
	int c;

	if (a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	c = net_addr_cmp(&a->nbr, &b->nbr);
	if (c)
		return c;
	c = net_addr_cmp(&a->grp, &b->grp);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Message sizes (4.9.1, 4.9.5): fixed part, per group, per source. */
struct pim_jpsz {
	size_t fixed, group, source, max;
};

static struct pim_jpsz pim_jp_sizes(const struct pim *p)
{
	struct pim_jpsz z;

	if (p->cfg.af == NET_AF_IP6) {
		z.fixed = 4 + 18 + 4;
		z.group = 20 + 4;
		z.source = 20;
		z.max = PIM_LINK_MTU - 40;
	} else {
		z.fixed = 4 + 6 + 4;
		z.group = 8 + 4;
		z.source = 8;
		z.max = PIM_LINK_MTU - 20;
	}
	return z;
}

struct pim_jpb {
	struct pim *p;
	struct pim_if *pif;
	struct pim_jpsz z;
	size_t size;
};

static void pim_jpb_reset(struct pim_jpb *b, const struct net_addr *nbr)
{
	struct pim_jp *jp = &b->p->txm->jp;

	b->p->txm->type = PIM_T_JOIN_PRUNE;
	b->p->txm->flags = 0;
	jp->upstream = *nbr;
	jp->holdtime = b->pif->cfg.jp_holdtime;
	jp->ngroups = 0;
	jp->nsrcs = 0;
	b->size = b->z.fixed;
}

static void pim_jpb_send(struct pim_jpb *b, const struct net_addr *nbr)
{
	if (b->p->txm->jp.ngroups && pim_tx_link(b->p, b->pif) == 0)
		b->pif->jp_tx++;
	pim_jpb_reset(b, nbr);
}

/* Sources that still fit with one more group record. */
static size_t pim_jpb_room(const struct pim_jpb *b)
{
	const struct pim_jp *jp = &b->p->txm->jp;
	size_t n;

	if (jp->ngroups >= PIM_MAX_JP_GROUPS ||
	    b->size + b->z.group + b->z.source > b->z.max)
		return 0;
	n = (b->z.max - b->size - b->z.group) / b->z.source;
	if (n > PIM_MAX_JP_SOURCES - jp->nsrcs)
		n = PIM_MAX_JP_SOURCES - jp->nsrcs;
	return n;
}

static void pim_jpb_src(struct pim_jpb *b, const struct pim_jpq *q)
{
	struct pim_jp *jp = &b->p->txm->jp;
	struct pim_esrc *s = &jp->srcs[jp->nsrcs++];
	uint8_t full = b->p->cfg.af == NET_AF_IP6 ? 128 : 32;

	memset(s, 0, sizeof(*s));
	s->addr = q->src;
	s->mask_len = full;
	s->s_bit = true;
	s->w_bit = q->wc;
	s->r_bit = q->rpt;
	b->size += b->z.source;
}

/* One group record with items v[0..n) (joins first), plus the group's
 * Join(*,G) star when it is repeated. */
static void pim_jpb_group(struct pim_jpb *b, const struct pim_jpq *star,
			  const struct pim_jpq *const *v, size_t n)
{
	struct pim_jp *jp = &b->p->txm->jp;
	struct pim_jp_group *gr = &jp->groups[jp->ngroups++];
	uint8_t full = b->p->cfg.af == NET_AF_IP6 ? 128 : 32;

	memset(gr, 0, sizeof(*gr));
	gr->group.addr = v[0]->grp;
	gr->group.mask_len = full;
	gr->src0 = jp->nsrcs;
	b->size += b->z.group;
	if (star) {
		pim_jpb_src(b, star);
		gr->njoin++;
	}
	for (size_t i = 0; i < n; i++)
		if (v[i]->join) {
			pim_jpb_src(b, v[i]);
			gr->njoin++;
		}
	for (size_t i = 0; i < n; i++)
		if (!v[i]->join) {
			pim_jpb_src(b, v[i]);
			gr->nprune++;
		}
}

/* Emit the items q[0..n) of one group (joins before prunes). */
static void pim_jpb_emit(struct pim_jpb *b, const struct pim_jpq *q, size_t n,
			 const struct pim_jpq **v)
{
	const struct pim_jpq *star = NULL;
	const struct net_addr *nbr = &q[0].nbr;
	size_t k = 0, nv = 0;

	/* The Join(*,G) first, so later parts know it went out. */
	for (size_t i = 0; i < n; i++)
		if (q[i].join && q[i].wc && !star)
			v[nv++] = star = &q[i];
	for (size_t i = 0; i < n; i++)
		if (q[i].join && &q[i] != star)
			v[nv++] = &q[i];
	for (size_t i = 0; i < n; i++)
		if (!q[i].join)
			v[nv++] = &q[i];
	while (k < nv) {
		bool rep = star && k > 0;
		size_t room = pim_jpb_room(b), take;

		if (room < (rep ? 2u : 1u)) {
			if (!b->p->txm->jp.ngroups)
				return; /* cannot happen with sane sizes */
			pim_jpb_send(b, nbr);
			continue;
		}
		take = room - (rep ? 1 : 0);
		if (take > nv - k)
			take = nv - k;
		/* Within the chunk joins still precede prunes: v is. */
		pim_jpb_group(b, rep ? star : NULL, &v[k], take);
		k += take;
	}
}

static void pim_jpq_send_nbr(struct pim *p, const struct pim_jpq *q, size_t n)
{
	struct pim_jpb b = { .p = p, .pif = pim_if_find(p, q[0].ifindex) };
	const struct pim_jpq **v;
	size_t i = 0;

	if (!b.pif || pim_addr_unspec(&q[0].nbr))
		return;
	v = calloc(n, sizeof(*v));
	if (!v) {
		p->st.tx_fail++;
		return;
	}
	pim_hello_ensure(b.pif);
	b.z = pim_jp_sizes(p);
	pim_jpb_reset(&b, &q[0].nbr);
	while (i < n) {
		size_t j = i;

		while (j < n && net_addr_eq(&q[j].grp, &q[i].grp))
			j++;
		pim_jpb_emit(&b, &q[i], j - i, v);
		i = j;
	}
	pim_jpb_send(&b, &q[0].nbr);
	free(v);
}

void pim_jpq_flush(struct pim *p)
{
	size_t i = 0;

	if (!p->njpq)
		return;
	p->depth++; /* a Hello sent from here queues nothing, but be safe */
	qsort(p->jpq, p->njpq, sizeof(*p->jpq), pim_jpq_cmp);
	while (i < p->njpq) {
		size_t j = i;

		while (j < p->njpq && p->jpq[j].ifindex == p->jpq[i].ifindex &&
		       net_addr_eq(&p->jpq[j].nbr, &p->jpq[i].nbr))
			j++;
		pim_jpq_send_nbr(p, &p->jpq[i], j - i);
		i = j;
	}
	p->njpq = 0;
	p->jpq_seq = 0;
	p->depth--;
}

void pim_jpq_free(struct pim *p)
{
	free(p->jpq);
	p->jpq = NULL;
	p->njpq = p->capjpq = 0;
}
