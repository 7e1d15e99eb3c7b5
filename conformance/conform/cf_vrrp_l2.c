/*
 * "vrrp" suite, address resolution, forwarding and acceptance (UNH-IOL
 * VRRP Operations tests 2.2 and 2.5; RFC 5798 sections 6.4.2, 6.4.3,
 * 8.1.2 and 8.2.2 for VRRPv3, RFC 3768 sections 6.4.2, 6.4.3 and 8.2 for
 * VRRPv2): the Master answers ARP requests and Neighbor Solicitations for
 * the virtual addresses with the virtual MAC, the Backup does not; the
 * gratuitous ARP / unsolicited NA of a new Master; the Master forwards
 * frames sent to the virtual MAC, the Backup discards them; packets to a
 * virtual address (a UDP datagram to a listening and to a closed port, a
 * TCP SYN) are accepted by an owner or with Accept_Mode only, ICMP echo
 * excepted (VRP answers pings to virtual addresses).
 */
#include "conformance/conform/cf_vrrp_int.h"

#include <stdio.h>
#include <string.h>

#include "protocols/tcp/tcp_seg.h"
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

/* ---- acceptance of packets to the virtual addresses (6.4.2, 6.4.3) ---- */

#define APP_PORT    5001 /* a UDP port an application of the DUT listens on */
#define CLOSED_PORT 5000 /* a UDP port nothing listens on */
#define TCP_PORT    5002 /* a TCP port nothing listens on */

/* What the DUT did with the packets the LAN host sent to one address. */
struct took {
	size_t echo;	  /* echo replies */
	size_t unreach;	  /* ICMP port unreachable (UDP to CLOSED_PORT) */
	size_t delivered; /* UDP datagrams handed to the APP_PORT listener */
	size_t rst;	  /* TCP RST (SYN to TCP_PORT) */
};

static void app_rx(void *ctx, struct router *r, struct node_iface *ifp,
		   const struct net_pkt_info *pi)
{
	(void)r;
	(void)ifp;
	(void)pi;
	(*(size_t *)ctx)++;
}

/* One packet from the LAN host to dst at MAC dmac: an echo request (kind
 * 0), a UDP datagram to CLOSED_PORT (1) or APP_PORT (2), a TCP SYN (3). */
static bool send_to(struct vx *x, const struct net_addr *dst,
		    const struct net_mac *dmac, int kind)
{
	static const uint8_t data[8] = "failsim";
	struct net_addr src = vx_who_addr(x, VX_HOST);
	uint8_t f[NET_FRAME_MAX], seg[64];
	struct tcp_seg syn = { .sport = 40000,
			       .dport = TCP_PORT,
			       .seq = 1000,
			       .flags = TCP_SYN,
			       .wnd = 8192 };
	uint16_t port = kind == 2 ? APP_PORT : CLOSED_PORT;
	struct net_wr w;
	int len = -1, n = 0;

	if (kind == 3)
		n = tcp_seg_encode(&syn, &src, dst, seg, sizeof(seg));
	net_wr_init(&w, f, sizeof(f));
	if (x->v->af == NET_AF_IP4) {
		struct net_udp4_params u = { .sport = 4000, .dport = port };

		u.ip.src = net_addr_ip4(&src);
		u.ip.dst = net_addr_ip4(dst);
		u.ip.ttl = 64;
		u.ip.l2.src = vx_probe_mac(x);
		u.ip.l2.dst = *dmac;
		if (kind == 0)
			len = net_build_icmp_echo4(&w, &u.ip, false, 7, 1,
						   "vrrp", 4);
		else if (kind < 3)
			len = net_build_udp4(&w, &u, data, sizeof(data));
		else if (n > 0)
			len = net_build_ip4(&w, &u.ip, 6, seg, (size_t)n);
	} else {
		struct net_udp6_params u = { .sport = 4000, .dport = port };

		u.ip.src = net_addr_ip6(&src);
		u.ip.dst = net_addr_ip6(dst);
		u.ip.hop_limit = 64;
		u.ip.l2.src = vx_probe_mac(x);
		u.ip.l2.dst = *dmac;
		if (kind == 0)
			len = net_build_icmp_echo6(&w, &u.ip, false, 7, 1,
						   "vrrp", 4);
		else if (kind < 3)
			len = net_build_udp6(&w, &u, data, sizeof(data));
		else if (n > 0)
			len = net_build_ip6(&w, &u.ip, 6, seg, (size_t)n);
	}
	return vx_send_frame(x, f, len);
}

