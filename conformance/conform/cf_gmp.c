/*
 * The "igmp" and "mld" conformance suites: IGMPv2/v3 (RFC 2236, RFC
 * 3376) and MLDv1/v2 (RFC 2710, RFC 3810) on one failsim router, against
 * a probe playing the hosts and routers of the LAN. One set of case
 * bodies (cf_gmp_query.c: querier; cf_gmp_group.c: membership, leave,
 * compatibility; cf_gmp_v3.c: state tables; cf_gmp_rx.c: received-message
 * checks) runs for both families; each suite below names its family's
 * RFC sentence for every case, quoted verbatim (table rows and
 * multi-line actions are joined with " / "). Where an RFC gives a rule
 * to senders only (TTL 1, Router Alert), the case checks the receiver
 * side failsim implements and is a SHOULD.
 */
#include "conformance/conform/cf_gmp_int.h"

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

/* One body, two suites: igmp_<name> and mld_<name>. */
#define WRAP(name)                                                             \
	static void igmp_##name(struct cf_ctx *c)                              \
	{                                                                      \
		cf_gmp_case_##name(c, &gx_igmp);                               \
	}                                                                      \
	static void mld_##name(struct cf_ctx *c)                               \
	{                                                                      \
		cf_gmp_case_##name(c, &gx_mld);                                \
	}
