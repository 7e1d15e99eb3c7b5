/*
 * The forwarding plane of a simulated router ("the ASIC"): ports with MAC
 * filters, a unicast FIB per family, an ARP/ND adjacency table, a multicast
 * FIB of (S,G) and (*,G) entries with incoming interface and outgoing
 * interface list, and per-port multicast-forwarding enable. The control
 * plane changes these tables only through a programming queue whose writes
 * cost time (served in batches, see asic_prog_*), and forwarding reads only
 * what has been programmed, so there is a real window where the control
 * plane knows a route and the hardware does not yet. Ingress frames are
 * parsed once with net_dissect, then forwarded (TTL decrement with the
 * RFC 1624 incremental checksum update for IPv4, RFC 1812 section 5.3.1;
 * hop limit for IPv6, RFC 8200 section 3), replicated (multicast), punted
 * to the control-plane CPU (a rate-limited queue) or dropped, each with a
 * per-reason counter. All timing comes from a per-model asic_profile.
 *
 * Frames are owned by whoever holds them: asic_rx and asic_inject take
 * ownership; ops->tx and ops->cp_rx hand it back to the router. Callbacks
 * may call back into the ASIC (program, inject, rx).
 */
#ifndef ASIC_H
#define ASIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_engine.h"
#include "sim/core/sim_log.h"
#include "sim/core/sim_time.h"
#include "sim/net/net_addr.h"
#include "sim/net/net_err.h"
#include "sim/net/net_frame.h"

#define ASIC_IFINDEX_NONE (-1) /* MFIB iif accepting no port (e.g. at RP) */
#define ASIC_MAX_PORTS	  4096 /* ifindex range is 0..ASIC_MAX_PORTS-1 */
#define ASIC_NAME_MAX	  32

/* Timing of one router model (named in the scenario). */
struct asic_profile {
	char name[ASIC_NAME_MAX];
	sim_time_t pipeline_latency;	/* ingress to egress, forwarded: 2us */
	sim_time_t replication_latency; /* each extra multicast copy: 100ns */
	sim_time_t punt_latency;	/* wire to CPU queue: 30us */
	sim_time_t inject_latency;	/* CPU to wire: 20us */
	uint32_t cpu_pps;	   /* CPU packets/s, 0 = unlimited: 20000 */
	uint32_t cpu_queue;	   /* CPU queue length, packets: 1024 */
	sim_time_t fib_write;	   /* per unicast FIB entry: 5us */
	sim_time_t mfib_write;	   /* per MFIB entry (plus oifs): 20us */
	sim_time_t oif_write;	   /* per outgoing interface: 10us */
	sim_time_t adj_write;	   /* per adjacency or MAC filter entry: 5us */
	sim_time_t batch_overhead; /* per programming batch: 100us */
	sim_time_t link_detect;	   /* carrier change to port event: 5ms */
	uint32_t egress_queue; /* frames per egress FIFO (link layer): 1000 */
};

/* Fill p with the defaults above (name "default"). */
void asic_profile_default(struct asic_profile *p);

/* Why a frame went to the CPU. Names: asic_punt_name. */
enum asic_punt {
	ASIC_PUNT_ARP,	       /* any ARP frame */
	ASIC_PUNT_LOCAL,       /* destination is a RECEIVE address/broadcast */
	ASIC_PUNT_PROTOCOL,    /* link-local multicast or Router Alert */
	ASIC_PUNT_NO_CACHE,    /* multicast data without an MFIB entry */
	ASIC_PUNT_WRONG_IIF,   /* multicast data on an oif of its entry */
	ASIC_PUNT_TTL_EXPIRED, /* unicast to forward with TTL/hop limit <= 1 */
	ASIC_PUNT_NO_ROUTE,    /* unicast FIB miss */
	ASIC_PUNT_GLEAN,       /* FIB hit, no adjacency (resolve ARP/ND) */
	ASIC_PUNT_MCAST_COPY,  /* copy of data on a cpu-copy MFIB entry */
	ASIC_PUNT__COUNT
};

