/* fuzz_vtt.c - libFuzzer target: transcript_parse_vtt() on any bytes;
 * what it reads must format back as WebVTT. */
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "bulletin/transcript.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	transcript t;
	strbuf sb;

	if (utf8_validate((const char *)data, size) != size ||
	    transcript_parse_vtt(&t, "fuzz.vtt", (const char *)data, size))
		return 0;
	sb_init(&sb);
	transcript_format_vtt(&sb, t.cue, t.n);
	sb_release(&sb);
	transcript_release(&t);
	return 0;
}
