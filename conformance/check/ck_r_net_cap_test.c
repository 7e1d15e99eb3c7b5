/*
 * The "net" module over the real captures of ../shared/captures/arp_nd and
 * tcp (skipped when absent), read with the checker's own capture reader
 * (ck_cap.h: every link type failsim check reads). For each capture it
 * prints the rules that failed, and checks:
 * - nothing crashes, and the module's counters are consistent;
 * - the frames whose IPv4, UDP or TCP checksum the module flags are
 *   exactly the frames tshark (with checksum validation on) reports as
 *   "bad checksum" in INDEX.tsv's tshark_flags column, where INDEX lists
 *   some, and none where it lists none (both count and the frame list
 *   INDEX shows; frames whose checksum the module cannot verify are
 *   listed in `unverifiable` below with the reason);
 * - a few verdicts verified by hand (see hand_checked[]).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conformance/check/ck_cap.h"
#include "conformance/check/ck_r_net_testutil.h"
#include "sim/trace/trace_read.h"

#define CAPS	    FAILSIM_SHARED_DIR "/captures"
#define INDEX	    CAPS "/INDEX.tsv"
#define COL_TSHARK  7 /* tshark_flags */
#define MAX_BAD	    4096
#define SUMMARY_MAX 1024

struct cap_result {
	uint64_t frames;
	uint64_t bad[MAX_BAD]; /* frames flagged by a checksum rule */
	size_t nbad;
	char summary[SUMMARY_MAX]; /* "id(n) id(n)" of failing rules */
	bool must_failed;
};

static const char *const csum_rules[] = { "ip4.csum", "udp.csum", "tcp.csum" };

static uint64_t csum_failures(const struct ckt_run *r)
{
	uint64_t n = 0;

	for (size_t i = 0; i < 3; i++)
		n += ckt_failed(r, csum_rules[i]);
	return n;
}

/* Run the module over path; false when the reader refuses the file. */
static bool run_capture(const char *path, struct cap_result *res)
{
	char err[256];
	struct ck_cap *cap = ck_cap_open(path, err, sizeof(err));
	struct ck_frame f;
	struct ckt_run r;
	size_t off = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	if (!cap)
		return false;
	ckt_open(&r);
	while ((rc = ck_cap_next(cap, &f, err, sizeof(err))) == 1) {
		uint64_t before = csum_failures(&r);

		ck_proto_net.frame(r.c, r.st, &f);
		res->frames++;
		if (csum_failures(&r) > before && res->nbad < MAX_BAD)
			res->bad[res->nbad++] = f.no;
	}
	ck_cap_close(cap);
	ckt_close(&r);
	for (size_t i = 0; i < ck_nresults(r.c); i++) {
		const struct ck_result *x = ck_result_at(r.c, i);
		int n;

		if (!x->failed)
			continue;
		if (x->rule->level == CK_MUST)
			res->must_failed = true;
		n = snprintf(res->summary + off, SUMMARY_MAX - off,
			     "%s%s(%llu)", off ? " " : "", x->rule->id,
			     (unsigned long long)x->failed);
		if (n > 0 && (size_t)n < SUMMARY_MAX - off)
			off += (size_t)n;
	}
	ckt_free(&r);
	return true;
}

/*
 * tshark's "bad checksum xN (frames a,b,c...)" from the flags column:
 * the count, and the frames it lists (at most 8, then "...").
 */
static size_t tshark_bad(const char *flags, uint64_t *frames, size_t *nlisted)
{
	const char *p = strstr(flags, "bad checksum x");
	size_t count, n = 0;
	char *end;

	*nlisted = 0;
	if (!p)
		return 0;
	count = strtoul(p + strlen("bad checksum x"), &end, 10);
	p = strstr(end, "(frames ");
	if (!p)
		return count;
	p += strlen("(frames ");
	while (n < 8) {
		unsigned long v = strtoul(p, &end, 10);

		if (end == p)
			break;
		frames[n++] = v;
		if (*end != ',')
			break;
		p = end + 1;
	}
	*nlisted = n;
	return count;
}

/* Captures whose checksums the module leaves unjudged, and why. */
static const struct {
	const char *file;
	const char *why;
} unverifiable[] = {
	{ "tcp/bigtcp-ipv4.pcap",
	  "Total Length 0 (a TSO capture): ip4.total-length fails, TCP is "
	  "not reached" },
	{ "tcp/bigtcp-ipv6-hbh.pcap",
	  "RFC 2675 jumbogram: the codec does not read the Jumbo Payload "
	  "option" },
};

static const char *why_unverifiable(const char *file)
{
	for (size_t i = 0; i < sizeof(unverifiable) / sizeof(unverifiable[0]);
	     i++)
		if (strcmp(unverifiable[i].file, file) == 0)
			return unverifiable[i].why;
	return NULL;
}

