/*
 * The host: a traffic source and receiver with a minimal IPv4/IPv6 stack.
 * Per interface it has addresses, a default gateway per family, an ARP and
 * an ND cache (node_nbr), joined multicast groups and an always-on IPv6
 * link-local address. It answers ARP requests, Neighbor Solicitations and
 * echo requests for its addresses, delivers UDP to bound ports, sends UDP
 * (multicast straight to the group MAC, unicast on-link or via the
 * gateway), and pings. Protocol modules that run on hosts (IGMP/MLD host
 * side, TCP) hook in through listeners. Multicast reception follows the
 * service interface of RFC 3376 sections 2 and 3 (RFC 3810 section 4 is the
 * same for IPv6): each socket asks for a group with a filter mode and a
 * source list (node_host_listen); the interface state is their merge, and
 * it decides which multicast datagrams are delivered and what the IGMP/MLD
 * host side reports. See node_host.c for the rules.
 */
#ifndef NODE_HOST_H
#define NODE_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_dissect.h"
#include "sim/node/node.h"
#include "sim/node/node_nbr.h"

#define NODE_HOST_MAX_LISTENERS 8
/* Sources in one socket's filter (RFC 3376 section 2 sets no bound). */
#define NODE_HOST_MAX_SRCS     1024
#define NODE_HOST_PING_TIMEOUT SIM_S(2)

/* A received UDP datagram; payload is valid during the callback only. */
struct node_host_udp_rx {
	struct node_iface *ifp;
	struct net_addr src, dst;
	uint16_t sport, dport;
	const uint8_t *payload;
	size_t len;
	sim_time_t t; /* arrival (last bit), ns */
	uint8_t ttl;  /* TTL or Hop Limit as received */
};

typedef void (*node_host_udp_fn)(void *ctx, struct node *h,
				 const struct node_host_udp_rx *m);

/* Hooks for protocols running on the host; any member may be NULL. */
struct node_host_listener {
	/* A group was joined (true) or left on ifp; also called with true
	 * for every joined group when the host restarts. */
	void (*group)(void *ctx, struct node *h, struct node_iface *ifp,
		      const struct net_addr *group, bool joined);
	/* An interface went oper up or down. */
	void (*iface)(void *ctx, struct node *h, struct node_iface *ifp,
		      bool up);
	/* An IP packet for this host that the host does not handle itself
	 * (IGMP, MLD, TCP, ...). Return true when consumed. */
	bool (*ip_rx)(void *ctx, struct node *h, struct node_iface *ifp,
		      const struct net_pkt_info *pi, const struct net_frame *f);
	/* The interface state of group on ifp changed (mode or sources; also
	 * when it appears or goes away, and for every group when the host
	 * restarts); read it with node_host_filter. */
	void (*filter)(void *ctx, struct node *h, struct node_iface *ifp,
		       const struct net_addr *group);
	/* The membership signalling version of ifp for af was set
	 * (node_host_set_gmp_version), possibly to the same value. */
	void (*gmp_version)(void *ctx, struct node *h, struct node_iface *ifp,
			    enum net_af af, uint8_t version);
	/* The host crashed: drop protocol state and stay silent. Restart
	 * then tells group and filter about every group again. */
	void (*crash)(void *ctx, struct node *h);
	void *ctx;
};

/* Per-host receive and transmit counters (frames). */
struct node_host_cnt {
	uint64_t rx_not_mine;  /* MAC or IP destination not ours */
	uint64_t rx_bad;       /* rejected by a decoder (see node->drops) */
	uint64_t rx_invalid;   /* well formed but invalid (ND hop limit...) */
	uint64_t rx_unhandled; /* protocol the host does not handle */
	uint64_t rx_no_port;   /* UDP to a port nobody bound */
	uint64_t rx_filtered;  /* multicast UDP from a source the interface
				  state refuses (RFC 3376 section 3.2) */
	uint64_t udp_rx, udp_tx;
	uint64_t echo_answered;
	uint64_t tx_no_route;  /* nothing to send it through */
	uint64_t tx_nbr_drops; /* neighbor cache refused the frame */
};

struct node_host_ping_stats {
	struct net_addr dst;
	uint16_t ident; /* ICMP Identifier */
	uint32_t count; /* requests wanted */
	uint32_t sent, received, timeouts, late, errors;
	sim_time_t rtt_min, rtt_max, rtt_sum, rtt_last; /* ns */
	bool done; /* every request answered or timed out */
};

struct node *node_host_new(struct node_env *env, const char *name);
/* Add an interface (node_iface_add plus the host's per-interface state:
 * neighbor caches, link-local address). NULL on failure. */
struct node_iface *node_host_iface_add(struct node *h, const char *name,
				       const struct net_mac *mac);

/* Configuration; return 0 or a negative errno (-ENODEV: no such
 * interface, -ENOMEM, or what node_iface_add_addr4/6 returns). */
int node_host_set_ipv4(struct node *h, const char *ifname,
		       const struct net_ip4 *a, uint8_t plen);
int node_host_set_gateway(struct node *h, const char *ifname,
			  const struct net_ip4 *gw);
int node_host_set_ipv6(struct node *h, const char *ifname,
		       const struct net_ip6 *a, uint8_t plen);
int node_host_set_gateway6(struct node *h, const char *ifname,
			   const struct net_ip6 *gw);

enum node_host_filter { NODE_HOST_INCLUDE, NODE_HOST_EXCLUDE };

