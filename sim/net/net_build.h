/*
 * Whole-frame builders used across the simulator: each writes one complete
 * Ethernet frame (optionally 802.1Q tagged, padded to 60 bytes) into a
 * writer and returns its length, or -1 when it does not fit. They are thin
 * compositions of the begin/end encoders: ARP (RFC 826, RFC 5227),
 * IPv4/IPv6 packets carrying any protocol, UDP (RFC 768), ICMP echo and
 * errors (RFC 792), ICMPv6 echo, errors and any other message (RFC 4443),
 * and Neighbor Solicitation/Advertisement (RFC 4861 sections 4.3, 4.4,
 * 7.2.6 for the unsolicited advertisement).
 */
#ifndef NET_BUILD_H
#define NET_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_arp.h"
#include "sim/net/net_buf.h"

/* Link layer of a frame. */
struct net_l2 {
	struct net_mac src, dst;
	bool vlan;    /* add an 802.1Q tag */
	uint8_t pcp;  /* its Priority Code Point */
	uint16_t vid; /* its VLAN Identifier */
};

struct net_ip4_params {
	struct net_l2 l2;
	struct net_ip4 src, dst;
	uint8_t ttl;
	uint8_t tos;	   /* DSCP << 2 | ECN */
	uint16_t id;	   /* Identification */
	bool df;	   /* Don't Fragment */
	bool router_alert; /* add the RFC 2113 option (value 0) */
};

struct net_ip6_params {
	struct net_l2 l2;
	struct net_ip6 src, dst;
	uint8_t hop_limit;
	uint8_t tclass;	   /* Traffic Class */
	uint32_t flow;	   /* Flow Label */
	bool router_alert; /* add a hop-by-hop Router Alert (RFC 2711) */
	uint16_t ra_value; /* its value (0 = MLD) */
};

struct net_udp4_params {
	struct net_ip4_params ip;
	uint16_t sport, dport;
};

struct net_udp6_params {
	struct net_ip6_params ip;
	uint16_t sport, dport;
};

/* ARP frame; EtherType 0x0806, l2->dst usually broadcast for requests. */
int net_build_arp(struct net_wr *w, const struct net_l2 *l2,
		  const struct net_arp *a);

/* IPv4/IPv6 packet carrying a ready-made upper-layer message. */
int net_build_ip4(struct net_wr *w, const struct net_ip4_params *p,
		  uint8_t proto, const void *payload, size_t len);
int net_build_ip6(struct net_wr *w, const struct net_ip6_params *p,
		  uint8_t next_header, const void *payload, size_t len);

int net_build_udp4(struct net_wr *w, const struct net_udp4_params *p,
		   const void *payload, size_t len);
int net_build_udp6(struct net_wr *w, const struct net_udp6_params *p,
		   const void *payload, size_t len);

/* Echo request (reply false) or reply (reply true). */
int net_build_icmp_echo4(struct net_wr *w, const struct net_ip4_params *p,
			 bool reply, uint16_t id, uint16_t seq,
			 const void *data, size_t len);
int net_build_icmp_echo6(struct net_wr *w, const struct net_ip6_params *p,
			 bool reply, uint16_t id, uint16_t seq,
			 const void *data, size_t len);
/* ICMP error quoting orig (its IP header + 8 bytes, RFC 792). */
int net_build_icmp_error4(struct net_wr *w, const struct net_ip4_params *p,
			  uint8_t type, uint8_t code, uint32_t rest,
			  const uint8_t *orig, size_t orig_len);
/* ICMPv6 error quoting as much of orig as fits in 1280 bytes. */
int net_build_icmp_error6(struct net_wr *w, const struct net_ip6_params *p,
			  uint8_t type, uint8_t code, uint32_t rest,
			  const uint8_t *orig, size_t orig_len);
/* Any ICMPv6 message: type, code and body (after the checksum); the
 * checksum is computed. MLD builds on this. */
int net_build_icmp6(struct net_wr *w, const struct net_ip6_params *p,
		    uint8_t type, uint8_t code, const void *body, size_t len);

/*
 * Neighbor Solicitation for target, Hop Limit 255 (RFC 4861 section 7.1.1).
 * sll: the Source Link-Layer Address option, or NULL to omit it (it must be
 * omitted when the source is unspecified, as in DAD).
 */
int net_build_ns(struct net_wr *w, const struct net_ip6_params *p,
		 const struct net_ip6 *target, const struct net_mac *sll);
/* Neighbor Advertisement with flags (NET_ND_NA_*), Hop Limit 255; tll: the
 * Target Link-Layer Address option, or NULL to omit it. */
int net_build_na(struct net_wr *w, const struct net_ip6_params *p,
		 const struct net_ip6 *target, uint32_t flags,
		 const struct net_mac *tll);
/*
 * Unsolicited NA (RFC 4861 section 7.2.6): from src (l2->src's owner) to
 * all-nodes ff02::1 (MAC 33:33:00:00:00:01), S=0, O=1, R=router, target =
 * target, TLLA = l2->src. l2->dst is ignored.
 */
int net_build_na_unsolicited(struct net_wr *w, const struct net_l2 *l2,
			     const struct net_ip6 *src,
			     const struct net_ip6 *target, bool router);

#endif
