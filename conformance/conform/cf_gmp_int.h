/*
 * Shared helpers of the "igmp" and "mld" conformance suites (cf_gmp*.c).
 * MLD is IGMP with other names, numbers and units, so one set of case
 * bodies serves both, parameterised by a family (struct gx_fam); each
 * suite is a table of the bodies with its own ids and RFC quotes. The
 * world: the device under test (one failsim router, "DUT") with IGMP or
 * MLD enabled on its LAN port, cabled to a probe that plays the hosts and
 * the other routers of the LAN (messages built with the codec,
 * gmp_pkt_encode, and damaged on purpose where a case needs it), and a
 * multicast source probe behind its upstream port. Readers of the
 * queries the DUT sent, of its group records and counters, and the exact
 * wire times of the default ASIC profile complete it. Nothing here
 * asserts: a setup step that fails is reported through cf_check.
 */
#ifndef CF_GMP_INT_H
#define CF_GMP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/conform/cf.h"
#include "conformance/conform/cf_world.h"
#include "protocols/gmp/gmp_router.h"

#define GX_LAN "GigabitEthernet0/1/0"
#define GX_UP  "GigabitEthernet0/2/0"
/* "At once" for queries the DUT sends in reaction to a message: the CPU
 * inject latency (20 us) and serialisation stay well inside this. */
#define GX_ONCE SIM_MS(1)
#define GX_NSRC 4 /* sources s1..s4 of the v3 cases */

/* A family: addresses, version numbers, names and VRP keywords. */
struct gx_fam {
	enum net_af af;
	const char *name;    /* "igmp", "mld" (log module, commands) */
	const char *lmqi_kw; /* "lastmember-queryinterval" / "lastlistener-" */
	const char *dut;     /* the DUT's address on the LAN */
	const char *lower;   /* a router address lower than the DUT's */
	const char *higher;  /* and a higher one */
	const char *host;    /* a host of the LAN */
	const char *offlink; /* a source a router must not accept */
	const char *group;   /* the group the cases use */
	const char *src;     /* the multicast source behind GX_UP */
	const char *s[GX_NSRC]; /* sources of the v3 cases */
	const char *all;	/* all-hosts / all-nodes */
	const char *routers;	/* all-routers */
	const char *v3routers;	/* 224.0.0.22 / ff02::16 */
	uint8_t v_old, v_new;	/* IGMP 2, 3; MLD 1, 2 */
	sim_time_t qi;		/* VRP's default Query Interval */
};

extern const struct gx_fam gx_igmp, gx_mld;

/* The DUT's IGMP/MLD configuration (zero: VRP's default). */
struct gx_cfg {
	uint8_t version;
	uint8_t robust;	 /* robust-count */
	unsigned qi_s;	 /* timer query */
	unsigned lmqi_s; /* last member / listener query interval */
};

struct gx {
	struct cf_ctx *c;
	const struct gx_fam *f;
	struct cf_world *w;
	struct router *dut;
	struct node *lan; /* probe on GX_LAN: hosts and other routers */
	struct node *src; /* probe on GX_UP: a multicast source */
	struct node_link *lan_link;
	struct gx_cfg cfg;
	struct gmp_msg *m;   /* scratch message being built */
	struct gmp_msg *d;   /* decode buffer */
	sim_time_t lan_busy; /* the LAN probe's cable is busy until then */
};

/* How a crafted message is damaged or addressed. */
struct gx_ip {
	const char *src; /* NULL: the family's host */
	const char *dst; /* NULL: the usual destination for the type */
	uint8_t ttl;	 /* 0: 1 */
	bool no_ra;	 /* leave the Router Alert option out */
	bool bad_csum;	 /* flip a checksum bit */
};

/* Build the world and boot the DUT at 0. False (with a failed
 * expectation) when the setup failed. */
bool gx_open(struct gx *x, struct cf_ctx *c, const struct gx_fam *f,
	     const struct gx_cfg *cfg);
void gx_close(struct gx *x);
void gx_run(struct gx *x, sim_time_t t);

/* Messages from the LAN probe (x->m is built, then sent with gx_send;
 * each returns when it reaches the DUT's CPU, -1 on failure). */
struct gmp_msg *gx_msg(struct gx *x, enum gmp_type t, uint8_t version,
		       const char *group);
/* Add a v3 record of type `type` for the family's group with sources
 * s[i] for each bit i of `mask`. */
void gx_rec(struct gx *x, uint8_t type, unsigned mask);
sim_time_t gx_send(struct gx *x, const struct gx_ip *ip);
/* The usual host messages: an old-version report (IGMPv2, MLDv1), a
 * new-version (v3 / MLDv2) record, a leave / done; a query from src. */
sim_time_t gx_report_old(struct gx *x, const char *group);
sim_time_t gx_report_new(struct gx *x, uint8_t type, unsigned mask);
sim_time_t gx_leave(struct gx *x, const char *group);
sim_time_t gx_query(struct gx *x, const char *src, const struct gx_ip *ip);
/* A UDP datagram to the family's group from the source probe. */
bool gx_data(struct gx *x);