/*
 * IPMulticastListen (RFC 3376 section 2) on ifname (NULL: every interface):
 * socket sock (the caller's id) wants group with filter mode and sources
 * (nsrc at most NODE_HOST_MAX_SRCS; unicast addresses of the group's
 * family; duplicates are ignored). INCLUDE with no sources deletes the
 * socket's record. The interface state is then the merge of section 3.2:
 * EXCLUDE when any socket excludes, with the intersection of the EXCLUDE
 * lists minus the union of the INCLUDE lists; else INCLUDE with the union
 * of the INCLUDE lists. 0, -EINVAL (bad group or source, not a host),
 * -E2BIG, -ENODEV or -ENOMEM.
 */
int node_host_listen(struct node *h, const char *ifname, uint32_t sock,
		     const struct net_addr *group, enum node_host_filter mode,
		     const struct net_addr *srcs, size_t nsrc);
/* Socket 0 EXCLUDE {} (join: every source) and INCLUDE {} (leave), on
 * ifname or every interface. 0 or -errno; joining twice or leaving a group
 * not joined is not an error. */
int node_host_join(struct node *h, const char *ifname,
		   const struct net_addr *group);
int node_host_leave(struct node *h, const char *ifname,
		    const struct net_addr *group);
/* The interface has reception state for group (any socket wants it). */
bool node_host_joined(const struct node *h, const struct node_iface *ifp,
		      const struct net_addr *group);
/* The interface state of group on ifp: false when there is none (INCLUDE
 * {}). *srcs (sorted, may be NULL when *nsrc is 0) stays valid until the
 * next membership change on the host. */
bool node_host_filter(const struct node *h, const struct node_iface *ifp,
		      const struct net_addr *group, enum node_host_filter *mode,
		      const struct net_addr **srcs, size_t *nsrc);
/* Call fn for every group with reception state on ifp, in ascending group
 * order; fn must not change membership. */
void node_host_each_group(const struct node *h, const struct node_iface *ifp,
			  void (*fn)(void *arg, const struct net_addr *group),
			  void *arg);

/*
 * The group membership signalling version the host runs on ifname (NULL:
 * every interface) for af, as Linux's force_igmp_version: 0 (the default)
 * none, membership is static and nothing is sent; IGMP 1..3, MLD 1..2.
 * 0, -EINVAL or -ENODEV. Listeners are told (gmp_version).
 */
int node_host_set_gmp_version(struct node *h, const char *ifname,
			      enum net_af af, uint8_t version);
uint8_t node_host_gmp_version(const struct node *h,
			      const struct node_iface *ifp, enum net_af af);

int node_host_add_listener(struct node *h, const struct node_host_listener *l);
/* Remove the listener registered with this ctx (all of them). */
void node_host_del_listener(struct node *h, void *ctx);

/* UDP: one callback per local port (any address). 0, -EADDRINUSE,
 * -ENOMEM. */
int node_host_udp_bind(struct node *h, uint16_t port, node_host_udp_fn cb,
		       void *ctx);
int node_host_udp_unbind(struct node *h, uint16_t port);
/* Send a datagram (ttl 0 means 64). 0, or -ENETUNREACH (no interface or
 * route), -EMSGSIZE, -ENOBUFS, -EINVAL. Unicast waits for address
 * resolution (queued in the neighbor cache). */
int node_host_udp_send(struct node *h, const struct net_addr *dst,
		       uint16_t sport, uint16_t dport, uint8_t ttl,
		       const void *payload, size_t len);
/* Any IP payload (proto / next header), for protocols such as TCP. */
int node_host_ip_send(struct node *h, const struct net_addr *dst, uint8_t proto,
		      uint8_t ttl, const void *payload, size_t len);
/*
 * A ready IP payload out of ifp (IGMP, MLD): src NULL picks the interface's
 * primary IPv4 address (0.0.0.0 without one) or its IPv6 link-local
 * address; ttl 0 means 64; router_alert adds the IPv4 option (RFC 2113) or
 * the IPv6 hop-by-hop option with value 0 (RFC 2711: MLD). A multicast
 * destination goes to the group MAC without resolution, a unicast one
 * through ifp's neighbor cache. 0, -EINVAL, -ENETDOWN (crashed, or ifp not
 * up), -EADDRNOTAVAIL (no link-local), -EMSGSIZE or -ENOBUFS.
 */
int node_host_ip_send_opts(struct node *h, struct node_iface *ifp,
			   const struct net_addr *src,
			   const struct net_addr *dst, uint8_t proto,
			   uint8_t ttl, bool router_alert, const void *payload,
			   size_t len);
/* The source address the host would use towards dst. 0 or -ENETUNREACH. */
int node_host_src_for(struct node *h, const struct net_addr *dst,
		      struct net_addr *src);

/* Ping dst count times, interval apart (first request now). Returns the
 * session id (>= 0) or a negative errno. Replies and timeouts (after the
 * ping timeout, 2 s by default) are logged with module "ping". */
int node_host_ping(struct node *h, const struct net_addr *dst, uint32_t count,
		   sim_time_t interval);
void node_host_set_ping_timeout(struct node *h, sim_time_t timeout);
const struct node_host_ping_stats *node_host_ping_stats(const struct node *h,
							int id);

const struct node_host_cnt *node_host_counters(const struct node *h);
/* The interface's ARP (NET_AF_IP4) or ND (NET_AF_IP6) cache, or NULL. */
struct node_nbr *node_host_nbr(struct node *h, const char *ifname,
			       enum net_af af);

#endif
