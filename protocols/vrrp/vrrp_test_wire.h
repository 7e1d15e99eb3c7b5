/*
 * The test wire of the VRRP state machine tests (vrrp_test*.c): up to
 * three groups A, B, C on nodes of their own in a node_tw world, joined
 * by a shared segment that delivers a copy of every advertisement to each
 * other group after a fixed delay (one FIFO per receiver, driven by an
 * engine timer). Each direction (from, to) can be cut; the wire can
 * round-trip adverts through vrrp_pkt_encode/decode. Every advert sent is
 * recorded (time, priority), every transition recorded by a listener, and
 * master_enter/leave counted, so tests assert exact times.
 */
#ifndef VRRP_TEST_WIRE_H
#define VRRP_TEST_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/vrrp/vrrp.h"
#include "sim/node/node_testlib.h"

#define VT_MAX_ENDS 3
#define VT_WQ_CAP   64
#define VT_MAX_TR   32
#define VT_DELAY    SIM_US(50) /* the wire's one-way delay */

struct vt;

struct vt_sent {
	sim_time_t t;
	uint8_t priority;
};

struct vt_tr {
	sim_time_t t;
	enum vrrp_state old_state, new_state;
};

struct vt_end {
	struct node node;
	struct vrrp_group *g;
	struct vrrp_group_cfg cfg;
	struct vt *h;
	int idx;
	struct vt_sent *sent;
	size_t nsent, capsent;
	struct vt_tr tr[VT_MAX_TR];
	size_t ntr;
	int enters, leaves;
	sim_time_t last_rx; /* last delivery to this end, -1: none */
	/* The receive queue of this end. */
	struct sim_timer qt;
	struct {
		sim_time_t at;
		int from;
		struct vrrp_adv a;
	} q[VT_WQ_CAP];
	size_t qhead, qn;
};

struct vt {
	struct node_tw *w;
	struct vt_end e[VT_MAX_ENDS];
	int n;
	bool cut[VT_MAX_ENDS][VT_MAX_ENDS]; /* [from][to] */
	bool codec;			    /* encode and decode every advert */
	int send_ret; /* what send_adv returns (0: success) */
};

extern const struct vrrp_group_ops vt_ops;

/* A v3 IPv4 group: vrid 1, virtual 10.0.0.254, primary 10.0.0.<idx+1>. */
struct vrrp_group_cfg vt_cfg(int idx, uint8_t prio, sim_time_t ival);
/* The same for v2 (interval in whole seconds). */
struct vrrp_group_cfg vt_cfg2(int idx, uint8_t prio, sim_time_t ival);
/* A v3 IPv6 group: virtual 2001:db8::fe, primary fe80::<idx+1>. */
struct vrrp_group_cfg vt_cfg6(int idx, uint8_t prio, sim_time_t ival);
/* A world of n groups (not started). */
struct vt *vt_new(int n, const struct vrrp_group_cfg *cfgs);
struct vt *vt_new_seed(int n, const struct vrrp_group_cfg *cfgs, uint64_t seed);
/* Free everything; fails the test if a timer or frame leaked. */
void vt_free(struct vt *h);
void vt_run_to(struct vt *h, sim_time_t t);
void vt_start(struct vt *h, int i);
/* Cut (or heal) every direction out of / into end i. */
void vt_isolate(struct vt *h, int i, bool cut);
struct vrrp_group_info vt_info(const struct vt_end *e);
void vt_assert_tr(const struct vt_end *e, size_t i, sim_time_t t,
		  enum vrrp_state o, enum vrrp_state n);
/* The first advert e sent at or after t (fails if none). */
const struct vt_sent *vt_sent_after(const struct vt_end *e, sim_time_t t);
/* The last advert e sent strictly before t (fails if none). */
const struct vt_sent *vt_sent_before(const struct vt_end *e, sim_time_t t);
/* The advertisement e's group would send with priority prio. */
struct vrrp_adv vt_adv(const struct vt_end *e, uint8_t prio);
/* Hand a to e's group now, as sent from end `from`'s primary address. */
void vt_inject(struct vt_end *e, const struct vrrp_adv *a,
	       const struct net_addr *src);
/* Skew_Time and Master_Down_Interval computed here from the RFC text. */
sim_time_t vt_skew(uint8_t version, uint8_t prio, sim_time_t master_ival);
sim_time_t vt_mdi(uint8_t version, uint8_t prio, sim_time_t master_ival);
/* The nth "vrrp" record of event ev on node ("A".."C"), a field as text. */
void vt_assert_field(const struct vt *h, const char *node, const char *ev,
		     size_t nth, const char *key, const char *want);

/* Tests in vrrp_test_preempt.c. */
void vt_test_preempt_delay0(void **state);
void vt_test_preempt_delay(void **state);
void vt_test_preempt_delay_silent(void **state);
void vt_test_preempt_off(void **state);
void vt_test_preempt_reconfig(void **state);
void vt_test_two_masters(void **state);
void vt_test_set_priority(void **state);
void vt_test_master_gone(void **state);

/* Tests in vrrp_test_rx.c. */
void vt_test_v2_auth(void **state);
void vt_test_v2_interval(void **state);
void vt_test_rx_checks(void **state);
void vt_test_addrs(void **state);
void vt_test_owner_ignores(void **state);
void vt_test_codec_wire(void **state);
void vt_test_api(void **state);

#endif
