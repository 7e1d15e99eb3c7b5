/*
 * The world of the PIM-SM conformance cases (cf_pim_int.h): R1 between a
 * LAN probe and an upstream probe, PIM messages built with the codec and
 * injected as frames, R1's messages read back from the probes, and R1's
 * state through the event log, the engine read-out and the CLI. No RFC
 * logic lives here; the cases (cf_pim_*.c) cite RFC 7761.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/conform/cf_pim_int.h"
#include "protocols/pim/pim_router.h"
#include "sim/net/net_build.h"

/* RFC 7761 section 4.11 (Propagation_delay_default 0.5 s plus
 * t_override_default 2.5 s for J/P_Override_Interval). */
const struct cfp_exp cfp_rfc = {
	.hello_period = SIM_S(30),
	.triggered_delay = SIM_S(5),
	.default_holdtime = SIM_MS(105000),
	.t_periodic = SIM_S(60),
	.jp_override = SIM_MS(3000),
	.t_override_max = SIM_MS(2500),
	.assert_time = SIM_S(180),
	.assert_override = SIM_S(3),
	.reg_suppression = SIM_S(60),
	.reg_probe = SIM_S(5),
};

static const char cfp_base[] =
	"system-view\n"
	"multicast routing-enable\n"
	"interface " CFP_LAN "\n"
	" ip address " CFP_R_LAN " 255.255.255.0\n"
	" pim sm\n"
	"interface " CFP_UP "\n"
	" ip address " CFP_R_UP " 255.255.255.0\n"
	" pim sm\n"
	"quit\n"
	"ip route-static " CFP_RP " 255.255.255.255 " CFP_U "\n"
	"ip route-static 10.9.0.0 255.255.0.0 " CFP_U "\n"
	"ip route-static 10.8.0.0 255.255.0.0 " CFP_C "\n"
	"pim\n"
	" static-rp " CFP_RP "\n"
	"quit\n";

static struct net_addr cfp_addr(const char *s)
{
	struct net_addr a = { 0 };

	net_addr_parse(s, &a);
	return a;
}

/* The upstream probe announces U's MAC to R1 (an ARP request for R1's
 * address, RFC 826: the target learns the sender), so that unicast to
 * the RP goes out at once. */
static int cfp_arp(struct cfp *x, int k, const char *from, const char *to)
{
	struct net_arp a = { .op = NET_ARP_REQUEST };
	struct net_l2 l2 = { .dst = net_mac_broadcast };
	struct net_addr f = cfp_addr(from), t = cfp_addr(to);
	uint8_t frame[128];
	struct net_wr w;
	int n;

	l2.src = x->p[k]->ifaces[0]->mac;
	a.sha = l2.src;
	a.spa = net_addr_ip4(&f);
	a.tpa = net_addr_ip4(&t);
	net_wr_init(&w, frame, sizeof(frame));
	n = net_build_arp(&w, &l2, &a);
	if (n < 0)
		return -1;
	return node_tw_probe_send(x->p[k], "eth0", frame, (size_t)n);
}

/* Build R1, the probes and the links in x->w and boot; NULL, or why
 * not (in x->w->err). */
static const char *cfp_build(struct cfp *x, const char *extra)
{
	static const char *const ports[] = { CFP_LAN, CFP_UP, NULL };
	size_t len = sizeof(cfp_base) + (extra ? strlen(extra) : 0) + 16;
	char *cfg = malloc(len);

	if (!cfg)
		return "out of memory";
	snprintf(cfg, len, "%s%scommit\n", cfp_base, extra ? extra : "");
	x->r = cf_router(x->w, "R1", cfg, ports);
	free(cfg);
	if (!x->r)
		return x->w->err;
	x->p[CFP_PL] = node_tw_probe(x->w->w, "PL");
	x->p[CFP_PU] = node_tw_probe(x->w->w, "PU");
	x->l[CFP_PL] = cf_link(x->w, "lan", x->p[CFP_PL], "eth0",
			       router_node(x->r), CFP_LAN);
	x->l[CFP_PU] = cf_link(x->w, "up", x->p[CFP_PU], "eth0",
			       router_node(x->r), CFP_UP);
	if (!x->l[0] || !x->l[1] || cf_boot(x->w, x->r) != 0)
		return x->w->err;
	if (cfp_arp(x, CFP_PU, CFP_U, CFP_R_UP) != 0)
		return "the upstream probe cannot send";
	return NULL;
}

struct cfp *cfp_new(struct cf_ctx *c, const char *extra)
{
	struct cfp *x = calloc(1, sizeof(*x));
	const char *why = "out of memory";

