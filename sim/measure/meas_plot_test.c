/*
 * Tests of the gnuplot output (meas_plot.[ch]): the data files and scripts
 * of a small run (exact where short, key lines where long), byte
 * determinism, panel selection (worst flows first, bounded), the
 * no-gnuplot and failing-gnuplot paths, and, when gnuplot is installed,
 * that every PNG is really rendered (skipped otherwise).
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
#include "sim/measure/meas_plot.h"

#define MS SIM_MS
#define US SIM_US

static const char *const plot_files[] = { "timeline.dat", "timeline.gp",
					  "outage.dat",	  "outage.gp",
					  "cdf.dat",	  "cdf.gp" };
static const char *const png_files[] = { "timeline.png", "outage.png",
					 "cdf.png" };

/*
 * nflows receivers of one 1000 pps multicast stream each; receiver i loses
 * 10 * (i + 1) packets after the fault at 200 ms; one unicast flow too.
 */
static struct meas *build_run(int nflows)
{
	struct meas *m = meas_new(NULL);
	int s, u, f[8], hu, i;
	char name[16];
	uint64_t q;

	s = meas_stream_add(m, "mc1", MEAS_MULTICAST, "239.1.1.1", 1000, 0,
			    SIM_TIME_NEVER);
	u = meas_stream_add(m, "web", MEAS_UNICAST, "10.0.0.10", 100, 0,
			    SIM_TIME_NEVER);
	for (i = 0; i < nflows; i++) {
		snprintf(name, sizeof(name), "H%d", i + 1);
		f[i] = meas_flow_add(m, s, name);
	}
	hu = meas_flow_add(m, u, "U1");
	meas_fault(m, MS(200), "link down");
	for (q = 0; q < 400; q++) {
		meas_tx(m, s, q, MS(q));
		for (i = 0; i < nflows; i++)
			if (q < 200 || q >= 200 + 10 * (uint64_t)(i + 1))
				meas_rx(m, f[i], q, MS(q), MS(q) + US(500));
		/* H1 also gets 212 twice */
		if (q == 212 && nflows > 0)
			meas_rx(m, f[0], q, MS(q), MS(q) + US(600));
	}
	for (q = 0; q < 40; q++) {
		meas_tx(m, u, q, MS(10 * q));
		if (q != 21)
			meas_rx(m, hu, q, MS(10 * q), MS(10 * q) + US(500));
	}
	assert_int_equal(meas_finish(m, MS(500)), 0);
	return m;
}

static void make_tmpdir(char *buf, size_t len)
{
	snprintf(buf, len, "%s/meas-plot-XXXXXX", FAILSIM_BINARY_DIR);
	assert_non_null(mkdtemp(buf));
}

/* Remove dir and the plain files in it. */
static void rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		assert_int_equal(unlink(path), 0);
	}
	closedir(d);
	assert_int_equal(rmdir(dir), 0);
}

static int count_matching(const char *dir, const char *needle)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, needle) != NULL;
	closedir(d);
	return n;
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

static void assert_contains(const char *dir, const char *name,
			    const char *needle)
{
	char *s = slurp(dir, name, NULL);

	assert_non_null(s);
	if (strstr(s, needle) == NULL)
		fail_msg("%s lacks '%s'", name, needle);
	free(s);
}

static void assert_lacks(const char *dir, const char *name, const char *needle)
{
	char *s = slurp(dir, name, NULL);

	assert_non_null(s);
	if (strstr(s, needle) != NULL)
		fail_msg("%s has '%s'", name, needle);
	free(s);
}

