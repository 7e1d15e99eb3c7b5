/*
 * PIM-SM on a router: the per-router module, the life of the two engines
 * and what they are told. An engine (pim.h) runs for a family while
 * multicast routing is on for it and some interface has `pim sm` (`pim
 * ipv6 sm`); while it runs the module holds the family's multicast
 * routing (router_mroute_owner). An interface is given to the engine
 * while it is up and has its PIM address (RFC 7761 section 4.9: the
 * source of multicast PIM messages is the link's address, the primary
 * IPv4 address or the IPv6 link-local address); when it goes, or its
 * address changes, the engine sends a Hello with Holdtime 0 first if the
 * link is still up (RFC 7761 4.3.1, "Before an interface goes down or
 * changes primary IP address, a Hello message with a zero HoldTime should
 * be sent immediately"). Unicast routing changes reach pim_rib_changed
 * (RFC 7761 4.5.7, RPF'(S) changes). Local membership (RFC 7761 4.1.6
 * local_receiver_include / local_receiver_exclude) merges IGMP/MLD records
 * (gmp_router_watch: an EXCLUDE-mode group record is a (*,G) member, a
 * source record an (S,G) include or exclude member, RFC 3376 section 6.3)
 * with the static groups (`igmp static-group`, as if a member were always
 * present), and the engine is told only of changes of the merge. An
 * interface held down by VRRP with `pim ignore dr-state` stays in the
 * engine with its members (hot backup: the Backup joins upstream before
 * any failure; forwarding waits for the hold to end).
 */
#include "protocols/pim/pim_router_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/gmp/gmp_router.h"

struct pim_inst *pim_inst(struct router *r)
{
	return router_module_state(r, &pim_module);
}

struct pim_fam *pim_fam(struct pim_inst *g, enum net_af af)
{
	if (!g || (af != NET_AF_IP4 && af != NET_AF_IP6))
		return NULL;
	return &g->fam[af == NET_AF_IP6];
}

struct node_iface *pim_rif_iface(const struct pim_rif *rif)
{
	struct node *n = router_node(rif->f->g->r);

	return rif->ifindex >= 0 && rif->ifindex < n->nifaces
		       ? n->ifaces[rif->ifindex]
		       : NULL;
}

struct pim_rif *pim_rif_find(const struct pim_fam *f, int ifindex)
{
	for (size_t i = 0; f && i < f->nrif; i++)
		if (f->rif[i]->ifindex == ifindex)
			return f->rif[i];
	return NULL;
}

struct pim_rif *pim_rif_get(struct pim_fam *f, int ifindex)
{
	struct pim_rif *rif = pim_rif_find(f, ifindex);

	if (rif)
		return rif;
	if (f->nrif == f->caprif) {
		size_t cap = f->caprif ? 2 * f->caprif : 8;
		void *p = realloc(f->rif, cap * sizeof(*f->rif));

		if (!p)
			return NULL;
		f->rif = p;
		f->caprif = cap;
	}
	rif = calloc(1, sizeof(*rif));
	if (!rif)
		return NULL;
	rif->f = f;
	rif->ifindex = ifindex;
	rif->down_why = "PIM is not enabled";
	f->rif[f->nrif++] = rif;
	return rif;
}

static bool knob(const struct pim_rif *rif, enum pim_iparam p, int64_t *v)
{
	if (rif->k[p].set)
		*v = rif->k[p].v;
	else if (rif->f->dflt[p].set)
		*v = rif->f->dflt[p].v;
	else
		return false;
	return true;
}

/* The interface's addresses other than the one PIM runs with: IPv4
 * secondaries, IPv6 global addresses (RFC 7761 4.3.4 Address List). */
static void pim_rif_secondaries(const struct pim_rif *rif, struct pim_if_cfg *c)
{
	const struct node_iface *ifp = pim_rif_iface(rif);
	struct net_addr a;

	c->nsec = 0;
	for (int i = 0; ifp && rif->f->af == NET_AF_IP4 && i < ifp->n4; i++) {
		a = net_addr_from_ip4(&ifp->addr4[i].addr);
		if (!net_addr_eq(&a, &rif->addr) && c->nsec < PIM_IF_MAX_SEC)
			c->sec[c->nsec++] = a;
	}
	for (int i = 0; ifp && rif->f->af == NET_AF_IP6 && i < ifp->n6; i++) {
		if (ifp->addr6[i].link_local)
			continue;
		a = net_addr_from_ip6(&ifp->addr6[i].addr);
		if (c->nsec < PIM_IF_MAX_SEC)
			c->sec[c->nsec++] = a;
	}
}

