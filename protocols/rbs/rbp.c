/*
 * Remote backup profiles on a router: the profiles and their
 * configuration (backup-id and service, VRRP group, service type), the
 * interfaces bound to them (by profile name, so either may come first),
 * the role of each profile (the state of its VRRP group, followed with
 * vrrp_watch: Master sends, any other state receives), the services that
 * carry them (followed with rbs_watch, listened to with rbs_listen, told
 * every backup-id they carry with rbs_set_ids), the IGMP/MLD side of the
 * role (gmp_router_set_backup: bound interfaces keep running while VRRP
 * holds them down, and are passive while the profile is Backup) and the
 * membership watches that feed the Master's real-time updates. What is
 * sent and installed is rbp_sync.c's. A vendor feature (Huawei VRP RBP);
 * no RFC applies beyond the VRRP states of RFC 5798 section 6.4.
 */
#include "protocols/rbs/rbp_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/vrrp/vrrp_router.h"

struct rbp_inst *rbp_inst(struct router *r)
{
	return r ? router_module_state(r, &rbp_module) : NULL;
}

static const char *const role_names[] = {
	[RBP_ROLE_NONE] = "none",
	[RBP_ROLE_MASTER] = "Master",
	[RBP_ROLE_BACKUP] = "Backup",
};

const char *rbp_role_name(enum rbp_role r)
{
	if ((unsigned)r >= sizeof(role_names) / sizeof(role_names[0]))
		return "?";
	return role_names[r];
}

void rbp_log(struct rbp_profile *p, const char *event, const char *k1,
	     const char *v1, const char *k2, uint64_t v2)
{
	struct sim_log_rec rec;

	node_log_begin(&rec, router_node(p->in->r), "rbp", event);
	sim_log_str(&rec, "profile", p->name);
	sim_log_uint(&rec, "backup_id", p->backup_id);
	if (k1)
		sim_log_str(&rec, k1, v1);
	if (k2)
		sim_log_uint(&rec, k2, v2);
	sim_log_end(&rec);
}

/* ---- the channel of rbs.h ---- */

static struct rbs_svc *op_find(void *ctx, struct router *r, const char *name)
{
	(void)ctx;
	return rbs_find(r, name);
}

static enum rbs_state op_state(void *ctx, const struct rbs_svc *s)
{
	(void)ctx;
	return rbs_state(s);
}

static int op_send(void *ctx, struct rbs_svc *s, const struct rbs_msg *m)
{
	(void)ctx;
	return rbs_send(s, m);
}

static int op_listen(void *ctx, struct rbs_svc *s, const struct rbs_listener *l)
{
	(void)ctx;
	return rbs_listen(s, l);
}

static void op_unlisten(void *ctx, struct rbs_svc *s, void *lctx)
{
	(void)ctx;
	rbs_unlisten(s, lctx);
}

static int op_watch(void *ctx, struct router *r, rbs_svc_fn fn, void *wctx)
{
	(void)ctx;
	return rbs_watch(r, fn, wctx);
}

static void op_set_ids(void *ctx, struct rbs_svc *s, const uint32_t *ids,
		       uint16_t n)
{
	(void)ctx;
	rbs_set_ids(s, ids, n);
}

const struct rbp_chan_ops rbp_chan_rbs = {
	.find = op_find,
	.state = op_state,
	.send = op_send,
	.listen = op_listen,
	.unlisten = op_unlisten,
	.watch = op_watch,
	.set_ids = op_set_ids,
};

enum rbs_state rbp_chan_state(const struct rbp_profile *p)
{
	return p->svc ? p->in->ch->state(p->in->chctx, p->svc) : RBS_INITIAL;
}

int rbp_send(struct rbp_profile *p, const struct rbs_msg *m)
{
	if (!p->svc || p->in->ch->send(p->in->chctx, p->svc, m) != 0) {
		p->c.send_fail++;
		return -1;
	}
	return 0;
}

/* ---- services ---- */

static void on_chan_state(void *ctx, struct rbs_svc *s, enum rbs_state st)
{
	struct rbp_profile *p = ctx;

	if (s == p->svc)
		rbp_sync_chan(p, st);
}

static void on_chan_msg(void *ctx, struct rbs_svc *s, const struct rbs_msg *m)
{
	struct rbp_profile *p = ctx;

	if (s == p->svc)
		rbp_sync_msg(p, m);
}

