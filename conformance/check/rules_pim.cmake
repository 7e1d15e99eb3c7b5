# conf_rules_pim: the "pim" rule module of `failsim check`, PIMv2 of every
# type (RFC 7761 4.9, RFC 5059, RFC 3973, RFC 5015): rule table and
# per-packet rules (ck_r_pim.c), per-flow rules (ck_r_pim_flow.c). The
# bounded flow table conf_rules_ftab is defined by rules_gmp.cmake, or
# here when that part is absent. Tests: every rule on built frames, the
# timing rules on both sides of each tolerance, a mutation fuzz loop, the
# shared captures (skipped when absent).
if(NOT TARGET conf_rules_ftab)
	add_library(conf_rules_ftab STATIC ck_r_gmp_ftab.c)
endif()
add_library(conf_rules_pim STATIC ck_r_pim.c ck_r_pim_flow.c)
target_link_libraries(conf_rules_pim PUBLIC conf_rules_ftab conf_report
	proto_pim_pkt sim_net sim_core)
failsim_test(ck_r_pim_test SOURCES ck_r_pim_test.c ck_r_pim_testutil.c
	ck_r_gmp_testutil.c
	LIBS conf_rules_pim)
failsim_test(ck_r_pim_flow_test SOURCES ck_r_pim_flow_test.c
	ck_r_pim_testutil.c ck_r_gmp_testutil.c LIBS conf_rules_pim)
failsim_test(ck_r_pim_cap_test SOURCES ck_r_pim_cap_test.c
	ck_rules_captest.c LIBS conf_rules_pim conf_check_core)
