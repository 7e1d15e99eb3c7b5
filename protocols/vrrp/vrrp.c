/*
 * The VRRP virtual router (see vrrp.h): the parameters of RFC 5798
 * section 6.1 (RFC 3768 section 6.1 for v2), the timers of 6.2 and the
 * state machine of 6.3/6.4 (Initialize 6.4.1, Backup 6.4.2, Master 6.4.3)
 * with the receive checks of section 7.1 (RFC 3768 7.1 for v2:
 * authentication and Adver Int), RFC 9568's clarifications (Skew_Time and
 * Master_Down_Interval from the learned Master_Adver_Interval; the
 * equal-priority tie won by the greater primary address) and VRP's
 * preemption delay. One entry point, vrrp_fsm, changes the state; every
 * transition is logged (module "vrrp", event "state") before the
 * listeners run. Time and timers come from the node; advertisements go out
 * through ops->send_adv. All arithmetic is in integer nanoseconds.
 *
 * Choices where the RFCs leave room (also in the README):
 *  - Tie rule in Backup: with Preempt_Mode True, an advertisement "wins"
 *    (resets Master_Down_Timer) when its priority is greater than ours, or
 *    equal and the sender's primary address is greater than ours (the same
 *    rule a Master applies in 6.4.3); an equal priority from a smaller
 *    address is handled like a lower priority, so the greater address
 *    ends as Master whichever router came first.
 *  - Preemption delay D (VRP "preempt-mode timer delay"): D == 0 is
 *    RFC 5798: lower-priority advertisements are discarded and the
 *    Master_Down_Timer runs out. D > 0: lower-priority advertisements keep
 *    the Master alive (they reset Master_Down_Timer like any Master's), and
 *    the first one starts a timer; D after it, if we are still Backup, we
 *    take over (cause "preempt-delay"). An advertisement that wins, a
 *    priority 0, or leaving Backup cancels the delay; if the lower Master
 *    falls silent meanwhile, Master_Down_Timer takes over as usual.
 *  - Address list (7.1 "MAY verify"): we do not filter on it; a list that
 *    differs from ours is counted (VRRP_DROP_ADDRS, a misconfiguration
 *    report) and the advertisement is processed.
 *  - The owner (effective priority 255) discards every advertisement
 *    (7.1: "the local router is not the IPvX address owner"), priority 0
 *    included, counted as VRRP_DROP_OWNER.
 *  - Tracking: a non-owner's effective priority is kept in 1..254; only a
 *    configured owner may be 255 (owner status comes from configuration).
 *    A Master advertises a change at once and restarts its Adver_Timer.
 *  - Order around a transition: timers of the old state are cancelled and
 *    a resigning Master sends its priority 0 (still Master, as 6.4.3
 *    orders); an expiry that detects a lost Master is logged
 *    ("master-down", mark "detect"); the state changes and is logged; then,
 *    in the new state, master_leave (old Master) or the new Master's first
 *    advertisement and master_enter (6.4.1/6.4.2 order), the timers of the
 *    new state, and last the listeners.
 */
#include "protocols/vrrp/vrrp.h"

#include <stdlib.h>
#include <string.h>

/* What drives vrrp_fsm (the only function that changes the state). */
enum vrrp_event {
	VRRP_EV_STARTUP,     /* 6.4.1 */
	VRRP_EV_SHUTDOWN,    /* 6.4.2, 6.4.3 */
	VRRP_EV_MASTER_DOWN, /* Master_Down_Timer fired (6.4.2) */
	VRRP_EV_PRIORITY_0,  /* ... after a priority 0 set it to Skew_Time */
	VRRP_EV_PREEMPT,     /* VRP preemption delay over */
	VRRP_EV_MASTER_GONE, /* BFD "peer" session down */
	VRRP_EV_ADV,	     /* an accepted advertisement (arg) */
	VRRP_EV__COUNT
};

static const char *const vrrp_event_names[VRRP_EV__COUNT] = {
	[VRRP_EV_STARTUP] = "startup",
	[VRRP_EV_SHUTDOWN] = "shutdown",
	[VRRP_EV_MASTER_DOWN] = "master-down-timer",
	[VRRP_EV_PRIORITY_0] = "priority-0",
	[VRRP_EV_PREEMPT] = "preempt-delay",
	[VRRP_EV_MASTER_GONE] = "bfd",
	[VRRP_EV_ADV] = "advertisement",
};

