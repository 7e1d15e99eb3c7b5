/*
 * The PIM-SM conformance suite ("pim"): the case table. Each case cites
 * the RFC 7761 section and the sentence it enforces (quoted verbatim)
 * and runs its body (cf_pim_nbr.c, cf_pim_jp.c, cf_pim_reg.c,
 * cf_pim_assert.c, cf_pim_lan.c, cf_pim_rx.c) with the timer values of RFC 7761
 * section 4.11. Section numbers are RFC 7761's: its Join/Prune sections
 * are one below RFC 4601's (4.5.1 receiving (*,G), 4.5.4 sending (*,G)).
 */
#include "conformance/conform/cf_pim_int.h"

#define RFC "RFC 7761"

/* A case whose body runs with the RFC's values. */
#define CASE(fn)                                                               \
	static void run_##fn(struct cf_ctx *c)                                 \
	{                                                                      \
		cfp_##fn(c, &cfp_rfc);                                         \
	}

CASE(hello_startup)
CASE(hello_period)
CASE(hello_holdtime)
CASE(hello_triggered)
CASE(hello_goodbye_tx)
CASE(nbr_expiry)
CASE(nbr_default_holdtime)
CASE(nbr_goodbye)
CASE(nbr_genid)
CASE(dr_election)
CASE(dr_no_priority)
CASE(jp_join)
CASE(jp_periodic)
CASE(jp_expiry)
CASE(jp_prune_pending)
CASE(jp_prune_override)
CASE(jp_suppression)
CASE(jp_override)
CASE(jp_genid)
CASE(jp_not_ours)
CASE(reg_encap)
CASE(reg_stop)
CASE(reg_probe)
CASE(spt_switch)
CASE(assert_loser)
CASE(assert_winner)
CASE(assert_metric)
CASE(assert_tie)
CASE(assert_timer)
CASE(assert_data)
CASE(assert_lan)
CASE(rx_checksum)
CASE(rx_version)
CASE(rx_destination)
CASE(rx_unknown_option)

