/*
 * Worlds for conformance cases (cf_world.h): a node_testlib world with the
 * VRP command registry and routers that run every failsim protocol module,
 * the delays between a probe and a router's CPU, configuration in the
 * system view, and times formatted for details. Failures are returned,
 * never asserted, so a broken setup becomes a failed case with its
 * reason. No RFC is implemented here.
 */
#include "conformance/conform/cf_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocols/protocols.h"

/* Every protocol module's VRP commands, as a simulation registers them. */
static int modules_register(struct cli_registry *reg)
{
	for (size_t i = 0; protocols_all[i]; i++)
		if (protocols_all[i]->cli_register &&
		    protocols_all[i]->cli_register(reg) != 0)
			return -1;
	return 0;
}

struct cf_world *cf_world_new(uint64_t seed)
{
	struct cf_world *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->w = node_tw_new(seed);
	w->reg = cli_registry_new();
	if (!w->w || !w->reg || router_cli_register(w->reg) != 0 ||
	    modules_register(w->reg) != 0) {
		if (w->w)
			node_tw_free(w->w);
		cli_registry_free(w->reg);
		free(w);
		return NULL;
	}
	asic_profile_default(&w->prof);
	w->prof.cpu_pps = 0;
	return w;
}

bool cf_world_free(struct cf_world *w)
{
	bool ok;

	if (!w)
		return true;
	ok = node_tw_free(w->w);
	cli_registry_free(w->reg);
	free(w->out);
	free(w);
	return ok;
}

struct router *cf_router(struct cf_world *w, const char *name,
			 const char *config, const char *const *ports)
{
	struct router_params p = {
		.name = name,
		.profile = &w->prof,
		.reg = w->reg,
		.config = config,
		.config_src = "conform",
		.config_line = 1,
		.boot_delay = SIM_S(1),
		.modules = protocols_all,
	};
	struct router *r = router_new(&w->w->env, &p);
	char why[160];

	if (!r) {
		snprintf(w->err, sizeof(w->err), "router %s: cannot create",
			 name);
		return NULL;
	}
	node_tw_add(w->w, router_node(r));
	for (int i = 0; ports && ports[i]; i++) {
		if (!router_port_add(r, ports[i], why, sizeof(why))) {
			snprintf(w->err, sizeof(w->err), "%s port %s: %s", name,
				 ports[i], why);
			return NULL;
		}
	}
	return r;
}

int cf_boot(struct cf_world *w, struct router *r)
{
	char err[sizeof(w->err) - 16];

	if (router_boot(r, err, sizeof(err)) == 0)
		return 0;
	snprintf(w->err, sizeof(w->err), "boot: %s", err);
	return -1;
}

const char *cf_cli(struct cf_world *w, struct router *r, const char *lines,
		   int *rc)
{
	struct cli_out out;
	int n;

	cli_out_init(&out);
	n = router_cli_exec(r, lines, &out);
	free(w->out);
	w->out = strdup(cli_out_str(&out));
	cli_out_free(&out);
	if (rc)
		*rc = n;
	if (!w->out || (!rc && n != 0)) {
		snprintf(w->err, sizeof(w->err), "\"%s\": %s", lines,
			 w->out ? w->out : "out of memory");
		return NULL;
	}
	return w->out;
}

struct node_link *cf_link(struct cf_world *w, const char *name, struct node *a,
			  const char *ifa, struct node *b, const char *ifb)
{
	struct node_link *l =
		node_tw_link(w->w, name, a, ifa, b, ifb, CF_RATE, CF_DELAY);

	if (!l)
		snprintf(w->err, sizeof(w->err), "link %s: cannot cable %s:%s",
			 name, a->name, ifa);
	return l;
}

sim_time_t cf_to_cpu(const struct cf_world *w, const struct node_link *l,
		     size_t len)
{
	return node_link_ser_time(l, len) + CF_DELAY + w->prof.punt_latency;
}

sim_time_t cf_from_cpu(const struct cf_world *w, const struct node_link *l,
		       size_t len)
{
	return w->prof.inject_latency + node_link_ser_time(l, len) + CF_DELAY;
}

const char *cf_config(struct cf_world *w, struct router *r, const char *lines)
{
	static const char head[] = "system-view\n", tail[] = "commit\nreturn\n";
	size_t len = sizeof(head) + strlen(lines) + sizeof(tail);
	char *buf = malloc(len);
	const char *out;

	if (!buf) {
		snprintf(w->err, sizeof(w->err), "out of memory");
		return NULL;
	}
	snprintf(buf, len, "%s%s%s", head, lines, tail);
	out = cf_cli(w, r, buf, NULL);
	free(buf);
	return out;
}

const char *cf_ts(sim_time_t t, char buf[CF_TS_LEN])
{
	if (t < 0)
		snprintf(buf, CF_TS_LEN, "never");
	else
		snprintf(buf, CF_TS_LEN, "%lld.%09lld s",
			 (long long)(t / SIM_S(1)), (long long)(t % SIM_S(1)));
	return buf;
}

sim_time_t cf_event_time(const struct cf_world *w, const char *node,
			 const char *module, const char *event, const char *key,
			 const char *val, size_t nth)
{
	char buf[128];

	for (size_t i = 0;; i++) {
		const struct node_tw_rec *r =
			node_tw_find(w->w, node, module, event, i);

		if (!r)
			return -1;
		if (key && (!node_tw_field(r, key, buf, sizeof(buf)) ||
			    strcmp(buf, val) != 0))
			continue;
		if (nth-- == 0)
			return r->t;
	}
}
