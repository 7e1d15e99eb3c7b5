/*
 * Helpers of the "igmp" and "mld" conformance suites (see cf_gmp_int.h):
 * the two families, the DUT router configured with VRP commands, host
 * and router messages built with the group membership codec (RFC 3376
 * section 4, RFC 2236 section 2, RFC 3810 section 5, RFC 2710 section 3)
 * inside IPv4 with TTL 1 and Router Alert or IPv6 with Hop Limit 1 and a
 * Router Alert hop-by-hop option, the DUT's queries as the LAN probe saw
 * them, its records and counters, and the derived timers of RFC 3376
 * section 8 / RFC 3810 section 9 computed from the configuration (not
 * from the implementation). The RFC rules are checked by the cases.
 */
#include "conformance/conform/cf_gmp_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"

#define GX_QRI	   SIM_S(10) /* Query Response Interval (VRP default) */
#define GX_PAYLOAD 64

const struct gx_fam gx_igmp = {
	.af = NET_AF_IP4,
	.name = "igmp",
	.lmqi_kw = "lastmember-queryinterval",
	.dut = "10.0.1.5",
	.lower = "10.0.1.2",
	.higher = "10.0.1.9",
	.host = "10.0.1.10",
	.offlink = "10.9.9.9",
	.group = "239.1.1.1",
	.src = "10.0.2.10",
	.s = { "10.0.2.11", "10.0.2.12", "10.0.2.13", "10.0.2.14" },
	.all = "224.0.0.1",
	.routers = "224.0.0.2",
	.v3routers = "224.0.0.22",
	.v_old = 2,
	.v_new = 3,
	.qi = SIM_S(60),
};

const struct gx_fam gx_mld = {
	.af = NET_AF_IP6,
	.name = "mld",
	.lmqi_kw = "lastlistener-queryinterval",
	.dut = "fe80::5",
	.lower = "fe80::2",
	.higher = "fe80::9",
	.host = "fe80::10",
	.offlink = "2001:db8:1::10",
	.group = "ff0e::1:1",
	.src = "2001:db8:2::10",
	.s = { "2001:db8:2::11", "2001:db8:2::12", "2001:db8:2::13",
	       "2001:db8:2::14" },
	.all = "ff02::1",
	.routers = "ff02::2",
	.v3routers = "ff02::16",
	.v_old = 1,
	.v_new = 2,
	.qi = SIM_S(125),
};

struct net_addr gx_addr(const char *s)
{
	struct net_addr a = { 0 };

	net_addr_parse(s, &a);
	return a;
}

static void gx_config(const struct gx *x, char *buf, size_t len)
{
	const struct gx_fam *f = x->f;
	bool v6 = f->af == NET_AF_IP6;
	int n = snprintf(buf, len,
			 "system-view\n%s\n"
			 "interface " GX_UP "\n%s"
			 "interface " GX_LAN "\n%s"
			 " %s enable\n",
			 v6 ? "multicast ipv6 routing-enable"
			    : "multicast routing-enable",
			 v6 ? " ipv6 enable\n ipv6 address 2001:db8:2::1 64\n"
			    : " ip address 10.0.2.1 255.255.255.0\n",
			 v6 ? " ipv6 enable\n ipv6 address fe80::5 link-local\n"
			    : " ip address 10.0.1.5 255.255.255.0\n",
			 f->name);

	if (x->cfg.version)
		n += snprintf(buf + n, len - (size_t)n, " %s version %u\n",
			      f->name, x->cfg.version);
	if (x->cfg.robust)
		n += snprintf(buf + n, len - (size_t)n, " %s robust-count %u\n",
			      f->name, x->cfg.robust);
	if (x->cfg.qi_s)
		n += snprintf(buf + n, len - (size_t)n, " %s timer query %u\n",
			      f->name, x->cfg.qi_s);
	if (x->cfg.lmqi_s)
		n += snprintf(buf + n, len - (size_t)n, " %s %s %u\n", f->name,
			      f->lmqi_kw, x->cfg.lmqi_s);
	snprintf(buf + n, len - (size_t)n, "quit\ncommit\n");
}

static const char *gx_build(struct gx *x)
{
	static const char *const ports[] = { GX_LAN, GX_UP, NULL };
	char conf[1024];

	x->w = cf_world_new(cf_seed(x->c));
	if (!x->w)
		return "no memory for the world";
	gx_config(x, conf, sizeof(conf));
	x->dut = cf_router(x->w, "DUT", conf, ports);
	if (!x->dut)
		return x->w->err;
	x->lan = node_tw_probe(x->w->w, "LAN");
	x->src = node_tw_probe(x->w->w, "SRC");
	x->lan_link = cf_link(x->w, "lan", x->lan, "eth0", router_node(x->dut),
			      GX_LAN);
	if (!x->lan_link ||
	    !cf_link(x->w, "up", x->src, "eth0", router_node(x->dut), GX_UP) ||
	    cf_boot(x->w, x->dut) != 0)
		return x->w->err;
	return NULL;
}

