/*
 * "igmp" / "mld" conformance cases on the IGMPv3 / MLDv2 router state
 * tables (RFC 3376 6.4.1 and 6.4.2, RFC 3810 7.4.1 and 7.4.2): a record
 * is put in a known state (INCLUDE(A), or EXCLUDE(X,Y) with X = {s1}
 * requested and Y = {s2} blocked), one record is received, and the
 * resulting filter mode, source list, each source timer and the group
 * (filter) timer are compared with the row's actions, exactly: "=GMI" is
 * the report's arrival plus GMI (MALI), "=0" a blocked source, and a
 * source or group queried with "Send Q(G,...)" / "Send Q(G)" has its
 * timer lowered to LMQT (6.6.3.1, 6.6.3.2 / 7.6.3.1, 7.6.3.2). The
 * queries the row sends are checked too, leaving within GX_ONCE.
 */
#include "conformance/conform/cf_gmp_int.h"

#include <stdio.h>
#include <string.h>

static const char *const gx_kind_names[] = {
	[GX_ABSENT] = "absent", [GX_OLD] = "unchanged", [GX_GMI] = "GMI",
	[GX_ZERO] = "0",	[GX_LMQT] = "LMQT",	[GX_NONE] = "off",
};

/* The timer of source i in g: -2 when absent. */
static sim_time_t src_timer(const struct gx *x, const struct gmp_group_info *g,
			    int i)
{
	struct net_addr a = gx_addr(x->f->s[i]);

	for (size_t k = 0; k < g->nsrc; k++)
		if (net_addr_eq(&g->srcs[k].addr, &a))
			return g->srcs[k].expires;
	return -2;
}

/* What a timer of kind k must read now (-2: absent). */
static sim_time_t expect(const struct gx *x, enum gx_kind k, sim_time_t old,
			 sim_time_t cpu)
{
	switch (k) {
	case GX_OLD:
		return old;
	case GX_GMI:
		return cpu + gx_gmi(x);
	case GX_ZERO:
	case GX_NONE:
		return -1;
	case GX_LMQT:
		return cpu + gx_lmqt(x);
	default:
		return -2;
	}
}

/* Put the record in the row's starting state. */
static bool setup(struct gx *x, const struct gx_row *row)
{
	gx_run(x, SIM_S(5));
	if (!row->setup_ex)
		return gx_report_new(x, GMP_REC_IS_IN, row->setup_mask) >= 0;
	if (gx_report_new(x, GMP_REC_IS_IN, 1u << 0) < 0)
		return false;
	gx_run(x, SIM_S(8));
	return gx_report_new(x, GMP_REC_IS_EX, (1u << 0) | (1u << 1)) >= 0;
}

/* The queries for the group sent in [cpu, cpu + GX_ONCE]: the sources
 * of the group-and-source ones as a mask, and whether a group-specific
 * one was among them. */
static void queries(struct gx *x, sim_time_t cpu, unsigned *mask, bool *grp)
{
	struct net_addr g = gx_addr(x->f->group);
	size_t i = 0;
	struct gx_q q;

	*mask = 0;
	*grp = false;
	while (gx_next_query(x, &i, &q)) {
		if (q.sent < cpu || q.sent > cpu + GX_ONCE ||
		    !net_addr_eq(&q.m->group, &g))
			continue;
		if (!q.m->nsrc)
			*grp = true;
		for (size_t k = 0; k < q.m->nsrc; k++)
			for (int s = 0; s < GX_NSRC; s++) {
				struct net_addr a = gx_addr(x->f->s[s]);

				if (net_addr_eq(&q.m->srcs[k], &a))
					*mask |= 1u << s;
			}
	}
}

static void check_state(struct gx *x, const struct gx_row *row,
			const sim_time_t *old_src, sim_time_t old_grp,
			sim_time_t cpu)
{
	struct cf_ctx *c = x->c;
	struct gmp_group_info g;
	char a[32], b[32];

	if (!cf_check(c, gx_group(x, &g), "the record is gone") ||
	    !cf_check(c, g.mode == row->mode, "filter mode %s, expected %s",
		      g.mode == GMP_INCLUDE ? "INCLUDE" : "EXCLUDE",
		      row->mode == GMP_INCLUDE ? "INCLUDE" : "EXCLUDE"))
		return;
	for (int i = 0; i < GX_NSRC; i++) {
		sim_time_t got = src_timer(x, &g, i);
		sim_time_t want = expect(x, row->src[i], old_src[i], cpu);

		cf_check(c, got == want,
			 "source s%d (%s): timer %s, expected %s (%s)", i + 1,
			 x->f->s[i], got == -2 ? "absent" : cf_ts(got, a),
			 want == -2 ? "absent" : cf_ts(want, b),
			 gx_kind_names[row->src[i]]);
	}
	cf_check(c, g.expires == expect(x, row->group, old_grp, cpu),
		 "group timer %s, expected %s (%s)", cf_ts(g.expires, a),
		 cf_ts(expect(x, row->group, old_grp, cpu), b),
		 gx_kind_names[row->group]);
}

