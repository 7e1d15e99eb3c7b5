/*
 * "vrrp" suite, transmission (UNH-IOL VRRP Operations test 4.9; RFC 5798
 * sections 5.1, 5.2, 6.4.3 and 7.2 for VRRPv3, RFC 3768 sections 5.2,
 * 5.3, 6.4.3 and 7.2 for VRRPv2): what a Master puts on the wire --
 * destination 224.0.0.18 / ff02::12 and their group MACs, protocol 112,
 * TTL / Hop Limit 255, the interface's primary IPv4 or link-local IPv6
 * source, the header fields and address list (link-local first for
 * IPv6), a checksum recomputed here independently of the codec, and one
 * advertisement every Advertisement_Interval to the nanosecond.
 */
#include "conformance/conform/cf_vrrp_int.h"

#include <stdio.h>
#include <string.h>

#include "sim/net/net_csum.h"

#define TX_COUNT 5 /* advertisements looked at per DUT */

/* A DUT with g alone on the LAN, Master, TX_COUNT intervals on. */
static bool tx_open(struct vx *x, struct cf_ctx *c, const struct vx_var *v,
		    const struct vx_cfg *g)
{
	if (!vx_open(x, c, v, g) || !vx_until_master(x))
		return false;
	vx_run(x, cf_now(x->w) + TX_COUNT * x->cfg.adv);
	return true;
}

/* Each advertisement the DUT sent, in order; fn returns false to stop
 * (after reporting). */
static void each_adv(struct vx *x,
		     bool (*fn)(struct vx *, const struct vx_rx *))
{
	struct vx_rx r;
	size_t i = 0, n = 0;

	while (vx_next(x, &i, &r))
		if (r.is_adv && (n++, !fn(x, &r)))
			return;
	cf_check(x->c, n > 0, "[%s] no advertisement sent", x->v->name);
}

/* 5.1.1.2 / 5.1.2.2 (RFC 3768 5.2.2): to the VRRP group, protocol 112. */
static bool dst_ok(struct vx *x, const struct vx_rx *r)
{
	const struct net_addr *g =
		x->v->af == NET_AF_IP6 ? &vrrp_group6 : &vrrp_group4;
	struct net_mac gm;
	char a[NET_ADDR_STRLEN];

	if (x->v->af == NET_AF_IP6) {
		struct net_ip6 g6 = net_addr_ip6(g);

		gm = net_mac_from_ip6_mcast(&g6);
	} else {
		struct net_ip4 g4 = net_addr_ip4(g);

		gm = net_mac_from_ip4_mcast(&g4);
	}
	net_addr_fmt(&r->pi.dst, a, sizeof(a));
	return cf_check(x->c,
			net_addr_eq(&r->pi.dst, g) &&
				net_mac_eq(&r->pi.eth.dst, &gm) &&
				r->pi.l4_proto == VRRP_PROTO,
			"[%s] advertisement to %s (protocol %d), expected the "
			"VRRP group, protocol 112",
			x->v->name, a, r->pi.l4_proto);
}

static void tx_dst(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };

	if (tx_open(&x, c, v, &g))
		each_adv(&x, dst_ok);
	vx_close(&x);
}
VX_CASE_V3(tx_dst)
VX_CASE_V2(tx_dst)

/* 5.1.1.3 / 5.1.2.3 (RFC 3768 5.2.3): TTL / Hop Limit 255. */
static bool ttl_ok(struct vx *x, const struct vx_rx *r)
{
	return cf_check(
		x->c, r->pi.ttl == 255,
		"[%s] advertisement with %s %u, expected 255", x->v->name,
		x->v->af == NET_AF_IP6 ? "Hop Limit" : "TTL", r->pi.ttl);
}

static void tx_ttl(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };

	if (tx_open(&x, c, v, &g))
		each_adv(&x, ttl_ok);
	vx_close(&x);
}
VX_CASE_V3(tx_ttl)
VX_CASE_V2(tx_ttl)