	if (!cf_check(c, x != NULL, "setup: out of memory"))
		return NULL;
	x->c = c;
	x->genid = 0x1000;
	x->grp = CFP_G;
	x->m = calloc(1, sizeof(*x->m));
	x->w = cf_world_new(cf_seed(c));
	if (x->m && x->w)
		why = cfp_build(x, extra);
	if (!cf_check(c, why == NULL, "setup: %s", why ? why : "")) {
		cfp_free(x);
		return NULL;
	}
	return x;
}

struct cfp *cfp_new_nbrs(struct cf_ctx *c, const char *extra,
			 const char *const *lan, const char *const *up)
{
	struct cfp *x = cfp_new(c, extra);

	if (!x)
		return NULL;
	cfp_run(x, SIM_S(1));
	cfp_hello(x, CFP_FOREVER, 1, x->genid);
	cfp_send(x, CFP_PU, CFP_U, CFP_ALL);
	for (size_t i = 0; lan && lan[i]; i++)
		cfp_send(x, CFP_PL, lan[i], CFP_ALL);
	for (size_t i = 0; up && up[i]; i++)
		cfp_send(x, CFP_PU, up[i], CFP_ALL);
	cfp_run(x, SIM_S(7));
	return x;
}

void cfp_free(struct cfp *x)
{
	if (!x)
		return;
	if (x->w)
		cf_check(x->c, cf_world_free(x->w),
			 "the world leaked a frame or a timer");
	free(x->m);
	free(x);
}

void cfp_run(struct cfp *x, sim_time_t until)
{
	cf_run_until(x->w, until);
}

sim_time_t cfp_now(const struct cfp *x)
{
	return cf_now(x->w);
}

bool cfp_config(struct cfp *x, const char *lines)
{
	return cf_check(x->c, cf_config(x->w, x->r, lines) != NULL,
			"configuration refused: %s", x->w->err);
}

const char *cfp_cli(struct cfp *x, const char *lines)
{
	const char *out = cf_cli(x->w, x->r, lines, NULL);

	if (!cf_check(x->c, out != NULL, "command refused: %s", x->w->err))
		return "";
	return out;
}

/* ---- messages ---- */

static void cfp_msg(struct cfp *x, enum pim_type t)
{
	memset(x->m, 0, sizeof(*x->m));
	x->m->af = NET_AF_IP4;
	x->m->type = t;
}

void cfp_hello(struct cfp *x, sim_time_t holdtime, int64_t prio, uint32_t genid)
{
	struct pim_hello *h = &x->m->hello;

	cfp_msg(x, PIM_T_HELLO);
	h->has_holdtime = holdtime >= 0;
	h->holdtime = holdtime >= 0 ? holdtime : 0;
	h->holdtime_forever = holdtime >= CFP_FOREVER;
	h->has_dr_priority = prio >= 0;
	h->dr_priority = prio >= 0 ? (uint32_t)prio : 0;
	h->has_genid = true;
	h->genid = genid;
	h->has_lan_prune_delay = true;
	h->propagation_delay = SIM_MS(500);
	h->override_interval = SIM_MS(2500);
}

void cfp_jp(struct cfp *x, const char *upstream, const char *src, bool join,
	    sim_time_t holdtime)
{
	struct pim_jp *jp = &x->m->jp;
	struct pim_esrc *s = &jp->srcs[0];

	cfp_msg(x, PIM_T_JOIN_PRUNE);
	jp->upstream = cfp_addr(upstream);
	jp->holdtime = holdtime;
	jp->holdtime_forever = holdtime >= CFP_FOREVER;
	jp->ngroups = 1;
	jp->nsrcs = 1;
	jp->groups[0].group.addr = cfp_addr(x->grp);
	jp->groups[0].group.mask_len = 32;
	jp->groups[0].njoin = join;
	jp->groups[0].nprune = !join;
	s->addr = cfp_addr(src ? src : CFP_RP);
	s->mask_len = 32;
	s->s_bit = true;
	s->w_bit = src == NULL;
	s->r_bit = src == NULL;
}

void cfp_assert(struct cfp *x, const char *src, uint32_t pref, uint32_t metric)
{
	struct pim_assert *a = &x->m->assert;

	cfp_msg(x, PIM_T_ASSERT);
	a->group.addr = cfp_addr(x->grp);
	a->group.mask_len = 32;
	a->source = cfp_addr(src);
	a->metric_pref = pref;
	a->metric = metric;
}

void cfp_regstop(struct cfp *x, const char *src)
{
	struct pim_assert *a = &x->m->reg_stop;

	cfp_msg(x, PIM_T_REGISTER_STOP);
	a->group.addr = cfp_addr(x->grp);
	a->group.mask_len = 32;
	a->source = cfp_addr(src);
}

