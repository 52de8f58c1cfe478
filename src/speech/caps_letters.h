/* caps_letters.h - capital abbreviations said as letters in every clause.
 *
 * eSpeak NG spells a word of two or three capitals it does not know ("AM",
 * "PM" after a time, an unknown acronym the normalizer leaves) only in a
 * clause with more than three lower-case letters and no more capitals than
 * lower-case ones; in a short clause ("one AM", "By XKQ.") it reads the
 * same word as a word ("am").  Before an English run reaches eSpeak NG,
 * such a word in such a clause is written as spaced letters ("A- M", the
 * normalizer's form) when eSpeak NG spells it in running text; a word it
 * reads as a word there too ("NO", "OK") is left alone. */
#ifndef CRIEUR_CAPS_LETTERS_H
#define CRIEUR_CAPS_LETTERS_H

#include <stddef.h>
#include "base/strbuf.h"
#include "speech/voice.h"

/* Rewrite text[0..len), to be said by v (already selected in eSpeak NG),
 * into out when some word of it needs spelling; returns 1 then, 0 when the
 * text is to be said as it is (out untouched).  Only English voices are
 * concerned; [[phonemes]] are left alone. */
int caps_letters(const voice *v, const char *text, size_t len, strbuf *out);

#endif
