/*
 * Remote backup services on a router (rbs.h): the service table, the
 * public API (find, state, listeners, watchers, backup-ids), the one
 * entry point where a channel's state changes (event log "rbs state",
 * counters, listeners), the configuration setters, `track bfd-session`
 * (the channel drops when the tracked session falls from Up and stays
 * down until it is Up again; README.md "BFD tracking") and the router
 * module. A vendor feature (Huawei VRP RBS) with failsim's own wire
 * format; no RFC applies.
 */
#include "protocols/rbs/rbs_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/bfd/bfd_router.h"

static const char *const state_names[] = {
	[RBS_INITIAL] = "Initial",
	[RBS_LISTENING] = "Listening",
	[RBS_CONNECTING] = "Connecting",
	[RBS_CONNECTED] = "Connected",
};

static const char *const cause_names[RBS_C__COUNT] = {
	[RBS_C_CONFIG] = "config",
	[RBS_C_NO_PEER] = "no-peer",
	[RBS_C_NO_TCP] = "no-tcp",
	[RBS_C_SRC_NOT_LOCAL] = "source-not-local",
	[RBS_C_LISTEN_FAIL] = "listen-failed",
	[RBS_C_CONNECT_FAIL] = "connect-failed",
	[RBS_C_SYN] = "syn-sent",
	[RBS_C_BACKOFF] = "backoff",
	[RBS_C_HELLO] = "hello",
	[RBS_C_HOLD_EXPIRED] = "hold-expired",
	[RBS_C_MALFORMED] = "malformed",
	[RBS_C_PROTOCOL] = "protocol-error",
	[RBS_C_TCP_CLOSED] = "tcp-closed",
	[RBS_C_PEER_CLOSED] = "peer-closed",
	[RBS_C_BFD_DOWN] = "bfd-down",
	[RBS_C_BFD_UP] = "bfd-up",
	[RBS_C_TXQ_FULL] = "send-queue-full",
	[RBS_C_REPLACED] = "replaced",
	[RBS_C_NO_MEMORY] = "no-memory",
};

const char *rbs_state_name(enum rbs_state s)
{
	return (unsigned)s <= RBS_CONNECTED ? state_names[s] : "?";
}

const char *rbs_cause_name(enum rbs_cause c)
{
	return (unsigned)c < RBS_C__COUNT ? cause_names[c] : "?";
}

struct rbs_inst *rbs_inst(struct router *r)
{
	return r ? router_module_state(r, &rbs_module) : NULL;
}

struct node *rbs_node(const struct rbs_svc *s)
{
	return router_node(s->ri->r);
}

struct rbs_svc *rbs_find(struct router *r, const char *name)
{
	struct rbs_inst *ri = rbs_inst(r);

	for (size_t i = 0; ri && name && i < ri->n; i++)
		if (!strcmp(ri->svc[i]->name, name))
			return ri->svc[i];
	return NULL;
}

const char *rbs_name(const struct rbs_svc *s)
{
	return s->name;
}

enum rbs_state rbs_state(const struct rbs_svc *s)
{
	return s->state;
}

/* ---- listeners and watchers ---- */

int rbs_listen(struct rbs_svc *s, const struct rbs_listener *l)
{
	if (!s || !l || s->nlst >= RBS_MAX_LISTENERS)
		return -1;
	s->lst[s->nlst++] = *l;
	return 0;
}

void rbs_unlisten(struct rbs_svc *s, void *ctx)
{
	for (int i = 0; s && i < s->nlst;) {
		if (s->lst[i].ctx == ctx) {
			memmove(&s->lst[i], &s->lst[i + 1],
				(size_t)(s->nlst - i - 1) * sizeof(s->lst[0]));
			s->nlst--;
		} else {
			i++;
		}
	}
}

int rbs_watch(struct router *r, rbs_svc_fn fn, void *ctx)
{
	struct rbs_inst *ri = rbs_inst(r);

	if (!ri || !fn || ri->nwatch >= RBS_MAX_WATCHERS)
		return -1;
	ri->watch[ri->nwatch].fn = fn;
	ri->watch[ri->nwatch].ctx = ctx;
	ri->nwatch++;
	return 0;
}

