/*
 * The group membership host module (gmp_host.h): attached to a host, it
 * listens to the host stack (node_host listeners) and keeps, per interface
 * and family running a version (node_host_gmp_version), the groups it
 * reports. Interface state changes go to the v1/v2 machine
 * (gmp_host_v12.c) or the v3 one (gmp_host_v3.c) by the compatibility mode
 * in use. Received queries are checked (an MLD query must come from a
 * link-local address, RFC 3810 section 5.1.14; the group must be zero or
 * multicast), teach the v3 Robustness Variable, Query Interval and Query
 * Response Interval (RFC 3376 sections 4.1.6, 4.1.7, 8.1-8.3; RFC 3810
 * sections 5.1.8, 5.1.9, 9.1-9.3), and start the older version querier
 * present timers: an IGMPv3 host hearing an IGMPv1 or IGMPv2 query, or an
 * MLDv2 host hearing an MLDv1 one, acts in that version for the Older
 * Version Querier Present Timeout, Robustness Variable times Query
 * Interval plus Query Response Interval (RFC 3376 sections 7.2.1 and 8.12,
 * RFC 3810 sections 8.2.1 and 9.12); an IGMPv2 host hearing an IGMPv1
 * query acts as IGMPv1 for 400 s (RFC 2236 sections 4 and 8.11). Changing
 * mode cancels every pending response and retransmission (RFC 3376
 * section 7.2.1). Reports of other hosts suppress ours in v1/v2 modes
 * only. Groups of link-local scope (224.0.0.0/24, IPv6 scope 0 to 2) are
 * never reported: RFC 2236 section 6 and RFC 3376 section 5 exempt the
 * all-systems group, RFC 2710 section 5 and RFC 3810 section 6 all-nodes
 * and scopes 0 and 1; since routers forward no link-local scope traffic
 * and our routers refuse such groups, the whole scope is left out. Carrier
 * loss and a crash drop the state; carrier back, restart and a version
 * change report every group again as if newly joined.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/gmp/gmp_host_int.h"

#define GH_ICMP6_NH 58

static const char *const gh_drop_names[GMP_HOST_DROP__COUNT] = {
	[GMP_HOST_DROP_MALFORMED] = "malformed",
	[GMP_HOST_DROP_SRC] = "source",
	[GMP_HOST_DROP_GROUP] = "group",
};

const char *gmp_host_drop_name(enum gmp_host_drop d)
{
	return (unsigned)d < GMP_HOST_DROP__COUNT ? gh_drop_names[d]
						  : "unknown";
}

sim_time_t gh_rand(struct gh_if *gi, sim_time_t max)
{
	if (max <= 0)
		return 0;
	return (sim_time_t)sim_rng_below(&gi->gh->node->rng, (uint64_t)max);
}

sim_time_t gh_uri(const struct gh_if *gi)
{
	return gh_is_v3(gi) ? GMP_HOST_URI_V3 : GMP_HOST_URI_V12;
}

void gh_log_begin(struct sim_log_rec *r, const struct gh_if *gi,
		  const char *event)
{
	node_log_begin(r, gi->gh->node, gi->af == NET_AF_IP4 ? "igmp" : "mld",
		       event);
	sim_log_str(r, "iface", gi->ifp->name);
}

/* Link-local scope groups are never reported (see the top). */
static bool gh_reported(const struct net_addr *g)
{
	if (g->af == NET_AF_IP4)
		return !(g->b[0] == 224 && g->b[1] == 0 && g->b[2] == 0);
	return g->af == NET_AF_IP6 && (g->b[1] & 0x0f) > 2;
}

/* ---- groups ---- */

static void gh_grp_timer(struct node_timer *nt)
{
	struct gh_grp *g = sim_container_of(nt, struct gh_grp, t);

	if (gh_is_v3(g->gi))
		gh_v3_group_timer(g);
	else
		gh_v12_timer(g);
}

static void gh_rtx_timer(struct node_timer *nt)
{
	gh_v3_rtx_timer(sim_container_of(nt, struct gh_grp, rtx_t));
}

/* Index of group in gi->grps, or -1 with *pos where it would go. */
static long gh_grp_find(const struct gh_if *gi, const struct net_addr *group,
			size_t *pos)
{
	size_t lo = 0, hi = gi->ngrps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = net_addr_cmp(&gi->grps[mid]->group, group);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	return -1;
}

