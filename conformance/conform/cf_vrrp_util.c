/*
 * Helpers of the "vrrp" conformance suite (cf_vrrp_int.h): the test bed
 * (DUT, probe, host), crafted advertisements and the readers of what the
 * DUT sent. Advertisements are built with the VRRP codec; a damaged one
 * (wrong version or type) gets its checksum recomputed here the way RFC
 * 5798 section 5.2.8 (v3, with the IPv4/IPv6 pseudo-header) and RFC 3768
 * section 5.3.8 (v2, the message alone) define it, so only the field
 * under test is wrong. The timing formulas are those of RFC 5798 section
 * 6.1 and RFC 3768 section 6.1.
 */
#include "conformance/conform/cf_vrrp_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "protocols/vrrp/vrrp_pkt.h"
#include "sim/net/net_build.h"
#include "sim/net/net_csum.h"

const struct vx_var vx_v2 = { 2, NET_AF_IP4, "v2" };
const struct vx_var vx_v3_4 = { 3, NET_AF_IP4, "v3/IPv4" };
const struct vx_var vx_v3_6 = { 3, NET_AF_IP6, "v3/IPv6" };

/* The LAN: the DUT is .5 / fe80::5, the peers .9 and .3, the host .100;
 * the virtual addresses .254, .253, .252 (IPv6: fe80::254 link-local,
 * then 2001:db8:1::254 and ::253). */
static const char *const addr4[] = { "10.0.1.9", "10.0.1.3", "10.0.1.100" };
static const char *const addr6[] = { "fe80::9", "fe80::3", "2001:db8:1::100" };
static const char *const vip4[] = { "10.0.1.254", "10.0.1.253", "10.0.1.252" };
static const char *const vip6[] = { "fe80::254", "2001:db8:1::254",
				    "2001:db8:1::253" };

/*
 * RFC 5798 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) /
 * 256; RFC 3768 6.1: Skew_Time = (256 - Priority) / 256 seconds. Both:
 * Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time.
 */
sim_time_t vx_skew(uint8_t version, uint8_t prio, sim_time_t master_adv)
{
	sim_time_t unit = version == 2 ? SIM_S(1) : master_adv;

	return (sim_time_t)(256 - prio) * unit / 256;
}

sim_time_t vx_mdi(uint8_t version, uint8_t prio, sim_time_t master_adv)
{
	return 3 * master_adv + vx_skew(version, prio, master_adv);
}

static struct net_addr parse(const char *s)
{
	struct net_addr a = { 0 };

	net_addr_parse(s, &a);
	return a;
}

struct net_addr vx_dut_addr(const struct vx *x)
{
	return parse(x->v->af == NET_AF_IP6 ? "fe80::5" : "10.0.1.5");
}

struct net_addr vx_who_addr(const struct vx *x, enum vx_who who)
{
	return parse(x->v->af == NET_AF_IP6 ? addr6[who] : addr4[who]);
}

static int nvip(const struct vx *x)
{
	return x->cfg.nvip;
}

struct net_addr vx_vip(const struct vx *x, int n)
{
	if (x->cfg.prio == VRRP_PRIO_OWNER && n == 0)
		return vx_dut_addr(x);
	if (x->v->af == NET_AF_IP6 && x->cfg.global_first && n < 2)
		n = 1 - n; /* the global one was configured first */
	return parse(x->v->af == NET_AF_IP6 ? vip6[n] : vip4[n]);
}

struct net_mac vx_vmac(const struct vx *x)
{
	/* RFC 5798 section 7.3: 00-00-5E-00-01-{VRID}, IPv6 00-02. */
	struct net_mac m = { { 0x00, 0x00, 0x5e, 0x00,
			       x->v->af == NET_AF_IP6 ? 0x02 : 0x01,
			       x->cfg.vrid } };

	return m;
}

struct net_mac vx_probe_mac(const struct vx *x)
{
	return x->peer->ifaces[0]->mac;
}

/* ---- the test bed ---- */

