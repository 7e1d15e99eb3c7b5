/*
 * PIMv2 decoder (see pim_pkt.h). The common header and checksum of RFC
 * 7761 section 4.9; Hello and its options (4.9.2: Holdtime 1, LAN Prune
 * Delay 2, DR Priority 19, Generation ID 20, Address List 24; other
 * options are counted and skipped, as 4.9.2 lets a receiver ignore
 * unknown ones); Register (4.9.3), Register-Stop (4.9.4), Join/Prune
 * (4.9.5), Assert (4.9.6); Bootstrap and Candidate-RP-Advertisement (RFC
 * 5059 sections 4.1 and 4.2, with the No-Forward bit of its section
 * 3.2.3); Graft and Graft-Ack, which share the Join/Prune layout, and
 * State Refresh (RFC 3973 sections 4.7.6-4.7.8); DF Election with its
 * Offer, Winner, Backoff and Pass subtypes (RFC 5015 section 3.7). Only
 * well-formedness is checked, structure before the checksum: the header
 * (E_SHORT below 4 bytes or a type's fixed part, E_VERSION, E_TYPE for
 * types above 10 and unknown DF subtypes), every count and option length
 * against the bytes (E_LENGTH, also for bytes after the last element:
 * no PIMv2 message but Register has a trailer), the encoded addresses
 * (pim_pkt_addr.c), the bounds of struct pim_msg (E_TOO_MANY) and the
 * checksum. The Register checksum covers the 8-byte PIM and Register
 * headers (4.9.3, pseudo-header length 8 for IPv6), and one over the
 * whole message is accepted too, as 4.9.3 asks for interoperability.
 * Wire times (seconds, milliseconds) become sim_time_t here.
 */
#include "protocols/pim/pim_pkt.h"

#include <string.h>

#include "protocols/pim/pim_pkt_int.h"
#include "sim/net/net_buf.h"

const struct net_addr pim_all_routers4 = { .af = NET_AF_IP4,
					   .b = { 224, 0, 0, 13 } };
const struct net_addr pim_all_routers6 = { .af = NET_AF_IP6,
					   .b = { 0xff, 0x02, [15] = 0x0d } };

static const char *const pim_type_names[PIM_T__COUNT] = {
	[PIM_T_HELLO] = "hello",
	[PIM_T_REGISTER] = "register",
	[PIM_T_REGISTER_STOP] = "register-stop",
	[PIM_T_JOIN_PRUNE] = "join-prune",
	[PIM_T_BOOTSTRAP] = "bootstrap",
	[PIM_T_ASSERT] = "assert",
	[PIM_T_GRAFT] = "graft",
	[PIM_T_GRAFT_ACK] = "graft-ack",
	[PIM_T_CRP_ADV] = "c-rp-adv",
	[PIM_T_STATE_REFRESH] = "state-refresh",
	[PIM_T_DF_ELECTION] = "df-election",
};

static const char *const pim_err_names[PIM_PKT_E__COUNT] = {
	[PIM_PKT_OK] = "ok",
	[PIM_PKT_E_SHORT] = "short",
	[PIM_PKT_E_VERSION] = "version",
	[PIM_PKT_E_TYPE] = "type",
	[PIM_PKT_E_LENGTH] = "length",
	[PIM_PKT_E_FAMILY] = "family",
	[PIM_PKT_E_ENCODING] = "encoding",
	[PIM_PKT_E_MASK] = "mask",
	[PIM_PKT_E_CHECKSUM] = "checksum",
	[PIM_PKT_E_TOO_MANY] = "too-many",
};

const char *pim_type_name(enum pim_type t)
{
	if ((unsigned)t >= PIM_T__COUNT)
		return "unknown";
	return pim_type_names[t];
}

const char *pim_pkt_err_name(enum pim_pkt_err e)
{
	if ((unsigned)e >= PIM_PKT_E__COUNT)
		return "unknown";
	return pim_err_names[e];
}

/* The end of a body: every byte used. */
static enum pim_pkt_err pim_rd_end(const struct net_rd *r)
{
	if (r->err || net_rd_left(r) != 0)
		return PIM_PKT_E_LENGTH;
	return PIM_PKT_OK;
}

