/*
 * The L2 learning switch (node_switch.h), after IEEE 802.1D-2004 clause 7:
 * the source MAC of every valid frame is learned on its ingress port (a MAC
 * seen on another port moves there at once, logged "mac-move": VRRP
 * takeover relies on it); known unicast goes out of its port only, and is
 * filtered when that port is the ingress port (no hairpin); unknown unicast,
 * broadcast and multicast are flooded to every other port that is oper up.
 * Frames with a group source address are invalid and dropped, and the
 * 802.1D reserved group addresses 01-80-C2-00-00-00..0F (BPDUs, LACP,
 * 802.1X) are consumed, never forwarded (clause 7.12.6). 802.1Q tagged
 * frames are bridged unchanged, as one VLAN domain (the tag is neither
 * checked nor stripped). Ageing (clause 7.9.2, default 300 s): an entry not
 * refreshed for the ageing time is removed at exactly last_seen + ageing
 * and logged "mac-aged"; each entry has one timer, armed when it is learned
 * and re-armed lazily on expiry when the entry was refreshed meanwhile. The
 * table is bounded (65536 by default): when full, new MACs are not learned
 * (nothing is evicted), the frame is still forwarded and "table-full" is
 * counted (logged once until an entry is freed). A port whose carrier goes
 * down loses its entries at once ("mac-flush"). Forwarding is
 * store-and-forward with no extra latency unless `latency` is set. A
 * crashed switch drops every frame and forgets its table; a restart starts
 * with an empty table. Multicast to an IPv4 or IPv6 multicast MAC goes
 * through the multicast hook when one is installed (IGMP/MLD snooping,
 * RFC 4541 section 2.1.2, decided by protocols/gmp/gmp_snoop.c): the hook
 * sees the dissected frame and names the egress ports, or asks for the
 * ordinary flood; ports it leaves out count "snooped". Events are logged
 * with module "switch".
 */
#include "sim/node/node_switch.h"

#include <stdlib.h>
#include <string.h>

#include "sim/net/net_dissect.h"
#include "sim/net/net_eth.h"

#define SW_BUCKETS 4096 /* power of two */

struct sw_entry {
	struct sw_entry *hnext;
	struct node_switch *sw;
	struct net_mac mac;
	int port;
	sim_time_t last_seen;
	struct node_timer age;
};

struct node_switch {
	struct node node; /* first: a struct node * is a struct node_switch * */
	sim_time_t ageing;  /* ageing time, ns; < 0: never */
	sim_time_t latency; /* extra forwarding latency, ns */
	size_t max_entries;
	size_t nentries;
	struct sw_entry *buckets[SW_BUCKETS];
	struct node_switch_port_cnt *ports;
	int nports;
	uint64_t table_full;
	bool full_logged;
	struct net_fifo delayq; /* frames waiting for `latency`; f->t = due */
	struct node_timer delay_timer;
	bool snooping;			/* the `snooping` option */
	struct node_switch_mcast mcast; /* select NULL: no hook */
	int *sel;			/* ports chosen by the hook */
	int selcap;
};

static const struct node_ops node_switch_ops;

static struct node_switch *sw_of(const struct node *n)
{
	return (struct node_switch *)n;
}

static unsigned sw_hash(const struct net_mac *m)
{
	uint32_t h = 2166136261u;
	int i;

	for (i = 0; i < 6; i++) {
		h ^= m->b[i];
		h *= 16777619u;
	}
	return h & (SW_BUCKETS - 1);
}

static struct node_switch_port_cnt *sw_port(struct node_switch *sw, int idx)
{
	if (idx < 0)
		return NULL;
	if (idx >= sw->nports) {
		int n = sw->node.nifaces > idx ? sw->node.nifaces : idx + 1;
		struct node_switch_port_cnt *p =
			realloc(sw->ports, sizeof(*p) * (size_t)n);

		if (!p)
			return NULL;
		memset(p + sw->nports, 0,
		       sizeof(*p) * (size_t)(n - sw->nports));
		sw->ports = p;
		sw->nports = n;
	}
	return &sw->ports[idx];
}

static const char *sw_port_name(const struct node_switch *sw, int idx)
{
	if (idx < 0 || idx >= sw->node.nifaces)
		return NULL;
	return sw->node.ifaces[idx]->name;
}

