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

/* Added by the channel (README.md "Header" and "TLVs"). */
#define RBS_MAGIC    0x5242 /* "RB" */
#define RBS_TLV_HDR  4	    /* type 2, length 2 */
#define RBS_AFI_IP4  1	    /* IANA address family numbers */
#define RBS_AFI_IP6  2
#define RBS_PORT_MIN 1024 /* `peer ... port P` range (SEMANTICS.md) */
#define RBS_PORT_MAX 55535

/* TLV types (README.md "TLV catalogue"). */
enum rbs_tlv {
	RBS_TLV_BACKUP_IDS = 1,	 /* Hello: n x 4 bytes */
	RBS_TLV_KEEPALIVE = 2,	 /* Hello: interval ms 4, count 1, rsvd 3 */
	RBS_TLV_BACKUP_ID = 3,	 /* batch and entry messages: 4 */
	RBS_TLV_COUNT = 4,	 /* batch end: 4 */
	RBS_TLV_INTERFACE = 5,	 /* entry: 1..47 printable ASCII bytes */
	RBS_TLV_GROUP = 6,	 /* entry: AFI 1 + address 4|16 */
	RBS_TLV_FILTER_MODE = 7, /* entry: 1 (0 INCLUDE, 1 EXCLUDE) */
	RBS_TLV_GROUP_TIMER = 8, /* entry: ms 4 */
	RBS_TLV_SOURCE = 9,	 /* entry: AFI 1 + address 4|16 + ms 4 */
};

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
	/* Entry add / update / delete (delete: no mode, timers, sources).
	 * The entry's backup_id is the BACKUP_ID TLV (decode copies it to
	 * backup_id above too; encode takes entry.backup_id). */
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
	RBS_PKT_E_DUP,	    /* a TLV allowed once appears twice (added) */
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
/* Encode (version RBS_VERSION, m->version is not looked at); returns the
 * length, or -1 when m is invalid or cap too small. Times are rounded up
 * to whole milliseconds (a running timer never encodes as 0) and capped
 * at 2^32-1 ms. */
int rbs_pkt_encode(const struct rbs_msg *m, uint8_t *buf, size_t cap);

/*
 * Reassembly of messages from a TCP byte stream (added; rbs_stream.c):
 * bytes go in as the stream delivers them, split or merged anyhow; whole
 * messages come out. It holds bytes, not protocol state.
 */
struct rbs_stream {
	uint8_t *buf;
	size_t head, len, cap; /* unread bytes are buf[head .. head+len) */
};

void rbs_stream_init(struct rbs_stream *s);
void rbs_stream_fini(struct rbs_stream *s);
/* Forget every byte held (a new connection). */
void rbs_stream_reset(struct rbs_stream *s);
/* Append received bytes; 0, or -1 when memory runs out. */
int rbs_stream_push(struct rbs_stream *s, const uint8_t *data, size_t len);
/* The next whole message: 1 with msg and len set (valid until the next
 * push or reset), 0 when more bytes are needed, -1 when the header at
 * the front is bad (rbs_pkt_frame_len: the connection must drop). */
int rbs_stream_next(struct rbs_stream *s, const uint8_t **msg, size_t *len);
/* Bytes held that are not yet a whole message. */
size_t rbs_stream_pending(const struct rbs_stream *s);

#endif
