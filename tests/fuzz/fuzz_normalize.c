/* fuzz_normalize.c - libFuzzer target for the normalizer.
 *
 * The first byte picks the language (fr, fr-BE, fr-CH, en); the rest is
 * made valid UTF-8 (as `crieur normalize --lenient` does) and split into
 * lines, each normalized with norm_line_map().  Checks that the spans stay
 * inside the output and the source, in order.
 * Build: make fuzz; run: build/fuzz/fuzz/fuzz_normalize -max_len=4096 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "text/normalize.h"
#include "text/utf8.h"

/* The foreign-name hook (text/foreign.h) without eSpeak NG: a recognized
 * name is written back as phoneme brackets around nothing. */
static int foreign_stub(void *ctx, const char *text_lang, const char *lang,
			const char *word, size_t n, strbuf *out)
{
	(void)ctx; (void)text_lang; (void)lang; (void)word;
	if (n & 1)
		return 1;
	sb_adds(out, "[[a]]");
	return 0;
}

/* One normalizer per language, made on first use and kept (the French
 * ones recognize foreign names). */
static normalizer *get_norm(unsigned pick)
{
	static const char *const tags[] = { "fr", "fr-BE", "fr-CH", "en" };
	static normalizer *n[4];

	pick %= 4;
	if (!n[pick]) {
		if (norm_new(&n[pick], tags[pick]))
			abort();
		if (pick < 3)
			norm_set_foreign(n[pick], foreign_stub, NULL);
	}
	return n[pick];
}

/* Normalize one line and check the spans. */
static void one_line(normalizer *n, const char *s, size_t len, strbuf *out)
{
	const struct norm_span *sp;
	size_t count, prev_end = 0;

	sb_reset(out);
	if (norm_line_map(n, s, len, out, &sp, &count))
		abort();
	for (size_t i = 0; i < count; i++) {
		if (sp[i].out_start > sp[i].out_end || sp[i].out_end > out->len ||
		    sp[i].out_start < prev_end || sp[i].src_start > sp[i].src_end ||
		    sp[i].src_end > len)
			abort();
		prev_end = sp[i].out_end;
	}
	if (memchr(out->buf ? out->buf : "", '\n', out->len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static strbuf out;
	size_t clean_len, replaced;
	char *clean;

	if (!size)
		return 0;
	clean = utf8_sanitize((const char *)data + 1, size - 1, &clean_len, &replaced);
	for (size_t a = 0, b; a <= clean_len; a = b + 1) {
		const char *nl = memchr(clean + a, '\n', clean_len - a);

		b = nl ? (size_t)(nl - clean) : clean_len;
		one_line(get_norm(data[0]), clean + a, b - a, &out);
	}
	free(clean);
	return 0;
}
