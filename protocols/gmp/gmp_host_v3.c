/*
 * IGMPv3 (RFC 3376 sections 5.1 and 5.2) and MLDv2 (RFC 3810 sections 6.1
 * to 6.3) on the host.
 *
 * State changes (5.1): the old and the new interface state of a group are
 * compared (a group without reception state is INCLUDE {}); a filter mode
 * change schedules [Robustness Variable] Filter-Mode-Change records, a
 * source list change gives each source in the difference retransmission
 * state for [Robustness Variable] reports. A State-Change Report is sent at
 * once and then again after random delays in [0, [Unsolicited Report
 * Interval]) while any retransmission state is left. A change arriving
 * while earlier reports are pending is merged into that state, and the
 * report sent for it starts the count again. Each report carries TO_IN (the
 * current INCLUDE sources) or TO_EX (the current EXCLUDE sources) while
 * Filter-Mode-Change records are due, else ALLOW (sources with
 * retransmission state that must now be forwarded) and BLOCK (those that
 * must be blocked), empty records left out. A source keeps its state
 * "until [Robustness Variable] State-Change reports have been sent", so
 * every report sent, of either kind, uses up one retransmission of each.
 *
 * Queries (5.2): the answer is delayed by a random time below Max Resp
 * Time. A pending general answer due sooner makes any new one needless; a
 * general query (re)schedules the interface timer; a group query schedules
 * the group timer, or moves a pending one earlier, recording the queried
 * sources of a group-and-source query (merged with earlier ones, or
 * dropped when either query was group-specific). When a timer expires:
 * general: one IS_IN/IS_EX record per group with reception state; group:
 * its IS_IN/IS_EX record; group-and-source: IS_IN of A*B (INCLUDE (A)) or
 * B-A (EXCLUDE (A)), nothing when empty, and only if the interface still
 * has reception state for the group.
 */
#include <stdlib.h>
#include <string.h>

#include "protocols/gmp/gmp_host_int.h"

static int gh_addr_qcmp(const void *a, const void *b)
{
	return net_addr_cmp(a, b);
}

bool gh_srcs_has(const struct net_addr *v, size_t n, const struct net_addr *a)
{
	return n && bsearch(a, v, n, sizeof(*v), gh_addr_qcmp);
}

/* RFC 3376 5.1: must traffic from s be forwarded in the current state? */
static bool gh_fwd(const struct gh_grp *g, const struct net_addr *s)
{
	bool in = gh_srcs_has(g->srcs, g->nsrc, s);

	if (!g->member)
		return false;
	return g->mode == NODE_HOST_INCLUDE ? in : !in;
}

