/*
 * Tests of IGMP/MLD snooping (gmp_snoop.h, RFC 4541): a switch with a
 * router-side probe on p0 and host probes on p1..p3, IGMP/MLD messages
 * built with gmp_pkt_encode and injected by the probes. Checked: data to
 * router ports only before a report, to member and router ports after;
 * reports and leaves only to router ports; queries and link-local groups
 * flooded; membership ending exactly at GMI, at LMQT after a leave and the
 * querier's query, never without the query; v3 records; timers learned from
 * v3 queries; router ports from queries and PIM hellos, not from 0.0.0.0,
 * ending exactly at their timeout; malformed messages counted and kept off
 * hosts; port down and crash clearing; snooping off keeps flooding.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/gmp/gmp_snoop.h"
#include "sim/net/net_build.h"
#include "sim/net/net_csum.h"
#include "sim/node/node_switch.h"
#include "sim/node/node_testlib.h"

#define RATE 1000000000ull

/* The serialization time of a frame of len bytes at 1 Gb/s. */
#define SER(len) ((sim_time_t)((len) + 24) * 8)

struct sn {
	struct node_tw *w;
	struct node *sw;
	struct node *p[4]; /* P0 the router side, P1..P3 hosts */
	struct node_link *l[4];
	struct gmp_snoop *s;
};

static void sn_world(struct sn *x, bool snooping)
{
	void *state = NULL;
	int i;

	x->w = node_tw_new(11);
	x->sw = node_tw_switch(x->w, "S", 4, 0);
	node_switch_set_snooping(x->sw, snooping);
	for (i = 0; i < 4; i++) {
		char n[8], pn[8];

		snprintf(n, sizeof(n), "P%d", i);
		snprintf(pn, sizeof(pn), "p%d", i);
		x->p[i] = node_tw_probe(x->w, n);
		x->l[i] = node_tw_link(x->w, n, x->p[i], "e0", x->sw, pn, RATE,
				       0);
	}
	assert_int_equal(gmp_snoop_module.attach(x->sw, &state), 0);
	x->s = state;
	assert_ptr_equal(gmp_snoop_of(x->sw), x->s);
}

static void sn_free(struct sn *x)
{
	gmp_snoop_module.detach(x->s);
	assert_true(node_tw_free(x->w));
}

static void counts(struct sn *x, int c0, int c1, int c2, int c3)
{
	assert_int_equal(node_tw_probe_count(x->p[0]), c0);
	assert_int_equal(node_tw_probe_count(x->p[1]), c1);
	assert_int_equal(node_tw_probe_count(x->p[2]), c2);
	assert_int_equal(node_tw_probe_count(x->p[3]), c3);
}

static void clear(struct sn *x)
{
	int i;

	for (i = 0; i < 4; i++)
		node_tw_probe_clear(x->p[i]);
}

static void run_for(struct sn *x, sim_time_t dt)
{
	node_tw_run_for(x->w, dt);
}

static struct net_mac mac_n(int n)
{
	struct net_mac m = { { 0x02, 0, 0, 0, 0, (uint8_t)n } };

	return m;
}

/* An IP packet from probe i: TTL/Hop Limit 1, Router Alert when ra. */
static void sn_send_ip(struct sn *x, int i, const char *src, const char *dst,
		       uint8_t proto, const void *pl, size_t len, bool ra)
{
	uint8_t buf[NET_FRAME_MAX];
	struct net_addr s = node_tw_addr(src), d = node_tw_addr(dst);
	struct net_wr wr;
	int n;

	net_wr_init(&wr, buf, sizeof(buf));
	if (d.af == NET_AF_IP4) {
		struct net_ip4_params p = { .ttl = 1, .router_alert = ra };

		p.src = net_addr_ip4(&s);
		p.dst = net_addr_ip4(&d);
		p.l2.src = mac_n(i);
		p.l2.dst = net_mac_from_ip4_mcast(&p.dst);
		n = net_build_ip4(&wr, &p, proto, pl, len);
	} else {
		struct net_ip6_params p = { .hop_limit = 1,
					    .router_alert = ra };

		p.src = net_addr_ip6(&s);
		p.dst = net_addr_ip6(&d);
		p.l2.src = mac_n(i);
		p.l2.dst = net_mac_from_ip6_mcast(&p.dst);
		n = net_build_ip6(&wr, &p, proto, pl, len);
	}
	assert_true(n > 0);
	assert_int_equal(node_tw_probe_send(x->p[i], "e0", buf, (size_t)n), 0);
}

/* Encode m from src to dst and send it; corrupt: flip the checksum; cut:
 * send only that many bytes (0: all). */
static void sn_send_msg(struct sn *x, int i, const struct gmp_msg *m,
			const char *src, const char *dst, bool corrupt,
			size_t cut)
{
	uint8_t body[1400];
	struct net_addr s = node_tw_addr(src), d = node_tw_addr(dst);
	int len = gmp_pkt_encode(m, &s, &d, body, sizeof(body));

	assert_true(len > 0);
	if (corrupt)
		body[2] ^= 0x55;
	if (cut)
		len = (int)cut;
	sn_send_ip(x, i, src, dst, m->af == NET_AF_IP4 ? 2 : 58, body,
		   (size_t)len, true);
}

