/* numbers_en.c - English number words (cardinals, ordinals, years...). */
#include "text/numbers_en.h"

#include <string.h>

static const char *const ones[20] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
};

static const char *const tens[10] = {
	"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety",
};

/* Scale words of the three-digit groups, from the units group up. */
static const char *const scales[7] = {
	"", "thousand", "million", "billion", "trillion", "quadrillion",
	"quintillion",
};

/* Irregular ordinals of the last word of a cardinal; others add "th"
 * ("y" becomes "ieth"). */
static const char *const ordinal_irregular[][2] = {
	{ "one", "first" }, { "two", "second" }, { "three", "third" },
	{ "five", "fifth" }, { "eight", "eighth" }, { "nine", "ninth" },
	{ "twelve", "twelfth" },
};

/* Whether a space is needed before a word appended after character c. */
static int needs_space(char c)
{
	switch (c) {
	case ' ': case '(': case '[': case '{': case '"': case '\'': case '`':
	case '-': case '/':
		return 0;
	default:
		return 1;
	}
}

/* Append one word with the spacing rule. */
void en_word(strbuf *out, const char *w)
{
	if (out->len && needs_space(out->buf[out->len - 1]))
		sb_addch(out, ' ');
	sb_adds(out, w);
}

/* Append 1..99 as words, "twenty-three" hyphenated. */
static void below_hundred(strbuf *out, unsigned v)
{
	if (v < 20) {
		en_word(out, ones[v]);
		return;
	}
	en_word(out, tens[v / 10]);
	if (v % 10) {
		sb_addch(out, '-');
		sb_adds(out, ones[v % 10]);
	}
}

/* Append 1..999; with and_rest, "and" joins hundreds and the rest. */
static void below_thousand(strbuf *out, unsigned v, int and_rest)
{
	if (v >= 100) {
		en_word(out, ones[v / 100]);
		en_word(out, "hundred");
		v %= 100;
		if (v && and_rest)
			en_word(out, "and");
	}
	if (v)
		below_hundred(out, v);
}

/* Skip leading zeros of d[0..*n); returns the first significant digit. */
static const char *skip_zeros(const char *d, size_t *n)
{
	while (*n && *d == '0') {
		d++;
		(*n)--;
	}
	return d;
}

/* Value of the three-digit group g (0 = units) of d[0..n). */
static unsigned group_value(const char *d, size_t n, size_t g)
{
	unsigned v = 0;
	size_t end = n - 3 * g, start = end >= 3 ? end - 3 : 0;

	for (size_t i = start; i < end; i++)
		v = v * 10 + (unsigned)(d[i] - '0');
	return v;
}

/* Cardinal of a digit string, three-digit groups. */
void en_cardinal(strbuf *out, const char *d, size_t n, int flags)
{
	d = skip_zeros(d, &n);
	if (!n) {
		en_word(out, "zero");
		return;
	}
	if (n > EN_MAX_DIGITS) {
		en_digits(out, d, n);
		return;
	}
	size_t groups = (n + 2) / 3;
	int higher = 0;

	for (size_t g = groups; g-- > 0;) {
		unsigned v = group_value(d, n, g);

		if (!v)
			continue;
		int use_and = flags & EN_AND;

		if (use_and && higher && v < 100)
			en_word(out, "and");      /* "one thousand and five" */
		below_thousand(out, v, use_and);
		if (g)
			en_word(out, scales[g]);
		higher = 1;
	}
}

