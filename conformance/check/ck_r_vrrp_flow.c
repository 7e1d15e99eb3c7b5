/*
 * The VRRP rules over time of `failsim check` (see ck_r_vrrp_int.h), on
 * the advertisements a capture shows per (link, family, VRID, version):
 *  - vrrp.adver-interval (RFC 5798 / RFC 3768 6.4.3): consecutive
 *    advertisements of one Master are one advertised interval apart, within
 *    VRRP_IVL_TOL_PCT + VRRP_CAPTURE_NOISE. Not judged: a gap over
 *    VRRP_PAUSE_MULT intervals (a pause: the router stopped being Master,
 *    or the capture lost adverts), a gap across another router's
 *    advertisement of the same VRID (6.4.3 makes a Master answer a priority
 *    0 at once, RFC 9568 a lower priority too), a change of priority or
 *    interval (implementations advertise a change at once).
 *  - vrrp.two-masters (6.4.3): two routers both advertising the VRID, for
 *    longer than the Master_Down_Interval of the one that should have
 *    yielded (the lower priority; on equal priority the lower primary
 *    address), with that interval taken from the longer of the two
 *    advertised intervals. Reported once per episode.
 *  - vrrp.takeover (6.4.2): when Master A stops and B starts, B must have
 *    waited Master_Down_Interval since A's last advertisement (Skew_Time
 *    after A's priority 0), with Master_Adver_Interval A's advertised
 *    interval for v3 and B's own for v2 (RFC 3768 6.1), minus the
 *    tolerance. Not judged: the first Master of a capture, a B that wins
 *    over A (greater priority, or equal and a greater address: it may
 *    preempt), an owner (priority 255 becomes Master at startup). When B
 *    starts while A's next advertisement is not yet due, the verdict waits:
 *    if A advertises again A did not stop (two Masters, not a takeover).
 *  - vrrp.takeover-late (SHOULD): B took over later than its timer plus
 *    one interval (at least VRRP_LATE_MIN). Only judged when the capture
 *    shows B was there: it was Master before and yielded to a winner, with
 *    no priority 0 since. Otherwise a late Master is simply a router that
 *    came up later, which a capture cannot tell from a slow one.
 * Each new Master after another one (or after its own priority 0) also
 * awaits its gratuitous ARP / unsolicited NA (ck_r_vrrp_ann.c); a Master
 * heard again after a silence with nobody in between is not judged (a
 * link or capture outage looks the same on the wire).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/check/ck_r_vrrp_int.h"

/* ---- the flow table ---- */

static uint32_t flow_hash(uint32_t link, uint8_t af, uint8_t vrid,
			  uint8_t version)
{
	uint32_t h = link * 2654435761u;

	h ^= (uint32_t)af << 16 | (uint32_t)vrid << 8 | version;
	h *= 0x9e3779b1u;
	return h >> 19; /* 13 bits: CKV_BUCKETS */
}

static struct ckv_flow *flow_get(struct ck_ctx *c, struct ckv_state *st,
				 const struct ck_frame *f,
				 const struct vrrp_adv *a)
{
	uint8_t af = (uint8_t)f->pi.af;
	uint32_t b = flow_hash(f->link, af, a->vrid, a->version);
	struct ckv_flow *fl;

	for (int32_t i = st->buckets[b]; i >= 0; i = st->flows[i].next) {
		fl = &st->flows[i];
		if (fl->link == f->link && fl->af == af &&
		    fl->vrid == a->vrid && fl->version == a->version)
			return fl;
	}
	if (st->nflows == CKV_FLOWS_MAX) {
		ck_count(c, "vrrp flows over the limit (not checked)", 1);
		return NULL;
	}
	if (st->nflows == st->capflows) {
		size_t cap = st->capflows ? st->capflows * 2 : 16;
		struct ckv_flow *n = realloc(st->flows, cap * sizeof(*n));

		if (!n) {
			ck_count(c, "vrrp flows over the limit (not checked)",
				 1);
			return NULL;
		}
		st->flows = n;
		st->capflows = cap;
	}
	fl = &st->flows[st->nflows];
	memset(fl, 0, sizeof(*fl));
	fl->link = f->link;
	fl->af = af;
	fl->vrid = a->vrid;
	fl->version = a->version;
	fl->next = st->buckets[b];
	st->buckets[b] = (int32_t)st->nflows++;
	return fl;
}

