/*
 * The "vrrp" conformance suite: its case table. Each case is a rule (id,
 * level, RFC, section, the sentence it enforces, quoted from RFC 5798 for
 * VRRPv3 over IPv4 and IPv6, or from RFC 3768 for VRRPv2, ids
 * "vrrp.v2.*") and the function that drives failsim's VRRP to check it
 * (cf_vrrp_state.c, cf_vrrp_param.c, cf_vrrp_tx.c, cf_vrrp_rx.c,
 * cf_vrrp_l2.c). The cases cover the UNH-IOL VRRP Operations test suite:
 * group 2 (state transitions), group 3 (parameters per virtual router),
 * group 4 (transmission and reception of invalid packets), plus address
 * resolution, forwarding and Accept_Mode.
 */
#include "conformance/conform/cf_vrrp_int.h"

#define R3 "RFC 5798"
#define R2 "RFC 3768"
#define K(id, lvl, rfc, sec, quote, title, fn)                                 \
	{                                                                      \
		{ id, lvl, rfc, sec, quote, title }, fn                        \
	}

/* Sentences used by both a v3 case and its VRRPv2 twin, or twice. */
#define Q3_VRID                                                                \
	"MUST verify that the VRID is configured on the receiving interface "  \
	"and the local router is not the IPvX address owner (Priority = 255 "  \
	"(decimal))."
#define Q2_VRID                                                                \
	"MUST verify that the VRID is configured on the receiving interface "  \
	"and the local router is not the IP Address owner (Priority equals "   \
	"255 (decimal))."
#define Q3_ADVTIMER                                                            \
	"If the Adver_Timer fires, then: [...] Send an ADVERTISEMENT [...] "   \
	"Reset the Adver_Timer to Advertisement_Interval"
#define Q2_ADVTIMER                                                            \
	"If the Adver_Timer fires, then: o Send an ADVERTISEMENT o Reset the " \
	"Adver_Timer to Advertisement_Interval"
#define Q3_MDT                                                                 \
	"If the Master_Down_Timer fires, then: [...] Send an ADVERTISEMENT "   \
	"[...] Set the Adver_Timer to Advertisement_Interval [...] "           \
	"Transition to the {Master} state"
#define Q2_MDT                                                                 \
	"If the Master_Down_Timer fires, then: o Send an ADVERTISEMENT o "     \
	"Broadcast a gratuitous ARP request containing the virtual router "    \
	"MAC address for each IP address associated with the virtual router "  \
	"o Set the Adver_Timer to Advertisement_Interval o Transition to the " \
	"{Master} state"
#define Q3_PRIO                                                                \
	"The priority value for the VRRP router that owns the IPvX address "   \
	"associated with the virtual router MUST be 255 (decimal).  VRRP "     \
	"routers backing up a virtual router MUST use priority values "        \
	"between 1-254 (decimal)."
#define Q2_PRIO                                                                \
	"The priority value for the VRRP router that owns the IP address(es) " \
	"associated with the virtual router MUST be 255 (decimal).  VRRP "     \
	"routers backing up a virtual router MUST use priority values "        \
	"between 1-254 (decimal)."

