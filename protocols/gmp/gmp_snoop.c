/*
 * IGMP/MLD snooping (gmp_snoop.h), RFC 4541 sections 2 (IGMP) and 3 (MLD),
 * run from the switch's multicast hook (node_switch.h) on every frame to
 * an IP multicast MAC. Learning: a port is a router port of a family for
 * the router timeout (the Other Querier Present Interval, RFC 3376 8.5 /
 * RFC 3810 9.5, 255 s by default) after an IGMP/MLD query whose source is
 * not 0.0.0.0 / :: (RFC 4541 2.1.1) or a PIM Hello (protocol 103 to
 * 224.0.0.13 / ff02::d, checksum checked); a port is a member of a group
 * for the Group Membership Interval (robustness * QI + QRI, RFC 3376 8.4 /
 * RFC 3810 9.4) after a v1/v2 report, an MLDv1 report, or a v3/MLDv2
 * record other than IS_IN({}) / TO_IN({}) / BLOCK. Robustness, QI and QRI
 * come from the configuration until the querier's queries say otherwise
 * (QRV and QQI of v3 queries, Max Response Time of general queries).
 * Forwarding is per group (RFC 4541 2.1.1 allows not filtering sources);
 * a BLOCK record leaves the port's membership as it was, since other
 * sources of the group may still be wanted there. Leaves (RFC 4541 2.1.1,
 * "process the leave to determine if there are other members"): a v2
 * Leave, MLD Done or v3 IS_IN({}) / TO_IN({}) marks the port as leaving;
 * when the querier's group-specific query for the group then passes, a
 * leaving port's membership is cut to Last Member Query Time (robustness *
 * the query's Max Response Time, RFC 3376 8.7 / RFC 3810 9.7) unless a
 * report from the port arrives first; without a querier the membership
 * runs out at GMI as usual. No fast leave: another host behind the same
 * port answers the query. Group-and-source-specific queries change
 * nothing. Forwarding (RFC 4541 2.1.1, 2.1.2, 3): reports and leaves go to
 * the family's router ports only (never to hosts, so v1/v2 suppression
 * cannot starve the router of reports), or flood while no router port of
 * the family is known (the startup race: the router has not queried yet);
 * queries flood; malformed
 * membership messages (refused by the codec: length, checksum...) are
 * counted by reason, not learned from and sent to router ports only
 * (2.1.1 (5): not flooded); link-local scope (224.0.0.0/24, IPv6 scope 0..2
 * such as ff02::1 and solicited-node groups, for which our hosts send no MLD
 * reports) floods; other groups go to their member ports and all router
 * ports of the family; an unregistered group (no member port) goes to the
 * router ports only (2.1.2, the "must" part; nothing when no router port
 * is known); frames that are not IP multicast, or whose IP header does
 * not decode, are bridged as usual (flooded). Reports for
 * link-local groups are forwarded but not learned. A port whose carrier
 * goes down loses its memberships and router port roles at once; a crash
 * loses everything. Membership and router port changes are logged with
 * module "snoop".
 */
#include "protocols/gmp/gmp_snoop.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/net/net_csum.h"
#include "sim/net/net_dissect.h"
#include "sim/node/node_switch.h"

#define GS_BUCKETS   1024 /* power of two */
#define GS_PIM_PROTO 103
#define GS_PIM_HELLO 0x20 /* PIM version 2, type 0 */

/* One member port of a group. */
struct gs_member {
	struct gs_member *next; /* sorted by port */
	struct gmp_snoop *s;
	struct gs_group *g;
	int port;
	bool leaving; /* a leave was seen and no report since */
	bool cut;     /* leaving, and cut to LMQT by the querier's query */
	/* Membership end, ns: GMI after the last report, or LMQT after the
	 * querier's group-specific query that followed a leave. */
	sim_time_t expires;
	struct node_timer timer;
};

struct gs_group {
	struct gs_group *hnext;
	struct net_addr addr;
	struct gs_member *members;
};

struct gs_rport {
	struct gs_rport *next; /* sorted by (af, port) */
	struct gmp_snoop *s;
	uint8_t af;
	int port;
	sim_time_t expires; /* last query/hello + router timeout, ns */
	struct node_timer timer;
};

