/* lang_fr.h - shared between the French rule files (lang_fr.c for words,
 * symbols and the rule table; lang_fr_num.c for numbers, dates, times;
 * lang_fr_sport.c for sports times and scores; lang_fr_rate.c for units
 * and rates without a number; lang_fr_roman.c for Roman numerals). */
#ifndef CRIEUR_LANG_FR_H
#define CRIEUR_LANG_FR_H

#include "text/lang.h"
#include "text/numbers_fr.h"
#include "text/tables.h"

struct fr {
	unsigned numflags;           /* NUMFR_BE / NUMFR_CH */
	struct table *abbr, *units, *cur, *fem, *masc, *roman, *months, *acr;
	struct table *names;         /* name_titles.tsv: titles, particles */
	struct table *starters;      /* sentence_starters.tsv */
	struct table *ctx;           /* contexts.tsv: what a sentence is about */
	strbuf sb;                   /* scratch for the expanders */
	int headline;                /* this line is written in capitals */
};

/* A rule: classify the tokens at i and, if they are its kind, expand them
 * and return how many were consumed; else return 0 and write nothing. */
typedef size_t fr_rule(struct fr *fr, const struct tok_line *tl, size_t i,
		       struct norm_out *o);

fr_rule fr_rule_date, fr_rule_time, fr_rule_phone, fr_rule_postcode, fr_rule_fraction,
	fr_rule_ordinal, fr_rule_number, fr_rule_currency_first, fr_rule_file_number;
/* lang_fr_sport.c: sports times, added time, set scores */
fr_rule fr_rule_chrono, fr_rule_added_time, fr_rule_sets, fr_rule_goal_minute,
	fr_rule_tiebreak, fr_rule_compact_duration;
/* lang_fr_rate.c: units and rates without a number before them */
fr_rule fr_rule_unit_per, fr_rule_per_word, fr_rule_per_formula;
/* lang_fr_restate.c: an abbreviation in brackets after its words */
fr_rule fr_rule_restated;
/* lang_fr_zone.c: time zones ("14 h 30 TU", "UTC+1") */
fr_rule fr_rule_zone;
/* lang_fr_roman.c: Roman numerals */
fr_rule fr_rule_roman_ordinal, fr_rule_roman;

/* The sentence around token i has a word of contexts.tsv whose field col
 * is val: (1, "economy") it is about the economy; (2, "goal") a goal. */
int fr_sentence_has(const struct fr *fr, const struct tok_line *tl, size_t i, int col,
		    const char *val);

/* Write fr->sb as words standing for tokens first..last, then clear it. */
void fr_flush(struct fr *fr, struct norm_out *o, size_t first, size_t last);

/* Token i is a WORD equal (ASCII case aside) to one of the '|'-separated
 * words in set ("h|H"). */
int fr_word_in(const struct tok_line *tl, size_t i, const char *set);

/* The month row (months.tsv) for the WORD at i, or NULL. */
const struct table_row *fr_month(const struct fr *fr, const struct tok_line *tl, size_t i);

/* The noun at i is feminine (lexicon list or ending rules). */
int fr_feminine(const struct fr *fr, const struct tok_line *tl, size_t i);

/* Ordinal suffix kind of s[0..n) ("er" 1, "re" 2, "es" 3, "nd" 5...), 0 if none. */
int fr_ordinal_suffix(const char *s, size_t n);

/* The suffix kind of s[0..n) after the number v, 0 if the suffix does not
 * fit it: "er"/"re" only after 1 ("1er", not "300ER"), "nd"/"de" only after
 * 2 ("2nd", not "4D"). */
int fr_ordinal_suffix_of(const char *s, size_t n, uint64_t v);

/* Say the ordinal v with a suffix kind from fr_ordinal_suffix(). */
void fr_say_ordinal(struct fr *fr, uint64_t v, int kind);

/* The unit row (units.tsv) for tokens from j, up to 4 glued ("km/h",
 * "°C", "m²"), not followed by a glued letter or apostrophe; *used gets
 * the number of tokens. */
const struct table_row *fr_unit_at(const struct fr *fr, const struct tok_line *tl,
				   size_t j, size_t *used);

/* Token t is a place of the word list spelled there with a capital
 * (lexicon/fr/places.txt, cities.txt: "Marseille", "Lens"). */
int fr_listed_place(const struct token *t);

/* The token before i is "n°" (2) or, a bracketed acronym aside
 * ("règlement (UE) 2016/679"), a noun a numbered act or file follows
 * ("arrêté", "dossier", "directive") (1); else 0. */
int fr_after_reference_noun(const struct tok_line *tl, size_t i);

/* Say the number value v as a cardinal (flags NUMFR_*) into fr->sb. */
void fr_cardinal(struct fr *fr, uint64_t v, unsigned flags);

/* Token i is a NUM of 1..maxlen digits; its value goes to *v. */
static inline int fr_num_at(const struct tok_line *tl, size_t i, size_t maxlen, uint64_t *v)
{
	if (i >= tl->n || tl->tok[i].kind != TOK_NUM || tl->tok[i].len > maxlen)
		return 0;
	return numfr_value(tl->tok[i].text, tl->tok[i].len, v);
}

/* Token i is the punctuation c glued to the token before it. */
static inline int fr_glued_punct(const struct tok_line *tl, size_t i, char c)
{
	return tok_is_punct(tl, i, c) && tok_glued(tl, i);
}

/* Token i is a NUM glued to the token before it. */
static inline int fr_glued_num(const struct tok_line *tl, size_t i)
{
	return i < tl->n && tl->tok[i].kind == TOK_NUM && tok_glued(tl, i);
}

#endif
