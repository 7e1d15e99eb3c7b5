/*
 * IGMP and MLD on a router: the per-router module, one core interface
 * (gmp.h) per configured (interface, family), started while the interface
 * is up, has its address (IGMP: the primary IPv4 address; MLD: the
 * link-local address) and multicast routing is on for the family, and
 * stopped otherwise. Reception checks what the RFCs ask of a router before
 * the core sees a message, each rejection counted by reason:
 *   - TTL / Hop Limit 1: RFC 1112 appendix I, RFC 2236 section 2 and RFC
 *     3376 section 4 ("sent with an IP Time-to-Live of 1"), RFC 2710
 *     section 3 and RFC 3810 section 5 (Hop Limit 1).
 *   - Router Alert: RFC 3376 section 9.1, "Hosts SHOULD ignore v2 or v3
 *     Queries without the Router-Alert option", applied to the queries a
 *     router hears for the election too; IGMPv3 Reports, which RFC 3376
 *     section 4 always sends with it. IGMPv1 messages (RFC 1112 predates
 *     the option) and IGMPv2 Reports and Leaves are accepted without it:
 *     RFC 2236 section 2 sends them with it but gives no receive rule, and
 *     VRP accepts them by default. Every MLD message needs it (RFC 2710
 *     section 3, RFC 3810 section 5: sent with a Router Alert option in a
 *     Hop-by-Hop Options header).
 *   - Source: RFC 3376 section 4.2.13, "Routers MUST accept a report with
 *     a source address of 0.0.0.0"; any other IGMP source must be on one
 *     of the interface's subnets (a query from 0.0.0.0 cannot take part in
 *     the election and is dropped). MLD: link-local only (RFC 3810 sections
 *     5.1.14 and 5.2.13: a report from :: is discarded too).
 *   - Destination: general queries to all-systems / all-nodes, specific
 *     ones to it or the queried group (RFC 3376 4.1.12, RFC 3810 5.1.15),
 *     v1/v2 reports to the group (RFC 3376 4.2.14, RFC 2710 section 3),
 *     leaves to all-routers (RFC 2236 section 3, RFC 2710 section 4) or,
 *     as older hosts do, the group; v3 reports to 224.0.0.22 / ff02::16
 *     (RFC 3376 4.2.14, RFC 3810 5.2.14). A message to one of the
 *     interface's own unicast addresses is accepted ("a system MUST
 *     accept and process any ... whose IP Destination Address field
 *     contains any of the addresses (unicast or multicast) assigned to
 *     the interface", 4.1.12 and 4.2.14). The core applies the same rule.
 *   - Group: a reported group must be multicast. Link-local scope groups
 *     (224.0.0.0/24, ffX0::-ffX2::) are never routed (RFC 5771 section 4,
 *     RFC 4291 section 2.7), so reports for them keep no state: dropped,
 *     or for a v3 record, the record ignored.
 *   - Our own queries heard back are ignored before anything else, so we
 *     never take part in an election against ourselves.
 * Queries go out with TTL/Hop Limit 1, Router Alert, IGMP with IP
 * Precedence Internetwork Control (TOS 0xc0, RFC 3376 section 4), from the
 * interface's address. The module answers the router's membership question
 * with the RFC 3376 section 6.3 / RFC 3810 section 7.3 rule (gmp_if_wants)
 * and tells the router of every change so multicast follows listeners.
 * For hot backup (RBP) an interface runs passive while its profile is
 * Backup, and keeps running (passive, records kept) while VRRP holds it
 * down; report watchers hear every host message that may have refreshed
 * a record.
 */
#include "protocols/gmp/gmp_router_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gmp_inst *gmp_inst(struct router *r)
{
	return router_module_state(r, &gmp_module);
}

struct node_iface *gmp_rif_iface(const struct gmp_rif *rif)
{
	struct node *n = router_node(rif->g->r);

	return rif->ifindex >= 0 && rif->ifindex < n->nifaces
		       ? n->ifaces[rif->ifindex]
		       : NULL;
}

