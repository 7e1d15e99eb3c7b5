/*
 * RBS channels between two routers on a direct link (README.md
 * "Channel"): the channel comes up at the exact time the TCP handshake
 * and the two Hellos take, computed from the captured frames; the lower
 * source address connects (IPv4: R1, IPv6: R2); an active side that finds
 * no listener backs off and converges; messages sent with rbs_send reach
 * the peer's listener whole and in order, beyond TCP's send buffer too;
 * backup-ids travel in the Hello; the commands and their errors; the
 * display (golden text); tshark decodes the channel's segments as TCP
 * carrying data, with no error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/rbs/rbs_test_util.h"
#include "protocols/tcp/tcp_router.h"
#include "sim/trace/trace_tshark.h"

/* CPU to wire, for frames the routers send. */
#define INJECT(x) ((x)->t.prof.inject_latency)

static sim_time_t rec_t(const struct node_tw_rec *r)
{
	assert_non_null(r);
	return r->t;
}

/* The first segment in direction dir carrying an RBS message of type
 * `type`, from seg index `from`. */
static const struct rt_seg *msg_seg(const struct rt_seg *s, size_t n, int dir,
				    uint8_t type)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].dir == dir && s[i].plen >= RBS_HDR_LEN &&
		    s[i].payload[0] == 0x52 && s[i].payload[3] == type)
			return &s[i];
	fail_msg("no %s in direction %d", rbs_type_name(type), dir);
	return NULL;
}

/*
 * The passive side (R2) listens; R1 connects at t0. Every step of the
 * chain is one frame's delivery: SYN, SYN-ACK, R1's ACK (R2 accepts and
 * sends its Hello), R2's Hello: R1 is Connected when that arrives, R2
 * when R1's Hello does.
 */
static void test_comes_up(void **state)
{
	struct rt x;
	struct rt_seg s[32];
	const struct rt_seg *h1, *h2;
	sim_time_t t0;
	size_t n;

	(void)state;
	rt_init(&x, SIM_S(1));
	rt_config(&x, x.r2, RT_SVC4_R2);
	assert_int_equal(rbs_state(rt_svc(x.r2, "rbs1")), RBS_LISTENING);
	t0 = rt_now(&x);
	rt_config(&x, x.r1, RT_SVC4_R1);
	assert_int_equal(rbs_state(rt_svc(x.r1, "rbs1")), RBS_CONNECTING);
	assert_string_equal(
		rt_field(rt_state(&x, "R1", "rbs1", "Connecting", 0), "cause"),
		"syn-sent");
	rt_run(&x, SIM_MS(2500));

	n = rt_segs(&x, RT_PORT, 0, s, 32);
	assert_true(n >= 6);
	assert_int_equal(s[0].dir, 0);
	assert_int_equal(s[0].flags & (RT_SYN | RT_ACK), RT_SYN);
	assert_int_equal(s[0].dport, RT_PORT);
	assert_int_equal(s[0].t, t0 + INJECT(&x));
	assert_int_equal(s[1].dir, 1);
	assert_int_equal(s[1].flags & (RT_SYN | RT_ACK), RT_SYN | RT_ACK);
	assert_int_equal(s[1].t, rt_arrival(&x, &s[0]) + INJECT(&x));
	assert_int_equal(s[2].dir, 0);
	assert_int_equal(s[2].t, rt_arrival(&x, &s[1]) + INJECT(&x));
	h1 = msg_seg(s, n, 0, RBS_T_HELLO);
	h2 = msg_seg(s, n, 1, RBS_T_HELLO);
	assert_int_equal(
		h1->t,
		rt_arrival(&x, &s[1]) + INJECT(&x) +
			(h1 == &s[2] ? 0
				     : node_link_ser_time(x.link, s[2].flen)));
	assert_int_equal(h2->t, rt_arrival(&x, &s[2]) + INJECT(&x));
	/* Connected: when the peer's Hello reaches the control plane. */
	assert_int_equal(rec_t(rt_state(&x, "R1", "rbs1", "Connected", 0)),
			 rt_arrival(&x, h2));
	assert_int_equal(rec_t(rt_state(&x, "R2", "rbs1", "Connected", 0)),
			 rt_arrival(&x, h1));
	assert_string_equal(
		rt_field(rt_state(&x, "R1", "rbs1", "Connected", 0), "cause"),
		"hello");
	assert_string_equal(
		rt_field(rt_state(&x, "R1", "rbs1", NULL, 0), "role"),
		"active");
	assert_string_equal(
		rt_field(rt_state(&x, "R2", "rbs1", NULL, 0), "role"),
		"passive");
	/* Nothing else happened: one attempt, one accept, one up each. */
	assert_int_equal(rt_svc(x.r1, "rbs1")->cnt.attempts, 1);
	assert_int_equal(rt_svc(x.r2, "rbs1")->cnt.accepted, 1);
	assert_int_equal(rt_state_count(&x, "R1", "rbs1", "Connected"), 1);
	assert_int_equal(rt_state_count(&x, "R2", "rbs1", "Connected"), 1);
	/* Keepalives every second from TCP up, both ways: 1 Hello + 1 KA. */
	assert_int_equal(rt_svc(x.r1, "rbs1")->cnt.rx_msgs[RBS_T_KEEPALIVE], 1);
	assert_int_equal(rt_svc(x.r2, "rbs1")->cnt.rx_msgs[RBS_T_KEEPALIVE], 1);
	rt_fini(&x);
}

