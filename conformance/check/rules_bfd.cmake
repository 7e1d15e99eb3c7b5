# conf_rules_bfd: the BFD rule module of `failsim check` (ck_proto_bfd):
# per-packet rules (ck_r_bfd.c), rules over time (ck_r_bfd_flow.c) and the
# Echo function (ck_r_bfd_echo.c). Decodes with proto_bfd's codec.
add_library(conf_rules_bfd STATIC
	${CMAKE_CURRENT_LIST_DIR}/ck_r_bfd.c
	${CMAKE_CURRENT_LIST_DIR}/ck_r_bfd_flow.c
	${CMAKE_CURRENT_LIST_DIR}/ck_r_bfd_echo.c)
target_link_libraries(conf_rules_bfd PUBLIC conf_report proto_bfd sim_net
	sim_core)

# The tests' harness: frames from the encoders or pcap files, fed to the
# module.
add_library(conf_rules_bfd_testutil STATIC
	${CMAKE_CURRENT_LIST_DIR}/ck_r_bfd_testutil.c)
target_link_libraries(conf_rules_bfd_testutil PUBLIC conf_rules_bfd
	PkgConfig::CMOCKA PkgConfig::PCAP)

failsim_test(ck_r_bfd_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/ck_r_bfd_test.c
	LIBS conf_rules_bfd_testutil)
failsim_test(ck_r_bfd_flow_test
	SOURCES ${CMAKE_CURRENT_LIST_DIR}/ck_r_bfd_flow_test.c
	LIBS conf_rules_bfd_testutil)
# The real captures of ../shared/captures/bfd and a mutation fuzz loop.
failsim_test(ck_r_bfd_cap_test
	SOURCES ${CMAKE_CURRENT_LIST_DIR}/ck_r_bfd_cap_test.c
	LIBS conf_rules_bfd_testutil sim_core PkgConfig::PCAP)
# failsim's own BFD (routers in a scenario) must pass every rule.
if(TARGET sim_run AND TARGET protocols)
	failsim_test(ck_r_bfd_sim_test
		SOURCES ${CMAKE_CURRENT_LIST_DIR}/ck_r_bfd_sim_test.c
		${CMAKE_CURRENT_LIST_DIR}/ck_rules_simtest.c LIBS conf_rules_bfd_testutil sim_run protocols PkgConfig::PCAP)
endif()
