/*
 * What a VRRP group follows besides advertisements (SEMANTICS.md,
 * "Tracking" and "mVRRP"):
 * - `track interface IF [reduced P]`: while IF is down the priority drops
 *   by P (default 10).
 * - `track monitor-group NAME failure-ratio R [link | reduced P]`: while
 *   the group's down ratio is >= R, `reduced` lowers the priority by P
 *   (default 10) and `link` takes the group to Initialize (a Master first
 *   sends priority 0, so the peer takes over after Skew_Time).
 * - `track bfd-session ID|session-name NAME {increased V | reduced V |
 *   peer | link}`: while the session is down the priority rises or drops
 *   by V (default reduced 10); `peer` (a BFD session to the other VRRP
 *   router) makes a Backup Master at once when it goes down; `link` (a
 *   session watching an uplink or downlink) takes the group to
 *   Initialize like a monitor group's `link`. Each track acts on its own:
 *   with both peer and link, a link failure gives up the role and a peer
 *   failure takes it (failsim's rule, protocols/vrrp/README.md).
 * The effective priority stays within 1..254 (an owner keeps 255).
 * - mVRRP service groups (`track admin-vrrp ... [unflowdown]`) send no
 *   advertisements: Master while their interface is up and the mVRRP is
 *   Master; otherwise flowdown holds their interface down (Initialize)
 *   and unflowdown leaves it up (Backup).
 */
#include "protocols/vrrp/vrrp_router_int.h"

#include <string.h>

void vrrp_track_recompute(struct vrrp_rgroup *rg)
{
	int prio = rg->cfg.priority;
	bool link = false;

	for (int i = 0; i < rg->ntif; i++) {
		struct node_iface *ifp = vrrp_iface(rg->v, rg->tif[i].ifindex);

		if (!ifp || !ifp->oper_up)
			prio -= rg->tif[i].reduce;
	}
	for (int i = 0; i < rg->ntmg; i++) {
		struct vrrp_track_mg *t = &rg->tmg[i];

		if (t->down_pct < t->ratio)
			continue;
		if (t->link)
			link = true;
		else
			prio -= t->reduce;
	}
	for (int i = 0; i < rg->ntbfd; i++) {
		struct vrrp_track_bfd *t = &rg->tbfd[i];

		if (!t->down)
			continue;
		if (t->mode == VRRP_BFD_REDUCED)
			prio -= t->value;
		else if (t->mode == VRRP_BFD_INCREASED)
			prio += t->value;
		else if (t->mode == VRRP_BFD_LINK)
			link = true;
	}
	if (rg->cfg.priority == VRRP_PRIO_OWNER)
		prio = VRRP_PRIO_OWNER;
	else if (prio < 1)
		prio = 1;
	else if (prio > 254)
		prio = 254;
	if (rg->g)
		vrrp_group_set_priority(rg->g, (uint8_t)prio);
	if (link != rg->link_down) {
		rg->link_down = link;
		vrrp_rgroup_run(rg);
	}
}

static void mg_changed(void *arg, const char *name, unsigned down_pct)
{
	struct vrrp_rgroup *rg = arg;

	for (int i = 0; i < rg->ntmg; i++)
		if (!strcmp(rg->tmg[i].name, name))
			rg->tmg[i].down_pct = down_pct;
	vrrp_track_recompute(rg);
}

static void bfd_changed(void *arg, struct bfd_session *s, enum bfd_state old,
			enum bfd_state new, enum bfd_diag diag)
{
	struct vrrp_rgroup *rg = arg;
	bool down = new != BFD_STATE_UP;
	bool peer_fell = false, admin;
	struct bfd_session_info in;

	/*
	 * A session taken down administratively (shutdown, deleted,
	 * restarted by hardware-offload: diag AdminDown) or by a peer
	 * signalling AdminDown is not a failure of the path (RFC 5882
	 * section 3.2): the track forgets the session, as if it had never
	 * been Up, rather than acting on it.
	 */
	bfd_session_info(s, &in);
	admin = down && (diag == BFD_DIAG_ADMIN_DOWN ||
			 in.remote_state == BFD_STATE_ADMIN_DOWN);