static void tell_watchers(struct rbs_svc *s, bool created)
{
	struct rbs_inst *ri = s->ri;

	for (int i = 0; i < ri->nwatch; i++)
		ri->watch[i].fn(ri->watch[i].ctx, s, created);
}

void rbs_set_ids(struct rbs_svc *s, const uint32_t *ids, uint16_t n)
{
	if (!s)
		return;
	if (n > RBS_MAX_IDS)
		n = RBS_MAX_IDS;
	if (n == s->nids && (!n || !memcmp(s->ids, ids, n * sizeof(*ids))))
		return;
	if (n)
		memcpy(s->ids, ids, n * sizeof(*ids));
	s->nids = n;
	rbs_chan_hello(s);
}

/* ---- the state entry point ---- */

static void log_state(struct rbs_svc *s, enum rbs_state old)
{
	struct sim_log_rec rec;
	char peer[NET_ADDR_STRLEN] = "";

	if (s->have_peer)
		net_addr_fmt(&s->peer, peer, sizeof(peer));
	node_log_begin(&rec, rbs_node(s), "rbs", "state");
	sim_log_str(&rec, "service", s->name);
	sim_log_str(&rec, "old", rbs_state_name(old));
	sim_log_str(&rec, "new", rbs_state_name(s->state));
	sim_log_str(&rec, "cause", rbs_cause_name(s->cause));
	sim_log_str(&rec, "peer", peer);
	sim_log_str(&rec, "role", s->active ? "active" : "passive");
	if (s->cause == RBS_C_TCP_CLOSED)
		sim_log_str(&rec, "tcp", tcp_end_name(s->last_end));
	sim_log_end(&rec);
}

void rbs_set_state(struct rbs_svc *s, enum rbs_state st, enum rbs_cause c)
{
	enum rbs_state old = s->state;
	struct rbs_listener l[RBS_MAX_LISTENERS];
	int n = s->nlst;
	uint32_t seq;

	s->cause = c;
	if (st == old)
		return;
	s->state = st;
	seq = ++s->nchanges;
	s->changed = node_now(rbs_node(s));
	if (st == RBS_CONNECTED)
		s->cnt.ups++;
	if (old == RBS_CONNECTED)
		s->cnt.downs++;
	log_state(s, old);
	/* A copy: a listener may unlisten (itself or another) meanwhile.
	 * One that changes the state again (a drop) has told everyone the
	 * newer state: the rest must not hear this stale one after it. */
	memcpy(l, s->lst, (size_t)n * sizeof(l[0]));
	for (int i = 0; i < n && s->nchanges == seq; i++)
		if (l[i].state)
			l[i].state(l[i].ctx, s, st);
}

bool rbs_deliver(struct rbs_svc *s, const struct rbs_msg *m)
{
	struct rbs_listener l[RBS_MAX_LISTENERS];
	uint32_t gen = s->gen;
	int n = s->nlst;

	memcpy(l, s->lst, (size_t)n * sizeof(l[0]));
	for (int i = 0; i < n && s->gen == gen; i++)
		if (l[i].msg)
			l[i].msg(l[i].ctx, s, m);
	return s->gen == gen;
}

/* ---- configuration ---- */

void rbs_svc_set_peer(struct rbs_svc *s, const struct net_addr *peer,
		      const struct net_addr *src, uint16_t port)
{
	if (s->have_peer && net_addr_eq(&s->peer, peer) &&
	    net_addr_eq(&s->src, src) && s->port == port)
		return;
	s->have_peer = true;
	s->peer = *peer;
	s->src = *src;
	s->port = port;
	rbs_chan_restart(s, RBS_C_CONFIG);
}

void rbs_svc_clear_peer(struct rbs_svc *s)
{
	if (!s->have_peer)
		return;
	s->have_peer = false;
	rbs_chan_stop(s, RBS_C_NO_PEER);
}

