/*
 * Tests of the group record tables of RFC 3376 section 6.4 (RFC 3810
 * 7.4): every row of 6.4.1 (IS_IN, IS_EX) and 6.4.2 (ALLOW, BLOCK, TO_IN,
 * TO_EX) from INCLUDE (A), from EXCLUDE (X,Y) and from no record, with
 * empty lists, table-driven, for IGMPv3 and MLDv2, each row as querier
 * (the Send Q actions: sources lowered to LMQT and queried, 6.6.3) and as
 * non-querier (no query, no lowering). The initial state is imported
 * (exact timers); the record arrives later so every timer class is told
 * apart. Then the retransmissions of group-and-source-specific queries
 * and the S flag (6.6.3.2), the group-specific S flag (6.6.3.1), the
 * EXCLUDE to INCLUDE switch at Group Timer expiry (6.5) and the split of
 * a long query (4.1.8).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_test_util.h"

#define T_IMP SIM_S(1)	 /* initial state imported */
#define T_REC SIM_S(5)	 /* the record arrives */
#define LEFT  SIM_S(100) /* imported source timers: class T */
#define GLEFT SIM_S(200) /* imported group timer: class R */
#define GMI   SIM_S(260)
#define LMQT  SIM_S(2)
#define NONE  (-1)

/*
 * One row. Sources are letters a..e; initial and expected lists are
 * "letter+class" tokens. Classes: T the imported source timer, R the
 * imported Group Timer value, G now + GMI, Z zero (Exclude List). A
 * querier lowers the sources of q (and, with qg, the Group Timer) to
 * now + LMQT and sends those queries.
 */
struct tcase {
	const char *name;
	int init; /* NONE, GMP_INCLUDE, GMP_EXCLUDE */
	const char *srcs;
	uint8_t rec;
	const char *b;
	int mode; /* expected; NONE: no record */
	const char *exp;
	char gt; /* Group Timer: G, R or N (not running) */
	const char *q;
	bool qg;
};

#define IN GMP_INCLUDE
#define EX GMP_EXCLUDE