/* Timer values in force for one family. */
struct gs_fam {
	uint8_t robustness; /* Robustness Variable (QRV) */
	sim_time_t qi;	    /* Query Interval (QQI), ns */
	sim_time_t qri;	    /* Query Response Interval, ns */
};

struct gmp_snoop {
	struct node *sw;
	struct gmp_snoop_cfg cfg;
	struct gs_fam fam[2]; /* [0] IGMP, [1] MLD */
	struct gs_group *buckets[GS_BUCKETS];
	size_t ngroups;
	struct gs_rport *rports;
	struct gmp_snoop_cnt cnt;
	struct gmp_msg *msg; /* decode scratch (large) */
};

static int gs_fi(int af)
{
	return af == NET_AF_IP6 ? 1 : 0;
}

static const char *gs_fam_name(int af)
{
	return af == NET_AF_IP6 ? "mld" : "igmp";
}

void gmp_snoop_cfg_default(struct gmp_snoop_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->robustness = GMP_SNOOP_ROBUSTNESS;
	c->query_interval = GMP_SNOOP_QI;
	c->query_resp = GMP_SNOOP_QRI;
	c->learn = true;
}

static void gs_fam_reset(struct gmp_snoop *s)
{
	int i;

	for (i = 0; i < 2; i++) {
		s->fam[i].robustness = s->cfg.robustness;
		s->fam[i].qi = s->cfg.query_interval;
		s->fam[i].qri = s->cfg.query_resp;
	}
}

sim_time_t gmp_snoop_gmi(const struct gmp_snoop *s, enum net_af af)
{
	const struct gs_fam *f = &s->fam[gs_fi(af)];

	return f->robustness * f->qi + f->qri;
}

sim_time_t gmp_snoop_router_timeout(const struct gmp_snoop *s, enum net_af af)
{
	const struct gs_fam *f = &s->fam[gs_fi(af)];

	if (s->cfg.router_timeout > 0)
		return s->cfg.router_timeout;
	return f->robustness * f->qi + f->qri / 2;
}

static const char *gs_port_name(const struct gmp_snoop *s, int port)
{
	if (port < 0 || port >= s->sw->nifaces)
		return "?";
	return s->sw->ifaces[port]->name;
}

static void gs_log_member(struct gmp_snoop *s, const char *event,
			  const struct gs_member *m, const char *why)
{
	struct sim_log_rec r;
	char buf[NET_ADDR_STRLEN];

	net_addr_fmt(&m->g->addr, buf, sizeof(buf));
	node_log_begin(&r, s->sw, "snoop", event);
	sim_log_str(&r, "af", gs_fam_name(m->g->addr.af));
	sim_log_str(&r, "group", buf);
	sim_log_str(&r, "port", gs_port_name(s, m->port));
	if (why)
		sim_log_str(&r, "why", why);
	sim_log_end(&r);
}

static void gs_log_rport(struct gmp_snoop *s, const char *event,
			 const struct gs_rport *rp, const char *why)
{
	struct sim_log_rec r;

	node_log_begin(&r, s->sw, "snoop", event);
	sim_log_str(&r, "af", gs_fam_name(rp->af));
	sim_log_str(&r, "port", gs_port_name(s, rp->port));
	sim_log_str(&r, "why", why);
	sim_log_end(&r);
}

/* ---- groups and members ---- */

static unsigned gs_hash(const struct net_addr *a)
{
	uint32_t h = 2166136261u ^ a->af;
	int i;

	for (i = 0; i < 16; i++) {
		h ^= a->b[i];
		h *= 16777619u;
	}
	return h & (GS_BUCKETS - 1);
}

static struct gs_group *gs_group_find(const struct gmp_snoop *s,
				      const struct net_addr *a)
{
	struct gs_group *g;

	for (g = s->buckets[gs_hash(a)]; g; g = g->hnext)
		if (net_addr_eq(&g->addr, a))
			return g;
	return NULL;
}

