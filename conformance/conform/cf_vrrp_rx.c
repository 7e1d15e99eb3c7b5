/*
 * "vrrp" suite, reception of invalid advertisements (UNH-IOL VRRP
 * Operations tests 4.1-4.8; RFC 5798 sections 5.1.1.3, 5.1.2.3, 5.2.2 and
 * 7.1 for VRRPv3, RFC 3768 sections 5.2.3, 5.3.2, 5.3.6 and 7.1 for
 * VRRPv2). Each case lets the probe advertise validly as a higher-
 * priority Master for a while, then only invalid advertisements of one
 * kind: a discarded advertisement must not reset the Master_Down_Timer,
 * so the DUT takes over exactly Master_Down_Interval after the last
 * valid one, and each discard is counted under its reason. The address
 * list (v3: may be checked, a mismatch logged; v2: dropped unless from
 * the owner) and the owner's discard of every advertisement close the
 * group.
 */
#include "conformance/conform/cf_vrrp_int.h"

#include <stdio.h>
#include <string.h>

#define RX_BAD 6 /* invalid advertisements sent per case */

/* Counters that may count one kind of invalid advertisement: the
 * group's (by reason) and the router-wide lines of `display vrrp
 * statistics` (refused before the group is known). */
struct rx_count {
	enum vrrp_drop group[2]; /* VRRP_DROP__COUNT: unused */
	const char *router[2];	 /* NULL: unused */
};

static uint64_t counted(struct vx *x, const struct rx_count *k)
{
	uint64_t n = 0;

	for (int i = 0; i < 2; i++) {
		if (k->group[i] != VRRP_DROP__COUNT)
			n += vx_group_drops(x, k->group[i]);
		if (k->router[i])
			n += vx_router_stat(x, k->router[i]);
	}
	return n;
}

/*
 * Valid advertisements (priority 200) every interval, then RX_BAD
 * invalid ones taken in turn from bad[], the first one interval after
 * the last valid: the DUT (priority 100) must take over exactly
 * Master_Down_Interval after the last valid one and count every invalid
 * one.
 */
static void rx_invalid(struct cf_ctx *c, const struct vx_var *v,
		       const struct vx_cfg *g, const struct vx_tx *bad,
		       size_t nbad, const struct rx_count *k, const char *what)
{
	struct vx x;
	struct vx_tx ok = { .prio = 200 };
	sim_time_t last, want, adv;
	uint64_t n;

	if (!vx_open(&x, c, v, g))
		goto out;
	adv = x.cfg.adv;
	last = vx_send_every(&x, &ok, adv / 2, adv, adv / 2 + 3 * adv);
	if (last < 0)
		goto out;
	for (int i = 0; i < RX_BAD; i++) {
		vx_run(&x, last + (i + 1) * adv);
		if (!vx_send(&x, &bad[(size_t)i % nbad]))
			goto out;
	}
	want = last + vx_mdi(v->version, vx_prio(&x), adv);
	vx_run(&x, last + (RX_BAD + 1) * adv);
	if (!cf_check(c, x.rx_delay >= 0, "[%s] the DUT never heard the peer",
		      v->name))
		goto out;
	vx_at(&x, what, vx_entered(&x, VRRP_STATE_MASTER, 0),
	      want + x.rx_delay);
	n = counted(&x, k);
	cf_check(c, n == RX_BAD,
		 "[%s] %llu of %d invalid advertisements (%s) counted as "
		 "discarded",
		 v->name, (unsigned long long)n, RX_BAD, what);
out:
	vx_close(&x);
}

#define NONE VRRP_DROP__COUNT

/* 5.1.1.3 / 5.1.2.3 / 7.1 (RFC 3768 5.2.3): TTL / Hop Limit not 255. */
static void rx_ttl(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct vx_tx bad[] = { { .prio = 200, .ttl = 254 },
					    { .prio = 200, .ttl = 1 },
					    { .prio = 200, .ttl = 64 } };
	static const struct rx_count k = { { VRRP_DROP_TTL, NONE },
					   { NULL, NULL } };
	struct vx_cfg g = { 0 };

	rx_invalid(c, v, &g, bad, 3, &k, "Master (TTL/Hop Limit not 255)");
}
VX_CASE_V3(rx_ttl)
VX_CASE_V2(rx_ttl)

/* 7.1: the version is 3 (v2 DUT: 2); the other real version and an
 * unknown one. */
