/*
 * The bounded flow table of the "gmp" and "pim" rule modules (see
 * ck_r_gmp_ftab.h): entries in one array allocated at creation (key then
 * value, each rounded up to 8 bytes), an open-addressing index with
 * linear probing over a power-of-two slot array at least twice the
 * capacity (so a probe always ends at an empty slot), FNV-1a hashing of
 * the key bytes. No deletion. No RFC is implemented here.
 */
#include "conformance/check/ck_r_gmp_ftab.h"

#include <stdlib.h>
#include <string.h>

#define FTAB_MAX_CAP ((size_t)1 << 20)

struct ck_ftab {
	size_t ksz, vsz;  /* sizes as given */
	size_t koff, esz; /* value offset in an entry, entry size */
	size_t cap, len;  /* entries allowed, held */
	size_t mask;	  /* slots - 1 */
	uint32_t *slot;	  /* 0: empty, else entry index + 1 */
	uint8_t *ent;	  /* cap entries of esz bytes */
	uint64_t dropped; /* insertions refused (full) */
};

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

struct ck_ftab *ck_ftab_new(size_t key_size, size_t val_size, size_t cap)
{
	struct ck_ftab *t;
	size_t slots = 1;

	if (key_size == 0 || key_size > 4096 || val_size > 65536 || cap == 0 ||
	    cap > FTAB_MAX_CAP)
		return NULL;
	while (slots < 2 * cap)
		slots <<= 1;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->ksz = key_size;
	t->vsz = val_size;
	t->koff = round8(key_size);
	t->esz = t->koff + round8(val_size);
	t->cap = cap;
	t->mask = slots - 1;
	t->slot = calloc(slots, sizeof(*t->slot));
	t->ent = calloc(cap, t->esz);
	if (!t->slot || !t->ent) {
		ck_ftab_free(t);
		return NULL;
	}
	return t;
}

void ck_ftab_free(struct ck_ftab *t)
{
	if (!t)
		return;
	free(t->slot);
	free(t->ent);
	free(t);
}

static uint64_t ftab_hash(const void *key, size_t n)
{
	const uint8_t *p = key;
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint8_t *ftab_ent(const struct ck_ftab *t, size_t i)
{
	return t->ent + i * t->esz;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t ftab_probe(const struct ck_ftab *t, const void *key)
{
	size_t s = (size_t)ftab_hash(key, t->ksz) & t->mask;

	while (t->slot[s]) {
		if (memcmp(ftab_ent(t, t->slot[s] - 1), key, t->ksz) == 0)
			break;
		s = (s + 1) & t->mask;
	}
	return s;
}

void *ck_ftab_find(const struct ck_ftab *t, const void *key)
{
	size_t s = ftab_probe(t, key);

	if (!t->slot[s])
		return NULL;
	return ftab_ent(t, t->slot[s] - 1) + t->koff;
}

void *ck_ftab_get(struct ck_ftab *t, const void *key, bool *created)
{
	size_t s = ftab_probe(t, key);
	uint8_t *e;

	if (created)
		*created = false;
	if (t->slot[s])
		return ftab_ent(t, t->slot[s] - 1) + t->koff;
	if (t->len >= t->cap) {
		t->dropped++;
		return NULL;
	}
	e = ftab_ent(t, t->len);
	memcpy(e, key, t->ksz);
	t->slot[s] = (uint32_t)(++t->len);
	if (created)
		*created = true;
	return e + t->koff;
}

size_t ck_ftab_len(const struct ck_ftab *t)
{
	return t->len;
}

uint64_t ck_ftab_dropped(const struct ck_ftab *t)
{
	return t->dropped;
}

void *ck_ftab_val_at(const struct ck_ftab *t, size_t i)
{
	if (i >= t->len)
		return NULL;
	return ftab_ent(t, i) + t->koff;
}

const void *ck_ftab_key_at(const struct ck_ftab *t, size_t i)
{
	if (i >= t->len)
		return NULL;
	return ftab_ent(t, i);
}