static const struct tcase tcases[] = {
	/* INCLUDE (A), A = {a,b}, B = {b,c} */
	{ "IN IS_IN", IN, "aT bT", GMP_REC_IS_IN, "bc", IN, "aT bG cG", 'N' },
	{ "IN ALLOW", IN, "aT bT", GMP_REC_ALLOW, "bc", IN, "aT bG cG", 'N' },
	{ "IN BLOCK", IN, "aT bT", GMP_REC_BLOCK, "bc", IN, "aT bT", 'N', "b" },
	{ "IN TO_IN", IN, "aT bT", GMP_REC_TO_IN, "bc", IN, "aT bG cG", 'N',
	  "a" },
	{ "IN IS_EX", IN, "aT bT", GMP_REC_IS_EX, "bc", EX, "bT cZ", 'G' },
	{ "IN TO_EX", IN, "aT bT", GMP_REC_TO_EX, "bc", EX, "bT cZ", 'G', "b" },
	/* EXCLUDE (X,Y), X = {a,b}, Y = {c,d}, A = {b,c,e} */
	{ "EX IS_IN", EX, "aT bT cZ dZ", GMP_REC_IS_IN, "bce", EX,
	  "aT bG cG dZ eG", 'R' },
	{ "EX ALLOW", EX, "aT bT cZ dZ", GMP_REC_ALLOW, "bce", EX,
	  "aT bG cG dZ eG", 'R' },
	{ "EX BLOCK", EX, "aT bT cZ dZ", GMP_REC_BLOCK, "bce", EX,
	  "aT bT cZ dZ eR", 'R', "be" },
	{ "EX TO_IN", EX, "aT bT cZ dZ", GMP_REC_TO_IN, "bce", EX,
	  "aT bG cG dZ eG", 'R', "a", true },
	{ "EX IS_EX", EX, "aT bT cZ dZ", GMP_REC_IS_EX, "bce", EX, "bT cZ eG",
	  'G' },
	{ "EX TO_EX", EX, "aT bT cZ dZ", GMP_REC_TO_EX, "bce", EX, "bT cZ eR",
	  'G', "be" },
	/* No record: INCLUDE ({}) (6.4) */
	{ "- IS_IN", NONE, "", GMP_REC_IS_IN, "bc", IN, "bG cG", 'N' },
	{ "- ALLOW", NONE, "", GMP_REC_ALLOW, "bc", IN, "bG cG", 'N' },
	{ "- TO_IN", NONE, "", GMP_REC_TO_IN, "bc", IN, "bG cG", 'N' },
	{ "- BLOCK", NONE, "", GMP_REC_BLOCK, "bc", NONE, "", 'N' },
	{ "- IS_EX", NONE, "", GMP_REC_IS_EX, "bc", EX, "bZ cZ", 'G' },
	{ "- TO_EX", NONE, "", GMP_REC_TO_EX, "bc", EX, "bZ cZ", 'G' },
	/* Empty source lists */
	{ "- IS_IN {}", NONE, "", GMP_REC_IS_IN, "", NONE, "", 'N' },
	{ "- TO_IN {}", NONE, "", GMP_REC_TO_IN, "", NONE, "", 'N' },
	{ "- IS_EX {}", NONE, "", GMP_REC_IS_EX, "", EX, "", 'G' },
	{ "IN TO_IN {}", IN, "aT bT", GMP_REC_TO_IN, "", IN, "aT bT", 'N',
	  "ab" },
	{ "IN IS_EX {}", IN, "aT bT", GMP_REC_IS_EX, "", EX, "", 'G' },
	{ "IN TO_EX {}", IN, "aT bT", GMP_REC_TO_EX, "", EX, "", 'G' },
	{ "IN BLOCK {}", IN, "aT bT", GMP_REC_BLOCK, "", IN, "aT bT", 'N' },
	{ "EX TO_IN {}", EX, "aT bT cZ dZ", GMP_REC_TO_IN, "", EX,
	  "aT bT cZ dZ", 'R', "ab", true },
	{ "EX IS_EX {}", EX, "aT bT cZ dZ", GMP_REC_IS_EX, "", EX, "", 'G' },
	{ "EX BLOCK {}", EX, "aT bT cZ dZ", GMP_REC_BLOCK, "", EX,
	  "aT bT cZ dZ", 'R' },
	/* Sets at the edges */
	{ "EX ALLOW Y", EX, "aT bT cZ dZ", GMP_REC_ALLOW, "cd", EX,
	  "aT bT cG dG", 'R' },
	{ "EX BLOCK Y", EX, "aT bT cZ dZ", GMP_REC_BLOCK, "cd", EX,
	  "aT bT cZ dZ", 'R' },
	{ "EX TO_EX Y", EX, "aT bT cZ dZ", GMP_REC_TO_EX, "cd", EX, "cZ dZ",
	  'G' },
	{ "IN BLOCK new", IN, "aT bT", GMP_REC_BLOCK, "de", IN, "aT bT", 'N' },
	{ "IN unknown type", IN, "aT bT", 7, "bc", IN, "aT bT", 'N' },
	{ "EX unknown type", EX, "aT cZ", 0, "ac", EX, "aT cZ", 'R' },
};

static void gt_letter(enum net_af af, char l, char *buf, size_t len)
{
	if (af == NET_AF_IP6)
		snprintf(buf, len, "2001:db8::%d", l - 'a' + 1);
	else
		snprintf(buf, len, "10.1.0.%d", l - 'a' + 1);
}

/* "bce" -> "10.1.0.2 10.1.0.3 10.1.0.5" */
static void gt_letters(enum net_af af, const char *s, char *out, size_t len)
{
	char a[64];

	out[0] = '\0';
	for (; s && *s; s++) {
		gt_letter(af, *s, a, sizeof(a));
		if (out[0])
			strncat(out, " ", len - strlen(out) - 1);
		strncat(out, a, len - strlen(out) - 1);
	}
}

static sim_time_t gt_class(char c)
{
	switch (c) {
	case 'T':
		return T_IMP + LEFT;
	case 'R':
		return T_IMP + GLEFT;
	case 'G':
		return T_REC + GMI;
	case 'Z':
	case 'N':
		return -1;
	default:
		fail_msg("bad class %c", c);
		return 0;
	}
}

