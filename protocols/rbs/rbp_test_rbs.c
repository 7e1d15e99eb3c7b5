/*
 * Hot backup over the real remote backup service (rbs.h: TCP between
 * the routers' addresses on a link of their own): the channel comes up
 * by itself, R1's batch reaches R2 (both `display igmp group` list the
 * same groups, R2's imported), a join reaches R2 in real time; the
 * channel's link fails, the keepalive takes the channel down, hosts
 * change their memberships meanwhile, and when the link returns the
 * channel reconnects and R1's batch resynchronises R2 (its end removing
 * what R1 no longer has); MLD over an IPv6 channel; the switch-back
 * after a crash, with a preemption delay that covers the resync.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/rbs/rbp_test_util.h"

#define BUF 4096

/* R2 holds R1's records, all imported; the displays agree. */
static size_t mirrored(struct bt *t)
{
	char a[BUF], b[BUF], d1[BUF], d2[BUF];
	size_t n1, n2, imp1, imp2;

	n1 = bt_records(t, 0, a, sizeof(a), &imp1);
	n2 = bt_records(t, 1, b, sizeof(b), &imp2);
	if (strcmp(a, b))
		fail_msg("R1:\n%sR2:\n%s", a, b);
	assert_int_equal(n1, n2);
	assert_int_equal(imp1, 0);
	assert_int_equal(imp2, n2);
	bt_display_groups(t, 0, d1, sizeof(d1));
	bt_display_groups(t, 1, d2, sizeof(d2));
	for (char *p = strstr(d2, " (imported)"); p;
	     p = strstr(d2, " (imported)"))
		memmove(p, p + 11, strlen(p + 11) + 1);
	assert_string_equal(d1, d2);
	return n1;
}

static void connected(struct bt *t)
{
	char out[BUF];

	for (int i = 0; i < 2; i++) {
		assert_int_equal(bt_info(t, i).channel, RBS_CONNECTED);
		bt_cli(t, i, "display remote-backup-service", out, sizeof(out));
		assert_non_null(strstr(out, "Connected"));
	}
}

static void test_rbs_sync(void **state)
{
	struct bt *t = bt_load(BT_FLOWDOWN, false, "", "");

	(void)state;
	bt_run(t, SIM_MS(500));
	bt_join(t, 0, 0);
	bt_join(t, 1, 1);
	bt_run(t, SIM_S(5));
	connected(t);
	assert_int_equal(mirrored(t), 2);
	assert_true(bt_info(t, 0).c.batches_tx >= 1);
	assert_int_equal(bt_info(t, 1).c.installed, bt_info(t, 1).c.entries_rx);
	bt_join(t, 0, 2);
	bt_run(t, SIM_S(5) + SIM_MS(5));
	assert_int_equal(mirrored(t), 3);
	bt_run(t, SIM_S(8));
	assert_int_equal(bt_lan_oif(t, 1, 0), 0);
	assert_int_equal(bt_count_rx(t, 0, 0, SIM_S(7), SIM_S(8)), 1000);
	bt_free(t);
}

static void test_rbs_cut(void **state)
{
	struct bt *t = bt_load(BT_FLOWDOWN, false, "",
			       "faults:\n  - { at: 6s, link-down: rbs }\n"
			       "  - { at: 12s, link-up: rbs }\n");
	struct rbp_info i2;
	char buf[BUF];

	(void)state;
	bt_run(t, SIM_MS(500));
	bt_join(t, 0, 0);
	bt_join(t, 1, 1);
	bt_run(t, SIM_S(6));
	connected(t);
	assert_int_equal(mirrored(t), 2);
	bt_run(t, SIM_MS(6500));
	bt_leave(t, 1, 1);
	bt_join(t, 0, 3);
	bt_run(t, SIM_S(11));
	assert_true(bt_info(t, 0).channel != RBS_CONNECTED);
	assert_true(bt_info(t, 1).channel != RBS_CONNECTED);
	/* R2 still has g2 (running down) and not g4. */
	assert_int_equal(bt_records(t, 1, buf, sizeof(buf), NULL), 2);
	assert_non_null(strstr(buf, "239.1.1.2"));
	assert_null(strstr(buf, "239.1.1.4"));
	bt_run(t, SIM_S(40));
	connected(t);
	assert_int_equal(mirrored(t), 2);
	assert_non_null(strstr(buf, "239.1.1.2"));
	i2 = bt_info(t, 1);
	assert_true(i2.c.batches_rx >= 2);
	assert_int_equal(i2.c.stale, 1);
	assert_int_equal(i2.c.count_errors, 0);
	bt_free(t);
}

