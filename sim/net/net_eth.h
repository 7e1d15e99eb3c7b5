/*
 * Ethernet II framing (IEEE 802.3 clause 3.2.6 type interpretation) with an
 * optional IEEE 802.1Q tag (TPID 0x8100; TCI = PCP:3, DEI:1, VID:12). The
 * decoder also walks stacked tags (802.1ad S-tag 0x88a8, or repeated 0x8100,
 * as captures from provider networks hold), reporting the outer tag and the
 * innermost VID; the encoder writes at most one tag. Frames are handled
 * without preamble and FCS, as pcap holds them; the encoder pads frames
 * shorter than 60 bytes with zeros when the frame is finished.
 */
#ifndef NET_ETH_H
#define NET_ETH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_err.h"

#define NET_ETH_HLEN	  14 /* dst, src, type */
#define NET_ETH_VLAN_HLEN 18 /* with one 802.1Q tag */

#define NET_ETHERTYPE_IPV4 0x0800
#define NET_ETHERTYPE_ARP  0x0806
#define NET_ETHERTYPE_VLAN 0x8100
#define NET_ETHERTYPE_IPV6 0x86dd
#define NET_ETHERTYPE_QINQ 0x88a8 /* IEEE 802.1ad service tag */
/* Stacked tags walked by the decoder; a deeper TPID is left as the type. */
#define NET_ETH_MAX_TAGS 4
/* Values below this are an IEEE 802.3 length, not an EtherType. */
#define NET_ETHERTYPE_MIN 0x0600

struct net_eth {
	struct net_mac dst, src;
	bool vlan;     /* an 802.1Q tag is present */
	uint8_t pcp;   /* Priority Code Point, 0..7 */
	bool dei;      /* Drop Eligible Indicator */
	uint16_t vid;  /* VLAN Identifier, 0..4095 */
	uint16_t type; /* EtherType after the tag (or 802.3 length) */
	/* Decode only: */
	uint8_t ntags;		/* tags walked (0 .. NET_ETH_MAX_TAGS) */
	uint16_t inner_vid;	/* VID of the innermost tag */
	size_t hdr_len;		/* 14 + 4 * ntags */
	const uint8_t *payload; /* bytes after the header, padding included */
	size_t payload_len;
};

/* Decode a frame: rejects only a frame too short for its header. */
enum net_err net_eth_decode(const uint8_t *buf, size_t len,
			    struct net_eth *out);

/*
 * Write the header (dst, src, tag when h->vlan, type) and return the offset
 * of the frame start, for net_eth_end. Errors are left in w->err.
 */
size_t net_eth_begin(struct net_wr *w, const struct net_eth *h);
/* Finish the frame begun at off: pad to NET_FRAME_MIN (60) bytes with zeros.
 * Returns the frame length, or -1 if anything did not fit. */
int net_eth_end(struct net_wr *w, size_t off);

#endif
