/*
 * Remote backup profiles (`remote-backup-profile NAME`, Huawei VRP RBP):
 * hot backup of IGMP/MLD membership between the two routers of a VRRP
 * pair. A profile names a backup-id and the remote backup service (rbs.h)
 * that carries it, the VRRP group whose state is its role (`vrrp-id` /
 * `vrrp6-id`: Master sends, any other state receives) and, through
 * `remote-backup-profile NAME` in interface view, the service interfaces
 * whose group records it backs up. The Master sends a batch of every
 * record when the channel comes up, when it becomes Master, on request
 * and on `batch-backup now`, then every change as it happens (records
 * added, changed, refreshed by hosts, deleted). The Backup keeps its
 * bound interfaces passive (gmp_router_set_backup: no queries, hosts
 * ignored; kept running while VRRP flowdown holds them down) and installs
 * what it receives with the membership import API, so that PIM with `pim
 * ignore dr-state` joins upstream before any failure; the end of a batch
 * removes imported records the batch did not carry. Wire format and
 * choices: README.md, "Profiles and hot backup (RBP)". No RFC applies
 * beyond the group records of RFC 3376 section 6 / RFC 3810 section 7.
 */
#ifndef RBP_H
#define RBP_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/rbs/rbs.h"
#include "protocols/vrrp/vrrp.h"
#include "sim/router/router.h"

#define RBP_NAME_MAX 32 /* profile and service names: 1-31 characters */

/* After rbs_module, vrrp_module, gmp_module and pim_module in a module
 * table (it follows their state from its creation). */
extern const struct router_module rbp_module;

struct rbp_inst;

/* The profiles of router r; NULL while r is down or the module is not
 * loaded. */
struct rbp_inst *rbp_inst(struct router *r);

/* A profile's role: the state of its VRRP group. */
enum rbp_role {
	RBP_ROLE_NONE,	 /* no vrrp-id / vrrp6-id: neither sends nor takes */
	RBP_ROLE_MASTER, /* the group is Master: sends */
	RBP_ROLE_BACKUP, /* any other state: receives and installs */
};

const char *rbp_role_name(enum rbp_role r); /* "Master", ... */

/* Families a profile backs up (`service-type`, or its VRRP group's). */
#define RBP_FAM_IGMP 1u
#define RBP_FAM_MLD  2u

struct rbp_counters {
	/* Master */
	uint64_t batches_tx;  /* batches sent (BATCH_START .. BATCH_END) */
	uint64_t adds_tx;     /* ENTRY_ADD sent, in batches or not */
	uint64_t updates_tx;  /* ENTRY_UPDATE sent */
	uint64_t deletes_tx;  /* ENTRY_DELETE sent */
	uint64_t requests_rx; /* BATCH_REQUEST received (and answered) */
	uint64_t truncated;   /* records sent with RBS_MAX_SRCS sources only */
	uint64_t send_fail;   /* rbs_send refused (the channel went down) */
	/* Backup */
	uint64_t batches_rx;   /* BATCH_END received */
	uint64_t entries_rx;   /* ENTRY_ADD / ENTRY_UPDATE received */
	uint64_t deletes_rx;   /* ENTRY_DELETE received */
	uint64_t installed;    /* entries the import API took */
	uint64_t install_fail; /* ... refused (interface not running, ...) */
	uint64_t unknown_if;   /* entries for an interface not bound here */
	uint64_t removed;      /* records removed: delete or stale at end */
	uint64_t stale;	       /* ... of them, by the end of a batch */
	uint64_t count_errors; /* BATCH_END count differs from entries */
	uint64_t requests_tx;  /* BATCH_REQUEST sent */
	uint64_t ignored;      /* messages the role does not take */
	uint64_t role_changes;
};

/* A profile as `display remote-backup-profile` shows it. */
struct rbp_info {
	char name[RBP_NAME_MAX];
	uint32_t backup_id; /* 0: no backup-id line */
	char service[RBP_NAME_MAX];
	bool service_exists;	/* the RBS is configured */
	enum rbs_state channel; /* RBS_INITIAL without a service */
	enum net_af vrrp_af;	/* IPv4: vrrp-id, IPv6: vrrp6-id, NONE */
	char vrrp_if[NODE_IFNAME_MAX];
	uint8_t vrid;
	enum vrrp_state vrrp_state;
	enum rbp_role role;
	unsigned families; /* RBP_FAM_* backed up */
	bool service_type; /* set by `service-type` (else from VRRP) */
	size_t nifs;	   /* interfaces bound */
	size_t backed_up;  /* Master: records the peer holds from us */
	sim_time_t last_batch_tx, last_batch_rx; /* -1: never */
	sim_time_t role_since;			 /* last role change */
	struct rbp_counters c;
};

/* The profile named name: 0 and *out filled, or -1. */
int rbp_profile_info(struct rbp_inst *in, const char *name,
		     struct rbp_info *out);
/* The name of the profile bound to interface ifname, or NULL. */
const char *rbp_iface_profile(struct rbp_inst *in, const char *ifname);

#endif