static const struct cf_case cases[] = {
	/* ---- group 2: state transitions ---- */
	K("vrrp.startup-backup", CK_MUST, R3, "6.4.1",
	  "Set the Master_Down_Timer to Master_Down_Interval [...] Transition "
	  "to the {Backup} state",
	  "A non-owner starts in Backup and becomes Master one "
	  "Master_Down_Interval later when alone",
	  cf_vrrp_startup_backup_v3),
	K("vrrp.v2.startup-backup", CK_MUST, R2, "6.4.1",
	  "o Set the Master_Down_Timer to Master_Down_Interval o Transition "
	  "to the {Backup} state",
	  "VRRPv2: a non-owner starts in Backup and becomes Master one "
	  "Master_Down_Interval later when alone",
	  cf_vrrp_startup_backup_v2),
	K("vrrp.startup-owner", CK_MUST, R3, "6.4.1",
	  "If the Priority = 255 (i.e., the router owns the IPvX address "
	  "associated with the virtual router), then: [...] Send an "
	  "ADVERTISEMENT [...] Transition to the {Master} state",
	  "The address owner becomes Master at startup and sends an "
	  "advertisement and gratuitous ARP / unsolicited NA at once",
	  cf_vrrp_startup_owner_v3),
	K("vrrp.v2.startup-owner", CK_MUST, R2, "6.4.1",
	  "If the Priority = 255 (i.e., the router owns the IP address(es) "
	  "associated with the virtual router) o Send an ADVERTISEMENT o "
	  "Broadcast a gratuitous ARP request containing the virtual router "
	  "MAC address for each IP address associated with the virtual "
	  "router. o Set the Adver_Timer to Advertisement_Interval o "
	  "Transition to the {Master} state",
	  "VRRPv2: the address owner becomes Master at startup, advertising "
	  "and announcing at once",
	  cf_vrrp_startup_owner_v2),
	K("vrrp.master-down", CK_MUST, R3, "6.4.2", Q3_MDT,
	  "Backup becomes Master exactly Master_Down_Interval after the last "
	  "advertisement, advertising and announcing at once",
	  cf_vrrp_master_down_v3),
	K("vrrp.v2.master-down", CK_MUST, R2, "6.4.2", Q2_MDT,
	  "VRRPv2: Backup becomes Master exactly Master_Down_Interval after "
	  "the last advertisement",
	  cf_vrrp_master_down_v2),
	K("vrrp.priority-zero", CK_MUST, R3, "6.4.2",
	  "If the Priority in the ADVERTISEMENT is zero, then: [...] Set the "
	  "Master_Down_Timer to Skew_Time",
	  "A priority 0 advertisement makes the Backup Master exactly "
	  "Skew_Time later",
	  cf_vrrp_priority_zero_v3),
	K("vrrp.v2.priority-zero", CK_MUST, R2, "6.4.2",
	  "If the Priority in the ADVERTISEMENT is Zero, then: o Set the "
	  "Master_Down_Timer to Skew_Time",
	  "VRRPv2: a priority 0 advertisement makes the Backup Master exactly "
	  "Skew_Time later",
	  cf_vrrp_priority_zero_v2),
	K("vrrp.master-higher", CK_MUST, R3, "6.4.3",
	  "If the Priority in the ADVERTISEMENT is greater than the local "
	  "Priority, [...] then: [...] Cancel Adver_Timer [...] Set "
	  "Master_Down_Timer to Master_Down_Interval [...] Transition to the "
	  "{Backup} state",
	  "A Master hearing a greater priority becomes Backup at once, stops "
	  "advertising and times the new Master out",
	  cf_vrrp_master_higher_v3),
	K("vrrp.v2.master-higher", CK_MUST, R2, "6.4.3",
	  "If the Priority in the ADVERTISEMENT is greater than the local "
	  "Priority, [...] then: o Cancel Adver_Timer o Set Master_Down_Timer "
	  "to Master_Down_Interval o Transition to the {Backup} state",
	  "VRRPv2: a Master hearing a greater priority becomes Backup at once",
	  cf_vrrp_master_higher_v2),
	K("vrrp.master-tie", CK_MUST, R3, "6.4.3",
	  "If the Priority in the ADVERTISEMENT is equal to the local "
	  "Priority and the primary IPvX Address of the sender is greater "
	  "than the local primary IPvX Address, then: [...] Transition to the "
	  "{Backup} state [...] else // new Master logic [...] Discard "
	  "ADVERTISEMENT",
	  "Equal priority: a greater sender address takes the role, a smaller "
	  "one is discarded",
	  cf_vrrp_master_tie_v3),
	K("vrrp.v2.master-tie", CK_MUST, R2, "6.4.3",
	  "If the Priority in the ADVERTISEMENT is equal to the local "
	  "Priority and the primary IP Address of the sender is greater than "
	  "the local primary IP Address, then: o Cancel Adver_Timer o Set "
	  "Master_Down_Timer to Master_Down_Interval o Transition to the "
	  "{Backup} state else: o Discard ADVERTISEMENT",
	  "VRRPv2: equal priority: a greater sender address takes the role, a "
	  "smaller one is discarded",
	  cf_vrrp_master_tie_v2),
	K("vrrp.master-shutdown", CK_MUST, R3, "6.4.3",
	  "If a Shutdown event is received, then: [...] Cancel the Adver_Timer "
	  "[...] Send an ADVERTISEMENT with Priority = 0 [...] Transition to "
	  "the {Initialize} state",
	  "A Master shut down sends one priority 0 advertisement and no more",
	  cf_vrrp_master_shutdown_v3),
	K("vrrp.v2.master-shutdown", CK_MUST, R2, "6.4.3",
	  "If a Shutdown event is received, then: o Cancel the Adver_Timer o "
	  "Send an ADVERTISEMENT with Priority = 0 o Transition to the "
	  "{Initialize} state",
	  "VRRPv2: a Master shut down sends one priority 0 advertisement and "
	  "no more",
	  cf_vrrp_master_shutdown_v2),
	K("vrrp.master-prio0", CK_MUST, R3, "6.4.3",
	  "If the Priority in the ADVERTISEMENT is zero, then: [...] Send an "
	  "ADVERTISEMENT [...] Reset the Adver_Timer to Advertisement_Interval",
	  "A Master hearing priority 0 advertises at once and restarts its "
	  "Adver_Timer",
	  cf_vrrp_master_prio0_v3),
	K("vrrp.v2.master-prio0", CK_MUST, R2, "6.4.3",
	  "If the Priority in the ADVERTISEMENT is Zero, then: o Send an "
	  "ADVERTISEMENT o Reset the Adver_Timer to Advertisement_Interval",
	  "VRRPv2: a Master hearing priority 0 advertises at once and "
	  "restarts its Adver_Timer",
	  cf_vrrp_master_prio0_v2),
	K("vrrp.preempt-off", CK_MUST, R3, "6.4.2",
	  "If Preempt_Mode is False, or if the Priority in the ADVERTISEMENT "
	  "is greater than or equal to the local Priority, then: [...] Reset "
	  "the Master_Down_Timer to Master_Down_Interval",
	  "Preempt_Mode False: a higher-priority Backup does not preempt a "
	  "lower-priority Master",
	  cf_vrrp_preempt_off_v3),
	K("vrrp.v2.preempt-off", CK_MUST, R2, "6.4.2",
	  "If Preempt_Mode is False, or If the Priority in the ADVERTISEMENT "
	  "is greater than or equal to the local Priority, then: o Reset the "
	  "Master_Down_Timer to Master_Down_Interval",
	  "VRRPv2: Preempt_Mode False: no preemption of a lower-priority "
	  "Master",
	  cf_vrrp_preempt_off_v2),
	K("vrrp.preempt-on", CK_MUST, R3, "6.4.2",
	  "else // preempt was true or priority was less [...] Discard the "
	  "ADVERTISEMENT",
	  "Preempt_Mode True: lower-priority advertisements are discarded; "
	  "the Backup takes over one Master_Down_Interval after its start",
	  cf_vrrp_preempt_on_v3),
	K("vrrp.v2.preempt-on", CK_MUST, R2, "6.4.2",
	  "else: o Discard the ADVERTISEMENT",
	  "VRRPv2: Preempt_Mode True: lower-priority advertisements are "
	  "discarded",
	  cf_vrrp_preempt_on_v2),
	K("vrrp.preempt-delay", CK_SHOULD, R3, "6.1",
	  "Controls whether a (starting or restarting) higher-priority Backup "
	  "router preempts a lower-priority Master router.",
	  "VRP preemption delay (failsim extension): a higher-priority "
	  "Backup preempts exactly the configured delay after the first "
	  "lower-priority advertisement",
	  cf_vrrp_preempt_delay_v3),
	K("vrrp.v2.preempt-delay", CK_SHOULD, R2, "6.1",
	  "Controls whether a higher priority Backup router preempts a lower "
	  "priority Master.",
	  "VRRPv2, VRP preemption delay (failsim extension): preemption "
	  "exactly the configured delay after the first lower-priority "
	  "advertisement",
	  cf_vrrp_preempt_delay_v2),
	K("vrrp.learn-interval", CK_MUST, R3, "6.4.2",
	  "Set Master_Adver_Interval to Adver Interval contained in the "
	  "ADVERTISEMENT [...] Recompute the Master_Down_Interval [...] Reset "
	  "the Master_Down_Timer to Master_Down_Interval",
	  "The Backup learns the Master's interval and times it out with it",
	  cf_vrrp_learn_interval_v3),

	/* ---- group 3: parameters per virtual router ---- */
	K("vrrp.priority-range", CK_MUST, R3, "5.2.4", Q3_PRIO,
	  "Backup priorities are 1-254 (0 and 255 refused); the owner "
	  "advertises 255",
	  cf_vrrp_priority_range_v3),
	K("vrrp.v2.priority-range", CK_MUST, R2, "5.3.4", Q2_PRIO,
	  "VRRPv2: backup priorities are 1-254; the owner advertises 255",
	  cf_vrrp_priority_range_v2),
	K("vrrp.interval-range", CK_MUST, R3, "5.2.7",
	  "The Maximum Advertisement Interval is a 12-bit field that "
	  "indicates the time interval (in centiseconds) between "
	  "ADVERTISEMENTS.",
	  "Advertisement intervals of 1-4095 centiseconds are accepted, "
	  "advertised and kept; others refused",
	  cf_vrrp_interval_range_v3),
	K("vrrp.v2.interval-range", CK_MUST, R2, "5.3.7",
	  "The Advertisement interval indicates the time interval (in "
	  "seconds) between ADVERTISEMENTS.",
	  "VRRPv2: advertisement intervals of 1-255 whole seconds are "
	  "accepted, advertised and kept; others refused",
	  cf_vrrp_interval_range_v2),
	K("vrrp.skew-time", CK_MUST, R3, "6.1",
	  "Skew_Time Time to skew Master_Down_Interval in centiseconds. "
	  "Calculated as (((256 - priority) * Master_Adver_Interval) / 256)",
	  "Skew_Time over priorities 1-254 and intervals 1 cs - 3 s, observed "
	  "through the priority 0 takeover",
	  cf_vrrp_skew_time_v3),
	K("vrrp.v2.skew-time", CK_MUST, R2, "6.1",
	  "Skew_Time Time to skew Master_Down_Interval in seconds. Calculated "
	  "as: ( (256 - Priority) / 256 )",
	  "VRRPv2: Skew_Time over priorities 1-254, independent of the "
	  "interval",
	  cf_vrrp_skew_time_v2),
	K("vrrp.master-down-interval", CK_MUST, R3, "6.1",
	  "Master_Down_Interval Time interval for Backup to declare Master "
	  "down (centiseconds). Calculated as (3 * Master_Adver_Interval) + "
	  "Skew_time",
	  "Master_Down_Interval over priorities 1-254 and intervals 1 cs - "
	  "3 s",
	  cf_vrrp_mdi_table_v3),
	K("vrrp.v2.master-down-interval", CK_MUST, R2, "6.1",
	  "Master_Down_Interval Time interval for Backup to declare Master "
	  "down (seconds). Calculated as: (3 * Advertisement_Interval) + "
	  "Skew_time",
	  "VRRPv2: Master_Down_Interval over priorities 1-254 and intervals "
	  "1-3 s",
	  cf_vrrp_mdi_table_v2),
	K("vrrp.virtual-mac", CK_MUST, R3, "7.2, 7.3",
	  "Set the source MAC address to virtual router MAC Address",
	  "Advertisements leave from 00-00-5E-00-01-{VRID} (IPv6 "
	  "00-00-5E-00-02-{VRID}) for VRIDs 1, 42, 255",
	  cf_vrrp_virtual_mac_v3),
	K("vrrp.v2.virtual-mac", CK_MUST, R2, "7.2, 7.3",
	  "Set the source MAC address to Virtual Router MAC Address",
	  "VRRPv2: advertisements leave from 00-00-5E-00-01-{VRID}",
	  cf_vrrp_virtual_mac_v2),

	/* ---- group 4: transmission ---- */
	K("vrrp.tx-dst", CK_MUST, R3, "7.2, 5.1.1.2, 5.1.2.2",
	  "Set the IPvX protocol to VRRP [...] Send the VRRP packet to the "
	  "VRRP IPvX multicast group",
	  "Advertisements go to 224.0.0.18 / ff02::12 (group MAC), protocol "
	  "112",
	  cf_vrrp_tx_dst_v3),
	K("vrrp.v2.tx-dst", CK_MUST, R2, "7.2, 5.2.2",
	  "Set the IP protocol to VRRP [...] Send the VRRP packet to the VRRP "
	  "IP multicast group",
	  "VRRPv2: advertisements go to 224.0.0.18, protocol 112",
	  cf_vrrp_tx_dst_v2),
	K("vrrp.tx-ttl", CK_MUST, R3, "5.1.1.3, 5.1.2.3",
	  "The TTL MUST be set to 255.",
	  "Advertisements carry TTL / Hop Limit 255", cf_vrrp_tx_ttl_v3),
	K("vrrp.v2.tx-ttl", CK_MUST, R2, "5.2.3", "The TTL MUST be set to 255.",
	  "VRRPv2: advertisements carry TTL 255", cf_vrrp_tx_ttl_v2),
	K("vrrp.tx-src", CK_MUST, R3, "7.2, 5.1.1.1, 5.1.2.1",
	  "Set the source IPv4 address to interface primary IPv4 address "
	  "[...] else // ipv6 [...] Set the source IPv6 address to interface "
	  "link-local IPv6 address",
	  "Advertisements come from the interface's primary IPv4 or "
	  "link-local IPv6 address",
	  cf_vrrp_tx_src_v3),
	K("vrrp.v2.tx-src", CK_MUST, R2, "7.2, 5.2.1",
	  "Set the source IP address to interface primary IP address",
	  "VRRPv2: advertisements come from the interface's primary address",
	  cf_vrrp_tx_src_v2),
	K("vrrp.tx-first-ll", CK_MUST, R3, "5.2.9",
	  "For IPv6, the first address must be the IPv6 link-local address "
	  "associated with the virtual router.",
	  "IPv6: the first advertised address is the link-local one, whatever "
	  "order the addresses were configured in",
	  cf_vrrp_tx_first_ll_v6),
	K("vrrp.tx-checksum", CK_MUST, R3, "5.2.8",
	  "The checksum is the 16-bit one's complement of the one's "
	  "complement sum of the entire VRRP message starting with the "
	  "version field and a \"pseudo-header\" as defined in Section 8.1 of "
	  "[RFC2460].",
	  "Advertisement checksums are right (recomputed with the "
	  "pseudo-header)",
	  cf_vrrp_tx_checksum_v3),
	K("vrrp.v2.tx-checksum", CK_MUST, R2, "5.3.8",
	  "The checksum is the 16-bit one's complement of the one's "
	  "complement sum of the entire VRRP message starting with the "
	  "version field.",
	  "VRRPv2: advertisement checksums are right (recomputed)",
	  cf_vrrp_tx_checksum_v2),
	K("vrrp.tx-interval", CK_MUST, R3, "6.4.3", Q3_ADVTIMER,
	  "The Master advertises exactly every Advertisement_Interval (1 s, "
	  "3 s, 70 ms)",
	  cf_vrrp_tx_interval_v3),
	K("vrrp.v2.tx-interval", CK_MUST, R2, "6.4.3", Q2_ADVTIMER,
	  "VRRPv2: the Master advertises exactly every Advertisement_Interval",
	  cf_vrrp_tx_interval_v2),
	K("vrrp.tx-fields", CK_MUST, R3, "7.2, 5.2",
	  "Fill in the VRRP packet fields with the appropriate virtual router "
	  "configuration state",
	  "Advertisements carry version 3, type 1, the VRID, priority, "
	  "addresses and interval configured, reserved bits zero",
	  cf_vrrp_tx_fields_v3),
	K("vrrp.v2.tx-fields", CK_MUST, R2, "7.2, 5.3",
	  "Fill in the VRRP packet fields with the appropriate virtual router "
	  "configuration state",
	  "VRRPv2: version 2, type 1, VRID, priority, addresses, interval and "
	  "authentication as configured",
	  cf_vrrp_tx_fields_v2),

	/* ---- group 4: reception of invalid packets ---- */
	K("vrrp.rx-ttl", CK_MUST, R3, "5.1.1.3, 5.1.2.3, 7.1",
	  "A VRRP router receiving a packet with the TTL not equal to 255 "
	  "MUST discard the packet.",
	  "Advertisements with TTL / Hop Limit other than 255 are discarded "
	  "(the Master is timed out) and counted",
	  cf_vrrp_rx_ttl_v3),
	K("vrrp.v2.rx-ttl", CK_MUST, R2, "5.2.3, 7.1",
	  "A VRRP router receiving a packet with the TTL not equal to 255 "
	  "MUST discard the packet.",
	  "VRRPv2: advertisements with TTL other than 255 are discarded and "
	  "counted",
	  cf_vrrp_rx_ttl_v2),
	K("vrrp.rx-version", CK_MUST, R3, "7.1",
	  "MUST verify that the VRRP version is 3.",
	  "Advertisements of version 2 or 4 are discarded and counted",
	  cf_vrrp_rx_version_v3),
	K("vrrp.v2.rx-version", CK_MUST, R2, "7.1",
	  "MUST verify the VRRP version is 2.",
	  "VRRPv2: advertisements of version 3 or 1 are discarded and counted",
	  cf_vrrp_rx_version_v2),
	K("vrrp.rx-length", CK_MUST, R3, "7.1",
	  "MUST verify that the received packet contains the complete VRRP "
	  "packet (including fixed fields, and IPvX address(es)).",
	  "Incomplete advertisements are discarded and counted",
	  cf_vrrp_rx_length_v3),
	K("vrrp.v2.rx-length", CK_MUST, R2, "7.1",
	  "MUST verify that the received packet contains the complete VRRP "
	  "packet (including fixed fields, IP Address(es), and Authentication "
	  "Data).",
	  "VRRPv2: incomplete advertisements are discarded and counted",
	  cf_vrrp_rx_length_v2),
	K("vrrp.rx-checksum", CK_MUST, R3, "7.1",
	  "MUST verify the VRRP checksum.",
	  "Advertisements with a bad checksum are discarded and counted",
	  cf_vrrp_rx_checksum_v3),
	K("vrrp.v2.rx-checksum", CK_MUST, R2, "7.1",
	  "MUST verify the VRRP checksum.",
	  "VRRPv2: advertisements with a bad checksum are discarded and "
	  "counted",
	  cf_vrrp_rx_checksum_v2),
	K("vrrp.rx-vrid", CK_MUST, R3, "7.1", Q3_VRID,
	  "Advertisements for a VRID not configured on the interface are "
	  "discarded and counted",
	  cf_vrrp_rx_vrid_v3),
	K("vrrp.v2.rx-vrid", CK_MUST, R2, "7.1", Q2_VRID,
	  "VRRPv2: advertisements for a VRID not configured on the interface "
	  "are discarded and counted",
	  cf_vrrp_rx_vrid_v2),
	K("vrrp.rx-type", CK_MUST, R3, "5.2.2",
	  "A packet with unknown type MUST be discarded.",
	  "Packets of unknown type are discarded and counted",
	  cf_vrrp_rx_type_v3),
	K("vrrp.v2.rx-type", CK_MUST, R2, "5.3.2",
	  "A packet with unknown type MUST be discarded.",
	  "VRRPv2: packets of unknown type are discarded and counted",
	  cf_vrrp_rx_type_v2),
	K("vrrp.rx-owner", CK_MUST, R3, "7.1", Q3_VRID,
	  "The address owner discards every advertisement (stays Master) and "
	  "counts them",
	  cf_vrrp_rx_owner_v3),
	K("vrrp.v2.rx-owner", CK_MUST, R2, "7.1", Q2_VRID,
	  "VRRPv2: the address owner discards every advertisement",
	  cf_vrrp_rx_owner_v2),
	K("vrrp.rx-addrs", CK_SHOULD, R3, "7.1",
	  "If the above check fails, the receiver SHOULD log the event and "
	  "MAY indicate via network management that a misconfiguration was "
	  "detected.",
	  "An address list that differs from the configuration is logged "
	  "(one addr-mismatch event each) and counted; the advertisement is "
	  "still processed",
	  cf_vrrp_rx_addrs_v3),
	K("vrrp.v2.rx-addrs", CK_MUST, R2, "7.1",
	  "If the packet was not generated by the address owner (Priority "
	  "does not equal 255 (decimal)), the receiver MUST drop the packet, "
	  "otherwise continue processing.",
	  "VRRPv2: an address list that differs is dropped from a non-owner, "
	  "processed from the owner",
	  cf_vrrp_rx_addrs_v2),
	K("vrrp.v2.rx-auth", CK_MUST, R2, "5.3.6, 7.1",
	  "A packet with unknown authentication type or that does not match "
	  "the locally configured authentication method MUST be discarded.",
	  "VRRPv2: advertisements whose authentication does not match are "
	  "discarded and counted",
	  cf_vrrp_rx_auth_v2),
	K("vrrp.v2.rx-interval", CK_MUST, R2, "7.1",
	  "MUST verify that the Adver Interval in the packet is the same as "
	  "the locally configured for this virtual router",
	  "VRRPv2: advertisements with another interval are discarded and "
	  "counted",
	  cf_vrrp_rx_interval_v2),

	/* ---- address resolution, forwarding, acceptance ---- */
	K("vrrp.master-resolve", CK_MUST, R3, "6.4.3",
	  "MUST respond to ARP requests for the IPv4 address(es) associated "
	  "with the virtual router. [...] MUST respond to ND Neighbor "
	  "Solicitation message for the IPv6 address(es) associated with the "
	  "virtual router.",
	  "The Master answers ARP / NS for the virtual addresses with the "
	  "virtual MAC (NA with the Router flag)",
	  cf_vrrp_master_resolve_v3),
	K("vrrp.v2.master-resolve", CK_MUST, R2, "6.4.3",
	  "MUST respond to ARP requests for the IP address(es) associated with "
	  "the virtual router.",
	  "VRRPv2: the Master answers ARP for the virtual addresses with the "
	  "virtual MAC",
	  cf_vrrp_master_resolve_v2),
	K("vrrp.backup-resolve", CK_MUST, R3, "6.4.2",
	  "MUST NOT respond to ARP requests for the IPv4 address(es) "
	  "associated with the virtual router. [...] MUST NOT respond to ND "
	  "Neighbor Solicitation messages for the IPv6 address(es) associated "
	  "with the virtual router.",
	  "The Backup answers neither ARP nor NS for the virtual addresses",
	  cf_vrrp_backup_resolve_v3),
	K("vrrp.v2.backup-resolve", CK_MUST, R2, "6.4.2",
	  "MUST NOT respond to ARP requests for the IP address(s) associated "
	  "with the virtual router.",
	  "VRRPv2: the Backup does not answer ARP for the virtual addresses",
	  cf_vrrp_backup_resolve_v2),
	K("vrrp.announce", CK_MUST, R3, "6.4.2",
	  "Broadcast a gratuitous ARP request on that interface containing "
	  "the virtual router MAC address for each IPv4 address associated "
	  "with the virtual router. [...] For each IPv6 address associated "
	  "with the virtual router, send an unsolicited ND Neighbor "
	  "Advertisement with the Router Flag (R) set, the Solicited Flag (S) "
	  "unset, the Override flag (O) set",
	  "A new Master announces each virtual address (gratuitous ARP / "
	  "unsolicited NA R=1 S=0 O=1 with the virtual MAC) at once",
	  cf_vrrp_announce_v3),
	K("vrrp.v2.announce", CK_MUST, R2, "6.4.2", Q2_MDT,
	  "VRRPv2: a new Master broadcasts a gratuitous ARP with the virtual "
	  "MAC for each virtual address at once",
	  cf_vrrp_announce_v2),
	K("vrrp.master-forward", CK_MUST, R3, "6.4.3",
	  "MUST forward packets with a destination link-layer MAC address "
	  "equal to the virtual router MAC address.",
	  "The Master forwards packets sent to the virtual MAC",
	  cf_vrrp_master_forward_v3),
	K("vrrp.v2.master-forward", CK_MUST, R2, "6.4.3",
	  "MUST forward packets with a destination link layer MAC address "
	  "equal to the virtual router MAC address.",
	  "VRRPv2: the Master forwards packets sent to the virtual MAC",
	  cf_vrrp_master_forward_v2),
	K("vrrp.backup-discard", CK_MUST, R3, "6.4.2",
	  "MUST discard packets with a destination link-layer MAC address "
	  "equal to the virtual router MAC address.",
	  "The Backup discards packets sent to the virtual MAC",
	  cf_vrrp_backup_discard_v3),
	K("vrrp.v2.backup-discard", CK_MUST, R2, "6.4.2",
	  "MUST discard packets with a destination link layer MAC address "
	  "equal to the virtual router MAC address.",
	  "VRRPv2: the Backup discards packets sent to the virtual MAC",
	  cf_vrrp_backup_discard_v2),
	K("vrrp.accept", CK_MUST, R3, "6.4.3",
	  "MUST accept packets addressed to the IPvX address(es) associated "
	  "with the virtual router if it is the IPvX address owner or if "
	  "Accept_Mode is True.",
	  "The owner, or a Master with Accept_Mode, accepts packets to the "
	  "virtual address: UDP delivered or port unreachable, TCP RST, echo "
	  "reply",
	  cf_vrrp_accept_on_v3),
	K("vrrp.v2.accept", CK_MUST, R2, "6.4.3",
	  "MUST accept packets addressed to the IP address(es) associated with "
	  "the virtual router if it is the IP address owner.",
	  "VRRPv2: the owner accepts packets to the virtual address: UDP "
	  "delivered or port unreachable, TCP RST, echo reply",
	  cf_vrrp_accept_on_v2),
	K("vrrp.no-accept", CK_MUST, R3, "6.4.3",
	  "Otherwise, MUST NOT accept these packets.",
	  "A non-owner Master without Accept_Mode accepts no packet to the "
	  "virtual address: nothing delivered, no port unreachable, no TCP "
	  "RST (ICMP echo excepted: VRP answers pings to virtual addresses)",
	  cf_vrrp_accept_off_v3),
	K("vrrp.v2.no-accept", CK_MUST, R2, "6.4.3",
	  "MUST NOT accept packets addressed to the IP address(es) associated "
	  "with the virtual router if it is not the IP address owner.",
	  "VRRPv2: a non-owner Master accepts no packet to the virtual "
	  "address: nothing delivered, no port unreachable, no TCP RST (ICMP "
	  "echo excepted: VRP answers pings to virtual addresses)",
	  cf_vrrp_accept_off_v2),
	K("vrrp.backup-no-accept", CK_MUST, R3, "6.4.2",
	  "MUST NOT accept packets addressed to the IPvX address(es) "
	  "associated with the virtual router.",
	  "The Backup accepts no packet to the virtual address, echo "
	  "included (even with Accept_Mode)",
	  cf_vrrp_backup_accept_v3),
	K("vrrp.v2.backup-no-accept", CK_MUST, R2, "6.4.2",
	  "MUST NOT accept packets addressed to the IP address(es) associated "
	  "with the virtual router.",
	  "VRRPv2: the Backup accepts no packet to the virtual address",
	  cf_vrrp_backup_accept_v2),
};

const struct cf_suite cf_suite_vrrp = {
	.name = "vrrp",
	.what = "VRRPv2 (RFC 3768) and VRRPv3 for IPv4 and IPv6 (RFC 5798): "
		"the UNH-IOL VRRP Operations coverage and more",
	.cases = cases,
	.ncases = sizeof(cases) / sizeof(cases[0]),
};
