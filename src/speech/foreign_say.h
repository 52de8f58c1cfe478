/* foreign_say.h - a foreign name said the way French radio says it.
 *
 * eSpeak NG gives the name's pronunciation in its own language's voice
 * (IPA); each phoneme goes through that language's map
 * (lexicon/foreign/map/TAG.tsv over map/common.tsv) to the nearest French
 * phoneme, French syllable rules choose the mid vowels and the nasals, and
 * the result goes back to the French voice as [[phonemes]], so the same
 * voice says it with French prosody.  Results are cached per word for the
 * whole process; every guess is kept for `crieur check`.
 *
 * eSpeak NG is one engine per process: call these only where no synth
 * stage is synthesizing (the speech chain normalizes before it speaks). */
#ifndef CRIEUR_FOREIGN_SAY_H
#define CRIEUR_FOREIGN_SAY_H

#include <stddef.h>
#include "base/strbuf.h"

/* Append to out "[[...]]", the French eSpeak NG phonemes for word[0..n)
 * written in source language lang ("sr"), for a text in text_lang.  0, or
 * nonzero (nothing appended) when it cannot: no map, an English text
 * (not mapped yet), eSpeak NG missing. */
int foreign_say(const char *text_lang, const char *lang, const char *word, size_t n,
		strbuf *out);

/* foreign_say() as the normalizer's hook (norm_set_foreign()). */
int foreign_say_hook(void *ctx, const char *text_lang, const char *lang,
		     const char *word, size_t n, strbuf *out);

/* A guessed name, as `crieur check` reports it. */
struct foreign_guess {
	const char *word;     /* as written */
	const char *lang;     /* source language: "sr" */
	const char *ipa;      /* eSpeak NG's IPA in that language */
	const char *said;     /* the phonemes said, without [[ ]] */
};

/* The guess foreign_say() made for word[0..n) in lang for a text in
 * text_lang, copied into *g (its strings live as long as the process):
 * 0, or -1 if it made none. */
int foreign_guess_find(const char *text_lang, const char *lang, const char *word,
		       size_t n, struct foreign_guess *g);

#endif