/* 5.1.1.1 / 5.1.2.1 (RFC 3768 5.2.1): the interface's primary IPv4
 * address, or its link-local IPv6 address (fe80::5 here, not the global
 * 2001:db8:1::5). */
static bool src_ok(struct vx *x, const struct vx_rx *r)
{
	struct net_addr want = vx_dut_addr(x);
	char a[NET_ADDR_STRLEN];

	net_addr_fmt(&r->pi.src, a, sizeof(a));
	return cf_check(x->c, net_addr_eq(&r->pi.src, &want),
			"[%s] advertisement from %s, expected %s", x->v->name,
			a, x->v->af == NET_AF_IP6 ? "fe80::5" : "10.0.1.5");
}

static void tx_src(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { 0 };

	if (tx_open(&x, c, v, &g))
		each_adv(&x, src_ok);
	vx_close(&x);
}
VX_CASE_V3(tx_src)
VX_CASE_V2(tx_src)

/* 5.2.9: for IPv6 the first address is the link-local one, also when
 * the operator typed a global virtual address first. */
static bool first_ll(struct vx *x, const struct vx_rx *r)
{
	struct net_ip6 a0 = net_addr_ip6(&r->a.addrs[0]);
	char a[NET_ADDR_STRLEN];

	net_addr_fmt(&r->a.addrs[0], a, sizeof(a));
	return cf_check(
		x->c, !r->err && r->a.naddrs == 2 && net_ip6_is_link_local(&a0),
		"[%s%s] first advertised address %s, expected the "
		"link-local fe80::254",
		x->v->name, x->cfg.global_first ? ", global typed first" : "",
		a);
}

static void tx_first_ll(struct cf_ctx *c, const struct vx_var *v)
{
	for (int k = 0; k < 2; k++) {
		struct vx x;
		struct vx_cfg g = { .nvip = 2, .global_first = k == 1 };

		if (tx_open(&x, c, v, &g))
			each_adv(&x, first_ll);
		vx_close(&x);
	}
}
VX_CASE_V6(tx_first_ll)

/*
 * RFC 5798 5.2.8: the 16-bit one's complement of the one's complement
 * sum of the VRRP message and a pseudo-header (v3, both families); RFC
 * 3768 5.3.8: of the VRRP message alone (v2). Recomputed here.
 */
static bool csum_ok(struct vx *x, const struct vx_rx *r)
{
	uint8_t m[1500];
	struct net_csum cs;
	uint16_t want, got;

	if (!cf_check(x->c, r->pi.l4_len >= 8 && r->pi.l4_len <= sizeof(m),
		      "[%s] advertisement of %zu bytes", x->v->name,
		      r->pi.l4_len))
		return false;
	memcpy(m, r->pi.l4, r->pi.l4_len);
	got = (uint16_t)(m[6] << 8 | m[7]);
	m[6] = m[7] = 0;
	net_csum_init(&cs);
	if (x->v->version == 3 && x->v->af == NET_AF_IP4) {
		struct net_ip4 s = net_addr_ip4(&r->pi.src);
		struct net_ip4 d = net_addr_ip4(&r->pi.dst);

		net_csum_pseudo4(&cs, &s, &d, VRRP_PROTO,
				 (uint16_t)r->pi.l4_len);
	} else if (x->v->version == 3) {
		struct net_ip6 s = net_addr_ip6(&r->pi.src);
		struct net_ip6 d = net_addr_ip6(&r->pi.dst);

		net_csum_pseudo6(&cs, &s, &d, (uint32_t)r->pi.l4_len,
				 VRRP_PROTO);
	}
	net_csum_add(&cs, m, r->pi.l4_len);
	want = net_csum_final(&cs);
	return cf_check(x->c, got == want,
			"[%s] checksum 0x%04x, computed 0x%04x", x->v->name,
			got, want);
}

