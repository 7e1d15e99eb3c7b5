/*
 * Test worlds (node_testlib.h): an engine, an in-memory event log, a frame
 * pool and the nodes and links of one small topology, with probe nodes and
 * link captures for checking frames. Implements no RFC.
 */
#include "sim/node/node_testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/node/node_host.h"
#include "sim/node/node_switch.h"

struct tw_probe {
	struct node node; /* first */
	struct node_tw_frame *v;
	size_t n, cap;
};

static void tw_die(const char *what, const char *arg)
{
	fprintf(stderr, "node_testlib: %s%s%s\n", what, arg ? ": " : "",
		arg ? arg : "");
	abort();
}

static void *tw_grow(void *v, size_t *cap, size_t n, size_t size)
{
	size_t nc;

	if (n < *cap)
		return v;
	nc = *cap ? *cap * 2 : 16;
	v = realloc(v, nc * size);
	if (!v)
		tw_die("out of memory", NULL);
	*cap = nc;
	return v;
}

static void tw_log_tap(void *arg, const struct sim_log_rec *r)
{
	struct node_tw *w = arg;
	struct node_tw_rec *x;

	w->recs = tw_grow(w->recs, &w->caprecs, w->nrecs, sizeof(*w->recs));
	x = &w->recs[w->nrecs++];
	x->t = r->t;
	snprintf(x->node, sizeof(x->node), "%s", r->node ? r->node : "");
	snprintf(x->module, sizeof(x->module), "%s",
		 r->module ? r->module : "");
	snprintf(x->event, sizeof(x->event), "%s", r->event ? r->event : "");
	x->rec = *r;
	x->rec.node = x->node;
	x->rec.module = x->module;
	x->rec.event = x->event;
	if (w->verbose)
		fprintf(stderr, "%.*s\n", (int)r->len, r->json);
}

struct node_tw *node_tw_new(uint64_t seed)
{
	struct node_tw *w = calloc(1, sizeof(*w));
	const char *v = getenv("NODE_TW_VERBOSE");

	if (!w)
		tw_die("out of memory", NULL);
	w->eng = sim_engine_new();
	if (!w->eng)
		tw_die("out of memory", NULL);
	sim_log_init(&w->log, NULL);
	sim_log_add_tap(&w->log, tw_log_tap, w);
	net_frame_pool_init(&w->pool);
	w->env.eng = w->eng;
	w->env.log = &w->log;
	w->env.pool = &w->pool;
	w->env.seed = seed;
	w->verbose = v && *v && strcmp(v, "0") != 0;
	return w;
}

bool node_tw_free(struct node_tw *w)
{
	bool ok = true;
	size_t reserved;
	int i;

	for (i = 0; i < w->nlinks; i++)
		node_link_free(w->links[i]);
	for (i = 0; i < w->nnodes; i++)
		node_destroy(w->nodes[i]);
	for (i = 0; i < w->ncaps; i++)
		free(w->caps[i].v);
	reserved = sim_engine_reserved(w->eng);
	if (w->pool.in_use != 0 || reserved != 0) {
		fprintf(stderr,
			"node_testlib: leak: %zu frames in use, %zu timers "
			"bound\n",
			w->pool.in_use, reserved);
		ok = false;
	}
	net_frame_pool_fini(&w->pool);
	sim_engine_free(w->eng);
	free(w->recs);
	free(w);
	return ok;
}

struct node *node_tw_add(struct node_tw *w, struct node *n)
{
	if (!n)
		tw_die("node creation failed", NULL);
	if (w->nnodes >= NODE_TW_MAX)
		tw_die("too many nodes", n->name);
	w->nodes[w->nnodes++] = n;
	return n;
}

/* "10.0.0.1/24" into the address and the prefix length. */
static void tw_prefix(const char *s, struct net_addr *a, uint8_t *plen)
{
	const char *slash = strchr(s, '/');
	char buf[NET_PREFIX_STRLEN], *end;
	unsigned long len;

	if (!slash || (size_t)(slash - s) >= sizeof(buf))
		tw_die("bad prefix", s);
	snprintf(buf, sizeof(buf), "%.*s", (int)(slash - s), s);
	*a = node_tw_addr(buf);
	len = strtoul(slash + 1, &end, 10);
	if (end == slash + 1 || *end || len > (a->af == NET_AF_IP4 ? 32 : 128))
		tw_die("bad prefix length", s);
	*plen = (uint8_t)len;
}

