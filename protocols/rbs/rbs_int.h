/*
 * Internal state of the remote backup services of a router, shared by
 * rbs_svc.c (services, configuration, listeners, watchers, the state
 * entry point and the module), rbs_chan.c (the TCP channel: roles,
 * Hello, keepalive, reconnect backoff, framing, sending), rbs_cli.c (VRP
 * commands) and rbs_display.c (`display remote-backup-service`). The
 * wire format is failsim's own (README.md); no RFC applies beyond TCP.
 */
#ifndef RBS_INT_H
#define RBS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocols/bfd/bfd.h"
#include "protocols/rbs/rbs.h"
#include "protocols/tcp/tcp.h"

#define RBS_NAME_MAX	  32 /* service names: 1-31 characters */
#define RBS_MAX_LISTENERS 16
#define RBS_MAX_WATCHERS  8
#define RBS_BFD_NAME_MAX  65

/* Defaults and limits of `keepalive interval I count N` (README.md). */
#define RBS_KA_INTERVAL_DEF SIM_S(1)
#define RBS_KA_COUNT_DEF    3
#define RBS_KA_INTERVAL_MIN 10	  /* ms */
#define RBS_KA_INTERVAL_MAX 60000 /* ms */
#define RBS_KA_COUNT_MIN    2
#define RBS_KA_COUNT_MAX    255
/* Reconnect backoff: 1 s doubling to 16 s (README.md "Reconnecting"). */
#define RBS_BACKOFF_MIN SIM_S(1)
#define RBS_BACKOFF_MAX SIM_S(16)
/* Bytes rbs_send may hold beyond what TCP's send buffer took. */
#define RBS_TXQ_MAX (16u << 20)

/* Why the channel is where it is (display, event log). */
enum rbs_cause {
	RBS_C_CONFIG,	     /* configured, reconfigured */
	RBS_C_NO_PEER,	     /* no peer / peer-ipv6 line */
	RBS_C_NO_TCP,	     /* the router runs no TCP */
	RBS_C_SRC_NOT_LOCAL, /* source address on no interface (yet) */
	RBS_C_LISTEN_FAIL,   /* the port is taken */
	RBS_C_CONNECT_FAIL,  /* tcp_connect refused the arguments */
	RBS_C_SYN,	     /* our SYN is out */
	RBS_C_BACKOFF,	     /* waiting to try again */
	RBS_C_HELLO,	     /* the peer's Hello arrived */
	RBS_C_HOLD_EXPIRED,  /* keepalive (or Hello) not heard in time */
	RBS_C_MALFORMED,     /* a message failed to decode */
	RBS_C_PROTOCOL,	     /* out of sequence, data before Hello */
	RBS_C_TCP_CLOSED,    /* TCP ended the connection (see tcp_end) */
	RBS_C_PEER_CLOSED,   /* the peer sent FIN */
	RBS_C_BFD_DOWN,	     /* the tracked BFD session went down */
	RBS_C_BFD_UP,	     /* ... and came back */
	RBS_C_TXQ_FULL,	     /* the peer does not read: send queue full */
	RBS_C_REPLACED,	     /* a new connection from the peer won */
	RBS_C_NO_MEMORY,     /* a buffer could not grow */
	RBS_C__COUNT
};

const char *rbs_cause_name(enum rbs_cause c);

struct rbs_counters {
	/* by message type; index 0 collects unknown types (received) */
	uint64_t tx_msgs[RBS_T__MAX], rx_msgs[RBS_T__MAX];
	uint64_t tx_bytes[RBS_T__MAX], rx_bytes[RBS_T__MAX];
	uint64_t attempts;	   /* active opens (SYNs started) */
	uint64_t accepted;	   /* passive opens from the peer */
	uint64_t rejected;	   /* passive opens from another address */
	uint64_t ups;		   /* Connected reached */
	uint64_t downs;		   /* Connected left */
	uint64_t ka_timeouts;	   /* hold timer expired while Connected */
	uint64_t hello_timeouts;   /* ... TCP up, waiting for the Hello */
	uint64_t connect_timeouts; /* ... our SYN not answered */
	uint64_t bfd_drops;	   /* dropped because BFD went down */
	uint64_t malformed[RBS_PKT_E__COUNT];
	uint64_t protocol_errors;
	uint64_t tcp_ends[TCP_END__COUNT];
	uint64_t send_refused; /* rbs_send while not Connected */
};

struct rbs_inst;

