/*
 * VRRP advertisement codec (see vrrp_pkt.h): decode and encode of the
 * VRRPv2 message of RFC 3768 section 5.1 (fields of section 5.3: version 2,
 * type, VRID, priority, Count IP Addrs, Auth Type, Adver Int in seconds,
 * the checksum over the VRRP message alone, the IPv4 addresses and the
 * 8-byte Authentication Data) and of the VRRPv3 message of RFC 5798 section
 * 5.1 (fields of section 5.2: Count IPvX Addr, 4 reserved bits, the 12-bit
 * Max Advertise Interval in centiseconds, the checksum of section 5.2.8
 * computed with the IPv4 or IPv6 pseudo-header of next header 112 as RFC
 * 9568 confirms, then IPv4 or IPv6 addresses, no authentication). All wire
 * access goes through the bounds-checked cursors of sim/net/net_buf.h. Only
 * well-formedness is checked; RFC 3768 section 7.1 and RFC 5798 section
 * 7.1 checks that need the group's configuration are vrrp.c's.
 */
#include "protocols/vrrp/vrrp_pkt.h"

#include <string.h>

#include "sim/net/net_buf.h"
#include "sim/net/net_csum.h"

/* Offset of the Checksum field, and the interval fields' bounds. */
#define VRRP_OFF_CSUM	  6
#define VRRP_V2_MAX_INT	  255  /* Adver Int, seconds (8 bits) */
#define VRRP_V3_MAX_INT	  4095 /* Max Adver Int, centiseconds (12 bits) */
#define VRRP_V3_INT_MASK  0x0fff
#define VRRP_V2_AUTH_LAST VRRP_AUTH_AH

const struct net_addr vrrp_group4 = { .af = NET_AF_IP4,
				      .b = { 224, 0, 0, 18 } };
const struct net_addr vrrp_group6 = {
	.af = NET_AF_IP6,
	.b = { 0xff, 0x02, [15] = 0x12 },
};

static const char *const vrrp_pkt_err_names[VRRP_PKT_E__COUNT] = {
	[VRRP_PKT_OK] = "ok",
	[VRRP_PKT_E_SHORT] = "short",
	[VRRP_PKT_E_VERSION] = "bad-version",
	[VRRP_PKT_E_TYPE] = "bad-type",
	[VRRP_PKT_E_LENGTH] = "bad-length",
	[VRRP_PKT_E_NADDRS] = "bad-address-count",
	[VRRP_PKT_E_CHECKSUM] = "bad-checksum",
	[VRRP_PKT_E_AUTH_TYPE] = "bad-auth-type",
};

const char *vrrp_pkt_err_name(enum vrrp_pkt_err e)
{
	if ((unsigned)e >= VRRP_PKT_E__COUNT)
		return "unknown";
	return vrrp_pkt_err_names[e];
}

static size_t vrrp_addr_len(enum net_af af)
{
	return af == NET_AF_IP6 ? 16 : 4;
}

/* Bytes after the fixed header: addresses, plus v2's Authentication Data. */
static size_t vrrp_body_len(uint8_t version, enum net_af af, size_t naddrs)
{
	return naddrs * vrrp_addr_len(af) +
	       (version == 2 ? VRRP_V2_AUTH_LEN : 0);
}

/*
 * RFC 3768 section 5.1 always carries the 8-byte Authentication Data, but
 * with Auth Type 0 its contents are "ignored on reception" (section
 * 5.3.6.1), and some senders leave it out altogether (Wireshark accepts
 * such messages too). They are accepted, auth_data reading as zeros.
 */
static bool vrrp_v2_no_auth_data(const struct vrrp_adv *a, size_t left)
{
	return a->version == 2 && a->auth_type == VRRP_AUTH_NONE &&
	       left == (size_t)a->naddrs * 4;
}

/*
 * The checksum of a whole message (checksum field included, so a correct
 * one gives 0). v2 covers the VRRP message only (RFC 3768 section 5.3.8);
 * v3 prepends the pseudo-header of RFC 5798 section 5.2.8.
 */
