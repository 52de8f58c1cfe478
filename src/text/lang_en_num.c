/* lang_en_num.c - English numbers in context: ordinals, percentages,
 * fractions, ranges and scores, years and decades (units and measures are
 * in lang_en_measure.c, money in lang_en_money.c, telephone numbers in
 * lang_en_phone.c, times and dates in lang_en_date.c). */
#include "text/lang_en.h"
#include "text/numbers_en.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

int en_word_role(struct en *en, const struct tok_line *tl, size_t i, const char *role)
{
	const struct table_row *r;

	if (i == (size_t)-1 || !en_is_word(tl, i) || !(r = en_lookup(en->context, tl, i)))
		return 0;
	return strstr(table_field(r, 1), role) != NULL;
}

/* The word before token i, skipping an abbreviation's dot ("pp. 12"), or
 * (size_t)-1. */
size_t en_prev_word(const struct tok_line *tl, size_t i)
{
	if (i >= 2 && en_is_punct(tl, i - 1, '.') && en_glued(tl, i - 1))
		return en_is_word(tl, i - 2) ? i - 2 : (size_t)-1;
	return i >= 1 && en_is_word(tl, i - 1) ? i - 1 : (size_t)-1;
}

/* Token i is a sign that may be in a table of currencies, units or
 * symbols: '$' or any non-ASCII mark (€ £ ° ½); plain ASCII punctuation
 * is never looked up. */
int en_table_mark(const struct tok_line *tl, size_t i)
{
	return i < tl->n && tl->tok[i].kind == TOK_PUNCT &&
		(tl->tok[i].text[0] == '$' || (unsigned char)tl->tok[i].text[0] >= 0x80);
}

/* Is the word at token i one of list? */
static int word_in(const struct tok_line *tl, size_t i,
		   const char *const *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (en_word_is(tl, i, list[k]))
			return 1;
	return 0;
}

/* Token i is a lower-case word (a common noun or verb, say). */
int en_lower_word(const struct tok_line *tl, size_t i)
{
	return en_is_word(tl, i) && !(tl->tok[i].flags & (TF_UPPER | TF_CAPS));
}

/* Value of the integer part of n, or -1 when too long or a decimal. */
long en_num_val(const struct en_num *n)
{
	if (n->has_point || !n->nd || n->nd > 9)
		return -1;
	long v = 0;

	for (size_t k = 0; k < n->nd; k++)
		v = v * 10 + (n->d[k] - '0');
	return v;
}

/* The correct ordinal suffix of v: "st", "nd", "rd" or "th". */
static const char *ordinal_suffix(const char *d, size_t nd)
{
	unsigned last = nd ? (unsigned)(d[nd - 1] - '0') : 0;
	unsigned tens = nd > 1 ? (unsigned)(d[nd - 2] - '0') : 0;

	if (tens == 1)
		return "th";
	return last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
}

/* Token i is the right ordinal suffix for n. */
int en_is_ordinal_suffix(const struct tok_line *tl, size_t i,
			 const struct en_num *n)
{
	return en_glued(tl, i) && en_is_word(tl, i) && !n->has_point &&
		n->nd && en_word_is(tl, i, ordinal_suffix(n->d, n->nd));
}

/* ---- fractions, ranges, years: a number and what follows ---- */

/* A mixed number's fraction after a whole number: "2 1/2" two and a half.
 * Returns the tokens used from i (the numerator), 0 if none. */
static size_t mixed_fraction(const struct en *en, const struct tok_line *tl, size_t i, strbuf *sb)
{
	long a = en_tok_val(tl, i), b = en_tok_val(tl, i + 2);

	if (a < 1 || b < 1 || en_glued(tl, i) || !en_is_punct(tl, i + 1, '/') ||
	    !en_glued(tl, i + 1) || !en_is_num(tl, i + 2) || !en_glued(tl, i + 2) ||
	    (en_is_punct(tl, i + 3, '/') && en_glued(tl, i + 3)))
		return 0;
	en_word(sb, "and");
	if (a == 1 && b == 2)
		en_word(sb, "a half");
	else
		en_fraction(sb, (uint64_t)a, (uint64_t)b, en->nflags);
	size_t j = i + 3;
	if (en_is_word(tl, j) && en_glued(tl, j) && tl->tok[j].len == 2)
		j++;                      /* 1/4th */
	return j - i;
}

/* The number n is a plausible year (four digits, 1000..2099). */
static int yearish(const struct en_num *n)
{
	long v = en_num_val(n);

	return !n->grouped && !n->sign && n->nd == 4 && v >= 1000 && v <= 2099;
}

/* The number n and the four digits at token k are a year and one of the
 * next three ("2022/2023", "1999/2000", "2019 / 2020"): no fraction. */
static int slashed_years(const struct en_num *n, const struct tok_line *tl, size_t k)
{
	long a = en_num_val(n), b = en_tok_val(tl, k);

	return yearish(n) && en_is_num(tl, k) && tl->tok[k].len == 4 &&
		b > a && b - a <= 3 && b <= 2099;
}

/* A fraction n/den at '/' token i: "three quarters"; "12/kg" twelve per
 * kilogram.  Returns tokens used from i, 0 if none. */
