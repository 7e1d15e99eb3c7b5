/*
 * Data-driven events and the forwarding entries (RFC 7761 4.2, 4.2.1,
 * 4.1.4). Packets reach the engine only when the data plane punts them
 * (no MFIB entry, a copy asked for with cpu_copy, or arrival on an
 * outgoing interface), and the packet counters of the entries are polled
 * every cfg.kat_poll, as a CPU reads hardware counters. Data from a
 * directly connected source on its RPF interface, or on the SPT of a
 * Joined (S,G) with a non-empty inherited_olist(S,G), sets the Keepalive
 * Timer (4.2); Update_SPTbit (4.2.2) sets the SPTbit on data from the
 * RPF interface of S; data on the RP tree of a last-hop router with
 * SwitchToSptDesired (the first packet, unless `spt-switch-threshold
 * infinity`) starts the switch (CheckSwitchToSpt, 4.2.1); data failing
 * the RPF check on an interface of the outgoing list feeds the Assert
 * machines. The engine programs the (*,G) entry with iif RPF_interface(RP)
 * and immediate_olist(*,G) (none at the RP itself: it gets RP-tree data
 * as Registers, and a (*,G) entry accepting no port would hide sources
 * attached to the RP), and (S,G) entries with inherited_olist(S,G) from
 * RPF_interface(S), or inherited_olist(S,G,rpt) from the RP-tree interface
 * while the SPTbit is clear and the SPT not joined. The data plane holds
 * one iif per entry and drops data off it, so once we joined the SPT the
 * entry moves to RPF_interface(S) and asks for a copy of the first packet
 * there, which sets the SPTbit and lets the (S,G,rpt) prune go. cpu_copy
 * is also asked for during Register encapsulation and, on (*,G), at a
 * last-hop router that switches to the SPT. A no-cache packet that
 * creates no state leaves an (S,G) entry with an empty outgoing list
 * while the stream lasts, so the data plane drops it instead of punting
 * every packet (pim_data_hold). The punted packet itself is not
 * forwarded in software (as the router does without PIM).
 */
#include <stdlib.h>
#include <string.h>

#include "protocols/pim/pim_int.h"

/* ---- Keepalive Timer and the counter poll (4.1.4, 4.2) ---- */

static void pim_kat_arm(struct pim_ent *e)
{
	struct pim *p = e->g->p;
	sim_time_t next;
	bool wait_spt = !e->spt && e->installed && pim_join_desired_sg(e);

	if (e->kat < 0 && !wait_spt && !e->neg) {
		node_timer_cancel(&e->kat_t);
		return;
	}
	next = pim_now(p) + p->cfg.kat_poll;
	if (e->kat >= 0 && e->kat < next)
		next = e->kat;
	if (!node_timer_armed(&e->kat_t) || e->kat_t.t.deadline > next)
		node_timer_arm(&e->kat_t, next);
}

void pim_kat_start(struct pim_ent *e, sim_time_t period)
{
	e->kat = pim_now(e->g->p) + period;
	pim_kat_arm(e);
}

/* Could a packet on iif set the SPTbit (Update_SPTbit, 4.2.2)? */
static bool pim_sptbit_could(const struct pim_ent *e, int iif)
{
	const struct pim_grp *g = e->g;
	const struct pim_ifst *s;
	struct net_addr a, b;
	bool ha, hb;

	if (iif < 0 || iif != e->rpf.ifindex || !pim_join_desired_sg(e))
		return false;
	if (pim_directly_connected(e) || e->rpf.ifindex != pim_rp_if(g) ||
	    !pim_any_inh_rpt(g, e))
		return true;
	ha = pim_rpfp_sg(e, &a);
	hb = pim_rpfp_star(g, &b);
	if (ha && hb && net_addr_eq(&a, &b))
		return true;
	s = pim_ifst_find(e, iif);
	return s && s->as == PIM_AS_LOSER;
}

void pim_update_sptbit(struct pim_ent *e, int iif)
{
	struct sim_log_rec r;

	if (e->spt || !pim_sptbit_could(e, iif))
		return;
	e->spt = true;
	/* No "mark": the SPT bit is set by data already flowing, so it
	 * repairs nothing (the joins before it did). */
	pim_log_ent(&r, e, "spt-switch");
	sim_log_end(&r);
}

/* Data seen on the entry's iif (a copy, or the counter moved). */
static void pim_data_on_iif(struct pim_ent *e, int iif)
{
	struct pim *p = e->g->p;

	if (iif < 0 || iif != e->rpf.ifindex)
		return;
	if (pim_directly_connected(e) ||
	    (e->up == PIM_UP_JOINED && pim_any_inh_sg(e)))
		pim_kat_start(e, p->cfg.keepalive);
	pim_update_sptbit(e, iif);
}