void pim_rif_cfg(const struct pim_rif *rif, struct pim_if_cfg *c)
{
	int64_t v;

	pim_if_cfg_default(c, rif->f->af);
	if (knob(rif, PIM_P_HELLO, &v))
		c->hello_period = v;
	/* RFC 7761 4.11: Default_Hello_Holdtime is 3.5 * Hello_Period. */
	if (knob(rif, PIM_P_HOLDTIME, &v))
		c->hello_holdtime = v;
	else
		c->hello_holdtime = c->hello_period * 7 / 2;
	if (knob(rif, PIM_P_DR_PRIO, &v))
		c->dr_priority = (uint32_t)v;
	if (knob(rif, PIM_P_LAN_DELAY, &v))
		c->propagation_delay = v;
	if (knob(rif, PIM_P_OVERRIDE, &v))
		c->override_interval = v;
	if (knob(rif, PIM_P_TRIGGERED, &v))
		c->triggered_hello = v;
	/* RFC 7761 4.11: J/P Holdtime is 3.5 * t_periodic. */
	if (knob(rif, PIM_P_JP_HOLD, &v))
		c->jp_holdtime = v;
	else
		c->jp_holdtime = rif->f->cfg.jp_period * 7 / 2;
	c->ignore_dr = rif->ignore_dr;
	c->ignore_assert = rif->ignore_assert;
	c->addr = rif->addr;
	pim_rif_secondaries(rif, c);
}

/* ---- local membership ---- */

/* Tell the engine of a change of the merged record (told: what it
 * knows; nothing while it does not run). A removal repeats the include
 * flag it was told, as the engine reads a (*,G) exclude as nothing. */
static void mbr_tell(struct pim_fam *f, struct pim_mbr *m, bool force)
{
	bool present = m->gmp || m->stat;
	bool incl = present ? m->stat || m->gmp_incl : m->told_incl;

	if (!f->p || (!present && !m->told))
		return;
	if (!force && present == m->told && (!present || incl == m->told_incl))
		return;
	m->told = present;
	m->told_incl = present && incl;
	pim_local_member(f->p, m->ifindex, &m->grp, &m->src, incl, present);
}

static struct pim_mbr *mbr_get(struct pim_fam *f, int ifindex,
			       const struct net_addr *grp,
			       const struct net_addr *src)
{
	struct pim_mbr *m;

	for (size_t i = 0; i < f->nmbr; i++) {
		m = &f->mbr[i];
		if (m->ifindex == ifindex && net_addr_eq(&m->grp, grp) &&
		    net_addr_eq(&m->src, src))
			return m;
	}
	if (f->nmbr == f->capmbr) {
		size_t cap = f->capmbr ? 2 * f->capmbr : 16;
		void *p = realloc(f->mbr, cap * sizeof(*f->mbr));

		if (!p)
			return NULL;
		f->mbr = p;
		f->capmbr = cap;
	}
	m = &f->mbr[f->nmbr++];
	memset(m, 0, sizeof(*m));
	m->ifindex = ifindex;
	m->grp = *grp;
	m->src = *src;
	return m;
}

/* Forget records nothing wants any more and the engine does not hold. */
static void mbr_compact(struct pim_fam *f)
{
	size_t k = 0;

	for (size_t i = 0; i < f->nmbr; i++)
		if (f->mbr[i].gmp || f->mbr[i].stat || f->mbr[i].told)
			f->mbr[k++] = f->mbr[i];
	f->nmbr = k;
}

static void on_gmp(void *arg, struct gmp_if *gi, const struct net_addr *group,
		   const struct net_addr *src, enum gmp_mode mode,
		   enum gmp_change change)
{
	struct pim_inst *g = arg;
	struct node_iface *ifp = gmp_router_ifp(g->r, gi);
	struct pim_fam *f = pim_fam(g, group->af);
	struct net_addr none = { 0 };
	struct pim_mbr *m;

	if (!ifp || !f)
		return;
	m = mbr_get(f, ifp->ifindex, group,
		    src->af == NET_AF_NONE ? &none : src);
	if (!m)
		return;
	if (src->af == NET_AF_NONE) {
		/* The group record: (*,G) while in EXCLUDE mode. */
		m->gmp = change != GMP_REMOVED && mode == GMP_EXCLUDE;
		m->gmp_incl = true;
	} else {
		m->gmp = change != GMP_REMOVED;
		m->gmp_incl = mode == GMP_INCLUDE;
	}
	mbr_tell(f, m, false);
	mbr_compact(f);
}

