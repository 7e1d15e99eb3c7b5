/*
 * Tests of the `failsim check` command (ck_main.c) with a module table of
 * its own: one fake module whose rules are a TTL check and "udp.csum" (so
 * the csum-offload quirk applies). Covers usage errors and unreadable
 * input (exit 2, a clear message, nothing on stdout), pass and fail
 * verdicts (0 and 1), every format, -v, --interop, --output written
 * atomically (no temporary left, an old report kept when the run cannot
 * be made), --list-rules and --list-quirks.
 */
#include <dirent.h>
#include <pcap/pcap.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conformance/check/ck_cap_testutil.h"
#include "conformance/check/ck_check.h"

#define T0 ((sim_time_t)1712345678123456789)

/* ---- the module table of this test ---- */

static const struct ck_rule fake_rules[] = {
	{ "fake.ttl", CK_MUST, "RFC 0", "1.1", "The TTL MUST be 255.",
	  "TTL is 255" },
	{ "udp.csum", CK_MUST, "RFC 768", "Fields", "Checksum ...",
	  "UDP checksum right" },
};

static void fake_frame(struct ck_ctx *c, void *st, const struct ck_frame *f)
{
	(void)st;
	if (f->pi.af == NET_AF_NONE)
		return;
	ck_expect(c, &fake_rules[0], f->pi.ttl == 255, f->no, f->t,
		  "TTL %u, expected 255", f->pi.ttl);
	ck_expect(c, &fake_rules[1], f->pi.err != NET_E_UDP_BAD_CHECKSUM, f->no,
		  f->t, "bad UDP checksum");
}

static const struct ck_proto fake = {
	.name = "fake",
	.rules = fake_rules,
	.nrules = sizeof(fake_rules) / sizeof(fake_rules[0]),
	.frame = fake_frame,
};

const struct ck_proto *const ck_check_protos[] = { &fake, NULL };

/* ---- running the command ---- */

struct outcome {
	int rc;
	char *out, *err;
};

static char *slurp(FILE *f)
{
	long n;
	char *s;

	fflush(f);
	n = ftell(f);
	assert_true(n >= 0);
	s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	rewind(f);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return s;
}

/* ck_check_main over the NULL-terminated arguments, stdout and stderr
 * captured. */
static struct outcome run(const char *first, ...)
{
	char *argv[16];
	int argc = 0, so, se;
	struct outcome o;
	FILE *fo = tmpfile(), *fe = tmpfile();
	va_list ap;

	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *)) {
		assert_true(argc < 15);
		argv[argc++] = (char *)a;
	}
	va_end(ap);
	argv[argc] = NULL;
	assert_non_null(fo);
	assert_non_null(fe);
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fileno(fo), 1);
	dup2(fileno(fe), 2);
	o.rc = ck_check_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	o.out = slurp(fo);
	o.err = slurp(fe);
	return o;
}

static void outcome_free(struct outcome *o)
{
	free(o->out);
	free(o->err);
}

static void has(const char *s, const char *want)
{
	if (!strstr(s, want))
		fail_msg("missing \"%s\" in:\n%s", want, s);
}

/* Captures: all good; a TTL 64 frame; a bad UDP checksum only. */
struct caps {
	char good[128], bad_ttl[128], bad_csum[128], wifi[128], cut[128];
};

static void make_caps(struct caps *k)
{
	struct ckt_frame fr[3];

	ckt_tmp_path(k->good, sizeof(k->good), "main_good", ".pcap");
	ckt_tmp_path(k->bad_ttl, sizeof(k->bad_ttl), "main_ttl", ".pcap");
	ckt_tmp_path(k->bad_csum, sizeof(k->bad_csum), "main_csum", ".pcap");
	ckt_tmp_path(k->wifi, sizeof(k->wifi), "main_wifi", ".pcap");
	ckt_tmp_path(k->cut, sizeof(k->cut), "main_cut", ".pcap");
	ckt_udp4(&fr[0], T0, 0, 255, false);
	ckt_udp6(&fr[1], T0 + SIM_MS(10), 255);
	ckt_arp(&fr[2], T0 + SIM_MS(20));
	ckt_write_pcap(k->good, DLT_EN10MB, true, fr, 3);
	ckt_write_pcap(k->wifi, DLT_IEEE802_11, true, fr, 3);
	ckt_write_pcap(k->cut, DLT_EN10MB, true, fr, 3);
	ckt_cut(k->cut, 5);
	ckt_udp4(&fr[1], T0 + SIM_MS(10), 7, 64, false);
	ckt_write_pcap(k->bad_ttl, DLT_EN10MB, true, fr, 3);
	ckt_udp4(&fr[1], T0 + SIM_MS(10), 0, 255, true);
	ckt_write_pcap(k->bad_csum, DLT_EN10MB, true, fr, 3);
}