/* Give s retransmission state for left reports (sorted insert). */
static void gh_rtx_set(struct gh_grp *g, const struct net_addr *s, uint8_t left)
{
	size_t lo = 0, hi = g->nrtx;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = net_addr_cmp(&g->rtx[mid].a, s);

		if (c == 0) {
			g->rtx[mid].left = left;
			return;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (g->nrtx == g->caprtx) {
		size_t cap = g->caprtx ? 2 * g->caprtx : 8;
		struct gh_src *v = realloc(g->rtx, cap * sizeof(*v));

		if (!v)
			return; /* the change goes unreported */
		g->rtx = v;
		g->caprtx = cap;
	}
	memmove(&g->rtx[lo + 1], &g->rtx[lo], (g->nrtx - lo) * sizeof(*g->rtx));
	g->rtx[lo] = (struct gh_src){ .a = *s, .left = left };
	g->nrtx++;
}

/* One State-Change Report from the retransmission state (table of 5.1). */
static void gh_v3_send_change(struct gh_grp *g, const char *why)
{
	struct gh_if *gi = g->gi;
	struct net_addr *allow = NULL, *block = NULL;
	size_t na = 0, nb = 0, i, k = 0;
	struct gh_rep r;

	gh_rep_begin(&r, gi, why);
	if (g->fmc_left) {
		bool inc = !g->member || g->mode == NODE_HOST_INCLUDE;

		gh_rep_add(&r, inc ? GMP_REC_TO_IN : GMP_REC_TO_EX, &g->group,
			   g->member ? g->srcs : NULL, g->member ? g->nsrc : 0);
		g->fmc_left--;
	} else if (g->nrtx) {
		allow = malloc(g->nrtx * sizeof(*allow));
		block = malloc(g->nrtx * sizeof(*block));
		for (i = 0; allow && block && i < g->nrtx; i++) {
			if (gh_fwd(g, &g->rtx[i].a))
				allow[na++] = g->rtx[i].a;
			else
				block[nb++] = g->rtx[i].a;
		}
		if (na)
			gh_rep_add(&r, GMP_REC_ALLOW, &g->group, allow, na);
		if (nb)
			gh_rep_add(&r, GMP_REC_BLOCK, &g->group, block, nb);
		free(allow);
		free(block);
	}
	for (i = 0; i < g->nrtx; i++)
		if (--g->rtx[i].left)
			g->rtx[k++] = g->rtx[i];
	g->nrtx = k;
	gh_rep_end(&r);
	if (g->fmc_left || g->nrtx)
		node_timer_arm(&g->rtx_t, gh_now(gi) + gh_rand(gi, gh_uri(gi)));
	else
		node_timer_cancel(&g->rtx_t);
}

void gh_v3_change(struct gh_grp *g, bool was_member,
		  enum node_host_filter old_mode,
		  const struct net_addr *old_srcs, size_t old_n)
{
	enum node_host_filter om = was_member ? old_mode : NODE_HOST_INCLUDE;
	enum node_host_filter nm = g->member ? g->mode : NODE_HOST_INCLUDE;
	size_t nn = g->member ? g->nsrc : 0, i = 0, j = 0;
	uint8_t rv = g->gi->robustness;
	bool changed = om != nm;

	if (!was_member)
		old_n = 0;
	if (changed) {
		/* The TO_IN/TO_EX records carry the whole state. */
		g->fmc_left = rv;
		g->nrtx = 0;
	}
	while (om == nm && (i < old_n || j < nn)) {
		int c = i == old_n ? 1
			: j == nn  ? -1
				   : net_addr_cmp(&old_srcs[i], &g->srcs[j]);

		if (c < 0)
			gh_rtx_set(g, &old_srcs[i++], rv);
		else if (c > 0)
			gh_rtx_set(g, &g->srcs[j++], rv);
		else
			i++, j++;
		changed |= c != 0;
	}
	if (changed && (g->fmc_left || g->nrtx))
		gh_v3_send_change(g, "change");
}

void gh_v3_rtx_timer(struct gh_grp *g)
{
	gh_v3_send_change(g, "retransmit");
	gh_grp_gc(g);
}

/* qsrcs = qsrcs + v (v unsorted); on allocation failure the answer
 * becomes group-specific (a superset: nothing is lost). */
static void gh_qsrcs_add(struct gh_grp *g, const struct net_addr *v, size_t n)
{
	struct net_addr *x = realloc(g->qsrcs, (g->nqsrc + n) * sizeof(*x));
	size_t i, k = 0;

	if (!x) {
		free(g->qsrcs);
		g->qsrcs = NULL;
		g->nqsrc = 0;
		return;
	}
	memcpy(&x[g->nqsrc], v, n * sizeof(*x));
	n += g->nqsrc;
	qsort(x, n, sizeof(*x), gh_addr_qcmp);
	for (i = 0; i < n; i++)
		if (!k || !net_addr_eq(&x[k - 1], &x[i]))
			x[k++] = x[i];
	g->qsrcs = x;
	g->nqsrc = k;
}

static void gh_qsrcs_clear(struct gh_grp *g)
{
	free(g->qsrcs);
	g->qsrcs = NULL;
	g->nqsrc = 0;
}

void gh_v3_query(struct gh_if *gi, const struct gmp_msg *m)
{
	sim_time_t due = gh_now(gi) + gh_rand(gi, m->max_resp);
	struct gh_grp *g = NULL;
	size_t i;

	/* Rule 1: a general answer due sooner covers everything. */
	if (node_timer_armed(&gi->gen_t) && gi->gen_t.t.deadline < due)
		return;
	if (net_addr_is_unspec(&m->group)) { /* rule 2 */
		node_timer_arm(&gi->gen_t, due);
		return;
	}
	for (i = 0; i < gi->ngrps && !g; i++)
		if (net_addr_eq(&gi->grps[i]->group, &m->group))
			g = gi->grps[i];
	if (!g || !g->member)
		return;	     /* nothing would be reported */
	if (!g->q_pending) { /* rule 3 */
		g->q_pending = true;
		gh_qsrcs_clear(g);
		if (m->nsrc)
			gh_qsrcs_add(g, m->srcs, m->nsrc);
		node_timer_arm(&g->t, due);
		return;
	}
	if (!m->nsrc || !g->nqsrc) /* rule 4 */
		gh_qsrcs_clear(g);
	else /* rule 5 */
		gh_qsrcs_add(g, m->srcs, m->nsrc);
	if (g->t.t.deadline < due && node_timer_armed(&g->t))
		due = g->t.t.deadline;
	node_timer_arm(&g->t, due);
}

/* The IS_IN sources answering a group-and-source query: A*B in INCLUDE
 * (A), B-A in EXCLUDE (A), with B the recorded sources. */
static size_t gh_qsrcs_answer(const struct gh_grp *g, struct net_addr *out)
{
	bool inc = g->mode == NODE_HOST_INCLUDE;
	size_t i, n = 0;

	for (i = 0; i < g->nqsrc; i++)
		if (gh_srcs_has(g->srcs, g->nsrc, &g->qsrcs[i]) == inc)
			out[n++] = g->qsrcs[i];
	return n;
}

void gh_v3_group_timer(struct gh_grp *g)
{
	struct gh_if *gi = g->gi;
	struct net_addr *v;
	struct gh_rep r;
	size_t n;
	uint8_t cur =
		g->mode == NODE_HOST_INCLUDE ? GMP_REC_IS_IN : GMP_REC_IS_EX;

	g->q_pending = false;
	if (g->member) {
		gh_rep_begin(&r, gi, NULL);
		if (!g->nqsrc) {
			gh_rep_add(&r, cur, &g->group, g->srcs, g->nsrc);
		} else if ((v = malloc(g->nqsrc * sizeof(*v))) != NULL) {
			n = gh_qsrcs_answer(g, v);
			if (n)
				gh_rep_add(&r, GMP_REC_IS_IN, &g->group, v, n);
			free(v);
		}
		gh_rep_end(&r);
	}
	gh_qsrcs_clear(g);
	gh_grp_gc(g);
}

void gh_v3_general_timer(struct gh_if *gi)
{
	struct gh_rep r;
	size_t i;

	gh_rep_begin(&r, gi, NULL);
	for (i = 0; i < gi->ngrps; i++) {
		struct gh_grp *g = gi->grps[i];

		if (g->member)
			gh_rep_add(&r,
				   g->mode == NODE_HOST_INCLUDE ? GMP_REC_IS_IN
								: GMP_REC_IS_EX,
				   &g->group, g->srcs, g->nsrc);
	}
	gh_rep_end(&r);
}
