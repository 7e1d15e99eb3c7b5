/*
 * Building a world from a scenario spec: engine, log, frame pool, the VRP
 * command registry, nodes, links (interfaces are created from the link
 * endpoints; router port names are checked the way the router's CLI reads
 * them), traffic and measurement, faults, router boot at time 0, then
 * displays. Every semantic error names the scenario file and line.
 */
#include "sim/run/sim_world_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/asic/asic.h"
#include "sim/node/node_host.h"
#include "sim/node/node_switch.h"
#include "sim/router/router.h"

static void profile_from_spec(const struct scn_profile *sp,
			      struct asic_profile *p)
{
	asic_profile_default(p);
	snprintf(p->name, sizeof(p->name), "%s", sp->name);
	p->pipeline_latency = sp->pipeline_latency;
	p->replication_latency = sp->replication_latency;
	p->punt_latency = sp->punt_latency;
	p->inject_latency = sp->inject_latency;
	p->cpu_pps = sp->cpu_pps;
	p->cpu_queue = sp->cpu_queue;
	p->fib_write = sp->fib_write;
	p->mfib_write = sp->mfib_write;
	p->oif_write = sp->oif_write;
	p->adj_write = sp->adj_write;
	p->batch_overhead = sp->batch_overhead;
	p->link_detect = sp->link_detect;
	p->egress_queue = sp->egress_queue;
}

static int host_build(struct sim_world *w, const struct scn_node *sn,
		      struct node *h, char *err, size_t errlen)
{
	for (size_t i = 0; i < sn->host.nifaces; i++) {
		const struct scn_host_iface *hi = &sn->host.ifaces[i];
		struct net_ip4 a4;
		struct net_ip6 a6;
		int rc = 0;

		if (!node_host_iface_add(h, hi->name, &hi->mac))
			return scn_spec_errf(w->spec, hi->loc, err, errlen,
					     "host %s: cannot add interface "
					     "%s",
					     sn->name, hi->name);
		if (hi->ip4.af == NET_AF_IP4) {
			a4 = net_addr_ip4(&hi->ip4);
			rc |= node_host_set_ipv4(h, hi->name, &a4, hi->ip4_len);
		}
		if (hi->gateway4.af == NET_AF_IP4) {
			a4 = net_addr_ip4(&hi->gateway4);
			rc |= node_host_set_gateway(h, hi->name, &a4);
		}
		if (hi->ip6.af == NET_AF_IP6) {
			a6 = net_addr_ip6(&hi->ip6);
			rc |= node_host_set_ipv6(h, hi->name, &a6, hi->ip6_len);
		}
		if (hi->gateway6.af == NET_AF_IP6) {
			a6 = net_addr_ip6(&hi->gateway6);
			rc |= node_host_set_gateway6(h, hi->name, &a6);
		}
		if (rc != 0)
			return scn_spec_errf(w->spec, hi->loc, err, errlen,
					     "host %s: interface %s: address "
					     "or gateway refused",
					     sn->name, hi->name);
	}
	return 0;
}

static int nodes_build(struct sim_world *w, char *err, size_t errlen)
{
	const struct scn_spec *spec = w->spec;

	w->nodes = calloc(spec->nnodes ? spec->nnodes : 1, sizeof(*w->nodes));
	if (!w->nodes)
		return -1;
	for (size_t i = 0; i < spec->nnodes; i++) {
		const struct scn_node *sn = &spec->nodes[i];
		struct node *n = NULL;

		if (sn->kind == SCN_NODE_ROUTER) {
			struct asic_profile prof;
			struct router_params rp = {
				.name = sn->name,
				.profile = &prof,
				.reg = w->reg,
				.config = sn->router.config,
				.config_src = spec->file,
				.config_line = sn->router.config_line,
				.config_indent = sn->router.config_indent,
				.modules = w->modules,
				.boot_delay = sn->router.boot_delay,
			};
			struct router *r;

			profile_from_spec(&spec->profiles[sn->router.profile],
					  &prof);
			r = router_new(&w->env, &rp);
			n = r ? router_node(r) : NULL;
		} else if (sn->kind == SCN_NODE_SWITCH) {
			n = node_switch_new(&w->env, sn->name,
					    sn->sw.mac_ageing);
			if (n)
				node_switch_set_snooping(n, sn->sw.snooping);
		} else {
			n = node_host_new(&w->env, sn->name);
			if (n && host_build(w, sn, n, err, errlen) != 0) {
				node_destroy(n);
				return -1;
			}
		}
		if (!n)
			return scn_spec_errf(w->spec, sn->loc, err, errlen,
					     "cannot create node %s", sn->name);
		w->nodes[i] = n;
	}
	return 0;
}