static size_t fraction(struct en *en, const struct tok_line *tl, size_t i,
		       const struct en_num *n, strbuf *sb)
{
	long a = en_num_val(n), b;
	size_t j;

	if (!en_is_punct(tl, i, '/') || !en_glued(tl, i) || !en_glued(tl, i + 1))
		return 0;
	if (en_is_word(tl, i + 1) && (j = en_per_unit(en, tl, i, sb)) > 0) {
		/* "12/kg": the number was said by the caller */
		return j;
	}
	b = en_tok_val(tl, i + 1);
	if (a < 0 || b < 1 || n->sign || (en_is_punct(tl, i + 2, '/') && en_glued(tl, i + 2)))
		return 0;
	if (yearish(n) && tl->tok[i + 1].len == 2 && b == (a + 1) % 100) {
		en_year(sb, (unsigned)a, en->nflags);          /* the 2023/24 season */
		en_word(sb, "to");
		en_cardinal_u(sb, (uint64_t)b, 0);
		return 2;
	}
	if (slashed_years(n, tl, i + 1)) {
		en_year(sb, (unsigned)a, en->nflags);          /* 2022/2023 */
		en_word(sb, "to");
		en_year(sb, (unsigned)b, en->nflags);
		return 2;
	}
	en_fraction(sb, (uint64_t)a, (uint64_t)b, en->nflags);
	j = i + 2;
	if (en_is_word(tl, j) && en_glued(tl, j) && tl->tok[j].len == 2 &&
	    strchr("sSnNrRtT", tl->tok[j].text[0]))
		j++;                      /* 1/4th, 1/3RD */
	return j - i;
}

/* Token j looks like a verb's past tense ("1994 held" is a year that
 * did something, "1994 votes" a count): a lower-case word ending in
 * "ed", not "eed" ("need", "speed"); irregular ones are year_after in
 * lexicon/en/context.tsv. */
static int past_tense(const struct tok_line *tl, size_t j)
{
	const struct token *t = &tl->tok[j];

	return en_lower_word(tl, j) && t->len >= 4 && t->text[t->len - 2] == 'e' &&
		t->text[t->len - 1] == 'd' && t->text[t->len - 3] != 'e';
}

/* The number at token i is the second of a pair of years: "between 1939
 * and 1945", "1914 or 1918". */
static int year_pair(const struct tok_line *tl, size_t i)
{
	struct en_num a;

	return i >= 2 && (en_word_is(tl, i - 1, "and") || en_word_is(tl, i - 1, "or")) &&
		en_is_num(tl, i - 2) && (i < 3 || !en_glued(tl, i - 2)) &&
		en_scan_num(tl, i - 2, &a) && a.next == i - 1 && yearish(&a);
}

/* The number at token i follows a period of the year written as a code:
 * a quarter or a half ("Q3 2024 results", "H1 2025 sales"). */
static int after_period(const struct tok_line *tl, size_t i)
{
	const struct token *d = i >= 2 ? &tl->tok[i - 1] : NULL;

	return d && d->kind == TOK_NUM && d->len == 1 && !en_glued(tl, i) &&
		en_glued(tl, i - 1) && !(i >= 3 && en_glued(tl, i - 2)) &&
		((en_word_is(tl, i - 2, "Q") && d->text[0] >= '1' && d->text[0] <= '4') ||
		 (en_word_is(tl, i - 2, "H") && d->text[0] >= '1' && d->text[0] <= '2'));
}

/* Is the number n at tokens [n->first, next) a year here?  Years are read
 * in pairs; a count of things ("1500 people") is a cardinal. */
static int is_year(struct en *en, const struct tok_line *tl, const struct en_num *n)
{
	size_t j = n->next;

	if (!yearish(n))
		return 0;
	if (n->first && en_table_mark(tl, n->first - 1) &&
	    en_lookup(en->cur, tl, n->first - 1))
		return 0;
	if (en_word_role(en, tl, en_prev_word(tl, n->first), "counter"))
		return 0;                  /* "Section 1112", "flight 1549" */
	if (n->first && (en_word_role(en, tl, n->first - 1, "year_before") ||
			 en_word_role(en, tl, n->first - 1, "determiner") ||
			 after_period(tl, n->first)))
		return 1;                  /* "in 2020 people", "the 1975 film" */
	if (en_lower_word(tl, j) && !en_word_role(en, tl, j, "year_after") &&
	    !past_tense(tl, j) && !year_pair(tl, n->first))
		return 0;
	return 1;
}

/* A decade: "1990s", "'90s", "80's", "1980 s": tokens used after the
 * number (0 if not a decade). */
static size_t decade_suffix(const struct tok_line *tl, const struct en_num *n)
{
	size_t j = n->next;
	long v = en_num_val(n);

	if (v < 0 || v % 10 || n->grouped || n->sign || (n->nd != 2 && n->nd != 4))
		return 0;
	if (en_word_is(tl, j, "s") && en_glued(tl, j))
		return 1;
	if (en_is_punct(tl, j, '\'') && en_glued(tl, j) && en_word_is(tl, j + 1, "s") &&
	    en_glued(tl, j + 1))
		return 2;
	if (n->nd == 4 && en_word_is(tl, j, "s") && !en_glued(tl, j) &&
	    !en_is_word(tl, j + 1))
		return 1;
	return 0;
}

/* A street name ahead: a capitalized word then a street abbreviation
 * ("1428 Elm St.", "708 N 1st St"), within a few tokens from i. */
static int street_ahead(struct en *en, const struct tok_line *tl, size_t i)
{
	if (!(en_is_word(tl, i) && (tl->tok[i].flags & TF_UPPER)))
		return 0;
	for (size_t k = i + 1; k < i + 6 && k < tl->n; k++) {
		const struct table_row *r;

		if (tl->tok[k].kind == TOK_PUNCT && !en_is_punct(tl, k, '.'))
			return 0;
		if (en_is_word(tl, k) && !(tl->tok[k].flags & TF_CAPS) &&
		    (r = en_lookup(en->abbr, tl, k)) && strcmp(table_field(r, 2), "-"))
			return 1;
	}
	return 0;
}

