/*
 * Tests of the comparison of two runs (meas_compare.[ch]): the exact
 * compare.txt and compare.json of two hand-made runs of the same faults
 * (expected text kept here), the fault check (count, time, label; the
 * message names the first mismatch), the difference rules (no affected
 * flow counts as 0, no flow of a kind is unknown), flows matched by
 * receiver and stream name across runs, atomic and byte-deterministic
 * files, and the plots (.dat exact, scripts, PNGs through gnuplot when it
 * is installed, a failing gnuplot, no gnuplot).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "sim/core/sim_file.h"
#include "sim/measure/meas.h"
#include "sim/measure/meas_compare.h"

#define MS  SIM_MS
#define US  SIM_US
#define OUT FAILSIM_BINARY_DIR "/test-out/meas_compare"

/*
 * A hand-made run: a 1000 pps multicast stream to H1 and H2 and a 100 pps
 * unicast stream to H3, a link cut at 200 ms and its repair at t2. H1
 * loses 200..h1_last, H2 200..h2_last (and gets the next two twice when
 * h2_dups), H3 loses 21..h3_last (none when h3_last is 0). Options: H4
 * also receives the multicast stream and loses 200..209; the streams and
 * flows are registered in the reverse order; no unicast stream; H1 also
 * loses 50..59 before any fault; no faults at all.
 */
struct syn {
	uint64_t h1_last, h2_last, h3_last;
	bool h2_dups, h4, rev, no_voice, early, no_faults;
	sim_time_t detect; /* BFD (hot) or VRRP timeout (baseline) */
	const char *detect_what;
	sim_time_t relearn; /* groups learned again after the transition */
	const char *label2; /* the second fault's label */
	sim_time_t t2;	    /* 0: no second fault */
};

static const struct syn hot = {
	.h1_last = 204,
	.h2_last = 206,
	.detect = MS(203),
	.detect_what = "bfd down 10",
	.label2 = "link-up up1",
	.t2 = MS(600),
};

static const struct syn base = {
	.h1_last = 259,
	.h2_last = 279,
	.h3_last = 23,
	.h2_dups = true,
	.detect = MS(250),
	.detect_what = "vrrp master-down-timer",
	.relearn = MS(20),
	.label2 = "link-up up1",
	.t2 = MS(600),
};

struct syn_ids {
	int mc, web, h1, h2, h3, h4;
};

static void build_flows(struct meas *m, const struct syn *s, struct syn_ids *id)
{
	id->web = id->h3 = id->h4 = -1;
	if (s->rev && !s->no_voice)
		id->web = meas_stream_add(m, "voice", MEAS_UNICAST, "10.0.0.10",
					  100, 0, MS(900));
	id->mc = meas_stream_add(m, "tv", MEAS_MULTICAST, "239.1.1.1", 1000, 0,
				 MS(900));
	if (!s->rev && !s->no_voice)
		id->web = meas_stream_add(m, "voice", MEAS_UNICAST, "10.0.0.10",
					  100, 0, MS(900));
	if (s->rev) {
		if (id->web >= 0)
			id->h3 = meas_flow_add(m, id->web, "H3");
		id->h2 = meas_flow_add(m, id->mc, "H2");
		id->h1 = meas_flow_add(m, id->mc, "H1");
	} else {
		id->h1 = meas_flow_add(m, id->mc, "H1");
		id->h2 = meas_flow_add(m, id->mc, "H2");
		if (id->web >= 0)
			id->h3 = meas_flow_add(m, id->web, "H3");
	}
	if (s->h4)
		id->h4 = meas_flow_add(m, id->mc, "H4");
}

static void build_faults(struct meas *m, const struct syn *s)
{
	if (s->no_faults)
		return;
	assert_int_equal(meas_fault(m, MS(200), "link-down up1"), 0);
	meas_mark(m, s->detect, MEAS_MARK_DETECT, "R2", s->detect_what);
	meas_mark(m, s->detect + US(100), MEAS_MARK_TRANSITION, "R2",
		  "vrrp master");
	if (s->relearn > 0)
		meas_mark(m, s->detect + s->relearn, MEAS_MARK_MEMBERSHIP, "R2",
			  "igmp group-add 239.1.1.1");
	meas_mark(m, s->detect + s->relearn + MS(1), MEAS_MARK_PROGRAM, "R2",
		  "asic programmed 239.1.1.1");
}

static struct meas *build(const struct syn *s)
{
	struct meas *m = meas_new(NULL);
	struct syn_ids id;
	uint64_t q;