static const char *const vrrp_state_names[] = {
	[VRRP_STATE_INIT] = "Initialize",
	[VRRP_STATE_BACKUP] = "Backup",
	[VRRP_STATE_MASTER] = "Master",
};

static const char *const vrrp_drop_names[VRRP_DROP__COUNT] = {
	[VRRP_DROP_MALFORMED] = "malformed", [VRRP_DROP_TTL] = "ttl",
	[VRRP_DROP_VERSION] = "version",     [VRRP_DROP_AUTH] = "auth",
	[VRRP_DROP_INTERVAL] = "interval",   [VRRP_DROP_ADDRS] = "addrs",
	[VRRP_DROP_OWNER] = "owner",	     [VRRP_DROP_NO_GROUP] = "no-group",
};

/* An advertisement handed to vrrp_fsm. */
struct vrrp_rx {
	const struct vrrp_adv *a;
	const struct net_addr *src;
};

struct vrrp_listener {
	vrrp_listen_fn fn;
	void *arg;
};

struct vrrp_group {
	struct node *node;
	const struct vrrp_group_ops *ops;
	void *ctx;
	/* Configuration; adver_int, preempt and preempt_delay kept current. */
	struct vrrp_group_cfg cfg;

	/* Section 6.1 parameters (times in ns). */
	enum vrrp_state state;
	uint8_t priority; /* Priority, effective (after tracking) */
	/* Master_Adver_Interval: v3 learned in Backup; v2 = adver_int */
	sim_time_t master_adver_int;
	/* Skew_Time: v3 ((256-Priority)*Master_Adver_Interval)/256,
	 * v2 (256-Priority)/256 s */
	sim_time_t skew_time;
	/* Master_Down_Interval: 3*Master_Adver_Interval + Skew_Time */
	sim_time_t master_down_int;

	/* Section 6.2 timers, and VRP's preemption delay. */
	struct node_timer adver_timer; /* Adver_Timer (Master) */
	sim_time_t adver_next;	       /* its deadline */
	sim_time_t last_tx;	       /* last periodic or triggered send */
	struct node_timer down_timer;  /* Master_Down_Timer (Backup) */
	enum vrrp_event down_cause;    /* MASTER_DOWN or PRIORITY_0 */
	struct node_timer preempt_timer;
	sim_time_t lower_seen; /* first lower-priority advert of the delay */

	struct net_addr master; /* the Master as last heard */
	uint8_t master_priority;
	sim_time_t last_adv_rx, became_master;
	uint64_t adv_tx, adv_tx_fail, adv_rx, prio0_tx, prio0_rx;
	uint64_t to_master, to_backup, adv_lower, rx_idle;
	uint64_t drops[VRRP_DROP__COUNT];

	struct vrrp_listener listeners[VRRP_MAX_LISTENERS];
	int nlisteners;
};

const char *vrrp_state_name(enum vrrp_state s)
{
	if ((unsigned)s > VRRP_STATE_MASTER)
		return "unknown";
	return vrrp_state_names[s];
}

const char *vrrp_drop_name(enum vrrp_drop d)
{
	if ((unsigned)d >= VRRP_DROP__COUNT)
		return "unknown";
	return vrrp_drop_names[d];
}

static sim_time_t vrrp_now(const struct vrrp_group *g)
{
	return node_now(g->node);
}

/*
 * Section 6.1: Skew_Time and Master_Down_Interval from the current
 * priority and Master_Adver_Interval. v3 (RFC 5798 6.1, RFC 9568 6.1):
 * Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256, in ns
 * from the centisecond interval. v2 (RFC 3768 6.1): Skew_Time = (256 -
 * Priority) / 256 s, and Master_Adver_Interval is Advertisement_Interval.
 */
static void vrrp_recompute(struct vrrp_group *g)
{
	sim_time_t unit;

	if (g->cfg.version == 2)
		g->master_adver_int = g->cfg.adver_int;
	unit = g->cfg.version == 2 ? SIM_S(1) : g->master_adver_int;
	g->skew_time = (sim_time_t)(256 - g->priority) * unit / 256;
	g->master_down_int = 3 * g->master_adver_int + g->skew_time;
}