/* Token i is a capitalized word or a number. */
static int capitalized_or_num(const struct tok_line *tl, size_t i)
{
	return en_is_num(tl, i) || (en_is_word(tl, i) && (tl->tok[i].flags & TF_UPPER));
}

/* The word at i marks an era: AD, BC, A.D., B.C.E. */
static int era_at(const struct tok_line *tl, size_t i)
{
	static const char *const eras[] = { "ad", "bc", "bce", "ce" };

	if (word_in(tl, i, eras, 4))
		return 1;
	return (en_word_is(tl, i, "a") || en_word_is(tl, i, "b")) &&
		en_is_punct(tl, i + 1, '.') && en_glued(tl, i + 1) &&
		(en_word_is(tl, i + 2, "d") || en_word_is(tl, i + 2, "c")) &&
		en_glued(tl, i + 2);
}

/* The number n is a plain 0. */
static int is_zero(const struct en_num *n)
{
	return n->nd == 1 && n->d[0] == '0' && !n->has_point && !n->sign;
}

/* The word for the nought of the score a-b (b ends before token k), or
 * NULL: "love" in a list of tennis sets ("6-0, 6-2": a set is 6-0), else
 * British "nil" (football: "2-0", "won 2-1, 3-0"; en, en-GB), NULL in
 * en-US ("zero"). */
static const char *nought_word(struct en *en, const struct tok_line *tl,
			       const struct en_num *a, size_t k, const struct en_num *b)
{
	size_t f = a->first;

	if (!(is_zero(a) || is_zero(b)) || a->nd > 2 || b->nd > 2)
		return NULL;
	if (en_num_val(a) + en_num_val(b) != 6)
		return en->nflags & EN_AND ? "nil" : NULL;     /* no set: "won 2-1, 3-0" */
	if ((en_is_punct(tl, k, ',') && en_is_num(tl, k + 1)) ||
	    (f >= 2 && en_is_punct(tl, f - 1, ',') && en_is_num(tl, f - 2)))
		return "love";
	return en->nflags & EN_AND ? "nil" : NULL;
}

/* A word of role "vote" at token k or among the three words before it,
 * in the same clause: "voted 52-48", "passed the Senate 51-49". */
static int vote_before(struct en *en, const struct tok_line *tl, size_t k)
{
	for (int w = 0; w < 4 && k != (size_t)-1 && en_is_word(tl, k); w++, k = k ? k - 1 : (size_t)-1)
		if (en_word_role(en, tl, k, "vote"))
			return 1;
	return 0;
}

/* A word of role anywhere in the line ("cricket": overs, wickets...). */
static int line_has_role(struct en *en, const struct tok_line *tl, const char *role)
{
	for (size_t k = 0; k < tl->n; k++)
		if (en_word_role(en, tl, k, role))
			return 1;
	return 0;
}

/* Betting odds at the '/' or '-' token j after the number n: "5/1",
 * "11/4 favourite", "33-1 shot".  Either a word of role "odds_after"
 * follows (favourite, shot, outsider), or the line has a word of role
 * "odds" (odds, bookmakers, punters) and "at", "of" or "to" comes before,
 * or for a slash "are", "is", "was"...; never before "of" (1/3 of bets).  "five to one": the end
 * token, or EN_NOT_HERE. */
static size_t odds(struct en *en, const struct tok_line *tl, const struct en_num *n,
		   size_t j, strbuf *sb)
{
	static const char *const before_odds[] = { "at", "of", "to", "are", "is", "was",
						   "were", "be", "from" };
	long b = en_tok_val(tl, j + 1);
	size_t k = j + 2, p = en_prev_word(tl, n->first);
	int ok = 0;

	if (!(en_is_punct(tl, j, '/') || en_is_punct(tl, j, '-')) || !en_glued(tl, j) ||
	    !en_glued(tl, j + 1) || n->has_point || n->grouped || n->sign || n->nd > 3 ||
	    b < 1 || b > 999 || tl->tok[j + 1].len > 3 || en_word_is(tl, k, "of") ||
	    !en_run_end(tl, k) || (en_glued(tl, k) && (en_is_punct(tl, k, '/') ||
						    en_is_punct(tl, k, '-'))))
		return EN_NOT_HERE;
	if (en_word_role(en, tl, k, "odds_after"))
		ok = 1;
	else if (en_word_is(tl, k, "second") || en_word_is(tl, k, "joint"))
		ok = en_word_role(en, tl, k + 1, "odds_after");  /* 9/2 second favourite */
	else if (p != (size_t)-1 && word_in(tl, p, before_odds,
					     en_is_punct(tl, j, '-') ? 3 : ARRAY_SIZE(before_odds)))
		ok = line_has_role(en, tl, "odds");      /* "were 2-0 up": a score */
	if (!ok)
		return EN_NOT_HERE;
	en_say_num(sb, n, en->nflags);
	en_word(sb, "to");
	en_cardinal_u(sb, (uint64_t)b, en->nflags);
	return k;
}

/* a-b (b ends before token k, u: a unit's tokens there) is a bowler's
 * figures, wickets for runs ("Anderson took 5-43", "figures of 4-21"):
 * up to ten wickets, ten runs or more, after a word of role "figures" (or
 * "of" after one) or in a line about cricket, never after a result ("lost
 * 3-12"), a vote, "from" or "between". */
static int bowling_figures(struct en *en, const struct tok_line *tl, const struct en_num *a,
			   const struct en_num *b, size_t before, size_t k, size_t u)
{
	long w = en_num_val(a), r = en_num_val(b);
	size_t p = before;

	if (w < 0 || w > 10 || r < 10 || r > 300 || a->has_point || b->has_point ||
	    a->sign || u || en_is_punct(tl, k, '%') || !en_is_word(tl, before) ||
	    en_word_role(en, tl, before, "result") || vote_before(en, tl, before) ||
	    en_word_is(tl, before, "from") || en_word_is(tl, before, "between"))
		return 0;
	if (en_word_is(tl, p, "of") && p > 0)
		p = en_prev_word(tl, p);
	return en_word_role(en, tl, p, "figures") || line_has_role(en, tl, "cricket");
}

