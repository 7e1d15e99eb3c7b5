/*
 * Neighbor cache (node_nbr.h) for ARP (RFC 826; RFC 1122 section 2.3.2) and
 * IPv6 Neighbor Discovery (RFC 4861 sections 7.2 and 7.3).
 *
 * Resolution: the first packet for an unknown neighbor creates an
 * INCOMPLETE entry and sends a solicitation; solicitations repeat every
 * retrans (1 s, RetransTimer) until max_solicit (3, MAX_MULTICAST_SOLICIT)
 * have been sent; retrans after the last one the resolution fails (3 s
 * after the first): pending packets are dropped and counted, ops->failed is
 * told and the entry is deleted. The same rule is used for ARP requests.
 * Up to max_pending (3) packets wait per entry (RFC 1122 section 2.3.2.2
 * asks for at least one); on overflow the newest replaces the oldest (RFC
 * 4861 section 7.2.2). On resolution the waiting frames get their
 * destination MAC written and are sent in order.
 *
 * ARP: an entry is REACHABLE for reachable (1200 s, VRP's ARP aging) after
 * the last ARP packet from that host, then deleted ("expired"). A received
 * ARP updates the sender's existing entry (RFC 826 merge) and creates one
 * only when the packet targets one of our addresses. A gratuitous ARP (RFC
 * 5227 announcement) therefore updates an existing entry but creates none:
 * the RFC 826 algorithm adds a pair only when we are the target, and RFC
 * 5227 section 2.5 only says existing caches are updated.
 *
 * ND, with a simplified NUD: INCOMPLETE -> REACHABLE on a solicited NA,
 * REACHABLE -> STALE after ReachableTime (30 s, fixed: not randomized as
 * section 6.3.2 says, so runs stay easy to read), and STALE stays usable
 * indefinitely: there is no DELAY or PROBE state and no unicast probing;
 * STALE entries are changed only by received NS/NA. NA processing follows
 * section 7.2.5 (R/S/O flags; an unsolicited NA with O=1 overrides the
 * cached MAC, which is how hosts follow a VRRP takeover), NS processing
 * section 7.2.3 (an NS with a Source Link-Layer Address option creates a
 * STALE entry or updates a changed one). NAs for unknown targets are
 * ignored.
 *
 * Every state or MAC change goes through nbr_set, which logs it (module
 * "arp" or "nd", event = new state name, or "failed", "expired",
 * "deleted").
 */
#include "sim/node/node_nbr.h"

#include <stdlib.h>
#include <string.h>

static const char *const node_nbr_state_names[NODE_NBR_STATE__COUNT] = {
	[NODE_NBR_INCOMPLETE] = "incomplete",
	[NODE_NBR_REACHABLE] = "reachable",
	[NODE_NBR_STALE] = "stale",
};

const char *node_nbr_state_name(enum node_nbr_state s)
{
	if ((unsigned)s >= NODE_NBR_STATE__COUNT)
		return "unknown";
	return node_nbr_state_names[s];
}

static const char *nbr_module(const struct node_nbr *c)
{
	return c->af == NET_AF_IP4 ? "arp" : "nd";
}

static size_t nbr_hash_n(const struct net_addr *a, size_t nbuckets)
{
	uint32_t h = 2166136261u;
	int i;

	for (i = 0; i < 16; i++) {
		h ^= a->b[i];
		h *= 16777619u;
	}
	return h & (nbuckets - 1);
}

static size_t nbr_hash(const struct node_nbr *c, const struct net_addr *a)
{
	return nbr_hash_n(a, c->nbuckets);
}

static void nbr_log(struct node_nbr *c, const struct node_nbr_entry *e,
		    const char *event, const char *from, const char *why)
{
	struct sim_log_rec r;
	char a[NET_ADDR_STRLEN], m[NET_MAC_STRLEN];

	node_log_begin(&r, c->node, nbr_module(c), event);
	sim_log_str(&r, "iface", c->ifp->name);
	net_addr_fmt(&e->addr, a, sizeof(a));
	sim_log_str(&r, "addr", a);
	if (e->state != NODE_NBR_INCOMPLETE) {
		net_mac_fmt(&e->mac, m, sizeof(m));
		sim_log_str(&r, "mac", m);
	}
	if (from)
		sim_log_str(&r, "from", from);
	if (why)
		sim_log_str(&r, "why", why);
	sim_log_end(&r);
}

