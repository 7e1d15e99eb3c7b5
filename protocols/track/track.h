/*
 * Interface monitoring groups (Huawei VRP "monitor-group"): a named set of
 * interfaces, typically a router's uplinks, whose share of oper-down
 * members is tracked so that other protocols can react when the uplinks
 * fail (VRRP's "track monitor-group ... failure-ratio R"). Configured with
 * `monitor-group NAME`, `monitor enable` and `binding interface IF`; the
 * down ratio is recomputed at every interface state change the router
 * reports and at every configuration change, logged, and published to
 * watchers (track_mg_watch). No RFC: a vendor feature (see README.md).
 */
#ifndef TRACK_H
#define TRACK_H

#include "sim/router/router.h"

#define TRACK_MG_NAME_MAX  31 /* VRP: 1-31 characters */
#define TRACK_MG_MAX_BIND  32 /* interfaces bound to one group */
#define TRACK_MG_MAX	   64 /* groups on one router */
#define TRACK_MAX_WATCHERS 64

extern const struct router_module track_module;

struct track_inst;

/* Monitoring groups on router r; NULL while r is down. */
struct track_inst *track_inst(struct router *r);

/*
 * The group's down ratio fn receives: 100 * (bound interfaces oper-down) /
 * (bound interfaces), rounded down; 0 for a group that is disabled, has
 * no interface, or does not exist.
 */
typedef void (*track_mg_fn)(void *arg, const char *name, unsigned down_pct);

/*
 * Follow the group `name` now and when it is created later: fn is called
 * at once when the group exists, when the group is created, and at every
 * change of its ratio (with 0 when the group is disabled or deleted).
 * Returns a watch id (> 0), or -1 (t or fn NULL, bad name, no free slot).
 */
int track_mg_watch(struct track_inst *t, const char *name, track_mg_fn fn,
		   void *arg);
/* Stop a watch (ids that are not in use are ignored). */
void track_mg_unwatch(struct track_inst *t, int id);

/* The group's ratio now (0-100, 0 when disabled), or -1 when absent. */
int track_mg_ratio(struct track_inst *t, const char *name);

#endif