/*
 * Whether an advertisement of priority prio from src beats us: a greater
 * priority, or an equal one from a greater primary address (RFC 5798
 * 6.4.3; bytes in network order compare as the unsigned address).
 */
static bool vrrp_wins(const struct vrrp_group *g, uint8_t prio,
		      const struct net_addr *src)
{
	if (prio != g->priority)
		return prio > g->priority;
	return net_addr_cmp(src, &g->cfg.primary) > 0;
}

/* ---- transmission ---- */

static void vrrp_send(struct vrrp_group *g, uint8_t prio)
{
	g->last_tx = vrrp_now(g);
	if (g->ops->send_adv(g->ctx, g, prio) != 0) {
		g->adv_tx_fail++;
		return;
	}
	g->adv_tx++;
	if (prio == VRRP_PRIO_RESIGN)
		g->prio0_tx++;
}

static void vrrp_adver_arm(struct vrrp_group *g, sim_time_t deadline)
{
	g->adver_next = deadline;
	node_timer_arm(&g->adver_timer, deadline);
}

/* Adver_Timer (6.4.3): send and re-arm from the deadline (no drift). */
static void vrrp_adver_fire(struct node_timer *nt)
{
	struct vrrp_group *g =
		sim_container_of(nt, struct vrrp_group, adver_timer);
	sim_time_t now = vrrp_now(g), next;

	if (g->state != VRRP_STATE_MASTER)
		return;
	vrrp_send(g, g->priority);
	next = g->adver_next + g->cfg.adver_int;
	if (next <= now) /* fired late (a CPU freeze): skip the lost slots */
		next = now + g->cfg.adver_int;
	vrrp_adver_arm(g, next);
}

/* ---- logging and listeners ---- */

static void vrrp_log_transition(struct vrrp_group *g, enum vrrp_state old,
				enum vrrp_event ev, const struct vrrp_rx *rx)
{
	struct sim_log_rec r;
	char buf[NET_ADDR_STRLEN];

	node_log_begin(&r, g->node, "vrrp", "state");
	sim_log_str(&r, "group", g->cfg.name);
	sim_log_str(&r, "old", vrrp_state_name(old));
	sim_log_str(&r, "new", vrrp_state_name(g->state));
	sim_log_str(&r, "cause", vrrp_event_names[ev]);
	sim_log_int(&r, "priority", g->priority);
	if (rx) {
		net_addr_fmt(rx->src, buf, sizeof(buf));
		sim_log_str(&r, "from", buf);
		sim_log_int(&r, "from_priority", rx->a->priority);
	}
	if (g->state == VRRP_STATE_MASTER)
		sim_log_str(&r, "mark", "transition");
	sim_log_end(&r);
}

/* The Backup's detection of a lost Master (outage anatomy). */
static void vrrp_log_detect(struct vrrp_group *g, enum vrrp_event ev)
{
	struct sim_log_rec r;

	node_log_begin(&r, g->node, "vrrp", "master-down");
	sim_log_str(&r, "group", g->cfg.name);
	sim_log_str(&r, "cause", vrrp_event_names[ev]);
	sim_log_time(&r, "master_down_interval", g->master_down_int);
	sim_log_time(&r, "skew_time", g->skew_time);
	sim_log_str(&r, "mark", "detect");
	sim_log_end(&r);
}

static void vrrp_log_ignored(struct vrrp_group *g, const char *cause)
{
	struct sim_log_rec r;

	node_log_begin(&r, g->node, "vrrp", "ignored");
	sim_log_str(&r, "group", g->cfg.name);
	sim_log_str(&r, "cause", cause);
	sim_log_str(&r, "state", vrrp_state_name(g->state));
	sim_log_end(&r);
}

/* Listeners run on a copy, so one may (un)register during the call. */
static void vrrp_notify(struct vrrp_group *g, enum vrrp_state old)
{
	struct vrrp_listener l[VRRP_MAX_LISTENERS];
	int n = g->nlisteners;
	enum vrrp_state now_state = g->state;

	memcpy(l, g->listeners, sizeof(l[0]) * (size_t)n);
	for (int i = 0; i < n; i++)
		l[i].fn(l[i].arg, g, old, now_state);
}

/* ---- the state machine (sections 6.3, 6.4) ---- */

