/*
 * Nodes and interfaces (node.h): what every node kind shares. A node owns
 * its interfaces; each interface gets a deterministic locally administered
 * MAC (IEEE 802 U/L bit set, I/G bit clear) derived from the node name and
 * its ifindex, and, once IPv6 is enabled, an EUI-64 link-local address
 * (RFC 4291 section 2.5.1 and appendix A; RFC 4862 section 5.3). Node
 * timers wrap engine timers with the control-plane freeze and crash rules:
 * a timer due while the node is frozen is re-armed at the end of the freeze
 * (timers due during one freeze then fire in the order they fell due); a
 * timer that falls due while the node is crashed does nothing at all (the
 * kind's crash handler is expected to cancel them; this is the safety net).
 * The node's random stream is "node:<name>" seeded from the scenario seed.
 */
#include "sim/node/node.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/node/node_link.h"

#define NODE_FNV64_OFFSET 0xcbf29ce484222325ull
#define NODE_FNV64_PRIME  0x100000001b3ull

void node_init(struct node *n, const struct node_ops *ops, enum node_kind kind,
	       const char *name, struct node_env *env)
{
	char stream[NODE_NAME_MAX + 8];

	memset(n, 0, sizeof(*n));
	n->ops = ops;
	n->kind = kind;
	snprintf(n->name, sizeof(n->name), "%s", name ? name : "");
	n->env = env;
	snprintf(stream, sizeof(stream), "node:%s", n->name);
	sim_rng_seed(&n->rng, env->seed, stream);
}

void node_fini(struct node *n)
{
	int i;

	for (i = 0; i < n->nifaces; i++) {
		struct node_iface *ifp = n->ifaces[i];

		if (ifp->link)
			node_link_detach(ifp->link, ifp);
		free(ifp);
	}
	free(n->ifaces);
	n->ifaces = NULL;
	n->nifaces = 0;
}

void node_destroy(struct node *n)
{
	if (!n)
		return;
	if (n->ops && n->ops->destroy) {
		n->ops->destroy(n);
		return;
	}
	node_fini(n);
	free(n);
}

struct net_mac node_mac_derive(const char *node_name, int ifindex)
{
	uint64_t h = NODE_FNV64_OFFSET;
	const char *s;
	struct net_mac m;
	int i;

	for (s = node_name ? node_name : ""; *s; s++) {
		h ^= (unsigned char)*s;
		h *= NODE_FNV64_PRIME;
	}
	/* A NUL separator, then the ifindex big-endian. */
	h *= NODE_FNV64_PRIME;
	for (i = 3; i >= 0; i--) {
		h ^= (uint8_t)((uint32_t)ifindex >> (8 * i));
		h *= NODE_FNV64_PRIME;
	}
	m.b[0] = 0x02; /* locally administered, individual */
	for (i = 1; i < 6; i++)
		m.b[i] = (uint8_t)(h >> (8 * (i - 1)));
	return m;
}

static bool node_ifname_is_loopback(const char *name)
{
	return strncmp(name, "LoopBack", 8) == 0 ||
	       strncmp(name, "NULL", 4) == 0;
}

struct node_iface *node_iface_add(struct node *n, const char *name,
				  const struct net_mac *mac)
{
	struct node_iface **arr, *ifp;

	if (!name || !*name || node_iface_find(n, name))
		return NULL;
	arr = realloc(n->ifaces, sizeof(*arr) * (size_t)(n->nifaces + 1));
	if (!arr)
		return NULL;
	n->ifaces = arr;
	ifp = calloc(1, sizeof(*ifp));
	if (!ifp)
		return NULL;
	ifp->node = n;
	ifp->ifindex = n->nifaces;
	snprintf(ifp->name, sizeof(ifp->name), "%s", name);
	ifp->mac = mac ? *mac : node_mac_derive(n->name, ifp->ifindex);
	ifp->loopback = node_ifname_is_loopback(ifp->name);
	ifp->admin_up = true;
	ifp->carrier = ifp->loopback;
	ifp->oper_up = ifp->loopback;
	ifp->egress_qmax = NODE_DEFAULT_QMAX;
	n->ifaces[n->nifaces++] = ifp;
	return ifp;
}

struct node_iface *node_iface_find(const struct node *n, const char *name)
{
	int i;

	if (!name)
		return NULL;
	for (i = 0; i < n->nifaces; i++)
		if (strcmp(n->ifaces[i]->name, name) == 0)
			return n->ifaces[i];
	return NULL;
}

int node_iface_add_addr4(struct node_iface *ifp, const struct net_ip4 *a,
			 uint8_t plen, bool sub)
{
	struct node_addr4 *e;

	if (plen > 32)
		return -EINVAL;
	if (node_iface_has_addr4(ifp, a))
		return -EEXIST;
	if (ifp->n4 >= NODE_MAX_ADDR4)
		return -ENOSPC;
	e = &ifp->addr4[ifp->n4++];
	e->addr = *a;
	e->plen = plen;
	e->sub = sub;
	return 0;
}

