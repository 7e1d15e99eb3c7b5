/*
 * Group membership messages for the tests of the "gmp" rule module, built
 * with the simulator's encoder (gmp_pkt_encode) and framed in IPv4 (IGMP,
 * protocol 2) or IPv6 (MLD, ICMPv6 with its pseudo-header checksum).
 */
#ifndef CK_R_GMP_TESTMSG_H
#define CK_R_GMP_TESTMSG_H

#include "conformance/check/ck_r_gmp_testutil.h"
#include "protocols/gmp/gmp_pkt.h"

/* A query of version v (IGMP 1-3, MLD 1-2) for group (NULL: general). */
void gmt_query(struct gmp_msg *m, enum net_af af, uint8_t v, const char *group,
	       sim_time_t mrt, uint8_t qrv, sim_time_t qqi);
/* A v1/v2 report (type GMP_T_REPORT_V1/V2) or leave / done for group. */
void gmt_report(struct gmp_msg *m, enum net_af af, enum gmp_type t,
		const char *group);
/* A v3 / MLDv2 report of n records (types[i] for groups[i], no sources). */
void gmt_report3(struct gmp_msg *m, enum net_af af, const uint8_t *types,
		 const char *const *groups, size_t n);

/* m in an Ethernet frame; returns its length. */
size_t gmt_frame(uint8_t *buf, size_t cap, const struct gmp_msg *m,
		 const char *src, const char *dst, uint8_t ttl, bool ra);
/* Frame m and feed it to r at time t. */
void gmt_send(struct ckrt *r, sim_time_t t, const struct gmp_msg *m,
	      const char *src, const char *dst, uint8_t ttl, bool ra);

#endif