static size_t cfg_vrrp_lines(const struct vx *x, char *b, size_t cap)
{
	const struct vx_cfg *g = &x->cfg;
	const char *kw = x->v->af == NET_AF_IP6 ? "vrrp6" : "vrrp";
	char a[NET_ADDR_STRLEN];
	size_t o = 0;

	for (int i = 0; i < nvip(x) && o < cap; i++) {
		struct net_addr v = vx_vip(x, i);
		struct net_ip6 v6 = net_addr_ip6(&v);

		net_addr_fmt(&v, a, sizeof(a));
		o += (size_t)snprintf(
			b + o, cap - o, " %s vrid %u virtual-ip %s%s\n", kw,
			g->vrid, a,
			v.af == NET_AF_IP6 && net_ip6_is_link_local(&v6)
				? " link-local"
				: "");
	}
	if (g->prio && g->prio != VRRP_PRIO_OWNER && o < cap)
		o += (size_t)snprintf(b + o, cap - o,
				      " %s vrid %u priority %u\n", kw, g->vrid,
				      g->prio);
	if (g->adv != SIM_S(1) && o < cap)
		o += (size_t)snprintf(b + o, cap - o,
				      " %s vrid %u timer advertise %" PRId64
				      "%s\n",
				      kw, g->vrid,
				      g->adv % SIM_S(1) ? g->adv / SIM_MS(1)
							: g->adv / SIM_S(1),
				      g->adv % SIM_S(1) ? " milli-second" : "");
	if (g->preempt < 0 && o < cap)
		o += (size_t)snprintf(b + o, cap - o,
				      " undo %s vrid %u preempt-mode\n", kw,
				      g->vrid);
	if (g->preempt > 0 && o < cap)
		o += (size_t)snprintf(
			b + o, cap - o,
			" %s vrid %u preempt-mode timer delay %d\n", kw,
			g->vrid, g->preempt);
	if (g->accept && o < cap)
		o += (size_t)snprintf(b + o, cap - o,
				      " %s vrid %u accept-mode\n", kw, g->vrid);
	if (g->auth && o < cap)
		o += (size_t)snprintf(
			b + o, cap - o,
			" vrrp vrid %u authentication-mode simple %s\n",
			g->vrid, g->auth);
	return o;
}

static void cfg_text(const struct vx *x, char *b, size_t cap)
{
	size_t o = (size_t)snprintf(b, cap,
				    "system-view\n"
				    "sysname DUT\n"
				    "vrrp version %u\n"
				    "interface " VX_LAN "\n"
				    " ip address 10.0.1.5 255.255.255.0\n"
				    " ipv6 enable\n"
				    " ipv6 address fe80::5 link-local\n"
				    " ipv6 address 2001:db8:1::5 64\n",
				    x->v->version);

	if (o < cap)
		o += cfg_vrrp_lines(x, b + o, cap - o);
	if (o < cap)
		o += (size_t)snprintf(b + o, cap - o,
				      "interface " VX_UP "\n"
				      " ip address 10.0.2.1 255.255.255.0\n"
				      " ipv6 enable\n"
				      " ipv6 address fe80::1 link-local\n"
				      " ipv6 address 2001:db8:2::1 64\n");
	if (x->cfg.up_vrid && o < cap)
		o += (size_t)snprintf(b + o, cap - o,
				      x->v->af == NET_AF_IP6
					      ? " vrrp6 vrid %u virtual-ip "
						"fe80::2:254 link-local\n"
					      : " vrrp vrid %u virtual-ip "
						"10.0.2.254\n",
				      x->cfg.up_vrid);
	if (o < cap)
		snprintf(b + o, cap - o, "quit\ncommit\n");
}

