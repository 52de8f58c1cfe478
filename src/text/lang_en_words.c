/* lang_en_words.c - English rules for words: abbreviations (Dr. Smith,
 * Elm St., No. 5), initials (U.S., e.g.), US states (Atlanta, Ga.),
 * acronyms (NATO, MPs) and symbols (&, #, 12"). */
#include "text/lang_en.h"
#include "text/numbers_en.h"
#include "base/util.h"
#include "text/wordlist.h"
#include "text/utf8.h"
#include "text/foreign.h"

#include <stdio.h>
#include <string.h>

/* ---- abbreviations: Dr. Smith, Elm St., No. 5, vs., etc. ---- */

/* Token i is a capitalized word (a name, or the start of a sentence). */
static int capitalized(const struct tok_line *tl, size_t i)
{
	return en_is_word(tl, i) && (tl->tok[i].flags & TF_UPPER);
}

/* The token before i names a place or a number: "Elm", "5th", "1428". */
static int after_name(const struct tok_line *tl, size_t i)
{
	if (!i || en_glued(tl, i))
		return 0;
	return capitalized(tl, i - 1) || en_is_num(tl, i - 1) ||
		(en_is_word(tl, i - 1) && en_is_num(tl, i - 2) && en_glued(tl, i - 1));
}

/* Does a new sentence start at token i (after an abbreviation's stop)?
 * At the end of the line, or at a capitalized word that usually starts
 * sentences ("The", "It"), not at a name ("the U.S. Army"). */
int en_sentence_starts(struct en *en, const struct tok_line *tl, size_t i)
{
	return i >= tl->n || (capitalized(tl, i) && !en_glued(tl, i) &&
			      table_get_lower(en->starters, tl->tok[i].text, tl->tok[i].len));
}

/* Token i, in capitals, is a name of the word list, not an ordinary word
 * ("LOUIS", "PAUL'S"; not "INJURES"). */
static int caps_name(const struct tok_line *tl, size_t i)
{
	strbuf sb;
	int name;

	if (!en_is_word(tl, i) || !(tl->tok[i].flags & TF_CAPS))
		return 0;
	sb_init(&sb);
	name = wordlist_find("en", tl->tok[i].text, tl->tok[i].len, &sb) && sb.len &&
		sb.buf[0] >= 'A' && sb.buf[0] <= 'Z' && sb.len > 1 && sb.buf[1] >= 'a';
	sb_release(&sb);
	return name;
}

/* Pick the reading of abbreviation row r at token i (dot: its full stop
 * follows); NULL if none fits.  *stop: the full stop also ends a sentence. */
static const char *abbrev_reading(struct en *en, const struct table_row *r,
				  const struct tok_line *tl, size_t i, int dot, int *stop)
{
	size_t next = i + 1 + dot;
	const char *name = table_field(r, 1), *place = table_field(r, 2);
	const char *num = table_field(r, 3), *any = table_field(r, 4);

	*stop = dot && en_sentence_starts(en, tl, next);
	if (strcmp(place, "-") && after_name(tl, i) && !(!dot && capitalized(tl, next)) &&
	    !(en->headline && caps_name(tl, next)))   /* "IN ST. LOUIS": all capitals */
		return place;
	*stop = 0;
	if (strcmp(name, "-") && capitalized(tl, next) && !en_glued(tl, next) &&
	    (tl->tok[next].len > 1 || en_is_punct(tl, next + 1, '.')))
		return name;                 /* "Gen. J. Smith", not "Gen Z" */
	if (strcmp(num, "-") && en_is_num(tl, next))
		return num;
	*stop = dot && en_sentence_starts(en, tl, next);
	return strcmp(any, "-") ? any : NULL;
}

/* A date or a time begins at the number at token j: a day before a month
 * ("14 Jan"), an ordinal ("5th"), a clock ("8pm", "8:30", "8 p.m."). */
static int date_or_time_at(struct en *en, const struct tok_line *tl, size_t j)
{
	size_t k = j + 1;

	if (en_is_punct(tl, k, ':') || en_is_punct(tl, k, '.'))
		return en_glued(tl, k) && en_is_num(tl, k + 1);
	if (en_glued(tl, k) && en_is_word(tl, k))
		return en_word_is(tl, k, "am") || en_word_is(tl, k, "pm") ||
			en_word_is(tl, k, "st") || en_word_is(tl, k, "nd") ||
			en_word_is(tl, k, "rd") || en_word_is(tl, k, "th");
	return en_lookup(en->months, tl, k) || en_word_is(tl, k, "am") ||
		en_word_is(tl, k, "pm") || en_word_is(tl, k, "a") || en_word_is(tl, k, "p");
}

