/*
 * Shared helpers of the "vrrp" conformance suite (cf_vrrp*.c): the world
 * every case uses, laid out like the UNH-IOL VRRP Operations test bed --
 * the device under test (one failsim router, "DUT") with its LAN port
 * cabled to a probe that plays the other VRRP routers and the hosts of
 * the LAN, and a host behind its second port for forwarding -- plus
 * crafted advertisements (built with the VRRP codec, then damaged on
 * purpose where a case needs it), readers of what the DUT sent, and the
 * timing formulas of RFC 5798 section 6.1 (VRRPv3) and RFC 3768 section
 * 6.1 (VRRPv2) that the cases compare against. Nothing here asserts: a
 * setup step that fails is reported through cf_check.
 */
#ifndef CF_VRRP_INT_H
#define CF_VRRP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/conform/cf.h"
#include "conformance/conform/cf_world.h"
#include "protocols/vrrp/vrrp_router.h"
#include "sim/net/net_dissect.h"

#define VX_LAN "GigabitEthernet0/1/0"
#define VX_UP  "GigabitEthernet0/2/0"

/*
 * "At once" for frames the DUT sends in reaction to an event: the CPU
 * inject latency of the default ASIC profile (20 us), serialisation and
 * the 1 us cable stay well inside this.
 */
#define VX_ONCE SIM_US(200)

/* A protocol variant: VRRPv2 (IPv4), VRRPv3 over IPv4 or over IPv6. */
struct vx_var {
	uint8_t version;
	enum net_af af;
	const char *name; /* "v2", "v3/IPv4", "v3/IPv6" */
};

extern const struct vx_var vx_v2, vx_v3_4, vx_v3_6;

/* Who sends a crafted frame (the probe plays each of them). */
enum vx_who {
	VX_PEER_HI = 0, /* a VRRP router with a greater primary address */
	VX_PEER_LO,	/* a VRRP router with a smaller primary address */
	VX_HOST,	/* a host of the LAN */
};

/* The DUT's VRRP configuration (zero: the defaults named). */
struct vx_cfg {
	uint8_t vrid;	   /* 0: 1 */
	uint8_t prio;	   /* 0: no line (VRP default 100); 255: owner */
	sim_time_t adv;	   /* Advertisement_Interval; 0: 1 s */
	int preempt;	   /* 0: default (on, no delay); -1: off; >0 delay s */
	bool accept;	   /* accept-mode */
	const char *auth;  /* v2 simple-text key, or NULL */
	int nvip;	   /* virtual addresses, 1..3 (0: 1) */
	bool global_first; /* v3/IPv6: configure a global VIP before the
			      link-local one */
	uint8_t up_vrid;   /* also a group of this VRID on the second port */
};

struct vx {
	struct cf_ctx *c;
	const struct vx_var *v;
	struct cf_world *w;
	struct router *dut;
	struct node *peer;	   /* probe on the DUT's LAN port */
	struct node *host;	   /* host behind the DUT's second port */
	struct node_tw_cap *upcap; /* capture of the second port's cable */
	struct vx_cfg cfg;	   /* as given, defaults filled in */
	sim_time_t start;	   /* the group left Initialize (-1: never) */
	sim_time_t rx_delay; /* probe send to DUT processing (-1: unknown) */
	sim_time_t first_tx; /* valid advert sent for the measure (-1) */
	size_t answered;     /* probe frames looked at by vx_answer_host */
	size_t app_rx; /* UDP datagrams delivered to a listener of the DUT */
};

/* An advertisement the probe sends; fields left zero take the value of
 * a valid advertisement for the DUT's group. */
struct vx_tx {
	enum vx_who from; /* source address (VX_PEER_HI default) */
	uint8_t prio;	  /* Priority (always given: 0 resigns) */
	sim_time_t adv;	  /* advertised interval; 0: the DUT's */
	uint8_t version;  /* 0: the DUT's */
	uint8_t vrid;	  /* 0: the DUT's */
	uint8_t type;	  /* 0: ADVERTISEMENT; else rewritten, checksum ok */
	uint8_t ttl;	  /* 0: 255 */
	bool bad_csum;	  /* flip checksum bits */
	size_t cut;	  /* remove this many bytes from the end */
	int naddrs;	  /* 0: the DUT's addresses; >0: that many others */
	int auth_type;	  /* v2: -1 none; 0: the DUT's type */
	const char *key;  /* v2 key (NULL: the DUT's) */
};