/* a-b (b ends before token k, u: a unit's tokens there) is a cricket
 * innings, runs for wickets ("India were 245-6"): at least 100 runs, at
 * most ten wickets, after a word, no unit, percent or vote around it. */
static int cricket_score(struct en *en, const struct tok_line *tl, const struct en_num *a,
			 const struct en_num *b, size_t before, size_t k, size_t u)
{
	long r = en_num_val(a), w = en_num_val(b);

	return r >= 100 && r <= 999 && !a->grouped && w >= 0 && w <= 10 && !u &&
		en_is_word(tl, before) &&         /* in a sentence, not "978-0" */
		!en_is_punct(tl, k, '%') && !vote_before(en, tl, before) &&
		!(before != (size_t)-1 && en_word_is(tl, before, "from")) &&
		!en_word_role(en, tl, en_prev_word(tl, a->first), "counter");
}

/* Token k, after a-b, is a glued plural s: an age band ("the 16-24s"). */
static int age_band(const struct tok_line *tl, size_t k)
{
	return en_word_is(tl, k, "s") && tl->tok[k].len == 1 && en_glued(tl, k) &&
		en_run_end(tl, k + 1);
}

/* Token k is a glued hyphen before an age's unit and "-old(s)": the
 * range before it is of ages ("16-24-year-olds", "6-12-month-old"). */
static int age_glued(const struct tok_line *tl, size_t k)
{
	static const char *const units[] = { "year", "years", "month", "months",
					     "week", "weeks", "day", "days" };

	return en_is_punct(tl, k, '-') && en_glued(tl, k) && en_glued(tl, k + 1) &&
		word_in(tl, k + 1, units, ARRAY_SIZE(units)) &&
		en_is_punct(tl, k + 2, '-') && en_glued(tl, k + 2) &&
		(en_word_is(tl, k + 3, "old") || en_word_is(tl, k + 3, "olds"));
}

/* The number at token first follows a range of ages in a list: ",",
 * "and" or "or" after a glued a-b that a word of role range_before
 * opens, or another such range ("aged 18-24, 25-34 and 35-44"). */
static int listed_range(struct en *en, const struct tok_line *tl, size_t first)
{
	size_t k = first;

	if (k < 4 || !(en_is_punct(tl, k - 1, ',') || en_word_is(tl, k - 1, "and") ||
		       en_word_is(tl, k - 1, "or")))
		return 0;
	k -= en_is_punct(tl, k - 2, ',') ? 2 : 1;     /* "25-34, and" */
	if (k < 3 || !en_is_num(tl, k - 1) || !en_is_punct(tl, k - 2, '-') ||
	    !en_glued(tl, k - 2) || !en_glued(tl, k - 1) || !en_is_num(tl, k - 3))
		return 0;
	return en_word_role(en, tl, en_prev_word(tl, k - 3), "range_before") ||
		listed_range(en, tl, k - 3);
}

/* "A-B" after the number a (tokens to the '-' at j): a year range, a
 * range of quantities or a score.  Returns the end token, 0 if not. */
static size_t range(struct en *en, const struct tok_line *tl, const struct en_num *a,
		    size_t j, strbuf *sb)
{
	struct en_num b;
	size_t before = a->first ? a->first - 1 : (size_t)-1, k, u;
	const char *nought;

	if (!en_is_punct(tl, j, '-') || !en_is_num(tl, j + 1) ||
	    en_glued(tl, j) != en_glued(tl, j + 1) || !en_scan_num(tl, j + 1, &b))
		return 0;
	k = b.next;
	if (en_glued(tl, j) && age_glued(tl, k) && !a->has_point && !b.has_point &&
	    !a->sign) {
		en_say_num(sb, a, en->nflags);     /* 16-24-year-olds: sixteen to */
		en_word(sb, "to");                 /* twenty-four year olds */
		en_say_num(sb, &b, en->nflags);
		return k;
	}
	if (en_is_punct(tl, k, '-') && en_glued(tl, k) && en_glued(tl, k + 1))
		return 0;                                  /* a serial: 1-413-5 */
	if (en_glued(tl, j) && !a->grouped && !a->has_point && !b.has_point &&
	    en_word_role(en, tl, en_prev_word(tl, a->first), "digits")) {
		en_digits(sb, a->d, a->nd);                /* Boeing 787-9: a model */
		if (b.nd >= 4 || (b.nd > 1 && b.d[0] == '0'))
			en_digits(sb, b.d, b.nd);          /* PIN 1234-5678 */
		else
			en_say_num(sb, &b, en->nflags);    /* 747-400 */
		return k;
	}
	u = en_unit(en, tl, k, 1, NULL);
	if (!u && yearish(a) && ((yearish(&b) && en_num_val(&b) > en_num_val(a)) ||
				 (b.nd == 2 && !b.has_point))) {
		en_year(sb, (unsigned)en_num_val(a), en->nflags);
		en_word(sb, "to");
		if (b.nd == 4)
			en_year(sb, (unsigned)en_num_val(&b), en->nflags);
		else if (b.d[0] == '0') {
			en_word(sb, "oh");                          /* 2000-01 */
			en_cardinal_u(sb, (uint64_t)en_num_val(&b), 0);
		}
		else
			en_say_num(sb, &b, 0);
		return k;
	}
	if (!en_glued(tl, j))
		return 0;
	size_t save = sb->len;
	en_say_num(sb, a, en->nflags);
	if (before != (size_t)-1 && en_word_is(tl, before, "between"))
		en_word(sb, "and");
	else if (en_is_punct(tl, k, '='))
		en_word(sb, "minus");
	else if (cricket_score(en, tl, a, &b, before, k, u) ||
		 bowling_figures(en, tl, a, &b, before, k, u))
		en_word(sb, "for");                /* 245-6: runs for wickets; 5-43 */
	else if (u || en_is_punct(tl, k, '%') || (a->nd > 2 && b.nd > 2) ||
		 vote_before(en, tl, before) ||
		 (en_lower_word(tl, k) && !en_word_role(en, tl, k, "year_after") &&
		  !en_word_role(en, tl, k, "score_noun")) ||
		 (before != (size_t)-1 && en_word_is(tl, before, "from") &&
		  !en_word_role(en, tl, k, "score_state")) ||   /* from 2-0 down */
		 en_word_role(en, tl, en_prev_word(tl, a->first), "counter") ||
		 en_word_role(en, tl, en_prev_word(tl, a->first), "range_before") ||
		 listed_range(en, tl, a->first) || age_band(tl, k))
		en_word(sb, "to");
	else if ((nought = nought_word(en, tl, a, k, &b))) {   /* 2-0, 6-0 */
		sb_truncate(sb, save);
		if (is_zero(a))
			en_word(sb, nought);
		else
			en_say_num(sb, a, en->nflags);
		sb_addch(sb, '-');
		if (is_zero(&b))
			en_word(sb, nought);
		else
			en_say_num(sb, &b, en->nflags);
		return k;
	} else
		sb_addch(sb, '-');                         /* a score: 3-1 */
	en_say_num(sb, &b, en->nflags);
	if (en_is_punct(tl, k, '%')) {
		en_word(sb, "percent");
		return k + 1;
	}
	if (age_band(tl, k)) {
		en_plural_last(sb);                /* 16-24s: sixteen to twenty-fours */
		return k + 1;
	}
	return k + en_number_unit(en, tl, k, &b, before, sb);
}