struct gmp_rif *gmp_rif_find(struct gmp_inst *g, int ifindex, enum net_af af)
{
	for (size_t i = 0; g && i < g->nrif; i++)
		if (g->rif[i]->ifindex == ifindex && g->rif[i]->af == af)
			return g->rif[i];
	return NULL;
}

static void sync_fire(struct node_timer *nt)
{
	gmp_rif_sync(sim_container_of(nt, struct gmp_rif, sync));
}

struct gmp_rif *gmp_rif_get(struct gmp_inst *g, int ifindex, enum net_af af)
{
	struct gmp_rif *rif = gmp_rif_find(g, ifindex, af);
	struct node_iface *ifp;

	if (rif)
		return rif;
	if (g->nrif == g->caprif) {
		size_t cap = g->caprif ? 2 * g->caprif : 8;
		void *p = realloc(g->rif, cap * sizeof(*g->rif));

		if (!p)
			return NULL;
		g->rif = p;
		g->caprif = cap;
	}
	rif = calloc(1, sizeof(*rif));
	if (!rif)
		return NULL;
	if (node_timer_init(router_node(g->r), &rif->sync, sync_fire) != 0) {
		free(rif);
		return NULL;
	}
	rif->g = g;
	rif->ifindex = ifindex;
	rif->af = af;
	gmp_if_cfg_default(&rif->cfg, af);
	rif->cfg.version =
		af == NET_AF_IP6 ? GMP_VRP_MLD_VERSION : GMP_VRP_IGMP_VERSION;
	rif->cfg.query_interval =
		af == NET_AF_IP6 ? GMP_VRP_MLD_QI : GMP_VRP_IGMP_QI;
	ifp = gmp_rif_iface(rif);
	snprintf(rif->cfg.name, sizeof(rif->cfg.name), "%s",
		 ifp ? ifp->name : "?");
	rif->down_why = "not enabled";
	g->rif[g->nrif++] = rif;
	return rif;
}

/* ---- transmit ---- */

static int send_query(void *ctx, struct gmp_if *gi, const struct gmp_msg *m,
		      const struct net_addr *dst)
{
	struct gmp_rif *rif = ctx;
	struct node_iface *ifp = gmp_rif_iface(rif);
	struct router_ip_tx tx = { .ifp = ifp, .ttl = 1, .router_alert = true };
	uint8_t buf[NET_FRAME_MAX];
	struct net_addr a;
	int n;

	/* The core cannot be re-entered from here: a change of address or
	 * of multicast routing is applied after this event. */
	if (gmp_rif_unusable(rif, &a) ||
	    !net_addr_eq(&a, &gmp_if_cfg(gi)->addr)) {
		gmp_rif_sync_later(rif);
		if (net_addr_is_unspec(&a))
			return -1;
	}
	tx.src = a;
	tx.dst = *dst;
	n = gmp_pkt_encode(m, &tx.src, &tx.dst, buf, sizeof(buf));
	if (n < 4)
		return -1;
	if (rif->af == NET_AF_IP4) {
		tx.tos = 0xc0; /* RFC 3376 section 4: Internetwork Control */
		return router_ip_send(rif->g->r, &tx, GMP_IGMP_PROTO, buf,
				      (size_t)n);
	}
	/* The codec built the whole ICMPv6 message; the router writes the
	 * header and checksum again over the body. */
	return router_icmp6_send(rif->g->r, &tx, buf[0], buf[1], buf + 4,
				 (size_t)n - 4);
}

static const struct gmp_if_ops rif_ops = { .send = send_query };

/* ---- membership: the router and the watchers ---- */

static void on_member(void *arg, struct gmp_if *gi,
		      const struct net_addr *group, const struct net_addr *src,
		      enum gmp_mode mode, enum gmp_change change)
{
	struct gmp_rif *rif = arg;
	struct gmp_inst *g = rif->g;
	struct node_iface *ifp = gmp_rif_iface(rif);

