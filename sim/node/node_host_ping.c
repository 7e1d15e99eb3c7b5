/*
 * Ping sessions of a host: ICMP echo (RFC 792) or ICMPv6 echo (RFC 4443
 * section 4.1) requests with 56 data bytes, identifier = session id + 1 and
 * sequence numbers from 1, sent every interval from the first one (no
 * drift: request i leaves at start + i * interval, node timers, so a frozen
 * host sends late). The round-trip time runs from the moment the request
 * is handed to the stack (address resolution included, as for a real ping)
 * to the arrival of the reply's last bit. A request not answered within the
 * ping timeout (2 s by default) is counted and logged "timeout"; a reply
 * after that is counted "late" only. Each reply is logged {"module":"ping",
 * "event":"reply","dst":..,"seq":..,"rtt":ns,"ttl":..}; the end of the
 * session is logged "done" with the totals.
 */
#include "sim/node/node_host_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define HOST_PING_DATA 56

static void ping_log(struct host_ping *p, const char *event, uint32_t seq,
		     sim_time_t rtt, int ttl)
{
	struct sim_log_rec r;
	char a[NET_ADDR_STRLEN];

	net_addr_fmt(&p->st.dst, a, sizeof(a));
	node_log_begin(&r, &p->h->node, "ping", event);
	sim_log_str(&r, "dst", a);
	sim_log_uint(&r, "id", p->st.ident);
	if (seq)
		sim_log_uint(&r, "seq", seq);
	if (rtt >= 0)
		sim_log_time(&r, "rtt", rtt);
	if (ttl >= 0)
		sim_log_int(&r, "ttl", ttl);
	if (!seq) {
		sim_log_uint(&r, "sent", p->st.sent);
		sim_log_uint(&r, "received", p->st.received);
		sim_log_uint(&r, "timeouts", p->st.timeouts);
	}
	sim_log_end(&r);
}

static void ping_check_done(struct host_ping *p)
{
	if (p->st.done || p->next < p->st.count)
		return;
	while (p->oldest < p->next && p->state[p->oldest] != HOST_PING_WAIT)
		p->oldest++;
	if (p->oldest < p->next)
		return;
	p->st.done = true;
	node_timer_cancel(&p->send_t);
	node_timer_cancel(&p->timeout_t);
	ping_log(p, "done", 0, -1, -1);
}

static void ping_arm_timeout(struct host_ping *p)
{
	while (p->oldest < p->next && p->state[p->oldest] != HOST_PING_WAIT)
		p->oldest++;
	if (p->oldest < p->next)
		node_timer_arm(&p->timeout_t,
			       p->sent_at[p->oldest] + p->h->ping_timeout);
	else
		node_timer_cancel(&p->timeout_t);
}

static void ping_send_one(struct host_ping *p)
{
	uint8_t data[HOST_PING_DATA];
	uint32_t i = p->next++;
	int k, rc;

	for (k = 0; k < HOST_PING_DATA; k++)
		data[k] = (uint8_t)k;
	p->sent_at[i] = node_now(&p->h->node);
	rc = host_send_echo(p->h, &p->st.dst, p->st.ident, (uint16_t)(i + 1),
			    data, sizeof(data));
	if (rc) {
		p->st.errors++;
		p->state[i] = HOST_PING_ERROR;
		ping_log(p, "error", i + 1, -1, -1);
	} else {
		p->st.sent++;
		p->state[i] = HOST_PING_WAIT;
	}
	if (p->next < p->st.count)
		node_timer_arm(&p->send_t, p->sent_at[0] + (sim_time_t)p->next *
								   p->interval);
	if (!node_timer_armed(&p->timeout_t))
		ping_arm_timeout(p);
	ping_check_done(p);
}

static void ping_send_fire(struct node_timer *nt)
{
	ping_send_one(sim_container_of(nt, struct host_ping, send_t));
}

