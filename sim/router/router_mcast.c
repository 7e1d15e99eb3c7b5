/*
 * The router's multicast control plane. `multicast [ipv6] routing-enable`
 * turns on multicast forwarding on every interface, and `igmp static-group`
 * / `mld static-group` make an interface an outgoing interface for a group
 * (VRP semantics: as if a member were always present).
 *
 * Without a multicast routing protocol, forwarding entries are data
 * driven: the first packet of (S,G) with no MFIB entry is punted
 * ("no-cache", RFC 7761 section 4.2 terms), and the control plane creates
 * the (S,G) entry with the RPF interface towards S as incoming interface
 * (RFC 7761 section 4.5.7: RPF'(S) from the unicast routing table) and the
 * interfaces with a static group or local members for G as outgoing list.
 * When unicast routing changes, the RPF interface of every entry is
 * recomputed and the entry reprogrammed, which is how multicast follows a
 * unicast failover. The punted packet itself is dropped (documented
 * choice). A stream nobody wants gets an entry with an empty outgoing
 * list, dropped in hardware. Dynamic membership (IGMP/MLD, protocols/gmp)
 * reaches the outgoing lists through one membership provider asked per
 * (interface, S, G): RFC 3376 section 6.3 and RFC 3810 section 7.3 decide
 * there, not here.
 *
 * A routing owner (PIM-SM) can take a family over (router_mroute_owner):
 * the data-driven entries of the family go, no-cache, wrong-iif (RFC 7761
 * section 4.6, the Assert trigger) and data-copy punts go to the owner,
 * and the owner sets every entry itself. The router keeps the owner's
 * requested iif and list and programs what is usable now (no loopbacks,
 * no ports down, no ports gated closed, not the iif), so a port coming up
 * or a gate opening restores it. Gates (`multicast track vrrp`) apply to
 * every entry of the family. Every change goes through the ASIC queue and
 * only a real change is written (an iif-only change as one entry write).
 * router_mcast_send is the RP's path for decapsulated Register data (RFC
 * 7761 section 4.4.2): TTL / hop limit decremented as a forwarding hop.
 */
#include "sim/router/router_int.h"

#include <stdlib.h>
#include <string.h>

#include "sim/net/net_eth.h"
#include "sim/net/net_ipv4.h"

/* What mroute_program changed. */
#define CH_NEW	1 /* the entry was not in the ASIC */
#define CH_IIF	2
#define CH_OIFS 4 /* outgoing list or flags */

static int af_idx(enum net_af af)
{
	return af == NET_AF_IP6 ? 1 : 0;
}

static bool af_ok(enum net_af af)
{
	return af == NET_AF_IP4 || af == NET_AF_IP6;
}

static bool af_enabled(const struct router *r, enum net_af af)
{
	return af == NET_AF_IP6 ? r->cp->mcast6 : r->cp->mcast4;
}

static const struct router_mowner *owner_of(const struct router *r,
					    enum net_af af)
{
	const struct router_mowner *o = &r->cp->mroute_owner[af_idx(af)];

	return af_ok(af) && o->ops ? o : NULL;
}

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

/* Can ifp be an outgoing interface of af now: an ASIC port (a loopback
 * in a list would make the ASIC refuse the whole entry), up, gate open. */
static bool oif_usable(struct router *r, struct node_iface *ifp, enum net_af af)
{
	const struct router_if *rif = ifp ? router_if_of(ifp) : NULL;

	return rif && ifp->oper_up && !ifp->loopback &&
	       asic_port_exists(r->asic, ifp->ifindex) &&
	       !rif->gate_closed[af_idx(af)];
}

/* Outgoing interfaces of a data-driven (S,G): usable interfaces with a
 * matching static group or local members, other than the incoming one.
 * Returns the count (ascending ifindex). */
