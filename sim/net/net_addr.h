/*
 * Link-layer and network-layer address types shared by every module. All
 * addresses are kept as bytes in network order; a struct net_addr carries
 * either family so routing tables, the ASIC and the configuration can treat
 * IPv4 and IPv6 alike. Includes the IPv6 multicast-to-MAC mapping (RFC 2464
 * section 7), the IPv4 one (RFC 1112 section 6.4), solicited-node multicast
 * (RFC 4291 section 2.7.1) and EUI-64 link-local generation (RFC 4291
 * appendix A).
 */
#ifndef NET_ADDR_H
#define NET_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct net_mac {
	uint8_t b[6];
};

struct net_ip4 {
	uint8_t b[4];
};

struct net_ip6 {
	uint8_t b[16];
};

enum net_af { NET_AF_NONE = 0, NET_AF_IP4 = 4, NET_AF_IP6 = 6 };

/* Either family; for IPv4 only b[0..3] are used, the rest are zero. */
struct net_addr {
	uint8_t af; /* enum net_af */
	uint8_t b[16];
};

struct net_prefix {
	struct net_addr addr; /* host bits zero */
	uint8_t len;	      /* prefix length in bits */
};

#define NET_MAC_STRLEN	  18 /* "00:00:5e:00:01:01" or "0000-5e00-0101" */
#define NET_ADDR_STRLEN	  46 /* INET6_ADDRSTRLEN */
#define NET_PREFIX_STRLEN 50

extern const struct net_mac net_mac_broadcast;

bool net_mac_eq(const struct net_mac *a, const struct net_mac *b);
bool net_mac_is_multicast(const struct net_mac *m); /* group bit, incl. bcast */
bool net_mac_is_broadcast(const struct net_mac *m);
/* "00:11:22:33:44:55", "0011-2233-4455" or "00-11-22-33-44-55". 0 or -1. */
int net_mac_parse(const char *s, struct net_mac *out);
/* Colon form, as Wireshark shows it. */
void net_mac_fmt(const struct net_mac *m, char *buf, size_t len);
/* VRP form "0011-2233-4455". */
void net_mac_fmt_vrp(const struct net_mac *m, char *buf, size_t len);

/* 01-00-5e + low 23 bits of the group (RFC 1112 section 6.4). */
struct net_mac net_mac_from_ip4_mcast(const struct net_ip4 *g);
/* 33-33 + low 32 bits of the group (RFC 2464 section 7). */
struct net_mac net_mac_from_ip6_mcast(const struct net_ip6 *g);

struct net_addr net_addr_from_ip4(const struct net_ip4 *a);
struct net_addr net_addr_from_ip6(const struct net_ip6 *a);
struct net_ip4 net_addr_ip4(const struct net_addr *a);
struct net_ip6 net_addr_ip6(const struct net_addr *a);
bool net_addr_eq(const struct net_addr *a, const struct net_addr *b);
/* Total order: family first, then bytes. For sorting and tie-breaks. */
int net_addr_cmp(const struct net_addr *a, const struct net_addr *b);
bool net_addr_is_unspec(const struct net_addr *a);
bool net_addr_is_multicast(const struct net_addr *a);
bool net_ip6_is_link_local(const struct net_ip6 *a); /* fe80::/10 */
bool net_ip6_is_multicast(const struct net_ip6 *a);
bool net_ip4_is_multicast(const struct net_ip4 *a);

/* Parse either family ("10.1.1.1", "2001:db8::1"). 0 or -1. */
int net_addr_parse(const char *s, struct net_addr *out);
void net_addr_fmt(const struct net_addr *a, char *buf, size_t len);
/* "10.1.1.0/24", "2001:db8::/32"; host bits must be zero unless lax. */
int net_prefix_parse(const char *s, struct net_prefix *out, bool lax);
void net_prefix_fmt(const struct net_prefix *p, char *buf, size_t len);
/* Zero the host bits of p->addr beyond p->len. */
void net_prefix_normalize(struct net_prefix *p);
bool net_prefix_contains(const struct net_prefix *p, const struct net_addr *a);
/* IPv4 dotted mask ("255.255.255.0") to a length; -1 if not contiguous. */
int net_ip4_mask_len(const struct net_ip4 *mask);

/* fe80::/64 with the modified EUI-64 interface identifier of mac. */
struct net_ip6 net_ip6_link_local_from_mac(const struct net_mac *mac);
/* ff02::1:ffXX:XXXX for a unicast address (RFC 4291 section 2.7.1). */
struct net_ip6 net_ip6_solicited_node(const struct net_ip6 *a);

#endif
