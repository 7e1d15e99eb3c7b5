# conf_check_main: the `failsim check` command (ck_main.c). The module
# table ck_check_protos it runs comes from ck_protos.c, linked by the
# failsim program; the test brings a table of its own (a fake module).
add_library(conf_check_main STATIC ${CMAKE_CURRENT_LIST_DIR}/ck_main.c)
target_link_libraries(conf_check_main PUBLIC conf_check_core)
failsim_test(ck_main_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/ck_main_test.c
	${CMAKE_CURRENT_LIST_DIR}/ck_cap_testutil.c LIBS conf_check_main)
