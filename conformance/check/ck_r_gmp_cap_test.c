/*
 * The "gmp" rule module alone over the real captures of
 * FAILSIM_SHARED_DIR/captures (every folder; read by the checker's
 * own driver, every link type it knows): nothing may crash, a summary of
 * the failing rules of each capture is printed, and a few verdicts
 * checked by hand are asserted (see want[] below). Skipped when the
 * captures are absent. CK_R_EXTRA_CAPS=DIR also checks the captures of
 * DIR (for manual runs over failsim's own traces).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "conformance/check/ck_rules_captest.h"

/* Verdicts checked by hand (tshark, INDEX.tsv): capture, rule, whether
 * it must fail. */
static const struct ckc_want want[] = {
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

static void test_gmp_captures(void **state)
{
	(void)state;
	ckc_captures(&ck_proto_gmp, want, sizeof(want) / sizeof(want[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gmp_captures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
