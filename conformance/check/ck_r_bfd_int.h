/*
 * Private interface of the BFD rule module of `failsim check` (ck_r_bfd.c
 * the rule table and per-packet rules, ck_r_bfd_flow.c the session table
 * and the rules over time, ck_r_bfd_echo.c the Echo function). RFC 5880
 * (BFD), RFC 5881 (single hop), RFC 5883 (multihop), RFC 7130
 * (micro-BFD on LAG members, handled as single hop) and RFC 7880/7881
 * (S-BFD: the basic header is checked, session rules are not applied).
 */
#ifndef CK_R_BFD_INT_H
#define CK_R_BFD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_frame.h"
#include "conformance/check/ck_proto.h"
#include "conformance/report/ck.h"
#include "protocols/bfd/bfd_pkt.h"
#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"

#define CKB_PORT_MICRO	   6784	    /* RFC 7130 section 2.2 */
#define CKB_PORT_SBFD	   7784	    /* RFC 7881 section 2 */
#define CKB_SLOW_TX_US	   1000000u /* RFC 5880 section 6.8.3: 1 s */
#define CKB_TTL_SINGLE_HOP 255	    /* RFC 5881 section 5 */

/*
 * Tolerances for capture timestamp noise (and, for the detection time,
 * the path delay between the capture point and the receiver).
 * Transmit intervals: 0.5 ms plus 2 % of the negotiated interval on
 * either side of the 75-100 % band. A gap of 1.5 intervals or more may be
 * a packet the capture lost: such gaps are judged only when
 * CKB_TX_LONG_RUN of them follow each other.
 */
#define CKB_TX_TOL_NS	   SIM_US(500)
#define CKB_TX_TOL_PCT	   2
#define CKB_TX_LONG_RUN	   3
#define CKB_DETECT_TOL_NS  SIM_MS(2) /* at least, or 10 % of the time */
#define CKB_DETECT_TOL_PCT 10
#define CKB_POLL_TOL_NS	   SIM_MS(2) /* added to the Final deadline */
#define CKB_ECHO_TOL_NS	   SIM_US(500)

/* Flow table bounds (hostile captures cannot grow memory further). */
#define CKB_MAX_FLOWS 4096

/* Rules, indexing ck_bfd_rules[]. */
enum ckb_rule {
	CKB_VERSION,
	CKB_LENGTH,
	CKB_DETECT_MULT,
	CKB_MULTIPOINT,
	CKB_MY_DISC,
	CKB_YOUR_DISC,
	CKB_POLL_FINAL,
	CKB_AUTH,
	CKB_TTL,
	CKB_SRC_PORT,
	CKB_DOWN_TX,
	CKB_DIAG,
	CKB_MULTIHOP_AUTH,
	CKB_SRC_PORT_STABLE,
	CKB_TX_INTERVAL,
	CKB_DETECT_TIMEOUT,
	CKB_STATE,
	CKB_YOUR_DISC_MATCH,
	CKB_POLL_RESPONSE,
	CKB_FINAL_NO_POLL,
	CKB_AUTH_SEQ,
	CKB_AUTH_SEQ_KEYED,
	CKB_ECHO_UP,
	CKB_ECHO_ALLOWED,
	CKB_ECHO_INTERVAL,
	CKB_ECHO_SRC,
	CKB__COUNT
};

extern const struct ck_rule ck_bfd_rules[CKB__COUNT];

#define CKB_R(x) (&ck_bfd_rules[CKB_##x])

/* What a UDP packet is, by its ports. */
enum ckb_kind {
	CKB_K_NONE = 0,
	CKB_K_SINGLE,	 /* dst 3784, RFC 5881 */
	CKB_K_MULTI,	 /* dst 4784, RFC 5883 */
	CKB_K_MICRO,	 /* dst 6784, RFC 7130 */
	CKB_K_SBFD_INIT, /* dst 7784: to an S-BFD reflector */
	CKB_K_SBFD_REFL, /* src 7784: a reflector's response */
	CKB_K_ECHO,	 /* dst 3785, RFC 5881 section 4 */
	CKB_K_SRCIDX,	 /* (map only) latest control flow from a source */
};

