/*
 * Test support of the "vrrp" rule module (ck_r_vrrp*_test.c): a run
 * harness that feeds frames to the module alone (open, frame, close) into
 * a ck_ctx, frame builders for VRRPv2/v3 advertisements over IPv4/IPv6
 * (with the codec's encoder, then damaged on request), gratuitous ARP and
 * unsolicited NA, and a pcap reader (libpcap, nanosecond times, Ethernet)
 * for captures on disk.
 */
#ifndef CK_R_VRRP_TESTUTIL_H
#define CK_R_VRRP_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_r_vrrp_int.h"

struct cvt {
	struct ck_ctx *c;
	void *st;
	uint64_t no;   /* frames fed */
	uint32_t link; /* link of the next frames */
	bool no_l2src; /* pretend the link layer gave no source MAC */
};

/* A run with the vrrp rules and, when quirks is not NULL, those quirks
 * (the test's own table: vrrp3-csum-no-pseudo). */
void cvt_open(struct cvt *t, const char *quirks);
/* Dissect and feed one Ethernet frame seen at time at. */
void cvt_feed(struct cvt *t, sim_time_t at, const uint8_t *buf, size_t len);
/* Close the module (flow rules report what remains) and free the run. */
void cvt_close_module(struct cvt *t);
void cvt_free(struct cvt *t);

uint64_t cvt_checked(const struct cvt *t, const char *id);
uint64_t cvt_failed(const struct cvt *t, const char *id);
uint64_t cvt_noted(const struct cvt *t, const char *id);
/* The detail of the first kept finding of id, or "". */
const char *cvt_detail(const struct cvt *t, const char *id);
/* Failing rule ids with counts, space-separated, into buf. */
const char *cvt_failing(const struct cvt *t, char *buf, size_t len);
/* A counter's value (0 when absent). */
uint64_t cvt_count(const struct cvt *t, const char *what);

/* What an advertisement frame carries, and how to damage it. */
enum cvt_csum {
	CVT_CSUM_GOOD = 0,
	CVT_CSUM_BAD,	    /* off by one */
	CVT_CSUM_NO_PSEUDO, /* v3: over the message alone */
};

struct cvt_adv {
	uint8_t version; /* 2 or 3 */
	bool six;	 /* IPv6 (v3 only) */
	uint8_t vrid;
	uint8_t prio;
	sim_time_t ivl;
	uint8_t naddrs;
	struct net_addr addrs[VRRP_MAX_ADDRS];
	struct net_addr src;
	bool dst_set; /* dst given (else the VRRP group) */
	struct net_addr dst;
	bool mac_set; /* Ethernet source given (else the virtual MAC) */
	struct net_mac mac;
	uint8_t ttl; /* 0: 255 */
	uint8_t auth_type;
	enum cvt_csum csum;
	/* Raw damage after encoding (the checksum is fixed afterwards
	 * unless csum says otherwise): */
	int version_raw;   /* >= 0: write this version nibble */
	int type_raw;	   /* >= 0: write this type nibble */
	int naddrs_raw;	   /* >= 0: write this count (message unchanged) */
	uint8_t rsvd;	   /* v3 reserved nibble */
	int trunc;	   /* > 0: drop this many bytes from the end */
	bool no_auth_data; /* v2: leave the Authentication Data out */
};

/* Defaults: v3 IPv4 VRID 1 prio 100 1 s, address 10.0.0.254 from
 * 10.0.0.1; or v3 IPv6 fe80::254 + 2001:db8::254 from fe80::1. */
void cvt_adv_init(struct cvt_adv *a, uint8_t version, bool six);
/* Build the whole Ethernet frame; returns its length. */
size_t cvt_adv_frame(const struct cvt_adv *a, uint8_t *buf, size_t cap);

/* A gratuitous ARP for addr from sha (op request or reply), to dst. */
size_t cvt_garp(uint8_t *buf, size_t cap, const struct net_addr *addr,
		const struct net_mac *sha, uint16_t op,
		const struct net_mac *dst);
/* An NA for target from the MAC tll (NULL: no TLLA option), flags
 * NET_ND_NA_*. */
size_t cvt_na(uint8_t *buf, size_t cap, const struct net_addr *target,
	      const struct net_mac *tll, uint32_t flags);

/* Feed helpers: an advertisement / announcement at time at. */
void cvt_send(struct cvt *t, sim_time_t at, const struct cvt_adv *a);
void cvt_send_garp(struct cvt *t, sim_time_t at, const struct net_addr *addr,
		   uint8_t vrid);
void cvt_send_una(struct cvt *t, sim_time_t at, const struct net_addr *addr,
		  uint8_t vrid);

/*
 * Feed every Ethernet frame of a pcap/pcapng file with its time. Returns
 * the frames fed, or -1 when the file cannot be read; frames of other
 * link types are skipped (*skipped_dlt set to the type).
 */
long cvt_feed_pcap(struct cvt *t, const char *path, int *skipped_dlt);

/* net_addr from text (fails the test when it does not parse). */
struct net_addr cvt_addr(const char *s);

#endif
