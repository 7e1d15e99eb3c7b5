/*
 * PIMv2 encoder (see pim_pkt.h): the common header of RFC 7761 section
 * 4.9 with its checksum (IPv6 pseudo-header; a Register's over its first
 * 8 bytes, 4.9.3), Hello with Holdtime, LAN Prune Delay, DR Priority,
 * Generation ID and Address List options in that order (4.9.2), Register
 * (4.9.3), Register-Stop (4.9.4), Join/Prune and the Graft and Graft-Ack
 * of RFC 3973 4.7.6-7 (4.9.5), Assert (4.9.6), Bootstrap and
 * Candidate-RP-Advertisement (RFC 5059 4.1, 4.2), State Refresh (RFC 3973
 * 4.7.8) and DF Election (RFC 5015 3.7). Reserved fields are zero; the
 * header's flag byte is m->flags, except that Bootstrap takes its
 * No-Forward bit from bsr.no_forward and DF Election its upper nibble from
 * df.subtype. Times are rounded down to the wire unit and clamped.
 */
#include "protocols/pim/pim_pkt.h"

#include "protocols/pim/pim_pkt_int.h"
#include "sim/net/net_buf.h"

#define PIM_HOLD_MAX 0xfffe /* largest finite 16-bit holdtime */

static uint16_t pim_hold16(sim_time_t t, bool forever)
{
	if (forever)
		return PIM_HOLDTIME_FOREVER;
	return (uint16_t)pim_to_units(t, SIM_S(1), PIM_HOLD_MAX);
}

static void pim_wr_opt(struct net_wr *w, uint16_t type, uint16_t len)
{
	net_wr_be16(w, type);
	net_wr_be16(w, len);
}

static bool pim_wr_hello(struct net_wr *w, const struct pim_fam *f,
			 const struct pim_hello *h)
{
	if (h->has_holdtime) {
		pim_wr_opt(w, PIM_OPT_HOLDTIME, 2);
		net_wr_be16(w, pim_hold16(h->holdtime, h->holdtime_forever));
	}
	if (h->has_lan_prune_delay) {
		uint32_t pd =
			pim_to_units(h->propagation_delay, SIM_MS(1), 0x7fff);

		pim_wr_opt(w, PIM_OPT_LAN_PRUNE_DELAY, 4);
		net_wr_be16(w, (uint16_t)((h->t_bit ? 0x8000 : 0) | pd));
		net_wr_be16(w, (uint16_t)pim_to_units(h->override_interval,
						      SIM_MS(1), 0xffff));
	}
	if (h->has_dr_priority) {
		pim_wr_opt(w, PIM_OPT_DR_PRIORITY, 4);
		net_wr_be32(w, h->dr_priority);
	}
	if (h->has_genid) {
		pim_wr_opt(w, PIM_OPT_GENID, 4);
		net_wr_be32(w, h->genid);
	}
	if (h->naddrs > PIM_MAX_HELLO_ADDRS)
		return false;
	if (h->naddrs) {
		pim_wr_opt(w, PIM_OPT_ADDR_LIST,
			   (uint16_t)(h->naddrs * f->unicast));
		for (unsigned i = 0; i < h->naddrs; i++)
			if (!pim_wr_unicast(w, f, &h->addrs[i]))
				return false;
	}
	return !w->err;
}

static bool pim_wr_register(struct net_wr *w, const struct pim_register *g)
{
	uint32_t bits =
		(g->b_bit ? 0x80000000u : 0) | (g->n_bit ? 0x40000000u : 0);

	net_wr_be32(w, bits);
	if (g->inner_len && !g->inner)
		return false;
	if (g->inner_len)
		net_wr_bytes(w, g->inner, g->inner_len);
	return !w->err;
}

static bool pim_wr_assert(struct net_wr *w, const struct pim_fam *f,
			  const struct pim_assert *a, bool metrics)
{
	if (!pim_wr_group(w, f, &a->group) || !pim_wr_unicast(w, f, &a->source))
		return false;
	if (metrics) {
		if (a->metric_pref > 0x7fffffffu)
			return false;
		net_wr_be32(w, (a->rpt_bit ? 0x80000000u : 0) | a->metric_pref);
		net_wr_be32(w, a->metric);
	}
	return !w->err;
}

