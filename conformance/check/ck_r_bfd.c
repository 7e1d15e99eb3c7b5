/*
 * The BFD rule module of `failsim check` (ck_proto_bfd): classifies UDP
 * packets by port (RFC 5881 section 4 single hop 3784 and Echo 3785, RFC
 * 5883 section 5 multihop 4784, RFC 7130 micro-BFD 6784, RFC 7881 S-BFD
 * 7784), decodes Control packets with the simulator's codec
 * (protocols/bfd/bfd_pkt.h) and applies the per-packet rules: the
 * reception checks of RFC 5880 section 6.8.6, the field definitions of
 * section 4.1, the authentication section lengths of sections 6.7.2-6.7.4,
 * the slow rate while not Up (6.8.3), TTL 255 and source ports (RFC 5881
 * sections 4 and 5) and authentication over multihop paths (RFC 5883
 * section 6). The rules over time are in ck_r_bfd_flow.c, the Echo
 * function in ck_r_bfd_echo.c. S-BFD packets get the basic header rules
 * only: RFC 7880 changes the session and discriminator rules.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "conformance/check/ck_r_bfd_int.h"

/* The quotes are verbatim; "[...]" marks text left out between them. */
const struct ck_rule ck_bfd_rules[CKB__COUNT] = {
	[CKB_VERSION] = {
		.id = "bfd.version", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.6",
		.quote = "If the version number is not correct (1), the packet "
			 "MUST be discarded.",
		.title = "Version is 1",
	},
	[CKB_LENGTH] = {
		.id = "bfd.length", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.6",
		.quote = "If the Length field is less than the minimum correct "
			 "value (24 if the A bit is clear, or 26 if the A bit "
			 "is set), the packet MUST be discarded. If the Length "
			 "field is greater than the payload of the "
			 "encapsulating protocol, the packet MUST be discarded.",
		.title = "Length at least 24 (26 with A) and within the UDP "
			 "payload",
	},
	[CKB_DETECT_MULT] = {
		.id = "bfd.detect-mult", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.6",
		.quote = "If the Detect Mult field is zero, the packet MUST be "
			 "discarded.",
		.title = "Detect Mult is not zero",
	},
	[CKB_MULTIPOINT] = {
		.id = "bfd.multipoint", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "4.1",
		.quote = "It MUST be zero on both transmit and receipt.",
		.title = "Multipoint (M) bit is zero",
	},
	[CKB_MY_DISC] = {
		.id = "bfd.my-disc", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.6",
		.quote = "If the My Discriminator field is zero, the packet "
			 "MUST be discarded.",
		.title = "My Discriminator is not zero",
	},
	[CKB_YOUR_DISC] = {
		.id = "bfd.your-disc", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.6",
		.quote = "If the Your Discriminator field is zero and the State "
			 "field is not Down or AdminDown, the packet MUST be "
			 "discarded.",
		.title = "Your Discriminator is zero only in Down and AdminDown",
	},
	[CKB_POLL_FINAL] = {
		.id = "bfd.poll-final", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.5",
		.quote = "A BFD Control packet MUST NOT have both the Poll (P) "
			 "and Final (F) bits set.",
		.title = "Poll and Final are not both set",
	},
	[CKB_AUTH] = {
		.id = "bfd.auth", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.7.2, 6.7.3, 6.7.4",
		.quote = "The Auth Len field MUST be set to the proper length "
			 "(4 to 19 bytes). [...] If the Auth Len field is not "
			 "equal to 24, the packet MUST be discarded. [...] If "
			 "the Auth Len field is not equal to 28, the packet "
			 "MUST be discarded.",
		.title = "Authentication section: a defined Auth Type, Auth Len "
			 "4-19 (password), 24 (MD5) or 28 (SHA1), within Length",
	},
	[CKB_TTL] = {
		.id = "bfd.ttl", .level = CK_MUST, .rfc = "RFC 5881",
		.section = "5",
		.quote = "If BFD authentication is not in use on a session, all "
			 "BFD Control packets for the session MUST be sent with "
			 "a Time to Live (TTL) or Hop Limit value of 255. [...] "
			 "If BFD authentication is in use on a session, all BFD "
			 "Control packets MUST be sent with a TTL or Hop Limit "
			 "value of 255.",
		.title = "Single hop and micro-BFD: TTL or Hop Limit 255",
	},
	[CKB_SRC_PORT] = {
		.id = "bfd.src-port", .level = CK_MUST, .rfc = "RFC 5881",
		.section = "4",
		.quote = "The source port MUST be in the range 49152 through "
			 "65535.",
		.title = "Control packets (single hop, multihop, micro-BFD) "
			 "from UDP source port 49152-65535",
	},
	[CKB_DOWN_TX] = {
		.id = "bfd.down-tx", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.3",
		.quote = "When bfd.SessionState is not Up, the system MUST set "
			 "bfd.DesiredMinTxInterval to a value of not less than "
			 "one second (1,000,000 microseconds).",
		.title = "Desired Min TX Interval at least 1 s while not Up",
	},
	[CKB_DIAG] = {
		.id = "bfd.diag", .level = CK_SHOULD, .rfc = "RFC 5880",
		.section = "4.1",
		.quote = "A diagnostic code specifying the local system's "
			 "reason for the last change in session state. Values "
			 "are: [...] 9-31 -- Reserved for future use",
		.title = "Diag is a defined code (0-8), not a reserved one",
	},
	[CKB_MULTIHOP_AUTH] = {
		.id = "bfd.multihop-auth", .level = CK_SHOULD,
		.rfc = "RFC 5883", .section = "6",
		.quote = "As such, implementations of BFD SHOULD utilize "
			 "cryptographic authentication over multihop paths to "
			 "help mitigate denial-of-service attacks.",
		.title = "Multihop sessions use MD5 or SHA1 authentication",
	},
	[CKB_SRC_PORT_STABLE] = {
		.id = "bfd.src-port-stable", .level = CK_MUST,
		.rfc = "RFC 5881", .section = "4",
		.quote = "The same UDP source port number MUST be used for all "
			 "BFD Control packets associated with a particular "
			 "session.",
		.title = "One UDP source port per session (a change after a "
			 "silence of a Detection Time is a new session)",
	},
	[CKB_TX_INTERVAL] = {
		.id = "bfd.tx-interval", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.7",
		.quote = "The periodic transmission of BFD Control packets MUST "
			 "be jittered on a per-packet basis by up to 25%, that "
			 "is, the interval MUST be reduced by a random value of "
			 "0 to 25%, in order to avoid self-synchronization with "
			 "other systems on the same subnetwork. [...] If "
			 "bfd.DetectMult is equal to 1, the interval between "
			 "transmitted BFD Control packets MUST be no more than "
			 "90% of the negotiated transmission interval, and MUST "
			 "be no less than 75% of the negotiated transmission "
			 "interval.",
		.title = "Up: periodic packets 75-100% (75-90% with Detect Mult "
			 "1) of max(Desired Min TX, peer's Required Min RX), "
			 "tolerance 0.5 ms + 2%",
	},
	[CKB_DETECT_TIMEOUT] = {
		.id = "bfd.detect-timeout", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.4",
		.quote = "If Demand mode is not active, and a period of time "
			 "equal to the Detection Time passes without receiving "
			 "a BFD Control packet from the remote system, and "
			 "bfd.SessionState is Init or Up, the session has gone "
			 "down -- the local system MUST set bfd.SessionState to "
			 "Down and bfd.LocalDiag to 1 (Control Detection Time "
			 "Expired).",
		.title = "A peer silent for its Detect Mult x the agreed "
			 "interval is declared Down (tolerance 2 ms or 10%)",
	},
	[CKB_STATE] = {
		.id = "bfd.state-transition", .level = CK_MUST,
		.rfc = "RFC 5880", .section = "6.2, 6.8.6",
		.quote = "When a BFD Control packet is received, the following "
			 "procedure MUST be followed, in the order specified. "
			 "[...] If that packet signals Down state, the session "
			 "advances to Init state; if that packet signals Init "
			 "state, the session advances to Up state.",
		.title = "State changes follow the state machine and what the "
			 "peer sent (no Up->Init, no AdminDown->Init/Up)",
	},
	[CKB_YOUR_DISC_MATCH] = {
		.id = "bfd.your-disc-match", .level = CK_MUST,
		.rfc = "RFC 5880", .section = "6.8.6, 6.8.7",
		.quote = "Set bfd.RemoteDiscr to the value of My Discriminator. "
			 "[...] The contents of transmitted BFD Control packets "
			 "MUST be set as follows: [...] Your Discriminator Set "
			 "to bfd.RemoteDiscr.",
		.title = "Init and Up: Your Discriminator is the peer's My "
			 "Discriminator",
	},
	[CKB_POLL_RESPONSE] = {
		.id = "bfd.poll-response", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.7",
		.quote = "If a BFD Control packet is received with the Poll (P) "
			 "bit set to 1, the receiving system MUST transmit a BFD "
			 "Control packet with the Poll (P) bit clear and the "
			 "Final (F) bit set as soon as practicable, without "
			 "respect to the transmission timer or any other "
			 "transmission limitations, without respect to the "
			 "session state, and without respect to whether Demand "
			 "mode is active on either system.",
		.title = "A Poll is answered with Final within the responder's "
			 "Desired Min TX Interval (+2 ms)",
	},
	[CKB_FINAL_NO_POLL] = {
		.id = "bfd.final-no-poll", .level = CK_SHOULD,
		.rfc = "RFC 5880", .section = "4.1",
		.quote = "If set, the transmitting system is responding to a "
			 "received BFD Control packet that had the Poll (P) bit "
			 "set.",
		.title = "Final only in answer to a Poll",
	},
	[CKB_AUTH_SEQ] = {
		.id = "bfd.auth-seq", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.7.3, 6.7.4",
		.quote = "For Meticulous Keyed MD5, bfd.XmitAuthSeq MUST be "
			 "incremented in a circular fashion (when treated as an "
			 "unsigned 32-bit value).",
		.title = "Meticulous MD5/SHA1: the sequence number advances on "
			 "every packet",
	},
	[CKB_AUTH_SEQ_KEYED] = {
		.id = "bfd.auth-seq-keyed", .level = CK_MUST,
		.rfc = "RFC 5880", .section = "6.7.3, 6.7.4",
		.quote = "For Keyed MD5, if the sequence number lies outside of "
			 "the range of bfd.RcvAuthSeq to "
			 "bfd.RcvAuthSeq+(3*Detect Mult) inclusive (when "
			 "treated as an unsigned 32-bit circular number space), "
			 "the received packet MUST be discarded.",
		.title = "Keyed MD5/SHA1: the sequence number never goes back "
			 "(the peer would discard the packet)",
	},
	[CKB_ECHO_UP] = {
		.id = "bfd.echo-up", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.9",
		.quote = "BFD Echo packets MUST NOT be transmitted when "
			 "bfd.SessionState is not Up.",
		.title = "Echo packets only while the sender's session is Up",
	},
	[CKB_ECHO_ALLOWED] = {
		.id = "bfd.echo-allowed", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.9",
		.quote = "BFD Echo packets MUST NOT be transmitted unless the "
			 "last BFD Control packet received from the remote "
			 "system contains a nonzero value in Required Min Echo "
			 "RX Interval.",
		.title = "Echo packets only when the peer advertises a nonzero "
			 "Required Min Echo RX Interval",
	},
	[CKB_ECHO_INTERVAL] = {
		.id = "bfd.echo-interval", .level = CK_MUST, .rfc = "RFC 5880",
		.section = "6.8.9",
		.quote = "The interval between transmitted BFD Echo packets "
			 "MUST NOT be less than the value advertised by the "
			 "remote system in Required Min Echo RX Interval, "
			 "except as follows: A 25% jitter MAY be applied to the "
			 "rate of transmission, such that the actual interval "
			 "MAY be between 75% and 100% of the advertised value. "
			 "A single BFD Echo packet MAY be transmitted between "
			 "normally scheduled Echo transmission intervals.",
		.title = "Echo packets at least 75% of the peer's Required Min "
			 "Echo RX apart, one extra per interval (tolerance "
			 "0.5 ms)",
	},
	[CKB_ECHO_SRC] = {
		.id = "bfd.echo-src", .level = CK_SHOULD, .rfc = "RFC 5881",
		.section = "4",
		.quote = "In particular, the source address SHOULD NOT be part "
			 "of the subnet bound to the interface over which the "
			 "BFD Echo packet is being transmitted, and it SHOULD "
			 "NOT be an IPv6 link-local address, unless it is known "
			 "by other means that the remote system will not send "
			 "Redirects.",
		.title = "Echo source is not an IPv6 link-local address",
	},
};

