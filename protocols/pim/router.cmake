# proto_pim_router: PIM-SM on routers (pim_router.c: module, engines,
# interfaces, membership; pim_router_io.c: the engine's ops, reception
# checks of RFC 7761 section 4.9, data punts; pim_cli.c: VRP commands;
# pim_display.c: displays). Built once the engine and the codec are.
if(TARGET proto_pim AND TARGET proto_pim_pkt AND TARGET proto_gmp_router)
	add_library(proto_pim_router STATIC pim_router.c pim_router_io.c
		pim_cli.c pim_display.c)
	target_link_libraries(proto_pim_router PUBLIC proto_pim proto_pim_pkt
		proto_gmp_router sim_router)

	# End-to-end tests on small router worlds.
	if(TARGET sim_router_testutil AND TARGET proto_gmp_host)
		failsim_test(pim_router_test SOURCES pim_router_test.c
			pim_router_test_cli.c pim_router_test_util.c
			LIBS proto_pim_router proto_gmp_host
			sim_router_testutil sim_trace)
	endif()
endif()
