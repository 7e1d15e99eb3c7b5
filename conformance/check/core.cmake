# conf_check_core: the capture reader (ck_cap.c), the driver running the
# rule modules over a capture (ck_check.c) and the interop quirks
# (ck_quirk.c). The tests write captures of every supported link type.
set(CK_CORE_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(conf_check_core STATIC ${CK_CORE_DIR}/ck_cap.c
	${CK_CORE_DIR}/ck_check.c ${CK_CORE_DIR}/ck_quirk.c)
target_link_libraries(conf_check_core PUBLIC conf_report sim_net sim_core
	PkgConfig::PCAP)
failsim_test(ck_cap_test SOURCES ${CK_CORE_DIR}/ck_cap_test.c
	${CK_CORE_DIR}/ck_cap_testutil.c LIBS conf_check_core)
failsim_test(ck_check_test SOURCES ${CK_CORE_DIR}/ck_check_test.c
	${CK_CORE_DIR}/ck_cap_testutil.c LIBS conf_check_core sim_trace)
