# proto_pim: the PIM-SM protocol engine (pim.h): instance and interfaces
# (pim.c), Hello, neighbors and DR election (pim_nbr.c), the TIB
# (pim_tib.c) and its macros (pim_macros.c), RP mapping and RPF
# (pim_rp.c), Join/Prune downstream (pim_jp_down.c), upstream
# (pim_jp_up.c) and transmission (pim_jp_tx.c), Register (pim_register.c),
# data events, keepalive, SPT switch and programming (pim_data.c), Assert
# (pim_assert.c) and read-out (pim_info.c).
if(TARGET proto_pim_pkt)
	add_library(proto_pim STATIC pim.c pim_nbr.c pim_tib.c pim_macros.c
		pim_rp.c pim_jp_down.c pim_jp_up.c pim_jp_tx.c pim_register.c
		pim_data.c pim_assert.c pim_info.c)
	target_link_libraries(proto_pim PUBLIC proto_pim_pkt sim_node sim_net
		sim_core)

	if(TARGET sim_node_testlib)
		failsim_test(pim_test SOURCES pim_test.c pim_test_util.c
			pim_test_nbr.c pim_test_jp.c pim_test_reg.c
			pim_test_assert.c
			LIBS proto_pim sim_node_testlib)
	endif()
endif()
