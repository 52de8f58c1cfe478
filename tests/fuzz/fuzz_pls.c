/* fuzz_pls.c - libFuzzer target: a W3C PLS lexicon converted to crieur's
 * format (pls_convert()), then loaded as a lexicon with the phoneme
 * check, as `crieur lexicon import` does.
 *
 * pls_convert() reads a file: the input goes to a scratch file first.
 * Build: make fuzz; run: build/fuzz/fuzz/fuzz_pls tests/fuzz/corpus/fuzz_pls */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "speech/phonemes.h"
#include "speech/pls.h"
#include "text/lexicon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	char lang[16];
	strbuf sb;
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/crieur-fuzz-pls-%ld.pls",
			 (long)getpid());
	if (!(f = fopen(path, "wb")))
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	sb_init(&sb);
	if (!pls_convert(path, "fr", &sb, lang, sizeof(lang))) {
		lexicon *lex;

		if (lex_new(&lex, "fr", phon_check_lex))
			abort();
		lex_load_text(lex, path, sb_cstr(&sb), NULL, NULL);
		lex_free(lex);
	}
	sb_release(&sb);
	return 0;
}