/* Abbreviations from lexicon/en/abbreviations.tsv, by context; in
 * capitals only in a headline, before a number or with the stop ("NO 10
 * DENIES", "GEN. MILLEY WARNS"). */
/* The abbreviated day of the week at token i ("Mon", "Fri."): its full
 * name, with *end after it and its stop; NULL if none. */
static const char *day_at(struct en *en, const struct tok_line *tl, size_t i, size_t *end)
{
	const struct table_row *r;

	if (!en_is_word(tl, i) || !(tl->tok[i].flags & TF_UPPER) ||
	    (tl->tok[i].flags & TF_CAPS) || !(r = table_get_lower(en->abbr, tl->tok[i].text,
								   tl->tok[i].len)) ||
	    strcmp(table_field(r, 5), "cap") || !strcmp(table_field(r, 3), "-"))
		return NULL;
	*end = i + 1 + (en_is_punct(tl, i + 1, '.') && en_glued(tl, i + 1));
	return table_field(r, 3);
}

/* A range of days: "Mon-Fri", "Sat & Sun", "Tue to Thu" -> "Monday to
 * Friday"; returns tokens used, 0 if none. */
static size_t day_range(struct en *en, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	size_t j, k;
	const char *a = day_at(en, tl, i, &j), *b, *link = "to";  /* "-", "to" */

	if (!a)
		return 0;
	if (en_is_punct(tl, j, '&') || en_is_punct(tl, j, '/') || en_word_is(tl, j, "and"))
		link = "and";
	else if (en_word_is(tl, j, "through"))
		link = "through";
	else if (!en_is_punct(tl, j, '-') && !en_word_is(tl, j, "to"))
		return 0;
	if (!(b = day_at(en, tl, j + 1, &k)))
		return 0;
	if (k == j + 3 && en_sentence_starts(en, tl, k))
		k--;                                /* "Open Mon-Sat." ends there */
	en_word(&en->sb, a);
	en_word(&en->sb, link);
	en_word(&en->sb, b);
	en_emit(o, &en->sb, i, k - 1);
	return k - i;
}

/* Token k is a title said before a name ("Lt", "Det", "Supt"): a
 * capitalized word, spaced, whose row of abbreviations.tsv has a reading
 * before a name. */
static int title_at(struct en *en, const struct tok_line *tl, size_t k)
{
	const struct table_row *r;

	return k < tl->n && en_is_word(tl, k) && (tl->tok[k].flags & TF_UPPER) &&
		!(tl->tok[k].flags & TF_CAPS) && en_run_start(tl, k) &&
		(r = table_get_lower(en->abbr, tl->tok[k].text, tl->tok[k].len)) &&
		strcmp(table_field(r, 1), "-");
}

/* A title that needs its full stop elsewhere ("Col.", "Det.") is also a
 * title without it, as British news writes ranks, next to another title
 * ("Lt Col James Smith", "Det Supt Mark Evans", "Wg Cdr") or before a
 * given name and a surname ("Col Tim Collins", "Rev Richard Coles"). */
static int bare_title(struct en *en, const struct tok_line *tl, size_t i,
		      const struct table_row *r)
{
	const struct token *t = &tl->tok[i];

	if (!(t->flags & TF_UPPER) || (t->flags & TF_CAPS) || !strcmp(table_field(r, 1), "-"))
		return 0;
	if ((i && !en_glued(tl, i) && title_at(en, tl, i - 1)) ||
	    (!en_glued(tl, i + 1) && title_at(en, tl, i + 1)))
		return 1;
	return capitalized(tl, i + 1) && !en_glued(tl, i + 1) &&
		foreign_is_name(tl->tok[i + 1].text, tl->tok[i + 1].len) &&
		capitalized(tl, i + 2) && !en_glued(tl, i + 2);
}

/* The word at i stands spaced between two sides, each a capitalized word
 * or a number ("Liverpool v Everton", "Roe v Wade", "5 v 5"). */
static int sides_around(const struct tok_line *tl, size_t i)
{
	return i > 0 && !en_glued(tl, i) && i + 1 < tl->n && !en_glued(tl, i + 1) &&
		(capitalized(tl, i - 1) || en_is_num(tl, i - 1)) &&
		(capitalized(tl, i + 1) || en_is_num(tl, i + 1));
}