struct scan {
	struct pim_fam *f;
	int ifindex;
};

static void static_one(void *arg, const struct net_addr *grp,
		       const struct net_addr *src)
{
	struct scan *s = arg;
	struct net_addr none = { 0 };
	struct pim_mbr *m;

	if (grp->af != s->f->af)
		return;
	m = mbr_get(s->f, s->ifindex, grp,
		    src->af == NET_AF_NONE ? &none : src);
	if (m)
		m->seen = true;
}

/* Static groups as members: what `igmp static-group` / `mld
 * static-group` say now, compared with what was seen before. */
static void static_scan(struct pim_fam *f)
{
	struct router *r = f->g->r;
	struct node *n = router_node(r);

	for (int i = 0; i < n->nifaces; i++) {
		struct scan s = { f, i };

		router_mcast_static_each(r, n->ifaces[i], static_one, &s);
	}
	for (size_t i = 0; i < f->nmbr; i++) {
		f->mbr[i].stat = f->mbr[i].seen;
		f->mbr[i].seen = false;
		mbr_tell(f, &f->mbr[i], false);
	}
	mbr_compact(f);
}

/* Tell a new engine interface of its members again. */
static void mbr_retell(struct pim_fam *f, int ifindex)
{
	for (size_t i = 0; i < f->nmbr; i++)
		if (f->mbr[i].ifindex == ifindex && f->mbr[i].told)
			mbr_tell(f, &f->mbr[i], true);
}

/* ---- engine and interfaces ---- */

static void log_state(struct pim_fam *f, const char *event, const char *ifn,
		      const char *why)
{
	struct sim_log_rec rec;

	node_log_begin(&rec, router_node(f->g->r),
		       f->af == NET_AF_IP6 ? "pim6" : "pim", event);
	if (ifn)
		sim_log_str(&rec, "iface", ifn);
	if (why)
		sim_log_str(&rec, "why", why);
	sim_log_end(&rec);
}

/*
 * A service interface held down by VRRP (flowdown on the Backup of a
 * pair) with `pim ignore dr-state` stays in the engine: its members
 * (imported by hot backup) keep the upstream joins, so the Backup pulls
 * the streams before a switchover; the router leaves the held port out
 * of every forwarding entry, and its Hellos go nowhere until the hold
 * ends.
 */
static bool held_pull(const struct pim_rif *rif, const struct node_iface *ifp)
{
	return rif->ignore_dr && router_iface_held(rif->f->g->r, ifp) &&
	       router_iface_link_up(rif->f->g->r, ifp);
}

/* Why rif cannot run, or NULL with *a its PIM address. */
static const char *rif_unusable(const struct pim_rif *rif, struct net_addr *a)
{
	struct node_iface *ifp = pim_rif_iface(rif);
	const struct node_addr4 *p4;
	const struct node_addr6 *ll;

	memset(a, 0, sizeof(*a));
	if (!rif->sm)
		return "PIM is not enabled";
	if (!ifp)
		return "the interface does not exist";
	if (!rif->f->p)
		return rif->f->down_why;
	if (ifp->loopback)
		return "no PIM neighbors on a loopback interface";
	if (!ifp->oper_up && !held_pull(rif, ifp))
		return "the interface is down";
	if (rif->f->af == NET_AF_IP4) {
		p4 = node_iface_primary4(ifp);
		if (!p4)
			return "the interface has no IPv4 address";
		*a = net_addr_from_ip4(&p4->addr);
		return NULL;
	}
	ll = node_iface_link_local(ifp);
	if (!ll)
		return "IPv6 is not enabled on the interface";
	*a = net_addr_from_ip6(&ll->addr);
	return NULL;
}

static void rif_del(struct pim_rif *rif, const char *why)
{
	struct node_iface *ifp = pim_rif_iface(rif);

	if (!rif->added)
		return;
	/* The goodbye goes out while the link can carry it. */
	pim_if_del(rif->f->p, rif->ifindex, ifp && ifp->oper_up);
	rif->added = false;
	memset(&rif->addr, 0, sizeof(rif->addr));
	log_state(rif->f, "iface-stop", ifp ? ifp->name : "?", why);
}

