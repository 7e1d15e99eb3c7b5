/*
 * VRRP on a router: the table of configured groups, their state machines,
 * advertisement transport (RFC 5798 section 5.1: IP protocol 112 to
 * 224.0.0.18 / ff02::12, TTL/Hop Limit 255, source MAC the virtual MAC of
 * section 7.3; IPv6 addresses link-local first, section 5.2.9), reception
 * with the section 7.1 checks done here (TTL, the group exists on the
 * interface; refusals counted per family), taking over the virtual MAC and
 * addresses as Master (the ASIC accepts the virtual MAC, the router
 * answers ARP/ND for the addresses, a gratuitous ARP or an unsolicited NA
 * with R=1 announces them: sections 6.4.1-6.4.3, 8.1.2, 8.2.2) and the
 * watch API.
 */
#include "protocols/vrrp/vrrp_router_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/asic/asic.h"
#include "sim/net/net_build.h"

struct vrrp_inst *vrrp_inst(struct router *r)
{
	return router_module_state(r, &vrrp_module);
}

struct node_iface *vrrp_iface(struct vrrp_inst *v, int ifindex)
{
	struct node *n = router_node(v->r);

	return ifindex >= 0 && ifindex < n->nifaces ? n->ifaces[ifindex] : NULL;
}

struct vrrp_rgroup *vrrp_rgroup_find(struct vrrp_inst *v, int ifindex,
				     enum net_af af, uint8_t vrid)
{
	for (size_t i = 0; v && i < v->ngrp; i++) {
		struct vrrp_rgroup *rg = v->grp[i];

		if (rg->ifindex == ifindex && rg->af == af && rg->vrid == vrid)
			return rg;
	}
	return NULL;
}

static void start_fire(struct node_timer *nt)
{
	vrrp_rgroup_run(sim_container_of(nt, struct vrrp_rgroup, start));
}

struct vrrp_rgroup *vrrp_rgroup_get(struct vrrp_inst *v, int ifindex,
				    enum net_af af, uint8_t vrid)
{
	struct vrrp_rgroup *rg = vrrp_rgroup_find(v, ifindex, af, vrid);
	struct node_iface *ifp = vrrp_iface(v, ifindex);

	if (rg)
		return rg;
	if (v->ngrp == v->capgrp) {
		size_t cap = v->capgrp ? 2 * v->capgrp : 8;
		void *p = realloc(v->grp, cap * sizeof(*v->grp));

		if (!p)
			return NULL;
		v->grp = p;
		v->capgrp = cap;
	}
	rg = calloc(1, sizeof(*rg));
	if (!rg)
		return NULL;
	if (node_timer_init(router_node(v->r), &rg->start, start_fire) != 0) {
		free(rg);
		return NULL;
	}
	rg->v = v;
	rg->ifindex = ifindex;
	rg->af = af;
	rg->vrid = vrid;
	rg->cfg.vrid = vrid;
	rg->cfg.af = af;
	rg->cfg.priority = VRRP_DEFAULT_PRIO;
	rg->conf_prio = VRRP_DEFAULT_PRIO;
	rg->cfg.adver_int = SIM_S(1);
	rg->cfg.preempt = true; /* VRP default: preemption on, delay 0 */
	snprintf(rg->cfg.name, sizeof(rg->cfg.name), "%s %s %u",
		 ifp ? ifp->name : "?", af == NET_AF_IP6 ? "vrrp6" : "vrrp",
		 vrid);
	v->grp[v->ngrp++] = rg;
	return rg;
}

static struct net_mac vmac(const struct vrrp_rgroup *rg)
{
	/* RFC 5798 section 7.3: 00-00-5E-00-01-{VRID} / 00-00-5E-00-02-. */
	struct net_mac m = { { 0x00, 0x00, 0x5e, 0x00,
			       rg->af == NET_AF_IP6 ? 0x02 : 0x01, rg->vrid } };

	return m;
}

enum vrrp_state vrrp_rgroup_state(const struct vrrp_rgroup *rg)
{
	if (rg->service)
		return rg->svc_state;
	return rg->g ? vrrp_group_state(rg->g) : VRRP_STATE_INIT;
}