static int sender_get(struct ck_ctx *c, struct ckv_flow *fl,
		      const struct net_addr *src)
{
	for (int i = 0; i < fl->ns; i++)
		if (net_addr_eq(&fl->s[i].addr, src))
			return i;
	if (fl->ns == CKV_SENDERS_MAX) {
		ck_count(c, "vrrp routers over the limit (not checked)", 1);
		return -1;
	}
	fl->s[fl->ns].addr = *src;
	fl->s[fl->ns].yielded_at = -1;
	return fl->ns++;
}

/* ---- timing helpers (RFC 5798 6.1, RFC 3768 6.1) ---- */

/* Skew_Time of priority prio with Master_Adver_Interval ivl. */
static sim_time_t skew(uint8_t version, uint8_t prio, sim_time_t ivl)
{
	sim_time_t unit = version == 2 ? SIM_S(1) : ivl;

	return (sim_time_t)(256 - prio) * unit / 256;
}

static sim_time_t mdi(uint8_t version, uint8_t prio, sim_time_t ivl)
{
	return 3 * ivl + skew(version, prio, ivl);
}

/* Whether x wins over y as a Master decides in 6.4.3. */
static bool wins(const struct ckv_sender *x, const struct ckv_sender *y)
{
	if (x->prio != y->prio)
		return x->prio > y->prio;
	return net_addr_cmp(&x->addr, &y->addr) > 0;
}

/* Still Master as far as a Backup can tell at t: its last advertisement,
 * of priority > 0, not older than VRRP_PAUSE_MULT intervals + tolerance. */
static bool alive(const struct ckv_sender *s, sim_time_t t)
{
	return s->seen && s->prio > 0 &&
	       t - s->last_t <= VRRP_PAUSE_MULT * s->ivl + ckv_tol(s->ivl);
}

/* ---- vrrp.adver-interval ---- */

static void check_interval(struct ck_ctx *c, const struct ckv_flow *fl,
			   const struct ckv_sender *s, const struct ck_frame *f,
			   const struct vrrp_adv *a)
{
	sim_time_t gap = f->t - s->last_t, tol = ckv_tol(s->ivl);
	char b1[32], b2[32], b3[32], src[NET_ADDR_STRLEN];

	if (a->priority != s->prio || a->adver_int != s->ivl)
		return; /* a change, advertised at once */
	for (int i = 0; i < fl->ns; i++)
		if (&fl->s[i] != s && fl->s[i].seen &&
		    fl->s[i].last_t >= s->last_t)
			return; /* another router spoke in between */
	net_addr_fmt(&s->addr, src, sizeof(src));
	ck_expect(c, CKV_RULE(CKV_INTERVAL),
		  gap >= s->ivl - tol && gap <= s->ivl + tol, f->no, f->t,
		  "%sVRID %u from %s: %s since its advertisement in frame "
		  "%llu, advertised interval %s (tolerance %s)",
		  fl->version == 2 ? "VRRPv2 " : "", fl->vrid, src,
		  ckv_dur(b1, 32, gap), (unsigned long long)s->last_no,
		  ckv_dur(b2, 32, s->ivl), ckv_dur(b3, 32, tol));
}

/* ---- vrrp.two-masters ---- */

static struct ckv_episode *episode(struct ckv_flow *fl, int x, int y, bool make)
{
	struct ckv_episode *free_ep = NULL;

	for (int i = 0; i < CKV_EPISODES_MAX; i++) {
		struct ckv_episode *e = &fl->ep[i];

		if (!e->used) {
			if (!free_ep)
				free_ep = e;
			continue;
		}
		if ((e->a == x && e->b == y) || (e->a == y && e->b == x))
			return e;
	}
	if (!make || !free_ep)
		return NULL;
	memset(free_ep, 0, sizeof(*free_ep));
	free_ep->used = true;
	free_ep->a = (uint8_t)x;
	free_ep->b = (uint8_t)y;
	return free_ep;
}

