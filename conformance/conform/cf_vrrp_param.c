/*
 * "vrrp" suite, parameters per virtual router (UNH-IOL VRRP Operations
 * group 3; RFC 5798 sections 5.2.4, 5.2.7, 6.1, 7.3 for VRRPv3, RFC 3768
 * sections 5.3.4, 5.3.7, 6.1, 7.3 for VRRPv2): the priority range and the
 * owner's 255, the advertisement interval range each version can carry
 * (v2 whole seconds 1-255, v3 centiseconds 1-4095) as failsim's command
 * accepts it and as it goes on the wire, Skew_Time and
 * Master_Down_Interval over tables of priorities and intervals, and the
 * virtual router MAC address per VRID.
 */
#include "conformance/conform/cf_vrrp_int.h"

#include <stdio.h>

static const char *kw(const struct vx_var *v)
{
	return v->af == NET_AF_IP6 ? "vrrp6" : "vrrp";
}

/* Type one interface line on the DUT; its return code. */
static int iface_cmd(struct vx *x, const char *line)
{
	char cmd[256];
	int rc = 0;

	snprintf(cmd, sizeof(cmd),
		 "system-view\ninterface " VX_LAN "\n%s\ncommit\nreturn", line);
	cf_cli(x->w, x->dut, cmd, &rc);
	return rc;
}

/* The priority of the last advertisement the DUT sent in the two
 * intervals from now (a change is advertised at once, possibly right
 * after a periodic one), or -1. */
static int next_prio(struct vx *x)
{
	sim_time_t t0 = cf_now(x->w);
	struct vx_rx r;
	size_t i = 0;
	int p = -1;

	vx_run(x, t0 + 2 * x->cfg.adv);
	while (vx_next(x, &i, &r))
		if (r.is_adv && !r.err && r.t >= t0)
			p = r.a.priority;
	return p;
}

/* 5.2.4: backups 1-254 (0 and 255 refused), the owner 255. */
static void priority_range(struct cf_ctx *c, const struct vx_var *v)
{
	static const int bad[] = { 0, 255, 256 }, good[] = { 254, 1 };
	struct vx x;
	struct vx_cfg g = { 0 };
	char line[96];

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int p;

		snprintf(line, sizeof(line), "%s vrid 1 priority %d", kw(v),
			 good[i]);
		if (!cf_check(c, iface_cmd(&x, line) == 0,
			      "[%s] \"%s\" refused", v->name, line))
			continue;
		p = next_prio(&x);
		cf_check(c, p == good[i],
			 "[%s] advertised priority %d after \"%s\"", v->name, p,
			 line);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(line, sizeof(line), "%s vrid 1 priority %d", kw(v),
			 bad[i]);
		cf_check(c, iface_cmd(&x, line) != 0,
			 "[%s] \"%s\" accepted (backups use 1-254)", v->name,
			 line);
	}
	cf_check(c, next_prio(&x) == 1,
		 "[%s] priority changed by a refused command", v->name);
	vx_close(&x);
	/* The owner: 255 whatever priority is configured. */
	g.prio = VRRP_PRIO_OWNER;
	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	snprintf(line, sizeof(line), "%s vrid 1 priority 120", kw(v));
	iface_cmd(&x, line);
	vx_run(&x, cf_now(x.w) + SIM_MS(10));
	{
		int p = next_prio(&x);

		cf_check(c, p == VRRP_PRIO_OWNER,
			 "[%s] the address owner advertised priority %d, "
			 "expected 255",
			 v->name, p);
	}
out:
	vx_close(&x);
}
VX_CASE_V3(priority_range)
VX_CASE_V2(priority_range)

struct iv_cmd {
	const char *arg; /* after "timer advertise " */
	bool ok;
};

/* The command's range, then two DUTs advertising at the extremes: the
 * wire field and the spacing of the advertisements. */
static void interval_range(struct cf_ctx *c, const struct vx_var *v,
			   const struct iv_cmd *cmds, size_t n,
			   const sim_time_t *ext, size_t next)
{
	struct vx x;
	struct vx_cfg g = { 0 };
	char line[96];

	if (!vx_open(&x, c, v, &g))
		goto out;
	vx_run(&x, SIM_MS(10));
	for (size_t i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "%s vrid 1 timer advertise %s",
			 kw(v), cmds[i].arg);
		cf_check(c, (iface_cmd(&x, line) == 0) == cmds[i].ok,
			 "[%s] \"%s\" %s", v->name, line,
			 cmds[i].ok ? "refused" : "accepted");
	}
	vx_close(&x);
	for (size_t i = 0; i < next; i++) {
		struct vx_rx a, b;

		g.adv = ext[i];
		if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
			goto out;
		vx_run(&x, cf_now(x.w) + 2 * ext[i]);
		if (!cf_check(c,
			      vx_adverts(&x, 0, cf_now(x.w), &a) >= 2 && !a.err,
			      "[%s] no advertisements every %lld ms", v->name,
			      (long long)(ext[i] / SIM_MS(1))))
			goto out;
		vx_adverts(&x, a.t + 1, cf_now(x.w), &b);
		cf_check(c, a.a.adver_int == ext[i] && b.t - a.t == ext[i],
			 "[%s] configured %lld ms: advertised %lld ms, sent "
			 "%lld ms apart",
			 v->name, (long long)(ext[i] / SIM_MS(1)),
			 (long long)(a.a.adver_int / SIM_MS(1)),
			 (long long)((b.t - a.t) / SIM_MS(1)));
		vx_close(&x);
	}
