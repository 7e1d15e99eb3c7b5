# proto_pim_pkt: the PIMv2 message codec (RFC 7761 section 4.9 with RFC
# 5059, 3973 and 5015 types): decoding (pim_pkt.c), encoding
# (pim_pkt_enc.c), encoded addresses and checksum (pim_pkt_addr.c); tests:
# hand-built vectors, errors and round trips (pim_pkt_test), encoding,
# checksum and bounds (pim_pkt_enc_test), tshark (pim_pkt_wire_test) and
# the shared captures (pim_pkt_cap_test).
add_library(proto_pim_pkt STATIC pim_pkt.c pim_pkt_enc.c pim_pkt_addr.c)
target_link_libraries(proto_pim_pkt PUBLIC sim_net sim_core)

failsim_test(pim_pkt_test SOURCES pim_pkt_test.c LIBS proto_pim_pkt
	sim_net_testutil)
failsim_test(pim_pkt_enc_test SOURCES pim_pkt_enc_test.c LIBS proto_pim_pkt)
failsim_test(pim_pkt_wire_test SOURCES pim_pkt_wire_test.c
	LIBS proto_pim_pkt sim_trace)
failsim_test(pim_pkt_cap_test SOURCES pim_pkt_cap_test.c
	LIBS proto_pim_pkt sim_trace)
