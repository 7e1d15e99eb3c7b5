/*
 * Small test worlds for sim/node and the modules above it (router tests):
 * one engine, event log, frame pool and env per world; helpers to add
 * hosts, switches and probe nodes and to cable them; every event-log record
 * kept in memory for assertions; probe nodes that record what they receive
 * and inject raw frames; link captures. The world owns what it creates and
 * checks on teardown that no frame and no timer was leaked. Not cmocka
 * specific: misuse (bad address strings, allocation failure) aborts with a
 * message. Set NODE_TW_VERBOSE=1 to print the event log to stderr.
 */
#ifndef NODE_TESTLIB_H
#define NODE_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/sim_engine.h"
#include "sim/core/sim_log.h"
#include "sim/net/net_addr.h"
#include "sim/net/net_frame.h"
#include "sim/node/node.h"
#include "sim/node/node_link.h"

#define NODE_TW_MAX 64 /* nodes, links and captures per world */

struct node_tw_rec {
	sim_time_t t;
	char node[NODE_NAME_MAX];
	char module[32];
	char event[48];
	struct sim_log_rec rec; /* json copy, for sim_log_field */
};

/* A frame seen by a probe or a capture. */
struct node_tw_frame {
	sim_time_t t; /* probe: arrival; capture: first bit */
	int ifindex;  /* probe: ingress interface */
	int dir;      /* capture: link direction */
	uint16_t len;
	uint8_t data[NET_FRAME_MAX];
};

struct node_tw_cap {
	struct node_link *link;
	struct node_tw_frame *v;
	size_t n, cap;
};

struct node_tw {
	struct sim_engine *eng;
	struct sim_log log;
	struct net_frame_pool pool;
	struct node_env env;
	struct node *nodes[NODE_TW_MAX];
	int nnodes;
	struct node_link *links[NODE_TW_MAX];
	int nlinks;
	struct node_tw_cap caps[NODE_TW_MAX];
	int ncaps;
	struct node_tw_rec *recs;
	size_t nrecs, caprecs;
	bool verbose;
};

struct node_tw *node_tw_new(uint64_t seed);
/* Free links, nodes and the world. True when no frame or timer leaked
 * (a leak is printed on stderr). */
bool node_tw_free(struct node_tw *w);

/* Register a node built elsewhere (e.g. a router) for teardown. */
struct node *node_tw_add(struct node_tw *w, struct node *n);
/* A host with one interface ifname; ip4 ("10.0.0.1/24"), gw4, ip6
 * ("2001:db8::1/64") and gw6 may be NULL. */
struct node *node_tw_host(struct node_tw *w, const char *name,
			  const char *ifname, const char *ip4, const char *gw4,
			  const char *ip6, const char *gw6);
/* A switch with ports "p0".."p<nports-1>" (ageing 0: default). */
struct node *node_tw_switch(struct node_tw *w, const char *name, int nports,
			    sim_time_t ageing);
/* Cable a:ifa to b:ifb (interfaces created when missing: host interfaces
 * through node_host_iface_add). Up at once. */
struct node_link *node_tw_link(struct node_tw *w, const char *name,
			       struct node *a, const char *ifa, struct node *b,
			       const char *ifb, uint64_t rate_bps,
			       sim_time_t delay);

void node_tw_run(struct node_tw *w, sim_time_t until);
void node_tw_run_for(struct node_tw *w, sim_time_t dt);
static inline sim_time_t node_tw_now(const struct node_tw *w)
{
	return sim_now(w->eng);
}

/* Log records matching node (NULL: any), module and event (NULL: any). */
size_t node_tw_count(const struct node_tw *w, const char *node,
		     const char *module, const char *event);
/* The nth (0-based) such record, or NULL. */
const struct node_tw_rec *node_tw_find(const struct node_tw *w,
				       const char *node, const char *module,
				       const char *event, size_t nth);
/* A field of a record as a string (false when absent) or an integer
 * (dflt when absent or not a number). */
bool node_tw_field(const struct node_tw_rec *r, const char *key, char *buf,
		   size_t len);
int64_t node_tw_field_int(const struct node_tw_rec *r, const char *key,
			  int64_t dflt);
void node_tw_clear_log(struct node_tw *w);

/* Probe: a node that records every frame it receives (carrier sets oper). */
struct node *node_tw_probe(struct node_tw *w, const char *name);
size_t node_tw_probe_count(const struct node *probe);
const struct node_tw_frame *node_tw_probe_frame(const struct node *probe,
						size_t i);
void node_tw_probe_clear(struct node *probe);
/* Send len bytes as a frame out of ifname. 0 or -1. */
int node_tw_probe_send(struct node *probe, const char *ifname, const void *data,
		       size_t len);

/* Capture every frame put on link (both directions). */
struct node_tw_cap *node_tw_capture(struct node_tw *w, struct node_link *l);

/* Parse helpers that abort on a malformed string. */
struct net_addr node_tw_addr(const char *s);
struct net_ip4 node_tw_ip4(const char *s);
struct net_ip6 node_tw_ip6(const char *s);
struct net_mac node_tw_mac(const char *s);

#endif