static bool pim_wr_jp(struct net_wr *w, const struct pim_fam *f,
		      const struct pim_jp *jp)
{
	if (!pim_wr_unicast(w, f, &jp->upstream))
		return false;
	net_wr_u8(w, 0); /* Reserved */
	net_wr_u8(w, jp->ngroups);
	net_wr_be16(w, pim_hold16(jp->holdtime, jp->holdtime_forever));
	for (unsigned i = 0; i < jp->ngroups; i++) {
		const struct pim_jp_group *g = &jp->groups[i];
		size_t n = (size_t)g->njoin + g->nprune;

		if (g->src0 > PIM_MAX_JP_SOURCES ||
		    n > PIM_MAX_JP_SOURCES - g->src0)
			return false;
		if (!pim_wr_group(w, f, &g->group))
			return false;
		net_wr_be16(w, g->njoin);
		net_wr_be16(w, g->nprune);
		for (size_t k = 0; k < n; k++)
			if (!pim_wr_source(w, f, &jp->srcs[g->src0 + k]))
				return false;
	}
	return !w->err;
}

static bool pim_wr_bsr(struct net_wr *w, const struct pim_fam *f,
		       const struct pim_bsr *b)
{
	if (b->ngroups > PIM_MAX_BSR_GROUPS || b->hash_mask_len > f->maxmask)
		return false;
	net_wr_be16(w, b->frag_tag);
	net_wr_u8(w, b->hash_mask_len);
	net_wr_u8(w, b->priority);
	if (!pim_wr_unicast(w, f, &b->addr))
		return false;
	for (unsigned i = 0; i < b->ngroups; i++) {
		const struct pim_bsr_group *g = &b->groups[i];

		if (g->frag_rp_count > g->rp_count ||
		    g->rp0 > PIM_MAX_BSR_RPS ||
		    g->frag_rp_count > PIM_MAX_BSR_RPS - g->rp0)
			return false;
		if (!pim_wr_group(w, f, &g->group))
			return false;
		net_wr_u8(w, g->rp_count);
		net_wr_u8(w, g->frag_rp_count);
		net_wr_be16(w, 0); /* Reserved */
		for (unsigned k = 0; k < g->frag_rp_count; k++) {
			const struct pim_bsr_rp *rp = &b->rps[g->rp0 + k];

			if (!pim_wr_unicast(w, f, &rp->addr))
				return false;
			net_wr_be16(w, pim_hold16(rp->holdtime, false));
			net_wr_u8(w, rp->priority);
			net_wr_u8(w, 0); /* Reserved */
		}
	}
	return !w->err;
}

static bool pim_wr_crp(struct net_wr *w, const struct pim_fam *f,
		       const struct pim_crp *c)
{
	net_wr_u8(w, c->prefix_count);
	net_wr_u8(w, c->priority);
	net_wr_be16(w, (uint16_t)pim_to_units(c->holdtime, SIM_S(1), 0xffff));
	if (!pim_wr_unicast(w, f, &c->rp))
		return false;
	for (unsigned i = 0; i < c->prefix_count; i++)
		if (!pim_wr_group(w, f, &c->groups[i]))
			return false;
	return !w->err;
}

static bool pim_wr_sr(struct net_wr *w, const struct pim_fam *f,
		      const struct pim_state_refresh *s)
{
	uint8_t bits = (uint8_t)((s->p_bit ? 0x80 : 0) | (s->n_bit ? 0x40 : 0) |
				 (s->o_bit ? 0x20 : 0));

	if (s->mask_len > f->maxmask || s->metric_pref > 0x7fffffffu)
		return false;
	if (!pim_wr_group(w, f, &s->group) ||
	    !pim_wr_unicast(w, f, &s->source) ||
	    !pim_wr_unicast(w, f, &s->originator))
		return false;
	net_wr_be32(w, (s->rpt_bit ? 0x80000000u : 0) | s->metric_pref);
	net_wr_be32(w, s->metric);
	net_wr_u8(w, s->mask_len);
	net_wr_u8(w, s->ttl);
	net_wr_u8(w, bits);
	net_wr_u8(w, (uint8_t)pim_to_units(s->interval, SIM_S(1), 0xff));
	return !w->err;
}

