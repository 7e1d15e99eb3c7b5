/*
 * Queries of the group membership core: the querier election of RFC 3376
 * section 6.6.2 / RFC 3810 section 7.6.2 (RFC 2236 section 3, RFC 2710
 * section 4 for the older versions): every router starts as querier and
 * sends [Startup Query Count] General Queries [Startup Query Interval]
 * apart, then one every [Query Interval] (re-armed from the deadline);
 * a query from a lower address makes it a non-querier and starts the
 * Other Querier Present timer, whose expiry makes it querier again with a
 * General Query at once. A non-querier adopts the querier's QRV and QQI
 * (RFC 3376 4.1.6, 4.1.7; RFC 3810 5.1.8, 5.1.9). Queries of another
 * version are counted and warned about, rate-limited (RFC 3376 7.3.1,
 * RFC 3810 8.3.1). Specific queries: the transmission and retransmission
 * of group-specific and group-and-source-specific queries with the
 * Suppress Router-Side Processing flag (RFC 3376 6.6.3.1, 6.6.3.2; RFC
 * 3810 7.6.3), and the timer lowering on received ones (6.6.1; RFC 2236
 * section 3 for non-queriers).
 *
 * Choices: IGMPv1 defines no election (RFC 1112 leaves it to the routing
 * protocol); an IGMPv1 interface uses the same lowest-address rule. IPv4
 * addresses compare as unsigned numbers, IPv6 link-local
 * addresses bytewise (RFC 3810 7.6.2 "lowest IPv6 address"); an
 * interface without an address loses every election, and a query from
 * the unspecified address (a snooping switch, RFC 4541 2.1.1) takes no
 * part in it. QRV and QQI are adopted only from the querier's queries
 * (those that keep us non-querier); becoming querier again restores the
 * configured values. A non-querier lowers a timer to [Last Member Query
 * Count] times the query's Max Response Time (RFC 2236 section 3), the
 * querier's LMQT when both agree on the interval. A group-and-source-
 * specific query with the S flag is sent even when a group-specific query
 * goes out at the same time (6.6.3.2 allows suppressing it). A new Send
 * Q action while retransmissions run sends the due queries at once and
 * restarts the LMQI spacing from then.
 */
#include <string.h>

#include "protocols/gmp/gmp_int.h"

/* a lower than b for the election; an unspecified b is the highest. */
static bool gmp_addr_lower(const struct net_addr *a, const struct net_addr *b)
{
	if (b->af == NET_AF_NONE || net_addr_is_unspec(b))
		return true;
	return net_addr_cmp(a, b) < 0;
}

static void gmp_log_querier(struct gmp_if *gi, const char *cause)
{
	struct sim_log_rec r;
	char buf[NET_ADDR_STRLEN];

	node_log_begin(&r, gi->node, gmp_mod(gi), "querier");
	sim_log_str(&r, "iface", gi->cfg.name);
	sim_log_str(&r, "state",
		    gi->qstate == GMP_QUERIER ? "querier" : "non-querier");
	net_addr_fmt(&gi->querier, buf, sizeof(buf));
	sim_log_str(&r, "querier", buf);
	sim_log_str(&r, "cause", cause);
	sim_log_end(&r);
}

/* ---- transmission ---- */

/*
 * Send one query: general (group NULL) to all-hosts / all-nodes, or
 * specific to the group, with n sources. Max Resp: the Query Response
 * Interval for general queries, the Last Member Query Interval for
 * specific ones (RFC 3376 6.6.3); IGMPv1 queries carry 0 (RFC 3376
 * 7.3.1). QRV and QQIC carry the values in use.
 */