	if (ifp)
		router_mcast_member_changed(g->r, ifp, group);
	/* A watcher may unwatch (itself or another) from its callback. */
	for (int i = 0; i < GMP_ROUTER_MAX_WATCH; i++) {
		struct gmp_watcher w = g->watch[i];

		if (w.fn)
			w.fn(w.arg, gi, group, src, mode, change);
	}
}

static bool member_wanted(void *ctx, struct router *r, struct node_iface *ifp,
			  const struct net_addr *src,
			  const struct net_addr *grp)
{
	struct gmp_rif *rif = gmp_rif_find(ctx, ifp->ifindex, grp->af);

	(void)r;
	return rif && rif->gi && gmp_if_running(rif->gi) &&
	       gmp_if_wants(rif->gi, src, grp);
}

/* ---- life of an interface ---- */

/* Held down by a protocol, bound to hot backup, its link up (not shut
 * down, carrier detected): it keeps running, passive
 * (gmp_router_set_backup). */
static bool gmp_rif_held_keep(const struct gmp_rif *rif,
			      const struct node_iface *ifp)
{
	return rif->hold_keep && !ifp->loopback &&
	       router_iface_held(rif->g->r, ifp) &&
	       router_iface_link_up(rif->g->r, ifp);
}

const char *gmp_rif_unusable(const struct gmp_rif *rif, struct net_addr *addr)
{
	struct node_iface *ifp = gmp_rif_iface(rif);
	const struct node_addr4 *p4;
	const struct node_addr6 *ll;

	memset(addr, 0, sizeof(*addr));
	if (!ifp)
		return "the interface does not exist";
	if (ifp->loopback)
		return "no hosts on a loopback interface";
	if (!router_mcast_enabled(rif->g->r, rif->af))
		return "multicast routing is disabled";
	if (!ifp->oper_up && !gmp_rif_held_keep(rif, ifp))
		return "the interface is down";
	if (rif->af == NET_AF_IP4) {
		p4 = node_iface_primary4(ifp);
		if (!p4)
			return "the interface has no IPv4 address";
		*addr = net_addr_from_ip4(&p4->addr);
		return NULL;
	}
	ll = node_iface_link_local(ifp);
	if (!ll)
		return "IPv6 is not enabled on the interface";
	*addr = net_addr_from_ip6(&ll->addr);
	return NULL;
}

void gmp_rif_sync(struct gmp_rif *rif)
{
	struct net_addr a;
	const char *why;

	node_timer_cancel(&rif->sync);
	if (!rif->gi) {
		rif->down_why = "not enabled";
		return;
	}
	why = gmp_rif_unusable(rif, &a);
	if (why) {
		rif->down_why = why;
		if (gmp_if_running(rif->gi))
			gmp_if_stop(rif->gi);
		return;
	}
	rif->down_why = "";
	if (!net_addr_eq(&a, &rif->cfg.addr)) {
		rif->cfg.addr = a; /* the election follows the address */
		gmp_if_set_cfg(rif->gi, &rif->cfg);
	}
	/* Before a start, so that a passive start sends no query. */
	gmp_if_set_passive(rif->gi,
			   rif->passive || !gmp_rif_iface(rif)->oper_up);
	if (!gmp_if_running(rif->gi))
		gmp_if_start(rif->gi);
}

void gmp_rif_sync_later(struct gmp_rif *rif)
{
	if (!node_timer_armed(&rif->sync))
		node_timer_arm(&rif->sync, node_now(router_node(rif->g->r)));
}

void gmp_rif_apply(struct gmp_rif *rif)
{
	if (rif->gi)
		gmp_if_set_cfg(rif->gi, &rif->cfg);
}

