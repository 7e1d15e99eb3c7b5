/*
 * VRP commands of VRRP (interface view unless noted), both families:
 *   {vrrp|vrrp6} vrid V [virtual-ip A [link-local]]
 *   {vrrp|vrrp6} vrid V priority P
 *   {vrrp|vrrp6} vrid V preempt-mode [timer delay S]   (undo: no preemption)
 *   {vrrp|vrrp6} vrid V timer advertise T [milli-second]
 *   vrrp vrid V authentication-mode simple KEY          (VRRPv2)
 *   {admin-vrrp|admin-vrrp6} vrid V [ignore-if-down]
 *   {vrrp|vrrp6} vrid S track {admin-vrrp|admin-vrrp6} interface IF vrid N
 *       [unflowdown]
 *   {vrrp|vrrp6} vrid V track interface IF [reduced P]
 *   {vrrp|vrrp6} vrid V track monitor-group NAME failure-ratio R
 *       [link | reduced P]
 *   {vrrp|vrrp6} vrid V track bfd-session {ID | session-name NAME}
 *       [increased V | reduced V | peer | link]
 *   undo {vrrp|vrrp6} vrid V                            (deletes the group)
 *   vrrp version {2|3}                                  (system view)
 *   display vrrp [brief], display vrrp6 [brief]
 *   display {vrrp|vrrp6} statistics [interface IF]
 */
#include "protocols/vrrp/vrrp_router_int.h"

#include <stdio.h>
#include <string.h>

static struct vrrp_inst *ctx_inst(struct cli_ctx *ctx)
{
	return vrrp_inst(cli_ctx_owner(ctx));
}

/* The group of the line (created when missing unless undo; *created
 * says so, for done()). */
static struct vrrp_rgroup *
ctx_group_new(struct cli_ctx *ctx, const struct cli_args *a, bool *created)
{
	struct vrrp_inst *v = ctx_inst(ctx);
	const char *ifname = cli_ctx_key(ctx, "interface");
	struct node_iface *ifp =
		v && ifname ? node_iface_find(router_node(v->r), ifname) : NULL;
	enum net_af af =
		cli_arg_has(a, "vrrp6") || cli_arg_has(a, "admin-vrrp6")
			? NET_AF_IP6
			: NET_AF_IP4;
	uint8_t vrid = (uint8_t)cli_arg_int(a, "v");
	struct vrrp_rgroup *rg;

	if (!ifp) {
		cli_error(ctx, "The interface does not exist.");
		return NULL;
	}
	rg = vrrp_rgroup_find(v, ifp->ifindex, af, vrid);
	if (!rg && !cli_args_undo(a)) {
		rg = vrrp_rgroup_get(v, ifp->ifindex, af, vrid);
		*created = rg != NULL;
	}
	if (!rg)
		cli_error(ctx, cli_args_undo(a) ? "The VRRP group does not "
						  "exist."
						: "Out of memory.");
	return rg;
}

static struct vrrp_rgroup *ctx_group(struct cli_ctx *ctx,
				     const struct cli_args *a)
{
	bool created = false;

	return ctx_group_new(ctx, a, &created);
}

/*
 * A refused line leaves nothing behind: a group the line created goes
 * again (the running configuration has no line for it).
 */
static int done(struct vrrp_rgroup *rg, bool created, int rc)
{
	if (rc != 0 && created)
		vrrp_rgroup_del(rg->v, rg);
	return rc;
}

/* Apply a configuration change to the running group; an error names what
 * is missing and leaves the group as it was (the caller undoes its change
 * when this fails). */
static int apply(struct cli_ctx *ctx, struct vrrp_rgroup *rg)
{
	const char *why = vrrp_rgroup_unusable(rg);

	if (why)
		return cli_error(ctx, "%s", why);
	return vrrp_rgroup_apply(rg) ? cli_error(ctx, "Out of memory.") : 0;
}