static const struct cf_case cases[] = {
	{ { "pim.hello.startup", CK_MUST, RFC, "4.3.1",
	    "When PIM is enabled on an interface or a router first starts, "
	    "the Hello Timer of that interface is set to a random value "
	    "between 0 and Triggered_Hello_Delay.",
	    "first Hello within Triggered_Hello_Delay of the start" },
	  run_hello_startup },
	{ { "pim.hello.period", CK_MUST, RFC, "4.3.1",
	    "After the initial randomized interval, Hello messages must be "
	    "sent every Hello_Period seconds.",
	    "Hellos exactly Hello_Period (30 s) apart" },
	  run_hello_period },
	{ { "pim.hello.holdtime", CK_SHOULD, RFC, "4.11",
	    "Default_Hello_Holdtime 3.5 * Hello_Period Default holdtime to "
	    "keep neighbor state alive",
	    "Hello Holdtime 3.5 x Hello_Period (105 s; 35 s at 10 s)" },
	  run_hello_holdtime },
	{ { "pim.hello.triggered", CK_SHOULD, RFC, "4.3.1",
	    "To allow new or rebooting routers to learn of PIM neighbors "
	    "quickly, when a Hello message is received from a new neighbor, "
	    "or a Hello message with a new GenID is received from an "
	    "existing neighbor, a new Hello message should be sent on this "
	    "interface after a randomized delay between 0 and "
	    "Triggered_Hello_Delay.",
	    "triggered Hello for a new or restarted neighbor" },
	  run_hello_triggered },
	{ { "pim.hello.goodbye-tx", CK_SHOULD, RFC, "4.3.1",
	    "Before an interface goes down or changes primary IP address, a "
	    "Hello message with a zero HoldTime should be sent immediately "
	    "(with the old IP address if the IP address changed).",
	    "Holdtime-0 Hello when PIM leaves an interface" },
	  run_hello_goodbye_tx },
	{ { "pim.nbr.expiry", CK_MUST, RFC, "4.3.2",
	    "The Neighbor Liveness Timer (NLT(N,I)) is reset to "
	    "Hello_Holdtime (from the Hello Holdtime option) whenever a "
	    "Hello message is received containing a Holdtime option, or to "
	    "Default_Hello_Holdtime if the Hello message does not contain "
	    "the Holdtime option.",
	    "neighbor expires its Holdtime after its last Hello" },
	  run_nbr_expiry },
	{ { "pim.nbr.default-holdtime", CK_MUST, RFC, "4.3.2",
	    "The Neighbor Liveness Timer (NLT(N,I)) is reset to "
	    "Hello_Holdtime (from the Hello Holdtime option) whenever a "
	    "Hello message is received containing a Holdtime option, or to "
	    "Default_Hello_Holdtime if the Hello message does not contain "
	    "the Holdtime option.",
	    "no Holdtime option: expiry after Default_Hello_Holdtime" },
	  run_nbr_default_holdtime },
	{ { "pim.nbr.goodbye", CK_MUST, RFC, "4.3.1",
	    "This will cause PIM neighbors to remove this neighbor (or its "
	    "old IP address) immediately.",
	    "a Holdtime-0 Hello removes the neighbor at once" },
	  run_nbr_goodbye },
	{ { "pim.nbr.genid", CK_SHOULD, RFC, "4.3.1",
	    "When a Hello message with a new GenID is received from a "
	    "neighbor, any old Hello information about that neighbor SHOULD "
	    "be discarded and superseded by the information from the new "
	    "Hello message.",
	    "a new GenID is a restart: old information superseded" },
	  run_nbr_genid },
	{ { "pim.dr.election", CK_MUST, RFC, "4.3.2",
	    "return ( a.dr_priority > b.dr_priority ) OR ( a.dr_priority == "
	    "b.dr_priority AND a.primary_ip_address > b.primary_ip_address )",
	    "DR by priority, then by address" },
	  run_dr_election },
	{ { "pim.dr.no-priority", CK_MUST, RFC, "4.3.2",
	    "if ( there is a neighbor n on I for which n.dr_priority_present "
	    "is false ) { return a.primary_ip_address > "
	    "b.primary_ip_address }",
	    "a neighbor without DR Priority: DR by address only" },
	  run_dr_no_priority },
	{ { "pim.jp.join", CK_MUST, RFC, "4.5.4",
	    "Send Join(*,G) to the appropriate upstream neighbor, which is "
	    "RPF'(*,G). Set the Join Timer (JT) to expire after t_periodic "
	    "seconds.",
	    "a downstream Join(*,G) makes R1 join towards the RP at once" },
	  run_jp_join },
	{ { "pim.jp.periodic", CK_MUST, RFC, "4.5.4",
	    "Send Join(*,G) to the appropriate upstream neighbor, which is "
	    "RPF'(*,G). Restart the Join Timer (JT) to expire after "
	    "t_periodic seconds.",
	    "Join(*,G) upstream every t_periodic (60 s)" },
	  run_jp_periodic },
	{ { "pim.jp.expiry", CK_MUST, RFC, "4.5.1",
	    "The Expiry Timer (ET) is started and set to the HoldTime from "
	    "the triggering Join/Prune message.",
	    "downstream state expires at the Join's Holdtime" },
	  run_jp_expiry },
	{ { "pim.jp.prune-pending", CK_MUST, RFC, "4.5.1",
	    "The Prune-Pending Timer is started. It is set to the "
	    "J/P_Override_Interval(I) if the router has more than one "
	    "neighbor on that interface; otherwise, it is set to zero, "
	    "causing it to expire immediately.",
	    "a Prune on a LAN waits J/P_Override_Interval (3 s)" },
	  run_jp_prune_pending },
	{ { "pim.jp.prune-override", CK_MUST, RFC, "4.5.1",
	    "The Prune-Pending Timer is canceled (without triggering an "
	    "expiry event).",
	    "a Join during Prune-Pending cancels the Prune" },
	  run_jp_prune_override },
	{ { "pim.jp.suppression", CK_SHOULD, RFC, "4.5.4",
	    "If the Join Timer is set to expire in less than t_joinsuppress "
	    "seconds, reset it so that it expires after t_joinsuppress "
	    "seconds.",
	    "another router's Join suppresses R1's for 1.1-1.4 t_periodic" },
	  run_jp_suppression },
	{ { "pim.jp.override", CK_MUST, RFC, "4.5.4",
	    "If the Join Timer is set to expire in more than t_override "
	    "seconds, reset it so that it expires after t_override seconds.",
	    "another router's Prune is overridden within t_override" },
	  run_jp_override },
	{ { "pim.jp.genid", CK_MUST, RFC, "4.5.4",
	    "If the Join Timer is set to expire in more than t_override "
	    "seconds, reset it so that it expires after t_override seconds.",
	    "a GenID change of RPF'(*,G) re-sends the Join within "
	    "t_override" },
	  run_jp_genid },
	{ { "pim.jp.not-ours", CK_MUST, RFC, "4.5.1",
	    "A Join(*,G) is received on interface I with its Upstream "
	    "Neighbor Address set to the router's primary IP address on I.",
	    "a Join to another router creates no state" },
	  run_jp_not_ours },
	{ { "pim.reg.encap", CK_MUST, RFC, "4.4",
	    "The Designated Router (DR) on a LAN or point-to-point link "
	    "encapsulates multicast packets from local sources to the RP for "
	    "the relevant group unless it recently received a Register-Stop "
	    "message for that (S,G) or (*,G) from the RP.",
	    "the first-hop DR registers local sources' data to the RP" },
	  run_reg_encap },
	{ { "pim.reg.stop", CK_MUST, RFC, "4.4",
	    "When the DR receives a Register-Stop message from the RP, it "
	    "starts a Register-Stop Timer to maintain this state.",
	    "a Register-Stop stops the encapsulation" },
	  run_reg_stop },
	{ { "pim.reg.probe", CK_MUST, RFC, "4.4",
	    "Just before the Register-Stop Timer expires, the DR sends a "
	    "Null-Register Message to the RP to allow the RP to refresh the "
	    "Register-Stop information at the DR. If the Register-Stop "
	    "Timer actually expires, the DR will resume encapsulating "
	    "packets from the source to the RP.",
	    "Null-Register Register_Probe_Time before the RST expires" },
	  run_reg_probe },
	{ { "pim.spt.switch", CK_SHOULD, RFC, "4.2.1",
	    "A \"switch on first packet\" policy can be implemented by "
	    "making SwitchToSptDesired(S,G) return true once a single packet "
	    "has been received for the source and group.",
	    "the last-hop router joins the SPT at the first packet" },
	  run_spt_switch },
	{ { "pim.assert.loser", CK_MUST, RFC, "4.1.6",
	    "immediate_olist(S,G) = joins(S,G) (+) pim_include(S,G) (-) "
	    "lost_assert(S,G)",
	    "the Assert loser stops forwarding on the LAN" },
	  run_assert_loser },
	{ { "pim.assert.winner", CK_MUST, RFC, "4.6.1",
	    "Send Assert(S,G). Set Assert Timer to (Assert_Time - "
	    "Assert_Override_Interval). Store self as AssertWinner(S,G,I). "
	    "Store spt_assert_metric(S,I) as AssertWinnerMetric(S,G,I).",
	    "an inferior Assert: the winner asserts and keeps forwarding" },
	  run_assert_winner },
	{ { "pim.assert.metric", CK_MUST, RFC, "4.6.3",
	    "When comparing assert_metrics, the rpt_bit_flag, "
	    "metric_preference, and route_metric fields are compared in "
	    "order, where the first lower value wins.",
	    "Assert: preference first, then metric" },
	  run_assert_metric },
	{ { "pim.assert.tie", CK_MUST, RFC, "4.6.3",
	    "If all fields are equal, the primary IP address of the router "
	    "that sourced the Assert message is used as a tie-breaker, with "
	    "the highest IP address winning.",
	    "equal Assert metrics: the higher address wins" },
	  run_assert_tie },
	{ { "pim.assert.timer", CK_MUST, RFC, "4.6.1",
	    "Store new assert winner as AssertWinner(S,G,I) and assert "
	    "winner metric as AssertWinnerMetric(S,G,I). Set Assert Timer to "
	    "Assert_Time.",
	    "loser state lasts Assert_Time (180 s); winner re-asserts "
	    "every 177 s" },
	  run_assert_timer },
	{ { "pim.assert.data", CK_MUST, RFC, "4.6.1",
	    "We optimistically assume that we will be the assert winner for "
	    "this (S,G), and so we transition to the \"I am Assert Winner\" "
	    "state and perform Actions A1 (below), which will initiate the "
	    "assert negotiation for (S,G).",
	    "data on an outgoing interface triggers an Assert" },
	  run_assert_data },
	{ { "pim.assert.lan", CK_MUST, RFC, "4.6",
	    "Instead, it detects when this has happened and elects a single "
	    "forwarder amongst the upstream routers to prevent further "
	    "duplication. This election is performed using PIM Assert "
	    "messages.",
	    "two failsim routers forwarding onto one LAN: one forwarder "
	    "left" },
	  run_assert_lan },
	{ { "pim.rx.checksum", CK_MUST, RFC, "4.9",
	    "The checksum is a standard IP checksum, i.e., the 16-bit one's "
	    "complement of the one's complement sum of the entire PIM "
	    "message, excluding the \"Multicast data packet\" section of the "
	    "Register message.",
	    "a message with a bad checksum is ignored and counted" },
	  run_rx_checksum },
	{ { "pim.rx.version", CK_MUST, RFC, "4.9", "PIM version number is 2.",
	    "a message of another PIM version is ignored and counted" },
	  run_rx_version },
	{ { "pim.rx.destination", CK_SHOULD, RFC, "4.9",
	    "PIM messages are either unicast (e.g., Registers and "
	    "Register-Stop) or multicast with TTL 1 to the 'ALL-PIM-ROUTERS' "
	    "group (e.g., Join/Prune, Asserts, etc.).",
	    "Hellos not to ALL-PIM-ROUTERS with TTL 1 are ignored" },
	  run_rx_destination },
	{ { "pim.rx.unknown-option", CK_MUST, RFC, "4.9.2",
	    "Unknown options MUST be ignored and MUST NOT prevent a neighbor "
	    "relationship from being formed.",
	    "a Hello with an unknown option still makes a neighbor" },
	  run_rx_unknown_option },
};

const struct cf_suite cf_suite_pim = {
	.name = "pim",
	.what = "PIM-SM (RFC 7761): Hello, neighbors, DR, Join/Prune, "
		"Register, SPT switch, Assert, reception checks",
	.cases = cases,
	.ncases = sizeof(cases) / sizeof(cases[0]),
};
