/* fuzz_guess.c - libFuzzer target for the language guess (text/guess.h).
 *
 * Any bytes, valid UTF-8 or not (lang_guess() steps over an invalid
 * sequence a byte at a time): the answer is "en", "fr" or NULL, and the
 * same for the same input.
 * Build: make fuzz; run: build/fuzz/fuzz/fuzz_guess -max_len=4096 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/guess.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *a = lang_guess((const char *)data, size);
	const char *b = lang_guess((const char *)data, size);

	if (a != b || (a && strcmp(a, "en") && strcmp(a, "fr")))
		abort();
	return 0;
}
