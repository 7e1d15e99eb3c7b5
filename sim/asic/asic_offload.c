/*
 * Offloaded protocol engines: some routers run BFD (RFC 5880) in the
 * forwarding hardware instead of on the control-plane CPU, so its packets
 * neither wait in nor are dropped by the CPU queue, and a control-plane
 * freeze does not stop them. Such datagrams (UDP to a RECEIVE address, by
 * destination port) reach their engine pipeline_latency after arrival, and
 * the engine transmits with pipeline latency too.
 */
#include "sim/asic/asic_int.h"

int asic_offload_udp(struct asic *a, uint16_t port, asic_offload_fn fn,
		     void *ctx)
{
	int free_slot = -1;

	for (int i = 0; i < ASIC_MAX_OFFLOAD; i++) {
		if (a->offload[i].fn && a->offload[i].port == port) {
			a->offload[i].fn = fn;
			a->offload[i].ctx = ctx;
			return 0;
		}
		if (!a->offload[i].fn && free_slot < 0)
			free_slot = i;
	}
	if (!fn)
		return 0;
	if (free_slot < 0)
		return -1;
	a->offload[free_slot].port = port;
	a->offload[free_slot].fn = fn;
	a->offload[free_slot].ctx = ctx;
	return 0;
}

bool asic_offload_match(const struct asic *a, const struct net_pkt_info *pi)
{
	if (pi->err != NET_OK || pi->fragment || pi->l4_proto != 17 ||
	    !net_pkt_has(pi, NET_LAYER_UDP))
		return false;
	for (int i = 0; i < ASIC_MAX_OFFLOAD; i++)
		if (a->offload[i].fn && a->offload[i].port == pi->udp.dport)
			return true;
	return false;
}

void asic_offload_deliver(struct asic *a, struct net_frame *f)
{
	struct net_pkt_info pi;

	net_dissect(f->data, f->len, &pi);
	f->reason = 0;
	for (int i = 0; i < ASIC_MAX_OFFLOAD; i++)
		if (a->offload[i].fn && pi.err == NET_OK &&
		    net_pkt_has(&pi, NET_LAYER_UDP) &&
		    a->offload[i].port == pi.udp.dport) {
			a->cnt.offloaded++;
			a->offload[i].fn(a->offload[i].ctx, f->ifindex, f);
			return;
		}
	net_frame_free(a->pool, f);
}

void asic_offload_clear(struct asic *a)
{
	for (int i = 0; i < ASIC_MAX_OFFLOAD; i++)
		a->offload[i].fn = NULL;
}

void asic_inject_hw(struct asic *a, int ifindex, struct net_frame *f)
{
	asic_inject_after(a, ifindex, f, a->prof.pipeline_latency);
}
