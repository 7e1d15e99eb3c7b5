/*
 * "vrrp" suite, address resolution, forwarding and acceptance (UNH-IOL
 * VRRP Operations tests 2.2 and 2.5; RFC 5798 sections 6.4.2, 6.4.3,
 * 8.1.2 and 8.2.2 for VRRPv3, RFC 3768 sections 6.4.2, 6.4.3 and 8.2 for
 * VRRPv2): the Master answers ARP requests and Neighbor Solicitations for
 * the virtual addresses with the virtual MAC, the Backup does not; the
 * gratuitous ARP / unsolicited NA of a new Master; the Master forwards
 * frames sent to the virtual MAC, the Backup discards them; packets to a
 * virtual address are accepted by an owner or with Accept_Mode only.
 */
#include "conformance/conform/cf_vrrp_int.h"

#include <stdio.h>
#include <string.h>

#include "sim/net/net_build.h"

#define L2_WAIT SIM_MS(10) /* time allowed for a reply or a forward */

/* Keep the DUT Backup: a priority 200 Master advertising until `to`. */
static bool keep_backup(struct vx *x, sim_time_t to)
{
	struct vx_tx t = { .prio = 200 };

	vx_send_every(x, &t, x->cfg.adv / 2, x->cfg.adv, to);
	return cf_check(x->c, vx_state(x) == VRRP_STATE_BACKUP,
			"[%s] the DUT is %s, expected Backup", x->v->name,
			vrrp_state_name(vx_state(x)));
}

/* 6.4.3 (610)/(625), 8.1.2, 8.2.2: the Master answers with the virtual
 * MAC (and, IPv6, with the Router flag), never its own. */
static void master_resolve(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .nvip = 2 };
	struct net_mac vm;

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	vm = vx_vmac(&x);
	for (int k = 0; k < 2; k++) {
		sim_time_t t0 = cf_now(x.w) + SIM_MS(1);
		struct vx_rx r;
		size_t n;
		bool ok;

		vx_run(&x, t0);
		if (!vx_send_resolve(&x, k))
			goto out;
		vx_run(&x, t0 + L2_WAIT);
		n = vx_resolves(&x, k, t0, t0 + L2_WAIT, &r);
		if (!cf_check(c, n == 1,
			      "[%s] %zu answers to a request for virtual "
			      "address %d, expected 1",
			      v->name, n, k))
			continue;
		ok = v->af == NET_AF_IP4
			     ? net_mac_eq(&r.pi.arp.sha, &vm)
			     : r.pi.nd.has_tll &&
				       net_mac_eq(&r.pi.nd.tll, &vm) &&
				       r.pi.nd.router;
		cf_check(c, ok,
			 "[%s] answer for virtual address %d without the "
			 "virtual MAC%s",
			 v->name, k,
			 v->af == NET_AF_IP6 ? " (or without the Router flag)"
					     : "");
	}
out:
	vx_close(&x);
}
VX_CASE_V3(master_resolve)
VX_CASE_V2(master_resolve)

/* 6.4.2 (310)/(320): the Backup answers neither. */
static void backup_resolve(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .nvip = 2 };

	if (!vx_open(&x, c, v, &g) || !keep_backup(&x, SIM_S(4)))
		goto out;
	for (int k = 0; k < 2; k++) {
		sim_time_t t0 = cf_now(x.w) + SIM_MS(1);
		size_t n;

		vx_run(&x, t0);
		if (!vx_send_resolve(&x, k))
			goto out;
		vx_run(&x, t0 + L2_WAIT);
		n = vx_resolves(&x, k, t0, t0 + L2_WAIT, NULL);
		cf_check(c, n == 0,
			 "[%s] the Backup answered %zu requests for virtual "
			 "address %d",
			 v->name, n, k);
	}
out:
	vx_close(&x);
}
VX_CASE_V3(backup_resolve)
VX_CASE_V2(backup_resolve)

/* 6.4.2 (380)/(395): on becoming Master, one gratuitous ARP (IPv6: one
 * unsolicited NA, R=1 S=0 O=1) per virtual address, with the virtual
 * MAC, at once. */