static uint16_t vrrp_csum(uint8_t version, const struct net_addr *src,
			  const struct net_addr *dst, const uint8_t *msg,
			  size_t len)
{
	struct net_csum c;

	net_csum_init(&c);
	if (version == 3 && src->af == NET_AF_IP6) {
		struct net_ip6 s = net_addr_ip6(src), d = net_addr_ip6(dst);

		net_csum_pseudo6(&c, &s, &d, (uint32_t)len, VRRP_PROTO);
	} else if (version == 3) {
		struct net_ip4 s = net_addr_ip4(src), d = net_addr_ip4(dst);

		net_csum_pseudo4(&c, &s, &d, VRRP_PROTO, (uint16_t)len);
	}
	net_csum_add(&c, msg, len);
	return net_csum_final(&c);
}

/*
 * The family the message arrived over: that of src and dst, which must
 * agree for v3, whose checksum covers them (NET_AF_NONE otherwise). v2 needs
 * neither: IPv4 unless one of them says IPv6.
 */
static enum net_af vrrp_rx_af(uint8_t version, const struct net_addr *src,
			      const struct net_addr *dst)
{
	if (version == 2)
		return (src && src->af == NET_AF_IP6) ||
				       (dst && dst->af == NET_AF_IP6)
			       ? NET_AF_IP6
			       : NET_AF_IP4;
	if (src && dst && src->af == dst->af &&
	    (src->af == NET_AF_IP4 || src->af == NET_AF_IP6))
		return (enum net_af)src->af;
	return NET_AF_NONE;
}

/* Version-specific fields 5-6 (v2: Auth Type, Adver Int; v3: Rsvd, Max
 * Adver Int) from the 16-bit word at offset 4. */
static void vrrp_decode_int(struct vrrp_adv *out, uint16_t w)
{
	if (out->version == 2) {
		out->auth_type = (uint8_t)(w >> 8);
		out->adver_int = SIM_S(w & 0xff);
	} else {
		out->adver_int = SIM_CS(w & VRRP_V3_INT_MASK);
	}
}

/*
 * Guarantee on a checksum error: when the result is VRRP_PKT_E_CHECKSUM
 * and the family is known (out->af is NET_AF_IP4 or NET_AF_IP6), *out is
 * fully decoded, addresses and v2 Authentication Data included, exactly
 * as it would be had the checksum been right: the length has been checked
 * and everything read before the checksum is tested. The conformance
 * checker relies on it to report what a refused message said (and to tell
 * a VRRPv3 checksum computed without the IPv4 pseudo-header). With no
 * family (src and dst missing or disagreeing for v3) no address is read.
 * On every other error only the fields before the failed check are set.
 */
enum vrrp_pkt_err vrrp_pkt_decode(const uint8_t *buf, size_t len,
				  const struct net_addr *src,
				  const struct net_addr *dst,
				  struct vrrp_adv *out)
{
	struct net_rd r;
	uint8_t vt;
	enum net_af af;

