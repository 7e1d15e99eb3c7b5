# The "bfd" conformance suite (cf_bfd*.c): RFC 5880 / RFC 5881 cases run
# against one failsim router, and its test.
add_library(conf_suite_bfd STATIC cf_bfd.c cf_bfd_util.c cf_bfd_fsm.c
	cf_bfd_admin.c cf_bfd_timer.c cf_bfd_poll.c cf_bfd_rx.c)
target_link_libraries(conf_suite_bfd PUBLIC conf_conform_core
	proto_bfd_router proto_bfd)
failsim_test(cf_bfd_test SOURCES cf_bfd_test.c LIBS conf_suite_bfd
	conf_conform_testutil)
