/*
 * Tests of the group membership core's API: listener notifications in
 * order (group and sources, RFC 3376 6.3 forwarding modes), the
 * forwarding rule gmp_if_wants (6.3), import for hot backup (timers from
 * the remaining values, the mark cleared by a local report, replacement
 * telling only what changed), the reception checks and drop counters,
 * configuration (defaults and derived values of RFC 3376 section 8,
 * validation, reconfiguration), stop and free (no timer or memory left),
 * the ordered read-out and the passive mode of a hot-backup Backup.
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

#define G  "232.1.1.1"
#define G2 "232.1.1.2"
#define H1 "10.0.0.100"
#define SA "10.1.0.1"
#define SB "10.1.0.2"
#define SC "10.1.0.3"
#define SD "10.1.0.4"

static void gt_assert_ev(const struct gt_end *e, size_t i, sim_time_t t,
			 const char *src, enum gmp_mode mode,
			 enum gmp_change change)
{
	const struct gt_ev *v;
	struct net_addr s;

	assert_true(i < e->nev);
	v = &e->ev[i];
	assert_int_equal(v->t, t);
	if (src) {
		s = node_tw_addr(src);
		assert_true(net_addr_eq(&v->src, &s));
	} else {
		assert_int_equal(v->src.af, NET_AF_NONE);
	}
	assert_int_equal(v->mode, mode);
	assert_int_equal(v->change, change);
}

static int self_calls;

static void gt_self_unlisten(void *arg, struct gmp_if *gi,
			     const struct net_addr *group,
			     const struct net_addr *src, enum gmp_mode mode,
			     enum gmp_change change)
{
	(void)group;
	(void)src;
	(void)mode;
	(void)change;
	self_calls++;
	gmp_if_unlisten(gi, gt_self_unlisten, arg);
}

static void gt_stopper(void *arg, struct gmp_if *gi,
		       const struct net_addr *group, const struct net_addr *src,
		       enum gmp_mode mode, enum gmp_change change)
{
	(void)arg;
	(void)group;
	(void)src;
	(void)mode;
	if (change == GMP_ADDED)
		gmp_if_stop(gi);
}

/* A listener stopping the interface at the first ADDED: every event is
 * still delivered, in order, to the listeners after it. */
static void gt_listener_stops(void)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];

	assert_int_equal(gmp_if_listen(A->gi, gt_stopper, NULL), 0);
	gt_rx_v3(h, 0, H1, GMP_REC_IS_IN, G, SA);
	assert_false(gmp_if_running(A->gi));
	assert_int_equal(A->nev, 4);
	gt_assert_ev(A, 0, 0, NULL, GMP_INCLUDE, GMP_ADDED);
	gt_assert_ev(A, 1, 0, SA, GMP_INCLUDE, GMP_ADDED);
	gt_assert_ev(A, 2, 0, SA, GMP_INCLUDE, GMP_REMOVED);
	gt_assert_ev(A, 3, 0, NULL, GMP_INCLUDE, GMP_REMOVED);
	assert_int_equal(sim_engine_pending(h->w->eng), 0);
	gt_free(h);
}

