/*
 * The announcements of a new VRRP Master (RFC 5798 section 6.4.2, the
 * same in 6.4.1 for an owner and in RFC 3768 6.4.2 for VRRPv2): for every
 * IPv4 address of the virtual router a gratuitous ARP request, broadcast,
 * whose sender hardware address is the virtual router MAC (vrrp.garp);
 * for every IPv6 address an unsolicited Neighbor Advertisement with R and
 * O set and S clear, the address as target and the virtual router MAC as
 * Target Link-Layer Address (vrrp.una). ck_r_vrrp_flow.c names the
 * transitions the capture shows (a Master after another one, or after its
 * own priority 0: never the first Master of a capture, which may
 * have taken over long before); each waits for its announcements from
 * VRRP_ANN_BEFORE before its first advertisement (an implementation may
 * announce first) to one advertisement interval plus VRRP_ANN_AFTER after
 * it, and is judged per address once the capture has passed the window.
 * Recent announcements are kept in a small ring for the ones sent before
 * the advertisement. A capture without any ARP (IPv4) or Neighbor
 * Discovery (IPv6) frame was filtered (e.g. to VRRP alone) and cannot
 * show announcements: its transitions wait for one and are not judged
 * when none comes.
 */
#include <stdio.h>
#include <string.h>

#include "conformance/check/ck_r_vrrp_int.h"

/* Whether a conforms for a Master of (af, vrid); why not in why. */
static bool ann_ok(const struct ckv_ann *a, uint8_t vrid, char *why, size_t len)
{
	struct net_mac vm = ckv_vmac((enum net_af)a->af, vrid);
	char m[NET_MAC_STRLEN], w[NET_MAC_STRLEN];

	net_mac_fmt(&vm, w, sizeof(w));
	net_mac_fmt(&a->mac, m, sizeof(m));
	if (a->af == NET_AF_IP4) {
		if (a->op != NET_ARP_REQUEST)
			snprintf(why, len, "is an ARP reply, not a request");
		else if (!net_mac_eq(&a->mac, &vm))
			snprintf(why, len,
				 "has sender MAC %s, not the "
				 "virtual MAC %s",
				 m, w);
		else if (a->has_dst && !net_mac_is_broadcast(&a->dst))
			snprintf(why, len, "is not broadcast");
		else
			return true;
		return false;
	}
	if (!a->r || a->s || !a->o)
		snprintf(why, len,
			 "has flags R=%d S=%d O=%d, expected R=1 S=0 "
			 "O=1",
			 a->r, a->s, a->o);
	else if (!a->has_mac)
		snprintf(why, len, "has no TLLA option");
	else if (!net_mac_eq(&a->mac, &vm))
		snprintf(why, len, "has TLLA %s, not the virtual MAC %s", m, w);
	else
		return true;
	return false;
}

/* Announcement a may be one of transition p's: note what it says. */
static void ann_match(struct ckv_pend *p, const struct ckv_ann *a)
{
	char why[128];

	if (a->link != p->link || a->af != p->af ||
	    a->t < p->t1 - VRRP_ANN_BEFORE || a->t > p->deadline)
		return;
	for (unsigned i = 0; i < p->naddrs; i++) {
		if (!net_addr_eq(&a->addr, &p->addrs[i]) || p->got[i] == 1)
			continue;
		if (ann_ok(a, p->vrid, why, sizeof(why))) {
			p->got[i] = 1;
		} else if (p->got[i] == 0) {
			p->got[i] = 2;
			p->bad[i] = *a;
		}
	}
}

/* Judge transition p: one verdict per address. all: the window is over
 * (otherwise only the addresses already announced are judged). */
static void pend_judge(struct ck_ctx *c, const struct ckv_pend *p, bool all)
{
	enum ckv_rule_idx r = p->af == NET_AF_IP6 ? CKV_UNA : CKV_GARP;
	const char *kind = p->af == NET_AF_IP6 ? "unsolicited NA"
					       : "gratuitous ARP request";
	char m[NET_ADDR_STRLEN], ad[NET_ADDR_STRLEN], why[128];
	char b1[32], b2[32];

	net_addr_fmt(&p->master, m, sizeof(m));
	for (unsigned i = 0; i < p->naddrs; i++) {
		net_addr_fmt(&p->addrs[i], ad, sizeof(ad));
		if (p->got[i] == 1) {
			ck_pass(c, CKV_RULE(r));
		} else if (!all) {
			ck_count(c,
				 "vrrp announcements at the end of the "
				 "capture (not judged)",
				 1);
		} else if (p->got[i] == 2) {
			ann_ok(&p->bad[i], p->vrid, why, sizeof(why));
			ck_fail(c, CKV_RULE(r), p->no1, p->t1,
				"VRID %u: the %s for %s (frame %llu) after %s "
				"became Master %s",
				p->vrid, kind, ad,
				(unsigned long long)p->bad[i].no, m, why);
		} else {
			ck_fail(c, CKV_RULE(r), p->no1, p->t1,
				"VRID %u: no %s for %s from %s before to %s "
				"after %s became Master",
				p->vrid, kind, ad,
				ckv_dur(b1, 32, VRRP_ANN_BEFORE),
				ckv_dur(b2, 32, p->deadline - p->t1), m);
		}
	}
}