/* Tell s every backup-id it carries (for its Hellos). */
static void update_ids(struct rbp_inst *in, struct rbs_svc *s)
{
	uint32_t ids[RBS_MAX_IDS];
	uint16_t n = 0;

	for (size_t i = 0; s && i < in->np && n < RBS_MAX_IDS; i++)
		if (in->p[i]->svc == s && in->p[i]->backup_id)
			ids[n++] = in->p[i]->backup_id;
	if (s)
		in->ch->set_ids(in->chctx, s, ids, n);
}

static void detach(struct rbp_profile *p)
{
	struct rbs_svc *s = p->svc;

	if (!s)
		return;
	p->in->ch->unlisten(p->in->chctx, s, p);
	p->svc = NULL;
	update_ids(p->in, s);
	rbp_sync_reset(p);
}

/* Find the profile's service again by name and follow it. */
static void resolve(struct rbp_profile *p)
{
	struct rbp_inst *in = p->in;
	struct rbs_listener l = { on_chan_state, on_chan_msg, p };
	struct rbs_svc *s = NULL;

	if (p->backup_id && p->svc_name[0])
		s = in->ch->find(in->chctx, in->r, p->svc_name);
	if (s == p->svc) {
		update_ids(in, s);
		return;
	}
	detach(p);
	if (!s || in->ch->listen(in->chctx, s, &l) != 0)
		return;
	p->svc = s;
	update_ids(in, s);
	if (rbp_chan_state(p) == RBS_CONNECTED)
		rbp_sync_chan(p, RBS_CONNECTED);
}

static void on_svc(void *ctx, struct rbs_svc *s, bool created)
{
	struct rbp_inst *in = ctx;

	for (size_t i = 0; i < in->np; i++) {
		if (!created && in->p[i]->svc == s)
			detach(in->p[i]); /* before it goes */
		else if (created)
			resolve(in->p[i]);
	}
}

void rbp_set_channel(struct rbp_inst *in, const struct rbp_chan_ops *ops,
		     void *ctx)
{
	for (size_t i = 0; i < in->np; i++)
		detach(in->p[i]);
	in->ch = ops;
	in->chctx = ctx;
	ops->watch(ctx, in->r, on_svc, in);
	for (size_t i = 0; i < in->np; i++)
		resolve(in->p[i]);
}

/* ---- profiles ---- */

struct rbp_profile *rbp_find(struct rbp_inst *in, const char *name)
{
	for (size_t i = 0; in && name && i < in->np; i++)
		if (!strcmp(in->p[i]->name, name))
			return in->p[i];
	return NULL;
}

struct rbp_profile *rbp_find_id(struct rbp_inst *in, uint32_t id)
{
	for (size_t i = 0; in && id && i < in->np; i++)
		if (in->p[i]->backup_id == id)
			return in->p[i];
	return NULL;
}

unsigned rbp_families(const struct rbp_profile *p)
{
	if (p->svc_type)
		return p->svc_type;
	if (p->vrrp_af == NET_AF_IP4)
		return RBP_FAM_IGMP;
	if (p->vrrp_af == NET_AF_IP6)
		return RBP_FAM_MLD;
	return 0;
}

bool rbp_serves(const struct rbp_profile *p, enum net_af af)
{
	unsigned f = rbp_families(p);

	if (af == NET_AF_IP4)
		return f & RBP_FAM_IGMP;
	return af == NET_AF_IP6 && (f & RBP_FAM_MLD);
}

static enum rbp_role role_of(const struct rbp_profile *p)
{
	if (p->vrrp_af == NET_AF_NONE)
		return RBP_ROLE_NONE;
	return p->vstate == VRRP_STATE_MASTER ? RBP_ROLE_MASTER
					      : RBP_ROLE_BACKUP;
}

static void log_role(struct rbp_profile *p, const char *cause)
{
	struct sim_log_rec rec;

	node_log_begin(&rec, router_node(p->in->r), "rbp", "role");
	sim_log_str(&rec, "profile", p->name);
	sim_log_str(&rec, "role", rbp_role_name(p->role));
	sim_log_str(&rec, "vrrp_state", vrrp_state_name(p->vstate));
	sim_log_str(&rec, "cause", cause);
	sim_log_end(&rec);
}

static void role_update(struct rbp_profile *p, const char *cause)
{
	enum rbp_role old = p->role, r = role_of(p);

	if (r == old)
		return;
	p->role = r;
	p->role_since = node_now(router_node(p->in->r));
	p->c.role_changes++;
	log_role(p, cause);
	rbp_gmp_apply(p->in);
	rbp_sync_role(p, old);
}

