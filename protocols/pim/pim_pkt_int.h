/*
 * Internals shared by the PIM codec files (pim_pkt.c decode, pim_pkt_enc.c
 * encode, pim_pkt_addr.c): the layout of one address family, the encoded
 * address formats of RFC 7761 section 4.9.1 and the PIM checksum of
 * section 4.9 (IPv6 pseudo-header of RFC 8200 section 8.1, whose length is
 * 8 for a Register, section 4.9.3). Not for use outside the codec.
 */
#ifndef PIM_PKT_INT_H
#define PIM_PKT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/pim/pim_pkt.h"
#include "sim/net/net_buf.h"

#define PIM_OFF_CSUM   2 /* Checksum in the common header */
#define PIM_ENC_NATIVE 0 /* Encoding Type 0: native (4.9.1) */

/* Encoded-Group flags byte: B (bidirectional) and Z (admin scope). */
#define PIM_GRP_B 0x80
#define PIM_GRP_Z 0x01
/* Encoded-Source flags byte: Rsrvd(5) S W R. */
#define PIM_SRC_S 0x04
#define PIM_SRC_W 0x02
#define PIM_SRC_R 0x01

/* The layout of one family. */
struct pim_fam {
	enum net_af af;
	uint8_t code;	 /* Addr Family: 1 IPv4, 2 IPv6 (IANA) */
	size_t alen;	 /* address bytes */
	uint8_t maxmask; /* 32 or 128 */
	size_t unicast;	 /* Encoded-Unicast bytes: 2 + alen */
	size_t group;	 /* Encoded-Group / Encoded-Source: 4 + alen */
};

/* NULL when af is neither IPv4 nor IPv6. */
const struct pim_fam *pim_fam_of(enum net_af af);

/* Readers: PIM_PKT_E_LENGTH when r runs out, E_FAMILY / E_ENCODING /
 * E_MASK for a bad field. The address gets the family's af. */
enum pim_pkt_err pim_rd_unicast(struct net_rd *r, const struct pim_fam *f,
				struct net_addr *out);
enum pim_pkt_err pim_rd_group(struct net_rd *r, const struct pim_fam *f,
			      struct pim_egroup *out);
enum pim_pkt_err pim_rd_source(struct net_rd *r, const struct pim_fam *f,
			       struct pim_esrc *out);

/* Writers: false when the address is of another family, a mask is too
 * long or w is full. A unicast address of af NET_AF_NONE is all zeros. */
bool pim_wr_unicast(struct net_wr *w, const struct pim_fam *f,
		    const struct net_addr *a);
bool pim_wr_group(struct net_wr *w, const struct pim_fam *f,
		  const struct pim_egroup *g);
bool pim_wr_source(struct net_wr *w, const struct pim_fam *f,
		   const struct pim_esrc *s);

/*
 * The checksum of msg[0..covered) (RFC 7761 4.9), with the IPv6
 * pseudo-header of src, dst and upper-layer length covered when f is
 * IPv6: the value for the field when the field is zero, 0 when the
 * field holds a correct checksum. src and dst must be IPv6 for IPv6.
 */
uint16_t pim_csum(const struct pim_fam *f, const uint8_t *msg, size_t covered,
		  const struct net_addr *src, const struct net_addr *dst);

/* Are src and dst usable for the checksum of family f? */
bool pim_csum_addrs_ok(const struct pim_fam *f, const struct net_addr *src,
		       const struct net_addr *dst);

/* Seconds / milliseconds of a time, rounded down, clamped to max; a
 * negative time gives 0. */
uint32_t pim_to_units(sim_time_t t, sim_time_t unit, uint32_t max);

#endif
