/*
 * mVRRP end to end (SEMANTICS.md "mVRRP"): an `admin-vrrp` group on the
 * R1-R2 link decides, and a service group on the LAN (`track admin-vrrp
 * interface ... vrid 1`) follows it at the same nanosecond without
 * sending a single advertisement. Flowdown holds the Backup's service
 * interface down (oper down, no ARP or echo answers); unflowdown keeps it
 * up as Backup. When the mVRRP Master dies the service group switches;
 * `ignore-if-down` keeps an mVRRP whose link died out of Initialize.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/vrrp/vrrp_router_test.h"
#include "sim/node/node_host.h"
#include "sim/router/router.h"

#define MGRP(prio, extra)                                                      \
	"       admin-vrrp vrid 1" extra "\n"                                  \
	"       vrrp vrid 1 virtual-ip 10.0.12.6\n"                            \
	"       vrrp vrid 1 priority " prio "\n"                               \
	"       vrrp vrid 1 timer advertise 100 milli-second\n"
#define SGRP(extra)                                                            \
	"       vrrp vrid 2 virtual-ip 10.1.1.254\n"                           \
	"       vrrp vrid 2 track admin-vrrp interface "                       \
	"GigabitEthernet0/3/0 vrid 1" extra "\n"

static struct node_iface *iface(struct router *r, const char *name)
{
	struct node_iface *ifp = node_iface_find(router_node(r), name);

	assert_non_null(ifp);
	return ifp;
}

/* Pings from h1 to addr (count, 50 ms apart, from now). */
static int ping_id(struct vt *t, const char *addr, uint32_t count)
{
	struct net_addr a;
	int id;

	assert_int_equal(net_addr_parse(addr, &a), 0);
	id = node_host_ping(t->h1, &a, count, SIM_MS(50));
	assert_true(id >= 0);
	return id;
}

static uint32_t ping_rx(struct vt *t, int id)
{
	const struct node_host_ping_stats *st = node_host_ping_stats(t->h1, id);

	assert_non_null(st);
	return st->received;
}

/*
 * Flowdown: R1's mVRRP (120) wins at 353.125 ms and its service group is
 * Master at that nanosecond (before, its own LAN port was held down too).
 * R2's service interface stays held: oper down, no echo answers. No VRRP
 * advertisement ever reaches the LAN. R1 crashes at 2 s: R2's mVRRP and
 * its service group take over at last advertisement + 360.9375 ms, the
 * interface comes up and the virtual MAC moves to R2's port.
 */
