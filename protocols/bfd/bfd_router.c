/*
 * BFD on a router: session table, UDP transport and demultiplexing
 * (RFC 5881 sections 3-5, RFC 5883 section 5), tracked interfaces, the
 * hardware-offload option and the watch API (see bfd_router.h).
 */
#include "protocols/bfd/bfd_router_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/asic/asic.h"
#include "sim/net/net_dissect.h"

struct bfd_inst *bfd_inst(struct router *r)
{
	return router_module_state(r, &bfd_module);
}

struct bfd_rsess *bfd_rsess_find(struct bfd_inst *b, const char *name)
{
	for (size_t i = 0; i < b->nsess; i++)
		if (!strcmp(b->sess[i]->name, name))
			return b->sess[i];
	return NULL;
}

struct bfd_session *bfd_find_name(struct bfd_inst *b, const char *name)
{
	struct bfd_rsess *rs = b ? bfd_rsess_find(b, name) : NULL;

	return rs ? rs->s : NULL;
}

struct bfd_session *bfd_find_disc(struct bfd_inst *b, uint32_t local_disc)
{
	for (size_t i = 0; b && i < b->nsess; i++)
		if (b->sess[i]->s && b->sess[i]->cfg.local_disc == local_disc)
			return b->sess[i]->s;
	return NULL;
}

/* ---- watchers ---- */

static void watch_cb(void *arg, struct bfd_session *s, enum bfd_state old,
		     enum bfd_state new, enum bfd_diag diag)
{
	struct bfd_watcher *w = arg;

	/* The session reports to a copy of its listeners: a watch cancelled
	 * (its slot cleared, maybe reused) by an earlier callback of the
	 * same change is not called. */
	if (!w->id || w->on != s)
		return;
	w->fn(w->arg, s, old, new, diag);
}

static bool watch_matches(const struct bfd_watcher *w,
			  const struct bfd_rsess *rs)
{
	if (w->name[0])
		return !strcmp(w->name, rs->name);
	return w->disc && w->disc == rs->cfg.local_disc;
}

static void watch_attach(struct bfd_inst *b, struct bfd_rsess *rs)
{
	for (int i = 0; i < BFD_MAX_WATCHERS; i++) {
		struct bfd_watcher *w = &b->watch[i];

		if (w->id && !w->on && watch_matches(w, rs) &&
		    bfd_session_listen(rs->s, watch_cb, w) == 0) {
			w->on = rs->s;
			/* Tell the watcher where the session stands now. */
			w->fn(w->arg, rs->s, BFD_STATE_DOWN,
			      bfd_session_state(rs->s), BFD_DIAG_NONE);
		}
	}
}

/* The session goes away: watchers see it Down and wait for a new one. */
static void watch_detach(struct bfd_inst *b, struct bfd_rsess *rs)
{
	for (int i = 0; i < BFD_MAX_WATCHERS; i++) {
		struct bfd_watcher *w = &b->watch[i];

		if (!w->id || w->on != rs->s)
			continue;
		bfd_session_unlisten(rs->s, watch_cb, w);
		w->on = NULL;
		if (bfd_session_state(rs->s) != BFD_STATE_DOWN)
			w->fn(w->arg, rs->s, bfd_session_state(rs->s),
			      BFD_STATE_DOWN, BFD_DIAG_ADMIN_DOWN);
	}
}

int bfd_watch(struct bfd_inst *b, const char *name, uint32_t disc,
	      bfd_listen_fn fn, void *arg)
{
	struct bfd_watcher *w = NULL;

	if (!b || !fn || (!name && !disc))
		return -1;
	for (int i = 0; i < BFD_MAX_WATCHERS && !w; i++)
		if (!b->watch[i].id)
			w = &b->watch[i];
	if (!w)
		return -1;
	memset(w, 0, sizeof(*w));
	w->id = ++b->next_watch;
	if (name)
		snprintf(w->name, sizeof(w->name), "%s", name);
	w->disc = disc;
	w->fn = fn;
	w->arg = arg;
	for (size_t i = 0; i < b->nsess; i++)
		if (b->sess[i]->s && watch_matches(w, b->sess[i])) {
			watch_attach(b, b->sess[i]);
			break;
		}
	return w->id;
}

static struct bfd_watcher *watch_by_id(struct bfd_inst *b, int id)
{
	for (int i = 0; b && id > 0 && i < BFD_MAX_WATCHERS; i++)
		if (b->watch[i].id == id)
			return &b->watch[i];
	return NULL;
}

void bfd_unwatch(struct bfd_inst *b, int id)
{
	struct bfd_watcher *w = watch_by_id(b, id);

	if (!w)
		return;
	if (w->on)
		bfd_session_unlisten(w->on, watch_cb, w);
	memset(w, 0, sizeof(*w));
}

