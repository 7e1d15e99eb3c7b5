/*
 * A bounded flow table for the per-flow rules of the "gmp" and "pim" rule
 * modules of `failsim check`: fixed-size keys (compared as bytes, so a
 * caller zeroes a key struct before filling it, padding included) mapped
 * to fixed-size values, at most cap entries, allocated once. A hostile
 * capture cannot make it grow: an insertion into a full table fails and
 * is counted, and the rule that wanted the entry simply does not apply to
 * that flow. Entries are never moved, so a value pointer stays valid for
 * the table's life; entries are kept in insertion order for iteration.
 * No RFC is implemented here.
 */
#ifndef CK_R_GMP_FTAB_H
#define CK_R_GMP_FTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ck_ftab;

/* A table of at most cap entries (1..1<<20). NULL on ENOMEM or bad sizes. */
struct ck_ftab *ck_ftab_new(size_t key_size, size_t val_size, size_t cap);
void ck_ftab_free(struct ck_ftab *t);

/* The value of key, or NULL when absent. */
void *ck_ftab_find(const struct ck_ftab *t, const void *key);

/*
 * The value of key, inserted zeroed when absent (*created then true, when
 * created is not NULL). NULL when absent and the table is full; the
 * refusal is counted (ck_ftab_dropped).
 */
void *ck_ftab_get(struct ck_ftab *t, const void *key, bool *created);

/* Entries held, and insertions refused because the table was full. */
size_t ck_ftab_len(const struct ck_ftab *t);
uint64_t ck_ftab_dropped(const struct ck_ftab *t);

/* Entry i (0 <= i < ck_ftab_len) in insertion order: value, and key. */
void *ck_ftab_val_at(const struct ck_ftab *t, size_t i);
const void *ck_ftab_key_at(const struct ck_ftab *t, size_t i);

#endif
