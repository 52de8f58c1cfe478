/* guess.c - the language of a whole text (see guess.h). */
#include "text/guess.h"
#include "text/tables.h"
#include "text/utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define WORDS_PATH "lexicon/guess.tsv"

static struct table *words;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void words_load(void)
{
	words = table_load(WORDS_PATH);   /* built in: never NULL in practice */
}

/* A letter of a word: ASCII, or Latin-1 and Latin Extended (not × ÷). */
static int is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

const char *lang_guess(const char *text, size_t len)
{
	size_t en = 0, fr = 0, i = 0;
	int quoted = 0;

	pthread_once(&words_once, words_load);
	while (words && i < len) {
		size_t start = i, end;
		uint32_t c = 0;
		int n = 0;

		/* a word: a run of letters (apostrophes and hyphens cut it:
		 * "l'OTAN" is "l" and "OTAN"); words between « and » are a
		 * quotation, maybe of another language, and do not count (to
		 * its » or the paragraph's end) */
		while (i < len && (n = utf8_decode(text + i, len - i, &c)) > 0 &&
		       is_letter(c))
			i += (size_t)n;
		end = i;
		if (end == start) {   /* not a letter: step over it */
			quoted = c == 0xAB ? 1 : c == 0xBB || c == '\n' ? 0 : quoted;
			i += n > 0 ? (size_t)n : 1;
		} else if (!quoted) {
			const struct table_row *r =
				table_get_lower(words, text + start, end - start);
			const char *l = table_field(r, 1);

			en += !strcmp(l, "en");
			fr += !strcmp(l, "fr");
		}
	}
	if (en >= GUESS_MIN_WORDS && en >= GUESS_RATIO * fr)
		return "en";
	if (fr >= GUESS_MIN_WORDS && fr >= GUESS_RATIO * en)
		return "fr";
	return NULL;
}