static void rx_version(struct cf_ctx *c, const struct vx_var *v)
{
	const struct vx_tx bad[] = {
		{ .prio = 200, .version = v->version == 2 ? 3 : 2 },
		{ .prio = 200, .version = v->version == 2 ? 1 : 4 },
	};
	static const struct rx_count k = { { VRRP_DROP_VERSION, NONE },
					   { "Version errors", NULL } };
	struct vx_cfg g = { 0 };

	rx_invalid(c, v, &g, bad, 2, &k, "Master (wrong version)");
}
VX_CASE_V3(rx_version)
VX_CASE_V2(rx_version)

/* 7.1: the complete packet (fixed fields, addresses, v2 auth data). */
static void rx_length(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct vx_tx bad[] = { { .prio = 200, .cut = 4 },
					    { .prio = 200, .cut = 1000 },
					    { .prio = 200, .cut = 1 } };
	static const struct rx_count k = {
		{ NONE, NONE }, { "Packet length errors", "Short packets" }
	};
	struct vx_cfg g = { 0 };

	rx_invalid(c, v, &g, bad, 3, &k, "Master (incomplete packets)");
}
VX_CASE_V3(rx_length)
VX_CASE_V2(rx_length)

/* 7.1 / 5.2.8 (RFC 3768 5.3.8): the checksum. */
static void rx_checksum(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct vx_tx bad[] = { { .prio = 200, .bad_csum = true } };
	static const struct rx_count k = { { NONE, NONE },
					   { "Checksum errors", NULL } };
	struct vx_cfg g = { 0 };

	rx_invalid(c, v, &g, bad, 1, &k, "Master (bad checksum)");
}
VX_CASE_V3(rx_checksum)
VX_CASE_V2(rx_checksum)

/* 7.1: the VRID is configured on the receiving interface (VRID 2 is
 * nowhere, VRID 9 only on the other port). */
static void rx_vrid(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct vx_tx bad[] = { { .prio = 200, .vrid = 2 },
					    { .prio = 200, .vrid = 9 } };
	static const struct rx_count k = { { NONE, NONE },
					   { "VRID errors", NULL } };
	struct vx_cfg g = { .up_vrid = 9 };

	rx_invalid(c, v, &g, bad, 2, &k, "Master (VRID not on the interface)");
}
VX_CASE_V3(rx_vrid)
VX_CASE_V2(rx_vrid)

/* 5.2.2 (RFC 3768 5.3.2): a packet with unknown type. */
static void rx_type(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct vx_tx bad[] = { { .prio = 200, .type = 2 },
					    { .prio = 200, .type = 15 } };
	static const struct rx_count k = { { NONE, NONE },
					   { "Invalid type packets", NULL } };
	struct vx_cfg g = { 0 };

	rx_invalid(c, v, &g, bad, 2, &k, "Master (unknown type)");
}
VX_CASE_V3(rx_type)
VX_CASE_V2(rx_type)

/* RFC 3768 7.1: Auth Type other than the configured one (none, simple
 * with another key, AH) or unknown (3). */
static void rx_auth(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct vx_tx bad[] = {
		{ .prio = 200, .auth_type = -1 },
		{ .prio = 200, .auth_type = 1, .key = "other" },
		{ .prio = 200, .auth_type = 2 },
		{ .prio = 200, .auth_type = 3 },
	};
	static const struct rx_count k = { { VRRP_DROP_AUTH, NONE },
					   { "Invalid auth type", NULL } };
	struct vx_cfg g = { .auth = "failsim" };

	rx_invalid(c, v, &g, bad, 4, &k, "Master (authentication mismatch)");
}
VX_CASE_V2(rx_auth)

/* RFC 3768 7.1: the Adver Interval is the configured one (1 s). */
static void rx_interval(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct vx_tx bad[] = { { .prio = 200, .adv = SIM_S(2) },
					    { .prio = 200, .adv = SIM_S(3) } };
	static const struct rx_count k = { { VRRP_DROP_INTERVAL, NONE },
					   { NULL, NULL } };
	struct vx_cfg g = { 0 };

	rx_invalid(c, v, &g, bad, 2, &k, "Master (interval mismatch)");
}
VX_CASE_V2(rx_interval)

/* The "action" field of the nth "addr-mismatch" record of the DUT. */
static const char *mismatch_action(const struct vx *x, size_t nth, char *buf,
				   size_t len)
{
	const struct node_tw_rec *r =
		node_tw_find(x->w->w, "DUT", "vrrp", "addr-mismatch", nth);

	if (!r || !node_tw_field(r, "action", buf, len))
		snprintf(buf, len, "(none)");
	return buf;
}

/* RFC 3768 7.1: a list that does not match, from a non-owner, is
 * dropped (the DUT times the peer out); from the owner it is processed
 * (the DUT keeps following it). */
