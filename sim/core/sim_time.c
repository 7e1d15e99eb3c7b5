/*
 * Simulated time: exact parsing and formatting of durations. A duration is
 * an integer count of nanoseconds; text such as "1.5s" or "250us" is parsed
 * with integer arithmetic only (128-bit intermediates), so every accepted
 * value is exact, and anything finer than 1 ns, negative, or beyond
 * INT64_MAX ns is rejected. Formatting never uses floating point either.
 * No RFC is implemented here; protocol wire units are converted in codecs.
 */
#include "sim/core/sim_time.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Longest digit runs accepted; longer input cannot be a valid duration. */
#define SIM_TIME_INT_DIGITS  19
#define SIM_TIME_FRAC_DIGITS 18

struct sim_time_unit {
	const char *name;
	sim_time_t ns; /* nanoseconds per unit */
};

/* Longer names first so "ms" is not read as "m" followed by junk. */
static const struct sim_time_unit sim_time_units[] = {
	{ "ns", SIM_NS(1) }, { "us", SIM_US(1) }, { "ms", SIM_MS(1) },
	{ "s", SIM_S(1) },   { "m", SIM_S(60) },  { "h", SIM_S(3600) },
};

static bool sim_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int sim_time_unit_of(const char *s, sim_time_t *ns)
{
	size_t i;

	if (*s == '\0') {
		*ns = SIM_S(1); /* bare number: seconds */
		return 0;
	}
	for (i = 0; i < sizeof(sim_time_units) / sizeof(sim_time_units[0]);
	     i++) {
		if (strcmp(s, sim_time_units[i].name) == 0) {
			*ns = sim_time_units[i].ns;
			return 0;
		}
	}
	return -1;
}

int sim_time_parse(const char *s, sim_time_t *out)
{
	unsigned __int128 ip = 0, fp = 0, pow10 = 1, total, mult;
	const char *p = s;
	size_t nint = 0, nfrac, nz;
	sim_time_t unit;

	if (s == NULL || out == NULL)
		return -1;
	while (sim_is_digit(*p)) {
		if (ip != 0 || *p != '0')
			nint++; /* leading zeros do not count */
		if (nint > SIM_TIME_INT_DIGITS)
			return -1;
		ip = ip * 10 + (unsigned)(*p - '0');
		p++;
	}
	if (p == s)
		return -1; /* no integer digits (also rejects "-1", "+1", "") */
	if (*p == '.') {
		const char *f = ++p;

		while (sim_is_digit(*p))
			p++;
		if (p == f)
			return -1; /* "1." */
		/* Trailing zeros carry no precision: drop them. */
		nz = (size_t)(p - f);
		while (nz > 0 && f[nz - 1] == '0')
			nz--;
		if (nz > SIM_TIME_FRAC_DIGITS)
			return -1;
		for (nfrac = 0; nfrac < nz; nfrac++) {
			fp = fp * 10 + (unsigned)(f[nfrac] - '0');
			pow10 *= 10;
		}
	}
	if (sim_time_unit_of(p, &unit) != 0)
		return -1;
	mult = (unsigned __int128)unit;
	if ((fp * mult) % pow10 != 0)
		return -1; /* finer than 1 ns */
	total = ip * mult + (fp * mult) / pow10;
	if (total > (unsigned __int128)INT64_MAX)
		return -1;
	*out = (sim_time_t)total;
	return 0;
}

/* Magnitude of t as unsigned, valid for INT64_MIN too. */
static uint64_t sim_time_abs(sim_time_t t)
{
	return t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
}

void sim_time_fmt(sim_time_t t, char *buf, size_t len)
{
	uint64_t a = sim_time_abs(t);

	if (buf == NULL || len == 0)
		return;
	snprintf(buf, len, "%s%llu.%09llu", t < 0 ? "-" : "",
		 (unsigned long long)(a / 1000000000u),
		 (unsigned long long)(a % 1000000000u));
}

void sim_time_fmt_short(sim_time_t t, char *buf, size_t len)
{
	static const struct sim_time_unit units[] = {
		{ "s", SIM_S(1) },
		{ "ms", SIM_MS(1) },
		{ "us", SIM_US(1) },
		{ "ns", SIM_NS(1) },
	};
	uint64_t a = sim_time_abs(t), per, whole, frac;
	char digits[16];
	size_t i, n, w;

	if (buf == NULL || len == 0)
		return;
	if (a == 0) {
		snprintf(buf, len, "0s");
		return;
	}
	/* The largest unit of which t is at least one. */
	for (i = 0; i + 1 < sizeof(units) / sizeof(units[0]); i++)
		if (a >= (uint64_t)units[i].ns)
			break;
	per = (uint64_t)units[i].ns;
	whole = a / per;
	frac = a % per;
	if (frac == 0) {
		snprintf(buf, len, "%s%llu%s", t < 0 ? "-" : "",
			 (unsigned long long)whole, units[i].name);
		return;
	}
	/* Fraction with as many digits as per has zeros, trailing ones cut. */
	for (w = 0, n = per; n > 1; n /= 10)
		w++;
	snprintf(digits, sizeof(digits), "%0*llu", (int)w,
		 (unsigned long long)frac);
	while (w > 0 && digits[w - 1] == '0')
		digits[--w] = '\0';
	snprintf(buf, len, "%s%llu.%s%s", t < 0 ? "-" : "",
		 (unsigned long long)whole, digits, units[i].name);
}