static int do_vip(struct cli_ctx *ctx, const struct cli_args *a)
{
	bool created = false;
	struct vrrp_rgroup *rg = ctx_group_new(ctx, a, &created);
	struct net_addr ad = cli_arg_addr(a, "a");
	struct net_ip6 a6 = net_addr_ip6(&ad);

	if (!rg)
		return -1;
	if (ad.af != rg->af)
		return done(rg, created,
			    cli_error(ctx, "The virtual address must be %s.",
				      rg->af == NET_AF_IP6 ? "IPv6" : "IPv4"));
	if (ad.af == NET_AF_IP6 &&
	    cli_arg_has(a, "link-local") != net_ip6_is_link_local(&a6))
		return done(rg, created,
			    cli_error(ctx, "Link-local virtual addresses are "
					   "FE80::/10 and need link-local."));
	struct net_addr list[VRRP_MAX_ADDRS];
	size_t n = rg->cfg.nvaddrs;

	memcpy(list, rg->cfg.vaddrs, n * sizeof(list[0]));
	for (size_t i = 0; i < n; i++)
		if (net_addr_eq(&list[i], &ad)) {
			if (!cli_args_undo(a))
				return 0;
			list[i] = list[--n];
			return vrrp_rgroup_set_vaddrs(rg, list, n)
				       ? cli_error(ctx, "Out of memory.")
				       : 0;
		}
	if (cli_args_undo(a))
		return cli_error(ctx, "The virtual address does not exist.");
	if (n >= VRRP_MAX_ADDRS)
		return cli_error(ctx, "Too many virtual addresses.");
	list[n++] = ad;
	if (rg->g) /* running: change in place */
		return vrrp_rgroup_set_vaddrs(rg, list, n)
			       ? cli_error(ctx, "Invalid virtual address.")
			       : 0;
	rg->cfg.vaddrs[rg->cfg.nvaddrs++] = ad;
	if (apply(ctx, rg) == 0)
		return 0;
	rg->cfg.nvaddrs--;
	return done(rg, created, -1);
}

/* "vrrp vrid V" alone creates the group (the seed's form; addresses and
 * the rest may follow). */
static int do_create(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_rgroup *rg = ctx_group(ctx, a);

	return rg ? apply(ctx, rg) : -1;
}

static int do_delete(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_rgroup *rg = ctx_group(ctx, a);

	if (!rg)
		return -1;
	/* Its "admin-vrrp vrid V" line would stay in the running
	 * configuration (the undo removes "vrrp vrid V ..." lines only). */
	if (rg->admin)
		return cli_error(ctx,
				 "The group is an mVRRP: undo admin-vrrp%s "
				 "vrid %u first.",
				 rg->af == NET_AF_IP6 ? "6" : "", rg->vrid);
	vrrp_rgroup_del(rg->v, rg);
	return 0;
}

static int do_priority(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_rgroup *rg = ctx_group(ctx, a);

	if (!rg)
		return -1;
	/* Remembered even while we own an address (priority 255), for when
	 * we stop owning it. */
	rg->conf_prio = cli_args_undo(a) ? VRRP_DEFAULT_PRIO
					 : (uint8_t)cli_arg_int(a, "p");
	if (rg->cfg.priority != VRRP_PRIO_OWNER)
		rg->cfg.priority = rg->conf_prio;
	vrrp_track_recompute(rg);
	return 0;
}

/* Accept_Mode (RFC 5798 6.1): a Master also takes packets addressed to
 * the virtual addresses. failsim extension; default off. */
static int do_accept(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_rgroup *rg = ctx_group(ctx, a);

	if (!rg)
		return -1;
	rg->cfg.accept = !cli_args_undo(a);
	if (rg->owned) {
		struct net_mac m = { { 0x00, 0x00, 0x5e, 0x00,
				       rg->af == NET_AF_IP6 ? 0x02 : 0x01,
				       rg->vrid } };
		struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);

		for (size_t i = 0; i < rg->cfg.nvaddrs; i++)
			router_vaddr_add(rg->v->r, ifp, &rg->cfg.vaddrs[i], &m,
					 vrrp_rgroup_accepts(rg));
	}
	return 0;
}

static int do_preempt(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_rgroup *rg = ctx_group(ctx, a);

	if (!rg)
		return -1;
	rg->cfg.preempt = !cli_args_undo(a);
	rg->cfg.preempt_delay = SIM_S(cli_arg_int_or(a, "d", 0));
	if (rg->g)
		vrrp_group_set_preempt(rg->g, rg->cfg.preempt,
				       rg->cfg.preempt_delay);
	return 0;
}

