/*
 * Reception on a group membership interface: the checks that belong to
 * the core (the caller has checked TTL / Hop Limit, Router Alert, the
 * source address form and the interface) with a drop counter per reason
 * (a passive interface, the Backup of a hot-backup pair, takes none),
 * and the dispatch of each message type. Destinations (RFC 3376 4.1.12,
 * 4.2.14; RFC 2236 section 3; RFC 3810 5.1.15, 5.2.14; RFC 2710 section
 * 3): a message to a multicast address must use the one its type is
 * sent to (general query: all-hosts / all-nodes; specific query: the
 * group or all-hosts; v1/v2 report: the group; leave / done: all-routers
 * or the group; v3 report: 224.0.0.22 / ff02::16); unicast ones were
 * addressed to us. Groups must be multicast and, for reports, beyond
 * link-local scope (224.0.0.0/24; IPv6 scopes 0, 1 and 2). The version
 * rules: an IGMPv1 router takes only v1 reports (RFC 1112; leaves and
 * later types are unknown to it), an IGMPv2 / MLDv1 router no v3 / MLDv2
 * reports (RFC 3376 7.3.1: it acts as the older version); older reports
 * map to IS_EX({}) and leaves to TO_IN({}) (RFC 3376 7.3.2), a leave is
 * ignored by a non-querier (RFC 2236 section 3), for a group without
 * members, and while IGMPv1 hosts are present (7.3.2). An IGMPv2 / MLDv1
 * router stops the group-specific queries when a report arrives (RFC 2236
 * section 7, RFC 2710 section 6: "clear rxmt tmr").
 */
#include <string.h>

#include "protocols/gmp/gmp_int.h"

/* A group a report may carry: multicast, beyond link-local scope. */
static bool gmp_group_ok(const struct gmp_if *gi, const struct net_addr *g)
{
	if (g->af != gi->cfg.af || !net_addr_is_multicast(g))
		return false;
	if (g->af == NET_AF_IP4) /* 224.0.0.0/24: local network control */
		return !(g->b[0] == 224 && g->b[1] == 0 && g->b[2] == 0);
	return (g->b[1] & 0x0f) > 2; /* RFC 4291 2.7 scope */
}

static bool gmp_dst_ok(const struct gmp_if *gi, const struct gmp_msg *m,
		       const struct net_addr *dst)
{
	bool v6 = gi->cfg.af == NET_AF_IP6;
	const struct net_addr *all = v6 ? &gmp_all_nodes6 : &gmp_all_hosts4;
	const struct net_addr *rtrs =
		v6 ? &gmp_all_routers6 : &gmp_all_routers4;
	const struct net_addr *v3 = v6 ? &gmp_v2_routers6 : &gmp_v3_routers4;

	if (!dst || net_addr_is_unspec(dst) || !net_addr_is_multicast(dst))
		return true;
	switch (m->type) {
	case GMP_T_QUERY:
		return net_addr_eq(dst, all) || net_addr_eq(dst, &m->group);
	case GMP_T_REPORT_V1:
	case GMP_T_REPORT_V2:
		return net_addr_eq(dst, &m->group);
	case GMP_T_LEAVE:
		return net_addr_eq(dst, rtrs) || net_addr_eq(dst, &m->group);
	case GMP_T_REPORT_V3:
		return net_addr_eq(dst, v3);
	default:
		return false;
	}
}

static void gmp_rx_query(struct gmp_if *gi, const struct gmp_msg *m,
			 const struct net_addr *src)
{
	if (net_addr_is_unspec(&m->group)) {
		if (m->nsrc > 0) { /* a general query lists no source */
			gi->drops[GMP_DROP_MALFORMED]++;
			return;
		}
	} else if (m->group.af != gi->cfg.af ||
		   !net_addr_is_multicast(&m->group)) {
		gi->drops[GMP_DROP_GROUP]++;
		return;
	}
	gmp_query_rx(gi, m, src);
}