int gmp_rif_enable(struct gmp_rif *rif, bool on)
{
	if (on && !rif->gi) {
		rif->gi = gmp_if_new(router_node(rif->g->r), &rif->cfg,
				     &rif_ops, rif);
		if (!rif->gi)
			return -1;
		if (gmp_if_listen(rif->gi, on_member, rif) != 0) {
			gmp_if_free(rif->gi);
			rif->gi = NULL;
			return -1;
		}
		/* Started once the whole commit is in place (an address
		 * typed after `igmp enable` counts). */
		gmp_rif_sync_later(rif);
	} else if (!on && rif->gi) {
		if (gmp_if_running(rif->gi))
			gmp_if_stop(rif->gi); /* listeners told */
		gmp_if_free(rif->gi);
		rif->gi = NULL;
		node_timer_cancel(&rif->sync);
		rif->down_why = "not enabled";
	}
	return 0;
}

static void iface_change(void *ctx, struct router *r, struct node_iface *ifp,
			 bool up)
{
	struct gmp_inst *g = ctx;

	(void)r;
	(void)up;
	for (size_t i = 0; i < g->nrif; i++)
		if (g->rif[i]->ifindex == ifp->ifindex)
			gmp_rif_sync(g->rif[i]);
}

/* ---- reception ---- */

static bool link_scope(const struct net_addr *g)
{
	if (g->af == NET_AF_IP4)
		return g->b[0] == 224 && g->b[1] == 0 && g->b[2] == 0;
	return (g->b[1] & 0x0f) <= 2; /* scopes 0, 1 and 2 */
}

/* A group a report may create state for (see the file comment). */
static bool reportable(const struct net_addr *g)
{
	return g->af != NET_AF_NONE && net_addr_is_multicast(g) &&
	       !link_scope(g);
}

static bool is_report(const struct gmp_msg *m)
{
	return m->type == GMP_T_REPORT_V1 || m->type == GMP_T_REPORT_V2 ||
	       m->type == GMP_T_REPORT_V3;
}

static bool own_unicast(const struct node_iface *ifp, const struct net_addr *a)
{
	struct net_ip4 a4 = net_addr_ip4(a);
	struct net_ip6 a6 = net_addr_ip6(a);

	if (a->af == NET_AF_IP4)
		return node_iface_has_addr4(ifp, &a4);
	return a->af == NET_AF_IP6 && node_iface_has_addr6(ifp, &a6);
}

static bool needs_ra(const struct gmp_msg *m)
{
	if (m->af == NET_AF_IP6)
		return true;
	if (m->type == GMP_T_QUERY)
		return m->version >= 2;
	return m->type == GMP_T_REPORT_V3;
}

static bool src_ok(const struct node_iface *ifp, const struct gmp_msg *m,
		   const struct net_addr *src)
{
	struct net_ip4 s4 = net_addr_ip4(src);
	struct net_ip6 s6 = net_addr_ip6(src);

	/* RFC 3376 4.2.13: "Routers MUST accept a report with a source
	 * address of 0.0.0.0"; RFC 3810 5.2.13: "A Report sent with the
	 * unspecified address is also discarded by the router." */
	if (net_addr_is_unspec(src))
		return is_report(m) && m->af == NET_AF_IP4;
	if (m->af == NET_AF_IP4)
		return node_iface_onlink4(ifp, &s4) != NULL;
	return net_ip6_is_link_local(&s6);
}

static bool dst_ok(const struct node_iface *ifp, const struct gmp_msg *m,
		   const struct net_addr *dst)
{
	bool v4 = m->af == NET_AF_IP4;

	if (own_unicast(ifp, dst))
		return true;
	switch (m->type) {
	case GMP_T_QUERY:
		return net_addr_eq(dst,
				   v4 ? &gmp_all_hosts4 : &gmp_all_nodes6) ||
		       (!net_addr_is_unspec(&m->group) &&
			net_addr_eq(dst, &m->group));
	case GMP_T_REPORT_V1:
	case GMP_T_REPORT_V2:
		return net_addr_eq(dst, &m->group);
	case GMP_T_LEAVE:
		return net_addr_eq(dst, v4 ? &gmp_all_routers4
					   : &gmp_all_routers6) ||
		       net_addr_eq(dst, &m->group);
	case GMP_T_REPORT_V3:
		return net_addr_eq(dst,
				   v4 ? &gmp_v3_routers4 : &gmp_v2_routers6);
	default:
		return false;
	}
}

