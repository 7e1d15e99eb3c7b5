/*
 * "igmp" / "mld" conformance cases on group records: a record expires
 * exactly one Group Membership Interval (MLD: Multicast Address
 * Listening Interval) after the last report and forwarding to the LAN
 * stops with it (RFC 3376 8.4, RFC 3810 9.4); a leave (done) brings Last
 * Member Query Count group-specific queries Last Member Query Interval
 * apart and the record goes at Last Member Query Time (RFC 2236 section
 * 3, RFC 2710 section 6); an older-version report puts the record in
 * compatibility mode for the Older Host Present Interval (RFC 3376
 * 7.3.2, RFC 3810 8.3.2); and rows of the v3 state tables with the
 * source timers and queries that result (RFC 3376 6.4.1, 6.4.2, 6.6.3;
 * RFC 3810 7.4.1, 7.4.2, 7.6.3).
 */
#include "conformance/conform/cf_gmp_int.h"

#include <stdio.h>
#include <string.h>

void cf_gmp_gmi_body(struct cf_ctx *c, const struct gx_fam *f, sim_time_t skew)
{
	struct gmp_group_info g;
	struct gx x;
	sim_time_t cpu, want, at, vis;
	size_t seen;
	char a[32], b[32], d[32];

	if (!gx_open(&x, c, f, NULL))
		goto out;
	/* The stream's first packet makes the multicast entry (no oif). */
	gx_run(&x, SIM_S(2));
	if (!gx_data(&x))
		goto out;
	gx_run(&x, SIM_S(3));
	cpu = f->af == NET_AF_IP4 ? gx_report_old(&x, f->group)
				  : gx_report_new(&x, GMP_REC_IS_EX, 0);
	if (cpu < 0)
		goto out;
	want = cpu + gx_gmi(&x) + skew;
	/* Data just before the expiry still reaches the LAN. */
	gx_run(&x, want - SIM_MS(2));
	seen = gx_data_seen(&x);
	if (!gx_data(&x))
		goto out;
	gx_run(&x, want - 1);
	cf_check(c, gx_group(&x, &g) && gx_data_seen(&x) == seen + 1,
		 "1 ns before %s + %lld s: record %s, data %s; expected the "
		 "record and the data forwarded",
		 cf_ts(cpu, a), (long long)(gx_gmi(&x) / SIM_S(1)),
		 gx_group(&x, &g) ? "present" : "gone",
		 gx_data_seen(&x) == seen + 1 ? "forwarded" : "not forwarded");
	gx_run(&x, want);
	at = gx_event(&x, "group-del", NULL, NULL, 0);
	cf_check(c, !gx_group(&x, &g) && at == want,
		 "the record expired at %s, expected %s (report reached the "
		 "CPU at %s + %lld s)",
		 cf_ts(at, a), cf_ts(want, b), cf_ts(cpu, d),
		 (long long)(gx_gmi(&x) / SIM_S(1)));
	/* Once the ASIC has the outgoing interface removed, data stops. */
	vis = asic_prog_idle_at(router_asic(x.dut));
	gx_run(&x, vis > want ? vis : want);
	seen = gx_data_seen(&x);
	if (!gx_data(&x))
		goto out;
	gx_run(&x, cf_now(x.w) + SIM_MS(1));
	cf_check(c, gx_data_seen(&x) == seen,
		 "data sent %lld us after the expiry (the ASIC updated) still "
		 "reached the LAN",
		 (long long)((vis - want) / 1000));
out:
	gx_close(&x);
}

void cf_gmp_case_gmi(struct cf_ctx *c, const struct gx_fam *f)
{
	cf_gmp_gmi_body(c, f, 0);
}

/* The leave world: an old-version router, robust-count 3, query
 * interval 2 s; a report at 2 s, a leave at 5 s (returned: CPU time). */
static sim_time_t leave_world(struct gx *x, struct cf_ctx *c,
			      const struct gx_fam *f)
{
	const struct gx_cfg cfg = { .version = f->v_old,
				    .robust = 3,
				    .lmqi_s = 2 };

	if (!gx_open(x, c, f, &cfg))
		return -1;
	gx_run(x, SIM_S(2));
	if (gx_report_old(x, f->group) < 0)
		return -1;
	gx_run(x, SIM_S(5));
	return gx_leave(x, f->group);
}

