/*
 * ICMPv6 (RFC 4443) and the Neighbor Discovery messages of RFC 4861. The
 * generic decoder checks length and the checksum over the IPv6 pseudo-header
 * (RFC 8200 section 8.1) and hands back Type, Code and the message body
 * (everything after the 4-octet header), so MLD (types 130, 131, 132, 143)
 * and the rest decode on top of it. Typed decoders cover echo request/reply
 * (section 4), the error messages (section 3, quoted invoking packet), and
 * Neighbor Solicitation / Advertisement (RFC 4861 sections 4.3, 4.4): NA
 * flags R/S/O, target, options walked by length (a zero length is rejected,
 * section 4.6) with Source/Target Link-Layer Address options (section
 * 4.6.1) for Ethernet.
 */
#ifndef NET_ICMP6_H
#define NET_ICMP6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_err.h"

#define NET_ICMP6_HLEN 4 /* Type, Code, Checksum */

#define NET_ICMP6_UNREACH	 1
#define NET_ICMP6_PACKET_TOO_BIG 2
#define NET_ICMP6_TIME_EXCEEDED	 3
#define NET_ICMP6_PARAM_PROBLEM	 4
#define NET_ICMP6_ECHO		 128
#define NET_ICMP6_ECHO_REPLY	 129
#define NET_ICMP6_MLD_QUERY	 130
#define NET_ICMP6_MLD_REPORT	 131
#define NET_ICMP6_MLD_DONE	 132
#define NET_ICMP6_ND_RS		 133
#define NET_ICMP6_ND_RA		 134
#define NET_ICMP6_ND_NS		 135
#define NET_ICMP6_ND_NA		 136
#define NET_ICMP6_MLD2_REPORT	 143

/* Destination Unreachable codes (RFC 4443 section 3.1) */
#define NET_ICMP6_UNREACH_NOROUTE 0
#define NET_ICMP6_UNREACH_ADMIN	  1
#define NET_ICMP6_UNREACH_ADDR	  3
#define NET_ICMP6_UNREACH_PORT	  4
/* Time Exceeded codes (section 3.3) */
#define NET_ICMP6_TIMXCEED_HOPLIMIT 0

/* Quoted invoking packet: as much as fits in the minimum MTU (1280). */
#define NET_ICMP6_ERROR_QUOTE_MAX (1280 - 40 - 8)

/* ND options (RFC 4861 section 4.6) */
#define NET_ND_OPT_SLLA 1 /* Source Link-Layer Address */
#define NET_ND_OPT_TLLA 2 /* Target Link-Layer Address */

/* NA flags (RFC 4861 section 4.4), as in the first body word */
#define NET_ND_NA_ROUTER    0x80000000u
#define NET_ND_NA_SOLICITED 0x40000000u
#define NET_ND_NA_OVERRIDE  0x20000000u

struct net_icmp6 {
	uint8_t type;
	uint8_t code;
	uint16_t csum;	     /* Checksum as received */
	const uint8_t *body; /* message body after the 4-octet header */
	size_t body_len;
};

struct net_icmp6_echo {
	uint16_t id;  /* Identifier */
	uint16_t seq; /* Sequence Number */
	const uint8_t *data;
	size_t data_len;
};

struct net_icmp6_error {
	uint32_t rest;	       /* unused, MTU (type 2) or Pointer (type 4) */
	const uint8_t *quoted; /* the invoking packet, as much as was sent */
	size_t quoted_len;
};

struct net_nd {
	uint8_t type;	       /* NET_ICMP6_ND_NS or NET_ICMP6_ND_NA */
	bool router;	       /* NA: R flag */
	bool solicited;	       /* NA: S flag */
	bool override;	       /* NA: O flag */
	struct net_ip6 target; /* Target Address */
	bool has_sll;	       /* Source Link-Layer Address option present */
	struct net_mac sll;
	bool has_tll; /* Target Link-Layer Address option present */
	struct net_mac tll;
	uint8_t nopts; /* options walked */
};

/* Decode an ICMPv6 message (the upper-layer bytes) sent from src to dst:
 * length >= 4 and the checksum with the pseudo-header. */
enum net_err net_icmp6_decode(const uint8_t *buf, size_t len,
			      const struct net_ip6 *src,
			      const struct net_ip6 *dst, struct net_icmp6 *out);

/* Types 128/129: body of at least 4 octets. */
enum net_err net_icmp6_echo_decode(const struct net_icmp6 *m,
				   struct net_icmp6_echo *out);
/* Types 1..4: body of at least 4 octets. */
enum net_err net_icmp6_error_decode(const struct net_icmp6 *m,
				    struct net_icmp6_error *out);
/* Types 135/136: body of at least 20 octets, options well formed. */
enum net_err net_nd_decode(const struct net_icmp6 *m, struct net_nd *out);

static inline bool net_icmp6_is_error(uint8_t type)
{
	return type < 128;
}

/* Write Type, Code and a zero checksum; return the offset for _end. */
size_t net_icmp6_begin(struct net_wr *w, uint8_t type, uint8_t code);
/* Patch the checksum (with the pseudo-header) over everything written
 * since off. 0 or -1. */
int net_icmp6_end(struct net_wr *w, size_t off, const struct net_ip6 *src,
		  const struct net_ip6 *dst);

int net_icmp6_echo_encode(struct net_wr *w, const struct net_ip6 *src,
			  const struct net_ip6 *dst, uint8_t type, uint16_t id,
			  uint16_t seq, const void *data, size_t len);
/* An error message quoting up to NET_ICMP6_ERROR_QUOTE_MAX bytes of orig. */
int net_icmp6_error_encode(struct net_wr *w, const struct net_ip6 *src,
			   const struct net_ip6 *dst, uint8_t type,
			   uint8_t code, uint32_t rest, const uint8_t *orig,
			   size_t orig_len);
/* NS or NA from nd (flags, target, has_sll/has_tll options). */
int net_nd_encode(struct net_wr *w, const struct net_ip6 *src,
		  const struct net_ip6 *dst, const struct net_nd *nd);

#endif
