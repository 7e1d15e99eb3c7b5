/*
 * Test support of the "vrrp" rule module (see ck_r_vrrp_testutil.h): the
 * module driven alone over frames built with the simulator's encoders
 * (sim/net/net_build.h, the VRRP codec), and a small libpcap reader with
 * nanosecond timestamps for the captures on disk. Frames are dissected
 * with net_dissect exactly as the capture reader does for Ethernet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "conformance/check/ck_r_vrrp_testutil.h"
#include "sim/net/net_build.h"
#include "sim/net/net_csum.h"
#include "sim/net/net_dissect.h"

static const char *const quirk_rules[] = { "vrrp.csum.v3-no-pseudo", NULL };
static const struct ck_quirk test_quirks[] = {
	{ "vrrp3-csum-no-pseudo",
	  "VRRPv3 over IPv4 checksum without the pseudo-header", quirk_rules },
};

void cvt_open(struct cvt *t, const char *quirks)
{
	char err[256];
	int e = 0;

	memset(t, 0, sizeof(*t));
	t->c = ck_ctx_new("vrrp test");
	assert_non_null(t->c);
	assert_int_equal(ck_ctx_add_rules(t->c, ck_proto_vrrp.rules,
					  ck_proto_vrrp.nrules, err,
					  sizeof(err)),
			 0);
	if (quirks &&
	    ck_ctx_quirks(t->c, test_quirks, 1, quirks, err, sizeof(err)) != 0)
		fail_msg("quirks: %s", err);
	t->st = ck_proto_vrrp.open(t->c, &e);
	assert_non_null(t->st);
}

void cvt_feed(struct cvt *t, sim_time_t at, const uint8_t *buf, size_t len)
{
	struct ck_frame f;

	memset(&f, 0, sizeof(f));
	f.no = ++t->no;
	f.t = at;
	f.data = buf;
	f.caplen = f.wirelen = len;
	f.dlt = 1; /* DLT_EN10MB */
	net_dissect(buf, len, &f.pi);
	f.has_eth = net_pkt_has(&f.pi, NET_LAYER_ETH);
	f.has_l2src = f.has_eth && !t->no_l2src;
	f.l2src = f.pi.eth.src;
	f.link = t->link ? t->link : (f.pi.eth.ntags ? f.pi.eth.inner_vid : 0);
	ck_proto_vrrp.frame(t->c, t->st, &f);
}

void cvt_close_module(struct cvt *t)
{
	if (t->st)
		ck_proto_vrrp.close(t->c, t->st);
	t->st = NULL;
}

void cvt_free(struct cvt *t)
{
	cvt_close_module(t);
	ck_ctx_free(t->c);
	t->c = NULL;
}

static const struct ck_result *res(const struct cvt *t, const char *id)
{
	const struct ck_result *r = ck_result(t->c, id);

	if (!r)
		fail_msg("rule %s not registered", id);
	return r;
}

uint64_t cvt_checked(const struct cvt *t, const char *id)
{
	return res(t, id)->checked;
}

uint64_t cvt_failed(const struct cvt *t, const char *id)
{
	return res(t, id)->failed;
}

uint64_t cvt_noted(const struct cvt *t, const char *id)
{
	return res(t, id)->noted;
}

const char *cvt_detail(const struct cvt *t, const char *id)
{
	const struct ck_result *r = res(t, id);

	return r->nkept ? r->kept[0].detail : "";
}

const char *cvt_failing(const struct cvt *t, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ck_nresults(t->c); i++) {
		const struct ck_result *r = ck_result_at(t->c, i);
		int n;

		if (!r->failed && !r->noted)
			continue;
		n = snprintf(buf + off, len - off, "%s%s=%llu", off ? " " : "",
			     r->rule->id,
			     (unsigned long long)(r->failed + r->noted));
		if (n < 0 || (size_t)n >= len - off)
			break;
		off += (size_t)n;
	}
	return buf;
}

uint64_t cvt_count(const struct cvt *t, const char *what)
{
	for (size_t i = 0; i < ck_ncounts(t->c); i++) {
		const char *w;
		uint64_t n;

		ck_count_at(t->c, i, &w, &n);
		if (w && strcmp(w, what) == 0)
			return n;
	}
	return 0;
}

struct net_addr cvt_addr(const char *s)
{
	struct net_addr a;

	if (net_addr_parse(s, &a) != 0)
		fail_msg("bad address %s", s);
	return a;
}