static void announce(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .nvip = 3, .prio = 120 };
	sim_time_t at;
	int n;

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	at = vx_entered(&x, VRRP_STATE_MASTER, 0);
	n = vx_announced(&x, at, at + VX_ONCE);
	cf_check(c, n == 3,
		 "[%s] %d of 3 virtual addresses announced within %lld us of "
		 "becoming Master",
		 v->name, n, (long long)(VX_ONCE / SIM_US(1)));
	cf_check(c, vx_announced(&x, 0, at - 1) == 0,
		 "[%s] virtual addresses announced before becoming Master",
		 v->name);
out:
	vx_close(&x);
}
VX_CASE_V3(announce)
VX_CASE_V2(announce)

/* A UDP datagram from the LAN host to the host behind the DUT, to
 * destination MAC dmac. */
static bool send_through(struct vx *x, const struct net_mac *dmac)
{
	uint8_t f[NET_FRAME_MAX], data[16] = "failsim";
	struct net_addr src = vx_who_addr(x, VX_HOST);
	struct net_wr w;
	int len;

	net_wr_init(&w, f, sizeof(f));
	if (x->v->af == NET_AF_IP4) {
		struct net_udp4_params u = { .sport = 4000, .dport = 5000 };

		struct net_addr d;

		net_addr_parse("10.0.2.10", &d);
		u.ip.src = net_addr_ip4(&src);
		u.ip.dst = net_addr_ip4(&d);
		u.ip.ttl = 64;
		u.ip.l2.src = vx_probe_mac(x);
		u.ip.l2.dst = *dmac;
		len = net_build_udp4(&w, &u, data, sizeof(data));
	} else {
		struct net_udp6_params u = { .sport = 4000, .dport = 5000 };
		struct net_addr d;

		net_addr_parse("2001:db8:2::10", &d);
		u.ip.src = net_addr_ip6(&src);
		u.ip.dst = net_addr_ip6(&d);
		u.ip.hop_limit = 64;
		u.ip.l2.src = vx_probe_mac(x);
		u.ip.l2.dst = *dmac;
		len = net_build_udp6(&w, &u, data, sizeof(data));
	}
	return vx_send_frame(x, f, len);
}

/* UDP datagrams to port 5000 on the cable to the host in [from, to]. */
static size_t forwarded(const struct vx *x, sim_time_t from, sim_time_t to)
{
	size_t n = 0;

	for (size_t i = 0; i < x->upcap->n; i++) {
		const struct node_tw_frame *f = &x->upcap->v[i];
		struct net_pkt_info pi;

		if (f->t < from || f->t > to)
			continue;
		net_dissect(f->data, f->len, &pi);
		n += net_pkt_has(&pi, NET_LAYER_UDP) && pi.udp.dport == 5000 &&
		     pi.af == x->v->af;
	}
	return n;
}

/* 6.4.3 (645): the Master forwards frames sent to the virtual MAC. */
static void master_forward(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };
	struct net_mac vm;
	sim_time_t t0;

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	vm = vx_vmac(&x);
	t0 = cf_now(x.w) + SIM_MS(5);
	vx_run(&x, t0);
	if (!send_through(&x, &vm))
		goto out;
	vx_run(&x, t0 + L2_WAIT);
	cf_check(c, forwarded(&x, t0, t0 + L2_WAIT) == 1,
		 "[%s] the Master forwarded %zu of 1 datagrams sent to the "
		 "virtual MAC",
		 v->name, forwarded(&x, t0, t0 + L2_WAIT));
out:
	vx_close(&x);
}
VX_CASE_V3(master_forward)
VX_CASE_V2(master_forward)

/* 6.4.2 (335): the Backup discards frames sent to the virtual MAC (one
 * sent to its own MAC, as a control, is forwarded). */
static void backup_discard(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };
	struct net_mac vm, own;
	sim_time_t t0;

	if (!vx_open(&x, c, v, &g) || !keep_backup(&x, SIM_S(4)))
		goto out;
	vm = vx_vmac(&x);
	own = node_iface_find(router_node(x.dut), VX_LAN)->mac;
	t0 = cf_now(x.w) + SIM_MS(1);
	vx_run(&x, t0);
	if (!send_through(&x, &vm))
		goto out;
	vx_run(&x, t0 + L2_WAIT);
	cf_check(c, forwarded(&x, t0, t0 + L2_WAIT) == 0,
		 "[%s] the Backup forwarded a datagram sent to the virtual "
		 "MAC",
		 v->name);
	t0 += L2_WAIT + SIM_MS(1);
	vx_run(&x, t0);
	if (!send_through(&x, &own))
		goto out;
	vx_run(&x, t0 + L2_WAIT);
	cf_check(c, forwarded(&x, t0, t0 + L2_WAIT) == 1,
		 "[%s] control: a datagram to the router's own MAC was not "
		 "forwarded",
		 v->name);
