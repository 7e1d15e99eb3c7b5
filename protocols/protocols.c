/*
 * The table of protocol modules (see protocols.h).
 */
#include "protocols/protocols.h"

#include "protocols/bfd/bfd_router.h"
#include "protocols/gmp/gmp_host.h"
#include "protocols/gmp/gmp_router.h"
#include "protocols/gmp/gmp_snoop.h"
#include "protocols/mtrack/mtrack.h"
#include "protocols/pim/pim_router.h"
#include "protocols/rbs/rbp.h"
#include "protocols/rbs/rbs.h"
#include "protocols/tcp/tcp_router.h"
#include "protocols/track/track.h"
#include "protocols/vrrp/vrrp_router.h"

const struct router_module *const protocols_all[] = {
	&bfd_module,	/* RFC 5880/5881/5883 */
	&tcp_module,	/* RFC 9293 TCP for router applications (RBS) */
	&track_module,	/* interface monitoring groups */
	&vrrp_module,	/* RFC 3768, RFC 5798, mVRRP */
	&mtrack_module, /* multicast track (follows VRRP) */
	&gmp_module,	/* IGMP, MLD: RFC 2236, 3376, 2710, 3810 */
	&pim_module,	/* PIM-SM: RFC 7761 (uses IGMP/MLD) */
	&rbs_module,	/* remote backup service channels (uses TCP, BFD) */
	&rbp_module,	/* hot backup of IGMP/MLD entries (RBS, VRRP) */
	NULL,
};

const struct node_module *const protocols_nodes[] = {
	&gmp_host_module,  /* hosts: IGMP/MLD receivers */
	&gmp_snoop_module, /* switches: IGMP/MLD snooping, RFC 4541 */
	NULL,
};