/* Why a frame was dropped. Names: asic_drop_name. */
enum asic_drop {
	ASIC_DROP_MALFORMED,	  /* net_dissect failed; see malformed[] */
	ASIC_DROP_PORT_DOWN,	  /* ingress port admin down or no carrier */
	ASIC_DROP_NO_PORT,	  /* ifindex is not an ASIC port */
	ASIC_DROP_NOT_FOR_US,	  /* unicast dst MAC not accepted on the port */
	ASIC_DROP_LINK_BCAST,	  /* unicast IP in an L2 bcast/mcast frame */
	ASIC_DROP_UNKNOWN_PROTO,  /* 802.1Q tag, or not ARP, IPv4 or IPv6 */
	ASIC_DROP_SCOPE,	  /* IPv6 link-local destination not ours */
	ASIC_DROP_BLACKHOLE,	  /* FIB DROP entry */
	ASIC_DROP_TTL,		  /* multicast with TTL/hop limit <= 1 */
	ASIC_DROP_MCAST_DISABLED, /* multicast data on a port without mcast */
	ASIC_DROP_NO_OIF,	  /* MFIB hit, no port to replicate to */
	ASIC_DROP_EGRESS_DOWN,	  /* egress port down when the frame leaves */
	ASIC_DROP_CPU_QUEUE,	  /* CPU queue full */
	ASIC_DROP_NO_BUFFER,	  /* frame pool exhausted (replication) */
	ASIC_DROP_RESET,	  /* frame in flight at asic_reset */
	ASIC_DROP_RPF_FAIL, /* multicast data off the iif, not on an oif */
	ASIC_DROP__COUNT
};

/* The tables the programming queue writes. Names: asic_table_name. */
enum asic_table {
	ASIC_TBL_FIB,	   /* unicast route */
	ASIC_TBL_ADJ,	   /* (ifindex, IP) -> MAC */
	ASIC_TBL_MFIB,	   /* whole (S,G)/(*,G) entry, or its iif */
	ASIC_TBL_OIF,	   /* one outgoing interface of an MFIB entry */
	ASIC_TBL_MAC,	   /* extra unicast MAC accepted on a port */
	ASIC_TBL_MCAST_EN, /* per-port multicast forwarding enable */
	ASIC_TBL__COUNT
};

const char *asic_punt_name(enum asic_punt r);
const char *asic_drop_name(enum asic_drop r);
const char *asic_table_name(enum asic_table t);

enum asic_fib_kind {
	ASIC_FIB_RECEIVE,  /* own address: punt "local" */
	ASIC_FIB_ATTACHED, /* connected subnet: adjacency of the destination */
	ASIC_FIB_VIA,	   /* adjacency of nexthop on ifindex */
	ASIC_FIB_DROP,	   /* blackhole */
};

struct asic_fib_entry {
	enum asic_fib_kind kind;
	int ifindex;		 /* ATTACHED/VIA: egress port */
	struct net_addr nexthop; /* VIA: same family as the prefix */
};

/*
 * MFIB entry flags. CPU_COPY: every packet accepted on the iif is also
 * punted (ASIC_PUNT_MCAST_COPY, through the CPU queue like any punt),
 * the copy as it arrived (TTL not yet decremented); with no eligible
 * outgoing port such a packet is punted instead of dropped. A multicast
 * routing protocol uses it for Register encapsulation at a DR and for
 * new sources on a (*,G) entry.
 */
#define ASIC_MFIB_CPU_COPY 0x1u
#define ASIC_MFIB_FLAGS	   ASIC_MFIB_CPU_COPY /* every valid flag */

/* A visible MFIB entry (read-only view for walks and lookups). */
struct asic_mfib_entry {
	struct net_addr src; /* af NET_AF_NONE for (*,G) */
	struct net_addr grp;
	int iif;   /* ASIC_IFINDEX_NONE: accept on no port */
	int *oifs; /* sorted ascending, unique */
	size_t noifs;
	unsigned flags;	      /* ASIC_MFIB_* */
	sim_time_t installed; /* when the entry became visible */
	uint64_t packets;     /* data packets accepted (right iif) */
	uint64_t bytes;
};

