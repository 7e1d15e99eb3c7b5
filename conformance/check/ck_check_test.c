/*
 * Tests of the `failsim check` driver (ck_check.c) and the quirk table
 * (ck_quirk.c) with fake rule modules: every frame reaches every module in
 * order, the facts of the capture, --rules selection, --interop turning
 * failures into notes, a module that cannot start, truncated, empty,
 * missing, unreadable and unsupported captures. Also runs the driver over
 * every capture in ../shared/captures (skipped when absent): each is read
 * to its end (unsupported link types excepted) with the frame count
 * INDEX.tsv records, and no dissection points outside its frame.
 */
#include <errno.h>
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
#include "sim/trace/trace_read.h"

#define T0 ((sim_time_t)1712345678123456789)

/* ---- a fake rule module ---- */

static const struct ck_rule fake_rules[] = {
	{ "fake.ttl", CK_MUST, "RFC 0", "1", "The TTL MUST be 255.",
	  "TTL is 255" },
	{ "fake.order", CK_MUST, "RFC 0", "2", "Frames MUST come in order.",
	  "frames in order" },
	{ "fake.seen", CK_SHOULD, "RFC 0", "3", "A capture SHOULD hold IP.",
	  "IP seen" },
	{ "udp.csum", CK_MUST, "RFC 768", "Fields", "Checksum is the ...",
	  "UDP checksum" },
};

struct fake_st {
	uint64_t frames, ip;
};

static void *fake_open(struct ck_ctx *c, int *err)
{
	struct fake_st *st = calloc(1, sizeof(*st));

	(void)c;
	if (!st)
		*err = ENOMEM;
	return st;
}

static void fake_frame(struct ck_ctx *c, void *arg, const struct ck_frame *f)
{
	struct fake_st *st = arg;

	ck_expect(c, &fake_rules[1], f->no == st->frames + 1, f->no, f->t,
		  "frame %llu after %llu", (unsigned long long)f->no,
		  (unsigned long long)st->frames);
	st->frames = f->no;
	if (f->pi.af == NET_AF_NONE)
		return;
	st->ip++;
	ck_expect(c, &fake_rules[0], f->pi.ttl == 255, f->no, f->t,
		  "TTL %u, expected 255", f->pi.ttl);
	if (net_pkt_has(&f->pi, NET_LAYER_UDP) ||
	    f->pi.err == NET_E_UDP_BAD_CHECKSUM)
		ck_expect(c, &fake_rules[3],
			  f->pi.err != NET_E_UDP_BAD_CHECKSUM, f->no, f->t,
			  "bad UDP checksum");
}

static void fake_close(struct ck_ctx *c, void *arg)
{
	struct fake_st *st = arg;

	ck_expect(c, &fake_rules[2], st->ip > 0, 0, -1, "no IP frame in %llu",
		  (unsigned long long)st->frames);
	ck_count(c, "fake closed", 1);
	free(st);
}

static const struct ck_proto fake = {
	.name = "fake",
	.rules = fake_rules,
	.nrules = sizeof(fake_rules) / sizeof(fake_rules[0]),
	.open = fake_open,
	.frame = fake_frame,
	.close = fake_close,
};

/* A module that keeps no state and only counts its calls. */
static const struct ck_rule bare_rules[] = {
	{ "bare.any", CK_SHOULD, "RFC 0", "4", "q", "t" },
};

static void bare_frame(struct ck_ctx *c, void *st, const struct ck_frame *f)
{
	assert_null(st);
	(void)f;
	ck_count(c, "bare frames", 1);
}

static const struct ck_proto bare = {
	.name = "bare",
	.rules = bare_rules,
	.nrules = 1,
	.frame = bare_frame,
};

static void *broken_open(struct ck_ctx *c, int *err)
{
	(void)c;
	*err = ENOMEM;
	return NULL;
}

static const struct ck_proto broken = {
	.name = "broken",
	.rules = bare_rules,
	.nrules = 0,
	.open = broken_open,
};

static const struct ck_proto *const just_fake[] = { &fake, NULL };
static const struct ck_proto *const fake_bare[] = { &fake, &bare, NULL };
static const struct ck_proto *const fake_broken[] = { &fake, &broken, NULL };
static const struct ck_proto *const fake_twice[] = { &fake, &fake, NULL };

/* ---- helpers ---- */

static uint64_t count_of(const struct ck_ctx *c, const char *what)
{
	for (size_t i = 0; i < ck_ncounts(c); i++) {
		const char *w;
		uint64_t n;

		ck_count_at(c, i, &w, &n);
		if (!strcmp(w, what))
			return n;
	}
	return UINT64_MAX;
}

