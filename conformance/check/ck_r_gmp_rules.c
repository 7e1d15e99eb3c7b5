/*
 * The rules of the "gmp" module of `failsim check`, each with the RFC
 * sentence it enforces, quoted: IGMP (RFC 1112 appendix I, RFC 2236
 * sections 2, 2.4 and 3, RFC 3376 sections 4, 4.1.1, 4.1.2, 4.1.8,
 * 4.1.12, 4.2.12, 4.2.14, 5, 6.6.2, 7.1, 8.1, 8.2, 8.3) and MLD (RFC 2710
 * sections 3.6, 4, 5, 6 and 7.3, RFC 3810 sections 5, 5.1.2, 5.1.3,
 * 5.1.10, 5.1.15, 5.2.12, 5.2.14, 9.1, 9.2). The checks themselves are in
 * ck_r_gmp.c (per packet) and ck_r_gmp_flow.c (per flow).
 */
#include "conformance/check/ck_r_gmp_int.h"

enum {
	R_IGMP_CSUM,
	R_IGMP_LENGTH,
	R_IGMP_TTL,
	R_IGMP_RA,
	R_IGMP_V3_REPORT_DST,
	R_IGMP_QUERY_DST,
	R_IGMP_LEAVE_DST,
	R_IGMP_REPORT_DST,
	R_IGMP_GROUP,
	R_IGMP_GROUP_SCOPE,
	R_IGMP_REC_TYPE,
	R_IGMP_QUERY_NSRC,
	R_IGMP_QUERY_QRV,
	R_IGMP_QUERY_MRT,
	R_IGMP_QUERY_INTERVAL,
	R_IGMP_QUERIER_ELECTION,
	R_IGMP_RESPONSE_DEADLINE,
	R_IGMP_LEAVE_QUERY,
	R_MLD_CSUM,
	R_MLD_LENGTH,
	R_MLD_TTL,
	R_MLD_RA,
	R_MLD_SRC_LL,
	R_MLD_V2_REPORT_DST,
	R_MLD_QUERY_DST,
	R_MLD_DONE_DST,
	R_MLD_REPORT_DST,
	R_MLD_GROUP,
	R_MLD_GROUP_SCOPE,
	R_MLD_REC_TYPE,
	R_MLD_QUERY_NSRC,
	R_MLD_QUERY_QRV,
	R_MLD_QUERY_MRT,
	R_MLD_QUERY_INTERVAL,
	R_MLD_QUERIER_ELECTION,
	R_MLD_RESPONSE_DEADLINE,
	R_MLD_DONE_QUERY,
	R__COUNT
};

/* The quotes shared by several rules. */
#define Q_3376_4                                                               \
	"Every IGMP message described in this document is sent with an IP "    \
	"Time-to-Live of 1, IP Precedence of Internetwork Control (e.g., "     \
	"Type of Service 0xc0), and carries an IP Router Alert option "        \
	"[RFC-2113] in its IP header."
#define Q_3810_5                                                               \
	"All MLDv2 messages described in this document MUST be sent with a "   \
	"link-local IPv6 Source Address, an IPv6 Hop Limit of 1, and an IPv6 " \
	"Router Alert option [RFC2711] in a Hop-by-Hop Options header."
#define Q_QRI                                                                  \
	"The number of seconds represented by the [Query Response Interval] "  \
	"must be less than the [Query Interval]."
#define Q_RV  "The Robustness Variable MUST NOT be zero, and SHOULD NOT be one."
#define Q_REC "Unrecognized Record Type values MUST be silently ignored."

_Static_assert(R__COUNT == CK_GMP_NRULES, "CK_GMP_NRULES is the rule count");

