/*
 * The VRP `ping` command of a router: echo requests (RFC 792, RFC 4443
 * section 4.1) sent from the control plane at an interval, matched with
 * their replies by identifier and sequence number. Simulated time does not
 * pass while a command runs, so the command prints the header at once and
 * every reply, timeout and the final statistics go to the event log
 * (module "ping"), in VRP's wording.
 */
#include "sim/router/router_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/net/net_csum.h"

#define PING_DATA 56 /* VRP default: 56 data bytes */

struct router_ping {
	struct router *r;
	struct node_timer send, expire;
	struct net_addr dst;
	uint16_t id;
	uint32_t count, sent, received;
	sim_time_t interval, timeout;
	sim_time_t sent_at[64]; /* by sequence % 64 */
	bool replied[64];	/* by sequence % 64 */
	uint32_t reported;	/* requests up to this one have timed out */
	sim_time_t rtt_min, rtt_max, rtt_sum;
};

static void ping_log(struct router_ping *p, const char *event, uint32_t seq,
		     sim_time_t rtt)
{
	char a[NET_ADDR_STRLEN];
	struct sim_log_rec rec;

	net_addr_fmt(&p->dst, a, sizeof(a));
	node_log_begin(&rec, &p->r->node, "ping", event);
	sim_log_str(&rec, "dst", a);
	if (seq)
		sim_log_uint(&rec, "seq", seq);
	if (rtt >= 0)
		sim_log_time(&rec, "rtt_ns", rtt);
	sim_log_end(&rec);
}

static void ping_done(struct router_ping *p)
{
	char a[NET_ADDR_STRLEN];
	struct sim_log_rec rec;

	net_addr_fmt(&p->dst, a, sizeof(a));
	node_log_begin(&rec, &p->r->node, "ping", "statistics");
	sim_log_str(&rec, "dst", a);
	sim_log_uint(&rec, "transmitted", p->sent);
	sim_log_uint(&rec, "received", p->received);
	sim_log_uint(&rec, "loss_pct",
		     p->sent ? (p->sent - p->received) * 100 / p->sent : 0);
	if (p->received) {
		sim_log_time(&rec, "rtt_min_ns", p->rtt_min);
		sim_log_time(&rec, "rtt_avg_ns",
			     p->rtt_sum / (sim_time_t)p->received);
		sim_log_time(&rec, "rtt_max_ns", p->rtt_max);
	}
	sim_log_end(&rec);
	router_ping_stop(p->r);
}

static int ping_send_one(struct router_ping *p, uint16_t seq)
{
	struct router_ip_tx tx = { .dst = p->dst, .ttl = 255 };
	uint8_t buf[8 + PING_DATA];

	memset(buf, 0, sizeof(buf));
	for (int i = 0; i < PING_DATA; i++)
		buf[(p->dst.af == NET_AF_IP4 ? 8 : 4) + i] = (uint8_t)i;
	if (p->dst.af == NET_AF_IP4) {
		buf[0] = NET_ICMP_ECHO;
		net_put_be16(buf + 4, p->id);
		net_put_be16(buf + 6, seq);
		net_put_be16(buf + 2, net_csum(buf, 8 + PING_DATA));
		return router_ip_send(p->r, &tx, 1, buf, 8 + PING_DATA);
	}
	net_put_be16(buf, p->id);
	net_put_be16(buf + 2, seq);
	return router_icmp6_send(p->r, &tx, NET_ICMP6_ECHO, 0, buf,
				 4 + PING_DATA);
}

static void ping_send(struct node_timer *t)
{
	struct router_ping *p = sim_container_of(t, struct router_ping, send);
	sim_time_t now = node_now(&p->r->node);
	uint16_t seq = (uint16_t)(p->sent + 1);

	p->sent_at[seq % 64] = now;
	p->replied[seq % 64] = false;
	p->sent++;
	if (ping_send_one(p, seq) != 0)
		ping_log(p, "no-route", seq, -1);
	node_timer_arm(&p->expire, now + p->timeout);
	if (p->sent < p->count)
		node_timer_arm(&p->send, now + p->interval);
}

