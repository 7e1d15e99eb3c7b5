/*
 * PIM version 2 message codec, one decoded form for both families: the
 * common header and checksum of RFC 7761 section 4.9 (IPv6 with the
 * pseudo-header), the encoded address formats of 4.9.1 (Encoded-Unicast,
 * Encoded-Group, Encoded-Source; address family 1 IPv4 and 2 IPv6, native
 * encoding 0 only), Hello with its options (4.9.2: Holdtime, LAN Prune
 * Delay, DR Priority, Generation ID, Address List), Register (4.9.3),
 * Register-Stop (4.9.4), Join/Prune (4.9.5), Assert (4.9.6), Bootstrap
 * and Candidate-RP-Advertisement (RFC 5059 sections 4.1 and 4.2), Graft,
 * Graft-Ack and State Refresh (RFC 3973 sections 4.7.3-4.7.8) and DF
 * Election (RFC 5015 section 3.7). PIM is the IP payload of protocol 103.
 * The codec checks well-formedness only: version 2, known type, lengths
 * against the counts, address families and encodings, mask lengths, the
 * checksum and the bounds of struct pim_msg. Whether a message is
 * acceptable (its source, TTL, the neighbor it names) is the receiver's
 * business. Wire time units (seconds, milliseconds) are converted here
 * only.
 */
#ifndef PIM_PKT_H
#define PIM_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

#define PIM_PROTO	103 /* IPv4 protocol / IPv6 next header */
#define PIM_VERSION	2
#define PIM_HDR_LEN	4 /* PIM Ver, Type, Reserved/Flags, Checksum */
#define PIM_REG_HDR_LEN 8 /* what the Register checksum covers */

/* failsim's bounds for one decoded message. The J/P and C-RP-Adv group
 * counts are 8-bit fields, so those bounds are never exceeded; sources,
 * Hello addresses and Bootstrap ranges/RPs beyond these are E_TOO_MANY. */
#define PIM_MAX_JP_GROUPS   255
#define PIM_MAX_JP_SOURCES  2048
#define PIM_MAX_HELLO_ADDRS 64
#define PIM_MAX_BSR_GROUPS  256
#define PIM_MAX_BSR_RPS	    1024
#define PIM_MAX_CRP_GROUPS  255

/* ALL-PIM-ROUTERS: 224.0.0.13 and ff02::d (RFC 7761 section 4.9). */
extern const struct net_addr pim_all_routers4, pim_all_routers6;

/* PIMv2 message types (RFC 7761 4.9, RFC 8736 section 3 registry). */
enum pim_type {
	PIM_T_HELLO = 0,
	PIM_T_REGISTER = 1,
	PIM_T_REGISTER_STOP = 2,
	PIM_T_JOIN_PRUNE = 3,
	PIM_T_BOOTSTRAP = 4,
	PIM_T_ASSERT = 5,
	PIM_T_GRAFT = 6,
	PIM_T_GRAFT_ACK = 7,
	PIM_T_CRP_ADV = 8,
	PIM_T_STATE_REFRESH = 9,
	PIM_T_DF_ELECTION = 10,
	PIM_T__COUNT
};

/* "hello", "register", "register-stop", "join-prune", "bootstrap",
 * "assert", "graft", "graft-ack", "c-rp-adv", "state-refresh",
 * "df-election"; "unknown" outside the enum. */
const char *pim_type_name(enum pim_type t);

/* Hello option types (RFC 7761 4.9.2). */
#define PIM_OPT_HOLDTIME	1
#define PIM_OPT_LAN_PRUNE_DELAY 2
#define PIM_OPT_DR_PRIORITY	19
#define PIM_OPT_GENID		20
#define PIM_OPT_ADDR_LIST	24

/* Holdtime 0xffff: never time out (RFC 7761 4.9.2). */
#define PIM_HOLDTIME_FOREVER 0xffff

/* Encoded-Group (RFC 7761 4.9.1; B: bidirectional, RFC 5015; Z: admin
 * scope zone, RFC 5059). */
struct pim_egroup {
	struct net_addr addr;
	uint8_t mask_len; /* bits, up to 32 / 128 */
	bool b_bit;
	bool z_bit;
};

/* Encoded-Source (RFC 7761 4.9.1): S sparse bit, W wildcard (RP tree),
 * R RPT bit. */
struct pim_esrc {
	struct net_addr addr;
	uint8_t mask_len;
	bool s_bit;
	bool w_bit;
	bool r_bit;
};

