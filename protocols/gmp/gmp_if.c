/*
 * The group membership interface (gmp.h): its configuration with the
 * defaults and derived timer values of RFC 3376 section 8 and RFC 3810
 * section 9 (Robustness Variable, Query Interval, Query Response Interval,
 * Group Membership / Multicast Address Listening Interval, Other Querier
 * Present Interval, Startup Query Interval and Count, Last Member /
 * Listener Query Interval, Count and Time, Older Host Present Interval),
 * the life cycle (new, start, stop, reconfigure, free), the passive mode
 * of a hot-backup Backup (no queries, messages ignored, records kept and
 * run down; RFC 3376 6.6.2 startup queries when it ends), the listener
 * queue, logging helpers and the read-out for display and backup:
 * records in group order and the forwarding rule of RFC 3376 section 6.3
 * / RFC 3810 section 7.3. Listener notifications are queued while a
 * message or timer is processed and delivered when it is done, so a
 * listener always sees a consistent interface.
 */
#include <stdlib.h>
#include <string.h>

#include "protocols/gmp/gmp_int.h"

static const char *const gmp_drop_names[GMP_DROP__COUNT] = {
	[GMP_DROP_MALFORMED] = "malformed",
	[GMP_DROP_TTL] = "ttl",
	[GMP_DROP_NO_RA] = "no-router-alert",
	[GMP_DROP_SRC] = "source",
	[GMP_DROP_GROUP] = "group",
	[GMP_DROP_DST] = "destination",
	[GMP_DROP_VERSION] = "version",
	[GMP_DROP_NOT_QUERIER] = "not-querier",
	[GMP_DROP_DISABLED] = "disabled",
	[GMP_DROP_PASSIVE] = "passive",
};

const char *gmp_drop_name(enum gmp_drop d)
{
	if ((unsigned)d >= GMP_DROP__COUNT)
		return "unknown";
	return gmp_drop_names[d];
}

/* ---- configuration and derived values (RFC 3376 8, RFC 3810 9) ---- */

void gmp_if_cfg_default(struct gmp_if_cfg *c, enum net_af af)
{
	memset(c, 0, sizeof(*c));
	c->af = af;
	c->version = af == NET_AF_IP6 ? 2 : 3;
	c->robustness = 2;		/* 8.1 / 9.1 */
	c->query_interval = SIM_S(125); /* 8.2 / 9.2 */
	c->query_resp = SIM_S(10);	/* 8.3 / 9.3 */
	c->lmqi = SIM_S(1);		/* 8.8 / 9.8 */
}

/* Group Membership Interval: Robustness * Query Interval + Query
 * Response Interval (8.4; MALI, RFC 3810 9.4). */
sim_time_t gmp_gmi(const struct gmp_if_cfg *c)
{
	return (sim_time_t)c->robustness * c->query_interval + c->query_resp;
}

/* Other Querier Present Interval: Robustness * Query Interval + Query
 * Response Interval / 2 (8.5, 9.5), unless configured. */
sim_time_t gmp_oqpi(const struct gmp_if_cfg *c)
{
	if (c->other_querier > 0)
		return c->other_querier;
	return (sim_time_t)c->robustness * c->query_interval +
	       c->query_resp / 2;
}

/* Last Member Query Time: Count * Interval (8.9, 9.9); the count
 * defaults to the Robustness Variable (8.8, 9.8). */
sim_time_t gmp_lmqt(const struct gmp_if_cfg *c)
{
	uint8_t n = c->lmqc ? c->lmqc : c->robustness;

	return (sim_time_t)n * c->lmqi;
}

/* Older Host Present Interval: Robustness * Query Interval + Query
 * Response Interval (8.13; Older Version Host Present Timeout, 9.13). */
sim_time_t gmp_ohpt(const struct gmp_if_cfg *c)
{
	return (sim_time_t)c->robustness * c->query_interval + c->query_resp;
}

uint8_t gmp_lmqc_eff(const struct gmp_if *gi)
{
	return gi->eff.lmqc ? gi->eff.lmqc : gi->eff.robustness;
}

/*
 * What failsim accepts: a family and its versions, Robustness 2..7 (RFC
 * 3376 8.1: "MUST NOT be zero, and SHOULD NOT be one"; 7 is the largest
 * QRV), a Query Response Interval shorter than the Query Interval (8.3),
 * positive intervals, and an address of the family (or none).
 */
