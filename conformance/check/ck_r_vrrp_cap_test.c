/*
 * The "vrrp" module over the real captures in ../shared/captures (skipped
 * when absent): every VRRP capture and the mixed ones holding VRRP, read
 * with libpcap (Ethernet; other link types are the driver's) and checked
 * by the module alone. No capture may crash it (the sanitizer build checks
 * every read); the verdicts verified by hand against tcpdump's and
 * tshark's decodes are asserted, and a per-capture summary of the failing
 * rules is printed for the capture manifest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conformance/check/ck_r_vrrp_testutil.h"

#define CAPS FAILSIM_SHARED_DIR "/captures/"

/*
 * What a capture must show: the rules it fails (at least once; with
 * `only`, no other rule fails) and rules that must hold (checked, never
 * failed); none: no VRRP reaches the module (its IP layer is broken or
 * not decoded: the net module's findings, or the driver's link type).
 */
struct cap_case {
	const char *file;
	bool only, none;
	const char *fails[4];
	const char *holds[12];
};

static const struct cap_case caps[] = {
	/* v2 (simple text and none), v3 IPv4 and IPv6, ten-second adverts,
	 * Masters preempting one another by priority; VRRP only, so no
	 * announcement can be judged */
	{ "vrrp/vrrp.pcap",
	  true,
	  false,
	  { NULL },
	  { "vrrp.ttl", "vrrp.dst", "vrrp.src-mac", "vrrp.length", "vrrp.csum",
	    "vrrp.csum.v3-no-pseudo", "vrrp.auth", "vrrp.v6-first-ll",
	    "vrrp.v6-src-ll", "vrrp.adver-interval", "vrrp.two-masters",
	    NULL } },
	/* VRRPv2 without its 8 bytes of Authentication Data (RFC 3768 7.1) */
	{ "vrrp/pcpp_VRRP-V2.pcap",
	  true,
	  false,
	  { "vrrp.length", NULL },
	  { "vrrp.csum", "vrrp.ttl", "vrrp.src-mac", "vrrp.auth", NULL } },
	{ "vrrp/pcpp_VRRP-V3-IPv4.pcap",
	  true,
	  false,
	  { NULL },
	  { "vrrp.csum", "vrrp.csum.v3-no-pseudo", "vrrp.src-mac", "vrrp.rsvd",
	    NULL } },
	/* IPv6 advert from the IPv4 virtual MAC 00-00-5e-00-01-01 */
	{ "vrrp/pcpp_VRRP-V3-IPv6.pcap",
	  true,
	  false,
	  { "vrrp.src-mac", NULL },
	  { "vrrp.csum", "vrrp.v6-first-ll", "vrrp.v6-src-ll", NULL } },
	/* 10 s advertised, sent every 8.6-9.1 s */
	{ "vrrp/ndpi_vrrp3.pcapng",
	  true,
	  false,
	  { "vrrp.adver-interval", NULL },
	  { "vrrp.csum", "vrrp.src-mac", "vrrp.two-masters", "vrrp.v6-first-ll",
	    NULL } },
	/* Frame Relay: the driver's */
	{ "vrrp/vrrp-vrrp_print-oobr.pcap", true, true, { NULL }, { NULL } },
	{ "vrrp/icmp-icmp_print-oobr-2.pcap", true, true, { NULL }, { NULL } },
	/* broken IPv4 headers: the net module's */
	{ "vrrp/vrrp-vrrp_print-oobr-2.pcap", true, true, { NULL }, { NULL } },
	{ "vrrp/icmp-icmp_print-oobr-1.pcap", true, true, { NULL }, { NULL } },
	{ "mixed/ndpi_fuzz-2020-02-16-11740.pcap",
	  true,
	  true,
	  { NULL },
	  { NULL } },
	/* VRRP inside 802.1ah (PBB): not decoded below it */
	{ "mixed/zeek_pbb.pcap", true, true, { NULL }, { NULL } },
};

/* Whether id is in the NULL-terminated list l. */
static bool listed(const char *const *l, const char *id)
{
	for (int i = 0; l[i]; i++)
		if (strcmp(l[i], id) == 0)
			return true;
	return false;
}

static void test_captures(void **state)
{
	(void)state;
	if (access(CAPS "INDEX.tsv", R_OK) != 0) {
		printf("captures absent: skipped\n");
		skip();
	}
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		char path[512], fails[1024];
		struct cvt t;
		int dlt;
		long n;

		snprintf(path, sizeof(path), CAPS "%s", caps[i].file);
		cvt_open(&t, NULL);
		n = cvt_feed_pcap(&t, path, &dlt);
		cvt_close_module(&t);
		if (n < 0) {
			printf("%s: unreadable\n", caps[i].file);
			cvt_free(&t);
			continue;
		}
		printf("%s: %ld frames (dlt %d skipped), vrrp %llu: %s\n",
		       caps[i].file, n, dlt,
		       (unsigned long long)cvt_count(&t, "vrrp"),
		       cvt_failing(&t, fails, sizeof(fails)));
		printf("    checked: interval %llu, two-masters %llu, takeover "
		       "%llu, garp %llu, una %llu\n",
		       (unsigned long long)cvt_checked(&t,
						       "vrrp.adver-interval"),
		       (unsigned long long)cvt_checked(&t, "vrrp.two-masters"),
		       (unsigned long long)cvt_checked(&t, "vrrp.takeover"),
		       (unsigned long long)cvt_checked(&t, "vrrp.garp"),
		       (unsigned long long)cvt_checked(&t, "vrrp.una"));
		for (int r = 0; r < CKV__COUNT; r++)
			if (cvt_failed(&t, ckv_rules[r].id))
				printf("    %-22s %s\n", ckv_rules[r].id,
				       cvt_detail(&t, ckv_rules[r].id));
		if (caps[i].none)
			assert_int_equal(cvt_count(&t, "vrrp"), 0);
		else
			assert_true(cvt_count(&t, "vrrp") > 0);
		for (int r = 0; caps[i].only && r < CKV__COUNT; r++)
			if (cvt_failed(&t, ckv_rules[r].id) &&
			    !listed(caps[i].fails, ckv_rules[r].id))
				fail_msg("%s: %s fails: %s", caps[i].file,
					 ckv_rules[r].id,
					 cvt_detail(&t, ckv_rules[r].id));
		for (int k = 0; caps[i].fails[k]; k++)
			if (!cvt_failed(&t, caps[i].fails[k]))
				fail_msg("%s: %s should fail", caps[i].file,
					 caps[i].fails[k]);
		for (int k = 0; caps[i].holds[k]; k++) {
			if (cvt_failed(&t, caps[i].holds[k]) ||
			    !cvt_checked(&t, caps[i].holds[k]))
				fail_msg("%s: %s should hold (checked %llu)",
					 caps[i].file, caps[i].holds[k],
					 (unsigned long long)cvt_checked(
						 &t, caps[i].holds[k]));
		}
		cvt_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_captures),
	};

	return cmocka_run_group_tests_name("ck_r_vrrp_cap", tests, NULL, NULL);
}
