/*
 * Nodes and interfaces: what routers, switches and hosts have in common.
 * A node reaches the world only through its node_env (engine, event log,
 * frame pool) and its own random stream (STYLE.md point 1). Interfaces carry
 * a MAC, IPv4 and IPv6 addresses (an EUI-64 link-local address is generated
 * from the MAC), admin state (configuration), carrier (physical, from the
 * link) and oper state (what the node believes, after detection), and
 * counters. Node timers are gated by a control-plane freeze: a timer due
 * while its node is frozen fires when the freeze ends, in arming order.
 */
#ifndef NODE_H
#define NODE_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/sim_engine.h"
#include "sim/core/sim_log.h"
#include "sim/core/sim_rng.h"
#include "sim/net/net_addr.h"
#include "sim/net/net_err.h"
#include "sim/net/net_frame.h"

#define NODE_NAME_MAX	  32
#define NODE_IFNAME_MAX	  48
#define NODE_MAX_ADDR4	  8
#define NODE_MAX_ADDR6	  8
#define NODE_DEFAULT_QMAX 1000

struct node;
struct node_iface;
struct node_link;

/* Everything a node may touch outside itself; one per simulation. */
struct node_env {
	struct sim_engine *eng;
	struct sim_log *log;
	struct net_frame_pool *pool;
	uint64_t seed; /* scenario seed: node streams derive from it */
};

enum node_kind { NODE_ROUTER, NODE_SWITCH, NODE_HOST, NODE_KIND__COUNT };

struct node_addr4 {
	struct net_ip4 addr;
	uint8_t plen;
	bool sub; /* VRP "sub": secondary address */
};

struct node_addr6 {
	struct net_ip6 addr;
	uint8_t plen;
	bool link_local;
	bool auto_ll; /* generated from the MAC, not configured */
};

struct node_if_counters {
	uint64_t rx_frames, rx_bytes;
	uint64_t tx_frames, tx_bytes;
	uint64_t rx_mcast, tx_mcast;
	uint64_t rx_drops; /* arrived while down or malformed */
	uint64_t tx_drops; /* egress queue full or link down */
};

struct node_iface {
	/* Hot on every frame: kept together at the front. */
	struct node *node;
	int ifindex;   /* position in node->ifaces */
	bool loopback; /* LoopBack/NULL: no link, always up unless shut */
	bool admin_up; /* not "shutdown" */
	bool carrier;  /* physical: attached link is up */
	bool oper_up;  /* as the node believes: admin && detected carrier */
	struct node_link *link; /* NULL when unattached */
	int link_dir;	      /* which direction of link this iface sends on */
	uint32_t egress_qmax; /* frames in the egress FIFO */
	struct node_if_counters cnt;
	void *priv; /* the node kind's per-interface state */
	struct net_mac mac;
	char name[NODE_IFNAME_MAX];
	struct node_addr4 addr4[NODE_MAX_ADDR4];
	int n4;
	struct node_addr6 addr6[NODE_MAX_ADDR6];
	int n6;
	bool ipv6_enabled;
};

struct node_ops {
	const char *kind_name;
	/* A whole frame arrived on ifp (ownership passes to the node). */
	void (*rx)(struct node *n, struct node_iface *ifp, struct net_frame *f);
	/* Physical carrier changed on ifp, at the moment it happens. */
	void (*carrier)(struct node *n, struct node_iface *ifp, bool up);
	/* Fault injection: lose all state, stay silent (no carrier change). */
	void (*crash)(struct node *n);
	/* Fault injection: boot again from the startup configuration. */
	void (*restart)(struct node *n);
	void (*destroy)(struct node *n);
};

struct node {
	const struct node_ops *ops;
	bool crashed; /* next to ops: read on every frame */
	enum node_kind kind;
	char name[NODE_NAME_MAX];
	struct node_env *env;
	struct sim_rng rng;
	struct node_iface **ifaces;
	int nifaces;
	sim_time_t frozen_until; /* control plane frozen while now < this */
	uint64_t drops[NET_E__COUNT];
};

/* Timers of a node's control plane, gated by freeze (see top). */
struct node_timer {
	struct sim_timer t;
	struct node *node;
	void (*fn)(struct node_timer *nt);
	bool hw; /* runs in hardware (e.g. offloaded BFD): not frozen */
};

void node_init(struct node *n, const struct node_ops *ops, enum node_kind kind,
	       const char *name, struct node_env *env);
