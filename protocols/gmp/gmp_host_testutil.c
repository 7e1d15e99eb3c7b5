/*
 * Test worlds for the IGMP/MLD host side (gmp_host_testutil.h): a switch,
 * hosts with the module attached, and a probe standing in for the router
 * that sends codec-built queries and records what the hosts send.
 * Implements no RFC.
 */
#include "protocols/gmp/gmp_host_testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/net/net_build.h"
#include "sim/trace/trace_pcap.h"
#include "sim/trace/trace_tshark.h"

#define GHT_ICMP6_NH 58

static void ght_die(const char *what)
{
	fprintf(stderr, "gmp_host_testutil: %s\n", what);
	abort();
}

void ght_init(struct ght *x, uint64_t seed, int nhosts, enum net_af af,
	      uint8_t version)
{
	int i;

	if (nhosts < 1 || nhosts > GHT_MAX_HOSTS)
		ght_die("bad host count");
	memset(x, 0, sizeof(*x));
	x->seed = seed;
	x->nh = nhosts;
	x->m = malloc(sizeof(*x->m));
	if (!x->m)
		ght_die("out of memory");
	x->w = node_tw_new(seed);
	x->sw = node_tw_switch(x->w, "S", nhosts + 1, 0);
	for (i = 0; i < nhosts; i++) {
		char name[16], ip4[32], ip6[32], pn[16];
		void *st = NULL;

		snprintf(name, sizeof(name), "H%d", i + 1);
		snprintf(ip4, sizeof(ip4), "10.0.0.%d/24", i + 1);
		snprintf(ip6, sizeof(ip6), "2001:db8::%d/64", i + 1);
		snprintf(pn, sizeof(pn), "p%d", i);
		x->h[i] =
			node_tw_host(x->w, name, "eth0", ip4, NULL, ip6, NULL);
		x->l[i] = node_tw_link(x->w, name, x->h[i], "eth0", x->sw, pn,
				       GHT_RATE, GHT_DELAY);
		if (af != NET_AF_NONE &&
		    node_host_set_gmp_version(x->h[i], NULL, af, version) != 0)
			ght_die("cannot set the version");
		if (gmp_host_module.attach(x->h[i], &st) != 0 || !st)
			ght_die("cannot attach");
		x->st[i] = st;
	}
	x->r = node_tw_probe(x->w, "R");
	{
		char pn[16];

		snprintf(pn, sizeof(pn), "p%d", nhosts);
		x->rl = node_tw_link(x->w, "R", x->r, "e0", x->sw, pn, GHT_RATE,
				     GHT_DELAY);
	}
}

bool ght_free(struct ght *x)
{
	int i;

	for (i = 0; i < x->nh; i++)
		gmp_host_module.detach(x->st[i]);
	free(x->m);
	return node_tw_free(x->w);
}

size_t ght_count(const struct ght *x)
{
	return node_tw_probe_count(x->r);
}

bool ght_get(struct ght *x, size_t i, struct ght_pkt *out)
{
	const struct node_tw_frame *f = node_tw_probe_frame(x->r, i);
	struct net_pkt_info *pi = &out->pi;

	memset(out, 0, sizeof(*out));
	if (!f)
		return false;
	out->t = f->t;
	out->len = f->len;
	if (net_dissect(f->data, f->len, pi) != NET_OK)
		return false;
	if (!(pi->af == NET_AF_IP4 && pi->l4_proto == GMP_IGMP_PROTO) &&
	    !(pi->af == NET_AF_IP6 && pi->l4_proto == GHT_ICMP6_NH))
		return false;
	if (gmp_pkt_decode((enum net_af)pi->af, pi->l4, pi->l4_len, &pi->src,
			   &pi->dst, x->m) != GMP_PKT_OK)
		return false;
	out->m = x->m;
	return true;
}

long ght_find_type(struct ght *x, size_t from, enum gmp_type t, size_t nth)
{
	struct ght_pkt p;
	size_t i;

	for (i = from; i < ght_count(x); i++)
		if (ght_get(x, i, &p) &&
		    (t == GMP_T__COUNT || p.m->type == t) && nth-- == 0)
			return (long)i;
	return -1;
}

size_t ght_count_type(struct ght *x, size_t from, enum gmp_type t)
{
	size_t n = 0;

	while (ght_find_type(x, from, t, n) >= 0)
		n++;
	return n;
}

void ght_clear(struct ght *x)
{
	node_tw_probe_clear(x->r);
}

sim_time_t ght_transit(const struct ght *x, size_t len)
{
	return 2 * (node_link_ser_time(x->l[0], len) + GHT_DELAY);
}

struct sim_rng ght_rng(const struct ght *x, int i)
{
	struct sim_rng r;
	char stream[64];

	snprintf(stream, sizeof(stream), "node:%s", x->h[i]->name);
	sim_rng_seed(&r, x->seed, stream);
	return r;
}

