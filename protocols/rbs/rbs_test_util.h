/*
 * Helpers of the RBS channel tests: two routers on one direct link, each
 * with a loopback (IPv4 and IPv6) reached through a static route and a
 * BFD session on the link; modules BFD, TCP and RBS. The "rbs state"
 * records of the event log, the channel's frames read back from the link
 * capture (TCP segments and the RBS messages in them), one-way delivery
 * times computed from the capture, and the tshark check. No RFC logic
 * lives here.
 */
#ifndef RBS_TEST_UTIL_H
#define RBS_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/rbs/rbs_int.h"
#include "sim/router/router_testutil.h"

#define RT_IF	"GigabitEthernet0/1/0"
#define RT_PORT 2046
/* Link between R1 and R2: 1 Gb/s, 1 ms. */
#define RT_DELAY SIM_MS(1)

/* R1: 1.1.1.1 and 2001:DB8:FF::2 (IPv4 lower, IPv6 higher than R2's). */
#define RT_SVC4_R1                                                             \
	"remote-backup-service rbs1\n peer 2.2.2.2 source 1.1.1.1 port 2046\n"
#define RT_SVC4_R2                                                             \
	"remote-backup-service rbs1\n peer 1.1.1.1 source 2.2.2.2 port 2046\n"
#define RT_SVC6_R1                                                             \
	"remote-backup-service rbs6\n peer-ipv6 2001:DB8:FF::1 source-ipv6 "   \
	"2001:DB8:FF::2 port 3000\n"
#define RT_SVC6_R2                                                             \
	"remote-backup-service rbs6\n peer-ipv6 2001:DB8:FF::2 source-ipv6 "   \
	"2001:DB8:FF::1 port 3000\n"

struct rt {
	struct rtest t;
	struct router *r1, *r2;
	struct node_link *link;
	struct node_tw_cap *cap;
};

/* Build, boot at time 0 with the base configuration, and run to `until`
 * (ARP/ND resolved by pings at 0). */
void rt_init(struct rt *x, sim_time_t until);
void rt_fini(struct rt *x);
/* Run CLI lines (system view entered and committed around them). */
void rt_config(struct rt *x, struct router *r, const char *lines);
void rt_run(struct rt *x, sim_time_t until);
static inline sim_time_t rt_now(const struct rt *x)
{
	return node_tw_now(x->t.w);
}

struct rbs_svc *rt_svc(struct router *r, const char *name);
/* The nth "rbs state" record of node for service whose new state is
 * `state` (NULL: any); NULL when there is none. */
const struct node_tw_rec *rt_state(struct rt *x, const char *node,
				   const char *svc, const char *state,
				   size_t nth);
/* Count of such records. */
size_t rt_state_count(struct rt *x, const char *node, const char *svc,
		      const char *state);
/* Field of a record (fails the test when absent). */
const char *rt_field(const struct node_tw_rec *r, const char *key);

/* ---- the capture ---- */

/* A TCP segment of the capture, decoded loosely for the tests. */
struct rt_seg {
	size_t idx;   /* in the capture */
	sim_time_t t; /* first bit */
	int dir;      /* link direction: 0 R1 -> R2 */
	size_t flen;  /* frame length */
	enum net_af af;
	uint16_t sport, dport;
	uint8_t flags; /* TCP flags */
	const uint8_t *payload;
	size_t plen;
};

#define RT_SYN 0x02
#define RT_ACK 0x10
#define RT_RST 0x04
#define RT_FIN 0x01

/* The TCP segments of the capture to or from port (any family), from
 * index `from` on; returns how many were stored in out (at most max). */
size_t rt_segs(struct rt *x, uint16_t port, size_t from, struct rt_seg *out,
	       size_t max);
/* When the segment's frame reaches the far router's control plane. */
sim_time_t rt_arrival(struct rt *x, const struct rt_seg *s);
/* Write the capture to FAILSIM_BINARY_DIR/name and check it with
 * tshark; false when tshark is absent. */
bool rt_tshark(struct rt *x, const char *name);

/* ---- listeners ---- */

/* Records what a listener hears (messages copied). */
struct rt_ear {
	struct rbs_msg *msgs;
	size_t n, cap;
	enum rbs_state states[64];
	size_t nstates;
	int watch_created, watch_deleted;
};

void rt_ear_listen(struct rt_ear *e, struct rbs_svc *s);
void rt_ear_free(struct rt_ear *e);
void rt_ear_watch(void *ctx, struct rbs_svc *s, bool created);

#endif
