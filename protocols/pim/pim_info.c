/*
 * Read-out of the Tree Information Base for `display pim routing-table`
 * and tests (pim.h pim_each_entry): per entry the RP, SPTbit, register
 * and upstream states (RFC 7761 4.1.3-4.1.5 names), the incoming
 * interface and RPF neighbor, the Keepalive Timer, and each interface
 * with downstream, local or Assert state or in the outgoing list.
 */
#include <string.h>

#include "protocols/pim/pim_int.h"

static const char *const pim_up_names[] = {
	[PIM_UP_NOT_JOINED] = "NotJoined",
	[PIM_UP_JOINED] = "Joined",
};

static const char *const pim_rptup_names[] = {
	[PIM_RPTUP_NOT_JOINED] = "RPTNotJoined",
	[PIM_RPTUP_PRUNED] = "Pruned",
	[PIM_RPTUP_NOT_PRUNED] = "NotPruned",
};

static const char *const pim_reg_names[] = {
	[PIM_REG_NOINFO] = "NoInfo",
	[PIM_REG_JOIN] = "Join",
	[PIM_REG_JOIN_PENDING] = "Join-Pending",
	[PIM_REG_PRUNE] = "Prune",
};

static sim_time_t pim_show_dl(sim_time_t t)
{
	return t == SIM_TIME_NEVER ? -1 : t;
}

static bool pim_in_prog(const struct pim_ent *e, int k)
{
	for (size_t i = 0; e->installed && i < e->prog_n; i++)
		if (e->prog_oifs[i] == k)
			return true;
	return false;
}

static const char *pim_oif_state(const struct pim_ent *e,
				 const struct pim_ifst *s, int k,
				 sim_time_t *exp)
{
	*exp = -1;
	if (s && s->jp != PIM_JP_NOINFO) {
		*exp = pim_show_dl(s->et);
		return s->jp == PIM_JP_JOIN ? "Join" : "Prune-Pending";
	}
	if (s && s->rpt != PIM_RPT_NOINFO) {
		*exp = pim_show_dl(s->rpt_et);
		return s->rpt == PIM_RPT_PRUNE_PENDING ? "Prune-Pending(rpt)"
						       : "Prune(rpt)";
	}
	if (s && s->local_in)
		return "local";
	if (s && s->local_ex)
		return "exclude";
	return pim_in_prog(e, k) ? "inherited" : "NoInfo";
}

static void pim_fill_oifs(const struct pim_ent *e, struct pim_entry_info *in)
{
	const struct pim *p = e->g->p;

	for (size_t i = 0; i < p->nifs && in->noifs < 32; i++) {
		int k = p->ifs[i]->ifindex;
		const struct pim_ifst *s = pim_ifst_find(e, k);

		if (!s && !pim_in_prog(e, k))
			continue;
		in->oifs[in->noifs].ifindex = k;
		in->oifs[in->noifs].state =
			pim_oif_state(e, s, k, &in->oifs[in->noifs].expires);
		in->oifs[in->noifs].assert_state =
			pim_as_name(s ? s->as : PIM_AS_NOINFO);
		in->noifs++;
	}
}

static void pim_fill(const struct pim_ent *e, struct pim_entry_info *in)
{
	const struct pim_grp *g = e->g;
	bool star = pim_is_star(e);

	memset(in, 0, sizeof(*in));
	in->src = e->src;
	in->grp = g->addr;
	if (g->has_rp)
		in->rp = g->rp;
	in->spt = e->spt;
	in->rpt = !star && !e->spt && e->up == PIM_UP_NOT_JOINED &&
		  e->kat < 0 && e->reg == PIM_REG_NOINFO;
	in->register_state = e->reg != PIM_REG_NOINFO;
	in->reg_state = pim_reg_names[e->reg];
	in->upstream_state =
		in->rpt ? pim_rptup_names[e->rptup] : pim_up_names[e->up];
	if (e->installed)
		in->iif = e->prog_iif;
	else
		in->iif = star ? pim_rp_if(g) : e->rpf.ifindex;
	if (star)
		pim_rpfp_star(g, &in->rpf_nbr);
	else if (in->rpt)
		pim_rpfp_rpt(e, &in->rpf_nbr);
	else
		pim_rpfp_sg(e, &in->rpf_nbr);
	in->keepalive_expires = e->kat;
	in->uptime = e->created;
	pim_fill_oifs(e, in);
}

void pim_each_entry(const struct pim *p,
		    void (*fn)(void *arg, const struct pim_entry_info *e),
		    void *arg)
{
	struct pim_entry_info in;

	for (size_t i = 0; i < p->ngrps; i++) {
		const struct pim_grp *g = p->grps[i];

		if (g->star) {
			pim_fill(g->star, &in);
			fn(arg, &in);
		}
		for (size_t k = 0; k < g->nsg; k++) {
			pim_fill(g->sg[k], &in);
			fn(arg, &in);
		}
	}
}