static void rif_sync(struct pim_rif *rif)
{
	struct node_iface *ifp = pim_rif_iface(rif);
	struct pim_if_cfg c;
	struct net_addr a;
	const char *why = rif_unusable(rif, &a);

	if (rif->added && (why || !net_addr_eq(&a, &rif->addr)))
		rif_del(rif, why ? why : "address changed");
	rif->down_why = why ? why : "";
	if (why || rif->added)
		return;
	rif->addr = a;
	pim_rif_cfg(rif, &c);
	if (pim_if_add(rif->f->p, rif->ifindex, ifp->name, &c) != 0) {
		rif->down_why = "the engine refused the interface";
		memset(&rif->addr, 0, sizeof(rif->addr));
		return;
	}
	rif->added = true;
	log_state(rif->f, "iface-start", ifp->name, NULL);
	mbr_retell(rif->f, rif->ifindex);
}

static bool any_sm(const struct pim_fam *f)
{
	for (size_t i = 0; i < f->nrif; i++)
		if (f->rif[i]->sm)
			return true;
	return false;
}

static void engine_stop(struct pim_fam *f, const char *why)
{
	for (size_t i = 0; i < f->nrif; i++)
		rif_del(f->rif[i], why);
	pim_free(f->p);
	f->p = NULL;
	if (f->owner)
		router_mroute_owner(f->g->r, f->af, NULL, NULL);
	f->owner = false;
	for (size_t i = 0; i < f->nmbr; i++)
		f->mbr[i].told = f->mbr[i].told_incl = false;
	mbr_compact(f);
	f->down_why = why;
	log_state(f, "stop", NULL, why);
}

static void engine_start(struct pim_fam *f)
{
	struct router *r = f->g->r;

	f->p = pim_new(router_node(r), &f->cfg, &pim_router_ops, f);
	if (!f->p) {
		f->down_why = "out of memory";
		return;
	}
	if (router_mroute_owner(r, f->af, &pim_router_mroute_ops, f) != 0) {
		pim_free(f->p);
		f->p = NULL;
		f->down_why = "another protocol owns multicast routing";
		log_state(f, "start-failed", NULL, f->down_why);
		return;
	}
	f->owner = true;
	f->down_why = "";
	log_state(f, "start", NULL, NULL);
	for (size_t i = 0; i < f->nmbr; i++)
		mbr_tell(f, &f->mbr[i], false);
}

void pim_fam_sync(struct pim_fam *f)
{
	struct router *r = f->g->r;
	const char *why = NULL;

	node_timer_cancel(&f->sync);
	f->mcast = router_mcast_enabled(r, f->af);
	if (!any_sm(f))
		node_timer_cancel(&f->poll);
	else if (!node_timer_armed(&f->poll))
		node_timer_arm_in(&f->poll, PIM_MCAST_POLL);
	if (!f->mcast)
		why = "multicast routing is disabled";
	else if (!any_sm(f))
		why = "PIM is not enabled on any interface";
	if (why && f->p)
		engine_stop(f, why);
	else if (why)
		f->down_why = why;
	else if (!f->p)
		engine_start(f);
	for (size_t i = 0; i < f->nrif; i++)
		rif_sync(f->rif[i]);
	static_scan(f);
}

static void sync_fire(struct node_timer *nt)
{
	pim_fam_sync(sim_container_of(nt, struct pim_fam, sync));
}

/* The router publishes no event for `multicast routing-enable`: while
 * PIM is configured, look once per PIM_MCAST_POLL (re-armed from the
 * deadline). */
static void poll_fire(struct node_timer *nt)
{
	struct pim_fam *f = sim_container_of(nt, struct pim_fam, poll);

	node_timer_arm(&f->poll, nt->t.deadline + PIM_MCAST_POLL);
	if (router_mcast_enabled(f->g->r, f->af) != f->mcast)
		pim_fam_sync(f);
}

void pim_fam_sync_later(struct pim_fam *f)
{
	if (!node_timer_armed(&f->sync))
		node_timer_arm(&f->sync, node_now(router_node(f->g->r)));
}

void pim_fam_apply(struct pim_fam *f)
{
	if (f->p)
		pim_set_cfg(f->p, &f->cfg);
	/* Interface values derived from the view follow it. */
	for (size_t i = 0; i < f->nrif; i++)
		pim_rif_apply(f->rif[i]);
}

void pim_rif_apply(struct pim_rif *rif)
{
	struct pim_if_cfg c;

	if (!rif->added) { /* `ignore dr-state` may keep a held one */
		pim_fam_sync_later(rif->f);
		return;
	}
	pim_rif_cfg(rif, &c);
	pim_if_set_cfg(rif->f->p, rif->ifindex, &c);
}