/* ---- formatting for details ---- */

struct ckb_str ckb_time(sim_time_t ns)
{
	struct ckb_str r;
	int64_t v = ns < 0 ? -ns : ns;
	const char *sign = ns < 0 ? "-" : "";

	if (v >= SIM_S(1))
		snprintf(r.s, sizeof(r.s), "%s%" PRId64 ".%03" PRId64 " s",
			 sign, v / SIM_S(1), v % SIM_S(1) / SIM_MS(1));
	else if (v >= SIM_MS(1))
		snprintf(r.s, sizeof(r.s), "%s%" PRId64 ".%03" PRId64 " ms",
			 sign, v / SIM_MS(1), v % SIM_MS(1) / SIM_US(1));
	else
		snprintf(r.s, sizeof(r.s), "%s%" PRId64 " us", sign,
			 v / SIM_US(1));
	return r;
}

struct ckb_str ckb_addr(const struct net_addr *a)
{
	struct ckb_str r;

	net_addr_fmt(a, r.s, sizeof(r.s));
	return r;
}

const char *ckb_state(uint8_t s)
{
	return bfd_state_name((enum bfd_state)s);
}

/* ---- classification ---- */

/* By destination port; a response from an S-BFD reflector by source. */
static enum ckb_kind ckb_classify(uint16_t sport, uint16_t dport)
{
	switch (dport) {
	case BFD_PORT_SINGLE:
		return CKB_K_SINGLE;
	case BFD_PORT_MULTI:
		return CKB_K_MULTI;
	case CKB_PORT_MICRO:
		return CKB_K_MICRO;
	case CKB_PORT_SBFD:
		return CKB_K_SBFD_INIT;
	case BFD_PORT_ECHO:
		return CKB_K_ECHO;
	default:
		break;
	}
	return sport == CKB_PORT_SBFD ? CKB_K_SBFD_REFL : CKB_K_NONE;
}