/* Build and boot the bed in x->w; false with the reason in x->w->err. */
static bool bed(struct vx *x)
{
	static const char *const ports[] = { "GE0/1/0", "GE0/2/0", NULL };
	struct node_link *lan, *up;
	char text[2048];

	cfg_text(x, text, sizeof(text));
	x->dut = cf_router(x->w, "DUT", text, ports);
	if (!x->dut)
		return false;
	x->peer = node_tw_probe(x->w->w, "PEER");
	x->host = node_tw_host(x->w->w, "H", "eth0", "10.0.2.10/24", "10.0.2.1",
			       "2001:db8:2::10/64", "2001:db8:2::1");
	lan = cf_link(x->w, "lan", x->peer, "eth0", router_node(x->dut),
		      VX_LAN);
	up = lan ? cf_link(x->w, "up", x->host, "eth0", router_node(x->dut),
			   VX_UP)
		 : NULL;
	if (!up)
		return false;
	x->upcap = node_tw_capture(x->w->w, up);
	return cf_boot(x->w, x->dut) == 0;
}

bool vx_open(struct vx *x, struct cf_ctx *c, const struct vx_var *v,
	     const struct vx_cfg *cfg)
{
	memset(x, 0, sizeof(*x));
	x->c = c;
	x->v = v;
	x->cfg = *cfg;
	x->start = -1;
	x->rx_delay = -1;
	x->first_tx = -1;
	if (!x->cfg.vrid)
		x->cfg.vrid = 1;
	if (!x->cfg.adv)
		x->cfg.adv = SIM_S(1);
	if (x->cfg.nvip <= 0 || x->cfg.nvip > 3)
		x->cfg.nvip = 1;
	x->w = cf_world_new(cf_seed(c));
	if (!cf_check(c, x->w != NULL, "setup: out of memory"))
		return false;
	return cf_check(c, bed(x), "setup: %s", x->w->err);
}

void vx_close(struct vx *x)
{
	if (!x->w)
		return;
	if (!cf_world_free(x->w))
		cf_check(x->c, false, "teardown: a frame or timer leaked");
	x->w = NULL;
}

/* ---- time ---- */

/*
 * The delay from a probe send to the DUT's processing (cable, ASIC punt,
 * CPU) is measured on the first valid advertisement the DUT accepts, as
 * the difference between its last_adv_rx and the send time.
 */
static void calibrate(struct vx *x)
{
	struct vrrp_group_info in;

	if (x->rx_delay >= 0 || x->first_tx < 0 || !vx_info(x, &in))
		return;
	if (in.last_adv_rx >= x->first_tx &&
	    in.last_adv_rx - x->first_tx < SIM_MS(1))
		x->rx_delay = in.last_adv_rx - x->first_tx;
	else
		x->first_tx = -1; /* not accepted: try the next one */
}

void vx_run(struct vx *x, sim_time_t t)
{
	if (x->rx_delay < 0 && x->first_tx >= 0) {
		sim_time_t cal = x->first_tx + SIM_MS(1);

		if (cal <= t) {
			cf_run_until(x->w, cal);
			calibrate(x);
		}
	}
	cf_run_until(x->w, t);
	if (x->start < 0) {
		sim_time_t b = vx_entered(x, VRRP_STATE_BACKUP, 0);
		sim_time_t m = vx_entered(x, VRRP_STATE_MASTER, 0);

		if (b >= 0 && (m < 0 || b <= m))
			x->start = b;
		else if (m >= 0)
			x->start = m;
	}
}

/* ---- crafted advertisements ---- */

/* Checksum of a VRRP message as its version defines it. */
static uint16_t adv_csum(const struct vx *x, uint8_t *m, size_t n,
			 uint8_t version, const struct net_addr *src,
			 const struct net_addr *dst)
{
	struct net_csum cs;

	m[6] = m[7] = 0;
	net_csum_init(&cs);
	if (version != 2) {
		if (x->v->af == NET_AF_IP4) {
			struct net_ip4 s = net_addr_ip4(src),
				       d = net_addr_ip4(dst);

			net_csum_pseudo4(&cs, &s, &d, VRRP_PROTO, (uint16_t)n);
		} else {
			struct net_ip6 s = net_addr_ip6(src),
				       d = net_addr_ip6(dst);

			net_csum_pseudo6(&cs, &s, &d, (uint32_t)n, VRRP_PROTO);
		}
	}
	net_csum_add(&cs, m, n);
	return net_csum_final(&cs);
}