/*
 * Advertisement_Interval as each version carries it: VRRPv2 whole seconds,
 * 1-255 (RFC 3768 5.3.7), VRRPv3 centiseconds, 1-4095 (RFC 5798 5.2.7).
 * A group's version is that of "vrrp version" for IPv4, 3 for IPv6.
 */
static int do_timer(struct cli_ctx *ctx, const struct cli_args *a)
{
	bool created = false;
	struct vrrp_rgroup *rg = ctx_group_new(ctx, a, &created);
	int64_t t = cli_arg_int(a, "t");
	sim_time_t iv;

	if (!rg)
		return -1;
	if (cli_args_undo(a))
		iv = SIM_S(1);
	else if (cli_arg_has(a, "milli-second"))
		iv = SIM_MS(t);
	else if (t > 255)
		return done(rg, created,
			    cli_error(ctx, "The interval is 1-255 seconds."));
	else
		iv = SIM_S(t);
	if (rg->af == NET_AF_IP4 && rg->v->version == 2) {
		if (iv % SIM_S(1))
			return done(rg, created,
				    cli_error(ctx,
					      "VRRPv2 advertises whole "
					      "seconds; milli-second intervals "
					      "need vrrp version 3."));
	} else if (iv % SIM_CS(1) || iv > SIM_CS(4095)) {
		return done(rg, created,
			    cli_error(ctx, "VRRPv3 advertises centiseconds: "
					   "the interval must be a multiple of "
					   "10 ms, at most 40950 ms."));
	}
	rg->cfg.adver_int = iv;
	if (rg->g)
		vrrp_group_set_adver_int(rg->g, iv);
	return 0;
}

static int do_auth(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_rgroup *rg = ctx_group(ctx, a);
	const char *key = cli_arg_str(a, "key");

	if (!rg)
		return -1;
	memset(rg->cfg.auth_key, 0, sizeof(rg->cfg.auth_key));
	rg->cfg.auth_type =
		cli_args_undo(a) ? VRRP_AUTH_NONE : VRRP_AUTH_SIMPLE;
	if (!cli_args_undo(a))
		memcpy(rg->cfg.auth_key, key, strlen(key));
	return vrrp_rgroup_apply(rg);
}

static int do_admin(struct cli_ctx *ctx, const struct cli_args *a)
{
	bool created = false;
	struct vrrp_rgroup *rg = ctx_group_new(ctx, a, &created);

	if (!rg)
		return -1;
	if (!cli_args_undo(a) && rg->service)
		return cli_error(ctx, "A service group cannot be an mVRRP.");
	rg->admin = !cli_args_undo(a);
	rg->ignore_if_down = rg->admin && cli_arg_has(a, "ignore-if-down");
	if (apply(ctx, rg) == 0)
		return 0;
	rg->admin = rg->ignore_if_down = false;
	return done(rg, created, -1);
}

static int do_track_admin(struct cli_ctx *ctx, const struct cli_args *a)
{
	bool created = false;
	struct vrrp_rgroup *rg;

	/* A group follows an mVRRP of its own family ("vrrp ... admin-vrrp",
	 * "vrrp6 ... admin-vrrp6"); ctx_group would take the family from
	 * either keyword. */
	if (cli_arg_has(a, "vrrp6") != cli_arg_has(a, "admin-vrrp6"))
		return cli_error(ctx, "vrrp follows admin-vrrp and vrrp6 "
				      "follows admin-vrrp6.");
	rg = ctx_group_new(ctx, a, &created);
	if (!rg)
		return -1;
	if (!cli_args_undo(a) && rg->admin)
		return cli_error(ctx, "An mVRRP cannot follow another mVRRP.");
	rg->service = !cli_args_undo(a);
	if (rg->service) {
		snprintf(rg->m_ifname, sizeof(rg->m_ifname), "%s",
			 cli_arg_str(a, "if"));
		rg->m_vrid = (uint8_t)cli_arg_int(a, "m");
		rg->unflowdown = cli_arg_has(a, "unflowdown");
	} else if (rg->holding) {
		router_iface_hold(rg->v->r, vrrp_iface(rg->v, rg->ifindex),
				  false, "vrrp-unbound");
		rg->holding = false;
	}
	rg->svc_state = VRRP_STATE_INIT;
	return vrrp_rgroup_apply(rg);
}

