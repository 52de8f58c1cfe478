/* numbers_en.h - English number words: small pure expanders.
 *
 * Each function appends words to out, separated from what out already
 * holds by one space (none after an opening bracket, quote, hyphen or
 * slash, nor into an empty buffer).  Words are lower case; tens and units
 * are joined by a hyphen ("twenty-three"), as English spells them.
 * Digit strings are plain ASCII digits without separators; the callers
 * (lang_en.c) strip thousands commas first.  Nothing here looks at the
 * neighbouring words: deciding that a token is a year, a time or a price
 * is lang_en.c's job. */
#ifndef CRIEUR_NUMBERS_EN_H
#define CRIEUR_NUMBERS_EN_H

#include <stddef.h>
#include <stdint.h>
#include "base/strbuf.h"

/* Flags for en_cardinal() and en_ordinal(). */
enum {
	EN_AND = 1,     /* British "and" ("en", "en-GB"), the same in every
			 * group of a cardinal ("one hundred and
			 * twenty-three thousand four hundred and
			 * fifty-six", "one thousand and five"), in
			 * ordinals, years ("two thousand and five") and
			 * fractions; without it none ("en-US") */
};

/* The most significant digits en_cardinal() reads as a number (up to the
 * quintillions); longer strings are read digit by digit. */
#define EN_MAX_DIGITS 21

/* Append word w to out with the spacing rule above. */
void en_word(strbuf *out, const char *w);

/* Append the cardinal of d[0..n).  Leading zeros are skipped ("007" is
 * seven); an empty string or all zeros is "zero"; more than
 * EN_MAX_DIGITS significant digits are read digit by digit. */
void en_cardinal(strbuf *out, const char *d, size_t n, int flags);

/* en_cardinal() of a machine integer. */
void en_cardinal_u(strbuf *out, uint64_t v, int flags);

/* Append the ordinal of d[0..n): "first", "twenty-first", "one
 * hundredth", "one millionth".  Same limits as en_cardinal(). */
void en_ordinal(strbuf *out, const char *d, size_t n, int flags);
void en_ordinal_u(strbuf *out, uint64_t v, int flags);

/* Append d[0..n) digit by digit: "one two zero". */
void en_digits(strbuf *out, const char *d, size_t n);

/* Append a year as a newsreader says it (0 <= y <= 9999; larger values are
 * read as cardinals): 1999 "nineteen
 * ninety-nine", 1506 "fifteen oh six", 1900 "nineteen hundred", 2000 "two
 * thousand", 2005 "two thousand five", 2023 "twenty twenty-three", 340
 * "three forty"; with EN_AND, "two thousand and five". */
void en_year(strbuf *out, unsigned y, int flags);

/* Append a decade: 1990 "nineteen nineties", 2000 "two thousands", 1910
 * "nineteen tens"; a two-digit decade (90) is "nineties". */
void en_decade(strbuf *out, unsigned y);

/* Append a decimal number: integer digits ip[0..in) (may be empty: ".5"
 * is "point five"), then "point" and the fraction digits fp[0..fn) one by
 * one ("three point one four"). */
void en_decimal(strbuf *out, const char *ip, size_t in,
		const char *fp, size_t fn, int flags);

/* Append the denominator word of a fraction: "half"/"halves",
 * "quarter"/"quarters", else the ordinal ("third", "fifths"). */
void en_denominator(strbuf *out, uint64_t den, int plural, int flags);

/* Append a fraction num/den: "one half", "three quarters", "two thirds";
 * den 1 is "over one" ("seven over one"). */
void en_fraction(strbuf *out, uint64_t num, uint64_t den, int flags);

/* Append the minutes of a clock time after its hour: 0 appends nothing,
 * 5 "oh five", 45 "forty-five". */
void en_minutes(strbuf *out, unsigned m);

/* The value of a Roman numeral s[0..n) in canonical form (upper case,
 * subtractive pairs: IV, IX, XL, XC, CD, CM), 1..3999; 0 when s is not
 * one ("IIII", "IC", "MIX" is 1009 and valid: the caller decides). */
unsigned en_roman_value(const char *s, size_t n);

/* Append the plural of the last word of a phrase already in out: "y"
 * after a consonant becomes "ies", else "s" is added ("nineties",
 * "thousands"). */
void en_pluralize_last(strbuf *out);

#endif