/* Group rules; a v3 report keeps only its records with a reportable
 * group (counted in rec_ignored). False: drop the message. */
static bool group_ok(struct gmp_rif *rif, struct gmp_msg *m)
{
	uint16_t k = 0;

	switch (m->type) {
	case GMP_T_QUERY:
		return net_addr_is_unspec(&m->group) ||
		       net_addr_is_multicast(&m->group);
	case GMP_T_REPORT_V3:
		for (uint16_t i = 0; i < m->nrec; i++) {
			if (reportable(&m->rec[i].group))
				m->rec[k++] = m->rec[i];
			else
				rif->rec_ignored++;
		}
		m->nrec = k;
		return k > 0;
	default:
		return reportable(&m->group);
	}
}

static void log_drop(struct gmp_rif *rif, const char *why,
		     const struct net_addr *src)
{
	struct node_iface *ifp = gmp_rif_iface(rif);
	char s[NET_ADDR_STRLEN];
	struct sim_log_rec rec;

	net_addr_fmt(src, s, sizeof(s));
	node_log_begin(&rec, router_node(rif->g->r),
		       rif->af == NET_AF_IP6 ? "mld" : "igmp", "rx-drop");
	sim_log_str(&rec, "iface", ifp ? ifp->name : "?");
	sim_log_str(&rec, "reason", why);
	sim_log_str(&rec, "source", s);
	sim_log_end(&rec);
}

static void drop(struct gmp_rif *rif, enum gmp_drop d,
		 const struct net_addr *src)
{
	gmp_if_count_drop(rif->gi, d);
	log_drop(rif, gmp_drop_name(d), src);
}

/* The checks of the file comment, in order; -1 when acceptable. */
static int check(struct gmp_rif *rif, struct node_iface *ifp,
		 const struct net_pkt_info *pi, struct gmp_msg *m)
{
	if (pi->ttl != 1)
		return GMP_DROP_TTL;
	if (needs_ra(m) && !pi->router_alert)
		return GMP_DROP_NO_RA;
	if (!src_ok(ifp, m, &pi->src))
		return GMP_DROP_SRC;
	if (!dst_ok(ifp, m, &pi->dst))
		return GMP_DROP_DST;
	if (!group_ok(rif, m))
		return GMP_DROP_GROUP;
	return -1;
}

/* The report watchers, once per group a host message names. They may
 * not receive (the decode buffer m is the instance's). */
static void tell_reports(struct gmp_inst *g, struct gmp_if *gi,
			 const struct gmp_msg *m)
{
	struct gmp_report_watcher w[GMP_ROUTER_MAX_WATCH];
	size_t n = m->type == GMP_T_REPORT_V3 ? m->nrec : 1;

	if (m->type == GMP_T_QUERY)
		return;
	/* On a copy: a watcher may unwatch from its callback. */
	memcpy(w, g->rwatch, sizeof(w));
	for (size_t k = 0; k < n; k++) {
		const struct net_addr *grp = m->type == GMP_T_REPORT_V3
						     ? &m->rec[k].group
						     : &m->group;

		for (int i = 0; i < GMP_ROUTER_MAX_WATCH; i++)
			if (w[i].fn)
				w[i].fn(w[i].arg, gi, grp);
	}
}

