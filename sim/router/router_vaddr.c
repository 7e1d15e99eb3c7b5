/*
 * Addresses, frames and interface holds on behalf of protocols. A VRRP
 * Master owns its virtual addresses: they get a /32 (/128) RECEIVE entry
 * in the ASIC (programmed like any write), ARP requests (RFC 826) and
 * Neighbor Solicitations (RFC 4861 7.2.4) for them are answered with the
 * virtual MAC (RFC 5798 sections 6.4.3, 8.1.2, 8.2.2), and whether other
 * packets to them are received follows Accept_Mode (ICMP echo is always
 * answered, as VRP does by default). A held interface (VRRP flowdown) is
 * oper down and its ASIC port administratively down, but keeps its light.
 */
#include "sim/router/router_int.h"

#include <string.h>

const struct router_vaddr *router_vaddr_find(const struct node_iface *ifp,
					     const struct net_addr *a)
{
	const struct router_if *rif = router_if_of(ifp);

	for (int i = 0; rif && i < rif->nvaddr; i++)
		if (net_addr_eq(&rif->vaddr[i].a, a))
			return &rif->vaddr[i];
	return NULL;
}

static void receive_entry(struct router *r, const struct net_addr *a, bool add)
{
	struct net_prefix p = { .addr = *a,
				.len = a->af == NET_AF_IP6 ? 128 : 32 };
	struct asic_fib_entry e = { .kind = ASIC_FIB_RECEIVE, .ifindex = -1 };

	/* Our own interface address already has its LOCAL route. */
	if (rt_rib_best(r->cp->rib, &p))
		return;
	asic_prog_fib(r->asic, &p, add ? &e : NULL);
}

int router_vaddr_add(struct router *r, struct node_iface *ifp,
		     const struct net_addr *a, const struct net_mac *mac,
		     bool accept)
{
	struct router_if *rif = router_if_of(ifp);
	struct router_vaddr *v;

	if (!r->cp || !rif)
		return -1;
	v = (struct router_vaddr *)router_vaddr_find(ifp, a);
	if (!v) {
		if (rif->nvaddr >= ROUTER_MAX_VADDRS)
			return -1;
		v = &rif->vaddr[rif->nvaddr++];
		v->a = *a;
		receive_entry(r, a, true);
	}
	v->mac = *mac;
	v->accept = accept;
	return 0;
}

int router_vaddr_del(struct router *r, struct node_iface *ifp,
		     const struct net_addr *a)
{
	struct router_if *rif = router_if_of(ifp);

	if (!r->cp || !rif)
		return -1;
	for (int i = 0; i < rif->nvaddr; i++)
		if (net_addr_eq(&rif->vaddr[i].a, a)) {
			receive_entry(r, a, false);
			rif->vaddr[i] = rif->vaddr[--rif->nvaddr];
			return 0;
		}
	return -1;
}

void router_inject(struct router *r, struct node_iface *ifp,
		   struct net_frame *f)
{
	if (!r->cp || !ifp->oper_up) {
		net_frame_free(r->node.env->pool, f);
		return;
	}
	asic_inject(r->asic, ifp->ifindex, f);
}

void router_iface_hold(struct router *r, struct node_iface *ifp, bool hold,
		       const char *why)
{
	struct router_if *rif = router_if_of(ifp);

	if (!r->cp || r->cp->dying || !rif || rif->held == hold)
		return;
	rif->held = hold;
	if (!ifp->loopback)
		asic_port_admin(r->asic, ifp->ifindex, ifp->admin_up && !hold);
	router_iface_update(r, ifp, why);
}

bool router_iface_held(const struct router *r, const struct node_iface *ifp)
{
	const struct router_if *rif = ifp ? router_if_of(ifp) : NULL;

	return r && r->cp && rif && rif->held;
}
