# conf_check: the full module table (ck_protos.c) with every rule module;
# the failsim command links conf_check_main (the command) before it.
add_library(conf_check STATIC ck_protos.c)
target_link_libraries(conf_check PUBLIC conf_check_core
	conf_rules_net conf_rules_vrrp conf_rules_bfd conf_rules_gmp
	conf_rules_pim)

# The real captures of ../shared/captures against captures.list.
failsim_test(ck_captures_test SOURCES ck_captures_test.c LIBS conf_check)
# failsim's own traces against the golden reports in traces/.
failsim_test(ck_golden_test SOURCES ck_golden_test.c LIBS conf_check sim_run
	protocols)
