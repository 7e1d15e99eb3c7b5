/*
 * Tests of the run writers (ck_report.c) on a hand-made run holding every
 * kind of rule: a MUST failed 25 times (20 kept, "and 5 more"), a SHOULD
 * failed once with quotes, <, > and & in its text, a MUST passed, a MUST
 * downgraded to notes by a quirk, a rule never checked and a deselected
 * rule (absent from every format). Text, JSON and JUnit XML are checked
 * line by line; the JSON is parsed back with python3 and the XML checked
 * with xmllint when those are installed (skipped otherwise).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conformance/report/ck_report.h"

static const struct ck_rule rules[] = {
	{ "t.must-fail", CK_MUST, "RFC 9999", "1.2",
	  "The TTL MUST be set to 255.", "TTL is 255" },
	{ "t.should-fail", CK_SHOULD, "RFC 9999", "3",
	  "A \"quoted\" <sentence> & more.", "Title <with> \"marks\" & 'amp'" },
	{ "t.pass", CK_MUST, "RFC 1", "4.1", "It MUST hold.", "holds" },
	{ "t.noted", CK_MUST, "RFC 2", "5", "Checksum MUST be right.",
	  "checksum" },
	{ "u.never", CK_SHOULD, "RFC 3", "6", "Never seen.", "never" },
	{ "u.off", CK_MUST, "RFC 4", "7", "Deselected.", "deselected" },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static const char *const q_rules[] = { "t.noted", NULL };
static const struct ck_quirk quirks[] = {
	{ "q-one", "a vendor's checksum", q_rules },
};

/* 2024-04-05T19:34:38.123456789Z in ns since the epoch. */
#define T0 ((sim_time_t)1712345678123456789)

static struct ck_ctx *make_run(void)
{
	struct ck_ctx *c = ck_ctx_new("cap \"one\" <&>.pcap");
	char err[256];

	assert_non_null(c);
	assert_int_equal(ck_ctx_add_rules(c, rules, NRULES, err, sizeof(err)),
			 0);
	assert_int_equal(ck_ctx_select(c, "!u.off", err, sizeof(err)), 0);
	assert_int_equal(ck_ctx_quirks(c, quirks, 1, "q-one", err, sizeof(err)),
			 0);
	ck_fact(c, "file", "a \"b\" <c>.pcap");
	ck_fact(c, "link type", "Ethernet");
	ck_count(c, "frames", 30);
	ck_count(c, "vrrp", 25);
	for (int i = 1; i <= 25; i++)
		ck_fail(c, &rules[0], (uint64_t)i, T0 + SIM_MS(i), "TTL %d", i);
	ck_fail(c, &rules[1], 0, SIM_MS(2500),
		"saw \"x\" <y> & z\x01 \xff \xc2\xb5s");
	ck_pass(c, &rules[2]);
	ck_pass(c, &rules[2]);
	ck_fail(c, &rules[3], 7, -1, "checksum 0x1234, expected 0x4321");
	ck_fail(c, &rules[5], 1, 1, "never recorded");
	return c;
}

/* Write c in fmt into a NUL-terminated heap string. */
static char *render(const struct ck_ctx *c, enum ck_format fmt, bool verbose)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ck_report_write(c, fmt, verbose, f), 0);
	fclose(f);
	return buf;
}

static void has(const char *out, const char *want)
{
	if (!strstr(out, want))
		fail_msg("missing \"%s\" in:\n%s", want, out);
}

static void lacks(const char *out, const char *bad)
{
	if (strstr(out, bad))
		fail_msg("unexpected \"%s\" in:\n%s", bad, out);
}

