/* fuzz_cron.c - libFuzzer target: cron_parse() on arbitrary bytes, and
 * cron_next() of every line that parses, in Europe/Paris, from an
 * instant the input chooses (daylight-saving nights included).  An
 * instant found must be after the one asked and match the line.
 *
 * Build with `make fuzz`; run e.g.
 *   build/fuzz/fuzz/fuzz_cron -max_total_time=600 -dict=tests/fuzz/cron.dict */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "air/clock.h"
#include "air/cron.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int zoned;
	char line[256];
	cron_expr c;
	size_t at, n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;
	uint32_t seed = 0;
	time_t from, next;
	struct tm tm;

	if (!zoned++)
		air_tz_use("Europe/Paris");
	memcpy(line, data, n);
	line[n] = '\0';
	if (cron_parse(&c, line, &at)) {
		if (at > n)
			abort();
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		seed = seed * 31 + data[i];
	/* 2020-2030: both changes of each year come up */
	from = (time_t)1577836800 + (time_t)(seed % (11u * 365 * 86400));
	if (cron_next(&c, from, &next))
		return 0;
	localtime_r(&next, &tm);
	if (next <= from || !(c.sec >> tm.tm_sec & 1) ||
	    !(c.min >> tm.tm_min & 1) || !(c.hour >> tm.tm_hour & 1) ||
	    !(c.mon >> (tm.tm_mon + 1) & 1))
		abort();
	return 0;
}