static int find_iface(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct node_iface *ifp = node_iface_find(
		router_node(cli_ctx_owner(ctx)), cli_arg_str(a, "if"));

	return ifp ? ifp->ifindex
		   : cli_error(ctx, "The interface %s does not exist.",
			       cli_arg_str(a, "if"));
}

static int do_track_if(struct cli_ctx *ctx, const struct cli_args *a)
{
	int ifindex = find_iface(ctx, a), i;
	struct vrrp_rgroup *rg = ifindex >= 0 ? ctx_group(ctx, a) : NULL;

	if (!rg)
		return -1;
	for (i = 0; i < rg->ntif && rg->tif[i].ifindex != ifindex; i++)
		;
	if (cli_args_undo(a)) {
		if (i < rg->ntif)
			rg->tif[i] = rg->tif[--rg->ntif];
	} else {
		if (i == rg->ntif) {
			if (rg->ntif >= VRRP_MAX_TRACK)
				return cli_error(ctx, "Too many tracks.");
			rg->ntif++;
		}
		rg->tif[i].ifindex = ifindex;
		rg->tif[i].reduce =
			(uint8_t)cli_arg_int_or(a, "p", VRRP_DEFAULT_REDUCE);
	}
	vrrp_track_recompute(rg);
	return 0;
}

static int do_track_mg(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_rgroup *rg = ctx_group(ctx, a);
	const char *name = cli_arg_str(a, "name");
	int i;

	if (!rg)
		return -1;
	for (i = 0; i < rg->ntmg && strcmp(rg->tmg[i].name, name); i++)
		;
	/* Refuse before detaching: the group keeps its other tracks. */
	if (!cli_args_undo(a) && i == rg->ntmg && rg->ntmg >= VRRP_MAX_TRACK)
		return cli_error(ctx, "Too many tracks.");
	vrrp_track_detach(rg);
	if (cli_args_undo(a)) {
		if (i < rg->ntmg)
			rg->tmg[i] = rg->tmg[--rg->ntmg];
	} else {
		if (i == rg->ntmg)
			rg->ntmg++;
		memset(&rg->tmg[i], 0, sizeof(rg->tmg[i]));
		snprintf(rg->tmg[i].name, sizeof(rg->tmg[i].name), "%s", name);
		rg->tmg[i].ratio = (uint8_t)cli_arg_int(a, "r");
		rg->tmg[i].link = cli_arg_has(a, "link");
		rg->tmg[i].reduce =
			(uint8_t)cli_arg_int_or(a, "p", VRRP_DEFAULT_REDUCE);
	}
	vrrp_track_attach(rg);
	vrrp_track_recompute(rg);
	return 0;
}

static int do_track_bfd(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_rgroup *rg = ctx_group(ctx, a);
	const char *name = cli_arg_str(a, "bname");
	uint32_t disc = (uint32_t)cli_arg_int_or(a, "id", 0);
	struct vrrp_track_bfd *t = NULL;
	int i;

	if (!rg)
		return -1;
	for (i = 0; i < rg->ntbfd; i++)
		if ((name && !strcmp(rg->tbfd[i].name, name)) ||
		    (!name && rg->tbfd[i].disc == disc))
			break;
	/* Refuse before detaching: the group keeps its other tracks. */
	if (!cli_args_undo(a) && i == rg->ntbfd && rg->ntbfd >= VRRP_MAX_TRACK)
		return cli_error(ctx, "Too many tracks.");
	vrrp_track_detach(rg);
	if (cli_args_undo(a)) {
		if (i < rg->ntbfd)
			rg->tbfd[i] = rg->tbfd[--rg->ntbfd];
		vrrp_track_attach(rg);
		vrrp_track_recompute(rg);
		return 0;
	}
	if (i == rg->ntbfd)
		rg->ntbfd++;
	t = &rg->tbfd[i];
	memset(t, 0, sizeof(*t));
	if (name)
		snprintf(t->name, sizeof(t->name), "%s", name);
	t->disc = disc;
	t->mode = VRRP_BFD_REDUCED;
	t->value = VRRP_DEFAULT_REDUCE;
	if (cli_arg_has(a, "inc")) {
		t->mode = VRRP_BFD_INCREASED;
		t->value = (uint8_t)cli_arg_int(a, "inc");
	} else if (cli_arg_has(a, "red")) {
		t->value = (uint8_t)cli_arg_int(a, "red");
	} else if (cli_arg_has(a, "peer")) {
		t->mode = VRRP_BFD_PEER;
	} else if (cli_arg_has(a, "link")) {
		t->mode = VRRP_BFD_LINK;
	}
	vrrp_track_attach(rg);
	vrrp_track_recompute(rg);
	return 0;
}

