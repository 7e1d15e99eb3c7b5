/*
 * Test harness of the BFD rule module (tests only): two systems A and B on
 * one link, frames built with the simulator's encoders (sim/net/net_build.h
 * and bfd_pkt_encode), dissected with net_dissect into a struct ck_frame
 * and handed to ck_proto_bfd with exact timestamps; pcap files read into
 * the module alone; then the results per rule id. No RFC is implemented
 * here.
 */
#ifndef CK_R_BFD_TESTUTIL_H
#define CK_R_BFD_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_frame.h"
#include "conformance/report/ck.h"
#include "protocols/bfd/bfd_pkt.h"
#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

#define CKBT_T0 SIM_S(1000) /* the first frame's time */

/* One system: its addresses and the source port of its Control packets. */
struct ckbt_end {
	struct net_addr ip;
	struct net_mac mac;
	uint16_t sport;
	uint8_t ttl;		   /* of its packets (255) */
	const struct bfd_key *key; /* authentication, NULL: none */
};

struct ckbt {
	struct ck_ctx *c;
	void *st;
	bool closed;
	uint64_t no;
	uint32_t link;
	uint16_t dport;		/* Control packets' port (3784) */
	struct ckbt_end end[2]; /* A = 0, B = 1 */
	uint8_t buf[512];
};

/* A and B over IPv4 (10.0.0.1, 10.0.0.2) or IPv6 (2001:db8::1, ::2). */
void ckbt_init(struct ckbt *t, bool v6);
/* Close the module (flow rules pending at the end) if not done, free. */
void ckbt_fini(struct ckbt *t);
void ckbt_close(struct ckbt *t);

/* A Control packet: state, discriminators, 10 ms intervals, Mult 3. */
struct bfd_ctrl ckbt_ctrl(uint8_t state, uint32_t my, uint32_t your);

/* Build a frame from end `from` to the other into buf: UDP ports, TTL and
 * payload as given. Returns its length (fails the test when too big). */
size_t ckbt_frame(struct ckbt *t, int from, uint16_t sport, uint16_t dport,
		  uint8_t ttl, const uint8_t *payload, size_t len);
/* Hand buf[0..len) to the module as the next frame, at time tm. */
void ckbt_feed(struct ckbt *t, size_t len, sim_time_t tm);
/* Encode c (with end[from].key) and send it from `from` at time tm. */
void ckbt_send(struct ckbt *t, int from, const struct bfd_ctrl *c,
	       sim_time_t tm);
/* A UDP payload from `from` to port dport at time tm (ports/TTL as end). */
void ckbt_raw(struct ckbt *t, int from, uint16_t dport, const uint8_t *p,
	      size_t len, sim_time_t tm);

/* Fill f from an Ethernet frame as the checker's reader does: dissected,
 * the link its VLAN (0 untagged). */
void ckbt_eth_frame(struct ck_frame *f, uint64_t no, sim_time_t t,
		    const uint8_t *data, size_t caplen, size_t wirelen);
/* Run the module alone over the pcap file at path (timestamps in ns;
 * the frames only when its link type is Ethernet): the run, freed by
 * the caller, or NULL when the file cannot be read. *dlt is the file's
 * link type, *nframes the frames checked. */
struct ck_ctx *ckbt_check_pcap(const char *path, int *dlt, uint64_t *nframes);

/* Results of rule id (fails the test if not registered). */
uint64_t ckbt_checked(const struct ckbt *t, const char *id);
uint64_t ckbt_failed(const struct ckbt *t, const char *id);
/* The first kept finding's detail of id ("" when none). */
const char *ckbt_detail(const struct ckbt *t, const char *id);
/* Failing rule ids, comma-separated, into buf ("" when none). */
void ckbt_failing(const struct ck_ctx *c, char *buf, size_t len);

#endif
