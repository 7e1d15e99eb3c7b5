/*
 * Point-to-point links (node_link.h) with exact integer timing. Each
 * direction serves its egress FIFO back to back: a frame's first bit leaves
 * when the previous frame's last bit has left (or at once on an idle
 * direction); serialization takes ceil((len + 24) * 8 * 1e9 / rate_bps) ns,
 * the 24 bytes being preamble, SFD, FCS and the IEEE 802.3 minimum
 * inter-frame gap, computed in 128-bit integers. The frame is delivered to
 * the far interface's node (ops->rx) at first bit + serialization + delay,
 * even when that node is crashed (the node drops it). The capture tap and
 * the loss draw happen when the first bit leaves: a lost frame is seen by
 * the tap and occupies the wire for its serialization time, but never
 * arrives. Loss uses the link's own random stream "link:<name>" seeded from
 * the scenario seed, one draw per frame put on the wire, so losses depend
 * only on the link's own traffic. Taking a link down loses the frames in
 * flight and in both egress FIFOs (counted drop_down) and drops carrier on
 * both ends at that instant; each node's ops->carrier is called after both
 * ends have been updated. Each direction also has a transmitter ("light",
 * node_link_set_light) that an administratively down port turns off: the
 * far end then loses carrier while the link itself stays up, and frames
 * of that direction are lost. An end has carrier when the link is up and
 * light arrives on it. Link events are logged with module "link".
 */
#include "sim/node/node_link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sim_time_t node_link_add_sat(sim_time_t a, sim_time_t b)
{
	if (b > 0 && a > SIM_TIME_NEVER - b)
		return SIM_TIME_NEVER;
	return a + b;
}

sim_time_t node_link_ser_time(const struct node_link *l, size_t len)
{
	unsigned __int128 bits, ns;

	if (l->rate_bps == 0)
		return 0;
	bits = ((unsigned __int128)len + NODE_LINK_OVERHEAD) * 8u;
	ns = (bits * 1000000000u + l->rate_bps - 1) / l->rate_bps;
	if (ns > (unsigned __int128)SIM_TIME_NEVER)
		return SIM_TIME_NEVER;
	return (sim_time_t)ns;
}

static void node_link_log(struct node_link *l, const char *event)
{
	struct sim_log_rec r;
	int i;

	sim_log_begin(&r, l->env->log, sim_now(l->env->eng), NULL, "link",
		      event);
	sim_log_str(&r, "link", l->name);
	for (i = 0; i < 2; i++) {
		const struct node_iface *ifp = l->dir[i].from;
		char ep[NODE_NAME_MAX + NODE_IFNAME_MAX + 2];

		if (!ifp)
			continue;
		snprintf(ep, sizeof(ep), "%s:%s", ifp->node->name, ifp->name);
		sim_log_str(&r, i == 0 ? "a" : "b", ep);
	}
	sim_log_end(&r);
}

/* The first bit of f leaves now on direction d. */
static void node_link_start(struct node_link_dir *d, struct net_frame *f)
{
	struct node_link *l = d->link;
	sim_time_t now = sim_now(l->env->eng);
	sim_time_t ser = node_link_ser_time(l, f->len);
	int di = (int)(d - l->dir);

	d->busy_until = node_link_add_sat(now, ser);
	d->sent++;
	if (l->tap)
		l->tap(l->tap_arg, l, di, now, f);
	if (sim_rng_chance_ppb(&l->rng, l->loss_ppb)) {
		d->drop_loss++;
		net_frame_free(l->env->pool, f);
		return;
	}
	f->t = node_link_add_sat(node_link_add_sat(now, ser), l->delay);
	net_fifo_push(&d->wire, f);
	if (!sim_timer_armed(&d->rx_timer))
		sim_timer_arm(&d->rx_timer, f->t);
}

/*
 * The link is free again and frames are waiting: start the next one. The
 * timer is armed only while frames wait, so an idle link costs two events
 * per frame (arrival and nothing else on the sending side).
 */
static void node_link_tx_done(struct sim_timer *t)
{
	struct node_link_dir *d =
		sim_container_of(t, struct node_link_dir, tx_timer);
	struct net_frame *f = net_fifo_pop(&d->egress);

	if (!f)
		return;
	node_link_start(d, f);
	if (d->egress.head)
		sim_timer_arm(&d->tx_timer, d->busy_until);
}

