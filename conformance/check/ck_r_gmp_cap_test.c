/*
 * The "gmp" rule module alone over the real captures of
 * FAILSIM_SHARED_DIR/captures (every folder; read by the checker's
 * own driver, every link type it knows): nothing may crash, a summary of
 * the failing rules of each capture is printed, and a few verdicts
 * checked by hand are asserted (see want[] below). Skipped when the
 * captures are absent. CK_R_EXTRA_CAPS=DIR also checks the captures of
 * DIR (for manual runs over failsim's own traces).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_check.h"

#define CAPS FAILSIM_SHARED_DIR "/captures"

/* Verdicts checked by hand (tshark, INDEX.tsv): capture, rule, whether
 * it must fail. */
struct want {
	const char *file;
	const char *rule;
	bool fail;
};

static const struct want want[] = {
	{ "igmp/zeek_igmp_igmp-bad-checksum.pcap", "igmp.csum", true },
	{ "igmp/zeek_igmp_igmp.pcap", "igmp.csum", false },
	{ "igmp/zeek_igmp_igmp.pcap", "igmp.v3-report-dst", false },
	{ "igmp/pcpp_igmpv3_report2.pcap", "igmp.group", true },
	{ "igmp/igmpv3-queries.pcap", "igmp.query-mrt", true },
	{ "igmp/IGMP_V2.pcap", "igmp.leave-query", true },
	{ "igmp/IGMP_V2.pcap", "igmp.router-alert", true },
	{ "igmp/IGMP_V2.pcap", "igmp.response-deadline", false },
	{ "igmp/IGMP_V1.pcap", "igmp.router-alert", false },
	{ "mld/zeek_icmp_icmp6-mldv2.pcap", "mld.length", true },
	{ "mld/zeek_icmp_icmp6-mld-query.pcap", "mld.src-ll", true },
	{ "mld/icmpv6.pcap", "mld.csum", false },
	{ "mld/icmpv6.pcap", "mld.router-alert", false },
	{ "mixed/zeek_dns_mdns.pcap", "mld.v2-report-dst", false },
};

/* Totals over every capture, per rule (printed at the end). */
struct total {
	uint64_t checked, failed;
};

static struct total totals[64];

static const struct ck_proto *const protos[] = { &ck_proto_gmp, NULL };

static bool capture_name(const char *n)
{
	size_t l = strlen(n);

	return (l > 5 && !strcmp(n + l - 5, ".pcap")) ||
	       (l > 7 && !strcmp(n + l - 7, ".pcapng"));
}

/* Check one capture; print its failing rules. */
static void run_one(const char *base, const char *dir, const char *name,
		    unsigned *nrun)
{
	struct ck_check_opts o = { 0 };
	struct ck_ctx *c = NULL;
	char path[512], err[512];
	int rc;

	snprintf(path, sizeof(path), "%s/%s/%s", base, dir, name);
	o.path = path;
	o.protos = protos;
	rc = ck_check_run(&o, &c, err, sizeof(err));
	if (rc != 0) {
		printf("gmp %s/%s: unreadable (%s)\n", dir, name, err);
		ck_ctx_free(c);
		return;
	}
	(*nrun)++;
	for (size_t i = 0; i < ck_ncounts(c); i++) {
		const char *what;
		uint64_t n;

		ck_count_at(c, i, &what, &n);
		if (strcmp(what, "frames"))
			printf("gmp %s/%s: count %s %llu\n", dir, name, what,
			       (unsigned long long)n);
	}
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (i < 64) {
			totals[i].checked += r->checked;
			totals[i].failed += r->failed;
		}
		if (r->failed)
			printf("gmp %s/%s: %s %s %llu/%llu: %s\n", dir, name,
			       ck_level_name(r->rule->level), r->rule->id,
			       (unsigned long long)r->failed,
			       (unsigned long long)r->checked,
			       r->nkept ? r->kept[0].detail : "");
	}
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char full[300];
		const struct ck_result *r;

		snprintf(full, sizeof(full), "%s/%s", dir, name);
		if (strcmp(want[i].file, full))
			continue;
		r = ck_result(c, want[i].rule);
		assert_non_null(r);
		if ((r->failed != 0) != want[i].fail)
			fail_msg("%s: %s expected %s, failed %llu of %llu",
				 full, want[i].rule,
				 want[i].fail ? "to fail" : "clean",
				 (unsigned long long)r->failed,
				 (unsigned long long)r->checked);
	}
	ck_ctx_free(c);
}

/* Check every capture of base/dir. */
static void run_dir(const char *base, const char *dir, unsigned *nrun)
{
	char path[512];
	struct dirent *e;
	DIR *dp;

	snprintf(path, sizeof(path), "%s/%s", base, dir);
	dp = opendir(path);
	if (!dp)
		return;
	while ((e = readdir(dp)) != NULL)
		if (capture_name(e->d_name))
			run_one(base, dir, e->d_name, nrun);
	closedir(dp);
}

static void test_gmp_captures(void **state)
{
	static const char *const dirs[] = { "arp_nd", "bfd", "igmp", "mixed",
					    "mld",    "pim", "tcp",  "vrrp" };
	unsigned nrun = 0;

	(void)state;
	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++)
		run_dir(CAPS, dirs[d], &nrun);
	/* a manual run over other captures (failsim's own traces) */
	if (getenv("CK_R_EXTRA_CAPS"))
		run_dir(getenv("CK_R_EXTRA_CAPS"), ".", &nrun);
	if (nrun == 0)
		skip();
	for (size_t i = 0; i < protos[0]->nrules && i < 64; i++)
		printf("gmp total %s: failed %llu of %llu\n",
		       protos[0]->rules[i].id,
		       (unsigned long long)totals[i].failed,
		       (unsigned long long)totals[i].checked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gmp_captures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
