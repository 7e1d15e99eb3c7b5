/*
 * Tests of the run report writers (meas_report.[ch]): the exact report.txt
 * and report.json of a small hand-made run (expected text kept here), JSON
 * validity including awkward names and unknown values, byte determinism
 * across runs, and atomic writing (complete files or none, no temporary
 * file left behind, errors named).
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

#include "sim/measure/meas.h"
#include "sim/measure/meas_report.h"

#define MS SIM_MS
#define US SIM_US

static const char expect_txt[] =
	"failsim run report\n"
	"scenario: lab-small\n"
	"seed: 42\n"
	"duration: 1.000000000 s\n"
	"events logged: 17\n"
	"gap threshold: 3 packet intervals\n"
	"\n"
	"streams\n"
	"  id  name  kind       destination  rate (pps)  sent\n"
	"   0  mc1   multicast  239.1.1.1          1000   500\n"
	"   1  web   unicast    10.0.0.10           100    50\n"
	"\n"
	"faults (outage anatomy in ms, \"-\" = unknown; a stage without its "
	"mark is 0)\n"
	"  id     time (s)  detection  transition  membership   join  protocol "
	" "
	"programming  delivery  label\n"
	"   0  0.200000000     30.000       0.100       0.000  0.000     0.000 "
	" "
	"      9.900     5.700  link R1 Gi0/1 down\n"
	"\n"
	"anatomy marks\n"
	"  fault  stage       time (s)     node  what\n"
	"      0  detect      0.230000000  R2    bfd down\n"
	"      0  transition  0.230100000  R2    vrrp master\n"
	"      0  membership  -            -     -\n"
	"      0  join        -            -     -\n"
	"      0  protocol    -            -     -\n"
	"      0  program     0.240000000  R2    mroute 239.1.1.1\n"
	"      0  recovered   0.245700000  -     -\n"
	"\n"
	"summary per fault and traffic kind (over affected flows; nearest-rank "
	"percentiles)\n"
	"  fault 0 multicast: 2 of 2 flows affected, 0 unrecovered, lost 87, "
	"duplicates 2, reordered 0\n"
	"    time-derived ms: min 42.000  median 42.000  p99 45.000  max "
	"45.000\n"
	"    loss-derived ms: min 42.000  median 42.000  p99 45.000  max "
	"45.000\n"
	"  fault 0 unicast: 1 of 1 flows affected, 0 unrecovered, lost 3, "
	"duplicates 0, reordered 0\n"
	"    time-derived ms: min 30.000  median 30.000  p99 30.000  max "
	"30.000\n"
	"    loss-derived ms: min 30.000  median 30.000  p99 30.000  max "
	"30.000\n"
	"\n"
	"flows (pre = sent before the first arrival; post = sent after the "
	"receiver left; LD / TD = loss- / time-derived outage, summed)\n"
	"  id  receiver  stream  group      kind       sent  pre  post  rcvd  "
	"lost  tail  dups  reord  LD (ms)  TD (ms)\n"
	"   0  H1        mc1     239.1.1.1  multicast   500    0     0   458  "
	"  42     0     0      0   42.000   42.000\n"
	"   1  H2        mc1     239.1.1.1  multicast   500    0     0   455  "
	"  45     0     2      0   45.000   45.000\n"
	"   2  H3        web     10.0.0.10  unicast      50    0     0    47  "
	"   3     0     0      0   30.000   30.000\n"
	"\n"
	"outages (after \"-\" = not recovered; TD is then a lower bound)\n"
	"  flow  fault  before (seq@s)   after (seq@s)    lost  LD (ms)  TD "
	"(ms)  dups  reord  programming (ms)  delivery (ms)\n"
	"     0  0      199@0.199500000  242@0.242500000    42   42.000   "
	"42.000     0      0             9.900          2.500\n"
	"     1  0      199@0.199700000  245@0.245700000    45   45.000   "
	"45.000     2      0             9.900          5.700\n"
	"     2  0      20@0.200500000   24@0.240500000      3   30.000   "
	"30.000     0      0             9.900          0.500\n";

static const char expect_json[] =
	"{\n"
	"  \"scenario\": \"lab-small\",\n"
	"  \"seed\": 42,\n"
	"  \"duration_ns\": 1000000000,\n"
	"  \"events\": 17,\n"
	"  \"gap_threshold_intervals\": 3,\n"
	"  \"end_ns\": 1000000000,\n"
	"  \"streams\": [\n"
	"    {\"id\": 0, \"name\": \"mc1\", \"kind\": \"multicast\", \"dst\": "
	"\"239.1.1.1\", \"rate_pps\": 1000, \"interval_ns\": 1000000, "
	"\"start_ns\": 0, \"stop_ns\": 500000000, \"sent\": 500, "
	"\"first_tx_ns\": 0, \"last_tx_ns\": 499000000},\n"
	"    {\"id\": 1, \"name\": \"web\", \"kind\": \"unicast\", \"dst\": "
	"\"10.0.0.10\", \"rate_pps\": 100, \"interval_ns\": 10000000, "
	"\"start_ns\": 0, \"stop_ns\": null, \"sent\": 50, \"first_tx_ns\": 0, "
	"\"last_tx_ns\": 490000000}\n"
	"  ],\n"
	"  \"faults\": [\n"
	"    {\"id\": 0, \"t_ns\": 200000000, \"label\": \"link R1 Gi0/1 "
	"down\", \"detect_at_ns\": 230000000, \"detect_node\": \"R2\", "
	"\"detect_what\": \"bfd down\", \"transition_at_ns\": 230100000, "
	"\"transition_node\": \"R2\", \"transition_what\": \"vrrp master\", "
	"\"membership_at_ns\": null, \"membership_node\": null, "
	"\"membership_what\": null, \"join_at_ns\": null, \"join_node\": "
	"null, \"join_what\": null, \"protocol_at_ns\": null, "
	"\"protocol_node\": null, \"protocol_what\": null, "
	"\"program_at_ns\": 240000000, \"program_node\": \"R2\", "
	"\"program_what\": \"mroute 239.1.1.1\", \"recovered_at_ns\": "
	"245700000, \"detection_ns\": 30000000, \"transition_ns\": 100000, "
	"\"membership_ns\": 0, \"join_ns\": 0, \"protocol_ns\": 0, "
	"\"programming_ns\": 9900000, \"delivery_ns\": 5700000}\n"
	"  ],\n"
	"  \"summary\": [\n"
	"    {\"fault\": 0, \"kind\": \"multicast\", \"flows\": 2, "
	"\"affected\": 2, \"unrecovered\": 0, \"lost\": 87, \"duplicates\": 2, "
	"\"reordered\": 0, \"time_derived_ns\": {\"min\": 42000000, "
	"\"median\": 42000000, \"p99\": 45000000, \"max\": 45000000}, "
	"\"loss_derived_ns\": {\"min\": 42000000, \"median\": 42000000, "
	"\"p99\": 45000000, \"max\": 45000000}},\n"
	"    {\"fault\": 0, \"kind\": \"unicast\", \"flows\": 1, \"affected\": "
	"1, \"unrecovered\": 0, \"lost\": 3, \"duplicates\": 0, \"reordered\": "
	"0, \"time_derived_ns\": {\"min\": 30000000, \"median\": 30000000, "
	"\"p99\": 30000000, \"max\": 30000000}, \"loss_derived_ns\": {\"min\": "
	"30000000, \"median\": 30000000, \"p99\": 30000000, \"max\": "
	"30000000}}\n"
	"  ],\n"
	"  \"flows\": [\n"
	"    {\"id\": 0, \"receiver\": \"H1\", \"stream\": 0, \"group\": "
	"\"239.1.1.1\", \"kind\": \"multicast\", \"sent\": 500, "
	"\"before_first\": 0, \"after_leave\": 0, \"received\": 458, \"lost\": "
	"42, \"tail_lost\": "
	"0, \"duplicates\": 0, \"reordered\": 0, \"rejected\": 0, "
	"\"first_rx_ns\": 500000, \"last_rx_ns\": 499500000, \"delay_min_ns\": "
	"500000, \"delay_max_ns\": 500000, \"outages\": 1, "
	"\"loss_derived_ns\": 42000000, \"time_derived_ns\": 42000000},\n"
	"    {\"id\": 1, \"receiver\": \"H2\", \"stream\": 0, \"group\": "
	"\"239.1.1.1\", \"kind\": \"multicast\", \"sent\": 500, "
	"\"before_first\": 0, \"after_leave\": 0, \"received\": 455, \"lost\": "
	"45, \"tail_lost\": "
	"0, \"duplicates\": 2, \"reordered\": 0, \"rejected\": 0, "
	"\"first_rx_ns\": 700000, \"last_rx_ns\": 499700000, \"delay_min_ns\": "
	"700000, \"delay_max_ns\": 900000, \"outages\": 1, "
	"\"loss_derived_ns\": 45000000, \"time_derived_ns\": 45000000},\n"
	"    {\"id\": 2, \"receiver\": \"H3\", \"stream\": 1, \"group\": "
	"\"10.0.0.10\", \"kind\": \"unicast\", \"sent\": 50, \"before_first\": "
	"0, \"after_leave\": 0, \"received\": 47, \"lost\": 3, \"tail_lost\": "
	"0, \"duplicates\": "
	"0, \"reordered\": 0, \"rejected\": 0, \"first_rx_ns\": 500000, "
	"\"last_rx_ns\": 490500000, \"delay_min_ns\": 500000, "
	"\"delay_max_ns\": 500000, \"outages\": 1, \"loss_derived_ns\": "
	"30000000, \"time_derived_ns\": 30000000}\n"
	"  ],\n"
	"  \"outages\": [\n"
	"    {\"flow\": 0, \"fault\": 0, \"recovered\": true, \"before_seq\": "
	"199, \"before_rx_ns\": 199500000, \"after_seq\": 242, "
	"\"after_rx_ns\": 242500000, \"start_ns\": 200500000, \"lost\": 42, "
	"\"loss_derived_ns\": 42000000, \"time_derived_ns\": 42000000, "
	"\"duplicates\": 0, \"reordered\": 0, \"program_at_ns\": 240000000, "
	"\"programming_ns\": 9900000, \"delivery_ns\": 2500000},\n"
	"    {\"flow\": 1, \"fault\": 0, \"recovered\": true, \"before_seq\": "
	"199, \"before_rx_ns\": 199700000, \"after_seq\": 245, "
	"\"after_rx_ns\": 245700000, \"start_ns\": 200700000, \"lost\": 45, "
	"\"loss_derived_ns\": 45000000, \"time_derived_ns\": 45000000, "
	"\"duplicates\": 2, \"reordered\": 0, \"program_at_ns\": 240000000, "
	"\"programming_ns\": 9900000, \"delivery_ns\": 5700000},\n"
	"    {\"flow\": 2, \"fault\": 0, \"recovered\": true, \"before_seq\": "
	"20, \"before_rx_ns\": 200500000, \"after_seq\": 24, \"after_rx_ns\": "
	"240500000, \"start_ns\": 210500000, \"lost\": 3, \"loss_derived_ns\": "
	"30000000, \"time_derived_ns\": 30000000, \"duplicates\": 0, "
	"\"reordered\": 0, \"program_at_ns\": 240000000, \"programming_ns\": "
	"9900000, \"delivery_ns\": 500000}\n"
	"  ]\n"
	"}\n";

/*
 * The hand-made run: a 1000 pps multicast stream to two receivers and a
 * 100 pps unicast stream, a link fault at 200 ms, BFD detection at 230 ms,
 * VRRP master (a transition) at 230.1 ms, the mroute written at 240 ms. H1
 * loses 200..241, H2 loses 200..244 and gets 245 and 246 twice, H3
 * loses 21..23.
 */
