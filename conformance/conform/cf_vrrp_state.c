/*
 * "vrrp" suite, state transitions (UNH-IOL VRRP Operations group 2; RFC
 * 5798 sections 6.4.1-6.4.3 for VRRPv3, RFC 3768 sections 6.4.1-6.4.3 for
 * VRRPv2): Initialize to Backup or, for the address owner, to Master at
 * startup; Backup to Master exactly Master_Down_Interval after the last
 * advertisement, or Skew_Time after a priority 0; a Master yielding to a
 * higher priority or to an equal one from a greater address, answering a
 * priority 0 at once, resigning with priority 0 on Shutdown; Preempt_Mode
 * False and True, VRP's preemption delay, and (v3) the Backup learning
 * Master_Adver_Interval from the Master. The probe plays the other
 * router; every time is checked to the nanosecond.
 */
#include "conformance/conform/cf_vrrp_int.h"

#include <stdio.h>

/* The frames announcing the virtual addresses (gratuitous ARP request
 * or unsolicited NA with R=1, S=0, O=1, TLLA = virtual MAC) in [from,
 * to]: how many of the DUT's virtual addresses were announced. */
int vx_announced(const struct vx *x, sim_time_t from, sim_time_t to)
{
	struct net_mac vm = vx_vmac(x);
	int n = 0;

	for (int k = 0; k < x->cfg.nvip; k++) {
		struct net_addr vip = vx_vip(x, k);
		struct vx_rx r;
		size_t i = 0;
		bool seen = false;

		while (!seen && vx_next(x, &i, &r)) {
			const struct net_pkt_info *p = &r.pi;

			if (r.t < from || r.t > to)
				continue;
			if (x->v->af == NET_AF_IP4) {
				struct net_ip4 v4 = net_addr_ip4(&vip);

				seen = net_pkt_has(p, NET_LAYER_ARP) &&
				       p->arp.op == NET_ARP_REQUEST &&
				       net_mac_is_broadcast(&p->eth.dst) &&
				       net_mac_eq(&p->arp.sha, &vm) &&
				       !memcmp(&p->arp.spa, &v4, sizeof(v4)) &&
				       !memcmp(&p->arp.tpa, &v4, sizeof(v4));
			} else {
				struct net_ip6 v6 = net_addr_ip6(&vip);
				struct net_addr all;

				net_addr_parse("ff02::1", &all);
				seen = p->has_nd &&
				       p->nd.type == NET_ICMP6_ND_NA &&
				       p->nd.router && !p->nd.solicited &&
				       p->nd.override && p->nd.has_tll &&
				       net_mac_eq(&p->nd.tll, &vm) &&
				       net_addr_eq(&p->dst, &all) &&
				       !memcmp(&p->nd.target, &v6, sizeof(v6));
			}
		}
		n += seen;
	}
	return n;
}

/* The DUT took over at `at`: an advertisement and the announcements
 * leave at once (6.4.1 (110)-(120), 6.4.2 (370)-(395)). */
static void took_over(struct vx *x, sim_time_t at)
{
	struct vx_rx r;
	size_t n;

	vx_run(x, at + VX_ONCE);
	n = vx_adverts(x, at, at + VX_ONCE, &r);
	cf_check(x->c, n == 1 && r.err == VRRP_PKT_OK,
		 "[%s] %zu advertisements within %lld us of becoming Master, "
		 "expected 1",
		 x->v->name, n, (long long)(VX_ONCE / SIM_US(1)));
	cf_check(x->c, vx_announced(x, at, at + VX_ONCE) == x->cfg.nvip,
		 "[%s] %d of %d virtual addresses announced within %lld us "
		 "of becoming Master",
		 x->v->name, vx_announced(x, at, at + VX_ONCE), x->cfg.nvip,
		 (long long)(VX_ONCE / SIM_US(1)));
}

