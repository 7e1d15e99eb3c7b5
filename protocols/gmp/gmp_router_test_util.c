/*
 * Helpers of the IGMP/MLD router tests (see gmp_router_test.h): the
 * world, frames built with the codec and the sim/net builders and
 * injected by probes, frames decoded back, and state read through the
 * module. No RFC logic lives here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_router_test.h"
#include "sim/net/net_build.h"

#define PAYLOAD 64

static const struct router_module *const gt_modules[] = { &gmp_module, NULL };

void gt_world(struct gt *x, uint64_t seed)
{
	memset(x, 0, sizeof(*x));
	rtest_init(&x->t, seed);
	assert_int_equal(gmp_module.cli_register(x->t.reg), 0);
	x->t.modules = gt_modules;
	x->m = calloc(1, sizeof(*x->m));
	x->rx = calloc(1, sizeof(*x->rx));
	assert_non_null(x->m);
	assert_non_null(x->rx);
}

void gt_init(struct gt *x, const char *extra)
{
	static const char *const ports[] = { GT_LAN, GT_UP, NULL };
	char cfg[4096];

	gt_world(x, 7);
	snprintf(cfg, sizeof(cfg), "%s%scommit\n", GT_CFG_HEAD, extra);
	x->r = rtest_router(&x->t, "R1", cfg, ports);
	x->h1 = node_tw_probe(x->t.w, "H1");
	x->src = node_tw_probe(x->t.w, "S1");
	x->lan = rtest_link(&x->t, "lan", x->h1, "eth0", router_node(x->r),
			    GT_LAN);
	x->up = rtest_link(&x->t, "up", x->src, "eth0", router_node(x->r),
			   GT_UP);
	x->boot = node_tw_now(x->t.w);
	rtest_boot(x->r);
	rtest_settle(&x->t, x->r);
}

void gt_fini(struct gt *x)
{
	free(x->m);
	free(x->rx);
	rtest_fini(&x->t);
}

static struct net_addr addr(const char *s)
{
	return node_tw_addr(s);
}

static struct net_mac dst_mac(const struct net_addr *dst,
			      const struct gt_ip *ip)
{
	struct net_ip4 d4 = net_addr_ip4(dst);
	struct net_ip6 d6 = net_addr_ip6(dst);

	if (ip->l2dst)
		return *ip->l2dst;
	if (dst->af == NET_AF_IP4 && net_ip4_is_multicast(&d4))
		return net_mac_from_ip4_mcast(&d4);
	assert_true(dst->af == NET_AF_IP6 && net_ip6_is_multicast(&d6));
	return net_mac_from_ip6_mcast(&d6);
}

size_t gt_send(struct node *p, const struct gmp_msg *m, const struct gt_ip *ip)
{
	struct net_addr src = addr(ip->src), dst = addr(ip->dst);
	uint8_t body[NET_FRAME_MAX], frame[NET_FRAME_MAX];
	struct net_wr w;
	int n, len;

	len = gmp_pkt_encode(m, &src, &dst, body, sizeof(body));
	assert_true(len >= 8);
	if (ip->bad_csum)
		body[3] ^= 0x01;
	net_wr_init(&w, frame, sizeof(frame));
	if (m->af == NET_AF_IP4) {
		struct net_ip4_params q = {
			.src = net_addr_ip4(&src),
			.dst = net_addr_ip4(&dst),
			.ttl = ip->ttl ? ip->ttl : 1,
			.tos = 0xc0,
			.router_alert = !ip->no_ra,
		};

		q.l2.src = p->ifaces[0]->mac;
		q.l2.dst = dst_mac(&dst, ip);
		n = net_build_ip4(&w, &q, GMP_IGMP_PROTO, body, (size_t)len);
	} else {
		struct net_ip6_params q = {
			.src = net_addr_ip6(&src),
			.dst = net_addr_ip6(&dst),
			.hop_limit = ip->ttl ? ip->ttl : 1,
			.router_alert = !ip->no_ra,
		};

		q.l2.src = p->ifaces[0]->mac;
		q.l2.dst = dst_mac(&dst, ip);
		n = net_build_ip6(&w, &q, 58, body, (size_t)len);
	}
	assert_true(n > 0);
	assert_int_equal(node_tw_probe_send(p, "eth0", frame, (size_t)n), 0);
	return (size_t)n;
}

struct gmp_msg *gt_msg(struct gt *x, enum net_af af, enum gmp_type t,
		       uint8_t version, const char *g)
{
	memset(x->m, 0, sizeof(*x->m));
	x->m->af = af;
	x->m->type = t;
	x->m->version = version;
	if (g && *g)
		x->m->group = addr(g);
	return x->m;
}

void gt_rec(struct gt *x, uint8_t type, const char *g, const char *const *srcs)
{
	struct gmp_msg *m = x->m;
	struct gmp_rec *r = &m->rec[m->nrec++];

	r->type = type;
	r->group = addr(g);
	r->src0 = m->srcs_used;
	for (size_t i = 0; srcs && srcs[i]; i++) {
		m->srcs[m->srcs_used++] = addr(srcs[i]);
		r->nsrc++;
	}
}

size_t gt_report(struct gt *x, enum net_af af, uint8_t version, const char *src,
		 const char *g)
{
	struct gt_ip ip = { .src = src, .dst = g };
	bool v3 = af == NET_AF_IP4 ? version == 3 : version == 2;
	enum gmp_type t = v3				     ? GMP_T_REPORT_V3
			  : version == 1 && af == NET_AF_IP4 ? GMP_T_REPORT_V1
							     : GMP_T_REPORT_V2;

	gt_msg(x, af, t, version, v3 ? "" : g);
	if (v3) {
		/* A join: CHANGE_TO_EXCLUDE_MODE with no source (RFC 3376
		 * 5.1), to the all-v3-routers address. */
		gt_rec(x, GMP_REC_TO_EX, g, NULL);
		ip.dst = af == NET_AF_IP4 ? "224.0.0.22" : "ff02::16";
	}
	return gt_send(x->h1, x->m, &ip);
}

