/*
 * Tests of the PIMv2 codec (RFC 7761 section 4.9, RFC 5059 sections 4.1
 * and 4.2, RFC 3973 sections 4.7.6-4.7.8, RFC 5015 section 3.7): a table
 * of hand-assembled vectors for every message type in both families,
 * whose checksums were computed outside this code (a short Python
 * script: the RFC 1071 sum over the message, over the first 8 bytes for
 * a Register, with the RFC 8200 8.1 pseudo-header for IPv6), each with
 * its expected decoding written as text, and one vector or more for every
 * rejection reason; canonical vectors are re-encoded byte for byte and
 * every good vector survives encode/decode; encoding rounds and clamps
 * times as documented and refuses invalid messages and short buffers;
 * the bounds of pim_msg are enforced; pim_pkt_set_checksum; and
 * truncation, every single-bit flip and random mutations, all decoded
 * from exact-size heap copies, never crash and never pass a damaged
 * message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "protocols/pim/pim_pkt.h"
#include "sim/net/net_testutil.h"
#include "sim/core/sim_rng.h"
#include "sim/net/net_buf.h"
#include "sim/net/net_csum.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The IP source and destination a vector is received with. */
enum pair {
	P_NONE,	  /* no addresses */
	P_LINK4,  /* 10.0.0.1 -> 224.0.0.13 */
	P_UNI4,	  /* 10.0.0.1 -> 10.9.9.9 */
	P_LINK6,  /* fe80::1 -> ff02::d */
	P_UNI6,	  /* 2001:db8::1 -> 2001:db8::9 */
	P_OTHER6, /* fe80::2 -> ff02::d: not the checksummed source */
	P_HALF,	  /* fe80::1 -> (none) */
};