static void rx_addrs2(struct cf_ctx *c, const struct vx_var *v)
{
	static const struct vx_tx bad[] = { { .prio = 200, .naddrs = 1 },
					    { .prio = 200, .naddrs = 2 } };
	static const struct rx_count k = { { VRRP_DROP_ADDRS, NONE },
					   { NULL, NULL } };
	struct vx_tx owner = { .prio = 255, .naddrs = 1 };
	struct vx_cfg g = { 0 };
	struct vx x;

	rx_invalid(c, v, &g, bad, 2, &k,
		   "Master (address list mismatch, non-owner)");
	if (!vx_open(&x, c, v, &g))
		goto out;
	vx_send_every(&x, &owner, SIM_MS(500), x.cfg.adv, SIM_S(10));
	cf_check(c, vx_entered(&x, VRRP_STATE_MASTER, 0) < 0,
		 "[%s] became Master while the owner advertised (with another "
		 "address list)",
		 v->name);
	{
		char act[32];

		mismatch_action(&x, 0, act, sizeof(act));
		cf_check(c, !strcmp(act, "processed"),
			 "[%s] the owner's list mismatch: logged as %s, "
			 "expected processed",
			 v->name, act);
	}
out:
	vx_close(&x);
}
void cf_vrrp_rx_addrs_v2(struct cf_ctx *c)
{
	rx_addrs2(c, &vx_v2);
}

/*
 * RFC 5798 7.1: the list MAY be checked; a mismatch SHOULD be logged.
 * failsim checks it: each mismatch must leave an "addr-mismatch" record
 * in the event log and be counted, and the advertisement still be
 * processed (the DUT follows the peer and never takes over).
 */
static void rx_addrs3(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .nvip = 2 };
	struct vx_tx t = { .prio = 200, .naddrs = 1 };
	sim_time_t last;
	size_t logs;
	char act[32];

	if (!vx_open(&x, c, v, &g))
		goto out;
	vx_run(&x, SIM_MS(100));
	last = vx_send_every(&x, &t, SIM_MS(500), x.cfg.adv,
			     SIM_MS(500) + 5 * x.cfg.adv);
	vx_run(&x, last + SIM_MS(1));
	logs = node_tw_count(x.w->w, "DUT", "vrrp", "addr-mismatch");
	cf_check(c, vx_entered(&x, VRRP_STATE_MASTER, 0) < 0,
		 "[%s] advertisements with another address list were not "
		 "processed (the DUT took over)",
		 v->name);
	cf_check(c, vx_group_drops(&x, VRRP_DROP_ADDRS) == 6,
		 "[%s] %llu of 6 address list mismatches counted", v->name,
		 (unsigned long long)vx_group_drops(&x, VRRP_DROP_ADDRS));
	cf_check(c, logs == 6,
		 "[%s] %zu \"addr-mismatch\" event-log records for 6 address "
		 "list mismatches",
		 v->name, logs);
	mismatch_action(&x, 0, act, sizeof(act));
	cf_check(c, !strcmp(act, "processed"),
		 "[%s] the mismatch log says the advertisement was %s, "
		 "expected processed",
		 v->name, act);
out:
	vx_close(&x);
}
void cf_vrrp_rx_addrs_v3(struct cf_ctx *c)
{
	rx_addrs3(c, &vx_v3_4);
	rx_addrs3(c, &vx_v3_6);
}

/* 7.1: the owner discards every advertisement (even a winning tie at
 * 255 from a greater address): it stays Master and keeps advertising. */
static void rx_owner(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .prio = VRRP_PRIO_OWNER };
	struct vx_tx t = { .prio = 255 };
	sim_time_t t0;
	size_t n;

	if (!vx_open(&x, c, v, &g) || !vx_until_master(&x))
		goto out;
	t0 = cf_now(x.w) + SIM_MS(300);
	vx_send_every(&x, &t, t0, x.cfg.adv, t0 + 4 * x.cfg.adv);
	vx_run(&x, t0 + 5 * x.cfg.adv);
	n = vx_adverts(&x, t0, t0 + 5 * x.cfg.adv, NULL);
	cf_check(c, vx_entered(&x, VRRP_STATE_BACKUP, 0) < 0 && n == 5,
		 "[%s] the owner left Master or stopped advertising (%zu "
		 "advertisements in 5 intervals)",
		 v->name, n);
	cf_check(c, vx_group_drops(&x, VRRP_DROP_OWNER) == 5,
		 "[%s] %llu of 5 advertisements counted as discarded by the "
		 "owner",
		 v->name,
		 (unsigned long long)vx_group_drops(&x, VRRP_DROP_OWNER));
out:
	vx_close(&x);
}
VX_CASE_V3(rx_owner)
VX_CASE_V2(rx_owner)
