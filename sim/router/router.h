/*
 * A simulated router: a node with a forwarding plane (sim/asic), a
 * control plane (RIB, ARP/ND, ICMP, multicast state) and a VRP command
 * session (sim/cli). The control plane changes forwarding only through the
 * ASIC programming queue. Protocol modules reach the router through the
 * small API below: send IP/UDP/ICMPv6 packets, receive by IP protocol,
 * UDP port or ICMPv6 type, and follow interface state. A crash loses every
 * control-plane object and the ASIC tables; a restart boots again from the
 * startup configuration after the boot delay.
 */
#ifndef ROUTER_H
#define ROUTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/asic/asic.h"
#include "sim/cli/cli.h"
#include "sim/net/net_dissect.h"
#include "sim/node/node.h"
#include "sim/route/route_rib.h"
#include "sim/router/router_module.h"

struct router;

struct router_params {
	const char *name;
	const struct asic_profile *profile;
	const struct cli_registry *reg; /* from router_cli_registry_add */
	const char *config;		/* startup configuration, may be NULL */
	const char *config_src; /* name errors use, e.g. "flagship.yaml" */
	uint32_t config_line;	/* file line of the config's first line */
	uint32_t config_indent; /* file column of config column 1, minus 1 */
	sim_time_t boot_delay;	/* restart to running configuration */
	/* Protocol modules (router_module.h), NULL-terminated; may be NULL. */
	const struct router_module *const *modules;
};

struct router *router_new(struct node_env *env, const struct router_params *p);
struct node *router_node(struct router *r);
struct router *router_from_node(struct node *n); /* NULL if not a router */

/*
 * Add a physical port (a link endpoint). The name is canonicalised the way
 * the CLI does ("GE0/1/0" -> "GigabitEthernet0/1/0"). NULL with a reason in
 * why when the name is not an interface name or already exists.
 */
struct node_iface *router_port_add(struct router *r, const char *name,
				   char *why, size_t whylen);

/*
 * Run the startup configuration now (time 0 of a scenario). 0, or -1 with
 * the error "src:line:col: Error: ..." (and the offending line with a
 * caret) in err.
 */
int router_boot(struct router *r, char *err, size_t errlen);

/* Run one CLI line (or several, newline separated) in the router's session,
 * as an operator would; output and errors go to out. 0 or -1. */
int router_cli_exec(struct router *r, const char *lines, struct cli_out *out);

/* Control-plane freeze (fault injection). */
void router_freeze(struct router *r, sim_time_t duration);

struct asic *router_asic(struct router *r);
struct rt_rib *router_rib(struct router *r);
struct cli *router_cli(struct router *r);
bool router_booted(const struct router *r);

/* ---- for protocol modules ---- */

/* Where and how to send an IP packet from the control plane. */
struct router_ip_tx {
	struct node_iface *ifp; /* NULL: by route lookup of dst */
	struct net_addr src;	/* unspecified: the egress interface's */
	struct net_addr dst;
	uint8_t ttl;	   /* TTL / Hop Limit; 0 means 255 */
	uint8_t tos;	   /* TOS / Traffic Class */
	bool router_alert; /* RFC 2113 / RFC 2711 option */
	uint16_t ra_value;
	const struct net_mac *src_mac; /* NULL: the interface MAC */
	bool hw; /* from an offload engine: pipeline latency, not inject */
};

/* Returns 0 when sent or queued for resolution, -1 when dropped. */
int router_ip_send(struct router *r, const struct router_ip_tx *tx,
		   uint8_t proto, const void *payload, size_t len);
int router_udp_send(struct router *r, const struct router_ip_tx *tx,
		    uint16_t sport, uint16_t dport, const void *payload,
		    size_t len);
int router_icmp6_send(struct router *r, const struct router_ip_tx *tx,
		      uint8_t type, uint8_t code, const void *body, size_t len);

/* A received packet addressed to the router (or punted as protocol). */
typedef void (*router_rx_fn)(void *ctx, struct router *r,
			     struct node_iface *ifp,
			     const struct net_pkt_info *pi);