/* A completed (now visible) write, for ops->programmed. */
struct asic_prog_done {
	uint64_t seq; /* as returned when it was queued */
	enum asic_table table;
	bool add;     /* add/replace/enable vs delete/disable */
	bool applied; /* false: delete of an absent entry, oif of no entry */
	sim_time_t queued, done;
	const char *key; /* formatted key, e.g. "(10.0.0.1,239.1.1.1) oif 2" */
};

struct asic_ops {
	/* Frame leaves the pipeline for port ifindex (f->ifindex too). */
	void (*tx)(void *ctx, int ifindex, struct net_frame *f);
	/* Punted frame served by the CPU; ifindex is the ingress port,
	 * f->reason the enum asic_punt. */
	void (*cp_rx)(void *ctx, int ifindex, enum asic_punt reason,
		      struct net_frame *f);
	/* Carrier change reported, link_detect after it happened. */
	void (*port_event)(void *ctx, int ifindex, bool up);
	/* Optional: a queued write became visible. */
	void (*programmed)(void *ctx, const struct asic_prog_done *d);
};

struct asic_port_counters {
	uint64_t rx;	     /* frames into asic_rx on this port */
	uint64_t forwarded;  /* unicast frames routed out of this port */
	uint64_t replicated; /* multicast copies out of this port */
	uint64_t injected;   /* CPU frames out of this port */
	uint64_t punted[ASIC_PUNT__COUNT];  /* by ingress port */
	uint64_t dropped[ASIC_DROP__COUNT]; /* ingress, or egress port */
};

struct asic_counters {
	struct asic_port_counters all; /* sum over ports */
	uint64_t malformed[NET_E__COUNT];
	uint64_t mcast_routed;	/* multicast packets replicated (>=1 copy) */
	uint64_t cpu_delivered; /* frames handed to ops->cp_rx */
	uint64_t cpu_max_depth; /* high-water mark of the CPU queue */
	uint64_t prog_writes[ASIC_TBL__COUNT]; /* completed writes */
	uint64_t prog_batches;
	uint64_t offloaded; /* frames handed to an offload engine */
};

struct asic;

/*
 * Create an ASIC for node_name (used in log records). p is copied; ops
 * and ctx are kept. NULL on allocation failure or a profile with a
 * negative time.
 */
struct asic *asic_new(struct sim_engine *e, struct sim_log *log,
		      struct net_frame_pool *pool, const char *node_name,
		      const struct asic_profile *p, const struct asic_ops *ops,
		      void *ctx);
/* Free everything, including frames in flight (back to the pool). */
void asic_free(struct asic *a);
const struct asic_profile *asic_profile(const struct asic *a);

/*
 * A node crash: clears every table, the programming queue, the CPU queue
 * and freeze, pending port events and every frame in flight (counted as
 * ASIC_DROP_RESET, freed to the pool); cancels timers. Ports stay with
 * their own MAC and carrier; admin state returns to up, extra MACs and
 * multicast enable are cleared. Counters are kept. Sequence numbers keep
 * increasing.
 */
void asic_reset(struct asic *a);

/* ---- ports (hardware init and physical state: immediate) ---- */

/* Add port ifindex with its own MAC and initial carrier (no event).
 * Admin state starts up. 0, or -1 if ifindex is out of range, already a
 * port, or on allocation failure. */
int asic_port_add(struct asic *a, int ifindex, const struct net_mac *mac,
		  bool carrier);
bool asic_port_exists(const struct asic *a, int ifindex);
/* Admin state (interface "shutdown"): immediate, raises no port event. */
void asic_port_admin(struct asic *a, int ifindex, bool up);
/*
 * Called by the link model at the physical moment. Forwarding sees the new
 * carrier at once (frames to or from a port without carrier are dropped);
 * ops->port_event is raised link_detect later. Every edge is reported, in
 * order, each link_detect after it happened, so a flap shorter than
 * link_detect still yields down then up. A call that does not change the
 * carrier is ignored.
 */
