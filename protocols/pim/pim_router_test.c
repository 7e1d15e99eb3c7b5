/*
 * End-to-end tests of PIM-SM on routers: two routers exchange Hellos on
 * their links (neighbors, DR election by priority then address, RFC 7761
 * section 4.3.2; periodic Hellos exactly Hello_Period apart, 4.3.1; the
 * IP header rules of 4.9 on what we send), a receiver behind R2 joins
 * with IGMPv2 / IGMPv3 / MLDv2 and the source behind R1 (the static RP)
 * reaches it: ASM through (*,G) and then the shortest-path tree (4.2.1,
 * 4.5.7), SSM with a source join (4.8, RFC 4607), IPv6; the main link on
 * the tree fails and the stream comes back over the backup link when
 * unicast routing moves (RPF change, 4.5.7); with the RP on R2, R1
 * registers and R2 stops the registers (4.4); our PIM frames decode in
 * tshark without error; a LAN held down by VRRP with `pim ignore
 * dr-state` keeps pulling for its (hot-backup) members. The CLI, display and
 * reception tests are in pim_router_test_cli.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_router.h"
#include "protocols/pim/pim_router_test.h"
#include "sim/node/node_host.h"

/* ---- Hellos and the DR ---- */

struct hello_ctx {
	const char *src; /* sender to follow */
	sim_time_t t[64];
	size_t n;
	bool bad_ip; /* a header that breaks RFC 7761 4.9 */
	uint32_t prio;
	sim_time_t holdtime;
	bool genid;
};

static void hello_one(void *arg, sim_time_t t, const struct net_pkt_info *pi,
		      const struct pim_msg *m)
{
	struct hello_ctx *h = arg;
	bool v6 = pi->af == NET_AF_IP6;

	if (m->type != PIM_T_HELLO || !pt_addr_is(&pi->src, h->src))
		return;
	if (pi->ttl != 1 ||
	    !net_addr_eq(&pi->dst, v6 ? &pim_all_routers6 : &pim_all_routers4))
		h->bad_ip = true;
	if (!v6 && pi->ip4.tos != 0xc0)
		h->bad_ip = true;
	if (h->n < 64)
		h->t[h->n++] = t;
	h->prio = m->hello.dr_priority;
	h->holdtime = m->hello.holdtime;
	h->genid = m->hello.has_genid;
}

/* Hellos of one sender on the main link, checked. */
static void check_hellos(struct pt *x, const char *src, uint32_t prio)
{
	struct hello_ctx h = { .src = src };

	pt_cap_pim(x, x->cmain, hello_one, &h);
	assert_true(h.n >= 5);
	assert_false(h.bad_ip);
	assert_int_equal(h.prio, prio);
	assert_true(h.holdtime == SIM_S(105));
	assert_true(h.genid);
	/* The first ones are triggered (RFC 7761 4.3.1: a random delay up
	 * to Triggered_Hello_Delay at start and for a new neighbor); from
	 * then on, exactly Hello_Period apart. */
	assert_true(h.t[0] <= SIM_S(6));
	for (size_t i = h.n - 3; i + 1 < h.n; i++)
		assert_true(h.t[i + 1] - h.t[i] == SIM_S(30));
}