/* The last bit of the head of the wire has arrived at d->to. */
static void node_link_rx_due(struct sim_timer *t)
{
	struct node_link_dir *d =
		sim_container_of(t, struct node_link_dir, rx_timer);
	struct net_frame *f = net_fifo_pop(&d->wire);
	struct node_iface *to = d->to;

	if (!f)
		return;
	/* Arm for the next one first: the receiver may take the link down. */
	if (d->wire.head)
		sim_timer_arm(&d->rx_timer, d->wire.head->t);
	if (!to) {
		d->drop_down++;
		net_frame_free(d->link->env->pool, f);
		return;
	}
	d->delivered++;
	f->ifindex = to->ifindex;
	if (!to->node->crashed) {
		to->cnt.rx_frames++;
		to->cnt.rx_bytes += f->len;
		if (f->len >= 6 && (f->data[0] & 1))
			to->cnt.rx_mcast++;
	}
	to->node->ops->rx(to->node, to, f);
}

static int node_link_dir_init(struct node_link *l, int i,
			      struct node_iface *from, struct node_iface *to)
{
	struct node_link_dir *d = &l->dir[i];

	d->link = l;
	d->from = from;
	d->to = to;
	d->light = true;
	net_fifo_init(&d->egress);
	net_fifo_init(&d->wire);
	if (sim_timer_init(l->env->eng, &d->tx_timer, node_link_tx_done))
		return -1;
	if (sim_timer_init(l->env->eng, &d->rx_timer, node_link_rx_due))
		return -1;
	return 0;
}

/*
 * Set each end's carrier from the link state and the far transmitter's
 * light (an end has carrier when the link is up and light arrives on it),
 * then tell the nodes whose carrier changed, after both ends are updated.
 */
static void node_link_update_carrier(struct node_link *l)
{
	bool changed[2] = { false, false };
	int i;

	for (i = 0; i < 2; i++) {
		struct node_link_dir *d = &l->dir[i];
		bool c = l->up && d->light;

		if (d->to && d->to->link == l && d->to->carrier != c) {
			d->to->carrier = c;
			changed[i] = true;
		}
	}
	for (i = 0; i < 2; i++) {
		struct node_iface *ifp = l->dir[i].to;

		if (changed[i] && ifp->node->ops && ifp->node->ops->carrier)
			ifp->node->ops->carrier(ifp->node, ifp, ifp->carrier);
	}
}

struct node_link *node_link_new(struct node_env *env, const char *name,
				struct node_iface *a, struct node_iface *b,
				uint64_t rate_bps, sim_time_t delay,
				uint32_t loss_ppb, bool up)
{
	struct node_link *l;
	char stream[sizeof(l->name) + 8];

	if (!a || !b || a == b || a->link || b->link || a->loopback ||
	    b->loopback || rate_bps == 0 || delay < 0)
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	snprintf(l->name, sizeof(l->name), "%s", name ? name : "");
	l->env = env;
	l->rate_bps = rate_bps;
	l->delay = delay;
	l->loss_ppb = loss_ppb;
	snprintf(stream, sizeof(stream), "link:%s", l->name);
	sim_rng_seed(&l->rng, env->seed, stream);
	if (node_link_dir_init(l, 0, a, b) || node_link_dir_init(l, 1, b, a)) {
		node_link_free(l);
		return NULL;
	}
	a->link = l;
	a->link_dir = 0;
	b->link = l;
	b->link_dir = 1;
	l->up = up;
	if (up) {
		node_link_log(l, "up");
		node_link_update_carrier(l);
	}
	return l;
}

static void node_link_flush_dir(struct node_link_dir *d);

/* Lose everything queued or in flight (counted drop_down). */
static void node_link_flush(struct node_link *l)
{
	node_link_flush_dir(&l->dir[0]);
	node_link_flush_dir(&l->dir[1]);
}

