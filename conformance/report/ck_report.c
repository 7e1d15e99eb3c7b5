/*
 * The writers of a finished conformance run (ck_report.h). Text is for
 * people: a header (run name, facts, counters, quirks), every rule that
 * failed or was downgraded to notes with the sentence it enforces and the
 * kept findings, the passing rules when verbose, then a summary and the
 * verdict. JSON (RFC 8259) is one object for tools; JUnit XML is one
 * testsuite with a testcase per selected rule for CI dashboards, where only
 * a failed MUST is a <failure>. Strings from the run are escaped for their
 * format; bytes that are not valid UTF-8 (details may quote capture
 * contents) are written as U+FFFD so the output always parses. No RFC is
 * implemented here.
 */
#include "conformance/report/ck_report.h"

#include <inttypes.h>
#include <string.h>

/* What happened to one rule over the run. */
enum rule_state { RS_NOT_CHECKED = 0, RS_PASS, RS_NOTE, RS_FAIL };

static enum rule_state rule_state(const struct ck_result *r)
{
	if (r->failed)
		return RS_FAIL;
	if (r->noted)
		return RS_NOTE;
	return r->checked ? RS_PASS : RS_NOT_CHECKED;
}

/* Rules of the run that were selected, tallied by state and level. */
struct tally {
	size_t rules, passed, noted, not_checked;
	size_t failed_must, failed_should;
	uint64_t must_failures, should_failures, notes;
};

static void tally_run(const struct ck_ctx *c, struct tally *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (!ck_enabled(c, r->rule))
			continue;
		t->rules++;
		switch (rule_state(r)) {
		case RS_FAIL:
			if (r->rule->level == CK_MUST)
				t->failed_must++;
			else
				t->failed_should++;
			break;
		case RS_NOTE:
			t->noted++;
			break;
		case RS_PASS:
			t->passed++;
			break;
		default:
			t->not_checked++;
			break;
		}
	}
	ck_totals(c, &t->must_failures, &t->should_failures, &t->notes);
}

/* Violations of r not kept as findings ("... and N more"). */
static uint64_t more_findings(const struct ck_result *r)
{
	uint64_t all = r->failed + r->noted;

	return all > r->nkept ? all - r->nkept : 0;
}

/* Time t (ns) as seconds with 6 decimals, truncated: "12.000500". */
static void fmt_sec6(sim_time_t t, char *buf, size_t len)
{
	uint64_t a = t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;

	snprintf(buf, len, "%s%" PRIu64 ".%06" PRIu64, t < 0 ? "-" : "",
		 a / 1000000000u, a % 1000000000u / 1000u);
}

/*
 * Where and what: "frame 12, 1.000500 s: TTL 64"; the frame or the time
 * left out when the finding has none.
 */
static void fmt_finding(const struct ck_finding *k, char *buf, size_t len)
{
	char fr[32] = "", ts[48] = "";

	if (k->frame)
		snprintf(fr, sizeof(fr), "frame %" PRIu64 "%s", k->frame,
			 k->t >= 0 ? ", " : "");
	if (k->t >= 0) {
		fmt_sec6(k->t, ts, sizeof(ts));
		strcat(ts, " s");
	}
	snprintf(buf, len, "%s%s%s%s", fr, ts, *fr || *ts ? ": " : "",
		 k->detail);
}

/*
 * Length of the valid UTF-8 sequence at s (1 to 4), or 0 when the bytes
 * there are not one (overlong forms, surrogates and values past U+10FFFF
 * included).
 */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0; /* also stops at the terminating NUL */
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* ---- text ---- */

/*
 * Text for a terminal: control characters and bytes that are not UTF-8
 * are shown as \xNN, so a hostile capture cannot send escape sequences.
 */
static void text_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = utf8_seq(p);

		if (!n || *p < 0x20 || *p == 0x7f) {
			fprintf(f, "\\x%02x", *p);
			n = 1;
		} else {
			fwrite(p, 1, n, f);
		}
		p += n;
	}
}

static void text_finding(FILE *f, const struct ck_finding *k)
{
	char line[CK_DETAIL_MAX + 96];

	fmt_finding(k, line, sizeof(line));
	fputs("      ", f);
	text_str(f, line);
	if (k->v == CK_NOTE)
		fprintf(f, " [note: quirk %s]", k->quirk ? k->quirk : "?");
	fputc('\n', f);
}

static void text_rule_line(FILE *f, const char *tag, const struct ck_rule *r)
{
	fprintf(f, "%-4s %-6s %s (%s %s): %s\n", tag, ck_level_name(r->level),
		r->id, r->rfc, r->section, r->title);
}

static void text_passed(FILE *f, const struct ck_result *r)
{
	text_rule_line(f, "pass", r->rule);
	fprintf(f, "      checked %" PRIu64 "\n", r->checked);
}