/* IPv6: R2's source is the lower one, so R2 connects; the roles follow
 * the addresses, not the order of configuration. */
static void test_role_ipv6(void **state)
{
	struct rt x;
	struct rt_seg s[8];

	(void)state;
	rt_init(&x, SIM_S(1));
	rt_config(&x, x.r1, RT_SVC6_R1);
	rt_config(&x, x.r2, RT_SVC6_R2);
	assert_false(rt_svc(x.r1, "rbs6")->active);
	assert_true(rt_svc(x.r2, "rbs6")->active);
	assert_int_equal(rbs_state(rt_svc(x.r1, "rbs6")), RBS_LISTENING);
	rt_run(&x, SIM_S(2));
	assert_true(rt_segs(&x, 3000, 0, s, 8) >= 4);
	assert_int_equal(s[0].af, NET_AF_IP6);
	assert_int_equal(s[0].dir, 1);
	assert_int_equal(s[0].flags & (RT_SYN | RT_ACK), RT_SYN);
	assert_int_equal(s[0].dport, 3000);
	assert_int_equal(rbs_state(rt_svc(x.r1, "rbs6")), RBS_CONNECTED);
	assert_int_equal(rbs_state(rt_svc(x.r2, "rbs6")), RBS_CONNECTED);
	rt_fini(&x);
}

/*
 * The active side is configured first: its SYN meets no listener (RST,
 * "refused"), it backs off 1 s and tries again, now successfully; the
 * backoff is then back at 1 s.
 */
static void test_converge_after_refusal(void **state)
{
	struct rt x;
	struct rbs_svc *a;
	struct rt_seg s[8];
	const struct node_tw_rec *c0, *c1;

	(void)state;
	rt_init(&x, SIM_S(1));
	rt_config(&x, x.r1, RT_SVC4_R1);
	rt_run(&x, SIM_MS(1500));
	a = rt_svc(x.r1, "rbs1");
	assert_int_equal(a->cnt.tcp_ends[TCP_END_REFUSED], 1);
	assert_int_equal(rbs_state(a), RBS_CONNECTING);
	assert_int_equal(a->cause, RBS_C_TCP_CLOSED);
	assert_true(node_timer_armed(&a->t_retry));
	/* SYN, then R2's RST: the retry is due 1 s after the RST arrived. */
	assert_int_equal(rt_segs(&x, RT_PORT, 0, s, 8), 2);
	assert_int_equal(s[1].flags & RT_RST, RT_RST);
	assert_int_equal(a->t_retry.t.deadline,
			 rt_arrival(&x, &s[1]) + RBS_BACKOFF_MIN);
	assert_int_equal(a->backoff, 2 * RBS_BACKOFF_MIN);
	rt_config(&x, x.r2, RT_SVC4_R2);
	rt_run(&x, SIM_S(3));
	assert_int_equal(a->cnt.attempts, 2);
	c0 = node_tw_find(x.t.w, "R1", "rbs", "connect", 0);
	c1 = node_tw_find(x.t.w, "R1", "rbs", "connect", 1);
	assert_non_null(c0);
	assert_int_equal(rec_t(c0), SIM_S(1));
	assert_int_equal(rec_t(c1), rt_arrival(&x, &s[1]) + RBS_BACKOFF_MIN);
	assert_int_equal(node_tw_field_int(c1, "attempt", 0), 2);
	assert_int_equal(rbs_state(a), RBS_CONNECTED);
	assert_int_equal(a->backoff, RBS_BACKOFF_MIN);
	rt_fini(&x);
}

