/*
 * Internals of the "net" rule module of `failsim check` (ck_r_net*.c):
 * the rule table indices, the module's run state (the TCP flow table that
 * finds and reassembles RBS channels) and the per-layer entry points.
 * ARP (RFC 826, RFC 5227, RFC 1812), Neighbor Discovery (RFC 4861), IPv4
 * (RFC 791, RFC 1122, RFC 1112), IPv6 (RFC 8200, RFC 4291), UDP (RFC 768,
 * RFC 8200 section 8.1), TCP (RFC 9293) and failsim's RBS channel
 * (protocols/rbs/README.md) are checked with the simulator's own codecs.
 */
#ifndef CK_R_NET_INT_H
#define CK_R_NET_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_proto.h"
#include "protocols/rbs/rbs_pkt.h"
#include "protocols/tcp/tcp_seg.h"

/* Indices into ck_net_rules[] (ck_r_net.c), one per rule. */
enum ck_net_rule {
	CK_NET_ARP_LENGTH,
	CK_NET_ARP_HW_LEN,
	CK_NET_ARP_PROTO_LEN,
	CK_NET_ARP_OP,
	CK_NET_ARP_SHA_UNICAST,
	CK_NET_ARP_PROBE_THA,
	CK_NET_ND_HOP_LIMIT,
	CK_NET_ND_CSUM,
	CK_NET_ND_CODE,
	CK_NET_ND_LENGTH,
	CK_NET_ND_RS_LENGTH,
	CK_NET_ND_RA_LENGTH,
	CK_NET_ND_REDIRECT_LENGTH,
	CK_NET_ND_OPT_LEN,
	CK_NET_ND_NS_TARGET,
	CK_NET_ND_NA_TARGET,
	CK_NET_ND_NA_SOLICITED_MCAST,
	CK_NET_ND_NS_DAD_DST,
	CK_NET_ND_NS_DAD_SLLAO,
	CK_NET_IP4_VERSION,
	CK_NET_IP4_IHL,
	CK_NET_IP4_TOTAL_LENGTH,
	CK_NET_IP4_CSUM,
	CK_NET_IP4_FRAG_SIZE,
	CK_NET_IP4_OPTIONS,
	CK_NET_IP4_RESERVED_FLAG,
	CK_NET_IP4_TTL_ZERO,
	CK_NET_IP4_SRC_MCAST,
	CK_NET_IP4_SRC_BCAST,
	CK_NET_IP6_VERSION,
	CK_NET_IP6_PAYLOAD_LENGTH,
	CK_NET_IP6_EXT_LEN,
	CK_NET_IP6_HBH_FIRST,
	CK_NET_IP6_OPT_LEN,
	CK_NET_IP6_SRC_MCAST,
	CK_NET_IP6_DST_UNSPEC,
	CK_NET_UDP_LENGTH,
	CK_NET_UDP_CSUM,
	CK_NET_UDP_CSUM6_ZERO,
	CK_NET_TCP_DATA_OFFSET,
	CK_NET_TCP_OPTIONS,
	CK_NET_TCP_CSUM,
	CK_NET_TCP_MSS_SYN,
	CK_NET_RBS_HEADER,
	CK_NET_RBS_TYPE,
	CK_NET_RBS_TLV,
	CK_NET_RBS_SEQ,
	CK_NET_RBS_HELLO_FIRST,
	CK_NET__NRULES
};

extern const struct ck_rule ck_net_rules[CK_NET__NRULES];

static inline const struct ck_rule *ck_net_rule(enum ck_net_rule r)
{
	return &ck_net_rules[r];
}

/*
 * Bounds of the TCP flow table that finds RBS channels: flows tracked at
 * once (when all are taken, the flow at the clock hand that is not an
 * RBS channel makes room for a new one; when every slot is a live RBS
 * channel the new flow is counted and ignored), and RBS channels reassembled at
 * once (each may hold up to one 64 KiB message plus one segment).
 */
