/*
 * Address helpers declared in net_addr.h: MAC parsing and formatting (colon,
 * dash and VRP dotted-quad-of-hex forms), IPv4/IPv6 parsing and formatting
 * (IPv6 text per RFC 5952 as produced by inet_ntop), prefixes, the multicast
 * IP-to-MAC mappings of RFC 1112 section 6.4 and RFC 2464 section 7, the
 * solicited-node multicast address of RFC 4291 section 2.7.1 and modified
 * EUI-64 link-local addresses (RFC 4291 appendix A, RFC 4862 section 5.3).
 */
#include "sim/net/net_addr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

const struct net_mac net_mac_broadcast = { { 0xff, 0xff, 0xff, 0xff, 0xff,
					     0xff } };

bool net_mac_eq(const struct net_mac *a, const struct net_mac *b)
{
	return memcmp(a->b, b->b, sizeof(a->b)) == 0;
}

bool net_mac_is_multicast(const struct net_mac *m)
{
	return (m->b[0] & 0x01) != 0;
}

bool net_mac_is_broadcast(const struct net_mac *m)
{
	return net_mac_eq(m, &net_mac_broadcast);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Read 12 hex digits from s, allowing separator sep after every group of
 * group_len digits (except the last). The whole string must be consumed.
 */
static int mac_parse_grouped(const char *s, char sep, int group_len,
			     struct net_mac *out)
{
	uint8_t nib[12];
	int n = 0;

	while (n < 12) {
		int v = hexval(*s);

		if (v < 0)
			return -1;
		nib[n++] = (uint8_t)v;
		s++;
		if (n < 12 && n % group_len == 0) {
			if (*s != sep)
				return -1;
			s++;
		}
	}
	if (*s != '\0')
		return -1;
	for (int i = 0; i < 6; i++)
		out->b[i] = (uint8_t)(nib[2 * i] << 4 | nib[2 * i + 1]);
	return 0;
}

int net_mac_parse(const char *s, struct net_mac *out)
{
	struct net_mac m;
	size_t n;

	if (!s)
		return -1;
	n = strlen(s);
	if (n == 17 && s[2] == ':') {
		if (mac_parse_grouped(s, ':', 2, &m) < 0)
			return -1;
	} else if (n == 17 && s[2] == '-') {
		if (mac_parse_grouped(s, '-', 2, &m) < 0)
			return -1;
	} else if (n == 14 && s[4] == '-') {
		if (mac_parse_grouped(s, '-', 4, &m) < 0)
			return -1;
	} else {
		return -1;
	}
	*out = m;
	return 0;
}

void net_mac_fmt(const struct net_mac *m, char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", m->b[0], m->b[1],
		 m->b[2], m->b[3], m->b[4], m->b[5]);
}

void net_mac_fmt_vrp(const struct net_mac *m, char *buf, size_t len)
{
	snprintf(buf, len, "%02x%02x-%02x%02x-%02x%02x", m->b[0], m->b[1],
		 m->b[2], m->b[3], m->b[4], m->b[5]);
}

struct net_mac net_mac_from_ip4_mcast(const struct net_ip4 *g)
{
	struct net_mac m = { { 0x01, 0x00, 0x5e, (uint8_t)(g->b[1] & 0x7f),
			       g->b[2], g->b[3] } };

	return m;
}

struct net_mac net_mac_from_ip6_mcast(const struct net_ip6 *g)
{
	struct net_mac m = { { 0x33, 0x33, g->b[12], g->b[13], g->b[14],
			       g->b[15] } };

	return m;
}

struct net_addr net_addr_from_ip4(const struct net_ip4 *a)
{
	struct net_addr r;

	memset(&r, 0, sizeof(r));
	r.af = NET_AF_IP4;
	memcpy(r.b, a->b, 4);
	return r;
}

struct net_addr net_addr_from_ip6(const struct net_ip6 *a)
{
	struct net_addr r;

	r.af = NET_AF_IP6;
	memcpy(r.b, a->b, 16);
	return r;
}

struct net_ip4 net_addr_ip4(const struct net_addr *a)
{
	struct net_ip4 r;

	memcpy(r.b, a->b, 4);
	return r;
}

struct net_ip6 net_addr_ip6(const struct net_addr *a)
{
	struct net_ip6 r;

	memcpy(r.b, a->b, 16);
	return r;
}

static size_t af_bytes(uint8_t af)
{
	switch (af) {
	case NET_AF_IP4:
		return 4;
	case NET_AF_IP6:
		return 16;
	default:
		return 0;
	}
}

bool net_addr_eq(const struct net_addr *a, const struct net_addr *b)
{
	return a->af == b->af && memcmp(a->b, b->b, af_bytes(a->af)) == 0;
}