static void compare_tshark(const char *file, const struct cap_result *res,
			   int *mismatches)
{
	char flags[512] = "";
	uint64_t listed[8];
	size_t nlisted, count;
	bool same;

	if (!trace_index_column(INDEX, file, COL_TSHARK, flags, sizeof(flags)))
		return;
	count = tshark_bad(flags, listed, &nlisted);
	same = count == res->nbad;
	for (size_t i = 0; same && i < nlisted; i++)
		same = listed[i] == res->bad[i];
	if (same)
		return;
	if (why_unverifiable(file)) {
		printf("  %s: tshark %zu bad checksums, net %zu (expected: "
		       "%s)\n",
		       file, count, res->nbad, why_unverifiable(file));
		return;
	}
	printf("  MISMATCH %s: tshark \"%s\", net flags %zu frames:", file,
	       flags, res->nbad);
	for (size_t i = 0; i < res->nbad && i < 12; i++)
		printf(" %llu", (unsigned long long)res->bad[i]);
	printf("\n");
	(*mismatches)++;
}

/* Verdicts checked by hand against the capture's bytes (tshark -V). */
static const struct {
	const char *file;
	const char *rules; /* exactly the rules that fail, as summarised */
} hand_checked[] = {
	{ "tcp/zeek_chksums_ip4-tcp-bad-chksum.pcap", "tcp.csum(1)" },
	{ "tcp/zeek_chksums_ip4-tcp-good-chksum.pcap", "" },
	{ "tcp/zeek_chksums_ip6-tcp-bad-chksum.pcap", "tcp.csum(1)" },
	{ "tcp/zeek_chksums_ip6-route0-tcp-good-chksum.pcap", "" },
	{ "tcp/zeek_chksums_ip6-hoa-tcp-good-chksum.pcap", "" },
	{ "arp_nd/pcpp_ArpRequestPacket.pcap", "" },
	{ "arp_nd/zeek_arp-who-has.pcap", "" },
	{ "tcp/zeek_tcp-http-with-padding.pcap", "tcp.csum(11)" },
	/* ar$hln 255 (frames 1, 2, 5, 6), ar$pln 255 (3, 4). */
	{ "arp_nd/zeek_arp-leak.pcap", "arp.hw-len(4) arp.proto-len(2)" },
	/* The 8 frames tshark calls malformed: RA of 12 and 8 octets, NA
	 * and NS of 20 and 12, Redirect of 24 and 8. */
	{ "arp_nd/zeek_icmp_icmp6-nd-short-options.pcap",
	  "nd.length(4) nd.ra-length(2) nd.redirect-length(2)" },
	/* Data Offset 7 in 20-octet segments, and bad checksums. */
	{ "tcp/pcpp_tcp-malformed.pcap", "tcp.data-offset(2) tcp.csum(2)" },
	/* IPv6 Payload Length 0 without a Jumbo Payload option. */
	{ "tcp/bigtcp-ipv6.pcap", "tcp.data-offset(1)" },
	/* Fuzzed: headers of "0000..." cut at 64 of 262144 octets. */
	{ "tcp/heapoverflow-tcp_print.pcap", "ip4.csum(1)" },
};

static void scan_dir(const char *dir, int *mismatches, size_t *nread)
{
	char path[512], file[300];
	struct dirent *de;
	DIR *d;
	struct cap_result *res = malloc(sizeof(*res));

	assert_non_null(res);
	snprintf(path, sizeof(path), "%s/%s", CAPS, dir);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (!(l > 5 &&
		      (strcmp(de->d_name + l - 5, ".pcap") == 0 ||
		       (l > 7 && strcmp(de->d_name + l - 7, ".pcapng") == 0))))
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, de->d_name);
		snprintf(path, sizeof(path), "%s/%s", CAPS, file);
		if (!run_capture(path, res)) {
			printf("  %-60s (link type not read)\n", file);
			continue;
		}
		(*nread)++;
		printf("  %-60s %4llu frames %s%s\n", file,
		       (unsigned long long)res->frames,
		       res->must_failed ? "FAIL " : "pass ", res->summary);
		for (size_t i = 0;
		     i < sizeof(hand_checked) / sizeof(hand_checked[0]); i++)
			if (strcmp(hand_checked[i].file, file) == 0 &&
			    strcmp(hand_checked[i].rules, res->summary) != 0)
				fail_msg("%s: rules \"%s\", want \"%s\"", file,
					 res->summary, hand_checked[i].rules);
		if (strncmp(dir, "tcp", 3) == 0)
			compare_tshark(file, res, mismatches);
	}
	closedir(d);
	free(res);
}

static void test_net_captures(void **state)
{
	FILE *idx = fopen(INDEX, "r");
	int mismatches = 0;
	size_t nread = 0;

	(void)state;
	if (!idx) {
		printf("  %s absent: skipped\n", INDEX);
		skip();
	}
	fclose(idx);
	scan_dir("arp_nd", &mismatches, &nread);
	scan_dir("tcp", &mismatches, &nread);
	assert_true(nread > 100);
	assert_int_equal(mismatches, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_captures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