int cfp_encode(struct cfp *x, const char *src, const char *dst, uint8_t *buf,
	       size_t cap)
{
	struct net_addr s = cfp_addr(src), d = cfp_addr(dst);

	return pim_pkt_encode(x->m, &s, &d, buf, cap);
}

/* Probe k sends frame (len bytes) now: its arrival at R1's control
 * plane (serialization, propagation, the punt), or -1 (reported). */
static sim_time_t probe_send(struct cfp *x, int k, const uint8_t *frame,
			     size_t len)
{
	sim_time_t at = cfp_now(x) + cf_to_cpu(x->w, x->l[k], len);

	if (!cf_check(x->c,
		      node_tw_probe_send(x->p[k], "eth0", frame, len) == 0,
		      "the probe cannot send"))
		return -1;
	return at;
}

static sim_time_t cfp_send_ip(struct cfp *x, int k, const char *src,
			      const char *dst, uint8_t ttl, uint8_t proto,
			      const uint8_t *body, size_t len)
{
	struct net_addr s = cfp_addr(src), d = cfp_addr(dst);
	struct net_ip4_params q = { .src = net_addr_ip4(&s),
				    .dst = net_addr_ip4(&d),
				    .ttl = ttl,
				    .tos = 0xc0 };
	uint8_t frame[NET_FRAME_MAX];
	struct net_wr w;
	int n;

	q.l2.src = x->p[k]->ifaces[0]->mac;
	if (net_addr_is_multicast(&d))
		q.l2.dst = net_mac_from_ip4_mcast(&q.dst);
	else
		q.l2.dst = node_iface_find(router_node(x->r),
					   k == CFP_PL ? CFP_LAN : CFP_UP)
				   ->mac;
	net_wr_init(&w, frame, sizeof(frame));
	n = net_build_ip4(&w, &q, proto, body, len);
	if (!cf_check(x->c, n > 0, "cannot build a frame of %zu bytes", len))
		return -1;
	return probe_send(x, k, frame, (size_t)n);
}

sim_time_t cfp_send_raw(struct cfp *x, int k, const char *src, const char *dst,
			uint8_t ttl, const uint8_t *pim, size_t len)
{
	return cfp_send_ip(x, k, src, dst, ttl, PIM_PROTO, pim, len);
}

sim_time_t cfp_send(struct cfp *x, int k, const char *src, const char *dst)
{
	struct net_addr d = cfp_addr(dst);
	uint8_t body[NET_FRAME_MAX];
	int len = cfp_encode(x, src, dst, body, sizeof(body));

	if (!cf_check(x->c, len > 0, "the %s does not encode",
		      pim_type_name(x->m->type)))
		return -1;
	return cfp_send_raw(x, k, src, dst, net_addr_is_multicast(&d) ? 1 : 64,
			    body, (size_t)len);
}

sim_time_t cfp_data(struct cfp *x, int k, const char *src)
{
	struct net_addr s = cfp_addr(src), d = cfp_addr(x->grp);
	struct net_udp4_params q = { .ip = { .src = net_addr_ip4(&s),
					     .dst = net_addr_ip4(&d),
					     .ttl = 16 },
				     .sport = 5000,
				     .dport = 5000 };
	uint8_t frame[256], payload[64];
	struct net_wr w;
	int n;

	memset(payload, 0xab, sizeof(payload));
	q.ip.l2.src = x->p[k]->ifaces[0]->mac;
	q.ip.l2.dst = net_mac_from_ip4_mcast(&q.ip.dst);
	net_wr_init(&w, frame, sizeof(frame));
	n = net_build_udp4(&w, &q, payload, sizeof(payload));
	if (!cf_check(x->c, n > 0, "cannot build a datagram"))
		return -1;
	return probe_send(x, k, frame, (size_t)n);
}

/* ---- what R1 sends ---- */

size_t cfp_rx_len(const struct cfp *x)
{
	return x->rx_len;
}

sim_time_t cfp_rx(struct cfp *x, int k, int type, sim_time_t from,
		  sim_time_t to, size_t nth, struct net_pkt_info *pi)
{
	size_t n = node_tw_probe_count(x->p[k]);

	for (size_t i = 0; i < n; i++) {
		const struct node_tw_frame *f = node_tw_probe_frame(x->p[k], i);
		struct net_pkt_info p;

		if (f->t < from || f->t >= to)
			continue;
		net_dissect(f->data, f->len, &p);
		if (p.err != NET_OK || p.af != NET_AF_IP4 ||
		    p.l4_proto != PIM_PROTO || !p.l4)
			continue;
		if (pim_pkt_decode(p.af, p.l4, p.l4_len, &p.src, &p.dst,
				   x->m) != PIM_PKT_OK)
			continue;
		if (type >= 0 && (int)x->m->type != type)
			continue;
		if (nth-- > 0)
			continue;
		if (pi)
			*pi = p;
		x->rx_len = f->len;
		return f->t;
	}
	return -1;
}