/* Receive by IP protocol number (af NET_AF_IP4 or NET_AF_IP6), UDP
 * destination port (both families) or ICMPv6 type. One handler each;
 * 0, or -1 when taken. */
int router_register_proto(struct router *r, enum net_af af, uint8_t proto,
			  router_rx_fn fn, void *ctx);
int router_register_udp(struct router *r, uint16_t port, router_rx_fn fn,
			void *ctx);
int router_register_icmp6(struct router *r, uint8_t type, router_rx_fn fn,
			  void *ctx);

/* Interface oper state listeners (called after the RIB is updated). */
typedef void (*router_iface_fn)(void *ctx, struct router *r,
				struct node_iface *ifp, bool up);
int router_iface_listen(struct router *r, router_iface_fn fn, void *ctx);

/*
 * Addresses a protocol owns on an interface (VRRP virtual addresses): ARP
 * requests and Neighbor Solicitations for them are answered with `mac`;
 * ICMP echo to them is answered; other packets to them are received only
 * with accept (RFC 5798 section 6.4.3 Accept_Mode). 0 or -1.
 */
int router_vaddr_add(struct router *r, struct node_iface *ifp,
		     const struct net_addr *a, const struct net_mac *mac,
		     bool accept);
int router_vaddr_del(struct router *r, struct node_iface *ifp,
		     const struct net_addr *a);
/* Send a ready-made frame out of ifp through the CPU inject path. */
void router_inject(struct router *r, struct node_iface *ifp,
		   struct net_frame *f);
/*
 * Hold an interface down on behalf of a protocol (VRRP flowdown) or let it
 * go: it is oper down and forwards nothing while held, but keeps its light,
 * so the peer sees no carrier change.
 */
void router_iface_hold(struct router *r, struct node_iface *ifp, bool hold,
		       const char *why);
/* Whether a protocol holds ifp down now (router_iface_hold). */
bool router_iface_held(const struct router *r, const struct node_iface *ifp);

/*
 * Link state of a port, whatever a protocol holds: administratively up
 * and carrier detected (what an interface monitoring group watches).
 * Listeners hear every change of it, held or not. 0 or -1.
 */
bool router_iface_link_up(const struct router *r, const struct node_iface *ifp);
typedef void (*router_link_fn)(void *ctx, struct router *r,
			       struct node_iface *ifp, bool up);
int router_link_listen(struct router *r, router_link_fn fn, void *ctx);

/*
 * Local membership (IGMP/MLD) on the router's interfaces. One provider
 * answers "do local listeners on ifp want (src, grp)?" (RFC 3376 section
 * 6.3 / RFC 3810 section 7.3 forwarding rules); the multicast control
 * plane asks it for every data-driven entry, besides the static groups.
 * The provider calls router_mcast_member_changed when membership of grp
 * on ifp changes (grp NULL: any group), and the affected entries are
 * recomputed and reprogrammed. 0, or -1 when a provider is already set
 * (fn NULL removes it).
 */
typedef bool (*router_member_fn)(void *ctx, struct router *r,
				 struct node_iface *ifp,
				 const struct net_addr *src,
				 const struct net_addr *grp);
int router_mcast_member_provider(struct router *r, router_member_fn fn,
				 void *ctx);
void router_mcast_member_changed(struct router *r, struct node_iface *ifp,
				 const struct net_addr *grp);
/* Whether `multicast [ipv6] routing-enable` is on for the family. */
bool router_mcast_enabled(const struct router *r, enum net_af af);
/* The static groups (`igmp static-group`, `mld static-group`) of ifp:
 * calls fn for each (src unspecified: any source). */
void router_mcast_static_each(struct router *r, struct node_iface *ifp,
			      void (*fn)(void *arg, const struct net_addr *grp,
					 const struct net_addr *src),
			      void *arg);

/*
 * A multicast routing protocol (PIM) owning a family's multicast routing.
 * While an owner is set for af, the router makes no data-driven entries
 * of that family (its existing ones are removed); no-cache punts, data
 * copies and wrong-iif punts of the family go to the owner instead, and
 * the owner programs every entry itself with router_mroute_set. Frames
 * and packet info are valid during the call only.
 */