/*
 * The version of the IPv4 groups. A group whose interval the new version
 * cannot carry refuses the change (VRRPv2: whole seconds; VRRPv3: at most
 * 40.95 s), rather than running with another interval than configured.
 */
static int do_version(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_inst *v = ctx_inst(ctx);
	uint8_t ver = cli_args_undo(a) ? 2 : (uint8_t)cli_arg_int(a, "ver");

	for (size_t i = 0; i < v->ngrp; i++) {
		const struct vrrp_rgroup *rg = v->grp[i];
		sim_time_t iv = rg->cfg.adver_int;

		if (rg->af != NET_AF_IP4)
			continue;
		if (ver == 2 && iv % SIM_S(1))
			return cli_error(ctx,
					 "VRRP group %u advertises every "
					 "%lld ms: VRRPv2 needs whole "
					 "seconds.",
					 rg->vrid, (long long)(iv / SIM_MS(1)));
		if (ver == 3 && iv > SIM_CS(4095))
			return cli_error(ctx,
					 "VRRP group %u advertises every %lld "
					 "s: VRRPv3 carries at most 40.95 s.",
					 rg->vrid, (long long)(iv / SIM_S(1)));
	}
	v->version = ver;
	for (size_t i = 0; i < v->ngrp; i++)
		if (v->grp[i]->af == NET_AF_IP4)
			vrrp_rgroup_apply(v->grp[i]);
	return 0;
}

/* ---- display ---- */

static const char *gtype(const struct vrrp_rgroup *rg)
{
	return rg->admin ? "Admin" : rg->service ? "Member" : "Normal";
}

