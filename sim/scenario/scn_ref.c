/*
 * Cross-reference checks of the scenario loader: sorted name indices (node,
 * link, stream and capture names must be unique; references are resolved by
 * binary search so large topologies load in n log n), node references with
 * the kinds each use accepts, and uniqueness of what the network cannot
 * share: link endpoints, host MAC addresses and host IP addresses. A
 * duplicate is always reported at its later occurrence, naming the first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario/scn_internal.h"

static int scn_loc_cmp(struct scn_loc a, struct scn_loc b)
{
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	if (a.col != b.col)
		return a.col < b.col ? -1 : 1;
	return 0;
}

struct scn_bent {
	const char *name;
	struct scn_loc loc;
	int id;
};

static int scn_bent_cmp(const void *a, const void *b)
{
	const struct scn_bent *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	return r != 0 ? r : scn_loc_cmp(x->loc, y->loc);
}

static int scn_ent_cmp(const void *a, const void *b)
{
	const struct scn_index_ent *x = a, *y = b;

	return strcmp(x->name, y->name);
}

int scn_index_build(struct scn_ctx *c, struct scn_index *ix,
		    const char *const *names, const struct scn_loc *locs,
		    const int *ids, size_t n, const char *what,
		    scn_path_fn pathfn)
{
	struct scn_bent *b = scn_calloc(c, n, sizeof(*b));
	size_t i, dup = SIZE_MAX, first = 0;
	char path[SCN_PATH_MAX];

	if (b == NULL)
		return -1;
	for (i = 0; i < n; i++)
		b[i] = (struct scn_bent){ names[i], locs[i], ids[i] };
	qsort(b, n, sizeof(*b), scn_bent_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(b[i].name, b[i - 1].name) != 0)
			continue;
		if (dup == SIZE_MAX || scn_loc_cmp(b[i].loc, b[dup].loc) < 0) {
			dup = i;
			first = i - 1;
		}
		while (i + 1 < n && strcmp(b[i + 1].name, b[i].name) == 0)
			i++;
	}
	if (dup != SIZE_MAX) {
		pathfn(path, b[dup].id);
		scn_fail(c, b[dup].loc,
			 "%s: duplicate %s name \"%s\" (first at %u:%u)", path,
			 what, b[dup].name, b[first].loc.line,
			 b[first].loc.col);
		free(b);
		return -1;
	}
	ix->ents = scn_calloc(c, n, sizeof(*ix->ents));
	if (ix->ents == NULL) {
		free(b);
		return -1;
	}
	for (i = 0; i < n; i++)
		ix->ents[i] = (struct scn_index_ent){ b[i].name, b[i].id };
	ix->n = n;
	free(b);
	return 0;
}

int scn_index_find(const struct scn_index *ix, const char *name)
{
	struct scn_index_ent key = { .name = name };
	const struct scn_index_ent *e;

	if (ix->n == 0)
		return SCN_NONE;
	e = bsearch(&key, ix->ents, ix->n, sizeof(key), scn_ent_cmp);
	return e != NULL ? e->idx : SCN_NONE;
}

void scn_index_free(struct scn_index *ix)
{
	free(ix->ents);
	ix->ents = NULL;
	ix->n = 0;
}

static const char *const scn_kind_names[] = {
	[SCN_NODE_ROUTER] = "router",
	[SCN_NODE_SWITCH] = "switch",
	[SCN_NODE_HOST] = "host",
};

int scn_ref_node(struct scn_ctx *c, struct scn_loc loc, const char *path,
		 const char *name, unsigned kinds_mask, const char *kinds,
		 int *idx)
{
	int i = scn_index_find(&c->nodes, name);
	const struct scn_node *n;

	if (i == SCN_NONE)
		return scn_fail(c, loc, "%s: no node named \"%s\"", path, name);
	n = &c->spec->nodes[i];
	if (!(kinds_mask & SCN_KIND_BIT(n->kind)))
		return scn_fail(c, loc, "%s: \"%s\" is a %s; expected %s", path,
				name, scn_kind_names[n->kind], kinds);
	*idx = i;
	return 0;
}

bool scn_same_prefix(const struct net_addr *a, const struct net_addr *b,
		     unsigned len)
{
	unsigned i;

	for (i = 0; i < len / 8; i++)
		if (a->b[i] != b->b[i])
			return false;
	if (len % 8 != 0) {
		uint8_t mask = (uint8_t)(0xff << (8 - len % 8));

		return (a->b[i] & mask) == (b->b[i] & mask);
	}
	return true;
}

/* One host address (MAC, IPv4 or IPv6) for the duplicate check. */
struct scn_hent {
	const uint8_t *key;
	size_t klen;
	struct scn_loc loc;
	int node;
	int iface;
};

static int scn_hent_cmp(const void *a, const void *b)
{
	const struct scn_hent *x = a, *y = b;
	int r = memcmp(x->key, y->key, x->klen);

	return r != 0 ? r : scn_loc_cmp(x->loc, y->loc);
}

static void scn_hent_fmt(const struct scn_hent *e, char *buf, size_t len)
{
	struct net_mac mac;
	struct net_addr a = { 0 };

	if (e->klen == 6) {
		memcpy(mac.b, e->key, 6);
		net_mac_fmt(&mac, buf, len);
		return;
	}
	a.af = e->klen == 4 ? NET_AF_IP4 : NET_AF_IP6;
	memcpy(a.b, e->key, e->klen);
	net_addr_fmt(&a, buf, len);
}