static struct gs_member *gs_member_find(const struct gs_group *g, int port)
{
	struct gs_member *m;

	for (m = g ? g->members : NULL; m; m = m->next)
		if (m->port == port)
			return m;
	return NULL;
}

static void gs_group_free_if_empty(struct gmp_snoop *s, struct gs_group *g)
{
	struct gs_group **pp = &s->buckets[gs_hash(&g->addr)];

	if (g->members)
		return;
	while (*pp != g)
		pp = &(*pp)->hnext;
	*pp = g->hnext;
	free(g);
	s->ngroups--;
}

/* Unlink and free m (logging when why is given); frees an empty group. */
static void gs_member_del(struct gmp_snoop *s, struct gs_member *m,
			  const char *why)
{
	struct gs_group *g = m->g;
	struct gs_member **pp = &g->members;

	if (why)
		gs_log_member(s, "member-del", m, why);
	while (*pp != m)
		pp = &(*pp)->next;
	*pp = m->next;
	node_timer_fini(&m->timer);
	free(m);
	gs_group_free_if_empty(s, g);
}

static void gs_member_fire(struct node_timer *nt)
{
	struct gs_member *m = sim_container_of(nt, struct gs_member, timer);

	gs_member_del(m->s, m, m->cut ? "leave" : "timeout");
}

static void gs_member_arm(struct gs_member *m, sim_time_t expires)
{
	m->expires = expires;
	node_timer_arm(&m->timer, expires);
}

static struct gs_group *gs_group_get(struct gmp_snoop *s,
				     const struct net_addr *a)
{
	struct gs_group *g = gs_group_find(s, a);
	unsigned h;

	if (g)
		return g;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->addr = *a;
	h = gs_hash(a);
	g->hnext = s->buckets[h];
	s->buckets[h] = g;
	s->ngroups++;
	return g;
}

/* A report for group from port: join or refresh to GMI. */
static void gs_join(struct gmp_snoop *s, const struct net_addr *group, int port)
{
	struct gs_group *g = gs_group_get(s, group);
	struct gs_member *m, **pp;
	sim_time_t exp = node_now(s->sw) + gmp_snoop_gmi(s, group->af);

	if (!g)
		return;
	m = gs_member_find(g, port);
	if (m) {
		m->leaving = false;
		m->cut = false;
		gs_member_arm(m, exp);
		return;
	}
	m = calloc(1, sizeof(*m));
	if (!m || node_timer_init(s->sw, &m->timer, gs_member_fire)) {
		free(m);
		gs_group_free_if_empty(s, g);
		return;
	}
	m->s = s;
	m->g = g;
	m->port = port;
	for (pp = &g->members; *pp && (*pp)->port < port; pp = &(*pp)->next)
		;
	m->next = *pp;
	*pp = m;
	gs_member_arm(m, exp);
	gs_log_member(s, "member-add", m, NULL);
}

/* A leave for group from port: wait for the querier's query. */
static void gs_leave(struct gmp_snoop *s, const struct net_addr *group,
		     int port)
{
	struct gs_member *m = gs_member_find(gs_group_find(s, group), port);

	if (!m || m->leaving)
		return;
	m->leaving = true;
	gs_log_member(s, "member-leave", m, NULL);
}

/* The querier's group-specific query: leaving ports end at LMQT. */
static void gs_gsq(struct gmp_snoop *s, const struct net_addr *group,
		   sim_time_t max_resp)
{
	struct gs_group *g = gs_group_find(s, group);
	struct gs_member *m;
	sim_time_t lmqt, end;

	if (!g)
		return;
	lmqt = s->fam[gs_fi(group->af)].robustness * max_resp;
	end = node_now(s->sw) + lmqt;
	for (m = g->members; m; m = m->next)
		if (m->leaving && end < m->expires) {
			m->cut = true;
			gs_member_arm(m, end);
		}
}

/* ---- router ports ---- */

static void gs_rport_del(struct gmp_snoop *s, struct gs_rport *rp,
			 const char *why)
{
	struct gs_rport **pp = &s->rports;

	if (why)
		gs_log_rport(s, "rport-del", rp, why);
	while (*pp != rp)
		pp = &(*pp)->next;
	*pp = rp->next;
	node_timer_fini(&rp->timer);
	free(rp);
}

