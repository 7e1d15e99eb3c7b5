/*
 * Internal state of remote backup profiles on a router, shared by rbp.c
 * (profiles, bindings, VRRP roles, services, the module), rbp_sync.c (what
 * the Master sends), rbp_install.c (what the Backup installs), rbp_cli.c
 * (VRP commands) and
 * rbp_display.c (`display remote-backup-profile`). The channel is reached
 * through struct rbp_chan_ops: the remote backup services of rbs.h, or a
 * stand-in that tests plug with rbp_set_channel. No RFC logic lives here.
 */
#ifndef RBP_INT_H
#define RBP_INT_H

#include <stddef.h>

#include "protocols/gmp/gmp_router.h"
#include "protocols/rbs/rbp.h"

/* A group record of a bound interface: what the peer is told about. */
struct rbp_key {
	int ifindex;
	uint8_t af; /* enum net_af of the group */
	struct net_addr group;
};

/* A set of keys, sorted (ifindex, af, group): deterministic order. */
struct rbp_keys {
	struct rbp_key *v;
	size_t n, cap;
};

/* 1 added, 0 present already, -1 out of memory. */
int rbp_keys_add(struct rbp_keys *k, const struct rbp_key *x);
bool rbp_keys_has(const struct rbp_keys *k, const struct rbp_key *x);
bool rbp_keys_del(struct rbp_keys *k, const struct rbp_key *x);
void rbp_keys_free(struct rbp_keys *k);

/* The channel: the functions of rbs.h, each with the stand-in's ctx. */
struct rbp_chan_ops {
	struct rbs_svc *(*find)(void *ctx, struct router *r, const char *name);
	enum rbs_state (*state)(void *ctx, const struct rbs_svc *s);
	int (*send)(void *ctx, struct rbs_svc *s, const struct rbs_msg *m);
	int (*listen)(void *ctx, struct rbs_svc *s,
		      const struct rbs_listener *l);
	void (*unlisten)(void *ctx, struct rbs_svc *s, void *lctx);
	int (*watch)(void *ctx, struct router *r, rbs_svc_fn fn, void *wctx);
	void (*set_ids)(void *ctx, struct rbs_svc *s, const uint32_t *ids,
			uint16_t n);
};

/* The remote backup services of rbs.h (the default). */
extern const struct rbp_chan_ops rbp_chan_rbs;

struct rbp_inst;

struct rbp_profile {
	struct rbp_inst *in;
	char name[RBP_NAME_MAX];
	uint32_t backup_id; /* `backup-id ID ...`; 0: none */
	char svc_name[RBP_NAME_MAX];
	struct rbs_svc *svc; /* the service, listened to; NULL: none yet */
	bool hot;	     /* a `peer-backup hot` line (hot either way) */
	/* `vrrp-id N interface IF` (IPv4) or `vrrp6-id` (IPv6). */
	enum net_af vrrp_af; /* NET_AF_NONE: no line */
	char vrrp_if[NODE_IFNAME_MAX];
	uint8_t vrid;
	int watch; /* vrrp_watch id, 0: none */
	enum vrrp_state vstate;
	unsigned svc_type; /* `service-type`: RBP_FAM_*, 0: none */
	enum rbp_role role;
	sim_time_t role_since;
	/* Master: the records the peer holds from us (since the channel
	 * came up), and those changed since the last flush. */
	struct rbp_keys sent, dirty;
	struct node_timer flush; /* sends the dirty ones, after the event */
	/* Backup: the batch being received. */
	bool in_batch;
	uint32_t batch_n; /* entries received in it */
	struct rbp_keys batch;
	sim_time_t last_batch_tx, last_batch_rx;
	struct rbp_counters c;
};

/* `remote-backup-profile NAME` on an interface, by name: the profile may
 * come later. The gmp flags last applied, per family (IPv4, IPv6). */
struct rbp_bind {
	int ifindex;
	char profile[RBP_NAME_MAX];
	bool passive[2], keep[2];
};