size_t gt_leave(struct gt *x, enum net_af af, const char *src, const char *g)
{
	struct gt_ip ip = { .src = src,
			    .dst = af == NET_AF_IP4 ? "224.0.0.2" : "ff02::2" };

	gt_msg(x, af, GMP_T_LEAVE, af == NET_AF_IP4 ? 2 : 1, g);
	return gt_send(x->h1, x->m, &ip);
}

void gt_data(struct gt *x, const char *g)
{
	uint8_t payload[PAYLOAD] = { 0 };
	uint8_t frame[NET_FRAME_MAX];
	struct net_udp4_params u = { .sport = 4000, .dport = 5000 };
	struct net_wr w;
	int n;

	u.ip.src = node_tw_ip4(GT_SRC);
	u.ip.dst = node_tw_ip4(g);
	u.ip.ttl = 64;
	u.ip.l2.src = x->src->ifaces[0]->mac;
	u.ip.l2.dst = net_mac_from_ip4_mcast(&u.ip.dst);
	net_wr_init(&w, frame, sizeof(frame));
	n = net_build_udp4(&w, &u, payload, sizeof(payload));
	assert_int_equal(n, (int)gt_data_len());
	assert_int_equal(node_tw_probe_send(x->src, "eth0", frame, (size_t)n),
			 0);
}

size_t gt_data_len(void)
{
	return 14 + 20 + 8 + PAYLOAD;
}

bool gt_h1_gmp(struct gt *x, size_t i, struct net_pkt_info *pi,
	       struct gmp_msg *m, sim_time_t *t)
{
	struct net_pkt_info tmp;
	struct net_pkt_info *p = pi ? pi : &tmp;
	struct gmp_msg *out = m ? m : x->rx;