static void report_two(struct ck_ctx *c, struct ckv_flow *fl,
		       struct ckv_episode *e, const struct ck_frame *f,
		       sim_time_t overlap, sim_time_t limit, sim_time_t tol)
{
	const struct ckv_sender *x = &fl->s[e->a], *y = &fl->s[e->b];
	const struct ckv_sender *w = wins(x, y) ? x : y, *l = w == x ? y : x;
	char aw[NET_ADDR_STRLEN], al[NET_ADDR_STRLEN];
	char b1[32], b2[32], b3[32];

	net_addr_fmt(&w->addr, aw, sizeof(aw));
	net_addr_fmt(&l->addr, al, sizeof(al));
	e->reported = true;
	fl->two_failed = true;
	ck_fail(c, CKV_RULE(CKV_TWO_MASTERS), f->no, f->t,
		"%sVRID %u: %s (prio %u) should have yielded to %s (prio "
		"%u%s): both Master %s since frame %llu > MDI %s + %s",
		fl->version == 2 ? "VRRPv2 " : "", fl->vrid, al, l->prio, aw,
		w->prio, l->prio == w->prio ? ", tie: lower address" : "",
		ckv_dur(b1, 32, overlap), (unsigned long long)e->start_no,
		ckv_dur(b2, 32, limit), ckv_dur(b3, 32, tol));
}

/* Sender x (priority > 0) advertised at f->t: pair it with every other
 * live Master, and close the episodes whose other router went quiet. */
static void check_two(struct ck_ctx *c, struct ckv_flow *fl, int x,
		      const struct ck_frame *f)
{
	struct ckv_sender *sx = &fl->s[x];

	for (int y = 0; y < fl->ns; y++) {
		struct ckv_sender *sy = &fl->s[y];
		struct ckv_episode *e;
		sim_time_t ivl, limit, overlap, tol;

		if (y == x)
			continue;
		if (!alive(sy, f->t)) {
			e = episode(fl, x, y, false);
			if (e)
				e->used = false; /* resolved */
			continue;
		}
		e = episode(fl, x, y, true);
		if (!e) {
			ck_count(c, "vrrp two-Master episodes over the limit",
				 1);
			continue;
		}
		if (e->start == 0 && e->start_no == 0) {
			e->start = f->t;
			e->start_no = f->no;
		}
		ivl = sx->ivl > sy->ivl ? sx->ivl : sy->ivl;
		limit = mdi(fl->version, wins(sx, sy) ? sy->prio : sx->prio,
			    ivl);
		tol = ckv_tol(ivl);
		overlap = (sy->last_t < f->t ? sy->last_t : f->t) - e->start;
		if (!e->reported && overlap > limit + tol)
			report_two(c, fl, e, f, overlap, limit, tol);
	}
}

static void end_episodes(struct ckv_flow *fl, int x)
{
	for (int i = 0; i < CKV_EPISODES_MAX; i++)
		if (fl->ep[i].used && (fl->ep[i].a == x || fl->ep[i].b == x))
			fl->ep[i].used = false;
}

/* ---- vrrp.takeover, vrrp.takeover-late ---- */

