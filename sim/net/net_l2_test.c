/*
 * Tests for the link-layer codecs: Ethernet II with 802.1Q (net_eth.h) and
 * ARP for Ethernet/IPv4 (RFC 826, gratuitous per RFC 5227 section 3). Each
 * codec has a table of hand-assembled vectors {name, bytes, expect}, every
 * rejection code of the codec appears in it, good vectors survive every
 * truncation and random corruption, and encoders round-trip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sim/net/net_arp.h"
#include "sim/net/net_eth.h"
#include "sim/net/net_testutil.h"
#include "sim/net/net_vectors.h"

static enum net_err eth_dec(const uint8_t *b, size_t len, void *ctx)
{
	struct net_eth h;
	enum net_err e = net_eth_decode(b, len, &h);

	(void)ctx;
	if (e == NET_OK) {
		/* The payload view lies inside the buffer. */
		assert_true(h.payload == b + h.hdr_len);
		assert_int_equal(h.hdr_len + h.payload_len, len);
	}
	return e;
}

static enum net_err arp_dec(const uint8_t *b, size_t len, void *ctx)
{
	struct net_arp a;

	(void)ctx;
	return net_arp_decode(b, len, &a);
}

static void test_eth_table(void **state)
{
	static const enum net_err codes[] = { NET_E_ETH_SHORT };

	(void)state;
	nt_run_table("eth", nt_eth.v, nt_eth.n, eth_dec, NULL);
	nt_check_coverage("eth", nt_eth.v, nt_eth.n, codes, NT_COUNT(codes));
	assert_true(nt_fuzz(nt_eth.v, nt_eth.n, eth_dec, NULL, 200) > 0);
}

static void test_eth_fields(void **state)
{
	uint8_t b[128];
	size_t n;
	struct net_eth h;

	(void)state;
	n = nt_find(nt_eth.v, nt_eth.n, "tagged pcp 5 vid 10", b, sizeof(b));
	assert_int_equal(net_eth_decode(b, n, &h), NET_OK);
	assert_true(h.vlan);
	assert_int_equal(h.pcp, 5);
	assert_false(h.dei);
	assert_int_equal(h.vid, 10);
	assert_int_equal(h.type, NET_ETHERTYPE_IPV4);
	assert_int_equal(h.hdr_len, NET_ETH_VLAN_HLEN);
	assert_int_equal(h.payload_len, 20);
	assert_true(net_mac_is_broadcast(&h.dst));
	assert_int_equal(h.src.b[5], 0x01);

	n = nt_find(nt_eth.v, nt_eth.n, "tagged dei pcp 1 vid 4095", b,
		    sizeof(b));
	assert_int_equal(net_eth_decode(b, n, &h), NET_OK);
	assert_int_equal(h.pcp, 1);
	assert_true(h.dei);
	assert_int_equal(h.vid, 4095);
	assert_int_equal(h.type, NET_ETHERTYPE_IPV6);
	assert_int_equal(h.payload_len, 0);

	n = nt_find(nt_eth.v, nt_eth.n, "qinq s-tag then c-tag", b, sizeof(b));
	assert_int_equal(net_eth_decode(b, n, &h), NET_OK);
	assert_true(h.vlan);
	assert_int_equal(h.ntags, 2);
	assert_int_equal(h.pcp, 1);
	assert_int_equal(h.vid, 100);
	assert_int_equal(h.inner_vid, 10);
	assert_int_equal(h.type, NET_ETHERTYPE_ARP);
	assert_int_equal(h.hdr_len, 22);

	n = nt_find(nt_eth.v, nt_eth.n, "three stacked tags", b, sizeof(b));
	assert_int_equal(net_eth_decode(b, n, &h), NET_OK);
	assert_int_equal(h.ntags, 3);
	assert_int_equal(h.vid, 1);
	assert_int_equal(h.inner_vid, 100);
	assert_int_equal(h.type, NET_ETHERTYPE_ARP);

	/* Past NET_ETH_MAX_TAGS the next TPID is left as the type. */
	n = nt_find(nt_eth.v, nt_eth.n, "five stacked tags", b, sizeof(b));
	assert_int_equal(net_eth_decode(b, n, &h), NET_OK);
	assert_int_equal(h.ntags, NET_ETH_MAX_TAGS);
	assert_int_equal(h.inner_vid, 4);
	assert_int_equal(h.type, NET_ETHERTYPE_VLAN);
	assert_int_equal(h.payload_len, 4);

	n = nt_find(nt_eth.v, nt_eth.n, "untagged arp", b, sizeof(b));
	assert_int_equal(net_eth_decode(b, n, &h), NET_OK);
	assert_false(h.vlan);
	assert_int_equal(h.type, NET_ETHERTYPE_ARP);
	assert_int_equal(h.hdr_len, NET_ETH_HLEN);
	assert_int_equal(h.payload_len, 46);

	n = nt_find(nt_eth.v, nt_eth.n, "802.3 length field", b, sizeof(b));
	assert_int_equal(net_eth_decode(b, n, &h), NET_OK);
	assert_true(h.type < NET_ETHERTYPE_MIN);
}