/* 6.4.1: a non-owner goes Backup and waits Master_Down_Interval. */
static void startup_backup(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .nvip = 2 };
	sim_time_t mdi;

	if (!vx_open(&x, c, v, &g))
		goto out;
	vx_run(&x, SIM_MS(1));
	if (!cf_check(c,
		      x.start >= 0 &&
			      vx_entered(&x, VRRP_STATE_BACKUP, 0) == x.start,
		      "[%s] did not start in Backup", v->name))
		goto out;
	mdi = vx_mdi(v->version, 100, x.cfg.adv);
	vx_run(&x, x.start + mdi - 1);
	cf_check(c,
		 vx_state(&x) == VRRP_STATE_BACKUP &&
			 vx_adverts(&x, 0, x.start + mdi, NULL) == 0,
		 "[%s] advertised or left Backup before Master_Down_Interval",
		 v->name);
	vx_run(&x, x.start + mdi);
	if (vx_at(&x, "Master", vx_entered(&x, VRRP_STATE_MASTER, 0),
		  x.start + mdi))
		took_over(&x, x.start + mdi);
out:
	vx_close(&x);
}
VX_CASE_V3(startup_backup)
VX_CASE_V2(startup_backup)

/* 6.4.1: the owner (priority 255) is Master at once and says so. */
static void startup_owner(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .prio = VRRP_PRIO_OWNER };
	struct vx_rx r;

	if (!vx_open(&x, c, v, &g))
		goto out;
	vx_run(&x, SIM_MS(1));
	if (!cf_check(c, x.start >= 0, "[%s] the group never started", v->name))
		goto out;
	cf_check(c, vx_entered(&x, VRRP_STATE_BACKUP, 0) < 0,
		 "[%s] the owner went through Backup", v->name);
	if (!vx_at(&x, "owner Master", vx_entered(&x, VRRP_STATE_MASTER, 0),
		   x.start))
		goto out;
	took_over(&x, x.start);
	if (vx_adverts(&x, x.start, x.start + VX_ONCE, &r) == 1)
		cf_check(c, r.a.priority == VRRP_PRIO_OWNER,
			 "[%s] the owner advertised priority %u, expected 255",
			 v->name, r.a.priority);
out:
	vx_close(&x);
}
VX_CASE_V3(startup_owner)
VX_CASE_V2(startup_owner)

/*
 * 6.4.2: Backup to Master exactly Master_Down_Interval after the last
 * advertisement received (3 * Master_Adver_Interval + Skew_Time).
 * rows: the DUT's priority and interval; the peer advertises a greater
 * priority at the same interval.
 */
void vx_master_down(struct cf_ctx *c, const struct vx_var *v,
		    const struct vx_row *row)
{
	struct vx x;
	struct vx_cfg g = { .prio = row->prio, .adv = row->adv };
	struct vx_tx t = { .prio = (uint8_t)(row->prio < 205 ? row->prio + 50
							     : 255) };
	sim_time_t last, want;

	if (!vx_open(&x, c, v, &g))
		goto out;
	/* The first one before the DUT's own Master_Down_Interval. */
	last = vx_send_every(&x, &t, row->adv / 2, row->adv,
			     row->adv / 2 + 4 * row->adv);
	if (last < 0)
		goto out;
	want = last + vx_mdi(v->version, row->prio, row->adv);
	vx_run(&x, want + VX_ONCE);
	if (!cf_check(c, x.rx_delay >= 0, "[%s] the DUT never heard the peer",
		      v->name))
		goto out;
	want += x.rx_delay;
	if (vx_at(&x, "Master (after the last advertisement)",
		  vx_entered(&x, VRRP_STATE_MASTER, 0), want))
		took_over(&x, want);
out:
	vx_close(&x);
}

static void master_down(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx_row row = { 100, SIM_S(1) };

	vx_master_down(c, v, &row);
}
VX_CASE_V3(master_down)
VX_CASE_V2(master_down)

