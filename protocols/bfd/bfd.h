/*
 * A BFD session (RFC 5880): the asynchronous-mode state machine of section
 * 6.2 with the reception rules of section 6.8.6, the state variables of
 * section 6.8.1, Poll/Final sequences on timer changes (6.5, 6.8.3), slow
 * transmission while not Up (Desired Min TX at least 1 s, 6.8.3), the
 * detection time (6.8.4), transmit jitter (6.8.7: 75-100 % of the
 * interval, 75-90 % with Detect Mult 1) from the node's random stream,
 * authentication with sequence-number replay protection (6.7), AdminDown
 * (6.8.16) and path-down signalling (6.8.17). The session knows nothing of
 * routers: it sends through ops->send and is fed decoded packets with
 * bfd_session_rx, so tests drive it directly. One entry point changes
 * state (bfd_fsm in bfd.c); every transition is logged (module "bfd",
 * event "state") and reported to the listeners.
 */
#ifndef BFD_H
#define BFD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/bfd/bfd_pkt.h"
#include "sim/core/sim_time.h"
#include "sim/node/node.h"

#define BFD_NAME_MAX	  64
#define BFD_SLOW_TX	  SIM_S(1)   /* RFC 5880 6.8.3: while not Up */
#define BFD_DEFAULT_TX	  SIM_MS(10) /* VRP defaults */
#define BFD_DEFAULT_RX	  SIM_MS(10)
#define BFD_DEFAULT_MULT  3
#define BFD_MAX_LISTENERS 16

struct bfd_session;

struct bfd_session_ops {
	/* Transmit one Control packet (the UDP payload). 0 or -1. */
	int (*send)(void *ctx, struct bfd_session *s, const uint8_t *pkt,
		    size_t len);
};

struct bfd_session_cfg {
	char name[BFD_NAME_MAX];    /* for logs and display */
	uint32_t local_disc;	    /* My Discriminator, nonzero */
	uint32_t remote_disc;	    /* static Your Discriminator; 0: learn it */
	sim_time_t desired_min_tx;  /* bfd.DesiredMinTxInterval when Up */
	sim_time_t required_min_rx; /* bfd.RequiredMinRxInterval */
	uint8_t detect_mult;	    /* bfd.DetectMult, 1..255 */
	struct bfd_key key;	    /* type BFD_AUTH_NONE: no authentication */
	bool admin_down;	    /* VRP "shutdown": AdminDown */
	bool passive;		    /* RFC 5880 6.1: wait for the peer */
	bool offload;		    /* in the ASIC: immune to a CPU freeze */
};

/* Why a received packet was discarded (section 6.8.6 and 6.7). */
enum bfd_drop {
	BFD_DROP_MALFORMED,	/* bfd_pkt_decode failed */
	BFD_DROP_DETECT_MULT,	/* Detect Mult zero */
	BFD_DROP_MULTIPOINT,	/* M bit set */
	BFD_DROP_MY_DISC_ZERO,	/* My Discriminator zero */
	BFD_DROP_YOUR_DISC,	/* Your Discriminator zero while not Down */
	BFD_DROP_AUTH_MISMATCH, /* A bit differs from our configuration */
	BFD_DROP_AUTH_FAIL,	/* wrong type, key ID, password or digest */
	BFD_DROP_AUTH_SEQ,	/* sequence number out of the window */
	BFD_DROP_ADMIN_DOWN,	/* we are AdminDown */
	BFD_DROP_TTL,		/* GTSM: TTL/Hop Limit not 255 (RFC 5881) */
	BFD_DROP_NO_SESSION,	/* demultiplexing found no session */
	BFD_DROP__COUNT
};

const char *bfd_drop_name(enum bfd_drop d);

/* What display and tests read (times in ns, counters since creation). */
struct bfd_session_info {
	enum bfd_state state, remote_state;
	enum bfd_diag local_diag, remote_diag;
	uint32_t local_disc, remote_disc;
	sim_time_t desired_min_tx, required_min_rx; /* configured */
	sim_time_t remote_min_rx, remote_desired_tx;
	uint8_t detect_mult, remote_detect_mult;
	sim_time_t tx_interval; /* negotiated, before jitter */
	sim_time_t detect_time; /* 0 while not Up or Init */
	sim_time_t last_rx;	/* last packet accepted, -1 if none */
	bool poll_active;	/* a Poll Sequence is running */
	uint8_t auth_type;
	uint64_t tx, rx, up_count, down_count;
	uint64_t drops[BFD_DROP__COUNT];
	sim_time_t last_up, last_down; /* -1 if never */
	/* Added with bfd.c: */
	sim_time_t adv_desired_min_tx; /* Desired Min TX sent (1 s floor) */
	bool tx_running;	       /* periodic transmission scheduled */
	bool path_down;		       /* bfd_session_set_path(false) */
	bool auth_seq_known;	       /* bfd.AuthSeqKnown */
	uint32_t rcv_auth_seq;	       /* bfd.RcvAuthSeq */
	uint32_t xmit_auth_seq;	       /* bfd.XmitAuthSeq */
	uint64_t tx_fail;	       /* encode or ops->send failed */
};

typedef void (*bfd_listen_fn)(void *arg, struct bfd_session *s,
			      enum bfd_state old_state,
			      enum bfd_state new_state, enum bfd_diag diag);

/*
 * A session on node n (timers, random stream, event log). It starts in
 * Down (or AdminDown) and sends at the slow rate unless passive. NULL on
 * a bad configuration or no memory.
 */
struct bfd_session *bfd_session_new(struct node *n,
				    const struct bfd_session_cfg *cfg,
				    const struct bfd_session_ops *ops,
				    void *ctx);
/* Free silently (no transition, no listener call). */
void bfd_session_free(struct bfd_session *s);

/*
 * A received Control packet, already decoded from buf (needed for
 * authentication). Applies RFC 5880 6.8.6.
 */
void bfd_session_rx(struct bfd_session *s, const struct bfd_ctrl *c,
		    const uint8_t *buf, size_t len);
/* Count a drop seen before demultiplexing (malformed, TTL, ...). */
void bfd_session_count_drop(struct bfd_session *s, enum bfd_drop d);

/* Change the timers; while Up this runs a Poll Sequence (6.8.3). */
int bfd_session_set_timers(struct bfd_session *s, sim_time_t desired_min_tx,
			   sim_time_t required_min_rx, uint8_t detect_mult);
void bfd_session_set_admin_down(struct bfd_session *s, bool down);
/* The path (e.g. a tracked interface) went down or up (6.8.17). */
void bfd_session_set_path(struct bfd_session *s, bool up);
int bfd_session_set_key(struct bfd_session *s, const struct bfd_key *key);
void bfd_session_set_remote_disc(struct bfd_session *s, uint32_t disc);

enum bfd_state bfd_session_state(const struct bfd_session *s);
const char *bfd_session_name(const struct bfd_session *s);
uint32_t bfd_session_local_disc(const struct bfd_session *s);
uint32_t bfd_session_remote_disc(const struct bfd_session *s);
void bfd_session_info(const struct bfd_session *s,
		      struct bfd_session_info *out);

/* State-change listeners (called after the transition is logged). */
int bfd_session_listen(struct bfd_session *s, bfd_listen_fn fn, void *arg);
void bfd_session_unlisten(struct bfd_session *s, bfd_listen_fn fn, void *arg);

#endif
