/*
 * Hello messages, the neighbor table and DR election (RFC 7761 4.3). The
 * Hello Timer starts at a random value in [0, Triggered_Hello_Delay] and
 * is then re-armed Hello_Period after its own deadline (4.3.1); a new
 * neighbor or a changed Generation ID schedules one extra, triggered
 * Hello after a random delay in [0, Triggered_Hello_Delay] without moving
 * the periodic one, and makes the next Join/Prune or Assert on the link
 * go out after an immediate Hello (so the newcomer knows us before it
 * reads our Join). A Hello carries Holdtime, DR Priority, Generation ID
 * (random per interface start) and LAN Prune Delay (T bit clear). The
 * Neighbor Liveness Timer runs for the advertised Holdtime (0: goodbye,
 * 0xffff: never). DR election (4.3.2): highest priority then highest
 * address, or address only when some neighbor omits the DR Priority
 * option. The LAN Prune Delay values (4.3.3): Effective_Propagation_Delay,
 * Effective_Override_Interval and Suppression_Enabled, used only when
 * every neighbor sends the option. Address List secondary addresses are
 * kept per neighbor; the most recent announcer of an address keeps it
 * (4.3.4).
 */
#include <stdlib.h>
#include <string.h>

#include "protocols/pim/pim_int.h"

static void pim_log_if(struct sim_log_rec *r, const struct pim_if *pif,
		       const char *event)
{
	node_log_begin(r, pif->p->node, pim_mod(pif->p), event);
	sim_log_str(r, "iface", pif->name);
}

static void pim_log_nbr(const struct pim_nbr *n, const char *event,
			const char *why)
{
	char a[NET_ADDR_STRLEN];
	struct sim_log_rec r;

	net_addr_fmt(&n->addr, a, sizeof(a));
	pim_log_if(&r, n->pif, event);
	sim_log_str(&r, "neighbor", a);
	if (why)
		sim_log_str(&r, "why", why);
	sim_log_end(&r);
}

/* ---- Hello transmission (4.3.1) ---- */

static void pim_hello_send(struct pim_if *pif, bool goodbye)
{
	struct pim *p = pif->p;
	struct pim_hello *h = &p->txm->hello;

	memset(p->txm, 0, offsetof(struct pim_msg, hello) + sizeof(*h));
	p->txm->type = PIM_T_HELLO;
	h->has_holdtime = true;
	h->holdtime = goodbye ? 0 : pif->cfg.hello_holdtime;
	h->has_lan_prune_delay = true;
	h->t_bit = false;
	h->propagation_delay = pif->cfg.propagation_delay;
	h->override_interval = pif->cfg.override_interval;
	h->has_dr_priority = true;
	h->dr_priority = pif->cfg.dr_priority;
	h->has_genid = true;
	h->genid = pif->genid;
	/* 4.3.4: the Address List carries our secondary addresses. */
	for (size_t i = 0; i < pif->cfg.nsec && i < PIM_MAX_HELLO_ADDRS; i++)
		h->addrs[h->naddrs++] = pif->cfg.sec[i];
	if (pim_tx_link(p, pif) == 0) {
		pif->hello_tx++;
		pif->hello_sent = !goodbye;
	}
}

void pim_hello_ensure(struct pim_if *pif)
{
	if (!pif->hello_sent)
		pim_hello_send(pif, false);
}

static void pim_hello_fire(struct node_timer *t)
{
	struct pim_if *pif = sim_container_of(t, struct pim_if, hello_t);
	struct pim *p = pif->p;
	sim_time_t now = pim_now(p);

	pim_enter(p);
	pim_hello_send(pif, false);
	/* Re-armed from the deadline (no drift); a freeze that made us
	 * late skips the periods it swallowed. */
	do
		pif->hello_next += pif->cfg.hello_period;
	while (pif->hello_next <= now);
	node_timer_arm(&pif->hello_t, pif->hello_next);
	pim_leave(p);
}

