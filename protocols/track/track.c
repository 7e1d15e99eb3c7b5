/*
 * Interface monitoring groups on a router: the group table, the down
 * ratio of the members' links (admin up and carrier detected; a member
 * held down by a protocol, VRRP flowdown, counts as up), recomputed on
 * every link change the router reports through router_link_listen and on
 * every configuration change, the "track monitor-group" event log records
 * and the watch API (see track.h). A vendor feature (Huawei VRP); no RFC
 * applies.
 */
#include "protocols/track/track_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct track_inst *track_inst(struct router *r)
{
	return r ? router_module_state(r, &track_module) : NULL;
}

struct track_mg *track_mg_find(struct track_inst *t, const char *name)
{
	for (unsigned i = 0; t && name && i < t->nmg; i++)
		if (!strcmp(t->mg[i]->name, name))
			return t->mg[i];
	return NULL;
}

struct node_iface *track_mg_iface(struct track_inst *t,
				  const struct track_mg *g, unsigned i)
{
	struct node *n = router_node(t->r);
	int k = i < g->nbind ? g->bind[i].ifindex : -1;

	return k >= 0 && k < n->nifaces ? n->ifaces[k] : NULL;
}

int track_mg_ratio(struct track_inst *t, const char *name)
{
	struct track_mg *g = track_mg_find(t, name);

	return g ? (int)g->pct : -1;
}

/* ---- ratio ---- */

static void notify(struct track_inst *t, const struct track_mg *g)
{
	int last = t->next_watch;

	for (int i = 0; i < TRACK_MAX_WATCHERS; i++) {
		struct track_watcher *w = &t->watch[i];

		/* A callback may unwatch (slot cleared) or watch (told by
		 * track_mg_watch itself, so skipped here) as we go. */
		if (w->id && w->id <= last && !strcmp(w->name, g->name))
			w->fn(w->arg, g->name, g->pct);
	}
}

static void log_change(struct track_inst *t, const struct track_mg *g,
		       unsigned old, const char *cause,
		       const struct node_iface *ifp)
{
	struct sim_log_rec rec;

	node_log_begin(&rec, router_node(t->r), "track", "monitor-group");
	sim_log_str(&rec, "group", g->name);
	sim_log_uint(&rec, "down_pct", g->pct);
	sim_log_uint(&rec, "up", g->up);
	sim_log_uint(&rec, "total", g->nbind);
	sim_log_bool(&rec, "enabled", g->enabled);
	sim_log_str(&rec, "cause", cause);
	if (ifp)
		sim_log_str(&rec, "iface", ifp->name);
	if (g->pct > old)
		sim_log_str(&rec, "mark", "detect");
	sim_log_end(&rec);
}

/*
 * Count the members up and publish the ratio if it changed. Rounded down,
 * so for an integer threshold R, pct >= R exactly when the true ratio is.
 */
static void mg_update(struct track_inst *t, struct track_mg *g,
		      const char *cause, const struct node_iface *why)
{
	unsigned up = 0, pct = 0, old = g->pct;

	for (unsigned i = 0; i < g->nbind; i++) {
		struct node_iface *ifp = track_mg_iface(t, g, i);

		/* The link, not the oper state: a port held down by a
		 * protocol (VRRP flowdown) has a good link, and counting it
		 * down would keep an mVRRP that tracks it from ever becoming
		 * Master (the hold lasts while the mVRRP is not Master). */
		if (ifp && (ifp->oper_up || (router_iface_held(t->r, ifp) &&
					     ifp->admin_up && ifp->carrier)))
			up++;
	}
	g->up = up;
	if (g->enabled && g->nbind)
		pct = 100u * (g->nbind - up) / g->nbind;
	if (pct == old)
		return;
	g->pct = pct;
	log_change(t, g, old, cause, why);
	notify(t, g);
}

/* ---- configuration ---- */

struct track_mg *track_mg_add(struct track_inst *t, const char *name)
{
	struct track_mg *g;

	if (t->nmg >= TRACK_MG_MAX || strlen(name) > TRACK_MG_NAME_MAX)
		return NULL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	snprintf(g->name, sizeof(g->name), "%s", name);
	t->mg[t->nmg++] = g;
	notify(t, g); /* watchers waiting for it learn it exists: 0 % */
	return g;
}