/* Tokens before token f are a tennis set won on a tie-break and the
 * bracket after it, "7-6 (", "6-7(": 1 if the first player won it, 2 if
 * the second, else 0. */
static int tiebreak_set(const struct tok_line *tl, size_t f)
{
	long a, b;

	if (f < 4 || !en_is_punct(tl, f - 1, '(') || !en_is_punct(tl, f - 3, '-') ||
	    !en_glued(tl, f - 3) || !en_glued(tl, f - 2))
		return 0;
	a = en_tok_val(tl, f - 4);
	b = en_tok_val(tl, f - 2);
	return a == 7 && b == 6 ? 1 : a == 6 && b == 7 ? 2 : 0;
}

/* The points of a tie-break in brackets after its set: "7-6 (7/4)",
 * "6-7 (5-7)" seven-four, five-seven; only the loser's written, "6-7(4)",
 * the winner's are put back (7, or two more past 5): four-seven.  The
 * end token, or EN_NOT_HERE. */
static size_t tiebreak(const struct tok_line *tl, const struct en_num *n, strbuf *sb)
{
	int won = tiebreak_set(tl, n->first);
	size_t j = n->next;
	long a = en_num_val(n), b;

	if (!won || a < 0 || n->has_point || n->sign || n->nd > 2)
		return EN_NOT_HERE;
	if (en_is_punct(tl, j, ')')) {
		b = a >= 6 ? a + 2 : 7;
		en_cardinal_u(sb, (uint64_t)(won == 1 ? b : a), 0);
		sb_addch(sb, '-');
		en_cardinal_u(sb, (uint64_t)(won == 1 ? a : b), 0);
		return j;
	}
	if (!(en_is_punct(tl, j, '/') || en_is_punct(tl, j, '-')) || !en_glued(tl, j) ||
	    !en_glued(tl, j + 1) || (b = en_tok_val(tl, j + 1)) < 0 || b > 99 ||
	    !en_is_punct(tl, j + 2, ')'))
		return EN_NOT_HERE;
	en_cardinal_u(sb, (uint64_t)a, 0);
	sb_addch(sb, '-');
	en_cardinal_u(sb, (uint64_t)b, 0);
	return j + 2;
}

/* "1990s", "'80s", "1960s-80s": the end token, or EN_NOT_HERE. */
static size_t decades(const struct tok_line *tl, const struct en_num *n, strbuf *sb)
{
	size_t j = n->next, k = decade_suffix(tl, n);
	struct en_num m;

	if (!k)
		return EN_NOT_HERE;
	en_decade(sb, (unsigned)en_num_val(n));
	j += k;
	if (en_is_punct(tl, j, '-') && en_glued(tl, j) && en_scan_num(tl, j + 1, &m) &&
	    (k = decade_suffix(tl, &m))) {
		en_word(sb, "to");
		en_decade(sb, (unsigned)en_num_val(&m));
		j = m.next + k;
	}
	return j;
}


/* Token j is a slash glued between the number before it and a number. */
static int slash_link(const struct tok_line *tl, size_t j)
{
	return en_is_punct(tl, j, '/') && en_glued(tl, j) && en_glued(tl, j + 1) &&
		en_is_num(tl, j + 1);
}

/* Three or more numbers joined by slashes that are no date (a reference,
 * a serial: 31/31/100, 123/261788/2021): never a fraction; each number as
 * a quantity (nflags: the "and" rule), "slash" between.  The end token
 * or EN_NOT_HERE. */