static bool gmp_cfg_ok(const struct gmp_if_cfg *c)
{
	uint8_t maxver = c->af == NET_AF_IP6 ? 2 : 3;

	if (c->af != NET_AF_IP4 && c->af != NET_AF_IP6)
		return false;
	if (c->version < 1 || c->version > maxver)
		return false;
	if (c->robustness < 2 || c->robustness > 7)
		return false;
	if (c->query_interval <= 0 || c->query_resp <= 0 ||
	    c->query_resp >= c->query_interval || c->lmqi <= 0)
		return false;
	if (c->startup_interval < 0 || c->other_querier < 0)
		return false;
	return c->addr.af == NET_AF_NONE || c->addr.af == c->af;
}

const char *gmp_mod(const struct gmp_if *gi)
{
	return gi->cfg.af == NET_AF_IP6 ? "mld" : "igmp";
}

void gmp_log_begin_group(struct sim_log_rec *r, const struct gmp_group *g,
			 const char *event)
{
	char buf[NET_ADDR_STRLEN];

	node_log_begin(r, g->gi->node, gmp_mod(g->gi), event);
	sim_log_str(r, "iface", g->gi->cfg.name);
	net_addr_fmt(&g->addr, buf, sizeof(buf));
	sim_log_str(r, "group", buf);
}

/* ---- listeners ---- */

int gmp_if_listen(struct gmp_if *gi, gmp_listen_fn fn, void *arg)
{
	if (!fn || gi->nlisteners >= GMP_MAX_LISTENERS)
		return -1;
	gi->listeners[gi->nlisteners].fn = fn;
	gi->listeners[gi->nlisteners].arg = arg;
	gi->nlisteners++;
	return 0;
}

void gmp_if_unlisten(struct gmp_if *gi, gmp_listen_fn fn, void *arg)
{
	for (int i = 0; i < gi->nlisteners; i++) {
		if (gi->listeners[i].fn != fn || gi->listeners[i].arg != arg)
			continue;
		memmove(&gi->listeners[i], &gi->listeners[i + 1],
			sizeof(gi->listeners[0]) *
				(size_t)(gi->nlisteners - i - 1));
		gi->nlisteners--;
		return;
	}
}

static void gmp_deliver(struct gmp_if *gi, const struct gmp_event *e)
{
	struct gmp_listener l[GMP_MAX_LISTENERS];
	int n = gi->nlisteners;

	/* On a copy: a listener may (un)register during the call. */
	memcpy(l, gi->listeners, sizeof(l[0]) * (size_t)n);
	for (int i = 0; i < n; i++)
		l[i].fn(l[i].arg, gi, &e->group, &e->src,
			(enum gmp_mode)e->mode, (enum gmp_change)e->change);
}

/* Queue a notification; delivered by gmp_flush. */
void gmp_event(struct gmp_if *gi, const struct net_addr *group,
	       const struct net_addr *src, enum gmp_mode mode,
	       enum gmp_change change)
{
	struct gmp_event e;

	memset(&e, 0, sizeof(e));
	e.group = *group;
	if (src)
		e.src = *src;
	e.mode = (uint8_t)mode;
	e.change = (uint8_t)change;
	if (gi->nlisteners == 0 && !gi->flushing)
		return; /* nobody to tell */
	if (gi->nev == gi->capev) {
		size_t cap = gi->capev ? gi->capev * 2 : 64;
		struct gmp_event *v = realloc(gi->ev, cap * sizeof(*v));

		if (!v) { /* out of memory: tell them now */
			gmp_deliver(gi, &e);
			return;
		}
		gi->ev = v;
		gi->capev = cap;
	}
	gi->ev[gi->nev++] = e;
}

/* Deliver the queued notifications, in order. Not re-entrant: a
 * listener's own calls append to the queue this loop is draining. */
void gmp_flush(struct gmp_if *gi)
{
	if (gi->flushing)
		return;
	gi->flushing = true;
	for (size_t i = 0; i < gi->nev; i++) {
		struct gmp_event e = gi->ev[i];

		gmp_deliver(gi, &e);
	}
	gi->nev = 0;
	gi->flushing = false;
}

/* ---- life cycle ---- */