static void show_group(struct cli_ctx *ctx, const struct vrrp_rgroup *rg,
		       bool brief)
{
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);
	struct vrrp_group_info in = { .priority = rg->cfg.priority };
	char vip[NET_ADDR_STRLEN] = "-", master[NET_ADDR_STRLEN] = "-";

	if (rg->g)
		vrrp_group_info(rg->g, &in);
	if (rg->cfg.nvaddrs)
		net_addr_fmt(&rg->cfg.vaddrs[0], vip, sizeof(vip));
	if (brief) {
		cli_printf(ctx, "%-6u%-13s%-25s%-9s%s\n", rg->vrid,
			   vrrp_state_name(vrrp_rgroup_state(rg)),
			   ifp ? ifp->name : "?", gtype(rg), vip);
		return;
	}
	if (in.master.af != NET_AF_NONE)
		net_addr_fmt(&in.master, master, sizeof(master));
	cli_printf(ctx, "  %s | Virtual Router %u\n", ifp ? ifp->name : "?",
		   rg->vrid);
	cli_printf(ctx, "    State           : %s\n",
		   vrrp_state_name(vrrp_rgroup_state(rg)));
	for (size_t i = 0; i < rg->cfg.nvaddrs; i++) {
		net_addr_fmt(&rg->cfg.vaddrs[i], vip, sizeof(vip));
		cli_printf(ctx, "    Virtual IP      : %s\n", vip);
	}
	cli_printf(ctx, "    Master IP       : %s\n", master);
	cli_printf(ctx, "    PriorityRun     : %u\n", in.priority);
	cli_printf(ctx, "    PriorityConfig  : %u\n",
		   rg->cfg.priority == VRRP_PRIO_OWNER ? VRRP_PRIO_OWNER
						       : rg->conf_prio);
	cli_printf(ctx, "    MasterPriority  : %u\n", in.master_priority);
	cli_printf(ctx, "    Preempt         : %s   Delay Time : %lld s\n",
		   rg->cfg.preempt ? "YES" : "NO",
		   (long long)(rg->cfg.preempt_delay / SIM_S(1)));
	cli_printf(ctx, "    TimerRun        : %lld ms\n",
		   (long long)((in.master_adver_int ? in.master_adver_int
						    : rg->cfg.adver_int) /
			       SIM_MS(1)));
	cli_printf(ctx, "    TimerConfig     : %lld ms\n",
		   (long long)(rg->cfg.adver_int / SIM_MS(1)));
	cli_printf(ctx, "    Version         : %u\n",
		   rg->af == NET_AF_IP6 ? 3 : rg->v->version);
	cli_printf(ctx, "    Config type     : %s\n",
		   rg->admin	 ? "admin-vrrp"
		   : rg->service ? "member-vrrp"
				 : "normal-vrrp");
	if (rg->service)
		cli_printf(ctx, "    Backup group    : %s vrid %u (%s)\n",
			   rg->m_ifname, rg->m_vrid,
			   rg->unflowdown ? "unflowdown" : "flowdown");
	for (int i = 0; i < rg->ntif; i++) {
		struct node_iface *t = vrrp_iface(rg->v, rg->tif[i].ifindex);

		cli_printf(ctx,
			   "    Track IF        : %s   Priority reduced : "
			   "%u\n",
			   t ? t->name : "?", rg->tif[i].reduce);
	}
	for (int i = 0; i < rg->ntmg; i++)
		cli_printf(ctx,
			   "    Track monitor   : %s   failure-ratio %u%% "
			   "(now %u%%) %s\n",
			   rg->tmg[i].name, rg->tmg[i].ratio,
			   rg->tmg[i].down_pct,
			   rg->tmg[i].link ? "link" : "reduced");
	for (int i = 0; i < rg->ntbfd; i++) {
		char id[BFD_NAME_MAX];

		/* The session by name, or by ID (its local discriminator). */
		if (rg->tbfd[i].name[0])
			snprintf(id, sizeof(id), "%s", rg->tbfd[i].name);
		else
			snprintf(id, sizeof(id), "%u", rg->tbfd[i].disc);
		cli_printf(ctx, "    Track BFD       : %s   %s\n", id,
			   rg->tbfd[i].down ? "Down" : "Up");
	}
	cli_printf(ctx, "    Advertisements  : sent %llu, received %llu\n",
		   (unsigned long long)in.adv_tx,
		   (unsigned long long)in.adv_rx);
}

static int disp(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_inst *v = ctx_inst(ctx);
	enum net_af af = cli_arg_has(a, "vrrp6") ? NET_AF_IP6 : NET_AF_IP4;
	bool brief = cli_arg_has(a, "brief");
	unsigned n = 0, m = 0, b = 0;

	if (!v)
		return 0;
	if (brief)
		cli_printf(ctx,
			   "%-6s%-13s%-25s%-9s%s\n"
			   "--------------------------------------------"
			   "--------------------\n",
			   "VRID", "State", "Interface", "Type", "Virtual IP");
	for (size_t i = 0; i < v->ngrp; i++) {
		enum vrrp_state st;

		if (v->grp[i]->af != af)
			continue;
		show_group(ctx, v->grp[i], brief);
		st = vrrp_rgroup_state(v->grp[i]);
		n++;
		m += st == VRRP_STATE_MASTER;
		b += st == VRRP_STATE_BACKUP;
	}
	if (brief)
		cli_printf(ctx,
			   "--------------------------------------------"
			   "--------------------\n"
			   "Total:%u     Master:%u     Backup:%u     "
			   "Non-active:%u\n",
			   n, m, b, n - m - b);
	return 0;
}

/*
 * display vrrp[6] statistics [interface IF]: the router-wide discards of
 * the family (before a group is known) and each group's counters, as the
 * statistics of the VRRP MIB (RFC 6527) name them.
 */
static const char *const bad_labels[VRRP_PKT_E__COUNT] = {
	[VRRP_PKT_OK] = NULL,
	[VRRP_PKT_E_SHORT] = "Short packets",
	[VRRP_PKT_E_VERSION] = "Version errors",
	[VRRP_PKT_E_TYPE] = "Invalid type packets",
	[VRRP_PKT_E_LENGTH] = "Packet length errors",
	[VRRP_PKT_E_NADDRS] = "Address count errors",
	[VRRP_PKT_E_CHECKSUM] = "Checksum errors",
	[VRRP_PKT_E_AUTH_TYPE] = "Invalid auth type",
};