#define PIM_TRY(x)                                                             \
	do {                                                                   \
		enum pim_pkt_err e_ = (x);                                     \
		if (e_ != PIM_PKT_OK)                                          \
			return e_;                                             \
	} while (0)

/* ---- Hello (RFC 7761 4.9.2) ---- */

static enum pim_pkt_err
pim_rd_addr_list(struct net_rd *o, const struct pim_fam *f, struct pim_hello *h)
{
	while (net_rd_left(o) > 0) {
		struct net_addr a;

		PIM_TRY(pim_rd_unicast(o, f, &a));
		if (h->naddrs >= PIM_MAX_HELLO_ADDRS)
			return PIM_PKT_E_TOO_MANY;
		h->addrs[h->naddrs++] = a;
	}
	return PIM_PKT_OK;
}

/* One option: type t, its value in o. Fixed-size options of the wrong
 * length are E_LENGTH. */
static enum pim_pkt_err pim_rd_option(uint16_t t, struct net_rd *o,
				      const struct pim_fam *f,
				      struct pim_hello *h)
{
	size_t n = net_rd_left(o);
	uint16_t v;

	switch (t) {
	case PIM_OPT_HOLDTIME:
		if (n != 2)
			return PIM_PKT_E_LENGTH;
		v = net_rd_be16(o);
		h->has_holdtime = true;
		h->holdtime_forever = v == PIM_HOLDTIME_FOREVER;
		h->holdtime = SIM_S(v);
		return PIM_PKT_OK;
	case PIM_OPT_LAN_PRUNE_DELAY:
		if (n != 4)
			return PIM_PKT_E_LENGTH;
		v = net_rd_be16(o);
		h->has_lan_prune_delay = true;
		h->t_bit = (v & 0x8000) != 0;
		h->propagation_delay = SIM_MS(v & 0x7fff);
		h->override_interval = SIM_MS(net_rd_be16(o));
		return PIM_PKT_OK;
	case PIM_OPT_DR_PRIORITY:
	case PIM_OPT_GENID:
		if (n != 4)
			return PIM_PKT_E_LENGTH;
		if (t == PIM_OPT_DR_PRIORITY) {
			h->has_dr_priority = true;
			h->dr_priority = net_rd_be32(o);
		} else {
			h->has_genid = true;
			h->genid = net_rd_be32(o);
		}
		return PIM_PKT_OK;
	case PIM_OPT_ADDR_LIST:
		return pim_rd_addr_list(o, f, h);
	default:
		h->unknown_opts++;
		return PIM_PKT_OK;
	}
}

static enum pim_pkt_err pim_rd_hello(struct net_rd *r, const struct pim_fam *f,
				     struct pim_msg *m)
{
	struct pim_hello *h = &m->hello;

	memset(h, 0, sizeof(*h));
	while (net_rd_left(r) > 0) {
		uint16_t t = net_rd_be16(r);
		uint16_t l = net_rd_be16(r);
		struct net_rd o;

		if (r->err || net_rd_left(r) < l)
			return PIM_PKT_E_LENGTH;
		o = net_rd_sub(r, l);
		PIM_TRY(pim_rd_option(t, &o, f, h));
	}
	return pim_rd_end(r);
}

/* ---- Register (4.9.3), Register-Stop (4.9.4), Assert (4.9.6) ---- */

static enum pim_pkt_err pim_rd_register(struct net_rd *r, struct pim_msg *m)
{
	uint32_t bits = net_rd_be32(r);

	if (r->err)
		return PIM_PKT_E_SHORT;
	m->reg.b_bit = (bits & 0x80000000u) != 0;
	m->reg.n_bit = (bits & 0x40000000u) != 0;
	m->reg.inner_len = net_rd_left(r);
	m->reg.inner = m->reg.inner_len ? net_rd_cur(r) : NULL;
	m->reg.csum_whole = false;
	return PIM_PKT_OK;
}

static enum pim_pkt_err pim_rd_assert(struct net_rd *r, const struct pim_fam *f,
				      struct pim_assert *a, bool metrics)
{
	uint32_t pref;