void pim_poll(struct pim_ent *e)
{
	struct pim *p = e->g->p;
	uint64_t n;

	if (!e->installed ||
	    !p->ops->mroute_packets(p->ctx, &e->src, &e->g->addr, &n))
		return;
	if (e->pkts_ok && n > e->pkts)
		pim_data_on_iif(e, e->prog_iif);
	else
		e->neg = false; /* the stream stopped: let it go */
	e->pkts = n;
	e->pkts_ok = true;
}

void pim_kat_fire(struct node_timer *t)
{
	struct pim_ent *e = sim_container_of(t, struct pim_ent, kat_t);
	struct pim_grp *g = e->g;
	struct pim *p = g->p;

	pim_enter(p);
	pim_poll(e);
	if (e->kat >= 0 && e->kat <= pim_now(p)) {
		struct sim_log_rec r;

		e->kat = -1;
		pim_log_ent(&r, e, "keepalive-expired");
		sim_log_end(&r);
	}
	pim_kat_arm(e);
	pim_grp_update(g);
	pim_leave(p);
}

/* ---- data events (4.2) ---- */

/* CheckSwitchToSpt(S,G) (4.2.1): pim_include(*,G) (-) pim_exclude(S,G)
 * (+) pim_include(S,G) non-empty. */
static bool pim_last_hop_wants(const struct pim_grp *g, const struct pim_ent *e)
{
	const struct pim *p = g->p;

	for (size_t i = 0; i < p->nifs; i++) {
		int k = p->ifs[i]->ifindex;

		if ((pim_include_star(g, k) && !pim_exclude_sg(g, e, k)) ||
		    (e && pim_include_sg(e, k)))
			return true;
	}
	return false;
}

static void pim_data_rpf_fail(struct pim_grp *g, struct pim_ent *e, int ifindex,
			      const struct net_addr *src)
{
	if (e && e->spt) {
		if (pim_inh_sg(e, ifindex))
			pim_assert_data_sg(e, ifindex);
	} else if (pim_inh_rpt(g, e, ifindex)) {
		pim_assert_data_star(g, ifindex, src);
	}
}

static void pim_data_event(struct pim *p, struct pim_grp *g, int ifindex,
			   const struct net_addr *src, bool direct)
{
	struct pim_ent *e = pim_sg_find(g, src);
	int rp_if = pim_rp_if(g);

	if (direct) {
		e = e ? e : pim_sg_get(g, src);
		if (!e)
			return;
		pim_kat_start(e, p->cfg.keepalive);
	}
	if (e)
		pim_data_on_iif(e, ifindex);
	if (e && ifindex == e->rpf.ifindex && e->spt)
		return; /* forwarded by the data plane */
	if (rp_if >= 0 && ifindex == rp_if && !(e && e->spt) && !g->ssm) {
		if (pim_switch_to_spt_desired(g) && pim_last_hop_wants(g, e)) {
			e = e ? e : pim_sg_get(g, src);
			if (e)
				pim_kat_start(e, p->cfg.keepalive);
		}
		return;
	}
	if (!(e && ifindex == e->rpf.ifindex))
		pim_data_rpf_fail(g, e, ifindex, src);
}

/*
 * A stream nobody wants: an (S,G) entry with what the macros give (an
 * empty outgoing list), so the data plane drops it instead of punting
 * every packet. It stays while its counter moves between polls (the
 * stream still arrives on its iif); the first quiet poll lets it go.
 */
static void pim_data_hold(struct pim *p, const struct net_addr *grp,
			  const struct net_addr *src)
{
	struct pim_grp *g = pim_grp_get(p, grp);
	struct pim_ent *e = g ? pim_sg_get(g, src) : NULL;

	if (e)
		e->neg = true;
	if (g)
		pim_grp_update(g);
}

void pim_data_rx(struct pim *p, int ifindex, const struct net_addr *src,
		 const struct net_addr *grp, const uint8_t *ip, size_t len,
		 enum pim_data_kind kind)
{
	struct pim_grp *g;
	struct pim_ent *e;
	struct pim_rpf rpf;
	bool direct;

	if (grp->af != p->cfg.af || !net_addr_is_multicast(grp) ||
	    src->af != p->cfg.af || net_addr_is_multicast(src) ||
	    net_addr_is_unspec(src)) {
		pim_drop(p, NULL, PIM_DROP_BAD_ADDR);
		return;
	}
	pim_enter(p);
	g = pim_grp_find(p, grp);
	e = pim_sg_find(g, src);
	if (e)
		rpf = e->rpf;
	else
		pim_rpf_lookup(p, src, &rpf);
	direct = rpf.connected && rpf.ifindex >= 0 && rpf.ifindex == ifindex;
	if (!g && direct)
		g = pim_grp_get(p, grp);
	if (g) {
		pim_data_event(p, g, ifindex, src, direct);
		pim_grp_update(g);
	}
	/* 4.4.1: in Join state the packet goes to the RP in a Register. */
	e = pim_sg_find(pim_grp_find(p, grp), src);
	if (e && ip && kind != PIM_DATA_WRONG_IIF && ifindex == e->rpf.ifindex)
		pim_reg_data(e, ip, len);
	if (!e && kind == PIM_DATA_NOCACHE)
		pim_data_hold(p, grp, src);
	pim_leave(p);
}