struct node *node_tw_host(struct node_tw *w, const char *name,
			  const char *ifname, const char *ip4, const char *gw4,
			  const char *ip6, const char *gw6)
{
	struct node *h = node_tw_add(w, node_host_new(&w->env, name));
	struct net_addr a;
	uint8_t plen;

	if (!node_host_iface_add(h, ifname, NULL))
		tw_die("cannot add interface", ifname);
	if (ip4) {
		struct net_ip4 x;

		tw_prefix(ip4, &a, &plen);
		x = net_addr_ip4(&a);
		if (node_host_set_ipv4(h, ifname, &x, plen))
			tw_die("cannot set address", ip4);
	}
	if (gw4) {
		struct net_ip4 x = node_tw_ip4(gw4);

		node_host_set_gateway(h, ifname, &x);
	}
	if (ip6) {
		struct net_ip6 x;

		tw_prefix(ip6, &a, &plen);
		x = net_addr_ip6(&a);
		if (node_host_set_ipv6(h, ifname, &x, plen))
			tw_die("cannot set address", ip6);
	}
	if (gw6) {
		struct net_ip6 x = node_tw_ip6(gw6);

		node_host_set_gateway6(h, ifname, &x);
	}
	return h;
}

struct node *node_tw_switch(struct node_tw *w, const char *name, int nports,
			    sim_time_t ageing)
{
	struct node *sw =
		node_tw_add(w, node_switch_new(&w->env, name, ageing));
	int i;

	for (i = 0; i < nports; i++) {
		char pn[16];

		snprintf(pn, sizeof(pn), "p%d", i);
		if (!node_iface_add(sw, pn, NULL))
			tw_die("cannot add port", pn);
	}
	return sw;
}

static struct node_iface *tw_iface(struct node *n, const char *ifname)
{
	struct node_iface *ifp = node_iface_find(n, ifname);

	if (ifp)
		return ifp;
	if (strcmp(n->ops->kind_name, "host") == 0)
		ifp = node_host_iface_add(n, ifname, NULL);
	else
		ifp = node_iface_add(n, ifname, NULL);
	if (!ifp)
		tw_die("cannot add interface", ifname);
	return ifp;
}

struct node_link *node_tw_link(struct node_tw *w, const char *name,
			       struct node *a, const char *ifa, struct node *b,
			       const char *ifb, uint64_t rate_bps,
			       sim_time_t delay)
{
	struct node_link *l;

	if (w->nlinks >= NODE_TW_MAX)
		tw_die("too many links", name);
	l = node_link_new(&w->env, name, tw_iface(a, ifa), tw_iface(b, ifb),
			  rate_bps, delay, 0, true);
	if (!l)
		tw_die("cannot create link", name);
	w->links[w->nlinks++] = l;
	return l;
}

void node_tw_run(struct node_tw *w, sim_time_t until)
{
	sim_engine_run(w->eng, until);
}

void node_tw_run_for(struct node_tw *w, sim_time_t dt)
{
	sim_engine_run(w->eng, sim_now(w->eng) + dt);
}

static bool tw_match(const struct node_tw_rec *r, const char *node,
		     const char *module, const char *event)
{
	return (!node || strcmp(r->node, node) == 0) &&
	       (!module || strcmp(r->module, module) == 0) &&
	       (!event || strcmp(r->event, event) == 0);
}

size_t node_tw_count(const struct node_tw *w, const char *node,
		     const char *module, const char *event)
{
	size_t i, n = 0;

	for (i = 0; i < w->nrecs; i++)
		if (tw_match(&w->recs[i], node, module, event))
			n++;
	return n;
}

const struct node_tw_rec *node_tw_find(const struct node_tw *w,
				       const char *node, const char *module,
				       const char *event, size_t nth)
{
	size_t i;

	for (i = 0; i < w->nrecs; i++)
		if (tw_match(&w->recs[i], node, module, event) && nth-- == 0)
			return &w->recs[i];
	return NULL;
}

bool node_tw_field(const struct node_tw_rec *r, const char *key, char *buf,
		   size_t len)
{
	return r && sim_log_field(&r->rec, key, buf, len);
}

int64_t node_tw_field_int(const struct node_tw_rec *r, const char *key,
			  int64_t dflt)
{
	char buf[32], *end;
	long long v;

	if (!node_tw_field(r, key, buf, sizeof(buf)))
		return dflt;
	v = strtoll(buf, &end, 10);
	return end != buf && *end == '\0' ? (int64_t)v : dflt;
}