static const char *const drop_labels[VRRP_DROP__COUNT] = {
	[VRRP_DROP_MALFORMED] = "Malformed packets",
	[VRRP_DROP_TTL] = "IP TTL errors",
	[VRRP_DROP_VERSION] = "Version errors",
	[VRRP_DROP_AUTH] = "Authentication failures",
	[VRRP_DROP_INTERVAL] = "Interval errors",
	[VRRP_DROP_ADDRS] = "Address list errors",
	[VRRP_DROP_OWNER] = "Discarded by owner",
	[VRRP_DROP_NO_GROUP] = "VRID errors",
};

static void stat_line(struct cli_ctx *ctx, const char *indent,
		      const char *label, uint64_t n)
{
	cli_printf(ctx, "%s%-26s: %llu\n", indent, label,
		   (unsigned long long)n);
}

static void stats_group(struct cli_ctx *ctx, const struct vrrp_rgroup *rg)
{
	struct node_iface *ifp = vrrp_iface(rg->v, rg->ifindex);
	struct vrrp_group_info in;
	const char *ind = "    ";

	cli_printf(ctx, "  %s | Virtual Router %u\n", ifp ? ifp->name : "?",
		   rg->vrid);
	if (!rg->g) {
		cli_printf(ctx, "%sNo state machine (%s)\n", ind,
			   rg->service ? "member of an mVRRP"
				       : "no virtual address");
		return;
	}
	vrrp_group_info(rg->g, &in);
	stat_line(ctx, ind, "Transitions to Master", in.to_master);
	stat_line(ctx, ind, "Advertisements sent", in.adv_tx);
	stat_line(ctx, ind, "Advertisements received", in.adv_rx);
	stat_line(ctx, ind, "Priority 0 sent", in.prio0_tx);
	stat_line(ctx, ind, "Priority 0 received", in.prio0_rx);
	stat_line(ctx, ind, "Received while Initialize", in.rx_idle);
	for (int d = 0; d < VRRP_DROP__COUNT; d++)
		if (d != VRRP_DROP_NO_GROUP) /* counted router-wide */
			stat_line(ctx, ind, drop_labels[d], in.drops[d]);
}

static int disp_stats(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct vrrp_inst *v = ctx_inst(ctx);
	enum net_af af = cli_arg_has(a, "vrrp6") ? NET_AF_IP6 : NET_AF_IP4;
	const char *ifname = cli_arg_str(a, "if");
	struct node_iface *only = NULL;
	struct vrrp_rx_stats st;

	if (!v)
		return 0;
	if (ifname) {
		only = node_iface_find(router_node(v->r), ifname);
		if (!only)
			return cli_error(ctx,
					 "The interface %s does not exist.",
					 ifname);
	}
	vrrp_rx_stats(v, af, &st);
	cli_printf(ctx, "VRRP%s statistics\n", af == NET_AF_IP6 ? "6" : "");
	stat_line(ctx, "  ", "Packets received", st.rx);
	for (int e = VRRP_PKT_OK + 1; e < VRRP_PKT_E__COUNT; e++)
		stat_line(ctx, "  ", bad_labels[e], st.bad[e]);
	stat_line(ctx, "  ", drop_labels[VRRP_DROP_NO_GROUP], st.no_group);
	for (size_t i = 0; i < v->ngrp; i++)
		if (v->grp[i]->af == af &&
		    (!only || v->grp[i]->ifindex == only->ifindex))
			stats_group(ctx, v->grp[i]);
	return 0;
}

#define IFV  "interface"
#define DISP (CLI_ACTION | CLI_ANY_VIEW)

/* One entry per family: patterns must start with a keyword. */
#define BOTH(rest, fl, key, handler, text)                                     \
	{ .view = IFV,                                                         \
	  .pattern = "vrrp vrid <v:int:1-255>" rest,                           \
	  .flags = (fl),                                                       \
	  .key_tokens = (key),                                                 \
	  .undo_tokens = (key),                                                \
	  .apply = (handler),                                                  \
	  .help = (text) },                                                    \
	{                                                                      \
		.view = IFV, .pattern = "vrrp6 vrid <v:int:1-255>" rest,       \
		.flags = (fl), .key_tokens = (key), .undo_tokens = (key),      \
		.apply = (handler), .help = (text)                             \
	}