void asic_port_carrier(struct asic *a, int ifindex, bool up);
bool asic_port_carrier_get(const struct asic *a, int ifindex);
/* Admin up and carrier. */
bool asic_port_up(const struct asic *a, int ifindex);
/* Visible multicast-forwarding enable of the port. */
bool asic_port_mcast(const struct asic *a, int ifindex);
/* The port's own MAC, or NULL. */
const struct net_mac *asic_port_mac(const struct asic *a, int ifindex);

/* ---- data plane ---- */

/* A frame arrived on port ifindex (ownership passes). */
void asic_rx(struct asic *a, int ifindex, struct net_frame *f);
/*
 * Control plane to wire: f leaves on ifindex inject_latency later through
 * ops->tx, unchanged. Injection bypasses the CPU receive queue and its
 * rate limit (the CPU's transmit path is not modelled as a bottleneck).
 * Ownership passes.
 */
void asic_inject(struct asic *a, int ifindex, struct net_frame *f);
/*
 * Offloaded protocol engines (e.g. BFD in hardware). UDP datagrams to a
 * RECEIVE address with destination port `port` are handed to fn
 * pipeline_latency after they arrived, instead of being punted to the CPU
 * (no CPU queue, no freeze); fn takes ownership, ifindex is the ingress
 * port. fn NULL removes the port. At most ASIC_MAX_OFFLOAD ports; asic_reset
 * clears them. 0 or -1.
 */
#define ASIC_MAX_OFFLOAD 4
typedef void (*asic_offload_fn)(void *ctx, int ifindex, struct net_frame *f);
int asic_offload_udp(struct asic *a, uint16_t port, asic_offload_fn fn,
		     void *ctx);
/* Transmit from an offload engine: like asic_inject, but the frame leaves
 * pipeline_latency later (it never touches the CPU). */
void asic_inject_hw(struct asic *a, int ifindex, struct net_frame *f);

/*
 * Stop CPU service until `until` (e.g. a control-plane freeze): punted
 * frames keep arriving, the queue fills and drops; service resumes at
 * `until`. A freeze never shortens an earlier one.
 */
void asic_cpu_freeze(struct asic *a, sim_time_t until);
size_t asic_cpu_depth(const struct asic *a); /* frames waiting for CPU */

/* ---- programming queue ----
 *
 * Each call queues one write and returns its sequence number (> 0,
 * increasing), or 0 on invalid arguments or allocation failure (nothing is
 * queued). The queue is served in batches: when it is idle and writes are
 * queued, a batch starts (at the end of the current event, so writes
 * queued at the same instant share a batch) and takes every write queued
 * at that moment. The batch costs batch_overhead, then each write in order
 * its own cost, and each write becomes visible at its own completion time
 * (batch start + overhead + cumulative cost). Writes queued during a batch
 * wait for the next batch, which starts when the current one ends.
 * Costs: FIB fib_write; adjacency and MAC filter adj_write; MFIB entry
 * with k oifs mfib_write + k*oif_write (delete or iif change: mfib_write);
 * one oif or a port's multicast enable: oif_write. Every completed write
 * is logged (module "asic", event "programmed") and passed to
 * ops->programmed. Writes apply in order at completion: deleting an
 * absent entry, or an oif change of an absent MFIB entry, completes with
 * applied == false and changes nothing.
 */

/* Add or replace (e != NULL) or delete (e == NULL) a route. */
uint64_t asic_prog_fib(struct asic *a, const struct net_prefix *p,
		       const struct asic_fib_entry *e);
/* Add or replace (mac != NULL) or delete an adjacency. */
uint64_t asic_prog_adj(struct asic *a, int ifindex, const struct net_addr *ip,
		       const struct net_mac *mac);