/* Count the DUT's answers in the probe's frames from t0 on. */
static void answers(const struct vx *x, const struct net_addr *dst,
		    sim_time_t t0, struct took *k)
{
	struct vx_rx r;
	size_t i = 0;

	while (vx_next(x, &i, &r)) {
		const struct net_pkt_info *pi = &r.pi;
		struct tcp_seg g;

		if (r.t < t0)
			continue;
		if (x->v->af == NET_AF_IP4 && net_pkt_has(pi, NET_LAYER_ICMP)) {
			k->echo += pi->icmp.type == NET_ICMP_ECHO_REPLY &&
				   net_addr_eq(&pi->src, dst);
			k->unreach += pi->icmp.type == NET_ICMP_UNREACH &&
				      pi->icmp.code == NET_ICMP_UNREACH_PORT;
		} else if (x->v->af == NET_AF_IP6 &&
			   net_pkt_has(pi, NET_LAYER_ICMP6)) {
			k->echo += pi->has_echo6 && pi->icmp6.type == 129 &&
				   net_addr_eq(&pi->src, dst);
			k->unreach += pi->icmp6.type == NET_ICMP6_UNREACH &&
				      pi->icmp6.code == NET_ICMP6_UNREACH_PORT;
		} else if (pi->l4_proto == 6 && pi->af == x->v->af &&
			   net_addr_eq(&pi->src, dst) &&
			   tcp_seg_decode(pi->l4, pi->l4_len, &pi->src,
					  &pi->dst, &g) == TCP_SEG_OK) {
			k->rst += (g.flags & TCP_RST) && g.sport == TCP_PORT;
		}
	}
}

/*
 * The LAN host sends to dst (MAC dmac) an echo request, a UDP datagram
 * to a closed port, one to a port an application of the DUT listens on
 * and a TCP SYN to a closed port, 2 ms apart (answering the DUT's
 * resolution of the host), and counts what the DUT did with them.
 */
static void probe_addr(struct vx *x, const struct net_addr *dst,
		       const struct net_mac *dmac, struct took *k)
{
	sim_time_t t0 = cf_now(x->w) + SIM_MS(1);
	size_t before = x->app_rx;

	memset(k, 0, sizeof(*k));
	for (int kind = 0; kind < 4; kind++) {
		vx_run(x, t0 + kind * SIM_MS(2));
		if (!send_to(x, dst, dmac, kind))
			return;
		vx_run(x, t0 + kind * SIM_MS(2) + SIM_MS(1));
		vx_answer_host(x);
	}
	vx_run(x, t0 + 8 * SIM_MS(1) + L2_WAIT);
	answers(x, dst, t0, k);
	k->delivered = x->app_rx - before;
}

/* An application of the DUT listens on APP_PORT (counted in app_rx). */
static bool listen_app(struct vx *x)
{
	return cf_check(
		x->c,
		router_register_udp(x->dut, APP_PORT, app_rx, &x->app_rx) == 0,
		"setup: cannot listen on UDP port %d", APP_PORT);
}

/* The virtual address the acceptance cases use: the owner's own (the
 * first), else the first global one (IPv6: the second, which
 * needs nvip = 2). */
static struct net_addr accept_vip(const struct vx *x)
{
	bool v6 = x->v->af == NET_AF_IP6;

	return vx_vip(x, v6 && x->cfg.prio != VRRP_PRIO_OWNER ? 1 : 0);
}

static bool took_all(struct vx *x, const struct took *k, const char *who)
{
	return cf_check(x->c,
			k->echo == 1 && k->unreach == 1 && k->delivered == 1 &&
				k->rst == 1,
			"[%s] %s: %zu echo replies, %zu port unreachable, %zu "
			"datagrams delivered, %zu TCP RST; expected 1 each "
			"(the packets accepted)",
			x->v->name, who, k->echo, k->unreach, k->delivered,
			k->rst);
}

