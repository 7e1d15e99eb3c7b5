/*
 * The PIM-SM engine instance (pim.h): configuration with the defaults of
 * RFC 7761 section 4.11 (timer values) and 4.8 / RFC 4607 (the SSM range
 * 232/8 and ff3x::/32), interfaces with `pim sm` (Hello state lives in
 * pim_nbr.c), reception dispatch by message type (4.9), the transmit
 * helpers that encode with the codec, logging helpers, and the
 * enter/leave bracket of every entry point: Join/Prune messages queued
 * while an event is processed go out packed per upstream neighbor when
 * the outermost entry point returns (pim_jp_tx.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/pim/pim_int.h"

static const char *const pim_drop_names[PIM_DROP__COUNT] = {
	[PIM_DROP_NO_IF] = "no-interface",
	[PIM_DROP_FAMILY] = "family",
	[PIM_DROP_SELF] = "self",
	[PIM_DROP_BAD_ADDR] = "bad-address",
	[PIM_DROP_RP_MISMATCH] = "rp-mismatch",
	[PIM_DROP_SSM] = "ssm",
	[PIM_DROP_NO_RP] = "no-rp",
	[PIM_DROP_REG_INNER] = "register-inner",
	[PIM_DROP_REG_NOT_RP] = "register-stop-rp",
	[PIM_DROP_UNSUPPORTED] = "unsupported",
	[PIM_DROP_WILDCARD] = "wildcard",
};

const char *pim_drop_name(enum pim_drop d)
{
	if ((unsigned)d >= PIM_DROP__COUNT)
		return "unknown";
	return pim_drop_names[d];
}

/* ---- configuration (RFC 7761 4.11) ---- */

void pim_cfg_default(struct pim_cfg *c, enum net_af af)
{
	memset(c, 0, sizeof(*c));
	c->af = af;
	/* RFC 4607 section 1: 232/8; FF3x::/32 (the scope nibble x is
	 * ignored when matching, see pim_is_ssm). */
	if (af == NET_AF_IP6)
		net_prefix_parse("ff30::/32", &c->ssm_range, false);
	else
		net_prefix_parse("232.0.0.0/8", &c->ssm_range, false);
	c->jp_period = SIM_S(60);	     /* t_periodic */
	c->keepalive = SIM_S(210);	     /* Keepalive_Period */
	c->register_suppression = SIM_S(60); /* Register_Suppression_Time */
	c->register_probe = SIM_S(5);	     /* Register_Probe_Time */
	c->assert_time = SIM_S(180);	     /* Assert_Time */
	c->assert_override = SIM_S(3);	     /* Assert_Override_Interval */
	c->kat_poll = SIM_S(5);
}

void pim_if_cfg_default(struct pim_if_cfg *c, enum net_af af)
{
	memset(c, 0, sizeof(*c));
	c->hello_period = SIM_S(30);	     /* Hello_Period */
	c->triggered_hello = SIM_S(5);	     /* Triggered_Hello_Delay */
	c->hello_holdtime = SIM_MS(105000);  /* 3.5 * Hello_Period */
	c->dr_priority = 1;		     /* 4.9.2 default */
	c->propagation_delay = SIM_MS(500);  /* Propagation_delay_default */
	c->override_interval = SIM_MS(2500); /* t_override_default */
	c->jp_holdtime = SIM_S(210);	     /* 3.5 * t_periodic */
	c->addr.af = NET_AF_NONE;
	(void)af;
}

static bool pim_cfg_ok(const struct pim_cfg *c)
{
	if (c->af != NET_AF_IP4 && c->af != NET_AF_IP6)
		return false;
	if (c->nrps > PIM_MAX_RPS)
		return false;
	for (size_t i = 0; i < c->nrps; i++) {
		if (c->rps[i].rp.af != c->af)
			return false;
		if (c->rps[i].range.addr.af != NET_AF_NONE &&
		    c->rps[i].range.addr.af != c->af)
			return false;
	}
	if (c->ssm_range.addr.af != NET_AF_NONE &&
	    c->ssm_range.addr.af != c->af)
		return false;
	if (c->jp_period <= 0 || c->keepalive <= 0 ||
	    c->register_suppression <= 0 || c->register_probe < 0 ||
	    c->assert_time <= 0 || c->assert_override < 0 ||
	    c->assert_override >= c->assert_time || c->kat_poll <= 0)
		return false;
	return true;
}

