/* fuzz_id3.c - libFuzzer target: id3_parse() on any bytes, and a parsed
 * tag must render and parse back to the same chapters. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audio/id3.h"
#include "base/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	id3_tag *t = NULL, *u = NULL;
	strbuf sb;

	if (id3_parse(data, size, &t))
		return 0;
	sb_init(&sb);
	if (!id3_render(t, &sb)) {
		if (id3_parse((unsigned char *)sb.buf, sb.len, &u) ||
		    id3_chapter_count(u) != id3_chapter_count(t))
			abort();
		for (size_t i = 0; i < id3_chapter_count(t); i++)
			if (strcmp(id3_chapter_at(t, i)->title,
				   id3_chapter_at(u, i)->title))
				abort();
	}
	sb_release(&sb);
	id3_free(t);
	id3_free(u);
	return 0;
}
