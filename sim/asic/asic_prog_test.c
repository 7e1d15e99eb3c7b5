/*
 * Tests of the ASIC programming queue and tables: batch timing (overhead,
 * per-entry costs, visibility at each entry's own completion, writes
 * queued mid-batch waiting for the next batch), the queue depth and idle
 * time predictions, per-table costs, apply semantics (replace, delete of
 * absent entries, oif edits), argument checks, the log record and the
 * programmed callback, table dumps, and reset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/asic/asic_test_env.h"

static bool fib_visible(struct tenv *e, const char *dst)
{
	struct net_addr d = tenv_addr(dst);

	return asic_fib_lookup(e->a, &d, NULL, NULL);
}

static uint64_t prog_route(struct tenv *e, const char *prefix)
{
	struct net_prefix p = tenv_prefix(prefix);
	struct asic_fib_entry fe = { .kind = ASIC_FIB_DROP };

	return asic_prog_fib(e->a, &p, &fe);
}

/* Three writes queued together: +100us overhead, then 5us each. */
static void test_batch_timing(void **state)
{
	struct tenv *e = tenv_new(NULL);
	const char *dst[3] = { "10.1.0.1", "10.2.0.1", "10.3.0.1" };
	const sim_time_t due[3] = { SIM_US(105), SIM_US(110), SIM_US(115) };

	(void)state;
	assert_int_equal(prog_route(e, "10.1.0.0/16"), 1);
	assert_int_equal(prog_route(e, "10.2.0.0/16"), 2);
	assert_int_equal(prog_route(e, "10.3.0.0/16"), 3);
	assert_int_equal(asic_prog_depth(e->a), 3);
	assert_int_equal(asic_prog_idle_at(e->a), SIM_US(115));
	for (int i = 0; i < 3; i++) {
		tenv_run(e, due[i] - 1);
		assert_false(fib_visible(e, dst[i]));
		assert_int_equal(asic_prog_last_done(e->a), (uint64_t)i);
		tenv_run(e, due[i]);
		assert_true(fib_visible(e, dst[i]));
		if (i < 2)
			assert_false(fib_visible(e, dst[i + 1]));
		assert_int_equal(e->done[i].t, due[i]);
		assert_int_equal(e->done[i].done, due[i]);
		assert_int_equal(e->done[i].queued, 0);
		assert_int_equal(e->done[i].seq, (uint64_t)i + 1);
		assert_true(e->done[i].applied);
	}
	assert_int_equal(e->ndone, 3);
	assert_int_equal(asic_prog_depth(e->a), 0);
	assert_int_equal(asic_prog_idle_at(e->a), SIM_US(115));
	assert_int_equal(asic_counters(e->a)->prog_writes[ASIC_TBL_FIB], 3);
	assert_int_equal(asic_counters(e->a)->prog_batches, 1);
	tenv_free(e);
}

/* A write queued while a batch runs waits for the next batch. */
static void test_mid_batch(void **state)
{
	struct tenv *e = tenv_new(NULL);

	(void)state;
	prog_route(e, "10.1.0.0/16");
	prog_route(e, "10.2.0.0/16");
	prog_route(e, "10.3.0.0/16");
	tenv_run(e, SIM_US(107));
	prog_route(e, "10.4.0.0/16");
	assert_int_equal(asic_prog_depth(e->a), 3); /* 2 in batch + 1 */
	/* Batch 1 ends at 115us; batch 2: 115 + 100 + 5. */
	assert_int_equal(asic_prog_idle_at(e->a), SIM_US(220));
	tenv_run(e, SIM_US(220) - 1);
	assert_false(fib_visible(e, "10.4.0.1"));
	assert_true(fib_visible(e, "10.3.0.1"));
	tenv_run(e, SIM_US(220));
	assert_true(fib_visible(e, "10.4.0.1"));
	assert_int_equal(e->done[3].queued, SIM_US(107));
	assert_int_equal(e->done[3].done, SIM_US(220));
	assert_int_equal(asic_counters(e->a)->prog_batches, 2);
	/* Idle again: a new write starts a batch at once. */
	tenv_run(e, SIM_MS(1));
	prog_route(e, "10.5.0.0/16");
	assert_int_equal(asic_prog_idle_at(e->a), SIM_MS(1) + SIM_US(105));
	tenv_settle(e);
	assert_true(fib_visible(e, "10.5.0.1"));
	tenv_free(e);
}

