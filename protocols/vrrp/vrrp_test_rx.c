/*
 * Tests of the VRRP receive checks (vrrp.c; RFC 5798 section 7.1, RFC
 * 3768 section 7.1): v2 authentication and Adver Int mismatches dropped
 * and counted (the Backup then times out as if alone), the version, VRID,
 * family and malformed checks, the address list (counted and logged; v3
 * processes it, v2 drops it unless from the owner), the owner ignoring
 * every advert, adverts in Initialize; the wire through the real codec;
 * and the API edges (configuration checks, listeners, names, intervals,
 * send failures).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/vrrp/vrrp_test_wire.h"

#define D VT_DELAY

static void set_key(struct vrrp_group_cfg *c, uint8_t type, const char *key)
{
	c->auth_type = type;
	memset(c->auth_key, 0, sizeof(c->auth_key));
	memcpy(c->auth_key, key, strnlen(key, VRRP_V2_AUTH_LEN));
}

/* A (owner, v2 1 s) and B (100): matching keys accepted, others dropped. */
void vt_test_v2_auth(void **state)
{
	static const struct {
		uint8_t ta;
		const char *ka;
		uint8_t tb;
		const char *kb;
		bool ok;
	} tc[] = {
		{ VRRP_AUTH_NONE, "", VRRP_AUTH_NONE, "", true },
		{ VRRP_AUTH_SIMPLE, "secret1", VRRP_AUTH_SIMPLE, "secret1",
		  true },
		{ VRRP_AUTH_SIMPLE, "secret1", VRRP_AUTH_SIMPLE, "secret2",
		  false },
		{ VRRP_AUTH_SIMPLE, "12345678", VRRP_AUTH_SIMPLE, "12345679",
		  false },
		{ VRRP_AUTH_NONE, "", VRRP_AUTH_SIMPLE, "secret1", false },
		{ VRRP_AUTH_SIMPLE, "secret1", VRRP_AUTH_NONE, "", false },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct vrrp_group_cfg c[2] = { vt_cfg2(0, 255, SIM_S(1)),
					       vt_cfg2(1, 100, SIM_S(1)) };
		struct vt_end *B;
		struct vt *h;

		set_key(&c[0], tc[k].ta, tc[k].ka);
		set_key(&c[1], tc[k].tb, tc[k].kb);
		h = vt_new(2, c);
		B = &h->e[1];
		vt_start(h, 0);
		vt_start(h, 1);
		vt_run_to(h, SIM_S(10));
		if (tc[k].ok) {
			assert_int_equal(B->ntr, 1);
			assert_int_equal(vt_info(B).adv_rx, 10);
			assert_int_equal(vt_info(B).drops[VRRP_DROP_AUTH], 0);
		} else {
			/* As if alone: Master at 0 + Master_Down_Interval. */
			vt_assert_tr(B, 1, vt_mdi(2, 100, SIM_S(1)),
				     VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
			assert_int_equal(vt_info(B).adv_rx, 0);
			assert_int_equal(vt_info(B).drops[VRRP_DROP_AUTH], 10);
		}
		vt_free(h);
	}
}

/* v2 Adver Int must equal ours (RFC 3768 7.1); v3 learns it instead. */
void vt_test_v2_interval(void **state)
{
	struct vrrp_group_cfg c[2] = { vt_cfg2(0, 255, SIM_S(1)),
				       vt_cfg2(1, 100, SIM_S(2)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *B = &h->e[1];

	(void)state;
	vt_start(h, 0);
	vt_start(h, 1);
	assert_int_equal(vt_info(B).master_down_int, vt_mdi(2, 100, SIM_S(2)));
	vt_run_to(h, SIM_MS(1500));
	assert_int_equal(vt_info(B).drops[VRRP_DROP_INTERVAL], 2);
	assert_int_equal(vt_info(B).adv_rx, 0);
	/* Reconfigured to match: v2 Master_Adver_Interval follows. */
	vrrp_group_set_adver_int(B->g, SIM_S(1));
	assert_int_equal(vt_info(B).master_adver_int, SIM_S(1));
	assert_int_equal(vt_info(B).master_down_int, vt_mdi(2, 100, SIM_S(1)));
	vt_run_to(h, SIM_S(10));
	assert_int_equal(vt_info(B).drops[VRRP_DROP_INTERVAL], 2);
	assert_int_equal(vt_info(B).adv_rx, 8);
	assert_int_equal(B->ntr, 1);
	vt_free(h);

	/* Never matching: B times out alone and both are Master. */
	h = vt_new(2, c);
	B = &h->e[1];
	vt_start(h, 0);
	vt_start(h, 1);
	vt_run_to(h, SIM_S(10));
	vt_assert_tr(B, 1, 6609375000, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	assert_int_equal(vt_info(B).drops[VRRP_DROP_INTERVAL], 10);
	assert_int_equal(vt_info(&h->e[0]).drops[VRRP_DROP_OWNER], 2);
	vt_free(h);
}

enum mut {
	M_NULL,
	M_TYPE,
	M_INT0,
	M_NADDRS,
	M_SRC6,
	M_VRID,
	M_AF,
	M_VERSION,
	M_ADDR_OTHER,
	M_ADDR_COUNT,
	M_OK,
};

/* Each mutation of a good advert and the drop it must cause (or -1). */
void vt_test_rx_checks(void **state)
{
	static const struct {
		enum mut m;
		int drop;
	} tc[] = {
		{ M_NULL, VRRP_DROP_MALFORMED },
		{ M_TYPE, VRRP_DROP_MALFORMED },
		{ M_INT0, VRRP_DROP_MALFORMED },
		{ M_NADDRS, VRRP_DROP_MALFORMED },
		{ M_SRC6, VRRP_DROP_MALFORMED },
		{ M_VRID, VRRP_DROP_NO_GROUP },
		{ M_AF, VRRP_DROP_NO_GROUP },
		{ M_VERSION, VRRP_DROP_VERSION },
		{ M_ADDR_OTHER, -1 },
		{ M_ADDR_COUNT, -1 },
		{ M_OK, -1 },
	};
	struct vrrp_group_cfg c[2] = { vt_cfg(0, 200, SIM_S(1)),
				       vt_cfg(1, 100, SIM_S(1)) };
	struct vt *h = vt_new(2, c);
	struct vt_end *A = &h->e[0], *B = &h->e[1];
	struct net_addr src6 = node_tw_addr("fe80::1");
	uint64_t rx = 0;

	(void)state;
	/* In Initialize adverts are ignored (counted apart). */
	struct vrrp_adv a = vt_adv(A, 200);
	vt_inject(B, &a, &A->cfg.primary);
	assert_int_equal(vt_info(B).rx_idle, 1);
	vt_start(h, 1);
	vt_run_to(h, SIM_S(1));
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct vrrp_group_info before = vt_info(B), after;
		const struct net_addr *src = &A->cfg.primary;
		bool addrs = tc[k].m == M_ADDR_OTHER || tc[k].m == M_ADDR_COUNT;

		a = vt_adv(A, 200);
		switch (tc[k].m) {
		case M_TYPE:
			a.type = 2;
			break;
		case M_INT0:
			a.adver_int = 0;
			break;
		case M_NADDRS:
			a.naddrs = VRRP_MAX_ADDRS + 1;
			break;
		case M_SRC6:
			src = &src6;
			break;
		case M_VRID:
			a.vrid = 2;
			break;
		case M_AF:
			a.af = NET_AF_IP6;
			break;
		case M_VERSION:
			a.version = 2;
			break;
		case M_ADDR_OTHER:
			a.addrs[0] = node_tw_addr("10.0.0.253");
			break;
		case M_ADDR_COUNT:
			a.naddrs = 2;
			a.addrs[1] = node_tw_addr("10.0.0.254");
			break;
		default:
			break;
		}
		vt_run_to(h, node_tw_now(h->w) + SIM_MS(100));
		if (tc[k].m == M_NULL)
			vrrp_group_rx(B->g, NULL, src);
		else
			vt_inject(B, &a, src);
		after = vt_info(B);
		for (int d = 0; d < VRRP_DROP__COUNT; d++) {
			uint64_t want = before.drops[d];

			if (d == tc[k].drop || (addrs && d == VRRP_DROP_ADDRS))
				want++;
			assert_int_equal(after.drops[d], want);
		}
		if (tc[k].drop < 0) {
			rx++;
			assert_int_equal(after.last_adv_rx, node_tw_now(h->w));
		}
		assert_int_equal(after.adv_rx, rx);
	}
	/* Counted by the caller (router): TTL; out of range ignored. */
	vrrp_group_count_drop(B->g, VRRP_DROP_TTL);
	vrrp_group_count_drop(B->g, VRRP_DROP__COUNT);
	assert_int_equal(vt_info(B).drops[VRRP_DROP_TTL], 1);
	/* The processed adverts kept B Backup past its own timeout. */
	vt_run_to(h, node_tw_now(h->w) + SIM_S(3));
	assert_int_equal(B->ntr, 1);
	vt_free(h);
}

enum addr_list {
	L_OTHER,   /* one of ours replaced by another address */
	L_MISSING, /* one of ours left out */
	L_EXTRA,   /* ours plus another */
	L_DUP,	   /* ours, one twice */
	L_REORDER, /* ours in another order: a match */
};

/* B's two addresses, then the advertised list of kind k. */
static void addr_list(struct vrrp_adv *a, enum addr_list k, bool v6)
{
	struct net_addr ours[2] = {
		node_tw_addr(v6 ? "2001:db8::fe" : "10.0.0.254"),
		node_tw_addr(v6 ? "2001:db8::fd" : "10.0.0.253"),
	};
	struct net_addr other = node_tw_addr(v6 ? "2001:db8::9" : "10.0.0.9");

	a->naddrs = 2;
	a->addrs[0] = ours[0];
	a->addrs[1] = ours[1];
	switch (k) {
	case L_OTHER:
		a->addrs[0] = other;
		break;
	case L_MISSING:
		a->naddrs = 1;
		break;
	case L_EXTRA:
		a->addrs[a->naddrs++] = other;
		break;
	case L_DUP:
		a->addrs[a->naddrs++] = ours[0];
		break;
	case L_REORDER:
		a->addrs[0] = ours[1];
		a->addrs[1] = ours[0];
		break;
	}
}

/*
 * Address lists that differ from B's (two addresses) in each way (RFC
 * 5798 7.1, RFC 3768 7.1): counted and logged ("addr-mismatch", naming an
 * address that differs); v3 processes the advertisement, v2 drops it
 * unless it comes from the owner (priority 255; priority 0 is dropped
 * too), so B times out as if alone. The order of the list does not count.
 */
void vt_test_addrs(void **state)
{
	static const struct {
		int kind; /* 0: v3 IPv4, 1: v3 IPv6, 2: v2 */
		enum addr_list list;
		uint8_t prio;
		sim_time_t ival; /* advertised; 0: B's */
		bool processed;
		const char *addr; /* named by the log; NULL: none */
	} tc[] = {
		{ 0, L_OTHER, 200, 0, true, "10.0.0.9" },
		{ 0, L_MISSING, 200, 0, true, "10.0.0.253" },
		{ 0, L_EXTRA, 200, 0, true, "10.0.0.9" },
		{ 0, L_DUP, 200, 0, true, NULL },
		{ 0, L_REORDER, 200, 0, true, NULL },
		{ 1, L_OTHER, 200, 0, true, "2001:db8::9" },
		{ 2, L_OTHER, 200, 0, false, "10.0.0.9" },
		{ 2, L_MISSING, 200, 0, false, "10.0.0.253" },
		{ 2, L_OTHER, 0, 0, false, "10.0.0.9" },
		{ 2, L_OTHER, 255, 0, true, "10.0.0.9" },
		{ 2, L_OTHER, 255, SIM_S(2), false, "10.0.0.9" },
		{ 2, L_REORDER, 200, 0, true, NULL },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		bool v6 = tc[k].kind == 1, match = tc[k].list == L_REORDER;
		uint8_t ver = tc[k].kind == 2 ? 2 : 3;
		struct vrrp_group_cfg c[2] = {
			v6	   ? vt_cfg6(0, 200, SIM_S(1))
			: ver == 2 ? vt_cfg2(0, 200, SIM_S(1))
				   : vt_cfg(0, 200, SIM_S(1)),
			v6	   ? vt_cfg6(1, 100, SIM_S(1))
			: ver == 2 ? vt_cfg2(1, 100, SIM_S(1))
				   : vt_cfg(1, 100, SIM_S(1)),
		};
		struct vt *h;
		struct vt_end *A, *B;
		struct vrrp_group_info in;
		struct vrrp_adv a;
		sim_time_t t0 = SIM_MS(100);

		c[1].vaddrs[1] =
			node_tw_addr(v6 ? "2001:db8::fd" : "10.0.0.253");
		c[1].nvaddrs = 2;
		h = vt_new(2, c);
		A = &h->e[0];
		B = &h->e[1];
		vt_start(h, 1);
		vt_run_to(h, t0);
		a = vt_adv(A, tc[k].prio);
		addr_list(&a, tc[k].list, v6);
		if (tc[k].ival)
			a.adver_int = tc[k].ival;
		vt_inject(B, &a, &A->cfg.primary);
		in = vt_info(B);
		assert_int_equal(in.adv_rx, tc[k].processed);
		assert_int_equal(in.drops[VRRP_DROP_ADDRS], !match);
		assert_int_equal(in.drops[VRRP_DROP_INTERVAL], tc[k].ival != 0);
		if (match) {
			assert_null(node_tw_find(h->w, "B", "vrrp",
						 "addr-mismatch", 0));
		} else {
			vt_assert_field(h, "B", "addr-mismatch", 0, "action",
					tc[k].processed ? "processed"
							: "dropped");
			vt_assert_field(h, "B", "addr-mismatch", 0, "addr",
					tc[k].addr);
			vt_assert_field(h, "B", "addr-mismatch", 0, "from",
					v6 ? "fe80::1" : "10.0.0.1");
			vt_assert_field(h, "B", "addr-mismatch", 0,
					"configured", "2");
			assert_null(node_tw_find(h->w, "B", "vrrp",
						 "addr-mismatch", 1));
		}
		/* Processed: the Master_Down_Timer restarted at t0 (the
		 * owner's 255 as well); dropped: B was alone since 0. */
		vt_run_to(h, SIM_S(10));
		vt_assert_tr(B, 1,
			     (tc[k].processed ? t0 : 0) +
				     vt_mdi(ver, 100, SIM_S(1)),
			     VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
		vt_free(h);
	}
}

/* The owner ignores every advert, priority 0 included (7.1). */
void vt_test_owner_ignores(void **state)
{
	struct vrrp_group_cfg c[1] = { vt_cfg(0, 255, SIM_S(1)) };
	struct vt *h = vt_new(1, c);
	struct vt_end *A = &h->e[0];
	struct net_addr peer = node_tw_addr("10.0.0.9");
	struct vrrp_adv a = vt_adv(A, 254);
	struct vrrp_group_info in;
	sim_time_t t0;
	size_t n;

	(void)state;
	vt_start(h, 0);
	vt_run_to(h, SIM_MS(2500));
	n = A->nsent;
	vt_inject(A, &a, &peer);
	a.priority = 255;
	vt_inject(A, &a, &peer);
	a.priority = 0;
	vt_inject(A, &a, &peer);
	assert_int_equal(vt_info(A).drops[VRRP_DROP_OWNER], 3);
	assert_int_equal(vt_info(A).adv_rx, 0);
	assert_int_equal(A->nsent, n);
	assert_int_equal(vrrp_group_state(A->g), VRRP_STATE_MASTER);
	/* Tracked below 255 it is an ordinary router... */
	vrrp_group_set_priority(A->g, 200);
	assert_int_equal(vt_info(A).priority, 200);
	a.priority = 254;
	t0 = node_tw_now(h->w);
	vt_inject(A, &a, &peer);
	vt_assert_tr(A, 1, t0, VRRP_STATE_MASTER, VRRP_STATE_BACKUP);
	in = vt_info(A);
	assert_true(net_addr_eq(&in.master, &peer));
	/* ...and back at 255 ignores adverts again: its running
	 * Master_Down_Timer (from priority 200) makes it Master. */
	vrrp_group_set_priority(A->g, 255);
	assert_int_equal(vt_info(A).priority, 255);
	vt_run_to(h, t0 + SIM_S(1));
	vt_inject(A, &a, &peer);
	assert_int_equal(vt_info(A).drops[VRRP_DROP_OWNER], 4);
	vt_run_to(h, t0 + SIM_S(10));
	vt_assert_tr(A, 2, t0 + vt_mdi(3, 200, SIM_S(1)), VRRP_STATE_BACKUP,
		     VRRP_STATE_MASTER);
	vt_free(h);
}

/* The same exact times with every advert through vrrp_pkt_encode/decode. */
void vt_test_codec_wire(void **state)
{
	static const struct {
		int kind; /* 0: v3 IPv4, 1: v3 IPv6, 2: v2 with a key */
		sim_time_t ival;
	} tc[] = { { 0, SIM_MS(100) }, { 1, SIM_MS(500) }, { 2, SIM_S(1) } };

	(void)state;
	for (size_t k = 0; k < sizeof(tc) / sizeof(tc[0]); k++) {
		struct vrrp_group_cfg c[2];
		struct vt_end *A, *B;
		sim_time_t ta, t;
		uint8_t ver = tc[k].kind == 2 ? 2 : 3;
		struct vt *h;

		for (int i = 0; i < 2; i++) {
			uint8_t p = i ? 100 : 200;

			c[i] = tc[k].kind == 1	 ? vt_cfg6(i, p, tc[k].ival)
			       : tc[k].kind == 2 ? vt_cfg2(i, p, tc[k].ival)
						 : vt_cfg(i, p, tc[k].ival);
			if (tc[k].kind == 2)
				set_key(&c[i], VRRP_AUTH_SIMPLE, "pw");
		}
		h = vt_new(2, c);
		h->codec = true;
		A = &h->e[0];
		B = &h->e[1];
		vt_start(h, 0);
		vt_start(h, 1);
		ta = vt_mdi(ver, 200, tc[k].ival);
		vt_run_to(h, ta + 20 * tc[k].ival + tc[k].ival / 2);
		vt_assert_tr(A, 1, ta, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
		assert_int_equal(vt_info(B).adv_rx, 21);
		h->cut[0][1] = true;
		vt_run_to(h, SIM_S(60));
		t = ta + 20 * tc[k].ival + D + vt_mdi(ver, 100, tc[k].ival);
		vt_assert_tr(B, 1, t, VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
		for (int d = 0; d < VRRP_DROP__COUNT; d++)
			assert_int_equal(vt_info(B).drops[d], 0);
		vt_free(h);
	}
}

static void nop_listen(void *arg, struct vrrp_group *g, enum vrrp_state o,
		       enum vrrp_state n)
{
	(void)g;
	(void)o;
	(void)n;
	(*(int *)arg)++;
}

static int t_send_only(void *ctx, struct vrrp_group *g, uint8_t prio)
{
	(void)g;
	(void)prio;
	(*(int *)ctx)++;
	return 0;
}

static void api_bad_cfgs(struct vt_end *e)
{
	static const struct vrrp_group_ops no_send = { .send_adv = NULL };
	struct vrrp_group_cfg good = vt_cfg(1, 100, SIM_S(1)), bad;

	for (int i = 0; i < 18; i++) {
		bad = good;
		switch (i) {
		case 0:
			memset(bad.name, 'x', sizeof(bad.name));
			break;
		case 1:
			bad.vrid = 0;
			break;
		case 2:
			bad.priority = 0;
			break;
		case 3:
			bad.preempt_delay = -1;
			break;
		case 4:
			bad.af = NET_AF_NONE;
			break;
		case 5:
			bad = vt_cfg6(1, 100, SIM_S(1));
			bad.version = 2;
			break;
		case 6:
			bad.version = 2;
			bad.auth_type = VRRP_AUTH_AH;
			break;
		case 7:
			bad.auth_type = VRRP_AUTH_SIMPLE; /* v3 */
			break;
		case 8:
			bad.version = 4;
			break;
		case 9:
			bad.adver_int = 0;
			break;
		case 10:
			bad.adver_int = SIM_MS(15);
			break;
		case 11:
			bad.adver_int = SIM_CS(4096);
			break;
		case 12:
			bad.version = 2;
			bad.adver_int = SIM_MS(1500);
			break;
		case 13:
			bad.version = 2;
			bad.adver_int = SIM_S(256);
			break;
		case 14:
			bad.primary = node_tw_addr("fe80::1");
			break;
		case 15:
			bad.nvaddrs = VRRP_MAX_ADDRS + 1;
			break;
		case 16:
			bad.vaddrs[0] = node_tw_addr("2001:db8::1");
			break;
		case 17:
			bad.version = 2;
			bad.auth_type = 7;
			break;
		}
		assert_null(vrrp_group_new(&e->node, &bad, &vt_ops, e));
	}
	assert_null(vrrp_group_new(&e->node, &good, &no_send, e));
	assert_null(vrrp_group_new(&e->node, &good, NULL, e));
	assert_null(vrrp_group_new(&e->node, NULL, &vt_ops, e));
	assert_null(vrrp_group_new(NULL, &good, &vt_ops, e));
	/* Edges that are accepted. */
	good.adver_int = SIM_CS(4095);
	good.nvaddrs = 0;
	vrrp_group_free(vrrp_group_new(&e->node, &good, &vt_ops, e));
}

void vt_test_api(void **state)
{
	static const struct vrrp_group_ops send_only = { .send_adv =
								 t_send_only };
	struct vrrp_group_cfg c[1] = { vt_cfg(0, 100, SIM_S(1)) };
	struct vt *h = vt_new(1, c);
	struct vt_end *A = &h->e[0];
	struct vrrp_group *g;
	int calls[VRRP_MAX_LISTENERS + 1] = { 0 }, sends = 0;

	(void)state;
	api_bad_cfgs(A);
	/* Only send_adv is required. */
	c[0].priority = 255;
	g = vrrp_group_new(&A->node, &c[0], &send_only, &sends);
	assert_non_null(g);
	vrrp_group_startup(g);
	vrrp_group_shutdown(g);
	assert_int_equal(sends, 2);
	vrrp_group_free(g);
	vrrp_group_free(NULL);
	/* Listeners: the harness holds one. */
	for (int i = 0; i < VRRP_MAX_LISTENERS - 1; i++)
		assert_int_equal(vrrp_group_listen(A->g, nop_listen, &calls[i]),
				 0);
	assert_int_equal(vrrp_group_listen(A->g, nop_listen, &calls[16]), -1);
	assert_int_equal(vrrp_group_listen(A->g, NULL, NULL), -1);
	vrrp_group_unlisten(A->g, nop_listen, &calls[3]);
	vrrp_group_unlisten(A->g, nop_listen, &calls[16]); /* absent */
	vrrp_group_startup(A->g);
	vrrp_group_startup(A->g); /* again: ignored */
	assert_int_equal(calls[0], 1);
	assert_int_equal(calls[3], 0);
	assert_int_equal(calls[14], 1);
	assert_int_equal(A->ntr, 1);
	vt_assert_field(h, "A", "ignored", 0, "cause", "startup");
	/* Intervals: a bad one is refused; a Master re-times from its last
	 * advert. */
	vt_run_to(h, SIM_MS(3700));
	assert_int_equal(A->tr[1].t, vt_mdi(3, 100, SIM_S(1)));
	vrrp_group_set_adver_int(A->g, SIM_MS(15));
	vt_assert_field(h, "A", "ignored", 1, "cause", "bad-interval");
	assert_int_equal(vrrp_group_cfg(A->g)->adver_int, SIM_S(1));
	vrrp_group_set_adver_int(A->g, SIM_MS(200));
	vt_run_to(h, SIM_MS(4100));
	assert_int_equal(A->sent[1].t, A->sent[0].t + SIM_MS(200));
	assert_int_equal(A->sent[2].t, A->sent[1].t + SIM_MS(200));
	assert_int_equal(vt_info(A).master_adver_int, SIM_MS(200));
	/* A failing send is counted, not retried. */
	h->send_ret = -1;
	vt_run_to(h, SIM_MS(4300));
	assert_true(vt_info(A).adv_tx_fail >= 1);
	assert_int_equal(vt_info(A).adv_tx, 3);
	h->send_ret = 0;
	/* Names. */
	assert_string_equal(vrrp_state_name(VRRP_STATE_INIT), "Initialize");
	assert_string_equal(vrrp_state_name(VRRP_STATE_BACKUP), "Backup");
	assert_string_equal(vrrp_state_name(VRRP_STATE_MASTER), "Master");
	assert_string_equal(vrrp_state_name((enum vrrp_state)7), "unknown");
	for (int i = 0; i < VRRP_DROP__COUNT; i++) {
		assert_non_null(vrrp_drop_name(i));
		for (int j = i + 1; j < VRRP_DROP__COUNT; j++)
			assert_string_not_equal(vrrp_drop_name(i),
						vrrp_drop_name(j));
	}
	assert_string_equal(vrrp_drop_name(VRRP_DROP__COUNT), "unknown");
	assert_string_equal(vrrp_group_cfg(A->g)->name, "Vlanif10 1 A");
	vt_free(h);
}
