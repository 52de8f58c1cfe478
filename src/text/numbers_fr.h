/* numbers_fr.h - French number words: cardinals, ordinals, decimals.
 *
 * Pure functions writing into a strbuf.  Spelling: traditional hyphenation
 * (hyphens between tens and units below one hundred, "et" without hyphens:
 * "vingt et un", "soixante-douze", "deux cent trois", "trois mille"),
 * which eSpeak NG reads exactly as the 1990 all-hyphen spelling.
 * Agreement: "quatre-vingts" and "deux cents" take their s only at the end
 * of a number or before million/milliard/billion; "mille" never varies.
 * Cardinals are defined for 0 <= v < 10^15 (up to "billions", 10^12). */
#ifndef CRIEUR_NUMBERS_FR_H
#define CRIEUR_NUMBERS_FR_H

#include <stddef.h>
#include <stdint.h>
#include "base/strbuf.h"

enum numfr_flag {
	NUMFR_FEM = 1 << 0,  /* feminine: "une", "vingt et une", "première" */
	NUMFR_BE = 1 << 1,   /* Belgian: septante, nonante */
	NUMFR_CH = 1 << 2,   /* Swiss: septante, huitante, nonante */
};

#define NUMFR_MAX 999999999999999ULL   /* the largest cardinal */

/* Append the cardinal of v (<= NUMFR_MAX) to sb. */
void numfr_cardinal(strbuf *sb, uint64_t v, unsigned flags);

/* Append the ordinal of v: 1 "premier" (NUMFR_FEM: "première"),
 * 2 "deuxième", 21 "vingt et unième", 80 "quatre-vingtième". */
void numfr_ordinal(strbuf *sb, uint64_t v, unsigned flags);

/* Append the digits after a decimal comma: up to three digits are one
 * number ("05" -> "zéro cinq", "303" -> "trois cent trois"), four to
 * six go by pairs ("1313" -> "treize treize"), more digit by digit
 * ("14159265" -> "un quatre un cinq neuf deux six cinq"). */
void numfr_decimals(strbuf *sb, const char *frac, size_t n, unsigned flags);

/* The decimals of a price: up to six digits read as one number after
 * their leading zeros ("2516" deux mille cinq cent seize), not in pairs. */
void numfr_decimals_whole(strbuf *sb, const char *frac, size_t n, unsigned flags);

/* Append s[0..n) digit by digit ("zéro un deux"). */
void numfr_digits(strbuf *sb, const char *s, size_t n);

/* The value of the digit string s[0..n); 0 if n is 0 or too large
 * (more than 15 significant digits), else 1. */
int numfr_value(const char *s, size_t n, uint64_t *v);

/* The denominator word of a fraction: 2 "demi", 3 "tiers", 4 "quart",
 * others the ordinal ("cinquième"); plural adds s except for tiers. */
void numfr_denominator(strbuf *sb, uint64_t d, int plural, unsigned flags);

#endif
