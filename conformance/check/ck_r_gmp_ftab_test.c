/*
 * Tests of the bounded flow table of the gmp and pim rule modules
 * (ck_r_gmp_ftab.c): insert and find, values start zeroed and keep their
 * address, a full table refuses and counts, iteration in insertion order,
 * bad sizes refused. No RFC is implemented here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "conformance/check/ck_r_gmp_ftab.h"

struct key {
	uint32_t a;
	uint8_t b;
};

static struct key mk(uint32_t a)
{
	struct key k = { 0 };

	k.a = a;
	k.b = (uint8_t)(a * 7);
	return k;
}

static void test_ftab_basic(void **state)
{
	struct ck_ftab *t = ck_ftab_new(sizeof(struct key), 24, 100);
	bool created;
	struct key k;

	(void)state;
	assert_non_null(t);
	for (uint32_t i = 0; i < 100; i++) {
		uint64_t *v;

		k = mk(i * 2654435761u);
		v = ck_ftab_get(t, &k, &created);
		assert_non_null(v);
		assert_true(created);
		assert_int_equal(v[0] | v[1] | v[2], 0);
		v[0] = i;
	}
	assert_int_equal(ck_ftab_len(t), 100);
	for (uint32_t i = 0; i < 100; i++) {
		uint64_t *v;

		k = mk(i * 2654435761u);
		v = ck_ftab_find(t, &k);
		assert_non_null(v);
		assert_int_equal(v[0], i);
		assert_ptr_equal(ck_ftab_get(t, &k, &created), v);
		assert_false(created);
		assert_ptr_equal(ck_ftab_val_at(t, i), v);
		assert_memory_equal(ck_ftab_key_at(t, i), &k, sizeof(k));
	}
	k = mk(12345);
	assert_null(ck_ftab_find(t, &k));
	assert_null(ck_ftab_get(t, &k, &created));
	assert_null(ck_ftab_get(t, &k, NULL));
	assert_int_equal(ck_ftab_dropped(t), 2);
	assert_null(ck_ftab_val_at(t, 100));
	assert_null(ck_ftab_key_at(t, 100));
	ck_ftab_free(t);
}

static void test_ftab_bad_sizes(void **state)
{
	(void)state;
	assert_null(ck_ftab_new(0, 8, 10));
	assert_null(ck_ftab_new(8, 8, 0));
	assert_null(ck_ftab_new(8, 8, ((size_t)1 << 20) + 1));
	ck_ftab_free(NULL);
	{
		struct ck_ftab *t = ck_ftab_new(4, 0, 1);
		uint32_t k = 5;

		assert_non_null(t);
		assert_non_null(ck_ftab_get(t, &k, NULL));
		k = 6;
		assert_null(ck_ftab_get(t, &k, NULL));
		ck_ftab_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ftab_basic),
		cmocka_unit_test(test_ftab_bad_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
