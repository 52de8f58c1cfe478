/* lang_en_measure.c - English measures: a unit after a number (km, m²,
 * km/h, °C, "/mo"), with its scale (million) or adjectival ("a 5km
 * race"), race distances ("the 1,500m"), heights and body weights in two
 * units ("6ft 2in", "11st 4lb").  Numbers themselves are in
 * lang_en_num.c. */
#include "text/lang_en.h"
#include "text/numbers_en.h"
#include "base/util.h"

#include <string.h>

/* A unit name in the spelling of the variant (see lang_en.h). */
void en_unit_name(const struct en *en, strbuf *sb, const char *name)
{
	const struct table_row *r;

	if (en->variant != EN_GB) {
		en_word(sb, name);
		return;
	}
	while (*name) {
		size_t n = strcspn(name, " ");

		r = n ? table_get(en->spell_gb, name, n) : NULL;
		if (r)
			en_word(sb, table_field(r, 1));
		else if (n) {
			en_word(sb, "");
			sb_add(sb, name, n);
		}
		name += n;
		name += *name == ' ';
	}
}

static int unit_power(const struct tok_line *tl, size_t i);

/* "/mo", "/yr" after an amount: say "per month", with a power "per
 * square metre" ("5kg/m2", "£12,000/m²"); returns tokens used. */
size_t en_per_unit(struct en *en, const struct tok_line *tl, size_t i, strbuf *sb)
{
	const struct table_row *u;
	int power;

	if (!en_is_punct(tl, i, '/') || !en_glued(tl, i) || !en_glued(tl, i + 1) ||
	    !en_is_word(tl, i + 1) || !(u = en_lookup(en->units, tl, i + 1)) ||
	    (tl->tok[i + 1].len == 1 && (tl->tok[i + 1].flags & TF_CAPS)))
		return 0;     /* not a capital letter: "4/C" is a code, not "per Celsius" */
	en_word(sb, "per");
	if ((power = unit_power(tl, i + 2)))
		en_word(sb, power == 2 ? "square" : "cubic");
	en_unit_name(en, sb, table_field(u, 1));
	return 2 + (power != 0);
}

/* An adjectival amount: "a $3 billion deal", "a 5 km race", "Hunt's £20bn
 * tax cut", "a 10km-long queue". */
int en_adjectival(struct en *en, const struct tok_line *tl, size_t before, size_t after)
{
	int possessive = before != (size_t)-1 && en_word_is(tl, before, "s") &&
		en_is_punct(tl, before - 1, '\'') && en_glued(tl, before);

	if (en_is_punct(tl, after, '-') && en_glued(tl, after) && en_glued(tl, after + 1))
		after++;              /* "a 1.5m-high wall": one point five metre high */

	return (possessive || en_word_role(en, tl, before, "determiner")) &&
		en_lower_word(tl, after) && !en_word_role(en, tl, after, "year_after");
}

/* A word of role "tally" (people, list, viewers...) in the clause before
 * token first: what follows counts, "the list hit 7.6m". */
static int tally_before(struct en *en, const struct tok_line *tl, size_t first)
{
	for (size_t k = first, seen = 0; k-- > 0 && seen < 12; seen++) {
		if (tl->tok[k].kind == TOK_PUNCT && strchr(".;:!?", tl->tok[k].text[0]))
			return 0;
		if (en_word_role(en, tl, k, "tally"))
			return 1;
	}
	return 0;
}

/* A word of role "length_before" (river, sea, snow...) in the clause
 * before token first and none of role "tally": what follows is a height,
 * "the river rose 2.5m overnight" (not "the river authority has 2.5m
 * customers"). */
static int length_before(struct en *en, const struct tok_line *tl, size_t first)
{
	int seen = 0;

	for (size_t k = first, w = 0; k-- > 0 && w < 12; w++) {
		if (tl->tok[k].kind == TOK_PUNCT && strchr(".;:!?", tl->tok[k].text[0]))
			break;
		if (en_word_role(en, tl, k, "tally"))
			return 0;
		seen |= en_word_role(en, tl, k, "length_before");
	}
	return seen;
}

/* Is the word at token i one of list? */
static int word_in_list(const struct tok_line *tl, size_t i,
			const char *const *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (en_word_is(tl, i, list[k]))
			return 1;
	return 0;
}

/* A word of role "money" (spent, paid, fee, bid, worth, sold, raised,
 * owes...) in the six words before token first, in its clause (no "as",
 * "while", "and"... between) and with no other verb in -ing between: a glued m is a sum, "spent 80m on
 * players", "sold to Madrid for 60m" (not "spent the summer swimming
 * 800m a day"). */
