/*
 * The rule modules of `failsim check`, in the order they see each frame
 * (ck_check.h). No RFC is implemented here.
 */
#include "conformance/check/ck_check.h"

const struct ck_proto *const ck_check_protos[] = {
	&ck_proto_net,	/* ARP, ND, IPv4/6, UDP, TCP, RBS */
	&ck_proto_vrrp, /* VRRPv2/v3, GARP / unsolicited NA */
	&ck_proto_bfd,	/* BFD control, echo, authentication */
	&ck_proto_gmp,	/* IGMPv1-3, MLDv1-2 */
	&ck_proto_pim,	/* PIMv2 */
	NULL,
};
