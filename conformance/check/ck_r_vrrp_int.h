/*
 * Private interface of the "vrrp" rule module of `failsim check`
 * (ck_r_vrrp.c: rule table and per-packet rules of RFC 5798 section 5 and
 * RFC 3768 section 5; ck_r_vrrp_flow.c: advertisement intervals, two
 * Masters and takeover timing of RFC 5798 / RFC 3768 section 6.4;
 * ck_r_vrrp_ann.c: the gratuitous ARP / unsolicited NA a new Master sends,
 * RFC 5798 section 6.4.2). The tolerances every timing rule uses are named
 * here, and the bounds that keep a hostile capture from growing the state
 * without limit.
 */
#ifndef CK_R_VRRP_INT_H
#define CK_R_VRRP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/check/ck_proto.h"
#include "protocols/vrrp/vrrp_pkt.h"

/* The rules, in the order of ckv_rules[] (ck_r_vrrp.c). */
enum ckv_rule_idx {
	CKV_TTL,
	CKV_DST,
	CKV_SRC_MAC,
	CKV_VERSION,
	CKV_TYPE,
	CKV_LENGTH,
	CKV_NADDRS,
	CKV_CSUM,
	CKV_CSUM_NOPSEUDO,
	CKV_VRID,
	CKV_ADVER_INT,
	CKV_RSVD,
	CKV_V6_FIRST_LL,
	CKV_V6_SRC_LL,
	CKV_AUTH,
	CKV_INTERVAL,
	CKV_TWO_MASTERS,
	CKV_TAKEOVER,
	CKV_TAKEOVER_LATE,
	CKV_GARP,
	CKV_UNA,
	CKV__COUNT
};

extern const struct ck_rule ckv_rules[CKV__COUNT];
#define CKV_RULE(i) (&ckv_rules[(i)])

/*
 * Timing tolerance around an expected time derived from an advertisement
 * interval I: VRRP_IVL_TOL_PCT percent of I plus VRRP_CAPTURE_NOISE for
 * capture timestamp noise (a sniffer's clock, queueing). The interval
 * rule accepts I +- tolerance; takeover timing accepts Master_Down_Interval
 * (or Skew_Time) minus the tolerance of the interval it derives from.
 */
#define VRRP_IVL_TOL_PCT   10
#define VRRP_CAPTURE_NOISE SIM_MS(5)
/* A gap longer than VRRP_PAUSE_MULT intervals (plus tolerance) is a pause
 * (the sender stopped being Master, or the capture lost adverts): the
 * next advertisement starts a new run and the gap is not an interval. */
#define VRRP_PAUSE_MULT 3
/* A takeover is late (SHOULD) after Master_Down_Interval (Skew_Time after
 * a priority 0) plus one interval, at least VRRP_LATE_MIN, plus the
 * tolerance. */
#define VRRP_LATE_MIN SIM_MS(100)
/* Gratuitous ARP / unsolicited NA: accepted from VRRP_ANN_BEFORE before
 * the new Master's first advertisement to one advertisement interval plus
 * VRRP_ANN_AFTER after it. */
#define VRRP_ANN_BEFORE SIM_MS(100)
#define VRRP_ANN_AFTER	SIM_MS(100)

/* Bounds (what does not fit is counted, not checked). */
#define CKV_FLOWS_MAX	 4096 /* (link, family, VRID, version) */
#define CKV_SENDERS_MAX	 8    /* advertising routers per flow */
#define CKV_EPISODES_MAX 4    /* concurrent two-Master episodes per flow */
#define CKV_PENDING_MAX	 64   /* transitions awaiting their GARP / NA */
#define CKV_RING	 64   /* recent GARP / NA kept for matching */
#define CKV_BUCKETS	 8192 /* flow hash buckets (power of 2) */

/* One router advertising in a flow. */
struct ckv_sender {
	struct net_addr addr; /* IP source: its primary address */
	bool seen;
	uint8_t prio;	   /* last advertised priority */
	sim_time_t ivl;	   /* last advertised interval, ns */
	sim_time_t last_t; /* last advertisement */
	uint64_t last_no;  /* its frame */
	/* A router winning over this one started while this one was Master
	 * (it should have yielded): -1 when never. Evidence that it is
	 * present as a Backup afterwards (vrrp.takeover-late). */
	sim_time_t yielded_at;
};

/* Two routers advertising at once (vrrp.two-masters). */
struct ckv_episode {
	bool used;
	bool reported;
	uint8_t a, b;	  /* sender indexes */
	sim_time_t start; /* first advertisement seen with both Masters */
	uint64_t start_no;
};