bool gx_open(struct gx *x, struct cf_ctx *c, const struct gx_fam *f,
	     const struct gx_cfg *cfg)
{
	const char *why;

	memset(x, 0, sizeof(*x));
	x->c = c;
	x->f = f;
	if (cfg)
		x->cfg = *cfg;
	x->m = calloc(1, sizeof(*x->m));
	x->d = calloc(1, sizeof(*x->d));
	if (!cf_check(c, x->m && x->d, "setup: out of memory"))
		return false;
	why = gx_build(x);
	if (!cf_check(c, why == NULL, "setup: %s", why))
		return false;
	gx_run(x, SIM_MS(1));
	return cf_check(c, gx_if(x) && gmp_if_running(gx_if(x)),
			"setup: %s is not running on " GX_LAN, f->name);
}

void gx_close(struct gx *x)
{
	if (x->w)
		cf_check(x->c, cf_world_free(x->w),
			 "the world leaked a frame or a timer (see stderr)");
	x->w = NULL;
	free(x->m);
	free(x->d);
	x->m = x->d = NULL;
}

void gx_run(struct gx *x, sim_time_t t)
{
	if (t > cf_now(x->w))
		cf_run_until(x->w, t);
}

sim_time_t gx_to_cpu(const struct gx *x, size_t len)
{
	return cf_to_cpu(x->w, x->lan_link, len);
}

sim_time_t gx_from_cpu(const struct gx *x, size_t len)
{
	return cf_from_cpu(x->w, x->lan_link, len);
}

sim_time_t gx_gmi(const struct gx *x)
{
	uint8_t rv = x->cfg.robust ? x->cfg.robust : 2;
	sim_time_t qi = x->cfg.qi_s ? SIM_S(x->cfg.qi_s) : x->f->qi;

	return rv * qi + GX_QRI;
}

sim_time_t gx_oqpi(const struct gx *x)
{
	uint8_t rv = x->cfg.robust ? x->cfg.robust : 2;
	sim_time_t qi = x->cfg.qi_s ? SIM_S(x->cfg.qi_s) : x->f->qi;

	return rv * qi + GX_QRI / 2;
}

sim_time_t gx_lmqt(const struct gx *x)
{
	uint8_t rv = x->cfg.robust ? x->cfg.robust : 2;

	return rv * (x->cfg.lmqi_s ? SIM_S(x->cfg.lmqi_s) : SIM_S(1));
}

/* ---- messages ---- */

struct gmp_msg *gx_msg(struct gx *x, enum gmp_type t, uint8_t version,
		       const char *group)
{
	memset(x->m, 0, sizeof(*x->m));
	x->m->af = x->f->af;
	x->m->type = t;
	x->m->version = version;
	if (group && *group)
		x->m->group = gx_addr(group);
	return x->m;
}

void gx_rec(struct gx *x, uint8_t type, unsigned mask)
{
	struct gmp_msg *m = x->m;
	struct gmp_rec *r = &m->rec[m->nrec++];

	r->type = type;
	r->group = gx_addr(x->f->group);
	r->src0 = m->srcs_used;
	for (int i = 0; i < GX_NSRC; i++)
		if (mask & (1u << i)) {
			m->srcs[m->srcs_used++] = gx_addr(x->f->s[i]);
			r->nsrc++;
		}
}

/* The destination a message of this type goes to. */
static const char *gx_dst(const struct gx *x)
{
	switch (x->m->type) {
	case GMP_T_QUERY:
		return x->f->all;
	case GMP_T_LEAVE:
		return x->f->routers;
	case GMP_T_REPORT_V3:
		return x->f->v3routers;
	default:
		return NULL; /* the group: filled in by the caller */
	}
}