static void judge_takeover(struct ck_ctx *c, struct ckv_flow *fl)
{
	struct ckv_takeover *tk = &fl->tk;
	/* Master_Adver_Interval: learned from A (v3), B's own (v2). */
	sim_time_t ivl = fl->version == 3 ? tk->from_ivl : tk->to_ivl;
	sim_time_t want = tk->resign ? skew(fl->version, tk->to_prio, ivl)
				     : mdi(fl->version, tk->to_prio, ivl);
	sim_time_t d = tk->t1 - tk->t0, tol = ckv_tol(ivl);
	sim_time_t late = ivl > VRRP_LATE_MIN ? ivl : VRRP_LATE_MIN;
	char a[NET_ADDR_STRLEN], b[NET_ADDR_STRLEN];
	char b1[32], b2[32], b3[32];
	const char *what = tk->resign ? "Skew_Time" : "Master_Down_Interval";

	tk->pending = false;
	net_addr_fmt(&fl->s[tk->from].addr, a, sizeof(a));
	net_addr_fmt(&fl->s[tk->to].addr, b, sizeof(b));
	ck_expect(c, CKV_RULE(CKV_TAKEOVER), d >= want - tol, tk->no1, tk->t1,
		  "%sVRID %u: %s (prio %u) Master %s after the %s of %s "
		  "(frame %llu) < %s %s - %s",
		  fl->version == 2 ? "VRRPv2 " : "", fl->vrid, b, tk->to_prio,
		  ckv_dur(b1, 32, d), tk->resign ? "priority 0" : "last advert",
		  a, (unsigned long long)tk->no0, what, ckv_dur(b2, 32, want),
		  ckv_dur(b3, 32, tol));
	if (!tk->evidence)
		return;
	ck_expect(c, CKV_RULE(CKV_TAKEOVER_LATE), d <= want + late + tol,
		  tk->no1, tk->t1,
		  "%sVRID %u: %s (prio %u, a Backup since it yielded) Master "
		  "%s after %s (frame %llu) > %s %s + %s",
		  fl->version == 2 ? "VRRPv2 " : "", fl->vrid, b, tk->to_prio,
		  ckv_dur(b1, 32, d), a, (unsigned long long)tk->no0, what,
		  ckv_dur(b2, 32, want), ckv_dur(b3, 32, late + tol));
}

/* The old Master's next advertisement is overdue at t: it stopped. */
static bool overdue(const struct ckv_takeover *tk, sim_time_t t)
{
	return t > tk->t0 + tk->from_ivl + ckv_tol(tk->from_ivl);
}

/* Sender b starts being Master at f after a, the previous Master. */
static void start_takeover(struct ck_ctx *c, struct ckv_flow *fl, int ia,
			   int ib, const struct ck_frame *f,
			   const struct vrrp_adv *adv)
{
	const struct ckv_sender *sa = &fl->s[ia], *sb = &fl->s[ib];
	struct ckv_takeover *tk = &fl->tk;
	struct ckv_sender nb = *sb;

	nb.prio = adv->priority;
	if (adv->priority == VRRP_PRIO_OWNER) {
		ck_count(c, "vrrp takeovers by an owner (not judged)", 1);
		return;
	}
	if (sa->prio != 0 && wins(&nb, sa)) {
		ck_count(c, "vrrp takeovers by preemption (not judged)", 1);
		return;
	}
	memset(tk, 0, sizeof(*tk));
	tk->resign = sa->prio == 0;
	tk->from = (uint8_t)ia;
	tk->to = (uint8_t)ib;
	tk->t0 = sa->last_t;
	tk->no0 = sa->last_no;
	tk->t1 = f->t;
	tk->no1 = f->no;
	tk->to_prio = adv->priority;
	tk->from_ivl = sa->ivl;
	tk->to_ivl = adv->adver_int;
	/* B was Master, yielded to a winner, and stayed quiet since (no
	 * priority 0): it was there as a Backup. */
	tk->evidence =
		sb->seen && sb->prio > 0 && sb->yielded_at >= 0 &&
		sb->last_t <= sb->yielded_at + sb->ivl + ckv_tol(sb->ivl);
	tk->pending = true;
	if (tk->resign || overdue(tk, f->t))
		judge_takeover(c, fl);
}

/* A pending takeover at f (from sender x): A spoke again, or is overdue. */
static void resolve_takeover(struct ck_ctx *c, struct ckv_flow *fl, int x,
			     const struct ck_frame *f, const struct vrrp_adv *a)
{
	struct ckv_takeover *tk = &fl->tk;

	if (!tk->pending)
		return;
	if (x == tk->from && a->priority == VRRP_PRIO_RESIGN) {
		judge_takeover(c, fl); /* it stopped after B had started */
		return;
	}
	if (x == tk->from) {
		tk->pending = false;
		ck_count(c,
			 "vrrp takeovers with the old Master still "
			 "advertising (two Masters, not judged)",
			 1);
		return;
	}
	if (overdue(tk, f->t))
		judge_takeover(c, fl);
}

/* ---- one advertisement ---- */