/* Both channels up: IPv4 rbs1 (R1 active), IPv6 rbs6 (R2 active). */
static void up_both(struct rt *x)
{
	rt_init(x, SIM_S(1));
	rt_config(x, x->r1, RT_SVC4_R1 RT_SVC6_R1);
	rt_config(x, x->r2, RT_SVC4_R2 RT_SVC6_R2);
	rt_run(x, SIM_MS(1100));
	assert_int_equal(rbs_state(rt_svc(x->r1, "rbs1")), RBS_CONNECTED);
	assert_int_equal(rbs_state(rt_svc(x->r2, "rbs6")), RBS_CONNECTED);
}

static void mk_entry(struct rbs_msg *m, uint8_t type, uint32_t id,
		     const char *grp, uint16_t nsrc)
{
	memset(m, 0, sizeof(*m));
	m->type = type;
	m->entry.backup_id = id;
	snprintf(m->entry.ifname, sizeof(m->entry.ifname), "%s", RT_IF);
	assert_int_equal(net_addr_parse(grp, &m->entry.group), 0);
	m->entry.af = (enum net_af)m->entry.group.af;
	m->entry.mode = nsrc ? 0 : 1;
	m->entry.group_left = nsrc ? 0 : SIM_S(260);
	m->entry.nsrc = nsrc;
	for (uint16_t i = 0; i < nsrc; i++) {
		net_addr_parse(m->entry.af == NET_AF_IP6 ? "2001:db8:5::"
							 : "10.5.0.0",
			       &m->entry.srcs[i].addr);
		m->entry.srcs[i].addr.b[m->entry.af == NET_AF_IP6 ? 14 : 2] =
			(uint8_t)(i >> 8);
		m->entry.srcs[i].addr.b[m->entry.af == NET_AF_IP6 ? 15 : 3] =
			(uint8_t)i;
		m->entry.srcs[i].left = SIM_MS(1000 + i);
	}
}

static void same_entry(const struct rbs_msg *a, const struct rbs_msg *b)
{
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->entry.backup_id, b->entry.backup_id);
	assert_int_equal(a->backup_id, b->entry.backup_id);
	assert_string_equal(a->entry.ifname, b->entry.ifname);
	assert_true(net_addr_eq(&a->entry.group, &b->entry.group));
	if (a->type == RBS_T_ENTRY_DELETE)
		return;
	assert_int_equal(a->entry.mode, b->entry.mode);
	assert_int_equal(a->entry.group_left, b->entry.group_left);
	assert_int_equal(a->entry.nsrc, b->entry.nsrc);
	for (uint16_t i = 0; i < a->entry.nsrc; i++) {
		assert_true(net_addr_eq(&a->entry.srcs[i].addr,
					&b->entry.srcs[i].addr));
		assert_int_equal(a->entry.srcs[i].left, b->entry.srcs[i].left);
	}
}

/*
 * What one side's profile sends reaches the other's listener, every type,
 * in order; Hello and Keepalive are not handed to listeners; a batch far
 * beyond TCP's send buffer (256 KiB) waits in the channel's queue and
 * arrives whole; backup-ids set on one side show in the other's view of
 * the peer; sending while not Connected is refused and counted.
 */