/* Build the DUT (and the probe, host and cables) and boot it at 0. False
 * (with a failed expectation) when the setup failed. */
bool vx_open(struct vx *x, struct cf_ctx *c, const struct vx_var *v,
	     const struct vx_cfg *cfg);
/* Free the world; a leak is a failed expectation. */
void vx_close(struct vx *x);

/* Section 6.1 formulas, in ns (exact: the intervals used are whole ns). */
sim_time_t vx_skew(uint8_t version, uint8_t prio, sim_time_t master_adv);
sim_time_t vx_mdi(uint8_t version, uint8_t prio, sim_time_t master_adv);

/* Addresses of the LAN: the DUT's primary (IPv4) or link-local (IPv6),
 * the peers', the host's, the n-th virtual address. */
struct net_addr vx_dut_addr(const struct vx *x);
struct net_addr vx_who_addr(const struct vx *x, enum vx_who who);
struct net_addr vx_vip(const struct vx *x, int n);
struct net_mac vx_vmac(const struct vx *x);
struct net_mac vx_probe_mac(const struct vx *x);

/* Run the world to t. */
void vx_run(struct vx *x, sim_time_t t);
/* Send one crafted advertisement now; false on a build failure. The
 * first valid one also measures rx_delay. */
bool vx_send(struct vx *x, const struct vx_tx *t);
/* Send t every `every` from `from` while the time is <= `to`; returns the
 * time of the last one sent (-1 when none). */
sim_time_t vx_send_every(struct vx *x, const struct vx_tx *t, sim_time_t from,
			 sim_time_t every, sim_time_t to);
/* Send a ready-made frame from the probe now. */
bool vx_send_frame(struct vx *x, const void *data, int len);

/* The DUT's group: its state now, its information (false when it has
 * no state machine), when it entered `state` for the nth time (-1:
 * never). */
enum vrrp_state vx_state(const struct vx *x);
bool vx_info(const struct vx *x, struct vrrp_group_info *in);
sim_time_t vx_entered(const struct vx *x, enum vrrp_state state, size_t nth);

/* A frame the DUT sent to the probe, dissected. */
struct vx_rx {
	sim_time_t t; /* arrival at the probe */
	const struct node_tw_frame *f;
	struct net_pkt_info pi;
	bool is_adv; /* an IP protocol 112 packet of the DUT's family */
	enum vrrp_pkt_err err; /* codec verdict for adverts */
	struct vrrp_adv a;     /* decoded advert (err == VRRP_PKT_OK) */
};

/* The probe's frames from index i on (i is advanced), one at a time.
 * out points into the probe's store: valid until the world runs on. */
bool vx_next(const struct vx *x, size_t *i, struct vx_rx *out);
/* Adverts from the DUT arriving in [from, to]: count, and the first one
 * in *first when not NULL. */
size_t vx_adverts(const struct vx *x, sim_time_t from, sim_time_t to,
		  struct vx_rx *first);

/* ARP request / Neighbor Solicitation from the host for the n-th
 * virtual address (to broadcast / the solicited-node group). */
bool vx_send_resolve(struct vx *x, int n);
/* Replies to them (ARP reply or solicited NA for that address) arriving
 * in [from, to]: count, the first in *first. */
size_t vx_resolves(const struct vx *x, int n, sim_time_t from, sim_time_t to,
		   struct vx_rx *first);

/* Answer the DUT's ARP requests / Neighbor Solicitations for the LAN
 * host's address received since the last call (the probe is that host). */
void vx_answer_host(struct vx *x);

/* Expect an event (what) at exactly want; false with a detail if not. */
bool vx_at(struct vx *x, const char *what, sim_time_t got, sim_time_t want);
/* Run until the DUT, alone on the LAN since its start, has become Master
 * (start + its Master_Down_Interval, or start for an owner) and a little
 * more; false (with a detail) when it did not. */
