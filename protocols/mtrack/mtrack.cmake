# proto_mtrack: multicast track, VRRP-gated multicast forwarding on a
# router's service interfaces (mtrack.c: bindings, VRRP watches, gates;
# mtrack_cli.c: VRP commands and the display).
add_library(proto_mtrack STATIC mtrack.c mtrack_cli.c)
target_link_libraries(proto_mtrack PUBLIC proto_vrrp_router sim_router)

# End to end on scenario worlds: a VRRP pair over a receivers' LAN.
failsim_test(mtrack_test SOURCES mtrack_test.c
	LIBS proto_mtrack sim_run protocols)