static void announce(struct vrrp_rgroup *rg, struct node_iface *ifp,
		     const struct net_mac *m)
{
	struct net_frame_pool *pool = router_node(rg->v->r)->env->pool;

	for (size_t i = 0; i < rg->cfg.nvaddrs; i++) {
		const struct net_addr *a = &rg->cfg.vaddrs[i];
		struct net_frame *f = net_frame_alloc(pool);
		struct net_l2 l2 = { .src = *m };
		struct net_wr w;
		int n;

		if (!f)
			return;
		net_wr_init(&w, f->data, sizeof(f->data));
		if (a->af == NET_AF_IP4) {
			struct net_arp arp = { .op = NET_ARP_REQUEST,
					       .sha = *m,
					       .spa = net_addr_ip4(a),
					       .tpa = net_addr_ip4(a) };

			l2.dst = net_mac_broadcast;
			n = net_build_arp(&w, &l2, &arp);
		} else {
			struct net_ip6 t = net_addr_ip6(a);
			struct net_ip6 all = { { 0xff, 0x02, [15] = 1 } };

			l2.dst = net_mac_from_ip6_mcast(&all);
			n = net_build_na_unsolicited(&w, &l2, &t, &t, true);
		}
		if (n < 0) {
			net_frame_free(pool, f);
			continue;
		}
		f->len = (uint16_t)n;
		router_inject(rg->v->r, ifp, f);
	}
}

/*
 * RFC 5798 6.4.3: a Master "MUST accept packets addressed to the IPvX
 * address(es) associated with the virtual router if it is the IPvX
 * address owner or if Accept_Mode is True".
 */
bool vrrp_rgroup_accepts(const struct vrrp_rgroup *rg)
{
	return rg->cfg.accept || rg->cfg.priority == VRRP_PRIO_OWNER;
}

/* Master owns the virtual MAC and addresses; everyone else gives them
 * back. Programming goes through the ASIC queue like any write. */
void vrrp_rgroup_sync(struct vrrp_rgroup *rg)
{
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);
	bool want = vrrp_rgroup_state(rg) == VRRP_STATE_MASTER &&
		    rg->cfg.nvaddrs > 0;
	struct asic *a = router_asic(rg->v->r);
	struct net_mac m = vmac(rg);

	if (!ifp || want == rg->owned)
		return;
	rg->owned = want;
	asic_prog_mac(a, rg->ifindex, &m, want);
	for (size_t i = 0; i < rg->cfg.nvaddrs; i++) {
		if (want)
			router_vaddr_add(rg->v->r, ifp, &rg->cfg.vaddrs[i], &m,
					 vrrp_rgroup_accepts(rg));
		else
			router_vaddr_del(rg->v->r, ifp, &rg->cfg.vaddrs[i]);
	}
	if (want)
		announce(rg, ifp, &m);
}

static bool owner(const struct vrrp_rgroup *rg, const struct node_iface *ifp);

static bool in_list(const struct net_addr *a, const struct net_addr *l,
		    size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (net_addr_eq(&l[i], a))
			return true;
	return false;
}

/*
 * Change the virtual addresses of a running group in place: a Master
 * gives back the ones removed and takes and announces the new ones,
 * without resigning. Owner status changes and empty lists rebuild the
 * group instead.
 */
