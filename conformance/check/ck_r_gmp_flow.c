/*
 * The per-flow rules of the "gmp" module of `failsim check`, over the
 * messages of one link (the frame's link) and one family:
 *
 * - query interval (RFC 3376 8.2, RFC 3810 9.2): consecutive General
 *   Queries of one querier are at most its Query Interval apart (the QQI
 *   its v3 / MLDv2 queries announce, else the 125 s default), plus
 *   CK_GMP_QI_TOL_PCT percent and CK_GMP_TOL. Shorter gaps are startup
 *   queries (8.6, 8.7) and are fine; a gap in which another router sent a
 *   General Query is not judged (the querier may have stepped down).
 * - querier election (RFC 3376 6.6.2, RFC 2710 section 6, RFC 3810
 *   7.6.2): a router that heard a General Query from a lower address
 *   sends none until Other Querier Present Interval (RV * QI + QRI / 2,
 *   RFC 3376 8.5, from the lower querier's announced values) has passed;
 *   a query sent within CK_GMP_TOL of the lower one is forgiven.
 * - response deadline (RFC 3376 4.1.1, RFC 3810 5.1.3): what is decidable
 *   from a capture. A v3 / MLDv2 current-state record (IS_IN, IS_EX) is
 *   only ever sent in answer to a query (RFC 3376 4.2.12), so once the
 *   capture holds a General Query of the link, every such record must fall
 *   within Max Resp Time + CK_GMP_TOL of a General Query or a query for
 *   its group. A v1/v2 / MLDv1 report may be unsolicited, so only a host
 *   that reported the group in the Query Interval before the last query
 *   (and has not left since) is judged: its first report after the query
 *   must be within that window. Reports answering queries older than what
 *   the bounded query history holds are not judged.
 * - leave queries (RFC 2236 section 3, RFC 2710 section 6): after a Leave
 *   / Done for a group reported within Group Membership Interval, the
 *   current querier (the lowest address heard within its Other Querier
 *   Present Interval), when it runs IGMPv2 / MLDv1 or an older host is
 *   present for the group (RFC 3376 7.3.2), sends Last Member Query Count
 *   (its QRV, else 2) group queries: the first within CK_GMP_LEAVE_FIRST,
 *   then Last Member Query Interval (the first query's Max Resp Time)
 *   apart within CK_GMP_TOL plus CK_GMP_QI_TOL_PCT percent. A report for
 *   the group may end the series early.
 *
 * Flow state lives in bounded tables (ck_r_gmp_ftab.h); what they cannot
 * hold is counted and not judged.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/check/ck_r_gmp_int.h"

static const char *addr_str(const struct net_addr *a, char *buf)
{
	net_addr_fmt(a, buf, NET_ADDR_STRLEN);
	return buf;
}

static const struct ck_rule *rule(enum ck_gmp_kind k, enum net_af af)
{
	return ck_gmp_rule(k, af);
}

static bool is_v3(const struct gmp_msg *m)
{
	return m->version == (m->af == NET_AF_IP6 ? 2 : 3);
}

static sim_time_t tol_of(sim_time_t t)
{
	return t / 100 * CK_GMP_QI_TOL_PCT + CK_GMP_TOL;
}

int ck_gmp_flow_init(struct ck_gmp *g)
{
	g->links = ck_ftab_new(sizeof(struct ck_gmp_lkey),
			       sizeof(struct ck_gmp_link), CK_GMP_MAX_LINKS);
	g->groups = ck_ftab_new(sizeof(struct ck_gmp_gkey),
				sizeof(struct ck_gmp_group), CK_GMP_MAX_GROUPS);
	g->members =
		ck_ftab_new(sizeof(struct ck_gmp_mkey),
			    sizeof(struct ck_gmp_member), CK_GMP_MAX_MEMBERS);
	g->next_deadline = SIM_TIME_NEVER;
	return g->links && g->groups && g->members ? 0 : -1;
}

void ck_gmp_flow_free(struct ck_gmp *g)
{
	ck_ftab_free(g->links);
	ck_ftab_free(g->groups);
	ck_ftab_free(g->members);
	g->links = g->groups = g->members = NULL;
}

/* ---- the state of a link, a group, a member ---- */

static struct ck_gmp_link *get_link(struct ck_gmp *g, uint32_t link,
				    enum net_af af)
{
	struct ck_gmp_lkey k;