size_t en_rule_abbrev(struct en *en, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	size_t days = day_range(en, tl, i, o);

	if (days)
		return days;
	const struct token *t = &tl->tok[i];
	const struct table_row *r;
	int dot, stop, between;
	const char *say;

	if (t->kind != TOK_WORD ||
	    ((t->flags & TF_CAPS) && t->len > 1 &&
	     !(en->headline && (en_is_num(tl, i + 1) ||
				(en_is_punct(tl, i + 1, '.') && en_glued(tl, i + 1))))) ||
	    !en_maybe_key(&en->abbr_keys, t->text, t->len) || !en_run_start(tl, i) ||
	    !(r = table_get_lower(en->abbr, t->text, t->len)))
		return 0;
	dot = en_is_punct(tl, i + 1, '.') && en_glued(tl, i + 1);
	int bare_ok = (t->flags & TF_UPPER) && t->len >= 2 && en_is_num(tl, i + 1) &&
		strcmp(table_field(r, 3), "-");           /* British "No 10" */
	bare_ok = bare_ok || (!dot && bare_title(en, tl, i, r));
	between = !strcmp(table_field(r, 5), "between");
	bare_ok = bare_ok || (!dot && between && sides_around(tl, i));
	if ((!dot && (between || !strcmp(table_field(r, 5), "dot")) && !bare_ok) ||
	    (!strcmp(table_field(r, 5), "cap") && !(t->flags & TF_UPPER)) ||
	    (!strcmp(table_field(r, 5), "cap") && en_is_num(tl, i + 1 + dot) &&
	     !date_or_time_at(en, tl, i + 1 + dot)) ||
	    (!dot && en_glued(tl, i + 1) && tl->tok[i + 1].kind != TOK_PUNCT) ||
	    !(say = abbrev_reading(en, r, tl, i, dot, &stop)))
		return 0;
	out_word(o, say, i, i + dot);
	if (stop)
		out_punct(o, '.', i + 1);
	return 1 + dot;
}

/* ---- initials: U.S., U.K., e.g., C. S. Lewis ---- */

/* Dotted initials: U.S., e.g., C. S. Lewis. */
static int state_context(struct en *en, const struct tok_line *tl, size_t i, size_t end);

size_t en_rule_initials(struct en *en, const struct tok_line *tl, size_t i,
			    struct norm_out *o)
{
	char key[32];
	size_t n = 0, j = i;
	const struct table_row *r;

	if (!en_is_word(tl, i) || tl->tok[i].len > 1 || !en_run_start(tl, i) ||
	    !en_is_punct(tl, i + 1, '.') || !en_glued(tl, i + 1))
		return 0;
	while (en_is_word(tl, j) && tl->tok[j].len == 1 && en_is_punct(tl, j + 1, '.') &&
	       en_glued(tl, j + 1) && n + 2 < sizeof(key) && (j == i || en_glued(tl, j))) {
		key[n++] = tl->tok[j].text[0];
		key[n++] = '.';
		j += 2;
	}
	if (en_is_word(tl, j) && en_glued(tl, j) && tl->tok[j].len == 1) {
		key[n++] = tl->tok[j].text[0];      /* "U.S.A" without the last dot */
		j++;
	} else if (n > 2) {
		n--;                                /* key without the final dot */
	}
	if (en_is_punct(tl, j, '\'') && en_glued(tl, j) && en_word_is(tl, j + 1, "s") &&
	    en_glued(tl, j + 1) && (tl->tok[i].flags & TF_CAPS) && n > 2) {
		for (size_t k = i; k < j; k += 2)   /* "the U.K.'s": UK's */
			sb_addch(&en->sb, tl->tok[k].text[0]);
		sb_adds(&en->sb, "'s");
		en_emit(o, &en->sb, i, j + 1);
		return j + 2 - i;
	}
	if ((r = table_get_lower(en->abbr, key, n)) && n > 1) {
		out_word(o, table_field(r, 4), i, j - 1);
		return j - i;
	}
	if (!(tl->tok[i].flags & TF_CAPS))
		return 0;
	if (n == 2 && (!capitalized(tl, j) || tl->tok[i].text[0] == 'I'))
		return 0;                           /* "vitamin C." ends a sentence */
	for (size_t k = i; k < j; k += 2)
		sb_addch(&en->sb, tl->tok[k].text[0]);
	if ((r = table_get(en->addr, en->sb.buf, en->sb.len)) &&
	    !strcmp(table_field(r, 2), "state") && state_context(en, tl, i, j)) {
		sb_reset(&en->sb);                  /* "Albany, N.Y." */
		sb_adds(&en->sb, table_field(r, 1));
	}
	en_emit(o, &en->sb, i, j - 1);
	return j - i;
}