int vrrp_rgroup_set_vaddrs(struct vrrp_rgroup *rg, const struct net_addr *a,
			   size_t n)
{
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);
	struct vrrp_rgroup tmp = *rg;
	struct net_addr old[VRRP_MAX_ADDRS];
	size_t nold = rg->cfg.nvaddrs;
	struct net_mac m = vmac(rg);

	if (n > VRRP_MAX_ADDRS || !ifp)
		return -1;
	memcpy(tmp.cfg.vaddrs, a, n * sizeof(*a));
	tmp.cfg.nvaddrs = n;
	if (!rg->g || !n || !nold || owner(&tmp, ifp) != owner(rg, ifp) ||
	    vrrp_group_set_vaddrs(rg->g, a, n) != 0) {
		memcpy(rg->cfg.vaddrs, a, n * sizeof(*a));
		rg->cfg.nvaddrs = n;
		return vrrp_rgroup_apply(rg);
	}
	memcpy(old, rg->cfg.vaddrs, nold * sizeof(*old));
	memcpy(rg->cfg.vaddrs, a, n * sizeof(*a));
	rg->cfg.nvaddrs = n;
	if (!rg->owned)
		return 0;
	for (size_t i = 0; i < nold; i++)
		if (!in_list(&old[i], a, n))
			router_vaddr_del(rg->v->r, ifp, &old[i]);
	for (size_t i = 0; i < n; i++)
		if (!in_list(&a[i], old, nold))
			router_vaddr_add(rg->v->r, ifp, &a[i], &m,
					 vrrp_rgroup_accepts(rg));
	announce(rg, ifp, &m);
	return 0;
}

void vrrp_notify(struct vrrp_rgroup *rg)
{
	enum vrrp_state now = vrrp_rgroup_state(rg);
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);
	enum vrrp_state old = rg->last_state;
	int last = rg->v->next_watch;

	vrrp_rgroup_sync(rg);
	if (now == old)
		return;
	rg->last_state = now;
	for (int i = 0; i < VRRP_MAX_WATCHERS; i++) {
		struct vrrp_watcher *w = &rg->v->watch[i];

		/* A watch added by a callback during this loop (id above
		 * last) was told the state by vrrp_watch already. */
		if (w->id && w->id <= last && ifp && w->af == rg->af &&
		    w->vrid == rg->vrid && !strcmp(w->ifname, ifp->name))
			w->fn(w->arg, ifp->name, rg->af, rg->vrid, old, now);
	}
	if (rg->admin)
		vrrp_service_update(rg->v);
}

/* ---- state machine glue ---- */

/*
 * RFC 5798 5.2.9: "For IPv6, the first address must be the IPv6
 * link-local address associated with the virtual router." The first
 * link-local address of the list moves to the front, whatever order the
 * addresses were configured in; the others keep their order.
 */
static void link_local_first(struct net_addr *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct net_ip6 a6 = net_addr_ip6(&a[i]);
		struct net_addr ll;

		if (!net_ip6_is_link_local(&a6))
			continue;
		ll = a[i];
		memmove(&a[1], &a[0], i * sizeof(a[0]));
		a[0] = ll;
		return;
	}
}

static int send_adv(void *ctx, struct vrrp_group *g, uint8_t priority)
{
	struct vrrp_rgroup *rg = ctx;
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);
	const struct vrrp_group_cfg *c = vrrp_group_cfg(g);
	struct vrrp_adv a = { .version = c->version,
			      .type = VRRP_TYPE_ADVERT,
			      .vrid = c->vrid,
			      .priority = priority,
			      .af = c->af,
			      .adver_int = c->adver_int,
			      .auth_type = c->auth_type };
	struct router_ip_tx tx = { .ifp = ifp, .ttl = 255 };
	struct net_mac m = vmac(rg);
	const struct node_addr6 *ll;
	const struct node_addr4 *p4;
	uint8_t buf[512];
	int n;

	if (!ifp || !ifp->oper_up)
		return -1;
	a.naddrs = (uint8_t)c->nvaddrs;
	memcpy(a.addrs, c->vaddrs, c->nvaddrs * sizeof(a.addrs[0]));
	if (c->af == NET_AF_IP6)
		link_local_first(a.addrs, a.naddrs);
	memcpy(a.auth_data, c->auth_key, sizeof(a.auth_data));
	tx.src_mac = &m;
	if (c->af == NET_AF_IP4) {
		p4 = node_iface_primary4(ifp);
		if (!p4)
			return -1;
		tx.src = net_addr_from_ip4(&p4->addr);
		tx.dst = vrrp_group4;
	} else {
		/* RFC 5798 5.1.2.1: the interface's link-local address. */
		ll = node_iface_link_local(ifp);
		if (!ll)
			return -1;
		tx.src = net_addr_from_ip6(&ll->addr);
		tx.dst = vrrp_group6;
	}
	n = vrrp_pkt_encode(&a, &tx.src, &tx.dst, buf, sizeof(buf));
	if (n < 0)
		return -1;
	return router_ip_send(rg->v->r, &tx, VRRP_PROTO, buf, (size_t)n);
}