/* Backup: (re)start Master_Down_Timer at Master_Down_Interval. */
static void vrrp_down_arm(struct vrrp_group *g)
{
	vrrp_recompute(g);
	g->down_cause = VRRP_EV_MASTER_DOWN;
	node_timer_arm(&g->down_timer, vrrp_now(g) + g->master_down_int);
}

/* v3 Backup: take the Master's interval (6.4.2), reset the timer. */
static void vrrp_follow(struct vrrp_group *g, const struct vrrp_adv *a)
{
	if (g->cfg.version == 3)
		g->master_adver_int = a->adver_int;
	vrrp_down_arm(g);
}

/* Section 6.4.2, "If an ADVERTISEMENT is received" in Backup. */
static enum vrrp_state vrrp_backup_adv(struct vrrp_group *g,
				       const struct vrrp_rx *rx)
{
	const struct vrrp_adv *a = rx->a;
	sim_time_t now = vrrp_now(g);

	g->master = *rx->src;
	g->master_priority = a->priority;
	if (a->priority == VRRP_PRIO_RESIGN) {
		/* "Set the Master_Down_Timer to Skew_Time" */
		node_timer_cancel(&g->preempt_timer);
		g->down_cause = VRRP_EV_PRIORITY_0;
		node_timer_arm(&g->down_timer, now + g->skew_time);
		return VRRP_STATE_BACKUP;
	}
	/* "If Preempt_Mode is False, or if the Priority in the
	 * ADVERTISEMENT is greater than or equal to the local Priority"
	 * (equal: the tie rule, see the top of the file). */
	if (!g->cfg.preempt || vrrp_wins(g, a->priority, rx->src)) {
		node_timer_cancel(&g->preempt_timer);
		vrrp_follow(g, a);
		return VRRP_STATE_BACKUP;
	}
	/* A lower-priority Master and Preempt_Mode True. */
	g->adv_lower++;
	if (g->cfg.preempt_delay <= 0)
		return VRRP_STATE_BACKUP; /* "Discard the ADVERTISEMENT" */
	vrrp_follow(g, a);
	if (!node_timer_armed(&g->preempt_timer)) {
		g->lower_seen = now;
		node_timer_arm(&g->preempt_timer, now + g->cfg.preempt_delay);
	}
	return VRRP_STATE_BACKUP;
}

/* Section 6.4.3, "If an ADVERTISEMENT is received" in Master. */
static enum vrrp_state vrrp_master_adv(struct vrrp_group *g,
				       const struct vrrp_rx *rx)
{
	const struct vrrp_adv *a = rx->a;

	if (a->priority == VRRP_PRIO_RESIGN) {
		/* "Send an ADVERTISEMENT; Reset the Adver_Timer to
		 * Advertisement_Interval" */
		vrrp_send(g, g->priority);
		vrrp_adver_arm(g, vrrp_now(g) + g->cfg.adver_int);
		return VRRP_STATE_MASTER;
	}
	if (!vrrp_wins(g, a->priority, rx->src))
		return VRRP_STATE_MASTER; /* "Discard the ADVERTISEMENT" */
	/* Cancel Adver_Timer, learn Master_Adver_Interval (v3), arm
	 * Master_Down_Timer, go Backup: done by the transition. */
	g->master = *rx->src;
	g->master_priority = a->priority;
	if (g->cfg.version == 3)
		g->master_adver_int = a->adver_int;
	return VRRP_STATE_BACKUP;
}

