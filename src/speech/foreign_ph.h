/* foreign_ph.h - the phonemes of a foreign name between the maps and
 * eSpeak NG's mnemonics, shared by foreign_say.c (French rules) and
 * foreign_say_en.c (English rules).  Internal to src/speech. */
#ifndef CRIEUR_SPEECH_FOREIGN_PH_H
#define CRIEUR_SPEECH_FOREIGN_PH_H

#include <stddef.h>
#include <stdint.h>
#include "base/strbuf.h"

enum { MAX_PH = 128 };

struct ph {
	char s[4];
	char gem;             /* a long (doubled) consonant: Pekka, Mette */
	char fixed;           /* a mid vowel kept as the map says ("E!"), */
			      /* but at the end of the word: Ferenc, Imre; */
			      /* 2: there too (English May "mè") */
	char stress;          /* the source's stressed vowel (English) */
	char lng;             /* the source's long vowel (English) */
};

/* A vowel of the maps' French phonemes or of the English ones before
 * english_rules() (I, 3: see map_en/common.tsv). */
int ph_is_vowel(const char *p);
int ph_is_glide(const char *p);   /* j, w */
int ph_is_cons(const char *p);
int ph_is_affricate(const char *p);
/* Remove p[k] of the *n. */
void ph_drop(struct ph *p, size_t *n, size_t k);

/* Whether word ends with suffix (bytes; ASCII letters in any case). */
int word_ends_with(const char *word, const char *suffix);
/* The lower-case code points of word into cps (at most MAX_PH): their
 * number. */
size_t word_cps(const char *word, uint32_t *cps);

/* The letters of word (in language tag) French radio reads as written
 * where the source's voice says them otherwise (foreign_say_src.c), over
 * the mapped phonemes p[0..*n) once spelled_vowels() has said them. */
void source_letters(const char *tag, const char *word, struct ph *p, size_t *n);
/* A final written ing that the source voice says with its g (Norwegian
 * Erling) is "ing", as French says parking and English newsreaders say
 * it, not "ingue" nor "ingg"; in source_letters() and English text. */
void final_ing(const char *word, struct ph *p, size_t *n);

/* The French vowels of spelled_vowels() as map_en/common.tsv's letters. */
void english_letters(struct ph *p, size_t n);
/* A Turkish compound surname in -oğlu ("son of"): the stress on the
 * syllable before it, long as the word alone would say it (İmamoğlu
 * "i-MAH-mo-loo", Kılıçdaroğlu, Davutoğlu, Çavuşoğlu), stress & 2: a stress
 * english_rules() keeps over the language's "first". */
void english_turkish(const char *word, struct ph *p, size_t n);
/* Russian given names in -ail, -ai (written in the Ukrainian
 * transliteration's language, uk): the stress on their end, as English
 * newsreaders say Mikhail "mi-ka-EEL" (a, i apart), Nikolai "ni-ko-LAI",
 * stress & 2 over the language's "penult". */
void english_russian(const char *word, struct ph *p, size_t n);
/* English rules over the mapped phonemes (foreign_say_en.c): the
 * mnemonics of p[0..n) into out; flags: the language's "first",
 * "penult", "length", "devoice". */
void english_rules(struct ph *p, size_t n, const char *flags, int marks_long,
		   strbuf *out);

#endif
