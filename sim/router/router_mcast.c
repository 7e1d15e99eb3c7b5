/*
 * The router's multicast control plane before PIM: `multicast
 * routing-enable` turns on multicast forwarding on every interface, and
 * `igmp static-group` makes an interface an outgoing interface for a group
 * (VRP semantics: as if a member were always present). Forwarding entries
 * are data driven: the first packet of (S,G) with no MFIB entry is punted
 * ("no-cache", RFC 7761 section 4.2 terms), and the control plane creates
 * the (S,G) entry with the RPF interface towards S as incoming interface
 * (RFC 7761 section 4.5.7: RPF'(S) from the unicast routing table) and the
 * interfaces with a static group for G as outgoing list. When unicast
 * routing changes, the RPF interface of every entry is recomputed and the
 * entry reprogrammed, which is how multicast follows a unicast failover.
 * The punted packet itself is dropped (documented choice). A stream nobody
 * wants gets an entry with an empty outgoing list, dropped in hardware.
 * Dynamic membership (IGMP/MLD, protocols/gmp) reaches the outgoing lists
 * through one membership provider asked per (interface, S, G): RFC 3376
 * section 6.3 and RFC 3810 section 7.3 decide there, not here.
 */
#include "sim/router/router_int.h"

#include <stdlib.h>
#include <string.h>

static bool sg_match(const struct router_sgroup *g, const struct net_addr *s,
		     const struct net_addr *grp)
{
	if (!net_addr_eq(&g->grp, grp))
		return false;
	return g->src.af == NET_AF_NONE || net_addr_eq(&g->src, s);
}

static int rpf_iface(struct router *r, const struct net_addr *src)
{
	const struct rt_route *rt = rt_rib_lookup(r->cp->rib, src);

	if (!rt || !rt->active || rt->out_ifindex < 0)
		return ASIC_IFINDEX_NONE;
	/* A loopback is no ASIC port: the ASIC would refuse the entry. */
	if (!asic_port_exists(r->asic, rt->out_ifindex))
		return ASIC_IFINDEX_NONE;
	if (rt->kind != RT_KIND_CONNECTED && rt->kind != RT_KIND_NEXTHOP)
		return ASIC_IFINDEX_NONE;
	return rt->out_ifindex;
}

static bool if_wants(struct router *r, struct node_iface *ifp,
		     const struct router_if *rif, const struct net_addr *s,
		     const struct net_addr *g)
{
	for (size_t k = 0; k < rif->nsg; k++)
		if (sg_match(&rif->sg[k], s, g))
			return true;
	/* While the control plane dies the provider may be gone already. */
	return r->cp->member_fn && !r->cp->dying &&
	       r->cp->member_fn(r->cp->member_ctx, r, ifp, s, g);
}

/* Outgoing interfaces for (S,G): up interfaces with a matching static
 * group or local members, other than the incoming one. Returns the
 * count. A loopback is never one (it has no ASIC port, and one in the
 * list would make the ASIC refuse the whole entry). */
static size_t compute_oifs(struct router *r, const struct net_addr *s,
			   const struct net_addr *g, int iif, int *oifs)
{
	size_t n = 0;

	for (int i = 0; i < r->node.nifaces; i++) {
		struct node_iface *ifp = r->node.ifaces[i];
		struct router_if *rif = router_if_of(ifp);

		if (!rif || !ifp->oper_up || ifp->loopback || i == iif)
			continue;
		if (if_wants(r, ifp, rif, s, g))
			oifs[n++] = i;
	}
	return n;
}

static bool af_enabled(const struct router *r, enum net_af af)
{
	return af == NET_AF_IP6 ? r->cp->mcast6 : r->cp->mcast4;
}

static void log_mroute(struct router *r, const char *event,
		       const struct router_mroute *m)
{
	char s[NET_ADDR_STRLEN], g[NET_ADDR_STRLEN];
	struct node_iface *in = router_iface_by_index(r, m->iif);
	struct sim_log_rec rec;

	net_addr_fmt(&m->src, s, sizeof(s));
	net_addr_fmt(&m->grp, g, sizeof(g));
	node_log_begin(&rec, &r->node, "mcast", event);
	sim_log_str(&rec, "source", s);
	sim_log_str(&rec, "group", g);
	sim_log_str(&rec, "iif", in ? in->name : "none");
	sim_log_uint(&rec, "oifs", m->noifs);
	sim_log_end(&rec);
}

