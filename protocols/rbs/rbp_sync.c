/*
 * Hot backup of IGMP/MLD group records over a remote backup service (the
 * messages of rbs_pkt.h; README.md "Profiles and hot backup (RBP)").
 * The Master sends a batch (BATCH_START, one ENTRY_ADD per group record
 * of the bound interfaces with its filter mode, remaining group timer and
 * sources with their remaining timers, as RFC 3376 section 6.2 / RFC 3810
 * section 7.2 keep them; BATCH_END with the count) when the channel comes
 * up, when it becomes Master, when the peer asks (BATCH_REQUEST) and on
 * `batch-backup now`; then, after each event that changed or refreshed
 * records, ENTRY_ADD / ENTRY_UPDATE / ENTRY_DELETE for them, coalesced
 * per record. A record that goes because its interface stopped (down,
 * IGMP disabled) is not deleted at the peer: the peer's copy runs down
 * with its timers, so a Master that loses its service link leaves the
 * Backup what it needs to take over. The Backup installs entries with the
 * membership import API on the bound interface of that name (timers from
 * the remaining values), removes what ENTRY_DELETE names, and at a
 * BATCH_END whose count matches removes the imported records the batch
 * did not carry (rbp_install.c). A Backup asks for a batch when it
 * becomes Backup.
 */
#include "protocols/rbs/rbp_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- key sets ---- */