static void test_eth_encode(void **state)
{
	struct net_eth h = { .dst = { { 1, 2, 3, 4, 5, 6 } },
			     .src = { { 0, 0, 0x5e, 0, 1, 7 } },
			     .vlan = true,
			     .pcp = 6,
			     .dei = true,
			     .vid = 4094,
			     .type = NET_ETHERTYPE_IPV6 };
	uint8_t buf[100];
	struct net_wr w;
	struct net_eth d;
	size_t off;

	(void)state;
	memset(buf, 0xaa, sizeof(buf));
	net_wr_init(&w, buf, sizeof(buf));
	net_wr_u8(&w, 0x77); /* a frame need not start at offset 0 */
	off = net_eth_begin(&w, &h);
	assert_int_equal(off, 1);
	net_wr_bytes(&w, "hello", 5);
	assert_int_equal(net_eth_end(&w, off), 60);
	assert_int_equal(w.off, 61);
	assert_int_equal(buf[60], 0); /* zero padding */
	assert_int_equal(net_eth_decode(buf + 1, 60, &d), NET_OK);
	assert_true(net_mac_eq(&d.dst, &h.dst));
	assert_true(net_mac_eq(&d.src, &h.src));
	assert_true(d.vlan && d.dei);
	assert_int_equal(d.pcp, 6);
	assert_int_equal(d.vid, 4094);
	assert_int_equal(d.type, NET_ETHERTYPE_IPV6);
	assert_memory_equal(d.payload, "hello", 5);

	/* Long frames are not padded. */
	net_wr_init(&w, buf, sizeof(buf));
	h.vlan = false;
	off = net_eth_begin(&w, &h);
	net_wr_zero(&w, 70);
	assert_int_equal(net_eth_end(&w, off), 84);
	/* Padding that does not fit is an error. */
	net_wr_init(&w, buf, 40);
	off = net_eth_begin(&w, &h);
	assert_int_equal(net_eth_end(&w, off), -1);
	net_wr_init(&w, buf, 10);
	off = net_eth_begin(&w, &h);
	assert_true(w.err);
	assert_int_equal(net_eth_end(&w, off), -1);
}

static void test_arp_table(void **state)
{
	static const enum net_err codes[] = {
		NET_E_ARP_SHORT,    NET_E_ARP_BAD_HTYPE, NET_E_ARP_BAD_PTYPE,
		NET_E_ARP_BAD_HLEN, NET_E_ARP_BAD_PLEN,	 NET_E_ARP_BAD_OP,
	};

	(void)state;
	nt_run_table("arp", nt_arp.v, nt_arp.n, arp_dec, NULL);
	nt_check_coverage("arp", nt_arp.v, nt_arp.n, codes, NT_COUNT(codes));
	assert_true(nt_fuzz(nt_arp.v, nt_arp.n, arp_dec, NULL, 200) > 0);
}