/* Per-table costs: mfib_write + k * oif_write, adj, mac, oif, enable. */
static void test_costs(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_addr s = tenv_addr("10.0.0.1"), g = tenv_addr("239.1.1.1");
	struct net_addr ip = tenv_addr("10.0.0.9");
	struct net_mac m = tenv_mac(9);
	int oifs[3] = { 3, 1, 2 };

	(void)state;
	assert_true(asic_prog_mfib(e->a, &s, &g, 0, oifs, 3) > 0);
	assert_int_equal(asic_prog_idle_at(e->a), SIM_US(100 + 20 + 30));
	assert_true(asic_prog_adj(e->a, 1, &ip, &m) > 0);
	assert_true(asic_prog_mac(e->a, 1, &m, true) > 0);
	assert_true(asic_prog_oif(e->a, &s, &g, 1, false) > 0);
	assert_true(asic_prog_mcast_enable(e->a, 1, true) > 0);
	assert_true(asic_prog_mfib_iif(e->a, &s, &g, 2) > 0);
	assert_true(asic_prog_mfib_del(e->a, &s, &g) > 0);
	/* 150 + 5 + 5 + 10 + 10 + 20 + 20 */
	assert_int_equal(asic_prog_idle_at(e->a), SIM_US(220));
	tenv_settle(e);
	assert_int_equal(e->ndone, 7);
	const sim_time_t due[7] = { 150, 155, 160, 170, 180, 200, 220 };
	const enum asic_table tbl[7] = { ASIC_TBL_MFIB,	    ASIC_TBL_ADJ,
					 ASIC_TBL_MAC,	    ASIC_TBL_OIF,
					 ASIC_TBL_MCAST_EN, ASIC_TBL_MFIB,
					 ASIC_TBL_MFIB };
	for (int i = 0; i < 7; i++) {
		assert_int_equal(e->done[i].done, SIM_US(due[i]));
		assert_int_equal(e->done[i].table, tbl[i]);
		assert_true(e->done[i].applied);
	}
	assert_string_equal(e->done[0].key, "(10.0.0.1,239.1.1.1)");
	assert_string_equal(e->done[3].key, "(10.0.0.1,239.1.1.1) oif 1");
	assert_string_equal(e->done[5].key, "(10.0.0.1,239.1.1.1) iif 2");
	tenv_free(e);
}

static void test_log_record(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_addr g = tenv_addr("ff3e::1:2");
	int oif = 2;
	char v[64];
	struct sim_log_rec r;

	(void)state;
	tenv_run(e, SIM_US(10));
	assert_true(asic_prog_mfib(e->a, NULL, &g, 1, &oif, 1) > 0);
	tenv_settle(e);
	assert_non_null(strstr(e->lastlog, "\"module\":\"asic\""));
	assert_non_null(strstr(e->lastlog, "\"event\":\"programmed\""));
	assert_non_null(strstr(e->lastlog, "\"node\":\"R1\""));
	/* Reparse through the log's own field reader. */
	memset(&r, 0, sizeof(r));
	snprintf(r.json, sizeof(r.json), "%s", e->lastlog);
	r.len = strlen(r.json);
	assert_true(sim_log_field(&r, "table", v, sizeof(v)));
	assert_string_equal(v, "mfib");
	assert_true(sim_log_field(&r, "key", v, sizeof(v)));
	assert_string_equal(v, "(*,ff3e::1:2)");
	assert_true(sim_log_field(&r, "queued_ns", v, sizeof(v)));
	assert_string_equal(v, "10000");
	assert_true(sim_log_field(&r, "latency_ns", v, sizeof(v)));
	assert_string_equal(v, "130000");
	assert_true(sim_log_field(&r, "t", v, sizeof(v)));
	assert_string_equal(v, "140000");
	tenv_free(e);
}