static void pim_trig_fire(struct node_timer *t)
{
	struct pim_if *pif = sim_container_of(t, struct pim_if, trig_t);

	pim_enter(pif->p);
	pim_hello_send(pif, false);
	pim_leave(pif->p);
}

/* 4.3.1: a Hello after rand(0, Triggered_Hello_Delay); an earlier one
 * already scheduled serves. */
static void pim_hello_trigger(struct pim_if *pif)
{
	sim_time_t at =
		pim_now(pif->p) + pim_rand(pif->p, 0, pif->cfg.triggered_hello);

	if (!node_timer_armed(&pif->trig_t) || pif->trig_t.t.deadline > at)
		node_timer_arm(&pif->trig_t, at);
}

/* ---- DR election (4.3.2) ---- */

static bool pim_dr_better(bool addr_only, uint32_t pa, const struct net_addr *a,
			  uint32_t pb, const struct net_addr *b)
{
	if (!addr_only && pa != pb)
		return pa > pb;
	return net_addr_cmp(a, b) > 0;
}

/* Elect; log and return true when the DR changed. */
static bool pim_dr_elect(struct pim_if *pif)
{
	bool addr_only = false;
	uint32_t prio = pif->cfg.dr_priority;
	struct net_addr dr = pif->cfg.addr;
	bool me = true;
	struct sim_log_rec r;
	char a[NET_ADDR_STRLEN];

	for (size_t i = 0; i < pif->nnbrs; i++)
		addr_only |= !pif->nbrs[i]->has_dr_priority;
	for (size_t i = 0; i < pif->nnbrs; i++) {
		const struct pim_nbr *n = pif->nbrs[i];

		if (pim_dr_better(addr_only, n->dr_priority, &n->addr, prio,
				  &dr)) {
			prio = n->dr_priority;
			dr = n->addr;
			me = false;
		}
	}
	if (me == pif->dr_me && net_addr_eq(&dr, &pif->dr))
		return false;
	pif->dr = dr;
	pif->dr_me = me;
	net_addr_fmt(&dr, a, sizeof(a));
	pim_log_if(&r, pif, "dr-change");
	sim_log_str(&r, "dr", a);
	sim_log_bool(&r, "we", me);
	sim_log_end(&r);
	return true;
}

bool pim_i_am_dr(const struct pim_if *pif)
{
	return pif->dr_me || pif->cfg.ignore_dr;
}

/* ---- LAN Prune Delay (4.3.3) ---- */

static bool pim_lan_delay_enabled(const struct pim_if *pif)
{
	for (size_t i = 0; i < pif->nnbrs; i++)
		if (!pif->nbrs[i]->has_lan_delay)
			return false;
	return true;
}

sim_time_t pim_eff_propagation_delay(const struct pim_if *pif)
{
	sim_time_t d = pif->cfg.propagation_delay;

	if (!pim_lan_delay_enabled(pif))
		return SIM_MS(500); /* Propagation_delay_default */
	for (size_t i = 0; i < pif->nnbrs; i++)
		if (pif->nbrs[i]->propagation_delay > d)
			d = pif->nbrs[i]->propagation_delay;
	return d;
}

sim_time_t pim_eff_override_interval(const struct pim_if *pif)
{
	sim_time_t d = pif->cfg.override_interval;

	if (!pim_lan_delay_enabled(pif))
		return SIM_MS(2500); /* t_override_default */
	for (size_t i = 0; i < pif->nnbrs; i++)
		if (pif->nbrs[i]->override_interval > d)
			d = pif->nbrs[i]->override_interval;
	return d;
}

/* Join suppression stays on unless every neighbor sets the T bit. */
bool pim_suppression_enabled(const struct pim_if *pif)
{
	if (!pim_lan_delay_enabled(pif))
		return true;
	for (size_t i = 0; i < pif->nnbrs; i++)
		if (!pif->nbrs[i]->t_bit)
			return true;
	return false;
}

