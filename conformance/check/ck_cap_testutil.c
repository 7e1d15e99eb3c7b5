/*
 * Capture-writing helpers for the checker's tests (ck_cap_testutil.h).
 * pcapng blocks follow the pcapng specification (draft-ietf-opsawg-
 * pcapng): Section Header, Interface Description (with if_tsresol, option
 * code 9) and Enhanced Packet Blocks, in this host's byte order.
 */
#include "conformance/check/ck_cap_testutil.h"

#include <pcap/pcap.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sim/net/net_build.h"

const struct net_mac ckt_mac_a = { { 0x00, 0x00, 0x5e, 0x00, 0x01, 0x07 } };
const struct net_mac ckt_mac_b = { { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 } };
const struct net_ip4 ckt_v4_a = { { 192, 0, 2, 1 } };
const struct net_ip4 ckt_v4_b = { { 224, 0, 0, 18 } };
const struct net_ip6 ckt_v6_a = { { 0xfe, 0x80, [15] = 1 } };
const struct net_ip6 ckt_v6_b = { { 0xff, 0x02, [15] = 0x12 } };

void ckt_tmp_path(char *buf, size_t len, const char *tag, const char *ext)
{
	snprintf(buf, len, "/tmp/ck_%s_%ld%s", tag, (long)getpid(), ext);
}

void ckt_write_pcap(const char *path, int dlt, bool nano,
		    const struct ckt_frame *fr, size_t n)
{
	pcap_t *p = pcap_open_dead_with_tstamp_precision(
		dlt, 65535,
		nano ? PCAP_TSTAMP_PRECISION_NANO
		     : PCAP_TSTAMP_PRECISION_MICRO);
	pcap_dumper_t *d;

	assert_non_null(p);
	d = pcap_dump_open(p, path);
	if (!d)
		fail_msg("pcap_dump_open %s: %s", path, pcap_geterr(p));
	for (size_t i = 0; i < n; i++) {
		struct pcap_pkthdr h = { 0 };
		sim_time_t sub = fr[i].t % SIM_S(1);

		h.ts.tv_sec = (time_t)(fr[i].t / SIM_S(1));
		h.ts.tv_usec = (suseconds_t)(nano ? sub : sub / 1000);
		h.caplen = (bpf_u_int32)fr[i].len;
		h.len = (bpf_u_int32)fr[i].len;
		pcap_dump((u_char *)d, &h, fr[i].b);
	}
	pcap_dump_close(d);
	pcap_close(p);
}

static void put32(FILE *f, uint32_t v)
{
	assert_int_equal(fwrite(&v, 4, 1, f), 1);
}

static void put16(FILE *f, uint16_t v)
{
	assert_int_equal(fwrite(&v, 2, 1, f), 1);
}

void ckt_write_pcapng(const char *path, int linktype, int tsresol,
		      const struct ckt_frame *fr, size_t n, const uint64_t *ts)
{
	FILE *f = fopen(path, "wb");
	uint32_t idb_len = tsresol == 6 ? 20 : 32;

	assert_non_null(f);
	/* Section Header Block, 28 bytes, no options. */
	put32(f, 0x0a0d0d0a);
	put32(f, 28);
	put32(f, 0x1a2b3c4d);
	put16(f, 1);
	put16(f, 0);
	put32(f, 0xffffffff); /* section length unknown (-1) */
	put32(f, 0xffffffff);
	put32(f, 28);
	/* Interface Description Block. */
	put32(f, 1);
	put32(f, idb_len);
	put16(f, (uint16_t)linktype);
	put16(f, 0);
	put32(f, 65535);
	if (tsresol != 6) {
		put16(f, 9); /* if_tsresol */
		put16(f, 1);
		put32(f, (uint32_t)tsresol); /* value byte, then 3 padding */
		put32(f, 0);		     /* opt_endofopt */
	}
	put32(f, idb_len);
	for (size_t i = 0; i < n; i++) {
		uint64_t t = (uint64_t)fr[i].t;
		size_t pad = (4 - fr[i].len % 4) % 4;
		uint32_t blen = (uint32_t)(32 + fr[i].len + pad);
		static const uint8_t zero[4];

		if (ts) {
			t = ts[i];
		} else {
			for (int k = tsresol; k < 9; k++)
				t /= 10;
		}
		put32(f, 6);
		put32(f, blen);
		put32(f, 0); /* interface 0 */
		put32(f, (uint32_t)(t >> 32));
		put32(f, (uint32_t)t);
		put32(f, (uint32_t)fr[i].len);
		put32(f, (uint32_t)fr[i].len);
		assert_int_equal(fwrite(fr[i].b, 1, fr[i].len, f), fr[i].len);
		assert_int_equal(fwrite(zero, 1, pad, f), pad);
		put32(f, blen);
	}
	assert_int_equal(fclose(f), 0);
}