static size_t compute_oifs(struct router *r, const struct net_addr *s,
			   const struct net_addr *g, int iif, int *oifs)
{
	size_t n = 0;

	for (int i = 0; i < r->node.nifaces; i++) {
		struct node_iface *ifp = r->node.ifaces[i];

		if (i == iif || !oif_usable(r, ifp, g->af))
			continue;
		if (if_wants(r, ifp, router_if_of(ifp), s, g))
			oifs[n++] = i;
	}
	return n;
}

/* The owner's requested list filtered the same way (req is sorted). */
static size_t owner_oifs(struct router *r, const struct router_mroute *m,
			 int iif, int *oifs)
{
	size_t n = 0;

	for (size_t k = 0; k < m->nreq; k++)
		if (m->req[k] != iif &&
		    oif_usable(r, router_iface_by_index(r, m->req[k]),
			       m->grp.af))
			oifs[n++] = m->req[k];
	return n;
}

static void log_mroute(struct router *r, const char *event,
		       const struct router_mroute *m)
{
	char s[NET_ADDR_STRLEN] = "*", g[NET_ADDR_STRLEN];
	struct node_iface *in = router_iface_by_index(r, m->iif);
	struct sim_log_rec rec;

	if (m->src.af != NET_AF_NONE)
		net_addr_fmt(&m->src, s, sizeof(s));
	net_addr_fmt(&m->grp, g, sizeof(g));
	node_log_begin(&rec, &r->node, "mcast", event);
	sim_log_str(&rec, "source", s);
	sim_log_str(&rec, "group", g);
	sim_log_str(&rec, "iif", in && m->in_asic ? in->name : "none");
	sim_log_uint(&rec, "oifs", m->in_asic ? m->noifs : 0);
	if (m->owner)
		sim_log_bool(&rec, "cpu_copy", m->flags & ASIC_MFIB_CPU_COPY);
	sim_log_end(&rec);
}