static struct meas *build_run(void)
{
	struct meas *m = meas_new(NULL);
	int mc, web, h1, h2, h3;
	uint64_t q;

	mc = meas_stream_add(m, "mc1", MEAS_MULTICAST, "239.1.1.1", 1000, 0,
			     MS(500));
	web = meas_stream_add(m, "web", MEAS_UNICAST, "10.0.0.10", 100, 0,
			      SIM_TIME_NEVER);
	h1 = meas_flow_add(m, mc, "H1");
	h2 = meas_flow_add(m, mc, "H2");
	h3 = meas_flow_add(m, web, "H3");
	assert_int_equal(meas_fault(m, MS(200), "link R1 Gi0/1 down"), 0);
	meas_mark(m, MS(230), MEAS_MARK_DETECT, "R2", "bfd down");
	meas_mark(m, MS(230) + US(100), MEAS_MARK_TRANSITION, "R2",
		  "vrrp master");
	meas_mark(m, MS(240), MEAS_MARK_PROGRAM, "R2", "mroute 239.1.1.1");
	for (q = 0; q < 500; q++) {
		meas_tx(m, mc, q, MS(q));
		if (q < 200 || q > 241)
			meas_rx(m, h1, q, MS(q), MS(q) + US(500));
		if (q < 200 || q > 244)
			meas_rx(m, h2, q, MS(q), MS(q) + US(700));
		if (q == 245 || q == 246)
			meas_rx(m, h2, q, MS(q), MS(q) + US(900));
	}
	for (q = 0; q < 50; q++) {
		meas_tx(m, web, q, MS(10 * q));
		if (q < 21 || q > 23)
			meas_rx(m, h3, q, MS(10 * q), MS(10 * q) + US(500));
	}
	assert_int_equal(meas_finish(m, SIM_S(1)), 0);
	return m;
}

