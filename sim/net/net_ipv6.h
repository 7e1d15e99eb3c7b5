/*
 * IPv6 header decode and encode (RFC 8200). The decoder reads the fixed
 * header (section 3), checks Payload Length against the buffer (trailing
 * Ethernet padding is allowed), and walks the extension headers (section
 * 4) to the upper-layer protocol: Hop-by-Hop Options only directly after the
 * fixed header (section 4.1), its options parsed (Pad1, PadN, Router Alert
 * of RFC 2711 with its value, others skipped by length); Routing,
 * Destination Options and the other (Hdr Ext Len + 1) * 8 headers skipped;
 * Fragment (section 4.5) recorded, and the walk stops after a non-first
 * fragment because what follows is not a header. Authentication Header
 * (RFC 4302) is skipped by its 4-octet length. The encoder writes the fixed
 * header and, on request, a Hop-by-Hop header holding Router Alert (value 0
 * = MLD, RFC 2710 section 3) padded to 8 bytes with PadN, and patches
 * Payload Length in net_ipv6_end.
 */
#ifndef NET_IPV6_H
#define NET_IPV6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_err.h"

#define NET_IPV6_HLEN 40

#define NET_IPV6_NH_HOPOPTS  0
#define NET_IPV6_NH_ROUTING  43
#define NET_IPV6_NH_FRAGMENT 44
#define NET_IPV6_NH_ESP	     50
#define NET_IPV6_NH_AH	     51
#define NET_IPV6_NH_ICMPV6   58
#define NET_IPV6_NH_NONE     59
#define NET_IPV6_NH_DSTOPTS  60
#define NET_IPV6_NH_MOBILITY 135
#define NET_IPV6_NH_HIP	     139
#define NET_IPV6_NH_SHIM6    140
#define NET_IPV6_NH_EXP1     253
#define NET_IPV6_NH_EXP2     254

#define NET_IPV6_OPT_PAD1	  0
#define NET_IPV6_OPT_PADN	  1
#define NET_IPV6_OPT_ROUTER_ALERT 5
#define NET_IPV6_OPT_HOME_ADDRESS 201 /* RFC 6275 6.3 */

#define NET_IPV6_RA_MLD 0 /* RFC 2711: datagram contains an MLD message */

/* More extension headers than this are rejected (a loop guard). */
#define NET_IPV6_MAX_EXT 16

struct net_ipv6 {
	uint8_t tclass;	     /* Traffic Class */
	uint32_t flow;	     /* Flow Label, 20 bits */
	uint16_t plen;	     /* Payload Length, octets after the fixed header */
	uint8_t next_header; /* Next Header of the fixed header */
	uint8_t hop_limit;   /* Hop Limit */
	struct net_ip6 src, dst;
	bool router_alert; /* Hop-by-Hop Router Alert present (RFC 2711) */
	uint16_t ra_value; /* its value; 0 = MLD */
	/* Decode only: */
	uint8_t proto;	   /* upper-layer protocol (or 59, or 50 ESP) */
	bool fragment;	   /* a Fragment header was seen */
	uint16_t frag_off; /* its Fragment Offset, 8-octet units */
	bool mf;	   /* its M flag */
	uint32_t frag_id;  /* its Identification */
	uint8_t ext_count; /* extension headers walked */
	size_t ext_len;	   /* their total length in octets */
	/*
	 * The addresses of the upper-layer checksum's pseudo-header (RFC
	 * 8200 8.1): the final destination of a Routing header still to be
	 * walked (type 0: its last address, type 2: the home address, RFC
	 * 6275 6.4; type 4: Segment List[0], RFC 8754), and the home
	 * address of a Home Address option as source (RFC 6275 6.3).
	 * Otherwise src and dst.
	 */
	struct net_ip6 pseudo_src, pseudo_dst;
	bool pseudo_unknown; /* a Routing header of another type is pending */
	const uint8_t *payload; /* upper-layer bytes */
	size_t payload_len;
};

static inline bool net_ipv6_is_fragment(const struct net_ipv6 *h)
{
	return h->fragment && (h->mf || h->frag_off != 0);
}

enum net_err net_ipv6_decode(const uint8_t *buf, size_t len,
			     struct net_ipv6 *out);

/*
 * Write the fixed header from h (tclass, flow, hop_limit, src, dst,
 * next_header = upper-layer protocol) and, when h->router_alert, a
 * Hop-by-Hop header with Router Alert h->ra_value. Returns the offset for
 * net_ipv6_end.
 */
size_t net_ipv6_begin(struct net_wr *w, const struct net_ipv6 *h);
/* Patch Payload Length. 0, or -1 on a writer error or > 65535 bytes. */
int net_ipv6_end(struct net_wr *w, size_t off);

#endif