static void tx_checksum(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .nvip = 3 };

	if (tx_open(&x, c, v, &g))
		each_adv(&x, csum_ok);
	vx_close(&x);
}
VX_CASE_V3(tx_checksum)
VX_CASE_V2(tx_checksum)

/* 6.4.3 (RFC 3768 6.4.3): one advertisement per Advertisement_Interval,
 * exactly (the path is the same for all, so the arrival spacing is the
 * sending spacing). Three intervals: 1 s, 3 s and (v3) 70 ms. */
static void tx_interval(struct cf_ctx *c, const struct vx_var *v)
{
	const sim_time_t iv[] = { SIM_S(1), SIM_S(3),
				  v->version == 2 ? SIM_S(2) : SIM_MS(70) };

	for (size_t k = 0; k < 3; k++) {
		struct vx x;
		struct vx_cfg g = { .adv = iv[k] };
		struct vx_rx r;
		size_t i = 0, n = 0;
		sim_time_t prev = -1;

		if (!tx_open(&x, c, v, &g))
			goto next;
		while (vx_next(&x, &i, &r)) {
			if (!r.is_adv)
				continue;
			n++;
			if (prev >= 0 &&
			    !vx_at(&x, "advertisement", r.t, prev + iv[k]))
				break;
			prev = r.t;
		}
		cf_check(c, n >= TX_COUNT,
			 "[%s] %zu advertisements in %d intervals of %lld ms",
			 v->name, n, TX_COUNT, (long long)(iv[k] / SIM_MS(1)));
	next:
		vx_close(&x);
	}
}
VX_CASE_V3(tx_interval)
VX_CASE_V2(tx_interval)

/* 5.2 (RFC 3768 5.3): version, type ADVERTISEMENT, the VRID, priority,
 * count and list of the virtual addresses, the interval in the wire
 * unit, v3's reserved bits zero, v2's authentication type and data. */
static bool fields_ok(struct vx *x, const struct vx_rx *r)
{
	const struct vrrp_adv *a = &r->a;
	bool list = a->naddrs == x->cfg.nvip;
	uint8_t want_auth = x->cfg.auth ? VRRP_AUTH_SIMPLE : VRRP_AUTH_NONE;

	if (!cf_check(x->c, r->err == VRRP_PKT_OK,
		      "[%s] the DUT's advertisement does not decode: %s",
		      x->v->name, vrrp_pkt_err_name(r->err)))
		return false;
	for (int k = 0; list && k < x->cfg.nvip; k++) {
		struct net_addr vip = vx_vip(x, k);

		list = net_addr_eq(&a->addrs[k], &vip);
	}
	return cf_check(
		x->c,
		a->version == x->v->version && a->type == VRRP_TYPE_ADVERT &&
			a->vrid == x->cfg.vrid && a->priority == 150 && list &&
			a->adver_int == x->cfg.adv &&
			(x->v->version == 3
				 ? (r->pi.l4[4] & 0xf0) == 0
				 : a->auth_type == want_auth &&
					   !memcmp(a->auth_data, "failsim", 8)),
		"[%s] version %u type %u VRID %u priority %u count %u "
		"interval %lld ms auth %u: not as configured",
		x->v->name, a->version, a->type, a->vrid, a->priority,
		a->naddrs, (long long)(a->adver_int / SIM_MS(1)), a->auth_type);
}

static void tx_fields(struct cf_ctx *c, const struct vx_var *v)
{
	struct vx x;
	struct vx_cfg g = { .vrid = 7,
			    .prio = 150,
			    .nvip = 3,
			    .adv = v->version == 2 ? SIM_S(2) : SIM_MS(250),
			    .auth = v->version == 2 ? "failsim" : NULL };

	if (tx_open(&x, c, v, &g))
		each_adv(&x, fields_ok);
	vx_close(&x);
}
VX_CASE_V3(tx_fields)
VX_CASE_V2(tx_fields)