/* 6.4.2: a priority 0 sets the Master_Down_Timer to Skew_Time. */
void vx_priority_zero(struct cf_ctx *c, const struct vx_var *v,
		      const struct vx_row *row)
{
	struct vx x;
	struct vx_cfg g = { .prio = row->prio, .adv = row->adv };
	struct vx_tx t = { .prio = 255 };
	sim_time_t last, want;

	if (!vx_open(&x, c, v, &g))
		goto out;
	last = vx_send_every(&x, &t, row->adv / 2, row->adv,
			     row->adv / 2 + 2 * row->adv);
	if (last < 0)
		goto out;
	vx_run(&x, last + row->adv / 2);
	t.prio = VRRP_PRIO_RESIGN;
	if (!vx_send(&x, &t))
		goto out;
	want = cf_now(x.w) + vx_skew(v->version, row->prio, row->adv);
	vx_run(&x, want + VX_ONCE);
	if (!cf_check(c, x.rx_delay >= 0, "[%s] the DUT never heard the peer",
		      v->name))
		goto out;
	want += x.rx_delay;
	if (vx_at(&x, "Master (after priority 0)",
		  vx_entered(&x, VRRP_STATE_MASTER, 0), want))
		took_over(&x, want);
out:
	vx_close(&x);
}

static void priority_zero(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx_row row = { 100, SIM_S(1) };

	vx_priority_zero(c, v, &row);
}
VX_CASE_V3(priority_zero)
VX_CASE_V2(priority_zero)

/* Adverts the DUT sent arriving in (from, to]. */
static size_t sent_in(const struct vx *x, sim_time_t from, sim_time_t to)
{
	return vx_adverts(x, from + 1, to, NULL);
}

/* 6.4.3: a Master hearing a greater priority goes Backup at once and
 * stops advertising; the Master_Down_Timer then runs. */
static void master_higher(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .prio = 200 };
	struct vx_tx t = { .from = VX_PEER_LO, .prio = 201 };
	sim_time_t t0, last, want;

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	t0 = cf_now(x.w) + SIM_MS(300);
	last = vx_send_every(&x, &t, t0, x.cfg.adv, t0 + 3 * x.cfg.adv);
	vx_run(&x, last + SIM_MS(1));
	if (last < 0 || !cf_check(c, x.rx_delay >= 0,
				  "[%s] the DUT never heard the peer", v->name))
		goto out;
	vx_at(&x, "Backup (greater priority heard)",
	      vx_entered(&x, VRRP_STATE_BACKUP, 1), t0 + x.rx_delay);
	cf_check(c, sent_in(&x, t0 + VX_ONCE, last + SIM_MS(1)) == 0,
		 "[%s] %zu advertisements sent as Backup", v->name,
		 sent_in(&x, t0 + VX_ONCE, last + SIM_MS(1)));
	want = last + x.rx_delay + vx_mdi(v->version, 200, x.cfg.adv);
	vx_run(&x, want + VX_ONCE);
	vx_at(&x, "Master again (Master_Down_Interval)",
	      vx_entered(&x, VRRP_STATE_MASTER, 1), want);
out:
	vx_close(&x);
}
VX_CASE_V3(master_higher)
VX_CASE_V2(master_higher)

/* 6.4.3: equal priority: a smaller sender address is discarded (the
 * DUT stays Master and keeps advertising), a greater one wins. */
static void master_tie(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };
	struct vx_tx lo = { .from = VX_PEER_LO, .prio = 100 };
	struct vx_tx hi = { .from = VX_PEER_HI, .prio = 100 };
	sim_time_t t0, t1;
	size_t n;

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	t0 = cf_now(x.w) + SIM_MS(300);
	t1 = vx_send_every(&x, &lo, t0, x.cfg.adv, t0 + 4 * x.cfg.adv);
	vx_run(&x, t1 + SIM_MS(1));
	n = sent_in(&x, t0, t0 + 4 * x.cfg.adv);
	cf_check(c, vx_state(&x) == VRRP_STATE_MASTER && n == 4,
		 "[%s] equal priority from a smaller address: %s, %zu "
		 "advertisements in 4 intervals, expected Master and 4",
		 v->name, vrrp_state_name(vx_state(&x)), n);
	vx_run(&x, t1 + x.cfg.adv / 2);
	if (!vx_send(&x, &hi))
		goto out;
	t1 = cf_now(x.w);
	vx_run(&x, t1 + SIM_MS(1));
	vx_at(&x, "Backup (equal priority, greater address)",
	      vx_entered(&x, VRRP_STATE_BACKUP, 1), t1 + x.rx_delay);