/* ---- US states in addresses: "Santa Clara, CA 95051" ---- */

/* A US state code after a city. */
/* The state row at token i: a postal code (CA) or an AP abbreviation with
 * its stop (Calif.); *end after it. */
static const struct table_row *state_at(struct en *en, const struct tok_line *tl,
					size_t i, size_t *end)
{
	const struct token *t = &tl->tok[i];
	const struct table_row *r;
	int dot = en_is_punct(tl, i + 1, '.') && en_glued(tl, i + 1);

	if (t->kind != TOK_WORD || !(t->flags & TF_UPPER) ||
	    !(r = table_get(en->addr, t->text, t->len)) || strcmp(table_field(r, 2), "state"))
		return NULL;
	if (!(t->flags & TF_CAPS) && t->len > 1 && !dot && t->len <= 4 &&
	    !tok_eq_ci(t, table_field(r, 1)))
		return NULL;                       /* "Calif" needs its stop; "Ohio" */
	*end = i + 1 + (dot && !(t->flags & TF_CAPS));
	return r;
}

/* The state written in dotted initials at token i ("N.Y.", "N.C.", "D.C."),
 * *end after its last stop; NULL if none. */
static const struct table_row *dotted_state(struct en *en, const struct tok_line *tl,
					    size_t i, size_t *end)
{
	const struct table_row *r;
	char key[2];

	for (int k = 0; k < 2; k++) {
		size_t w = i + 2 * (size_t)k;
		if (!en_is_word(tl, w) || tl->tok[w].len != 1 || !(tl->tok[w].flags & TF_CAPS) ||
		    !en_is_punct(tl, w + 1, '.') || (k && !en_glued(tl, w)) || !en_glued(tl, w + 1))
			return NULL;
		key[k] = tl->tok[w].text[0];
	}
	if (en_glued(tl, i + 4) && en_is_word(tl, i + 4))
		return NULL;                       /* "W.Va." and longer: not here */
	if (!(r = table_get(en->addr, key, 2)) || strcmp(table_field(r, 2), "state"))
		return NULL;
	*end = i + 4;
	return r;
}

/* After "City," a state follows at the end, before a comma, a ZIP code
 * or a lower-case word. */
static int state_context(struct en *en, const struct tok_line *tl, size_t i, size_t end)
{
	return i >= 2 && en_is_punct(tl, i - 1, ',') && !en_glued(tl, i) &&
		(tl->tok[i - 2].kind == TOK_WORD && (tl->tok[i - 2].flags & TF_UPPER)) &&
		(end >= tl->n || en_is_punct(tl, end, ',') || en_is_punct(tl, end, '.') ||
		 (en_is_word(tl, end) && !(tl->tok[end].flags & (TF_UPPER | TF_CAPS))) ||
		 (en_is_num(tl, end) && tl->tok[end].len == 5) ||
		 (end > i + 1 && en_sentence_starts(en, tl, end)));
}

size_t en_rule_state(struct en *en, const struct tok_line *tl, size_t i,
			 struct norm_out *o)
{
	const struct table_row *r, *p;
	size_t end;

	if (en_is_word(tl, i) && tl->tok[i].len == 1 && en_is_punct(tl, i + 1, '-') &&
	    en_glued(tl, i + 1) && en_glued(tl, i + 2) &&
	    (p = table_get(en->addr, tl->tok[i].text, 1)) && !strcmp(table_field(p, 2), "party") &&
	    ((r = state_at(en, tl, i + 2, &end)) || (r = dotted_state(en, tl, i + 2, &end)))) {
		sb_adds(&en->sb, table_field(p, 1));    /* "D-Calif.", "D-N.Y.": Democrat of ... */
		sb_adds(&en->sb, " of ");
		sb_adds(&en->sb, table_field(r, 1));
		en_emit(o, &en->sb, i, end - 1);
		return end - i;
	}
	if (!(r = state_at(en, tl, i, &end)) || !(tl->tok[i].flags & TF_CAPS ||
						  end > i + 1) || !state_context(en, tl, i, end))
		return 0;
	if (tok_eq_ci(&tl->tok[i], table_field(r, 1)) && end == i + 1)
		return 0;                               /* "Texas" as written */
	out_word(o, table_field(r, 1), i, end - 1);
	return end - i;
}

/* ---- acronyms and symbols ---- */

