/*
 * Test helpers of the "net" rule module (see ck_r_net_testutil.h): runs,
 * frames dissected as the capture reader does, counters, and frame
 * builders on top of the simulator's encoders. No RFC is implemented here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_r_net_testutil.h"
#include "sim/net/net_csum.h"

void ckt_open(struct ckt_run *r)
{
	char err[128];
	int e = 0;

	memset(r, 0, sizeof(*r));
	r->c = ck_ctx_new("net test");
	assert_non_null(r->c);
	assert_int_equal(ck_ctx_add_rules(r->c, ck_proto_net.rules,
					  ck_proto_net.nrules, err,
					  sizeof(err)),
			 0);
	r->st = ck_proto_net.open(r->c, &e);
	assert_non_null(r->st);
}

void ckt_close(struct ckt_run *r)
{
	if (r->st)
		ck_proto_net.close(r->c, r->st);
	r->st = NULL;
}

void ckt_free(struct ckt_run *r)
{
	ckt_close(r);
	ck_ctx_free(r->c);
	r->c = NULL;
}

void ckt_frame(struct ck_frame *f, const uint8_t *buf, size_t len,
	       size_t wirelen, uint64_t no, sim_time_t t)
{
	memset(f, 0, sizeof(*f));
	f->no = no;
	f->t = t;
	f->data = buf;
	f->caplen = len;
	f->wirelen = wirelen ? wirelen : len;
	f->dlt = 1; /* DLT_EN10MB */
	net_dissect(buf, len, &f->pi);
	f->has_eth = net_pkt_has(&f->pi, NET_LAYER_ETH);
	f->has_l2src = f->has_eth;
	if (f->has_eth) {
		f->l2src = f->pi.eth.src;
		f->link = f->pi.eth.ntags ? f->pi.eth.inner_vid : 0;
	}
}

void ckt_feed(struct ckt_run *r, const uint8_t *buf, size_t len, size_t wirelen,
	      sim_time_t t)
{
	struct ck_frame f;

	assert_non_null(r->st);
	ckt_frame(&f, buf, len, wirelen, ++r->no, t);
	ck_proto_net.frame(r->c, r->st, &f);
}

static const struct ck_result *result(const struct ckt_run *r, const char *id)
{
	const struct ck_result *res = ck_result(r->c, id);

	if (!res)
		fail_msg("rule %s is not registered", id);
	return res;
}

uint64_t ckt_checked(const struct ckt_run *r, const char *id)
{
	return result(r, id)->checked;
}

uint64_t ckt_failed(const struct ckt_run *r, const char *id)
{
	return result(r, id)->failed;
}

uint64_t ckt_failed_total(const struct ckt_run *r)
{
	uint64_t n = 0;

	for (size_t i = 0; i < ck_nresults(r->c); i++)
		n += ck_result_at(r->c, i)->failed;
	return n;
}

const char *ckt_detail(const struct ckt_run *r, const char *id)
{
	const struct ck_result *res = result(r, id);

	return res->nkept ? res->kept[0].detail : "";
}

struct net_ip4 ckt_ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	struct net_ip4 ip = { { a, b, c, d } };

	return ip;
}

struct net_ip6 ckt_ip6(const char *text)
{
	struct net_addr a;

	assert_int_equal(net_addr_parse(text, &a), 0);
	assert_int_equal(a.af, NET_AF_IP6);
	return net_addr_ip6(&a);
}

struct net_mac ckt_mac(uint8_t last)
{
	struct net_mac m = { { 0x02, 0, 0, 0, 0, last } };

	return m;
}

struct net_l2 ckt_l2(void)
{
	struct net_l2 l2;

	memset(&l2, 0, sizeof(l2));
	l2.src = ckt_mac(1);
	l2.dst = ckt_mac(2);
	return l2;
}

struct net_ip4_params ckt_p4(void)
{
	struct net_ip4_params p;

	memset(&p, 0, sizeof(p));
	p.l2 = ckt_l2();
	p.src = ckt_ip4(10, 0, 0, 1);
	p.dst = ckt_ip4(10, 0, 0, 2);
	p.ttl = 64;
	return p;
}

struct net_ip6_params ckt_p6(void)
{
	struct net_ip6_params p;

	memset(&p, 0, sizeof(p));
	p.l2 = ckt_l2();
	p.src = ckt_ip6("fe80::1");
	p.dst = ckt_ip6("fe80::2");
	p.hop_limit = 64;
	return p;
}

size_t ckt_build_tcp(uint8_t *buf, size_t cap, bool v6, const struct tcp_seg *s)
{
	uint8_t seg[CKT_FRAME_MAX];
	struct net_wr w;
	struct net_addr src, dst;
	int n, len;

	if (v6) {
		struct net_ip6_params p = ckt_p6();

		src = net_addr_from_ip6(&p.src);
		dst = net_addr_from_ip6(&p.dst);
		len = tcp_seg_encode(s, &src, &dst, seg, sizeof(seg));
		assert_true(len > 0);
		net_wr_init(&w, buf, cap);
		n = net_build_ip6(&w, &p, NET_IPPROTO_TCP, seg, (size_t)len);
	} else {
		struct net_ip4_params p = ckt_p4();

		src = net_addr_from_ip4(&p.src);
		dst = net_addr_from_ip4(&p.dst);
		len = tcp_seg_encode(s, &src, &dst, seg, sizeof(seg));
		assert_true(len > 0);
		net_wr_init(&w, buf, cap);
		n = net_build_ip4(&w, &p, NET_IPPROTO_TCP, seg, (size_t)len);
	}
	assert_true(n > 0);
	return (size_t)n;
}

size_t ckt_build_udp(uint8_t *buf, size_t cap, bool v6, const void *data,
		     size_t len)
{
	struct net_wr w;
	int n;

	net_wr_init(&w, buf, cap);
	if (v6) {
		struct net_udp6_params p = { .ip = ckt_p6(),
					     .sport = 5000,
					     .dport = 6000 };

		n = net_build_udp6(&w, &p, data, len);
	} else {
		struct net_udp4_params p = { .ip = ckt_p4(),
					     .sport = 5000,
					     .dport = 6000 };

		n = net_build_udp4(&w, &p, data, len);
	}
	assert_true(n > 0);
	return (size_t)n;
}

void ckt_ip4_fix(uint8_t *frame)
{
	uint8_t *h = frame + NET_ETH_HLEN;
	size_t hlen = (size_t)(h[0] & 0x0f) * 4;

	net_put_be16(h + 10, 0);
	net_put_be16(h + 10, net_csum(h, hlen));
}

void ckt_icmp6_fix(uint8_t *frame, size_t len)
{
	uint8_t *h = frame + NET_ETH_HLEN;
	uint8_t *m = h + NET_IPV6_HLEN;
	size_t mlen = net_get_be16(h + 4);
	struct net_ip6 src, dst;
	struct net_csum s;

	assert_true(NET_ETH_HLEN + NET_IPV6_HLEN + mlen <= len);
	memcpy(src.b, h + 8, 16);
	memcpy(dst.b, h + 24, 16);
	net_put_be16(m + 2, 0);
	net_csum_init(&s);
	net_csum_pseudo6(&s, &src, &dst, (uint32_t)mlen, NET_IPPROTO_ICMPV6);
	net_csum_add(&s, m, mlen);
	net_put_be16(m + 2, net_csum_final(&s));
}
