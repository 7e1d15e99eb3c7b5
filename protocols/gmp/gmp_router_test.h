/*
 * Shared helpers of the IGMP/MLD router tests (gmp_router_test*.c): a
 * router world with the gmp module (router R1, a LAN probe H1 standing
 * for the hosts and a source probe on the upstream port), frames built
 * with the codec and sim/net/net_build.h and injected on the wire, frames
 * received by a probe decoded back, and the exact wire times of the
 * default ASIC profile. No RFC logic lives here.
 */
#ifndef GMP_ROUTER_TEST_H
#define GMP_ROUTER_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/gmp/gmp_router.h"
#include "sim/router/router_testutil.h"

#define GT_LAN "GigabitEthernet0/1/0"
#define GT_UP  "GigabitEthernet0/2/0"

/* The LAN is 10.0.1.0/24 (R1 .1); the source sits on 10.0.2.0/24. */
#define GT_SRC	 "10.0.2.10"
#define GT_GROUP "239.1.1.1"

/* The router's configuration: multicast routing for both families, IGMP
 * and MLD enabled on the LAN port (extra lines follow `mld enable`). */
#define GT_CFG_HEAD                                                            \
	"system-view\n"                                                        \
	"multicast routing-enable\n"                                           \
	"multicast ipv6 routing-enable\n"                                      \
	"interface GigabitEthernet0/2/0\n"                                     \
	" ip address 10.0.2.1 255.255.255.0\n"                                 \
	" ipv6 enable\n"                                                       \
	"interface GigabitEthernet0/1/0\n"                                     \
	" ip address 10.0.1.1 255.255.255.0\n"                                 \
	" ipv6 enable\n"                                                       \
	" igmp enable\n"                                                       \
	" mld enable\n"

struct gt {
	struct rtest t;
	struct router *r;
	struct node *h1;  /* probe on the LAN (GE0/1/0) */
	struct node *src; /* probe on the upstream port (GE0/2/0) */
	struct node_link *lan, *up;
	struct gmp_msg *m;  /* scratch message */
	struct gmp_msg *rx; /* decode buffer */
	sim_time_t boot;    /* when R1 booted */
};

/* A world with every command registered and modules {gmp}. */
void gt_world(struct gt *x, uint64_t seed);
/* gt_world, then R1 with GT_CFG_HEAD + extra (may be "") + "commit",
 * its two probes, booted at time 0 and settled. */
void gt_init(struct gt *x, const char *extra);
void gt_fini(struct gt *x);

/* IP header choices for an injected message. */
struct gt_ip {
	const char *src, *dst;
	uint8_t ttl;		     /* 0: 1 */
	bool no_ra;		     /* leave the Router Alert option out */
	bool bad_csum;		     /* flip a checksum bit of the message */
	const struct net_mac *l2dst; /* unicast: the router port's MAC */
};

/* Inject m (encoded with the codec) from probe p's eth0; returns the
 * frame length. */
size_t gt_send(struct node *p, const struct gmp_msg *m, const struct gt_ip *ip);
/* A message of type t for group g ("" for none) in x->m, ready to send. */
struct gmp_msg *gt_msg(struct gt *x, enum net_af af, enum gmp_type t,
		       uint8_t version, const char *g);
/* Add a v3 group record to x->m with sources (NULL-terminated, may be
 * NULL). */
void gt_rec(struct gt *x, uint8_t type, const char *g, const char *const *srcs);
/* The usual host messages from H1 with correct headers. */
size_t gt_report(struct gt *x, enum net_af af, uint8_t version, const char *src,
		 const char *g);
size_t gt_leave(struct gt *x, enum net_af af, const char *src, const char *g);

/* A UDP datagram from GT_SRC to group g, sent by the source probe. */
void gt_data(struct gt *x, const char *g);
/* Frame length of what gt_data puts on the wire. */
size_t gt_data_len(void);

/* Outgoing interfaces of the (GT_SRC, g) entry the ASIC holds now. */
size_t gt_oifs(struct gt *x, const char *g);
/* Make the stream's entry exist (its first packet is punted); no
 * listener yet, so nothing reaches H1. */
void gt_stream_entry(struct gt *x);

/* The i-th frame H1 received, decoded: false when it is no IGMP/MLD
 * message. pi, m and t may be NULL. */
bool gt_h1_gmp(struct gt *x, size_t i, struct net_pkt_info *pi,
	       struct gmp_msg *m, sim_time_t *t);
/* Frames of H1 that are IGMP/MLD queries of family af (group NULL: any;
 * "" general only), counted from frame `from`. */
size_t gt_h1_queries(struct gt *x, enum net_af af, const char *group,
		     size_t from);
/* UDP datagrams to group g H1 received. */
size_t gt_h1_data(struct gt *x, const char *g);

/* The core interface of (ifname, af) on r (fails the test if none). */
struct gmp_if *gt_gi(struct router *r, const char *ifname, enum net_af af);
void gt_info(struct router *r, const char *ifname, enum net_af af,
	     struct gmp_if_info *in);
bool gt_has_group(struct router *r, const char *ifname, const char *g);

/* Exact times with the default profile and RTEST links: a frame of len
 * bytes sent by a probe reaches R1's CPU after gt_to_cpu; one R1 sends
 * from its CPU reaches a probe after gt_from_cpu. */
sim_time_t gt_to_cpu(const struct gt *x, size_t len);
sim_time_t gt_from_cpu(const struct gt *x, size_t len);

/* a is the address written s. */
bool gt_addr_is(const struct net_addr *a, const char *s);

/* Tests of gmp_router_test_rx.c. */
void gt_test_drops(void **state);
void gt_test_accepts(void **state);
void gt_test_own_query(void **state);
void gt_test_watch(void **state);
void gt_test_import(void **state);
void gt_test_address_change(void **state);
void gt_test_iface_down(void **state);
void gt_test_mcast_disable(void **state);
void gt_test_v3_compat(void **state);
void gt_test_tshark(void **state);
void gt_test_backup(void **state);

/* Tests of gmp_router_test_cli.c. */
void gt_test_cli_errors(void **state);
void gt_test_cli_values(void **state);
void gt_test_display_igmp(void **state);
void gt_test_display_mld(void **state);
void gt_test_display_interface(void **state);
void gt_test_undo_enable(void **state);

#endif
