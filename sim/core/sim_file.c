/*
 * Atomic output files: write to a temporary name beside the final one, then
 * flush, optionally fsync, close and rename(2), which POSIX makes atomic
 * within a file system; abort or any failure unlinks the temporary file.
 * Also sim_mkdir_p for creating run output folders. Error messages carry
 * the path and strerror text (see sim_file.h). A target that exists and is
 * not a regular file (/dev/null, a FIFO) is written in place instead. No
 * RFC is implemented here.
 */
#include "sim/core/sim_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void sim_file_msg(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Format a message and append ": <strerror(errno)>", keeping errno. */
static void sim_file_msg(char *err, size_t len, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;
	size_t n;

	if (err == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	n = strlen(err);
	if (n < len)
		snprintf(err + n, len - n, ": %s", strerror(saved));
	errno = saved;
}

/*
 * An existing target that is not a regular file (/dev/null, a terminal,
 * a FIFO) is written in place: renaming over it would replace the device
 * node. sf->tmp stays empty, so commit only closes.
 */
static int sim_file_open_special(struct sim_file *sf, const char *path)
{
	memcpy(sf->path, path, strlen(path) + 1);
	sf->f = fopen(path, "w");
	if (sf->f == NULL) {
		sim_file_msg(sf->err, sizeof(sf->err), "cannot open '%s'",
			     path);
		return -1;
	}
	return 0;
}

int sim_file_open(struct sim_file *sf, const char *path)
{
	struct stat st;
	int fd, n;

	sf->f = NULL;
	sf->sync = false;
	sf->err[0] = '\0';
	sf->path[0] = sf->tmp[0] = '\0';
	if (path == NULL || path[0] == '\0') {
		errno = EINVAL;
		sim_file_msg(sf->err, sizeof(sf->err), "empty output path");
		return -1;
	}
	if (strlen(path) >= sizeof(sf->path)) {
		errno = ENAMETOOLONG;
		sim_file_msg(sf->err, sizeof(sf->err),
			     "cannot create '%.200s...'", path);
		return -1;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode))
		return sim_file_open_special(sf, path);
	n = snprintf(sf->tmp, sizeof(sf->tmp), "%s.tmp.%ld", path,
		     (long)getpid());
	if (n < 0 || (size_t)n >= sizeof(sf->tmp)) {
		sf->tmp[0] = '\0';
		errno = ENAMETOOLONG;
		sim_file_msg(sf->err, sizeof(sf->err),
			     "cannot create '%.200s...'", path);
		return -1;
	}
	memcpy(sf->path, path, strlen(path) + 1);
	fd = open(sf->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		sim_file_msg(sf->err, sizeof(sf->err), "cannot create '%s'",
			     sf->tmp);
		return -1;
	}
	sf->f = fdopen(fd, "w");
	if (sf->f == NULL) {
		sim_file_msg(sf->err, sizeof(sf->err), "cannot open '%s'",
			     sf->tmp);
		close(fd);
		unlink(sf->tmp);
		return -1;
	}
	return 0;
}

/* Remove the temporary file after a failure, keeping errno. */
static int sim_file_fail(struct sim_file *sf)
{
	int saved = errno;

	if (sf->tmp[0])
		unlink(sf->tmp);
	errno = saved;
	return -1;
}

int sim_file_commit(struct sim_file *sf)
{
	FILE *f = sf->f;
	bool bad;

	if (f == NULL) {
		errno = EBADF;
		sim_file_msg(sf->err, sizeof(sf->err),
			     "commit of '%s' which is not open", sf->path);
		return -1;
	}
	sf->f = NULL;
	errno = 0;
	bad = fflush(f) != 0 || ferror(f);
	if (!bad && sf->sync && fsync(fileno(f)) != 0)
		bad = true;
	if (bad) {
		if (errno == 0)
			errno = EIO;
		sim_file_msg(sf->err, sizeof(sf->err), "cannot write '%s'",
			     sf->tmp);
		fclose(f);
		return sim_file_fail(sf);
	}
	if (fclose(f) != 0) {
		sim_file_msg(sf->err, sizeof(sf->err), "cannot close '%s'",
			     sf->tmp);
		return sim_file_fail(sf);
	}
	if (!sf->tmp[0]) /* written in place (sim_file_open_special) */
		return 0;
	if (rename(sf->tmp, sf->path) != 0) {
		sim_file_msg(sf->err, sizeof(sf->err),
			     "cannot rename '%s' to '%s'", sf->tmp, sf->path);
		return sim_file_fail(sf);
	}
	return 0;
}

void sim_file_abort(struct sim_file *sf)
{
	if (sf->f == NULL)
		return;
	fclose(sf->f);
	sf->f = NULL;
	if (sf->tmp[0])
		unlink(sf->tmp);
}

/* mkdir one component; an existing directory counts as success. */
static int sim_mkdir_one(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno == EEXIST) {
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
	}
	return -1;
}

int sim_mkdir_p(const char *dir, char *err, size_t errlen)
{
	char buf[SIM_FILE_PATH_MAX];
	size_t n, i;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	n = dir != NULL ? strlen(dir) : 0;
	if (n == 0 || n >= sizeof(buf)) {
		errno = n == 0 ? EINVAL : ENAMETOOLONG;
		sim_file_msg(err, errlen, "cannot create folder '%.200s'",
			     dir != NULL ? dir : "");
		return -1;
	}
	memcpy(buf, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		if (buf[i - 1] == '/')
			continue; /* "a//b" or a trailing slash */
		buf[i] = '\0';
		if (sim_mkdir_one(buf) != 0) {
			sim_file_msg(err, errlen, "cannot create folder '%s'",
				     buf);
			return -1;
		}
		buf[i] = dir[i];
	}
	return 0;
}

int sim_file_write(const char *dir, const char *name, sim_file_writer fn,
		   void *arg, char *err, size_t errlen)
{
	struct sim_file sf;
	char path[SIM_FILE_PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= sizeof(path)) {
		snprintf(err, errlen, "output path too long: '%.200s'", dir);
		return -1;
	}
	if (sim_file_open(&sf, path) != 0) {
		snprintf(err, errlen, "%s", sf.err);
		return -1;
	}
	errno = 0;
	if (fn(arg, sf.f) != 0) {
		snprintf(err, errlen, "cannot write '%s': %s", sf.tmp,
			 errno ? strerror(errno) : "write error");
		sim_file_abort(&sf);
		return -1;
	}
	if (sim_file_commit(&sf) != 0) {
		snprintf(err, errlen, "%s", sf.err);
		return -1;
	}
	return 0;
}