static void nbr_arm(struct node_nbr_entry *e)
{
	struct node_nbr *c = e->cache;

	switch (e->state) {
	case NODE_NBR_INCOMPLETE:
		node_timer_arm_in(&e->timer, c->p.retrans);
		break;
	case NODE_NBR_REACHABLE:
		node_timer_arm_in(&e->timer, c->p.reachable);
		break;
	default:
		node_timer_cancel(&e->timer);
		break;
	}
}

/* Send what waited for e, in order, with the destination MAC filled in. */
static void nbr_flush_pending(struct node_nbr *c, struct node_nbr_entry *e)
{
	struct net_frame *f;

	while ((f = net_fifo_pop(&e->pending))) {
		if (f->len >= 6) {
			memcpy(f->data, e->mac.b, 6); /* Ethernet destination */
			c->ops->send_frame(c->ctx, c->ifp, f);
		} else {
			c->cnt.pending_drops++;
			net_frame_free(c->node->env->pool, f);
		}
	}
}

/*
 * The one place an entry's state or MAC changes (mac NULL: keep it). Logs,
 * re-arms the timer, tells the owner and sends waiting packets.
 */
static void nbr_set(struct node_nbr *c, struct node_nbr_entry *e,
		    enum node_nbr_state st, const struct net_mac *mac,
		    const char *why)
{
	enum node_nbr_state old = e->state;
	bool mac_changed = mac && (old == NODE_NBR_INCOMPLETE ||
				   !net_mac_eq(mac, &e->mac));

	if (mac)
		e->mac = *mac;
	e->state = st;
	e->updated = node_now(c->node);
	nbr_arm(e);
	if (old != st || mac_changed)
		nbr_log(c, e, node_nbr_state_name(st), node_nbr_state_name(old),
			why);
	if (old == NODE_NBR_INCOMPLETE && st != NODE_NBR_INCOMPLETE)
		c->cnt.resolved++;
	else if (mac_changed)
		c->cnt.updates++;
	if (mac_changed && c->ops->resolved)
		c->ops->resolved(c->ctx, c->ifp, &e->addr, &e->mac);
	if (old == NODE_NBR_INCOMPLETE && st != NODE_NBR_INCOMPLETE)
		nbr_flush_pending(c, e);
}

static struct node_nbr_entry *nbr_find(const struct node_nbr *c,
				       const struct net_addr *a)
{
	struct node_nbr_entry *e;

	for (e = c->buckets[nbr_hash(c, a)]; e; e = e->hnext)
		if (net_addr_eq(&e->addr, a))
			return e;
	return NULL;
}

static void nbr_grow(struct node_nbr *c)
{
	size_t nb = c->nbuckets * 2, i;
	struct node_nbr_entry **b = calloc(nb, sizeof(*b));

	if (!b)
		return; /* keep the old table: only slower */
	for (i = 0; i < c->nbuckets; i++) {
		struct node_nbr_entry *e = c->buckets[i], *next;

		for (; e; e = next) {
			size_t h = nbr_hash_n(&e->addr, nb);

			next = e->hnext;
			e->hnext = b[h];
			b[h] = e;
		}
	}
	free(c->buckets);
	c->buckets = b;
	c->nbuckets = nb;
}

/* Unlink and free e; its pending frames are dropped and counted. */
static void nbr_free(struct node_nbr *c, struct node_nbr_entry *e)
{
	struct node_nbr_entry **pp = &c->buckets[nbr_hash(c, &e->addr)];

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	c->cnt.pending_drops += e->pending.len;
	net_fifo_drain(&e->pending, c->node->env->pool);
	node_timer_fini(&e->timer);
	free(e);
	c->n--;
}

/* Delete e after logging event; tells the owner if it was resolved. */
static void nbr_remove(struct node_nbr *c, struct node_nbr_entry *e,
		       const char *event, const char *why)
{
	struct net_addr a = e->addr;
	bool was_resolved = e->state != NODE_NBR_INCOMPLETE;

	nbr_log(c, e, event, node_nbr_state_name(e->state), why);
	nbr_free(c, e);
	if (was_resolved && c->ops->removed)
		c->ops->removed(c->ctx, c->ifp, &a);
}