	rtest_probe_pkt(x->h1, i, p, t);
	if (p->err != NET_OK)
		return false;
	if (p->af == NET_AF_IP4 && p->l4_proto != GMP_IGMP_PROTO)
		return false;
	if (p->af == NET_AF_IP6 &&
	    (p->l4_proto != 58 || p->icmp6.type < 130 ||
	     (p->icmp6.type > 132 && p->icmp6.type != 143)))
		return false;
	if (p->af == NET_AF_NONE)
		return false;
	return gmp_pkt_decode(p->af, p->l4, p->l4_len, &p->src, &p->dst, out) ==
	       GMP_PKT_OK;
}

size_t gt_h1_queries(struct gt *x, enum net_af af, const char *group,
		     size_t from)
{
	struct net_addr ga =
		group && *group ? addr(group) : (struct net_addr){ 0 };
	struct net_pkt_info pi;
	size_t n = 0;
	bool match;

	for (size_t i = from; i < node_tw_probe_count(x->h1); i++) {
		if (!gt_h1_gmp(x, i, &pi, x->rx, NULL) || pi.af != af ||
		    x->rx->type != GMP_T_QUERY)
			continue;
		if (!group)
			match = true;
		else if (!*group)
			match = net_addr_is_unspec(&x->rx->group);
		else
			match = net_addr_eq(&x->rx->group, &ga);
		if (match)
			n++;
	}
	return n;
}

size_t gt_h1_data(struct gt *x, const char *g)
{
	struct net_addr ga = addr(g);
	struct net_pkt_info pi;
	size_t n = 0;

	for (size_t i = 0; i < node_tw_probe_count(x->h1); i++) {
		rtest_probe_pkt(x->h1, i, &pi, NULL);
		n += pi.err == NET_OK && pi.l4_proto == 17 &&
		     net_addr_eq(&pi.dst, &ga);
	}
	return n;
}

struct gmp_if *gt_gi(struct router *r, const char *ifname, enum net_af af)
{
	struct node_iface *ifp = node_iface_find(router_node(r), ifname);
	struct gmp_if *gi = ifp ? gmp_router_if(r, ifp, af) : NULL;

	if (!gi)
		fail_msg("no %s on %s of %s", af == NET_AF_IP6 ? "MLD" : "IGMP",
			 ifname, router_node(r)->name);
	return gi;
}

void gt_info(struct router *r, const char *ifname, enum net_af af,
	     struct gmp_if_info *in)
{
	gmp_if_info(gt_gi(r, ifname, af), in);
}

bool gt_has_group(struct router *r, const char *ifname, const char *g)
{
	struct net_addr ga = addr(g);
	struct gmp_group_info gi;

	return gmp_if_group(gt_gi(r, ifname, (enum net_af)ga.af), &ga, &gi);
}

sim_time_t gt_to_cpu(const struct gt *x, size_t len)
{
	return node_link_ser_time(x->lan, len) + RTEST_DELAY +
	       x->t.prof.punt_latency;
}

sim_time_t gt_from_cpu(const struct gt *x, size_t len)
{
	return x->t.prof.inject_latency + node_link_ser_time(x->lan, len) +
	       RTEST_DELAY;
}

bool gt_addr_is(const struct net_addr *a, const char *s)
{
	struct net_addr b = addr(s);

	return net_addr_eq(a, &b);
}

size_t gt_oifs(struct gt *x, const char *g)
{
	struct net_addr s = addr(GT_SRC), ga = addr(g);
	const struct asic_mfib_entry *e =
		asic_mfib_find(router_asic(x->r), &s, &ga);

	return e ? e->noifs : 0;
}

void gt_stream_entry(struct gt *x)
{
	struct net_addr s = addr(GT_SRC), ga = addr(GT_GROUP);

	gt_data(x, GT_GROUP);
	node_tw_run_for(x->t.w, SIM_MS(1));
	rtest_settle(&x->t, x->r);
	assert_non_null(asic_mfib_find(router_asic(x->r), &s, &ga));
	assert_int_equal(gt_oifs(x, GT_GROUP), 0);
	gt_data(x, GT_GROUP);
	node_tw_run_for(x->t.w, SIM_MS(1));
	assert_int_equal(gt_h1_data(x, GT_GROUP), 0);
}
