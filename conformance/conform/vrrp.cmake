# The "vrrp" conformance suite (cf_vrrp*.c): VRRPv2 (RFC 3768) and VRRPv3
# for IPv4 and IPv6 (RFC 5798) behaviour of failsim's VRRP, at least the
# coverage of the UNH-IOL VRRP Operations test suite.
add_library(conf_suite_vrrp STATIC cf_vrrp.c cf_vrrp_util.c cf_vrrp_state.c
	cf_vrrp_param.c cf_vrrp_tx.c cf_vrrp_rx.c cf_vrrp_l2.c)
target_link_libraries(conf_suite_vrrp PUBLIC conf_conform_core
	proto_vrrp_router proto_vrrp proto_tcp)
failsim_test(cf_vrrp_test SOURCES cf_vrrp_test.c LIBS conf_suite_vrrp
	conf_conform_testutil)