static void gmp_rx(void *ctx, struct router *r, struct node_iface *ifp,
		   const struct net_pkt_info *pi)
{
	struct gmp_inst *g = ctx;
	struct gmp_rif *rif = gmp_rif_find(g, ifp->ifindex, pi->af);
	enum gmp_pkt_err e;
	int d;

	(void)r;
	if (!rif || !rif->gi)
		return; /* IGMP/MLD not enabled here: not ours to count */
	gmp_rif_sync(rif);
	if (!gmp_if_running(rif->gi)) {
		drop(rif, GMP_DROP_DISABLED, &pi->src);
		return;
	}
	if (own_unicast(ifp, &pi->src)) {
		rif->own_ignored++;
		return;
	}
	e = gmp_pkt_decode(pi->af, pi->l4, pi->l4_len, &pi->src, &pi->dst,
			   &g->msg);
	if (e != GMP_PKT_OK) {
		gmp_if_count_drop(rif->gi, GMP_DROP_MALFORMED);
		log_drop(rif, gmp_pkt_err_name(e), &pi->src);
		return;
	}
	d = check(rif, ifp, pi, &g->msg);
	if (d >= 0) {
		drop(rif, (enum gmp_drop)d, &pi->src);
		return;
	}
	gmp_if_rx(rif->gi, &g->msg, &pi->src, &pi->dst);
	if (!gmp_if_passive(rif->gi))
		tell_reports(g, rif->gi, &g->msg);
}

/* ---- published API ---- */

struct gmp_if *gmp_router_if(struct router *r, struct node_iface *ifp,
			     enum net_af af)
{
	struct gmp_rif *rif =
		ifp ? gmp_rif_find(gmp_inst(r), ifp->ifindex, af) : NULL;

	return rif ? rif->gi : NULL;
}

struct node_iface *gmp_router_ifp(struct router *r, const struct gmp_if *gi)
{
	struct gmp_inst *g = gmp_inst(r);

	for (size_t i = 0; g && gi && i < g->nrif; i++)
		if (g->rif[i]->gi == gi)
			return gmp_rif_iface(g->rif[i]);
	return NULL;
}

struct replay {
	struct gmp_watcher w;
	struct gmp_if *gi;
	sim_time_t now;
};

static void replay_group(void *arg, const struct gmp_group_info *gr)
{
	struct replay *rp = arg;
	struct net_addr none = { 0 };

	rp->w.fn(rp->w.arg, rp->gi, &gr->group, &none, gr->mode, GMP_ADDED);
	for (size_t i = 0; i < gr->nsrc; i++) {
		const struct gmp_src_info *s = &gr->srcs[i];
		/* RFC 3376 6.3: EXCLUDE mode with the timer at zero blocks. */
		bool blocked = gr->mode == GMP_EXCLUDE &&
			       (s->expires < 0 || s->expires <= rp->now);

		rp->w.fn(rp->w.arg, rp->gi, &gr->group, &s->addr,
			 blocked ? GMP_EXCLUDE : GMP_INCLUDE, GMP_ADDED);
	}
}

int gmp_router_watch(struct router *r, gmp_listen_fn fn, void *arg)
{
	struct gmp_inst *g = gmp_inst(r);
	struct replay rp = { .w = { fn, arg } };

	if (!g || !fn)
		return -1;
	for (int i = 0; i < GMP_ROUTER_MAX_WATCH; i++) {
		if (g->watch[i].fn)
			continue;
		g->watch[i] = rp.w;
		rp.now = node_now(router_node(r));
		for (size_t k = 0; k < g->nrif; k++) {
			rp.gi = g->rif[k]->gi;
			if (rp.gi && gmp_if_running(rp.gi))
				gmp_if_each_group(rp.gi, replay_group, &rp);
		}
		return 0;
	}
	return -1;
}

void gmp_router_unwatch(struct router *r, gmp_listen_fn fn, void *arg)
{
	struct gmp_inst *g = gmp_inst(r);

	for (int i = 0; g && i < GMP_ROUTER_MAX_WATCH; i++)
		if (g->watch[i].fn == fn && g->watch[i].arg == arg) {
			memset(&g->watch[i], 0, sizeof(g->watch[i]));
			return;
		}
}

int gmp_router_watch_reports(struct router *r, gmp_report_fn fn, void *arg)
{
	struct gmp_inst *g = gmp_inst(r);

	if (!g || !fn)
		return -1;
	for (int i = 0; i < GMP_ROUTER_MAX_WATCH; i++)
		if (!g->rwatch[i].fn) {
			g->rwatch[i].fn = fn;
			g->rwatch[i].arg = arg;
			return 0;
		}
	return -1;
}