void gt_test_listeners(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	int dummy[GMP_MAX_LISTENERS];

	(void)state;
	self_calls = 0;
	assert_int_equal(gmp_if_listen(A->gi, gt_self_unlisten, NULL), 0);
	gt_run_to(h, SIM_S(1));
	gt_rx_v3(h, 0, H1, GMP_REC_IS_IN, G, SA " " SB);
	assert_int_equal(self_calls, 1); /* removed itself at the first */
	assert_int_equal(A->nev, 3);
	gt_assert_ev(A, 0, SIM_S(1), NULL, GMP_INCLUDE, GMP_ADDED);
	gt_assert_ev(A, 1, SIM_S(1), SA, GMP_INCLUDE, GMP_ADDED);
	gt_assert_ev(A, 2, SIM_S(1), SB, GMP_INCLUDE, GMP_ADDED);
	gt_run_to(h, SIM_S(10));
	gt_rx_v3(h, 0, H1, GMP_REC_TO_EX, G, SB " " SC);
	assert_int_equal(A->nev, 6);
	gt_assert_ev(A, 3, SIM_S(10), NULL, GMP_EXCLUDE, GMP_CHANGED);
	gt_assert_ev(A, 4, SIM_S(10), SA, GMP_INCLUDE, GMP_REMOVED);
	gt_assert_ev(A, 5, SIM_S(10), SC, GMP_EXCLUDE, GMP_ADDED);
	/* b was queried: its timer ends at 12 s, it is blocked then. */
	gt_run_to(h, SIM_S(12));
	assert_int_equal(A->nev, 7);
	gt_assert_ev(A, 6, SIM_S(12), SB, GMP_EXCLUDE, GMP_CHANGED);
	/* Group Timer (270 s): no source runs, the record goes. */
	gt_run_to(h, SIM_S(270));
	assert_int_equal(A->nev, 10);
	gt_assert_ev(A, 7, SIM_S(270), SC, GMP_EXCLUDE, GMP_REMOVED);
	gt_assert_ev(A, 8, SIM_S(270), SB, GMP_EXCLUDE, GMP_REMOVED);
	gt_assert_ev(A, 9, SIM_S(270), NULL, GMP_EXCLUDE, GMP_REMOVED);
	assert_int_equal(self_calls, 1);
	/* At most GMP_MAX_LISTENERS; a NULL function is refused. */
	assert_int_equal(gmp_if_listen(A->gi, NULL, NULL), -1);
	for (int i = 1; i < GMP_MAX_LISTENERS; i++)
		assert_int_equal(
			gmp_if_listen(A->gi, gt_self_unlisten, &dummy[i]), 0);
	assert_int_equal(gmp_if_listen(A->gi, gt_self_unlisten, &dummy[0]), -1);
	for (int i = 1; i < GMP_MAX_LISTENERS; i++)
		gmp_if_unlisten(A->gi, gt_self_unlisten, &dummy[i]);
	gmp_if_unlisten(A->gi, gt_self_unlisten, &dummy[0]); /* absent */
	gt_free(h);
	gt_listener_stops();
}

void gt_test_wants(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	sim_time_t inc[1] = { SIM_S(50) }, exc[2] = { SIM_S(50), 0 };
	struct net_addr g = node_tw_addr(G), g2 = node_tw_addr(G2);
	struct net_addr a = node_tw_addr(SA), b = node_tw_addr(SB);
	struct net_addr c = node_tw_addr(SC), d = node_tw_addr(SD);
	struct net_addr any = { 0 };

	(void)state;
	assert_false(gmp_if_wants(A->gi, &a, &g));
	assert_int_equal(gt_import(A, G, GMP_INCLUDE, 0, SA, inc), 0);
	assert_int_equal(
		gt_import(A, G2, GMP_EXCLUDE, SIM_S(100), SA " " SC, exc), 0);
	assert_true(gmp_if_wants(A->gi, &a, &g));
	assert_false(gmp_if_wants(A->gi, &b, &g));
	assert_false(gmp_if_wants(A->gi, NULL, &g));
	assert_false(gmp_if_wants(A->gi, &any, &g));
	assert_true(gmp_if_wants(A->gi, &a, &g2));
	assert_false(gmp_if_wants(A->gi, &c, &g2));
	assert_true(gmp_if_wants(A->gi, &d, &g2));
	assert_true(gmp_if_wants(A->gi, NULL, &g2));
	assert_false(gmp_if_wants(A->gi, &a, NULL));
	/* a's timer ends in EXCLUDE mode: blocked from then on. */
	gt_run_to(h, SIM_S(50));
	assert_false(gmp_if_wants(A->gi, &a, &g2));
	assert_false(gmp_if_wants(A->gi, &a, &g));
	gmp_if_stop(A->gi);
	assert_false(gmp_if_wants(A->gi, &d, &g2));
	gt_free(h);
}