#define CK_NET_MAX_FLOWS 4096
#define CK_NET_MAX_RBS	 256
#define CK_NET_BUCKETS	 8192 /* hash buckets, a power of two */

/* What one direction of a TCP connection is known to carry. */
enum ck_net_dir_state {
	CK_NET_DIR_NEW = 0, /* no payload yet (or fewer than 3 bytes) */
	CK_NET_DIR_RBS,	    /* began with the RBS magic and version */
	CK_NET_DIR_OTHER,   /* began with something else */
	CK_NET_DIR_LOST,    /* a gap or a bad header: no longer followed */
};

struct ck_net_dir {
	enum ck_net_dir_state state;
	bool started;  /* next is valid */
	bool from_syn; /* started at the SYN: the stream's first byte known */
	bool fin;      /* a FIN was seen */
	uint32_t next; /* sequence number of the next byte expected */
	uint8_t prefix[3]; /* the first bytes, until there are 3 */
	uint8_t nprefix;
	bool have_seq;	   /* last_seq holds the previous message's */
	uint32_t last_seq; /* RBS Sequence Number of the previous message */
	uint64_t nmsg;	   /* RBS messages seen in this direction */
	struct rbs_stream rs;
};

/* One TCP connection, keyed on the link and both endpoints (ordered). */
struct ck_net_flow {
	bool used;
	int32_t hnext; /* next index in the hash chain, -1: end */
	uint32_t link;
	struct net_addr a, b; /* endpoint a sorts before endpoint b */
	uint16_t aport, bport;
	struct ck_net_dir d[2]; /* d[0]: a to b, d[1]: b to a */
};

struct ck_net {
	struct ck_net_flow *flows; /* CK_NET_MAX_FLOWS slots */
	int32_t *buckets;	   /* CK_NET_BUCKETS chain heads, -1: empty */
	int32_t *free;		   /* unused slots (a stack) */
	size_t nfree;
	size_t nrbs;	    /* directions in state RBS */
	size_t hand;	    /* eviction scan position */
	bool rbs_on;	    /* some rbs.* rule is selected */
	struct rbs_msg msg; /* decode scratch (large) */
};

/* Per-layer checks of one frame (ck_r_net_l3.c, ck_r_net_l4.c). */
void ck_net_arp(struct ck_ctx *c, const struct ck_frame *f);
void ck_net_ip4(struct ck_ctx *c, const struct ck_frame *f);
void ck_net_ip6(struct ck_ctx *c, const struct ck_frame *f);
void ck_net_nd(struct ck_ctx *c, const struct ck_frame *f);
void ck_net_udp(struct ck_ctx *c, const struct ck_frame *f);
/* Returns true with *seg filled when the segment decoded with a valid
 * checksum (the flow table takes only those). */
bool ck_net_tcp(struct ck_ctx *c, const struct ck_frame *f,
		struct tcp_seg *seg);

/* The TCP flow table and RBS channels (ck_r_net_rbs.c). */
int ck_net_flows_init(struct ck_net *n);
void ck_net_flows_fini(struct ck_ctx *c, struct ck_net *n);
void ck_net_flows_segment(struct ck_ctx *c, struct ck_net *n,
			  const struct ck_frame *f, const struct tcp_seg *seg);

/*
 * Shared helpers (ck_r_net.c). True when the frame lost bytes at capture
 * (wire length above captured length): a length error there may be the
 * capture's, not the sender's; it is counted as "truncated" and not
 * reported.
 */
static inline bool ck_net_truncated(const struct ck_frame *f)
{
	return f->wirelen > f->caplen;
}

/*
 * Whether an IPv6 packet's upper-layer checksum cannot be verified: a
 * Routing header of a type the codec does not know is still to be walked,
 * so the pseudo-header's destination (RFC 8200 section 8.1) is unknown.
 * Types 0, 2 and 4 and the Home Address option (RFC 6275 section 6.3) are
 * derived by the codec (net_ipv6 pseudo_src / pseudo_dst).
 */
bool ck_net_ip6_pseudo_uncertain(const struct net_pkt_info *pi);

#endif
