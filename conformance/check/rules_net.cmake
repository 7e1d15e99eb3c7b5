# conf_rules_net: the "net" rule module of `failsim check` (ARP, ND, IPv4,
# IPv6, UDP, TCP and failsim's RBS channel): the rule table and dispatch
# (ck_r_net.c), network-layer rules (ck_r_net_l3.c), ND/UDP/TCP rules
# (ck_r_net_l4.c) and the TCP flow table that finds and reassembles RBS
# channels (ck_r_net_rbs.c). Codecs: sim_net, proto_tcp (tcp_seg),
# proto_rbs_pkt.
add_library(conf_rules_net STATIC ck_r_net.c ck_r_net_l3.c ck_r_net_l4.c
	ck_r_net_rbs.c)
target_link_libraries(conf_rules_net PUBLIC conf_report proto_tcp
	proto_rbs_pkt sim_net sim_core)

# Tests: per-packet rules on frames built with the simulator's encoders,
# RBS flows over TCP, and (with the capture reader) the real captures of
# ../shared/captures plus a mutation fuzz loop.
add_library(conf_rules_net_testutil STATIC ck_r_net_testutil.c)
target_link_libraries(conf_rules_net_testutil PUBLIC conf_rules_net
	PkgConfig::CMOCKA)
failsim_test(ck_r_net_test SOURCES ck_r_net_test.c
	LIBS conf_rules_net_testutil)
failsim_test(ck_r_net_rbs_test SOURCES ck_r_net_rbs_test.c
	LIBS conf_rules_net_testutil)
failsim_test(ck_r_net_fuzz_test SOURCES ck_r_net_fuzz_test.c
	LIBS conf_rules_net_testutil)
if(TARGET conf_check_core)
	failsim_test(ck_r_net_cap_test SOURCES ck_r_net_cap_test.c
		LIBS conf_rules_net_testutil conf_check_core sim_trace)
endif()