static void test_hello_dr(void **state)
{
	struct pim_if_info in1, in2;
	struct pt x;

	(void)state;
	pt_init(&x, NULL, NULL, 2);
	node_tw_run(x.t.w, SIM_S(200));
	check_hellos(&x, PT_R1_M4, 1);
	check_hellos(&x, PT_R1_M6, 1);
	check_hellos(&x, PT_R2_M4, 1);
	pt_if_info(x.r1, NET_AF_IP4, PT_MAIN, &in1);
	pt_if_info(x.r2, NET_AF_IP4, PT_MAIN, &in2);
	/* Equal priorities: the higher address is DR on both sides. */
	assert_int_equal(in1.nnbrs, 1);
	assert_int_equal(in2.nnbrs, 1);
	assert_true(pt_addr_is(&in1.dr, PT_R2_M4));
	assert_true(pt_addr_is(&in2.dr, PT_R2_M4));
	assert_false(in1.we_are_dr);
	assert_true(in2.we_are_dr);
	pt_if_info(x.r1, NET_AF_IP6, PT_MAIN, &in1);
	assert_true(pt_addr_is(&in1.dr, PT_R2_M6));
	/* A higher priority wins over the address. */
	rtest_cli(&x.t, x.r1,
		  "system-view\ninterface GigabitEthernet0/2/0\n"
		  "pim hello-option dr-priority 5\n"
		  "pim ipv6 hello-option dr-priority 5\ncommit\nreturn",
		  NULL);
	node_tw_run_for(x.t.w, SIM_S(35));
	pt_if_info(x.r1, NET_AF_IP4, PT_MAIN, &in1);
	pt_if_info(x.r2, NET_AF_IP4, PT_MAIN, &in2);
	assert_true(in1.we_are_dr);
	assert_true(pt_addr_is(&in2.dr, PT_R1_M4));
	assert_int_equal(in1.dr_priority, 5);
	pt_if_info(x.r2, NET_AF_IP6, PT_MAIN, &in2);
	assert_true(pt_addr_is(&in2.dr, PT_R1_M6));
	pt_fini(&x);
}

/* ---- streams ---- */

/* Whether r's engine has the entry (src NULL: (*,G)) with iif on ifname
 * (NULL: any) and, for (S,G), the SPT bit. */
struct find_ctx {
	struct net_addr src, grp;
	bool found, spt;
	int iif, noifs;
};

static void find_one(void *arg, const struct pim_entry_info *e)
{
	struct find_ctx *f = arg;

	if (e->rpt || !net_addr_eq(&e->src, &f->src) ||
	    !net_addr_eq(&e->grp, &f->grp))
		return;
	f->found = true;
	f->spt = e->spt;
	f->iif = e->iif;
	f->noifs = (int)e->noifs;
}

static struct find_ctx find(struct router *r, const char *src, const char *g)
{
	struct find_ctx f = { .grp = node_tw_addr(g) };
	struct pim *p = pim_router_engine(r, f.grp.af);

	if (src)
		f.src = node_tw_addr(src);
	assert_non_null(p);
	pim_each_entry(p, find_one, &f);
	return f;
}

static int ifindex(struct router *r, const char *name)
{
	struct node_iface *ifp = node_iface_find(router_node(r), name);

	assert_non_null(ifp);
	return ifp->ifindex;
}

static void join(struct pt *x, const char *g)
{
	struct net_addr grp = node_tw_addr(g);

	assert_int_equal(node_host_join(x->rcv, "eth0", &grp), 0);
}

/* Datagrams to g on a captured link since t. */
static size_t data_frames(const struct node_tw_cap *c, const char *g,
			  sim_time_t t)
{
	struct net_addr grp = node_tw_addr(g);
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++) {
		struct net_pkt_info pi;

		net_dissect(c->v[i].data, c->v[i].len, &pi);
		if (c->v[i].t >= t && pi.err == NET_OK && pi.l4_proto == 17 &&
		    net_addr_eq(&pi.dst, &grp))
			n++;
	}
	return n;
}

