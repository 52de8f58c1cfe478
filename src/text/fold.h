/* fold.h - case and accent folding of words, for word-list lookups.
 *
 * fold_lower() lower-cases Latin letters (ASCII, Latin-1, Latin
 * Extended-A); fold_key() also drops their diacritics and opens the
 * ligatures (œ -> oe, æ -> ae, ß -> ss), so "ÉTAT", "Etat" and "état"
 * share the key "etat".  Other code points are copied as they are.
 * Shared by the word-list generator (src/tools/wordlist.c) and the
 * lookups (wordlist.c), so both sides fold alike. */
#ifndef CRIEUR_FOLD_H
#define CRIEUR_FOLD_H

#include <stddef.h>

/* Write the lower-case form of s[0..n) (valid UTF-8) to out (room for
 * cap bytes, NUL-terminated); returns its length, or (size_t)-1 when it
 * does not fit. */
size_t fold_lower(const char *s, size_t n, char *out, size_t cap);

/* The same with diacritics dropped and ligatures opened. */
size_t fold_key(const char *s, size_t n, char *out, size_t cap);

#endif