/*
 * Add or replace an (S,G) entry, or (*,G) when src is NULL or unspecified.
 * iif is a port or ASIC_IFINDEX_NONE; oifs need not be sorted (duplicates
 * are merged). The group must be multicast, src the same family.
 */
uint64_t asic_prog_mfib(struct asic *a, const struct net_addr *src,
			const struct net_addr *grp, int iif, const int *oifs,
			size_t n);
/* The same with entry flags (ASIC_MFIB_*; asic_prog_mfib writes 0). Same
 * cost; an unknown flag is invalid (returns 0). An iif change keeps the
 * flags. */
uint64_t asic_prog_mfib_flags(struct asic *a, const struct net_addr *src,
			      const struct net_addr *grp, int iif,
			      const int *oifs, size_t n, unsigned flags);
uint64_t asic_prog_mfib_del(struct asic *a, const struct net_addr *src,
			    const struct net_addr *grp);
/* Change only the incoming interface of an entry (RPF change). */
uint64_t asic_prog_mfib_iif(struct asic *a, const struct net_addr *src,
			    const struct net_addr *grp, int iif);
/* Add or remove one outgoing interface of an entry. */
uint64_t asic_prog_oif(struct asic *a, const struct net_addr *src,
		       const struct net_addr *grp, int ifindex, bool add);
/* Accept (or stop accepting) unicast frames to mac on a port. */
uint64_t asic_prog_mac(struct asic *a, int ifindex, const struct net_mac *mac,
		       bool add);
/* Multicast forwarding on a port (ingress and egress of routed data). */
uint64_t asic_prog_mcast_enable(struct asic *a, int ifindex, bool on);

size_t asic_prog_depth(const struct asic *a); /* writes not yet visible */
/* When the last write queued so far will be visible; now when idle. */
sim_time_t asic_prog_idle_at(const struct asic *a);
/* Sequence number of the last visible write (0: none yet). Writes become
 * visible in sequence order. */
uint64_t asic_prog_last_done(const struct asic *a);

/* ---- visible table state (what forwarding uses) ---- */

/* Longest-prefix match; match may be NULL. */
bool asic_fib_lookup(const struct asic *a, const struct net_addr *dst,
		     struct net_prefix *match, struct asic_fib_entry *out);
bool asic_adj_lookup(const struct asic *a, int ifindex,
		     const struct net_addr *ip, struct net_mac *out);
/* Exact entry (src NULL or unspecified: (*,G)); NULL when absent. */
const struct asic_mfib_entry *asic_mfib_find(const struct asic *a,
					     const struct net_addr *src,
					     const struct net_addr *grp);
size_t asic_fib_count(const struct asic *a, enum net_af af);
size_t asic_adj_count(const struct asic *a);
size_t asic_mfib_count(const struct asic *a);

typedef void (*asic_fib_walk_fn)(void *arg, const struct net_prefix *p,
				 const struct asic_fib_entry *e);
typedef void (*asic_adj_walk_fn)(void *arg, int ifindex,
				 const struct net_addr *ip,
				 const struct net_mac *mac);
typedef void (*asic_mfib_walk_fn)(void *arg, const struct asic_mfib_entry *e);

/* Dumps for display, in a stable order; the callback must not program
 * or otherwise change the ASIC. FIB: by prefix (address, then length);
 * adjacencies: by (ifindex, address); MFIB: by (group, source) with (*,G)
 * before (S,G), IPv4 before IPv6. af NET_AF_NONE walks both families. */
void asic_fib_walk(const struct asic *a, enum net_af af, asic_fib_walk_fn fn,
		   void *arg);
void asic_adj_walk(const struct asic *a, asic_adj_walk_fn fn, void *arg);
void asic_mfib_walk(const struct asic *a, enum net_af af, asic_mfib_walk_fn fn,
		    void *arg);

/* ---- counters ---- */

const struct asic_counters *asic_counters(const struct asic *a);
/* NULL when ifindex is not a port. */
const struct asic_port_counters *asic_port_counters(const struct asic *a,
						    int ifindex);

#endif