static struct gmp_msg *msg_new(enum net_af af, enum gmp_type t)
{
	struct gmp_msg *m = calloc(1, sizeof(*m));

	assert_non_null(m);
	m->af = af;
	m->type = t;
	m->group.af = (uint8_t)af;
	return m;
}

/* A query; group NULL: general (to all-hosts / all-nodes). */
static void sn_query(struct sn *x, int i, const char *src, int version,
		     const char *group, sim_time_t max_resp, uint8_t qrv,
		     sim_time_t qqi)
{
	struct net_addr s = node_tw_addr(src);
	struct gmp_msg *m = msg_new(s.af, GMP_T_QUERY);
	bool v6 = s.af == NET_AF_IP6;

	m->version = (uint8_t)version;
	m->max_resp = max_resp;
	m->qrv = qrv;
	m->qqi = qqi;
	if (group)
		m->group = node_tw_addr(group);
	sn_send_msg(x, i, m, src,
		    group ? group
		    : v6  ? "ff02::1"
			  : "224.0.0.1",
		    false, 0);
	free(m);
}

/* A v1/v2 report, MLDv1 report, leave or done for group. */
static void sn_report(struct sn *x, int i, const char *src, enum gmp_type t,
		      const char *group)
{
	struct net_addr s = node_tw_addr(src);
	struct gmp_msg *m = msg_new(s.af, t);
	const char *dst = group;

	m->group = node_tw_addr(group);
	if (t == GMP_T_LEAVE)
		dst = s.af == NET_AF_IP6 ? "ff02::2" : "224.0.0.2";
	sn_send_msg(x, i, m, src, dst, false, 0);
	free(m);
}

/* A v3 / MLDv2 report of n records; a record with nsrc 1 carries the
 * source 10.9.9.9 / 2001:db8::9. */
static void sn_report3(struct sn *x, int i, const char *src, int n,
		       const uint8_t *types, const char *const *groups,
		       const uint8_t *nsrc)
{
	struct net_addr s = node_tw_addr(src);
	struct gmp_msg *m = msg_new(s.af, GMP_T_REPORT_V3);
	bool v6 = s.af == NET_AF_IP6;
	int k;

	m->nrec = (uint16_t)n;
	for (k = 0; k < n; k++) {
		m->rec[k].type = types[k];
		m->rec[k].group = node_tw_addr(groups[k]);
		m->rec[k].nsrc = nsrc[k];
		m->rec[k].src0 = m->srcs_used;
		if (nsrc[k])
			m->srcs[m->srcs_used++] =
				node_tw_addr(v6 ? "2001:db8::9" : "10.9.9.9");
	}
	sn_send_msg(x, i, m, src, v6 ? "ff02::16" : "224.0.0.22", false, 0);
	free(m);
}

/* A UDP datagram to group from probe i. */
static void sn_data(struct sn *x, int i, const char *group)
{
	uint8_t buf[NET_FRAME_MAX], data[32] = { 0 };
	struct net_addr d = node_tw_addr(group);
	struct net_wr wr;
	int n;

	net_wr_init(&wr, buf, sizeof(buf));
	if (d.af == NET_AF_IP4) {
		struct net_udp4_params p = { .sport = 5000, .dport = 5001 };

		p.ip.ttl = 16;
		p.ip.src = node_tw_ip4("10.0.0.99");
		p.ip.dst = net_addr_ip4(&d);
		p.ip.l2.src = mac_n(i);
		p.ip.l2.dst = net_mac_from_ip4_mcast(&p.ip.dst);
		n = net_build_udp4(&wr, &p, data, sizeof(data));
	} else {
		struct net_udp6_params p = { .sport = 5000, .dport = 5001 };

		p.ip.hop_limit = 16;
		p.ip.src = node_tw_ip6("2001:db8::99");
		p.ip.dst = net_addr_ip6(&d);
		p.ip.l2.src = mac_n(i);
		p.ip.l2.dst = net_mac_from_ip6_mcast(&p.ip.dst);
		n = net_build_udp6(&wr, &p, data, sizeof(data));
	}
	assert_true(n > 0);
	assert_int_equal(node_tw_probe_send(x->p[i], "e0", buf, (size_t)n), 0);
}

static bool member(struct sn *x, const char *group, int port)
{
	struct net_addr g = node_tw_addr(group);

	return gmp_snoop_is_member(x->s, &g, port);
}

static sim_time_t expiry(struct sn *x, const char *group, int port)
{
	struct net_addr g = node_tw_addr(group);

	return gmp_snoop_member_expiry(x->s, &g, port);
}