	assert_non_null(m);
	build_flows(m, s, &id);
	build_faults(m, s);
	for (q = 0; q < 900; q++) {
		sim_time_t t = MS(q);
		bool early = s->early && q >= 50 && q < 60;

		if (s->t2 > 0 && t == s->t2 && !s->no_faults)
			assert_int_equal(meas_fault(m, t, s->label2), 1);
		meas_tx(m, id.mc, q, t);
		if ((q < 200 || q > s->h1_last) && !early)
			meas_rx(m, id.h1, q, t, t + US(500));
		if (q < 200 || q > s->h2_last)
			meas_rx(m, id.h2, q, t, t + US(700));
		if (s->h2_dups && (q == s->h2_last + 1 || q == s->h2_last + 2))
			meas_rx(m, id.h2, q, t, t + US(900));
		if (id.h4 >= 0 && (q < 200 || q > 209))
			meas_rx(m, id.h4, q, t, t + US(600));
		if (q % 10 == 0 && id.web >= 0) {
			meas_tx(m, id.web, q / 10, t);
			if (s->h3_last == 0 || q / 10 < 21 ||
			    q / 10 > s->h3_last)
				meas_rx(m, id.h3, q / 10, t, t + US(500));
		}
	}
	assert_int_equal(meas_finish(m, MS(900)), 0);
	return m;
}

static void run_of(struct meas_compare_run *x, const struct meas *m,
		   const char *name)
{
	*x = (struct meas_compare_run){
		.r = meas_results(m),
		.scenario = name,
		.dir = name,
		.seed = 7,
		.duration = MS(900),
	};
}

/* Two runs of syn x and y, A named lab-hot and B lab-base. */
struct pair {
	struct meas *ma, *mb;
	struct meas_compare_run a, b;
};

static void pair_build(struct pair *p, const struct syn *x, const struct syn *y)
{
	p->ma = build(x);
	p->mb = build(y);
	run_of(&p->a, p->ma, "lab-hot");
	run_of(&p->b, p->mb, "lab-base");
}

static void pair_free(struct pair *p)
{
	meas_free(p->ma);
	meas_free(p->mb);
}

typedef int (*cmp_fn)(const struct meas_compare_run *a,
		      const struct meas_compare_run *b, FILE *f);

static char *render(const struct meas_compare_run *a,
		    const struct meas_compare_run *b, cmp_fn fn, int want_rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(fn(a, b, f), want_rc);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Report the first differing line before failing. */
static void assert_text(const char *got, const char *want)
{
	size_t i = 0, line = 1;

	while (got[i] && got[i] == want[i]) {
		if (got[i] == '\n')
			line++;
		i++;
	}
	if (got[i] != want[i]) {
		print_message("first difference at line %zu:\n--- got:\n%.300s"
			      "\n--- want:\n%.300s\n",
			      line, got + i, want + i);
		fail();
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	FILE *m;
	int c;

	if (f == NULL)
		return NULL;
	m = open_memstream(&buf, &len);
	assert_non_null(m);
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(f);
	fclose(m);
	return buf;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* No temporary file is left in dir. */
static void assert_no_tmp(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".tmp") != NULL)
			fail_msg("temporary file left: %s/%s", dir, de->d_name);
	closedir(d);
}

/* A fresh empty folder OUT/name, its path in buf. */
static void fresh_dir(const char *name, char *buf, size_t len)
{
	char err[256];
	DIR *d;
	struct dirent *de;

	snprintf(buf, len, "%s/%s", OUT, name);
	assert_int_equal(sim_mkdir_p(buf, err, sizeof(err)), 0);
	d = opendir(buf);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char p[1024];

		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", buf, de->d_name);
		unlink(p);
	}
	closedir(d);
}