/* Leave old (exit actions in the old state), log, enter next. */
static void vrrp_transition(struct vrrp_group *g, enum vrrp_state old,
			    enum vrrp_state next, enum vrrp_event ev,
			    const struct vrrp_rx *rx)
{
	sim_time_t now = vrrp_now(g);

	if (old == VRRP_STATE_MASTER) {
		node_timer_cancel(&g->adver_timer);
		if (next == VRRP_STATE_INIT) /* 6.4.3 Shutdown: priority 0 */
			vrrp_send(g, VRRP_PRIO_RESIGN);
	} else if (old == VRRP_STATE_BACKUP) {
		node_timer_cancel(&g->down_timer);
		node_timer_cancel(&g->preempt_timer);
	}
	if (ev == VRRP_EV_MASTER_DOWN || ev == VRRP_EV_PRIORITY_0)
		vrrp_log_detect(g, ev);
	g->state = next;
	vrrp_log_transition(g, old, ev, rx);
	if (old == VRRP_STATE_MASTER && g->ops->master_leave)
		g->ops->master_leave(g->ctx, g);
	if (next == VRRP_STATE_MASTER) {
		/* 6.4.1/6.4.2: send an ADVERTISEMENT, announce the virtual
		 * addresses, Adver_Timer = Advertisement_Interval. */
		g->to_master++;
		g->became_master = now;
		g->master = g->cfg.primary;
		g->master_priority = g->priority;
		g->master_adver_int = g->cfg.adver_int;
		vrrp_recompute(g);
		vrrp_send(g, g->priority);
		if (g->ops->master_enter)
			g->ops->master_enter(g->ctx, g);
		if (g->state == VRRP_STATE_MASTER)
			vrrp_adver_arm(g, now + g->cfg.adver_int);
	} else if (next == VRRP_STATE_BACKUP) {
		g->to_backup++;
		vrrp_down_arm(g);
	}
	vrrp_notify(g, old);
}

/*
 * The only place the state changes. arg: the accepted advertisement for
 * VRRP_EV_ADV, NULL otherwise. Events that make no sense in the current
 * state are logged ("ignored") and otherwise ignored.
 */
static void vrrp_fsm(struct vrrp_group *g, enum vrrp_event ev,
		     const struct vrrp_rx *arg)
{
	enum vrrp_state old = g->state, next = old;

	switch (ev) {
	case VRRP_EV_STARTUP: /* 6.4.1 */
		if (old != VRRP_STATE_INIT)
			goto ignored;
		if (g->priority == VRRP_PRIO_OWNER) {
			next = VRRP_STATE_MASTER;
		} else {
			/* "Set Master_Adver_Interval to
			 * Advertisement_Interval" */
			g->master_adver_int = g->cfg.adver_int;
			next = VRRP_STATE_BACKUP;
		}
		break;
	case VRRP_EV_SHUTDOWN:
		if (old == VRRP_STATE_INIT)
			goto ignored;
		next = VRRP_STATE_INIT;
		break;
	case VRRP_EV_MASTER_DOWN:
	case VRRP_EV_PRIORITY_0:
	case VRRP_EV_PREEMPT:
	case VRRP_EV_MASTER_GONE:
		if (old != VRRP_STATE_BACKUP)
			goto ignored;
		next = VRRP_STATE_MASTER;
		break;
	case VRRP_EV_ADV:
		if (!arg || old == VRRP_STATE_INIT)
			goto ignored;
		next = old == VRRP_STATE_BACKUP ? vrrp_backup_adv(g, arg)
						: vrrp_master_adv(g, arg);
		break;
	default:
		return;
	}
	if (next == old)
		return;
	vrrp_transition(g, old, next, ev,
			next == VRRP_STATE_BACKUP ? arg : NULL);
	return;
ignored:
	vrrp_log_ignored(g, vrrp_event_names[ev]);
}

static void vrrp_down_fire(struct node_timer *nt)
{
	struct vrrp_group *g =
		sim_container_of(nt, struct vrrp_group, down_timer);

	vrrp_fsm(g, g->down_cause, NULL);
}

static void vrrp_preempt_fire(struct node_timer *nt)
{
	struct vrrp_group *g =
		sim_container_of(nt, struct vrrp_group, preempt_timer);

	vrrp_fsm(g, VRRP_EV_PREEMPT, NULL);
}

/* ---- reception (section 7.1; RFC 3768 7.1 for v2) ---- */

static bool vrrp_has_vaddr(const struct vrrp_group *g, const struct net_addr *a)
{
	for (size_t i = 0; i < g->cfg.nvaddrs; i++)
		if (net_addr_eq(&g->cfg.vaddrs[i], a))
			return true;
	return false;
}

/* "Count IPvX Addrs" and the list match ours (as sets). */
static bool vrrp_addrs_match(const struct vrrp_group *g,
			     const struct vrrp_adv *a)
{
	if (a->naddrs != g->cfg.nvaddrs)
		return false;
	for (size_t i = 0; i < a->naddrs; i++)
		if (!vrrp_has_vaddr(g, &a->addrs[i]))
			return false;
	return true;
}

