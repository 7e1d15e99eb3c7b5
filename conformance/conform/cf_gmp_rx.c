/*
 * "igmp" / "mld" conformance cases on what a router must not act on: a
 * report or query with a bad checksum (RFC 3376 4.1.2, RFC 3810 5.1.2),
 * without Router Alert or with a TTL / Hop Limit other than 1 (the
 * sender rules of RFC 3376 section 4 and RFC 3810 section 5, and RFC
 * 3376 9.1 for queries), an MLD message from a source that is not
 * link-local, reports from the unspecified address included (RFC 3810
 * 5.1.14, 5.2.13). Each damaged message must leave no trace -- no group
 * record for a report; for a query from a lower address, the DUT still
 * querier -- and be counted by reason in `display igmp|mld interface`.
 */
#include "conformance/conform/cf_gmp_int.h"

#include <stdio.h>
#include <string.h>

void cf_gmp_rx_body(struct cf_ctx *c, const struct gx_fam *f, bool query,
		    uint8_t new_version, const struct gx_ip *ip,
		    const char *reason)
{
	struct gx_cfg cfg = { .version = new_version ? f->v_new : 0 };
	struct gmp_group_info g;
	struct gmp_if_info in;
	struct gx_ip dmg = *ip;
	long long d0 = 0, d1 = 0;
	sim_time_t cpu;
	struct gx x;

	if (!gx_open(&x, c, f, &cfg))
		goto out;
	gx_run(&x, SIM_S(2));
	if (reason)
		d0 = gx_drops(&x, reason);
	if (query) {
		if (!dmg.src)
			dmg.src = f->lower;
		cpu = gx_query(&x, dmg.src, &dmg);
	} else if (new_version) {
		gx_msg(&x, GMP_T_REPORT_V3, f->v_new, NULL);
		gx_rec(&x, GMP_REC_TO_EX, 0); /* a join */
		cpu = gx_send(&x, &dmg);
	} else {
		gx_msg(&x, GMP_T_REPORT_V2, f->v_old, f->group);
		cpu = gx_send(&x, &dmg);
	}
	if (cpu < 0)
		goto out;
	gx_run(&x, cpu + SIM_MS(1));
	if (query) {
		gx_info(&x, &in);
		cf_check(c, in.qstate == GMP_QUERIER,
			 "the DUT became non-querier on the damaged query");
	} else {
		cf_check(c, !gx_group(&x, &g),
			 "the damaged report created a record for %s",
			 f->group);
	}
	if (!reason)
		goto out;
	d1 = gx_drops(&x, reason);
	cf_check(c, d0 >= 0 && d1 - d0 == 1,
		 "display %s interface: \"%s\" drops went from %lld to %lld, "
		 "expected +1",
		 f->name, reason, d0, d1);
out:
	gx_close(&x);
}

/* Rows shared by both families. */
void cf_gmp_case_rx_checksum(struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_ip ip = { .bad_csum = true };

	/* An MLD message with a bad ICMPv6 checksum never reaches the MLD
	 * module: the router's dissector drops it uncounted. */
	cf_gmp_rx_body(c, f, false, false, &ip,
		       f->af == NET_AF_IP4 ? "malformed" : NULL);
}

void cf_gmp_case_rx_ttl(struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_ip ip = { .ttl = f->af == NET_AF_IP4 ? 2 : 255 };

	cf_gmp_rx_body(c, f, false, false, &ip, "ttl");
}

void cf_gmp_case_rx_report_no_ra(struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_ip ip = { .no_ra = true };

	cf_gmp_rx_body(c, f, false, true, &ip, "no-router-alert");
}

void cf_gmp_case_rx_query_no_ra(struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_ip ip = { .no_ra = true };

	cf_gmp_rx_body(c, f, true, false, &ip, "no-router-alert");
}

void cf_gmp_case_rx_query_ttl(struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_ip ip = { .ttl = f->af == NET_AF_IP4 ? 2 : 255 };

	cf_gmp_rx_body(c, f, true, false, &ip, "ttl");
}

/* MLD only: sources that are not link-local. */
void cf_gmp_case_rx_report_src(struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_ip ip = { .src = f->offlink };

	cf_gmp_rx_body(c, f, false, true, &ip, "source");
}

void cf_gmp_case_rx_report_unspec(struct cf_ctx *c, const struct gx_fam *f)
{
	const struct gx_ip ip = { .src = "::" };

	cf_gmp_rx_body(c, f, false, true, &ip, "source");
}

void cf_gmp_case_rx_query_src(struct cf_ctx *c, const struct gx_fam *f)
{
	/* A global address numerically lower than fe80::5. */
	const struct gx_ip ip = { .src = "2001:db8:1::1" };

	cf_gmp_rx_body(c, f, true, false, &ip, "source");
}
