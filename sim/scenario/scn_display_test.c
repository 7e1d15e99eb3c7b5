/*
 * Tests of the scenario loader's "displays:" section: a table of valid
 * items (flow and block forms, one-line and literal-block commands, the
 * optional name, a time after the end of the run, file order kept for
 * equal and decreasing times), an empty or absent section, and items at
 * the limits (4096 displays, a command of exactly 64 KiB). Malformed
 * items are in scn_ref_test.c and scn_limit_test.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/scenario/scn_spec.h"

/* Lines 1-6: R1 (index 0), a switch, R4 (index 2), a host. */
#define HEAD                                                                   \
	"name: t\n"                                                            \
	"duration: 10s\n"                                                      \
	"nodes:\n"                                                             \
	"  - {name: R1, kind: router}\n"                                       \
	"  - {name: SW1, kind: switch}\n"                                      \
	"  - {name: R4, kind: router}\n"                                       \
	"  - {name: h, kind: host}\n"

struct want_display {
	sim_time_t at;
	int node_idx;
	const char *node;
	const char *name; /* NULL: absent */
	const char *command;
	uint32_t line; /* of the item */
	uint32_t command_line;
};

struct good_case {
	const char *name;
	const char *text;
	size_t n;
	struct want_display want[3];
};

static const struct good_case good_cases[] = {
	{ "brief-example",
	  HEAD "displays:\n"
	       "  - { at: 4s, node: R4, command: \"display pim "
	       "routing-table\" }\n"
	       "  - at: 9s\n"
	       "    node: R1\n"
	       "    command: |\n"
	       "      display igmp group\n"
	       "      display multicast routing-table\n",
	  2,
	  { { SIM_S(4), 2, "R4", NULL, "display pim routing-table", 9, 9 },
	    { SIM_S(9), 0, "R1", NULL,
	      "display igmp group\ndisplay multicast routing-table\n", 10,
	      13 } } },
	{ "named-plain",
	  HEAD "displays:\n"
	       "  - {at: 250ms, node: R1, command: display vrrp, name: "
	       "\"VRRP before the cut\"}\n",
	  1,
	  { { SIM_MS(250), 0, "R1", "VRRP before the cut", "display vrrp", 9,
	      9 } } },
	{ "file-order-kept",
	  HEAD "displays:\n"
	       "  - {at: 5s, node: R4, command: display vrrp}\n"
	       "  - {at: 2s, node: R1, command: display bfd session all}\n"
	       "  - {at: 2s, node: R4, command: display interface brief}\n",
	  3,
	  { { SIM_S(5), 2, "R4", NULL, "display vrrp", 9, 9 },
	    { SIM_S(2), 0, "R1", NULL, "display bfd session all", 10, 10 },
	    { SIM_S(2), 2, "R4", NULL, "display interface brief", 11, 11 } } },
	{ "zero-and-after-end",
	  HEAD "displays:\n"
	       "  - {at: 0, node: R1, command: display ip routing-table}\n"
	       "  - {at: 1m, node: R1, command: display ip routing-table}\n",
	  2,
	  { { 0, 0, "R1", NULL, "display ip routing-table", 9, 9 },
	    { SIM_S(60), 0, "R1", NULL, "display ip routing-table", 10,
	      10 } } },
	{ "keys-any-order",
	  HEAD "displays:\n"
	       "  - command: |\n"
	       "      system-view\n"
	       "      display this\n"
	       "    name: in system view\n"
	       "    node: R4\n"
	       "    at: 1.5s\n",
	  1,
	  { { SIM_MS(1500), 2, "R4", "in system view",
	      "system-view\ndisplay this\n", 9, 10 } } },
	{ "null-section", HEAD "displays:\n", 0, { { 0 } } },
	{ "empty-list", HEAD "displays: []\n", 0, { { 0 } } },
	{ "absent", HEAD, 0, { { 0 } } },
};