static struct router_mroute *mroute_find(struct router *r,
					 const struct net_addr *s,
					 const struct net_addr *g)
{
	for (size_t i = 0; i < r->cp->nmroutes; i++) {
		struct router_mroute *m = &r->cp->mroutes[i];

		if (net_addr_eq(&m->src, s) && net_addr_eq(&m->grp, g))
			return m;
	}
	return NULL;
}

void router_mcast_nocache(struct router *r, struct node_iface *in,
			  const struct net_pkt_info *pi)
{
	struct router_cp *cp = r->cp;
	int oifs[ASIC_MAX_PORTS];
	struct router_mroute *m;
	size_t n;

	(void)in;
	if (pi->err != NET_OK || !af_enabled(r, pi->af) ||
	    mroute_find(r, &pi->src, &pi->dst))
		return;
	int iif = rpf_iface(r, &pi->src);

	/*
	 * Even with no outgoing interface the entry is installed, so the
	 * hardware drops the stream instead of punting every packet; a static
	 * group added later fills the list (mroute_refresh).
	 */
	n = compute_oifs(r, &pi->src, &pi->dst, iif, oifs);
	if (cp->nmroutes == cp->capmroutes) {
		size_t cap = cp->capmroutes ? 2 * cp->capmroutes : 16;
		void *p = realloc(cp->mroutes, cap * sizeof(*cp->mroutes));

		if (!p)
			return;
		cp->mroutes = p;
		cp->capmroutes = cap;
	}
	m = &cp->mroutes[cp->nmroutes];
	memset(m, 0, sizeof(*m));
	m->oifs = malloc((n ? n : 1) * sizeof(int));
	if (!m->oifs)
		return;
	cp->nmroutes++;
	m->src = pi->src;
	m->grp = pi->dst;
	m->iif = iif;
	memcpy(m->oifs, oifs, n * sizeof(int));
	m->noifs = n;
	m->created = node_now(&r->node);
	log_mroute(r, "entry-create", m);
	asic_prog_mfib(r->asic, &m->src, &m->grp, m->iif, m->oifs, m->noifs);
}

/* Recompute one entry; reprogram what changed. */
static void mroute_refresh(struct router *r, struct router_mroute *m)
{
	int oifs[ASIC_MAX_PORTS];
	int iif = rpf_iface(r, &m->src);
	size_t n = compute_oifs(r, &m->src, &m->grp, iif, oifs);
	bool same_oifs =
		n == m->noifs && !memcmp(oifs, m->oifs, n * sizeof(int));

	if (iif == m->iif && same_oifs)
		return;
	if (n > m->noifs) {
		int *p = realloc(m->oifs, n * sizeof(int));

		if (!p)
			return;
		m->oifs = p;
	}
	memcpy(m->oifs, oifs, n * sizeof(int));
	m->noifs = n;
	if (iif != m->iif && same_oifs) {
		m->iif = iif;
		log_mroute(r, "rpf-change", m);
		asic_prog_mfib_iif(r->asic, &m->src, &m->grp, iif);
		return;
	}
	log_mroute(r, iif != m->iif ? "rpf-change" : "oif-change", m);
	m->iif = iif;
	asic_prog_mfib(r->asic, &m->src, &m->grp, m->iif, m->oifs, m->noifs);
}

void router_mcast_rib_changed(struct router *r)
{
	if (!r->cp)
		return;
	for (size_t i = 0; i < r->cp->nmroutes; i++)
		mroute_refresh(r, &r->cp->mroutes[i]);
	for (int i = 0; i < r->cp->nrib_listeners && !r->cp->dying; i++)
		r->cp->rib_listeners[i].fn(r->cp->rib_listeners[i].ctx, r);
}

int router_rib_listen(struct router *r, router_rib_fn fn, void *ctx)
{
	if (!r->cp || r->cp->nrib_listeners >= ROUTER_MAX_LISTENERS)
		return -1;
	r->cp->rib_listeners[r->cp->nrib_listeners].fn = fn;
	r->cp->rib_listeners[r->cp->nrib_listeners].ctx = ctx;
	r->cp->nrib_listeners++;
	return 0;
}

