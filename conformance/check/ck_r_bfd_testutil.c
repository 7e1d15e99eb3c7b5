/*
 * Test harness of the BFD rule module (see ck_r_bfd_testutil.h): frames
 * from the simulator's encoders, dissected like the checker does, fed to
 * ck_proto_bfd. No RFC is implemented here.
 */
#include "conformance/check/ck_r_bfd_testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "conformance/check/ck_proto.h"
#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"

void ckbt_init(struct ckbt *t, bool v6)
{
	static const char *const ip[2][2] = {
		{ "10.0.0.1", "10.0.0.2" },
		{ "2001:db8::1", "2001:db8::2" },
	};
	char err[128];
	int e = 0;

	memset(t, 0, sizeof(*t));
	t->c = ck_ctx_new("bfd test");
	assert_non_null(t->c);
	assert_int_equal(ck_ctx_add_rules(t->c, ck_proto_bfd.rules,
					  ck_proto_bfd.nrules, err,
					  sizeof(err)),
			 0);
	t->st = ck_proto_bfd.open(t->c, &e);
	assert_non_null(t->st);
	t->link = 7;
	t->dport = BFD_PORT_SINGLE;
	for (int i = 0; i < 2; i++) {
		assert_int_equal(net_addr_parse(ip[v6][i], &t->end[i].ip), 0);
		t->end[i].mac = (struct net_mac){ { 2, 0, 0, 0, 0, 1 + i } };
		t->end[i].sport = (uint16_t)(49152 + i);
		t->end[i].ttl = 255;
	}
}

void ckbt_close(struct ckbt *t)
{
	if (!t->closed)
		ck_proto_bfd.close(t->c, t->st);
	t->closed = true;
}

void ckbt_fini(struct ckbt *t)
{
	ckbt_close(t);
	ck_ctx_free(t->c);
}

struct bfd_ctrl ckbt_ctrl(uint8_t state, uint32_t my, uint32_t your)
{
	struct bfd_ctrl c;

	memset(&c, 0, sizeof(c));
	c.version = BFD_VERSION;
	c.state = state;
	c.detect_mult = 3;
	c.my_disc = my;
	c.your_disc = your;
	c.desired_min_tx_us = 10000;
	c.required_min_rx_us = 10000;
	return c;
}

size_t ckbt_frame(struct ckbt *t, int from, uint16_t sport, uint16_t dport,
		  uint8_t ttl, const uint8_t *payload, size_t len)
{
	const struct ckbt_end *s = &t->end[from], *d = &t->end[!from];
	struct net_wr w;
	int n;

	net_wr_init(&w, t->buf, sizeof(t->buf));
	if (s->ip.af == NET_AF_IP4) {
		struct net_udp4_params p;

		memset(&p, 0, sizeof(p));
		p.ip.l2.src = s->mac;
		p.ip.l2.dst = d->mac;
		p.ip.src = net_addr_ip4(&s->ip);
		p.ip.dst = net_addr_ip4(&d->ip);
		p.ip.ttl = ttl;
		p.sport = sport;
		p.dport = dport;
		n = net_build_udp4(&w, &p, payload, len);
	} else {
		struct net_udp6_params p;

		memset(&p, 0, sizeof(p));
		p.ip.l2.src = s->mac;
		p.ip.l2.dst = d->mac;
		p.ip.src = net_addr_ip6(&s->ip);
		p.ip.dst = net_addr_ip6(&d->ip);
		p.ip.hop_limit = ttl;
		p.sport = sport;
		p.dport = dport;
		n = net_build_udp6(&w, &p, payload, len);
	}
	assert_true(n > 0);
	return (size_t)n;
}

void ckbt_eth_frame(struct ck_frame *f, uint64_t no, sim_time_t t,
		    const uint8_t *data, size_t caplen, size_t wirelen)
{
	memset(f, 0, sizeof(*f));
	f->no = no;
	f->t = t;
	f->data = data;
	f->caplen = caplen;
	f->wirelen = wirelen;
	f->dlt = DLT_EN10MB;
	net_dissect(data, caplen, &f->pi);
	f->has_eth = net_pkt_has(&f->pi, NET_LAYER_ETH);
	f->has_l2src = f->has_eth;
	f->l2src = f->pi.eth.src;
	f->link = f->pi.eth.ntags ? f->pi.eth.inner_vid : 0;
}

void ckbt_feed(struct ckbt *t, size_t len, sim_time_t tm)
{
	struct ck_frame f;

	ckbt_eth_frame(&f, ++t->no, tm, t->buf, len, len);
	f.link = t->link;
	ck_proto_bfd.frame(t->c, t->st, &f);
}

struct ck_ctx *ckbt_check_pcap(const char *path, int *dlt, uint64_t *nframes)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	struct ck_ctx *c;
	pcap_t *p = pcap_open_offline_with_tstamp_precision(
		path, PCAP_TSTAMP_PRECISION_NANO, err);
	void *st;
	int e = 0;

	*nframes = 0;
	if (!p)
		return NULL;
	c = ck_ctx_new(path);
	assert_non_null(c);
	assert_int_equal(ck_ctx_add_rules(c, ck_proto_bfd.rules,
					  ck_proto_bfd.nrules, err,
					  sizeof(err)),
			 0);
	st = ck_proto_bfd.open(c, &e);
	*dlt = pcap_datalink(p);
	while (*dlt == DLT_EN10MB && pcap_next_ex(p, &h, &data) == 1) {
		struct ck_frame f;
		sim_time_t t = (sim_time_t)h->ts.tv_sec * SIM_S(1) +
			       h->ts.tv_usec; /* ns precision */

		ckbt_eth_frame(&f, ++*nframes, t, data, h->caplen, h->len);
		ck_proto_bfd.frame(c, st, &f);
	}
	pcap_close(p);
	ck_proto_bfd.close(c, st);
	return c;
}

void ckbt_send(struct ckbt *t, int from, const struct bfd_ctrl *c,
	       sim_time_t tm)
{
	uint8_t p[BFD_MAX_LEN];
	int n = bfd_pkt_encode(c, t->end[from].key, p, sizeof(p));

	assert_true(n > 0);
	ckbt_raw(t, from, t->dport, p, (size_t)n, tm);
}

void ckbt_raw(struct ckbt *t, int from, uint16_t dport, const uint8_t *p,
	      size_t len, sim_time_t tm)
{
	const struct ckbt_end *e = &t->end[from];

	ckbt_feed(t, ckbt_frame(t, from, e->sport, dport, e->ttl, p, len), tm);
}

static const struct ck_result *ckbt_res(const struct ckbt *t, const char *id)
{
	const struct ck_result *r = ck_result(t->c, id);

	if (!r)
		fail_msg("rule %s is not registered", id);
	return r;
}

uint64_t ckbt_checked(const struct ckbt *t, const char *id)
{
	return ckbt_res(t, id)->checked;
}

uint64_t ckbt_failed(const struct ckbt *t, const char *id)
{
	return ckbt_res(t, id)->failed;
}

const char *ckbt_detail(const struct ckbt *t, const char *id)
{
	const struct ck_result *r = ckbt_res(t, id);

	return r->nkept > 0 ? r->kept[0].detail : "";
}

void ckbt_failing(const struct ck_ctx *c, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = 0;
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);
		int n;

		if (r->failed == 0)
			continue;
		n = snprintf(buf + off, len - off, "%s%s(%s x%llu)",
			     off ? ", " : "", r->rule->id,
			     ck_level_name(r->rule->level),
			     (unsigned long long)r->failed);
		if (n < 0 || (size_t)n >= len - off)
			return;
		off += (size_t)n;
	}
}
