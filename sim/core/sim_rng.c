/*
 * Deterministic random streams: xoshiro256** (Blackman and Vigna,
 * "Scrambled linear pseudorandom number generators", 2018) seeded through
 * SplitMix64 from the scenario seed XOR the FNV-1a-64 hash of the stream's
 * name, so every stream is independent of which other streams exist.
 * Bounded integers use Lemire's multiply-shift with rejection ("Fast random
 * integer generation in an interval", 2019), which is exactly unbiased.
 * No floating point is used. RFC 5880 section 6.8.7 jitter and the other
 * protocol delays are drawn by the protocols through these calls.
 */
#include "sim/core/sim_rng.h"

#define SIM_FNV64_OFFSET 0xcbf29ce484222325ull
#define SIM_FNV64_PRIME	 0x100000001b3ull

static uint64_t sim_fnv1a64(const char *s)
{
	uint64_t h = SIM_FNV64_OFFSET;

	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= SIM_FNV64_PRIME;
	}
	return h;
}

static uint64_t sim_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint64_t sim_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/*
 * SplitMix64 is a bijection applied to four distinct counter values, so at
 * most one of the four words can be zero: the all-zero state that
 * xoshiro256** must avoid cannot occur.
 */
void sim_rng_seed(struct sim_rng *r, uint64_t seed, const char *stream)
{
	uint64_t x = seed ^ sim_fnv1a64(stream);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = sim_splitmix64(&x);
}

uint64_t sim_rng_next(struct sim_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = sim_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = sim_rotl(s[3], 45);
	return out;
}

uint64_t sim_rng_below(struct sim_rng *r, uint64_t n)
{
	unsigned __int128 m;
	uint64_t low;

	if (n == 0)
		return 0;
	m = (unsigned __int128)sim_rng_next(r) * n;
	low = (uint64_t)m;
	if (low < n) {
		/* 2^64 mod n: products whose low half is below it are biased.
		 */
		uint64_t thresh = (0 - n) % n;

		while (low < thresh) {
			m = (unsigned __int128)sim_rng_next(r) * n;
			low = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

sim_time_t sim_rng_time(struct sim_rng *r, sim_time_t lo, sim_time_t hi)
{
	uint64_t span;

	if (lo >= hi)
		return lo;
	span = (uint64_t)hi - (uint64_t)lo; /* fits: hi > lo */
	if (span == UINT64_MAX)
		return (sim_time_t)((uint64_t)lo + sim_rng_next(r));
	return (sim_time_t)((uint64_t)lo + sim_rng_below(r, span + 1));
}

bool sim_rng_chance_ppb(struct sim_rng *r, uint32_t ppb)
{
	/* Always one draw (plus rare rejections), whatever ppb is. */
	return sim_rng_below(r, 1000000000u) < ppb;
}