static bool ckb_is_sbfd(enum ckb_kind k)
{
	return k == CKB_K_SBFD_INIT || k == CKB_K_SBFD_REFL;
}

/* ---- per-packet rules ---- */

/*
 * The encapsulation: RFC 5881 section 5 (TTL 255 on single hop; micro-BFD
 * members are single hop, RFC 7130 section 2) and section 4 (source port
 * range, which RFC 5883 section 5 keeps for multihop). S-BFD is left out.
 * False when the receiver must discard the packet (the TTL, section 5).
 */
static bool ckb_encap(struct ck_ctx *c, const struct ck_frame *f,
		      enum ckb_kind kind)
{
	const struct net_pkt_info *pi = &f->pi;
	bool ok = true;

	if (kind == CKB_K_SINGLE || kind == CKB_K_MICRO)
		ok = ck_expect(c, CKB_R(TTL), pi->ttl == CKB_TTL_SINGLE_HOP,
			       f->no, f->t, "%s %u on a single-hop packet",
			       pi->af == NET_AF_IP6 ? "Hop Limit" : "TTL",
			       pi->ttl);
	if (kind == CKB_K_SINGLE || kind == CKB_K_MULTI || kind == CKB_K_MICRO)
		ck_expect(c, CKB_R(SRC_PORT), pi->udp.sport >= BFD_SRC_PORT_MIN,
			  f->no, f->t, "source port %u, outside 49152-65535",
			  pi->udp.sport);
	return ok;
}

