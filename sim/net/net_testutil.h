/*
 * Helpers shared by the sim/net codec tests: hex vectors, table runners
 * that decode each vector from an exact-size heap copy (so the sanitizer
 * build catches any read past the end), a coverage check that every
 * rejection code of a codec appears in its table, and robustness sweeps
 * (every truncation of every good vector, fixed-seed byte flips).
 */
#ifndef NET_TESTUTIL_H
#define NET_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "sim/net/net_err.h"

struct nt_vec {
	const char *name;
	const char *hex; /* bytes as hex, spaces ignored */
	enum net_err expect;
};

#define NT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Decoder under test: buf/len, plus a context (e.g. addresses). */
typedef enum net_err (*nt_decode_fn)(const uint8_t *buf, size_t len, void *ctx);

/* Parse hex into buf (fails the test on bad hex or overflow). */
size_t nt_hex(const char *hex, uint8_t *buf, size_t cap);
/* Decode every vector; fail with its name when the result differs. */
void nt_run_table(const char *codec, const struct nt_vec *v, size_t n,
		  nt_decode_fn fn, void *ctx);
/* Fail unless every code in codes[] is the expectation of some vector. */
void nt_check_coverage(const char *codec, const struct nt_vec *v, size_t n,
		       const enum net_err *codes, size_t ncodes);
/*
 * Robustness: decode every prefix of every good vector, and `rounds`
 * variants of each good vector with 1..4 random bytes changed (fixed seed).
 * Only crashes and out-of-bounds reads fail (the sanitizer build checks);
 * returns how many decodes were rejected, so callers can assert some were.
 */
size_t nt_fuzz(const struct nt_vec *v, size_t n, nt_decode_fn fn, void *ctx,
	       unsigned rounds);
/* Find a vector by name (fails the test if absent); bytes into buf. */
size_t nt_find(const struct nt_vec *v, size_t n, const char *name, uint8_t *buf,
	       size_t cap);

#endif