static void test_apply_semantics(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_addr s = tenv_addr("10.0.0.1"), g = tenv_addr("239.1.1.1");
	struct net_prefix p = tenv_prefix("10.9.0.0/16");
	struct asic_fib_entry fe;
	const struct asic_mfib_entry *m;
	int oifs[4] = { 2, 2, 3, 1 };

	(void)state;
	/* Deletes and oif edits of absent entries complete unapplied. */
	assert_true(asic_prog_fib(e->a, &p, NULL) > 0);
	assert_true(asic_prog_oif(e->a, &s, &g, 1, true) > 0);
	assert_true(asic_prog_mfib_del(e->a, &s, &g) > 0);
	tenv_settle(e);
	for (int i = 0; i < 3; i++)
		assert_false(e->done[i].applied);
	/* Duplicates merged, sorted. */
	assert_true(asic_prog_mfib(e->a, &s, &g, 0, oifs, 4) > 0);
	assert_int_equal(asic_prog_idle_at(e->a),
			 tenv_now(e) + SIM_US(100 + 20 + 30));
	tenv_settle(e);
	m = asic_mfib_find(e->a, &s, &g);
	assert_non_null(m);
	assert_int_equal(m->noifs, 3);
	assert_int_equal(m->oifs[0], 1);
	assert_int_equal(m->oifs[2], 3);
	assert_int_equal(m->iif, 0);
	assert_int_equal(m->installed, tenv_now(e));
	/* Oif edits keep order; re-adding is a no-op. */
	asic_prog_oif(e->a, &s, &g, 2, false);
	asic_prog_oif(e->a, &s, &g, 0, true);
	asic_prog_oif(e->a, &s, &g, 3, true);
	asic_prog_mfib_iif(e->a, &s, &g, ASIC_IFINDEX_NONE);
	tenv_settle(e);
	m = asic_mfib_find(e->a, &s, &g);
	assert_int_equal(m->noifs, 3);
	assert_int_equal(m->oifs[0], 0);
	assert_int_equal(m->oifs[1], 1);
	assert_int_equal(m->oifs[2], 3);
	assert_int_equal(m->iif, ASIC_IFINDEX_NONE);
	assert_false(e->done[e->ndone - 2].applied);
	/* Replace a route. */
	fe = (struct asic_fib_entry){ .kind = ASIC_FIB_DROP };
	asic_prog_fib(e->a, &p, &fe);
	fe = (struct asic_fib_entry){ .kind = ASIC_FIB_VIA,
				      .ifindex = 2,
				      .nexthop = tenv_addr("10.0.0.2") };
	asic_prog_fib(e->a, &p, &fe);
	tenv_settle(e);
	memset(&fe, 0, sizeof(fe));
	struct net_addr d = tenv_addr("10.9.1.1");
	struct net_prefix match;

	assert_true(asic_fib_lookup(e->a, &d, &match, &fe));
	assert_int_equal(fe.kind, ASIC_FIB_VIA);
	assert_int_equal(fe.ifindex, 2);
	assert_int_equal(match.len, 16);
	assert_int_equal(asic_fib_count(e->a, NET_AF_IP4), 1);
	/* Delete everything. */
	asic_prog_fib(e->a, &p, NULL);
	asic_prog_mfib_del(e->a, &s, &g);
	tenv_settle(e);
	assert_false(asic_fib_lookup(e->a, &d, NULL, NULL));
	assert_null(asic_mfib_find(e->a, &s, &g));
	assert_int_equal(asic_mfib_count(e->a), 0);
	tenv_free(e);
}