void gt_test_import(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	sim_time_t left[2] = { SIM_S(30), SIM_S(60) }, x;
	sim_time_t dup[2] = { SIM_S(10), SIM_S(20) }, zero[1] = { 0 };
	struct gmp_group_info gi;
	struct gmp_import im;
	const struct node_tw_rec *r;
	struct net_addr g3 = node_tw_addr("232.1.1.3");
	char buf[32];

	(void)state;
	gt_run_to(h, SIM_S(10));
	assert_int_equal(gt_import(A, G, GMP_INCLUDE, 0, SA " " SB, left), 0);
	assert_true(gt_group(A, G, &gi));
	assert_true(gi.imported);
	assert_int_equal(gi.mode, GMP_INCLUDE);
	assert_int_equal(gi.nsrc, 2);
	assert_true(gi.srcs[0].imported && gi.srcs[1].imported);
	assert_int_equal(gi.srcs[0].expires, SIM_S(40));
	assert_int_equal(gi.srcs[1].expires, SIM_S(70));
	assert_int_equal(A->nev, 3);
	r = node_tw_find(h->w, "A", "igmp", "group-add", 0);
	assert_non_null(r);
	assert_true(node_tw_field(r, "imported", buf, sizeof(buf)));
	assert_string_equal(buf, "true");
	/* An import is the membership step of the outage anatomy. */
	assert_true(node_tw_field(r, "mark", buf, sizeof(buf)));
	assert_string_equal(buf, "membership");
	gt_run_to(h, SIM_S(40));
	assert_false(gt_src(A, G, SA, NULL));
	gt_run_to(h, SIM_S(50));
	gt_rx_v3(h, 0, H1, GMP_REC_IS_IN, G, SB);
	assert_true(gt_group(A, G, &gi));
	assert_false(gi.imported);
	assert_false(gi.srcs[0].imported);
	assert_int_equal(gi.srcs[0].expires, SIM_S(310));
	/* The record is a local one now: not removed, not replaced. */
	assert_int_equal(gmp_if_import_remove(A->gi, &gi.group), -1);
	assert_int_equal(gt_import(A, G, GMP_INCLUDE, 0, SA, left), 0);
	assert_false(gt_src(A, G, SA, NULL));
	/* EXCLUDE: X runs down to the Exclude List, then the record goes. */
	assert_int_equal(gt_import(A, G2, GMP_EXCLUDE, SIM_S(100), SA " " SC,
				   (sim_time_t[]){ SIM_S(50), 0 }),
			 0);
	assert_true(gt_src(A, G2, SC, &x));
	assert_int_equal(x, -1);
	gt_run_to(h, SIM_S(100));
	assert_true(gt_src(A, G2, SA, &x));
	assert_int_equal(x, -1);
	gt_run_to(h, SIM_S(150));
	assert_false(gt_group(A, G2, &gi));
	/* Duplicates: the longest timer. */
	assert_int_equal(gt_import(A, G2, GMP_INCLUDE, 0, SD " " SD, dup), 0);
	assert_true(gt_src(A, G2, SD, &x));
	assert_int_equal(x, SIM_S(170));
	/* Refused. */
	assert_int_equal(gt_import(A, "232.1.1.3", GMP_INCLUDE, 0, "", NULL),
			 -1);
	assert_int_equal(gt_import(A, "232.1.1.3", GMP_EXCLUDE, 0, "", NULL),
			 -1);
	assert_int_equal(
		gt_import(A, "10.1.1.3", GMP_EXCLUDE, SIM_S(1), "", NULL), -1);
	assert_int_equal(gt_import(A, "232.1.1.3", GMP_INCLUDE, 0, SA, zero),
			 -1);
	assert_int_equal(
		gt_import(A, "232.1.1.3", GMP_INCLUDE, 0, "2001:db8::1", left),
		-1);
	assert_int_equal(
		gt_import(A, "232.1.1.3", GMP_INCLUDE, 0, "232.0.0.9", left),
		-1);
	memset(&im, 0, sizeof(im));
	im.group = g3;
	im.mode = GMP_EXCLUDE;
	im.group_left = SIM_S(1);
	im.nsrc = GMP_MAX_SOURCES + 1;
	im.srcs = &g3;
	im.src_left = left;
	assert_int_equal(gmp_if_import(A->gi, &im), -1);
	assert_int_equal(gmp_if_import(A->gi, NULL), -1);
	assert_false(gt_group(A, "232.1.1.3", &gi));
	/* Removal of an imported record. */
	im.nsrc = 0;
	assert_int_equal(gmp_if_import(A->gi, &im), 0);
	gt_clear_ev(A);
	assert_int_equal(gmp_if_import_remove(A->gi, &g3), 0);
	assert_int_equal(A->nev, 1);
	gt_assert_ev(A, 0, SIM_S(150), NULL, GMP_EXCLUDE, GMP_REMOVED);
	assert_int_equal(gmp_if_import_remove(A->gi, &g3), -1);
	r = node_tw_find(h->w, "A", "igmp", "group-del", 1);
	assert_non_null(r);
	assert_true(node_tw_field(r, "cause", buf, sizeof(buf)));
	assert_string_equal(buf, "import-remove");
	gmp_if_stop(A->gi);
	assert_int_equal(gmp_if_import(A->gi, &im), -1);
	assert_int_equal(gmp_if_import_remove(A->gi, &g3), -1);
	gt_free(h);
}