static void test_scripts(void **state)
{
	static const char want_outage[] =
		"# failsim outage per flow: flow id, receiver/stream, "
		"time-derived (ms), loss-derived (ms)\n"
		"0 H1/mc1 10.000 10.000\n"
		"1 H2/mc1 20.000 20.000\n"
		"2 H3/mc1 30.000 30.000\n"
		"3 U1/web 10.000 10.000\n";
	static const char want_cdf[] =
		"# failsim CDF of the time-derived outage across flows: "
		"outage (ms), fraction of flows\n"
		"# multicast: 3 flows\n"
		"10.000 0.000000\n"
		"10.000 0.333333\n"
		"20.000 0.666666\n"
		"30.000 1.000000\n"
		"34.000 1.000000\n"
		"\n\n"
		"# unicast: 1 flows\n"
		"10.000 0.000000\n"
		"10.000 1.000000\n"
		"34.000 1.000000\n";
	struct meas_plot_opts o = { .no_render = true };
	struct meas *m = build_run(3);
	char dir[512], err[256], *s;
	size_t i;

	(void)state;
	make_tmpdir(dir, sizeof(dir));
	assert_int_equal(meas_plot_write(meas_results(m), "lab", dir, &o, err,
					 sizeof(err)),
			 MEAS_PLOT_SKIPPED);
	for (i = 0; i < sizeof(plot_files) / sizeof(plot_files[0]); i++) {
		s = slurp(dir, plot_files[i], NULL);
		assert_non_null(s);
		free(s);
	}
	assert_int_equal(count_matching(dir, ".png"), 0);
	assert_int_equal(count_matching(dir, ".tmp."), 0);
	s = slurp(dir, "outage.dat", NULL);
	assert_string_equal(s, want_outage);
	free(s);
	s = slurp(dir, "cdf.dat", NULL);
	assert_string_equal(s, want_cdf);
	free(s);
	/* worst first: H3 (30 ms), H2, then H1 and U1 tie at 10 ms: H1 */
	assert_contains(dir, "timeline.gp", "set multiplot layout 4,1");
	assert_contains(dir, "timeline.dat", "# panel 0: flow 2 receiver H3");
	assert_contains(dir, "timeline.dat", "# panel 1: flow 1 receiver H2");
	assert_contains(dir, "timeline.dat", "# panel 2: flow 0 receiver H1");
	assert_contains(dir, "timeline.dat", "# panel 3: flow 3 receiver U1");
	/* both sides of H3's gap, nothing inside it */
	assert_contains(dir, "timeline.dat", "0.199500000 199 0\n");
	assert_contains(dir, "timeline.dat", "0.230500000 230 0\n");
	assert_contains(dir, "timeline.dat", "0.212600000 212 1\n");
	assert_lacks(dir, "timeline.dat", "0.205500000");
	assert_contains(dir, "timeline.gp",
			"set arrow from 0.200000000, graph 0 to 0.200000000, "
			"graph 1 nohead");
	assert_contains(dir, "timeline.gp",
			"set object 1 rect from 0.199500000, graph 0 to "
			"0.230500000, graph 1");
	assert_contains(dir, "timeline.gp", "title 'duplicate'");
	assert_contains(dir, "timeline.gp", "'pngcairo'");
	assert_contains(dir, "outage.gp", ":xtic(2)");
	assert_contains(dir, "cdf.gp", "title 'unicast (1 flow)'");
	rm_dir(dir);
	meas_free(m);
}

/*
 * A receiver that goes silent at 100 ms and leaves at 199.5 ms while the
 * stream goes on to 400 ms: its timeline shades the gap up to the leave,
 * not to the end of the run.
 */
static void test_left_flow(void **state)
{
	struct meas_plot_opts o = { .no_render = true };
	struct meas *m = meas_new(NULL);
	char dir[512], err[256];
	int s, f;
	uint64_t q;

	(void)state;
	s = meas_stream_add(m, "mc1", MEAS_MULTICAST, "239.1.1.1", 1000, 0,
			    SIM_TIME_NEVER);
	f = meas_flow_add(m, s, "H1");
	for (q = 0; q < 400; q++) {
		meas_tx(m, s, q, MS(q));
		if (q < 100)
			meas_rx(m, f, q, MS(q), MS(q) + US(10));
		if (q == 199)
			assert_int_equal(
				meas_flow_leave(m, f, MS(199) + US(500)), 0);
	}
	assert_int_equal(meas_finish(m, MS(500)), 0);
	make_tmpdir(dir, sizeof(dir));
	assert_int_equal(meas_plot_write(meas_results(m), "lab", dir, &o, err,
					 sizeof(err)),
			 MEAS_PLOT_SKIPPED);
	assert_contains(dir, "timeline.gp",
			"set object 1 rect from 0.099010000, graph 0 to "
			"0.199500000, graph 1");
	/* the x range ends one gap length after the leave */
	assert_contains(dir, "timeline.gp", ":0.299990000]");
	rm_dir(dir);
	meas_free(m);
}

static void test_deterministic(void **state)
{
	struct meas_plot_opts o = { .no_render = true };
	struct meas *a = build_run(3), *b = build_run(3);
	char da[512], db[512];
	size_t i, la, lb;

	(void)state;
	make_tmpdir(da, sizeof(da));
	make_tmpdir(db, sizeof(db));
	meas_plot_write(meas_results(a), "lab", da, &o, NULL, 0);
	meas_plot_write(meas_results(b), "lab", db, &o, NULL, 0);
	for (i = 0; i < sizeof(plot_files) / sizeof(plot_files[0]); i++) {
		char *x = slurp(da, plot_files[i], &la);
		char *y = slurp(db, plot_files[i], &lb);

		assert_non_null(x);
		assert_non_null(y);
		assert_int_equal(la, lb);
		assert_memory_equal(x, y, la);
		free(x);
		free(y);
	}
	rm_dir(da);
	rm_dir(db);
	meas_free(a);
	meas_free(b);
}

