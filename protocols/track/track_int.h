/*
 * Internal state of interface monitoring groups on a router, shared by
 * track.c (groups, ratios, watchers, the module) and track_cli.c (VRP
 * commands and the display).
 */
#ifndef TRACK_INT_H
#define TRACK_INT_H

#include "protocols/track/track.h"

/* One "binding interface IF" line. */
struct track_bind {
	int ifindex; /* position in the router's node->ifaces */
};

struct track_mg {
	char name[TRACK_MG_NAME_MAX + 1];
	bool enabled; /* "monitor enable" */
	struct track_bind bind[TRACK_MG_MAX_BIND];
	unsigned nbind;
	unsigned up;  /* bound interfaces oper-up at the last update */
	unsigned pct; /* ratio published last (0 while disabled) */
};

struct track_watcher {
	int id; /* 0: free slot */
	char name[TRACK_MG_NAME_MAX + 1];
	track_mg_fn fn;
	void *arg;
};

struct track_inst {
	struct router *r;
	struct track_mg *mg[TRACK_MG_MAX]; /* in creation order */
	unsigned nmg;
	struct track_watcher watch[TRACK_MAX_WATCHERS];
	int next_watch;
};

struct track_mg *track_mg_find(struct track_inst *t, const char *name);
/* NULL when TRACK_MG_MAX groups exist or out of memory. */
struct track_mg *track_mg_add(struct track_inst *t, const char *name);
void track_mg_del(struct track_inst *t, struct track_mg *g);
/* 0, or -1: already bound / TRACK_MG_MAX_BIND reached (why says). */
int track_mg_bind(struct track_inst *t, struct track_mg *g,
		  struct node_iface *ifp, char *why, size_t whylen);
/* 0, or -1 when ifp is not bound to g. */
int track_mg_unbind(struct track_inst *t, struct track_mg *g,
		    struct node_iface *ifp);
void track_mg_enable(struct track_inst *t, struct track_mg *g, bool on);
/* Bound interface i of g (never NULL for i < g->nbind). */
struct node_iface *track_mg_iface(struct track_inst *t,
				  const struct track_mg *g, unsigned i);
int track_cli_register(struct cli_registry *reg);

#endif
