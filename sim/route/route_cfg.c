/*
 * Configuration-facing half of the RIB: interface addresses and the Direct
 * routes they create (VRP: subnet route with the own address as next hop,
 * host route with 127.0.0.1 / ::1, optional subnet broadcast host route;
 * IPv6 link-local addresses make none, RFC 4291 section 2.5.6 scopes them
 * to their link), and static routes as `ip route-static` and `ipv6
 * route-static` define them, with the checks an operator's input needs.
 */
#include "sim/route/route_rib_impl.h"

#include <errno.h>
#include <stdlib.h>

/* ---- interface addresses ---- */

int rt_rib_addr_check(const struct net_addr *a, unsigned plen, char *why,
		      size_t whylen)
{
	struct net_prefix p;
	unsigned bits;

	if (!a || (a->af != NET_AF_IP4 && a->af != NET_AF_IP6)) {
		rt_why(why, whylen, "address family must be IPv4 or IPv6");
		return -EINVAL;
	}
	bits = rt_af_bits(a->af);
	if (plen < 1 || plen > bits) {
		rt_why(why, whylen, "prefix length out of range");
		return -EINVAL;
	}
	if (rt_addr_is_zero(a) || net_addr_is_multicast(a)) {
		rt_why(why, whylen,
		       "address must not be unspecified or multicast");
		return -EINVAL;
	}
	if (a->af == NET_AF_IP4 && plen <= 30) {
		struct net_addr ca = rt_addr_clean(a);
		struct net_prefix b;

		p.addr = ca;
		p.len = (uint8_t)plen;
		net_prefix_normalize(&p);
		b = p;
		for (unsigned i = plen; i < 32; i++)
			b.addr.b[i / 8] |= (uint8_t)(0x80u >> (i % 8));
		if (rt_addr_same(&p.addr, &ca) || rt_addr_same(&b.addr, &ca)) {
			rt_why(why, whylen,
			       "address is the subnet or broadcast address");
			return -EINVAL;
		}
	}
	return 0;
}

static bool is_link_local(const struct net_addr *a)
{
	return a->af == NET_AF_IP6 && a->b[0] == 0xfe &&
	       (a->b[1] & 0xc0) == 0x80;
}

static void detach_origin(struct rt_rib *rib, int ifindex,
			  const struct net_addr *a)
{
	struct rt_route *r, *next;

	for (r = rib->ahead; r; r = next) {
		next = r->anext;
		if (r->proto == RT_PROTO_DIRECT && r->ifindex == ifindex &&
		    !(r->flags & RT_F_BUILTIN) && rt_addr_same(&r->origin, a))
			rt_rib_detach(rib, r);
	}
}

static int attach_direct(struct rt_rib *rib, int ifindex,
			 const struct net_addr *a, const struct net_prefix *p,
			 enum rt_kind kind, const struct net_addr *nh,
			 uint32_t flags)
{
	struct rt_route *r =
		rt_route_alloc(p, RT_PROTO_DIRECT, kind, nh, ifindex);

	if (!r)
		return -ENOMEM;
	r->origin = *a;
	r->flags = flags;
	return rt_rib_attach(rib, r);
}

/* The Direct routes of address a/plen on ifindex (see route_rib.h). */
static int add_direct_routes(struct rt_rib *rib, int ifindex,
			     const struct net_addr *a, unsigned plen)
{
	unsigned bits = rt_af_bits(a->af);
	struct net_prefix sub = { .addr = *a, .len = (uint8_t)plen };
	struct net_prefix host = { .addr = *a, .len = (uint8_t)bits };
	struct net_addr lo;
	int err = 0;

	net_addr_parse(a->af == NET_AF_IP4 ? "127.0.0.1" : "::1", &lo);
	net_prefix_normalize(&sub);
	if (plen < bits)
		err = attach_direct(rib, ifindex, a, &sub, RT_KIND_CONNECTED, a,
				    0);
	if (!err)
		err = attach_direct(rib, ifindex, a, &host, RT_KIND_LOCAL, &lo,
				    0);
	if (!err && a->af == NET_AF_IP4 && plen <= 30 &&
	    rib->cfg.subnet_broadcast) {
		struct net_prefix bc = sub;

		bc.len = 32;
		for (unsigned i = plen; i < 32; i++)
			bc.addr.b[i / 8] |= (uint8_t)(0x80u >> (i % 8));
		err = attach_direct(rib, ifindex, a, &bc, RT_KIND_LOCAL, &lo,
				    RT_F_BROADCAST);
	}
	return err;
}