static void master_enter(void *ctx, struct vrrp_group *g)
{
	(void)g;
	vrrp_rgroup_sync(ctx);
}

static void master_leave(void *ctx, struct vrrp_group *g)
{
	(void)g;
	vrrp_rgroup_sync(ctx);
}

static const struct vrrp_group_ops group_ops = {
	.send_adv = send_adv,
	.master_enter = master_enter,
	.master_leave = master_leave,
};

static void fsm_listen(void *arg, struct vrrp_group *g, enum vrrp_state old,
		       enum vrrp_state new)
{
	(void)g;
	(void)old;
	(void)new;
	vrrp_notify(arg);
}

/* An interface address among the virtual ones makes us the owner. */
static bool owner(const struct vrrp_rgroup *rg, const struct node_iface *ifp)
{
	for (size_t i = 0; i < rg->cfg.nvaddrs; i++) {
		const struct net_addr *a = &rg->cfg.vaddrs[i];
		struct net_ip4 a4 = net_addr_ip4(a);
		struct net_ip6 a6 = net_addr_ip6(a);

		if ((a->af == NET_AF_IP4 && node_iface_has_addr4(ifp, &a4)) ||
		    (a->af == NET_AF_IP6 && node_iface_has_addr6(ifp, &a6)))
			return true;
	}
	return false;
}

static void fsm_stop(struct vrrp_rgroup *rg)
{
	if (!rg->g)
		return;
	/* A Master being rebuilt resigns first (priority 0), so the peer
	 * takes over after Skew_Time rather than Master_Down_Interval. */
	if (vrrp_group_state(rg->g) == VRRP_STATE_MASTER)
		vrrp_group_shutdown(rg->g);
	vrrp_group_free(rg->g);
	rg->g = NULL;
	vrrp_notify(rg);
}

/* Bring the state machine in line with the interface and "link" tracks. */
void vrrp_rgroup_run(struct vrrp_rgroup *rg)
{
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);
	bool up = ifp && ifp->oper_up && !rg->link_down;

	if (!rg->g)
		return;
	if (up && vrrp_group_state(rg->g) == VRRP_STATE_INIT) {
		/* The interface's addresses may have changed since the group
		 * was built (e.g. a link-local address configured after it). */
		const struct node_addr4 *p4 = node_iface_primary4(ifp);
		const struct node_addr6 *ll = node_iface_link_local(ifp);
		struct net_addr prim = { 0 };

		if (rg->af == NET_AF_IP4 && p4)
			prim = net_addr_from_ip4(&p4->addr);
		if (rg->af == NET_AF_IP6 && ll)
			prim = net_addr_from_ip6(&ll->addr);
		if (prim.af != NET_AF_NONE) {
			rg->cfg.primary = prim;
			vrrp_group_set_primary(rg->g, &prim);
		}
		vrrp_group_startup(rg->g);
	} else if (!up && vrrp_group_state(rg->g) != VRRP_STATE_INIT) {
		/* VRP ignore-if-down: an mVRRP whose interface died stays
		 * out of Initialize; it cannot hear a Master any more. */
		if (rg->admin && rg->ignore_if_down && !rg->link_down) {
			if (vrrp_group_state(rg->g) == VRRP_STATE_BACKUP)
				vrrp_group_master_gone(rg->g);
			return;
		}
		vrrp_group_shutdown(rg->g);
	}
}

const char *vrrp_rgroup_unusable(const struct vrrp_rgroup *rg)
{
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);

	if (!ifp || rg->service || (!rg->cfg.nvaddrs && !rg->admin))
		return NULL;
	if (rg->af == NET_AF_IP4 && !node_iface_primary4(ifp))
		return "The interface has no IPv4 address.";
	if (rg->af == NET_AF_IP6 && !node_iface_link_local(ifp))
		return "IPv6 is not enabled on the interface (no link-local "
		       "address).";
	return NULL;
}