	memset(&k, 0, sizeof(k));
	k.link = link;
	k.af = (uint8_t)af;
	return ck_ftab_get(g->links, &k, NULL);
}

static struct ck_gmp_group *find_group(struct ck_gmp *g, uint32_t link,
				       const struct net_addr *grp, bool add)
{
	struct ck_gmp_gkey k;
	struct ck_gmp_group *p;
	bool created;

	memset(&k, 0, sizeof(k));
	k.link = link;
	k.group = *grp;
	if (!add)
		return ck_ftab_find(g->groups, &k);
	p = ck_ftab_get(g->groups, &k, &created);
	if (p && created)
		p->group = *grp;
	return p;
}

static struct ck_gmp_member *get_member(struct ck_gmp *g, uint32_t link,
					const struct net_addr *host,
					const struct net_addr *grp,
					bool *created)
{
	struct ck_gmp_mkey k;

	memset(&k, 0, sizeof(k));
	k.link = link;
	k.host = *host;
	k.group = *grp;
	return ck_ftab_get(g->members, &k, created);
}

/* Other Querier Present Interval of q's announced values (RFC 3376 8.5,
 * RFC 3810 9.5) and Group Membership Interval (8.4, 9.4). */
static sim_time_t oqpi(const struct ck_gmp_querier *q)
{
	sim_time_t rv = q->qrv ? q->qrv : CK_GMP_DEF_RV;

	return rv * q->qi + q->mrt / 2;
}

static sim_time_t gmi(const struct ck_gmp_querier *q)
{
	sim_time_t rv = q->qrv ? q->qrv : CK_GMP_DEF_RV;

	return rv * q->qi + q->mrt;
}

/* The current querier at t: the lowest address heard within its OQPI. */
static struct ck_gmp_querier *cur_querier(struct ck_gmp_link *l, sim_time_t t)
{
	struct ck_gmp_querier *best = NULL;

	for (size_t i = 0; i < l->nq; i++) {
		struct ck_gmp_querier *q = &l->q[i];

		if (t < q->last_gq || t - q->last_gq > oqpi(q))
			continue;
		if (!best || net_addr_cmp(&q->addr, &best->addr) < 0)
			best = q;
	}
	return best;
}

/* ---- queries ---- */

static sim_time_t query_mrt(const struct gmp_msg *m)
{
	if (m->af == NET_AF_IP4 && m->version == 1)
		return CK_GMP_V1_MRT; /* RFC 2236 section 4 */
	return m->max_resp;
}

static void ring_push(struct ck_gmp_link *l, sim_time_t t,
		      const struct gmp_msg *m, bool general)
{
	struct ck_gmp_query *q = &l->recent[l->rhead];

	if (l->rn == CK_GMP_RECENT) {
		if (!l->evicted || q->end > l->evicted_until)
			l->evicted_until = q->end;
		l->evicted = true;
	} else {
		l->rn++;
	}
	q->t = t;
	q->end = t + query_mrt(m);
	q->general = general;
	q->group = m->group;
	l->rhead = (l->rhead + 1) % CK_GMP_RECENT;
	if (general)
		l->any_gq = true;
}

/* RFC 3376 6.6.2, RFC 2710 section 6: a lower-addressed querier heard
 * within its OQPI (and more than CK_GMP_TOL ago) silences src. */
static void election_rule(struct ck_ctx *c, const struct ck_frame *f,
			  struct ck_gmp_link *l, enum net_af af)
{
	const struct ck_gmp_querier *low = NULL;
	char a[NET_ADDR_STRLEN], b[NET_ADDR_STRLEN], x[24], y[24];

	for (size_t i = 0; i < l->nq; i++) {
		const struct ck_gmp_querier *q = &l->q[i];
		sim_time_t ago = f->t - q->last_gq;

		if (net_addr_cmp(&q->addr, &f->pi.src) >= 0)
			continue;
		if (ago > CK_GMP_TOL && ago < oqpi(q))
			low = q;
	}
	if (!low) {
		ck_pass(c, rule(CK_GMP_QUERIER_ELECTION, af));
		return;
	}
	ck_fail(c, rule(CK_GMP_QUERIER_ELECTION, af), f->no, f->t,
		"General Query from %s %s after one from lower-addressed %s "
		"(Other Querier Present Interval %s)",
		addr_str(&f->pi.src, a), ck_gmp_dur(f->t - low->last_gq, x, 24),
		addr_str(&low->addr, b), ck_gmp_dur(oqpi(low), y, 24));
}

