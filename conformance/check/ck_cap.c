/*
 * The capture reader of `failsim check` (ck_cap.h). libpcap opens pcap and
 * pcapng files with nanosecond timestamps (microsecond files are scaled by
 * libpcap) and hands out records; this file dissects each record's link
 * layer and passes the network layer to sim/net's dissector:
 *   - Ethernet (DLT_EN10MB): net_dissect, 802.1Q/802.1ad tags walked;
 *   - Linux cooked v1 (DLT_LINUX_SLL, 16-byte header: packet type, ARPHRD
 *     type, address length, 8 address bytes, protocol) and v2
 *     (DLT_LINUX_SLL2, 20 bytes: protocol, reserved, interface index,
 *     ARPHRD type, packet type, address length, 8 address bytes);
 *   - raw IP (DLT_RAW / LINKTYPE_RAW: the version nibble picks the family;
 *     DLT_IPV4, DLT_IPV6);
 *   - BSD loopback (DLT_NULL, DLT_LOOP): a 4-byte address family in either
 *     byte order, AF_INET 2 and AF_INET6 24, 28 or 30 (NetBSD, FreeBSD,
 *     Darwin).
 * ck_frame.link combines the SLL2 interface index (<< 12) with the
 * innermost VLAN ID. libpcap does not tell which pcapng interface a record
 * came from, so for pcapng files link holds the VLAN only. A link-layer
 * header shorter than its type requires is reported in pi as
 * NET_E_ETH_SHORT at NET_LAYER_ETH (the layer that could not be read).
 * Frame times are clamped to [0, SIM_TIME_NEVER - 1] ns so hostile
 * timestamps cannot overflow or collide with "no time" (-1).
 */
#include "conformance/check/ck_cap.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/net/net_buf.h"

/* Link types by their file (LINKTYPE_) values where DLT_ differs. */
#define CK_LINKTYPE_RAW	 101
#define CK_LINKTYPE_LOOP 108
#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#define DLT_IPV6 229
#endif

#define CK_SLL_HLEN	16
#define CK_SLL2_HLEN	20
#define CK_ARPHRD_ETHER 1
/* The SLL2 interface index keeps this many low bits in ck_frame.link. */
#define CK_LINK_IFINDEX_BITS 20

struct ck_cap {
	pcap_t *p;
	int dlt;
	uint64_t no; /* frames handed out */
};

struct ck_dlt_name {
	int dlt;
	const char *name;
};

static const struct ck_dlt_name ck_dlts[] = {
	{ DLT_EN10MB, "Ethernet" },
	{ DLT_LINUX_SLL, "Linux cooked (SLL)" },
	{ DLT_LINUX_SLL2, "Linux cooked v2 (SLL2)" },
	{ DLT_RAW, "raw IP" },
	{ CK_LINKTYPE_RAW, "raw IP" },
	{ DLT_IPV4, "raw IPv4" },
	{ DLT_IPV6, "raw IPv6" },
	{ DLT_NULL, "BSD loopback (NULL)" },
	{ DLT_LOOP, "BSD loopback (LOOP)" },
	{ CK_LINKTYPE_LOOP, "BSD loopback (LOOP)" },
};

static const char *dlt_name(int dlt)
{
	for (size_t i = 0; i < sizeof(ck_dlts) / sizeof(ck_dlts[0]); i++)
		if (ck_dlts[i].dlt == dlt)
			return ck_dlts[i].name;
	return NULL;
}

/* ---- link layers ---- */

static void link_short(struct ck_frame *f)
{
	net_dissect_l3(0, f->data, 0, &f->pi);
	f->pi.err = NET_E_ETH_SHORT;
	f->pi.err_layer = NET_LAYER_ETH;
}

/*
 * The network layer after a cooked header: protocol is an EtherType,
 * possibly a VLAN tag kept by the capturing host; tags are walked as in
 * Ethernet and the innermost VID is returned through *vid.
 */