static const struct meas_run_info run_info = {
	.scenario = "lab-small",
	.seed = 42,
	.duration = SIM_S(1),
	.events = 17,
};

typedef int (*writer_fn)(const struct meas_results *r,
			 const struct meas_run_info *ri, FILE *f);

/* Render with fn into a malloc'ed string. */
static char *render(const struct meas_results *r,
		    const struct meas_run_info *ri, writer_fn fn)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(fn(r, ri, f), 0);
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
		print_message(
			"first difference at line %zu:\n--- got:\n%.200s\n"
			"--- want:\n%.200s\n",
			line, got + i, want + i);
		fail();
	}
}

/* ---- a small JSON validator (RFC 8259 grammar) ---- */

static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF",
						    p[i]) ||
					    p[i] == '\0')
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
		p++;
	}
	return p + 1;
}

static const char *json_number(const char *p)
{
	const char *s = p;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	return p > s ? p : NULL;
}

static const char *json_seq(const char *p, int depth, char close, bool obj)
{
	p = json_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (obj) {
			p = json_string(json_ws(p));
			if (p == NULL || *(p = json_ws(p)) != ':')
				return NULL;
			p++;
		}
		p = json_value(p, depth + 1);
		if (p == NULL)
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	p = json_ws(p);
	if (*p == '{')
		return json_seq(p, depth, '}', true);
	if (*p == '[')
		return json_seq(p, depth, ']', false);
	if (*p == '"')
		return json_string(p);
	if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	return json_number(p);
}