static const char *fact_of(const struct ck_ctx *c, const char *key)
{
	for (size_t i = 0; i < ck_nfacts(c); i++) {
		const char *k, *v;

		ck_fact_at(c, i, &k, &v);
		if (!strcmp(k, key))
			return v;
	}
	return NULL;
}

static struct ck_ctx *run_ok(const char *path,
			     const struct ck_proto *const *protos,
			     const char *rules, const char *interop)
{
	struct ck_check_opts o = { path, rules, interop, protos };
	struct ck_ctx *c = NULL;
	char err[512];
	int rc = ck_check_run(&o, &c, err, sizeof(err));

	if (rc != 0)
		fail_msg("check %s: %d %s", path, rc, err);
	assert_non_null(c);
	return c;
}

static void run_fails(const char *path, const struct ck_proto *const *protos,
		      const char *rules, const char *interop, const char *want)
{
	struct ck_check_opts o = { path, rules, interop, protos };
	struct ck_ctx *c = (struct ck_ctx *)&o; /* must be reset to NULL */
	char err[512] = "";

	assert_int_equal(ck_check_run(&o, &c, err, sizeof(err)), 2);
	assert_null(c);
	if (!strstr(err, want))
		fail_msg("error \"%s\", want \"%s\"", err, want);
}

/* Three frames: TTL 255 UDP, TTL 64 UDP with a bad checksum, ARP. */
static void write_sample(const char *path)
{
	struct ckt_frame fr[3];

	ckt_udp4(&fr[0], T0, 0, 255, false);
	ckt_udp4(&fr[1], T0 + SIM_MS(1500), 0, 64, true);
	ckt_arp(&fr[2], T0 + SIM_S(3));
	ckt_write_pcap(path, DLT_EN10MB, true, fr, 3);
}

/* ---- tests ---- */

static void test_run(void **state)
{
	struct ck_ctx *c;
	const struct ck_result *r;
	char path[128];

	(void)state;
	ckt_tmp_path(path, sizeof(path), "run", ".pcap");
	write_sample(path);
	c = run_ok(path, fake_bare, NULL, NULL);
	assert_string_equal(ck_ctx_name(c), path);
	assert_int_equal(count_of(c, "frames"), 3);
	assert_int_equal(count_of(c, "bare frames"), 3);
	assert_int_equal(count_of(c, "fake closed"), 1);
	assert_string_equal(fact_of(c, "file"), path);
	assert_string_equal(fact_of(c, "link type"), "Ethernet (DLT 1)");
	assert_string_equal(fact_of(c, "frames"), "3");
	assert_string_equal(fact_of(c, "first frame"),
			    "2024-04-05T19:34:38.123456789Z");
	assert_string_equal(fact_of(c, "last frame"),
			    "2024-04-05T19:34:41.123456789Z");
	assert_null(fact_of(c, "truncated"));
	r = ck_result(c, "fake.ttl");
	assert_int_equal(r->checked, 2);
	assert_int_equal(r->failed, 1);
	assert_int_equal(r->kept[0].frame, 2);
	assert_int_equal(r->kept[0].t, T0 + SIM_MS(1500));
	assert_string_equal(r->kept[0].detail, "TTL 64, expected 255");
	assert_int_equal(ck_result(c, "fake.order")->checked, 3);
	assert_int_equal(ck_result(c, "fake.order")->failed, 0);
	assert_int_equal(ck_result(c, "fake.seen")->checked, 1);
	assert_int_equal(ck_result(c, "udp.csum")->failed, 1);
	assert_int_equal(ck_result(c, "bare.any")->checked, 0);
	assert_int_equal(ck_exit_status(c), 1);
	ck_ctx_free(c);
	unlink(path);
}

static void test_rules_and_interop(void **state)
{
	struct ck_ctx *c;
	const struct ck_result *r;
	char path[128];

	(void)state;
	ckt_tmp_path(path, sizeof(path), "sel", ".pcap");
	write_sample(path);
	/* Only the checksum rule, downgraded by the offload quirk. */
	c = run_ok(path, just_fake, "udp", "csum-offload");
	assert_false(ck_enabled(c, &fake_rules[0]));
	assert_int_equal(ck_result(c, "fake.ttl")->checked, 0);
	r = ck_result(c, "udp.csum");
	assert_int_equal(r->failed, 0);
	assert_int_equal(r->noted, 1);
	assert_string_equal(r->kept[0].quirk, "csum-offload");
	assert_string_equal(ck_ctx_quirk_list(c), "csum-offload");
	assert_int_equal(ck_exit_status(c), 0);
	ck_ctx_free(c);
	/* Everything but the TTL rule: the bad checksum still fails. */
	c = run_ok(path, just_fake, "!fake.ttl",
		   "bfd-src-port,igmp-no-router-alert");
	assert_int_equal(ck_result(c, "udp.csum")->failed, 1);
	assert_int_equal(ck_result(c, "fake.ttl")->failed, 0);
	assert_int_equal(ck_exit_status(c), 1);
	ck_ctx_free(c);
	run_fails(path, just_fake, "nope", NULL, "\"nope\" matches no rule");
	run_fails(path, just_fake, NULL, "nope", "unknown quirk \"nope\"");
	run_fails(path, fake_twice, NULL, NULL,
		  "module fake: rule fake.ttl registered twice");
	unlink(path);
}