int vrrp_rgroup_apply(struct vrrp_rgroup *rg)
{
	struct vrrp_group_cfg cfg;
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);
	const struct node_addr4 *p4;
	const struct node_addr6 *ll;

	vrrp_track_detach(rg);
	fsm_stop(rg);
	if (!ifp || rg->service || (!rg->cfg.nvaddrs && !rg->admin)) {
		vrrp_track_attach(rg);
		vrrp_service_update(rg->v);
		/* A group that stopped being a service group without a state
		 * machine of its own: watchers learn it left its state. */
		vrrp_notify(rg);
		return 0;
	}
	rg->cfg.version = rg->af == NET_AF_IP6 ? 3 : rg->v->version;
	if (rg->af == NET_AF_IP4 && (p4 = node_iface_primary4(ifp)))
		rg->cfg.primary = net_addr_from_ip4(&p4->addr);
	if (rg->af == NET_AF_IP6 && (ll = node_iface_link_local(ifp)))
		rg->cfg.primary = net_addr_from_ip6(&ll->addr);
	if (owner(rg, ifp))
		rg->cfg.priority = VRRP_PRIO_OWNER;
	else
		rg->cfg.priority = rg->conf_prio; /* back from ownership */
	/* Authentication is VRRPv2's (RFC 5798 carries none): kept in the
	 * configuration, used while the version is 2. */
	cfg = rg->cfg;
	if (cfg.version != 2) {
		cfg.auth_type = VRRP_AUTH_NONE;
		memset(cfg.auth_key, 0, sizeof(cfg.auth_key));
	}
	rg->g = vrrp_group_new(router_node(rg->v->r), &cfg, &group_ops, rg);
	if (!rg->g)
		return -1;
	vrrp_group_listen(rg->g, fsm_listen, rg);
	vrrp_track_attach(rg);
	vrrp_track_recompute(rg);
	/* Start with the whole configuration in place (timers, priority,
	 * tracks typed after the virtual address), as a router does. */
	node_timer_arm(&rg->start, node_now(router_node(rg->v->r)));
	vrrp_service_update(rg->v);
	return 0;
}

void vrrp_rgroup_del(struct vrrp_inst *v, struct vrrp_rgroup *rg)
{
	vrrp_track_detach(rg);
	if (rg->g)
		vrrp_group_shutdown(rg->g);
	fsm_stop(rg);
	rg->service = false;
	rg->svc_state = VRRP_STATE_INIT;
	if (rg->holding)
		router_iface_hold(v->r, vrrp_iface(v, rg->ifindex), false,
				  "vrrp-deleted");
	rg->holding = false;
	vrrp_notify(rg);
	for (size_t i = 0; i < v->ngrp; i++)
		if (v->grp[i] == rg) {
			memmove(&v->grp[i], &v->grp[i + 1],
				(v->ngrp - i - 1) * sizeof(*v->grp));
			v->ngrp--;
			break;
		}
	node_timer_fini(&rg->start);
	free(rg);
	vrrp_service_update(v);
}

/* ---- reception (RFC 5798 section 7.1) ---- */

static void adv_rx(void *ctx, struct router *r, struct node_iface *ifp,
		   const struct net_pkt_info *pi)
{
	struct vrrp_inst *v = ctx;
	struct vrrp_rgroup *rg;
	struct vrrp_adv a;

	struct vrrp_rx_stats *st = &v->stats[pi->af == NET_AF_IP6];
	enum vrrp_pkt_err e;

	(void)r;
	st->rx++;
	/* 7.1: version, length, checksum (and type, RFC 5798 5.2.2). */
	e = vrrp_pkt_decode(pi->l4, pi->l4_len, &pi->src, &pi->dst, &a);
	if (e != VRRP_PKT_OK) {
		if ((unsigned)e >= VRRP_PKT_E__COUNT)
			e = VRRP_PKT_E_SHORT; /* never returned; bounded anyway
					       */
		st->bad[e]++;
		return;
	}
	/* 7.1: "the VRID is configured on the receiving interface". */
	rg = vrrp_rgroup_find(v, ifp->ifindex, pi->af, a.vrid);
	if (!rg || !rg->g) {
		st->no_group++;
		return;
	}
	/* 7.1: "MUST verify that the IP TTL is 255". */
	if (pi->ttl != 255) {
		vrrp_group_count_drop(rg->g, VRRP_DROP_TTL);
		return;
	}
	vrrp_group_rx(rg->g, &a, &pi->src);
}

