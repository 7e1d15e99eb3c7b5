/*
 * The router's control-plane receive path: frames the ASIC punted, after
 * the CPU queue. ARP (RFC 826: learn, answer requests for our addresses),
 * Neighbor Discovery (RFC 4861 section 7.1 validity: hop limit 255; NS
 * answered with a solicited NA, section 7.2.4), ICMP and ICMPv6 echo
 * (RFC 792, RFC 4443 section 4.2), demultiplexing to protocol modules by IP
 * protocol, UDP port and ICMPv6 type, ICMP errors for TTL expiry, no route,
 * unreachable ports and protocols, software forwarding of glean punts, and
 * multicast events (no-cache, wrong-iif, data copies: router_mcast.c).
 */
#include "sim/router/router_int.h"

#include <string.h>

#include "sim/net/net_build.h"
#include "sim/net/net_csum.h"

static struct router_handler *find_handler(struct router *r, int kind, int key)
{
	for (int i = 0; i < r->cp->nhandlers; i++)
		if (r->cp->handlers[i].kind == kind &&
		    r->cp->handlers[i].key == key)
			return &r->cp->handlers[i];
	return NULL;
}

static void reply_frame(struct router *r, struct node_iface *ifp,
			struct net_frame *f, int n)
{
	if (n < 0) {
		net_frame_free(r->node.env->pool, f);
		return;
	}
	f->len = (uint16_t)n;
	asic_inject(r->asic, ifp->ifindex, f);
}

static void rx_arp(struct router *r, struct node_iface *ifp,
		   const struct net_pkt_info *pi)
{
	struct router_if *rif = router_if_of(ifp);
	const struct net_arp *a = &pi->arp;
	struct net_addr tpa = net_addr_from_ip4(&a->tpa);
	const struct router_vaddr *v = router_vaddr_find(ifp, &tpa);
	bool me = node_iface_has_addr4(ifp, &a->tpa) || v;
	const struct net_mac *mac = v ? &v->mac : &ifp->mac;
	struct net_frame *f;
	struct net_wr w;

	node_nbr_arp_input(&rif->arp, a, me);
	if (!me || a->op != NET_ARP_REQUEST)
		return;
	f = net_frame_alloc(r->node.env->pool);
	if (!f)
		return;
	/* A virtual address answers from its virtual MAC (RFC 5798 8.1.2). */
	struct net_l2 l2 = { .src = *mac, .dst = a->sha };
	struct net_arp rep = {
		.op = NET_ARP_REPLY,
		.sha = *mac,
		.spa = a->tpa,
		.tha = a->sha,
		.tpa = a->spa,
	};

	net_wr_init(&w, f->data, sizeof(f->data));
	reply_frame(r, ifp, f, net_build_arp(&w, &l2, &rep));
}

static void rx_nd(struct router *r, struct node_iface *ifp,
		  const struct net_pkt_info *pi)
{
	struct router_if *rif = router_if_of(ifp);
	const struct net_nd *nd = &pi->nd;
	struct net_ip6 src = net_addr_ip6(&pi->src);
	struct net_frame *f;
	struct net_wr w;

	/* RFC 4861 7.1.1 / 7.1.2: hop limit must be 255. */
	if (pi->ttl != 255)
		return;
	if (nd->type == NET_ICMP6_ND_NA) {
		node_nbr_na_input(&rif->nd, nd);
		return;
	}
	struct net_addr target = net_addr_from_ip6(&nd->target);
	const struct router_vaddr *v = router_vaddr_find(ifp, &target);
	const struct net_mac *mac = v ? &v->mac : &ifp->mac;

	if (!v && !node_iface_has_addr6(ifp, &nd->target))
		return;
	if (!net_addr_is_unspec(&pi->src))
		node_nbr_ns_input(&rif->nd, &src,
				  nd->has_sll ? &nd->sll : NULL);
	f = net_frame_alloc(r->node.env->pool);
	if (!f)
		return;
	/* RFC 4861 7.2.4: to the soliciting node, or all-nodes for DAD. */
	struct net_ip6_params p = { .src = nd->target, .hop_limit = 255 };
	uint32_t flags = NET_ND_NA_ROUTER | NET_ND_NA_OVERRIDE;

	p.l2.src = *mac;
	if (net_addr_is_unspec(&pi->src)) {
		memset(p.dst.b, 0, 16);
		p.dst.b[0] = 0xff;
		p.dst.b[1] = 0x02;
		p.dst.b[15] = 1;
		p.l2.dst = net_mac_from_ip6_mcast(&p.dst);
	} else {
		p.dst = src;
		p.l2.dst = nd->has_sll ? nd->sll : pi->eth.src;
		flags |= NET_ND_NA_SOLICITED;
	}
	net_wr_init(&w, f->data, sizeof(f->data));
	reply_frame(r, ifp, f, net_build_na(&w, &p, &nd->target, flags, mac));
}

