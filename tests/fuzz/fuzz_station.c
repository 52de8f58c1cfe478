/* fuzz_station.c - libFuzzer target: station_load_text() on arbitrary
 * bytes (the station file loader: YAML, keys, cron lines, outputs).
 *
 * Build with `make fuzz`; run from the top of the tree, e.g.
 *   build/fuzz/fuzz/fuzz_station -max_total_time=600 \
 *       -dict=tests/fuzz/station.dict
 * Relative paths resolve from samples/ (its bulletins and jingles exist,
 * so the fuzzer reaches the slot checks).  Any result is fine as long as
 * nothing crashes or leaks. */
#include <stdint.h>
#include <stdlib.h>

#include "air/station.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	air_station *st;

	if (station_load_text(&st, "samples/fuzz.yaml", (const char *)data,
			      size) == 0)
		station_free(st);
	return 0;
}
