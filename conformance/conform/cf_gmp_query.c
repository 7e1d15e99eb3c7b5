/*
 * "igmp" / "mld" conformance cases on the querier (RFC 3376 sections 4,
 * 4.1.12, 6.6.2, 8.2, 8.5-8.7; RFC 3810 sections 5, 5.1.15, 7.6.2, 9.2,
 * 9.5-9.7): the startup queries (Startup Query Count of them, Startup
 * Query Interval apart) and then one every Query Interval, to the
 * nanosecond; the election (a query from a lower address silences the
 * DUT, which takes over exactly Other Querier Present Interval after the
 * last such query; a higher address does not); the IP header of every
 * query (TTL / Hop Limit 1, Router Alert, IGMP's Internetwork Control
 * precedence, MLD's link-local source) and its destination.
 */
#include "conformance/conform/cf_gmp_int.h"

#include <stdio.h>
#include <string.h>

#define GX_MAXQ 64

/* 8.6, 8.7 / 9.6, 9.7: robust-count 3, timer query 40: queries at 0,
 * 10 s and 20 s (40 s / 4 apart), then at 60 s and 100 s. */
void cf_gmp_case_startup(struct cf_ctx *c, const struct gx_fam *f)
{
	static const sim_time_t want[] = { 0, SIM_S(10), SIM_S(20), SIM_S(60),
					   SIM_S(100) };
	const struct gx_cfg cfg = { .robust = 3, .qi_s = 40 };
	sim_time_t v[GX_MAXQ];
	struct gx x;
	size_t n;
	char a[32], b[32];

	if (!gx_open(&x, c, f, &cfg))
		goto out;
	gx_run(&x, SIM_S(101));
	n = gx_general(&x, 0, SIM_S(101), v, GX_MAXQ);
	if (!cf_check(c, n == 5,
		      "%zu general queries in the first 101 s, expected 5 (3 "
		      "startup queries 10 s apart, then every 40 s)",
		      n))
		goto out;
	for (size_t i = 0; i < 5; i++)
		cf_check(c, v[i] == want[i],
			 "general query %zu sent at %s, expected %s", i + 1,
			 cf_ts(v[i], a), cf_ts(want[i], b));
out:
	gx_close(&x);
}

/* 8.2 / 9.2: after the startup queries, one per Query Interval. */
void cf_gmp_case_query_interval(struct cf_ctx *c, const struct gx_fam *f)
{
	sim_time_t v[GX_MAXQ], end = f->qi / 4 + 3 * f->qi + SIM_S(1);
	struct gx x;
	size_t n;

	if (!gx_open(&x, c, f, NULL))
		goto out;
	gx_run(&x, end);
	n = gx_general(&x, 0, end, v, GX_MAXQ);
	if (!cf_check(c, n == 5,
		      "%zu general queries in %lld s, expected 2 startup "
		      "queries and 3 more",
		      n, (long long)(end / SIM_S(1))))
		goto out;
	for (size_t i = 2; i < 5; i++)
		cf_check(c, v[i] - v[i - 1] == f->qi,
			 "general queries %zu and %zu sent %lld ns apart, "
			 "expected the Query Interval %lld ns",
			 i, i + 1, (long long)(v[i] - v[i - 1]),
			 (long long)f->qi);
out:
	gx_close(&x);
}

/* The first "querier" event saying `state` after `after` (-1: none). */
static sim_time_t querier_event(struct gx *x, const char *state,
				sim_time_t after)
{
	for (size_t k = 0;; k++) {
		sim_time_t t = gx_event(x, "querier", "state", state, k);

		if (t < 0 || t > after)
			return t;
	}
}

/*
 * 6.6.2 / 7.6.2: queries from a lower address make the DUT a
 * non-querier at once; it sends nothing until Other Querier Present
 * Interval after the last one, then a general query at that instant.
 */
void cf_gmp_case_querier_lower(struct cf_ctx *c, const struct gx_fam *f)
{
	sim_time_t t1 = SIM_S(40), c1, c2, resume, at, v[GX_MAXQ];
	struct gmp_if_info in;
	struct gx x;
	size_t n;
	char a[32], b[32];

	if (!gx_open(&x, c, f, NULL))
		goto out;
	gx_run(&x, t1);
	c1 = gx_query(&x, f->lower, NULL);
	gx_run(&x, t1 + f->qi / 2);
	c2 = gx_query(&x, f->lower, NULL);
	if (c1 < 0 || c2 < 0)
		goto out;
	at = querier_event(&x, "non-querier", 0);
	cf_check(c, at == c1,
		 "non-querier at %s, expected %s (the query "
		 "from the lower address)",
		 cf_ts(at, a), cf_ts(c1, b));
	resume = c2 + gx_oqpi(&x);
	gx_run(&x, resume - 1);
	gx_info(&x, &in);
	n = gx_general(&x, c1, resume - 1, v, GX_MAXQ);
	cf_check(c, in.qstate == GMP_NON_QUERIER && n == 0,
		 "1 ns before the Other Querier Present Interval ran out: %s, "
		 "%zu general queries since the first lower query; expected "
		 "non-querier and none",
		 in.qstate == GMP_QUERIER ? "querier" : "non-querier", n);
	gx_run(&x, resume + SIM_MS(1));
	at = querier_event(&x, "querier", c1);
	n = gx_general(&x, resume, resume, v, GX_MAXQ);
	cf_check(c, at == resume && n == 1,
		 "querier again at %s with %zu general queries at that "
		 "instant, expected %s (last lower query + %lld s) with one",
		 cf_ts(at, a), n, cf_ts(resume, b),
		 (long long)(gx_oqpi(&x) / SIM_S(1)));
out:
	gx_close(&x);
}

