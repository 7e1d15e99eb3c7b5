/*
 * Helpers shared by the tests of the "net" rule module: a run with the
 * module's rules registered and its state open, frames fed as a capture
 * would (number, time, wire length), rule counters, and builders of
 * Ethernet frames with the simulator's encoders (sim/net/net_build.h,
 * protocols/tcp/tcp_seg.h). No RFC is implemented here.
 */
#ifndef CK_R_NET_TESTUTIL_H
#define CK_R_NET_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_r_net_int.h"
#include "sim/net/net_build.h"

#define CKT_FRAME_MAX 2048

struct ckt_run {
	struct ck_ctx *c;
	void *st;    /* the module's state; NULL once closed */
	uint64_t no; /* frames fed */
};

/* New run ("net test") with the module open; fails the test on error. */
void ckt_open(struct ckt_run *r);
/* Close the module (flow rules report), keeping the results. */
void ckt_close(struct ckt_run *r);
/* Close if still open and free everything. */
void ckt_free(struct ckt_run *r);

/*
 * Dissect an Ethernet frame into f as the capture reader does (has_eth,
 * l2src, link = VLAN ID). wirelen 0 means len.
 */
void ckt_frame(struct ck_frame *f, const uint8_t *buf, size_t len,
	       size_t wirelen, uint64_t no, sim_time_t t);
/* Feed one Ethernet frame at t. */
void ckt_feed(struct ckt_run *r, const uint8_t *buf, size_t len, size_t wirelen,
	      sim_time_t t);

uint64_t ckt_checked(const struct ckt_run *r, const char *id);
uint64_t ckt_failed(const struct ckt_run *r, const char *id);
/* Sum of failures over every rule. */
uint64_t ckt_failed_total(const struct ckt_run *r);
/* The detail of the first kept finding of id ("" when none). */
const char *ckt_detail(const struct ckt_run *r, const char *id);

/* Addresses used by the tests. */
struct net_ip4 ckt_ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
struct net_ip6 ckt_ip6(const char *text);
struct net_mac ckt_mac(uint8_t last);
struct net_l2 ckt_l2(void); /* 02:00:00:00:00:01 > 02:00:00:00:00:02 */

/* IPv4 parameters 10.0.0.1 > 10.0.0.2, TTL 64; IPv6 fe80::1 > fe80::2,
 * Hop Limit 64. */
struct net_ip4_params ckt_p4(void);
struct net_ip6_params ckt_p6(void);

/* Builders: the frame length (fails the test when it does not fit). */
size_t ckt_build_tcp(uint8_t *buf, size_t cap, bool v6,
		     const struct tcp_seg *s);
size_t ckt_build_udp(uint8_t *buf, size_t cap, bool v6, const void *data,
		     size_t len);

/* Recompute the IPv4 header checksum of an untagged frame. */
void ckt_ip4_fix(uint8_t *frame);
/* Recompute the checksum of the ICMPv6 message of an untagged IPv6 frame
 * without extension headers. */
void ckt_icmp6_fix(uint8_t *frame, size_t len);

#endif
