/*
 * Shared helpers of the "bfd" conformance suite (cf_bfd*.c): the world
 * every case uses -- the device under test (one failsim router, "DUT",
 * with one static single-hop IPv4 session "s1" configured with VRP
 * commands) cabled to a probe that plays the remote BFD system (RFC 5881:
 * UDP to port 3784, TTL 255) -- control packets the probe crafts with the
 * BFD codec (bfd_pkt_encode) and damages on purpose where a case needs
 * it, readers of the control packets the DUT sent, and the exact wire
 * times of the default ASIC profile that the cases compare against.
 * Nothing here asserts: a setup step that fails is reported through
 * cf_check. The case bodies that tests also drive with wrong expectations
 * (to prove the cases can fail) are declared at the end.
 */
#ifndef CF_BFD_INT_H
#define CF_BFD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conformance/conform/cf.h"
#include "conformance/conform/cf_world.h"
#include "protocols/bfd/bfd_router.h"

#define BX_PORT	     "GigabitEthernet0/1/0"
#define BX_SESSION   "s1"
#define BX_DUT_DISC  10u	/* the DUT's "discriminator local" */
#define BX_PEER_DISC 777u	/* the probe's My Discriminator */
#define BX_PEER_PORT 49999	/* the probe's UDP source port */
#define BX_IVAL	     SIM_MS(10) /* the probe's intervals by default */
#define BX_KEY_ID    3
#define BX_KEY	     "fs-conform"

/* The DUT session's configuration (zero: VRP's default). */
struct bx_cfg {
	unsigned tx_ms, rx_ms; /* min-tx-interval, min-rx-interval: 10 */
	unsigned mult;	       /* detect-multiplier: 3 */
	/* authentication-mode keyword ("meticulous-md5", "sha1", ...) with
	 * key-id BX_KEY_ID cipher BX_KEY, or NULL for none */
	const char *auth;
};

/* How a crafted packet is damaged (RFC 5880 6.8.6, 6.7; RFC 5881 5). */
enum bx_bad {
	BX_OK = 0,
	BX_BAD_VERSION,	     /* Vers 2 */
	BX_BAD_LENGTH,	     /* Length 20 (< 24) */
	BX_BAD_LENGTH_LONG,  /* Length 8 more than the UDP payload */
	BX_BAD_MULT,	     /* Detect Mult 0 */
	BX_BAD_MULTIPOINT,   /* M bit set */
	BX_BAD_MY_DISC,	     /* My Discriminator 0 */
	BX_BAD_YOUR_DISC_0,  /* Your Discriminator 0, State Up */
	BX_BAD_YOUR_DISC,    /* Your Discriminator of no session */
	BX_BAD_TTL,	     /* IP TTL 254 */
	BX_BAD_AUTH_PRESENT, /* A bit and a SHA1 section, no auth in use */
	BX_BAD_AUTH_MISSING, /* no authentication section, auth in use */
	BX_BAD_DIGEST,	     /* one byte of the digest flipped */
	BX_BAD_SEQ_REPLAY,   /* the last accepted Sequence Number again */
};

/* A control packet from the probe (zero fields: the probe's defaults). */
struct bx_tx {
	uint8_t state; /* enum bfd_state */
	uint8_t diag;
	bool poll, final, demand;
	bool learnt;	   /* Your Discriminator = the DUT's (else 0) */
	uint8_t mult;	   /* Detect Mult; 0: 3 */
	sim_time_t tx, rx; /* Desired Min TX, Required Min RX; 0: BX_IVAL */
	enum bx_bad bad;
};

/* A control packet the DUT sent, as the probe received it. */
struct bx_rx {
	sim_time_t t;	 /* arrival at the probe */
	sim_time_t sent; /* when the DUT's CPU sent it */
	uint8_t ttl;
	uint16_t sport, dport;
	bool ok; /* the codec accepted it */
	struct bfd_ctrl c;
};

struct bx {
	struct cf_ctx *c;
	struct cf_world *w;
	struct router *dut;
	struct node *peer;
	struct node_link *link;
	struct bx_cfg cfg;
	struct bfd_key key;  /* the probe's key (type NONE: no auth) */
	uint32_t seq;	     /* the probe's last Sequence Number */
	size_t next;	     /* first probe frame bx_next has not read */
	sim_time_t last_cpu; /* when the last packet sent reaches the CPU */
	sim_time_t busy;     /* the probe's cable is busy until then */
	/* The probe answers the DUT's Polls with a Final on its next valid
	 * packet (default); a case that times Finals itself clears it. */
	bool answer_polls;
	bool poll_seen; /* a Poll from the DUT not answered yet */
	size_t pscan;	/* first probe frame not scanned for Polls */
};

/* Build the world, boot the DUT at 0 and resolve ARP. False (with a
 * failed expectation) when the setup failed. */
bool bx_open(struct bx *x, struct cf_ctx *c, const struct bx_cfg *cfg);
/* Free the world; a leaked frame or timer is a failed expectation. */
void bx_close(struct bx *x);

void bx_run(struct bx *x, sim_time_t t);
/* Send one packet now; returns when it reaches the DUT's CPU (-1 when it
 * could not be built: a failed expectation). */
sim_time_t bx_send(struct bx *x, const struct bx_tx *t);
/* Send t at from, from + every, ... while <= to (running the world in
 * between); returns when the last one reached the CPU (-1: none). */
sim_time_t bx_send_every(struct bx *x, const struct bx_tx *t, sim_time_t from,
			 sim_time_t every, sim_time_t to);
/* The three-way handshake from Down (6.2): Down, then Up once the DUT
 * said Init, then a Final for the Poll Sequence the DUT starts on
 * entering Up (6.8.3). Returns when the DUT went Up (-1: it did not,
 * reported); the world is then 3 ms later. */