/* The other router that advertised last, or -1. */
static int previous_master(const struct ckv_flow *fl, int x)
{
	int best = -1;

	for (int i = 0; i < fl->ns; i++)
		if (i != x && fl->s[i].seen &&
		    (best < 0 || fl->s[i].last_t > fl->s[best].last_t))
			best = i;
	return best;
}

/*
 * Sender x starts a run at f->t: mark the Masters that should yield to it,
 * those still on schedule (last advertisement within one interval): a
 * Master that stopped earlier failed rather than yielded.
 */
static void mark_yield(struct ckv_flow *fl, int x, uint8_t prio, sim_time_t t)
{
	struct ckv_sender nx = fl->s[x];

	nx.prio = prio;
	for (int i = 0; i < fl->ns; i++) {
		struct ckv_sender *o = &fl->s[i];

		if (i != x && o->seen && o->prio > 0 &&
		    t - o->last_t <= o->ivl + ckv_tol(o->ivl) && wins(&nx, o))
			o->yielded_at = t;
	}
}

static void run_start(struct ck_ctx *c, struct ckv_state *st,
		      struct ckv_flow *fl, int x, const struct ck_frame *f,
		      const struct vrrp_adv *a)
{
	const struct ckv_sender *s = &fl->s[x];
	int prev = previous_master(fl, x);

	/* x itself advertised last: no other Master came in between. */
	if (prev >= 0 && s->seen && fl->s[prev].last_t < s->last_t)
		prev = -1;
	if (prev >= 0 && !fl->tk.pending)
		start_takeover(c, fl, prev, x, f, a);
	/*
	 * A new Master after another one, or after its own priority 0,
	 * announces its addresses (RFC 5798 6.4.1/6.4.2). A Master heard
	 * again after a silence with nobody in between may never have
	 * left the role (a link or capture outage): not judged.
	 */
	if (prev >= 0 || (s->seen && s->prio == VRRP_PRIO_RESIGN))
		ckv_ann_expect(c, st, f, a);
	else if (s->seen)
		ck_count(c,
			 "vrrp Masters heard again after a silence (no "
			 "announcement judged)",
			 1);
	mark_yield(fl, x, a->priority, f->t);
}

void ckv_flow_adv(struct ck_ctx *c, struct ckv_state *st,
		  const struct ck_frame *f, const struct vrrp_adv *a)
{
	struct ckv_flow *fl = flow_get(c, st, f, a);
	struct ckv_sender *s;
	int x;

	if (!fl)
		return;
	x = sender_get(c, fl, &f->pi.src);
	if (x < 0)
		return;
	s = &fl->s[x];
	if (s->seen && f->t < s->last_t) {
		ck_count(c,
			 "vrrp advertisements out of time order (not "
			 "judged)",
			 1);
		return;
	}
	resolve_takeover(c, fl, x, f, a);
	if (a->priority > 0) {
		fl->any_master = true;
		if (alive(s, f->t)) {
			check_interval(c, fl, s, f, a);
		} else {
			if (s->seen && s->prio > 0)
				ck_count(c,
					 "vrrp pauses over 3 intervals (not "
					 "judged)",
					 1);
			run_start(c, st, fl, x, f, a);
		}
	}
	s->seen = true;
	s->prio = a->priority;
	s->ivl = a->adver_int;
	s->last_t = f->t;
	s->last_no = f->no;
	if (a->priority == VRRP_PRIO_RESIGN)
		end_episodes(fl, x);
	else
		check_two(c, fl, x, f);
}

void ckv_flow_close(struct ck_ctx *c, struct ckv_state *st)
{
	for (size_t i = 0; i < st->nflows; i++) {
		struct ckv_flow *fl = &st->flows[i];

		/* A takeover whose old Master was due before the end. */
		if (fl->tk.pending && st->any && overdue(&fl->tk, st->last_t))
			judge_takeover(c, fl);
		else if (fl->tk.pending)
			ck_count(c,
				 "vrrp takeovers at the end of the capture "
				 "(not judged)",
				 1);
		if (fl->any_master && !fl->two_failed)
			ck_pass(c, CKV_RULE(CKV_TWO_MASTERS));
	}
}