bool vx_until_master(struct vx *x);
/* The DUT's configured priority (100 when not given). */
uint8_t vx_prio(const struct vx *x);
/* A router-wide receive counter (discards before a group is known:
 * codec refusals by reason, unknown VRIDs) as `display vrrp statistics`
 * (`vrrp6`) shows it, e.g. "Checksum errors"; 0 with a failed expectation
 * when the display or the line is missing. */
uint64_t vx_router_stat(struct vx *x, const char *label);
/* A group discard counter, 0 when the group has no state machine. */
uint64_t vx_group_drops(const struct vx *x, enum vrrp_drop d);

/* How many of the DUT's virtual addresses were announced in [from, to]
 * (gratuitous ARP request, or unsolicited NA R=1 S=0 O=1 with the
 * virtual MAC as target link-layer address, to ff02::1). */
int vx_announced(const struct vx *x, sim_time_t from, sim_time_t to);

/* One row of a timing table: the DUT's priority and interval. */
struct vx_row {
	uint8_t prio;
	sim_time_t adv;
};

/* The Master_Down_Interval and priority 0 scenarios of one row (state
 * cases run one row, parameter cases a table). */
void vx_master_down(struct cf_ctx *c, const struct vx_var *v,
		    const struct vx_row *row);
void vx_priority_zero(struct cf_ctx *c, const struct vx_var *v,
		      const struct vx_row *row);

/* The "no-accept" body over configuration g (the case: a non-owner
 * without Accept_Mode, two virtual addresses). */
void vx_accept_off(struct cf_ctx *c, const struct vx_var *v,
		   const struct vx_cfg *g);

/* Case runners per variant: cf_vrrp_<name>_v3 runs fn over IPv4 and
 * IPv6, _v2 over VRRPv2, _v6 over VRRPv3 for IPv6 only. */
#define VX_CASE_V3(fn)                                                         \
	void cf_vrrp_##fn##_v3(struct cf_ctx *c)                               \
	{                                                                      \
		fn(c, &vx_v3_4);                                               \
		fn(c, &vx_v3_6);                                               \
	}
#define VX_CASE_V2(fn)                                                         \
	void cf_vrrp_##fn##_v2(struct cf_ctx *c)                               \
	{                                                                      \
		fn(c, &vx_v2);                                                 \
	}
#define VX_CASE_V6(fn)                                                         \
	void cf_vrrp_##fn##_v6(struct cf_ctx *c)                               \
	{                                                                      \
		fn(c, &vx_v3_6);                                               \
	}

