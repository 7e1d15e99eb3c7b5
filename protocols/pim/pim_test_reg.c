/*
 * Register, keepalive and SPT tests (RFC 7761 4.4, 4.2) on pt_t2:
 *
 *   S 10.0.5.100 --LAN5-- R3 (DR) --LAN6-- R0 (RP 10.255.0.1) --LAN1-- R1
 *                         R3 --LAN7-- R2 --LAN2-- R1;  R2 --LAN3 receivers
 *
 * R2 reaches the RP through R1 (if0) and S through R3 (if2), so its
 * switch to the SPT changes the incoming interface. Covered: Register
 * encapsulation at the DR, decapsulation and forwarding at the RP, the
 * RP's SPT join and Register-Stop, the Register-Stop Timer and the
 * Null-Register probe, the probe timeout, the KAT, the last-hop switch
 * with its (S,G,rpt) prune, `spt-switch-threshold infinity`, a Register
 * to a router that is not the RP, and the RP as first hop.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/pim/pim_test_util.h"

#define G1 "239.1.1.1"
#define S1 "10.0.5.100"
#define RP "10.255.0.1"

static struct pt *pt_t2(bool spt_never)
{
	struct pt *w = pt_new(NET_AF_IP4, 4);

	pt_rp(w, RP);
	w->cfg.spt_never = spt_never;
	pt_local(w, 0, RP);
	pt_if(w, 0, 1, "10.0.1.1");
	pt_if(w, 0, 6, "10.0.6.1");
	pt_if(w, 0, 8, "10.0.8.1");
	pt_if(w, 1, 1, "10.0.1.2");
	pt_if(w, 1, 2, "10.0.2.1");
	pt_if(w, 2, 2, "10.0.2.3");
	pt_if(w, 2, 3, "10.0.3.3");
	pt_if(w, 2, 7, "10.0.7.3");
	pt_if(w, 3, 5, "10.0.5.1");
	pt_if(w, 3, 6, "10.0.6.4");
	pt_if(w, 3, 7, "10.0.7.4");
	pt_route(w, 0, "10.0.1.0/24", 0, NULL, 0, 0);
	pt_route(w, 0, "10.0.6.0/24", 1, NULL, 0, 0);
	pt_route(w, 0, "10.0.8.0/24", 2, NULL, 0, 0);
	pt_route(w, 0, "10.0.5.0/24", 1, "10.0.6.4", 1, 10);
	pt_route(w, 0, "10.0.2.0/23", 0, "10.0.1.2", 1, 10);
	pt_route(w, 1, "10.0.1.0/24", 0, NULL, 0, 0);
	pt_route(w, 1, "10.0.2.0/24", 1, NULL, 0, 0);
	pt_route(w, 1, RP "/32", 0, "10.0.1.1", 1, 10);
	pt_route(w, 1, "10.0.5.0/24", 0, "10.0.1.1", 1, 20);
	pt_route(w, 2, "10.0.2.0/24", 0, NULL, 0, 0);
	pt_route(w, 2, "10.0.3.0/24", 1, NULL, 0, 0);
	pt_route(w, 2, "10.0.7.0/24", 2, NULL, 0, 0);
	pt_route(w, 2, RP "/32", 0, "10.0.2.1", 1, 20);
	pt_route(w, 2, "10.0.5.0/24", 2, "10.0.7.4", 1, 10);
	pt_route(w, 3, "10.0.5.0/24", 0, NULL, 0, 0);
	pt_route(w, 3, "10.0.6.0/24", 1, NULL, 0, 0);
	pt_route(w, 3, "10.0.7.0/24", 2, NULL, 0, 0);
	pt_route(w, 3, RP "/32", 1, "10.0.6.1", 1, 10);
	for (int r = 0; r < 4; r++)
		pt_start_all(w, r);
	pt_run(w, SIM_S(10));
	return w;
}

static uint8_t pt_reg_sg(struct pt *w, int r, const char *src, const char *grp)
{
	struct pim_entry_info in;

	assert_true(pt_entry(&w->r[r], src, grp, &in));
	if (!strcmp(in.reg_state, "Join"))
		return 1;
	if (!strcmp(in.reg_state, "Prune"))
		return 2;
	if (!strcmp(in.reg_state, "Join-Pending"))
		return 3;
	return 0;
}

static uint8_t pt_reg_state(struct pt *w, int r)
{
	return pt_reg_sg(w, r, S1, G1);
}

void pt_test_register(void **state)
{
	struct pt *w = pt_t2(false);
	const struct pim_msg *m;
	struct pt_mroute *mr;
	struct pim_stats st;
	uint8_t ip[256];
	size_t iplen = pt_ip(w, S1, G1, ip, sizeof(ip));
	static const int o0[] = { 0 }, o1[] = { 1 };
	struct net_addr s1, g1;
	sim_time_t ts;

	(void)state;
	pt_member(w, 2, 1, G1, NULL, true, true);
	pt_run_for(w, SIM_MS(1));
	/* the first packet at the DR: Register with the packet inside */
	pt_nocache(w, 3, 0, S1, G1);
	assert_int_equal(pt_reg_state(w, 3), 1);
	assert_int_equal(pt_ntx(&w->r[3], PIM_T_REGISTER, -2), 1);
	m = pt_dec(w, pt_last(&w->r[3], PIM_T_REGISTER, -2));
	assert_false(m->reg.n_bit);
	assert_int_equal(m->reg.inner_len, iplen);
	assert_memory_equal(m->reg.inner, ip, iplen);
	assert_true(net_addr_eq(&pt_last(&w->r[3], PIM_T_REGISTER, -2)->dst,
				&w->r[0].locals[0]));
	mr = pt_mr(&w->r[3], S1, G1);
	assert_true(mr && mr->iif == 0 && mr->n == 0 && mr->cpu);
	pt_run_for(w, SIM_MS(1));
	/* the RP forwards it down the RP tree and joins towards S */
	assert_int_equal(w->r[0].nfwd, 1);
	assert_int_equal(w->r[0].fwd[0].n, 1);
	assert_int_equal(w->r[0].fwd[0].oifs[0], 0);
	assert_int_equal(pt_njp(w, &w->r[0], 1, G1, S1, false, false, true, 0),
			 1);
	mr = pt_mr(&w->r[0], S1, G1);
	assert_true(mr && mr->iif == 1 && pt_mr_oifs(mr, o0, 1) && mr->cpu);
	mr = pt_mr(&w->r[3], S1, G1);
	assert_true(mr && pt_mr_oifs(mr, o1, 1) && mr->cpu);
	/* more data: more Registers; the DR's SPTbit (directly connected) */
	pt_copy(w, 3, 0, S1, G1);
	assert_int_equal(pt_ntx(&w->r[3], PIM_T_REGISTER, -2), 2);
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(w->r[0].nfwd, 2);
	/* native data reaches the RP on the SPT: SPTbit, no more copies */
	pt_copy(w, 0, 1, S1, G1);
	assert_int_equal(pt_log(w, 0, "spt-switch"), 1);
	assert_false(pt_mr(&w->r[0], S1, G1)->cpu);
	/* the next Register gets a Register-Stop, and is not forwarded */
	pt_copy(w, 3, 0, S1, G1);
	pt_run_for(w, SIM_US(150));
	assert_int_equal(w->r[0].nfwd, 2);
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_REGISTER_STOP, -2), 1);
	m = pt_dec(w, pt_last(&w->r[0], PIM_T_REGISTER_STOP, -2));
	assert_true(net_addr_eq(&m->reg_stop.source, &(struct net_addr){ 0 }) ==
		    false);
	s1 = node_tw_addr(S1);
	g1 = node_tw_addr(G1);
	assert_true(net_addr_eq(&m->reg_stop.source, &s1));
	assert_true(net_addr_eq(&m->reg_stop.group.addr, &g1));
	assert_true(
		net_addr_eq(&pt_last(&w->r[0], PIM_T_REGISTER_STOP, -2)->src,
			    &w->r[0].locals[0]));
	pt_run_for(w, SIM_US(100));
	assert_int_equal(pt_reg_state(w, 3), 2);
	assert_false(pt_mr(&w->r[3], S1, G1)->cpu);
	ts = pt_now(w);
	pt_copy(w, 3, 0, S1, G1);
	assert_int_equal(pt_ntx(&w->r[3], PIM_T_REGISTER, -2), 3);
	pim_get_stats(w->r[0].p, &st);
	assert_int_equal(st.register_rx, 3);
	assert_int_equal(st.register_stop_tx, 1);
	(void)ts;
	pt_free(w);
}