/* A query the DUT sent, as the LAN probe received it. */
struct gx_q {
	sim_time_t t, sent; /* arrival; the DUT's CPU send time */
	uint8_t ttl, tos;
	bool ra;
	uint16_t ra_value;
	struct net_addr src, dst;
	struct gmp_msg *m; /* points at x->d: valid until the next read */
};

/* The DUT's queries, from probe frame *i on (advanced); general (group
 * unspecified) and specific alike. */
bool gx_next_query(struct gx *x, size_t *i, struct gx_q *q);
/* Send times of the general queries sent in [from, to] into v[0..cap);
 * how many there were. */
size_t gx_general(struct gx *x, sim_time_t from, sim_time_t to, sim_time_t *v,
		  size_t cap);
/* UDP datagrams to the group the LAN probe received. */
size_t gx_data_seen(struct gx *x);

/* The DUT's interface, its group record (false when none), querier
 * state, the nth log event of the family (-1: none), and a drop counter
 * of `display igmp|mld interface` by reason name (-1: unreadable). */
struct gmp_if *gx_if(struct gx *x);
bool gx_group(struct gx *x, struct gmp_group_info *g);
bool gx_info(struct gx *x, struct gmp_if_info *in);
sim_time_t gx_event(struct gx *x, const char *event, const char *key,
		    const char *val, size_t nth);
long long gx_drops(struct gx *x, const char *reason);

/* Derived timers of the DUT's configuration (RFC 3376 8, RFC 3810 9). */
sim_time_t gx_gmi(const struct gx *x);
sim_time_t gx_lmqt(const struct gx *x);
sim_time_t gx_oqpi(const struct gx *x);

/* The wire: LAN probe frame of len bytes to the DUT's CPU, and back. */
sim_time_t gx_to_cpu(const struct gx *x, size_t len);
sim_time_t gx_from_cpu(const struct gx *x, size_t len);

struct net_addr gx_addr(const char *s);

/* ---- case bodies, parameterised for the negative tests ---- */

/* RFC 3376 8.4 / RFC 3810 9.4: the group expires at the GMI (MALI) after
 * the report, plus skew (0 in the suites). */
void cf_gmp_gmi_body(struct cf_ctx *c, const struct gx_fam *f, sim_time_t skew);

/* A v3 state-table row (RFC 3376 6.4, RFC 3810 7.4). */
enum gx_kind {
	GX_ABSENT = 0, /* no such source */
	GX_OLD,	       /* the timer it had before */
	GX_GMI,	       /* GMI (MALI) from the report */
	GX_ZERO,       /* EXCLUDE-mode source with its timer at zero */
	GX_LMQT,       /* lowered to LMQT by the query sent */
	GX_NONE,       /* (group timer) not running: INCLUDE mode */
};
struct gx_row {
	bool setup_ex;	     /* start from EXCLUDE({s1},{s2}) else INCLUDE */
	unsigned setup_mask; /* INCLUDE setup: IS_IN of these sources */
	uint8_t type;	     /* the record received */
	unsigned mask;	     /* its sources */
	enum gmp_mode mode;  /* expected filter mode */
	enum gx_kind src[GX_NSRC];
	enum gx_kind group; /* group (filter) timer */
	unsigned q_mask;    /* sources of the group-and-source queries */
	bool q_group;	    /* a group-specific query */
};
void cf_gmp_row_body(struct cf_ctx *c, const struct gx_fam *f,
		     const struct gx_row *row);

/* A received-message check: a message damaged as `ip` says (a report of
 * the group, or a query from a lower address when query) must change
 * nothing and count one drop under `reason` (NULL: the ASIC's malformed
 * ICMPv6 counter). */
void cf_gmp_rx_body(struct cf_ctx *c, const struct gx_fam *f, bool query,
		    uint8_t new_version, const struct gx_ip *ip,
		    const char *reason);

/* The cases (suite tables in cf_gmp.c), for either family. */
void cf_gmp_case_startup(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_query_interval(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_querier_lower(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_querier_higher(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_query_header(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_query_dst(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_gmi(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_leave_queries(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_leave_lmqt(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_compat(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_rx_checksum(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_rx_ttl(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_rx_report_no_ra(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_rx_query_no_ra(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_rx_query_ttl(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_rx_report_src(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_rx_report_unspec(struct cf_ctx *c, const struct gx_fam *f);
void cf_gmp_case_rx_query_src(struct cf_ctx *c, const struct gx_fam *f);

/* The v3 rows the suites run (cf_gmp.c). */
extern const struct gx_row gx_row_in_allow, gx_row_in_block, gx_row_in_to_ex,
	gx_row_in_to_in, gx_row_in_is_ex, gx_row_ex_allow, gx_row_ex_block,
	gx_row_ex_to_in, gx_row_ex_is_in;

#endif