static size_t occurrences(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void test_text(void **state)
{
	struct ck_ctx *c = make_run();
	char *out = render(c, CK_FMT_TEXT, false);
	char *v;

	(void)state;
	has(out, "Run: cap \"one\" <&>.pcap\n  file: a \"b\" <c>.pcap\n"
		 "  link type: Ethernet\nCounted: frames 30, vrrp 25\n"
		 "Interop quirks: q-one");
	has(out, "\nFAIL MUST   t.must-fail (RFC 9999 1.2): TTL is 255\n"
		 "      checked 25, failed 25\n"
		 "      \"The TTL MUST be set to 255.\"\n"
		 "      frame 1, 1712345678.124456 s: TTL 1\n");
	has(out, "      frame 20, 1712345678.143456 s: TTL 20\n"
		 "      ... and 5 more\n");
	lacks(out, "TTL 21");
	has(out, "FAIL SHOULD t.should-fail (RFC 9999 3): Title <with> "
		 "\"marks\" & 'amp'\n      checked 1, failed 1\n");
	has(out, "      2.500000 s: saw \"x\" <y> & z\\x01 \\xff \xc2\xb5s\n");
	has(out, "NOTE MUST   t.noted (RFC 2 5): checksum\n"
		 "      checked 1, failed 0, noted 1\n");
	has(out, "      frame 7: checksum 0x1234, expected 0x4321 "
		 "[note: quirk q-one]\n");
	lacks(out, "u.off");
	lacks(out, "deselected");
	lacks(out, "pass ");
	has(out, "\nSummary: 5 rules: 1 passed, 2 failed (1 MUST, 1 SHOULD), "
		 "1 noted, 1 not checked (nothing they apply to)\n"
		 "Violations: 25 MUST, 1 SHOULD, 1 noted\n"
		 "Verdict: FAIL (a MUST rule is violated)\n");
	/* Failures come before the summary, in registration order. */
	assert_true(strstr(out, "t.must-fail") < strstr(out, "t.should-fail"));
	assert_true(strstr(out, "t.noted") < strstr(out, "Summary"));

	v = render(c, CK_FMT_TEXT, true);
	has(v, "\npass MUST   t.pass (RFC 1 4.1): holds\n");
	assert_true(strstr(v, "pass MUST") > strstr(v, "NOTE MUST"));
	lacks(v, "u.never");
	free(v);
	free(out);
	ck_ctx_free(c);
}

static void test_text_pass_and_empty(void **state)
{
	struct ck_ctx *c = ck_ctx_new("clean");
	char err[128];
	char *out;

	(void)state;
	out = render(c, CK_FMT_TEXT, true);
	assert_string_equal(out, "Run: clean\n\nSummary: 0 rules: 0 passed, "
				 "0 failed (0 MUST, 0 SHOULD), 0 noted, 0 "
				 "not checked (nothing they apply to)\n"
				 "Violations: 0 MUST, 0 SHOULD, 0 noted\n"
				 "Verdict: PASS\n");
	free(out);
	assert_int_equal(ck_ctx_add_rules(c, rules, NRULES, err, sizeof(err)),
			 0);
	ck_pass(c, &rules[0]);
	/* A SHOULD failure and a finding with neither frame nor time. */
	ck_fail(c, &rules[1], 0, -1, "bare detail");
	out = render(c, CK_FMT_TEXT, false);
	has(out, "\n      bare detail\n");
	has(out, "Verdict: PASS\n");
	has(out, "4 not checked");
	free(out);
	ck_ctx_free(c);
}

/* Run python3 or xmllint over text; skip (return false) when absent. */
static bool tool_ok(const char *tool, const char *cmd_fmt, const char *text)
{
	char path[] = "/tmp/ck_report_testXXXXXX";
	char cmd[4096];
	int fd, rc;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	if (system(cmd) != 0) {
		printf("(%s not installed: not checked)\n", tool);
		return true;
	}
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_true((size_t)snprintf(cmd, sizeof(cmd), cmd_fmt, path) <
		    sizeof(cmd));
	rc = system(cmd);
	unlink(path);
	return rc == 0;
}

static const char json_check_py[] =
	"python3 -c 'import json,sys\n"
	"d = json.load(open(sys.argv[1], encoding=\"utf-8\"))\n"
	"r = {x[\"id\"]: x for x in d[\"rules\"]}\n"
	"assert d[\"verdict\"] == \"fail\"\n"
	"assert d[\"name\"] == \"cap \\\"one\\\" <&>.pcap\"\n"
	"assert d[\"facts\"][\"link type\"] == \"Ethernet\"\n"
	"assert d[\"counts\"] == {\"frames\": 30, \"vrrp\": 25}\n"
	"assert d[\"quirks\"] == [\"q-one\"]\n"
	"assert sorted(r) == [\"t.must-fail\", \"t.noted\", \"t.pass\", "
	"\"t.should-fail\", \"u.never\"]\n"
	"assert len(r[\"t.must-fail\"][\"findings\"]) == 20\n"
	"assert r[\"t.must-fail\"][\"more\"] == 5\n"
	"assert r[\"t.should-fail\"][\"findings\"][0][\"detail\"] == "
	"\"saw \\\"x\\\" <y> & z\\x01 \\ufffd \\u00b5s\"\n"
	"assert r[\"t.noted\"][\"findings\"][0][\"quirk\"] == \"q-one\"\n"
	"assert r[\"u.never\"][\"status\"] == \"not-checked\"\n"
	"assert d[\"totals\"][\"must_violations\"] == 25\n"
	"' %s";

static void test_json(void **state)
{
	struct ck_ctx *c = make_run();
	char *out = render(c, CK_FMT_JSON, false);

	(void)state;
	has(out, "{\n  \"name\": \"cap \\\"one\\\" <&>.pcap\",\n"
		 "  \"facts\": {\"file\": \"a \\\"b\\\" <c>.pcap\", "
		 "\"link type\": \"Ethernet\"},\n"
		 "  \"counts\": {\"frames\": 30, \"vrrp\": 25},\n"
		 "  \"quirks\": [\"q-one\"],\n  \"rules\": [\n");
	has(out, "{\"id\": \"t.must-fail\", \"level\": \"MUST\", "
		 "\"rfc\": \"RFC 9999\", \"section\": \"1.2\",\n"
		 "      \"title\": \"TTL is 255\",\n"
		 "      \"quote\": \"The TTL MUST be set to 255.\",\n"
		 "      \"status\": \"fail\", \"checked\": 25, \"failed\": 25, "
		 "\"noted\": 0, \"more\": 5,\n");
	has(out, "{\"frame\": 1, \"time_ns\": 1712345678124456789, "
		 "\"verdict\": \"fail\", \"quirk\": null, \"detail\": "
		 "\"TTL 1\"},\n");
	has(out, "\"detail\": \"TTL 20\"}\n      ]},\n");
	lacks(out, "TTL 21");
	/* Quotes, a control character, a stray byte and UTF-8. */
	has(out, "\"quote\": \"A \\\"quoted\\\" <sentence> & more.\"");
	has(out, "{\"frame\": null, \"time_ns\": 2500000000, \"verdict\": "
		 "\"fail\", \"quirk\": null, \"detail\": \"saw \\\"x\\\" <y> "
		 "& z\\u0001 \\ufffd \xc2\xb5s\"}");
	has(out, "{\"frame\": 7, \"time_ns\": null, \"verdict\": \"note\", "
		 "\"quirk\": \"q-one\"");
	has(out, "\"status\": \"not-checked\", \"checked\": 0, \"failed\": 0, "
		 "\"noted\": 0, \"more\": 0,\n      \"findings\": []}\n  ],\n");
	has(out, "\"totals\": {\"rules\": 5, \"passed\": 1, \"failed_must\": "
		 "1, \"failed_should\": 1, \"noted\": 1, \"not_checked\": 1, "
		 "\"must_violations\": 25, \"should_violations\": 1, "
		 "\"notes\": 1},\n  \"verdict\": \"fail\"\n}\n");
	lacks(out, "u.off");
	assert_int_equal(occurrences(out, "\"id\":"), 5);
	assert_true(tool_ok("python3", json_check_py, out));
	free(out);
	ck_ctx_free(c);
}

static void test_json_pass(void **state)
{
	struct ck_ctx *c = ck_ctx_new("p");
	char err[128];
	char *out;

	(void)state;
	out = render(c, CK_FMT_JSON, false);
	has(out, "\"facts\": {},\n  \"counts\": {},\n  \"quirks\": [],\n"
		 "  \"rules\": [\n  ],\n");
	has(out, "\"verdict\": \"pass\"");
	assert_true(
		tool_ok("python3", "python3 -m json.tool %s >/dev/null", out));
	free(out);
	assert_int_equal(ck_ctx_add_rules(c, rules, 3, err, sizeof(err)), 0);
	assert_int_equal(
		ck_ctx_quirks(c, quirks, 1, "q-one,q-one", err, sizeof(err)),
		0);
	ck_pass(c, &rules[2]);
	out = render(c, CK_FMT_JSON, false);
	has(out, "\"quirks\": [\"q-one\", \"q-one\"]");
	has(out, "\"status\": \"pass\", \"checked\": 1");
	has(out, "\"verdict\": \"pass\"");
	assert_true(
		tool_ok("python3", "python3 -m json.tool %s >/dev/null", out));
	free(out);
	ck_ctx_free(c);
}

static void test_junit(void **state)
{
	struct ck_ctx *c = make_run();
	char *out = render(c, CK_FMT_JUNIT, false);

	(void)state;
	has(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<testsuites tests=\"5\" failures=\"1\" errors=\"0\" "
		 "skipped=\"1\">\n"
		 "  <testsuite name=\"cap &quot;one&quot; &lt;&amp;&gt;.pcap\" "
		 "tests=\"5\" failures=\"1\" errors=\"0\" skipped=\"1\">\n"
		 "    <properties>\n"
		 "      <property name=\"file\" value=\"a &quot;b&quot; "
		 "&lt;c&gt;.pcap\"/>\n");
	has(out, "<property name=\"interop quirks\" value=\"q-one\"/>\n");
	has(out, "    <testcase classname=\"t\" name=\"t.must-fail (RFC 9999 "
		 "1.2)\">\n      <failure type=\"MUST\" message=\"TTL is 255\">"
		 "The TTL MUST be set to 255.\n"
		 "frame 1, 1712345678.124456 s: TTL 1\n");
	has(out, "frame 20, 1712345678.143456 s: TTL 20\n... and 5 more\n"
		 "</failure>\n    </testcase>\n");
	/* A SHOULD failure passes, with its findings as output. */
	has(out, "<testcase classname=\"t\" name=\"t.should-fail (RFC 9999 "
		 "3)\">\n      <system-out>SHOULD violated (does not fail the "
		 "run): Title &lt;with&gt; &quot;marks&quot; &amp; "
		 "&apos;amp&apos;\n2.500000 s: saw &quot;x&quot; &lt;y&gt; "
		 "&amp; z\xef\xbf\xbd \xef\xbf\xbd \xc2\xb5s\n</system-out>\n");
	has(out, "<testcase classname=\"t\" name=\"t.pass (RFC 1 4.1)\">\n"
		 "    </testcase>\n");
	has(out, "<system-out>noted (downgraded by an interop quirk): "
		 "checksum\nframe 7: checksum 0x1234, expected 0x4321 "
		 "[note: quirk q-one]\n</system-out>");
	has(out, "<testcase classname=\"u\" name=\"u.never (RFC 3 6)\">\n"
		 "      <skipped message=\"not checked: nothing it applies "
		 "to\"/>\n");
	lacks(out, "u.off");
	assert_int_equal(occurrences(out, "<testcase "), 5);
	assert_int_equal(occurrences(out, "<failure "), 1);
	has(out, "  </testsuite>\n</testsuites>\n");
	assert_true(tool_ok("xmllint", "xmllint --noout %s", out));
	free(out);
	ck_ctx_free(c);
}

static void test_utf8_escaping(void **state)
{
	static const struct {
		const char *in, *json, *xml;
	} cases[] = {
		{ "plain", "plain", "plain" },
		{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },
		{ "\xc0\xaf", "\\ufffd\\ufffd", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd",
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "a\xe2\x82", "a\\ufffd\\ufffd", "a\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd",
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xef\xbf\xbe", "\xef\xbf\xbe", "\xef\xbf\xbd" },
		{ "t\tn\nr\r\\", "t\\tn\\nr\\r\\\\", "t&#9;n&#10;r&#13;\\" },
		{ "\x1f\x7f", "\\u001f\x7f", "\xef\xbf\xbd\x7f" },
	};
	static const struct ck_rule r = { "e.x", CK_MUST, "R", "1", "q", "t" };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ck_ctx *c = ck_ctx_new("e");
		char err[64], want[128];
		char *out;

		assert_int_equal(ck_ctx_add_rules(c, &r, 1, err, sizeof(err)),
				 0);
		ck_fail(c, &r, 0, -1, "%s", cases[i].in);
		out = render(c, CK_FMT_JSON, false);
		snprintf(want, sizeof(want), "\"detail\": \"%s\"}",
			 cases[i].json);
		has(out, want);
		free(out);
		out = render(c, CK_FMT_JUNIT, false);
		snprintf(want, sizeof(want), "\n%s\n</failure>", cases[i].xml);
		has(out, want);
		free(out);
		ck_ctx_free(c);
	}
}

static void test_formats_and_errors(void **state)
{
	static const struct {
		const char *s;
		int rc;
		enum ck_format f;
	} cases[] = {
		{ "text", 0, CK_FMT_TEXT },   { "json", 0, CK_FMT_JSON },
		{ "junit", 0, CK_FMT_JUNIT }, { "xml", -1, CK_FMT_TEXT },
		{ "", -1, CK_FMT_TEXT },      { "JSON", -1, CK_FMT_TEXT },
		{ NULL, -1, CK_FMT_TEXT },
	};
	struct ck_ctx *c = make_run();
	FILE *f;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum ck_format out = CK_FMT_TEXT;

		assert_int_equal(ck_format_parse(cases[i].s, &out),
				 cases[i].rc);
		assert_int_equal(out, cases[i].f);
	}
	f = fopen("/dev/null", "w");
	assert_non_null(f);
	assert_int_equal(ck_report_write(c, (enum ck_format)7, false, f), -1);
	fclose(f);
	/* A full disk: every format reports the write error. */
	f = fopen("/dev/full", "w");
	if (f) {
		for (int k = CK_FMT_TEXT; k <= CK_FMT_JUNIT; k++) {
			assert_int_equal(
				ck_report_write(c, (enum ck_format)k, true, f),
				-1);
			clearerr(f);
		}
		fclose(f);
	}
	ck_ctx_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_pass_and_empty),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_pass),
		cmocka_unit_test(test_junit),
		cmocka_unit_test(test_utf8_escaping),
		cmocka_unit_test(test_formats_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