void cvt_adv_init(struct cvt_adv *a, uint8_t version, bool six)
{
	memset(a, 0, sizeof(*a));
	a->version = version;
	a->six = six;
	a->vrid = 1;
	a->prio = 100;
	a->ivl = SIM_S(1);
	a->version_raw = a->type_raw = a->naddrs_raw = -1;
	if (six) {
		a->naddrs = 2;
		a->addrs[0] = cvt_addr("fe80::254");
		a->addrs[1] = cvt_addr("2001:db8::254");
		a->src = cvt_addr("fe80::1");
	} else {
		a->naddrs = 1;
		a->addrs[0] = cvt_addr("10.0.0.254");
		a->src = cvt_addr("10.0.0.1");
	}
}

/* The checksum of msg as version `version` would carry it. */
static void put_csum(uint8_t *msg, size_t len, bool pseudo,
		     const struct net_addr *src, const struct net_addr *dst)
{
	struct net_csum s;
	uint16_t v;

	msg[6] = msg[7] = 0;
	net_csum_init(&s);
	if (pseudo && src->af == NET_AF_IP6) {
		struct net_ip6 a = net_addr_ip6(src), b = net_addr_ip6(dst);

		net_csum_pseudo6(&s, &a, &b, (uint32_t)len, VRRP_PROTO);
	} else if (pseudo) {
		struct net_ip4 a = net_addr_ip4(src), b = net_addr_ip4(dst);

		net_csum_pseudo4(&s, &a, &b, VRRP_PROTO, (uint16_t)len);
	}
	net_csum_add(&s, msg, len);
	v = net_csum_final(&s);
	msg[6] = (uint8_t)(v >> 8);
	msg[7] = (uint8_t)v;
}

/* The VRRP message of a, damaged as asked; returns its length. */
static size_t adv_msg(const struct cvt_adv *a, const struct net_addr *dst,
		      uint8_t *msg, size_t cap)
{
	struct vrrp_adv v = { 0 };
	int n;
	size_t len;

	v.version = a->version;
	v.type = VRRP_TYPE_ADVERT;
	v.vrid = a->vrid;
	v.priority = a->prio;
	v.naddrs = a->naddrs ? a->naddrs : 1;
	v.af = a->six ? NET_AF_IP6 : NET_AF_IP4;
	v.adver_int = a->ivl;
	v.auth_type = a->auth_type > VRRP_AUTH_AH ? 0 : a->auth_type;
	memcpy(v.addrs, a->addrs, sizeof(v.addrs));
	if (!a->naddrs)
		v.addrs[0] = a->addrs[0];
	n = vrrp_pkt_encode(&v, &a->src, dst, msg, cap);
	assert_true(n > 0);
	len = (size_t)n;
	if (a->version_raw >= 0)
		msg[0] = (uint8_t)(a->version_raw << 4 | (msg[0] & 0x0f));
	if (a->type_raw >= 0)
		msg[0] = (uint8_t)((msg[0] & 0xf0) | a->type_raw);
	if (a->naddrs_raw >= 0)
		msg[3] = (uint8_t)a->naddrs_raw;
	if (a->ivl == 0 && a->version == 3) /* the encoder writes >= 1 */
		msg[4] = msg[5] = 0;
	else if (a->ivl == 0)
		msg[5] = 0;
	if (a->version == 3)
		msg[4] = (uint8_t)((msg[4] & 0x0f) | a->rsvd << 4);
	if (a->version == 2 && a->auth_type > VRRP_AUTH_AH)
		msg[4] = a->auth_type;
	if (a->version == 2 && a->no_auth_data)
		len -= VRRP_V2_AUTH_LEN;
	if (a->trunc > 0)
		len = (size_t)a->trunc < len ? len - (size_t)a->trunc : 0;
	if (len >= 8) {
		put_csum(msg, len,
			 a->version == 3 && a->csum != CVT_CSUM_NO_PSEUDO,
			 &a->src, dst);
		if (a->csum == CVT_CSUM_BAD)
			msg[7] ^= 0x01;
	}
	return len;
}