/* v2 (RFC 3768 5.3.6, 7.1): the Auth Type and simple-text data match. */
static bool vrrp_auth_ok(const struct vrrp_group *g, const struct vrrp_adv *a)
{
	if (a->auth_type != g->cfg.auth_type)
		return false;
	if (a->auth_type == VRRP_AUTH_SIMPLE)
		return memcmp(a->auth_data, g->cfg.auth_key,
			      VRRP_V2_AUTH_LEN) == 0;
	return true;
}

/* The discard rules before any state is touched; -1: accept. */
static int vrrp_rx_check(const struct vrrp_group *g, const struct vrrp_adv *a,
			 const struct net_addr *src)
{
	if (!a || !src || a->type != VRRP_TYPE_ADVERT || a->adver_int <= 0 ||
	    a->naddrs > VRRP_MAX_ADDRS || src->af != g->cfg.af)
		return VRRP_DROP_MALFORMED;
	if (a->vrid != g->cfg.vrid || a->af != g->cfg.af)
		return VRRP_DROP_NO_GROUP;
	if (a->version != g->cfg.version)
		return VRRP_DROP_VERSION;
	if (g->state == VRRP_STATE_INIT)
		return VRRP_DROP__COUNT; /* not running: rx_idle */
	/* "the local router is not the IPvX address owner" */
	if (g->priority == VRRP_PRIO_OWNER)
		return VRRP_DROP_OWNER;
	if (g->cfg.version == 2 && !vrrp_auth_ok(g, a))
		return VRRP_DROP_AUTH;
	/* RFC 3768 7.1: "MUST verify that the Adver Interval in the packet
	 * is the same as the locally configured for this virtual router" */
	if (g->cfg.version == 2 && a->adver_int != g->cfg.adver_int)
		return VRRP_DROP_INTERVAL;
	return -1;
}

void vrrp_group_rx(struct vrrp_group *g, const struct vrrp_adv *a,
		   const struct net_addr *src)
{
	int drop = vrrp_rx_check(g, a, src);
	struct vrrp_rx rx = { a, src };

	if (drop == VRRP_DROP__COUNT) {
		g->rx_idle++;
		return;
	}
	if (drop >= 0) {
		g->drops[drop]++;
		return;
	}
	if (g->cfg.nvaddrs && !vrrp_addrs_match(g, a))
		g->drops[VRRP_DROP_ADDRS]++; /* counted, processed */
	g->adv_rx++;
	g->last_adv_rx = vrrp_now(g);
	if (a->priority == VRRP_PRIO_RESIGN)
		g->prio0_rx++;
	vrrp_fsm(g, VRRP_EV_ADV, &rx);
}

void vrrp_group_count_drop(struct vrrp_group *g, enum vrrp_drop d)
{
	if ((unsigned)d < VRRP_DROP__COUNT)
		g->drops[d]++;
}

/* ---- configuration ---- */

/*
 * Advertisement_Interval in the wire unit: v2 whole seconds 1..255
 * (RFC 3768 5.3.7), v3 centiseconds 1..4095 (RFC 5798 5.2.7).
 */
static bool vrrp_interval_ok(uint8_t version, sim_time_t t)
{
	if (version == 2)
		return t >= SIM_S(1) && t <= SIM_S(255) && t % SIM_S(1) == 0;
	return t >= SIM_CS(1) && t <= SIM_CS(4095) && t % SIM_CS(1) == 0;
}

static bool vrrp_cfg_ok(const struct vrrp_group_cfg *c)
{
	if (!memchr(c->name, 0, sizeof(c->name)) || c->vrid == 0 ||
	    c->priority == 0 || c->preempt_delay < 0)
		return false;
	if (c->af != NET_AF_IP4 && c->af != NET_AF_IP6)
		return false;
	/* VRRPv2 is IPv4 only; v3 carries no authentication. */
	if (c->version == 2) {
		if (c->af != NET_AF_IP4 || (c->auth_type != VRRP_AUTH_NONE &&
					    c->auth_type != VRRP_AUTH_SIMPLE))
			return false;
	} else if (c->version != 3 || c->auth_type != VRRP_AUTH_NONE) {
		return false;
	}
	if (!vrrp_interval_ok(c->version, c->adver_int) ||
	    c->primary.af != c->af || c->nvaddrs > VRRP_MAX_ADDRS)
		return false;
	for (size_t i = 0; i < c->nvaddrs; i++)
		if (c->vaddrs[i].af != c->af)
			return false;
	return true;
}

