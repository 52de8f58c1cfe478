/* phonemes.h - what eSpeak NG will say: IPA of normalized text, and a
 * check of eSpeak NG phoneme mnemonics against its phoneme tables. */
#ifndef CRIEUR_PHONEMES_H
#define CRIEUR_PHONEMES_H

#include <stddef.h>
#include "base/strbuf.h"
#include "speech/voice.h"
#include "text/lexicon.h"

/* Append to out the IPA eSpeak NG says for text (normalized; may hold
 * [[phonemes]] and voice marks, each run translated with its voice),
 * clauses and runs separated by one space.  0 or CRIEUR_EVOICE/ESYNTH. */
int phon_ipa(const char *text, size_t len, const voice *v, strbuf *out);

/* The same in eSpeak NG's phoneme mnemonics, as a lexicon writes them
 * between [[ ]] ("z'Orblaks"). */
int phon_mnemonics(const char *text, size_t len, const voice *v, strbuf *out);

/* Whether every mnemonic of ph ([[...]] content) is a phoneme of the
 * eSpeak NG phoneme table for lang ("fr", "fr-BE" -> fr, "en"): the
 * table and those it includes, read from espeak-ng-data/phontab, matched
 * longest first as eSpeak NG's EncodePhonemes() does.  0 when valid,
 * else 1 with the first bad mnemonic in bad[0..cap); -1 when the tables
 * cannot be read (bad says why).  A lex_phoneme_check. */
int phon_check(const char *lang, const char *ph, char *bad, size_t cap);

/* phon_check() as a lex_phoneme_check: nonzero for bad phonemes and
 * for missing tables alike. */
int phon_check_lex(const char *lang, const char *ph, char *bad, size_t cap);

/* A lexicon for lang with the phoneme check and the built-in entries
 * (lexicon/<lang>.lex), in *out.  Returns 0, or lex_load_builtin()'s
 * error (CRIEUR_EFORMAT) with a detail recorded and *out NULL. */
int phon_lexicon_new(lexicon **out, const char *lang);

#endif
