/*
 * The ASIC test harness (see asic_test_env.h): an engine, log and pool
 * owned by the test, an ASIC with four ports, and recorders for every
 * callback. No RFC is implemented here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/asic/asic_test_env.h"
#include "sim/net/net_build.h"
#include "sim/net/net_dissect.h"

static struct tenv_frame *rec_frame(struct tenv_frame **v, size_t *n,
				    size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = realloc(*v, *cap * sizeof(**v));
		assert_non_null(*v);
	}
	return &(*v)[(*n)++];
}

static void copy_frame(struct tenv *e, struct tenv_frame *r, int ifindex,
		       int reason, struct net_frame *f)
{
	r->t = sim_now(e->eng);
	r->ifindex = ifindex;
	r->reason = reason;
	r->len = f->len;
	memcpy(r->data, f->data, f->len);
}

static void cb_tx(void *ctx, int ifindex, struct net_frame *f)
{
	struct tenv *e = ctx;

	assert_int_equal(f->ifindex, ifindex);
	copy_frame(e, rec_frame(&e->tx, &e->ntx, &e->captx), ifindex, 0, f);
	net_frame_free(&e->pool, f);
}

static void cb_cp_rx(void *ctx, int ifindex, enum asic_punt reason,
		     struct net_frame *f)
{
	struct tenv *e = ctx;

	assert_int_equal(f->reason, reason);
	copy_frame(e, rec_frame(&e->cp, &e->ncp, &e->capcp), ifindex,
		   (int)reason, f);
	if (e->on_cp_rx)
		e->on_cp_rx(e, ifindex, f);
	else
		net_frame_free(&e->pool, f);
}

static void cb_port_event(void *ctx, int ifindex, bool up)
{
	struct tenv *e = ctx;

	assert_true(e->npev < sizeof(e->pev) / sizeof(e->pev[0]));
	e->pev[e->npev++] = (struct tenv_pev){ sim_now(e->eng), ifindex, up };
}

static void cb_programmed(void *ctx, const struct asic_prog_done *d)
{
	struct tenv *e = ctx;
	struct tenv_done *r;

	if (e->ndone == e->capdone) {
		e->capdone = e->capdone ? e->capdone * 2 : 64;
		e->done = realloc(e->done, e->capdone * sizeof(*e->done));
		assert_non_null(e->done);
	}
	r = &e->done[e->ndone++];
	*r = (struct tenv_done){
		.t = sim_now(e->eng),
		.seq = d->seq,
		.table = d->table,
		.add = d->add,
		.applied = d->applied,
		.queued = d->queued,
		.done = d->done,
	};
	snprintf(r->key, sizeof(r->key), "%s", d->key);
	if (e->on_done)
		e->on_done(e, d);
}

static void log_tap(void *arg, const struct sim_log_rec *r)
{
	struct tenv *e = arg;

	e->nlog++;
	if (strcmp(r->event, "programmed") == 0)
		snprintf(e->lastlog, sizeof(e->lastlog), "%s", r->json);
}

static const struct asic_ops tenv_ops = {
	.tx = cb_tx,
	.cp_rx = cb_cp_rx,
	.port_event = cb_port_event,
	.programmed = cb_programmed,
};

struct net_mac tenv_port_mac(int ifindex)
{
	return (struct net_mac){ { 0x02, 0, 0, 0, 0, (uint8_t)ifindex } };
}

struct net_mac tenv_mac(uint8_t last)
{
	return (struct net_mac){ { 0x02, 0, 0, 0, 0xaa, last } };
}

struct tenv *tenv_new(const struct asic_profile *p)
{
	struct tenv *e = calloc(1, sizeof(*e));

	assert_non_null(e);
	e->eng = sim_engine_new();
	assert_non_null(e->eng);
	sim_log_init(&e->log, NULL);
	assert_int_equal(sim_log_add_tap(&e->log, log_tap, e), 0);
	net_frame_pool_init(&e->pool);
	if (p)
		e->prof = *p;
	else
		asic_profile_default(&e->prof);
	e->a = asic_new(e->eng, &e->log, &e->pool, "R1", &e->prof, &tenv_ops,
			e);
	assert_non_null(e->a);
	for (int i = 0; i < TENV_PORTS; i++) {
		struct net_mac m = tenv_port_mac(i);

		assert_int_equal(asic_port_add(e->a, i, &m, true), 0);
	}
	return e;
}

void tenv_free(struct tenv *e)
{
	asic_free(e->a);
	assert_int_equal(e->pool.in_use, 0);
	assert_int_equal(sim_engine_pending(e->eng), 0);
	assert_int_equal(sim_engine_reserved(e->eng), 0);
	net_frame_pool_fini(&e->pool);
	sim_engine_free(e->eng);
	free(e->tx);
	free(e->cp);
	free(e->done);
	free(e);
}

void tenv_run(struct tenv *e, sim_time_t until)
{
	sim_engine_run(e->eng, until);
}

sim_time_t tenv_now(const struct tenv *e)
{
	return sim_now(e->eng);
}

struct net_addr tenv_addr(const char *s)
{
	struct net_addr a;

	assert_int_equal(net_addr_parse(s, &a), 0);
	return a;
}

struct net_prefix tenv_prefix(const char *s)
{
	struct net_prefix p;

	assert_int_equal(net_prefix_parse(s, &p, false), 0);
	return p;
}

static struct net_frame *frame_from(struct tenv *e, const uint8_t *buf, int len)
{
	struct net_frame *f = net_frame_alloc(&e->pool);

	assert_non_null(f);
	assert_true(len > 0 && len <= NET_FRAME_MAX);
	memcpy(f->data, buf, (size_t)len);
	f->len = (uint16_t)len;
	return f;
}

struct net_frame *tenv_udp(struct tenv *e, const struct net_mac *dmac,
			   const char *src, const char *dst, uint8_t ttl,
			   bool router_alert)
{
	struct net_addr s = tenv_addr(src), d = tenv_addr(dst);
	uint8_t buf[NET_FRAME_MAX], payload[32] = "failsim asic test";
	struct net_l2 l2 = { .src = tenv_mac(0x99) };
	struct net_wr w;
	int len;

	if (dmac) {
		l2.dst = *dmac;
	} else if (net_addr_is_multicast(&d) && d.af == NET_AF_IP4) {
		struct net_ip4 g = net_addr_ip4(&d);

		l2.dst = net_mac_from_ip4_mcast(&g);
	} else if (net_addr_is_multicast(&d)) {
		struct net_ip6 g = net_addr_ip6(&d);

		l2.dst = net_mac_from_ip6_mcast(&g);
	} else {
		l2.dst = tenv_port_mac(0);
	}
	net_wr_init(&w, buf, sizeof(buf));
	if (s.af == NET_AF_IP4) {
		struct net_udp4_params p = {
			.ip = { .l2 = l2,
				.src = net_addr_ip4(&s),
				.dst = net_addr_ip4(&d),
				.ttl = ttl,
				.router_alert = router_alert },
			.sport = 5000,
			.dport = 6000,
		};
		len = net_build_udp4(&w, &p, payload, sizeof(payload));
	} else {
		struct net_udp6_params p = {
			.ip = { .l2 = l2,
				.src = net_addr_ip6(&s),
				.dst = net_addr_ip6(&d),
				.hop_limit = ttl,
				.router_alert = router_alert },
			.sport = 5000,
			.dport = 6000,
		};
		len = net_build_udp6(&w, &p, payload, sizeof(payload));
	}
	return frame_from(e, buf, len);
}

struct net_frame *tenv_arp_request(struct tenv *e, const char *spa,
				   const char *tpa)
{
	struct net_addr s = tenv_addr(spa), t = tenv_addr(tpa);
	struct net_ip4 s4 = net_addr_ip4(&s), t4 = net_addr_ip4(&t);
	struct net_l2 l2 = { .src = tenv_mac(0x99), .dst = net_mac_broadcast };
	uint8_t buf[NET_FRAME_MAX];
	struct net_arp arp;
	struct net_wr w;

	net_arp_make_request(&arp, &l2.src, &s4, &t4);
	net_wr_init(&w, buf, sizeof(buf));
	return frame_from(e, buf, net_build_arp(&w, &l2, &arp));
}

void tenv_rx_at(struct tenv *e, sim_time_t t, int ifindex, struct net_frame *f)
{
	tenv_run(e, t);
	assert_int_equal(tenv_now(e), t);
	asic_rx(e->a, ifindex, f);
}

void tenv_settle(struct tenv *e)
{
	/* Callbacks may queue more: run until the queue stays empty. */
	for (int i = 0; i < 100 && asic_prog_depth(e->a); i++)
		tenv_run(e, asic_prog_idle_at(e->a));
	assert_int_equal(asic_prog_depth(e->a), 0);
}

void tenv_fib(struct tenv *e, const char *prefix, enum asic_fib_kind kind,
	      int ifindex, const char *nexthop)
{
	struct net_prefix p = tenv_prefix(prefix);
	struct asic_fib_entry fe = { .kind = kind, .ifindex = ifindex };

	if (nexthop)
		fe.nexthop = tenv_addr(nexthop);
	assert_true(asic_prog_fib(e->a, &p, &fe) > 0);
	tenv_settle(e);
}

void tenv_adj(struct tenv *e, int ifindex, const char *ip, uint8_t maclast)
{
	struct net_addr a = tenv_addr(ip);
	struct net_mac m = tenv_mac(maclast);

	assert_true(asic_prog_adj(e->a, ifindex, &a, &m) > 0);
	tenv_settle(e);
}

void tenv_mcast_all(struct tenv *e)
{
	for (int i = 0; i < TENV_PORTS; i++)
		assert_true(asic_prog_mcast_enable(e->a, i, true) > 0);
	tenv_settle(e);
}

int tenv_frame_ttl(const struct tenv_frame *f)
{
	struct net_pkt_info pi;

	assert_int_equal(net_dissect(f->data, f->len, &pi), NET_OK);
	return pi.ttl;
}