/* Key of one direction of a session: the sender's packets. */
struct ckb_key {
	uint32_t link;
	uint32_t
		disc; /* micro-BFD: My Discriminator (one session per member) */
	uint8_t kind; /* enum ckb_kind */
	struct net_addr src, dst;
};

/* Open-addressing map from keys to flow indexes. */
struct ckb_map_ent {
	bool used;
	struct ckb_key key;
	uint32_t val;
};

struct ckb_map {
	struct ckb_map_ent *ent;
	size_t cap, n; /* cap: 0 or a power of two */
};

/* The last valid packet of a direction (the one its peer accepted). */
struct ckb_valid {
	bool any;
	sim_time_t t;
	uint8_t state, detect_mult;
	bool demand;
	uint32_t desired_us;
};

/* One direction of a session: what its sender said, and rule state. */
struct ckb_dir {
	struct ckb_key key;
	uint64_t npkts;
	struct bfd_ctrl last; /* the previous packet */
	sim_time_t last_t;
	uint16_t sport;
	uint32_t prev_my_disc; /* the My Discriminator before a change */
	struct ckb_valid lv;

	/* Transmit interval (6.8.7). */
	bool last_steady;   /* last packet repeated its predecessor */
	bool peer_rx_known; /* the peer's Required Min RX at last_t: */
	uint32_t peer_rx_at_last;
	uint8_t long_gaps; /* consecutive gaps over 1.5 intervals */

	/* State machine (6.2, 6.8.6): the peer's states since our last. */
	uint8_t peer_mask;	   /* bit per enum bfd_state */
	int8_t peer_state_at_last; /* -1: the peer was not seen */

	/* Detection (6.8.4): our silence was judged once. */
	bool detect_judged;

	/* Poll Sequence (6.5) this direction runs. */
	bool poll_active, poll_reported;
	sim_time_t poll_first_t, poll_last_t;
	uint64_t poll_no;
	uint8_t polls_open; /* Polls sent and not answered yet */

	/* Authentication sequence numbers (6.7.3, 6.7.4). */
	bool auth_known;

	/* The sender's MAC (tells its Echo packets from looped ones). */
	bool has_mac;
	struct net_mac mac;

	/* Echo function (6.8.9). */
	bool echo_any, echo_extra;
	sim_time_t echo_sched_t;
};

struct ckb_st {
	struct ckb_dir *dirs;
	size_t ndirs, capdirs;
	struct ckb_map flows;  /* key -> dirs[] index */
	struct ckb_map srcidx; /* (link, source) -> latest control flow */
	bool full_noted;
	/* Poll/Final response times measured (for the report). */
	uint64_t polls_answered;
	sim_time_t poll_rt_max;
};

/*
 * ck_r_bfd_flow.c: the flow table and the per-flow control rules. valid:
 * the peer would accept b (no discard rule of section 6.8.6 or RFC 5881
 * section 5 applies).
 */
void ckb_flow_control(struct ck_ctx *c, struct ckb_st *st,
		      const struct ck_frame *f, enum ckb_kind kind,
		      const struct bfd_ctrl *b, bool valid);
struct ckb_dir *ckb_dir_find(struct ckb_st *st, const struct ckb_key *k);
/* The flow of k, created when absent; NULL when the table is full. */
struct ckb_dir *ckb_dir_get(struct ck_ctx *c, struct ckb_st *st,
			    const struct ckb_key *k);
int ckb_map_put(struct ckb_map *m, const struct ckb_key *k, uint32_t val);
bool ckb_map_get(const struct ckb_map *m, const struct ckb_key *k,
		 uint32_t *val);
void ckb_st_free(struct ckb_st *st);

/* ck_r_bfd_echo.c: the Echo function (RFC 5880 6.8.9, RFC 5881 4). */
void ckb_echo(struct ck_ctx *c, struct ckb_st *st, const struct ck_frame *f);

/* Formatting helpers for failure details. */
struct ckb_str {
	char s[NET_ADDR_STRLEN + 8];
};
struct ckb_str ckb_time(sim_time_t ns); /* "1.204 s", "10.250 ms" */
struct ckb_str ckb_addr(const struct net_addr *a);
const char *ckb_state(uint8_t s); /* "AdminDown" .. "Up" */

#endif