static void text_violated(FILE *f, const struct ck_result *r)
{
	text_rule_line(f, r->failed ? "FAIL" : "NOTE", r->rule);
	fprintf(f, "      checked %" PRIu64 ", failed %" PRIu64, r->checked,
		r->failed);
	if (r->noted)
		fprintf(f, ", noted %" PRIu64, r->noted);
	fprintf(f, "\n      \"%s\"\n", r->rule->quote);
	for (size_t k = 0; k < r->nkept; k++)
		text_finding(f, &r->kept[k]);
	if (more_findings(r))
		fprintf(f, "      ... and %" PRIu64 " more\n",
			more_findings(r));
}

static void text_header(const struct ck_ctx *c, FILE *f)
{
	const char *key, *val;
	uint64_t n;

	fputs("Run: ", f);
	text_str(f, ck_ctx_name(c));
	for (size_t i = 0; i < ck_nfacts(c); i++) {
		ck_fact_at(c, i, &key, &val);
		fprintf(f, "\n  %s: ", key);
		text_str(f, val);
	}
	fputc('\n', f);
	if (ck_ncounts(c)) {
		fputs("Counted:", f);
		for (size_t i = 0; i < ck_ncounts(c); i++) {
			ck_count_at(c, i, &key, &n);
			fprintf(f, "%s %s %" PRIu64, i ? "," : "", key, n);
		}
		fputc('\n', f);
	}
	if (*ck_ctx_quirk_list(c))
		fprintf(f,
			"Interop quirks: %s (their rules' violations are "
			"notes)\n",
			ck_ctx_quirk_list(c));
}

static void text_write(const struct ck_ctx *c, bool verbose, FILE *f)
{
	struct tally t;

	tally_run(c, &t);
	text_header(c, f);
	for (int pass = 0; pass < 2; pass++) {
		bool first = true;

		for (size_t i = 0; i < ck_nresults(c); i++) {
			const struct ck_result *r = ck_result_at(c, i);
			enum rule_state s = rule_state(r);

			if (!ck_enabled(c, r->rule) ||
			    (pass == 0 && s != RS_FAIL && s != RS_NOTE) ||
			    (pass == 1 && s != RS_PASS))
				continue;
			if (first)
				fputc('\n', f);
			first = false;
			if (pass == 0)
				text_violated(f, r);
			else
				text_passed(f, r);
		}
		if (!verbose)
			break;
	}
	fprintf(f,
		"\nSummary: %zu rule%s: %zu passed, %zu failed (%zu MUST, %zu "
		"SHOULD), %zu noted, %zu not checked (nothing they apply "
		"to)\n",
		t.rules, t.rules == 1 ? "" : "s", t.passed,
		t.failed_must + t.failed_should, t.failed_must, t.failed_should,
		t.noted, t.not_checked);
	fprintf(f,
		"Violations: %" PRIu64 " MUST, %" PRIu64 " SHOULD, %" PRIu64
		" noted\n",
		t.must_failures, t.should_failures, t.notes);
	fprintf(f, "Verdict: %s\n",
		ck_exit_status(c) ? "FAIL (a MUST rule is violated)" : "PASS");
}

/* ---- JSON (RFC 8259) ---- */

static void json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', f);
	while (*p) {
		size_t n = utf8_seq(p);

		if (*p == '"' || *p == '\\') {
			fprintf(f, "\\%c", *p);
		} else if (*p == '\n') {
			fputs("\\n", f);
		} else if (*p == '\t') {
			fputs("\\t", f);
		} else if (*p == '\r') {
			fputs("\\r", f);
		} else if (*p < 0x20) {
			fprintf(f, "\\u%04x", *p);
		} else if (!n) {
			fputs("\\ufffd", f);
			n = 1;
		} else {
			fwrite(p, 1, n, f);
		}
		p += n ? n : 1;
	}
	fputc('"', f);
}

static void json_finding(FILE *f, const struct ck_finding *k, bool last)
{
	fputs("        {\"frame\": ", f);
	if (k->frame)
		fprintf(f, "%" PRIu64, k->frame);
	else
		fputs("null", f);
	fputs(", \"time_ns\": ", f);
	if (k->t >= 0)
		fprintf(f, "%" PRId64, k->t);
	else
		fputs("null", f);
	fprintf(f, ", \"verdict\": \"%s\", \"quirk\": ",
		k->v == CK_NOTE ? "note" : "fail");
	if (k->quirk)
		json_str(f, k->quirk);
	else
		fputs("null", f);
	fputs(", \"detail\": ", f);
	json_str(f, k->detail);
	fprintf(f, "}%s\n", last ? "" : ",");
}