static void log_change(struct router *r, const struct router_mroute *m, int ch)
{
	if (!ch)
		return;
	if (m->owner)
		log_mroute(r, "mroute-set", m);
	else if (ch & CH_NEW)
		log_mroute(r, "entry-create", m);
	else
		log_mroute(r, (ch & CH_IIF) ? "rpf-change" : "oif-change", m);
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

/* A new zeroed entry at the end of the table, or NULL. */
static struct router_mroute *
mroute_add(struct router *r, const struct net_addr *s, const struct net_addr *g)
{
	struct router_cp *cp = r->cp;
	struct router_mroute *m;

	if (cp->nmroutes == cp->capmroutes) {
		size_t cap = cp->capmroutes ? 2 * cp->capmroutes : 16;
		void *p = realloc(cp->mroutes, cap * sizeof(*cp->mroutes));

		if (!p)
			return NULL;
		cp->mroutes = p;
		cp->capmroutes = cap;
	}
	m = &cp->mroutes[cp->nmroutes++];
	memset(m, 0, sizeof(*m));
	m->src = *s;
	m->grp = *g;
	m->iif = ASIC_IFINDEX_NONE;
	m->req_iif = ASIC_IFINDEX_NONE;
	m->created = node_now(&r->node);
	return m;
}

/* Remove entry i (ASIC entry deleted, logged), keeping table order. */
static void mroute_remove(struct router *r, size_t i, const char *event)
{
	struct router_cp *cp = r->cp;
	struct router_mroute *m = &cp->mroutes[i];

	if (m->in_asic)
		asic_prog_mfib_del(r->asic, &m->src, &m->grp);
	log_mroute(r, event, m);
	free(m->oifs);
	free(m->req);
	memmove(m, m + 1, (cp->nmroutes - i - 1) * sizeof(*m));
	cp->nmroutes--;
}

/*
 * Program (iif, oifs, flags) for m unless the ASIC already holds exactly
 * that: an iif-only change is one asic_prog_mfib_iif, anything else a
 * whole entry write. Returns the CH_* bits of what changed.
 */
static int mroute_program(struct router *r, struct router_mroute *m, int iif,
			  const int *oifs, size_t n, unsigned flags)
{
	bool same_oifs = m->in_asic && n == m->noifs && flags == m->flags &&
			 !memcmp(oifs, m->oifs, n * sizeof(int));
	int ch;

	if (same_oifs && iif == m->iif)
		return 0;
	if (!same_oifs) {
		int *p = realloc(m->oifs, (n ? n : 1) * sizeof(int));

		if (!p)
			return 0; /* keep what the ASIC has */
		m->oifs = p;
		memcpy(m->oifs, oifs, n * sizeof(int));
		m->noifs = n;
	}
	ch = !m->in_asic
		     ? CH_NEW
		     : (iif != m->iif ? CH_IIF : 0) | (same_oifs ? 0 : CH_OIFS);
	m->iif = iif;
	m->flags = flags;
	m->in_asic = true;
	if (ch == CH_IIF)
		asic_prog_mfib_iif(r->asic, &m->src, &m->grp, iif);
	else
		asic_prog_mfib_flags(r->asic, &m->src, &m->grp, iif, m->oifs,
				     m->noifs, flags);
	return ch;
}

/* Recompute one entry and reprogram what changed. */
static void mroute_refresh(struct router *r, struct router_mroute *m)
{
	int oifs[ASIC_MAX_PORTS];
	int iif;
	size_t n;

	if (!m->owner) {
		iif = rpf_iface(r, &m->src);
		n = compute_oifs(r, &m->src, &m->grp, iif, oifs);
		log_change(r, m, mroute_program(r, m, iif, oifs, n, 0));
		return;
	}
	if (!af_enabled(r, m->grp.af)) {
		if (m->in_asic) {
			asic_prog_mfib_del(r->asic, &m->src, &m->grp);
			m->in_asic = false;
			log_mroute(r, "mroute-delete", m);
		}
		return;
	}
	iif = m->req_iif;
	if (iif != ASIC_IFINDEX_NONE && !asic_port_exists(r->asic, iif))
		iif = ASIC_IFINDEX_NONE; /* e.g. a loopback at the RP */
	n = owner_oifs(r, m, iif, oifs);
	log_change(r, m,
		   mroute_program(r, m, iif, oifs, n,
				  m->cpu_copy ? ASIC_MFIB_CPU_COPY : 0));
}

/* Refresh every entry of af (NET_AF_NONE: all). */
static void refresh_all(struct router *r, enum net_af af)
{
	if (!r->cp || r->cp->dying)
		return;
	for (size_t i = 0; i < r->cp->nmroutes; i++)
		if (af == NET_AF_NONE || r->cp->mroutes[i].grp.af == af)
			mroute_refresh(r, &r->cp->mroutes[i]);
}

static void nocache_create(struct router *r, const struct net_pkt_info *pi)
{
	struct router_mroute *m;

	if (mroute_find(r, &pi->src, &pi->dst))
		return;
	/*
	 * Even with no outgoing interface the entry is installed, so the
	 * hardware drops the stream instead of punting every packet; a static
	 * group added later fills the list (mroute_refresh).
	 */
	m = mroute_add(r, &pi->src, &pi->dst);
	if (m)
		mroute_refresh(r, m);
}

void router_mcast_punt(struct router *r, struct node_iface *in,
		       enum asic_punt reason, const struct net_pkt_info *pi,
		       const struct net_frame *f)
{
	const struct router_mowner *o;

	if (pi->err != NET_OK || !af_ok(pi->af) || !af_enabled(r, pi->af) ||
	    !net_addr_is_multicast(&pi->dst))
		return;
	o = owner_of(r, pi->af);
	if (!o) {
		/* wrong-iif and copies: counted only (router_cp.c). */
		if (reason == ASIC_PUNT_NO_CACHE)
			nocache_create(r, pi);
		return;
	}
	if (reason == ASIC_PUNT_NO_CACHE && o->ops->nocache)
		o->ops->nocache(o->ctx, r, in, pi, f);
	else if (reason == ASIC_PUNT_MCAST_COPY && o->ops->data)
		o->ops->data(o->ctx, r, in, pi, f);
	else if (reason == ASIC_PUNT_WRONG_IIF && o->ops->wrong_iif)
		o->ops->wrong_iif(o->ctx, r, in, pi, f);
}

void router_mcast_rib_changed(struct router *r)
{
	if (!r->cp)
		return;
	refresh_all(r, NET_AF_NONE);
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

/* An interface went up or down: its place in every list is recomputed
 * (router_iface_update then reports the unicast change). */
void router_mcast_iface(struct router *r, struct node_iface *ifp, bool up)
{
	(void)ifp;
	(void)up;
	refresh_all(r, NET_AF_NONE);
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
	/* Data-driven entries go; the owner's leave the ASIC but are kept
	 * and come back when the family is enabled again. */
	for (size_t i = cp->nmroutes; i-- > 0;)
		if (!on && cp->mroutes[i].grp.af == af && !cp->mroutes[i].owner)
			mroute_remove(r, i, "entry-delete");
	refresh_all(r, af);
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

		/* The owner's lists are the owner's business. */
		if (!m->owner && (!grp || net_addr_eq(&m->grp, grp)))
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

/* (*,G) when src is NULL or unspecified: the all-zero NET_AF_NONE key. */
static void norm_src(const struct net_addr *src, struct net_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (src && src->af != NET_AF_NONE && !net_addr_is_unspec(src))
		*out = *src;
}

bool router_mcast_local_wants(struct router *r, struct node_iface *ifp,
			      const struct net_addr *src,
			      const struct net_addr *grp)
{
	const struct router_if *rif = ifp ? router_if_of(ifp) : NULL;
	struct net_addr s;

	if (!r->cp || !rif || !grp)
		return false;
	norm_src(src, &s);
	return if_wants(r, ifp, rif, &s, grp);
}

/* ---- the routing owner ---- */

int router_mroute_owner(struct router *r, enum net_af af,
			const struct router_mroute_ops *ops, void *ctx)
{
	struct router_cp *cp = r->cp;
	struct router_mowner *o;

	if (!cp || !af_ok(af))
		return -1;
	o = &cp->mroute_owner[af_idx(af)];
	if (ops && o->ops && (o->ops != ops || o->ctx != ctx))
		return -1;
	if (cp->dying) { /* the table is about to go anyway */
		*o = (struct router_mowner){ ops, ops ? ctx : NULL };
		return 0;
	}
	if (ops && o->ops)
		return 0; /* the same owner again */
	*o = (struct router_mowner){ ops, ops ? ctx : NULL };
	/* Taken: the data-driven entries go. Released: the owner's go, and
	 * data-driven entries come back with the next no-cache packet. */
	for (size_t i = cp->nmroutes; i-- > 0;) {
		struct router_mroute *m = &cp->mroutes[i];

		if (m->grp.af == af && m->owner == !ops)
			mroute_remove(r, i,
				      ops ? "entry-delete" : "mroute-delete");
	}
	return 0;
}

static int int_cmp(const void *x, const void *y)
{
	int p = *(const int *)x, q = *(const int *)y;

	return p < q ? -1 : p > q;
}

/* Check and normalise (src, grp); 0 or -1. */
static int sg_check(const struct net_addr *src, const struct net_addr *grp,
		    struct net_addr *s)
{
	if (!grp || !af_ok(grp->af) || !net_addr_is_multicast(grp))
		return -1;
	norm_src(src, s);
	if (s->af != NET_AF_NONE &&
	    (s->af != grp->af || net_addr_is_multicast(s)))
		return -1;
	return 0;
}

/* Keep a sorted, unique copy of the requested list in m. */
static int set_req(struct router_mroute *m, const int *oifs, size_t n)
{
	int *v = malloc((n ? n : 1) * sizeof(int));
	size_t k = 0;

	if (!v)
		return -1;
	if (n)
		memcpy(v, oifs, n * sizeof(int));
	qsort(v, n, sizeof(int), int_cmp);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	free(m->req);
	m->req = v;
	m->nreq = k;
	return 0;
}

int router_mroute_set(struct router *r, const struct net_addr *src,
		      const struct net_addr *grp, int iif, const int *oifs,
		      size_t n, bool cpu_copy)
{
	struct router_mroute *m;
	struct net_addr s;
	bool fresh = false;

	if (!r->cp || sg_check(src, grp, &s) || !owner_of(r, grp->af) ||
	    (n && !oifs) || n > ASIC_MAX_PORTS ||
	    (iif != ASIC_IFINDEX_NONE && !router_iface_by_index(r, iif)))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!router_iface_by_index(r, oifs[i]))
			return -1;
	if (r->cp->dying)
		return 0;
	m = mroute_find(r, &s, grp);
	if (!m) {
		m = mroute_add(r, &s, grp);
		if (!m)
			return -1;
		fresh = true;
	}
	m->owner = true; /* (a data-driven one cannot exist here) */
	if (set_req(m, oifs, n)) {
		if (fresh)
			r->cp->nmroutes--;
		return -1;
	}
	m->req_iif = iif;
	m->cpu_copy = cpu_copy;
	mroute_refresh(r, m);
	return 0;
}

int router_mroute_del(struct router *r, const struct net_addr *src,
		      const struct net_addr *grp)
{
	struct router_mroute *m;
	struct net_addr s;

	if (!r->cp || sg_check(src, grp, &s))
		return -1;
	if (r->cp->dying)
		return 0;
	m = mroute_find(r, &s, grp);
	if (!m || !m->owner)
		return -1;
	mroute_remove(r, (size_t)(m - r->cp->mroutes), "mroute-delete");
	return 0;
}

bool router_mroute_packets(struct router *r, const struct net_addr *src,
			   const struct net_addr *grp, uint64_t *packets)
{
	const struct asic_mfib_entry *e;
	struct net_addr s;

	if (sg_check(src, grp, &s))
		return false;
	e = asic_mfib_find(r->asic, &s, grp);
	if (!e)
		return false;
	if (packets)
		*packets = e->packets;
	return true;
}

/* ---- gates ---- */

void router_mcast_gate(struct router *r, struct node_iface *ifp, enum net_af af,
		       bool open)
{
	struct router_if *rif = ifp ? router_if_of(ifp) : NULL;
	struct sim_log_rec rec;

	if (!r->cp || r->cp->dying || !rif || !af_ok(af) ||
	    rif->gate_closed[af_idx(af)] == !open)
		return;
	rif->gate_closed[af_idx(af)] = !open;
	node_log_begin(&rec, &r->node, "mcast",
		       open ? "gate-open" : "gate-close");
	sim_log_str(&rec, "iface", ifp->name);
	sim_log_str(&rec, "af", af == NET_AF_IP6 ? "ipv6" : "ipv4");
	sim_log_end(&rec);
	refresh_all(r, af);
}

bool router_mcast_gate_open(const struct router *r,
			    const struct node_iface *ifp, enum net_af af)
{
	const struct router_if *rif = ifp ? router_if_of(ifp) : NULL;

	return !r->cp || !rif || !af_ok(af) || !rif->gate_closed[af_idx(af)];
}

/* ---- sending from the control plane ---- */

/*
 * Check the IP packet of router_mcast_send: a whole IPv4 (header length
 * and Total Length within len) or IPv6 (Payload Length within len) packet
 * to a multicast group. Returns its length (trailing bytes cut), or 0.
 */
static size_t mcast_ip_check(const uint8_t *ip, size_t len, enum net_af *af,
			     struct net_addr *grp)
{
	size_t hl, tl;

	if (!ip || len < 1)
		return 0;
	memset(grp, 0, sizeof(*grp));
	if (ip[0] >> 4 == 4) {
		hl = (size_t)(ip[0] & 0x0f) * 4;
		if (len < 20 || hl < 20 || hl > len)
			return 0;
		tl = net_get_be16(ip + 2);
		if (tl < hl || tl > len)
			return 0;
		*af = NET_AF_IP4;
		grp->af = NET_AF_IP4;
		memcpy(grp->b, ip + 16, 4);
	} else if (ip[0] >> 4 == 6) {
		if (len < 40)
			return 0;
		tl = 40 + (size_t)net_get_be16(ip + 4);
		if (tl > len)
			return 0;
		*af = NET_AF_IP6;
		grp->af = NET_AF_IP6;
		memcpy(grp->b, ip + 24, 16);
	} else {
		return 0;
	}
	return net_addr_is_multicast(grp) ? tl : 0;
}

size_t router_mcast_send(struct router *r, const uint8_t *ip, size_t len,
			 const int *oifs, size_t n)
{
	uint8_t sent[ASIC_MAX_PORTS / 8] = { 0 };
	struct net_addr grp;
	struct net_mac gmac;
	enum net_af af = NET_AF_NONE;
	size_t tl = mcast_ip_check(ip, len, &af, &grp), copies = 0;
	uint8_t ttl;

	if (!tl || !r->cp || r->cp->dying || !af_enabled(r, af) ||
	    (n && !oifs) || NET_ETH_HLEN + tl > NET_FRAME_MAX)
		return 0;
	ttl = af == NET_AF_IP4 ? ip[8] : ip[7];
	if (ttl <= 1)
		return 0;
	if (af == NET_AF_IP4) {
		struct net_ip4 g = net_addr_ip4(&grp);

		gmac = net_mac_from_ip4_mcast(&g);
	} else {
		struct net_ip6 g = net_addr_ip6(&grp);

		gmac = net_mac_from_ip6_mcast(&g);
	}
	for (size_t i = 0; i < n; i++) {
		struct node_iface *ifp = router_iface_by_index(r, oifs[i]);
		struct net_frame *f;
		uint8_t *h;

		if (!ifp || !oif_usable(r, ifp, af) ||
		    (sent[oifs[i] / 8] & (1u << (oifs[i] % 8))))
			continue;
		f = net_frame_alloc(r->node.env->pool);
		if (!f)
			break;
		sent[oifs[i] / 8] |= (uint8_t)(1u << (oifs[i] % 8));
		memset(f->data, 0, NET_FRAME_MIN);
		memcpy(f->data, gmac.b, 6);
		memcpy(f->data + 6, asic_port_mac(r->asic, oifs[i])->b, 6);
		net_put_be16(f->data + 12, af == NET_AF_IP4
						   ? NET_ETHERTYPE_IPV4
						   : NET_ETHERTYPE_IPV6);
		h = f->data + NET_ETH_HLEN;
		memcpy(h, ip, tl);
		if (af == NET_AF_IP4)
			net_ipv4_dec_ttl(h);
		else
			h[7]--;
		f->len = (uint16_t)(NET_ETH_HLEN + tl < NET_FRAME_MIN
					    ? NET_FRAME_MIN
					    : NET_ETH_HLEN + tl);
		asic_inject(r->asic, oifs[i], f);
		copies++;
	}
	return copies;
}

void router_mcast_fini(struct router *r)
{
	struct router_cp *cp = r->cp;

	for (size_t i = 0; i < cp->nmroutes; i++) {
		free(cp->mroutes[i].oifs);
		free(cp->mroutes[i].req);
	}
	free(cp->mroutes);
	cp->mroutes = NULL;
	cp->nmroutes = cp->capmroutes = 0;
	cp->member_fn = NULL;
	cp->member_ctx = NULL;
	memset(cp->mroute_owner, 0, sizeof(cp->mroute_owner));
}