/* Hello options (RFC 7761 4.9.2). Absent options have has_* false. */
struct pim_hello {
	bool has_holdtime;
	bool holdtime_forever; /* Holdtime 0xffff (holdtime: 65535 s) */
	sim_time_t holdtime;   /* Hold Time, ns (0: goodbye) */
	bool has_lan_prune_delay;
	bool t_bit;		      /* T: join suppression disabled */
	sim_time_t propagation_delay; /* Propagation_Delay, ns (15-bit ms) */
	sim_time_t override_interval; /* Override_Interval, ns (16-bit ms) */
	bool has_dr_priority;
	uint32_t dr_priority;
	bool has_genid;
	uint32_t genid;	 /* Generation ID */
	uint16_t naddrs; /* Address List: secondary addresses */
	struct net_addr addrs[PIM_MAX_HELLO_ADDRS];
	uint16_t unknown_opts; /* options of other types, skipped */
};

/* Register (RFC 7761 4.9.3). inner points into the decoded buffer; for
 * encoding, inner/inner_len is the data packet appended. */
struct pim_register {
	bool b_bit; /* Border bit */
	bool n_bit; /* Null-Register */
	const uint8_t *inner;
	size_t inner_len;
	/* decode: the checksum covered the whole message (accepted for
	 * interoperability) instead of the 8-byte header */
	bool csum_whole;
};

/* Register-Stop (4.9.4: group and source only) and Assert (4.9.6).
 * Decoded addresses always carry the message's af, the wildcard source
 * of a (*,G) message included (all zeros). */
struct pim_assert {
	struct pim_egroup group;
	struct net_addr source; /* Encoded-Unicast; unspecified for (*,G) */
	bool rpt_bit;		/* R (Assert only) */
	uint32_t metric_pref;	/* Metric Preference, 31 bits */
	uint32_t metric;
};

/* One group of a Join/Prune, Graft or Graft-Ack: its joined sources
 * are jp.srcs[src0 .. src0+njoin), then its pruned sources
 * jp.srcs[src0+njoin .. src0+njoin+nprune). */
struct pim_jp_group {
	struct pim_egroup group;
	uint16_t njoin;	 /* Number of Joined Sources */
	uint16_t nprune; /* Number of Pruned Sources */
	uint32_t src0;
};

/* Join/Prune (RFC 7761 4.9.5), Graft and Graft-Ack (RFC 3973 4.7.6-7,
 * same layout). */
struct pim_jp {
	struct net_addr upstream; /* Upstream Neighbor Address */
	sim_time_t holdtime;	  /* Holdtime, ns (16-bit seconds) */
	bool holdtime_forever;	  /* Holdtime 0xffff: until canceled */
	uint8_t ngroups;
	uint32_t nsrcs; /* entries of srcs[] filled */
	struct pim_jp_group groups[PIM_MAX_JP_GROUPS];
	struct pim_esrc srcs[PIM_MAX_JP_SOURCES];
};

/* Bootstrap (RFC 5059 section 4.1): group ranges, each with its RPs at
 * bsr.rps[rp0 .. rp0+frag_rp_count). */
struct pim_bsr_group {
	struct pim_egroup group;
	uint8_t rp_count;      /* RP Count (whole set) */
	uint8_t frag_rp_count; /* Frag RP Cnt (this fragment) */
	uint32_t rp0;
};

struct pim_bsr_rp {
	struct net_addr addr;
	sim_time_t holdtime; /* RP Holdtime, ns (16-bit seconds) */
	uint8_t priority;
};

struct pim_bsr {
	bool no_forward; /* N bit of the header flags (RFC 5059 3.2.3) */
	uint16_t frag_tag;
	uint8_t hash_mask_len;
	uint8_t priority;     /* BSR Priority */
	struct net_addr addr; /* BSR Address */
	uint16_t ngroups;
	uint32_t nrps;
	struct pim_bsr_group groups[PIM_MAX_BSR_GROUPS];
	struct pim_bsr_rp rps[PIM_MAX_BSR_RPS];
};

/* Candidate-RP-Advertisement (RFC 5059 section 4.2). */
struct pim_crp {
	uint8_t prefix_count; /* 0: all multicast groups */
	uint8_t priority;
	sim_time_t holdtime; /* ns (16-bit seconds) */
	struct net_addr rp;
	struct pim_egroup groups[PIM_MAX_CRP_GROUPS];
};

/* State Refresh (RFC 3973 section 4.7.8). */
struct pim_state_refresh {
	struct pim_egroup group;
	struct net_addr source;
	struct net_addr originator;
	bool rpt_bit;
	uint32_t metric_pref; /* 31 bits */
	uint32_t metric;
	uint8_t mask_len;
	uint8_t ttl;
	bool p_bit;	     /* Prune indicator */
	bool n_bit;	     /* Prune now */
	bool o_bit;	     /* Assert override */
	sim_time_t interval; /* State Refresh Interval, ns (8-bit s) */
};

/* DF Election subtypes (RFC 5015 section 3.7). */
enum pim_df_subtype {
	PIM_DF_OFFER = 1,
	PIM_DF_WINNER = 2,
	PIM_DF_BACKOFF = 3,
	PIM_DF_PASS = 4,
};