static bool pim_wr_df(struct net_wr *w, const struct pim_fam *f,
		      const struct pim_df *d)
{
	if (d->subtype < PIM_DF_OFFER || d->subtype > PIM_DF_PASS)
		return false;
	if (!pim_wr_unicast(w, f, &d->rp))
		return false;
	net_wr_be32(w, d->metric_pref);
	net_wr_be32(w, d->metric);
	if (d->subtype == PIM_DF_BACKOFF || d->subtype == PIM_DF_PASS) {
		if (!pim_wr_unicast(w, f, &d->target))
			return false;
		net_wr_be32(w, d->target_metric_pref);
		net_wr_be32(w, d->target_metric);
	}
	if (d->subtype == PIM_DF_BACKOFF)
		net_wr_be16(w, (uint16_t)pim_to_units(d->interval, SIM_MS(1),
						      0xffff));
	return !w->err;
}

/* The header's flag byte (RFC 8736 section 4; RFC 5059 3.2.3 for the
 * Bootstrap No-Forward bit; RFC 5015 3.7 for the DF subtype). */
static uint8_t pim_hdr_flags(const struct pim_msg *m)
{
	if (m->type == PIM_T_BOOTSTRAP)
		return (uint8_t)((m->flags & 0x7f) |
				 (m->bsr.no_forward ? 0x80 : 0));
	if (m->type == PIM_T_DF_ELECTION)
		return (uint8_t)((m->flags & 0x0f) | (m->df.subtype << 4));
	return m->flags;
}

static bool pim_wr_body(struct net_wr *w, const struct pim_fam *f,
			const struct pim_msg *m)
{
	switch (m->type) {
	case PIM_T_HELLO:
		return pim_wr_hello(w, f, &m->hello);
	case PIM_T_REGISTER:
		return pim_wr_register(w, &m->reg);
	case PIM_T_REGISTER_STOP:
		return pim_wr_assert(w, f, &m->reg_stop, false);
	case PIM_T_ASSERT:
		return pim_wr_assert(w, f, &m->assert, true);
	case PIM_T_JOIN_PRUNE:
	case PIM_T_GRAFT:
	case PIM_T_GRAFT_ACK:
		return pim_wr_jp(w, f, &m->jp);
	case PIM_T_BOOTSTRAP:
		return pim_wr_bsr(w, f, &m->bsr);
	case PIM_T_CRP_ADV:
		return pim_wr_crp(w, f, &m->crp);
	case PIM_T_STATE_REFRESH:
		return pim_wr_sr(w, f, &m->sr);
	case PIM_T_DF_ELECTION:
		return pim_wr_df(w, f, &m->df);
	default:
		return false;
	}
}

int pim_pkt_encode(const struct pim_msg *m, const struct net_addr *src,
		   const struct net_addr *dst, uint8_t *buf, size_t cap)
{
	const struct pim_fam *f = m ? pim_fam_of(m->af) : NULL;
	struct net_wr w;

	if (!f || !buf || (unsigned)m->type >= PIM_T__COUNT ||
	    !pim_csum_addrs_ok(f, src, dst))
		return -1;
	net_wr_init(&w, buf, cap);
	net_wr_u8(&w, (uint8_t)(PIM_VERSION << 4 | m->type));
	net_wr_u8(&w, pim_hdr_flags(m));
	net_wr_be16(&w, 0);
	if (!pim_wr_body(&w, f, m) || w.err || w.off > INT32_MAX)
		return -1;
	if (pim_pkt_set_checksum(m->af, buf, w.off, src, dst) != 0)
		return -1;
	return (int)w.off;
}
