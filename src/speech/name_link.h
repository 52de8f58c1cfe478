/* name_link.h - French names said without the liaison eSpeak NG adds.
 *
 * eSpeak NG's French rules link the silent last consonant of a word to a
 * vowel after it, names too: "Nicolas a dit" nikolaz a, "Dupont et
 * Durand" dypɔ̃t e, "Calais a" kalɛz a, "Thibaut est" tibot ɛ.  French
 * makes no liaison after a name, nor after a singular noun ("le pont
 * est fermé" pɔ̃ ɛ).  Before a French run reaches eSpeak NG, such a word
 * before a vowel is written as the phonemes eSpeak NG gives it without
 * the liaison consonant ("[[nikol'a]] a dit").  A name is a capitalized
 * word (not in capitals), except one that begins a sentence and is a
 * word of the French list in lower case ("Tous", "Ils", "Sont") or a
 * noun after a plural determiner of lexicon/fr/liaison.tsv ("les
 * Français ont", "les États-Unis et": a plural links) or an adjective
 * of unlinked.tsv that links ("le Grand Est"); a noun is a word of
 * lexicon/fr/unlinked.tsv ("pont", "mont", "front").  [[phonemes]]
 * are left alone (tests/unit/test_stay_native.c). */
#ifndef CRIEUR_NAME_LINK_H
#define CRIEUR_NAME_LINK_H

#include <stddef.h>
#include "base/strbuf.h"
#include "speech/voice.h"

/* Rewrite text[0..len), to be said by v (already selected in eSpeak NG),
 * into out when some name of it would be linked; returns 1 then, 0 when
 * the text is to be said as it is (out untouched).  Only French voices
 * are concerned. */
int name_link(const voice *v, const char *text, size_t len, strbuf *out);

#endif