static void test_messages(void **state)
{
	static const uint32_t ids[] = { 10, 20 };
	struct rt x;
	struct rt_ear ear = { 0 };
	struct rbs_msg *m = calloc(1, sizeof(*m));
	struct rbs_svc *a, *b;
	enum { BIG = 120 };

	(void)state;
	assert_non_null(m);
	up_both(&x);
	a = rt_svc(x.r1, "rbs1");
	b = rt_svc(x.r2, "rbs1");
	rt_ear_listen(&ear, b);

	mk_entry(m, RBS_T_ENTRY_ADD, 10, "225.1.1.1", 0);
	assert_int_equal(rbs_send(a, m), 0);
	mk_entry(m, RBS_T_ENTRY_UPDATE, 10, "232.1.1.1", 3);
	assert_int_equal(rbs_send(a, m), 0);
	mk_entry(m, RBS_T_ENTRY_DELETE, 10, "225.1.1.1", 0);
	assert_int_equal(rbs_send(a, m), 0);
	memset(m, 0, sizeof(*m));
	m->type = RBS_T_BATCH_START;
	m->backup_id = 10;
	assert_int_equal(rbs_send(a, m), 0);
	m->type = RBS_T_BATCH_END;
	m->count = 7;
	assert_int_equal(rbs_send(a, m), 0);
	m->type = RBS_T_BATCH_REQUEST;
	assert_int_equal(rbs_send(a, m), 0);
	m->type = RBS_T_KEEPALIVE; /* valid, but not for listeners */
	assert_int_equal(rbs_send(a, m), 0);
	m->type = 0; /* invalid: refused by the encoder */
	assert_int_equal(rbs_send(a, m), -1);
	rt_run(&x, SIM_MS(1200));
	assert_int_equal(ear.n, 6);
	mk_entry(m, RBS_T_ENTRY_ADD, 10, "225.1.1.1", 0);
	same_entry(&ear.msgs[0], m);
	mk_entry(m, RBS_T_ENTRY_UPDATE, 10, "232.1.1.1", 3);
	same_entry(&ear.msgs[1], m);
	mk_entry(m, RBS_T_ENTRY_DELETE, 10, "225.1.1.1", 0);
	same_entry(&ear.msgs[2], m);
	assert_int_equal(ear.msgs[3].type, RBS_T_BATCH_START);
	assert_int_equal(ear.msgs[3].backup_id, 10);
	assert_int_equal(ear.msgs[4].type, RBS_T_BATCH_END);
	assert_int_equal(ear.msgs[4].count, 7);
	assert_int_equal(ear.msgs[5].type, RBS_T_BATCH_REQUEST);

	/* A big batch of IPv6 entries over the IPv6 channel (R2 -> R1). */
	rt_ear_free(&ear);
	rt_ear_listen(&ear, rt_svc(x.r1, "rbs6"));
	for (int i = 0; i < BIG; i++) {
		char g[48];

		snprintf(g, sizeof(g), "ff3e::%x", i + 1);
		mk_entry(m, RBS_T_ENTRY_ADD, 7, g, RBS_MAX_SRCS);
		assert_int_equal(rbs_send(rt_svc(x.r2, "rbs6"), m), 0);
	}
	assert_true(rt_svc(x.r2, "rbs6")->txq_len > 0);
	rt_run(&x, SIM_S(3));
	assert_int_equal(rt_svc(x.r2, "rbs6")->txq_len, 0);
	assert_int_equal(ear.n, BIG);
	for (int i = 0; i < BIG; i++) {
		char g[48];

		snprintf(g, sizeof(g), "ff3e::%x", i + 1);
		mk_entry(m, RBS_T_ENTRY_ADD, 7, g, RBS_MAX_SRCS);
		same_entry(&ear.msgs[i], m);
	}
	assert_int_equal(rbs_state(rt_svc(x.r1, "rbs6")), RBS_CONNECTED);

	/* Backup-ids travel in a new Hello. */
	rbs_set_ids(a, ids, 2);
	rt_run(&x, SIM_MS(3100));
	assert_int_equal(b->peer_nids, 2);
	assert_int_equal(b->peer_ids[1], 20);
	assert_int_equal(b->cnt.rx_msgs[RBS_T_HELLO], 2);

	/* Not Connected: refused, counted, nothing queued. */
	rt_config(&x, x.r2, "undo remote-backup-service rbs1\n");
	assert_int_equal(rbs_send(a, m), 0); /* FIN not arrived yet */
	rt_run(&x, SIM_MS(3200));
	assert_int_equal(rbs_state(a), RBS_CONNECTING);
	assert_int_equal(rbs_send(a, m), -1);
	assert_int_equal(a->cnt.send_refused, 1);
	assert_int_equal(a->cnt.tcp_ends[TCP_END_CLOSED] +
				 (uint64_t)(a->cause == RBS_C_PEER_CLOSED),
			 1);
	rt_ear_free(&ear);
	free(m);
	rt_fini(&x);
}

/*
 * A peer that takes nothing (every frame lost): TCP's send buffer fills,
 * then the channel's queue; past its limit the channel drops (RST) with
 * send-queue-full and the sender is refused until it is Connected again.
 */
static void test_send_queue_full(void **state)
{
	struct rt x;
	struct rbs_msg *m = calloc(1, sizeof(*m));
	struct rbs_svc *a;
	uint8_t buf[4096];
	int rc = 0, i;

	(void)state;
	assert_non_null(m);
	up_both(&x);
	a = rt_svc(x.r1, "rbs1");
	a->txq_max = 64 * 1024;
	node_link_set_loss(x.link, 1000000000u);
	mk_entry(m, RBS_T_ENTRY_ADD, 1, "225.1.1.1", RBS_MAX_SRCS);
	for (i = 0; i < 100 && rc == 0; i++)
		rc = rbs_send(a, m);
	assert_int_equal(rc, -1);
	/* TCP's send buffer full, then the queue: the message that does
	 * not fit in both is refused. */
	assert_int_equal(
		i, (tcp_stack_cfg(tcp_router_stack(x.r1))->snd_buf +
		    a->txq_max) / (size_t)rbs_pkt_encode(m, buf, sizeof(buf)) +
			   1);
	assert_int_equal(rbs_state(a), RBS_CONNECTING);
	assert_int_equal(a->cause, RBS_C_TXQ_FULL);
	assert_int_equal(a->txq_len, 0);
	assert_int_equal(rbs_send(a, m), -1);
	assert_int_equal(a->cnt.send_refused, 1);
	rt_fini(&x);
	free(m);
}