	memset(out, 0, sizeof(*out));
	net_rd_init(&r, buf, len);
	vt = net_rd_u8(&r);
	out->version = vt >> 4;
	out->type = vt & 0x0f;
	out->vrid = net_rd_u8(&r);
	out->priority = net_rd_u8(&r);
	out->naddrs = net_rd_u8(&r);
	vrrp_decode_int(out, net_rd_be16(&r));
	out->checksum = net_rd_be16(&r);
	if (r.err)
		return VRRP_PKT_E_SHORT;
	if (out->version != 2 && out->version != 3)
		return VRRP_PKT_E_VERSION;
	af = vrrp_rx_af(out->version, src, dst);
	if (out->version == 2 && af == NET_AF_IP6)
		return VRRP_PKT_E_VERSION; /* RFC 3768 is IPv4 only */
	out->af = af;
	if (out->type != VRRP_TYPE_ADVERT)
		return VRRP_PKT_E_TYPE;
	if (out->naddrs == 0 || out->naddrs > VRRP_MAX_ADDRS)
		return VRRP_PKT_E_NADDRS;
	if (af == NET_AF_NONE)
		return VRRP_PKT_E_CHECKSUM; /* no pseudo-header to check with */
	if (net_rd_left(&r) != vrrp_body_len(out->version, af, out->naddrs) &&
	    !vrrp_v2_no_auth_data(out, net_rd_left(&r)))
		return VRRP_PKT_E_LENGTH;
	for (unsigned i = 0; i < out->naddrs; i++) {
		out->addrs[i].af = (uint8_t)af;
		net_rd_bytes(&r, out->addrs[i].b, vrrp_addr_len(af));
	}
	if (out->version == 2 && net_rd_left(&r) > 0)
		net_rd_bytes(&r, out->auth_data, VRRP_V2_AUTH_LEN);
	if (r.err)
		return VRRP_PKT_E_LENGTH;
	/* Everything is read: see the guarantee above. */
	if (vrrp_csum(out->version, src, dst, buf, len) != 0)
		return VRRP_PKT_E_CHECKSUM;
	if (out->version == 2 && out->auth_type > VRRP_V2_AUTH_LAST)
		return VRRP_PKT_E_AUTH_TYPE;
	return VRRP_PKT_OK;
}

/* The interval field in its wire unit, or -1 when it does not fit. */
static int vrrp_encode_int(const struct vrrp_adv *a)
{
	sim_time_t unit = a->version == 2 ? SIM_S(1) : SIM_CS(1);
	sim_time_t max = a->version == 2 ? VRRP_V2_MAX_INT : VRRP_V3_MAX_INT;
	sim_time_t n;

	if (a->adver_int < 0)
		return -1;
	n = a->adver_int / unit;
	if (n < 1)
		n = 1;
	return n > max ? -1 : (int)n;
}

/* Whether a can be encoded from src to dst. */
static bool vrrp_encode_ok(const struct vrrp_adv *a, const struct net_addr *src,
			   const struct net_addr *dst)
{
	if (a->version != 2 && a->version != 3)
		return false;
	if (a->af != NET_AF_IP4 && !(a->af == NET_AF_IP6 && a->version == 3))
		return false;
	if (a->naddrs == 0 || a->naddrs > VRRP_MAX_ADDRS || a->type > 0x0f)
		return false;
	if (a->version == 2 && a->auth_type > VRRP_V2_AUTH_LAST)
		return false;
	for (unsigned i = 0; i < a->naddrs; i++)
		if (a->addrs[i].af != a->af)
			return false;
	if (a->version == 2)
		return true;
	return src && dst && src->af == a->af && dst->af == a->af;
}

int vrrp_pkt_encode(const struct vrrp_adv *a, const struct net_addr *src,
		    const struct net_addr *dst, uint8_t *buf, size_t cap)
{
	int ival = vrrp_encode_int(a);
	uint8_t type = a->type ? a->type : VRRP_TYPE_ADVERT;
	struct net_wr w;
	uint8_t *msg;

	if (ival < 0 || !vrrp_encode_ok(a, src, dst))
		return -1;
	net_wr_init(&w, buf, cap);
	net_wr_u8(&w, (uint8_t)(a->version << 4 | type));
	net_wr_u8(&w, a->vrid);
	net_wr_u8(&w, a->priority);
	net_wr_u8(&w, a->naddrs);
	if (a->version == 2) {
		net_wr_u8(&w, a->auth_type);
		net_wr_u8(&w, (uint8_t)ival);
	} else {
		net_wr_be16(&w, (uint16_t)ival); /* Rsvd 0 */
	}
	net_wr_be16(&w, 0); /* checksum, patched below */
	for (unsigned i = 0; i < a->naddrs; i++)
		net_wr_bytes(&w, a->addrs[i].b, vrrp_addr_len(a->af));
	if (a->version == 2)
		net_wr_bytes(&w, a->auth_data, VRRP_V2_AUTH_LEN);
	if (w.err)
		return -1;
	msg = w.p;
	net_put_be16(msg + VRRP_OFF_CSUM,
		     vrrp_csum(a->version, src, dst, msg, w.off));
	return (int)w.off;
}