static int gx_frame(struct gx *x, const struct gx_ip *ip, uint8_t *frame,
		    size_t cap)
{
	char gbuf[NET_ADDR_STRLEN];
	const char *d = ip->dst ? ip->dst : gx_dst(x);
	struct net_addr src = gx_addr(ip->src ? ip->src : x->f->host), dst;
	struct node_iface *dif = node_iface_find(router_node(x->dut), GX_LAN);
	uint8_t body[NET_FRAME_MAX];
	struct net_wr w;
	struct net_mac l2dst;
	int len;

	if (!d) {
		net_addr_fmt(&x->m->group, gbuf, sizeof(gbuf));
		d = gbuf;
	}
	dst = gx_addr(d);
	len = gmp_pkt_encode(x->m, &src, &dst, body, sizeof(body));
	if (len < 8 || !dif)
		return -1;
	if (ip->bad_csum)
		body[3] ^= 0x01;
	l2dst = dif->mac; /* unicast: to the DUT's port */
	net_wr_init(&w, frame, cap);
	if (x->f->af == NET_AF_IP4) {
		struct net_ip4_params q = {
			.src = net_addr_ip4(&src),
			.dst = net_addr_ip4(&dst),
			.ttl = ip->ttl ? ip->ttl : 1,
			.tos = 0xc0,
			.router_alert = !ip->no_ra,
		};

		q.l2.src = x->lan->ifaces[0]->mac;
		q.l2.dst = net_addr_is_multicast(&dst)
				   ? net_mac_from_ip4_mcast(&q.dst)
				   : l2dst;
		return net_build_ip4(&w, &q, GMP_IGMP_PROTO, body, (size_t)len);
	} else {
		struct net_ip6_params q = {
			.src = net_addr_ip6(&src),
			.dst = net_addr_ip6(&dst),
			.hop_limit = ip->ttl ? ip->ttl : 1,
			.router_alert = !ip->no_ra,
		};

		q.l2.src = x->lan->ifaces[0]->mac;
		q.l2.dst = net_addr_is_multicast(&dst)
				   ? net_mac_from_ip6_mcast(&q.dst)
				   : l2dst;
		return net_build_ip6(&w, &q, 58, body, (size_t)len);
	}
}

sim_time_t gx_send(struct gx *x, const struct gx_ip *ip)
{
	static const struct gx_ip none = { 0 };
	uint8_t frame[NET_FRAME_MAX];
	int n = gx_frame(x, ip ? ip : &none, frame, sizeof(frame));
	sim_time_t start;

	if (!cf_check(x->c,
		      n > 0 && node_tw_probe_send(x->lan, "eth0", frame,
						  (size_t)n) == 0,
		      "setup: the LAN probe could not send a %s message",
		      gmp_type_name(x->m->type)))
		return -1;
	/* Frames leave the probe one after the other (the cable's FIFO). */
	start = cf_now(x->w) > x->lan_busy ? cf_now(x->w) : x->lan_busy;
	x->lan_busy = start + node_link_ser_time(x->lan_link, (size_t)n);
	return start + gx_to_cpu(x, (size_t)n);
}

sim_time_t gx_report_old(struct gx *x, const char *group)
{
	gx_msg(x, GMP_T_REPORT_V2, x->f->v_old, group);
	return gx_send(x, NULL);
}

sim_time_t gx_report_new(struct gx *x, uint8_t type, unsigned mask)
{
	gx_msg(x, GMP_T_REPORT_V3, x->f->v_new, NULL);
	gx_rec(x, type, mask);
	return gx_send(x, NULL);
}

sim_time_t gx_leave(struct gx *x, const char *group)
{
	gx_msg(x, GMP_T_LEAVE, x->f->v_old, group);
	return gx_send(x, NULL);
}

sim_time_t gx_query(struct gx *x, const char *src, const struct gx_ip *ip)
{
	struct gx_ip q = ip ? *ip : (struct gx_ip){ 0 };
	uint8_t v = x->cfg.version ? x->cfg.version : 2; /* VRP: 2, 2 */
	struct gmp_msg *m = gx_msg(x, GMP_T_QUERY, v, NULL);

	m->max_resp = GX_QRI;
	m->qrv = x->cfg.robust ? x->cfg.robust : 2;
	m->qqi = x->cfg.qi_s ? SIM_S(x->cfg.qi_s) : x->f->qi;
	q.src = src;
	return gx_send(x, &q);
}

bool gx_data(struct gx *x)
{
	uint8_t payload[GX_PAYLOAD] = { 0 }, frame[NET_FRAME_MAX];
	struct net_addr s = gx_addr(x->f->src), g = gx_addr(x->f->group);
	struct net_wr w;
	int n;

	net_wr_init(&w, frame, sizeof(frame));
	if (x->f->af == NET_AF_IP4) {
		struct net_udp4_params u = { .sport = 4000, .dport = 5000 };

		u.ip.src = net_addr_ip4(&s);
		u.ip.dst = net_addr_ip4(&g);
		u.ip.ttl = 64;
		u.ip.l2.src = x->src->ifaces[0]->mac;
		u.ip.l2.dst = net_mac_from_ip4_mcast(&u.ip.dst);
		n = net_build_udp4(&w, &u, payload, sizeof(payload));
	} else {
		struct net_udp6_params u = { .sport = 4000, .dport = 5000 };

		u.ip.src = net_addr_ip6(&s);
		u.ip.dst = net_addr_ip6(&g);
		u.ip.hop_limit = 64;
		u.ip.l2.src = x->src->ifaces[0]->mac;
		u.ip.l2.dst = net_mac_from_ip6_mcast(&u.ip.dst);
		n = net_build_udp6(&w, &u, payload, sizeof(payload));
	}
	return cf_check(x->c,
			n > 0 && node_tw_probe_send(x->src, "eth0", frame,
						    (size_t)n) == 0,
			"setup: the source probe could not send");
}

