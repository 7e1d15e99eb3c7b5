/*
 * VRP-style display of the RIB: `display ip routing-table` (one line per
 * selected route under the "Route Flags" legend, columns Destination/Mask,
 * Proto, Pre, Cost, Flags, NextHop, Interface) and `display ipv6
 * routing-table` (one five-line block per selected route: Destination,
 * PrefixLength, NextHop, Preference, Cost, Protocol, RelayNextHop,
 * TunnelID, Interface, Flags). Routes appear in prefix order. As VRP does,
 * IPv6 addresses are shown in upper case, local IPv6 host routes on
 * InLoopBack0, local IPv4 host routes on the interface that owns the
 * address, blackhole routes on NULL0, and an interface-only static route
 * with the interface's own address as next hop. Flag D ("download to
 * fib") marks every selected route, R ("relay") a recursive one.
 */
#include "sim/route/route_rib_impl.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>

#define RT_LINE_MAX 512

static void outf(const struct rt_display_io *io, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void outf(const struct rt_display_io *io, const char *fmt, ...)
{
	char line[RT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	io->out(io->out_arg, line);
}

/* VRP prints IPv6 addresses in upper case. */
static void addr_str(const struct net_addr *a, char *buf, size_t len)
{
	net_addr_fmt(a, buf, len);
	if (a->af == NET_AF_IP6)
		for (char *p = buf; *p; p++)
			*p = (char)toupper((unsigned char)*p);
}

static void zero_addr(uint8_t af, struct net_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->af = af;
}

static void ifname(const struct rt_display_io *io, int ifindex, char *buf,
		   size_t len)
{
	buf[0] = '\0';
	if (ifindex == RT_IFINDEX_INLOOPBACK) {
		snprintf(buf, len, "InLoopBack0");
		return;
	}
	if (ifindex == RT_IFINDEX_NULL0) {
		snprintf(buf, len, "NULL0");
		return;
	}
	if (io->ifname && ifindex >= 0)
		io->ifname(io->ifname_arg, ifindex, buf, len);
	if (!buf[0])
		snprintf(buf, len, "if%d", ifindex);
}

/* The NextHop column: configured next hop or what VRP shows instead. */
static void shown_nexthop(const struct rt_rib *rib, const struct rt_route *r,
			  char *buf, size_t len)
{
	struct net_addr a = r->nexthop;

	if (a.af == NET_AF_NONE &&
	    !(r->kind == RT_KIND_CONNECTED &&
	      rt_rib_iface_addr(rib, r->ifindex, r->prefix.addr.af, &a)))
		zero_addr(r->prefix.addr.af, &a);
	addr_str(&a, buf, len);
}

static void shown_iface(const struct rt_display_io *io,
			const struct rt_route *r, char *buf, size_t len)
{
	int ifx = r->out_ifindex;

	if (r->kind == RT_KIND_LOCAL && r->prefix.addr.af == NET_AF_IP6)
		ifx = RT_IFINDEX_INLOOPBACK;
	ifname(io, ifx, buf, len);
}

static const char *shown_flags(const struct rt_route *r)
{
	return (r->flags & RT_F_RECURSIVE) ? "RD" : "D";
}

struct show_ctx {
	const struct rt_rib *rib;
	const struct rt_display_io *io;
};

static int show_ip_route(void *arg, const struct rt_route *r)
{
	struct show_ctx *c = arg;
	char dst[NET_ADDR_STRLEN], nh[NET_ADDR_STRLEN], ifn[RT_LINE_MAX / 2];

	addr_str(&r->prefix.addr, dst, sizeof(dst));
	shown_nexthop(c->rib, r, nh, sizeof(nh));
	shown_iface(c->io, r, ifn, sizeof(ifn));
	outf(c->io, "%15s/%-2u  %-8s%-5u%-10u%3s   %-16s%s\n", dst,
	     (unsigned)r->prefix.len, rt_proto_name(r->proto), r->preference,
	     (unsigned)r->cost, shown_flags(r), nh, ifn);
	return 0;
}

static int show_ipv6_route(void *arg, const struct rt_route *r)
{
	struct show_ctx *c = arg;
	const struct rt_display_io *io = c->io;
	char dst[NET_ADDR_STRLEN], nh[NET_ADDR_STRLEN], relay[NET_ADDR_STRLEN];
	char ifn[RT_LINE_MAX / 2], cost[16];
	struct net_addr ra;

	addr_str(&r->prefix.addr, dst, sizeof(dst));
	shown_nexthop(c->rib, r, nh, sizeof(nh));
	shown_iface(io, r, ifn, sizeof(ifn));
	if (r->flags & RT_F_RECURSIVE)
		ra = r->gateway;
	else
		zero_addr(NET_AF_IP6, &ra);
	addr_str(&ra, relay, sizeof(relay));
	snprintf(cost, sizeof(cost), "%u", (unsigned)r->cost);
	outf(io, "\n");
	outf(io, " %-12s : %-40s%-12s : %u\n", "Destination", dst,
	     "PrefixLength", (unsigned)r->prefix.len);
	outf(io, " %-12s : %-40s%-12s : %u\n", "NextHop", nh, "Preference",
	     r->preference);
	outf(io, " %-12s : %-40s%-12s : %s\n", "Cost", cost, "Protocol",
	     rt_proto_name(r->proto));
	outf(io, " %-12s : %-40s%-12s : %s\n", "RelayNextHop", relay,
	     "TunnelID", "0x0");
	outf(io, " %-12s : %-40s%-12s : %s\n", "Interface", ifn, "Flags",
	     shown_flags(r));
	return 0;
}

int rt_rib_display(const struct rt_rib *rib, enum net_af af,
		   const struct rt_display_io *io)
{
	struct show_ctx c = { rib, io };
	size_t n;

	if (!rib || !io || !io->out || (af != NET_AF_IP4 && af != NET_AF_IP6))
		return -EINVAL;
	n = rt_rib_count(rib, af, true);
	if (af == NET_AF_IP4) {
		outf(io, "Route Flags: R - relay, D - download to fib\n");
		outf(io, "------------------------------------------------"
			 "------------------------------\n");
		outf(io, "Routing Tables: Public\n");
		outf(io, "         Destinations : %-9zuRoutes : %zu\n", n, n);
		outf(io, "\n");
		outf(io, "Destination/Mask    Proto   Pre  Cost      Flags "
			 "NextHop         Interface\n");
		outf(io, "\n");
		rt_rib_walk(rib, af, true, show_ip_route, &c);
	} else {
		outf(io, "Routing Table : Public\n");
		outf(io, "         Destinations : %-9zuRoutes : %zu\n", n, n);
		rt_rib_walk(rib, af, true, show_ipv6_route, &c);
	}
	return 0;
}

void rt_strbuf_init(struct rt_strbuf *sb, char *buf, size_t cap)
{
	sb->buf = buf;
	sb->cap = cap;
	sb->len = 0;
	sb->truncated = false;
	if (cap)
		buf[0] = '\0';
}

void rt_strbuf_out(void *arg, const char *text)
{
	struct rt_strbuf *sb = arg;
	size_t n = strlen(text), room;

	if (!sb->cap) {
		sb->truncated = sb->truncated || n > 0;
		return;
	}
	room = sb->cap - 1 - sb->len;
	if (n > room) {
		n = room;
		sb->truncated = true;
	}
	memcpy(sb->buf + sb->len, text, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}
