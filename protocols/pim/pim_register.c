/*
 * Registers (RFC 7761 4.4). At the DR of a directly connected source the
 * register state machine of 4.4.1 follows CouldRegister(S,G) =
 * I_am_DR(RPF_interface(S)) AND KeepaliveTimer(S,G) running AND
 * DirectlyConnected(S) (not in the SSM range, 4.8.1, and not when we are
 * the RP ourselves: the RP needs no tunnel to itself): Join encapsulates
 * each data packet in a Register to RP(G); a Register-Stop moves Join or
 * Join-Pending to Prune with the Register-Stop Timer at
 * rand(0.5, 1.5) * Register_Suppression_Time - Register_Probe_Time; its
 * expiry sends a Null-Register (a dummy IP header with S and G) and
 * waits Register_Probe_Time in Join-Pending before going back to Join;
 * an RP change returns to Join. At the RP (4.4.2) a Register to RP(G)
 * starts or refreshes (S,G) state: the RP always wants the SPT
 * (SwitchToSptDesired), so it sets the KAT (RP_Keepalive_Period =
 * 3 * Register_Suppression_Time + Register_Probe_Time after sending a
 * Register-Stop, else Keepalive_Period) and joins towards S when there
 * are receivers; it answers with Register-Stop once the SPTbit is set or
 * nobody wants the data, and until then forwards the inner packet on
 * inherited_olist(S,G,rpt) (not for a Null-Register). A Register for a
 * group we are not the RP of gets a Register-Stop at once.
 */
#include <string.h>

#include "protocols/pim/pim_int.h"
#include "sim/net/net_ipv4.h"
#include "sim/net/net_ipv6.h"

static const char *const pim_reg_names[] = {
	[PIM_REG_NOINFO] = "NoInfo",
	[PIM_REG_JOIN] = "Join",
	[PIM_REG_JOIN_PENDING] = "Join-Pending",
	[PIM_REG_PRUNE] = "Prune",
};

static void pim_reg_to(struct pim_ent *e, uint8_t st, const char *why)
{
	struct sim_log_rec r;

	pim_log_ent(&r, e, "register");
	sim_log_str(&r, "old", pim_reg_names[e->reg]);
	sim_log_str(&r, "new", pim_reg_names[st]);
	if (why)
		sim_log_str(&r, "why", why);
	sim_log_end(&r);
	e->reg = st;
}

bool pim_reg_eval(struct pim_ent *e)
{
	struct pim_grp *g = e->g;
	struct pim_if *pif = pim_if_find(g->p, e->rpf.ifindex);
	bool could = !g->ssm && g->has_rp && !g->rp_local && pif &&
		     pim_i_am_dr(pif) && e->kat >= 0 &&
		     pim_directly_connected(e);
	uint8_t old = e->reg;

	if (!could) {
		if (old != PIM_REG_NOINFO) {
			node_timer_cancel(&e->rst);
			pim_reg_to(e, PIM_REG_NOINFO, "could-register");
		}
	} else if (old == PIM_REG_NOINFO) {
		e->reg_rp = g->rp;
		pim_reg_to(e, PIM_REG_JOIN, "could-register");
	} else if (!net_addr_eq(&e->reg_rp, &g->rp)) {
		node_timer_cancel(&e->rst);
		e->reg_rp = g->rp;
		if (old != PIM_REG_JOIN)
			pim_reg_to(e, PIM_REG_JOIN, "rp-change");
	}
	return e->reg != old;
}

/* ---- DR side ---- */

void pim_reg_data(struct pim_ent *e, const uint8_t *ip, size_t len)
{
	struct pim *p = e->g->p;
	struct pim_register *r = &p->txm->reg;

	if (e->reg != PIM_REG_JOIN)
		return;
	memset(p->txm, 0, offsetof(struct pim_msg, reg) + sizeof(*r));
	p->txm->type = PIM_T_REGISTER;
	r->inner = ip;
	r->inner_len = len;
	if (pim_tx_unicast(p, NULL, &e->reg_rp) == 0)
		p->st.register_tx++;
}

