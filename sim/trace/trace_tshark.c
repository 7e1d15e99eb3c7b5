/*
 * tshark runner for tests (see trace_tshark.h): fork/exec with an argument
 * vector (no shell, so paths need no quoting), stdout read through a pipe,
 * stderr discarded (tshark warns when run as root). Expert severities and
 * groups are Wireshark's PI_* values as printed by -T fields.
 */
#include "sim/trace/trace_tshark.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Wireshark expert info values (epan/proto.h). */
#define PI_SEVERITY_WARN   0x00600000u
#define PI_SEVERITY_ERROR  0x00800000u
#define PI_GROUP_CHECKSUM  0x01000000u
#define PI_GROUP_MALFORMED 0x07000000u

#define TSHARK_MAX_FIELDS 32
/* tshark -n -r F, 3 x -o P, -Y F, -T fields, 2 x -E X: 20; the fields; NULL */
#define TSHARK_MAX_ARGS (21 + 2 * TSHARK_MAX_FIELDS)

static void tshark_msg(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void tshark_msg(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!err || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

const char *trace_tshark_path(char *buf, size_t len)
{
	const char *env = getenv("FAILSIM_TSHARK");
	const char *path = getenv("PATH");

	if (env && *env) {
		if (access(env, X_OK) != 0)
			return NULL;
		snprintf(buf, len, "%s", env);
		return buf;
	}
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		int w = snprintf(buf, len, "%.*s/tshark", (int)n,
				 n ? path : ".");

		if (w > 0 && (size_t)w < len && access(buf, X_OK) == 0)
			return buf;
		path += n;
		if (*path == ':')
			path++;
	}
	return NULL;
}

/* Split a line on tabs in place into at most max columns. */
static size_t split_tabs(char *line, char **cols, size_t max)
{
	size_t n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		cols[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static void child_exec(const char *prog, char *const *argv, int out_fd)
{
	int null_fd = open("/dev/null", O_RDWR);

	if (null_fd >= 0) {
		dup2(null_fd, STDIN_FILENO);
		dup2(null_fd, STDERR_FILENO);
	}
	dup2(out_fd, STDOUT_FILENO);
	execv(prog, argv);
	_exit(127);
}

/* Run prog with argv and hand each stdout line (split) to fn. */
static enum trace_tshark_rc run_rows(const char *prog, char *const *argv,
				     size_t ncols, trace_tshark_row_fn fn,
				     void *arg, char *err, size_t errlen)
{
	int fds[2], status;
	char *line = NULL, *cols[TSHARK_MAX_FIELDS];
	size_t cap = 0;
	unsigned row = 0;
	FILE *in;
	pid_t pid;

	if (pipe(fds) != 0) {
		tshark_msg(err, errlen, "pipe: %s", strerror(errno));
		return TRACE_TSHARK_FAILED;
	}
	pid = fork();
	if (pid < 0) {
		tshark_msg(err, errlen, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return TRACE_TSHARK_FAILED;
	}
	if (pid == 0) {
		close(fds[0]);
		child_exec(prog, argv, fds[1]);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	if (!in) {
		close(fds[0]);
		waitpid(pid, &status, 0);
		tshark_msg(err, errlen, "fdopen: %s", strerror(errno));
		return TRACE_TSHARK_FAILED;
	}
	while (getline(&line, &cap, in) >= 0) {
		size_t n = split_tabs(line, cols, ncols);

		for (size_t i = n; i < ncols; i++)
			cols[i] = "";
		fn(arg, row++, (const char *const *)cols, ncols);
	}
	free(line);
	fclose(in);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		tshark_msg(err, errlen, "%s failed (status %d)", prog, status);
		return TRACE_TSHARK_FAILED;
	}
	return TRACE_TSHARK_OK;
}

enum trace_tshark_rc trace_tshark_fields(const char *pcap, const char *filter,
					 const char *const *fields,
					 size_t nfields, trace_tshark_row_fn fn,
					 void *arg, char *err, size_t errlen)
{
	static const char *const prefs[] = {
		"ip.check_checksum:TRUE",
		"udp.check_checksum:TRUE",
		"tcp.check_checksum:TRUE",
	};
	const char *argv[TSHARK_MAX_ARGS];
	char prog[4096];
	size_t n = 0;

	if (!trace_tshark_path(prog, sizeof(prog))) {
		tshark_msg(err, errlen, "tshark not found");
		return TRACE_TSHARK_UNAVAILABLE;
	}
	if (nfields == 0 || nfields > TSHARK_MAX_FIELDS) {
		tshark_msg(err, errlen, "bad field count %zu", nfields);
		return TRACE_TSHARK_FAILED;
	}
	argv[n++] = "tshark";
	argv[n++] = "-n"; /* no name resolution */
	argv[n++] = "-r";
	argv[n++] = pcap;
	for (size_t i = 0; i < sizeof(prefs) / sizeof(prefs[0]); i++) {
		argv[n++] = "-o";
		argv[n++] = prefs[i];
	}
	if (filter) {
		argv[n++] = "-Y";
		argv[n++] = filter;
	}
	argv[n++] = "-T";
	argv[n++] = "fields";
	argv[n++] = "-E";
	argv[n++] = "occurrence=a";
	argv[n++] = "-E";
	argv[n++] = "aggregator=,";
	for (size_t i = 0; i < nfields; i++) {
		argv[n++] = "-e";
		argv[n++] = fields[i];
	}
	argv[n] = NULL;
	return run_rows(prog, (char *const *)argv, nfields, fn, arg, err,
			errlen);
}

static void count_add(struct trace_tshark_count *c, uint32_t frame)
{
	if (c->nfirst < TRACE_TSHARK_FIRST)
		c->first[c->nfirst++] = frame;
	c->count++;
}

/* Columns: frame.number, _ws.malformed, severities, groups. */
static void check_row(void *arg, unsigned row, const char *const *cols,
		      size_t ncols)
{
	struct trace_tshark_result *res = arg;
	uint32_t frame = (uint32_t)strtoul(cols[0], NULL, 10);
	bool malformed = cols[1][0] != '\0', bad_sum = false;
	bool error = false, warning = false;
	const char *sev = cols[2], *grp = cols[3];

	(void)row;
	(void)ncols;
	res->frames++;
	/* The two lists are aligned: one entry per expert item. */
	while (*sev && *grp) {
		char *end_s, *end_g;
		unsigned long s = strtoul(sev, &end_s, 10);
		unsigned long g = strtoul(grp, &end_g, 10);

		if (s >= PI_SEVERITY_ERROR)
			error = true;
		else if (s == PI_SEVERITY_WARN)
			warning = true;
		if (g == PI_GROUP_CHECKSUM && s >= PI_SEVERITY_WARN)
			bad_sum = true;
		if (g == PI_GROUP_MALFORMED)
			malformed = true;
		if (end_s == sev || end_g == grp)
			break;
		sev = *end_s == ',' ? end_s + 1 : end_s;
		grp = *end_g == ',' ? end_g + 1 : end_g;
	}
	if (malformed)
		count_add(&res->malformed, frame);
	if (bad_sum)
		count_add(&res->bad_checksum, frame);
	if (error)
		count_add(&res->errors, frame);
	if (warning)
		count_add(&res->warnings, frame);
}

enum trace_tshark_rc trace_tshark_check(const char *pcap,
					struct trace_tshark_result *res,
					char *err, size_t errlen)
{
	static const char *const fields[] = {
		"frame.number",
		"_ws.malformed",
		"_ws.expert.severity",
		"_ws.expert.group",
	};

	memset(res, 0, sizeof(*res));
	return trace_tshark_fields(pcap, NULL, fields,
				   sizeof(fields) / sizeof(fields[0]),
				   check_row, res, err, errlen);
}