/* 6.6.2 / 7.6.2: a query from a higher address changes nothing. */
void cf_gmp_case_querier_higher(struct cf_ctx *c, const struct gx_fam *f)
{
	sim_time_t next = f->qi / 4 + f->qi, v[GX_MAXQ];
	struct gmp_if_info in;
	struct gx x;
	size_t n;
	char a[32];

	if (!gx_open(&x, c, f, NULL))
		goto out;
	gx_run(&x, f->qi / 4 + SIM_S(5));
	if (gx_query(&x, f->higher, NULL) < 0)
		goto out;
	gx_run(&x, next + SIM_MS(1));
	gx_info(&x, &in);
	n = gx_general(&x, next, next, v, GX_MAXQ);
	cf_check(c,
		 in.qstate == GMP_QUERIER && n == 1 &&
			 querier_event(&x, "non-querier", 0) < 0,
		 "after a query from the higher %s: %s, %zu general queries "
		 "at %s; expected querier with its query on schedule",
		 f->higher,
		 in.qstate == GMP_QUERIER ? "querier" : "non-querier", n,
		 cf_ts(next, a));
out:
	gx_close(&x);
}

/* A world with general and group-specific queries (an IGMPv3 / MLDv2
 * router): a report at 1 s, a leave at 2 s, run to 20 s. */
static bool with_queries(struct gx *x, struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_cfg cfg = { .version = f->v_new };

	if (!gx_open(x, c, f, &cfg))
		return false;
	gx_run(x, SIM_S(1));
	if (gx_report_old(x, f->group) < 0)
		return false;
	gx_run(x, SIM_S(2));
	if (gx_leave(x, f->group) < 0)
		return false;
	gx_run(x, SIM_S(20));
	return true;
}

/*
 * RFC 3376 4 / RFC 3810 5: every query leaves with TTL / Hop Limit 1 and
 * a Router Alert option; IGMP with IP precedence Internetwork Control
 * (TOS 0xc0), MLD from the link-local address.
 */
void cf_gmp_case_query_header(struct cf_ctx *c, const struct gx_fam *f)
{
	struct net_addr ll = gx_addr(f->dut);
	struct gx x;
	struct gx_q q;
	size_t i = 0, n = 0;

	if (!with_queries(&x, c, f))
		goto out;
	while (gx_next_query(&x, &i, &q)) {
		bool v4 = f->af == NET_AF_IP4;

		n++;
		if (!cf_check(c, q.ttl == 1 && q.ra && q.ra_value == 0,
			      "query %zu: %s %u, Router Alert %s (value %u); "
			      "expected 1 and present (0)",
			      n, v4 ? "TTL" : "Hop Limit", q.ttl,
			      q.ra ? "present" : "absent", q.ra_value) ||
		    !cf_check(c, !v4 || (q.tos & 0xe0) == 0xc0,
			      "query %zu: TOS 0x%02x, expected precedence "
			      "Internetwork Control (0xc0)",
			      n, q.tos) ||
		    !cf_check(c, v4 || net_addr_eq(&q.src, &ll),
			      "query %zu not from the link-local %s", n,
			      f->dut))
			break;
	}
	cf_check(c, n >= 3, "only %zu queries in 20 s", n);
out:
	gx_close(&x);
}

/* 4.1.12 / 5.1.15: general queries to all-hosts / all-nodes, specific
 * ones to the group queried. */
void cf_gmp_case_query_dst(struct cf_ctx *c, const struct gx_fam *f)
{
	struct net_addr all = gx_addr(f->all);
	struct gx x;
	struct gx_q q;
	size_t i = 0, ng = 0, ns = 0;
	char d[NET_ADDR_STRLEN];

	if (!with_queries(&x, c, f))
		goto out;
	while (gx_next_query(&x, &i, &q)) {
		bool general = net_addr_is_unspec(&q.m->group);
		bool ok = general ? net_addr_eq(&q.dst, &all)
				  : net_addr_eq(&q.dst, &q.m->group);

		ng += general;
		ns += !general;
		net_addr_fmt(&q.dst, d, sizeof(d));
		if (!cf_check(c, ok, "%s query sent to %s, expected %s",
			      general ? "a general" : "a group-specific", d,
			      general ? f->all : "the group"))
			break;
	}
	cf_check(c, ng >= 1 && ns >= 1,
		 "%zu general and %zu specific queries in 20 s, expected both",
		 ng, ns);
out:
	gx_close(&x);
}
