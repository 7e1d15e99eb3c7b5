/*
 * Tests of sessions and configuration: view stack and prompts, candidate
 * versus running (nothing applied before commit, order at commit, a failing
 * apply stops the commit), line identity (replacement, undo, stored undo
 * forms, undo-only prefixes, view removal), display output, immediate mode,
 * intelligent rollback, scripts with file:line:col errors, loading a
 * factory configuration, and two sessions sharing one registry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/cli/cli_test_util.h"

struct fixture {
	struct cli_registry *reg;
	struct cli *c;
	struct tmod m;
	struct cli_out o;
};

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	f.reg = cli_registry_new();
	assert_non_null(f.reg);
	assert_int_equal(tmod_register(f.reg), 0);
	f.c = cli_new(f.reg, "R1", &f.m);
	assert_non_null(f.c);
	cli_out_init(&f.o);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	cli_out_free(&f->o);
	cli_out_free(&f->m.log);
	cli_free(f->c);
	cli_registry_free(f->reg);
	return 0;
}

/* Run lines that must all succeed. */
static void run_ok(struct fixture *f, const char *const *lines)
{
	for (; *lines; lines++) {
		cli_out_clear(&f->o);
		if (cli_exec(f->c, *lines, &f->o) != 0)
			fail_msg("'%s' failed: %s", *lines, cli_out_str(&f->o));
	}
}

#define RUN(f, ...) run_ok(f, (const char *const[]){ __VA_ARGS__, NULL })

static const char *running(struct fixture *f)
{
	cli_out_clear(&f->o);
	cli_show_running(f->c, &f->o);
	return cli_out_str(&f->o);
}

static void test_views_and_prompts(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(cli_prompt(f->c), "<R1>");
	assert_string_equal(cli_view(f->c), "user");
	RUN(f, "sys");
	assert_string_equal(cli_prompt(f->c), "[~R1]");
	RUN(f, "interface gigabitethernet 0/1/0");
	assert_string_equal(cli_prompt(f->c), "[*R1-GigabitEthernet0/1/0]");
	assert_string_equal(cli_view(f->c), "interface");
	assert_string_equal(cli_view_key(f->c), "GigabitEthernet0/1/0");
	RUN(f, "quit");
	assert_string_equal(cli_prompt(f->c), "[*R1]");
	RUN(f, "widget w1", "gadget 3");
	assert_string_equal(cli_prompt(f->c), "[*R1-gadget-3]");
	RUN(f, "quit");
	assert_string_equal(cli_prompt(f->c), "[*R1-widget-w1]");
	RUN(f, "gadget 4", "return");
	assert_string_equal(cli_prompt(f->c), "<R1>");
	assert_non_null(strstr(cli_out_str(&f->o), "Warning: 4 uncommitted"));
	/* quit in the user view stays there; return and commit are absent. */
	RUN(f, "quit");
	assert_string_equal(cli_prompt(f->c), "<R1>");
	assert_int_equal(cli_exec(f->c, "return", &f->o), -1);
	assert_int_equal(cli_exec(f->c, "commit", &f->o), -1);
	assert_int_equal(cli_last_error(f->c)->code, CLI_ERR_UNRECOGNIZED);
	/* The candidate survives the trip to the user view. */
	RUN(f, "system-view");
	assert_string_equal(cli_prompt(f->c), "[*R1]");
	assert_int_equal(cli_uncommitted_count(f->c), 4);
	RUN(f, "widget w1", "commit");
	assert_string_equal(cli_prompt(f->c), "[~R1-widget-w1]");
	/* quit from the system view goes to the user view. */
	RUN(f, "quit", "quit");
	assert_string_equal(cli_prompt(f->c), "<R1>");
	/* sysname takes effect at commit. */
	RUN(f, "sys", "sysname Edge-2");
	assert_string_equal(cli_prompt(f->c), "[*R1]");
	RUN(f, "commit");
	assert_string_equal(cli_prompt(f->c), "[~Edge-2]");
	assert_string_equal(cli_sysname(f->c), "Edge-2");
	RUN(f, "undo sysname", "commit");
	assert_string_equal(cli_prompt(f->c), "[~R1]");
	assert_ptr_equal(cli_owner(f->c), &f->m);
}