/* A listener that floods the channel as soon as it is Connected, until
 * the send queue overflows and the channel drops under it. */
struct flooder {
	struct rbs_msg *m;
	int sent;
};

static void flood_state(void *ctx, struct rbs_svc *s, enum rbs_state st)
{
	struct flooder *f = ctx;

	while (st == RBS_CONNECTED && f->sent < 1000 && rbs_send(s, f->m) == 0)
		f->sent++;
}

/*
 * Regression: a listener that drops the channel while hearing Connected
 * (its send overflowed the queue) changes the state under the loop that
 * tells the listeners. The listeners after it must not then hear the
 * stale Connected after the drop: the last state each listener heard is
 * the channel's state.
 */
static void test_listener_drops_on_connected(void **state)
{
	struct rt x;
	struct flooder f = { calloc(1, sizeof(struct rbs_msg)), 0 };
	struct rbs_listener fl = { flood_state, NULL, &f };
	struct rt_ear ear = { 0 };
	struct rbs_svc *a;

	(void)state;
	assert_non_null(f.m);
	mk_entry(f.m, RBS_T_ENTRY_ADD, 1, "225.1.1.1", RBS_MAX_SRCS);
	rt_init(&x, SIM_S(1));
	rt_config(&x, x.r2, RT_SVC4_R2);
	rt_config(&x, x.r1, RT_SVC4_R1);
	a = rt_svc(x.r1, "rbs1");
	a->txq_max = 64 * 1024;
	assert_int_equal(rbs_listen(a, &fl), 0);
	rt_ear_listen(&ear, a);
	rt_run(&x, SIM_MS(1100));
	assert_true(f.sent > 0);
	assert_int_equal(a->cause, RBS_C_TXQ_FULL);
	assert_int_equal(rbs_state(a), RBS_CONNECTING);
	assert_true(ear.nstates > 0);
	assert_int_equal(ear.states[ear.nstates - 1], rbs_state(a));
	for (size_t i = 0; i < ear.nstates; i++)
		assert_int_not_equal(ear.states[i], RBS_CONNECTED);
	rbs_unlisten(a, &f);
	rt_ear_free(&ear);
	rt_fini(&x);
	free(f.m);
}

/* Listeners hear state changes; watchers hear services come and go. */
static void test_listeners_watchers(void **state)
{
	struct rt x;
	struct rt_ear ear = { 0 }, w = { 0 };
	struct rbs_svc *b;

	(void)state;
	rt_init(&x, SIM_S(1));
	assert_int_equal(rbs_watch(x.r2, rt_ear_watch, &w), 0);
	rt_config(&x, x.r2, "remote-backup-service rbs1\n");
	assert_int_equal(w.watch_created, 1);
	b = rt_svc(x.r2, "rbs1");
	assert_int_equal(rbs_state(b), RBS_INITIAL);
	assert_int_equal(b->cause, RBS_C_NO_PEER);
	rt_ear_listen(&ear, b);
	rt_config(&x, x.r2, RT_SVC4_R2);
	rt_config(&x, x.r1, RT_SVC4_R1);
	rt_run(&x, SIM_S(2));
	assert_int_equal(ear.nstates, 2);
	assert_int_equal(ear.states[0], RBS_LISTENING);
	assert_int_equal(ear.states[1], RBS_CONNECTED);
	/* R1's side goes: R2 hears the FIN and listens on. */
	rt_config(&x, x.r1, "undo remote-backup-service rbs1\n");
	rt_run(&x, SIM_MS(2100));
	assert_int_equal(ear.nstates, 3);
	assert_int_equal(ear.states[2], RBS_LISTENING);
	assert_int_equal(b->cause, RBS_C_PEER_CLOSED);
	rbs_unlisten(b, &ear);
	rt_config(&x, x.r2, "undo remote-backup-service rbs1\n");
	assert_int_equal(w.watch_deleted, 1);
	assert_null(rbs_find(x.r2, "rbs1"));
	assert_int_equal(ear.nstates, 3);
	rt_ear_free(&ear);
	rt_fini(&x);
}

/* Command errors, undo forms and the running configuration. */
/* Lines typed in rbs1's view, immediate mode. */
static const char *rcli(struct rt *x, const char *line, int *rc)
{
	char buf[512];

	snprintf(buf, sizeof(buf),
		 "system-view immediately\nremote-backup-service rbs1\n%s",
		 line);
	return rtest_cli(&x->t, x->r1, buf, rc);
}