void vrrp_rx_stats(struct vrrp_inst *v, enum net_af af,
		   struct vrrp_rx_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (v && (af == NET_AF_IP4 || af == NET_AF_IP6))
		*out = v->stats[af == NET_AF_IP6];
}

/* ---- watchers ---- */

enum vrrp_state vrrp_state_of(struct vrrp_inst *v, const char *ifname,
			      enum net_af af, uint8_t vrid)
{
	struct node_iface *ifp =
		v ? node_iface_find(router_node(v->r), ifname) : NULL;
	struct vrrp_rgroup *rg =
		ifp ? vrrp_rgroup_find(v, ifp->ifindex, af, vrid) : NULL;

	return rg ? vrrp_rgroup_state(rg) : VRRP_STATE_INIT;
}

const struct vrrp_group *vrrp_group_of(struct vrrp_inst *v, const char *ifname,
				       enum net_af af, uint8_t vrid)
{
	struct node_iface *ifp =
		v ? node_iface_find(router_node(v->r), ifname) : NULL;
	struct vrrp_rgroup *rg =
		ifp ? vrrp_rgroup_find(v, ifp->ifindex, af, vrid) : NULL;

	return rg ? rg->g : NULL;
}

int vrrp_watch(struct vrrp_inst *v, const char *ifname, enum net_af af,
	       uint8_t vrid, vrrp_watch_fn fn, void *arg)
{
	enum vrrp_state now;

	if (!v || !fn)
		return -1;
	for (int i = 0; i < VRRP_MAX_WATCHERS; i++) {
		struct vrrp_watcher *w = &v->watch[i];

		if (w->id)
			continue;
		w->id = ++v->next_watch;
		snprintf(w->ifname, sizeof(w->ifname), "%s", ifname);
		w->af = af;
		w->vrid = vrid;
		w->fn = fn;
		w->arg = arg;
		now = vrrp_state_of(v, ifname, af, vrid);
		if (now != VRRP_STATE_INIT)
			fn(arg, ifname, af, vrid, VRRP_STATE_INIT, now);
		return w->id;
	}
	return -1;
}

void vrrp_unwatch(struct vrrp_inst *v, int id)
{
	for (int i = 0; v && id > 0 && i < VRRP_MAX_WATCHERS; i++)
		if (v->watch[i].id == id)
			memset(&v->watch[i], 0, sizeof(v->watch[i]));
}

/* ---- module ---- */

static void iface_change(void *ctx, struct router *r, struct node_iface *ifp,
			 bool up)
{
	(void)r;
	vrrp_iface_event(ctx, ifp, up);
}

static void *vrrp_create(struct router *r)
{
	struct vrrp_inst *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->r = r;
	v->version = 2;
	if (router_register_proto(r, NET_AF_IP4, VRRP_PROTO, adv_rx, v) ||
	    router_register_proto(r, NET_AF_IP6, VRRP_PROTO, adv_rx, v) ||
	    router_iface_listen(r, iface_change, v)) {
		free(v);
		return NULL;
	}
	return v;
}

static void vrrp_destroy(void *state)
{
	struct vrrp_inst *v = state;

	for (size_t i = 0; i < v->ngrp; i++) {
		if (v->grp[i]->g)
			vrrp_group_free(v->grp[i]->g);
		node_timer_fini(&v->grp[i]->start);
		free(v->grp[i]);
	}
	free(v->grp);
	free(v);
}

const struct router_module vrrp_module = {
	.name = "vrrp",
	.cli_register = vrrp_cli_register,
	.create = vrrp_create,
	.destroy = vrrp_destroy,
};
