/*
 * Helpers of the router tests (see router_testutil.h). No RFC is
 * implemented here.
 */
#include "sim/router/router_testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

void rtest_init(struct rtest *t, uint64_t seed)
{
	memset(t, 0, sizeof(*t));
	t->w = node_tw_new(seed);
	t->reg = cli_registry_new();
	assert_non_null(t->reg);
	assert_int_equal(router_cli_register(t->reg), 0);
	asic_profile_default(&t->prof);
	t->prof.cpu_pps = 0;
}

void rtest_fini(struct rtest *t)
{
	assert_true(node_tw_free(t->w));
	cli_registry_free(t->reg);
	free(t->outbuf);
	t->outbuf = NULL;
}

struct router *rtest_router(struct rtest *t, const char *name,
			    const char *config, const char *const *ports)
{
	struct router_params p = {
		.name = name,
		.profile = &t->prof,
		.reg = t->reg,
		.config = config,
		.config_src = "test.yaml",
		.config_line = 10,
		.boot_delay = SIM_S(1),
		.modules = t->modules,
	};
	struct router *r = router_new(&t->w->env, &p);
	char why[160];

	assert_non_null(r);
	node_tw_add(t->w, router_node(r));
	for (int i = 0; ports && ports[i]; i++) {
		if (!router_port_add(r, ports[i], why, sizeof(why)))
			fail_msg("port %s: %s", ports[i], why);
	}
	return r;
}

void rtest_boot(struct router *r)
{
	char err[2048];

	if (router_boot(r, err, sizeof(err)) != 0)
		fail_msg("boot: %s", err);
}

const char *rtest_cli(struct rtest *t, struct router *r, const char *lines,
		      int *rc)
{
	struct cli_out out;
	int n;

	cli_out_init(&out);
	n = router_cli_exec(r, lines, &out);
	if (rc)
		*rc = n;
	else if (n != 0)
		fail_msg("cli \"%s\": %s", lines, cli_out_str(&out));
	free(t->outbuf);
	t->outbuf = strdup(cli_out_str(&out));
	assert_non_null(t->outbuf);
	cli_out_free(&out);
	return t->outbuf;
}

struct node_link *rtest_link(struct rtest *t, const char *name, struct node *a,
			     const char *ifa, struct node *b, const char *ifb)
{
	return node_tw_link(t->w, name, a, ifa, b, ifb, RTEST_RATE,
			    RTEST_DELAY);
}

sim_time_t rtest_settle(struct rtest *t, struct router *r)
{
	sim_time_t at = asic_prog_idle_at(router_asic(r));

	if (at > node_tw_now(t->w))
		node_tw_run(t->w, at);
	return node_tw_now(t->w);
}

void rtest_probe_pkt(const struct node *probe, size_t i,
		     struct net_pkt_info *pi, sim_time_t *t)
{
	const struct node_tw_frame *f = node_tw_probe_frame(probe, i);

	if (!f)
		fail_msg("probe %s has no frame %zu (has %zu)", probe->name, i,
			 node_tw_probe_count(probe));
	net_dissect(f->data, f->len, pi);
	if (t)
		*t = f->t;
}

size_t rtest_cap_count(const struct node_tw_cap *c, int dir)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		n += dir < 0 || c->v[i].dir == dir;
	return n;
}
