/*
 * Tests of the scenario loader's size limits (config text, node count,
 * profiles, description, groups, YAML nodes, file size) with the exact
 * message at each, and of a scenario at the node limit loading from a
 * string and from a file, with a duplicate address found among 4096 hosts.
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

/*
 * prefix, then unit n times (unit may hold one %zu: the item's index),
 * then suffix. The caller frees.
 */
static char *repeat(const char *prefix, const char *unit, size_t n,
		    const char *suffix)
{
	size_t cap =
		strlen(prefix) + (strlen(unit) + 20) * n + strlen(suffix) + 1;
	char *t = malloc(cap);
	size_t i, o;

	assert_non_null(t);
	o = (size_t)snprintf(t, cap, "%s", prefix);
	for (i = 0; i < n; i++) {
		if (strchr(unit, '%') == NULL) {
			memcpy(t + o, unit, strlen(unit)); /* fast path */
			o += strlen(unit);
		} else {
			o += (size_t)snprintf(t + o, cap - o, unit, i);
		}
	}
	snprintf(t + o, cap - o, "%s", suffix);
	return t;
}

#define HEAD	 "name: t\nduration: 1s\n"
#define ONE_NODE "nodes: [{name: a, kind: host, ipv4: 10.0.0.1/24}]\n"

struct limit_case {
	const char *name;
	const char *prefix;
	const char *unit;
	size_t n;
	const char *suffix;
	const char *want;
};

static const struct limit_case limit_cases[] = {
	{ "config", HEAD "nodes:\n- name: R1\n  kind: router\n  config: |\n",
	  "    system-view\n", SCN_CONFIG_MAX / 12 + 1, "",
	  "t.yaml:6:11: nodes[0].config: longer than 1048576 bytes" },
	{ "nodes", HEAD "nodes:\n", "- {name: a%zu, kind: host}\n",
	  SCN_MAX_NODES + 1, "", "t.yaml:4:1: nodes: more than 4096 items" },
	{ "profiles", HEAD "profiles:\n", "  p%zu: {}\n", SCN_MAX_PROFILES + 1,
	  ONE_NODE, "t.yaml:4:3: profiles: more than 64 profiles" },
	{ "description", "name: t\ndescription: ", "x", (64 << 10) + 1,
	  "\nduration: 1s\n" ONE_NODE,
	  "t.yaml:2:14: description: longer than 65536 characters" },
	{ "groups", HEAD ONE_NODE "traffic:\n  multicast:\n",
	  "    - {name: s%zu, source: a, group: 232.0.0.0, count: 65536, "
	  "rate: 1}\n",
	  17, "",
	  "t.yaml:22:55: traffic.multicast[16].count: more than 1048576 "
	  "groups in all streams" },
	{ "faults", HEAD ONE_NODE "faults:\n", "- {at: 1s, crash: a}\n",
	  SCN_MAX_FAULTS + 1, "", "t.yaml:5:1: faults: more than 4096 items" },
	{ "displays", HEAD "nodes: [{name: R, kind: router}]\ndisplays:\n",
	  "- {at: 1s, node: R, command: display vrrp}\n", SCN_MAX_DISPLAYS + 1,
	  "", "t.yaml:5:1: displays: more than 4096 items" },
	{ "display-command",
	  HEAD "nodes: [{name: R, kind: router}]\ndisplays:\n"
	       "- at: 1s\n  node: R\n  command: |\n",
	  "    display vrrp\n", SCN_COMMAND_MAX / 13 + 1, "",
	  "t.yaml:7:12: displays[0].command: longer than 65536 bytes" },
	{ "display-name",
	  HEAD "nodes: [{name: R, kind: router}]\ndisplays:\n"
	       "- {at: 1s, node: R, command: x, name: ",
	  "n", SCN_LABEL_MAX + 1, "}\n",
	  "t.yaml:5:39: displays[0].name: longer than 256 characters" },
	{ "yaml-nodes", HEAD ONE_NODE "x: [", "0,", 1u << 20, "0]\n",
	  "t.yaml:4:2097125: too many YAML nodes (at most 1048576)" },
	{ "nesting", HEAD ONE_NODE "x: ", "[", 70, "",
	  "t.yaml:4:67: nested deeper than 64 levels" },
	{ "file", "# ", "x", SCN_FILE_MAX, "\n",
	  "t.yaml: larger than 16777216 bytes" },
};

static void test_limits(void **state)
{
	struct scn_spec *s;
	char err[256], *t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(limit_cases) / sizeof(limit_cases[0]); i++) {
		const struct limit_case *c = &limit_cases[i];

		t = repeat(c->prefix, c->unit, c->n, c->suffix);
		if (scn_load_string(t, "t.yaml", &s, err, sizeof(err)) == 0)
			fail_msg("%s: loaded", c->name);
		free(t);
		if (strcmp(err, c->want) != 0)
			fail_msg("%s:\n got  %s\n want %s", c->name, err,
				 c->want);
	}
}

/* A config of exactly SCN_CONFIG_MAX bytes loads. */
static void test_config_at_limit(void **state)
{
	char *t = repeat(HEAD "nodes:\n- name: R1\n  kind: router\n"
			      "  config: |\n",
			 "    system-view-xyz\n", SCN_CONFIG_MAX / 16, "");
	struct scn_spec *s;
	char err[256];

	(void)state;
	assert_int_equal(SCN_CONFIG_MAX % 16, 0);
	assert_int_equal(scn_load_string(t, "t.yaml", &s, err, sizeof(err)), 0);
	free(t);
	assert_int_equal(strlen(s->nodes[0].router.config), SCN_CONFIG_MAX);
	scn_spec_free(s);
}

/* Many hosts: names and addresses are checked in n log n. */
static void test_many_hosts(void **state)
{
	char *t = malloc(SCN_MAX_NODES * 64 + 64), err[256];
	struct scn_spec *s;
	size_t i, o;

	(void)state;
	assert_non_null(t);
	o = (size_t)sprintf(t, "name: t\nduration: 1s\nnodes:\n");
	for (i = 0; i < SCN_MAX_NODES; i++)
		o += (size_t)sprintf(t + o,
				     "- {name: h%zu, kind: host, ipv4: "
				     "10.%zu.%zu.1/24}\n",
				     i, i / 256, i % 256);
	assert_int_equal(scn_load_string(t, "t.yaml", &s, err, sizeof(err)), 0);
	assert_int_equal(s->nnodes, SCN_MAX_NODES);
	scn_spec_free(s);
	/* The same from a file (bigger than the first read buffer). */
	{
		const char *path = FAILSIM_BINARY_DIR "/scn_error_test.yaml";
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fputs(t, f);
		fclose(f);
		assert_int_equal(scn_load_file(path, &s, err, sizeof(err)), 0);
		assert_int_equal(s->nnodes, SCN_MAX_NODES);
		scn_spec_free(s);
		remove(path);
	}
	/* The last host takes the first one's address. */
	o = (size_t)(strrchr(t, '{') - t);
	sprintf(t + o, "{name: hx, kind: host, ipv4: 10.0.0.1/24}\n");
	assert_int_equal(scn_load_string(t, "t.yaml", &s, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "t.yaml:4099:3: nodes[4095]: IPv4 address "
				 "10.0.0.1 of interface eth0 is also used by "
				 "h0:eth0");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_config_at_limit),
		cmocka_unit_test(test_many_hosts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