static void dissect_cooked_l3(struct ck_frame *f, uint16_t proto,
			      const uint8_t *p, size_t n, uint16_t *vid)
{
	for (int tags = 0;
	     tags < NET_ETH_MAX_TAGS &&
	     (proto == NET_ETHERTYPE_VLAN || proto == NET_ETHERTYPE_QINQ) &&
	     n >= 4;
	     tags++) {
		*vid = net_get_be16(p) & 0x0fff;
		proto = net_get_be16(p + 2);
		p += 4;
		n -= 4;
	}
	net_dissect_l3(proto, p, n, &f->pi);
}

static void dissect_sll(struct ck_frame *f)
{
	struct net_rd r;
	uint16_t arphrd, alen, proto, vid = 0;
	const uint8_t *addr;

	net_rd_init(&r, f->data, f->caplen);
	net_rd_skip(&r, 2); /* packet type */
	arphrd = net_rd_be16(&r);
	alen = net_rd_be16(&r);
	addr = net_rd_ptr(&r, 8);
	proto = net_rd_be16(&r);
	if (r.err) {
		link_short(f);
		return;
	}
	if (arphrd == CK_ARPHRD_ETHER && alen == 6) {
		f->has_l2src = true;
		memcpy(f->l2src.b, addr, 6);
	}
	dissect_cooked_l3(f, proto, f->data + CK_SLL_HLEN,
			  f->caplen - CK_SLL_HLEN, &vid);
	f->link = vid;
}

static void dissect_sll2(struct ck_frame *f)
{
	struct net_rd r;
	uint16_t arphrd, proto, vid = 0;
	uint32_t ifindex;
	uint8_t alen;
	const uint8_t *addr;

	net_rd_init(&r, f->data, f->caplen);
	proto = net_rd_be16(&r);
	net_rd_skip(&r, 2); /* reserved */
	ifindex = net_rd_be32(&r);
	arphrd = net_rd_be16(&r);
	net_rd_skip(&r, 1); /* packet type */
	alen = net_rd_u8(&r);
	addr = net_rd_ptr(&r, 8);
	if (r.err) {
		link_short(f);
		return;
	}
	if (arphrd == CK_ARPHRD_ETHER && alen == 6) {
		f->has_l2src = true;
		memcpy(f->l2src.b, addr, 6);
	}
	dissect_cooked_l3(f, proto, f->data + CK_SLL2_HLEN,
			  f->caplen - CK_SLL2_HLEN, &vid);
	f->link = (ifindex & ((1u << CK_LINK_IFINDEX_BITS) - 1)) << 12 | vid;
}

/* The EtherType of a raw IP packet from its version nibble (0: neither). */
static uint16_t raw_ethertype(const uint8_t *p, size_t n)
{
	if (n < 1)
		return 0;
	if (p[0] >> 4 == 4)
		return NET_ETHERTYPE_IPV4;
	if (p[0] >> 4 == 6)
		return NET_ETHERTYPE_IPV6;
	return 0;
}

/* The EtherType for a BSD address family value (0: not IP). */
static uint16_t af_ethertype(uint32_t af)
{
	switch (af) {
	case 2:
		return NET_ETHERTYPE_IPV4;
	case 24:
	case 28:
	case 30:
		return NET_ETHERTYPE_IPV6;
	default:
		return 0;
	}
}

/* DLT_NULL holds the family in the capturing host's byte order, DLT_LOOP
 * in network order; both are accepted for either. */
static void dissect_null(struct ck_frame *f)
{
	const uint8_t *p = f->data;
	uint16_t type;

	if (f->caplen < 4) {
		link_short(f);
		return;
	}
	type = af_ethertype(net_get_be32(p));
	if (!type)
		type = af_ethertype(__builtin_bswap32(net_get_be32(p)));
	net_dissect_l3(type, p + 4, f->caplen - 4, &f->pi);
}

