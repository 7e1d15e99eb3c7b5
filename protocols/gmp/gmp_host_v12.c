/*
 * The per-group host state machine of IGMPv1 (RFC 1112 appendix I), IGMPv2
 * (RFC 2236 section 6) and MLDv1 (RFC 2710 section 5), also run by an
 * IGMPv3 or MLDv2 host in an older compatibility mode (RFC 3376 section
 * 7.2.1, RFC 3810 section 8.2.1). States Non-Member, Delaying Member and
 * Idle Member; events join, leave, query received, report received, timer
 * expired:
 *   join: send a report at once, set the flag, start the timer
 *     (RFC 2236 section 3: the unsolicited report is repeated; here it is
 *     sent [Robustness Variable] times in all, each repeat after a random
 *     delay in [0, [Unsolicited Report Interval]));
 *   leave: stop the timer; IGMPv2/MLDv1 send a Leave/Done to all routers
 *     if the flag is set (we sent the last report; RFC 2236 section 3 and
 *     RFC 2710 section 4 let a host that was not the last say nothing);
 *   query: Idle starts the timer at a random delay below Max Resp Time;
 *     Delaying resets it only when Max Resp Time is below what is left;
 *   report from another host while Delaying: stop the timer, clear the
 *     flag (suppression) and become Idle;
 *   timer expired: send a report, set the flag.
 */
#include "protocols/gmp/gmp_host_int.h"

static bool gh_has_leave(const struct gh_if *gi)
{
	return gi->af == NET_AF_IP6 || gi->compat == 2;
}

static void gh_v12_arm(struct gh_grp *g, sim_time_t due)
{
	node_timer_arm(&g->t, due);
	g->st = GMP_HOST_DELAYING;
}

void gh_v12_change(struct gh_grp *g, bool was_member)
{
	struct gh_if *gi = g->gi;

	if (!was_member && g->member) {
		gh_send_report12(gi, &g->group, "join");
		g->last_reporter = true;
		g->unsol_left = gi->robustness > 1 ? gi->robustness - 1 : 0;
		g->st = GMP_HOST_IDLE;
		if (g->unsol_left)
			gh_v12_arm(g, gh_now(gi) + gh_rand(gi, gh_uri(gi)));
	} else if (was_member && !g->member) {
		node_timer_cancel(&g->t);
		if (gh_has_leave(gi) && g->last_reporter)
			gh_send_leave(gi, &g->group);
		g->st = GMP_HOST_NON_MEMBER;
		g->last_reporter = false;
		g->unsol_left = 0;
	}
}

/* A query for group (unspecified: general) asking for answers within
 * max_resp. */
void gh_v12_query(struct gh_if *gi, const struct net_addr *group,
		  sim_time_t max_resp)
{
	bool general = net_addr_is_unspec(group);
	sim_time_t now = gh_now(gi);
	size_t i;

	for (i = 0; i < gi->ngrps; i++) {
		struct gh_grp *g = gi->grps[i];

		if (!g->member || (!general && !net_addr_eq(&g->group, group)))
			continue;
		if (g->st == GMP_HOST_IDLE ||
		    (g->st == GMP_HOST_DELAYING &&
		     g->t.t.deadline - now > max_resp))
			gh_v12_arm(g, now + gh_rand(gi, max_resp));
	}
}

void gh_v12_heard(struct gh_grp *g)
{
	if (g->st != GMP_HOST_DELAYING)
		return;
	node_timer_cancel(&g->t);
	g->last_reporter = false;
	g->unsol_left = 0;
	g->st = GMP_HOST_IDLE;
	g->gi->suppressed++;
}

void gh_v12_timer(struct gh_grp *g)
{
	struct gh_if *gi = g->gi;

	if (g->st != GMP_HOST_DELAYING)
		return;
	gh_send_report12(gi, &g->group, g->unsol_left ? "repeat" : NULL);
	g->last_reporter = true;
	if (g->unsol_left)
		g->unsol_left--;
	if (g->unsol_left)
		gh_v12_arm(g, gh_now(gi) + gh_rand(gi, gh_uri(gi)));
	else
		g->st = GMP_HOST_IDLE;
}
