/*
 * Building and sending the host's membership messages. Every IGMP message
 * leaves with TTL 1 (RFC 1112 appendix I, RFC 2236 section 2, RFC 3376
 * section 4) and, from IGMPv2 on, the IPv4 Router Alert option (RFC 2236
 * section 2, RFC 3376 section 4; RFC 1112 has none), from the interface's
 * primary IPv4 address or 0.0.0.0 without one (RFC 3376 section 4.2.13).
 * MLD messages leave with Hop Limit 1, a hop-by-hop Router Alert and the
 * link-local source (RFC 2710 section 3, RFC 3810 section 5), or the
 * unspecified address when there is no link-local one (RFC 3810 section
 * 5.2.13). Destinations: v1/v2 reports go to the group, leaves to all
 * routers 224.0.0.2 / ff02::2 (RFC 2236 section 3, RFC 2710 section 4),
 * v3 reports to 224.0.0.22 / ff02::16 (RFC 3376 section 4.2.14, RFC 3810
 * section 5.2.14). A v3 report that does not fit one 1500-byte packet is
 * cut into several; a record too large on its own is split, except
 * IS_EX/TO_EX records which keep as many sources as fit (RFC 3376 section
 * 4.2.16, RFC 3810 section 5.2.15).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/gmp/gmp_host_int.h"

#define GH_MTU		 1500 /* IP packet, Ethernet */
#define GH_IP4_HDR	 24   /* IPv4 header with the Router Alert option */
#define GH_IP6_HDR	 48   /* IPv6 header and the hop-by-hop header */
#define GH_REP_HDR	 8    /* v3 report header, both families */
#define GH_ICMP6_NH	 58   /* next header of ICMPv6 */
#define GH_IGMP_TTL	 1
#define GH_REC_FIXED(af) ((af) == NET_AF_IP4 ? 8 : 20)
#define GH_ALEN(af)	 ((size_t)((af) == NET_AF_IP4 ? 4 : 16))

static void gh_msg_reset(struct gmp_msg *m, enum net_af af, enum gmp_type t,
			 uint8_t version)
{
	memset(m, 0, offsetof(struct gmp_msg, rec));
	m->af = af;
	m->type = t;
	m->version = version;
}

static struct net_addr gh_src(const struct gh_if *gi)
{
	struct net_addr s = { .af = gi->af };

	if (gi->af == NET_AF_IP4) {
		const struct node_addr4 *a = node_iface_primary4(gi->ifp);

		if (a)
			s = net_addr_from_ip4(&a->addr);
	} else {
		const struct node_addr6 *a = node_iface_link_local(gi->ifp);

		if (a)
			s = net_addr_from_ip6(&a->addr);
	}
	return s;
}

/* Encode m and send it; 0 or -1. */
static int gh_send(struct gh_if *gi, const struct gmp_msg *m,
		   const struct net_addr *dst)
{
	uint8_t buf[GH_MTU];
	struct net_addr src = gh_src(gi);
	bool v4 = gi->af == NET_AF_IP4;
	int len = gmp_pkt_encode(m, &src, dst, buf, sizeof(buf));

	if (len < 0)
		return -1;
	/* RFC 1112 has no Router Alert; every later version sends it. */
	return node_host_ip_send_opts(
		       gi->gh->node, gi->ifp, &src, dst,
		       v4 ? GMP_IGMP_PROTO : GH_ICMP6_NH, GH_IGMP_TTL,
		       !(v4 && m->type == GMP_T_REPORT_V1), buf, (size_t)len)
		       ? -1
		       : 0;
}

static void gh_log_group(struct gh_if *gi, const char *event,
			 const struct net_addr *group, uint8_t version,
			 const char *why)
{
	char gs[NET_ADDR_STRLEN];
	struct sim_log_rec r;

	net_addr_fmt(group, gs, sizeof(gs));
	gh_log_begin(&r, gi, event);
	sim_log_str(&r, "group", gs);
	sim_log_uint(&r, "version", version);
	if (why)
		sim_log_str(&r, "why", why);
	sim_log_end(&r);
}

/* A v1/v2 message for group: report to the group, or leave. A message
 * (a few tens of KB with its bounds) is allocated for each send, so idle
 * hosts hold none. */
static int gh_send12(struct gh_if *gi, enum gmp_type t,
		     const struct net_addr *group, const struct net_addr *dst)
{
	struct gmp_msg *m = malloc(sizeof(*m));
	int rc;

	if (!m)
		return -1;
	gh_msg_reset(m, gi->af, t, gi->compat);
	m->group = *group;
	rc = gh_send(gi, m, dst);
	free(m);
	return rc;
}