/* Capitalized acronyms with a fixed reading (NATO -> Nato). */
/* Write the letters of an acronym spaced ("M P"), or its table form. */
static void acronym_letters(struct en *en, const char *s, size_t n)
{
	const struct table_row *r = table_get(en->acro, s, n);

	if (r) {
		sb_adds(&en->sb, table_field(r, 1));
		return;
	}
	for (size_t k = 0; k < n; k++) {
		if (k)
			sb_addch(&en->sb, ' ');
		sb_addch(&en->sb, s[k]);
		if (s[k] == 'A' && k + 1 < n)
			sb_addch(&en->sb, '-');         /* a lone "A" is the article */
	}
}

static int en_acronym_sayable(const char *s, size_t n);

/* A capital word (token i) the English word list has as an ordinary word
 * (not as an acronym: "US" stays letters), or as a proper noun English
 * could read as a word (not IDA): its spelling goes to en->sb.
 * In a headline, a word of three letters or more that the list has both
 * ways is the word ("MUST ACT NOW", "END OF AN ERA"), unless context.tsv
 * gives it the role caps_acronym (VAT, SAP). */
static int caps_word(struct en *en, const struct tok_line *tl, size_t i)
{
	const struct token *t = &tl->tok[i];
	size_t start = en->sb.len;
	char low[32];

	if (en->headline && t->len >= 3 && t->len < sizeof(low) &&
	    !en_word_role(en, tl, i, "caps_acronym")) {
		for (size_t k = 0; k < t->len; k++)
			low[k] = (char)(t->text[k] | 0x20);   /* ASCII capitals */
		if (!wordlist_find("en", low, t->len, &en->sb))
			return 0;
	} else if (!wordlist_find("en", t->text, t->len, &en->sb)) {
		return 0;
	} else if (en->sb.buf[start] >= 'A' && en->sb.buf[start] <= 'Z' &&
		   !en_acronym_sayable(t->text, t->len)) {
		sb_truncate(&en->sb, start);   /* IDA, ADA: an acronym, not Ida */
		return 0;
	}
	for (size_t k = start; k < en->sb.len; k++)
		if (en->sb.buf[k] >= 'a' && en->sb.buf[k] <= 'z')
			return 1;
	sb_truncate(&en->sb, start);
	return 0;
}

/* Runs of two or three consonant letters that English words begin and
 * end with (one consonant is always allowed): an acronym read as a word
 * must be made of them. */
static const char *const en_onsets[] = {
	"BL", "BR", "CH", "CL", "CR", "DR", "DW", "FL", "FR", "GL", "GN", "GR", "KL",
	"KN", "KR", "PH", "PL", "PR", "PS", "SC", "SCR", "SH", "SHR", "SK", "SL", "SM",
	"SN", "SP", "SPL", "SPR", "ST", "STR", "SW", "TH", "THR", "TR", "TW", "WH", "WR",
};
static const char *const en_codas[] = {
	"BS", "CH", "CK", "CT", "DS", "FF", "FT", "GS", "KS", "LD", "LF", "LK", "LL",
	"LM", "LP", "LS", "LT", "MB", "MP", "MS", "NCH", "ND", "NDS", "NG", "NK", "NS",
	"NT", "NTS", "PS", "PT", "RB", "RC", "RD", "RF", "RG", "RK", "RL", "RM", "RN",
	"RP", "RS", "RST", "RT", "RTH", "SH", "SK", "SP", "SS", "ST", "TH", "TS", "TT",
	"XT",
};

/* Whether s[0..n) is one of the runs of set (or at most one letter). */
static int in_runs(const char *const *set, size_t count, const char *s, size_t n)
{
	if (n <= 1)
		return 1;
	for (size_t k = 0; k < count; k++)
		if (strlen(set[k]) == n && !memcmp(set[k], s, n))
			return 1;
	return 0;
}

/* Country codes that open an acronym spelled whole, whatever follows:
 * UKRI, UKHSA, USGS, USAF (UKIP, USAID "U S aid" are in the lexicon). */
static const char *const en_spelled_prefixes[] = { "UK", "US" };

/* Whether the capital letters s[0..n) open with a vowel, a consonant and
 * a vowel and stop there (IRA, IDA, ADA, EPA: English spells these; ISA
 * is in the lexicon). */
static int vowel_consonant_vowel(const char *s, size_t n)
{
	return n == 3 && strchr("AEIOU", s[0]) && !strchr("AEIOUY", s[1]) &&
		strchr("AEIOU", s[2]);
}

/* Whether s[0..n) opens with a prefix of en_spelled_prefixes then a
 * consonant. */