/* The time of the nth "snoop" record named event, with field why. */
static sim_time_t rec_t(struct sn *x, const char *event, size_t nth,
			const char *why)
{
	const struct node_tw_rec *r =
		node_tw_find(x->w, "S", "snoop", event, nth);
	char buf[32];

	assert_non_null(r);
	if (why) {
		assert_true(node_tw_field(r, "why", buf, sizeof(buf)));
		assert_string_equal(buf, why);
	}
	return r->t;
}

static void test_igmp_forwarding(void **state)
{
	struct sn x;
	struct node_switch_port_cnt pc;
	struct gmp_snoop_cnt c;

	(void)state;
	sn_world(&x, true);
	/* a general query floods and makes p0 a router port */
	sn_query(&x, 0, "10.0.0.1", 2, NULL, SIM_S(10), 0, 0);
	run_for(&x, SIM_MS(1));
	counts(&x, 0, 1, 1, 1);
	assert_true(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 0));
	assert_false(gmp_snoop_is_router_port(x.s, NET_AF_IP6, 0));
	assert_int_equal(node_tw_count(x.w, "S", "snoop", "rport-add"), 1);
	clear(&x);
	/* before any report, data goes to the router port only */
	sn_data(&x, 3, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 0, 0, 0);
	/* a report reaches the router only */
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 2, 0, 0, 0);
	assert_true(member(&x, "239.1.1.1", 2));
	assert_false(member(&x, "239.1.1.1", 1));
	assert_int_equal(gmp_snoop_group_count(x.s), 1);
	/* data from the router: p2 only; from a host: p2 and the router */
	sn_data(&x, 0, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 2, 0, 1, 0);
	sn_data(&x, 3, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 3, 0, 2, 0);
	/* another group is still unregistered */
	sn_data(&x, 1, "239.1.1.2");
	run_for(&x, SIM_MS(1));
	counts(&x, 4, 0, 2, 0);
	/* a v1 report works the same */
	sn_report(&x, 1, "10.0.0.11", GMP_T_REPORT_V1, "239.1.1.2");
	run_for(&x, SIM_MS(1));
	counts(&x, 5, 0, 2, 0);
	assert_true(member(&x, "239.1.1.2", 1));
	c = gmp_snoop_counters(x.s);
	assert_int_equal(c.rx[0][GMP_T_QUERY], 1);
	assert_int_equal(c.rx[0][GMP_T_REPORT_V2], 1);
	assert_int_equal(c.rx[0][GMP_T_REPORT_V1], 1);
	assert_int_equal(c.unregistered, 2);
	assert_int_equal(c.data, 2);
	pc = node_switch_port_counters(x.sw, 1);
	assert_int_equal(pc.flood, 1); /* the query */
	assert_int_equal(pc.snooped, 4);
	assert_int_equal(node_switch_port_counters(x.sw, 2).mcast, 2);
	sn_free(&x);
}

static void test_no_router_port(void **state)
{
	struct sn x;

	(void)state;
	sn_world(&x, true);
	/* no router port yet: the report floods (the router may simply not
	 * have queried yet); unregistered data goes nowhere */
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	sn_data(&x, 3, "239.1.1.9");
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 1, 0, 1);
	assert_int_equal(gmp_snoop_counters(x.s).report_flood, 1);
	/* members still get their group's data */
	sn_data(&x, 3, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 1, 1, 1);
	/* a query from 0.0.0.0 floods but makes no router port */
	sn_query(&x, 1, "0.0.0.0", 2, NULL, SIM_S(10), 0, 0);
	run_for(&x, SIM_MS(1));
	counts(&x, 2, 1, 2, 2);
	assert_false(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 1));
	assert_int_equal(gmp_snoop_counters(x.s).query_unspec, 1);
	sn_free(&x);
}

static void test_membership_timeout_exact(void **state)
{
	struct sn x;
	sim_time_t t0, t1, gmi = 2 * SIM_S(125) + SIM_S(10);

	(void)state;
	sn_world(&x, true);
	assert_int_equal(gmp_snoop_gmi(x.s, NET_AF_IP4), gmi);
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	t0 = rec_t(&x, "member-add", 0, NULL);
	assert_true(t0 > 0);
	assert_int_equal(expiry(&x, "239.1.1.1", 2), t0 + gmi);
	/* a refresh 100 s later moves the end */
	node_tw_run(x.w, SIM_S(100));
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	t1 = expiry(&x, "239.1.1.1", 2) - gmi;
	assert_true(t1 > SIM_S(100) && t1 < SIM_S(100) + SIM_MS(1));
	node_tw_run(x.w, t1 + gmi - 1);
	assert_true(member(&x, "239.1.1.1", 2));
	node_tw_run(x.w, t1 + gmi);
	assert_false(member(&x, "239.1.1.1", 2));
	assert_int_equal(rec_t(&x, "member-del", 0, "timeout"), t1 + gmi);
	assert_int_equal(gmp_snoop_group_count(x.s), 0);
	assert_int_equal(expiry(&x, "239.1.1.1", 2), -1);
	/* the group's data is unregistered again (no router port: dropped;
	 * the two reports were flooded, no router port being known) */
	sn_data(&x, 1, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 2, 2, 0, 2);
	sn_free(&x);
}