const struct ck_rule ck_gmp_rules[CK_GMP_NRULES] = {
	/* ---- IGMP, per packet ---- */
	[R_IGMP_CSUM] = {
		.id = "igmp.csum",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "4.1.2",
		.quote = "The Checksum is the 16-bit one's complement of the "
		         "one's complement sum of the whole IGMP message (the "
		         "entire IP payload).",
		.title = "IGMP checksum over the whole IP payload is valid "
		         "(every IGMP type, DVMRP, mtrace and PIMv1 included)",
	},
	[R_IGMP_LENGTH] = {
		.id = "igmp.length",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "7.1",
		.quote = "Query messages that do not match any of the above "
		         "conditions (e.g., a Query of length 10 octets) MUST "
		         "be silently ignored.",
		.title = "message length fits its type: queries of 8 or at "
		         "least 12 octets, v1/v2 messages of 8, v3 report "
		         "records and sources within the message (4.2)",
	},
	[R_IGMP_TTL] = {
		.id = "igmp.ttl",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "4",
		.quote = Q_3376_4,
		.title = "IGMP messages are sent with TTL 1 (v1 and v2: RFC "
		         "1112 appendix I, RFC 2236 section 2)",
	},
	[R_IGMP_RA] = {
		.id = "igmp.router-alert",
		.level = CK_MUST,
		.rfc = "RFC 2236",
		.section = "2",
		.quote = "All IGMP messages described in this document are "
		         "sent with IP TTL 1, and contain the IP Router Alert "
		         "option [RFC 2113] in their IP header.",
		.title = "IGMPv2 and v3 messages carry the IP Router Alert "
		         "option (v3: RFC 3376 section 4; not required of "
		         "IGMPv1)",
	},
	[R_IGMP_V3_REPORT_DST] = {
		.id = "igmp.v3-report-dst",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "4.2.14",
		.quote = "Version 3 Reports are sent with an IP destination "
		         "address of 224.0.0.22, to which all IGMPv3-capable "
		         "multicast routers listen.",
		.title = "IGMPv3 reports go to 224.0.0.22",
	},
	[R_IGMP_QUERY_DST] = {
		.id = "igmp.query-dst",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "4.1.12",
		.quote = "In IGMPv3, General Queries are sent with an IP "
		         "destination address of 224.0.0.1, the all-systems "
		         "multicast address. Group-Specific and "
		         "Group-and-Source-Specific Queries are sent with an "
		         "IP destination address equal to the multicast "
		         "address of interest.",
		.title = "General Queries go to 224.0.0.1, group queries to "
		         "their group (all versions)",
	},
	[R_IGMP_LEAVE_DST] = {
		.id = "igmp.leave-dst",
		.level = CK_SHOULD,
		.rfc = "RFC 2236",
		.section = "3",
		.quote = "When a host leaves a multicast group, if it was the "
		         "last host to reply to a Query with a Membership "
		         "Report for that group, it SHOULD send a Leave Group "
		         "message to the all-routers multicast group "
		         "(224.0.0.2).",
		.title = "Leave Group messages go to 224.0.0.2",
	},
	[R_IGMP_REPORT_DST] = {
		.id = "igmp.report-dst",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "4.2.14",
		.quote = "A system that is operating in version 1 or version "
		         "2 compatibility modes sends version 1 or version 2 "
		         "Reports to the multicast group specified in the "
		         "Group Address field of the Report.",
		.title = "IGMPv1 and v2 reports go to the group they report "
		         "(RFC 1112 appendix I, RFC 2236 section 3)",
	},
	[R_IGMP_GROUP] = {
		.id = "igmp.group",
		.level = CK_MUST,
		.rfc = "RFC 2236",
		.section = "2.4",
		.quote = "In a Membership Report or Leave Group message, the "
		         "group address field holds the IP multicast group "
		         "address of the group being reported or left.",
		.title = "the group of a report, leave, v3 group record or "
		         "group query is a multicast address (224.0.0.0/4)",
	},
	[R_IGMP_GROUP_SCOPE] = {
		.id = "igmp.group-all-systems",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "5",
		.quote = "No IGMP messages are ever sent regarding the "
		         "all-systems multicast address.",
		.title = "no report, leave, record or group query names "
		         "224.0.0.1",
	},
	[R_IGMP_REC_TYPE] = {
		.id = "igmp.v3-rec-type",
		.level = CK_SHOULD,
		.rfc = "RFC 3376",
		.section = "4.2.12",
		.quote = Q_REC,
		.title = "IGMPv3 group records are of the six defined types "
		         "(1-6); receivers ignore any other",
	},
	[R_IGMP_QUERY_NSRC] = {
		.id = "igmp.query-nsrc",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "4.1.8",
		.quote = "This number is zero in a General Query or a "
		         "Group-Specific Query, and non-zero in a "
		         "Group-and-Source-Specific Query.",
		.title = "an IGMPv3 General Query lists no sources",
	},
	[R_IGMP_QUERY_QRV] = {
		.id = "igmp.query-qrv",
		.level = CK_SHOULD,
		.rfc = "RFC 3376",
		.section = "8.1",
		.quote = Q_RV,
		.title = "an IGMPv3 query's QRV is not 1 (0 stands for more "
		         "than 7, 4.1.6)",
	},
	[R_IGMP_QUERY_MRT] = {
		.id = "igmp.query-mrt",
		.level = CK_SHOULD, /* "must" in lower case: RFC 8174 */
		.rfc = "RFC 3376",
		.section = "8.3",
		.quote = Q_QRI,
		.title = "an IGMPv3 General Query's Max Resp Time is below "
		         "its QQI (\"must\" in lower case in the RFC)",
	},
	/* ---- IGMP, per flow ---- */
	[R_IGMP_QUERY_INTERVAL] = {
		.id = "igmp.query-interval",
		.level = CK_SHOULD,
		.rfc = "RFC 3376",
		.section = "8.2",
		.quote = "The Query Interval is the interval between General "
		         "Queries sent by the Querier.",
		.title = "a querier's consecutive General Queries are at most "
		         "its Query Interval apart (QQI, or 125 s for IGMPv2; "
		         "tolerance 10% + 0.5 s; not checked across another "
		         "querier's queries)",
	},
	[R_IGMP_QUERIER_ELECTION] = {
		.id = "igmp.querier-election",
		.level = CK_MUST,
		.rfc = "RFC 3376",
		.section = "6.6.2",
		.quote = "When a router receives a query with a lower IP "
		         "address, it sets the Other-Querier-Present timer to "
		         "Other Querier Present Interval and ceases to send "
		         "queries on the network if it was the previously "
		         "elected querier.",
		.title = "no General Query from a router that heard a "
		         "lower-addressed querier within Other Querier "
		         "Present Interval (tolerance 0.5 s; IGMPv2 and v3)",
	},
	[R_IGMP_RESPONSE_DEADLINE] = {
		.id = "igmp.response-deadline",
		.level = CK_SHOULD,
		.rfc = "RFC 3376",
		.section = "4.1.1",
		.quote = "The Max Resp Code field specifies the maximum time "
		         "allowed before sending a responding report.",
		.title = "a response comes within Max Resp Time + 0.5 s of a "
		         "query: v3 current-state records (IS_IN, IS_EX), and "
		         "a member's first v1/v2 report after a query",
	},
	[R_IGMP_LEAVE_QUERY] = {
		.id = "igmp.leave-query",
		.level = CK_SHOULD,
		.rfc = "RFC 2236",
		.section = "3",
		.quote = "When a Querier receives a Leave Group message for a "
		         "group that has group members on the reception "
		         "interface, it sends [Last Member Query Count] "
		         "Group-Specific Queries every [Last Member Query "
		         "Interval] to the group being left.",
		.title = "after a Leave for a reported group the IGMPv2 (or "
		         "compatible) querier sends Last Member Query Count "
		         "group queries, the first within 1 s, then Last "
		         "Member Query Interval apart (tolerance 10% + 0.5 s)",
	},
	/* ---- MLD, per packet ---- */
	[R_MLD_CSUM] = {
		.id = "mld.csum",
		.level = CK_MUST,
		.rfc = "RFC 3810",
		.section = "5.1.2",
		.quote = "The standard ICMPv6 checksum; it covers the entire "
		         "MLDv2 message, plus a \"pseudo-header\" of IPv6 "
		         "header fields [RFC2463].",
		.title = "MLD checksum with the IPv6 pseudo-header is valid "
		         "(MLDv1 too)",
	},
	[R_MLD_LENGTH] = {
		.id = "mld.length",
		.level = CK_MUST,
		.rfc = "RFC 2710",
		.section = "5",
		.quote = "To be valid, the Query message MUST come from a "
		         "link-local IPv6 Source Address, be at least 24 "
		         "octets long, and have a correct MLD checksum.",
		.title = "message length fits its type: 24 octets or more, "
		         "MLDv2 queries of at least 28 (RFC 3810 8.1), report "
		         "records and sources within the message",
	},
	[R_MLD_TTL] = {
		.id = "mld.hop-limit",
		.level = CK_MUST,
		.rfc = "RFC 3810",
		.section = "5",
		.quote = Q_3810_5,
		.title = "MLD messages are sent with Hop Limit 1 (MLDv1: RFC "
		         "2710 section 3)",
	},
	[R_MLD_RA] = {
		.id = "mld.router-alert",
		.level = CK_MUST,
		.rfc = "RFC 3810",
		.section = "5",
		.quote = Q_3810_5,
		.title = "MLD messages carry a hop-by-hop Router Alert option "
		         "(MLDv1: RFC 2710 section 3)",
	},
	[R_MLD_SRC_LL] = {
		.id = "mld.src-ll",
		.level = CK_MUST,
		.rfc = "RFC 3810",
		.section = "5",
		.quote = Q_3810_5,
		.title = "MLD messages come from a link-local source; reports "
		         "may use :: before the node has one (section 5, "
		         "5.2.13; MLDv1: RFC 3590)",
	},
	[R_MLD_V2_REPORT_DST] = {
		.id = "mld.v2-report-dst",
		.level = CK_MUST,
		.rfc = "RFC 3810",
		.section = "5.2.14",
		.quote = "Version 2 Multicast Listener Reports are sent with "
		         "an IP destination address of FF02:0:0:0:0:0:0:16, "
		         "to which all MLDv2-capable multicast routers listen "
		         "(see section 11 for IANA considerations related to "
		         "this special destination address).",
		.title = "MLDv2 reports go to ff02::16",
	},
	[R_MLD_QUERY_DST] = {
		.id = "mld.query-dst",
		.level = CK_MUST,
		.rfc = "RFC 3810",
		.section = "5.1.15",
		.quote = "In MLDv2, General Queries are sent to the "
		         "link-scope all-nodes multicast address (FF02::1).",
		.title = "General Queries go to ff02::1, address-specific "
		         "queries to their address (MLDv1: RFC 2710 section 6)",
	},
	[R_MLD_DONE_DST] = {
		.id = "mld.done-dst",
		.level = CK_SHOULD,
		.rfc = "RFC 2710",
		.section = "4",
		.quote = "When a node ceases to listen to a multicast address "
		         "on an interface, it SHOULD send a single Done "
		         "message to the link-scope all-routers multicast "
		         "address (FF02::2), carrying in its Multicast "
		         "Address field the address to which it is ceasing to "
		         "listen.",
		.title = "Done messages go to ff02::2",
	},
	[R_MLD_REPORT_DST] = {
		.id = "mld.report-dst",
		.level = CK_MUST,
		.rfc = "RFC 2710",
		.section = "5",
		.quote = "The Report message is sent to the address being "
		         "reported.",
		.title = "MLDv1 reports go to the address they report",
	},
	[R_MLD_GROUP] = {
		.id = "mld.group",
		.level = CK_MUST,
		.rfc = "RFC 2710",
		.section = "3.6",
		.quote = "In a Report or Done message, the Multicast Address "
		         "field holds a specific IPv6 multicast address to "
		         "which the message sender is listening or is ceasing "
		         "to listen, respectively.",
		.title = "the address of a report, done, v2 record or "
		         "specific query is a multicast address (ff00::/8)",
	},
	[R_MLD_GROUP_SCOPE] = {
		.id = "mld.group-scope",
		.level = CK_MUST,
		.rfc = "RFC 2710",
		.section = "5",
		.quote = "MLD messages are never sent for multicast addresses "
		         "whose scope is 0 (reserved) or 1 (node-local).",
		.title = "no MLD message names an address of scope 0 or 1, "
		         "and no report or done names ff02::1 (\"never sends "
		         "a Report or Done for that address\", same section)",
	},
	[R_MLD_REC_TYPE] = {
		.id = "mld.v2-rec-type",
		.level = CK_SHOULD,
		.rfc = "RFC 3810",
		.section = "5.2.12",
		.quote = "Multicast Address Records with an unrecognized "
		         "Record Type value MUST be silently ignored, with the "
		         "rest of the report being processed.",
		.title = "MLDv2 address records are of the six defined types "
		         "(1-6); receivers ignore any other",
	},
	[R_MLD_QUERY_NSRC] = {
		.id = "mld.query-nsrc",
		.level = CK_MUST,
		.rfc = "RFC 3810",
		.section = "5.1.10",
		.quote = "This number is zero in a General Query or a "
		         "Multicast Address Specific Query, and non-zero in a "
		         "Multicast Address and Source Specific Query.",
		.title = "an MLDv2 General Query lists no sources",
	},
	[R_MLD_QUERY_QRV] = {
		.id = "mld.query-qrv",
		.level = CK_SHOULD,
		.rfc = "RFC 3810",
		.section = "9.1",
		.quote = "The value of the Robustness Variable MUST NOT be "
		         "zero, and SHOULD NOT be one.",
		.title = "an MLDv2 query's QRV is not 1 (0 stands for more "
		         "than 7, 5.1.8)",
	},
	[R_MLD_QUERY_MRT] = {
		.id = "mld.query-mrt",
		.level = CK_SHOULD, /* "must" in lower case: RFC 8174 */
		.rfc = "RFC 2710",
		.section = "7.3",
		.quote = Q_QRI,
		.title = "an MLDv2 General Query's Maximum Response Delay is "
		         "below its QQI (RFC 3810 9.3 likewise; \"must\" in "
		         "lower case)",
	},
	/* ---- MLD, per flow ---- */
	[R_MLD_QUERY_INTERVAL] = {
		.id = "mld.query-interval",
		.level = CK_SHOULD,
		.rfc = "RFC 3810",
		.section = "9.2",
		.quote = "The Query Interval variable denotes the interval "
		         "between General Queries sent by the Querier.",
		.title = "a querier's consecutive General Queries are at most "
		         "its Query Interval apart (QQI, or 125 s for MLDv1; "
		         "tolerance 10% + 0.5 s; not checked across another "
		         "querier's queries)",
	},
	[R_MLD_QUERIER_ELECTION] = {
		.id = "mld.querier-election",
		.level = CK_MUST,
		.rfc = "RFC 2710",
		.section = "6",
		.quote = "non-Queriers do not send any messages and are only "
		         "driven by message reception.",
		.title = "a router that heard a Query from a lower IPv6 "
		         "address (it becomes a Non-Querier) sends no General "
		         "Query within Other Querier Present Interval "
		         "(tolerance 0.5 s; RFC 3810 7.6.2)",
	},
	[R_MLD_RESPONSE_DEADLINE] = {
		.id = "mld.response-deadline",
		.level = CK_SHOULD,
		.rfc = "RFC 3810",
		.section = "5.1.3",
		.quote = "The Maximum Response Code field specifies the "
		         "maximum time allowed before sending a responding "
		         "Report.",
		.title = "a response comes within Maximum Response Delay + "
		         "0.5 s of a query: v2 current-state records (IS_IN, "
		         "IS_EX), and a listener's first MLDv1 report after a "
		         "query",
	},
	[R_MLD_DONE_QUERY] = {
		.id = "mld.done-query",
		.level = CK_SHOULD,
		.rfc = "RFC 2710",
		.section = "6",
		.quote = "The Multicast-Address-Specific Query is sent to the "
		         "address being queried, and has a Maximum Response "
		         "Delay of [Last Listener Query Interval].",
		.title = "after a Done for a reported address the MLDv1 (or "
		         "compatible) querier sends Last Listener Query Count "
		         "address-specific queries, the first within 1 s, "
		         "then Last Listener Query Interval apart (tolerance "
		         "10% + 0.5 s)",
	},
};