static const struct net_addr a4_1 = { NET_AF_IP4, { 10, 0, 0, 1 } };
static const struct net_addr a4_9 = { NET_AF_IP4, { 10, 9, 9, 9 } };
static const struct net_addr ll1 = { NET_AF_IP6, { 0xfe, 0x80, [15] = 1 } };
static const struct net_addr ll2 = { NET_AF_IP6, { 0xfe, 0x80, [15] = 2 } };
static const struct net_addr g6_1 = { NET_AF_IP6,
				      { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
static const struct net_addr g6_9 = { NET_AF_IP6,
				      { 0x20, 0x01, 0x0d, 0xb8, [15] = 9 } };

static void pair_addrs(enum pair p, const struct net_addr **s,
		       const struct net_addr **d)
{
	static const struct net_addr *const tab[][2] = {
		[P_NONE] = { NULL, NULL },
		[P_LINK4] = { &a4_1, &pim_all_routers4 },
		[P_UNI4] = { &a4_1, &a4_9 },
		[P_LINK6] = { &ll1, &pim_all_routers6 },
		[P_UNI6] = { &g6_1, &g6_9 },
		[P_OTHER6] = { &ll2, &pim_all_routers6 },
		[P_HALF] = { &ll1, NULL },
	};

	*s = tab[p][0];
	*d = tab[p][1];
}

struct vector {
	const char *name;
	enum net_af af;
	enum pair pair;
	enum pim_pkt_err expect;
	const char *hex;  /* spaces ignored */
	const char *desc; /* good vectors: describe() of the decoding */
	bool reencode;	  /* the encoder gives the same bytes */
};

static const struct vector vectors[] = {
	{ "hello v4 all options", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2000fc79 00010002 00690002 000401f4 09c40013 00040000"
	  " 00010014 00041234 abcd0018 000c0100 0a010101 01000a02"
	  " 0202",
	  "hello hold=105s lpd=-/500ms/2500ms dr=1 genid=0x1234abcd "
	  "addrs=10.1.1.1,10.2.2.2",
	  true },
	{ "hello v4 goodbye", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2000dffc 00010002 0000", "hello hold=0s", true },
	{ "hello v4 holdtime forever, T bit", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2000dfdf 00010002 ffff0002 0004ffff ffff0013 0004ffff"
	  " ffff",
	  "hello hold=forever lpd=T/32767ms/65535ms dr=4294967295", true },
	{ "hello v4 no options", NET_AF_IP4, P_LINK4, PIM_PKT_OK, "2000dfff",
	  "hello", true },
	{ "hello v4 unknown options skipped", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2000d213 00010002 00690015 0004013c 0000fde9 00060100"
	  " 0a030303 00160000 00140004 00000007",
	  "hello hold=105s genid=0x00000007 unknown=3", false },
	{ "hello v4 flags kept", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "205adf85 00130004 00000009", "hello flags=0x5a dr=9", true },
	{ "hello v4 empty address list", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2000dfe7 00180000", "hello", false },
	{ "register v4 data", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "2100deff 00000000 45000022 00010000 1011b0c3 0a000005"
	  " ef010101 03e807d0 000e0000 68656c6c 6f21",
	  "register inner=34", true },
	{ "register v4 null border", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "21001eff c0000000 45000014 00000000 00670000 0a000005"
	  " ef010101",
	  "register B N inner=20", true },
	{ "register v4 whole checksum", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "21008f46 00000000 45000022 00010000 1011b0c3 0a000005"
	  " ef010101 03e807d0 000e0000 68656c6c 6f21",
	  "register inner=34 whole", false },
	{ "register v4 empty", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "21009eff 40000000", "register N inner=0", true },
	{ "register-stop v4", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "2200e1d7 01000020 ef010101 01000a00 0005",
	  "register-stop 239.1.1.1/32 src=10.0.0.5", true },
	{ "register-stop v4 wildcard", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "2200ebdc 01000020 ef010101 01000000 0000",
	  "register-stop 239.1.1.1/32 src=0.0.0.0", true },
	{ "join-prune v4", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2300aaef 01000a00 00020003 00d20100 0020ef01 01010001"
	  " 00010100 07200a09 09090100 05200a00 00050100 0020e801"
	  " 01010001 00000100 04200a00 00050100 0020ef02 02020000"
	  " 00020100 04200a00 00060100 04200a00 0007",
	  "join-prune up=10.0.0.2 hold=210s groups=3 [239.1.1.1/32 "
	  "+10.9.9.9/32SWR -10.0.0.5/32SR] [232.1.1.1/32 +10.0.0.5/32S] "
	  "[239.2.2.2/32 -10.0.0.6/32S -10.0.0.7/32S]",
	  true },
	{ "join-prune v4 no groups", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2300d1fd 01000a00 00020000 0000",
	  "join-prune up=10.0.0.2 hold=0s groups=0", true },
	{ "join-prune v4 holdtime forever, group flags", NET_AF_IP4, P_LINK4,
	  PIM_PKT_OK,
	  "230054c4 01000a00 00020001 ffff0100 8104e000 00000001"
	  " 00000100 07200a09 0909",
	  "join-prune up=10.0.0.2 hold=forever groups=1 [224.0.0.0/4BZ "
	  "+10.9.9.9/32SWR]",
	  true },
	{ "graft v4", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "2600d2b3 01000a00 00020001 00000100 0020ef01 01010001"
	  " 00000100 00200a00 0005",
	  "graft up=10.0.0.2 hold=0s groups=1 [239.1.1.1/32 +10.0.0.5/32]",
	  true },
	{ "graft-ack v4", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "2700d1b3 01000a00 00020001 00000100 0020ef01 01010001"
	  " 00000100 00200a00 0005",
	  "graft-ack up=10.0.0.2 hold=0s groups=1 [239.1.1.1/32 +10.0.0.5/32]",
	  true },
	{ "bootstrap v4", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2480db45 12341e40 01000a00 00010100 0004e000 00000202"
	  " 00000100 0a090909 0096c000 01000a09 09080096 00000100"
	  " 0108ef00 00000301 00000100 0a090907 004b0100 01000008"
	  " ee000000 00000000",
	  "bootstrap N tag=0x1234 hash=30 prio=64 bsr=10.0.0.1 [224.0.0.0/4 "
	  "2/2 10.9.9.9:150s:192 10.9.9.8:150s:0] [239.0.0.0/8Z 3/1 "
	  "10.9.9.7:75s:1] [238.0.0.0/8 0/0]",
	  true },
	{ "bootstrap v4 empty rp-set", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2400b0fd 00012000 01000a00 0001",
	  "bootstrap tag=0x0001 hash=32 prio=0 bsr=10.0.0.1", true },
	{ "assert v4", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2500de55 01000020 ef010101 01000a00 00050000 006e0000"
	  " 0014",
	  "assert 239.1.1.1/32 src=10.0.0.5 pref=110 metric=20", true },
	{ "assert v4 (*,G) cancel", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2500e8dc 01000020 ef010101 01000000 0000ffff ffffffff"
	  " ffff",
	  "assert 239.1.1.1/32 src=0.0.0.0 rpt pref=2147483647 "
	  "metric=4294967295",
	  true },
	{ "c-rp-adv v4", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "2800ef80 02c00096 01000a09 09090100 0004e000 00000100"
	  " 0010ef01 0000",
	  "c-rp-adv prio=192 hold=150s rp=10.9.9.9 [224.0.0.0/4] "
	  "[239.1.0.0/16]",
	  true },
	{ "c-rp-adv v4 all groups", NET_AF_IP4, P_UNI4, PIM_PKT_OK,
	  "2800c3ed 00000000 01000a09 0909",
	  "c-rp-adv prio=0 hold=0s rp=10.9.9.9", true },
	{ "state-refresh v4", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2900d707 01000020 ef010101 01000a00 00050100 0a000001"
	  " 0000006e 00000014 1810e03c",
	  "state-refresh 239.1.1.1/32 src=10.0.0.5 orig=10.0.0.1 pref=110 "
	  "metric=20 mask=24 ttl=16 PNO interval=60s",
	  true },
	{ "state-refresh v4 rpt, no bits", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "29002dd5 01000020 ef010101 01000a00 00050100 0a000001"
	  " 80000001 00000002 20ff00ff",
	  "state-refresh 239.1.1.1/32 src=10.0.0.5 orig=10.0.0.1 rpt pref=1 "
	  "metric=2 mask=32 ttl=255 interval=255s",
	  true },
	{ "df offer v4", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2a10c15b 01000a09 09090000 006e0000 0014",
	  "df-election offer rp=10.9.9.9 pref=110 metric=20", true },
	{ "df winner v4", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2a20c14b 01000a09 09090000 006e0000 0014",
	  "df-election winner rp=10.9.9.9 pref=110 metric=20", true },
	{ "df backoff v4", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2a30b1d8 01000a09 09090000 006e0000 00140100 0a000003"
	  " 0000006e 0000000a 03e8",
	  "df-election backoff rp=10.9.9.9 pref=110 metric=20 target=10.0.0.3 "
	  "tpref=110 tmetric=10 interval=1000ms",
	  true },
	{ "df pass v4", NET_AF_IP4, P_LINK4, PIM_PKT_OK,
	  "2a40b5b0 01000a09 09090000 006e0000 00140100 0a000003"
	  " 0000006e 0000000a",
	  "df-election pass rp=10.9.9.9 pref=110 metric=20 target=10.0.0.3 "
	  "tpref=110 tmetric=10",
	  true },
	{ "hello v6", NET_AF_IP6, P_LINK6, PIM_PKT_OK,
	  "200013b0 00010002 00690013 00040000 000a0014 0004dead"
	  " beef0018 00120200 20010db8 00000000 00000000 00000001",
	  "hello hold=105s dr=10 genid=0xdeadbeef addrs=2001:db8::1", true },
	{ "hello v6 goodbye with lan prune delay", NET_AF_IP6, P_LINK6,
	  PIM_PKT_OK, "2000e1ea 00010002 00000002 00040001 0000",
	  "hello hold=0s lpd=-/1ms/0ms", true },
	{ "register v6 data", NET_AF_IP6, P_UNI6, PIM_PKT_OK,
	  "21008314 00000000 60000000 000a1110 20010db8 00050000"
	  " 00000000 00000005 ff3e0000 00000000 00000000 00001234"
	  " 03e807d0 000a0000 6869",
	  "register inner=50", true },
	{ "register v6 whole checksum", NET_AF_IP6, P_UNI6, PIM_PKT_OK,
	  "21005e66 00000000 60000000 000a1110 20010db8 00050000"
	  " 00000000 00000005 ff3e0000 00000000 00000000 00001234"
	  " 03e807d0 000a0000 6869",
	  "register inner=50 whole", false },
	{ "register-stop v6", NET_AF_IP6, P_UNI6, PIM_PKT_OK,
	  "2200509f 02000080 ff0e0000 00000000 00000000 00000001"
	  " 02002001 0db80005 00000000 00000000 0005",
	  "register-stop ff0e::1/128 src=2001:db8:5::5", true },
	{ "join-prune v6", NET_AF_IP6, P_LINK6, PIM_PKT_OK,
	  "23005c33 0200fe80 00000000 00000000 00000000 00020002"
	  " 00d20200 0080ff0e 00000000 00000000 00000000 00010001"
	  " 00000200 07802001 0db80000 00000000 00000000 00090200"
	  " 0080ff3e 00000000 00000000 00000000 12340001 00000200"
	  " 04802001 0db80005 00000000 00000000 0005",
	  "join-prune up=fe80::2 hold=210s groups=2 [ff0e::1/128 "
	  "+2001:db8::9/128SWR] [ff3e::1234/128 +2001:db8:5::5/128S]",
	  true },
	{ "graft v6", NET_AF_IP6, P_UNI6, PIM_PKT_OK,
	  "26004b7e 0200fe80 00000000 00000000 00000000 00020001"
	  " 00000200 0080ff0e 00000000 00000000 00000000 00010000"
	  " 00010200 00802001 0db80005 00000000 00000000 0005",
	  "graft up=fe80::2 hold=0s groups=1 [ff0e::1/128 -2001:db8:5::5/128]",
	  true },
	{ "graft-ack v6", NET_AF_IP6, P_UNI6, PIM_PKT_OK,
	  "27007c7f 0200fe80 00000000 00000000 00000000 00020000"
	  " 0000",
	  "graft-ack up=fe80::2 hold=0s groups=0", true },
	{ "bootstrap v6", NET_AF_IP6, P_LINK6, PIM_PKT_OK,
	  "24007ea7 beef7e0a 02002001 0db80000 00000000 00000000"
	  " 00010200 0008ff00 00000000 00000000 00000000 00000101"
	  " 00000200 20010db8 00000000 00000000 00000009 0096c000",
	  "bootstrap tag=0xbeef hash=126 prio=10 bsr=2001:db8::1 [ff00::/8 1/1 "
	  "2001:db8::9:150s:192]",
	  true },
	{ "assert v6", NET_AF_IP6, P_LINK6, PIM_PKT_OK,
	  "2500ab76 02000080 ff0e0000 00000000 00000000 00000001"
	  " 02002001 0db80005 00000000 00000000 00050000 000a0000"
	  " 0001",
	  "assert ff0e::1/128 src=2001:db8:5::5 pref=10 metric=1", true },
	{ "c-rp-adv v6", NET_AF_IP6, P_UNI6, PIM_PKT_OK,
	  "28004976 01010096 02002001 0db80000 00000000 00000000"
	  " 00090200 0010ff0e 00000000 00000000 00000000 0000",
	  "c-rp-adv prio=1 hold=150s rp=2001:db8::9 [ff0e::/16]", true },
	{ "state-refresh v6", NET_AF_IP6, P_LINK6, PIM_PKT_OK,
	  "2900b761 02000080 ff0e0000 00000000 00000000 00000001"
	  " 02002001 0db80005 00000000 00000000 00050200 20010db8"
	  " 00000000 00000000 00000001 0000000a 00000001 4008803c",
	  "state-refresh ff0e::1/128 src=2001:db8:5::5 orig=2001:db8::1 "
	  "pref=10 metric=1 mask=64 ttl=8 P interval=60s",
	  true },
	{ "df backoff v6", NET_AF_IP6, P_LINK6, PIM_PKT_OK,
	  "2a30a741 02002001 0db80000 00000000 00000000 00090000"
	  " 000a0000 00010200 fe800000 00000000 00000000 00000003"
	  " 0000000a 00000000 ffff",
	  "df-election backoff rp=2001:db8::9 pref=10 metric=1 target=fe80::3 "
	  "tpref=10 tmetric=0 interval=65535ms",
	  true },
	{ "df pass v6", NET_AF_IP6, P_LINK6, PIM_PKT_OK,
	  "2a40a734 02002001 0db80000 00000000 00000000 00090000"
	  " 000a0000 00010200 fe800000 00000000 00000000 00000003"
	  " 00000009 00000000",
	  "df-election pass rp=2001:db8::9 pref=10 metric=1 target=fe80::3 "
	  "tpref=9 tmetric=0",
	  true },
	{ "df offer v6", NET_AF_IP6, P_LINK6, PIM_PKT_OK,
	  "2a10a80b 02002001 0db80000 00000000 00000000 00090000"
	  " 000a0000 0001",
	  "df-election offer rp=2001:db8::9 pref=10 metric=1", true },
	{ "short: 3 bytes", NET_AF_IP4, P_LINK4, PIM_PKT_E_SHORT, "200000" },
	{ "short: empty", NET_AF_IP4, P_LINK4, PIM_PKT_E_SHORT, "" },
	{ "short: register header cut", NET_AF_IP4, P_UNI4, PIM_PKT_E_SHORT,
	  "2100deff 0000" },
	{ "short: assert without metrics", NET_AF_IP4, P_LINK4, PIM_PKT_E_SHORT,
	  "2500ded7 01000020 ef010101 01000a00 0005" },
	{ "short: join-prune header", NET_AF_IP4, P_LINK4, PIM_PKT_E_SHORT,
	  "2300d1fd 01000a00 00020000" },
	{ "short: register-stop v6 with v4 sizes", NET_AF_IP6, P_UNI6,
	  PIM_PKT_E_SHORT, "220085e2 01000020 ef010101 01000a00 0005" },
	{ "short: bootstrap", NET_AF_IP4, P_LINK4, PIM_PKT_E_SHORT,
	  "2400b2fe 00011e00 01000a" },
	{ "short: c-rp-adv", NET_AF_IP4, P_UNI4, PIM_PKT_E_SHORT,
	  "2800d7ff 00000000" },
	{ "short: state refresh", NET_AF_IP4, P_LINK4, PIM_PKT_E_SHORT,
	  "2900afd2 01000020 ef010101 01000a00 00050100 0a000001"
	  " 00000001 00000002 200100" },
	{ "short: df backoff without interval", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_SHORT,
	  "2a30b6b4 01000a09 09090000 00010000 00020100 0a000003"
	  " 00000001 00000002" },
	{ "version 1", NET_AF_IP4, P_LINK4, PIM_PKT_E_VERSION,
	  "1000ef93 00010002 0069" },
	{ "version 3", NET_AF_IP4, P_LINK4, PIM_PKT_E_VERSION, "3000cfff" },
	{ "type 11 ecmp redirect", NET_AF_IP4, P_LINK4, PIM_PKT_E_TYPE,
	  "2b00d4ff 00000000 00000000 00000000" },
	{ "type 15", NET_AF_IP6, P_LINK6, PIM_PKT_E_TYPE, "2f00d302" },
	{ "df subtype 0", NET_AF_IP4, P_LINK4, PIM_PKT_E_TYPE,
	  "2a00c1ea 01000a09 09090000 00010000 0002" },
	{ "df subtype 5", NET_AF_IP4, P_LINK4, PIM_PKT_E_TYPE,
	  "2a50c19a 01000a09 09090000 00010000 0002" },
	{ "length: option past the end", NET_AF_IP4, P_LINK4, PIM_PKT_E_LENGTH,
	  "2000df91 00010004 0069" },
	{ "length: option header cut", NET_AF_IP4, P_LINK4, PIM_PKT_E_LENGTH,
	  "2000df80 00010002 00690013" },
	{ "length: holdtime option of 4 bytes", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH, "2000df91 00010004 00000069" },
	{ "length: lan prune delay of 2 bytes", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH, "2000de07 00020002 01f4" },
	{ "length: dr priority of 2 bytes", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH, "2000dfe9 00130002 0001" },
	{ "length: generation id of 8 bytes", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH, "2000dfe3 00140008 00000000 00000000" },
	{ "length: address list with a partial entry", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH, "2000c8dc 00180009 01000a01 01010100 0a" },
	{ "length: join count beyond the message", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH,
	  "2300d0e0 01000a00 00020001 00d20100 0020ef01 01010002"
	  " 00000100 04200a00 0005" },
	{ "length: group count beyond the message", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH,
	  "2300e006 01000a00 00020002 00d20100 0020ef01 01010000"
	  " 0000" },
	{ "length: join-prune trailing bytes", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH,
	  "2300aaef 01000a00 00020003 00d20100 0020ef01 01010001"
	  " 00010100 07200a09 09090100 05200a00 00050100 0020e801"
	  " 01010001 00000100 04200a00 00050100 0020ef02 02020000"
	  " 00020100 04200a00 00060100 04200a00 00070000" },
	{ "length: assert trailing byte", NET_AF_IP4, P_LINK4, PIM_PKT_E_LENGTH,
	  "2500de55 01000020 ef010101 01000a00 00050000 006e0000"
	  " 001400" },
	{ "length: register-stop trailing bytes", NET_AF_IP4, P_UNI4,
	  PIM_PKT_E_LENGTH,
	  "2200e1d7 01000020 ef010101 01000a00 00050000 0000" },
	{ "length: bootstrap frag rp count above rp count", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH,
	  "2400a5a6 00011e01 01000a00 00010100 0004e000 00000102"
	  " 00000100 0a090909 00960100 01000a09 09080096 0100" },
	{ "length: bootstrap rps beyond the message", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH,
	  "2400b94d 00011e01 01000a00 00010100 0004e000 00000202"
	  " 00000100 0a090909 00960100 0100" },
	{ "length: bootstrap group range cut", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH,
	  "2400d0f7 00011e01 01000a00 00010100 0004e000 000001" },
	{ "length: c-rp-adv prefix count beyond", NET_AF_IP4, P_UNI4,
	  PIM_PKT_E_LENGTH,
	  "2800e051 02010096 01000a09 09090100 0004e000 0000" },
	{ "length: state refresh trailing byte", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH,
	  "2900af96 01000020 ef010101 01000a00 00050100 0a000001"
	  " 00000001 00000002 2001003c 00" },
	{ "length: df offer trailing bytes", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH, "2a10c1da 01000a09 09090000 00010000 00020000" },
	{ "family: ipv6 upstream in ipv4 join", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_FAMILY,
	  "2300dbaa 0200fe80 00000000 00000000 00000000 00020000"
	  " 00d2" },
	{ "family: ipv4 group in ipv6 assert", NET_AF_IP6, P_LINK6,
	  PIM_PKT_E_FAMILY,
	  "2500bbf3 01000020 ef010101 00000000 00000000 00000000"
	  " 02002001 0db80000 00000000 00000000 00050000 00000000"
	  " 0000" },
	{ "family: code 3 in address list", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_FAMILY, "2000d1df 00180006 03000a01 0101" },
	{ "family: ipv4 source in ipv4 assert coded as 0", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_FAMILY,
	  "2500dfd7 01000020 ef010101 00000a00 00050000 00000000"
	  " 0000" },
	{ "encoding: join attribute source", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_ENCODING,
	  "2300d7e0 01000a00 00020001 00d20100 0020e801 01010001"
	  " 00000101 04200a00 0005" },
	{ "encoding: type 5 group", NET_AF_IP4, P_UNI4, PIM_PKT_E_ENCODING,
	  "2200e1d2 01050020 ef010101 01000a00 0005" },
	{ "mask: group /33", NET_AF_IP4, P_UNI4, PIM_PKT_E_MASK,
	  "2200e1d6 01000021 ef010101 01000a00 0005" },
	{ "mask: source /129", NET_AF_IP6, P_LINK6, PIM_PKT_E_MASK,
	  "2300a76a 0200fe80 00000000 00000000 00000000 00020001"
	  " 00d20200 0080ff3e 00000000 00000000 00000000 00010001"
	  " 00000200 04812001 0db80000 00000000 00000000 0005" },
	{ "mask: bootstrap hash mask /33", NET_AF_IP4, P_LINK4, PIM_PKT_E_MASK,
	  "2400affc 00012101 01000a00 0001" },
	{ "mask: state refresh /33", NET_AF_IP4, P_LINK4, PIM_PKT_E_MASK,
	  "2900ae96 01000020 ef010101 01000a00 00050100 0a000001"
	  " 00000001 00000002 2101003c" },
	{ "checksum: ipv4 hello", NET_AF_IP4, P_LINK4, PIM_PKT_E_CHECKSUM,
	  "2000fd79 00010002 00690002 000401f4 09c40013 00040000"
	  " 00010014 00041234 abcd0018 000c0100 0a010101 01000a02"
	  " 0202" },
	{ "checksum: ipv6 hello from another source", NET_AF_IP6, P_OTHER6,
	  PIM_PKT_E_CHECKSUM,
	  "200013b0 00010002 00690013 00040000 000a0014 0004dead"
	  " beef0018 00120200 20010db8 00000000 00000000 00000001" },
	{ "checksum: ipv6 without addresses", NET_AF_IP6, P_NONE,
	  PIM_PKT_E_CHECKSUM,
	  "200013b0 00010002 00690013 00040000 000a0014 0004dead"
	  " beef0018 00120200 20010db8 00000000 00000000 00000001" },
	{ "checksum: ipv6 without destination", NET_AF_IP6, P_HALF,
	  PIM_PKT_E_CHECKSUM,
	  "200013b0 00010002 00690013 00040000 000a0014 0004dead"
	  " beef0018 00120200 20010db8 00000000 00000000 00000001" },
	{ "checksum: ipv6 checksum sent without pseudo-header", NET_AF_IP6,
	  P_LINK6, PIM_PKT_E_CHECKSUM,
	  "200011d9 00010002 00690013 00040000 000a0014 0004dead"
	  " beef0018 00120200 20010db8 00000000 00000000 00000001" },
	{ "checksum: register neither header nor whole", NET_AF_IP4, P_UNI4,
	  PIM_PKT_E_CHECKSUM,
	  "2100dfff 00000000 45000022 00010000 1011b0c3 0a000005"
	  " ef010101 03e807d0 000e0000 68656c6c 6f21" },
	{ "checksum: ipv6 register without pseudo-header", NET_AF_IP6, P_UNI6,
	  PIM_PKT_E_CHECKSUM,
	  "2100deff 00000000 60000000 000a1110 20010db8 00050000"
	  " 00000000 00000005 ff3e0000 00000000 00000000 00001234"
	  " 03e807d0 000a0000 6869" },
	{ "order: structure checked before checksum", NET_AF_IP4, P_LINK4,
	  PIM_PKT_E_LENGTH,
	  "2500df55 01000020 ef010101 01000a00 00050000 006e0000"
	  " 001400" },
	{ "order: version before type", NET_AF_IP4, P_LINK4, PIM_PKT_E_VERSION,
	  "1f00e0ff" },
};

/* ---- helpers ---- */

static struct pim_msg *new_msg(void)
{
	struct pim_msg *m = calloc(1, sizeof(*m));

	assert_non_null(m);
	return m;
}

/* Decode n bytes from an exact-size heap copy (ASan sees any overread).
 * A Register's inner pointer would dangle: it is cleared. */
static enum pim_pkt_err decode_copy(enum net_af af, const uint8_t *p, size_t n,
				    enum pair pair, struct pim_msg *m)
{
	const struct net_addr *s, *d;
	uint8_t *copy = malloc(n ? n : 1);
	enum pim_pkt_err e;

	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	pair_addrs(pair, &s, &d);
	e = pim_pkt_decode(af, n ? copy : NULL, n, s, d, m);
	if (e == PIM_PKT_OK && m->type == PIM_T_REGISTER) {
		if (m->reg.inner_len)
			assert_true(m->reg.inner == copy + PIM_REG_HDR_LEN);
		m->reg.inner = NULL;
	}
	free(copy);
	assert_true((unsigned)e < PIM_PKT_E__COUNT);
	return e;
}

/* A growing text buffer. */
struct text {
	char b[2048];
	size_t n;
};

static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(t->b + t->n, sizeof(t->b) - t->n, fmt, ap);
	va_end(ap);
	assert_true(k >= 0 && (size_t)k < sizeof(t->b) - t->n);
	t->n += (size_t)k;
}

static void put_addr(struct text *t, const char *pre, const struct net_addr *a)
{
	char s[NET_ADDR_STRLEN];

	net_addr_fmt(a, s, sizeof(s));
	put(t, "%s%s", pre, s);
}

static void put_group(struct text *t, const char *pre,
		      const struct pim_egroup *g)
{
	put_addr(t, pre, &g->addr);
	put(t, "/%u%s%s", g->mask_len, g->b_bit ? "B" : "",
	    g->z_bit ? "Z" : "");
}

static void put_src(struct text *t, const char *pre, const struct pim_esrc *s)
{
	put_addr(t, pre, &s->addr);
	put(t, "/%u%s%s%s", s->mask_len, s->s_bit ? "S" : "",
	    s->w_bit ? "W" : "", s->r_bit ? "R" : "");
}

static void put_secs(struct text *t, const char *pre, sim_time_t v)
{
	assert_int_equal(v % SIM_S(1), 0);
	put(t, "%s%llds", pre, (long long)(v / SIM_S(1)));
}

static void put_ms(struct text *t, const char *pre, sim_time_t v)
{
	assert_int_equal(v % SIM_MS(1), 0);
	put(t, "%s%lldms", pre, (long long)(v / SIM_MS(1)));
}

static void describe_hello(struct text *t, const struct pim_hello *h)
{
	if (h->has_holdtime) {
		if (h->holdtime_forever) {
			assert_int_equal(h->holdtime, SIM_S(0xffff));
			put(t, " hold=forever");
		} else {
			put_secs(t, " hold=", h->holdtime);
		}
	}
	if (h->has_lan_prune_delay) {
		put(t, " lpd=%s", h->t_bit ? "T" : "-");
		put_ms(t, "/", h->propagation_delay);
		put_ms(t, "/", h->override_interval);
	}
	if (h->has_dr_priority)
		put(t, " dr=%u", h->dr_priority);
	if (h->has_genid)
		put(t, " genid=0x%08x", h->genid);
	for (unsigned i = 0; i < h->naddrs; i++)
		put_addr(t, i ? "," : " addrs=", &h->addrs[i]);
	if (h->unknown_opts)
		put(t, " unknown=%u", h->unknown_opts);
}

static void describe_jp(struct text *t, const struct pim_jp *jp)
{
	uint32_t used = 0;

	put_addr(t, " up=", &jp->upstream);
	if (jp->holdtime_forever)
		put(t, " hold=forever");
	else
		put_secs(t, " hold=", jp->holdtime);
	put(t, " groups=%u", jp->ngroups);
	for (unsigned i = 0; i < jp->ngroups; i++) {
		const struct pim_jp_group *g = &jp->groups[i];

		assert_int_equal(g->src0, used);
		put_group(t, " [", &g->group);
		for (unsigned k = 0; k < g->njoin + g->nprune; k++)
			put_src(t, k < g->njoin ? " +" : " -",
				&jp->srcs[g->src0 + k]);
		put(t, "]");
		used += g->njoin + g->nprune;
	}
	assert_int_equal(jp->nsrcs, used);
}

static void describe_bsr(struct text *t, const struct pim_bsr *b)
{
	uint32_t used = 0;

	put(t, "%s tag=0x%04x hash=%u prio=%u", b->no_forward ? " N" : "",
	    b->frag_tag, b->hash_mask_len, b->priority);
	put_addr(t, " bsr=", &b->addr);
	for (unsigned i = 0; i < b->ngroups; i++) {
		const struct pim_bsr_group *g = &b->groups[i];

		assert_int_equal(g->rp0, used);
		put_group(t, " [", &g->group);
		put(t, " %u/%u", g->rp_count, g->frag_rp_count);
		for (unsigned k = 0; k < g->frag_rp_count; k++) {
			const struct pim_bsr_rp *rp = &b->rps[g->rp0 + k];

			put_addr(t, " ", &rp->addr);
			put_secs(t, ":", rp->holdtime);
			put(t, ":%u", rp->priority);
		}
		put(t, "]");
		used += g->frag_rp_count;
	}
	assert_int_equal(b->nrps, used);
}

static void describe_metrics(struct text *t, bool rpt, uint32_t pref,
			     uint32_t metric)
{
	put(t, "%s pref=%u metric=%u", rpt ? " rpt" : "", pref, metric);
}

static void describe_sr(struct text *t, const struct pim_state_refresh *s)
{
	put_group(t, " ", &s->group);
	put_addr(t, " src=", &s->source);
	put_addr(t, " orig=", &s->originator);
	describe_metrics(t, s->rpt_bit, s->metric_pref, s->metric);
	put(t, " mask=%u ttl=%u", s->mask_len, s->ttl);
	if (s->p_bit || s->n_bit || s->o_bit)
		put(t, " %s%s%s", s->p_bit ? "P" : "", s->n_bit ? "N" : "",
		    s->o_bit ? "O" : "");
	put_secs(t, " interval=", s->interval);
}

static void describe_df(struct text *t, const struct pim_df *d)
{
	static const char *const sub[] = { "?", "offer", "winner", "backoff",
					   "pass" };

	assert_true(d->subtype >= 1 && d->subtype <= 4);
	put(t, " %s", sub[d->subtype]);
	put_addr(t, " rp=", &d->rp);
	describe_metrics(t, false, d->metric_pref, d->metric);
	if (d->subtype == PIM_DF_BACKOFF || d->subtype == PIM_DF_PASS) {
		put_addr(t, " target=", &d->target);
		put(t, " tpref=%u tmetric=%u", d->target_metric_pref,
		    d->target_metric);
	}
	if (d->subtype == PIM_DF_BACKOFF)
		put_ms(t, " interval=", d->interval);
}

static void describe_body(struct text *t, const struct pim_msg *m)
{
	switch (m->type) {
	case PIM_T_HELLO:
		describe_hello(t, &m->hello);
		break;
	case PIM_T_REGISTER:
		put(t, "%s%s inner=%zu%s", m->reg.b_bit ? " B" : "",
		    m->reg.n_bit ? " N" : "", m->reg.inner_len,
		    m->reg.csum_whole ? " whole" : "");
		break;
	case PIM_T_REGISTER_STOP:
	case PIM_T_ASSERT:
		put_group(t, " ", &m->assert.group);
		put_addr(t, " src=", &m->assert.source);
		if (m->type == PIM_T_ASSERT)
			describe_metrics(t, m->assert.rpt_bit,
					 m->assert.metric_pref,
					 m->assert.metric);
		break;
	case PIM_T_JOIN_PRUNE:
	case PIM_T_GRAFT:
	case PIM_T_GRAFT_ACK:
		describe_jp(t, &m->jp);
		break;
	case PIM_T_BOOTSTRAP:
		describe_bsr(t, &m->bsr);
		break;
	case PIM_T_CRP_ADV:
		put(t, " prio=%u", m->crp.priority);
		put_secs(t, " hold=", m->crp.holdtime);
		put_addr(t, " rp=", &m->crp.rp);
		for (unsigned i = 0; i < m->crp.prefix_count; i++) {
			put_group(t, " [", &m->crp.groups[i]);
			put(t, "]");
		}
		break;
	case PIM_T_STATE_REFRESH:
		describe_sr(t, &m->sr);
		break;
	case PIM_T_DF_ELECTION:
		describe_df(t, &m->df);
		break;
	default:
		fail_msg("type %d", m->type);
	}
}

/* The decoded message as text, in the vectors' notation. */
static const char *describe(const struct pim_msg *m, struct text *t)
{
	t->n = 0;
	t->b[0] = '\0';
	put(t, "%s", pim_type_name(m->type));
	if (m->flags && m->type != PIM_T_BOOTSTRAP &&
	    m->type != PIM_T_DF_ELECTION)
		put(t, " flags=0x%02x", m->flags);
	describe_body(t, m);
	return t->b;
}

/* ---- vectors ---- */

static void test_vectors(void **state)
{
	struct pim_msg *m = new_msg();
	struct text t;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t b[512];
		size_t n = nt_hex(v->hex, b, sizeof(b));
		enum pim_pkt_err e;

		memset(m, 0xa5, sizeof(*m));
		e = decode_copy(v->af, b, n, v->pair, m);
		if (e != v->expect)
			fail_msg("%s: got %s, expected %s", v->name,
				 pim_pkt_err_name(e),
				 pim_pkt_err_name(v->expect));
		if (e != PIM_PKT_OK)
			continue;
		assert_int_equal(m->af, v->af);
		assert_int_equal(m->checksum, net_get_be16(b + 2));
		if (strcmp(describe(m, &t), v->desc) != 0)
			fail_msg("%s:\n got  %s\n want %s", v->name, t.b,
				 v->desc);
	}
	free(m);
}

/* Canonical vectors encode back to their bytes; every good vector
 * survives encode and decode with the same meaning. */
static void test_reencode(void **state)
{
	struct pim_msg *m = new_msg(), *m2 = new_msg();
	struct text t1, t2;
	unsigned exact = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		const struct net_addr *s, *d;
		uint8_t b[512], out[512];
		size_t n = nt_hex(v->hex, b, sizeof(b));
		int len;

		if (v->expect != PIM_PKT_OK)
			continue;
		pair_addrs(v->pair, &s, &d);
		assert_int_equal(pim_pkt_decode(v->af, b, n, s, d, m),
				 PIM_PKT_OK);
		len = pim_pkt_encode(m, s, d, out, sizeof(out));
		assert_true(len >= 4);
		if (v->reencode) {
			if ((size_t)len != n || memcmp(out, b, n) != 0)
				fail_msg("%s: re-encoding differs", v->name);
			exact++;
		}
		assert_int_equal(
			decode_copy(v->af, out, (size_t)len, v->pair, m2),
			PIM_PKT_OK);
		describe(m, &t1);
		describe(m2, &t2);
		/* what is not kept: unknown options, the whole-message
		 * Register checksum */
		if (m->type == PIM_T_HELLO)
			m->hello.unknown_opts = 0;
		if (m->type == PIM_T_REGISTER)
			m->reg.csum_whole = false;
		describe(m, &t1);
		assert_string_equal(t1.b, t2.b);
	}
	assert_true(exact >= 40);
	free(m);
	free(m2);
}

/* ---- robustness ---- */

/* Is the byte at off outside what the checksum of this vector covers
 * (a Register's data packet under an 8-byte checksum)? */
static bool uncovered(const struct vector *v, const struct pim_msg *m,
		      size_t off)
{
	return m->type == PIM_T_REGISTER && strstr(v->desc, "whole") == NULL &&
	       off >= PIM_REG_HDR_LEN;
}

/* Every prefix of every good vector decodes without harm and is refused,
 * but for a Register cut inside its data packet. */
static void test_truncation(void **state)
{
	struct pim_msg *m = new_msg(), *ref = new_msg();

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t b[512];
		size_t n = nt_hex(v->hex, b, sizeof(b));

		if (v->expect != PIM_PKT_OK)
			continue;
		assert_int_equal(decode_copy(v->af, b, n, v->pair, ref),
				 PIM_PKT_OK);
		for (size_t k = 0; k < n; k++) {
			enum pim_pkt_err e =
				decode_copy(v->af, b, k, v->pair, m);

			if (e == PIM_PKT_OK && !uncovered(v, ref, k))
				fail_msg("%s: %zu-byte prefix accepted",
					 v->name, k);
			if (k < 4)
				assert_int_equal(e, PIM_PKT_E_SHORT);
		}
	}
	free(m);
	free(ref);
}