static void test_leave_and_query(void **state)
{
	struct sn x;
	const struct node_tw_frame *q;
	sim_time_t tq, exp1;

	(void)state;
	sn_world(&x, true);
	sn_query(&x, 0, "10.0.0.1", 2, NULL, SIM_S(10), 0, 0);
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	sn_report(&x, 1, "10.0.0.11", GMP_T_REPORT_V2, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	exp1 = expiry(&x, "239.1.1.1", 1);
	clear(&x);
	/* the leave goes to the router only; p2 stays until the query */
	sn_report(&x, 2, "10.0.0.12", GMP_T_LEAVE, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 0, 0, 0);
	assert_true(member(&x, "239.1.1.1", 2));
	assert_int_equal(node_tw_count(x.w, "S", "snoop", "member-leave"), 1);
	/* the querier's group-specific query (LMQI 1 s) floods */
	node_tw_run(x.w, SIM_S(1));
	sn_query(&x, 0, "10.0.0.1", 2, "239.1.1.1", SIM_S(1), 0, 0);
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 1, 1, 1);
	q = node_tw_probe_frame(x.p[1], 0);
	tq = q->t - SER(q->len); /* when the switch had it */
	assert_int_equal(expiry(&x, "239.1.1.1", 2), tq + SIM_S(2));
	assert_int_equal(expiry(&x, "239.1.1.1", 1), exp1); /* not leaving */
	/* a second query does not push the end back */
	node_tw_run(x.w, tq + SIM_S(1));
	sn_query(&x, 0, "10.0.0.1", 2, "239.1.1.1", SIM_S(1), 0, 0);
	run_for(&x, SIM_MS(1));
	assert_int_equal(expiry(&x, "239.1.1.1", 2), tq + SIM_S(2));
	node_tw_run(x.w, tq + SIM_S(2) - 1);
	assert_true(member(&x, "239.1.1.1", 2));
	node_tw_run(x.w, tq + SIM_S(2));
	assert_false(member(&x, "239.1.1.1", 2));
	assert_int_equal(rec_t(&x, "member-del", 0, "leave"), tq + SIM_S(2));
	clear(&x);
	sn_data(&x, 0, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 0, 1, 0, 0);
	/* a leave answered by a report keeps the port */
	sn_report(&x, 1, "10.0.0.11", GMP_T_LEAVE, "239.1.1.1");
	sn_query(&x, 0, "10.0.0.1", 2, "239.1.1.1", SIM_S(1), 0, 0);
	run_for(&x, SIM_MS(500));
	sn_report(&x, 1, "10.0.0.11", GMP_T_REPORT_V2, "239.1.1.1");
	run_for(&x, SIM_S(3));
	assert_true(member(&x, "239.1.1.1", 1));
	assert_true(expiry(&x, "239.1.1.1", 1) > node_tw_now(x.w) + SIM_S(250));
	sn_free(&x);
}

static void test_leave_without_querier(void **state)
{
	struct sn x;
	sim_time_t exp;

	(void)state;
	sn_world(&x, true);
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	exp = expiry(&x, "239.1.1.1", 2);
	sn_report(&x, 2, "10.0.0.12", GMP_T_LEAVE, "239.1.1.1");
	/* a query from another group does not matter */
	sn_query(&x, 0, "10.0.0.1", 2, "239.1.1.2", SIM_S(1), 0, 0);
	run_for(&x, SIM_S(10));
	assert_true(member(&x, "239.1.1.1", 2));
	assert_int_equal(expiry(&x, "239.1.1.1", 2), exp);
	node_tw_run(x.w, exp);
	assert_false(member(&x, "239.1.1.1", 2));
	assert_int_equal(rec_t(&x, "member-del", 0, "timeout"), exp);
	/* a leave for a group the port is not in changes nothing */
	sn_report(&x, 3, "10.0.0.13", GMP_T_LEAVE, "239.1.1.7");
	run_for(&x, SIM_MS(1));
	assert_int_equal(node_tw_count(x.w, "S", "snoop", "member-leave"), 1);
	sn_free(&x);
}