struct gmp_if *gmp_if_new(struct node *n, const struct gmp_if_cfg *cfg,
			  const struct gmp_if_ops *ops, void *ctx)
{
	struct gmp_if *gi;

	if (!n || !cfg || !ops || !ops->send || !gmp_cfg_ok(cfg))
		return NULL;
	gi = calloc(1, sizeof(*gi));
	if (!gi)
		return NULL;
	gi->node = n;
	gi->ops = ops;
	gi->ctx = ctx;
	gi->cfg = *cfg;
	gi->cfg.name[GMP_NAME_MAX - 1] = '\0';
	gi->eff = gi->cfg;
	gi->gen = gmp_gen(cfg->af, cfg->version);
	gi->qstate = GMP_QUERIER;
	gi->querier = cfg->addr;
	gi->warned = -1;
	if (gmp_query_init(gi) != 0) {
		free(gi);
		return NULL;
	}
	return gi;
}

void gmp_if_free(struct gmp_if *gi)
{
	if (!gi)
		return;
	gi->nlisteners = 0; /* silent */
	gi->nev = 0;
	gmp_query_stop(gi);
	while (gi->ngroups)
		gmp_group_delete(gi->groups[gi->ngroups - 1], NULL);
	gmp_query_fini(gi);
	free(gi->groups);
	free(gi->ev);
	free(gi);
}

/* Passive: no querier state of ours, no known querier. */
static void gmp_passive_querier(struct gmp_if *gi)
{
	gmp_query_stop(gi);
	gi->qstate = GMP_NON_QUERIER;
	memset(&gi->querier, 0, sizeof(gi->querier));
}

void gmp_if_start(struct gmp_if *gi)
{
	if (gi->running)
		return;
	gi->running = true;
	gi->eff = gi->cfg;
	if (gi->passive)
		gmp_passive_querier(gi);
	else
		gmp_query_start(gi);
	gmp_flush(gi);
}

void gmp_if_stop(struct gmp_if *gi)
{
	if (!gi->running)
		return;
	gmp_query_stop(gi);
	while (gi->ngroups)
		gmp_group_delete(gi->groups[gi->ngroups - 1], "stop");
	gi->running = false;
	gi->qstate = GMP_QUERIER;
	gi->querier = gi->cfg.addr;
	gmp_flush(gi);
}

static void gmp_log_passive(struct gmp_if *gi)
{
	struct sim_log_rec r;

	node_log_begin(&r, gi->node, gmp_mod(gi), "passive");
	sim_log_str(&r, "iface", gi->cfg.name);
	sim_log_bool(&r, "on", gi->passive);
	sim_log_uint(&r, "groups", gi->ngroups);
	sim_log_end(&r);
}

void gmp_if_set_passive(struct gmp_if *gi, bool on)
{
	if (gi->passive == on)
		return;
	gi->passive = on;
	gmp_log_passive(gi);
	if (!gi->running)
		return;
	if (!on) {
		gmp_query_start(gi); /* querier again, startup queries */
		gmp_flush(gi);
		return;
	}
	gmp_passive_querier(gi);
	for (size_t i = 0; i < gi->ngroups; i++) {
		struct gmp_group *g = gi->groups[i];

		g->imported = true;
		for (size_t k = 0; k < g->nsrc; k++)
			g->src[k].imported = true;
	}
}

bool gmp_if_passive(const struct gmp_if *gi)
{
	return gi->passive;
}

bool gmp_if_running(const struct gmp_if *gi)
{
	return gi->running;
}

static void gmp_log_bad_cfg(struct gmp_if *gi)
{
	struct sim_log_rec r;

	node_log_begin(&r, gi->node, gmp_mod(gi), "ignored");
	sim_log_str(&r, "iface", gi->cfg.name);
	sim_log_str(&r, "cause", "bad-config");
	sim_log_end(&r);
}

/*
 * New configuration. Running timers keep their deadlines (the new values
 * apply from their next start). The values in use follow the new
 * configuration at once (a non-querier adopts the querier's again from
 * its next query). A version change clears every group's compatibility
 * state (RFC 3376 7.3.2 timers) and, down to IGMPv1, the specific query
 * retransmissions.
 */