static void gmp_send(struct gmp_if *gi, const struct net_addr *group, size_t n,
		     bool s_flag)
{
	struct gmp_msg *m = &gi->txm;
	const struct net_addr *dst;

	m->af = gi->cfg.af;
	m->type = GMP_T_QUERY;
	m->version = gmp_ver(gi->cfg.af, gi->gen);
	m->max_resp = group ? gi->eff.lmqi : gi->eff.query_resp;
	if (gi->gen == 1)
		m->max_resp = 0;
	memset(&m->group, 0, sizeof(m->group));
	if (group)
		m->group = *group;
	else
		m->group.af = gi->cfg.af;
	m->s_flag = gi->gen == 3 && s_flag;
	m->qrv = gi->gen == 3 ? gi->eff.robustness : 0;
	m->qqi = gi->gen == 3 ? gi->eff.query_interval : 0;
	m->nsrc = (uint16_t)n;
	m->nrec = 0;
	m->srcs_used = (uint32_t)n;
	m->checksum = 0;
	m->max_resp_code = 0;
	if (group)
		dst = group;
	else
		dst = gi->cfg.af == NET_AF_IP6 ? &gmp_all_nodes6
					       : &gmp_all_hosts4;
	if (!group)
		gi->tx_general++;
	else if (n == 0)
		gi->tx_group++;
	else
		gi->tx_group_src++;
	if (gi->ops->send(gi->ctx, gi, m, dst) != 0)
		gi->tx_fail++;
}

static void gmp_gq_arm(struct gmp_if *gi, sim_time_t deadline)
{
	gi->gq_next = deadline;
	node_timer_arm(&gi->gq_timer, deadline);
}

static sim_time_t gmp_sqi(const struct gmp_if *gi)
{
	if (gi->cfg.startup_interval > 0)
		return gi->cfg.startup_interval;
	return gi->cfg.query_interval / 4; /* RFC 3376 8.6 */
}

/* General Query timer: send, then the next one from the deadline
 * (Startup Query Interval while startup queries remain). */
static void gmp_gq_fire(struct node_timer *nt)
{
	struct gmp_if *gi = sim_container_of(nt, struct gmp_if, gq_timer);
	sim_time_t now = gmp_now(gi), ival, next;

	if (!gmp_querier(gi))
		return;
	gmp_send(gi, NULL, 0, false);
	if (gi->startup_left > 0)
		gi->startup_left--;
	ival = gi->startup_left > 0 ? gmp_sqi(gi) : gi->eff.query_interval;
	next = gi->gq_next + ival;
	if (next <= now) /* fired late (a freeze): skip the lost slots */
		next = now + ival;
	gmp_gq_arm(gi, next);
}

/* RFC 3376 6.6.2: the Other Querier Present timer ran out. */
static void gmp_oqp_fire(struct node_timer *nt)
{
	struct gmp_if *gi = sim_container_of(nt, struct gmp_if, oqp_timer);

	if (!gi->running || gi->qstate == GMP_QUERIER)
		return;
	gi->qstate = GMP_QUERIER;
	gi->querier = gi->cfg.addr;
	gi->eff = gi->cfg;
	gi->startup_left = 0;
	gmp_log_querier(gi, "other-querier-expired");
	gmp_send(gi, NULL, 0, false);
	gmp_gq_arm(gi, gmp_now(gi) + gi->eff.query_interval);
}

int gmp_query_init(struct gmp_if *gi)
{
	if (node_timer_init(gi->node, &gi->gq_timer, gmp_gq_fire) != 0)
		return -1;
	if (node_timer_init(gi->node, &gi->oqp_timer, gmp_oqp_fire) != 0) {
		node_timer_fini(&gi->gq_timer);
		return -1;
	}
	return 0;
}

void gmp_query_fini(struct gmp_if *gi)
{
	node_timer_fini(&gi->gq_timer);
	node_timer_fini(&gi->oqp_timer);
}

/* Start: querier, the first of the startup queries now (RFC 3376
 * 6.6.2; Startup Query Count = Robustness Variable, 8.7). */
