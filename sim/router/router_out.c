/*
 * Packets the control plane originates or forwards in software: route
 * lookup in the RIB, source address selection, frame building with the
 * sim/net builders, next-hop resolution through the ARP/ND caches (RFC 826,
 * RFC 4861 section 7.2) and injection into the ASIC. ICMP errors follow
 * RFC 1812 section 4.3.2.7 (never about ICMP errors, multicast or
 * broadcast) and are rate limited (section 4.3.2.8). Software forwarding
 * serves packets punted for adjacency resolution ("glean").
 */
#include "sim/router/router_int.h"

#include <string.h>

#include "sim/net/net_build.h"
#include "sim/net/net_csum.h"
#include "sim/net/net_icmp.h"

/* The egress interface and next hop towards dst from the RIB. */
static int route_to(struct router *r, const struct net_addr *dst,
		    struct node_iface **ifp, struct net_addr *nh)
{
	const struct rt_route *rt = rt_rib_lookup(r->cp->rib, dst);

	if (!rt || !rt->active)
		return -1;
	if (rt->kind == RT_KIND_CONNECTED)
		*nh = *dst;
	else if (rt->kind == RT_KIND_NEXTHOP)
		*nh = rt->gateway;
	else
		return -1;
	*ifp = router_iface_by_index(r, rt->out_ifindex);
	return *ifp && (*ifp)->oper_up ? 0 : -1;
}

static int frame_out(struct router *r, struct node_iface *ifp,
		     const struct net_addr *nexthop, struct net_frame *f,
		     bool hw)
{
	struct router_if *rif = router_if_of(ifp);
	struct node_nbr *c;
	struct net_mac mac;

	if (!rif || !ifp->oper_up) {
		net_frame_free(r->node.env->pool, f);
		return -1;
	}
	if (net_addr_is_multicast(nexthop)) {
		if (hw)
			asic_inject_hw(r->asic, ifp->ifindex, f);
		else
			asic_inject(r->asic, ifp->ifindex, f);
		return 0;
	}
	c = nexthop->af == NET_AF_IP6 ? &rif->nd : &rif->arp;
	/* An offload engine uses the adjacency the ASIC holds; resolving a
	 * missing one is the CPU's job (below). */
	if (hw && node_nbr_mac(c, nexthop, &mac)) {
		memcpy(f->data, mac.b, 6);
		asic_inject_hw(r->asic, ifp->ifindex, f);
		return 0;
	}
	return node_nbr_output(c, nexthop, f) == NODE_NBR_DROPPED ? -1 : 0;
}

int router_frame_out(struct router *r, struct node_iface *ifp,
		     const struct net_addr *nexthop, struct net_frame *f)
{
	return frame_out(r, ifp, nexthop, f, false);
}

/* A source address on ifp for talking to dst. */
static bool pick_src(const struct node_iface *ifp, const struct net_addr *dst,
		     struct net_addr *src)
{
	if (dst->af == NET_AF_IP4) {
		const struct node_addr4 *a = node_iface_primary4(ifp);

		for (int i = 0; i < ifp->n4; i++) {
			struct net_prefix p = {
				.addr = net_addr_from_ip4(&ifp->addr4[i].addr),
				.len = ifp->addr4[i].plen,
			};

			net_prefix_normalize(&p);
			if (net_prefix_contains(&p, dst)) {
				a = &ifp->addr4[i];
				break;
			}
		}
		if (!a)
			return false;
		*src = net_addr_from_ip4(&a->addr);
		return true;
	}
	struct net_ip6 d = net_addr_ip6(dst);
	const struct node_addr6 *a = NULL;

	/* RFC 6724 rule 2 in short: match the scope of the destination. */
	if (net_ip6_is_link_local(&d) ||
	    (net_ip6_is_multicast(&d) && (d.b[1] & 0x0f) <= 2))
		a = node_iface_link_local(ifp);
	if (!a)
		a = node_iface_global6(ifp);
	if (!a)
		a = node_iface_link_local(ifp);
	if (!a)
		return false;
	*src = net_addr_from_ip6(&a->addr);
	return true;
}

