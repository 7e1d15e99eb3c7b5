/*
 * Tests of scenario displays (sim_display.c): the exact displays.txt of a
 * small routed scenario whose router shows its routing table and
 * interfaces before and after a link is cut, while crashed, while
 * restarting and after booting again, plus an item after the end of the
 * run; same seed, same file; displays change nothing else in the run (the
 * event log without the display records and the measurement are those of
 * the run without displays); the event log records; a run stopped early or
 * shortened by --duration; headings made from the commands; no file for a
 * scenario without displays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sim/core/sim_log.h"
#include "sim/run/sim_world.h"

#define OUT FAILSIM_BINARY_DIR "/test-out/sim_display"

/* R1 routes between hosts a and b; lb (to b) is cut at 2 s, R1 crashes at
 * 4 s and restarts at 4.5 s with a 1 s boot delay. */
#define BASE                                                                   \
	"name: disp\n"                                                         \
	"duration: 6s\n"                                                       \
	"nodes:\n"                                                             \
	"  - name: R1\n"                                                       \
	"    kind: router\n"                                                   \
	"    boot_delay: 1s\n"                                                 \
	"    config: |\n"                                                      \
	"      system-view\n"                                                  \
	"      sysname R1\n"                                                   \
	"      interface GE0/1/0\n"                                            \
	"       ip address 10.0.1.1 24\n"                                      \
	"      interface GE0/2/0\n"                                            \
	"       ip address 10.0.2.1 24\n"                                      \
	"      quit\n"                                                         \
	"      ip route-static 10.9.0.0 16 10.0.2.10\n"                        \
	"      commit\n"                                                       \
	"  - { name: a, kind: host, ipv4: 10.0.1.10/24, gateway: 10.0.1.1 }\n" \
	"  - { name: b, kind: host, ipv4: 10.0.2.10/24, gateway: 10.0.2.1 }\n" \
	"links:\n"                                                             \
	"  - { name: la, a: \"a:eth0\", b: \"R1:GE0/1/0\" }\n"                 \
	"  - { name: lb, a: \"b:eth0\", b: \"R1:GE0/2/0\" }\n"                 \
	"traffic:\n"                                                           \
	"  unicast:\n"                                                         \
	"    - { name: f, from: a, to: b, rate: 100, size: 100, start: 0.5s "  \
	"}\n"                                                                  \
	"faults:\n"                                                            \
	"  - { at: 2s, link-down: lb }\n"                                      \
	"  - { at: 4s, crash: R1 }\n"                                          \
	"  - { at: 4.5s, restart: R1 }\n"

/* Out of time order on purpose: the file is in time, then file, order. */
#define DISPLAYS                                                               \
	"displays:\n"                                                          \
	"  - at: 3s\n"                                                         \
	"    node: R1\n"                                                       \
	"    name: after the cut\n"                                            \
	"    command: |\n"                                                     \
	"      display interface brief\n"                                      \
	"      display ip routing-table\n"                                     \
	"  - { at: 1s, node: R1, command: display ip routing-table }\n"        \
	"  - { at: 1s, node: R1, command: display ip interface brief }\n"      \
	"  - { at: 4.2s, node: R1, command: display ip routing-table }\n"      \
	"  - { at: 5s, node: R1, command: display ip routing-table }\n"        \
	"  - { at: 6s, node: R1, command: display ip interface brief }\n"      \
	"  - { at: 7s, node: R1, command: display arp }\n"

/* The routing table's heading, as `display ip routing-table` prints it. */
#define RT_HEAD                                                                \
	"<R1>display ip routing-table\n"                                       \
	"Route Flags: R - relay, D - download to fib\n"                        \
	"----------------------------------------------------------------"     \
	"--------------\n"                                                     \
	"Routing Tables: Public\n"
#define RT_COLS                                                                \
	"\n"                                                                   \
	"Destination/Mask    Proto   Pre  Cost      Flags NextHop         "    \
	"Interface\n"                                                          \
	"\n"
#define RT_A                                                                   \
	"       10.0.1.0/24  Direct  0    0           D   10.0.1.1        "    \
	"GigabitEthernet0/1/0\n"                                               \
	"       10.0.1.1/32  Direct  0    0           D   127.0.0.1       "    \
	"GigabitEthernet0/1/0\n"
#define RT_B                                                                   \
	"       10.0.2.0/24  Direct  0    0           D   10.0.2.1        "    \
	"GigabitEthernet0/2/0\n"                                               \
	"       10.0.2.1/32  Direct  0    0           D   127.0.0.1       "    \
	"GigabitEthernet0/2/0\n"                                               \
	"       10.9.0.0/16  Static  60   0          RD   10.0.2.10       "    \
	"GigabitEthernet0/2/0\n"
