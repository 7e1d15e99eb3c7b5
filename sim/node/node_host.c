/*
 * The host node kind (node_host.h): configuration, multicast membership,
 * listeners and the receive path (UDP bindings are in node_host_tx.c). Every
 * frame is dissected once (net_dissect) and dropped with a counted reason when
 * it is not for us: the Ethernet destination must be our MAC, broadcast, or a
 * multicast MAC of a group we listen to (all-hosts 224.0.0.1 when the interface
 * has an IPv4 address or runs IGMP, all-nodes ff02::1, the solicited-node group
 * of each of our IPv6 addresses, and groups with reception state); the IP
 * destination must then be one of the interface's addresses, the limited or the
 * subnet-directed broadcast, or such a group (RFC 1122 section 3.3.6; RFC 4291
 * section 2.8). 802.1Q tagged frames are not for hosts. ARP, NS/NA and echo
 * requests are answered (node_host_tx.c), echo replies go to ping sessions, UDP
 * to bound ports (multicast only from sources the interface state accepts), and
 * anything else to the listeners (IGMP/MLD host side, TCP). Hosts have no
 * processing delay. Membership is kept per socket and merged per interface as
 * RFC 3376 sections 3.1 and 3.2 say (RFC 3810 section 4 for IPv6); source lists
 * are sorted arrays, merged in one pass. Crash drops every frame, flushes the
 * neighbor caches, stops pings and tells the listeners; restart keeps the
 * configuration (addresses, gateways, memberships and UDP bindings, as if
 * the applications started again) and tells the group and filter
 * listeners about every group with reception state.
 */
#include "sim/node/node_host_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct node_ops node_host_ops;

bool host_is(const struct node *n)
{
	return n && n->ops == &node_host_ops;
}

struct host_if *host_if_get(struct node_host *h, struct node_iface *ifp)
{
	struct host_if *hi = ifp->priv;

	if (hi)
		return hi;
	hi = calloc(1, sizeof(*hi));
	if (!hi)
		return NULL;
	hi->h = h;
	hi->ifp = ifp;
	if (node_nbr_init(&hi->arp, ifp, NET_AF_IP4, &host_nbr_ops, hi) ||
	    node_nbr_init(&hi->nd, ifp, NET_AF_IP6, &host_nbr_ops, hi)) {
		node_nbr_fini(&hi->arp);
		node_nbr_fini(&hi->nd);
		free(hi);
		return NULL;
	}
	node_iface_ipv6_enable(ifp, true); /* link-local always */
	ifp->priv = hi;
	return hi;
}

static void host_srcs_free(struct host_srcs *s);

static void host_if_free(struct node_iface *ifp)
{
	struct host_if *hi = ifp->priv;
	int i;

	if (!hi)
		return;
	node_nbr_fini(&hi->arp);
	node_nbr_fini(&hi->nd);
	for (i = 0; i < hi->nsocks; i++)
		host_srcs_free(&hi->socks[i].srcs);
	for (i = 0; i < hi->ngroups; i++)
		host_srcs_free(&hi->groups[i].srcs);
	free(hi->socks);
	free(hi->groups);
	free(hi);
	ifp->priv = NULL;
}

static struct host_if *host_if_by_name(struct node *n, const char *ifname)
{
	struct node_iface *ifp;

	if (!host_is(n))
		return NULL;
	ifp = node_iface_find(n, ifname);
	return ifp ? host_if_get(host_of(n), ifp) : NULL;
}

struct node_iface *node_host_iface_add(struct node *n, const char *name,
				       const struct net_mac *mac)
{
	struct node_iface *ifp;

	if (!host_is(n))
		return NULL;
	ifp = node_iface_add(n, name, mac);
	if (ifp && !host_if_get(host_of(n), ifp))
		return NULL;
	return ifp;
}

int node_host_set_ipv4(struct node *n, const char *ifname,
		       const struct net_ip4 *a, uint8_t plen)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return -ENODEV;
	return node_iface_add_addr4(hi->ifp, a, plen, false);
}

