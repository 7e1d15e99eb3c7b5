# proto_gmp_router: IGMP and MLD on routers (gmp_router.c: module, receive
# checks of RFC 3376 sections 4 and 9 / RFC 3810 section 5, transmit,
# forwarding; gmp_cli.c: VRP commands; gmp_display.c: displays).
add_library(proto_gmp_router STATIC gmp_router.c gmp_cli.c gmp_display.c)
target_link_libraries(proto_gmp_router PUBLIC proto_gmp sim_router)

# End-to-end tests on small router worlds; they need the core and codec.
if(TARGET proto_gmp AND TARGET proto_gmp_pkt AND TARGET sim_router_testutil)
	failsim_test(gmp_router_test SOURCES gmp_router_test.c
		gmp_router_test_rx.c gmp_router_test_cli.c gmp_router_test_util.c
		LIBS proto_gmp_router sim_router_testutil sim_trace)
endif()
