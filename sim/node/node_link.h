/*
 * Point-to-point links: rate, propagation delay, optional loss, up/down.
 * Each direction has a bounded egress FIFO served at link rate
 * (serialization of the frame plus 24 bytes of preamble, SFD, FCS and
 * inter-frame gap) and a "wire" FIFO of frames in flight; a frame is
 * delivered when its last bit arrives (serialization + delay after its
 * first bit left). A capture tap sees each frame when its first bit leaves.
 * Taking a link down loses the frames on the wire and in the egress FIFOs
 * and drops carrier on both ends at once.
 */
#ifndef NODE_LINK_H
#define NODE_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/sim_engine.h"
#include "sim/core/sim_rng.h"
#include "sim/node/node.h"

#define NODE_LINK_OVERHEAD 24 /* preamble 7 + SFD 1 + FCS 4 + IFG 12 */

struct node_link;

typedef void (*node_link_tap_fn)(void *arg, const struct node_link *l, int dir,
				 sim_time_t t, const struct net_frame *f);

struct node_link_dir {
	struct node_link *link;
	struct node_iface *from, *to;
	struct net_fifo egress;	   /* waiting to be serialized */
	struct net_fifo wire;	   /* in flight; f->t = arrival time */
	struct sim_timer tx_timer; /* next queued frame may start */
	struct sim_timer rx_timer; /* head of wire arrives */
	sim_time_t busy_until;	   /* the frame on the wire's last bit leaves */
	bool light; /* transmitter on (off while `from` is admin down) */
	uint64_t sent, delivered;
	uint64_t drop_queue, drop_loss, drop_down;
};

struct node_link {
	char name[64];
	struct node_env *env;
	uint64_t rate_bps;
	sim_time_t delay;
	uint32_t loss_ppb;
	bool up;
	struct sim_rng rng; /* loss draws, stream "link:<name>" */
	struct node_link_dir dir[2];
	node_link_tap_fn tap;
	void *tap_arg;
};

/* Create and attach a link between two unattached, non-loopback
 * interfaces (NULL on bad arguments: rate 0, negative delay, same or
 * attached interface). When up, carrier rises on both ends and each node's
 * ops->carrier is called, as for node_link_set_up(true). */
struct node_link *node_link_new(struct node_env *env, const char *name,
				struct node_iface *a, struct node_iface *b,
				uint64_t rate_bps, sim_time_t delay,
				uint32_t loss_ppb, bool up);
/* Free a link (teardown: frames dropped, carrier cleared on attached ends
 * without callbacks). */
void node_link_free(struct node_link *l);
/* Take the link down (frames on the wire and in the egress FIFOs are lost,
 * carrier drops on both ends, ops->carrier called on both) or up again
 * (carrier rises on both ends). Logged {"module":"link","event":"up|down"}.
 * A link with a detached end cannot come up. */
void node_link_set_up(struct node_link *l, bool up);
/* Turn the transmitter of direction dir on or off (a port shut down or
 * brought up): when off, frames of that direction are lost and the far
 * end (dir[dir].to) loses carrier at once, its ops->carrier being called;
 * the near end keeps its carrier. Logged "light-off" / "light-on". */
void node_link_set_light(struct node_link *l, int dir, bool on);
/* Loss probability per frame in parts per billion (logged "loss"). */
void node_link_set_loss(struct node_link *l, uint32_t loss_ppb);
/* Capture tap: fn sees every frame when its first bit leaves (lost frames
 * included); NULL removes it. */
void node_link_set_tap(struct node_link *l, node_link_tap_fn fn, void *arg);
/* Teardown of one end (node_fini): the link goes down silently (no
 * callbacks, no log), ifp is unbound; the link itself stays allocated
 * until node_link_free. */
void node_link_detach(struct node_link *l, struct node_iface *ifp);
/* Queue a frame on ifp's direction (used by node_iface_send); ownership
 * passes. False when it was dropped (link down or qmax frames waiting). */
bool node_link_send(struct node_link *l, int dir, struct net_frame *f,
		    uint32_t qmax);
/* Serialization time of a frame of len bytes on this link, ns. */
sim_time_t node_link_ser_time(const struct node_link *l, size_t len);

#endif