static void gt_import_init(struct gt_end *e, enum net_af af, const char *grp,
			   const struct tcase *tc)
{
	sim_time_t left[8];
	char list[256] = "", a[64];
	size_t n = 0;

	for (const char *p = tc->srcs; *p; p += 2) {
		while (*p == ' ')
			p++;
		assert_true(p[0] && p[1] && n < 8);
		gt_letter(af, p[0], a, sizeof(a));
		if (list[0])
			strcat(list, " ");
		strcat(list, a);
		left[n++] = p[1] == 'Z' ? 0 : LEFT;
	}
	assert_int_equal(
		gt_import(e, grp, (enum gmp_mode)tc->init, GLEFT, list, left),
		0);
}

static void gt_check_srcs(const struct gt_end *e, enum net_af af,
			  const char *grp, const struct tcase *tc, bool querier,
			  const struct gmp_group_info *gi)
{
	size_t n = 0;
	char a[64];

	for (const char *p = tc->exp; *p; p += 2) {
		sim_time_t want, got;

		while (*p == ' ')
			p++;
		assert_true(p[0] && p[1]);
		want = gt_class(p[1]);
		if (querier && tc->q && strchr(tc->q, p[0]))
			want = T_REC + LMQT;
		gt_letter(af, p[0], a, sizeof(a));
		if (!gt_src(e, grp, a, &got))
			fail_msg("%s: source %c missing", tc->name, p[0]);
		if (got != want)
			fail_msg("%s (%s): source %c timer %lld, want %lld",
				 tc->name, querier ? "querier" : "non-querier",
				 p[0], (long long)got, (long long)want);
		n++;
	}
	if (gi->nsrc != n)
		fail_msg("%s: %zu sources, want %zu", tc->name, gi->nsrc, n);
}

/* The queries sent at T_REC: Q(G,S) without S listing q, Q(G) iff qg. */
static void gt_check_queries(const struct gt_end *e, enum net_af af,
			     const char *grp, const struct tcase *tc,
			     bool querier, size_t nq0)
{
	char want[256];
	size_t ngs = 0, ngss = 0;
	const struct gt_q *gss = NULL;

	for (size_t i = nq0; i < e->nq; i++) {
		const struct gt_q *q = &e->q[i];

		if (net_addr_is_unspec(&q->group))
			continue;
		assert_int_equal(q->t, T_REC);
		assert_false(q->s);
		if (q->nsrc == 0) {
			ngs++;
		} else {
			ngss++;
			gss = q;
		}
	}
	if (!querier) {
		assert_int_equal(ngs + ngss, 0);
		return;
	}
	assert_int_equal(ngs, tc->qg ? 1 : 0);
	if (!tc->q || !tc->q[0]) {
		if (ngss != 0)
			fail_msg("%s: unexpected Q(G,S)", tc->name);
		return;
	}
	assert_int_equal(ngss, 1);
	gt_letters(af, tc->q, want, sizeof(want));
	if (!gt_q_srcs(gss, want))
		fail_msg("%s: Q(G,S) sources differ from %s", tc->name, tc->q);
	(void)grp;
}

