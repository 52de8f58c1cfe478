/* names.h - what a screen reader says for a character, a key, a symbol:
 * the tables lexicon/<fr|en>/keys.tsv and punctuation.tsv, in the
 * message's language (fr, fr-BE and fr-CH share French's).
 *
 * Output is plain words for eSpeak NG, not for the normalizer: a letter
 * stays the letter (eSpeak NG says a lone letter by its name), a digit
 * the digit. */
#ifndef CRIEUR_SD_NAMES_H
#define CRIEUR_SD_NAMES_H

#include <stddef.h>
#include "base/strbuf.h"
#include "sd/settings.h"

typedef struct sd_names sd_names;

/* The tables for lang; CRIEUR_EFORMAT if they are not embedded. */
int sd_names_new(sd_names **out, const char *lang);
void sd_names_free(sd_names *n);

/* The spoken form of one character (CHAR: c[0..len), one UTF-8
 * character, or "space").  A capital letter is said by the "capital"
 * pattern with cap spell, else *raise (when not NULL) is set for a higher
 * pitch. */
void sd_names_char(const sd_names *n, const char *c, size_t len,
		   enum sd_cap cap, strbuf *out, int *raise);

/* The spoken form of a key (KEY: "a", "A", "enter", "kp-5",
 * "control_alt_delete", "shift_kp-enter"...). */
void sd_names_key(const sd_names *n, const char *key, size_t len,
		  enum sd_cap cap, strbuf *out, int *raise);

/* text[0..len) with the punctuation that mode says replaced by its name
 * (sentence punctuation keeps its mark after the name, for the pause). */
void sd_names_punctuate(const sd_names *n, const char *text, size_t len,
			enum sd_punct mode, strbuf *out);

/* Whether text[0..len) has something to say but no letter or digit:
 * only symbols and punctuation (and spaces), as "?" or "…" or "-->". */
int sd_names_only_symbols(const sd_names *n, const char *text, size_t len);

/* text[0..len) spelled: every character said by sd_names_char(),
 * separated by commas (a short pause); words by "espace"/"space". */
void sd_names_spell(const sd_names *n, const char *text, size_t len,
		    enum sd_cap cap, strbuf *out);

#endif