static void test_stream_asm4(void **state)
{
	struct find_ctx f;
	const char *out;
	struct pt x;

	(void)state;
	pt_init(&x, NULL, NULL, 2);
	node_tw_run(x.t.w, SIM_S(10));
	join(&x, PT_G4);
	node_tw_run_for(x.t.w, SIM_S(2));
	/* The shared tree: R2 joined towards the RP, R1 (the RP) forwards
	 * (*,G) down the main link. */
	f = find(x.r2, NULL, PT_G4);
	assert_true(f.found);
	assert_int_equal(f.iif, ifindex(x.r2, PT_MAIN));
	f = find(x.r1, NULL, PT_G4);
	assert_true(f.found);
	assert_int_equal(f.noifs, 1);
	pt_stream(&x, PT_G4, 50, SIM_MS(100));
	assert_true(x.rx >= 45);
	/* The last-hop router switched to the shortest-path tree. */
	f = find(x.r2, PT_SRC4, PT_G4);
	assert_true(f.found);
	assert_true(f.spt);
	assert_int_equal(f.iif, ifindex(x.r2, PT_MAIN));
	out = rtest_cli(&x.t, x.r2, "display pim routing-table", NULL);
	assert_non_null(strstr(out, "(10.0.1.10, 239.1.1.1)"));
	assert_non_null(strstr(out, "SPT"));
	assert_non_null(strstr(out, "(*, 239.1.1.1)"));
	out = rtest_cli(&x.t, x.r2, "display multicast routing-table", NULL);
	assert_non_null(strstr(out, "239.1.1.1"));
	/* The receiver leaves (IGMPv2 Leave, last member queries): the
	 * membership goes, and with it the stream. */
	{
		struct net_addr g = node_tw_addr(PT_G4);
		sim_time_t t;

		assert_true(data_frames(x.crcv, PT_G4, 0) >= 45);
		assert_int_equal(node_host_leave(x.rcv, "eth0", &g), 0);
		node_tw_run_for(x.t.w, SIM_S(4));
		f = find(x.r2, NULL, PT_G4);
		assert_true(!f.found || f.noifs == 0);
		t = node_tw_now(x.t.w);
		pt_stream(&x, PT_G4, 10, SIM_MS(100));
		assert_int_equal(data_frames(x.crcv, PT_G4, t), 0);
	}
	pt_fini(&x);
}

static void test_stream_ssm4(void **state)
{
	struct net_addr g = node_tw_addr(PT_SSM4), s = node_tw_addr(PT_SRC4);
	struct find_ctx f;
	struct pt x;

	(void)state;
	pt_init(&x, NULL, "interface GigabitEthernet0/1/0\n igmp version 3\n",
		3);
	node_tw_run(x.t.w, SIM_S(10));
	assert_int_equal(node_host_listen(x.rcv, "eth0", 1, &g,
					  NODE_HOST_INCLUDE, &s, 1),
			 0);
	node_tw_run_for(x.t.w, SIM_S(2));
	/* SSM: a source tree only, no shared tree. */
	f = find(x.r2, PT_SRC4, PT_SSM4);
	assert_true(f.found);
	assert_int_equal(f.iif, ifindex(x.r2, PT_MAIN));
	assert_false(find(x.r2, NULL, PT_SSM4).found);
	pt_stream(&x, PT_SSM4, 30, SIM_MS(100));
	assert_true(x.rx >= 28);
	assert_false(find(x.r1, NULL, PT_SSM4).found);
	pt_fini(&x);
}

static void test_stream_asm6(void **state)
{
	struct find_ctx f;
	const char *out;
	struct pt x;

	(void)state;
	pt_init(&x, NULL, NULL, 2);
	node_tw_run(x.t.w, SIM_S(10));
	join(&x, PT_G6);
	node_tw_run_for(x.t.w, SIM_S(2));
	f = find(x.r2, NULL, PT_G6);
	assert_true(f.found);
	assert_int_equal(f.iif, ifindex(x.r2, PT_MAIN));
	pt_stream(&x, PT_G6, 50, SIM_MS(100));
	assert_true(x.rx >= 45);
	f = find(x.r2, PT_SRC6, PT_G6);
	assert_true(f.found);
	assert_true(f.spt);
	out = rtest_cli(&x.t, x.r2, "display pim ipv6 routing-table", NULL);
	if (!strstr(out, "(2001:DB8:1::10, FF1E::101)"))
		fail_msg("%s", out);
	pt_fini(&x);
}