/* Replacing an imported record tells listeners only what changed. */
void gt_test_import_replace(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;
	sim_time_t x;

	(void)state;
	gt_run_to(h, SIM_S(10));
	assert_int_equal(gt_import(A, G, GMP_EXCLUDE, SIM_S(100), SA " " SC,
				   (sim_time_t[]){ SIM_S(50), 0 }),
			 0);
	assert_int_equal(A->nev, 3);
	gt_assert_ev(A, 0, SIM_S(10), NULL, GMP_EXCLUDE, GMP_ADDED);
	gt_assert_ev(A, 1, SIM_S(10), SA, GMP_INCLUDE, GMP_ADDED);
	gt_assert_ev(A, 2, SIM_S(10), SC, GMP_EXCLUDE, GMP_ADDED);
	gt_clear_ev(A);
	gt_run_to(h, SIM_S(20));
	assert_int_equal(gt_import(A, G, GMP_INCLUDE, 0, SA " " SD,
				   (sim_time_t[]){ SIM_S(30), SIM_S(40) }),
			 0);
	assert_int_equal(A->nev, 3);
	gt_assert_ev(A, 0, SIM_S(20), SC, GMP_EXCLUDE, GMP_REMOVED);
	gt_assert_ev(A, 1, SIM_S(20), NULL, GMP_INCLUDE, GMP_CHANGED);
	gt_assert_ev(A, 2, SIM_S(20), SD, GMP_INCLUDE, GMP_ADDED);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.expires, -1);
	assert_true(gt_src(A, G, SA, &x));
	assert_int_equal(x, SIM_S(50));
	gt_clear_ev(A);
	assert_int_equal(gt_import(A, G, GMP_EXCLUDE, SIM_S(90), SA " " SD,
				   (sim_time_t[]){ 0, SIM_S(10) }),
			 0);
	assert_int_equal(A->nev, 2);
	gt_assert_ev(A, 0, SIM_S(20), NULL, GMP_EXCLUDE, GMP_CHANGED);
	gt_assert_ev(A, 1, SIM_S(20), SA, GMP_EXCLUDE, GMP_CHANGED);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.expires, SIM_S(110));
	gt_free(h);
}

