/*
 * TCP on a host: the glue between a TCP stack (RFC 9293, tcp.h) and the
 * host stack of sim/node: reception through a host listener (protocol 6
 * of either family), transmission with node_host_ip_send after checking
 * that the host would use the connection's source address, local address
 * checks over the host's interfaces, and a silent reset of the stack when
 * the host crashes.
 */
#include "protocols/tcp/tcp_host.h"

#include <stdlib.h>

#include "sim/node/node_host.h"

#define TCP_HOST_TTL 64

struct tcp_host {
	struct node *h;
	struct tcp_cfg cfg;
	struct tcp_stack *t;
};

static int host_send(void *ctx, const struct net_addr *src,
		     const struct net_addr *dst, const uint8_t *seg, size_t len)
{
	struct tcp_host *th = ctx;
	struct net_addr pick;

	if (node_host_src_for(th->h, dst, &pick) != 0 ||
	    !net_addr_eq(&pick, src))
		return -1;
	return node_host_ip_send(th->h, dst, TCP_PROTO, TCP_HOST_TTL, seg,
				 len) == 0
		       ? 0
		       : -1;
}

static bool host_is_local(void *ctx, const struct net_addr *a)
{
	struct tcp_host *th = ctx;

	for (int i = 0; i < th->h->nifaces; i++) {
		const struct node_iface *ifp = th->h->ifaces[i];

		if (a->af == NET_AF_IP4) {
			struct net_ip4 v = net_addr_ip4(a);

			if (node_iface_has_addr4(ifp, &v))
				return true;
		} else if (a->af == NET_AF_IP6) {
			struct net_ip6 v = net_addr_ip6(a);

			if (node_iface_has_addr6(ifp, &v))
				return true;
		}
	}
	return false;
}

static const struct tcp_ops host_ops = {
	.ip_send = host_send,
	.is_local = host_is_local,
};

static bool host_ip_rx(void *ctx, struct node *h, struct node_iface *ifp,
		       const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct tcp_host *th = ctx;

	(void)h;
	(void)ifp;
	(void)f;
	if (pi->l4_proto != TCP_PROTO || !pi->l4)
		return false;
	tcp_input(th->t, &pi->src, &pi->dst, pi->l4, pi->l4_len);
	return true;
}

/* Connections do not survive a crash; the new stack is empty. */
static void host_crash(void *ctx, struct node *h)
{
	struct tcp_host *th = ctx;
	struct tcp_stack *t = tcp_stack_new(h, &th->cfg, &host_ops, th);

	if (!t)
		return; /* keep the old one rather than none */
	tcp_stack_free(th->t);
	th->t = t;
}

struct tcp_host *tcp_host_attach(struct node *h, const struct tcp_cfg *cfg)
{
	struct tcp_host *th;
	struct node_host_listener l = {
		.ip_rx = host_ip_rx,
		.crash = host_crash,
	};

	if (!h || h->kind != NODE_HOST)
		return NULL;
	th = calloc(1, sizeof(*th));
	if (!th)
		return NULL;
	th->h = h;
	if (cfg)
		th->cfg = *cfg;
	else
		tcp_cfg_default(&th->cfg);
	th->t = tcp_stack_new(h, &th->cfg, &host_ops, th);
	l.ctx = th;
	if (!th->t || node_host_add_listener(h, &l) != 0) {
		tcp_stack_free(th->t);
		free(th);
		return NULL;
	}
	return th;
}

void tcp_host_detach(struct tcp_host *th)
{
	if (!th)
		return;
	node_host_del_listener(th->h, th);
	tcp_stack_free(th->t);
	free(th);
}

struct tcp_stack *tcp_host_stack(struct tcp_host *th)
{
	return th ? th->t : NULL;
}
