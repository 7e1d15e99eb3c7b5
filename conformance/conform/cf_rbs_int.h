/*
 * Private helpers of the remote backup service conformance suite
 * (cf_rbs*.c). RBS is failsim's own protocol: its specification is
 * protocols/rbs/README.md, so each case cites "failsim RBS", the README
 * heading as its section and the README's sentence. Two kinds of world:
 *
 * - the channel world: R1 and R2 on one direct link, each with a
 *   loopback (1.1.1.1 / 2.2.2.2, IPv6 2001:DB8:FF::2 / ::1) reached by
 *   static routes and a BFD session on the link; the link is captured
 *   and the channel's TCP segments are reassembled into RBS messages
 *   (rbs_stream, the codec the routers use) with the time each one
 *   reaches the peer's control plane.
 * - the hot-backup world: a VRRP pair R1 (Master, priority 120) / R2
 *   (Backup, 100) with an mVRRP on their peer link (100 ms adverts) whose
 *   LAN service groups follow it (flowdown), both pulling from R3 (the
 *   RP, the source's router) with `pim ignore dr-state`; host h1 on the
 *   LAN behind a switch; the remote backup service on a link of its own
 *   and profile p1 binding the LAN (optional: without them the world is
 *   the IGMP relearning baseline); a source streaming one group at
 *   1000 datagrams a second that h1 counts.
 *
 * The expected values (keepalive, backoff) go to the case bodies so that
 * tests can run them with wrong expectations and see them fail.
 */
#ifndef CF_RBS_INT_H
#define CF_RBS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/conform/cf.h"
#include "conformance/conform/cf_world.h"
#include "protocols/rbs/rbs.h"

#define CFR_IF	  "GigabitEthernet0/1/0" /* channel world: the link */
#define CFR_PORT  2046
#define CFR_PORT6 3000

/* README.md values the cases expect. */
struct cfr_exp {
	sim_time_t ka_interval; /* default keepalive interval, 1000 ms */
	unsigned ka_count;	/* default count, 3 */
	sim_time_t backoff_min; /* 1 s */
	sim_time_t backoff_max; /* 16 s */
};

extern const struct cfr_exp cfr_readme;

/* ---- the channel world ---- */

struct cfr_msg {
	sim_time_t t;	 /* first bit of the segment that completed it */
	sim_time_t arr;	 /* when it reached the peer's control plane */
	int dir;	 /* 0: R1 -> R2 */
	uint8_t type;	 /* enum rbs_type */
	uint32_t seq;	 /* header sequence number */
	uint32_t count;	 /* BatchEnd COUNT */
	uint16_t sport;	 /* TCP source port */
	bool syn_before; /* first message after a SYN in its direction */
};

struct cfr_seg {
	sim_time_t t, arr;
	int dir;
	uint8_t flags; /* TCP flags */
	uint16_t sport, dport;
	enum net_af af;
	size_t plen;
};

#define CFR_MAX_MSGS 4096

struct cfr {
	struct cf_ctx *c;
	struct cf_world *w;
	struct router *r[2];
	struct node_link *link;
	struct node_tw_cap *cap;
	struct cfr_msg *msgs; /* cfr_parse output */
	size_t nmsgs;
	size_t dropped; /* messages beyond CFR_MAX_MSGS */
};

/* The channel world built and booted, ARP/ND resolved (at 2.2 s); no
 * service yet. NULL when setup failed (reported). */
struct cfr *cfr_new(struct cf_ctx *c);
void cfr_free(struct cfr *x);
void cfr_run(struct cfr *x, sim_time_t until);
sim_time_t cfr_now(const struct cfr *x);
/* Configuration lines on router i (0 R1, 1 R2) in the system view,
 * committed; false (reported) when refused. */
bool cfr_config(struct cfr *x, int i, const char *lines);
/* The service lines of router i for IPv4 ("rbs1", port 2046) or IPv6
 * ("rbs6", port 3000), with extra lines in the service view. */
bool cfr_service(struct cfr *x, int i, bool v6, const char *extra);

