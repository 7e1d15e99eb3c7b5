/*
 * The PIM-SM engine tests (RFC 7761): neighbors and DR election
 * (pim_test_nbr.c), Join/Prune (pim_test_jp.c), Register and the switch
 * to the SPT (pim_test_reg.c), Assert (pim_test_assert.c), on the
 * harness of pim_test_util.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "protocols/pim/pim_test_util.h"

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pt_test_hello_timing),
		cmocka_unit_test(pt_test_dr_election),
		cmocka_unit_test(pt_test_dr_no_priority),
		cmocka_unit_test(pt_test_nbr_holdtime),
		cmocka_unit_test(pt_test_genid_change),
		cmocka_unit_test(pt_test_goodbye),
		cmocka_unit_test(pt_test_ipv6_hello),
		cmocka_unit_test(pt_test_api),
		cmocka_unit_test(pt_test_star_join_dr),
		cmocka_unit_test(pt_test_periodic_join),
		cmocka_unit_test(pt_test_downstream_expiry),
		cmocka_unit_test(pt_test_prune_override),
		cmocka_unit_test(pt_test_rpt_prune),
		cmocka_unit_test(pt_test_ssm),
		cmocka_unit_test(pt_test_rpf_change),
		cmocka_unit_test(pt_test_upstream_reboot),
		cmocka_unit_test(pt_test_register),
		cmocka_unit_test(pt_test_register_probe),
		cmocka_unit_test(pt_test_keepalive),
		cmocka_unit_test(pt_test_spt_switch),
		cmocka_unit_test(pt_test_spt_never),
		cmocka_unit_test(pt_test_register_not_rp),
		cmocka_unit_test(pt_test_rp_first_hop),
		cmocka_unit_test(pt_test_assert_winner),
		cmocka_unit_test(pt_test_assert_timers),
		cmocka_unit_test(pt_test_assert_ignore),
		cmocka_unit_test(pt_test_assert_star),
		cmocka_unit_test(pt_test_assert_rpf),
		cmocka_unit_test(pt_test_join_suppression),
		cmocka_unit_test(pt_test_jp_checks),
		cmocka_unit_test(pt_test_nocache_hold),
		cmocka_unit_test(pt_test_ipv6_sm),
		cmocka_unit_test(pt_test_t_bit),
		cmocka_unit_test(pt_test_rp_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