static int money_before(struct en *en, const struct tok_line *tl, size_t first)
{
	static const char *const clause_starts[] = { "as", "while", "when", "after",
						     "because", "but", "where", "which",
						     "who", "that", "if", "and" };

	for (size_t k = first, w = 0; k-- > 0 && w < 6; w++) {
		const struct token *t = &tl->tok[k];

		if (t->kind == TOK_PUNCT && strchr(".;:!?", t->text[0]))
			return 0;
		if (en_word_role(en, tl, k, "money"))
			return 1;
		if ((en_lower_word(tl, k) && t->len > 4 &&
		     !memcmp(t->text + t->len - 3, "ing", 3)) ||
		    (word_in_list(tl, k, clause_starts, ARRAY_SIZE(clause_starts)) &&
		     !(k > 0 && en_word_is(tl, k - 1, "m") && en_glued(tl, k - 1))))
			return 0;             /* but "spent 2m and 3m" */
	}
	return 0;
}

/* The scale word at j may follow a bare number: "million" spaced or
 * glued, "bn"/"tn" glued ("2bn people"); not "m", "b" or "k", which are
 * units or letters without a currency. */
static int full_scale(struct en *en, const struct tok_line *tl, size_t j,
		      const struct en_num *n)
{
	if (tl->tok[j].len >= 7 || (tl->tok[j].len >= 2 && en_glued(tl, j)))
		return 1;
	if (!en_word_is(tl, j, "m") || !en_glued(tl, j) ||
	    en_word_role(en, tl, j + 1, "length") || en_by_number(tl, j + 1))
		return 0;                 /* "2m x 3m": metres by metres */
	/* "1.3m people" is a million, "1.85m tall" and "5m away" metres;
	 * "the waiting list hit 7.6m in June" a million (a decimal: "people
	 * ran the 100m" stays metres) */
	if (length_before(en, tl, n->first) && !en_word_role(en, tl, j + 1, "tally"))
		return 0;             /* "the river rose 2.5m overnight" */
	return (en_lower_word(tl, j + 1) && !en_word_role(en, tl, j + 1, "year_after")) ||
		(n->has_point && tally_before(en, tl, n->first)) ||
		money_before(en, tl, n->first);       /* "spent 80m on players" */
}

/* Token j is a spaced "x" before a number: "2m x 3m", "30cm x 20cm". */
int en_by_number(const struct tok_line *tl, size_t j)
{
	return en_word_is(tl, j, "x") && !en_glued(tl, j) && !en_glued(tl, j + 1) &&
		en_is_num(tl, j + 1);
}

/* More dimensions after a measure ending before token j: "30cm x 20cm x
 * 10cm" by twenty centimetres by...  Returns the end token (j if none). */
size_t en_more_dimensions(struct en *en, const struct tok_line *tl, size_t j,
			  size_t before, strbuf *sb)
{
	struct en_num m;

	while (en_by_number(tl, j) && en_scan_num(tl, j + 1, &m) && !m.sign) {
		en_word(sb, "by");
		en_say_num(sb, &m, en->nflags);
		j = m.next + en_number_unit(en, tl, m.next, &m, before, sb);
	}
	return j;
}

/* The scale word at j is a plural noun of its own, spaced from the number:
 * "between 1939 and 1945 millions died" is not 1,945 million. */
static int spaced_plural(const struct tok_line *tl, size_t j)
{
	const struct token *t = &tl->tok[j];

	return !en_glued(tl, j) && t->len > 3 && t->text[t->len - 1] == 's';
}

/* Say unit tokens from i after a number n (plural unless one or
 * adjectival); full scale words first ("100 million kg").  Returns the
 * tokens used. */
size_t en_number_unit(struct en *en, const struct tok_line *tl, size_t i,
			  const struct en_num *n, size_t before, strbuf *sb)
{
	size_t j = i, u;
	int plural = !en_num_is_one(n);
	const char *scale = en_scale_at(en, tl, j);

	if (n->has_point && !n->sign && en_word_is(tl, j, "s") &&
	    !(tl->tok[j].flags & TF_UPPER) && en_glued(tl, j) && en_run_end(tl, j + 1)) {
		en_word(sb, "seconds");   /* a timing: "9.58s", "in 10.2s" */
		return 1;
	}
	if (scale && ((full_scale(en, tl, j, n) && !spaced_plural(tl, j) &&
		       !(n->grouped && en_word_is(tl, j, "m"))) ||  /* not "a 1,250m climb" */
		      (n->has_point && en_word_is(tl, j, "k") && en_glued(tl, j) &&
		       en_lower_word(tl, j + 1) && !en_adjectival(en, tl, before, j + 1)))) {
		/* million, 2bn, "3.5k staff" (not "a 2.5k run"); not "m" */
		en_word(sb, scale);
		j++;
		plural = 1;
	}
	if ((u = en_unit(en, tl, j, 1, NULL))) {
		if (en_adjectival(en, tl, before, j + u))
			plural = 0;
		en_unit(en, tl, j, plural, sb);
		j += u;
		if (!plural && en_is_punct(tl, j, '-') && en_glued(tl, j) && en_glued(tl, j + 1) &&
		    en_lower_word(tl, j + 1))
			j++;          /* "10km-long": "kilometre long", not one compound */
	}
	return j - i;
}