/* RFC 2236 3 / RFC 2710 6: 3 group-specific queries 2 s apart from the
 * leave, Max Resp 2 s, to the group. */
void cf_gmp_case_leave_queries(struct cf_ctx *c, const struct gx_fam *f)
{
	struct net_addr g = gx_addr(f->group);
	struct gx x;
	struct gx_q q;
	sim_time_t l = leave_world(&x, c, f);
	size_t i = 0, k = 0;
	char a[32], b[32];

	if (l < 0)
		goto out;
	gx_run(&x, l + SIM_S(10));
	while (gx_next_query(&x, &i, &q)) {
		if (net_addr_is_unspec(&q.m->group))
			continue;
		if (!cf_check(c, k < 3, "more than 3 group-specific queries") ||
		    !cf_check(c,
			      net_addr_eq(&q.m->group, &g) &&
				      net_addr_eq(&q.dst, &g),
			      "a specific query for another group or to "
			      "another destination") ||
		    !cf_check(c, q.sent == l + (sim_time_t)k * SIM_S(2),
			      "specific query %zu sent at %s, expected %s",
			      k + 1, cf_ts(q.sent, a),
			      cf_ts(l + (sim_time_t)k * SIM_S(2), b)) ||
		    !cf_check(c, q.m->max_resp == SIM_S(2),
			      "specific query %zu: Max Resp %lld ms, expected "
			      "2000",
			      k + 1, (long long)(q.m->max_resp / SIM_MS(1))))
			goto out;
		k++;
	}
	cf_check(c, k == 3, "%zu group-specific queries, expected 3", k);
out:
	gx_close(&x);
}

/* ... and the record goes exactly 3 x 2 s after the leave. */
void cf_gmp_case_leave_lmqt(struct cf_ctx *c, const struct gx_fam *f)
{
	struct gmp_group_info g;
	struct gx x;
	sim_time_t l = leave_world(&x, c, f), want;
	bool before;
	char a[32], b[32];

	if (l < 0)
		goto out;
	want = l + gx_lmqt(&x);
	gx_run(&x, want - 1);
	before = gx_group(&x, &g);
	gx_run(&x, want);
	cf_check(c, before && !gx_group(&x, &g),
		 "record %s 1 ns before and %s at %s (leave + 6 s), expected "
		 "present then gone; it went at %s",
		 before ? "present" : "gone",
		 gx_group(&x, &g) ? "present" : "gone", cf_ts(want, a),
		 cf_ts(gx_event(&x, "group-del", NULL, NULL, 0), b));
out:
	gx_close(&x);
}

/*
 * 7.3.2 / 8.3.2: an older-version report on a new-version router: the
 * record is in the old compatibility mode until the Older Host Present
 * Interval (= GMI) after that report, then back, while new-version
 * reports keep it alive.
 */
void cf_gmp_case_compat(struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_cfg cfg = { .version = f->v_new };
	struct gmp_group_info g;
	struct gx x;
	sim_time_t cpu, want;
	uint8_t m0 = 0, m1 = 0, m2 = 0;
	char a[32];

	if (!gx_open(&x, c, f, &cfg))
		goto out;
	gx_run(&x, SIM_S(3));
	cpu = gx_report_old(&x, f->group);
	if (cpu < 0)
		goto out;
	want = cpu + gx_gmi(&x);
	gx_run(&x, cpu + SIM_MS(1));
	if (gx_group(&x, &g))
		m0 = g.compat;
	for (sim_time_t t = SIM_S(10); t < want; t += SIM_S(50)) {
		gx_run(&x, t);
		if (gx_report_new(&x, GMP_REC_IS_EX, 0) < 0)
			goto out;
	}
	gx_run(&x, want - 1);
	if (gx_group(&x, &g))
		m1 = g.compat;
	gx_run(&x, want);
	if (gx_group(&x, &g))
		m2 = g.compat;
	cf_check(c, m0 == f->v_old && m1 == f->v_old && m2 == f->v_new,
		 "compatibility mode %u after the v%u report, %u 1 ns before "
		 "and %u at %s (report + %lld s); expected %u, %u, %u",
		 m0, f->v_old, m1, m2, cf_ts(want, a),
		 (long long)(gx_gmi(&x) / SIM_S(1)), f->v_old, f->v_old,
		 f->v_new);
out:
	gx_close(&x);
}
