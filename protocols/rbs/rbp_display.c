/*
 * `display remote-backup-profile [NAME]`: each profile's backup-id and
 * service with the channel's TCP state, the backup mode, the families
 * backed up, the VRRP group with its state and the role it gives, the
 * bound interfaces with their IGMP/MLD state (active, passive or down,
 * and the records held), and the counters of both roles: batches with
 * the time of the last one, entries sent and received, installed,
 * removed (stale at a batch end among them), requests, errors. Times are
 * simulation seconds. A failsim layout (VRP's is not public in full);
 * no RFC applies.
 */
#include "protocols/rbs/rbp_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void rbp_info_of(const struct rbp_profile *p, struct rbp_info *out)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->name, sizeof(out->name), "%s", p->name);
	out->backup_id = p->backup_id;
	snprintf(out->service, sizeof(out->service), "%s", p->svc_name);
	out->service_exists = p->svc != NULL;
	out->channel = rbp_chan_state(p);
	out->vrrp_af = p->vrrp_af;
	snprintf(out->vrrp_if, sizeof(out->vrrp_if), "%s", p->vrrp_if);
	out->vrid = p->vrid;
	out->vrrp_state = p->vstate;
	out->role = p->role;
	out->families = rbp_families(p);
	out->service_type = p->svc_type != 0;
	for (size_t i = 0; i < p->in->nb; i++)
		out->nifs += !strcmp(p->in->b[i].profile, p->name);
	out->backed_up = p->sent.n;
	out->last_batch_tx = p->last_batch_tx;
	out->last_batch_rx = p->last_batch_rx;
	out->role_since = p->role_since;
	out->c = p->c;
}

int rbp_profile_info(struct rbp_inst *in, const char *name,
		     struct rbp_info *out)
{
	struct rbp_profile *p = rbp_find(in, name);

	if (!p)
		return -1;
	if (out)
		rbp_info_of(p, out);
	return 0;
}

/* "12.345678900 s", or "never". */
static const char *when(sim_time_t t, char *buf, size_t len)
{
	if (t < 0)
		snprintf(buf, len, "never");
	else
		snprintf(buf, len, "%" PRId64 ".%09" PRId64 " s", t / SIM_S(1),
			 t % SIM_S(1));
	return buf;
}

static const char *families(unsigned f)
{
	if (f == (RBP_FAM_IGMP | RBP_FAM_MLD))
		return "IGMP and MLD";
	if (f == RBP_FAM_IGMP)
		return "IGMP";
	return f == RBP_FAM_MLD ? "MLD" : "none";
}

/* One bound interface: each family backed up with its state. */
static void show_iface(struct cli_ctx *ctx, const struct rbp_profile *p,
		       struct node_iface *ifp, bool first)
{
	struct router *r = p->in->r;

	cli_printf(ctx, "  %-22s: %s", first ? "Interfaces" : "", ifp->name);
	for (int k = 0; k < 2; k++) {
		enum net_af af = k ? NET_AF_IP6 : NET_AF_IP4;
		struct gmp_if *gi = gmp_router_if(r, ifp, af);
		struct gmp_if_info in;
		const char *st = "not enabled";

		if (!rbp_serves(p, af))
			continue;
		memset(&in, 0, sizeof(in));
		if (gi && gmp_if_running(gi)) {
			gmp_if_info(gi, &in);
			st = in.passive ? "passive" : "active";
		} else if (gi) {
			st = "down";
		}
		cli_printf(ctx, ", %s %s (%zu group%s)", k ? "MLD" : "IGMP", st,
			   in.ngroups, in.ngroups == 1 ? "" : "s");
	}
	cli_printf(ctx, "\n");
}

static void show_vrrp(struct cli_ctx *ctx, const struct rbp_info *in)
{
	if (in->vrrp_af == NET_AF_NONE) {
		cli_printf(ctx, "  %-22s: -\n", "VRRP group");
		return;
	}
	cli_printf(ctx, "  %-22s: %s %u interface %s (%s)\n", "VRRP group",
		   in->vrrp_af == NET_AF_IP6 ? "vrrp6-id" : "vrrp-id", in->vrid,
		   in->vrrp_if, vrrp_state_name(in->vrrp_state));
}