/* The main link fails: R2's routes move to the backup link, RPF
 * follows, joins go there and the stream comes back. */
static void test_reroute(void **state)
{
	struct find_ctx f;
	uint64_t before;
	struct pt x;

	(void)state;
	pt_init(&x, NULL, NULL, 2);
	node_tw_run(x.t.w, SIM_S(10));
	join(&x, PT_G4);
	node_tw_run_for(x.t.w, SIM_S(2));
	pt_stream(&x, PT_G4, 30, SIM_MS(100));
	assert_true(x.rx >= 25);
	node_link_set_up(x.lmain, false);
	pt_stream(&x, PT_G4, 50, SIM_MS(100));
	before = x.rx;
	pt_stream(&x, PT_G4, 30, SIM_MS(100));
	/* Over the backup link now, every packet. */
	assert_true(x.rx - before >= 29);
	f = find(x.r2, PT_SRC4, PT_G4);
	assert_true(f.found);
	assert_int_equal(f.iif, ifindex(x.r2, PT_BACK));
	f = find(x.r2, NULL, PT_G4);
	assert_int_equal(f.iif, ifindex(x.r2, PT_BACK));
	pt_fini(&x);
}

/*
 * The RP is R2 (LoopBack0 2.2.2.2, 2001:db8:ff::2): R1, the source's DR,
 * sends Registers to it by unicast routing (RFC 7761 4.4.1), R2
 * decapsulates them to its receivers and joins the source, and stops
 * the Registers (4.4.2) by a Register-Stop back to R1's address.
 */
#define REG_RP                                                                 \
	"pim\n undo static-rp 1.1.1.1\n static-rp 2.2.2.2\n"                   \
	"pim-ipv6\n undo static-rp 2001:db8:ff::1\n"                           \
	" static-rp 2001:db8:ff::2\n"
#define REG_R1                                                                 \
	"ip route-static 2.2.2.2 255.255.255.255 10.0.12.2\n"                  \
	"ipv6 route-static 2001:db8:ff::2 128 GigabitEthernet0/2/0 "           \
	"FE80::12:2\n" REG_RP
#define REG_R2                                                                 \
	"interface LoopBack0\n"                                                \
	" ip address 2.2.2.2 255.255.255.255\n"                                \
	" ipv6 enable\n"                                                       \
	" ipv6 address 2001:db8:ff::2 128\n" REG_RP

struct reg_count {
	size_t reg, reg_stop;
};

static void reg_one(void *arg, sim_time_t t, const struct net_pkt_info *pi,
		    const struct pim_msg *m)
{
	struct reg_count *c = arg;

	(void)t;
	/* Unicast, from a domain-wide address (RFC 7761 4.9). */
	if (m->type == PIM_T_REGISTER) {
		assert_true(pt_addr_is(&pi->dst, pi->af == NET_AF_IP6
							 ? "2001:db8:ff::2"
							 : "2.2.2.2"));
		assert_true(pt_addr_is(&pi->src, pi->af == NET_AF_IP6
							 ? "2001:db8:ff::1"
							 : PT_R1_M4));
		c->reg++;
	} else if (m->type == PIM_T_REGISTER_STOP) {
		c->reg_stop++;
	}
}

static void check_registers(struct pt *x, enum net_af af)
{
	struct pim_stats s1, s2;

	pim_get_stats(pim_router_engine(x->r1, af), &s1);
	pim_get_stats(pim_router_engine(x->r2, af), &s2);
	assert_true(s1.register_tx > 0);
	assert_true(s2.register_rx > 0);
	assert_true(s2.register_stop_tx > 0);
	assert_true(s1.register_stop_rx > 0);
	assert_int_equal(s1.tx_fail, 0);
	assert_int_equal(s2.tx_fail, 0);
}

