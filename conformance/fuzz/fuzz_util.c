/*
 * Helpers shared by the fuzzing harnesses (fuzz.h). No RFC here.
 */
#include <stdlib.h>
#include <string.h>

#include "conformance/fuzz/fuzz.h"

uint8_t *fuzz_dup(const uint8_t *data, size_t n)
{
	uint8_t *b = malloc(n ? n : 1);

	if (b && n)
		memcpy(b, data, n);
	return b;
}
