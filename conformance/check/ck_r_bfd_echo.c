/*
 * The BFD Echo function in a capture (RFC 5880 section 6.8.9, RFC 5881
 * section 4). Echo packets (UDP destination port 3785) are opaque: the
 * receiver loops them back without looking inside, so only their
 * addresses and timing are judged. An Echo packet belongs to the single
 * hop session whose Control packets come from its source address on the
 * same link; the copy sent by that system (Ethernet source = the MAC of
 * its Control packets) is its transmission, the copy the peer forwards
 * back is ignored. Rules: the source is not an IPv6 link-local address
 * (RFC 5881 section 4, SHOULD), and Echo packets only while the session
 * is Up, only when the peer advertises a nonzero Required Min Echo RX
 * Interval, and no faster than that interval less 25 % jitter, with a
 * single extra packet allowed per interval (RFC 5880 section 6.8.9).
 */
#include "conformance/check/ck_r_bfd_int.h"

#include <string.h>

/* The Control session sending from f's source address on f's link. */
static struct ckb_dir *ckb_echo_sender(struct ckb_st *st,
				       const struct ck_frame *f)
{
	struct ckb_key k;
	uint32_t i;

	memset(&k, 0, sizeof(k));
	k.link = f->link;
	k.kind = CKB_K_SRCIDX;
	k.src = f->pi.src;
	if (!ckb_map_get(&st->srcidx, &k, &i) || i >= st->ndirs)
		return NULL;
	return &st->dirs[i];
}

/* Section 6.8.9: the spacing of a's Echo packets against the peer's. */
static void ckb_echo_interval(struct ck_ctx *c, struct ckb_dir *a,
			      const struct ckb_dir *b, const struct ck_frame *f)
{
	sim_time_t ival = (sim_time_t)b->last.required_min_echo_rx_us * 1000;
	sim_time_t floor = ival * 75 / 100 - CKB_ECHO_TOL_NS;
	sim_time_t gap = f->t - a->echo_sched_t;

	if (!a->echo_any) {
		a->echo_any = true;
		a->echo_sched_t = f->t;
		return;
	}
	/* No interval: bfd.echo-allowed reports it. Time went back: skip. */
	if (ival <= 0 || gap < 0)
		return;
	if (gap >= floor) { /* a scheduled packet */
		a->echo_sched_t = f->t;
		a->echo_extra = false;
		ck_pass(c, CKB_R(ECHO_INTERVAL));
		return;
	}
	if (!a->echo_extra) { /* the single extra packet of this interval */
		a->echo_extra = true;
		ck_pass(c, CKB_R(ECHO_INTERVAL));
		return;
	}
	ck_fail(c, CKB_R(ECHO_INTERVAL), f->no, f->t,
		"%s: Echo %s after the previous scheduled one, below 75%% of "
		"%s, and not the single extra packet of the interval",
		ckb_addr(&a->key.src).s, ckb_time(gap).s, ckb_time(ival).s);
}

void ckb_echo(struct ck_ctx *c, struct ckb_st *st, const struct ck_frame *f)
{
	const struct net_pkt_info *pi = &f->pi;
	struct ckb_dir *a, *b;
	struct ckb_key pk;

	if (pi->af == NET_AF_IP6) {
		struct net_ip6 s = net_addr_ip6(&pi->src);

		ck_expect(c, CKB_R(ECHO_SRC), !net_ip6_is_link_local(&s), f->no,
			  f->t, "Echo from the link-local address %s",
			  ckb_addr(&pi->src).s);
	}
	a = ckb_echo_sender(st, f);
	if (!a) {
		ck_count(c, "bfd echo without a control session", 1);
		return;
	}
	if (!f->has_l2src || !a->has_mac) {
		ck_count(c, "bfd echo of unknown sender (no MAC)", 1);
		return;
	}
	if (!net_mac_eq(&f->l2src, &a->mac)) {
		ck_count(c, "bfd echo looped back", 1);
		return;
	}
	ck_expect(c, CKB_R(ECHO_UP), a->last.state == BFD_STATE_UP, f->no, f->t,
		  "Echo from %s while its session is %s", ckb_addr(&pi->src).s,
		  ckb_state(a->last.state));
	pk = a->key;
	pk.src = a->key.dst;
	pk.dst = a->key.src;
	if (pk.kind == CKB_K_MICRO)
		pk.disc = a->last.your_disc;
	b = ckb_dir_find(st, &pk);
	if (!b || b->npkts == 0)
		return;
	ck_expect(c, CKB_R(ECHO_ALLOWED), b->last.required_min_echo_rx_us != 0,
		  f->no, f->t,
		  "Echo from %s but %s advertises Required Min Echo RX 0",
		  ckb_addr(&pi->src).s, ckb_addr(&b->key.src).s);
	ckb_echo_interval(c, a, b, f);
}
