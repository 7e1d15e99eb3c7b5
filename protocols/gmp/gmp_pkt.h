/*
 * Group membership message codec, one decoded form for both families:
 * IGMPv1 (RFC 1112 appendix I), IGMPv2 (RFC 2236 section 2), IGMPv3 (RFC
 * 3376 section 4) and MLDv1 (RFC 2710 section 3), MLDv2 (RFC 3810 section
 * 5). IGMP is the IPv4 payload of protocol 2; MLD is the ICMPv6 message
 * (types 130, 131, 132, 143), its checksum over the IPv6 pseudo-header. The
 * codec checks well-formedness only: length against the counts, known
 * membership type, checksum. Query versions are told apart by length and
 * Max Resp Code as RFC 3376 section 7.1 and RFC 3810 section 8.1 say.
 * Whether TTL, Router Alert, source or destination are acceptable is the
 * receiver's business. Wire time units are converted here only: IGMP
 * tenths of a second (with the RFC 3376 section 4.1.1 floating point
 * code), MLD milliseconds (RFC 3810 section 5.1.3), QQIC seconds.
 */
#ifndef GMP_PKT_H
#define GMP_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

#define GMP_IGMP_PROTO 2 /* IPv4 protocol number */
/* IGMP types (RFC 3376 section 4, RFC 2236 section 2.1). */
#define GMP_IGMP_QUERY	   0x11
#define GMP_IGMP_V1_REPORT 0x12
#define GMP_IGMP_V2_REPORT 0x16
#define GMP_IGMP_V2_LEAVE  0x17
#define GMP_IGMP_V3_REPORT 0x22
/* ICMPv6 types of MLD (RFC 2710 section 3, RFC 3810 section 5). */
#define GMP_MLD_QUERY	  130
#define GMP_MLD_V1_REPORT 131
#define GMP_MLD_V1_DONE	  132
#define GMP_MLD_V2_REPORT 143

/* failsim's bounds for one decoded message (a 9000-byte frame of IPv4
 * sources holds about 2,240; larger messages are refused as E_TOO_MANY). */
#define GMP_MAX_RECORDS 256
#define GMP_MAX_SOURCES 2048

/* 224.0.0.1, 224.0.0.2, 224.0.0.22; ff02::1, ff02::2, ff02::16. */
extern const struct net_addr gmp_all_hosts4, gmp_all_routers4, gmp_v3_routers4;
extern const struct net_addr gmp_all_nodes6, gmp_all_routers6, gmp_v2_routers6;

enum gmp_type {
	GMP_T_QUERY,	 /* IGMP 0x11, MLD 130 */
	GMP_T_REPORT_V1, /* IGMP 0x12 (IPv4 only) */
	GMP_T_REPORT_V2, /* IGMP 0x16, MLDv1 Report 131 */
	GMP_T_LEAVE,	 /* IGMP 0x17 Leave Group, MLD Done 132 */
	GMP_T_REPORT_V3, /* IGMPv3 0x22, MLDv2 Report 143 */
	GMP_T__COUNT
};

const char *gmp_type_name(enum gmp_type t); /* "query", "v2-report"... */

/* Group Record Types (RFC 3376 section 4.2.12, RFC 3810 section 5.2.12). */
enum gmp_rec_type {
	GMP_REC_IS_IN = 1, /* MODE_IS_INCLUDE */
	GMP_REC_IS_EX = 2, /* MODE_IS_EXCLUDE */
	GMP_REC_TO_IN = 3, /* CHANGE_TO_INCLUDE_MODE */
	GMP_REC_TO_EX = 4, /* CHANGE_TO_EXCLUDE_MODE */
	GMP_REC_ALLOW = 5, /* ALLOW_NEW_SOURCES */
	GMP_REC_BLOCK = 6, /* BLOCK_OLD_SOURCES */
};

const char *gmp_rec_type_name(uint8_t t); /* "IS_IN" ... or "unknown" */

/* One group record of a v3 report. Record types outside 1..6 are decoded
 * (RFC 3376 4.2.12: the receiver ignores them). */
struct gmp_rec {
	uint8_t type;	 /* enum gmp_rec_type as received */
	uint8_t aux_len; /* Aux Data Len, 32-bit words (skipped) */
	uint16_t nsrc;	 /* Number of Sources */
	uint32_t src0;	 /* index of its first source in gmp_msg.srcs */
	struct net_addr group;
};

