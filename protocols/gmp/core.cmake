# proto_gmp: the router-side group membership core, one implementation for
# IGMP and MLD (gmp.h): querier election and queries (gmp_query.c), group
# records and the RFC 3376 6.4 / RFC 3810 7.4 tables (gmp_group.c),
# reception (gmp_rx.c), import for hot backup (gmp_import.c), life cycle
# and read-out (gmp_if.c).
add_library(proto_gmp STATIC gmp_if.c gmp_query.c gmp_group.c gmp_rx.c
	gmp_import.c)
target_link_libraries(proto_gmp PUBLIC proto_gmp_pkt sim_node sim_net
	sim_core)

if(TARGET sim_node_testlib)
	failsim_test(gmp_test SOURCES gmp_test.c gmp_test_table.c
		gmp_test_compat.c gmp_test_api.c gmp_test_util.c
		LIBS proto_gmp sim_node_testlib)
endif()
