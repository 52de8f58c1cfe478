/* fuzz_script.c - libFuzzer target: script_load() on arbitrary bytes.
 *
 * Build with `make fuzz`; run from the top of the tree, e.g.
 *   build/fuzz/fuzz/fuzz_script -max_total_time=60 -dict=tests/fuzz/fuzz_script.dict
 * The input is written to a file in a scratch folder (script_load reads
 * files); any result is fine as long as nothing crashes or leaks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bulletin/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	bulletin_script *s;
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/crieur-fuzz-script-%ld.yaml",
			 (long)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (script_load(&s, path) == 0)
		script_free(s);
	return 0;
}