/*
 * The codec's well-formedness verdict (section 6.8.6 version and length,
 * sections 6.7.2-6.7.4 authentication section), one rule per reason.
 * True when the packet decoded.
 */
static bool ckb_codec(struct ck_ctx *c, const struct ck_frame *f,
		      enum bfd_pkt_err e, const struct bfd_ctrl *b)
{
	size_t len = f->pi.payload ? f->pi.payload_len : 0;

	if (e != BFD_PKT_E_SHORT && e != BFD_PKT_E_VERSION)
		ck_pass(c, CKB_R(VERSION));
	switch (e) {
	case BFD_PKT_OK:
		ck_pass(c, CKB_R(LENGTH));
		if (b->auth_present)
			ck_pass(c, CKB_R(AUTH));
		return true;
	case BFD_PKT_E_SHORT:
		ck_fail(c, CKB_R(LENGTH), f->no, f->t,
			"UDP payload %zu bytes, shorter than the 24-byte "
			"mandatory section",
			len);
		break;
	case BFD_PKT_E_VERSION:
		ck_fail(c, CKB_R(VERSION), f->no, f->t, "version %u",
			b->version);
		break;
	case BFD_PKT_E_LENGTH:
		ck_fail(c, CKB_R(LENGTH), f->no, f->t,
			"Length %u (minimum %u with the A bit %s), UDP payload "
			"%zu bytes",
			b->length, b->auth_present ? 26u : 24u,
			b->auth_present ? "set" : "clear", len);
		break;
	case BFD_PKT_E_AUTH_SHORT:
	case BFD_PKT_E_AUTH_LEN:
	case BFD_PKT_E_AUTH_TYPE:
		ck_pass(c, CKB_R(LENGTH));
		ck_fail(c, CKB_R(AUTH), f->no, f->t,
			"%s: Auth Type %u (%s), Auth Len %u, Length %u",
			bfd_pkt_err_name(e), b->auth.type,
			bfd_auth_name((enum bfd_auth_type)b->auth.type),
			b->auth.len, b->length);
		break;
	default:
		ck_fail(c, CKB_R(LENGTH), f->no, f->t, "codec: %s",
			bfd_pkt_err_name(e));
		break;
	}
	return false;
}