int node_iface_del_addr4(struct node_iface *ifp, const struct net_ip4 *a)
{
	int i;

	for (i = 0; i < ifp->n4; i++) {
		if (memcmp(ifp->addr4[i].addr.b, a->b, 4) != 0)
			continue;
		memmove(&ifp->addr4[i], &ifp->addr4[i + 1],
			sizeof(ifp->addr4[0]) * (size_t)(ifp->n4 - i - 1));
		ifp->n4--;
		return 0;
	}
	return -ENOENT;
}

static int node_addr6_index(const struct node_iface *ifp,
			    const struct net_ip6 *a)
{
	int i;

	for (i = 0; i < ifp->n6; i++)
		if (memcmp(ifp->addr6[i].addr.b, a->b, 16) == 0)
			return i;
	return -1;
}

static void node_addr6_remove(struct node_iface *ifp, int i)
{
	memmove(&ifp->addr6[i], &ifp->addr6[i + 1],
		sizeof(ifp->addr6[0]) * (size_t)(ifp->n6 - i - 1));
	ifp->n6--;
}

static int node_addr6_auto_index(const struct node_iface *ifp)
{
	int i;

	for (i = 0; i < ifp->n6; i++)
		if (ifp->addr6[i].auto_ll)
			return i;
	return -1;
}

static int node_addr6_push(struct node_iface *ifp, const struct net_ip6 *a,
			   uint8_t plen, bool auto_ll)
{
	struct node_addr6 *e;

	if (ifp->n6 >= NODE_MAX_ADDR6)
		return -ENOSPC;
	e = &ifp->addr6[ifp->n6++];
	e->addr = *a;
	e->plen = plen;
	e->link_local = net_ip6_is_link_local(a);
	e->auto_ll = auto_ll;
	return 0;
}

/*
 * A configured link-local address replaces the generated one (VRP "ipv6
 * address fe80::1 link-local"); deleting it brings the generated one back
 * while IPv6 is enabled.
 */
int node_iface_add_addr6(struct node_iface *ifp, const struct net_ip6 *a,
			 uint8_t plen)
{
	int ai;

	if (plen > 128 || net_ip6_is_multicast(a))
		return -EINVAL;
	ai = node_addr6_index(ifp, a);
	if (ai >= 0 && !ifp->addr6[ai].auto_ll)
		return -EEXIST;
	if (net_ip6_is_link_local(a)) {
		ai = node_addr6_auto_index(ifp);
		if (ai >= 0)
			node_addr6_remove(ifp, ai);
	}
	return node_addr6_push(ifp, a, plen, false);
}

int node_iface_del_addr6(struct node_iface *ifp, const struct net_ip6 *a)
{
	int i = node_addr6_index(ifp, a);
	bool was_ll;

	if (i < 0 || ifp->addr6[i].auto_ll)
		return -ENOENT;
	was_ll = ifp->addr6[i].link_local;
	node_addr6_remove(ifp, i);
	if (was_ll && ifp->ipv6_enabled && !node_iface_link_local(ifp)) {
		struct net_ip6 ll = net_ip6_link_local_from_mac(&ifp->mac);

		node_addr6_push(ifp, &ll, 64, true);
	}
	return 0;
}

/*
 * Enabling adds the EUI-64 link-local address unless one is configured;
 * disabling removes only the generated one (configured addresses stay, as
 * configuration does, but the node must not use them while disabled).
 */
void node_iface_ipv6_enable(struct node_iface *ifp, bool on)
{
	int ai;

	ifp->ipv6_enabled = on;
	if (on) {
		struct net_ip6 ll = net_ip6_link_local_from_mac(&ifp->mac);

		if (!node_iface_link_local(ifp))
			node_addr6_push(ifp, &ll, 64, true);
		return;
	}
	ai = node_addr6_auto_index(ifp);
	if (ai >= 0)
		node_addr6_remove(ifp, ai);
}

bool node_iface_has_addr4(const struct node_iface *ifp, const struct net_ip4 *a)
{
	int i;

	for (i = 0; i < ifp->n4; i++)
		if (memcmp(ifp->addr4[i].addr.b, a->b, 4) == 0)
			return true;
	return false;
}

bool node_iface_has_addr6(const struct node_iface *ifp, const struct net_ip6 *a)
{
	return node_addr6_index(ifp, a) >= 0;
}

const struct node_addr4 *node_iface_primary4(const struct node_iface *ifp)
{
	int i;

	for (i = 0; i < ifp->n4; i++)
		if (!ifp->addr4[i].sub)
			return &ifp->addr4[i];
	return NULL;
}