#define ROW(name)                                                              \
	static void igmp_##name(struct cf_ctx *c)                              \
	{                                                                      \
		cf_gmp_row_body(c, &gx_igmp, &gx_row_##name);                  \
	}                                                                      \
	static void mld_##name(struct cf_ctx *c)                               \
	{                                                                      \
		cf_gmp_row_body(c, &gx_mld, &gx_row_##name);                   \
	}

WRAP(startup)
WRAP(query_interval)
WRAP(querier_lower)
WRAP(querier_higher)
WRAP(query_header)
WRAP(query_dst)
WRAP(gmi)
WRAP(leave_queries)
WRAP(leave_lmqt)
WRAP(compat)
WRAP(rx_checksum)
WRAP(rx_ttl)
WRAP(rx_report_no_ra)
WRAP(rx_query_no_ra)
WRAP(rx_query_ttl)
ROW(in_allow)
ROW(in_block)
ROW(in_to_ex)
ROW(in_to_in)
ROW(in_is_ex)
ROW(ex_allow)
ROW(ex_block)
ROW(ex_to_in)
ROW(ex_is_in)

static void mld_rx_report_src(struct cf_ctx *c)
{
	cf_gmp_case_rx_report_src(c, &gx_mld);
}

static void mld_rx_report_unspec(struct cf_ctx *c)
{
	cf_gmp_case_rx_report_unspec(c, &gx_mld);
}

static void mld_rx_query_src(struct cf_ctx *c)
{
	cf_gmp_case_rx_query_src(c, &gx_mld);
}

#define R3376 "RFC 3376"
#define R2236 "RFC 2236"
#define R3810 "RFC 3810"
#define R2710 "RFC 2710"

#define Q3376_4                                                                \
	"Every IGMP message described in this document is sent with an IP "    \
	"Time-to-Live of 1, IP Precedence of Internetwork Control (e.g., "     \
	"Type of Service 0xc0), and carries an IP Router Alert option "        \
	"[RFC-2113] in its IP header."
#define Q3810_5                                                                \
	"All MLDv2 messages described in this document MUST be sent with a "   \
	"link-local IPv6 Source Address, an IPv6 Hop Limit of 1, and an IPv6 " \
	"Router Alert option [RFC2711] in a Hop-by-Hop Options header."
#define Q_STARTUP                                                              \
	"The Startup Query Interval is the interval between General Queries "  \
	"sent by a Querier on startup.  Default: 1/4 the Query Interval. / "   \
	"The Startup Query Count is the number of Queries sent out on "        \
	"startup, separated by the Startup Query Interval.  Default: the "     \
	"Robustness Variable."
#define Q_QI                                                                   \
	"The Query Interval is the interval between General Queries sent by "  \
	"the Querier."
#define Q_ELECT                                                                \
	"When a router receives a query with a lower IP address, it sets the " \
	"Other-Querier-Present timer to Other Querier Present Interval and "   \
	"ceases to send queries on the network if it was the previously "      \
	"elected querier.  After its Other-Querier Present timer expires, it " \
	"should begin sending General Queries."
#define Q3810_STARTUP                                                          \
	"The Startup Query Interval is the interval between General Queries "  \
	"sent by a Querier on startup.  Default value: 1/4 the [Query "        \
	"Interval]. / The Startup Query Count is the number of Queries sent "  \
	"out on startup, separated by the Startup Query Interval.  Default "   \
	"value: [Robustness Variable]."
#define Q3810_QI                                                               \
	"The Query Interval variable denotes the interval between General "    \
	"Queries sent by the Querier."
#define Q_OQPT                                                                 \
	"The Other Querier Present Timeout is the length of time that must "   \
	"pass before a multicast router decides that there is no longer "      \
	"another multicast router which should be the Querier.  This value "   \
	"MUST be ([Robustness Variable] times ([Query Interval]) plus (one "   \
	"half of [Query Response Interval])."

static const struct cf_case igmp_cases[] = {
	CASE("igmp.startup-queries", CK_MUST, R3376, "8.6, 8.7", Q_STARTUP,
	     "robust-count 3, timer query 40: general queries at exactly 0, "
	     "10, 20 s, then 60 and 100 s",
	     igmp_startup),
	CASE("igmp.query-interval", CK_MUST, R3376, "8.2", Q_QI,
	     "after the startup queries, general queries exactly 60 s apart",
	     igmp_query_interval),
	CASE("igmp.querier-lower", CK_MUST, R3376, "6.6.2, 8.5", Q_ELECT,
	     "queries from a lower address: non-querier at once, querier "
	     "again with a general query exactly OQPI (125 s) after the last",
	     igmp_querier_lower),
	CASE("igmp.querier-higher", CK_MUST, R3376, "6.6.2", Q_ELECT,
	     "a query from a higher address leaves the DUT querier, its "
	     "queries on schedule",
	     igmp_querier_higher),
	CASE("igmp.query-header", CK_MUST, R3376, "4", Q3376_4,
	     "every query: TTL 1, Router Alert, TOS 0xc0", igmp_query_header),
	CASE("igmp.query-dst", CK_MUST, R3376, "4.1.12",
	     "In IGMPv3, General Queries are sent with an IP destination "
	     "address of 224.0.0.1, the all-systems multicast address.  "
	     "Group-Specific and Group-and-Source-Specific Queries are sent "
	     "with an IP destination address equal to the multicast address "
	     "of interest.",
	     "general queries to 224.0.0.1, specific ones to the group",
	     igmp_query_dst),
	CASE("igmp.gmi", CK_MUST, R3376, "8.4",
	     "The Group Membership Interval is the amount of time that must "
	     "pass before a multicast router decides there are no more members "
	     "of a group or a particular source on a network.  This value MUST "
	     "be ((the Robustness Variable) times (the Query Interval)) plus "
	     "(one Query Response Interval).",
	     "the record expires exactly 130 s after the report (not 1 ns "
	     "before) and forwarding to the LAN stops",
	     igmp_gmi),
	CASE("igmp.leave-queries", CK_MUST, R2236, "3",
	     "When a Querier receives a Leave Group message for a group that "
	     "has group members on the reception interface, it sends [Last "
	     "Member Query Count] Group-Specific Queries every [Last Member "
	     "Query Interval] to the group being left.  These Group-Specific "
	     "Queries have their Max Response time set to [Last Member Query "
	     "Interval].",
	     "robust-count 3, interval 2 s: 3 queries to the group at 0, 2, "
	     "4 s after the leave, Max Resp 2 s",
	     igmp_leave_queries),
	CASE("igmp.leave-lmqt", CK_MUST, R2236, "3",
	     "If no Reports are received after the response time of the last "
	     "query expires, the routers assume that the group has no local "
	     "members, as above.",
	     "the record goes exactly 6 s (3 x 2 s) after the leave",
	     igmp_leave_lmqt),
	CASE("igmp.compat", CK_MUST, R3376, "7.3.2",
	     "The IGMPv2 Host Present timer is set to Older Version Host "
	     "Present Timeout seconds whenever an IGMPv2 Membership Report is "
	     "received. [...] When the IGMPv2 Host Present timer expires and "
	     "the IGMPv1 Host Present timer is not running, a router switches "
	     "to Group Compatibility mode of IGMPv3.",
	     "a v2 report on a v3 router: v2 mode for exactly the Older Host "
	     "Present Interval (130 s), then v3",
	     igmp_compat),
	CASE("igmp.v3-in-allow", CK_MUST, R3376, "6.4.2",
	     "INCLUDE (A)  ALLOW (B)  INCLUDE (A+B)  (B)=GMI",
	     "INCLUDE({s1}) + ALLOW({s2}): s2 at GMI, s1 unchanged",
	     igmp_in_allow),
	CASE("igmp.v3-in-block", CK_MUST, R3376, "6.4.2, 6.6.3.2",
	     "INCLUDE (A)  BLOCK (B)  INCLUDE (A)  Send Q(G,A*B)",
	     "INCLUDE({s1,s2}) + BLOCK({s2,s3}): Q(G,{s2}), s2 lowered to LMQT",
	     igmp_in_block),
	CASE("igmp.v3-in-to-ex", CK_MUST, R3376, "6.4.2",
	     "INCLUDE (A)  TO_EX (B)  EXCLUDE (A*B,B-A)  (B-A)=0 / Delete "
	     "(A-B) "
	     "/ Send Q(G,A*B) / Group Timer=GMI",
	     "INCLUDE({s1,s2}) + TO_EX({s2,s3}): EXCLUDE, s1 gone, s3 blocked, "
	     "Q(G,{s2}), group timer GMI",
	     igmp_in_to_ex),
	CASE("igmp.v3-in-to-in", CK_MUST, R3376, "6.4.2",
	     "INCLUDE (A)  TO_IN (B)  INCLUDE (A+B)  (B)=GMI / Send Q(G,A-B)",
	     "INCLUDE({s1,s2}) + TO_IN({s2,s3}): s2, s3 at GMI, Q(G,{s1})",
	     igmp_in_to_in),
	CASE("igmp.v3-in-is-ex", CK_MUST, R3376, "6.4.1",
	     "INCLUDE (A)  IS_EX (B)  EXCLUDE (A*B,B-A)  (B-A)=0 / Delete "
	     "(A-B) "
	     "/ Group Timer=GMI",
	     "INCLUDE({s1,s2}) + IS_EX({s2,s3}): EXCLUDE, s3 blocked, no query",
	     igmp_in_is_ex),
	CASE("igmp.v3-ex-allow", CK_MUST, R3376, "6.4.2",
	     "EXCLUDE (X,Y)  ALLOW (A)  EXCLUDE (X+A,Y-A)  (A)=GMI",
	     "EXCLUDE({s1},{s2}) + ALLOW({s2,s3}): s2, s3 at GMI",
	     igmp_ex_allow),
	CASE("igmp.v3-ex-block", CK_MUST, R3376, "6.4.2, 6.6.3.2",
	     "EXCLUDE (X,Y)  BLOCK (A)  EXCLUDE (X+(A-Y),Y)  (A-X-Y)=Group "
	     "Timer / Send Q(G,A-Y)",
	     "EXCLUDE({s1},{s2}) + BLOCK({s1,s2,s3}): Q(G,{s1,s3}), both at "
	     "LMQT, s2 still blocked",
	     igmp_ex_block),
	CASE("igmp.v3-ex-to-in", CK_MUST, R3376, "6.4.2, 6.6.3",
	     "EXCLUDE (X,Y)  TO_IN (A)  EXCLUDE (X+A,Y-A)  (A)=GMI / Send "
	     "Q(G,X-A) / Send Q(G)",
	     "EXCLUDE({s1},{s2}) + TO_IN({s3}): s3 at GMI, Q(G,{s1}) and Q(G), "
	     "s1 and the group timer at LMQT",
	     igmp_ex_to_in),
	CASE("igmp.v3-ex-is-in", CK_MUST, R3376, "6.4.1",
	     "EXCLUDE (X,Y)  IS_IN (A)  EXCLUDE (X+A,Y-A)  (A)=GMI",
	     "EXCLUDE({s1},{s2}) + IS_IN({s2,s3}): s2, s3 at GMI",
	     igmp_ex_is_in),
	CASE("igmp.rx-checksum", CK_MUST, R3376, "4.1.2",
	     "When receiving packets, the checksum MUST be verified before "
	     "processing a packet.",
	     "a report with a bad checksum makes no record; counted malformed",
	     igmp_rx_checksum),
	CASE("igmp.rx-ttl", CK_SHOULD, R3376, "4", Q3376_4,
	     "a report with TTL 2 makes no record; counted ttl", igmp_rx_ttl),
	CASE("igmp.rx-report-no-ra", CK_SHOULD, R3376, "4", Q3376_4,
	     "a v3 report without Router Alert makes no record; counted",
	     igmp_rx_report_no_ra),
	CASE("igmp.rx-query-no-ra", CK_SHOULD, R3376, "9.1",
	     "Hosts SHOULD ignore v2 or v3 Queries without the Router-Alert "
	     "option.",
	     "a lower router's query without Router Alert does not win the "
	     "election (failsim applies 9.1 to routers); counted",
	     igmp_rx_query_no_ra),
	CASE("igmp.rx-query-ttl", CK_SHOULD, R3376, "4", Q3376_4,
	     "a lower router's query with TTL 2 does not win the election; "
	     "counted",
	     igmp_rx_query_ttl),
};

const struct cf_suite cf_suite_igmp = {
	.name = "igmp",
	.what = "IGMPv2/v3 router (RFC 2236, RFC 3376): startup and periodic "
		"queries, querier election, membership timeout, leave "
		"latency, v3 state tables, compatibility, received-message "
		"checks",
	.cases = igmp_cases,
	.ncases = sizeof(igmp_cases) / sizeof(igmp_cases[0]),
};

static const struct cf_case mld_cases[] = {
	CASE("mld.startup-queries", CK_MUST, R3810, "9.6, 9.7", Q3810_STARTUP,
	     "robust-count 3, timer query 40: general queries at exactly 0, "
	     "10, 20 s, then 60 and 100 s",
	     mld_startup),
	CASE("mld.query-interval", CK_MUST, R3810, "9.2", Q3810_QI,
	     "after the startup queries, general queries exactly 125 s apart",
	     mld_query_interval),
	CASE("mld.querier-lower", CK_MUST, R3810, "7.6.2, 9.5", Q_OQPT,
	     "queries from a lower link-local address: non-querier at once, "
	     "querier again exactly 255 s after the last",
	     mld_querier_lower),
	CASE("mld.querier-higher", CK_MUST, R2710, "6",
	     "a valid MLD Query is received from a router on the same link "
	     "with a lower IPv6 Source Address.",
	     "a query from a higher link-local address leaves the DUT querier",
	     mld_querier_higher),
	CASE("mld.query-header", CK_MUST, R3810, "5", Q3810_5,
	     "every query: Hop Limit 1, Router Alert (value 0), link-local "
	     "source",
	     mld_query_header),
	CASE("mld.query-dst", CK_MUST, R3810, "5.1.15",
	     "In MLDv2, General Queries are sent to the link-scope all-nodes "
	     "multicast address (FF02::1).  Multicast Address Specific and "
	     "Multicast Address and Source Specific Queries are sent with an "
	     "IP destination address equal to the multicast address of "
	     "interest.",
	     "general queries to ff02::1, specific ones to the group",
	     mld_query_dst),
	CASE("mld.mali", CK_MUST, R3810, "9.4",
	     "This value MUST be ([Robustness Variable] times [Query "
	     "Interval]) plus [Query Response Interval].",
	     "the record expires exactly 260 s (MALI) after the report (not "
	     "1 ns before) and forwarding to the LAN stops",
	     mld_gmi),
	CASE("mld.done-queries", CK_MUST, R2710, "7.8",
	     "The Last Listener Query Interval is the Maximum Response Delay "
	     "inserted into Multicast-Address-Specific Queries sent in "
	     "response to Done messages, and is also the amount of time "
	     "between Multicast-Address-Specific Query messages.",
	     "MLDv1 router, robust-count 3, interval 2 s: 3 queries to the "
	     "address at 0, 2, 4 s after the Done, Max Resp 2 s",
	     mld_leave_queries),
	CASE("mld.done-llqt", CK_MUST, R2710, "6",
	     "this alternate action sets the timer to the minimum of its "
	     "current value and either [Last Listener Query Interval] * [Last "
	     "Listener Query Count] if this router is a Querier, or the "
	     "Maximum Response Delay in the Query message * [Last Listener "
	     "Query Count] if this router is a non-Querier.",
	     "the record goes exactly 6 s (3 x 2 s) after the Done",
	     mld_leave_lmqt),
	CASE("mld.compat", CK_MUST, R3810, "8.3.2",
	     "In order to be compatible with MLDv1 hosts, MLDv2 routers MUST "
	     "operate in version 1 compatibility mode.",
	     "an MLDv1 report on an MLDv2 router: v1 mode for exactly 260 s, "
	     "then v2",
	     mld_compat),
	CASE("mld.v2-in-allow", CK_MUST, R3810, "7.4.2",
	     "INCLUDE (A)  ALLOW (B)  INCLUDE (A+B)  (B)=MALI",
	     "INCLUDE({s1}) + ALLOW({s2}): s2 at MALI, s1 unchanged",
	     mld_in_allow),
	CASE("mld.v2-in-block", CK_MUST, R3810, "7.4.2, 7.6.3.2",
	     "INCLUDE (A)  BLOCK (B)  INCLUDE (A)  Send Q(MA,A*B)",
	     "INCLUDE({s1,s2}) + BLOCK({s2,s3}): Q(MA,{s2}), s2 lowered to "
	     "LLQT",
	     mld_in_block),
	CASE("mld.v2-in-to-ex", CK_MUST, R3810, "7.4.2",
	     "INCLUDE (A)  TO_EX (B)  EXCLUDE (A*B,B-A)  (B-A)=0 / Delete "
	     "(A-B) "
	     "/ Send Q(MA,A*B) / Filter Timer=MALI",
	     "INCLUDE({s1,s2}) + TO_EX({s2,s3}): EXCLUDE, s1 gone, s3 blocked, "
	     "Q(MA,{s2}), filter timer MALI",
	     mld_in_to_ex),
	CASE("mld.v2-in-to-in", CK_MUST, R3810, "7.4.2",
	     "INCLUDE (A)  TO_IN (B)  INCLUDE (A+B)  (B)=MALI / Send Q(MA,A-B)",
	     "INCLUDE({s1,s2}) + TO_IN({s2,s3}): s2, s3 at MALI, Q(MA,{s1})",
	     mld_in_to_in),
	CASE("mld.v2-in-is-ex", CK_MUST, R3810, "7.4.1",
	     "INCLUDE (A)  IS_EX (B)  EXCLUDE (A*B, B-A)  (B-A)=0 / Delete "
	     "(A-B) / Filter Timer=MALI",
	     "INCLUDE({s1,s2}) + IS_EX({s2,s3}): EXCLUDE, s3 blocked, no query",
	     mld_in_is_ex),
	CASE("mld.v2-ex-allow", CK_MUST, R3810, "7.4.2",
	     "EXCLUDE (X,Y)  ALLOW (A)  EXCLUDE (X+A, Y-A)  (A)=MALI",
	     "EXCLUDE({s1},{s2}) + ALLOW({s2,s3}): s2, s3 at MALI",
	     mld_ex_allow),
	CASE("mld.v2-ex-block", CK_MUST, R3810, "7.4.2, 7.6.3.2",
	     "EXCLUDE (X,Y)  BLOCK (A)  EXCLUDE (X+(A-Y), Y)  (A-X-Y)=Filter "
	     "Timer / Send Q(MA,A-Y)",
	     "EXCLUDE({s1},{s2}) + BLOCK({s1,s2,s3}): Q(MA,{s1,s3}), both at "
	     "LLQT, s2 still blocked",
	     mld_ex_block),
	CASE("mld.v2-ex-to-in", CK_MUST, R3810, "7.4.2, 7.6.3",
	     "EXCLUDE (X,Y)  TO_IN (A)  EXCLUDE (X+A, Y-A)  (A)=MALI / Send "
	     "Q(MA,X-A) / Send Q(MA)",
	     "EXCLUDE({s1},{s2}) + TO_IN({s3}): s3 at MALI, Q(MA,{s1}) and "
	     "Q(MA), s1 and the filter timer at LLQT",
	     mld_ex_to_in),
	CASE("mld.v2-ex-is-in", CK_MUST, R3810, "7.4.1",
	     "EXCLUDE (X,Y)  IS_IN (A)  EXCLUDE (X+A, Y-A)  (A)=MALI",
	     "EXCLUDE({s1},{s2}) + IS_IN({s2,s3}): s2, s3 at MALI",
	     mld_ex_is_in),
	CASE("mld.rx-checksum", CK_MUST, R3810, "5.1.2",
	     "When a packet is received, the checksum MUST be verified before "
	     "processing it.",
	     "a report with a bad checksum makes no record (dropped, "
	     "uncounted, by the router's dissector)",
	     mld_rx_checksum),
	CASE("mld.rx-hop-limit", CK_SHOULD, R3810, "5", Q3810_5,
	     "a report with Hop Limit 255 makes no record; counted ttl",
	     mld_rx_ttl),
	CASE("mld.rx-report-no-ra", CK_SHOULD, R3810, "5", Q3810_5,
	     "an MLDv2 report without Router Alert makes no record; counted",
	     mld_rx_report_no_ra),
	CASE("mld.rx-query-no-ra", CK_SHOULD, R3810, "5", Q3810_5,
	     "a lower router's query without Router Alert does not win the "
	     "election; counted",
	     mld_rx_query_no_ra),
	CASE("mld.rx-query-hop-limit", CK_SHOULD, R3810, "5", Q3810_5,
	     "a lower router's query with Hop Limit 255 does not win the "
	     "election; counted",
	     mld_rx_query_ttl),
	CASE("mld.rx-report-src", CK_MUST, R3810, "5.2.13",
	     "On the other hand, routers MUST silently discard a message that "
	     "is not sent with a valid link-local address, without taking any "
	     "action on the contents of the packet.",
	     "a report from a global address makes no record; counted source",
	     mld_rx_report_src),
	CASE("mld.rx-report-unspecified", CK_MUST, R3810, "5.2.13",
	     "On the other hand, routers MUST silently discard a message that "
	     "is not sent with a valid link-local address, without taking any "
	     "action on the contents of the packet. [...] A Report sent with "
	     "the unspecified address is also discarded by the router.",
	     "a report from :: makes no record; counted source",
	     mld_rx_report_unspec),
	CASE("mld.rx-query-src", CK_MUST, R3810, "5.1.14",
	     "If a node (router or host) receives a Query message with the "
	     "IPv6 Source Address set to the unspecified address (::), or any "
	     "other address that is not a valid IPv6 link-local address, it "
	     "MUST silently discard the message and SHOULD log a warning.",
	     "a query from a lower global address does not win the election; "
	     "counted source",
	     mld_rx_query_src),
};

const struct cf_suite cf_suite_mld = {
	.name = "mld",
	.what = "MLDv1/v2 router (RFC 2710, RFC 3810): startup and periodic "
		"queries, querier election, listener timeout, Done latency, "
		"v2 state tables, compatibility, received-message checks",
	.cases = mld_cases,
	.ncases = sizeof(mld_cases) / sizeof(mld_cases[0]),
};