out:
	vx_close(&x);
}
VX_CASE_V3(backup_discard)
VX_CASE_V2(backup_discard)

/* An echo request from the LAN host to the first virtual address, to
 * the virtual MAC; the echo replies from it in the next L2_WAIT. */
static size_t echo_vip(struct vx *x)
{
	uint8_t f[NET_FRAME_MAX];
	struct net_addr src = vx_who_addr(x, VX_HOST), vip = vx_vip(x, 0);
	struct net_mac vm = vx_vmac(x);
	sim_time_t t0 = cf_now(x->w) + SIM_MS(1);
	struct net_wr w;
	struct vx_rx r;
	size_t i = 0, n = 0;
	int len;

	vx_run(x, t0);
	net_wr_init(&w, f, sizeof(f));
	if (x->v->af == NET_AF_IP4) {
		struct net_ip4_params p = { .src = net_addr_ip4(&src),
					    .dst = net_addr_ip4(&vip),
					    .ttl = 64 };

		p.l2.src = vx_probe_mac(x);
		p.l2.dst = vm;
		len = net_build_icmp_echo4(&w, &p, false, 7, 1, "vrrp", 4);
	} else {
		struct net_ip6_params p = { .src = net_addr_ip6(&src),
					    .dst = net_addr_ip6(&vip),
					    .hop_limit = 64 };

		p.l2.src = vx_probe_mac(x);
		p.l2.dst = vm;
		len = net_build_icmp_echo6(&w, &p, false, 7, 1, "vrrp", 4);
	}
	if (!vx_send_frame(x, f, len))
		return 0;
	/* The reply needs the host's MAC: answer the DUT's resolution. */
	vx_run(x, t0 + SIM_MS(1));
	vx_answer_host(x);
	vx_run(x, t0 + L2_WAIT);
	while (vx_next(x, &i, &r)) {
		if (r.t < t0 || !net_addr_eq(&r.pi.src, &vip))
			continue;
		if (x->v->af == NET_AF_IP4)
			n += net_pkt_has(&r.pi, NET_LAYER_ICMP) &&
			     r.pi.icmp.type == NET_ICMP_ECHO_REPLY;
		else
			n += r.pi.has_echo6 && r.pi.icmp6.type == 129;
	}
	return n;
}

/* 6.4.3 (650): the owner, or a Master with Accept_Mode True, accepts
 * packets to the virtual addresses (an echo request is answered). */
static void accept_on(struct cf_ctx *c, const struct vx_var *v)
{
	for (int k = 0; k < (v->version == 2 ? 1 : 2); k++) {
		struct vx x;
		struct vx_cfg g = { .prio = k ? 0 : VRRP_PRIO_OWNER,
				    .accept = k == 1 };

		if (vx_open(&x, c, v, &g) && vx_until_master(&x))
			cf_check(c, echo_vip(&x) == 1,
				 "[%s] the %s did not answer an echo request "
				 "to the virtual address",
				 v->name,
				 k ? "Master with Accept_Mode" : "owner");
		vx_close(&x);
	}
}
VX_CASE_V3(accept_on)
VX_CASE_V2(accept_on)

/* 6.4.3 (650): otherwise (a non-owner Master, Accept_Mode False) it
 * MUST NOT accept them. */
static void accept_off(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };

	if (vx_open(&x, c, v, &g) && vx_until_master(&x))
		cf_check(c, echo_vip(&x) == 0,
			 "[%s] a non-owner Master without Accept_Mode answered "
			 "an echo request to the virtual address (accepted "
			 "it)",
			 v->name);
	vx_close(&x);
}
VX_CASE_V3(accept_off)
VX_CASE_V2(accept_off)

/* 6.4.2 (340): a Backup accepts no packet to the virtual addresses. */
static void backup_accept(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .accept = v->version == 3 };

	if (vx_open(&x, c, v, &g) && keep_backup(&x, SIM_S(4)))
		cf_check(c, echo_vip(&x) == 0,
			 "[%s] the Backup answered an echo request to the "
			 "virtual address",
			 v->name);
	vx_close(&x);
}
VX_CASE_V3(backup_accept)
VX_CASE_V2(backup_accept)