bool ck_cap_dissect(int dlt, struct ck_frame *f)
{
	f->dlt = dlt;
	f->has_eth = false;
	f->has_l2src = false;
	memset(&f->l2src, 0, sizeof(f->l2src));
	f->link = 0;
	if (!f->data)
		f->caplen = 0;
	switch (dlt) {
	case DLT_EN10MB:
		net_dissect(f->data, f->caplen, &f->pi);
		f->has_eth = net_pkt_has(&f->pi, NET_LAYER_ETH);
		if (f->has_eth) {
			f->has_l2src = true;
			f->l2src = f->pi.eth.src;
			f->link = f->pi.eth.inner_vid;
		}
		return true;
	case DLT_LINUX_SLL:
		dissect_sll(f);
		return true;
	case DLT_LINUX_SLL2:
		dissect_sll2(f);
		return true;
	case DLT_RAW:
#if DLT_RAW != CK_LINKTYPE_RAW
	case CK_LINKTYPE_RAW:
#endif
		net_dissect_l3(raw_ethertype(f->data, f->caplen), f->data,
			       f->caplen, &f->pi);
		return true;
	case DLT_IPV4:
		net_dissect_l3(NET_ETHERTYPE_IPV4, f->data, f->caplen, &f->pi);
		return true;
	case DLT_IPV6:
		net_dissect_l3(NET_ETHERTYPE_IPV6, f->data, f->caplen, &f->pi);
		return true;
	case DLT_NULL:
	case DLT_LOOP:
#if DLT_LOOP != CK_LINKTYPE_LOOP
	case CK_LINKTYPE_LOOP:
#endif
		dissect_null(f);
		return true;
	default:
		net_dissect_l3(0, f->data, 0, &f->pi);
		return false;
	}
}

/* ---- reading ---- */

struct ck_cap *ck_cap_open(const char *path, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	size_t plen = strlen(path);
	struct ck_cap *c;
	const char *why, *pname;
	int dlt;
	pcap_t *p;

	p = pcap_open_offline_with_tstamp_precision(
		path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (!p) {
		/* libpcap names the file itself for some errors. */
		why = ebuf;
		if (!strncmp(why, path, plen) && !strncmp(why + plen, ": ", 2))
			why += plen + 2;
		snprintf(err, errlen, "%s: %s", path,
			 *why ? why : "cannot be read as pcap or pcapng");
		return NULL;
	}
	dlt = pcap_datalink(p);
	if (!dlt_name(dlt)) {
		pname = pcap_datalink_val_to_name(dlt);
		snprintf(err, errlen,
			 "%s: link type %s (%d) is not supported (Ethernet, "
			 "Linux cooked SLL/SLL2, raw IP and BSD loopback are)",
			 path, pname ? pname : "unknown", dlt);
		pcap_close(p);
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		snprintf(err, errlen, "%s: out of memory", path);
		pcap_close(p);
		return NULL;
	}
	c->p = p;
	c->dlt = dlt;
	return c;
}

/* Seconds and nanoseconds to ns, clamped to [0, SIM_TIME_NEVER - 1]. */
static sim_time_t cap_time(int64_t sec, int64_t nsec)
{
	const int64_t max_sec = (SIM_TIME_NEVER - 1) / SIM_S(1) - 1;

	if (sec < 0)
		return 0;
	if (sec > max_sec)
		return SIM_TIME_NEVER - 1;
	if (nsec < 0 || nsec >= SIM_S(1))
		nsec = 0;
	return SIM_S(sec) + nsec;
}

int ck_cap_next(struct ck_cap *c, struct ck_frame *f, char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *d;
	int rc = pcap_next_ex(c->p, &h, &d);

	if (rc == PCAP_ERROR_BREAK)
		return 0;
	if (rc != 1) {
		snprintf(err, errlen, "cannot read frame %llu: %s",
			 (unsigned long long)c->no + 1, pcap_geterr(c->p));
		return -1;
	}
	/* Every field is set here or by ck_cap_dissect. */
	f->no = ++c->no;
	f->t = cap_time((int64_t)h->ts.tv_sec, (int64_t)h->ts.tv_usec);
	f->data = d;
	f->caplen = h->caplen;
	f->wirelen = h->len;
	ck_cap_dissect(c->dlt, f);
	return 1;
}

int ck_cap_dlt(const struct ck_cap *c)
{
	return c->dlt;
}

const char *ck_cap_dlt_name(const struct ck_cap *c)
{
	const char *n = dlt_name(c->dlt);

	return n ? n : "unknown";
}

void ck_cap_close(struct ck_cap *c)
{
	if (!c)
		return;
	pcap_close(c->p);
	free(c);
}
