/*
 * Remote backup services (`remote-backup-service NAME`) on a router: each
 * is a channel to one peer over TCP (protocols/tcp) between the configured
 * source and peer addresses and port, with failsim's keepalive, reconnect
 * with backoff and `track bfd-session` (the channel drops and comes back
 * when that BFD session goes down and up). The channel carries data only:
 * profiles (rbp.h) decide what to send. Wire format: rbs_pkt.h and
 * README.md. The router module "rbs" registers the commands and
 * `display remote-backup-service`.
 */
#ifndef RBS_H
#define RBS_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/rbs/rbs_pkt.h"
#include "sim/router/router.h"

/* TCP state of the channel as `display remote-backup-service` shows it. */
enum rbs_state {
	RBS_INITIAL,	/* not configured enough, or administratively down */
	RBS_LISTENING,	/* the passive side waits for the peer */
	RBS_CONNECTING, /* the active side's SYN is out, or backing off */
	RBS_CONNECTED,	/* TCP up and Hellos exchanged */
};

const char *rbs_state_name(enum rbs_state s); /* "Connected" ... */

struct rbs_svc;

extern const struct router_module rbs_module;

/* The service named name on r, or NULL. */
struct rbs_svc *rbs_find(struct router *r, const char *name);
const char *rbs_name(const struct rbs_svc *s);
enum rbs_state rbs_state(const struct rbs_svc *s);

/*
 * Send one message (the channel fills version and sequence number).
 * 0, or -1 when the channel is not Connected (nothing is queued: the
 * profile resends with a batch when the channel comes back).
 */
int rbs_send(struct rbs_svc *s, const struct rbs_msg *m);

/* What a profile hears from its service. state: the channel changed
 * state (a batch is due on Connected); msg: a message other than Hello
 * and Keepalive, valid during the call. */
struct rbs_listener {
	void (*state)(void *ctx, struct rbs_svc *s, enum rbs_state st);
	void (*msg)(void *ctx, struct rbs_svc *s, const struct rbs_msg *m);
	void *ctx;
};

/* Up to 16 listeners per service; 0 or -1. unlisten by ctx. */
int rbs_listen(struct rbs_svc *s, const struct rbs_listener *l);
void rbs_unlisten(struct rbs_svc *s, void *ctx);
/* Services come and go with the configuration: fn hears each one created
 * (after) and deleted (before; its listeners are dropped with it). Up to
 * 8 per router; 0 or -1. */
typedef void (*rbs_svc_fn)(void *ctx, struct rbs_svc *s, bool created);
int rbs_watch(struct router *r, rbs_svc_fn fn, void *ctx);

/* Backup-ids this side serves (sent in Hello); the profile sets them. */
void rbs_set_ids(struct rbs_svc *s, const uint32_t *ids, uint16_t n);

#endif