static void sw_log_mac(struct node_switch *sw, const char *event,
		       const struct net_mac *mac, const char *key, int port)
{
	struct sim_log_rec r;
	char buf[NET_MAC_STRLEN];

	net_mac_fmt(mac, buf, sizeof(buf));
	node_log_begin(&r, &sw->node, "switch", event);
	sim_log_str(&r, "mac", buf);
	sim_log_str(&r, key, sw_port_name(sw, port));
	sim_log_end(&r);
}

static void sw_log_move(struct node_switch *sw, const struct net_mac *mac,
			int from, int to)
{
	struct sim_log_rec r;
	char buf[NET_MAC_STRLEN];

	net_mac_fmt(mac, buf, sizeof(buf));
	node_log_begin(&r, &sw->node, "switch", "mac-move");
	sim_log_str(&r, "mac", buf);
	sim_log_str(&r, "from", sw_port_name(sw, from));
	sim_log_str(&r, "to", sw_port_name(sw, to));
	sim_log_end(&r);
}

static struct sw_entry *sw_find(const struct node_switch *sw,
				const struct net_mac *mac)
{
	struct sw_entry *e;

	for (e = sw->buckets[sw_hash(mac)]; e; e = e->hnext)
		if (net_mac_eq(&e->mac, mac))
			return e;
	return NULL;
}

static void sw_unlink(struct node_switch *sw, struct sw_entry *e)
{
	struct sw_entry **pp = &sw->buckets[sw_hash(&e->mac)];

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	node_timer_fini(&e->age);
	free(e);
	sw->nentries--;
	sw->full_logged = false;
}

static void sw_age_fire(struct node_timer *nt)
{
	struct sw_entry *e = sim_container_of(nt, struct sw_entry, age);
	struct node_switch *sw = e->sw;
	sim_time_t due = e->last_seen + sw->ageing;
	struct node_switch_port_cnt *pc;

	if (node_now(&sw->node) < due) {
		node_timer_arm(&e->age, due);
		return;
	}
	pc = sw_port(sw, e->port);
	if (pc)
		pc->aged++;
	sw_log_mac(sw, "mac-aged", &e->mac, "port", e->port);
	sw_unlink(sw, e);
}

static void sw_table_full(struct node_switch *sw, const struct net_mac *mac,
			  int port)
{
	sw->table_full++;
	if (sw->full_logged)
		return;
	sw->full_logged = true;
	sw_log_mac(sw, "table-full", mac, "port", port);
}

static void sw_learn(struct node_switch *sw, const struct net_mac *mac,
		     int port)
{
	struct sw_entry *e = sw_find(sw, mac);
	struct node_switch_port_cnt *pc = sw_port(sw, port);
	sim_time_t now = node_now(&sw->node);
	unsigned h;

	if (e) {
		e->last_seen = now;
		if (e->port == port)
			return;
		if (pc)
			pc->moves++;
		sw_log_move(sw, mac, e->port, port);
		e->port = port;
		return;
	}
	if (sw->nentries >= sw->max_entries) {
		sw_table_full(sw, mac, port);
		return;
	}
	e = calloc(1, sizeof(*e));
	if (!e || node_timer_init(&sw->node, &e->age, sw_age_fire)) {
		free(e);
		sw_table_full(sw, mac, port);
		return;
	}
	e->sw = sw;
	e->mac = *mac;
	e->port = port;
	e->last_seen = now;
	h = sw_hash(mac);
	e->hnext = sw->buckets[h];
	sw->buckets[h] = e;
	sw->nentries++;
	if (sw->ageing >= 0)
		node_timer_arm(&e->age, now + sw->ageing);
	if (pc)
		pc->learned++;
	sw_log_mac(sw, "mac-learned", mac, "port", port);
}

/* Remove the entries of one port (port < 0: all), logging when asked. */
static size_t sw_flush(struct node_switch *sw, int port, const char *why)
{
	size_t n = 0;
	int i;

	for (i = 0; i < SW_BUCKETS; i++) {
		struct sw_entry *e = sw->buckets[i], *next;

		for (; e; e = next) {
			next = e->hnext;
			if (port >= 0 && e->port != port)
				continue;
			sw_unlink(sw, e);
			n++;
		}
	}
	if (why && n > 0) {
		struct sim_log_rec r;

		node_log_begin(&r, &sw->node, "switch", "mac-flush");
		if (port >= 0)
			sim_log_str(&r, "port", sw_port_name(sw, port));
		sim_log_uint(&r, "entries", n);
		sim_log_str(&r, "why", why);
		sim_log_end(&r);
	}
	return n;
}

