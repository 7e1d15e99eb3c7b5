/*
 * PIM-SM on a router: the module that runs one protocol engine
 * (protocols/pim/pim.h) per family while `pim sm` (`pim ipv6 sm`) is
 * configured on some interface and multicast routing is on for the
 * family (`multicast [ipv6] routing-enable`). It owns the family's
 * multicast routing (router_mroute_owner), so no-cache, data-copy and
 * wrong-interface punts reach the engine and the engine's entries reach
 * the MFIB through the ASIC queue. It receives PIM (IP protocol 103) and
 * applies the IP-level rules of RFC 7761 section 4.9 before the engine
 * sees a message (multicast messages to ALL-PIM-ROUTERS with TTL 1 from
 * the link's address, link-local for IPv6; Register and Register-Stop
 * unicast), counting every rejection by reason. It feeds the engine the
 * interfaces that run, unicast routing changes (RPF, RFC 7761 4.5.7) and
 * local membership from IGMP/MLD (RFC 7761 4.1.6) and from static groups,
 * and registers the VRP commands and displays.
 */
#ifndef PIM_ROUTER_H
#define PIM_ROUTER_H

#include <stdbool.h>
#include <stdint.h>

#include "protocols/pim/pim.h"
#include "sim/router/router.h"

extern const struct router_module pim_module;

/* Why the router module discarded a received PIM message (before the
 * engine; the engine counts its own, see pim_if_info). */
enum pim_rx_drop {
	PIM_RX_MALFORMED, /* the codec refused it (reason logged) */
	PIM_RX_DISABLED,  /* PIM does not run on the interface / family */
	PIM_RX_TTL,	  /* a link message with TTL / Hop Limit not 1 */
	PIM_RX_DST,	  /* a link message not to ALL-PIM-ROUTERS, or a
			     Register / Register-Stop to a multicast group */
	PIM_RX_SRC,	  /* source unusable: unspecified, multicast, one
			     of ours, IPv6 link message not link-local,
			     IPv4 link message not on the subnet */
	PIM_RX__COUNT
};

/* "malformed", "disabled", "ttl", "destination", "source". */
const char *pim_rx_drop_name(enum pim_rx_drop d);

/* The engine of family af on r; NULL while it does not run. */
struct pim *pim_router_engine(struct router *r, enum net_af af);

/* Drops by reason on ifp for af (out has PIM_RX__COUNT entries); false
 * when PIM has never been configured there. */
bool pim_router_drops(struct router *r, struct node_iface *ifp, enum net_af af,
		      uint64_t *out);

#endif