struct rbs_svc {
	struct rbs_inst *ri;
	char name[RBS_NAME_MAX];
	/* ---- configuration ---- */
	bool have_peer;
	struct net_addr peer, src; /* same family */
	uint16_t port;		   /* 1024-55535 */
	bool track;
	char track_name[RBS_BFD_NAME_MAX]; /* "" : by discriminator */
	uint32_t track_disc;
	sim_time_t ka_interval; /* ns, sent every this */
	uint8_t ka_count;	/* missed peer intervals before the drop */
	uint32_t ids[RBS_MAX_IDS];
	uint16_t nids;
	/* ---- tracked BFD session ---- */
	int bfd_watch; /* bfd_watch id, 0: none */
	enum bfd_state bfd_state;
	bool bfd_was_up; /* seen Up since tracking began (or admin down) */
	bool bfd_hold;	 /* held down until the session is Up again */
	/* ---- channel ---- */
	enum rbs_state state;
	enum rbs_cause cause; /* of the last state change */
	uint32_t nchanges;    /* state changes so far (nested calls) */
	bool active;	      /* source < peer: we connect */
	struct tcp_sock *lsn; /* passive side's listener */
	struct tcp_sock *conn;
	bool tcp_up;		     /* conn is ESTABLISHED, our Hello sent */
	bool hello_rx;		     /* the peer's Hello arrived on conn */
	uint32_t gen;		     /* bumped whenever conn is dropped */
	uint32_t tx_seq;	     /* last sent on conn */
	uint32_t rx_seq;	     /* last received on conn */
	sim_time_t backoff;	     /* delay before the next attempt */
	sim_time_t changed;	     /* time of the last state change */
	sim_time_t last_rx;	     /* time of the last message received */
	sim_time_t hold_from;	     /* t_hold's start: last_rx, or our SYN */
	sim_time_t ka_next;	     /* deadline of the next Keepalive */
	sim_time_t peer_ka_interval; /* from the peer's Hello */
	uint8_t peer_ka_count;
	uint32_t peer_ids[RBS_MAX_IDS];
	uint16_t peer_nids;
	enum tcp_end last_end; /* how TCP last ended the connection */
	struct rbs_stream rx;
	uint8_t *txq; /* bytes TCP's send buffer has not taken yet */
	size_t txq_len, txq_cap;
	size_t txq_max;		   /* RBS_TXQ_MAX (tests lower it) */
	uint8_t *scratch;	   /* RBS_MAX_MSG bytes to encode into */
	struct rbs_msg *rxmsg;	   /* what the last message decoded to */
	struct rbs_msg *hello;	   /* our Hello, built to be sent */
	struct node_timer t_ka;	   /* Keepalive transmission */
	struct node_timer t_hold;  /* peer silent: drop */
	struct node_timer t_retry; /* backoff over: connect / listen */
	struct rbs_counters cnt;
	struct rbs_listener lst[RBS_MAX_LISTENERS];
	int nlst;
};

struct rbs_watcher {
	rbs_svc_fn fn;
	void *ctx;
};

struct rbs_inst {
	struct router *r;
	struct rbs_svc **svc; /* in configuration order */
	size_t n, cap;
	struct rbs_watcher watch[RBS_MAX_WATCHERS];
	int nwatch;
};

struct rbs_inst *rbs_inst(struct router *r);
struct node *rbs_node(const struct rbs_svc *s);

/* ---- rbs_svc.c ---- */
struct rbs_svc *rbs_svc_create(struct rbs_inst *ri, const char *name);
void rbs_svc_delete(struct rbs_svc *s);
/*
 * The only place the state changes: logs an "rbs state" record, counts
 * ups and downs, tells the listeners. Same state: only the cause changes.
 */
void rbs_set_state(struct rbs_svc *s, enum rbs_state st, enum rbs_cause c);
/* Hand a data message to the listeners; false when a listener dropped
 * the connection meanwhile (stop reading). */
bool rbs_deliver(struct rbs_svc *s, const struct rbs_msg *m);
/* Configuration: each restarts the channel when it changes something. */
void rbs_svc_set_peer(struct rbs_svc *s, const struct net_addr *peer,
		      const struct net_addr *src, uint16_t port);
void rbs_svc_clear_peer(struct rbs_svc *s);
/* name NULL: by discriminator; 0, or -1 (no BFD, no session named, no
 * free watch) with the service left exactly as it was. */
int rbs_svc_set_track(struct rbs_svc *s, const char *name, uint32_t disc);
void rbs_svc_clear_track(struct rbs_svc *s);
void rbs_svc_set_keepalive(struct rbs_svc *s, sim_time_t interval,
			   uint8_t count);

/* ---- rbs_chan.c ---- */
int rbs_chan_init(struct rbs_svc *s);
/* Silent: free buffers and timers, forget sockets (crash, teardown). */
void rbs_chan_fini(struct rbs_svc *s);
/* (Re)start from scratch after a configuration or BFD change: close what
 * is open (FIN), then connect, listen or stay Initial. */
void rbs_chan_restart(struct rbs_svc *s, enum rbs_cause why);
/* Close everything (FIN) and go Initial with cause why. */
void rbs_chan_stop(struct rbs_svc *s, enum rbs_cause why);
/* Drop the connection at once (RST) and go on as the role does. */
void rbs_chan_drop(struct rbs_svc *s, enum rbs_cause why);
/* Send our Hello again (backup-ids or keepalive settings changed). */
void rbs_chan_hello(struct rbs_svc *s);
/* Keepalive settings changed: the hold timer (if running) gets its new
 * length from the same start; the transmission the new interval. */
void rbs_chan_ka_changed(struct rbs_svc *s);
/* The hold time now: peer's interval (ours before its Hello) x count. */
sim_time_t rbs_chan_hold_time(const struct rbs_svc *s);

/* ---- rbs_cli.c, rbs_display.c ---- */
int rbs_cli_register(struct cli_registry *reg);
int rbs_display_register(struct cli_registry *reg);

#endif
