/*
 * Shared helpers for the sim/net codec tests (see net_testutil.h).
 */
#include "sim/net/net_testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim/core/sim_rng.h"

static int hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t nt_hex(const char *hex, uint8_t *buf, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (const char *p = hex; *p; p++) {
		int d;

		if (*p == ' ' || *p == '\n')
			continue;
		d = hexdigit(*p);
		if (d < 0)
			fail_msg("bad hex digit '%c' in \"%s\"", *p, hex);
		if (hi < 0) {
			hi = d;
			continue;
		}
		if (n >= cap)
			fail_msg("hex vector longer than %zu bytes", cap);
		buf[n++] = (uint8_t)(hi << 4 | d);
		hi = -1;
	}
	if (hi >= 0)
		fail_msg("odd number of hex digits in \"%s\"", hex);
	return n;
}

/* Decode from an exact-size heap copy so overreads are caught. */
static enum net_err decode_copy(const uint8_t *b, size_t len, nt_decode_fn fn,
				void *ctx)
{
	uint8_t *copy = malloc(len ? len : 1);
	enum net_err e;

	assert_non_null(copy);
	if (len)
		memcpy(copy, b, len);
	e = fn(copy, len, ctx);
	free(copy);
	return e;
}

void nt_run_table(const char *codec, const struct nt_vec *v, size_t n,
		  nt_decode_fn fn, void *ctx)
{
	uint8_t buf[2048];

	for (size_t i = 0; i < n; i++) {
		size_t len = nt_hex(v[i].hex, buf, sizeof(buf));
		enum net_err e = decode_copy(buf, len, fn, ctx);

		if (e != v[i].expect)
			fail_msg("%s vector \"%s\": got %s, want %s", codec,
				 v[i].name, net_err_name(e),
				 net_err_name(v[i].expect));
	}
}

void nt_check_coverage(const char *codec, const struct nt_vec *v, size_t n,
		       const enum net_err *codes, size_t ncodes)
{
	for (size_t c = 0; c < ncodes; c++) {
		bool seen = false;

		for (size_t i = 0; i < n && !seen; i++)
			seen = v[i].expect == codes[c];
		if (!seen)
			fail_msg("%s: no vector expects %s", codec,
				 net_err_name(codes[c]));
	}
}

size_t nt_fuzz(const struct nt_vec *v, size_t n, nt_decode_fn fn, void *ctx,
	       unsigned rounds)
{
	uint8_t buf[2048], mut[2048];
	struct sim_rng rng;
	size_t rejected = 0;

	sim_rng_seed(&rng, 20240601, "net-fuzz");
	for (size_t i = 0; i < n; i++) {
		size_t len = nt_hex(v[i].hex, buf, sizeof(buf));

		if (v[i].expect != NET_OK)
			continue;
		for (size_t cut = 0; cut < len; cut++)
			rejected += decode_copy(buf, cut, fn, ctx) != NET_OK;
		for (unsigned r = 0; r < rounds && len > 0; r++) {
			unsigned flips = 1 + (unsigned)sim_rng_below(&rng, 4);

			memcpy(mut, buf, len);
			for (unsigned f = 0; f < flips; f++)
				mut[sim_rng_below(&rng, len)] =
					(uint8_t)sim_rng_next(&rng);
			rejected += decode_copy(mut, len, fn, ctx) != NET_OK;
		}
	}
	return rejected;
}

size_t nt_find(const struct nt_vec *v, size_t n, const char *name, uint8_t *buf,
	       size_t cap)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return nt_hex(v[i].hex, buf, cap);
	fail_msg("no vector named \"%s\"", name);
	return 0;
}