static size_t slash_chain(const struct tok_line *tl, const struct en_num *n,
			  int nflags, strbuf *sb)
{
	struct en_num m;
	size_t j = n->next;

	if (!slash_link(tl, j) || !en_scan_num(tl, j + 1, &m) || !slash_link(tl, m.next))
		return EN_NOT_HERE;
	en_say_num(sb, n, nflags);
	while (slash_link(tl, j) && en_scan_num(tl, j + 1, &m)) {
		en_word(sb, "slash");
		en_say_num(sb, &m, nflags);
		j = m.next;
	}
	return j;
}

/* A cricket score with a slash, runs and wickets either way round, in a
 * line with a word of role "cricket" ("India were 350/6", "Australia
 * 4/250 at stumps"): "three hundred and fifty for six".  The end token,
 * 0 if none. */
static size_t cricket_slash(struct en *en, const struct tok_line *tl,
			    const struct en_num *n, strbuf *sb)
{
	size_t j = n->next;
	long a = en_num_val(n), b = en_tok_val(tl, j + 1);

	if (!en_is_punct(tl, j, '/') || !en_glued(tl, j) || !en_glued(tl, j + 1) ||
	    !en_run_end(tl, j + 2) || n->has_point || n->grouped || b < 0 ||
	    en_word_is(tl, j + 2, "of") ||
	    !((a <= 10 && b > 10 && b < 1000) || (b <= 10 && a > 10 && a < 1000)))
		return 0;
	if (!line_has_role(en, tl, "cricket"))
		return 0;
	en_say_num(sb, n, en->nflags);
	en_word(sb, "for");
	en_cardinal_u(sb, (uint64_t)b, en->nflags);
	return j + 2;
}

/* A batsman's score with a star, not out ("Root made 103*", "unbeaten on
 * 87*"): a whole number up to three digits, the star glued and ending
 * the run, after a word of role "not_out" or in a line about cricket.
 * The end token, or EN_NOT_HERE. */
static size_t not_out(struct en *en, const struct tok_line *tl, const struct en_num *n,
		      strbuf *sb)
{
	size_t j = n->next;

	if (!en_is_punct(tl, j, '*') || !en_glued(tl, j) || !en_run_end(tl, j + 1) ||
	    n->has_point || n->grouped || n->sign || n->nd > 3 ||
	    (!en_word_role(en, tl, en_prev_word(tl, n->first), "not_out") &&
	     !line_has_role(en, tl, "cricket")))
		return EN_NOT_HERE;
	en_say_num(sb, n, en->nflags);
	en_word(sb, "not out");
	return j + 1;
}

/* What a mark or suffix after the number makes it: 1st, 1990s, 2-5,
 * 5%, 5€, 12/kg, 1/f (one over f), 3/4.  Returns the end token or
 * EN_NOT_HERE. */
static size_t number_suffix(struct en *en, const struct tok_line *tl,
			    const struct en_num *n, strbuf *sb)
{
	size_t j = n->next, k;
	const struct table_row *r;

	if (en_is_ordinal_suffix(tl, j, n) && !n->sign) {
		en_ordinal(sb, n->d, n->nd, en->nflags);
		return j + 1;
	}
	if ((k = decades(tl, n, sb)) != EN_NOT_HERE)
		return k;
	if ((k = not_out(en, tl, n, sb)) != EN_NOT_HERE ||
	    (k = tiebreak(tl, n, sb)) != EN_NOT_HERE)
		return k;
	if (en_glued(tl, j) && en_table_mark(tl, j) &&
	    (r = en_lookup(en->sym, tl, j)) && *table_field(r, 2)) {
		en_say_num(sb, n, en->nflags);                 /* 2½ */
		en_word(sb, "and");
		en_word(sb, table_field(r, 2));
		return j + 1 + en_number_unit(en, tl, j + 1, &(struct en_num){ .d = "2", .nd = 1 },
					   n->first ? n->first - 1 : (size_t)-1, sb);
	}
	if ((k = odds(en, tl, n, j, sb)) != EN_NOT_HERE ||
	    (k = range(en, tl, n, j, sb)))
		return k;
	if (en_is_punct(tl, j, '%')) {
		struct en_num m;

		en_say_num(sb, n, en->nflags);
		en_word(sb, "percent");
		if (en_is_punct(tl, j + 1, '-') && en_glued(tl, j + 1) && en_glued(tl, j + 2) &&
		    en_scan_num(tl, j + 2, &m) && en_is_punct(tl, m.next, '%')) {
			en_word(sb, "to");                     /* 2%-10% */
			en_say_num(sb, &m, en->nflags);
			en_word(sb, "percent");
			return m.next + 1;
		}
		return j + 1;
	}
	if (en_table_mark(tl, j) && (r = en_lookup(en->cur, tl, j))) {
		en_say_money(en, sb, n, r, NULL, 0);
		return j + 1;
	}
	if ((k = cricket_slash(en, tl, n, sb)))
		return k;
	if ((k = slash_chain(tl, n, en->nflags, sb)) != EN_NOT_HERE)
		return k;
	if (en_is_punct(tl, j, '/') && !en_glued(tl, j) && !en_glued(tl, j + 1) &&
	    slashed_years(n, tl, j + 1)) {
		en_year(sb, (unsigned)en_num_val(n), en->nflags);  /* 2019 / 2020 */
		en_word(sb, "to");
		en_year(sb, (unsigned)en_tok_val(tl, j + 1), en->nflags);
		return j + 2;
	}
	if (en_is_punct(tl, j, '/')) {
		size_t save = sb->len;

		en_say_num(sb, n, en->nflags);
		if ((k = en_per_unit(en, tl, j, sb)))
			return j + k;
		if (en_is_word(tl, j + 1) && en_glued(tl, j + 1) && tl->tok[j + 1].len == 1 &&
		    tl->tok[j + 1].text[0] >= 'b' && tl->tok[j + 1].text[0] <= 'z' &&
		    en_glued(tl, j) && en_run_end(tl, j + 2) && !n->has_point) {
			char v[2] = { tl->tok[j + 1].text[0], '\0' };

			en_word(sb, "over");               /* "1/f noise": one over f */
			en_word(sb, v);
			return j + 2;
		}
		sb_truncate(sb, save);
		if ((k = fraction(en, tl, j, n, sb)))
			return j + k;
	}
	return EN_NOT_HERE;
}

