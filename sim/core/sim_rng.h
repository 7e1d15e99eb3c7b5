/*
 * Deterministic random streams. Every node (and every link that drops
 * packets) owns a stream derived from the scenario seed and the stream's
 * name, so adding a node never changes another node's draws. The generator
 * is xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64 from
 * seed XOR FNV-1a-64(name); it is fast, has a 2^256-1 period and passes
 * BigCrush. Bounded integers use Lemire's unbiased multiply-shift method.
 */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/sim_time.h"

struct sim_rng {
	uint64_t s[4];
};

/* stream NULL is the same as "". */
void sim_rng_seed(struct sim_rng *r, uint64_t seed, const char *stream);
uint64_t sim_rng_next(struct sim_rng *r);
/* Uniform in [0, n); n == 0 returns 0. */
uint64_t sim_rng_below(struct sim_rng *r, uint64_t n);
/* Uniform in [lo, hi] (inclusive); lo > hi returns lo. */
sim_time_t sim_rng_time(struct sim_rng *r, sim_time_t lo, sim_time_t hi);
/*
 * True with probability ppb / 1e9 (parts per billion; ppb >= 1e9 is always
 * true). Draws from the stream even for 0 and 1e9, so changing a
 * probability never shifts the rest of the stream's sequence.
 */
bool sim_rng_chance_ppb(struct sim_rng *r, uint32_t ppb);

#endif