static void pend_min(struct ckv_state *st)
{
	st->pend_min = 0;
	for (size_t i = 0; i < st->npend; i++)
		if (i == 0 || st->pend[i].deadline < st->pend_min)
			st->pend_min = st->pend[i].deadline;
}

/* The capture shows the protocol the announcements of p travel in. */
static bool can_judge(const struct ckv_state *st, const struct ckv_pend *p)
{
	return p->af == NET_AF_IP6 ? st->seen_nd : st->seen_arp;
}

void ckv_ann_tick(struct ck_ctx *c, struct ckv_state *st, sim_time_t now)
{
	size_t k = 0;

	if (st->npend == 0 || now <= st->pend_min)
		return;
	for (size_t i = 0; i < st->npend; i++) {
		if (now > st->pend[i].deadline && can_judge(st, &st->pend[i]))
			pend_judge(c, &st->pend[i], true);
		else if (k != i)
			st->pend[k++] = st->pend[i];
		else
			k++;
	}
	st->npend = k;
	pend_min(st);
}

void ckv_ann_expect(struct ck_ctx *c, struct ckv_state *st,
		    const struct ck_frame *f, const struct vrrp_adv *a)
{
	struct ckv_pend *p;

	if (st->npend == CKV_PENDING_MAX) {
		ck_count(c, "vrrp announcements over the limit (not judged)",
			 1);
		return;
	}
	p = &st->pend[st->npend++];
	memset(p, 0, sizeof(*p));
	p->link = f->link;
	p->af = (uint8_t)f->pi.af;
	p->vrid = a->vrid;
	p->master = f->pi.src;
	p->t1 = f->t;
	p->no1 = f->no;
	p->deadline = f->t + a->adver_int + VRRP_ANN_AFTER;
	p->naddrs = a->naddrs <= VRRP_MAX_ADDRS ? a->naddrs : VRRP_MAX_ADDRS;
	memcpy(p->addrs, a->addrs, sizeof(p->addrs));
	for (size_t i = 0; i < st->ring_n; i++)
		ann_match(p, &st->ring[i]);
	pend_min(st);
}

/* The gratuitous ARP or NA of frame f, if it is one. */
static bool ann_of(const struct ck_frame *f, struct ckv_ann *a)
{
	const struct net_pkt_info *pi = &f->pi;
	static const struct net_ip4 zero4;

	memset(a, 0, sizeof(*a));
	a->link = f->link;
	a->t = f->t;
	a->no = f->no;
	a->has_dst = f->has_eth;
	a->dst = pi->eth.dst;
	if (net_pkt_has(pi, NET_LAYER_ARP)) {
		/* Gratuitous: sender and target protocol address alike. */
		if (memcmp(&pi->arp.spa, &pi->arp.tpa, 4) != 0 ||
		    memcmp(&pi->arp.spa, &zero4, 4) == 0)
			return false;
		a->af = NET_AF_IP4;
		a->addr = net_addr_from_ip4(&pi->arp.spa);
		a->op = pi->arp.op;
		a->has_mac = true;
		a->mac = pi->arp.sha;
		return true;
	}
	if (pi->has_nd && pi->nd.type == NET_ICMP6_ND_NA) {
		a->af = NET_AF_IP6;
		a->addr = net_addr_from_ip6(&pi->nd.target);
		a->r = pi->nd.router;
		a->s = pi->nd.solicited;
		a->o = pi->nd.override;
		a->has_mac = pi->nd.has_tll;
		a->mac = pi->nd.tll;
		return true;
	}
	return false;
}

void ckv_ann_frame(struct ck_ctx *c, struct ckv_state *st,
		   const struct ck_frame *f)
{
	struct ckv_ann a;

	(void)c;
	if (net_pkt_has(&f->pi, NET_LAYER_ARP))
		st->seen_arp = true;
	if (f->pi.has_nd)
		st->seen_nd = true;
	if (!ann_of(f, &a))
		return;
	st->ring[st->ring_next] = a;
	st->ring_next = (st->ring_next + 1) % CKV_RING;
	if (st->ring_n < CKV_RING)
		st->ring_n++;
	for (size_t i = 0; i < st->npend; i++)
		ann_match(&st->pend[i], &a);
}

void ckv_ann_close(struct ck_ctx *c, struct ckv_state *st)
{
	for (size_t i = 0; i < st->npend; i++) {
		const struct ckv_pend *p = &st->pend[i];

		if (st->last_t > p->deadline && !can_judge(st, p))
			ck_count(c,
				 p->af == NET_AF_IP6
					 ? "vrrp announcements without ND in "
					   "the capture (not judged)"
					 : "vrrp announcements without ARP in "
					   "the capture (not judged)",
				 p->naddrs);
		else
			pend_judge(c, p, st->last_t > p->deadline);
	}
	st->npend = 0;
}