static int spelled_prefix(const char *s, size_t n)
{
	for (size_t k = 0; k < ARRAY_SIZE(en_spelled_prefixes); k++) {
		size_t m = strlen(en_spelled_prefixes[k]);

		if (n > m + 1 && !memcmp(s, en_spelled_prefixes[k], m) &&
		    !strchr("AEIOU", s[m]))
			return 1;
	}
	return 0;
}

/* Whether the capital letters s[0..n) can be read as an English word: a
 * vowel, no doubled a, i or u to begin with (AARP), Q before U, no run of
 * three vowels (UKAEA), not vowel-consonant-vowel alone (IDA), no country
 * code first (UKRI), and every run of consonants an onset, a coda, or a
 * coda then an onset (OPCW, AARP are spelled; NIST, DARPA, CENTCOM are
 * words). */
static int en_acronym_sayable(const char *s, size_t n)
{
	size_t k = 0, vowels = 0;

	if (vowel_consonant_vowel(s, n) || spelled_prefix(s, n))
		return 0;
	while (k < n) {
		size_t start = k;

		while (k < n && !(strchr("AEIOU", s[k]) || (s[k] == 'Y' && k &&
				  !strchr("AEIOU", s[k - 1]))))
			k++;                          /* a run of consonants */
		if (start == 0 && !in_runs(en_onsets, ARRAY_SIZE(en_onsets), s, k))
			return 0;
		if (k == n && start > 0 && !in_runs(en_codas, ARRAY_SIZE(en_codas), s + start,
						      k - start))
			return 0;
		if (start > 0 && k < n) {
			int ok = 0;
			for (size_t c = start; c <= k && !ok; c++)
				ok = in_runs(en_codas, ARRAY_SIZE(en_codas), s + start, c - start) &&
					in_runs(en_onsets, ARRAY_SIZE(en_onsets), s + c, k - c);
			if (!ok)
				return 0;
		}
		for (size_t q = start; q < k; q++)
			if (s[q] == 'Q' && (q + 1 >= n || s[q + 1] != 'U'))
				return 0;
		if (k == 0 && n > 1 && s[0] == s[1] && strchr("AIU", s[0]))
			return 0;     /* AARP; after an onset the pair is one vowel: FAANG, JUUL */
		start = k;
		while (k < n && (strchr("AEIOU", s[k]) || s[k] == 'Y'))
			k++, vowels++;
		if (k - start >= 3)
			return 0;                     /* UKAEA, AIADMK */
	}
	return vowels > 0;
}

/* Whether the capitals s[0..n) begin with a vowel or an English onset:
 * eSpeak NG spells an acronym that does not (FBI, NHS) and tries to read
 * the others as words, whatever follows (OPCW "opkwa", AARP "arp"). */
static int en_onset_ok(const char *s, size_t n)
{
	size_t k = strcspn(s, "AEIOUY");

	return k < n && in_runs(en_onsets, ARRAY_SIZE(en_onsets), s, k);
}

/* Whether eSpeak NG, given the capitals s[0..n) that open with no English
 * onset, would say them wrong: it spells letters up to the first onset
 * and reads the rest as a word, right when that rest is a word (CNET
 * "C net", MCAT), wrong when it is not (FDIC "F dick"); a rest of two
 * letters it spells too (FBI, SFO). */
static int unspelled_tail(const char *s, size_t n)
{
	for (size_t k = 1; k + 1 < n; k++)
		if (en_onset_ok(s + k, n - k))
			return n - k >= 3 && !wordlist_contains("en", s + k, n - k);
	return 0;
}

/* "MPs", "NGOs": spelled with "'s", since eSpeak NG drops the s of "MPs". */
static size_t acronym_plural(struct en *en, const struct tok_line *tl, size_t i,
			     struct norm_out *o)
{
	const struct token *t = &tl->tok[i];

	acronym_letters(en, t->text, t->len - 1);
	sb_adds(&en->sb, "'s");
	en_emit(o, &en->sb, i, i);
	return 1;
}

/* The base letter of the Latin-1 capital U+00C0..U+00DE at 0xC3 d, or 0. */
static char latin1_base(unsigned char d)
{
	static const char base[] = "AAAAAAACEEEEIIIIDNOOOOO\0OUUUUYT";

	return d >= 0x80 && d <= 0x9E ? base[d - 0x80] : 0;
}

/* A word in capitals with an accented capital among more plain ones (RTÉ,
 * ÖVP, CAFÉ in a headline; ÀÁÂÃ is none): an acronym is spelled by its
 * base letters ("R T E", never "acute"); one the phonotactic rule reads
 * as a word, or any in a headline, is said as the word in lower case
 * ("café"). */
