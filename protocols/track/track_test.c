/*
 * Interface monitoring groups end to end through scenarios: R1's four
 * uplinks to R2 are bound into a group; links fail one by one and the
 * down ratio (and every watcher callback) steps 25/50/75/100 % exactly at
 * the router's interface detection time (the ASIC profile's link_detect),
 * then falls back as a link heals. Also: monitor enable/disable, a watch
 * on a group created later (and deleted), LoopBack members, the event log
 * records and their "detect" mark, the display, configuration limits and
 * errors that name the scenario line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protocols/protocols.h"
#include "protocols/track/track.h"
#include "sim/router/router.h"
#include "sim/run/sim_world.h"

#define MAX_SEEN 32

struct seen {
	struct sim_world *w;
	int n;
	unsigned pct[MAX_SEEN];
	sim_time_t at[MAX_SEEN];
	char name[TRACK_MG_NAME_MAX + 1];
};

/* Every track record of the event log, as JSON lines. */
struct logs {
	int n;
	char json[MAX_SEEN][SIM_LOG_REC_MAX];
};

struct tw {
	struct scn_spec *spec;
	struct sim_world *w;
	struct router *r1, *r2;
	struct logs logs;
};

static void log_tap(void *arg, const struct sim_log_rec *r)
{
	struct logs *l = arg;

	if (strcmp(r->module, "track") || l->n >= MAX_SEEN)
		return;
	snprintf(l->json[l->n++], SIM_LOG_REC_MAX, "%s", r->json);
}

static int count_logs(const struct logs *l, const char *group)
{
	char key[64];
	int n = 0;

	snprintf(key, sizeof(key), "\"group\":\"%s\"", group);
	for (int i = 0; i < l->n; i++)
		if (strstr(l->json[i], key))
			n++;
	return n;
}

/* The k-th record of a group (fails the test when absent). */
static const char *group_log(const struct logs *l, const char *group, int k)
{
	char key[64];

	snprintf(key, sizeof(key), "\"group\":\"%s\"", group);
	for (int i = 0; i < l->n; i++)
		if (strstr(l->json[i], key) && k-- == 0)
			return l->json[i];
	fail_msg("no record %d for group %s", k, group);
	return "";
}