sim_time_t bx_up(struct bx *x);
/* Keep the session up: an Up packet every BX_IVAL up to `to`; returns
 * when the last reached the CPU. */
sim_time_t bx_keep(struct bx *x, sim_time_t to);

/* The DUT session: its state, information, and the time of its nth
 * transition to state `to` (-1: none). */
enum bfd_state bx_state(const struct bx *x);
bool bx_info(const struct bx *x, struct bfd_session_info *in);
sim_time_t bx_went(const struct bx *x, enum bfd_state to, size_t nth);

/* The next control packet the DUT sent (false: none yet). */
bool bx_next(struct bx *x, struct bx_rx *out);
/* Skip what the DUT sent so far. */
void bx_skip(struct bx *x);
/* Control packets the DUT sent (by CPU send time) in [from, to] into
 * v[0..cap); returns how many there were (possibly more than cap). */
size_t bx_sent(struct bx *x, sim_time_t from, sim_time_t to, struct bx_rx *v,
	       size_t cap);

/* A counter of `display bfd statistics` ("Malformed", "Dropped, ttl"):
 * 0 when a "Dropped" line is absent, -1 when the display failed. */
long long bx_stat(struct bx *x, const char *label);

/* The wire: probe frame of len bytes to the DUT's CPU, and back. */
sim_time_t bx_to_cpu(const struct bx *x, size_t len);
sim_time_t bx_from_cpu(const struct bx *x, size_t len);

/* ---- case bodies (cf_bfd_*.c), parameterised for the negative tests ---- */

/* RFC 5880 6.8.4: the probe, with Detect Mult `mult` and Desired Min TX
 * `tx`, against the DUT's min-rx-interval rx_ms, goes silent; the DUT
 * must go Down exactly at the Detection Time. skew is added to the
 * expected time (0 in the suite). */
void cf_bfd_detect_body(struct cf_ctx *c, uint8_t mult, sim_time_t tx,
			unsigned rx_ms, sim_time_t skew);
/* RFC 5880 6.8.6 / 5881 5: only packets damaged as `bad` after the last
 * valid one; the session must go Down at the Detection Time and the
 * damage be counted under `counter` of `display bfd statistics`. */
void cf_bfd_discard_body(struct cf_ctx *c, enum bx_bad bad, const char *auth,
			 const char *counter);
/* RFC 5880 6.8.7: the DUT with min-tx-interval dut_tx_ms against a peer
 * advertising Required Min RX peer_rx: every gap must lie in 75-100 % of
 * the interval `expect` (0: the correct maximum of the two). */
void cf_bfd_txival_body(struct cf_ctx *c, unsigned dut_tx_ms,
			sim_time_t peer_rx, sim_time_t expect);

/* The cases (suite table in cf_bfd.c). */
void cf_bfd_case_down_init(struct cf_ctx *c);
void cf_bfd_case_init_up(struct cf_ctx *c);
void cf_bfd_case_down_up(struct cf_ctx *c);
void cf_bfd_case_up_down(struct cf_ctx *c);
void cf_bfd_case_rx_admin_down(struct cf_ctx *c);
void cf_bfd_case_your_disc(struct cf_ctx *c);
void cf_bfd_case_detect(struct cf_ctx *c);
void cf_bfd_case_detect_diag(struct cf_ctx *c);
void cf_bfd_case_slow_rate(struct cf_ctx *c);
void cf_bfd_case_tx_interval(struct cf_ctx *c);
void cf_bfd_case_jitter(struct cf_ctx *c);
void cf_bfd_case_jitter_mult1(struct cf_ctx *c);
void cf_bfd_case_poll_final(struct cf_ctx *c);
void cf_bfd_case_poll_on_change(struct cf_ctx *c);
void cf_bfd_case_poll_terminate(struct cf_ctx *c);
void cf_bfd_case_poll_no_extra(struct cf_ctx *c);
void cf_bfd_case_poll_pf(struct cf_ctx *c);
void cf_bfd_case_poll_tx_increase(struct cf_ctx *c);
void cf_bfd_case_poll_rx_decrease(struct cf_ctx *c);
void cf_bfd_case_rx_version(struct cf_ctx *c);
void cf_bfd_case_rx_length_short(struct cf_ctx *c);
void cf_bfd_case_rx_length_long(struct cf_ctx *c);
void cf_bfd_case_rx_mult_zero(struct cf_ctx *c);
void cf_bfd_case_rx_multipoint(struct cf_ctx *c);
void cf_bfd_case_rx_my_disc(struct cf_ctx *c);
void cf_bfd_case_rx_your_disc_zero(struct cf_ctx *c);
void cf_bfd_case_rx_your_disc(struct cf_ctx *c);
void cf_bfd_case_rx_ttl(struct cf_ctx *c);
void cf_bfd_case_rx_auth_present(struct cf_ctx *c);
void cf_bfd_case_rx_auth_missing(struct cf_ctx *c);
void cf_bfd_case_rx_auth_digest(struct cf_ctx *c);
void cf_bfd_case_rx_auth_seq(struct cf_ctx *c);
void cf_bfd_case_admin_down(struct cf_ctx *c);
void cf_bfd_case_admin_discard(struct cf_ctx *c);
void cf_bfd_case_admin_tx(struct cf_ctx *c);
void cf_bfd_case_demand_stop(struct cf_ctx *c);
void cf_bfd_case_demand_resume(struct cf_ctx *c);
void cf_bfd_case_tx_ttl(struct cf_ctx *c);
void cf_bfd_case_tx_ports(struct cf_ctx *c);

#endif