static bool pim_if_cfg_ok(const struct pim *p, const struct pim_if_cfg *c)
{
	if (c->hello_period <= 0 || c->triggered_hello < 0 ||
	    c->hello_holdtime < 0 || c->propagation_delay < 0 ||
	    c->override_interval < 0 || c->jp_holdtime <= 0)
		return false;
	/* 15 / 16-bit millisecond fields of the LAN Prune Delay option */
	if (c->propagation_delay > SIM_MS(0x7fff) ||
	    c->override_interval > SIM_MS(0xffff))
		return false;
	return c->addr.af == NET_AF_NONE || c->addr.af == p->cfg.af;
}

/* ---- helpers ---- */

const char *pim_mod(const struct pim *p)
{
	return p->cfg.af == NET_AF_IP6 ? "pim6" : "pim";
}

struct pim_if *pim_if_find(const struct pim *p, int ifindex)
{
	size_t lo = 0, hi = p->nifs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->ifs[mid]->ifindex == ifindex)
			return p->ifs[mid];
		if (p->ifs[mid]->ifindex < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void pim_enter(struct pim *p)
{
	p->depth++;
}

void pim_leave(struct pim *p)
{
	if (--p->depth == 0)
		pim_jpq_flush(p);
}

sim_time_t pim_rand(struct pim *p, sim_time_t lo, sim_time_t hi)
{
	return sim_rng_time(&p->node->rng, lo, hi);
}

void pim_drop(struct pim *p, struct pim_if *pif, enum pim_drop why)
{
	p->st.drops[why]++;
	if (pif)
		pif->drops++;
}

bool pim_addr_unspec(const struct net_addr *a)
{
	return a->af == NET_AF_NONE || net_addr_is_unspec(a);
}

void pim_arm(struct node_timer *t, sim_time_t deadline)
{
	if (deadline < 0 || deadline == SIM_TIME_NEVER)
		node_timer_cancel(t);
	else
		node_timer_arm(t, deadline);
}

sim_time_t pim_deadline(const struct node_timer *t)
{
	return node_timer_armed(t) ? t->t.deadline : -1;
}

/* An address of the family for the IPv6 pseudo-header when we have
 * none (the router writes the checksum again once it picks the source,
 * pim_pkt_set_checksum). */
static struct net_addr pim_csum_addr(const struct pim *p,
				     const struct net_addr *a)
{
	struct net_addr z;

	if (a && a->af == p->cfg.af)
		return *a;
	memset(&z, 0, sizeof(z));
	z.af = p->cfg.af;
	return z;
}

int pim_tx_link(struct pim *p, struct pim_if *pif)
{
	const struct net_addr *dst =
		p->cfg.af == NET_AF_IP6 ? &pim_all_routers6 : &pim_all_routers4;
	struct net_addr src = pim_csum_addr(p, &pif->cfg.addr);
	int len;

	p->txm->af = p->cfg.af;
	len = pim_pkt_encode(p->txm, &src, dst, p->txbuf, PIM_TX_MAX);
	if (len < 0 ||
	    p->ops->send_link(p->ctx, pif->ifindex, p->txbuf, (size_t)len)) {
		p->st.tx_fail++;
		return -1;
	}
	return 0;
}

int pim_tx_unicast(struct pim *p, const struct net_addr *src,
		   const struct net_addr *dst)
{
	struct net_addr s = pim_csum_addr(p, src);
	struct net_addr none = { .af = NET_AF_NONE };
	int len;

	p->txm->af = p->cfg.af;
	len = pim_pkt_encode(p->txm, &s, dst, p->txbuf, PIM_TX_MAX);
	if (len < 0 || p->ops->send_unicast(p->ctx, src ? src : &none, dst,
					    p->txbuf, (size_t)len)) {
		p->st.tx_fail++;
		return -1;
	}
	return 0;
}

void pim_log_ent(struct sim_log_rec *r, const struct pim_ent *e,
		 const char *event)
{
	char s[NET_ADDR_STRLEN], g[NET_ADDR_STRLEN];

	node_log_begin(r, e->g->p->node, pim_mod(e->g->p), event);
	if (pim_is_star(e))
		strcpy(s, "*");
	else
		net_addr_fmt(&e->src, s, sizeof(s));
	net_addr_fmt(&e->g->addr, g, sizeof(g));
	sim_log_str(r, "source", s);
	sim_log_str(r, "group", g);
}

/* ---- life cycle ---- */

struct pim *pim_new(struct node *n, const struct pim_cfg *cfg,
		    const struct pim_ops *ops, void *ctx)
{
	struct pim *p;

	if (!n || !cfg || !ops || !pim_cfg_ok(cfg) || !ops->send_link ||
	    !ops->send_unicast || !ops->rpf || !ops->is_local ||
	    !ops->mroute_set || !ops->mroute_del || !ops->mroute_packets ||
	    !ops->forward)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->node = n;
	p->cfg = *cfg;
	p->ops = ops;
	p->ctx = ctx;
	p->txm = calloc(1, sizeof(*p->txm));
	p->txbuf = malloc(PIM_TX_MAX);
	if (!p->txm || !p->txbuf) {
		pim_free(p);
		return NULL;
	}
	return p;
}

static void pim_if_destroy(struct pim_if *pif)
{
	pim_nbr_if_free(pif);
	free(pif->nbrs);
	free(pif);
}

void pim_free(struct pim *p)
{
	if (!p)
		return;
	pim_tib_free(p);
	for (size_t i = 0; i < p->nifs; i++)
		pim_if_destroy(p->ifs[i]);
	free(p->ifs);
	pim_jpq_free(p);
	free(p->oifbuf);
	free(p->txm);
	free(p->txbuf);
	free(p);
}

void pim_set_cfg(struct pim *p, const struct pim_cfg *cfg)
{
	if (!pim_cfg_ok(cfg) || cfg->af != p->cfg.af)
		return;
	pim_enter(p);
	p->cfg = *cfg;
	for (size_t i = 0; i < p->ngrps; i++)
		pim_grp_refresh(p->grps[i]);
	pim_update_all(p);
	pim_leave(p);
}

const struct pim_cfg *pim_get_cfg(const struct pim *p)
{
	return &p->cfg;
}

int pim_if_add(struct pim *p, int ifindex, const char *name,
	       const struct pim_if_cfg *cfg)
{
	struct pim_if *pif;
	size_t pos = 0;

	if (ifindex < 0 || pim_if_find(p, ifindex) || !pim_if_cfg_ok(p, cfg))
		return -1;
	if (p->nifs == p->capifs) {
		size_t cap = p->capifs ? 2 * p->capifs : 8;
		void *v = realloc(p->ifs, cap * sizeof(*p->ifs));
		void *o;

		if (!v)
			return -1;
		p->ifs = v;
		o = realloc(p->oifbuf, cap * sizeof(*p->oifbuf));
		if (!o)
			return -1;
		p->oifbuf = o;
		p->capifs = cap;
	}
	pif = calloc(1, sizeof(*pif));
	if (!pif)
		return -1;
	pif->p = p;
	pif->ifindex = ifindex;
	snprintf(pif->name, sizeof(pif->name), "%s", name ? name : "");
	pif->cfg = *cfg;
	while (pos < p->nifs && p->ifs[pos]->ifindex < ifindex)
		pos++;
	if (pim_nbr_if_start(pif) != 0) {
		free(pif);
		return -1;
	}
	memmove(&p->ifs[pos + 1], &p->ifs[pos],
		(p->nifs - pos) * sizeof(*p->ifs));
	p->ifs[pos] = pif;
	p->nifs++;
	pim_enter(p);
	pim_update_all(p);
	pim_leave(p);
	return 0;
}

void pim_if_del(struct pim *p, int ifindex, bool send_goodbye)
{
	struct pim_if *pif = pim_if_find(p, ifindex);
	size_t pos = 0;

	if (!pif)
		return;
	pim_enter(p);
	/* Queued messages for the interface go before its goodbye. */
	pim_jpq_flush(p);
	while (p->ifs[pos] != pif)
		pos++;
	pim_nbr_if_stop(pif, send_goodbye);
	memmove(&p->ifs[pos], &p->ifs[pos + 1],
		(p->nifs - pos - 1) * sizeof(*p->ifs));
	p->nifs--;
	pim_tib_if_gone(p, ifindex);
	free(pif->nbrs);
	free(pif);
	pim_update_all(p);
	pim_leave(p);
}

int pim_if_set_cfg(struct pim *p, int ifindex, const struct pim_if_cfg *c)
{
	struct pim_if *pif = pim_if_find(p, ifindex);
	struct pim_if_cfg old;

	if (!pif || !pim_if_cfg_ok(p, c))
		return -1;
	pim_enter(p);
	old = pif->cfg;
	pif->cfg = *c;
	pim_nbr_if_cfg(pif, &old);
	pim_update_all(p);
	pim_leave(p);
	return 0;
}

/* ---- reception (4.9) ---- */

static bool pim_from_self(const struct pim *p, const struct net_addr *src)
{
	for (size_t i = 0; i < p->nifs; i++)
		if (net_addr_eq(&p->ifs[i]->cfg.addr, src))
			return true;
	return p->ops->is_local(p->ctx, src);
}

void pim_rx(struct pim *p, int ifindex, const struct pim_msg *m,
	    const struct net_addr *src, const struct net_addr *dst)
{
	struct pim_if *pif = pim_if_find(p, ifindex);
	bool link = m->type == PIM_T_HELLO || m->type == PIM_T_JOIN_PRUNE ||
		    m->type == PIM_T_ASSERT;

	pim_enter(p);
	if (m->af != p->cfg.af || src->af != p->cfg.af) {
		pim_drop(p, pif, PIM_DROP_FAMILY);
	} else if (link && !pif) {
		pim_drop(p, NULL, PIM_DROP_NO_IF);
	} else if (pim_from_self(p, src)) {
		pim_drop(p, pif, PIM_DROP_SELF);
	} else {
		switch (m->type) {
		case PIM_T_HELLO:
			pif->hello_rx++;
			pim_hello_rx(pif, &m->hello, src);
			break;
		case PIM_T_JOIN_PRUNE:
			pif->jp_rx++;
			pim_jp_rx(pif, &m->jp, src);
			break;
		case PIM_T_ASSERT:
			pif->assert_rx++;
			pim_assert_rx(pif, &m->assert, src);
			break;
		case PIM_T_REGISTER:
			pim_register_rx(p, &m->reg, src, dst);
			break;
		case PIM_T_REGISTER_STOP:
			pim_register_stop_rx(p, &m->reg_stop, src);
			break;
		default:
			pim_drop(p, pif, PIM_DROP_UNSUPPORTED);
			break;
		}
	}
	pim_leave(p);
}

void pim_rib_changed(struct pim *p)
{
	pim_enter(p);
	for (size_t i = 0; i < p->ngrps; i++)
		pim_grp_refresh(p->grps[i]);
	pim_update_all(p);
	pim_leave(p);
}

void pim_get_stats(const struct pim *p, struct pim_stats *out)
{
	*out = p->st;
	out->entries = 0;
	for (size_t i = 0; i < p->ngrps; i++)
		out->entries += p->grps[i]->nsg + (p->grps[i]->star ? 1 : 0);
}
