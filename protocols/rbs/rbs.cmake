# proto_rbs_pkt: the RBS wire format (rbs_pkt.c: codec; rbs_stream.c:
# message reassembly from the TCP byte stream). No state; the conformance
# checker may use it alone.
add_library(proto_rbs_pkt STATIC rbs_pkt.c rbs_stream.c)
target_link_libraries(proto_rbs_pkt PUBLIC sim_net sim_core)

failsim_test(rbs_pkt_test SOURCES rbs_pkt_test.c LIBS proto_rbs_pkt
	sim_net_testutil)

# proto_rbs: remote backup services on routers (rbs_svc.c: services,
# configuration, BFD tracking, the module; rbs_chan.c: the TCP channel;
# rbs_cli.c, rbs_display.c: VRP commands and the display).
add_library(proto_rbs STATIC rbs_svc.c rbs_chan.c rbs_cli.c rbs_display.c)
target_link_libraries(proto_rbs PUBLIC proto_rbs_pkt proto_tcp_router
	proto_bfd_router sim_router)

# Channels between two routers on a direct link (router_testutil worlds).
failsim_test(rbs_test SOURCES rbs_test.c rbs_test_util.c
	LIBS proto_rbs sim_router_testutil sim_trace)
failsim_test(rbs_test_chan SOURCES rbs_test_chan.c rbs_test_util.c
	LIBS proto_rbs sim_router_testutil sim_trace)