static void nbr_send_solicit(struct node_nbr *c, struct node_nbr_entry *e)
{
	e->solicits++;
	c->cnt.solicits++;
	c->ops->send_solicit(c->ctx, c->ifp, &e->addr);
}

static void nbr_fail(struct node_nbr *c, struct node_nbr_entry *e)
{
	struct net_addr a = e->addr;
	struct net_fifo q = e->pending;

	c->cnt.failed++;
	c->cnt.pending_drops += q.len;
	net_fifo_init(&e->pending);
	nbr_log(c, e, "failed", node_nbr_state_name(e->state), "no-reply");
	nbr_free(c, e);
	if (c->ops->failed)
		c->ops->failed(c->ctx, c->ifp, &a, &q);
	net_fifo_drain(&q, c->node->env->pool);
}

static void nbr_timer_fire(struct node_timer *nt)
{
	struct node_nbr_entry *e =
		sim_container_of(nt, struct node_nbr_entry, timer);
	struct node_nbr *c = e->cache;

	switch (e->state) {
	case NODE_NBR_INCOMPLETE:
		if (e->solicits < c->p.max_solicit) {
			nbr_send_solicit(c, e);
			node_timer_arm_in(&e->timer, c->p.retrans);
		} else {
			nbr_fail(c, e);
		}
		break;
	case NODE_NBR_REACHABLE:
		if (c->af == NET_AF_IP4) {
			c->cnt.expired++;
			nbr_remove(c, e, "expired", "aging");
		} else {
			nbr_set(c, e, NODE_NBR_STALE, NULL, "reachable-time");
		}
		break;
	default:
		break;
	}
}