/* Checks the core makes, each with its drop counter. */
void gt_test_rx_checks(void **state)
{
	struct gmp_if_cfg c = gt_cfg(0, NET_AF_IP4, 3);
	struct gt *h = gt_new(1, &c);
	struct gt_end *A = &h->e[0];
	struct net_addr src = node_tw_addr(H1);
	struct net_addr dst_g = node_tw_addr(G), all = gmp_all_hosts4;
	struct net_addr uni = node_tw_addr("10.0.0.1");
	struct gmp_msg *m = &h->m;
	struct gmp_if_info in;
	struct gmp_group_info gi;

	(void)state;
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H1); /* not started */
	assert_int_equal(gt_info(A).drops[GMP_DROP_DISABLED], 1);
	gt_start(h, 0);
	gt_rx_old(h, 0, GMP_T_REPORT_V2, "224.0.0.5", H1);
	gt_rx_old(h, 0, GMP_T_REPORT_V2, "10.1.1.1", H1);
	gt_rx_v3(h, 0, H1, GMP_REC_IS_EX, "224.0.0.251", NULL);
	gt_rx_old(h, 0, GMP_T_LEAVE, "224.0.0.9", H1);
	gt_rx_query(h, 0, "10.0.0.9", 3, "10.1.1.1", NULL, false);
	assert_int_equal(gt_info(A).drops[GMP_DROP_GROUP], 5);
	/* A general query listing sources; a wrong family; bad versions. */
	gt_rx_query(h, 0, "10.0.0.9", 3, NULL, SA, false);
	m->af = NET_AF_IP6;
	gmp_if_rx(A->gi, m, &src, NULL);
	m->af = NET_AF_IP4;
	m->version = 0;
	gmp_if_rx(A->gi, m, &src, NULL);
	m->version = 4;
	gmp_if_rx(A->gi, m, &src, NULL);
	m->version = 3;
	m->type = GMP_T__COUNT;
	gmp_if_rx(A->gi, m, &src, NULL);
	gmp_if_rx(A->gi, NULL, &src, NULL);
	gmp_if_rx(A->gi, m, NULL, NULL);
	assert_int_equal(gt_info(A).drops[GMP_DROP_MALFORMED], 7);
	/* Destinations. */
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H1);
	assert_true(gt_group(A, G, &gi));
	m->type = GMP_T_REPORT_V2;
	m->version = 2;
	m->group = dst_g;
	gmp_if_rx(A->gi, m, &src, &all);   /* v2 report to 224.0.0.1 */
	gmp_if_rx(A->gi, m, &src, &uni);   /* unicast: ours */
	gmp_if_rx(A->gi, m, &src, &dst_g); /* the group */
	m->type = GMP_T_LEAVE;
	gmp_if_rx(A->gi, m, &src, &all); /* leave to 224.0.0.1 */
	m->type = GMP_T_QUERY;
	gmp_if_rx(A->gi, m, &src, &gmp_all_routers4); /* query */
	m->type = GMP_T_REPORT_V3;
	m->version = 3;
	m->nrec = 0;
	gmp_if_rx(A->gi, m, &src, &all);
	gmp_if_rx(A->gi, m, &src, &gmp_v3_routers4);
	in = gt_info(A);
	assert_int_equal(in.drops[GMP_DROP_DST], 4);
	assert_int_equal(in.rx_report[2], 5);
	assert_int_equal(in.rx_report[3], 2);
	/* A record pointing outside the sources: that record only. */
	m->nrec = 2;
	m->srcs_used = 1;
	m->srcs[0] = node_tw_addr(SA);
	m->rec[0].type = GMP_REC_IS_IN;
	m->rec[0].group = node_tw_addr(G2);
	m->rec[0].src0 = 1;
	m->rec[0].nsrc = 1;
	m->rec[1] = m->rec[0];
	m->rec[1].src0 = 0;
	gmp_if_rx(A->gi, m, &src, NULL);
	assert_int_equal(gt_info(A).drops[GMP_DROP_MALFORMED], 8);
	assert_true(gt_src(A, G2, SA, NULL));
	/* Leave for a group without members: nothing. */
	gt_rx_old(h, 0, GMP_T_LEAVE, "232.9.9.9", H1);
	assert_int_equal(gt_nq(A, "232.9.9.9", -1), 0);
	gmp_if_count_drop(A->gi, GMP_DROP_TTL);
	gmp_if_count_drop(A->gi, GMP_DROP__COUNT);
	assert_int_equal(gt_info(A).drops[GMP_DROP_TTL], 1);
	for (int d = 0; d < GMP_DROP__COUNT; d++)
		assert_string_not_equal(gmp_drop_name((enum gmp_drop)d),
					"unknown");
	assert_string_equal(gmp_drop_name(GMP_DROP__COUNT), "unknown");
	gt_free(h);
}

/* MLD groups of link-local scope and the MLD destinations. */
static void gt_rx_checks_mld(void)
{
	struct gt *h = gt_one(NET_AF_IP6, 2);
	struct gt_end *A = &h->e[0];
	struct gmp_group_info gi;

	gt_rx_old(h, 0, GMP_T_REPORT_V2, "ff02::1:ff00:1", "fe80::100");
	gt_rx_old(h, 0, GMP_T_REPORT_V2, "ff01::5", "fe80::100");
	gt_rx_v3(h, 0, "fe80::100", GMP_REC_IS_EX, "ff02::fb", NULL);
	assert_int_equal(gt_info(A).drops[GMP_DROP_GROUP], 3);
	gt_rx_v3(h, 0, "fe80::100", GMP_REC_IS_EX, "ff05::fb", NULL);
	assert_true(gt_group(A, "ff05::fb", &gi));
	gt_free(h);
}

/* Invalid configurations: gmp_if_new refuses them, set_cfg ignores
 * them (logged); so does a family change. */