struct gmp_msg {
	enum net_af af;	    /* NET_AF_IP4: IGMP; NET_AF_IP6: MLD */
	enum gmp_type type; /* decoded type */
	/*
	 * Version: for a query the one RFC 3376 7.1 / RFC 3810 8.1 deduce
	 * (IGMP 1, 2 or 3; MLD 1 or 2); for reports and leaves the version
	 * that defines the type (v1 report 1, v2 report and leave 2, v3
	 * report 3; MLDv1 report and done 1, MLDv2 report 2).
	 */
	uint8_t version;
	/* Maximum Response Time/Delay (queries), ns; 0 in an IGMPv1 query
	 * (the receiver uses 10 s, RFC 2236 section 4). */
	sim_time_t max_resp;
	/* Queries: Group Address (unspecified: general query); v1/v2
	 * reports and leaves: the group. */
	struct net_addr group;
	/* v3 queries (RFC 3376 4.1.5-4.1.7, RFC 3810 5.1.7-5.1.9). */
	bool s_flag;	/* Suppress Router-Side Processing */
	uint8_t qrv;	/* Querier's Robustness Variable, 0..7 */
	sim_time_t qqi; /* Querier's Query Interval from QQIC, ns */
	/* Query: Number of Sources; report: number of group records. */
	uint16_t nsrc;
	uint16_t nrec;
	uint32_t srcs_used;    /* entries of srcs[] filled */
	uint16_t checksum;     /* as received (decode) */
	uint8_t max_resp_code; /* IGMP Max Resp Code as received (decode) */
	struct gmp_rec rec[GMP_MAX_RECORDS];
	/* Query sources (first nsrc), or every record's sources. */
	struct net_addr srcs[GMP_MAX_SOURCES];
};

enum gmp_pkt_err {
	GMP_PKT_OK = 0,
	GMP_PKT_E_SHORT,    /* shorter than the type's fixed part */
	GMP_PKT_E_TYPE,	    /* not a membership message (DVMRP, mtrace...) */
	GMP_PKT_E_LENGTH,   /* length disagrees with counts / v1-v2 size */
	GMP_PKT_E_CHECKSUM, /* bad checksum */
	GMP_PKT_E_TOO_MANY, /* beyond GMP_MAX_RECORDS / GMP_MAX_SOURCES */
	GMP_PKT_E_FAMILY,   /* an IGMP type over IPv6 or the reverse */
	GMP_PKT_E__COUNT
};

const char *gmp_pkt_err_name(enum gmp_pkt_err e);

/*
 * Decode an IGMP message (af NET_AF_IP4: the IP payload; src and dst may
 * be NULL) or an MLD message (af NET_AF_IP6: the whole ICMPv6 message,
 * checksum over the pseudo-header built from src and dst, which must be
 * given). On error *out is partly filled and must not be used.
 */
enum gmp_pkt_err gmp_pkt_decode(enum net_af af, const uint8_t *buf, size_t len,
				const struct net_addr *src,
				const struct net_addr *dst,
				struct gmp_msg *out);

/*
 * Encode m (its type, version and fields; for reports rec[0..nrec) with
 * their sources at srcs[src0..src0+nsrc)) with the checksum (MLD: the
 * pseudo-header from src and dst). Times are rounded down to the wire
 * unit and coded with the floating point form when large (RFC 3376
 * 4.1.1, 4.1.7; RFC 3810 5.1.3, 5.1.9), clamped to the largest code.
 * Returns the length, or -1 when it does not fit cap or m is invalid
 * (a type the family does not have).
 */
int gmp_pkt_encode(const struct gmp_msg *m, const struct net_addr *src,
		   const struct net_addr *dst, uint8_t *buf, size_t cap);

/* The wire codes, exposed for tests and the conformance rules. */
uint8_t gmp_igmp_code_encode(sim_time_t t, sim_time_t unit);
sim_time_t gmp_igmp_code_decode(uint8_t code, sim_time_t unit);
uint16_t gmp_mld_code_encode(sim_time_t t);
sim_time_t gmp_mld_code_decode(uint16_t code);

#endif