static void on_vrrp(void *arg, const char *ifname, enum net_af af, uint8_t vrid,
		    enum vrrp_state old_state, enum vrrp_state new_state)
{
	struct rbp_profile *p = arg;

	(void)ifname;
	(void)af;
	(void)vrid;
	(void)old_state;
	p->vstate = new_state;
	role_update(p, "vrrp");
}

struct rbp_profile *rbp_profile_new(struct rbp_inst *in, const char *name)
{
	struct rbp_profile *p;

	if (in->np == in->capp) {
		size_t cap = in->capp ? 2 * in->capp : 4;
		struct rbp_profile **v = realloc(in->p, cap * sizeof(*v));

		if (!v)
			return NULL;
		in->p = v;
		in->capp = cap;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->in = in;
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->hot = false;
	p->role = RBP_ROLE_NONE;
	p->role_since = node_now(router_node(in->r));
	p->last_batch_tx = p->last_batch_rx = -1;
	if (rbp_sync_init(p) != 0) {
		free(p);
		return NULL;
	}
	in->p[in->np++] = p;
	rbp_gmp_apply(in); /* bindings that named it already */
	return p;
}

int rbp_profile_delete(struct rbp_profile *p, char *why, size_t len)
{
	struct rbp_inst *in = p->in;

	for (size_t i = 0; i < in->nb; i++) {
		struct node_iface *ifp = rbp_iface(in, in->b[i].ifindex);

		if (strcmp(in->b[i].profile, p->name))
			continue;
		snprintf(why, len, "The profile is bound to %s.",
			 ifp ? ifp->name : "an interface");
		return -1;
	}
	rbp_set_vrrp(p, NET_AF_NONE, NULL, 0);
	detach(p);
	rbp_sync_fini(p);
	for (size_t i = 0; i < in->np; i++)
		if (in->p[i] == p) {
			memmove(&in->p[i], &in->p[i + 1],
				(in->np - i - 1) * sizeof(in->p[0]));
			in->np--;
			break;
		}
	free(p);
	return 0;
}

void rbp_set_backup_id(struct rbp_profile *p, uint32_t id, const char *svc)
{
	if (p->backup_id == id && svc && !strcmp(p->svc_name, svc))
		return;
	/* Another id or service: the peer's copy is another one too. */
	detach(p);
	p->backup_id = id;
	snprintf(p->svc_name, sizeof(p->svc_name), "%s", id && svc ? svc : "");
	resolve(p);
}

int rbp_set_vrrp(struct rbp_profile *p, enum net_af af, const char *ifname,
		 uint8_t vrid)
{
	struct vrrp_inst *v = vrrp_inst(p->in->r);

	if (p->watch && v)
		vrrp_unwatch(v, p->watch);
	p->watch = 0;
	p->vrrp_af = NET_AF_NONE;
	p->vrrp_if[0] = '\0';
	p->vrid = 0;
	p->vstate = VRRP_STATE_INIT;
	if (af != NET_AF_NONE && v) {
		p->vrrp_af = af;
		snprintf(p->vrrp_if, sizeof(p->vrrp_if), "%s", ifname);
		p->vrid = vrid;
		p->vstate = vrrp_state_of(v, ifname, af, vrid);
		p->watch = vrrp_watch(v, ifname, af, vrid, on_vrrp, p);
		if (p->watch <= 0) {
			p->watch = 0;
			p->vrrp_af = NET_AF_NONE;
			p->vstate = VRRP_STATE_INIT;
		}
	}
	rbp_gmp_apply(p->in); /* the families may follow the group */
	role_update(p, "config");
	return af != NET_AF_NONE && !p->watch ? -1 : 0;
}

void rbp_set_service_type(struct rbp_profile *p, unsigned fam)
{
	p->svc_type = fam;
	rbp_gmp_apply(p->in);
}

/* ---- bindings ---- */

struct node_iface *rbp_iface(struct rbp_inst *in, int ifindex)
{
	struct node *n = router_node(in->r);

	return ifindex >= 0 && ifindex < n->nifaces ? n->ifaces[ifindex] : NULL;
}

struct rbp_bind *rbp_bind_of(struct rbp_inst *in, int ifindex)
{
	for (size_t i = 0; in && i < in->nb; i++)
		if (in->b[i].ifindex == ifindex)
			return &in->b[i];
	return NULL;
}

struct rbp_profile *rbp_of_iface(struct rbp_inst *in, int ifindex)
{
	struct rbp_bind *b = rbp_bind_of(in, ifindex);