/* DF Election (RFC 5015 section 3.7); the target fields are those of
 * Backoff (Offering) and Pass (New Winner) only. */
struct pim_df {
	uint8_t subtype; /* enum pim_df_subtype, upper nibble of byte 1 */
	struct net_addr rp;
	uint32_t metric_pref; /* Sender Metric Preference */
	uint32_t metric;
	struct net_addr target; /* Offering / New Winner Address */
	uint32_t target_metric_pref;
	uint32_t target_metric;
	sim_time_t interval; /* Backoff Interval, ns (16-bit ms) */
};

struct pim_msg {
	enum net_af af; /* NET_AF_IP4 or NET_AF_IP6 */
	enum pim_type type;
	uint8_t flags;	   /* header Reserved/Flag bits (RFC 8736) */
	uint16_t checksum; /* as received (decode); ignored by encode */
	union {
		struct pim_hello hello;	     /* PIM_T_HELLO */
		struct pim_register reg;     /* PIM_T_REGISTER */
		struct pim_assert reg_stop;  /* PIM_T_REGISTER_STOP */
		struct pim_assert assert;    /* PIM_T_ASSERT */
		struct pim_jp jp;	     /* JOIN_PRUNE, GRAFT, GRAFT_ACK */
		struct pim_bsr bsr;	     /* PIM_T_BOOTSTRAP */
		struct pim_crp crp;	     /* PIM_T_CRP_ADV */
		struct pim_state_refresh sr; /* PIM_T_STATE_REFRESH */
		struct pim_df df;	     /* PIM_T_DF_ELECTION */
	};
};

enum pim_pkt_err {
	PIM_PKT_OK = 0,
	PIM_PKT_E_SHORT,    /* shorter than the header / type's fixed part */
	PIM_PKT_E_VERSION,  /* PIM Ver not 2 */
	PIM_PKT_E_TYPE,	    /* type not in 0..10 */
	PIM_PKT_E_LENGTH,   /* length disagrees with counts or options */
	PIM_PKT_E_FAMILY,   /* encoded address family not the message's */
	PIM_PKT_E_ENCODING, /* encoded address Encoding Type not 0 */
	PIM_PKT_E_MASK,	    /* mask length beyond the family's bits */
	PIM_PKT_E_CHECKSUM, /* bad checksum */
	PIM_PKT_E_TOO_MANY, /* beyond the PIM_MAX_* bounds */
	PIM_PKT_E__COUNT
};

/* "ok", "short", "version", "type", "length", "family", "encoding",
 * "mask", "checksum", "too-many"; "unknown" outside the enum. */
const char *pim_pkt_err_name(enum pim_pkt_err e);

/*
 * Decode the PIM message buf[0..len) (the IP payload) of family af. For
 * IPv6 the checksum includes the pseudo-header built from src and dst
 * (RFC 7761 4.9), which must then be given; for IPv4 they may be NULL.
 * The Register checksum covers only the PIM header and the Register
 * header (8 bytes, RFC 7761 4.9.3); a checksum over the whole message,
 * which some implementations send, is accepted too (reg.csum_whole).
 * Structure is checked before the checksum. A Register's inner packet
 * points into buf. On error *out is partly filled and must not be used.
 */
enum pim_pkt_err pim_pkt_decode(enum net_af af, const uint8_t *buf, size_t len,
				const struct net_addr *src,
				const struct net_addr *dst,
				struct pim_msg *out);

/*
 * Encode m (its af, type, flags and the body of its type) with the
 * checksum (IPv6: the pseudo-header from src and dst, which must then be
 * given; Register: over the first 8 bytes). Times are rounded down to
 * the wire unit and clamped to the field (Hello and Join/Prune
 * holdtimes to 0xfffe unless holdtime_forever). An unicast address with
 * af NET_AF_NONE is sent as the family's all-zero address (the wildcard
 * source of a (*,G) Assert or Register-Stop). A Hello carries the options it
 * has (has_*, naddrs). Returns the length, or -1 when it does not fit cap or m
 * is invalid (unknown type or af, an address of the other family, counts beyond
 * the arrays or fields).
 */
int pim_pkt_encode(const struct pim_msg *m, const struct net_addr *src,
		   const struct net_addr *dst, uint8_t *buf, size_t cap);

/*
 * Recompute the checksum of the encoded message buf[0..len) in place, for
 * a sender that learns its source address only after encoding (IPv6
 * pseudo-header). 0, or -1 when len is below the header, af unknown or
 * an IPv6 address missing.
 */
int pim_pkt_set_checksum(enum net_af af, uint8_t *buf, size_t len,
			 const struct net_addr *src,
			 const struct net_addr *dst);

#endif
