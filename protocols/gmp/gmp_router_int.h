/*
 * Internal state of IGMP/MLD on a router, shared by gmp_router.c (module,
 * receive checks, transmit, forwarding and watchers), gmp_cli.c (VRP
 * commands) and gmp_display.c (displays). No RFC logic lives here.
 */
#ifndef GMP_ROUTER_INT_H
#define GMP_ROUTER_INT_H

#include "protocols/gmp/gmp_router.h"

/* VRP defaults (Huawei VRP8 "display default-parameter igmp|mld"). */
#define GMP_VRP_IGMP_VERSION 2
#define GMP_VRP_MLD_VERSION  2
#define GMP_VRP_IGMP_QI	     SIM_S(60)
#define GMP_VRP_MLD_QI	     SIM_S(125)

/* IGMP (af NET_AF_IP4) or MLD (NET_AF_IP6) on one interface. */
struct gmp_rif {
	struct gmp_inst *g;
	int ifindex;
	enum net_af af;
	/* Configuration: every value as configured or defaulted; addr is
	 * filled in when the interface runs. */
	struct gmp_if_cfg cfg;
	struct gmp_if *gi; /* while `igmp enable` / `mld enable` is set */
	/* Why it does not run (for display), "" while it runs. */
	const char *down_why;
	/* Resynchronise with the interface (address, multicast routing)
	 * after the current event: armed when a change is seen from where
	 * the core cannot be re-entered (a send, a commit). */
	struct node_timer sync;
	uint64_t rec_ignored; /* v3 report records ignored (group rules) */
	uint64_t own_ignored; /* our own queries heard back */
	/* Hot backup (gmp_router_set_backup): passive while the profile is
	 * Backup; hold_keep: keep running (passive) while a protocol holds
	 * the interface down. */
	bool passive, hold_keep;
};

struct gmp_watcher {
	gmp_listen_fn fn;
	void *arg;
};

struct gmp_report_watcher {
	gmp_report_fn fn;
	void *arg;
};

struct gmp_inst {
	struct router *r;
	struct gmp_rif **rif;
	size_t nrif, caprif;
	struct gmp_watcher watch[GMP_ROUTER_MAX_WATCH];
	struct gmp_report_watcher rwatch[GMP_ROUTER_MAX_WATCH];
	struct gmp_msg msg; /* decode buffer (large: not on the stack) */
};

struct gmp_inst *gmp_inst(struct router *r);
struct node_iface *gmp_rif_iface(const struct gmp_rif *rif);
struct gmp_rif *gmp_rif_find(struct gmp_inst *g, int ifindex, enum net_af af);
/* Find or create (configuration defaults of the family); NULL on
 * allocation failure. */
struct gmp_rif *gmp_rif_get(struct gmp_inst *g, int ifindex, enum net_af af);
/* Turn `igmp enable` on (creates the core interface) or off (frees it,
 * listeners told of every record). 0 or -1. */
int gmp_rif_enable(struct gmp_rif *rif, bool on);
/* Push rif->cfg to the core (after a command changed it). */
void gmp_rif_apply(struct gmp_rif *rif);
/* Start or stop the core as the interface, its address and multicast
 * routing say; follows address changes. */
void gmp_rif_sync(struct gmp_rif *rif);
/* The same, after the current event (the whole commit applied first). */
void gmp_rif_sync_later(struct gmp_rif *rif);
/* Why the interface cannot run ("the interface is down", ...), or NULL
 * with *addr the address it runs with (primary IPv4 / link-local). */
const char *gmp_rif_unusable(const struct gmp_rif *rif, struct net_addr *addr);

int gmp_cli_register(struct cli_registry *reg);
int gmp_display_register(struct cli_registry *reg);

#endif