void track_mg_del(struct track_inst *t, struct track_mg *g)
{
	/* Watchers see the ratio fall to 0 before the group goes. */
	g->enabled = false;
	mg_update(t, g, "deleted", NULL);
	for (unsigned i = 0; i < t->nmg; i++)
		if (t->mg[i] == g) {
			memmove(&t->mg[i], &t->mg[i + 1],
				(t->nmg - i - 1) * sizeof(t->mg[0]));
			t->nmg--;
			break;
		}
	free(g);
}

int track_mg_bind(struct track_inst *t, struct track_mg *g,
		  struct node_iface *ifp, char *why, size_t whylen)
{
	for (unsigned i = 0; i < g->nbind; i++)
		if (g->bind[i].ifindex == ifp->ifindex) {
			snprintf(why, whylen,
				 "The interface %s is already bound to "
				 "monitor group %s.",
				 ifp->name, g->name);
			return -1;
		}
	if (g->nbind >= TRACK_MG_MAX_BIND) {
		snprintf(why, whylen,
			 "A monitor group binds at most %d interfaces.",
			 TRACK_MG_MAX_BIND);
		return -1;
	}
	g->bind[g->nbind++].ifindex = ifp->ifindex;
	mg_update(t, g, "config", NULL);
	return 0;
}

int track_mg_unbind(struct track_inst *t, struct track_mg *g,
		    struct node_iface *ifp)
{
	for (unsigned i = 0; i < g->nbind; i++)
		if (g->bind[i].ifindex == ifp->ifindex) {
			memmove(&g->bind[i], &g->bind[i + 1],
				(g->nbind - i - 1) * sizeof(g->bind[0]));
			g->nbind--;
			mg_update(t, g, "config", NULL);
			return 0;
		}
	return -1;
}

void track_mg_enable(struct track_inst *t, struct track_mg *g, bool on)
{
	g->enabled = on;
	mg_update(t, g, "config", NULL);
}

/* ---- watchers ---- */

int track_mg_watch(struct track_inst *t, const char *name, track_mg_fn fn,
		   void *arg)
{
	struct track_watcher *w = NULL;
	struct track_mg *g;
	int id;

	if (!t || !fn || !name || !name[0] || strlen(name) > TRACK_MG_NAME_MAX)
		return -1;
	for (int i = 0; i < TRACK_MAX_WATCHERS && !w; i++)
		if (!t->watch[i].id)
			w = &t->watch[i];
	if (!w)
		return -1;
	memset(w, 0, sizeof(*w));
	id = w->id = ++t->next_watch;
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->fn = fn;
	w->arg = arg;
	g = track_mg_find(t, name);
	if (g)
		fn(arg, g->name, g->pct); /* where the group stands now */
	return id;
}

void track_mg_unwatch(struct track_inst *t, int id)
{
	for (int i = 0; t && id > 0 && i < TRACK_MAX_WATCHERS; i++)
		if (t->watch[i].id == id) {
			memset(&t->watch[i], 0, sizeof(t->watch[i]));
			return;
		}
}

/* ---- module ---- */

/* An interface went up or down: every group binding it is recomputed. */
static void iface_change(void *ctx, struct router *r, struct node_iface *ifp,
			 bool up)
{
	struct track_inst *t = ctx;

	(void)r;
	(void)up;
	for (unsigned i = 0; i < t->nmg; i++) {
		struct track_mg *g = t->mg[i];

		for (unsigned k = 0; k < g->nbind; k++)
			if (g->bind[k].ifindex == ifp->ifindex) {
				mg_update(t, g, "iface", ifp);
				break;
			}
	}
}

static void *track_create(struct router *r)
{
	struct track_inst *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->r = r;
	if (router_link_listen(r, iface_change, t) != 0) {
		free(t);
		return NULL;
	}
	return t;
}

static void track_destroy(void *state)
{
	struct track_inst *t = state;

	for (unsigned i = 0; i < t->nmg; i++)
		free(t->mg[i]);
	free(t);
}

const struct router_module track_module = {
	.name = "track",
	.cli_register = track_cli_register,
	.create = track_create,
	.destroy = track_destroy,
};
