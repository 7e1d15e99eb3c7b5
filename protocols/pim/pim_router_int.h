/*
 * Internal state of PIM-SM on a router, shared by pim_router.c (module,
 * engine life, interfaces, membership), pim_router_io.c (the engine's
 * ops, reception checks, data punts), pim_cli.c (VRP commands) and
 * pim_display.c (displays). No RFC logic lives here.
 */
#ifndef PIM_ROUTER_INT_H
#define PIM_ROUTER_INT_H

#include "protocols/pim/pim_pkt.h"
#include "protocols/pim/pim_router.h"

/* Interface parameters, configurable per interface (`pim hello-option
 * dr-priority 5`) and, as defaults for every interface, in the `pim` /
 * `pim-ipv6` view (`hello-option dr-priority 5`); the interface value
 * wins. */
enum pim_iparam {
	PIM_P_HELLO,	 /* Hello_Period, ns */
	PIM_P_HOLDTIME,	 /* Hello Holdtime, ns */
	PIM_P_DR_PRIO,	 /* DR Priority */
	PIM_P_LAN_DELAY, /* Propagation_Delay, ns */
	PIM_P_OVERRIDE,	 /* t_override, ns */
	PIM_P_TRIGGERED, /* Triggered_Hello_Delay, ns */
	PIM_P_JP_HOLD,	 /* J/P Holdtime sent, ns */
	PIM_P__COUNT
};

struct pim_knob {
	bool set;
	int64_t v; /* ns for times */
};

struct pim_fam;

/* PIM on one (interface, family). */
struct pim_rif {
	struct pim_fam *f;
	int ifindex;
	bool sm; /* `pim sm` / `pim ipv6 sm` */
	bool ignore_dr, ignore_assert;
	struct pim_knob k[PIM_P__COUNT];
	bool added;	      /* given to the engine (pim_if_add) */
	struct net_addr addr; /* the address it was added with */
	const char *down_why; /* "" while it runs */
	uint64_t drops[PIM_RX__COUNT];
};

/* A local membership record: IGMP/MLD (gmp_router_watch) and static
 * groups merged, as told to the engine (pim_local_member). */
struct pim_mbr {
	int ifindex;
	struct net_addr grp, src; /* src unspecified: (*,G) */
	bool gmp, gmp_incl;	  /* IGMP/MLD: present, include */
	bool stat, seen;	  /* a static group; seen by the last scan */
	bool told, told_incl;	  /* what the engine knows */
};

/* One family: configuration, the engine while it runs. */
struct pim_fam {
	struct pim_inst *g;
	enum net_af af;
	bool view;	    /* `pim` / `pim-ipv6` view configured */
	struct pim_cfg cfg; /* router-wide configuration */
	struct pim_knob dflt[PIM_P__COUNT]; /* view defaults */
	struct pim *p;			    /* the engine while it runs */
	bool owner;			    /* router_mroute_owner held */
	const char *down_why;		    /* "" while it runs */
	struct pim_rif **rif;
	size_t nrif, caprif;
	struct pim_mbr *mbr;
	size_t nmbr, capmbr;
	uint64_t drops[PIM_RX__COUNT]; /* on interfaces without PIM state */
	/* Resynchronise after the current event (a commit, a send). */
	struct node_timer sync;
	/* While PIM is configured: notice `multicast [ipv6] routing-enable`
	 * and its undo, which the router announces to no one. */
	struct node_timer poll;
	bool mcast; /* multicast routing as the last sync saw it */
};

/* How soon a change of `multicast routing-enable` is noticed. */
#define PIM_MCAST_POLL SIM_S(1)

struct pim_inst {
	struct router *r;
	struct pim_fam fam[2]; /* [0] IPv4, [1] IPv6 */
	bool gmp_watch;	       /* following IGMP/MLD membership */
	struct pim_msg *msg;   /* decode buffer (large) */
};

struct pim_inst *pim_inst(struct router *r);
struct pim_fam *pim_fam(struct pim_inst *g, enum net_af af);
struct node_iface *pim_rif_iface(const struct pim_rif *rif);
struct pim_rif *pim_rif_find(const struct pim_fam *f, int ifindex);
/* Find or create with nothing configured; NULL on no memory. */
struct pim_rif *pim_rif_get(struct pim_fam *f, int ifindex);
/* The engine's configuration of rif (interface values over view
 * defaults over RFC 7761 4.11 defaults, holdtimes derived). */
void pim_rif_cfg(const struct pim_rif *rif, struct pim_if_cfg *c);

/* Bring the family in line with its configuration and the router
 * (engine, ownership, interfaces, membership, static groups): now, or
 * after the current event. */
void pim_fam_sync(struct pim_fam *f);
void pim_fam_sync_later(struct pim_fam *f);
/* Push configuration changes to a running engine. */
void pim_fam_apply(struct pim_fam *f);
void pim_rif_apply(struct pim_rif *rif);

/* pim_router_io.c */
extern const struct pim_ops pim_router_ops;
extern const struct router_mroute_ops pim_router_mroute_ops;
void pim_router_rx(void *ctx, struct router *r, struct node_iface *ifp,
		   const struct net_pkt_info *pi);

int pim_cli_register(struct cli_registry *reg);
int pim_display_register(struct cli_registry *reg);

#endif