static void gt_run_case(const struct tcase *tc, enum net_af af, bool querier)
{
	uint8_t ver = af == NET_AF_IP6 ? 2 : 3;
	struct gmp_if_cfg c = gt_cfg(1, af, ver);
	const char *grp = af == NET_AF_IP6 ? "ff3e::1" : "232.1.1.1";
	const char *host = af == NET_AF_IP6 ? "fe80::100" : "10.0.0.100";
	struct gt *h = gt_new(1, &c);
	struct gt_end *e = &h->e[0];
	struct gmp_group_info gi;
	char b[256];
	sim_time_t gt;
	size_t nq0;

	gt_start(h, 0);
	if (!querier) {
		gt_run_to(h, SIM_MS(500));
		gt_rx_query(h, 0, af == NET_AF_IP6 ? "fe80::1" : "10.0.0.1",
			    ver, NULL, NULL, false);
		assert_int_equal(gt_info(e).qstate, GMP_NON_QUERIER);
	}
	gt_run_to(h, T_IMP);
	if (tc->init != NONE)
		gt_import_init(e, af, grp, tc);
	gt_run_to(h, T_REC);
	nq0 = e->nq;
	gt_letters(af, tc->b, b, sizeof(b));
	gt_rx_v3(h, 0, host, tc->rec, grp, b);
	if (tc->mode == NONE) {
		if (gt_group(e, grp, &gi))
			fail_msg("%s: a record was created", tc->name);
		assert_int_equal(e->nq, nq0);
		gt_free(h);
		return;
	}
	if (!gt_group(e, grp, &gi))
		fail_msg("%s: no record", tc->name);
	if ((int)gi.mode != tc->mode)
		fail_msg("%s: mode %d", tc->name, gi.mode);
	gt = querier && tc->qg ? T_REC + LMQT : gt_class(tc->gt);
	if (gi.expires != gt)
		fail_msg("%s: group timer %lld, want %lld", tc->name,
			 (long long)gi.expires, (long long)gt);
	if (tc->rec >= GMP_REC_IS_IN && tc->rec <= GMP_REC_BLOCK)
		assert_false(gi.imported);
	gt_check_srcs(e, af, grp, tc, querier, &gi);
	gt_check_queries(e, af, grp, tc, querier, nq0);
	gt_free(h);
}

void gt_test_table(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(tcases) / sizeof(tcases[0]); k++) {
		gt_run_case(&tcases[k], NET_AF_IP4, true);
		gt_run_case(&tcases[k], NET_AF_IP4, false);
	}
}

void gt_test_table_mld(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(tcases) / sizeof(tcases[0]); k++) {
		gt_run_case(&tcases[k], NET_AF_IP6, true);
		gt_run_case(&tcases[k], NET_AF_IP6, false);
	}
}

/* ---- specific query retransmission (6.6.3) ---- */

#define G  "232.1.1.1"
#define HA "10.0.0.100"
#define SA "10.1.0.1"
#define SB "10.1.0.2"

/*
 * INCLUDE (a,b); BLOCK (a) at 5 s: Q(G,{a}) at 5 s and 6 s (LMQC 2, LMQI
 * 1 s) without the S flag, a's timer lowered to 7 s, where it goes.
 */
void gt_test_gss_rxmt(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	sim_time_t x;

	(void)state;
	gt_run_to(h, SIM_S(1));
	gt_rx_v3(h, 0, HA, GMP_REC_IS_IN, G, SA " " SB);
	gt_run_to(h, SIM_S(5));
	gt_rx_v3(h, 0, HA, GMP_REC_BLOCK, G, SA);
	assert_true(gt_src(A, G, SA, &x));
	assert_int_equal(x, SIM_S(7));
	/* Again while a's timer is at LMQT or below: nothing new (only
	 * sources above LMQT get retransmission state, 6.6.3.2). */
	gt_run_to(h, SIM_MS(5500));
	gt_rx_v3(h, 0, HA, GMP_REC_BLOCK, G, SA);
	assert_int_equal(gt_nq(A, G, 1), 1);
	assert_true(gt_src(A, G, SA, &x));
	assert_int_equal(x, SIM_S(7));
	gt_run_to(h, SIM_S(7) - 1);
	assert_int_equal(gt_nq(A, G, 1), 2);
	for (size_t i = 0; i < 2; i++) {
		const struct gt_q *q = gt_q(A, G, 1, i);

		assert_int_equal(q->t, SIM_S(5) + (sim_time_t)i * SIM_S(1));
		assert_false(q->s);
		assert_true(gt_q_srcs(q, SA));
		assert_int_equal(q->max_resp, SIM_S(1));
		assert_int_equal(q->dst.b[0], 232);
	}
	assert_true(gt_src(A, G, SA, NULL));
	gt_run_to(h, SIM_S(7));
	assert_false(gt_src(A, G, SA, NULL));
	assert_true(gt_src(A, G, SB, &x));
	assert_int_equal(x, SIM_S(261));
	gt_run_to(h, SIM_S(20));
	assert_int_equal(gt_nq(A, G, 1), 2);
	assert_int_equal(gt_info(A).tx_group_src, 2);
	/* a REMOVED at 7 s exactly (after group, a, b ADDED). */
	assert_int_equal(gt_nev(A, G), 4);
	assert_int_equal(gt_ev(A, G, 3)->change, GMP_REMOVED);
	assert_int_equal(gt_ev(A, G, 3)->t, SIM_S(7));
	gt_free(h);
}