void vt_test_mvrrp_flowdown(void **state)
{
	struct vt t;
	struct vrrp_group_info a, b;
	int p_vip, p_r1, p_r2;

	(void)state;
	vt_load_topo(&t, SGRP(""), MGRP("120", ""), SGRP(""), MGRP("100", ""),
		     "faults:\n  - { at: 2s, crash: R1 }\n");
	vt_run(&t, VT_MDI(120) - 1);
	assert_int_equal(vt_state(t.r1, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_INIT);
	assert_false(iface(t.r1, VT_LAN)->oper_up);
	vt_run(&t, VT_MDI(120));
	vt_info(t.r1, VT_PEER, NET_AF_IP4, 1, &a);
	assert_int_equal(a.state, VRRP_STATE_MASTER);
	assert_int_equal(a.became_master, VT_MDI(120));
	assert_int_equal(vt_state(t.r1, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_MASTER);
	assert_true(iface(t.r1, VT_LAN)->oper_up);
	/* Service groups run no state machine. */
	assert_null(vrrp_group_of(vrrp_inst(t.r1), VT_LAN, NET_AF_IP4, 2));
	vt_run(&t, SIM_S(1));
	p_vip = ping_id(&t, "10.1.1.254", 3);
	p_r1 = ping_id(&t, "10.1.1.1", 3);
	p_r2 = ping_id(&t, "10.1.1.2", 1);
	vt_run(&t, SIM_MS(1900));
	assert_int_equal(ping_rx(&t, p_vip), 3);
	assert_int_equal(ping_rx(&t, p_r1), 3);
	assert_int_equal(ping_rx(&t, p_r2), 0);
	assert_false(vt_host_resolves(&t, "h1", "10.1.1.2", NET_AF_IP4, 0));
	assert_int_equal(vt_state(t.r2, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_INIT);
	assert_false(iface(t.r2, VT_LAN)->oper_up);
	assert_true(iface(t.r2, VT_LAN)->carrier); /* keeps its light */
	assert_true(vt_host_resolves(&t, "h1", "10.1.1.254", NET_AF_IP4, 2));
	assert_int_equal(vt_vmac_port(&t, NET_AF_IP4, 2), vt_port(&t, "p1"));
	assert_int_equal(t.tap.adv[0][1] + t.tap.adv[0][2], 0);
	/* The mVRRP Master dies. */
	vt_run(&t, SIM_S(2));
	vt_info(t.r2, VT_PEER, NET_AF_IP4, 1, &b);
	vt_run(&t, b.last_adv_rx + VT_MDI(100) - 1);
	assert_int_equal(vt_state(t.r2, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_INIT);
	vt_run(&t, b.last_adv_rx + VT_MDI(100));
	assert_int_equal(vt_state(t.r2, VT_PEER, NET_AF_IP4, 1),
			 VRRP_STATE_MASTER);
	assert_int_equal(vt_state(t.r2, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_MASTER);
	assert_true(iface(t.r2, VT_LAN)->oper_up);
	vt_run(&t, SIM_MS(3000));
	assert_int_equal(vt_vmac_port(&t, NET_AF_IP4, 2), vt_port(&t, "p2"));
	/* The virtual address answers from R2. */
	p_vip = ping_id(&t, "10.1.1.254", 3);
	vt_run(&t, SIM_MS(3300));
	assert_int_equal(ping_rx(&t, p_vip), 3);
	assert_int_equal(t.tap.adv[0][1] + t.tap.adv[0][2], 0);
	vt_free(&t);
}

/*
 * Unflowdown on R2: its service interface stays up as Backup (it answers
 * for its own address, not for the virtual one). R2's mVRRP has
 * ignore-if-down: when the R1-R2 link is cut at 2 s, R1's mVRRP (without
 * it) goes to Initialize and flowdown holds R1's LAN port, while R2's
 * mVRRP, unable to hear a Master, becomes Master as soon as the loss of
 * signal is detected, and its service group with it.
 */
void vt_test_mvrrp_unflowdown(void **state)
{
	struct vt t;
	int p_r2;

	(void)state;
	vt_load_topo(&t, SGRP(""), MGRP("120", ""), SGRP(" unflowdown"),
		     MGRP("100", " ignore-if-down"),
		     "faults:\n  - { at: 2s, link-down: r12 }\n");
	vt_run(&t, SIM_S(1));
	assert_int_equal(vt_state(t.r1, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_MASTER);
	assert_int_equal(vt_state(t.r2, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_BACKUP);
	assert_true(iface(t.r2, VT_LAN)->oper_up);
	p_r2 = ping_id(&t, "10.1.1.2", 3);
	vt_run(&t, SIM_MS(1900));
	assert_int_equal(ping_rx(&t, p_r2), 3);
	assert_int_equal(vt_vmac_port(&t, NET_AF_IP4, 2), vt_port(&t, "p1"));
	vt_run(&t, SIM_S(2) + SIM_MS(5) - 1);
	assert_int_equal(vt_state(t.r2, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_BACKUP);
	vt_run(&t, SIM_S(2) + SIM_MS(5));
	assert_int_equal(vt_state(t.r1, VT_PEER, NET_AF_IP4, 1),
			 VRRP_STATE_INIT);
	assert_int_equal(vt_state(t.r1, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_INIT);
	assert_false(iface(t.r1, VT_LAN)->oper_up);
	assert_int_equal(vt_state(t.r2, VT_PEER, NET_AF_IP4, 1),
			 VRRP_STATE_MASTER);
	assert_int_equal(vt_state(t.r2, VT_LAN, NET_AF_IP4, 2),
			 VRRP_STATE_MASTER);
	vt_run(&t, SIM_MS(2100));
	assert_int_equal(vt_vmac_port(&t, NET_AF_IP4, 2), vt_port(&t, "p2"));
	assert_int_equal(t.tap.adv[0][1] + t.tap.adv[0][2], 0);
	vt_free(&t);
}

static void svc_watch(void *arg, const char *ifname, enum net_af af,
		      uint8_t vrid, enum vrrp_state old, enum vrrp_state new)
{
	enum vrrp_state *last = arg;

	(void)ifname;
	(void)af;
	(void)vrid;
	(void)old;
	*last = new;
}

/*
 * Undo forms around mVRRP: `undo vrrp vrid 1` cannot delete an mVRRP
 * while its `admin-vrrp vrid 1` line stays in the running configuration
 * (it is refused; `undo admin-vrrp vrid 1` first); a service group
 * without a virtual address that stops following (`undo ... track
 * admin-vrrp`) tells its watchers it left Master and lets its interface
 * go; mixing the families of the group and the mVRRP is refused.
 */
void vt_test_mvrrp_undo(void **state)
{
	struct vt t;
	enum vrrp_state last = VRRP_STATE_INIT;
	char buf[8192];

	(void)state;
	vt_load_topo(&t,
		     "       vrrp vrid 3 track admin-vrrp interface "
		     "GigabitEthernet0/3/0 vrid 1\n",
		     MGRP("120", ""), "", MGRP("100", ""), "");
	assert_true(vrrp_watch(vrrp_inst(t.r1), VT_LAN, NET_AF_IP4, 3,
			       svc_watch, &last) > 0);
	vt_run(&t, SIM_S(1));
	assert_int_equal(last, VRRP_STATE_MASTER);
	vt_cli(t.r1,
	       "system-view\ninterface " VT_PEER "\nundo vrrp vrid 1\n"
	       "commit\nreturn",
	       buf, sizeof(buf));
	assert_non_null(strstr(buf, "undo admin-vrrp"));
	assert_int_equal(vt_state(t.r1, VT_PEER, NET_AF_IP4, 1),
			 VRRP_STATE_MASTER);
	vt_cli(t.r1,
	       "system-view\ninterface " VT_LAN "\nvrrp vrid 4 track "
	       "admin-vrrp6 interface " VT_PEER " vrid 1\ncommit\nreturn",
	       buf, sizeof(buf));
	assert_non_null(strstr(buf, "Error"));
	assert_int_equal(vt_state(t.r1, VT_LAN, NET_AF_IP6, 4),
			 VRRP_STATE_INIT);
	vt_cli(t.r1, "display vrrp6 brief", buf, sizeof(buf));
	assert_null(strstr(buf, "\n4 "));
	vt_cli(t.r1,
	       "system-view\ninterface " VT_LAN "\nundo vrrp vrid 3 track "
	       "admin-vrrp\ncommit\nreturn",
	       buf, sizeof(buf));
	assert_null(strstr(buf, "Error"));
	assert_int_equal(vt_state(t.r1, VT_LAN, NET_AF_IP4, 3),
			 VRRP_STATE_INIT);
	assert_int_equal(last, VRRP_STATE_INIT);
	/* The mVRRP on R2 (Backup) is deleted after undo admin-vrrp: its
	 * lines go, nothing is left held. */
	vt_cli(t.r2,
	       "system-view\ninterface " VT_PEER "\nundo admin-vrrp vrid 1\n"
	       "undo vrrp vrid 1\ncommit\nreturn",
	       buf, sizeof(buf));
	assert_null(strstr(buf, "Error"));
	vt_cli(t.r2, "display current-configuration", buf, sizeof(buf));
	assert_null(strstr(buf, "vrid 1"));
	vt_free(&t);
}
