/* lang_en.h - shared between the English module's files (lang_en.c: the
 * module, expressions, addresses on the web, codes, Roman numerals;
 * lang_en_words.c: abbreviations, initials, states, acronyms, symbols;
 * lang_en_num.c: numbers, ranges, scores, years; lang_en_measure.c: units
 * and measures; lang_en_money.c: money; lang_en_phone.c: telephone
 * numbers; lang_en_date.c: times and dates; lang_en_caps.c: US, WHO, IT
 * in headlines by context).  Not a public interface. */
#ifndef CRIEUR_LANG_EN_H
#define CRIEUR_LANG_EN_H

#include <stddef.h>
#include <stdint.h>
#include "base/strbuf.h"
#include "text/lang.h"
#include "text/tables.h"

/* What the keys of a table look like, to skip lookups that cannot hit:
 * their first bytes (lowered) and their longest length. */
struct en_keys {
	unsigned char first[256];
	size_t max_len;
};

/* Could the word s[0..n) be a key described by k? */
static inline int en_maybe_key(const struct en_keys *k, const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	return n && n <= k->max_len && k->first[c >= 'A' && c <= 'Z' ? c + 32 : c];
}

/* The English module's state: its tables (lexicon/en/ tables) and a
 * scratch buffer. */
struct en {
	struct table *abbr, *months, *cur, *scales, *units, *regnal, *acro,
		*zones, *sym, *expr, *elec, *addr, *starters,
		*context, *desig, *spell_gb;
	struct en_keys abbr_keys, expr_keys, month_keys;  /* quick rejections */
	int headline;      /* this line is written in capitals */
	int nflags;        /* EN_AND ("en", "en-GB": British), 0 ("en-US":
			    * no "and" inside numbers) */
	int variant;       /* EN_PLAIN "en", EN_GB "en-GB", EN_US "en-US" */
	strbuf sb;
};

/* The variant of English asked for (struct en's variant): numeric dates
 * (day or month first) and the spelling of spelled-out units. */
enum { EN_PLAIN, EN_GB, EN_US };

/* A number as written in English: [sign] digits [,ddd]* [.digits]. */
struct en_num {
	char d[64];        /* integer digits, commas removed; "" for ".5" */
	size_t nd;
	char f[64];        /* digits after the decimal point */
	size_t nf;
	int has_point;     /* a decimal point was written */
	int grouped;       /* thousands commas were written */
	int sign;          /* '-' or '+' written before, else 0 */
	const char *raw;   /* digits too long for d, read one by one */
	size_t nraw;
	size_t first;      /* first token (the sign or the number) */
	size_t next;       /* first token after the number */
};

/* Token helpers; i may be out of range (then false).  Inline: every rule
 * calls them on every token. */

/* Token i is a number. */
static inline int en_is_num(const struct tok_line *tl, size_t i)
{
	return i < tl->n && tl->tok[i].kind == TOK_NUM;
}

/* Token i is a word. */
static inline int en_is_word(const struct tok_line *tl, size_t i)
{
	return i < tl->n && tl->tok[i].kind == TOK_WORD;
}

/* Token i is the one-byte mark c. */
static inline int en_is_punct(const struct tok_line *tl, size_t i, char c)
{
	return i < tl->n && tl->tok[i].kind == TOK_PUNCT &&
		tl->tok[i].len == 1 && tl->tok[i].text[0] == c;
}

/* Token i exists and is glued to the token before it. */
static inline int en_glued(const struct tok_line *tl, size_t i)
{
	return i < tl->n && i > 0 && !(tl->tok[i].flags & TF_SPACE);
}

/* Token i is a word equal to w, ignoring ASCII case. */
static inline int en_word_is(const struct tok_line *tl, size_t i, const char *w)
{
	return en_is_word(tl, i) && (tl->tok[i].text[0] | 0x20) == (w[0] | 0x20) &&
		tok_eq_ci(&tl->tok[i], w);
}
/* Token i starts a new run (not glued to a word or a number before). */
static inline int en_run_start(const struct tok_line *tl, size_t i)
{
	return !en_glued(tl, i) || tl->tok[i - 1].kind == TOK_PUNCT;
}

/* Token j ends a run (nothing alphanumeric glued after it). */
static inline int en_run_end(const struct tok_line *tl, size_t j)
{
	return j >= tl->n || !en_glued(tl, j) || tl->tok[j].kind == TOK_PUNCT;
}

/* Value of NUM token i (at most 9 digits), or -1. */
long en_tok_val(const struct tok_line *tl, size_t i);
/* Row of the table for token i (exact text, then lowered), or NULL. */
const struct table_row *en_lookup(const struct table *t,
				  const struct tok_line *tl, size_t i);
/* Row for the glued tokens i..j-1 concatenated, exact then lowered. */
const struct table_row *en_lookup_span(const struct table *t,
				       const struct tok_line *tl, size_t i, size_t j);
/* A sentence starts at token i: the line ends, or a capitalized word that
 * lexicon/en/starters.tsv lists (after an abbreviation's full stop). */
int en_sentence_starts(struct en *en, const struct tok_line *tl, size_t i);
/* Does the word at token i (out of range, (size_t)-1: no) have role
 * (year_after, determiner, pron_next...) in lexicon/en/context.tsv? */
int en_word_role(struct en *en, const struct tok_line *tl, size_t i, const char *role);
/* Write sb as words standing for tokens first..last, then empty sb. */
void en_emit(struct norm_out *o, strbuf *sb, size_t first, size_t last);