const struct node_addr6 *node_iface_link_local(const struct node_iface *ifp)
{
	int i;

	for (i = 0; i < ifp->n6; i++)
		if (ifp->addr6[i].link_local)
			return &ifp->addr6[i];
	return NULL;
}

const struct node_addr6 *node_iface_global6(const struct node_iface *ifp)
{
	int i;

	for (i = 0; i < ifp->n6; i++)
		if (!ifp->addr6[i].link_local)
			return &ifp->addr6[i];
	return NULL;
}

static bool node_prefix_match(const uint8_t *a, const uint8_t *b, unsigned plen)
{
	unsigned full = plen / 8, rest = plen % 8;

	if (memcmp(a, b, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((a[full] ^ b[full]) & (uint8_t)(0xff << (8 - rest))) == 0;
}

const struct node_addr4 *node_iface_onlink4(const struct node_iface *ifp,
					    const struct net_ip4 *dst)
{
	const struct node_addr4 *best = NULL;
	int i;

	for (i = 0; i < ifp->n4; i++) {
		const struct node_addr4 *a = &ifp->addr4[i];

		if (!node_prefix_match(a->addr.b, dst->b, a->plen))
			continue;
		if (!best || a->plen > best->plen)
			best = a;
	}
	return best;
}

const struct node_addr6 *node_iface_onlink6(const struct node_iface *ifp,
					    const struct net_ip6 *dst)
{
	const struct node_addr6 *best = NULL;
	int i;

	for (i = 0; i < ifp->n6; i++) {
		const struct node_addr6 *a = &ifp->addr6[i];

		if (!node_prefix_match(a->addr.b, dst->b, a->plen))
			continue;
		if (!best || a->plen > best->plen)
			best = a;
	}
	return best;
}

void node_iface_send(struct node_iface *ifp, struct net_frame *f)
{
	struct node *n = ifp->node;
	uint16_t len = f->len;
	bool mcast = len >= 6 && (f->data[0] & 1);

	/* A crashed node is silent: nothing is counted on its ports. */
	if (n->crashed) {
		net_frame_free(n->env->pool, f);
		return;
	}
	if (!ifp->admin_up || !ifp->carrier || !ifp->link) {
		ifp->cnt.tx_drops++;
		net_frame_free(n->env->pool, f);
		return;
	}
	f->ifindex = ifp->ifindex;
	if (!node_link_send(ifp->link, ifp->link_dir, f, ifp->egress_qmax)) {
		ifp->cnt.tx_drops++;
		return;
	}
	ifp->cnt.tx_frames++;
	ifp->cnt.tx_bytes += len;
	if (mcast)
		ifp->cnt.tx_mcast++;
}

void node_iface_set_oper(struct node_iface *ifp, bool up, const char *why)
{
	struct sim_log_rec r;

	if (ifp->oper_up == up)
		return;
	ifp->oper_up = up;
	node_log_begin(&r, ifp->node, "iface", up ? "oper-up" : "oper-down");
	sim_log_str(&r, "iface", ifp->name);
	sim_log_str(&r, "why", why);
	sim_log_end(&r);
}

void node_iface_set_admin(struct node_iface *ifp, bool up)
{
	ifp->admin_up = up;
	if (ifp->link)
		node_link_set_light(ifp->link, ifp->link_dir, up);
	node_iface_set_oper(ifp, up && ifp->carrier,
			    up ? "undo-shutdown" : "shutdown");
}

void node_log_begin(struct sim_log_rec *r, const struct node *n,
		    const char *module, const char *event)
{
	sim_log_begin(r, n->env->log, node_now(n), n->name, module, event);
}

static void node_timer_fire(struct sim_timer *t)
{
	struct node_timer *nt = sim_container_of(t, struct node_timer, t);
	struct node *n = nt->node;

	if (n->crashed)
		return;
	if (!nt->hw && node_now(n) < n->frozen_until) {
		sim_timer_arm(&nt->t, n->frozen_until);
		return;
	}
	if (nt->fn)
		nt->fn(nt);
}

int node_timer_init(struct node *n, struct node_timer *nt,
		    void (*fn)(struct node_timer *nt))
{
	nt->node = n;
	nt->fn = fn;
	nt->hw = false;
	return sim_timer_init(n->env->eng, &nt->t, node_timer_fire);
}

void node_timer_fini(struct node_timer *nt)
{
	sim_timer_fini(&nt->t);
}

void node_timer_arm(struct node_timer *nt, sim_time_t deadline)
{
	sim_timer_arm(&nt->t, deadline);
}

void node_timer_arm_in(struct node_timer *nt, sim_time_t delay)
{
	sim_timer_arm_in(&nt->t, delay);
}

void node_timer_cancel(struct node_timer *nt)
{
	sim_timer_cancel(&nt->t);
}

bool node_timer_armed(const struct node_timer *nt)
{
	return sim_timer_armed(&nt->t);
}
