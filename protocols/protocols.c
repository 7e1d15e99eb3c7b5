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
#include "protocols/track/track.h"
#include "protocols/vrrp/vrrp_router.h"

const struct router_module *const protocols_all[] = {
	&bfd_module,
	&track_module,
	&vrrp_module,
	&mtrack_module,
	&gmp_module,
	&pim_module,
	NULL,
};

const struct node_module *const protocols_nodes[] = {
	&gmp_host_module,
	&gmp_snoop_module,
	NULL,
};