static void put_csum(uint8_t *m, uint16_t v)
{
	m[6] = (uint8_t)(v >> 8);
	m[7] = (uint8_t)v;
}

static void tx_fill(const struct vx *x, const struct vx_tx *t,
		    struct vrrp_adv *a, uint8_t version)
{
	memset(a, 0, sizeof(*a));
	a->version = version;
	a->type = VRRP_TYPE_ADVERT;
	a->vrid = t->vrid ? t->vrid : x->cfg.vrid;
	a->priority = t->prio;
	a->af = x->v->af;
	a->adver_int = t->adv ? t->adv : x->cfg.adv;
	if (t->naddrs > 0) {
		/* Addresses the DUT does not have (.240.. / 2001:db8:1::240..)
		 */
		for (int i = 0; i < t->naddrs && i < VRRP_MAX_ADDRS; i++) {
			char s[64];

			snprintf(s, sizeof(s),
				 x->v->af == NET_AF_IP6 ? "2001:db8:1::%x"
							: "10.0.1.%d",
				 x->v->af == NET_AF_IP6 ? 0x240 + i : 240 + i);
			a->addrs[a->naddrs++] = parse(s);
		}
	} else {
		for (int i = 0; i < nvip(x); i++)
			a->addrs[a->naddrs++] = vx_vip(x, i);
	}
	if (version == 2) {
		const char *key = t->key ? t->key : x->cfg.auth;

		/* An unknown type (> 2) is written after encoding. */
		a->auth_type = t->auth_type < 0 || t->auth_type > 2
				       ? VRRP_AUTH_NONE
			       : t->auth_type > 0 ? (uint8_t)t->auth_type
			       : x->cfg.auth	  ? VRRP_AUTH_SIMPLE
						  : VRRP_AUTH_NONE;
		if (key)
			memcpy(a->auth_data, key,
			       strnlen(key, VRRP_V2_AUTH_LEN));
	}
}

/* The VRRP message of t into m; its length or -1. */
static int tx_message(const struct vx *x, const struct vx_tx *t, uint8_t *m,
		      size_t cap, const struct net_addr *src,
		      const struct net_addr *dst)
{
	uint8_t want = t->version ? t->version : x->v->version;
	bool legal = want == 3 || (want == 2 && x->v->af == NET_AF_IP4);
	uint8_t enc = legal ? want : x->v->version;
	struct vrrp_adv a;
	int n;

	tx_fill(x, t, &a, enc);
	n = vrrp_pkt_encode(&a, src, dst, m, cap);
	if (n < 8)
		return -1;
	if (want != enc || t->type) {
		/* Rewrite version/type, then a checksum valid for them. */
		uint8_t type = t->type ? t->type : VRRP_TYPE_ADVERT;

		m[0] = (uint8_t)(want << 4 | (type & 0x0f));
		put_csum(m, adv_csum(x, m, (size_t)n, want, src, dst));
	}
	if (enc == 2 && t->auth_type > 2) {
		m[4] = (uint8_t)t->auth_type;
		put_csum(m, adv_csum(x, m, (size_t)n, 2, src, dst));
	}
	if (t->bad_csum)
		m[6] ^= 0x5a;
	if (t->cut >= (size_t)n)
		return 0;
	return n - (int)t->cut;
}