static void test_bad_args(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_prefix host_bits = { .addr = tenv_addr("10.0.0.1"),
					.len = 8 };
	struct net_prefix p4 = tenv_prefix("10.0.0.0/8");
	struct net_addr s4 = tenv_addr("10.0.0.1"), s6 = tenv_addr("2001::1");
	struct net_addr g4 = tenv_addr("239.1.1.1");
	struct net_addr none = { 0 };
	struct net_mac mc = { { 0x01, 0, 0x5e, 0, 0, 1 } };
	struct asic_fib_entry via6 = { .kind = ASIC_FIB_VIA,
				       .ifindex = 1,
				       .nexthop = s6 };
	struct asic_fib_entry noport = { .kind = ASIC_FIB_ATTACHED,
					 .ifindex = 7 };
	struct asic_fib_entry badkind = { .kind = (enum asic_fib_kind)42 };
	int oif_bad = 9;

	(void)state;
	assert_int_equal(asic_prog_fib(e->a, &host_bits, NULL), 0);
	assert_int_equal(asic_prog_fib(e->a, NULL, NULL), 0);
	assert_int_equal(asic_prog_fib(e->a, &p4, &via6), 0);
	assert_int_equal(asic_prog_fib(e->a, &p4, &noport), 0);
	assert_int_equal(asic_prog_fib(e->a, &p4, &badkind), 0);
	assert_int_equal(asic_prog_adj(e->a, 5, &s4, NULL), 0);
	assert_int_equal(asic_prog_adj(e->a, 1, &none, NULL), 0);
	assert_int_equal(asic_prog_mfib(e->a, &s4, &s4, 0, NULL, 0), 0);
	assert_int_equal(asic_prog_mfib(e->a, &s6, &g4, 0, NULL, 0), 0);
	assert_int_equal(asic_prog_mfib(e->a, &g4, &g4, 0, NULL, 0), 0);
	assert_int_equal(asic_prog_mfib(e->a, &s4, &g4, 8, NULL, 0), 0);
	assert_int_equal(asic_prog_mfib(e->a, &s4, &g4, 0, &oif_bad, 1), 0);
	assert_int_equal(asic_prog_mfib(e->a, &s4, &g4, 0, NULL, 1), 0);
	assert_int_equal(asic_prog_mfib_iif(e->a, &s4, &g4, 8), 0);
	assert_int_equal(asic_prog_oif(e->a, &s4, &g4, -3, true), 0);
	assert_int_equal(asic_prog_mac(e->a, 0, &mc, true), 0);
	assert_int_equal(asic_prog_mac(e->a, 0, NULL, true), 0);
	assert_int_equal(asic_prog_mcast_enable(e->a, 4, true), 0);
	assert_int_equal(asic_prog_depth(e->a), 0);
	assert_int_equal(sim_engine_pending(e->eng), 0);
	/* Ports: out of range, duplicate. */
	struct net_mac m = tenv_mac(1);

	assert_int_equal(asic_port_add(e->a, 0, &m, true), -1);
	assert_int_equal(asic_port_add(e->a, -1, &m, true), -1);
	assert_int_equal(asic_port_add(e->a, ASIC_MAX_PORTS, &m, true), -1);
	assert_int_equal(asic_port_add(e->a, 10, &m, false), 0);
	assert_true(asic_port_exists(e->a, 10));
	assert_false(asic_port_exists(e->a, 9));
	assert_null(asic_port_counters(e->a, 9));
	assert_null(asic_port_mac(e->a, 9));
	tenv_free(e);
}

/* A write queued from the programmed callback gets its own batch. */
static void queue_more(struct tenv *e, const struct asic_prog_done *d)
{
	if (d->seq == 1)
		prog_route(e, "10.8.0.0/16");
}

