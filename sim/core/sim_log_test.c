/*
 * Tests of the event log (sim_log.c): exact record bytes for every field
 * type, JSON escaping of control characters, quotes and invalid UTF-8,
 * inactive logs, taps, write errors, truncation of oversized records, and
 * sim_log_field on both written and hand-made (hostile) records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/core/sim_log.h"

/* A log writing to a memory buffer. */
struct memlog {
	struct sim_log log;
	FILE *f;
	char *buf;
	size_t len;
};

static void memlog_open(struct memlog *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
	sim_log_init(&m->log, m->f);
}

static const char *memlog_text(struct memlog *m)
{
	assert_int_equal(fflush(m->f), 0);
	return m->buf;
}

static void memlog_close(struct memlog *m)
{
	fclose(m->f);
	free(m->buf);
}

static void test_record_bytes(void **state)
{
	struct memlog m;
	struct sim_log_rec r;

	(void)state;
	memlog_open(&m);
	sim_log_begin(&r, &m.log, 2005000000, "R1", "iface", "oper-down");
	sim_log_str(&r, "iface", "GigabitEthernet0/1/0");
	sim_log_int(&r, "delta", -42);
	sim_log_int(&r, "min", INT64_MIN);
	sim_log_uint(&r, "max", UINT64_MAX);
	sim_log_bool(&r, "up", false);
	sim_log_bool(&r, "hot", true);
	sim_log_time(&r, "detect", 30000000);
	sim_log_str(&r, "none", NULL);
	sim_log_end(&r);
	sim_log_begin(&r, &m.log, -1, NULL, "m", "e");
	sim_log_end(&r);
	assert_string_equal(
		memlog_text(&m),
		"{\"t\":2005000000,\"node\":\"R1\",\"module\":\"iface\","
		"\"event\":\"oper-down\",\"iface\":\"GigabitEthernet0/1/0\","
		"\"delta\":-42,\"min\":-9223372036854775808,"
		"\"max\":18446744073709551615,\"up\":false,\"hot\":true,"
		"\"detect\":30000000,\"none\":null}\n"
		"{\"t\":-1,\"node\":null,\"module\":\"m\",\"event\":\"e\"}\n");
	assert_int_equal(m.log.records, 2);
	assert_int_equal(m.log.truncated, 0);
	assert_int_equal(m.log.err, 0);
	/* Fields after the end are ignored, end twice is harmless. */
	sim_log_str(&r, "late", "x");
	sim_log_end(&r);
	assert_int_equal(m.log.records, 2);
	memlog_close(&m);
}

struct esc_case {
	const char *in;
	const char *out; /* JSON text of the string, quotes included */
};

