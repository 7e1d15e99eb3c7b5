/*
 * The built-in engine implementation: a 4-ary min-heap of timer pointers
 * ordered by (deadline, seq). Each 16-byte heap entry keeps the deadline
 * beside the pointer, so a sift compares keys without touching the timers
 * (a timer's seq is read only on a deadline tie), and the four children of
 * a node share one 64-byte cache line. Every timer records its heap
 * position in t->slot (position + 1), which makes cancel and re-arm
 * O(log n). The array grows geometrically in reserve() only, so arming
 * never allocates. The hot path is the re-arm of the root by a periodic
 * timer's own callback (see sim_engine.c): one bottom-up sift down whose
 * per-level choice of the least child is branch-free, with the next level's
 * lines prefetched, since the loop is bound by the latency of that chain.
 * No RFC is implemented here.
 */
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim_engine_impl.h"

#define SIM_HEAP_ARITY 4
#define SIM_HEAP_LINE  64
#define SIM_HEAP_SLACK 16

struct sim_heap_ent {
	sim_time_t deadline; /* copy of t->deadline */
	struct sim_timer *t;
};

/* v[0] is the root; the children of v[i] are v[4i+1] .. v[4i+4]. */
struct sim_heap {
	struct sim_engine base;
	struct sim_heap_ent *v;
	void *mem;   /* the allocation behind v (cache-line aligned) */
	size_t n;    /* entries queued */
	size_t cap;  /* entries v can hold */
	size_t want; /* reservations held by bound timers */
};

static struct sim_heap *sim_heap_of(struct sim_engine *e)
{
	return (struct sim_heap *)e;
}

static inline bool sim_heap_less(const struct sim_heap_ent *a,
				 const struct sim_heap_ent *b)
{
	if (a->deadline != b->deadline)
		return a->deadline < b->deadline;
	return a->t->seq < b->t->seq;
}

static inline void sim_heap_put(struct sim_heap_ent *v, size_t i,
				struct sim_heap_ent ent)
{
	v[i] = ent;
	ent.t->slot = (uint32_t)(i + 1);
}

static void sim_heap_sift_up(struct sim_heap *h, size_t i,
			     struct sim_heap_ent ent)
{
	struct sim_heap_ent *v = h->v;

	while (i > 0) {
		size_t p = (i - 1) / SIM_HEAP_ARITY;

		if (!sim_heap_less(&ent, &v[p]))
			break;
		sim_heap_put(v, i, v[p]);
		i = p;
	}
	sim_heap_put(v, i, ent);
}

/* Index of the least of the children c..c+k-1 (k >= 1), ties included. */
__attribute__((noinline, cold)) static size_t
sim_heap_min_child(const struct sim_heap_ent *v, size_t c, size_t k)
{
	size_t m = c, j;

	for (j = c + 1; j < c + k; j++)
		if (sim_heap_less(&v[j], &v[m]))
			m = j;
	return m;
}

/*
 * The least of four full children, comparing deadlines only and without
 * branches that depend on the data (selects compile to conditional moves);
 * the rare case of a deadline tie on the way is settled by seq.
 */
static inline size_t sim_heap_min4(const struct sim_heap_ent *v, size_t c)
{
	int64_t d0 = v[c].deadline, d1 = v[c + 1].deadline;
	int64_t d2 = v[c + 2].deadline, d3 = v[c + 3].deadline;
	bool pa = d1 < d0, pb = d3 < d2;
	int64_t da = pa ? d1 : d0, db = pb ? d3 : d2;
	size_t a = c + pa, b = c + 2 + pb;
	/* All ones when b wins: a mask, so no data-dependent branch. */
	size_t mb = (size_t)0 - (size_t)(db < da);

	if (__builtin_expect((d0 == d1) | (d2 == d3) | (da == db), 0))
		return sim_heap_min_child(v, c, SIM_HEAP_ARITY);
	return a ^ ((a ^ b) & mb);
}

/*
 * Move the hole at i down to a leaf, pulling the least child up at each
 * level, then sift ent up from there (Floyd's bottom-up heap repair). ent
 * must not be less than the parent of i, so it ends at or below i. Ideal
 * for a re-armed or replacement entry, which usually belongs near the
 * bottom: one comparison fewer per level than the classic sift down.
 */
static void sim_heap_sift_down(struct sim_heap *h, size_t i,
			       struct sim_heap_ent ent)
{
	struct sim_heap_ent *v = h->v;
	size_t n = h->n, c, m;