void gmp_query_start(struct gmp_if *gi)
{
	gi->qstate = GMP_QUERIER;
	gi->querier = gi->cfg.addr;
	gi->startup_left = gi->cfg.robustness;
	gmp_log_querier(gi, "start");
	gmp_send(gi, NULL, 0, false);
	gi->startup_left--;
	gmp_gq_arm(gi, gmp_now(gi) + (gi->startup_left > 0
					      ? gmp_sqi(gi)
					      : gi->eff.query_interval));
}

static void gmp_cancel_all_specific(struct gmp_if *gi)
{
	for (size_t i = 0; i < gi->ngroups; i++)
		gmp_query_specific_cancel(gi->groups[i]);
}

void gmp_query_stop(struct gmp_if *gi)
{
	node_timer_cancel(&gi->gq_timer);
	node_timer_cancel(&gi->oqp_timer);
	gi->startup_left = 0;
	gmp_cancel_all_specific(gi);
}

/* ---- reception ---- */

/* RFC 3376 7.3.1: warn, rate-limited to one per Query Interval. */
static void gmp_warn_version(struct gmp_if *gi, const struct net_addr *src,
			     uint8_t version)
{
	sim_time_t now = gmp_now(gi);
	struct sim_log_rec r;
	char buf[NET_ADDR_STRLEN];

	gi->version_warnings++;
	if (gi->warned >= 0 && now - gi->warned < gi->cfg.query_interval)
		return;
	gi->warned = now;
	node_log_begin(&r, gi->node, gmp_mod(gi), "version-mismatch");
	sim_log_str(&r, "iface", gi->cfg.name);
	net_addr_fmt(src, buf, sizeof(buf));
	sim_log_str(&r, "from", buf);
	sim_log_int(&r, "version", version);
	sim_log_int(&r, "ours", gi->cfg.version);
	sim_log_end(&r);
}

/* RFC 3376 4.1.6, 4.1.7: the querier's QRV and QQI; a zero means our
 * configured value ("statically configured value"). */
static void gmp_adopt(struct gmp_if *gi, const struct gmp_msg *m)
{
	if (gi->gen != 3 || gmp_gen(m->af, m->version) != 3)
		return;
	gi->eff.robustness = m->qrv > 0 ? m->qrv : gi->cfg.robustness;
	gi->eff.query_interval = m->qqi > 0 ? m->qqi : gi->cfg.query_interval;
}

/* A query from a lower address (6.6.2): non-querier, and the Other
 * Querier Present timer (re)started. */
static void gmp_heard_querier(struct gmp_if *gi, const struct gmp_msg *m,
			      const struct net_addr *src)
{
	gmp_adopt(gi, m);
	gi->querier = *src;
	if (gi->qstate == GMP_QUERIER) {
		gi->qstate = GMP_NON_QUERIER;
		node_timer_cancel(&gi->gq_timer);
		gi->startup_left = 0;
		gmp_cancel_all_specific(gi);
		gmp_log_querier(gi, "lower-address");
	}
	node_timer_arm(&gi->oqp_timer, gmp_now(gi) + gmp_oqpi(&gi->eff));
}

/* A query the caller validated (group multicast or unspecified). */
void gmp_query_rx(struct gmp_if *gi, const struct gmp_msg *m,
		  const struct net_addr *src)
{
	bool self = net_addr_eq(src, &gi->cfg.addr);
	struct gmp_group *g;
	sim_time_t mrt, lmqt;

	gi->rx_query++;
	if (gmp_gen(m->af, m->version) != gi->gen)
		gmp_warn_version(gi, src, m->version);
	if (!self && src->af == gi->cfg.af && !net_addr_is_unspec(src) &&
	    gmp_addr_lower(src, &gi->cfg.addr))
		gmp_heard_querier(gi, m, src);
	/* 6.6.1: a specific query without the S flag lowers our timers;
	 * an IGMPv1 router knows no group-specific queries. */
	if (self || net_addr_is_unspec(&m->group) || m->s_flag || gi->gen == 1)
		return;
	g = gmp_group_find(gi, &m->group);
	if (!g)
		return;
	mrt = m->max_resp > 0 ? m->max_resp : gi->eff.lmqi;
	lmqt = (sim_time_t)gmp_lmqc_eff(gi) * mrt;
	gmp_group_lower(g, m->srcs, m->nsrc, lmqt);
}