static void test_panel_bound(void **state)
{
	struct meas_plot_opts o = { .timeline_flows = 2, .no_render = true };
	struct meas *m = build_run(5);
	char dir[512];

	(void)state;
	make_tmpdir(dir, sizeof(dir));
	assert_int_equal(
		meas_plot_write(meas_results(m), "x", dir, &o, NULL, 0),
		MEAS_PLOT_SKIPPED);
	assert_contains(dir, "timeline.gp", "set multiplot layout 2,1");
	assert_contains(dir, "timeline.dat", "# panel 0: flow 4 receiver H5");
	assert_lacks(dir, "timeline.dat", "# panel 2");
	rm_dir(dir);
	meas_free(m);
}

static void test_no_gnuplot(void **state)
{
	struct meas_plot_opts o = { .gnuplot = "/nonexistent/gnuplot" };
	struct meas *m = build_run(1);
	char dir[512], err[256];

	(void)state;
	assert_false(meas_plot_have_gnuplot("/nonexistent/gnuplot"));
	assert_false(meas_plot_have_gnuplot("no-such-program-failsim"));
	make_tmpdir(dir, sizeof(dir));
	assert_int_equal(meas_plot_write(meas_results(m), "x", dir, &o, err,
					 sizeof(err)),
			 MEAS_PLOT_SKIPPED);
	assert_non_null(strstr(err, "gnuplot not found"));
	assert_int_equal(count_matching(dir, ".png"), 0);
	assert_int_equal(count_matching(dir, ".gp"), 3);
	rm_dir(dir);
	meas_free(m);
}

/* A "gnuplot" that fails: an error, and no PNG or temporary file. */
static void test_gnuplot_fails(void **state)
{
	struct meas_plot_opts o = { .gnuplot = "false" };
	struct meas *m = build_run(1);
	char dir[512], err[256];

	(void)state;
	if (!meas_plot_have_gnuplot("false"))
		skip();
	make_tmpdir(dir, sizeof(dir));
	assert_int_equal(meas_plot_write(meas_results(m), "x", dir, &o, err,
					 sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "gnuplot failed"));
	assert_int_equal(count_matching(dir, ".png"), 0);
	rm_dir(dir);
	meas_free(m);
}

static void check_pngs(const char *dir)
{
	static const unsigned char sig[8] = { 0x89, 'P',  'N',	'G',
					      '\r', '\n', 0x1a, '\n' };
	size_t i, len;

	for (i = 0; i < sizeof(png_files) / sizeof(png_files[0]); i++) {
		char *p = slurp(dir, png_files[i], &len);

		if (p == NULL)
			fail_msg("%s/%s missing", dir, png_files[i]);
		assert_true(len > 1000);
		assert_memory_equal(p, sig, sizeof(sig));
		free(p);
	}
	assert_int_equal(count_matching(dir, ".tmp."), 0);
}

static void test_render(void **state)
{
	struct meas *m = build_run(3);
	char dir[512], err[256];
	int rc;

	(void)state;
	if (!meas_plot_have_gnuplot(NULL))
		skip();
	make_tmpdir(dir, sizeof(dir));
	rc = meas_plot_write(meas_results(m), "lab 'quoted'", dir, NULL, err,
			     sizeof(err));
	if (rc != MEAS_PLOT_OK)
		fail_msg("plot: %s", err);
	check_pngs(dir);
	rm_dir(dir);
	meas_free(m);
}

/* No flows at all: the scripts still render. */
static void test_render_empty(void **state)
{
	struct meas *m = meas_new(NULL);
	char dir[512], err[256];
	int rc;

	(void)state;
	assert_int_equal(meas_finish(m, 0), 0);
	make_tmpdir(dir, sizeof(dir));
	rc = meas_plot_write(meas_results(m), "empty", dir, NULL, err,
			     sizeof(err));
	if (!meas_plot_have_gnuplot(NULL)) {
		assert_int_equal(rc, MEAS_PLOT_SKIPPED);
		rm_dir(dir);
		meas_free(m);
		skip();
	}
	if (rc != MEAS_PLOT_OK)
		fail_msg("plot: %s", err);
	check_pngs(dir);
	rm_dir(dir);
	meas_free(m);
}

static void test_bad_args(void **state)
{
	struct meas *m = build_run(1);
	char err[256];

	(void)state;
	assert_int_equal(
		meas_plot_write(NULL, "x", "/tmp", NULL, err, sizeof(err)), -1);
	assert_int_equal(meas_plot_write(meas_results(m), "x",
					 "/nonexistent/failsim/dir", NULL, err,
					 sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "/nonexistent/failsim/dir"));
	meas_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_left_flow),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_panel_bound),
		cmocka_unit_test(test_no_gnuplot),
		cmocka_unit_test(test_gnuplot_fails),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_render_empty),
		cmocka_unit_test(test_bad_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