static void gs_rport_fire(struct node_timer *nt)
{
	struct gs_rport *rp = sim_container_of(nt, struct gs_rport, timer);

	gs_rport_del(rp->s, rp, "timeout");
}

static struct gs_rport *gs_rport_find(const struct gmp_snoop *s, int af,
				      int port)
{
	struct gs_rport *rp;

	for (rp = s->rports; rp; rp = rp->next)
		if (rp->af == af && rp->port == port)
			return rp;
	return NULL;
}

static void gs_rport_learn(struct gmp_snoop *s, int af, int port,
			   const char *why)
{
	struct gs_rport *rp = gs_rport_find(s, af, port), **pp;
	sim_time_t exp = node_now(s->sw) + gmp_snoop_router_timeout(s, af);

	if (!rp) {
		rp = calloc(1, sizeof(*rp));
		if (!rp || node_timer_init(s->sw, &rp->timer, gs_rport_fire)) {
			free(rp);
			return;
		}
		rp->s = s;
		rp->af = (uint8_t)af;
		rp->port = port;
		for (pp = &s->rports;
		     *pp && ((*pp)->af < af ||
			     ((*pp)->af == af && (*pp)->port < port));
		     pp = &(*pp)->next)
			;
		rp->next = *pp;
		*pp = rp;
		gs_log_rport(s, "rport-add", rp, why);
	}
	rp->expires = exp;
	node_timer_arm(&rp->timer, exp);
}

/* ---- the forwarding decision ---- */

static bool gs_rport_any(const struct gmp_snoop *s, int af)
{
	for (const struct gs_rport *rp = s->rports; rp; rp = rp->next)
		if (rp->af == af)
			return true;
	return false;
}

/* Router ports of af, then (when g) member ports, merged in port order. */
static int gs_ports(const struct gmp_snoop *s, int af, const struct gs_group *g,
		    int *out, int max)
{
	const struct gs_rport *rp = s->rports;
	const struct gs_member *m = g ? g->members : NULL;
	int n = 0;

	while (rp && rp->af != af)
		rp = rp->next;
	while (n < max && ((rp && rp->af == af) || m)) {
		int a = rp && rp->af == af ? rp->port : -1;
		int b = m ? m->port : -1;
		int p;

		if (a >= 0 && (b < 0 || a <= b)) {
			p = a;
			rp = rp->next;
			if (b == a)
				m = m->next;
		} else {
			p = b;
			m = m->next;
		}
		out[n++] = p;
	}
	return n;
}

static bool gs_link_local(const struct net_addr *a)
{
	if (a->af == NET_AF_IP4)
		return a->b[0] == 224 && a->b[1] == 0 && a->b[2] == 0;
	return (a->b[1] & 0x0f) <= 2; /* scope: reserved, interface, link */
}

/* Learn from a decoded query; it floods (-1). */
static int gs_query(struct gmp_snoop *s, int in, const struct net_pkt_info *pi,
		    const struct gmp_msg *q)
{
	struct gs_fam *f = &s->fam[gs_fi(pi->af)];
	bool general = net_addr_is_unspec(&q->group);

	if (s->cfg.learn) {
		if (q->version == (pi->af == NET_AF_IP6 ? 2 : 3)) {
			if (q->qrv > 0)
				f->robustness = q->qrv;
			if (q->qqi > 0)
				f->qi = q->qqi;
		}
		if (general)
			f->qri = q->max_resp > 0 ? q->max_resp : GMP_SNOOP_QRI;
	}
	if (net_addr_is_unspec(&pi->src))
		s->cnt.query_unspec++;
	else
		gs_rport_learn(s, pi->af, in, "query");
	if (!general && q->nsrc == 0 && net_addr_is_multicast(&q->group))
		gs_gsq(s, &q->group, q->max_resp);
	return -1;
}

