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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_module_lifecycle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