/*
 * BLOCK (a,b) at 5 s; a host still wants a (ALLOW at 5.5 s): the
 * retransmission at 6 s is two messages, {a} with the S flag (its timer
 * is above LMQT) and {b} without; a stays, b goes at 7 s.
 */
void gt_test_gss_s_flag(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	const struct gt_q *q;
	sim_time_t x;

	(void)state;
	gt_rx_v3(h, 0, HA, GMP_REC_IS_IN, G, SA " " SB);
	gt_run_to(h, SIM_S(5));
	gt_rx_v3(h, 0, HA, GMP_REC_BLOCK, G, SA " " SB);
	assert_int_equal(gt_nq(A, G, 1), 1);
	assert_true(gt_q_srcs(gt_q(A, G, 1, 0), SA " " SB));
	gt_run_to(h, SIM_MS(5500));
	gt_rx_v3(h, 0, "10.0.0.101", GMP_REC_ALLOW, G, SA);
	gt_run_to(h, SIM_S(6));
	assert_int_equal(gt_nq(A, G, 1), 3);
	q = gt_q(A, G, 1, 1);
	assert_int_equal(q->t, SIM_S(6));
	assert_true(q->s);
	assert_true(gt_q_srcs(q, SA));
	q = gt_q(A, G, 1, 2);
	assert_int_equal(q->t, SIM_S(6));
	assert_false(q->s);
	assert_true(gt_q_srcs(q, SB));
	gt_run_to(h, SIM_S(7));
	assert_true(gt_src(A, G, SA, &x));
	assert_int_equal(x, SIM_MS(5500) + SIM_S(260));
	assert_false(gt_src(A, G, SB, NULL));
	gt_run_to(h, SIM_S(30));
	assert_int_equal(gt_nq(A, G, 1), 3);
	gt_free(h);
}

/* 6.6.3.1: EXCLUDE, TO_IN({}) at 50 s: Q(G) at 50 s without S; a report
 * at 50.5 s raises the Group Timer, so the one at 51 s has S set. */
void gt_test_gs_s_flag(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;

	(void)state;
	gt_rx_v3(h, 0, HA, GMP_REC_IS_EX, G, NULL);
	gt_run_to(h, SIM_S(50));
	gt_rx_v3(h, 0, HA, GMP_REC_TO_IN, G, NULL);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.expires, SIM_S(52));
	gt_run_to(h, SIM_MS(50500));
	gt_rx_v3(h, 0, "10.0.0.101", GMP_REC_IS_EX, G, NULL);
	gt_run_to(h, SIM_S(60));
	assert_int_equal(gt_nq(A, G, 0), 2);
	assert_false(gt_q(A, G, 0, 0)->s);
	assert_int_equal(gt_q(A, G, 0, 1)->t, SIM_S(51));
	assert_true(gt_q(A, G, 0, 1)->s);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.expires, SIM_MS(50500) + SIM_S(260));
	assert_int_equal(gt_info(A).tx_group, 2);
	gt_free(h);
}

/*
 * 6.5: EXCLUDE ({a},{c}) by IS_EX({c}) at 1 s and ALLOW(a) at 10 s; at
 * the Group Timer (261 s) the record switches to INCLUDE ({a}), c goes;
 * at a's timer (270 s) the record goes. Without a running source the
 * record goes at the Group Timer.
 */
