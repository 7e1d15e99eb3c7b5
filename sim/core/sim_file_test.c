/*
 * Tests of atomic output files and sim_mkdir_p (sim_file.c): commit
 * replaces the final file and leaves no temporary behind, abort and failed
 * commits leave an existing final file untouched, and errors come back as
 * -1 with errno and a message naming the path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <dirent.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "sim/core/sim_file.h"

struct tdir {
	char path[256];
};

/* A fresh scratch folder under the build tree, removed by teardown. */
static int tdir_setup(void **state)
{
	static struct tdir d;

	snprintf(d.path, sizeof(d.path), "%s/sim_file_test.XXXXXX",
		 FAILSIM_BINARY_DIR);
	if (mkdtemp(d.path) == NULL)
		return -1;
	*state = &d;
	return 0;
}

static void rm_rf(const char *path)
{
	struct stat st;
	struct dirent *de;
	char sub[1024];
	DIR *dir;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		dir = opendir(path);
		while (dir != NULL && (de = readdir(dir)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			rm_rf(sub);
		}
		if (dir != NULL)
			closedir(dir);
		chmod(path, 0700);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static int tdir_teardown(void **state)
{
	struct tdir *d = *state;

	rm_rf(d->path);
	return 0;
}

/* Number of entries in dir other than . and .. */
static int entries(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	int n = 0;

	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL)
		n += strcmp(de->d_name, ".") != 0 &&
		     strcmp(de->d_name, "..") != 0;
	closedir(dir);
	return n;
}

static void expect_content(const char *path, const char *want)
{
	char buf[256] = { 0 };
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	assert_int_equal(n, strlen(want));
	assert_string_equal(buf, want);
}

static void test_commit(void **state)
{
	struct tdir *d = *state;
	struct sim_file sf;
	char path[512];

	snprintf(path, sizeof(path), "%s/report.txt", d->path);
	assert_int_equal(sim_file_open(&sf, path), 0);
	assert_non_null(sf.f);
	assert_int_equal(access(path, F_OK), -1); /* not there yet */
	assert_int_equal(access(sf.tmp, F_OK), 0);
	fprintf(sf.f, "hello\n");
	assert_int_equal(sim_file_commit(&sf), 0);
	assert_null(sf.f);
	expect_content(path, "hello\n");
	assert_int_equal(entries(d->path), 1); /* temp file gone */
	/* A second commit replaces it; with fsync this time. */
	assert_int_equal(sim_file_open(&sf, path), 0);
	sf.sync = true;
	fprintf(sf.f, "second\n");
	assert_int_equal(sim_file_commit(&sf), 0);
	expect_content(path, "second\n");
	assert_int_equal(entries(d->path), 1);
	/* Committing again without an open file is an error. */
	assert_int_equal(sim_file_commit(&sf), -1);
	assert_int_equal(errno, EBADF);
	assert_non_null(strstr(sf.err, "report.txt"));
}

static void test_abort(void **state)
{
	struct tdir *d = *state;
	struct sim_file sf;
	char path[512];

	snprintf(path, sizeof(path), "%s/events.jsonl", d->path);
	assert_int_equal(sim_file_open(&sf, path), 0);
	fprintf(sf.f, "old\n");
	assert_int_equal(sim_file_commit(&sf), 0);
	assert_int_equal(sim_file_open(&sf, path), 0);
	fprintf(sf.f, "half a fi");
	sim_file_abort(&sf);
	assert_null(sf.f);
	expect_content(path, "old\n"); /* untouched */
	assert_int_equal(entries(d->path), 1);
	sim_file_abort(&sf); /* twice: no-op */
	/* Abort of a file never committed leaves nothing at all. */
	snprintf(path, sizeof(path), "%s/never", d->path);
	assert_int_equal(sim_file_open(&sf, path), 0);
	sim_file_abort(&sf);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(entries(d->path), 1);
}

static int write_ok(void *arg, FILE *f)
{
	fputs(arg, f);
	return 0;
}

static int write_fails(void *arg, FILE *f)
{
	fputs(arg, f);
	errno = ENOSPC;
	return -1;
}

/* sim_file_write: whole file or nothing, with the writer's errno. */
static void test_write(void **state)
{
	struct tdir *d = *state;
	char path[600], err[1024], longdir[SIM_FILE_PATH_MAX + 8];

	snprintf(path, sizeof(path), "%s/report.txt", d->path);
	assert_int_equal(sim_file_write(d->path, "report.txt", write_ok,
					"first\n", err, sizeof(err)),
			 0);
	expect_content(path, "first\n");
	assert_int_equal(sim_file_write(d->path, "report.txt", write_fails,
					"half", err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "No space left on device"));
	expect_content(path, "first\n"); /* the old file is kept */
	assert_int_equal(entries(d->path), 1);
	memset(longdir, 'x', sizeof(longdir) - 1);
	longdir[sizeof(longdir) - 1] = '\0';
	assert_int_equal(
		sim_file_write(longdir, "a", write_ok, "", err, sizeof(err)),
		-1);
	assert_non_null(strstr(err, "output path too long"));
}

static void test_commit_failures(void **state)
{
	struct tdir *d = *state;
	struct sim_file sf;
	char path[600], sub[512];

	/* The final path is a folder: rename fails, temp removed. */
	snprintf(sub, sizeof(sub), "%s/isdir", d->path);
	assert_int_equal(mkdir(sub, 0777), 0);
	snprintf(path, sizeof(path), "%s/x", sub);
	assert_int_equal(mkdir(path, 0777), 0);
	assert_int_equal(sim_file_open(&sf, sub), 0);
	fprintf(sf.f, "data");
	assert_int_equal(sim_file_commit(&sf), -1);
	assert_non_null(strstr(sf.err, "cannot rename"));
	assert_non_null(strstr(sf.err, "isdir"));
	assert_int_equal(access(sf.tmp, F_OK), -1);
	assert_int_equal(entries(d->path), 1);
	/* A write error (device full) is caught at commit. */
	if (access("/dev/full", W_OK) == 0) {
		struct sim_file full = { 0 };

		full.f = fopen("/dev/full", "w");
		assert_non_null(full.f);
		snprintf(full.path, sizeof(full.path), "%s/full", d->path);
		snprintf(full.tmp, sizeof(full.tmp), "%s/full.tmp", d->path);
		fprintf(full.f, "data");
		assert_int_equal(sim_file_commit(&full), -1);
		assert_int_equal(errno, ENOSPC);
		assert_non_null(strstr(full.err, "cannot write"));
		assert_int_equal(access(full.path, F_OK), -1);
	}
}

static void test_open_failures(void **state)
{
	struct tdir *d = *state;
	struct sim_file sf;
	char path[512], *longp;

	snprintf(path, sizeof(path), "%s/missing/report.txt", d->path);
	assert_int_equal(sim_file_open(&sf, path), -1);
	assert_int_equal(errno, ENOENT);
	assert_null(sf.f);
	assert_non_null(strstr(sf.err, "missing/report.txt.tmp."));
	assert_non_null(strstr(sf.err, strerror(ENOENT)));
	sim_file_abort(&sf); /* after a failed open: no-op */
	assert_int_equal(sim_file_open(&sf, ""), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(sim_file_open(&sf, NULL), -1);
	longp = malloc(SIM_FILE_PATH_MAX + 10);
	assert_non_null(longp);
	memset(longp, 'a', SIM_FILE_PATH_MAX + 9);
	longp[SIM_FILE_PATH_MAX + 9] = '\0';
	assert_int_equal(sim_file_open(&sf, longp), -1);
	assert_int_equal(errno, ENAMETOOLONG);
	assert_int_equal(sim_mkdir_p(longp, NULL, 0), -1);
	assert_int_equal(errno, ENAMETOOLONG);
	free(longp);
}

static void test_mkdir_p(void **state)
{
	struct tdir *d = *state;
	char path[512], err[600];
	struct stat st;

	snprintf(path, sizeof(path), "%s/a/b//c/", d->path);
	assert_int_equal(sim_mkdir_p(path, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	snprintf(path, sizeof(path), "%s/a/b/c", d->path);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(sim_mkdir_p(path, err, sizeof(err)), 0); /* exists */
	/* A file in the way. */
	snprintf(path, sizeof(path), "%s/a/file", d->path);
	fclose(fopen(path, "w"));
	snprintf(path, sizeof(path), "%s/a/file/sub", d->path);
	assert_int_equal(sim_mkdir_p(path, err, sizeof(err)), -1);
	assert_int_equal(errno, ENOTDIR);
	assert_non_null(strstr(err, "a/file"));
	assert_int_equal(sim_mkdir_p("", err, sizeof(err)), -1);
	assert_int_equal(sim_mkdir_p(NULL, err, sizeof(err)), -1);
	/* A small message buffer is cut, not overrun. */
	assert_int_equal(sim_mkdir_p(path, err, 8), -1);
	assert_int_equal(strlen(err), 7);
}

/*
 * A target that is not a regular file (a FIFO here; /dev/null in real
 * use) is written in place, never renamed over: the node stays what it
 * was and no temporary file is left.
 */
static void test_special_target(void **state)
{
	struct tdir *d = *state;
	struct sim_file sf;
	char fifo[512], buf[32] = "";
	struct stat st;
	int rfd;

	snprintf(fifo, sizeof(fifo), "%s/fifo", d->path);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	rfd = open(fifo, O_RDONLY | O_NONBLOCK);
	assert_true(rfd >= 0);
	assert_int_equal(sim_file_open(&sf, fifo), 0);
	fputs("hello", sf.f);
	assert_int_equal(sim_file_commit(&sf), 0);
	assert_int_equal(read(rfd, buf, sizeof(buf) - 1), 5);
	assert_string_equal(buf, "hello");
	close(rfd);
	assert_int_equal(stat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(entries(d->path), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit, tdir_setup,
						tdir_teardown),
		cmocka_unit_test_setup_teardown(test_abort, tdir_setup,
						tdir_teardown),
		cmocka_unit_test_setup_teardown(test_write, tdir_setup,
						tdir_teardown),
		cmocka_unit_test_setup_teardown(test_commit_failures,
						tdir_setup, tdir_teardown),
		cmocka_unit_test_setup_teardown(test_open_failures, tdir_setup,
						tdir_teardown),
		cmocka_unit_test_setup_teardown(test_special_target, tdir_setup,
						tdir_teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_p, tdir_setup,
						tdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
