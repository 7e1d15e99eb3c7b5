/*
 * The "pim" rule module alone over the real captures of
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
	{ "pim/PIM-SM_join_prune.pcap", "pim.hello-period", false },
	{ "pim/PIM-SM_join_prune.pcap", "pim.jp-period", false },
	{ "pim/PIM-SM_join_prune.pcap", "pim.csum", false },
	{ "pim/PIM-DM_pruning.pcap", "pim.dst", false },
	{ "pim/PIM_register_register-stop.pcap", "pim.register.csum-header",
	  false },
	{ "pim/pim-packet-assortment.pcap", "pim.register.csum-header", true },
	{ "pim/pim-packet-assortment.pcap", "pim.src-ll", true },
	{ "pim/pimv2-oobr-1.pcap", "pim.hello-options", true },
	{ "pim/PIMv2_bootstrap.pcap", "pim.ttl", false },
};

static void test_pim_captures(void **state)
{
	(void)state;
	ckc_captures(&ck_proto_pim, want, sizeof(want) / sizeof(want[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pim_captures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