static size_t accented_acronym(struct en *en, const struct tok_line *tl, size_t i,
			       struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	char ascii[16];
	size_t n = 0, plain = 0, j = i + 1;

	for (size_t k = 0; k < t->len; k++) {
		unsigned char c = (unsigned char)t->text[k];

		if (n + 1 >= sizeof ascii)
			return 0;
		if (c >= 'A' && c <= 'Z')
			ascii[n++] = (char)c, plain++;
		else if (c == 0xC3 && k + 1 < t->len && latin1_base((unsigned char)t->text[k + 1]))
			ascii[n++] = latin1_base((unsigned char)t->text[++k]);
		else
			return 0;
	}
	ascii[n] = '\0';
	if (n < 2 || 2 * plain <= n)
		return 0;                     /* mostly accents (ÀÁÂÃ): no acronym */
	if (en_is_punct(tl, j, '\'') && en_glued(tl, j) && en_word_is(tl, j + 1, "s") &&
	    en_glued(tl, j + 1))
		j += 2;                              /* RTÉ's */
	if (en->headline || (n >= 4 && en_acronym_sayable(ascii, n))) {
		for (size_t k = 0; k < t->len; k++) {
			unsigned char c = (unsigned char)t->text[k];

			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + 32);
			else if (k && (unsigned char)t->text[k - 1] == 0xC3)
				c = (unsigned char)(c + 32);
			sb_addch(&en->sb, (char)c);
		}
	} else {
		acronym_letters(en, ascii, n);
	}
	if (j > i + 1)
		sb_adds(&en->sb, "'s");
	en_emit(o, &en->sb, i, j - 1);
	return j - i;
}

/* Whether the capital A at token i is the letter, not the article: inside
 * a sentence in ordinary case, where the article is written "a" ("Plan A
 * failed", "Grade A students", "the A team"), or glued to a slash ("A/B");
 * not opening a sentence, a quote or a title ("A Tale of Two Cities"). */
static int letter_a(struct en *en, const struct tok_line *tl, size_t i)
{
	const struct token *p = i ? &tl->tok[i - 1] : NULL;

	if ((en_is_punct(tl, i + 1, '/') && en_glued(tl, i + 1) && en_is_word(tl, i + 2)) ||
	    (en_is_punct(tl, i - 1, '/') && en_glued(tl, i)))
		return 1;
	if (en->headline || !p || p->kind != TOK_WORD || !en_is_word(tl, i + 1) ||
	    (tl->tok[i + 1].flags & TF_UPPER) || en_glued(tl, i + 1))
		return 0;
	return !(p->flags & TF_CAPS) || p->len > 1;
}

size_t en_rule_acronym(struct en *en, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	const struct table_row *r;
	size_t j = i + 1;

	size_t len = t->len, caps = 0;

	if (t->kind == TOK_WORD && !(t->flags & TF_ASCII) && (t->flags & TF_CAPS))
		return accented_acronym(en, tl, i, o);
	if (t->kind != TOK_WORD || !(t->flags & TF_ASCII))
		return 0;
	if (len == 1 && t->text[0] == 'A' && letter_a(en, tl, i)) {
		sb_adds(&en->sb, "A-");
		en_emit(o, &en->sb, i, i);
		return 1;
	}
	while (caps < len && t->text[caps] >= 'A' && t->text[caps] <= 'Z')
		caps++;
	if (caps >= 2 && caps + 1 == len && t->text[caps] == 's' &&
	    (!en_glued(tl, i + 1) || tl->tok[i + 1].kind == TOK_PUNCT))
		return acronym_plural(en, tl, i, o);     /* MPs, NGOs */
	if (!(t->flags & TF_CAPS))
		return 0;
	r = table_get(en->acro, t->text, t->len);
	if (en_is_word(tl, j) && en_glued(tl, j) && tok_eq_ci(&tl->tok[j], "s") &&
	    !(tl->tok[j].flags & TF_CAPS))
		j++;                                 /* MPs */
	else if (en_is_punct(tl, j, '\'') && en_glued(tl, j) && en_word_is(tl, j + 1, "s") &&
		 en_glued(tl, j + 1))
		j += 2;                              /* IMF's */
	if (!r && (j == i + 1 || (j == i + 3 && t->len >= 3)) &&
	    (t->len >= 3 || en->headline) && caps_word(en, tl, i)) {
		if (j == i + 3)
			sb_adds(&en->sb, "'s");   /* a headline's BIDEN'S, CHINA'S */
		en_emit(o, &en->sb, i, j - 1);   /* "SHH" -> "shh"; "GO" in a headline */
		return j - i;
	}
	if (!r && j == i + 1 && t->len <= 3 &&
	    ((en_is_punct(tl, i + 1, '&') && en_glued(tl, i + 1)) ||
	     (en_is_punct(tl, i - 1, '&') && en_glued(tl, i)))) {
		acronym_letters(en, t->text, t->len);   /* AT&T, S&P: letters */
		if (t->text[t->len - 1] == 'A')
			sb_addch(&en->sb, '-');          /* Q&A: not the article */
		en_emit(o, &en->sb, i, i);
		return 1;
	}
	if (!r && j == i + 1 && t->len >= 2 && t->len <= 8 && !en->headline &&
	    !en_acronym_sayable(t->text, t->len) &&
	    (en_onset_ok(t->text, t->len) || unspelled_tail(t->text, t->len))) {
		acronym_letters(en, t->text, t->len);   /* OPCW, AARP, FDIC: letters */
		if (t->text[t->len - 1] == 'A')
			sb_addch(&en->sb, '-');
		en_emit(o, &en->sb, i, i);
		return 1;
	}
	if (!r && (j == i + 1 || t->len < 2 || t->len > 5))
		return 0;                            /* left to eSpeak NG */
	acronym_letters(en, t->text, t->len);
	if (j > i + 1)
		sb_adds(&en->sb, "'s");
	en_emit(o, &en->sb, i, j - 1);
	return j - i;
}

