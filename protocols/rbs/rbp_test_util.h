/*
 * Helpers of the remote backup profile tests (rbp_test*.c): scenario
 * worlds of a VRRP pair R1 (Master) / R2 (Backup) over a receivers' LAN
 * (hosts h1, h2 behind a switch), both pulling streams from R3 (the RP,
 * the source's router), and a stand-in for the remote backup service:
 * a channel between the two routers' profiles that the test brings up
 * and cuts, delivering every message through the RBS codec after a fixed
 * delay, counting them by type. The real service (rbs.h over TCP, the
 * program's module table protocols_all) is used by the worlds built with
 * bt_load(..., false). No RFC logic lives here.
 */
#ifndef RBP_TEST_UTIL_H
#define RBP_TEST_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/rbs/rbp_int.h"
#include "sim/run/sim_world.h"

#define BT_LAN	  "GigabitEthernet0/1/0"
#define BT_UP	  "GigabitEthernet0/2/0"
#define BT_PEER	  "GigabitEthernet0/3/0"
#define BT_DELAY  SIM_US(100) /* the stand-in channel's one-way delay */
#define BT_NGRP	  4	      /* streams 239.1.1.1-4 (ff1e::1:1-4), ports */
#define BT_PORT	  5001	      /* 5001-5004 */
#define BT_MAX_RX 65536

/* 100 ms VRRPv3 advertisements: Master_Down_Interval of priority p. */
#define BT_MDI(p) (3 * SIM_MS(100) + (256 - (p)) * SIM_MS(100) / 256)

struct bt_fake;

/* What a host receives of one stream. */
struct bt_rx {
	uint64_t n;
	sim_time_t at[BT_MAX_RX];
};

struct bt {
	struct scn_spec *spec;
	struct sim_world *w;
	struct router *r[2]; /* R1, R2 */
	struct node *h[2];   /* h1, h2 */
	struct bt_fake *f;   /* the stand-in, or NULL */
	enum net_af af;
	struct bt_rx rx[2][BT_NGRP]; /* by host, stream */
};

/* World kinds. */
enum bt_kind {
	BT_FLOWDOWN, /* mVRRP on R1-R2, LAN group follows it (flowdown) */
	BT_PLAIN,    /* a VRRP group on the LAN, no flowdown */
	BT_MLD,	     /* BT_FLOWDOWN for IPv6: mVRRP6, MLDv2, PIM IPv6 */
};

/*
 * Load a world. fake: the stand-in channel (the routers run no RBS;
 * attached at once, down until bt_up); otherwise the real service
 * (`remote-backup-service rbs1` over TCP on a link of its own, "rbs":
 * GE0/4/0, 10.0.14.0/30 or 2001:db8:14::/64). extra: lines added
 * to both routers' configuration (may be ""); faults: a YAML faults list
 * (may be "").
 */
struct bt *bt_load(enum bt_kind kind, bool fake, const char *extra,
		   const char *faults);
void bt_free(struct bt *t);
void bt_run(struct bt *t, sim_time_t until);

/* Stand-in channel: up (both sides Connected, listeners told), cut
 * (Connecting, queued messages lost). */
void bt_up(struct bt *t);
void bt_cut(struct bt *t);
/* Messages of a type sent by side (0 R1, 1 R2) so far. */
uint64_t bt_sent(const struct bt *t, int side, uint8_t type);
/* Drop the next message of type sent by side (once). */
void bt_drop_next(struct bt *t, int side, uint8_t type);
/* Attach the stand-in to a restarted router's new profiles. */
void bt_attach(struct bt *t, int side);
/* Inject a message as if side's peer had sent it (delivered now). */
void bt_inject(struct bt *t, int side, const struct rbs_msg *m);

/* Host i (0 h1, 1 h2) joins / leaves stream k (0..3). */
void bt_join(struct bt *t, int host, int k);
void bt_leave(struct bt *t, int host, int k);
struct net_addr bt_group(const struct bt *t, int k);

/* The CLI output of lines on router i, in buf. */
const char *bt_cli(struct bt *t, int i, const char *lines, char *buf,
		   size_t len);
/*
 * The group records of router i's LAN as one canonical line each:
 * "group mode srcs... expires-ms" with times rounded to 10 ms, sorted;
 * imported: how many are marked imported. Returns the count.
 */
size_t bt_records(struct bt *t, int i, char *buf, size_t len, size_t *imported);
/* The group column of `display igmp group` (`display mld group`), one
 * per line, with " (imported)" kept. */
const char *bt_display_groups(struct bt *t, int i, char *buf, size_t len);
/* The profile p1 of router i. */
struct rbp_info bt_info(struct bt *t, int i);
struct gmp_if_info bt_gmp(struct bt *t, int i);
struct node_iface *bt_iface(struct bt *t, int i, const char *name);
/* 1: router i's entry for (source, stream k) sends out of the LAN, 0:
 * it does not, -1: no entry. */
int bt_lan_oif(struct bt *t, int i, int k);
/* Receptions of stream k by host in [from, to). */
uint64_t bt_count_rx(const struct bt *t, int host, int k, sim_time_t from,
		     sim_time_t to);
/* First reception of stream k by host at or after from; -1: none. */
sim_time_t bt_first_rx(const struct bt *t, int host, int k, sim_time_t from);

/* The CLI and display tests (rbp_test_cli.c) and those over the real
 * service (rbp_test_rbs.c); failures. */
int rbp_cli_tests(void);
int rbp_rbs_tests(void);

#endif