/* Echo reply from the address the request was sent to (RFC 1122 3.2.2.6). */
static void rx_echo(struct router *r, struct node_iface *ifp,
		    const struct net_pkt_info *pi)
{
	struct router_ip_tx tx = { .dst = pi->src, .src = pi->dst, .ttl = 255 };
	uint8_t buf[NET_FRAME_MAX];

	/* RFC 1122 3.2.2.6: to a multicast or broadcast address, the reply
	 * comes from a unicast address (chosen by the egress interface). */
	if (net_addr_is_multicast(&pi->dst) ||
	    (pi->af == NET_AF_IP4 && pi->dst.b[0] == 255 &&
	     pi->dst.b[1] == 255 && pi->dst.b[2] == 255 && pi->dst.b[3] == 255))
		tx.src.af = NET_AF_NONE;
	if (pi->af == NET_AF_IP4) {
		size_t n = pi->icmp.data_len;

		if (n + 8 > sizeof(buf))
			return;
		buf[0] = NET_ICMP_ECHO_REPLY;
		buf[1] = 0;
		buf[2] = buf[3] = 0;
		net_put_be16(buf + 4, pi->icmp.id);
		net_put_be16(buf + 6, pi->icmp.seq);
		memcpy(buf + 8, pi->icmp.data, n);
		net_put_be16(buf + 2, net_csum(buf, n + 8));
		router_ip_send(r, &tx, 1, buf, n + 8);
	} else {
		size_t n = pi->echo6.data_len;

		if (n + 4 > sizeof(buf))
			return;
		net_put_be16(buf, pi->echo6.id);
		net_put_be16(buf + 2, pi->echo6.seq);
		memcpy(buf + 4, pi->echo6.data, n);
		router_icmp6_send(r, &tx, NET_ICMP6_ECHO_REPLY, 0, buf, n + 4);
	}
	(void)ifp;
}

static void unreachable(struct router *r, struct node_iface *ifp,
			const struct net_pkt_info *pi,
			const struct net_frame *f, bool port)
{
	r->cp->no_handler++;
	if (pi->af == NET_AF_IP4)
		router_icmp_error(r, ifp, pi, f->data, f->len, NET_ICMP_UNREACH,
				  port ? NET_ICMP_UNREACH_PORT
				       : NET_ICMP_UNREACH_PROTO);
	else if (port)
		router_icmp_error(r, ifp, pi, f->data, f->len,
				  NET_ICMP6_UNREACH, NET_ICMP6_UNREACH_PORT);
	else /* RFC 8200 section 4: unrecognized Next Header */
		router_icmp_error(r, ifp, pi, f->data, f->len,
				  NET_ICMP6_PARAM_PROBLEM, 1);
}