/* A dummy IP header with S and G (4.4.1); returns its length. */
static size_t pim_null_inner(const struct pim_ent *e, uint8_t *buf, size_t cap)
{
	struct net_wr w;
	size_t off;

	net_wr_init(&w, buf, cap);
	if (e->src.af == NET_AF_IP6) {
		struct net_ipv6 h;

		memset(&h, 0, sizeof(h));
		h.next_header = NET_IPV6_NH_NONE;
		h.hop_limit = 1;
		h.src = net_addr_ip6(&e->src);
		h.dst = net_addr_ip6(&e->g->addr);
		off = net_ipv6_begin(&w, &h);
		if (net_ipv6_end(&w, off))
			return 0;
	} else {
		struct net_ipv4 h;

		memset(&h, 0, sizeof(h));
		h.ttl = 1;
		h.proto = NET_IPPROTO_PIM;
		h.src = net_addr_ip4(&e->src);
		h.dst = net_addr_ip4(&e->g->addr);
		off = net_ipv4_begin(&w, &h);
		if (net_ipv4_end(&w, off))
			return 0;
	}
	return w.err ? 0 : w.off;
}

static void pim_null_register(struct pim_ent *e)
{
	struct pim *p = e->g->p;
	struct pim_register *r = &p->txm->reg;
	uint8_t hdr[64];
	size_t n = pim_null_inner(e, hdr, sizeof(hdr));

	if (!n) {
		p->st.tx_fail++;
		return;
	}
	memset(p->txm, 0, offsetof(struct pim_msg, reg) + sizeof(*r));
	p->txm->type = PIM_T_REGISTER;
	r->n_bit = true;
	r->inner = hdr;
	r->inner_len = n;
	if (pim_tx_unicast(p, NULL, &e->reg_rp) == 0)
		p->st.null_register_tx++;
}

static void pim_reg_stop_event(struct pim_ent *e)
{
	struct pim *p = e->g->p;
	sim_time_t rst = p->cfg.register_suppression, t;

	if (e->reg != PIM_REG_JOIN && e->reg != PIM_REG_JOIN_PENDING)
		return;
	t = pim_rand(p, rst / 2, rst + rst / 2) - p->cfg.register_probe;
	if (t < 0)
		t = 0;
	node_timer_arm(&e->rst, pim_now(p) + t);
	pim_reg_to(e, PIM_REG_PRUNE, "register-stop");
}

void pim_rst_fire(struct node_timer *t)
{
	struct pim_ent *e = sim_container_of(t, struct pim_ent, rst);
	struct pim_grp *g = e->g;
	struct pim *p = g->p;

	pim_enter(p);
	if (e->reg == PIM_REG_PRUNE) {
		pim_reg_to(e, PIM_REG_JOIN_PENDING, "probe");
		pim_null_register(e);
		node_timer_arm(&e->rst, pim_now(p) + p->cfg.register_probe);
	} else if (e->reg == PIM_REG_JOIN_PENDING) {
		pim_reg_to(e, PIM_REG_JOIN, "probe-timeout");
	}
	pim_grp_update(g);
	pim_leave(p);
}

void pim_register_stop_rx(struct pim *p, const struct pim_assert *rs,
			  const struct net_addr *src)
{
	struct pim_grp *g;
	bool wild = pim_addr_unspec(&rs->source);

	if (rs->group.addr.af != p->cfg.af ||
	    !net_addr_is_multicast(&rs->group.addr) ||
	    (!wild && (rs->source.af != p->cfg.af ||
		       net_addr_is_multicast(&rs->source)))) {
		pim_drop(p, NULL, PIM_DROP_BAD_ADDR);
		return;
	}
	p->st.register_stop_rx++;
	g = pim_grp_find(p, &rs->group.addr);
	if (!g)
		return;
	for (size_t i = 0; i < g->nsg; i++) {
		struct pim_ent *e = g->sg[i];

		if (!wild && !net_addr_eq(&e->src, &rs->source))
			continue;
		if (e->reg == PIM_REG_NOINFO)
			continue;
		if (!net_addr_eq(src, &e->reg_rp)) {
			pim_drop(p, NULL, PIM_DROP_REG_NOT_RP);
			continue;
		}
		pim_reg_stop_event(e);
	}
	pim_grp_update(g);
}