int node_host_set_gateway(struct node *n, const char *ifname,
			  const struct net_ip4 *gw)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return -ENODEV;
	hi->has_gw4 = gw != NULL;
	if (gw)
		hi->gw4 = *gw;
	return 0;
}

int node_host_set_ipv6(struct node *n, const char *ifname,
		       const struct net_ip6 *a, uint8_t plen)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return -ENODEV;
	return node_iface_add_addr6(hi->ifp, a, plen);
}

int node_host_set_gateway6(struct node *n, const char *ifname,
			   const struct net_ip6 *gw)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return -ENODEV;
	hi->has_gw6 = gw != NULL;
	if (gw)
		hi->gw6 = *gw;
	return 0;
}

/* ---- multicast membership (RFC 3376 sections 2 and 3) ---- */

/* Index of g in hi->groups, or -1 with *pos where it would go. */
static int host_group_find(const struct host_if *hi, const struct net_addr *g,
			   int *pos)
{
	int lo = 0, hi_ = hi->ngroups;

	while (lo < hi_) {
		int mid = lo + (hi_ - lo) / 2;
		int c = net_addr_cmp(&hi->groups[mid].group, g);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi_ = mid;
	}
	if (pos)
		*pos = lo;
	return -1;
}

static int host_group_index(const struct host_if *hi, const struct net_addr *g)
{
	return host_group_find(hi, g, NULL);
}

static int host_addr_qcmp(const void *a, const void *b)
{
	return net_addr_cmp(a, b);
}

static bool host_srcs_has(const struct host_srcs *s, const struct net_addr *a)
{
	return s->n && bsearch(a, s->v, s->n, sizeof(*a), host_addr_qcmp);
}

static bool host_srcs_eq(const struct host_srcs *a, const struct host_srcs *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!net_addr_eq(&a->v[i], &b->v[i]))
			return false;
	return true;
}

