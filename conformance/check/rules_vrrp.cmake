# conf_rules_vrrp: the "vrrp" rule module of `failsim check` (VRRPv2 and
# VRRPv3 per packet and over time, gratuitous ARP / unsolicited NA after a
# Master change), decoding with the simulator's VRRP codec (proto_vrrp).
set(CKV_DIR ${CMAKE_CURRENT_LIST_DIR})
if(TARGET proto_vrrp)
	add_library(conf_rules_vrrp STATIC ${CKV_DIR}/ck_r_vrrp.c
		${CKV_DIR}/ck_r_vrrp_flow.c ${CKV_DIR}/ck_r_vrrp_ann.c)
	target_link_libraries(conf_rules_vrrp PUBLIC conf_report proto_vrrp
		sim_net)

	# Frame builders and the run harness shared by the tests.
	add_library(conf_rules_vrrp_testutil STATIC
		${CKV_DIR}/ck_r_vrrp_testutil.c)
	target_link_libraries(conf_rules_vrrp_testutil PUBLIC conf_rules_vrrp
		PkgConfig::PCAP PkgConfig::CMOCKA)

	failsim_test(ck_r_vrrp_test SOURCES ${CKV_DIR}/ck_r_vrrp_test.c
		LIBS conf_rules_vrrp_testutil)
	failsim_test(ck_r_vrrp_flow_test SOURCES ${CKV_DIR}/ck_r_vrrp_flow_test.c
		LIBS conf_rules_vrrp_testutil)
	failsim_test(ck_r_vrrp_cap_test SOURCES ${CKV_DIR}/ck_r_vrrp_cap_test.c
		LIBS conf_rules_vrrp_testutil)
	# failsim's own traces: a VRRP pair run through a scenario.
	if(TARGET sim_run AND TARGET protocols)
		failsim_test(ck_r_vrrp_sim_test SOURCES ${CKV_DIR}/ck_r_vrrp_sim_test.c
			${CKV_DIR}/ck_rules_simtest.c LIBS conf_rules_vrrp_testutil sim_run protocols)
	endif()
endif()