/* RFC 3376 8.2, RFC 3810 9.2 */
static void interval_rule(struct ck_ctx *c, const struct ck_frame *f,
			  const struct ck_gmp_link *l,
			  const struct ck_gmp_querier *me, enum net_af af)
{
	sim_time_t gap = f->t - me->last_gq, lim = me->qi + tol_of(me->qi);
	char a[NET_ADDR_STRLEN], x[24], y[24], z[24];

	if (gap <= 0)
		return;
	for (size_t i = 0; i < l->nq; i++)
		if (&l->q[i] != me && l->q[i].last_gq > me->last_gq)
			return; /* another querier spoke in between */
	if (gap <= lim) {
		ck_pass(c, rule(CK_GMP_QUERY_INTERVAL, af));
		return;
	}
	ck_fail(c, rule(CK_GMP_QUERY_INTERVAL, af), f->no, f->t,
		"General Queries from %s %s apart, Query Interval %s "
		"(tolerance %d%% + %s)",
		addr_str(&me->addr, a), ck_gmp_dur(gap, x, 24),
		ck_gmp_dur(me->qi, y, 24), CK_GMP_QI_TOL_PCT,
		ck_gmp_dur(CK_GMP_TOL, z, 24));
}

static void general_query(struct ck_ctx *c, const struct ck_frame *f,
			  struct ck_gmp_link *l, const struct gmp_msg *m)
{
	struct ck_gmp_querier *me = NULL;

	/* IGMPv1 has no querier election or Query Interval (RFC 1112). */
	if ((m->af == NET_AF_IP4 && m->version < 2) ||
	    net_addr_is_unspec(&f->pi.src))
		return;
	for (size_t i = 0; i < l->nq; i++)
		if (net_addr_eq(&l->q[i].addr, &f->pi.src))
			me = &l->q[i];
	election_rule(c, f, l, m->af);
	if (me)
		interval_rule(c, f, l, me, m->af);
	if (!me && l->nq < CK_GMP_QUERIERS) {
		me = &l->q[l->nq++];
		me->addr = f->pi.src;
	}
	if (!me) {
		ck_count(c, "gmp queriers beyond the table (not tracked)", 1);
		return;
	}
	me->last_gq = f->t;
	me->qi = is_v3(m) && m->qqi > 0 ? m->qqi : CK_GMP_DEF_QI;
	me->mrt = query_mrt(m);
	me->qrv = is_v3(m) ? m->qrv : 0;
	me->version = m->version;
}

/* ---- Leave / Done and the group queries answering it ---- */

static sim_time_t leave_deadline(const struct ck_gmp_group *p)
{
	if (p->nq == 0)
		return p->leave_t + CK_GMP_LEAVE_FIRST;
	return p->last_q + p->lmqi + tol_of(p->lmqi);
}

static void pending_remove(struct ck_gmp *g, struct ck_gmp_group *p)
{
	for (size_t i = 0; i < g->npending; i++) {
		if (g->pending[i] != p)
			continue;
		g->pending[i] = g->pending[--g->npending];
		break;
	}
	p->pending = false;
	p->leave_active = false;
	g->next_deadline = SIM_TIME_NEVER;
	for (size_t i = 0; i < g->npending; i++) {
		sim_time_t d = leave_deadline(g->pending[i]);

		if (d < g->next_deadline)
			g->next_deadline = d;
	}
}

/* The series of p ended (its deadline passed, or a failure). */
static void leave_settle(struct ck_ctx *c, struct ck_gmp *g,
			 struct ck_gmp_group *p, enum net_af af)
{
	const struct ck_rule *r = rule(CK_GMP_LEAVE_QUERY, af);
	char a[NET_ADDR_STRLEN], b[NET_ADDR_STRLEN], q[NET_ADDR_STRLEN];
	char x[24], y[24];