#define RT_LOOP                                                                \
	"      127.0.0.0/8   Direct  0    0           D   127.0.0.1       "    \
	"InLoopBack0\n"                                                        \
	"      127.0.0.1/32  Direct  0    0           D   127.0.0.1       "    \
	"InLoopBack0\n"                                                        \
	"127.255.255.255/32  Direct  0    0           D   127.0.0.1       "    \
	"InLoopBack0\n"                                                        \
	"255.255.255.255/32  Direct  0    0           D   127.0.0.1       "    \
	"InLoopBack0\n"
#define RT_BEFORE                                                              \
	RT_HEAD "         Destinations : 9        Routes : 9\n" RT_COLS RT_A   \
		RT_B RT_LOOP
#define RT_AFTER                                                               \
	RT_HEAD "         Destinations : 6        Routes : 6\n" RT_COLS RT_A   \
		RT_LOOP
#define IP_BRIEF(b_state)                                                      \
	"<R1>display ip interface brief\n"                                     \
	"Interface                         IP Address/Mask      Physical   "   \
	"Protocol\n"                                                           \
	"GigabitEthernet0/1/0              10.0.1.1/24          up         "   \
	"up\n"                                                                 \
	"GigabitEthernet0/2/0              10.0.2.1/24          " b_state "\n"
#define IF_BRIEF_CUT                                                           \
	"<R1>display interface brief\n"                                        \
	"PHY: Physical\n"                                                      \
	"*down: administratively down\n"                                       \
	"(l): loopback\n"                                                      \
	"InUti/OutUti: input utility/output utility\n"                         \
	"Interface                   PHY   Protocol   InUti OutUti   "         \
	"inErrors  outErrors\n"                                                \
	"GigabitEthernet0/1/0        up    up            0%     0%          "  \
	"0          0\n"                                                       \
	"GigabitEthernet0/2/0        down  down          0%     0%          "  \
	"0          0\n"
#define CRASHED "R1 is down (crashed at 4.000000000 s): no CLI\n"
#define RESTARTING                                                             \
	"R1 is down (restarting since 4.500000000 s, boots at 5.500000000 "    \
	"s): no CLI\n"

/* The items shown up to 2 s, up to 6 s, and the whole file. */
#define WANT_2S                                                                \
	"=== 1.000000000 s  R1  display ip routing-table ===\n" RT_BEFORE "\n" \
	"=== 1.000000000 s  R1  display ip interface brief ===\n" IP_BRIEF(    \
		"up         up")
#define WANT_6S                                                                \
	WANT_2S "\n"                                                           \
		"=== 3.000000000 s  R1  after the cut ===\n" IF_BRIEF_CUT      \
			RT_AFTER "\n"                                          \
		"=== 4.200000000 s  R1  display ip routing-table "             \
		"===\n" CRASHED "\n"                                           \
		"=== 5.000000000 s  R1  display ip routing-table "             \
		"===\n" RESTARTING "\n"                                        \
		"=== 6.000000000 s  R1  display ip interface brief "           \
		"===\n" IP_BRIEF("down       down")
static const char want_file[] =
	WANT_6S "\n"
		"=== 7.000000000 s  R1  display arp ===\n"
		"(not shown: the run ended at 6.000000000 s)\n";

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else if (buf) {
			buf[n] = '\0';
		}
	}
	fclose(f);
	return buf;
}

static struct scn_spec *load(const char *text)
{
	struct scn_spec *spec;
	char err[1024];