static void remove_caps(struct caps *k)
{
	unlink(k->good);
	unlink(k->bad_ttl);
	unlink(k->bad_csum);
	unlink(k->wifi);
	unlink(k->cut);
}

/* ---- tests ---- */

static void test_usage_errors(void **state)
{
	struct caps k;
	struct {
		const char *a[4];
		const char *want;
	} cases[] = {
		{ { NULL }, "failsim check: no capture given\n" },
		{ { "--bogus" }, "unknown option '--bogus'" },
		{ { k.good, "--format", "xml" }, "unknown format 'xml'" },
		{ { k.good, "--format=xml" }, "unknown format 'xml'" },
		{ { k.good, "--rules" }, "--rules needs a value" },
		{ { k.good, "--output=" }, "--output needs a value" },
		{ { k.good, k.bad_ttl }, "one capture at a time" },
		{ { k.good, "--rules", "zzz" },
		  "failsim check: --rules: \"zzz\" matches no rule" },
		{ { k.good, "--interop", "zzz" },
		  "--interop: unknown quirk \"zzz\" (known: "
		  "vrrp3-csum-no-pseudo, csum-offload" },
		{ { "/nonexistent/x.pcap" },
		  "failsim check: /nonexistent/x.pcap: No such file or "
		  "directory\n" },
		{ { k.wifi }, "link type IEEE802_11 (105) is not supported" },
		{ { "--list-rules", "--rules", "nope" }, "\"nope\"" },
	};

	(void)state;
	make_caps(&k);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *const *a = cases[i].a;
		struct outcome o = run(a[0], a[1], a[2], a[3], NULL);

		if (o.rc != 2 || *o.out || !strstr(o.err, cases[i].want))
			fail_msg("case %zu: rc %d, stdout \"%s\", stderr "
				 "\"%s\", want \"%s\"",
				 i, o.rc, o.out, o.err, cases[i].want);
		outcome_free(&o);
	}
	remove_caps(&k);
}

static void test_verdicts(void **state)
{
	struct caps k;
	struct outcome o;

	(void)state;
	make_caps(&k);
	o = run(k.good, NULL);
	assert_int_equal(o.rc, 0);
	has(o.out, "Run: ");
	has(o.out, "  link type: Ethernet (DLT 1)\n  frames: 3\n");
	has(o.out, "Verdict: PASS\n");
	assert_string_equal(o.err, "");
	outcome_free(&o);

	o = run(k.bad_ttl, NULL);
	assert_int_equal(o.rc, 1);
	has(o.out, "FAIL MUST   fake.ttl (RFC 0 1.1): TTL is 255\n");
	has(o.out, "      frame 2, 1712345678.133456 s: TTL 64, expected "
		   "255\n");
	has(o.out, "Verdict: FAIL");
	outcome_free(&o);

	/* The bad checksum fails, unless the offload quirk is named. */
	o = run(k.bad_csum, NULL);
	assert_int_equal(o.rc, 1);
	outcome_free(&o);
	o = run("--interop=csum-offload", k.bad_csum, NULL);
	assert_int_equal(o.rc, 0);
	has(o.out, "NOTE MUST   udp.csum");
	has(o.out, "[note: quirk csum-offload]");
	outcome_free(&o);
	/* Rules left out are not checked. */
	o = run(k.bad_ttl, "--rules", "!fake.ttl", NULL);
	assert_int_equal(o.rc, 0);
	outcome_free(&o);

	/* Cut short: checked up to the cut, said in the report. */
	o = run(k.cut, "-v", NULL);
	assert_int_equal(o.rc, 0);
	has(o.out, "  truncated: after frame 2 (cannot read frame 3: ");
	has(o.out, "pass MUST   fake.ttl");
	outcome_free(&o);
	remove_caps(&k);
}