void node_tw_clear_log(struct node_tw *w)
{
	w->nrecs = 0;
}

static void tw_probe_rx(struct node *n, struct node_iface *ifp,
			struct net_frame *f)
{
	struct tw_probe *p = (struct tw_probe *)n;
	struct node_tw_frame *x;

	p->v = tw_grow(p->v, &p->cap, p->n, sizeof(*p->v));
	x = &p->v[p->n++];
	x->t = node_now(n);
	x->ifindex = ifp->ifindex;
	x->dir = -1;
	x->len = f->len;
	memcpy(x->data, f->data, f->len);
	net_frame_free(n->env->pool, f);
}

static void tw_probe_carrier(struct node *n, struct node_iface *ifp, bool up)
{
	(void)n;
	node_iface_set_oper(ifp, up && ifp->admin_up, "carrier");
}

static void tw_probe_destroy(struct node *n)
{
	struct tw_probe *p = (struct tw_probe *)n;

	free(p->v);
	node_fini(n);
	free(p);
}

static const struct node_ops tw_probe_ops = {
	.kind_name = "probe",
	.rx = tw_probe_rx,
	.carrier = tw_probe_carrier,
	.destroy = tw_probe_destroy,
};

struct node *node_tw_probe(struct node_tw *w, const char *name)
{
	struct tw_probe *p = calloc(1, sizeof(*p));

	if (!p)
		tw_die("out of memory", NULL);
	node_init(&p->node, &tw_probe_ops, NODE_HOST, name, &w->env);
	return node_tw_add(w, &p->node);
}

size_t node_tw_probe_count(const struct node *n)
{
	return ((const struct tw_probe *)n)->n;
}

const struct node_tw_frame *node_tw_probe_frame(const struct node *n, size_t i)
{
	const struct tw_probe *p = (const struct tw_probe *)n;

	return i < p->n ? &p->v[i] : NULL;
}

void node_tw_probe_clear(struct node *n)
{
	((struct tw_probe *)n)->n = 0;
}

int node_tw_probe_send(struct node *n, const char *ifname, const void *data,
		       size_t len)
{
	struct node_iface *ifp = node_iface_find(n, ifname);
	struct net_frame *f;

	if (!ifp || len > NET_FRAME_MAX)
		return -1;
	f = net_frame_alloc(n->env->pool);
	if (!f)
		return -1;
	memcpy(f->data, data, len);
	f->len = (uint16_t)len;
	node_iface_send(ifp, f);
	return 0;
}

static void tw_cap_tap(void *arg, const struct node_link *l, int dir,
		       sim_time_t t, const struct net_frame *f)
{
	struct node_tw_cap *c = arg;
	struct node_tw_frame *x;

	(void)l;
	c->v = tw_grow(c->v, &c->cap, c->n, sizeof(*c->v));
	x = &c->v[c->n++];
	x->t = t;
	x->ifindex = -1;
	x->dir = dir;
	x->len = f->len;
	memcpy(x->data, f->data, f->len);
}

struct node_tw_cap *node_tw_capture(struct node_tw *w, struct node_link *l)
{
	struct node_tw_cap *c;

	if (w->ncaps >= NODE_TW_MAX)
		tw_die("too many captures", l->name);
	c = &w->caps[w->ncaps++];
	c->link = l;
	node_link_set_tap(l, tw_cap_tap, c);
	return c;
}

struct net_addr node_tw_addr(const char *s)
{
	struct net_addr a;

	if (net_addr_parse(s, &a))
		tw_die("bad address", s);
	return a;
}

struct net_ip4 node_tw_ip4(const char *s)
{
	struct net_addr a = node_tw_addr(s);

	if (a.af != NET_AF_IP4)
		tw_die("not an IPv4 address", s);
	return net_addr_ip4(&a);
}

struct net_ip6 node_tw_ip6(const char *s)
{
	struct net_addr a = node_tw_addr(s);

	if (a.af != NET_AF_IP6)
		tw_die("not an IPv6 address", s);
	return net_addr_ip6(&a);
}

struct net_mac node_tw_mac(const char *s)
{
	struct net_mac m;

	if (net_mac_parse(s, &m))
		tw_die("bad MAC", s);
	return m;
}