void gh_send_report12(struct gh_if *gi, const struct net_addr *group,
		      const char *why)
{
	bool v1 = gi->af == NET_AF_IP4 && gi->compat == 1;

	if (gh_send12(gi, v1 ? GMP_T_REPORT_V1 : GMP_T_REPORT_V2, group,
		      group) != 0)
		return;
	gi->tx_report[gi->compat]++;
	if (why)
		gh_log_group(gi, "report", group, gi->compat, why);
}

void gh_send_leave(struct gh_if *gi, const struct net_addr *group)
{
	if (gh_send12(gi, GMP_T_LEAVE, group,
		      gi->af == NET_AF_IP4 ? &gmp_all_routers4
					   : &gmp_all_routers6) != 0)
		return;
	gi->tx_leave++;
	gh_log_group(gi, "leave", group, gi->compat, NULL);
}

static size_t gh_cap(const struct gh_if *gi)
{
	return GH_MTU - (gi->af == NET_AF_IP4 ? GH_IP4_HDR : GH_IP6_HDR);
}

void gh_rep_begin(struct gh_rep *r, struct gh_if *gi, const char *why)
{
	memset(r, 0, sizeof(*r));
	r->gi = gi;
	r->why = why;
	r->bytes = GH_REP_HDR;
	r->m = malloc(sizeof(*r->m));
	if (r->m)
		gh_msg_reset(r->m, gi->af, GMP_T_REPORT_V3, gi->compat);
}

/* A state-change report (all records of one group): the group, the
 * record types and the sources they carry. */
static void gh_log_report(struct gh_if *gi, const struct gmp_msg *m,
			  const char *why)
{
	char gs[NET_ADDR_STRLEN], types[64] = "";
	struct sim_log_rec lr;
	size_t off = 0, nsrc = 0;
	unsigned i;

	net_addr_fmt(&m->rec[0].group, gs, sizeof(gs));
	for (i = 0; i < m->nrec && off < sizeof(types); i++) {
		off += (size_t)snprintf(types + off, sizeof(types) - off,
					"%s%s", i ? "," : "",
					gmp_rec_type_name(m->rec[i].type));
		nsrc += m->rec[i].nsrc;
	}
	gh_log_begin(&lr, gi, "report");
	sim_log_str(&lr, "group", gs);
	sim_log_uint(&lr, "version", gi->compat);
	sim_log_str(&lr, "records", types);
	sim_log_uint(&lr, "sources", nsrc);
	sim_log_str(&lr, "why", why);
	sim_log_end(&lr);
}

static void gh_rep_flush(struct gh_rep *r)
{
	struct gh_if *gi = r->gi;
	struct gmp_msg *m = r->m;

	if (!m || !m->nrec)
		return;
	if (gh_send(gi, m,
		    gi->af == NET_AF_IP4 ? &gmp_v3_routers4
					 : &gmp_v2_routers6) == 0) {
		gi->tx_report[gi->compat]++;
		r->sent++;
		if (r->why)
			gh_log_report(gi, m, r->why);
	}
	gh_msg_reset(m, gi->af, GMP_T_REPORT_V3, gi->compat);
	r->bytes = GH_REP_HDR;
}

/* Append one record (its sources fit). */
static void gh_rep_put(struct gh_rep *r, uint8_t type,
		       const struct net_addr *group,
		       const struct net_addr *srcs, size_t n)
{
	struct gmp_msg *m = r->m;
	struct gmp_rec *rec = &m->rec[m->nrec++];

	rec->type = type;
	rec->aux_len = 0;
	rec->nsrc = (uint16_t)n;
	rec->src0 = m->srcs_used;
	rec->group = *group;
	if (n)
		memcpy(&m->srcs[m->srcs_used], srcs, n * sizeof(*srcs));
	m->srcs_used += (uint32_t)n;
	r->bytes += GH_REC_FIXED(r->gi->af) + n * GH_ALEN(r->gi->af);
}

void gh_rep_add(struct gh_rep *r, uint8_t type, const struct net_addr *group,
		const struct net_addr *srcs, size_t n)
{
	enum net_af af = r->gi->af;
	size_t cap = gh_cap(r->gi), fixed = GH_REC_FIXED(af);
	size_t alen = GH_ALEN(af), fit;

	if (!r->m)
		return;
	for (;;) {
		if (r->bytes + fixed + n * alen <= cap &&
		    r->m->nrec < GMP_MAX_RECORDS) {
			gh_rep_put(r, type, group, srcs, n);
			return;
		}
		if (r->m->nrec) {
			gh_rep_flush(r);
			continue;
		}
		/* Alone in a message and still too large. */
		fit = (cap - GH_REP_HDR - fixed) / alen;
		gh_rep_put(r, type, group, srcs, fit);
		if (type == GMP_REC_IS_EX || type == GMP_REC_TO_EX)
			return;
		gh_rep_flush(r);
		srcs += fit;
		n -= fit;
	}
}

void gh_rep_end(struct gh_rep *r)
{
	gh_rep_flush(r);
	free(r->m);
	r->m = NULL;
}