	if (p->nq == 0) {
		ck_fail(c, r, p->leave_frame, p->leave_t,
			"no query for %s from querier %s within %s of the "
			"leave from %s",
			addr_str(&p->group, a), addr_str(&p->querier, q),
			ck_gmp_dur(CK_GMP_LEAVE_FIRST, x, 24),
			addr_str(&p->host, b));
	} else if (p->nq < p->lmqc && !p->report_seen) {
		ck_fail(c, r, p->leave_frame, p->leave_t,
			"%u of %u group queries for %s after the leave from "
			"%s (interval %s, none within %s of the last)",
			p->nq, p->lmqc, addr_str(&p->group, a),
			addr_str(&p->host, b), ck_gmp_dur(p->lmqi, x, 24),
			ck_gmp_dur(p->lmqi + tol_of(p->lmqi), y, 24));
	} else {
		ck_pass(c, r);
	}
	pending_remove(g, p);
}

void ck_gmp_flow_tick(struct ck_ctx *c, struct ck_gmp *g, sim_time_t t)
{
	if (t <= g->next_deadline)
		return;
	for (size_t i = 0; i < g->npending;) {
		struct ck_gmp_group *p = g->pending[i];

		if (t > leave_deadline(p)) {
			leave_settle(c, g, p, p->group.af);
			i = 0; /* pending[] was reordered */
			continue;
		}
		i++;
	}
}

/* A group query from src for p's group (RFC 2236 section 3). */
static void leave_query(struct ck_ctx *c, struct ck_gmp *g,
			const struct ck_frame *f, struct ck_gmp_group *p,
			const struct gmp_msg *m)
{
	const struct ck_rule *r = rule(CK_GMP_LEAVE_QUERY, m->af);
	sim_time_t gap = f->t - (p->nq ? p->last_q : p->leave_t);
	char x[24], y[24];

	if (gap < 0)
		return;
	if (p->nq == 0) {
		p->lmqi = m->max_resp > 0 ? m->max_resp : CK_GMP_DEF_LMQI;
		if (gap > CK_GMP_LEAVE_FIRST) {
			ck_fail(c, r, f->no, f->t,
				"first group query %s after the leave (at "
				"once expected, tolerance %s)",
				ck_gmp_dur(gap, x, 24),
				ck_gmp_dur(CK_GMP_LEAVE_FIRST, y, 24));
			pending_remove(g, p);
			return;
		}
	} else if (gap > p->lmqi + tol_of(p->lmqi) ||
		   gap + tol_of(p->lmqi) < p->lmqi) {
		ck_fail(c, r, f->no, f->t,
			"group queries %s apart, Last Member Query Interval "
			"%s (tolerance %d%% + 0.5s)",
			ck_gmp_dur(gap, x, 24), ck_gmp_dur(p->lmqi, y, 24),
			CK_GMP_QI_TOL_PCT);
		pending_remove(g, p);
		return;
	}
	p->nq++;
	p->last_q = f->t;
	if (p->nq >= p->lmqc) {
		ck_pass(c, r);
		pending_remove(g, p);
		return;
	}
	if (leave_deadline(p) < g->next_deadline)
		g->next_deadline = leave_deadline(p);
}

/* Whether a Leave for p's group, heard by querier q, asks for queries:
 * the group has members, and q treats a Leave (IGMPv2 / MLDv1, or an
 * older host present, RFC 3376 7.3.2 and RFC 3810 8.3.2). */
static bool leave_applies(const struct ck_gmp_group *p,
			  const struct ck_gmp_querier *q, enum net_af af,
			  sim_time_t t)
{
	uint8_t newest = af == NET_AF_IP6 ? 2 : 3;

	if (af == NET_AF_IP4 && q->version < 2)
		return false; /* IGMPv1 routers ignore Leaves */
	if (!p->has_report || t - p->last_report > gmi(q))
		return false;
	if (q->version == newest &&
	    (!p->has_old_report || t - p->last_old_report > gmi(q)))
		return false;
	return true;
}