/* The cases (cf_vrrp.c lists them with their rules). */
void cf_vrrp_accept_off_v2(struct cf_ctx *c);
void cf_vrrp_accept_off_v3(struct cf_ctx *c);
void cf_vrrp_accept_on_v2(struct cf_ctx *c);
void cf_vrrp_accept_on_v3(struct cf_ctx *c);
void cf_vrrp_announce_v2(struct cf_ctx *c);
void cf_vrrp_announce_v3(struct cf_ctx *c);
void cf_vrrp_backup_accept_v2(struct cf_ctx *c);
void cf_vrrp_backup_accept_v3(struct cf_ctx *c);
void cf_vrrp_backup_discard_v2(struct cf_ctx *c);
void cf_vrrp_backup_discard_v3(struct cf_ctx *c);
void cf_vrrp_backup_resolve_v2(struct cf_ctx *c);
void cf_vrrp_backup_resolve_v3(struct cf_ctx *c);
void cf_vrrp_interval_range_v2(struct cf_ctx *c);
void cf_vrrp_interval_range_v3(struct cf_ctx *c);
void cf_vrrp_learn_interval_v3(struct cf_ctx *c);
void cf_vrrp_master_down_v2(struct cf_ctx *c);
void cf_vrrp_master_down_v3(struct cf_ctx *c);
void cf_vrrp_master_forward_v2(struct cf_ctx *c);
void cf_vrrp_master_forward_v3(struct cf_ctx *c);
void cf_vrrp_master_higher_v2(struct cf_ctx *c);
void cf_vrrp_master_higher_v3(struct cf_ctx *c);
void cf_vrrp_master_prio0_v2(struct cf_ctx *c);
void cf_vrrp_master_prio0_v3(struct cf_ctx *c);
void cf_vrrp_master_resolve_v2(struct cf_ctx *c);
void cf_vrrp_master_resolve_v3(struct cf_ctx *c);
void cf_vrrp_master_shutdown_v2(struct cf_ctx *c);
void cf_vrrp_master_shutdown_v3(struct cf_ctx *c);
void cf_vrrp_master_tie_v2(struct cf_ctx *c);
void cf_vrrp_master_tie_v3(struct cf_ctx *c);
void cf_vrrp_mdi_table_v2(struct cf_ctx *c);
void cf_vrrp_mdi_table_v3(struct cf_ctx *c);
void cf_vrrp_preempt_delay_v2(struct cf_ctx *c);
void cf_vrrp_preempt_delay_v3(struct cf_ctx *c);
void cf_vrrp_preempt_off_v2(struct cf_ctx *c);
void cf_vrrp_preempt_off_v3(struct cf_ctx *c);
void cf_vrrp_preempt_on_v2(struct cf_ctx *c);
void cf_vrrp_preempt_on_v3(struct cf_ctx *c);
void cf_vrrp_priority_range_v2(struct cf_ctx *c);
void cf_vrrp_priority_range_v3(struct cf_ctx *c);
void cf_vrrp_priority_zero_v2(struct cf_ctx *c);
void cf_vrrp_priority_zero_v3(struct cf_ctx *c);
void cf_vrrp_rx_addrs_v2(struct cf_ctx *c);
void cf_vrrp_rx_addrs_v3(struct cf_ctx *c);
void cf_vrrp_rx_auth_v2(struct cf_ctx *c);
void cf_vrrp_rx_checksum_v2(struct cf_ctx *c);
void cf_vrrp_rx_checksum_v3(struct cf_ctx *c);
void cf_vrrp_rx_interval_v2(struct cf_ctx *c);
void cf_vrrp_rx_length_v2(struct cf_ctx *c);
void cf_vrrp_rx_length_v3(struct cf_ctx *c);
void cf_vrrp_rx_owner_v2(struct cf_ctx *c);
void cf_vrrp_rx_owner_v3(struct cf_ctx *c);
void cf_vrrp_rx_ttl_v2(struct cf_ctx *c);
void cf_vrrp_rx_ttl_v3(struct cf_ctx *c);
void cf_vrrp_rx_type_v2(struct cf_ctx *c);
void cf_vrrp_rx_type_v3(struct cf_ctx *c);
void cf_vrrp_rx_version_v2(struct cf_ctx *c);
void cf_vrrp_rx_version_v3(struct cf_ctx *c);
void cf_vrrp_rx_vrid_v2(struct cf_ctx *c);
void cf_vrrp_rx_vrid_v3(struct cf_ctx *c);
void cf_vrrp_skew_time_v2(struct cf_ctx *c);
void cf_vrrp_skew_time_v3(struct cf_ctx *c);
void cf_vrrp_startup_backup_v2(struct cf_ctx *c);
void cf_vrrp_startup_backup_v3(struct cf_ctx *c);
void cf_vrrp_startup_owner_v2(struct cf_ctx *c);
void cf_vrrp_startup_owner_v3(struct cf_ctx *c);
void cf_vrrp_tx_checksum_v2(struct cf_ctx *c);
void cf_vrrp_tx_checksum_v3(struct cf_ctx *c);
void cf_vrrp_tx_dst_v2(struct cf_ctx *c);
void cf_vrrp_tx_dst_v3(struct cf_ctx *c);
void cf_vrrp_tx_fields_v2(struct cf_ctx *c);
void cf_vrrp_tx_fields_v3(struct cf_ctx *c);
void cf_vrrp_tx_first_ll_v6(struct cf_ctx *c);
void cf_vrrp_tx_interval_v2(struct cf_ctx *c);
void cf_vrrp_tx_interval_v3(struct cf_ctx *c);
void cf_vrrp_tx_src_v2(struct cf_ctx *c);
void cf_vrrp_tx_src_v3(struct cf_ctx *c);
void cf_vrrp_tx_ttl_v2(struct cf_ctx *c);
void cf_vrrp_tx_ttl_v3(struct cf_ctx *c);
void cf_vrrp_virtual_mac_v2(struct cf_ctx *c);
void cf_vrrp_virtual_mac_v3(struct cf_ctx *c);

#endif