out:
	vx_close(&x);
}

/* v3 (5.2.7): centiseconds, 1-4095. */
static void interval_range3(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct iv_cmd cmds[] = {
		{ "10 milli-second", true },
		{ "40950 milli-second", true },
		{ "40", true },
		{ "5 milli-second", false },
		{ "15 milli-second", false },
		{ "40960 milli-second", false },
		{ "41", false },
	};
	static const sim_time_t ext[] = { SIM_CS(1), SIM_CS(4095) };

	interval_range(c, v, cmds, sizeof(cmds) / sizeof(cmds[0]), ext, 2);
}

/* v2 (RFC 3768 5.3.7): whole seconds, 1-255. */
static void interval_range2(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct iv_cmd cmds[] = {
		{ "1", true },
		{ "255", true },
		{ "256", false },
		{ "500 milli-second", false },
	};
	static const sim_time_t ext[] = { SIM_S(1), SIM_S(255) };

	interval_range(c, v, cmds, sizeof(cmds) / sizeof(cmds[0]), ext, 2);
}
void cf_vrrp_interval_range_v3(struct cf_ctx *c)
{
	interval_range3(c, &vx_v3_4);
	interval_range3(c, &vx_v3_6);
}
void cf_vrrp_interval_range_v2(struct cf_ctx *c)
{
	interval_range2(c, &vx_v2);
}

/* 6.1 Skew_Time over priorities and intervals (v2: independent of the
 * interval), observed through the priority 0 takeover. */
static const struct vx_row rows3[] = {
	{ 1, SIM_S(1) },
	{ 128, SIM_MS(500) },
	{ 254, SIM_CS(1) },
	{ 200, SIM_S(3) },
};
static const struct vx_row rows2[] = {
	{ 1, SIM_S(1) },
	{ 128, SIM_S(3) },
	{ 254, SIM_S(1) },
	{ 200, SIM_S(2) },
};

static void skew_time(struct cf_ctx *c, const struct vx_var *v)
{
	const struct vx_row *rows = v->version == 2 ? rows2 : rows3;

	for (size_t i = 0; i < 4; i++)
		vx_priority_zero(c, v, &rows[i]);
}
VX_CASE_V3(skew_time)
VX_CASE_V2(skew_time)

/* 6.1 Master_Down_Interval over the same table. */
static void mdi_table(struct cf_ctx *c, const struct vx_var *v)
{
	const struct vx_row *rows = v->version == 2 ? rows2 : rows3;

	for (size_t i = 0; i < 4; i++)
		vx_master_down(c, v, &rows[i]);
}
VX_CASE_V3(mdi_table)
VX_CASE_V2(mdi_table)

/* 7.3 / 7.2: advertisements leave from 00-00-5E-00-01-{VRID} (IPv6:
 * 00-00-5E-00-02-{VRID}) and carry the VRID. */
static void virtual_mac(struct cf_ctx *c, const struct vx_var *v)
{
	static const uint8_t vrids[] = { 1, 42, 255 };

	for (size_t i = 0; i < sizeof(vrids); i++) {
		struct vx x;
		struct vx_cfg g = { .vrid = vrids[i] };
		struct vx_rx r;
		char got[32], want[32];
		struct net_mac m;

		if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
			goto next;
		if (!cf_check(c, vx_adverts(&x, 0, cf_now(x.w), &r) > 0,
			      "[%s] VRID %u: no advertisement", v->name,
			      vrids[i]))
			goto next;
		m = vx_vmac(&x);
		net_mac_fmt(&r.pi.eth.src, got, sizeof(got));
		net_mac_fmt(&m, want, sizeof(want));
		cf_check(c,
			 net_mac_eq(&r.pi.eth.src, &m) && r.a.vrid == vrids[i],
			 "[%s] VRID %u: sent from %s with VRID %u, expected "
			 "%s",
			 v->name, vrids[i], got, r.a.vrid, want);
	next:
		vx_close(&x);
	}
}
VX_CASE_V3(virtual_mac)
VX_CASE_V2(virtual_mac)
