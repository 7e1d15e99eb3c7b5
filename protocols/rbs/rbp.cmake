# proto_rbp: remote backup profiles, hot backup of IGMP/MLD entries over a
# remote backup service (rbp.c: profiles, bindings, roles, services, the
# module; rbp_sync.c: what the Master sends; rbp_install.c: what the
# Backup installs; rbp_cli.c, rbp_display.c: VRP commands and the display).
add_library(proto_rbp STATIC rbp.c rbp_sync.c rbp_install.c rbp_cli.c
	rbp_display.c)
target_link_libraries(proto_rbp PUBLIC proto_rbs proto_gmp_router
	proto_vrrp_router proto_pim_router sim_router)

# Scenario worlds: a VRRP pair over a receivers' LAN, the channel a
# stand-in (rbp_test.c, rbp_test_cli.c) or the real service over TCP
# (rbp_test_rbs.c); rbp_test_util.c builds them.
failsim_test(rbp_test SOURCES rbp_test.c rbp_test_cli.c rbp_test_rbs.c
	rbp_test_util.c LIBS proto_rbp sim_run protocols)