	if (net_rd_left(r) < f->group + f->unicast + (metrics ? 8u : 0u))
		return PIM_PKT_E_SHORT;
	memset(a, 0, sizeof(*a));
	PIM_TRY(pim_rd_group(r, f, &a->group));
	PIM_TRY(pim_rd_unicast(r, f, &a->source));
	if (metrics) {
		pref = net_rd_be32(r);
		a->rpt_bit = (pref & 0x80000000u) != 0;
		a->metric_pref = pref & 0x7fffffffu;
		a->metric = net_rd_be32(r);
	}
	return pim_rd_end(r);
}

/* ---- Join/Prune (4.9.5), Graft, Graft-Ack (RFC 3973 4.7.6-7) ---- */

static enum pim_pkt_err pim_rd_jp_group(struct net_rd *r,
					const struct pim_fam *f,
					struct pim_jp *jp,
					struct pim_jp_group *g)
{
	size_t n;

	PIM_TRY(pim_rd_group(r, f, &g->group));
	g->njoin = net_rd_be16(r);
	g->nprune = net_rd_be16(r);
	if (r->err)
		return PIM_PKT_E_LENGTH;
	n = (size_t)g->njoin + g->nprune;
	if (n > net_rd_left(r) / f->group)
		return PIM_PKT_E_LENGTH;
	if (n > PIM_MAX_JP_SOURCES - jp->nsrcs)
		return PIM_PKT_E_TOO_MANY;
	g->src0 = jp->nsrcs;
	for (size_t i = 0; i < n; i++)
		PIM_TRY(pim_rd_source(r, f, &jp->srcs[jp->nsrcs++]));
	return PIM_PKT_OK;
}

static enum pim_pkt_err pim_rd_jp(struct net_rd *r, const struct pim_fam *f,
				  struct pim_msg *m)
{
	struct pim_jp *jp = &m->jp;
	uint16_t hold;

	if (net_rd_left(r) < f->unicast + 4)
		return PIM_PKT_E_SHORT;
	jp->nsrcs = 0;
	PIM_TRY(pim_rd_unicast(r, f, &jp->upstream));
	net_rd_u8(r); /* Reserved */
	jp->ngroups = net_rd_u8(r);
	hold = net_rd_be16(r);
	jp->holdtime_forever = hold == PIM_HOLDTIME_FOREVER;
	jp->holdtime = SIM_S(hold);
	for (unsigned i = 0; i < jp->ngroups; i++)
		PIM_TRY(pim_rd_jp_group(r, f, jp, &jp->groups[i]));
	return pim_rd_end(r);
}

/* ---- Bootstrap and C-RP-Adv (RFC 5059 4.1, 4.2) ---- */

#define PIM_BSR_N 0x80 /* No-Forward bit of the header flags */

static enum pim_pkt_err
pim_rd_bsr_group(struct net_rd *r, const struct pim_fam *f, struct pim_bsr *b)
{
	struct pim_bsr_group *g;

	if (b->ngroups >= PIM_MAX_BSR_GROUPS)
		return PIM_PKT_E_TOO_MANY;
	g = &b->groups[b->ngroups++];
	PIM_TRY(pim_rd_group(r, f, &g->group));
	g->rp_count = net_rd_u8(r);
	g->frag_rp_count = net_rd_u8(r);
	net_rd_be16(r); /* Reserved */
	if (r->err || g->frag_rp_count > g->rp_count ||
	    g->frag_rp_count > net_rd_left(r) / (f->unicast + 4))
		return PIM_PKT_E_LENGTH;
	if (g->frag_rp_count > PIM_MAX_BSR_RPS - b->nrps)
		return PIM_PKT_E_TOO_MANY;
	g->rp0 = b->nrps;
	for (unsigned i = 0; i < g->frag_rp_count; i++) {
		struct pim_bsr_rp *rp = &b->rps[b->nrps++];

		PIM_TRY(pim_rd_unicast(r, f, &rp->addr));
		rp->holdtime = SIM_S(net_rd_be16(r));
		rp->priority = net_rd_u8(r);
		net_rd_u8(r); /* Reserved */
	}
	return r->err ? PIM_PKT_E_LENGTH : PIM_PKT_OK;
}