void cf_gmp_row_body(struct cf_ctx *c, const struct gx_fam *f,
		     const struct gx_row *row)
{
	const struct gx_cfg cfg = { .version = f->v_new };
	struct gmp_group_info g;
	sim_time_t old_src[GX_NSRC], old_grp, cpu;
	unsigned qmask;
	bool qgrp;
	struct gx x;

	if (!gx_open(&x, c, f, &cfg) || !setup(&x, row))
		goto out;
	gx_run(&x, SIM_S(15));
	if (!cf_check(c, gx_group(&x, &g), "setup: no record"))
		goto out;
	for (int i = 0; i < GX_NSRC; i++)
		old_src[i] = src_timer(&x, &g, i);
	old_grp = g.expires;
	cpu = gx_report_new(&x, row->type, row->mask);
	if (cpu < 0)
		goto out;
	gx_run(&x, cpu + GX_ONCE);
	check_state(&x, row, old_src, old_grp, cpu);
	queries(&x, cpu, &qmask, &qgrp);
	cf_check(c, qmask == row->q_mask && qgrp == row->q_group,
		 "queries sent: sources mask 0x%x%s, expected 0x%x%s", qmask,
		 qgrp ? " and Q(G)" : "", row->q_mask,
		 row->q_group ? " and Q(G)" : "");
out:
	gx_close(&x);
}

/* ---- the rows the suites run (s1 = bit 0, s2 = bit 1, s3 = bit 2) ---- */

#define S1 (1u << 0)
#define S2 (1u << 1)
#define S3 (1u << 2)

/* INCLUDE (A) ALLOW (B): INCLUDE (A+B), (B)=GMI. */
const struct gx_row gx_row_in_allow = {
	.setup_mask = S1,
	.type = GMP_REC_ALLOW,
	.mask = S2,
	.mode = GMP_INCLUDE,
	.src = { GX_OLD, GX_GMI, GX_ABSENT, GX_ABSENT },
	.group = GX_NONE,
};
/* INCLUDE (A) BLOCK (B): INCLUDE (A), Send Q(G,A*B). */
const struct gx_row gx_row_in_block = {
	.setup_mask = S1 | S2,
	.type = GMP_REC_BLOCK,
	.mask = S2 | S3,
	.mode = GMP_INCLUDE,
	.src = { GX_OLD, GX_LMQT, GX_ABSENT, GX_ABSENT },
	.group = GX_NONE,
	.q_mask = S2,
};
/* INCLUDE (A) TO_EX (B): EXCLUDE (A*B,B-A), (B-A)=0, Delete (A-B),
 * Send Q(G,A*B), Group Timer=GMI. */
const struct gx_row gx_row_in_to_ex = {
	.setup_mask = S1 | S2,
	.type = GMP_REC_TO_EX,
	.mask = S2 | S3,
	.mode = GMP_EXCLUDE,
	.src = { GX_ABSENT, GX_LMQT, GX_ZERO, GX_ABSENT },
	.group = GX_GMI,
	.q_mask = S2,
};
/* INCLUDE (A) TO_IN (B): INCLUDE (A+B), (B)=GMI, Send Q(G,A-B). */
const struct gx_row gx_row_in_to_in = {
	.setup_mask = S1 | S2,
	.type = GMP_REC_TO_IN,
	.mask = S2 | S3,
	.mode = GMP_INCLUDE,
	.src = { GX_LMQT, GX_GMI, GX_GMI, GX_ABSENT },
	.group = GX_NONE,
	.q_mask = S1,
};
/* INCLUDE (A) IS_EX (B): EXCLUDE (A*B,B-A), (B-A)=0, Delete (A-B),
 * Group Timer=GMI. */
const struct gx_row gx_row_in_is_ex = {
	.setup_mask = S1 | S2,
	.type = GMP_REC_IS_EX,
	.mask = S2 | S3,
	.mode = GMP_EXCLUDE,
	.src = { GX_ABSENT, GX_OLD, GX_ZERO, GX_ABSENT },
	.group = GX_GMI,
};
/* EXCLUDE (X,Y) ALLOW (A): EXCLUDE (X+A,Y-A), (A)=GMI. */
const struct gx_row gx_row_ex_allow = {
	.setup_ex = true,
	.type = GMP_REC_ALLOW,
	.mask = S2 | S3,
	.mode = GMP_EXCLUDE,
	.src = { GX_OLD, GX_GMI, GX_GMI, GX_ABSENT },
	.group = GX_OLD,
};
/* EXCLUDE (X,Y) BLOCK (A): EXCLUDE (X+(A-Y),Y), (A-X-Y)=Group Timer,
 * Send Q(G,A-Y): s1 and s3 queried, so lowered to LMQT. */
const struct gx_row gx_row_ex_block = {
	.setup_ex = true,
	.type = GMP_REC_BLOCK,
	.mask = S1 | S2 | S3,
	.mode = GMP_EXCLUDE,
	.src = { GX_LMQT, GX_ZERO, GX_LMQT, GX_ABSENT },
	.group = GX_OLD,
	.q_mask = S1 | S3,
};
/* EXCLUDE (X,Y) TO_IN (A): EXCLUDE (X+A,Y-A), (A)=GMI, Send Q(G,X-A),
 * Send Q(G): s1 and the group timer lowered to LMQT. */
const struct gx_row gx_row_ex_to_in = {
	.setup_ex = true,
	.type = GMP_REC_TO_IN,
	.mask = S3,
	.mode = GMP_EXCLUDE,
	.src = { GX_LMQT, GX_ZERO, GX_GMI, GX_ABSENT },
	.group = GX_LMQT,
	.q_mask = S1,
	.q_group = true,
};
/* EXCLUDE (X,Y) IS_IN (A): EXCLUDE (X+A,Y-A), (A)=GMI. */
const struct gx_row gx_row_ex_is_in = {
	.setup_ex = true,
	.type = GMP_REC_IS_IN,
	.mask = S2 | S3,
	.mode = GMP_EXCLUDE,
	.src = { GX_OLD, GX_GMI, GX_GMI, GX_ABSENT },
	.group = GX_OLD,
};