static void test_cli(void **state)
{
	static const struct {
		const char *line, *err;
	} bad[] = {
		{ "peer 2.2.2.2 source 1.1.1.1 port 1023", "1024-55535" },
		{ "peer 2.2.2.2 source 1.1.1.1 port 55536", "1024-55535" },
		{ "peer 1.1.1.1 source 1.1.1.1 port 2046", "must differ" },
		{ "peer 224.0.0.1 source 1.1.1.1 port 2046", "unicast" },
		{ "peer-ipv6 FE80::1 source-ipv6 2001:DB8::1 port 2046",
		  "Link-local" },
		{ "keepalive interval 9 count 3", "10-60000" },
		{ "keepalive interval 100 count 1", "2-255" },
		{ "track bfd-session 16385", "1-16384" },
		{ "undo peer", "No peer is configured" },
		{ "undo track bfd-session", "No BFD session is tracked" },
	};
	struct rt x;
	struct rbs_svc *s;
	const char *out;
	int rc;

	(void)state;
	rt_init(&x, SIM_MS(200));
	rcli(&x, "display this", NULL);
	assert_string_equal(cli_prompt(router_cli(x.r1)),
			    "[R1-rm-backup-service-rbs1]");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = rcli(&x, bad[i].line, &rc);
		if (rc == 0 || !strstr(out, bad[i].err))
			fail_msg("'%s' gave (%d) %s", bad[i].line, rc, out);
	}
	rcli(&x, "peer 2.2.2.2 source 1.1.1.1 port 2046", NULL);
	out = rcli(&x,
		   "peer-ipv6 2001:DB8:FF::1 source-ipv6 2001:DB8:FF::2 "
		   "port 2046",
		   &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(out, "undo peer first"));
	out = rcli(&x, "undo peer 2.2.2.2 source 1.1.1.1 port 9999", &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(out, "differs"));
	rcli(&x, "track bfd-session 10", NULL);
	out = rcli(&x, "undo track bfd-session 11", &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(out, "another BFD session"));
	/* The name form replaces the ID form (one tracked session). */
	rcli(&x, "track bfd-session session-name s1", NULL);
	rcli(&x, "keepalive interval 200 count 5", NULL);
	s = rt_svc(x.r1, "rbs1");
	assert_string_equal(s->track_name, "s1");
	assert_int_equal(s->ka_interval, SIM_MS(200));
	assert_int_equal(s->ka_count, 5);
	out = rcli(&x, "display current-configuration", NULL);
	assert_non_null(strstr(out, "remote-backup-service rbs1\n"
				    " peer 2.2.2.2 source 1.1.1.1 port 2046\n"
				    " track bfd-session session-name s1\n"
				    " keepalive interval 200 count 5\n"));
	rcli(&x,
	     "undo keepalive\nundo track bfd-session\n"
	     "undo peer",
	     NULL);
	assert_int_equal(s->ka_interval, SIM_S(1));
	assert_int_equal(s->ka_count, 3);
	assert_false(s->track);
	assert_false(s->have_peer);
	assert_int_equal(rbs_state(s), RBS_INITIAL);
	out = rcli(&x, "display current-configuration", NULL);
	assert_non_null(strstr(out, "remote-backup-service rbs1\n#"));
	out = rcli(&x, "quit\nundo remote-backup-service rbs9", &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(out, "does not exist"));
	out = rcli(&x, "display remote-backup-service rbs9", &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(out, "does not exist"));
	rtest_cli(&x.t, x.r1,
		  "system-view immediately\nundo remote-backup-service rbs1",
		  NULL);
	out = rtest_cli(&x.t, x.r1, "display remote-backup-service", NULL);
	assert_string_equal(out, "Info: No remote backup service is "
				 "configured.\n");
	rt_fini(&x);
}

/* The message table of the display, when only the Hello and one
 * Keepalive went each way. */
#define TABLE_1_1                                                              \
	" Message                Tx         Rx     Tx bytes     Rx bytes\n"    \
	" Hello                   1          1           28           28\n"    \
	" Keepalive               1          1           12           12\n"    \
	" BatchStart              0          0            0            0\n"    \
	" BatchEnd                0          0            0            0\n"    \
	" EntryAdd                0          0            0            0\n"    \
	" EntryUpdate             0          0            0            0\n"    \
	" EntryDelete             0          0            0            0\n"    \
	" BatchRequest            0          0            0            0\n"