/* The interface an endpoint names, created for routers and switches. */
static struct node_iface *endpoint_iface(struct sim_world *w,
					 const struct scn_endpoint *ep,
					 char *err, size_t errlen)
{
	const struct scn_node *sn = &w->spec->nodes[ep->node_idx];
	struct node *n = w->nodes[ep->node_idx];
	struct node_iface *ifp;
	char why[160];

	switch (sn->kind) {
	case SCN_NODE_ROUTER:
		ifp = router_port_add(router_from_node(n), ep->iface, why,
				      sizeof(why));
		if (!ifp)
			scn_spec_errf(w->spec, ep->loc, err, errlen,
				      "%s:%s: %s", ep->node, ep->iface, why);
		return ifp;
	case SCN_NODE_SWITCH:
		if (node_iface_find(n, ep->iface)) {
			scn_spec_errf(w->spec, ep->loc, err, errlen,
				      "%s:%s is already connected", ep->node,
				      ep->iface);
			return NULL;
		}
		ifp = node_iface_add(n, ep->iface, NULL);
		if (!ifp)
			scn_spec_errf(w->spec, ep->loc, err, errlen,
				      "cannot add port %s:%s", ep->node,
				      ep->iface);
		return ifp;
	default:
		ifp = node_iface_find(n, ep->iface);
		if (!ifp)
			scn_spec_errf(w->spec, ep->loc, err, errlen,
				      "host %s has no interface %s (declare "
				      "it under interfaces:)",
				      ep->node, ep->iface);
		else if (ifp->link) {
			scn_spec_errf(w->spec, ep->loc, err, errlen,
				      "%s:%s is already connected", ep->node,
				      ep->iface);
			return NULL;
		}
		return ifp;
	}
}

static int links_build(struct sim_world *w, char *err, size_t errlen)
{
	const struct scn_spec *spec = w->spec;

	w->links = calloc(spec->nlinks ? spec->nlinks : 1, sizeof(*w->links));
	if (!w->links)
		return -1;
	for (size_t i = 0; i < spec->nlinks; i++) {
		const struct scn_link *sl = &spec->links[i];
		struct node_iface *a, *b;

		a = endpoint_iface(w, &sl->a, err, errlen);
		if (!a)
			return -1;
		b = endpoint_iface(w, &sl->b, err, errlen);
		if (!b)
			return -1;
		w->links[i] =
			node_link_new(&w->env, sl->name, a, b, sl->rate_bps,
				      sl->delay, sl->loss_ppb, sl->up);
		if (!w->links[i])
			return scn_spec_errf(w->spec, sl->loc, err, errlen,
					     "cannot create link %s", sl->name);
	}
	return 0;
}

/* Attach the host and switch modules to every node of their kind. */
static int node_modules_attach(struct sim_world *w, char *err, size_t errlen)
{
	size_t nm = 0;

	while (w->node_modules && w->node_modules[nm])
		nm++;
	if (!nm)
		return 0;
	w->nmod_state = calloc(w->spec->nnodes * nm, sizeof(void *));
	if (!w->nmod_state)
		return -1;
	w->nnode_modules = nm;
	for (size_t i = 0; i < w->spec->nnodes; i++)
		for (size_t k = 0; k < nm; k++) {
			const struct node_module *m = w->node_modules[k];

			if (w->nodes[i]->kind != m->kind)
				continue;
			if (m->attach(w->nodes[i], &w->nmod_state[i * nm + k]))
				return scn_spec_errf(
					w->spec, w->spec->nodes[i].loc, err,
					errlen, "%s: cannot start %s",
					w->spec->nodes[i].name, m->name);
		}
	return 0;
}

static void node_modules_detach(struct sim_world *w)
{
	size_t nm = w->nnode_modules;

	for (size_t i = 0; w->nmod_state && i < w->spec->nnodes; i++)
		for (size_t k = nm; k-- > 0;)
			if (w->nmod_state[i * nm + k])
				w->node_modules[k]->detach(
					w->nmod_state[i * nm + k]);
	free(w->nmod_state);
	w->nmod_state = NULL;
}