static void test_register(void **state)
{
	struct reg_count c = { 0 };
	struct pt x;

	(void)state;
	pt_init(&x, REG_R1, REG_R2, 2);
	node_tw_run(x.t.w, SIM_S(10));
	join(&x, PT_G4);
	join(&x, PT_G6);
	node_tw_run_for(x.t.w, SIM_S(2));
	pt_stream(&x, PT_G4, 30, SIM_MS(100));
	assert_true(x.rx >= 29);
	check_registers(&x, NET_AF_IP4);
	x.rx = 0;
	pt_stream(&x, PT_G6, 30, SIM_MS(100));
	assert_true(x.rx >= 29);
	check_registers(&x, NET_AF_IP6);
	pt_cap_pim(&x, x.cmain, reg_one, &c);
	assert_true(c.reg >= 2);
	assert_true(c.reg_stop >= 2);
	/* Registers with data, Register-Stops, both families. */
	if (!pt_tshark(x.cmain, "pim_router_register.pcap")) {
		pt_fini(&x);
		skip();
	}
	pt_fini(&x);
}

/*
 * A static group is a local member (as if a host were always there),
 * and its undo removes it; a crash loses PIM with the rest of the
 * control plane, and after the restart R2 has neighbors again and
 * pulls a stream for a new receiver.
 */
static void test_static_and_restart(void **state)
{
	struct find_ctx f;
	struct node *n2;
	const char *out;
	struct pt x;

	(void)state;
	pt_init(&x, NULL,
		"interface GigabitEthernet0/1/0\n igmp static-group "
		"239.2.2.2\n",
		2);
	node_tw_run(x.t.w, SIM_S(10));
	f = find(x.r2, NULL, "239.2.2.2");
	assert_true(f.found);
	assert_int_equal(f.noifs, 1);
	assert_int_equal(f.iif, ifindex(x.r2, PT_MAIN));
	assert_true(find(x.r1, NULL, "239.2.2.2").found);
	out = rtest_cli(&x.t, x.r2, "display pim routing-table", NULL);
	assert_non_null(strstr(out, "Protocol: static, State: local"));
	rtest_cli(&x.t, x.r2,
		  "system-view\ninterface GigabitEthernet0/1/0\n"
		  "undo igmp static-group 239.2.2.2\ncommit\nreturn",
		  NULL);
	node_tw_run_for(x.t.w, SIM_S(1));
	f = find(x.r2, NULL, "239.2.2.2");
	assert_true(!f.found || f.noifs == 0);
	/* Crash and restart (boot after 1 s). */
	n2 = router_node(x.r2);
	n2->ops->crash(n2);
	assert_null(pim_router_engine(x.r2, NET_AF_IP4));
	node_tw_run_for(x.t.w, SIM_S(1));
	n2->ops->restart(n2);
	node_tw_run_for(x.t.w, SIM_S(15));
	{
		struct pim_if_info in;

		pt_if_info(x.r2, NET_AF_IP4, PT_MAIN, &in);
		assert_int_equal(in.nnbrs, 1);
	}
	join(&x, PT_G4);
	node_tw_run_for(x.t.w, SIM_S(2));
	pt_stream(&x, PT_G4, 20, SIM_MS(100));
	assert_true(x.rx >= 19);
	pt_fini(&x);
}

/*
 * Hot backup on R2's LAN: IGMP keeps running passive while VRRP would
 * hold the port down (gmp_router_set_backup). With `pim ignore
 * dr-state` the held LAN stays in PIM: R2 keeps its (*,G) and the join
 * towards the RP, its ASIC entry leaves the held port out, and released
 * it forwards again with no new join. Without it, the held LAN leaves
 * PIM and the tree goes.
 */
