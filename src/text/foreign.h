/* foreign.h - the language a foreign name is written in, from its
 * spelling, tables of names and the other names of its statement.
 *
 * Data under lexicon/foreign/ (compiled in): langs.tsv (the source
 * languages, their eSpeak NG voice and how French radio treats them),
 * cues.tsv (letters, digraphs, endings per language, weighted), names.tsv
 * (common given names and surnames per language; places that only tell
 * the context), map/TAG.tsv and map_en/TAG.tsv (the phoneme maps onto
 * French and English, read by speech/foreign_say.c).
 *
 * Only a capitalized word that is not a word of the text's language
 * (text/wordlist.h) is a candidate, or, inside a sentence or before a
 * surname, one that is also a name of names.tsv ("Jan", "Péter"), or one
 * right after a given name of names.tsv that has a language ("Evo
 * Morales"); a word with a French spelling (-eau, -ault, -ier...) never
 * is.  A candidate whose cues and names score 8 or more in a language is
 * in it; a weaker score counts when the statement (this line and, fading,
 * the lines before) holds names or places of that language.  The text's
 * own language is never a name's (English names in English text); French
 * is one in English text only, by its spellings and names (Macron, Jean
 * Dufour; a name the English lists hold, Jean, only with French next to
 * it).  A particle (de, von der) does not break a full name, and a full
 * name has one language: a surname decided by its spelling alone takes
 * the language of a given name that says its own more strongly (Grzegorz
 * Schetyna is Polish, not German); a capitalized Flemish particle (De,
 * Van) makes the undecided surname after it Dutch (Bart De Wever). */
#ifndef CRIEUR_FOREIGN_H
#define CRIEUR_FOREIGN_H

#include <stddef.h>
#include "text/token.h"

enum { FOREIGN_MAX_LANGS = 24 };

/* A source language (a row of langs.tsv). */
struct foreign_lang {
	char tag[8];          /* "sr" */
	char voice[16];       /* eSpeak NG voice: "sr" */
	char nasal[8];        /* vowels French radio nasalizes before n/m + C */
	int translit;         /* spelled through translit_TAG.tsv first */
	char english[24];     /* how English says it: "length" (long vowels
			       * written, the others short), "first" (stress
			       * on the first syllable), "penult", "devoice",
			       * "tense", "light": see langs.tsv */
};

/* The source language tag ("sr"), or NULL; NULL too when the tables
 * cannot be read (a build without lexicon/foreign). */
const struct foreign_lang *foreign_lang_get(const char *tag);

/* Lower-case s[0..n) (Latin scripts) into out; the length written, at
 * most cap - 1 bytes, NUL-terminated. */
size_t foreign_lower(const char *s, size_t n, char *out, size_t cap);

struct foreign_word;

/* What a normalizer keeps between lines: the statement's languages, and
 * the words it has scored. */
struct foreign_state {
	int ctx[FOREIGN_MAX_LANGS];     /* names and places seen, fading */
	signed char *lang;              /* per token of the line: index or -1 */
	struct foreign_word *facts;     /* per token of the line */
	struct foreign_word *memo;      /* words seen, by hash */
	size_t cap;
};

void foreign_state_release(struct foreign_state *fs);
/* A new statement: forget the context. */
void foreign_state_reset(struct foreign_state *fs);

/* Decide the language of every candidate word of the line tl, for a text
 * in text_lang; the context carries over to the next line (halved). */
void foreign_scan_line(struct foreign_state *fs, const char *text_lang,
		       const struct tok_line *tl);

/* The source language of token i of the line last scanned, or NULL. */
const struct foreign_lang *foreign_token_lang(const struct foreign_state *fs, size_t i);

/* Whether names.tsv lists word[0..n) as a person's name, in any
 * language, French too ("Olaf", "Jean"): a word the press writes in title
 * case is then that name, not an acronym (text/lexicon.c). */
int foreign_is_name(const char *word, size_t n);

/* The language of a single word alone (no context), or NULL: for tests
 * and `crieur check`. */
const struct foreign_lang *foreign_word_lang(const char *text_lang, const char *word,
					     size_t n);

#endif