static void test_arp_fields(void **state)
{
	uint8_t b[128];
	struct net_arp a;
	size_t n;

	(void)state;
	n = nt_find(nt_arp.v, nt_arp.n, "request", b, sizeof(b));
	assert_int_equal(net_arp_decode(b, n, &a), NET_OK);
	assert_int_equal(a.op, NET_ARP_REQUEST);
	assert_int_equal(a.sha.b[2], 0x5e);
	assert_int_equal(a.spa.b[3], 1);
	assert_int_equal(a.tpa.b[3], 2);
	assert_false(net_arp_is_gratuitous(&a));

	n = nt_find(nt_arp.v, nt_arp.n, "reply", b, sizeof(b));
	assert_int_equal(net_arp_decode(b, n, &a), NET_OK);
	assert_int_equal(a.op, NET_ARP_REPLY);
	assert_int_equal(a.tha.b[5], 0x01);
	assert_false(net_arp_is_gratuitous(&a));

	n = nt_find(nt_arp.v, nt_arp.n, "gratuitous request", b, sizeof(b));
	assert_int_equal(net_arp_decode(b, n, &a), NET_OK);
	assert_true(net_arp_is_gratuitous(&a));
	n = nt_find(nt_arp.v, nt_arp.n, "gratuitous reply", b, sizeof(b));
	assert_int_equal(net_arp_decode(b, n, &a), NET_OK);
	assert_true(net_arp_is_gratuitous(&a));
	assert_int_equal(a.op, NET_ARP_REPLY);
}

static void test_arp_encode(void **state)
{
	struct net_mac m1 = { { 0, 0, 0x5e, 0, 1, 1 } };
	struct net_mac m2 = { { 2, 0, 0, 0, 0, 2 } };
	struct net_ip4 i1 = { { 10, 0, 0, 1 } }, i2 = { { 10, 0, 0, 2 } };
	struct net_arp a, d;
	uint8_t buf[64], want[64];
	struct net_wr w;
	size_t n;

	(void)state;
	net_arp_make_request(&a, &m1, &i1, &i2);
	net_wr_init(&w, buf, sizeof(buf));
	assert_true(net_arp_encode(&w, &a));
	assert_int_equal(w.off, NET_ARP_LEN);
	n = nt_find(nt_arp.v, nt_arp.n, "request", want, sizeof(want));
	assert_int_equal(n, NET_ARP_LEN);
	assert_memory_equal(buf, want, n);

	net_arp_make_reply(&a, &m2, &i2, &m1, &i1);
	net_wr_init(&w, buf, sizeof(buf));
	assert_true(net_arp_encode(&w, &a));
	n = nt_find(nt_arp.v, nt_arp.n, "reply", want, sizeof(want));
	assert_memory_equal(buf, want, n);

	i1.b[3] = 254;
	net_arp_make_gratuitous(&a, &m1, &i1);
	net_wr_init(&w, buf, sizeof(buf));
	assert_true(net_arp_encode(&w, &a));
	n = nt_find(nt_arp.v, nt_arp.n, "gratuitous request", want,
		    sizeof(want));
	assert_memory_equal(buf, want, n);
	assert_int_equal(net_arp_decode(buf, w.off, &d), NET_OK);
	assert_true(net_arp_is_gratuitous(&d));

	net_wr_init(&w, buf, 27);
	assert_false(net_arp_encode(&w, &a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eth_table),
		cmocka_unit_test(test_eth_fields),
		cmocka_unit_test(test_eth_encode),
		cmocka_unit_test(test_arp_table),
		cmocka_unit_test(test_arp_fields),
		cmocka_unit_test(test_arp_encode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