int net_addr_cmp(const struct net_addr *a, const struct net_addr *b)
{
	int c;

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	c = memcmp(a->b, b->b, af_bytes(a->af));
	return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool net_addr_is_unspec(const struct net_addr *a)
{
	size_t n = af_bytes(a->af);

	for (size_t i = 0; i < n; i++)
		if (a->b[i])
			return false;
	return true;
}

bool net_ip4_is_multicast(const struct net_ip4 *a)
{
	return (a->b[0] & 0xf0) == 0xe0;
}

bool net_ip6_is_multicast(const struct net_ip6 *a)
{
	return a->b[0] == 0xff;
}

bool net_ip6_is_link_local(const struct net_ip6 *a)
{
	return a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80;
}

bool net_addr_is_multicast(const struct net_addr *a)
{
	if (a->af == NET_AF_IP4)
		return (a->b[0] & 0xf0) == 0xe0;
	if (a->af == NET_AF_IP6)
		return a->b[0] == 0xff;
	return false;
}

int net_addr_parse(const char *s, struct net_addr *out)
{
	struct net_addr r;

	if (!s)
		return -1;
	memset(&r, 0, sizeof(r));
	if (strchr(s, ':')) {
		if (inet_pton(AF_INET6, s, r.b) != 1)
			return -1;
		r.af = NET_AF_IP6;
	} else {
		/* inet_pton(AF_INET) accepts only the strict dotted quad. */
		if (inet_pton(AF_INET, s, r.b) != 1)
			return -1;
		r.af = NET_AF_IP4;
	}
	*out = r;
	return 0;
}

void net_addr_fmt(const struct net_addr *a, char *buf, size_t len)
{
	char tmp[NET_ADDR_STRLEN];

	if (len == 0)
		return;
	if (a->af == NET_AF_IP4)
		inet_ntop(AF_INET, a->b, tmp, sizeof(tmp));
	else if (a->af == NET_AF_IP6)
		inet_ntop(AF_INET6, a->b, tmp, sizeof(tmp));
	else
		snprintf(tmp, sizeof(tmp), "none");
	snprintf(buf, len, "%s", tmp);
}

void net_prefix_normalize(struct net_prefix *p)
{
	size_t n = af_bytes(p->addr.af);
	unsigned bits = p->len;

	for (size_t i = 0; i < sizeof(p->addr.b); i++) {
		if (i >= n || bits == 0) {
			p->addr.b[i] = 0;
		} else if (bits < 8) {
			p->addr.b[i] &= (uint8_t)(0xff << (8 - bits));
			bits = 0;
		} else {
			bits -= 8;
		}
	}
}

int net_prefix_parse(const char *s, struct net_prefix *out, bool lax)
{
	char addr[NET_ADDR_STRLEN];
	const char *slash;
	struct net_prefix p;
	unsigned len = 0;
	size_t alen;

	if (!s)
		return -1;
	slash = strchr(s, '/');
	if (!slash)
		return -1;
	alen = (size_t)(slash - s);
	if (alen == 0 || alen >= sizeof(addr))
		return -1;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (net_addr_parse(addr, &p.addr) < 0)
		return -1;
	slash++;
	if (*slash == '\0' || strlen(slash) > 3)
		return -1;
	for (; *slash; slash++) {
		if (*slash < '0' || *slash > '9')
			return -1;
		len = len * 10 + (unsigned)(*slash - '0');
	}
	if (len > af_bytes(p.addr.af) * 8)
		return -1;
	p.len = (uint8_t)len;
	if (!lax) {
		struct net_prefix q = p;

		net_prefix_normalize(&q);
		if (!net_addr_eq(&q.addr, &p.addr))
			return -1;
	}
	net_prefix_normalize(&p);
	*out = p;
	return 0;
}

void net_prefix_fmt(const struct net_prefix *p, char *buf, size_t len)
{
	char a[NET_ADDR_STRLEN];

	net_addr_fmt(&p->addr, a, sizeof(a));
	snprintf(buf, len, "%s/%u", a, (unsigned)p->len);
}

bool net_prefix_contains(const struct net_prefix *p, const struct net_addr *a)
{
	struct net_prefix q;

	if (p->addr.af != a->af || p->len > af_bytes(a->af) * 8)
		return false;
	q.addr = *a;
	q.len = p->len;
	net_prefix_normalize(&q);
	return memcmp(q.addr.b, p->addr.b, af_bytes(a->af)) == 0;
}

int net_ip4_mask_len(const struct net_ip4 *mask)
{
	uint32_t m = (uint32_t)mask->b[0] << 24 | (uint32_t)mask->b[1] << 16 |
		     (uint32_t)mask->b[2] << 8 | mask->b[3];
	uint32_t host = ~m;

	/* Contiguous iff the host part is of the form 0...01...1. */
	if (host & (host + 1))
		return -1;
	return __builtin_popcount(m);
}

struct net_ip6 net_ip6_link_local_from_mac(const struct net_mac *mac)
{
	struct net_ip6 r;

	memset(&r, 0, sizeof(r));
	r.b[0] = 0xfe;
	r.b[1] = 0x80;
	/* Modified EUI-64: flip the universal/local bit, insert ff:fe. */
	r.b[8] = mac->b[0] ^ 0x02;
	r.b[9] = mac->b[1];
	r.b[10] = mac->b[2];
	r.b[11] = 0xff;
	r.b[12] = 0xfe;
	r.b[13] = mac->b[3];
	r.b[14] = mac->b[4];
	r.b[15] = mac->b[5];
	return r;
}

struct net_ip6 net_ip6_solicited_node(const struct net_ip6 *a)
{
	struct net_ip6 r;

	memset(&r, 0, sizeof(r));
	r.b[0] = 0xff;
	r.b[1] = 0x02;
	r.b[11] = 0x01;
	r.b[12] = 0xff;
	r.b[13] = a->b[13];
	r.b[14] = a->b[14];
	r.b[15] = a->b[15];
	return r;
}
