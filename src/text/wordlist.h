/* wordlist.h - is this an ordinary word of the language?  The Debian word
 * lists (wfrench: /usr/share/dict/french; wamerican + wbritish:
 * american-english, british-english) compiled into the binary.
 *
 * At build time src/tools/wordlist.c folds every word (fold.h: lower case,
 * no diacritics) and writes one sorted line per word, "key" or
 * "key<TAB>word" when the word differs from its key ("etat\tétat",
 * "nato\tNATO"); the lines are linked in as they are (wordlist_data.S).
 * A lookup is a binary search over those bytes: nothing is loaded or
 * allocated at start-up, and the pages a search touches are the only
 * ones read from the executable (about 20 per lookup).
 *
 * Languages: "fr" (also "fr-BE", "fr-CH", "fr-FR") and "en" (any "en-*";
 * American and British spellings together).  Thread-safe: read-only. */
#ifndef CRIEUR_WORDLIST_H
#define CRIEUR_WORDLIST_H

#include <stddef.h>
#include "base/strbuf.h"

/* Whether word[0..len) (UTF-8) is a word of lang's list, whatever its
 * case ("ALERTE", "Alerte", "alerte"), accents as written ("ETAT" is not
 * "état").  A list entry in capitals (an acronym: "NATO", "CIA") matches
 * only as written.  0 for an unknown language. */
int wordlist_contains(const char *lang, const char *word, size_t len);

/* Like wordlist_contains(), accents aside as well: "ETAT" finds "état".
 * On success appends the list's spelling to out (as the list writes it:
 * "président", "Elysée"; the list's acronym first when the word is one:
 * "US" -> "US", not "us"; else the accents as written: "GRÈVE" ->
 * "grève", not "grevé"; else the form without accents: "MARCHE" ->
 * "marche"; else the first accented one: "ETAT" -> "état") and returns 1. */
int wordlist_find(const char *lang, const char *word, size_t len, strbuf *out);

/* The number of words in lang's list (0 if none), for tests and reports. */
size_t wordlist_size(const char *lang);

#endif