static const char *const json_state[] = {
	[RS_NOT_CHECKED] = "not-checked",
	[RS_PASS] = "pass",
	[RS_NOTE] = "note",
	[RS_FAIL] = "fail",
};

/* "key": "value" and the separator after it. */
static void json_kv(FILE *f, const char *key, const char *val, const char *sep)
{
	fprintf(f, "\"%s\": ", key);
	json_str(f, val);
	fputs(sep, f);
}

static void json_rule(FILE *f, const struct ck_result *r, bool last)
{
	const struct ck_rule *u = r->rule;

	fputs("    {", f);
	json_kv(f, "id", u->id, ", ");
	json_kv(f, "level", ck_level_name(u->level), ", ");
	json_kv(f, "rfc", u->rfc, ", ");
	json_kv(f, "section", u->section, ",\n      ");
	json_kv(f, "title", u->title, ",\n      ");
	json_kv(f, "quote", u->quote, ",\n      ");
	fprintf(f,
		"\"status\": \"%s\", \"checked\": %" PRIu64
		", \"failed\": %" PRIu64 ", \"noted\": %" PRIu64
		", \"more\": %" PRIu64 ",\n      \"findings\": [",
		json_state[rule_state(r)], r->checked, r->failed, r->noted,
		more_findings(r));
	if (r->nkept)
		fputc('\n', f);
	for (size_t k = 0; k < r->nkept; k++)
		json_finding(f, &r->kept[k], k + 1 == r->nkept);
	fprintf(f, "%s]}%s\n", r->nkept ? "      " : "", last ? "" : ",");
}

static void json_header(const struct ck_ctx *c, FILE *f)
{
	const char *key, *val, *q = ck_ctx_quirk_list(c);
	uint64_t n;

	fputs("{\n  \"name\": ", f);
	json_str(f, ck_ctx_name(c));
	fputs(",\n  \"facts\": {", f);
	for (size_t i = 0; i < ck_nfacts(c); i++) {
		ck_fact_at(c, i, &key, &val);
		fputs(i ? ", " : "", f);
		json_str(f, key);
		fputs(": ", f);
		json_str(f, val);
	}
	fputs("},\n  \"counts\": {", f);
	for (size_t i = 0; i < ck_ncounts(c); i++) {
		ck_count_at(c, i, &key, &n);
		fputs(i ? ", " : "", f);
		json_str(f, key);
		fprintf(f, ": %" PRIu64, n);
	}
	fputs("},\n  \"quirks\": [", f);
	/* The active names, comma-separated in the run. */
	for (bool first = true; *q; first = false) {
		size_t len = strcspn(q, ",");
		char name[128];

		snprintf(name, sizeof(name), "%.*s", (int)len, q);
		fputs(first ? "" : ", ", f);
		json_str(f, name);
		q += len + (q[len] == ',');
	}
	fputs("],\n", f);
}

static void json_write(const struct ck_ctx *c, FILE *f)
{
	struct tally t;
	size_t left;

	tally_run(c, &t);
	json_header(c, f);
	fputs("  \"rules\": [\n", f);
	left = t.rules;
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (ck_enabled(c, r->rule))
			json_rule(f, r, --left == 0);
	}
	fprintf(f,
		"  ],\n  \"totals\": {\"rules\": %zu, \"passed\": %zu, "
		"\"failed_must\": %zu, \"failed_should\": %zu, \"noted\": "
		"%zu, \"not_checked\": %zu, \"must_violations\": %" PRIu64
		", \"should_violations\": %" PRIu64 ", \"notes\": %" PRIu64
		"},\n",
		t.rules, t.passed, t.failed_must, t.failed_should, t.noted,
		t.not_checked, t.must_failures, t.should_failures, t.notes);
	fprintf(f, "  \"verdict\": \"%s\"\n}\n",
		ck_exit_status(c) ? "fail" : "pass");
}

/* ---- JUnit XML ---- */

/*
 * Character data or an attribute value (quotes escaped too). Characters
 * XML 1.0 does not allow (controls other than tab, LF, CR) and invalid
 * UTF-8 become U+FFFD.
 */
static void xml_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		size_t n = utf8_seq(p);

		if (*p == '<')
			fputs("&lt;", f);
		else if (*p == '>')
			fputs("&gt;", f);
		else if (*p == '&')
			fputs("&amp;", f);
		else if (*p == '"')
			fputs("&quot;", f);
		else if (*p == '\'')
			fputs("&apos;", f);
		else if (*p == '\n')
			fputs("&#10;", f);
		else if (*p == '\t' || *p == '\r')
			fprintf(f, "&#%u;", *p);
		else if (*p < 0x20 || !n ||
			 (n == 3 && p[0] == 0xef && p[1] == 0xbf &&
			  p[2] >= 0xbe))
			fputs("\xef\xbf\xbd", f); /* also U+FFFE, U+FFFF */
		else
			fwrite(p, 1, n, f);
		p += n ? n : 1;
	}
}