static void rx_local(struct router *r, struct node_iface *ifp,
		     const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct router_handler *h = NULL;
	bool v6 = pi->af == NET_AF_IP6;

	const struct router_vaddr *va = router_vaddr_find(ifp, &pi->dst);
	bool echo =
		(!v6 && pi->l4_proto == 1 && pi->icmp.type == NET_ICMP_ECHO) ||
		(v6 && pi->l4_proto == 58 && pi->icmp6.type == NET_ICMP6_ECHO);

	if (pi->err != NET_OK || pi->fragment)
		return;
	/* RFC 5798 6.4.3: without Accept_Mode a virtual address takes
	 * nothing but ARP/ND (and echo, as VRP allows by default). */
	if (va && !va->accept && !echo && !pi->has_nd) {
		r->cp->no_handler++;
		return;
	}
	if (!v6 && pi->l4_proto == 1 && pi->icmp.type == NET_ICMP_ECHO) {
		rx_echo(r, ifp, pi);
		return;
	}
	if (!v6 && pi->l4_proto == 1 && pi->icmp.type == NET_ICMP_ECHO_REPLY) {
		router_ping_reply(r, pi);
		return;
	}
	if (v6 && pi->l4_proto == 58) {
		if (pi->has_nd) {
			rx_nd(r, ifp, pi);
			return;
		}
		if (pi->icmp6.type == NET_ICMP6_ECHO) {
			rx_echo(r, ifp, pi);
			return;
		}
		if (pi->icmp6.type == NET_ICMP6_ECHO_REPLY) {
			router_ping_reply(r, pi);
			return;
		}
		h = find_handler(r, 3, pi->icmp6.type);
	} else if (pi->l4_proto == 17) {
		h = find_handler(r, 2, pi->udp.dport);
		if (!h) {
			unreachable(r, ifp, pi, f, true);
			return;
		}
	} else if (pi->l4_proto >= 0) {
		h = find_handler(r, v6 ? 1 : 0, pi->l4_proto);
		if (!h && pi->l4_proto != 1 && pi->l4_proto != 58) {
			unreachable(r, ifp, pi, f, false);
			return;
		}
	}
	if (h)
		h->fn(h->ctx, r, ifp, pi);
}

void router_cp_rx(void *ctx, int ifindex, enum asic_punt reason,
		  struct net_frame *f)
{
	struct router *r = ctx;
	struct node_iface *ifp = router_iface_by_index(r, ifindex);
	struct net_pkt_info pi;

	if (!r->cp || !ifp || !router_if_of(ifp) || !ifp->oper_up) {
		net_frame_free(r->node.env->pool, f);
		return;
	}
	r->cp->cp_rx[reason]++;
	net_dissect(f->data, f->len, &pi);
	switch (reason) {
	case ASIC_PUNT_ARP:
		if (net_pkt_has(&pi, NET_LAYER_ARP))
			rx_arp(r, ifp, &pi);
		break;
	case ASIC_PUNT_LOCAL:
	case ASIC_PUNT_PROTOCOL:
		rx_local(r, ifp, &pi, f);
		break;
	case ASIC_PUNT_NO_CACHE:
	case ASIC_PUNT_WRONG_IIF:
	case ASIC_PUNT_MCAST_COPY:
		router_mcast_punt(r, ifp, reason, &pi, f);
		break;
	case ASIC_PUNT_TTL_EXPIRED:
		router_icmp_error(r, ifp, &pi, f->data, f->len,
				  pi.af == NET_AF_IP4 ? NET_ICMP_TIME_EXCEEDED
						      : NET_ICMP6_TIME_EXCEEDED,
				  0);
		break;
	case ASIC_PUNT_NO_ROUTE:
		router_icmp_error(r, ifp, &pi, f->data, f->len,
				  pi.af == NET_AF_IP4 ? NET_ICMP_UNREACH
						      : NET_ICMP6_UNREACH,
				  0);
		break;
	case ASIC_PUNT_GLEAN:
		if (pi.err == NET_OK) {
			router_sw_forward(r, ifp, f, &pi);
			return; /* f handed on */
		}
		break;
	default:
		break;
	}
	net_frame_free(r->node.env->pool, f);
}