/* Is group one we keep membership of? Counts the ones that are not. */
static bool gs_learnable(struct gmp_snoop *s, const struct net_addr *g)
{
	if (!net_addr_is_multicast(g)) {
		s->cnt.bad_group++;
		return false;
	}
	return !gs_link_local(g);
}

static void gs_report3(struct gmp_snoop *s, int in, const struct gmp_msg *r)
{
	unsigned i;

	for (i = 0; i < r->nrec; i++) {
		const struct gmp_rec *rec = &r->rec[i];

		if (rec->type < GMP_REC_IS_IN || rec->type > GMP_REC_BLOCK ||
		    !gs_learnable(s, &rec->group))
			continue;
		if ((rec->type == GMP_REC_IS_IN ||
		     rec->type == GMP_REC_TO_IN) &&
		    rec->nsrc == 0)
			gs_leave(s, &rec->group, in);
		else if (rec->type != GMP_REC_BLOCK)
			gs_join(s, &rec->group, in);
	}
}

/* An IGMP or MLD message (l4 of pi). */
static int gs_membership(struct gmp_snoop *s, int in,
			 const struct net_pkt_info *pi, int *out, int max)
{
	struct gmp_msg *m = s->msg;
	enum gmp_pkt_err e;

	e = gmp_pkt_decode(pi->af, pi->l4, pi->l4_len, &pi->src, &pi->dst, m);
	if (e == GMP_PKT_E_TYPE)
		return -2; /* not membership (DVMRP, mtrace...): as data */
	if (e != GMP_PKT_OK) {
		s->cnt.bad[e]++;
		return gs_ports(s, pi->af, NULL, out, max);
	}
	s->cnt.rx[gs_fi(pi->af)][m->type]++;
	switch (m->type) {
	case GMP_T_QUERY:
		return gs_query(s, in, pi, m);
	case GMP_T_REPORT_V1:
	case GMP_T_REPORT_V2:
		if (gs_learnable(s, &m->group))
			gs_join(s, &m->group, in);
		break;
	case GMP_T_LEAVE:
		if (gs_learnable(s, &m->group))
			gs_leave(s, &m->group, in);
		break;
	case GMP_T_REPORT_V3:
		gs_report3(s, in, m);
		break;
	default:
		break;
	}
	/*
	 * No router port known yet (a querier that has not queried since
	 * the switch started): flood, or the router would miss the hosts'
	 * first reports and only learn at their repeats (up to 10 s later
	 * for IGMPv2). RFC 4541 2.1.1 (1) says "should" for router ports
	 * only; this is failsim's choice for the startup race.
	 */
	if (!gs_rport_any(s, pi->af)) {
		s->cnt.report_flood++;
		return -1;
	}
	return gs_ports(s, pi->af, NULL, out, max);
}

/* A PIM Hello with a good checksum (RFC 7761 4.9, 4.9.2). */
static bool gs_pim_hello(const struct net_pkt_info *pi)
{
	static const uint8_t all_pim4[4] = { 224, 0, 0, 13 };
	static const uint8_t all_pim6[16] = { 0xff, 2, [15] = 0x0d };

	if (pi->l4_proto != GS_PIM_PROTO || pi->fragment || pi->l4_len < 4 ||
	    pi->l4[0] != GS_PIM_HELLO)
		return false;
	if (pi->af == NET_AF_IP4)
		return memcmp(pi->dst.b, all_pim4, 4) == 0;
	return memcmp(pi->dst.b, all_pim6, 16) == 0;
}

static bool gs_pim_csum_ok(const struct net_pkt_info *pi)
{
	struct net_csum c;

	if (pi->af == NET_AF_IP4)
		return net_csum(pi->l4, pi->l4_len) == 0;
	net_csum_init(&c);
	net_csum_pseudo6(&c, &pi->ip6.src, &pi->ip6.dst, (uint32_t)pi->l4_len,
			 GS_PIM_PROTO);
	net_csum_add(&c, pi->l4, pi->l4_len);
	return net_csum_final(&c) == 0;
}