static enum pim_pkt_err pim_rd_bsr(struct net_rd *r, const struct pim_fam *f,
				   struct pim_msg *m)
{
	struct pim_bsr *b = &m->bsr;

	if (net_rd_left(r) < 4 + f->unicast)
		return PIM_PKT_E_SHORT;
	b->no_forward = (m->flags & PIM_BSR_N) != 0;
	b->frag_tag = net_rd_be16(r);
	b->hash_mask_len = net_rd_u8(r);
	b->priority = net_rd_u8(r);
	b->ngroups = 0;
	b->nrps = 0;
	PIM_TRY(pim_rd_unicast(r, f, &b->addr));
	if (b->hash_mask_len > f->maxmask)
		return PIM_PKT_E_MASK;
	while (net_rd_left(r) > 0)
		PIM_TRY(pim_rd_bsr_group(r, f, b));
	return pim_rd_end(r);
}

static enum pim_pkt_err pim_rd_crp(struct net_rd *r, const struct pim_fam *f,
				   struct pim_msg *m)
{
	struct pim_crp *c = &m->crp;

	if (net_rd_left(r) < 4 + f->unicast)
		return PIM_PKT_E_SHORT;
	c->prefix_count = net_rd_u8(r);
	c->priority = net_rd_u8(r);
	c->holdtime = SIM_S(net_rd_be16(r));
	PIM_TRY(pim_rd_unicast(r, f, &c->rp));
	if (c->prefix_count > net_rd_left(r) / f->group)
		return PIM_PKT_E_LENGTH;
	for (unsigned i = 0; i < c->prefix_count; i++)
		PIM_TRY(pim_rd_group(r, f, &c->groups[i]));
	return pim_rd_end(r);
}

/* ---- State Refresh (RFC 3973 4.7.8), DF Election (RFC 5015 3.7) ---- */

static enum pim_pkt_err pim_rd_sr(struct net_rd *r, const struct pim_fam *f,
				  struct pim_msg *m)
{
	struct pim_state_refresh *s = &m->sr;
	uint32_t pref;
	uint8_t bits;

	if (net_rd_left(r) != f->group + 2 * f->unicast + 12)
		return net_rd_left(r) < f->group + 2 * f->unicast + 12
			       ? PIM_PKT_E_SHORT
			       : PIM_PKT_E_LENGTH;
	PIM_TRY(pim_rd_group(r, f, &s->group));
	PIM_TRY(pim_rd_unicast(r, f, &s->source));
	PIM_TRY(pim_rd_unicast(r, f, &s->originator));
	pref = net_rd_be32(r);
	s->rpt_bit = (pref & 0x80000000u) != 0;
	s->metric_pref = pref & 0x7fffffffu;
	s->metric = net_rd_be32(r);
	s->mask_len = net_rd_u8(r);
	s->ttl = net_rd_u8(r);
	bits = net_rd_u8(r);
	s->p_bit = (bits & 0x80) != 0;
	s->n_bit = (bits & 0x40) != 0;
	s->o_bit = (bits & 0x20) != 0;
	s->interval = SIM_S(net_rd_u8(r));
	if (s->mask_len > f->maxmask)
		return PIM_PKT_E_MASK;
	return pim_rd_end(r);
}

static enum pim_pkt_err pim_rd_df(struct net_rd *r, const struct pim_fam *f,
				  struct pim_msg *m)
{
	struct pim_df *d = &m->df;
	size_t need = f->unicast + 8;

	memset(d, 0, sizeof(*d));
	d->subtype = m->flags >> 4;
	if (d->subtype < PIM_DF_OFFER || d->subtype > PIM_DF_PASS)
		return PIM_PKT_E_TYPE;
	if (d->subtype == PIM_DF_BACKOFF)
		need += f->unicast + 10;
	else if (d->subtype == PIM_DF_PASS)
		need += f->unicast + 8;
	if (net_rd_left(r) < need)
		return PIM_PKT_E_SHORT;
	PIM_TRY(pim_rd_unicast(r, f, &d->rp));
	d->metric_pref = net_rd_be32(r);
	d->metric = net_rd_be32(r);
	if (d->subtype == PIM_DF_BACKOFF || d->subtype == PIM_DF_PASS) {
		PIM_TRY(pim_rd_unicast(r, f, &d->target));
		d->target_metric_pref = net_rd_be32(r);
		d->target_metric = net_rd_be32(r);
		if (d->subtype == PIM_DF_BACKOFF)
			d->interval = SIM_MS(net_rd_be16(r));
	}
	return pim_rd_end(r);
}