static void held_lan(bool ignore_dr)
{
	struct node_iface *lan;
	struct gmp_import imp = { .group = node_tw_addr(PT_G4),
				  .mode = GMP_EXCLUDE,
				  .group_left = SIM_S(400) };
	struct find_ctx f;
	struct pt x;
	uint64_t before;

	pt_init(&x, NULL,
		ignore_dr ? "interface GigabitEthernet0/1/0\n"
			    " pim ignore dr-state\n"
			  : NULL,
		2);
	lan = node_iface_find(router_node(x.r2), PT_LAN);
	assert_int_equal(
		gmp_router_set_backup(x.r2, lan, NET_AF_IP4, false, true), 0);
	node_tw_run(x.t.w, SIM_S(10));
	join(&x, PT_G4);
	node_tw_run_for(x.t.w, SIM_S(2));
	pt_stream(&x, PT_G4, 20, SIM_MS(100));
	assert_true(x.rx >= 18);
	router_iface_hold(x.r2, lan, true, "test");
	node_tw_run_for(x.t.w, SIM_S(1));
	assert_true(gmp_router_passive(x.r2, lan, NET_AF_IP4));
	f = find(x.r2, NULL, PT_G4);
	if (!ignore_dr) {
		assert_true(!f.found || f.noifs == 0);
		pt_fini(&x);
		return;
	}
	assert_true(f.found);
	assert_int_equal(f.noifs, 1);
	assert_int_equal(f.iif, ifindex(x.r2, PT_MAIN));
	before = x.rx;
	pt_stream(&x, PT_G4, 20, SIM_MS(100));
	assert_int_equal(x.rx, before); /* pulled, not forwarded */
	/* The peer keeps the record alive (hosts are not heard): the joins
	 * go on beyond a J/P holdtime (210 s). */
	assert_int_equal(gmp_router_import(x.r2, lan, &imp), 0);
	node_tw_run_for(x.t.w, SIM_S(300));
	assert_true(find(x.r1, NULL, PT_G4).found);
	assert_int_equal(find(x.r1, NULL, PT_G4).noifs, 1);
	router_iface_hold(x.r2, lan, false, "test");
	node_tw_run_for(x.t.w, SIM_MS(10));
	before = x.rx;
	pt_stream(&x, PT_G4, 20, SIM_MS(100));
	assert_true(x.rx - before >= 19);
	pt_fini(&x);
}

static void test_held_lan(void **state)
{
	(void)state;
	held_lan(true);
	held_lan(false);
}

/* What we put on the wire decodes in tshark: Hellos, Join/Prunes of
 * both families, and the data. */
static void test_tshark(void **state)
{
	struct pt x;

	(void)state;
	pt_init(&x, NULL, NULL, 2);
	node_tw_run(x.t.w, SIM_S(10));
	join(&x, PT_G4);
	join(&x, PT_G6);
	node_tw_run_for(x.t.w, SIM_S(2));
	pt_stream(&x, PT_G4, 10, SIM_MS(100));
	pt_stream(&x, PT_G6, 10, SIM_MS(100));
	node_tw_run_for(x.t.w, SIM_S(70));
	assert_true(pt_cap_pim(&x, x.cmain, NULL, NULL) >= 10);
	if (!pt_tshark(x.cmain, "pim_router_test.pcap")) {
		pt_fini(&x);
		skip();
	}
	pt_fini(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hello_dr),
		cmocka_unit_test(test_stream_asm4),
		cmocka_unit_test(test_stream_ssm4),
		cmocka_unit_test(test_stream_asm6),
		cmocka_unit_test(test_reroute),
		cmocka_unit_test(test_register),
		cmocka_unit_test(test_static_and_restart),
		cmocka_unit_test(test_tshark),
		cmocka_unit_test(test_held_lan),
		cmocka_unit_test(pt_test_cli_errors),
		cmocka_unit_test(pt_test_cli_values),
		cmocka_unit_test(pt_test_cli_undo),
		cmocka_unit_test(pt_test_display_golden),
		cmocka_unit_test(pt_test_rx_drops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