static void check_display(const char *cname, size_t i,
			  const struct scn_display *d,
			  const struct want_display *w)
{
	if (d->at != w->at || d->node_idx != w->node_idx ||
	    strcmp(d->node, w->node) != 0 || strcmp(d->command, w->command) ||
	    d->loc.line != w->line || d->command_line != w->command_line)
		fail_msg("%s[%zu]: at %lld node %s (%d) line %u/%u command "
			 "\"%s\"",
			 cname, i, (long long)d->at, d->node, d->node_idx,
			 d->loc.line, d->command_line, d->command);
	if ((w->name == NULL) != (d->name == NULL) ||
	    (w->name != NULL && strcmp(w->name, d->name) != 0))
		fail_msg("%s[%zu]: name \"%s\"", cname, i,
			 d->name ? d->name : "(null)");
}

static void test_good_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]);
	     i++) {
		const struct good_case *c = &good_cases[i];
		struct scn_spec *s = NULL;
		char err[512];

		if (scn_load_string(c->text, "t.yaml", &s, err, sizeof(err)))
			fail_msg("%s: %s", c->name, err);
		if (s->ndisplays != c->n)
			fail_msg("%s: %zu displays", c->name, s->ndisplays);
		for (size_t k = 0; k < c->n; k++)
			check_display(c->name, k, &s->displays[k], &c->want[k]);
		/* Displays are not faults. */
		assert_int_equal(s->nfaults, 0);
		/* --duration leaves them alone. */
		scn_spec_set_duration(s, SIM_S(1));
		for (size_t k = 0; k < c->n; k++)
			assert_int_equal(s->displays[k].at, c->want[k].at);
		scn_spec_free(s);
	}
}

/* prefix, then unit n times, then suffix; the caller frees. */
static char *repeat(const char *prefix, const char *unit, size_t n,
		    const char *suffix)
{
	size_t lp = strlen(prefix), lu = strlen(unit), ls = strlen(suffix);
	char *t = malloc(lp + lu * n + ls + 1);

	assert_non_null(t);
	memcpy(t, prefix, lp);
	for (size_t i = 0; i < n; i++)
		memcpy(t + lp + i * lu, unit, lu);
	memcpy(t + lp + lu * n, suffix, ls + 1);
	return t;
}

static void test_at_limits(void **state)
{
	/* Each block line is 16 bytes once its indentation is removed. */
	char *many = repeat(HEAD "displays:\n",
			    "- {at: 1s, node: R4, command: display vrrp}\n",
			    SCN_MAX_DISPLAYS, "");
	char *big = repeat(HEAD "displays:\n- at: 1s\n  node: R1\n"
				"  command: |\n",
			   "    display vrrp123\n", SCN_COMMAND_MAX / 16, "");
	struct scn_spec *s;
	char err[256];

	(void)state;
	assert_int_equal(scn_load_string(many, "t.yaml", &s, err, sizeof(err)),
			 0);
	assert_int_equal(s->ndisplays, SCN_MAX_DISPLAYS);
	assert_int_equal(s->displays[SCN_MAX_DISPLAYS - 1].node_idx, 2);
	assert_int_equal(s->displays[SCN_MAX_DISPLAYS - 1].loc.line,
			 8 + SCN_MAX_DISPLAYS);
	scn_spec_free(s);
	free(many);
	assert_int_equal(SCN_COMMAND_MAX % 16, 0);
	assert_int_equal(scn_load_string(big, "t.yaml", &s, err, sizeof(err)),
			 0);
	assert_int_equal(strlen(s->displays[0].command), SCN_COMMAND_MAX);
	scn_spec_free(s);
	free(big);
}

/* A failed load part-way through the section frees what it read. */
static void test_error_after_items(void **state)
{
	static const char text[] =
		HEAD "displays:\n"
		     "  - {at: 1s, node: R1, command: display vrrp, name: a}\n"
		     "  - {at: 2s, node: R4, command: display vrrp, name: b}\n"
		     "  - {at: 3s, node: SW1, command: display vrrp}\n";
	struct scn_spec *s = (struct scn_spec *)&s;
	char err[256];

	(void)state;
	assert_int_equal(scn_load_string(text, "t.yaml", &s, err, sizeof(err)),
			 -1);
	assert_null(s);
	assert_string_equal(err, "t.yaml:11:20: displays[2].node: \"SW1\" is "
				 "a switch; expected a router");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_table),
		cmocka_unit_test(test_at_limits),
		cmocka_unit_test(test_error_after_items),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