/* 6.4.3 (650): the owner, or a Master with Accept_Mode True, accepts
 * packets to the virtual addresses: an echo request is answered, a UDP
 * datagram delivered (or answered with a port unreachable), a SYN to a
 * closed port reset. */
static void accept_on(struct cf_ctx *c, const struct vx_var *v)
{
	for (int k = 0; k < (v->version == 2 ? 1 : 2); k++) {
		struct vx x;
		struct vx_cfg g = { .prio = k ? 0 : VRRP_PRIO_OWNER,
				    .accept = k == 1,
				    .nvip = 2 };
		struct net_addr vip;
		struct net_mac vm;
		struct took t;

		if (vx_open(&x, c, v, &g) && vx_until_master(&x) &&
		    listen_app(&x)) {
			vip = accept_vip(&x);
			vm = vx_vmac(&x);
			probe_addr(&x, &vip, &vm, &t);
			took_all(&x, &t,
				 k ? "Master with Accept_Mode" : "owner");
		}
		vx_close(&x);
	}
}
VX_CASE_V3(accept_on)
VX_CASE_V2(accept_on)

/*
 * 6.4.3 (650): otherwise (a non-owner Master, Accept_Mode False) it MUST
 * NOT accept them: no port unreachable, nothing delivered, no RST. ICMP
 * echo is excepted (VRP answers pings to virtual addresses by default;
 * protocols/vrrp/README.md). The same packets to the DUT's own address
 * are the control: accepted there.
 */
void vx_accept_off(struct cf_ctx *c, const struct vx_var *v,
		   const struct vx_cfg *g)
{
	struct vx x;
	struct net_addr vip, own;
	struct net_mac vm, mac;
	struct took t;

	if (!vx_open(&x, c, v, g) || !vx_until_master(&x) || !listen_app(&x))
		goto out;
	vip = accept_vip(&x);
	vm = vx_vmac(&x);
	probe_addr(&x, &vip, &vm, &t);
	cf_check(c, t.unreach == 0 && t.delivered == 0 && t.rst == 0,
		 "[%s] a non-owner Master without Accept_Mode accepted packets "
		 "to the virtual address: %zu port unreachable, %zu datagrams "
		 "delivered, %zu TCP RST (expected none)",
		 v->name, t.unreach, t.delivered, t.rst);
	net_addr_parse(v->af == NET_AF_IP6 ? "2001:db8:1::5" : "10.0.1.5",
		       &own);
	mac = node_iface_find(router_node(x.dut), VX_LAN)->mac;
	probe_addr(&x, &own, &mac, &t);
	took_all(&x, &t, "control: the DUT's own address");
out:
	vx_close(&x);
}

static void accept_off(struct cf_ctx *c, const struct vx_var *v)
{
	const struct vx_cfg g = { .nvip = 2 };

	vx_accept_off(c, v, &g);
}
VX_CASE_V3(accept_off)
VX_CASE_V2(accept_off)

/* 6.4.2 (340): a Backup accepts no packet to the virtual addresses, even
 * with Accept_Mode: no echo reply either. */
static void backup_accept(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .accept = v->version == 3, .nvip = 2 };
	struct net_addr vip;
	struct net_mac vm;
	struct took t;

	if (!vx_open(&x, c, v, &g) || !keep_backup(&x, SIM_S(4)) ||
	    !listen_app(&x))
		goto out;
	vip = accept_vip(&x);
	vm = vx_vmac(&x);
	probe_addr(&x, &vip, &vm, &t);
	cf_check(c,
		 t.echo == 0 && t.unreach == 0 && t.delivered == 0 &&
			 t.rst == 0,
		 "[%s] the Backup accepted packets to the virtual address: %zu "
		 "echo replies, %zu port unreachable, %zu datagrams "
		 "delivered, %zu TCP RST (expected none)",
		 v->name, t.echo, t.unreach, t.delivered, t.rst);
out:
	vx_close(&x);
}
VX_CASE_V3(backup_accept)
VX_CASE_V2(backup_accept)