void gmp_router_unwatch_reports(struct router *r, gmp_report_fn fn, void *arg)
{
	struct gmp_inst *g = gmp_inst(r);

	for (int i = 0; g && i < GMP_ROUTER_MAX_WATCH; i++)
		if (g->rwatch[i].fn == fn && g->rwatch[i].arg == arg) {
			memset(&g->rwatch[i], 0, sizeof(g->rwatch[i]));
			return;
		}
}

int gmp_router_set_backup(struct router *r, struct node_iface *ifp,
			  enum net_af af, bool passive, bool hold_keep)
{
	struct gmp_inst *g = gmp_inst(r);
	struct gmp_rif *rif;

	if (!g || !ifp || (af != NET_AF_IP4 && af != NET_AF_IP6))
		return -1;
	rif = passive || hold_keep ? gmp_rif_get(g, ifp->ifindex, af)
				   : gmp_rif_find(g, ifp->ifindex, af);
	if (!rif)
		return passive || hold_keep ? -1 : 0;
	if (rif->passive == passive && rif->hold_keep == hold_keep)
		return 0;
	rif->passive = passive;
	rif->hold_keep = hold_keep;
	gmp_rif_sync(rif);
	return 0;
}

bool gmp_router_passive(struct router *r, struct node_iface *ifp,
			enum net_af af)
{
	struct gmp_if *gi = gmp_router_if(r, ifp, af);

	return gi && gmp_if_running(gi) && gmp_if_passive(gi);
}

int gmp_router_import(struct router *r, struct node_iface *ifp,
		      const struct gmp_import *e)
{
	struct gmp_if *gi = e ? gmp_router_if(r, ifp, e->group.af) : NULL;

	return gi && gmp_if_running(gi) ? gmp_if_import(gi, e) : -1;
}

int gmp_router_import_remove(struct router *r, struct node_iface *ifp,
			     const struct net_addr *group)
{
	struct gmp_if *gi = group ? gmp_router_if(r, ifp, group->af) : NULL;

	return gi && gmp_if_running(gi) ? gmp_if_import_remove(gi, group) : -1;
}

/* ---- module ---- */

static const uint8_t mld_types[] = { GMP_MLD_QUERY, GMP_MLD_V1_REPORT,
				     GMP_MLD_V1_DONE, GMP_MLD_V2_REPORT };

static void *gmp_create(struct router *r)
{
	struct gmp_inst *g = calloc(1, sizeof(*g));
	int rc;

	if (!g)
		return NULL;
	g->r = r;
	rc = router_register_proto(r, NET_AF_IP4, GMP_IGMP_PROTO, gmp_rx, g);
	for (size_t i = 0; i < sizeof(mld_types); i++)
		rc |= router_register_icmp6(r, mld_types[i], gmp_rx, g);
	rc |= router_iface_listen(r, iface_change, g);
	/* A held interface changes no oper state when its link does. */
	rc |= router_link_listen(r, iface_change, g);
	rc |= router_mcast_member_provider(r, member_wanted, g);
	if (rc) {
		free(g);
		return NULL;
	}
	return g;
}

/* Silent: a crash loses the state without telling anyone. */
static void gmp_destroy(void *state)
{
	struct gmp_inst *g = state;

	for (size_t i = 0; i < g->nrif; i++) {
		node_timer_fini(&g->rif[i]->sync);
		if (g->rif[i]->gi)
			gmp_if_free(g->rif[i]->gi);
		free(g->rif[i]);
	}
	free(g->rif);
	free(g);
}

static int gmp_register(struct cli_registry *reg)
{
	return gmp_cli_register(reg) || gmp_display_register(reg) ? -1 : 0;
}

const struct router_module gmp_module = {
	.name = "gmp",
	.cli_register = gmp_register,
	.create = gmp_create,
	.destroy = gmp_destroy,
};
