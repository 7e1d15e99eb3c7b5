/*
 * IGMP and MLD on a router: the module that runs one group membership
 * interface (protocols/gmp/gmp.h) per interface and family where `igmp
 * enable` / `mld enable` is configured, while the interface is up and
 * multicast routing is on for the family. It receives IGMP (IP protocol 2)
 * and MLD (ICMPv6 types 130, 131, 132, 143) and checks what RFC 3376
 * sections 4 and 9, RFC 2236 section 2, RFC 3810 section 5 and RFC 2710
 * section 3 ask of a router before the core sees a message; it sends the
 * core's queries with TTL/Hop Limit 1 and Router Alert; it answers the
 * router's membership question (RFC 3376 section 6.3, RFC 3810 section
 * 7.3) so multicast reaches interfaces with listeners; it registers the
 * VRP commands and displays. Other modules (PIM, RBS) follow membership
 * with gmp_router_watch and reach an interface with gmp_router_if. Hot
 * backup makes an interface passive and keeps it running while VRRP holds
 * it down (gmp_router_set_backup).
 */
#ifndef GMP_ROUTER_H
#define GMP_ROUTER_H

#include <stdbool.h>

#include "protocols/gmp/gmp.h"
#include "sim/router/router.h"

#define GMP_ROUTER_MAX_WATCH 16

extern const struct router_module gmp_module;

/*
 * The group membership interface of (ifp, af) on r: NULL when r is down or
 * `igmp enable` (af NET_AF_IP4) / `mld enable` (NET_AF_IP6) is not
 * configured there. It exists while configured, running or not
 * (gmp_if_running says which); it goes at `undo igmp enable` and at a
 * crash.
 */
struct gmp_if *gmp_router_if(struct router *r, struct node_iface *ifp,
			     enum net_af af);

/* The interface a gmp_if runs on (for watchers), or NULL. */
struct node_iface *gmp_router_ifp(struct router *r, const struct gmp_if *gi);

/*
 * Follow membership on every interface of r, present and future, both
 * families: fn gets what gmp_if_listen listeners get. Records that exist
 * already are told at once as GMP_ADDED (the group, then each of its
 * sources). 0, or -1 when r is down or GMP_ROUTER_MAX_WATCH watchers
 * exist. A watcher may unwatch itself from its callback.
 */
int gmp_router_watch(struct router *r, gmp_listen_fn fn, void *arg);
void gmp_router_unwatch(struct router *r, gmp_listen_fn fn, void *arg);

/*
 * Follow host messages: fn(arg, gi, group) once a report or leave naming
 * group has been processed on gi, whatever it changed. A report that
 * only refreshes timers changes no membership, so gmp_router_watch says
 * nothing of it; hot backup sends the refreshed timers to its peer. Not
 * called for messages dropped, nor on a passive interface. 0, or -1 when
 * r is down or GMP_ROUTER_MAX_WATCH report watchers exist.
 */
typedef void (*gmp_report_fn)(void *arg, struct gmp_if *gi,
			      const struct net_addr *group);
int gmp_router_watch_reports(struct router *r, gmp_report_fn fn, void *arg);
void gmp_router_unwatch_reports(struct router *r, gmp_report_fn fn, void *arg);

/*
 * Hot backup (protocols/rbs, RBP) on (ifp, af), whether IGMP/MLD is
 * enabled there yet or not:
 *   passive: the profile is Backup: the interface runs passive
 *     (gmp_if_set_passive: no queries, host messages ignored and
 *     counted, records kept and run down with their timers);
 *   hold_keep: the interface is bound to a profile: while a protocol
 *     holds it down (router_iface_hold, VRRP flowdown) and its link is
 *     up (router_iface_link_up), it keeps running, passive whatever
 *     passive says, with its records, so that imports land and PIM
 *     keeps pulling what they want. Carrier loss and shutdown still
 *     stop it.
 * 0, or -1 when r is down or out of memory.
 */
int gmp_router_set_backup(struct router *r, struct node_iface *ifp,
			  enum net_af af, bool passive, bool hold_keep);
/* Whether (ifp, af) runs passive now. */
bool gmp_router_passive(struct router *r, struct node_iface *ifp,
			enum net_af af);

/* Records learned from a peer (RBS hot backup), see gmp_if_import. -1
 * when (ifp, af) has no running interface. */
int gmp_router_import(struct router *r, struct node_iface *ifp,
		      const struct gmp_import *e);
int gmp_router_import_remove(struct router *r, struct node_iface *ifp,
			     const struct net_addr *group);

#endif