static bool json_valid(const char *s)
{
	const char *p = json_value(s, 0);

	return p != NULL && *json_ws(p) == '\0';
}

/* ---- tests ---- */

static void test_validator(void **state)
{
	(void)state;
	assert_true(json_valid("{\"a\": [1, -2, null, true, \"x\\u0001\"]}"));
	assert_false(json_valid("{\"a\": }"));
	assert_false(json_valid("{\"a\": 1,}"));
	assert_false(json_valid("\"tab\there\""));
	assert_false(json_valid("[1] x"));
	assert_false(json_valid("\"bad \\q escape\""));
}

static void test_txt_exact(void **state)
{
	struct meas *m = build_run();
	char *got = render(meas_results(m), &run_info, meas_report_txt);

	(void)state;
	assert_text(got, expect_txt);
	free(got);
	meas_free(m);
}

static void test_json_exact(void **state)
{
	struct meas *m = build_run();
	char *got = render(meas_results(m), &run_info, meas_report_json);

	(void)state;
	assert_true(json_valid(expect_json));
	assert_text(got, expect_json);
	free(got);
	meas_free(m);
}

/* Names that need escaping, unknown values, an unrecovered outage. */
static void test_json_awkward(void **state)
{
	struct meas *m = meas_new(NULL);
	struct meas_run_info ri = { "q\"uote\\back\nnl\x01\xff\xc3\xa9", 1, 2,
				    3 };
	char *got;
	int s, f;

	(void)state;
	s = meas_stream_add(m, "s\t\"1\"", MEAS_MULTICAST, "ff3e::1", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "r\x7f\xed\xa0\x80");
	meas_fault(m, 0, "cut \"A\"");
	meas_tx(m, s, 0, 0);
	meas_rx(m, f, 0, 0, 10);
	meas_tx(m, s, 1, MS(1));
	meas_tx(m, s, 2, MS(2));
	assert_int_equal(meas_finish(m, MS(10)), 0);
	got = render(meas_results(m), &ri, meas_report_json);
	assert_true(json_valid(got));
	assert_non_null(strstr(got, "\"q\\\"uote\\\\back\\u000anl\\u0001"
				    "\\ufffd\xc3\xa9\""));
	assert_non_null(strstr(got, "\"detect_at_ns\": null"));
	assert_non_null(strstr(got, "\"after_seq\": null"));
	assert_non_null(strstr(got, "\"recovered\": false"));
	free(got);
	got = render(meas_results(m), &ri, meas_report_txt);
	assert_non_null(strstr(got, ">=9.000"));
	free(got);
	meas_free(m);
}

