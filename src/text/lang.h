/* lang.h - what a language module implements, and the helpers it shares.
 *
 * How a line flows (normalize.c):
 *   1. tok_split() maps typography and cuts the line into tokens with
 *      source spans (see token.h for the token kinds and the TF_ flags).
 *   2. For i = 0 .. n-1, normalize.c calls lang->expand(state, tl, i, o).
 *      The module CLASSIFIES the token at i from itself and its neighbours
 *      (tl->tok[i-1], tl->tok[i+1], ...; TF_SPACE tells whether they are
 *      glued), then EXPANDS it with a small pure expander and its word
 *      tables, writing words with the out_*() functions below, and returns
 *      how many tokens it consumed (>= 1): "14 h 30" is 3 tokens (NUM WORD
 *      NUM), so expand returns 3 and normalize.c continues at i + 3.
 *      Returning 0 means "nothing special here": normalize.c then applies
 *      norm_default(): a WORD is copied as it is, the punctuation that
 *      helps prosody (. , ; : ! ? and '(' ')' as commas) is kept, a dash
 *      between spaces becomes a pause (comma), "..." before a lower-case
 *      word a comma, a hyphen or apostrophe inside words is kept, quotes
 *      (eSpeak NG ignores them) and any other symbol are dropped.
 *   3. Everything written with out_*() records which tokens it came from,
 *      so norm_line_map() can map output bytes back to source bytes.
 *
 * Registering a language: define a `const struct norm_lang norm_lang_xx`
 * in src/text/lang_xx.c, declare it below, and add a row to the `langs`
 * table at the top of normalize.c ("xx" and any variants such as "fr-BE"
 * mapping to the same module; the module gets the full tag in state_new).
 *
 * Shared helpers for modules (language-independent):
 *   tables.h      TSV tables from lexicon/ (embedded) with a hash lookup
 *   out_*()       output with spans (below)
 *   norm_scan_number()  a grouped number: "1 000 000", "6 492 000,5"
 *   norm_digits() reads a digit string digit by digit (long numbers)
 *   norm_scan_url() / norm_say_url()  URL and e-mail spelling skeleton */
#ifndef CRIEUR_LANG_H
#define CRIEUR_LANG_H

#include <stddef.h>
#include <stdint.h>
#include "base/strbuf.h"
#include "text/token.h"

/* Where expanded words go.  Words are separated by one space; out_punct
 * glues punctuation to the word before.  Every piece carries the span of
 * tokens [first, last] it stands for. */
struct norm_out;

/* Append the words s[0..n) (one or more, space-separated) standing for
 * tokens first..last. */
void out_words(struct norm_out *o, const char *s, size_t n, size_t first, size_t last);
/* Same, NUL-terminated. */
void out_word(struct norm_out *o, const char *s, size_t first, size_t last);
/* Append s with no space before it ("l'" then "U E" gives "l'U E"). */
void out_glued(struct norm_out *o, const char *s, size_t n, size_t first, size_t last);
/* Append the punctuation mark c (one of . , ; : ! ?) glued to the word
 * before; collapses repeats and never starts the line with it. */
void out_punct(struct norm_out *o, char c, size_t tok);
/* Copy token i as it is (a word passed through). */
void out_token(struct norm_out *o, const struct tok_line *tl, size_t i);
/* Nothing written since the line began. */
int out_empty(const struct norm_out *o);
/* The last byte written ('\0' when nothing). */
char out_last(const struct norm_out *o);
/* Remove the last n bytes written on this line, and the spans in them
 * (an elided "l'" that moves into the word after it). */
void out_drop(struct norm_out *o, size_t n);
/* This line's output so far (*len bytes); a module may change bytes in
 * place (elision: "de" -> "d'") but not the length. */
char *out_text(struct norm_out *o, size_t *len);

struct norm_lang {
	const char *name;                          /* "fr", "en" */
	/* Load tables; tag is the full language ("fr-BE").  NULL on failure
	 * (with err_set()). */
	void *(*state_new)(const char *tag);
	void (*state_free)(void *state);
	/* Classify and expand tokens from i on; return the number consumed, or
	 * 0 for the default handling described above. */
	size_t (*expand)(void *state, const struct tok_line *tl, size_t i,
			 struct norm_out *o);
	/* A new line (or segment) tl is about to be expanded (what the module
	 * learns of the whole line: is it a headline).  May be NULL. */
	void (*line)(void *state, const struct tok_line *tl);
	/* Like expand, but asked before the lexicon: a word that the lexicon
	 * would read as an acronym and the context shows is a word of the
	 * language ("TELL US" in a headline).  May be NULL. */
	size_t (*before_lexicon)(void *state, const struct tok_line *tl, size_t i,
				 struct norm_out *o);
};

extern const struct norm_lang norm_lang_fr;
extern const struct norm_lang norm_lang_en;

/* The default handling of token i (what a 0 from expand gets). */
void norm_default(const struct tok_line *tl, size_t i, struct norm_out *o);

/* A number written with digit groups, as found by norm_scan_number(). */
struct norm_number {
	char digits[64];      /* integer part, separators removed, '\0' */
	size_t ndigits;       /* 0 if the integer part was too long (>63) */
	char frac[64];        /* decimals after the decimal mark, or "" */
	size_t nfrac;
	size_t ntok;          /* tokens consumed */
	int grouped;          /* thousands separators were seen */
};

/* Read a number at token i (a TOK_NUM): the first group of 1-3 digits
 * may be followed by groups of exactly 3 digits, each after white space
 * (any kind) or after one of the thousands marks in `thou` glued on both
 * sides ("." and "'" in French, "," in English, NULL for none); then, glued, the decimal
 * mark `dec` and digits.  "12" alone is a number of one token.  Returns
 * ntok (0 if token i is not a TOK_NUM). */
size_t norm_scan_number(const struct tok_line *tl, size_t i, const char *thou, char dec,
			struct norm_number *num);

/* Whether day d of month m (1..12) exists in year y (0: any year, so
 * 29 February passes): read as a date only then, never invent one. */
int norm_real_date(uint64_t d, uint64_t m, uint64_t y);

/* Write the digits s[0..n) one by one with the names digit[0..9]
 * ("zéro", "un", ...), separated by spaces. */
void norm_digits(strbuf *sb, const char *s, size_t n, const char *const digit[10]);

/* The line is written in capitals ("LA FRANCE GAGNE", "RUSSIA AND
 * UKRAINE AGREE TO TALKS"): at least 3 all-capital words of 2 letters or
 * more, and 60% of them. */
int norm_is_headline(const struct tok_line *tl);

/* The number of tokens from i that form a URL (http://..., www....,
 * a.b.fr/x) or an e-mail address (a.b@c.fr), or 0. */
size_t norm_scan_url(const struct tok_line *tl, size_t i);

/* Words for the marks inside URLs and e-mails, per language. */
struct url_words {
	const char *dot, *at, *dash, *slash, *colon, *underscore;
};

/* Say tokens i..i+n-1 (a URL or e-mail found by norm_scan_url) as words
 * and marks ("www point exemple point fr barre oblique x"). */
void norm_say_url(struct norm_out *o, const struct tok_line *tl, size_t i, size_t n,
		  const struct url_words *w);

#endif