void rbs_svc_set_keepalive(struct rbs_svc *s, sim_time_t interval,
			   uint8_t count)
{
	if (s->ka_interval == interval && s->ka_count == count)
		return;
	s->ka_interval = interval;
	s->ka_count = count;
	rbs_chan_ka_changed(s);
	rbs_chan_hello(s);
}

/*
 * The tracked session changed. It holds the channel down once it has
 * been seen Up and falls; Up again releases it (the channel restarts at
 * once, backoff reset). AdminDown (the session shut or deleted, here or
 * at the remote end, RFC 5880 section 6.8.16) is no failure of the path:
 * it releases the hold, as VRRP's tracking does.
 */
static void on_bfd(void *arg, struct bfd_session *bs, enum bfd_state old,
		   enum bfd_state st, enum bfd_diag diag)
{
	struct rbs_svc *s = arg;
	struct bfd_session_info in;
	bool admin;

	(void)old;
	bfd_session_info(bs, &in);
	admin = st == BFD_STATE_ADMIN_DOWN || diag == BFD_DIAG_ADMIN_DOWN ||
		in.remote_state == BFD_STATE_ADMIN_DOWN;
	s->bfd_state = st;
	if (st == BFD_STATE_UP || admin) {
		s->bfd_was_up = st == BFD_STATE_UP;
		if (s->bfd_hold) {
			s->bfd_hold = false;
			rbs_chan_restart(s, RBS_C_BFD_UP);
		}
		return;
	}
	if (!s->bfd_was_up || s->bfd_hold)
		return;
	s->bfd_hold = true;
	if (s->conn)
		s->cnt.bfd_drops++;
	rbs_chan_stop(s, RBS_C_BFD_DOWN);
}

/* What `track bfd-session` sets, kept to undo a change that failed. */
struct track_saved {
	bool track;
	char name[RBS_BFD_NAME_MAX];
	uint32_t disc;
	enum bfd_state state;
	bool was_up, hold;
};

/*
 * Watch the session named name (NULL: by discriminator disc) from a
 * fresh start: nothing seen Up, nothing held, so the watch's report of
 * the current state at once (Up: seen Up) changes no channel. 0 or -1
 * (no watch free).
 */
static int track_watch(struct rbs_svc *s, struct bfd_inst *bi, const char *name,
		       uint32_t disc)
{
	int id;

	s->bfd_state = BFD_STATE_DOWN;
	s->bfd_was_up = false;
	s->bfd_hold = false;
	snprintf(s->track_name, sizeof(s->track_name), "%s", name ? name : "");
	s->track_disc = name ? 0 : disc;
	s->track = true;
	id = bfd_watch(bi, name, disc, on_bfd, s);
	s->bfd_watch = id > 0 ? id : 0;
	return id > 0 ? 0 : -1;
}

/*
 * A change failed: watch the old session again, quietly, and put every
 * field back as it was (a hold stays, the channel is not touched). The
 * old watch's slot was just freed, so watching again does not fail; if
 * it ever did, the service ends up untracked as `undo track` leaves it.
 */
static void track_restore(struct rbs_svc *s, struct bfd_inst *bi,
			  const struct track_saved *o)
{
	if (o->track &&
	    track_watch(s, bi, o->name[0] ? o->name : NULL, o->disc) != 0) {
		s->bfd_hold = o->hold;
		rbs_svc_clear_track(s);
		return;
	}
	s->track = o->track;
	memcpy(s->track_name, o->name, sizeof(s->track_name));
	s->track_disc = o->disc;
	s->bfd_state = o->state;
	s->bfd_was_up = o->was_up;
	s->bfd_hold = o->hold;
}

