/*
 * bench_engine: event-engine throughput with a BFD-like load. N periodic
 * timers (default 10,000), each with its own transmit interval (10, 20, ...
 * 100 ms, cycling) re-arm themselves from their own deadline with the
 * RFC 5880 section 6.8.7 jitter (the interval reduced by a random 0 to 25 %,
 * i.e. uniform in 75..100 % of it, drawn from each timer's own sim_rng
 * stream), for a simulated 10 s by default. Prints the events fired, the
 * wall time, events per second and a checksum of the final deadlines (equal
 * for equal options, whatever the engine's internals).
 *
 * Build and run (Release, i.e. -O2 or better):
 *   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
 *   cmake --build build-rel --target bench_engine
 *   build-rel/tools/bench/bench_engine [-n TIMERS] [-t SIMTIME] [-s SEED]
 * Instructions per event (only the simulation loop is counted):
 *   valgrind --tool=callgrind --toggle-collect=bench_run \
 *       build-rel/tools/bench/bench_engine -t 1
 *   then divide the "Collected" Ir total by the events printed.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim/core/sim_engine.h"
#include "tools/bench/bench_util.h"
#include "sim/core/sim_rng.h"
#include "sim/core/sim_time.h"

struct bench_timer {
	struct sim_timer t;
	sim_time_t interval; /* bfd.DesiredMinTxInterval, ns */
	struct sim_rng rng;  /* this timer's jitter stream */
};

/* RFC 5880 6.8.7: reduce the interval by a random 0..25 %. */
static void bench_fire(struct sim_timer *t)
{
	struct bench_timer *b = sim_container_of(t, struct bench_timer, t);
	sim_time_t lo = b->interval - b->interval / 4;

	sim_timer_arm(t, t->deadline + sim_rng_time(&b->rng, lo, b->interval));
}

static void bench_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-n TIMERS] [-t SIMTIME] [-s SEED]\n"
		"  -n TIMERS  periodic timers (default 10000)\n"
		"  -t SIMTIME simulated duration, e.g. 10s, 500ms (default "
		"10s)\n"
		"  -s SEED    random seed (default 1)\n",
		prog);
}

static int bench_opts(int argc, char **argv, long *n, sim_time_t *until,
		      unsigned long long *seed)
{
	char *end;
	int c;

	while ((c = getopt(argc, argv, "n:t:s:h")) != -1) {
		switch (c) {
		case 'n':
			*n = strtol(optarg, &end, 10);
			if (*end != '\0' || *n < 1 || *n > 100000000) {
				fprintf(stderr, "bench_engine: bad -n '%s'\n",
					optarg);
				return -1;
			}
			break;
		case 't':
			if (sim_time_parse(optarg, until) != 0) {
				fprintf(stderr, "bench_engine: bad -t '%s'\n",
					optarg);
				return -1;
			}
			break;
		case 's':
			*seed = strtoull(optarg, &end, 0);
			if (*end != '\0' || optarg[0] == '\0') {
				fprintf(stderr, "bench_engine: bad -s '%s'\n",
					optarg);
				return -1;
			}
			break;
		default:
			bench_usage(argv[0]);
			return -1;
		}
	}
	if (optind != argc) {
		bench_usage(argv[0]);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long n = 10000, i;
	sim_time_t until = SIM_S(10);
	unsigned long long seed = 1;
	struct bench_timer *bt;
	struct sim_engine *e;
	uint64_t events, sum = 0;
	double t0, wall;
	char name[32], buf[40];

	if (bench_opts(argc, argv, &n, &until, &seed) != 0)
		return 2;
	e = sim_engine_new();
	bt = calloc((size_t)n, sizeof(*bt));
	if (e == NULL || bt == NULL) {
		fprintf(stderr, "bench_engine: out of memory\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (sim_timer_init(e, &bt[i].t, bench_fire) != 0) {
			fprintf(stderr, "bench_engine: out of memory\n");
			return 1;
		}
		bt[i].interval = SIM_MS(10) * (1 + i % 10);
		snprintf(name, sizeof(name), "bfd%ld", i);
		sim_rng_seed(&bt[i].rng, seed, name);
		/* Spread the first transmissions over one interval. */
		sim_timer_arm(&bt[i].t,
			      sim_rng_time(&bt[i].rng, 0, bt[i].interval - 1));
	}
	t0 = bench_wall();
	events = bench_run(e, until);
	wall = bench_wall() - t0;
	for (i = 0; i < n; i++) {
		sum += (uint64_t)bt[i].t.deadline * (uint64_t)(i + 1);
		sim_timer_fini(&bt[i].t);
	}
	sim_time_fmt_short(until, buf, sizeof(buf));
	printf("timers:       %ld\n", n);
	printf("simulated:    %s\n", buf);
	printf("events:       %llu\n", (unsigned long long)events);
	printf("wall:         %.3f s\n", wall);
	printf("events/s:     %.2f M\n", wall > 0 ? events / wall / 1e6 : 0.0);
	printf("ns/event:     %.1f\n", events ? wall * 1e9 / events : 0.0);
	printf("checksum:     %016llx\n", (unsigned long long)sum);
	sim_engine_free(e);
	free(bt);
	return 0;
}