bool vx_send(struct vx *x, const struct vx_tx *t)
{
	struct net_addr src = vx_who_addr(x, t->from);
	const struct net_addr *dst =
		x->v->af == NET_AF_IP6 ? &vrrp_group6 : &vrrp_group4;
	struct net_mac vm = vx_vmac(x);
	uint8_t m[512], f[NET_FRAME_MAX];
	struct net_wr w;
	int n, len;

	/* A peer's advertisement of its own group: from the virtual MAC of
	 * the VRID it carries (RFC 5798 section 7.2). */
	if (t->vrid)
		vm.b[5] = t->vrid;
	n = tx_message(x, t, m, sizeof(m), &src, dst);
	if (!cf_check(x->c, n >= 0, "setup: cannot encode an advertisement"))
		return false;
	net_wr_init(&w, f, sizeof(f));
	if (x->v->af == NET_AF_IP4) {
		struct net_ip4_params p = { .src = net_addr_ip4(&src),
					    .dst = net_addr_ip4(dst),
					    .ttl = t->ttl ? t->ttl : 255 };
		struct net_ip4 g = p.dst;

		p.l2.src = vm;
		p.l2.dst = net_mac_from_ip4_mcast(&g);
		len = net_build_ip4(&w, &p, VRRP_PROTO, m, (size_t)n);
	} else {
		struct net_ip6_params p = { .src = net_addr_ip6(&src),
					    .dst = net_addr_ip6(dst),
					    .hop_limit =
						    t->ttl ? t->ttl : 255 };
		struct net_ip6 g = p.dst;

		p.l2.src = vm;
		p.l2.dst = net_mac_from_ip6_mcast(&g);
		len = net_build_ip6(&w, &p, VRRP_PROTO, m, (size_t)n);
	}
	if (!vx_send_frame(x, f, len))
		return false;
	if (x->rx_delay < 0 && x->first_tx < 0 && !t->ttl && !t->bad_csum &&
	    !t->cut && !t->type && !t->version && !t->vrid && !t->naddrs &&
	    !t->auth_type && !t->key)
		x->first_tx = cf_now(x->w);
	return true;
}

sim_time_t vx_send_every(struct vx *x, const struct vx_tx *t, sim_time_t from,
			 sim_time_t every, sim_time_t to)
{
	sim_time_t last = -1;

	for (sim_time_t at = from; at <= to; at += every) {
		vx_run(x, at);
		if (!vx_send(x, t))
			return last;
		last = at;
	}
	return last;
}

bool vx_send_frame(struct vx *x, const void *data, int len)
{
	if (!cf_check(x->c, len > 0, "setup: cannot build a frame"))
		return false;
	return cf_check(
		x->c,
		node_tw_probe_send(x->peer, "eth0", data, (size_t)len) == 0,
		"setup: the probe cannot send");
}

/* ---- the DUT's group ---- */

enum vrrp_state vx_state(const struct vx *x)
{
	return vrrp_state_of(vrrp_inst(x->dut), VX_LAN, x->v->af, x->cfg.vrid);
}

bool vx_info(const struct vx *x, struct vrrp_group_info *in)
{
	const struct vrrp_group *g =
		vrrp_group_of(vrrp_inst(x->dut), VX_LAN, x->v->af, x->cfg.vrid);

	if (!g)
		return false;
	vrrp_group_info(g, in);
	return true;
}

/* The state records of the DUT's LAN group (other groups, e.g. the
 * second port's, log theirs too). */
sim_time_t vx_entered(const struct vx *x, enum vrrp_state state, size_t nth)
{
	char group[VRRP_NAME_MAX], buf[VRRP_NAME_MAX];
	const struct node_tw_rec *r;

	snprintf(group, sizeof(group), "%s %s %u", VX_LAN,
		 x->v->af == NET_AF_IP6 ? "vrrp6" : "vrrp", x->cfg.vrid);
	for (size_t i = 0;
	     (r = node_tw_find(x->w->w, "DUT", "vrrp", "state", i)); i++) {
		if (!node_tw_field(r, "group", buf, sizeof(buf)) ||
		    strcmp(buf, group) ||
		    !node_tw_field(r, "new", buf, sizeof(buf)) ||
		    strcmp(buf, vrrp_state_name(state)))
			continue;
		if (nth-- == 0)
			return r->t;
	}
	return -1;
}

/* ---- what the DUT sent ---- */