void gmp_if_set_cfg(struct gmp_if *gi, const struct gmp_if_cfg *cfg)
{
	uint8_t gen;

	if (!cfg || !gmp_cfg_ok(cfg) || cfg->af != gi->cfg.af) {
		gmp_log_bad_cfg(gi);
		return;
	}
	gen = gmp_gen(cfg->af, cfg->version);
	gi->cfg = *cfg;
	gi->cfg.name[GMP_NAME_MAX - 1] = '\0';
	gi->eff = gi->cfg;
	if (gi->qstate == GMP_QUERIER)
		gi->querier = cfg->addr;
	if (gen == gi->gen)
		return;
	gi->gen = gen;
	for (size_t i = 0; i < gi->ngroups; i++) {
		struct gmp_group *g = gi->groups[i];

		g->host_present[1] = g->host_present[2] = -1;
		gmp_group_compat(g);
		if (gen == 1)
			gmp_query_specific_cancel(g);
		gmp_group_arm(g);
	}
	gmp_flush(gi);
}

const struct gmp_if_cfg *gmp_if_cfg(const struct gmp_if *gi)
{
	return &gi->cfg;
}

void gmp_if_count_drop(struct gmp_if *gi, enum gmp_drop d)
{
	if ((unsigned)d < GMP_DROP__COUNT)
		gi->drops[d]++;
}

/* ---- read-out ---- */

void gmp_if_info(const struct gmp_if *gi, struct gmp_if_info *out)
{
	memset(out, 0, sizeof(*out));
	out->qstate = gi->qstate;
	out->querier = gi->querier;
	out->oqp_expires = node_timer_armed(&gi->oqp_timer)
				   ? gi->oqp_timer.t.deadline
				   : -1;
	out->next_query = node_timer_armed(&gi->gq_timer) ? gi->gq_next : -1;
	out->startup_left = gi->startup_left;
	out->ngroups = gi->ngroups;
	out->tx_general = gi->tx_general;
	out->tx_group = gi->tx_group;
	out->tx_group_src = gi->tx_group_src;
	out->rx_query = gi->rx_query;
	memcpy(out->rx_report, gi->rx_report, sizeof(out->rx_report));
	out->rx_leave = gi->rx_leave;
	memcpy(out->drops, gi->drops, sizeof(out->drops));
	out->joins = gi->joins;
	out->leaves = gi->leaves;
	out->robustness = gi->eff.robustness;
	out->query_interval = gi->eff.query_interval;
	out->tx_fail = gi->tx_fail;
	out->version_warnings = gi->version_warnings;
	out->passive = gi->passive;
}

static void gmp_fill(const struct gmp_group *g, struct gmp_group_info *out)
{
	memset(out, 0, sizeof(*out));
	out->group = g->addr;
	out->mode = g->mode;
	out->expires = g->gtimer;
	out->compat = gmp_ver(g->gi->cfg.af, g->compat);
	out->last_reporter = g->last_reporter;
	out->uptime = g->created;
	out->imported = g->imported;
	out->nsrc = g->nsrc;
	out->srcs = g->src;
}

void gmp_if_each_group(const struct gmp_if *gi,
		       void (*fn)(void *arg, const struct gmp_group_info *g),
		       void *arg)
{
	struct gmp_group_info in;

	for (size_t i = 0; i < gi->ngroups; i++) {
		gmp_fill(gi->groups[i], &in);
		fn(arg, &in);
	}
}

bool gmp_if_group(const struct gmp_if *gi, const struct net_addr *group,
		  struct gmp_group_info *out)
{
	const struct gmp_group *g = group ? gmp_group_find(gi, group) : NULL;

	if (!g)
		return false;
	gmp_fill(g, out);
	return true;
}

/*
 * RFC 3376 6.3 / RFC 3810 7.3: INCLUDE mode forwards the sources listed
 * (their timers run); EXCLUDE mode forwards every source except those
 * listed with a zero timer. src NULL or unspecified asks about any
 * source (an ASM (*,G) receiver): true in EXCLUDE mode only.
 */
bool gmp_if_wants(const struct gmp_if *gi, const struct net_addr *src,
		  const struct net_addr *group)
{
	const struct gmp_group *g;
	long i;

	if (!gi->running || !group)
		return false;
	g = gmp_group_find(gi, group);
	if (!g)
		return false;
	if (!src || net_addr_is_unspec(src))
		return g->mode == GMP_EXCLUDE;
	i = gmp_src_find(g, src);
	if (g->mode == GMP_INCLUDE)
		return i >= 0;
	return i < 0 || g->src[i].expires >= 0;
}
