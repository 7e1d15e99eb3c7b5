/*
 * The receiving side of hot backup: the messages of a profile's service
 * (rbs_pkt.h; README.md "Profiles and hot backup (RBP)") taken by role.
 * A Backup installs ENTRY_ADD / ENTRY_UPDATE with the membership import
 * API (gmp_router_import: filter mode, group timer and source timers
 * from the remaining values, RFC 3376 section 6.2 / RFC 3810 section 7.2
 * state) on the bound interface the entry names, removes what
 * ENTRY_DELETE names, and at the BATCH_END of a batch whose count matches
 * the entries received removes the imported records of its interfaces
 * that the batch did not carry. A Master answers BATCH_REQUEST with a
 * batch. Anything else, or any message its role does not take, is counted
 * as ignored: each side's role is its own VRRP group's, and two Masters
 * (a split) must not overwrite each other.
 */
#include "protocols/rbs/rbp_int.h"

#include <stdio.h>
#include <string.h>

static sim_time_t now_of(const struct rbp_profile *p)
{
	return node_now(router_node(p->in->r));
}

static void ignored(struct rbp_profile *p, const struct rbs_msg *m)
{
	p->c.ignored++;
	rbp_log(p, "ignored", "type", rbs_type_name(m->type), "role", p->role);
}

/* The bound interface an entry names, or NULL (counted). */
static struct node_iface *entry_iface(struct rbp_profile *p,
				      const struct rbs_entry *e)
{
	struct node_iface *ifp =
		node_iface_find(router_node(p->in->r), e->ifname);

	if (!ifp || rbp_of_iface(p->in, ifp->ifindex) != p ||
	    e->group.af != e->af || !rbp_serves(p, e->af)) {
		p->c.unknown_if++;
		rbp_log(p, "unknown-interface", "iface", e->ifname, NULL, 0);
		return NULL;
	}
	return ifp;
}

static void install(struct rbp_profile *p, const struct rbs_entry *e)
{
	struct rbp_inst *in = p->in;
	struct node_iface *ifp;
	struct gmp_import im;
	struct rbp_key k;

	p->c.entries_rx++;
	if (p->in_batch)
		p->batch_n++;
	ifp = entry_iface(p, e);
	if (!ifp)
		return;
	memset(&im, 0, sizeof(im));
	im.group = e->group;
	im.mode = e->mode ? GMP_EXCLUDE : GMP_INCLUDE;
	im.group_left = e->group_left;
	im.nsrc = e->nsrc <= RBS_MAX_SRCS ? e->nsrc : RBS_MAX_SRCS;
	for (size_t i = 0; i < im.nsrc; i++) {
		in->srcs[i] = e->srcs[i].addr;
		in->left[i] = e->srcs[i].left;
	}
	im.srcs = in->srcs;
	im.src_left = in->left;
	if (e->mode <= 1 && gmp_router_import(in->r, ifp, &im) == 0) {
		p->c.installed++;
		/* Carried by the batch: kept at its end. An entry that
		 * failed is not, so an older copy of it goes as stale. */
		if (p->in_batch) {
			memset(&k, 0, sizeof(k));
			k.ifindex = ifp->ifindex;
			k.af = e->af;
			k.group = e->group;
			rbp_keys_add(&p->batch, &k);
		}
		return;
	}
	p->c.install_fail++;
	rbp_log(p, "install-failed", "iface", ifp->name, NULL, 0);
}

static void withdraw(struct rbp_profile *p, const struct rbs_entry *e)
{
	struct node_iface *ifp;

	p->c.deletes_rx++;
	ifp = entry_iface(p, e);
	if (ifp && gmp_router_import_remove(p->in->r, ifp, &e->group) == 0)
		p->c.removed++;
}

/* ---- end of a batch ---- */

struct stale_ctx {
	struct rbp_profile *p;
	int ifindex;
	struct rbp_keys gone;
};

static void stale_one(void *arg, const struct gmp_group_info *g)
{
	struct stale_ctx *c = arg;
	struct rbp_key k;

	memset(&k, 0, sizeof(k));
	k.ifindex = c->ifindex;
	k.af = g->group.af;
	k.group = g->group;
	if (g->imported && !rbp_keys_has(&c->p->batch, &k))
		rbp_keys_add(&c->gone, &k);
}

/* Imported records of the profile's interfaces the batch did not
 * carry: the Master has none of them any more. */
static uint64_t remove_stale(struct rbp_profile *p)
{
	struct node *n = router_node(p->in->r);
	struct stale_ctx c = { .p = p };
	uint64_t removed = 0;

	for (int i = 0; i < n->nifaces; i++) {
		if (rbp_of_iface(p->in, i) != p)
			continue;
		c.ifindex = i;
		for (int k = 0; k < 2; k++) {
			enum net_af af = k ? NET_AF_IP6 : NET_AF_IP4;
			struct gmp_if *gi =
				gmp_router_if(p->in->r, n->ifaces[i], af);

			if (rbp_serves(p, af) && gi && gmp_if_running(gi))
				gmp_if_each_group(gi, stale_one, &c);
		}
	}
	for (size_t i = 0; i < c.gone.n; i++) {
		const struct rbp_key *k = &c.gone.v[i];

		if (gmp_router_import_remove(p->in->r, n->ifaces[k->ifindex],
					     &k->group) == 0)
			removed++;
	}
	rbp_keys_free(&c.gone);
	return removed;
}

static void batch_end(struct rbp_profile *p, uint32_t count)
{
	uint64_t stale = 0;

	if (!p->in_batch) {
		p->c.count_errors++;
		rbp_log(p, "batch-end-unexpected", NULL, NULL, "count", count);
		return;
	}
	p->c.batches_rx++;
	p->last_batch_rx = now_of(p);
	if (count != p->batch_n) {
		/* Nothing is known to be stale: keep everything. */
		p->c.count_errors++;
		rbp_log(p, "batch-count-mismatch", NULL, NULL, "count", count);
	} else {
		stale = remove_stale(p);
		p->c.stale += stale;
		p->c.removed += stale;
	}
	rbp_log(p, "batch-rx", NULL, NULL, "stale", stale);
	p->in_batch = false;
	p->batch.n = 0;
}

void rbp_sync_msg(struct rbp_profile *p, const struct rbs_msg *m)
{
	bool backup = p->role == RBP_ROLE_BACKUP;

	if (!p->backup_id || m->backup_id != p->backup_id)
		return; /* another profile's */
	switch (m->type) {
	case RBS_T_BATCH_REQUEST:
		if (p->role != RBP_ROLE_MASTER)
			break;
		p->c.requests_rx++;
		rbp_sync_batch(p, "request");
		return;
	case RBS_T_BATCH_START:
		if (!backup)
			break;
		p->in_batch = true;
		p->batch_n = 0;
		p->batch.n = 0;
		return;
	case RBS_T_ENTRY_ADD:
	case RBS_T_ENTRY_UPDATE:
		if (!backup)
			break;
		install(p, &m->entry);
		return;
	case RBS_T_ENTRY_DELETE:
		if (!backup)
			break;
		withdraw(p, &m->entry);
		return;
	case RBS_T_BATCH_END:
		if (!backup)
			break;
		batch_end(p, m->count);
		return;
	default:
		break;
	}
	ignored(p, m);
}