bool vx_next(const struct vx *x, size_t *i, struct vx_rx *out)
{
	const struct node_tw_frame *f = node_tw_probe_frame(x->peer, *i);

	if (!f)
		return false;
	(*i)++;
	memset(out, 0, sizeof(*out));
	out->t = f->t;
	out->f = f;
	net_dissect(f->data, f->len, &out->pi);
	out->is_adv = out->pi.l4_proto == VRRP_PROTO &&
		      out->pi.af == x->v->af && !out->pi.fragment;
	out->err = VRRP_PKT_E_SHORT;
	if (out->is_adv)
		out->err = vrrp_pkt_decode(out->pi.l4, out->pi.l4_len,
					   &out->pi.src, &out->pi.dst, &out->a);
	return true;
}

size_t vx_adverts(const struct vx *x, sim_time_t from, sim_time_t to,
		  struct vx_rx *first)
{
	struct vx_rx r;
	size_t i = 0, n = 0;

	while (vx_next(x, &i, &r)) {
		if (!r.is_adv || r.t < from || r.t > to)
			continue;
		if (n++ == 0 && first)
			*first = r;
	}
	return n;
}

bool vx_send_resolve(struct vx *x, int k)
{
	struct net_addr vip = vx_vip(x, k);
	struct net_addr host = vx_who_addr(x, VX_HOST);
	uint8_t f[NET_FRAME_MAX];
	struct net_wr w;
	int len;

	net_wr_init(&w, f, sizeof(f));
	if (x->v->af == NET_AF_IP4) {
		struct net_l2 l2 = { .src = vx_probe_mac(x),
				     .dst = net_mac_broadcast };
		struct net_arp a = { .op = NET_ARP_REQUEST,
				     .sha = l2.src,
				     .spa = net_addr_ip4(&host),
				     .tpa = net_addr_ip4(&vip) };

		len = net_build_arp(&w, &l2, &a);
	} else {
		struct net_ip6 t = net_addr_ip6(&vip);
		struct net_ip6_params p = { .src = net_addr_ip6(&host),
					    .dst = net_ip6_solicited_node(&t),
					    .hop_limit = 255 };
		struct net_mac sll = vx_probe_mac(x);

		p.l2.src = sll;
		p.l2.dst = net_mac_from_ip6_mcast(&p.dst);
		len = net_build_ns(&w, &p, &t, &sll);
	}
	return vx_send_frame(x, f, len);
}

static bool is_resolve_reply(const struct vx *x, const struct vx_rx *r,
			     const struct net_addr *vip)
{
	if (x->v->af == NET_AF_IP4) {
		struct net_ip4 v4 = net_addr_ip4(vip);

		return net_pkt_has(&r->pi, NET_LAYER_ARP) &&
		       r->pi.arp.op == NET_ARP_REPLY &&
		       !memcmp(&r->pi.arp.spa, &v4, sizeof(v4));
	}
	{
		struct net_ip6 v6 = net_addr_ip6(vip);

		return r->pi.has_nd && r->pi.nd.type == NET_ICMP6_ND_NA &&
		       r->pi.nd.solicited &&
		       !memcmp(&r->pi.nd.target, &v6, sizeof(v6));
	}
}

size_t vx_resolves(const struct vx *x, int k, sim_time_t from, sim_time_t to,
		   struct vx_rx *first)
{
	struct net_addr vip = vx_vip(x, k);
	struct vx_rx r;
	size_t i = 0, n = 0;

	while (vx_next(x, &i, &r)) {
		if (r.t < from || r.t > to || !is_resolve_reply(x, &r, &vip))
			continue;
		if (n++ == 0 && first)
			*first = r;
	}
	return n;
}

/* ---- expectations ---- */

bool vx_at(struct vx *x, const char *what, sim_time_t got, sim_time_t want)
{
	char a[32], b[32];

	return cf_check(x->c, got == want, "[%s] %s at %s, expected %s",
			x->v->name, what, cf_ts(got, a), cf_ts(want, b));
}

uint8_t vx_prio(const struct vx *x)
{
	return x->cfg.prio ? x->cfg.prio : 100;
}

