/*
 * One captured frame as the checker's rule modules see it: its number and
 * time in the capture, the bytes, and the common lower-layer dissection
 * (sim/net/net_dissect.h) of Ethernet (802.1Q), Linux cooked (SLL, SLL2)
 * and raw IP link types. Rule modules decode their own protocol from
 * pi.l4 / pi.payload with the simulator's codec for it.
 */
#ifndef CK_FRAME_H
#define CK_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"
#include "sim/net/net_dissect.h"

struct ck_frame {
	uint64_t no;	     /* 1-based frame number */
	sim_time_t t;	     /* capture timestamp, ns since the epoch */
	const uint8_t *data; /* the captured bytes */
	size_t caplen;	     /* bytes captured */
	size_t wirelen;	     /* bytes on the wire (> caplen: truncated) */
	int dlt;	     /* the capture's DLT_ link type */
	/*
	 * Link layer. has_eth: pi.eth is valid (Ethernet, with its VLAN
	 * tags). has_l2src: l2src is the sender's MAC (Ethernet, or a
	 * cooked capture that recorded a 6-byte address).
	 */
	bool has_eth;
	bool has_l2src;
	struct net_mac l2src;
	/*
	 * The "link" a frame was seen on, for per-flow keys: the pcapng
	 * interface index and the innermost VLAN ID combined. Frames of one
	 * VRRP router or BFD session on one LAN share it.
	 */
	uint32_t link;
	/* Dissection of the whole frame (net_dissect or net_dissect_l3). */
	struct net_pkt_info pi;
};

#endif