/* ---- router events ---- */

static void iface_change(void *ctx, struct router *r, struct node_iface *ifp,
			 bool up)
{
	struct pim_inst *g = ctx;

	(void)r;
	(void)ifp;
	(void)up;
	for (int i = 0; i < 2; i++)
		pim_fam_sync_later(&g->fam[i]);
}

static void rib_change(void *ctx, struct router *r)
{
	struct pim_inst *g = ctx;

	(void)r;
	for (int i = 0; i < 2; i++) {
		struct pim_fam *f = &g->fam[i];

		if (f->p)
			pim_rib_changed(f->p);
		/* Addresses and static groups change with routes. */
		pim_fam_sync_later(f);
	}
}

/* ---- published API ---- */

static const char *const rx_drop_names[PIM_RX__COUNT] = {
	[PIM_RX_MALFORMED] = "malformed",
	[PIM_RX_DISABLED] = "disabled",
	[PIM_RX_TTL] = "ttl",
	[PIM_RX_DST] = "destination",
	[PIM_RX_SRC] = "source",
};

const char *pim_rx_drop_name(enum pim_rx_drop d)
{
	return (unsigned)d < PIM_RX__COUNT ? rx_drop_names[d] : "unknown";
}

struct pim *pim_router_engine(struct router *r, enum net_af af)
{
	struct pim_fam *f = pim_fam(pim_inst(r), af);

	return f ? f->p : NULL;
}

bool pim_router_drops(struct router *r, struct node_iface *ifp, enum net_af af,
		      uint64_t *out)
{
	struct pim_fam *f = pim_fam(pim_inst(r), af);
	struct pim_rif *rif = f && ifp ? pim_rif_find(f, ifp->ifindex) : NULL;

	if (!f || (ifp && !rif))
		return false;
	memcpy(out, rif ? rif->drops : f->drops, sizeof(f->drops));
	return true;
}

/* ---- module ---- */

static void *pim_create(struct router *r)
{
	struct pim_inst *g = calloc(1, sizeof(*g));
	int rc = 0;

	if (!g)
		return NULL;
	g->r = r;
	g->msg = malloc(sizeof(*g->msg));
	for (int i = 0; i < 2; i++) {
		struct pim_fam *f = &g->fam[i];

		f->g = g;
		f->af = i ? NET_AF_IP6 : NET_AF_IP4;
		pim_cfg_default(&f->cfg, f->af);
		f->down_why = "PIM is not enabled on any interface";
		rc |= node_timer_init(router_node(r), &f->sync, sync_fire);
		rc |= node_timer_init(router_node(r), &f->poll, poll_fire);
	}
	rc |= !g->msg;
	rc |= router_register_proto(r, NET_AF_IP4, PIM_PROTO, pim_router_rx, g);
	rc |= router_register_proto(r, NET_AF_IP6, PIM_PROTO, pim_router_rx, g);
	rc |= router_iface_listen(r, iface_change, g);
	rc |= router_rib_listen(r, rib_change, g);
	if (rc) {
		for (int i = 0; i < 2; i++) {
			node_timer_fini(&g->fam[i].sync);
			node_timer_fini(&g->fam[i].poll);
		}
		free(g->msg);
		free(g);
		return NULL;
	}
	/* IGMP/MLD, when the router runs it (it comes before us). */
	g->gmp_watch = gmp_router_watch(r, on_gmp, g) == 0;
	return g;
}

/* Silent: a crash loses the state without telling anyone. */
static void pim_destroy(void *state)
{
	struct pim_inst *g = state;

	if (g->gmp_watch)
		gmp_router_unwatch(g->r, on_gmp, g);
	for (int i = 0; i < 2; i++) {
		struct pim_fam *f = &g->fam[i];

		node_timer_fini(&f->sync);
		node_timer_fini(&f->poll);
		if (f->p)
			pim_free(f->p);
		for (size_t k = 0; k < f->nrif; k++)
			free(f->rif[k]);
		free(f->rif);
		free(f->mbr);
	}
	free(g->msg);
	free(g);
}

static int pim_register(struct cli_registry *reg)
{
	return pim_cli_register(reg) || pim_display_register(reg) ? -1 : 0;
}

const struct router_module pim_module = {
	.name = "pim",
	.cli_register = pim_register,
	.create = pim_create,
	.destroy = pim_destroy,
};