static bool ckb_down_state(uint8_t s)
{
	return s == BFD_STATE_DOWN || s == BFD_STATE_ADMIN_DOWN;
}

static bool ckb_crypto_auth(const struct bfd_ctrl *b)
{
	return b->auth_present && b->auth.type >= BFD_AUTH_KEYED_MD5 &&
	       b->auth.type <= BFD_AUTH_METICULOUS_SHA1;
}

/*
 * The field rules of a decoded packet. False when the receiver must
 * discard it (section 6.8.6): the flow rules then treat it as sent but
 * not received by the peer.
 */
static bool ckb_fields(struct ck_ctx *c, const struct ck_frame *f,
		       enum ckb_kind kind, const struct bfd_ctrl *b)
{
	bool ok = true;

	/* Section 6.8.6, in its order. */
	ok &= ck_expect(c, CKB_R(DETECT_MULT), b->detect_mult != 0, f->no, f->t,
			"Detect Mult 0");
	/* Section 4.1: M "MUST be zero on both transmit and receipt". */
	ok &= ck_expect(c, CKB_R(MULTIPOINT), !b->multipoint, f->no, f->t,
			"Multipoint (M) bit set");
	ok &= ck_expect(c, CKB_R(MY_DISC), b->my_disc != 0, f->no, f->t,
			"My Discriminator 0");
	ok &= ck_expect(c, CKB_R(YOUR_DISC),
			b->your_disc != 0 || ckb_down_state(b->state), f->no,
			f->t, "Your Discriminator 0 in state %s",
			ckb_state(b->state));
	/* Section 6.5 (a sender's rule: receivers do not discard). */
	ck_expect(c, CKB_R(POLL_FINAL), !(b->poll && b->final), f->no, f->t,
		  "Poll and Final both set");
	/* Section 4.1: 9-31 are reserved (no MUST: a SHOULD rule). */
	ck_expect(c, CKB_R(DIAG), b->diag < BFD_DIAG__COUNT, f->no, f->t,
		  "Diag %u is reserved", b->diag);
	/* Section 6.8.3; S-BFD reflectors follow RFC 7880 instead. */
	if (!ckb_is_sbfd(kind) && b->state != BFD_STATE_UP)
		ck_expect(c, CKB_R(DOWN_TX),
			  b->desired_min_tx_us >= CKB_SLOW_TX_US, f->no, f->t,
			  "Desired Min TX %s in state %s (at least 1 s)",
			  ckb_time((sim_time_t)b->desired_min_tx_us * 1000).s,
			  ckb_state(b->state));
	/* RFC 5883 section 6: cryptographic authentication is MD5/SHA1. */
	if (kind == CKB_K_MULTI)
		ck_expect(c, CKB_R(MULTIHOP_AUTH), ckb_crypto_auth(b), f->no,
			  f->t, "multihop packet with %s authentication",
			  b->auth_present
				  ? bfd_auth_name(
					    (enum bfd_auth_type)b->auth.type)
				  : "no");
	return ok;
}