/* Cardinal of a machine integer. */
void en_cardinal_u(strbuf *out, uint64_t v, int flags)
{
	char buf[24];
	size_t n = 0;

	do {
		buf[sizeof(buf) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	en_cardinal(out, buf + sizeof(buf) - n, n, flags);
}

/* Turn the last word of out (from byte start on) into its ordinal. */
static void ordinalize_last(strbuf *out, size_t start)
{
	size_t w = out->len;

	while (w > start && out->buf[w - 1] != ' ' && out->buf[w - 1] != '-')
		w--;
	const char *last = out->buf + w;

	for (size_t i = 0; i < sizeof(ordinal_irregular) /
	     sizeof(ordinal_irregular[0]); i++) {
		if (!strcmp(last, ordinal_irregular[i][0])) {
			sb_truncate(out, w);
			sb_adds(out, ordinal_irregular[i][1]);
			return;
		}
	}
	if (out->len > w && out->buf[out->len - 1] == 'y') {
		sb_truncate(out, out->len - 1);
		sb_adds(out, "ieth");
		return;
	}
	sb_adds(out, "th");
}

/* Ordinal of a digit string. */
void en_ordinal(strbuf *out, const char *d, size_t n, int flags)
{
	size_t start = out->len;
	size_t sig = n;

	skip_zeros(d, &sig);
	if (sig > EN_MAX_DIGITS) {
		en_digits(out, d, n);
		en_word(out, "th");
		return;
	}
	en_cardinal(out, d, n, flags);
	ordinalize_last(out, start);
}

/* Ordinal of a machine integer. */
void en_ordinal_u(strbuf *out, uint64_t v, int flags)
{
	size_t start = out->len;

	en_cardinal_u(out, v, flags);
	ordinalize_last(out, start);
}

/* Digits one by one. */
void en_digits(strbuf *out, const char *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (d[i] >= '0' && d[i] <= '9')
			en_word(out, ones[d[i] - '0']);
}

/* A year as said in news. */
void en_year(strbuf *out, unsigned y, int flags)
{
	unsigned hi = y / 100, lo = y % 100;

	if (y < 100 || y > 9999 || y % 1000 == 0 || (y > 1000 && y < 1010)) {
		en_cardinal_u(out, y, flags);
	} else if (y > 2000 && y < 2010) {
		en_word(out, flags & EN_AND ? "two thousand and" : "two thousand");
		en_word(out, ones[lo]);
	} else {
		below_hundred(out, hi);
		if (!lo) {
			en_word(out, "hundred");
		} else if (lo < 10) {
			en_word(out, "oh");
			en_word(out, ones[lo]);
		} else {
			below_hundred(out, lo);
		}
	}
}

/* Plural of the last word written. */
void en_pluralize_last(strbuf *out)
{
	size_t n = out->len;

	if (n >= 2 && out->buf[n - 1] == 'y' &&
	    !strchr("aeiou", out->buf[n - 2])) {
		sb_truncate(out, n - 1);
		sb_adds(out, "ies");
	} else {
		sb_adds(out, "s");
	}
}

/* A decade: nineteen nineties. */
void en_decade(strbuf *out, unsigned y)
{
	if (y < 100)
		below_hundred(out, y);
	else
		en_year(out, y, 0);
	en_pluralize_last(out);
}

/* A decimal: three point one four. */
void en_decimal(strbuf *out, const char *ip, size_t in,
		const char *fp, size_t fn, int flags)
{
	if (in)
		en_cardinal(out, ip, in, flags);
	en_word(out, "point");
	en_digits(out, fp, fn);
}

/* The denominator word of a fraction. */
void en_denominator(strbuf *out, uint64_t den, int plural, int flags)
{
	size_t start = out->len;

	if (den == 2) {
		en_word(out, plural ? "halves" : "half");
		return;
	}
	if (den == 4) {
		en_word(out, plural ? "quarters" : "quarter");
		return;
	}
	en_cardinal_u(out, den, flags);
	ordinalize_last(out, start);
	if (plural)
		sb_addch(out, 's');
}

/* A fraction: three quarters; over one, "seven over one" (no "firsts"). */
void en_fraction(strbuf *out, uint64_t num, uint64_t den, int flags)
{
	en_cardinal_u(out, num, flags);
	if (den == 1) {
		en_word(out, "over one");
		return;
	}
	en_denominator(out, den, num != 1, flags);
}

/* Minutes after the hour: oh five, forty-five. */
void en_minutes(strbuf *out, unsigned m)
{
	if (!m)
		return;
	if (m < 10)
		en_word(out, "oh");
	below_hundred(out, m % 100);
}

/* Value of one Roman digit, 0 if c is not one. */
static unsigned roman_digit(char c)
{
	switch (c) {
	case 'I': return 1;
	case 'V': return 5;
	case 'X': return 10;
	case 'L': return 50;
	case 'C': return 100;
	case 'D': return 500;
	case 'M': return 1000;
	default: return 0;
	}
}

/* Write the canonical Roman form of v (1..3999) into buf. */
static void roman_write(unsigned v, char *buf)
{
	static const unsigned val[] = { 1000, 900, 500, 400, 100, 90, 50,
					40, 10, 9, 5, 4, 1 };
	static const char *const sym[] = { "M", "CM", "D", "CD", "C", "XC",
					   "L", "XL", "X", "IX", "V", "IV", "I" };

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(val) / sizeof(val[0]); i++) {
		while (v >= val[i]) {
			strcat(buf, sym[i]);
			v -= val[i];
		}
	}
}

/* Value of a canonical Roman numeral, or 0. */
unsigned en_roman_value(const char *s, size_t n)
{
	unsigned v = 0;
	char canon[32];

	if (!n || n > 15)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned a = roman_digit(s[i]);
		unsigned b = i + 1 < n ? roman_digit(s[i + 1]) : 0;

		if (!a)
			return 0;
		v = a < b ? v - a : v + a;
	}
	if (!v || v > 3999)
		return 0;
	roman_write(v, canon);
	return strlen(canon) == n && !memcmp(canon, s, n) ? v : 0;
}