/* IGMPv1/v2 report, MLDv1 report: IS_EX({}) (RFC 3376 7.3.2). */
static void gmp_rx_report_old(struct gmp_if *gi, const struct gmp_msg *m,
			      const struct net_addr *src)
{
	uint8_t gen = gmp_gen(m->af, m->version);
	struct gmp_group *g;

	if (!gmp_group_ok(gi, &m->group)) {
		gi->drops[GMP_DROP_GROUP]++;
		return;
	}
	if (gen > gi->gen) {
		gi->drops[GMP_DROP_VERSION]++;
		return;
	}
	gmp_group_record(gi, GMP_REC_IS_EX, &m->group, NULL, 0, src, gen);
	g = gmp_group_find(gi, &m->group);
	if (g && gi->gen == 2)
		gmp_query_specific_cancel(g);
}

/* IGMPv2 Leave Group, MLDv1 Done: TO_IN({}). */
static void gmp_rx_leave(struct gmp_if *gi, const struct gmp_msg *m)
{
	struct gmp_group *g;

	if (!gmp_group_ok(gi, &m->group)) {
		gi->drops[GMP_DROP_GROUP]++;
		return;
	}
	if (gi->gen < 2) {
		gi->drops[GMP_DROP_VERSION]++;
		return;
	}
	g = gmp_group_find(gi, &m->group);
	if (!g)
		return; /* "no group members": ignored */
	if (g->compat < 2) {
		gi->drops[GMP_DROP_VERSION]++;
		return;
	}
	if (gi->qstate != GMP_QUERIER) {
		gi->drops[GMP_DROP_NOT_QUERIER]++;
		return;
	}
	gmp_group_record(gi, GMP_REC_TO_IN, &m->group, NULL, 0, NULL, 0);
}

/* IGMPv3 / MLDv2 report: each record in turn (RFC 3376 6.4). */
static void gmp_rx_report_v3(struct gmp_if *gi, const struct gmp_msg *m,
			     const struct net_addr *src)
{
	size_t nrec = m->nrec, used = m->srcs_used;

	if (gi->gen < 3) {
		gi->drops[GMP_DROP_VERSION]++;
		return;
	}
	if (nrec > GMP_MAX_RECORDS || used > GMP_MAX_SOURCES) {
		gi->drops[GMP_DROP_MALFORMED]++;
		return;
	}
	for (size_t i = 0; i < nrec; i++) {
		const struct gmp_rec *r = &m->rec[i];

		if (r->src0 > used || r->nsrc > used - r->src0) {
			gi->drops[GMP_DROP_MALFORMED]++;
			continue;
		}
		if (!gmp_group_ok(gi, &r->group)) {
			gi->drops[GMP_DROP_GROUP]++;
			continue;
		}
		gmp_group_record(gi, r->type, &r->group, &m->srcs[r->src0],
				 r->nsrc, src, 3);
	}
}

void gmp_if_rx(struct gmp_if *gi, const struct gmp_msg *m,
	       const struct net_addr *src, const struct net_addr *dst)
{
	if (!m || !src || m->af != gi->cfg.af ||
	    (unsigned)m->type >= GMP_T__COUNT || m->version < 1 ||
	    m->version > gmp_ver(m->af, 3) ||
	    (src->af != NET_AF_NONE && src->af != m->af)) {
		gi->drops[GMP_DROP_MALFORMED]++;
		return;
	}
	if (!gi->running) {
		gi->drops[GMP_DROP_DISABLED]++;
		return;
	}
	if (gi->passive) { /* the peer answers the hosts (hot backup) */
		gi->drops[GMP_DROP_PASSIVE]++;
		return;
	}
	if (!gmp_dst_ok(gi, m, dst)) {
		gi->drops[GMP_DROP_DST]++;
		return;
	}
	switch (m->type) {
	case GMP_T_QUERY:
		gmp_rx_query(gi, m, src);
		break;
	case GMP_T_REPORT_V1:
	case GMP_T_REPORT_V2:
		gi->rx_report[m->version]++;
		gmp_rx_report_old(gi, m, src);
		break;
	case GMP_T_LEAVE:
		gi->rx_leave++;
		gmp_rx_leave(gi, m);
		break;
	case GMP_T_REPORT_V3:
		gi->rx_report[m->version]++;
		gmp_rx_report_v3(gi, m, src);
		break;
	default:
		break;
	}
	gmp_flush(gi);
}
