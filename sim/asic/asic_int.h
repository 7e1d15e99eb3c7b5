/*
 * Private state of the ASIC model, shared by its source files: ports, the
 * visible tables (unicast FIB in a route_lpm trie, adjacencies and MFIB in
 * intrusive hash tables), the programming queue, the egress pipeline (a
 * binary heap of frames ordered by departure time and arrival order), the
 * punt path and CPU queue, and the queue of pending port events. Not part
 * of the public API: routers use asic.h only.
 */
#ifndef ASIC_INT_H
#define ASIC_INT_H

#include "sim/asic/asic.h"
#include "sim/net/net_dissect.h"
#include "sim/route/route_lpm.h"

/* ---- intrusive hash table (asic_tab.c) ---- */

struct asic_hnode {
	struct asic_hnode *next;
	uint32_t hash;
};

struct asic_htab {
	struct asic_hnode **b; /* buckets, a power of two of them */
	size_t mask;	       /* buckets - 1 */
	size_t n;	       /* entries */
};

typedef bool (*asic_heq_fn)(const struct asic_hnode *n, const void *key);

int asic_htab_init(struct asic_htab *t);
void asic_htab_fini(struct asic_htab *t); /* entries are the caller's */
struct asic_hnode *asic_htab_find(const struct asic_htab *t, uint32_t hash,
				  asic_heq_fn eq, const void *key);
/* Insert (the caller checked it is absent); grows when it can. */
void asic_htab_insert(struct asic_htab *t, struct asic_hnode *n);
void asic_htab_remove(struct asic_htab *t, struct asic_hnode *n);
/* A malloc'ed array of every node (for sorted walks); NULL when empty or
 * out of memory (*n is 0 then). */
struct asic_hnode **asic_htab_collect(const struct asic_htab *t, size_t *n);
uint32_t asic_hash_bytes(uint32_t h, const void *p, size_t n);

/* ---- visible tables ---- */

struct asic_adj {
	struct asic_hnode hn;
	int ifindex;
	struct net_addr ip;
	struct net_mac mac;
};

struct asic_mfib {
	struct asic_hnode hn;
	struct asic_mfib_entry e;
};

struct asic_port {
	bool present;
	bool admin;   /* not shut down */
	bool carrier; /* physical, as the link model says */
	bool mcast;   /* multicast forwarding enabled (programmed) */
	struct net_mac mac;
	struct net_mac *macs; /* extra accepted unicast MACs (programmed) */
	size_t nmacs, capmacs;
	struct asic_port_counters cnt;
};

/* ---- programming queue (asic_prog.c) ---- */

enum asic_mfib_op { ASIC_MOP_SET, ASIC_MOP_DEL, ASIC_MOP_IIF };

struct asic_write {
	struct asic_write *next;
	uint64_t seq;
	enum asic_table table;
	bool add;
	enum asic_mfib_op mop;	   /* ASIC_TBL_MFIB only */
	sim_time_t queued;	   /* when asic_prog_* was called */
	sim_time_t cost;	   /* ns, from the profile */
	sim_time_t done;	   /* completion, set when its batch starts */
	int ifindex;		   /* adj, oif, mac, mcast, mfib iif */
	struct net_prefix prefix;  /* fib */
	struct asic_fib_entry fib; /* fib add */
	struct net_addr a1, a2;	   /* adj: ip; mfib/oif: src, grp */
	struct net_mac mac;	   /* adj, mac */
	int *oifs;		   /* mfib set: sorted, unique */
	size_t noifs;
	unsigned mflags; /* mfib set: ASIC_MFIB_* */
};

struct asic_wq {
	struct asic_write *head, *tail;
	size_t n;
};

/* ---- egress pipeline (asic_fwd.c) ---- */

enum asic_egress_kind {
	ASIC_EG_FWD,
	ASIC_EG_REPL,
	ASIC_EG_INJECT,
	ASIC_EG_OFFLOAD, /* to an offload engine, not out of a port */
};

struct asic_egress {
	sim_time_t t;
	uint64_t seq;
	struct net_frame *f; /* f->ifindex: egress port, f->reason: kind */
};

struct asic_port_ev {
	sim_time_t t;
	int ifindex;
	bool up;
};