/* A version number: "iOS 17.1.2" seventeen point one point two.  The end
 * token or EN_NOT_HERE. */
static size_t version(const struct tok_line *tl, const struct en_num *n, strbuf *sb)
{
	size_t j = n->next;

	if (n->has_point || n->grouped || n->raw || !en_is_punct(tl, j, '.') ||
	    !en_glued(tl, j) || !en_is_num(tl, j + 1) || !en_glued(tl, j + 1) ||
	    !en_is_punct(tl, j + 2, '.') || !en_glued(tl, j + 2) || !en_is_num(tl, j + 3))
		return EN_NOT_HERE;
	en_say_num(sb, n, 0);
	while (en_is_punct(tl, j, '.') && en_glued(tl, j) && en_is_num(tl, j + 1) &&
	       en_glued(tl, j + 1)) {
		const struct token *t = &tl->tok[j + 1];

		en_word(sb, "point");
		if (t->len > 1 && t->text[0] == '0')
			en_digits(sb, t->text, t->len);
		else
			en_cardinal(sb, t->text, t->len, 0);
		j += 2;
	}
	return j;
}

/* "25 x 7 m", "2.5x", "2 1/2 miles": the end token or EN_NOT_HERE. */
static size_t number_operator(struct en *en, const struct tok_line *tl,
			      const struct en_num *n, size_t before, strbuf *sb)
{
	size_t j = n->next, k, save = sb->len;
	struct en_num m;

	if (en_word_is(tl, j, "x") && en_scan_num(tl, j + 1, &m) && !m.sign) {
		en_say_num(sb, n, en->nflags);
		en_word(sb, "by");
		en_say_num(sb, &m, en->nflags);
		return m.next + en_number_unit(en, tl, m.next, &m, before, sb);
	}
	if (en_word_is(tl, j, "x") && en_glued(tl, j) && !(en_glued(tl, j + 1) &&
							 (en_is_word(tl, j + 1) || en_is_num(tl, j + 1)))) {
		en_say_num(sb, n, en->nflags);
		en_word(sb, "times");
		return j + 1;
	}
	if (en_is_punct(tl, j, ':') && en_glued(tl, j) && en_glued(tl, j + 1) &&
	    !n->has_point && en_scan_num(tl, j + 1, &m) && !m.sign && !m.has_point &&
	    !(en_is_punct(tl, m.next, ':') && en_glued(tl, m.next))) {
		en_say_num(sb, n, en->nflags);    /* not a time: a ratio, odds, */
		en_word(sb, "to");                 /* "3:1", "100:1" */
		en_say_num(sb, &m, en->nflags);
		return m.next;
	}
	if (en_is_num(tl, j)) {
		en_say_num(sb, n, en->nflags);
		if ((k = mixed_fraction(en, tl, j, sb))) {
			struct en_num many = { .d = "2", .nd = 1 };
			return j + k + en_number_unit(en, tl, j + k, &many, before, sb);
		}
		sb_truncate(sb, save);
	}
	return EN_NOT_HERE;
}

/* A house number before a street ("1211 E Arques Ave"), said in pairs
 * with the direction after it: the end token or EN_NOT_HERE. */
static size_t house_number(struct en *en, const struct tok_line *tl,
			   const struct en_num *n, strbuf *sb)
{
	size_t j = n->next;
	const struct table_row *r;

	if (n->grouped || n->has_point || n->sign || n->nd < 1 || n->nd > 4 ||
	    n->d[0] == '0' || !street_ahead(en, tl, j))
		return EN_NOT_HERE;
	en_year(sb, (unsigned)en_num_val(n), en->nflags);
	if ((r = en_lookup(en->addr, tl, j)) && !strcmp(table_field(r, 2), "direction") &&
	    !en_glued(tl, j + 1) && capitalized_or_num(tl, j + 1)) {
		en_word(sb, table_field(r, 1));
		j++;
	}
	return j;
}

/* n is a three-digit service number said digit by digit: 999, 111, 112,
 * 101, 119 (the emergency and non-emergency lines of the UK, Ireland,
 * the EU). */
static int service_number(const struct en_num *n)
{
	static const char *const lines[] = { "999", "111", "112", "101", "119" };

	for (size_t k = 0; n->nd == 3 && k < ARRAY_SIZE(lines); k++)
		if (!memcmp(n->d, lines[k], 3))
			return 1;
	return 0;
}

/* The number n identifies rather than counts, and is said digit by digit:
 * after a word of role "digits" ("PIN 4412", "extension 2201"), or with
 * "in" or "with" between when it cannot be a year ("a card ending in
 * 8876", but "the year ending in 2025"); an aircraft ("Boeing 747"); a
 * service number after "dial" or before "call" ("dialled 999"). */
