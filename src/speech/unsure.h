/* unsure.h - the words crieur will say by guesswork, for the editor to
 * check before air (`crieur check`).
 *
 * A word is said by guesswork when no lexicon has it, no normalization
 * rule reads it (numbers, abbreviations, units... change what is said),
 * and the language's word list (text/wordlist.h) does not know it; for a
 * capitalized word in French, the English list's names count too
 * ("Washington").  Words in capitals that no lexicon and no word list
 * has are unsure as well: their reading (a word, letters) is the
 * normalizer's guess from their shape.  So are the foreign names said
 * from their language's pronunciation (speech/foreign_say.h): the
 * language and eSpeak NG's IPA in it come with them. */
#ifndef CRIEUR_UNSURE_H
#define CRIEUR_UNSURE_H

#include <stddef.h>
#include "speech/voice.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/statement.h"

struct unsure {
	const char *file;         /* the statement's path or name */
	size_t line, column;      /* 1-based; the column counts characters */
	const char *word;         /* as written, word_len bytes */
	size_t word_len;
	const char *ipa;          /* what eSpeak NG will say, in IPA */
	const char *lexicon_line; /* ready to paste: WORD<TAB>[[mnemonics]] */
	const char *lang;         /* a foreign name: its language ("sr"), else NULL */
	const char *lang_ipa;     /* and eSpeak NG's IPA in that language */
};

/* Called for each unsure word, in text order; the strings live until it
 * returns. */
typedef void (*unsure_fn)(void *ctx, const struct unsure *u);

/* Report the unsure words of statement st, for the language of n (made
 * with norm_new and given lex, which may be NULL, with norm_set_lexicon)
 * spoken with voice v.  0, or an eSpeak NG error (CRIEUR_EVOICE...). */
int unsure_scan(const statement *st, normalizer *n, const lexicon *lex, const voice *v,
		unsure_fn fn, void *ctx);

#endif
