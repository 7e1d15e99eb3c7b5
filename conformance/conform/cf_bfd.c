/*
 * The "bfd" conformance suite: Bidirectional Forwarding Detection (RFC
 * 5880) over single-hop IPv4 (RFC 5881) on one failsim router, against a
 * probe that plays the remote system. Each entry names the RFC sentence
 * it enforces, quoted verbatim (pseudocode lines of RFC 5880 section
 * 6.8.6 are joined with " / "); the cases are in cf_bfd_fsm.c (state
 * machine, Detection Time), cf_bfd_admin.c (slow rate, AdminDown, remote
 * Demand mode, encapsulation), cf_bfd_timer.c (intervals, jitter, Poll
 * answers), cf_bfd_poll.c (Poll Sequences and deferred timer changes)
 * and cf_bfd_rx.c (discards). failsim implements neither Demand mode of
 * its own nor the Echo function (protocols/bfd/README.md): there is no
 * case for them beyond how the DUT treats a peer's Demand mode.
 */
#include "conformance/conform/cf_bfd_int.h"

#define R5880 "RFC 5880"
#define R5881 "RFC 5881"

#define CASE(i, lvl, doc, sec, q, t, fn)                                       \
	{                                                                      \
		.rule = { .id = (i),                                           \
			  .level = (lvl),                                      \
			  .rfc = (doc),                                        \
			  .section = (sec),                                    \
			  .quote = (q),                                        \
			  .title = (t) },                                      \
		.run = (fn)                                                    \
	}

#define Q_DETECT                                                               \
	"If Demand mode is not active, and a period of time equal to the "     \
	"Detection Time passes without receiving a BFD Control packet from "   \
	"the remote system, and bfd.SessionState is Init or Up, the session "  \
	"has gone down -- the local system MUST set bfd.SessionState to Down " \
	"and bfd.LocalDiag to 1 (Control Detection Time Expired)."
#define Q_POLL_CHANGE                                                          \
	"If either bfd.DesiredMinTxInterval is changed or "                    \
	"bfd.RequiredMinRxInterval is changed, a Poll Sequence MUST be "       \
	"initiated (see section 6.5)."