/* ---- RP side ---- */

static void pim_send_reg_stop(struct pim *p, const struct net_addr *from,
			      const struct net_addr *to,
			      const struct net_addr *s,
			      const struct net_addr *g)
{
	struct pim_assert *rs = &p->txm->reg_stop;

	memset(p->txm, 0, offsetof(struct pim_msg, reg_stop) + sizeof(*rs));
	p->txm->type = PIM_T_REGISTER_STOP;
	rs->group.addr = *g;
	rs->group.mask_len = g->af == NET_AF_IP6 ? 128 : 32;
	rs->source = *s;
	if (pim_tx_unicast(p, from, to) == 0)
		p->st.register_stop_tx++;
}

/* S and G of the inner packet; false when it is no IP packet of ours. */
static bool pim_inner_sg(const struct pim *p, const struct pim_register *r,
			 struct net_addr *s, struct net_addr *g)
{
	if (p->cfg.af == NET_AF_IP6) {
		struct net_ipv6 h;

		if (net_ipv6_decode(r->inner, r->inner_len, &h) != NET_OK)
			return false;
		*s = net_addr_from_ip6(&h.src);
		*g = net_addr_from_ip6(&h.dst);
	} else {
		struct net_ipv4 h;

		if (net_ipv4_decode(r->inner, r->inner_len, &h) != NET_OK)
			return false;
		*s = net_addr_from_ip4(&h.src);
		*g = net_addr_from_ip4(&h.dst);
	}
	return net_addr_is_multicast(g) && !net_addr_is_multicast(s) &&
	       !net_addr_is_unspec(s);
}

static void pim_reg_forward(struct pim_ent *e, const struct pim_register *r)
{
	struct pim *p = e->g->p;
	size_t n = 0;

	for (size_t i = 0; i < p->nifs; i++)
		if (pim_inh_rpt(e->g, e, p->ifs[i]->ifindex))
			p->oifbuf[n++] = p->ifs[i]->ifindex;
	if (n)
		p->ops->forward(p->ctx, r->inner, r->inner_len, p->oifbuf, n);
}

void pim_register_rx(struct pim *p, const struct pim_register *r,
		     const struct net_addr *src, const struct net_addr *dst)
{
	struct net_addr s, gaddr;
	struct pim_grp *g;
	struct pim_ent *e;
	bool stop = false;

	if (!pim_inner_sg(p, r, &s, &gaddr)) {
		pim_drop(p, NULL, PIM_DROP_REG_INNER);
		return;
	}
	if (!p->ops->is_local(p->ctx, dst)) {
		pim_drop(p, NULL, PIM_DROP_BAD_ADDR);
		return;
	}
	p->st.register_rx++;
	g = pim_grp_get(p, &gaddr);
	if (!g)
		return;
	if (!g->has_rp || !g->rp_local || !net_addr_eq(dst, &g->rp)) {
		/* 4.4.2 note (*): not the RP for G at this address */
		if (g->ssm)
			pim_drop(p, NULL, PIM_DROP_SSM);
		pim_send_reg_stop(p, dst, src, &s, &gaddr);
		pim_grp_gc(g);
		return;
	}
	e = pim_sg_get(g, &s);
	if (!e) {
		pim_grp_gc(g);
		return;
	}
	/* Native data on the SPT sets the SPTbit (polled now, so a
	 * Register right after the switch is already answered). */
	pim_poll(e);
	if (e->spt || !pim_any_inh_sg(e)) {
		pim_send_reg_stop(p, dst, src, &s, &gaddr);
		stop = true;
	}
	pim_kat_start(e, stop ? 3 * p->cfg.register_suppression +
					 p->cfg.register_probe
			      : p->cfg.keepalive);
	if (!e->spt && !r->n_bit)
		pim_reg_forward(e, r);
	pim_grp_update(g);
}