static void sw_delay_fire(struct node_timer *nt)
{
	struct node_switch *sw =
		sim_container_of(nt, struct node_switch, delay_timer);
	struct net_frame *f = net_fifo_pop(&sw->delayq);

	if (sw->delayq.head)
		node_timer_arm(&sw->delay_timer, sw->delayq.head->t);
	if (!f)
		return;
	if (f->ifindex < 0 || f->ifindex >= sw->node.nifaces) {
		net_frame_free(sw->node.env->pool, f);
		return;
	}
	node_iface_send(sw->node.ifaces[f->ifindex], f);
}

static void sw_out(struct node_switch *sw, struct node_iface *out,
		   struct net_frame *f)
{
	if (sw->latency <= 0) {
		node_iface_send(out, f);
		return;
	}
	f->ifindex = out->ifindex;
	f->t = node_now(&sw->node) + sw->latency;
	net_fifo_push(&sw->delayq, f);
	if (!node_timer_armed(&sw->delay_timer))
		node_timer_arm(&sw->delay_timer, f->t);
}

static void sw_flood(struct node_switch *sw, int in, struct net_frame *f)
{
	struct node *n = &sw->node;
	int i, last = -1;

	for (i = 0; i < n->nifaces; i++)
		if (i != in && n->ifaces[i]->oper_up)
			last = i;
	for (i = 0; i < n->nifaces && i <= last; i++) {
		struct node_switch_port_cnt *pc;
		struct net_frame *c;

		if (i == in || !n->ifaces[i]->oper_up)
			continue;
		c = i == last ? f : net_frame_clone(n->env->pool, f);
		if (!c) {
			n->ifaces[i]->cnt.tx_drops++;
			continue;
		}
		pc = sw_port(sw, i);
		if (pc)
			pc->flood++;
		sw_out(sw, n->ifaces[i], c);
	}
	if (last < 0)
		net_frame_free(n->env->pool, f);
}

static bool sw_reserved_group(const struct net_mac *m)
{
	static const uint8_t pfx[5] = { 0x01, 0x80, 0xc2, 0x00, 0x00 };

	return memcmp(m->b, pfx, 5) == 0 && m->b[5] <= 0x0f;
}

static void sw_drop(struct node_switch *sw, struct node_iface *ifp,
		    struct net_frame *f)
{
	struct node_switch_port_cnt *pc = sw_port(sw, ifp->ifindex);

	if (pc)
		pc->drops++;
	ifp->cnt.rx_drops++;
	net_frame_free(sw->node.env->pool, f);
}

/* 01:00:5e with the 24th bit clear (RFC 1112 6.4) or 33:33 (RFC 2464 7). */
static bool sw_ip_mcast_mac(const struct net_mac *m)
{
	return (m->b[0] == 0x01 && m->b[1] == 0x00 && m->b[2] == 0x5e &&
		!(m->b[3] & 0x80)) ||
	       (m->b[0] == 0x33 && m->b[1] == 0x33);
}