static void test_module_cannot_start(void **state)
{
	char path[128];

	(void)state;
	ckt_tmp_path(path, sizeof(path), "broken", ".pcap");
	write_sample(path);
	/* fake was opened first and is closed again (ASan: no leak). */
	run_fails(path, fake_broken, NULL, NULL,
		  "module broken cannot start: Cannot allocate memory");
	unlink(path);
}

static void test_truncated_and_empty(void **state)
{
	struct ckt_frame fr[3];
	struct ck_ctx *c;
	char path[128];
	const char *t;

	(void)state;
	for (int i = 0; i < 3; i++)
		ckt_udp4(&fr[i], T0 + SIM_S(i), 0, 255, false);
	ckt_tmp_path(path, sizeof(path), "cut", ".pcap");
	ckt_write_pcap(path, DLT_EN10MB, true, fr, 3);
	ckt_cut(path, 7);
	c = run_ok(path, just_fake, NULL, NULL);
	assert_int_equal(count_of(c, "frames"), 2);
	assert_string_equal(fact_of(c, "frames"), "2");
	t = fact_of(c, "truncated");
	assert_non_null(t);
	if (strncmp(t, "after frame 2 (cannot read frame 3: ", 36) != 0)
		fail_msg("truncated fact: %s", t);
	assert_string_equal(fact_of(c, "last frame"),
			    "2024-04-05T19:34:39.123456789Z");
	assert_int_equal(count_of(c, "fake closed"), 1);
	assert_int_equal(ck_exit_status(c), 0);
	ck_ctx_free(c);

	/* No frames at all: read to its end; the SHOULD rule notes it. */
	ckt_write_pcap(path, DLT_EN10MB, true, fr, 0);
	c = run_ok(path, just_fake, NULL, NULL);
	assert_int_equal(count_of(c, "frames"), 0);
	assert_string_equal(fact_of(c, "frames"), "0");
	assert_null(fact_of(c, "first frame"));
	assert_int_equal(ck_result(c, "fake.seen")->failed, 1);
	assert_int_equal(ck_exit_status(c), 0);
	ck_ctx_free(c);
	unlink(path);
}

static void test_unreadable(void **state)
{
	struct ckt_frame fr;
	struct ck_check_opts o = { NULL, NULL, NULL, just_fake };
	struct ck_ctx *c;
	char path[128], err[256];

	(void)state;
	ckt_tmp_path(path, sizeof(path), "nofile", ".pcap");
	run_fails(path, just_fake, NULL, NULL, "No such file or directory");
	ckt_write_bytes(path, "GIF89a not a capture", 20);
	run_fails(path, just_fake, NULL, NULL, path);
	ckt_udp4(&fr, T0, 0, 1, false);
	ckt_write_pcap(path, DLT_IEEE802_11, true, &fr, 1);
	run_fails(path, just_fake, NULL, NULL,
		  "link type IEEE802_11 (105) is not supported");
	unlink(path);
	assert_int_equal(ck_check_run(&o, &c, err, sizeof(err)), 2);
	assert_null(c);
}

static void test_quirk_table(void **state)
{
	static const struct {
		const char *name, *rule;
	} want[] = {
		{ "vrrp3-csum-no-pseudo", "vrrp.csum.v3-no-pseudo" },
		{ "csum-offload", "udp.csum" },
		{ "csum-offload", "tcp.csum" },
		{ "csum-offload", "ip4.csum" },
		{ "igmp-no-router-alert", "igmp.router-alert" },
		{ "igmp-no-router-alert", "mld.router-alert" },
		{ "pim-register-full-csum", "pim.register.csum-header" },
		{ "bfd-src-port", "bfd.src-port" },
		{ "vrrp-bfd-takeover", "vrrp.takeover" },
		{ "querier-follows-vrrp", "igmp.querier-election" },
		{ "querier-follows-vrrp", "mld.querier-election" },
	};

	(void)state;
	assert_int_equal(ck_check_nquirks, 7);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		bool found = false;

		for (size_t q = 0; q < ck_check_nquirks; q++) {
			const struct ck_quirk *k = &ck_check_quirks[q];

			if (strcmp(k->name, want[i].name) != 0)
				continue;
			assert_true(strlen(k->what) > 10);
			for (const char *const *r = k->rules; *r; r++)
				found |= !strcmp(*r, want[i].rule);
		}
		if (!found)
			fail_msg("quirk %s lacks %s", want[i].name,
				 want[i].rule);
	}
}