/* The unit row for the word at token i (exact, then lower case for an
 * all-capitals word such as KG), or NULL. */
static const struct table_row *unit_word(struct en *en, const struct tok_line *tl, size_t i)
{
	const struct token *t = &tl->tok[i];
	const struct table_row *r = table_get(en->units, t->text, t->len);

	if (!r && (t->flags & TF_CAPS) && t->len >= 2)
		r = table_get_lower(en->units, t->text, t->len);
	return r;
}

/* n is a distance in hundreds of metres between 1,100 and 1,900, said
 * as athletics and rowing say it: "the 1,500m" is "fifteen hundred
 * metres". */
int en_race_distance(struct en *en, const struct tok_line *tl, const struct en_num *n)
{
	long v = en_num_val(n);
	const struct table_row *r;

	return v > 1000 && v < 2000 && v % 100 == 0 && en_is_word(tl, n->next) &&
		(r = unit_word(en, tl, n->next)) && !strcmp(table_field(r, 1), "meter");
}

/* Tokens of a power after a unit ("m2", "m²", "km³"): 2, 3 or 0. */
static int unit_power(const struct tok_line *tl, size_t i)
{
	const struct token *t = &tl->tok[i];

	if (i >= tl->n || !en_glued(tl, i) || (en_glued(tl, i + 1) && en_is_num(tl, i + 1)))
		return 0;
	if (t->len == 1 && (t->text[0] == '2' || t->text[0] == '3'))
		return t->text[0] - '0';
	if (!strncmp(t->text, "\xC2\xB2", t->len) && t->len == 2)
		return 2;
	if (!strncmp(t->text, "\xC2\xB3", t->len) && t->len == 2)
		return 3;
	return 0;
}

/* "/100km" after a unit (fuel: "5.2 l/100km"): says "per one hundred
 * kilometres" into sb and returns the tokens used, 0 if no number and
 * unit follow the glued slash at token i. */
static size_t per_amount(struct en *en, const struct tok_line *tl, size_t i, strbuf *sb)
{
	struct en_num n;
	size_t save = sb->len, u;

	if (!en_is_punct(tl, i, '/') || !en_glued(tl, i) || !en_glued(tl, i + 1) ||
	    !en_is_num(tl, i + 1) || !en_scan_num(tl, i + 1, &n) || n.sign)
		return 0;
	en_word(sb, "per");
	en_say_num(sb, &n, en->nflags);
	if (!(u = en_unit(en, tl, n.next, !en_num_is_one(&n), sb))) {
		sb_truncate(sb, save);
		return 0;
	}
	return n.next + u - i;
}

/* Token i is a full stop glued to the unit before it that abbreviates
 * the unit, not one that ends the sentence: the sentence goes on after
 * it, with a word in lower case or a number ("12 yrs. in prison", "a 6
 * in. blade", "5 ft. 10 in.").  Before a capital or at the end of the
 * line it stays a full stop. */
static int unit_dot(const struct tok_line *tl, size_t i)
{
	return en_is_punct(tl, i, '.') && en_glued(tl, i) && i + 1 < tl->n &&
		(tl->tok[i + 1].flags & TF_SPACE) &&
		(en_lower_word(tl, i + 1) || en_is_num(tl, i + 1));
}

