/*
 * ICMP for IPv4 (RFC 792). Every message starts with Type, Code, Checksum
 * and four type-specific octets, 8 bytes in all; the checksum covers the
 * whole ICMP message. Decoded: echo and echo reply (Identifier, Sequence
 * Number, data), and the error messages destination unreachable and time
 * exceeded (unused/next-hop-MTU word and the quoted original datagram).
 * Error messages quote the original IP header plus its first 64 bits of data
 * (RFC 792 "Internet Header + 64 bits of Data Datagram").
 */
#ifndef NET_ICMP_H
#define NET_ICMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_buf.h"
#include "sim/net/net_err.h"

#define NET_ICMP_HLEN 8

#define NET_ICMP_ECHO_REPLY    0
#define NET_ICMP_UNREACH       3
#define NET_ICMP_ECHO	       8
#define NET_ICMP_TIME_EXCEEDED 11

/* Destination Unreachable codes (RFC 792, RFC 1191) */
#define NET_ICMP_UNREACH_NET	  0
#define NET_ICMP_UNREACH_HOST	  1
#define NET_ICMP_UNREACH_PROTO	  2
#define NET_ICMP_UNREACH_PORT	  3
#define NET_ICMP_UNREACH_NEEDFRAG 4
/* Time Exceeded codes */
#define NET_ICMP_TIMXCEED_INTRANS 0 /* time to live exceeded in transit */
#define NET_ICMP_TIMXCEED_REASS	  1 /* fragment reassembly time exceeded */

struct net_icmp {
	uint8_t type;
	uint8_t code;
	uint16_t csum; /* Checksum as received */
	uint32_t rest; /* the 4 type-specific octets after the checksum */
	uint16_t id;   /* echo: Identifier (high half of rest) */
	uint16_t seq;  /* echo: Sequence Number (low half of rest) */
	/* echo: the data; errors: the quoted original datagram */
	const uint8_t *data;
	size_t data_len;
};

static inline bool net_icmp_is_echo(const struct net_icmp *m)
{
	return m->type == NET_ICMP_ECHO || m->type == NET_ICMP_ECHO_REPLY;
}

static inline bool net_icmp_is_error(const struct net_icmp *m)
{
	return m->type == NET_ICMP_UNREACH || m->type == NET_ICMP_TIME_EXCEEDED;
}

/* Decode the message in buf (the IPv4 payload): length >= 8, checksum. */
enum net_err net_icmp_decode(const uint8_t *buf, size_t len,
			     struct net_icmp *out);

/* Write Type, Code, a zero checksum and the 4-octet word rest; return the
 * offset for net_icmp_end. */
size_t net_icmp_begin(struct net_wr *w, uint8_t type, uint8_t code,
		      uint32_t rest);
/* Patch the checksum over everything written since off. 0 or -1. */
int net_icmp_end(struct net_wr *w, size_t off);

/* A whole echo (type NET_ICMP_ECHO or NET_ICMP_ECHO_REPLY). 0 or -1. */
int net_icmp_echo_encode(struct net_wr *w, uint8_t type, uint16_t id,
			 uint16_t seq, const void *data, size_t len);
/*
 * A whole error message quoting orig (an IPv4 datagram): its header
 * (IHL * 4 bytes) and 8 bytes of data, or less if orig is shorter. rest is
 * the unused word (or, for "fragmentation needed", the next-hop MTU).
 */
int net_icmp_error_encode(struct net_wr *w, uint8_t type, uint8_t code,
			  uint32_t rest, const uint8_t *orig, size_t orig_len);

#endif