static void test_candidate_and_commit(void **state)
{
	struct fixture *f = *state;

	RUN(f, "system-view", "interface LoopBack0", "shutdown", "quit",
	    "widget w1", "count 5", "peer 10.1.1.2 port 2046", "gadget 1",
	    "level 3", "quit", "mode slow 20");
	/* Nothing reaches a module before commit. */
	assert_int_equal(f->m.applies, 0);
	assert_string_equal(running(f), "#\nsysname R1\n#\nreturn\n");
	cli_out_clear(&f->o);
	RUN(f, "display configuration candidate");
	assert_string_equal(cli_out_str(&f->o),
			    "[R1] interface LoopBack0\n"
			    "[R1-LoopBack0] shutdown\n"
			    "[R1] widget w1\n"
			    "[R1-widget-w1] count 5\n"
			    "[R1-widget-w1] peer 10.1.1.2 port 2046\n"
			    "[R1-widget-w1] gadget 1\n"
			    "[R1-gadget-1] level 3\n"
			    "[R1-widget-w1] mode slow 20\n");
	RUN(f, "commit");
	assert_false(cli_has_uncommitted(f->c));
	/* Applied in order, each with the path it was typed in. */
	assert_string_equal(cli_out_str(&f->m.log),
			    "system[] interface LoopBack0\n"
			    "interface[LoopBack0] shutdown\n"
			    "system[] widget w1\n"
			    "widget[w1] count 5\n"
			    "widget[w1] peer 10.1.1.2 port 2046\n"
			    "widget[w1] gadget 1\n"
			    "gadget[1] level 3\n"
			    "widget[w1] mode slow 20\n");
	assert_string_equal(running(f), "#\n"
					"sysname R1\n"
					"#\n"
					"interface LoopBack0\n"
					" shutdown\n"
					"#\n"
					"widget w1\n"
					" count 5\n"
					" peer 10.1.1.2 port 2046\n"
					" mode slow 20\n"
					" #\n"
					" gadget 1\n"
					"  level 3\n"
					"#\n"
					"return\n");
	/* An empty commit does nothing. */
	RUN(f, "commit");
	assert_int_equal(f->m.applies, 8);
}

