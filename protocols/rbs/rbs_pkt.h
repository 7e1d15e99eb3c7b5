/*
 * The RBS (remote backup service) wire format: failsim's own, since the
 * vendor's is not public (protocols/rbs/README.md is the specification).
 * Messages ride a TCP connection as a byte stream, each one a fixed header
 * (magic, version, type, length, sequence number) followed by TLVs. The
 * codec checks well-formedness only (magic, version, lengths, TLV
 * nesting, known mandatory TLVs); what a message means is the channel's
 * and the profile's business. Times are carried in milliseconds and
 * converted here only.
 */
#ifndef RBS_PKT_H
#define RBS_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

#define RBS_VERSION    1
#define RBS_HDR_LEN    12    /* magic 2, version 1, type 1, length 4, seq 4 */
#define RBS_MAX_MSG    65536 /* one message, header included */
#define RBS_MAX_IDS    64    /* backup-ids in a Hello */
#define RBS_MAX_SRCS   256   /* sources of one entry */
#define RBS_IFNAME_MAX 48

enum rbs_type {
	RBS_T_HELLO = 1,	 /* backup-ids served, keepalive settings */
	RBS_T_KEEPALIVE = 2,	 /* liveness, both directions */
	RBS_T_BATCH_START = 3,	 /* a full copy of a backup-id follows */
	RBS_T_BATCH_END = 4,	 /* ... ends (entries not in it go away) */
	RBS_T_ENTRY_ADD = 5,	 /* a membership entry appeared */
	RBS_T_ENTRY_UPDATE = 6,	 /* it changed (mode, sources, timers) */
	RBS_T_ENTRY_DELETE = 7,	 /* it went away */
	RBS_T_BATCH_REQUEST = 8, /* ask the peer for a batch (resync) */
	RBS_T__MAX
};

const char *rbs_type_name(uint8_t t);

/* One source of an entry with its remaining timer. */
struct rbs_src {
	struct net_addr addr;
	sim_time_t left; /* ns, carried in ms; 0: blocked (EXCLUDE list) */
};

/* One IGMP/MLD membership entry of a backup-id. */
struct rbs_entry {
	uint32_t backup_id;
	enum net_af af;		     /* IGMP or MLD */
	char ifname[RBS_IFNAME_MAX]; /* the service interface, by name */
	struct net_addr group;
	uint8_t mode;	       /* enum gmp_mode: 0 INCLUDE, 1 EXCLUDE */
	sim_time_t group_left; /* remaining group timer, ns */
	uint16_t nsrc;
	struct rbs_src srcs[RBS_MAX_SRCS];
};

struct rbs_msg {
	uint8_t version;
	uint8_t type; /* enum rbs_type */
	uint32_t seq; /* per direction, from 1 */
	/* Hello */
	uint16_t nids;
	uint32_t ids[RBS_MAX_IDS];
	sim_time_t keepalive_interval; /* the sender's */
	uint8_t keepalive_count;
	/* Batch start / end / request */
	uint32_t backup_id;
	uint32_t count; /* batch end: entries sent in the batch */
	/* Entry add / update / delete (delete: no mode, timers, sources) */
	struct rbs_entry entry;
};

enum rbs_pkt_err {
	RBS_PKT_OK = 0,
	RBS_PKT_E_SHORT,    /* fewer bytes than the header or its length */
	RBS_PKT_E_MAGIC,    /* not an RBS message */
	RBS_PKT_E_VERSION,  /* unknown version */
	RBS_PKT_E_TYPE,	    /* unknown type */
	RBS_PKT_E_LENGTH,   /* length field out of range */
	RBS_PKT_E_TLV,	    /* TLV overruns, bad TLV length */
	RBS_PKT_E_MISSING,  /* a mandatory TLV of the type is absent */
	RBS_PKT_E_VALUE,    /* a TLV value is malformed (address family...) */
	RBS_PKT_E_TOO_MANY, /* beyond RBS_MAX_IDS / RBS_MAX_SRCS */
	RBS_PKT_E__COUNT
};

const char *rbs_pkt_err_name(enum rbs_pkt_err e);

/*
 * Stream framing: how many bytes the message at buf needs in all, once
 * RBS_HDR_LEN bytes are there (0 when fewer are there; -1 when the header
 * is bad: the connection must be dropped).
 */
long rbs_pkt_frame_len(const uint8_t *buf, size_t len);
/* Decode one whole message. */
enum rbs_pkt_err rbs_pkt_decode(const uint8_t *buf, size_t len,
				struct rbs_msg *out);
/* Encode; returns the length, or -1 when m is invalid or cap too small. */
int rbs_pkt_encode(const struct rbs_msg *m, uint8_t *buf, size_t cap);

#endif