bool vx_until_master(struct vx *x)
{
	sim_time_t want;

	vx_run(x, SIM_MS(1));
	if (!cf_check(x->c, x->start >= 0, "[%s] the group never started",
		      x->v->name))
		return false;
	want = x->start;
	if (vx_prio(x) != VRRP_PRIO_OWNER)
		want += vx_mdi(x->v->version, vx_prio(x), x->cfg.adv);
	vx_run(x, want + VX_ONCE);
	return vx_at(x, "Master", vx_entered(x, VRRP_STATE_MASTER, 0), want);
}

/*
 * The router-wide section of `display vrrp statistics` (`vrrp6` for
 * IPv6): the lines before the first group, "  <label>   : <n>".
 */
uint64_t vx_router_stat(struct vx *x, const char *label)
{
	const char *out, *end, *p;
	size_t n = strlen(label);
	unsigned long long v;
	int rc = 0;

	out = cf_cli(x->w, x->dut,
		     x->v->af == NET_AF_IP6 ? "display vrrp6 statistics"
					    : "display vrrp statistics",
		     &rc);
	if (!cf_check(x->c, out && rc == 0,
		      "[%s] display vrrp statistics "
		      "failed: %s",
		      x->v->name, out ? out : x->w->err))
		return 0;
	end = strstr(out, " | Virtual Router ");
	for (p = out; (p = strstr(p, label)) && (!end || p < end); p += n) {
		if (p < out + 3 || memcmp(p - 3, "\n  ", 3) ||
		    (p[n] != ' ' && p[n] != ':'))
			continue;
		p = strchr(p, ':');
		if (p && sscanf(p, ": %llu", &v) == 1)
			return v;
		break;
	}
	cf_check(x->c, false,
		 "[%s] no \"%s\" in the router-wide statistics:\n%s",
		 x->v->name, label, out);
	return 0;
}

uint64_t vx_group_drops(const struct vx *x, enum vrrp_drop d)
{
	struct vrrp_group_info in;

	if ((unsigned)d >= VRRP_DROP__COUNT || !vx_info(x, &in))
		return 0;
	return in.drops[d];
}

/* ---- the probe as the LAN host ---- */

static int host_reply(struct vx *x, const struct net_pkt_info *q, uint8_t *f,
		      size_t cap)
{
	struct net_addr host = vx_who_addr(x, VX_HOST);
	struct net_mac me = vx_probe_mac(x);
	struct net_wr w;

	net_wr_init(&w, f, cap);
	if (x->v->af == NET_AF_IP4) {
		struct net_ip4 h = net_addr_ip4(&host);
		struct net_l2 l2 = { .src = me, .dst = q->arp.sha };
		struct net_arp a = { .op = NET_ARP_REPLY,
				     .sha = me,
				     .spa = h,
				     .tha = q->arp.sha,
				     .tpa = q->arp.spa };

		if (!net_pkt_has(q, NET_LAYER_ARP) ||
		    q->arp.op != NET_ARP_REQUEST ||
		    memcmp(&q->arp.tpa, &h, sizeof(h)))
			return 0;
		return net_build_arp(&w, &l2, &a);
	} else {
		struct net_ip6 h = net_addr_ip6(&host);
		struct net_ip6_params p = { .src = h,
					    .dst = net_addr_ip6(&q->src),
					    .hop_limit = 255 };

		if (!q->has_nd || q->nd.type != NET_ICMP6_ND_NS ||
		    memcmp(&q->nd.target, &h, sizeof(h)))
			return 0;
		p.l2.src = me;
		p.l2.dst = q->eth.src;
		return net_build_na(&w, &p, &h,
				    NET_ND_NA_SOLICITED | NET_ND_NA_OVERRIDE,
				    &me);
	}
}

void vx_answer_host(struct vx *x)
{
	struct vx_rx r;
	uint8_t f[NET_FRAME_MAX];

	while (vx_next(x, &x->answered, &r)) {
		int len = host_reply(x, &r.pi, f, sizeof(f));

		if (len > 0)
			vx_send_frame(x, f, len);
	}
}