/* ---- reading ---- */

bool gx_next_query(struct gx *x, size_t *i, struct gx_q *q)
{
	while (*i < node_tw_probe_count(x->lan)) {
		const struct node_tw_frame *f = node_tw_probe_frame(x->lan, *i);
		struct net_pkt_info pi;

		(*i)++;
		if (!f || net_dissect(f->data, f->len, &pi) != NET_OK ||
		    pi.af != x->f->af)
			continue;
		if (pi.af == NET_AF_IP4 && pi.l4_proto != GMP_IGMP_PROTO)
			continue;
		if (pi.af == NET_AF_IP6 &&
		    (pi.l4_proto != 58 || pi.icmp6.type != GMP_MLD_QUERY))
			continue;
		if (gmp_pkt_decode(pi.af, pi.l4, pi.l4_len, &pi.src, &pi.dst,
				   x->d) != GMP_PKT_OK ||
		    x->d->type != GMP_T_QUERY)
			continue;
		q->t = f->t;
		q->sent = f->t - gx_from_cpu(x, f->len);
		q->ttl = pi.ttl;
		q->tos = pi.af == NET_AF_IP4 ? pi.ip4.tos : 0;
		q->ra = pi.router_alert;
		q->ra_value = pi.ra_value;
		q->src = pi.src;
		q->dst = pi.dst;
		q->m = x->d;
		return true;
	}
	return false;
}

size_t gx_general(struct gx *x, sim_time_t from, sim_time_t to, sim_time_t *v,
		  size_t cap)
{
	size_t i = 0, n = 0;
	struct gx_q q;

	while (gx_next_query(x, &i, &q)) {
		if (!net_addr_is_unspec(&q.m->group) || q.sent < from ||
		    q.sent > to)
			continue;
		if (n < cap)
			v[n] = q.sent;
		n++;
	}
	return n;
}

size_t gx_data_seen(struct gx *x)
{
	struct net_addr g = gx_addr(x->f->group);
	size_t n = 0;

	for (size_t i = 0; i < node_tw_probe_count(x->lan); i++) {
		const struct node_tw_frame *f = node_tw_probe_frame(x->lan, i);
		struct net_pkt_info pi;

		if (f && net_dissect(f->data, f->len, &pi) == NET_OK &&
		    pi.l4_proto == 17 && net_addr_eq(&pi.dst, &g))
			n++;
	}
	return n;
}

struct gmp_if *gx_if(struct gx *x)
{
	struct node_iface *ifp =
		x->dut ? node_iface_find(router_node(x->dut), GX_LAN) : NULL;

	return ifp ? gmp_router_if(x->dut, ifp, x->f->af) : NULL;
}

bool gx_group(struct gx *x, struct gmp_group_info *g)
{
	struct gmp_if *gi = gx_if(x);
	struct net_addr a = gx_addr(x->f->group);

	memset(g, 0, sizeof(*g));
	return gi && gmp_if_group(gi, &a, g);
}

bool gx_info(struct gx *x, struct gmp_if_info *in)
{
	struct gmp_if *gi = gx_if(x);

	memset(in, 0, sizeof(*in));
	if (!gi)
		return false;
	gmp_if_info(gi, in);
	return true;
}

sim_time_t gx_event(struct gx *x, const char *event, const char *key,
		    const char *val, size_t nth)
{
	return cf_event_time(x->w, "DUT", x->f->name, event, key, val, nth);
}

long long gx_drops(struct gx *x, const char *reason)
{
	char cmd[96], key[48];
	const char *out, *p;
	long long v;

	snprintf(cmd, sizeof(cmd), "display %s interface " GX_LAN, x->f->name);
	out = cf_cli(x->w, x->dut, cmd, NULL);
	p = out ? strstr(out, "Dropped:") : NULL;
	if (!p)
		return -1;
	snprintf(key, sizeof(key), " %s ", reason);
	p = strstr(p, key);
	if (!p || sscanf(p + strlen(key), "%lld", &v) != 1)
		return -1;
	return v;
}