struct out_plan {
	struct node_iface *ifp;
	struct net_addr nh, src;
	struct net_l2 l2;
};

static int plan(struct router *r, const struct router_ip_tx *tx,
		struct out_plan *o)
{
	memset(o, 0, sizeof(*o));
	if (!r->cp)
		return -1;
	if (tx->ifp) {
		o->ifp = tx->ifp;
		o->nh = tx->dst;
	} else if (route_to(r, &tx->dst, &o->ifp, &o->nh) != 0) {
		return -1;
	}
	if (!o->ifp->oper_up)
		return -1;
	if (!net_addr_is_unspec(&tx->src))
		o->src = tx->src;
	else if (!pick_src(o->ifp, &tx->dst, &o->src))
		return -1;
	o->l2.src = tx->src_mac ? *tx->src_mac : o->ifp->mac;
	if (tx->dst.af == NET_AF_IP4 && net_addr_is_multicast(&tx->dst)) {
		struct net_ip4 g = net_addr_ip4(&tx->dst);

		o->l2.dst = net_mac_from_ip4_mcast(&g);
	} else if (tx->dst.af == NET_AF_IP6 &&
		   net_addr_is_multicast(&tx->dst)) {
		struct net_ip6 g = net_addr_ip6(&tx->dst);

		o->l2.dst = net_mac_from_ip6_mcast(&g);
	}
	return 0;
}

static void ip4_params(struct router *r, const struct router_ip_tx *tx,
		       const struct out_plan *o, struct net_ip4_params *p)
{
	memset(p, 0, sizeof(*p));
	p->l2 = o->l2;
	p->src = net_addr_ip4(&o->src);
	p->dst = net_addr_ip4(&tx->dst);
	p->ttl = tx->ttl ? tx->ttl : 255;
	p->tos = tx->tos;
	p->id = r->cp->ip_id++;
	p->router_alert = tx->router_alert;
}

static void ip6_params(const struct router_ip_tx *tx, const struct out_plan *o,
		       struct net_ip6_params *p)
{
	memset(p, 0, sizeof(*p));
	p->l2 = o->l2;
	p->src = net_addr_ip6(&o->src);
	p->dst = net_addr_ip6(&tx->dst);
	p->hop_limit = tx->ttl ? tx->ttl : 255;
	p->tclass = tx->tos;
	p->router_alert = tx->router_alert;
	p->ra_value = tx->ra_value;
}

enum out_kind { OUT_IP, OUT_UDP, OUT_ICMP6 };

struct out_req {
	enum out_kind kind;
	uint8_t proto; /* IP protocol, or ICMPv6 type */
	uint8_t code;
	uint16_t sport, dport;
	const void *payload;
	size_t len;
};

static int send_common(struct router *r, const struct router_ip_tx *tx,
		       const struct out_req *q)
{
	struct out_plan o;
	struct net_frame *f;
	struct net_wr w;
	int n = -1;

	if (plan(r, tx, &o) != 0)
		return -1;
	f = net_frame_alloc(r->node.env->pool);
	if (!f)
		return -1;
	net_wr_init(&w, f->data, sizeof(f->data));
	if (tx->dst.af == NET_AF_IP4) {
		struct net_udp4_params u = { .sport = q->sport,
					     .dport = q->dport };

		ip4_params(r, tx, &o, &u.ip);
		if (q->kind == OUT_UDP)
			n = net_build_udp4(&w, &u, q->payload, q->len);
		else if (q->kind == OUT_IP)
			n = net_build_ip4(&w, &u.ip, q->proto, q->payload,
					  q->len);
	} else {
		struct net_udp6_params u = { .sport = q->sport,
					     .dport = q->dport };

		ip6_params(tx, &o, &u.ip);
		if (q->kind == OUT_UDP)
			n = net_build_udp6(&w, &u, q->payload, q->len);
		else if (q->kind == OUT_ICMP6)
			n = net_build_icmp6(&w, &u.ip, q->proto, q->code,
					    q->payload, q->len);
		else
			n = net_build_ip6(&w, &u.ip, q->proto, q->payload,
					  q->len);
	}
	if (n < 0) {
		net_frame_free(r->node.env->pool, f);
		return -1;
	}
	f->len = (uint16_t)n;
	return frame_out(r, o.ifp, &o.nh, f, tx->hw);
}