	for (int i = 0; i < rg->ntbfd; i++) {
		struct vrrp_track_bfd *t = &rg->tbfd[i];

		if ((t->name[0] && strcmp(t->name, bfd_session_name(s))) ||
		    (!t->name[0] && t->disc != bfd_session_local_disc(s)))
			continue;
		if (admin)
			t->was_up = false;
		if (!down)
			t->was_up = true;
		if (down && !admin && old == BFD_STATE_UP &&
		    t->mode == VRRP_BFD_PEER)
			peer_fell = true;
		t->down = down && t->was_up;
	}
	vrrp_track_recompute(rg);
	/* "peer": the other router is gone; take over now (SEMANTICS.md). */
	if (peer_fell && rg->g && vrrp_group_state(rg->g) == VRRP_STATE_BACKUP)
		vrrp_group_master_gone(rg->g);
}

void vrrp_track_attach(struct vrrp_rgroup *rg)
{
	struct track_inst *ti = track_inst(rg->v->r);
	struct bfd_inst *bi = bfd_inst(rg->v->r);

	for (int i = 0; i < rg->ntmg; i++)
		if (ti && !rg->tmg[i].watch)
			rg->tmg[i].watch = track_mg_watch(ti, rg->tmg[i].name,
							  mg_changed, rg);
	for (int i = 0; i < rg->ntbfd; i++) {
		struct vrrp_track_bfd *t = &rg->tbfd[i];

		if (!bi || t->watch > 0)
			continue;
		/* Until BFD says otherwise a tracked session counts as
		 * down only once it has been seen Up and fallen. */
		t->watch = bfd_watch(bi, t->name[0] ? t->name : NULL, t->disc,
				     bfd_changed, rg);
	}
}

void vrrp_track_detach(struct vrrp_rgroup *rg)
{
	struct track_inst *ti = track_inst(rg->v->r);
	struct bfd_inst *bi = bfd_inst(rg->v->r);

	for (int i = 0; i < rg->ntmg; i++) {
		if (ti && rg->tmg[i].watch > 0)
			track_mg_unwatch(ti, rg->tmg[i].watch);
		rg->tmg[i].watch = 0;
	}
	for (int i = 0; i < rg->ntbfd; i++) {
		if (bi && rg->tbfd[i].watch > 0)
			bfd_unwatch(bi, rg->tbfd[i].watch);
		rg->tbfd[i].watch = 0;
	}
}

static void service_one(struct vrrp_rgroup *rg)
{
	struct vrrp_inst *v = rg->v;
	struct node_iface *ifp = vrrp_iface(v, rg->ifindex);
	struct node_iface *mif =
		node_iface_find(router_node(v->r), rg->m_ifname);
	struct vrrp_rgroup *m =
		mif ? vrrp_rgroup_find(v, mif->ifindex, rg->af, rg->m_vrid)
		    : NULL;
	enum vrrp_state ms =
		m && m->admin ? vrrp_rgroup_state(m) : VRRP_STATE_INIT;
	bool hold = !rg->unflowdown && ms != VRRP_STATE_MASTER;

	if (!ifp)
		return;
	if (hold != rg->holding) {
		rg->holding = hold;
		router_iface_hold(v->r, ifp, hold,
				  hold ? "vrrp-flowdown" : "vrrp-flowup");
	}
	/* Its own interface down (not by our hold): Initialize. */
	if (!ifp->oper_up)
		rg->svc_state = VRRP_STATE_INIT;
	else if (ms == VRRP_STATE_MASTER)
		rg->svc_state = VRRP_STATE_MASTER;
	else
		rg->svc_state = VRRP_STATE_BACKUP;
	vrrp_notify(rg);
}

void vrrp_service_update(struct vrrp_inst *v)
{
	for (size_t i = 0; i < v->ngrp; i++)
		if (v->grp[i]->service)
			service_one(v->grp[i]);
}

void vrrp_iface_event(struct vrrp_inst *v, struct node_iface *ifp, bool up)
{
	(void)up;
	for (size_t i = 0; i < v->ngrp; i++) {
		struct vrrp_rgroup *rg = v->grp[i];
		bool tracks = false;

		for (int k = 0; k < rg->ntif; k++)
			tracks |= rg->tif[k].ifindex == ifp->ifindex;
		if (tracks)
			vrrp_track_recompute(rg);
		if (rg->ifindex == ifp->ifindex)
			vrrp_rgroup_run(rg);
	}
	vrrp_service_update(v);
}