static const char expect_txt[] =
	"failsim compare report\n"
	"A: lab-hot  seed 7  duration 0.900000000 s  (run in lab-hot/)\n"
	"B: lab-base  seed 7  duration 0.900000000 s  (run in lab-base/)\n"
	"gap threshold: 3 packet intervals\n"
	"faults: 2, matched by index, time and label\n"
	"TD / LD = time- / loss-derived outage (RFC 6412 3.6.5 / 3.6.4) in "
	"ms over the affected flows; \"-\" = unknown\n"
	"B-A = B minus A of the medians, maxima, lost and duplicates (a kind "
	"with flows but none affected counts as 0)\n"
	"\n"
	"fault 0 at 0.200000000 s: link-down up1\n"
	"  run  kind       affected  unrecovered  TD min  TD median  TD p99  "
	" TD max  LD median   LD max  lost  dups\n"
	"  A    multicast       2/2            0   5.000      5.000   7.000  "
	"  7.000      5.000    7.000    12     0\n"
	"  B    multicast       2/2            0  60.000     60.000  80.000  "
	" 80.000     60.000   80.000   140     2\n"
	"  B-A  multicast                                   +55.000          "
	"+73.000    +55.000  +73.000  +128    +2\n"
	"  A    unicast         0/1            0       -          -       -  "
	"      -          -        -     0     0\n"
	"  B    unicast         1/1            0  30.000     30.000  30.000  "
	" 30.000     30.000   30.000     3     0\n"
	"  B-A  unicast                                     +30.000          "
	"+30.000    +30.000  +30.000    +3     0\n"
	"  anatomy (ms)\n"
	"  run  detection  transition  membership   join  protocol  "
	"programming  delivery\n"
	"  A        3.000       0.100       0.000  0.000     0.000        "
	"0.900     3.700\n"
	"  B       50.000       0.100      19.900  0.000     0.000        "
	"1.000     9.700\n"
	"  B-A    +47.000       0.000     +19.900  0.000     0.000       "
	"+0.100    +6.000\n"
	"  anatomy marks\n"
	"  mark        A                             B\n"
	"  detect      R2 bfd down 10                R2 vrrp "
	"master-down-timer\n"
	"  transition  R2 vrrp master                R2 vrrp master\n"
	"  membership  -                             R2 igmp group-add "
	"239.1.1.1\n"
	"  join        -                             -\n"
	"  protocol    -                             -\n"
	"  program     R2 asic programmed 239.1.1.1  R2 asic programmed "
	"239.1.1.1\n"
	"\n"
	"fault 1 at 0.600000000 s: link-up up1\n"
	"  run  kind       affected  unrecovered  TD min  TD median  TD p99  "
	"TD max  LD median  LD max  lost  dups\n"
	"  A    multicast       0/2            0       -          -       -  "
	"     -          -       -     0     0\n"
	"  B    multicast       0/2            0       -          -       -  "
	"     -          -       -     0     0\n"
	"  B-A  multicast                                     0.000          "
	" 0.000      0.000   0.000     0     0\n"
	"  A    unicast         0/1            0       -          -       -  "
	"     -          -       -     0     0\n"
	"  B    unicast         0/1            0       -          -       -  "
	"     -          -       -     0     0\n"
	"  B-A  unicast                                       0.000          "
	" 0.000      0.000   0.000     0     0\n"
	"  anatomy (ms)\n"
	"  run  detection  transition  membership   join  protocol  "
	"programming  delivery\n"
	"  A            -       0.000       0.000  0.000     0.000        "
	"0.000         -\n"
	"  B            -       0.000       0.000  0.000     0.000        "
	"0.000         -\n"
	"  B-A          -       0.000       0.000  0.000     0.000        "
	"0.000         -\n"
	"  anatomy marks\n"
	"  mark        A  B\n"
	"  detect      -  -\n"
	"  transition  -  -\n"
	"  membership  -  -\n"
	"  join        -  -\n"
	"  protocol    -  -\n"
	"  program     -  -\n";