static void gt_cfg_refused(struct gt *h)
{
	struct gt_end *A = &h->e[0];
	struct gmp_if_cfg c, bad;
	struct gmp_if *gi2;

	for (int k = 0; k < 9; k++) {
		bad = gt_cfg(0, NET_AF_IP4, 3);
		switch (k) {
		case 0:
			bad.robustness = 1;
			break;
		case 1:
			bad.version = 4;
			break;
		case 2:
			bad.af = NET_AF_IP6;
			bad.version = 3;
			break;
		case 3:
			bad.query_resp = bad.query_interval;
			break;
		case 4:
			bad.lmqi = 0;
			break;
		case 5:
			bad.addr = node_tw_addr("fe80::1");
			break;
		case 6:
			bad.af = NET_AF_NONE;
			break;
		case 7:
			bad.version = 0;
			break;
		default:
			bad.robustness = 8;
			break;
		}
		assert_null(gmp_if_new(&A->node, &bad, &gt_ops, A));
		gmp_if_set_cfg(A->gi, &bad);
	}
	c = gt_cfg(0, NET_AF_IP4, 3);
	assert_null(gmp_if_new(&A->node, &c, &(struct gmp_if_ops){ 0 }, A));
	assert_null(gmp_if_new(&A->node, NULL, &gt_ops, A));
	c.addr.af = NET_AF_NONE; /* no address: allowed */
	memset(c.addr.b, 0, sizeof(c.addr.b));
	gi2 = gmp_if_new(&A->node, &c, &gt_ops, A);
	assert_non_null(gi2);
	gmp_if_free(gi2);
	assert_int_equal(node_tw_count(h->w, "A", "igmp", "ignored"), 9);
	bad = gt_cfg(0, NET_AF_IP6, 2); /* family change */
	gmp_if_set_cfg(A->gi, &bad);
	assert_int_equal(gmp_if_cfg(A->gi)->af, NET_AF_IP4);
	assert_string_equal(gmp_if_cfg(A->gi)->name, "if0");
}

void gt_test_cfg(void **state)
{
	struct gmp_if_cfg c;
	struct gt *h;
	struct gt_end *A;
	struct gmp_group_info gi;

	(void)state;
	gt_rx_checks_mld();
	gmp_if_cfg_default(&c, NET_AF_IP4);
	assert_int_equal(c.version, 3);
	assert_int_equal(c.robustness, 2);
	assert_int_equal(c.query_interval, SIM_S(125));
	assert_int_equal(c.query_resp, SIM_S(10));
	assert_int_equal(c.lmqi, SIM_S(1));
	assert_int_equal(c.lmqc, 0);
	assert_int_equal(gmp_gmi(&c), SIM_S(260));
	assert_int_equal(gmp_oqpi(&c), SIM_S(255));
	assert_int_equal(gmp_lmqt(&c), SIM_S(2));
	assert_int_equal(gmp_ohpt(&c), SIM_S(260));
	c.lmqc = 3;
	c.robustness = 3;
	c.other_querier = SIM_S(100);
	assert_int_equal(gmp_lmqt(&c), SIM_S(3));
	assert_int_equal(gmp_gmi(&c), SIM_S(385));
	assert_int_equal(gmp_oqpi(&c), SIM_S(100));
	gmp_if_cfg_default(&c, NET_AF_IP6);
	assert_int_equal(c.version, 2);
	h = gt_one(NET_AF_IP4, 3);
	A = &h->e[0];
	gt_cfg_refused(h);
	/* A new Query Interval: the armed query keeps its deadline. */
	gt_run_to(h, SIM_S(40));
	c = gt_cfg(0, NET_AF_IP4, 3);
	c.query_interval = SIM_S(60);
	gmp_if_set_cfg(A->gi, &c);
	assert_int_equal(gt_info(A).next_query, SIM_MS(156250));
	gt_run_to(h, SIM_MS(156250) + SIM_S(60));
	assert_int_equal(A->q[A->nq - 1].t, SIM_MS(156250) + SIM_S(60));
	assert_int_equal(A->q[A->nq - 1].qqi, SIM_S(60));
	/* Version 3 -> 2: compatibility state cleared, v3 dropped. */
	gt_rx_old(h, 0, GMP_T_REPORT_V1, G, H1);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.compat, 1);
	c.version = 2;
	gmp_if_set_cfg(A->gi, &c);
	assert_true(gt_group(A, G, &gi));
	assert_int_equal(gi.compat, 2);
	assert_int_equal(node_tw_count(h->w, "A", "igmp", "compat"), 1);
	gt_rx_v3(h, 0, H1, GMP_REC_IS_EX, G2, NULL);
	assert_false(gt_group(A, G2, &gi));
	gt_free(h);
}

