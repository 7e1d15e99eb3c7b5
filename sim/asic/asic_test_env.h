/*
 * Test harness for the ASIC model: owns the engine, event log and frame
 * pool, creates an ASIC with four ports (ifindex 0..3, MAC
 * 02:00:00:00:00:0<i>, carrier up) and records every callback with its
 * time: frames leaving (tx), frames reaching the CPU (cp_rx), port events,
 * completed writes, and the event-log records. Frames handed to the
 * harness are copied into the record and freed at once, so after
 * asic_free the pool must be empty (tenv_free checks it, and that no
 * timer is left armed or reserved). Frame builders make test traffic with
 * the sim/net builders.
 */
#ifndef ASIC_TEST_ENV_H
#define ASIC_TEST_ENV_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/asic/asic.h"
#include "sim/core/sim_log.h"
#include "sim/net/net_frame.h"

#define TENV_PORTS 4

struct tenv_frame {
	sim_time_t t;
	int ifindex;
	int reason; /* cp_rx: enum asic_punt */
	uint16_t len;
	uint8_t data[NET_FRAME_MAX];
};

struct tenv_pev {
	sim_time_t t;
	int ifindex;
	bool up;
};

struct tenv_done {
	sim_time_t t;
	uint64_t seq;
	enum asic_table table;
	bool add, applied;
	sim_time_t queued, done;
	char key[160];
};

struct tenv {
	struct sim_engine *eng;
	struct sim_log log;
	struct net_frame_pool pool;
	struct asic_profile prof;
	struct asic *a;
	struct tenv_frame *tx, *cp;
	size_t ntx, ncp, captx, capcp;
	struct tenv_pev pev[64];
	size_t npev;
	struct tenv_done *done;
	size_t ndone, capdone;
	size_t nlog;		       /* event-log records seen */
	char lastlog[SIM_LOG_REC_MAX]; /* the last "programmed" record */
	/* Optional hooks run inside the callbacks (re-entrancy tests). */
	void (*on_cp_rx)(struct tenv *e, int ifindex, struct net_frame *f);
	void (*on_done)(struct tenv *e, const struct asic_prog_done *d);
};

/* A harness with the given profile (NULL: asic_profile_default). */
struct tenv *tenv_new(const struct asic_profile *p);
/* Free the ASIC, assert the pool is empty and no timer is left. */
void tenv_free(struct tenv *e);
void tenv_run(struct tenv *e, sim_time_t until);
sim_time_t tenv_now(const struct tenv *e);

struct net_mac tenv_port_mac(int ifindex);
struct net_mac tenv_mac(uint8_t last); /* 02:00:00:00:aa:<last> */
struct net_addr tenv_addr(const char *s);
struct net_prefix tenv_prefix(const char *s);

/* Frames (allocated from the harness pool). dst MAC NULL: port 0's MAC
 * for unicast IP, the group MAC for multicast. */
struct net_frame *tenv_udp(struct tenv *e, const struct net_mac *dmac,
			   const char *src, const char *dst, uint8_t ttl,
			   bool router_alert);
struct net_frame *tenv_arp_request(struct tenv *e, const char *spa,
				   const char *tpa);

/* Inject a frame on port ifindex at absolute time t (runs the engine to
 * t first). */
void tenv_rx_at(struct tenv *e, sim_time_t t, int ifindex, struct net_frame *f);

/* Program and run until the write is visible. */
void tenv_fib(struct tenv *e, const char *prefix, enum asic_fib_kind kind,
	      int ifindex, const char *nexthop);
void tenv_adj(struct tenv *e, int ifindex, const char *ip, uint8_t maclast);
void tenv_mcast_all(struct tenv *e);
void tenv_settle(struct tenv *e);

/* TTL or hop limit of the IP packet in a recorded frame, after checking
 * that it decodes cleanly (IPv4 header checksum included). */
int tenv_frame_ttl(const struct tenv_frame *f);

#endif
