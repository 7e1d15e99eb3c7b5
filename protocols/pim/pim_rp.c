/*
 * Group-to-RP mapping and the reverse path (RFC 7761 4.7 and 4.8). With
 * static RPs (`static-rp`) the RP of a group is the one whose group
 * range matches it with the longest prefix, the higher RP address on a
 * tie (the BSR hash of 4.7.1 has no input here). Groups in the SSM range
 * (4.8, RFC 4607: 232/8, FF3x::/32) have no RP; for IPv6 a range whose
 * scope nibble is zero matches every scope (ff30::/32 stands for
 * FF3x::/32). I_am_RP(G) is "RP(G) is one of my addresses" (ops->is_local).
 * MRIB look-ups (MRIB.next_hop, RPF_interface of 4.5.x) go through
 * ops->rpf; a refresh after a RIB or configuration change records the
 * previous RPF interfaces, so the Assert machines can see "RPF_interface
 * stops being I" (4.6.1, 4.6.2).
 */
#include <string.h>

#include "protocols/pim/pim_int.h"

bool pim_is_ssm(const struct pim *p, const struct net_addr *g)
{
	const struct net_prefix *r = &p->cfg.ssm_range;
	struct net_addr a = *g;

	if (r->addr.af != g->af || r->addr.af == NET_AF_NONE)
		return false;
	if (a.af == NET_AF_IP6 && r->len >= 16 && (r->addr.b[1] & 0x0f) == 0)
		a.b[1] &= 0xf0; /* FF3x: any scope */
	return net_prefix_contains(r, &a);
}

static bool pim_rp_select(const struct pim *p, const struct net_addr *g,
			  struct net_addr *rp)
{
	int best = -1;
	const struct pim_rp_cfg *pick = NULL;

	if (g->af != p->cfg.af || !net_addr_is_multicast(g) || pim_is_ssm(p, g))
		return false;
	for (size_t i = 0; i < p->cfg.nrps; i++) {
		const struct pim_rp_cfg *c = &p->cfg.rps[i];
		int len = c->range.addr.af == NET_AF_NONE ? 0 : c->range.len;

		if (c->range.addr.af != NET_AF_NONE &&
		    !net_prefix_contains(&c->range, g))
			continue;
		if (len > best ||
		    (len == best && net_addr_cmp(&c->rp, &pick->rp) > 0)) {
			best = len;
			pick = c;
		}
	}
	if (!pick)
		return false;
	*rp = pick->rp;
	return true;
}

bool pim_rp_of(const struct pim *p, const struct net_addr *grp,
	       struct net_addr *rp)
{
	return pim_rp_select(p, grp, rp);
}

void pim_rpf_lookup(struct pim *p, const struct net_addr *a,
		    struct pim_rpf *out)
{
	memset(out, 0, sizeof(*out));
	out->ifindex = -1;
	if (p->ops->rpf(p->ctx, a, out) != 0 || out->ifindex < 0) {
		memset(out, 0, sizeof(*out));
		out->ifindex = -1;
	}
}

void pim_grp_refresh(struct pim_grp *g)
{
	struct pim *p = g->p;
	int old_rp_if = pim_rp_if(g);

	g->ssm = pim_is_ssm(p, &g->addr);
	g->has_rp = pim_rp_select(p, &g->addr, &g->rp);
	if (!g->has_rp)
		memset(&g->rp, 0, sizeof(g->rp));
	g->rp_local = g->has_rp && p->ops->is_local(p->ctx, &g->rp);
	if (g->has_rp && !g->rp_local) {
		pim_rpf_lookup(p, &g->rp, &g->rp_rpf);
	} else {
		memset(&g->rp_rpf, 0, sizeof(g->rp_rpf));
		g->rp_rpf.ifindex = -1;
	}
	g->prev_rp_if = old_rp_if;
	/* 4.6.2: "RPF_interface(RP(G)) stops being I" */
	if (g->star && old_rp_if >= 0 && old_rp_if != pim_rp_if(g)) {
		struct pim_ifst *s = pim_ifst_find(g->star, old_rp_if);

		if (s && s->as == PIM_AS_LOSER)
			pim_assert_reset(s, "rpf-change");
	}
	for (size_t i = 0; i < g->nsg; i++) {
		struct pim_ent *e = g->sg[i];
		int old = e->rpf.ifindex;

		e->prev_rpf_if = old;
		pim_rpf_lookup(p, &e->src, &e->rpf);
		/* 4.6.1: "RPF_interface(S) stops being I" */
		if (old >= 0 && old != e->rpf.ifindex) {
			struct pim_ifst *s = pim_ifst_find(e, old);

			if (s && s->as == PIM_AS_LOSER)
				pim_assert_reset(s, "rpf-change");
		}
	}
}