void gt_test_stop_free(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	struct gmp_if_info in;
	char buf[16];

	(void)state;
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H1);
	gt_rx_v3(h, 0, H1, GMP_REC_IS_IN, G2, SA " " SB);
	gt_run_to(h, SIM_S(10));
	gt_rx_old(h, 0, GMP_T_LEAVE, G, H1); /* retransmission pending */
	gt_rx_v3(h, 0, H1, GMP_REC_BLOCK, G2, SA);
	gt_clear_ev(A);
	gmp_if_stop(A->gi);
	assert_false(gmp_if_running(A->gi));
	assert_int_equal(sim_engine_pending(h->w->eng), 0);
	in = gt_info(A);
	assert_int_equal(in.ngroups, 0);
	assert_int_equal(in.next_query, -1);
	assert_int_equal(in.oqp_expires, -1);
	/* Sources first, then each group. */
	assert_int_equal(A->nev, 4);
	gt_assert_ev(A, 2, SIM_S(10), NULL, GMP_INCLUDE, GMP_REMOVED);
	gt_assert_ev(A, 3, SIM_S(10), NULL, GMP_EXCLUDE, GMP_REMOVED);
	assert_true(
		node_tw_field(node_tw_find(h->w, "A", "igmp", "group-del", 1),
			      "cause", buf, sizeof(buf)));
	assert_string_equal(buf, "stop");
	gmp_if_stop(A->gi); /* twice: nothing */
	gt_rx_old(h, 0, GMP_T_REPORT_V2, G, H1);
	assert_int_equal(gt_info(A).drops[GMP_DROP_DISABLED], 1);
	/* Start again: querier with the startup queries. */
	gt_run_to(h, SIM_S(20));
	gt_start(h, 0);
	gt_start(h, 0); /* twice: nothing */
	assert_int_equal(A->q[A->nq - 1].t, SIM_S(20));
	assert_int_equal(gt_info(A).startup_left, 1);
	/* Free with records and timers armed: silent, nothing left. */
	gt_rx_v3(h, 0, H1, GMP_REC_IS_IN, G2, SA " " SB);
	gt_rx_v3(h, 0, H1, GMP_REC_BLOCK, G2, SA);
	gt_clear_ev(A);
	gmp_if_free(A->gi);
	A->gi = NULL;
	assert_int_equal(A->nev, 0);
	assert_int_equal(sim_engine_pending(h->w->eng), 0);
	gmp_if_free(NULL);
	gt_free(h);
}

static void gt_collect(void *arg, const struct gmp_group_info *g)
{
	struct net_addr *v = arg;
	size_t i = 0;

	while (v[i].af != NET_AF_NONE)
		i++;
	v[i] = g->group;
}

void gt_test_each_group(void **state)
{
	static const char *const groups[] = { "225.9.9.9", "224.1.1.1",
					      "239.0.0.1", "225.1.1.1" };
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	struct net_addr v[8];

	(void)state;
	for (size_t i = 0; i < 4; i++)
		gt_rx_old(h, 0, GMP_T_REPORT_V2, groups[i], H1);
	memset(v, 0, sizeof(v));
	gmp_if_each_group(A->gi, gt_collect, v);
	for (size_t i = 0; i < 3; i++)
		assert_true(net_addr_cmp(&v[i], &v[i + 1]) < 0);
	assert_int_equal(v[4].af, NET_AF_NONE);
	assert_int_equal(gt_info(A).ngroups, 4);
	assert_int_equal(gt_info(A).joins, 4);
	gt_free(h);
}

/*
 * Passive mode (hot backup Backup): no query goes out, host messages and
 * queries are dropped and counted, the records become the peer's
 * (imported) and run down with their timers, imports still apply; leaving
 * it makes the interface querier at once with the startup queries (RFC
 * 3376 6.6.2). A stopped interface keeps the mode for its next start.
 */