sim_time_t pim_jp_override_interval(const struct pim_if *pif)
{
	return pim_eff_propagation_delay(pif) + pim_eff_override_interval(pif);
}

sim_time_t pim_t_override(struct pim_if *pif)
{
	return pim_rand(pif->p, 0, pim_eff_override_interval(pif));
}

/* ---- the neighbor table ---- */

struct pim_nbr *pim_nbr_find(const struct pim_if *pif, const struct net_addr *a)
{
	if (!pif || !a || a->af == NET_AF_NONE)
		return NULL;
	for (size_t i = 0; i < pif->nnbrs; i++) {
		struct pim_nbr *n = pif->nbrs[i];

		if (net_addr_eq(&n->addr, a))
			return n;
		for (size_t k = 0; k < n->nsec; k++)
			if (net_addr_eq(&n->sec[k], a))
				return n;
	}
	return NULL;
}

static struct pim_nbr *pim_nbr_primary(const struct pim_if *pif,
				       const struct net_addr *a)
{
	for (size_t i = 0; i < pif->nnbrs; i++)
		if (net_addr_eq(&pif->nbrs[i]->addr, a))
			return pif->nbrs[i];
	return NULL;
}

static void pim_nbr_destroy(struct pim_nbr *n)
{
	node_timer_fini(&n->nlt);
	free(n->sec);
	free(n);
}

/* Take n out of the table; its Asserts are forgotten, the DR re-elected.
 * The caller re-evaluates the TIB. */
static void pim_nbr_remove(struct pim_nbr *n, const char *why)
{
	struct pim_if *pif = n->pif;
	struct net_addr addr = n->addr;
	size_t i = 0;

	while (pif->nbrs[i] != n)
		i++;
	memmove(&pif->nbrs[i], &pif->nbrs[i + 1],
		(pif->nnbrs - i - 1) * sizeof(*pif->nbrs));
	pif->nnbrs--;
	pim_log_nbr(n, "nbr-down", why);
	pim_nbr_destroy(n);
	pim_assert_nbr_gone(pif, &addr);
	pim_dr_elect(pif);
}

static void pim_nlt_fire(struct node_timer *t)
{
	struct pim_nbr *n = sim_container_of(t, struct pim_nbr, nlt);
	struct pim *p = n->pif->p;

	pim_enter(p);
	pim_nbr_remove(n, "holdtime");
	pim_update_all(p);
	pim_leave(p);
}

static struct pim_nbr *pim_nbr_add(struct pim_if *pif, const struct net_addr *a)
{
	struct pim_nbr *n;
	size_t pos = 0;