static const char expect_json[] =
	"{\n"
	"  \"a\": {\"scenario\": \"lab-hot\", \"dir\": \"lab-hot\", "
	"\"seed\": 7, \"duration_ns\": 900000000, "
	"\"gap_threshold_intervals\": 3},\n"
	"  \"b\": {\"scenario\": \"lab-base\", \"dir\": \"lab-base\", "
	"\"seed\": 7, \"duration_ns\": 900000000, "
	"\"gap_threshold_intervals\": 3},\n"
	"  \"faults\": [\n"
	"    {\"id\": 0, \"t_ns\": 200000000, \"label\": \"link-down up1\",\n"
	"    \"kinds\": [\n"
	"      {\"kind\": \"multicast\", \"a\": {\"flows\": 2, \"affected\": "
	"2, \"unrecovered\": 0, \"lost\": 12, \"duplicates\": 0, "
	"\"reordered\": 0, \"time_derived_ns\": {\"min\": 5000000, "
	"\"median\": 5000000, \"p99\": 7000000, \"max\": 7000000}, "
	"\"loss_derived_ns\": {\"min\": 5000000, \"median\": 5000000, "
	"\"p99\": 7000000, \"max\": 7000000}}, \"b\": {\"flows\": 2, "
	"\"affected\": 2, \"unrecovered\": 0, \"lost\": 140, \"duplicates\": "
	"2, \"reordered\": 0, \"time_derived_ns\": {\"min\": 60000000, "
	"\"median\": 60000000, \"p99\": 80000000, \"max\": 80000000}, "
	"\"loss_derived_ns\": {\"min\": 60000000, \"median\": 60000000, "
	"\"p99\": 80000000, \"max\": 80000000}}, \"b_minus_a\": "
	"{\"time_derived_median_ns\": 55000000, \"time_derived_max_ns\": "
	"73000000, \"loss_derived_median_ns\": 55000000, "
	"\"loss_derived_max_ns\": 73000000, \"lost\": 128, \"duplicates\": "
	"2}},\n"
	"      {\"kind\": \"unicast\", \"a\": {\"flows\": 1, \"affected\": "
	"0, \"unrecovered\": 0, \"lost\": 0, \"duplicates\": 0, "
	"\"reordered\": 0, \"time_derived_ns\": {\"min\": null, \"median\": "
	"null, \"p99\": null, \"max\": null}, \"loss_derived_ns\": {\"min\": "
	"null, \"median\": null, \"p99\": null, \"max\": null}}, \"b\": "
	"{\"flows\": 1, \"affected\": 1, \"unrecovered\": 0, \"lost\": 3, "
	"\"duplicates\": 0, \"reordered\": 0, \"time_derived_ns\": {\"min\": "
	"30000000, \"median\": 30000000, \"p99\": 30000000, \"max\": "
	"30000000}, \"loss_derived_ns\": {\"min\": 30000000, \"median\": "
	"30000000, \"p99\": 30000000, \"max\": 30000000}}, \"b_minus_a\": "
	"{\"time_derived_median_ns\": 30000000, \"time_derived_max_ns\": "
	"30000000, \"loss_derived_median_ns\": 30000000, "
	"\"loss_derived_max_ns\": 30000000, \"lost\": 3, \"duplicates\": "
	"0}}\n"
	"    ],\n"
	"    \"anatomy\": {\"a\": {\"detect_at_ns\": 203000000, "
	"\"detect_node\": \"R2\", \"detect_what\": \"bfd down 10\", "
	"\"transition_at_ns\": 203100000, \"transition_node\": \"R2\", "
	"\"transition_what\": \"vrrp master\", \"membership_at_ns\": null, "
	"\"membership_node\": null, \"membership_what\": null, "
	"\"join_at_ns\": null, \"join_node\": null, \"join_what\": null, "
	"\"protocol_at_ns\": null, \"protocol_node\": null, "
	"\"protocol_what\": null, \"program_at_ns\": 204000000, "
	"\"program_node\": \"R2\", \"program_what\": \"asic programmed "
	"239.1.1.1\", \"recovered_at_ns\": 207700000, \"detection_ns\": "
	"3000000, \"transition_ns\": 100000, \"membership_ns\": 0, "
	"\"join_ns\": 0, \"protocol_ns\": 0, \"programming_ns\": 900000, "
	"\"delivery_ns\": 3700000},\n"
	"      \"b\": {\"detect_at_ns\": 250000000, \"detect_node\": \"R2\", "
	"\"detect_what\": \"vrrp master-down-timer\", \"transition_at_ns\": "
	"250100000, \"transition_node\": \"R2\", \"transition_what\": \"vrrp "
	"master\", \"membership_at_ns\": 270000000, \"membership_node\": "
	"\"R2\", \"membership_what\": \"igmp group-add 239.1.1.1\", "
	"\"join_at_ns\": null, \"join_node\": null, \"join_what\": null, "
	"\"protocol_at_ns\": null, \"protocol_node\": null, "
	"\"protocol_what\": null, \"program_at_ns\": 271000000, "
	"\"program_node\": \"R2\", \"program_what\": \"asic programmed "
	"239.1.1.1\", \"recovered_at_ns\": 280700000, \"detection_ns\": "
	"50000000, \"transition_ns\": 100000, \"membership_ns\": 19900000, "
	"\"join_ns\": 0, \"protocol_ns\": 0, \"programming_ns\": 1000000, "
	"\"delivery_ns\": 9700000},\n"
	"      \"b_minus_a\": {\"detection_ns\": 47000000, "
	"\"transition_ns\": 0, \"membership_ns\": 19900000, \"join_ns\": 0, "
	"\"protocol_ns\": 0, \"programming_ns\": 100000, \"delivery_ns\": "
	"6000000}},\n"
	"    \"flows\": [\n"
	"      {\"receiver\": \"H1\", \"stream\": \"tv\", \"group\": "
	"\"239.1.1.1\", \"kind\": \"multicast\", \"a\": "
	"{\"time_derived_ns\": 5000000, \"loss_derived_ns\": 5000000, "
	"\"lost\": 5, \"recovered\": true}, \"b\": {\"time_derived_ns\": "
	"60000000, \"loss_derived_ns\": 60000000, \"lost\": 60, "
	"\"recovered\": true}},\n"
	"      {\"receiver\": \"H2\", \"stream\": \"tv\", \"group\": "
	"\"239.1.1.1\", \"kind\": \"multicast\", \"a\": "
	"{\"time_derived_ns\": 7000000, \"loss_derived_ns\": 7000000, "
	"\"lost\": 7, \"recovered\": true}, \"b\": {\"time_derived_ns\": "
	"80000000, \"loss_derived_ns\": 80000000, \"lost\": 80, "
	"\"recovered\": true}},\n"
	"      {\"receiver\": \"H3\", \"stream\": \"voice\", \"group\": "
	"\"10.0.0.10\", \"kind\": \"unicast\", \"a\": {\"time_derived_ns\": "
	"0, \"loss_derived_ns\": 0, \"lost\": 0, \"recovered\": true}, "
	"\"b\": {\"time_derived_ns\": 30000000, \"loss_derived_ns\": "
	"30000000, \"lost\": 3, \"recovered\": true}}\n"
	"    ]},\n"
	"    {\"id\": 1, \"t_ns\": 600000000, \"label\": \"link-up up1\",\n"
	"    \"kinds\": [\n"
	"      {\"kind\": \"multicast\", \"a\": {\"flows\": 2, \"affected\": "
	"0, \"unrecovered\": 0, \"lost\": 0, \"duplicates\": 0, "
	"\"reordered\": 0, \"time_derived_ns\": {\"min\": null, \"median\": "
	"null, \"p99\": null, \"max\": null}, \"loss_derived_ns\": {\"min\": "
	"null, \"median\": null, \"p99\": null, \"max\": null}}, \"b\": "
	"{\"flows\": 2, \"affected\": 0, \"unrecovered\": 0, \"lost\": 0, "
	"\"duplicates\": 0, \"reordered\": 0, \"time_derived_ns\": {\"min\": "
	"null, \"median\": null, \"p99\": null, \"max\": null}, "
	"\"loss_derived_ns\": {\"min\": null, \"median\": null, \"p99\": "
	"null, \"max\": null}}, \"b_minus_a\": {\"time_derived_median_ns\": "
	"0, \"time_derived_max_ns\": 0, \"loss_derived_median_ns\": 0, "
	"\"loss_derived_max_ns\": 0, \"lost\": 0, \"duplicates\": 0}},\n"
	"      {\"kind\": \"unicast\", \"a\": {\"flows\": 1, \"affected\": "
	"0, \"unrecovered\": 0, \"lost\": 0, \"duplicates\": 0, "
	"\"reordered\": 0, \"time_derived_ns\": {\"min\": null, \"median\": "
	"null, \"p99\": null, \"max\": null}, \"loss_derived_ns\": {\"min\": "
	"null, \"median\": null, \"p99\": null, \"max\": null}}, \"b\": "
	"{\"flows\": 1, \"affected\": 0, \"unrecovered\": 0, \"lost\": 0, "
	"\"duplicates\": 0, \"reordered\": 0, \"time_derived_ns\": {\"min\": "
	"null, \"median\": null, \"p99\": null, \"max\": null}, "
	"\"loss_derived_ns\": {\"min\": null, \"median\": null, \"p99\": "
	"null, \"max\": null}}, \"b_minus_a\": {\"time_derived_median_ns\": "
	"0, \"time_derived_max_ns\": 0, \"loss_derived_median_ns\": 0, "
	"\"loss_derived_max_ns\": 0, \"lost\": 0, \"duplicates\": 0}}\n"
	"    ],\n"
	"    \"anatomy\": {\"a\": {\"detect_at_ns\": null, \"detect_node\": "
	"null, \"detect_what\": null, \"transition_at_ns\": null, "
	"\"transition_node\": null, \"transition_what\": null, "
	"\"membership_at_ns\": null, \"membership_node\": null, "
	"\"membership_what\": null, \"join_at_ns\": null, \"join_node\": "
	"null, \"join_what\": null, \"protocol_at_ns\": null, "
	"\"protocol_node\": null, \"protocol_what\": null, "
	"\"program_at_ns\": null, \"program_node\": null, \"program_what\": "
	"null, \"recovered_at_ns\": null, \"detection_ns\": null, "
	"\"transition_ns\": 0, \"membership_ns\": 0, \"join_ns\": 0, "
	"\"protocol_ns\": 0, \"programming_ns\": 0, \"delivery_ns\": null},\n"
	"      \"b\": {\"detect_at_ns\": null, \"detect_node\": null, "
	"\"detect_what\": null, \"transition_at_ns\": null, "
	"\"transition_node\": null, \"transition_what\": null, "
	"\"membership_at_ns\": null, \"membership_node\": null, "
	"\"membership_what\": null, \"join_at_ns\": null, \"join_node\": "
	"null, \"join_what\": null, \"protocol_at_ns\": null, "
	"\"protocol_node\": null, \"protocol_what\": null, "
	"\"program_at_ns\": null, \"program_node\": null, \"program_what\": "
	"null, \"recovered_at_ns\": null, \"detection_ns\": null, "
	"\"transition_ns\": 0, \"membership_ns\": 0, \"join_ns\": 0, "
	"\"protocol_ns\": 0, \"programming_ns\": 0, \"delivery_ns\": null},\n"
	"      \"b_minus_a\": {\"detection_ns\": null, \"transition_ns\": 0, "
	"\"membership_ns\": 0, \"join_ns\": 0, \"protocol_ns\": 0, "
	"\"programming_ns\": 0, \"delivery_ns\": null}},\n"
	"    \"flows\": []}\n"
	"  ],\n"
	"  \"before_faults\": {\n"
	"    \"kinds\": [],\n"
	"    \"flows\": []}\n"
	"}\n";