/* The rule of each kind: IGMP, MLD (-1: none). */
static const int gmp_kind_rule[CK_GMP__NKINDS][2] = {
	[CK_GMP_CSUM] = { R_IGMP_CSUM, R_MLD_CSUM },
	[CK_GMP_LENGTH] = { R_IGMP_LENGTH, R_MLD_LENGTH },
	[CK_GMP_TTL] = { R_IGMP_TTL, R_MLD_TTL },
	[CK_GMP_RA] = { R_IGMP_RA, R_MLD_RA },
	[CK_GMP_SRC_LL] = { -1, R_MLD_SRC_LL },
	[CK_GMP_V3_REPORT_DST] = { R_IGMP_V3_REPORT_DST, R_MLD_V2_REPORT_DST },
	[CK_GMP_QUERY_DST] = { R_IGMP_QUERY_DST, R_MLD_QUERY_DST },
	[CK_GMP_LEAVE_DST] = { R_IGMP_LEAVE_DST, R_MLD_DONE_DST },
	[CK_GMP_REPORT_DST] = { R_IGMP_REPORT_DST, R_MLD_REPORT_DST },
	[CK_GMP_GROUP] = { R_IGMP_GROUP, R_MLD_GROUP },
	[CK_GMP_GROUP_SCOPE] = { R_IGMP_GROUP_SCOPE, R_MLD_GROUP_SCOPE },
	[CK_GMP_REC_TYPE] = { R_IGMP_REC_TYPE, R_MLD_REC_TYPE },
	[CK_GMP_QUERY_NSRC] = { R_IGMP_QUERY_NSRC, R_MLD_QUERY_NSRC },
	[CK_GMP_QUERY_QRV] = { R_IGMP_QUERY_QRV, R_MLD_QUERY_QRV },
	[CK_GMP_QUERY_MRT] = { R_IGMP_QUERY_MRT, R_MLD_QUERY_MRT },
	[CK_GMP_QUERY_INTERVAL] = { R_IGMP_QUERY_INTERVAL,
				    R_MLD_QUERY_INTERVAL },
	[CK_GMP_QUERIER_ELECTION] = { R_IGMP_QUERIER_ELECTION,
				      R_MLD_QUERIER_ELECTION },
	[CK_GMP_RESPONSE_DEADLINE] = { R_IGMP_RESPONSE_DEADLINE,
				       R_MLD_RESPONSE_DEADLINE },
	[CK_GMP_LEAVE_QUERY] = { R_IGMP_LEAVE_QUERY, R_MLD_DONE_QUERY },
};

const struct ck_rule *ck_gmp_rule(enum ck_gmp_kind k, enum net_af af)
{
	int i;

	if ((unsigned)k >= CK_GMP__NKINDS ||
	    (af != NET_AF_IP4 && af != NET_AF_IP6))
		return NULL;
	i = gmp_kind_rule[k][af == NET_AF_IP6];
	return i < 0 ? NULL : &ck_gmp_rules[i];
}