/* Free the interfaces (detaching them from their links, see
 * node_link_detach); the kind's destroy frees the node itself. */
void node_fini(struct node *n);
void node_destroy(struct node *n);

/* Add an interface; the MAC is derived from the node name and ifindex
 * unless mac is given. Names starting "LoopBack" or "NULL" are loopbacks
 * (carrier and oper up, no link). Starts admin up, carrier down until a link
 * attaches. Returns NULL on allocation failure, an empty or a duplicate
 * name. */
struct node_iface *node_iface_add(struct node *n, const char *name,
				  const struct net_mac *mac);
struct node_iface *node_iface_find(const struct node *n, const char *name);

/* Deterministic locally administered MAC for (node name, ifindex):
 * 02 followed by the low 40 bits of FNV-1a-64(name, NUL, ifindex BE32). */
struct net_mac node_mac_derive(const char *node_name, int ifindex);

/* Address management; the link-local address is added by
 * node_iface_ipv6_enable (EUI-64 from the MAC, RFC 4291 appendix A).
 * Return 0, -EINVAL (bad prefix length or a multicast IPv6 address),
 * -EEXIST, -ENOSPC (NODE_MAX_ADDR4/6 reached) or -ENOENT (delete). */
int node_iface_add_addr4(struct node_iface *ifp, const struct net_ip4 *a,
			 uint8_t plen, bool sub);
int node_iface_del_addr4(struct node_iface *ifp, const struct net_ip4 *a);
int node_iface_add_addr6(struct node_iface *ifp, const struct net_ip6 *a,
			 uint8_t plen);
int node_iface_del_addr6(struct node_iface *ifp, const struct net_ip6 *a);
void node_iface_ipv6_enable(struct node_iface *ifp, bool on);
bool node_iface_has_addr4(const struct node_iface *ifp,
			  const struct net_ip4 *a);
bool node_iface_has_addr6(const struct node_iface *ifp,
			  const struct net_ip6 *a);
/* Primary IPv4 address (first non-sub) or NULL. */
const struct node_addr4 *node_iface_primary4(const struct node_iface *ifp);
/* Link-local address or NULL. */
const struct node_addr6 *node_iface_link_local(const struct node_iface *ifp);
/* First global (not link-local) IPv6 address or NULL. */
const struct node_addr6 *node_iface_global6(const struct node_iface *ifp);
/* The address whose prefix holds dst (longest prefix wins), or NULL: dst is
 * on-link through ifp. */
const struct node_addr4 *node_iface_onlink4(const struct node_iface *ifp,
					    const struct net_ip4 *dst);
const struct node_addr6 *node_iface_onlink6(const struct node_iface *ifp,
					    const struct net_ip6 *dst);

/* Transmit a frame out of ifp through its link (ownership passes). A
 * crashed node sends nothing (nothing counted); an admin-down, carrier-down
 * or unattached interface, or a full egress FIFO, drops and counts
 * cnt.tx_drops. Oper state is not checked here: not sending while the node
 * believes the interface is down is the caller's business. */
void node_iface_send(struct node_iface *ifp, struct net_frame *f);

/* Log helpers: begin a record for this node ("node" field filled). */
void node_log_begin(struct sim_log_rec *r, const struct node *n,
		    const char *module, const char *event);
static inline sim_time_t node_now(const struct node *n)
{
	return sim_now(n->env->eng);
}
static inline bool node_frozen(const struct node *n)
{
	return node_now(n) < n->frozen_until;
}

/* Node timers (freeze-gated). */
int node_timer_init(struct node *n, struct node_timer *nt,
		    void (*fn)(struct node_timer *nt));
void node_timer_fini(struct node_timer *nt);
void node_timer_arm(struct node_timer *nt, sim_time_t deadline);
void node_timer_arm_in(struct node_timer *nt, sim_time_t delay);
void node_timer_cancel(struct node_timer *nt);
bool node_timer_armed(const struct node_timer *nt);

/* Interface oper state changes go through here: logs "iface oper-up/down"
 * (with "iface" and "why") only when the state changes. */
void node_iface_set_oper(struct node_iface *ifp, bool up, const char *why);
/* Set admin state, turn the port's transmitter off/on (the peer loses or
 * regains carrier, node_link_set_light) and set oper = admin && carrier
 * (why "shutdown" or "undo-shutdown"); for kinds without detection delay
 * (hosts, switches). */
void node_iface_set_admin(struct node_iface *ifp, bool up);

#endif
