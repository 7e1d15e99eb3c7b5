/*
 * The encoded address formats of PIMv2 (RFC 7761 section 4.9.1):
 * Encoded-Unicast (Addr Family, Encoding Type, address), Encoded-Group
 * (with the B and Z flags and Mask Len) and Encoded-Source (with the S, W
 * and R flags and Mask Len), for Addr Family 1 (IPv4) and 2 (IPv6) from
 * the IANA Address Family Numbers, native Encoding Type 0 only (type 1,
 * Join Attributes of RFC 5384, is refused as E_ENCODING). An address of
 * the other family than the message's is E_FAMILY, a mask beyond the
 * family's bits E_MASK. Also the PIM checksum of RFC 7761 section 4.9:
 * the Internet checksum over the message, with the IPv6 pseudo-header of
 * RFC 8200 section 8.1 (next header 103) for PIMv6.
 */
#include "protocols/pim/pim_pkt_int.h"

#include <string.h>

#include "sim/net/net_csum.h"

static const struct pim_fam pim_fam4 = {
	.af = NET_AF_IP4,
	.code = 1,
	.alen = 4,
	.maxmask = 32,
	.unicast = 6,
	.group = 8,
};
static const struct pim_fam pim_fam6 = {
	.af = NET_AF_IP6,
	.code = 2,
	.alen = 16,
	.maxmask = 128,
	.unicast = 18,
	.group = 20,
};

const struct pim_fam *pim_fam_of(enum net_af af)
{
	if (af == NET_AF_IP4)
		return &pim_fam4;
	if (af == NET_AF_IP6)
		return &pim_fam6;
	return NULL;
}

/* Addr Family and Encoding Type, then the address itself. */
static enum pim_pkt_err pim_rd_head(struct net_rd *r, const struct pim_fam *f,
				    uint8_t *flags, uint8_t *mask, bool prefix)
{
	uint8_t fam = net_rd_u8(r);
	uint8_t enc = net_rd_u8(r);

	if (prefix) {
		*flags = net_rd_u8(r);
		*mask = net_rd_u8(r);
	}
	if (r->err)
		return PIM_PKT_E_LENGTH;
	if (fam != f->code)
		return PIM_PKT_E_FAMILY;
	if (enc != PIM_ENC_NATIVE)
		return PIM_PKT_E_ENCODING;
	if (prefix && *mask > f->maxmask)
		return PIM_PKT_E_MASK;
	return PIM_PKT_OK;
}

static enum pim_pkt_err pim_rd_addr(struct net_rd *r, const struct pim_fam *f,
				    struct net_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->af = (uint8_t)f->af;
	if (!net_rd_bytes(r, out->b, f->alen))
		return PIM_PKT_E_LENGTH;
	return PIM_PKT_OK;
}

enum pim_pkt_err pim_rd_unicast(struct net_rd *r, const struct pim_fam *f,
				struct net_addr *out)
{
	enum pim_pkt_err e = pim_rd_head(r, f, NULL, NULL, false);

	return e != PIM_PKT_OK ? e : pim_rd_addr(r, f, out);
}

enum pim_pkt_err pim_rd_group(struct net_rd *r, const struct pim_fam *f,
			      struct pim_egroup *out)
{
	uint8_t flags = 0, mask = 0;
	enum pim_pkt_err e = pim_rd_head(r, f, &flags, &mask, true);

	if (e != PIM_PKT_OK)
		return e;
	out->b_bit = (flags & PIM_GRP_B) != 0;
	out->z_bit = (flags & PIM_GRP_Z) != 0;
	out->mask_len = mask;
	return pim_rd_addr(r, f, &out->addr);
}

enum pim_pkt_err pim_rd_source(struct net_rd *r, const struct pim_fam *f,
			       struct pim_esrc *out)
{
	uint8_t flags = 0, mask = 0;
	enum pim_pkt_err e = pim_rd_head(r, f, &flags, &mask, true);

	if (e != PIM_PKT_OK)
		return e;
	out->s_bit = (flags & PIM_SRC_S) != 0;
	out->w_bit = (flags & PIM_SRC_W) != 0;
	out->r_bit = (flags & PIM_SRC_R) != 0;
	out->mask_len = mask;
	return pim_rd_addr(r, f, &out->addr);
}

/* The address bytes of a (NET_AF_NONE: all zeros); false if a is of
 * another family. */
static bool pim_wr_addr(struct net_wr *w, const struct pim_fam *f,
			const struct net_addr *a, bool wildcard_ok)
{
	static const uint8_t zero[16];

	if (a->af == NET_AF_NONE && wildcard_ok)
		return net_wr_bytes(w, zero, f->alen);
	if (a->af != f->af)
		return false;
	return net_wr_bytes(w, a->b, f->alen);
}

bool pim_wr_unicast(struct net_wr *w, const struct pim_fam *f,
		    const struct net_addr *a)
{
	net_wr_u8(w, f->code);
	net_wr_u8(w, PIM_ENC_NATIVE);
	return pim_wr_addr(w, f, a, true) && !w->err;
}

bool pim_wr_group(struct net_wr *w, const struct pim_fam *f,
		  const struct pim_egroup *g)
{
	uint8_t flags = (uint8_t)((g->b_bit ? PIM_GRP_B : 0) |
				  (g->z_bit ? PIM_GRP_Z : 0));

	if (g->mask_len > f->maxmask)
		return false;
	net_wr_u8(w, f->code);
	net_wr_u8(w, PIM_ENC_NATIVE);
	net_wr_u8(w, flags);
	net_wr_u8(w, g->mask_len);
	return pim_wr_addr(w, f, &g->addr, false) && !w->err;
}

bool pim_wr_source(struct net_wr *w, const struct pim_fam *f,
		   const struct pim_esrc *s)
{
	uint8_t flags = (uint8_t)((s->s_bit ? PIM_SRC_S : 0) |
				  (s->w_bit ? PIM_SRC_W : 0) |
				  (s->r_bit ? PIM_SRC_R : 0));

	if (s->mask_len > f->maxmask)
		return false;
	net_wr_u8(w, f->code);
	net_wr_u8(w, PIM_ENC_NATIVE);
	net_wr_u8(w, flags);
	net_wr_u8(w, s->mask_len);
	return pim_wr_addr(w, f, &s->addr, false) && !w->err;
}

bool pim_csum_addrs_ok(const struct pim_fam *f, const struct net_addr *src,
		       const struct net_addr *dst)
{
	if (f->af != NET_AF_IP6)
		return true;
	return src && dst && src->af == NET_AF_IP6 && dst->af == NET_AF_IP6;
}

uint16_t pim_csum(const struct pim_fam *f, const uint8_t *msg, size_t covered,
		  const struct net_addr *src, const struct net_addr *dst)
{
	struct net_csum c;

	net_csum_init(&c);
	if (f->af == NET_AF_IP6) {
		struct net_ip6 s = net_addr_ip6(src), d = net_addr_ip6(dst);

		net_csum_pseudo6(&c, &s, &d, (uint32_t)covered, PIM_PROTO);
	}
	net_csum_add(&c, msg, covered);
	return net_csum_final(&c);
}

uint32_t pim_to_units(sim_time_t t, sim_time_t unit, uint32_t max)
{
	if (t <= 0)
		return 0;
	t /= unit;
	return t >= (sim_time_t)max ? max : (uint32_t)t;
}