static int key_cmp(const struct rbp_key *a, const struct rbp_key *b)
{
	if (a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	return net_addr_cmp(&a->group, &b->group);
}

/* Where x is or would go. */
static size_t key_pos(const struct rbp_keys *k, const struct rbp_key *x,
		      bool *found)
{
	size_t lo = 0, hi = k->n;

	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = key_cmp(&k->v[mid], x);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int rbp_keys_add(struct rbp_keys *k, const struct rbp_key *x)
{
	bool found;
	size_t i = key_pos(k, x, &found);

	if (found)
		return 0;
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 32;
		struct rbp_key *v = realloc(k->v, cap * sizeof(*v));

		if (!v)
			return -1;
		k->v = v;
		k->cap = cap;
	}
	memmove(&k->v[i + 1], &k->v[i], (k->n - i) * sizeof(k->v[0]));
	k->v[i] = *x;
	k->n++;
	return 1;
}

bool rbp_keys_has(const struct rbp_keys *k, const struct rbp_key *x)
{
	bool found;

	key_pos(k, x, &found);
	return found;
}

bool rbp_keys_del(struct rbp_keys *k, const struct rbp_key *x)
{
	bool found;
	size_t i = key_pos(k, x, &found);

	if (!found)
		return false;
	memmove(&k->v[i], &k->v[i + 1], (k->n - i - 1) * sizeof(k->v[0]));
	k->n--;
	return true;
}

void rbp_keys_free(struct rbp_keys *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}

static struct rbp_key key_of(int ifindex, const struct net_addr *group)
{
	struct rbp_key k;

	memset(&k, 0, sizeof(k));
	k.ifindex = ifindex;
	k.af = group->af;
	k.group = *group;
	return k;
}

/* ---- state ---- */

static void flush_fire(struct node_timer *nt);

int rbp_sync_init(struct rbp_profile *p)
{
	return node_timer_init(router_node(p->in->r), &p->flush, flush_fire);
}

void rbp_sync_fini(struct rbp_profile *p)
{
	node_timer_fini(&p->flush);
	rbp_keys_free(&p->sent);
	rbp_keys_free(&p->dirty);
	rbp_keys_free(&p->batch);
}

void rbp_sync_reset(struct rbp_profile *p)
{
	p->sent.n = 0;
	p->dirty.n = 0;
	p->batch.n = 0;
	p->in_batch = false;
	p->batch_n = 0;
	node_timer_cancel(&p->flush);
}

static void forget_in(struct rbp_keys *k, int ifindex)
{
	size_t n = 0;

	for (size_t i = 0; i < k->n; i++)
		if (k->v[i].ifindex != ifindex)
			k->v[n++] = k->v[i];
	k->n = n;
}

void rbp_sync_forget(struct rbp_profile *p, int ifindex)
{
	forget_in(&p->sent, ifindex);
	forget_in(&p->dirty, ifindex);
}

static bool can_send(const struct rbp_profile *p)
{
	return p->role == RBP_ROLE_MASTER && p->backup_id &&
	       rbp_chan_state(p) == RBS_CONNECTED;
}

static sim_time_t now_of(const struct rbp_profile *p)
{
	return node_now(router_node(p->in->r));
}

static struct rbs_msg *msg_new(struct rbp_profile *p, uint8_t type)
{
	struct rbs_msg *m = p->in->tx;

	memset(m, 0, sizeof(*m));
	m->version = RBS_VERSION;
	m->type = type;
	m->backup_id = p->backup_id;
	m->entry.backup_id = p->backup_id;
	return m;
}

/*
 * The entry of record g on ifp, timers as remaining durations (RFC 3376
 * 6.2.3: an EXCLUDE-mode source whose timer is zero is blocked, sent as
 * 0). False when the record is about to go (its timers are out): its
 * removal follows in this very instant. Beyond RBS_MAX_SRCS sources only
 * the first ones go (counted).
 */
static bool fill_entry(struct rbp_profile *p, const struct node_iface *ifp,
		       const struct gmp_group_info *g, struct rbs_entry *e)
{
	sim_time_t now = now_of(p);

	snprintf(e->ifname, sizeof(e->ifname), "%s", ifp->name);
	e->af = g->group.af;
	e->group = g->group;
	e->mode = (uint8_t)g->mode;
	e->group_left = g->mode == GMP_EXCLUDE ? g->expires - now : 0;
	if (g->mode == GMP_EXCLUDE && (g->expires < 0 || e->group_left <= 0))
		return false;
	e->nsrc = 0;
	for (size_t i = 0; i < g->nsrc; i++) {
		sim_time_t left = g->srcs[i].expires - now;

		if (g->srcs[i].expires < 0 || left < 0)
			left = 0;
		if (g->mode == GMP_INCLUDE && left <= 0)
			continue; /* expiring now */
		if (e->nsrc == RBS_MAX_SRCS) {
			p->c.truncated++;
			break;
		}
		e->srcs[e->nsrc].addr = g->srcs[i].addr;
		e->srcs[e->nsrc].left = left;
		e->nsrc++;
	}
	return g->mode == GMP_EXCLUDE || e->nsrc > 0;
}

/* ---- the Master ---- */

struct batch_ctx {
	struct rbp_profile *p;
	struct node_iface *ifp;
	uint32_t n;
	bool failed;
};

static void batch_one(void *arg, const struct gmp_group_info *g)
{
	struct batch_ctx *b = arg;
	struct rbs_msg *m;
	struct rbp_key k;

	if (b->failed)
		return;
	m = msg_new(b->p, RBS_T_ENTRY_ADD);
	if (!fill_entry(b->p, b->ifp, g, &m->entry))
		return;
	if (rbp_send(b->p, m) != 0) {
		b->failed = true;
		return;
	}
	b->n++;
	b->p->c.adds_tx++;
	k = key_of(b->ifp->ifindex, &g->group);
	rbp_keys_add(&b->p->sent, &k);
}

static void batch_iface(struct batch_ctx *b)
{
	for (int k = 0; k < 2 && !b->failed; k++) {
		enum net_af af = k ? NET_AF_IP6 : NET_AF_IP4;
		struct gmp_if *gi = gmp_router_if(b->p->in->r, b->ifp, af);

		if (rbp_serves(b->p, af) && gi && gmp_if_running(gi))
			gmp_if_each_group(gi, batch_one, b);
	}
}

/* A whole copy of the profile's records, in interface and group order. */
void rbp_sync_batch(struct rbp_profile *p, const char *cause)
{
	struct node *n = router_node(p->in->r);
	struct batch_ctx b = { .p = p };

	if (!can_send(p))
		return;
	rbp_sync_reset(p); /* the batch replaces all the peer holds */
	if (rbp_send(p, msg_new(p, RBS_T_BATCH_START)) != 0)
		return;
	for (int i = 0; i < n->nifaces && !b.failed; i++) {
		if (rbp_of_iface(p->in, i) != p)
			continue;
		b.ifp = n->ifaces[i];
		batch_iface(&b);
	}
	if (!b.failed) {
		struct rbs_msg *m = msg_new(p, RBS_T_BATCH_END);

		m->count = b.n;
		b.failed = rbp_send(p, m) != 0;
	}
	if (b.failed) { /* the channel went: the next one resends */
		rbp_sync_reset(p);
		return;
	}
	p->c.batches_tx++;
	p->last_batch_tx = now_of(p);
	rbp_log(p, "batch-tx", "cause", cause, "entries", b.n);
}

/* What became of one record since the peer was told. */
static void send_key(struct rbp_profile *p, const struct rbp_key *k)
{
	struct node_iface *ifp = rbp_iface(p->in, k->ifindex);
	struct gmp_if *gi =
		ifp ? gmp_router_if(p->in->r, ifp, (enum net_af)k->af) : NULL;
	bool running = gi && gmp_if_running(gi);
	bool had = rbp_keys_has(&p->sent, k);
	struct gmp_group_info g;
	struct rbs_msg *m;

	if (!ifp || rbp_of_iface(p->in, k->ifindex) != p)
		return;
	if (running && gmp_if_group(gi, &k->group, &g)) {
		m = msg_new(p, had ? RBS_T_ENTRY_UPDATE : RBS_T_ENTRY_ADD);
		if (!fill_entry(p, ifp, &g, &m->entry) || rbp_send(p, m) != 0)
			return;
		if (had)
			p->c.updates_tx++;
		else
			p->c.adds_tx++;
		rbp_keys_add(&p->sent, k);
		return;
	}
	if (!had)
		return;
	rbp_keys_del(&p->sent, k);
	if (!running)
		return; /* stopped, not withdrawn: the peer's copy runs down */
	m = msg_new(p, RBS_T_ENTRY_DELETE);
	snprintf(m->entry.ifname, sizeof(m->entry.ifname), "%s", ifp->name);
	m->entry.af = (enum net_af)k->af;
	m->entry.group = k->group;
	if (rbp_send(p, m) == 0)
		p->c.deletes_tx++;
}

static void flush_fire(struct node_timer *nt)
{
	struct rbp_profile *p = sim_container_of(nt, struct rbp_profile, flush);
	struct rbp_keys d = p->dirty;

	/* Sending may take the channel down (and reset the sets). */
	memset(&p->dirty, 0, sizeof(p->dirty));
	for (size_t i = 0; i < d.n && can_send(p); i++)
		send_key(p, &d.v[i]);
	rbp_keys_free(&d);
}

static void mark(struct rbp_profile *p, int ifindex,
		 const struct net_addr *group)
{
	struct rbp_key k = key_of(ifindex, group);

	if (rbp_keys_add(&p->dirty, &k) < 0) {
		rbp_sync_batch(p, "out-of-memory"); /* whole copy instead */
		return;
	}
	if (!node_timer_armed(&p->flush))
		node_timer_arm(&p->flush, now_of(p));
}

void rbp_sync_record(struct rbp_inst *in, struct gmp_if *gi,
		     const struct net_addr *group)
{
	struct node_iface *ifp = gmp_router_ifp(in->r, gi);
	struct rbp_profile *p = ifp ? rbp_of_iface(in, ifp->ifindex) : NULL;

	if (p && rbp_serves(p, group->af) && can_send(p))
		mark(p, ifp->ifindex, group);
}

struct mark_ctx {
	struct rbp_profile *p;
	int ifindex;
};

static void mark_one(void *arg, const struct gmp_group_info *g)
{
	struct mark_ctx *c = arg;

	mark(c->p, c->ifindex, &g->group);
}

void rbp_sync_iface(struct rbp_profile *p, struct node_iface *ifp)
{
	struct mark_ctx c = { p, ifp->ifindex };

	for (int k = 0; k < 2 && can_send(p); k++) {
		enum net_af af = k ? NET_AF_IP6 : NET_AF_IP4;
		struct gmp_if *gi = gmp_router_if(p->in->r, ifp, af);

		if (rbp_serves(p, af) && gi && gmp_if_running(gi))
			gmp_if_each_group(gi, mark_one, &c);
	}
}

static void send_request(struct rbp_profile *p)
{
	if (!p->backup_id || rbp_chan_state(p) != RBS_CONNECTED)
		return;
	if (rbp_send(p, msg_new(p, RBS_T_BATCH_REQUEST)) == 0) {
		p->c.requests_tx++;
		rbp_log(p, "batch-request", NULL, NULL, NULL, 0);
	}
}

void rbp_sync_role(struct rbp_profile *p, enum rbp_role old)
{
	(void)old;
	rbp_sync_reset(p);
	if (p->role == RBP_ROLE_MASTER)
		rbp_sync_batch(p, "master");
	else if (p->role == RBP_ROLE_BACKUP)
		send_request(p);
}

void rbp_sync_chan(struct rbp_profile *p, enum rbs_state st)
{
	rbp_sync_reset(p); /* a new connection, or none */
	if (st == RBS_CONNECTED)
		rbp_sync_batch(p, "channel-up");
}

int rbp_sync_now(struct rbp_profile *p, char *why, size_t len)
{
	if (!p->backup_id) {
		snprintf(why, len, "The profile has no backup-id.");
		return -1;
	}
	if (rbp_chan_state(p) != RBS_CONNECTED) {
		snprintf(why, len,
			 "The remote backup service %s is not connected.",
			 p->svc_name);
		return -1;
	}
	if (p->role == RBP_ROLE_NONE) {
		snprintf(why, len,
			 "The profile has no VRRP group: it neither sends "
			 "nor receives.");
		return -1;
	}
	if (p->role == RBP_ROLE_MASTER)
		rbp_sync_batch(p, "command");
	else
		send_request(p);
	return 0;
}