/* One more second of data on the SPT, seen by the counters. */
static void pt_data_second(struct pt *w)
{
	pt_run_for(w, SIM_S(1));
	pt_mr(&w->r[3], S1, G1)->pkts++;
	pt_mr(&w->r[0], S1, G1)->pkts++;
}

/* Register-Stop Timer: rand(0.5, 1.5) * 60 s - 5 s, then a
 * Null-Register and Register_Probe_Time in Join-Pending. */
void pt_test_register_probe(void **state)
{
	struct pt *w = pt_t2(false);
	sim_time_t t_stop, t_null;
	const struct pt_tx *x;
	const struct node_tw_rec *rec;
	size_t nreg;

	(void)state;
	pt_member(w, 2, 1, G1, NULL, true, true);
	pt_nocache(w, 3, 0, S1, G1);
	pt_run_for(w, SIM_MS(1));
	pt_copy(w, 0, 1, S1, G1); /* native data at the RP */
	pt_copy(w, 3, 0, S1, G1);
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(pt_reg_state(w, 3), 2);
	rec = pt_log_nth(w, 3, "register", 1);
	t_stop = rec->t;
	nreg = pt_ntx(&w->r[3], PIM_T_REGISTER, -2);
	/* data keeps coming natively (the counters move) until the
	 * Register-Stop Timer runs out */
	while (pt_ntx(&w->r[3], PIM_T_REGISTER, -2) == nreg &&
	       pt_now(w) < t_stop + SIM_S(86))
		pt_data_second(w);
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(pt_ntx(&w->r[3], PIM_T_REGISTER, -2), nreg + 1);
	x = pt_last(&w->r[3], PIM_T_REGISTER, -2);
	t_null = x->t;
	assert_true(t_null >= t_stop + SIM_S(25) &&
		    t_null <= t_stop + SIM_S(85));
	assert_true(pt_dec(w, x)->reg.n_bit);
	/* the RP answers the Null-Register: Prune again */
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_REGISTER_STOP, -2), 2);
	assert_int_equal(pt_reg_state(w, 3), 2);
	/* now the RP stays silent: Join after Register_Probe_Time */
	w->wire = false;
	rec = pt_log_nth(w, 3, "register", pt_log(w, 3, "register") - 1);
	t_stop = rec->t;
	while (pt_ntx(&w->r[3], PIM_T_REGISTER, -2) == nreg + 1 &&
	       pt_now(w) < t_stop + SIM_S(86))
		pt_data_second(w);
	assert_int_equal(pt_ntx(&w->r[3], PIM_T_REGISTER, -2), nreg + 2);
	t_null = pt_last(&w->r[3], PIM_T_REGISTER, -2)->t;
	pt_run(w, t_null + SIM_S(5) - 1);
	assert_int_equal(pt_reg_state(w, 3), 3);
	pt_run(w, t_null + SIM_S(5));
	assert_int_equal(pt_reg_state(w, 3), 1);
	assert_true(pt_mr(&w->r[3], S1, G1)->cpu);
	pt_free(w);
}