static int ght_build(struct net_wr *w, const struct node_iface *rif,
		     const struct net_addr *src, const struct net_addr *dst,
		     const uint8_t *msg, size_t len)
{
	if (dst->af == NET_AF_IP4) {
		struct net_ip4_params p = { 0 };
		struct net_ip4 g = net_addr_ip4(dst);

		p.l2.src = rif->mac;
		p.l2.dst = net_mac_from_ip4_mcast(&g);
		p.src = net_addr_ip4(src);
		p.dst = g;
		p.ttl = 1;
		p.router_alert = true;
		return net_build_ip4(w, &p, GMP_IGMP_PROTO, msg, len);
	} else {
		struct net_ip6_params p = { 0 };
		struct net_ip6 g = net_addr_ip6(dst);

		p.l2.src = rif->mac;
		p.l2.dst = net_mac_from_ip6_mcast(&g);
		p.src = net_addr_ip6(src);
		p.dst = g;
		p.hop_limit = 1;
		p.router_alert = true;
		return net_build_ip6(w, &p, GHT_ICMP6_NH, msg, len);
	}
}

static void ght_send_msg(struct ght *x, const struct net_addr *s,
			 const struct net_addr *d, const uint8_t *msg,
			 size_t len)
{
	uint8_t frame[NET_FRAME_MAX];
	struct net_wr w;
	int flen;

	net_wr_init(&w, frame, sizeof(frame));
	flen = ght_build(&w, node_iface_find(x->r, "e0"), s, d, msg, len);
	if (flen < 0 || node_tw_probe_send(x->r, "e0", frame, (size_t)flen))
		ght_die("cannot send the message");
}

void ght_query(struct ght *x, enum net_af af, uint8_t version,
	       const char *group, sim_time_t max_resp, const char *const *srcs,
	       size_t nsrc, uint8_t qrv, sim_time_t qqi, const char *src)
{
	struct gmp_msg *m = calloc(1, sizeof(*m));
	uint8_t msg[1500];
	struct net_addr s, d;
	size_t i;
	int len;

	if (!m)
		ght_die("out of memory");
	m->af = af;
	m->type = GMP_T_QUERY;
	m->version = version;
	m->max_resp = max_resp;
	m->group.af = af;
	if (group)
		m->group = node_tw_addr(group);
	m->qrv = qrv;
	m->qqi = qqi;
	m->nsrc = (uint16_t)nsrc;
	for (i = 0; i < nsrc; i++)
		m->srcs[i] = node_tw_addr(srcs[i]);
	s = node_tw_addr(src ? src
			     : (af == NET_AF_IP4 ? "10.0.0.254" : "fe80::fe"));
	d = group ? m->group
		  : node_tw_addr(af == NET_AF_IP4 ? "224.0.0.1" : "ff02::1");
	len = gmp_pkt_encode(m, &s, &d, msg, sizeof(msg));
	free(m);
	if (len < 0)
		ght_die("cannot encode the query");
	ght_send_msg(x, &s, &d, msg, (size_t)len);
}

void ght_send_raw(struct ght *x, const char *src, const char *dst,
		  const uint8_t *msg, size_t len)
{
	struct net_addr s = node_tw_addr(src), d = node_tw_addr(dst);

	ght_send_msg(x, &s, &d, msg, len);
}

int ght_write_pcap(const struct ght *x, const char *path)
{
	char err[256];
	struct trace_pcap *tp = trace_pcap_open(path, err, sizeof(err));
	size_t i;

	if (!tp)
		return -1;
	for (i = 0; i < ght_count(x); i++) {
		const struct node_tw_frame *f = node_tw_probe_frame(x->r, i);

		trace_pcap_write(tp, f->t, f->data, f->len);
	}
	return trace_pcap_close(tp);
}

void ght_rec_srcs(const struct ght *x, size_t rec, char *buf, size_t len)
{
	const struct gmp_rec *r = &x->m->rec[rec];
	size_t off = 0;
	unsigned i;

	buf[0] = 0;
	for (i = 0; i < r->nsrc && off < len; i++) {
		char a[NET_ADDR_STRLEN];

		net_addr_fmt(&x->m->srcs[r->src0 + i], a, sizeof(a));
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					i ? "," : "", a);
	}
}

int ght_wire_tshark(const struct ght *x, const char *dir, const char *name,
		    char *path, size_t plen, char *err, size_t errlen)
{
	struct trace_tshark_result r;
	char why[256];

	snprintf(path, plen, "%s/%s_%ld.pcap", dir, name, (long)getpid());
	if (ght_write_pcap(x, path) != 0) {
		snprintf(err, errlen, "cannot write %s", path);
		return -1;
	}
	if (trace_tshark_check(path, &r, why, sizeof(why)) != TRACE_TSHARK_OK) {
		snprintf(err, errlen, "tshark: %s", why);
		return -1;
	}
	if (r.frames != ght_count(x) || r.malformed.count ||
	    r.bad_checksum.count || r.errors.count) {
		snprintf(err, errlen,
			 "tshark: %u of %zu frames, %u malformed (first %u), "
			 "%u bad checksum (first %u), %u errors (first %u)",
			 r.frames, ght_count(x), r.malformed.count,
			 r.malformed.first[0], r.bad_checksum.count,
			 r.bad_checksum.first[0], r.errors.count,
			 r.errors.first[0]);
		return -1;
	}
	return 0;
}