static bool gs_is_membership(const struct net_pkt_info *pi)
{
	if (pi->fragment || pi->l4_len == 0 || !pi->l4)
		return false;
	if (pi->af == NET_AF_IP4)
		return pi->l4_proto == GMP_IGMP_PROTO;
	if (pi->l4_proto != NET_IPPROTO_ICMPV6)
		return false;
	switch (pi->l4[0]) {
	case GMP_MLD_QUERY:
	case GMP_MLD_V1_REPORT:
	case GMP_MLD_V1_DONE:
	case GMP_MLD_V2_REPORT:
		return true;
	default:
		return false;
	}
}

static int gs_select(void *ctx, struct node *sw, int in,
		     const struct net_frame *f, const struct net_pkt_info *pi,
		     int *out, int max)
{
	struct gmp_snoop *s = ctx;
	const struct gs_group *g;
	int n;

	(void)sw;
	(void)f;
	if (pi->af == NET_AF_NONE || !net_addr_is_multicast(&pi->dst)) {
		s->cnt.other++;
		return -1; /* RFC 4541 2.1.2: not IP multicast, ordinary */
	}
	if (gs_is_membership(pi)) {
		n = gs_membership(s, in, pi, out, max);
		if (n != -2)
			return n;
	}
	if (gs_pim_hello(pi)) {
		if (gs_pim_csum_ok(pi)) {
			s->cnt.pim_hello[gs_fi(pi->af)]++;
			gs_rport_learn(s, pi->af, in, "pim-hello");
		} else {
			s->cnt.pim_bad++;
		}
	}
	if (gs_link_local(&pi->dst)) {
		s->cnt.link_local++;
		return -1;
	}
	g = gs_group_find(s, &pi->dst);
	if (g)
		s->cnt.data++;
	else
		s->cnt.unregistered++;
	return gs_ports(s, pi->af, g, out, max);
}

/* ---- switch notifications, module ---- */

static void gs_clear(struct gmp_snoop *s, int port, const char *why)
{
	struct gs_rport *rp, *rnext;
	int i;

	for (rp = s->rports; rp; rp = rnext) {
		rnext = rp->next;
		if (port < 0 || rp->port == port)
			gs_rport_del(s, rp, why);
	}
	for (i = 0; i < GS_BUCKETS; i++) {
		struct gs_group *g = s->buckets[i], *gnext;

		for (; g; g = gnext) {
			struct gs_member *m = g->members, *mnext;

			gnext = g->hnext;
			for (; m; m = mnext) {
				mnext = m->next;
				if (port < 0 || m->port == port)
					gs_member_del(s, m, why);
			}
		}
	}
}

static void gs_port(void *ctx, struct node *sw, int port, bool up)
{
	(void)sw;
	if (!up)
		gs_clear(ctx, port, "port-down");
}

static void gs_reset(void *ctx, struct node *sw)
{
	struct gmp_snoop *s = ctx;

	(void)sw;
	gs_clear(s, -1, NULL);
	gs_fam_reset(s);
}

static void gs_free(struct gmp_snoop *s)
{
	gs_clear(s, -1, NULL);
	free(s->msg);
	free(s);
}

static int gs_attach(struct node *n, void **state)
{
	struct gmp_snoop *s;
	struct node_switch_mcast hook = {
		.select = gs_select,
		.port = gs_port,
		.reset = gs_reset,
	};

	*state = NULL;
	if (n->kind != NODE_SWITCH || !node_switch_snooping(n))
		return 0;
	if (node_switch_get_mcast(n))
		return -1; /* another module owns the hook */
	s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	s->msg = malloc(sizeof(*s->msg));
	if (!s->msg) {
		free(s);
		return -1;
	}
	s->sw = n;
	gmp_snoop_cfg_default(&s->cfg);
	gs_fam_reset(s);
	hook.ctx = s;
	if (node_switch_set_mcast(n, &hook)) {
		gs_free(s);
		return -1;
	}
	*state = s;
	return 0;
}

/* Teardown, before the switch is destroyed (sim_world detaches node
 * modules first): the hook is removed, then the state freed. */
static void gs_detach(void *state)
{
	struct gmp_snoop *s = state;

	if (!s)
		return;
	if (gmp_snoop_of(s->sw) == s)
		node_switch_set_mcast(s->sw, NULL);
	gs_free(s);
}