static const struct cli_cmd vrrp_cmds[] = {
	BOTH(" virtual-ip <a:ip> [ link-local ]", CLI_UNDO, 0, do_vip,
	     "Virtual address"),
	BOTH("", CLI_CONFIG, 0, do_create, "Create a group"),
	BOTH("", CLI_UNDO | CLI_UNDO_ONLY, 0, do_delete, "Delete a group"),
	BOTH(" priority <p:int:1-254>", CLI_UNDO, 4, do_priority, "Priority"),
	BOTH(" preempt-mode [ timer delay <d:int:0-3600> ]", CLI_UNDO, 4,
	     do_preempt, "Preemption and its delay"),
	BOTH(" timer advertise <t:int:1-40950> [ milli-second ]", CLI_UNDO, 5,
	     do_timer, "Advertisement interval"),
	BOTH(" track admin-vrrp interface <if:iface> vrid <m:int:1-255> "
	     "[ unflowdown ]",
	     CLI_UNDO, 5, do_track_admin, "Follow an mVRRP group"),
	BOTH(" track admin-vrrp6 interface <if:iface> vrid <m:int:1-255> "
	     "[ unflowdown ]",
	     CLI_UNDO, 5, do_track_admin, "Follow an mVRRP6 group"),
	BOTH(" track interface <if:iface> [ reduced <p:int:1-255> ]", CLI_UNDO,
	     6, do_track_if, "Track an interface"),
	BOTH(" track monitor-group <name:word:1-31> failure-ratio "
	     "<r:int:1-100> [ { link | reduced <p:int:1-255> } ]",
	     CLI_UNDO, 6, do_track_mg, "Track an interface monitor group"),
	BOTH(" accept-mode", CLI_UNDO, 4, do_accept,
	     "Accept packets to the virtual addresses (failsim)"),
	/* Identity: the session (ID or name); the mode is the value. */
	BOTH(" track bfd-session <id:int:1-16384> [ { increased "
	     "<inc:int:1-255> | reduced <red:int:1-255> | peer | link } ]",
	     CLI_UNDO, 6, do_track_bfd, "Track a BFD session by ID"),
	BOTH(" track bfd-session session-name <bname:word:1-64> [ { increased "
	     "<inc:int:1-255> | reduced <red:int:1-255> | peer | link } ]",
	     CLI_UNDO, 7, do_track_bfd, "Track a BFD session by name"),
	{ .view = IFV,
	  .pattern = "vrrp vrid <v:int:1-255> authentication-mode simple "
		     "<key:word:1-8>",
	  .flags = CLI_UNDO,
	  .key_tokens = 4,
	  .undo_tokens = 4,
	  .apply = do_auth,
	  .help = "VRRPv2 simple authentication" },
	{ .view = IFV,
	  .pattern = "admin-vrrp vrid <v:int:1-255> "
		     "[ ignore-if-down ]",
	  .flags = CLI_UNDO,
	  .key_tokens = 3,
	  .undo_tokens = 3,
	  .apply = do_admin,
	  .help = "Management VRRP group" },
	{ .view = IFV,
	  .pattern = "admin-vrrp6 vrid <v:int:1-255> "
		     "[ ignore-if-down ]",
	  .flags = CLI_UNDO,
	  .key_tokens = 3,
	  .undo_tokens = 3,
	  .apply = do_admin,
	  .help = "Management VRRP6 group" },
	{ .pattern = "vrrp version <ver:int:2-3>",
	  .flags = CLI_UNDO,
	  .key_tokens = 2,
	  .undo_tokens = 2,
	  .apply = do_version,
	  .help = "VRRP version of IPv4 groups" },
	{ .pattern = "display { vrrp | vrrp6 } statistics "
		     "[ interface <if:iface> ]",
	  .flags = DISP,
	  .apply = disp_stats,
	  .help = "VRRP statistics" },
	{ .pattern = "display { vrrp | vrrp6 } [ { brief | verbose } ]",
	  .flags = DISP,
	  .apply = disp,
	  .help = "VRRP groups" },
};

int vrrp_cli_register(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, vrrp_cmds,
				      sizeof(vrrp_cmds) / sizeof(vrrp_cmds[0]));
}