/* The kept findings, one per line, escaped, as text of an element. */
static void xml_findings(FILE *f, const struct ck_result *r)
{
	char line[CK_DETAIL_MAX + 96];

	for (size_t k = 0; k < r->nkept; k++) {
		const struct ck_finding *x = &r->kept[k];

		fmt_finding(x, line, sizeof(line));
		xml_str(f, line);
		if (x->v == CK_NOTE) {
			fputs(" [note: quirk ", f);
			xml_str(f, x->quirk ? x->quirk : "?");
			fputc(']', f);
		}
		fputc('\n', f);
	}
	if (more_findings(r))
		fprintf(f, "... and %" PRIu64 " more\n", more_findings(r));
}

static void junit_case(FILE *f, const struct ck_result *r)
{
	const struct ck_rule *u = r->rule;
	size_t plen = strcspn(u->id, ".");
	char cls[64], name[256];
	enum rule_state s = rule_state(r);

	snprintf(cls, sizeof(cls), "%.*s", (int)plen, u->id);
	snprintf(name, sizeof(name), "%s (%s %s)", u->id, u->rfc, u->section);
	fputs("    <testcase classname=\"", f);
	xml_str(f, cls);
	fputs("\" name=\"", f);
	xml_str(f, name);
	fputs("\">\n", f);
	if (s == RS_NOT_CHECKED) {
		fputs("      <skipped message=\"not checked: nothing it "
		      "applies to\"/>\n",
		      f);
	} else if (s == RS_FAIL && u->level == CK_MUST) {
		fputs("      <failure type=\"MUST\" message=\"", f);
		xml_str(f, u->title);
		fputs("\">", f);
		xml_str(f, u->quote);
		fputc('\n', f);
		xml_findings(f, r);
		fputs("</failure>\n", f);
	} else if (s == RS_FAIL || s == RS_NOTE) {
		fprintf(f, "      <system-out>%s %s: ",
			s == RS_FAIL ? "SHOULD violated" : "noted",
			s == RS_FAIL ? "(does not fail the run)"
				     : "(downgraded by an interop quirk)");
		xml_str(f, u->title);
		fputc('\n', f);
		xml_findings(f, r);
		fputs("</system-out>\n", f);
	}
	fputs("    </testcase>\n", f);
}

static void junit_write(const struct ck_ctx *c, FILE *f)
{
	struct tally t;
	const char *key, *val;

	tally_run(c, &t);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f,
		"<testsuites tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
		"skipped=\"%zu\">\n  <testsuite name=\"",
		t.rules, t.failed_must, t.not_checked);
	xml_str(f, ck_ctx_name(c));
	fprintf(f,
		"\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
		"skipped=\"%zu\">\n",
		t.rules, t.failed_must, t.not_checked);
	if (ck_nfacts(c) || *ck_ctx_quirk_list(c)) {
		fputs("    <properties>\n", f);
		for (size_t i = 0; i < ck_nfacts(c); i++) {
			ck_fact_at(c, i, &key, &val);
			fputs("      <property name=\"", f);
			xml_str(f, key);
			fputs("\" value=\"", f);
			xml_str(f, val);
			fputs("\"/>\n", f);
		}
		if (*ck_ctx_quirk_list(c)) {
			fputs("      <property name=\"interop quirks\" "
			      "value=\"",
			      f);
			xml_str(f, ck_ctx_quirk_list(c));
			fputs("\"/>\n", f);
		}
		fputs("    </properties>\n", f);
	}
	for (size_t i = 0; i < ck_nresults(c); i++) {
		const struct ck_result *r = ck_result_at(c, i);

		if (ck_enabled(c, r->rule))
			junit_case(f, r);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
}

/* ---- entry points ---- */

int ck_format_parse(const char *s, enum ck_format *out)
{
	static const char *const names[] = {
		[CK_FMT_TEXT] = "text",
		[CK_FMT_JSON] = "json",
		[CK_FMT_JUNIT] = "junit",
	};

	for (size_t i = 0; s && i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i])) {
			*out = (enum ck_format)i;
			return 0;
		}
	}
	return -1;
}

int ck_report_write(const struct ck_ctx *c, enum ck_format fmt, bool verbose,
		    FILE *f)
{
	switch (fmt) {
	case CK_FMT_TEXT:
		text_write(c, verbose, f);
		break;
	case CK_FMT_JSON:
		json_write(c, f);
		break;
	case CK_FMT_JUNIT:
		junit_write(c, f);
		break;
	default:
		return -1;
	}
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