static void test_queue_from_callback(void **state)
{
	struct tenv *e = tenv_new(NULL);

	(void)state;
	e->on_done = queue_more;
	prog_route(e, "10.7.0.0/16");
	tenv_settle(e);
	assert_int_equal(e->ndone, 2);
	assert_int_equal(e->done[1].queued, SIM_US(105));
	assert_int_equal(e->done[1].done, SIM_US(210));
	assert_true(fib_visible(e, "10.8.0.1"));
	tenv_free(e);
}

struct walk_log {
	char buf[1024];
};

static void fib_cb(void *arg, const struct net_prefix *p,
		   const struct asic_fib_entry *fe)
{
	struct walk_log *w = arg;
	char s[NET_PREFIX_STRLEN];

	net_prefix_fmt(p, s, sizeof(s));
	snprintf(w->buf + strlen(w->buf), sizeof(w->buf) - strlen(w->buf),
		 "%s:%d ", s, (int)fe->kind);
}

static void adj_cb(void *arg, int ifindex, const struct net_addr *ip,
		   const struct net_mac *mac)
{
	struct walk_log *w = arg;
	char s[NET_ADDR_STRLEN];

	(void)mac;
	net_addr_fmt(ip, s, sizeof(s));
	snprintf(w->buf + strlen(w->buf), sizeof(w->buf) - strlen(w->buf),
		 "%d/%s ", ifindex, s);
}

static void mfib_cb(void *arg, const struct asic_mfib_entry *m)
{
	struct walk_log *w = arg;
	char s[NET_ADDR_STRLEN] = "*", g[NET_ADDR_STRLEN];

	if (m->src.af != NET_AF_NONE)
		net_addr_fmt(&m->src, s, sizeof(s));
	net_addr_fmt(&m->grp, g, sizeof(g));
	snprintf(w->buf + strlen(w->buf), sizeof(w->buf) - strlen(w->buf),
		 "(%s,%s) ", s, g);
}

static void test_walks(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct walk_log w = { "" };
	const char *groups[][2] = {
		{ "10.0.0.9", "239.1.1.2" }, { NULL, "ff3e::1" },
		{ "10.0.0.1", "239.1.1.1" }, { "2001::1", "ff3e::1" },
		{ NULL, "239.1.1.1" },	     { "10.0.0.2", "239.1.1.1" }
	};

	(void)state;
	tenv_fib(e, "10.1.0.0/16", ASIC_FIB_ATTACHED, 1, NULL);
	tenv_fib(e, "2001:db8::/32", ASIC_FIB_DROP, 0, NULL);
	tenv_fib(e, "10.0.0.0/8", ASIC_FIB_RECEIVE, 0, NULL);
	tenv_adj(e, 2, "10.0.0.3", 3);
	tenv_adj(e, 1, "10.0.0.5", 5);
	tenv_adj(e, 1, "10.0.0.4", 4);
	tenv_adj(e, 1, "fe80::1", 6);
	for (size_t i = 0; i < 6; i++) {
		struct net_addr g = tenv_addr(groups[i][1]);
		struct net_addr s;

		if (groups[i][0])
			s = tenv_addr(groups[i][0]);
		assert_true(asic_prog_mfib(e->a, groups[i][0] ? &s : NULL, &g,
					   0, NULL, 0) > 0);
	}
	tenv_settle(e);
	asic_fib_walk(e->a, NET_AF_NONE, fib_cb, &w);
	assert_string_equal(w.buf, "10.0.0.0/8:0 10.1.0.0/16:1 "
				   "2001:db8::/32:3 ");
	w.buf[0] = '\0';
	asic_fib_walk(e->a, NET_AF_IP6, fib_cb, &w);
	assert_string_equal(w.buf, "2001:db8::/32:3 ");
	w.buf[0] = '\0';
	asic_adj_walk(e->a, adj_cb, &w);
	assert_string_equal(w.buf, "1/10.0.0.4 1/10.0.0.5 1/fe80::1 "
				   "2/10.0.0.3 ");
	assert_int_equal(asic_adj_count(e->a), 4);
	w.buf[0] = '\0';
	asic_mfib_walk(e->a, NET_AF_NONE, mfib_cb, &w);
	assert_string_equal(w.buf, "(*,239.1.1.1) (10.0.0.1,239.1.1.1) "
				   "(10.0.0.2,239.1.1.1) (10.0.0.9,239.1.1.2) "
				   "(*,ff3e::1) (2001::1,ff3e::1) ");
	w.buf[0] = '\0';
	asic_mfib_walk(e->a, NET_AF_IP6, mfib_cb, &w);
	assert_string_equal(w.buf, "(*,ff3e::1) (2001::1,ff3e::1) ");
	tenv_free(e);
}

