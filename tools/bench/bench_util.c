/*
 * Shared benchmark helpers (see bench_util.h).
 */
#include "tools/bench/bench_util.h"

#include <stdio.h>
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

__attribute__((noinline)) uint64_t bench_run(struct sim_engine *e,
					     sim_time_t until)
{
	return sim_engine_run(e, until);
}