struct rbp_inst {
	struct router *r;
	const struct rbp_chan_ops *ch;
	void *chctx;
	struct rbp_profile **p; /* in creation order */
	size_t np, capp;
	struct rbp_bind *b;
	size_t nb, capb;
	struct rbs_msg *tx; /* the message being built (large) */
	/* Import scratch: the sources of one entry. */
	struct net_addr srcs[RBS_MAX_SRCS];
	sim_time_t left[RBS_MAX_SRCS];
};

/* rbp.c */
struct rbp_profile *rbp_find(struct rbp_inst *in, const char *name);
struct rbp_profile *rbp_profile_new(struct rbp_inst *in, const char *name);
/* -1 with why when interfaces are still bound to it. */
int rbp_profile_delete(struct rbp_profile *p, char *why, size_t len);
/* Another profile with this backup-id, or NULL. */
struct rbp_profile *rbp_find_id(struct rbp_inst *in, uint32_t id);
/* backup-id (0 clears) and the service that carries it. */
void rbp_set_backup_id(struct rbp_profile *p, uint32_t id, const char *svc);
/* The VRRP group (af NET_AF_NONE clears); 0 or -1 (no free watch). */
int rbp_set_vrrp(struct rbp_profile *p, enum net_af af, const char *ifname,
		 uint8_t vrid);
void rbp_set_service_type(struct rbp_profile *p, unsigned fam);
/* Bind ifp to the profile named name (NULL: unbind). 0 or -1. */
int rbp_bind(struct rbp_inst *in, struct node_iface *ifp, const char *name);
struct rbp_bind *rbp_bind_of(struct rbp_inst *in, int ifindex);
/* Families the profile backs up (RBP_FAM_*). */
unsigned rbp_families(const struct rbp_profile *p);
bool rbp_serves(const struct rbp_profile *p, enum net_af af);
/* The profile bound to ifindex, or NULL. */
struct rbp_profile *rbp_of_iface(struct rbp_inst *in, int ifindex);
struct node_iface *rbp_iface(struct rbp_inst *in, int ifindex);
/* Push passive / hold_keep to IGMP/MLD for every binding. */
void rbp_gmp_apply(struct rbp_inst *in);
enum rbs_state rbp_chan_state(const struct rbp_profile *p);
int rbp_send(struct rbp_profile *p, const struct rbs_msg *m);
void rbp_log(struct rbp_profile *p, const char *event, const char *k1,
	     const char *v1, const char *k2, uint64_t v2);
/* Tests: another channel for the profiles (services found again). */
void rbp_set_channel(struct rbp_inst *in, const struct rbp_chan_ops *ops,
		     void *ctx);

/* rbp_sync.c */
int rbp_sync_init(struct rbp_profile *p);
void rbp_sync_fini(struct rbp_profile *p);
/* The role changed from old (p->role is the new one). */
void rbp_sync_role(struct rbp_profile *p, enum rbp_role old);
void rbp_sync_chan(struct rbp_profile *p, enum rbs_state st);
/* A whole copy of the profile's records (Master, channel up). */
void rbp_sync_batch(struct rbp_profile *p, const char *cause);
/* rbp_install.c: a message of the profile's service (any backup-id). */
void rbp_sync_msg(struct rbp_profile *p, const struct rbs_msg *m);
/* A record of group on gi may have changed (membership or a host). */
void rbp_sync_record(struct rbp_inst *in, struct gmp_if *gi,
		     const struct net_addr *group);
/* The records of ifp are the profile's now: send them (Master). */
void rbp_sync_iface(struct rbp_profile *p, struct node_iface *ifp);
/* `batch-backup now`: a batch (Master) or a request (Backup); 0, or -1
 * with why. */
int rbp_sync_now(struct rbp_profile *p, char *why, size_t len);
/* Forget what the peer holds (the channel went down, no longer Master). */
void rbp_sync_reset(struct rbp_profile *p);
/* ifindex is no longer the profile's: its records are not followed (the
 * peer's copies run down). */
void rbp_sync_forget(struct rbp_profile *p, int ifindex);

/* rbp_cli.c, rbp_display.c */
int rbp_cli_register(struct cli_registry *reg);
int rbp_display_register(struct cli_registry *reg);
void rbp_info_of(const struct rbp_profile *p, struct rbp_info *out);

#endif