void pt_test_keepalive(void **state)
{
	struct pt *w = pt_t2(false);
	const struct node_tw_rec *rec;
	struct pim_entry_info in;
	sim_time_t tl, e;

	(void)state;
	/* no receivers: the RP stops the DR at once */
	pt_nocache(w, 3, 0, S1, G1);
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_REGISTER_STOP, -2), 1);
	assert_int_equal(pt_reg_state(w, 3), 2);
	assert_true(pt_entry(&w->r[0], S1, G1, &in));
	/* RP_Keepalive_Period = 3 * 60 s + 5 s */
	assert_int_equal(in.keepalive_expires,
			 pt_now(w) - SIM_MS(1) + PT_DELAY + SIM_S(185));
	/* the DR's data stops after a last copy; a counter bump seen at
	 * a poll restarts the KAT from that poll */
	tl = pt_now(w);
	pt_copy(w, 3, 0, S1, G1);
	pt_run(w, tl + SIM_S(1));
	pt_mr(&w->r[3], S1, G1)->pkts += 3;
	pt_run(w, tl + SIM_S(7));
	assert_true(pt_entry(&w->r[3], S1, G1, &in));
	e = in.keepalive_expires;
	assert_true(e > tl + SIM_S(211) && e <= tl + SIM_S(216));
	w->wire = false;
	pt_run(w, e - 1);
	assert_true(pt_entry(&w->r[3], S1, G1, &in));
	assert_int_equal(pt_log(w, 3, "keepalive-expired"), 0);
	pt_run(w, e);
	rec = pt_log_nth(w, 3, "keepalive-expired", 0);
	assert_non_null(rec);
	assert_int_equal(rec->t, e);
	/* nothing else held the entry: gone, MFIB entry removed */
	assert_false(pt_entry(&w->r[3], S1, G1, &in));
	assert_null(pt_mr(&w->r[3], S1, G1));
	pt_free(w);
}

