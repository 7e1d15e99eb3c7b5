/*
 * Helpers for the tests of the capture reader and driver: write a pcap
 * (any link type, nanosecond or microsecond timestamps, through libpcap)
 * or a pcapng file (written here, since libpcap writes only pcap), build
 * IPv4/IPv6 UDP frames and ARP with sim/net's builders, re-frame them for
 * other link types, and make temporary file names.
 */
#ifndef CK_CAP_TESTUTIL_H
#define CK_CAP_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

#define CKT_FRAME_MAX 256

struct ckt_frame {
	uint8_t b[CKT_FRAME_MAX];
	size_t len;
	sim_time_t t; /* ns since the epoch */
};

extern const struct net_mac ckt_mac_a, ckt_mac_b;
extern const struct net_ip4 ckt_v4_a, ckt_v4_b;
extern const struct net_ip6 ckt_v6_a, ckt_v6_b;

/* A temporary path "/tmp/ck_<tag>_<pid><ext>" (not created): one per tag. */
void ckt_tmp_path(char *buf, size_t len, const char *tag, const char *ext);

/*
 * Write frames fr[0..n) as a pcap of link type dlt (nano: nanosecond
 * timestamps, else microseconds, truncating). Asserts on failure.
 */
void ckt_write_pcap(const char *path, int dlt, bool nano,
		    const struct ckt_frame *fr, size_t n);
/*
 * Write a pcapng file: one section, one interface of link type linktype
 * with if_tsresol 10^-tsresol (tsresol 6 writes no option: the default),
 * every frame an Enhanced Packet Block with raw timestamp ts[i] in those
 * units (ts NULL: the frames' t converted).
 */
void ckt_write_pcapng(const char *path, int linktype, int tsresol,
		      const struct ckt_frame *fr, size_t n, const uint64_t *ts);
/* Write len bytes to path. */
void ckt_write_bytes(const char *path, const void *p, size_t len);
/* Cut the last n bytes off path. */
void ckt_cut(const char *path, size_t n);

/*
 * Ethernet frames: IPv4 UDP from a to b (TTL ttl, 802.1Q tag vid when
 * vid != 0, UDP checksum corrupted when bad_csum), IPv6 UDP (hop limit),
 * and a gratuitous ARP from a.
 */
void ckt_udp4(struct ckt_frame *f, sim_time_t t, uint16_t vid, uint8_t ttl,
	      bool bad_csum);
void ckt_udp6(struct ckt_frame *f, sim_time_t t, uint8_t hop_limit);
void ckt_arp(struct ckt_frame *f, sim_time_t t);

/*
 * Re-frame an Ethernet frame (untagged) for another link type: drop the
 * 14-byte header and put hdr (hlen bytes) in front.
 */
void ckt_reframe(struct ckt_frame *f, const uint8_t *hdr, size_t hlen);

#endif