int router_ip_send(struct router *r, const struct router_ip_tx *tx,
		   uint8_t proto, const void *payload, size_t len)
{
	struct out_req q = {
		.kind = OUT_IP, .proto = proto, .payload = payload, .len = len
	};

	return send_common(r, tx, &q);
}

int router_udp_send(struct router *r, const struct router_ip_tx *tx,
		    uint16_t sport, uint16_t dport, const void *payload,
		    size_t len)
{
	struct out_req q = { .kind = OUT_UDP,
			     .sport = sport,
			     .dport = dport,
			     .payload = payload,
			     .len = len };

	return send_common(r, tx, &q);
}

int router_icmp6_send(struct router *r, const struct router_ip_tx *tx,
		      uint8_t type, uint8_t code, const void *body, size_t len)
{
	struct out_req q = { .kind = OUT_ICMP6,
			     .proto = type,
			     .code = code,
			     .payload = body,
			     .len = len };

	if (tx->dst.af != NET_AF_IP6)
		return -1;
	return send_common(r, tx, &q);
}

/* ARP request (RFC 826) or NS to the solicited-node group (RFC 4861
 * section 7.2.2) for target on ifp. */
void router_send_solicit(struct router *r, struct node_iface *ifp,
			 const struct net_addr *target)
{
	struct net_frame *f;
	struct net_wr w;
	struct net_addr src;
	int n = -1;

	if (!r->cp || !pick_src(ifp, target, &src))
		return;
	f = net_frame_alloc(r->node.env->pool);
	if (!f)
		return;
	net_wr_init(&w, f->data, sizeof(f->data));
	if (target->af == NET_AF_IP4) {
		struct net_l2 l2 = { .src = ifp->mac,
				     .dst = net_mac_broadcast };
		struct net_arp a = {
			.op = NET_ARP_REQUEST,
			.sha = ifp->mac,
			.spa = net_addr_ip4(&src),
			.tpa = net_addr_ip4(target),
		};

		n = net_build_arp(&w, &l2, &a);
	} else {
		struct net_ip6 t = net_addr_ip6(target);
		struct net_ip6_params p = {
			.src = net_addr_ip6(&src),
			.dst = net_ip6_solicited_node(&t),
			.hop_limit = 255,
		};

		p.l2.src = ifp->mac;
		p.l2.dst = net_mac_from_ip6_mcast(&p.dst);
		n = net_build_ns(&w, &p, &t, &ifp->mac);
	}
	if (n < 0) {
		net_frame_free(r->node.env->pool, f);
		return;
	}
	f->len = (uint16_t)n;
	asic_inject(r->asic, ifp->ifindex, f);
}

/*
 * RFC 1812 4.3.2.7 (IPv4): the source must name a single host: not
 * zero, loopback (127/8), broadcast, multicast or class E.
 */
static bool src_single_host(const struct net_addr *s)
{
	if (net_addr_is_unspec(s) || net_addr_is_multicast(s))
		return false;
	return s->af != NET_AF_IP4 || (s->b[0] != 127 && s->b[0] < 240);
}

/*
 * Whether the packet is (or may be) an ICMP error. The type is read from
 * the raw upper-layer bytes, so that a first fragment or a message whose
 * ICMP checksum is wrong (the ASIC does not check it) still counts; a
 * non-first fragment is judged by the caller.
 */
static bool is_icmp_error(const struct net_pkt_info *pi)
{
	if (pi->af == NET_AF_IP4 && pi->l4_proto == 1)
		return pi->l4_len < 1 || (pi->l4[0] != NET_ICMP_ECHO &&
					  pi->l4[0] != NET_ICMP_ECHO_REPLY);
	if (pi->af == NET_AF_IP6 && pi->l4_proto == 58)
		return pi->l4_len < 1 || pi->l4[0] < 128;
	return false;
}