void node_link_free(struct node_link *l)
{
	int i;

	if (!l)
		return;
	for (i = 0; i < 2; i++) {
		struct node_link_dir *d = &l->dir[i];

		if (d->from && d->from->link == l) {
			d->from->link = NULL;
			d->from->carrier = false;
		}
		net_fifo_drain(&d->egress, l->env->pool);
		net_fifo_drain(&d->wire, l->env->pool);
		sim_timer_fini(&d->tx_timer);
		sim_timer_fini(&d->rx_timer);
	}
	free(l);
}

void node_link_detach(struct node_link *l, struct node_iface *ifp)
{
	int i;

	if (!l || !ifp || ifp->link != l)
		return;
	node_link_flush(l);
	l->up = false;
	for (i = 0; i < 2; i++) {
		struct node_link_dir *d = &l->dir[i];

		if (d->from == ifp)
			d->from = NULL;
		else if (d->from)
			d->from->carrier = false;
		if (d->to == ifp)
			d->to = NULL;
	}
	ifp->link = NULL;
	ifp->carrier = false;
}

void node_link_set_up(struct node_link *l, bool up)
{
	if (l->up == up)
		return;
	if (up && (!l->dir[0].from || !l->dir[1].from))
		return; /* an end was detached: it can never come up */
	l->up = up;
	if (!up)
		node_link_flush(l);
	node_link_log(l, up ? "up" : "down");
	node_link_update_carrier(l);
}

/* Drop what is queued or in flight on one direction (counted drop_down). */
static void node_link_flush_dir(struct node_link_dir *d)
{
	struct net_frame_pool *pool = d->link->env->pool;

	d->drop_down += d->egress.len + d->wire.len;
	net_fifo_drain(&d->egress, pool);
	net_fifo_drain(&d->wire, pool);
	sim_timer_cancel(&d->tx_timer);
	sim_timer_cancel(&d->rx_timer);
	d->busy_until = 0;
}

void node_link_set_light(struct node_link *l, int dir, bool on)
{
	struct node_link_dir *d;
	struct sim_log_rec r;
	char ep[NODE_NAME_MAX + NODE_IFNAME_MAX + 2] = "";

	if (dir < 0 || dir > 1 || l->dir[dir].light == on)
		return;
	d = &l->dir[dir];
	d->light = on;
	if (!on)
		node_link_flush_dir(d);
	if (d->from)
		snprintf(ep, sizeof(ep), "%s:%s", d->from->node->name,
			 d->from->name);
	sim_log_begin(&r, l->env->log, sim_now(l->env->eng), NULL, "link",
		      on ? "light-on" : "light-off");
	sim_log_str(&r, "link", l->name);
	sim_log_str(&r, "from", ep);
	sim_log_end(&r);
	node_link_update_carrier(l);
}

void node_link_set_loss(struct node_link *l, uint32_t loss_ppb)
{
	struct sim_log_rec r;

	if (l->loss_ppb == loss_ppb)
		return;
	l->loss_ppb = loss_ppb;
	sim_log_begin(&r, l->env->log, sim_now(l->env->eng), NULL, "link",
		      "loss");
	sim_log_str(&r, "link", l->name);
	sim_log_uint(&r, "loss_ppb", loss_ppb);
	sim_log_end(&r);
}

void node_link_set_tap(struct node_link *l, node_link_tap_fn fn, void *arg)
{
	l->tap = fn;
	l->tap_arg = arg;
}

bool node_link_send(struct node_link *l, int dir, struct net_frame *f,
		    uint32_t qmax)
{
	struct node_link_dir *d;

	if (dir < 0 || dir > 1) {
		net_frame_free(l->env->pool, f);
		return false;
	}
	d = &l->dir[dir];
	if (!l->up || !d->light) {
		d->drop_down++;
		net_frame_free(l->env->pool, f);
		return false;
	}
	if (!d->egress.head && sim_now(l->env->eng) >= d->busy_until) {
		node_link_start(d, f);
		return true;
	}
	if (d->egress.len >= qmax) {
		d->drop_queue++;
		net_frame_free(l->env->pool, f);
		return false;
	}
	net_fifo_push(&d->egress, f);
	if (!sim_timer_armed(&d->tx_timer))
		sim_timer_arm(&d->tx_timer, d->busy_until);
	return true;
}