/* Many entries: the hash tables grow and still find everything. */
static void test_many_entries(void **state)
{
	struct tenv *e = tenv_new(NULL);
	int oif = 1;

	(void)state;
	for (int i = 0; i < 3000; i++) {
		char gs[32];
		struct net_addr g, s = tenv_addr("10.0.0.1");

		snprintf(gs, sizeof(gs), "239.1.%d.%d", i / 256, i % 256);
		g = tenv_addr(gs);
		assert_true(asic_prog_mfib(e->a, &s, &g, 0, &oif, 1) > 0);
	}
	assert_int_equal(asic_prog_idle_at(e->a),
			 SIM_US(100) + 3000 * SIM_US(30));
	tenv_settle(e);
	assert_int_equal(asic_mfib_count(e->a), 3000);
	for (int i = 0; i < 3000; i += 7) {
		char gs[32];
		struct net_addr g, s = tenv_addr("10.0.0.1");

		snprintf(gs, sizeof(gs), "239.1.%d.%d", i / 256, i % 256);
		g = tenv_addr(gs);
		assert_non_null(asic_mfib_find(e->a, &s, &g));
	}
	tenv_free(e);
}

static void test_reset(void **state)
{
	struct tenv *e = tenv_new(NULL);
	struct net_mac m = tenv_mac(7);

	(void)state;
	tenv_fib(e, "10.1.0.0/16", ASIC_FIB_DROP, 0, NULL);
	tenv_adj(e, 1, "10.0.0.4", 4);
	tenv_mcast_all(e);
	asic_prog_mac(e->a, 1, &m, true);
	asic_port_admin(e->a, 2, false);
	tenv_settle(e);
	prog_route(e, "10.2.0.0/16");
	tenv_run(e, tenv_now(e) + SIM_US(50));
	uint64_t seq = asic_prog_depth(e->a);

	assert_int_equal(seq, 1);
	asic_reset(e->a);
	assert_int_equal(asic_prog_depth(e->a), 0);
	assert_int_equal(asic_fib_count(e->a, NET_AF_NONE), 0);
	assert_int_equal(asic_adj_count(e->a), 0);
	assert_false(asic_port_mcast(e->a, 1));
	assert_true(asic_port_up(e->a, 2));
	assert_int_equal(sim_engine_pending(e->eng), 0);
	assert_true(asic_port_exists(e->a, 3));
	assert_int_equal(prog_route(e, "10.3.0.0/16"), 9);
	tenv_settle(e);
	assert_true(fib_visible(e, "10.3.0.1"));
	assert_false(fib_visible(e, "10.2.0.1"));
	tenv_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch_timing),
		cmocka_unit_test(test_mid_batch),
		cmocka_unit_test(test_costs),
		cmocka_unit_test(test_log_record),
		cmocka_unit_test(test_apply_semantics),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_queue_from_callback),
		cmocka_unit_test(test_walks),
		cmocka_unit_test(test_many_entries),
		cmocka_unit_test(test_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