static void test_formats(void **state)
{
	struct caps k;
	struct outcome o;

	(void)state;
	make_caps(&k);
	o = run(k.bad_ttl, "--format", "json", NULL);
	assert_int_equal(o.rc, 1);
	assert_true(o.out[0] == '{');
	has(o.out, "\"id\": \"fake.ttl\"");
	has(o.out, "\"verdict\": \"fail\"\n}\n");
	outcome_free(&o);
	o = run(k.good, "--format=junit", NULL);
	assert_int_equal(o.rc, 0);
	has(o.out, "<testsuites tests=\"2\" failures=\"0\"");
	has(o.out, "<testcase classname=\"fake\" name=\"fake.ttl (RFC 0 "
		   "1.1)\">");
	outcome_free(&o);
	o = run("--help", NULL);
	assert_int_equal(o.rc, 0);
	has(o.out, "usage: failsim check CAPTURE");
	outcome_free(&o);
	remove_caps(&k);
}

/* Whether dir holds a file whose name starts with prefix. */
static bool dir_has(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	assert_non_null(d);
	while (!found && (e = readdir(d)))
		found = !strncmp(e->d_name, prefix, strlen(prefix));
	closedir(d);
	return found;
}

static void test_output_file(void **state)
{
	struct caps k;
	struct outcome o, ref;
	char out[128], tmpname[160];
	FILE *f;
	char *text;

	(void)state;
	make_caps(&k);
	ckt_tmp_path(out, sizeof(out), "main_report", ".txt");
	ref = run(k.bad_ttl, NULL);
	o = run(k.bad_ttl, "--output", out, NULL);
	assert_int_equal(o.rc, 1);
	assert_string_equal(o.out, "");
	f = fopen(out, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	text = slurp(f);
	assert_string_equal(text, ref.out);
	free(text);
	snprintf(tmpname, sizeof(tmpname), "%s.tmp.", strrchr(out, '/') + 1);
	assert_false(dir_has("/tmp", tmpname));
	outcome_free(&o);
	outcome_free(&ref);

	/* Unreadable input: the old report stays as it was. */
	o = run(k.wifi, "--output", out, NULL);
	assert_int_equal(o.rc, 2);
	outcome_free(&o);
	f = fopen(out, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	text = slurp(f);
	has(text, "fake.ttl");
	free(text);
	unlink(out);

	/* A folder that does not exist: exit 2, the reason said. */
	o = run(k.good, "--output", "/nonexistent/dir/r.txt", NULL);
	assert_int_equal(o.rc, 2);
	has(o.err, "failsim check: ");
	has(o.err, "/nonexistent/dir/r.txt");
	outcome_free(&o);
	remove_caps(&k);
}

static void test_lists(void **state)
{
	struct outcome o;

	(void)state;
	o = run("--list-rules", NULL);
	assert_int_equal(o.rc, 0);
	has(o.out, "fake.ttl                         MUST   RFC 0 1.1       "
		   "TTL is 255\n");
	has(o.out, "udp.csum                         MUST   RFC 768 Fields    "
		   "UDP checksum right\n");
	outcome_free(&o);
	o = run("--list-rules", "--rules=udp", NULL);
	assert_int_equal(o.rc, 0);
	assert_null(strstr(o.out, "fake.ttl"));
	has(o.out, "udp.csum");
	outcome_free(&o);
	o = run("--list-quirks", NULL);
	assert_int_equal(o.rc, 0);
	has(o.out, "csum-offload             captured on the sending host");
	has(o.out, "downgrades: udp.csum tcp.csum ip4.csum\n");
	has(o.out, "bfd-src-port ");
	has(o.out, "pim-register-full-csum ");
	has(o.out, "igmp-no-router-alert ");
	has(o.out, "vrrp3-csum-no-pseudo ");
	outcome_free(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_output_file),
		cmocka_unit_test(test_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
