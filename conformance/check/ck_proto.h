/*
 * The interface of a rule module of `failsim check` (one per protocol
 * family: net, vrrp, bfd, gmp, pim). The driver (ck_check.h) opens every
 * module for a run, hands each decoded frame to every module in order, and
 * closes them at the end of the capture, when per-flow rules over time
 * report what remains (e.g. a session that never came up). Modules keep
 * their own flow state; they report through ck_pass/ck_fail (ck.h) with
 * their own rule tables.
 */
#ifndef CK_PROTO_H
#define CK_PROTO_H

#include <stddef.h>

#include "conformance/check/ck_frame.h"
#include "conformance/report/ck.h"

struct ck_proto {
	const char *name; /* "vrrp" */
	const struct ck_rule *rules;
	size_t nrules;
	/* Flow state for one run, or NULL when the module keeps none (then
	 * st is NULL below). Failing to allocate: return NULL and set *err. */
	void *(*open)(struct ck_ctx *c, int *err);
	/* Every frame, in capture order. Must never read outside f->data. */
	void (*frame)(struct ck_ctx *c, void *st, const struct ck_frame *f);
	/* End of the capture: report flow rules still pending, free st. */
	void (*close)(struct ck_ctx *c, void *st);
};

/* The modules, each in its own file (ck_r_<name>.c). */
extern const struct ck_proto ck_proto_net;  /* ARP, ND, IPv4/6, UDP, TCP, RBS */
extern const struct ck_proto ck_proto_vrrp; /* VRRPv2/v3, GARP / NA */
extern const struct ck_proto ck_proto_bfd;  /* control, echo, auth */
extern const struct ck_proto ck_proto_gmp;  /* IGMPv1-3, MLDv1-2 */
extern const struct ck_proto ck_proto_pim;  /* PIMv2 */

#endif