enum bfd_state bfd_watch_state(struct bfd_inst *b, int id)
{
	struct bfd_watcher *w = watch_by_id(b, id);

	return w && w->on ? bfd_session_state(w->on) : BFD_STATE_DOWN;
}

/* ---- transport ---- */

static struct node_iface *iface_at(struct router *r, int ifindex)
{
	struct node *n = router_node(r);

	return ifindex >= 0 && ifindex < n->nifaces ? n->ifaces[ifindex] : NULL;
}

static int rsess_send(void *ctx, struct bfd_session *s, const uint8_t *pkt,
		      size_t len)
{
	struct bfd_rsess *rs = ctx;
	struct router_ip_tx tx = {
		.dst = rs->peer,
		.src = rs->src,
		.ttl = 255, /* RFC 5881 section 5, RFC 5883 section 2 */
		.hw = rs->cfg.offload,
	};

	(void)s;
	if (!rs->multihop)
		tx.ifp = iface_at(rs->b->r, rs->out_ifindex);
	return router_udp_send(rs->b->r, &tx, rs->sport,
			       rs->multihop ? BFD_PORT_MULTI : BFD_PORT_SINGLE,
			       pkt, len);
}

static const struct bfd_session_ops rsess_ops = { .send = rsess_send };

/* RFC 5881 section 3: Your Discriminator, else source and interface. */
static struct bfd_rsess *demux(struct bfd_inst *b, const struct bfd_ctrl *c,
			       const struct net_addr *src, int ifindex)
{
	for (size_t i = 0; i < b->nsess; i++) {
		struct bfd_rsess *rs = b->sess[i];

		if (!rs->s)
			continue;
		if (c->your_disc) {
			if (rs->cfg.local_disc == c->your_disc)
				return rs;
		} else if (net_addr_eq(&rs->peer, src) &&
			   (rs->multihop || rs->out_ifindex == ifindex)) {
			return rs;
		}
	}
	return NULL;
}

static void bfd_input(struct bfd_inst *b, int ifindex,
		      const struct net_pkt_info *pi)
{
	struct bfd_rsess *rs;
	struct bfd_ctrl c;

	b->rx_packets++;
	if (!b->enabled)
		return;
	if (bfd_pkt_decode(pi->payload, pi->payload_len, &c) != BFD_PKT_OK) {
		b->rx_malformed++;
		return;
	}
	rs = demux(b, &c, &pi->src, ifindex);
	if (!rs) {
		b->rx_no_session++;
		return;
	}
	if (pi->udp.dport !=
	    (rs->multihop ? BFD_PORT_MULTI : BFD_PORT_SINGLE)) {
		b->rx_wrong_port++;
		return;
	}
	/* RFC 5881 section 5 (GTSM, RFC 5082): single hop needs 255. */
	if (!rs->multihop && pi->ttl != 255) {
		bfd_session_count_drop(rs->s, BFD_DROP_TTL);
		return;
	}
	bfd_session_rx(rs->s, &c, pi->payload, pi->payload_len);
}

static void udp_rx(void *ctx, struct router *r, struct node_iface *ifp,
		   const struct net_pkt_info *pi)
{
	(void)r;
	bfd_input(ctx, ifp->ifindex, pi);
}

/* An offloaded engine receives straight from the ASIC pipeline. */
static void hw_rx(void *ctx, int ifindex, struct net_frame *f)
{
	struct bfd_inst *b = ctx;
	struct net_pkt_info pi;

	if (net_dissect(f->data, f->len, &pi) == NET_OK &&
	    net_pkt_has(&pi, NET_LAYER_UDP))
		bfd_input(b, ifindex, &pi);
	net_frame_free(router_node(b->r)->env->pool, f);
}

void bfd_set_offload(struct bfd_inst *b, bool on)
{
	struct asic *a = router_asic(b->r);

	b->offload = on;
	asic_offload_udp(a, BFD_PORT_SINGLE, on ? hw_rx : NULL, b);
	asic_offload_udp(a, BFD_PORT_MULTI, on ? hw_rx : NULL, b);
	/* Running sessions move: they restart where they now run. */
	for (size_t i = 0; i < b->nsess; i++)
		if (b->sess[i]->s) {
			char why[128];

			bfd_rsess_start(b->sess[i], why, sizeof(why));
		}
}

/* ---- sessions ---- */

static bool iface_up(struct bfd_inst *b, int ifindex)
{
	struct node_iface *ifp = iface_at(b->r, ifindex);

	return ifp && ifp->oper_up;
}

