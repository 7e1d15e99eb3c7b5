# proto_gmp_snoop: IGMP/MLD snooping on the L2 switch (gmp_snoop.c; RFC
# 4541 sections 2 and 3), a node module hooked into the switch's multicast
# forwarding.
add_library(proto_gmp_snoop STATIC gmp_snoop.c)
target_link_libraries(proto_gmp_snoop PUBLIC proto_gmp_pkt sim_node)

failsim_test(gmp_snoop_test SOURCES gmp_snoop_test.c
	LIBS proto_gmp_snoop sim_node_testlib)
