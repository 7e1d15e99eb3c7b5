# proto_gmp_host: the host side of IGMP/MLD (simulated receivers): the
# v1/v2 group state machine (RFC 2236 section 6, RFC 2710 section 5), v3
# state-change reports and query answers (RFC 3376 section 5, RFC 3810
# section 6), older-version querier compatibility.
add_library(proto_gmp_host STATIC
	gmp_host.c
	gmp_host_v12.c
	gmp_host_v3.c
	gmp_host_tx.c
)
target_link_libraries(proto_gmp_host PUBLIC proto_gmp_pkt sim_node)

add_library(proto_gmp_host_testutil STATIC gmp_host_testutil.c)
target_link_libraries(proto_gmp_host_testutil PUBLIC proto_gmp_host
	sim_node_testlib sim_trace)

failsim_test(gmp_host_test SOURCES gmp_host_test.c
	LIBS proto_gmp_host_testutil)
failsim_test(gmp_host_v3_test SOURCES gmp_host_v3_test.c
	LIBS proto_gmp_host_testutil)
failsim_test(gmp_host_mld_test SOURCES gmp_host_mld_test.c
	LIBS proto_gmp_host_testutil)
