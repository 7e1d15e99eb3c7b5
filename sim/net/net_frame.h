/*
 * A frame is bytes: an Ethernet II frame without preamble and FCS, exactly
 * what a pcap holds. Frames are recycled through a per-simulation pool (no
 * global state) and queued through intrusive FIFOs, so moving a frame
 * through links, switch ports, the ASIC pipeline and the CPU queue never
 * copies it; only multicast replication clones.
 */
#ifndef NET_FRAME_H
#define NET_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"

/* 1514 + 802.1Q tag, rounded up; failsim never sends jumbo frames. */
#define NET_FRAME_MAX 1536
/* Shortest Ethernet frame without FCS; encoders pad to it. */
#define NET_FRAME_MIN 60

struct net_frame {
	struct net_frame *next; /* FIFO link */
	sim_time_t t;		/* when the frame is due at the queue's end */
	int32_t ifindex;	/* ingress (or egress) interface, by owner */
	uint16_t reason;	/* punt reason or other owner tag */
	uint16_t len;		/* bytes used in data */
	uint8_t data[NET_FRAME_MAX];
};

struct net_frame_pool {
	struct net_frame *free;
	size_t allocated; /* frames ever malloc'ed (live + free) */
	size_t in_use;
};

struct net_fifo {
	struct net_frame *head, *tail;
	size_t len;
};

void net_frame_pool_init(struct net_frame_pool *p);
/* Free every pooled frame; frames still in use are the caller's leak. */
void net_frame_pool_fini(struct net_frame_pool *p);
/* A frame with len 0 and zeroed metadata; NULL when out of memory. */
struct net_frame *net_frame_alloc(struct net_frame_pool *p);
void net_frame_free(struct net_frame_pool *p, struct net_frame *f);
/* Copy of f (data and metadata); NULL when out of memory. */
struct net_frame *net_frame_clone(struct net_frame_pool *p,
				  const struct net_frame *f);

static inline void net_fifo_init(struct net_fifo *q)
{
	q->head = q->tail = NULL;
	q->len = 0;
}

static inline void net_fifo_push(struct net_fifo *q, struct net_frame *f)
{
	f->next = NULL;
	if (q->tail)
		q->tail->next = f;
	else
		q->head = f;
	q->tail = f;
	q->len++;
}

static inline struct net_frame *net_fifo_pop(struct net_fifo *q)
{
	struct net_frame *f = q->head;

	if (!f)
		return NULL;
	q->head = f->next;
	if (!q->head)
		q->tail = NULL;
	q->len--;
	f->next = NULL;
	return f;
}

/* Free every frame in q back to p. */
void net_fifo_drain(struct net_fifo *q, struct net_frame_pool *p);

#endif
