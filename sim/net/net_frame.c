/*
 * Frame pool and FIFO helpers (see net_frame.h).
 */
#include "sim/net/net_frame.h"

#include <stdlib.h>
#include <string.h>

void net_frame_pool_init(struct net_frame_pool *p)
{
	memset(p, 0, sizeof(*p));
}

void net_frame_pool_fini(struct net_frame_pool *p)
{
	struct net_frame *f = p->free;

	while (f) {
		struct net_frame *n = f->next;

		free(f);
		p->allocated--;
		f = n;
	}
	p->free = NULL;
}

struct net_frame *net_frame_alloc(struct net_frame_pool *p)
{
	struct net_frame *f = p->free;

	if (f) {
		p->free = f->next;
	} else {
		f = malloc(sizeof(*f));
		if (!f)
			return NULL;
		p->allocated++;
	}
	p->in_use++;
	f->next = NULL;
	f->t = 0;
	f->ifindex = -1;
	f->reason = 0;
	f->len = 0;
	return f;
}

void net_frame_free(struct net_frame_pool *p, struct net_frame *f)
{
	if (!f)
		return;
	f->next = p->free;
	p->free = f;
	p->in_use--;
}

struct net_frame *net_frame_clone(struct net_frame_pool *p,
				  const struct net_frame *f)
{
	struct net_frame *c = net_frame_alloc(p);

	if (!c)
		return NULL;
	c->t = f->t;
	c->ifindex = f->ifindex;
	c->reason = f->reason;
	c->len = f->len;
	memcpy(c->data, f->data, f->len);
	return c;
}

void net_fifo_drain(struct net_fifo *q, struct net_frame_pool *p)
{
	struct net_frame *f;

	while ((f = net_fifo_pop(q)))
		net_frame_free(p, f);
}