void pim_data_nocache(struct pim *p, int ifindex, const struct net_addr *src,
		      const struct net_addr *grp, const uint8_t *ip, size_t len)
{
	pim_data_rx(p, ifindex, src, grp, ip, len, PIM_DATA_NOCACHE);
}

void pim_data_copy(struct pim *p, int ifindex, const struct net_addr *src,
		   const struct net_addr *grp, const uint8_t *ip, size_t len)
{
	pim_data_rx(p, ifindex, src, grp, ip, len, PIM_DATA_COPY);
}

void pim_data_wrong_iif(struct pim *p, int ifindex, const struct net_addr *src,
			const struct net_addr *grp)
{
	pim_data_rx(p, ifindex, src, grp, NULL, 0, PIM_DATA_WRONG_IIF);
}

/* ---- programming ---- */

static size_t pim_oifs_star(const struct pim_grp *g, int iif, int *v)
{
	const struct pim *p = g->p;
	size_t n = 0;

	for (size_t i = 0; i < p->nifs; i++) {
		int k = p->ifs[i]->ifindex;

		if (k != iif && pim_imm_star(g, k))
			v[n++] = k;
	}
	return n;
}

static size_t pim_oifs_sg(const struct pim_ent *e, int iif, bool use_sg, int *v)
{
	const struct pim *p = e->g->p;
	size_t n = 0;

	for (size_t i = 0; i < p->nifs; i++) {
		int k = p->ifs[i]->ifindex;

		if (k == iif)
			continue;
		if (use_sg ? pim_inh_sg(e, k) : pim_inh_rpt(e->g, e, k))
			v[n++] = k;
	}
	return n;
}

static void pim_set(struct pim_ent *e, int iif, const int *v, size_t n,
		    bool cpu)
{
	struct pim *p = e->g->p;
	int *o;

	if (e->installed && e->prog_iif == iif && e->prog_cpu == cpu &&
	    e->prog_n == n && (!n || !memcmp(e->prog_oifs, v, n * sizeof(*v))))
		return;
	o = realloc(e->prog_oifs, (n ? n : 1) * sizeof(*o));
	if (!o)
		return;
	e->prog_oifs = o;
	if (p->ops->mroute_set(p->ctx, &e->src, &e->g->addr, iif, v, n, cpu)) {
		p->st.tx_fail++;
		return;
	}
	if (!e->installed) {
		e->pkts = 0; /* a new entry counts from zero */
		e->pkts_ok = true;
	}
	e->installed = true;
	e->prog_iif = iif;
	e->prog_cpu = cpu;
	e->prog_n = n;
	if (n)
		memcpy(e->prog_oifs, v, n * sizeof(*v));
}

void pim_unprogram(struct pim_ent *e)
{
	struct pim *p = e->g->p;

	if (!e->installed)
		return;
	p->ops->mroute_del(p->ctx, &e->src, &e->g->addr);
	e->installed = false;
	e->pkts_ok = false;
	e->prog_n = 0;
}

void pim_program(struct pim_ent *e)
{
	struct pim_grp *g = e->g;
	struct pim *p = g->p;
	int rp_if = pim_rp_if(g);
	int *v = p->oifbuf;
	bool on_spt, cpu;
	int iif;
	size_t n;

	if (pim_is_star(e)) {
		if (g->ssm || rp_if < 0 || !pim_any_imm_star(g)) {
			pim_unprogram(e);
			return;
		}
		n = pim_oifs_star(g, rp_if, v);
		cpu = pim_switch_to_spt_desired(g) && pim_any_include_star(g);
		pim_set(e, rp_if, v, n, cpu);
		return;
	}
	on_spt = g->ssm || rp_if < 0 || e->spt || pim_directly_connected(e) ||
		 e->up == PIM_UP_JOINED;
	iif = on_spt ? e->rpf.ifindex : rp_if;
	n = pim_oifs_sg(e, iif, e->spt || iif != rp_if, v);
	cpu = e->reg == PIM_REG_JOIN ||
	      (!e->spt && iif >= 0 && pim_sptbit_could(e, iif));
	pim_set(e, iif < 0 ? -1 : iif, v, n, cpu);
	pim_kat_arm(e);
}
