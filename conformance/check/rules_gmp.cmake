# conf_rules_ftab: the bounded flow table of the gmp and pim rule modules
# (ck_r_gmp_ftab.c). conf_rules_gmp: the "gmp" rule module of `failsim
# check`, IGMPv1-3 and MLDv1-2 (RFC 1112, 2236, 3376, 2710, 3810): rule
# table (ck_r_gmp_rules.c), per-packet rules (ck_r_gmp.c), per-flow rules
# (ck_r_gmp_flow.c); tests: every rule on built frames, timing rules on
# both sides of each tolerance, a mutation fuzz loop, and the shared
# captures (skipped when absent).
if(NOT TARGET conf_rules_ftab)
	add_library(conf_rules_ftab STATIC ck_r_gmp_ftab.c)
endif()
add_library(conf_rules_gmp STATIC ck_r_gmp.c ck_r_gmp_rules.c
	ck_r_gmp_flow.c)
target_link_libraries(conf_rules_gmp PUBLIC conf_rules_ftab conf_report
	proto_gmp_pkt sim_net sim_core)
failsim_test(ck_r_gmp_ftab_test SOURCES ck_r_gmp_ftab_test.c
	LIBS conf_rules_ftab)
failsim_test(ck_r_gmp_test SOURCES ck_r_gmp_test.c ck_r_gmp_testutil.c
	ck_r_gmp_testmsg.c
	LIBS conf_rules_gmp)
failsim_test(ck_r_gmp_flow_test SOURCES ck_r_gmp_flow_test.c
	ck_r_gmp_testutil.c ck_r_gmp_testmsg.c LIBS conf_rules_gmp)
failsim_test(ck_r_gmp_cap_test SOURCES ck_r_gmp_cap_test.c
	ck_rules_captest.c LIBS conf_rules_gmp conf_check_core)