void pt_test_spt_switch(void **state)
{
	struct pt *w = pt_t2(false);
	struct pt_mroute *mr;
	static const int o1[] = { 1 }, o2[] = { 2 };
	sim_time_t t0;

	(void)state;
	pt_member(w, 2, 1, G1, NULL, true, true);
	pt_nocache(w, 3, 0, S1, G1);
	pt_run_for(w, SIM_MS(1));
	assert_true(pt_mr(&w->r[2], NULL, G1)->cpu);
	/* the first packet down the RP tree at the last hop */
	t0 = pt_now(w);
	pt_copy(w, 2, 0, S1, G1);
	assert_int_equal(pt_njp(w, &w->r[2], 2, G1, S1, false, false, true, t0),
			 1);
	mr = pt_mr(&w->r[2], S1, G1);
	assert_true(mr && mr->iif == 2 && pt_mr_oifs(mr, o1, 1) && mr->cpu);
	assert_int_equal(pt_njp(w, &w->r[2], 0, G1, S1, false, true, false, t0),
			 0);
	pt_run_for(w, SIM_MS(1));
	mr = pt_mr(&w->r[3], S1, G1);
	assert_true(mr && mr->n == 2);
	/* the first packet on the SPT: SPTbit, prune S off the RP tree */
	t0 = pt_now(w);
	pt_copy(w, 2, 2, S1, G1);
	assert_int_equal(pt_log(w, 2, "spt-switch"), 1);
	assert_false(pt_mr(&w->r[2], S1, G1)->cpu);
	assert_int_equal(pt_njp(w, &w->r[2], 0, G1, S1, false, true, false, t0),
			 1);
	pt_run_for(w, SIM_MS(1));
	/* R1 has S pruned on LAN2 and passes the prune on to the RP */
	mr = pt_mr(&w->r[1], S1, G1);
	assert_true(mr && mr->iif == 0 && mr->n == 0);
	assert_int_equal(pt_njp(w, &w->r[1], 0, G1, S1, false, true, false, t0),
			 1);
	/* the RP has nobody left for S: it leaves the SPT */
	assert_int_equal(
		pt_njp(w, &w->r[0], 1, G1, S1, false, false, false, t0), 1);
	pt_run_for(w, SIM_MS(1));
	mr = pt_mr(&w->r[3], S1, G1);
	assert_true(mr && pt_mr_oifs(mr, o2, 1));
	/* the periodic Join(*,G) keeps the prune */
	pt_run_for(w, SIM_S(61));
	assert_int_equal(pt_njp(w, &w->r[2], 0, G1, S1, false, true, false,
				t0 + SIM_S(1)),
			 1);
	assert_true(pt_njp(w, &w->r[2], 0, G1, NULL, true, true, true,
			   t0 + SIM_S(1)) >= 1);
	pt_free(w);
}

void pt_test_spt_never(void **state)
{
	struct pt *w = pt_t2(true);

	(void)state;
	pt_member(w, 2, 1, G1, NULL, true, true);
	pt_run_for(w, SIM_MS(1));
	assert_false(pt_mr(&w->r[2], NULL, G1)->cpu);
	pt_copy(w, 2, 0, S1, G1);
	assert_null(pt_mr(&w->r[2], S1, G1));
	assert_int_equal(pt_ntx(&w->r[2], PIM_T_JOIN_PRUNE, 2), 0);
	pt_free(w);
}

void pt_test_register_not_rp(void **state)
{
	struct pt *w = pt_t2(false);
	struct pim_msg *m = w->im;
	uint8_t ip[256];
	struct net_addr src = node_tw_addr("10.0.5.1");
	struct net_addr dst = node_tw_addr("10.0.1.2");
	struct pim_stats st;
	uint8_t buf[512];
	int len;

	(void)state;
	memset(m, 0, sizeof(*m));
	m->af = NET_AF_IP4;
	m->type = PIM_T_REGISTER;
	m->reg.inner = ip;
	m->reg.inner_len = pt_ip(w, S1, G1, ip, sizeof(ip));
	len = pim_pkt_encode(m, &src, &dst, buf, sizeof(buf));
	assert_true(len > 0);
	assert_int_equal(
		pim_pkt_decode(NET_AF_IP4, buf, (size_t)len, &src, &dst, w->rx),
		PIM_PKT_OK);
	pim_rx(w->r[1].p, 0, w->rx, &src, &dst);
	/* R1 is not the RP: Register-Stop back, no state kept */
	assert_int_equal(pt_ntx(&w->r[1], PIM_T_REGISTER_STOP, -2), 1);
	assert_int_equal(pt_nentries(&w->r[1]), 0);
	/* an inner packet that is no IP packet */
	m->reg.inner_len = 10;
	len = pim_pkt_encode(m, &src, &dst, buf, sizeof(buf));
	assert_int_equal(
		pim_pkt_decode(NET_AF_IP4, buf, (size_t)len, &src, &dst, w->rx),
		PIM_PKT_OK);
	pim_rx(w->r[1].p, 0, w->rx, &src, &dst);
	pim_get_stats(w->r[1].p, &st);
	assert_int_equal(st.drops[PIM_DROP_REG_INNER], 1);
	pt_free(w);
}