out:
	vx_close(&x);
}
VX_CASE_V3(master_tie)
VX_CASE_V2(master_tie)

/* 6.4.3 Shutdown: cancel the Adver_Timer, send priority 0, go to
 * Initialize (the group is deleted by the operator). */
static void master_shutdown(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };
	char cmd[160];
	struct vx_rx r;
	sim_time_t t0;
	size_t n;

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	vx_run(&x, cf_now(x.w) + SIM_MS(300));
	t0 = cf_now(x.w);
	snprintf(cmd, sizeof(cmd),
		 "system-view\ninterface " VX_LAN "\nundo %s vrid 1\ncommit\n"
		 "return",
		 v->af == NET_AF_IP6 ? "vrrp6" : "vrrp");
	if (!cf_check(c, cf_cli(x.w, x.dut, cmd, NULL) != NULL, "setup: %s",
		      x.w->err))
		goto out;
	vx_run(&x, t0 + 4 * x.cfg.adv);
	n = vx_adverts(&x, t0, t0 + VX_ONCE, &r);
	cf_check(c, n == 1 && r.err == VRRP_PKT_OK && r.a.priority == 0,
		 "[%s] on Shutdown: %zu advertisements at once, priority %d, "
		 "expected one with priority 0",
		 v->name, n, n ? r.a.priority : -1);
	cf_check(c, sent_in(&x, t0 + VX_ONCE, cf_now(x.w)) == 0,
		 "[%s] %zu advertisements after Shutdown", v->name,
		 sent_in(&x, t0 + VX_ONCE, cf_now(x.w)));
	vx_at(&x, "Initialize", vx_entered(&x, VRRP_STATE_INIT, 0), t0);
out:
	vx_close(&x);
}
VX_CASE_V3(master_shutdown)
VX_CASE_V2(master_shutdown)

/* 6.4.3: a Master hearing priority 0 advertises at once and resets the
 * Adver_Timer (the next one Advertisement_Interval later). */
static void master_prio0(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };
	struct vx_tx t = { .from = VX_PEER_LO, .prio = VRRP_PRIO_RESIGN };
	struct vx_rx a, b;
	sim_time_t t0;

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	vx_run(&x, cf_now(x.w) + SIM_MS(400));
	t0 = cf_now(x.w);
	if (!vx_send(&x, &t))
		goto out;
	vx_run(&x, t0 + x.cfg.adv + SIM_MS(100));
	if (!cf_check(c, vx_adverts(&x, t0, t0 + VX_ONCE, &a) == 1,
		      "[%s] no advertisement at once after a priority 0",
		      v->name))
		goto out;
	if (!cf_check(c, vx_adverts(&x, a.t + 1, a.t + x.cfg.adv, &b) == 1,
		      "[%s] no advertisement one interval after", v->name))
		goto out;
	vx_at(&x, "next advertisement (Adver_Timer reset)", b.t,
	      a.t + x.cfg.adv);
out:
	vx_close(&x);
}
VX_CASE_V3(master_prio0)
VX_CASE_V2(master_prio0)

/*
 * 6.4.2, Preempt_Mode False: a lower-priority Master's advertisements
 * reset the Master_Down_Timer; the DUT takes over only when they stop.
 */
static void preempt_off(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .prio = 200, .preempt = -1 };
	struct vx_tx t = { .prio = 100 };
	sim_time_t last, want;

	if (!vx_open(&x, c, v, &g))
		goto out;
	last = vx_send_every(&x, &t, SIM_MS(100), x.cfg.adv,
			     SIM_MS(100) + 7 * x.cfg.adv);
	if (last < 0)
		goto out;
	cf_check(c, vx_entered(&x, VRRP_STATE_MASTER, 0) < 0,
		 "[%s] preempted a lower-priority Master with Preempt_Mode "
		 "False",
		 v->name);
	want = last + vx_mdi(v->version, 200, x.cfg.adv);
	vx_run(&x, want + VX_ONCE);
	if (cf_check(c, x.rx_delay >= 0, "[%s] the DUT never heard the peer",
		     v->name))
		vx_at(&x, "Master (lower-priority Master silent)",
		      vx_entered(&x, VRRP_STATE_MASTER, 0), want + x.rx_delay);
