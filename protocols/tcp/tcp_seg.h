/*
 * TCP segment codec (RFC 9293 section 3.1): the fixed header, the options
 * failsim understands (End of Option List, No-Operation, Maximum Segment
 * Size; others are skipped by their length, RFC 9293 3.2) and the checksum
 * over the IPv4 (RFC 9293 3.1) or IPv6 (RFC 8200 section 8.1)
 * pseudo-header. The codec holds no state and checks well-formedness only:
 * length, data offset, option lengths and the checksum. Whether a segment
 * is acceptable is the connection's business (tcp_in.c). The conformance
 * checker can call the same decoder.
 */
#ifndef TCP_SEG_H
#define TCP_SEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_addr.h"

#define TCP_HDR_MIN 20 /* header without options, bytes */
#define TCP_HDR_MAX 60 /* Data Offset 15 */

/* Control bits (RFC 9293 3.1, RFC 3168 for ECE/CWR). */
#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define TCP_URG 0x20
#define TCP_ECE 0x40
#define TCP_CWR 0x80

/* Option kinds (RFC 9293 3.2). */
#define TCP_OPT_EOL	0
#define TCP_OPT_NOP	1
#define TCP_OPT_MSS	2
#define TCP_OPT_MSS_LEN 4

struct tcp_seg {
	uint16_t sport, dport;
	uint32_t seq; /* Sequence Number */
	uint32_t ack; /* Acknowledgment Number */
	uint8_t hlen; /* header length in bytes (Data Offset x 4) */
	uint8_t flags;
	uint16_t wnd;  /* Window */
	uint16_t csum; /* Checksum, as received (decode) */
	uint16_t urp;  /* Urgent Pointer */
	bool has_mss;  /* MSS option present */
	uint16_t mss;
	const uint8_t *data; /* segment text (within the decoded buffer) */
	size_t len;	     /* SEG.LEN without SYN and FIN */
};

enum tcp_seg_err {
	TCP_SEG_OK = 0,
	TCP_SEG_E_SHORT,    /* shorter than 20 bytes or than Data Offset */
	TCP_SEG_E_OFFSET,   /* Data Offset below 5 */
	TCP_SEG_E_OPTION,   /* an option length runs past the header or is
			       below 2; an MSS option not 4 bytes long */
	TCP_SEG_E_CHECKSUM, /* bad checksum */
	TCP_SEG_E_AF,	    /* addresses of no or of mixed families */
	TCP_SEG_E__COUNT
};

const char *tcp_seg_err_name(enum tcp_seg_err e);

/*
 * Decode the TCP segment (the IP payload) received from src to dst. With
 * src and dst given the checksum is verified over the pseudo-header; with
 * either NULL it is not (for captures without the IP layer). out->data
 * points into buf.
 */
enum tcp_seg_err tcp_seg_decode(const uint8_t *buf, size_t len,
				const struct net_addr *src,
				const struct net_addr *dst,
				struct tcp_seg *out);

/*
 * Encode s (s->hlen, s->csum and s->data/len are taken from s except that
 * hlen is computed from the options: 20, or 24 with the MSS option) and
 * fill in the checksum for src -> dst. Returns the length, or -1 when it
 * does not fit in cap, the families differ or the segment would exceed
 * 65535 bytes.
 */
int tcp_seg_encode(const struct tcp_seg *s, const struct net_addr *src,
		   const struct net_addr *dst, uint8_t *buf, size_t cap);

/* The checksum field value for a segment already in buf (its checksum
 * field is treated as zero). 0 with no or mixed families. */
uint16_t tcp_seg_csum(const uint8_t *buf, size_t len,
		      const struct net_addr *src, const struct net_addr *dst);

/* Sequence space a segment occupies: its text plus one each for SYN, FIN. */
static inline uint32_t tcp_seg_seqlen(const struct tcp_seg *s)
{
	return (uint32_t)s->len + !!(s->flags & TCP_SYN) +
	       !!(s->flags & TCP_FIN);
}

/* "SYN,ACK" style flag names ("none" for no flags), for logs and tests. */
void tcp_seg_flags_fmt(uint8_t flags, char *buf, size_t len);

#endif
