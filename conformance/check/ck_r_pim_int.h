/*
 * Internals of the "pim" rule module of `failsim check` (ck_r_pim*.c):
 * PIMv2 messages of every type (RFC 7761 section 4.9, RFC 5059, RFC 3973,
 * RFC 5015) decoded with the simulator's codec (protocols/pim/pim_pkt.h),
 * per-packet rules, and the per-flow rules over time: Hello periods of a
 * neighbor, periodic Join/Prune refresh of each joined entry, and Assert
 * losers. The run state holds the decode buffer and the bounded tables.
 */
#ifndef CK_R_PIM_INT_H
#define CK_R_PIM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_proto.h"
#include "conformance/check/ck_r_gmp_ftab.h"
#include "protocols/pim/pim_pkt.h"

/* Indices into ck_pim_rules[] (ck_r_pim.c). */
enum ck_pim_rule {
	CK_PIM_VERSION,
	CK_PIM_LENGTH,
	CK_PIM_CSUM,
	CK_PIM_REG_CSUM_HEADER,
	CK_PIM_DST,
	CK_PIM_TTL,
	CK_PIM_SRC_LL,
	CK_PIM_HELLO_OPTIONS,
	CK_PIM_JP_UPSTREAM,
	CK_PIM_ENCODED_ADDR,
	CK_PIM_HELLO_PERIOD,
	CK_PIM_JP_PERIOD,
	CK_PIM_ASSERT_LOSER,
	CK_PIM__NRULES
};

extern const struct ck_rule ck_pim_rules[CK_PIM__NRULES];

static inline const struct ck_rule *ck_pim_rule(enum ck_pim_rule r)
{
	return &ck_pim_rules[r];
}

/*
 * Timing of the flow rules (RFC 7761 section 4.11). Hello_Period is a
 * neighbor's Holdtime / 3.5 (Default_Hello_Holdtime = 3.5 *
 * Hello_Period), 30 s when it sends none; t_periodic is a Join/Prune's
 * Holdtime / 3.5 (J/P_HoldTime = 3.5 * t_periodic), 60 s when the
 * Holdtime is 0 (a Holdtime of 0xffff needs no refresh). A Join of one
 * entry may be repeated by another router on the LAN (join suppression,
 * 4.5.4 and 4.5.5): the Joins of an entry, whoever sends them, come at
 * most 1.4 * t_periodic apart (the longest t_suppressed). Capture noise:
 * CK_PIM_TOL_PCT percent plus CK_PIM_TOL on every bound.
 */
#define CK_PIM_TOL_PCT		10
#define CK_PIM_TOL		SIM_S(1)
#define CK_PIM_DEF_HELLO_PERIOD SIM_S(30)
#define CK_PIM_DEF_T_PERIODIC	SIM_S(60)
#define CK_PIM_ASSERT_TIME	SIM_S(180)
#define CK_PIM_ASSERT_TOL	SIM_MS(500) /* a loser's assert in flight */

/* Bounds of the flow state. */
#define CK_PIM_MAX_NBRS	   1024
#define CK_PIM_MAX_JP	   4096
#define CK_PIM_MAX_ASSERTS 1024
#define CK_PIM_ASSERTERS   4 /* routers remembered per Assert */

/* A neighbor (link, source address): its last Hello. */
struct ck_pim_nbr {
	sim_time_t last_t;
	uint64_t last_frame;
	sim_time_t holdtime; /* ns; valid when has_holdtime */
	bool has_holdtime, forever;
	bool has_genid;
	uint32_t genid;
	uint32_t epoch; /* GenID changes seen (restarts) */
};

struct ck_pim_nkey {
	uint32_t link;
	struct net_addr addr;
};

/* One Joined entry towards one upstream neighbor on a link. */
struct ck_pim_jkey {
	uint32_t link;
	struct net_addr upstream, group, source;
	uint8_t gmask, smask, bits; /* bits: W, R */
};

struct ck_pim_join {
	bool active;		/* a Join not followed by a Prune */
	sim_time_t last_t;	/* last Join for it, any sender */
	sim_time_t holdtime;	/* that Join/Prune's Holdtime */
	bool forever;		/* Holdtime 0xffff */
	struct net_addr sender; /* who sent it */
	uint32_t epoch;		/* the sender's GenID epoch then */
};

/* Assert state of one (S,G) on a link. */
struct ck_pim_akey {
	uint32_t link;
	struct net_addr group, source;
};

struct ck_pim_asserter {
	struct net_addr addr;
	bool used, lost;
	bool rpt;
	uint32_t pref, metric;
	sim_time_t last_t; /* its last Assert */
	sim_time_t lost_t; /* when a preferred Assert beat it */
};

struct ck_pim_assert {
	struct ck_pim_asserter r[CK_PIM_ASSERTERS];
};

struct ck_pim {
	struct pim_msg msg; /* decode buffer */
	struct ck_ftab *nbrs, *joins, *asserts;
};

/* Per-flow rules (ck_r_pim_flow.c). */
int ck_pim_flow_init(struct ck_pim *p);
void ck_pim_flow_free(struct ck_pim *p);
void ck_pim_flow_msg(struct ck_ctx *c, struct ck_pim *p,
		     const struct ck_frame *f, const struct pim_msg *m);
void ck_pim_flow_close(struct ck_ctx *c, struct ck_pim *p);

#endif