static void host_srcs_free(struct host_srcs *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

enum host_setop { HOST_UNION, HOST_INTER, HOST_DIFF };

/* *out = a op b, both sorted; out is allocated (NULL when empty). */
static int host_srcs_op(const struct host_srcs *a, const struct host_srcs *b,
			enum host_setop op, struct host_srcs *out)
{
	size_t i = 0, j = 0, n = 0, cap = a->n + b->n;
	struct net_addr *v = cap ? malloc(cap * sizeof(*v)) : NULL;

	if (cap && !v)
		return -ENOMEM;
	while (i < a->n || j < b->n) {
		int c = i == a->n   ? 1
			: j == b->n ? -1
				    : net_addr_cmp(&a->v[i], &b->v[j]);

		if (c < 0) {
			if (op != HOST_INTER)
				v[n++] = a->v[i];
			i++;
		} else if (c > 0) {
			if (op == HOST_UNION)
				v[n++] = b->v[j];
			j++;
		} else {
			if (op != HOST_DIFF)
				v[n++] = a->v[i];
			i++;
			j++;
		}
	}
	if (!n) {
		free(v);
		v = NULL;
	}
	*out = (struct host_srcs){ .v = v, .n = n };
	return 0;
}

/* acc = acc op b (acc replaced). */
static int host_srcs_fold(struct host_srcs *acc, const struct host_srcs *b,
			  enum host_setop op)
{
	struct host_srcs t;

	if (host_srcs_op(acc, b, op, &t))
		return -ENOMEM;
	host_srcs_free(acc);
	*acc = t;
	return 0;
}

/*
 * The interface state of g from the socket records (RFC 3376 section 3.2):
 * EXCLUDE with (intersection of the EXCLUDE lists) minus (union of the
 * INCLUDE lists) when any socket excludes, else INCLUDE with the union of
 * the INCLUDE lists. *any is false when no socket wants g.
 */
static int host_merge(const struct host_if *hi, const struct net_addr *g,
		      bool *any, enum node_host_filter *mode,
		      struct host_srcs *out)
{
	struct host_srcs inc = { 0 }, exc = { 0 }, none = { 0 };
	bool have_ex = false;
	int i, rc = 0;

	*any = false;
	for (i = 0; i < hi->nsocks && !rc; i++) {
		const struct host_sock *k = &hi->socks[i];

		if (!net_addr_eq(&k->group, g))
			continue;
		*any = true;
		if (k->mode == NODE_HOST_INCLUDE)
			rc = host_srcs_fold(&inc, &k->srcs, HOST_UNION);
		else if (!have_ex)
			rc = host_srcs_op(&k->srcs, &none, HOST_UNION, &exc);
		else
			rc = host_srcs_fold(&exc, &k->srcs, HOST_INTER);
		have_ex |= k->mode == NODE_HOST_EXCLUDE;
	}
	if (!rc && have_ex)
		rc = host_srcs_fold(&exc, &inc, HOST_DIFF);
	*mode = have_ex ? NODE_HOST_EXCLUDE : NODE_HOST_INCLUDE;
	if (rc) {
		host_srcs_free(&inc);
		host_srcs_free(&exc);
		return rc;
	}
	if (have_ex) {
		host_srcs_free(&inc);
		*out = exc;
	} else {
		*out = inc;
	}
	return 0;
}

enum host_change { HOST_JOINED, HOST_CHANGED, HOST_LEFT };

static void host_tell(struct node_host *h, struct node_iface *ifp,
		      const struct host_mship *m, enum host_change what)
{
	static const char *const ev[] = { [HOST_JOINED] = "join",
					  [HOST_CHANGED] = "filter",
					  [HOST_LEFT] = "leave" };
	const struct net_addr *g = &m->group;
	struct node_host_listener *l = h->listeners;
	char gs[NET_ADDR_STRLEN];
	struct sim_log_rec r;
	int i;

	net_addr_fmt(g, gs, sizeof(gs));
	node_log_begin(&r, &h->node, "host", ev[what]);
	sim_log_str(&r, "iface", ifp->name);
	sim_log_str(&r, "group", gs);
	if (what != HOST_LEFT) {
		sim_log_str(&r, "mode",
			    m->mode == NODE_HOST_INCLUDE ? "include"
							 : "exclude");
		sim_log_uint(&r, "sources", m->srcs.n);
	}
	sim_log_end(&r);
	for (i = 0; what == HOST_JOINED && i < h->nlisteners; i++)
		if (l[i].group)
			l[i].group(l[i].ctx, &h->node, ifp, g, true);
	for (i = 0; i < h->nlisteners; i++)
		if (l[i].filter)
			l[i].filter(l[i].ctx, &h->node, ifp, g);
	for (i = 0; what == HOST_LEFT && i < h->nlisteners; i++)
		if (l[i].group)
			l[i].group(l[i].ctx, &h->node, ifp, g, false);
}

/* Recompute the interface state of g and tell when it changed. */
static int host_update_group(struct node_host *h, struct host_if *hi,
			     const struct net_addr *g)
{
	struct host_mship m = { .group = *g }, *cur;
	int pos = 0, idx, rc;
	bool any;

	rc = host_merge(hi, g, &any, &m.mode, &m.srcs);
	if (rc)
		return rc;
	idx = host_group_find(hi, g, &pos);
	if (!any) {
		if (idx < 0)
			return 0;
		m = hi->groups[idx];
		memmove(&hi->groups[idx], &hi->groups[idx + 1],
			sizeof(m) * (size_t)(hi->ngroups - idx - 1));
		hi->ngroups--;
		host_tell(h, hi->ifp, &m, HOST_LEFT);
		host_srcs_free(&m.srcs);
		return 0;
	}
	if (idx >= 0) {
		cur = &hi->groups[idx];
		if (cur->mode == m.mode && host_srcs_eq(&cur->srcs, &m.srcs)) {
			host_srcs_free(&m.srcs);
			return 0;
		}
		host_srcs_free(&cur->srcs);
		*cur = m;
		host_tell(h, hi->ifp, cur, HOST_CHANGED);
		return 0;
	}
	if (hi->ngroups == hi->capgroups) {
		int cap = hi->capgroups ? 2 * hi->capgroups : 4;
		struct host_mship *v =
			realloc(hi->groups, sizeof(*v) * (size_t)cap);

		if (!v) {
			host_srcs_free(&m.srcs);
			return -ENOMEM;
		}
		hi->groups = v;
		hi->capgroups = cap;
	}
	memmove(&hi->groups[pos + 1], &hi->groups[pos],
		sizeof(m) * (size_t)(hi->ngroups - pos));
	hi->groups[pos] = m;
	hi->ngroups++;
	host_tell(h, hi->ifp, &hi->groups[pos], HOST_JOINED);
	return 0;
}

static int host_listen_one(struct node_host *h, struct host_if *hi,
			   uint32_t sock, const struct net_addr *g,
			   enum node_host_filter mode,
			   const struct host_srcs *srcs)
{
	struct host_srcs none = { 0 }, copy;
	struct host_sock *k = NULL;
	int i;

	for (i = 0; i < hi->nsocks && !k; i++)
		if (hi->socks[i].sock == sock &&
		    net_addr_eq(&hi->socks[i].group, g))
			k = &hi->socks[i];
	if (mode == NODE_HOST_INCLUDE && srcs->n == 0) {
		if (!k)
			return 0;
		host_srcs_free(&k->srcs);
		*k = hi->socks[--hi->nsocks];
		return host_update_group(h, hi, g);
	}
	if (host_srcs_op(srcs, &none, HOST_UNION, &copy))
		return -ENOMEM;
	if (!k && hi->nsocks == hi->capsocks) {
		int cap = hi->capsocks ? 2 * hi->capsocks : 4;
		struct host_sock *v =
			realloc(hi->socks, sizeof(*v) * (size_t)cap);

		if (!v) {
			host_srcs_free(&copy);
			return -ENOMEM;
		}
		hi->socks = v;
		hi->capsocks = cap;
	}
	if (!k) {
		k = &hi->socks[hi->nsocks++];
		*k = (struct host_sock){ .sock = sock, .group = *g };
	}
	host_srcs_free(&k->srcs);
	k->mode = mode;
	k->srcs = copy;
	return host_update_group(h, hi, g);
}

/* Check the sources and make them a sorted list without duplicates. */
static int host_srcs_make(const struct net_addr *g, const struct net_addr *v,
			  size_t n, struct host_srcs *out)
{
	size_t i, k = 0;

	*out = (struct host_srcs){ 0 };
	if (n && !v)
		return -EINVAL;
	if (n > NODE_HOST_MAX_SRCS)
		return -E2BIG;
	for (i = 0; i < n; i++)
		if (v[i].af != g->af || net_addr_is_multicast(&v[i]) ||
		    net_addr_is_unspec(&v[i]))
			return -EINVAL;
	if (!n)
		return 0;
	out->v = malloc(n * sizeof(*v));
	if (!out->v)
		return -ENOMEM;
	memcpy(out->v, v, n * sizeof(*v));
	qsort(out->v, n, sizeof(*v), host_addr_qcmp);
	for (i = 0; i < n; i++)
		if (k == 0 || !net_addr_eq(&out->v[k - 1], &out->v[i]))
			out->v[k++] = out->v[i];
	out->n = k;
	return 0;
}

int node_host_listen(struct node *n, const char *ifname, uint32_t sock,
		     const struct net_addr *g, enum node_host_filter mode,
		     const struct net_addr *srcs, size_t nsrc)
{
	struct node_host *h = host_of(n);
	struct host_srcs s = { 0 };
	int i, rc;

	if (!host_is(n) || !g || !net_addr_is_multicast(g) ||
	    (mode != NODE_HOST_INCLUDE && mode != NODE_HOST_EXCLUDE))
		return -EINVAL;
	rc = host_srcs_make(g, srcs, nsrc, &s);
	for (i = 0; !rc && i < (ifname ? 1 : n->nifaces); i++) {
		struct host_if *hi = ifname ? host_if_by_name(n, ifname)
					    : host_if_get(h, n->ifaces[i]);

		if (!hi)
			rc = ifname ? -ENODEV : -ENOMEM;
		else
			rc = host_listen_one(h, hi, sock, g, mode, &s);
	}
	host_srcs_free(&s);
	return rc;
}

int node_host_join(struct node *n, const char *ifname,
		   const struct net_addr *group)
{
	return node_host_listen(n, ifname, 0, group, NODE_HOST_EXCLUDE, NULL,
				0);
}

int node_host_leave(struct node *n, const char *ifname,
		    const struct net_addr *group)
{
	return node_host_listen(n, ifname, 0, group, NODE_HOST_INCLUDE, NULL,
				0);
}

bool node_host_joined(const struct node *n, const struct node_iface *ifp,
		      const struct net_addr *group)
{
	return node_host_filter(n, ifp, group, NULL, NULL, NULL);
}

bool node_host_filter(const struct node *n, const struct node_iface *ifp,
		      const struct net_addr *group, enum node_host_filter *mode,
		      const struct net_addr **srcs, size_t *nsrc)
{
	const struct host_if *hi;
	const struct host_mship *m;
	int idx;

	if (!host_is(n) || !ifp || !ifp->priv || !group)
		return false;
	hi = ifp->priv;
	idx = host_group_index(hi, group);
	if (idx < 0)
		return false;
	m = &hi->groups[idx];
	if (mode)
		*mode = m->mode;
	if (srcs)
		*srcs = m->srcs.v;
	if (nsrc)
		*nsrc = m->srcs.n;
	return true;
}

void node_host_each_group(const struct node *n, const struct node_iface *ifp,
			  void (*fn)(void *arg, const struct net_addr *group),
			  void *arg)
{
	const struct host_if *hi;
	int i;

	if (!host_is(n) || !ifp || !ifp->priv || !fn)
		return;
	hi = ifp->priv;
	for (i = 0; i < hi->ngroups; i++)
		fn(arg, &hi->groups[i].group);
}

/* RFC 3376 section 3.2: a datagram from src to a group with interface
 * state is delivered when INCLUDE lists src, or EXCLUDE does not. Groups
 * without state here (all-hosts, solicited-node) take every source. */
static bool host_mcast_accepts(const struct host_if *hi,
			       const struct net_addr *dst,
			       const struct net_addr *src)
{
	const struct host_mship *m;
	int idx;

	if (!net_addr_is_multicast(dst))
		return true;
	idx = host_group_index(hi, dst);
	if (idx < 0)
		return true;
	m = &hi->groups[idx];
	return host_srcs_has(&m->srcs, src) == (m->mode == NODE_HOST_INCLUDE);
}

static void host_set_ver(struct node_host *h, struct host_if *hi,
			 enum net_af af, uint8_t v)
{
	int i;

	if (af == NET_AF_IP4)
		hi->gmp_ver4 = v;
	else
		hi->gmp_ver6 = v;
	for (i = 0; i < h->nlisteners; i++)
		if (h->listeners[i].gmp_version)
			h->listeners[i].gmp_version(h->listeners[i].ctx,
						    &h->node, hi->ifp, af, v);
}

int node_host_set_gmp_version(struct node *n, const char *ifname,
			      enum net_af af, uint8_t version)
{
	struct node_host *h = host_of(n);
	struct host_if *hi;
	int i;

	if (!host_is(n) || (af == NET_AF_IP4 && version > 3) ||
	    (af == NET_AF_IP6 && version > 2) ||
	    (af != NET_AF_IP4 && af != NET_AF_IP6))
		return -EINVAL;
	for (i = 0; i < (ifname ? 1 : n->nifaces); i++) {
		hi = ifname ? host_if_by_name(n, ifname)
			    : host_if_get(h, n->ifaces[i]);
		if (!hi)
			return ifname ? -ENODEV : -ENOMEM;
		host_set_ver(h, hi, af, version);
	}
	return 0;
}

uint8_t node_host_gmp_version(const struct node *n,
			      const struct node_iface *ifp, enum net_af af)
{
	const struct host_if *hi;

	if (!host_is(n) || !ifp || !ifp->priv)
		return 0;
	hi = ifp->priv;
	if (af == NET_AF_IP4)
		return hi->gmp_ver4;
	return af == NET_AF_IP6 ? hi->gmp_ver6 : 0;
}

int node_host_add_listener(struct node *n, const struct node_host_listener *l)
{
	struct node_host *h = host_of(n);

	if (!host_is(n) || !l)
		return -EINVAL;
	if (h->nlisteners >= NODE_HOST_MAX_LISTENERS)
		return -ENOSPC;
	h->listeners[h->nlisteners++] = *l;
	return 0;
}

void node_host_del_listener(struct node *n, void *ctx)
{
	struct node_host *h = host_of(n);
	int i, k = 0;

	if (!host_is(n))
		return;
	for (i = 0; i < h->nlisteners; i++)
		if (h->listeners[i].ctx != ctx)
			h->listeners[k++] = h->listeners[i];
	h->nlisteners = k;
}

const struct node_host_cnt *node_host_counters(const struct node *n)
{
	return host_is(n) ? &host_of(n)->cnt : NULL;
}

struct node_nbr *node_host_nbr(struct node *n, const char *ifname,
			       enum net_af af)
{
	struct host_if *hi = host_if_by_name(n, ifname);

	if (!hi)
		return NULL;
	if (af == NET_AF_IP4)
		return &hi->arp;
	return af == NET_AF_IP6 ? &hi->nd : NULL;
}

/* ---- receive path ---- */

static bool host_l2_mine(const struct host_if *hi, const struct net_mac *dst)
{
	const struct node_iface *ifp = hi->ifp;
	struct net_ip6 all6 = { { 0xff, 0x02, [15] = 1 } };
	struct net_ip4 all4 = { { 224, 0, 0, 1 } };
	struct net_mac m;
	int i;

	if (net_mac_eq(dst, &ifp->mac) || net_mac_is_broadcast(dst))
		return true;
	if (!net_mac_is_multicast(dst))
		return false;
	m = net_mac_from_ip4_mcast(&all4);
	if ((ifp->n4 > 0 || hi->gmp_ver4) && net_mac_eq(dst, &m))
		return true;
	m = net_mac_from_ip6_mcast(&all6);
	if (ifp->ipv6_enabled && net_mac_eq(dst, &m))
		return true;
	for (i = 0; ifp->ipv6_enabled && i < ifp->n6; i++) {
		struct net_ip6 sn = net_ip6_solicited_node(&ifp->addr6[i].addr);

		m = net_mac_from_ip6_mcast(&sn);
		if (net_mac_eq(dst, &m))
			return true;
	}
	for (i = 0; i < hi->ngroups; i++) {
		const struct net_addr *g = &hi->groups[i].group;
		struct net_ip4 g4 = net_addr_ip4(g);
		struct net_ip6 g6 = net_addr_ip6(g);

		m = g->af == NET_AF_IP4 ? net_mac_from_ip4_mcast(&g4)
					: net_mac_from_ip6_mcast(&g6);
		if (net_mac_eq(dst, &m))
			return true;
	}
	return false;
}

static bool host_ip4_mine(const struct host_if *hi, const struct net_ip4 *d,
			  bool *unicast)
{
	static const struct net_ip4 all = { { 224, 0, 0, 1 } };
	const struct node_iface *ifp = hi->ifp;
	struct net_addr g;
	int i;

	*unicast = node_iface_has_addr4(ifp, d);
	if (*unicast)
		return true;
	if (net_ip4_is_multicast(d)) {
		g = net_addr_from_ip4(d);
		return ((ifp->n4 > 0 || hi->gmp_ver4) &&
			memcmp(d->b, all.b, 4) == 0) ||
		       host_group_index(hi, &g) >= 0;
	}
	if (d->b[0] == 255 && d->b[1] == 255 && d->b[2] == 255 &&
	    d->b[3] == 255)
		return true;
	for (i = 0; i < ifp->n4; i++) {
		uint32_t a = net_get_be32(ifp->addr4[i].addr.b);
		uint32_t host = ifp->addr4[i].plen >= 31
					? 0
					: 0xffffffffu >> ifp->addr4[i].plen;

		if (host && net_get_be32(d->b) == (a | host))
			return true;
	}
	return false;
}

static bool host_ip6_mine(const struct host_if *hi, const struct net_ip6 *d,
			  bool *unicast)
{
	static const struct net_ip6 all = { { 0xff, 0x02, [15] = 1 } };
	const struct node_iface *ifp = hi->ifp;
	struct net_addr g;
	int i;

	*unicast = false;
	if (!ifp->ipv6_enabled)
		return false;
	*unicast = node_iface_has_addr6(ifp, d);
	if (*unicast)
		return true;
	if (!net_ip6_is_multicast(d))
		return false;
	if (memcmp(d->b, all.b, 16) == 0)
		return true;
	for (i = 0; i < ifp->n6; i++) {
		struct net_ip6 sn = net_ip6_solicited_node(&ifp->addr6[i].addr);

		if (memcmp(d->b, sn.b, 16) == 0)
			return true;
	}
	g = net_addr_from_ip6(d);
	return host_group_index(hi, &g) >= 0;
}

static void host_udp_rx(struct node_host *h, struct host_if *hi,
			const struct net_pkt_info *pi)
{
	struct host_udp_bind *b = host_bind_find(h, pi->udp.dport);
	struct node_host_udp_rx m;

	if (!b) {
		h->cnt.rx_no_port++;
		return;
	}
	h->cnt.udp_rx++;
	m = (struct node_host_udp_rx){
		.ifp = hi->ifp,
		.src = pi->src,
		.dst = pi->dst,
		.sport = pi->udp.sport,
		.dport = pi->udp.dport,
		.payload = pi->udp.payload,
		.len = pi->udp.payload_len,
		.t = node_now(&h->node),
		.ttl = pi->ttl,
	};
	b->cb(b->ctx, &h->node, &m);
}

static void host_other_rx(struct node_host *h, struct host_if *hi,
			  const struct net_pkt_info *pi,
			  const struct net_frame *f)
{
	int i;

	for (i = 0; i < h->nlisteners; i++)
		if (h->listeners[i].ip_rx &&
		    h->listeners[i].ip_rx(h->listeners[i].ctx, &h->node,
					  hi->ifp, pi, f))
			return;
	h->cnt.rx_unhandled++;
}

static void host_ip_rx(struct node_host *h, struct host_if *hi,
		       const struct net_pkt_info *pi, const struct net_frame *f)
{
	bool unicast, mine;

	if (pi->af == NET_AF_IP4) {
		struct net_ip4 d = net_addr_ip4(&pi->dst);

		mine = host_ip4_mine(hi, &d, &unicast);
	} else {
		struct net_ip6 d = net_addr_ip6(&pi->dst);

		mine = host_ip6_mine(hi, &d, &unicast);
	}
	if (!mine) {
		h->cnt.rx_not_mine++;
		return;
	}
	if (pi->fragment) {
		h->cnt.rx_unhandled++;
		return;
	}
	if (net_pkt_has(pi, NET_LAYER_UDP)) {
		if (host_mcast_accepts(hi, &pi->dst, &pi->src))
			host_udp_rx(h, hi, pi);
		else
			h->cnt.rx_filtered++;
	} else if (net_pkt_has(pi, NET_LAYER_ICMP) &&
		   net_icmp_is_echo(&pi->icmp)) {
		if (pi->icmp.type == NET_ICMP_ECHO_REPLY)
			host_ping_reply(h, pi, pi->icmp.id, pi->icmp.seq);
		else if (unicast)
			host_echo_rx(h, hi, pi);
	} else if (pi->has_nd) {
		host_nd_rx(h, hi, pi);
	} else if (pi->has_echo6) {
		if (pi->icmp6.type == NET_ICMP6_ECHO_REPLY)
			host_ping_reply(h, pi, pi->echo6.id, pi->echo6.seq);
		else if (unicast)
			host_echo_rx(h, hi, pi);
	} else {
		host_other_rx(h, hi, pi, f);
	}
}

static void host_rx(struct node *n, struct node_iface *ifp, struct net_frame *f)
{
	struct node_host *h = host_of(n);
	struct net_pkt_info pi;
	struct host_if *hi;

	if (n->crashed)
		goto out;
	hi = host_if_get(h, ifp);
	if (!ifp->oper_up || !hi) {
		ifp->cnt.rx_drops++;
		goto out;
	}
	net_dissect(f->data, f->len, &pi);
	if (pi.err != NET_OK && pi.err_layer == NET_LAYER_ETH) {
		n->drops[pi.err]++;
		h->cnt.rx_bad++;
		ifp->cnt.rx_drops++;
		goto out;
	}
	if (pi.eth.vlan || !host_l2_mine(hi, &pi.eth.dst)) {
		h->cnt.rx_not_mine++;
		goto out;
	}
	if (pi.err != NET_OK) {
		n->drops[pi.err]++;
		h->cnt.rx_bad++;
		ifp->cnt.rx_drops++;
		goto out;
	}
	if (net_pkt_has(&pi, NET_LAYER_ARP))
		host_arp_rx(h, hi, &pi);
	else if (pi.af == NET_AF_IP4 || pi.af == NET_AF_IP6)
		host_ip_rx(h, hi, &pi, f);
	else
		h->cnt.rx_unhandled++;
out:
	net_frame_free(n->env->pool, f);
}

static void host_carrier(struct node *n, struct node_iface *ifp, bool up)
{
	struct node_host *h = host_of(n);
	struct host_if *hi = host_if_get(h, ifp);
	bool was = ifp->oper_up;
	int i;

	node_iface_set_oper(ifp, up && ifp->admin_up, "carrier");
	if (was == ifp->oper_up)
		return;
	if (!ifp->oper_up && hi) {
		node_nbr_flush(&hi->arp, "iface-down");
		node_nbr_flush(&hi->nd, "iface-down");
	}
	for (i = 0; i < h->nlisteners; i++)
		if (h->listeners[i].iface)
			h->listeners[i].iface(h->listeners[i].ctx, n, ifp,
					      ifp->oper_up);
}

static void host_crash(struct node *n)
{
	struct node_host *h = host_of(n);
	int i;

	n->crashed = true;
	host_ping_stop_all(h);
	for (i = 0; i < n->nifaces; i++) {
		struct host_if *hi = n->ifaces[i]->priv;

		if (!hi)
			continue;
		node_nbr_flush(&hi->arp, "crash");
		node_nbr_flush(&hi->nd, "crash");
	}
	for (i = 0; i < h->nlisteners; i++)
		if (h->listeners[i].crash)
			h->listeners[i].crash(h->listeners[i].ctx, n);
}

static void host_restart(struct node *n)
{
	struct node_host *h = host_of(n);
	int i, j;

	n->crashed = false;
	for (i = 0; i < n->nifaces; i++) {
		struct host_if *hi = n->ifaces[i]->priv;

		for (j = 0; hi && j < hi->ngroups; j++)
			host_tell(h, hi->ifp, &hi->groups[j], HOST_JOINED);
	}
}

static void host_destroy(struct node *n)
{
	struct node_host *h = host_of(n);
	int i;

	host_ping_free_all(h);
	for (i = 0; i < n->nifaces; i++)
		host_if_free(n->ifaces[i]);
	free(h->binds);
	node_fini(n);
	free(h);
}

static const struct node_ops node_host_ops = {
	.kind_name = "host",
	.rx = host_rx,
	.carrier = host_carrier,
	.crash = host_crash,
	.restart = host_restart,
	.destroy = host_destroy,
};

struct node *node_host_new(struct node_env *env, const char *name)
{
	struct node_host *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	node_init(&h->node, &node_host_ops, NODE_HOST, name, env);
	h->ping_timeout = NODE_HOST_PING_TIMEOUT;
	return &h->node;
}
