/*
 * Test worlds for the IGMP/MLD host side: hosts H1..Hn (10.0.0.i/24,
 * 2001:db8::i/64, "eth0") and a probe R (10.0.0.254 and fe80::fe, standing
 * in for the router) on one switch that floods multicast, gmp_host_module
 * attached to every host. R records what it hears and sends queries built
 * with the codec; frames are decoded back with the codec for the checks.
 * The node streams are reproduced (ght_rng) so tests can predict each
 * random delay exactly. Misuse aborts with a message. Implements no RFC.
 */
#ifndef GMP_HOST_TESTUTIL_H
#define GMP_HOST_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/gmp/gmp_host.h"
#include "protocols/gmp/gmp_pkt.h"
#include "sim/core/sim_rng.h"
#include "sim/net/net_dissect.h"
#include "sim/node/node_host.h"
#include "sim/node/node_testlib.h"

#define GHT_RATE      1000000000ull
#define GHT_DELAY     SIM_US(1)
#define GHT_MAX_HOSTS 4

struct ght {
	struct node_tw *w;
	struct node *sw, *r;
	struct node *h[GHT_MAX_HOSTS];
	struct gmp_host *st[GHT_MAX_HOSTS];
	struct node_link *l[GHT_MAX_HOSTS], *rl;
	int nh;
	uint64_t seed;
	struct gmp_msg *m; /* the last decoded message (ght_get) */
};

/* A world whose hosts run version for af (0: none) from the start. */
void ght_init(struct ght *x, uint64_t seed, int nhosts, enum net_af af,
	      uint8_t version);
/* Detach the modules and free the world; true when nothing leaked. */
bool ght_free(struct ght *x);

/* One frame R heard, decoded (x->m holds the message). */
struct ght_pkt {
	sim_time_t t; /* arrival at R (last bit) */
	uint16_t len; /* frame length */
	struct net_pkt_info pi;
	const struct gmp_msg *m;
};

size_t ght_count(const struct ght *x);
/* Decode R's frame i; false when it is not a well-formed IGMP/MLD
 * message. */
bool ght_get(struct ght *x, size_t i, struct ght_pkt *out);
/* How many of R's frames from index `from` are IGMP/MLD messages of type
 * t (GMP_T__COUNT: any). */
size_t ght_count_type(struct ght *x, size_t from, enum gmp_type t);
/* Index of the nth (0-based) such frame from `from`, or -1. */
long ght_find_type(struct ght *x, size_t from, enum gmp_type t, size_t nth);
void ght_clear(struct ght *x);

/* Host to R through the switch for a frame of len bytes. */
sim_time_t ght_transit(const struct ght *x, size_t len);
/* A copy of host i's random stream as it is at creation. */
struct sim_rng ght_rng(const struct ght *x, int i);

/*
 * R sends a query: family af, version (IGMP 1..3, MLD 1..2), group NULL
 * for a general query, max_resp, sources (v3), qrv and qqi (v3). dst NULL:
 * all-hosts/all-nodes for a general query, else the group. src NULL: R's
 * address (10.0.0.254 / fe80::fe).
 */
void ght_query(struct ght *x, enum net_af af, uint8_t version,
	       const char *group, sim_time_t max_resp, const char *const *srcs,
	       size_t nsrc, uint8_t qrv, sim_time_t qqi, const char *src);

/* R sends a ready IGMP (af NET_AF_IP4) or MLD message from src to dst
 * with TTL/Hop Limit 1 and Router Alert. */
void ght_send_raw(struct ght *x, const char *src, const char *dst,
		  const uint8_t *msg, size_t len);

/* Write every frame R heard to a pcap at path. 0 or -1. */
int ght_write_pcap(const struct ght *x, const char *path);
/*
 * Write the capture to "<dir>/<name>_<pid>.pcap" (returned in path) and
 * have tshark open it: 0 when it reads every frame with no
 * malformed frame, bad checksum or expert error; -1 with the reason in err.
 */
int ght_wire_tshark(const struct ght *x, const char *dir, const char *name,
		    char *path, size_t plen, char *err, size_t errlen);

/* A record of the last decoded v3 report: its sources as "a,b,c". */
void ght_rec_srcs(const struct ght *x, size_t rec, char *buf, size_t len);

#endif
