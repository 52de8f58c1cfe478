/* fuzz_lexicon.c - libFuzzer target for lexicon files and SSML.
 *
 * The first byte picks: even, a lexicon (loaded in check mode, then the
 * built-in French text normalized with it, marks split into runs); odd,
 * SSML parsed into a sink that checks the runs.  Input is made valid
 * UTF-8 first.
 * Build: make fuzz; run: build/fuzz/fuzz/fuzz_lexicon -max_len=4096 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "speech/phonemes.h"
#include "speech/ssml.h"
#include "speech/vrun.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/utf8.h"

static void quiet(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

/* Split text into runs and check they stay inside it. */
static void check_runs(void *ctx, const char *s, size_t n)
{
	struct vrun *r;
	size_t k = vrun_split(s, n, &r);

	for (size_t i = 0; i < k; i++)
		if (r[i].start > r[i].end || r[i].end > n)
			abort();
	vrun_free(r, k);
	(void)ctx;
}

static void no_pause(void *ctx, int ms)
{
	(void)ctx;
	(void)ms;
}

static int no_audio(void *ctx, const char *path)
{
	(void)ctx;
	(void)path;
	return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char line[] = "la KFOR et l'UE, Jens Stoltenberg au camp Nothing Hill";
	size_t len, bad;
	char *text;
	normalizer *n;

	if (!size)
		return 0;
	text = utf8_sanitize((const char *)data + 1, size - 1, &len, &bad);
	if (norm_new(&n, "fr"))
		abort();
	if (data[0] % 2 == 0) {
		char *z = calloc(1, len + 1);
		lexicon *lex;
		strbuf out;

		if (lex_new(&lex, "fr", phon_check_lex))
			abort();
		memcpy(z, text, len);
		for (size_t i = 0; i < len; i++)
			if (!z[i])
				z[i] = ' ';
		lex_load_text(lex, "fuzz.lex", z, quiet, NULL);
		norm_set_lexicon(n, lex);
		sb_init(&out);
		norm_line(n, line, strlen(line), &out);
		check_runs(NULL, sb_cstr(&out), out.len);
		norm_line(n, z, strcspn(z, "\n"), &out);
		sb_release(&out);
		lex_free(lex);
		free(z);
	} else {
		ssml_sink sink = { NULL, check_runs, no_pause, no_audio, NULL };
		ssml_parse(text, len, "fuzz.ssml", n, "fr", &sink);
	}
	norm_free(n);
	free(text);
	return 0;
}
