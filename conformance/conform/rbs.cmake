# Suite "rbs": the remote backup service and hot backup (failsim's own
# protocol, protocols/rbs/README.md) on two- and three-router worlds
# (cf_rbs*.c), and their test (every case passes; wrong expectations make
# cases fail).
add_library(conf_suite_rbs STATIC cf_rbs.c cf_rbs_util.c cf_rbs_world.c
	cf_rbs_chan.c cf_rbs_hot.c)
target_link_libraries(conf_suite_rbs PUBLIC conf_conform_core proto_rbp
	proto_rbs proto_rbs_pkt proto_gmp_host proto_gmp_router
	proto_vrrp_router)

failsim_test(cf_rbs_test SOURCES cf_rbs_test.c LIBS conf_suite_rbs
	conf_conform_testutil)
