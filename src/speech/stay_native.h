/* stay_native.h - French text said with French rules: eSpeak NG's French
 * dictionary sends some words to its English rules on its own (a letter
 * pattern: Sarkozy, Valls, Wallonie, INSEE, Élisabeth...; or a word of its
 * list).  Before a French run reaches eSpeak NG, each word it would switch
 * is respelled by lexicon/fr/stay_french.tsv until eSpeak NG reads it in
 * French; an English loan of the French word list ("week-end", in lower
 * case or beginning a sentence) keeps eSpeak NG's reading, unless
 * lexicon/fr.lex says it with French sounds ("flash", "meeting": then it
 * is no plain word of the run), but a place of the list
 * (Nancy, Waterloo) and a stem the table marks French (wallonne) do not
 * (tests/unit/
 * test_stay_native.c).  Words crieur itself sends to another language (a lexicon's
 * lang=en, <lang:en> marks, foreign names as [[phonemes]]) are not in the
 * run's plain words and are left alone. */
#ifndef CRIEUR_STAY_NATIVE_H
#define CRIEUR_STAY_NATIVE_H

#include <stddef.h>
#include "base/strbuf.h"
#include "speech/voice.h"

/* Rewrite text[0..len), to be said by v (already selected in eSpeak NG),
 * into out when some word of it would switch language; returns 1 then,
 * 0 when the text is to be said as it is (out untouched).  Only French
 * voices are concerned. */
int stay_native(const voice *v, const char *text, size_t len, strbuf *out);

/* How many words of text[0..len) eSpeak NG, with v selected, would read
 * in another language (for measures and tests). */
size_t stay_native_count(const voice *v, const char *text, size_t len);

#endif