out:
	vx_close(&x);
}
VX_CASE_V3(preempt_off)
VX_CASE_V2(preempt_off)

/*
 * 6.4.2, Preempt_Mode True (VRP default, no delay): lower-priority
 * advertisements are discarded, so the DUT takes over one
 * Master_Down_Interval after its start, while the other still talks.
 */
static void preempt_on(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .prio = 200 };
	struct vx_tx t = { .prio = 100 };
	sim_time_t want;

	if (!vx_open(&x, c, v, &g))
		goto out;
	vx_run(&x, SIM_MS(1));
	want = x.start + vx_mdi(v->version, 200, x.cfg.adv);
	vx_send_every(&x, &t, SIM_MS(100), x.cfg.adv, want + 3 * x.cfg.adv);
	if (vx_at(&x, "Master (preempting)",
		  vx_entered(&x, VRRP_STATE_MASTER, 0), want))
		cf_check(c,
			 vx_state(&x) == VRRP_STATE_MASTER &&
				 vx_entered(&x, VRRP_STATE_BACKUP, 1) < 0,
			 "[%s] gave the role back to a lower priority",
			 v->name);
out:
	vx_close(&x);
}
VX_CASE_V3(preempt_on)
VX_CASE_V2(preempt_on)

/*
 * VRP's preemption delay (failsim extension of 6.4.2): the first
 * lower-priority advertisement starts the delay and the DUT preempts
 * exactly the delay later (3 s here), not after Master_Down_Interval.
 */
static void preempt_delay(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .prio = 200, .preempt = 3 };
	struct vx_tx t = { .prio = 100 };

	if (!vx_open(&x, c, v, &g))
		goto out;
	vx_send_every(&x, &t, SIM_MS(100), x.cfg.adv, SIM_S(6));
	if (cf_check(c, x.rx_delay >= 0, "[%s] the DUT never heard the peer",
		     v->name))
		vx_at(&x, "Master (preemption delay 3 s)",
		      vx_entered(&x, VRRP_STATE_MASTER, 0),
		      SIM_MS(100) + x.rx_delay + SIM_S(3));
out:
	vx_close(&x);
}
VX_CASE_V3(preempt_delay)
VX_CASE_V2(preempt_delay)

/*
 * v3, 6.4.2: the Backup sets Master_Adver_Interval to the Master's
 * advertised interval (here 50 cs and 3 s against its own 1 s) and
 * times the Master out with it.
 */
static void learn_interval(struct cf_ctx *c, const struct vx_var *v)
{
	static const sim_time_t adv[] = { SIM_MS(500), SIM_S(3) };

	for (size_t k = 0; k < sizeof(adv) / sizeof(adv[0]); k++) {
		struct vx x;
		struct vx_cfg g = { 0 };
		struct vx_tx t = { .prio = 200, .adv = adv[k] };
		struct vrrp_group_info in;
		sim_time_t last, want;

		if (!vx_open(&x, c, v, &g))
			goto next;
		last = vx_send_every(&x, &t, SIM_MS(100), adv[k],
				     SIM_MS(100) + 3 * adv[k]);
		vx_run(&x, last + SIM_MS(1));
		if (last < 0 ||
		    !cf_check(c, vx_info(&x, &in) && x.rx_delay >= 0,
			      "[%s] no group, or the peer was not heard",
			      v->name))
			goto next;
		cf_check(c, in.master_adver_int == adv[k],
			 "[%s] Master_Adver_Interval %lld ms, advertised %lld "
			 "ms",
			 v->name, (long long)(in.master_adver_int / SIM_MS(1)),
			 (long long)(adv[k] / SIM_MS(1)));
		want = last + x.rx_delay + vx_mdi(3, 100, adv[k]);
		vx_run(&x, want + VX_ONCE);
		vx_at(&x, "Master (learned interval)",
		      vx_entered(&x, VRRP_STATE_MASTER, 0), want);
	next:
		vx_close(&x);
	}
}
VX_CASE_V3(learn_interval)
