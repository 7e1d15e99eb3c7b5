/*
 * One VRRP virtual router on one interface: the state machine of RFC 5798
 * section 6 (VRRPv3, IPv4 and IPv6; RFC 9568 where it clarifies) and RFC
 * 3768 section 6 (VRRPv2): Initialize/Backup/Master, the owner (priority
 * 255), Skew_Time and Master_Down_Interval per version, learning
 * Master_Adver_Interval (v3), priority 0 on resignation and the Skew_Time
 * takeover, preemption with VRP's preemption delay, the equal-priority tie
 * broken by the primary address, and v2 simple-text authentication. The
 * group knows nothing of routers: it sends through ops, is fed decoded
 * advertisements with vrrp_group_rx (the caller has checked the VRID, the
 * interface and TTL/Hop Limit 255), and tests drive it directly. One entry
 * point (vrrp_fsm in vrrp.c) changes state; every transition is logged
 * (module "vrrp", event "state") and reported to the listeners.
 */
#ifndef VRRP_H
#define VRRP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/vrrp/vrrp_pkt.h"
#include "sim/node/node.h"

#define VRRP_NAME_MAX	   64
#define VRRP_MAX_LISTENERS 16

enum vrrp_state {
	VRRP_STATE_INIT = 0, /* Initialize */
	VRRP_STATE_BACKUP,
	VRRP_STATE_MASTER,
};

const char *vrrp_state_name(enum vrrp_state s); /* "Initialize", ... */

struct vrrp_group;

struct vrrp_group_ops {
	/* Send one advertisement with `priority` (0 when resigning). */
	int (*send_adv)(void *ctx, struct vrrp_group *g, uint8_t priority);
	/* Became Master: take the virtual MAC and addresses and announce
	 * them (gratuitous ARP, unsolicited NA; RFC 5798 6.4.1, 6.4.2). */
	void (*master_enter)(void *ctx, struct vrrp_group *g);
	/* Stopped being Master: give them back. */
	void (*master_leave)(void *ctx, struct vrrp_group *g);
};

struct vrrp_group_cfg {
	char name[VRRP_NAME_MAX]; /* for logs, e.g. "GigabitEthernet0/1/0 1" */
	uint8_t vrid;		  /* 1..255 */
	uint8_t version;	  /* 2 or 3 (IPv6: 3) */
	enum net_af af;
	uint8_t priority;	  /* 1..254, 255 for the address owner */
	sim_time_t adver_int;	  /* Advertisement_Interval */
	bool preempt;		  /* Preempt_Mode (VRP default: true) */
	sim_time_t preempt_delay; /* VRP "preempt-mode timer delay" */
	bool accept;		  /* Accept_Mode (v3) */
	struct net_addr primary;  /* our primary address (tie-break) */
	struct net_addr vaddrs[VRRP_MAX_ADDRS];
	size_t nvaddrs;
	uint8_t auth_type; /* v2: enum vrrp_v2_auth */
	uint8_t auth_key[VRRP_V2_AUTH_LEN];
};

/* Why a received advertisement was discarded. */
enum vrrp_drop {
	VRRP_DROP_MALFORMED, /* the codec refused it */
	VRRP_DROP_TTL,	     /* TTL/Hop Limit not 255 (RFC 5798 7.1) */
	VRRP_DROP_VERSION,   /* not our version */
	VRRP_DROP_AUTH,	     /* v2 authentication mismatch (RFC 3768 7.1) */
	VRRP_DROP_INTERVAL,  /* v2: Adver Int differs (RFC 3768 7.1) */
	VRRP_DROP_ADDRS,     /* address list differs (logged; v3 and the
				v2 owner's: processed; v2: dropped) */
	VRRP_DROP_OWNER,     /* we own the addresses: ignored (7.1) */
	VRRP_DROP_NO_GROUP,  /* no group with this VRID on the interface */
	VRRP_DROP__COUNT
};

const char *vrrp_drop_name(enum vrrp_drop d);

struct vrrp_group_info {
	enum vrrp_state state;
	uint8_t priority;	     /* effective (after tracking) */
	sim_time_t adver_int;	     /* configured */
	sim_time_t master_adver_int; /* learned (v3) */
	sim_time_t skew_time;	     /* current Skew_Time */
	sim_time_t master_down_int;  /* current Master_Down_Interval */
	struct net_addr master;	     /* the Master's address as heard */
	uint8_t master_priority;     /* as last heard */
	sim_time_t last_adv_rx;	     /* -1 if none */
	sim_time_t became_master;    /* -1 if never */
	uint64_t adv_tx, adv_rx, prio0_tx, prio0_rx, to_master, to_backup;
	uint64_t drops[VRRP_DROP__COUNT];
	uint64_t adv_tx_fail; /* send_adv returned non-zero */
	uint64_t adv_lower; /* Backup: lower-priority Master heard (preempt) */
	uint64_t rx_idle;   /* received in Initialize: ignored */
	sim_time_t preempt_at; /* Backup: preemption delay deadline, -1: none */
};

typedef void (*vrrp_listen_fn)(void *arg, struct vrrp_group *g,
			       enum vrrp_state old_state,
			       enum vrrp_state new_state);

/* A group on node n (timers, random stream, log); starts in Initialize. */
struct vrrp_group *vrrp_group_new(struct node *n,
				  const struct vrrp_group_cfg *cfg,
				  const struct vrrp_group_ops *ops, void *ctx);
void vrrp_group_free(struct vrrp_group *g); /* silent */

/* Startup event: Initialize -> Master (owner) or Backup (6.4.1). */
void vrrp_group_startup(struct vrrp_group *g);
/* Shutdown event: -> Initialize; a Master sends priority 0 first. */
void vrrp_group_shutdown(struct vrrp_group *g);
/* An advertisement for this group (VRID, interface and TTL checked). */
void vrrp_group_rx(struct vrrp_group *g, const struct vrrp_adv *a,
		   const struct net_addr *src);
void vrrp_group_count_drop(struct vrrp_group *g, enum vrrp_drop d);

/* Effective priority (tracking); a Master advertises the change at once. */
void vrrp_group_set_priority(struct vrrp_group *g, uint8_t priority);
void vrrp_group_set_preempt(struct vrrp_group *g, bool on, sim_time_t delay);
void vrrp_group_set_adver_int(struct vrrp_group *g, sim_time_t interval);
/* Our primary address changed (it breaks equal-priority ties). */
void vrrp_group_set_primary(struct vrrp_group *g, const struct net_addr *a);
/* New virtual addresses (carried by the next advertisements). 0 or -1. */
int vrrp_group_set_vaddrs(struct vrrp_group *g, const struct net_addr *a,
			  size_t n);
/* The Master is known to be gone (BFD "peer"): a Backup takes over at
 * once, without waiting for Master_Down_Interval. */
void vrrp_group_master_gone(struct vrrp_group *g);

enum vrrp_state vrrp_group_state(const struct vrrp_group *g);
const struct vrrp_group_cfg *vrrp_group_cfg(const struct vrrp_group *g);
void vrrp_group_info(const struct vrrp_group *g, struct vrrp_group_info *out);
int vrrp_group_listen(struct vrrp_group *g, vrrp_listen_fn fn, void *arg);
void vrrp_group_unlisten(struct vrrp_group *g, vrrp_listen_fn fn, void *arg);

#endif