static void test_igmpv3_records_and_timers(void **state)
{
	static const uint8_t types[] = {
		GMP_REC_TO_EX, GMP_REC_ALLOW, GMP_REC_IS_IN, GMP_REC_BLOCK, 9,
		GMP_REC_IS_EX
	};
	static const char *const groups[] = { "239.2.0.1", "239.2.0.2",
					      "239.2.0.3", "239.2.0.4",
					      "239.2.0.5", "224.0.0.9" };
	static const uint8_t nsrc[] = { 0, 1, 0, 1, 0, 0 };
	sim_time_t gmi = 3 * SIM_S(60) + SIM_S(5), t0, exp2;
	const struct node_tw_frame *q;
	struct sn x;

	(void)state;
	sn_world(&x, true);
	/* QRV 3, QQI 60 s and QRI 5 s are taken from the v3 query */
	sn_query(&x, 0, "10.0.0.1", 3, NULL, SIM_S(5), 3, SIM_S(60));
	run_for(&x, SIM_MS(1));
	assert_int_equal(gmp_snoop_gmi(x.s, NET_AF_IP4), gmi);
	assert_int_equal(gmp_snoop_router_timeout(x.s, NET_AF_IP4),
			 3 * SIM_S(60) + SIM_MS(2500));
	assert_int_equal(gmp_snoop_gmi(x.s, NET_AF_IP6),
			 2 * SIM_S(125) + SIM_S(10));
	clear(&x);
	sn_report3(&x, 1, "10.0.0.11", 6, types, groups, nsrc);
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 0, 0, 0);
	assert_int_equal(gmp_snoop_group_count(x.s), 2);
	assert_true(member(&x, "239.2.0.1", 1));
	assert_true(member(&x, "239.2.0.2", 1));
	assert_false(member(&x, "239.2.0.3", 1));
	assert_false(member(&x, "239.2.0.4", 1));
	assert_false(member(&x, "239.2.0.5", 1));
	assert_false(member(&x, "224.0.0.9", 1));
	t0 = rec_t(&x, "member-add", 0, NULL);
	assert_int_equal(expiry(&x, "239.2.0.1", 1), t0 + gmi);
	/* BLOCK leaves the membership as it was */
	exp2 = expiry(&x, "239.2.0.2", 1);
	sn_report3(&x, 1, "10.0.0.11", 1, (uint8_t[]){ GMP_REC_BLOCK },
		   (const char *const[]){ "239.2.0.2" }, (uint8_t[]){ 1 });
	run_for(&x, SIM_MS(1));
	assert_int_equal(expiry(&x, "239.2.0.2", 1), exp2);
	/* TO_IN({}) is a leave: the group-specific query cuts it to 3 s */
	sn_report3(&x, 1, "10.0.0.11", 1, (uint8_t[]){ GMP_REC_TO_IN },
		   (const char *const[]){ "239.2.0.1" }, (uint8_t[]){ 0 });
	sn_query(&x, 0, "10.0.0.1", 3, "239.2.0.1", SIM_S(1), 3, SIM_S(60));
	run_for(&x, SIM_MS(1));
	q = node_tw_probe_frame(x.p[1], 0);
	assert_int_equal(expiry(&x, "239.2.0.1", 1),
			 q->t - SER(q->len) + SIM_S(3));
	/* a group-and-source query changes nothing (no source state) */
	sn_report3(&x, 1, "10.0.0.11", 1, (uint8_t[]){ GMP_REC_TO_IN },
		   (const char *const[]){ "239.2.0.2" }, (uint8_t[]){ 0 });
	{
		struct gmp_msg *m = msg_new(NET_AF_IP4, GMP_T_QUERY);

		m->version = 3;
		m->max_resp = SIM_S(1);
		m->group = node_tw_addr("239.2.0.2");
		m->nsrc = 1;
		m->srcs[0] = node_tw_addr("10.9.9.9");
		sn_send_msg(&x, 0, m, "10.0.0.1", "239.2.0.2", false, 0);
		free(m);
	}
	run_for(&x, SIM_S(5));
	assert_false(member(&x, "239.2.0.1", 1));
	assert_true(member(&x, "239.2.0.2", 1));
	assert_int_equal(expiry(&x, "239.2.0.2", 1), exp2);
	sn_free(&x);
}