static struct node_nbr_entry *nbr_new(struct node_nbr *c,
				      const struct net_addr *a)
{
	struct node_nbr_entry *e;
	size_t h;

	if (c->n >= c->p.max_entries) {
		c->cnt.full++;
		return NULL;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	if (node_timer_init(c->node, &e->timer, nbr_timer_fire)) {
		free(e);
		return NULL;
	}
	if (c->n >= 2 * c->nbuckets)
		nbr_grow(c);
	e->cache = c;
	e->addr = *a;
	e->state = NODE_NBR_INCOMPLETE;
	e->updated = node_now(c->node);
	net_fifo_init(&e->pending);
	h = nbr_hash(c, a);
	e->hnext = c->buckets[h];
	c->buckets[h] = e;
	c->n++;
	return e;
}

int node_nbr_init(struct node_nbr *c, struct node_iface *ifp, enum net_af af,
		  const struct node_nbr_ops *ops, void *ctx)
{
	memset(c, 0, sizeof(*c));
	if ((af != NET_AF_IP4 && af != NET_AF_IP6) || !ops ||
	    !ops->send_solicit || !ops->send_frame)
		return -1;
	c->node = ifp->node;
	c->ifp = ifp;
	c->af = af;
	c->ops = ops;
	c->ctx = ctx;
	c->p = (struct node_nbr_params){
		.retrans = NODE_NBR_RETRANS,
		.max_solicit = NODE_NBR_MAX_SOLICIT,
		.reachable = af == NET_AF_IP4 ? NODE_NBR_ARP_AGING
					      : NODE_NBR_ND_REACH,
		.max_pending = NODE_NBR_MAX_PENDING,
		.max_entries = NODE_NBR_MAX_ENTRIES,
	};
	c->nbuckets = 16;
	c->buckets = calloc(c->nbuckets, sizeof(*c->buckets));
	return c->buckets ? 0 : -1;
}

void node_nbr_fini(struct node_nbr *c)
{
	size_t i;

	for (i = 0; c->buckets && i < c->nbuckets; i++)
		while (c->buckets[i])
			nbr_free(c, c->buckets[i]);
	free(c->buckets);
	c->buckets = NULL;
	c->nbuckets = 0;
}

enum node_nbr_out node_nbr_output(struct node_nbr *c, const struct net_addr *nh,
				  struct net_frame *f)
{
	struct node_nbr_entry *e = nbr_find(c, nh);
	struct net_frame_pool *pool = c->node->env->pool;

	if (e && e->state != NODE_NBR_INCOMPLETE) {
		if (!f)
			return NODE_NBR_SENT;
		if (f->len < 6) {
			net_frame_free(pool, f);
			return NODE_NBR_DROPPED;
		}
		memcpy(f->data, e->mac.b, 6); /* Ethernet destination */
		c->ops->send_frame(c->ctx, c->ifp, f);
		return NODE_NBR_SENT;
	}
	if (!e) {
		e = nbr_new(c, nh);
		if (!e) {
			net_frame_free(pool, f);
			return NODE_NBR_DROPPED;
		}
		nbr_log(c, e, "incomplete", NULL, "resolve");
		nbr_send_solicit(c, e);
		nbr_arm(e);
	}
	if (!f)
		return NODE_NBR_QUEUED;
	if (c->p.max_pending == 0) {
		c->cnt.pending_drops++;
		net_frame_free(pool, f);
		return NODE_NBR_DROPPED;
	}
	if (e->pending.len >= c->p.max_pending) {
		c->cnt.pending_drops++;
		net_frame_free(pool, net_fifo_pop(&e->pending));
	}
	net_fifo_push(&e->pending, f);
	return NODE_NBR_QUEUED;
}

const struct node_nbr_entry *node_nbr_lookup(const struct node_nbr *c,
					     const struct net_addr *addr)
{
	return nbr_find(c, addr);
}

bool node_nbr_mac(const struct node_nbr *c, const struct net_addr *addr,
		  struct net_mac *mac)
{
	const struct node_nbr_entry *e = nbr_find(c, addr);

	if (!e || e->state == NODE_NBR_INCOMPLETE)
		return false;
	if (mac)
		*mac = e->mac;
	return true;
}

/*
 * RFC 826, "Packet Reception": if the sender's protocol address is in the
 * table, update its hardware address (merge); if we are the target and
 * nothing was merged, add the pair. Any ARP from the host refreshes the
 * entry for another lifetime.
 */
void node_nbr_arp_input(struct node_nbr *c, const struct net_arp *a,
			bool target_is_me)
{
	struct net_addr spa = net_addr_from_ip4(&a->spa);
	struct node_nbr_entry *e;

	if (c->af != NET_AF_IP4 || net_addr_is_unspec(&spa) ||
	    net_mac_is_multicast(&a->sha))
		return; /* RFC 5227 probe, or a bogus sender */
	e = nbr_find(c, &spa);
	if (!e && target_is_me) {
		e = nbr_new(c, &spa);
		if (!e)
			return;
		nbr_set(c, e, NODE_NBR_REACHABLE, &a->sha, "arp-request");
		return;
	}
	if (!e)
		return;
	nbr_set(c, e, NODE_NBR_REACHABLE, &a->sha,
		a->op == NET_ARP_REPLY	   ? "arp-reply"
		: net_arp_is_gratuitous(a) ? "gratuitous-arp"
					   : "arp-request");
}

/*
 * RFC 4861 section 7.2.3: an NS whose source is not the unspecified
 * address and that carries a Source Link-Layer Address option creates the
 * sender's entry as STALE, or sets a changed address and STALE; an
 * INCOMPLETE entry then sends its queued packets (section 7.2.4 / 7.3.3).
 */
void node_nbr_ns_input(struct node_nbr *c, const struct net_ip6 *src,
		       const struct net_mac *sll)
{
	struct net_addr a = net_addr_from_ip6(src);
	struct node_nbr_entry *e;

	if (c->af != NET_AF_IP6 || !sll || net_addr_is_unspec(&a) ||
	    net_ip6_is_multicast(src) || net_mac_is_multicast(sll))
		return;
	e = nbr_find(c, &a);
	if (!e) {
		e = nbr_new(c, &a);
		if (!e)
			return;
	} else if (e->state != NODE_NBR_INCOMPLETE &&
		   net_mac_eq(&e->mac, sll)) {
		return;
	}
	nbr_set(c, e, NODE_NBR_STALE, sll, "ns");
}

/* RFC 4861 section 7.2.5, for an entry that is not INCOMPLETE. */
static void nbr_na_known(struct node_nbr *c, struct node_nbr_entry *e,
			 const struct net_nd *nd)
{
	bool differs = nd->has_tll && !net_mac_eq(&nd->tll, &e->mac);

	if (!nd->override && differs) {
		/* "If the Override flag is clear and the supplied link-layer
		 * address differs ... if the state of the entry is
		 * REACHABLE, set it to STALE, but do not update the entry in
		 * any other way"; otherwise the advertisement is ignored. */
		if (e->state == NODE_NBR_REACHABLE)
			nbr_set(c, e, NODE_NBR_STALE, NULL, "na-no-override");
		return;
	}
	e->is_router = nd->router;
	if (nd->solicited)
		nbr_set(c, e, NODE_NBR_REACHABLE, differs ? &nd->tll : NULL,
			"na-solicited");
	else if (differs)
		nbr_set(c, e, NODE_NBR_STALE, &nd->tll, "na-override");
}

void node_nbr_na_input(struct node_nbr *c, const struct net_nd *nd)
{
	struct net_addr a = net_addr_from_ip6(&nd->target);
	struct node_nbr_entry *e;

	if (c->af != NET_AF_IP6 || nd->type != NET_ICMP6_ND_NA)
		return;
	if (nd->has_tll && net_mac_is_multicast(&nd->tll))
		return;
	e = nbr_find(c, &a);
	if (!e)
		return; /* "the advertisement SHOULD be silently discarded" */
	if (e->state != NODE_NBR_INCOMPLETE) {
		nbr_na_known(c, e, nd);
		return;
	}
	if (!nd->has_tll)
		return;
	e->is_router = nd->router;
	nbr_set(c, e, nd->solicited ? NODE_NBR_REACHABLE : NODE_NBR_STALE,
		&nd->tll, nd->solicited ? "na-solicited" : "na-unsolicited");
}

void node_nbr_flush(struct node_nbr *c, const char *why)
{
	size_t i;

	for (i = 0; i < c->nbuckets; i++)
		while (c->buckets[i])
			nbr_remove(c, c->buckets[i], "deleted", why);
}

bool node_nbr_delete(struct node_nbr *c, const struct net_addr *addr,
		     const char *why)
{
	struct node_nbr_entry *e = nbr_find(c, addr);

	if (!e)
		return false;
	nbr_remove(c, e, "deleted", why);
	return true;
}

static int nbr_entry_cmp(const void *a, const void *b)
{
	const struct node_nbr_entry *x =
		*(const struct node_nbr_entry *const *)a;
	const struct node_nbr_entry *y =
		*(const struct node_nbr_entry *const *)b;

	return net_addr_cmp(&x->addr, &y->addr);
}

size_t node_nbr_entries(const struct node_nbr *c,
			const struct node_nbr_entry **out, size_t max)
{
	const struct node_nbr_entry **all;
	size_t i, k = 0;

	if (c->n == 0)
		return 0;
	all = malloc(sizeof(*all) * c->n);
	if (!all)
		return 0;
	for (i = 0; i < c->nbuckets; i++) {
		const struct node_nbr_entry *e;

		for (e = c->buckets[i]; e; e = e->hnext)
			all[k++] = e;
	}
	qsort(all, k, sizeof(*all), nbr_entry_cmp);
	if (out)
		memcpy(out, all, sizeof(*all) * (k < max ? k : max));
	free(all);
	return k;
}

void node_nbr_dump(const struct node_nbr *c, FILE *out)
{
	const struct node_nbr_entry **v = NULL;
	size_t k = c->n, i;

	if (k) {
		v = malloc(sizeof(*v) * k);
		if (!v)
			return;
		k = node_nbr_entries(c, v, k);
	}
	fprintf(out, "%s cache of %s %s: %zu entries\n",
		c->af == NET_AF_IP4 ? "ARP" : "Neighbor", c->node->name,
		c->ifp->name, k);
	fprintf(out, "%-40s %-16s %-11s %s\n", "Address", "MAC", "State",
		"Age(s)");
	for (i = 0; i < k; i++) {
		char a[NET_ADDR_STRLEN], m[NET_MAC_STRLEN] = "-";

		net_addr_fmt(&v[i]->addr, a, sizeof(a));
		if (v[i]->state != NODE_NBR_INCOMPLETE)
			net_mac_fmt_vrp(&v[i]->mac, m, sizeof(m));
		fprintf(out, "%-40s %-16s %-11s %lld\n", a, m,
			node_nbr_state_name(v[i]->state),
			(long long)((node_now(c->node) - v[i]->updated) /
				    SIM_S(1)));
	}
	free(v);
}