/* ---- the module ---- */

static void *ckb_open(struct ck_ctx *c, int *err)
{
	struct ckb_st *st = calloc(1, sizeof(*st));

	(void)c;
	if (!st && err)
		*err = ENOMEM;
	return st;
}

static void ckb_frame(struct ck_ctx *c, void *arg, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	struct ckb_st *st = arg;
	enum ckb_kind kind;
	struct bfd_ctrl b;
	enum bfd_pkt_err e;
	bool valid;

	if (!net_pkt_has(pi, NET_LAYER_UDP))
		return;
	kind = ckb_classify(pi->udp.sport, pi->udp.dport);
	if (kind == CKB_K_NONE)
		return;
	if (kind == CKB_K_ECHO) {
		ck_count(c, "bfd echo", 1);
		if (st)
			ckb_echo(c, st, f);
		return;
	}
	ck_count(c, "bfd", 1);
	valid = ckb_encap(c, f, kind);
	/* An empty UDP payload may come without a pointer. */
	e = bfd_pkt_decode(pi->payload ? pi->payload : (const uint8_t *)"",
			   pi->payload ? pi->payload_len : 0, &b);
	if (!ckb_codec(c, f, e, &b)) {
		ck_count(c, "bfd undecodable", 1);
		return;
	}
	valid &= ckb_fields(c, f, kind, &b);
	if (ckb_is_sbfd(kind)) {
		ck_count(c, "bfd s-bfd", 1);
		return;
	}
	if (st)
		ckb_flow_control(c, st, f, kind, &b, valid);
}

static void ckb_close(struct ck_ctx *c, void *arg)
{
	struct ckb_st *st = arg;

	if (!st)
		return;
	if (st->ndirs > 0)
		ck_fact(c, "bfd directions", "%zu", st->ndirs);
	if (st->polls_answered > 0)
		ck_fact(c, "bfd poll/final", "%" PRIu64 " answered, slowest %s",
			st->polls_answered, ckb_time(st->poll_rt_max).s);
	ckb_st_free(st);
}

const struct ck_proto ck_proto_bfd = {
	.name = "bfd",
	.rules = ck_bfd_rules,
	.nrules = CKB__COUNT,
	.open = ckb_open,
	.frame = ckb_frame,
	.close = ckb_close,
};
