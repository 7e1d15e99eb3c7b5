/*
 * Multicast track on a router: the bindings of multicast service
 * interfaces to VRRP groups, the VRRP watches that follow those groups
 * (vrrp_watch: every state change, the current state at once), the gate
 * that lets multicast out of the interface only while the group is Master
 * (router_mcast_gate, reprogrammed through the ASIC queue), and the
 * "mtrack gate" event log records. A vendor feature (Huawei VRP); no RFC
 * applies beyond the VRRP states of RFC 5798 section 6.4.
 */
#include "protocols/mtrack/mtrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/vrrp/vrrp_router.h"

struct mtrack_inst *mtrack_inst(struct router *r)
{
	return r ? router_module_state(r, &mtrack_module) : NULL;
}

const char *mtrack_kind_name(enum mtrack_kind k, enum net_af af)
{
	bool v6 = af == NET_AF_IP6;

	if (k == MTRACK_ADMIN)
		return v6 ? "admin-vrrp6" : "admin-vrrp";
	return v6 ? "vrrp6" : "vrrp";
}

static const char *af_name(enum net_af af)
{
	return af == NET_AF_IP6 ? "ipv6" : "ipv4";
}

static struct node_iface *bind_iface(const struct mtrack_bind *b)
{
	struct node *n = router_node(b->m->r);

	return b->ifindex >= 0 && b->ifindex < n->nifaces
		       ? n->ifaces[b->ifindex]
		       : NULL;
}

struct mtrack_bind *mtrack_find(struct mtrack_inst *m, int ifindex,
				enum net_af af)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (m->b[i]->ifindex == ifindex && m->b[i]->af == af)
			return m->b[i];
	return NULL;
}

void mtrack_info_of(const struct mtrack_bind *b, struct mtrack_info *out)
{
	const struct node_iface *ifp = bind_iface(b);

	memset(out, 0, sizeof(*out));
	out->kind = b->kind;
	snprintf(out->ifname, sizeof(out->ifname), "%s", ifp ? ifp->name : "");
	snprintf(out->vifname, sizeof(out->vifname), "%s", b->vifname);
	out->vrid = b->vrid;
	out->state = b->state;
	out->open = b->open;
	out->opens = b->opens;
	out->closes = b->closes;
	out->changed = b->changed;
}

int mtrack_binding(struct mtrack_inst *m, const char *ifname, enum net_af af,
		   struct mtrack_info *out)
{
	struct node_iface *ifp =
		m && ifname ? node_iface_find(router_node(m->r), ifname) : NULL;
	struct mtrack_bind *b = ifp ? mtrack_find(m, ifp->ifindex, af) : NULL;

	if (!b)
		return -1;
	if (out)
		mtrack_info_of(b, out);
	return 0;
}

unsigned mtrack_count(const struct mtrack_inst *m, enum net_af af)
{
	unsigned n = 0;

	for (size_t i = 0; m && i < m->n; i++)
		n += m->b[i]->af == af;
	return n;
}

/* ---- the gate ---- */

static void log_gate(struct mtrack_bind *b, const struct node_iface *ifp,
		     const char *cause)
{
	struct sim_log_rec rec;

	node_log_begin(&rec, router_node(b->m->r), "mtrack", "gate");
	sim_log_str(&rec, "iface", ifp->name);
	sim_log_str(&rec, "af", af_name(b->af));
	sim_log_bool(&rec, "open", b->open);
	sim_log_str(&rec, "track", mtrack_kind_name(b->kind, b->af));
	sim_log_str(&rec, "vrrp_iface", b->vifname);
	sim_log_uint(&rec, "vrid", b->vrid);
	sim_log_str(&rec, "state", vrrp_state_name(b->state));
	sim_log_str(&rec, "cause", cause);
	/* The forwarding role moved here: a transition of the outage
	 * anatomy (sim/measure/meas.h, sim/run/sim_marks.c). */
	if (b->open)
		sim_log_str(&rec, "mark", "transition");
	sim_log_end(&rec);
}

/* Set the gate to `open` (reprogramming through the ASIC queue) when it
 * is not there already, and log the change. */
static void gate_set(struct mtrack_bind *b, bool open, const char *cause)
{
	struct node_iface *ifp = bind_iface(b);

	if (!ifp || b->open == open)
		return;
	router_mcast_gate(b->m->r, ifp, b->af, open);
	b->open = open;
	if (open)
		b->opens++;
	else
		b->closes++;
	b->changed = node_now(router_node(b->m->r));
	log_gate(b, ifp, cause);
}

static void on_vrrp(void *arg, const char *ifname, enum net_af af, uint8_t vrid,
		    enum vrrp_state old_state, enum vrrp_state new_state)
{
	struct mtrack_bind *b = arg;

	(void)ifname;
	(void)af;
	(void)vrid;
	(void)old_state;
	b->state = new_state;
	gate_set(b, new_state == VRRP_STATE_MASTER, "vrrp");
}

