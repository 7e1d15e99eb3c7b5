/*
 * Shared helpers of the PIM router tests (pim_router_test*.c): a world of
 * two routers with the IGMP/MLD and PIM modules (R1: the source's LAN and
 * the static RP on LoopBack0; R2: the receivers' LAN), joined by a main
 * link and a backup link whose static routes have a worse preference, a
 * source host behind R1 and a receiver host behind R2 running the
 * IGMP/MLD host module, a multicast stream sent by the source and counted
 * at the receiver, PIM frames read back from link captures with the
 * codec. No RFC logic lives here.
 */
#ifndef PIM_ROUTER_TEST_H
#define PIM_ROUTER_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/pim/pim_pkt.h"
#include "protocols/pim/pim_router.h"
#include "sim/router/router_testutil.h"

#define PT_LAN	"GigabitEthernet0/1/0" /* R1: source LAN; R2: receivers */
#define PT_MAIN "GigabitEthernet0/2/0" /* R1-R2, preferred routes */
#define PT_BACK "GigabitEthernet0/3/0" /* R1-R2, backup routes */

#define PT_SRC4	 "10.0.1.10"
#define PT_RCV4	 "10.0.2.10"
#define PT_RP4	 "1.1.1.1"
#define PT_G4	 "239.1.1.1"
#define PT_SSM4	 "232.1.1.1"
#define PT_SRC6	 "2001:db8:1::10"
#define PT_RP6	 "2001:db8:ff::1"
#define PT_G6	 "ff1e::101"
#define PT_PORT	 5000
#define PT_R1_M4 "10.0.12.1" /* R1 on the main link */
#define PT_R2_M4 "10.0.12.2"
#define PT_R1_M6 "fe80::12:1"
#define PT_R2_M6 "fe80::12:2"

struct pt {
	struct rtest t;
	struct router *r1, *r2;
	struct node *src, *rcv; /* hosts */
	void *rcv_st;		/* the receiver's IGMP/MLD host module */
	struct node_link *lsrc, *lmain, *lback, *lrcv;
	struct node_tw_cap *cmain, *crcv; /* captures from time 0 */
	struct pim_msg *m;		  /* decode buffer */
	uint64_t rx; /* stream datagrams the receiver got */
	sim_time_t rx_first, rx_last;
};

/* The world, routers not built yet (tests of the CLI build their own). */
void pt_world(struct pt *x, uint64_t seed);
/* pt_world, then both routers with their base configuration plus extra
 * lines (typed after the base, may be NULL), the hosts and links, booted
 * at time 0; the receiver runs IGMP version igmp and MLDv2. */
void pt_init(struct pt *x, const char *extra1, const char *extra2,
	     uint8_t igmp);
void pt_fini(struct pt *x);

/* The base configuration of R1 / R2 (for tests that print it). */
extern const char pt_cfg_r1[], pt_cfg_r2[];

/* Send n datagrams of the stream (src host to group g), one every
 * interval, running the world in between; the receiver counts them. */
void pt_stream(struct pt *x, const char *g, int n, sim_time_t interval);

/* The PIM messages of a capture, decoded: calls fn for each with the
 * frame time and IP header information. Fails on a frame that is PIM
 * but does not decode. Returns how many. */
typedef void (*pt_pim_fn)(void *arg, sim_time_t t,
			  const struct net_pkt_info *pi,
			  const struct pim_msg *m);
size_t pt_cap_pim(struct pt *x, const struct node_tw_cap *c, pt_pim_fn fn,
		  void *arg);

/* Write a capture to FAILSIM_BINARY_DIR/name and check it with tshark:
 * no malformed frame, no bad checksum, no expert error. Returns false
 * when tshark is unavailable (callers skip). */
bool pt_tshark(const struct node_tw_cap *c, const char *name);

/* Interface info of r's engine for af (fails when it does not run). */
void pt_if_info(struct router *r, enum net_af af, const char *ifname,
		struct pim_if_info *out);
/* Count of engine entries on r for af; (S,G) ones with spt in *spt. */
size_t pt_entries(struct router *r, enum net_af af, size_t *spt);

bool pt_addr_is(const struct net_addr *a, const char *s);

/* Tests of pim_router_test_cli.c. */
void pt_test_cli_errors(void **state);
void pt_test_cli_values(void **state);
void pt_test_cli_undo(void **state);
void pt_test_display_golden(void **state);
void pt_test_rx_drops(void **state);

#endif