static void show_counters(struct cli_ctx *ctx, const struct rbp_info *in)
{
	const struct rbp_counters *c = &in->c;
	char t1[32], t2[32];

	cli_printf(ctx,
		   "  %-22s: sent %" PRIu64 " (last %s), received %" PRIu64
		   " (last %s)\n",
		   "Batches", c->batches_tx, when(in->last_batch_tx, t1, 32),
		   c->batches_rx, when(in->last_batch_rx, t2, 32));
	cli_printf(ctx,
		   "  %-22s: add %" PRIu64 ", update %" PRIu64
		   ", delete %" PRIu64 ", held by the peer %zu\n",
		   "Entries sent", c->adds_tx, c->updates_tx, c->deletes_tx,
		   in->backed_up);
	cli_printf(ctx,
		   "  %-22s: add/update %" PRIu64 ", delete %" PRIu64
		   ", installed %" PRIu64 ", failed %" PRIu64
		   ", unknown interface %" PRIu64 "\n",
		   "Entries received", c->entries_rx, c->deletes_rx,
		   c->installed, c->install_fail, c->unknown_if);
	cli_printf(ctx,
		   "  %-22s: %" PRIu64 " (stale at a batch end %" PRIu64 ")\n",
		   "Entries removed", c->removed, c->stale);
	cli_printf(ctx, "  %-22s: sent %" PRIu64 ", received %" PRIu64 "\n",
		   "Batch requests", c->requests_tx, c->requests_rx);
	cli_printf(ctx,
		   "  %-22s: batch count %" PRIu64 ", truncated %" PRIu64
		   ", send refused %" PRIu64 ", ignored %" PRIu64 "\n",
		   "Errors", c->count_errors, c->truncated, c->send_fail,
		   c->ignored);
}

static void show(struct cli_ctx *ctx, const struct rbp_profile *p)
{
	struct node *n = router_node(p->in->r);
	struct rbp_info in;
	bool first = true;
	char t[32];

	rbp_info_of(p, &in);
	cli_printf(ctx, "Remote backup profile: %s\n", in.name);
	if (in.backup_id)
		cli_printf(ctx, "  %-22s: %u\n", "Backup ID", in.backup_id);
	else
		cli_printf(ctx, "  %-22s: -\n", "Backup ID");
	if (!in.service[0])
		cli_printf(ctx, "  %-22s: -\n", "Remote backup service");
	else
		cli_printf(ctx, "  %-22s: %s (%s)\n", "Remote backup service",
			   in.service,
			   in.service_exists ? rbs_state_name(in.channel)
					     : "not configured");
	cli_printf(ctx, "  %-22s: hot\n", "Backup mode");
	cli_printf(ctx, "  %-22s: %s%s\n", "Service type",
		   families(in.families),
		   in.service_type ? "" : " (from the VRRP group)");
	show_vrrp(ctx, &in);
	cli_printf(ctx, "  %-22s: %s since %s\n", "Role",
		   rbp_role_name(in.role), when(in.role_since, t, sizeof(t)));
	for (int i = 0; i < n->nifaces; i++)
		if (rbp_of_iface(p->in, i) == p) {
			show_iface(ctx, p, n->ifaces[i], first);
			first = false;
		}
	if (first)
		cli_printf(ctx, "  %-22s: -\n", "Interfaces");
	show_counters(ctx, &in);
}

static int disp(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct rbp_inst *in = rbp_inst(cli_ctx_owner(ctx));
	const char *name = cli_arg_str(a, "name");
	size_t shown = 0;

	if (name && !rbp_find(in, name))
		return cli_error(ctx,
				 "The remote backup profile %s does not "
				 "exist.",
				 name);
	for (size_t i = 0; in && i < in->np; i++) {
		if (name && strcmp(name, in->p[i]->name))
			continue;
		if (shown++)
			cli_printf(ctx, "\n");
		show(ctx, in->p[i]);
	}
	if (!shown)
		cli_printf(ctx, "Info: No remote backup profile is "
				"configured.\n");
	return 0;
}

static const struct cli_cmd rbp_disp_cmds[] = {
	{ .pattern = "display remote-backup-profile [ <name:word:1-31> ]",
	  .flags = CLI_ACTION | CLI_ANY_VIEW,
	  .apply = disp,
	  .help = "Remote backup profiles, roles and hot backup counters" },
};

int rbp_display_register(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, rbp_disp_cmds,
				      sizeof(rbp_disp_cmds) /
					      sizeof(rbp_disp_cmds[0]));
}