static int routers_boot(struct sim_world *w, char *err, size_t errlen)
{
	for (size_t i = 0; i < w->spec->nnodes; i++) {
		struct router *r = router_from_node(w->nodes[i]);

		if (r && router_boot(r, err, errlen) != 0)
			return -1;
	}
	return 0;
}

static int world_init(struct sim_world *w, struct scn_spec *spec,
		      const struct sim_opts *opts, FILE *events)
{
	w->spec = spec;
	if (opts && opts->seed_set)
		spec->seed = opts->seed;
	if (opts && opts->duration_set)
		scn_spec_set_duration(spec, opts->duration);
	w->seed = spec->seed;
	w->duration = spec->duration;
	w->eng = sim_engine_new();
	sim_log_init(&w->log, events);
	net_frame_pool_init(&w->pool);
	w->env = (struct node_env){
		.eng = w->eng, .log = &w->log, .pool = &w->pool, .seed = w->seed
	};
	w->reg = cli_registry_new();
	w->modules = opts ? opts->modules : NULL;
	w->node_modules = opts ? opts->node_modules : NULL;
	if (!w->eng || !w->reg || router_cli_register(w->reg) != 0)
		return -1;
	for (size_t i = 0; w->modules && w->modules[i]; i++)
		if (w->modules[i]->cli_register &&
		    w->modules[i]->cli_register(w->reg) != 0)
			return -1;
	return 0;
}

struct sim_world *sim_world_new(struct scn_spec *spec,
				const struct sim_opts *opts, FILE *events,
				char *err, size_t errlen)
{
	struct sim_world *w = calloc(1, sizeof(*w));

	if (!w) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(err, errlen, "out of memory");
	if (world_init(w, spec, opts, events) != 0) {
		if (w->reg && cli_registry_error(w->reg)[0])
			snprintf(err, errlen, "internal: %s",
				 cli_registry_error(w->reg));
		goto fail;
	}
	if (sim_log_add_tap(&w->log, sim_marks_tap, w) != 0 ||
	    nodes_build(w, err, errlen) != 0 ||
	    links_build(w, err, errlen) != 0 ||
	    sim_traffic_build(w, err, errlen) != 0 ||
	    node_modules_attach(w, err, errlen) != 0 ||
	    sim_fault_build(w, err, errlen) != 0 ||
	    routers_boot(w, err, errlen) != 0 ||
	    sim_display_build(w, err, errlen) != 0)
		goto fail;
	return w;
fail:
	sim_world_free(w);
	return NULL;
}

void sim_world_free(struct sim_world *w)
{
	if (!w)
		return;
	/* Teardown is not part of the run: nothing more reaches the log. */
	w->log.out = NULL;
	w->log.ntaps = 0;
	sim_world_close_captures(w, false, NULL, 0);
	sim_display_free(w);
	sim_fault_free(w);
	sim_traffic_free(w);
	node_modules_detach(w);
	for (size_t i = 0; w->links && i < w->spec->nlinks; i++)
		node_link_free(w->links[i]);
	for (size_t i = 0; w->nodes && i < w->spec->nnodes; i++)
		if (w->nodes[i])
			node_destroy(w->nodes[i]);
	free(w->links);
	free(w->nodes);
	meas_free(w->meas);
	cli_registry_free(w->reg);
	net_frame_pool_fini(&w->pool);
	sim_engine_free(w->eng);
	free(w);
}

void sim_world_run(struct sim_world *w, sim_time_t until)
{
	if (until > w->duration)
		until = w->duration;
	sim_engine_run(w->eng, until);
}

const struct meas_results *sim_world_finish(struct sim_world *w)
{
	if (!w->finished) {
		meas_finish(w->meas, sim_now(w->eng));
		w->finished = true;
	}
	return meas_results(w->meas);
}

struct node *sim_world_node(struct sim_world *w, const char *name)
{
	int i = scn_node_find(w->spec, name);

	return i < 0 ? NULL : w->nodes[i];
}

struct sim_engine *sim_world_engine(struct sim_world *w)
{
	return w->eng;
}

struct sim_log *sim_world_log(struct sim_world *w)
{
	return &w->log;
}

uint64_t sim_world_seed(const struct sim_world *w)
{
	return w->seed;
}

sim_time_t sim_world_duration(const struct sim_world *w)
{
	return w->duration;
}
