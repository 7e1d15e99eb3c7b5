/*
 * The interop quirks `failsim check --interop` knows: behaviours seen in
 * the field that strict RFC rules flag, each with the rules whose
 * violations it turns into notes. The rule ids are those of the rule
 * modules (ck_r_*.c). References: RFC 9568 (VRRPv3 over IPv4 checksum:
 * some implementations leave out the pseudo-header), RFC 7761 section 4.9
 * (PIM Register checksum over the whole packet, which receivers should
 * accept), RFC 2236 / RFC 3376 / RFC 2710 (Router Alert), RFC 5881
 * section 4 (BFD source port range), RFC 5798 6.4.2 (a Backup that
 * tracks the Master with BFD takes over before Master_Down_Interval),
 * RFC 3376 6.6.2 / RFC 3810 7.6.2 (a querier that follows VRRP takes
 * over at once).
 */
#include "conformance/check/ck_check.h"

static const char *const q_vrrp3_csum[] = { "vrrp.csum.v3-no-pseudo", NULL };
static const char *const q_offload[] = { "udp.csum", "tcp.csum", "ip4.csum",
					 NULL };
static const char *const q_no_ra[] = { "igmp.router-alert", "mld.router-alert",
				       NULL };
static const char *const q_pim_reg[] = { "pim.register.csum-header", NULL };
static const char *const q_bfd_port[] = { "bfd.src-port", NULL };
static const char *const q_vrrp_bfd[] = { "vrrp.takeover", NULL };
static const char *const q_gmp_vrrp[] = { "igmp.querier-election",
					  "mld.querier-election", NULL };

const struct ck_quirk ck_check_quirks[] = {
	{ "vrrp3-csum-no-pseudo",
	  "VRRPv3 over IPv4 checksum computed without the IPv4 "
	  "pseudo-header (a known vendor behaviour, RFC 9568)",
	  q_vrrp3_csum },
	{ "csum-offload",
	  "captured on the sending host with checksum offload: IPv4, UDP "
	  "and TCP checksums are left for the NIC and appear wrong",
	  q_offload },
	{ "igmp-no-router-alert",
	  "older hosts send IGMP and MLD messages without the IP Router "
	  "Alert option",
	  q_no_ra },
	{ "pim-register-full-csum",
	  "PIM Register checksum computed over the whole packet, not only "
	  "the PIM header (RFC 7761 4.9 asks receivers to accept it)",
	  q_pim_reg },
	{ "bfd-src-port", "BFD source port outside 49152-65535 (RFC 5881 4)",
	  q_bfd_port },
	{ "vrrp-bfd-takeover",
	  "a Backup that watches the Master with BFD (VRP: vrrp vrid V "
	  "track bfd-session ... peer) takes over when the session goes "
	  "Down, before Master_Down_Interval",
	  q_vrrp_bfd },
	{ "querier-follows-vrrp",
	  "IGMP/MLD held passive on a VRRP Backup (VRP's flowdown / hot "
	  "backup): the new VRRP Master queries at once instead of waiting "
	  "Other Querier Present Interval",
	  q_gmp_vrrp },
};

const size_t ck_check_nquirks =
	sizeof(ck_check_quirks) / sizeof(ck_check_quirks[0]);