int rbs_svc_set_track(struct rbs_svc *s, const char *name, uint32_t disc)
{
	struct bfd_inst *bi = bfd_inst(s->ri->r);
	struct track_saved o;

	if (!bi || (name ? !name[0] : !disc))
		return -1;
	if (s->track && ((name && !strcmp(name, s->track_name)) ||
			 (!name && !s->track_name[0] && disc == s->track_disc)))
		return 0;
	o.track = s->track;
	memcpy(o.name, s->track_name, sizeof(o.name));
	o.disc = s->track_disc;
	o.state = s->bfd_state;
	o.was_up = s->bfd_was_up;
	o.hold = s->bfd_hold;
	/* The old watch goes first: its slot may be the only one free. */
	if (s->bfd_watch > 0)
		bfd_unwatch(bi, s->bfd_watch);
	s->bfd_watch = 0;
	if (track_watch(s, bi, name, disc) != 0) {
		track_restore(s, bi, &o);
		return -1;
	}
	if (o.hold) /* the old session's hold is released */
		rbs_chan_restart(s, RBS_C_CONFIG);
	return 0;
}

void rbs_svc_clear_track(struct rbs_svc *s)
{
	struct bfd_inst *bi = bfd_inst(s->ri->r);
	bool held = s->bfd_hold;

	if (bi && s->bfd_watch > 0)
		bfd_unwatch(bi, s->bfd_watch);
	s->bfd_watch = 0;
	s->track = false;
	s->track_name[0] = '\0';
	s->track_disc = 0;
	s->bfd_was_up = false;
	s->bfd_hold = false;
	if (held)
		rbs_chan_restart(s, RBS_C_CONFIG);
}

/* ---- services ---- */

struct rbs_svc *rbs_svc_create(struct rbs_inst *ri, const char *name)
{
	struct rbs_svc *s;

	if (ri->n == ri->cap) {
		size_t cap = ri->cap ? 2 * ri->cap : 4;
		struct rbs_svc **nv = realloc(ri->svc, cap * sizeof(*nv));

		if (!nv)
			return NULL;
		ri->svc = nv;
		ri->cap = cap;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ri = ri;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->ka_interval = RBS_KA_INTERVAL_DEF;
	s->ka_count = RBS_KA_COUNT_DEF;
	s->state = RBS_INITIAL;
	s->cause = RBS_C_NO_PEER;
	s->changed = node_now(router_node(ri->r));
	if (rbs_chan_init(s) != 0) {
		free(s);
		return NULL;
	}
	ri->svc[ri->n++] = s;
	tell_watchers(s, true);
	return s;
}

static void svc_free(struct rbs_svc *s)
{
	rbs_chan_fini(s);
	free(s);
}

void rbs_svc_delete(struct rbs_svc *s)
{
	struct rbs_inst *ri = s->ri;

	tell_watchers(s, false);
	s->nlst = 0;	     /* its listeners go with it */
	s->bfd_hold = false; /* so that clearing the track restarts nothing */
	rbs_svc_clear_track(s);
	rbs_chan_stop(s, RBS_C_CONFIG);
	for (size_t i = 0; i < ri->n; i++)
		if (ri->svc[i] == s) {
			memmove(&ri->svc[i], &ri->svc[i + 1],
				(ri->n - i - 1) * sizeof(ri->svc[0]));
			ri->n--;
			break;
		}
	svc_free(s);
}

/* ---- module ---- */

static void *rbs_create(struct router *r)
{
	struct rbs_inst *ri = calloc(1, sizeof(*ri));

	if (!ri)
		return NULL;
	ri->r = r;
	return ri;
}

/*
 * Silent, as router_module.h asks: no segment, no listener, no watcher.
 * TCP comes before us in the module table, so it is destroyed after us
 * and frees our sockets silently; BFD likewise still exists and takes
 * its watches back.
 */
static void rbs_destroy(void *state)
{
	struct rbs_inst *ri = state;
	struct bfd_inst *bi = bfd_inst(ri->r);

	for (size_t i = 0; i < ri->n; i++) {
		if (bi && ri->svc[i]->bfd_watch > 0)
			bfd_unwatch(bi, ri->svc[i]->bfd_watch);
		svc_free(ri->svc[i]);
	}
	free(ri->svc);
	free(ri);
}

static int rbs_register(struct cli_registry *reg)
{
	if (rbs_cli_register(reg) != 0)
		return -1;
	return rbs_display_register(reg);
}

const struct router_module rbs_module = {
	.name = "rbs",
	.cli_register = rbs_register,
	.create = rbs_create,
	.destroy = rbs_destroy,
};
