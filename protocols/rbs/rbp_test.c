/*
 * Hot backup of IGMP/MLD entries end to end, on scenario worlds of a
 * VRRP pair (R1 Master, R2 Backup) over a receivers' LAN, both pulling
 * from R3, with the stand-in channel (rbp_test_util.h): when the channel
 * comes up R1 sends a batch and R2 holds exactly R1's records, marked
 * imported, its LAN passive and held down by flowdown, while PIM (`pim
 * ignore dr-state`) pulls the streams to R2 already; hosts joining and
 * leaving reach R2 in real time; a channel cut and its return resync R2,
 * the end of the batch removing what R1 lost meanwhile; when R1 dies R2
 * forwards at once with the entries it has (the outage is the VRRP
 * detection plus one ASIC batch, no relearning); without flowdown R2
 * ignores the hosts and sends no query; MLD the same; batch-backup now,
 * batch requests, a batch whose count is wrong, and a batch entry the
 * import refuses (not carried: removed at the batch end).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/rbs/rbp_test_util.h"
#include "protocols/vrrp/vrrp_router.h"

#define BUF 4096

/* R1 and R2 hold the same records; R2's all imported, R1's none; the
 * displays list the same groups. Returns how many. */
static size_t same_records(struct bt *t)
{
	char a[BUF], b[BUF], d1[BUF], d2[BUF], want[BUF];
	size_t n1, n2, imp1, imp2, o = 0;
	char *line, *save = NULL;

	n1 = bt_records(t, 0, a, sizeof(a), &imp1);
	n2 = bt_records(t, 1, b, sizeof(b), &imp2);
	if (strcmp(a, b))
		fail_msg("R1:\n%sR2:\n%s", a, b);
	assert_int_equal(n1, n2);
	assert_int_equal(imp1, 0);
	assert_int_equal(imp2, n2);
	bt_display_groups(t, 0, d1, sizeof(d1));
	bt_display_groups(t, 1, d2, sizeof(d2));
	want[0] = '\0';
	for (line = strtok_r(d1, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		o += (size_t)snprintf(want + o, sizeof(want) - o,
				      "%s (imported)\n", line);
	assert_string_equal(d2, want);
	return n1;
}

/* Group timers of both sides within the channel delay and the
 * millisecond rounding of the wire. */
static void timers_close(struct bt *t, int k)
{
	struct net_addr g = bt_group(t, k);
	struct gmp_group_info a, b;
	sim_time_t d;

	assert_true(gmp_if_group(
		gmp_router_if(t->r[0], bt_iface(t, 0, BT_LAN), t->af), &g, &a));
	assert_true(gmp_if_group(
		gmp_router_if(t->r[1], bt_iface(t, 1, BT_LAN), t->af), &g, &b));
	d = b.expires - a.expires;
	assert_true(d >= 0 && d <= BT_DELAY + SIM_MS(1));
}

/* Up to the first batch: R1 Master with h1 in g1 and h2 in g2. */
static struct bt *sync_world(enum bt_kind kind)
{
	struct bt *t = bt_load(kind, true, "", "");
	struct rbp_info i1, i2;

	bt_run(t, SIM_MS(500));
	bt_join(t, 0, 0);
	bt_join(t, 1, 1);
	bt_run(t, SIM_S(1));
	i1 = bt_info(t, 0);
	i2 = bt_info(t, 1);
	assert_int_equal(i1.role, RBP_ROLE_MASTER);
	assert_int_equal(i2.role, RBP_ROLE_BACKUP);
	assert_int_equal(i1.channel, RBS_CONNECTING);
	assert_int_equal(bt_records(t, 0, (char[BUF]){ 0 }, BUF, NULL), 2);
	/* Nothing is backed up while the channel is down. */
	assert_int_equal(bt_records(t, 1, (char[BUF]){ 0 }, BUF, NULL), 0);
	assert_true(bt_gmp(t, 1).passive);
	assert_false(bt_gmp(t, 0).passive);
	bt_up(t);
	bt_run(t, SIM_S(1) + BT_DELAY);
	return t;
}

static void test_sync(void **state)
{
	struct bt *t = sync_world(BT_FLOWDOWN);
	struct rbp_info i1, i2;

	(void)state;
	/* One batch: start, an entry per record, end. */
	assert_int_equal(bt_sent(t, 0, RBS_T_BATCH_START), 1);
	assert_int_equal(bt_sent(t, 0, RBS_T_ENTRY_ADD), 2);
	assert_int_equal(bt_sent(t, 0, RBS_T_BATCH_END), 1);
	assert_int_equal(bt_sent(t, 1, RBS_T_ENTRY_ADD), 0);
	assert_int_equal(same_records(t), 2);
	timers_close(t, 0);
	i1 = bt_info(t, 0);
	i2 = bt_info(t, 1);
	assert_int_equal(i1.c.batches_tx, 1);
	assert_int_equal(i1.last_batch_tx, SIM_S(1));
	assert_int_equal(i1.backed_up, 2);
	assert_int_equal(i2.c.batches_rx, 1);
	assert_int_equal(i2.last_batch_rx, SIM_S(1) + BT_DELAY);
	assert_int_equal(i2.c.installed, 2);
	assert_int_equal(i2.c.stale, 0);
	/* R2's LAN is held by flowdown, yet IGMP runs on it (passive) and
	 * PIM pulls the streams: R2's entries leave the LAN out. */
	assert_false(bt_iface(t, 1, BT_LAN)->oper_up);
	assert_true(router_iface_held(t->r[1], bt_iface(t, 1, BT_LAN)));
	bt_run(t, SIM_S(8)); /* PIM neighbors: Hellos within 5 s */
	assert_int_equal(bt_lan_oif(t, 1, 0), 0);
	assert_int_equal(bt_lan_oif(t, 1, 1), 0);
	assert_int_equal(bt_lan_oif(t, 0, 0), 1);
	/* One forwarder: every packet once (1000 a second). */
	assert_int_equal(bt_count_rx(t, 0, 0, SIM_S(6), SIM_S(8)), 2000);
	assert_int_equal(bt_count_rx(t, 1, 1, SIM_S(6), SIM_S(8)), 2000);
	/* Hosts refresh R1's records (answers to its second startup query
	 * at 15.35 s): each refresh is an update, R2's timers follow. */
	bt_run(t, SIM_S(27));
	i1 = bt_info(t, 0);
	assert_true(i1.c.updates_tx >= 2);
	assert_int_equal(same_records(t), 2);
	timers_close(t, 0);
	timers_close(t, 1);
	assert_int_equal(bt_info(t, 1).c.ignored, 0);
	bt_free(t);
}

/* Hosts join and leave: R2 follows one channel delay after R1; R1's
 * interface going down withdraws nothing. */
static void test_realtime(void **state)
{
	struct bt *t = sync_world(BT_FLOWDOWN);
	struct rbp_info i2;

	(void)state;
	bt_run(t, SIM_S(2));
	bt_join(t, 0, 2);
	bt_run(t, SIM_S(2) + BT_DELAY + SIM_US(100));
	assert_int_equal(bt_sent(t, 0, RBS_T_ENTRY_ADD), 3);
	assert_int_equal(same_records(t), 3);
	/* An IGMPv2 leave: R1's group-specific queries (2 x 1 s), then the
	 * record goes and R2's with it. */
	bt_leave(t, 1, 1);
	bt_run(t, SIM_S(3));
	assert_int_equal(bt_records(t, 1, (char[BUF]){ 0 }, BUF, NULL), 3);
	bt_run(t, SIM_S(5));
	assert_int_equal(bt_sent(t, 0, RBS_T_ENTRY_DELETE), 1);
	assert_int_equal(same_records(t), 2);
	/* R2 had the lowered timer of the last member queries too: its
	 * copy ran out as R1's did, the delete found nothing to do. */
	i2 = bt_info(t, 1);
	assert_int_equal(i2.c.deletes_rx, 1);
	assert_int_equal(i2.c.removed, 0);
	assert_int_equal(bt_info(t, 0).backed_up, 2);
	/* R1's LAN goes down: its records go with IGMP, but that is no
	 * withdrawal: R2 keeps its copy for a takeover. */
	bt_cli(t, 0,
	       "system-view\ninterface GigabitEthernet0/1/0\nshutdown\n"
	       "commit",
	       (char[BUF]){ 0 }, BUF);
	bt_run(t, SIM_S(5) + SIM_MS(10));
	assert_int_equal(bt_records(t, 0, (char[BUF]){ 0 }, BUF, NULL), 0);
	assert_int_equal(bt_records(t, 1, (char[BUF]){ 0 }, BUF, NULL), 2);
	assert_int_equal(bt_sent(t, 0, RBS_T_ENTRY_DELETE), 1);
	assert_int_equal(bt_info(t, 0).backed_up, 0);
	bt_free(t);
}

/*
 * The channel is cut at 3 s: h2 leaves g2 and h1 joins g4 meanwhile,
 * and R2 knows nothing of it (its copy of g2 stays, running down). Back
 * at 9 s: R1's batch brings g4 and its end removes g2 at R2.
 */
static void test_resync(void **state)
{
	struct bt *t = sync_world(BT_FLOWDOWN);
	struct rbp_info i2;
	char buf[BUF];

	(void)state;
	bt_run(t, SIM_S(3));
	bt_cut(t);
	assert_int_equal(bt_info(t, 0).channel, RBS_CONNECTING);
	assert_int_equal(bt_info(t, 0).backed_up, 0);
	bt_leave(t, 1, 1);
	bt_join(t, 0, 3);
	bt_run(t, SIM_S(9));
	assert_int_equal(bt_records(t, 0, buf, sizeof(buf), NULL), 2);
	assert_non_null(strstr(buf, "239.1.1.4"));
	assert_int_equal(bt_records(t, 1, buf, sizeof(buf), NULL), 2);
	assert_non_null(strstr(buf, "239.1.1.2"));
	assert_int_equal(bt_sent(t, 0, RBS_T_ENTRY_DELETE), 0);
	bt_up(t);
	bt_run(t, SIM_S(9) + BT_DELAY);
	assert_int_equal(bt_sent(t, 0, RBS_T_BATCH_START), 2);
	assert_int_equal(same_records(t), 2);
	i2 = bt_info(t, 1);
	assert_int_equal(i2.c.batches_rx, 2);
	assert_int_equal(i2.c.stale, 1);
	assert_int_equal(i2.c.count_errors, 0);
	bt_free(t);
}

/*
 * R1 crashes at 8 s (PIM has built the trees by then). R2's mVRRP takes over
 * one Master_Down_Interval after R1's last advertisement; at that instant
 * flowdown releases R2's LAN, multicast track opens it and IGMP leaves passive
 * mode with the entries it imported; the forwarding entry carries the LAN port
 * after the ASIC batch of that instant, and h1 gets the stream again with the
 * next packet: no membership is relearned (the record is still the
 * imported one when the stream is back).
 */
static void test_crash(void **state)
{
	struct bt *t = bt_load(BT_FLOWDOWN, true, "",
			       "faults:\n  - { at: 8s, crash: R1 }\n");
	const struct vrrp_group *g;
	struct vrrp_group_info v;
	const struct asic_profile *p;
	struct gmp_group_info gi;
	struct net_addr g1;
	sim_time_t at, vis, back;

	(void)state;
	bt_run(t, SIM_MS(500));
	bt_join(t, 0, 0);
	bt_run(t, SIM_S(1));
	bt_up(t);
	bt_run(t, SIM_S(8));
	g = vrrp_group_of(vrrp_inst(t->r[1]), BT_PEER, NET_AF_IP4, 1);
	assert_non_null(g);
	vrrp_group_info(g, &v);
	at = v.last_adv_rx + BT_MDI(100);
	assert_true(at > SIM_S(8));
	bt_run(t, at - 1);
	assert_int_equal(bt_info(t, 1).role, RBP_ROLE_BACKUP);
	assert_int_equal(bt_lan_oif(t, 1, 0), 0);
	bt_run(t, at);
	assert_int_equal(bt_info(t, 1).role, RBP_ROLE_MASTER);
	assert_int_equal(bt_info(t, 1).role_since, at);
	assert_false(bt_gmp(t, 1).passive);
	assert_true(bt_iface(t, 1, BT_LAN)->oper_up);
	/* The ASIC batch of that instant: each group's takeover (the
	 * virtual MAC accepted, the receive entry of the virtual address:
	 * the mVRRP on the peer link, the service group on the LAN), then
	 * the stream's two entries ((*,G), then (S,G)) with the LAN port. */
	p = asic_profile(router_asic(t->r[1]));
	vis = at + p->batch_overhead + 2 * (p->adj_write + p->fib_write) +
	      2 * (p->mfib_write + p->oif_write);
	bt_run(t, vis - 1);
	assert_int_equal(bt_lan_oif(t, 1, 0), 0);
	bt_run(t, vis);
	assert_int_equal(bt_lan_oif(t, 1, 0), 1);
	/* h1 hears nothing from the crash to the new entry, then the next
	 * packet (1000 a second, 12.26 us from the source to h1). */
	bt_run(t, at + SIM_MS(5));
	back = bt_first_rx(t, 0, 0, SIM_S(8) + SIM_US(20));
	assert_true(back > vis);
	assert_true(back <= vis + SIM_MS(1) + SIM_US(13));
	assert_int_equal(bt_count_rx(t, 0, 0, SIM_S(8) + SIM_US(20), vis), 0);
	/* Nothing was relearned: the record is the one the batch brought
	 * at 1 s, still imported (R2's startup query is not answered yet). */
	g1 = bt_group(t, 0);
	assert_true(gmp_if_group(
		gmp_router_if(t->r[1], bt_iface(t, 1, BT_LAN), NET_AF_IP4), &g1,
		&gi));
	assert_true(gi.imported);
	assert_int_equal(gi.uptime, SIM_S(1) + BT_DELAY);
	bt_free(t);
}

/*
 * No flowdown (a VRRP group on the LAN itself): R2's LAN is up and hears
 * the hosts, but while R2 is Backup its IGMP is passive: it sends no
 * query, ignores every report (counted) and holds only what R1 sends.
 */
static void test_plain(void **state)
{
	struct bt *t = bt_load(BT_PLAIN, true, "", "");
	struct gmp_if_info in;
	uint64_t dropped;

	(void)state;
	bt_run(t, SIM_MS(500));
	bt_join(t, 0, 0);
	bt_run(t, SIM_S(1));
	assert_true(bt_iface(t, 1, BT_LAN)->oper_up);
	in = bt_gmp(t, 1);
	assert_true(in.passive);
	assert_int_equal(in.tx_general, 0);
	assert_true(in.drops[GMP_DROP_PASSIVE] >= 1);
	assert_int_equal(in.ngroups, 0);
	assert_int_equal(bt_info(t, 1).role, RBP_ROLE_BACKUP);
	bt_up(t);
	bt_run(t, SIM_S(1) + BT_DELAY);
	assert_int_equal(same_records(t), 1);
	/* h1 answers R1's queries: R2 drops each report, keeps the copy
	 * (refreshed by R1's updates, still imported) and stays silent. */
	dropped = bt_gmp(t, 1).drops[GMP_DROP_PASSIVE];
	bt_run(t, SIM_S(27));
	in = bt_gmp(t, 1);
	assert_true(in.drops[GMP_DROP_PASSIVE] > dropped);
	assert_int_equal(in.tx_general, 0);
	assert_int_equal(in.rx_report[2], 0);
	assert_int_equal(same_records(t), 1);
	timers_close(t, 0);
	/* Multicast track keeps R2 from forwarding onto the LAN. */
	assert_int_equal(bt_lan_oif(t, 1, 0), 0);
	assert_int_equal(bt_count_rx(t, 0, 0, SIM_S(20), SIM_S(27)), 7000);
	bt_free(t);
}

/* MLD the same: MLDv2 listeners, `vrrp6-id`, the mVRRP6 with flowdown. */
static void test_mld(void **state)
{
	struct bt *t = sync_world(BT_MLD);
	char d[BUF];

	(void)state;
	assert_int_equal(bt_info(t, 0).families, RBP_FAM_MLD);
	assert_int_equal(bt_info(t, 1).vrrp_af, NET_AF_IP6);
	assert_int_equal(same_records(t), 2);
	bt_display_groups(t, 1, d, sizeof(d));
	assert_string_equal(d, "ff1e::1:1 (imported)\nff1e::1:2 (imported)\n");
	timers_close(t, 1);
	bt_run(t, SIM_S(2));
	bt_leave(t, 1, 1);
	bt_run(t, SIM_S(6));
	assert_int_equal(bt_sent(t, 0, RBS_T_ENTRY_DELETE), 1);
	assert_int_equal(same_records(t), 1);
	bt_run(t, SIM_S(8));
	assert_int_equal(bt_lan_oif(t, 1, 0), 0);
	assert_int_equal(bt_lan_oif(t, 0, 0), 1);
	assert_int_equal(bt_count_rx(t, 0, 0, SIM_S(7), SIM_S(8)), 1000);
	bt_free(t);
}

static struct rbs_msg *entry_msg(uint8_t type, uint32_t id, const char *ifn,
				 const char *group)
{
	static struct rbs_msg m;

	memset(&m, 0, sizeof(m));
	m.type = type;
	m.backup_id = m.entry.backup_id = id;
	m.entry.af = NET_AF_IP4;
	snprintf(m.entry.ifname, sizeof(m.entry.ifname), "%s", ifn);
	assert_int_equal(net_addr_parse(group, &m.entry.group), 0);
	m.entry.mode = 1;
	m.entry.group_left = SIM_S(100);
	return &m;
}

static void batch_now(struct bt *t, int i, const char *want)
{
	char out[BUF];

	bt_cli(t, i, "system-view\nremote-backup-profile p1\nbatch-backup now",
	       out, sizeof(out));
	assert_non_null(strstr(out, want));
	bt_run(t, sim_now(sim_world_engine(t->w)) + 2 * BT_DELAY);
}

/*
 * `batch-backup now` on the Master sends a batch, on the Backup asks for
 * one; a batch whose count does not match (an entry lost) removes
 * nothing, the next good one removes what R1 does not have; messages a
 * role does not take, for an interface not bound, of another backup-id,
 * or malformed for the import are counted and change nothing.
 */
static void test_batch_ops(void **state)
{
	struct bt *t = sync_world(BT_FLOWDOWN);
	struct rbp_info i1, i2;
	struct rbs_msg *m;

	(void)state;
	batch_now(t, 0, "Info: A batch backup of p1 was sent.");
	assert_int_equal(bt_info(t, 1).c.batches_rx, 2);
	batch_now(t, 1, "Info: The peer was asked for a batch backup of p1.");
	i1 = bt_info(t, 0);
	assert_int_equal(i1.c.requests_rx, 1);
	assert_int_equal(i1.c.batches_tx, 3);
	assert_int_equal(bt_info(t, 1).c.requests_tx, 1);
	/* A record R1 does not have, then a batch that lost an entry. */
	bt_inject(t, 1, entry_msg(RBS_T_ENTRY_ADD, 10, BT_LAN, "239.1.1.9"));
	assert_int_equal(bt_records(t, 1, (char[BUF]){ 0 }, BUF, NULL), 3);
	bt_drop_next(t, 0, RBS_T_ENTRY_ADD);
	batch_now(t, 0, "Info");
	i2 = bt_info(t, 1);
	assert_int_equal(i2.c.count_errors, 1);
	assert_int_equal(i2.c.stale, 0);
	assert_int_equal(bt_records(t, 1, (char[BUF]){ 0 }, BUF, NULL), 3);
	batch_now(t, 0, "Info");
	assert_int_equal(bt_info(t, 1).c.stale, 1);
	assert_int_equal(same_records(t), 2);
	/* Refused, each counted. */
	i1 = bt_info(t, 0);
	i2 = bt_info(t, 1);
	bt_inject(t, 0, entry_msg(RBS_T_ENTRY_ADD, 10, BT_LAN, "239.1.1.8"));
	bt_inject(t, 1, entry_msg(RBS_T_ENTRY_ADD, 10, BT_UP, "239.1.1.8"));
	bt_inject(t, 1, entry_msg(RBS_T_ENTRY_ADD, 11, BT_LAN, "239.1.1.8"));
	m = entry_msg(RBS_T_ENTRY_ADD, 10, BT_LAN, "239.1.1.8");
	m->entry.mode = 7;
	bt_inject(t, 1, m);
	bt_inject(t, 1, entry_msg(RBS_T_BATCH_END, 10, BT_LAN, "239.1.1.8"));
	bt_inject(t, 1, entry_msg(RBS_T_HELLO, 10, BT_LAN, "239.1.1.8"));
	assert_int_equal(bt_info(t, 0).c.ignored, i1.c.ignored + 1);
	assert_int_equal(bt_info(t, 1).c.unknown_if, i2.c.unknown_if + 1);
	assert_int_equal(bt_info(t, 1).c.install_fail, i2.c.install_fail + 1);
	assert_int_equal(bt_info(t, 1).c.count_errors, i2.c.count_errors + 1);
	assert_int_equal(bt_info(t, 1).c.ignored, i2.c.ignored + 1);
	assert_int_equal(same_records(t), 2);
	/* Unbound on the Master: no longer followed, and the next batch
	 * carries none of it, so R2's copies go. */
	bt_cli(t, 0,
	       "system-view\ninterface GigabitEthernet0/1/0\n"
	       "undo remote-backup-profile\ncommit",
	       (char[BUF]){ 0 }, BUF);
	assert_int_equal(bt_info(t, 0).backed_up, 0);
	assert_int_equal(bt_info(t, 0).nifs, 0);
	batch_now(t, 0, "Info");
	assert_int_equal(bt_records(t, 1, (char[BUF]){ 0 }, BUF, NULL), 0);
	bt_free(t);
}

/*
 * An entry of a batch that the import refuses is not carried by the
 * batch: R2's copy of it (installed before) goes at the batch end with
 * everything else the batch did not carry. R1's next batch brings its
 * records back.
 */
static void test_batch_install_fail(void **state)
{
	struct bt *t = sync_world(BT_FLOWDOWN);
	struct rbp_info i2;
	struct rbs_msg *m;
	char buf[BUF];

	(void)state;
	bt_inject(t, 1, entry_msg(RBS_T_ENTRY_ADD, 10, BT_LAN, "239.1.1.9"));
	assert_int_equal(bt_records(t, 1, buf, sizeof(buf), NULL), 3);
	i2 = bt_info(t, 1);
	bt_inject(t, 1, entry_msg(RBS_T_BATCH_START, 10, BT_LAN, "239.1.1.9"));
	m = entry_msg(RBS_T_ENTRY_ADD, 10, BT_LAN, "239.1.1.9");
	m->entry.mode = 7;
	bt_inject(t, 1, m);
	m = entry_msg(RBS_T_BATCH_END, 10, BT_LAN, "239.1.1.9");
	m->count = 1;
	bt_inject(t, 1, m);
	assert_int_equal(bt_info(t, 1).c.install_fail, i2.c.install_fail + 1);
	assert_int_equal(bt_info(t, 1).c.count_errors, i2.c.count_errors);
	assert_int_equal(bt_info(t, 1).c.batches_rx, i2.c.batches_rx + 1);
	assert_int_equal(bt_info(t, 1).c.stale, i2.c.stale + 3);
	assert_int_equal(bt_records(t, 1, buf, sizeof(buf), NULL), 0);
	batch_now(t, 0, "Info");
	assert_int_equal(same_records(t), 2);
	bt_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sync),
		cmocka_unit_test(test_realtime),
		cmocka_unit_test(test_resync),
		cmocka_unit_test(test_crash),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_mld),
		cmocka_unit_test(test_batch_ops),
		cmocka_unit_test(test_batch_install_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) + rbp_cli_tests() +
	       rbp_rbs_tests();
}
