/*
 * Shared helpers of the end-to-end VRRP tests (vrrp_router_test*.c): a
 * scenario world with its routers, switch and hosts, CLI lines, group
 * information through the module, and a LAN tap (a host that joins
 * 224.0.0.18 and ff02::12 and counts the VRRP advertisements it hears,
 * per VRID and priority, decoded with the codec).
 */
#ifndef VRRP_ROUTER_TEST_H
#define VRRP_ROUTER_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/vrrp/vrrp_router.h"
#include "sim/run/sim_world.h"

#define VT_LAN	"GigabitEthernet0/1/0"
#define VT_UP	"GigabitEthernet0/2/0"
#define VT_PEER "GigabitEthernet0/3/0"

/* 100 ms advertisements, v3: Master_Down_Interval of priority P. */
#define VT_MDI(p)  (3 * SIM_MS(100) + (256 - (p)) * SIM_MS(100) / 256)
#define VT_SKEW(p) ((256 - (p)) * SIM_MS(100) / 256)

struct vt_tap {
	uint64_t adv[2][256];	   /* by family (0: IPv4), VRID */
	uint64_t prio0[2][256];	   /* priority-0 advertisements */
	sim_time_t last[2][256];   /* last arrival */
	sim_time_t first0[2][256]; /* first priority 0, -1: none */
	uint64_t bad;		   /* the codec refused one */
};

struct vt {
	struct scn_spec *spec;
	struct sim_world *w;
	struct router *r1, *r2;
	struct node *sw, *h1;
	struct vt_tap tap; /* on h1 */
};

/* text: a scenario, or NULL with file: a file under scenarios/. */
void vt_load(struct vt *t, const char *text, const char *file);
void vt_free(struct vt *t);
void vt_run(struct vt *t, sim_time_t until);
/* CLI output (errors included) into buf. */
const char *vt_cli(struct router *r, const char *lines, char *buf, size_t len);
/* Information of a group (fails the test when it has no state machine). */
void vt_info(struct router *r, const char *ifname, enum net_af af, uint8_t vrid,
	     struct vrrp_group_info *in);
enum vrrp_state vt_state(struct router *r, const char *ifname, enum net_af af,
			 uint8_t vrid);
/* Switch port (ifindex) of a switch interface name, e.g. "p1". */
int vt_port(struct vt *t, const char *swport);
/* Port of the virtual MAC of (af, vrid) in the switch, or -1. */
int vt_vmac_port(struct vt *t, enum net_af af, uint8_t vrid);
/* The host has a usable neighbor entry for addr (text) that is the
 * virtual MAC of (af, vrid); vrid 0: any MAC. */
bool vt_host_resolves(struct vt *t, const char *host, const char *addr,
		      enum net_af af, uint8_t vrid);
/* The two-gateway topology of vrrp_router_test_track.c with the VRRP
 * lines of each router's LAN and peer (GE0/3/0) ports and the faults. */
void vt_load_topo(struct vt *t, const char *r1_lan, const char *r1_peer,
		  const char *r2_lan, const char *r2_peer, const char *faults);

/* Tests of vrrp_router_test_track.c and vrrp_router_test_mvrrp.c. */
void vt_test_track_reduced(void **state);
void vt_test_track_reduced_delay(void **state);
void vt_test_displays(void **state);
void vt_test_seed_forms(void **state);
void vt_test_cli_errors(void **state);
void vt_test_config_regressions(void **state);
void vt_test_mvrrp_flowdown(void **state);
void vt_test_mvrrp_unflowdown(void **state);
void vt_test_mvrrp_undo(void **state);

#endif