void ckt_write_bytes(const char *path, const void *p, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

void ckt_cut(const char *path, size_t n)
{
	FILE *f = fopen(path, "rb");
	long size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	fclose(f);
	assert_true(size >= (long)n);
	assert_int_equal(truncate(path, size - (long)n), 0);
}

static void l2_init(struct net_l2 *l2, uint16_t vid)
{
	memset(l2, 0, sizeof(*l2));
	l2->src = ckt_mac_a;
	l2->dst = ckt_mac_b;
	l2->vlan = vid != 0;
	l2->vid = vid;
}

void ckt_udp4(struct ckt_frame *f, sim_time_t t, uint16_t vid, uint8_t ttl,
	      bool bad_csum)
{
	struct net_udp4_params p;
	struct net_wr w;
	int n;

	memset(&p, 0, sizeof(p));
	l2_init(&p.ip.l2, vid);
	p.ip.src = ckt_v4_a;
	p.ip.dst = ckt_v4_b;
	p.ip.ttl = ttl;
	p.sport = 49152;
	p.dport = 3784;
	net_wr_init(&w, f->b, sizeof(f->b));
	n = net_build_udp4(&w, &p, "0123456789abcdef", 16);
	assert_true(n > 0);
	f->len = (size_t)n;
	f->t = t;
	if (bad_csum) /* the UDP checksum's low byte */
		f->b[(vid ? 18 : 14) + 20 + 7] ^= 0x5a;
}

void ckt_udp6(struct ckt_frame *f, sim_time_t t, uint8_t hop_limit)
{
	struct net_udp6_params p;
	struct net_wr w;
	int n;

	memset(&p, 0, sizeof(p));
	l2_init(&p.ip.l2, 0);
	p.ip.src = ckt_v6_a;
	p.ip.dst = ckt_v6_b;
	p.ip.hop_limit = hop_limit;
	p.sport = 3784;
	p.dport = 3784;
	net_wr_init(&w, f->b, sizeof(f->b));
	n = net_build_udp6(&w, &p, "v6", 2);
	assert_true(n > 0);
	f->len = (size_t)n;
	f->t = t;
}

void ckt_arp(struct ckt_frame *f, sim_time_t t)
{
	struct net_l2 l2;
	struct net_arp a;
	struct net_wr w;
	int n;

	l2_init(&l2, 0);
	l2.dst = net_mac_broadcast;
	net_arp_make_gratuitous(&a, &ckt_mac_a, &ckt_v4_a);
	net_wr_init(&w, f->b, sizeof(f->b));
	n = net_build_arp(&w, &l2, &a);
	assert_true(n > 0);
	f->len = (size_t)n;
	f->t = t;
}

void ckt_reframe(struct ckt_frame *f, const uint8_t *hdr, size_t hlen)
{
	uint8_t tmp[CKT_FRAME_MAX];
	size_t body = f->len - 14;

	assert_true(f->len >= 14 && hlen + body <= sizeof(f->b));
	memcpy(tmp, f->b + 14, body);
	if (hlen)
		memcpy(f->b, hdr, hlen);
	memcpy(f->b + hlen, tmp, body);
	f->len = hlen + body;
}