static int vrrp_timers_init(struct vrrp_group *g)
{
	struct node *n = g->node;

	if (node_timer_init(n, &g->adver_timer, vrrp_adver_fire))
		return -1;
	if (node_timer_init(n, &g->down_timer, vrrp_down_fire)) {
		node_timer_fini(&g->adver_timer);
		return -1;
	}
	if (node_timer_init(n, &g->preempt_timer, vrrp_preempt_fire)) {
		node_timer_fini(&g->adver_timer);
		node_timer_fini(&g->down_timer);
		return -1;
	}
	return 0;
}

struct vrrp_group *vrrp_group_new(struct node *n,
				  const struct vrrp_group_cfg *cfg,
				  const struct vrrp_group_ops *ops, void *ctx)
{
	struct vrrp_group *g;

	if (!n || !cfg || !ops || !ops->send_adv || !vrrp_cfg_ok(cfg))
		return NULL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->node = n;
	g->ops = ops;
	g->ctx = ctx;
	g->cfg = *cfg;
	if (vrrp_timers_init(g)) {
		free(g);
		return NULL;
	}
	g->state = VRRP_STATE_INIT;
	g->priority = cfg->priority;
	g->master_adver_int = cfg->adver_int;
	g->last_tx = -1;
	g->last_adv_rx = -1;
	g->became_master = -1;
	g->lower_seen = -1;
	g->down_cause = VRRP_EV_MASTER_DOWN;
	vrrp_recompute(g);
	return g;
}

void vrrp_group_free(struct vrrp_group *g)
{
	if (!g)
		return;
	node_timer_fini(&g->adver_timer);
	node_timer_fini(&g->down_timer);
	node_timer_fini(&g->preempt_timer);
	free(g);
}

void vrrp_group_startup(struct vrrp_group *g)
{
	vrrp_fsm(g, VRRP_EV_STARTUP, NULL);
}

void vrrp_group_shutdown(struct vrrp_group *g)
{
	vrrp_fsm(g, VRRP_EV_SHUTDOWN, NULL);
}

void vrrp_group_master_gone(struct vrrp_group *g)
{
	vrrp_fsm(g, VRRP_EV_MASTER_GONE, NULL);
}

static void vrrp_log_priority(struct vrrp_group *g, uint8_t old)
{
	struct sim_log_rec r;

	node_log_begin(&r, g->node, "vrrp", "priority");
	sim_log_str(&r, "group", g->cfg.name);
	sim_log_int(&r, "old", old);
	sim_log_int(&r, "new", g->priority);
	sim_log_str(&r, "state", vrrp_state_name(g->state));
	sim_log_end(&r);
}

/*
 * Tracking changed the effective priority (kept in 1..254, 255 only for a
 * configured owner). Skew_Time and Master_Down_Interval follow at once
 * (a running Master_Down_Timer keeps its deadline until the next
 * advertisement). A Master advertises the new priority at once and
 * restarts its Adver_Timer; a Backup whose preemption delay runs drops it
 * if the Master it was going to preempt now wins.
 */
void vrrp_group_set_priority(struct vrrp_group *g, uint8_t priority)
{
	uint8_t cap = g->cfg.priority == VRRP_PRIO_OWNER ? VRRP_PRIO_OWNER
							 : VRRP_PRIO_OWNER - 1;
	uint8_t old = g->priority;

	if (priority < 1)
		priority = 1;
	if (priority > cap)
		priority = cap;
	if (priority == old)
		return;
	g->priority = priority;
	vrrp_recompute(g);
	vrrp_log_priority(g, old);
	if (g->state == VRRP_STATE_MASTER) {
		g->master_priority = priority;
		vrrp_send(g, priority);
		vrrp_adver_arm(g, vrrp_now(g) + g->cfg.adver_int);
	} else if (g->state == VRRP_STATE_BACKUP &&
		   node_timer_armed(&g->preempt_timer) &&
		   vrrp_wins(g, g->master_priority, &g->master)) {
		node_timer_cancel(&g->preempt_timer);
	}
}