	return b ? rbp_find(in, b->profile) : NULL;
}

const char *rbp_iface_profile(struct rbp_inst *in, const char *ifname)
{
	struct node_iface *ifp =
		in && ifname ? node_iface_find(router_node(in->r), ifname)
			     : NULL;
	struct rbp_bind *b = ifp ? rbp_bind_of(in, ifp->ifindex) : NULL;

	return b ? b->profile : NULL;
}

static void gmp_set(struct rbp_inst *in, struct rbp_bind *b, int k,
		    bool passive, bool keep)
{
	struct node_iface *ifp = rbp_iface(in, b->ifindex);

	if (b->passive[k] == passive && b->keep[k] == keep)
		return;
	b->passive[k] = passive;
	b->keep[k] = keep;
	if (ifp)
		gmp_router_set_backup(in->r, ifp, k ? NET_AF_IP6 : NET_AF_IP4,
				      passive, keep);
}

void rbp_gmp_apply(struct rbp_inst *in)
{
	for (size_t i = 0; i < in->nb; i++) {
		struct rbp_profile *p = rbp_find(in, in->b[i].profile);

		for (int k = 0; k < 2; k++) {
			enum net_af af = k ? NET_AF_IP6 : NET_AF_IP4;
			bool keep = p && rbp_serves(p, af);

			gmp_set(in, &in->b[i], k,
				keep && p->role == RBP_ROLE_BACKUP, keep);
		}
	}
}

int rbp_bind(struct rbp_inst *in, struct node_iface *ifp, const char *name)
{
	struct rbp_bind *b = rbp_bind_of(in, ifp->ifindex);
	struct rbp_profile *p;

	if (b && (!name || strcmp(b->profile, name))) {
		/* The interface is nobody's backup any more: as usual. */
		p = rbp_find(in, b->profile);
		if (p)
			rbp_sync_forget(p, b->ifindex);
		gmp_set(in, b, 0, false, false);
		gmp_set(in, b, 1, false, false);
		*b = in->b[--in->nb];
		b = NULL;
	}
	if (!name)
		return 0;
	if (!b) {
		if (in->nb == in->capb) {
			size_t cap = in->capb ? 2 * in->capb : 8;
			struct rbp_bind *v = realloc(in->b, cap * sizeof(*v));

			if (!v)
				return -1;
			in->b = v;
			in->capb = cap;
		}
		b = &in->b[in->nb++];
		memset(b, 0, sizeof(*b));
		b->ifindex = ifp->ifindex;
		snprintf(b->profile, sizeof(b->profile), "%s", name);
	}
	rbp_gmp_apply(in);
	p = rbp_find(in, name);
	if (p)
		rbp_sync_iface(p, ifp);
	return 0;
}

/* ---- membership ---- */

static void on_member(void *arg, struct gmp_if *gi,
		      const struct net_addr *group, const struct net_addr *src,
		      enum gmp_mode mode, enum gmp_change change)
{
	(void)src;
	(void)mode;
	(void)change;
	rbp_sync_record(arg, gi, group);
}

static void on_report(void *arg, struct gmp_if *gi,
		      const struct net_addr *group)
{
	rbp_sync_record(arg, gi, group);
}

/* ---- module ---- */

static void *rbp_create(struct router *r)
{
	struct rbp_inst *in = calloc(1, sizeof(*in));

	if (!in)
		return NULL;
	in->r = r;
	in->ch = &rbp_chan_rbs;
	in->tx = calloc(1, sizeof(*in->tx));
	if (!in->tx) {
		free(in);
		return NULL;
	}
	/* Each may be absent from the module table: profiles then have no
	 * channel or nothing to back up, and say so. */
	gmp_router_watch(r, on_member, in);
	gmp_router_watch_reports(r, on_report, in);
	in->ch->watch(in->chctx, r, on_svc, in);
	return in;
}

/*
 * Silent, as router_module.h asks: no watch or listener is released and
 * no IGMP/MLD flag is reset, since the modules before us in the table
 * may be gone already (a crash loses their state too).
 */
static void rbp_destroy(void *state)
{
	struct rbp_inst *in = state;

	for (size_t i = 0; i < in->np; i++) {
		rbp_sync_fini(in->p[i]);
		free(in->p[i]);
	}
	free(in->p);
	free(in->b);
	free(in->tx);
	free(in);
}

static int rbp_register(struct cli_registry *reg)
{
	return rbp_cli_register(reg) || rbp_display_register(reg) ? -1 : 0;
}

const struct router_module rbp_module = {
	.name = "rbp",
	.cli_register = rbp_register,
	.create = rbp_create,
	.destroy = rbp_destroy,
};
