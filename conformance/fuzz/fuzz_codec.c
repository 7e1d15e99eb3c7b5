/*
 * One libFuzzer harness per protocol codec, chosen at compile time with
 * FUZZ_CODEC (vrrp, bfd, gmp, pim, tcp, rbs): the first input byte picks
 * the IP family (bit 0) where the codec has one, the rest is the message,
 * copied to an exact-size buffer. Besides "never crash, never read out of
 * bounds", each checks a round trip: a message that decodes and that the
 * encoder accepts again must decode again (an asymmetry aborts).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/fuzz/fuzz.h"
#include "protocols/bfd/bfd_pkt.h"
#include "protocols/gmp/gmp_pkt.h"
#include "protocols/pim/pim_pkt.h"
#include "protocols/rbs/rbs_pkt.h"
#include "protocols/tcp/tcp_seg.h"
#include "protocols/vrrp/vrrp_pkt.h"
#include "sim/net/net_addr.h"

#define FUZZ_OUT_MAX 70000
#define FUZZ_UNUSED  __attribute__((unused))

static void fuzz_addrs(bool v6, struct net_addr *src, struct net_addr *dst,
		       const char *dst4, const char *dst6)
{
	net_addr_parse(v6 ? "fe80::1" : "10.0.0.1", src);
	net_addr_parse(v6 ? dst6 : dst4, dst);
}

static void check(bool cond)
{
	if (!cond)
		abort(); /* a round-trip asymmetry: libFuzzer keeps it */
}

static FUZZ_UNUSED void fuzz_vrrp(bool v6, const uint8_t *b, size_t n,
				  uint8_t *out)
{
	struct net_addr s, d;
	struct vrrp_adv a, a2;
	int len;

	fuzz_addrs(v6, &s, &d, "224.0.0.18", "ff02::12");
	if (vrrp_pkt_decode(b, n, &s, &d, &a) != VRRP_PKT_OK)
		return;
	len = vrrp_pkt_encode(&a, &s, &d, out, FUZZ_OUT_MAX);
	if (len > 0)
		check(vrrp_pkt_decode(out, (size_t)len, &s, &d, &a2) ==
		      VRRP_PKT_OK);
}

static FUZZ_UNUSED void fuzz_bfd(const uint8_t *b, size_t n, uint8_t *out)
{
	struct bfd_ctrl c, c2;
	int len;

	if (bfd_pkt_decode(b, n, &c) != BFD_PKT_OK || c.auth_present)
		return;
	len = bfd_pkt_encode(&c, NULL, out, FUZZ_OUT_MAX);
	if (len > 0)
		check(bfd_pkt_decode(out, (size_t)len, &c2) == BFD_PKT_OK);
}

static FUZZ_UNUSED void fuzz_gmp(bool v6, const uint8_t *b, size_t n,
				 uint8_t *out)
{
	struct net_addr s, d;
	struct gmp_msg *m = malloc(sizeof(*m));
	struct gmp_msg *m2 = malloc(sizeof(*m2));
	int len;

	fuzz_addrs(v6, &s, &d, "224.0.0.1", "ff02::1");
	if (m && m2 &&
	    gmp_pkt_decode(v6 ? NET_AF_IP6 : NET_AF_IP4, b, n, &s, &d, m) ==
		    GMP_PKT_OK) {
		len = gmp_pkt_encode(m, &s, &d, out, FUZZ_OUT_MAX);
		if (len > 0)
			check(gmp_pkt_decode(v6 ? NET_AF_IP6 : NET_AF_IP4, out,
					     (size_t)len, &s, &d,
					     m2) == GMP_PKT_OK);
	}
	free(m);
	free(m2);
}

static FUZZ_UNUSED void fuzz_pim(bool v6, const uint8_t *b, size_t n,
				 uint8_t *out)
{
	struct net_addr s, d;
	struct pim_msg *m = malloc(sizeof(*m));
	struct pim_msg *m2 = malloc(sizeof(*m2));
	enum net_af af = v6 ? NET_AF_IP6 : NET_AF_IP4;
	int len;

	fuzz_addrs(v6, &s, &d, "224.0.0.13", "ff02::d");
	if (m && m2 && pim_pkt_decode(af, b, n, &s, &d, m) == PIM_PKT_OK) {
		len = pim_pkt_encode(m, &s, &d, out, FUZZ_OUT_MAX);
		if (len > 0)
			check(pim_pkt_decode(af, out, (size_t)len, &s, &d,
					     m2) == PIM_PKT_OK);
	}
	free(m);
	free(m2);
}

static FUZZ_UNUSED void fuzz_tcp(bool v6, const uint8_t *b, size_t n)
{
	struct net_addr s, d;
	struct tcp_seg g;

	fuzz_addrs(v6, &s, &d, "10.0.0.2", "fe80::2");
	tcp_seg_decode(b, n, &s, &d, &g);
	tcp_seg_decode(b, n, NULL, NULL, &g);
	tcp_seg_csum(b, n, &s, &d);
}

static FUZZ_UNUSED void fuzz_rbs(const uint8_t *b, size_t n)
{
	struct rbs_msg *m = malloc(sizeof(*m));
	struct rbs_stream st;
	const uint8_t *msg;
	size_t len;

	if (!m)
		return;
	rbs_pkt_frame_len(b, n);
	rbs_pkt_decode(b, n, m);
	/* The same bytes as a stream, in two pushes. */
	rbs_stream_init(&st);
	if (rbs_stream_push(&st, b, n / 2) == 0 &&
	    rbs_stream_push(&st, b + n / 2, n - n / 2) == 0) {
		while (rbs_stream_next(&st, &msg, &len) > 0)
			rbs_pkt_decode(msg, len, m);
	}
	rbs_stream_fini(&st);
	free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[FUZZ_OUT_MAX];
	bool v6 = size && (data[0] & 1);
	uint8_t *b = size ? fuzz_dup(data + 1, size - 1) : NULL;
	size_t n = size ? size - 1 : 0;

	if (!b)
		return 0;
	(void)v6;
	(void)out;
#if defined(FUZZ_CODEC_vrrp)
	fuzz_vrrp(v6, b, n, out);
#elif defined(FUZZ_CODEC_bfd)
	fuzz_bfd(b, n, out);
#elif defined(FUZZ_CODEC_gmp)
	fuzz_gmp(v6, b, n, out);
#elif defined(FUZZ_CODEC_pim)
	fuzz_pim(v6, b, n, out);
#elif defined(FUZZ_CODEC_tcp)
	fuzz_tcp(v6, b, n);
#elif defined(FUZZ_CODEC_rbs)
	fuzz_rbs(b, n);
#else
#error "define FUZZ_CODEC_<name>"
#endif
	free(b);
	return 0;
}