/* The checksum (or the structure) catches every single-bit error in what
 * the checksum covers. */
static void test_bit_flips(void **state)
{
	struct pim_msg *m = new_msg(), *ref = new_msg();
	unsigned flips = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++) {
		const struct vector *v = &vectors[i];
		uint8_t b[512];
		size_t n = nt_hex(v->hex, b, sizeof(b));

		if (v->expect != PIM_PKT_OK)
			continue;
		assert_int_equal(decode_copy(v->af, b, n, v->pair, ref),
				 PIM_PKT_OK);
		for (size_t bit = 0; bit < n * 8; bit++) {
			enum pim_pkt_err e;

			b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			e = decode_copy(v->af, b, n, v->pair, m);
			if (e == PIM_PKT_OK && !uncovered(v, ref, bit / 8))
				fail_msg("%s: bit %zu flipped, accepted",
					 v->name, bit);
			b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			flips++;
		}
	}
	assert_true(flips > 13000);
	free(m);
	free(ref);
}

/* Random mutations of the good vectors (a few bytes changed, the length
 * changed, small counts kept plausible), checksum fixed so the bodies
 * get walked: never a crash, and a good share still parses. */
static void test_random(void **state)
{
	struct pim_msg *m = new_msg();
	struct sim_rng rng;
	unsigned ok = 0, bad = 0;

	(void)state;
	sim_rng_seed(&rng, 7, "pim_pkt_test");
	for (int it = 0; it < 30000; it++) {
		const struct vector *v =
			&vectors[sim_rng_below(&rng, ARRAY_LEN(vectors))];
		const struct net_addr *s, *d;
		uint8_t b[600];
		size_t n = nt_hex(v->hex, b, 512);
		unsigned changes = 1 + (unsigned)sim_rng_below(&rng, 3);

		for (unsigned c = 0; c < changes && n > 4; c++) {
			size_t at = 4 + (size_t)sim_rng_below(&rng, n - 4);

			b[at] = (uint8_t)(sim_rng_below(&rng, 4) == 0
						  ? sim_rng_next(&rng)
						  : b[at] ^ (1u
							     << sim_rng_below(
									&rng,
									8)));
		}
		if (sim_rng_below(&rng, 4) == 0) {
			size_t grow = (size_t)sim_rng_below(&rng, 40);

			for (size_t k = 0; k < grow; k++)
				b[n + k] = (uint8_t)sim_rng_next(&rng);
			n += grow;
		} else if (sim_rng_below(&rng, 3) == 0 && n > 0) {
			n = (size_t)sim_rng_below(&rng, n);
		}
		pair_addrs(v->pair, &s, &d);
		if (n >= 4 && (v->af == NET_AF_IP4 || (s && d)))
			assert_int_equal(
				pim_pkt_set_checksum(v->af, b, n, s, d), 0);
		if (decode_copy(v->af, b, n, v->pair, m) == PIM_PKT_OK)
			ok++;
		else
			bad++;
	}
	assert_true(ok > 3000 && bad > 3000);
	free(m);
}

