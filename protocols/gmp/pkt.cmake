# proto_gmp_pkt: the IGMP/MLD message codec (gmp_pkt.c; RFC 1112, 2236,
# 3376 section 4, RFC 2710 section 3, RFC 3810 section 5) and its tests:
# hand-built vectors and round trips (gmp_pkt_test), tshark and the shared
# captures (gmp_pkt_wire_test).
add_library(proto_gmp_pkt STATIC gmp_pkt.c)
target_link_libraries(proto_gmp_pkt PUBLIC sim_net sim_core)

failsim_test(gmp_pkt_test SOURCES gmp_pkt_test.c LIBS proto_gmp_pkt
	sim_net_testutil)
failsim_test(gmp_pkt_wire_test SOURCES gmp_pkt_wire_test.c
	LIBS proto_gmp_pkt sim_trace)