/*
 * The last request's timeout (every earlier request's has passed too):
 * report each request that never came back, once, then stop after the
 * last one.
 */
static void ping_expire(struct node_timer *t)
{
	struct router_ping *p = sim_container_of(t, struct router_ping, expire);

	uint32_t from = p->reported + 1;

	/* Only the last 64 requests are remembered (the rings above). */
	if (p->sent > 64 && from < p->sent - 63)
		from = p->sent - 63;
	for (uint32_t seq = from; seq <= p->sent; seq++)
		if (!p->replied[seq % 64])
			ping_log(p, "timeout", seq, -1);
	p->reported = p->sent;
	if (p->sent >= p->count)
		ping_done(p);
}

void router_ping_reply(struct router *r, const struct net_pkt_info *pi)
{
	struct router_ping *p = r->cp ? r->cp->ping : NULL;
	uint16_t id, seq;
	sim_time_t rtt;

	if (!p || !net_addr_eq(&pi->src, &p->dst))
		return;
	if (pi->af == NET_AF_IP4) {
		id = pi->icmp.id;
		seq = pi->icmp.seq;
	} else {
		id = pi->echo6.id;
		seq = pi->echo6.seq;
	}
	/* A duplicate (or a reply after its timeout) counts no more. */
	if (id != p->id || seq == 0 || seq > p->sent || seq <= p->reported ||
	    p->replied[seq % 64])
		return;
	p->replied[seq % 64] = true;
	rtt = node_now(&r->node) - p->sent_at[seq % 64];
	p->received++;
	if (p->received == 1 || rtt < p->rtt_min)
		p->rtt_min = rtt;
	if (rtt > p->rtt_max)
		p->rtt_max = rtt;
	p->rtt_sum += rtt;
	ping_log(p, "reply", seq, rtt);
	if (p->received == p->count)
		ping_done(p);
}

void router_ping_stop(struct router *r)
{
	struct router_ping *p = r->cp ? r->cp->ping : NULL;

	if (!p)
		return;
	node_timer_fini(&p->send);
	node_timer_fini(&p->expire);
	free(p);
	r->cp->ping = NULL;
}

static int do_ping(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct router *r = router_ctx(ctx);
	struct router_ping *p;
	char s[NET_ADDR_STRLEN];

	if (r->cp->ping)
		return cli_error(ctx, "A ping is already running.");
	p = calloc(1, sizeof(*p));
	if (!p)
		return cli_error(ctx, "Out of memory.");
	p->r = r;
	p->dst = cli_arg_addr(a, "host");
	if (cli_arg_has(a, "ipv6") != (p->dst.af == NET_AF_IP6)) {
		free(p);
		return cli_error(ctx, "Use \"ping ipv6\" for IPv6 hosts.");
	}
	p->count = (uint32_t)cli_arg_int_or(a, "count", 5);
	p->interval = SIM_MS(cli_arg_int_or(a, "interval", 500));
	p->timeout = SIM_MS(cli_arg_int_or(a, "timeout", 2000));
	p->id = (uint16_t)(sim_rng_next(&r->node.rng) & 0xffff);
	if (node_timer_init(&r->node, &p->send, ping_send) != 0 ||
	    node_timer_init(&r->node, &p->expire, ping_expire) != 0) {
		free(p);
		return cli_error(ctx, "Out of memory.");
	}
	r->cp->ping = p;
	net_addr_fmt(&p->dst, s, sizeof(s));
	cli_printf(
		ctx,
		"  PING %s: %d  data bytes, press CTRL_C to break\n"
		"  (replies are written to the event log, module \"ping\")\n",
		s, PING_DATA);
	node_timer_arm(&p->send, node_now(&r->node));
	return 0;
}

static const struct cli_cmd ping_cmds[] = {
	{ .pattern = "ping [ ipv6 ] [ -c <count:int:1-4294967295> ] "
		     "[ -m <interval:int:1-10000> ] "
		     "[ -t <timeout:int:1-65535> ] <host:ip>",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = do_ping,
	  .help = "Send ICMP echo requests" },
};

int router_ping_register(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, ping_cmds,
				      sizeof(ping_cmds) / sizeof(ping_cmds[0]));
}
