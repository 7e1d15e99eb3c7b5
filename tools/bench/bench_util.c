/*
 * Shared benchmark helpers (see bench_util.h).
 */
#include "tools/bench/bench_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double bench_wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long bench_rss_kb(void)
{
	FILE *fp = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(fp);
	return kb;
}

static int bad(const char *prog, char opt, const char *arg)
{
	fprintf(stderr, "%s: bad -%c '%s'\n", prog, opt, arg);
	return -1;
}

int bench_opt_time(const char *prog, char opt, const char *arg, sim_time_t *out)
{
	if (sim_time_parse(arg, out) != 0 || *out <= 0)
		return bad(prog, opt, arg);
	return 0;
}

int bench_opt_long(const char *prog, char opt, const char *arg, long lo,
		   long hi, long *out)
{
	char *end;

	*out = strtol(arg, &end, 10);
	if (arg[0] == '\0' || *end != '\0' || *out < lo || *out > hi)
		return bad(prog, opt, arg);
	return 0;
}

int bench_opt_u64(const char *prog, char opt, const char *arg, uint64_t *out)
{
	char *end;

	*out = strtoull(arg, &end, 0);
	if (arg[0] == '\0' || *end != '\0')
		return bad(prog, opt, arg);
	return 0;
}

__attribute__((noinline)) uint64_t bench_run(struct sim_engine *e,
					     sim_time_t until)
{
	return sim_engine_run(e, until);
}

void bench_txt_add(struct bench_txt *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		if (t->err)
			return;
		va_start(ap, fmt);
		n = vsnprintf(t->p ? t->p + t->len : NULL,
			      t->p ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->err = true;
			return;
		}
		if (t->p && (size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		size_t cap = t->cap ? 2 * t->cap : 65536;
		char *q;

		while (cap - t->len <= (size_t)n)
			cap *= 2;
		q = realloc(t->p, cap);
		if (!q) {
			t->err = true;
			return;
		}
		t->p = q;
		t->cap = cap;
	}
}