static void leave_msg(struct ck_ctx *c, struct ck_gmp *g,
		      const struct ck_frame *f, struct ck_gmp_link *l,
		      const struct gmp_msg *m)
{
	struct ck_gmp_member *mb;
	struct ck_gmp_group *p = find_group(g, f->link, &m->group, true);
	struct ck_gmp_querier *q = cur_querier(l, f->t);

	mb = get_member(g, f->link, &f->pi.src, &m->group, NULL);
	if (mb) {
		mb->has_leave = true;
		mb->last_leave = f->t;
	}
	if (!p || p->leave_active)
		return;
	if (!q || !leave_applies(p, q, m->af, f->t)) {
		ck_count(c,
			 "gmp leaves with no querier or no known member "
			 "(leave queries not checked)",
			 1);
		return;
	}
	if (g->npending >= CK_GMP_MAX_PENDING) {
		g->pending_dropped++;
		return;
	}
	p->leave_active = true;
	p->pending = true;
	p->report_seen = false;
	p->leave_t = f->t;
	p->leave_frame = f->no;
	p->querier = q->addr;
	p->host = f->pi.src;
	p->lmqc = q->qrv ? q->qrv : CK_GMP_DEF_RV;
	p->lmqi = CK_GMP_DEF_LMQI;
	p->nq = 0;
	p->last_q = f->t;
	g->pending[g->npending++] = p;
	if (leave_deadline(p) < g->next_deadline)
		g->next_deadline = leave_deadline(p);
}

static void query_msg(struct ck_ctx *c, struct ck_gmp *g,
		      const struct ck_frame *f, struct ck_gmp_link *l,
		      const struct gmp_msg *m)
{
	bool general = net_addr_is_unspec(&m->group);
	struct ck_gmp_group *p;

	if (general) {
		general_query(c, f, l, m);
	} else if (m->nsrc == 0) {
		p = find_group(g, f->link, &m->group, false);
		if (p && p->leave_active &&
		    net_addr_eq(&p->querier, &f->pi.src))
			leave_query(c, g, f, p, m);
	}
	ring_push(l, f->t, m, general);
}

/* ---- reports and the response deadline ---- */

/* A query of l asking about grp whose window holds t, or NULL. */
static const struct ck_gmp_query *
answered(const struct ck_gmp_link *l, const struct net_addr *grp, sim_time_t t)
{
	for (size_t i = 0; i < l->rn; i++) {
		const struct ck_gmp_query *q = &l->recent[i];

		if ((q->general || net_addr_eq(&q->group, grp)) && q->t <= t &&
		    t <= q->end + CK_GMP_TOL)
			return q;
	}
	return NULL;
}

/* The latest query of l asking about grp sent at or before t. */
static const struct ck_gmp_query *last_query(const struct ck_gmp_link *l,
					     const struct net_addr *grp,
					     sim_time_t t)
{
	const struct ck_gmp_query *best = NULL;

	for (size_t i = 0; i < l->rn; i++) {
		const struct ck_gmp_query *q = &l->recent[i];

		if ((q->general || net_addr_eq(&q->group, grp)) && q->t <= t &&
		    (!best || q->t > best->t))
			best = q;
	}
	return best;
}

static void late_report(struct ck_ctx *c, const struct ck_frame *f,
			const struct ck_gmp_link *l, const struct gmp_msg *m,
			const struct net_addr *grp, const char *what)
{
	const struct ck_gmp_query *q = last_query(l, grp, f->t);
	char a[NET_ADDR_STRLEN], b[NET_ADDR_STRLEN], x[24], y[24];

	if (!q) {
		ck_fail(c, rule(CK_GMP_RESPONSE_DEADLINE, m->af), f->no, f->t,
			"%s for %s from %s answers no query", what,
			addr_str(grp, a), addr_str(&f->pi.src, b));
		return;
	}
	ck_fail(c, rule(CK_GMP_RESPONSE_DEADLINE, m->af), f->no, f->t,
		"%s for %s from %s %s after the last query for it (Max Resp "
		"Time %s, tolerance 0.5s)",
		what, addr_str(grp, a), addr_str(&f->pi.src, b),
		ck_gmp_dur(f->t - q->t, x, 24),
		ck_gmp_dur(q->end - q->t, y, 24));
}

/* v3 / MLDv2: current-state records answer queries (RFC 3376 4.2.12). */
static void report3_deadline(struct ck_ctx *c, const struct ck_frame *f,
			     const struct ck_gmp_link *l,
			     const struct gmp_msg *m)
{
	const struct net_addr *late = NULL;
	unsigned nlate = 0, nchecked = 0;
	char what[48];

	if (!l->any_gq)
		return; /* the capture may have started after the query */
	for (unsigned i = 0; i < m->nrec && i < GMP_MAX_RECORDS; i++) {
		const struct gmp_rec *r = &m->rec[i];

		if (r->type != GMP_REC_IS_IN && r->type != GMP_REC_IS_EX)
			continue;
		if (answered(l, &r->group, f->t)) {
			nchecked++;
		} else if (!l->evicted ||
			   f->t > l->evicted_until + CK_GMP_TOL) {
			nchecked++;
			nlate++;
			if (!late)
				late = &r->group;
		}
	}
	if (!nchecked)
		return;
	if (!late) {
		ck_pass(c, rule(CK_GMP_RESPONSE_DEADLINE, m->af));
		return;
	}
	snprintf(what, sizeof(what), "current-state record (%u of %u late)",
		 nlate, nchecked);
	late_report(c, f, l, m, late, what);
}