/*
 * Preempt_Mode and the delay. A running delay is cut when preemption is
 * turned off or the delay set to 0 (RFC behaviour from the next lower
 * advertisement on); a new delay counts from the first lower-priority
 * advertisement already seen.
 */
void vrrp_group_set_preempt(struct vrrp_group *g, bool on, sim_time_t delay)
{
	if (delay < 0)
		delay = 0;
	g->cfg.preempt = on;
	g->cfg.preempt_delay = delay;
	if (!node_timer_armed(&g->preempt_timer))
		return;
	if (!on || delay == 0)
		node_timer_cancel(&g->preempt_timer);
	else
		node_timer_arm(&g->preempt_timer, g->lower_seen + delay);
}

/*
 * A new Advertisement_Interval (a value the wire cannot carry is logged
 * and ignored). v2: Master_Adver_Interval follows. A Master's next
 * advertisement is due one new interval after its last one.
 */
void vrrp_group_set_adver_int(struct vrrp_group *g, sim_time_t interval)
{
	if (!vrrp_interval_ok(g->cfg.version, interval)) {
		vrrp_log_ignored(g, "bad-interval");
		return;
	}
	g->cfg.adver_int = interval;
	if (g->state == VRRP_STATE_MASTER)
		g->master_adver_int = interval;
	vrrp_recompute(g);
	if (g->state == VRRP_STATE_MASTER)
		vrrp_adver_arm(g, g->last_tx + interval);
}

void vrrp_group_set_primary(struct vrrp_group *g, const struct net_addr *a)
{
	if (a->af == g->cfg.af)
		g->cfg.primary = *a;
}

int vrrp_group_set_vaddrs(struct vrrp_group *g, const struct net_addr *a,
			  size_t n)
{
	if (n > VRRP_MAX_ADDRS)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (a[i].af != g->cfg.af)
			return -1;
	memmove(g->cfg.vaddrs, a, n * sizeof(*a));
	g->cfg.nvaddrs = n;
	return 0;
}

/* ---- queries and listeners ---- */

enum vrrp_state vrrp_group_state(const struct vrrp_group *g)
{
	return g->state;
}

const struct vrrp_group_cfg *vrrp_group_cfg(const struct vrrp_group *g)
{
	return &g->cfg;
}

void vrrp_group_info(const struct vrrp_group *g, struct vrrp_group_info *out)
{
	memset(out, 0, sizeof(*out));
	out->state = g->state;
	out->priority = g->priority;
	out->adver_int = g->cfg.adver_int;
	out->master_adver_int = g->master_adver_int;
	out->skew_time = g->skew_time;
	out->master_down_int = g->master_down_int;
	out->master = g->master;
	out->master_priority = g->master_priority;
	out->last_adv_rx = g->last_adv_rx;
	out->became_master = g->became_master;
	out->adv_tx = g->adv_tx;
	out->adv_rx = g->adv_rx;
	out->prio0_tx = g->prio0_tx;
	out->prio0_rx = g->prio0_rx;
	out->to_master = g->to_master;
	out->to_backup = g->to_backup;
	memcpy(out->drops, g->drops, sizeof(out->drops));
	out->adv_tx_fail = g->adv_tx_fail;
	out->adv_lower = g->adv_lower;
	out->rx_idle = g->rx_idle;
	out->preempt_at = node_timer_armed(&g->preempt_timer)
				  ? g->lower_seen + g->cfg.preempt_delay
				  : -1;
}

int vrrp_group_listen(struct vrrp_group *g, vrrp_listen_fn fn, void *arg)
{
	if (!fn || g->nlisteners >= VRRP_MAX_LISTENERS)
		return -1;
	g->listeners[g->nlisteners].fn = fn;
	g->listeners[g->nlisteners].arg = arg;
	g->nlisteners++;
	return 0;
}

void vrrp_group_unlisten(struct vrrp_group *g, vrrp_listen_fn fn, void *arg)
{
	for (int i = 0; i < g->nlisteners; i++) {
		if (g->listeners[i].fn != fn || g->listeners[i].arg != arg)
			continue;
		memmove(&g->listeners[i], &g->listeners[i + 1],
			sizeof(g->listeners[0]) *
				(size_t)(g->nlisteners - i - 1));
		g->nlisteners--;
		return;
	}
}