static void test_commit_failure(void **state)
{
	struct fixture *f = *state;
	const struct cli_err *e = cli_last_error(f->c);

	strcpy(f->m.fail_on, "count 9");
	RUN(f, "sys", "widget w1", "count 5", "note first", "count 9",
	    "note second", "mode fast");
	cli_out_clear(&f->o);
	assert_int_equal(cli_exec(f->c, "commit", &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_COMMIT);
	assert_string_equal(e->msg, "Error: Commit failed at 'count 9'.");
	assert_string_equal(e->reason,
			    "widget refuses 'count 9'; 3 line(s) before it "
			    "were applied, the 3 line(s) not applied were "
			    "discarded");
	assert_string_equal(cli_out_str(&f->o),
			    "Error: Commit failed at 'count 9'. (widget "
			    "refuses 'count 9'; 3 line(s) before it were "
			    "applied, the 3 line(s) not applied were "
			    "discarded)\n");
	assert_false(cli_has_uncommitted(f->c));
	assert_string_equal(cli_out_str(&f->m.log), "system[] widget w1\n"
						    "widget[w1] count 5\n"
						    "widget[w1] note first\n");
	assert_string_equal(running(f), "#\nsysname R1\n#\nwidget w1\n"
					" count 5\n note first\n#\nreturn\n");
	/* The session stays where it was. */
	assert_string_equal(cli_prompt(f->c), "[~R1-widget-w1]");
}

static void test_replace_and_undo(void **state)
{
	struct fixture *f = *state;
	const struct cli_err *e = cli_last_error(f->c);

	RUN(f, "sys", "widget w1", "count 5", "peer 1.1.1.1",
	    "peer 1.1.1.1 port 2000", "peer 2.2.2.2", "mode fast", "note hello",
	    "track 1 reduced 5", "track 2 peer", "commit");
	/* key_tokens 1: a new count replaces the old one in place. */
	RUN(f, "count 7", "mode slow 3", "note bye", "commit");
	assert_string_equal(running(f), "#\nsysname R1\n#\nwidget w1\n"
					" count 7\n"
					" peer 1.1.1.1\n"
					" peer 1.1.1.1 port 2000\n"
					" peer 2.2.2.2\n"
					" mode slow 3\n"
					" note bye\n"
					" track 1 reduced 5\n"
					" track 2 peer\n"
					"#\nreturn\n");
	/* track N: two commands, identity "track N" within each. */
	RUN(f, "track 1 increased 9", "track 2 link", "commit");
	assert_non_null(strstr(running(f), " track 1 increased 9\n"
					   " track 2 link\n"));
	assert_null(strstr(running(f), "reduced"));
	/* Undo up to the typed words: both peer 1.1.1.1 lines go. */
	RUN(f, "undo peer 1.1.1.1", "commit");
	assert_null(strstr(running(f), "peer 1.1.1.1"));
	assert_non_null(strstr(running(f), "peer 2.2.2.2"));
	/* Undo never compares beyond the identity: count 99 removes count 7 */
	RUN(f, "undo count 99", "undo mode", "commit");
	assert_null(strstr(running(f), "count"));
	assert_null(strstr(running(f), "mode"));
	/* An undo-only command removes by prefix whatever made the lines. */
	RUN(f, "undo track", "commit");
	assert_null(strstr(running(f), "track"));
	/* Undo forms that are too short, or absent. */
	assert_int_equal(cli_exec(f->c, "undo route 10.0.0.0/8", &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_INCOMPLETE);
	assert_int_equal(e->col, 23);
	assert_int_equal(cli_exec(f->c, "undo offset 3", &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_UNRECOGNIZED);
	assert_int_equal(e->col, 6);
	assert_int_equal(cli_exec(f->c, "undo", &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_INCOMPLETE);
	/* Undo lines reach the module. */
	assert_non_null(
		strstr(cli_out_str(&f->m.log), "widget[w1] undo count 99\n"));
}

static void test_undo_keep_and_views(void **state)
{
	struct fixture *f = *state;

	RUN(f, "sys", "interface GE0/1/0", "shutdown", "ip address 10.1.1.1 24",
	    "ip address 10.2.2.2 24 sub", "commit");
	RUN(f, "undo shutdown", "commit");
	assert_string_equal(running(f),
			    "#\nsysname R1\n#\ninterface GigabitEthernet0/1/0\n"
			    " undo shutdown\n"
			    " ip address 10.1.1.1 255.255.255.0\n"
			    " ip address 10.2.2.2 255.255.255.0 sub\n"
			    "#\nreturn\n");
	RUN(f, "shutdown", "undo ip address 10.1.1.1 255.255.255.0", "commit");
	assert_string_equal(running(f),
			    "#\nsysname R1\n#\ninterface GigabitEthernet0/1/0\n"
			    " shutdown\n"
			    " ip address 10.2.2.2 255.255.255.0 sub\n"
			    "#\nreturn\n");
	/* Removing a view instance removes its lines and sub-views. */
	RUN(f, "widget w1", "count 1", "gadget 2", "level 4", "quit",
	    "gadget 3", "commit", "quit", "undo gadget 2", "commit");
	assert_non_null(strstr(running(f), "widget w1\n count 1\n #\n"
					   " gadget 3\n#\n"));
	RUN(f, "quit", "undo widget w1", "undo interface g0/1/0", "commit");
	assert_string_equal(running(f), "#\nsysname R1\n#\nreturn\n");
	/* Recreating starts empty. */
	RUN(f, "widget w1", "commit", "display this");
	assert_string_equal(cli_out_str(&f->o), "#\nwidget w1\n#\nreturn\n");
}

static void test_noop_lines(void **state)
{
	struct fixture *f = *state;

	RUN(f, "sys", "interface GE0/1/0", "shutdown", "commit", "quit");
	f->m.applies = 0;
	/* Entering an existing view and repeating a line change nothing. */
	RUN(f, "interface GigabitEthernet0/1/0", "shutdown");
	assert_string_equal(cli_prompt(f->c), "[~R1-GigabitEthernet0/1/0]");
	RUN(f, "commit");
	assert_int_equal(f->m.applies, 0);
	/* But a pending change to the same line is kept in order. */
	RUN(f, "undo shutdown", "shutdown", "commit");
	assert_int_equal(f->m.applies, 2);
	assert_non_null(strstr(running(f), " shutdown\n"));
	assert_null(strstr(running(f), "undo shutdown"));
}

static void test_display(void **state)
{
	struct fixture *f = *state;

	RUN(f, "sys", "widget-global enable", "interface LoopBack0",
	    "ip address 1.1.1.1 32", "widget b", "gadget 1", "level 2", "quit",
	    "count 4", "widget a", "commit", "sysname R9", "commit");
	assert_string_equal(running(f), "#\n"
					"sysname R9\n"
					"#\n"
					"widget-global enable\n"
					"#\n"
					"interface LoopBack0\n"
					" ip address 1.1.1.1 255.255.255.255\n"
					"#\n"
					"widget b\n"
					" count 4\n"
					" #\n"
					" gadget 1\n"
					"  level 2\n"
					"#\n"
					"widget a\n"
					"#\n"
					"return\n");
	{
		char saved[1024];

		RUN(f, "dis cur");
		snprintf(saved, sizeof(saved), "%s", cli_out_str(&f->o));
		assert_string_equal(saved, running(f));
	}
	/* display this: the current instance, at its depth. */
	RUN(f, "widget b", "gadget 1");
	cli_out_clear(&f->o);
	RUN(f, "display this");
	assert_string_equal(cli_out_str(&f->o),
			    "#\n gadget 1\n  level 2\n#\nreturn\n");
	RUN(f, "quit", "display this");
	assert_string_equal(cli_out_str(&f->o), "#\nwidget b\n count 4\n"
						" #\n gadget 1\n  level 2\n"
						"#\nreturn\n");
	RUN(f, "quit", "display this");
	assert_string_equal(cli_out_str(&f->o),
			    "#\nsysname R9\n#\nwidget-global enable\n"
			    "#\nreturn\n");
	/* A view not committed yet shows nothing. */
	RUN(f, "widget c", "display this");
	assert_string_equal(cli_out_str(&f->o), "#\n#\nreturn\n");
	/* Module display commands run in any view, at once. */
	RUN(f, "display widget c verbose");
	assert_string_equal(cli_out_str(&f->o), "widget show c verbose\n");
}

static void test_immediate(void **state)
{
	struct fixture *f = *state;
	const struct cli_err *e = cli_last_error(f->c);

	cli_set_immediate(f->c, true);
	RUN(f, "sys");
	assert_string_equal(cli_prompt(f->c), "[R1]");
	RUN(f, "widget w1", "count 3");
	assert_int_equal(f->m.applies, 2);
	assert_false(cli_has_uncommitted(f->c));
	strcpy(f->m.fail_on, "count 4");
	assert_int_equal(cli_exec(f->c, "count 4", &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_REJECTED);
	assert_string_equal(e->msg, "Error: widget refuses 'count 4'");
	assert_string_equal(running(f), "#\nsysname R1\n#\nwidget w1\n"
					" count 3\n#\nreturn\n");
	/*
	 * A refused view-entering line does not enter the view; the rollback
	 * to the system view that found the command stays.
	 */
	strcpy(f->m.fail_on, "widget w2");
	assert_int_equal(cli_exec(f->c, "widget w2", &f->o), -1);
	assert_string_equal(cli_prompt(f->c), "[R1]");
	cli_set_immediate(f->c, false);
	RUN(f, "return");
	/* "system-view immediately" lasts until the user view. */
	f->m.fail_on[0] = '\0';
	RUN(f, "system-view immediately", "widget-global enable");
	assert_int_equal(f->m.applies, 5);
	RUN(f, "return", "system-view", "undo widget-global enable");
	assert_int_equal(f->m.applies, 5);
	assert_string_equal(cli_prompt(f->c), "[*R1]");
	assert_true(cli_has_uncommitted(f->c));
}

static void test_rollback(void **state)
{
	struct fixture *f = *state;
	const struct cli_err *e = cli_last_error(f->c);

	RUN(f, "sys", "widget w1", "gadget 1", "level 1");
	/* count is a widget-view command: the session goes back there. */
	RUN(f, "count 2");
	assert_string_equal(cli_prompt(f->c), "[*R1-widget-w1]");
	RUN(f, "gadget 1", "interface GE0/1/0");
	assert_string_equal(cli_prompt(f->c), "[*R1-GigabitEthernet0/1/0]");
	RUN(f, "widget w1", "gadget 1");
	/* The furthest error is reported when no view takes the line. */
	assert_int_equal(cli_exec(f->c, "count 300", &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_WRONG_PARAM);
	assert_int_equal(e->col, 7);
	assert_string_equal(cli_prompt(f->c), "[*R1-gadget-1]");
	/* Undo lines are not rolled back (as VRP). */
	assert_int_equal(cli_exec(f->c, "undo count", &f->o), -1);
	assert_int_equal(e->code, CLI_ERR_UNRECOGNIZED);
	cli_set_rollback(f->c, false);
	assert_int_equal(cli_exec(f->c, "count 2", &f->o), -1);
	assert_string_equal(cli_prompt(f->c), "[*R1-gadget-1]");
	RUN(f, "commit");
	assert_string_equal(running(f),
			    "#\nsysname R1\n#\nwidget w1\n count 2\n #\n"
			    " gadget 1\n  level 1\n#\n"
			    "interface GigabitEthernet0/1/0\n#\nreturn\n");
}

static void test_script(void **state)
{
	struct fixture *f = *state;
	struct cli_err err;
	char buf[1024];
	const char *cfg = "# R1 configuration\n"
			  "system-view\n"
			  "\n"
			  "widget w1\n"
			  "  count 5\r\n"
			  "  ! a comment\n"
			  "  peer 10.1.1.2 port 70000\n"
			  "commit\n";

	assert_int_equal(cli_exec_script(f->c, cfg, "r1.cfg", 10, &f->o, &err),
			 -1);
	assert_int_equal(err.code, CLI_ERR_WRONG_PARAM);
	assert_string_equal(err.source, "r1.cfg");
	assert_int_equal(err.line, 16);
	assert_int_equal(err.col, 22);
	cli_err_fmt(&err, buf, sizeof(buf));
	assert_string_equal(buf,
			    "r1.cfg:16:22: Error: Wrong parameter found at "
			    "'^' position. (expected an integer 1024-55535)\n"
			    "    peer 10.1.1.2 port 70000\n"
			    "                       ^\n");
	/* The script stopped there: the rest did not run. */
	assert_true(cli_has_uncommitted(f->c));
	RUN(f, "abort");
	assert_false(cli_has_uncommitted(f->c));
	assert_string_equal(cli_prompt(f->c), "<R1>");

	/* A commit failure points at the line that failed. */
	strcpy(f->m.fail_on, "count 6");
	cfg = "system-view\nwidget w1\n count 6\n quit\ncommit\n";
	assert_int_equal(cli_exec_script(f->c, cfg, "r2.cfg", 1, &f->o, &err),
			 -1);
	assert_int_equal(err.code, CLI_ERR_COMMIT);
	assert_string_equal(err.source, "r2.cfg");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 2);
	/* Interactive errors carry no source. */
	assert_int_equal(cli_exec(f->c, "bogus", &f->o), -1);
	assert_string_equal(cli_last_error(f->c)->source, "");
	/* Empty and comment-only scripts are fine. */
	assert_int_equal(cli_exec_script(f->c, "", "x", 1, &f->o, &err), 0);
	assert_int_equal(cli_exec_script(f->c, "#\n#\n", "x", 1, NULL, NULL),
			 0);
}

static void test_long_script_line(void **state)
{
	struct fixture *f = *state;
	char text[CLI_LINE_MAX + 40];
	struct cli_err err;

	size_t n;

	strcpy(text, "system-view\nnote ");
	n = strlen(text);
	memset(text + n, 'x', CLI_LINE_MAX);
	text[n + CLI_LINE_MAX] = '\0';
	assert_int_equal(cli_exec_script(f->c, text, "long", 1, &f->o, &err),
			 -1);
	assert_int_equal(err.code, CLI_ERR_TOO_LONG);
	assert_int_equal(err.line, 2);
}

static void test_load_running(void **state)
{
	struct fixture *f = *state;
	const char *factory = "interface GigabitEthernet0/1/0\n"
			      " undo shutdown\n"
			      "interface GigabitEthernet0/1/1\n"
			      " shutdown\n";
	struct cli_err err;
	struct tmod m2 = { 0 };
	struct cli *c2;
	struct cli_out o2;
	char *saved;

	assert_int_equal(cli_load_running(f->c, factory, "factory", &err), 0);
	assert_int_equal(f->m.applies, 0);
	assert_string_equal(cli_prompt(f->c), "<R1>");
	assert_string_equal(running(f), "#\nsysname R1\n"
					"#\ninterface GigabitEthernet0/1/0\n"
					" undo shutdown\n"
					"#\ninterface GigabitEthernet0/1/1\n"
					" shutdown\n#\nreturn\n");
	RUN(f, "sys", "widget w1", "count 3", "gadget 2", "level 1", "return",
	    "sys", "sysname Core", "commit", "return");
	/* The display text loads back into an identical configuration. */
	saved = strdup(running(f));
	c2 = cli_new(f->reg, "Other", &m2);
	assert_non_null(c2);
	assert_int_equal(cli_load_running(c2, saved, "saved", &err), 0);
	assert_string_equal(cli_sysname(c2), "Core");
	cli_out_init(&o2);
	cli_show_running(c2, &o2);
	assert_string_equal(cli_out_str(&o2), saved);
	assert_int_equal(m2.applies, 0);
	/*
	 * "#" closes blocks when loading: "count 5" lands in the system view
	 * (where no such command exists) rather than in widget w1.
	 */
	assert_int_equal(
		cli_load_running(c2, "widget w1\n#\n count 5\n", "hash", &err),
		-1);
	assert_int_equal(err.line, 3);
	assert_int_equal(cli_load_running(c2,
					  "widget w1\n gadget 2\n #\n"
					  " count 5\n",
					  "hash", &err),
			 0);
	/* Errors are reported like a script's; pending lines block it. */
	assert_int_equal(
		cli_load_running(c2, "widget w1\n count 0\n", "bad", &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 8);
	assert_int_equal(cli_exec(c2, "system-view", &o2), 0);
	assert_int_equal(cli_exec(c2, "widget w9", &o2), 0);
	assert_int_equal(cli_load_running(c2, "widget w1\n", "x", &err), -1);
	assert_int_equal(err.code, CLI_ERR_STATE);
	cli_out_free(&o2);
	cli_out_free(&m2.log);
	cli_free(c2);
	free(saved);
	/* A sysname that is not a name is refused. */
	assert_null(cli_new(f->reg, "two words", &m2));
}

static void test_two_sessions(void **state)
{
	struct fixture *f = *state;
	struct tmod m2 = { 0 };
	struct cli *c2 = cli_new(f->reg, "R2", &m2);
	struct cli_out o2;

	assert_non_null(c2);
	cli_out_init(&o2);
	RUN(f, "sys", "widget w1", "count 1");
	assert_int_equal(cli_exec(c2, "sys", &o2), 0);
	assert_string_equal(cli_prompt(c2), "[~R2]");
	assert_int_equal(cli_exec(c2, "widget w2", &o2), 0);
	assert_int_equal(cli_exec(c2, "count 2", &o2), 0);
	assert_int_equal(cli_exec(c2, "commit", &o2), 0);
	/* R1's candidate is untouched by R2's commit. */
	assert_int_equal(cli_uncommitted_count(f->c), 2);
	assert_int_equal(f->m.applies, 0);
	assert_int_equal(m2.applies, 2);
	assert_string_equal(cli_prompt(f->c), "[*R1-widget-w1]");
	RUN(f, "commit");
	assert_string_equal(running(f), "#\nsysname R1\n#\nwidget w1\n"
					" count 1\n#\nreturn\n");
	cli_out_clear(&o2);
	cli_show_running(c2, &o2);
	assert_string_equal(cli_out_str(&o2), "#\nsysname R2\n#\nwidget w2\n"
					      " count 2\n#\nreturn\n");
	cli_out_free(&o2);
	cli_out_free(&m2.log);
	cli_free(c2);
}

/* A handler may not re-enter the engine. */
static int reenter(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_out o;
	int rc;

	(void)a;
	cli_out_init(&o);
	rc = cli_exec(cli_ctx_cli(ctx), "display widget", &o);
	cli_out_free(&o);
	if (rc == 0)
		return cli_error(ctx, "re-entry was allowed");
	rc = cli_commit(cli_ctx_cli(ctx), NULL);
	cli_printf(ctx, "blocked %d %s\n", rc,
		   cli_last_error(cli_ctx_cli(ctx))->msg);
	return 0;
}

static void test_reentry(void **state)
{
	struct fixture *f = *state;
	static const struct cli_cmd cmd = { .pattern = "reenter",
					    .flags = CLI_ACTION,
					    .apply = reenter };

	assert_int_equal(cli_registry_add(f->reg, &cmd), 0);
	RUN(f, "sys", "reenter");
	assert_string_equal(cli_out_str(&f->o),
			    "blocked -1 Error: commit called from a command "
			    "handler\n");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_views_and_prompts),
		T(test_candidate_and_commit),
		T(test_commit_failure),
		T(test_replace_and_undo),
		T(test_undo_keep_and_views),
		T(test_noop_lines),
		T(test_display),
		T(test_immediate),
		T(test_rollback),
		T(test_script),
		T(test_long_script_line),
		T(test_load_running),
		T(test_two_sessions),
		T(test_reentry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