/* Scan a number at token i (the sign, a leading '.' or the digits);
 * 0 when there is none there. */
int en_scan_num(const struct tok_line *tl, size_t i, struct en_num *n);
/* Say a number read as a quantity: sign, cardinal or decimal; strings of
 * five or more ungrouped digits or with a leading zero are read digit by
 * digit (codes, not quantities). */
void en_say_num(strbuf *sb, const struct en_num *n, int flags);
/* Make the last word of sb plural: "twenty" -> "twenties", "six" ->
 * "sixes" (lang_en.c). */
void en_plural_last(strbuf *sb);
/* The number is exactly one (singular units). */
int en_num_is_one(const struct en_num *n);
/* Value of the integer part of n, or -1 when too long or a decimal. */
long en_num_val(const struct en_num *n);
/* The word before token i, skipping an abbreviation's dot ("pp. 12"), or
 * (size_t)-1. */
size_t en_prev_word(const struct tok_line *tl, size_t i);

/* Returned by the steps of a number rule that do not apply (an end token
 * can be 0 only where nothing was read). */
#define EN_NOT_HERE ((size_t)-1)

/* Token i is the right ordinal suffix glued to n ("1st", not "1th"). */
int en_is_ordinal_suffix(const struct tok_line *tl, size_t i, const struct en_num *n);
/* Token i is a sign that may be in a table of currencies, units or
 * symbols: '$' or any non-ASCII mark (plain ASCII punctuation never is). */
int en_table_mark(const struct tok_line *tl, size_t i);
/* Token i is a lower-case word (a common noun or verb, say). */
int en_lower_word(const struct tok_line *tl, size_t i);
/* A rate after an amount ("/mo", "/yr"): says "per month" into sb and
 * returns the tokens used (2), or 0. */
size_t en_per_unit(struct en *en, const struct tok_line *tl, size_t i, strbuf *sb);
/* Whether the amount between tokens before and after is adjectival ("a $3
 * billion deal", "Hunt's £20bn tax cut"); before may be (size_t)-1. */
int en_adjectival(struct en *en, const struct tok_line *tl, size_t before, size_t after);
/* The scale word (million, billion...) that bn, m, k or the word at
 * token i stands for after an amount, or NULL (lang_en_money.c). */
const char *en_scale_at(struct en *en, const struct tok_line *tl, size_t i);
/* Say amount n in currency cur (a row of lexicon/en/currencies.tsv),
 * with scale (or NULL), adjectival or not, into sb (lang_en_money.c). */
void en_say_money(const struct en *en, strbuf *sb, const struct en_num *n,
		  const struct table_row *cur, const char *scale, int adjectival);

/* Number rules (lang_en_num.c, lang_en_money.c, lang_en_phone.c,
 * lang_en_date.c): each returns the tokens consumed, 0 if
 * the rule does not apply at token i. */
size_t en_rule_phone(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);
size_t en_rule_time(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);
size_t en_rule_date(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);
size_t en_rule_money(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);
size_t en_rule_number(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);

/* Word rules (lang_en_words.c), same contract. */
size_t en_rule_abbrev(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);
size_t en_rule_initials(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);
size_t en_rule_state(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);
size_t en_rule_acronym(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);
/* US, WHO, IT, AM and -LED in capitals as words where the context says so
 * (lang_en_caps.c); asked before the lexicon. */
size_t en_rule_caps_context(struct en *en, const struct tok_line *tl, size_t i,
			    struct norm_out *o);
size_t en_rule_symbol(struct en *en, const struct tok_line *tl, size_t i, struct norm_out *o);

/* Measures (lang_en_measure.c). */
/* Append the words of a spelled-out unit name (lexicon/en/units.tsv,
 * American) in the variant's spelling: British for en-GB ("kilometres
 * per hour", lexicon/en/spelling_gb.tsv), as written otherwise. */
void en_unit_name(const struct en *en, strbuf *sb, const char *name);
/* Say the unit at tokens from i (km, m², km/h, °C...) after a number;
 * returns tokens consumed, 0 if none.  plural picks the form. */
size_t en_unit(struct en *en, const struct tok_line *tl, size_t i, int plural, strbuf *sb);
/* Say the scale word and unit at tokens from i after the number n (plural
 * unless one or adjectival; before: the token before the number, or
 * (size_t)-1); returns the tokens used, 0 if none. */
size_t en_number_unit(struct en *en, const struct tok_line *tl, size_t i,
		      const struct en_num *n, size_t before, strbuf *sb);
/* Token j is a spaced "x" before a number ("2m x 3m"). */
int en_by_number(const struct tok_line *tl, size_t j);
/* More dimensions after a measure that ends before token j ("30cm x
 * 20cm"): says "by" and each; returns the end token, j if none. */
size_t en_more_dimensions(struct en *en, const struct tok_line *tl, size_t j,
			  size_t before, strbuf *sb);
/* n is a race distance of 1,100 to 1,900 metres, said in hundreds. */
int en_race_distance(struct en *en, const struct tok_line *tl, const struct en_num *n);
/* A height or body weight in two units after n ("6ft 2in", "11st 4lb"):
 * says it and returns the end token, or EN_NOT_HERE. */
size_t en_two_units(struct en *en, const struct tok_line *tl,
		    const struct en_num *n, strbuf *sb);

#endif