static void test_mld(void **state)
{
	static const char *const g3[] = { "ff0e::1:3" };
	struct sn x;
	const struct node_tw_frame *q;

	(void)state;
	sn_world(&x, true);
	sn_query(&x, 0, "fe80::1", 2, NULL, SIM_S(10), 2, SIM_S(125));
	run_for(&x, SIM_MS(1));
	counts(&x, 0, 1, 1, 1);
	assert_true(gmp_snoop_is_router_port(x.s, NET_AF_IP6, 0));
	assert_false(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 0));
	clear(&x);
	sn_report(&x, 1, "fe80::11", GMP_T_REPORT_V2, "ff0e::1:2");
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 0, 0, 0);
	assert_true(member(&x, "ff0e::1:2", 1));
	sn_data(&x, 3, "ff0e::1:2");
	run_for(&x, SIM_MS(1));
	counts(&x, 2, 1, 0, 0);
	/* link-local scope floods; IPv4 has no router port here */
	sn_data(&x, 3, "ff02::1");
	sn_data(&x, 3, "239.9.9.9");
	run_for(&x, SIM_MS(1));
	counts(&x, 3, 2, 1, 0);
	/* MLDv2 records */
	sn_report3(&x, 2, "fe80::12", 1, (uint8_t[]){ GMP_REC_TO_EX }, g3,
		   (uint8_t[]){ 0 });
	run_for(&x, SIM_MS(1));
	counts(&x, 4, 2, 1, 0);
	assert_true(member(&x, "ff0e::1:3", 2));
	/* Done, then the querier's query (LMQI 1 s): gone 2 s later */
	sn_report(&x, 1, "fe80::11", GMP_T_LEAVE, "ff0e::1:2");
	run_for(&x, SIM_MS(1));
	counts(&x, 5, 2, 1, 0);
	sn_query(&x, 0, "fe80::1", 2, "ff0e::1:2", SIM_S(1), 2, SIM_S(125));
	run_for(&x, SIM_MS(1));
	q = node_tw_probe_frame(x.p[1], 2);
	assert_int_equal(expiry(&x, "ff0e::1:2", 1),
			 q->t - SER(q->len) + SIM_S(2));
	run_for(&x, SIM_S(2));
	assert_false(member(&x, "ff0e::1:2", 1));
	/* TO_IN({}) marks ff0e::1:3 leaving */
	sn_report3(&x, 2, "fe80::12", 1, (uint8_t[]){ GMP_REC_TO_IN }, g3,
		   (uint8_t[]){ 0 });
	run_for(&x, SIM_MS(1));
	assert_int_equal(node_tw_count(x.w, "S", "snoop", "member-leave"), 2);
	assert_int_equal(gmp_snoop_counters(x.s).rx[1][GMP_T_REPORT_V3], 2);
	assert_int_equal(gmp_snoop_counters(x.s).rx[1][GMP_T_LEAVE], 1);
	sn_free(&x);
}

/* A PIM Hello (holdtime option 105 s); bad: a wrong checksum. */
static void sn_pim_hello(struct sn *x, int i, const char *src, bool bad)
{
	uint8_t h[10] = { 0x20, 0, 0, 0, 0, 1, 0, 2, 0, 105 };
	struct net_addr s = node_tw_addr(src);
	uint16_t c;

	if (s.af == NET_AF_IP4) {
		c = net_csum(h, sizeof(h));
	} else {
		struct net_csum cs;
		struct net_ip6 a = net_addr_ip6(&s), d = node_tw_ip6("ff02::d");

		net_csum_init(&cs);
		net_csum_pseudo6(&cs, &a, &d, sizeof(h), 103);
		net_csum_add(&cs, h, sizeof(h));
		c = net_csum_final(&cs);
	}
	net_put_be16(h + 2, bad ? (uint16_t)(c ^ 1) : c);
	sn_send_ip(x, i, src, s.af == NET_AF_IP4 ? "224.0.0.13" : "ff02::d",
		   103, h, sizeof(h), false);
}

static void test_pim_and_link_local(void **state)
{
	uint8_t ospf[40] = { 2, 1 };
	struct sn x;
	struct gmp_snoop_cnt c;

	(void)state;
	sn_world(&x, true);
	sn_send_ip(&x, 3, "10.0.0.13", "224.0.0.5", 89, ospf, sizeof(ospf),
		   false);
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 1, 1, 0);
	sn_pim_hello(&x, 3, "10.0.0.13", false);
	sn_pim_hello(&x, 2, "10.0.0.12", true);
	sn_pim_hello(&x, 1, "fe80::11", false);
	run_for(&x, SIM_MS(1));
	counts(&x, 4, 3, 3, 2); /* hellos flood */
	assert_true(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 3));
	assert_false(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 2));
	assert_true(gmp_snoop_is_router_port(x.s, NET_AF_IP6, 1));
	assert_false(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 1));
	c = gmp_snoop_counters(x.s);
	assert_int_equal(c.pim_hello[0], 1);
	assert_int_equal(c.pim_hello[1], 1);
	assert_int_equal(c.pim_bad, 1);
	assert_int_equal(c.link_local, 4);
	clear(&x);
	/* unregistered data: to the PIM router's port only */
	sn_data(&x, 0, "239.5.5.5");
	sn_data(&x, 2, "ff0e::5");
	run_for(&x, SIM_MS(1));
	counts(&x, 0, 1, 0, 1);
	/* a non-IP frame to an IP multicast MAC floods */
	{
		uint8_t buf[64] = { 0x01, 0x00, 0x5e, 0x01, 0x01, 0x01, 0x02,
				    0,	  0,	0,    0,    2,	  0x88, 0xb5 };

		assert_int_equal(node_tw_probe_send(x.p[2], "e0", buf, 64), 0);
	}
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 2, 0, 2);
	assert_int_equal(gmp_snoop_counters(x.s).other, 1);
	sn_free(&x);
}

