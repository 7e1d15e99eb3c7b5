/*
 * Internal state of VRRP on a router, shared by vrrp_router.c (groups,
 * transport, takeover), vrrp_track.c (tracking, mVRRP service groups) and
 * vrrp_cli.c (commands and displays).
 */
#ifndef VRRP_ROUTER_INT_H
#define VRRP_ROUTER_INT_H

#include "protocols/bfd/bfd_router.h"
#include "protocols/track/track.h"
#include "protocols/vrrp/vrrp_router.h"

#define VRRP_MAX_TRACK	    8
#define VRRP_MAX_WATCHERS   64
#define VRRP_DEFAULT_PRIO   100
#define VRRP_DEFAULT_REDUCE 10

enum vrrp_bfd_mode {
	VRRP_BFD_REDUCED,
	VRRP_BFD_INCREASED,
	VRRP_BFD_PEER,
	VRRP_BFD_LINK
};

struct vrrp_track_if {
	int ifindex;
	uint8_t reduce;
};

struct vrrp_track_mg {
	char name[TRACK_MG_NAME_MAX + 1];
	uint8_t ratio; /* failure-ratio, percent */
	bool link;
	uint8_t reduce;
	int watch;
	unsigned down_pct;
};

struct vrrp_track_bfd {
	char name[BFD_NAME_MAX]; /* session-name, or "" */
	uint32_t disc;		 /* bfd-session ID, or 0 */
	enum vrrp_bfd_mode mode;
	uint8_t value;
	int watch;
	bool was_up; /* seen Up at least once */
	bool down;   /* fell after having been Up */
};

struct vrrp_rgroup {
	struct vrrp_inst *v;
	int ifindex;
	enum net_af af;
	uint8_t vrid;
	struct vrrp_group_cfg cfg; /* priority: as configured */
	uint8_t conf_prio;    /* "priority" as configured (cfg.priority is 255
				 while we own an address) */
	struct vrrp_group *g; /* the state machine (not for service groups) */
	bool admin, ignore_if_down; /* mVRRP */
	bool service;		    /* follows an mVRRP */
	char m_ifname[NODE_IFNAME_MAX];
	uint8_t m_vrid;
	bool unflowdown;
	enum vrrp_state svc_state; /* a service group's own state */
	bool holding;		   /* this group holds its interface down */
	bool owned;		   /* virtual MAC and addresses taken */
	bool link_down;		   /* a "link" track says give up the role */
	struct vrrp_track_if tif[VRRP_MAX_TRACK];
	int ntif;
	struct vrrp_track_mg tmg[VRRP_MAX_TRACK];
	int ntmg;
	struct vrrp_track_bfd tbfd[VRRP_MAX_TRACK];
	int ntbfd;
	enum vrrp_state last_state; /* as told to watchers */
	/* Starts the state machine once the whole commit has been applied
	 * (armed at "now": fires after the current event). */
	struct node_timer start;
};

struct vrrp_watcher {
	int id;
	char ifname[NODE_IFNAME_MAX];
	enum net_af af;
	uint8_t vrid;
	vrrp_watch_fn fn;
	void *arg;
};

struct vrrp_inst {
	struct router *r;
	uint8_t version; /* "vrrp version": 2 (VRP default) or 3 */
	struct vrrp_rgroup **grp;
	size_t ngrp, capgrp;
	struct vrrp_watcher watch[VRRP_MAX_WATCHERS];
	int next_watch;
	struct vrrp_rx_stats stats[2]; /* IPv4, IPv6 */
};

struct node_iface *vrrp_iface(struct vrrp_inst *v, int ifindex);
struct vrrp_rgroup *vrrp_rgroup_find(struct vrrp_inst *v, int ifindex,
				     enum net_af af, uint8_t vrid);
struct vrrp_rgroup *vrrp_rgroup_get(struct vrrp_inst *v, int ifindex,
				    enum net_af af, uint8_t vrid);
void vrrp_rgroup_del(struct vrrp_inst *v, struct vrrp_rgroup *rg);
/* Why the group cannot run on its interface (no IPv4 address, IPv6 not
 * enabled), or NULL. */
const char *vrrp_rgroup_unusable(const struct vrrp_rgroup *rg);
/* (Re)create the state machine after a configuration change. */
int vrrp_rgroup_apply(struct vrrp_rgroup *rg);
enum vrrp_state vrrp_rgroup_state(const struct vrrp_rgroup *rg);
/* Start or stop the state machine as the interface and tracks say. */
void vrrp_rgroup_run(struct vrrp_rgroup *rg);
/* Packets to the virtual addresses are received (owner or Accept_Mode). */
bool vrrp_rgroup_accepts(const struct vrrp_rgroup *rg);
/* Ownership of the virtual MAC and addresses follows the state. */
void vrrp_rgroup_sync(struct vrrp_rgroup *rg);
/* Replace the virtual addresses (in place when the group runs). */
int vrrp_rgroup_set_vaddrs(struct vrrp_rgroup *rg, const struct net_addr *a,
			   size_t n);
void vrrp_notify(struct vrrp_rgroup *rg);

/* vrrp_track.c */
void vrrp_track_recompute(struct vrrp_rgroup *rg);
void vrrp_track_attach(struct vrrp_rgroup *rg);
void vrrp_track_detach(struct vrrp_rgroup *rg);
void vrrp_service_update(struct vrrp_inst *v);
void vrrp_iface_event(struct vrrp_inst *v, struct node_iface *ifp, bool up);

int vrrp_cli_register(struct cli_registry *reg);

#endif