/* ---- the message ---- */

static enum pim_pkt_err pim_rd_body(struct net_rd *r, const struct pim_fam *f,
				    struct pim_msg *m)
{
	switch (m->type) {
	case PIM_T_HELLO:
		return pim_rd_hello(r, f, m);
	case PIM_T_REGISTER:
		return pim_rd_register(r, m);
	case PIM_T_REGISTER_STOP:
		return pim_rd_assert(r, f, &m->reg_stop, false);
	case PIM_T_ASSERT:
		return pim_rd_assert(r, f, &m->assert, true);
	case PIM_T_JOIN_PRUNE:
	case PIM_T_GRAFT:
	case PIM_T_GRAFT_ACK:
		return pim_rd_jp(r, f, m);
	case PIM_T_BOOTSTRAP:
		return pim_rd_bsr(r, f, m);
	case PIM_T_CRP_ADV:
		return pim_rd_crp(r, f, m);
	case PIM_T_STATE_REFRESH:
		return pim_rd_sr(r, f, m);
	case PIM_T_DF_ELECTION:
		return pim_rd_df(r, f, m);
	default:
		return PIM_PKT_E_TYPE;
	}
}

/* Checksum of a decoded message; a Register's over its first 8 bytes or,
 * failing that, over the whole message (RFC 7761 4.9.3). */
static enum pim_pkt_err pim_check_csum(const struct pim_fam *f,
				       const uint8_t *buf, size_t len,
				       const struct net_addr *src,
				       const struct net_addr *dst,
				       struct pim_msg *m)
{
	if (!pim_csum_addrs_ok(f, src, dst))
		return PIM_PKT_E_CHECKSUM;
	if (m->type == PIM_T_REGISTER) {
		if (pim_csum(f, buf, PIM_REG_HDR_LEN, src, dst) == 0)
			return PIM_PKT_OK;
		m->reg.csum_whole = true;
	}
	if (pim_csum(f, buf, len, src, dst) != 0)
		return PIM_PKT_E_CHECKSUM;
	return PIM_PKT_OK;
}

enum pim_pkt_err pim_pkt_decode(enum net_af af, const uint8_t *buf, size_t len,
				const struct net_addr *src,
				const struct net_addr *dst, struct pim_msg *out)
{
	const struct pim_fam *f = pim_fam_of(af);
	struct net_rd r;
	uint8_t vt;

	if (!f)
		return PIM_PKT_E_FAMILY;
	out->af = af;
	if (!buf || len < PIM_HDR_LEN)
		return PIM_PKT_E_SHORT;
	net_rd_init(&r, buf, len);
	vt = net_rd_u8(&r);
	out->flags = net_rd_u8(&r);
	out->checksum = net_rd_be16(&r);
	if (vt >> 4 != PIM_VERSION)
		return PIM_PKT_E_VERSION;
	if ((vt & 0x0f) >= PIM_T__COUNT)
		return PIM_PKT_E_TYPE;
	out->type = (enum pim_type)(vt & 0x0f);
	PIM_TRY(pim_rd_body(&r, f, out));
	return pim_check_csum(f, buf, len, src, dst, out);
}

int pim_pkt_set_checksum(enum net_af af, uint8_t *buf, size_t len,
			 const struct net_addr *src, const struct net_addr *dst)
{
	const struct pim_fam *f = pim_fam_of(af);
	size_t covered = len;

	if (!f || !buf || len < PIM_HDR_LEN || !pim_csum_addrs_ok(f, src, dst))
		return -1;
	if ((buf[0] & 0x0f) == PIM_T_REGISTER && len >= PIM_REG_HDR_LEN)
		covered = PIM_REG_HDR_LEN;
	net_put_be16(buf + PIM_OFF_CSUM, 0);
	net_put_be16(buf + PIM_OFF_CSUM, pim_csum(f, buf, covered, src, dst));
	return 0;
}