const struct node_module gmp_snoop_module = {
	.name = "gmp-snoop",
	.kind = NODE_SWITCH,
	.attach = gs_attach,
	.detach = gs_detach,
};

/* ---- queries ---- */

struct gmp_snoop *gmp_snoop_of(const struct node *sw)
{
	const struct node_switch_mcast *m = node_switch_get_mcast(sw);

	return m && m->select == gs_select ? m->ctx : NULL;
}

int gmp_snoop_configure(struct gmp_snoop *s, const struct gmp_snoop_cfg *c)
{
	if (!s || !c || c->robustness < 1 || c->robustness > 7 ||
	    c->query_interval <= 0 || c->query_resp <= 0 ||
	    c->query_resp >= c->query_interval || c->router_timeout < 0)
		return -EINVAL;
	s->cfg = *c;
	gs_fam_reset(s);
	return 0;
}

bool gmp_snoop_is_member(const struct gmp_snoop *s,
			 const struct net_addr *group, int port)
{
	return gs_member_find(gs_group_find(s, group), port) != NULL;
}

bool gmp_snoop_is_router_port(const struct gmp_snoop *s, enum net_af af,
			      int port)
{
	return gs_rport_find(s, af, port) != NULL;
}

sim_time_t gmp_snoop_member_expiry(const struct gmp_snoop *s,
				   const struct net_addr *group, int port)
{
	const struct gs_member *m =
		gs_member_find(gs_group_find(s, group), port);

	return m ? m->expires : -1;
}

size_t gmp_snoop_group_count(const struct gmp_snoop *s)
{
	return s->ngroups;
}

struct gmp_snoop_cnt gmp_snoop_counters(const struct gmp_snoop *s)
{
	return s->cnt;
}

static int gs_group_cmp(const void *a, const void *b)
{
	const struct gs_group *const *x = a, *const *y = b;

	return net_addr_cmp(&(*x)->addr, &(*y)->addr);
}

static void gs_dump_rports(const struct gmp_snoop *s, FILE *out, int af)
{
	const struct gs_rport *rp;
	sim_time_t now = node_now(s->sw);
	int k = 0;

	fprintf(out, "%s router ports:", af == NET_AF_IP6 ? "MLD" : "IGMP");
	for (rp = s->rports; rp; rp = rp->next) {
		if (rp->af != af)
			continue;
		k++;
		fprintf(out, " %s(%llds)", gs_port_name(s, rp->port),
			(long long)((rp->expires - now) / SIM_S(1)));
	}
	fprintf(out, "%s\n", k ? "" : " none");
}

void gmp_snoop_dump(const struct gmp_snoop *s, FILE *out)
{
	struct gs_group **v = NULL;
	sim_time_t now = node_now(s->sw);
	size_t k = 0, i;

	fprintf(out, "IGMP/MLD snooping on %s: %zu groups\n", s->sw->name,
		s->ngroups);
	gs_dump_rports(s, out, NET_AF_IP4);
	gs_dump_rports(s, out, NET_AF_IP6);
	if (s->ngroups) {
		v = malloc(sizeof(*v) * s->ngroups);
		if (!v)
			return;
	}
	for (i = 0; i < GS_BUCKETS; i++)
		for (struct gs_group *g = s->buckets[i]; g; g = g->hnext)
			v[k++] = g;
	qsort(v, k, sizeof(*v), gs_group_cmp);
	fprintf(out, "%-40s %-16s %-10s %s\n", "Group", "Port", "Expires(s)",
		"State");
	for (i = 0; i < k; i++) {
		char buf[NET_ADDR_STRLEN];
		const struct gs_member *m;

		net_addr_fmt(&v[i]->addr, buf, sizeof(buf));
		for (m = v[i]->members; m; m = m->next)
			fprintf(out, "%-40s %-16s %-10lld %s\n", buf,
				gs_port_name(s, m->port),
				(long long)((m->expires - now) / SIM_S(1)),
				m->leaving ? "leaving" : "member");
	}
	free(v);
}