/* Is token i a closing inch mark: 12" with no quotation open before? */
static int inch_mark(const struct tok_line *tl, size_t i)
{
	size_t quotes = 0;

	if (!en_is_num(tl, i - 1) || !en_glued(tl, i) || !i)
		return 0;
	for (size_t k = i > 200 ? i - 200 : 0; k < i; k++)   /* bounded look-back */
		quotes += en_is_punct(tl, k, '"');
	return quotes % 2 == 0;
}

/* The symbols-table row of token t: by its text, else by "U+XXXX" (for
 * marks that cannot start a table line, such as '#'). */
static const struct table_row *symbol_row(struct en *en, const struct token *t)
{
	const struct table_row *r = table_get(en->sym, t->text, t->len);
	uint32_t cp;
	char key[16];

	if (r || strchr(".,;:!?()[]'\"-", t->text[0]) || !utf8_decode(t->text, t->len, &cp))
		return r;
	snprintf(key, sizeof(key), "U+%04X", (unsigned)cp);
	return table_get(en->sym, key, strlen(key));
}

/* Symbols said as words: & @ # % + = and inch marks. */
size_t en_rule_symbol(struct en *en, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	const struct table_row *r;

	if (t->kind != TOK_PUNCT)
		return 0;
	if (en_is_punct(tl, i, '"') && inch_mark(tl, i)) {
		out_word(o, en_tok_val(tl, i - 1) == 1 ? "inch" : "inches", i, i);
		return 1;
	}
	if (en_is_punct(tl, i, '-') && i && (en_is_num(tl, i - 1) || en_is_word(tl, i - 1)) &&
	    (en_is_num(tl, i + 1) || en_is_word(tl, i + 1)) &&
	    (en_is_punct(tl, i + 2, '=') || en_is_punct(tl, i + 3, '='))) {
		out_word(o, "minus", i, i);
		return 1;
	}
	if (en_is_punct(tl, i, '+') && en_is_punct(tl, i + 1, '/') && en_is_punct(tl, i + 2, '-') &&
	    en_glued(tl, i + 1) && en_glued(tl, i + 2)) {
		out_word(o, "plus or minus", i, i + 2);   /* "+/- 3 points", as ± */
		return 3;
	}
	if (en_is_punct(tl, i, '#') && en_is_num(tl, i + 1) && en_glued(tl, i + 1)) {
		out_word(o, "number", i, i);
		return 1;
	}
	if (en_is_punct(tl, i, '#') && en_is_word(tl, i + 1) && en_glued(tl, i + 1) &&
	    en_run_start(tl, i)) {
		out_word(o, "hashtag", i, i);      /* #MeToo */
		return 1;
	}
	/* A slash is said between two words ("and/or", "Paris / Rome") and
	 * where it stands loose, glued on one side only ("14/ they're", a
	 * leading "/"); between numbers the number rules read it. */
	if (en_is_punct(tl, i, '/') && en_glued(tl, i) == en_glued(tl, i + 1) &&
	    !(en_is_word(tl, i - 1) && en_is_word(tl, i + 1)))
		return 0;
	if (!(r = symbol_row(en, t)))
		return 0;
	out_word(o, table_field(r, 1), i, i);
	return 1;
}