static void test_rbs_mld(void **state)
{
	struct bt *t = bt_load(BT_MLD, false, "", "");

	(void)state;
	bt_run(t, SIM_MS(500));
	bt_join(t, 0, 0);
	bt_join(t, 1, 1);
	bt_run(t, SIM_S(5));
	connected(t);
	assert_int_equal(mirrored(t), 2);
	bt_leave(t, 1, 1);
	bt_run(t, SIM_S(9));
	assert_int_equal(mirrored(t), 1);
	bt_free(t);
}

/*
 * Switch-back. R1 crashes at 8 s, R2 takes over with its copy; R1
 * restarts (running again at 10 s) as Backup: the channel comes back and
 * R2, now Master, backs its records up to R1. With a preemption delay
 * that covers the resync (20 s, SEMANTICS.md: "VRRP preemption delay
 * should cover the time to re-sync") R1 takes over again with every
 * record already there: the receivers lose no more than the ASIC
 * programming of the switch, and nothing is relearned.
 */
static void test_rbs_switchback(void **state)
{
	struct bt *t =
		bt_load(BT_FLOWDOWN, false,
			"      interface GigabitEthernet0/3/0\n"
			"       vrrp vrid 1 preempt-mode timer delay 20\n",
			"faults:\n  - { at: 8s, crash: R1 }\n"
			"  - { at: 9s, restart: R1 }\n");
	struct net_addr g1;
	struct gmp_group_info gi;
	sim_time_t back, last = -1;

	(void)state;
	bt_run(t, SIM_MS(500));
	bt_join(t, 0, 0);
	bt_run(t, SIM_S(9));
	assert_int_equal(bt_info(t, 1).role, RBP_ROLE_MASTER);
	bt_run(t, SIM_S(25));
	/* R1 is Backup with R2's copy. */
	assert_int_equal(bt_info(t, 0).role, RBP_ROLE_BACKUP);
	connected(t);
	g1 = bt_group(t, 0);
	assert_true(gmp_if_group(
		gmp_router_if(t->r[0], bt_iface(t, 0, BT_LAN), NET_AF_IP4), &g1,
		&gi));
	assert_true(gi.imported);
	assert_true(bt_info(t, 0).c.installed >= 1);
	bt_run(t, SIM_S(40));
	assert_int_equal(bt_info(t, 0).role, RBP_ROLE_MASTER);
	assert_int_equal(bt_info(t, 1).role, RBP_ROLE_BACKUP);
	assert_true(bt_info(t, 1).c.requests_tx >= 1);
	assert_true(bt_info(t, 0).c.requests_rx >= 1);
	back = bt_info(t, 0).role_since;
	assert_true(back > SIM_S(29) && back < SIM_S(31));
	/* Around the switch-back, no gap beyond a few packets. */
	for (uint64_t i = 0; i < t->rx[0][0].n; i++) {
		sim_time_t a = t->rx[0][0].at[i];

		if (a > back - SIM_S(1) && a < back + SIM_S(1) && last >= 0)
			assert_true(a - last < SIM_MS(2));
		last = a;
	}
	assert_true(bt_count_rx(t, 0, 0, back - SIM_S(1), back + SIM_S(1)) >=
		    1998);
	bt_free(t);
}

static const struct CMUnitTest rbs_tests[] = {
	cmocka_unit_test(test_rbs_sync),
	cmocka_unit_test(test_rbs_cut),
	cmocka_unit_test(test_rbs_mld),
	cmocka_unit_test(test_rbs_switchback),
};

int rbp_rbs_tests(void)
{
	return cmocka_run_group_tests_name("rbp_rbs", rbs_tests, NULL, NULL);
}