static int digits_context(struct en *en, const struct tok_line *tl,
			  const struct en_num *n)
{
	size_t p = en_prev_word(tl, n->first);

	if (n->grouped || n->has_point || n->sign || n->raw || n->nd < 2)
		return 0;
	if (p != (size_t)-1 && (en_word_is(tl, p, "in") || en_word_is(tl, p, "with"))) {
		if (yearish(n))
			return 0;
		p = en_prev_word(tl, p);
	}
	if (en_word_role(en, tl, p, "digits"))
		return 1;
	if (service_number(n) && (en_word_role(en, tl, p, "dial") ||
				  en_word_role(en, tl, n->next, "service_after")))
		return 1;          /* "dialled 999", "a 999 call": nine nine nine */
	/* "the 737 MAX", "a 787 Dreamliner": a Boeing, 7x7, by what follows */
	return n->nd == 3 && n->d[0] == '7' && n->d[2] == '7' &&
		en_word_role(en, tl, n->next, "jet_model");
}

/* The number n is an aircraft's model after its maker, said in pairs:
 * "Cessna 172" one seventy-two, "Bell 206" two oh six (a word of role
 * "pairs" in lexicon/en/context.tsv, capitalized, right before). */
static int model_pairs(struct en *en, const struct tok_line *tl, const struct en_num *n)
{
	size_t p = n->first ? n->first - 1 : (size_t)-1;

	return n->nd == 3 && !n->grouped && !n->has_point && !n->sign && !n->raw &&
		n->d[0] != '0' && p != (size_t)-1 && en_is_word(tl, p) &&
		(tl->tok[p].flags & TF_UPPER) && !en_glued(tl, n->first) &&
		en_word_role(en, tl, p, "pairs");
}

/* Say the number n at token i as the words that follow it require; 0 when
 * it is part of a code (25d08A, 133-ABC) for rule_code. */
static size_t number_in_context(struct en *en, const struct tok_line *tl, size_t i,
				const struct en_num *n, strbuf *sb)
{
	size_t j = n->next, k, before = i ? i - 1 : (size_t)-1;

	if ((k = en_two_units(en, tl, n, sb)) != EN_NOT_HERE ||
	    (k = version(tl, n, sb)) != EN_NOT_HERE ||
	    (k = number_suffix(en, tl, n, sb)) != EN_NOT_HERE ||
	    (k = number_operator(en, tl, n, before, sb)) != EN_NOT_HERE)
		return k;
	if (era_at(tl, j) && !n->grouped && !n->has_point && !n->raw && n->nd >= 1 &&
	    n->nd <= 4) {
		en_year(sb, (unsigned)en_num_val(n), en->nflags);
		return j;
	}
	if ((k = house_number(en, tl, n, sb)) != EN_NOT_HERE)
		return k;
	if (en_is_punct(tl, j, '-') && en_glued(tl, j) && en_glued(tl, j + 1) &&
	    (en_is_num(tl, j + 1) || (en_is_word(tl, j + 1) &&
	     ((tl->tok[j + 1].flags & TF_CAPS) || tl->tok[j + 1].len <= 2))))
		return 0;                          /* a code: 133-ABC, 1-413-te */
	size_t save = sb->len;
	if (digits_context(en, tl, n))
		en_digits(sb, n->d, n->nd);
	else if (model_pairs(en, tl, n))
		en_year(sb, (unsigned)en_num_val(n), en->nflags);
	else if (!n->has_point && (is_year(en, tl, n) || en_race_distance(en, tl, n)))
		en_year(sb, (unsigned)en_num_val(n), en->nflags);
	else
		en_say_num(sb, n, en->nflags);
	if ((k = en_number_unit(en, tl, j, n, before, sb)))
		return en_more_dimensions(en, tl, j + k, before, sb);
	if (en_is_word(tl, j) && en_glued(tl, j) && !n->has_point && !n->grouped && !n->sign) {
		sb_truncate(sb, save);             /* a code: 25d08A, 4s */
		return 0;
	}
	return j;
}

/* Whether the number at token i opens a serial joined by a slash, not a
 * fraction: "MIG-25/235212-asdg", "25/235212-x", "order 12/4471093": the
 * number is glued after a code's hyphen, or the part after the slash runs
 * on with a glued hyphen or slash, or it is a run of five digits or more
 * that is not round.  rule_code reads it, long runs digit by digit. */
static int slash_serial(const struct tok_line *tl, size_t i)
{
	const struct token *d;
	long v;

	if (!en_is_num(tl, i) || !en_is_punct(tl, i + 1, '/') || !en_glued(tl, i + 1) ||
	    !en_glued(tl, i + 2) || !en_is_num(tl, i + 2))
		return 0;
	d = &tl->tok[i + 2];
	v = en_tok_val(tl, i + 2);
	if (i >= 2 && en_is_punct(tl, i - 1, '-') && en_glued(tl, i) && en_glued(tl, i - 1) &&
	    en_is_word(tl, i - 2))
		return 1;                          /* MIG-25/...: a code goes on */
	if (d->len >= 3 && (en_is_punct(tl, i + 3, '-') || en_is_punct(tl, i + 3, '/')) &&
	    en_glued(tl, i + 3) && en_glued(tl, i + 4) &&
	    (en_is_word(tl, i + 4) || (en_is_num(tl, i + 4) && en_is_punct(tl, i + 3, '-'))))
		return 1;       /* 25/235212-asdg; 12/4471/88 is a slash chain */
	return d->len >= 5 && (v < 0 || v % 1000 != 0);
}

/* Numbers with what follows them: ordinals, units, ranges, years. */
size_t en_rule_number(struct en *en, const struct tok_line *tl, size_t i,
		      struct norm_out *o)
{
	struct en_num n;
	size_t end;

	if (slash_serial(tl, i))
		return 0;
	if (!en_scan_num(tl, i, &n))
		return 0;
	if (!(end = number_in_context(en, tl, i, &n, &en->sb))) {
		sb_reset(&en->sb);
		return 0;
	}
	en_emit(o, &en->sb, i, end - 1);
	return end - i;
}