int bfd_rsess_start(struct bfd_rsess *rs, char *why, size_t whylen)
{
	struct bfd_inst *b = rs->b;
	const struct rt_route *rt;

	bfd_rsess_stop(rs);
	if (!rs->cfg.local_disc)
		return 0; /* waits for "discriminator local" */
	rs->out_ifindex = rs->ifindex;
	rs->multihop = false;
	if (rs->ifindex < 0) {
		/* No interface: single hop on a connected subnet, else
		 * multihop (RFC 5883). */
		rt = rt_rib_lookup(router_rib(b->r), &rs->peer);
		if (rt && rt->kind == RT_KIND_CONNECTED)
			rs->out_ifindex = rt->out_ifindex;
		else
			rs->multihop = true;
	}
	rs->cfg.offload = b->offload;
	snprintf(rs->cfg.name, sizeof(rs->cfg.name), "%s", rs->name);
	rs->s = bfd_session_new(router_node(b->r), &rs->cfg, &rsess_ops, rs);
	if (!rs->s) {
		snprintf(why, whylen, "invalid session parameters");
		return -1;
	}
	if (!rs->multihop && rs->out_ifindex >= 0 &&
	    !iface_up(b, rs->out_ifindex))
		bfd_session_set_path(rs->s, false);
	watch_attach(b, rs);
	return 0;
}

void bfd_rsess_stop(struct bfd_rsess *rs)
{
	if (!rs->s)
		return;
	watch_detach(rs->b, rs);
	bfd_session_free(rs->s);
	rs->s = NULL;
}

struct bfd_rsess *bfd_rsess_add(struct bfd_inst *b, const char *name)
{
	struct bfd_rsess *rs;

	if (b->nsess == b->capsess) {
		size_t cap = b->capsess ? 2 * b->capsess : 8;
		void *p = realloc(b->sess, cap * sizeof(*b->sess));

		if (!p)
			return NULL;
		b->sess = p;
		b->capsess = cap;
	}
	rs = calloc(1, sizeof(*rs));
	if (!rs)
		return NULL;
	rs->b = b;
	snprintf(rs->name, sizeof(rs->name), "%s", name);
	rs->ifindex = -1;
	rs->out_ifindex = -1;
	rs->sport = b->next_sport++;
	if (b->next_sport < BFD_SRC_PORT_MIN)
		b->next_sport = BFD_SRC_PORT_MIN;
	rs->cfg.desired_min_tx = BFD_DEFAULT_TX;
	rs->cfg.required_min_rx = BFD_DEFAULT_RX;
	rs->cfg.detect_mult = BFD_DEFAULT_MULT;
	b->sess[b->nsess++] = rs;
	return rs;
}

void bfd_rsess_del(struct bfd_inst *b, struct bfd_rsess *rs)
{
	bfd_rsess_stop(rs);
	for (size_t i = 0; i < b->nsess; i++)
		if (b->sess[i] == rs) {
			memmove(&b->sess[i], &b->sess[i + 1],
				(b->nsess - i - 1) * sizeof(*b->sess));
			b->nsess--;
			break;
		}
	free(rs);
}

/* A bound or tracked interface changed (RFC 5880 6.8.17 path down). */
static void iface_change(void *ctx, struct router *r, struct node_iface *ifp,
			 bool up)
{
	struct bfd_inst *b = ctx;

	(void)r;
	for (size_t i = 0; i < b->nsess; i++) {
		struct bfd_rsess *rs = b->sess[i];

		if (rs->s && !rs->multihop && rs->out_ifindex == ifp->ifindex)
			bfd_session_set_path(rs->s, up);
	}
}

/* ---- module ---- */

static void *bfd_create(struct router *r)
{
	struct bfd_inst *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->r = r;
	b->next_sport = BFD_SRC_PORT_MIN;
	if (router_register_udp(r, BFD_PORT_SINGLE, udp_rx, b) != 0 ||
	    router_register_udp(r, BFD_PORT_MULTI, udp_rx, b) != 0 ||
	    router_iface_listen(r, iface_change, b) != 0) {
		free(b);
		return NULL;
	}
	return b;
}

static void bfd_destroy(void *state)
{
	struct bfd_inst *b = state;

	for (size_t i = 0; i < b->nsess; i++) {
		if (b->sess[i]->s)
			bfd_session_free(b->sess[i]->s);
		free(b->sess[i]);
	}
	free(b->sess);
	if (b->offload) {
		asic_offload_udp(router_asic(b->r), BFD_PORT_SINGLE, NULL,
				 NULL);
		asic_offload_udp(router_asic(b->r), BFD_PORT_MULTI, NULL, NULL);
	}
	free(b);
}

const struct router_module bfd_module = {
	.name = "bfd",
	.cli_register = bfd_cli_register,
	.create = bfd_create,
	.destroy = bfd_destroy,
};