void gt_test_passive(void **state)
{
	struct gt *h = gt_one(NET_AF_IP4, 3);
	struct gt_end *A = &h->e[0];
	sim_time_t left[1] = { SIM_S(100) };
	struct gmp_group_info gi;
	struct gmp_if_info in;
	size_t nq;

	(void)state;
	gt_run_to(h, SIM_S(10));
	gt_rx_v3(h, 0, H1, GMP_REC_IS_EX, G, "");
	gt_rx_v3(h, 0, H1, GMP_REC_IS_IN, G2, SA);
	gt_run_to(h, SIM_S(20));
	nq = gt_nq(A, NULL, -1);
	assert_false(gmp_if_passive(A->gi));
	gt_clear_ev(A);
	gmp_if_set_passive(A->gi, true);
	gmp_if_set_passive(A->gi, true); /* twice: nothing */
	assert_true(gmp_if_passive(A->gi));
	assert_int_equal(A->nev, 0); /* membership unchanged */
	in = gt_info(A);
	assert_true(in.passive);
	assert_int_equal(in.qstate, GMP_NON_QUERIER);
	assert_int_equal(in.querier.af, NET_AF_NONE);
	assert_int_equal(in.next_query, -1);
	assert_true(gt_group(A, G, &gi));
	assert_true(gi.imported);
	assert_true(gt_group(A, G2, &gi));
	assert_true(gi.imported && gi.srcs[0].imported);
	assert_non_null(node_tw_find(h->w, "A", "igmp", "passive", 0));
	/* Hosts and other routers are not heard. */
	gt_rx_v3(h, 0, H1, GMP_REC_IS_EX, "232.1.1.9", "");
	gt_rx_old(h, 0, GMP_T_LEAVE, G, H1);
	gt_rx_query(h, 0, "10.0.0.0", 3, NULL, NULL, false);
	in = gt_info(A);
	assert_int_equal(in.drops[GMP_DROP_PASSIVE], 3);
	assert_int_equal(in.rx_query, 0);
	assert_false(gt_group(A, "232.1.1.9", &gi));
	/* Imports apply; records run down: G2's source at 10 + 260 s. */
	assert_int_equal(gt_import(A, "232.1.1.3", GMP_INCLUDE, 0, SB, left),
			 0);
	gt_run_to(h, SIM_S(119));
	assert_true(gt_group(A, "232.1.1.3", &gi));
	gt_run_to(h, SIM_S(121));
	assert_false(gt_group(A, "232.1.1.3", &gi));
	gt_run_to(h, SIM_S(269));
	assert_true(gt_group(A, G, &gi) && gt_group(A, G2, &gi));
	gt_run_to(h, SIM_S(271));
	assert_int_equal(gt_info(A).ngroups, 0);
	assert_int_equal(gt_nq(A, NULL, -1), nq);
	/* Leaving: querier and a general query at once. */
	assert_int_equal(gt_import(A, G, GMP_EXCLUDE, SIM_S(200), "", NULL), 0);
	gt_run_to(h, SIM_S(300));
	gmp_if_set_passive(A->gi, false);
	assert_int_equal(gt_nq(A, NULL, -1), nq + 1);
	assert_int_equal(A->q[A->nq - 1].t, SIM_S(300));
	in = gt_info(A);
	assert_int_equal(in.qstate, GMP_QUERIER);
	assert_int_equal(in.startup_left, 1);
	assert_true(gt_group(A, G, &gi) && gi.imported);
	gt_rx_v3(h, 0, H1, GMP_REC_IS_EX, G, "");
	assert_true(gt_group(A, G, &gi) && !gi.imported);
	/* Stopped, then started passive: no query. */
	gmp_if_stop(A->gi);
	gmp_if_set_passive(A->gi, true);
	nq = gt_nq(A, NULL, -1);
	gt_start(h, 0);
	assert_int_equal(gt_nq(A, NULL, -1), nq);
	assert_int_equal(gt_info(A).qstate, GMP_NON_QUERIER);
	gt_run_to(h, SIM_S(600));
	assert_int_equal(gt_nq(A, NULL, -1), nq);
	gmp_if_set_passive(A->gi, false);
	assert_int_equal(gt_nq(A, NULL, -1), nq + 1);
	gt_free(h);
}