/* ---- the shared captures ---- */

struct sweep_st {
	uint64_t frames, bytes;
};

static void *sweep_open(struct ck_ctx *c, int *err)
{
	struct sweep_st *st = calloc(1, sizeof(*st));

	(void)c;
	if (!st)
		*err = ENOMEM;
	return st;
}

/* Touch every byte and check the dissection stays inside the frame. */
static void sweep_frame(struct ck_ctx *c, void *arg, const struct ck_frame *f)
{
	struct sweep_st *st = arg;
	const struct net_pkt_info *pi = &f->pi;
	const uint8_t *end = f->data + f->caplen;

	(void)c;
	for (size_t i = 0; i < f->caplen; i++)
		st->bytes += f->data[i];
	st->frames++;
	if (pi->payload_len &&
	    (pi->payload < f->data || pi->payload + pi->payload_len > end))
		fail_msg("frame %llu: payload outside the frame",
			 (unsigned long long)f->no);
	if (pi->l4_len && (pi->l4 < f->data || pi->l4 + pi->l4_len > end))
		fail_msg("frame %llu: l4 outside the frame",
			 (unsigned long long)f->no);
}

static void sweep_close(struct ck_ctx *c, void *arg)
{
	struct sweep_st *st = arg;

	ck_count(c, "sweep frames", st->frames);
	free(st);
}

static const struct ck_proto sweep = {
	.name = "sweep",
	.open = sweep_open,
	.frame = sweep_frame,
	.close = sweep_close,
};

static const struct ck_proto *const just_sweep[] = { &sweep, NULL };

static void sweep_one(const char *dir, const char *index, const char *file,
		      size_t *read, size_t *unsupported)
{
	struct ck_check_opts o = { NULL, NULL, NULL, just_sweep };
	char path[1024], want[64], err[512];
	struct ck_ctx *c = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	o.path = path;
	rc = ck_check_run(&o, &c, err, sizeof(err));
	if (rc == 2 && strstr(err, "is not supported")) {
		printf("  %s: %s\n", file, strstr(err, "link type"));
		(*unsupported)++;
		return;
	}
	if (rc != 0)
		fail_msg("%s: %d %s", file, rc, err);
	if (!trace_index_column(index, file, 4, want, sizeof(want)))
		fail_msg("%s: not in INDEX.tsv", file);
	if (count_of(c, "frames") != strtoull(want, NULL, 10) ||
	    count_of(c, "sweep frames") != count_of(c, "frames"))
		fail_msg("%s: %llu frames, INDEX.tsv says %s (%s)", file,
			 (unsigned long long)count_of(c, "frames"), want,
			 fact_of(c, "truncated") ? fact_of(c, "truncated")
						 : "not truncated");
	if (fact_of(c, "truncated"))
		printf("  %s: truncated %s\n", file, fact_of(c, "truncated"));
	(*read)++;
	ck_ctx_free(c);
}

static void test_shared_captures(void **state)
{
	const char *dir = FAILSIM_SHARED_DIR "/captures";
	char index[1024];
	char *line = NULL;
	size_t cap = 0, read = 0, unsupported = 0;
	FILE *f;

	(void)state;
	snprintf(index, sizeof(index), "%s/INDEX.tsv", dir);
	f = fopen(index, "r");
	if (!f) {
		printf("(no %s: skipped)\n", index);
		skip();
	}
	while (getline(&line, &cap, f) > 0) {
		size_t n = strcspn(line, "\t\n");

		if (!n || !strncmp(line, "file\t", 5))
			continue;
		line[n] = '\0';
		sweep_one(dir, index, line, &read, &unsupported);
	}
	free(line);
	fclose(f);
	printf("  %zu captures read, %zu of unsupported link types\n", read,
	       unsupported);
	assert_true(read > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_rules_and_interop),
		cmocka_unit_test(test_module_cannot_start),
		cmocka_unit_test(test_truncated_and_empty),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_quirk_table),
		cmocka_unit_test(test_shared_captures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