/* Say (or, sb NULL, just measure) the unit at token i. */
size_t en_unit(struct en *en, const struct tok_line *tl, size_t i, int plural, strbuf *sb)
{
	const struct table_row *r = NULL;
	size_t used = 0, u;
	int power = 0;

	if (i >= tl->n)
		return 0;
	if (en_word_is(tl, i, "sq") && en_is_word(tl, i + 1) && !en_glued(tl, i + 1) &&
	    (u = en_unit(en, tl, i + 1, plural, NULL))) {
		if (sb) {                                   /* "1,000 sq km" */
			en_word(sb, "square");
			en_unit(en, tl, i + 1, plural, sb);
		}
		return 1 + u;
	}
	if (en_table_mark(tl, i) && en_is_word(tl, i + 1) && en_glued(tl, i + 1) &&
	    (r = en_lookup_span(en->units, tl, i, i + 2)))
		used = 2;                                   /* °C */
	else if (en_table_mark(tl, i) && (r = en_lookup(en->units, tl, i)))
		used = 1;                                   /* ° */
	else if (en_is_word(tl, i) && en_is_punct(tl, i + 1, '/') && en_glued(tl, i + 1) &&
		 en_glued(tl, i + 2) && (r = en_lookup_span(en->units, tl, i, i + 3)))
		used = 3;                                   /* km/h */
	else if (en_is_word(tl, i) && (r = unit_word(en, tl, i)) &&
		 strcmp(table_field(r, 3), "per") &&
		 (strcmp(table_field(r, 3), "glued") || en_glued(tl, i)) &&
		 (strcmp(table_field(r, 3), "dotted") || en_glued(tl, i) ||
		  unit_dot(tl, i + 1)))
		used = 1;
	if (!used || (en_is_word(tl, i + used) && en_glued(tl, i + used)))
		return 0;
	if ((power = unit_power(tl, i + used)))
		used++;
	if (sb) {
		if (power)
			en_word(sb, power == 2 ? "square" : "cubic");
		en_unit_name(en, sb, table_field(r, plural ? 2 : 1));
		size_t per = en_per_unit(en, tl, i + used, sb);
		used += per ? per : per_amount(en, tl, i + used, sb);
	} else if (en_is_punct(tl, i + used, '/')) {
		strbuf tmp;
		sb_init(&tmp);
		size_t per = en_per_unit(en, tl, i + used, &tmp);
		used += per ? per : per_amount(en, tl, i + used, &tmp);
		sb_release(&tmp);
	}
	if (en_is_word(tl, i + used - 1) && unit_dot(tl, i + used))
		used++;                 /* "12 yrs. in prison": no stop said */
	return used;
}

/* Token i is the mark c, ASCII or its typographic prime (′ for the
 * foot's ', ″ for the inch's "). */
static int prime_at(const struct tok_line *tl, size_t i, char c)
{
	const char *prime = c == '\'' ? "\xE2\x80\xB2" : "\xE2\x80\xB3";

	return en_is_punct(tl, i, c) || (i < tl->n && tl->tok[i].len == 3 &&
					  !memcmp(tl->tok[i].text, prime, 3));
}

/* A height or a body weight in two units, as people say them: "6ft 2in",
 * "6'2\"", "5 feet 10" six foot two, five foot ten; "11st 4lb" eleven
 * stone four, "weighs 12st" twelve stone (not "21st", "11st" alone).  The second number is
 * under 12 inches or 14 pounds; "6 feet 2 inches" is said as written.
 * The end token or EN_NOT_HERE. */
size_t en_two_units(struct en *en, const struct tok_line *tl,
			const struct en_num *n, strbuf *sb)
{
	size_t j = n->next, k;
	int feet, stone = 0;
	long m;

	if (n->has_point || n->grouped || n->sign || n->raw || n->nd > 2)
		return EN_NOT_HERE;
	feet = en_word_is(tl, j, "ft") || en_word_is(tl, j, "foot") ||
		en_word_is(tl, j, "feet") || (prime_at(tl, j, '\'') && en_glued(tl, j));
	if (!feet && !(stone = en_word_is(tl, j, "st") && en_glued(tl, j)))
		return EN_NOT_HERE;
	if (stone && en_run_end(tl, j + 1) && !en_is_num(tl, j + 1) &&
	    !en_is_ordinal_suffix(tl, j, n) &&
	    en_word_role(en, tl, en_prev_word(tl, n->first), "weight_before")) {
		en_say_num(sb, n, en->nflags);     /* "weighs 12st" */
		en_word(sb, "stone");
		return j + 1;
	}
	k = j + 1;
	if (!en_is_num(tl, k) || (m = en_tok_val(tl, k)) < 0 || m >= (stone ? 14 : 12) ||
	    tl->tok[k].len > 2 || (en_glued(tl, k) && !prime_at(tl, j, '\'')))
		return EN_NOT_HERE;
	if (stone ? (en_word_is(tl, k + 1, "lb") || en_word_is(tl, k + 1, "lbs")) &&
		    en_glued(tl, k + 1)
		  : (en_word_is(tl, k + 1, "in") && en_glued(tl, k + 1)) ||
		    en_word_is(tl, k + 1, "inch") || en_word_is(tl, k + 1, "inches") ||
		    (prime_at(tl, k + 1, '"') && en_glued(tl, k + 1))) {
		if (en_is_word(tl, j) && tl->tok[j].len > 2 && en_is_word(tl, k + 1) &&
		    tl->tok[k + 1].len > 2)
			return EN_NOT_HERE;    /* "6 feet 2 inches": said as written */
		k++;
	}
	else if (stone || !en_run_end(tl, k + 1) ||
		 (en_is_punct(tl, k + 1, '.') && en_is_num(tl, k + 2)))
		return EN_NOT_HERE;            /* "11st 4" alone; "6ft 2.5in" */
	en_say_num(sb, n, en->nflags);
	en_word(sb, stone ? "stone" : "foot");
	if (m)
		en_cardinal_u(sb, (unsigned)m, 0);
	return k + 1;
}