struct asic {
	struct sim_engine *eng;
	struct sim_log *log;
	struct net_frame_pool *pool;
	char node[ASIC_NAME_MAX];
	struct asic_profile prof;
	struct asic_ops ops;
	void *ctx;

	struct asic_port *ports; /* indexed by ifindex */
	int nports;		 /* length of ports[] */

	struct rt_lpm *fib; /* values: struct asic_fib_entry * */
	struct asic_htab adj;
	struct asic_htab mfib;

	/* programming queue */
	struct asic_wq pending; /* waiting for the next batch */
	struct asic_wq batch;	/* current batch, done times known */
	sim_time_t pending_cost;
	struct sim_timer prog_timer; /* batch start or head completion */
	uint64_t prog_seq;	     /* last sequence number given */
	uint64_t prog_done_seq;	     /* last write made visible */

	/* egress pipeline: binary heap on (t, seq) */
	struct asic_egress *eg;
	size_t neg, capeg;
	uint64_t eg_seq;
	struct sim_timer eg_timer;

	/* offload engines, by UDP destination port */
	struct {
		uint16_t port;
		asic_offload_fn fn;
		void *ctx;
	} offload[ASIC_MAX_OFFLOAD];

	/* punt path and CPU */
	struct net_fifo punt; /* in flight to the CPU; f->t arrival */
	struct sim_timer punt_timer;
	struct net_fifo cpuq; /* waiting for service */
	struct sim_timer cpu_timer;
	sim_time_t cpu_next;   /* earliest next service */
	sim_time_t cpu_frozen; /* no service before this */
	uint64_t cpu_rem;      /* remainder carry of 1e9 / cpu_pps */

	/* carrier edges waiting for link_detect */
	struct asic_port_ev *pev; /* ring */
	size_t pev_head, pev_n, pev_cap;
	struct sim_timer pev_timer;

	struct asic_counters cnt;
};

/* asic.c */
struct asic_port *asic_port_get(const struct asic *a, int ifindex);
void asic_count_drop(struct asic *a, int ifindex, enum asic_drop r);
void asic_drop_frame(struct asic *a, int ifindex, enum asic_drop r,
		     struct net_frame *f);

/* asic_tab.c: visible tables */
int asic_tables_init(struct asic *a);
void asic_tables_clear(struct asic *a);
void asic_tables_fini(struct asic *a);
struct asic_adj *asic_adj_get(const struct asic *a, int ifindex,
			      const struct net_addr *ip);
struct asic_mfib *asic_mfib_get(const struct asic *a,
				const struct net_addr *src,
				const struct net_addr *grp);
/* Apply one completed write; returns whether it changed anything. */
bool asic_tables_apply(struct asic *a, struct asic_write *w);
void asic_port_macs_clear(struct asic_port *p);
bool asic_port_accepts(const struct asic_port *p, const struct net_mac *m);
/* (*,G) source key: af NET_AF_NONE, zero bytes. */
void asic_star_src(struct net_addr *src);

/* asic_prog.c */
int asic_prog_init(struct asic *a);
void asic_prog_clear(struct asic *a);
void asic_prog_fini(struct asic *a);

/* asic_egress.c */
int asic_egress_init(struct asic *a);
void asic_egress_clear(struct asic *a);
void asic_egress_fini(struct asic *a);
/* Queue f to leave on f->ifindex at time t (kind in f->reason). */
/* asic_cpu.c */
void asic_inject_after(struct asic *a, int ifindex, struct net_frame *f,
		       sim_time_t latency);

/* asic_offload.c */
bool asic_offload_match(const struct asic *a, const struct net_pkt_info *pi);
void asic_offload_deliver(struct asic *a, struct net_frame *f);
void asic_offload_clear(struct asic *a);

void asic_egress_push(struct asic *a, struct net_frame *f, sim_time_t t,
		      enum asic_egress_kind kind);

/* asic_cpu.c */
int asic_cpu_init(struct asic *a);
void asic_cpu_clear(struct asic *a);
void asic_cpu_fini(struct asic *a);
void asic_punt(struct asic *a, int ifindex, enum asic_punt r,
	       struct net_frame *f);

#endif
