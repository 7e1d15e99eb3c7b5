/*
 * ARP for Ethernet and IPv4 (RFC 826): request and reply, and the
 * gratuitous form of RFC 5227 section 3 (an ARP announcement, sender
 * protocol address equal to target protocol address). The decoder accepts
 * only hardware type 1 (Ethernet), protocol type 0x0800, address lengths 6
 * and 4, and opcodes 1 and 2; trailing bytes (Ethernet padding) are ignored.
 */
#ifndef NET_ARP_H
#define NET_ARP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_err.h"

#define NET_ARP_LEN	    28 /* Ethernet/IPv4 ARP packet */
#define NET_ARP_HTYPE_ETHER 1
#define NET_ARP_REQUEST	    1
#define NET_ARP_REPLY	    2

struct net_arp {
	uint16_t op;	    /* ar$op: NET_ARP_REQUEST or NET_ARP_REPLY */
	struct net_mac sha; /* ar$sha: sender hardware address */
	struct net_ip4 spa; /* ar$spa: sender protocol address */
	struct net_mac tha; /* ar$tha: target hardware address */
	struct net_ip4 tpa; /* ar$tpa: target protocol address */
};

enum net_err net_arp_decode(const uint8_t *buf, size_t len,
			    struct net_arp *out);
/* Write the 28-byte ARP packet; false if it did not fit. */
bool net_arp_encode(struct net_wr *w, const struct net_arp *a);

/* RFC 5227 section 3: sender IP equals target IP (request or reply). */
bool net_arp_is_gratuitous(const struct net_arp *a);

/* Fill a request asking who has tpa (tha zero). */
void net_arp_make_request(struct net_arp *a, const struct net_mac *sha,
			  const struct net_ip4 *spa, const struct net_ip4 *tpa);
/* Fill a reply from sha/spa to tha/tpa. */
void net_arp_make_reply(struct net_arp *a, const struct net_mac *sha,
			const struct net_ip4 *spa, const struct net_mac *tha,
			const struct net_ip4 *tpa);
/* Fill an ARP announcement (RFC 5227 section 2.3): a request with
 * spa == tpa == ip and tha zero. */
void net_arp_make_gratuitous(struct net_arp *a, const struct net_mac *sha,
			     const struct net_ip4 *ip);

#endif
