/*
 * Atomic output files. Every run output (report.txt, report.json,
 * events.jsonl, pcaps, plots) is written to "<path>.tmp.<pid>" and renamed
 * over <path> only when complete, so an interrupted run never leaves a half
 * file and a failed write never clobbers the previous good one.
 *
 *   struct sim_file sf;
 *   if (sim_file_open(&sf, "out/report.txt") != 0)
 *           fprintf(stderr, "failsim: %s\n", sf.err), exit(1);
 *   fprintf(sf.f, ...);
 *   if (sim_file_commit(&sf) != 0)
 *           fprintf(stderr, "failsim: %s\n", sf.err), exit(1);
 *
 * Error convention: calls return 0 or -1; on -1, errno is set and sf.err
 * (or the caller's buffer for sim_mkdir_p) holds a one-line message naming
 * the file and the errno text, e.g. "cannot rename 'a.tmp.12' to 'a': No
 * such file or directory". Nothing is printed.
 */
#ifndef SIM_FILE_H
#define SIM_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define SIM_FILE_PATH_MAX 4096
#define SIM_FILE_ERR_MAX  (2 * SIM_FILE_PATH_MAX + 128)

struct sim_file {
	FILE *f;		      /* write here; NULL when not open */
	bool sync;		      /* fsync before rename (default off) */
	char path[SIM_FILE_PATH_MAX]; /* final name */
	char tmp[SIM_FILE_PATH_MAX];  /* temporary name while open */
	char err[SIM_FILE_ERR_MAX];   /* message of the last failure */
};

/*
 * Create the temporary file for path (truncating a stale one). The parent
 * folder must exist (see sim_mkdir_p). A path that exists and is not a
 * regular file (/dev/null, a FIFO, a terminal) is opened and written in
 * place: renaming over it would replace the device node. On failure
 * sf->f is NULL.
 */
int sim_file_open(struct sim_file *sf, const char *path);
/*
 * Flush, optionally fsync, close and rename over the final path. On failure
 * the temporary file is removed and the final path is left as it was.
 * Either way sf->f is NULL afterwards.
 */
int sim_file_commit(struct sim_file *sf);
/* Close and remove the temporary file. No-op when not open. */
void sim_file_abort(struct sim_file *sf);

/*
 * Write dir/name atomically in one call: fn(arg, f) writes the content and
 * returns 0, or non-zero on failure (the temporary file is then removed and
 * the old file kept). 0, or -1 with a one-line message in err (names the
 * file; the errno text when fn left one).
 */
typedef int (*sim_file_writer)(void *arg, FILE *f);
int sim_file_write(const char *dir, const char *name, sim_file_writer fn,
		   void *arg, char *err, size_t errlen);

/*
 * Create dir and any missing parents (mode 0777 before umask); an existing
 * directory is fine. err (may be NULL) receives the message on failure.
 */
int sim_mkdir_p(const char *dir, char *err, size_t errlen);

#endif