static int scn_hosts_dup(struct scn_ctx *c, struct scn_hent *e, size_t n,
			 const char *what)
{
	const struct scn_spec *s = c->spec;
	size_t i, dup = SIZE_MAX;
	const struct scn_hent *d, *f;
	const struct scn_host_iface *di, *fi;
	char addr[NET_ADDR_STRLEN];

	qsort(e, n, sizeof(*e), scn_hent_cmp);
	for (i = 1; i < n; i++)
		if (memcmp(e[i].key, e[i - 1].key, e[i].klen) == 0 &&
		    (dup == SIZE_MAX || scn_loc_cmp(e[i].loc, e[dup].loc) < 0))
			dup = i;
	if (dup == SIZE_MAX)
		return 0;
	d = &e[dup];
	f = &e[dup - 1];
	while (f > e && memcmp((f - 1)->key, d->key, d->klen) == 0)
		f--;
	scn_hent_fmt(d, addr, sizeof(addr));
	di = &s->nodes[d->node].host.ifaces[d->iface];
	fi = &s->nodes[f->node].host.ifaces[f->iface];
	return scn_fail(c, d->loc,
			"nodes[%d]: %s %s of interface %s is also used by "
			"%s:%s%s",
			d->node, what, addr, di->name, s->nodes[f->node].name,
			fi->name,
			d->klen == 6 && !(di->mac_given && fi->mac_given)
				? " (derived from the host name); set mac: "
				  "explicitly on one of them"
				: "");
}

int scn_ref_hosts_unique(struct scn_ctx *c)
{
	const struct scn_spec *s = c->spec;
	struct scn_hent *m, *v4, *v6;
	size_t i, j, nm = 0, n4 = 0, n6 = 0, total = 0;
	int r = 0;

	for (i = 0; i < s->nnodes; i++)
		total += s->nodes[i].host.nifaces;
	m = scn_calloc(c, total, sizeof(*m));
	v4 = scn_calloc(c, total, sizeof(*v4));
	v6 = scn_calloc(c, total, sizeof(*v6));
	if (m == NULL || v4 == NULL || v6 == NULL)
		r = -1;
	for (i = 0; r == 0 && i < s->nnodes; i++) {
		for (j = 0; j < s->nodes[i].host.nifaces; j++) {
			const struct scn_host_iface *f =
				&s->nodes[i].host.ifaces[j];
			struct scn_hent e = { .loc = f->loc,
					      .node = (int)i,
					      .iface = (int)j };

			m[nm] = e;
			m[nm].key = f->mac.b;
			m[nm++].klen = 6;
			if (f->ip4.af != NET_AF_NONE) {
				v4[n4] = e;
				v4[n4].key = f->ip4.b;
				v4[n4++].klen = 4;
			}
			if (f->ip6.af != NET_AF_NONE) {
				v6[n6] = e;
				v6[n6].key = f->ip6.b;
				v6[n6++].klen = 16;
			}
		}
	}
	if (r == 0)
		r = scn_hosts_dup(c, m, nm, "MAC address");
	if (r == 0)
		r = scn_hosts_dup(c, v4, n4, "IPv4 address");
	if (r == 0)
		r = scn_hosts_dup(c, v6, n6, "IPv6 address");
	free(m);
	free(v4);
	free(v6);
	return r;
}

struct scn_eent {
	const struct scn_endpoint *ep;
	size_t link;
	char side;
};

static int scn_eent_cmp(const void *a, const void *b)
{
	const struct scn_eent *x = a, *y = b;
	int r;

	if (x->ep->node_idx != y->ep->node_idx)
		return x->ep->node_idx < y->ep->node_idx ? -1 : 1;
	r = strcmp(x->ep->iface, y->ep->iface);
	return r != 0 ? r : scn_loc_cmp(x->ep->loc, y->ep->loc);
}

int scn_ref_endpoints(struct scn_ctx *c)
{
	const struct scn_spec *s = c->spec;
	struct scn_eent *e = scn_calloc(c, 2 * s->nlinks, sizeof(*e));
	size_t i, n = 2 * s->nlinks, dup = SIZE_MAX;
	int r = 0;

	if (e == NULL)
		return -1;
	for (i = 0; i < s->nlinks; i++) {
		e[2 * i] = (struct scn_eent){ &s->links[i].a, i, 'a' };
		e[2 * i + 1] = (struct scn_eent){ &s->links[i].b, i, 'b' };
	}
	qsort(e, n, sizeof(*e), scn_eent_cmp);
	for (i = 1; i < n; i++)
		if (e[i].ep->node_idx == e[i - 1].ep->node_idx &&
		    strcmp(e[i].ep->iface, e[i - 1].ep->iface) == 0 &&
		    (dup == SIZE_MAX ||
		     scn_loc_cmp(e[i].ep->loc, e[dup].ep->loc) < 0))
			dup = i;
	if (dup != SIZE_MAX) {
		size_t f = dup - 1;

		while (f > 0 && e[f - 1].ep->node_idx == e[dup].ep->node_idx &&
		       strcmp(e[f - 1].ep->iface, e[dup].ep->iface) == 0)
			f--;
		r = scn_fail(c, e[dup].ep->loc,
			     "links[%zu].%c: %s:%s is already connected by "
			     "links[%zu] (at %u:%u)",
			     e[dup].link, e[dup].side, e[dup].ep->node,
			     e[dup].ep->iface, e[f].link, e[f].ep->loc.line,
			     e[f].ep->loc.col);
	}
	free(e);
	return r;
}