static struct gh_grp *gh_grp_new(struct gh_if *gi, const struct net_addr *group,
				 size_t pos)
{
	struct gh_grp *g;

	if (gi->ngrps == gi->capgrps) {
		size_t cap = gi->capgrps ? 2 * gi->capgrps : 8;
		struct gh_grp **v = realloc(gi->grps, cap * sizeof(*v));

		if (!v)
			return NULL;
		gi->grps = v;
		gi->capgrps = cap;
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	if (node_timer_init(gi->gh->node, &g->t, gh_grp_timer) ||
	    node_timer_init(gi->gh->node, &g->rtx_t, gh_rtx_timer)) {
		node_timer_fini(&g->t);
		free(g);
		return NULL;
	}
	g->gi = gi;
	g->group = *group;
	memmove(&gi->grps[pos + 1], &gi->grps[pos],
		(gi->ngrps - pos) * sizeof(*gi->grps));
	gi->grps[pos] = g;
	gi->ngrps++;
	return g;
}

static void gh_grp_free(struct gh_grp *g)
{
	node_timer_fini(&g->t);
	node_timer_fini(&g->rtx_t);
	free(g->srcs);
	free(g->rtx);
	free(g->qsrcs);
	free(g);
}

static void gh_grp_remove(struct gh_grp *g)
{
	struct gh_if *gi = g->gi;
	size_t pos, i = (size_t)gh_grp_find(gi, &g->group, &pos);

	memmove(&gi->grps[i], &gi->grps[i + 1],
		(gi->ngrps - i - 1) * sizeof(*gi->grps));
	gi->ngrps--;
	gh_grp_free(g);
}

bool gh_grp_gc(struct gh_grp *g)
{
	if (g->member || node_timer_armed(&g->t) ||
	    node_timer_armed(&g->rtx_t) || g->fmc_left || g->nrtx ||
	    g->q_pending)
		return false;
	gh_grp_remove(g);
	return true;
}

/* Forget every pending answer and retransmission (RFC 3376 7.2.1). */
static void gh_grp_quiet(struct gh_grp *g)
{
	node_timer_cancel(&g->t);
	node_timer_cancel(&g->rtx_t);
	g->st = g->member ? GMP_HOST_IDLE : GMP_HOST_NON_MEMBER;
	g->last_reporter = false;
	g->unsol_left = 0;
	g->fmc_left = 0;
	g->nrtx = 0;
	g->q_pending = false;
	free(g->qsrcs);
	g->qsrcs = NULL;
	g->nqsrc = 0;
}

/* The interface state of group changed (or is reported afresh). */
static void gh_change(struct gh_if *gi, const struct net_addr *group)
{
	enum node_host_filter mode = NODE_HOST_INCLUDE, old_mode;
	const struct net_addr *srcs = NULL;
	struct net_addr *copy = NULL, *old_srcs;
	size_t n = 0, pos = 0, old_n;
	struct gh_grp *g;
	bool member, was;
	long i;

	member = node_host_filter(gi->gh->node, gi->ifp, group, &mode, &srcs,
				  &n);
	i = gh_grp_find(gi, group, &pos);
	if (i < 0 && !member)
		return;
	g = i >= 0 ? gi->grps[i] : gh_grp_new(gi, group, pos);
	if (!g || (n && !(copy = malloc(n * sizeof(*copy)))))
		return; /* out of memory: reported at the next change */
	if (n)
		memcpy(copy, srcs, n * sizeof(*copy));
	was = g->member;
	old_mode = g->mode;
	old_srcs = g->srcs;
	old_n = g->nsrc;
	g->member = member;
	g->mode = member ? mode : NODE_HOST_INCLUDE;
	g->srcs = copy;
	g->nsrc = n;
	if (gh_is_v3(gi))
		gh_v3_change(g, was, old_mode, old_srcs, old_n);
	else
		gh_v12_change(g, was);
	free(old_srcs);
	gh_grp_gc(g);
}

/* ---- interfaces ---- */

static uint8_t gh_compat_of(const struct gh_if *gi)
{
	if (gi->af == NET_AF_IP4) {
		if (node_timer_armed(&gi->older[0]))
			return 1;
		if (gi->version == 3 && node_timer_armed(&gi->older[1]))
			return 2;
	} else if (gi->version == 2 && node_timer_armed(&gi->older[0])) {
		return 1;
	}
	return gi->version;
}

static void gh_set_compat(struct gh_if *gi, const char *why)
{
	uint8_t to = gh_compat_of(gi);
	struct sim_log_rec r;
	size_t i;

	if (to == gi->compat)
		return;
	gh_log_begin(&r, gi, "compat");
	sim_log_uint(&r, "from", gi->compat);
	sim_log_uint(&r, "to", to);
	sim_log_str(&r, "why", why);
	sim_log_end(&r);
	gi->compat = to;
	node_timer_cancel(&gi->gen_t);
	for (i = gi->ngrps; i-- > 0;) {
		gh_grp_quiet(gi->grps[i]);
		gh_grp_gc(gi->grps[i]);
	}
}

static void gh_older_timer(struct gh_if *gi)
{
	gh_set_compat(gi, "timeout");
}

static void gh_older0_timer(struct node_timer *nt)
{
	gh_older_timer(sim_container_of(nt, struct gh_if, older[0]));
}

static void gh_older1_timer(struct node_timer *nt)
{
	gh_older_timer(sim_container_of(nt, struct gh_if, older[1]));
}

static void gh_gen_timer(struct node_timer *nt)
{
	gh_v3_general_timer(sim_container_of(nt, struct gh_if, gen_t));
}

/* Back to the state of a host that has reported nothing. */
static void gh_if_reset(struct gh_if *gi)
{
	node_timer_cancel(&gi->gen_t);
	node_timer_cancel(&gi->older[0]);
	node_timer_cancel(&gi->older[1]);
	while (gi->ngrps)
		gh_grp_free(gi->grps[--gi->ngrps]);
	gi->robustness = GMP_HOST_ROBUSTNESS;
	gi->qi = GMP_HOST_QI;
	gi->qri = GMP_HOST_QRI;
	gi->compat = gi->version;
}

static void gh_if_free(struct gh_if *gi)
{
	gh_if_reset(gi);
	node_timer_fini(&gi->gen_t);
	node_timer_fini(&gi->older[0]);
	node_timer_fini(&gi->older[1]);
	free(gi->grps);
	free(gi);
}

static struct gh_if *gh_if_find(const struct gmp_host *gh,
				const struct node_iface *ifp, enum net_af af)
{
	size_t i;

	for (i = 0; i < gh->nifs; i++)
		if (gh->ifs[i]->ifp == ifp && gh->ifs[i]->af == af)
			return gh->ifs[i];
	return NULL;
}

/* The record of (ifp, af), made when the interface runs a version. */
static struct gh_if *gh_if_get(struct gmp_host *gh, struct node_iface *ifp,
			       enum net_af af)
{
	uint8_t v = node_host_gmp_version(gh->node, ifp, af);
	struct gh_if *gi = gh_if_find(gh, ifp, af);

	if (gi || !v)
		return gi;
	if (gh->nifs == gh->capifs) {
		size_t cap = gh->capifs ? 2 * gh->capifs : 4;
		struct gh_if **w = realloc(gh->ifs, cap * sizeof(*w));

		if (!w)
			return NULL;
		gh->ifs = w;
		gh->capifs = cap;
	}
	gi = calloc(1, sizeof(*gi));
	if (!gi)
		return NULL;
	if (node_timer_init(gh->node, &gi->gen_t, gh_gen_timer) ||
	    node_timer_init(gh->node, &gi->older[0], gh_older0_timer) ||
	    node_timer_init(gh->node, &gi->older[1], gh_older1_timer)) {
		node_timer_fini(&gi->gen_t);
		node_timer_fini(&gi->older[0]);
		free(gi);
		return NULL;
	}
	gi->gh = gh;
	gi->ifp = ifp;
	gi->af = af;
	gi->version = v;
	gh_if_reset(gi);
	gh->ifs[gh->nifs++] = gi;
	return gi;
}

static void gh_announce_one(void *arg, const struct net_addr *group)
{
	struct gh_if *gi = arg;

	if (group->af == gi->af && gh_reported(group))
		gh_change(gi, group);
}

/* Report every group as newly joined. */
static void gh_announce(struct gh_if *gi)
{
	if (gi->version && gi->ifp->oper_up)
		node_host_each_group(gi->gh->node, gi->ifp, gh_announce_one,
				     gi);
}

/* ---- receive ---- */

static void gh_rx_query(struct gh_if *gi, const struct gmp_msg *m,
			const struct net_addr *src)
{
	static const struct net_addr any4 = { .af = NET_AF_IP4 };
	uint8_t newest = gi->af == NET_AF_IP4 ? 3 : 2;
	struct net_ip6 s6 = net_addr_ip6(src);
	sim_time_t ovqpt;

	if (gi->af == NET_AF_IP6 && !net_ip6_is_link_local(&s6)) {
		gi->drops[GMP_HOST_DROP_SRC]++;
		return;
	}
	if (!net_addr_is_unspec(&m->group) &&
	    !net_addr_is_multicast(&m->group)) {
		gi->drops[GMP_HOST_DROP_GROUP]++;
		return;
	}
	gi->rx_query[m->version & 3]++;
	if (m->version == newest && gi->version == newest) {
		if (m->qrv)
			gi->robustness = m->qrv;
		if (m->qqi > 0)
			gi->qi = m->qqi;
		if (net_addr_is_unspec(&m->group))
			gi->qri = m->max_resp;
	}
	ovqpt = gi->robustness * gi->qi + gi->qri;
	if (gi->af == NET_AF_IP4 && m->version == 1 && gi->version >= 2)
		node_timer_arm_in(&gi->older[0],
				  gi->version == 2 ? GMP_HOST_V1_ROUTER_TIMEOUT
						   : ovqpt);
	else if (gi->af == NET_AF_IP4 && m->version == 2 && gi->version == 3)
		node_timer_arm_in(&gi->older[1], ovqpt);
	else if (gi->af == NET_AF_IP6 && m->version == 1 && gi->version == 2)
		node_timer_arm_in(&gi->older[0], ovqpt);
	gh_set_compat(gi, m->version == 1 ? "v1-query" : "v2-query");
	if (gh_is_v3(gi))
		gh_v3_query(gi, m);
	else if (gi->af == NET_AF_IP4 && gi->compat == 1)
		/* RFC 1112 appendix I: the group field is ignored, D = 10 s */
		gh_v12_query(gi, &any4, GMP_HOST_V1_MAX_RESP);
	else
		gh_v12_query(gi, &m->group, m->max_resp);
}

static bool gh_is_gmp(const struct net_pkt_info *pi)
{
	if (pi->af == NET_AF_IP4)
		return pi->l4_proto == GMP_IGMP_PROTO;
	if (pi->af != NET_AF_IP6 || pi->l4_proto != GH_ICMP6_NH ||
	    !net_pkt_has(pi, NET_LAYER_ICMP6))
		return false;
	switch (pi->icmp6.type) {
	case GMP_MLD_QUERY:
	case GMP_MLD_V1_REPORT:
	case GMP_MLD_V1_DONE:
	case GMP_MLD_V2_REPORT:
		return true;
	default:
		return false;
	}
}

static bool gh_ip_rx(void *ctx, struct node *h, struct node_iface *ifp,
		     const struct net_pkt_info *pi, const struct net_frame *f)
{
	struct gmp_host *gh = ctx;
	struct gh_if *gi;
	struct gmp_msg *m;
	size_t pos;
	long i;

	(void)h;
	(void)f;
	if (!gh_is_gmp(pi))
		return false;
	gi = gh_if_find(gh, ifp, (enum net_af)pi->af);
	if (!gi || !gi->version)
		return false;
	m = malloc(sizeof(*m)); /* held only while the message is handled */
	if (!m)
		return true;
	if (gmp_pkt_decode((enum net_af)pi->af, pi->l4, pi->l4_len, &pi->src,
			   &pi->dst, m) != GMP_PKT_OK) {
		gi->drops[GMP_HOST_DROP_MALFORMED]++;
	} else if (m->type == GMP_T_QUERY) {
		gh_rx_query(gi, m, &pi->src);
	} else if (m->type == GMP_T_REPORT_V1 || m->type == GMP_T_REPORT_V2) {
		/* RFC 2236 section 6, RFC 2710 section 5: suppression. */
		gi->rx_report++;
		i = gh_grp_find(gi, &m->group, &pos);
		if (i >= 0 && !gh_is_v3(gi))
			gh_v12_heard(gi->grps[i]);
	}
	free(m);
	return true;
}

/* ---- host listeners ---- */

static void gh_filter(void *ctx, struct node *h, struct node_iface *ifp,
		      const struct net_addr *group)
{
	struct gh_if *gi;

	(void)h;
	if (!gh_reported(group))
		return;
	gi = gh_if_get(ctx, ifp, (enum net_af)group->af);
	if (gi && gi->version)
		gh_change(gi, group);
}

static void gh_version(void *ctx, struct node *h, struct node_iface *ifp,
		       enum net_af af, uint8_t version)
{
	struct gh_if *gi = gh_if_find(ctx, ifp, af);

	(void)h;
	if (!gi) { /* made now with this version */
		gi = gh_if_get(ctx, ifp, af);
		if (gi)
			gh_announce(gi);
		return;
	}
	if (gi->version == version)
		return;
	gi->version = version;
	gh_if_reset(gi);
	gh_announce(gi);
}

static void gh_iface(void *ctx, struct node *h, struct node_iface *ifp, bool up)
{
	struct gmp_host *gh = ctx;
	size_t i;

	(void)h;
	for (i = 0; i < gh->nifs; i++) {
		struct gh_if *gi = gh->ifs[i];

		if (gi->ifp != ifp)
			continue;
		gh_if_reset(gi);
		if (up)
			gh_announce(gi);
	}
}

static void gh_crash(void *ctx, struct node *h)
{
	struct gmp_host *gh = ctx;
	size_t i;

	(void)h;
	for (i = 0; i < gh->nifs; i++)
		gh_if_reset(gh->ifs[i]);
}

static void gh_detach(void *state)
{
	struct gmp_host *gh = state;
	size_t i;

	if (!gh)
		return;
	node_host_del_listener(gh->node, gh);
	for (i = 0; i < gh->nifs; i++)
		gh_if_free(gh->ifs[i]);
	free(gh->ifs);
	free(gh);
}

static int gh_attach(struct node *n, void **state)
{
	static const enum net_af afs[] = { NET_AF_IP4, NET_AF_IP6 };
	struct gmp_host *gh = calloc(1, sizeof(*gh));
	struct node_host_listener l = {
		.iface = gh_iface,
		.ip_rx = gh_ip_rx,
		.filter = gh_filter,
		.gmp_version = gh_version,
		.crash = gh_crash,
		.ctx = gh,
	};
	int i, k;

	*state = NULL;
	if (!gh)
		return -1;
	gh->node = n;
	if (node_host_add_listener(n, &l) != 0) {
		free(gh);
		return -1;
	}
	for (i = 0; i < n->nifaces; i++)
		for (k = 0; k < 2; k++) {
			struct gh_if *gi = gh_if_get(gh, n->ifaces[i], afs[k]);

			if (gi)
				gh_announce(gi);
		}
	*state = gh;
	return 0;
}

const struct node_module gmp_host_module = {
	.name = "gmp-host",
	.kind = NODE_HOST,
	.attach = gh_attach,
	.detach = gh_detach,
};

/* ---- views ---- */

static sim_time_t gh_due(const struct node_timer *nt)
{
	return node_timer_armed(nt) ? nt->t.deadline : -1;
}

int gmp_host_if_info(const struct gmp_host *gh, const struct node_iface *ifp,
		     enum net_af af, struct gmp_host_if_info *out)
{
	const struct gh_if *gi = gh ? gh_if_find(gh, ifp, af) : NULL;

	if (!gi || !out)
		return -ENOENT;
	memset(out, 0, sizeof(*out));
	out->version = gi->version;
	out->compat = gi->compat;
	out->robustness = gi->robustness;
	out->qi = gi->qi;
	out->qri = gi->qri;
	out->older_until[0] = gh_due(&gi->older[0]);
	out->older_until[1] = gh_due(&gi->older[1]);
	out->general_due = gh_due(&gi->gen_t);
	out->ngroups = gi->ngrps;
	memcpy(out->rx_query, gi->rx_query, sizeof(out->rx_query));
	out->rx_report = gi->rx_report;
	out->suppressed = gi->suppressed;
	memcpy(out->tx_report, gi->tx_report, sizeof(out->tx_report));
	out->tx_leave = gi->tx_leave;
	memcpy(out->drops, gi->drops, sizeof(out->drops));
	return 0;
}

bool gmp_host_group(const struct gmp_host *gh, const struct node_iface *ifp,
		    const struct net_addr *group,
		    struct gmp_host_group_info *out)
{
	const struct gh_if *gi =
		gh && group ? gh_if_find(gh, ifp, (enum net_af)group->af)
			    : NULL;
	const struct gh_grp *g;
	size_t pos;
	long i;

	if (!gi || (i = gh_grp_find(gi, group, &pos)) < 0)
		return false;
	g = gi->grps[i];
	if (out)
		*out = (struct gmp_host_group_info){
			.member = g->member,
			.state = g->st,
			.last_reporter = g->last_reporter,
			.report_due = gh_due(&g->t),
			.fmc_left = g->fmc_left,
			.nrtx = g->nrtx,
			.retransmit_due = gh_due(&g->rtx_t),
			.nqsrc = g->nqsrc,
		};
	return true;
}