static const char golden_r1[] =
	"Remote backup service: rbs1\n"
	" Peer               : 2.2.2.2\n"
	" Source             : 1.1.1.1\n"
	" Port               : 2046\n"
	" TCP state          : Connected\n"
	" Role               : active (connects)\n"
	" TCP ports          : local %u, remote 2046 (ESTABLISHED)\n"
	" Last change        : %s s (hello)\n"
	" Track BFD session  : 10 (Up)\n"
	" Keepalive          : 1000 ms x 3, peer 1000 ms x 3\n"
	" Backup IDs         : 10 20, peer -\n"
	" Last received      : %s s\n"
	" Connections        : 1 up, 0 down, 0 reconnects\n"
	" TCP opens          : 1 connect, 0 accepted, 0 rejected\n"
	" Timeouts           : 0 keepalive, 0 hello, 0 connect\n"
	" BFD drops          : 0\n"
	" Malformed          : 0\n"
	" Protocol errors    : 0\n"
	" Sends refused      : 0\n"
	" Message                Tx         Rx     Tx bytes     Rx bytes\n"
	" Hello                   2          1           64           28\n"
	" Keepalive               1          1           12           12\n"
	" BatchStart              0          0            0            0\n"
	" BatchEnd                0          0            0            0\n"
	" EntryAdd                0          0            0            0\n"
	" EntryUpdate             0          0            0            0\n"
	" EntryDelete             0          0            0            0\n"
	" BatchRequest            0          0            0            0\n";

static const char golden_r2_rbs6[] =
	"Remote backup service: rbs6\n"
	" Peer               : 2001:db8:ff::2\n"
	" Source             : 2001:db8:ff::1\n"
	" Port               : 3000\n"
	" TCP state          : Connected\n"
	" Role               : active (connects)\n"
	" TCP ports          : local %u, remote 3000 (ESTABLISHED)\n"
	" Last change        : %s s (hello)\n"
	" Track BFD session  : -\n"
	" Keepalive          : 1000 ms x 3, peer 1000 ms x 3\n"
	" Backup IDs         : -, peer -\n"
	" Last received      : %s s\n"
	" Connections        : 1 up, 0 down, 0 reconnects\n"
	" TCP opens          : 1 connect, 0 accepted, 0 rejected\n"
	" Timeouts           : 0 keepalive, 0 hello, 0 connect\n"
	" BFD drops          : 0\n"
	" Malformed          : 0\n"
	" Protocol errors    : 0\n"
	" Sends refused      : 0\n" TABLE_1_1;

static const char golden_initial[] =
	"Remote backup service: idle\n"
	" Peer               : -\n"
	" Source             : -\n"
	" Port               : -\n"
	" TCP state          : Initial\n"
	" Last change        : 2.500000000 s (no-peer)\n"
	" Track BFD session  : session-name nosuch (Down)\n"
	" Keepalive          : 500 ms x 4\n"
	" Backup IDs         : -\n"
	" Connections        : 0 up, 0 down, 0 reconnects\n"
	" TCP opens          : 0 connect, 0 accepted, 0 rejected\n"
	" Timeouts           : 0 keepalive, 0 hello, 0 connect\n"
	" BFD drops          : 0\n"
	" Malformed          : 0\n"
	" Protocol errors    : 0\n"
	" Sends refused      : 0\n"
	" Message                Tx         Rx     Tx bytes     Rx bytes\n"
	" Hello                   0          0            0            0\n"
	" Keepalive               0          0            0            0\n"
	" BatchStart              0          0            0            0\n"
	" BatchEnd                0          0            0            0\n"
	" EntryAdd                0          0            0            0\n"
	" EntryUpdate             0          0            0            0\n"
	" EntryDelete             0          0            0            0\n"
	" BatchRequest            0          0            0            0\n";

/* The golden text with the values that depend on TCP's choices (the
 * ephemeral port, segment sizes and so the times) filled in. */
static void expect_display(struct router *r, const char *cmd,
			   const char *golden, const struct rbs_svc *s,
			   struct rt *x)
{
	char want[4096], changed[32], last[32];
	struct tcp_sock_info in;

	tcp_sock_info(s->conn, &in);
	sim_time_fmt(s->changed, changed, sizeof(changed));
	sim_time_fmt(s->last_rx, last, sizeof(last));
	snprintf(want, sizeof(want), golden, in.lport, changed, last);
	assert_string_equal(rtest_cli(&x->t, r, cmd, NULL), want);
}

/*
 * The display, golden: R1's rbs1 (active, tracking BFD session 10, which
 * is Up, backup-ids 10 and 20 announced in a second Hello), R2's rbs6
 * (active over IPv6), and a service with no peer, at 2.5 s.
 */