/* v1/v2 / MLDv1: the first report after a query of a host that was a
 * member when the query came. */
static void report12_deadline(struct ck_ctx *c, struct ck_gmp *g,
			      const struct ck_frame *f,
			      const struct ck_gmp_link *l,
			      const struct gmp_msg *m)
{
	const struct ck_gmp_query *ql = last_query(l, &m->group, f->t);
	sim_time_t window = CK_GMP_DEF_QI;
	struct ck_gmp_member *mb;
	bool created, member;

	mb = get_member(g, f->link, &f->pi.src, &m->group, &created);
	if (!mb)
		return;
	for (size_t i = 0; i < l->nq; i++)
		if (l->q[i].qi > window)
			window = l->q[i].qi;
	member = !created && ql && mb->last_report < ql->t &&
		 ql->t - mb->last_report <= window + tol_of(window) &&
		 !(mb->has_leave && mb->last_leave >= mb->last_report);
	mb->last_report = f->t;
	if (!member)
		return;
	if (answered(l, &m->group, f->t))
		ck_pass(c, rule(CK_GMP_RESPONSE_DEADLINE, m->af));
	else if (!l->evicted || f->t > l->evicted_until + CK_GMP_TOL)
		late_report(c, f, l, m, &m->group, "report");
}

/* A report names grp: the group has a member (RFC 2236 section 3). */
static void group_reported(struct ck_gmp *g, const struct ck_frame *f,
			   const struct net_addr *grp, bool old)
{
	struct ck_gmp_group *p = find_group(g, f->link, grp, true);

	if (!p)
		return;
	p->has_report = true;
	p->last_report = f->t;
	if (old) {
		p->has_old_report = true;
		p->last_old_report = f->t;
	}
	if (p->leave_active)
		p->report_seen = true;
}

static void report_msg(struct ck_ctx *c, struct ck_gmp *g,
		       const struct ck_frame *f, struct ck_gmp_link *l,
		       const struct gmp_msg *m)
{
	if (m->type != GMP_T_REPORT_V3) {
		report12_deadline(c, g, f, l, m);
		group_reported(g, f, &m->group, true);
		return;
	}
	report3_deadline(c, f, l, m);
	for (unsigned i = 0; i < m->nrec && i < GMP_MAX_RECORDS; i++) {
		const struct gmp_rec *r = &m->rec[i];

		/* TO_IN({}) and BLOCK are (partial) leaves */
		if (r->type == GMP_REC_BLOCK ||
		    (r->type == GMP_REC_TO_IN && r->nsrc == 0))
			continue;
		group_reported(g, f, &r->group, false);
	}
}

void ck_gmp_flow_msg(struct ck_ctx *c, struct ck_gmp *g,
		     const struct ck_frame *f, const struct gmp_msg *m)
{
	struct ck_gmp_link *l = get_link(g, f->link, m->af);

	if (!l)
		return;
	switch (m->type) {
	case GMP_T_QUERY:
		query_msg(c, g, f, l, m);
		break;
	case GMP_T_REPORT_V1:
	case GMP_T_REPORT_V2:
	case GMP_T_REPORT_V3:
		report_msg(c, g, f, l, m);
		break;
	case GMP_T_LEAVE:
		leave_msg(c, g, f, l, m);
		break;
	default:
		break;
	}
}

void ck_gmp_flow_close(struct ck_ctx *c, struct ck_gmp *g)
{
	uint64_t lost = ck_ftab_dropped(g->links) + ck_ftab_dropped(g->groups) +
			ck_ftab_dropped(g->members) + g->pending_dropped;

	if (g->npending)
		ck_count(c,
			 "gmp leaves pending at the end of the capture (not "
			 "judged)",
			 g->npending);
	if (lost)
		ck_count(c, "gmp flows beyond the tables (not tracked)", lost);
}