size_t cfp_rx_count(struct cfp *x, int k, int type, sim_time_t from,
		    sim_time_t to)
{
	size_t n = 0;

	while (cfp_rx(x, k, type, from, to, n, NULL) >= 0)
		n++;
	return n;
}

size_t cfp_data_count(struct cfp *x, int k, sim_time_t from, sim_time_t to)
{
	struct net_addr g = cfp_addr(x->grp);
	size_t n = 0;

	for (size_t i = 0; i < node_tw_probe_count(x->p[k]); i++) {
		const struct node_tw_frame *f = node_tw_probe_frame(x->p[k], i);
		struct net_pkt_info p;

		if (f->t < from || f->t >= to)
			continue;
		net_dissect(f->data, f->len, &p);
		n += p.err == NET_OK && p.l4_proto == 17 &&
		     net_addr_eq(&p.dst, &g);
	}
	return n;
}

sim_time_t cfp_wire(const struct cfp *x, int k, size_t len)
{
	return cf_from_cpu(x->w, x->l[k], len);
}

bool cfp_jp_has(const struct cfp *x, const char *src, bool join)
{
	const struct pim_jp *jp = &x->m->jp;
	struct net_addr a = cfp_addr(src ? src : CFP_RP);
	struct net_addr g = cfp_addr(x->grp);

	if (x->m->type != PIM_T_JOIN_PRUNE)
		return false;
	for (size_t i = 0; i < jp->ngroups; i++) {
		const struct pim_jp_group *gr = &jp->groups[i];
		uint32_t from = gr->src0 + (join ? 0 : gr->njoin);
		uint32_t n = join ? gr->njoin : gr->nprune;

		if (!net_addr_eq(&gr->group.addr, &g))
			continue;
		for (uint32_t k = from; k < from + n && k < jp->nsrcs; k++) {
			const struct pim_esrc *s = &jp->srcs[k];

			if (net_addr_eq(&s->addr, &a) &&
			    s->w_bit == (src == NULL) &&
			    s->r_bit == (src == NULL))
				return true;
		}
	}
	return false;
}

/* ---- R1's state ---- */

sim_time_t cfp_ev(const struct cfp *x, const char *event, const char *key,
		  const char *val, size_t nth)
{
	return cf_event_time(x->w, "R1", "pim", event, key, val, nth);
}

size_t cfp_ev_count(const struct cfp *x, const char *event, const char *key,
		    const char *val)
{
	size_t n = 0;

	while (cfp_ev(x, event, key, val, n) >= 0)
		n++;
	return n;
}

struct pim *cfp_engine(struct cfp *x)
{
	return pim_router_engine(x->r, NET_AF_IP4);
}

int cfp_ifindex(struct cfp *x, const char *ifname)
{
	struct node_iface *ifp = node_iface_find(router_node(x->r), ifname);

	return ifp ? ifp->ifindex : -1;
}

bool cfp_if_info(struct cfp *x, const char *ifname, struct pim_if_info *out)
{
	struct pim *p = cfp_engine(x);

	memset(out, 0, sizeof(*out));
	return p && pim_if_info(p, cfp_ifindex(x, ifname), out);
}

struct cfp_find {
	struct net_addr src, grp;
	int ifindex;
	bool found;
	struct pim_entry_info *out;
	const char *oif;
};

static void cfp_find_one(void *arg, const struct pim_entry_info *e)
{
	struct cfp_find *f = arg;

	if (e->rpt || !net_addr_eq(&e->src, &f->src) ||
	    !net_addr_eq(&e->grp, &f->grp))
		return;
	f->found = true;
	*f->out = *e;
	for (size_t i = 0; i < e->noifs && i < 32; i++)
		if (e->oifs[i].ifindex == f->ifindex)
			f->oif = e->oifs[i].state;
}

bool cfp_entry(struct cfp *x, const char *src, const char *ifname,
	       struct pim_entry_info *out, const char **oif)
{
	struct cfp_find f = { .grp = cfp_addr(x->grp), .out = out, .oif = "" };
	struct pim *p = cfp_engine(x);

	if (src)
		f.src = cfp_addr(src);
	f.ifindex = ifname ? cfp_ifindex(x, ifname) : -1;
	memset(out, 0, sizeof(*out));
	if (p)
		pim_each_entry(p, cfp_find_one, &f);
	if (oif)
		*oif = f.oif ? f.oif : "";
	return f.found;
}
