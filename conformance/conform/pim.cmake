# Suite "pim": PIM-SM (RFC 7761) behavioural cases on one failsim router
# between two probes (cf_pim*.c), and their test (every case passes;
# wrong expectations make cases fail).
add_library(conf_suite_pim STATIC cf_pim.c cf_pim_util.c cf_pim_nbr.c
	cf_pim_jp.c cf_pim_reg.c cf_pim_assert.c cf_pim_lan.c cf_pim_rx.c)
target_link_libraries(conf_suite_pim PUBLIC conf_conform_core
	proto_pim_router proto_pim proto_pim_pkt)

failsim_test(cf_pim_test SOURCES cf_pim_test.c LIBS conf_suite_pim
	conf_conform_testutil)