	if (scn_load_string(text, "disp.yaml", &spec, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	return spec;
}

/* Run text into dir with opts; returns displays.txt (NULL if absent). */
static char *run_file(const char *text, const char *dir, struct sim_opts *o)
{
	struct sim_opts none = { 0 };
	struct scn_spec *spec = load(text);
	char err[1024], path[512];

	if (!o)
		o = &none;
	o->quiet = true;
	o->no_plots = true;
	snprintf(path, sizeof(path), "%s/displays.txt", dir);
	remove(path);
	if (sim_run_scenario(spec, dir, o, NULL, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	scn_spec_free(spec);
	return slurp(path);
}

static void assert_text(const char *got, const char *want)
{
	if (!got || strcmp(got, want) != 0)
		fail_msg("got:\n%s\n--- want:\n%s", got ? got : "(none)", want);
}

static void test_file_exact(void **state)
{
	char *got = run_file(BASE DISPLAYS, OUT "/a", NULL);

	(void)state;
	assert_text(got, want_file);
	free(got);
}

/* Same seed, same file; another seed changes nothing here either. */
static void test_deterministic(void **state)
{
	struct sim_opts o = { .seed = 99, .seed_set = true };
	char *a = run_file(BASE DISPLAYS, OUT "/a", NULL);
	char *b = run_file(BASE DISPLAYS, OUT "/b", NULL);
	char *c = run_file(BASE DISPLAYS, OUT "/c", &o);

	(void)state;
	assert_non_null(a);
	assert_text(b, a);
	assert_text(c, a);
	free(a);
	free(b);
	free(c);
}

/* A scenario without displays writes no displays.txt. */
static void test_no_displays_no_file(void **state)
{
	char *got = run_file(BASE, OUT "/none", NULL);

	(void)state;
	assert_null(got);
	assert_int_equal(access(OUT "/none/events.jsonl", F_OK), 0);
}

/* --duration 3s: what comes later is listed as not shown. */
static void test_duration_override(void **state)
{
	struct sim_opts o = { .duration = SIM_S(3), .duration_set = true };
	char *got = run_file(BASE DISPLAYS, OUT "/short", &o);
	static const char *const later[] = {
		"4.200000000 s  R1  display ip routing-table",
		"5.000000000 s  R1  display ip routing-table",
		"6.000000000 s  R1  display ip interface brief",
		"7.000000000 s  R1  display arp",
	};
	char want[8192];
	size_t n;

	(void)state;
	n = (size_t)snprintf(want, sizeof(want), "%s",
			     WANT_2S "\n"
				     "=== 3.000000000 s  R1  after the cut "
				     "===\n" IF_BRIEF_CUT RT_AFTER);
	for (size_t i = 0; i < 4; i++)
		n += (size_t)snprintf(want + n, sizeof(want) - n,
				      "\n=== %s ===\n(not shown: the run ended "
				      "at 3.000000000 s)\n",
				      later[i]);
	assert_text(got, want);
	free(got);
}

/* Every record of a run but the display ones, and the display ones. */
struct rec_log {
	char *other;
	size_t nother, cap;
	int ndisp;
	char out[8][4096];
	char name[8][64];
	sim_time_t t[8];
};

static void rec_tap(void *arg, const struct sim_log_rec *r)
{
	struct rec_log *l = arg;

	if (!strcmp(r->module, "display")) {
		assert_string_equal(r->event, "output");
		assert_string_equal(r->node, "R1");
		assert_true(l->ndisp < 8);
		assert_true(sim_log_field(r, "command", NULL, 0));
		assert_true(sim_log_field(r, "output", l->out[l->ndisp],
					  sizeof(l->out[0])));
		if (!sim_log_field(r, "name", l->name[l->ndisp],
				   sizeof(l->name[0])))
			l->name[l->ndisp][0] = '\0';
		l->t[l->ndisp++] = r->t;
		return;
	}
	if (l->nother + r->len + 2 > l->cap) {
		l->cap = (l->cap + r->len + 2) * 2;
		l->other = realloc(l->other, l->cap);
		assert_non_null(l->other);
	}
	memcpy(l->other + l->nother, r->json, r->len);
	l->nother += r->len;
	l->other[l->nother++] = '\n';
}

static struct sim_world *world(const char *text, struct scn_spec **spec,
			       struct rec_log *l)
{
	char err[1024];
	struct sim_world *w;

	*spec = load(text);
	w = sim_world_new(*spec, NULL, NULL, err, sizeof(err));
	if (!w)
		fail_msg("%s", err);
	assert_int_equal(sim_log_add_tap(sim_world_log(w), rec_tap, l), 0);
	return w;
}

/*
 * Displays observe: with or without them the other records and the
 * measurement are the same; they are not faults. Their records carry the
 * output shown in the file.
 */
static void test_observe_only(void **state)
{
	struct rec_log with = { 0 }, without = { 0 };
	struct scn_spec *s1, *s2;
	struct sim_world *w1 = world(BASE DISPLAYS, &s1, &with);
	struct sim_world *w2 = world(BASE, &s2, &without);
	const struct meas_results *r1, *r2;

	(void)state;
	sim_world_run(w1, SIM_TIME_NEVER);
	sim_world_run(w2, SIM_TIME_NEVER);
	r1 = sim_world_finish(w1);
	r2 = sim_world_finish(w2);
	assert_int_equal(without.ndisp, 0);
	assert_int_equal(with.nother, without.nother);
	assert_memory_equal(with.other, without.other, with.nother);
	assert_int_equal(r1->nfaults, 3);
	assert_int_equal(r2->nfaults, 3);
	assert_int_equal(r1->noutages, r2->noutages);
	assert_true(r1->noutages > 0);
	for (size_t i = 0; i < r1->noutages; i++) {
		assert_int_equal(r1->outages[i].start, r2->outages[i].start);
		assert_int_equal(r1->outages[i].lost, r2->outages[i].lost);
	}
	assert_int_equal(with.ndisp, 6);
	assert_int_equal(with.t[0], SIM_S(1));
	assert_string_equal(with.out[0], RT_BEFORE);
	assert_string_equal(with.out[1], IP_BRIEF("up         up"));
	assert_string_equal(with.name[2], "after the cut");
	assert_string_equal(with.out[2], IF_BRIEF_CUT RT_AFTER);
	assert_string_equal(with.out[3], CRASHED);
	assert_string_equal(with.out[4], RESTARTING);
	assert_int_equal(with.t[5], SIM_S(6));
	assert_string_equal(with.name[5], "");
	assert_string_equal(sim_world_displays(w1), WANT_6S);
	assert_string_equal(sim_world_displays(w2), "");
	sim_world_free(w1);
	sim_world_free(w2);
	scn_spec_free(s1);
	scn_spec_free(s2);
	free(with.other);
	free(without.other);
}

/* Stopped at 2 s, a world has shown the 1 s items only. */
static void test_partial_run(void **state)
{
	struct rec_log l = { 0 };
	struct scn_spec *s;
	struct sim_world *w = world(BASE DISPLAYS, &s, &l);

	(void)state;
	assert_string_equal(sim_world_displays(w), "");
	sim_world_run(w, SIM_S(2));
	assert_string_equal(sim_world_displays(w), WANT_2S);
	assert_int_equal(l.ndisp, 2);
	sim_world_free(w);
	scn_spec_free(s);
	free(l.other);
}

#define E10                                                                    \
	"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3" \
	"\xa9\xc3\xa9"
#define E5 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"

/* Without a name, the heading quotes the commands: trimmed, blank lines
 * left out, "; " between, cut to 160 bytes and "...", never inside a
 * UTF-8 character. */
static void test_headings(void **state)
{
	static const char text[] =
		BASE "displays:\n"
		     "  - at: 1s\n"
		     "    node: R1\n"
		     "    command: |\n"
		     "      display arp   \n"
		     "\n"
		     "        display ip interface brief\n"
		     "  - at: 1.5s\n"
		     "    node: R1\n"
		     "    command: |\n"
		     "      display ip interface brief\n"
		     "      display ip interface brief\n"
		     "      display ip interface brief\n"
		     "      display ip interface brief\n"
		     "      display ip interface brief\n"
		     "      display ip interface brief\n"
		     "  - { at: 1.75s, node: R1, command: display nonsense, "
		     "name: \"naming wins\" }\n"
		     "  - { at: 1.875s, node: R1, command: \"display  " E10 E10
			     E10 E10 E10 E10 E10 E10 "\" }\n";
	static const char first[] = "=== 1.000000000 s  R1  display arp; "
				    "display ip interface brief ===\n"
				    "<R1>display arp   \n";
	static const char second[] =
		"\n=== 1.500000000 s  R1  display ip interface brief; display "
		"ip interface brief; display ip interface brief; display ip "
		"interface brief; display ip interface brief; display ip "
		"interface... ===\n<R1>display ip interface brief\n";
	struct rec_log l = { 0 };
	struct scn_spec *s;
	struct sim_world *w = world(text, &s, &l);
	const char *t, *p;

	(void)state;
	sim_world_run(w, SIM_S(2));
	t = sim_world_displays(w);
	assert_memory_equal(t, first, strlen(first));
	/* 5 x 26 + 5 x 2 = 140 bytes, then 20 of the sixth line. */
	p = strstr(t, "\n=== 1.500000000 s  R1  ");
	assert_non_null(p);
	assert_memory_equal(p, second, strlen(second));
	p = strstr(t, "\n=== 1.750000000 s  R1  naming wins ===\n"
		      "<R1>display nonsense\n");
	assert_non_null(p);
	assert_non_null(strstr(p, "Error: Unrecognized command"));
	/* 9 + 75 x 2 bytes: the 76th e-acute would end at byte 161. */
	assert_non_null(strstr(p, "\n=== 1.875000000 s  R1  display  " E10 E10
					  E10 E10 E10 E10 E10 E5 "... ===\n"));
	assert_int_equal(l.ndisp, 4);
	sim_world_free(w);
	scn_spec_free(s);
	free(l.other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_exact),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_no_displays_no_file),
		cmocka_unit_test(test_duration_override),
		cmocka_unit_test(test_observe_only),
		cmocka_unit_test(test_partial_run),
		cmocka_unit_test(test_headings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