static void test_display(void **state)
{
	static const uint32_t ids[] = { 10, 20 };
	struct rt x;
	const char *out;

	(void)state;
	up_both(&x);
	rt_config(&x, x.r1,
		  "remote-backup-service rbs1\n"
		  " track bfd-session 10\n");
	rbs_set_ids(rt_svc(x.r1, "rbs1"), ids, 2);
	rt_run(&x, SIM_MS(2500));
	expect_display(x.r1, "display remote-backup-service rbs1", golden_r1,
		       rt_svc(x.r1, "rbs1"), &x);
	expect_display(x.r2, "display remote-backup-service rbs6",
		       golden_r2_rbs6, rt_svc(x.r2, "rbs6"), &x);
	out = rtest_cli(&x.t, x.r2, "display remote-backup-service", NULL);
	assert_non_null(strstr(out, "Remote backup service: rbs1\n"));
	assert_non_null(strstr(out, " Role               : passive "
				    "(listens)\n"));
	assert_non_null(strstr(out, "\n\nRemote backup service: rbs6\n"));
	rt_config(&x, x.r1,
		  "remote-backup-service idle\n"
		  " track bfd-session session-name nosuch\n"
		  " keepalive interval 500 count 4\n");
	assert_string_equal(rtest_cli(&x.t, x.r1,
				      "display remote-backup-service idle",
				      NULL),
			    golden_initial);
	rt_fini(&x);
}

struct proto_rows {
	unsigned rows, data, rbs;
	char first[128];
};

static void proto_row(void *arg, unsigned row, const char *const *cols,
		      size_t ncols)
{
	struct proto_rows *p = arg;

	(void)row;
	assert_int_equal(ncols, 2);
	if (!p->rows++)
		snprintf(p->first, sizeof(p->first), "%s", cols[0]);
	p->data += strstr(cols[0], ":tcp:data") != NULL;
	p->rbs += !strncmp(cols[1], "5242", 4);
}

/*
 * tshark decodes every frame of the link (BFD, pings, both channels'
 * TCP) with no malformed frame, bad checksum or error; the channel's
 * segments with payload are TCP carrying data that starts with the RBS
 * magic, over IPv4 and IPv6.
 */
static void test_tshark(void **state)
{
	static const char *const fields[] = { "frame.protocols", "data.data" };
	struct rt x;
	struct rbs_msg *m = calloc(1, sizeof(*m));
	struct proto_rows p4 = { 0 }, p6 = { 0 };
	char path[512], err[256];

	(void)state;
	assert_non_null(m);
	up_both(&x);
	mk_entry(m, RBS_T_ENTRY_ADD, 10, "225.1.1.1", 2);
	assert_int_equal(rbs_send(rt_svc(x.r1, "rbs1"), m), 0);
	mk_entry(m, RBS_T_ENTRY_UPDATE, 10, "ff3e::1", 2);
	assert_int_equal(rbs_send(rt_svc(x.r2, "rbs6"), m), 0);
	rt_run(&x, SIM_MS(2500));
	if (!rt_tshark(&x, "rbs_test.pcap")) {
		free(m);
		rt_fini(&x);
		skip();
	}
	snprintf(path, sizeof(path), "%s/rbs_test.pcap", FAILSIM_BINARY_DIR);
	assert_int_equal(
		trace_tshark_fields(path, "tcp.port==2046 && tcp.len>0", fields,
				    2, proto_row, &p4, err, sizeof(err)),
		TRACE_TSHARK_OK);
	assert_int_equal(
		trace_tshark_fields(path, "tcp.port==3000 && tcp.len>0", fields,
				    2, proto_row, &p6, err, sizeof(err)),
		TRACE_TSHARK_OK);
	/* Hello each way, a Keepalive each way, the entry. */
	assert_true(p4.rows >= 5);
	assert_int_equal(p4.data, p4.rows);
	assert_int_equal(p4.rbs, p4.rows);
	assert_string_equal(p4.first, "eth:ethertype:ip:tcp:data");
	assert_true(p6.rows >= 5);
	assert_int_equal(p6.data, p6.rows);
	assert_int_equal(p6.rbs, p6.rows);
	assert_string_equal(p6.first, "eth:ethertype:ipv6:tcp:data");
	free(m);
	rt_fini(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comes_up),
		cmocka_unit_test(test_role_ipv6),
		cmocka_unit_test(test_converge_after_refusal),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_send_queue_full),
		cmocka_unit_test(test_listener_drops_on_connected),
		cmocka_unit_test(test_listeners_watchers),
		cmocka_unit_test(test_cli),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_tshark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