static void test_txt_exact(void **state)
{
	struct pair p;
	char *t;

	(void)state;
	pair_build(&p, &hot, &base);
	t = render(&p.a, &p.b, meas_compare_txt, 0);
	assert_text(t, expect_txt);
	free(t);
	pair_free(&p);
}

static void test_json_exact(void **state)
{
	struct pair p;
	char *t;

	(void)state;
	pair_build(&p, &hot, &base);
	t = render(&p.a, &p.b, meas_compare_json, 0);
	assert_text(t, expect_json);
	free(t);
	pair_free(&p);
}

/* The fault check: the message names the first fault that differs. */
static void test_check(void **state)
{
	struct syn one = base, late = base, other = base;
	static const char *const same_tail =
		"; both runs need the same faults at the same times";
	const struct {
		const char *name;
		const struct syn *a, *b;
		const char *err; /* NULL: accepted */
	} cases[] = {
		{ "same", &hot, &base, NULL },
		{ "B lacks one", &hot, &one,
		  "compare: A (lab-hot) has 2 faults, B (lab-base) has 1: "
		  "fault 1 ('link-up up1' at 0.600000000 s) has no match in "
		  "B" },
		{ "A lacks one", &one, &hot,
		  "compare: A (lab-hot) has 1 faults, B (lab-base) has 2: "
		  "fault 1 ('link-up up1' at 0.600000000 s) has no match in "
		  "A" },
		{ "time", &hot, &late,
		  "compare: fault 1 differs: A (lab-hot) has 'link-up up1' at "
		  "0.600000000 s, B (lab-base) has 'link-up up1' at "
		  "0.650000000 s" },
		{ "label", &hot, &other,
		  "compare: fault 1 differs: A (lab-hot) has 'link-up up1' at "
		  "0.600000000 s, B (lab-base) has 'link-up up2' at "
		  "0.600000000 s" },
	};
	char err[512], want[512], dir[512];

	(void)state;
	one.t2 = 0;
	late.t2 = MS(650);
	other.label2 = "link-up up2";
	fresh_dir("check", dir, sizeof(dir));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pair p;
		char *t;

		print_message("case %s\n", cases[i].name);
		pair_build(&p, cases[i].a, cases[i].b);
		if (cases[i].err == NULL) {
			assert_int_equal(meas_compare_check(&p.a, &p.b, err,
							    sizeof(err)),
					 0);
			assert_string_equal(err, "");
			pair_free(&p);
			continue;
		}
		snprintf(want, sizeof(want), "%s%s", cases[i].err,
			 strstr(cases[i].err, "differs") ? same_tail : "");
		assert_int_equal(
			meas_compare_check(&p.a, &p.b, err, sizeof(err)), -1);
		assert_string_equal(err, want);
		/* Nothing is written for runs that do not match. */
		t = render(&p.a, &p.b, meas_compare_txt, -1);
		assert_string_equal(t, "");
		free(t);
		t = render(&p.a, &p.b, meas_compare_json, -1);
		assert_string_equal(t, "");
		free(t);
		assert_int_equal(
			meas_compare_write(&p.a, &p.b, dir, err, sizeof(err)),
			-1);
		assert_string_equal(err, want);
		assert_int_equal(meas_compare_plot(&p.a, &p.b, dir, NULL, err,
						   sizeof(err)),
				 -1);
		assert_false(exists(OUT "/check/compare.txt"));
		assert_false(exists(OUT "/check/compare-outage.dat"));
		pair_free(&p);
	}
	assert_int_equal(meas_compare_check(NULL, NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no results"));
}

/* Tokens of the first line of t starting with prefix, after it. */
static size_t line_tokens(const char *t, const char *prefix, char tok[][32],
			  size_t max)
{
	const char *p = strstr(t, prefix), *e;
	char line[512];
	size_t n = 0;

	assert_non_null(p);
	p += strlen(prefix);
	e = strchr(p, '\n');
	assert_non_null(e);
	snprintf(line, sizeof(line), "%.*s", (int)(e - p), p);
	for (char *s = strtok(line, " "); s != NULL && n < max;
	     s = strtok(NULL, " "))
		snprintf(tok[n++], 32, "%s", s);
	return n;
}

/*
 * A run without unicast flows leaves the unicast differences unknown; a
 * kind with flows but none affected counts as 0 (A's unicast above).
 */
static void test_diff_unknown(void **state)
{
	struct syn nov = base;
	struct pair p;
	char tok[16][32], *t;
	size_t n;

	(void)state;
	nov.no_voice = true;
	pair_build(&p, &hot, &nov);
	t = render(&p.a, &p.b, meas_compare_txt, 0);
	n = line_tokens(t, "\n  B    unicast ", tok, 16);
	assert_int_equal(n, 10);
	assert_string_equal(tok[0], "0/0");
	for (size_t i = 1; i < n; i++)
		assert_string_equal(tok[i], "-");
	n = line_tokens(t, "\n  B-A  unicast ", tok, 16);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(tok[i], "-");
	n = line_tokens(t, "\n  B-A  multicast ", tok, 16);
	assert_int_equal(n, 6);
	assert_string_equal(tok[0], "+55.000");
	assert_string_equal(tok[4], "+128");
	free(t);
	t = render(&p.a, &p.b, meas_compare_json, 0);
	assert_non_null(strstr(
		t, "\"b\": null, \"b_minus_a\": {\"time_derived_median_ns\": "
		   "null, \"time_derived_max_ns\": null, "
		   "\"loss_derived_median_ns\": null, \"loss_derived_max_ns\": "
		   "null, \"lost\": null, \"duplicates\": null}}"));
	free(t);
	pair_free(&p);
	/* B better than A: negative differences. */
	pair_build(&p, &base, &hot);
	t = render(&p.a, &p.b, meas_compare_txt, 0);
	n = line_tokens(t, "\n  B-A  multicast ", tok, 16);
	assert_int_equal(n, 6);
	assert_string_equal(tok[0], "-55.000");
	assert_string_equal(tok[1], "-73.000");
	assert_string_equal(tok[4], "-128");
	assert_string_equal(tok[5], "-2");
	free(t);
	pair_free(&p);
}

static const char expect_groups_dat[] =
	"# failsim compare: time-derived outage (ms) per flow in a fault, A "
	"and B\n"
	"# x, A, B (-: no such flow in the run), receiver/stream\n"
	"# panel 0: fault 0\n"
	"0 5.000 60.000 H1/tv\n"
	"1 7.000 80.000 H2/tv\n"
	"2 0.000 30.000 H3/voice\n"
	"3 10.000 - H4/tv\n";

static const char expect_outage_dat[] =
	"# failsim compare: time-derived outage (ms) across the affected flows "
	"per fault and kind\n"
	"# x, A min, A median, A p99, A max, B min, B median, B p99, B max (0: "
	"no flow affected; -: no flow of the kind)\n"
	"0 5.000 7.000 10.000 10.000 60.000 60.000 80.000 80.000 # multicast "
	"fault 0\n"
	"1 0.000 0.000 0.000 0.000 30.000 30.000 30.000 30.000 # unicast fault "
	"0\n"
	"2 0.000 0.000 0.000 0.000 10.000 10.000 10.000 10.000 # multicast "
	"before any fault\n";

/*
 * Flows are matched by receiver and stream name whatever their ids: B
 * registers everything in the reverse order; H4 is only in A; outages
 * before the first fault get their own section.
 */
static void test_flow_match(void **state)
{
	struct syn a = hot, b = base;
	struct meas_plot_opts po = { .no_render = true };
	struct pair p;
	char dir[512], err[512], *t;

	(void)state;
	a.h4 = true;
	b.rev = true;
	b.early = true;
	pair_build(&p, &a, &b);
	t = render(&p.a, &p.b, meas_compare_json, 0);
	assert_non_null(strstr(
		t, "{\"receiver\": \"H1\", \"stream\": \"tv\", \"group\": "
		   "\"239.1.1.1\", \"kind\": \"multicast\", \"a\": "
		   "{\"time_derived_ns\": 5000000, \"loss_derived_ns\": "
		   "5000000, \"lost\": 5, \"recovered\": true}, \"b\": "
		   "{\"time_derived_ns\": 60000000, \"loss_derived_ns\": "
		   "60000000, \"lost\": 60, \"recovered\": true}}"));
	assert_non_null(strstr(
		t, "{\"receiver\": \"H4\", \"stream\": \"tv\", \"group\": "
		   "\"239.1.1.1\", \"kind\": \"multicast\", \"a\": "
		   "{\"time_derived_ns\": 10000000, \"loss_derived_ns\": "
		   "10000000, \"lost\": 10, \"recovered\": true}, \"b\": "
		   "null}"));
	/* before any fault: B's H1 lost 50..59 */
	assert_non_null(strstr(
		t, "\"before_faults\": {\n    \"kinds\": [\n      {\"kind\": "
		   "\"multicast\", \"a\": {\"flows\": 3, \"affected\": 0, "
		   "\"unrecovered\": 0, \"lost\": 0, \"duplicates\": 0, "
		   "\"reordered\": 0, \"time_derived_ns\": {\"min\": null, "
		   "\"median\": null, \"p99\": null, \"max\": null}, "
		   "\"loss_derived_ns\": {\"min\": null, \"median\": null, "
		   "\"p99\": null, \"max\": null}}, \"b\": {\"flows\": 2, "
		   "\"affected\": 1,"));
	free(t);
	t = render(&p.a, &p.b, meas_compare_txt, 0);
	assert_non_null(strstr(
		t,
		"\nbefore any fault (outages no fault explains)\n"
		"  run  kind       affected  unrecovered  TD min  TD median  "
		"TD p99   TD max  LD median   LD max  lost  dups\n"
		"  A    multicast       0/3            0       -          -  "
		"     -        -          -        -     0     0\n"
		"  B    multicast       1/2            0  10.000     10.000  "
		"10.000   10.000     10.000   10.000    10     0\n"
		"  B-A  multicast                                   +10.000  "
		"        +10.000    +10.000  +10.000   +10     0\n"));
	free(t);
	fresh_dir("match", dir, sizeof(dir));
	assert_int_equal(
		meas_compare_plot(&p.a, &p.b, dir, &po, err, sizeof(err)),
		MEAS_PLOT_SKIPPED);
	t = slurp(OUT "/match/compare-groups.dat");
	assert_non_null(t);
	assert_text(t, expect_groups_dat);
	free(t);
	t = slurp(OUT "/match/compare-outage.dat");
	assert_non_null(t);
	assert_text(t, expect_outage_dat);
	free(t);
	pair_free(&p);
}

/* Files: atomic, byte-identical for the same runs, errors named. */
static void test_write(void **state)
{
	struct pair p, q;
	char dir[512], err[512], *x, *y, *t;

	(void)state;
	fresh_dir("write", dir, sizeof(dir));
	pair_build(&p, &hot, &base);
	assert_int_equal(meas_compare_write(&p.a, &p.b, dir, err, sizeof(err)),
			 0);
	x = slurp(OUT "/write/compare.txt");
	assert_non_null(x);
	assert_text(x, expect_txt);
	free(x);
	x = slurp(OUT "/write/compare.json");
	assert_non_null(x);
	assert_text(x, expect_json);
	/* Built again from scratch: the same bytes. */
	pair_build(&q, &hot, &base);
	t = render(&q.a, &q.b, meas_compare_json, 0);
	assert_string_equal(t, x);
	free(t);
	free(x);
	assert_no_tmp(dir);
	/* A folder that does not exist: the error names the file. */
	assert_int_equal(meas_compare_write(&p.a, &p.b, OUT "/nope/deeper", err,
					    sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "nope/deeper/compare.txt"));
	assert_int_equal(meas_compare_write(&p.a, &p.b, NULL, err, sizeof(err)),
			 -1);
	y = slurp(OUT "/write/compare.txt");
	assert_non_null(y);
	free(y);
	pair_free(&p);
	pair_free(&q);
}

static void assert_png(const char *path)
{
	unsigned char sig[8];
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	assert_int_equal(fread(sig, 1, 8, f), 8);
	fclose(f);
	assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
}

/* Plots: scripts always; PNGs with gnuplot; failures named and clean. */
static void test_plot(void **state)
{
	struct meas_plot_opts none = { .gnuplot = "/nonexistent/gnuplot" };
	struct meas_plot_opts bad = { .gnuplot = "/bin/false" };
	struct pair p;
	char dir[512], err[512], *t;
	int rc;

	(void)state;
	pair_build(&p, &hot, &base);
	fresh_dir("plot", dir, sizeof(dir));
	rc = meas_compare_plot(&p.a, &p.b, dir, &none, err, sizeof(err));
	assert_int_equal(rc, MEAS_PLOT_SKIPPED);
	assert_non_null(strstr(err, "gnuplot not found"));
	t = slurp(OUT "/plot/compare-outage.gp");
	assert_non_null(t);
	assert_non_null(strstr(t, "with candlesticks whiskerbars"));
	assert_non_null(strstr(t, "'0 link-down up1 (multicast)' 0, "
				  "'0 link-down up1 (unicast)' 1)"));
	assert_non_null(strstr(t, "title 'A: lab-hot'"));
	assert_non_null(strstr(t, "title 'B: lab-base'"));
	free(t);
	t = slurp(OUT "/plot/compare-groups.gp");
	assert_non_null(t);
	assert_non_null(strstr(t, "set multiplot layout 1,1"));
	assert_non_null(strstr(t, "'fault 0 at 0.200000000 s: link-down up1'"));
	free(t);
	assert_false(exists(OUT "/plot/compare-outage.png"));
	/* A gnuplot that fails: an error, no PNG, no temporary file. */
	rc = meas_compare_plot(&p.a, &p.b, dir, &bad, err, sizeof(err));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "gnuplot failed on"));
	assert_false(exists(OUT "/plot/compare-outage.png"));
	assert_no_tmp(dir);
	if (!meas_plot_have_gnuplot(NULL)) {
		print_message("gnuplot not installed: PNGs not checked\n");
	} else {
		rc = meas_compare_plot(&p.a, &p.b, dir, NULL, err, sizeof(err));
		if (rc != MEAS_PLOT_OK)
			fail_msg("%s", err);
		assert_png(OUT "/plot/compare-outage.png");
		assert_png(OUT "/plot/compare-groups.png");
		assert_no_tmp(dir);
	}
	pair_free(&p);
}