	if (pif->nnbrs == pif->capnbrs) {
		size_t cap = pif->capnbrs ? 2 * pif->capnbrs : 4;
		void *v = realloc(pif->nbrs, cap * sizeof(*pif->nbrs));

		if (!v)
			return NULL;
		pif->nbrs = v;
		pif->capnbrs = cap;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	if (node_timer_init(pif->p->node, &n->nlt, pim_nlt_fire) != 0) {
		free(n);
		return NULL;
	}
	n->pif = pif;
	n->addr = *a;
	n->since = pim_now(pif->p);
	while (pos < pif->nnbrs && net_addr_cmp(&pif->nbrs[pos]->addr, a) < 0)
		pos++;
	memmove(&pif->nbrs[pos + 1], &pif->nbrs[pos],
		(pif->nnbrs - pos) * sizeof(*pif->nbrs));
	pif->nbrs[pos] = n;
	pif->nnbrs++;
	return n;
}

/* Address List (4.3.4): the primary address is not a secondary one, and
 * an address announced by another neighbor moves to this one. True when
 * the list changed. */
static bool pim_nbr_secondaries(struct pim_nbr *n, const struct pim_hello *h)
{
	struct pim_if *pif = n->pif;
	struct net_addr *v = NULL;
	size_t k = 0;

	bool changed;

	if (h->naddrs) {
		v = calloc(h->naddrs, sizeof(*v));
		if (!v)
			return false;
	}
	for (size_t i = 0; i < h->naddrs; i++) {
		const struct net_addr *a = &h->addrs[i];

		if (a->af != pif->p->cfg.af || net_addr_eq(a, &n->addr))
			continue;
		for (size_t j = 0; j < pif->nnbrs; j++) {
			struct pim_nbr *o = pif->nbrs[j];

			for (size_t s = 0; o != n && s < o->nsec; s++)
				if (net_addr_eq(&o->sec[s], a))
					o->sec[s] = o->sec[--o->nsec];
		}
		v[k++] = *a;
	}
	changed = k != n->nsec || (k && memcmp(v, n->sec, k * sizeof(*v)));
	free(n->sec);
	n->sec = v;
	n->nsec = k;
	return changed;
}

void pim_hello_rx(struct pim_if *pif, const struct pim_hello *h,
		  const struct net_addr *src)
{
	struct pim *p = pif->p;
	struct pim_nbr *n = pim_nbr_primary(pif, src);
	sim_time_t hold = SIM_MS(105000); /* absent option: 3.5 * 30 s */
	bool fresh = false, restarted = false, changed;

	if (h->has_holdtime)
		hold = h->holdtime_forever ? SIM_TIME_NEVER : h->holdtime;
	if (hold == 0) {
		if (n) {
			pim_nbr_remove(n, "goodbye");
			pim_update_all(p);
		}
		return;
	}
	if (!n) {
		n = pim_nbr_add(pif, src);
		if (!n)
			return;
		fresh = true;
	} else if (h->has_genid && n->has_genid && h->genid != n->genid) {
		restarted = true;
	}
	n->has_genid = h->has_genid;
	n->genid = h->genid;
	n->has_dr_priority = h->has_dr_priority;
	n->dr_priority = h->dr_priority;
	n->has_lan_delay = h->has_lan_prune_delay;
	n->t_bit = h->t_bit;
	n->propagation_delay = h->propagation_delay;
	n->override_interval = h->override_interval;
	n->holdtime = hold;
	n->expires =
		hold == SIM_TIME_NEVER ? SIM_TIME_NEVER : pim_now(p) + hold;
	pim_arm(&n->nlt, n->expires);
	changed = pim_nbr_secondaries(n, h) || fresh || restarted;
	if (fresh || restarted) {
		pim_log_nbr(n, fresh ? "nbr-up" : "nbr-restart", NULL);
		/* 4.3.1: a triggered Hello, and ours before any J/P. */
		pim_hello_trigger(pif);
		pif->hello_sent = false;
	}
	if (restarted) {
		n->since = pim_now(p);
		pim_assert_nbr_gone(pif, &n->addr);
		pim_up_nbr_genid(n);
	}
	changed |= pim_dr_elect(pif);
	/* A routine Hello changes no macro: spare the TIB walk. */
	if (changed)
		pim_update_all(p);
}

/* ---- interface life cycle ---- */

int pim_nbr_if_start(struct pim_if *pif)
{
	struct pim *p = pif->p;

	if (node_timer_init(p->node, &pif->hello_t, pim_hello_fire) != 0)
		return -1;
	if (node_timer_init(p->node, &pif->trig_t, pim_trig_fire) != 0) {
		node_timer_fini(&pif->hello_t);
		return -1;
	}
	pif->genid = (uint32_t)sim_rng_next(&p->node->rng);
	pif->dr = pif->cfg.addr;
	pif->dr_me = true;
	/* 4.3.1: the first Hello after rand(0, Triggered_Hello_Delay). */
	pif->hello_next = pim_now(p) + pim_rand(p, 0, pif->cfg.triggered_hello);
	node_timer_arm(&pif->hello_t, pif->hello_next);
	return 0;
}

void pim_nbr_if_free(struct pim_if *pif)
{
	for (size_t i = 0; i < pif->nnbrs; i++)
		pim_nbr_destroy(pif->nbrs[i]);
	pif->nnbrs = 0;
	node_timer_fini(&pif->hello_t);
	node_timer_fini(&pif->trig_t);
}

void pim_nbr_if_stop(struct pim_if *pif, bool goodbye)
{
	/* 4.3.1: a Hello with Holdtime 0 before the interface goes. */
	if (goodbye && pif->hello_tx)
		pim_hello_send(pif, true);
	for (size_t i = 0; i < pif->nnbrs; i++) {
		pim_log_nbr(pif->nbrs[i], "nbr-down", "interface-down");
		pim_nbr_destroy(pif->nbrs[i]);
	}
	pif->nnbrs = 0;
	node_timer_fini(&pif->hello_t);
	node_timer_fini(&pif->trig_t);
}

void pim_nbr_if_cfg(struct pim_if *pif, const struct pim_if_cfg *old)
{
	struct pim *p = pif->p;
	sim_time_t now = pim_now(p);

	if (!net_addr_eq(&old->addr, &pif->cfg.addr)) {
		/* 4.3.1: goodbye from the old address, then Hellos from the
		 * new one. */
		if (pif->hello_tx && old->addr.af != NET_AF_NONE) {
			struct pim_if_cfg cur = pif->cfg;

			pif->cfg.addr = old->addr;
			pim_hello_send(pif, true);
			pif->cfg = cur;
		}
		pif->hello_sent = false;
		pim_hello_trigger(pif);
	} else if (old->dr_priority != pif->cfg.dr_priority ||
		   old->hello_holdtime != pif->cfg.hello_holdtime ||
		   old->propagation_delay != pif->cfg.propagation_delay ||
		   old->override_interval != pif->cfg.override_interval) {
		/* Neighbors should learn a changed option soon. */
		pim_hello_trigger(pif);
	}
	if (old->hello_period != pif->cfg.hello_period &&
	    pif->hello_next > now + pif->cfg.hello_period) {
		pif->hello_next = now + pif->cfg.hello_period;
		node_timer_arm(&pif->hello_t, pif->hello_next);
	}
	pim_dr_elect(pif);
}

/* ---- read-out ---- */

void pim_each_nbr(const struct pim *p,
		  void (*fn)(void *arg, const struct pim_nbr_info *n),
		  void *arg)
{
	for (size_t i = 0; i < p->nifs; i++) {
		const struct pim_if *pif = p->ifs[i];

		for (size_t k = 0; k < pif->nnbrs; k++) {
			const struct pim_nbr *n = pif->nbrs[k];
			struct pim_nbr_info in = {
				.ifindex = pif->ifindex,
				.addr = n->addr,
				.dr_priority = n->dr_priority,
				.has_dr_priority = n->has_dr_priority,
				.genid = n->genid,
				.holdtime = n->holdtime,
				.expires = n->expires == SIM_TIME_NEVER
						   ? -1
						   : n->expires,
				.uptime = n->since,
			};

			fn(arg, &in);
		}
	}
}

bool pim_if_info(const struct pim *p, int ifindex, struct pim_if_info *out)
{
	const struct pim_if *pif = pim_if_find(p, ifindex);

	if (!pif)
		return false;
	memset(out, 0, sizeof(*out));
	out->ifindex = ifindex;
	out->name = pif->name;
	out->addr = pif->cfg.addr;
	out->dr = pif->dr;
	out->we_are_dr = pif->dr_me;
	out->nnbrs = pif->nnbrs;
	out->next_hello = pif->hello_next;
	out->dr_priority = pif->cfg.dr_priority;
	out->hello_tx = pif->hello_tx;
	out->hello_rx = pif->hello_rx;
	out->jp_tx = pif->jp_tx;
	out->jp_rx = pif->jp_rx;
	out->assert_tx = pif->assert_tx;
	out->assert_rx = pif->assert_rx;
	out->drops = pif->drops;
	return true;
}