/* The nth "rbs state" record of router i for service svc whose new
 * state is state (NULL: any) and, when cause is not NULL, whose cause is
 * cause: its time, -1 none. */
sim_time_t cfr_state(const struct cfr *x, int i, const char *svc,
		     const char *state, const char *cause, size_t nth);
/* The nth "rbs connect" record of router i for svc: its time, -1. */
sim_time_t cfr_connect(const struct cfr *x, int i, const char *svc, size_t nth);

/* Reassemble the captured channel of TCP port port into x->msgs. */
void cfr_parse(struct cfr *x, uint16_t port);
/* The nth message of type (0: any) in direction dir (-1: any) with
 * t >= from; NULL none. */
const struct cfr_msg *cfr_find(const struct cfr *x, int dir, uint8_t type,
			       sim_time_t from, size_t nth);
/* The first TCP segment to or from port in direction dir (-1: any)
 * with all flags `with` and none of `without` set, with t >= from;
 * false when none. */
bool cfr_seg(const struct cfr *x, uint16_t port, int dir, uint8_t with,
	     uint8_t without, sim_time_t from, struct cfr_seg *out);
#define CFR_FIN 0x01
#define CFR_SYN 0x02
#define CFR_RST 0x04
#define CFR_ACK 0x10

/* ---- the hot-backup world ---- */

#define CFH_NGRP 3 /* groups 239.1.1.1-3; the stream is on the first */

struct cfh;

/* The world; hot: with the service and profile (else the baseline).
 * Routers boot at 0; nothing runs yet. NULL when setup failed. */
struct cfh *cfh_new(struct cf_ctx *c, bool hot);
void cfh_free(struct cfh *h);
void cfh_run(struct cfh *h, sim_time_t until);
sim_time_t cfh_now(const struct cfh *h);
struct cf_world *cfh_world(struct cfh *h);
struct router *cfh_router(struct cfh *h, int i); /* 0 R1, 1 R2, 2 R3 */
/* Start the service on both routers now (R2, the listener, first). */
bool cfh_service_up(struct cfh *h);
/* h1 joins / leaves group k (0..CFH_NGRP-1). */
bool cfh_join(struct cfh *h, int k, bool join);
/* Start the source's stream (group 0, one datagram a millisecond). */
bool cfh_stream(struct cfh *h);
/* Datagrams h1 received in [from, to). */
uint64_t cfh_rx_count(const struct cfh *h, sim_time_t from, sim_time_t to);
/* First reception at or after from (-1 none); last before to. */
sim_time_t cfh_rx_first(const struct cfh *h, sim_time_t from);
sim_time_t cfh_rx_last(const struct cfh *h, sim_time_t to);
/* Router i holds a record of group k on its LAN: 1 imported, 0 not
 * imported, -1 none; *since (may be NULL): when it was created. */
int cfh_record(struct cfh *h, int i, int k, sim_time_t *since);
/* `display igmp group` of router i shows group k: 1 marked
 * "(imported)", 0 without the mark, -1 not listed. */
int cfh_shown(struct cfh *h, int i, int k);
/* The link carrying the service (R1-R2 GE0/4/0), NULL in the baseline. */
struct node_link *cfh_rbs_link(struct cfh *h);
/* A channel-world view of it (captured since the start; direction 0 is
 * R1 -> R2) for cfr_parse / cfr_find; NULL in the baseline. */
struct cfr *cfh_chan(struct cfh *h);
/* R2's mVRRP: when it last heard R1 and its Master_Down_Interval. */
bool cfh_vrrp(struct cfh *h, sim_time_t *last_adv, sim_time_t *mdi);

/* ---- the case bodies (cf_rbs_chan.c, cf_rbs_hot.c) ---- */

void cfr_role(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_hello(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_keepalive(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_hold(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_backoff(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_bfd(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_fin(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_batch(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_realtime(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_stale(struct cf_ctx *c, const struct cfr_exp *e);
void cfr_switchover(struct cf_ctx *c, const struct cfr_exp *e);

#endif