static void test_empty_run(void **state)
{
	struct meas *m = meas_new(NULL);
	char *got;

	(void)state;
	assert_int_equal(meas_finish(m, 0), 0);
	got = render(meas_results(m), &run_info, meas_report_json);
	assert_true(json_valid(got));
	assert_non_null(strstr(got, "\"flows\": [],"));
	free(got);
	got = render(meas_results(m), &run_info, meas_report_txt);
	assert_non_null(strstr(got, "(no flows)"));
	assert_non_null(strstr(got, "outages (after"));
	free(got);
	assert_int_equal(meas_report_txt(NULL, &run_info, stdout), -1);
	assert_int_equal(meas_report_json(meas_results(m), NULL, stdout), -1);
	meas_free(m);
}

/*
 * A receiver that left: H gets 0..99 and leaves at 99.5 ms, the stream
 * sends 300; S stays, gets the same and loses the last 200. The post
 * column and after_leave key show H's 200, and H has no outage.
 */
static void test_leave_columns(void **state)
{
	static const char *const want_txt[] = {
		"flows (pre = sent before the first arrival; post = sent after "
		"the receiver left; LD / TD = loss- / time-derived outage, "
		"summed)\n"
		"  id  receiver  stream  group      kind       sent  pre"
		"  post  rcvd  lost  tail  dups  reord  LD (ms)  TD (ms)\n"
		"   0  H         mc      239.1.1.1  multicast   300    0"
		"   200   100     0     0     0      0    0.000    0.000\n"
		"   1  S         mc      239.1.1.1  multicast   300    0"
		"     0   100   200   200     0      0  200.000  199.990\n",
		"\n     1  none   99@0.099010000  -               200"
		"  200.000  >=199.990     0",
	};
	static const char *const want_json[] = {
		"\"sent\": 300, \"before_first\": 0, \"after_leave\": 200, "
		"\"received\": 100, \"lost\": 0, \"tail_lost\": 0,",
		"\"sent\": 300, \"before_first\": 0, \"after_leave\": 0, "
		"\"received\": 100, \"lost\": 200, \"tail_lost\": 200,",
	};
	struct meas *m = meas_new(NULL);
	int s, h, st;
	uint64_t q;
	char *got;
	size_t i;

	(void)state;
	s = meas_stream_add(m, "mc", MEAS_MULTICAST, "239.1.1.1", 1000, 0,
			    SIM_TIME_NEVER);
	h = meas_flow_add(m, s, "H");
	st = meas_flow_add(m, s, "S");
	for (q = 0; q < 300; q++) {
		meas_tx(m, s, q, MS(q));
		if (q < 100) {
			meas_rx(m, h, q, MS(q), MS(q) + US(10));
			meas_rx(m, st, q, MS(q), MS(q) + US(10));
		}
		if (q == 99)
			assert_int_equal(
				meas_flow_leave(m, h, MS(99) + US(500)), 0);
	}
	assert_int_equal(meas_finish(m, MS(300)), 0);
	got = render(meas_results(m), &run_info, meas_report_txt);
	for (i = 0; i < sizeof(want_txt) / sizeof(want_txt[0]); i++)
		if (strstr(got, want_txt[i]) == NULL)
			fail_msg("missing:\n%s\nin:\n%s", want_txt[i], got);
	free(got);
	got = render(meas_results(m), &run_info, meas_report_json);
	assert_true(json_valid(got));
	for (i = 0; i < sizeof(want_json) / sizeof(want_json[0]); i++)
		if (strstr(got, want_json[i]) == NULL)
			fail_msg("missing:\n%s\nin:\n%s", want_json[i], got);
	free(got);
	meas_free(m);
}