struct router_mroute_ops {
	/* Multicast data with no MFIB entry (punted, "no-cache"). */
	void (*nocache)(void *ctx, struct router *r, struct node_iface *in,
			const struct net_pkt_info *pi,
			const struct net_frame *f);
	/* A copy of a data packet the owner asked for (cpu_copy entry):
	 * Register encapsulation at a DR, new sources on a (*,G) entry. */
	void (*data)(void *ctx, struct router *r, struct node_iface *in,
		     const struct net_pkt_info *pi, const struct net_frame *f);
	/* Data arrived on an outgoing interface of its entry (RFC 7761
	 * section 4.6: what triggers an Assert). */
	void (*wrong_iif)(void *ctx, struct router *r, struct node_iface *in,
			  const struct net_pkt_info *pi,
			  const struct net_frame *f);
};

/* 0, or -1 when another owner holds af (ops NULL releases it). */
int router_mroute_owner(struct router *r, enum net_af af,
			const struct router_mroute_ops *ops, void *ctx);

/*
 * Install or replace the MFIB entry (src, grp); src unspecified (af
 * NET_AF_NONE) is (*,G). iif: ifindex or ASIC_IFINDEX_NONE. The router
 * drops from oifs the iif, loopbacks, ports that are down and ports gated
 * closed (router_mcast_gate), and programs the ASIC only when the result
 * differs from what it last programmed (an iif-only change costs one
 * entry write). cpu_copy: every accepted packet is also punted to the
 * owner's data callback (rate limited by the CPU queue like any punt).
 * 0 or -1 (no memory, bad addresses).
 */
int router_mroute_set(struct router *r, const struct net_addr *src,
		      const struct net_addr *grp, int iif, const int *oifs,
		      size_t n, bool cpu_copy);
int router_mroute_del(struct router *r, const struct net_addr *src,
		      const struct net_addr *grp);
/* Packets the ASIC accepted for the entry so far (the keepalive of RFC
 * 7761 4.1.4 polls this, as a CPU reads hardware counters); false when
 * the entry is not (yet) in the ASIC. */
bool router_mroute_packets(struct router *r, const struct net_addr *src,
			   const struct net_addr *grp, uint64_t *packets);

/*
 * Send a multicast IP packet (ip: the IPv4/IPv6 header onwards, e.g. the
 * inner packet of a PIM Register at the RP) out of each of oifs through
 * the CPU inject path, TTL / hop limit decremented (dropped at <= 1), to
 * the group MAC. Returns the copies sent.
 */
size_t router_mcast_send(struct router *r, const uint8_t *ip, size_t len,
			 const int *oifs, size_t n);

/*
 * Gate multicast forwarding out of ifp for af: while closed the port is
 * left out of every outgoing list of the family, static, data-driven or
 * owner-programmed (`multicast track vrrp`: only the Master forwards
 * downstream). Opening or closing reprograms the affected entries through
 * the ASIC queue, so a switchover pays the programming cost.
 */
void router_mcast_gate(struct router *r, struct node_iface *ifp, enum net_af af,
		       bool open);
bool router_mcast_gate_open(const struct router *r,
			    const struct node_iface *ifp, enum net_af af);

/* Local receivers on ifp for (src, grp): static groups or the membership
 * provider (what RFC 7761 4.1.6 calls local_receiver_include). */
bool router_mcast_local_wants(struct router *r, struct node_iface *ifp,
			      const struct net_addr *src,
			      const struct net_addr *grp);

/* Unicast routing changed (a route added, removed or changed: RPF
 * checks must be redone). Called after the multicast plane has updated
 * its own entries. Up to ROUTER_MAX_LISTENERS; 0 or -1. */
typedef void (*router_rib_fn)(void *ctx, struct router *r);
int router_rib_listen(struct router *r, router_rib_fn fn, void *ctx);

/* ---- CLI registration (once per simulation) ---- */

/* Register the base views and commands (interface, ip address, routes,
 * multicast, display ...). 0 or -1 with cli_registry_error(). */
int router_cli_register(struct cli_registry *reg);

#endif