/* ---- specific queries (RFC 3376 6.6.3) ---- */

static size_t gmp_query_src_max(const struct gmp_if *gi)
{
	return gi->cfg.af == NET_AF_IP6 ? GMP_QUERY_SRC_MAX6
					: GMP_QUERY_SRC_MAX4;
}

/*
 * 6.6.3.2: one query with the S flag set for the sources with
 * retransmission state and timers greater than LMQT (s true), one
 * without for those at or below it (s false); a message with no source
 * is not sent, a long one is split. Each source sent counts one
 * transmission.
 */
static void gmp_send_src_part(struct gmp_group *g, bool s, sim_time_t lmqt)
{
	struct gmp_if *gi = g->gi;
	sim_time_t now = gmp_now(gi);
	size_t max = gmp_query_src_max(gi), n = 0;

	for (size_t i = 0; i < g->nsrc; i++) {
		const struct gmp_src_info *si = &g->src[i];
		bool above = si->expires >= 0 && si->expires - now > lmqt;

		if (g->src_rxmt[i] == 0 || above != s)
			continue;
		gi->txm.srcs[n++] = si->addr;
		g->src_rxmt[i]--;
		if (n == max) {
			gmp_send(gi, &g->addr, n, s);
			n = 0;
		}
	}
	if (n > 0)
		gmp_send(gi, &g->addr, n, s);
}

static bool gmp_rxmt_pending(const struct gmp_group *g)
{
	if (g->grp_rxmt > 0)
		return true;
	for (size_t i = 0; i < g->nsrc; i++)
		if (g->src_rxmt[i] > 0)
			return true;
	return false;
}

/* One round: the source queries, then the group-specific query with
 * the S flag set when the Group Timer is above LMQT (6.6.3.1). */
static void gmp_specific_round(struct gmp_group *g)
{
	struct gmp_if *gi = g->gi;
	sim_time_t lmqt = gmp_lmqt(&gi->eff), now = gmp_now(gi);

	gmp_send_src_part(g, true, lmqt);
	gmp_send_src_part(g, false, lmqt);
	if (g->grp_rxmt > 0) {
		bool s = g->gtimer >= 0 && g->gtimer - now > lmqt;

		g->grp_rxmt--;
		gmp_send(gi, &g->addr, 0, s);
	}
}

void gmp_query_specific(struct gmp_group *g)
{
	struct gmp_if *gi = g->gi;

	if (!gmp_querier(gi)) {
		gmp_query_specific_cancel(g);
		return;
	}
	gmp_specific_round(g);
	if (!gmp_rxmt_pending(g)) {
		node_timer_cancel(&g->rxmt_timer);
		return;
	}
	g->rxmt_next = gmp_now(gi) + gi->eff.lmqi;
	node_timer_arm(&g->rxmt_timer, g->rxmt_next);
}

void gmp_query_rxmt_fire(struct node_timer *nt)
{
	struct gmp_group *g =
		sim_container_of(nt, struct gmp_group, rxmt_timer);
	struct gmp_if *gi = g->gi;
	sim_time_t now = gmp_now(gi), next;

	if (!gmp_querier(gi)) {
		gmp_query_specific_cancel(g);
		return;
	}
	gmp_specific_round(g);
	if (!gmp_rxmt_pending(g))
		return;
	next = g->rxmt_next + gi->eff.lmqi;
	if (next <= now)
		next = now + gi->eff.lmqi;
	g->rxmt_next = next;
	node_timer_arm(&g->rxmt_timer, next);
}

void gmp_query_specific_cancel(struct gmp_group *g)
{
	g->grp_rxmt = 0;
	if (g->src_rxmt)
		memset(g->src_rxmt, 0, g->nsrc);
	node_timer_cancel(&g->rxmt_timer);
}
