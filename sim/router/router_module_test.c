/*
 * Protocol modules on routers (router_module.h): a module's commands are
 * registered once and configure its per-router state; the state is
 * created at boot before the configuration runs, lost at a crash and
 * created again at the restart.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "sim/router/router_testutil.h"

struct widget {
	struct router *r;
	int64_t count;
};

/* Test bookkeeping of the fake module (tests own their state). */
static int widgets_alive, widgets_made;

static const struct router_module widget_module;

static int do_widget(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct widget *w =
		router_module_state(cli_ctx_owner(ctx), &widget_module);

	if (!w)
		return cli_error(ctx, "no widget state");
	w->count = cli_args_undo(a) ? 0 : cli_arg_int(a, "n");
	return 0;
}

static const struct cli_cmd widget_cmds[] = {
	{ .pattern = "widget-count <n:int:1-100>",
	  .flags = CLI_UNDO,
	  .key_tokens = 1,
	  .apply = do_widget,
	  .help = "test" },
};

static int widget_cli(struct cli_registry *reg)
{
	return cli_registry_add_table(reg, widget_cmds, 1);
}

static void *widget_create(struct router *r)
{
	struct widget *w = calloc(1, sizeof(*w));

	w->r = r;
	widgets_alive++;
	widgets_made++;
	return w;
}

static void widget_destroy(void *state)
{
	widgets_alive--;
	free(state);
}

static const struct router_module widget_module = {
	.name = "widget",
	.cli_register = widget_cli,
	.create = widget_create,
	.destroy = widget_destroy,
};

static const struct router_module *const modules[] = { &widget_module, NULL };

static void test_module_lifecycle(void **state)
{
	static const char *const ports[] = { "GE0/1/0", NULL };
	struct rtest t;
	struct router *r;
	struct widget *w;

	(void)state;
	widgets_alive = widgets_made = 0;
	rtest_init(&t, 1);
	assert_int_equal(widget_cli(t.reg), 0);
	t.modules = modules;
	r = rtest_router(&t, "R1", "system-view\nwidget-count 7\ncommit\n",
			 ports);
	assert_null(router_module_state(r, &widget_module));
	rtest_boot(r);
	w = router_module_state(r, &widget_module);
	assert_non_null(w);
	assert_ptr_equal(w->r, r);
	assert_int_equal(w->count, 7); /* configured after creation */
	assert_int_equal(widgets_alive, 1);
	/* Crash: the state is gone; restart after boot_delay: a new one. */
	router_node(r)->ops->restart(router_node(r));
	assert_int_equal(widgets_alive, 0);
	assert_null(router_module_state(r, &widget_module));
	node_tw_run_for(t.w, SIM_S(1));
	assert_int_equal(widgets_alive, 1);
	assert_int_equal(widgets_made, 2);
	w = router_module_state(r, &widget_module);
	assert_non_null(w);
	assert_int_equal(w->count, 7);
	rtest_cli(&t, r, "system-view\nundo widget-count\ncommit", NULL);
	assert_int_equal(w->count, 0);
	rtest_fini(&t);
	assert_int_equal(widgets_alive, 0);
}

/*
 * Two modules whose teardown could interfere: "holder" holds GE0/1/0 down
 * and lets it go when destroyed (as VRRP does when a group is deleted);
 * "watcher", created after it and so destroyed before it, follows
 * interface state. A crash must call no callback of a destroyed module
 * and bring no interface up.
 */
static bool watcher_freed;
static int watcher_calls_after_free;

static void *holder_create(struct router *r)
{
	struct node_iface *ifp =
		node_iface_find(router_node(r), "GigabitEthernet0/1/0");

	router_iface_hold(r, ifp, true, "holder");
	return r;
}

static void holder_destroy(void *state)
{
	struct router *r = state;

	router_iface_hold(
		r, node_iface_find(router_node(r), "GigabitEthernet0/1/0"),
		false, "holder-gone");
}

static void watcher_event(void *ctx, struct router *r, struct node_iface *ifp,
			  bool up)
{
	(void)ctx;
	(void)r;
	(void)ifp;
	(void)up;
	watcher_calls_after_free += watcher_freed;
}

static void *watcher_create(struct router *r)
{
	static int token;

	watcher_freed = false;
	if (router_iface_listen(r, watcher_event, &token) != 0)
		return NULL;
	return &token;
}

static void watcher_destroy(void *state)
{
	(void)state;
	watcher_freed = true;
}

static const struct router_module holder_module = {
	.name = "holder",
	.create = holder_create,
	.destroy = holder_destroy,
};

static const struct router_module watcher_module = {
	.name = "watcher",
	.create = watcher_create,
	.destroy = watcher_destroy,
};

static const struct router_module *const pair[] = { &holder_module,
						    &watcher_module, NULL };

static void test_crash_teardown_is_silent(void **state)
{
	static const char *const ports[] = { "GE0/1/0", NULL };
	struct rtest t;
	struct router *r;
	struct node *p;
	sim_time_t t0;

	(void)state;
	watcher_calls_after_free = 0;
	rtest_init(&t, 2);
	t.modules = pair;
	r = rtest_router(&t, "R1", NULL, ports);
	p = node_tw_probe(t.w, "P");
	rtest_link(&t, "l1", p, "eth0", router_node(r), "GigabitEthernet0/1/0");
	rtest_boot(r);
	node_tw_run_for(t.w, SIM_MS(10));
	assert_false(router_node(r)->ifaces[0]->oper_up);
	t0 = node_tw_now(t.w);
	router_node(r)->ops->crash(router_node(r));
	assert_int_equal(watcher_calls_after_free, 0);
	assert_false(router_node(r)->ifaces[0]->oper_up);
	for (size_t i = 0;; i++) {
		const struct node_tw_rec *rec =
			node_tw_find(t.w, "R1", "iface", "oper-up", i);

		if (!rec)
			break;
		assert_true(rec->t < t0);
	}
	rtest_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_module_lifecycle),
		cmocka_unit_test(test_crash_teardown_is_silent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
