/*
 * Internals of the host, shared by node_host.c (node kind, configuration,
 * receive path), node_host_tx.c (routing and sending, ARP/ND answers) and
 * node_host_ping.c (ping sessions). Not for use outside sim/node.
 */
#ifndef NODE_HOST_IMPL_H
#define NODE_HOST_IMPL_H

#include "sim/net/net_build.h"
#include "sim/node/node_host.h"

struct node_host;

/* A source list: sorted (net_addr_cmp), no duplicates. */
struct host_srcs {
	struct net_addr *v;
	size_t n;
};

/* One socket's record (RFC 3376 section 3.1). */
struct host_sock {
	uint32_t sock;
	struct net_addr group;
	enum node_host_filter mode;
	struct host_srcs srcs;
};

/* The interface state of one group (RFC 3376 section 3.2). */
struct host_mship {
	struct net_addr group;
	enum node_host_filter mode;
	struct host_srcs srcs;
};

struct host_if {
	struct node_host *h;
	struct node_iface *ifp;
	struct node_nbr arp, nd;
	bool has_gw4, has_gw6;
	struct net_ip4 gw4;
	struct net_ip6 gw6;
	struct host_sock *socks; /* unordered */
	int nsocks, capsocks;
	struct host_mship *groups; /* ascending group order */
	int ngroups, capgroups;
	uint8_t gmp_ver4, gmp_ver6; /* node_host_set_gmp_version */
};

struct host_udp_bind {
	uint16_t port;
	node_host_udp_fn cb;
	void *ctx;
};

struct host_ping {
	struct node_host *h;
	int id;
	sim_time_t interval;
	sim_time_t *sent_at; /* per request; -1 until sent */
	uint8_t *state;	     /* per request: HOST_PING_* */
	uint32_t next;	     /* next request to send (index) */
	uint32_t oldest;     /* oldest request not answered or timed out */
	struct node_timer send_t, timeout_t;
	struct node_host_ping_stats st;
};

enum { HOST_PING_WAIT, HOST_PING_REPLIED, HOST_PING_TIMEOUT, HOST_PING_ERROR };

struct node_host {
	struct node node; /* first */
	struct host_udp_bind *binds;
	int nbinds, capbinds;
	struct host_ping **pings;
	int npings;
	sim_time_t ping_timeout;
	uint16_t ip_id; /* IPv4 Identification of the next packet */
	struct node_host_listener listeners[NODE_HOST_MAX_LISTENERS];
	int nlisteners;
	struct node_host_cnt cnt;
};

/* Where a packet to dst goes. */
struct host_route {
	struct node_iface *ifp;
	struct host_if *hi;
	struct net_addr src, dst, nh;
	bool l2_known; /* multicast/broadcast: mac is the destination */
	struct net_mac mac;
};

static inline struct node_host *host_of(const struct node *n)
{
	return (struct node_host *)n;
}

struct host_if *host_if_get(struct node_host *h, struct node_iface *ifp);
bool host_is(const struct node *n);

/* node_host_tx.c */
struct host_udp_bind *host_bind_find(const struct node_host *h, uint16_t port);
int host_route(struct node_host *h, const struct net_addr *dst,
	       struct host_route *rt);
/* Build with fn into a fresh frame (l2 dst zero unless known) and send it
 * along rt. 0 or -errno. */
int host_send(struct node_host *h, const struct host_route *rt,
	      int (*fn)(struct net_wr *w, const struct host_route *rt,
			const struct net_l2 *l2, const void *arg),
	      const void *arg);
void host_arp_rx(struct node_host *h, struct host_if *hi,
		 const struct net_pkt_info *pi);
void host_nd_rx(struct node_host *h, struct host_if *hi,
		const struct net_pkt_info *pi);
void host_echo_rx(struct node_host *h, struct host_if *hi,
		  const struct net_pkt_info *pi);
int host_send_echo(struct node_host *h, const struct net_addr *dst, uint16_t id,
		   uint16_t seq, const void *data, size_t len);
/* The source for ifp towards a link-scope destination of af: IPv4 primary
 * (0.0.0.0 when none), IPv6 link-local. False when there is none. */
bool host_src_link(const struct node_iface *ifp, enum net_af af,
		   struct net_addr *src);
extern const struct node_nbr_ops host_nbr_ops;

/* node_host_ping.c */
void host_ping_reply(struct node_host *h, const struct net_pkt_info *pi,
		     uint16_t ident, uint16_t seq);
void host_ping_free_all(struct node_host *h);
void host_ping_stop_all(struct node_host *h);

#endif