static void test_router_port_timeout(void **state)
{
	struct sn x;
	sim_time_t t0;

	(void)state;
	sn_world(&x, true);
	assert_int_equal(gmp_snoop_router_timeout(x.s, NET_AF_IP4), SIM_S(255));
	sn_query(&x, 0, "10.0.0.1", 2, NULL, SIM_S(10), 0, 0);
	run_for(&x, SIM_MS(1));
	t0 = rec_t(&x, "rport-add", 0, "query");
	node_tw_run(x.w, t0 + SIM_S(255) - 1);
	assert_true(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 0));
	node_tw_run(x.w, t0 + SIM_S(255));
	assert_false(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 0));
	assert_int_equal(rec_t(&x, "rport-del", 0, "timeout"), t0 + SIM_S(255));
	/* a v1 query (no Max Resp Time): QRI taken as 10 s */
	sn_query(&x, 0, "10.0.0.1", 1, NULL, 0, 0, 0);
	run_for(&x, SIM_MS(1));
	assert_int_equal(gmp_snoop_router_timeout(x.s, NET_AF_IP4), SIM_S(255));
	assert_true(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 0));
	sn_free(&x);
}

static void test_malformed(void **state)
{
	uint8_t dvmrp[8] = { 0x13, 0, 0, 0, 0, 0, 0, 0 };
	struct sn x;
	struct gmp_msg *m;
	struct gmp_snoop_cnt c;

	(void)state;
	sn_world(&x, true);
	sn_query(&x, 0, "10.0.0.1", 2, NULL, SIM_S(10), 0, 0);
	run_for(&x, SIM_MS(1));
	clear(&x);
	/* a bad checksum: not learned, not flooded, to the router only */
	m = msg_new(NET_AF_IP4, GMP_T_REPORT_V2);
	m->group = node_tw_addr("239.1.1.1");
	sn_send_msg(&x, 2, m, "10.0.0.12", "239.1.1.1", true, 0);
	free(m);
	/* a cut MLD report (no IPv6 router port: dropped) */
	m = msg_new(NET_AF_IP6, GMP_T_REPORT_V2);
	m->group = node_tw_addr("ff0e::1");
	sn_send_msg(&x, 2, m, "fe80::12", "ff0e::1", false, 12);
	free(m);
	/* a report for a unicast group: forwarded, not learned */
	m = msg_new(NET_AF_IP4, GMP_T_REPORT_V2);
	m->group = node_tw_addr("10.1.1.1");
	sn_send_msg(&x, 3, m, "10.0.0.13", "224.0.0.22", false, 0);
	free(m);
	run_for(&x, SIM_MS(1));
	counts(&x, 2, 0, 0, 0);
	assert_int_equal(gmp_snoop_group_count(x.s), 0);
	c = gmp_snoop_counters(x.s);
	assert_int_equal(c.bad[GMP_PKT_E_CHECKSUM], 1);
	assert_int_equal(c.bad[GMP_PKT_E_SHORT] + c.bad[GMP_PKT_E_LENGTH], 1);
	assert_int_equal(c.bad_group, 1);
	/* IGMP that is not membership (DVMRP) is data: 224.0.0.4 floods */
	net_put_be16(dvmrp + 2, net_csum(dvmrp, sizeof(dvmrp)));
	sn_send_ip(&x, 3, "10.0.0.13", "224.0.0.4", 2, dvmrp, sizeof(dvmrp),
		   false);
	run_for(&x, SIM_MS(1));
	counts(&x, 3, 1, 1, 0);
	assert_int_equal(gmp_snoop_counters(x.s).link_local, 1);
	sn_free(&x);
}

static void test_port_down_and_crash(void **state)
{
	struct sn x;

	(void)state;
	sn_world(&x, true);
	sn_query(&x, 0, "10.0.0.1", 2, NULL, SIM_S(10), 0, 0);
	sn_report(&x, 1, "10.0.0.11", GMP_T_REPORT_V2, "239.1.1.1");
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.2");
	run_for(&x, SIM_MS(1));
	assert_int_equal(gmp_snoop_group_count(x.s), 2);
	node_link_set_up(x.l[2], false);
	assert_false(member(&x, "239.1.1.1", 2));
	assert_false(member(&x, "239.1.1.2", 2));
	assert_true(member(&x, "239.1.1.1", 1));
	assert_int_equal(gmp_snoop_group_count(x.s), 1);
	rec_t(&x, "member-del", 0, "port-down");
	assert_int_equal(node_tw_count(x.w, "S", "snoop", "member-del"), 2);
	node_link_set_up(x.l[0], false);
	assert_false(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 0));
	rec_t(&x, "rport-del", 0, "port-down");
	node_link_set_up(x.l[2], true);
	node_link_set_up(x.l[0], true);
	assert_int_equal(gmp_snoop_group_count(x.s), 1);
	/* a crash forgets everything, silently */
	x.sw->ops->crash(x.sw);
	assert_int_equal(gmp_snoop_group_count(x.s), 0);
	assert_int_equal(node_tw_count(x.w, "S", "snoop", "member-del"), 2);
	x.sw->ops->restart(x.sw);
	clear(&x);
	sn_data(&x, 3, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 0, 0, 0, 0);
	sn_free(&x);
}