void pt_test_rp_first_hop(void **state)
{
	struct pt *w = pt_t2(false);
	struct pt_mroute *mr;
	static const int o0[] = { 0 };

	(void)state;
	pt_member(w, 2, 1, G1, NULL, true, true);
	pt_run_for(w, SIM_MS(1));
	/* the RP installs no (*,G): a source on its own LAN is seen */
	assert_null(pt_mr(&w->r[0], NULL, G1));
	pt_nocache(w, 0, 2, "10.0.8.100", G1);
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_REGISTER, -1), 0);
	mr = pt_mr(&w->r[0], "10.0.8.100", G1);
	assert_true(mr && mr->iif == 2 && pt_mr_oifs(mr, o0, 1));
	pt_free(w);
}

void pt_test_nocache_hold(void **state)
{
	struct pt *w = pt_t2(false);
	struct pt_mroute *mr;
	uint64_t del;

	(void)state;
	/* R1 has no interest in G: the stream is dropped in hardware */
	pt_nocache(w, 1, 1, S1, G1);
	mr = pt_mr(&w->r[1], S1, G1);
	assert_non_null(mr);
	assert_int_equal(mr->n, 0);
	assert_false(mr->cpu);
	/* held while the counter moves */
	for (int i = 0; i < 4; i++) {
		mr->pkts += 100;
		pt_run_for(w, SIM_S(5));
	}
	assert_non_null(pt_mr(&w->r[1], S1, G1));
	del = w->r[1].ndel;
	pt_run_for(w, SIM_S(6));
	assert_null(pt_mr(&w->r[1], S1, G1));
	assert_int_equal(w->r[1].ndel, del + 1);
	assert_int_equal(pt_nentries(&w->r[1]), 0);
	pt_free(w);
}

void pt_test_ipv6_sm(void **state)
{
	struct pt *w = pt_new(NET_AF_IP6, 2);
	const char *s = "2001:db8:5::100", *g = "ff0e::1";
	struct pt_mroute *mr;
	const struct pim_msg *m;
	static const int o0[] = { 0 };

	(void)state;
	pt_rp(w, "2001:db8:ff::1");
	pt_local(w, 0, "2001:db8:ff::1");
	pt_if(w, 0, 1, "fe80::1");
	pt_if(w, 0, 2, "fe80::101");
	pt_if(w, 1, 1, "fe80::2");
	pt_if(w, 1, 3, "fe80::3");
	pt_route(w, 0, "2001:db8:5::/64", 0, "fe80::2", 1, 1);
	pt_route(w, 1, "2001:db8:ff::1/128", 0, "fe80::1", 1, 1);
	pt_route(w, 1, "2001:db8:5::/64", 1, NULL, 0, 0);
	pt_start_all(w, 0);
	pt_start_all(w, 1);
	pt_run(w, SIM_S(10));
	pt_member(w, 0, 1, g, NULL, true, true);
	pt_nocache(w, 1, 1, s, g);
	m = pt_dec(w, pt_last(&w->r[1], PIM_T_REGISTER, -2));
	assert_int_equal(m->af, NET_AF_IP6);
	assert_int_equal(m->reg.inner_len, 40 + 8 + 8);
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(w->r[0].nfwd, 1);
	assert_int_equal(w->r[0].fwd[0].oifs[0], 1);
	assert_int_equal(pt_njp(w, &w->r[0], 0, g, s, false, false, true, 0),
			 1);
	mr = pt_mr(&w->r[1], s, g);
	assert_true(mr && mr->iif == 1 && pt_mr_oifs(mr, o0, 1));
	/* native data at the RP, then the Register-Stop */
	pt_copy(w, 0, 0, s, g);
	pt_copy(w, 1, 1, s, g);
	pt_run_for(w, SIM_MS(1));
	assert_int_equal(pt_ntx(&w->r[0], PIM_T_REGISTER_STOP, -2), 1);
	assert_int_equal(pt_reg_sg(w, 1, s, g), 2);
	assert_int_equal(pt_log(w, 1, "register"), 2);
	pt_free(w);
}