size_t cvt_adv_frame(const struct cvt_adv *a, uint8_t *buf, size_t cap)
{
	const struct net_addr *g = a->six ? &vrrp_group6 : &vrrp_group4;
	const struct net_addr *dst = a->dst_set ? &a->dst : g;
	uint8_t msg[512];
	size_t len = adv_msg(a, dst, msg, sizeof(msg));
	struct net_l2 l2 = { 0 };
	struct net_wr w;
	int n;

	l2.src = a->mac_set
			 ? a->mac
			 : ckv_vmac(a->six ? NET_AF_IP6 : NET_AF_IP4, a->vrid);
	net_wr_init(&w, buf, cap);
	if (a->six) {
		struct net_ip6_params p = { .l2 = l2 };
		struct net_ip6 d = net_addr_ip6(dst);

		p.l2.dst = net_mac_from_ip6_mcast(&d);
		p.src = net_addr_ip6(&a->src);
		p.dst = d;
		p.hop_limit = a->ttl ? a->ttl : 255;
		n = net_build_ip6(&w, &p, VRRP_PROTO, msg, len);
	} else {
		struct net_ip4_params p = { .l2 = l2 };
		struct net_ip4 d = net_addr_ip4(dst);

		p.l2.dst = net_mac_from_ip4_mcast(&d);
		p.src = net_addr_ip4(&a->src);
		p.dst = d;
		p.ttl = a->ttl ? a->ttl : 255;
		n = net_build_ip4(&w, &p, VRRP_PROTO, msg, len);
	}
	assert_true(n > 0);
	return (size_t)n;
}

size_t cvt_garp(uint8_t *buf, size_t cap, const struct net_addr *addr,
		const struct net_mac *sha, uint16_t op,
		const struct net_mac *dst)
{
	struct net_l2 l2 = { .src = *sha, .dst = *dst };
	struct net_arp arp = { .op = op, .sha = *sha };
	struct net_wr w;
	int n;

	arp.spa = net_addr_ip4(addr);
	arp.tpa = arp.spa;
	net_wr_init(&w, buf, cap);
	n = net_build_arp(&w, &l2, &arp);
	assert_true(n > 0);
	return (size_t)n;
}

size_t cvt_na(uint8_t *buf, size_t cap, const struct net_addr *target,
	      const struct net_mac *tll, uint32_t flags)
{
	static const struct net_mac other = { { 0x02, 0, 0, 0, 0, 0x99 } };
	struct net_ip6_params p = { 0 };
	struct net_ip6 all = { { 0xff, 0x02, [15] = 1 } };
	struct net_ip6 t = net_addr_ip6(target);
	struct net_wr w;
	int n;

	p.l2.src = tll ? *tll : other;
	p.l2.dst = net_mac_from_ip6_mcast(&all);
	p.src = t;
	p.dst = all;
	p.hop_limit = 255;
	net_wr_init(&w, buf, cap);
	n = net_build_na(&w, &p, &t, flags, tll);
	assert_true(n > 0);
	return (size_t)n;
}

void cvt_send(struct cvt *t, sim_time_t at, const struct cvt_adv *a)
{
	uint8_t buf[1600];
	size_t n = cvt_adv_frame(a, buf, sizeof(buf));

	cvt_feed(t, at, buf, n);
}

void cvt_send_garp(struct cvt *t, sim_time_t at, const struct net_addr *addr,
		   uint8_t vrid)
{
	struct net_mac m = ckv_vmac(NET_AF_IP4, vrid);
	uint8_t buf[128];
	size_t n = cvt_garp(buf, sizeof(buf), addr, &m, NET_ARP_REQUEST,
			    &net_mac_broadcast);

	cvt_feed(t, at, buf, n);
}

void cvt_send_una(struct cvt *t, sim_time_t at, const struct net_addr *addr,
		  uint8_t vrid)
{
	struct net_mac m = ckv_vmac(NET_AF_IP6, vrid);
	uint8_t buf[256];
	size_t n = cvt_na(buf, sizeof(buf), addr, &m,
			  NET_ND_NA_ROUTER | NET_ND_NA_OVERRIDE);

	cvt_feed(t, at, buf, n);
}

long cvt_feed_pcap(struct cvt *t, const char *path, int *skipped_dlt)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline_with_tstamp_precision(
		path, PCAP_TSTAMP_PRECISION_NANO, err);
	struct pcap_pkthdr *h;
	const u_char *data;
	long n = 0;
	int rc;

	if (skipped_dlt)
		*skipped_dlt = 0;
	if (!p)
		return -1;
	if (pcap_datalink(p) != DLT_EN10MB) {
		if (skipped_dlt)
			*skipped_dlt = pcap_datalink(p);
		pcap_close(p);
		return 0;
	}
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		sim_time_t at = (sim_time_t)h->ts.tv_sec * SIM_S(1) +
				(sim_time_t)h->ts.tv_usec;
		/* exact-size copy, so the sanitizer sees any overread */
		uint8_t *copy = malloc(h->caplen ? h->caplen : 1);

		assert_non_null(copy);
		memcpy(copy, data, h->caplen);
		cvt_feed(t, at, copy, h->caplen);
		free(copy);
		n++;
	}
	pcap_close(p);
	return n;
}