static void test_snooping_off(void **state)
{
	struct sn x;

	(void)state;
	sn_world(&x, false);
	assert_null(x.s);
	assert_null(gmp_snoop_of(x.sw));
	assert_null(node_switch_get_mcast(x.sw));
	sn_query(&x, 0, "10.0.0.1", 2, NULL, SIM_S(10), 0, 0);
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	sn_data(&x, 3, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 2, 3, 2, 2);
	assert_int_equal(node_tw_count(x.w, "S", "snoop", NULL), 0);
	sn_free(&x);
}

static void test_attach_refusals(void **state)
{
	struct sn x;
	void *st = (void *)1;
	struct node *h;

	(void)state;
	sn_world(&x, true);
	/* one hook per switch */
	assert_int_equal(gmp_snoop_module.attach(x.sw, &st), -1);
	assert_null(st);
	/* not a switch: nothing to do */
	h = node_tw_probe(x.w, "H");
	st = (void *)1;
	assert_int_equal(gmp_snoop_module.attach(h, &st), 0);
	assert_null(st);
	assert_null(gmp_snoop_of(h));
	gmp_snoop_module.detach(NULL);
	/* detach removes the hook: the switch floods again */
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 1, 1, 0, 1);
	gmp_snoop_module.detach(x.s);
	x.s = NULL;
	assert_null(node_switch_get_mcast(x.sw));
	sn_data(&x, 3, "239.1.1.1");
	run_for(&x, SIM_MS(1));
	counts(&x, 2, 2, 1, 1);
	sn_free(&x);
}

static void test_configure(void **state)
{
	struct sn x;
	struct gmp_snoop_cfg c;

	(void)state;
	sn_world(&x, true);
	gmp_snoop_cfg_default(&c);
	c.robustness = 0;
	assert_int_equal(gmp_snoop_configure(x.s, &c), -EINVAL);
	c.robustness = 8;
	assert_int_equal(gmp_snoop_configure(x.s, &c), -EINVAL);
	c.robustness = 3;
	c.query_resp = c.query_interval;
	assert_int_equal(gmp_snoop_configure(x.s, &c), -EINVAL);
	c.query_resp = SIM_S(10);
	c.query_interval = 0;
	assert_int_equal(gmp_snoop_configure(x.s, &c), -EINVAL);
	c.query_interval = SIM_S(100);
	c.router_timeout = -1;
	assert_int_equal(gmp_snoop_configure(x.s, &c), -EINVAL);
	c.router_timeout = SIM_S(30);
	c.learn = false;
	assert_int_equal(gmp_snoop_configure(x.s, &c), 0);
	assert_int_equal(gmp_snoop_gmi(x.s, NET_AF_IP4), SIM_S(310));
	assert_int_equal(gmp_snoop_router_timeout(x.s, NET_AF_IP6), SIM_S(30));
	/* learning off: a v3 query changes nothing */
	sn_query(&x, 0, "10.0.0.1", 3, NULL, SIM_S(5), 5, SIM_S(60));
	run_for(&x, SIM_MS(1));
	assert_int_equal(gmp_snoop_gmi(x.s, NET_AF_IP4), SIM_S(310));
	run_for(&x, SIM_S(30));
	assert_false(gmp_snoop_is_router_port(x.s, NET_AF_IP4, 0));
	sn_free(&x);
}

static void test_dump(void **state)
{
	struct sn x;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	sn_world(&x, true);
	sn_query(&x, 0, "10.0.0.1", 2, NULL, SIM_S(10), 0, 0);
	sn_report(&x, 2, "10.0.0.12", GMP_T_REPORT_V2, "239.1.1.2");
	sn_report(&x, 1, "10.0.0.11", GMP_T_REPORT_V2, "239.1.1.1");
	sn_report(&x, 1, "10.0.0.11", GMP_T_LEAVE, "239.1.1.1");
	run_for(&x, SIM_S(10));
	f = open_memstream(&text, &len);
	gmp_snoop_dump(x.s, f);
	fclose(f);
	assert_non_null(strstr(text, "on S: 2 groups"));
	assert_non_null(strstr(text, "IGMP router ports: p0(245s)"));
	assert_non_null(strstr(text, "MLD router ports: none"));
	assert_non_null(strstr(text, "leaving"));
	assert_true(strstr(text, "239.1.1.1") < strstr(text, "239.1.1.2"));
	free(text);
	sn_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_igmp_forwarding),
		cmocka_unit_test(test_no_router_port),
		cmocka_unit_test(test_membership_timeout_exact),
		cmocka_unit_test(test_leave_and_query),
		cmocka_unit_test(test_leave_without_querier),
		cmocka_unit_test(test_igmpv3_records_and_timers),
		cmocka_unit_test(test_mld),
		cmocka_unit_test(test_pim_and_link_local),
		cmocka_unit_test(test_router_port_timeout),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_port_down_and_crash),
		cmocka_unit_test(test_snooping_off),
		cmocka_unit_test(test_attach_refusals),
		cmocka_unit_test(test_configure),
		cmocka_unit_test(test_dump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