static const struct cf_case bfd_cases[] = {
	/* ---- state machine (cf_bfd_fsm.c) ---- */
	CASE("bfd.fsm-down-init", CK_MUST, R5880, "6.8.6",
	     "If bfd.SessionState is Down / If received State is Down / Set "
	     "bfd.SessionState to Init",
	     "Down + received Down: Init at once, and the next packet says "
	     "Init",
	     cf_bfd_case_down_init),
	CASE("bfd.fsm-init-up", CK_MUST, R5880, "6.8.6",
	     "Else if bfd.SessionState is Init / If received State is Init or "
	     "Up / Set bfd.SessionState to Up",
	     "Init + received Init or Up: Up at once", cf_bfd_case_init_up),
	CASE("bfd.fsm-down-up", CK_MUST, R5880, "6.8.6",
	     "If bfd.SessionState is Down / If received State is Down / Set "
	     "bfd.SessionState to Init / Else if received State is Init / Set "
	     "bfd.SessionState to Up",
	     "Down + received Init: Up at once, without Init",
	     cf_bfd_case_down_up),
	CASE("bfd.fsm-up-down", CK_MUST, R5880, "6.8.6",
	     "Else (bfd.SessionState is Up) / If received State is Down / Set "
	     "bfd.LocalDiag to 3 (Neighbor signaled session down) / Set "
	     "bfd.SessionState to Down",
	     "Up + received Down: Down at once with Diag 3",
	     cf_bfd_case_up_down),
	CASE("bfd.rx-admin-down", CK_MUST, R5880, "6.8.6",
	     "If received state is AdminDown / If bfd.SessionState is not Down "
	     "/ Set bfd.LocalDiag to 3 (Neighbor signaled session down) / Set "
	     "bfd.SessionState to Down",
	     "Up + received AdminDown: Down at once with Diag 3",
	     cf_bfd_case_rx_admin_down),
	CASE("bfd.your-disc", CK_MUST, R5880, "6.8.6, 6.8.7",
	     "Set bfd.RemoteDiscr to the value of My Discriminator.",
	     "Your Discriminator is 0 until the peer is heard, then the peer's "
	     "My Discriminator",
	     cf_bfd_case_your_disc),
	CASE("bfd.detect-time", CK_MUST, R5880, "6.8.4", Q_DETECT,
	     "Up -> Down exactly one Detection Time (received Detect Mult x "
	     "the greater of Required Min RX and the peer's Desired Min TX) "
	     "after the last packet, not 1 ns before",
	     cf_bfd_case_detect),
	CASE("bfd.detect-diag", CK_MUST, R5880, "6.8.4, 6.8.7", Q_DETECT,
	     "the packets after a detection timeout say Down with Diag 1",
	     cf_bfd_case_detect_diag),
	/* ---- rates and timers (cf_bfd_admin.c, cf_bfd_timer.c) ---- */
	CASE("bfd.slow-rate", CK_MUST, R5880, "6.8.3",
	     "When bfd.SessionState is not Up, the system MUST set "
	     "bfd.DesiredMinTxInterval to a value of not less than one second "
	     "(1,000,000 microseconds).",
	     "while not Up: Desired Min TX >= 1 s and packets >= 750 ms apart",
	     cf_bfd_case_slow_rate),
	CASE("bfd.tx-interval", CK_MUST, R5880, "6.8.7",
	     "With the exceptions listed in the remainder of this section, a "
	     "system MUST NOT transmit BFD Control packets at an interval less "
	     "than the larger of bfd.DesiredMinTxInterval and "
	     "bfd.RemoteMinRxInterval, less applied jitter (see below).",
	     "transmit interval = max(Desired Min TX, peer's Required Min RX), "
	     "every gap within 75-100 %",
	     cf_bfd_case_tx_interval),
	CASE("bfd.jitter", CK_MUST, R5880, "6.8.7",
	     "The periodic transmission of BFD Control packets MUST be "
	     "jittered "
	     "on a per-packet basis by up to 25%, that is, the interval MUST "
	     "be reduced by a random value of 0 to 25%",
	     "200+ gaps of a 10 ms interval, all 7.5-10 ms and spread over it",
	     cf_bfd_case_jitter),
	CASE("bfd.jitter-mult1", CK_MUST, R5880, "6.8.7",
	     "If bfd.DetectMult is equal to 1, the interval between "
	     "transmitted BFD Control packets MUST be no more than 90% of the "
	     "negotiated transmission interval, and MUST be no less than 75% "
	     "of the negotiated transmission interval.",
	     "Detect Mult 1: gaps 75-90 % (session engine driven directly: "
	     "VRP allows 3-50)",
	     cf_bfd_case_jitter_mult1),
	CASE("bfd.poll-final", CK_MUST, R5880, "6.8.7",
	     "If a BFD Control packet is received with the Poll (P) bit set to "
	     "1, the receiving system MUST transmit a BFD Control packet with "
	     "the Poll (P) bit clear and the Final (F) bit set as soon as "
	     "practicable",
	     "a Poll is answered at once (within 1 ms) by a Final with P clear",
	     cf_bfd_case_poll_final),
	/* ---- Poll Sequences (cf_bfd_poll.c) ---- */
	CASE("bfd.poll-on-change", CK_MUST, R5880, "6.8.3", Q_POLL_CHANGE,
	     "min-rx-interval changed while Up: P on every packet until the "
	     "Final, with the new value",
	     cf_bfd_case_poll_on_change),
	CASE("bfd.poll-terminate", CK_MUST, R5880, "6.8.6",
	     "If a Poll Sequence is being transmitted by the local system and "
	     "the Final (F) bit in the received packet is set, the Poll "
	     "Sequence MUST be terminated.",
	     "after the peer's Final, the DUT's packets have P clear",
	     cf_bfd_case_poll_terminate),
	CASE("bfd.poll-no-extra", CK_MUST, R5880, "6.5",
	     "If periodic BFD Control packets are already being sent (the "
	     "remote system is not in Demand mode), the Poll Sequence MUST be "
	     "performed by setting the Poll (P) bit on those scheduled "
	     "periodic transmissions; additional packets MUST NOT be sent.",
	     "the Poll rides on the periodic packets: gaps stay >= 75 % of the "
	     "interval",
	     cf_bfd_case_poll_no_extra),
	CASE("bfd.poll-pf-exclusive", CK_MUST, R5880, "6.5",
	     "A BFD Control packet MUST NOT have both the Poll (P) and Final "
	     "(F) bits set.",
	     "both ends polling: the DUT's Final has P clear, no packet has "
	     "P and F",
	     cf_bfd_case_poll_pf),
	CASE("bfd.poll-tx-increase", CK_MUST, R5880, "6.8.3",
	     "If bfd.DesiredMinTxInterval is increased and bfd.SessionState "
	     "is Up, the actual transmission interval used MUST NOT change "
	     "until the Poll Sequence described above has terminated.",
	     "min-tx-interval 10 -> 50 ms: 10 ms gaps until the Final, 50 ms "
	     "after",
	     cf_bfd_case_poll_tx_increase),
	CASE("bfd.poll-rx-decrease", CK_MUST, R5880, "6.8.3",
	     "If bfd.RequiredMinRxInterval is reduced and bfd.SessionState is "
	     "Up, the previous value of bfd.RequiredMinRxInterval MUST be used "
	     "when calculating the Detection Time for the remote system until "
	     "the Poll Sequence described above has terminated.",
	     "min-rx-interval 50 -> 20 ms: Detection Time 150 ms without the "
	     "Final, 60 ms with it",
	     cf_bfd_case_poll_rx_decrease),
	/* ---- discards (cf_bfd_rx.c) ---- */
	CASE("bfd.rx-version", CK_MUST, R5880, "6.8.6",
	     "If the version number is not correct (1), the packet MUST be "
	     "discarded.",
	     "version 2 packets do not keep the session Up; counted Malformed",
	     cf_bfd_case_rx_version),
	CASE("bfd.rx-length-short", CK_MUST, R5880, "6.8.6",
	     "If the Length field is less than the minimum correct value (24 "
	     "if the A bit is clear, or 26 if the A bit is set), the packet "
	     "MUST be discarded.",
	     "Length 20 packets do not keep the session Up; counted Malformed",
	     cf_bfd_case_rx_length_short),
	CASE("bfd.rx-length-long", CK_MUST, R5880, "6.8.6",
	     "If the Length field is greater than the payload of the "
	     "encapsulating protocol, the packet MUST be discarded.",
	     "Length beyond the UDP payload: discarded; counted Malformed",
	     cf_bfd_case_rx_length_long),
	CASE("bfd.rx-detect-mult-zero", CK_MUST, R5880, "6.8.6",
	     "If the Detect Mult field is zero, the packet MUST be discarded.",
	     "Detect Mult 0 packets do not keep the session Up; counted",
	     cf_bfd_case_rx_mult_zero),
	CASE("bfd.rx-multipoint", CK_MUST, R5880, "6.8.6",
	     "If the Multipoint (M) bit is nonzero, the packet MUST be "
	     "discarded.",
	     "M-bit packets do not keep the session Up; counted",
	     cf_bfd_case_rx_multipoint),
	CASE("bfd.rx-my-disc-zero", CK_MUST, R5880, "6.8.6",
	     "If the My Discriminator field is zero, the packet MUST be "
	     "discarded.",
	     "My Discriminator 0 packets do not keep the session Up; counted",
	     cf_bfd_case_rx_my_disc),
	CASE("bfd.rx-your-disc-zero", CK_MUST, R5880, "6.8.6",
	     "If the Your Discriminator field is zero and the State field is "
	     "not Down or AdminDown, the packet MUST be discarded.",
	     "Up packets with Your Discriminator 0 do not keep the session Up; "
	     "counted",
	     cf_bfd_case_rx_your_disc_zero),
	CASE("bfd.rx-your-disc-unknown", CK_MUST, R5880, "6.8.6",
	     "If the Your Discriminator field is nonzero, it MUST be used to "
	     "select the session with which this BFD packet is associated.  "
	     "If no session is found, the packet MUST be discarded.",
	     "packets for an unknown Your Discriminator do not keep the "
	     "session Up; counted as no matching session",
	     cf_bfd_case_rx_your_disc),
	CASE("bfd.rx-ttl", CK_MUST, R5881, "5",
	     "All received BFD Control packets that are demultiplexed to the "
	     "session MUST be discarded if the received TTL or Hop Limit is "
	     "not equal to 255.",
	     "TTL 254 packets do not keep the session Up; counted",
	     cf_bfd_case_rx_ttl),
	CASE("bfd.rx-auth-unexpected", CK_MUST, R5880, "6.8.6",
	     "If the A bit is set and no authentication is in use "
	     "(bfd.AuthType "
	     "is zero), the packet MUST be discarded.",
	     "authenticated packets to a session without authentication are "
	     "discarded; counted",
	     cf_bfd_case_rx_auth_present),
	CASE("bfd.rx-auth-missing", CK_MUST, R5880, "6.8.6",
	     "If the A bit is clear and authentication is in use (bfd.AuthType "
	     "is nonzero), the packet MUST be discarded.",
	     "unauthenticated packets to a Keyed MD5 session are discarded; "
	     "counted",
	     cf_bfd_case_rx_auth_missing),
	CASE("bfd.rx-auth-digest", CK_MUST, R5880, "6.7.3",
	     "Otherwise (the digest does not match the Auth Key/Digest field), "
	     "the received packet MUST be discarded.",
	     "Keyed MD5 packets with a wrong digest are discarded; counted",
	     cf_bfd_case_rx_auth_digest),
	CASE("bfd.rx-auth-seq", CK_MUST, R5880, "6.7.3",
	     "For Meticulous Keyed MD5, if the sequence number lies outside of "
	     "the range of bfd.RcvAuthSeq+1 to bfd.RcvAuthSeq+(3*Detect Mult) "
	     "inclusive (when treated as an unsigned 32-bit circular number "
	     "space) the received packet MUST be discarded.",
	     "Meticulous Keyed MD5 replays of the last Sequence Number are "
	     "discarded; counted",
	     cf_bfd_case_rx_auth_seq),
	/* ---- administrative control, Demand mode (cf_bfd_admin.c) ---- */
	CASE("bfd.admin-down", CK_MUST, R5880, "6.8.16",
	     "When this is desired, the following procedure MUST be followed: "
	     "/ If enabling session / Set bfd.SessionState to Down / Else / "
	     "Set "
	     "bfd.SessionState to AdminDown / Set bfd.LocalDiag to an "
	     "appropriate value",
	     "\"shutdown\": AdminDown at the commit, packets say AdminDown "
	     "with "
	     "Diag 7",
	     cf_bfd_case_admin_down),
	CASE("bfd.admin-down-discard", CK_MUST, R5880, "6.8.6",
	     "If bfd.SessionState is AdminDown / Discard the packet",
	     "an AdminDown session ignores Down, Init and Up packets; counted",
	     cf_bfd_case_admin_discard),
	CASE("bfd.admin-down-tx", CK_SHOULD, R5880, "6.8.16",
	     "BFD Control packets SHOULD be transmitted for at least a "
	     "Detection Time after transitioning to AdminDown state in order "
	     "to ensure that the remote system is aware of the state change.",
	     "AdminDown packets still go out 2-3 s after the shutdown",
	     cf_bfd_case_admin_tx),
	CASE("bfd.demand-stop", CK_MUST, R5880, "6.8.7",
	     "A system MUST NOT periodically transmit BFD Control packets if "
	     "Demand mode is active on the remote system (bfd.RemoteDemandMode "
	     "is 1, bfd.SessionState is Up, and bfd.RemoteSessionState is Up) "
	     "and a Poll Sequence is not being transmitted.",
	     "the peer sets D: no periodic packets for 300 ms, only the Final "
	     "to its Poll",
	     cf_bfd_case_demand_stop),
	CASE("bfd.demand-resume", CK_MUST, R5880, "6.8.14",
	     "If Demand mode is no longer active on the remote system, the "
	     "local system MUST begin transmitting periodic BFD Control "
	     "packets",
	     "the peer clears D: periodic packets again within the interval",
	     cf_bfd_case_demand_resume),
	/* ---- encapsulation, RFC 5881 (cf_bfd_admin.c) ---- */
	CASE("bfd.tx-ttl", CK_MUST, R5881, "5",
	     "If BFD authentication is not in use on a session, all BFD "
	     "Control packets for the session MUST be sent with a Time to Live "
	     "(TTL) or Hop Limit value of 255.",
	     "every control packet leaves with TTL 255", cf_bfd_case_tx_ttl),
	CASE("bfd.tx-ports", CK_MUST, R5881, "4",
	     "The source port MUST be in the range 49152 through 65535.  The "
	     "same UDP source port number MUST be used for all BFD Control "
	     "packets associated with a particular session.",
	     "to UDP port 3784 from one source port in 49152-65535",
	     cf_bfd_case_tx_ports),
};

const struct cf_suite cf_suite_bfd = {
	.name = "bfd",
	.what = "BFD (RFC 5880, RFC 5881 single hop IPv4): state machine, "
		"Detection Time, rates and jitter, Poll Sequences, discards, "
		"AdminDown, a peer's Demand mode (no Demand mode or Echo of "
		"failsim's own)",
	.cases = bfd_cases,
	.ncases = sizeof(bfd_cases) / sizeof(bfd_cases[0]),
};
