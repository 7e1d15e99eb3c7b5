# The "igmp" and "mld" conformance suites (cf_gmp*.c: one set of case
# bodies, two suite tables) run against one failsim router, and their
# test.
add_library(conf_suite_gmp STATIC cf_gmp.c cf_gmp_util.c cf_gmp_query.c
	cf_gmp_group.c cf_gmp_v3.c cf_gmp_rx.c)
target_link_libraries(conf_suite_gmp PUBLIC conf_conform_core
	proto_gmp_router proto_gmp proto_gmp_pkt)
failsim_test(cf_gmp_test SOURCES cf_gmp_test.c LIBS conf_suite_gmp
	conf_conform_testutil)
