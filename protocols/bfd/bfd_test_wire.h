/*
 * The test wire of the BFD session tests (bfd_test.c, bfd_test_auth.c):
 * two sessions A and B on nodes of their own in a node_tw world, joined
 * by a FIFO per direction with a fixed delay driven by an engine timer.
 * Each direction can be cut, drop Final packets, duplicate or corrupt
 * packets; a receiver whose CPU is frozen gets its packets when the freeze
 * ends (unless the session is offloaded). Every packet sent and delivered
 * is kept (time, decoded fields, bytes, accepted or dropped) and every
 * transition recorded by a listener, so tests assert exact times.
 */
#ifndef BFD_TEST_WIRE_H
#define BFD_TEST_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/bfd/bfd.h"
#include "sim/node/node_testlib.h"

#define WQ_CAP 256
#define MAX_TR 64
#define A_DISC 0x11u
#define B_DISC 0x22u

struct h;

struct pkt_rec {
	sim_time_t t;
	struct bfd_ctrl c;
	bool accepted; /* deliveries: not dropped */
	uint8_t len;
	uint8_t buf[BFD_MAX_LEN];
};

struct pkt_log {
	struct pkt_rec *v;
	size_t n, cap;
};

struct trans {
	sim_time_t t;
	enum bfd_state old_state, new_state;
	enum bfd_diag diag;
};

struct end {
	struct node node;
	struct bfd_session *s;
	struct bfd_session_cfg cfg;
	struct h *h;
	int idx;
	struct pkt_log sent, rcvd;
	struct trans tr[MAX_TR];
	size_t ntr;
};

/* Direction dir carries packets from e[dir] to e[1 - dir]. */
struct wire_q {
	struct sim_timer t;
	struct h *h;
	int dir;
	struct {
		sim_time_t at;
		uint8_t len;
		uint8_t buf[BFD_MAX_LEN];
	} v[WQ_CAP];
	size_t head, n;
};

struct h {
	struct node_tw *w;
	struct end e[2];
	struct wire_q q[2];
	sim_time_t delay;
	bool cut[2], dup[2], corrupt[2], drop_final[2];
};
extern const struct bfd_session_ops bfdt_ops;

struct bfd_session_cfg bfdt_cfg(const char *name, uint32_t disc);
struct bfd_key bfdt_key(uint8_t type, uint8_t id, const char *secret);
/* A world with sessions A (ca) and B (cb; NULL: B only swallows). */
struct h *bfdt_new(uint64_t seed, const struct bfd_session_cfg *ca,
		   const struct bfd_session_cfg *cb);
/* Free everything; fails the test if a timer or frame leaked. */
void bfdt_free(struct h *h);
/* A standard pair (10 ms, 10 ms, 3) brought Up and settled by 2 s. */
struct h *bfdt_pair_up(uint64_t seed);
void bfdt_run_to(struct h *h, sim_time_t t);
struct bfd_session_info bfdt_info(const struct end *e);
uint64_t bfdt_drops_sum(const struct bfd_session *s);
/* Hand bytes to e's session as a router would (decode, then rx). */
void bfdt_deliver(struct end *e, const uint8_t *buf, size_t len);
/* Encode c (with key) and deliver it to e now. */
void bfdt_inject(struct end *e, const struct bfd_ctrl *c,
		 const struct bfd_key *key);
/* A packet from B's discriminator: 10 ms, 10 ms, Detect Mult 3. */
struct bfd_ctrl bfdt_peer_pkt(uint8_t state, uint32_t your);
void bfdt_assert_tr(const struct end *e, size_t i, sim_time_t t,
		    enum bfd_state o, enum bfd_state n, enum bfd_diag d);
const struct pkt_rec *bfdt_last_accepted(const struct end *e);
/* Section 6.8.4 from what e last accepted, with our Required Min RX rx. */
sim_time_t bfdt_expected_detect_rx(const struct end *e, sim_time_t rx,
				   sim_time_t *dt);
sim_time_t bfdt_expected_detect(const struct end *e, sim_time_t *dt);
/* Gaps between the non-Final packets of l sent in [from, to]. */
void bfdt_gaps(const struct pkt_log *l, sim_time_t from, sim_time_t to,
	       sim_time_t *min, sim_time_t *max, size_t *count);
/* The first packet of l sent at or after t (fails if none). */
const struct pkt_rec *bfdt_first_after(const struct pkt_log *l, sim_time_t t);

/* Tests in bfd_test_auth.c. */
void bfdt_test_auth_types(void **state);
void bfdt_test_auth_seq(void **state);
void bfdt_test_auth_duplicates(void **state);
void bfdt_test_rx_checks(void **state);
void bfdt_test_corrupt_wire(void **state);
void bfdt_test_remote_params(void **state);
void bfdt_test_static_remote_disc(void **state);

#endif