static void tw_load(struct tw *b, const char *text)
{
	struct sim_opts o = { .modules = protocols_all };
	char err[2048];

	memset(b, 0, sizeof(*b));
	if (scn_load_string(text, "t.yaml", &b->spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	b->w = sim_world_new(b->spec, &o, NULL, err, sizeof(err));
	if (!b->w)
		fail_msg("%s", err);
	assert_int_equal(
		sim_log_add_tap(sim_world_log(b->w), log_tap, &b->logs), 0);
	b->r1 = router_from_node(sim_world_node(b->w, "R1"));
	b->r2 = router_from_node(sim_world_node(b->w, "R2"));
	assert_non_null(b->r1);
	assert_non_null(b->r2);
}

static void tw_free(struct tw *b)
{
	sim_world_free(b->w);
	scn_spec_free(b->spec);
}

static const char *cli(struct router *r, const char *lines)
{
	static char buf[8192]; /* test only */
	struct cli_out out;

	cli_out_init(&out);
	router_cli_exec(r, lines, &out);
	snprintf(buf, sizeof(buf), "%s", cli_out_str(&out));
	cli_out_free(&out);
	return buf;
}

static void seen_fn(void *arg, const char *name, unsigned down_pct)
{
	struct seen *s = arg;

	assert_true(s->n < MAX_SEEN);
	s->pct[s->n] = down_pct;
	s->at[s->n] = sim_now(sim_world_engine(s->w));
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->n++;
}

#define UPLINKS                                                                \
	"      interface GE0/1/0\n"                                            \
	"       ip address 10.0.1.1 30\n"                                      \
	"      interface GE0/2/0\n"                                            \
	"       ip address 10.0.2.1 30\n"                                      \
	"      interface GE0/3/0\n"                                            \
	"       ip address 10.0.3.1 30\n"                                      \
	"      interface GE0/4/0\n"                                            \
	"       ip address 10.0.4.1 30\n"                                      \
	"      interface LoopBack0\n"                                          \
	"       ip address 1.1.1.1 32\n"                                       \
	"      quit\n"

#define LINKS                                                                  \
	"links:\n"                                                             \
	"  - { name: l1, a: \"R1:GE0/1/0\", b: \"R2:GE0/1/0\" }\n"             \
	"  - { name: l2, a: \"R1:GE0/2/0\", b: \"R2:GE0/2/0\" }\n"             \
	"  - { name: l3, a: \"R1:GE0/3/0\", b: \"R2:GE0/3/0\" }\n"             \
	"  - { name: l4, a: \"R1:GE0/4/0\", b: \"R2:GE0/4/0\" }\n"

/* R1 (default profile: link_detect 5 ms); R2 with link_detect 12 ms. */
static const char uplink_scn[] =
	"name: mg\nduration: 8s\n"
	"profiles:\n"
	"  slow:\n"
	"    link_detect: 12ms\n"
	"nodes:\n"
	"  - name: R1\n    kind: router\n    config: |\n"
	"      system-view\n" UPLINKS "      monitor-group up\n"
	"       monitor enable\n"
	"       binding interface GE0/1/0\n"
	"       binding interface GE0/2/0\n"
	"       binding interface GE0/3/0\n"
	"       binding interface GE0/4/0\n"
	"      commit\n"
	"  - name: R2\n    kind: router\n    model: slow\n    config: |\n"
	"      system-view\n"
	"      monitor-group down\n"
	"       monitor enable\n"
	"       binding interface GE0/1/0\n"
	"       binding interface GE0/2/0\n"
	"       binding interface GE0/3/0\n"
	"      commit\n" LINKS "faults:\n"
	"  - { at: 1s, link-down: l1 }\n"
	"  - { at: 2s, link-down: l2 }\n"
	"  - { at: 3s, link-down: l3 }\n"
	"  - { at: 4s, link-down: l4 }\n"
	"  - { at: 5s, link-up: l2 }\n";

static int ratio(struct router *r, const char *name)
{
	return track_mg_ratio(track_inst(r), name);
}

/* The ratio is `before` 1 ns before t and `after` at t. */
static void step_at(struct tw *b, struct router *r, const char *name,
		    sim_time_t t, int before, int after)
{
	sim_world_run(b->w, t - 1);
	assert_int_equal(ratio(r, name), before);
	sim_world_run(b->w, t);
	assert_int_equal(ratio(r, name), after);
}

static void test_ratio_steps(void **state)
{
	static const struct {
		sim_time_t t;
		int before, after;
	} r1_steps[] = {
		{ SIM_S(1) + SIM_MS(5), 0, 25 },
		{ SIM_S(2) + SIM_MS(5), 25, 50 },
		{ SIM_S(3) + SIM_MS(5), 50, 75 },
		{ SIM_S(4) + SIM_MS(5), 75, 100 },
		{ SIM_S(5) + SIM_MS(5), 100, 75 },
	};
	struct tw b;
	struct seen s = { 0 };

	(void)state;
	tw_load(&b, uplink_scn);
	s.w = b.w;
	assert_true(track_mg_watch(track_inst(b.r1), "up", seen_fn, &s) > 0);
	/* Told at once: the group exists, nothing down. */
	assert_int_equal(s.n, 1);
	assert_int_equal(s.pct[0], 0);
	assert_string_equal(s.name, "up");
	for (size_t i = 0; i < sizeof(r1_steps) / sizeof(r1_steps[0]); i++) {
		step_at(&b, b.r1, "up", r1_steps[i].t, r1_steps[i].before,
			r1_steps[i].after);
		assert_int_equal(s.n, (int)i + 2);
		assert_int_equal(s.pct[i + 1], r1_steps[i].after);
		assert_int_equal(s.at[i + 1], r1_steps[i].t);
	}
	sim_world_run(b.w, SIM_S(8));
	assert_int_equal(s.n, 6);
	/* Log: one record per change, "detect" only when the ratio rises. */
	assert_int_equal(count_logs(&b.logs, "up"), 5);
	assert_non_null(strstr(group_log(&b.logs, "up", 0),
			       "\"down_pct\":25,\"up\":3,\"total\":4"));
	assert_non_null(strstr(group_log(&b.logs, "up", 0),
			       "\"iface\":\"GigabitEthernet0/1/0\""));
	for (int i = 0; i < 4; i++)
		assert_non_null(strstr(group_log(&b.logs, "up", i),
				       "\"mark\":\"detect\""));
	assert_non_null(strstr(group_log(&b.logs, "up", 4),
			       "\"down_pct\":75,\"up\":1,\"total\":4"));
	assert_null(strstr(group_log(&b.logs, "up", 4), "mark"));
	tw_free(&b);
}

/* A member held down by a protocol (VRRP flowdown) keeps a good link: it
 * counts as up; its link failing while held counts (the link listener),
 * and so does its return. */
static void test_held_member(void **state)
{
	struct tw b;
	struct node_iface *ifp;

	(void)state;
	tw_load(&b, uplink_scn);
	sim_world_run(b.w, SIM_MS(500));
	ifp = node_iface_find(router_node(b.r1), "GigabitEthernet0/1/0");
	router_iface_hold(b.r1, ifp, true, "test");
	assert_false(ifp->oper_up);
	assert_true(router_iface_link_up(b.r1, ifp));
	assert_int_equal(ratio(b.r1, "up"), 0);
	/* l1 goes down at 1 s: detected 5 ms later although held. */
	step_at(&b, b.r1, "up", SIM_S(1) + SIM_MS(5), 0, 25);
	assert_false(router_iface_link_up(b.r1, ifp));
	router_iface_hold(b.r1, ifp, false, "test");
	assert_int_equal(ratio(b.r1, "up"), 25);
	tw_free(&b);
}

/* R2 (3 members, 12 ms detection): 33, 66 (rounded down), 100, 66. */
static void test_ratio_profile_and_rounding(void **state)
{
	struct tw b;

	(void)state;
	tw_load(&b, uplink_scn);
	step_at(&b, b.r2, "down", SIM_S(1) + SIM_MS(12), 0, 33);
	step_at(&b, b.r2, "down", SIM_S(2) + SIM_MS(12), 33, 66);
	step_at(&b, b.r2, "down", SIM_S(3) + SIM_MS(12), 66, 100);
	/* l4 is not in R2's group. */
	sim_world_run(b.w, SIM_S(4) + SIM_MS(500));
	assert_int_equal(ratio(b.r2, "down"), 100);
	step_at(&b, b.r2, "down", SIM_S(5) + SIM_MS(12), 100, 66);
	tw_free(&b);
}

static void test_enable_disable(void **state)
{
	struct tw b;
	struct seen s = { 0 };

	(void)state;
	tw_load(&b, uplink_scn);
	s.w = b.w;
	sim_world_run(b.w, SIM_S(2) + SIM_MS(10));
	assert_int_equal(ratio(b.r1, "up"), 50);
	assert_true(track_mg_watch(track_inst(b.r1), "up", seen_fn, &s) > 0);
	cli(b.r1, "system-view\nmonitor-group up\nundo monitor enable\n"
		  "commit");
	assert_int_equal(ratio(b.r1, "up"), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.pct[1], 0);
	/* Disabled: interface changes report nothing. */
	sim_world_run(b.w, SIM_S(3) + SIM_MS(10));
	assert_int_equal(ratio(b.r1, "up"), 0);
	assert_int_equal(s.n, 2);
	assert_non_null(strstr(cli(b.r1, "display monitor-group up"),
			       "State                : disabled"));
	cli(b.r1, "system-view\nmonitor-group up\nmonitor enable\ncommit");
	assert_int_equal(ratio(b.r1, "up"), 75);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.pct[2], 75);
	assert_non_null(strstr(b.logs.json[b.logs.n - 1], "\"cause\":"
							  "\"config\""));
	assert_non_null(strstr(b.logs.json[b.logs.n - 1], "\"mark\":"
							  "\"detect\""));
	tw_free(&b);
}

/* A watch on a group that does not exist yet; LoopBack members. */
static void test_late_group(void **state)
{
	struct tw b;
	struct seen s = { 0 };
	int id;

	(void)state;
	tw_load(&b, uplink_scn);
	s.w = b.w;
	id = track_mg_watch(track_inst(b.r1), "late", seen_fn, &s);
	assert_true(id > 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(ratio(b.r1, "late"), -1);
	sim_world_run(b.w, SIM_S(1) + SIM_MS(5));
	assert_int_equal(s.n, 0);
	cli(b.r1, "system-view\nmonitor-group late\nmonitor enable\n"
		  "binding interface GE0/1/0\nbinding interface LoopBack0\n"
		  "commit");
	/* Created (0 %), then GE0/1/0 (down) bound: 100 %, then 50 %. */
	assert_int_equal(s.n, 3);
	assert_int_equal(s.pct[0], 0);
	assert_int_equal(s.pct[1], 100);
	assert_int_equal(s.pct[2], 50);
	assert_int_equal(ratio(b.r1, "late"), 50);
	/* Shutting the loopback takes it down at once. */
	cli(b.r1, "system-view\ninterface LoopBack0\nshutdown\ncommit");
	assert_int_equal(ratio(b.r1, "late"), 100);
	cli(b.r1, "system-view\nmonitor-group late\n"
		  "undo binding interface GE0/1/0\ncommit");
	assert_int_equal(ratio(b.r1, "late"), 100);
	cli(b.r1, "system-view\ninterface LoopBack0\nundo shutdown\ncommit");
	assert_int_equal(ratio(b.r1, "late"), 0);
	assert_int_equal(s.pct[s.n - 1], 0);
	/* Deleting the group: the watcher sees 0 % (here unchanged) and the
	 * group is gone; re-created later it is found again. */
	cli(b.r1, "system-view\ninterface LoopBack0\nshutdown\ncommit");
	assert_int_equal(s.pct[s.n - 1], 100);
	cli(b.r1, "system-view\nundo monitor-group late\ncommit");
	assert_int_equal(ratio(b.r1, "late"), -1);
	assert_int_equal(s.pct[s.n - 1], 0);
	cli(b.r1, "system-view\nmonitor-group late\ncommit");
	assert_int_equal(ratio(b.r1, "late"), 0);
	/* Unwatched: no more calls. */
	int n = s.n;

	track_mg_unwatch(track_inst(b.r1), id);
	cli(b.r1, "system-view\nmonitor-group late\nmonitor enable\n"
		  "binding interface LoopBack0\ncommit");
	assert_int_equal(ratio(b.r1, "late"), 100);
	assert_int_equal(s.n, n);
	tw_free(&b);
}

static const char display_up[] = "Monitor group : up\n"
				 "  State                : enabled\n"
				 "  Down ratio           : 50%\n"
				 "  Interfaces up/total  : 2/4\n"
				 "  Interface                         State\n"
				 "  GigabitEthernet0/1/0              DOWN\n"
				 "  GigabitEthernet0/2/0              DOWN\n"
				 "  GigabitEthernet0/3/0              UP\n"
				 "  GigabitEthernet0/4/0              UP\n";

static void test_display(void **state)
{
	struct tw b;
	char all[8192];

	(void)state;
	tw_load(&b, uplink_scn);
	sim_world_run(b.w, SIM_S(2) + SIM_MS(10));
	assert_string_equal(cli(b.r1, "display monitor-group up"), display_up);
	cli(b.r1, "system-view\nmonitor-group spare\ncommit");
	snprintf(all, sizeof(all), "%s", cli(b.r1, "display monitor-group"));
	assert_non_null(strstr(all, display_up));
	assert_non_null(strstr(all, "\nMonitor group : spare\n"
				    "  State                : disabled\n"
				    "  Down ratio           : 0%\n"
				    "  Interfaces up/total  : 0/0\n"));
	assert_non_null(strstr(cli(b.r1, "display monitor-group nope"),
			       "The monitor group nope does not exist."));
	assert_non_null(strstr(cli(b.r2, "system-view\nundo monitor-group "
					 "down\ncommit\n"
					 "display monitor-group"),
			       "Info: No monitor group exists."));
	/* The configuration shows the group and its lines. */
	assert_non_null(strstr(cli(b.r1, "display current-configuration"),
			       "monitor-group up\n monitor enable\n"
			       " binding interface GigabitEthernet0/1/0\n"));
	tw_free(&b);
}

/* Limits and refusals from the CLI. */
static void test_limits(void **state)
{
	struct tw b;
	char lines[8192];
	size_t len = 0;

	(void)state;
	tw_load(&b, uplink_scn);
	len += (size_t)snprintf(lines + len, sizeof(lines) - len,
				"system-view\n");
	for (int i = 1; i <= TRACK_MG_MAX_BIND + 1; i++)
		len += (size_t)snprintf(lines + len, sizeof(lines) - len,
					"interface LoopBack%d\n", i);
	len += (size_t)snprintf(lines + len, sizeof(lines) - len,
				"quit\nmonitor-group big\n");
	for (int i = 1; i <= TRACK_MG_MAX_BIND + 1; i++)
		len += (size_t)snprintf(lines + len, sizeof(lines) - len,
					"binding interface LoopBack%d\n", i);
	snprintf(lines + len, sizeof(lines) - len, "commit\n");
	assert_non_null(strstr(cli(b.r1, lines), "at most 32 interfaces"));
	assert_non_null(strstr(cli(b.r1, "display monitor-group big"),
			       "Interfaces up/total  : 32/32"));
	/* 31 characters are fine, 32 are not. */
	assert_null(strstr(cli(b.r1, "system-view\nmonitor-group "
				     "abcdefghijklmnopqrstuvwxyz01234\n"
				     "commit"),
			   "Error"));
	assert_non_null(strstr(cli(b.r1, "system-view\nmonitor-group "
					 "abcdefghijklmnopqrstuvwxyz012345\n"),
			       "Error"));
	assert_int_equal(track_mg_watch(track_inst(b.r1),
					"abcdefghijklmnopqrstuvwxyz012345",
					seen_fn, NULL),
			 -1);
	assert_int_equal(track_mg_watch(track_inst(b.r1), "", seen_fn, NULL),
			 -1);
	assert_int_equal(track_mg_watch(NULL, "x", seen_fn, NULL), -1);
	assert_int_equal(track_mg_watch(track_inst(b.r1), "x", NULL, NULL), -1);
	assert_int_equal(track_mg_ratio(NULL, "x"), -1);
	track_mg_unwatch(track_inst(b.r1), 12345); /* ignored */
	track_mg_unwatch(NULL, 1);
	assert_non_null(strstr(cli(b.r1, "system-view\nmonitor-group up\n"
					 "binding interface GE0/9/0\ncommit"),
			       "The interface GigabitEthernet0/9/0 does not "
			       "exist."));
	assert_non_null(strstr(cli(b.r1, "system-view\nmonitor-group up\n"
					 "undo binding interface LoopBack0\n"
					 "commit"),
			       "The interface LoopBack0 is not bound to "
			       "monitor group up."));
	assert_non_null(strstr(cli(b.r1, "system-view\n"
					 "undo monitor-group none\ncommit"),
			       "Error"));
	tw_free(&b);
}

static const char restart_scn[] =
	"name: mg-restart\nduration: 5s\n"
	"nodes:\n"
	"  - name: R1\n    kind: router\n    boot_delay: 1s\n"
	"    config: |\n"
	"      system-view\n" UPLINKS "      monitor-group up\n"
	"       monitor enable\n"
	"       binding interface GE0/1/0\n"
	"       binding interface GE0/2/0\n"
	"       binding interface GE0/3/0\n"
	"       binding interface GE0/4/0\n"
	"      commit\n"
	"  - name: R2\n    kind: router\n" LINKS "faults:\n"
	"  - { at: 1s, link-down: l1 }\n"
	"  - { at: 2s, restart: R1 }\n"
	"  - { at: 4s, shutdown: \"R1:GE0/3/0\" }\n";

/*
 * A restart loses the groups; the configuration builds them again after
 * boot_delay and the ratio starts from the interfaces' state then. An
 * interface shut down counts at once (no detection delay).
 */
static void test_restart_and_shutdown(void **state)
{
	struct tw b;

	(void)state;
	tw_load(&b, restart_scn);
	step_at(&b, b.r1, "up", SIM_S(1) + SIM_MS(5), 0, 25);
	sim_world_run(b.w, SIM_S(2));
	assert_null(track_inst(b.r1));
	assert_int_equal(track_mg_ratio(track_inst(b.r1), "up"), -1);
	sim_world_run(b.w, SIM_S(3) + SIM_MS(1));
	assert_non_null(track_inst(b.r1));
	assert_int_equal(ratio(b.r1, "up"), 25);
	step_at(&b, b.r1, "up", SIM_S(4), 25, 50);
	tw_free(&b);
}

/* A bad binding in the startup configuration names its file line. */
static void test_config_error(void **state)
{
	static const char text[] =
		"name: x\nduration: 1s\nnodes:\n"
		"  - name: R1\n    kind: router\n    config: |\n"
		"      system-view\n"
		"      monitor-group up\n"
		"       monitor enable\n"
		"       binding interface GE0/7/0\n"
		"      commit\n";
	struct scn_spec *spec;
	struct sim_opts o = { .modules = protocols_all };
	char err[2048];

	(void)state;
	assert_int_equal(
		scn_load_string(text, "x.yaml", &spec, err, sizeof(err)), 0);
	assert_null(sim_world_new(spec, &o, NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "x.yaml:10:"));
	assert_non_null(strstr(err, "GigabitEthernet0/7/0 does not exist"));
	scn_spec_free(spec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ratio_steps),
		cmocka_unit_test(test_held_member),
		cmocka_unit_test(test_ratio_profile_and_rounding),
		cmocka_unit_test(test_enable_disable),
		cmocka_unit_test(test_late_group),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_restart_and_shutdown),
		cmocka_unit_test(test_config_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