static void test_deterministic(void **state)
{
	struct meas *a = build_run(), *b = build_run();
	char *ta = render(meas_results(a), &run_info, meas_report_txt);
	char *tb = render(meas_results(b), &run_info, meas_report_txt);
	char *ja = render(meas_results(a), &run_info, meas_report_json);
	char *jb = render(meas_results(b), &run_info, meas_report_json);

	(void)state;
	assert_string_equal(ta, tb);
	assert_string_equal(ja, jb);
	free(ta);
	free(tb);
	free(ja);
	free(jb);
	meas_free(a);
	meas_free(b);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

/* Number of entries in dir whose name contains ".tmp.". */
static int count_tmp(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, ".tmp.") != NULL;
	closedir(d);
	return n;
}

static void make_tmpdir(char *buf, size_t len)
{
	snprintf(buf, len, "%s/meas-report-XXXXXX", FAILSIM_BINARY_DIR);
	assert_non_null(mkdtemp(buf));
}

static void test_write_files(void **state)
{
	struct meas *m = build_run();
	char dir[512], path[600], err[256], *got;

	(void)state;
	make_tmpdir(dir, sizeof(dir));
	assert_int_equal(meas_report_write(meas_results(m), &run_info, dir, err,
					   sizeof(err)),
			 0);
	assert_string_equal(err, "");
	snprintf(path, sizeof(path), "%s/report.txt", dir);
	got = slurp(path);
	assert_non_null(got);
	assert_string_equal(got, expect_txt);
	free(got);
	unlink(path);
	snprintf(path, sizeof(path), "%s/report.json", dir);
	got = slurp(path);
	assert_non_null(got);
	assert_string_equal(got, expect_json);
	free(got);
	unlink(path);
	assert_int_equal(count_tmp(dir), 0);
	assert_int_equal(rmdir(dir), 0);
	meas_free(m);
}

/* A file that cannot be put in place leaves no half file behind. */
static void test_write_atomic(void **state)
{
	struct meas *m = build_run();
	char dir[512], path[600], missing[600], err[256];
	struct stat st;

	(void)state;
	make_tmpdir(dir, sizeof(dir));
	/* report.json is a folder: the rename over it must fail */
	snprintf(path, sizeof(path), "%s/report.json", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	assert_int_equal(meas_report_write(meas_results(m), &run_info, dir, err,
					   sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "report.json"));
	assert_int_equal(count_tmp(dir), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(rmdir(path), 0);
	snprintf(path, sizeof(path), "%s/report.txt", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);

	/* a folder that does not exist: an error naming it, no file */
	snprintf(missing, sizeof(missing), "%s/no/such/dir", dir);
	assert_int_equal(meas_report_write(meas_results(m), &run_info, missing,
					   err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, missing));
	assert_int_not_equal(stat(dir, &st), 0);
	assert_int_equal(
		meas_report_write(NULL, &run_info, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "meas_finish"));
	assert_int_equal(meas_report_write(NULL, &run_info, dir, NULL, 0), -1);
	meas_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validator),
		cmocka_unit_test(test_txt_exact),
		cmocka_unit_test(test_json_exact),
		cmocka_unit_test(test_json_awkward),
		cmocka_unit_test(test_empty_run),
		cmocka_unit_test(test_leave_columns),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_write_files),
		cmocka_unit_test(test_write_atomic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