static void ping_timeout_fire(struct node_timer *nt)
{
	struct host_ping *p = sim_container_of(nt, struct host_ping, timeout_t);
	sim_time_t now = node_now(&p->h->node);

	while (p->oldest < p->next) {
		uint32_t i = p->oldest;

		if (p->state[i] == HOST_PING_WAIT) {
			if (p->sent_at[i] + p->h->ping_timeout > now)
				break;
			p->state[i] = HOST_PING_TIMEOUT;
			p->st.timeouts++;
			ping_log(p, "timeout", i + 1, -1, -1);
		}
		p->oldest++;
	}
	ping_arm_timeout(p);
	ping_check_done(p);
}

void host_ping_reply(struct node_host *h, const struct net_pkt_info *pi,
		     uint16_t ident, uint16_t seq)
{
	struct host_ping *p = NULL;
	sim_time_t rtt;
	uint32_t i;
	int k;

	for (k = 0; k < h->npings && !p; k++)
		if (h->pings[k]->st.ident == ident)
			p = h->pings[k];
	if (!p || seq == 0 || seq > p->next) {
		h->cnt.rx_unhandled++;
		return;
	}
	i = seq - 1u;
	if (p->state[i] == HOST_PING_TIMEOUT)
		p->st.late++;
	if (p->state[i] != HOST_PING_WAIT)
		return;
	rtt = node_now(&h->node) - p->sent_at[i];
	p->state[i] = HOST_PING_REPLIED;
	p->st.received++;
	p->st.rtt_last = rtt;
	p->st.rtt_sum += rtt;
	if (p->st.received == 1 || rtt < p->st.rtt_min)
		p->st.rtt_min = rtt;
	if (rtt > p->st.rtt_max)
		p->st.rtt_max = rtt;
	ping_log(p, "reply", seq, rtt, pi->ttl);
	ping_arm_timeout(p);
	ping_check_done(p);
}

static void ping_free(struct host_ping *p)
{
	node_timer_fini(&p->send_t);
	node_timer_fini(&p->timeout_t);
	free(p->sent_at);
	free(p->state);
	free(p);
}

int node_host_ping(struct node *n, const struct net_addr *dst, uint32_t count,
		   sim_time_t interval)
{
	struct node_host *h = host_of(n);
	struct host_ping *p, **v;

	if (!host_is(n) || !dst || count == 0 || count > 65535 ||
	    interval < 0 || (count > 1 && interval == 0) || h->npings >= 65535)
		return -EINVAL;
	if (n->crashed)
		return -ENETDOWN;
	v = realloc(h->pings, sizeof(*v) * (size_t)(h->npings + 1));
	if (!v)
		return -ENOMEM;
	h->pings = v;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->sent_at = calloc(count, sizeof(*p->sent_at));
	p->state = calloc(count, sizeof(*p->state));
	if (!p->sent_at || !p->state ||
	    node_timer_init(n, &p->send_t, ping_send_fire) ||
	    node_timer_init(n, &p->timeout_t, ping_timeout_fire)) {
		ping_free(p);
		return -ENOMEM;
	}
	p->h = h;
	p->id = h->npings;
	p->interval = interval;
	p->st.dst = *dst;
	p->st.ident = (uint16_t)(p->id + 1);
	p->st.count = count;
	h->pings[h->npings++] = p;
	ping_send_one(p);
	return p->id;
}

void node_host_set_ping_timeout(struct node *n, sim_time_t timeout)
{
	if (host_is(n) && timeout > 0)
		host_of(n)->ping_timeout = timeout;
}

const struct node_host_ping_stats *node_host_ping_stats(const struct node *n,
							int id)
{
	const struct node_host *h = host_of(n);

	if (!host_is(n) || id < 0 || id >= h->npings)
		return NULL;
	return &h->pings[id]->st;
}

void host_ping_stop_all(struct node_host *h)
{
	int k;

	for (k = 0; k < h->npings; k++) {
		struct host_ping *p = h->pings[k];

		node_timer_cancel(&p->send_t);
		node_timer_cancel(&p->timeout_t);
		p->st.done = true;
	}
}

void host_ping_free_all(struct node_host *h)
{
	int k;

	for (k = 0; k < h->npings; k++)
		ping_free(h->pings[k]);
	free(h->pings);
	h->pings = NULL;
	h->npings = 0;
}