int rt_rib_addr_add(struct rt_rib *rib, int ifindex, const struct net_addr *a,
		    unsigned plen)
{
	struct rt_iface *f;
	struct net_addr ca;
	int err;

	if (!rib || ifindex < 0 || rt_rib_addr_check(a, plen, NULL, 0) < 0)
		return -EINVAL;
	if (rib->in_cb)
		return -EBUSY;
	ca = rt_addr_clean(a);
	f = rt_rib_iface_get(rib, ifindex);
	if (!f)
		return -ENOMEM;
	for (size_t i = 0; i < f->naddrs; i++)
		if (rt_addr_same(&f->addrs[i].addr, &ca))
			return -EEXIST;
	if (f->naddrs == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 4;
		struct rt_ifaddr *n = realloc(f->addrs, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		f->addrs = n;
		f->cap = cap;
	}
	if (!is_link_local(&ca)) {
		err = add_direct_routes(rib, ifindex, &ca, plen);
		if (err) {
			detach_origin(rib, ifindex, &ca);
			rt_rib_commit(rib);
			return err;
		}
	}
	f->addrs[f->naddrs].addr = ca;
	f->addrs[f->naddrs].plen = (uint8_t)plen;
	f->naddrs++;
	rt_rib_commit(rib);
	return 0;
}

int rt_rib_addr_del(struct rt_rib *rib, int ifindex, const struct net_addr *a,
		    unsigned plen)
{
	struct rt_iface *f;
	struct net_addr ca;
	size_t i;

	if (!rib || !a || ifindex < 0)
		return -EINVAL;
	if (rib->in_cb)
		return -EBUSY;
	ca = rt_addr_clean(a);
	f = rt_rib_iface_find(rib, ifindex);
	for (i = 0; f && i < f->naddrs; i++)
		if (rt_addr_same(&f->addrs[i].addr, &ca) &&
		    f->addrs[i].plen == plen)
			break;
	if (!f || i == f->naddrs)
		return -ENOENT;
	memmove(&f->addrs[i], &f->addrs[i + 1],
		(f->naddrs - i - 1) * sizeof(*f->addrs));
	f->naddrs--;
	detach_origin(rib, ifindex, &ca);
	rt_rib_commit(rib);
	return 0;
}

/* ---- static routes ---- */

void rt_static_init(struct rt_static *s, const struct net_prefix *p)
{
	memset(s, 0, sizeof(*s));
	if (p)
		s->prefix = *p;
	s->ifindex = RT_IFINDEX_NONE;
}

int rt_static_check(const struct rt_static *s, char *why, size_t whylen)
{
	bool has_nh;

	if (!s || !rt_lpm_prefix_valid(&s->prefix)) {
		rt_why(why, whylen, "invalid prefix (host bits must be zero)");
		return -EINVAL;
	}
	has_nh = s->nexthop.af != NET_AF_NONE;
	if (s->preference > 255) {
		rt_why(why, whylen, "preference must be 1..255");
		return -EINVAL;
	}
	if (s->blackhole) {
		if (has_nh || s->ifindex != RT_IFINDEX_NONE) {
			rt_why(why, whylen,
			       "a blackhole route takes no next hop or "
			       "interface");
			return -EINVAL;
		}
		return 0;
	}
	if (s->ifindex < 0 && s->ifindex != RT_IFINDEX_NONE) {
		rt_why(why, whylen, "invalid interface index");
		return -EINVAL;
	}
	if (!has_nh && s->ifindex == RT_IFINDEX_NONE) {
		rt_why(why, whylen, "a next hop or an interface is required");
		return -EINVAL;
	}
	if (!has_nh)
		return 0;
	if (s->nexthop.af != s->prefix.addr.af) {
		rt_why(why, whylen,
		       "next hop and prefix are of different families");
		return -EINVAL;
	}
	if (rt_addr_is_zero(&s->nexthop) ||
	    net_addr_is_multicast(&s->nexthop)) {
		rt_why(why, whylen,
		       "next hop must not be unspecified or multicast");
		return -EINVAL;
	}
	if (is_link_local(&s->nexthop) && s->ifindex == RT_IFINDEX_NONE) {
		rt_why(why, whylen,
		       "a link-local next hop needs an outgoing interface");
		return -EINVAL;
	}
	return 0;
}

static bool static_key_eq(const struct rt_route *r, const struct rt_static *s)
{
	struct net_addr nh = rt_addr_clean(&s->nexthop);
	int ifindex = s->blackhole ? RT_IFINDEX_NULL0 : s->ifindex;

	return r->proto == RT_PROTO_STATIC &&
	       (r->kind == RT_KIND_BLACKHOLE) == s->blackhole &&
	       r->ifindex == ifindex && rt_addr_same(&r->nexthop, &nh);
}

static struct rt_route *static_find(const struct rt_rib *rib,
				    const struct rt_static *s)
{
	void *v;

	if (!rt_lpm_get(rib->dests, &s->prefix, &v))
		return NULL;
	for (struct rt_route *r = ((struct rt_dest *)v)->routes; r;
	     r = r->dnext)
		if (static_key_eq(r, s))
			return r;
	return NULL;
}

int rt_rib_static_add(struct rt_rib *rib, const struct rt_static *s)
{
	unsigned pref;
	struct rt_route *r;
	enum rt_kind kind;
	int err;

	if (!rib || rt_static_check(s, NULL, 0) < 0)
		return -EINVAL;
	if (rib->in_cb)
		return -EBUSY;
	pref = s->preference ? s->preference : RT_PREF_STATIC;
	r = static_find(rib, s);
	if (r) {
		if (r->preference == pref && r->cost == s->cost)
			return 0;
		r->preference = pref;
		r->cost = s->cost;
		if (!(r->flags & RT_F_RECURSIVE))
			rt_rib_nonrec_changed(rib, &r->prefix);
		rt_rib_mark_dirty(rib, r->dest);
		rt_rib_commit(rib);
		return 0;
	}
	if (s->blackhole)
		kind = RT_KIND_BLACKHOLE;
	else if (s->nexthop.af != NET_AF_NONE)
		kind = RT_KIND_NEXTHOP;
	else
		kind = RT_KIND_CONNECTED;
	r = rt_route_alloc(&s->prefix, RT_PROTO_STATIC, kind,
			   s->nexthop.af != NET_AF_NONE ? &s->nexthop : NULL,
			   s->blackhole ? RT_IFINDEX_NULL0 : s->ifindex);
	if (!r)
		return -ENOMEM;
	r->preference = pref;
	r->cost = s->cost;
	if (kind == RT_KIND_NEXTHOP && s->ifindex == RT_IFINDEX_NONE)
		r->flags |= RT_F_RECURSIVE;
	err = rt_rib_attach(rib, r);
	rt_rib_commit(rib);
	return err;
}

int rt_rib_static_del(struct rt_rib *rib, const struct rt_static *s)
{
	struct rt_route *r;

	if (!rib || !s || !rt_lpm_prefix_valid(&s->prefix))
		return -EINVAL;
	if (rib->in_cb)
		return -EBUSY;
	r = static_find(rib, s);
	if (!r)
		return -ENOENT;
	rt_rib_detach(rib, r);
	rt_rib_commit(rib);
	return 0;
}