static bool icmp_error_allowed(struct router *r, const struct net_pkt_info *pi)
{
	sim_time_t now = node_now(&r->node);
	uint16_t frag_off =
		pi->af == NET_AF_IP4 ? pi->ip4.frag_off : pi->ip6.frag_off;

	/* RFC 1812 4.3.2.7 (RFC 4443 2.4 (e)): not about multicast,
	 * broadcast, errors, fragments other than the first, or a source
	 * that does not name a single host. */
	if (net_addr_is_multicast(&pi->dst) || !src_single_host(&pi->src) ||
	    net_mac_is_multicast(&pi->eth.dst))
		return false;
	if ((pi->fragment && frag_off != 0) || is_icmp_error(pi))
		return false;
	/* RFC 1812 4.3.2.8: rate limited. */
	if (now < r->cp->icmp_err_next) {
		r->cp->icmp_err_limited++;
		return false;
	}
	r->cp->icmp_err_next = now + ROUTER_ICMP_ERR_GAP;
	return true;
}

void router_icmp_error(struct router *r, struct node_iface *in,
		       const struct net_pkt_info *pi, const uint8_t *frame,
		       size_t flen, int type, int code)
{
	struct node_iface *ifp;
	struct net_addr nh, src;
	struct net_frame *f;
	struct net_wr w;
	size_t l3 = pi->eth.hdr_len;
	int n;

	if (!r->cp || !icmp_error_allowed(r, pi) || l3 > flen)
		return;
	/* RFC 1812 4.3.2.4: the source is an address of the interface the
	 * error leaves by (that of the arrival interface if it has none). */
	if (route_to(r, &pi->src, &ifp, &nh) != 0 ||
	    (!pick_src(ifp, &pi->src, &src) && !pick_src(in, &pi->src, &src)))
		return;
	f = net_frame_alloc(r->node.env->pool);
	if (!f)
		return;
	net_wr_init(&w, f->data, sizeof(f->data));
	if (pi->af == NET_AF_IP4) {
		struct net_ip4_params p = {
			.src = net_addr_ip4(&src),
			.dst = net_addr_ip4(&pi->src),
			.ttl = 255,
			.id = r->cp->ip_id++,
		};

		p.l2.src = ifp->mac;
		n = net_build_icmp_error4(&w, &p, (uint8_t)type, (uint8_t)code,
					  0, frame + l3, flen - l3);
	} else {
		struct net_ip6_params p = {
			.src = net_addr_ip6(&src),
			.dst = net_addr_ip6(&pi->src),
			.hop_limit = 255,
		};

		p.l2.src = ifp->mac;
		n = net_build_icmp_error6(&w, &p, (uint8_t)type, (uint8_t)code,
					  0, frame + l3, flen - l3);
	}
	if (n < 0) {
		net_frame_free(r->node.env->pool, f);
		return;
	}
	f->len = (uint16_t)n;
	r->cp->icmp_errors++;
	router_frame_out(r, ifp, &nh, f);
}

/*
 * Forward a punted packet in software (RFC 1812 section 5.2): TTL/hop
 * limit decrement (IPv4 checksum by RFC 1624), new source MAC, and the
 * next hop resolved through the neighbor cache, which holds the packet
 * while it solicits. The ASIC has already checked the TTL.
 */
void router_sw_forward(struct router *r, struct node_iface *in,
		       struct net_frame *f, const struct net_pkt_info *pi)
{
	struct node_iface *out;
	struct net_addr nh;
	size_t l3 = pi->eth.hdr_len;

	(void)in;
	if (route_to(r, &pi->dst, &out, &nh) != 0 || pi->ttl <= 1) {
		net_frame_free(r->node.env->pool, f);
		return;
	}
	if (pi->af == NET_AF_IP4) {
		uint8_t *ip = f->data + l3;
		uint16_t old = net_get_be16(ip + 8);
		uint16_t hc = net_get_be16(ip + 10);

		ip[8]--;
		net_put_be16(ip + 10,
			     net_csum_update16(hc, old, net_get_be16(ip + 8)));
	} else {
		f->data[l3 + 7]--;
	}
	memcpy(f->data + 6, out->mac.b, 6);
	router_frame_out(r, out, &nh, f);
}