/* ---- names and constants ---- */

static void test_names(void **state)
{
	(void)state;
	for (int t = 0; t < PIM_T__COUNT; t++) {
		const char *n = pim_type_name((enum pim_type)t);

		assert_non_null(n);
		assert_string_not_equal(n, "unknown");
		for (int u = 0; u < t; u++)
			assert_string_not_equal(
				n, pim_type_name((enum pim_type)u));
	}
	assert_string_equal(pim_type_name(PIM_T_JOIN_PRUNE), "join-prune");
	assert_string_equal(pim_type_name(PIM_T__COUNT), "unknown");
	assert_string_equal(pim_type_name((enum pim_type) - 1), "unknown");
	for (int e = 0; e < PIM_PKT_E__COUNT; e++) {
		const char *n = pim_pkt_err_name((enum pim_pkt_err)e);

		assert_non_null(n);
		assert_string_not_equal(n, "unknown");
		for (int u = 0; u < e; u++)
			assert_string_not_equal(
				n, pim_pkt_err_name((enum pim_pkt_err)u));
	}
	assert_string_equal(pim_pkt_err_name(PIM_PKT_E_CHECKSUM), "checksum");
	assert_string_equal(pim_pkt_err_name(PIM_PKT_E__COUNT), "unknown");
}

/* Every reason has a vector. */
static void test_every_reason_covered(void **state)
{
	bool seen[PIM_PKT_E__COUNT] = { false };

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(vectors); i++)
		seen[vectors[i].expect] = true;
	for (int e = 0; e < PIM_PKT_E__COUNT; e++)
		if (!seen[e] && e != PIM_PKT_E_TOO_MANY)
			fail_msg("no vector for %s",
				 pim_pkt_err_name((enum pim_pkt_err)e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_reencode),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_bit_flips),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_every_reason_covered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