static const struct esc_case esc_cases[] = {
	{ "plain", "\"plain\"" },
	{ "", "\"\"" },
	{ "a\"b\\c/d", "\"a\\\"b\\\\c/d\"" },
	{ "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"" },
	{ "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"" },
	{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	  "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
	{ "\xff", "\"\\ufffd\"" },
	{ "\xc0\x80", "\"\\ufffd\\ufffd\"" },		 /* overlong NUL */
	{ "\xe2\x82", "\"\\ufffd\\ufffd\"" },		 /* cut sequence */
	{ "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" }, /* surrogate */
	{ "\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
	{ "x\x80y", "\"x\\ufffdy\"" },
};

static void tap_count(void *arg, const struct sim_log_rec *r)
{
	(void)r;
	(*(int *)arg)++;
}

static void test_escaping(void **state)
{
	struct sim_log log;
	struct sim_log_rec r;
	char want[128], got[64];
	size_t i;
	int n = 0;

	(void)state;
	sim_log_init(&log, NULL);
	assert_int_equal(sim_log_add_tap(&log, tap_count, &n), 0);
	for (i = 0; i < sizeof(esc_cases) / sizeof(esc_cases[0]); i++) {
		sim_log_begin(&r, &log, 0, "n", "m", "e");
		sim_log_str(&r, "k\"\n", esc_cases[i].in);
		sim_log_end(&r);
		snprintf(want, sizeof(want),
			 "{\"t\":0,\"node\":\"n\",\"module\":\"m\","
			 "\"event\":\"e\",\"k\\\"\\n\":%s}",
			 esc_cases[i].out);
		assert_string_equal(r.json, want);
		assert_int_equal(r.len, strlen(want));
		/* Reading back gives the input, invalid bytes as U+FFFD. */
		assert_true(sim_log_field(&r, "k\"\n", got, sizeof(got)));
		if (strstr(esc_cases[i].out, "ufffd") == NULL)
			assert_string_equal(got, esc_cases[i].in);
		else
			assert_non_null(strstr(got, "\xef\xbf\xbd"));
	}
	assert_int_equal(n, (int)i);
}

static void test_inactive(void **state)
{
	struct sim_log log;
	struct sim_log_rec r;

	(void)state;
	sim_log_init(&log, NULL);
	sim_log_begin(&r, &log, 5, "n", "m", "e");
	assert_false(r.active);
	sim_log_str(&r, "k", "v");
	sim_log_int(&r, "i", 1);
	sim_log_end(&r);
	assert_int_equal(r.len, 0);
	assert_int_equal(log.records, 0);
	assert_false(sim_log_field(&r, "t", NULL, 0));
	sim_log_begin(&r, NULL, 5, "n", "m", "e"); /* no log at all */
	assert_false(r.active);
	sim_log_end(&r);
}

struct tapbuf {
	int calls;
	char event[32];
	char iface[32];
	char t[32];
};

static void tap_copy(void *arg, const struct sim_log_rec *r)
{
	struct tapbuf *b = arg;

	b->calls++;
	assert_true(sim_log_field(r, "event", b->event, sizeof(b->event)));
	assert_true(sim_log_field(r, "t", b->t, sizeof(b->t)));
	if (!sim_log_field(r, "iface", b->iface, sizeof(b->iface)))
		strcpy(b->iface, "-");
	assert_int_equal(r->json[r->len], '\0');
}

static void test_taps(void **state)
{
	struct sim_log log;
	struct sim_log_rec r;
	struct tapbuf a = { 0 }, b = { 0 };
	int i, n = 0;

	(void)state;
	sim_log_init(&log, NULL);
	assert_int_equal(sim_log_add_tap(&log, NULL, NULL), -1);
	assert_int_equal(sim_log_add_tap(&log, tap_copy, &a), 0);
	assert_int_equal(sim_log_add_tap(&log, tap_copy, &b), 0);
	for (i = 2; i < SIM_LOG_MAX_TAPS; i++)
		assert_int_equal(sim_log_add_tap(&log, tap_count, &n), 0);
	assert_int_equal(sim_log_add_tap(&log, tap_count, &n), -1);
	sim_log_begin(&r, &log, SIM_MS(7), "R2", "vrrp", "master");
	sim_log_str(&r, "iface", "Vlanif10");
	sim_log_end(&r);
	sim_log_begin(&r, &log, SIM_MS(8), "R2", "vrrp", "backup");
	sim_log_end(&r);
	assert_int_equal(a.calls, 2);
	assert_int_equal(b.calls, 2);
	assert_int_equal(n, 2 * (SIM_LOG_MAX_TAPS - 2));
	assert_string_equal(a.event, "backup");
	assert_string_equal(a.t, "8000000");
	assert_string_equal(a.iface, "-");
	assert_int_equal(log.records, 2);
}

static void test_field_lookup(void **state)
{
	struct sim_log log;
	struct sim_log_rec r;
	char buf[16];
	int n = 0;

	(void)state;
	sim_log_init(&log, NULL);
	sim_log_add_tap(&log, tap_count, &n);
	sim_log_begin(&r, &log, 12, "R1", "bfd", "up");
	sim_log_str(&r, "ev", "short-key");
	sim_log_str(&r, "long", "0123456789abcdefXYZ");
	sim_log_str(&r, "utf", "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
	sim_log_int(&r, "n", -3);
	sim_log_bool(&r, "b", true);
	sim_log_str(&r, "z", NULL);
	sim_log_end(&r);
	assert_true(sim_log_field(&r, "node", buf, sizeof(buf)));
	assert_string_equal(buf, "R1");
	assert_true(sim_log_field(&r, "event", buf, sizeof(buf)));
	assert_string_equal(buf, "up"); /* not "ev" (a prefix) */
	assert_true(sim_log_field(&r, "ev", buf, sizeof(buf)));
	assert_string_equal(buf, "short-key");
	assert_true(sim_log_field(&r, "n", buf, sizeof(buf)));
	assert_string_equal(buf, "-3");
	assert_true(sim_log_field(&r, "b", buf, sizeof(buf)));
	assert_string_equal(buf, "true");
	assert_true(sim_log_field(&r, "z", buf, sizeof(buf)));
	assert_string_equal(buf, "null");
	assert_true(sim_log_field(&r, "long", buf, sizeof(buf)));
	assert_string_equal(buf, "0123456789abcde"); /* cut to len - 1 */
	assert_true(sim_log_field(&r, "utf", buf, 8));
	assert_string_equal(buf, "\xe2\x82\xac\xe2\x82\xac");
	assert_true(sim_log_field(&r, "t", buf, 2));
	assert_string_equal(buf, "1");
	assert_true(sim_log_field(&r, "t", NULL, 0));
	assert_false(sim_log_field(&r, "missing", buf, sizeof(buf)));
	assert_string_equal(buf, "");
	assert_false(sim_log_field(&r, "", buf, sizeof(buf)));
	assert_false(sim_log_field(&r, "lon", buf, sizeof(buf)));
	assert_false(sim_log_field(&r, "longer", buf, sizeof(buf)));
	assert_false(sim_log_field(&r, NULL, buf, sizeof(buf)));
}

struct raw_case {
	const char *json;
	const char *key;
	bool found;
	const char *want;
};

/* Hand-made records: well-formed JSON we never write, and garbage. */
static const struct raw_case raw_cases[] = {
	{ " { \"a\" : 1 , \"b\" : \"x\" } ", "b", true, "x" },
	{ "{\"o\":{\"k\":[1,\"}\",{}]},\"b\":2}", "b", true, "2" },
	{ "{\"o\":{\"k\":[1,\"}\",{}]},\"b\":2}", "o", true,
	  "{\"k\":[1,\"}\",{}]}" },
	{ "{\"\\u0041\":\"\\u00e9\\ud83d\\ude00\\/\"}", "A", true,
	  "\xc3\xa9\xf0\x9f\x98\x80/" },
	{ "{\"a\":\"\\ud800x\"}", "a", true, "\xef\xbf\xbdx" },
	{ "{\"a\":\"\\udc00\\ud800\\u0041\"}", "a", true,
	  "\xef\xbf\xbd\xef\xbf\xbd"
	  "A" },
	{ "{\"a\\u0000b\":1}", "a", false, "" },
	{ "{\"a\":\"\\q\"}", "a", false, "" },
	{ "{\"a\":\"\\u12\"}", "a", false, "" },
	{ "{\"a\":\"\\u12G4\"}", "a", false, "" },
	{ "{\"a\":\"open", "a", false, "" },
	{ "{\"a\":\"x\\", "a", false, "" },
	{ "{\"a\" 1}", "a", false, "" },
	{ "{\"a\":}", "a", false, "" },
	{ "{\"a\":[1,2}", "a", false, "" },
	{ "{\"a\":{\"b\":1]}", "a", false, "" },
	{ "{\"a\":1 \"b\":2}", "b", false, "" },
	{ "{\"a\":1", "b", false, "" },
	{ "[\"a\",1]", "a", false, "" },
	{ "{a:1}", "a", false, "" },
	{ "{\"a\":tr\"ue\"}", "a", false, "" },
	{ "", "a", false, "" },
	{ "{}", "a", false, "" },
};

static void test_field_raw(void **state)
{
	struct sim_log_rec r;
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(raw_cases) / sizeof(raw_cases[0]); i++) {
		const struct raw_case *c = &raw_cases[i];
		bool found;

		memset(&r, 0, sizeof(r));
		r.len = strlen(c->json);
		memcpy(r.json, c->json, r.len);
		found = sim_log_field(&r, c->key, buf, sizeof(buf));
		if (found != c->found)
			fail_msg("case %zu (%s): found %d", i, c->json, found);
		if (found)
			assert_string_equal(buf, c->want);
	}
	/* Nesting: 64 levels are fine, 65 are refused. */
	for (i = 64; i <= 65; i++) {
		memset(&r, 0, sizeof(r));
		r.len = (size_t)snprintf(r.json, sizeof(r.json), "{\"a\":");
		memset(r.json + r.len, '[', i);
		r.len += i;
		r.json[r.len++] = '1';
		memset(r.json + r.len, ']', i);
		r.len += i;
		r.json[r.len++] = '}';
		assert_int_equal(sim_log_field(&r, "a", NULL, 0), i == 64);
	}
	/* A record filling the whole buffer without a NUL: stays in bounds. */
	memset(r.json, '[', sizeof(r.json));
	r.json[0] = '{';
	r.len = sizeof(r.json) + 100; /* a bogus length is clamped */
	assert_false(sim_log_field(&r, "a", buf, sizeof(buf)));
}

static void test_truncation(void **state)
{
	struct memlog m;
	struct sim_log_rec r;
	char big[3000], buf[32];
	int i;

	(void)state;
	memlog_open(&m);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	/* Many small fields: the record fills up and is closed validly. */
	sim_log_begin(&r, &m.log, 1, "n", "m", "e");
	for (i = 0; i < 400; i++)
		sim_log_uint(&r, "field", (uint64_t)i);
	assert_true(r.overflow);
	sim_log_end(&r);
	assert_true(r.len < SIM_LOG_REC_MAX);
	assert_int_equal(strlen(r.json), r.len);
	assert_non_null(strstr(r.json, ",\"truncated\":true}"));
	assert_true(sim_log_field(&r, "truncated", buf, sizeof(buf)));
	assert_string_equal(buf, "true");
	assert_int_equal(m.log.truncated, 1);
	/* One field too big: dropped, and so are the later ones. */
	sim_log_begin(&r, &m.log, 2, "n", "m", "e");
	sim_log_str(&r, "a", "1");
	sim_log_str(&r, "big", big);
	sim_log_str(&r, "b", "2");
	sim_log_end(&r);
	assert_string_equal(r.json,
			    "{\"t\":2,\"node\":\"n\",\"module\":\"m\","
			    "\"event\":\"e\",\"a\":\"1\",\"truncated\":true}");
	/* Escapes make a string grow: 700 quotes need 1400 bytes. */
	memset(big, '"', 700);
	big[700] = '\0';
	sim_log_begin(&r, &m.log, 3, "n", "m", "e");
	sim_log_str(&r, "q", big);
	assert_false(r.overflow);
	sim_log_str(&r, "q2", big);
	assert_true(r.overflow);
	sim_log_end(&r);
	assert_true(sim_log_field(&r, "truncated", NULL, 0));
	/* Oversized header strings are written as "". */
	memset(big, 'y', 300);
	big[300] = '\0';
	sim_log_begin(&r, &m.log, 4, big, big, big);
	sim_log_str(&r, "k", "v");
	sim_log_end(&r);
	assert_string_equal(r.json, "{\"t\":4,\"node\":\"\",\"module\":\"\","
				    "\"event\":\"\",\"truncated\":true}");
	assert_int_equal(m.log.truncated, 4);
	assert_int_equal(m.log.records, 4);
	/* Every line in the file is a closed record. */
	assert_int_equal(memlog_text(&m)[m.len - 1], '\n');
	memlog_close(&m);
}

static void test_write_error(void **state)
{
	struct sim_log log;
	struct sim_log_rec r;
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	sim_log_init(&log, f);
	sim_log_begin(&r, &log, 1, "n", "m", "e");
	sim_log_end(&r);
	assert_int_not_equal(log.err, 0);
	assert_int_equal(log.records, 1);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_bytes),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_inactive),
		cmocka_unit_test(test_taps),
		cmocka_unit_test(test_field_lookup),
		cmocka_unit_test(test_field_raw),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