void router_mcast_iface(struct router *r, struct node_iface *ifp, bool up)
{
	(void)ifp;
	(void)up;
	router_mcast_rib_changed(r);
}

void router_mcast_enable(struct router *r, enum net_af af, bool on)
{
	struct router_cp *cp = r->cp;

	if (af_enabled(r, af) == on)
		return;
	if (af == NET_AF_IP6)
		cp->mcast6 = on;
	else
		cp->mcast4 = on;
	/* The ASIC enable is per port for both families. */
	bool any = cp->mcast4 || cp->mcast6;

	for (int i = 0; i < r->node.nifaces; i++)
		if (!r->node.ifaces[i]->loopback)
			asic_prog_mcast_enable(r->asic, i, any);
	if (!on) {
		size_t k = 0;

		for (size_t i = 0; i < cp->nmroutes; i++) {
			struct router_mroute *m = &cp->mroutes[i];

			if (m->grp.af == af) {
				asic_prog_mfib_del(r->asic, &m->src, &m->grp);
				log_mroute(r, "entry-delete", m);
				free(m->oifs);
			} else {
				cp->mroutes[k++] = *m;
			}
		}
		cp->nmroutes = k;
	}
}

int router_mcast_sgroup(struct router *r, struct node_iface *ifp,
			const struct router_sgroup *g, size_t n, bool add)
{
	struct router_if *rif = router_if_of(ifp);

	for (size_t i = 0; i < n; i++) {
		size_t k;

		for (k = 0; k < rif->nsg; k++)
			if (net_addr_eq(&rif->sg[k].grp, &g[i].grp) &&
			    net_addr_eq(&rif->sg[k].src, &g[i].src))
				break;
		if (add && k == rif->nsg) {
			void *p;

			if (rif->nsg >= ROUTER_MAX_SGROUPS)
				return -1;
			p = realloc(rif->sg, (rif->nsg + 1) * sizeof(*rif->sg));
			if (!p)
				return -1;
			rif->sg = p;
			rif->sg[rif->nsg++] = g[i];
		} else if (!add && k < rif->nsg) {
			rif->sg[k] = rif->sg[--rif->nsg];
		}
	}
	router_mcast_rib_changed(r);
	return 0;
}

int router_mcast_member_provider(struct router *r, router_member_fn fn,
				 void *ctx)
{
	if (!r->cp || (fn && r->cp->member_fn))
		return -1;
	r->cp->member_fn = fn;
	r->cp->member_ctx = fn ? ctx : NULL;
	return 0;
}

void router_mcast_member_changed(struct router *r, struct node_iface *ifp,
				 const struct net_addr *grp)
{
	(void)ifp; /* an entry's list covers every interface */
	if (!r->cp || r->cp->dying)
		return;
	for (size_t i = 0; i < r->cp->nmroutes; i++) {
		struct router_mroute *m = &r->cp->mroutes[i];

		if (!grp || net_addr_eq(&m->grp, grp))
			mroute_refresh(r, m);
	}
}

bool router_mcast_enabled(const struct router *r, enum net_af af)
{
	return r->cp && af_enabled(r, af);
}

void router_mcast_static_each(struct router *r, struct node_iface *ifp,
			      void (*fn)(void *arg, const struct net_addr *grp,
					 const struct net_addr *src),
			      void *arg)
{
	const struct router_if *rif = router_if_of(ifp);

	if (!r->cp || !rif)
		return;
	for (size_t k = 0; k < rif->nsg; k++)
		fn(arg, &rif->sg[k].grp, &rif->sg[k].src);
}

void router_mcast_fini(struct router *r)
{
	struct router_cp *cp = r->cp;

	for (size_t i = 0; i < cp->nmroutes; i++)
		free(cp->mroutes[i].oifs);
	free(cp->mroutes);
	cp->mroutes = NULL;
	cp->nmroutes = cp->capmroutes = 0;
	cp->member_fn = NULL;
	cp->member_ctx = NULL;
}
