/* lexicon.h - pronunciation lexicons: a headword and how to say it.
 *
 * A lexicon file (format: lexicon/README.md) has one entry a line: a
 * headword (one word, or several in "quotes", or everything before a TAB)
 * and one reading:
 *   Kafor            a respelling, said as written (several words in "...")
 *   [[kaf'OR]]       eSpeak NG phoneme mnemonics
 *   spell            letter by letter ("U E")
 *   word             as a word ("otan")
 *   lang=en          the headword said in another language's voice
 * and optionally `expand "Organisation du traité..."`: the first mention
 * in a bulletin says the expansion, later ones the reading.
 *
 * All-capital headwords (every word all capitals, 2 letters or more) match
 * case-sensitively, others case-insensitively.  Headwords are cut into
 * tokens like the text (token.h) and matched token for token, so elided
 * and possessive forms match: l'UE, d'OTAN, KFOR's; an all-capital
 * headword also matches with a plural s (ONGs).
 *
 * Layers: entries loaded later replace earlier ones with the same
 * headword (built-in lexicon/<lang>.lex, then --lexicon files, then a
 * bulletin's); the same headword twice in one file is an error.
 * Lookups are hashed (FNV-1a, open addressing). */
#ifndef CRIEUR_LEXICON_H
#define CRIEUR_LEXICON_H

#include <stddef.h>
#include "base/strbuf.h"
#include "text/token.h"

typedef struct lexicon lexicon;

enum lex_kind {
	LEX_RESPELL,    /* text: said as written */
	LEX_PHONEMES,   /* text: eSpeak NG mnemonics, without [[ ]] */
	LEX_SPELL,
	LEX_WORD,
	LEX_LANG,       /* lang: the headword in that language */
	LEX_DEFAULT,    /* only an expansion: the normalizer's way after it */
};

typedef struct lex_entry {
	const char *head;      /* as written in the file */
	enum lex_kind kind;
	const char *text;      /* LEX_RESPELL, LEX_PHONEMES; else NULL */
	char lang[8];          /* LEX_LANG: "en" */
	const char *expand;    /* NULL, or the first-mention expansion */
	const char *file;      /* where it was defined */
	int line;
	int builtin;           /* from the built-in tables (lex_load_builtin) */
	size_t ntok;           /* tokens in the headword */
} lex_entry;

/* Checks eSpeak NG mnemonics for lang; 0 when valid, else nonzero with
 * the first bad mnemonic written to bad[0..cap). */
typedef int (*lex_phoneme_check)(const char *lang, const char *ph, char *bad,
				 size_t cap);

/* eSpeak NG encodes each space-separated word of a [[...]] reading into
 * a fixed array of N_WORD_PHONEMES (200) phoneme codes with no bound
 * check (EncodePhonemes() called from TranslateWord3(), translate.h,
 * 1.51 to 1.52): longer words overwrite its globals and crash it.  A
 * mnemonic gives at most one code per byte, so a word of at most
 * LEX_PHONEME_WORD_MAX bytes is safe; "_^_" (its language switch, copied
 * into a 12-byte name unchecked) is refused too. */
enum { LEX_PHONEME_WORD_MAX = 160 };

/* Why the reading ph[0..n) cannot reach eSpeak NG (written to why), or
 * 0 when it can: a word longer than LEX_PHONEME_WORD_MAX bytes or an
 * eSpeak NG language switch. */
int lex_phonemes_unsafe(const char *ph, size_t n, char *why, size_t cap);

/* Called for every bad line when loading in check mode. */
typedef void (*lex_report_fn)(void *ctx, const char *msg);

/* An empty lexicon for language lang ("fr", "en", "fr-BE"...; phonemes
 * are checked against its eSpeak NG table through check, may be NULL),
 * in *out.  Returns 0 (it cannot fail).  lex_free(NULL) does nothing. */
int lex_new(lexicon **out, const char *lang, lex_phoneme_check check);
void lex_free(lexicon *lex);

/* Load the built-in lexicon for the lexicon's language (lexicon/fr.lex
 * for fr, fr-BE, fr-CH; lexicon/en.lex).  0 or CRIEUR_EFORMAT. */
int lex_load_builtin(lexicon *lex);

/* Load a file ("-": stdin) / text named `where` over what is there.
 * Without report, the first bad line fails the load with a detail
 * "FILE:LINE: ..."; with report, every bad line is reported through it,
 * loading goes on, and the result is CRIEUR_EFORMAT if any was bad. */
int lex_load_file(lexicon *lex, const char *path, lex_report_fn report, void *ctx);
int lex_load_text(lexicon *lex, const char *where, const char *text,
		  lex_report_fn report, void *ctx);

/* Entries and the longest headword in tokens. */
size_t lex_count(const lexicon *lex);
const lex_entry *lex_entry_at(const lexicon *lex, size_t i);

/* The entry for the text s[0..n) (a headword as written), or NULL. */
const lex_entry *lex_lookup(const lexicon *lex, const char *s, size_t n);

/* The entry matching tokens from i of tl (longest headword first), its
 * length in tokens in *ntok (a plural s counts in it), or NULL. */
const lex_entry *lex_match(const lexicon *lex, const struct tok_line *tl, size_t i,
			   size_t *ntok, int *plural);

/* Whether an expansion is said for e now; marks e as mentioned.  With
 * expansions off (lex_set_expansions(lex, 0)) always 0; for an entry of
 * the built-in tables, 0 unless lex_set_builtin_expansions(lex, 1): a
 * user's lexicon asks for its expansions, while the built-in tables only
 * hold theirs for a newsroom that wants them (a statement written from a
 * press release names the body in full before "(BERD)", and a listener
 * having text read wants what is written). */
int lex_first_mention(lexicon *lex, const lex_entry *e);
/* e counts as mentioned from now on (the text wrote its expansion out). */
void lex_mark_mentioned(lexicon *lex, const lex_entry *e);
/* Forget what was mentioned (a new bulletin, a new pass). */
void lex_forget_mentions(lexicon *lex);
void lex_set_expansions(lexicon *lex, int on);
void lex_set_builtin_expansions(lexicon *lex, int on);

/* The lexicon's language. */
const char *lex_lang(const lexicon *lex);

/* Write the spoken form of entry e, matched on source text s[0..n), to
 * out: the respelling, [[phonemes]], the letters spaced, the word in
 * lower case, or the text between voice marks (speech/voicemark.h). */
void lex_say(const lex_entry *e, const char *s, size_t n, strbuf *out);

#endif