/* Sort v[0..k) and drop duplicates and ports that cannot be sent on. */
static int sw_sel_clean(struct node_switch *sw, int in, int *v, int k)
{
	int i, j, n = 0;

	for (i = 1; i < k; i++) {
		int x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	for (i = 0; i < k; i++) {
		if (v[i] < 0 || v[i] >= sw->node.nifaces || v[i] == in ||
		    !sw->node.ifaces[v[i]]->oper_up)
			continue;
		if (n > 0 && v[n - 1] == v[i])
			continue;
		v[n++] = v[i];
	}
	return n;
}

/* Ask the hook; false: flood as usual. Otherwise f is consumed. */
static bool sw_mcast(struct node_switch *sw, int in, struct net_frame *f)
{
	struct node *n = &sw->node;
	struct net_pkt_info pi;
	int k, i, next = 0;

	if (sw->selcap < n->nifaces) {
		int *v = realloc(sw->sel, sizeof(*v) * (size_t)n->nifaces);

		if (!v)
			return false;
		sw->sel = v;
		sw->selcap = n->nifaces;
	}
	net_dissect(f->data, f->len, &pi);
	k = sw->mcast.select(sw->mcast.ctx, n, in, f, &pi, sw->sel, n->nifaces);
	if (k < 0)
		return false;
	k = sw_sel_clean(sw, in, sw->sel, k < n->nifaces ? k : n->nifaces);
	for (i = 0; i < n->nifaces; i++) {
		struct node_switch_port_cnt *pc;
		struct net_frame *c;

		if (i == in || !n->ifaces[i]->oper_up)
			continue;
		pc = sw_port(sw, i);
		if (next >= k || sw->sel[next] != i) {
			if (pc)
				pc->snooped++;
			continue;
		}
		next++;
		c = next == k ? f : net_frame_clone(n->env->pool, f);
		if (!c) {
			n->ifaces[i]->cnt.tx_drops++;
			continue;
		}
		if (pc)
			pc->mcast++;
		sw_out(sw, n->ifaces[i], c);
	}
	if (k == 0)
		net_frame_free(n->env->pool, f);
	return true;
}

static void sw_rx(struct node *n, struct node_iface *ifp, struct net_frame *f)
{
	struct node_switch *sw = sw_of(n);
	struct node_switch_port_cnt *pc;
	struct net_eth eth;
	enum net_err err;
	struct sw_entry *e;

	if (n->crashed) {
		net_frame_free(n->env->pool, f);
		return;
	}
	if (!ifp->oper_up) {
		sw_drop(sw, ifp, f);
		return;
	}
	err = net_eth_decode(f->data, f->len, &eth);
	if (err != NET_OK)
		n->drops[err]++;
	if (err != NET_OK || net_mac_is_multicast(&eth.src) ||
	    sw_reserved_group(&eth.dst)) {
		sw_drop(sw, ifp, f);
		return;
	}
	pc = sw_port(sw, ifp->ifindex);
	if (pc)
		pc->rx++;
	sw_learn(sw, &eth.src, ifp->ifindex);
	if (sw->mcast.select && sw_ip_mcast_mac(&eth.dst) &&
	    sw_mcast(sw, ifp->ifindex, f))
		return;
	e = net_mac_is_multicast(&eth.dst) ? NULL : sw_find(sw, &eth.dst);
	if (!e) {
		sw_flood(sw, ifp->ifindex, f);
		return;
	}
	if (e->port == ifp->ifindex) {
		if (pc)
			pc->filtered++;
		net_frame_free(n->env->pool, f);
		return;
	}
	if (e->port >= n->nifaces || !n->ifaces[e->port]->oper_up) {
		sw_drop(sw, ifp, f);
		return;
	}
	pc = sw_port(sw, e->port);
	if (pc)
		pc->fwd++;
	sw_out(sw, n->ifaces[e->port], f);
}

static void sw_carrier(struct node *n, struct node_iface *ifp, bool up)
{
	struct node_switch *sw = sw_of(n);

	node_iface_set_oper(ifp, up && ifp->admin_up, "carrier");
	if (!up && !n->crashed) {
		size_t k = sw_flush(sw, ifp->ifindex, "carrier-down");
		struct node_switch_port_cnt *pc = sw_port(sw, ifp->ifindex);

		if (pc)
			pc->flushed += k;
	}
	if (!n->crashed && sw->mcast.port)
		sw->mcast.port(sw->mcast.ctx, n, ifp->ifindex, up);
}

static void sw_crash(struct node *n)
{
	struct node_switch *sw = sw_of(n);

	n->crashed = true;
	sw_flush(sw, -1, NULL);
	net_fifo_drain(&sw->delayq, n->env->pool);
	node_timer_cancel(&sw->delay_timer);
	if (sw->mcast.reset)
		sw->mcast.reset(sw->mcast.ctx, n);
}

static void sw_restart(struct node *n)
{
	struct node_switch *sw = sw_of(n);

	sw_flush(sw, -1, NULL);
	n->crashed = false;
	if (sw->mcast.reset)
		sw->mcast.reset(sw->mcast.ctx, n);
}

static void sw_destroy(struct node *n)
{
	struct node_switch *sw = sw_of(n);

	sw_flush(sw, -1, NULL);
	net_fifo_drain(&sw->delayq, n->env->pool);
	node_timer_fini(&sw->delay_timer);
	free(sw->sel);
	free(sw->ports);
	node_fini(n);
	free(sw);
}

static const struct node_ops node_switch_ops = {
	.kind_name = "switch",
	.rx = sw_rx,
	.carrier = sw_carrier,
	.crash = sw_crash,
	.restart = sw_restart,
	.destroy = sw_destroy,
};

struct node *node_switch_new(struct node_env *env, const char *name,
			     sim_time_t mac_ageing)
{
	struct node_switch *sw = calloc(1, sizeof(*sw));

	if (!sw)
		return NULL;
	node_init(&sw->node, &node_switch_ops, NODE_SWITCH, name, env);
	sw->ageing = mac_ageing == 0 ? NODE_SWITCH_AGEING_DEFAULT : mac_ageing;
	sw->max_entries = NODE_SWITCH_MAX_ENTRIES;
	net_fifo_init(&sw->delayq);
	if (node_timer_init(&sw->node, &sw->delay_timer, sw_delay_fire)) {
		free(sw);
		return NULL;
	}
	return &sw->node;
}

static bool sw_is(const struct node *n)
{
	return n && n->ops == &node_switch_ops;
}

void node_switch_set_latency(struct node *n, sim_time_t latency)
{
	if (sw_is(n))
		sw_of(n)->latency = latency > 0 ? latency : 0;
}

void node_switch_set_max_entries(struct node *n, size_t max)
{
	if (sw_is(n))
		sw_of(n)->max_entries = max;
}

int node_switch_set_mcast(struct node *n, const struct node_switch_mcast *m)
{
	struct node_switch *sw = sw_of(n);

	if (!sw_is(n))
		return -1;
	if (m && m->select)
		sw->mcast = *m;
	else
		memset(&sw->mcast, 0, sizeof(sw->mcast));
	return 0;
}

const struct node_switch_mcast *node_switch_get_mcast(const struct node *n)
{
	if (!sw_is(n) || !sw_of(n)->mcast.select)
		return NULL;
	return &sw_of(n)->mcast;
}

void node_switch_set_snooping(struct node *n, bool on)
{
	if (sw_is(n))
		sw_of(n)->snooping = on;
}

bool node_switch_snooping(const struct node *n)
{
	return sw_is(n) && sw_of(n)->snooping;
}

int node_switch_lookup(const struct node *n, const struct net_mac *mac)
{
	const struct sw_entry *e;

	if (!sw_is(n))
		return -1;
	e = sw_find(sw_of(n), mac);
	return e ? e->port : -1;
}

size_t node_switch_fdb_count(const struct node *n)
{
	return sw_is(n) ? sw_of(n)->nentries : 0;
}

static int sw_fdb_cmp(const void *a, const void *b)
{
	const struct node_switch_fdb_entry *x = a, *y = b;

	return memcmp(x->mac.b, y->mac.b, 6);
}

size_t node_switch_fdb(const struct node *n, struct node_switch_fdb_entry *out,
		       size_t max)
{
	const struct node_switch *sw = sw_of(n);
	struct node_switch_fdb_entry *all;
	size_t k = 0;
	int i;

	if (!sw_is(n) || sw->nentries == 0)
		return 0;
	all = malloc(sizeof(*all) * sw->nentries);
	if (!all)
		return 0;
	for (i = 0; i < SW_BUCKETS; i++) {
		const struct sw_entry *e;

		for (e = sw->buckets[i]; e; e = e->hnext)
			all[k++] = (struct node_switch_fdb_entry){
				.mac = e->mac,
				.port = e->port,
				.last_seen = e->last_seen,
			};
	}
	qsort(all, k, sizeof(*all), sw_fdb_cmp);
	if (out)
		memcpy(out, all, sizeof(*all) * (k < max ? k : max));
	free(all);
	return k;
}

struct node_switch_port_cnt node_switch_port_counters(const struct node *n,
						      int ifindex)
{
	struct node_switch_port_cnt z = { 0 };

	if (!sw_is(n) || ifindex < 0 || ifindex >= sw_of(n)->nports)
		return z;
	return sw_of(n)->ports[ifindex];
}

uint64_t node_switch_table_full(const struct node *n)
{
	return sw_is(n) ? sw_of(n)->table_full : 0;
}

void node_switch_dump(const struct node *n, FILE *out)
{
	const struct node_switch *sw = sw_of(n);
	struct node_switch_fdb_entry *v;
	size_t k, i;

	if (!sw_is(n))
		return;
	k = sw->nentries;
	v = k ? malloc(sizeof(*v) * k) : NULL;
	if (k && !v)
		return;
	k = node_switch_fdb(n, v, k);
	fprintf(out, "MAC address table of %s: %zu entries, ageing %llds\n",
		n->name, k, (long long)(sw->ageing / SIM_S(1)));
	fprintf(out, "%-16s %-32s %s\n", "MAC", "Port", "Age(s)");
	for (i = 0; i < k; i++) {
		char mac[NET_MAC_STRLEN];
		sim_time_t age = node_now(n) - v[i].last_seen;

		net_mac_fmt_vrp(&v[i].mac, mac, sizeof(mac));
		fprintf(out, "%-16s %-32s %lld\n", mac,
			sw_port_name(sw, v[i].port),
			(long long)(age / SIM_S(1)));
	}
	free(v);
}
