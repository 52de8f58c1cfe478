/* fuzz_feed.c - libFuzzer target: feed_parse() on any bytes; a parsed
 * feed must render. */
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "publish/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	feed f;
	strbuf sb;

	feed_init(&f);
	if (!feed_parse(&f, "fuzz.xml", (const char *)data, size)) {
		sb_init(&sb);
		feed_render(&f, &sb);
		sb_release(&sb);
	}
	feed_release(&f);
	return 0;
}