	for (c = i * SIM_HEAP_ARITY + 1; c + SIM_HEAP_ARITY <= n;
	     c = i * SIM_HEAP_ARITY + 1) {
		size_t g = c * SIM_HEAP_ARITY + 1;

		if (g < n) {
			/* The grandchildren: four lines, one per child. */
			__builtin_prefetch(&v[g]);
			__builtin_prefetch(&v[g + 4]);
			__builtin_prefetch(&v[g + 8]);
			__builtin_prefetch(&v[g + 12]);
		}
		m = sim_heap_min4(v, c);
		sim_heap_put(v, i, v[m]);
		i = m;
	}
	if (c < n) {
		m = sim_heap_min_child(v, c, n - c);
		sim_heap_put(v, i, v[m]);
		i = m;
	}
	sim_heap_sift_up(h, i, ent);
}

/* Put ent at position i (a hole) and restore the heap order around it. */
static void sim_heap_fix(struct sim_heap *h, size_t i, struct sim_heap_ent ent)
{
	if (i > 0 && sim_heap_less(&ent, &h->v[(i - 1) / SIM_HEAP_ARITY]))
		sim_heap_sift_up(h, i, ent);
	else
		sim_heap_sift_down(h, i, ent);
}

static int sim_heap_grow(struct sim_heap *h, size_t need)
{
	/* v starts 3 entries into the allocation so v[1] is line-aligned. */
	const size_t lead = SIM_HEAP_LINE / sizeof(struct sim_heap_ent) - 1;
	size_t cap = h->cap ? h->cap : 64, bytes;
	void *mem;

	while (cap < need) {
		if (cap > SIZE_MAX / 2 / sizeof(struct sim_heap_ent))
			return -1;
		cap *= 2;
	}
	if (cap > UINT32_MAX - 1)
		return -1; /* t->slot is 32 bits */
	/* Slack after the end: sift_down prefetches up to 16 entries past n. */
	bytes = (cap + lead + SIM_HEAP_SLACK) * sizeof(struct sim_heap_ent);
	bytes = (bytes + SIM_HEAP_LINE - 1) / SIM_HEAP_LINE * SIM_HEAP_LINE;
	mem = aligned_alloc(SIM_HEAP_LINE, bytes);
	if (mem == NULL)
		return -1;
	if (h->n > 0)
		memcpy((struct sim_heap_ent *)mem + lead, h->v,
		       h->n * sizeof(struct sim_heap_ent));
	free(h->mem);
	h->mem = mem;
	h->v = (struct sim_heap_ent *)mem + lead;
	h->cap = cap;
	return 0;
}

static int sim_heap_reserve(struct sim_engine *e, size_t n)
{
	struct sim_heap *h = sim_heap_of(e);

	if (n > SIZE_MAX - h->want)
		return -1;
	if (h->want + n > h->cap && sim_heap_grow(h, h->want + n) != 0)
		return -1;
	h->want += n;
	return 0;
}

static void sim_heap_unreserve(struct sim_engine *e, size_t n)
{
	struct sim_heap *h = sim_heap_of(e);

	h->want = n < h->want ? h->want - n : 0;
}

static void sim_heap_arm(struct sim_engine *e, struct sim_timer *t)
{
	struct sim_heap *h = sim_heap_of(e);
	struct sim_heap_ent ent = { t->deadline, t };

	if (t->slot != 0)
		sim_heap_fix(h, t->slot - 1, ent);
	else
		sim_heap_sift_up(h, h->n++, ent);
}

static void sim_heap_cancel(struct sim_engine *e, struct sim_timer *t)
{
	struct sim_heap *h = sim_heap_of(e);
	size_t i = t->slot - 1;

	t->slot = 0;
	if (i == --h->n)
		return; /* it was the last entry */
	sim_heap_fix(h, i, h->v[h->n]);
}

static struct sim_timer *sim_heap_peek(struct sim_engine *e)
{
	struct sim_heap *h = sim_heap_of(e);

	return h->n ? h->v[0].t : NULL;
}

static struct sim_timer *sim_heap_pop(struct sim_engine *e)
{
	struct sim_timer *t = sim_heap_peek(e);

	if (t != NULL)
		sim_heap_cancel(e, t);
	return t;
}

static void sim_heap_destroy(struct sim_engine *e)
{
	struct sim_heap *h = sim_heap_of(e);

	free(h->mem);
	free(h);
}

static const struct sim_engine_ops sim_heap_ops = {
	.name = "heap",
	.reserve = sim_heap_reserve,
	.unreserve = sim_heap_unreserve,
	.arm = sim_heap_arm,
	.cancel = sim_heap_cancel,
	.peek = sim_heap_peek,
	.pop = sim_heap_pop,
	.destroy = sim_heap_destroy,
};

struct sim_engine *sim_heap_engine_new(void)
{
	struct sim_heap *h = calloc(1, sizeof(*h));

	if (h == NULL)
		return NULL;
	sim_engine_base_init(&h->base, &sim_heap_ops);
	return &h->base;
}