/* Runs without faults, and without any outage to plot. */
static void test_no_faults(void **state)
{
	struct syn a = hot, b = base;
	struct meas_plot_opts po = { .no_render = true };
	struct pair p;
	char dir[512], err[512], *t;

	(void)state;
	a.no_faults = b.no_faults = true;
	a.h1_last = a.h2_last = b.h1_last = b.h2_last = 199;
	b.h3_last = 0;
	b.h2_dups = false;
	pair_build(&p, &a, &b);
	t = render(&p.a, &p.b, meas_compare_txt, 0);
	assert_non_null(strstr(t, "faults: 0, matched"));
	assert_non_null(strstr(t, "\n\n(no faults)\n"));
	assert_null(strstr(t, "before any fault"));
	free(t);
	t = render(&p.a, &p.b, meas_compare_json, 0);
	assert_non_null(strstr(t,
			       "\"faults\": [],\n  \"before_faults\": {\n"
			       "    \"kinds\": [],\n    \"flows\": []}\n}\n"));
	free(t);
	fresh_dir("nofaults", dir, sizeof(dir));
	assert_int_equal(
		meas_compare_plot(&p.a, &p.b, dir, &po, err, sizeof(err)),
		MEAS_PLOT_SKIPPED);
	t = slurp(OUT "/nofaults/compare-outage.gp");
	assert_non_null(strstr(t, "no outage in either run"));
	free(t);
	t = slurp(OUT "/nofaults/compare-groups.gp");
	assert_non_null(strstr(t, "no outage in either run"));
	free(t);
	pair_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_txt_exact),
		cmocka_unit_test(test_json_exact),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_diff_unknown),
		cmocka_unit_test(test_flow_match),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_plot),
		cmocka_unit_test(test_no_faults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