/* A takeover waiting to learn whether the old Master really stopped. */
struct ckv_takeover {
	bool pending;
	bool resign;	  /* the old Master sent priority 0 */
	uint8_t from, to; /* sender indexes */
	sim_time_t t0;	  /* old Master's last advertisement */
	uint64_t no0;
	sim_time_t t1; /* new Master's first advertisement */
	uint64_t no1;
	uint8_t to_prio;
	sim_time_t from_ivl, to_ivl;
	bool evidence; /* the new Master is known to have been a Backup */
};

struct ckv_flow {
	uint32_t link;
	uint8_t af, vrid, version;
	int32_t next; /* hash chain, -1: end */
	uint8_t ns;
	bool any_master; /* an advertisement with priority > 0 was seen */
	bool two_failed;
	struct ckv_sender s[CKV_SENDERS_MAX];
	struct ckv_episode ep[CKV_EPISODES_MAX];
	struct ckv_takeover tk;
};

/* A gratuitous ARP or a Neighbor Advertisement seen on a link. */
struct ckv_ann {
	uint32_t link;
	sim_time_t t;
	uint64_t no;
	uint8_t af;	      /* NET_AF_IP4: ARP; NET_AF_IP6: NA */
	struct net_addr addr; /* ARP sender = target address; NA target */
	uint16_t op;	      /* ARP operation */
	bool has_mac;	      /* ARP: always; NA: TLLA option present */
	struct net_mac mac;   /* ARP sender hardware address; NA TLLA */
	bool has_dst;	      /* Ethernet destination known */
	struct net_mac dst;
	bool r, s, o; /* NA flags */
};

/* A new Master whose announcements are awaited (vrrp.garp / vrrp.una). */
struct ckv_pend {
	uint32_t link;
	uint8_t af, vrid;
	struct net_addr master;
	sim_time_t t1, deadline;
	uint64_t no1;
	uint8_t naddrs;
	struct net_addr addrs[VRRP_MAX_ADDRS];
	uint8_t got[VRRP_MAX_ADDRS];	    /* 0 none, 1 conforming, 2 wrong */
	struct ckv_ann bad[VRRP_MAX_ADDRS]; /* first wrong one, got == 2 */
};

struct ckv_state {
	struct ckv_flow *flows;
	size_t nflows, capflows;
	int32_t buckets[CKV_BUCKETS];
	struct ckv_pend pend[CKV_PENDING_MAX];
	size_t npend;
	sim_time_t pend_min; /* earliest deadline, when npend > 0 */
	struct ckv_ann ring[CKV_RING];
	size_t ring_next, ring_n;
	/* The capture carries ARP / Neighbor Discovery at all (a capture
	 * filtered to VRRP cannot show announcements: not judged). */
	bool seen_arp, seen_nd;
	bool any;
	sim_time_t last_t; /* the latest frame time seen */
};

/* Tolerance of a time derived from interval ivl (see above). */
static inline sim_time_t ckv_tol(sim_time_t ivl)
{
	return ivl * VRRP_IVL_TOL_PCT / 100 + VRRP_CAPTURE_NOISE;
}

/* The virtual router MAC of RFC 5798 section 7.3 for af and vrid. */
struct net_mac ckv_vmac(enum net_af af, uint8_t vrid);
/* A duration as seconds ("1.204 s", 3 to 9 decimals). */
const char *ckv_dur(char *buf, size_t len, sim_time_t d);

/* ck_r_vrrp_flow.c: an accepted advertisement of frame f. */
void ckv_flow_adv(struct ck_ctx *c, struct ckv_state *st,
		  const struct ck_frame *f, const struct vrrp_adv *a);
/* End of capture: pending takeovers and per-flow passes. */
void ckv_flow_close(struct ck_ctx *c, struct ckv_state *st);

/* ck_r_vrrp_ann.c: a frame that may be a gratuitous ARP or an NA. */
void ckv_ann_frame(struct ck_ctx *c, struct ckv_state *st,
		   const struct ck_frame *f);
/* Judge the transitions whose window ended before now. */
void ckv_ann_tick(struct ck_ctx *c, struct ckv_state *st, sim_time_t now);
/* Await the announcements of a new Master (its first advertisement a in
 * frame f). */
void ckv_ann_expect(struct ck_ctx *c, struct ckv_state *st,
		    const struct ck_frame *f, const struct vrrp_adv *a);
void ckv_ann_close(struct ck_ctx *c, struct ckv_state *st);

#endif