void gt_test_excl_to_incl(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;
	const struct gt_ev *ev;

	(void)state;
	gt_run_to(h, SIM_S(1));
	gt_rx_v3(h, 0, HA, GMP_REC_IS_EX, G, "10.1.0.3");
	gt_rx_v3(h, 0, HA, GMP_REC_IS_EX, "232.1.1.2", "10.1.0.3");
	gt_run_to(h, SIM_S(10));
	gt_rx_v3(h, 0, HA, GMP_REC_ALLOW, G, SA);
	gt_clear_ev(A);
	gt_run_to(h, SIM_S(261) - 1);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.mode, GMP_EXCLUDE);
	gt_run_to(h, SIM_S(261));
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.mode, GMP_INCLUDE);
	assert_int_equal(gi.expires, -1);
	assert_int_equal(gi.nsrc, 1);
	assert_true(gt_src(A, G, SA, NULL));
	assert_false(gt_group(A, "232.1.1.2", &gi));
	/* G: c REMOVED (blocked), group CHANGED to INCLUDE. */
	assert_int_equal(gt_nev(A, G), 2);
	ev = gt_ev(A, G, 0);
	assert_int_equal(ev->change, GMP_REMOVED);
	assert_int_equal(ev->mode, GMP_EXCLUDE);
	assert_int_equal(ev->src.b[3], 3);
	ev = gt_ev(A, G, 1);
	assert_int_equal(ev->change, GMP_CHANGED);
	assert_int_equal(ev->mode, GMP_INCLUDE);
	assert_int_equal(ev->src.af, NET_AF_NONE);
	assert_int_equal(ev->t, SIM_S(261));
	assert_int_equal(gt_ev(A, "232.1.1.2", 1)->change, GMP_REMOVED);
	assert_int_equal(node_tw_count(h->w, "A", "igmp", "mode-change"), 1);
	gt_run_to(h, SIM_S(270) - 1);
	assert_true(gt_group(A, G, &gi));
	gt_run_to(h, SIM_S(270));
	assert_false(gt_group(A, G, &gi));
	gt_free(h);
}

/* 4.1.8: a query whose sources do not fit a 1500-byte frame is split. */
void gt_test_gss_split(void **state)
{
	static const struct {
		enum net_af af;
		size_t n, max;
	} tc[] = { { NET_AF_IP4, 400, 366 }, { NET_AF_IP6, 100, 89 } };

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		struct gt *h = gt_one(tc[k].af, tc[k].af == NET_AF_IP6 ? 2 : 3);
		struct gt_end *A = &h->e[0];
		struct gmp_msg *m = &h->m;
		struct net_addr from =
			node_tw_addr(tc[k].af == NET_AF_IP6 ? "fe80::100" : HA);
		const char *grp = tc[k].af == NET_AF_IP6 ? "ff3e::1" : G;

		memset(m, 0, offsetof(struct gmp_msg, rec));
		m->af = tc[k].af;
		m->type = GMP_T_REPORT_V3;
		m->version = tc[k].af == NET_AF_IP6 ? 2 : 3;
		m->nrec = 2;
		for (size_t i = 0; i < tc[k].n; i++) {
			struct net_addr *s = &m->srcs[i];

			memset(s, 0, sizeof(*s));
			s->af = tc[k].af;
			s->b[0] = tc[k].af == NET_AF_IP6 ? 0x20 : 10;
			s->b[2] = (uint8_t)(i >> 8);
			s->b[3] = (uint8_t)i;
			s->b[15] = tc[k].af == NET_AF_IP6 ? 1 : 0;
		}
		for (int r = 0; r < 2; r++) {
			m->rec[r].type = r ? GMP_REC_BLOCK : GMP_REC_IS_IN;
			m->rec[r].group = node_tw_addr(grp);
			m->rec[r].nsrc = (uint16_t)tc[k].n;
		}
		m->srcs_used = (uint32_t)tc[k].n;
		gt_run_to(h, SIM_S(3));
		gmp_if_rx(A->gi, m, &from, NULL);
		assert_int_equal(gt_nq(A, grp, 1), 2);
		assert_int_equal(gt_q(A, grp, 1, 0)->nsrc, tc[k].max);
		assert_int_equal(gt_q(A, grp, 1, 1)->nsrc, tc[k].n - tc[k].max);
		gt_run_to(h, SIM_S(5));
		assert_int_equal(gt_nq(A, grp, 1), 4);
		assert_false(gt_group(A, grp, &(struct gmp_group_info){ 0 }));
		gt_free(h);
	}
}
