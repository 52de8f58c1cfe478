/* guess.h - the language of a whole text, from its function words.
 *
 * A statement given with no language (no --lang, no --voice, no language
 * or voice in its script) is said in the language it is written in: the
 * words of lexicon/guess.tsv ("the", "of", "were"... against "le", "des",
 * "été"...) are counted, outside « quotations », and a language wins when it has at least
 * GUESS_MIN_WORDS of them and GUESS_RATIO times as many as the other. */
#ifndef CRIEUR_GUESS_H
#define CRIEUR_GUESS_H

#include <stddef.h>

#define GUESS_MIN_WORDS 4
#define GUESS_RATIO 3

/* "en" or "fr" when text[0..len) (UTF-8) is clearly in that language;
 * NULL when it is too short or too mixed to tell (the caller keeps its
 * default).  Thread-safe. */
const char *lang_guess(const char *text, size_t len);

#endif