/* ---- bindings ---- */

/* Follow (vifname, vrid) from now on; the watch tells the current state
 * at once when the group is not in Initialize. 0 or -1. */
static int watch(struct mtrack_bind *b, struct vrrp_inst *v)
{
	b->state = vrrp_state_of(v, b->vifname, b->af, b->vrid);
	b->watch = vrrp_watch(v, b->vifname, b->af, b->vrid, on_vrrp, b);
	return b->watch > 0 ? 0 : -1;
}

static struct mtrack_bind *bind_new(struct mtrack_inst *m,
				    struct node_iface *ifp, enum net_af af)
{
	struct mtrack_bind *b;

	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 8;
		struct mtrack_bind **nb = realloc(m->b, cap * sizeof(*nb));

		if (!nb)
			return NULL;
		m->b = nb;
		m->cap = cap;
	}
	b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->m = m;
	b->ifindex = ifp->ifindex;
	b->af = af;
	b->open = router_mcast_gate_open(m->r, ifp, af);
	b->changed = node_now(router_node(m->r));
	m->b[m->n++] = b;
	return b;
}

static void bind_free(struct mtrack_inst *m, struct mtrack_bind *b)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->b[i] == b) {
			memmove(&m->b[i], &m->b[i + 1],
				(m->n - i - 1) * sizeof(m->b[0]));
			m->n--;
			break;
		}
	free(b);
}

/* Point an existing binding of the same kind at another group; on
 * failure it keeps following the old one. */
static int rebind(struct mtrack_bind *b, struct vrrp_inst *v,
		  const char *vifname, uint8_t vrid)
{
	char oldif[NODE_IFNAME_MAX];
	uint8_t oldvrid = b->vrid;

	if (!strcmp(b->vifname, vifname) && b->vrid == vrid)
		return 0;
	snprintf(oldif, sizeof(oldif), "%s", b->vifname);
	vrrp_unwatch(v, b->watch);
	snprintf(b->vifname, sizeof(b->vifname), "%s", vifname);
	b->vrid = vrid;
	if (watch(b, v) == 0)
		return 0;
	/* The slot just freed takes the old watch back. */
	snprintf(b->vifname, sizeof(b->vifname), "%s", oldif);
	b->vrid = oldvrid;
	watch(b, v);
	return -1;
}

int mtrack_bind(struct mtrack_inst *m, struct node_iface *ifp, enum net_af af,
		enum mtrack_kind kind, const char *vifname, uint8_t vrid,
		char *why, size_t whylen)
{
	struct vrrp_inst *v = vrrp_inst(m->r);
	struct mtrack_bind *b = mtrack_find(m, ifp->ifindex, af);

	if (!v) {
		snprintf(why, whylen, "VRRP is not available on this router.");
		return -1;
	}
	if (b && b->kind != kind) {
		snprintf(why, whylen,
			 "The interface is already bound to %s vrid %u of "
			 "%s.",
			 mtrack_kind_name(b->kind, af), b->vrid, b->vifname);
		return -1;
	}
	if (b) {
		if (rebind(b, v, vifname, vrid) != 0)
			goto nowatch;
	} else {
		b = bind_new(m, ifp, af);
		if (!b) {
			snprintf(why, whylen, "Out of memory.");
			return -1;
		}
		b->kind = kind;
		snprintf(b->vifname, sizeof(b->vifname), "%s", vifname);
		b->vrid = vrid;
		if (watch(b, v) != 0) {
			bind_free(m, b);
			goto nowatch;
		}
	}
	gate_set(b, b->state == VRRP_STATE_MASTER, "config");
	return 0;
nowatch:
	snprintf(why, whylen,
		 "No more VRRP groups can be followed on this "
		 "router.");
	return -1;
}

void mtrack_unbind(struct mtrack_inst *m, struct mtrack_bind *b)
{
	vrrp_unwatch(vrrp_inst(m->r), b->watch);
	b->watch = 0;
	/* Without a binding the interface forwards as any other. */
	gate_set(b, true, "unbound");
	bind_free(m, b);
}

/* ---- module ---- */

static void *mtrack_create(struct router *r)
{
	struct mtrack_inst *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->r = r;
	return m;
}

/*
 * Silent, as router_module.h asks: no gate is touched (the crash clears
 * the forwarding state anyway) and no watch is released, because VRRP
 * may be gone already when it comes before us in the module table; its
 * own destroy calls no watcher, so nothing calls into freed bindings.
 */
static void mtrack_destroy(void *state)
{
	struct mtrack_inst *m = state;

	for (size_t i = 0; i < m->n; i++)
		free(m->b[i]);
	free(m->b);
	free(m);
}

const struct router_module mtrack_module = {
	.name = "mtrack",
	.cli_register = mtrack_cli_register,
	.create = mtrack_create,
	.destroy = mtrack_destroy,
};
