/*
 * Tests for the pcap writer: nanosecond timestamps and bytes read back
 * through libpcap, atomic rename (no temporary file left), abort and write
 * errors leave nothing (and never clobber an existing capture), identical
 * input gives identical files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/trace/trace_pcap.h"

struct fixture {
	char dir[512];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	snprintf(fx->dir, sizeof(fx->dir), "%s/trace_pcap_XXXXXX",
		 FAILSIM_BINARY_DIR);
	if (!mkdtemp(fx->dir))
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	DIR *d = opendir(fx->dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char p[1024];

		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", fx->dir, de->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Number of directory entries (besides . and ..). */
static int dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void make_frame(uint8_t *f, size_t len, uint8_t seed)
{
	for (size_t i = 0; i < len; i++)
		f[i] = (uint8_t)(seed + i);
}

static const sim_time_t times[] = { 0, SIM_S(1) + 1, SIM_MS(12500) + 999,
				    SIM_S(86400) };
static const size_t lens[] = { 60, 1514, 64, 1 };

static void write_sample(const char *path)
{
	char err[256];
	struct trace_pcap *tp = trace_pcap_open(path, err, sizeof(err));
	uint8_t f[1600];

	assert_non_null(tp);
	assert_string_equal(trace_pcap_path(tp), path);
	for (size_t i = 0; i < 4; i++) {
		make_frame(f, lens[i], (uint8_t)i);
		assert_int_equal(trace_pcap_write(tp, times[i], f, lens[i]), 0);
	}
	assert_int_equal(trace_pcap_frames(tp), 4);
	assert_int_equal(trace_pcap_close(tp), 0);
}

static void test_roundtrip(void **state)
{
	struct fixture *fx = *state;
	char path[600], err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	uint8_t f[1600], magic[4];
	pcap_t *p;
	FILE *raw;

	snprintf(path, sizeof(path), "%s/a.pcap", fx->dir);
	write_sample(path);
	assert_int_equal(dir_entries(fx->dir), 1); /* no temporary left */

	raw = fopen(path, "rb");
	assert_non_null(raw);
	assert_int_equal(fread(magic, 1, 4, raw), 4);
	fclose(raw);
	/* Nanosecond pcap magic 0xa1b23c4d in host order. */
	assert_true((magic[0] == 0x4d && magic[3] == 0xa1) ||
		    (magic[0] == 0xa1 && magic[3] == 0x4d));

	p = pcap_open_offline_with_tstamp_precision(
		path, PCAP_TSTAMP_PRECISION_NANO, err);
	assert_non_null(p);
	assert_int_equal(pcap_datalink(p), DLT_EN10MB);
	for (size_t i = 0; i < 4; i++) {
		sim_time_t t;

		assert_int_equal(pcap_next_ex(p, &h, &data), 1);
		t = SIM_S(h->ts.tv_sec) + h->ts.tv_usec;
		assert_true(t == times[i]);
		assert_int_equal(h->caplen, lens[i]);
		assert_int_equal(h->len, lens[i]);
		make_frame(f, lens[i], (uint8_t)i);
		assert_memory_equal(data, f, lens[i]);
	}
	assert_int_equal(pcap_next_ex(p, &h, &data), PCAP_ERROR_BREAK);
	pcap_close(p);
}

static void test_deterministic(void **state)
{
	struct fixture *fx = *state;
	char a[600], b[600], cmd[1300];

	snprintf(a, sizeof(a), "%s/a.pcap", fx->dir);
	snprintf(b, sizeof(b), "%s/b.pcap", fx->dir);
	write_sample(a);
	write_sample(b);
	snprintf(cmd, sizeof(cmd), "cmp -s '%s' '%s'", a, b);
	assert_int_equal(system(cmd), 0);
}

static void test_abort(void **state)
{
	struct fixture *fx = *state;
	char path[600], err[256];
	struct trace_pcap *tp;
	uint8_t f[60] = { 0 };

	snprintf(path, sizeof(path), "%s/x.pcap", fx->dir);
	tp = trace_pcap_open(path, err, sizeof(err));
	assert_non_null(tp);
	assert_int_equal(trace_pcap_write(tp, 5, f, sizeof(f)), 0);
	assert_int_equal(dir_entries(fx->dir), 1); /* the temporary file */
	assert_int_not_equal(access(path, F_OK), 0);
	trace_pcap_abort(tp);
	assert_int_equal(dir_entries(fx->dir), 0);
}

static void test_errors(void **state)
{
	struct fixture *fx = *state;
	char path[600], err[1024];
	struct trace_pcap *tp;
	uint8_t f[TRACE_PCAP_SNAPLEN + 1] = { 0 };
	struct stat st, st2;

	/* A folder that does not exist. */
	snprintf(path, sizeof(path), "%s/missing/x.pcap", fx->dir);
	err[0] = '\0';
	assert_null(trace_pcap_open(path, err, sizeof(err)));
	assert_non_null(strstr(err, "missing"));

	/* Bad frames are rejected, stick, and fail the close. */
	snprintf(path, sizeof(path), "%s/a.pcap", fx->dir);
	write_sample(path);
	assert_int_equal(stat(path, &st), 0);
	tp = trace_pcap_open(path, err, sizeof(err));
	assert_non_null(tp);
	assert_int_equal(trace_pcap_write(tp, -1, f, 60), -1);
	assert_int_equal(trace_pcap_write(tp, 0, f, 60), -1); /* sticky */
	assert_int_equal(trace_pcap_frames(tp), 0);
	err[0] = '\0';
	assert_int_equal(trace_pcap_finish(tp, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "a.pcap"));
	/* The earlier capture is untouched and nothing else is left. */
	assert_int_equal(stat(path, &st2), 0);
	assert_int_equal(st.st_size, st2.st_size);
	assert_int_equal(dir_entries(fx->dir), 1);

	tp = trace_pcap_open(path, err, sizeof(err));
	assert_int_equal(trace_pcap_write(tp, 0, f, 0), -1);
	assert_int_equal(trace_pcap_close(tp), -1);
	tp = trace_pcap_open(path, err, sizeof(err));
	assert_int_equal(trace_pcap_write(tp, 0, f, sizeof(f)), -1);
	assert_int_equal(trace_pcap_close(tp), -1);
	assert_int_equal(dir_entries(fx->dir), 1);

	/* An empty capture is valid: header only. */
	snprintf(path, sizeof(path), "%s/empty.pcap", fx->dir);
	tp = trace_pcap_open(path, err, sizeof(err));
	assert_int_equal(trace_pcap_close(tp), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 24);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_deterministic, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
